/**
 * What lands in state and logs: the serialized `__provider` (small, identical, no secret, no path)
 * and the API key (never in an output, an error or the host's stderr, whether it came from stack
 * config or the environment).
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator";
import {
  REPO_ROOT,
  serializedProvider,
  startDynamicProviderHost,
  type DynamicProviderHost,
} from "../support/dynamic-provider-host";
import { startHostFixture } from "../support/host-fixture";

const TYPES = ["Domain", "DomainVerification", "SenderIdentity", "ApiToken", "ClientUser"];

describe("the serialized provider (__provider)", () => {
  it.each(TYPES)(
    "%s: under 100 bytes, no absolute path, no secret, requires the runtime by package name",
    async (type) => {
      process.env.MAILERSEND_API_KEY = "mlsn.shape-test-key-that-must-not-leak";
      try {
        const text = await serializedProvider(type);
        expect(Buffer.byteLength(text)).toBeLessThan(100);
        expect(text).not.toContain(REPO_ROOT);
        expect(text).not.toMatch(/["'`](\/|[A-Za-z]:\\)[^"'`]*["'`]/); // no absolute path literal
        expect(text).not.toContain("shape-test-key");
        expect(text).not.toContain("mlsn.");
        expect(text).toContain('require("pulumi-mailersend/runtime")');
        expect(text).toContain(`"${type}"`);
        // Identical every time: no spurious `~__provider` diffs between runs or releases.
        expect(await serializedProvider(type)).toBe(text);
      } finally {
        delete process.env.MAILERSEND_API_KEY;
      }
    },
  );
});

describe("the API key", () => {
  it("given by stack config, never appears in outputs, errors or the host's stderr", async () => {
    const f = await startHostFixture();
    try {
      const key = f.emulator.apiKey;
      const domain = await f.host.create(await f.checked("Domain", { name: "acme.test" }));
      const token = await f.host.create(
        await f.checked("ApiToken", { name: "t", scopes: ["email_full"] }),
      );
      f.emulator.faults.add({ method: "GET", path: /^\/domains\//, status: 500, times: Infinity });
      const refreshError = await f.host.read(domain.id, domain.outs).catch((e: Error) => e);
      f.emulator.faults.clear();
      f.emulator.faults.add({ status: 401, body: { message: `Bad key ${key}` }, times: Infinity });
      const createError = await f.host
        .create(await f.checked("Domain", { name: "other.test" }))
        .catch((e: Error) => e);
      const everything = JSON.stringify([
        domain,
        token,
        String(refreshError),
        String(createError),
        f.host.stderr(),
      ]);
      expect(String(refreshError)).toContain(
        `MailerSend API GET /domains/${domain.id} failed: 500`,
      );
      expect(String(createError)).toContain(
        "MailerSend API POST /domains failed: 401 Bad key [redacted]",
      );
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(key.slice(5)); // not even without the mlsn. prefix
    } finally {
      await f.stop();
    }
  });

  it("given by the environment, is used and never appears either", async () => {
    let emulator: Emulator | undefined;
    let host: DynamicProviderHost | undefined;
    try {
      emulator = await startEmulator({ rateLimit: false });
      host = await startDynamicProviderHost({
        env: { MAILERSEND_API_KEY: emulator.apiKey, MAILERSEND_API_URL: emulator.url },
      });
      await host.configure({}); // a stack without mailersend:* config
      const __provider = await serializedProvider("Domain");
      const { inputs } = await host.check({}, { name: "env.test", __provider });
      const created = await host.create(inputs);
      expect(emulator.requests.list().map((r) => [r.method, r.path, r.auth])).toEqual([
        ["POST", "/v1/domains", "account-key"],
        ["GET", `/v1/domains/${created.id}/dns-records`, "account-key"],
      ]);
      expect(JSON.stringify(created) + host.stderr()).not.toContain(emulator.apiKey);
    } finally {
      await host?.stop();
      await emulator?.close();
    }
  });

  it("missing, gives an error that says what to set", async () => {
    const host = await startDynamicProviderHost({ env: { MAILERSEND_API_KEY: "" } });
    try {
      await host.configure({});
      const __provider = await serializedProvider("Domain");
      const { inputs } = await host.check({}, { name: "nokey.test", __provider });
      await expect(host.create(inputs)).rejects.toThrow(
        "The MailerSend API key is not set. Run `pulumi config set mailersend:apiKey --secret <key>` in the stack, or set the MAILERSEND_API_KEY environment variable.",
      );
    } finally {
      await host.stop();
    }
  });
});
