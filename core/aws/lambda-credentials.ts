import { type FromEnvInit, fromEnv } from "@aws-sdk/credential-provider-env";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * What the Lambda bundles use in place of `@aws-sdk/credential-provider-node`: the bundler
 * swaps that module for this one (infra/esbuild-plugins.mjs).
 *
 * Why: in Lambda the credentials of the function's role are always in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which is the first link of the
 * SDK's default chain. The rest of that chain (SSO, ini files, credential_process, web identity,
 * instance and container metadata, console login) is never reached, yet every client imports it,
 * and with it the SDK's nested STS/SSO/SSO-OIDC/sign-in clients: over 100 KB of every bundle,
 * parsed at every cold start. Run outside Lambda (tests, the local stack) the SDK keeps its own
 * chain: only the bundles see this module.
 *
 * Same export and call shape as the package's `defaultProvider`; the SDK calls it with the
 * client's configuration, of which `fromEnv` reads only the logger. The SDK memoizes the provider
 * it gets; env credentials have no expiry unless AWS_CREDENTIAL_EXPIRATION says so.
 */
export const defaultProvider = (init: FromEnvInit = {}): AwsCredentialIdentityProvider => fromEnv(init);
