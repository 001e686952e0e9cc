import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FiredSchedule, LocalClock } from "../../local/clock.js";
import { parseDuration } from "../../local/duration.js";

const REAL_NOW = Date.parse("2025-10-30T12:00:00Z");
let dir: string;
let real: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cc-clock-"));
  real = REAL_NOW;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const newClock = () => new LocalClock(join(dir, "clock.json"), () => real);

describe("the local clock", () => {
  it("runs with real time, ahead by what it was advanced", async () => {
    const clock = newClock();
    expect(clock.now().toISOString()).toBe("2025-10-30T12:00:00.000Z");
    await clock.advance(3 * 86_400_000);
    expect(clock.now().toISOString()).toBe("2025-11-02T12:00:00.000Z");
    real += 60_000;
    expect(clock.now().toISOString()).toBe("2025-11-02T12:01:00.000Z");
  });

  it("keeps its advance across a restart", async () => {
    await newClock().advance(12 * 3_600_000);
    expect(newClock().now().toISOString()).toBe("2025-10-31T00:00:00.000Z");
  });

  it("starts from real time when its file is unreadable", () => {
    writeFileSync(join(dir, "clock.json"), "{not json");
    expect(newClock().now().getTime()).toBe(REAL_NOW);
  });

  it("never moves back", async () => {
    const clock = newClock();
    await clock.advance(3_600_000);
    clock.moveTo(new Date(REAL_NOW));
    expect(clock.now().toISOString()).toBe("2025-10-30T13:00:00.000Z");
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
  });

  it("hands the due work to the scheduler, which steps it to each due time, in order", async () => {
    const clock = newClock();
    const due = [
      Date.parse("2025-10-30T15:00:00Z"),
      Date.parse("2025-10-30T13:00:00Z"),
      Date.parse("2025-10-31T13:00:00Z"),
    ];
    const seen: string[] = [];
    clock.attach(async (until) => {
      const fired: FiredSchedule[] = [];
      for (const at of [...due].sort((a, b) => a - b).filter((t) => t <= until.getTime())) {
        clock.moveTo(new Date(at));
        seen.push(clock.now().toISOString());
        fired.push({
          schedule: `s@${at}`,
          targetArn: "t",
          input: "{}",
          dueAt: new Date(at).toISOString(),
          ok: true,
        });
      }
      return fired;
    });
    const fired = await clock.advance(86_400_000);
    expect(seen).toEqual(["2025-10-30T13:00:00.000Z", "2025-10-30T15:00:00.000Z"]);
    expect(fired).toHaveLength(2);
    expect(clock.now().toISOString()).toBe("2025-10-31T12:00:00.000Z");
  });
});

describe("clock durations", () => {
  it.each([
    ["90m", 90 * 60_000],
    ["12h", 12 * 3_600_000],
    ["3d", 3 * 86_400_000],
    ["2w", 14 * 86_400_000],
    ["1d12h", 36 * 3_600_000],
    ["30s", 30_000],
  ])("reads %s", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["", "3", "d", "-3d", "3 days", "0d", "9999w", "1.5d", "3x"])("refuses %j", (text) =>
    expect(parseDuration(text)).toBeNull(),
  );
});
