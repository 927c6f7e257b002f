// The analyses by meeting place (contracts/analysis.md): origin_spread (members' countries of
// background against the municipality's largest groups in Statistics Norway's table: counts only,
// a meeting place with fewer than three members of known country hidden for visitors) and
// perceived_vs_real (what a study's informants said beside what happened to the cases: for the
// study's leads and analysts only).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, cli, councilBody, expectError, pageClient } from './harness.mjs';

const api = '/api/v1';
const server = new Server();
const t = {};
const ids = {};
const consent = { form: 'oral', date: '2026-02-01', guardian_informed: null };

async function post(url, body, token = t.admin) {
  const r = await server.post(url, body, { token });
  assert.equal(r.status, 201, `${url}: ${r.text}`);
  return r.body;
}

async function members(place, countries) {
  for (const [i, country] of countries.entries()) {
    const body = { name: `Medlem ${place}-${i}`, gender: i % 2 ? 'man' : 'woman', birth_year: 1970 + i };
    if (country) Object.assign(body, { immigrant_background: true, country_of_background: country, special_category_basis: 'consent' });
    const p = await post(`${api}/people`, body);
    await post(`${api}/meeting-places/${place}/memberships`, { person: p.id, seat: 'immigrant_population', starts: '2024-01-01' });
  }
}

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  t.lead = server.addUser('imdi-vest', 'regional', 'vest');
  t.researcher = server.addUser('forsker', 'researcher');
  t.interviewer = server.addUser('intervjuer', 'national');
  t.national = server.addUser('nasjonal', 'national');
  const imported = cli(['ssb', 'import', path.join(ROOT, 'data/ssb-sample-09817.json'), '--db', server.db]);
  assert.equal(imported.status, 0, imported.stderr);
  ids.big = (await post(`${api}/meeting-places`, councilBody('4601', 'Innvandrerrådet i Bergen (analyse)'))).id;
  ids.small = (await post(`${api}/meeting-places`, councilBody('4601', 'Dialogforumet i Bergen (analyse)'))).id;
  await members(ids.big, ['PL', 'PL', 'SO', 'AF', null]);
  await members(ids.small, ['SY', 'ER']);
});
after(async () => { await server.stop(); server.cleanup(); });

// The sample's five largest country groups in Bergen, the latest year, both categories summed.
function topCountries(municipality) {
  const d = JSON.parse(readFileSync(path.join(ROOT, 'data/ssb-sample-09817.json'), 'utf8'));
  const dims = d.id.map((id) => Object.keys(d.dimension[id].category.index)
    .sort((a, b) => d.dimension[id].category.index[a] - d.dimension[id].category.index[b]));
  const years = dims[d.id.indexOf('Tid')];
  const latest = years[years.length - 1];
  const sums = {};
  const at = (i) => { const c = []; for (let k = d.size.length - 1; k >= 0; --k) { c[k] = i % d.size[k]; i = Math.floor(i / d.size[k]); } return c; };
  const values = Array.isArray(d.value) ? d.value : Object.assign(new Array(d.size.reduce((a, b) => a * b, 1)).fill(null), d.value);
  values.forEach((v, i) => {
    const c = at(i);
    const cat = (id) => dims[d.id.indexOf(id)][c[d.id.indexOf(id)]];
    if (cat('Region') !== municipality || cat('Tid') !== latest || v == null) return;
    sums[cat('Landbakgrunn')] = (sums[cat('Landbakgrunn')] ?? 0) + v;
  });
  return Object.entries(sums).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([c]) => c);
}

function cell(d, place, measure) {
  const p = d.dimension.meeting_place.category.index[String(place)];
  const m = d.dimension.measure.category.index[measure];
  return { value: d.value[p * d.size[1] + m], status: d.status?.[p * d.size[1] + m] };
}

test('origin_spread: countries among members against the municipality\'s largest groups, counts only', async () => {
  const full = await server.get(`${api}/analysis/origin_spread?county=46`, { token: t.national });
  assert.equal(full.status, 200, full.text);
  assert.deepEqual(full.body.id, ['meeting_place', 'measure']);
  assert.equal(full.body.dimension.meeting_place.category.label[String(ids.big)], 'Innvandrerrådet i Bergen (analyse)');
  assert.equal(cell(full.body, ids.big, 'countries_among_members').value, 3); // PL, SO, AF; one unknown
  const top = topCountries('4601');
  const covered = ['PL', 'SO', 'AF'].filter((c) => top.includes(c)).length;
  assert.equal(cell(full.body, ids.big, 'top_countries_in_municipality_covered').value, covered);
  assert.equal(cell(full.body, ids.small, 'countries_among_members').value, 2);
  const cliRun = cli(['analysis', 'run', 'origin_spread', '--county', '46', '--db', server.db]);
  assert.deepEqual(JSON.parse(cliRun.stdout), full.body, 'the command line gives the same');

  const pub = await server.get(`${api}/analysis/origin_spread?county=46`);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(cell(pub.body, ids.big, 'countries_among_members').value, 3);
  for (const m of ['countries_among_members', 'top_countries_in_municipality_covered']) {
    assert.deepEqual(cell(pub.body, ids.small, m), { value: null, status: ':' }, `two members: ${m} hidden`);
  }
  assert.deepEqual([pub.body.extension.suppressed, pub.body.extension.threshold], [true, 3]);
  for (const code of ['"SY"', '"ER"', '"SO"', '"PL"', '"AF"']) assert.ok(!pub.text.includes(code), `${code} never shown`);
  const csv = await fetch(`${server.url}${api}/analysis/origin_spread?county=46&format=csv&lang=en`);
  assert.match(await csv.text(), /Countries among members,3,/);
});

test('perceived_vs_real: informants\' closed answers beside the followed share, for the study\'s leads and analysts', async () => {
  const study = await post(`${api}/studies`, {
    name: 'Påvirkning i Bergen', description: 'Opplevd og reell innflytelse.', region: 'vest', municipalities: ['4601'],
    meeting_places: [ids.big], guides: ['participant-2007'], starts: '2026-01-01', ends: '2026-12-31',
    leads: ['imdi-vest'], interviewers: ['intervjuer'], analysts: ['forsker'], identities_delete_after: '2027-06-30',
  }, t.lead);
  ids.study = study.id;
  const answers = [[['place_influence', 'yes'], ['own_influence', 'yes']], [['place_influence', 'no'], ['own_influence', 'yes']]];
  for (const [i, a] of answers.entries()) {
    const informant = await post(`${api}/studies/${study.id}/informants`, { side: 'immigrant_population', meeting_place: ids.big,
      gender: i ? 'man' : 'woman', consent }, t.lead);
    await post(`${api}/studies/${study.id}/interviews`, { informant: informant.id, mode: 'phone', started_at: '2026-03-0' + (i + 1) + 'T10:00:00+01:00',
      answers: a.map(([question, value]) => ({ question, value })) }, t.interviewer);
  }
  const url = `${api}/analysis/perceived_vs_real?study=${study.id}`;
  const lead = await server.get(url, { token: t.lead });
  assert.equal(lead.status, 200, lead.text);
  assert.deepEqual(lead.body.id, ['meeting_place', 'measure']);
  assert.deepEqual(Object.keys(lead.body.dimension.meeting_place.category.index), [String(ids.big)]);
  assert.equal(cell(lead.body, ids.big, 'perceived').value, 0.75); // 1 and 0.5
  assert.equal(cell(lead.body, ids.big, 'real').value, null); // no case with a decision yet
  assert.equal(lead.body.extension.suppressed, false, 'the study\'s leads get full tables');
  assert.deepEqual((await server.get(url, { token: t.researcher })).body, lead.body, 'so does its analyst');
  const cliRun = cli(['analysis', 'run', 'perceived_vs_real', '--study', String(study.id), '--db', server.db]);
  assert.equal(cliRun.status, 0, cliRun.stderr);
  assert.deepEqual(JSON.parse(cliRun.stdout), lead.body);

  expectError(await server.get(url), 401);
  expectError(await server.get(`${api}/analysis/perceived_vs_real`), 401);
  expectError(await server.get(url, { token: t.interviewer }), 403, 'forbidden');
  expectError(await server.get(url, { token: t.national }), 404);
  expectError(await server.get(`${api}/analysis/perceived_vs_real`, { token: t.national }), 400, 'invalid', '/study');
  expectError(await server.get(`${api}/analysis/kinds?study=abc`, { token: t.lead }), 400, 'invalid', '/study');

  // The study filter: only its meeting places, in full for its analyst (a researcher).
  const g = await server.get(`${api}/analysis/gender_balance?study=${study.id}`, { token: t.researcher });
  assert.equal(g.status, 200, g.text);
  assert.equal(g.body.value.reduce((a, b) => a + (b ?? 0), 0), 1);
  assert.equal(g.body.extension.filters.study, study.id);

  const browser = pageClient(server);
  const cookie = await browser.login('imdi-vest', 'et-langt-passord-123');
  const page = await browser.page(`/analyse/perceived_vs_real?study=${study.id}&lang=nn`, { cookie });
  assert.equal(page.status, 200, page.html.slice(0, 500));
  const html = page.html;
  assert.match(html, /<td data-cell="0">75 %<\/td>/);
  assert.match(html, /<svg[^>]*role="img"/);
});
