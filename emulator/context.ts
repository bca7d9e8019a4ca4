import type { Clock } from "./clock";
import type { IdGenerator } from "./ids";
import type { ResolvedOptions } from "./options";
import type { AccountStore } from "./store";

/** What rules, serializers and routes need: the account, the options, time and ids. */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly store: AccountStore;
  readonly now: Clock;
  readonly ids: IdGenerator;
}

/** A fresh id of the given kind that no record of `existing` uses (seeded ids may repeat after a reload). */
export function uniqueId(generate: () => string, existing: readonly { id: string }[]): string {
  for (;;) {
    const id = generate();
    if (!existing.some((record) => record.id === id)) return id;
  }
}
