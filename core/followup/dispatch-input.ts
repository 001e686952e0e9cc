import * as z from "zod/mini";
import { lazySchema } from "../model/parse.js";

/**
 * What a schedule hands the dispatch function. Infra's schedules and the local emulator use this
 * same shape. Built on first use (parse.ts, `lazySchema`).
 */
export const dispatchInputSchema = lazySchema(() =>
  z.discriminatedUnion("type", [
    z.object({
      type: z.literal("prompt"),
      userId: z.string().check(z.minLength(1)),
      promptId: z.string().check(z.minLength(1)),
    }),
    z.object({ type: z.literal("sweep") }),
  ]),
);
export type DispatchInput = z.output<ReturnType<typeof dispatchInputSchema>>;
