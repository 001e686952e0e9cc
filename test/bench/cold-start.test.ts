import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { typicalInvitePath } from "../../bench/aws-calls.js";
import { type Exchange, ReplayBook, routeOf, signingService, waves } from "../../bench/aws-replay.js";
import { repoRoot } from "../../bench/build.js";
import { readWithRequiredParsers } from "../../bench/floors/mail-parsers.js";
import { type PlannedCall, replayCalls } from "../../bench/floors/replay-calls.js";
import { withRequiredLibraries } from "../../bench/floors/required-libraries.js";
import {
  dynamoCommands,
  s3Commands,
  schedulerCommands,
  sesCommands,
} from "../../bench/floors/sdk-commands.js";

const exchange = (route: string, body: string, answer: string, service = "dynamodb"): Exchange => ({
  service,
  route,
  body,
  response: { status: 200, headers: {}, body: Buffer.from(answer) },
});
const answerOf = (e: Exchange | null) => e?.response.body.toString() ?? null;

describe("the replay endpoint's matching", () => {
  it("reads the service from the SigV4 credential scope", () => {
    const auth =
      "AWS4-HMAC-SHA256 Credential=bench/20261125/us-east-1/scheduler/aws4_request, SignedHeaders=host, Signature=ab";
    expect(signingService(auth)).toBe("scheduler");
    expect(signingService(undefined)).toBeNull();
  });

  it("names a route by its JSON target, or by method and first path segment without the names in it", () => {
    expect(routeOf("POST", "/", "DynamoDB_20120810.Query")).toBe("DynamoDB_20120810.Query");
    expect(routeOf("POST", "/schedules/cc-prm_1", undefined)).toBe("POST /schedules");
    expect(routeOf("GET", "/schedules/cc-prm_2?groupName=coffeechat", undefined)).toBe("GET /schedules");
    expect(routeOf("GET", "/raw-mail/inbound/abc?x-id=GetObject", undefined)).toBe("GET /raw-mail");
  });

  it("answers each request with its own recorded answer, once, even when timestamps differ", () => {
    const q = "DynamoDB_20120810.Query";
    const book = new ReplayBook([
      exchange(
        q,
        '{"IndexName":"view","Values":{":p":"upcoming#","t":"2026-11-25T15:00:00.120Z"}}',
        "upcoming",
      ),
      exchange(q, '{"IndexName":"view","Values":{":p":"past#","t":"2026-11-25T15:00:00.120Z"}}', "past"),
      exchange("DynamoDB_20120810.GetItem", '{"Key":"usr_1"}', "user"),
    ]);
    // Sent concurrently in the other order, at another instant.
    expect(
      answerOf(
        book.take(
          "dynamodb",
          q,
          '{"IndexName":"view","Values":{":p":"past#","t":"2026-11-25T15:00:00.348Z"}}',
        ),
      ),
    ).toBe("past");
    expect(answerOf(book.take("dynamodb", "DynamoDB_20120810.GetItem", '{"Key":"usr_1"}'))).toBe("user");
    expect(book.unused().map((e) => e.response.body.toString())).toEqual(["upcoming"]);
    expect(answerOf(book.take("dynamodb", q, "{}"))).toBe("upcoming");
    // Nothing recorded is left for a call more, nor for another service's route.
    expect(book.take("dynamodb", q, "{}")).toBeNull();
    expect(book.take("ses", "POST /v2", "{}")).toBeNull();
  });

  it("prefers an identical body, then the earliest recorded", () => {
    const book = new ReplayBook([
      exchange("POST /schedules", '{"Name":"a"}', "first", "scheduler"),
      exchange("POST /schedules", '{"Name":"b"}', "second", "scheduler"),
    ]);
    expect(answerOf(book.take("scheduler", "POST /schedules", '{"Name":"b"}'))).toBe("second");
    expect(answerOf(book.take("scheduler", "POST /schedules", '{"Name":"z"}'))).toBe("first");
  });
});

describe("the waves a first call's AWS calls were sent in", () => {
  it("groups calls sent together and keeps calls sent after an answer apart", () => {
    const call = (name: string, startedAt: number, endedAt: number) => ({ name, startedAt, endedAt });
    const grouped = waves([
      call("get", 0, 10),
      call("query-a", 11, 20),
      call("query-b", 12, 25),
      call("query-c", 12, 22),
      call("send", 26, 40),
      call("mark", 41, 45),
    ]);
    expect(grouped.map((w) => w.map((c) => c.name))).toEqual([
      ["get"],
      ["query-a", "query-b", "query-c"],
      ["send"],
      ["mark"],
    ]);
  });
});

describe("the floor's replay of a first call", () => {
  class FakeCommand {
    constructor(readonly input: unknown) {}
  }
  const planned = (command: string, input: unknown, outcome = "ok"): PlannedCall => ({
    service: "DynamoDB",
    command,
    input,
    outcome,
  });

  it("sends every call, wave after wave, with its recorded input, and expects the recorded failures", async () => {
    const sent: unknown[] = [];
    const client = {
      async send(command: never) {
        const input = (command as FakeCommand).input as { fail?: string };
        sent.push(input);
        if (input.fail) throw Object.assign(new Error("no"), { name: input.fail });
        return {};
      },
    };
    const count = await replayCalls(
      { DynamoDB: { client, commands: { GetCommand: FakeCommand, PutCommand: FakeCommand } } },
      {
        documentClientOptions: {},
        waves: [
          [planned("GetCommand", { n: 1 })],
          [
            planned(
              "PutCommand",
              { n: 2, fail: "ConditionalCheckFailedException" },
              "ConditionalCheckFailedException",
            ),
          ],
        ],
      },
    );
    expect(count).toBe(2);
    expect(sent).toEqual([{ n: 1 }, { n: 2, fail: "ConditionalCheckFailedException" }]);
  });

  it("fails when a call ends otherwise than the handler's did, or cannot be sent", async () => {
    const client = { send: async () => ({}) };
    const services = { DynamoDB: { client, commands: { GetCommand: FakeCommand } } };
    await expect(
      replayCalls(services, {
        documentClientOptions: {},
        waves: [[planned("GetCommand", {}, "ResourceNotFoundException")]],
      }),
    ).rejects.toThrow(/ended ok; the handler's ended ResourceNotFoundException/);
    await expect(
      replayCalls(services, { documentClientOptions: {}, waves: [[planned("QueryCommand", {})]] }),
    ).rejects.toThrow(/cannot send DynamoDB QueryCommand/);
  });

  it("knows every SDK command the adapters send", () => {
    const known = new Set(
      Object.keys({ ...dynamoCommands, ...s3Commands, ...schedulerCommands, ...sesCommands }),
    );
    const sentByAdapters = new Set<string>();
    for (const file of sourceFiles(join(repoRoot, "core"))) {
      // Table creation is for deploys and the local stack, never a handler's call.
      if (file.endsWith("create-table.ts")) continue;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/[^"]+"/g)) {
        for (const name of (m[1] ?? "").split(",").map((s) => s.trim())) {
          if (/^\w+Command$/.test(name)) sentByAdapters.add(name);
        }
      }
    }
    expect(sentByAdapters.size).toBeGreaterThan(5);
    expect([...sentByAdapters].filter((name) => !known.has(name))).toEqual([]);
  });
});

describe("the information floors' library work", () => {
  it("reads the bench's invite through every required parser: the forward and its one event are found", async () => {
    const raw = new Uint8Array(readFileSync(typicalInvitePath));
    expect(await readWithRequiredParsers(raw)).toBe(2);
  });

  it("makes the floor's calls with the handler's arguments, then the library work, and counts the calls", async () => {
    const seen: unknown[] = [];
    const read: number[] = [];
    const firstCall = withRequiredLibraries(
      async (_plan, event: string) => {
        seen.push(event);
        return 3;
      },
      async (raw) => {
        read.push(raw.length);
        return 1;
      },
    );
    const plan = { documentClientOptions: {}, waves: [] };
    const input = { rawMail: new Uint8Array(5), zone: "Europe/Paris", nowMs: Date.UTC(2026, 11, 2) };
    expect(await firstCall(plan, input, "the event")).toBe(3);
    expect(seen).toEqual(["the event"]);
    expect(read).toEqual([5]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}
