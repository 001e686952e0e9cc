import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../core/store/memory-store.js";
import { runCommands } from "../../core/usecases/run-commands.js";
import { createWebApp, type RunCommandsInput } from "../../core/web/app.js";
import { contact, HOSTILE, meeting, sampleAccount, seed, testDeps, tokenFor, USER_ID } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = "test-output/status-page.png";
const PHONE_SCREENSHOT = "test-output/status-page-390.png";
const PHONE = { width: 390, height: 844 };
const LONG_URL = `https://acme.zoom.us/j/98765432101?pwd=${"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789".repeat(3)}`;

if (!existsSync(CHROMIUM)) {
  console.warn(`status-page e2e skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

describe.skipIf(!existsSync(CHROMIUM))("the status page in a real browser", () => {
  const store = createMemoryStore();
  const calls: RunCommandsInput[] = [];
  let server: ServerType;
  let browser: Browser;
  let baseUrl = "";

  beforeAll(async () => {
    const account = sampleAccount();
    account.contacts.push(
      contact({ email: "mallory@evil.io", name: HOSTILE, company: null, stage: "outreach" }),
      // Long words a phone must wrap: an address, a meeting link, a note with a link in it.
      contact({
        email: "maximiliana.vandenberghe-oppenheimer@international-consultancy-group.example.com",
        name: "Maximiliana van den Berghe-Oppenheimer",
        company: "International Consultancy Group",
        stage: "scheduled",
        notes: [`Recording: ${LONG_URL}`],
      }),
    );
    account.meetings.push(
      meeting({
        id: "mtg_maxcall",
        uid: "uid-max@icg.example.com",
        contactEmail: "maximiliana.vandenberghe-oppenheimer@international-consultancy-group.example.com",
        start: "2026-12-04T10:00:00-05:00",
        end: "2026-12-04T10:30:00-05:00",
        title: "Informational interview",
        location: LONG_URL,
      }),
    );
    await seed(store, account);
    // The app must know its own origin (for the Origin check), which is known once listening.
    let app: ReturnType<typeof createWebApp> | undefined;
    server = await new Promise<ServerType>((resolve) => {
      const s = serve(
        {
          fetch: (request) => (app as NonNullable<typeof app>).fetch(request),
          port: 0,
          hostname: "127.0.0.1",
        },
        () => resolve(s),
      );
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The real command use case, watched on its way through.
    app = createWebApp(testDeps(store, baseUrl), {
      runCommands: (deps, input) => {
        calls.push(input);
        return runCommands(deps, input);
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("shows where things stand, and Done on a prompt takes it off the list", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") blocked.push(message.text());
    });
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseUrl)) foreign.push(request.url());
    });

    const response = await page.goto(`${baseUrl}/s/${tokenFor()}`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe("Your coffee chats · coffeechat");

    const prep = sampleAccount().prompts[0]?.id ?? "";
    const card = page.locator(`#prompt-${prep}`);
    await expect(card.textContent()).resolves.toContain("Prep notes for your chat with Jane Doe");
    await expect(card.textContent()).resolves.toContain("Wed 2 Dec 09:00 EST");
    await expect(page.locator("#stage-met").textContent()).resolves.toContain("Bob Roe");
    await expect(page.locator("#past-meetings").textContent()).resolves.toContain(
      "Bob suggested talking to Carol",
    );
    await expect(page.locator("#referrals li li li").first().textContent()).resolves.toContain(
      "Carol Hiring",
    );
    // The hostile name is text on the page, not an element.
    await expect(page.locator("#stage-outreach").textContent()).resolves.toContain(HOSTILE);
    expect(await page.locator("img, script").count()).toBe(0);
    // The inline style is allowed by the CSP hash: the cards really are styled.
    await expect(
      card.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).borderTopStyle),
    ).resolves.toBe("solid");

    await mkdir("test-output", { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await card.getByRole("button", { name: "Done" }).click();
    await page.waitForURL(/flash=done/, { timeout: 10_000 });
    await expect(page.locator(".flash").first().textContent()).resolves.toBe("Marked as done.");
    expect(await page.locator(`#prompt-${prep}`).count()).toBe(0);
    expect(calls.map((c) => [c.promptId, c.commands])).toEqual([[prep, [{ verb: "done" }]]]);
    expect((await store.getPrompt(USER_ID, prep))?.state).not.toBe("scheduled");

    expect(foreign).toEqual([]);
    expect(blocked.filter((text) => text.includes("Content Security Policy"))).toEqual([]);
    await context.close();
  }, 60_000);

  it("on a 390 px phone: no sideways scroll, every button clickable, one message after pausing", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/s/${tokenFor()}`);

    const noSidewaysScroll = async () => {
      const widths = await page.locator("html").evaluate((html) => ({
        document: html.scrollWidth,
        body: html.ownerDocument.body.scrollWidth,
        viewport: html.ownerDocument.defaultView?.innerWidth,
      }));
      expect(widths.viewport).toBe(PHONE.width);
      expect(widths.document).toBeLessThanOrEqual(PHONE.width);
      expect(widths.body).toBeLessThanOrEqual(PHONE.width);
    };
    await noSidewaysScroll();
    await expect(page.locator("#upcoming-meetings").textContent()).resolves.toContain(LONG_URL);
    await mkdir("test-output", { recursive: true });
    await page.screenshot({ path: PHONE_SCREENSHOT, fullPage: true });

    // Every button is on screen within the page's width, and nothing covers its middle.
    const buttons = page.getByRole("button");
    const count = await buttons.count();
    expect(count).toBeGreaterThan(4);
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      if (!box) continue;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      const onTop = await button.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit === el || el.contains(hit);
      });
      expect(onTop, `button ${i} (${await button.textContent()}) is covered`).toBe(true);
    }
    // Clicking for real (no forced click): Playwright checks the target receives the click.
    await page.getByRole("button", { name: "Pause all prompts" }).click({ trial: true });

    await page.getByRole("button", { name: "Pause all prompts" }).click();
    await page.waitForURL(/flash=paused/, { timeout: 10_000 });
    const messages = (await page.locator(".flash").allTextContents()).map((t) => t.trim());
    expect(messages.filter((t) => /paused/i.test(t))).toHaveLength(1);
    expect(new Set(messages).size).toBe(messages.length);
    await noSidewaysScroll();
    await expect(
      page.getByRole("button", { name: "Resume prompts" }).click({ trial: true }),
    ).resolves.toBeUndefined();
    await context.close();
  }, 60_000);
});
