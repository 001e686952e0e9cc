/** Information floor for inbound: its floor, plus the required parsers reading the same mail and one time-zone conversion. */
import { firstCall as awsCalls } from "./inbound-first-call.js";
import { readWithRequiredParsers } from "./mail-parsers.js";
import { withRequiredLibraries } from "./required-libraries.js";

export { zod } from "./zod.js";

export const firstCall = withRequiredLibraries(awsCalls, readWithRequiredParsers);
