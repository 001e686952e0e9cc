import { describe, expect, it } from "vitest";
import { suggestCommand, suggestionLines } from "../../core/commands/suggest.js";

describe("near misses get a suggestion", () => {
  it.each([
    ["snoze 3d", "snooze 3d"],
    ["Snoose 2 weeks", "snooze 2 weeks"],
    ["stauts", "status"],
    ["pasue", "pause"],
    ["resme", "resume"],
    ["nots: ask about Berlin", "notes: ask about Berlin"],
    ["referal: Bob Roe <bob@x.com>", "referral: Bob Roe <bob@x.com>"],
    ["cadance 3m", "cadence 3m"],
    ["new lnk", "new link"],
    ["tz Berln", "tz Europe/Berlin"],
    ["tz Europe/Berlln", "tz Europe/Berlin"],
    ["timezone Amsterdm", "tz Europe/Amsterdam"],
  ])("%j → %j", (line, suggestion) => {
    expect(suggestCommand(line)).toBe(suggestion);
  });

  it.each(["hello there", "thanks so much for this", "tz Mars/Olympus_Mons", "xyz", "snooze soon", "ok"])(
    "%j gets none",
    (line) => {
      expect(suggestCommand(line)).toBeNull();
    },
  );

  it("phrases each suggestion as a question", () => {
    expect(suggestionLines(["snoze 3d", "hello there"])).toEqual(['"snoze 3d": did you mean `snooze 3d`?']);
  });
});
