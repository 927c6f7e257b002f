// Counties, municipalities, regions, health and the error paths shared by every endpoint.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, expectError } from './harness.mjs';

const server = new Server();
before(() => server.start());
after(async () => { await server.stop(); server.cleanup(); });

test('health answers ok', async () => {
  const r = await server.get('/api/v1/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok' });
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
});

test('the 15 counties with their regions, as an OParl list', async () => {
  const r = await server.get('/api/v1/counties');
  assert.equal(r.status, 200);
  assert.equal(r.body.data.length, 15);
  assert.equal(r.body.pagination.totalElements, 15);
  assert.equal(r.body.pagination.totalPages, 1);
  assert.equal(r.body.links.prev, null);
  assert.equal(r.body.links.next, null);
  const oslo = r.body.data.find((c) => c.number === '03');
  assert.deepEqual(oslo, { number: '03', name: 'Oslo', region: 'ost' });
  for (const c of r.body.data) assert.ok(c.region, `county ${c.number} has a region`);
  const one = await server.get('/api/v1/counties/46');
  assert.equal(one.status, 200);
  assert.equal(one.body.name, 'Vestland');
  expectError(await server.get('/api/v1/counties/99'), 404, 'not_found');
});

test('the 357 municipalities, filtered by county and paged', async () => {
  const all = await server.get('/api/v1/municipalities');
  assert.equal(all.status, 200);
  assert.equal(all.body.pagination.totalElements, 357);
  assert.equal(all.body.data.length, 357);
  const oslo = await server.get('/api/v1/municipalities/0301');
  assert.deepEqual(oslo.body, { number: '0301', name: 'Oslo', county: '03' });
  const vestland = await server.get('/api/v1/municipalities?county=46');
  assert.ok(vestland.body.data.length > 30);
  assert.ok(vestland.body.data.every((m) => m.county === '46'));
  const paged = await server.get('/api/v1/municipalities?county=46&per_page=10&page=2');
  assert.equal(paged.body.data.length, 10);
  assert.equal(paged.body.pagination.currentPage, 2);
  assert.equal(paged.body.links.prev, '/api/v1/municipalities?county=46&per_page=10&page=1');
  assert.equal(paged.body.links.next, '/api/v1/municipalities?county=46&per_page=10&page=3');
  expectError(await server.get('/api/v1/municipalities?county=7'), 400, 'invalid', '/county');
  expectError(await server.get('/api/v1/municipalities/1234'), 404, 'not_found');
  expectError(await server.get('/api/v1/municipalities?page=0'), 400, 'invalid', '/page');
  expectError(await server.get('/api/v1/municipalities?per_page=abc'), 400, 'invalid', '/per_page');
});

test('IMDi regions cover every county exactly once', async () => {
  const r = await server.get('/api/v1/regions');
  assert.equal(r.status, 200);
  assert.equal(r.body.data.length, 6);
  const counties = r.body.data.flatMap((x) => x.counties).sort();
  assert.equal(counties.length, 15);
  assert.equal(new Set(counties).size, 15);
  const vest = await server.get('/api/v1/regions/vest');
  assert.equal(vest.body.name, 'IMDi Vest');
  expectError(await server.get('/api/v1/regions/atlantis'), 404, 'not_found');
});

test('unknown addresses are 404, wrong methods 405 with Allow, malformed requests 400', async () => {
  expectError(await server.get('/api/v1/nothing-here'), 404, 'not_found');
  const r = await server.request('PATCH', '/api/v1/counties');
  expectError(r, 405, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  expectError(await server.get('/api/v1/meeting-places?q=%zz'), 400, 'bad_request');
  const head = await server.request('HEAD', '/api/v1/counties');
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
});

test('large JSON responses are gzip-compressed when the client accepts it', async () => {
  const r = await fetch(server.url + '/api/v1/municipalities', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(r.headers.get('content-encoding'), 'gzip');
  const body = await r.json();  // fetch inflates
  assert.equal(body.data.length, 357);
});
