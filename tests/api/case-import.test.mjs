// A year's cases from a spreadsheet (issue 10, item 3): CSV through the API and the command line,
// all or nothing, with a clear error per bad row naming row and column. The year is the report's
// kind: hearings from the city council, advice asked by the administration, an own initiative.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Server, cli, councilBody, expectError } from './harness.mjs';

const server = new Server();
const t = {};
let place;
let other;
const CSV = { 'content-type': 'text/csv; charset=utf-8' };

const YEAR = [
  'title;kind;from_body;case_number;received;deadline;statement;sent;public;decision_body;decision_date;decision_outcome',
  'Plan for bosetting av flyktninger;hearing;Bystyret;2025/101;05.01.2025;05.02.2025;"Rådet støtter planen;',
  'men ber om tolk.";01.02.2025;ja;Bystyret;20.03.2025;partly_followed',
  'Boligsosial handlingsplan;hearing;Bystyret;2025/102;01.05.2025;01.06.2025;Rådet støtter planen.;10.06.2025;;Bystyret;15.08.2025;not_followed',
  'Råd om informasjon til nyankomne;advice_request;Rådmannen;;01.03.2025;;;;;;;',
  'Norskopplæring for eldre innvandrere;own_initiative;;;01.06.2025;;Rådet ber om et tilbud på dagtid.;01.06.2025;;Bystyret;01.09.2025;followed',
  'Personalsak;advice_request;Rådmannen;;01.09.2025;;;;nei;;;',
].join('\r\n') + '\r\n';

const importCases = (id, body, token = t.secretary, headers = CSV) =>
  server.request('POST', `/api/v1/meeting-places/${id}/case-import`, { token, raw: body, headers });

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  t.researcher = server.addUser('forsker', 'researcher');
  t.national = server.addUser('imdi', 'national');
  place = (await server.post('/api/v1/meeting-places', councilBody('4601', 'Innvandrerrådet i Bergen (import)'), { token: t.admin })).body.id;
  other = (await server.post('/api/v1/meeting-places', councilBody('0301', 'Innvandrerrådet i Oslo (import)'), { token: t.admin })).body.id;
  t.secretary = server.addUser('sekretar', 'secretary', String(place));
});
after(async () => { await server.stop(); server.cleanup(); });

test('a year from a spreadsheet: every case stored, with its outcome, and the influence counts them', async () => {
  const r = await importCases(place, YEAR);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.imported, 5);
  assert.equal(r.body.data[0].statement, 'Rådet støtter planen;\nmen ber om tolk.');
  assert.equal(r.body.data[0].decision.outcome, 'partly_followed');
  assert.equal(r.body.data[4].public, false);
  const influence = await server.get(`/api/v1/meeting-places/${place}/influence`, { token: t.secretary });
  assert.equal(influence.status, 200, influence.text);
  assert.deepEqual(influence.body.total.cases, { hearing: 2, advice_request: 2, own_initiative: 1, information: 0 });
  assert.equal(influence.body.total.outcomes.followed, 1);
  assert.equal(influence.body.total.statements_after_deadline, 1);
  // The public sees the public ones only.
  const pub = await server.get(`/api/v1/meeting-places/${place}/cases?per_page=100`);
  assert.equal(pub.body.data.length, 4);
  // Each case has its history entry and audit row.
  const audit = cli(['audit', '--limit', '100', '--db', server.db]).stdout;
  assert.equal((audit.match(/\tsekretar\tcase\.create\tcase\t\d+\tok/g) ?? []).length, 5);
});

test('every bad row is named with its column, and nothing is stored', async () => {
  const before = (await server.get(`/api/v1/meeting-places/${place}/cases?per_page=100`, { token: t.secretary })).body.data.length;
  const bad = [
    'title,kind,received,deadline,sent',
    'Høring om tolketjenesten,hearing,01.02.2026,01.03.2026,',
    'Høring om skolen,høring,01.02.2026,,',
    'Høring om barnehagen,hearing,30.02.2026,,',
    'Høring om helse,hearing,01.04.2026,,01.03.2026',
  ].join('\n');
  const r = await importCases(place, bad);
  expectError(r, 400, 'invalid', '/rows/3/kind');
  assert.match(r.body.error.message, /3 rows are wrong/);
  assert.match(r.body.error.message, /row 3, column kind:/);
  assert.match(r.body.error.message, /row 4, column received: expected a date/);
  assert.match(r.body.error.message, /row 5, column sent:/);
  const after = (await server.get(`/api/v1/meeting-places/${place}/cases?per_page=100`, { token: t.secretary })).body.data.length;
  assert.equal(after, before, 'the good row was not stored either');
  expectError(await importCases(place, 'title,kind,farge\nx,hearing,rød\n'), 400, 'invalid', '/rows/1/farge');
  expectError(await importCases(place, 'title,kind,received\n'), 400, 'invalid', '/rows/2');
  expectError(await importCases(place, '[]', t.secretary, { 'content-type': 'application/json' }), 415, 'unsupported_media_type', '/headers/content-type');
});

test('who may import: the meeting place\'s managers only', async () => {
  const one = 'title,kind,received\nHøring om idrett,hearing,01.02.2026\n';
  expectError(await importCases(other, one), 403, 'forbidden');
  expectError(await importCases(place, one, t.researcher), 403, 'forbidden');
  expectError(await importCases(place, one, t.national), 403, 'forbidden');
  expectError(await importCases(place, one, null), 401);
  expectError(await importCases(999999, one, t.admin), 404);
  assert.equal((await importCases(other, one, t.admin)).status, 201);
});

test('the command line imports the same file, and names each bad row on a line of its own', () => {
  const file = path.join(server.dir, 'saker.csv');
  writeFileSync(file, YEAR);
  const ok = cli(['cases', 'import', String(other), file, '--db', server.db]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /imported 5 cases/);
  writeFileSync(file, 'title,kind,received\nx,hearing,01.02.2026\ny,hearing,i går\nz,møte,01.02.2026\n');
  const bad = cli(['cases', 'import', String(other), file, '--db', server.db]);
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /\nrow 3, column received: expected a date/);
  assert.match(bad.stderr, /\nrow 4, column kind:/);
  const stdin = cli(['cases', 'import', String(other), '-', '--db', server.db], 'title,kind,received\nHøring om kultur,hearing,2026-03-01\n');
  assert.equal(stdin.status, 0, stdin.stderr);
});
