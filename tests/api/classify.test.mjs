// The typology through both doors: `moteplass classify` and POST /api/v1/classify give the
// expected kinds for every shared and report case, the same answers, and the contract's errors.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, cli, expectError, sharedCases, tempDir } from './harness.mjs';

const server = new Server();
before(() => server.start());
after(async () => { await server.stop(); server.cleanup(); });

function allCases() {
  const cases = sharedCases();
  const report = path.join(ROOT, 'tests/typology/report-cases.json');
  if (existsSync(report)) cases.push(...JSON.parse(readFileSync(report, 'utf8')));
  return cases;
}

test('the command line classifies every case as expected, and the API gives the same JSON', async () => {
  const cases = allCases();
  const profiles = cases.map((c) => c.case);
  const r = cli(['classify', '-'], JSON.stringify(profiles));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const results = JSON.parse(r.stdout);
  assert.equal(results.length, cases.length);
  cases.forEach((c, i) => {
    assert.equal(results[i].id, c.case.id);
    assert.equal(results[i].is_meeting_place, c.expect.is_meeting_place, c.case.id);
    assert.equal(results[i].kind, c.expect.kind, c.case.id);
    assert.equal(results[i].subtype, c.expect.subtype, c.case.id);
  });
  const api = await server.post('/api/v1/classify', profiles);
  assert.equal(api.status, 200);
  assert.deepEqual(api.body, results);
});

test('classify FILE reads a file; a single profile gives an array of one; text is for people', () => {
  const dir = tempDir();
  const file = path.join(dir, 'one.json');
  writeFileSync(file, JSON.stringify(sharedCases()[1].case));
  const r = cli(['classify', file]);
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  assert.equal(results.length, 1);
  assert.equal(results[0].kind, 'contact_committee');
  for (const [lang, words] of [['nb', 'Kontaktutvalg'], ['nn', 'Kontaktutval'], ['en', 'Contact committee']]) {
    const text = cli(['classify', '--format', 'text', '--lang', lang, file]);
    assert.equal(text.status, 0);
    assert.ok(text.stdout.includes(words), text.stdout);
  }
});

test('invalid input: exit 2, the message names profile and field, nothing on standard output; HTTP 400 with index', async () => {
  const profiles = sharedCases().map((c) => c.case);
  profiles[3] = { ...profiles[3], id: 'mp-17', seats: { ...profiles[3].seats, politicians: -2 } };
  const r = cli(['classify', '-'], JSON.stringify(profiles));
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /profile 3 \(id "mp-17"\): \/seats\/politicians: expected a whole number >= 0, got -2/);
  const api = await server.post('/api/v1/classify', profiles);
  expectError(api, 400, 'invalid_profile', '/seats/politicians');
  assert.equal(api.body.error.index, 3);
  assert.match(api.body.error.message, /profile 3 \(id "mp-17"\)/);
  const garbage = cli(['classify', '-'], '{nope');
  assert.equal(garbage.status, 2);
  assert.equal(garbage.stdout, '');
  expectError(await server.request('POST', '/api/v1/classify', { raw: '{nope' }), 400, 'invalid_json');
  expectError(await server.post('/api/v1/classify', 42), 400, 'invalid_profile');
  // A long wrong value with a non-ASCII letter across the 40th byte (found by fuzz/json_body; was a 500).
  const long = { ...profiles[0], authority_role: 'permanent'.padEnd(39, 'x') + 'ååå' };
  expectError(await server.post('/api/v1/classify', long), 400, 'invalid_profile', '/authority_role');
  const missing = cli(['classify', '/no/such/file.json']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read/);
  const usage = cli(['classify']);
  assert.equal(usage.status, 2);
});
