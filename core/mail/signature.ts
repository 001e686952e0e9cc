import { cleanText, shorten } from "./text.js";

const SIGN_OFF =
  /^(best|best regards|best wishes|regards|kind regards|warm regards|warmly|thanks|thank you|many thanks|thanks again|cheers|sincerely|yours|all the best|talk soon|take care|cordialement|viele grüße|mit freundlichen grüßen|saludos)[\s,.!-]*$/i;
const QUOTE_START = /^(>|on\s.{1,300}wrote:\s*$|-{2,}\s*original message|_{8,}\s*$|from:\s)/i;
const MAX_SIGNATURE_LINES = 6;

/** The signature block of a mail body: lines after "-- " or after a sign-off near the end. */
export function signatureBlock(body: string): string[] {
  const lines = cleanText(body, 32 * 1024).split("\n");
  const quoteAt = lines.findIndex((l) => QUOTE_START.test(l.trim()));
  const own = (quoteAt >= 0 ? lines.slice(0, quoteAt) : lines).map((l) => l.trim());

  let start = own.findIndex((l, i) => (l === "--" || lines[i] === "-- ") && i > 0);
  if (start < 0) {
    const tail = Math.max(0, own.length - 20);
    for (let i = own.length - 1; i >= tail; i--) {
      if (SIGN_OFF.test(own[i] ?? "")) {
        start = i;
        break;
      }
    }
  }
  if (start < 0) return [];
  return own
    .slice(start + 1)
    .filter((l) => l !== "" && !/^sent from my /i.test(l))
    .slice(0, MAX_SIGNATURE_LINES);
}

const JOB_WORDS =
  /\b(engineer|manager|director|designer|recruiter|lead|head|vp|vice president|president|founder|co-founder|officer|analyst|scientist|consultant|partner|developer|product|marketing|sales|architect|researcher|professor|associate|coordinator|specialist|ceo|cto|cfo|coo)\b/i;

/** "Senior Engineer at Acme" / "Director of Sales, Acme Corp" in a signature → the company. */
export function companyFromSignature(lines: string[]): string | null {
  for (const line of lines.slice(0, 4)) {
    if (line.length > 120 || /https?:|@|\d{3}/.test(line)) continue;
    const at = /^(.{2,60}?)\s+(?:at|@)\s+([A-Z][\w&.' -]{1,50})$/.exec(line);
    if (at?.[1] && at[2] && JOB_WORDS.test(at[1])) return at[2].trim();
    const comma = /^(.{2,60}?),\s+([A-Z][\w&.' -]{1,50})$/.exec(line);
    if (comma?.[1] && comma[2] && JOB_WORDS.test(comma[1]) && !JOB_WORDS.test(comma[2]))
      return comma[2].trim();
  }
  return null;
}

/** A short plain-text summary for the prep note: the signature block, one line each. */
export function contextFromSignature(lines: string[]): string | null {
  // A bare name ("Jane") tells the prep note nothing.
  if (lines.length === 1 && (lines[0] ?? "").split(/\s+/).length <= 3 && !/\d/.test(lines[0] ?? ""))
    return null;
  const text = lines.join("\n").trim();
  return text ? shorten(text, 500) : null;
}

/**
 * The line where a calendar's generated block starts (Google's "-::~:~::~" above the Meet
 * details, Teams' and Zoom's rule of underscores or dashes): what follows is not anyone's words.
 */
const GENERATED_BLOCK = /^(-::~[:~]+:?-?|[_=─━-]{8,})$/;

/** The invite's own words about the meeting, without the join-by-phone boilerplate. */
export function contextFromDescription(description: string | null): string | null {
  if (!description) return null;
  const all = cleanText(description, 8000)
    .split("\n")
    .map((l) => l.trim());
  const generated = all.findIndex((l) => GENERATED_BLOCK.test(l));
  const lines = (generated >= 0 ? all.slice(0, generated) : all)
    .filter(
      (l) =>
        l !== "" &&
        !/^[_=~*-]{5,}$/.test(l) &&
        !/https?:\/\/|^(join|dial|meeting id|passcode|pin|one tap|find your local|\+?\d[\d ()-]{6,})/i.test(
          l,
        ),
    )
    .filter(
      (l) =>
        !/^(microsoft teams|join zoom|join with google meet|more phone numbers|learn more|meeting options)/i.test(
          l,
        ),
    );
  const text = lines.join("\n").trim();
  return text ? shorten(text, 500) : null;
}
