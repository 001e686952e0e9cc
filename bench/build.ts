import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { handlerBuildOptions } from "../infra/bundle.js";

export const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface BuiltBundle {
  entry: string;
  /** The entry module Lambda imports; its chunks are beside it. */
  outfile: string;
  /** What a cold start loads: the entry and the chunks it imports statically, transitively. */
  bytes: number;
  /** Every file written, chunks that load only on first use (`await import(…)`) included. */
  totalBytes: number;
  /** The output files a cold start loads (metafile keys), entry first. */
  coldOutputs: string[];
  /** The output files loaded only on first use (`await import(…)`). */
  lazyOutputs: string[];
  metafile: Metafile;
}

/** Builds one entry exactly as production does (infra/bundle.ts), into its own folder `outDir/name`. */
export async function buildBundle(entry: string, outDir: string, name: string): Promise<BuiltBundle> {
  const outdir = join(outDir, name);
  const result = await build({
    ...handlerBuildOptions,
    absWorkingDir: repoRoot,
    entryPoints: { [name]: join(repoRoot, entry) },
    outdir,
    metafile: true,
    logLevel: "silent",
  });
  const { metafile } = result;
  // Chunks loaded with `import()` are entry points too: the handler's output is the one built from `entry`.
  const entryOutput = Object.keys(metafile.outputs).find((o) => metafile.outputs[o]?.entryPoint === entry);
  if (!entryOutput) throw new Error(`esbuild produced no output for ${entry}`);
  const coldOutputs = staticallyLoaded(metafile, entryOutput);
  const size = (outputs: string[]) => outputs.reduce((sum, o) => sum + (metafile.outputs[o]?.bytes ?? 0), 0);
  return {
    entry,
    outfile: resolve(repoRoot, entryOutput),
    bytes: size(coldOutputs),
    totalBytes: size(Object.keys(metafile.outputs)),
    coldOutputs,
    lazyOutputs: Object.keys(metafile.outputs).filter((o) => !coldOutputs.includes(o)),
    metafile,
  };
}

/**
 * The output files importing `entryOutput` loads before it runs: itself and, transitively, the
 * chunks it imports with `import` statements. Chunks reached only through `import()` are left out.
 */
function staticallyLoaded(metafile: Metafile, entryOutput: string): string[] {
  const loaded = [entryOutput];
  for (let i = 0; i < loaded.length; i++) {
    for (const imp of metafile.outputs[loaded[i] as string]?.imports ?? []) {
      if (imp.kind === "import-statement" && !imp.external && !loaded.includes(imp.path))
        loaded.push(imp.path);
    }
  }
  return loaded;
}

export interface BundleShare {
  /** An npm package name, or a source folder of ours (e.g. `core/drafts`). */
  source: string;
  bytes: number;
}

/**
 * What a bundle is made of, biggest first: the first thing to read when a size budget is missed.
 * `outputs` (metafile keys, e.g. a BuiltBundle's `coldOutputs`) limits it to those files.
 */
export function bundleComposition(metafile: Metafile, outputs?: readonly string[]): BundleShare[] {
  const totals = new Map<string, number>();
  const chosen = outputs ?? Object.keys(metafile.outputs);
  for (const output of chosen.flatMap((o) => metafile.outputs[o] ?? [])) {
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
