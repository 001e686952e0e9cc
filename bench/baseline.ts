import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./build.js";
import type { HandlerName } from "./handlers.js";

/** Committed bundle sizes in bytes; a handler that grows past it by more than `allowedGrowth` fails `npm test`. */
export const baselinePath = join(repoRoot, "bench/bundle-baseline.json");
export const allowedGrowth = 0.05;

export type BundleBaseline = Record<HandlerName, number>;

export function readBaseline(): BundleBaseline {
  return JSON.parse(readFileSync(baselinePath, "utf8")) as BundleBaseline;
}

export function writeBaseline(sizes: BundleBaseline): void {
  writeFileSync(baselinePath, `${JSON.stringify(sizes, null, 2)}\n`);
}

/** The most a handler may weigh before the size test fails. */
export function growthLimit(baselineBytes: number): number {
  return Math.floor(baselineBytes * (1 + allowedGrowth));
}
