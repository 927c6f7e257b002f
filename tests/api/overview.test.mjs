// IMDi's overview (/imdi): new meeting places per region and year against the target (default 2,
// set by national users), those that ceased, and municipalities with many immigrants and no
// meeting place once an SSB table is imported, the open alerts counted per code and region, and
// the studies running today; a regional user sees their own region only.
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
const ids = {};
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
before(async () => {
  await server.start();
  const admin = server.addUser('admin', 'admin');
  server.addUser('kari', 'national');
  server.addUser('vera', 'regional', 'vest');
  server.addUser('ola', 'municipal', '4601');
  // IMDi Vest gets two new ones this year; IMDi Øst one that ceased this year; IMDi Nord an old one.
  for (const [municipality, name, established, ceased] of [
    ['4601', 'Nytt råd i Bergen', `${YEAR}-01-15`, ''],
    ['1103', 'Nytt råd i Stavanger', `${YEAR}-02-01`, ''],
    ['0301', 'Gammelt råd i Oslo', '2005-03-01', `${YEAR}-01-31`],
    ['5501', 'Gammelt råd i Tromsø', '2010-03-01', ''],
  ]) {
    const body = councilBody(municipality, name);
    body.established = established;
    if (ceased) body.ceased = ceased;
    const r = await server.post('/api/v1/meeting-places', body, { token: admin });
    assert.equal(r.status, 201, r.text);
    ids[municipality] = r.body.id;
  }
  // Open alerts: advice asked of Bergen's council and Tromsø's, due in three days with no statement.
  for (const m of ['4601', '5501']) {
    const c = { title: 'Råd om tolketjenesten', kind: 'advice_request', received: day(-10), deadline: day(3) };
    const r = await server.post(`/api/v1/meeting-places/${ids[m]}/cases`, c, { token: admin });
    assert.equal(r.status, 201, r.text);
  }
  // Studies: one in Vest running today led by both, one in Nord led by kari, one that has ended.
  const study = (name, region, starts, ends, leads) => ({
    name, description: 'Etter rapportens metode.', region, municipalities: [], meeting_places: [],
    guides: ['participant-2007'], starts, ends, leads, interviewers: [], analysts: [],
    identities_delete_after: `${YEAR + 1}-12-31`,
  });
  for (const body of [
    study('Kartlegging i Vest', 'vest', day(-30), day(60), ['kari', 'vera']),
    study('Kartlegging i Nord', 'nord', day(-30), day(60), ['kari']),
    study('Avsluttet kartlegging', 'vest', day(-200), day(-100), ['kari', 'vera']),
  ]) {
    const r = await server.post('/api/v1/studies', body, { token: admin });
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

const alertRow = (html, label) => new RegExp(`<th scope="row">${label}</th><td><a class="ds-link" href="/varsler">(\\d+)</a>`).exec(html)?.[1];

test('open alerts per code and region: a national user sees every region, a regional user theirs', async () => {
  const all = await client.page('/imdi', { cookie: national });
  assert.match(all.html, /2 åpne varsler i alt\. <a class="ds-link" href="\/varsler">/);
  assert.equal(alertRow(all.html, 'Frist nær uten uttalelse'), '2');
  assert.equal(alertRow(all.html, 'IMDi Vest'), '1');
  assert.equal(alertRow(all.html, 'IMDi Nord'), '1');
  const vest = await client.page('/imdi?lang=en', { cookie: regional });
  assert.match(vest.html, /One open alert\./);
  assert.equal(alertRow(vest.html, 'Deadline near with no statement'), '1');
  assert.equal(alertRow(vest.html, 'IMDi Vest'), '1');
  assert.equal(alertRow(vest.html, 'IMDi Nord'), undefined);
  // The counts agree with the alerts' own page.
  const page = await client.page('/varsler', { cookie: regional });
  assert.equal(page.status, 200);
  assert.match(page.html, /Nytt råd i Bergen/);
  assert.doesNotMatch(page.html, /Tromsø/);
});

test('studies running today that the reader may see, in their regions, linking the API', async () => {
  const all = await client.page('/imdi', { cookie: national });
  const studies = /data-slot="studies">([\s\S]*?)<\/section>/.exec(all.html)[1];
  assert.match(studies, /<a class="ds-link" href="\/api\/v1\/studies\/\d+">Kartlegging i Vest<\/a>, IMDi Vest: /);
  assert.match(studies, /Kartlegging i Nord<\/a>, IMDi Nord/);
  assert.doesNotMatch(studies, /Avsluttet/);
  const href = /href="(\/api\/v1\/studies\/\d+)">Kartlegging i Vest/.exec(studies)[1];
  assert.equal((await server.get(href, { token: server.addUser('kari2', 'admin') })).status, 200);
  const vest = /data-slot="studies">([\s\S]*?)<\/section>/.exec((await client.page('/imdi?lang=nn', { cookie: regional })).html)[1];
  assert.match(vest, /Kartlegging i Vest/);
  assert.doesNotMatch(vest, /Nord|Avsluttet/);
});
