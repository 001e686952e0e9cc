import type { BuildOptions } from "esbuild";

/**
 * How every Lambda handler is bundled, defined once: `sstNodejsOptions` is what the deployed
 * functions give SST (only options SST documents as public), and `handlerBuildOptions` is the
 * esbuild call SST's builder makes from them, which the benchmark runs — so the numbers measured
 * are the numbers shipped. Plain data, no SST globals: plain Node can import this file.
 *
 * Why these values (measured with esbuild on the handlers; `npm run bench` re-measures):
 * - the AWS SDK is bundled, not left to the runtime's copy: imports 50–90 ms faster;
 * - `mainFields: ["module", "main"]` picks ESM builds: 250–300 KB smaller, 20–35 ms faster;
 * - minified ESM; code splitting: what only some runs need (`await import(…)`; docs/deploy.md,
 *   "What loads when", lists it) goes into chunks loaded when first used.
 * - The target is `es2023`: SST reads only `es*` names (`node22` is silently replaced by its
 *   default), and es2023 is what SST itself picks for nodejs22.x.
 */

/** The SST version whose Node builder `handlerBuildOptions` mirrors; package.json pins exactly this. */
export const sstBuilderVersion = "4.17.1";

/** Targets SST's Node builder understands (pkg/runtime/node/node.go, esTargetMap); anything else is dropped. */
export const sstKnownTargets = [
  "esnext",
  "es5",
  "es6",
  "es2015",
  "es2016",
  "es2017",
  "es2018",
  "es2019",
  "es2020",
  "es2021",
  "es2022",
  "es2023",
  "es2024",
] as const;

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

/**
 * The `nodejs` argument of every `sst.aws.Function`: only the public fields of SST's
 * FunctionArgs["nodejs"] and EsbuildOptions (no `plugins`, which SST marks internal).
 */
export const sstNodejsOptions = {
  format: "esm" as const,
  minify: true,
  splitting: true,
  esbuild: {
    target: "es2023" as (typeof sstKnownTargets)[number],
    mainFields: ["module", "main"],
    /** Nothing is external: the AWS SDK and every dependency go into the bundle. */
    external: [] as string[],
    define: bundleDefine,
    keepNames: true,
  },
};

/**
 * The banner SST's builder prepends to every ESM function (pkg/runtime/node/build.go): ESM has no
 * `require`, `__filename` or `__dirname`, and a few CommonJS dependencies use them.
 */
export const sstEsmBanner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  "const require = topLevelCreateRequire(import.meta.url);",
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  "const __filename = topLevelFileUrlToPath(import.meta.url)",
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/**
 * The esbuild options SST's Node builder derives from `sstNodejsOptions` for a deploy (not
 * `sst dev`, which does not minify), as SST ${sstBuilderVersion} does it in
 * pkg/runtime/node/build.go. Set `outdir` (and entry points) to build one handler. Sourcemaps are
 * left out: SST writes them beside the bundle and Lambda never loads them.
 */
export const handlerBuildOptions = {
  bundle: true,
  platform: "node",
  format: sstNodejsOptions.format,
  target: sstNodejsOptions.esbuild.target,
  minify: sstNodejsOptions.minify,
  keepNames: sstNodejsOptions.esbuild.keepNames,
  mainFields: sstNodejsOptions.esbuild.mainFields,
  external: sstNodejsOptions.esbuild.external,
  splitting: sstNodejsOptions.splitting,
  // With splitting SST writes `bundle.mjs` and chunks beside it as `.mjs`, so Node loads them as ESM.
  outExtension: { ".js": ".mjs" },
  banner: { js: sstEsmBanner },
  define: sstNodejsOptions.esbuild.define,
} satisfies BuildOptions;
