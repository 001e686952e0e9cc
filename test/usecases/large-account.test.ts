import { describe, expect, it } from "vitest";
import { addressConfirmToken } from "../../core/tokens.js";
import { confirmAddress } from "../../core/usecases/confirm-address.js";
import { runCommands } from "../../core/usecases/run-commands.js";
import { type TestDeps, testDeps } from "../support/fake-deps.js";
import { Flow } from "../support/flow.js";
import { bccOutreach } from "../support/mail-builder.js";

/** Counts the store calls made from now on (an AWS call each on DynamoDB, a page each for a Query). */
function countStoreCalls(deps: TestDeps): { count: number; names: string[] } {
  const calls = { count: 0, names: [] as string[] };
  const store = deps.store as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(store)) {
    if (typeof fn !== "function") continue;
    store[name] = (...args: unknown[]) => {
      calls.count++;
      calls.names.push(name);
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  return calls;
}

/** A user who logged 60 outreaches: two pending prompts each, 120 in all. */
async function userWith60Outreaches() {
  const deps = testDeps({ now: "2026-11-25T14:00:00Z" });
  const flow = new Flow(deps);
  const { userId } = await flow.register();
  for (let i = 0; i < 60; i++) {
    await flow.receive(bccOutreach(i), { recipients: ["log@coffee.test"] });
  }
  return { deps, flow, userId };
}

describe("an account with more pending prompts than one transaction holds", () => {
  it("pauses and resumes 120 pending prompts with a handful of calls, rewriting no prompt", async () => {
    const { deps, flow, userId } = await userWith60Outreaches();
    const before = await flow.account(userId);
    expect(before.contacts).toHaveLength(60);
    const pendingBefore = before.prompts.filter((p) => p.state === "scheduled");
    expect(pendingBefore).toHaveLength(120);
    expect(deps.scheduler.schedules.size).toBe(120);

    const calls = countStoreCalls(deps);
    deps.scheduler.calls.length = 0;
    const pause = { userId, promptId: null, unknown: [], channel: "mail" as const };
    await runCommands(deps, { ...pause, commands: [{ verb: "pause" }], messageKey: "mid:p" });
    // The user read by key, one commit and the answer's claim (the answer goes to the user the
    // commit wrote, without reading it again): never a call per prompt.
    expect(calls.names).toEqual(["getItems", "commit", "transitionPrompt"]);
    const paused = await flow.account(userId);
    expect(paused.user.paused).toBe(true);
    expect(deps.scheduler.calls).toEqual([]);
    expect(paused.prompts.filter((p) => p.state === "scheduled" && p.kind !== "answer")).toEqual(
      pendingBefore,
    );

    calls.count = 0;
    await runCommands(deps, { ...pause, commands: [{ verb: "resume" }], messageKey: "mid:r" });
    expect(calls.count).toBeLessThanOrEqual(5);
    expect(calls.names.slice(-calls.count)).not.toContain("loadAccount");
    expect((await flow.account(userId)).user.paused).toBe(false);
    expect(deps.scheduler.calls).toEqual([]);
    expect(deps.scheduler.schedules.size).toBe(120);
  });

  it("confirms a new address with 120 pending prompts, rewriting none of them", async () => {
    const { deps, flow, userId } = await userWith60Outreaches();
    const address = "sam@work.example";
    await runCommands(deps, {
      userId,
      promptId: null,
      commands: [{ verb: "address_add", address }],
      unknown: [],
      messageKey: "mid:address-add",
      channel: "mail",
    });
    const { token } = addressConfirmToken(deps.config.tokenKey, userId, address);

    expect(await confirmAddress(deps, token)).toBe("confirmed");
    const confirmed = await flow.account(userId);
    expect(confirmed.user.addresses).toEqual(["you@example.com", address]);
    expect(await deps.store.findUserIdByAddress(address)).toBe(userId);
    const pending = confirmed.prompts.filter((p) => p.state === "scheduled");
    expect(pending).toHaveLength(120);
    // Prompts hold ids: the next one is sent to the address list read when it goes.
    expect(pending.every((p) => p.stateChangedAt === "2026-11-25T14:00:00.000Z")).toBe(true);
  });

  it("re-times 120 pending prompts by mail with a marker of bounded size, and a retry after a failed schedule finishes every one", async () => {
    const { deps, flow, userId } = await userWith60Outreaches();
    const ensure = deps.scheduler.ensure.bind(deps.scheduler);
    let failures = 0;
    // The 50th schedule call fails: the run fails after the commit, as a crash would leave it.
    deps.scheduler.ensure = async (request) => {
      if (deps.scheduler.calls.length === 49 && failures++ === 0) throw new Error("Scheduler is down");
      return ensure(request);
    };
    deps.scheduler.calls.length = 0;
    const hour = {
      userId,
      promptId: null,
      commands: [{ verb: "hour" as const, hour: 7 }],
      unknown: [],
      messageKey: "mid:hour-7",
      channel: "mail" as const,
    };
    await expect(runCommands(deps, hour)).rejects.toThrow(/Scheduler is down/);
    const marker = await deps.store.getMarker(userId, "mid:hour-7");
    expect(marker).toMatchObject({ promptIds: [], allPending: true });

    // The same mail delivered again: nothing is decided twice, and every schedule follows its prompt.
    await runCommands(deps, hour);
    const pending = (await flow.account(userId)).prompts.filter(
      (p) => p.state === "scheduled" && p.scheduleName !== null,
    );
    expect(pending).toHaveLength(120);
    const wrong = pending.filter(
      (p) => deps.scheduler.schedules.get(p.scheduleName as string)?.at.toISOString() !== p.dueAt,
    );
    expect(wrong).toEqual([]);
  });
});
