import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { STAGES } from "../../core/interview/stage.js";
import { createMemoryStore } from "../../core/store/memory-store.js";
import type { Store } from "../../core/store/store.js";
import { csrfToken, statusToken } from "../../core/tokens.js";
import { createWebApp, type RunCommandsInput } from "../../core/web/app.js";
import {
  contact,
  fakeRunCommands,
  meeting,
  prompt,
  sampleAccount,
  seed,
  TOKEN_KEY,
  testDeps,
  tokenFor,
  USER_ID,
  user,
  WEB_URL,
} from "./helpers.js";

const HOSTILE_NAME = `<img src=x onerror=alert(1)>`;
const HOSTILE_TITLE = `<script>alert("owned")</script>`;

function setup() {
  const store = createMemoryStore();
  const deps = testDeps(store);
  const calls: RunCommandsInput[] = [];
  const app = createWebApp(deps, { runCommands: fakeRunCommands(calls) });
  return { store, deps, calls, app };
}

type Setup = ReturnType<typeof setup>;

/** Counts calls per Store method, to prove how much each request reads and writes. */
function countingStore(inner: Store): { store: Store; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        counts[String(name)] = (counts[String(name)] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
  return { store, counts };
}

const page = (token = tokenFor()) => `/s/${token}`;
const csrf = () => csrfToken(TOKEN_KEY, statusToken(TOKEN_KEY, USER_ID, 1).hash);

function post(
  app: Setup["app"],
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: WEB_URL, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

let ctx: Setup;
beforeEach(async () => {
  ctx = setup();
  await seed(ctx.store, sampleAccount());
});

describe("GET /", () => {
  it("says what this is and shows no data", async () => {
    const res = await ctx.app.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("coffeechat keeps track of your informational interviews");
    expect(html).not.toContain("Jane");
    expect(html).not.toContain("<form");
  });
});

describe("the status page", () => {
  it("shows pending follow-ups with their time in the user's zone and their buttons", async () => {
    const res = await ctx.app.request(page());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const prompts = section(html, "prompts");
    expect(prompts).toContain("Prep notes for your chat with Jane Doe");
    expect(prompts).toContain("Wed 2 Dec 09:00 EST");
    expect(prompts).toContain("Follow up with Carol Hiring (no answer yet)");
    expect(prompts).not.toContain("Confirmation");
    const prepId = sampleAccount().prompts[0]?.id;
    for (const action of ["done", "snooze", "skip", "stop"]) {
      expect(prompts).toContain(`action="/s/${tokenFor()}/prompts/${prepId}/${action}"`);
    }
    expect(prompts).toContain(`name="csrf" value="${csrf()}"`);
    expect(prompts).toContain(`name="days"`);
  });

  it("shows contacts by stage", async () => {
    const html = await (await ctx.app.request(page())).text();
    const contacts = section(html, "contacts");
    expect(between(contacts, 'id="stage-outreach"', 'id="stage-scheduled"')).toContain("Carol Hiring");
    expect(between(contacts, 'id="stage-scheduled"', 'id="stage-met"')).toContain("Jane Doe");
    expect(between(contacts, 'id="stage-met"', 'id="stage-keeping_in_touch"')).toContain("Bob Roe");
    expect(between(contacts, 'id="stage-keeping_in_touch"', 'id="stage-cold"')).toContain("Nobody here.");
    expect(contacts.slice(contacts.indexOf('id="stage-cold"'))).toContain("dan@old.co");
    expect(contacts).toContain("referred by Jane Doe");
    expect(contacts).toContain("hiring manager");
  });

  it("shows upcoming and past meetings, with notes", async () => {
    const html = await (await ctx.app.request(page())).text();
    expect(section(html, "upcoming-meetings")).toContain("Thu 3 Dec 15:00–15:30 EST");
    const past = section(html, "past-meetings");
    expect(past).toContain("Bob Roe");
    expect(past).toContain("Bob suggested talking to Carol");
    expect(past).toContain("Platform team is hiring in Q1");
    expect(past).not.toContain("Jane Doe");
  });

  it("shows the referral chain nested", async () => {
    const html = await (await ctx.app.request(page())).text();
    const tree = section(html, "referrals");
    const compact = tree.replace(/<span[^>]*>[^<]*<\/span>/g, "").replace(/\s+/g, "");
    expect(compact).toContain(
      "<ul><li>JaneDoe<ul><li>BobRoe<ul><li>CarolHiring</li></ul></li></ul></li></ul>",
    );
  });

  it("shows the settings and a pause button, or a resume button when paused", async () => {
    let html = await (await ctx.app.request(page())).text();
    let settings = section(html, "settings");
    expect(settings).toContain("America/New_York");
    expect(settings).toContain("09:00");
    expect(settings).toContain("every 6 months");
    expect(settings).toContain(`action="/s/${tokenFor()}/pause"`);
    expect(settings).toContain(`href="/s/${tokenFor()}/calendar.ics"`);

    await ctx.store.commit(USER_ID, [{ op: "putUser", user: user({ paused: true }) }]);
    html = await (await ctx.app.request(page())).text();
    settings = section(html, "settings");
    expect(settings).toContain("paused");
    expect(settings).toContain(`action="/s/${tokenFor()}/resume"`);
    expect(html).toContain("Prompts are paused");
  });

  it("shows a known flash message and ignores anything else in the query", async () => {
    const done = await (await ctx.app.request(`${page()}?flash=done`)).text();
    expect(done).toContain('class="flash" role="status">Marked as done.</p>');
    const other = await (await ctx.app.request(`${page()}?flash=${encodeURIComponent("<b>hi</b>")}`)).text();
    expect(other).not.toContain('role="status"');
    expect(other).not.toContain("hi</b>");
    const proto = await (await ctx.app.request(`${page()}?flash=__proto__`)).text();
    expect(proto).not.toContain('role="status"');
  });

  it("escapes names, subjects, notes and places taken from mail", async () => {
    await ctx.store.commit(USER_ID, [
      {
        op: "putContact",
        contact: contact({ name: HOSTILE_NAME, company: `"><svg onload=alert(2)>`, notes: [HOSTILE_TITLE] }),
      },
      {
        op: "putMeeting",
        meeting: meeting({
          title: HOSTILE_TITLE,
          location: `javascript:alert(3)"'><iframe>`,
          notes: ["</style><script>x</script>"],
        }),
      },
    ]);
    const html = await (await ctx.app.request(page())).text();
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;");
  });
});

describe("status links", () => {
  const variants: Record<string, string> = {
    malformed: "not-a-token",
    "malformed, hostile": "usr_aaaaaaaaaaaaaaaa.<script>",
    "very long": `usr_${"a".repeat(20)}.${"b".repeat(5_000)}`,
    "unknown user": statusToken(TOKEN_KEY, "usr_bbbbbbbbbbbbbbbbbbbb", 1).token,
    "wrong secret": `${USER_ID}.${"a".repeat(32)}`,
    "made with another key": statusToken("another-key-0123456789abcdefghijklmnop", USER_ID, 1).token,
  };

  it("open the page only with the current token", async () => {
    expect((await ctx.app.request(page())).status).toBe(200);
  });

  it("answer every unusable token with the same 404, after the same one-item read", async () => {
    const reference = await ctx.app.request(page("nope"));
    expect(reference.status).toBe(404);
    const body = await reference.text();
    expect(body).toContain("This link does not work");
    for (const [name, token] of Object.entries(variants)) {
      const { store, counts } = countingStore(ctx.store);
      const app = createWebApp(testDeps(store), { runCommands: fakeRunCommands([]) });
      for (const path of [
        page(encodeURIComponent(token)),
        `${page(encodeURIComponent(token))}/calendar.ics`,
      ]) {
        const res = await app.request(path);
        expect(res.status, `${name} ${path}`).toBe(404);
        expect(await res.text(), name).toBe(body);
      }
      // A wrong secret for a real user costs what an unknown user costs: the profile, nothing more.
      expect(counts, name).toEqual({ getUser: 2 });
    }
  });

  it("stop working once rotated, with the same 404 as any unknown token", async () => {
    const rotated = statusToken(TOKEN_KEY, USER_ID, 2);
    await ctx.store.commit(USER_ID, [
      { op: "putUser", user: user({ statusTokenHash: rotated.hash, statusTokenVersion: 2 }) },
    ]);
    const old = await ctx.app.request(page(tokenFor(1)));
    const unknown = await ctx.app.request(page(variants["unknown user"]));
    expect(old.status).toBe(404);
    expect(await old.text()).toBe(await unknown.text());
    expect((await ctx.app.request(page(rotated.token))).status).toBe(200);
  });

  it("open the page and feed with the profile and bounded pages, never the whole account", async () => {
    const { store, counts } = countingStore({
      ...ctx.store,
      loadAccount: () => Promise.reject(new Error("the page must not read the whole account")),
    });
    const app = createWebApp(testDeps(store), { runCommands: fakeRunCommands([]) });
    expect((await app.request(page())).status).toBe(200);
    expect(counts).toEqual({
      getUser: 1,
      listScheduledPrompts: 1,
      listFailedPrompts: 1,
      listMeetingsAfter: 1,
      listMeetingsBefore: 1,
      // Every contact the rows name is listed on the page already: no getContacts.
      listContactsByStage: STAGES.length,
    });
    for (const key of Object.keys(counts)) delete counts[key];
    expect((await app.request(`${page()}/calendar.ics`)).status).toBe(200);
    expect(counts).toEqual({ getUser: 1, listScheduledPrompts: 1, listMeetingsAfter: 1, getContacts: 1 });
  });

  it("are never logged", async () => {
    ctx.store.getUser = async () => {
      throw new Error(`boom ${tokenFor()}`);
    };
    const res = await ctx.app.request(page());
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("Something went wrong");
    expect(body).not.toContain("boom");
    expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(ctx.deps.logs).toHaveLength(1);
    expect(JSON.stringify(ctx.deps.logs)).not.toContain(tokenFor());
    expect(ctx.deps.logs[0]).toMatchObject({ level: "error", fields: { route: "/s/:token", method: "GET" } });
  });
});

describe("a large account", () => {
  const HUNDREDS = 125;
  const day = (i: number) => new Date(Date.parse("2026-06-01T12:00:00Z") + i * 3_600_000).toISOString();

  beforeEach(async () => {
    const long = "n".repeat(1_900);
    for (let from = 0; from < HUNDREDS; from += 25) {
      const ops = [];
      for (let i = from; i < from + 25; i++) {
        const email = `p${String(i).padStart(3, "0")}@big.io`;
        ops.push({
          op: "putContact" as const,
          contact: contact({
            email,
            name: `Person ${i}`,
            stage: "met",
            lastContactAt: day(i),
            notes: Array.from({ length: 9 }, (_, n) => `${n}:${long}`),
          }),
        });
        ops.push({
          op: "putMeeting" as const,
          meeting: meeting({
            id: `mtg_big${i}`,
            uid: `big-${i}`,
            contactEmail: email,
            start: day(i),
            end: day(i),
            status: "met",
          }),
        });
        ops.push({
          op: "putPrompt" as const,
          prompt: prompt(`check_in:${email}`, {
            kind: "check_in",
            dueAt: day(5_000 + i),
            contactEmail: email,
            meetingId: null,
          }),
        });
      }
      expect(await ctx.store.commit(USER_ID, ops)).toEqual({ ok: true });
    }
  });

  it("shows one page of each section, the latest notes in short, and More links to the rest", async () => {
    const html = await (await ctx.app.request(page())).text();
    const met = between(html, 'id="stage-met"', 'id="stage-keeping_in_touch"');
    // Most recent contact first (Bob Roe, then the latest of these); 25 a page.
    expect(met.indexOf("Bob Roe")).toBeLessThan(met.indexOf("Person 124<"));
    expect(met).toContain("Person 101<");
    expect(met).not.toContain("Person 100<");
    expect(met.match(/<li id="contact-/g)).toHaveLength(25);
    expect(met).toContain("6 earlier notes not shown");
    expect(met).not.toContain(`0:${"n".repeat(10)}`);
    expect(section(html, "past-meetings").match(/<li class="card"/g)).toHaveLength(25);
    expect(section(html, "prompts").match(/<li class="card"/g)).toHaveLength(25);
    expect(html.length).toBeLessThan(512 * 1024);

    // Following "More" through the met stage shows every contact once.
    const seen = new Set<string>();
    let link: string | undefined = `${page()}`;
    for (let pages = 0; link && pages < 10; pages++) {
      const body = await (await ctx.app.request(link)).text();
      const stage = between(body, 'id="stage-met"', 'id="stage-keeping_in_touch"');
      for (const [, email] of stage.matchAll(/<li id="contact-([^"]+)"/g)) seen.add(email ?? "");
      link = /<a href="([^"]+)">More<\/a>/.exec(stage)?.[1]?.replaceAll("&amp;", "&");
    }
    expect(link).toBeUndefined();
    expect(seen.size).toBe(HUNDREDS + 1); // Bob Roe is met too
  });

  it("ignores a cursor it does not know", async () => {
    const res = await ctx.app.request(`${page()}?more=everything&after=${"x".repeat(10)}`);
    expect(res.status).toBe(200);
    expect(between(await res.text(), 'id="stage-met"', 'id="stage-keeping_in_touch"')).toContain(
      "Person 119",
    );
  });
});

describe("GET and HEAD", () => {
  it("change nothing, on any route", async () => {
    const before = await ctx.store.loadAccount(USER_ID);
    const { store, counts } = countingStore(ctx.store);
    const app = createWebApp(testDeps(store), { runCommands: fakeRunCommands(ctx.calls) });
    const prepId = sampleAccount().prompts[0]?.id;
    for (const method of ["GET", "HEAD"]) {
      for (const path of [
        page(),
        `${page()}/calendar.ics`,
        `${page()}/prompts/${prepId}/done`,
        `${page()}/pause`,
        "/",
      ]) {
        const res = await app.request(path, { method });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        if (method === "HEAD") expect(await res.text()).toBe("");
      }
    }
    const reads = [
      "getUser",
      "getContacts",
      "listScheduledPrompts",
      "listFailedPrompts",
      "listMeetingsAfter",
      "listMeetingsBefore",
    ];
    expect(
      Object.keys(counts).filter((name) => !reads.includes(name) && name !== "listContactsByStage"),
    ).toEqual([]);
    expect(ctx.calls).toEqual([]);
    expect(await ctx.store.loadAccount(USER_ID)).toEqual(before);
  });
});

describe("headers", () => {
  it("are on every response: pages, feed, redirects, 400, 403, 404 and 500", async () => {
    const prepId = sampleAccount().prompts[0]?.id;
    const responses = {
      home: await ctx.app.request("/"),
      page: await ctx.app.request(page()),
      head: await ctx.app.request(page(), { method: "HEAD" }),
      feed: await ctx.app.request(`${page()}/calendar.ics`),
      redirect: await post(ctx.app, `${page()}/prompts/${prepId}/done`, { csrf: csrf() }),
      badRequest: await post(ctx.app, `${page()}/prompts/${prepId}/snooze`, { csrf: csrf(), days: "0" }),
      forbidden: await post(ctx.app, `${page()}/pause`, { csrf: "nope" }),
      notFound: await ctx.app.request("/nothing/here"),
      error: await createWebApp({
        ...ctx.deps,
        store: { ...ctx.store, getUser: () => Promise.reject(new Error("down")) },
      }).request(page()),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, r.status]))).toEqual({
      home: 200,
      page: 200,
      head: 200,
      feed: 200,
      redirect: 303,
      badRequest: 400,
      forbidden: 403,
      notFound: 404,
      error: 500,
    });
    for (const [name, res] of Object.entries(responses)) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, name).toContain("default-src 'none'");
      expect(csp, name).toContain("form-action 'self'");
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toContain("base-uri 'none'");
      expect(csp, name).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp, name).not.toContain("unsafe");
      expect(res.headers.get("referrer-policy"), name).toBe("no-referrer");
      expect(res.headers.get("cache-control"), name).toBe("no-store");
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
    }
  });

  it("allow exactly the page's inline style, and the page loads nothing from anywhere", async () => {
    const res = await ctx.app.request(page());
    const html = await res.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(style.length).toBeGreaterThan(100);
    const hash = createHash("sha256").update(style).digest("base64");
    expect(res.headers.get("content-security-policy")).toContain(`style-src 'sha256-${hash}'`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=/i);
    const targets = [...html.matchAll(/\s(?:href|action)="([^"]*)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) expect(target).toMatch(/^\/s\//);
  });
});

describe("actions", () => {
  const prepId = () => sampleAccount().prompts[0]?.id ?? "";

  it("done: runs the command for that prompt and redirects back with a flash", async () => {
    const res = await post(ctx.app, `${page()}/prompts/${prepId()}/done`, { csrf: csrf() });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${tokenFor()}?flash=done#prompts`);
    expect(ctx.calls).toHaveLength(1);
    expect(ctx.calls[0]).toMatchObject({
      userId: USER_ID,
      promptId: prepId(),
      commands: [{ verb: "done" }],
      unknown: [],
      channel: "web",
    });
    expect(ctx.calls[0]?.messageKey).toMatch(/^web:[a-z2-7]{32}$/);
    expect((await ctx.store.getPrompt(USER_ID, prepId()))?.state).toBe("skipped");
    const html = await (await ctx.app.request(res.headers.get("location") ?? "")).text();
    expect(html).toContain("Marked as done.");
    expect(section(html, "prompts")).not.toContain("Prep notes for your chat with Jane Doe");
  });

  it("snooze: passes the days from the form", async () => {
    const res = await post(ctx.app, `${page()}/prompts/${prepId()}/snooze`, { csrf: csrf(), days: "5" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${tokenFor()}?flash=snoozed#prompts`);
    expect(ctx.calls[0]?.commands).toEqual([{ verb: "snooze", days: 5 }]);
    expect((await ctx.store.getPrompt(USER_ID, prepId()))?.dueAt).toBe("2026-12-07T14:00:00.000Z");
  });

  it("snooze: refuses a missing or unreasonable number of days", async () => {
    for (const days of [undefined, "", "0", "-1", "91", "2.5", "1e3", "3d"]) {
      const fields: Record<string, string> = { csrf: csrf() };
      if (days !== undefined) fields.days = days;
      const res = await post(ctx.app, `${page()}/prompts/${prepId()}/snooze`, fields);
      expect(res.status, String(days)).toBe(400);
      expect(await res.text()).toContain("Snooze takes a whole number of days");
    }
    expect(ctx.calls).toEqual([]);
  });

  it("skip and stop", async () => {
    const nudge = sampleAccount().prompts[2]?.id ?? "";
    expect(
      (await post(ctx.app, `${page()}/prompts/${nudge}/skip`, { csrf: csrf() })).headers.get("location"),
    ).toBe(`/s/${tokenFor()}?flash=skipped#prompts`);
    expect((await ctx.store.getPrompt(USER_ID, nudge))?.state).toBe("skipped");
    const stop = await post(ctx.app, `${page()}/prompts/${prepId()}/stop`, { csrf: csrf() });
    expect(stop.headers.get("location")).toBe(`/s/${tokenFor()}?flash=stopped#prompts`);
    expect(ctx.calls.map((c) => c.commands)).toEqual([[{ verb: "skip" }], [{ verb: "stop" }]]);
    const jane = (await ctx.store.loadAccount(USER_ID))?.contacts.find((c) => c.email === "jane@acme.com");
    expect(jane?.stopped).toBe(true);
  });

  it("pause and resume", async () => {
    const paused = await post(ctx.app, `${page()}/pause`, { csrf: csrf() });
    expect(paused.status).toBe(303);
    expect(paused.headers.get("location")).toBe(`/s/${tokenFor()}?flash=paused`);
    expect(ctx.calls[0]).toMatchObject({ promptId: null, commands: [{ verb: "pause" }], channel: "web" });
    expect((await ctx.store.loadAccount(USER_ID))?.user.paused).toBe(true);
    const resumed = await post(ctx.app, `${page()}/resume`, { csrf: csrf() });
    expect(resumed.headers.get("location")).toBe(`/s/${tokenFor()}?flash=resumed`);
    expect((await ctx.store.loadAccount(USER_ID))?.user.paused).toBe(false);
  });

  it("unknown actions and prompts of nobody's: 404, nothing run", async () => {
    const other = prompt("prep:elsewhere").id;
    expect((await post(ctx.app, `${page()}/prompts/${prepId()}/explode`, { csrf: csrf() })).status).toBe(404);
    expect((await post(ctx.app, `${page()}/prompts/${other}/done`, { csrf: csrf() })).status).toBe(404);
    expect((await post(ctx.app, `${page()}/prompts/__proto__/done`, { csrf: csrf() })).status).toBe(404);
    expect((await post(ctx.app, `${page("nope")}/prompts/${prepId()}/done`, { csrf: csrf() })).status).toBe(
      404,
    );
    expect(ctx.calls).toEqual([]);
  });

  it("a huge form is refused before it is read", async () => {
    const res = await post(ctx.app, `${page()}/pause`, { csrf: csrf(), pad: "x".repeat(100_000) });
    expect(res.status).toBe(400);
    expect(ctx.calls).toEqual([]);
  });
});

describe("cross-site requests", () => {
  const prepId = () => sampleAccount().prompts[0]?.id ?? "";
  const cases: Record<string, { fields: Record<string, string>; headers: Record<string, string> }> = {
    "no CSRF token": { fields: {}, headers: {} },
    "a wrong CSRF token": { fields: { csrf: "a".repeat(32) }, headers: {} },
    "a CSRF token of another account state": {
      fields: { csrf: csrfToken(TOKEN_KEY, "other-hash") },
      headers: {},
    },
    "a foreign Origin": { fields: { csrf: "VALID" }, headers: { origin: "https://evil.example" } },
    "a look-alike Origin": { fields: { csrf: "VALID" }, headers: { origin: `${WEB_URL}.evil.example` } },
    "Origin null from another site": {
      fields: { csrf: "VALID" },
      headers: { origin: "null", "sec-fetch-site": "cross-site" },
    },
    "Origin null without the CSRF token": { fields: {}, headers: { origin: "null" } },
    "a same-site (sibling subdomain) fetch": {
      fields: { csrf: "VALID" },
      headers: { "sec-fetch-site": "same-site" },
    },
    "a cross-site fetch": { fields: { csrf: "VALID" }, headers: { "sec-fetch-site": "cross-site" } },
    "a multipart body": { fields: {}, headers: { "content-type": "multipart/form-data; boundary=x" } },
  };

  for (const [name, { fields, headers }] of Object.entries(cases)) {
    it(`are refused with 403: ${name}`, async () => {
      const before = await ctx.store.loadAccount(USER_ID);
      const body = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, v === "VALID" ? csrf() : v]),
      );
      for (const path of [`${page()}/prompts/${prepId()}/done`, `${page()}/pause`, `${page()}/resume`]) {
        const res = await post(ctx.app, path, body, headers);
        expect(res.status, path).toBe(403);
        expect(await res.text()).toContain("Not allowed");
      }
      expect(ctx.calls).toEqual([]);
      expect(await ctx.store.loadAccount(USER_ID)).toEqual(before);
    });
  }

  it("a same-origin form without an Origin header is accepted on its CSRF token", async () => {
    const res = await ctx.app.request(`${page()}/pause`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: csrf() }).toString(),
    });
    expect(res.status).toBe(303);
    expect(ctx.calls).toHaveLength(1);
  });

  it("Origin null, as browsers send it under no-referrer, is accepted from the same origin with the CSRF token", async () => {
    const res = await post(
      ctx.app,
      `${page()}/pause`,
      { csrf: csrf() },
      { origin: "null", "sec-fetch-site": "same-origin" },
    );
    expect(res.status).toBe(303);
    expect(ctx.calls).toHaveLength(1);
  });

  it("the CSRF token changes when the link is rotated", async () => {
    const rotated = statusToken(TOKEN_KEY, USER_ID, 2);
    await ctx.store.commit(USER_ID, [
      { op: "putUser", user: user({ statusTokenHash: rotated.hash, statusTokenVersion: 2 }) },
    ]);
    const res = await post(ctx.app, `${page(rotated.token)}/pause`, { csrf: csrf() });
    expect(res.status).toBe(403);
    const fresh = await (await ctx.app.request(page(rotated.token))).text();
    expect(fresh).toContain(`value="${csrfToken(TOKEN_KEY, rotated.hash)}"`);
    expect(fresh).not.toContain(csrf());
  });
});

describe("the calendar feed", () => {
  it("parses back with ical.js: meetings of the window and pending follow-ups, by time, with stable UIDs", async () => {
    const res = await ctx.app.request(`${page()}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await res.text();
    const calendar = new ICAL.Component(ICAL.parse(body));
    const events = calendar.getAllSubcomponents("vevent").map((e) => {
      const event = new ICAL.Event(e);
      return { uid: event.uid, summary: event.summary, start: event.startDate.toJSDate().toISOString() };
    });
    const [prep, thanks, nudge] = sampleAccount().prompts.map((p) => p.id);
    expect(events).toEqual([
      // Held a week ago: within the feed's 90 days.
      {
        uid: "mtg_bobcall@example.com",
        summary: "Coffee chat with Bob Roe (Roe Labs)",
        start: "2026-11-12T15:00:00.000Z",
      },
      {
        uid: "mtg_janecoffee@example.com",
        summary: "Coffee chat with Jane Doe (Acme)",
        start: "2026-12-03T20:00:00.000Z",
      },
      {
        uid: `${nudge}@example.com`,
        summary: "Follow up with Carol Hiring (Roe Labs) (no answer yet)",
        start: "2026-11-22T14:00:00.000Z",
      },
      {
        uid: `${prep}@example.com`,
        summary: "Prep notes for your chat with Jane Doe (Acme)",
        start: "2026-12-02T14:00:00.000Z",
      },
      {
        uid: `${thanks}@example.com`,
        summary: "Thank-you draft for Jane Doe (Acme)",
        start: "2026-12-03T21:30:00.000Z",
      },
    ]);
    const jane = new ICAL.Event(
      calendar
        .getAllSubcomponents("vevent")
        .find((e) => e.getFirstPropertyValue("uid") === "mtg_janecoffee@example.com") as ICAL.Component,
    );
    expect(jane.location).toBe("Blue Bottle, 5th Ave");
    expect(jane.endDate.toJSDate().toISOString()).toBe("2026-12-03T20:30:00.000Z");
    // Same data, same feed: calendar apps update in place.
    expect(await (await ctx.app.request(`${page()}/calendar.ics`)).text()).toBe(body);
  });

  it("keeps hostile text inside its property", async () => {
    await ctx.store.commit(USER_ID, [
      {
        op: "putContact",
        contact: contact({ name: `Jane\r\nATTENDEE:mailto:evil@x.io;${HOSTILE_NAME}`, company: null }),
      },
      {
        op: "putMeeting",
        meeting: meeting({ location: "Room 1\rEND:VEVENT\nBEGIN:VEVENT", title: "a,b;c\\d" }),
      },
    ]);
    const body = await (await ctx.app.request(`${page()}/calendar.ics`)).text();
    // Two meetings and three follow-ups: five events, however hostile the text.
    expect(body.split("\r\n").filter((line) => /^(BEGIN|END):VEVENT$/.test(line))).toHaveLength(10);
    expect(body).not.toMatch(/\r(?!\n)|(?<!\r)\n(?!$)/);
    const calendar = new ICAL.Component(ICAL.parse(body));
    const event = new ICAL.Event(
      calendar
        .getAllSubcomponents("vevent")
        .find((e) => e.getFirstPropertyValue("uid") === "mtg_janecoffee@example.com") as ICAL.Component,
    );
    expect(event.summary).toBe(`Coffee chat with Jane\nATTENDEE:mailto:evil@x.io;${HOSTILE_NAME}`);
    expect(event.location).toBe("Room 1\nEND:VEVENT\nBEGIN:VEVENT");
    expect(event.description).toBe("a,b;c\\d");
    expect(event.attendees).toEqual([]);
  });
});

/** The HTML of one `<section id=…>`. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start === -1) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf("</section>", start));
}

function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  return html.slice(start, html.indexOf(to, start));
}
