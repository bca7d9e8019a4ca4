/**
 * The benchmarks, side by side in one run, printed as ratios (see bench/README.md):
 *
 *   npm run bench                                     everything (about 10 minutes on 2 cores)
 *   npm run bench -- --only scale                     one section: calls, scale, state, throughput
 *   npm run bench -- --sizes 1,50 --repeat 1          smaller scale runs
 *   npm run bench -- --throughput 100:20:2,30:60:60   N clients : R requests : per W seconds
 *
 * The measuring harness is bench/harness.mts; each section is a scenario in bench/scenarios/.
 * Results: printed as markdown, and written to bench/results/<timestamp>.{md,json} (git-ignored).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { output, print, results, seconds, setExtraEnv } from "./harness.mts";
import { callsSection } from "./scenarios/calls.mts";
import { scaleSection, stateSection } from "./scenarios/scale.mts";
import { throughputSection } from "./scenarios/throughput.mts";

// Plain TypeScript run by Node 24's type stripping as ES modules (.mts): no build step.

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: "string", default: "calls,scale,state,throughput" },
      env: { type: "string", default: "" },
      sizes: { type: "string", default: "1,50,200" },
      repeat: { type: "string", default: "3" },
      throughput: { type: "string", default: "100:20:2,30:60:60" },
    },
  });
  return {
    only: new Set(values.only.split(",")),
    /** Extra environment for every `pulumi` command (`--env KEY=VALUE,KEY=VALUE`), for experiments. */
    env: Object.fromEntries(
      values.env
        .split(",")
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    ),
    sizes: values.sizes.split(",").map(Number),
    repeat: Number(values.repeat),
    throughput: values.throughput.split(",").map((spec) => {
      const [clients, requests, windowSeconds] = spec.split(":").map(Number);
      return { clients, requests, windowSeconds };
    }),
  };
}

async function main(): Promise<void> {
  const chosen = options();
  setExtraEnv(chosen.env);
  const started = Date.now();
  print(`# pulumi-mailersend benchmarks, ${new Date().toISOString()}\n`);
  print(
    `Machine: ${os.cpus().length} CPUs, Node ${process.version}. ` +
      `Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\`\n`,
  );
  if (chosen.only.has("calls")) await callsSection();
  if (chosen.only.has("scale") || chosen.only.has("state")) {
    await scaleSection(chosen);
    stateSection();
  }
  if (chosen.only.has("throughput")) await throughputSection(chosen);
  print(`Total time: ${seconds(Date.now() - started)}`);
  const dir = path.join(import.meta.dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(path.join(dir, `${stamp}.md`), `${output.join("\n")}\n`);
  fs.writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.error(`results written to bench/results/${stamp}.{md,json}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
