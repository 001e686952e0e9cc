import { sstNodejsOptions } from "./bundle.js";
import type { Config } from "./config.js";
import type { Mail } from "./email.js";
import { type FunctionKey, functionLinks, handlers, type LinkName } from "./links.js";
import type { Scheduling } from "./scheduler.js";
import { reservedConcurrency, sizing } from "./sizing.js";
import type { Storage } from "./storage.js";

type FunctionArgs = sst.aws.FunctionArgs;

/** Shared by every handler: Node 22 on Graviton, bundled as infra/bundle.ts says. */
const base = {
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: sstNodejsOptions,
  logging: { retention: "1 month" },
} satisfies Partial<FunctionArgs>;

/**
 * The key status links, reply addresses and confirmation links are derived from: generated once per
 * stage and kept in the stage's state. Changing COFFEECHAT_TOKEN_KEY_VERSION generates a new one
 * (rotation; every link already sent stops working, docs/deploy.md).
 */
function createTokenKey(config: Config) {
  const key = new random.RandomPassword("TokenKeyValue", {
    length: 48,
    special: false,
    keepers: { version: config.settings.tokenKeyVersion },
  });
  return new sst.Linkable("TokenKey", { properties: { value: key.result } });
}

/**
 * The status pages are served through a Router (CloudFront), on the web domain when one is set.
 * Its URL exists before the web function does, so Settings (which holds it) is an ordinary link of
 * every function, the web function included.
 */
function createWebRouter(config: Config) {
  const { settings } = config;
  if (settings.webSubdomain === null) return new sst.aws.Router("WebRouter", {});
  return new sst.aws.Router("WebRouter", {
    domain: {
      name: config.webDomain.apply((domain) => domain ?? ""),
      dns: settings.dns === "route53" ? sst.aws.dns() : false,
      ...(settings.webCertArn ? { cert: settings.webCertArn } : {}),
    },
  });
}

export function createFunctions(config: Config, storage: Storage, scheduling: Scheduling, mail: Mail) {
  const router = createWebRouter(config);
  const settings = new sst.Linkable("Settings", {
    properties: {
      mailDomain: config.mailDomain,
      webUrl: router.url,
      defaultTimeZone: config.settings.defaultTimeZone,
      promptHour: config.settings.promptHour,
      cadenceMonths: config.settings.cadenceMonths,
      users: config.users,
      trustedArcSealers: config.settings.trustedArcSealers,
    },
  });

  const linkable: Record<LinkName, sst.Linkable<Record<string, unknown>>> = {
    Table: storage.table,
    TokenKey: createTokenKey(config),
    Settings: settings,
    RawMail: storage.rawMail,
    Schedules: scheduling.schedules,
    Mailer: mail.mailer,
  };

  // Async functions hand events Lambda gave up on to the failure queue (wireScheduling).
  const toFailureQueue = [{ actions: ["sqs:SendMessage"], resources: [scheduling.failedInvocations.arn] }];

  const define = (name: string, fn: FunctionKey, extra: Partial<FunctionArgs> = {}) =>
    new sst.aws.Function(name, {
      ...base,
      ...sizing[fn],
      ...(config.settings.reservedConcurrency ? { concurrency: { reserved: reservedConcurrency[fn] } } : {}),
      handler: handlers[fn],
      link: functionLinks[fn].map((link) => linkable[link]),
      ...extra,
    });

  // Public (the token in the link is the key), same-origin only, reached through the Router.
  const web = define("Web", "web", {
    url: { router: { instance: router }, authorization: "none", cors: false },
  });
  const inbound = define("Inbound", "inbound", { permissions: toFailureQueue });
  // Named in advance: the Schedules link it reads holds its own ARN.
  const dispatch = define("PromptDue", "dispatch", {
    name: config.names.dispatchFunction,
    permissions: toFailureQueue,
  });
  const sweep = define("SweepFunction", "sweep");
  const feedback = define("MailFeedbackFunction", "feedback", { permissions: toFailureQueue });

  return { router, web, inbound, dispatch, sweep, feedback };
}

export type Functions = ReturnType<typeof createFunctions>;
