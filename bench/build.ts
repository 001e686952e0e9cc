import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { handlerBuildOptions } from "../infra/bundle.js";

export const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface BuiltBundle {
  entry: string;
  outfile: string;
  bytes: number;
  metafile: Metafile;
}

/** Builds one entry exactly as production does (infra/bundle.ts), into `outDir`. */
export async function buildBundle(entry: string, outDir: string, name: string): Promise<BuiltBundle> {
  const outfile = join(outDir, `${name}.mjs`);
  const result = await build({
    ...handlerBuildOptions,
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, entry)],
    outfile,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return { entry, outfile, bytes: output.bytes, metafile: result.metafile };
}

export interface BundleShare {
  /** An npm package name, or a source folder of ours (e.g. `core/drafts`). */
  source: string;
  bytes: number;
}

/** What a bundle is made of, biggest first: the first thing to read when a size budget is missed. */
export function bundleComposition(metafile: Metafile): BundleShare[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = sourceOf(input);
      totals.set(source, (totals.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function sourceOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg?.[1]) return pkg[1];
  const parts = input.split("/");
  return parts.length > 2 ? parts.slice(0, 2).join("/") : input;
}
