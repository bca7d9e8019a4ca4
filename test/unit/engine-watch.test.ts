/**
 * The engine watch (provider/api/engine-watch.ts): a provider whose engine has gone away stops; a
 * host started without a live engine (a test harness) is never stopped.
 */
import * as net from "node:net";
import { describe, expect, it } from "vitest";
import { createEngineWatch, engineAddress } from "../../provider/api/engine-watch";

function listen(): Promise<{ server: net.Server; address: string }> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ server, address: `127.0.0.1:${port}` });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("engine watch", () => {
  it("lets requests through while the engine answers, and reports it gone once it stops", async () => {
    const { server, address } = await listen();
    let goneCalls = 0;
    const watch = createEngineWatch(address, () => goneCalls++, 50);
    try {
      await watch.ensureAlive(); // resolves: the engine answers
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sleep(300);
      expect(goneCalls).toBe(1);
      // A request that asks now never goes out.
      const outcome = await Promise.race([
        watch.ensureAlive().then(() => "sent"),
        sleep(200).then(() => "held"),
      ]);
      expect(outcome).toBe("held");
      expect(goneCalls).toBe(1);
    } finally {
      watch.stop();
    }
  });

  it("never reports an engine that was not there to begin with", async () => {
    const { server, address } = await listen();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    let goneCalls = 0;
    const watch = createEngineWatch(address, () => goneCalls++, 50);
    try {
      await watch.ensureAlive();
      await sleep(200);
      expect(goneCalls).toBe(0);
    } finally {
      watch.stop();
    }
  });

  it("reads the engine address from the host's command line", () => {
    expect(engineAddress(["node", "index.js", "127.0.0.1:40123"])).toBe("127.0.0.1:40123");
    expect(engineAddress(["node", "vitest", "run"])).toBeUndefined();
    expect(engineAddress(["node", "index.js"])).toBeUndefined();
  });
});
