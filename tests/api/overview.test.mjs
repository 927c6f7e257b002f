// IMDi's overview (/imdi): new meeting places per region and year against the target (default 2,
// set by national users), those that ceased, and municipalities with many immigrants and no
// meeting place once an SSB table is imported; a regional user sees their own region only.
// Runs on the backend the tests run on (MOTEPLASS_TEST_BACKEND).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, cli, councilBody, pageClient } from './harness.mjs';

const server = new Server();
const PASSWORD = 'et-langt-passord-123';
const YEAR = new Date().getUTCFullYear();
let client;
let national;
let regional;
let municipal;
before(async () => {
  await server.start();
  const admin = server.addUser('admin', 'admin');
  server.addUser('kari', 'national');
  server.addUser('vera', 'regional', 'vest');
  server.addUser('ola', 'municipal', '4601');
  // IMDi Vest gets two new ones this year; IMDi Øst one that ceased this year.
  for (const [municipality, name, established, ceased] of [
    ['4601', 'Nytt råd i Bergen', `${YEAR}-01-15`, ''],
    ['1103', 'Nytt råd i Stavanger', `${YEAR}-02-01`, ''],
    ['0301', 'Gammelt råd i Oslo', '2005-03-01', `${YEAR}-01-31`],
  ]) {
    const body = councilBody(municipality, name);
    body.established = established;
    if (ceased) body.ceased = ceased;
    const r = await server.post('/api/v1/meeting-places', body, { token: admin });
    assert.equal(r.status, 201, r.text);
  }
  client = pageClient(server);
  national = await client.login('kari', PASSWORD);
  regional = await client.login('vera', PASSWORD);
  municipal = await client.login('ola', PASSWORD);
});
after(async () => { await server.stop(); server.cleanup(); });

const row = (html, region) => new RegExp(`<a class="ds-link" href="/regioner/[a-z-]+">${region}</a></th>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';

test('a national user sees every region against the default target of 2, and which are behind', async () => {
  const r = await client.page('/imdi', { cookie: national });
  assert.equal(r.status, 200);
  assert.match(r.html, /Målet er 2 nye møteplasser per region i året/);
  assert.match(row(r.html, 'IMDi Vest'), new RegExp(`2 av 2</td>`));
  assert.match(row(r.html, 'IMDi Øst'), /0 av 2 <strong>under målet<\/strong><br>Lagt ned: 1<\/td>\s*<td>/);
  assert.match(r.html, new RegExp(`Under målet så langt i ${YEAR}: IMDi Øst, IMDi Indre Øst, IMDi Sør, IMDi Midt-Norge, IMDi Nord`));
  assert.match(r.html, /Gammelt råd i Oslo<\/a>, Oslo: lagt ned/);
  assert.match(r.html, /Ingen tabell fra SSB/);
  assert.match(r.html, /data-slot="alerts"/);
  assert.match(r.html, /data-slot="studies"/);
});

test('a regional user sees their own region only; others are refused', async () => {
  const r = await client.page('/imdi?lang=nn', { cookie: regional });
  assert.equal(r.status, 200);
  assert.match(r.html, /IMDi Vest/);
  assert.doesNotMatch(r.html, /IMDi Nord|Gammelt råd i Oslo/);
  assert.doesNotMatch(r.html, /name="target"/);  // only national users set the target
  assert.equal((await client.page('/imdi', { cookie: municipal })).status, 403);
  assert.equal((await client.page('/imdi')).status, 303);
});

test('national users set the target; a wrong one is refused naming the field', async () => {
  const page = await client.page('/imdi', { cookie: national });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.html)[1];
  const bad = await client.post('/imdi/mal', { csrf_token: csrf, target: 'to' }, { cookie: national });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /Skriv et helt tall fra 0 til 100/);
  assert.match(bad.html, /aria-invalid="true"/);
  const ok = await client.post('/imdi/mal', { csrf_token: csrf, target: '3' }, { cookie: national });
  assert.equal(ok.status, 303);
  const after3 = await client.page('/imdi', { cookie: national });
  assert.match(after3.html, /Målet er 3 nye møteplasser/);
  assert.match(row(after3.html, 'IMDi Vest'), /2 av 3 <strong>under målet/);
  const refused = await client.post('/imdi/mal', { csrf_token: /name="csrf_token" value="([^"]+)"/.exec((await client.page('/handbok', { cookie: regional })).html)?.[1] ?? '', target: '1' }, { cookie: regional });
  assert.equal(refused.status, 403);
  assert.match(cli(['audit', '--db', server.db, '--limit', '50']).stdout, /imdi_target\.set/);
});

test('with the SSB table, municipalities with many immigrants and no meeting place', async () => {
  const imported = cli(['ssb', 'import', path.join(ROOT, 'data/ssb-sample-09817.json'), '--db', server.db]);
  assert.equal(imported.status, 0, imported.stderr);
  const r = await client.page('/imdi', { cookie: national });
  assert.match(r.html, /minst 2\u00a0000 innvandrere og norskfødte med innvandrerforeldre \(SSB 2024\)/);
  // Oslo's only meeting place has ceased: it is listed; Bergen and Stavanger have one: they are not.
  assert.match(r.html, /href="\/kommuner\/0301">Oslo<\/a>/);
  assert.match(r.html, /href="\/kommuner\/3301">Drammen<\/a>/);
  assert.doesNotMatch(r.html, /href="\/kommuner\/4601">Bergen<\/a>/);
  assert.doesNotMatch(r.html, /href="\/kommuner\/1820">/);  // Alstahaug has few
  const vest = await client.page('/imdi', { cookie: regional });
  assert.match(vest.html, /href="\/kommuner\/1108">Sandnes<\/a>/);
  assert.doesNotMatch(vest.html, /Drammen/);
});
