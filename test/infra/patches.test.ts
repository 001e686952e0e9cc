import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * patches/ holds patch-package patches against the compiled output of one exact version each
 * (`<package>+<version>.patch`). A newer version would leave a patch unapplied (or applied to
 * code it was not written for), so each patched package is pinned to that version, and every
 * line a patch adds must be in the installed files.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Patch {
  file: string;
  name: string;
  version: string;
  /** Each patched file (relative to the root) and the lines the patch adds to it. */
  added: Map<string, string[]>;
}

function readPatch(file: string): Patch {
  const match = /^(.+)\+(\d[^+]*)\.patch$/.exec(file);
  if (!match) throw new Error(`${file} is not named <package>+<version>.patch`);
  const added = new Map<string, string[]>();
  let target: string[] | null = null;
  for (const line of readFileSync(join(root, "patches", file), "utf8").split("\n")) {
    if (line.startsWith("+++ ")) {
      const path = line.slice(4).replace(/^b\//, "");
      target = path === "/dev/null" ? null : [];
      if (target) added.set(path, target);
    } else if (line.startsWith("+") && line.slice(1).trim() !== "") {
      target?.push(line.slice(1));
    }
  }
  return { file, name: (match[1] ?? "").replace(/\+/g, "/"), version: match[2] ?? "", added };
}

const patches = readdirSync(join(root, "patches"))
  .filter((f) => f.endsWith(".patch"))
  .map(readPatch);

describe("patched packages", () => {
  it("are the two the docs describe", () => {
    expect(patches.map((p) => p.name).sort()).toEqual(["email-reply-parser", "postal-mime"]);
  });

  it.each(patches.map((p) => [p.file, p] as const))(
    "%s: the package is pinned to the version the patch targets, and that version is installed",
    (_file, patch) => {
      const spec = manifest.dependencies[patch.name] ?? manifest.devDependencies[patch.name];
      expect(spec).toBe(patch.version);
      const installed = JSON.parse(
        readFileSync(join(root, "node_modules", patch.name, "package.json"), "utf8"),
      ) as { version: string };
      expect(installed.version).toBe(patch.version);
    },
  );

  it.each(patches.map((p) => [p.file, p] as const))("%s: every line it adds is installed", (_file, patch) => {
    expect(patch.added.size).toBeGreaterThan(0);
    for (const [path, lines] of patch.added) {
      const installed = readFileSync(join(root, path), "utf8");
      const missing = lines.filter((line) => !installed.includes(line));
      expect(missing, `${path}: the patch is not applied (run npm install)`).toEqual([]);
    }
  });

  it("have their upstream report or issue written down", () => {
    const readme = readFileSync(join(root, "patches/README.md"), "utf8");
    for (const patch of patches) expect(readme, patch.file).toContain(patch.file);
  });
});
