import type { PromptPlan } from "../followup/plan.js";
import { reconcilePrompts } from "../followup/policy.js";
import { promptId, scheduleName } from "../ids.js";
import type { Contact } from "../model/contact.js";
import type { Interaction } from "../model/interaction.js";
import type { Meeting } from "../model/meeting.js";
import type { Prompt, PromptKind, PromptMessage, PromptState } from "../model/prompt.js";
import { MAX_MARKER_PROMPTS, type Marker, type TokenRecord } from "../model/records.js";
import type { User } from "../model/user.js";
import { refsAfter, sameRefs } from "../store/contact-refs.js";
import type { Account, WriteOp } from "../store/store.js";
import { replyToken } from "../tokens.js";
import { type Effects, effectsOf } from "./effects.js";

/**
 * A unit of work over one user's account: use cases describe changes against an in-memory
 * copy, and `build()` yields the conditional write ops plus the effects to run after commit.
 * Only the items a change touches are written: prompts hold ids, so a change to the user or a
 * contact rewrites no prompt.
 */
export class AccountChanges {
  readonly account: Account;
  /** One op per item (a transaction may touch an item once): a later change replaces an earlier one. */
  private readonly ops = new Map<string, WriteOp>();
  private readonly touchedPrompts = new Map<
    string,
    { prompt: Prompt; ifNew?: boolean; ifState?: PromptState[] }
  >();
  private readonly extraUnschedule: string[] = [];
  /** Each contact as read (`updatedAt`): a write is guarded by it, so a concurrent change conflicts. */
  private readonly contactsRead: Map<string, string>;
  /** The profile's revision as read: a write of it is guarded by it (see User.revision). */
  private readonly userRevision: number;
  private readonly deleted = { meetings: new Set<string>(), prompts: new Set<string>() };

  /**
   * `account`: what the unit read (the whole account, or the slice a request concerns, see
   * account-slice.ts). A contact it writes that it did not read must not exist yet.
   */
  /** Prompts planned that the unit neither read nor knows to be absent: see `unreadPrompts`. */
  private readonly unread = new Set<string>();

  constructor(
    account: Account,
    readonly now: Date,
    private readonly tokenKey: string,
    /** Prompts looked up by key and not found: planning one of them is creating it. */
    private readonly absentPrompts: ReadonlySet<string> = new Set(),
  ) {
    this.account = structuredClone(account);
    this.contactsRead = new Map(account.contacts.map((c) => [c.email, c.updatedAt]));
    this.userRevision = account.user.revision;
  }

  get user(): User {
    return this.account.user;
  }

  get nowIso(): string {
    return this.now.toISOString();
  }

  contact(email: string): Contact | undefined {
    return this.account.contacts.find((c) => c.email === email);
  }

  meeting(id: string): Meeting | undefined {
    return this.account.meetings.find((m) => m.id === id);
  }

  prompt(id: string): Prompt | undefined {
    return this.account.prompts.find((p) => p.id === id);
  }

  setUser(user: User): void {
    this.account.user = user;
    this.write({ op: "putUser", user });
  }

  putContact(contact: Contact): void {
    replaceBy(this.account.contacts, contact, (c) => c.email === contact.email);
    this.write({ op: "putContact", contact });
  }

  deleteContact(email: string): void {
    this.account.contacts = this.account.contacts.filter((c) => c.email !== email);
    this.write({ op: "deleteContact", email });
  }

  putMeeting(meeting: Meeting, ifSequenceBelow?: number): void {
    replaceBy(this.account.meetings, meeting, (m) => m.id === meeting.id);
    this.write({ op: "putMeeting", meeting, ...(ifSequenceBelow === undefined ? {} : { ifSequenceBelow }) });
  }

  deleteMeeting(id: string): void {
    this.deleted.meetings.add(id);
    this.account.meetings = this.account.meetings.filter((m) => m.id !== id);
    this.write({ op: "deleteMeeting", id });
  }

  addInteraction(interaction: Interaction): void {
    if (this.account.interactions.some((i) => i.id === interaction.id)) return;
    this.account.interactions.push(interaction);
    this.write({ op: "putInteraction", interaction });
  }

  deleteInteraction(interaction: Interaction): void {
    this.account.interactions = this.account.interactions.filter((i) => i.id !== interaction.id);
    this.write({ op: "deleteInteraction", id: interaction.id, at: interaction.at });
  }

  /** The message-level dedupe record; `build()` fills in the prompts this unit touched. */
  putMarker(marker: Omit<Marker, "allPending">): void {
    this.write({ op: "putMarker", marker: { ...marker, allPending: false } });
  }

  putToken(token: TokenRecord): void {
    this.write({ op: "putToken", token });
  }

  deleteToken(hash: string): void {
    this.write({ op: "deleteToken", hash });
  }

  putAddress(address: string, ifNew = true): void {
    this.write({ op: "putAddress", address, userId: this.user.id, ifNew });
  }

  /**
   * Make the scheduled prompts matching `scope` agree with the policy's plans:
   * new ones created, moved ones re-timed, the rest cancelled.
   */
  syncPrompts(scope: (prompt: Prompt) => boolean, desired: PromptPlan[]): void {
    const existing = this.account.prompts.filter(scope);
    const { create, retime, cancel } = reconcilePrompts(existing, desired);
    for (const plan of create) this.createPrompt(plan);
    for (const { prompt, dueAt } of retime) this.retimePrompt(prompt, dueAt);
    for (const prompt of cancel) this.endPrompt(prompt, "cancelled", "no longer needed");
  }

  createPrompt(plan: PromptPlan): Prompt {
    const id = promptId(this.user.id, plan.key);
    const previous = this.prompt(id);
    if (!previous && !this.absentPrompts.has(id)) this.unread.add(id);
    const prompt: Prompt = {
      id,
      key: plan.key,
      kind: plan.kind,
      dueAt: plan.dueAt.toISOString(),
      state: "scheduled",
      contactEmail: plan.contactEmail,
      meetingId: plan.meetingId,
      scheduleName: scheduleName(id),
      message: null,
      sesMessageId: null,
      reason: null,
      attempts: 0,
      resentAt: null,
      createdAt: previous?.createdAt ?? this.nowIso,
      stateChangedAt: this.nowIso,
    };
    // A cancelled prompt of the same key (an invite moved back, a resumed account) comes back to life.
    this.touchPrompt(prompt, previous ? { ifState: ["scheduled", "cancelled"] } : { ifNew: true });
    this.issueReplyToken(prompt);
    return prompt;
  }

  retimePrompt(prompt: Prompt, dueAt: Date): void {
    this.touchPrompt(
      { ...prompt, dueAt: dueAt.toISOString(), state: "scheduled", stateChangedAt: this.nowIso },
      { ifState: ["scheduled"] },
    );
  }

  /** Cancel or skip a pending prompt; its schedule goes too. */
  endPrompt(prompt: Prompt, state: "cancelled" | "skipped", reason: string): void {
    if (prompt.state !== "scheduled") return;
    this.touchPrompt({ ...prompt, state, reason, stateChangedAt: this.nowIso }, { ifState: ["scheduled"] });
  }

  /** A failed prompt the user asked to send again: it leaves the page's list of what could not be sent. */
  markResent(prompt: Prompt): void {
    if (prompt.state !== "failed" || prompt.resentAt) return;
    this.touchPrompt({ ...prompt, resentAt: this.nowIso }, { ifState: ["failed"] });
  }

  /** Remove a prompt for good (`forget`): the item, its schedule and its reply token. */
  deletePrompt(prompt: Prompt): void {
    this.deleted.prompts.add(prompt.id);
    this.account.prompts = this.account.prompts.filter((p) => p.id !== prompt.id);
    this.touchedPrompts.delete(prompt.id);
    this.write({ op: "deletePrompt", id: prompt.id });
    this.deleteToken(replyToken(this.tokenKey, this.user.id, prompt.id).hash);
    if (prompt.scheduleName && prompt.state === "scheduled") this.extraUnschedule.push(prompt.scheduleName);
  }

  /**
   * An answer mailed at once (intake confirmation, command answer): stored `scheduled`, due now,
   * with no schedule, and claimed by a conditional write right after the commit like any due
   * prompt. So when the commit's response is lost, the retry finds it unclaimed and sends it, once.
   */
  sendMessage(
    key: string,
    kind: Extract<PromptKind, "confirmation" | "answer">,
    message: PromptMessage,
    about: { contactEmail: string | null; meetingId: string | null } = {
      contactEmail: null,
      meetingId: null,
    },
  ): Prompt {
    const id = promptId(this.user.id, key);
    const prompt: Prompt = {
      id,
      key,
      kind,
      dueAt: this.nowIso,
      state: "scheduled",
      ...about,
      scheduleName: null,
      message,
      sesMessageId: null,
      reason: null,
      attempts: 0,
      resentAt: null,
      createdAt: this.nowIso,
      stateChangedAt: this.nowIso,
    };
    this.touchPrompt(prompt, { ifNew: true });
    this.issueReplyToken(prompt);
    return prompt;
  }

  /**
   * Prompts this unit planned without knowing whether they exist: one sent or skipped earlier is
   * never planned again, so the unit must read them and decide again (account-slice.ts).
   */
  unreadPrompts(): string[] {
    return [...this.unread];
  }

  pendingPrompts(filter: (prompt: Prompt) => boolean = () => true): Prompt[] {
    return this.account.prompts.filter((p) => p.state === "scheduled" && filter(p));
  }

  build(): { ops: WriteOp[]; effects: Effects } {
    this.refreshContactRefs();
    const ops: WriteOp[] = [...this.ops.values()].map((op): WriteOp => {
      if (op.op === "putContact")
        return { ...op, ifUpdatedAt: this.contactsRead.get(op.contact.email) ?? null };
      if (op.op === "putUser" && !op.ifNew)
        return {
          ...op,
          user: { ...op.user, revision: this.userRevision + 1 },
          ifRevision: this.userRevision,
        };
      return op;
    });
    for (const { prompt, ifNew, ifState } of this.touchedPrompts.values()) {
      const guard = { ...(ifNew ? { ifNew } : {}), ...(ifState ? { ifState } : {}) };
      ops.push({ op: "putPrompt", prompt, ...guard });
    }
    // The marker lists the prompts of this unit so that a retry can finish their effects; a unit
    // that touched very many (a re-time) says so instead, and a retry settles every pending one.
    const touched = [...this.touchedPrompts.keys()];
    const many = touched.length > MAX_MARKER_PROMPTS;
    const withMarker = ops.map((op) =>
      op.op === "putMarker"
        ? { ...op, marker: { ...op.marker, promptIds: many ? [] : touched, allPending: many } }
        : op,
    );
    const effects = effectsOf([...this.touchedPrompts.values()].map((t) => t.prompt));
    effects.unschedule.push(...this.extraUnschedule);
    return { ops: withMarker, effects };
  }

  /** Every contact this unit wrote, or whose meetings or pending prompts it changed, keeps true refs. */
  private refreshContactRefs(): void {
    const concerned = new Set<string>();
    for (const op of this.ops.values()) {
      if (op.op === "putContact") concerned.add(op.contact.email);
      if (op.op === "putMeeting") concerned.add(op.meeting.contactEmail);
    }
    for (const { prompt } of this.touchedPrompts.values())
      if (prompt.contactEmail) concerned.add(prompt.contactEmail);
    if (this.deleted.meetings.size || this.deleted.prompts.size)
      for (const contact of this.account.contacts) concerned.add(contact.email);
    for (const email of concerned) {
      const contact = this.contact(email);
      if (!contact) continue;
      const refs = refsAfter(contact, this.account, this.deleted);
      if (!sameRefs(refs, contact)) this.putContact({ ...contact, ...refs });
    }
  }

  private write(op: WriteOp): void {
    const key = itemOf(op);
    const earlier = this.ops.get(key);
    // The first op's guard was written against the stored state: keep it.
    this.ops.set(key, earlier ? ({ ...guardOf(earlier), ...op } as WriteOp) : op);
  }

  private touchPrompt(prompt: Prompt, condition: { ifNew?: boolean; ifState?: PromptState[] }): void {
    replaceBy(this.account.prompts, prompt, (p) => p.id === prompt.id);
    const earlier = this.touchedPrompts.get(prompt.id);
    // The first touch's guard was written against the stored state: keep it, with the latest prompt.
    const { prompt: _first, ...guard } = earlier ?? { prompt, ...condition };
    this.touchedPrompts.set(prompt.id, { ...guard, prompt });
  }

  private issueReplyToken(prompt: Prompt): void {
    const { hash } = replyToken(this.tokenKey, this.user.id, prompt.id);
    this.write({
      op: "putToken",
      token: {
        hash,
        userId: this.user.id,
        kind: "reply",
        promptId: prompt.id,
        address: null,
        expiresAt: null,
      },
    });
  }
}

function itemOf(op: WriteOp): string {
  switch (op.op) {
    case "putUser":
      return "user";
    case "putAddress":
    case "deleteAddress":
      return `address:${op.address}`;
    case "putContact":
      return `contact:${op.contact.email}`;
    case "deleteContact":
      return `contact:${op.email}`;
    case "putMeeting":
      return `meeting:${op.meeting.id}`;
    case "deleteMeeting":
      return `meeting:${op.id}`;
    case "putPrompt":
      return `prompt:${op.prompt.id}`;
    case "deletePrompt":
      return `prompt:${op.id}`;
    case "putInteraction":
      return `interaction:${op.interaction.id}`;
    case "deleteInteraction":
      return `interaction:${op.id}`;
    case "putMarker":
      return `marker:${op.marker.key}`;
    case "putToken":
      return `token:${op.token.hash}`;
    case "deleteToken":
      return `token:${op.hash}`;
  }
}

function guardOf(op: WriteOp): Partial<Record<"ifNew" | "ifState" | "ifSequenceBelow", unknown>> {
  const { ifNew, ifState, ifSequenceBelow } = op as {
    ifNew?: boolean;
    ifState?: unknown;
    ifSequenceBelow?: number;
  };
  return {
    ...(ifNew !== undefined ? { ifNew } : {}),
    ...(ifState !== undefined ? { ifState } : {}),
    ...(ifSequenceBelow !== undefined ? { ifSequenceBelow } : {}),
  };
}

function replaceBy<T>(list: T[], item: T, same: (x: T) => boolean): void {
  const index = list.findIndex(same);
  if (index === -1) list.push(item);
  else list[index] = item;
}
