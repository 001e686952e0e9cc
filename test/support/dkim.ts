import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { sealMessage } from "mailauth/lib/arc/index.js";
import { dkimSign } from "mailauth/lib/dkim/sign.js";
import type { TxtResolver } from "../../core/ports.js";

/** A signing key made in the test, and the TXT record publishing its public half. */
export interface TestKey {
  domain: string;
  selector: string;
  algorithm: "rsa-sha256" | "rsa-sha1" | "ed25519-sha256";
  privateKey: string;
  record: string;
}

export function makeKey(domain: string, selector = "s1", type: "rsa" | "ed25519" = "rsa"): TestKey {
  const pair =
    type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ed25519");
  const spki = pair.publicKey.export({ type: "spki", format: "der" });
  // RFC 8463: an Ed25519 record holds the bare 32-byte key; RSA records hold the SPKI structure.
  const p = (type === "rsa" ? spki : spki.subarray(spki.length - 32)).toString("base64");
  return {
    domain,
    selector,
    algorithm: type === "rsa" ? "rsa-sha256" : "ed25519-sha256",
    privateKey: (pair.privateKey as KeyObject).export({ type: "pkcs8", format: "pem" }).toString(),
    record: `v=DKIM1; k=${type}; p=${p}`,
  };
}

/** A DNS zone the test controls: keys published, anything else NXDOMAIN, chosen names failing for now. */
export class TestDns {
  readonly records = new Map<string, string[][]>();
  readonly failing = new Set<string>();
  readonly lookups: string[] = [];

  publish(key: TestKey): this {
    this.records.set(`${key.selector}._domainkey.${key.domain}`, [[key.record]]);
    return this;
  }

  set(name: string, txt: string): this {
    this.records.set(name.toLowerCase(), [[txt]]);
    return this;
  }

  readonly resolve: TxtResolver = async (name) => {
    const key = name.toLowerCase();
    this.lookups.push(key);
    if (this.failing.has(key))
      throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: "ETIMEOUT" });
    const found = this.records.get(key);
    if (!found) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return found;
  };
}

/** The message with a DKIM-Signature by `key` prepended, exactly as a sending server would. */
export async function signed(
  raw: string,
  key: TestKey,
  options: { at: Date; algorithm?: TestKey["algorithm"]; headerList?: string[]; bodyLength?: number },
): Promise<string> {
  const result = await dkimSign(raw, {
    signTime: options.at,
    // mailauth reads the list of signed fields as one colon-separated string, for all signatures.
    ...(options.headerList ? { headerList: options.headerList.join(":") } : {}),
    signatureData: [
      {
        signingDomain: key.domain,
        selector: key.selector,
        privateKey: key.privateKey,
        algorithm: options.algorithm ?? key.algorithm,
        canonicalization: "relaxed/relaxed",
        ...(options.bodyLength !== undefined ? { maxBodyLength: options.bodyLength } : {}),
      },
    ],
  } as Parameters<typeof dkimSign>[1]);
  if (result.errors.length > 0) throw result.errors[0];
  return result.signatures + raw;
}

/** The message as a forwarder or list would pass it on: ARC headers by `key` prepended. */
export async function arcSealed(raw: string, key: TestKey, authResults: string, at: Date): Promise<string> {
  const headers = await sealMessage(raw, {
    signingDomain: key.domain,
    selector: key.selector,
    privateKey: key.privateKey,
    algorithm: key.algorithm,
    authResults,
    cv: "none",
    signTime: at,
  } as Parameters<typeof sealMessage>[1]);
  return headers.toString() + raw;
}
