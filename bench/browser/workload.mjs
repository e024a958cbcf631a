// The messenger workload of bench/store_bench.cpp, in JS, so the browser figures describe the
// same data as the native ones: 200 chats, 40 senders, message ids ascending across pages,
// texts of 6–18 words from the same fixed list of fictional school phrases, one message in 97
// with a rare word. A different PRNG draws the words; only their distribution matters.

export const kChats = 200;
export const kPageMessages = 1000;
const kSenders = 40;
const kSearchableWordEvery = 97;
const kFirstServerTime = 1700000000000;

const kWords = [
  "завтра", "контрольная", "по", "математике", "родительское", "собрание", "в", "пятницу",
  "экскурсия", "в", "музей", "сбор", "у", "школы", "не", "забудьте", "сменную", "обувь", "и",
  "дневник", "спасибо", "домашнее", "задание", "урок", "перенесли", "на", "четверг", "ёлка",
];

// mulberry32: small, seedable and the same in every browser, so every contender gets the
// very same text.
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

// Words per message. "short" is bench/store_bench.cpp's 6–18 (about 150 bytes of UTF-8);
// "long" is 20–44 (about 400 bytes), as an independent harness used: search indexing grows with
// the text, so both sizes are measured.
export const kTextSizes = { short: [6, 18], long: [20, 44] };

function sentence(random, id, [fewest, most]) {
  const draw = (count) => Math.floor(random() * count);
  let text = "";
  for (let words = fewest + draw(most - fewest + 1); words > 0; --words) text += `${kWords[draw(kWords.length)]} `;
  if (id % kSearchableWordEvery === 0) text += "олимпиада";
  return text;
}

export const chatOf = (messageId) => 1 + (messageId % kChats);

/** The newest of messages 1..stored in `chatId`, for stored >= kChats. */
export const newestMessageIn = (chatId, stored) => stored - ((stored - chatId + 1) % kChats);

/**
 * The raw JSON text of one sync page; the page starting at message 1 also carries `me` and the
 * chats. `texts` is a key of kTextSizes.
 */
export function syncPageText(firstId, messages = kPageMessages, texts = "short") {
  const words = kTextSizes[texts];
  const random = seededRandom(firstId);
  const events = [];
  if (firstId === 1) {
    events.push({ type: "me", me: { userId: 1, roles: ["parent"] } });
    for (let chat = 1; chat <= kChats; ++chat) {
      const title = `Класс ${chat}`;
      events.push({ type: "chat", chat: { id: chat, kind: "parents_chat", classId: "5A", title, createdAt: 1 } });
    }
  }
  for (let id = firstId; id < firstId + messages; ++id) {
    events.push({
      type: "message",
      message: {
        id,
        chatId: chatOf(id),
        senderId: 1 + (id % kSenders),
        serverTime: kFirstServerTime + id * 1000,
        text: sentence(random, id, words),
      },
    });
  }
  return JSON.stringify({ cursor: `c-${firstId}`, more: false, events });
}
