import { freePort } from "../../local/ports.js";
import { PORT_VARIABLES, type StackPorts } from "../../local/settings.js";

/** A free port for every service of the local stack (one per entry of PORT_VARIABLES). */
export async function freeStackPorts(): Promise<StackPorts> {
  const ports: Partial<StackPorts> = {};
  for (const name of Object.keys(PORT_VARIABLES) as (keyof StackPorts)[]) ports[name] = await freePort();
  return ports as StackPorts;
}
