/**
 * How the client talks to MailerSend, whatever the object: one call with its answer parsed, a read
 * that maps 404 to `undefined`, a delete that maps 404 to "already gone", every page of a list,
 * and a create that survives a lost answer. The verbs per object are in client.ts.
 */
import type { z } from "zod";
import { MailerSendApiError, MailerSendResponseError } from "./errors";
import { logLine } from "./log";
import { retryDelayMs } from "./retry";
import { pageOf } from "./schemas";
import type { SdkModules, SdkResponse } from "./sdk";
import { Transport, type ApiSettings, type CallSpec, type TransportDeps } from "./transport";

/** The result of a create that may have taken over an object a lost answer had created. */
export interface Created<T> {
  value: T;
  /** True when the object was found after an answer was lost, rather than created by this call. */
  recovered: boolean;
}

export const PAGE_LIMIT = 100;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export abstract class ApiCalls {
  readonly transport: Transport;

  constructor(settings: ApiSettings, deps: TransportDeps = {}) {
    this.transport = new Transport(settings, deps);
  }

  protected async call<T extends z.ZodType>(spec: CallSpec, schema: T): Promise<z.infer<T>> {
    const response = await this.transport.send(spec);
    return parseBody(schema, response, spec);
  }

  /** One call whose answer is `{ data: … }`: the data, parsed. */
  protected async callForData<T extends z.ZodType<{ data: unknown }>>(
    spec: CallSpec,
    schema: T,
  ): Promise<z.infer<T>["data"]> {
    return (await this.call(spec, schema)).data;
  }

  protected async getOrUndefined<T extends z.ZodType<{ data: unknown }>>(
    spec: Omit<CallSpec, "idempotent">,
    schema: T,
  ): Promise<z.infer<T>["data"] | undefined> {
    try {
      return await this.callForData({ ...spec, idempotent: true }, schema);
    } catch (error) {
      if (MailerSendApiError.is(error) && error.isNotFound) return undefined;
      throw error;
    }
  }

  protected async deleteIfExists(spec: Omit<CallSpec, "idempotent">): Promise<boolean> {
    try {
      await this.transport.send({ ...spec, idempotent: true });
      return true;
    } catch (error) {
      // 404 is the one failure that means "done": the object is gone either way.
      if (MailerSendApiError.is(error) && error.isNotFound) return false;
      throw error;
    }
  }

  protected async listAll<T extends z.ZodType>(
    path: string,
    item: T,
    send: (sdk: SdkModules, page: number) => Promise<SdkResponse>,
  ): Promise<z.infer<T>[]> {
    const schema = pageOf(item);
    const all: z.infer<T>[] = [];
    for (let page = 1; ; page++) {
      const body = await this.call(
        {
          method: "GET",
          path: `${path}?page=${page}&limit=${PAGE_LIMIT}`,
          idempotent: true,
          send: (sdk) => send(sdk, page),
        },
        schema,
      );
      all.push(...(body.data as z.infer<T>[]));
      // `GET /users` answers with the whole list and neither `links` nor `meta` (recorded four
      // times, mailersend-python tests/fixtures/cassettes/users_list_basic.yaml and others): an
      // answer without a paging envelope is complete; asking for page 2 would repeat it forever.
      if (body.links === undefined && body.meta === undefined) return all;
      const lastPage = body.meta?.last_page;
      const done =
        body.data.length < PAGE_LIMIT ||
        (typeof lastPage === "number" && page >= lastPage) ||
        (body.links !== undefined && !body.links.next);
      if (done) return all;
    }
  }

  protected async createOnce<T extends z.ZodType<{ data: unknown }>>(
    spec: CallSpec,
    schema: T,
    findExisting: () => Promise<z.infer<T>["data"] | undefined>,
  ): Promise<Created<z.infer<T>["data"]>> {
    const policy = this.transport.settings.retry;
    for (let round = 1; ; round++) {
      try {
        return { value: await this.callForData(spec, schema), recovered: false };
      } catch (error) {
        if (!MailerSendApiError.is(error) || !error.outcomeUnknown || round >= policy.maxAttempts) {
          throw error;
        }
        logLine(
          `${spec.method} ${spec.path}: ${error.kind === "timeout" ? "timed out" : "answer lost"}; ` +
            "checking whether the object was created before trying again",
        );
        const existing = await findExisting();
        if (existing !== undefined) return { value: existing, recovered: true };
        await sleep(retryDelayMs(policy, round, undefined));
      }
    }
  }
}

function parseBody<T extends z.ZodType>(schema: T, response: SdkResponse, spec: CallSpec) {
  const result = schema.safeParse(response.body);
  if (result.success) return result.data as z.infer<T>;
  throw new MailerSendResponseError(
    spec.method,
    spec.path,
    result.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`),
  );
}
