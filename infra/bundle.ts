import type { BuildOptions } from "esbuild";
import lambdaPlugins from "./esbuild-plugins.mjs";

/**
 * How every Lambda handler is bundled: the deployed functions (through SST) and the benchmark
 * (plain esbuild) read these same settings, so the numbers measured are the numbers shipped.
 * Plain data, no SST globals: plain Node can import this file.
 *
 * Why these values (measured, see notes/performance.md):
 * - the AWS SDK is bundled, not left to the runtime's copy: imports 50–90 ms faster;
 * - `mainFields: ["module", "main"]` picks ESM builds: 250–300 KB smaller, 20–35 ms faster;
 * - minified ESM for Node 22, the Lambda runtime (nodejs22.x);
 * - the SDK's default credential chain replaced by the environment, where Lambda puts the
 *   role's credentials: over 100 KB less in every bundle (infra/esbuild-plugins.mjs);
 * - code splitting: what only some runs need (`await import(…)`; docs/deploy.md, "What loads
 *   when", lists it) goes into chunks loaded when first used, not at every cold start.
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

/**
 * Build-time constants. The forward and reply parsers probe for the optional native `re2` package
 * with a `require` at load; no bundle ever contains it, and the failing lookup walks the file
 * system on every cold start (~6 ms measured). email-forward-parser has a switch for it;
 * email-reply-parser gets the same one from patches/ (applied by `npm install`).
 */
const bundleDefine = {
  "process.env.EMAIL_FORWARD_PARSER_DISABLE_RE2": '"1"',
  "process.env.EMAIL_REPLY_PARSER_DISABLE_RE2": '"1"',
};

/** Chunks are ES modules too: `.mjs`, as SST names them, so Node loads them as ESM. */
const bundleOutExtension = { ".js": ".mjs" };

/** esbuild options for building one handler outside SST (the benchmark); set `outdir`. */
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
  splitting: true,
  outExtension: bundleOutExtension,
  legalComments: "none",
  banner: { js: createRequireBanner },
  define: bundleDefine,
  plugins: lambdaPlugins,
} satisfies BuildOptions;

/** The same settings in the shape of SST's `nodejs` function argument. */
export const sstNodejsOptions = {
  format: "esm" as const,
  minify: true,
  // SST runs these with node; the path is from the project root (where sst.config.ts is).
  plugins: "infra/esbuild-plugins.mjs",
  // SST then writes to a directory, chunks beside the entry, with the same `.mjs` extension.
  splitting: true,
  esbuild: {
    target: bundleTarget,
    mainFields: bundleMainFields,
    external: bundleExternal,
    define: bundleDefine,
  },
};
