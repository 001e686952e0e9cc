// Plain JavaScript on purpose: SST runs this file with plain `node` (nodejs.plugins), not tsx.
import { fileURLToPath } from "node:url";

/** Where the Lambda bundles get their AWS credentials from (see that file for why). */
export const lambdaCredentialsModule = fileURLToPath(
  new URL("../core/aws/lambda-credentials.ts", import.meta.url),
);

/**
 * Swaps `@aws-sdk/credential-provider-node` (the SDK's whole default credential chain) for
 * core/aws/lambda-credentials.ts, which reads the environment as Lambda provides it.
 *
 * A plugin rather than esbuild's `alias` option because SST does not pass `alias` on: its Go
 * builder reads only a few fields of `nodejs.esbuild` (target, external, mainFields, …; see
 * EsbuildOptions in .sst/platform/src/components/esbuild.ts), but it loads `nodejs.plugins`.
 * SST's bridge to JavaScript plugins (.sst/platform/functions/nodejs-runtime/plugin.mjs) tests
 * `filter` against a field it never fills in, so the filter matches everything and the callback
 * picks the import path itself.
 *
 * @type {import("esbuild").Plugin}
 */
export const lambdaCredentials = {
  name: "coffeechat-lambda-credentials",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.path === "@aws-sdk/credential-provider-node" ? { path: lambdaCredentialsModule } : undefined,
    );
  },
};

/** The plugins every Lambda bundle is built with: SST reads this default export. */
export default [lambdaCredentials];
