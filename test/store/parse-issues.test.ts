import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseOrThrow } from "../../core/model/parse.js";

const Item = v.object({
  email: v.string(),
  stage: v.picklist(["met", "cold"]),
  key: v.pipe(v.string(), v.minLength(32)),
});

describe("errors from reading a stored item or the configuration", () => {
  it("name every problem and where it is, and what was expected", () => {
    expect(() => parseOrThrow(Item, { stage: "warm", key: "short" })).toThrow(
      'email: missing; stage: expected ("met" | "cold"); key: expected >=32',
    );
  });

  it("never carry the value that was read: it may be a person's data", () => {
    let message = "";
    try {
      parseOrThrow(Item, { email: 42, stage: "ada@example.com", key: "Ada Lovelace's secret" });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain("stage: expected");
    expect(message).not.toContain("ada@example.com");
    expect(message).not.toContain("Lovelace");
    expect(message).not.toContain("42");
  });
});
