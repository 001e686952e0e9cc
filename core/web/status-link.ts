import type { AppConfig } from "../config.js";
import { statusToken } from "../tokens.js";

/** The user's status page: the token in its path is the only key to it (see status-access.ts). */
export function statusPageUrl(
  config: Pick<AppConfig, "webUrl" | "tokenKey">,
  userId: string,
  statusTokenVersion: number,
): string {
  return `${config.webUrl}/s/${statusToken(config.tokenKey, userId, statusTokenVersion).token}`;
}
