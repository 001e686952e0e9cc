import { createServer } from "node:net";

/** Thrown before anything starts when a port the stack needs is taken. */
export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
  constructor(
    readonly port: number,
    readonly service: string,
    readonly envVar: string,
  ) {
    super(`port ${port} (${service}) is already in use: stop what holds it or set ${envVar} to another port`);
  }
}

/** Checks every port can be bound on `host`, so a clash is reported before any service starts. */
export async function assertPortsFree(
  host: string,
  ports: { port: number; service: string; envVar: string }[],
): Promise<void> {
  for (const { port, service, envVar } of ports) {
    if (!(await canListen(host, port))) throw new PortInUseError(port, service, envVar);
  }
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now (for tests that start the stack beside others). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
