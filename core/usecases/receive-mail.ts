import type { Deps } from "../deps.js";
import { CoffeechatError, ErrorCode } from "../errors.js";
import { messageKey as keyOf, tokenHash } from "../ids.js";
import { parseMail } from "../mail/parse-mail.js";
import type { ParsedMail } from "../mail/parsed-mail.js";
import type { User } from "../model/user.js";
import type { RawMailRef } from "../ports.js";
import type { ItemKeys } from "../store/store.js";
import { userIdFor } from "../tokens.js";
import { AccountChanges } from "./account-changes.js";
import { type KnownItems, prepareUnit, userOnly } from "./account-slice.js";
import { commitChanges } from "./commit-changes.js";
import { intakeKeys, intakeReads, logIntake, logsNobody } from "./log-intake.js";
import { registerUser, userName } from "./register-user.js";
import { relayForwardingConfirmation } from "./relay-forwarding-confirmation.js";
import { authenticateSender, explainUnalignedMail } from "./sender-trust.js";

export interface InboundMail {
  sesMessageId: string;
  /** From as SES read it (commonHeaders): who to tell when the mail cannot even be parsed. */
  headerFrom: string[];
  /** Envelope recipients of this delivery (SES receipt.recipients). */
  recipients: string[];
  verdicts: { spf: string; dkim: string; dmarc: string; spam: string; virus: string };
  raw: RawMailRef;
}

export type InboundOutcome =
  | "logged"
  | "commands"
  | "duplicate"
  | "refused"
  | "answered"
  | "automatic"
  | "relayed";

/**
 * One received mail, end to end: trust, parse, route (intake, reply command, account command).
 * Anything refused is recorded with its reason (the raw mail stays in S3); only a verified user
 * ever gets an answer, so spoofed or unknown senders cause no backscatter.
 */
export async function receiveMail(deps: Deps, mail: InboundMail): Promise<InboundOutcome> {
  const refuse = (reason: string, userId: string | null = null) => recordRefusal(deps, mail, reason, userId);

  if (mail.verdicts.virus === "FAIL" || mail.verdicts.spam === "FAIL") return refuse(ErrorCode.Spam);

  const read = await deps.rawMail.read(mail.raw, deps.config.limits.maxBytes);
  if (!read.ok) {
    const mb = Math.ceil(read.size / (1024 * 1024));
    return refuseAndTell(deps, mail, `${ErrorCode.TooLarge}: ${read.size} bytes`, [
      `Your mail was ${mb} MB, more than I read (${deps.config.limits.maxBytes / (1024 * 1024)} MB), so nothing was logged.`,
      "Forward it again without attachments, or forward just the invite.",
    ]);
  }

  let parsed: ParsedMail;
  try {
    parsed = await parseMail(read.bytes, {
      userAddresses: [],
      mailDomain: deps.config.mailDomain,
      recipients: mail.recipients,
      limits: deps.config.limits,
    });
  } catch (error) {
    if (error instanceof CoffeechatError) {
      return refuseAndTell(deps, mail, `${error.code}: ${error.message}`, [
        `I couldn't read your mail (${error.message}), so nothing was logged.`,
        "Try forwarding it again, or forward just the invite.",
      ]);
    }
    throw error;
  }

  // A redirect is sent by whoever redirected it (Resent-From); anything else by its From.
  const sender = parsed.resentFrom ?? parsed.from;
  if (!sender) return refuse(`${ErrorCode.AmbiguousFrom}: ${parsed.fromProblem ?? "no single From address"}`);
  const trust = await authenticateSender(deps, mail, sender, read.bytes, parsed.resentFrom !== null);
  if (!trust.trusted) {
    const signed = trust.signedBy.length > 0 ? ` (verified signatures: ${trust.signedBy.join(", ")})` : "";
    const owner = trust.failed === "dkim_unaligned" ? (await existingUser(deps, sender))?.user : null;
    await recordRefusal(
      deps,
      mail,
      `${ErrorCode.Untrusted}: ${trust.failed}${signed}`,
      owner?.id ?? null,
      trust.failed,
    );
    if (owner) await explainUnalignedMail(deps, owner, sender, trust.signedBy, mail.sesMessageId);
    return "refused";
  }

  if (parsed.kind === "forwarding-confirmation") {
    const requester = parsed.forwardingConfirmation?.requester ?? null;
    const owner = requester ? (await findUser(deps, requester, null))?.user : null;
    // Only the registered user it names may see the code: anyone else could forward their mail here.
    if (!owner || !parsed.forwardingConfirmation)
      return refuse(`${ErrorCode.ForwardingUnmatched}: names no registered user`);
    const key = keyOf(parsed.messageId, mail.sesMessageId);
    const changes = new AccountChanges(userOnly(owner), deps.clock.now(), deps.config.tokenKey);
    relayForwardingConfirmation(changes, parsed.forwardingConfirmation, key, mail.sesMessageId);
    const outcome = await commitChanges(deps, changes, key);
    return outcome === "duplicate" ? "duplicate" : "relayed";
  }

  // A redirect keeps the writer's From: only a mail the user wrote names them.
  // A mail to log is about one person: read them with the user, on the first parse's word.
  const logs = !["reply", "command", "automatic"].includes(parsed.kind);
  const speculative = logs ? intakeKeys(parsed, userIdFor(deps.config.tokenKey, sender)) : {};
  const found = await findUser(
    deps,
    sender,
    parsed.resentFrom ? null : (parsed.fromName ?? null),
    speculative,
  );
  if (!found) return refuse(ErrorCode.UnknownSender);
  const { user } = found;

  // With the user known, parse again so that "the other person" excludes all of their addresses
  // and a forwarded date printed without a zone is read in theirs (the first parse knew only the
  // sender, and read such dates in UTC).
  const { addresses, timeZone } = user;
  if (addresses.length > 1 || addresses[0] !== sender || timeZone !== "UTC") {
    parsed = await parseMail(read.bytes, {
      userAddresses: addresses,
      timeZone,
      mailDomain: deps.config.mailDomain,
      recipients: mail.recipients,
      limits: deps.config.limits,
    });
  }
  const messageKey = keyOf(parsed.messageId, mail.sesMessageId);

  if (parsed.kind === "automatic") {
    // Logged, never answered and never run as commands: two robots must not answer each other.
    const changes = new AccountChanges(userOnly(user), deps.clock.now(), deps.config.tokenKey);
    changes.putMarker({
      key: messageKey,
      at: changes.nowIso,
      sesMessageId: mail.sesMessageId,
      outcome: `automatic: ${parsed.automatic ?? "machine-written"}`,
      promptIds: [],
    });
    const outcome = await commitChanges(deps, changes, messageKey);
    deps.log.info("mail.automatic", { sesMessageId: mail.sesMessageId, reason: parsed.automatic });
    return outcome === "duplicate" ? "duplicate" : "automatic";
  }

  if (parsed.kind === "reply" || parsed.kind === "command") {
    let promptId: string | null = null;
    if (parsed.kind === "reply") {
      const token = parsed.replyToken ? await deps.store.findToken(tokenHash(parsed.replyToken)) : null;
      if (!token || token.userId !== user.id || token.kind !== "reply") {
        return refuse(`${ErrorCode.InvalidToken}: reply address not issued to this sender`, user.id);
      }
      promptId = token.promptId;
    }
    // Only replies and commands load the command verbs: intake never runs them.
    const { parseCommands, runCommands } = await import("./command-path.js");
    const { commands, unknown } = parseCommands(parsed.commandText ?? "");
    const { outcome } = await runCommands(deps, {
      userId: user.id,
      promptId,
      commands,
      unknown,
      messageKey,
      channel: "mail",
    });
    return outcome === "duplicate" ? "duplicate" : "commands";
  }

  // The command list comes from the verb table: it loads only with mail that needs it.
  const help = logsNobody(parsed) ? (await import("./command-path.js")).helpLines() : [];
  for (let attempt = 1; ; attempt++) {
    const reads = intakeReads(parsed, user);
    // The speculative read holds for the first attempt only: a retry reads afresh.
    const first = attempt === 1 ? (found.known ?? undefined) : undefined;
    const unit = await prepareUnit(
      deps,
      user.id,
      reads,
      (changes) => {
        // The user writes again: whatever bounced is fixed.
        if (changes.user.bouncing) changes.setUser({ ...changes.user, bouncing: false });
        // Drafts are signed with the user's name: their From display name, until they set one with
        // `name`. A redirect's From is the writer's, not the user's.
        const ownName = parsed.resentFrom ? null : parsed.fromName;
        const learnedName = changes.user.name ? null : userName(ownName, changes.user.addresses[0] ?? "");
        if (learnedName) changes.setUser({ ...changes.user, name: learnedName });
        logIntake(changes, parsed, messageKey, mail.sesMessageId, help);
      },
      first,
    );
    if (!unit) return refuse(ErrorCode.UnknownSender);
    const { changes } = unit;
    const outcome = await commitChanges(deps, changes, messageKey);
    // A concurrent change to the same person (another mail about them): read again and redo.
    if (outcome === "conflict" && attempt < INTAKE_ATTEMPTS) continue;
    if (outcome === "conflict") throw new Error("intake conflicted with a concurrent change; retrying");
    return outcome === "duplicate" ? "duplicate" : parsed.kind === "unknown" ? "answered" : "logged";
  }
}

/** A mail that conflicts with concurrent changes this often fails, and its delivery is retried later. */
const INTAKE_ATTEMPTS = 3;

/** The sender's user, and what was read with them (null when found another way). */
interface Found {
  user: User;
  known: KnownItems | null;
}

/** The user whose address sent this; a configured user's first (authenticated) mail creates their account. */
async function findUser(
  deps: Deps,
  from: string,
  fromName: string | null,
  alsoRead: ItemKeys = {},
): Promise<Found | null> {
  const found = await existingUser(deps, from, alsoRead);
  if (found || !deps.config.users.includes(from)) return found;
  const registered = await registerUser(deps, from, fromName);
  const user = await deps.store.getUser(registered.userId);
  return user ? { user, known: null } : null;
}

/**
 * The user holding `from` as one of their confirmed addresses: the deterministic id first (one
 * read, with the items `alsoRead` names), the address index otherwise.
 */
async function existingUser(deps: Deps, from: string, alsoRead: ItemKeys = {}): Promise<Found | null> {
  const asked = { ...alsoRead, user: true };
  const items = await deps.store.getItems(userIdFor(deps.config.tokenKey, from), asked);
  if (items.user?.addresses.includes(from)) return { user: items.user, known: { asked, items } };
  const userId = await deps.store.findUserIdByAddress(from);
  const user = userId ? await deps.store.getUser(userId) : null;
  return user?.addresses.includes(from) ? { user, known: null } : null;
}

async function recordRefusal(
  deps: Deps,
  mail: InboundMail,
  reason: string,
  userId: string | null,
  /** The check that failed, when the reason's code alone does not say it. */
  check?: string,
): Promise<InboundOutcome> {
  await deps.store.recordRefusal({
    sesMessageId: mail.sesMessageId,
    at: deps.clock.now().toISOString(),
    reason,
    objectKey: mail.raw.key,
    userId,
  });
  deps.log.warn("mail.refused", {
    sesMessageId: mail.sesMessageId,
    reason: reason.split(":")[0],
    ...(check ? { check } : {}),
  });
  return "refused";
}

/**
 * A refusal we can explain: only when SES says From passed DMARC and it is one registered
 * address, the sender hears why; otherwise it is only recorded.
 */
async function refuseAndTell(
  deps: Deps,
  mail: InboundMail,
  reason: string,
  lines: string[],
): Promise<InboundOutcome> {
  const from = mail.headerFrom.length === 1 ? addressOf(mail.headerFrom[0] ?? "") : null;
  const user = from && mail.verdicts.dmarc === "PASS" ? (await findUser(deps, from, null))?.user : null;
  await recordRefusal(deps, mail, reason, user?.id ?? null);
  if (!user) return "refused";
  const changes = new AccountChanges(userOnly(user), deps.clock.now(), deps.config.tokenKey);
  const key = keyOf(null, mail.sesMessageId);
  changes.putMarker({
    key,
    at: changes.nowIso,
    sesMessageId: mail.sesMessageId,
    outcome: "refused",
    promptIds: [],
  });
  changes.sendMessage(`refused:${key}`, "answer", {
    subject: "coffeechat: nothing logged",
    lines,
    to: null,
    attachExport: false,
  });
  await commitChanges(deps, changes, key);
  return "refused";
}

function addressOf(header: string): string | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(header);
  const bare = angle?.[1] ?? /^\s*([^\s<>"]+@[^\s<>"]+)\s*$/.exec(header)?.[1] ?? null;
  return bare ? bare.toLowerCase() : null;
}
