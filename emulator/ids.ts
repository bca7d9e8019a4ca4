import { randomInt } from "node:crypto";

const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

/** Produces ids and secrets in MailerSend's formats (docs/mailersend-api.md §1, "IDs"). */
export interface IdGenerator {
  /** 16-char lowercase alphanumeric: domains, identities, users, invites. */
  resourceId(): string;
  /** 80 lowercase hex chars: API token ids. */
  tokenId(): string;
  /** `mlsn.` + 64 lowercase hex chars: an API token's secret value (docs/mailersend-api.md §1 "Token format"). */
  accessToken(): string;
}

/**
 * With a seed, ids come from a small deterministic PRNG (mulberry32) so test output is stable;
 * without one, from the OS CSPRNG (`randomInt` is uniform), since token secrets are real secrets
 * for whoever runs the CLI.
 */
export function createIdGenerator(seed?: number): IdGenerator {
  const below = seed === undefined ? (n: number) => randomInt(n) : seededBelow(seed);
  const pick = (alphabet: string, length: number): string => {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[below(alphabet.length)];
    return out;
  };
  return {
    resourceId: () => pick(LOWER_ALPHANUMERIC, 16),
    tokenId: () => pick(HEX, 80),
    accessToken: () => `mlsn.${pick(HEX, 64)}`,
  };
}

/** mulberry32; `% n` on 32 bits is biased by under 1e-8 for these alphabets, fine for test ids. */
function seededBelow(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
