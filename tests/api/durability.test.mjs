// Nothing acknowledged is lost: a server killed with SIGKILL in the middle of a stream of writes
// has every acknowledged write after a restart; SIGTERM lets requests in flight finish and exits
// cleanly with a consistent database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Server, cli, councilBody } from './harness.mjs';

test('every write acknowledged before SIGKILL is there after a restart', async () => {
  const server = await new Server().start();
  const token = server.addUser('admin', 'admin');
  const acknowledged = [];
  let stop = false;
  const writer = async (w) => {
    for (let i = 0; !stop; i++) {
      try {
        const r = await server.post('/api/v1/meeting-places', councilBody('0301', `Skriv ${w}-${i}`), { token });
        if (r.status === 201) acknowledged.push(r.body.id);
      } catch { return; }  // the connection died with the server
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  server.proc.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  await server.exited;
  assert.ok(acknowledged.length > 10, `only ${acknowledged.length} writes were acknowledged`);

  const again = new Server({ dir: server.dir, db: server.db });
  await again.start();
  try {
    const missing = [];
    for (const id of acknowledged) {
      const r = await again.get(`/api/v1/meeting-places/${id}`);
      if (r.status !== 200) missing.push(id);
    }
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged writes were lost`);
  } finally {
    await again.stop();
    again.cleanup();
  }
});

test('SIGTERM finishes the requests in flight, exits 0 and leaves a consistent database', async () => {
  const server = await new Server().start();
  const token = server.addUser('admin', 'admin');
  const pending = [];
  for (let i = 0; i < 40; i++) {
    pending.push(server.post('/api/v1/meeting-places', councilBody('4601', `Avslutning ${i}`), { token }).catch(() => null));
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  server.proc.kill('SIGTERM');
  const results = await Promise.all(pending);
  const exit = await server.exited;
  assert.equal(exit.code, 0, `exit ${JSON.stringify(exit)}\n${server.stderr}`);
  assert.match(server.stderr, /finishing requests in flight/);
  // Every answered request was answered completely.
  const created = results.filter((r) => r && r.status === 201);
  for (const r of results.filter(Boolean)) assert.ok(r.status === 201, `status ${r.status}`);
  const exported = cli(['export', '--db', server.db]);
  assert.equal(exported.status, 0, exported.stderr);
  const names = new Set(JSON.parse(exported.stdout).map((m) => m.profile.name));
  for (const r of created) assert.ok(names.has(r.body.name));
  server.cleanup();
});
