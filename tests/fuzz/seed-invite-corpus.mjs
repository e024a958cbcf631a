// Seeds the invite-link fuzzer with every input of the shared case table.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const [corpusDirectory] = process.argv.slice(2);
const table = JSON.parse(await readFile(new URL("../cases/invite_links.json", import.meta.url), "utf8"));
await Promise.all(table.cases.map((row, index) => writeFile(join(corpusDirectory, `seed-${index}`), row.input)));
