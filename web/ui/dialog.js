// Modal dialogs on the platform's <dialog>: a question with two answers, and a panel. The
// platform traps focus and closes on Escape; focus goes back to what opened the dialog.
import { el } from "./dom.js";

/** Resolves true when the person confirms. */
export function confirmDialog({ title, lines, confirm, cancel }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = `dialog-title-${Date.now()}`;
    const dialog = el("dialog", { class: "dialog", "aria-labelledby": titleId },
      el("h2", { id: titleId }, title),
      lines.filter(Boolean).map((line) => el("p", {}, line)),
      el("form", { method: "dialog", class: "dialog-actions" },
        el("button", { type: "submit", value: "cancel", class: "secondary" }, cancel),
        el("button", { type: "submit", value: "confirm", class: "danger" }, confirm)));
    dialog.addEventListener("close", () => {
      dialog.remove();
      opener?.focus?.();
      resolve(dialog.returnValue === "confirm");
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * A modal panel: `title`, then `content` (nodes), then «Закрыть» (`closeLabel`). Focus goes
 * back to what opened it; the panel leaves the page when closed.
 */
export function openPanel({ className, titleId, title, content, closeLabel }) {
  const opener = document.activeElement;
  const dialog = el("dialog", { class: `dialog ${className}`, "aria-labelledby": titleId },
    el("h2", { id: titleId }, title),
    content,
    el("form", { method: "dialog", class: "dialog-actions" },
      el("button", { type: "submit", class: "secondary" }, closeLabel)));
  dialog.addEventListener("close", () => {
    dialog.remove();
    opener?.focus?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
