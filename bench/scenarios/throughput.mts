/**
 * throughput: `pulumi up --parallel 16` of N clients under R requests per W seconds (emulator and
 * provider config), against the least time the limit allows.
 */
import {
  AGENCY,
  print,
  ratio,
  results,
  seconds,
  stackFor,
  table,
  withEmulator,
} from "../harness.mts";

export async function throughputSection(options: {
  throughput: { clients: number; requests: number; windowSeconds: number }[];
}): Promise<void> {
  print("## Rate-limited throughput\n");
  const rows: (string | number)[][] = [];
  const data: unknown[] = [];
  for (const { clients, requests, windowSeconds } of options.throughput) {
    const windowMs = windowSeconds * 1000;
    await withEmulator({ rateLimit: { requests, windowMs } }, async (emulator) => {
      const agency = emulator.store.domains.create({ name: "agency.test" });
      emulator.store.verifyDomain(agency.id);
      const ws = await stackFor(AGENCY, emulator, {
        clients: String(clients),
        domainEvery: "2",
        agencyDomainId: agency.id,
        "mailersend:rateLimitRequests": String(requests),
        "mailersend:rateLimitWindowSeconds": String(windowSeconds),
      });
      try {
        const up = await ws.run(
          ["up", "--yes", "--skip-preview", "--parallel", "16", "--stack", ws.stack],
          {
            allowFailure: true,
          },
        );
        const log = emulator.requests.list();
        const calls = log.length;
        const limited = log.filter((e) => e.outcome === "rate-limited").length;
        const failed = log.filter((e) => e.outcome !== "ok").length;
        const bound = (calls * windowMs) / requests;
        // The exact least time: the first R requests may go at once, request k (0-based) not
        // before floor(k / R) windows after the first.
        const exact = Math.floor((calls - 1) / requests) * windowMs;
        const times = log.map((e) => Date.parse(e.at));
        const span = Math.max(...times) - Math.min(...times);
        data.push({
          clients,
          requests,
          windowSeconds,
          calls,
          upMs: up.wallMs,
          span,
          exact,
          limited,
          exitCode: up.exitCode,
        });
        rows.push([
          clients,
          `${requests} / ${windowSeconds} s`,
          calls,
          seconds(up.wallMs),
          seconds(bound),
          ratio(up.wallMs, bound),
          seconds(exact),
          ratio(up.wallMs, exact),
          ratio(span, exact),
          up.exitCode === 0 ? "succeeded" : `FAILED (${up.exitCode})`,
          `${limited} (other failures ${failed - limited})`,
        ]);
      } finally {
        ws.cleanup();
      }
    });
  }
  results.throughput = data;
  print(
    table(
      [
        "clients",
        "limit",
        "API calls",
        "up",
        "calls / rate",
        "ratio",
        "exact bound",
        "ratio to exact",
        "API phase ratio",
        "result",
        "429s",
      ],
      rows,
    ),
  );
  print(
    "\nratio: `up` wall time ÷ (calls × W ÷ R), the bound the issue sets. Exact bound: " +
      "⌊(calls − 1) ÷ R⌋ × W, since the first R requests may go at once (it matters when calls " +
      "is not much more than R). API phase ratio: first to last request ÷ exact bound, the " +
      "pacing alone without the engine's start and end.\n",
  );
}
