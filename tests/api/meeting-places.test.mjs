// Meeting places through the API as an administrator with a token: create, read, list with
// filters and Norwegian search, replace with optimistic concurrency, history, recorded kind,
// soft delete, and every validation error naming its field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, countyBody, expectError, sharedCases } from './harness.mjs';

const server = new Server();
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('admin', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

async function create(body) {
  const r = await server.post('/api/v1/meeting-places', body, { token: admin });
  assert.equal(r.status, 201, r.text);
  return r;
}

test('create returns 201, the stored resource, Location and ETag; get returns the same', async () => {
  const r = await create(councilBody('0301', 'Innvandrerrådet i Oslo (test)'));
  const mp = r.body;
  assert.equal(typeof mp.id, 'number');
  assert.equal(r.headers.get('location'), `/api/v1/meeting-places/${mp.id}`);
  assert.equal(r.headers.get('etag'), '"1"');
  assert.equal(mp.name, 'Innvandrerrådet i Oslo (test)');
  assert.equal(mp.municipality, '0301');
  assert.equal(mp.county, '03');
  assert.equal(mp.region, 'ost');
  assert.equal(mp.kind, 'council');
  assert.equal(mp.computed_kind, 'council');
  assert.equal(mp.classification.is_meeting_place, true);
  assert.ok(mp.classification.reasons.length > 3);
  assert.equal(mp.example, false);
  assert.equal(mp.version, 1);
  assert.match(mp.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(mp.links, {
    self: `/api/v1/meeting-places/${mp.id}`,
    history: `/api/v1/meeting-places/${mp.id}/history`,
    page: `/moteplasser/${mp.id}`,
  });
  const got = await server.get(`/api/v1/meeting-places/${mp.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.body, mp);
  // Anyone may read a published meeting place.
  assert.equal((await server.get(`/api/v1/meeting-places/${mp.id}`)).body.name, mp.name);
});

test('invalid bodies get 400 naming the field', async () => {
  const cases = [
    [(b) => { b.profile.seats.politicians = -2; }, '/profile/seats/politicians'],
    [(b) => { delete b.profile.level; }, '/profile/level'],
    [(b) => { b.profile.municipality = '9999'; }, '/profile/municipality'],
    [(b) => { b.profile.county = '46'; }, '/profile/county'],
    [(b) => { b.website = 'javascript:alert(1)'; }, '/website'],
    [(b) => { b.contact.email = 'not-an-address'; }, '/contact/email'],
    [(b) => { b.established = '2001-13-45'; }, '/established'],
    [(b) => { b.ceased = '1999-01-01'; }, '/ceased'],
    [(b) => { b.public = 'yes'; }, '/public'],
    [(b) => { b.colour = 'blue'; }, '/colour'],
    [(b) => { delete b.profile; }, '/profile'],
  ];
  for (const [mutate, pointer] of cases) {
    const body = councilBody();
    mutate(body);
    const r = await server.post('/api/v1/meeting-places', body, { token: admin });
    expectError(r, 400, 'invalid', pointer);
  }
  expectError(await server.request('POST', '/api/v1/meeting-places', { token: admin, raw: '{"profile":' }), 400, 'invalid_json');
  expectError(await server.request('POST', '/api/v1/meeting-places', { token: admin, raw: '' }), 400, 'invalid_json');
  expectError(await server.post('/api/v1/meeting-places', [1, 2], { token: admin }), 400, 'invalid');
});

test('list filters by county, municipality, region and kind, sorts in Norwegian order, pages', async () => {
  await create(councilBody('4601', 'Åsane innvandrerråd (test)'));
  await create(councilBody('4601', 'Zeta-rådet (test)'));
  await create(councilBody('4601', 'Ørsta-rådet (test)'));
  await create(countyBody('46', 'Vestland kontaktutval (test)'));
  const vest = await server.get('/api/v1/meeting-places?region=vest&per_page=100');
  assert.equal(vest.status, 200);
  const names = vest.body.data.map((m) => m.name);
  assert.deepEqual(names, ['Vestland kontaktutval (test)', 'Zeta-rådet (test)', 'Ørsta-rådet (test)', 'Åsane innvandrerråd (test)']);
  const bergen = await server.get('/api/v1/meeting-places?municipality=4601');
  assert.equal(bergen.body.data.length, 3);
  const county = await server.get('/api/v1/meeting-places?county=46&kind=contact_committee');
  assert.deepEqual(county.body.data.map((m) => m.name), ['Vestland kontaktutval (test)']);
  const paged = await server.get('/api/v1/meeting-places?region=vest&per_page=2&page=2');
  assert.equal(paged.body.data.length, 2);
  assert.equal(paged.body.pagination.totalElements, 4);
  assert.equal(paged.body.pagination.totalPages, 2);
  assert.equal(paged.body.links.next, null);
  assert.equal(paged.body.links.prev, '/api/v1/meeting-places?region=vest&per_page=2&page=1');
  const beyond = await server.get('/api/v1/meeting-places?region=vest&page=9');
  assert.equal(beyond.status, 200);
  assert.equal(beyond.body.data.length, 0);
  const updated = await server.get('/api/v1/meeting-places?region=vest&sort=-updated');
  assert.equal(updated.body.data[0].name, 'Vestland kontaktutval (test)');
  for (const [q, pointer] of [['county=99', '/county'], ['municipality=12', '/municipality'], ['region=x', '/region'],
    ['kind=club', '/kind'], ['sort=size', '/sort'], ['page=-1', '/page'], ['per_page=1000', '/per_page']]) {
    expectError(await server.get(`/api/v1/meeting-places?${q}`), 400, 'invalid', pointer);
  }
});

test('full-text search stems Norwegian words and keeps Ø apart from O', async () => {
  const b = councilBody('5057', 'Møteplassen i Ørland (test)');
  b.description = 'Her møtes innvandrerorganisasjonene og kommunestyret.';
  await create(b);
  const found = await server.get('/api/v1/meeting-places?q=møteplassene');
  assert.ok(found.body.data.some((m) => m.name === 'Møteplassen i Ørland (test)'), JSON.stringify(found.body.data.map((m) => m.name)));
  const byDescription = await server.get('/api/v1/meeting-places?q=kommunestyret');
  assert.equal(byDescription.body.data.length, 1);
  // A place's name typed without ø finds the meeting places there (docs/SEARCH.md).
  const orland = await server.get('/api/v1/meeting-places?q=Orland');
  assert.deepEqual(orland.body.data.map((m) => m.name), ['Møteplassen i Ørland (test)']);
  const none = await server.get(`/api/v1/meeting-places?q=${encodeURIComponent('"; DROP TABLE x; --')}`);
  assert.equal(none.status, 200);
});

test('sort=relevance puts a match in the name before one in the description', async () => {
  const inText = councilBody('3201', 'Allmøtet i Bærum (test)');
  inText.description = 'Samarbeider med ungdomsrådet om ferieaktiviteter.';
  await create(inText);
  await create(councilBody('3201', 'Ungdomsrådet for nye innbyggere (test)'));
  const byName = await server.get('/api/v1/meeting-places?q=ungdomsr%C3%A5d');
  assert.deepEqual(byName.body.data.map((m) => m.name), ['Allmøtet i Bærum (test)', 'Ungdomsrådet for nye innbyggere (test)']);
  const ranked = await server.get('/api/v1/meeting-places?q=ungdomsr%C3%A5d&sort=relevance');
  assert.deepEqual(ranked.body.data.map((m) => m.name), ['Ungdomsrådet for nye innbyggere (test)', 'Allmøtet i Bærum (test)']);
  assert.equal(ranked.body.pagination.totalElements, 2);
});

test('replace with If-Match; a stale ETag is 409; the history says who changed what', async () => {
  const created = (await create(councilBody('1103', 'Stavanger-rådet (test)'))).body;
  const body = councilBody('1103', 'Stavanger-rådet (test)');
  body.profile.seats.politicians = 5;
  body.description = 'Ny beskrivelse.';
  const ok = await server.put(`/api/v1/meeting-places/${created.id}`, body, { token: admin, headers: { 'if-match': '"1"' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.version, 2);
  assert.equal(ok.headers.get('etag'), '"2"');
  const stale = await server.put(`/api/v1/meeting-places/${created.id}`, body, { token: admin, headers: { 'if-match': '"1"' } });
  expectError(stale, 409, 'conflict');
  expectError(await server.put(`/api/v1/meeting-places/${created.id}`, body, { token: admin, headers: { 'if-match': 'garbage' } }), 400, 'invalid');
  // A GET -> PUT round trip works: the server-owned keys are ignored.
  const roundTrip = await server.put(`/api/v1/meeting-places/${created.id}`, ok.body, { token: admin });
  assert.equal(roundTrip.status, 200, roundTrip.text);
  const history = await server.get(`/api/v1/meeting-places/${created.id}/history`, { token: admin });
  assert.equal(history.status, 200);
  const entries = history.body.data;
  assert.ok(entries.length >= 2);
  assert.equal(entries.at(-1).action, 'create');
  const update = entries.find((e) => e.action === 'update' && e.changes.length > 0);
  assert.equal(update.by, 'admin');
  const pointers = update.changes.map((c) => c.pointer);
  assert.ok(pointers.includes('/profile/seats/politicians'), pointers.join());
  assert.ok(pointers.includes('/description'));
  const seats = update.changes.find((c) => c.pointer === '/profile/seats/politicians');
  assert.deepEqual([seats.before, seats.after], [3, 5]);
  expectError(await server.get(`/api/v1/meeting-places/${created.id}/history`), 401, 'unauthenticated');
  // Paged like every list: newest first.
  const first = await server.get(`/api/v1/meeting-places/${created.id}/history?per_page=1`, { token: admin });
  assert.equal(first.body.data.length, 1);
  assert.equal(first.body.pagination.totalElements, entries.length);
  assert.equal(first.body.pagination.totalPages, entries.length);
  assert.deepEqual(first.body.data[0], entries[0]);
  const last = await server.get(`/api/v1/meeting-places/${created.id}/history?per_page=1&page=${entries.length}`, { token: admin });
  assert.equal(last.body.data[0].action, 'create');
  assert.equal(last.body.links.next, null);
  expectError(await server.get(`/api/v1/meeting-places/${created.id}/history?per_page=0`, { token: admin }), 400, 'invalid', '/per_page');
});

test('a person can record a different kind with a justification, and clear it', async () => {
  const created = (await create(councilBody('4204', 'Kristiansand-rådet (test)'))).body;
  const url = `/api/v1/meeting-places/${created.id}/kind`;
  expectError(await server.put(url, { kind: 'dialogue' }, { token: admin }), 400, 'invalid', '/justification');
  expectError(await server.put(url, { kind: 'club', justification: 'x' }, { token: admin }), 400, 'invalid', '/kind');
  expectError(await server.put(url, { kind: 'dialogue', justification: '   ' }, { token: admin }), 400, 'invalid', '/justification');
  // The version the change is based on goes in the body or in If-Match.
  const r = await server.put(url, { kind: 'dialogue', justification: 'Medlemmene er i praksis håndplukket.', version: 1 }, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.kind, 'dialogue');
  assert.equal(r.body.computed_kind, 'council');
  assert.equal(r.body.recorded_kind.kind, 'dialogue');
  assert.equal(r.body.recorded_kind.by, 'admin');
  assert.equal(r.body.recorded_kind.justification, 'Medlemmene er i praksis håndplukket.');
  const filtered = await server.get('/api/v1/meeting-places?kind=dialogue&municipality=4204');
  assert.equal(filtered.body.data.length, 1);
  const cleared = await server.del(url, { token: admin, headers: { 'if-match': `"${r.body.version}"` } });
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.kind, 'council');
  assert.equal(cleared.body.recorded_kind, null);
  const history = await server.get(`/api/v1/meeting-places/${created.id}/history`, { token: admin });
  assert.ok(history.body.data.some((e) => e.action === 'record_kind'));
});

test('delete is soft: 204, then 404, still in the history; unknown ids are 404', async () => {
  const created = (await create(councilBody('5501', 'Tromsø-rådet (test)'))).body;
  const r = await server.del(`/api/v1/meeting-places/${created.id}`, { token: admin, headers: { 'if-match': '"1"' } });
  assert.equal(r.status, 204);
  expectError(await server.get(`/api/v1/meeting-places/${created.id}`), 404, 'not_found');
  expectError(await server.del(`/api/v1/meeting-places/${created.id}`, { token: admin, headers: { 'if-match': '"2"' } }), 404, 'not_found');
  const list = await server.get('/api/v1/meeting-places?municipality=5501');
  assert.equal(list.body.data.length, 0);
  const history = await server.get(`/api/v1/meeting-places/${created.id}/history`, { token: admin });
  assert.equal(history.body.data[0].action, 'delete');
  for (const id of ['999999', 'abc', '0', '-1', '1e3']) {
    expectError(await server.get(`/api/v1/meeting-places/${id}`), 404, 'not_found');
  }
});

test('an unpublished meeting place is hidden from the public and listed only for admin and national', async () => {
  const body = councilBody('3403', 'Det skjulte rådet (test)');
  body.public = false;
  const created = (await create(body)).body;
  expectError(await server.get(`/api/v1/meeting-places/${created.id}`), 404, 'not_found');
  const anonymous = await server.get('/api/v1/meeting-places?municipality=3403');
  assert.equal(anonymous.body.data.length, 0);
  const asAdmin = await server.get('/api/v1/meeting-places?municipality=3403', { token: admin });
  assert.equal(asAdmin.body.data.length, 1);
  assert.equal((await server.get(`/api/v1/meeting-places/${created.id}`, { token: admin })).status, 200);
});

test('the classification of a stored meeting place equals POST /classify for its profile', async () => {
  const c = sharedCases()[3].case;  // a police forum
  const profile = { ...c, municipality: '1804' };
  delete profile.id;
  const created = (await create({ profile, public: true })).body;
  assert.equal(created.kind, 'dialogue');
  assert.equal(created.subtype, 'police_forum');
  const classify = await server.post('/api/v1/classify', profile);
  assert.deepEqual({ ...classify.body[0], id: null }, { ...created.classification, id: null });
});
