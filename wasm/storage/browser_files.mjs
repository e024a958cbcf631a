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
  opfs: {
    supported: () => OpfsFiles.supported(),
    open: (name) => OpfsFiles.open(name),
    remove: (name) => OpfsFiles.remove(name),
  },
  indexeddb: {
    supported: () => IndexedDbFiles.supported(),
    open: (name) => IndexedDbFiles.open(name),
    remove: (name) => IndexedDbFiles.remove(name),
  },
  memory: { supported: () => true, open: async () => new MemoryFiles(), remove: async () => {} },
};

const storeBusy = (tier, cause) =>
  Object.assign(
    new Error(`${tier}: the store's files are held by another tab or worker; close it, or try again in a moment (${cause?.message ?? cause})`),
    { name: "StoreBusy" },
  );

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
      // The tier works but another context still holds this store's files (a tab that is
      // closing, say). A lower tier would open a different, empty store, and what the user
      // wrote next would be kept apart from everything before: refuse instead.
      if (error?.name === "NoModificationAllowedError") throw storeBusy(tier, error);
      fallbackReasons.push(`${tier}: ${error?.name ?? "Error"}: ${error?.message ?? error}`);
    }
  }
  throw new Error(`no storage could be opened (${fallbackReasons.join("; ")})`);
}

/**
 * Where a database would be kept, found by opening the files of a throwaway one the way
 * openDatabaseFiles() would, and removing them again: before sign-in the app has no store of
 * its own, yet a parent in a private window should learn at once that nothing will be kept.
 * @returns {Promise<{tier: string, fallbackReasons: string[]}>}
 */
export async function probeDatabaseFiles({ storage = "auto" } = {}) {
  // Unique, so that tabs starting together do not contend for one probe; no user is named so.
  const databaseName = `_probe-${crypto.randomUUID()}`;
  const { files, tier, fallbackReasons } = await openDatabaseFiles({ databaseName, storage });
  files.close();
  await kTiers[tier].remove(databaseName);
  return { tier, fallbackReasons };
}
