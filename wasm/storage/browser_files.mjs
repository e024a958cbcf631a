// Picks where this browser can keep the database, best first, and opens its files:
//   "opfs"       sync access handles in the Origin Private File System (tier 1);
//   "indexeddb"  memory written back to IndexedDB after each commit (tier 2: no OPFS handles,
//                e.g. private windows and older Safari);
//   "memory"     nothing survives the tab (tier 3); the UI warns that offline storage is off.
// `storage` forces one tier (tests, and users who opt out); "auto" walks down the list.
import { IndexedDbFiles } from "./indexeddb_files.mjs";
import { MemoryFiles } from "./memory_files.mjs";
import { OpfsFiles } from "./opfs_files.mjs";
import { QuotaLimitedFiles } from "./quota_limited_files.mjs";

const kTiers = {
  opfs: { supported: () => OpfsFiles.supported(), open: (name) => OpfsFiles.open(name) },
  indexeddb: { supported: () => IndexedDbFiles.supported(), open: (name) => IndexedDbFiles.open(name) },
  memory: { supported: () => true, open: async () => new MemoryFiles() },
};

// One directory or IndexedDB database per signed-in user; the app passes the user id.
const kDatabaseName = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @returns {Promise<{files, tier: string, fallbackReasons: string[]}>} fallbackReasons says,
 *   for each better tier that was passed over, why.
 */
export async function openDatabaseFiles({ databaseName, storage = "auto", simulateQuotaBytes } = {}) {
  if (!kDatabaseName.test(databaseName ?? "")) {
    throw new TypeError("databaseName: expected 1 to 64 letters, digits, '_' or '-'");
  }
  if (storage !== "auto" && !(storage in kTiers)) {
    throw new TypeError(`storage: expected "auto", ${Object.keys(kTiers).map((t) => `"${t}"`).join(", ")}`);
  }
  const candidates = storage === "auto" ? Object.keys(kTiers) : [storage];
  const fallbackReasons = [];
  for (const tier of candidates) {
    const { supported, open } = kTiers[tier];
    if (!supported()) {
      fallbackReasons.push(`${tier}: not supported by this browser`);
      continue;
    }
    try {
      const files = await open(databaseName);
      // A test flag: makes writes beyond the given total size fail as an exhausted quota does.
      const limited = simulateQuotaBytes === undefined ? files : new QuotaLimitedFiles(files, simulateQuotaBytes);
      return { files: limited, tier, fallbackReasons };
    } catch (error) {
      fallbackReasons.push(`${tier}: ${error?.name ?? "Error"}: ${error?.message ?? error}`);
    }
  }
  throw new Error(`no storage could be opened (${fallbackReasons.join("; ")})`);
}
