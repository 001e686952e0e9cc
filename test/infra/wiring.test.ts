import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configFrom } from "../../core/config.js";
import { dispatchInputSchema } from "../../core/followup/dispatch-input.js";
import { tableSchema } from "../../core/store/table-schema.js";
import {
  type FunctionKey,
  functionLinks,
  handlerSource,
  handlers,
  type LinkName,
  resourcesOf,
  sweepEvent,
} from "../../infra/links.js";
import { tableDefinition } from "../../infra/table.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
/** Source without comments (so a doc comment mentioning `Resource.X` reads nothing). */
const code = (path: string) =>
  read(path)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|\s)\/\/.*$/gm, "$1");

function infraSources(): { path: string; text: string }[] {
  const files = [
    "sst.config.ts",
    ...readdirSync(join(root, "infra"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `infra/${f}`),
  ];
  return files.map((path) => ({ path, text: code(path) }));
}
const infraText = () =>
  infraSources()
    .map((s) => s.text)
    .join("\n");

/** Relative imports of a module, resolved to repo paths (`./x.js` → `x.ts` or `x.tsx`). */
function importsOf(path: string): string[] {
  const text = code(path);
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? "");
  return specifiers.flatMap((spec) => {
    const base = join(dirname(path), spec).replace(/\.js$/, "");
    const found = [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((p) =>
      existsSync(join(root, p)),
    );
    return found ? [found] : [];
  });
}

function importGraph(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    for (const next of importsOf(path)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

/** A complete set of linked values, as core/config.ts expects them. */
const fullLinks = {
  Table: { name: "coffeechat-table" },
  TokenKey: { value: "k".repeat(48) },
  Settings: {
    mailDomain: "coffee.example.com",
    webUrl: "https://x.lambda-url.us-east-1.on.aws/",
    defaultTimeZone: "UTC",
    promptHour: 9,
    cadenceMonths: 6,
    trustedArcSealers: ["google.com"],
  },
  RawMail: { name: "raw-mail" },
  Schedules: {
    group: "g",
    roleArn: "arn:aws:iam::1:role/r",
    targetArn: "arn:aws:lambda:us-east-1:1:function:f",
    deadLetterArn: "arn:aws:sqs:us-east-1:1:q",
  },
} satisfies Partial<Record<LinkName, unknown>>;

/** Links core/config.ts cannot start without: dropping one makes configFrom throw. */
function linksConfigRequires(): LinkName[] {
  return (Object.keys(fullLinks) as (keyof typeof fullLinks)[]).filter((name) => {
    const { [name]: _dropped, ...rest } = fullLinks;
    try {
      configFrom(rest);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * What a function's code needs linked, read from its import graph:
 * - every `Resource.X` read directly;
 * - the links core/config.ts requires, when the graph loads the config;
 * - the optional links, when a use case in the graph calls the port built from them
 *   (the AWS adapters are built for every handler, so core/aws/ itself says nothing).
 */
function linksNeededBy(fn: FunctionKey): Map<LinkName | string, string> {
  const needed = new Map<string, string>();
  const graph = importGraph(handlerSource(handlers[fn]).file);
  for (const path of graph) {
    const text = code(path);
    for (const m of text.matchAll(/\bResource\.([A-Za-z_]\w*)/g))
      needed.set(m[1] ?? "", `${path} reads Resource.${m[1]}`);
    if (path.startsWith("core/aws/") || path === "core/config.ts") continue;
    if (/\.scheduler\.(ensure|remove)\(/.test(text)) needed.set("Schedules", `${path} calls the scheduler`);
    if (/\.rawMail\.read\(/.test(text)) needed.set("RawMail", `${path} reads raw mail`);
    if (/\.mailer\.send\(/.test(text)) needed.set("Mailer", `${path} sends mail`);
  }
  if (graph.includes("core/config.ts")) {
    for (const name of linksConfigRequires()) needed.set(name, "core/config.ts requires it");
  }
  return needed;
}

const functionKeys = Object.keys(handlers) as FunctionKey[];

describe("infra wiring", () => {
  it("names the five handlers, and infra uses them from infra/links.ts only", () => {
    const named = new Set(
      infraSources().flatMap(({ text }) =>
        [...text.matchAll(/["'`](functions\/[\w-]+\.\w+)["'`]/g)].map((m) => m[1]),
      ),
    );
    expect([...named].sort()).toEqual(Object.values(handlers).sort());
    const functionsTs = read("infra/functions.ts");
    expect(functionsTs).toMatch(/handler:\s*handlers\[fn\]/);
    expect(functionsTs).toMatch(/link:\s*functionLinks\[fn\]\.map/);
  });

  it.each(Object.entries(handlers))("%s: %s exists and exports the handler", (_fn, handler) => {
    const { file, exportName } = handlerSource(handler);
    expect(existsSync(join(root, file)), `${file} is missing`).toBe(true);
    const text = code(file);
    const exported = new RegExp(
      `export\\s+(?:const|let|var|function|async\\s+function)\\s+${exportName}\\b|export\\s*\\{[^}]*\\b${exportName}\\b[^}]*\\}`,
    );
    expect(text, `${file} does not export ${exportName}`).toMatch(exported);
  });

  it.each(functionKeys)("%s is linked to everything its code reads", (fn) => {
    const linked = new Set<string>(resourcesOf(fn));
    const missing = [...linksNeededBy(fn)]
      .filter(([name]) => !linked.has(name))
      .map(([name, why]) => `${name} (${why})`);
    expect(missing, `${fn} needs links it does not have`).toEqual([]);
  });

  it.each(functionKeys)("%s is linked to nothing its code does not use", (fn) => {
    const needed = linksNeededBy(fn);
    const extra = resourcesOf(fn).filter((name) => !needed.has(name));
    expect(extra, `${fn} is linked to more than it uses`).toEqual([]);
  });

  it("declares every link a function gets, under the name handlers read", () => {
    const text = infraText();
    const declared = new Set(
      [...text.matchAll(/new sst\.(?:Linkable|Secret)\(\s*"(\w+)"/g)].map((m) => m[1]),
    );
    const used = new Set(functionKeys.flatMap(resourcesOf));
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it("gives Settings and Schedules every property core/config.ts reads", () => {
    const functionsTs = code("infra/functions.ts");
    const schedulerTs = code("infra/scheduler.ts");
    for (const key of Object.keys(fullLinks.Settings))
      expect(functionsTs, `Settings.${key}`).toMatch(new RegExp(`\\b${key}:`));
    for (const key of Object.keys(fullLinks.Schedules))
      expect(schedulerTs, `Schedules.${key}`).toMatch(new RegExp(`\\b${key}:`));
  });

  it("links the table, the bucket and SES through narrow Linkables, never the components themselves", () => {
    const allLinks = Object.values(functionLinks).flat();
    expect(allLinks).not.toContain("Data");
    expect(allLinks).not.toContain("RawMailBucket");
    expect(allLinks).not.toContain("MailIdentity");
    // No wildcard actions anywhere in infra.
    expect(infraText()).not.toMatch(/["'][a-z0-9-]+:\*["']/);
  });
});

describe("the hourly sweep", () => {
  it("hands its function an input DispatchInput accepts", () => {
    expect(dispatchInputSchema().parse(sweepEvent)).toEqual({ type: "sweep" });
    expect(read("infra/scheduler.ts")).toMatch(/new sst\.aws\.Cron\([\s\S]*?event:\s*sweepEvent/);
  });
});

describe("the table", () => {
  it("matches core/store/table-schema.ts", () => {
    expect(tableDefinition.primaryIndex).toEqual({
      hashKey: tableSchema.partitionKey,
      rangeKey: tableSchema.sortKey,
    });
    expect(tableDefinition.globalIndexes).toEqual({
      [tableSchema.dueIndex.name]: {
        hashKey: tableSchema.dueIndex.partitionKey,
        rangeKey: tableSchema.dueIndex.sortKey,
      },
      [tableSchema.viewIndex.name]: {
        hashKey: tableSchema.viewIndex.partitionKey,
        rangeKey: tableSchema.viewIndex.sortKey,
      },
    });
    expect(tableDefinition.ttl).toBe(tableSchema.ttlAttribute);
    // Only key attributes are declared, all strings.
    expect(tableDefinition.fields).toEqual({
      [tableSchema.partitionKey]: "string",
      [tableSchema.sortKey]: "string",
      [tableSchema.dueIndex.partitionKey]: "string",
      [tableSchema.dueIndex.sortKey]: "string",
      [tableSchema.viewIndex.partitionKey]: "string",
      [tableSchema.viewIndex.sortKey]: "string",
    });
  });

  it("is the table infra creates", () => {
    const storage = read("infra/storage.ts");
    expect(storage).toMatch(/new sst\.aws\.Dynamo\("Data",\s*\{\s*\.\.\.tableDefinition/);
    expect(storage).toMatch(/pointInTimeRecovery = \{ enabled: true \}/);
    expect(storage).toMatch(/deletionProtection: config\.isProd/);
  });
});
