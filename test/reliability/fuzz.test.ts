import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultLimits } from "../../core/config.js";
import { CoffeechatError } from "../../core/errors.js";
import { parseInvite } from "../../core/invite/parse-invite.js";
import { parseMail } from "../../core/mail/parse-mail.js";
import { fuzzSettings, icsMutators, mailAround, mailMutators, mutate, Rng } from "../support/fuzz.js";
import { forwardedInvite, inviteIcs } from "../support/mail-builder.js";

/**
 * RELIABILITY.md cases 14–16 under random damage: mutated corpus and fixture mail and .ics go
 * through parseMail and parseInvite. Nothing may throw but a CoffeechatError (parseInvite: nothing
 * at all), take longer than the budget, or touch Object.prototype.
 *
 * `npm test` runs a short, fixed-seed round; `npm run test:long` thousands with a random seed,
 * printed so that `COFFEECHAT_FUZZ_SEED=<seed>` replays it exactly.
 */

const repo = fileURLToPath(new URL("../../", import.meta.url));
const corpus = join(repo, "../shared/corpus");
const corpusPresent = existsSync(corpus);
const settings = fuzzSettings();

/** What the parser is given, and the wall time one input may take in all (the budget plus one bounded step). */
const PARSE_BUDGET_MS = 1_000;
const INPUT_BUDGET_MS = 2_500;
/** The short run mutates small seeds only; the long one takes every file. */
const SHORT_RUN_MAX_SEED_BYTES = 256 * 1024;

interface Seed {
  source: string;
  text: string;
}

function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

function seedsFrom(dir: string, ext: string): Seed[] {
  return filesUnder(dir, ext)
    .filter((path) => settings.long || statSync(path).size <= SHORT_RUN_MAX_SEED_BYTES)
    .map((path) => ({ source: path.slice(repo.length - 1), text: readFileSync(path).toString("latin1") }));
}

// The project's own fixtures always run; the corpus adds real-world seeds when it is there.
const mailSeeds: Seed[] = [
  ...seedsFrom(join(repo, "test/fixtures/mail"), ".eml"),
  { source: "mail-builder forwardedInvite", text: forwardedInvite() },
  ...(corpusPresent ? seedsFrom(corpus, ".eml") : []),
];
const icsSeeds: Seed[] = [
  { source: "mail-builder inviteIcs", text: inviteIcs() },
  {
    source: "mail-builder inviteIcs CANCEL",
    text: inviteIcs({ method: "CANCEL", sequence: 3, tzid: "Europe/Tallinn" }),
  },
  ...(corpusPresent ? seedsFrom(corpus, ".ics") : []),
];

const pristinePrototype = Object.getOwnPropertyNames(Object.prototype).sort().join(",");
const prototypeTouched = () =>
  Object.getOwnPropertyNames(Object.prototype).sort().join(",") !== pristinePrototype ||
  ({} as Record<string, unknown>).polluted !== undefined;

const parseOptions = {
  userAddresses: [],
  mailDomain: "coffee.test",
  limits: { ...defaultLimits, parseBudgetMs: PARSE_BUDGET_MS },
};

/** Runs one input; returns why it failed, or null. */
async function check(run: () => unknown): Promise<string | null> {
  const started = performance.now();
  let problem: string | null = null;
  try {
    await run();
  } catch (error) {
    if (!(error instanceof CoffeechatError))
      problem = `threw ${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 200)}`;
  }
  const took = performance.now() - started;
  if (!problem && took > INPUT_BUDGET_MS)
    problem = `took ${Math.round(took)} ms (budget ${INPUT_BUDGET_MS} ms)`;
  if (!problem && prototypeTouched()) problem = "touched Object.prototype";
  return problem;
}

/** Keeps a failing input where it can be read and replayed. */
function keep(kind: string, index: number, output: string): string {
  const path = join(tmpdir(), `coffeechat-fuzz-${settings.seed}-${kind}-${index}`);
  writeFileSync(path, Buffer.from(output, "latin1"));
  return path;
}

const replay = `COFFEECHAT_FUZZ_SEED=${settings.seed}${settings.long ? " COFFEECHAT_FUZZ=long" : ""}`;
console.info(`fuzz: seed ${settings.seed}, ${settings.inputs} inputs per parser family (replay: ${replay})`);
if (!corpusPresent)
  console.warn("fuzz: ../shared/corpus is absent; mutating the project's own fixtures only");

const timeout = settings.long ? 60 * 60_000 : 60_000;

describe(`the parsers under random damage (seed ${settings.seed})`, () => {
  it.skipIf(corpusPresent)(
    "mutates only the project's fixtures (skipped: ../shared/corpus is present)",
    () => {
      expect(mailSeeds.length).toBeGreaterThan(20);
    },
  );

  it("parseMail: mutated mail is read or refused with a CoffeechatError, within budget", {
    timeout,
  }, async () => {
    const rng = new Rng(settings.seed);
    const failures: string[] = [];
    for (let i = 0; i < settings.inputs; i++) {
      const seed = rng.pick(mailSeeds);
      const { output, applied } = mutate(rng, seed.text, mailMutators);
      const problem = await check(() => parseMail(Buffer.from(output, "latin1"), parseOptions));
      if (problem)
        failures.push(
          `#${i} ${seed.source} [${applied.join(", ")}]: ${problem} → ${keep("mail", i, output)}`,
        );
    }
    expect(failures, `replay with ${replay}`).toEqual([]);
  });

  it("parseInvite and parseMail: mutated .ics never throws, expands nothing, within budget", {
    timeout,
  }, async () => {
    const rng = new Rng(settings.seed ^ 0x5eed);
    const failures: string[] = [];
    for (let i = 0; i < settings.inputs; i++) {
      const seed = rng.pick(icsSeeds);
      const { output, applied } = mutate(rng, seed.text, icsMutators);
      // parseInvite promises never to throw (reject) at all.
      const alone = await check(async () => {
        try {
          await parseInvite(output, { methodHint: "REQUEST" });
        } catch (error) {
          throw new Error(`parseInvite threw ${(error as Error)?.name}`, { cause: error });
        }
      });
      const inMail =
        alone ?? (await check(() => parseMail(Buffer.from(mailAround(output, rng), "latin1"), parseOptions)));
      const problem = alone ?? inMail;
      if (problem)
        failures.push(`#${i} ${seed.source} [${applied.join(", ")}]: ${problem} → ${keep("ics", i, output)}`);
    }
    expect(failures, `replay with ${replay}`).toEqual([]);
  });
});
