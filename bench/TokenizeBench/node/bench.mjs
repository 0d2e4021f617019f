// Usage: node bench.mjs tokenizer.json docs.jsonl ids-out.jsonl
// Encodes each document once, one at a time, and prints {"tokens":N,"seconds":S}.
import { Tokenizer } from "@anush008/tokenizers";
import { readFileSync, writeFileSync } from "node:fs";

const [tokenizerPath, docsPath, idsPath] = process.argv.slice(2);
const tokenizer = Tokenizer.fromFile(tokenizerPath);
const docs = readFileSync(docsPath, "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l));
await tokenizer.encode("warm up", null, { addSpecialTokens: false });
const ids = [];
let tokens = 0;
const start = process.hrtime.bigint();
for (const doc of docs) {
  const encoding = await tokenizer.encode(doc, null, { addSpecialTokens: false });
  const docIds = encoding.getIds();
  tokens += docIds.length;
  ids.push(docIds);
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
writeFileSync(idsPath, ids.map((d) => JSON.stringify(d)).join("\n"));
console.log(JSON.stringify({ tokens, seconds }));
