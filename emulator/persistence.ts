import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { emptyAccountState, type AccountState } from "./state";

/**
 * Keeps the account in a JSON file so separate processes (the CLI, a test harness, the provider's
 * host process pointed at another emulator instance) see the same account.
 *
 * Writes are atomic (temp file + rename), so a reader never sees half a file. Because every write
 * replaces the file, its inode changes; comparing (inode, size, mtime) with what we last saw tells us
 * cheaply whether another process wrote since, and the store re-reads it before handling a request.
 */
export class JsonFilePersistence {
  private lastSeen: string | undefined;
  private writeCounter = 0;

  constructor(readonly path: string) {}

  /** The stored state, or undefined when the file does not exist yet. */
  load(): AccountState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    this.lastSeen = this.signature();
    const parsed = JSON.parse(text) as Partial<AccountState>;
    if (parsed.version !== 1) {
      throw new Error(`${this.path}: unsupported emulator state version ${String(parsed.version)}`);
    }
    return { ...emptyAccountState(), ...parsed, version: 1 };
  }

  save(state: AccountState): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.${++this.writeCounter}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temporary, this.path);
    this.lastSeen = this.signature();
  }

  /** True when the file changed (or appeared, or vanished) since this instance last read or wrote it. */
  changedOnDisk(): boolean {
    return this.signature() !== this.lastSeen;
  }

  private signature(): string | undefined {
    try {
      const stats = statSync(this.path);
      return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    } catch {
      return undefined;
    }
  }
}
