// `moteplass copy`: a whole register moves from a SQLite file to PostgreSQL and back (SQLite to
// SQLite when MOTEPLASS_TEST_PG is unset) unchanged: the export is identical, the history and
// the audit log survive (with one "register.copy" row per copy), a token made on the source
// works against a server on the copy, and search works there. A copy goes only into an empty
// register, never onto its own source, and is all or nothing.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Server, cli, councilBody, freshDatabase, psql, tempDir } from './harness.mjs';

const PG = process.env.MOTEPLASS_TEST_PG;
const PASSWORD = 'et-langt-passord-123';

function ok(args, input = '') {
  const r = cli(args, input);
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

const dir = tempDir();
const databases = [];
let source;

// A register with something of everything: the demo data, an account with a token, and writes
// through a running server (create, update, a recorded kind, a delete), so that it has history.
before(async () => {
  const db = path.join(dir, 'source.sqlite');
  ok(['demo', 'load', '--db', db]);
  ok(['user', 'add', 'kari', '--role', 'admin', '--db', db], `${PASSWORD}\n`);
  const token = ok(['token', 'create', 'kari', '--db', db]).stdout.trim();
  const server = await new Server({ dir, db }).start();
  try {
    const created = await server.post('/api/v1/meeting-places', councilBody('0301', 'Kopirådet i Oslo'), { token });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    const body = councilBody('0301', 'Kopirådet i Oslo');
    body.description = 'Endret før kopien, om møteplassene.';
    const any = { 'if-match': '*' };
    assert.equal((await server.put(`/api/v1/meeting-places/${id}`, body, { token, headers: any })).status, 200);
    const kind = await server.put(`/api/v1/meeting-places/${id}/kind`, { kind: 'dialogue', justification: 'Håndplukket.' }, { token, headers: any });
    assert.equal(kind.status, 200, kind.text);
    const doomed = await server.post('/api/v1/meeting-places', councilBody('4601', 'Kortlivet råd'), { token });
    assert.equal((await server.del(`/api/v1/meeting-places/${doomed.body.id}`, { token, headers: any })).status, 204);
    const history = await server.get(`/api/v1/meeting-places/${id}/history`, { token });
    assert.equal(history.status, 200);
    assert.equal(history.body.data.length, 3);
    source = { db, token, id, history: history.body.data };
  } finally {
    await server.stop();
  }
});

after(() => {
  for (const name of databases) psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

// A fresh PostgreSQL database, dropped after the tests.
function pgDatabase() {
  const url = freshDatabase();
  databases.push(url.split('/').pop());
  return url;
}

const TABLES = ['audit', 'counties', 'history', 'meeting_places', 'municipalities', 'region_counties', 'regions',
  'settings', 'tokens', 'users'];

function copy(from, to) {
  const r = cli(['copy', '--from', from, '--to', to]);
  assert.equal(r.status, 0, `copy ${from} -> ${to}: ${r.stderr}`);
  for (const table of TABLES) assert.match(r.stdout, new RegExp(`^  ${table} +\\d+ rows? +[0-9a-f]{64}$`, 'm'), r.stdout);
  assert.match(r.stdout, /^  meeting_places +(\d+) rows/m);
  assert.ok(Number(/^ {2}meeting_places +(\d+) rows/m.exec(r.stdout)[1]) > 10);
  assert.doesNotMatch(r.stdout, /sessions|DIFFERS/);
  assert.match(r.stdout, /\ncopied \d+ tables \(\d+ rows\) from .+ to .+: row counts and checksums match\n$/);
  return r;
}

// Checks a server on `db` (a copy): the source's token works, for reading history and for
// writing, and search finds what the source had.
async function checkServer(db, expectedCopies) {
  const server = new Server({ dir: tempDir(), db });
  await server.start();
  try {
    const history = await server.get(`/api/v1/meeting-places/${source.id}/history`, { token: source.token });
    assert.equal(history.status, 200, history.text);
    assert.deepEqual(history.body.data, source.history);
    const found = await server.get('/api/v1/meeting-places?q=kopirådet');
    assert.deepEqual(found.body.data.map((m) => m.name), ['Kopirådet i Oslo']);
    assert.equal(found.body.data[0].kind, 'dialogue');
    const byDescription = await server.get('/api/v1/meeting-places?q=møteplassene&municipality=0301');
    assert.ok(byDescription.body.data.some((m) => m.id === source.id), byDescription.text);
    // A write with the copied token: a new record after the copied ones.
    const created = await server.post('/api/v1/meeting-places', councilBody('1103', `Etter kopi ${expectedCopies}`), { token: source.token });
    assert.equal(created.status, 201, created.text);
    assert.ok(created.body.id > source.id);
    assert.equal((await server.del(`/api/v1/meeting-places/${created.body.id}`, { token: source.token, headers: { 'if-match': '*' } })).status, 204);
  } finally {
    await server.stop();
    server.cleanup();
  }
}

test(`copy moves a whole register ${PG ? 'from SQLite to PostgreSQL and back' : 'from SQLite to SQLite'}, unchanged`, async () => {
  const back = path.join(dir, 'back.sqlite');
  const hops = [];
  if (PG) {
    const pg = pgDatabase();
    hops.push([source.db, pg], [pg, back]);
  } else {
    hops.push([source.db, back]);
  }
  for (const [from, to] of hops) copy(from, to);

  // The register itself: the export of the copy is the source's, byte for byte.
  const exported = ok(['export', '--db', source.db]).stdout;
  assert.ok(JSON.parse(exported).length > 10);
  assert.equal(ok(['export', '--db', back]).stdout, exported);
  if (PG) assert.equal(ok(['export', '--db', hops[0][1]]).stdout, exported);

  // The audit log: the source's, and above it one "register.copy" by cli per copy.
  const sourceAudit = ok(['audit', '--limit', '100000', '--db', source.db]).stdout.trim().split('\n');
  const copyAudit = ok(['audit', '--limit', '100000', '--db', back]).stdout.trim().split('\n');
  assert.equal(copyAudit.length, sourceAudit.length + hops.length);
  for (const line of copyAudit.slice(0, hops.length)) assert.match(line, /^\S+Z\tcli\tregister\.copy\tregister\t-\tok$/);
  assert.deepEqual(copyAudit.slice(hops.length), sourceAudit);
  assert.ok(sourceAudit.some((line) => line.includes('\tkari\tmeeting_place.update\t')));
  assert.ok(sourceAudit.some((line) => line.includes('\ttoken.create\t')));

  // The accounts, with their roles and states.
  assert.equal(ok(['user', 'list', '--db', back]).stdout, ok(['user', 'list', '--db', source.db]).stdout);

  // History, search and the source's token, on a server on each copy.
  if (PG) await checkServer(hops[0][1], 1);
  await checkServer(back, hops.length);
  // The source is as it was.
  assert.equal(ok(['export', '--db', source.db]).stdout, exported);
});

test('copy refuses a target that is not empty, naming what it holds, and leaves it as it was', async () => {
  const target = path.join(dir, 'occupied.sqlite');
  ok(['user', 'add', 'ola', '--role', 'admin', '--db', target], `${PASSWORD}\n`);
  const before = ok(['audit', '--db', target]).stdout;
  const r = cli(['copy', '--from', source.db, '--to', target]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^moteplass copy: the target register is not empty \(users 1 row, audit 1 row\)|^moteplass copy: the target register is not empty \(audit 1 row, users 1 row\)/);
  assert.match(r.stderr, /nothing was copied/);
  assert.equal(r.stdout, '');
  assert.equal(ok(['audit', '--db', target]).stdout, before);
  assert.match(ok(['user', 'list', '--db', target]).stdout, /^ola\t/);
  assert.doesNotMatch(ok(['user', 'list', '--db', target]).stdout, /kari/);
  assert.equal(JSON.parse(ok(['export', '--db', target]).stdout).length, 0);

  // A register with the demo data holds meeting places.
  const demo = path.join(dir, 'demo.sqlite');
  ok(['demo', 'load', '--db', demo]);
  const refused = cli(['copy', '--from', source.db, '--to', demo]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /not empty \(.*meeting_places \d+ rows/);

  if (PG) {
    // A PostgreSQL database that holds a copy already.
    const pg = pgDatabase();
    copy(source.db, pg);
    const again = cli(['copy', '--from', source.db, '--to', pg]);
    assert.equal(again.status, 2, again.stderr);
    assert.match(again.stderr, /not empty \(.*meeting_places \d+ rows/);
    assert.match(again.stderr, new RegExp(`${pg.split('/').pop()} is as it was`));
    assert.equal(psql("SELECT COUNT(*) FROM audit WHERE action = 'register.copy'", pg), '1');
  }
});

test('copy refuses to copy a register onto itself, or from nothing', async () => {
  const same = cli(['copy', '--from', source.db, '--to', source.db]);
  assert.equal(same.status, 2);
  assert.match(same.stderr, /the same register/);
  // The same file by another name.
  const other = `${dir}/./source.sqlite`;
  const aliased = cli(['copy', '--from', source.db, '--to', other]);
  assert.equal(aliased.status, 2, aliased.stderr);
  assert.match(aliased.stderr, /are the same register/);
  if (PG) {
    const pg = pgDatabase();
    const aliasedPg = cli(['copy', '--from', pg, '--to', `${pg}?application_name=another`]);
    assert.equal(aliasedPg.status, 2, aliasedPg.stderr);
    assert.match(aliasedPg.stderr, /are the same register/);
  }

  const missing = path.join(dir, 'missing.sqlite');
  const target = path.join(dir, 'never.sqlite');
  const r = cli(['copy', '--from', missing, '--to', target]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /there is no register at .*missing\.sqlite/);
  assert.equal(existsSync(missing), false);
  assert.equal(existsSync(target), false);
  assert.equal(cli(['copy', '--from', source.db]).status, 2);  // --to is required
});

test('copy --help says what it does', () => {
  const r = cli(['copy', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--from/);
  assert.match(r.stdout, /--to/);
});
