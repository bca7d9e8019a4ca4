import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BLOCKER_CODES,
  DECISION_RULES,
  DMARC_POLICIES,
  NOTE_CODES,
  REASON_CODES,
  SENDING_METHODS,
  WARNING_CODES,
} from "../../../provider/component/decision";
import { decide, kebab } from "./support";

const validAttributes = fc.record(
  {
    monthlyVolume: fc.oneof(
      fc.double({ min: 0, max: 1e7, noNaN: true }),
      fc.integer({ min: 1990, max: 3010 }),
      fc.constantFrom(0, 1999, 2000, 3000, 3001),
    ),
    dnsAccess: fc.boolean(),
    dataIsolation: fc.boolean(),
    clientAccess: fc.boolean(),
    domainReputation: fc.boolean(),
    dmarcPolicy: fc.constantFrom(...DMARC_POLICIES),
    strictDmarcPlanned: fc.boolean(),
    domainVerified: fc.boolean(),
  },
  { requiredKeys: ["monthlyVolume"] },
);

// Both thresholds or neither: one alone may cross the other's default, which is invalid.
const validPolicy = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      withinBand: fc.constantFrom(...SENDING_METHODS),
      override: fc.constantFrom(...SENDING_METHODS),
    },
    { requiredKeys: [] },
  ),
  fc
    .tuple(
      fc.nat(5000),
      fc.nat(5000),
      fc.option(fc.constantFrom(...SENDING_METHODS), { nil: undefined }),
    )
    .map(([a, b, withinBand]) => ({
      lowVolumeBelow: Math.min(a, b),
      highVolumeAbove: Math.max(a, b),
      ...(withinBand === undefined ? {} : { withinBand }),
    })),
);

const anyValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY, "", "yes", null, undefined),
);
const maybeInvalidAttributes = fc.oneof(
  validAttributes,
  fc.record(
    {
      monthlyVolume: fc.oneof(fc.double(), anyValue),
      dnsAccess: fc.oneof(fc.boolean(), anyValue),
      dataIsolation: fc.oneof(fc.boolean(), anyValue),
      clientAccess: fc.oneof(fc.boolean(), anyValue),
      domainReputation: fc.oneof(fc.boolean(), anyValue),
      dmarcPolicy: fc.oneof(fc.constantFrom(...DMARC_POLICIES), anyValue),
      strictDmarcPlanned: fc.oneof(fc.boolean(), anyValue),
      domainVerified: fc.oneof(fc.boolean(), anyValue),
      dnsAcess: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
const maybeInvalidPolicy = fc.oneof(
  validPolicy,
  fc.record(
    {
      lowVolumeBelow: fc.oneof(fc.double(), anyValue),
      highVolumeAbove: fc.oneof(fc.double(), anyValue),
      withinBand: fc.oneof(fc.constantFrom(...SENDING_METHODS), anyValue),
      override: fc.oneof(fc.constantFrom(...SENDING_METHODS), anyValue),
      overide: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

const RULE_BY_CODE = new Map(DECISION_RULES.map((rule) => [rule.code, rule]));

describe("properties", () => {
  it("every input: one method, and a reason or a blocker; known kebab-case codes; never throws", () => {
    fc.assert(
      fc.property(maybeInvalidAttributes, maybeInvalidPolicy, (attributes, policy) => {
        const d = decide(attributes, policy);
        expect(SENDING_METHODS).toContain(d.method);
        expect(d.reasons.length + d.blockers.length).toBeGreaterThan(0);
        const lists: [readonly string[], readonly { code: string; message: string }[]][] = [
          [REASON_CODES, d.reasons],
          [WARNING_CODES, d.warnings],
          [BLOCKER_CODES, d.blockers],
          [NOTE_CODES, d.notes],
        ];
        for (const [codes, notes] of lists) {
          for (const note of notes) {
            expect(note.code).toMatch(kebab);
            expect(codes).toContain(note.code);
            expect(note.message).toMatch(/^\S.*\.$/s);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("every valid input: no input blockers, at least one reason, each code at most once", () => {
    fc.assert(
      fc.property(validAttributes, validPolicy, (attributes, policy) => {
        const d = decide(attributes, policy);
        expect(d.reasons.length).toBeGreaterThan(0);
        expect(d.blockers.map((b) => b.code).filter((c) => c.startsWith("invalid-"))).toEqual([]);
        for (const list of [d.reasons, d.warnings, d.blockers, d.notes]) {
          const codes = list.map((n) => n.code);
          expect(new Set(codes).size).toBe(codes.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("without override, blocked exactly when neither method can work", () => {
    fc.assert(
      fc.property(validAttributes, (a) => {
        const d = decide(a);
        const domainPossible = a.dnsAccess === true || a.domainVerified === true;
        const identityPossible =
          a.dmarcPolicy !== "reject" && a.dataIsolation !== true && a.clientAccess !== true;
        expect(d.blockers.length > 0).toBe(!domainPossible && !identityPossible);
        if (!identityPossible) expect(d.method).toBe("domain");
        if (a.domainVerified === true) expect(d.method).toBe("domain");
      }),
      { numRuns: 2000 },
    );
  });

  it("an override never removes a blocker of the method it forces", () => {
    fc.assert(
      fc.property(validAttributes, fc.constantFrom(...SENDING_METHODS), (a, method) => {
        const auto = decide(a);
        const forced = decide(a, { override: method });
        expect(forced.method).toBe(method);
        expect(forced.reasons[0].code).toBe("method-override");
        const autoBlockersOfMethod = auto.blockers
          .map((b) => b.code)
          .filter((code) => RULE_BY_CODE.get(code)?.method === method);
        for (const code of autoBlockersOfMethod) {
          expect(forced.blockers.map((b) => b.code)).toContain(code);
        }
        const against = forced.warnings.some((w) => w.code === "override-against-recommendation");
        expect(against).toBe(auto.method !== method);
      }),
      { numRuns: 2000 },
    );
  });

  it("with DNS access and no override, more volume never turns a domain back into an identity", () => {
    fc.assert(
      fc.property(
        validAttributes,
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (a, x, y) => {
          const base = { ...a, dnsAccess: true };
          const lowMethod = decide({ ...base, monthlyVolume: Math.min(x, y) }).method;
          const highMethod = decide({ ...base, monthlyVolume: Math.max(x, y) }).method;
          if (lowMethod === "domain") expect(highMethod).toBe("domain");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("reasons, warnings and notes belong to the chosen method; deterministic; input untouched", () => {
    fc.assert(
      fc.property(validAttributes, validPolicy, (attributes, policy) => {
        const frozenAttributes = Object.freeze({ ...attributes });
        const frozenPolicy = policy === undefined ? undefined : Object.freeze({ ...policy });
        const d = decide(frozenAttributes, frozenPolicy);
        for (const note of [...d.reasons, ...d.warnings, ...d.notes]) {
          expect(["either", d.method]).toContain(RULE_BY_CODE.get(note.code)?.method);
        }
        expect(decide(frozenAttributes, frozenPolicy)).toEqual(d);
      }),
      { numRuns: 1000 },
    );
  });
});
