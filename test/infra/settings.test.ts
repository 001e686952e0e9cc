import { describe, expect, it } from "vitest";
import { resourceNames } from "../../infra/names.js";
import {
  mailFromDomainOf,
  parseMailDomain,
  parseUsers,
  stageMailDomain,
  stageSettings,
  webDomainOf,
} from "../../infra/settings.js";

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
      webSubdomain: null,
      webCertArn: null,
      reservedConcurrency: true,
      tokenKeyVersion: "1",
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
    ["COFFEECHAT_WEB_SUBDOMAIN", "a.b"],
    ["COFFEECHAT_WEB_CERT_ARN", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"],
    ["COFFEECHAT_RESERVED_CONCURRENCY", "maybe"],
    ["COFFEECHAT_TOKEN_KEY_VERSION", "two words"],
    ["COFFEECHAT_TRUSTED_ARC_SEALERS", "google.com, not a domain!"],
  ])("refuse %s=%s, naming the variable", (name, value) => {
    expect(() => stageSettings({ [name]: value })).toThrow(name);
  });

  it("read the web domain, the concurrency cap and the token key version", () => {
    expect(
      stageSettings({
        COFFEECHAT_WEB_SUBDOMAIN: "links",
        COFFEECHAT_RESERVED_CONCURRENCY: "off",
        COFFEECHAT_TOKEN_KEY_VERSION: "2",
      }),
    ).toMatchObject({ webSubdomain: "links", reservedConcurrency: false, tokenKeyVersion: "2" });
  });

  it("refuse a web domain with manual DNS and no certificate, saying what is missing", () => {
    expect(() => stageSettings({ COFFEECHAT_WEB_SUBDOMAIN: "@", COFFEECHAT_DNS: "manual" })).toThrow(
      /COFFEECHAT_WEB_CERT_ARN/,
    );
    expect(
      stageSettings({
        COFFEECHAT_WEB_SUBDOMAIN: "@",
        COFFEECHAT_DNS: "manual",
        COFFEECHAT_WEB_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/0b1c-22",
      }).webCertArn,
    ).toBe("arn:aws:acm:us-east-1:123456789012:certificate/0b1c-22");
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

describe("the mail domain of a stage", () => {
  it("is the MailDomain secret itself for prod, and a subdomain of it for any other stage", () => {
    expect(stageMailDomain("coffee.example.com", "prod")).toBe("coffee.example.com");
    expect(stageMailDomain("coffee.example.com", "staging")).toBe("staging.coffee.example.com");
    // `sst dev` deploys the personal stage named after the user.
    expect(stageMailDomain("coffee.example.com", "alice")).toBe("alice.coffee.example.com");
  });

  it("refuses a stage whose name cannot be a domain label, before anything is created", () => {
    for (const stage of ["feature/x", "Alice", "-dev", "a_b", "x".repeat(64)]) {
      expect(() => stageMailDomain("coffee.example.com", stage), stage).toThrow(/stage/);
    }
  });

  it("never gives two stages the same domain, nor a non-prod stage prod's", () => {
    const stages = ["prod", "dev", "staging", "alice", "bob"];
    const domains = stages.map((stage) => stageMailDomain("coffee.example.com", stage));
    expect(new Set(domains).size).toBe(stages.length);
    expect(domains.filter((d) => d === "coffee.example.com")).toEqual(["coffee.example.com"]);
  });

  it("puts MAIL FROM on bounce.<domain> and the web on the chosen host", () => {
    expect(mailFromDomainOf("dev.coffee.example.com")).toBe("bounce.dev.coffee.example.com");
    expect(webDomainOf({ webSubdomain: null }, "coffee.example.com")).toBeNull();
    expect(webDomainOf({ webSubdomain: "@" }, "coffee.example.com")).toBe("coffee.example.com");
    expect(webDomainOf({ webSubdomain: "links" }, "dev.coffee.example.com")).toBe(
      "links.dev.coffee.example.com",
    );
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
