import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Command } from "../commands/command.js";
import type { Deps } from "../deps.js";
import { CoffeechatError, ErrorCode } from "../errors.js";
import type { User } from "../model/user.js";
import type { RunCommandsInput } from "../usecases/run-commands.js";
import { HomePage, MessagePage, notFoundPage } from "./layout.js";
import { mailLinks } from "./mail-links.js";
import { formToken, formTokenValid, originAllowed, securityHeaders } from "./security.js";
import { openStatusLink } from "./status-access.js";
import { StatusPage } from "./status-page.js";
import { readCalendarWindow, readStatusPage, statusCursor } from "./status-reads.js";
import { statusView } from "./status-view.js";
import { type RunCommands, runCommandsOnFirstUse, webCommands } from "./web-commands.js";

export type { RunCommands, RunCommandsInput };

export interface WebAppOptions {
  runCommands?: RunCommands;
}

type PromptAction = "done" | "snooze" | "skip" | "stop";
type Flash = "done" | "snoozed" | "skipped" | "stopped" | "paused" | "resumed";

/** Flash messages are fixed texts chosen by a code: nothing from the URL is echoed. */
const FLASH_TEXT: Record<Flash, string> = {
  done: "Marked as done.",
  snoozed: "Snoozed.",
  skipped: "Skipped.",
  stopped: "Stopped: no more prompts about this person.",
  paused: "Paused: nothing is emailed until you resume.",
  resumed: "Resumed: prompts are back on.",
};

const ACTION_FLASH: Record<PromptAction, Flash> = {
  done: "done",
  snooze: "snoozed",
  skip: "skipped",
  stop: "stopped",
};

const MAX_FORM_BYTES = 4 * 1024;
const MAX_SNOOZE_DAYS = 90;

export function createWebApp(deps: Deps, options: WebAppOptions = {}): Hono {
  const runCommands = options.runCommands ?? runCommandsOnFirstUse;
  const app = new Hono();

  app.use(securityHeaders);

  app.get("/", (c) => c.html(<HomePage />));

  app.get("/s/:token", async (c) => {
    const token = c.req.param("token");
    const user = await requireUser(deps, token);
    const code = c.req.query("flash");
    // Right after pausing, the page's standing "paused" notice says it already: once is enough.
    const flash = code === "paused" && user.paused ? null : flashText(code);
    const now = deps.clock.now();
    const cursor = statusCursor(c.req.query("more"), c.req.query("after"));
    const { account, named, more } = await readStatusPage(deps.store, user, now, cursor);
    return c.html(
      <StatusPage
        view={statusView(account, now, { named, more })}
        basePath={statusPath(token)}
        formToken={formToken(deps.config.tokenKey, user.statusTokenHash)}
        flash={flash}
      />,
    );
  });

  app.get("/s/:token/calendar.ics", async (c) => {
    const user = await requireUser(deps, c.req.param("token"));
    const now = deps.clock.now();
    const window = await readCalendarWindow(deps.store, user, now);
    // ical.js is only needed here: loaded with the first feed asked for, not with every page.
    const { calendarFeed } = await import("./calendar-feed.js");
    const feed = calendarFeed(window, now, deps.config.mailDomain);
    return c.body(feed, 200, { "Content-Type": "text/calendar; charset=utf-8" });
  });

  const formLimit = bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: () => {
      throw new CoffeechatError(ErrorCode.BadRequest, "That form is too large.");
    },
  });

  /** Origin first (cheap, no data), then the link, then the form token bound to it. */
  const authorize = async (
    token: string,
    origin: string | undefined,
    site: string | undefined,
    form: FormData,
  ) => {
    if (!originAllowed(origin, site, deps.config.webUrl)) throw forbidden();
    const user = await requireUser(deps, token);
    if (!formTokenValid(deps.config.tokenKey, user.statusTokenHash, form.get("csrf"))) throw forbidden();
    return user;
  };

  app.post("/s/:token/prompts/:promptId/:action", formLimit, async (c) => {
    const token = c.req.param("token");
    const action = promptAction(c.req.param("action"));
    const form = await readForm(c.req.raw);
    const user = await authorize(token, c.req.header("origin"), c.req.header("sec-fetch-site"), form);
    if (!action) throw notFound();
    const promptId = c.req.param("promptId");
    if (!(await deps.store.getPrompt(user.id, promptId))) throw notFound();
    await runCommands(deps, webCommands(user.id, promptId, [commandFor(action, form)]));
    return c.redirect(`${statusPath(token)}?flash=${ACTION_FLASH[action]}#prompts`, 303);
  });

  for (const verb of ["pause", "resume"] as const) {
    app.post(`/s/:token/${verb}`, formLimit, async (c) => {
      const token = c.req.param("token");
      const form = await readForm(c.req.raw);
      const user = await authorize(token, c.req.header("origin"), c.req.header("sec-fetch-site"), form);
      await runCommands(deps, webCommands(user.id, null, [{ verb }]));
      return c.redirect(`${statusPath(token)}?flash=${verb === "pause" ? "paused" : "resumed"}`, 303);
    });
  }

  app.route("/", mailLinks(deps, runCommands));

  app.notFound((c) => c.html(notFoundPage(), 404));

  app.onError((error, c) => {
    // The route pattern, never the path: the path holds the token.
    const where = { method: c.req.method, route: c.req.routePath };
    if (error instanceof CoffeechatError) {
      const status = STATUS_BY_CODE[error.code];
      if (status === 404) return c.html(notFoundPage(), 404);
      if (status === 403) {
        deps.log.warn("web.forbidden", where);
        return c.html(
          <MessagePage
            title="Not allowed"
            message="This form has expired or was sent from another site. Reload your status page and try again."
          />,
          403,
        );
      }
      if (status === 400) return c.html(<MessagePage title="Bad request" message={error.message} />, 400);
      deps.log.error("web.error", { ...where, code: error.code });
    } else if (error instanceof HTTPException && error.status < 500) {
      return c.html(
        <MessagePage title="Bad request" message="That request could not be understood." />,
        error.status,
      );
    } else {
      deps.log.error("web.error", { ...where, error: error instanceof Error ? error.name : "unknown" });
    }
    return c.html(<MessagePage title="Something went wrong" message="Please try again in a minute." />, 500);
  });

  return app;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, 400 | 403 | 404>> = {
  [ErrorCode.NotFound]: 404,
  [ErrorCode.InvalidToken]: 404,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.UnknownCommand]: 400,
};

async function requireUser(deps: Deps, token: string): Promise<User> {
  const user = await openStatusLink(deps.store, token);
  if (!user) throw notFound();
  return user;
}

function statusPath(token: string): string {
  return `/s/${encodeURIComponent(token)}`;
}

function flashText(code: string | undefined): string | null {
  return code !== undefined && Object.hasOwn(FLASH_TEXT, code) ? FLASH_TEXT[code as Flash] : null;
}

function promptAction(value: string): PromptAction | null {
  return value === "done" || value === "snooze" || value === "skip" || value === "stop" ? value : null;
}

function commandFor(action: PromptAction, form: FormData): Command {
  if (action !== "snooze") return { verb: action };
  const days = form.get("days");
  if (typeof days !== "string" || !/^\d{1,3}$/.test(days.trim())) throw badDays();
  const value = Number(days.trim());
  if (value < 1 || value > MAX_SNOOZE_DAYS) throw badDays();
  return { verb: "snooze", days: value };
}

/** Only url-encoded forms: that is all the page sends, and it keeps parsing trivial and bounded. */
async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return new FormData();
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(await request.text())) {
    if (!form.has(name)) form.set(name, value);
  }
  return form;
}

const notFound = () => new CoffeechatError(ErrorCode.NotFound, "Not found.");
const forbidden = () => new CoffeechatError(ErrorCode.Forbidden, "Not allowed.");
const badDays = () =>
  new CoffeechatError(
    ErrorCode.BadRequest,
    `Snooze takes a whole number of days, from 1 to ${MAX_SNOOZE_DAYS}.`,
  );
