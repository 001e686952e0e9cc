import { describe, expect, it } from "vitest";
import { resourceNames } from "../../infra/names.js";
import { parseMailDomain, parseUsers, stageSettings } from "../../infra/settings.js";

describe("deploy settings", () => {
  it("default to UTC, 09:00, a 6-month cadence and 30 days of raw mail in us-east-1", () => {
    expect(stageSettings({})).toEqual({
      region: "us-east-1",
      dns: "route53",
      dmarc: "v=DMARC1; p=quarantine; adkim=s;",
      defaultTimeZone: "UTC",
      promptHour: 9,
      cadenceMonths: 6,
      rawMailRetentionDays: 30,
      alarmEmail: null,
      trustedArcSealers: [],
    });
  });

  it("read COFFEECHAT_* overrides and ignore empty ones", () => {
    const settings = stageSettings({
      COFFEECHAT_REGION: "eu-west-1",
      COFFEECHAT_DNS: "manual",
      COFFEECHAT_TIME_ZONE: "Europe/Berlin",
      COFFEECHAT_PROMPT_HOUR: "8",
      COFFEECHAT_CADENCE_MONTHS: "3",
      COFFEECHAT_RAW_MAIL_DAYS: "90",
      COFFEECHAT_ALARM_EMAIL: "ops@example.com",
      COFFEECHAT_DMARC: "",
      COFFEECHAT_TRUSTED_ARC_SEALERS: "Google.com, lists.example.org.",
    });
    expect(settings).toMatchObject({
      region: "eu-west-1",
      dns: "manual",
      defaultTimeZone: "Europe/Berlin",
      promptHour: 8,
      cadenceMonths: 3,
      rawMailRetentionDays: 90,
      alarmEmail: "ops@example.com",
      dmarc: "v=DMARC1; p=quarantine; adkim=s;",
      trustedArcSealers: ["google.com", "lists.example.org"],
    });
  });

  it.each([
    ["COFFEECHAT_TIME_ZONE", "Mars/Olympus"],
    ["COFFEECHAT_PROMPT_HOUR", "24"],
    ["COFFEECHAT_CADENCE_MONTHS", "0"],
    ["COFFEECHAT_RAW_MAIL_DAYS", "-1"],
    ["COFFEECHAT_DNS", "cloudflare"],
    ["COFFEECHAT_REGION", "mars-1"],
    ["COFFEECHAT_ALARM_EMAIL", "not an address"],
    ["COFFEECHAT_TRUSTED_ARC_SEALERS", "google.com, not a domain!"],
  ])("refuse %s=%s, naming the variable", (name, value) => {
    expect(() => stageSettings({ [name]: value })).toThrow(name);
  });

  it("say in English what a bad value should have been", () => {
    expect(() => stageSettings({ COFFEECHAT_DNS: "cloudflare", COFFEECHAT_PROMPT_HOUR: "noon" })).toThrow(
      'Invalid coffeechat settings — COFFEECHAT_DNS: expected ("route53" | "manual"); COFFEECHAT_PROMPT_HOUR: expected number',
    );
    expect(() => stageSettings({ COFFEECHAT_TIME_ZONE: "Mars/Olympus" })).toThrow(
      "COFFEECHAT_TIME_ZONE: an IANA time zone such as Europe/Berlin",
    );
    expect(() => stageSettings({ COFFEECHAT_DMARC: "p=none" })).toThrow(
      'COFFEECHAT_DMARC: expected "v=DMARC1…"',
    );
  });

  it("take the mail domain as a bare, lower-cased host name", () => {
    expect(parseMailDomain(" Coffee.Example.com. ")).toBe("coffee.example.com");
    for (const bad of ["log@example.com", "https://example.com", "example", "exa mple.com", ""]) {
      expect(() => parseMailDomain(bad)).toThrow(/not a domain name/);
    }
  });

  it("take users as a comma list of addresses, de-duplicated", () => {
    expect(parseUsers("You@Example.com, sam@work.com,you@example.com")).toEqual([
      "you@example.com",
      "sam@work.com",
    ]);
    expect(() => parseUsers("you@example.com, nope")).toThrow(/nope/);
    expect(() => parseUsers(" , ")).toThrow(/empty/);
  });
});

describe("resource names", () => {
  it("are derived from app and stage and valid for AWS", () => {
    expect(resourceNames("coffeechat", "prod")).toEqual({
      receiptRuleSet: "coffeechat-prod-inbound",
      receiptRule: "coffeechat-prod-inbox",
      scheduleGroup: "coffeechat-prod-prompts",
      dispatchFunction: "coffeechat-prod-prompt-due",
    });
    expect(resourceNames("coffeechat", "feature/x.y").scheduleGroup).toBe("coffeechat-feature-x-y-prompts");
  });

  it("refuse a stage too long for a Lambda function name", () => {
    expect(() => resourceNames("coffeechat", "s".repeat(60))).toThrow(/shorter stage name/);
  });
});
