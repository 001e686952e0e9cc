/**
 * Physical names that must be known before the resources they name exist: IAM conditions and
 * links refer to them (the SES rule's ARN in the bucket policy, the dispatch function's ARN in
 * the Schedules link it itself reads). Plain code, no SST globals.
 */
export interface ResourceNames {
  receiptRuleSet: string;
  receiptRule: string;
  scheduleGroup: string;
  dispatchFunction: string;
}

/** AWS limits shared by all four: 64 characters of letters, digits, `-` and `_`, starting alphanumeric. */
const AWS_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function resourceNames(app: string, stage: string): ResourceNames {
  const prefix = `${app}-${stage}`.replace(/[^A-Za-z0-9_-]/g, "-");
  const names = {
    receiptRuleSet: `${prefix}-inbound`,
    receiptRule: `${prefix}-inbox`,
    scheduleGroup: `${prefix}-prompts`,
    dispatchFunction: `${prefix}-prompt-due`,
  };
  for (const [kind, name] of Object.entries(names)) {
    if (!AWS_NAME.test(name)) {
      throw new Error(`The ${kind} name "${name}" is not a valid AWS name: use a shorter stage name.`);
    }
  }
  return names;
}
