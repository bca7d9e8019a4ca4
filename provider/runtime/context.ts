/**
 * What every runtime operation needs: an API client for the configured account, and the error
 * that tells the engine "the object exists but is not finished" (a partial failure).
 */
import type { z } from "zod";
import { MailerSendClient } from "../api/client";
import { MailerSendApiError } from "../api/errors";
import { logLine } from "../api/log";
import { redactSecrets } from "../api/redact";
import { resolveApiSettings } from "./config";

/** A client for this call. Cheap: the request gate and quota bookkeeping are process-wide. */
export function apiClient(): MailerSendClient {
  return new MailerSendClient(resolveApiSettings());
}

/**
 * Thrown by create/update when the object was created but a later step failed. The
 * dynamic-provider host turns an error with `id` into `ErrorResourceInitFailed`, so the engine keeps
 * the resource in state (with these properties) instead of leaking it; the next `up` finishes it.
 */
export class PartialFailureError extends Error {
  override readonly name = "PartialFailureError";
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(what: string, id: string, properties: Record<string, unknown>, cause: unknown) {
    const reason = redactSecrets(cause instanceof Error ? cause.message : String(cause));
    super(
      `${what} was created (id ${id}) but could not be finished: ${reason}. ` +
        "It is recorded in the stack; run `pulumi up` again to finish it.",
    );
    this.id = id;
    this.properties = properties;
    this.reasons = [reason];
  }
}

/** Strips `__provider` and anything else that is not ours from an input or output bag. */
export function withoutProvider(bag: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _ignored, ...rest } = bag;
  return rest;
}

/** Whether `check` got old inputs, i.e. the resource is already in the stack's state. */
export function isInState(olds: Record<string, unknown> | undefined): boolean {
  return Object.keys(withoutProvider(olds ?? {})).length > 0;
}

/**
 * Inputs as `check` left them (normalised, defaults applied), typed: create and update parse them
 * again rather than trust the shape, since the engine hands them over untyped.
 */
export function parseInputs<S extends z.ZodType>(
  schema: S,
  bag: Record<string, unknown>,
): z.infer<S> {
  return schema.parse(withoutProvider(bag));
}

/**
 * Says a planned replacement out loud while the plan is made: dynamic providers cannot return a
 * detailed diff (docs/pulumi-dynamic-providers.md §1.2), and the engine shows delete-first and
 * create-first replacements alike (pulumi/pulumi#19103), so reviewers get the consequence in words.
 * The sentences are in replacements.ts.
 */
export function announceReplacement<D extends { replaces: string[]; deleteBeforeReplace: boolean }>(
  diff: D,
  what: string,
  consequence: string,
  /** Said instead of the create-first order when one of these inputs is among the replaced. */
  orderWhenReplaced?: { inputs: string[]; order: string },
): D {
  if (diff.replaces.length === 0) return diff;
  const order = diff.deleteBeforeReplace
    ? "the old one is deleted FIRST, then the new one created"
    : orderWhenReplaced && diff.replaces.some((f) => orderWhenReplaced.inputs.includes(f))
      ? orderWhenReplaced.order
      : "the new one is created first, the old one deleted at the end";
  logLine(
    `REPLACEMENT: ${what} will be replaced (${diff.replaces.join(", ")} changed; ${order}). ${consequence}`,
  );
  return diff;
}

/** A 422 whose field errors name `field`: the unique key is taken (name, email). */
export function isTakenError(error: unknown, field: string): error is MailerSendApiError {
  return MailerSendApiError.is(error) && error.status === 422 && field in error.fieldErrors;
}
