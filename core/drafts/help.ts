import { VERB_NAMES, VERBS } from "../interview/verbs.js";

/** The help lines of one section, in the table's order. */
function section(name: "reply" | "log"): string[] {
  return VERB_NAMES.flatMap((verb) => {
    const help = VERBS[verb].help;
    return "line" in help && help.section === name ? [`  ${help.line}`] : [];
  });
}

/** What coffeechat understands by mail, one line each: sent in answer to anything it did not understand. */
export function helpLines(): string[] {
  return [
    "Reply to any prompt with one of these (one per line; quoted text below is ignored):",
    ...section("reply"),
    "",
    "Mail to the log address also accepts these account commands:",
    ...section("log"),
  ];
}
