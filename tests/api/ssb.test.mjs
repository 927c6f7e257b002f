// `moteplass ssb import FILE.json` (contracts/analysis.md): SSB's JSON-stat 2.0 table read
// strictly (exit 2 naming the dimension or position, nothing written), replaced all or nothing,
// audited; and the advisor then reads the immigrant population a request leaves out
// (contracts/advisor.md). Runs on the backend the tests run on (MOTEPLASS_TEST_BACKEND).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, cli } from './harness.mjs';

const SAMPLE = path.join(ROOT, 'data/ssb-sample-09817.json');
const server = new Server();
before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

const sample = () => JSON.parse(readFileSync(SAMPLE, 'utf8'));
function writeTable(name, doc) {
  const file = path.join(server.dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
const sizeReason = (advice, kind) =>
  advice.ranking.find((r) => r.kind === kind).reasons.find((r) => r.criterion === 'size');

test('before any import the advisor does not know Alstahaug has few immigrants', async () => {
  const r = await server.post('/api/v1/advice', { municipality: '1820', need: 'both' });
  assert.equal(r.status, 200, r.text);
  assert.equal(sizeReason(r.body, 'dialogue'), undefined);
  const show = cli(['ssb', 'show', '--db', server.db]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /no table imported/);
});

test('a bad table is refused with exit 2, naming where, and nothing is written', () => {
  const cases = [
    [(d) => { d.dimension.Tid.category.index = { '2024K1': 0, 2023: 1 }; }, '/dimension/Tid/category/index/2024K1'],
    [(d) => { d.value[7] = -3; }, '/value/7'],
    [(d) => { d.value.pop(); }, '/value'],
    [(d) => { d.id.push('Kjonn'); d.size.push(2); d.dimension.Kjonn = { category: { index: { 1: 0, 2: 1 } } }; },
      '/dimension/Kjonn'],
    [(d) => { d.version = '1.0'; }, '/version'],
  ];
  for (const [spoil, pointer] of cases) {
    const doc = sample();
    spoil(doc);
    const r = cli(['ssb', 'import', writeTable('bad.json', doc), '--db', server.db]);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(r.stderr.includes(pointer), `${pointer}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
  const broken = path.join(server.dir, 'broken.json');
  writeFileSync(broken, '{"class": ');
  const notJson = cli(['ssb', 'import', broken, '--db', server.db]);
  assert.equal(notJson.status, 2);
  assert.match(cli(['ssb', 'show', '--db', server.db]).stdout, /no table imported/);
});

test('the sample imports, says what it read and that it is a sample, and is audited', () => {
  const r = cli(['ssb', 'import', SAMPLE, '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /12 municipalities/);
  assert.match(r.stderr, /SAMPLE/);
  assert.match(r.stderr, /regions left out/);
  const show = JSON.parse(cli(['ssb', 'show', '--db', server.db]).stdout);
  assert.equal(show.table_id, '09817');
  assert.equal(show.sample, true);
  assert.equal(show.latest_year, 2024);
  assert.equal(show.municipalities, 12);
  const audit = cli(['audit', '--limit', '5', '--db', server.db]);
  assert.match(audit.stdout, /ssb_table\.import/);
});

test('the advisor then reads the immigrant population a request leaves out', async () => {
  const r = await server.post('/api/v1/advice', { municipality: '1820', need: 'both' });
  assert.equal(r.status, 200, r.text);
  const reason = sizeReason(r.body, 'dialogue');
  assert.ok(reason, JSON.stringify(r.body.ranking[0]));
  assert.equal(reason.supports, true);
  assert.match(reason.text_nb, /Kommunen har \d+ innbyggere med innvandrerbakgrunn .*SSB 2024/);
  assert.match(reason.text_nn, /innbyggjarar med innvandrarbakgrunn .*SSB 2024/);
  // A number in the request wins over the table.
  const given = await server.post('/api/v1/advice', { municipality: '1820', need: 'both', immigrant_population: 4000 });
  assert.equal(sizeReason(given.body, 'dialogue'), undefined);
  // The command line, on the same database, gives the same advice.
  const c = cli(['advise', '--db', server.db, '-'], JSON.stringify({ municipality: '1820', need: 'both' }));
  assert.equal(c.status, 0, c.stderr);
  assert.deepEqual(JSON.parse(c.stdout), r.body);
});

test('a second import replaces the first whole', () => {
  const doc = sample();
  // Keep Oslo alone.
  const regions = Object.keys(doc.dimension.Region.category.index);
  const per = doc.value.length / regions.length;
  const at = doc.dimension.Region.category.index['0301'];
  doc.value = doc.value.slice(at * per, (at + 1) * per);
  doc.size[0] = 1;
  doc.dimension.Region.category.index = { '0301': 0 };
  doc.dimension.Region.category.label = { '0301': 'Oslo' };
  doc.status = {};
  const r = cli(['ssb', 'import', writeTable('oslo.json', doc), '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  const show = JSON.parse(cli(['ssb', 'show', '--db', server.db]).stdout);
  assert.equal(show.municipalities, 1);
});
