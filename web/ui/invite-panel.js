// Invites into a chat, for whoever the policy lets invite: the form offers the roles core's
// inviteRoles names, starting from the server's defaults; a made link is shown as the link,
// the code typed out and a QR code, with a sheet to print for a parents' meeting. The chat's
// links can be revoked one by one, or all unused ones of the class at once (001 §3.3.9).
// Online actions: every refusal is the server's sentence.
import { el, fill } from "./dom.js";
import { openPanel } from "./dialog.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

const kDayMs = 24 * 60 * 60 * 1000;
const kSvg = "http://www.w3.org/2000/svg";

/** The QR code of `link` as SVG built node by node (the page's CSP allows no inline markup). */
async function qrCodeOf(link, label) {
  const { default: qrcode } = await import("../vendor/qrcode-generator.mjs");
  const code = qrcode(0, "M");
  code.addData(link);
  code.make();
  const modules = code.getModuleCount();
  const quiet = 4;
  const svg = document.createElementNS(kSvg, "svg");
  svg.setAttribute("viewBox", `0 0 ${modules + 2 * quiet} ${modules + 2 * quiet}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("class", "qr-code");
  const background = document.createElementNS(kSvg, "rect");
  for (const [name, value] of [["width", "100%"], ["height", "100%"], ["fill", "#fff"]]) background.setAttribute(name, value);
  svg.append(background);
  let path = "";
  for (let row = 0; row < modules; row += 1) {
    for (let column = 0; column < modules; column += 1) {
      if (code.isDark(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  const dark = document.createElementNS(kSvg, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.append(dark);
  return svg;
}

async function createdInvite(locale, chat, created) {
  const qr = await qrCodeOf(created.link, text(locale, "inviteQrLabel", chat.title));
  const sheet = el("section", { class: "print-sheet", "aria-label": text(locale, "invitePrintSheet") },
    el("h2", {}, chat.title),
    qr,
    el("p", { class: "print-code" }, created.display),
    // In Russian whatever the screen's language: the sheet is for the class's parents.
    el("ol", { class: "print-steps" },
      el("li", {}, "Откройте камеру телефона и наведите её на QR-код — или откройте в браузере адрес школы и нажмите «Вступить по приглашению»."),
      el("li", {}, `Если QR-код не открывается, введите код вручную: ${created.display}. Регистр и дефисы не важны.`),
      el("li", {}, "Укажите имя и придумайте логин и пароль. Телефон и почта не нужны.")));
  return el("div", { class: "invite-created" },
    el("p", { class: "result", role: "status" }, text(locale, "inviteCreated")),
    el("label", { for: "invite-link" }, text(locale, "inviteLink")),
    el("input", { id: "invite-link", class: "code", readonly: true, value: created.link }),
    el("p", {}, text(locale, "inviteCode"), " ", el("strong", { class: "invite-display" }, created.display)),
    sheet,
    el("button", { type: "button", class: "secondary", onclick: () => window.print() }, text(locale, "invitePrint")));
}

/** One link as its managers see it; `withDestination` names where it leads (the school's list). */
export function inviteItem(locale, invite, onRevoke, { withDestination = false } = {}) {
  const active = invite.state === "active";
  const facts = [text(locale, `role_${invite.role}`) ?? invite.role, text(locale, "inviteUses", invite.uses, invite.usageLimit),
    text(locale, `inviteState_${invite.state}`)];
  if (withDestination) facts.unshift(invite.destination.title);
  return el("li", { class: "invite-item", dataset: { inviteId: invite.id, state: invite.state } },
    el("span", { class: "invite-label" }, invite.label),
    el("span", { class: "hint" }, ` — ${facts.join(", ")}`),
    active ? el("button", { type: "button", class: "link-button", onclick: () => onRevoke(invite) }, text(locale, "inviteRevoke")) : null);
}

async function renderInviteList(container, locale, chat) {
  const query = chat.classId ? `?classId=${encodeURIComponent(chat.classId)}` : "";
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  let invites = [];
  try {
    ({ invites } = await callApi("GET", `/api/v1/invites${query}`));
  } catch (error) {
    status.textContent = onlineFailureText(locale, error);
  }
  const own = invites.filter((invite) => invite.destination.chatId === Number(chat.id) || (!invite.destination.chatId && invite.destination.classId === chat.classId));
  const act = async (call) => {
    try {
      await call();
      await renderInviteList(container, locale, chat);
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
    }
  };
  fill(container,
    el("h3", {}, text(locale, "inviteListTitle")),
    own.length ? el("ul", { class: "invite-list" }, own.map((invite) =>
      inviteItem(locale, invite, (revoked) => act(() => callApi("POST", `/api/v1/invites/${revoked.id}/revoke`, {}))))) :
      el("p", { class: "hint" }, text(locale, "inviteNone")),
    chat.classId && own.some((invite) => invite.state === "active" && invite.uses === 0)
      ? el("button", { type: "button", class: "secondary",
          onclick: () => act(() => callApi("POST", "/api/v1/invites/revoke-unused", { classId: chat.classId })) },
        text(locale, "inviteRevokeUnused"))
      : null,
    status);
}

/** Opens the invite dialog for `chat` (a ClientChat); `offer` is core's inviteRoles answer. */
export function openInvitePanel({ locale, chat, offer }) {
  const result = el("div", { class: "invite-result" });
  const list = el("div", { class: "invite-links" });
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const days = [1, 3, 7, 14, 30].filter((count) => count * kDayMs <= offer.maxLifetimeMs);
  const roleSelect = el("select", { id: "invite-role" },
    offer.roles.map(({ role }) => el("option", { value: role }, text(locale, `role_${role}`) ?? role)));
  const approval = el("input", { id: "invite-approval", type: "checkbox" });
  const syncApproval = () => {
    approval.checked = offer.roles.find(({ role }) => role === roleSelect.value)?.approvalByDefault ?? false;
  };
  roleSelect.addEventListener("change", syncApproval);
  syncApproval();
  const form = el("form", { class: "invite-form", novalidate: true },
    el("label", { for: "invite-role" }, text(locale, "inviteRole")), roleSelect,
    el("label", { for: "invite-label" }, text(locale, "inviteLabelField")),
    el("input", { id: "invite-label", maxlength: 256, value: chat.title, required: true }),
    el("label", { for: "invite-days" }, text(locale, "inviteExpires")),
    el("select", { id: "invite-days" }, days.map((count) => el("option", {
      value: count, selected: count * kDayMs === offer.defaultLifetimeMs ? true : null }, text(locale, "inviteDays", count)))),
    el("label", { for: "invite-limit" }, text(locale, "inviteLimit")),
    el("input", { id: "invite-limit", type: "number", min: 1, max: offer.maxUsageLimit, value: offer.defaultUsageLimit, required: true }),
    el("p", { class: "checkbox" }, approval, el("label", { for: "invite-approval" }, text(locale, "inviteApproval"))),
    status,
    el("button", { type: "submit", class: "primary" }, text(locale, "inviteCreate")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      destination: { chatId: Number(chat.id) },
      role: roleSelect.value,
      label: form.querySelector("#invite-label").value.trim(),
      expiresAt: Date.now() + Number(form.querySelector("#invite-days").value) * kDayMs,
      usageLimit: Number(form.querySelector("#invite-limit").value),
      requiresApproval: approval.checked,
    };
    status.textContent = text(locale, "joinSending");
    try {
      const created = await callApi("POST", "/api/v1/invites", body);
      status.textContent = "";
      fill(result, await createdInvite(locale, chat, created));
      await renderInviteList(list, locale, chat);
    } catch (error) {
      status.textContent = onlineFailureText(locale, error);
    }
  });
  openPanel({
    className: "invite-dialog",
    titleId: "invite-dialog-title",
    title: text(locale, "inviteTitle", chat.title),
    content: [form, result, list],
    closeLabel: text(locale, "close"),
  });
  renderInviteList(list, locale, chat);
}
