import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allowedGrowth, growthLimit, readBaseline } from "../../bench/baseline.js";
import { buildBundle, bundleComposition } from "../../bench/build.js";
import { handlerBundles } from "../../bench/handlers.js";

const outDir = mkdtempSync(join(tmpdir(), "coffeechat-bundle-size-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("handler bundle sizes against bench/bundle-baseline.json", () => {
  const baseline = readBaseline();

  for (const h of handlerBundles) {
    it(`${h.name} (${h.entry}) has not grown more than ${allowedGrowth * 100}% over its baseline`, async () => {
      const recorded = baseline[h.name];
      expect(recorded, `no baseline for ${h.name}: run npm run bench -- --update-baseline`).toBeGreaterThan(
        0,
      );
      const built = await buildBundle(h.entry, outDir, h.name);
      const biggest = bundleComposition(built.metafile, built.coldOutputs)
        .slice(0, 6)
        .map((s) => `${s.source} ${(s.bytes / 1024).toFixed(1)} KB`)
        .join(", ");
      expect(
        built.bytes,
        `${h.name} is ${built.bytes} bytes, baseline ${recorded} (+${allowedGrowth * 100}% allowed). Biggest parts: ${biggest}. ` +
          "If the growth is intended, run npm run bench -- --update-baseline.",
      ).toBeLessThanOrEqual(growthLimit(recorded));
    });
  }
});

describe("the size limit itself", () => {
  it("allows exactly 5% growth and not a byte more", () => {
    expect(growthLimit(100_000)).toBe(105_000);
    expect(105_001).toBeGreaterThan(growthLimit(100_000));
  });

  it("is measured on a real esbuild bundle, so a heavier import shows up", async () => {
    const floor = await buildBundle("bench/floors/core-clients.ts", outDir, "floor-core");
    const withS3 = await buildBundle("bench/floors/inbound-clients.ts", outDir, "floor-inbound");
    // The S3 client alone is far more than 5% of the other three clients.
    expect(withS3.bytes).toBeGreaterThan(growthLimit(floor.bytes));
    expect(bundleComposition(withS3.metafile).map((s) => s.source)).toContain("@aws-sdk/client-s3");
  });

  it("counts what a cold start loads: chunks behind import() are on disk but not in the size", async () => {
    const web = await buildBundle("functions/web.ts", outDir, "web-split");
    const lazy = web.lazyOutputs;
    const lazyBytes = lazy.reduce((sum, o) => sum + (web.metafile.outputs[o]?.bytes ?? 0), 0);
    expect(bundleComposition(web.metafile, lazy).map((s) => s.source)).toContain("ical.js");
    expect(web.bytes + lazyBytes).toBe(web.totalBytes);
    // Statically imported chunks do count: the cold part is more than the entry file alone.
    const entryBytes = web.metafile.outputs[web.coldOutputs[0] ?? ""]?.bytes ?? 0;
    expect(web.coldOutputs.length).toBeGreaterThan(1);
    expect(web.bytes).toBeGreaterThan(entryBytes);
  });
});
