import { configFrom } from "../../core/config.js";
import type { Deps } from "../../core/deps.js";
import { silentLogger } from "../../core/log.js";
import type {
  Clock,
  Logger,
  Mailer,
  OutgoingMail,
  PromptScheduler,
  RawMailStore,
  ScheduleRequest,
} from "../../core/ports.js";
import { createMemoryStore } from "../../core/store/memory-store.js";
import type { Store } from "../../core/store/store.js";

export const TEST_TOKEN_KEY = "test-token-key-0123456789abcdef0123456789abcdef";

export const testConfig = configFrom({
  Table: { name: "coffeechat-test" },
  TokenKey: { value: TEST_TOKEN_KEY },
  Settings: { mailDomain: "coffee.test", webUrl: "https://web.coffee.test", defaultTimeZone: "UTC" },
  RawMail: { name: "raw-mail" },
  Schedules: {
    group: "coffeechat",
    roleArn: "arn:aws:iam::123456789012:role/scheduler",
    targetArn: "arn:aws:lambda:us-east-1:123456789012:function:dispatch",
    deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
  },
});

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Keeps schedules in memory like EventBridge would, so tests can see and fire them. */
export class RecordingScheduler implements PromptScheduler {
  readonly schedules = new Map<string, ScheduleRequest>();
  readonly calls: { op: "ensure" | "remove"; name: string }[] = [];
  async ensure(request: ScheduleRequest): Promise<void> {
    this.calls.push({ op: "ensure", name: request.name });
    this.schedules.set(request.name, request);
  }
  async remove(name: string): Promise<void> {
    this.calls.push({ op: "remove", name });
    this.schedules.delete(name);
  }
  /** Schedules due at or before `now`, earliest first. */
  due(now: Date): ScheduleRequest[] {
    return [...this.schedules.values()]
      .filter((s) => s.at.getTime() <= now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: (OutgoingMail & { messageId: string })[] = [];
  failWith: Error | null = null;
  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (this.failWith) throw this.failWith;
    const messageId = `ses-${this.sent.length + 1}`;
    this.sent.push({ ...mail, messageId });
    return { messageId };
  }
}

export interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** A Logger that keeps every line, for assertions on what was logged. */
export class CapturingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: "info", message, ...(fields ? { fields } : {}) });
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: "warn", message, ...(fields ? { fields } : {}) });
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: "error", message, ...(fields ? { fields } : {}) });
  }
  /** Everything logged, as the JSON lines CloudWatch would hold. */
  text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join("\n");
  }
}

export class MemoryRawMail implements RawMailStore {
  readonly objects = new Map<string, Uint8Array>();
  put(key: string, bytes: Uint8Array | string): void {
    this.objects.set(key, typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
  }
  async read(ref: { bucket: string; key: string }, maxBytes: number) {
    const bytes = this.objects.get(ref.key);
    if (!bytes) throw new Error(`no object ${ref.key}`);
    return bytes.length > maxBytes
      ? ({ ok: false, size: bytes.length } as const)
      : ({ ok: true, bytes } as const);
  }
}

export interface TestDeps extends Deps {
  clock: ManualClock;
  scheduler: RecordingScheduler;
  mailer: RecordingMailer;
  rawMail: MemoryRawMail;
}

export function testDeps(options: { now?: string | Date; store?: Store } = {}): TestDeps {
  return {
    store: options.store ?? createMemoryStore(),
    scheduler: new RecordingScheduler(),
    mailer: new RecordingMailer(),
    rawMail: new MemoryRawMail(),
    clock: new ManualClock(new Date(options.now ?? "2026-12-01T12:00:00Z")),
    config: testConfig,
    log: silentLogger,
  };
}
