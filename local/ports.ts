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

/**
 * A port free right now, for tests and the bench that start services beside others. Drawn at random
 * below the OS's ephemeral range (Linux starts at 32768, macOS and Windows at 49152): a port the OS
 * picks for `listen(0)` lies inside that range, where any outgoing connection of a parallel test
 * can take it between this check and the real bind.
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = PORT_FLOOR + Math.floor(Math.random() * (PORT_CEILING - PORT_FLOOR));
    if (handedOut.has(port)) continue;
    if (await canListen(host, port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${PORT_FLOOR} and ${PORT_CEILING} on ${host}`);
}

const PORT_FLOOR = 20_000;
const PORT_CEILING = 32_000;
/** Ports already given out in this process: each caller binds its own later, so never hand one out twice. */
const handedOut = new Set<number>();
