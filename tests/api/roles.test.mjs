// Every role against records inside and outside its scope: who may create, change, delete,
// record a kind and read history, with 401 for no login and 403 (audited) for a role that does
// not cover the record.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, cli, councilBody, countyBody, expectError } from './harness.mjs';

const server = new Server();
const tokens = {};
const ids = {};
before(async () => {
  await server.start();
  tokens.admin = server.addUser('admin', 'admin');
  tokens.national = server.addUser('imdi', 'national');
  tokens.regional = server.addUser('imdi-vest', 'regional', 'vest');
  tokens.municipal = server.addUser('bergen', 'municipal', '4601');
  tokens.county = server.addUser('vestland', 'municipal', '46');
  tokens.researcher = server.addUser('forsker', 'researcher');
  const make = async (body) => {
    const r = await server.post('/api/v1/meeting-places', body, { token: tokens.admin });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  ids.bergen = await make(councilBody('4601', 'Bergen-rådet (rolletest)'));
  ids.vestland = await make(countyBody('46', 'Vestland fylkesutval (rolletest)'));
  ids.oslo = await make(councilBody('0301', 'Oslo-rådet (rolletest)'));
  tokens.secretary = server.addUser('sekretar', 'secretary', String(ids.bergen));
});
after(async () => { await server.stop(); server.cleanup(); });

// 'If-Match: *': replace whatever version is stored (these tests are about roles, not versions).
const put = (id, body, token) => server.put(`/api/v1/meeting-places/${id}`, body, { token, headers: { 'if-match': '*' } });

test('no login: reads work, every write is 401', async () => {
  assert.equal((await server.get(`/api/v1/meeting-places/${ids.bergen}`)).status, 200);
  expectError(await server.post('/api/v1/meeting-places', councilBody()), 401, 'unauthenticated');
  expectError(await put(ids.bergen, councilBody('4601')), 401, 'unauthenticated');
  expectError(await server.del(`/api/v1/meeting-places/${ids.bergen}`), 401, 'unauthenticated');
  expectError(await server.put(`/api/v1/meeting-places/${ids.bergen}/kind`, { kind: 'dialogue', justification: 'x' }), 401);
  expectError(await server.get('/api/v1/auth/me'), 401, 'unauthenticated');
  expectError(await server.get('/api/v1/health', { token: 'not-a-real-token' }), 401, 'unauthenticated');
});

test('national covers everything', async () => {
  const r = await put(ids.oslo, councilBody('0301', 'Oslo-rådet (rolletest)'), tokens.national);
  assert.equal(r.status, 200, r.text);
  const created = await server.post('/api/v1/meeting-places', councilBody('5001', 'Trondheim (rolletest)'), { token: tokens.national });
  assert.equal(created.status, 201);
  assert.equal((await server.del(`/api/v1/meeting-places/${created.body.id}`, { token: tokens.national, headers: { 'if-match': '*' } })).status, 204);
});

test('regional covers the counties of its region only', async () => {
  assert.equal((await put(ids.bergen, councilBody('4601', 'Bergen-rådet (rolletest)'), tokens.regional)).status, 200);
  assert.equal((await put(ids.vestland, countyBody('46', 'Vestland fylkesutval (rolletest)'), tokens.regional)).status, 200);
  expectError(await put(ids.oslo, councilBody('0301', 'Oslo-rådet (rolletest)'), tokens.regional), 403, 'forbidden');
  expectError(await server.post('/api/v1/meeting-places', councilBody('0301'), { token: tokens.regional }), 403, 'forbidden');
  // Moving a record out of the region is a change the role does not cover.
  expectError(await put(ids.bergen, councilBody('0301', 'Bergen-rådet (rolletest)'), tokens.regional), 403, 'forbidden');
  const created = await server.post('/api/v1/meeting-places', councilBody('1103', 'Stavanger (rolletest)'), { token: tokens.regional });
  assert.equal(created.status, 201);
});

test('municipal covers its municipality; a county officer the county-level meeting places', async () => {
  assert.equal((await put(ids.bergen, councilBody('4601', 'Bergen-rådet (rolletest)'), tokens.municipal)).status, 200);
  expectError(await put(ids.vestland, countyBody('46', 'Vestland fylkesutval (rolletest)'), tokens.municipal), 403, 'forbidden');
  expectError(await put(ids.oslo, councilBody('0301', 'Oslo-rådet (rolletest)'), tokens.municipal), 403, 'forbidden');
  assert.equal((await put(ids.vestland, countyBody('46', 'Vestland fylkesutval (rolletest)'), tokens.county)).status, 200);
  expectError(await put(ids.bergen, councilBody('4601', 'Bergen-rådet (rolletest)'), tokens.county), 403, 'forbidden');
});

test('a secretary may update only its own meeting place, and may not create, delete or record a kind', async () => {
  assert.equal((await put(ids.bergen, councilBody('4601', 'Bergen-rådet (rolletest)'), tokens.secretary)).status, 200);
  expectError(await put(ids.oslo, councilBody('0301', 'Oslo-rådet (rolletest)'), tokens.secretary), 403, 'forbidden');
  expectError(await server.post('/api/v1/meeting-places', councilBody('4601'), { token: tokens.secretary }), 403, 'forbidden');
  expectError(await server.del(`/api/v1/meeting-places/${ids.bergen}`, { token: tokens.secretary }), 403, 'forbidden');
  expectError(await server.put(`/api/v1/meeting-places/${ids.bergen}/kind`, { kind: 'dialogue', justification: 'x' }, { token: tokens.secretary }), 403, 'forbidden');
});

test('a researcher reads but never writes, and sees history without who made each change', async () => {
  expectError(await server.post('/api/v1/meeting-places', councilBody('4601'), { token: tokens.researcher }), 403, 'forbidden');
  expectError(await put(ids.bergen, councilBody('4601'), tokens.researcher), 403, 'forbidden');
  expectError(await server.del(`/api/v1/meeting-places/${ids.bergen}`, { token: tokens.researcher }), 403, 'forbidden');
  const history = await server.get(`/api/v1/meeting-places/${ids.bergen}/history`, { token: tokens.researcher });
  assert.equal(history.status, 200);
  assert.ok(history.body.data.length > 0);
  assert.ok(history.body.data.every((e) => e.by === null));
  const adminView = await server.get(`/api/v1/meeting-places/${ids.bergen}/history`, { token: tokens.admin });
  assert.ok(adminView.body.data.every((e) => typeof e.by === 'string'));
});

test('history needs a role that covers the record', async () => {
  expectError(await server.get(`/api/v1/meeting-places/${ids.oslo}/history`, { token: tokens.municipal }), 403, 'forbidden');
  assert.equal((await server.get(`/api/v1/meeting-places/${ids.bergen}/history`, { token: tokens.municipal })).status, 200);
});

test('a disabled user loses its token at once', async () => {
  const token = server.addUser('midlertidig', 'national');
  assert.equal((await server.get('/api/v1/auth/me', { token })).status, 200);
  const r = cli(['user', 'disable', 'midlertidig', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  expectError(await server.get('/api/v1/auth/me', { token }), 401, 'unauthenticated');
});

test('denied writes are in the audit log', async () => {
  const r = cli(['audit', '--db', server.db, '--limit', '1000']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imdi-vest\tmeeting_place\.update\tmeeting_place\t\d+\tdenied/);
  assert.match(r.stdout, /forsker\tmeeting_place\.create\tmeeting_place\t-\tdenied/);
  assert.match(r.stdout, /admin\tmeeting_place\.create\tmeeting_place\t\d+\tok/);
});
