// The relevance test set (tests/search/queries.json): real queries in bokmål, nynorsk, English
// and Sami against the demo data, each with the meeting places a person expects. Run through the
// API list (and the directory page for a few), on SQLite and, with MOTEPLASS_TEST_BACKEND=postgres,
// on PostgreSQL. Fails when precision or recall over the set falls below the floor recorded in
// the file (docs/SEARCH.md reports the figures); SEARCH_REPORT=1 prints every query's outcome.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server } from './harness.mjs';

const set = JSON.parse(readFileSync(path.join(ROOT, 'tests/search/queries.json'), 'utf8'));
const server = new Server({ demo: true });
before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

const plain = (name) => name.replace(/ \(eksempel\)$/, '');

async function found(q) {
  const res = await fetch(`${server.url}/api/v1/meeting-places?per_page=100&sort=relevance&q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200, q);
  const body = await res.json();
  return body.data.map((p) => plain(p.profile.name));
}

test('the relevance test set: precision and recall at or above the floor', async () => {
  assert.ok(set.queries.length >= 40, 'at least 40 queries');
  let relevant = 0; let retrieved = 0; let hits = 0; let exact = 0;
  const misranked = [];
  const lines = [];
  for (const { query, expect } of set.queries) {
    const got = await found(query);
    const tp = got.filter((n) => expect.includes(n)).length;
    relevant += expect.length; retrieved += got.length; hits += tp;
    const missed = expect.filter((n) => !got.includes(n));
    const extra = got.filter((n) => !expect.includes(n));
    if (!missed.length && !extra.length) exact += 1;
    // Ranked by relevance, what a person expects comes before anything else found.
    const firstExtra = got.findIndex((n) => !expect.includes(n));
    const lastExpected = Math.max(-1, ...expect.map((n) => got.indexOf(n)));
    if (firstExtra >= 0 && lastExpected > firstExtra) misranked.push(query);
    lines.push(`${missed.length || extra.length ? 'x' : ' '} ${query}: ${tp}/${expect.length} found, ${extra.length} more` +
      (missed.length ? `; missed ${missed.join(', ')}` : '') + (extra.length ? `; also ${extra.join(', ')}` : ''));
  }
  const precision = retrieved ? hits / retrieved : 1;
  const recall = relevant ? hits / relevant : 1;
  const summary = `${set.queries.length} queries, ${exact} exactly right; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`;
  if (process.env.SEARCH_REPORT) console.log([...lines, summary].join('\n'));
  assert.ok(precision >= set.floor.precision, `precision fell: ${summary}\n${lines.filter((l) => l.startsWith('x')).join('\n')}`);
  assert.deepEqual(misranked, [], 'an unexpected match ranked above an expected one');
  assert.ok(recall >= set.floor.recall, `recall fell: ${summary}\n${lines.filter((l) => l.startsWith('x')).join('\n')}`);
});

test('the directory page finds what the API finds', async () => {
  for (const query of ['Bergen', 'police forum', 'Politiets', 'innvandrarråd']) {
    const expect = set.queries.find((q) => q.query === query).expect;
    const res = await fetch(`${server.url}/moteplasser?q=${encodeURIComponent(query)}&lang=en`);
    assert.equal(res.status, 200);
    const html = await res.text();
    for (const name of expect) assert.ok(html.includes(name), `${query}: ${name} on the page`);
  }
});
