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
    if (match) return match[0].slice(0, 500);
  }
  return null;
}

export function namesOnlyAService(location: string): boolean {
  return SERVICE_ONLY.test(location.trim());
}
