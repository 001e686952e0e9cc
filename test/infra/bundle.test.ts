import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, inject, it } from "vitest";
import { buildBundle } from "../../bench/build.js";
import { awsClients, awsDeps } from "../../core/aws/clients.js";
import { sesMailerOnFirstSend } from "../../core/aws/ses-on-first-send.js";
import { configFrom } from "../../core/config.js";
import { ensureTable } from "../../core/store/create-table.js";
import { registerUser } from "../../core/usecases/register-user.js";
import {
  handlerBuildOptions,
  sstBuilderVersion,
  sstEsmBanner,
  sstKnownTargets,
  sstNodejsOptions,
} from "../../infra/bundle.js";
import { makeKey, signed, TestDns } from "../support/dkim.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = mkdtempSync(join(tmpdir(), "coffeechat-bundle-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs `script` (an ES module body; `entry` is the bundle's file URL) in a fresh node with only `env`. */
function runInNode(script: string, entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", HOME: outDir, BUNDLE_URL: pathToFileURL(entry).href, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

describe("the shared bundle settings", () => {
  it("build a handler that runs as ESM with the AWS SDK inside the bundle", async () => {
    const outdir = join(outDir, "entry");
    const result = await build({
      ...handlerBuildOptions,
      entryPoints: [join(root, "test/fixtures/infra/bundle-entry.ts")],
      outdir,
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

    const outfile = join(outdir, "bundle-entry.mjs");
    const text = readFileSync(outfile, "utf8");
    expect(text.startsWith("import { createRequire as topLevelCreateRequire }")).toBe(true);

    const { handler } = (await import(pathToFileURL(outfile).href)) as {
      handler: (e: unknown) => Promise<unknown>;
    };
    await expect(handler({ type: "sweep" })).resolves.toEqual({ parsed: { type: "sweep" }, canSend: true });
  });

  it("are only public SST options, with a target SST understands, and the bench builds what SST builds from them", () => {
    // SST's builder silently replaces a target it does not know (e.g. `node22`) by its own default.
    expect(sstKnownTargets).toContain(sstNodejsOptions.esbuild.target);
    // SST's public nodejs options (FunctionArgs["nodejs"]) and EsbuildOptions, nothing internal.
    const publicNodejs = [
      "loader",
      "install",
      "banner",
      "esbuild",
      "minify",
      "format",
      "sourcemap",
      "splitting",
    ];
    const publicEsbuild = [
      "target",
      "sourcemap",
      "keepNames",
      "define",
      "banner",
      "external",
      "inject",
      "nodePaths",
      "mainFields",
      "conditions",
    ];
    expect(Object.keys(sstNodejsOptions).filter((k) => !publicNodejs.includes(k))).toEqual([]);
    expect(Object.keys(sstNodejsOptions.esbuild).filter((k) => !publicEsbuild.includes(k))).toEqual([]);

    // Every option SST passes on appears, with the same value, in the bench's esbuild call.
    expect(handlerBuildOptions).toMatchObject({
      format: sstNodejsOptions.format,
      minify: sstNodejsOptions.minify,
      splitting: sstNodejsOptions.splitting,
      target: sstNodejsOptions.esbuild.target,
      mainFields: sstNodejsOptions.esbuild.mainFields,
      external: sstNodejsOptions.esbuild.external,
      define: sstNodejsOptions.esbuild.define,
      keepNames: sstNodejsOptions.esbuild.keepNames,
      banner: { js: sstEsmBanner },
      outExtension: { ".js": ".mjs" },
    });
    // Nothing the bench sets that SST would not.
    expect(Object.keys(handlerBuildOptions).sort()).toEqual(
      [
        "bundle",
        "platform",
        "format",
        "target",
        "minify",
        "keepNames",
        "mainFields",
        "external",
        "splitting",
        "outExtension",
        "banner",
        "define",
      ].sort(),
    );
  });

  it("mirror the builder of the exact SST version installed (package.json pins it)", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const installed = JSON.parse(readFileSync(join(root, "node_modules/sst/package.json"), "utf8")) as {
      version: string;
    };
    // The banner and defaults above are read from SST's Go builder: an upgrade must re-check them.
    expect(pkg.devDependencies.sst).toBe(sstBuilderVersion);
    expect(installed.version).toBe(sstBuilderVersion);
  });
});

describe("credentials in the bundles", () => {
  it("come from the environment Lambda sets, through the SDK's own default chain", async () => {
    const built = await buildBundle("test/fixtures/infra/credentials-entry.ts", outDir, "credentials");
    const readCredentials = [
      "const { resolveCredentials } = await import(process.env.BUNDLE_URL);",
      "const c = await resolveCredentials(); console.log(JSON.stringify(c));",
    ].join("\n");
    const withKeys = runInNode(readCredentials, built.outfile, {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_ACCESS_KEY_ID: "AKIDLAMBDAFAKE",
      AWS_SECRET_ACCESS_KEY: "secret-fake",
      AWS_SESSION_TOKEN: "session-fake",
    });
    expect(withKeys.stderr).toBe("");
    expect(JSON.parse(withKeys.stdout)).toMatchObject({
      accessKeyId: "AKIDLAMBDAFAKE",
      secretAccessKey: "secret-fake",
      sessionToken: "session-fake",
    });
    // The rest of the chain (SSO, ini files, metadata) is never reached in Lambda: it stays out of the cold start.
    const atColdStart = built.coldOutputs.flatMap((o) =>
      Object.keys(built.metafile.outputs[o]?.inputs ?? {}),
    );
    for (const pkg of ["credential-provider-sso", "credential-provider-ini", "credential-provider-imds"]) {
      expect(atColdStart.filter((i) => i.includes(`/${pkg}/`))).toEqual([]);
    }
  });
});

describe("lazily loaded code in the built handlers", () => {
  it("the web bundle loads the calendar feed (ical.js) only on request, and serves it", async () => {
    const web = await buildBundle("functions/web.ts", outDir, "web");
    const atColdStart = web.coldOutputs.flatMap((o) => Object.keys(web.metafile.outputs[o]?.inputs ?? {}));
    expect(atColdStart.some((i) => i.includes("/ical.js/"))).toBe(false);
    expect(atColdStart.some((i) => i.includes("/client-sesv2/"))).toBe(false);
    // The buttons' use cases load with the first button pressed.
    expect(atColdStart.some((i) => i.endsWith("core/usecases/run-commands.ts"))).toBe(false);
    expect(atColdStart.some((i) => i.endsWith("core/web/status-view.ts"))).toBe(true);
    expect(Object.keys(web.metafile.inputs).some((i) => i.includes("/ical.js/"))).toBe(true);

    // A user in DynamoDB Local, registered through the source; the built handler serves their feed.
    const tableName = `bundle-web-${Date.now()}`;
    const linked = {
      Table: { name: tableName },
      TokenKey: { value: "bundle-test-token-key-0123456789abcdef" },
      Settings: { mailDomain: "coffee.test", webUrl: "https://web.coffee.test" },
    };
    const awsEnv = {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_ENDPOINT_URL_DYNAMODB: inject("dynamoEndpoint"),
    };
    Object.assign(process.env, awsEnv);
    await ensureTable(awsClients().dynamo, tableName);
    const { statusUrl } = await registerUser(
      awsDeps(configFrom(linked), sesMailerOnFirstSend),
      "feed@example.com",
    );
    const path = `${new URL(statusUrl).pathname}/calendar.ics`;

    const script = [
      "const { handler } = await import(process.env.BUNDLE_URL);",
      "const path = process.env.FEED_PATH;",
      "const response = await handler({",
      '  version: "2.0", rawPath: path, rawQueryString: "", headers: { host: "web.coffee.test" }, isBase64Encoded: false,',
      '  requestContext: { domainName: "web.coffee.test", http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" } },',
      "});",
      "console.log(JSON.stringify(response));",
    ].join("\n");
    const run = runInNode(script, web.outfile, {
      ...awsEnv,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      FEED_PATH: path,
      SST_RESOURCE_Table: JSON.stringify(linked.Table),
      SST_RESOURCE_TokenKey: JSON.stringify(linked.TokenKey),
      SST_RESOURCE_Settings: JSON.stringify(linked.Settings),
    });
    expect(run.stderr).toBe("");
    const response = JSON.parse(run.stdout) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded: boolean;
    };
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/calendar/);
    const body = Buffer.from(response.body, response.isBase64Encoded ? "base64" : "utf8").toString("utf8");
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain("PRODID:-//coffeechat//status feed//EN");
  });

  it("the inbound bundle keeps the iCalendar parser, the command verbs, Windows zone names and the DKIM verifier out of its cold start", async () => {
    const inbound = await buildBundle("functions/inbound-mail.ts", outDir, "inbound");
    const atColdStart = inbound.coldOutputs.flatMap((o) =>
      Object.keys(inbound.metafile.outputs[o]?.inputs ?? {}),
    );
    expect(atColdStart.some((i) => i.includes("/windows-iana/"))).toBe(false);
    // Only mail with a calendar part loads ical.js; every mail loads the MIME parser.
    expect(atColdStart.some((i) => i.includes("/ical.js/"))).toBe(false);
    expect(atColdStart.some((i) => i.endsWith("core/invite/parse-invite.ts"))).toBe(false);
    expect(atColdStart.some((i) => i.includes("/postal-mime/"))).toBe(true);
    // Only replies and commands load the verbs; intake does not.
    expect(atColdStart.some((i) => i.endsWith("core/usecases/run-commands.ts"))).toBe(false);
    expect(atColdStart.some((i) => i.endsWith("core/commands/parse-commands.ts"))).toBe(false);
    // The verb table (and the help built from it) loads with mail that needs it, not at cold start.
    expect(atColdStart.some((i) => i.endsWith("core/interview/verbs.ts"))).toBe(false);
    expect(atColdStart.some((i) => i.endsWith("core/drafts/help.ts"))).toBe(false);
    // The verbs' use cases load with the verb table, not each with an import() of its own: every
    // such import made esbuild split the modules it shared with the handler into more small
    // chunks, each one more file every cold start loads.
    const ownEntries = Object.values(inbound.metafile.outputs).flatMap((o) => o.entryPoint ?? []);
    expect(ownEntries.filter((e) => /core\/usecases\/commands\/|core\/web\/status-reads/.test(e))).toEqual(
      [],
    );
    expect(atColdStart.some((i) => i.endsWith("core/usecases/log-intake.ts"))).toBe(true);
    expect(Object.keys(inbound.metafile.inputs).some((i) => i.includes("/ical.js/"))).toBe(true);
    // Only mail SES did not pass on DMARC loads the DKIM verifier and the public suffix list.
    expect(atColdStart.some((i) => i.includes("/mailauth/"))).toBe(false);
    expect(atColdStart.some((i) => i.includes("/tldts"))).toBe(false);
    expect(atColdStart.some((i) => i.endsWith("core/mail/verify-sender.ts"))).toBe(false);
    expect(atColdStart.some((i) => i.endsWith("core/usecases/sender-trust.ts"))).toBe(true);
    // No bundle contains the optional native re2, so the parsers' probes for it are compiled out.
    const built = Object.keys(inbound.metafile.outputs).map((o) => readFileSync(resolve(root, o), "utf8"));
    const inputs = Object.keys(inbound.metafile.inputs);
    expect(inputs.some((i) => i.includes("/email-forward-parser/"))).toBe(true);
    expect(inputs.some((i) => i.includes("/email-reply-parser/"))).toBe(true);
    expect(built.some((code) => /EMAIL_(FORWARD|REPLY)_PARSER_DISABLE_RE2|["']re2["']/.test(code))).toBe(
      false,
    );
    // Schemas are zod/mini, imported as a namespace: none of zod's locales ends up in the code.
    const bundled = Object.values(inbound.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    expect(bundled.some((i) => i.includes("/zod/v4/mini/"))).toBe(true);
    expect(bundled.filter((i) => i.includes("/zod/v4/locales/") || i.includes("/zod/v4/classic/"))).toEqual(
      [],
    );
    const [lazyChunk] = Object.entries(inbound.metafile.outputs).filter(([, o]) =>
      Object.keys(o.inputs).some((i) => i.includes("/windows-iana/")),
    );
    expect(lazyChunk).toBeDefined();
    // The chunk loads on its own, as the first Outlook invite of a cold function loads it.
    const chunk = (await import(pathToFileURL(resolve(root, lazyChunk?.[0] ?? "")).href)) as Record<
      string,
      unknown
    >;
    const findIana = Object.values(chunk).find((v) => typeof v === "function" && v.name === "findIana") as
      | ((name: string) => string[])
      | undefined;
    expect(findIana?.("W. Europe Standard Time")).toContain("Europe/Berlin");

    // The verifier's chunk loads on its own and verifies a real signature (mailauth bundled as ESM).
    const [verifierChunk] = Object.entries(inbound.metafile.outputs).filter(([, o]) =>
      Object.keys(o.inputs).some((i) => i.endsWith("core/mail/verify-sender.ts")),
    );
    const verifier = (await import(pathToFileURL(resolve(root, verifierChunk?.[0] ?? "")).href)) as Record<
      string,
      unknown
    >;
    const verifySender = Object.values(verifier).find(
      (v) => typeof v === "function" && v.name === "verifySender",
    ) as typeof import("../../core/mail/verify-sender.js").verifySender | undefined;
    const key = makeKey("example.com", "s1", "ed25519");
    const dns = new TestDns().publish(key);
    const at = new Date("2026-11-25T14:00:00Z");
    const mail = await signed("From: <you@example.com>\r\nSubject: hi\r\n\r\nhello\r\n", key, { at });
    await expect(
      verifySender?.(Buffer.from(mail), "you@example.com", {
        resolver: dns.resolve,
        trustedArcSealers: [],
        now: at,
      }),
    ).resolves.toEqual({ trusted: true, by: "dkim_aligned", domain: "example.com" });
  });
});
