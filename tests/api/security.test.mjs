// The findings of the attack on the running register (issue 14), one test or more each: what
// an outsider tried, and what the register must answer now.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Server, cli, councilBody, expectError, tempDir } from './harness.mjs';

const server = new Server();
before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

async function login(username, password, headers = {}) {
  return server.post('/api/v1/auth/login', { username, password }, { headers });
}

test('log-in failures are counted per account, whatever the spelling of its name', async () => {
  server.addUser('lockme', 'researcher', undefined, 'lockmes-passord-123');
  const spellings = ['lockme', 'LOCKME', 'LockMe', 'lOCKme', 'lockmE'];
  for (const name of spellings) expectError(await login(name, 'feil-passord'), 401);
  for (const name of ['lockme', 'lOckme', 'LOCKME']) {
    expectError(await login(name, 'lockmes-passord-123'), 429, 'too_many_requests');
  }
});

test('the access log shows route patterns and escaped paths, never a forged line, an escape or a 404 path', async () => {
  await server.get('/moteplasser/%0A2026-11-25%20FAKE%20admin%20logged%20in');
  await server.get('/moteplasser/%1B%5B31mred%0D');
  await server.get('/finnes-ikke/ola.nordmann%40example.org');
  await server.get('/api/v1/meeting-places/%0Aforged');
  await server.get('/static/%0Aforged.css');
  await new Promise((resolve) => setTimeout(resolve, 1500));  // the log is written out every second
  const log = server.stderr;
  assert.doesNotMatch(log, /^2026-11-25 FAKE/m);
  assert.doesNotMatch(log, /^forged/m);
  assert.ok(!log.includes('\x1b'), 'a terminal escape reached the log');
  assert.ok(!log.includes('\r'), 'a carriage return reached the log');
  assert.ok(!log.includes('ola.nordmann'), 'a 404 path reached the log');
  assert.match(log, /GET \/moteplasser\/\{id\} 404/);
});

test('under --secure-cookies every cookie is Secure and every response carries HSTS', async () => {
  const secure = new Server({ args: ['--secure-cookies'] });
  await secure.start();
  try {
    secure.addUser('sikker', 'admin', undefined, 'sikkert-passord-123');
    const cookies = [];
    const form = await secure.get('/logg-inn');
    cookies.push(...form.headers.getSetCookie());
    const lang = await secure.get('/?lang=en');
    cookies.push(...lang.headers.getSetCookie());
    const api = await secure.post('/api/v1/auth/login', { username: 'sikker', password: 'sikkert-passord-123' });
    assert.equal(api.status, 200, api.text);
    cookies.push(...api.headers.getSetCookie());
    const names = cookies.map((c) => c.split('=')[0]);
    for (const name of ['moteplass_login', 'lang', 'moteplass_session']) {
      assert.ok(names.includes(name), `${name} was not set: ${names}`);
    }
    for (const cookie of cookies) assert.match(cookie, /; Secure/, cookie);
    for (const r of [form, lang, api, await secure.get('/'), await secure.get('/'), await secure.get('/api/v1/counties')]) {
      assert.match(r.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}/);
    }
  } finally {
    await secure.stop();
    secure.cleanup();
  }
});
