import type { AppConfig } from "./config.js";
import type { Clock, Logger, Mailer, PromptScheduler, RawMailStore, TxtResolver } from "./ports.js";
import type { Store } from "./store/store.js";

/** The ports a use case talks to the world through. Handlers build them once per cold start. */
export interface Deps {
  store: Store;
  scheduler: PromptScheduler;
  mailer: Mailer;
  rawMail: RawMailStore;
  clock: Clock;
  config: AppConfig;
  log: Logger;
  /** DNS for DKIM/ARC keys when mail did not pass DMARC at SES; the system resolver when absent. */
  dns?: TxtResolver;
}
