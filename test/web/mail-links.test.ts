import { beforeEach, describe, expect, it } from "vitest";
import { createWebApp } from "../../core/web/app.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { DAY, Flow } from "../support/flow.js";
import { found } from "../support/found.js";
import { forwardedInvite } from "../support/mail-builder.js";

describe("links that arrive in mail", () => {
  let deps: TestDeps;
  let flow: Flow;
  let userId: string;
  let app: ReturnType<typeof createWebApp>;

  beforeEach(async () => {
    deps = testDeps({ now: "2026-11-25T14:00:00Z" });
    flow = new Flow(deps);
    ({ userId } = await flow.register());
    app = createWebApp(deps);
  });

  const pathOf = (url: string) => new URL(url).pathname;

  it("pauses every prompt on a one-click unsubscribe POST, and not on GET or HEAD (cases 18, 23)", async () => {
    await flow.receive(forwardedInvite());
    const mail = found(flow.mails[0], "the confirmation");
    const link = found(
      /<(https:[^>]+)>/.exec(mail.headers["List-Unsubscribe"] ?? "")?.[1],
      "the unsubscribe link",
    );
    expect(link).toMatch(/^https:\/\/web\.coffee\.test\/u\/[a-z2-7]{32}$/);

    expect((await app.request(pathOf(link))).status).toBe(200);
    expect((await app.request(pathOf(link), { method: "HEAD" })).status).toBe(200);
    expect((await flow.account(userId)).user.paused).toBe(false);

    const oneClick = {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
    expect((await app.request(pathOf(link), oneClick)).status).toBe(200);
    expect((await app.request(pathOf(link), oneClick)).status).toBe(200);
    expect((await flow.account(userId)).user.paused).toBe(true);
    // Every schedule that comes due while paused sends nothing.
    flow.mails.length = 0;
    await flow.advance(30 * DAY);
    expect(flow.mails).toEqual([]);
  });

  it("answers an unknown unsubscribe token with a plain 404", async () => {
    const res = await app.request("/u/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", { method: "POST" });
    expect(res.status).toBe(404);
  });

  it("adds a second address only once its link is confirmed by POST", async () => {
    const { runCommands } = await import("../../core/usecases/run-commands.js");
    await runCommands(deps, {
      userId,
      promptId: null,
      commands: [{ verb: "address_add", address: "sam@work.example" }],
      unknown: [],
      messageKey: "mid:address-add",
      channel: "mail",
    });
    const confirm = found(
      flow.mails.find((m) => m.to === "sam@work.example"),
      "the confirmation to the new address",
    );
    expect(confirm.text).not.toContain("/s/usr_"); // the owner's status link never goes to an unconfirmed address
    const link = found(
      /https:\/\/web\.coffee\.test(\/a\/[a-z2-7]+)/.exec(confirm.text)?.[1],
      "the confirm link",
    );

    expect((await app.request(link)).status).toBe(200);
    expect((await flow.account(userId)).user.addresses).toEqual(["you@example.com"]);

    expect((await app.request(link, { method: "POST" })).status).toBe(200);
    expect((await flow.account(userId)).user.addresses).toEqual(["you@example.com", "sam@work.example"]);
    expect((await app.request(link, { method: "POST" })).status).toBe(404);

    await flow.receive(
      forwardedInvite({ from: "sam@work.example", messageId: "fwd-work@mail.example.com" }),
      {
        from: "sam@work.example",
      },
    );
    expect((await flow.account(userId)).contacts.map((c) => c.email)).toEqual(["jane@acme.com"]);
  });
});
