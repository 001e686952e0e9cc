/** All notes on one contact together: keeps the contact well under DynamoDB's item size. */
export const MAX_NOTES_TOTAL = 20_000;

/** Whether `added` can join a contact's `existing` notes within the cap. */
export function notesFit(existing: readonly string[], added: readonly string[]): boolean {
  const total = [...existing, ...added].reduce((sum, note) => sum + note.length, 0);
  return total <= MAX_NOTES_TOTAL;
}

/** What the user is told when a contact's notes are full. */
export function notesFullLine(who: string): string {
  return `${who} has as many notes as I keep for one person; nothing new was saved.`;
}
