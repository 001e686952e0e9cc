import { readFileSync } from "node:fs";
import type { Contact } from "../core/model/contact.js";
import type { Interaction } from "../core/model/interaction.js";
import type { Meeting } from "../core/model/meeting.js";
import type { Prompt } from "../core/model/prompt.js";
import type { Account, WriteOp } from "../core/store/store.js";
import { MAX_OPS_PER_COMMIT } from "../core/store/write-plan.js";
import { registerUser } from "../core/usecases/register-user.js";
import { runCommands } from "../core/usecases/run-commands.js";
import { createWebApp } from "../core/web/app.js";
import type { AwsCall } from "./aws-call.js";
import { type AwsRig, awsRig, BENCH_USER, receiveTypicalInvite, typicalInvitePath } from "./aws-calls.js";

/** What grows with an account, measured on DynamoDB Local with the production adapters. */
export interface ScaleResult {
  /** Items DynamoDB read for one typical invite, by contacts already in the account. */
  itemsReadPerMail: { "10": number; "5000": number };
  /** The status page's HTML at 5,000 contacts. */
  pageKb: { "5000": number };
  /** How much the process's memory (RSS, or heap + buffers when that rose more) rose while serving that page. */
  pagePeakMb: { "5000": number };
  /** AWS calls for `pause` and for `hour` (every pending prompt's due time moves), at 1,000 pending prompts. */
  pauseAwsCalls: { "1000": number };
  retimeAwsCalls: { "1000": number };
  /** The stored size of one contact as the typical invite leaves it (its items, as JSON). */
  bytesPerContact: number;
  /** How the accounts were built, for the report. */
  notes: string[];
}

export const SCALE_CONTACTS = [10, 5_000] as const;
const PENDING_PROMPTS = 1_000;
const PARALLEL_COMMITS = 8;

/**
 * Builds each account through the real flow (register, then the typical invite through the
 * inbound handler), copies that one contact's items N times through the store's own commits
 * (the bulk fast path: N real inbound runs would take hours on DynamoDB Local, each reading the
 * whole account), then measures one more real invite, the page, pause and a retime. Runs
 * inside withDynamoDbLocal (aws-calls.ts).
 */
export async function measureScale(): Promise<ScaleResult> {
  const raw = new Uint8Array(readFileSync(typicalInvitePath));
  const template = await withRig(raw, "bench-template", async (rig) => {
    const { userId } = await registerUser(rig.deps, BENCH_USER);
    await receiveTypicalInvite(rig.deps, raw, "bench-template-invite");
    const account = await rig.deps.store.loadAccount(userId);
    if (!account) throw new Error("the template account was not stored");
    return account;
  });
  const pendingPerContact = template.prompts.filter((p) => p.state === "scheduled").length;
  if (pendingPerContact === 0) throw new Error("the typical invite left no pending prompt to copy");

  const readsAt = async (contacts: number) =>
    withRig(raw, `bench-${contacts}`, async (rig) => {
      const built = await accountWith(rig, template, contacts);
      rig.take();
      await receiveTypicalInvite(rig.deps, raw, `bench-measured-${contacts}`);
      const itemsRead = sum(rig.take(), (c) => c.itemsRead ?? 0);
      if (contacts !== 5_000) return { itemsRead, pageKb: Number.NaN, pageMb: Number.NaN };
      const page = await servePage(rig, built.statusPath);
      return { itemsRead, pageKb: page.bytes / 1024, pageMb: page.rssRiseBytes / 2 ** 20 };
    });
  const small = await readsAt(10);
  const large = await readsAt(5_000);

  const copies = Math.ceil(PENDING_PROMPTS / pendingPerContact);
  const profile = await withRig(raw, "bench-pending", async (rig) => {
    const { userId } = await accountWith(rig, template, copies);
    const command = async (verb: "pause" | "hour") => {
      rig.take();
      await runCommands(rig.deps, {
        userId,
        promptId: null,
        unknown: [],
        channel: "web",
        commands: [verb === "hour" ? { verb, hour: 7 } : { verb }],
        messageKey: `bench:${verb}`,
      });
      return rig.take().length;
    };
    const retime = await command("hour");
    const pause = await command("pause");
    return { retime, pause };
  });

  return {
    itemsReadPerMail: { "10": small.itemsRead, "5000": large.itemsRead },
    pageKb: { "5000": large.pageKb },
    pagePeakMb: { "5000": large.pageMb },
    pauseAwsCalls: { "1000": profile.pause },
    retimeAwsCalls: { "1000": profile.retime },
    bytesPerContact: Buffer.byteLength(JSON.stringify(copyOps(template, 0))),
    notes: [
      "the user is as the template's flow left them (zone learned from its invite); each contact carries its refs, renamed with it",
      `one contact from the typical invite is ${template.contacts.length + template.meetings.length + template.prompts.length + template.interactions.length} items (${pendingPerContact} pending prompts); accounts hold N copies of it, then one more invite is measured`,
      `pause and retime (hour 7) run on ${copies} copies = ${copies * pendingPerContact} pending prompts`,
    ],
  };
}

async function withRig<T>(raw: Uint8Array, table: string, work: (rig: AwsRig) => Promise<T>): Promise<T> {
  const rig = await awsRig(raw, table);
  try {
    return await work(rig);
  } finally {
    rig.close();
  }
}

/** The bench user, registered for real, with `copies` copies of the template's contact and its items. */
async function accountWith(
  rig: AwsRig,
  template: Account,
  copies: number,
): Promise<{ userId: string; statusPath: string }> {
  const { userId, statusUrl } = await registerUser(rig.deps, BENCH_USER);
  // The user as the template's flow left them: their zone learned from its invite.
  const registered = await rig.deps.store.getUser(userId);
  if (!registered) throw new Error("the bench user was not stored");
  const { timeZone, timeZoneSource } = template.user;
  const learned = await rig.deps.store.commit(userId, [
    { op: "putUser", user: { ...registered, timeZone, timeZoneSource } },
  ]);
  if (!learned.ok) throw new Error("the bench user's zone was not stored");
  const ops = Array.from({ length: copies }, (_, i) => copyOps(template, i)).flat();
  const chunks: WriteOp[][] = [];
  for (let i = 0; i < ops.length; i += MAX_OPS_PER_COMMIT) chunks.push(ops.slice(i, i + MAX_OPS_PER_COMMIT));
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      const result = await rig.deps.store.commit(userId, chunk);
      if (!result.ok) throw new Error("a bulk commit failed its condition");
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_COMMITS }, worker));
  return { userId, statusPath: new URL(statusUrl).pathname };
}

/** The template's contact items as copy `i`: every address and id made unique by a suffix. */
export function copyOps(template: Account, i: number): WriteOp[] {
  const renames: [string, string][] = [
    ...template.contacts.map((c): [string, string] => [c.email, `c${i}.${c.email}`]),
    ...template.meetings.flatMap((m): [string, string][] => [
      [m.id, `${m.id}c${i}`],
      [m.uid, `c${i}.${m.uid}`],
    ]),
    ...template.prompts.map((p): [string, string] => [p.id, `${p.id}c${i}`]),
    ...template.interactions.map((x): [string, string] => [x.id, `${x.id}c${i}`]),
  ];
  let json = JSON.stringify({
    contacts: template.contacts,
    meetings: template.meetings,
    prompts: template.prompts,
    interactions: template.interactions,
  });
  for (const [from, to] of renames) json = json.replaceAll(from, to);
  const copy = JSON.parse(json) as {
    contacts: Contact[];
    meetings: Meeting[];
    prompts: Prompt[];
    interactions: Interaction[];
  };
  return [
    ...copy.contacts.map((contact): WriteOp => ({ op: "putContact", contact })),
    ...copy.meetings.map((meeting): WriteOp => ({ op: "putMeeting", meeting })),
    ...copy.prompts.map((prompt): WriteOp => ({ op: "putPrompt", prompt })),
    ...copy.interactions.map((interaction): WriteOp => ({ op: "putInteraction", interaction })),
  ];
}

/**
 * GET the status page, sampling memory every millisecond while it is served: the rise of RSS,
 * or of heap plus buffers when that is larger (a warm process reuses RSS it already holds).
 */
async function servePage(rig: AwsRig, path: string): Promise<{ bytes: number; rssRiseBytes: number }> {
  const app = createWebApp(rig.deps);
  (globalThis as { gc?: () => void }).gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed + m.external + m.arrayBuffers };
  };
  const before = used();
  let rise = 0;
  const measure = () => {
    const now = used();
    rise = Math.max(rise, now.rss - before.rss, now.heap - before.heap);
  };
  const sample = setInterval(measure, 1);
  try {
    const response = await app.request(path);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`the status page answered ${response.status}`);
    measure();
    return { bytes: Buffer.byteLength(body), rssRiseBytes: rise };
  } finally {
    clearInterval(sample);
  }
}

function sum(calls: AwsCall[], value: (c: AwsCall) => number): number {
  return calls.reduce((total, c) => total + value(c), 0);
}
