import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The infra tests run infra/ under Pulumi's mocks with the @pulumi packages SST installs in
 * .sst/platform: install it first if it is missing (once; from the npm registry only).
 */
export default function setup() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  execFileSync("bash", [join(root, "scripts/sst-platform.sh")], { stdio: "inherit" });
}
