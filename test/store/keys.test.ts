import { describe, expect, it } from "vitest";
import {
  accountRange,
  compareKeys,
  contactKey,
  dueIndexKey,
  Entities,
  interactionKey,
  markerKey,
  meetingKey,
  promptKey,
  userKey,
} from "../../core/store/keys.js";

const within = (sk: string, range: { from: string; to: string }) =>
  compareKeys(sk, range.from) >= 0 && compareKeys(sk, range.to) <= 0;

describe("the single-table keys", () => {
  const range = accountRange("usr_a");

  it("puts profile, contacts, interactions, meetings and prompts in one Query range, markers outside", () => {
    const inside = [
      userKey("usr_a"),
      contactKey("usr_a", "zzz\u{10ffff}@x.com"),
      interactionKey("usr_a", "2025-03-10T12:00:00.000Z", "int_1"),
      meetingKey("usr_a", "mtg_1"),
      promptKey("usr_a", "prm_zzzzzzzzzzzzzzzzzzzzzzzz"),
    ];
    for (const key of inside) {
      expect(key.pk).toBe(range.pk);
      expect(within(key.sk, range), key.sk).toBe(true);
    }
    expect(within(markerKey("usr_a", "mid:abc").sk, range)).toBe(false);
  });

  it("indexes a due time by its UTC day and instant, whatever offset it was written with", () => {
    expect(dueIndexKey("usr_a", { id: "prm_a", dueAt: "2025-03-10T08:00:00+09:00" })).toEqual({
      gsi1pk: "DUE#2025-03-09",
      gsi1sk: "2025-03-09T23:00:00.000Z#usr_a#prm_a",
    });
    expect(() => dueIndexKey("usr_a", { id: "prm_a", dueAt: "soon" })).toThrow(/not an ISO instant/);
  });

  it("stores a token's expiry as epoch seconds for TTL and reads back the ISO time", () => {
    const token = {
      hash: "h",
      userId: "usr_a",
      kind: "reply" as const,
      promptId: null,
      address: null,
      expiresAt: "2025-03-10T12:00:00.200Z",
    };
    const item = Entities.token.toItem(token);
    expect(item).toMatchObject({ pk: "TOKEN#h", sk: "TOKEN", expiresAt: 1741608001, _et: "token" });
    expect(Entities.token.fromItem(item)).toEqual(token);
  });

  it("reads back only the entity's own fields", () => {
    const item: Record<string, unknown> = {
      ...Entities.address.toItem({ address: "A@B.c", userId: "usr_a" }),
      extra: "ignored",
    };
    expect(item.pk).toBe("ADDR#a@b.c");
    expect(Entities.address.fromItem(item)).toEqual({ address: "A@B.c", userId: "usr_a" });
  });
});
