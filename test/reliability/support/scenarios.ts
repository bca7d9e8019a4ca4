/**
 * Every operation of every resource, as a host-tier scenario for the fault matrix
 * (test/reliability/faults-*.host.test.ts): how to set it up, how to run it through the real
 * dynamic-provider host, and what MailerSend must hold afterwards whether it succeeded or failed.
 *
 * Each operation is chosen to make every call of its normal path (a Domain create with a
 * non-default setting: POST, settings PUT and dns-records; a paused token: POST then PUT; a pending
 * invite's update: DELETE then POST), so a fault on each call of the operation reaches every step.
 * The recovery calls after a lost answer (lookups, token sweeps) are not faulted themselves.
 */
import type { Emulator } from "../../../emulator";
import type { Props } from "../../support/dynamic-provider-host";
import type { HostFixture } from "../../support/host-fixture";
import { tokenScenarios, userScenarios } from "./scenarios-access";
import { domainScenarios, identityScenarios, verificationScenarios } from "./scenarios-domains";

export type Operation = "create" | "read" | "update" | "delete";
export type ResourceType =
  "Domain" | "DomainVerification" | "SenderIdentity" | "ApiToken" | "ClientUser";

/** What a scenario's setup leaves for the operation. */
export interface Prepared {
  /** Inputs for create (checked, `__provider` included). */
  inputs: Props;
  /** For read/update/delete: the object created cleanly beforehand. */
  id?: string;
  outs?: Props;
  /** For update: the new inputs (checked). */
  news?: Props;
  /** Ids of prerequisites (the domain an identity or token belongs to). */
  domainId?: string;
}

/** The result of running the operation: the id and outputs it produced, when it produced some. */
export interface Ran {
  id?: string;
  outs?: Props;
}

export interface Scenario {
  type: ResourceType;
  op: Operation;
  /** Runs with the account empty and the request log cleared afterwards by the caller. */
  prepare(f: HostFixture): Promise<Prepared>;
  run(f: HostFixture, p: Prepared): Promise<Ran>;
  /**
   * What MailerSend must hold once the operation SUCCEEDED: exactly one object (none after a
   * delete), matching what the operation was asked for.
   */
  afterSuccess(f: HostFixture, p: Prepared, ran: Ran): Promise<void>;
  /**
   * How many objects of the resource's kind MailerSend holds (for DomainVerification, which has
   * none of its own: the domains). After a FAILED operation the engine keeps the previous state, so
   * the count must be what it was before, except a create that reports the object it made (a
   * partial failure, recorded in the stack) and a delete that happened although its answer was lost.
   */
  objects(emulator: Emulator): number;
  /**
   * The operation removes the object before it makes the new one (a pending invite cannot be
   * edited, and an address can be invited only once), so a failure after the first step leaves
   * none; the next run makes it again.
   */
  removesFirst?: boolean;
}

/** Every resource × operation, in a fixed order. */
export function allScenarios(): Scenario[] {
  return [
    ...domainScenarios(),
    ...verificationScenarios(),
    ...identityScenarios(),
    ...tokenScenarios(),
    ...userScenarios(),
  ];
}

/** `ApiToken create`, for test names. */
export function label(s: Pick<Scenario, "type" | "op">): string {
  return `${s.type} ${s.op}`;
}

/** One kind of API call: the method and the path with ids as wildcards (`PUT /domains/*\/settings`). */
export interface CallKind {
  method: string;
  /** e.g. `/domains/{}/settings` */
  template: string;
  pattern: RegExp;
}

const LITERAL_SEGMENTS = new Set(["settings", "dns-records", "verify", "resend", "email"]);

/** The kind of a logged call (`/v1` already stripped), ids replaced by `{}`. */
export function callKind(method: string, pathAfterV1: string): CallKind {
  const [first, ...rest] = pathAfterV1.split("/").filter(Boolean);
  const parts = [first, ...rest.map((s) => (LITERAL_SEGMENTS.has(s) ? s : "{}"))];
  const template = `/${parts.join("/")}`;
  const source = parts.map((p) => (p === "{}" ? "[^/]+" : p.replace(/[-]/g, "\\-"))).join("\\/");
  return { method, template, pattern: new RegExp(`^\\/${source}$`) };
}

/** The distinct kinds of call in a list of logged calls, in first-seen order. */
export function distinctKinds(calls: { call: string }[]): CallKind[] {
  const seen = new Map<string, CallKind>();
  for (const { call } of calls) {
    const [method, path] = call.split(" ");
    const kind = callKind(method, path);
    const key = `${kind.method} ${kind.template}`;
    if (!seen.has(key)) seen.set(key, kind);
  }
  return [...seen.values()];
}

/** A MailerSend secret (the account key or a token value) anywhere in a text. */
export const SECRET_PATTERN = /mlsn\.[0-9a-f]{64}/;
