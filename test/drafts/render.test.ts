import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../core/drafts/escape.js";
import { renderPrompt } from "../../core/drafts/render-prompt.js";
import type { PromptKind } from "../../core/model/prompt.js";
import { composePromptMail } from "../../core/usecases/compose-prompt-mail.js";
import { contact, meeting } from "../followup/helpers.js";
import { testConfig } from "../support/fake-deps.js";
import { alice, bob, context, decodeMailto, draftsInText, jane, janeMeeting, links } from "./fixtures.js";

const DRAFT_KINDS: PromptKind[] = ["thank_you", "referral_ask", "check_in", "nudge", "celebrate"];
const ALL_KINDS: PromptKind[] = [...DRAFT_KINDS, "prep", "move_on", "confirmation", "answer"];

describe("every prompt", () => {
  it.each(ALL_KINDS)("%s carries the footer: status link, reply commands, pause/unsubscribe", (kind) => {
    const mail = renderPrompt(
      context(kind, {
        prompt: { message: { subject: "Logged", lines: ["ok"], to: null, attachExport: false } },
      }),
    );
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(links.status);
      expect(part).toContain(links.unsubscribe);
      expect(part).toContain("snooze 3d");
      expect(part).toContain("pause");
    }
    expect(mail.text).toContain("referral: Name <email>");
    expect(mail.html).toContain("referral: Name &lt;email&gt;");
    expect(mail.html).toContain("mailto:reply%2Babc123@localhost?subject=done&amp;body=done");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    // No external assets in the HTML twin: nothing loads from anywhere.
    expect(mail.html).not.toMatch(/<(img|script|link|iframe|style)\b|\bsrc=/i);
  });

  it.each(DRAFT_KINDS)("%s has drafts whose mailto link decodes to exactly the draft shown", (kind) => {
    const mail = renderPrompt(context(kind, { now: "2027-02-01T10:00:00Z" }));
    const drafts = draftsInText(mail.text);
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      const decoded = decodeMailto(draft.link);
      expect(decoded.to).toBe(draft.to);
      expect(decoded.subject).toBe(draft.subject);
      expect(decoded.body).toBe(draft.body.replace(/\n/g, "\r\n"));
      expect(draft.link).toMatch(
        /^mailto:[A-Za-z0-9\-._~%]+@[A-Za-z0-9\-._~%]+\?subject=[A-Za-z0-9\-._~%]*&body=[A-Za-z0-9\-._~%]*$/,
      );
      expect(mail.html).toContain(`href="${escapeHtml(draft.link)}"`);
    }
  });
});

describe("prep", () => {
  const mail = renderPrompt(context("prep"));

  it("says who, when and where in the user's zone", () => {
    expect(mail.subject).toBe("Prep: Jane Doe (Acme), Thu 3 Dec 15:00 EST");
    expect(mail.text).toContain("Your chat with Jane Doe (Acme) is on Thu 3 Dec 15:00 EST.");
    expect(mail.text).toContain("Where: Blue Bottle, 5th Ave");
  });

  it("says who they are: company, context and the referral chain", () => {
    expect(mail.text).toContain("Works at Acme.");
    expect(mail.text).toContain("Director of Data Science at Acme; previously at Initech.");
    expect(mail.text).toContain(
      "You were referred by Bob Roe (Initech), whom you met through Alice Smith (Globex).",
    );
  });

  it("shows the user's notes, questions for the purpose, and the advice", () => {
    expect(mail.text).toContain("- Ask about the analytics guild");
    expect(mail.text).toContain("- She said the data team is hiring analysts in the spring");
    expect(mail.text).toContain("QUESTIONS TO ASK (LEARNING ABOUT A NEW FIELD)");
    expect(mail.text).toContain("What does a typical week look like for you at Acme?");
    expect(mail.text).toContain("Who else should I talk to? (Ask if you may mention that Jane sent you.)");
    for (const advice of [
      "Research them",
      "15–30 minutes",
      "on time",
      "Bring something to the table",
      "only if they ask",
      "offer to pay",
      "who else",
    ]) {
      expect(mail.text).toContain(advice);
    }
    expect(mail.html).toContain("<li");
  });

  it("in another user zone shows the meeting in that zone", () => {
    const ctx = context("prep");
    const tokyo = { ...ctx, user: { ...ctx.user, timeZone: "Asia/Tokyo" } };
    expect(renderPrompt(tokyo).subject).toBe("Prep: Jane Doe (Acme), Fri 4 Dec 05:00 GMT+9");
  });

  it("asks for notes and purpose when there are none, and still renders without the contact or meeting", () => {
    const bare = contact({ name: null, company: null });
    const plain = renderPrompt(context("prep", { contacts: [bare], meetings: [meeting()] }));
    expect(plain.text).toContain('Reply "notes: …"');
    expect(plain.text).toContain('"purpose: new field"');
    expect(plain.text).toContain("at your organisation");
    const orphan = renderPrompt(context("prep", { contacts: [], meetings: [] }));
    expect(orphan.subject).toBe("Prep: your contact");
  });
});

describe("thank-you", () => {
  it("is warm, same day, with a slot for one specific thing and the notes beside it, never in it", () => {
    const mail = renderPrompt(context("thank_you"));
    expect(mail.subject).toBe("Thank-you draft for Jane Doe (Acme)");
    expect(mail.text).toContain("Thu 3 Dec 15:00 EST");
    const [draft] = draftsInText(mail.text);
    expect(draft?.to).toBe("jane@acme.com");
    expect(draft?.subject).toBe("Thank you, Jane");
    expect(draft?.body).toContain("Hi Jane,");
    expect(draft?.body).toContain("today");
    expect(draft?.body).toContain("[one specific thing you told me]");
    expect(mail.text).toContain("handwritten card");
    // The notes are shown to the user beside the draft, and are in neither the draft nor its link.
    expect(mail.text).toContain(
      "Your notes, for you only (not in the draft):\n  · Ask about the analytics guild",
    );
    expect(mail.html).toContain("Ask about the analytics guild");
    for (const note of ["analytics guild", "hiring analysts"]) {
      expect(draft?.body).not.toContain(note);
      expect(decodeMailto(draft?.link ?? "").body).not.toContain(note);
    }
  });

  it("without notes, prompts the user to add one specific thing", () => {
    const mail = renderPrompt(context("thank_you", { contacts: [contact()], meetings: [meeting()] }));
    expect(draftsInText(mail.text)[0]?.body).toContain("[one specific thing you told me]");
    expect(mail.text).not.toContain("Your notes, for you only");
    expect(mail.text).toContain('reply "notes: …"');
  });

  it("is signed with the user's name, and with nothing when no name is known", () => {
    const named = context("thank_you");
    named.user = { ...named.user, name: "Sam Seeker" };
    expect(draftsInText(renderPrompt(named).text)[0]?.body.endsWith("Best,\nSam Seeker")).toBe(true);
    expect(draftsInText(renderPrompt(context("thank_you")).text)[0]?.body.endsWith("Best,")).toBe(true);
  });

  it("never greets a mailbox or a domain as a name", () => {
    const nameless = contact({ email: "example@example.com", name: "example", company: null });
    const mail = renderPrompt(
      context("thank_you", {
        contacts: [nameless],
        meetings: [meeting({ contactEmail: nameless.email })],
        prompt: { contactEmail: nameless.email },
      }),
    );
    const [draft] = draftsInText(mail.text);
    expect(draft?.body.startsWith("Hi,\n")).toBe(true);
    expect(draft?.subject).toBe("Thank you");
  });
});

describe("referral ask", () => {
  it("for a referred contact, opens with the referrer and names what to learn next, aiming at who hires", () => {
    const mail = renderPrompt(context("referral_ask"));
    const [draft] = draftsInText(mail.text);
    expect(draft?.subject).toBe("Who else should I talk to?");
    expect(draft?.body.split("\n")[2]).toBe(
      "Bob Roe put us in touch, and I'm glad they did: our conversation on Thu 3 Dec was a real help.",
    );
    expect(draft?.body).toContain("how people find their way into this field");
    expect(draft?.body).toContain("Who else do you think I should talk to?");
    expect(draft?.body).toContain("who hires for this kind of role at Acme");
    expect(mail.text).toContain('"fix: hiring manager"');
    expect(mail.text).toContain('"referral: Name <email>"');
  });

  it("for a direct contact, opens with thanks and follows the purpose", () => {
    const direct = { ...jane, referredBy: null, purpose: "move_up" as const };
    const [draft] = draftsInText(renderPrompt(context("referral_ask", { contacts: [direct] })).text);
    expect(draft?.body).toContain("Thank you again for our conversation on Thu 3 Dec");
    expect(draft?.body).not.toContain("put us in touch");
    expect(draft?.body).toContain("what the next step up looks like at Acme");
  });
});

describe("check-in", () => {
  it("suggests something useful, not 'just checking in', with a draft", () => {
    const met = { ...jane, stage: "met" as const, lastContactAt: "2026-12-03T20:30:00Z" };
    const mail = renderPrompt(
      context("check_in", { contacts: [met], now: "2027-06-03T13:00:00Z", prompt: { meetingId: null } }),
    );
    expect(mail.subject).toBe("A useful note for Jane Doe (Acme)");
    expect(mail.text).toContain("about 6 months since you were last in touch with Jane Doe (Acme)");
    expect(mail.text).toMatch(/article|report/);
    expect(mail.text).toContain("conference");
    const [draft] = draftsInText(mail.text);
    expect(draft?.body).toContain("[what we talked about / your work at Acme]");
    expect(draft?.body).not.toContain("hiring analysts");
    expect(decodeMailto(draft?.link ?? "").body).not.toContain("hiring analysts");
    expect(mail.text).toContain("  · She said the data team is hiring analysts in the spring");
    expect(draft?.body.toLowerCase()).not.toContain("just checking in");
  });
});

describe("nudge and move on", () => {
  const waiting = contact({ stage: "outreach", outreachAt: "2026-11-02T15:00:00Z" });

  it("nudge: a short follow-up draft naming the date of the first note", () => {
    const mail = renderPrompt(
      context("nudge", {
        contacts: [waiting],
        meetings: [],
        prompt: { meetingId: null },
        now: "2026-11-09T14:00:00Z",
      }),
    );
    expect(mail.subject).toBe("No answer from Jane Doe (Acme) yet: a short follow-up");
    expect(mail.text).toContain("You wrote to Jane Doe (Acme) on Mon 2 Nov");
    const [draft] = draftsInText(mail.text);
    expect(draft?.to).toBe("jane@acme.com");
    expect(draft?.body).toContain("follow up on my note from Mon 2 Nov");
    expect(draft?.body).toContain("at Acme");
  });

  it("move on: no answer, move on to others, and the contact is cold; no draft", () => {
    const mail = renderPrompt(
      context("move_on", {
        contacts: [{ ...waiting, stage: "cold" }],
        meetings: [],
        prompt: { meetingId: null },
      }),
    );
    expect(mail.subject).toBe("No answer from Jane Doe (Acme): time to move on");
    expect(mail.text).toContain("move on to others");
    expect(mail.text).toContain("Jane is now marked cold");
    expect(draftsInText(mail.text)).toEqual([]);
  });
});

describe("specifics each kind restates", () => {
  const outreach = {
    id: "int_1",
    at: "2026-11-02T15:00:00Z",
    kind: "outreach" as const,
    contactEmail: "jane@acme.com",
    subject: "Fwd: 20 minutes on data science?",
    messageKey: "mid:1",
  };

  it("the follow-up restates the original ask and its date", () => {
    const waiting = contact({ stage: "outreach", outreachAt: "2026-11-02T15:00:00Z" });
    const ctx = context("nudge", {
      contacts: [waiting],
      meetings: [],
      prompt: { meetingId: null },
      now: "2026-11-09T14:00:00Z",
    });
    ctx.account.interactions.push(outreach);
    const [draft] = draftsInText(renderPrompt(ctx).text);
    expect(draft?.subject).toBe("Re: 20 minutes on data science?");
    expect(draft?.body).toContain('follow up on my note from Mon 2 Nov ("20 minutes on data science?")');
  });

  it("the follow-up for a referred contact names the referrer and claims no note that was not sent", () => {
    const referred = contact({
      stage: "outreach",
      referredBy: "bob@initech.com",
      outreachAt: "2026-11-02T15:00:00Z",
    });
    const ctx = context("nudge", {
      contacts: [bob, referred],
      meetings: [],
      prompt: { meetingId: null },
      now: "2026-11-09T14:00:00Z",
    });
    const mail = renderPrompt(ctx);
    const [draft] = draftsInText(mail.text);
    expect(draft?.body).toContain("Bob Roe suggested I get in touch with you.");
    expect(draft?.body).not.toMatch(/my note|following up|follow up/i);
    // Once a mail to them is logged, the follow-up follows up on it and still names the referrer.
    ctx.account.interactions.push(outreach);
    const [after] = draftsInText(renderPrompt(ctx).text);
    expect(after?.body).toContain("I wanted to follow up on my note from Mon 2 Nov");
    expect(after?.body).toContain("Bob Roe suggested I get in touch with you.");
  });

  it("the prep carries the introducer, the ask, the event title and advice for a hiring manager", () => {
    const ctx = context("prep", { contacts: [alice, bob, { ...jane, hiringManager: true }] });
    ctx.account.interactions.push(outreach);
    const text = renderPrompt(ctx).text;
    expect(text).toContain("Event: Coffee");
    expect(text).toContain(
      "You were referred by Bob Roe (Initech), whom you met through Alice Smith (Globex).",
    );
    expect(text).toContain('Your first mail asked: "20 minutes on data science?"');
    expect(text).toContain("QUESTIONS TO ASK (WITH SOMEONE WHO COULD HIRE YOU)");
    expect(text).toContain("have a two-minute story of what you bring");
    expect(text).not.toContain("offer it only if they ask");
  });
});

describe("celebrate", () => {
  it("one good-news draft per person met, saying what their advice changed", () => {
    const met = meeting({
      id: "mtg_bob",
      contactEmail: "bob@initech.com",
      status: "met",
      notes: ["Learn SQL window functions"],
    });
    const noShow = meeting({ id: "mtg_x", contactEmail: "x@y.com", status: "no_show" });
    const stranger = contact({ email: "x@y.com", name: "Xavier", stage: "scheduled" });
    const future = meeting({
      id: "mtg_future",
      contactEmail: "zed@z.com",
      start: "2027-05-01T10:00:00Z",
      end: "2027-05-01T10:30:00Z",
    });
    const zed = contact({ email: "zed@z.com", name: "Zed", stage: "scheduled" });
    const janeScheduled = { ...jane, stage: "scheduled" as const };
    const mail = renderPrompt(
      context("celebrate", {
        contacts: [bob, janeScheduled, stranger, zed, { ...alice, stopped: true }],
        meetings: [janeMeeting, met, noShow, future],
        prompt: { contactEmail: null, meetingId: null },
        now: "2027-02-01T10:00:00Z",
      }),
    );
    expect(mail.subject).toBe("You landed at Acme: tell the people who helped");
    const drafts = draftsInText(mail.text);
    expect(drafts.map((d) => d.to)).toEqual(["bob@initech.com", "jane@acme.com"]);
    expect(drafts[0]?.body).toContain("Some good news: I've accepted a role at Acme!");
    expect(drafts[0]?.body).toContain("Your advice on [what they advised] made a real difference");
    expect(drafts[0]?.body).not.toContain("SQL window functions");
    expect(drafts[1]?.body).toContain("Hi Jane,");
    expect(drafts[1]?.body).not.toContain("analytics guild");
    // Each person's notes are beside their own draft.
    expect(mail.text).toContain(
      "  · Learn SQL window functions\n\n=== Draft: good news for Bob Roe (Initech) ===",
    );
    expect(mail.text).toContain("  · Ask about the analytics guild");
  });
});

describe("confirmation and answer", () => {
  it("render the stored lines as they are", () => {
    const lines = [
      "Logged: Jane Doe (Acme), coffee Thu 3 Dec 15:00 EST; prep arrives Wed 09:00",
      "",
      "Not understood: <b>fix</b>",
    ];
    const mail = renderPrompt(
      context("confirmation", {
        prompt: { message: { subject: "Logged: Jane Doe (Acme)", lines, to: null, attachExport: false } },
      }),
    );
    expect(mail.subject).toBe("Logged: Jane Doe (Acme)");
    expect(mail.text.startsWith(`${lines.join("\n")}\n\n`)).toBe(true);
    expect(mail.html).toContain("Not understood: &lt;b&gt;fix&lt;/b&gt;");
    expect(mail.html).not.toContain("<b>fix</b>");
  });

  it("an answer with no stored message still renders", () => {
    const mail = renderPrompt(context("answer"));
    expect(mail.subject).toBe("coffeechat");
    expect(mail.text).toContain(links.status);
  });
});

describe("rendering from the records read at send time", () => {
  it("finds the contact, meeting and referrer read by key, with nothing else of the account", () => {
    const ctx = context("referral_ask", { contacts: [], meetings: [] });
    const subject = {
      user: ctx.user,
      contact: jane,
      meeting: janeMeeting,
      referrer: bob,
      people: [],
      meetings: [],
    };
    const mail = composePromptMail(testConfig, ctx.prompt, subject, ctx.now, renderPrompt);
    expect(draftsInText(mail.text)[0]?.body).toContain("Bob Roe put us in touch");
  });
});
