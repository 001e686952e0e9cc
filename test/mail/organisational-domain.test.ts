import { describe, expect, it } from "vitest";
import { alignedRelaxed, organisationalDomain } from "../../core/mail/organisational-domain.js";

describe("organisational domains (public suffix list)", () => {
  it.each([
    ["example.com", "example.com"],
    ["Mail.Example.COM.", "example.com"],
    ["a.b.example.co.uk", "example.co.uk"],
    ["alice.github.io", "alice.github.io"],
    ["bücher.de", "xn--bcher-kva.de"],
    ["com", null],
    ["co.uk", null],
    ["github.io", null],
    ["192.0.2.1", null],
    ["", null],
    ["exa mple.com", null],
  ])("%s → %s", (domain, expected) => {
    expect(organisationalDomain(domain)).toBe(expected);
  });

  it("align relaxed on the organisational domain, never on a bare suffix or a string suffix", () => {
    expect(alignedRelaxed("mail.example.com", "example.com")).toBe(true);
    expect(alignedRelaxed("example.com", "eu.example.com")).toBe(true);
    expect(alignedRelaxed("com", "example.com")).toBe(false);
    expect(alignedRelaxed("co.uk", "example.co.uk")).toBe(false);
    expect(alignedRelaxed("bob.github.io", "alice.github.io")).toBe(false);
    expect(alignedRelaxed("ample.com", "example.com")).toBe(false);
    expect(alignedRelaxed("example.com.evil.test", "example.com")).toBe(false);
  });
});
