import type { Server } from "node:http";

/** Stops a server now: kept-alive connections would otherwise hold `close` open for seconds. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
