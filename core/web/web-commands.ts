import type { Command } from "../commands/command.js";
import type { Deps } from "../deps.js";
import { randomToken } from "../ids.js";
import type { RunCommandsInput } from "../usecases/run-commands.js";

/**
 * The one use case behind every button and mail link, the same one that answers reply mails;
 * injectable for tests. The page shows the result by reading the account again.
 */
export type RunCommands = (deps: Deps, input: RunCommandsInput) => Promise<unknown>;

/**
 * Most requests only show a page: the command use cases (and the follow-up planning behind them)
 * load with the first button pressed, not at every cold start.
 */
export const runCommandsOnFirstUse: RunCommands = async (deps, input) => {
  const { runCommands } = await import("../usecases/run-commands.js");
  return runCommands(deps, input);
};

/** A button's commands: each press is its own message, so a repeated press is a new command. */
export function webCommands(userId: string, promptId: string | null, commands: Command[]): RunCommandsInput {
  return { userId, promptId, commands, unknown: [], messageKey: `web:${randomToken()}`, channel: "web" };
}
