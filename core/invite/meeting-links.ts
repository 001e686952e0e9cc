import { cleanLine, nullIfEmpty } from "../mail/text.js";

/** Join links of the video services people use for coffee chats, most specific first. */
const JOIN_LINKS: RegExp[] = [
  /https:\/\/(?:[a-z0-9-]+\.)*zoom(?:gov)?\.(?:us|com)\/(?:j|my|w|s)\/[^\s<>"'\\)\]]+/i,
  /https:\/\/teams\.microsoft\.com\/l\/meetup-join\/[^\s<>"'\\)\]]+/i,
  /https:\/\/teams\.live\.com\/meet\/[^\s<>"'\\)\]]+/i,
  /https:\/\/meet\.google\.com\/[a-z]{3,4}-[a-z]{4}-[a-z]{3,4}\b[^\s<>"'\\)\]]*/i,
  /https:\/\/(?:[a-z0-9-]+\.)*webex\.com\/(?:meet|join|[a-z0-9-]+\/j\.php)[^\s<>"'\\)\]]*/i,
  /https:\/\/whereby\.com\/[^\s<>"'\\)\]]+/i,
];

/** Location texts that only name a service, so the join link says more. */
const SERVICE_ONLY =
  /^(microsoft teams( meeting)?|teams|zoom( meeting)?|google meet|webex|online( meeting)?|video call|virtual)$/i;

export function findMeetingLink(text: string): string | null {
  const bounded = text.slice(0, 64 * 1024);
  for (const pattern of JOIN_LINKS) {
    const match = pattern.exec(bounded);
    if (match && match[0].length <= LONGEST_LINK) return match[0];
  }
  return null;
}

/** A link longer than this is left out: a link is whole or absent, never cut. */
export const LONGEST_LINK = 2000;
const PLACE_WORDS = 300;
const ANY_LINK = /https?:\/\/[^\s<>"]+/gi;

/** An event's LOCATION as one line: its words shortened, its first link kept whole (or left out). */
export function placeOf(raw: string): string | null {
  const line = cleanLine(raw, 8000);
  if (line.length <= PLACE_WORDS) return nullIfEmpty(line);
  const words = cleanLine(line.replace(ANY_LINK, " "), PLACE_WORDS);
  const link = (line.match(ANY_LINK) ?? []).find((l) => l.length <= LONGEST_LINK) ?? "";
  return nullIfEmpty(`${words} ${link}`);
}

export function namesOnlyAService(location: string): boolean {
  return SERVICE_ONLY.test(location.trim());
}
