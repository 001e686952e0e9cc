import { describe, expect, it } from "vitest";
import { parseCommands } from "../../core/commands/parse-commands.js";

const one = (text: string) => parseCommands(text).commands;

describe("parseCommands: the verbs and their variations", () => {
  it.each([
    ["done", { verb: "done" }],
    ["Done!", { verb: "done" }],
    ["DONE ✅", { verb: "done" }],
    ["sent", { verb: "done" }],
    ["Sent it.", { verb: "done" }],
    ["done, thanks!", { verb: "done" }],
    ["skip", { verb: "skip" }],
    ["Skip this one", { verb: "skip" }],
    ["met", { verb: "met" }],
    ["We met!", { verb: "met" }],
    ["no-show", { verb: "no_show" }],
    ["No show", { verb: "no_show" }],
    ["They didn’t show", { verb: "no_show" }],
    ["stop", { verb: "stop" }],
    ["Stop.", { verb: "stop" }],
    ["status", { verb: "status" }],
    ["new link", { verb: "new_link" }],
    ["New status link.", { verb: "new_link" }],
    ["pause", { verb: "pause" }],
    ["Resume", { verb: "resume" }],
    ["help", { verb: "help" }],
    ["?", { verb: "help" }],
    ["export", { verb: "export" }],
  ])("%j → %j", (text, command) => {
    expect(one(text)).toEqual([command]);
  });

  it.each([
    ["snooze 3d", 3],
    ["snooze 3 days", 3],
    ["Snooze 2 weeks", 14],
    ["snooze 1w", 7],
    ["snooze a week", 7],
    ["snooze: 1m", 30],
    ["snooze for 5 days.", 5],
    ["remind me in 2 days", 2],
    ["snooze", 1],
  ])("%j snoozes %d days", (text, days) => {
    expect(one(text)).toEqual([{ verb: "snooze", days }]);
  });

  it.each(["snooze 0d", "snooze 400d", "snooze 3 fortnights", "snooze soon"])(
    "%j is not understood",
    (text) => {
      expect(parseCommands(text)).toEqual({ commands: [], unknown: [text] });
    },
  );

  it("reads notes, keeping their case, over the lines that follow until an empty line", () => {
    expect(one("notes: She loves trains.\nAsk about the Berlin office\n\nSam")).toEqual([
      { verb: "notes", text: "She loves trains.\nAsk about the Berlin office" },
    ]);
    expect(one("Note: met at PyCon")).toEqual([{ verb: "notes", text: "met at PyCon" }]);
    expect(parseCommands("notes:").commands).toEqual([]);
  });

  it.each([
    ["referral: Bob Roe <Bob@X.com>", { verb: "referral", name: "Bob Roe", email: "bob@x.com" }],
    ['referral: "Roe, Bob" <bob@x.com>', { verb: "referral", name: "Roe, Bob", email: "bob@x.com" }],
    ["Referral: bob@x.com", { verb: "referral", name: null, email: "bob@x.com" }],
    ["referral: Bob Roe (bob@x.com)", { verb: "referral", name: "Bob Roe", email: "bob@x.com" }],
    ["referral: Bob Roe bob@x.com", { verb: "referral", name: "Bob Roe", email: "bob@x.com" }],
  ])("%j", (text, command) => {
    expect(one(text)).toEqual([command]);
  });

  it.each(["referral: Bob Roe", "referral: bob@", "referral: <bob@x>", "referral: a@b..com"])(
    "%j has no valid address",
    (text) => {
      expect(parseCommands(text).unknown).toEqual([text]);
    },
  );

  it("reads landed with or without a company", () => {
    expect(one("landed: Acme Inc.")).toEqual([{ verb: "landed", company: "Acme Inc." }]);
    expect(one("Landed at Globex!")).toEqual([{ verb: "landed", company: "Globex" }]);
    expect(one("landed!")).toEqual([{ verb: "landed", company: "" }]);
  });

  it.each([
    ["fix: name Jane Q. Doe", { verb: "fix", field: "name", value: "Jane Q. Doe" }],
    ["fix: company Acme Robotics", { verb: "fix", field: "company", value: "Acme Robotics" }],
    ["fix: name: Jane Doe", { verb: "fix", field: "name", value: "Jane Doe" }],
    ["fix: time 2026-12-03 15:00", { verb: "fix", field: "time", value: "2026-12-03 15:00" }],
    ["fix: hiring manager", { verb: "fix", field: "hiring_manager", value: "yes" }],
    ["Fix: she is the hiring manager", { verb: "fix", field: "hiring_manager", value: "yes" }],
    ["fix: not the hiring manager", { verb: "fix", field: "hiring_manager", value: "no" }],
    ["fix: purpose move-up", { verb: "fix", field: "purpose", value: "move_up" }],
    ["`fix: company Acme`", { verb: "fix", field: "company", value: "Acme" }],
  ])("%j", (text, command) => {
    expect(one(text)).toEqual([command]);
  });

  it.each([
    ["purpose: new field", "new_field"],
    ["Purpose: New Job", "new_job"],
    ["purpose: move up", "move_up"],
  ])("%j", (text, purpose) => {
    expect(one(text)).toEqual([{ verb: "purpose", purpose }]);
  });

  it("validates zones with Intl and keeps their canonical spelling", () => {
    expect(one("tz Europe/Berlin")).toEqual([{ verb: "tz", timeZone: "Europe/Berlin" }]);
    expect(one("tz america/new_york")).toEqual([{ verb: "tz", timeZone: "America/New_York" }]);
    expect(one("tz utc")).toEqual([{ verb: "tz", timeZone: "UTC" }]);
    expect(one("timezone: Asia/Kolkata")).toEqual([{ verb: "tz", timeZone: "Asia/Kolkata" }]);
    expect(parseCommands("tz Mars/Olympus_Mons").unknown).toEqual(["tz Mars/Olympus_Mons"]);
    expect(parseCommands("tz __proto__").unknown).toEqual(["tz __proto__"]);
  });

  it("takes a city that names exactly one zone", () => {
    expect(one("tz Berlin")).toEqual([{ verb: "tz", timeZone: "Europe/Berlin" }]);
    expect(one("tz new york")).toEqual([{ verb: "tz", timeZone: "America/New_York" }]);
    expect(one("time zone: São Paulo")).toEqual([{ verb: "tz", timeZone: "America/Sao_Paulo" }]);
    expect(parseCommands("tz Atlantis").unknown).toEqual(["tz Atlantis"]);
  });

  it("reads the name drafts are signed with, keeping its case; an address is no name", () => {
    expect(one("name Sam Seeker")).toEqual([{ verb: "name", name: "Sam Seeker" }]);
    expect(one("My name is Sam Seeker.")).toEqual([{ verb: "name", name: "Sam Seeker" }]);
    expect(parseCommands("name sam@example.com").unknown).toEqual(["name sam@example.com"]);
    // `fix: name` is still about the contact.
    expect(one("fix: name Jane Doe")).toEqual([{ verb: "fix", field: "name", value: "Jane Doe" }]);
  });

  it("reads hours 0–23, with am/pm", () => {
    expect(one("hour 8")).toEqual([{ verb: "hour", hour: 8 }]);
    expect(one("hour 0")).toEqual([{ verb: "hour", hour: 0 }]);
    expect(one("hour 8pm")).toEqual([{ verb: "hour", hour: 20 }]);
    expect(one("hour 12am")).toEqual([{ verb: "hour", hour: 0 }]);
    expect(parseCommands("hour 24").unknown).toEqual(["hour 24"]);
    expect(parseCommands("hour 13pm").unknown).toEqual(["hour 13pm"]);
  });

  it("reads cadences of 1–36 months", () => {
    expect(one("cadence 3m")).toEqual([{ verb: "cadence", months: 3 }]);
    expect(one("cadence 6 months")).toEqual([{ verb: "cadence", months: 6 }]);
    expect(parseCommands("cadence 0m").unknown).toEqual(["cadence 0m"]);
    expect(parseCommands("cadence 40m").unknown).toEqual(["cadence 40m"]);
  });

  it("validates and lower-cases addresses for forget and address add", () => {
    expect(one("forget Jane@Acme.com")).toEqual([{ verb: "forget", email: "jane@acme.com" }]);
    expect(one("forget Jane Doe <jane@acme.com>")).toEqual([{ verb: "forget", email: "jane@acme.com" }]);
    expect(one("address add Sam@Work.com")).toEqual([{ verb: "address_add", address: "sam@work.com" }]);
    expect(parseCommands("forget jane").unknown).toEqual(["forget jane"]);
    expect(parseCommands("address add sam at work").unknown).toEqual(["address add sam at work"]);
  });
});

describe("parseCommands: real replies", () => {
  it("Gmail: several commands one per line, a closing and a name", () => {
    const text = "Hi,\n\nsnooze 3d\nnotes: ask about the data team\n\nThanks,\nSam\n";
    expect(parseCommands(text)).toEqual({
      commands: [
        { verb: "snooze", days: 3 },
        { verb: "notes", text: "ask about the data team" },
      ],
      unknown: [],
    });
  });

  it("Apple Mail: 'Sent from my iPhone' is not a command", () => {
    expect(parseCommands("Done!\n\nSent from my iPhone")).toEqual({
      commands: [{ verb: "done" }],
      unknown: [],
    });
  });

  it("a signature after '--' is ignored, whatever it says", () => {
    expect(parseCommands("met\n-- \nSam Rivera\nstop\nhelp@acme.com")).toEqual({
      commands: [{ verb: "met" }],
      unknown: [],
    });
    expect(parseCommands("skip\n--\nSam")).toEqual({ commands: [{ verb: "skip" }], unknown: [] });
  });

  it("Outlook: a quoted header block left below ends the text", () => {
    const text =
      "stop\n\n________________________________\nFrom: coffeechat <coffeechat@coffee.test>\nSent: Tuesday\nSubject: Prep\n\ndone";
    expect(parseCommands(text)).toEqual({ commands: [{ verb: "stop" }], unknown: [] });
    expect(
      parseCommands("skip\nOn Tue, Dec 1, 2026 at 9:00 AM coffeechat <c@coffee.test> wrote:\n> done"),
    ).toEqual({
      commands: [{ verb: "skip" }],
      unknown: [],
    });
  });

  it("a name signed after the commands is a sign-off, not an unknown command", () => {
    expect(parseCommands("done\nSam")).toEqual({ commands: [{ verb: "done" }], unknown: [] });
    expect(parseCommands("— Sam R.")).toEqual({ commands: [], unknown: ["— Sam R."] });
  });

  it("what is not understood is kept verbatim, with what was", () => {
    expect(parseCommands("done\nplease reschedule\nskip")).toEqual({
      commands: [{ verb: "done" }, { verb: "skip" }],
      unknown: ["please reschedule"],
    });
    expect(parseCommands("Thanks!\nSam")).toEqual({ commands: [], unknown: [] });
    expect(parseCommands("Thanks so much for this!")).toEqual({
      commands: [],
      unknown: ["Thanks so much for this!"],
    });
    expect(parseCommands("Yes")).toEqual({ commands: [], unknown: ["Yes"] });
  });

  it("empty and whitespace-only text has nothing", () => {
    expect(parseCommands("")).toEqual({ commands: [], unknown: [] });
    expect(parseCommands("\n\n  \r\n\t")).toEqual({ commands: [], unknown: [] });
  });
});

describe("parseCommands: hostile input", () => {
  it("reads at most 50 lines", () => {
    const text = Array.from({ length: 500 }, () => "skip").join("\n");
    expect(parseCommands(text).commands).toHaveLength(50);
  });

  it("bounds line length and unknown lines", () => {
    const long = "x".repeat(100_000);
    const parsed = parseCommands(`${long}\ndone`);
    expect(parsed.commands).toEqual([{ verb: "done" }]);
    expect(parsed.unknown).toHaveLength(1);
    expect(parsed.unknown[0]?.length).toBeLessThanOrEqual(200);
  });

  it("finishes fast on megabytes of pathological text", () => {
    const nasty = [
      `referral: ${"a ".repeat(200_000)}<`,
      `fix: ${"name ".repeat(100_000)}`,
      `snooze ${"9".repeat(100_000)}d`,
      `notes: ${"\u202e".repeat(100_000)}`,
      `Hi ${"a".repeat(100_000)}`,
      `${"Thanks ".repeat(50_000)}`,
    ].join("\n");
    const started = performance.now();
    parseCommands(nasty);
    parseCommands("a".repeat(5_000_000));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("strips control and bidi characters, and never touches Object.prototype", () => {
    const parsed = parseCommands("d\u0000one\n\u202eskip\nconstructor\n__proto__\nnotes: __proto__");
    expect(parsed.commands).toEqual([
      { verb: "done" },
      { verb: "skip" },
      { verb: "notes", text: "__proto__" },
    ]);
    expect(parsed.unknown).toEqual(["constructor", "__proto__"]);
    expect(({} as Record<string, unknown>).verb).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("verb");
  });

  it("non-string input does not throw", () => {
    expect(parseCommands(undefined as unknown as string)).toEqual({ commands: [], unknown: [] });
  });

  it("a CR/LF inside a value cannot reach a command value", () => {
    const parsed = parseCommands("fix: name Jane\r\nBcc: evil@x.com");
    expect(parsed.commands).toEqual([{ verb: "fix", field: "name", value: "Jane" }]);
  });
});
