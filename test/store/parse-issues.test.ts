import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { configFrom } from "../../core/config.js";
import { dispatchInputSchema } from "../../core/followup/dispatch-input.js";
import { lazySchema, parseOrThrow } from "../../core/model/parse.js";

const Item = z.object({
  email: z.string(),
  stage: z.enum(["met", "cold"]),
  key: z.string().check(z.minLength(32)),
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

  it("read in English at cold start: the configuration, whole numbers given as text, either form of a list", () => {
    const linked = {
      Table: {},
      TokenKey: { value: "short" },
      Settings: { mailDomain: "coffee.example.com", webUrl: "https://x", promptHour: "24", users: 5 },
    };
    expect(() => configFrom(linked)).toThrow(
      "Table.name: missing; TokenKey.value: expected >=32; Settings.promptHour: expected <=23; Settings.users: expected (array | string)",
    );
  });

  it("name the tags a tagged input may have, and what a known tag is missing", () => {
    expect(() => parseOrThrow(dispatchInputSchema(), { type: "later" })).toThrow(
      'type: expected ("prompt" | "sweep")',
    );
    expect(() => parseOrThrow(dispatchInputSchema(), { type: "prompt", userId: "usr_1" })).toThrow(
      "promptId: missing",
    );
    expect(parseOrThrow(dispatchInputSchema(), { type: "sweep", extra: 1 })).toEqual({ type: "sweep" });
  });

  it("come from a schema built on first use, once, when a path rarely needs it", () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return Item;
    });
    expect(builds).toBe(0);
    expect(() => parseOrThrow(schema(), { email: "a@b.c", stage: "met" })).toThrow("key: missing");
    expect(schema()).toBe(schema());
    expect(builds).toBe(1);
  });
});
