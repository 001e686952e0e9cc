import { existsSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../core/store/memory-store.js";
import { csrfToken, statusToken } from "../../core/tokens.js";
import { createWebApp } from "../../core/web/app.js";
import { sampleAccount, seed, TOKEN_KEY, testDeps, tokenFor, USER_ID, WEB_URL } from "./helpers.js";

const USE_CASE = new URL("../../core/usecases/run-commands.ts", import.meta.url);
const landed = existsSync(USE_CASE);
if (!landed)
  console.warn(
    "web actions against the real runCommands skipped: core/usecases/run-commands.ts is not there yet",
  );

/** The buttons through the app's default wiring: the real command use case, the memory store. */
describe.skipIf(!landed)("status page actions with the real command use case", () => {
  const csrf = csrfToken(TOKEN_KEY, statusToken(TOKEN_KEY, USER_ID, 1).hash);
  const [prep, thanks, nudge] = sampleAccount().prompts;
  let store: ReturnType<typeof createMemoryStore>;
  let deps: ReturnType<typeof testDeps>;
  let app: ReturnType<typeof createWebApp>;

  const post = (path: string, fields: Record<string, string> = {}) =>
    app.request(`/s/${tokenFor()}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: WEB_URL,
        "sec-fetch-site": "same-origin",
      },
      body: new URLSearchParams({ csrf, ...fields }).toString(),
    });

  beforeEach(async () => {
    store = createMemoryStore();
    deps = testDeps(store);
    await seed(store, sampleAccount());
    app = createWebApp(deps);
  });

  it("done takes the prompt off the page and out of the schedule", async () => {
    const res = await post(`/prompts/${prep?.id}/done`);
    expect(res.status).toBe(303);
    expect((await store.getPrompt(USER_ID, prep?.id ?? ""))?.state).not.toBe("scheduled");
    const html = await (await app.request(res.headers.get("location") ?? "")).text();
    expect(html).toContain("Marked as done.");
    expect(html).not.toContain(`id="prompt-${prep?.id}"`);
  });

  it("snooze moves the prompt later by the days asked", async () => {
    const res = await post(`/prompts/${thanks?.id}/snooze`, { days: "4" });
    expect(res.status).toBe(303);
    const after = await store.getPrompt(USER_ID, thanks?.id ?? "");
    expect(after?.state).toBe("scheduled");
    expect(Date.parse(after?.dueAt ?? "")).toBeGreaterThanOrEqual(
      deps.clock.now().getTime() + 4 * 86_400_000 - 86_400_000,
    );
    expect(after?.dueAt).not.toBe(thanks?.dueAt);
  });

  it("skip and stop", async () => {
    expect((await post(`/prompts/${nudge?.id}/skip`)).status).toBe(303);
    expect((await store.getPrompt(USER_ID, nudge?.id ?? ""))?.state).not.toBe("scheduled");
    expect((await post(`/prompts/${prep?.id}/stop`)).status).toBe(303);
    const account = await store.loadAccount(USER_ID);
    expect(account?.contacts.find((c) => c.email === "jane@acme.com")?.stopped).toBe(true);
    expect(
      account?.prompts.filter((p) => p.contactEmail === "jane@acme.com" && p.state === "scheduled"),
    ).toEqual([]);
  });

  it("pause and resume", async () => {
    expect((await post("/pause")).status).toBe(303);
    expect((await store.loadAccount(USER_ID))?.user.paused).toBe(true);
    expect((await post("/resume")).status).toBe(303);
    expect((await store.loadAccount(USER_ID))?.user.paused).toBe(false);
  });
});
