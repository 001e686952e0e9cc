import * as z from "zod/mini";

/**
 * What was expected, in English, never the value received: a stored item's fields are a
 * person's data, and these messages end up in logs (`expected >=32`, `missing`). zod/mini ships
 * no locale, so without this map every problem would read "Invalid input".
 */
export const expectation: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "missing" : `expected ${issue.expected}`;
    case "invalid_value":
      return `expected ${oneOf(issue.values.map((value) => JSON.stringify(value)))}`;
    case "too_small":
      return `expected ${issue.inclusive ? ">=" : ">"}${issue.minimum}`;
    case "too_big":
      return `expected ${issue.inclusive ? "<=" : "<"}${issue.maximum}`;
    case "invalid_format":
      return issue.format === "starts_with"
        ? `expected "${String(issue.prefix)}…"`
        : `expected ${issue.format === "regex" ? issue.pattern : issue.format}`;
    case "invalid_union": {
      // A discriminated union names the tags it knows; a plain one, what each of its forms expected.
      const tags = (issue as { options?: unknown[] }).options;
      if (tags) return `expected ${oneOf(tags.map((value) => JSON.stringify(value)))}`;
      return issue.errors.every((errors) => errors.length === 1 && errors[0]?.path.length === 0)
        ? `expected ${oneOf(issue.errors.map((errors) => errors[0]?.message.replace(/^expected /, "") ?? ""))}`
        : "expected one of its forms";
    }
    default:
      return "invalid";
  }
};

const oneOf = (expected: string[]) =>
  expected.length === 1 ? `${expected[0]}` : `(${expected.join(" | ")})`;

/** Each problem with where it is and what was expected: `TokenKey.value: expected >=32`, `Table: missing`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)"}: ${issue.message}`,
    )
    .join("; ");
}

/** `safeParse` with the English messages above (a check's own message, where it has one, wins). */
export function safeParseInEnglish<TSchema extends z.ZodMiniType>(schema: TSchema, input: unknown) {
  return schema.safeParse(input, { error: expectation });
}

/**
 * A schema built on first use, then kept for the life of the container: for the schemas only
 * some paths need, which a cold start should not pay for.
 */
export function lazySchema<TSchema extends z.ZodMiniType>(build: () => TSchema): () => TSchema {
  let schema: TSchema | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}

/** A whole number in `min`..`max`, given as a number or as text (anything `Number()` reads). */
export const wholeNumber = (min: number, max: number) =>
  z.pipe(
    z.transform((value: unknown) => Number(value)),
    z.int().check(z.gte(min), z.lte(max)),
  );

/** Parses or throws an error that names every problem and its path (see `describeIssues`). */
export function parseOrThrow<TSchema extends z.ZodMiniType>(
  schema: TSchema,
  input: unknown,
): z.output<TSchema> {
  const result = safeParseInEnglish(schema, input);
  if (result.success) return result.data;
  result.error.message = describeIssues(result.error.issues);
  throw result.error;
}
