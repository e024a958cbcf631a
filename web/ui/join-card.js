// Joining by an invite: the preview the server gives for a code core has already checked
// (destination, school, role, who invited), then joining or sending a request. A person who
// is not signed in creates their account here: a name, a login and a password, nothing else
// (001 §2.3: no phone, e-mail or outside profile). Every refusal is the server's sentence.
import { el, fill } from "./dom.js";
import { callApi } from "../net/api.js";
import { onlineFailureText } from "./online-failure.js";
import { text } from "../i18n.js";

const roleKey = (role) => `role_${role}`;

function field(id, labelKey, locale, attributes) {
  return [el("label", { for: id }, text(locale, labelKey)), el("input", { id, ...attributes })];
}

/**
 * Renders the preview of `code` into `container`. host: {locale(), signedIn(), joined(answer)}:
 * joined gets the accept answer ({user, joined} or {user, joinRequest}).
 */
export async function renderJoinCard(container, code, host) {
  const locale = host.locale();
  const status = el("p", { class: "result", role: "status", "aria-live": "polite" }, text(locale, "joinLoading"));
  fill(container, status);
  container.hidden = false;
  let invite;
  try {
    ({ invite } = await callApi("GET", `/api/v1/invites/preview?code=${encodeURIComponent(code)}`));
  } catch (error) {
    status.textContent = onlineFailureText(locale, error, "joinNoNetwork");
    status.dataset.state = "invalid";
    return;
  }
  const isParent = invite.role === "parent";
  const facts = el("dl", { class: "join-facts" },
    el("dt", {}, text(locale, "joinDestination")), el("dd", { class: "join-destination" }, invite.destination.title),
    el("dt", {}, text(locale, "joinSchool")), el("dd", {}, invite.school),
    el("dt", {}, text(locale, "joinRole")), el("dd", {}, text(locale, roleKey(invite.role)) ?? invite.role),
    el("dt", {}, text(locale, "joinInviter")), el("dd", {}, invite.inviter));
  const note = invite.requiresApproval ? el("p", { class: "hint" }, text(locale, "joinNeedsApproval")) : null;
  const result = el("p", { class: "result", role: "status", "aria-live": "polite" });
  const signedIn = host.signedIn();
  const form = el("form", { class: "join-form", novalidate: true },
    signedIn ? null : [
      el("p", { class: "hint" }, text(locale, "joinCreateAccount")),
      field("join-name", "joinName", locale, { autocomplete: "name", required: true, maxlength: 256 }),
      field("join-login", "loginLabel", locale, { autocomplete: "username", autocapitalize: "none", spellcheck: "false", required: true, maxlength: 64 }),
      field("join-password", "passwordLabel", locale, { type: "password", autocomplete: "new-password", required: true, maxlength: 256 }),
    ],
    isParent ? field("join-child", "joinChild", locale, { maxlength: 256, "aria-describedby": "join-child-hint" }) : null,
    isParent ? el("p", { id: "join-child-hint", class: "hint" }, text(locale, "joinChildHint")) : null,
    result,
    el("button", { type: "submit", class: "primary" }, text(locale, invite.requiresApproval ? "joinRequest" : "joinNow")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`)?.value.trim() ?? "";
    const body = { code };
    if (!signedIn) {
      const account = { name: value("join-name"), login: value("join-login"), password: form.querySelector("#join-password").value };
      if (!account.name || !account.login || !account.password) {
        result.textContent = text(locale, "joinNeedsAccount");
        return;
      }
      body.account = account;
    }
    if (isParent && value("join-child")) body.childName = value("join-child");
    const button = form.querySelector("button[type='submit']");
    button.disabled = true;
    result.textContent = text(locale, "joinSending");
    try {
      const answer = await callApi("POST", "/api/v1/invites/accept", body);
      result.textContent = text(locale, answer.joinRequest ? "joinRequested" : "joinDone");
      await host.joined(answer);
    } catch (error) {
      result.textContent = onlineFailureText(locale, error, "joinNoNetwork");
    } finally {
      button.disabled = false;
    }
  });
  fill(container, el("h3", { class: "join-title" }, text(locale, "joinPreviewTitle")), facts, note, form);
}
