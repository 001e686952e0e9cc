import { describe, expect, it } from "vitest";
import { describeContact } from "../../core/drafts/format.js";
import { greeting, greetingName, signOff } from "../../core/drafts/names.js";

describe("greeting names", () => {
  it.each([
    [{ name: "Jane Doe", email: "jane@acme.com" }, "Hi Jane,"],
    [{ name: "jane", email: "jane@acme.com" }, "Hi,"],
    [{ name: "example", email: "example@example.com" }, "Hi,"],
    [{ name: "Acme", email: "info@acme.com" }, "Hi,"],
    [{ name: "jane.doe@acme.com", email: "jane.doe@acme.com" }, "Hi,"],
    [{ name: "acme.com", email: "x@acme.com" }, "Hi,"],
    [{ name: null, email: "jane@acme.com" }, "Hi,"],
    [{ name: "  ", email: "jane@acme.com" }, "Hi,"],
    [{ name: "José Álvarez", email: "jalvarez@acme.com" }, "Hi José,"],
  ])("%j → %j", (contact, expected) => {
    expect(greeting(contact)).toBe(expected);
  });

  it("never greets from the address when there is no contact", () => {
    expect(greeting(null)).toBe("Hi,");
    expect(greetingName({ name: null, email: "sam@example.com" })).toBeNull();
  });

  it("describes a contact whose name is only the mailbox by the address", () => {
    expect(describeContact({ name: "example", email: "example@example.com", company: null })).toBe(
      "example@example.com",
    );
  });
});

describe("signOff", () => {
  it("signs with the user's name, or with nothing rather than something wrong", () => {
    expect(signOff("Sam Seeker")).toBe("Best,\nSam Seeker");
    expect(signOff("Sam\r\nBcc: x@y")).toBe("Best,\nSam Bcc: x@y");
    expect(signOff(null)).toBe("Best,");
    expect(signOff("  ", "Hope all is well,")).toBe("Hope all is well,");
  });
});
