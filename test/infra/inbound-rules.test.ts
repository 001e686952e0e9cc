import { describe, expect, it } from "vitest";
import { activeRuleSetName, planInboundRules } from "../../infra/inbound-rules.js";

const base = {
  ownRuleSet: "coffeechat-prod-inbound",
  ruleName: "coffeechat-prod-inbox",
  region: "eu-west-1",
};

describe("where the receipt rule goes", () => {
  it("creates and activates its own set only when no set is active", () => {
    const plan = planInboundRules({ ...base, active: null });
    expect(plan).toMatchObject({ kind: "create-and-activate", ruleSet: "coffeechat-prod-inbound" });
    expect(plan.summary).toMatch(
      /No receipt rule set was active in eu-west-1: created coffeechat-prod-inbound/,
    );
  });

  it("adds its rule to someone else's active set and leaves that set alone", () => {
    const plan = planInboundRules({ ...base, active: "company-mail" });
    expect(plan).toMatchObject({ kind: "join-active", ruleSet: "company-mail" });
    expect(plan.summary).toMatch(/company-mail \(not created by this stage\) is active/);
    expect(plan.summary).toMatch(/left the set as it was/);
  });

  it("adds its rule to another coffeechat stage's active set (two stages, one Region)", () => {
    const plan = planInboundRules({
      ...base,
      ownRuleSet: "coffeechat-dev-inbound",
      active: "coffeechat-prod-inbound",
    });
    expect(plan).toMatchObject({ kind: "join-active", ruleSet: "coffeechat-prod-inbound" });
  });

  it("keeps its rule in the set an earlier deploy of this stage created and activated, and keeps owning that set", () => {
    const plan = planInboundRules({ ...base, active: "coffeechat-prod-inbound" });
    expect(plan).toMatchObject({ kind: "keep-own", ruleSet: "coffeechat-prod-inbound" });
    expect(plan.summary).toMatch(/coffeechat-prod-inbound \(created by this stage\) is active/);
  });
});

describe("reading the active set", () => {
  it("reads the provider's 'empty result' as none active", async () => {
    await expect(
      activeRuleSetName(() => Promise.reject(new Error("reading SES Active Receipt Rule Set: empty result"))),
    ).resolves.toBeNull();
  });

  it("returns the active set's name", async () => {
    await expect(activeRuleSetName(() => Promise.resolve({ ruleSetName: "company-mail" }))).resolves.toBe(
      "company-mail",
    );
  });

  it("stops the deploy on any other error rather than guess (guessing 'none' would replace a set)", async () => {
    await expect(
      activeRuleSetName(() => Promise.reject(new Error("AccessDenied: ses:DescribeActiveReceiptRuleSet"))),
    ).rejects.toThrow(/Could not read the active SES receipt rule set.*AccessDenied/);
  });
});
