import { Resolver } from "node:dns/promises";
import type { TxtResolver } from "../ports.js";

let resolver: Resolver | undefined;

/**
 * The system's DNS, for DKIM and ARC keys. Bounded: a sender's slow name server costs at most
 * two tries of 1.5 seconds, then the lookup fails as temporary; with at most MAX_KEY_LOOKUPS per
 * mail (verify-sender.ts), DNS cannot hold the inbound function past its timeout.
 */
export const systemTxtResolver: TxtResolver = (name) => {
  resolver ??= new Resolver({ timeout: 1_500, tries: 2 });
  return resolver.resolveTxt(name);
};
