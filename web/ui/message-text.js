// A message's text as the page shows it: text nodes, with web links made clickable by a
// well-kept linkifier (linkifyjs, pinned) when their scheme is a safe one, and invite links
// to this school's server (core's extractInviteLinks) followed by a join card.
import { el } from "./dom.js";
import { text } from "../i18n.js";

const kSafeSchemes = new Set(["http:", "https:", "mailto:"]);
let linkify = null;

/** Loads the linkifier once; the chat view awaits it before its first render. */
export async function loadLinkifier() {
  linkify ??= await import("../vendor/linkify.mjs");
}

function safeHref(href) {
  try {
    const url = new URL(href);
    return kSafeSchemes.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The paragraph of `words`; `invites` is core's extractInviteLinks answer for it. */
export function messageParagraph(locale, words, invites) {
  const paragraph = el("p", { class: "message-text" });
  let at = 0;
  for (const found of linkify?.find(words) ?? []) {
    const href = found.type === "url" || found.type === "email" ? safeHref(found.href) : null;
    if (!href || found.start < at) continue;
    paragraph.append(words.slice(at, found.start));
    paragraph.append(el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, found.value));
    at = found.end;
  }
  paragraph.append(words.slice(at));
  const cards = invites.map((invite) => el("a", { class: "join-card", href: `/join/${invite.code}` },
    el("span", { class: "join-card-title" }, text(locale, "joinCardTitle")),
    el("span", { class: "invite-display" }, invite.display)));
  return cards.length ? [paragraph, el("div", { class: "join-cards" }, cards)] : paragraph;
}
