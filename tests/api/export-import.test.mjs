// Export and import round-trip everything (issue 14, finding 8): ids, the example flag, recorded
// kinds and history. An export imported into an empty register exports as the same file; imported
// again it changes nothing; a changed file updates the records by id and never duplicates them.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { POSTGRES, Server, cli, councilBody, freshDatabase, psql, tempDir } from './harness.mjs';

const server = new Server();
const dir = tempDir();
let admin;
before(async () => {
  await server.start();
  assert.equal(cli(['demo', 'load', '--db', server.db]).status, 0);
  admin = server.addUser('eksportor', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

function exported(db, name) {
  const file = path.join(dir, name);
  const r = cli(['export', '--output', file, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return { file, records: JSON.parse(readFileSync(file, 'utf8')) };
}

function imported(file, db) {
  const r = cli(['import', file, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
}

test('an export imported into an empty register, and then again, exports as the same file', async () => {
  const created = await server.post('/api/v1/meeting-places', councilBody('4601', 'Rundtursrådet'), { token: admin });
  assert.equal(created.status, 201, created.text);
  const id = created.body.id;
  const changed = { ...councilBody('4601', 'Rundtursrådet'), description: 'Endret før eksporten.' };
  assert.equal((await server.put(`/api/v1/meeting-places/${id}`, changed, { token: admin, headers: { 'if-match': '"1"' } })).status, 200);
  const kind = await server.put(`/api/v1/meeting-places/${id}/kind`, { kind: 'dialogue', justification: 'Håndplukket.', version: 2 }, { token: admin });
  assert.equal(kind.status, 200, kind.text);
  const doomed = await server.post('/api/v1/meeting-places', councilBody('0301', 'Slettet før eksporten'), { token: admin });
  assert.equal((await server.del(`/api/v1/meeting-places/${doomed.body.id}`, { token: admin, headers: { 'if-match': '*' } })).status, 204);

  const source = exported(server.db, 'a.json');
  const ours = source.records.find((r) => r.id === id);
  assert.ok(ours, 'the record is in the export');
  assert.equal(ours.example, false);
  assert.equal(ours.recorded_kind.kind, 'dialogue');
  assert.deepEqual(ours.history.map((h) => h.action), ['create', 'update', 'record_kind']);
  assert.ok(source.records.some((r) => r.example), 'the example records are marked');
  assert.ok(!source.records.some((r) => r.id === doomed.body.id), 'a deleted record is not exported');

  const target = POSTGRES ? freshDatabase() : path.join(dir, 'b.sqlite');
  try {
    imported(source.file, target);
    assert.deepEqual(exported(target, 'b.json').records, source.records);
    imported(source.file, target);  // again: nothing changes, nothing is duplicated
    assert.deepEqual(exported(target, 'b2.json').records, source.records);

    // A changed file updates the records it names, by id.
    const edited = structuredClone(source.records);
    edited.find((r) => r.id === id).description = 'Endret i fila.';
    edited.find((r) => r.id === id).recorded_kind = null;
    const file = path.join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    imported(file, target);
    const after = exported(target, 'c.json').records;
    assert.equal(after.length, source.records.length);
    const record = after.find((r) => r.id === id);
    assert.equal(record.description, 'Endret i fila.');
    assert.equal(record.recorded_kind, null);
    assert.deepEqual(record.history.map((h) => h.action), ['create', 'update', 'record_kind', 'update', 'record_kind']);

    // A server on the imported register goes on from the largest id.
    const copy = new Server({ db: target });
    await copy.start();
    try {
      const token = copy.addUser('etterpa', 'admin');
      const next = await copy.post('/api/v1/meeting-places', councilBody('1103', 'Etter importen'), { token });
      assert.equal(next.status, 201, next.text);
      assert.ok(next.body.id > Math.max(...source.records.map((r) => r.id)));
      assert.equal((await copy.get(`/api/v1/meeting-places/${id}`)).body.kind, 'council');
    } finally {
      await copy.stop();
    }
  } finally {
    if (POSTGRES) psql(`DROP DATABASE IF EXISTS ${target.split('/').pop()} WITH (FORCE)`);
  }
});

test('an import refuses a bad id, kind or history naming the record and the field, and stores nothing', () => {
  const target = POSTGRES ? freshDatabase() : path.join(dir, 'bad.sqlite');
  try {
    const good = { ...councilBody('0301', 'Godt råd'), id: 7 };
    for (const [bad, pointer] of [[{ id: -1 }, '/id'], [{ example: 'ja' }, '/example'],
      [{ recorded_kind: { kind: 'club', justification: 'x' } }, '/recorded_kind/kind'],
      [{ history: [{ at: '2026-01-01T00:00:00Z' }] }, '/history/0']]) {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify([good, { ...councilBody('0301', 'Dårlig råd'), ...bad }]));
      const r = cli(['import', file, '--db', target]);
      assert.equal(r.status, 2, `${JSON.stringify(bad)}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`record 1 \\(Dårlig råd\\): ${pointer.replace(/\//g, '\\/')}`), r.stderr);
    }
    const r = cli(['export', '--db', target]);
    assert.deepEqual(JSON.parse(r.stdout), []);
  } finally {
    if (POSTGRES) psql(`DROP DATABASE IF EXISTS ${target.split('/').pop()} WITH (FORCE)`);
  }
});
