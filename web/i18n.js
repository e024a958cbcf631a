// UI strings. Russian is the default: it is what students, parents and teachers read first,
// and it is always here; English is loaded when a person chooses it, so that the first visit
// does not download both (docs/web.md, the budget). Sentences about invite codes, refusals and
// store errors come from core or the server (in both languages), not from here; these are the
// screens' own words.
import { ru } from "./i18n/ru.js";

const kStrings = { ru };

/** Makes `locale`'s words available to text(); until then (or if it cannot load) Russian shows. */
export async function loadLocale(locale) {
  if (locale === "en") kStrings.en ??= (await import("./i18n/en.js")).en;
}

export function text(locale, key, ...args) {
  const entry = (kStrings[locale] ?? kStrings.ru)[key];
  return typeof entry === "function" ? entry(...args) : entry;
}

/** A {ru, en} sentence from core or the server, in the UI's language. */
export function localized(locale, message) {
  return (locale === "en" ? message?.en : message?.ru) ?? message?.ru ?? "";
}
