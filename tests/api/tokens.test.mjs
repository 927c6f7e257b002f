// API tokens (issue 14): a name, an expiry, the time of last use, revocation one by one from the
// command line, the API and the page of one's own tokens; disabling a user revokes its tokens,
// so that enabling it again does not bring them back. Every token action is audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, cli, expectError } from './harness.mjs';

const server = new Server();
before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

const PASSWORD = 'nokkel-passord-123';
const tokenCli = (...args) => cli(['token', ...args, '--db', server.db]);
const listed = (username) => tokenCli('list', ...(username ? [username] : [])).stdout.trim().split('\n').filter(Boolean)
  .map((line) => line.split('\t'));
const works = async (token) => (await server.get('/api/v1/auth/me', { token })).status === 200;
const audited = (action) => cli(['audit', '--db', server.db, '--limit', '100000']).stdout.split('\n')
  .filter((l) => l.split('\t')[2] === action).length;

test('token create keeps its contract, and takes a name and an expiry; token list shows them', async () => {
  server.addUser('skript', 'researcher', undefined, PASSWORD);
  const plain = tokenCli('create', 'skript');
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /^[A-Za-z0-9_-]{20,}\n$/);  // the token and nothing else
  const named = tokenCli('create', 'skript', '--name', 'Nattlig eksport', '--expires-in', '30');
  assert.equal(named.status, 0, named.stderr);
  assert.ok(await works(named.stdout.trim()));
  const rows = listed('skript');
  const row = rows.find((r) => r[2] === 'Nattlig eksport');
  assert.ok(row, JSON.stringify(rows));
  assert.equal(row[1], 'skript');
  assert.equal(row[6], 'active');
  const days = (Date.parse(row[4]) - Date.now()) / 86400000;
  assert.ok(days > 29 && days <= 30, `expires in ${days} days`);
  assert.notEqual(row[5], '-', 'the use was noted');
  assert.equal(tokenCli('create', 'skript', '--expires-in', '0').status, 2);
  assert.equal(tokenCli('create', 'skript', '--name', 'To\nlinjer').status, 2);
  assert.equal(tokenCli('create', 'ingen-slik').status, 1);
  assert.ok(listed().length >= rows.length);  // everyone's
});

test('token revoke ends one token and leaves the others; it is audited', async () => {
  server.addUser('tilbake', 'researcher', undefined, PASSWORD);
  const first = tokenCli('create', 'tilbake', '--name', 'første').stdout.trim();
  const second = tokenCli('create', 'tilbake', '--name', 'andre').stdout.trim();
  const id = listed('tilbake').find((r) => r[2] === 'første')[0];
  const before = audited('token.revoke');
  const r = tokenCli('revoke', id);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(await works(first), false);
  assert.equal(await works(second), true);
  assert.equal(listed('tilbake').find((r) => r[0] === id)[6], 'revoked');
  assert.equal(audited('token.revoke'), before + 1);
  assert.equal(tokenCli('revoke', '999999').status, 1);
});

test('a disabled user enabled again does not get its old tokens back', async () => {
  const token = server.addUser('pause', 'researcher', undefined, PASSWORD);
  assert.ok(await works(token));
  assert.equal(cli(['user', 'disable', 'pause', '--db', server.db]).status, 0);
  assert.equal(await works(token), false);
  assert.equal(cli(['user', 'enable', 'pause', '--db', server.db]).status, 0);
  assert.equal(await works(token), false);
  const fresh = tokenCli('create', 'pause').stdout.trim();
  assert.ok(await works(fresh));
});

test("one's own tokens through the API: list, create with a name and expiry, revoke; others' are not found", async () => {
  const own = server.addUser('egen', 'municipal', '4601', PASSWORD);
  const other = server.addUser('annen', 'researcher', undefined, PASSWORD);
  expectError(await server.get('/api/v1/auth/tokens'), 401, 'unauthenticated');
  const created = await server.post('/api/v1/auth/tokens', { name: 'Rapport', expires_in_days: 90 }, { token: own });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.token.name, 'Rapport');
  assert.equal(created.body.token.status, 'active');
  assert.ok(await works(created.body.secret));
  expectError(await server.post('/api/v1/auth/tokens', { expires_in_days: 99999 }, { token: own }), 400, 'invalid', '/expires_in_days');
  expectError(await server.post('/api/v1/auth/tokens', { name: 'R\u202eapport' }, { token: own }), 400, 'invalid', '/name');
  const list = await server.get('/api/v1/auth/tokens', { token: own });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.data.some((t) => t.id === created.body.token.id));
  assert.ok(list.body.data.every((t) => !('secret' in t) && !('hash' in t)));
  // Someone else's token is as missing as a missing one.
  const id = created.body.token.id;
  expectError(await server.del(`/api/v1/auth/tokens/${id}`, { token: other }), 404, 'not_found');
  expectError(await server.del('/api/v1/auth/tokens/999999', { token: other }), 404, 'not_found');
  assert.ok(await works(created.body.secret));
  assert.equal((await server.del(`/api/v1/auth/tokens/${id}`, { token: own })).status, 204);
  assert.equal(await works(created.body.secret), false);
  const after = await server.get('/api/v1/auth/tokens', { token: own });
  assert.equal(after.body.data.find((t) => t.id === id).status, 'revoked');
});

test("the page of one's own tokens lists, creates (showing the secret once) and revokes, without JavaScript", async () => {
  server.addUser('side', 'researcher', undefined, PASSWORD);
  const login = await server.post('/api/v1/auth/login', { username: 'side', password: PASSWORD });
  assert.equal(login.status, 200, login.text);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const csrf = login.body.csrf_token;
  const form = (fields) => ({ raw: new URLSearchParams(fields).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  const anonymous = await server.get('/konto/nokler');
  assert.equal(anonymous.status, 303);
  assert.match(anonymous.headers.get('location'), /^\/logg-inn/);
  for (const lang of ['nb', 'nn', 'en']) {
    const page = await server.get(`/konto/nokler?lang=${lang}`, { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(page.text, { nb: /API-nøkler/, nn: /API-nøklar/, en: /API tokens/ }[lang]);
  }
  const refused = await server.request('POST', '/konto/nokler', form({ name: 'Uten token' }));
  assert.equal(refused.status, 403);
  const made = await server.request('POST', '/konto/nokler', form({ csrf_token: csrf, name: 'Fra siden', expires_in_days: '30' }));
  assert.equal(made.status, 200, made.text.slice(0, 300));
  const secret = /<code class="mp-secret" id="new-token">([^<]+)<\/code>/.exec(made.text)?.[1];
  assert.ok(secret, 'the new token is shown');
  assert.ok(await works(secret));
  const again = await server.get('/konto/nokler', { headers: { cookie } });
  assert.ok(!again.text.includes(secret), 'the secret is shown only once');
  assert.match(again.text, /Fra siden/);
  const row = again.text.split('<tr>').find((r) => r.includes('Fra siden'));
  const revoke = /action="(\/konto\/nokler\/\d+\/trekk-tilbake)"/.exec(row)?.[1];
  assert.ok(revoke);
  const done = await server.request('POST', revoke, form({ csrf_token: csrf }));
  assert.equal(done.status, 303);
  assert.equal(await works(secret), false);
  const invalid = await server.request('POST', '/konto/nokler', form({ csrf_token: csrf, name: 'x'.repeat(101) }));
  assert.equal(invalid.status, 400);
  assert.match(invalid.text, /aria-invalid="true"/);
});
