/** Information floor for web: its floor, plus one time-zone conversion (the page shows times in the user's zone). */

import { withRequiredLibraries } from "./required-libraries.js";
import { firstCall as awsCalls } from "./web-first-call.js";

export { hono } from "./hono.js";
export { zod } from "./zod.js";

export const firstCall = withRequiredLibraries(awsCalls);
