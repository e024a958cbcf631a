// The school server's HTTP API as the page uses it: JSON in and out, the CSRF header on every
// state-changing request (docs/protocol.md, "Sessions"), and one error shape. It translates
// and decides nothing: codes and sentences are the server's.

/** A request that got no answer at all: no network, the server down, or the deadline passed. */
export class NoAnswer extends Error {
  constructor(cause) {
    super(`no answer from the server: ${cause?.message ?? cause}`);
    this.name = "NoAnswer";
  }
}

/** The server answered with an error: `code` and `message` ({ru, en}) are its own. */
export class ApiError extends Error {
  constructor(status, body) {
    super(`${status} ${body?.error?.code ?? ""}`);
    this.name = "ApiError";
    this.status = status;
    this.code = body?.error?.code ?? `HTTP_${status}`;
    this.serverMessage = body?.error?.message ?? null;
  }
}

const kDefaultTimeoutMs = 15000;

/**
 * Performs one request. Answers {status, text} for every HTTP answer (errors included); throws
 * NoAnswer when none came. `signal` aborts it as if the network had gone.
 */
export async function exchange(method, path, { body = null, contentType = "application/json", timeoutMs = kDefaultTimeoutMs, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-Parta-Request"] = "1";
  if (body !== null) headers["Content-Type"] = contentType;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signals = signal ? AbortSignal.any([deadline, signal]) : deadline;
  try {
    const response = await fetch(path, { method, headers, body, credentials: "same-origin", signal: signals });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new NoAnswer(error);
  }
}

function parsed(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An online action: its JSON answer, or ApiError / NoAnswer. */
export async function callApi(method, path, value) {
  const answer = await exchange(method, path, { body: value === undefined ? null : JSON.stringify(value) });
  const body = parsed(answer.text);
  if (answer.status >= 200 && answer.status < 300) return body ?? {};
  throw new ApiError(answer.status, body);
}

// A 10 MiB file over a weak mobile link takes minutes, not the seconds a JSON call is given.
const kUploadTimeoutMs = 300000;

/** Uploads a file's bytes as they are (the server reads the type from the content). */
export async function uploadFile(path, file) {
  const answer = await exchange("POST", path, { body: file, contentType: "application/octet-stream", timeoutMs: kUploadTimeoutMs });
  const body = parsed(answer.text);
  if (answer.status >= 200 && answer.status < 300) return body ?? {};
  throw new ApiError(answer.status, body);
}

/**
 * Downloads a file: the server's 200 answer as it came (its headers kept), to be read or
 * stored; ApiError for any other answer, NoAnswer when none came (within an upload's time).
 */
export async function downloadFile(path) {
  let response;
  try {
    response = await fetch(path, { credentials: "same-origin", signal: AbortSignal.timeout(kUploadTimeoutMs) });
  } catch (error) {
    throw new NoAnswer(error);
  }
  if (response.status === 200) return response;
  throw new ApiError(response.status, parsed(await response.text().catch(() => "")));
}
