import { type ResourceNames, resourceNames } from "./names.js";
import {
  checkStageName,
  mailFromDomainOf,
  parseMailDomain,
  parseUsers,
  prodStage,
  type StageSettings,
  stageMailDomain,
  stageSettings,
  webDomainOf,
} from "./settings.js";

/**
 * Stage-aware configuration. Values that differ per installation and must persist between
 * deploys are SST secrets (`npx sst secret set <Name> <value> --stage <stage>`):
 * - MailDomain  the domain `prod` receives and sends mail at (`log@<MailDomain>`); every other
 *               stage uses `<stage>.<MailDomain>` (infra/settings.ts, stageMailDomain)
 * - Users       comma-separated addresses allowed to use coffeechat
 * The key tokens are derived from is generated (infra/functions.ts). Tunables (time zone, prompt
 * hour, cadence, raw-mail retention, DNS mode, alarm address, web domain, trusted ARC sealers) come from COFFEECHAT_*
 * variables, see infra/settings.ts.
 */
export function createConfig() {
  const settings: StageSettings = stageSettings(process.env);
  checkStageName($app.stage);
  const names: ResourceNames = resourceNames($app.name, $app.stage);
  const isProd = $app.stage === prodStage;

  // The domain is not secret; unsecret it so outputs and resource names can show it.
  const mailDomain = $util.unsecret(
    new sst.Secret("MailDomain").value.apply((value) => stageMailDomain(parseMailDomain(value), $app.stage)),
  );
  const users = new sst.Secret("Users").value.apply(parseUsers);

  const identity = aws.getCallerIdentityOutput({});
  const region = aws.getRegionOutput({}).region.apply((region) => {
    // sst.config.ts sets the provider's Region from the same variable; a mismatch means it was bypassed.
    if (region !== settings.region) {
      throw new Error(
        `The AWS provider deploys to ${region} but COFFEECHAT_REGION says ${settings.region}: set COFFEECHAT_REGION (docs/deploy.md, Region).`,
      );
    }
    return region;
  });
  const partition = aws.getPartitionOutput({});

  const arn = (service: string, resource: $util.Input<string>) =>
    $interpolate`arn:${partition.partition}:${service}:${region}:${identity.accountId}:${resource}`;

  return {
    settings,
    names,
    mailDomain,
    mailFromDomain: mailDomain.apply(mailFromDomainOf),
    webDomain: mailDomain.apply((domain) => webDomainOf(settings, domain)),
    users,
    isProd,
    accountId: identity.accountId,
    region,
    partition: partition.partition,
    /** ARNs of resources named in advance (see infra/names.ts), usable before they exist. */
    arns: {
      configurationSets: arn("ses", "configuration-set/*"),
      scheduleGroup: arn("scheduler", `schedule-group/${names.scheduleGroup}`),
      schedulesInGroup: arn("scheduler", `schedule/${names.scheduleGroup}/*`),
      dispatchFunction: arn("lambda", `function:${names.dispatchFunction}`),
      /** Prefix of SES identity ARNs: append a domain or an address. */
      sesIdentityPrefix: arn("ses", "identity/"),
      /**
       * This stage's receipt rule, in whichever set it lives (infra/inbound-rules.ts picks the set
       * at deploy time; the name is this stage's own). For ArnLike conditions.
       */
      receiptRule: arn("ses", `receipt-rule-set/*:receipt-rule/${names.receiptRule}`),
    },
  };
}

export type Config = ReturnType<typeof createConfig>;
