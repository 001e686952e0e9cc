/**
 * SST's deploy needs Node 22 or later (the functions run on nodejs22.x, and SST's platform code
 * targets it); the rest of the project (tests, the local stack) runs on Node 20.19+, as
 * package.json `engines` says. Checked when sst.config.ts runs, so an older Node stops the
 * deploy with this message instead of an obscure failure half-way. Plain code, no SST globals.
 */
export const deployNodeMajor = 22;

export function assertDeployNode(version: string): void {
  const major = Number.parseInt(version.split(".")[0] ?? "", 10);
  if (!(major >= deployNodeMajor)) {
    throw new Error(
      `Deploying coffeechat needs Node ${deployNodeMajor} or later (this is Node ${version}); the local stack and tests run on Node 20.19+. Install Node ${deployNodeMajor} (e.g. \`nvm install ${deployNodeMajor}\`) for \`sst deploy\` and \`sst dev\`.`,
    );
  }
}
