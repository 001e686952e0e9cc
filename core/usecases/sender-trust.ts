import type { Deps } from "../deps.js";
import type { FailedCheck } from "../mail/verify-sender.js";
import type { User } from "../model/user.js";
import { AccountChanges } from "./account-changes.js";
import { userOnly } from "./account-slice.js";
import { commitChanges } from "./commit-changes.js";

export type SenderTrust =
  | { trusted: true; by: "dmarc_pass" | "dkim_aligned" | "arc_trusted_sealer" }
  | { trusted: false; failed: FailedCheck; signedBy: string[] };

/**
 * Is the sender's address their own? SES's DMARC PASS settles it for From (and nothing more is
 * loaded: most mail stops here). Otherwise the mail's DKIM signatures are verified here; see
 * verify-sender.ts. A redirect keeps the writer's From, which DMARC speaks for, so its sender
 * (Resent-From) is trusted only on a signature of their own domain that signs Resent-From.
 * SPF speaks for the envelope only, and SES's DKIM verdict does not say which signature passed.
 */
export async function authenticateSender(
  deps: Deps,
  mail: { sesMessageId: string; verdicts: { dmarc: string } },
  sender: string,
  raw: Uint8Array,
  redirected: boolean,
): Promise<SenderTrust> {
  if (mail.verdicts.dmarc === "PASS" && !redirected) return { trusted: true, by: "dmarc_pass" };
  const [{ verifySender, DnsTemporaryError }, { systemTxtResolver }] = await Promise.all([
    import("../mail/verify-sender.js"),
    import("../mail/system-dns.js"),
  ]);
  try {
    const verdict = await verifySender(raw, sender, {
      resolver: deps.dns ?? systemTxtResolver,
      // A forwarder's seal vouches for the writer's From, not for who redirected it.
      trustedArcSealers: redirected ? [] : deps.config.trustedArcSealers,
      now: deps.clock.now(),
      senderField: redirected ? "resent-from" : "from",
    });
    if (!verdict.trusted) return verdict;
    deps.log.info("mail.sender_trusted", { sesMessageId: mail.sesMessageId, check: verdict.by });
    return { trusted: true, by: verdict.by };
  } catch (error) {
    // The key of a signature that could decide did not resolve for now: SES's retry decides later.
    if (error instanceof DnsTemporaryError)
      deps.log.warn("mail.trust_deferred", { sesMessageId: mail.sesMessageId, check: "dkim_temperror" });
    throw error;
  }
}

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/**
 * The user's own address sent a mail that verifiably came through a real mail server, signed by
 * another domain than theirs: most likely their provider signs for itself, not for their domain
 * (or someone is using their address). They hear why, at most once a day: the day's marker is a
 * conditional write, so a flood of such mail sends one note. Only to the account's own
 * (confirmed) address, never to anything the mail names.
 */
export async function explainUnalignedMail(
  deps: Deps,
  user: User,
  from: string,
  signedBy: string[],
  sesMessageId: string,
): Promise<void> {
  const changes = new AccountChanges(userOnly(user), deps.clock.now(), deps.config.tokenKey);
  const key = `untrusted-notice:${changes.nowIso.slice(0, 10)}`;
  changes.putMarker({ key, at: changes.nowIso, sesMessageId, outcome: "refused", promptIds: [] });
  const signers = signedBy.filter((d) => DOMAIN.test(d) && d.length <= 253).slice(0, 3);
  const fromDomain = from.slice(from.lastIndexOf("@") + 1);
  changes.sendMessage(`refused:${key}`, "answer", {
    subject: "coffeechat: a mail from your address was not accepted",
    lines: [
      `A mail from your address arrived signed by ${signers.join(", ") || "another domain"}, not by ${fromDomain}, so I could not tell it was yours and did nothing with it.`,
      `If you sent it: your mail provider signs your mail with its own domain. Set up DKIM for ${fromDomain} with your provider (or a DMARC record for it), then send it again.`,
      "If you did not send it: someone else used your address; nothing changed.",
      "You get this note at most once a day.",
    ],
    to: null,
    attachExport: false,
  });
  await commitChanges(deps, changes, key);
}
