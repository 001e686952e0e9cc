import { type ResourceNames, resourceNames } from "./names.js";
import { parseMailDomain, parseUsers, type StageSettings, stageSettings } from "./settings.js";

/**
 * Stage-aware configuration. Values that differ per installation and must persist between
 * deploys are SST secrets (`npx sst secret set <Name> <value> --stage <stage>`):
 * - MailDomain  the domain mail is received at and sent from (`log@<MailDomain>`)
 * - Users       comma-separated addresses allowed to use coffeechat
 * - TokenKey    ≥ 32 random characters tokens are derived from (`openssl rand -base64 48`)
 * Tunables (time zone, prompt hour, cadence, raw-mail retention, DNS mode, alarm address, trusted
 * ARC sealers) come from COFFEECHAT_* variables, see infra/settings.ts.
 */
export function createConfig() {
  const settings: StageSettings = stageSettings(process.env);
  const names: ResourceNames = resourceNames($app.name, $app.stage);

  // The domain is not secret; unsecret it so outputs and resource names can show it.
  const mailDomain = $util.unsecret(new sst.Secret("MailDomain").value.apply(parseMailDomain));
  const users = new sst.Secret("Users").value.apply(parseUsers);
  const tokenKey = new sst.Secret("TokenKey");

  const identity = aws.getCallerIdentityOutput({});
  const region = aws.getRegionOutput({});
  const partition = aws.getPartitionOutput({});

  const arn = (service: string, resource: $util.Input<string>) =>
    $interpolate`arn:${partition.partition}:${service}:${region.region}:${identity.accountId}:${resource}`;

  return {
    settings,
    names,
    mailDomain,
    users,
    tokenKey,
    isProd: $app.stage === "prod",
    accountId: identity.accountId,
    region: region.region,
    partition: partition.partition,
    /** ARNs of resources named in advance (see infra/names.ts), usable before they exist. */
    arns: {
      receiptRule: arn("ses", `receipt-rule-set/${names.receiptRuleSet}:receipt-rule/${names.receiptRule}`),
      configurationSets: arn("ses", "configuration-set/*"),
      scheduleGroup: arn("scheduler", `schedule-group/${names.scheduleGroup}`),
      schedulesInGroup: arn("scheduler", `schedule/${names.scheduleGroup}/*`),
      dispatchFunction: arn("lambda", `function:${names.dispatchFunction}`),
      /** Prefix of SES identity ARNs: append a domain or an address. */
      sesIdentityPrefix: arn("ses", "identity/"),
    },
  };
}

export type Config = ReturnType<typeof createConfig>;
