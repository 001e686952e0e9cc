import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as z from "zod/mini";
import type { Clock } from "../core/ports.js";

/** What the scheduler reports for each schedule it fired while the clock moved. */
export interface FiredSchedule {
  schedule: string;
  targetArn: string;
  input: string;
  /** When it was due (ISO), the clock's time while it ran. */
  dueAt: string;
  ok: boolean;
  error?: string;
}

/** Runs every due schedule up to `until`, moving the clock to each one's due time as it goes. */
export type DueWorkRunner = (until: Date) => Promise<FiredSchedule[]>;

/** zod's number is finite: NaN and ±Infinity are refused. */
const ClockFile = z.object({ offsetMs: z.number() });

/**
 * The local stack's time: real time plus an offset that only grows. The offset is kept in a file so
 * a restart resumes at the same virtual time. Use cases get it as their `Clock`.
 */
export class LocalClock implements Clock {
  private offsetMs = 0;
  private runner: DueWorkRunner | null = null;

  constructor(
    private readonly file: string,
    private readonly realNow: () => number = Date.now,
  ) {
    if (existsSync(file)) {
      const parsed = ClockFile.safeParse(safeJson(readFileSync(file, "utf8")));
      if (parsed.success) this.offsetMs = Math.max(0, parsed.data.offsetMs);
    }
  }

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  /** How far ahead of real time the clock runs, in ms. */
  offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward to `instant` (never back: time that has passed stays passed). */
  moveTo(instant: Date): void {
    const wanted = instant.getTime() - this.realNow();
    if (wanted <= this.offsetMs) return;
    this.offsetMs = wanted;
    this.save();
  }

  /** The scheduler that runs the work coming due when the clock moves. */
  attach(runner: DueWorkRunner): void {
    this.runner = runner;
  }

  /**
   * Moves the clock `ms` forward and returns once everything that came due has run, in due order,
   * including what the handlers scheduled along the way that is due too.
   */
  async advance(ms: number): Promise<FiredSchedule[]> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock only moves forward");
    const until = new Date(this.now().getTime() + ms);
    if (!this.runner) {
      this.moveTo(until);
      return [];
    }
    const fired = await this.runner(until);
    this.moveTo(until);
    return fired;
  }

  private save() {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify({ offsetMs: this.offsetMs }));
    renameSync(temp, this.file);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
