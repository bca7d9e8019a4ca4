/**
 * A real DNS server on loopback for DMARC lookups: dnsmasq from Debian (`dnsmasq-base`, installed by
 * .ci/run), serving the TXT records a test gives it and NXDOMAIN for any other name under `.test`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";

export interface DnsServer {
  /** `127.0.0.1:<port>`, for `Resolver.setServers` / the Client's `dmarcLookup.servers`. */
  address: string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Starts dnsmasq with these TXT records (name → one or more values). Fails clearly if it is missing. */
export async function startDnsServer(txt: Record<string, string | string[]>): Promise<DnsServer> {
  const port = await freeUdpPort();
  const args = [
    "--keep-in-foreground",
    "--conf-file=/dev/null",
    "--no-resolv",
    "--no-hosts",
    "--bind-interfaces",
    "--listen-address=127.0.0.1",
    `--port=${port}`,
    "--local=/test/",
    "--pid-file=",
  ];
  for (const [name, values] of Object.entries(txt)) {
    for (const value of [values].flat()) args.push(`--txt-record=${name},${value}`); // no shell: no quotes (they would be literal)
  }
  const binary = process.env.DNSMASQ ?? "/usr/sbin/dnsmasq";
  let stderr = "";
  const child: ChildProcess = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (error) =>
      reject(
        new Error(
          `cannot start dnsmasq (${binary}): ${error.message}. Install the Debian package dnsmasq-base (.ci/run does).`,
        ),
      ),
    );
    child.once("exit", (code) => reject(new Error(`dnsmasq exited with ${code}: ${stderr}`)));
  });
  const address = `127.0.0.1:${port}`;
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([address]);
  const ready = (async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await resolver.resolveTxt("ready.test");
        return;
      } catch (error) {
        if ((error as { code?: string }).code === "ENOTFOUND") return; // NXDOMAIN: it answers
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`dnsmasq did not answer on ${address}: ${stderr}`);
  })();
  await Promise.race([ready, failed]);
  return {
    address,
    async stop() {
      if (child.exitCode === null) {
        child.kill();
        await exited;
      }
    },
  };
}
