import { Resolver } from "node:dns/promises";
import type { TxtResolver } from "../ports.js";

let resolver: Resolver | undefined;

/**
 * The system's DNS, for DKIM and ARC keys. Bounded: a sender's slow name server costs at most
 * two tries of two seconds, then the lookup fails as temporary (the mail is retried).
 */
export const systemTxtResolver: TxtResolver = (name) => {
  resolver ??= new Resolver({ timeout: 2_000, tries: 2 });
  return resolver.resolveTxt(name);
};
