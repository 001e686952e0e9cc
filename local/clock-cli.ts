import type { AdvanceReport } from "./control-server.js";
import { parseDuration } from "./duration.js";
import { PORT_VARIABLES } from "./settings.js";

/** `npm run clock -- now` / `npm run clock -- advance 3d`: moves the running local stack's clock. */
async function main() {
  const [command, value] = process.argv.slice(2);
  const port = Number(process.env.COFFEECHAT_CONTROL_PORT || PORT_VARIABLES.control.fallback);
  const base = `http://127.0.0.1:${port}`;

  if (command === "now") {
    const { now, offsetMs } = (await call(`${base}/now`)) as { now: string; offsetMs: number };
    console.log(`${now}  (${formatOffset(offsetMs)} ahead of real time)`);
    return;
  }
  if (command === "advance") {
    const ms = value ? parseDuration(value) : null;
    if (ms === null) fail(`"${value ?? ""}" is not a duration: use e.g. 90m, 12h, 3d, 2w`);
    const report = (await call(`${base}/advance`, { ms })) as AdvanceReport;
    // The hourly sweep fires 24 times a day: it is counted, and listed only when it failed.
    const sweeps = report.fired.filter((f) => summarizeInput(f.input) === "sweep");
    for (const f of report.fired) {
      const input = summarizeInput(f.input);
      if (input === "sweep" && f.ok) continue;
      console.log(
        `${f.dueAt}  ${f.ok ? "fired " : "FAILED"}  ${f.schedule}  ${input}${f.error ? `  (${f.error})` : ""}`,
      );
    }
    for (const mail of report.sent) console.log(`  sent → ${mail.to.join(", ")}: ${mail.subject}`);
    console.log(
      `now ${report.now}; ${report.fired.length - sweeps.length} prompt schedule(s) and ${sweeps.length} hourly sweep(s) fired, ${report.sent.length} mail(s) sent`,
    );
    return;
  }
  fail("usage: npm run clock -- now | advance <duration (90m, 12h, 3d, 2w)>");
}

async function call(url: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(
      url,
      body === undefined
        ? undefined
        : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } },
    );
  } catch {
    fail(`nothing answers at ${url}: is the stack running (npm start)?`);
  }
  const json = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) fail(json.error ?? `HTTP ${response.status}`);
  return json;
}

function summarizeInput(input: string): string {
  try {
    const parsed = JSON.parse(input) as { type?: string; promptId?: string };
    return parsed.type === "prompt" ? `prompt ${parsed.promptId}` : (parsed.type ?? "");
  } catch {
    return "";
  }
}

function formatOffset(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} h`;
}

function fail(message: string): never {
  console.error(`clock: ${message}`);
  process.exit(1);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
