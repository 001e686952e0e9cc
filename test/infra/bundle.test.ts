import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { handlerBuildOptions, sstNodejsOptions } from "../../infra/bundle.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = mkdtempSync(join(tmpdir(), "coffeechat-bundle-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the shared bundle settings", () => {
  it("build a handler that runs as ESM with the AWS SDK inside the bundle", async () => {
    const outfile = join(outDir, "handler.mjs");
    const result = await build({
      ...handlerBuildOptions,
      entryPoints: [join(root, "test/fixtures/infra/bundle-entry.ts")],
      outfile,
      metafile: true,
      logLevel: "silent",
    });

    // Nothing left outside the bundle but Node's own modules.
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const external = Object.values(result.metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((imp) => imp.external && !builtins.has(imp.path));
    expect(external).toEqual([]);
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes("@aws-sdk/client-sesv2"))).toBe(
      true,
    );

    const text = readFileSync(outfile, "utf8");
    expect(text.startsWith("import { createRequire as topLevelCreateRequire }")).toBe(true);

    const { handler } = (await import(pathToFileURL(outfile).href)) as {
      handler: (e: unknown) => Promise<unknown>;
    };
    await expect(handler({ type: "sweep" })).resolves.toEqual({ parsed: { type: "sweep" }, canSend: true });
  });

  it("give SST the same target, main fields and externals, and no second createRequire banner", () => {
    expect(sstNodejsOptions.format).toBe(handlerBuildOptions.format);
    expect(sstNodejsOptions.minify).toBe(handlerBuildOptions.minify);
    expect(sstNodejsOptions.esbuild.target).toBe(handlerBuildOptions.target);
    expect(sstNodejsOptions.esbuild.mainFields).toEqual(["module", "main"]);
    expect(sstNodejsOptions.esbuild.external).toEqual([]);
    // SST's builder prepends its own createRequire banner; a second one would declare `require` twice.
    expect("banner" in sstNodejsOptions.esbuild).toBe(false);
    expect("banner" in sstNodejsOptions).toBe(false);
  });
});
