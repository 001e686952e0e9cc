/**
 * The event SES hands a receipt-rule Lambda action, built for a message the local SMTP inbox took in
 * (modelled on the real events in corpus/lambda). Local mail counts as authenticated: every verdict PASS.
 */
export interface SesReceiptEvent {
  Records: {
    eventSource: "aws:ses";
    eventVersion: "1.0";
    ses: {
      mail: {
        timestamp: string;
        source: string;
        messageId: string;
        destination: string[];
        headersTruncated: boolean;
        headers: { name: string; value: string }[];
        commonHeaders: {
          returnPath?: string;
          from?: string[];
          to?: string[];
          cc?: string[];
          messageId?: string;
          date?: string;
          subject?: string;
        };
      };
      receipt: {
        timestamp: string;
        processingTimeMillis: number;
        recipients: string[];
        spamVerdict: { status: "PASS" };
        virusVerdict: { status: "PASS" };
        spfVerdict: { status: "PASS" };
        dkimVerdict: { status: "PASS" };
        dmarcVerdict: { status: "PASS" };
        dmarcPolicy: "none";
        action: { type: "Lambda"; functionArn: string; invocationType: "Event" };
      };
    };
  }[];
}

export interface Envelope {
  /** MAIL FROM. */
  from: string;
  /** RCPT TO, in order. */
  recipients: string[];
}

/** SES keeps about 10 KB of headers in the event and sets `headersTruncated` past that. */
const MAX_EVENT_HEADER_BYTES = 10 * 1024;
/** Header block larger than this is not read at all: the handler reads the raw mail anyway. */
const MAX_SCANNED_HEADER_BYTES = 256 * 1024;

export function sesReceiptEvent(options: {
  raw: Uint8Array;
  envelope: Envelope;
  messageId: string;
  receivedAt: Date;
  functionArn: string;
}): SesReceiptEvent {
  const { headers, truncated } = readHeaders(options.raw);
  const first = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const all = (name: string) =>
    headers.filter((h) => h.name.toLowerCase() === name).flatMap((h) => splitAddressList(h.value));
  const timestamp = options.receivedAt.toISOString();
  const commonHeaders: SesReceiptEvent["Records"][number]["ses"]["mail"]["commonHeaders"] = {};
  if (options.envelope.from) commonHeaders.returnPath = options.envelope.from;
  if (first("from") !== undefined) commonHeaders.from = all("from");
  if (first("to") !== undefined) commonHeaders.to = all("to");
  if (first("cc") !== undefined) commonHeaders.cc = all("cc");
  const messageIdHeader = first("message-id");
  if (messageIdHeader !== undefined) commonHeaders.messageId = messageIdHeader;
  const date = first("date");
  if (date !== undefined) commonHeaders.date = date;
  const subject = first("subject");
  if (subject !== undefined) commonHeaders.subject = subject;
  return {
    Records: [
      {
        eventSource: "aws:ses",
        eventVersion: "1.0",
        ses: {
          mail: {
            timestamp,
            source: options.envelope.from,
            messageId: options.messageId,
            destination: options.envelope.recipients,
            headersTruncated: truncated,
            headers,
            commonHeaders,
          },
          receipt: {
            timestamp,
            processingTimeMillis: 1,
            recipients: options.envelope.recipients,
            spamVerdict: { status: "PASS" },
            virusVerdict: { status: "PASS" },
            spfVerdict: { status: "PASS" },
            dkimVerdict: { status: "PASS" },
            dmarcVerdict: { status: "PASS" },
            dmarcPolicy: "none",
            action: { type: "Lambda", functionArn: options.functionArn, invocationType: "Event" },
          },
        },
      },
    ],
  };
}

/** Unfolded header fields of the message's own header block, in order, bounded in size. */
function readHeaders(raw: Uint8Array): { headers: { name: string; value: string }[]; truncated: boolean } {
  const head = Buffer.from(raw.subarray(0, MAX_SCANNED_HEADER_BYTES)).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  const headers: { name: string; value: string }[] = [];
  let bytes = 0;
  let truncated = end === -1 && raw.length > MAX_SCANNED_HEADER_BYTES;
  for (const field of block.split(/\r?\n(?![ \t])/)) {
    const colon = field.indexOf(":");
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    const value = decodeUtf8(
      field
        .slice(colon + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    );
    bytes += name.length + value.length;
    if (bytes > MAX_EVENT_HEADER_BYTES) {
      truncated = true;
      break;
    }
    headers.push({ name, value });
  }
  return { headers, truncated };
}

/** Header bytes were read as latin1 to find boundaries safely; 8-bit headers are usually UTF-8. */
function decodeUtf8(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("utf8");
}

/** Splits an address header at top-level commas (not inside quotes, comments or angle brackets). */
export function splitAddressList(value: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  let depth = 0;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === "\\" && quoted) {
      current += c + (value[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"' && depth === 0) quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")" && depth > 0) depth--;
    else if (!quoted && depth === 0 && c === "<") angle = true;
    else if (!quoted && depth === 0 && c === ">") angle = false;
    if (c === "," && !quoted && depth === 0 && !angle) {
      if (current.trim()) out.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
