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
 * exchange with the same service and route whose body shares the most JSON tokens (strings,
 * numbers, names) with its own, the earliest recorded on a tie: an identical body wins, and a
 * body that differs only in what changes from run to run (a timestamp, a new id) still finds
 * the answer to its own question among concurrent ones of the same route (the status page's
 * sections are all Queries).
 */
export class ReplayBook {
  private readonly left: Exchange[];

  constructor(exchanges: readonly Exchange[]) {
    this.left = [...exchanges];
  }

  take(service: string, route: string, body: string): Exchange | null {
    const asked = tokens(body);
    let best = -1;
    let bestScore = -1;
    this.left.forEach((e, index) => {
      if (e.service !== service || e.route !== route) return;
      const score = e.body === body ? Number.POSITIVE_INFINITY : shared(asked, tokens(e.body));
      if (score > bestScore) {
        best = index;
        bestScore = score;
      }
    });
    return best < 0 ? null : (this.left.splice(best, 1)[0] ?? null);
  }

  /** The exchanges no request has taken yet. */
  unused(): readonly Exchange[] {
    return this.left;
  }
}

function tokens(body: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of body.match(/"(?:[^"\\]|\\.)*"|[^\s{}[\],:"]+/g) ?? [])
    counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** The size of the multiset intersection. */
function shared(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [token, count] of a) n += Math.min(count, b.get(token) ?? 0);
  return n;
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
