// Speed and open data (issue 13, items 9 and 5): lean list items (the kind and links; the
// classification's reasons on the single resource or with ?include=classification), public API
// answers cached like pages and emptied by the same writes, never for someone logged in, and
// `moteplass export --format csv|json` on the open-data schema, the same rows as ?format=csv.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, cli, councilBody, expectError } from './harness.mjs';

const server = new Server({ demo: true });
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('kari', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

test('list items carry the kind and links without the reasons; ?include=classification brings them back', async () => {
  const lean = await server.get('/api/v1/meeting-places?per_page=100');
  assert.equal(lean.status, 200);
  assert.ok(lean.body.data.length > 10);
  const full = await server.get('/api/v1/meeting-places?per_page=100&include=classification');
  assert.equal(full.status, 200);
  assert.ok(lean.text.length * 2 < full.text.length, `lean ${lean.text.length} bytes, full ${full.text.length}`);
  for (const [i, item] of lean.body.data.entries()) {
    assert.equal('classification' in item, false, `${item.name} has no classification in the list`);
    assert.ok('kind' in item && 'subtype' in item && 'computed_kind' in item);
    assert.equal(item.links.self, `/api/v1/meeting-places/${item.id}`);
    const withReasons = full.body.data[i];
    assert.equal(withReasons.id, item.id);
    assert.deepEqual({ ...withReasons, classification: undefined }, { ...item, classification: undefined });
    assert.equal(item.computed_kind, withReasons.classification?.kind ?? null);
  }
  // The single resource always has the reasons, in three languages.
  const forum = lean.body.data.find((p) => p.subtype === 'police_forum');
  assert.ok(forum, 'the demo data has a police forum');
  const one = await server.get(forum.links.self);
  assert.equal(one.body.classification.subtype, 'police_forum');
  assert.ok(one.body.classification.reasons.every((r) => r.text_nb && r.text_nn && r.text_en));
  expectError(await server.get('/api/v1/meeting-places?include=reasons'), 400, 'invalid', '/include');
});

test('public API answers are kept like pages, emptied by a write, and never served to someone logged in', async () => {
  const path = '/api/v1/meeting-places?county=03&per_page=100';
  const first = await server.get(path);
  const again = await server.get(path);
  assert.equal(again.headers.get('etag'), first.headers.get('etag'));
  assert.equal(again.text, first.text);
  const notModified = await server.get(path, { headers: { 'if-none-match': first.headers.get('etag') } });
  assert.equal(notModified.status, 304);

  // An unpublished record: the administrator sees it at once, a visitor never.
  const hidden = await server.post('/api/v1/meeting-places', { ...councilBody('0301', 'Skjult råd i Oslo'), public: false },
    { token: admin });
  assert.equal(hidden.status, 201);
  const asAdmin = await server.get(path, { token: admin });
  assert.ok(asAdmin.body.data.some((p) => p.name === 'Skjult råd i Oslo'));
  const asVisitor = await server.get(path);
  assert.ok(!asVisitor.body.data.some((p) => p.name === 'Skjult råd i Oslo'));
  // The visitor's answer does not become the administrator's either.
  assert.ok((await server.get(path, { token: admin })).body.data.some((p) => p.name === 'Skjult råd i Oslo'));

  // A published one: the list a visitor gets shows it at once.
  const shown = await server.post('/api/v1/meeting-places', councilBody('0301', 'Nytt råd i Oslo'), { token: admin });
  assert.equal(shown.status, 201);
  const after = await server.get(path);
  assert.equal(after.body.pagination.totalElements, first.body.pagination.totalElements + 1);
  assert.ok(after.body.data.some((p) => p.name === 'Nytt råd i Oslo'));

  // One meeting place: the cached answer keeps the version as its ETag, so If-Match still works,
  // and a change shows at once.
  const self = `/api/v1/meeting-places/${shown.body.id}`;
  assert.equal((await server.get(self)).headers.get('etag'), '"1"');
  assert.equal((await server.get(self)).headers.get('etag'), '"1"');
  const renamed = await server.put(self, councilBody('0301', 'Omdøpt råd i Oslo'), { token: admin, headers: { 'if-match': '"1"' } });
  assert.equal(renamed.status, 200);
  const now = await server.get(self);
  assert.equal(now.body.name, 'Omdøpt råd i Oslo');
  assert.equal(now.headers.get('etag'), '"2"');
  // Unpublished: gone for visitors at once.
  const unpublished = await server.put(self, { ...councilBody('0301', 'Omdøpt råd i Oslo'), public: false },
    { token: admin, headers: { 'if-match': '"2"' } });
  assert.equal(unpublished.status, 200);
  assert.equal((await server.get(self)).status, 404);
});

test('moteplass export --format csv gives the rows of ?format=csv, and --format json the same typed, null for unknown', async () => {
  const api = await server.get('/api/v1/meeting-places?format=csv&per_page=100');
  assert.equal(api.status, 200);
  const csv = cli(['export', '--format', 'csv', '--db', server.db, '--public-url', server.url]);
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal(csv.stdout, api.text, 'the same header and rows, byte for byte');

  const json = cli(['export', '--format', 'json', '--db', server.db, '--public-url', server.url]);
  assert.equal(json.status, 0, json.stderr);
  const table = JSON.parse(json.stdout);
  const pkg = (await server.get('/apne-data/datapakke.json')).body;
  assert.equal(table.schema_version, pkg.version);
  assert.equal(table.licence.name, 'NLOD-2.0');
  assert.deepEqual(table.fields, pkg.resources[0].schema.fields.map((f) => f.name));
  const lines = api.text.trimEnd().split('\r\n');
  assert.equal(table.data.length, lines.length - 1);
  const list = (await server.get('/api/v1/meeting-places?per_page=100')).body.data;
  for (const [i, row] of table.data.entries()) {
    assert.equal(row.id, list[i].id);
    assert.equal(row.name, list[i].name);
    assert.equal(row.url, `${server.url}/moteplasser/${list[i].id}`);
    assert.equal(row.kind, list[i].kind);
    assert.equal(typeof row.example, 'boolean');
    assert.equal(row.municipality, list[i].municipality || null, 'unknown is null, not ""');
  }

  // Without --format the export is still the round trip of every record, with its history.
  const records = cli(['export', '--db', server.db]);
  assert.equal(records.status, 0, records.stderr);
  const exported = JSON.parse(records.stdout);
  assert.ok(exported.length > table.data.length, 'unpublished records too');
  assert.ok(Array.isArray(exported[0].history));
  const bad = cli(['export', '--format', 'xml', '--db', server.db]);
  assert.equal(bad.status, 2);
});
