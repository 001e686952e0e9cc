import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import type { Envelope } from "./ses-event.js";

export interface SmtpInboxOptions {
  port: number;
  host?: string;
  /** The mail domain: the inbox is `log@<domain>`, replies go to `reply+<token>@<domain>`. */
  domain: string;
  maxBytes: number;
  /** Takes one accepted message. A throw answers the client with a temporary failure (451). */
  deliver: (raw: Buffer, envelope: Envelope) => Promise<void>;
}

export interface SmtpInbox {
  address: string;
  stop(): Promise<void>;
}

/** The local inbound address: plain SMTP (no TLS, no auth) that takes mail only for coffeechat's own addresses. */
export async function startSmtpInbox(options: SmtpInboxOptions): Promise<SmtpInbox> {
  const host = options.host ?? "127.0.0.1";
  const accepts = inboxMatcher(options.domain);
  const server = new SMTPServer({
    name: "coffeechat.localhost",
    banner: "coffeechat local inbox",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    hideSTARTTLS: true,
    size: options.maxBytes,
    maxClients: 20,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (accepts(address.address)) return callback();
      const error = new Error(`<${address.address.slice(0, 100)}>: no such mailbox here`) as Error & {
        responseCode: number;
      };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          const error = new Error(`message exceeds the ${options.maxBytes} byte limit`) as Error & {
            responseCode: number;
          };
          error.responseCode = 552;
          return callback(error);
        }
        const envelope: Envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          recipients: session.envelope.rcptTo.map((r) => r.address),
        };
        options.deliver(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (error: unknown) => {
            const failure = new Error(
              `could not store the message: ${error instanceof Error ? error.message : String(error)}`,
            ) as Error & {
              responseCode: number;
            };
            failure.responseCode = 451;
            callback(failure);
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", () => {}); // client-side socket errors must not bring the stack down
  return {
    address: `${host}:${options.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `log@<domain>` and `reply+<token>@<domain>`, case-insensitive as mail servers treat local parts. */
export function inboxMatcher(domain: string): (address: string) => boolean {
  const d = domain.toLowerCase();
  return (address) => {
    const lower = address.toLowerCase();
    const at = lower.lastIndexOf("@");
    if (at <= 0 || lower.slice(at + 1) !== d) return false;
    const local = lower.slice(0, at);
    return local === "log" || /^reply\+[a-z0-9]{1,200}$/.test(local);
  };
}
