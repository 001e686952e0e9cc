import type { FunctionKey } from "./links.js";

/**
 * How each function is sized and capped — plain data, no SST globals, so a test reads it.
 * Parsing mail needs CPU (which scales with memory); the rest is I/O.
 */
export const sizing = {
  inbound: {
    memory: "1024 MB",
    timeout: "30 seconds",
    description: "SES inbound mail → log people and meetings",
  },
  dispatch: { memory: "512 MB", timeout: "30 seconds", description: "A prompt's schedule fired → send it" },
  sweep: {
    memory: "512 MB",
    timeout: "5 minutes",
    description: "Hourly: fire prompts whose schedule was lost",
  },
  web: { memory: "512 MB", timeout: "10 seconds", description: "The private status page" },
  feedback: {
    memory: "256 MB",
    timeout: "15 seconds",
    description: "SES bounces and complaints → stop prompts",
  },
} as const satisfies Record<FunctionKey, { memory: string; timeout: string; description: string }>;

/**
 * Reserved concurrency: the most instances of each function that run at once, which caps what a
 * flood (a guessed status URL hammered, a mail storm) can cost, and keeps coffeechat from taking
 * the account's whole concurrency. Asynchronous invocations over the cap (inbound, dispatch,
 * feedback) wait in Lambda's queue and are retried; web requests over it get a 429.
 * Off (COFFEECHAT_RESERVED_CONCURRENCY=off) for accounts whose concurrency quota is still 10:
 * Lambda refuses any reservation that leaves fewer than 100 unreserved.
 */
export const reservedConcurrency = {
  inbound: 5,
  dispatch: 5,
  sweep: 1,
  web: 10,
  feedback: 2,
} as const satisfies Record<FunctionKey, number>;
