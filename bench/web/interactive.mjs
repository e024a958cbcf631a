// When the app becomes usable, as the page itself sees it. An init script checks on every
// animation frame from the navigation's start, so a moment is a frame the browser drew:
//   sign-in interactive  the app says it has started (body[data-ready="true"]) on the sign-in
//                        screen, and the sign-in button is on screen and on top at its centre
//                        (elementFromPoint), so a click there would press it;
//   chat list interactive  the app has started on the chats screen, the list has at least one
//                        row (.chat-entry), and the first row is on top at its centre, so a
//                        click there would open that chat.
// Each is recorded as milliseconds since the navigation's time origin (performance.now(): the
// navigation's start, service worker start-up included) and as epoch milliseconds
// (performance.timeOrigin + performance.now()), which pages in other browsers share.
const kMarks = "__partaBenchMarks";

function markInteractive(marksName) {
  const marks = {};
  window[marksName] = marks;
  const onTop = (element) => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === element || element.contains(hit));
  };
  const mark = (name) => {
    const sinceNavigationMs = performance.now();
    marks[name] = { sinceNavigationMs, epochMs: performance.timeOrigin + sinceNavigationMs };
  };
  const check = () => {
    const body = document.body;
    if (body?.dataset.ready === "true") {
      if (!marks.signIn && body.dataset.screen === "sign-in" && onTop(document.getElementById("sign-in-button"))) mark("signIn");
      if (!marks.chats && body.dataset.screen === "chats" && onTop(document.querySelector("#chat-list .chat-entry"))) mark("chats");
    }
    if (!marks.chats) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Every page of `context` opened from now on records its interactive moments. */
export function recordInteractiveMoments(context) {
  return context.addInitScript(markInteractive, kMarks);
}

/** Waits for `name` ("signIn" or "chats") on `page`; answers {sinceNavigationMs, epochMs}. */
export async function interactiveMoment(page, name, timeoutMs) {
  const moment = await page.waitForFunction(
    ([marksName, markName]) => window[marksName]?.[markName],
    [kMarks, name],
    { timeout: timeoutMs },
  );
  return moment.jsonValue();
}
