/**
 * The process-wide gate every request passes: a concurrency cap and a pace that stays under the
 * account's per-minute limit instead of hammering it (MailerSend: 60 requests a minute on the
 * management API, every failed request counted against the daily quota too; docs/mailersend-api.md §2.3).
 *
 * All dynamic resources of a stack run in one provider-host process, so one gate per account and
 * URL paces the whole `pulumi up`, whatever `--parallel` says.
 */
export interface GateSettings {
  /** Requests in flight at once. */
  maxConcurrency: number;
  /**
   * At most this many requests reach the server within any `windowMs` (a sliding window). The
   * server may see a request any time between its start and its answer, so a request counts from
   * its start until `windowMs` after its answer arrived (or it was given up).
   */
  requests: number;
  windowMs: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Frees a request's slot; `observeServerWindow` takes what its answer said about the server's window. */
export interface Release {
  (): void;
  observeServerWindow(limit: number, remaining: number): void;
}

export class RequestGate {
  private settings: GateSettings;
  private readonly clock: Clock;
  private inFlight = 0;
  private readonly slotWaiters: Array<() => void> = [];
  /**
   * The requests that may still count in the server's window: in flight (`doneAt` undefined) or
   * answered less than `windowMs` ago. Anchoring on the answer, not the start, keeps a request that
   * reached the server late (a slow first connection, network jitter) from sharing a window with
   * requests started one window after it.
   */
  private readonly recent: Array<{ doneAt?: number; probe?: boolean }> = [];
  /** Serialises the pacing decision so waiters keep their arrival order. */
  private paceChain: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  /**
   * What the server's own window still allows (`X-RateLimit-Remaining` of the latest answer, minus
   * what was sent since), when it says so. Its window may be shorter or stricter than the
   * configured one; MailerSend sends no reset time, so once it is spent one request (the probe)
   * finds out whether the window has turned, and at most that one meets the 429.
   */
  private serverBudget: number | undefined;
  private serverLimit: number | undefined;
  private lastObservedSeq = 0;
  private nextSeq = 1;
  private probeInFlight = false;
  private signalServer: () => void = () => undefined;
  private serverSignal: Promise<void> = this.nextServerSignal();

  constructor(settings: GateSettings, clock: Clock = realClock) {
    this.settings = settings;
    this.clock = clock;
  }

  update(settings: GateSettings): void {
    this.settings = settings;
  }

  /** No request starts before `time` (after a 429 that said how long to wait). */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
    // The wait ends with a new server window, of X-RateLimit-Limit requests when it said so.
    this.serverBudget = this.serverLimit;
    this.signal();
  }

  /**
   * An answer's `X-RateLimit-Limit` and `X-RateLimit-Remaining`: the server window's size and the
   * requests it still allows after this one (called while the answered request is still counted
   * in flight). The other requests in flight will each take one more.
   */
  private observeServerWindow(limit: number, remaining: number, seq: number): void {
    if (Number.isFinite(limit) && limit > 0) this.serverLimit = limit;
    // An answer to a request older than the last one heard from knows less (answers overtake).
    if (!Number.isFinite(remaining) || seq < this.lastObservedSeq) return;
    this.lastObservedSeq = seq;
    const othersInFlight = this.recent.filter((entry) => entry.doneAt === undefined).length;
    this.serverBudget = Math.max(0, remaining - Math.max(0, othersInFlight - 1));
    this.signal();
  }

  /**
   * Waits for a slot and the pace; returns the function that frees the slot, which also takes the
   * answer's `X-RateLimit-Limit` / `X-RateLimit-Remaining` (call it before freeing the slot).
   */
  async acquire(): Promise<Release> {
    await this.takeSlot();
    let entry: { doneAt?: number; probe?: boolean };
    try {
      entry = await this.waitForPace();
    } catch (error) {
      this.releaseSlot();
      throw error;
    }
    let released = false;
    const seq = this.nextSeq++;
    const release = () => {
      if (!released) {
        released = true;
        entry.doneAt = this.clock.now();
        if (entry.probe) this.probeInFlight = false;
        this.releaseSlot();
        this.signal();
      }
    };
    return Object.assign(release, {
      observeServerWindow: (limit: number, remaining: number) =>
        this.observeServerWindow(limit, remaining, seq),
    });
  }

  private takeSlot(): Promise<void> {
    if (this.inFlight < Math.max(1, this.settings.maxConcurrency)) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else this.inFlight--;
  }

  private waitForPace(): Promise<{ doneAt?: number; probe?: boolean }> {
    const turn = this.paceChain.then(async () => {
      let probe = false;
      for (;;) {
        const now = this.clock.now();
        const wait = Math.max(this.pausedUntil - now, this.windowWait(now));
        if (wait > 0) {
          await this.clock.sleep(wait);
          continue;
        }
        if (this.serverBudget === undefined || this.serverBudget > 0) break;
        // Probe only once every earlier request has been answered: until then the count is not final.
        if (!this.probeInFlight && !this.recent.some((entry) => entry.doneAt === undefined)) {
          probe = true;
          this.probeInFlight = true;
          break;
        }
        // The server's window is spent and a probe is out: wait for its answer (or a pause).
        await this.serverSignal;
      }
      if (this.serverBudget !== undefined) this.serverBudget = Math.max(0, this.serverBudget - 1);
      const entry: { doneAt?: number; probe?: boolean } = probe ? { probe } : {};
      this.recent.push(entry);
      return entry;
    });
    this.paceChain = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private nextServerSignal(): Promise<void> {
    return new Promise((resolve) => (this.signalServer = resolve));
  }

  private signal(): void {
    const wake = this.signalServer;
    this.serverSignal = this.nextServerSignal();
    wake();
  }

  private windowWait(now: number): number {
    const { windowMs } = this.settings;
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const doneAt = this.recent[i]?.doneAt;
      if (doneAt !== undefined && doneAt + windowMs <= now) this.recent.splice(i, 1);
    }
    const limit = Math.max(1, this.settings.requests);
    if (this.recent.length < limit) return 0;
    // A request still in flight may reach the server any moment: it counts as answered now (the
    // pacing loop looks again after the wait).
    const latest = this.recent.map((entry) => entry.doneAt ?? now).sort((a, b) => b - a);
    return (latest[limit - 1] as number) + windowMs - now;
  }
}

const gates = new Map<string, RequestGate>();

/** One gate per account and API URL, shared by every resource in this process. */
export function gateFor(key: string, settings: GateSettings): RequestGate {
  let gate = gates.get(key);
  if (!gate) {
    gate = new RequestGate(settings);
    gates.set(key, gate);
  } else {
    gate.update(settings);
  }
  return gate;
}
