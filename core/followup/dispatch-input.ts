import * as v from "valibot";

/** What a schedule hands the dispatch function. Infra's schedules and the local emulator use this same shape. */
export const DispatchInput = v.union([
  v.object({
    type: v.literal("prompt"),
    userId: v.pipe(v.string(), v.minLength(1)),
    promptId: v.pipe(v.string(), v.minLength(1)),
  }),
  v.object({ type: v.literal("sweep") }),
]);
export type DispatchInput = v.InferOutput<typeof DispatchInput>;
