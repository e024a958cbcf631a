// The attachments a person opened, kept in the browser so that they open again with no network
// (issue 14). The bytes live in Cache Storage, in a cache of their own beside the service
// worker's shell caches, which its activation never deletes (it deletes only "parta-shell-*").
//
// The page keeps them, not the service worker: the page must know how an opening went, to say
// «файл не сохранён на этом устройстве» or the server's refusal beside the file and to mark it
// as saved, which a worker answering the browser's own download could not tell it; and it
// works where no worker controls the page (the first visit until the worker is active, the
// unbuilt web/ of development, a browser that refused the worker). Signing out deletes the
// cache from the page too (web/app.js), with the local store.
//
// An attachment never changes under its id (docs/protocol.md, "Attachments"), so a kept copy is
// answered first and the server is not asked again. Only a 200 is kept, as the server sent it:
// its Content-Type, Content-Disposition, nosniff and sandboxing CSP stay on the saved response.
import { downloadFile, NoAnswer } from "./api.js";

const kAttachmentCache = "parta-attachments";
const kAttachmentPath = /^\/api\/v1\/attachments\/(\d+)$/;

const attachmentPath = (attachmentId) => `/api/v1/attachments/${attachmentId}`;

// Tells the screens in this tab that the kept attachments were deleted (freed or wiped), so
// that no file is marked as saved any more. One being kept is marked where it was opened.
const forgotten = new EventTarget();

/** Calls `listener()` whenever the kept attachments are deleted. */
export function onKeptAttachmentsForgotten(listener) {
  forgotten.addEventListener("forgotten", () => listener());
}

/** Whether this browser has Cache Storage for the page (it needs a secure context). */
export const canKeepAttachments = () => typeof caches === "object";

// The cache, or null: none yet (unless `create`), or the browser refuses the page its Cache
// Storage (a private window may), in which case nothing could have been kept either.
async function keptCache({ create }) {
  if (!canKeepAttachments()) return null;
  try {
    if (!create && !(await caches.has(kAttachmentCache))) return null;
    return await caches.open(kAttachmentCache);
  } catch (error) {
    console.warn("Parta attachment cache unavailable", error?.name);
    return null;
  }
}

/** The ids (strings) of the attachments kept on this device. */
export async function keptAttachmentIds() {
  const cache = await keptCache({ create: false });
  const requests = cache ? await cache.keys() : [];
  return new Set(requests.map((request) => kAttachmentPath.exec(new URL(request.url).pathname)?.[1]).filter(Boolean));
}

/**
 * The attachment's bytes: the kept copy when there is one, else the server's, kept for next
 * time. Answers {blob, kept} (kept false when the browser would not store it, e.g. no space);
 * throws ApiError when the server refused (nothing kept) and NoAnswer when nothing answered.
 */
export async function openAttachment(attachmentId) {
  const path = attachmentPath(attachmentId);
  // Opened before the request: should the person sign out while it is on its way, the wipe
  // deletes this cache, and the late answer goes into the deleted one, not into a new cache
  // the next person would find.
  const cache = await keptCache({ create: true });
  const saved = await cache?.match(path, { ignoreVary: true });
  if (saved) return { blob: await saved.blob(), kept: true };
  const response = await downloadFile(path);
  const keeping = !cache ? Promise.resolve(false) : cache.put(path, response.clone()).then(() => true, (error) => {
    // Out of space (QuotaExceededError), or the body cut short: the person still gets the file
    // when it all came, just not kept; a body cut short is never kept in part.
    console.warn("Parta attachment not kept", error?.name);
    return false;
  });
  let blob;
  try {
    blob = await response.blob();
  } catch (error) {
    throw new NoAnswer(error);
  }
  return { blob, kept: await keeping };
}

/** What the kept attachments take: {count, bytes}. */
export async function keptAttachmentsSpace() {
  const cache = await keptCache({ create: false });
  // The saved body's own size: Content-Length may be the size on the wire, gzip-compressed.
  const responses = cache ? await cache.matchAll() : [];
  let bytes = 0;
  for (const response of responses) bytes += (await response.blob()).size;
  return { count: responses.length, bytes };
}

/** Deletes every kept attachment ("free up space", signing out, another person signing in). */
export async function forgetKeptAttachments() {
  if (!canKeepAttachments()) return;
  try {
    await caches.delete(kAttachmentCache);
  } catch (error) {
    // Refused like opening it (above), so nothing was kept; signing out goes on regardless.
    console.warn("Parta attachment cache not deleted", error?.name);
  }
  forgotten.dispatchEvent(new Event("forgotten"));
}
