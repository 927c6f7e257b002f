// Two `moteplass serve` processes on one PostgreSQL database, as behind a load balancer: a write
// through either reaches the other's API and cached pages at once (LISTEN/NOTIFY, not polling),
// a log-in session and the log-in limits hold whichever server a request reaches, and both
// answer 503 while the database is down, say why in their log (one line when it is lost, one
// when it is back), and recover by themselves when it returns.
//
// Needs the throwaway cluster of scripts/pg-cluster in MOTEPLASS_TEST_PG (skipped without it).
// The last test stops and starts that cluster's server (scripts/pg-cluster stop-server and
// start-server), so nothing else may use the cluster meanwhile: run this folder on its own,
// with --test-concurrency=1. The cluster's folder is MOTEPLASS_TEST_PG_DIR when set, else asked
// of the server (its data directory's parent).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, councilBody, expectError, freshDatabase, psql } from '../api/harness.mjs';

const CLUSTER = process.env.MOTEPLASS_TEST_PG;
const skip = CLUSTER ? false : 'MOTEPLASS_TEST_PG is not set (see scripts/pg-cluster)';

let url;
let a;
let b;
let admin;

before(async () => {
  if (skip) return;
  url = freshDatabase();
  a = new Server({ db: url });
  b = new Server({ db: url });
  await a.start();
  await b.start();
  admin = a.addUser('admin', 'admin', undefined, 'admins-passord-123');
  a.addUser('kari', 'national', undefined, 'kari-sitt-passord');
});

after(async () => {
  if (skip) return;
  await Promise.all([a?.stop(), b?.stop()]);
  a?.cleanup();
  b?.cleanup();
  psql(`DROP DATABASE IF EXISTS ${url.split('/').pop()} WITH (FORCE)`);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A GET that gives up after `ms` (a server waiting for a lost database must not hang).
async function getWithin(server, urlPath, ms = 5000, headers = {}) {
  const started = Date.now();
  const res = await fetch(server.url + urlPath, { headers, redirect: 'manual', signal: AbortSignal.timeout(ms) });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { status: res.status, headers: res.headers, text, body, ms: Date.now() - started };
}

// Polls `check` (async, truthy when done) every 50 ms for up to `ms`; the time it took, or
// undefined when it never came true.
async function within(ms, check) {
  const started = Date.now();
  while (Date.now() - started <= ms) {
    if (await check()) return Date.now() - started;
    await sleep(50);
  }
  return undefined;
}

function login(server, username, password) {
  return server.post('/api/v1/auth/login', { username, password });
}

function cookieOf(res) {
  return res.headers.get('set-cookie').split(';')[0];
}

// A meeting place made through `server`'s API; returns its id.
async function create(server, name) {
  const r = await server.post('/api/v1/meeting-places', councilBody('0301', name), { token: admin });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

async function rename(server, id, name) {
  const r = await server.put(`/api/v1/meeting-places/${id}`, councilBody('0301', name), { token: admin, headers: { 'if-match': '*' } });
  assert.equal(r.status, 200, r.text);
}

// Caches B's page of the meeting place `id` (anonymous, so it is cacheable), shows that B answers
// it from its cache, then renames the place through A and returns how long B's page took to show
// the new name (undefined when it did not within 2 s).
async function renameThroughAAndWatchB(id, name) {
  const page = `/moteplasser/${id}`;
  const first = await b.get(page);
  assert.equal(first.status, 200);
  // Changed behind the servers' backs (no notification): B still answers from its cache.
  psql(`UPDATE meeting_places SET description = 'Endret bak ryggen' WHERE id = ${Number(id)}`, url);
  const cached = await b.get(page);
  assert.equal(cached.text, first.text, "B's page is not cached, so this test would prove nothing");
  await rename(a, id, name);
  return within(2000, async () => (await b.get(page)).text.includes(name));
}

test('a write through A is seen at once by B\'s API and by B\'s cached page', { skip }, async () => {
  const id = await create(a, 'Rådet før');
  const seen = await b.get(`/api/v1/meeting-places/${id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.profile.name, 'Rådet før');

  const took = await renameThroughAAndWatchB(id, 'Rådet etter');
  assert.notEqual(took, undefined, "B's page never showed the new name");
  // SQLite's watcher polls every 2 s; this was told.
  assert.ok(took < 1000, `B's page showed the new name after ${took} ms`);
  const api = await b.get(`/api/v1/meeting-places/${id}`);
  assert.equal(api.body.profile.name, 'Rådet etter');

  // And the other way round: a write through B empties A's cache.
  const listed = await a.get('/moteplasser');
  assert.equal(listed.status, 200);
  await create(b, 'Nytt råd fra B');
  const shown = await within(1000, async () => (await a.get('/moteplasser')).text.includes('Nytt råd fra B'));
  assert.notEqual(shown, undefined, "A's directory never showed B's new record");
});

test('a session made on A works on B', { skip }, async () => {
  const r = await login(a, 'kari', 'kari-sitt-passord');
  assert.equal(r.status, 200, r.text);
  const cookie = cookieOf(r);
  const me = await b.get('/api/v1/auth/me', { headers: { cookie } });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.user.username, 'kari');
  // A write on B with A's session and its CSRF token.
  const created = await b.post('/api/v1/meeting-places', councilBody('0301', 'Rådet med økt'), {
    headers: { cookie, 'x-csrf-token': r.body.csrf_token },
  });
  assert.equal(created.status, 201, created.text);
  // Logging out on B ends it on A too.
  assert.equal((await b.post('/api/v1/auth/logout', undefined, { headers: { cookie, 'x-csrf-token': r.body.csrf_token } })).status, 204);
  expectError(await a.get('/api/v1/auth/me', { headers: { cookie } }), 401);
});

test('failed log-ins on A and B count together', { skip }, async () => {
  a.addUser('per', 'national', undefined, 'pers-passord-123');
  // The limit is 5 per user: 3 on A and 2 on B reach it.
  for (let i = 0; i < 3; i++) expectError(await login(a, 'per', `feil-a-${i}`), 401);
  for (let i = 0; i < 2; i++) expectError(await login(b, 'PER', `feil-b-${i}`), 401); // names fold case
  for (const server of [a, b]) {
    const limited = await login(server, 'per', 'pers-passord-123');
    expectError(limited, 429, 'too_many_requests');
    const retry = Number(limited.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`);
  }
  // Nothing of the name or the address is stored as typed.
  const keys = psql('SELECT string_agg(DISTINCT key, \' \') FROM login_failures', url);
  assert.ok(keys.length > 0);
  assert.doesNotMatch(keys, /per|PER|127\.0\.0\.1|::1/);
  // Another user is not affected.
  assert.equal((await login(b, 'kari', 'kari-sitt-passord')).status, 200);
});

// The server's log lines that say the database was lost, and that it is back.
const lostLines = (log) => log.split('\n').filter((l) => l.includes('the database cannot be reached'));
const backLines = (log) => log.split('\n').filter((l) => l.includes('the database answers again'));

// The cluster's folder (scripts/pg-cluster's DIR).
function clusterDir() {
  if (process.env.MOTEPLASS_TEST_PG_DIR) return process.env.MOTEPLASS_TEST_PG_DIR;
  // The cluster trusts loopback connections for every role, postgres included.
  const asPostgres = CLUSTER.replace(/\/\/[^@/]*@/, '//postgres@');
  return path.dirname(psql('SHOW data_directory', asPostgres));
}

function pgCluster(command, dir) {
  const r = spawnSync(path.join(ROOT, 'scripts/pg-cluster'), [command, dir], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `scripts/pg-cluster ${command} failed: ${r.stderr}`);
}

test('both servers answer 503 while the database is down and recover by themselves', { skip, timeout: 90000 }, async () => {
  const dir = clusterDir();
  const id = await create(a, 'Rådet før omstarten');
  const stderrBefore = [a.stderr.length, b.stderr.length];
  pgCluster('stop-server', dir);
  let restarted = false;
  try {
    for (const server of [a, b]) {
      // The health check (asked as a load balancer would), and a page that is not cached.
      const health = await getWithin(server, '/api/v1/health');
      assert.equal(health.status, 503, health.text);
      assert.equal(health.body?.error?.code, 'unavailable', health.text);
      assert.ok(health.ms < 5000);
      const page = await getWithin(server, '/moteplasser?q=nede');
      assert.equal(page.status, 503, page.text.slice(0, 200));
      assert.match(page.headers.get('content-type'), /text\/html/);
      const write = await server.post('/api/v1/meeting-places', councilBody('0301', 'Under nedetid'), { token: admin });
      expectError(write, 503, 'unavailable');
    }
    // Each says why in its log, once, however many requests it refused.
    for (const [i, server] of [a, b].entries()) {
      const logged = await within(2000, () => lostLines(server.stderr.slice(stderrBefore[i])).length > 0);
      const log = server.stderr.slice(stderrBefore[i]);
      assert.notEqual(logged, undefined, `no word of the lost database in the log:\n${log}`);
      assert.equal(lostLines(log).length, 1, log);
      // libpq's reason, on one line.
      assert.match(lostLines(log)[0], /until it returns: .*(connect|refused|shutting down|terminat)/i, log);
    }

    pgCluster('start-server', dir);
    restarted = true;
    for (const server of [a, b]) {
      const back = await within(10000, async () => {
        try {
          return (await getWithin(server, '/api/v1/health', 2000)).status === 200;
        } catch {
          return false;
        }
      });
      assert.notEqual(back, undefined, `${server.url} did not answer 200 within 10 s of the restart`);
    }
    // And each says, once, that it is back and how long the database was gone.
    for (const [i, server] of [a, b].entries()) {
      const logged = await within(2000, () => backLines(server.stderr.slice(stderrBefore[i])).length > 0);
      const log = server.stderr.slice(stderrBefore[i]);
      assert.notEqual(logged, undefined, `no word of the database's return in the log:\n${log}`);
      assert.equal(backLines(log).length, 1, log);
      assert.equal(lostLines(log).length, 1, log);
      const gone = Number(backLines(log)[0].match(/after ([0-9.]+) s/)?.[1]);
      assert.ok(gone > 0 && gone < 60, backLines(log)[0]);
    }
    assert.equal((await b.get('/moteplasser?q=oppe')).status, 200);
    // Writes work, on both.
    await create(b, 'Rådet etter omstarten');
    // And A's writes reach B's cache again: B's listener is back.
    const took = await renameThroughAAndWatchB(id, 'Rådet omdøpt etter omstarten');
    assert.notEqual(took, undefined, "B's page never showed the new name after the restart");
    assert.ok(took < 1000, `B's page showed the new name after ${took} ms`);
  } finally {
    if (!restarted) pgCluster('start-server', dir);
  }
});
