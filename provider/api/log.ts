/**
 * Progress and warning lines from the provider. In the dynamic-provider host, stderr is shown by the
 * engine, so retries and waits are visible while `pulumi up` runs. Every line passes through
 * `redactSecrets`.
 */
import { redactSecrets } from "./redact";

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);

export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

export function logLine(message: string): void {
  sink(redactSecrets(`[mailersend] ${message}`));
}
