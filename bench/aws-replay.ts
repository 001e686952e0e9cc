/**
 * How the cold-start benchmark answers AWS requests: every request a handler's first call sends
 * (and the floor's replay of it) gets the answer recorded for it in a warm-up run, so both talk
 * to the same endpoint and read the same bytes back.
 */

/** One HTTP request an SDK client sent in the warm-up run, and the answer it got. */
export interface Exchange {
  /** The SigV4 signing name: `dynamodb`, `s3`, `scheduler`, `ses`. */
  service: string;
  route: string;
  body: string;
  response: { status: number; headers: Record<string, string>; body: Buffer };
}

/** The signing name in `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, …`. */
export function signingService(authorization: string | undefined): string | null {
  return /Credential=[^/,]+\/\d{8}\/[^/,]+\/([^/,]+)\/aws4_request/.exec(authorization ?? "")?.[1] ?? null;
}

/**
 * What a request asks for, without the names in it: the JSON target for the JSON protocols
 * (DynamoDB), else the method and the path's first segment (`POST /schedules`, `GET /raw-mail`):
 * a schedule's or an object's name differs from run to run, the operation does not.
 */
export function routeOf(method: string, path: string, target: string | undefined): string {
  if (target) return target;
  const first = path.split("?")[0]?.split("/")[1] ?? "";
  return `${method} /${first}`;
}

/**
 * The recorded exchanges of one scenario, each answered once. A request takes the unused
 * exchange with the same service, route and body; failing that (ids and timestamps differ
 * between runs), the first unused one with the same service and route, in recorded order.
 */
export class ReplayBook {
  private readonly left: Exchange[];

  constructor(exchanges: readonly Exchange[]) {
    this.left = [...exchanges];
  }

  take(service: string, route: string, body: string): Exchange | null {
    const same = (e: Exchange) => e.service === service && e.route === route;
    let index = this.left.findIndex((e) => same(e) && e.body === body);
    if (index < 0) index = this.left.findIndex(same);
    if (index < 0) return null;
    return this.left.splice(index, 1)[0] ?? null;
  }

  /** The exchanges no request has taken yet. */
  unused(): readonly Exchange[] {
    return this.left;
  }
}

export interface TimedCall {
  startedAt: number;
  endedAt: number;
}

/**
 * The calls grouped as they were sent: a call joins the current wave when it started before any
 * call of that wave had returned (sent together, e.g. `Promise.all`), else it starts a new one.
 */
export function waves<T extends TimedCall>(calls: readonly T[]): T[][] {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const result: T[][] = [];
  let current: T[] = [];
  let firstEnd = Number.POSITIVE_INFINITY;
  for (const call of sorted) {
    if (current.length > 0 && call.startedAt >= firstEnd) {
      result.push(current);
      current = [];
      firstEnd = Number.POSITIVE_INFINITY;
    }
    current.push(call);
    firstEnd = Math.min(firstEnd, call.endedAt);
  }
  if (current.length > 0) result.push(current);
  return result;
}
