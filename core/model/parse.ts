import * as v from "valibot";

/** Each problem with where it is: `TokenKey.value: Invalid length: Expected >=32 but received 5`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${issue.message}`).join("; ");
}

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
