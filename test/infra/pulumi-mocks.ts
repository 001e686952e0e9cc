import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs infra/ modules offline under Pulumi's own mocks (`pulumi.runtime.setMocks`), with the
 * @pulumi/pulumi and @pulumi/aws that SST installs in .sst/platform (the versions a deploy uses).
 * SST's components need SST's engine, so the few the modules use are stood in for by plain
 * component resources that keep their arguments: tests assert what infra/ declares (IAM
 * statements, rule-set logic, dependencies), not how SST expands it.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const platformModules = join(root, ".sst/platform/node_modules");
const requirePlatform = createRequire(join(platformModules, "index.js"));

// biome-ignore lint/suspicious/noExplicitAny: Pulumi's CommonJS modules, typed where they are used.
type Any = any;

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, Any>;
  /** URNs of the resources it waits for (dependsOn and the outputs its inputs use). */
  dependencies: string[];
  retainOnDelete: boolean;
  /** The `import` option: adopt this existing resource ("" when created). */
  importId: string;
  urn: string;
}

export interface MockWorld {
  pulumi: Any;
  aws: Any;
  registered: Registered[];
  /** Arguments of the stand-in SST components, by name. */
  components: Map<string, Any>;
  byName(name: string): Registered;
  urnOf(name: string): string;
  /** Resolves an Output (or a plain value) to its value. */
  settle<T>(value: T | { apply: (f: (v: T) => void) => unknown }): Promise<T>;
  /** Waits until every resource created so far is registered. */
  flush(): Promise<void>;
}

/**
 * Loads an infra/ module that uses SST's globals. Through a computed path on purpose: the project's
 * tsconfig does not know those globals (tsconfig.infra.json type-checks these files).
 */
export function loadInfra(module: "email" | "scheduler" | "alarms" | "storage"): Promise<Any> {
  return import(join(root, "infra", `${module}.ts`));
}

export function platformInstalled(): boolean {
  return existsSync(join(platformModules, "@pulumi/aws/package.json"));
}

/**
 * Sets up the mocks and the globals infra/ uses (`aws`, `sst`, `$interpolate`, `$util`, `$app`).
 * `activeRuleSet`: what `aws.ses.getActiveReceiptRuleSet` answers (null: none active).
 */
export async function mockWorld(options: { activeRuleSet: string | null }): Promise<MockWorld> {
  const pulumi = requirePlatform("@pulumi/pulumi");
  const aws = requirePlatform("@pulumi/aws");
  const settingsModule = requirePlatform("@pulumi/pulumi/runtime/settings");
  const registered: Registered[] = [];
  const components = new Map<string, Any>();

  await pulumi.runtime.setMocks(
    {
      newResource(args: Any) {
        const arn = `arn:aws:mock:us-east-1:123456789012:${args.name}`;
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, arn, name: args.inputs.name ?? `${args.name}-name` },
        };
      },
      call(args: Any) {
        if (args.token === "aws:ses/getActiveReceiptRuleSet:getActiveReceiptRuleSet") {
          if (options.activeRuleSet === null) {
            // What the provider answers when no set is active (terraform-provider-aws); the
            // engine's gRPC error carries it in `details`, which Pulumi rethrows as the message.
            const details = "reading SES Active Receipt Rule Set: empty result";
            throw Object.assign(new Error(details), { details });
          }
          return {
            ruleSetName: options.activeRuleSet,
            arn: "arn",
            id: options.activeRuleSet,
            region: "us-east-1",
          };
        }
        if (args.token === "aws:iam/getPolicyDocument:getPolicyDocument") {
          return { json: JSON.stringify({ Statement: args.inputs.statements ?? [] }) };
        }
        return {};
      },
    },
    "coffeechat",
    "test",
  );

  const monitor = settingsModule.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: Any, callback: Any) => {
    const entry: Registered = {
      type: req.getType(),
      name: req.getName(),
      inputs: pulumi.runtime.deserializeProperties(req.getObject()),
      dependencies: req.getDependenciesList(),
      retainOnDelete: req.getRetainondelete() === true,
      importId: req.getImportid(),
      urn: "",
    };
    registered.push(entry);
    return register(req, (error: Any, response: Any) => {
      if (response) entry.urn = response.getUrn();
      callback(error, response);
    });
  };

  class Stand extends pulumi.ComponentResource {
    name: Any;
    arn: Any;
    constructor(kind: string, name: string, args: Any) {
      super(`test:sst:${kind}`, name, {}, {});
      components.set(name, args);
      this.name = pulumi.output(`${name}-name`);
      this.arn = pulumi.output(`arn:aws:mock:us-east-1:123456789012:${name}`);
      this.registerOutputs({});
    }
  }

  const sst = {
    Linkable: class extends Stand {
      constructor(name: string, definition: Any) {
        super("Linkable", name, definition);
      }
    },
    aws: {
      permission: (statement: Any) => statement,
      dns: () => ({ createRecord: () => undefined }),
      Cron: class extends Stand {
        constructor(name: string, args: Any) {
          super("Cron", name, args);
        }
      },
      Dynamo: class extends Stand {
        constructor(name: string, args: Any) {
          super("Dynamo", name, args);
        }
      },
      Bucket: class extends Stand {
        constructor(name: string, args: Any) {
          super("Bucket", name, args);
        }
      },
    },
  };

  Object.assign(globalThis, {
    aws,
    sst,
    $interpolate: pulumi.interpolate,
    $util: pulumi,
    $app: { name: "coffeechat", stage: "test" },
  });

  const settle = <T>(value: Any): Promise<T> =>
    new Promise((resolve) => {
      if (value && typeof value.apply === "function") value.apply((v: T) => resolve(v));
      else resolve(value);
    });

  const byName = (name: string): Registered => {
    const found = registered.filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`${found.length} resources named ${name} were registered`);
    return found[0] as Registered;
  };

  return {
    pulumi,
    aws,
    registered,
    components,
    byName,
    urnOf: (name) => byName(name).urn,
    settle,
    async flush() {
      // Registration happens once a resource's inputs resolve: let the queue drain.
      for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
