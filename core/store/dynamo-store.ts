import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Prompt } from "../model/prompt.js";
import { accountFrom, itemsFrom, keysOf } from "./account-items.js";
import { Expressions } from "./expressions.js";
import {
  accountRange,
  addressKey,
  contactKey,
  dueDayPartition,
  dueIndexEntry,
  dueUpTo,
  Entities,
  type Item,
  type ItemKey,
  markerKey,
  meetingKey,
  promptKey,
  refusalPartition,
  tokenKey,
  userKey,
} from "./keys.js";
import { transitionWrite } from "./prompt-transition.js";
import type { OverduePrompt, Page, Store } from "./store.js";
import { tableSchema } from "./table-schema.js";
import { type ViewQuery, viewListings, viewPage } from "./view-listings.js";
import { type PlannedWrite, planWrites } from "./write-plan.js";

/** A transaction that lost a race on its items (not on a condition) is tried again this often. */
const CONFLICT_ATTEMPTS = 5;

/** DynamoDB's own limit for one BatchGetItem. */
const BATCH_GET_MAX = 100;

/** How the document client must be built for this store: nested optional fields may be undefined. */
export const documentClientOptions = { marshallOptions: { removeUndefinedValues: true } } as const;

export function createDynamoStore(client: DynamoDBDocumentClient, tableName: string): Store {
  async function get(key: ItemKey): Promise<Item | null> {
    const out = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return out.Item ?? null;
  }

  async function queryAll(input: QueryCommandInput, limit = Number.POSITIVE_INFINITY): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const remaining = limit - items.length;
      const out = await client.send(
        new QueryCommand({
          ...input,
          ...(start ? { ExclusiveStartKey: start } : {}),
          ...(Number.isFinite(remaining) ? { Limit: remaining } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  }

  /** One page of the view index: at most `limit + 1` items read, eventually consistent. */
  async function viewQuery(q: ViewQuery): Promise<Page<Item>> {
    const { name, partitionKey, sortKey } = tableSchema.viewIndex;
    const bounded = q.bound !== null && q.bound !== "";
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: name,
        KeyConditionExpression: bounded
          ? `#p = :p AND #s ${q.order === "asc" ? ">" : "<"} :bound`
          : "#p = :p",
        ExpressionAttributeNames: { "#p": partitionKey, ...(bounded ? { "#s": sortKey } : {}) },
        ExpressionAttributeValues: { ":p": q.partition, ...(bounded ? { ":bound": q.bound } : {}) },
        ScanIndexForward: q.order === "asc",
        Limit: q.limit + 1,
      }),
    );
    return viewPage(out.Items ?? [], q.limit);
  }

  /** These items (missing ones left out, in no particular order), in BatchGetItems of at most 100 keys. */
  async function batchGet(keys: readonly ItemKey[], consistent: boolean): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let batch: Record<string, unknown>[] = keys.slice(i, i + BATCH_GET_MAX).map((key) => ({ ...key }));
      for (let attempt = 1; batch.length > 0; attempt++) {
        const out = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: { Keys: batch, ...(consistent ? { ConsistentRead: true } : {}) },
            },
          }),
        );
        found.push(...(out.Responses?.[tableName] ?? []));
        batch = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
        if (batch.length > 0) await pause(Math.min(attempt, 6));
      }
    }
    return found;
  }

  async function getPrompt(userId: string, promptId: string): Promise<Prompt | null> {
    const item = await get(promptKey(userId, promptId));
    return item ? Entities.prompt(userId).fromItem(item) : null;
  }

  return {
    async findUserIdByAddress(address) {
      const item = await get(addressKey(address));
      return item ? Entities.address.fromItem(item).userId : null;
    },

    async findToken(hash) {
      const item = await get(tokenKey(hash));
      return item ? Entities.token.fromItem(item) : null;
    },

    async loadAccount(userId) {
      const range = accountRange(userId);
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#pk": tableSchema.partitionKey, "#sk": tableSchema.sortKey },
        ExpressionAttributeValues: { ":pk": range.pk, ":from": range.from, ":to": range.to },
        ConsistentRead: true,
      });
      return accountFrom(userId, items);
    },

    getPrompt,

    async getUser(userId) {
      const item = await get(userKey(userId));
      return item ? Entities.user(userId).fromItem(item) : null;
    },

    async getContact(userId, email) {
      const item = await get(contactKey(userId, email));
      return item ? Entities.contact(userId).fromItem(item) : null;
    },

    async getMeeting(userId, meetingId) {
      const item = await get(meetingKey(userId, meetingId));
      return item ? Entities.meeting(userId).fromItem(item) : null;
    },

    async getItems(userId, keys) {
      const wanted = keysOf(userId, keys);
      return itemsFrom(userId, wanted.length ? await batchGet(wanted, true) : []);
    },

    async getMarker(userId, key) {
      const item = await get(markerKey(userId, key));
      return item ? Entities.marker(userId).fromItem(item) : null;
    },

    async commit(userId, ops) {
      const writes = planWrites(userId, ops);
      if (writes.length === 0) return { ok: true };
      const input: TransactWriteCommandInput = {
        TransactItems: writes.map((w) => transactItem(tableName, w)),
      };
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(new TransactWriteCommand(input));
          return { ok: true };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (reasons.includes("ConditionalCheckFailed")) return { ok: false, reason: "condition_failed" };
          // Another transaction held one of the items: nothing was written, so trying again is safe.
          if (reasons.includes("TransactionConflict") && attempt < CONFLICT_ATTEMPTS) {
            await pause(attempt);
            continue;
          }
          throw error;
        }
      }
    },

    async transitionPrompt(userId, promptId, from, patch) {
      if (from.length === 0) return null;
      const expr = new Expressions();
      const conditions = [
        `attribute_exists(${expr.name("pk")})`,
        expr.condition({ type: "in", attribute: "state", values: from }),
      ];
      let dueAt = patch.dueAt;
      if (patch.state === "scheduled" && dueAt === undefined) {
        // The index key needs the due time: read it, and only write if it is still the same.
        const stored = await getPrompt(userId, promptId);
        if (!stored) return null;
        dueAt = stored.dueAt;
        conditions.push(`${expr.name("dueAt")} = ${expr.value(dueAt)}`);
      }
      const write = transitionWrite(userId, promptId, patch, dueAt ?? "");
      const sets = [
        ...Object.entries(write.set).map(([field, value]) => `${expr.name(field)} = ${expr.value(value)}`),
        ...write.copy.map(
          ({ attribute, from, fallback }) =>
            `${expr.name(attribute)} = if_not_exists(${expr.name(from)}, ${expr.value(fallback)})`,
        ),
      ];
      const removes = write.remove.map((field) => expr.name(field));
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: promptKey(userId, promptId),
            UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
            ConditionExpression: conditions.join(" AND "),
            ...expr.attributes(),
            ReturnValues: "ALL_NEW",
          }),
        );
        return out.Attributes ? Entities.prompt(userId).fromItem(out.Attributes) : null;
      } catch (error) {
        if (errorName(error) === "ConditionalCheckFailedException") return null;
        throw error;
      }
    },

    async listOverdue(now, lookbackDays, limit) {
      const found: OverduePrompt[] = [];
      // Oldest day first: the longest overdue prompts are the first to be fired again.
      for (let back = Math.max(0, Math.floor(lookbackDays)); back >= 0 && found.length < limit; back--) {
        const day = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
        const items = await queryAll(
          {
            TableName: tableName,
            IndexName: tableSchema.dueIndex.name,
            KeyConditionExpression: "#p = :p AND #s <= :upTo",
            ExpressionAttributeNames: {
              "#p": tableSchema.dueIndex.partitionKey,
              "#s": tableSchema.dueIndex.sortKey,
            },
            ExpressionAttributeValues: { ":p": dueDayPartition(day), ":upTo": dueUpTo(now) },
          },
          limit - found.length,
        );
        for (const item of items) {
          const entry = dueIndexEntry(item);
          if (entry) found.push(entry);
        }
      }
      return found.slice(0, Math.max(0, limit));
    },

    async getContacts(userId, emails) {
      const contact = Entities.contact(userId);
      const keys = [...new Set(emails)].map((email) => contactKey(userId, email));
      const found = await batchGet(keys, false);
      return found.map((item) => contact.fromItem(item));
    },

    ...viewListings(viewQuery),

    async recordRefusal(refusal) {
      await client.send(new PutCommand({ TableName: tableName, Item: Entities.refusal.toItem(refusal) }));
    },

    async listRefusals(day) {
      const items = await queryAll({
        TableName: tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": tableSchema.partitionKey },
        ExpressionAttributeValues: { ":pk": refusalPartition(day) },
      });
      return items.map((item) => Entities.refusal.fromItem(item));
    },
  };
}

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

function transactItem(tableName: string, write: PlannedWrite): TransactItem {
  if (write.type === "delete") return { Delete: { TableName: tableName, Key: write.key } };
  if (!write.condition) return { Put: { TableName: tableName, Item: write.item } };
  const expr = new Expressions();
  const ConditionExpression = expr.condition(write.condition);
  return { Put: { TableName: tableName, Item: write.item, ConditionExpression, ...expr.attributes() } };
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** The per-item reason codes of a cancelled transaction ("None" for items that were fine). */
function cancellationReasons(error: unknown): string[] {
  if (errorName(error) !== "TransactionCanceledException") return [];
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? "None");
}

function pause(attempt: number): Promise<void> {
  const ms = Math.random() * 25 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
