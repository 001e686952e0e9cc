import type { Server } from "node:http";
import * as sesLocal from "aws-ses-v2-local";

type SesServerStart = (config?: { host?: string; port?: number }) => Promise<Server>;

/**
 * Starts aws-ses-v2-local: the SES v2 API, whose sent mail its `/store` lists. The package is
 * CommonJS with `exports.default`: how that default surfaces depends on the loader.
 */
export async function startSesOutbox(host: string, port: number): Promise<Server> {
  const module = sesLocal as unknown as { default: SesServerStart | { default: SesServerStart } };
  const start = typeof module.default === "function" ? module.default : module.default.default;
  const server = await start({ host, port });
  if (!server.listening) throw new Error(`the SES outbox could not listen on ${host}:${port}`);
  return server;
}
