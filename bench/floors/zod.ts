/**
 * zod/mini, a library the design card chose, as every handler loads it: the constructors and
 * checks coffeechat's schemas are made of. In the floor, so the ratio measures coffeechat's own
 * code (its schemas included), not the card's choice of library.
 */
import * as z from "zod/mini";

export const zod = {
  _default: z._default,
  array: z.array,
  boolean: z.boolean,
  discriminatedUnion: z.discriminatedUnion,
  enum: z.enum,
  gte: z.gte,
  int: z.int,
  literal: z.literal,
  lte: z.lte,
  maxLength: z.maxLength,
  minLength: z.minLength,
  nullable: z.nullable,
  number: z.number,
  object: z.object,
  optional: z.optional,
  pipe: z.pipe,
  regex: z.regex,
  string: z.string,
  transform: z.transform,
  union: z.union,
  unknown: z.unknown,
};
