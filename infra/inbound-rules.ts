/**
 * Where coffeechat's SES receipt rule goes. SES keeps one active rule set per account and Region,
 * and only the active set receives mail, so a deploy must neither replace a set someone else
 * activated (their mail would stop) nor ever turn one off. Plain code, no SST globals.
 *
 * - No set is active: coffeechat creates its own set, adds its rule, and activates it.
 * - Its own set is active (an earlier deploy of this stage created it): it keeps declaring that set
 *   and its activation, adopting them (Pulumi `import`) when the stage's state no longer holds them
 *   (a stage removed and deployed again), so nothing is created twice and nothing is deleted.
 * - Another set is active (anyone's, another stage's): coffeechat adds its rule to that set and
 *   changes nothing else about it.
 *
 * Teardown removes only coffeechat's rule. A set coffeechat created stays, active (the resources
 * that created and activated it are kept on removal, `retainOnDelete`): deactivating it could turn
 * off rules other stages or other applications have added to it since. docs/deploy.md says how
 * to delete it by hand once nothing uses it.
 */
export type InboundRulePlan =
  | { kind: "create-and-activate"; ruleSet: string; summary: string }
  | { kind: "keep-own"; ruleSet: string; summary: string }
  | { kind: "join-active"; ruleSet: string; summary: string };

export function planInboundRules(input: {
  /** The set active in the Region now, or null when none is. */
  active: string | null;
  /** The set this stage creates when none is active (infra/names.ts). */
  ownRuleSet: string;
  ruleName: string;
  region: string;
}): InboundRulePlan {
  const { active, ownRuleSet, ruleName, region } = input;
  if (active === null) {
    return {
      kind: "create-and-activate",
      ruleSet: ownRuleSet,
      summary: `No receipt rule set was active in ${region}: created ${ownRuleSet}, added the rule ${ruleName} and activated it.`,
    };
  }
  if (active === ownRuleSet) {
    return {
      kind: "keep-own",
      ruleSet: ownRuleSet,
      summary: `The receipt rule set ${active} (created by this stage) is active in ${region}: the rule ${ruleName} stays in it.`,
    };
  }
  return {
    kind: "join-active",
    ruleSet: active,
    summary: `The receipt rule set ${active} (not created by this stage) is active in ${region}: added the rule ${ruleName} to it and left the set as it was.`,
  };
}

/**
 * The name of the active rule set, from the AWS provider's `getActiveReceiptRuleSet` lookup. The
 * provider answers "none active" with an error ("empty result"; terraform-provider-aws
 * active_receipt_rule_set_data_source.go), which is read here as null. Any other error stops the
 * deploy: guessing "none" could replace someone's active set.
 */
export async function activeRuleSetName(
  lookup: () => Promise<{ ruleSetName: string }>,
): Promise<string | null> {
  try {
    const { ruleSetName } = await lookup();
    return ruleSetName === "" ? null : ruleSetName;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/empty result|RuleSetDoesNotExist/i.test(message)) return null;
    throw new Error(
      `Could not read the active SES receipt rule set (ses:DescribeActiveReceiptRuleSet), so inbound mail was not set up: ${message}`,
      { cause: error },
    );
  }
}
