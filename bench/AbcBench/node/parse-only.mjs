// node parse-only.mjs TUNES_JSON RESULT_JSON PASSES
// Times abcjs parseOnly over every tune text inside this one process; startup and file reading are outside the clock.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const abcjs = require('abcjs');
const version = require('abcjs/package.json').version;

const [tunesPath, resultPath, passesArg] = process.argv.slice(2);
const passes = Math.max(1, Number(passesArg ?? 5));
const tunes = JSON.parse(readFileSync(tunesPath, 'utf8'));

function parseAll() {
  let parsed = 0;
  let withWarnings = 0;
  let failures = 0;
  for (const text of tunes) {
    try {
      const result = abcjs.parseOnly(text);
      parsed += result.length;
      if (result.some((t) => t.warnings && t.warnings.length > 0)) withWarnings++;
    } catch {
      failures++;
    }
  }
  return { parsed, withWarnings, failures };
}

const warmStart = process.hrtime.bigint();
const first = parseAll();
const warmupMs = Number(process.hrtime.bigint() - warmStart) / 1e6;

const passMs = [];
for (let i = 0; i < passes; i++) {
  const start = process.hrtime.bigint();
  parseAll();
  passMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}

writeFileSync(resultPath, JSON.stringify({
  version,
  node: process.version,
  tunes: tunes.length,
  tunesParsed: first.parsed,
  tunesWithWarnings: first.withWarnings,
  failures: first.failures,
  warmupMs,
  passMs,
}));
