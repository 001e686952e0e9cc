import type { Condition } from "./write-plan.js";

/**
 * Placeholder bookkeeping for one DynamoDB request: every attribute name and value goes
 * through a placeholder, so reserved words (`state`, `at`) and any text are safe.
 */
export class Expressions {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private nameCount = 0;
  private valueCount = 0;

  name(attribute: string): string {
    const placeholder = `#n${this.nameCount++}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  condition(condition: Condition): string {
    switch (condition.type) {
      case "absent":
        return `attribute_not_exists(${this.name("pk")})`;
      case "in":
        // IN needs at least one value; "in none of no states" can never hold.
        if (condition.values.length === 0)
          return `attribute_exists(${this.name("pk")}) AND attribute_not_exists(${this.name("pk")})`;
        return `${this.name(condition.attribute)} IN (${condition.values.map((v) => this.value(v)).join(", ")})`;
      case "below":
        return `${this.name(condition.attribute)} < ${this.value(condition.value)}`;
      case "missing":
        return `attribute_not_exists(${this.name(condition.attribute)})`;
      case "anyOf":
        return condition.conditions.map((c) => `(${this.condition(c)})`).join(" OR ");
    }
  }

  /** The request fields, omitting empty maps (DynamoDB rejects them). */
  attributes(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    return {
      ...(this.nameCount > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.valueCount > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
