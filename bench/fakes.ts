import { configFrom } from "../core/config.js";
import type { Deps } from "../core/deps.js";
import { silentLogger } from "../core/log.js";
import type {
  Clock,
  Mailer,
  OutgoingMail,
  PromptScheduler,
  RawMailRead,
  RawMailRef,
  RawMailStore,
  ScheduleRequest,
} from "../core/ports.js";
import { createMemoryStore } from "../core/store/memory-store.js";

/** The configuration every benchmark scenario runs with: the shape SST links give a deployed function. */
export const benchConfig = configFrom({
  Table: { name: "coffeechat-bench" },
  TokenKey: { value: "bench-token-key-0123456789abcdef0123456789abcdef" },
  Settings: { mailDomain: "coffee.bench", webUrl: "https://web.coffee.bench", defaultTimeZone: "UTC" },
  RawMail: { name: "raw-mail" },
  Schedules: {
    group: "coffeechat",
    roleArn: "arn:aws:iam::123456789012:role/scheduler",
    targetArn: "arn:aws:lambda:us-east-1:123456789012:function:dispatch",
    deadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
  },
});

/** A clock the scenarios set by hand, so plans do not depend on when the benchmark runs. */
export class SettableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
}

export class RecordingScheduler implements PromptScheduler {
  readonly ensured: ScheduleRequest[] = [];
  readonly removed: string[] = [];
  async ensure(request: ScheduleRequest): Promise<void> {
    this.ensured.push(request);
  }
  async remove(name: string): Promise<void> {
    this.removed.push(name);
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    this.sent.push(mail);
    return { messageId: `bench-${this.sent.length}` };
  }
}

/** Raw mail held in memory, read with the same size rule as the S3 adapter. */
export class MemoryRawMail implements RawMailStore {
  readonly objects = new Map<string, Uint8Array>();
  put(key: string, bytes: Uint8Array): void {
    this.objects.set(key, bytes);
  }
  async read(ref: RawMailRef, maxBytes: number): Promise<RawMailRead> {
    const bytes = this.objects.get(ref.key);
    if (!bytes) throw new Error(`no object ${ref.key}`);
    return bytes.length > maxBytes ? { ok: false, size: bytes.length } : { ok: true, bytes };
  }
}

export interface FakeDeps extends Deps {
  clock: SettableClock;
  scheduler: RecordingScheduler;
  mailer: RecordingMailer;
  rawMail: MemoryRawMail;
}

/** Every port in process: the memory store and recording fakes, so only our own compute is timed. */
export function fakeDeps(now: Date): FakeDeps {
  return {
    store: createMemoryStore(),
    scheduler: new RecordingScheduler(),
    mailer: new RecordingMailer(),
    rawMail: new MemoryRawMail(),
    clock: new SettableClock(now),
    config: benchConfig,
    log: silentLogger,
  };
}
