/** The Lambda handlers the benchmark measures, and the AWS SDK clients each one talks to. */
export type HandlerName = "inbound" | "dispatch" | "web";

export interface HandlerBundle {
  name: HandlerName;
  /** The handler's entry point, relative to the repository root. */
  entry: string;
  /**
   * The floor: a bundle that imports only the AWS SDK clients this handler uses and the design
   * card's libraries it loads (zod/mini; hono for web), built with the same options. Cold import ÷
   * floor says what coffeechat's own code costs on top of them.
   */
  floorEntry: string;
}

export const handlerBundles: readonly HandlerBundle[] = [
  { name: "inbound", entry: "functions/inbound-mail.ts", floorEntry: "bench/floors/inbound-clients.ts" },
  { name: "dispatch", entry: "functions/prompt-due.ts", floorEntry: "bench/floors/core-clients.ts" },
  { name: "web", entry: "functions/web.ts", floorEntry: "bench/floors/web-clients.ts" },
];

export const handlerNames: readonly HandlerName[] = handlerBundles.map((h) => h.name);
