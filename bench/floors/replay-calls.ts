/**
 * The floor's first call: the AWS calls a handler's first call made (recorded in a warm-up run,
 * see bench/cold-start.ts), sent again through the same SDK clients and commands, in the same
 * waves, with the same inputs. Nothing else: no parsing, no planning, no rendering.
 */
import type { AwsService } from "../aws-call.js";

/** One SDK call as the handler made it: the command's class name and its input. */
export interface PlannedCall {
  service: AwsService;
  command: string;
  input: unknown;
  /** `ok`, or the name of the error the call failed with (a missing schedule, a lost condition). */
  outcome: string;
}

export interface FirstCallPlan {
  /** The document client's options, as the store builds it (`documentClientOptions`). */
  documentClientOptions: object;
  /** Calls sent together (`Promise.all`), wave after wave. */
  waves: PlannedCall[][];
}

export interface FloorService {
  client: { send(command: never): Promise<unknown> };
  commands: Record<string, new (input: never) => unknown>;
}

export async function replayCalls(
  services: Partial<Record<AwsService, FloorService>>,
  plan: FirstCallPlan,
): Promise<number> {
  let sent = 0;
  for (const wave of plan.waves) {
    await Promise.all(
      wave.map(async (call) => {
        const service = services[call.service];
        const Command = service?.commands[call.command];
        if (!service || !Command)
          throw new Error(`this floor cannot send ${call.service} ${call.command}: add it to its clients`);
        let outcome = "ok";
        try {
          await service.client.send(new Command(call.input as never) as never);
        } catch (error) {
          outcome = (error as { name?: string }).name ?? "Error";
        }
        if (outcome !== call.outcome)
          throw new Error(`${call.command} ended ${outcome}; the handler's ended ${call.outcome}`);
        sent++;
      }),
    );
  }
  return sent;
}
