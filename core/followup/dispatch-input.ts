import * as z from "zod/mini";

/** What a schedule hands the dispatch function. Infra's schedules and the local emulator use this same shape. */
export const DispatchInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("prompt"),
    userId: z.string().check(z.minLength(1)),
    promptId: z.string().check(z.minLength(1)),
  }),
  z.object({ type: z.literal("sweep") }),
]);
export type DispatchInput = z.output<typeof DispatchInput>;
