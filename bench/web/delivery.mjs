// A message from one person's screen to another's: two browsers, each signed in as a demo account
// in the same chat with it open. The sender types each message into the composer and clicks
// «Отправить»; the next one goes once the previous is shown on the receiver's screen and as
// «отправлено» on the sender's (one after another, never two in flight). Three moments per
// message, each taken in the page where it happens, by a capture-phase click listener and by
// MutationObservers on the message list, as performance.timeOrigin + performance.now(), which
// both browsers on this machine read from the same clock:
//   click     the sender's click on «Отправить»;
//   sent      the sender's screen shows the message as «отправлено» (core has the server's answer);
//   shown     the message is in the receiver's open chat (its long-poll brought it).
import { launchChromium } from "../../tests/browser/support/chromium.mjs";
import { kStepTimeoutMs, openChat, percentile, signedInAndSynced } from "./app-steps.mjs";

const kWatch = "__partaBenchDelivery";

function watchSending(watchName) {
  const epochNow = () => performance.timeOrigin + performance.now();
  const clicked = new Map();
  const sent = new Map();
  window[watchName] = { clicked, sent };
  const input = document.getElementById("composer-input");
  document.addEventListener("click", (event) => {
    if (event.target.closest?.("#send-button")) clicked.set(input.value, epochNow());
  }, true);
  new MutationObserver(() => {
    if (sent.size === clicked.size) return;
    for (const message of document.querySelectorAll("#message-list .message")) {
      const words = message.querySelector(".message-text")?.textContent;
      if (clicked.has(words) && !sent.has(words) && message.querySelector(".delivery.sent")) sent.set(words, epochNow());
    }
  }).observe(document.getElementById("message-list"), { childList: true, subtree: true, attributes: true, characterData: true });
}

function watchReceiving([watchName, prefix]) {
  const epochNow = () => performance.timeOrigin + performance.now();
  const shown = new Map();
  window[watchName] = { shown };
  new MutationObserver(() => {
    for (const text of document.querySelectorAll("#message-list .message-text")) {
      const words = text.textContent;
      if (words.startsWith(prefix) && !shown.has(words)) shown.set(words, epochNow());
    }
  }).observe(document.getElementById("message-list"), { childList: true, subtree: true, characterData: true });
}

async function signedInWithChatOpen(browser, server, login, chat) {
  const page = await signedInAndSynced(browser, server, login);
  await openChat(page, chat);
  return page;
}

const figuresOf = (values) => ({ p50Ms: percentile(values, 0.5), p99Ms: percentile(values, 0.99), maxMs: Math.max(...values) });

/** Answers {sends, shownMs: {p50Ms, p99Ms, maxMs}, sentMs: {…}, perMessage}. */
export async function measureDelivery(server, { sender, receiver, chat, messages }) {
  const sending = await launchChromium();
  const receiving = await launchChromium();
  try {
    const [from, to] = await Promise.all([
      signedInWithChatOpen(sending, server, sender, chat),
      signedInWithChatOpen(receiving, server, receiver, chat),
    ]);
    const prefix = `Замер доставки ${Date.now().toString(36)}:`;
    await from.evaluate(watchSending, kWatch);
    await to.evaluate(watchReceiving, [kWatch, prefix]);
    const composer = from.getByLabel("Сообщение");
    const send = from.getByRole("button", { name: "Отправить" });
    const wordsList = [];
    for (let i = 1; i <= messages; ++i) {
      const words = `${prefix} ${i} из ${messages}`;
      wordsList.push(words);
      await composer.fill(words);
      await send.click();
      await Promise.all([
        from.waitForFunction(([name, w]) => window[name].sent.has(w), [kWatch, words], { timeout: kStepTimeoutMs }),
        to.waitForFunction(([name, w]) => window[name].shown.has(w), [kWatch, words], { timeout: kStepTimeoutMs }),
      ]);
    }
    const { clicked, sent } = await from.evaluate((name) => ({
      clicked: Object.fromEntries(window[name].clicked),
      sent: Object.fromEntries(window[name].sent),
    }), kWatch);
    const shown = await to.evaluate((name) => Object.fromEntries(window[name].shown), kWatch);
    const perMessage = wordsList.map((words) => ({
      sentMs: sent[words] - clicked[words],
      shownMs: shown[words] - clicked[words],
    }));
    return {
      sends: messages,
      shownMs: figuresOf(perMessage.map((message) => message.shownMs)),
      sentMs: figuresOf(perMessage.map((message) => message.sentMs)),
      perMessage,
    };
  } finally {
    await Promise.all([sending.close(), receiving.close()]);
  }
}
