import type { DispatchInput } from "./followup/dispatch-input.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface OutgoingMail {
  to: string;
  from: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe…). Values are CR/LF-stripped by the mailer adapter. */
  headers: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: string }[];
}

export interface Mailer {
  /** Returns the provider's message id. Throws MailRejectedError for a permanent refusal. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface ScheduleRequest {
  name: string;
  /** The instant to fire. */
  at: Date;
  /** The user's zone: the schedule is written as local time in it. */
  timeZone: string;
  input: DispatchInput;
}

export interface PromptScheduler {
  /** Create, or move an existing schedule of that name to `at`. Idempotent. */
  ensure(request: ScheduleRequest): Promise<void>;
  /** Delete; a missing schedule is fine. */
  remove(name: string): Promise<void>;
}

export interface RawMailRef {
  bucket: string;
  key: string;
}

export type RawMailRead = { ok: true; bytes: Uint8Array } | { ok: false; size: number };

export interface RawMailStore {
  /** Reads the object unless it is larger than `maxBytes` (checked before download). */
  read(ref: RawMailRef, maxBytes: number): Promise<RawMailRead>;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** DNS TXT records of a name, each as its character-strings (node:dns `resolveTxt`'s shape). */
export type TxtResolver = (name: string) => Promise<string[][]>;
