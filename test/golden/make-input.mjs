// Makes a golden input from a real run's report.json: the same data, smaller. A case keeps its
// first ten steps and four cleanup steps, each step its first exchange; bodies are cut to 400
// characters and the mock Mozrest's log to twelve calls.
// Reporters never re-decide anything, so a trimmed report renders like the original, only shorter.
//   node test/golden/make-input.mjs reports/<run>/report.json test/golden/inputs/<name>.json
import { readFileSync, writeFileSync } from 'node:fs';

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error('usage: make-input.mjs REPORT.json OUT.json');
const report = JSON.parse(readFileSync(from, 'utf8'));
const cut = (text) => (typeof text === 'string' && text.length > 400 ? text.slice(0, 400) : text);
const trimExchange = (ex) => ({
  ...ex,
  request: { ...ex.request, body: cut(ex.request.body) },
  ...(ex.response ? { response: { ...ex.response, body: cut(ex.response.body) } } : {}),
});
const trimStep = (s) => ({ ...s, exchanges: s.exchanges.slice(0, 1).map(trimExchange) });
report.cases = report.cases.map((c) => ({ ...c, steps: c.steps.slice(0, 10).map(trimStep), cleanup: c.cleanup.slice(0, 4).map(trimStep) }));
if (report.mozrest) report.mozrest.calls = report.mozrest.calls.slice(0, 12).map((c) => ({ ...c, bodyText: cut(c.bodyText) }));
writeFileSync(to, `${JSON.stringify(report)}\n`);
