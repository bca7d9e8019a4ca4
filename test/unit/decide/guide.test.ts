import { describe, it } from "vitest";
import { GUIDE_CASES, ISSUE_CASES } from "./cases-guide";
import { expectCase, rows } from "./support";

describe("the issue's cases", () => {
  it.each(rows(ISSUE_CASES))("%s", (_name, c) => expectCase(c));
});

describe("every rule of the guide", () => {
  it.each(rows(GUIDE_CASES))("%s", (_name, c) => expectCase(c));
});
