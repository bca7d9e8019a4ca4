// What a component reports when it cannot be set up, under Pulumi's mocks: the errors it logged on
// itself (`pulumi.log.error` prints `error: [runtime] <text>` when no engine is attached), the
// RunError that fails the program (an unhandled rejection, as in a real run), or what the
// constructor threw (the Agency's own argument and plan errors).
export interface ComponentFailures {
  thrown?: string;
  /** The errors logged, in order, without the mock's `error: [runtime] ` prefix. */
  errors: string[];
  /** The message of the error that fails the program. */
  summary?: string;
}

const MOCK_ERROR_PREFIX = "error: [runtime] ";

/** Runs `build` and collects its failures; waits up to `waitMs` for an asynchronous one. */
export async function componentFailures(
  build: () => unknown,
  waitMs = 200,
): Promise<ComponentFailures> {
  const errors: string[] = [];
  const rejections: unknown[] = [];
  const originalError = console.error;
  console.error = (...parts: unknown[]) => {
    const text = parts.map(String).join(" ");
    if (text.startsWith(MOCK_ERROR_PREFIX)) errors.push(text.slice(MOCK_ERROR_PREFIX.length));
    else originalError(...parts);
  };
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  let thrown: string | undefined;
  try {
    try {
      build();
    } catch (error) {
      thrown = error instanceof Error ? error.message : String(error);
    }
    for (let waited = 0; waited < waitMs && rejections.length === 0; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    console.error = originalError;
    process.off("unhandledRejection", onRejection);
  }
  const summary = rejections.map((r) => (r instanceof Error ? r.message : String(r)))[0];
  return {
    ...(thrown === undefined ? {} : { thrown }),
    errors,
    ...(summary === undefined ? {} : { summary }),
  };
}
