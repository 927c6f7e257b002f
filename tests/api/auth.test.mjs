// Log-in with sessions: the cookie's flags, CSRF on writes made with the cookie, log-out,
// wrong passwords and the rate limit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, expectError } from './harness.mjs';

const server = new Server();
before(async () => {
  await server.start();
  server.addUser('kari', 'admin', undefined, 'kari-sitt-passord');
  server.addUser('ola', 'researcher', undefined, 'olas-passord-123');
});
after(async () => { await server.stop(); server.cleanup(); });

async function login(username, password, headers = {}) {
  return server.post('/api/v1/auth/login', { username, password }, { headers });
}

function cookieOf(res) {
  return res.headers.get('set-cookie').split(';')[0];
}

test('login sets an HttpOnly SameSite cookie and returns the user and a CSRF token', async () => {
  const r = await login('kari', 'kari-sitt-passord');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.user, { username: 'kari', role: 'admin', scope: null });
  assert.equal(typeof r.body.csrf_token, 'string');
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^moteplass_session=[A-Za-z0-9_-]{20,};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  const me = await server.get('/api/v1/auth/me', { headers: { cookie: cookieOf(r) } });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'kari');
  assert.equal(me.body.csrf_token, r.body.csrf_token);
});

test('user names are case-insensitive; wrong passwords and unknown users get the same 401', async () => {
  assert.equal((await login('KARI', 'kari-sitt-passord')).status, 200);
  const wrong = await login('ola', 'feil-passord');
  const unknown = await login('nobody', 'feil-passord');
  expectError(wrong, 401, 'unauthenticated');
  expectError(unknown, 401, 'unauthenticated');
  assert.equal(wrong.body.error.message, unknown.body.error.message);
  expectError(await server.post('/api/v1/auth/login', { username: 'ola' }), 400, 'invalid', '/password');
  expectError(await server.post('/api/v1/auth/login', { username: '', password: 'x' }), 400, 'invalid', '/username');
  expectError(await server.post('/api/v1/auth/login', { username: 'ola', password: 'x', admin: true }), 400, 'invalid', '/admin');
  expectError(await server.request('POST', '/api/v1/auth/login', { raw: 'username=ola', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
});

test('a write with the session cookie needs the CSRF token; with it, it works', async () => {
  const r = await login('kari', 'kari-sitt-passord');
  const cookie = cookieOf(r);
  const without = await server.post('/api/v1/meeting-places', councilBody(), { headers: { cookie } });
  expectError(without, 403, 'csrf');
  const wrong = await server.post('/api/v1/meeting-places', councilBody(), { headers: { cookie, 'x-csrf-token': 'wrong' } });
  expectError(wrong, 403, 'csrf');
  const ok = await server.post('/api/v1/meeting-places', councilBody(), { headers: { cookie, 'x-csrf-token': r.body.csrf_token } });
  assert.equal(ok.status, 201, ok.text);
});

test('logout ends the session', async () => {
  const r = await login('ola', 'olas-passord-123');
  const cookie = cookieOf(r);
  assert.equal((await server.get('/api/v1/auth/me', { headers: { cookie } })).status, 200);
  const out = await server.post('/api/v1/auth/logout', undefined, { headers: { cookie } });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  expectError(await server.get('/api/v1/auth/me', { headers: { cookie } }), 401);
  // A stale cookie is simply anonymous for reads.
  assert.equal((await server.get('/api/v1/counties', { headers: { cookie } })).status, 200);
});

test('after 5 failures for one user, logins are refused with 429 and Retry-After, even with the right password', async () => {
  server.addUser('per', 'national', undefined, 'pers-passord-123');
  for (let i = 0; i < 5; i++) expectError(await login('per', `feil-${i}`), 401);
  const limited = await login('per', 'pers-passord-123');
  expectError(limited, 429, 'too_many_requests');
  const retry = Number(limited.headers.get('retry-after'));
  assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`);
  // Another user is not affected.
  assert.equal((await login('kari', 'kari-sitt-passord')).status, 200);
});
