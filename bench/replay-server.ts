import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Exchange, ReplayBook, routeOf, signingService } from "./aws-replay.js";

/**
 * The one AWS endpoint of the cold-start benchmark (every service's AWS_ENDPOINT_URL_* points
 * here). Recording: DynamoDB requests go on to DynamoDB Local, S3 hands out the raw mail, and
 * Scheduler and SES v2 answer as AWS does for a new schedule and a sent mail; every exchange is
 * kept under the scenario the warm-up run names (`POST /__bench/begin?scenario=…`, `/__bench/end`).
 * Replaying: each request gets the answer recorded for it (ReplayBook), nothing else is reached.
 */
export interface ReplayServer {
  url: string;
  /** What each scenario exchanged while recording. */
  recorded: Map<string, Exchange[]>;
  /** Answer from `scenario`'s recording from now on. */
  replay(scenario: string): void;
  /** Ends a replay: the requests no recorded answer matched, and the recorded answers nobody asked for. */
  finish(): { unmatched: string[]; unused: string[] };
  close(): Promise<void>;
}

export async function startReplayServer(options: {
  dynamoEndpoint: string;
  rawMail: Uint8Array;
}): Promise<ReplayServer> {
  const recorded = new Map<string, Exchange[]>();
  let recording: Exchange[] | null = null;
  let book: ReplayBook | null = null;
  let unmatched: string[] = [];
  let sent = 0;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = req.url ?? "/";
    if (path.startsWith("/__bench/")) {
      if (path.startsWith("/__bench/begin")) {
        recording = [];
        recorded.set(new URL(path, "http://x").searchParams.get("scenario") ?? "", recording);
      } else recording = null;
      res.end();
      return;
    }
    const service = signingService(req.headers.authorization) ?? "unknown";
    const target = req.headers["x-amz-target"];
    const route = routeOf(req.method ?? "GET", path, typeof target === "string" ? target : undefined);
    const text = body.toString("utf8");
    let response: Exchange["response"] | null;
    if (book) {
      response = book.take(service, route, text)?.response ?? null;
      if (!response) unmatched.push(`${service} ${route}`);
    } else {
      response = await liveAnswer(service, req, path, body);
      recording?.push({ service, route, body: text, response });
    }
    if (!response) {
      // A client error, so that the SDK does not retry: the round fails on `unmatched`.
      res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "NoRecordedAnswer" });
      res.end(JSON.stringify({ message: `no recorded answer for ${service} ${route}` }));
      return;
    }
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }

  async function liveAnswer(
    service: string,
    req: IncomingMessage,
    path: string,
    body: Buffer,
  ): Promise<Exchange["response"]> {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
      status,
      headers: { "content-type": "application/json", ...headers },
      body: Buffer.from(JSON.stringify(value)),
    });
    const name = decodeURIComponent(path.split("?")[0]?.split("/")[2] ?? "");
    switch (`${service} ${req.method}`) {
      case "dynamodb POST":
        return forward(options.dynamoEndpoint, req, body);
      case "s3 GET": {
        // The one object there is: the raw mail SES stored, for a ranged GET as for a whole one.
        const raw = Buffer.from(options.rawMail);
        return {
          status: 206,
          headers: {
            "content-type": "application/octet-stream",
            "content-range": `bytes 0-${raw.byteLength - 1}/${raw.byteLength}`,
            etag: '"bench"',
          },
          body: raw,
        };
      }
      case "scheduler POST":
      case "scheduler PUT":
        return json(200, {
          ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/coffeechat/${name}`,
        });
      case "scheduler GET":
        return json(
          404,
          { Message: `Schedule ${name} does not exist.` },
          { "x-amzn-errortype": "ResourceNotFoundException" },
        );
      case "scheduler DELETE":
        return json(200, {});
      case "ses POST":
        return json(200, { MessageId: `bench-ses-${++sent}` });
      default:
        return json(
          400,
          { message: `the bench does not answer ${service} ${req.method} ${path}` },
          {
            "x-amzn-errortype": "NotAnsweredByBench",
          },
        );
    }
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    replay(scenario) {
      book = new ReplayBook(recorded.get(scenario) ?? []);
      unmatched = [];
    },
    finish() {
      const unused = (book?.unused() ?? []).map((e) => `${e.service} ${e.route}`);
      const result = { unmatched, unused };
      book = null;
      unmatched = [];
      return result;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The request as it came, to `endpoint`; the answer as it came back, headers included (DynamoDB's CRC32 of the body). */
function forward(endpoint: string, req: IncomingMessage, body: Buffer): Promise<Exchange["response"]> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const upstream = request(
      {
        hostname,
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `${hostname}:${port}`, "accept-encoding": "identity" },
      },
      (res) => {
        readBody(res).then((answer) => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) {
            if (
              value === undefined ||
              key === "connection" ||
              key === "transfer-encoding" ||
              key === "keep-alive"
            )
              continue;
            headers[key] = Array.isArray(value) ? value.join(", ") : value;
          }
          headers["content-length"] = String(answer.byteLength);
          resolve({ status: res.statusCode ?? 500, headers, body: answer });
        }, reject);
      },
    );
    upstream.on("error", reject);
    upstream.end(body);
  });
}
