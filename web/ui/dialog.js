// A modal question with two answers, on the platform's <dialog>: it traps focus, closes on
// Escape and gives focus back to what opened it.
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
