/**
 * A real DNS server on loopback for DMARC lookups, started in-process: a UDP socket (`node:dgram`)
 * answering with packets encoded by `dns-packet`. It serves the TXT records a test gives it,
 * NXDOMAIN for any other name, and the client is Node's own resolver (c-ares), exactly as in
 * production: nothing outside npm and Node is needed.
 */
import { createSocket, type RemoteInfo } from "node:dgram";
import dnsPacket from "dns-packet";

export interface DnsServer {
  /** `127.0.0.1:<port>`, for `Resolver.setServers` / the Client's `dmarcLookup.servers`. */
  address: string;
  /** Every question asked so far (`<type> <name>`), in order. */
  questions: string[];
  stop(): Promise<void>;
}

/** Starts the server with these TXT records (name → one or more values). */
export async function startDnsServer(txt: Record<string, string | string[]>): Promise<DnsServer> {
  const records = new Map(
    Object.entries(txt).map(([name, values]) => [name.toLowerCase(), [values].flat()]),
  );
  const questions: string[] = [];
  const socket = createSocket("udp4");

  const answer = (message: Buffer, from: RemoteInfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not a DNS query: no answer, as a real server would drop it
    }
    const question = query.questions?.[0];
    if (!question) return;
    questions.push(`${question.type} ${question.name}`);
    const values = records.get(question.name.toLowerCase());
    const response = dnsPacket.encode({
      id: query.id,
      type: "response",
      // The low four bits of the flags are the response code (RFC 1035 §4.1.1): NXDOMAIN (3) for a
      // name we do not know; NOERROR (0) with no answers when the name exists but has no TXT.
      flags:
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        dnsPacket.AUTHORITATIVE_ANSWER |
        (values ? 0 : 3),
      questions: [question],
      answers:
        values && question.type === "TXT"
          ? values.map((value) => ({
              type: "TXT" as const,
              class: "IN" as const,
              name: question.name,
              ttl: 60,
              data: value,
            }))
          : [],
    });
    socket.send(response, from.port, from.address);
  };
  socket.on("message", answer);

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    questions,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
