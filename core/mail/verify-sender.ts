import { arc } from "mailauth/lib/arc/index.js";
import { dkimVerify } from "mailauth/lib/dkim/verify.js";
import type { TxtResolver } from "../ports.js";
import { alignedRelaxed } from "./organisational-domain.js";

/**
 * Sender authentication when SES did not report DMARC PASS: the DKIM signatures are verified
 * here (mailauth), and only a signature that verifies, signs From, covers the whole body with a
 * current algorithm and whose d= aligns with From's organisational domain speaks for From.
 * A header that merely says `d=…` proves nothing. Loaded on first use: mail that passed DMARC
 * at SES never loads it.
 */

/** What one DKIM-Signature header proved, as mailauth verified it. */
export interface SignatureCheck {
  /** The d= tag, lower-cased. */
  domain: string;
  selector: string;
  algorithm: string;
  /** mailauth's result: pass, fail, neutral (e.g. body hash mismatch, no key), policy, temperror, none. */
  result: string;
  comment: string | null;
  /** The header fields h= covers, lower-cased (RFC 6376 §5.4: From must be among them). */
  signedFields: string[];
  /** No l= limit leaving part of the body unsigned (text appended after signing). */
  coversBody: boolean;
}

/** Which check a mail that is not trusted failed, for the refusal record and the log. */
export type FailedCheck =
  /** No DKIM-Signature header at all. */
  | "dkim_none"
  /** Signatures, none of which verifies (forged, altered, no key, bad syntax). */
  | "dkim_invalid"
  /** A verified signature whose d= is not From's organisational domain. */
  | "dkim_unaligned"
  /** An aligned, verified signature whose h= leaves the sender's field (From, or Resent-From) unsigned. */
  | "dkim_from_unsigned"
  /** An aligned, verified signature with l= shorter than the body. */
  | "dkim_partial_body"
  /** An aligned, verified signature with rsa-sha1 (RFC 8301: not to be trusted). */
  | "dkim_weak_algorithm";

export type SenderVerdict =
  | { trusted: true; by: "dkim_aligned" | "arc_trusted_sealer"; domain: string }
  | { trusted: false; failed: FailedCheck; signedBy: string[] };

/** DNS said "try again" for a signature that could have decided: the mail should be retried. */
export class DnsTemporaryError extends Error {
  constructor(readonly domain: string) {
    super(`DNS lookup for a DKIM key of ${domain} failed temporarily`);
    this.name = "DnsTemporaryError";
  }
}

export interface VerifyOptions {
  resolver: TxtResolver;
  /** ARC sealers the operator trusts (ARC-Seal d=); empty: ARC is not consulted. */
  trustedArcSealers: readonly string[];
  now: Date;
  /** The header naming the sender: From, or Resent-From for a redirect. */
  senderField?: "from" | "resent-from";
}

/** The fields of a mailauth DKIM result read here (its published types leave most out). */
interface MailauthSignature {
  signingDomain?: string;
  selector?: string;
  algo?: string;
  status: { result: string; comment?: string; underSized?: number };
  signingHeaders?: { keys: string };
  canonBodyLengthLimited?: boolean;
  canonBodyLength?: number;
  canonBodyLengthTotal?: number;
}

type Verified = Awaited<ReturnType<typeof dkimVerify>>;

type MailauthResolver = ReturnType<typeof mailauthResolver>;

async function verifyDkim(raw: Uint8Array, resolver: MailauthResolver, now: Date): Promise<Verified> {
  return dkimVerify(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    resolver,
    curTime: now,
  } as Parameters<typeof dkimVerify>[1]);
}

/** Every DKIM-Signature header of the mail, verified (keys looked up through `resolver`). */
export async function checkSignatures(raw: Uint8Array, options: VerifyOptions): Promise<SignatureCheck[]> {
  return signaturesOf(await verifyDkim(raw, mailauthResolver(options.resolver), options.now));
}

function signaturesOf(verified: Verified): SignatureCheck[] {
  return (verified.results as unknown as MailauthSignature[])
    .filter((r) => r.signingDomain !== undefined)
    .map((r) => ({
      domain: (r.signingDomain ?? "").toLowerCase(),
      selector: r.selector ?? "",
      algorithm: (r.algo ?? "").toLowerCase(),
      result: r.status.result,
      comment: r.status.comment ?? null,
      signedFields: (r.signingHeaders?.keys ?? "").split(":").map((key) => key.trim().toLowerCase()),
      coversBody:
        !r.canonBodyLengthLimited ||
        (r.canonBodyLength !== undefined && r.canonBodyLength === r.canonBodyLengthTotal),
    }));
}

/**
 * Is `from` (the one From address, already checked to be a single header with one mailbox)
 * authenticated by the mail's own signatures, or by an ARC chain sealed by a trusted sealer?
 */
export async function verifySender(
  raw: Uint8Array,
  from: string,
  options: VerifyOptions,
): Promise<SenderVerdict> {
  const fromDomain = from.slice(from.lastIndexOf("@") + 1).toLowerCase();
  const resolver = mailauthResolver(options.resolver);
  const verified = await verifyDkim(raw, resolver, options.now);
  const verdict = judgeSignatures(signaturesOf(verified), fromDomain, options.senderField ?? "from");
  if (verdict.trusted || options.trustedArcSealers.length === 0) return verdict;
  const sealer = await trustedArcSealer(verified, fromDomain, options.trustedArcSealers, resolver);
  return sealer ? { trusted: true, by: "arc_trusted_sealer", domain: sealer } : verdict;
}

/**
 * The DKIM policy alone, on verified signatures. Throws DnsTemporaryError when only a key lookup
 * that failed for now stands between the mail and an aligned signature.
 */
function judgeSignatures(
  signatures: SignatureCheck[],
  fromDomain: string,
  senderField: string,
): SenderVerdict {
  const passed = signatures.filter((s) => s.result === "pass");
  const signedBy = [...new Set(passed.map((s) => s.domain))];
  const aligned = passed.filter((s) => alignedRelaxed(s.domain, fromDomain));
  const signsSender = (s: SignatureCheck) => s.signedFields.includes(senderField);
  const good = aligned.find((s) => signsSender(s) && s.coversBody && !s.algorithm.endsWith("-sha1"));
  if (good) return { trusted: true, by: "dkim_aligned", domain: good.domain };

  const retry = signatures.find((s) => s.result === "temperror" && alignedRelaxed(s.domain, fromDomain));
  if (retry) throw new DnsTemporaryError(retry.domain);

  const failed: FailedCheck = aligned.some((s) => !signsSender(s))
    ? "dkim_from_unsigned"
    : aligned.some((s) => !s.coversBody)
      ? "dkim_partial_body"
      : aligned.length > 0
        ? "dkim_weak_algorithm"
        : passed.length > 0
          ? "dkim_unaligned"
          : signatures.length > 0
            ? "dkim_invalid"
            : "dkim_none";
  return { trusted: false, failed, signedBy };
}

/**
 * A valid ARC chain whose newest seal is by a sealer the operator lists, and whose
 * authentication results (what that sealer saw on receipt) say From passed DMARC, or carried a
 * DKIM pass aligned with From. Returns the sealer, or null.
 */
async function trustedArcSealer(
  verified: Verified,
  fromDomain: string,
  trustedSealers: readonly string[],
  resolver: MailauthResolver,
) {
  const chain = verified.arc as unknown as Parameters<typeof arc>[0] | undefined;
  const newest = chain?.lastEntry as { "arc-seal"?: { parsed?: { d?: { value?: string } } } } | undefined;
  if (!chain?.chain || !newest) return null;
  const sealer = String(newest["arc-seal"]?.parsed?.d?.value ?? "").toLowerCase();
  if (!trustedSealers.includes(sealer)) return null;
  const result = await arc(chain, { resolver });
  if (result.status.result !== "pass") return null;
  const seen = (result.authenticationResults ?? {}) as {
    dmarc?: { result?: string; header?: { from?: string } };
    dkim?: { result?: string; header?: { d?: string; i?: string } }[];
  };
  const dmarcPass = seen.dmarc?.result === "pass" && seen.dmarc.header?.from?.toLowerCase() === fromDomain;
  const dkimPass = (seen.dkim ?? []).some((d) => {
    const domain = d.header?.d ?? d.header?.i?.slice(d.header.i.lastIndexOf("@") + 1) ?? "";
    return d.result === "pass" && alignedRelaxed(domain, fromDomain);
  });
  return dmarcPass || dkimPass ? sealer : null;
}

/**
 * Key lookups per mail, DKIM and ARC together. RFC 6376 §6.1 lets a verifier limit the
 * signatures it tries: a mail stuffed with signatures (each with a correct body hash, so each
 * costs a lookup) cannot hold the function on slow name servers. Past it, a key counts as absent.
 */
export const MAX_KEY_LOOKUPS = 6;

/** mailauth asks `(name, "TXT")`; our port answers TXT only, within the mail's lookup budget. */
function mailauthResolver(resolve: TxtResolver) {
  let lookups = 0;
  return async (name: string, type: string): Promise<string[][]> => {
    if (type.toUpperCase() !== "TXT")
      throw Object.assign(new Error(`no ${type} lookups`), { code: "ENOTIMP" });
    if (++lookups > MAX_KEY_LOOKUPS)
      throw Object.assign(new Error("too many keys to look up for one mail"), { code: "ENODATA" });
    return resolve(name);
  };
}
