import type { BuildOptions } from "esbuild";

/**
 * How every Lambda handler is bundled: the deployed functions (through SST) and the benchmark
 * (plain esbuild) read these same settings, so the numbers measured are the numbers shipped.
 * Plain data, no SST globals: plain Node can import this file.
 *
 * Why these values (measured, see notes/performance.md):
 * - the AWS SDK is bundled, not left to the runtime's copy: imports 50–90 ms faster;
 * - `mainFields: ["module", "main"]` picks ESM builds: 250–300 KB smaller, 20–35 ms faster;
 * - minified ESM for Node 22, the Lambda runtime (nodejs22.x).
 */
export const bundleTarget = "node22";

/** Nothing is external: the AWS SDK and every dependency go into the bundle. */
export const bundleExternal: string[] = [];

export const bundleMainFields = ["module", "main"];

/**
 * ESM has no `require`; a few CommonJS dependencies call it for Node built-ins.
 * SST's Node builder already prepends exactly this banner to every function, so it is used
 * only where esbuild is called directly (the benchmark) — adding it twice would declare
 * `require` twice.
 */
export const createRequireBanner = [
  `import { createRequire as topLevelCreateRequire } from "module";`,
  "const require = topLevelCreateRequire(import.meta.url);",
].join("\n");

/** esbuild options for building one handler outside SST (the benchmark). */
export const handlerBuildOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: bundleTarget,
  minify: true,
  // SST's builder always keeps names; so does this, to measure the same bundle.
  keepNames: true,
  mainFields: bundleMainFields,
  external: bundleExternal,
  treeShaking: true,
  legalComments: "none",
  banner: { js: createRequireBanner },
} satisfies BuildOptions;

/** The same settings in the shape of SST's `nodejs` function argument. */
export const sstNodejsOptions = {
  format: "esm" as const,
  minify: true,
  esbuild: {
    target: bundleTarget,
    mainFields: bundleMainFields,
    external: bundleExternal,
  },
};
