/**
 * A small, seeded fuzzer for the parsers: a PRNG and mutators that damage mail and iCalendar the
 * ways real and hostile senders do. Everything is a function of the seed, so a failure replays.
 * Mail is handled as latin1 strings: one char per byte, so byte-level damage survives round trips.
 */

/** mulberry32: a tiny, good-enough 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  /** `length` random chars from `alphabet` (default: any byte). */
  chars(length: number, alphabet?: string): string {
    let out = "";
    for (let i = 0; i < length; i++)
      out += alphabet ? alphabet[this.int(alphabet.length)] : String.fromCharCode(this.int(256));
    return out;
  }
}

export type Mutator = (rng: Rng, input: string) => string;

const NASTY_TEXT = [
  "__proto__",
  "constructor",
  "prototype",
  "\u0000",
  "\r\nBcc: victim@evil.test",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "=?utf-8?B?PHNjcmlwdD4=?=",
  "=?x-unknown?Q?=FF=FE?=",
  "=?utf-7?Q?+ADw-script+AD4-?=",
  "=?utf-8?Q?broken",
  "\uFFFD\uD800",
  "%00%0d%0a",
  "'\"`;--",
  "a".repeat(5000),
  "\t \t ",
];

const HOSTILE_HEADERS = [
  "From: Jane <jane@acme.com>",
  "From: a@x.com, b@y.com",
  "From: =?utf-8?B?eW91QGV4YW1wbGUuY29t?= <attacker@evil.test>",
  'Content-Type: multipart/mixed; boundary=""',
  "Content-Type: multipart/mixed; boundary=x",
  "Content-Type: text/calendar; charset=utf-7; method=REQUEST",
  "Content-Type: text/plain; charset*=utf-8''%FF%FE",
  "Content-Transfer-Encoding: base64",
  "Content-Transfer-Encoding: quoted-printable",
  "Content-Disposition: attachment; filename*0*=utf-8''%E2%82; filename*1=x",
  "Message-ID: <__proto__@x>",
  "Message-ID:",
  "To: reply+__proto__@coffee.test",
  "Subject: =?utf-8?B?",
  "MIME-Version: 1.0 (\u0000)",
];

function lines(input: string): string[] {
  return input.split(/\r?\n/);
}

function headerEnd(input: string): number {
  const crlf = input.indexOf("\r\n\r\n");
  const lf = input.indexOf("\n\n");
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : input.length;
}

export const mailMutators: Record<string, Mutator> = {
  flipBytes(rng, input) {
    const chars = input.split("");
    const flips = rng.between(1, 1 + Math.ceil(chars.length / 500));
    for (let i = 0; i < flips && chars.length > 0; i++) {
      const at = rng.int(chars.length);
      chars[at] = String.fromCharCode((chars[at]?.charCodeAt(0) ?? 0) ^ (1 << rng.int(8)));
    }
    return chars.join("");
  },
  truncate(rng, input) {
    return input.slice(0, rng.int(input.length + 1));
  },
  duplicateLines(rng, input) {
    const all = lines(input);
    const at = rng.int(all.length);
    const count = rng.between(1, 20);
    const copies = rng.between(2, 200);
    const block = all.slice(at, at + count);
    return [
      ...all.slice(0, at),
      ...Array.from({ length: copies }, () => block).flat(),
      ...all.slice(at),
    ].join("\r\n");
  },
  spliceHeader(rng, input) {
    const end = headerEnd(input);
    const header = rng.chance(0.7)
      ? rng.pick(HOSTILE_HEADERS)
      : `X-${rng.chars(rng.between(1, 20), "abcdefghij-_")}: ${rng.pick(NASTY_TEXT)}`;
    const at = rng.chance(0.5) ? 0 : end;
    return `${input.slice(0, at)}${at === 0 ? "" : "\r\n"}${header}${at === 0 ? "\r\n" : ""}${input.slice(at)}`;
  },
  damageBoundary(rng, input) {
    const match = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(input);
    if (!match?.[1]) return mailMutators.flipBytes?.(rng, input) ?? input;
    const boundary = match[1];
    switch (rng.int(4)) {
      case 0: // the closing delimiter goes
        return input.split(`--${boundary}--`).join("");
      case 1: // the declared boundary no longer matches the parts
        return input.replace(match[0], `boundary="${boundary}${rng.chars(3, "xyz")}"`);
      case 2: // a part delimiter is cut mid-line
        return input.replace(`--${boundary}`, `--${boundary.slice(0, Math.max(1, boundary.length - 2))}`);
      default: // a thousand empty parts
        return input.replace(`--${boundary}`, `${`--${boundary}\r\n\r\n`.repeat(1000)}--${boundary}`);
    }
  },
  deepNesting(rng, input) {
    const depth = rng.between(10, 400);
    let out = "";
    for (let i = 0; i < depth; i++)
      out += `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`;
    const end = headerEnd(input);
    return `${input.slice(0, end)}\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n${out}${input.slice(end)}`;
  },
  hugeFoldedHeader(rng, input) {
    const folds = rng.between(100, 5000);
    const value = Array.from({ length: folds }, () => rng.pick(NASTY_TEXT).slice(0, 60)).join("\r\n ");
    return `${rng.pick(["Subject", "From", "To", "Content-Type", "Received"])}: ${value}\r\n${input}`;
  },
  nastyText(rng, input) {
    const at = rng.int(input.length + 1);
    return `${input.slice(0, at)}${rng.pick(NASTY_TEXT)}${input.slice(at)}`;
  },
};

const ICS_PROPERTIES = [
  "DTSTART",
  "DTEND",
  "DURATION",
  "UID",
  "SEQUENCE",
  "ORGANIZER",
  "ATTENDEE",
  "SUMMARY",
  "LOCATION",
  "DESCRIPTION",
  "METHOD",
  "RECURRENCE-ID",
  "EXDATE",
  "RDATE",
  "STATUS",
  "TZOFFSETFROM",
  "TZOFFSETTO",
];

const ICS_VALUES = [
  "",
  "__proto__",
  "99999999T999999Z",
  "20261203T150000",
  "00000000T000000",
  "-1",
  "4294967296",
  "P9999999W",
  "PT-1H",
  "mailto:",
  "mailto:__proto__@x",
  "+2500",
  "BEGIN:VEVENT",
  "\\",
  "\\n\\n\\n",
  ";;;;",
  "a".repeat(10_000),
];

const RRULES = [
  "FREQ=SECONDLY;INTERVAL=1",
  "FREQ=SECONDLY;COUNT=100000000",
  "FREQ=MINUTELY;BYSECOND=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29",
  "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
  "FREQ=YEARLY;BYMONTH=13",
  "FREQ=MONTHLY;BYDAY=5MO;BYSETPOS=-1",
  "FREQ=DAILY;INTERVAL=0",
  "FREQ=DAILY;INTERVAL=-1",
  "FREQ=WEEKLY;BYDAY=XX",
  "FREQ=NONSENSE",
  "FREQ=DAILY;UNTIL=00000000",
  "FREQ=YEARLY;BYWEEKNO=54;BYDAY=MO",
  "COUNT=;FREQ=",
  "FREQ=HOURLY;BYHOUR=25",
];

const TZIDS = [
  "__proto__",
  "constructor",
  "Mars/Olympus_Mons",
  "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius",
  "FLE Standard Time",
  "/mozilla.org/20050126_1/America/New_York",
  "Etc/GMT+99",
  "",
  '"quoted"',
  "a".repeat(2000),
  "Europe/Berlin\u0000",
  "UTC;VALUE=DATE",
];

export const icsMutators: Record<string, Mutator> = {
  propertyValue(rng, input) {
    const name = rng.pick(ICS_PROPERTIES);
    const value = rng.chance(0.8) ? rng.pick(ICS_VALUES) : rng.chars(rng.between(1, 200));
    const pattern = new RegExp(`^(${name}(?:;[^:\\r\\n]*)?):.*$`, "m");
    return pattern.test(input)
      ? input.replace(pattern, `$1:${value}`)
      : input.replace(/BEGIN:VEVENT\r?\n/, (m) => `${m}${name}:${value}\r\n`);
  },
  rruleGarbage(rng, input) {
    const rule = rng.chance(0.8)
      ? rng.pick(RRULES)
      : rng.chars(rng.between(1, 100), "FREQ=DAILY;BYSETPOS-0123456789,");
    const count = rng.chance(0.2) ? rng.between(2, 200) : 1;
    const rules = Array.from({ length: count }, () => `RRULE:${rule}`).join("\r\n");
    return input.replace(/BEGIN:VEVENT\r?\n/, (m) => `${m}${rules}\r\n`);
  },
  tzidGarbage(rng, input) {
    const tzid = rng.pick(TZIDS);
    return input.replace(/TZID=[^:;\r\n]*/g, `TZID=${tzid}`).replace(/^TZID:.*$/gm, `TZID:${tzid}`);
  },
  manyEvents(rng, input) {
    const event = /BEGIN:VEVENT[\s\S]*?END:VEVENT\r?\n?/.exec(input)?.[0];
    if (!event) return input;
    // Thousands of events, but under half a MB: size limits have their own tests.
    const copies = Math.min(rng.between(2, 2000), Math.max(2, Math.floor(400_000 / event.length)));
    return input.replace(event, event.repeat(copies));
  },
  unbalanced(rng, input) {
    const all = lines(input).filter((l) => !(rng.chance(0.3) && /^(BEGIN|END):/.test(l)));
    if (rng.chance(0.5))
      all.splice(
        rng.int(all.length),
        0,
        ...Array.from({ length: rng.between(1, 300) }, () => "BEGIN:VEVENT"),
      );
    return all.join("\r\n");
  },
  lineEndings(rng, input) {
    return input.replace(/\r\n/g, () => rng.pick(["\r\n", "\n", "\r", "\r\n ", "\r\n\t"]));
  },
  bytes(rng, input) {
    return (rng.chance(0.5) ? mailMutators.flipBytes : mailMutators.truncate)?.(rng, input) ?? input;
  },
};

/** Applies one to three mutators, and says which (for the failure report). */
export function mutate(
  rng: Rng,
  input: string,
  mutators: Record<string, Mutator>,
): { output: string; applied: string[] } {
  const names = Object.keys(mutators);
  const applied: string[] = [];
  let output = input;
  for (let i = rng.between(1, 3); i > 0; i--) {
    const name = rng.pick(names);
    applied.push(name);
    output = mutators[name]?.(rng, output) ?? output;
  }
  return { output, applied };
}

/** Wraps a calendar as a forwarded invite mail, so .ics damage also goes through MIME parsing. */
export function mailAround(ics: string, rng: Rng): string {
  const encoding = rng.pick(["7bit", "base64", "quoted-printable"]);
  const body =
    encoding === "base64"
      ? (
          Buffer.from(ics, "latin1")
            .toString("base64")
            .match(/.{1,76}/g) ?? []
        ).join("\r\n")
      : ics;
  return [
    "From: Sam User <you@example.com>",
    "To: log@coffee.test",
    "Subject: Fwd: Invitation",
    "Message-ID: <fuzz@mail.example.com>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="fz"',
    "",
    "--fz",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "See below.",
    "--fz",
    `Content-Type: text/calendar; charset=${rng.pick(["UTF-8", "utf-7", "x-unknown", "ISO-8859-1"])}; method=REQUEST`,
    `Content-Transfer-Encoding: ${encoding}`,
    "",
    body,
    "--fz--",
    "",
  ].join("\r\n");
}

/** The run's size and seed: short and fixed in `npm test`; `COFFEECHAT_FUZZ=long` for thousands. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): {
  long: boolean;
  seed: number;
  inputs: number;
} {
  const long = env.COFFEECHAT_FUZZ === "long";
  const fromEnv = env.COFFEECHAT_FUZZ_SEED ? Number.parseInt(env.COFFEECHAT_FUZZ_SEED, 10) : Number.NaN;
  const seed = Number.isFinite(fromEnv) ? fromEnv >>> 0 : long ? (Math.random() * 2 ** 32) >>> 0 : 20261125;
  const count = env.COFFEECHAT_FUZZ_INPUTS ? Number.parseInt(env.COFFEECHAT_FUZZ_INPUTS, 10) : Number.NaN;
  return { long, seed, inputs: Number.isFinite(count) && count > 0 ? count : long ? 5_000 : 200 };
}
