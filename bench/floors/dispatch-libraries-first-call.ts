/** Information floor for dispatch: its floor, plus one time-zone conversion (a prompt shows times in the user's zone). */
import { firstCall as awsCalls } from "./dispatch-first-call.js";
import { withRequiredLibraries } from "./required-libraries.js";

export { zod } from "./zod.js";

export const firstCall = withRequiredLibraries(awsCalls);
