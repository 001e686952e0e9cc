import { sstNodejsOptions } from "./bundle.js";
import type { Config } from "./config.js";
import type { Mail } from "./email.js";
import { type FunctionKey, functionLinks, handlers, type LinkName } from "./links.js";
import type { Scheduling } from "./scheduler.js";
import type { Storage } from "./storage.js";

type FunctionArgs = sst.aws.FunctionArgs;

/** Shared by every handler: Node 22 on Graviton, bundled as infra/bundle.ts says. */
const base = {
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: sstNodejsOptions,
  logging: { retention: "1 month" },
} satisfies Partial<FunctionArgs>;

/** Sized per job: parsing mail needs CPU (which scales with memory); the rest is I/O. */
const sizing = {
  inbound: {
    memory: "1024 MB",
    timeout: "30 seconds",
    description: "SES inbound mail → log people and meetings",
  },
  dispatch: { memory: "512 MB", timeout: "30 seconds", description: "A prompt's schedule fired → send it" },
  sweep: {
    memory: "512 MB",
    timeout: "5 minutes",
    description: "Hourly: fire prompts whose schedule was lost",
  },
  web: { memory: "512 MB", timeout: "10 seconds", description: "The private status page" },
  feedback: {
    memory: "256 MB",
    timeout: "15 seconds",
    description: "SES bounces and complaints → stop prompts",
  },
} satisfies Record<FunctionKey, Partial<FunctionArgs>>;

export function createFunctions(config: Config, storage: Storage, scheduling: Scheduling, mail: Mail) {
  const linkable: Partial<Record<LinkName, sst.Linkable<Record<string, unknown>> | sst.Secret>> = {
    Table: storage.table,
    TokenKey: config.tokenKey,
    RawMail: storage.rawMail,
    Schedules: scheduling.schedules,
    Mailer: mail.mailer,
  };

  const linksOf = (fn: FunctionKey) =>
    functionLinks[fn].map((name) => {
      const resource = linkable[name];
      if (!resource) throw new Error(`Link ${name} of the ${fn} function is not created yet`);
      return resource;
    });

  // Async functions hand events Lambda gave up on to the failure queue (wireScheduling).
  const toFailureQueue = [{ actions: ["sqs:SendMessage"], resources: [scheduling.failedInvocations.arn] }];

  const define = (name: string, fn: FunctionKey, extra: Partial<FunctionArgs> = {}) =>
    new sst.aws.Function(name, {
      ...base,
      ...sizing[fn],
      handler: handlers[fn],
      link: linksOf(fn),
      ...extra,
    });

  // The web function comes first: Settings carries its URL.
  const web = define("Web", "web", { url: { authorization: "none", cors: false } });

  const settingsProperties = {
    mailDomain: config.mailDomain,
    webUrl: web.url,
    defaultTimeZone: config.settings.defaultTimeZone,
    promptHour: config.settings.promptHour,
    cadenceMonths: config.settings.cadenceMonths,
    users: config.users,
    trustedArcSealers: config.settings.trustedArcSealers,
  };
  linkable.Settings = new sst.Linkable("Settings", { properties: settingsProperties });
  // The same Resource.Settings value for the web function itself (see linksAfterCreation).
  web.addEnvironment({ SST_RESOURCE_Settings: $jsonStringify(settingsProperties) });

  const inbound = define("Inbound", "inbound", { permissions: toFailureQueue });
  // Named in advance: the Schedules link it reads holds its own ARN.
  const dispatch = define("PromptDue", "dispatch", {
    name: config.names.dispatchFunction,
    permissions: toFailureQueue,
  });
  const sweep = define("SweepFunction", "sweep");
  const feedback = define("MailFeedbackFunction", "feedback", { permissions: toFailureQueue });

  return { web, inbound, dispatch, sweep, feedback };
}

export type Functions = ReturnType<typeof createFunctions>;
