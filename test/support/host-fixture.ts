/**
 * One MailerSend emulator plus one real dynamic-provider host, configured the way the engine
 * configures it (stack config with the API key as a secret), for host-tier tests.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import {
  secretValue,
  serializedProvider,
  startDynamicProviderHost,
  type DynamicProviderHost,
  type Props,
} from "./dynamic-provider-host";

export interface HostFixture {
  emulator: Emulator;
  host: DynamicProviderHost;
  /** `__provider` for each resource type, serialized as `pulumi up` does. */
  provider(type: string): Promise<string>;
  /** check() with no old inputs; throws on failures. The checked inputs, `__provider` included. */
  checked(type: string, args: Props): Promise<Props>;
  /** The API calls made since the last `clearCalls()`: `METHOD /path` plus the body when there is one. */
  calls(): { call: string; body?: unknown; status: number | null }[];
  clearCalls(): void;
  stop(): Promise<void>;
}

export const PROJECT = "host-test";

export async function startHostFixture(
  options: { emulator?: EmulatorOptions; config?: Props; env?: NodeJS.ProcessEnv } = {},
): Promise<HostFixture> {
  const emulator = await startEmulator({ rateLimit: false, ...options.emulator });
  const host = await startDynamicProviderHost({ project: PROJECT, env: options.env });
  await host.configure({
    "mailersend:apiKey": secretValue(emulator.apiKey),
    "mailersend:apiUrl": emulator.url,
    // Keep retries quick in tests; the policy itself is covered by unit and API tests.
    "mailersend:retryBaseDelayMs": "20",
    // No pacing (default 60 requests a minute, MailerSend's limit): a test file makes more calls
    // than that within a minute. Pacing is covered by the API and throughput tests.
    "mailersend:rateLimitRequests": "100000",
    "mailersend:rateLimitWindowSeconds": "1",
    ...options.config,
  });
  const providers = new Map<string, string>();
  const provider = async (type: string) => {
    if (!providers.has(type)) providers.set(type, await serializedProvider(type));
    return providers.get(type)!;
  };
  return {
    emulator,
    host,
    provider,
    async checked(type, args) {
      const { inputs, failures } = await host.check(
        {},
        { ...args, __provider: await provider(type) },
      );
      if (failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
      return inputs;
    },
    calls() {
      return emulator.requests.list().map((entry) => ({
        call: `${entry.method} ${entry.path.replace(/^\/v1/, "")}`,
        ...(entry.body === undefined ? {} : { body: entry.body }),
        status: entry.status,
      }));
    },
    clearCalls() {
      emulator.requests.clear();
    },
    async stop() {
      await host.stop();
      await emulator.close();
    },
  };
}
