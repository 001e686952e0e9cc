/**
 * Writes transactions into an embedded store as fast as it can and prints the number of each
 * one the store acknowledged, until killed. Run by embedded-store.test.ts.
 * Usage: crash-writer.ts <folder> <first number>
 */
import { openEmbeddedStore } from "../../../core/store/embedded-store.js";
import { aUser } from "../../support/entities.js";
import { crashTransaction } from "./crash-transaction.js";

const [folder, first] = process.argv.slice(2);
if (!folder || first === undefined) throw new Error("usage: crash-writer.ts <folder> <first number>");
// A small snapshot threshold, so kills land during snapshots too.
const store = openEmbeddedStore(folder, { snapshotBytes: 64 * 1024 });
// The profile, without which there is no account to read the contacts from.
await store.commit("usr_crash", [{ op: "putUser", user: aUser({ id: "usr_crash" }), ifNew: true }]);
for (let n = Number(first); ; n++) {
  const result = await store.commit("usr_crash", crashTransaction(n));
  if (!result.ok) throw new Error(`transaction ${n} was refused`);
  process.stdout.write(`${n}\n`);
}
