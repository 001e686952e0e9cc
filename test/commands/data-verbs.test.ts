import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../core/store/store.js";
import { addressConfirmToken, replyToken } from "../../core/tokens.js";
import { confirmAddress } from "../../core/usecases/confirm-address.js";
import { freshTable } from "../support/dynamo.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { accountOf, BOB, JANE, NOW, promptOf, reply, seedAccount } from "./seed.js";

const DAY = 24 * 3_600_000;

/** Both stores must behave alike: the memory one for speed, DynamoDB Local for the real conditions and keys. */
const stores: [string, () => Promise<Store | undefined>][] = [
  ["memory store", async () => undefined],
  ["DynamoDB Local", async () => (await freshTable()).store],
];

describe.each(stores)("export and forget (%s)", (_name, makeStore) => {
  let deps: TestDeps;
  let userId: string;
  let otherId: string;

  beforeEach(async () => {
    const store = await makeStore();
    deps = testDeps({ now: NOW, ...(store ? { store } : {}) });
    ({ userId: otherId } = await seedAccount(deps, "other@example.com"));
    await reply(deps, otherId, (await promptOf(deps, otherId, "prep")).id, "notes: OTHER-USER-SECRET");
    ({ userId } = await seedAccount(deps));
  });

  it("export attaches everything stored about the user, and nothing about anyone else", async () => {
    await reply(deps, userId, (await promptOf(deps, userId, "prep")).id, "notes: my own note");
    deps.mailer.sent.length = 0;
    await reply(deps, userId, null, "export");
    expect(deps.mailer.sent).toHaveLength(1);
    const mail = deps.mailer.sent[0];
    expect(mail?.to).toBe("you@example.com");
    const attachment = mail?.attachments?.[0];
    expect(attachment?.filename).toBe("coffeechat-export.json");
    const exported = JSON.parse(attachment?.content ?? "{}");
    expect(exported.user.id).toBe(userId);
    expect(exported.contacts.map((c: { email: string }) => c.email).sort()).toEqual([BOB, JANE]);
    expect(exported.contacts.find((c: { email: string }) => c.email === JANE).notes).toEqual(["my own note"]);
    expect(exported.meetings).toHaveLength(1);
    expect(exported.interactions).toHaveLength(1);
    expect(exported.prompts.length).toBeGreaterThanOrEqual(5);
    expect(attachment?.content).not.toContain(otherId);
    expect(attachment?.content).not.toContain("OTHER-USER-SECRET");
    expect(attachment?.content).not.toContain("other@example.com");
    expect(attachment?.content).not.toContain((await accountOf(deps, userId)).user.statusTokenHash);
  });

  it("forget removes the contact, meetings, interactions, prompts, schedules and reply tokens; the other user keeps theirs", async () => {
    const before = await accountOf(deps, userId);
    const janes = before.prompts.filter((p) => p.contactEmail === JANE);
    expect(janes).toHaveLength(3);
    // A reply about Jane whose answer is about her too: it goes with her.
    await reply(deps, userId, janes[0]?.id ?? null, "notes: likes trains");
    const withAnswer = (await accountOf(deps, userId)).prompts.filter((p) => p.contactEmail === JANE);
    expect(withAnswer).toHaveLength(4);
    deps.scheduler.calls.length = 0;

    await reply(deps, userId, null, `forget ${JANE}`);
    const after = await accountOf(deps, userId);
    expect(after.contacts.map((c) => c.email)).toEqual([BOB]);
    expect(after.meetings).toEqual([]);
    expect(after.interactions).toEqual([]);
    expect(after.prompts.filter((p) => p.contactEmail === JANE || p.meetingId !== null)).toEqual([]);
    // Prompts hold ids: apart from the answer to `forget` itself, nothing stored names Jane.
    expect(JSON.stringify(after.prompts.filter((p) => !p.key.startsWith("answer:")))).not.toContain(JANE);
    for (const prompt of janes) {
      expect(deps.scheduler.calls).toContainEqual({ op: "remove", name: prompt.scheduleName });
      expect(deps.scheduler.schedules.has(prompt.scheduleName as string)).toBe(false);
    }
    for (const prompt of withAnswer) {
      expect(await deps.store.findToken(replyToken(deps.config.tokenKey, userId, prompt.id).hash)).toBeNull();
    }
    // Bob's prompts and schedules are untouched.
    expect(after.prompts.filter((p) => p.contactEmail === BOB && p.state === "scheduled")).toHaveLength(2);
    expect(deps.mailer.sent.at(-1)?.text).toContain(`Forgot ${JANE}`);

    const other = await accountOf(deps, otherId);
    expect(other.contacts.map((c) => c.email).sort()).toEqual([BOB, JANE]);
    expect(other.contacts.find((c) => c.email === JANE)?.notes).toEqual(["OTHER-USER-SECRET"]);
    expect(other.meetings).toHaveLength(1);
    expect(other.prompts.filter((p) => p.contactEmail === JANE && p.kind !== "answer")).toHaveLength(3);
  });

  it("forget clears the referral link of people the forgotten contact referred", async () => {
    await reply(
      deps,
      userId,
      (await promptOf(deps, userId, "referral_ask")).id,
      "referral: Rob <rob@initech.com>",
    );
    await reply(deps, userId, null, `forget ${JANE}`);
    const rob = (await accountOf(deps, userId)).contacts.find((c) => c.email === "rob@initech.com");
    expect(rob?.referredBy).toBeNull();
    const robsNudge = (await accountOf(deps, userId)).prompts.find(
      (p) => p.contactEmail === "rob@initech.com",
    );
    expect(robsNudge?.contactEmail).toBe("rob@initech.com");
  });

  it("forget of an unknown address says so", async () => {
    await reply(deps, userId, null, "forget nobody@nowhere.org");
    expect(deps.mailer.sent.at(-1)?.text).toContain("I have nothing stored about nobody@nowhere.org");
  });

  it("address add: a link to the new address; it counts once confirmed, once", async () => {
    await reply(deps, userId, null, "address add Sam@Work.example");
    const account = await accountOf(deps, userId);
    expect(account.user.addresses).toEqual(["you@example.com"]);
    expect(account.user.pendingAddresses.map((p) => p.address)).toEqual(["sam@work.example"]);
    const [toUser, toNew] = [...deps.mailer.sent].sort((a, b) =>
      a.to === "you@example.com" ? -1 : b.to === "you@example.com" ? 1 : 0,
    );
    expect(toUser?.text).toContain("I sent a confirmation link to sam@work.example");
    expect(toNew?.to).toBe("sam@work.example");
    const { token } = addressConfirmToken(deps.config.tokenKey, userId, "sam@work.example");
    expect(toNew?.text).toContain(`${deps.config.webUrl}/a/${token}`);
    // Nothing in the mail to the new address lets its reader into the account.
    expect(toNew?.text).not.toMatch(/\/s\/usr_/);
    expect(toNew?.headers["List-Unsubscribe"]).toBeUndefined();

    expect(await deps.store.findUserIdByAddress("sam@work.example")).toBeNull();
    // Two clicks at once, both reading the token before either commits: the race is made certain,
    // not left to timing (on a busy machine the second read could come after the first commit).
    const racing = { ...deps, store: bothReadFirst(deps.store) };
    const [first, second] = await Promise.all([confirmAddress(racing, token), confirmAddress(racing, token)]);
    expect([first, second]).toEqual(["confirmed", "confirmed"]);
    // The link works once.
    expect(await confirmAddress(deps, token)).toBe("invalid");
    const confirmed = await accountOf(deps, userId);
    expect(confirmed.user.addresses).toEqual(["you@example.com", "sam@work.example"]);
    expect(confirmed.user.pendingAddresses).toEqual([]);
    expect(await deps.store.findUserIdByAddress("sam@work.example")).toBe(userId);
  });

  it("an expired, unknown or malformed confirmation token is invalid", async () => {
    await reply(deps, userId, null, "address add sam@work.example");
    const { token } = addressConfirmToken(deps.config.tokenKey, userId, "sam@work.example");
    expect(await confirmAddress(deps, "a".repeat(32))).toBe("invalid");
    expect(await confirmAddress(deps, "../../__proto__")).toBe("invalid");
    deps.clock.advance(8 * DAY);
    expect(await confirmAddress(deps, token)).toBe("invalid");
    expect((await accountOf(deps, userId)).user.addresses).toEqual(["you@example.com"]);
  });

  it("an address of another account cannot be confirmed into this one", async () => {
    await reply(deps, userId, null, "address add other@example.com");
    const { token } = addressConfirmToken(deps.config.tokenKey, userId, "other@example.com");
    expect(await confirmAddress(deps, token)).toBe("invalid");
    expect(await deps.store.findUserIdByAddress("other@example.com")).toBe(otherId);
    expect((await accountOf(deps, userId)).user.addresses).toEqual(["you@example.com"]);
  });

  it("the same reply delivered twice acts once", async () => {
    await reply(deps, userId, null, `forget ${JANE}`, "mid:forget-once");
    const second = await reply(deps, userId, null, `forget ${JANE}`, "mid:forget-once");
    expect(second.outcome).toBe("duplicate");
    expect(deps.mailer.sent.filter((m) => m.text.includes("Forgot"))).toHaveLength(1);
  });
});

/** A store whose first two token reads both finish before either returns. */
function bothReadFirst(store: Store): Store {
  let arrived = 0;
  let release = () => {};
  const bothRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  const findToken: Store["findToken"] = async (hash) => {
    const found = await store.findToken(hash);
    arrived += 1;
    if (arrived === 2) release();
    await bothRead;
    return found;
  };
  return { ...store, findToken };
}
