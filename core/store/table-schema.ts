/**
 * The single table, defined once for infra (SST) and the local stack.
 * Item layout (see store/keys.ts):
 *   USER#<id>        A#PROFILE | C#<email> | M#<meetingId> | P#<promptId> | I#<at>#<id> | X#<messageKey>
 *   ADDR#<address>   ADDR                  (sender → user)
 *   TOKEN#<sha256>   TOKEN                 (reply / confirm tokens)
 *   REFUSAL#<day>    <sesMessageId>        (mail we did not act on)
 * Prompts in state `scheduled` also carry gsi1pk = DUE#<yyyy-mm-dd>, gsi1sk = <dueAt>#<userId>#<promptId>.
 * The view index orders what the status page and calendar feed show, one small range per section:
 *   VIEW#<userId>#C#<stage>   <lastContactAt>#<email>   (contacts of one stage)
 *   VIEW#<userId>#M           <start>#<meetingId>       (meetings)
 *   VIEW#<userId>#P           <dueAt>#<promptId>        (prompts while `scheduled`)
 *   VIEW#<userId>#F           <stateChangedAt>#<promptId> (prompts failed and not sent again)
 *   VIEW#<userId>#H#<email>   <stateChangedAt>#<promptId> (every other prompt about that person)
 *   VIEW#<userId>#I#<email>   <at>#<interactionId>      (mails logged with that person)
 * Confirmations and answers carry `expiresAt` (epoch seconds): DynamoDB's TTL removes them.
 */
export const tableSchema = {
  partitionKey: "pk",
  sortKey: "sk",
  dueIndex: { name: "due-index", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  viewIndex: { name: "view-index", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ttlAttribute: "expiresAt",
} as const;
