import type { Plugin } from "esbuild";

export declare const lambdaCredentialsModule: string;
export declare const lambdaCredentials: Plugin;
declare const plugins: Plugin[];
export default plugins;
