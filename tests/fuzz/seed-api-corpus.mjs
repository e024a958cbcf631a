// Seeds the API request fuzzer with one well-formed request per endpoint, as people of the
// fuzzer's school send them. Byte 0: method (bits 0-2: GET, POST, DELETE), CSRF header (bit 3),
// whose cookie (bits 4-6: 1 admin, 2 teacher, 3 student, 4 parent, 5 stranger).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

const [corpusDirectory] = process.argv.slice(2);
const GET = 0, POST = 1, DELETE = 2, CSRF = 8;
const as = (person) => person << 4;
const uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
const requests = [
  [POST | CSRF, "/api/v1/session", { login: "parent", password: "correct horse battery staple" }],
  [DELETE | CSRF | as(4), "/api/v1/session", null],
  [GET | as(3), "/api/v1/sync?limit=100", null],
  [GET | as(2), "/api/v1/sync?since=v1-1-3&limit=10", null],
  [POST | CSRF | as(2), "/api/v1/messages", { clientId: uuid, chatId: 2, text: "Завтра экскурсия", replyTo: null }],
  [POST | CSRF | as(2), "/api/v1/messages",
    { clientId: uuid.replace("0f", "1f"), chatId: 2, text: "Кто поедет?",
      poll: { question: "Кто поедет?", multipleChoice: false, options: ["Мы", "Не сможем"] } }],
  [POST | CSRF | as(2), "/api/v1/messages/1/edit", { clientId: uuid.replace("0f", "2f"), chatId: 2, text: "Сбор в 9:30" }],
  [POST | CSRF | as(3), "/api/v1/messages/2/votes", { clientId: uuid.replace("0f", "3f"), chatId: 2, optionIds: [1] }],
  [POST | CSRF | as(2), "/api/v1/messages/1/delete", { clientId: uuid.replace("0f", "4f"), chatId: 2 }],
  [POST | CSRF | as(3), "/api/v1/chats/2/read", { clientId: uuid.replace("0f", "5f"), lastReadId: 1 }],
  [GET | as(4), "/api/v1/sessions", null],
  [DELETE | CSRF | as(1), "/api/v1/users/4/sessions", null],
  [GET | as(1), "/api/v1/audit?limit=10", null],
  [DELETE | CSRF | as(5), "/api/v1/account", { password: "correct horse battery staple" }],
];
await Promise.all(requests.map(([control, target, body], index) => {
  const text = `${target}\n${body === null ? "" : JSON.stringify(body)}`;
  return writeFile(join(corpusDirectory, `seed-${index}`), Buffer.concat([Buffer.from([control]), Buffer.from(text)]));
}));
