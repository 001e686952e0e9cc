import { resolve } from "node:path";
import { EmailAddress } from "../core/model/email-address.js";
import { wholeNumber } from "../core/model/parse.js";
import { STORE_KINDS, type StoreKind } from "./store-choice.js";

/** Where each local service listens, what data it keeps where, and who may use it. */
export interface StackSettings {
  host: string;
  dataDir: string;
  users: string[];
  ports: StackPorts;
  /** The store COFFEECHAT_STORE asks for; unset, `npm start` chooses by whether Java is found. */
  store?: StoreKind;
}

export interface StackPorts {
  smtp: number;
  web: number;
  ses: number;
  dynamodb: number;
  s3: number;
  scheduler: number;
  control: number;
}

/** Each port, its default and the variable that overrides it. */
export const PORT_VARIABLES: Record<keyof StackPorts, { envVar: string; fallback: number; service: string }> =
  {
    smtp: { envVar: "COFFEECHAT_SMTP_PORT", fallback: 2525, service: "SMTP inbox" },
    web: { envVar: "COFFEECHAT_WEB_PORT", fallback: 3000, service: "web" },
    ses: { envVar: "COFFEECHAT_SES_PORT", fallback: 8005, service: "SES outbox" },
    dynamodb: { envVar: "COFFEECHAT_DYNAMODB_PORT", fallback: 8000, service: "DynamoDB Local" },
    s3: { envVar: "COFFEECHAT_S3_PORT", fallback: 4568, service: "S3 (s3rver)" },
    scheduler: { envVar: "COFFEECHAT_SCHEDULER_PORT", fallback: 8007, service: "scheduler emulator" },
    control: { envVar: "COFFEECHAT_CONTROL_PORT", fallback: 8006, service: "clock control" },
  };

/** A port number, given as a number or as text (anything `Number()` reads). */
const Port = wholeNumber(1, 65_535);

export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

/** Reads COFFEECHAT_* variables once; a bad value is a one-line error naming the variable. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): StackSettings {
  const ports = {} as StackPorts;
  for (const [key, { envVar, fallback }] of Object.entries(PORT_VARIABLES) as [
    keyof StackPorts,
    (typeof PORT_VARIABLES)[keyof StackPorts],
  ][]) {
    const raw = env[envVar];
    const parsed = Port.safeParse(raw === undefined || raw === "" ? fallback : raw);
    if (!parsed.success) throw new SettingsError(`${envVar}=${raw} is not a port number (1-65535)`);
    ports[key] = parsed.data;
  }
  const taken = new Map<number, string>();
  for (const [key, port] of Object.entries(ports)) {
    const other = taken.get(port);
    if (other) throw new SettingsError(`${other} and ${key} are both set to port ${port}`);
    taken.set(port, key);
  }
  const users = (env.COFFEECHAT_USERS ?? "you@example.com")
    .split(",")
    .map((u) => u.trim().toLowerCase())
    .filter(Boolean);
  for (const user of users) {
    if (!EmailAddress.safeParse(user).success)
      throw new SettingsError(`COFFEECHAT_USERS: "${user}" is not an email address`);
  }
  if (users.length === 0) throw new SettingsError("COFFEECHAT_USERS lists nobody");
  const store = env.COFFEECHAT_STORE?.trim().toLowerCase() || undefined;
  if (store !== undefined && !STORE_KINDS.includes(store as StoreKind)) {
    throw new SettingsError(
      `COFFEECHAT_STORE=${env.COFFEECHAT_STORE} is not one of ${STORE_KINDS.join(", ")}`,
    );
  }
  return {
    host: "127.0.0.1",
    dataDir: resolve(cwd, env.COFFEECHAT_DATA_DIR || ".local-data"),
    users,
    ports,
    ...(store ? { store: store as StoreKind } : {}),
  };
}
