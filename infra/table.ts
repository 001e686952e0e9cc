import { tableSchema } from "../core/store/table-schema.js";

/**
 * The DynamoDB table's key layout in the shape of `sst.aws.Dynamo` arguments, derived from
 * core/store/table-schema.ts (defined once, shared with the local stack). Plain data.
 */
const { partitionKey, sortKey, dueIndex, viewIndex, ttlAttribute } = tableSchema;

export const tableDefinition = {
  fields: {
    [partitionKey]: "string",
    [sortKey]: "string",
    [dueIndex.partitionKey]: "string",
    [dueIndex.sortKey]: "string",
    [viewIndex.partitionKey]: "string",
    [viewIndex.sortKey]: "string",
  },
  primaryIndex: { hashKey: partitionKey, rangeKey: sortKey },
  globalIndexes: {
    [dueIndex.name]: { hashKey: dueIndex.partitionKey, rangeKey: dueIndex.sortKey },
    [viewIndex.name]: { hashKey: viewIndex.partitionKey, rangeKey: viewIndex.sortKey },
  },
  ttl: ttlAttribute,
} satisfies {
  fields: Record<string, "string" | "number" | "binary">;
  primaryIndex: { hashKey: string; rangeKey: string };
  globalIndexes: Record<string, { hashKey: string; rangeKey: string }>;
  ttl: string;
};

/**
 * Item-level actions the handlers need (transactions are authorised per item action).
 * No Scan: nothing on a request path scans (DESIGN §3).
 */
export const tableActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];
