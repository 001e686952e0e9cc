import type { PromptKind } from "../model/prompt.js";

/** A prompt the policy wants to exist: the use case turns it into a stored Prompt and a schedule. */
export interface PromptPlan {
  key: string;
  kind: PromptKind;
  dueAt: Date;
  contactEmail: string | null;
  meetingId: string | null;
}
