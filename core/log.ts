import type { Logger } from "./ports.js";

/** JSON lines for CloudWatch. Callers pass ids and codes only: never tokens or mail bodies. */
export const jsonLogger: Logger = {
  info: (message, fields) => write("info", message, fields),
  warn: (message, fields) => write("warn", message, fields),
  error: (message, fields) => write("error", message, fields),
};

function write(level: string, message: string, fields?: Record<string, unknown>) {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
