import * as v from "valibot";

/**
 * Each problem with where it is and what was expected: `TokenKey.value: expected >=32`,
 * `Table: missing`. Never the value received: a stored item's fields are a person's data, and
 * these messages end up in logs.
 */
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${problemOf(issue)}`).join("; ");
}

function problemOf(issue: v.BaseIssue<unknown>): string {
  // `received` is the value itself, except for a missing one, where it is the word "undefined".
  if (issue.received === "undefined") return "missing";
  return issue.expected === null ? "invalid" : `expected ${issue.expected}`;
}

/** A whole number in `min`..`max`, given as a number or as text (anything `Number()` reads). */
export const wholeNumber = (min: number, max: number) =>
  v.pipe(v.unknown(), v.transform(Number), v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));

/**
 * `v.parse`, but the error names every problem and its path (a ValiError's own message is only
 * the first problem, without where it is).
 */
export function parseOrThrow<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const error = new v.ValiError(result.issues);
  error.message = describeIssues(result.issues);
  throw error;
}
