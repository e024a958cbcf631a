// UI strings. Russian is the default: it is what students, parents and teachers read first.
// Sentences about invite codes come from core (in the locale asked for), not from here.
export const kStrings = {
  ru: {
    language: "Язык интерфейса",
    online: "В сети",
    offline: "Нет сети — данные на устройстве доступны",
    joinTitle: "Вступить по приглашению",
    joinHint: "Введите код с бумажного приглашения или вставьте ссылку от учителя. Регистр и дефисы не важны.",
    inviteLabel: "Код или ссылка-приглашение",
    codeValid: (display) => `Код верный: ${display}`,
    startupFailed: "Не удалось запустить приложение. Обновите страницу.",
    storageUnavailable:
      "Офлайн-хранилище недоступно: браузер не даёт сохранять данные (например, в приватном окне). Без сети сообщения читать не получится.",
  },
  en: {
    language: "Interface language",
    online: "Online",
    offline: "Offline — data on this device is still available",
    joinTitle: "Join by invite",
    joinHint: "Enter the code from a printed invite or paste the link from your teacher. Case and dashes do not matter.",
    inviteLabel: "Invite code or link",
    codeValid: (display) => `The code is valid: ${display}`,
    startupFailed: "The app could not start. Reload the page.",
    storageUnavailable:
      "Offline storage unavailable: this browser does not let the app keep data (a private window, for example). Messages cannot be read without a network.",
  },
};

export function text(locale, key, ...args) {
  const entry = (kStrings[locale] ?? kStrings.ru)[key];
  return typeof entry === "function" ? entry(...args) : entry;
}
