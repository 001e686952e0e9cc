import type { WriteOp } from "../../../core/store/store.js";
import { aContact } from "../../support/entities.js";

/** Transaction `n` of the crash test: four items in three partitions, all or none. */
export function crashTransaction(n: number): WriteOp[] {
  return [
    { op: "putContact", contact: aContact({ email: `c${n}@x.com`, notes: ["n".repeat(500)] }) },
    {
      op: "putMarker",
      marker: {
        key: `mid:${n}`,
        at: "2026-01-01T00:00:00Z",
        sesMessageId: null,
        outcome: "logged",
        promptIds: [],
        allPending: false,
      },
    },
    { op: "putAddress", address: `a${n}@x.com`, userId: "usr_crash", ifNew: true },
    {
      op: "putToken",
      token: {
        hash: crashTokenHash(n),
        userId: "usr_crash",
        kind: "reply",
        promptId: null,
        address: null,
        expiresAt: null,
      },
    },
  ];
}

export const crashTokenHash = (n: number) => String(n).padStart(64, "0");
