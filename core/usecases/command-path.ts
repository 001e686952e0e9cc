/**
 * What replies, commands and mail that logs nobody need beyond intake: the command parser, the
 * verbs and the help text built from them. The inbound function loads it on first use, as one
 * `import()`: one import each split the modules they share with the handler into more small
 * chunks, and every cold start loaded those.
 */
export { parseCommands } from "../commands/parse-commands.js";
export { helpLines } from "../drafts/help.js";
export { runCommands } from "./run-commands.js";
