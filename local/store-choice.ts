import { join, relative } from "node:path";
import { JAVA_INSTALL_HINT, JAVA_NEEDED } from "./dynamodb-local.js";

/** Where the local stack keeps its table: DynamoDB Local (needs Java) or the embedded store (Node only). */
export type StoreKind = "dynamodb" | "embedded";

export const STORE_KINDS: readonly StoreKind[] = ["dynamodb", "embedded"];

/** The folder each store keeps its data in; the two never share data. */
export function storeFolder(dataDir: string, kind: StoreKind): string {
  return join(dataDir, kind);
}

export type StoreChoice = { kind: StoreKind; says: string } | { kind: null; problem: string };

/**
 * DynamoDB Local wherever Java is found (what runs on AWS, as close as it gets here); the
 * embedded store otherwise, or when COFFEECHAT_STORE asks for it. `says` is the line `npm start`
 * prints: which store, where its data is, and how to switch.
 */
export function chooseStore(options: {
  asked: StoreKind | undefined;
  javaFound: boolean;
  dataDir: string;
  cwd: string;
}): StoreChoice {
  const shown = (kind: StoreKind) => {
    const folder = storeFolder(options.dataDir, kind);
    const fromHere = relative(options.cwd, folder);
    return fromHere && !fromHere.startsWith("..") ? fromHere : folder;
  };
  const java = `Java ${JAVA_NEEDED}`;
  if (options.asked === "embedded") {
    return {
      kind: "embedded",
      says: `COFFEECHAT_STORE=embedded: embedded store in ${shown("embedded")}; unset it for DynamoDB Local`,
    };
  }
  if (options.javaFound) {
    return {
      kind: "dynamodb",
      says: `${java} found: DynamoDB Local, data in ${shown("dynamodb")} (COFFEECHAT_STORE=embedded runs without it)`,
    };
  }
  if (options.asked === "dynamodb") {
    return {
      kind: null,
      problem: `COFFEECHAT_STORE=dynamodb: DynamoDB Local needs ${java}: ${JAVA_INSTALL_HINT}`,
    };
  }
  return {
    kind: "embedded",
    says: `no ${java}: embedded store in ${shown("embedded")}; install ${java} for DynamoDB Local (${JAVA_INSTALL_HINT})`,
  };
}
