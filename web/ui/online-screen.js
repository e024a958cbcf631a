// The screens of online actions (creating a chat, the school's administration, invites) are
// loaded when first opened, so that the first visit does not wait for them; the service worker
// keeps them afterwards. One that cannot be loaded needed the server anyway: `onFailure` is told
// the sentence to show, and the answer is null.
import { text } from "../i18n.js";

export async function loadOnlineScreen(load, { locale, onFailure }) {
  try {
    return await load();
  } catch (error) {
    console.warn("Parta screen not loaded", error);
    onFailure(text(locale, "onlineNoAnswer"));
    return null;
  }
}
