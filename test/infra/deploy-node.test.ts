import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assertDeployNode, deployNodeMajor } from "../../infra/node-version.js";
import { reservedConcurrency, sizing } from "../../infra/sizing.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("the Node a deploy needs", () => {
  it("refuses to deploy from Node 20, saying which Node to install, and accepts 22 and later", () => {
    expect(() => assertDeployNode("20.19.2")).toThrow(/needs Node 22 or later \(this is Node 20\.19\.2\)/);
    expect(() => assertDeployNode("22.12.0")).not.toThrow();
    expect(() => assertDeployNode("24.1.0")).not.toThrow();
    expect(() => assertDeployNode("garbage")).toThrow(/needs Node 22/);
  });

  it("package.json engines state the Node the project runs on (20.19+); the deploy's own check is 22", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(">=20.19");
    expect(deployNodeMajor).toBe(22);
    // sst.config.ts runs the check before anything is created.
    expect(readFileSync(join(root, "sst.config.ts"), "utf8")).toMatch(
      /assertDeployNode\(process\.versions\.node\);\s*const config = createConfig\(\)/,
    );
  });
});

describe("function sizing", () => {
  it("caps every function's concurrency, the public status page included, well under an account's 1,000", () => {
    expect(Object.keys(reservedConcurrency).sort()).toEqual(Object.keys(sizing).sort());
    for (const cap of Object.values(reservedConcurrency)) expect(cap).toBeGreaterThanOrEqual(1);
    const total = Object.values(reservedConcurrency).reduce((sum, cap) => sum + cap, 0);
    // Lambda refuses reservations that leave fewer than 100 unreserved of the default 1,000.
    expect(total).toBeLessThanOrEqual(100);
    expect(reservedConcurrency.web).toBeGreaterThan(0);
  });
});
