import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as z from "zod/mini";
import { parseOrThrow, safeParseInEnglish } from "../../core/model/parse.js";
import { ExpressionError, isValidTimeZone, nextFireTime, parseScheduleExpression } from "./expression.js";

/** An error as EventBridge Scheduler returns it: HTTP status, `x-amzn-ErrorType` and `{ Message }`. */
export class SchedulerApiError extends Error {
  constructor(
    readonly type:
      | "ValidationException"
      | "ConflictException"
      | "ResourceNotFoundException"
      | "InternalServerException",
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const validation = (message: string) => new SchedulerApiError("ValidationException", 400, message);
const notFound = (message: string) => new SchedulerApiError("ResourceNotFoundException", 404, message);
const conflict = (message: string) => new SchedulerApiError("ConflictException", 409, message);

const NAME = /^[0-9a-zA-Z\-_.]+$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SQS_ARN = /^arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9\-_]+$/;

/** A string of `min`..`max` characters. */
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
/** An integer in `min`..`max`. */
const integer = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
/** Any number but NaN and ±Infinity (JSON's 1e999 reads as Infinity): zod's number refuses those. */
const finite = z.number();
const Name = text(1, 64).check(z.regex(NAME));
/** The SDK sends timestamps as epoch seconds. */
const EpochSeconds = finite;

/** The CreateSchedule / UpdateSchedule body (the name is in the path). Unknown target kinds are dropped. */
export const ScheduleBody = z.object({
  GroupName: z.optional(Name),
  ScheduleExpression: text(1, 256),
  ScheduleExpressionTimezone: z.optional(text(1, 50)),
  StartDate: z.optional(EpochSeconds),
  EndDate: z.optional(EpochSeconds),
  Description: z.optional(z.string().check(z.maxLength(512))),
  State: z.optional(z.enum(["ENABLED", "DISABLED"])),
  KmsKeyArn: z.optional(text(1, 2048)),
  ClientToken: z.optional(text(1, 64)),
  ActionAfterCompletion: z.optional(z.enum(["NONE", "DELETE"])),
  FlexibleTimeWindow: z.object({
    Mode: z.enum(["OFF", "FLEXIBLE"]),
    MaximumWindowInMinutes: z.optional(integer(1, 1440)),
  }),
  Target: z.object({
    Arn: text(1, 1600),
    RoleArn: text(1, 1600).check(z.regex(ROLE_ARN)),
    Input: z.optional(text(1, 8192)),
    RetryPolicy: z.optional(
      z.object({
        MaximumEventAgeInSeconds: z.optional(integer(60, 86400)),
        MaximumRetryAttempts: z.optional(integer(0, 185)),
      }),
    ),
    DeadLetterConfig: z.optional(z.object({ Arn: z.optional(text(1, 1600).check(z.regex(SQS_ARN))) })),
  }),
});
export type ScheduleBody = z.output<typeof ScheduleBody>;

const StoredSchedule = z.object({
  name: z.string(),
  group: z.string(),
  arn: z.string(),
  body: ScheduleBody,
  createdAt: finite,
  modifiedAt: finite,
  /** Bumped on every update: a fire only completes the version it fired. */
  version: finite,
  /** Epoch ms of the next fire (a retry included), or null when nothing is left to fire. */
  nextFireAt: z.nullable(finite),
  /** The regular due time the pending retries belong to. */
  dueAt: z.nullable(finite),
  attempts: finite,
});
export type StoredSchedule = z.output<typeof StoredSchedule>;

const StoredGroup = z.object({
  name: z.string(),
  arn: z.string(),
  createdAt: finite,
  modifiedAt: finite,
});
type StoredGroup = z.output<typeof StoredGroup>;

const DeadLetter = z.object({
  schedule: z.string(),
  deadLetterArn: z.nullable(z.string()),
  input: z.string(),
  dueAt: finite,
  error: z.string(),
});
export type DeadLetter = z.output<typeof DeadLetter>;

const StateFile = z.object({
  version: z.literal(1),
  groups: z.array(StoredGroup),
  schedules: z.array(StoredSchedule),
  deadLetters: z.array(DeadLetter),
});

export const DEFAULT_GROUP = "default";
const DEFAULT_MAX_AGE_S = 86_400;
const DEFAULT_MAX_RETRIES = 185;

/**
 * Schedules and groups, validated as AWS documents them and persisted to one JSON file.
 * Times are epoch ms from the injected `now`, never from the wall clock.
 */
export class ScheduleBook {
  private readonly groups = new Map<string, StoredGroup>();
  private readonly schedules = new Map<string, StoredSchedule>();
  private readonly dead: DeadLetter[] = [];

  constructor(
    private readonly file: string,
    private readonly arnPrefix: string,
    private readonly now: () => number,
  ) {
    this.load();
    if (!this.groups.has(DEFAULT_GROUP)) {
      const t = this.now();
      this.groups.set(DEFAULT_GROUP, {
        name: DEFAULT_GROUP,
        arn: this.groupArn(DEFAULT_GROUP),
        createdAt: t,
        modifiedAt: t,
      });
    }
  }

  // ---- schedules ----

  create(name: string, raw: unknown): StoredSchedule {
    const body = this.validate(name, raw);
    const group = this.requireGroup(body.GroupName ?? DEFAULT_GROUP);
    const existing = this.schedules.get(key(group.name, name));
    if (existing) {
      // An SDK retry of the same call carries the same ClientToken: AWS answers it as a success.
      if (body.ClientToken && existing.body.ClientToken === body.ClientToken) return existing;
      throw conflict(`Schedule ${name} already exists.`);
    }
    const t = this.now();
    const schedule: StoredSchedule = {
      name,
      group: group.name,
      arn: `${this.arnPrefix}:schedule/${group.name}/${name}`,
      body,
      createdAt: t,
      modifiedAt: t,
      version: 1,
      nextFireAt: null,
      dueAt: null,
      attempts: 0,
    };
    this.plan(schedule, t);
    this.schedules.set(key(group.name, name), schedule);
    this.save();
    return schedule;
  }

  update(name: string, raw: unknown): StoredSchedule {
    const body = this.validate(name, raw);
    const group = this.requireGroup(body.GroupName ?? DEFAULT_GROUP);
    const existing = this.schedules.get(key(group.name, name));
    if (!existing) throw notFound(`Schedule ${name} does not exist.`);
    const t = this.now();
    const updated: StoredSchedule = {
      ...existing,
      body,
      modifiedAt: t,
      version: existing.version + 1,
      attempts: 0,
    };
    this.plan(updated, t);
    this.schedules.set(key(group.name, name), updated);
    this.save();
    return updated;
  }

  get(name: string, groupName = DEFAULT_GROUP): StoredSchedule {
    validateName(name, "name");
    const group = this.requireGroup(groupName);
    const schedule = this.schedules.get(key(group.name, name));
    if (!schedule) throw notFound(`Schedule ${name} does not exist.`);
    return schedule;
  }

  delete(name: string, groupName = DEFAULT_GROUP): void {
    this.get(name, groupName);
    this.schedules.delete(key(groupName, name));
    this.save();
  }

  list(filter: { group?: string; namePrefix?: string; state?: string }): StoredSchedule[] {
    if (filter.group !== undefined) validateName(filter.group, "groupName");
    if (filter.state !== undefined && filter.state !== "ENABLED" && filter.state !== "DISABLED") {
      throw validation(
        `Value '${filter.state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`,
      );
    }
    return [...this.schedules.values()]
      .filter((s) => filter.group === undefined || s.group === filter.group)
      .filter((s) => filter.namePrefix === undefined || s.name.startsWith(filter.namePrefix))
      .filter((s) => filter.state === undefined || (s.body.State ?? "ENABLED") === filter.state)
      .sort((a, b) => (a.group === b.group ? a.name.localeCompare(b.name) : a.group.localeCompare(b.group)));
  }

  // ---- groups ----

  createGroup(name: string): StoredGroup {
    validateName(name, "name");
    if (this.groups.has(name)) throw conflict(`Schedule group ${name} already exists.`);
    const t = this.now();
    const group = { name, arn: this.groupArn(name), createdAt: t, modifiedAt: t };
    this.groups.set(name, group);
    this.save();
    return group;
  }

  getGroup(name: string): StoredGroup {
    validateName(name, "name");
    return this.requireGroup(name);
  }

  listGroups(namePrefix?: string): StoredGroup[] {
    return [...this.groups.values()]
      .filter((g) => !namePrefix || g.name.startsWith(namePrefix))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  deleteGroup(name: string): void {
    this.getGroup(name);
    if (name === DEFAULT_GROUP) throw validation("The default schedule group cannot be deleted.");
    for (const [k, s] of this.schedules) if (s.group === name) this.schedules.delete(k);
    this.groups.delete(name);
    this.save();
  }

  // ---- firing ----

  /** The enabled schedule that is due first at or before `until`, if any. */
  nextDue(until: number): StoredSchedule | null {
    let first: StoredSchedule | null = null;
    for (const s of this.schedules.values()) {
      if ((s.body.State ?? "ENABLED") !== "ENABLED" || s.nextFireAt === null || s.nextFireAt > until)
        continue;
      if (!first || s.nextFireAt < (first.nextFireAt ?? 0)) first = s;
    }
    return first;
  }

  /** The earliest pending fire of any enabled schedule. */
  earliestFire(): number | null {
    let earliest: number | null = null;
    for (const s of this.schedules.values()) {
      if ((s.body.State ?? "ENABLED") !== "ENABLED" || s.nextFireAt === null) continue;
      if (earliest === null || s.nextFireAt < earliest) earliest = s.nextFireAt;
    }
    return earliest;
  }

  /** After a successful delivery: the next regular fire, or completion (and deletion when asked). */
  delivered(fired: StoredSchedule): void {
    const current = this.current(fired);
    if (!current) return;
    this.advancePastDue(current, fired.dueAt ?? fired.nextFireAt ?? this.now());
    this.save();
  }

  /**
   * After a failed delivery: retry with exponential backoff while the RetryPolicy allows,
   * else record a dead letter and move on. Returns whether a retry is pending.
   */
  failed(fired: StoredSchedule, error: string): boolean {
    const current = this.current(fired);
    if (!current) return false;
    const dueAt = current.dueAt ?? current.nextFireAt ?? this.now();
    const policy = current.body.Target.RetryPolicy;
    const maxRetries = policy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
    const maxAgeMs = (policy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
    const retryAt = this.now() + Math.min(60_000 * 2 ** current.attempts, 3_600_000);
    if (current.attempts < maxRetries && retryAt - dueAt <= maxAgeMs) {
      current.attempts += 1;
      current.dueAt = dueAt;
      current.nextFireAt = retryAt;
      this.save();
      return true;
    }
    this.dead.push({
      schedule: `${current.group}/${current.name}`,
      deadLetterArn: current.body.Target.DeadLetterConfig?.Arn ?? null,
      input: current.body.Target.Input ?? "{}",
      dueAt,
      error,
    });
    this.advancePastDue(current, dueAt);
    this.save();
    return false;
  }

  deadLetters(): readonly DeadLetter[] {
    return this.dead;
  }

  private advancePastDue(schedule: StoredSchedule, dueAt: number) {
    schedule.attempts = 0;
    schedule.dueAt = null;
    schedule.nextFireAt = this.following(schedule, dueAt);
    if (schedule.nextFireAt === null && schedule.body.ActionAfterCompletion === "DELETE") {
      this.schedules.delete(key(schedule.group, schedule.name));
    }
  }

  private current(fired: StoredSchedule): StoredSchedule | null {
    const current = this.schedules.get(key(fired.group, fired.name));
    return current && current.version === fired.version ? current : null;
  }

  /** Sets the first fire time from `t` (creation or update). */
  private plan(schedule: StoredSchedule, t: number) {
    const { body } = schedule;
    const expression = parseScheduleExpression(body.ScheduleExpression);
    const zone = body.ScheduleExpressionTimezone ?? "UTC";
    const start = body.StartDate !== undefined ? body.StartDate * 1000 : undefined;
    const anchor = new Date(start ?? schedule.createdAt);
    // A one-time schedule whose time has passed fires at once, as AWS does.
    const after = expression.kind === "at" ? new Date(t) : new Date(Math.max(t, start ?? t));
    const next = nextFireTime(expression, zone, { after, anchor, inclusive: expression.kind !== "rate" });
    schedule.dueAt = null;
    schedule.nextFireAt = next && this.withinEnd(schedule, next.getTime()) ? next.getTime() : null;
  }

  private following(schedule: StoredSchedule, dueAt: number): number | null {
    const expression = parseScheduleExpression(schedule.body.ScheduleExpression);
    if (expression.kind === "at") return null;
    const zone = schedule.body.ScheduleExpressionTimezone ?? "UTC";
    const start = schedule.body.StartDate !== undefined ? schedule.body.StartDate * 1000 : schedule.createdAt;
    const next = nextFireTime(expression, zone, { after: new Date(dueAt), anchor: new Date(start) });
    return next && this.withinEnd(schedule, next.getTime()) ? next.getTime() : null;
  }

  private withinEnd(schedule: StoredSchedule, at: number): boolean {
    return schedule.body.EndDate === undefined || at <= schedule.body.EndDate * 1000;
  }

  private validate(name: string, raw: unknown): ScheduleBody {
    validateName(name, "name");
    const parsed = safeParseInEnglish(ScheduleBody, raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "body";
      throw validation(
        `1 validation error detected: Value at '${where}' failed to satisfy constraint: ${issue?.message}`,
      );
    }
    const body = parsed.data;
    try {
      parseScheduleExpression(body.ScheduleExpression);
    } catch (error) {
      if (error instanceof ExpressionError) throw validation(error.message);
      throw error;
    }
    if (body.ScheduleExpressionTimezone !== undefined && !isValidTimeZone(body.ScheduleExpressionTimezone)) {
      throw validation(`Invalid timezone: ${body.ScheduleExpressionTimezone}.`);
    }
    if (
      body.FlexibleTimeWindow.Mode === "FLEXIBLE" &&
      body.FlexibleTimeWindow.MaximumWindowInMinutes === undefined
    ) {
      throw validation("MaximumWindowInMinutes is required when FlexibleTimeWindow mode is FLEXIBLE.");
    }
    if (
      body.FlexibleTimeWindow.Mode === "OFF" &&
      body.FlexibleTimeWindow.MaximumWindowInMinutes !== undefined
    ) {
      throw validation("MaximumWindowInMinutes must not be set when FlexibleTimeWindow mode is OFF.");
    }
    if (body.StartDate !== undefined && body.EndDate !== undefined && body.EndDate <= body.StartDate) {
      throw validation("The EndDate must be after the StartDate.");
    }
    return body;
  }

  private requireGroup(name: string): StoredGroup {
    validateName(name, "groupName");
    const group = this.groups.get(name);
    if (!group) throw notFound(`Schedule group ${name} does not exist.`);
    return group;
  }

  private groupArn(name: string) {
    return `${this.arnPrefix}:schedule-group/${name}`;
  }

  private load() {
    if (!existsSync(this.file)) return;
    let parsed: z.output<typeof StateFile>;
    try {
      parsed = parseOrThrow(StateFile, JSON.parse(readFileSync(this.file, "utf8")));
    } catch (error) {
      // Keep the unreadable file for a look, start empty rather than refuse to run.
      renameSync(this.file, `${this.file}.unreadable-${Date.now()}`);
      process.emitWarning(`scheduler state ${this.file} was unreadable and was set aside: ${String(error)}`);
      return;
    }
    for (const g of parsed.groups) this.groups.set(g.name, g);
    for (const s of parsed.schedules) this.schedules.set(key(s.group, s.name), s);
    this.dead.push(...parsed.deadLetters);
  }

  private save() {
    mkdirSync(dirname(this.file), { recursive: true });
    const state: z.output<typeof StateFile> = {
      version: 1,
      groups: [...this.groups.values()],
      schedules: [...this.schedules.values()],
      deadLetters: this.dead,
    };
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(state, null, 1));
    renameSync(temp, this.file);
  }
}

function validateName(value: string, field: string) {
  if (!Name.safeParse(value).success) {
    throw validation(
      `1 validation error detected: Value '${value.slice(0, 80)}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+ and have length between 1 and 64`,
    );
  }
}

function key(group: string, name: string) {
  return `${group}/${name}`;
}
