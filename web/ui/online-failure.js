// The sentence for an online action that did not succeed: the server's own ({ru, en}), or
// that the server could not be reached. Anything else is a bug, and is thrown on.
import { ApiError, NoAnswer } from "../net/api.js";
import { localized, text } from "../i18n.js";

// `noAnswerKey`: what to say when nothing answered, where the action has its own words.
export function onlineFailureText(locale, error, noAnswerKey = "onlineNoAnswer") {
  if (error instanceof ApiError) return localized(locale, error.serverMessage) || error.code;
  if (error instanceof NoAnswer) return text(locale, noAnswerKey);
  throw error;
}
