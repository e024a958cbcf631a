// Hand-written types for parta.mjs (Emscripten 3.1.6 cannot generate them).
// Keep in step with wasm/bindings/*.cpp; docs/invite-links.md specifies the behaviour.

/** Stable machine codes of invite parsing; the UI shows `message`, code checks `error`. */
export type InviteErrorCode =
  | "EMPTY"
  | "TOO_LONG"
  | "BAD_SCHEME"
  | "HOST_NOT_ALLOWED"
  | "BAD_URL"
  | "BAD_LENGTH"
  | "BAD_ALPHABET"
  | "BAD_CHECKSUM";

/** "ru" (the default) or "en"; any other tag falls back to Russian. */
export type Locale = "ru" | "en" | string;

export type InviteParseResult =
  | { ok: true; code: string; display: string }
  | { ok: false; error: InviteErrorCode; message: string };

export interface FoundInviteLink {
  /** The exact text of the link inside the message. */
  link: string;
  /** Canonical 27-symbol code. */
  code: string;
  /** Code in groups of four joined by "-". */
  display: string;
}

export interface PartaModule {
  /**
   * Parses a bare code or an invite link (https://HOST/join/CODE, https://HOST/?invite=CODE,
   * parta://join/CODE). `allowedHosts` entries are "host" or "host:port". Never throws for
   * bad input: the result says what is wrong, in `locale` (Russian by default).
   */
  parseInviteLink(input: string, allowedHosts: string[], locale?: Locale): InviteParseResult;

  /** Valid invite links inside a chat message, in order, one per code. */
  extractInviteLinks(text: string, allowedHosts: string[]): FoundInviteLink[];

  /** Display form ("ABCD-EFGH-…") of any parseable code, or "" when it is not a code. */
  formatInviteCode(code: string): string;

  /** A fresh canonical code from crypto.getRandomValues. */
  generateInviteCode(): string;
}

export interface PartaModuleOptions {
  /** Where to find parta.wasm when it is not beside parta.mjs. */
  locateFile?(path: string, scriptDirectory: string): string;
  /** The wasm bytes, to skip fetching them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export default function createParta(options?: PartaModuleOptions): Promise<PartaModule>;
