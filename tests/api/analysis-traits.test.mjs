// The analysis traits (contracts/analysis.md) on the demo's example study, whose coder marked the
// report's common traits in the informants' answers: a meeting place counts once for a trait
// however many of its informants raised it (the council of Elvestad, three informants); labels
// are the codebook's; visitors get cells fewer than three informants raised hidden and no study
// filter; a study's leads read its table in full.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, cli, expectError } from './harness.mjs';

const api = '/api/v1';
const server = new Server();
const t = {};
let study;
const places = {};  // meeting place id -> { name, informants: Map(informant -> Set(code)) }

async function all(url, token) {
  const out = [];
  for (let page = 1; ; ++page) {
    const r = await server.get(`${url}${url.includes('?') ? '&' : '?'}per_page=100&page=${page}`, { token });
    assert.equal(r.status, 200, `${url}: ${r.text}`);
    out.push(...r.body.data);
    if (out.length >= r.body.pagination.totalElements || r.body.data.length === 0) return out;
  }
}

before(async () => {
  await server.start();
  const r = cli(['demo', 'load', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  t.admin = server.addUser('traits-admin', 'admin');
  t.national = server.addUser('traits-national', 'national');
  t.municipal = server.addUser('traits-municipal', 'municipal', '46');
  study = (await server.get(`${api}/studies`, { token: t.admin })).body.data.find((s) => s.example);
  assert.ok(study, 'the demo has an example study');
  const interviews = new Map((await all(`${api}/studies/${study.id}/interviews`, t.admin)).map((i) => [i.id, i]));
  for (const c of await all(`${api}/studies/${study.id}/codings`, t.admin)) {
    if (c.stale) continue;
    const i = interviews.get(c.interview);
    places[i.meeting_place] ??= { informants: new Map() };
    const p = places[i.meeting_place];
    if (!p.informants.has(i.informant)) p.informants.set(i.informant, new Set());
    p.informants.get(i.informant).add(c.code);
  }
  for (const id of Object.keys(places)) {
    places[id].name = (await server.get(`${api}/meeting-places/${id}`, { token: t.admin })).body.name;
  }
});
after(async () => { await server.stop(); server.cleanup(); });

// The number of meeting places whose informants raised `code`, and of informants who did.
function expected(code) {
  let n = 0, informants = 0;
  for (const p of Object.values(places)) {
    const who = [...p.informants.values()].filter((codes) => codes.has(code)).length;
    if (who > 0) ++n;
    informants += who;
  }
  return { places: n, informants };
}

function rowSum(d, trait) {
  const w = d.size[1];
  const row = d.dimension.trait.category.index[trait];
  return d.value.slice(row * w, row * w + w).reduce((a, b) => a + (b ?? 0), 0);
}

test('a national user reads, for each trait, how many meeting places had an informant raise it', async () => {
  const res = await server.get(`${api}/analysis/traits`, { token: t.national });
  assert.equal(res.status, 200, res.text);
  const d = res.body;
  assert.deepEqual(d.id, ['trait', 'kind']);
  assert.equal(d.extension.suppressed, false);
  const traits = Object.keys(d.dimension.trait.category.index);
  assert.ok(traits.includes('training_wanted') && traits.includes('fiery_souls'));
  assert.ok(!traits.some((id) => id.startsWith('criterion_')), 'the typology criteria are not traits');
  let raised = 0;
  for (const trait of traits) {
    assert.equal(rowSum(d, trait), expected(trait).places, trait);
    raised += expected(trait).places;
  }
  assert.ok(raised > 0, 'the demo study is coded');
  assert.ok(expected('training_wanted').informants > expected('training_wanted').places,
    'some meeting place has several informants who want training');
});

test('the council of Elvestad counts once for a trait however many of its informants raised it', async () => {
  const [id, elvestad] = Object.entries(places).find(([, p]) => p.name.startsWith('Innvandrerrådet i Elvestad'));
  assert.equal(elvestad.informants.size, 3, 'three informants');
  const council = (d, trait) => d.value[d.dimension.trait.category.index[trait] * d.size[1] + d.dimension.kind.category.index.council];
  const was = (await server.get(`${api}/analysis/traits`, { token: t.national })).body;
  // Code a trait for each informant of Elvestad that none of them raised yet: one more council.
  const interviews = (await all(`${api}/studies/${study.id}/interviews`, t.admin)).filter((i) => String(i.meeting_place) === id);
  const fresh = 'network_wanted';
  assert.ok(![...elvestad.informants.values()].some((c) => c.has(fresh)));
  let now;
  for (const [n, i] of interviews.entries()) {
    const r = await server.post(`${api}/studies/${study.id}/codings`,
      { interview: i.id, question: 'improvements', start: null, end: null, code: fresh }, { token: t.admin });
    assert.equal(r.status, 201, r.text);
    now = (await server.get(`${api}/analysis/traits`, { token: t.national })).body;
    assert.equal(council(now, fresh), council(was, fresh) + 1, `after ${n + 1} of 3 informants`);
  }
  // Where informants contradict each other, the codes still count: a place, not a verdict.
  assert.equal(rowSum(now, fresh), rowSum(was, fresh) + 1);
});

test('labels follow the reader\'s language and are the codebook\'s names', async () => {
  const book = (await server.get(`${api}/studies/${study.id}/codebook`, { token: t.admin })).body;
  for (const lang of ['nb', 'nn', 'en']) {
    const d = (await server.get(`${api}/analysis/traits?lang=${lang}`, { token: t.national })).body;
    for (const code of book.codes.filter((c) => !c.group?.startsWith('criterion_'))) {
      assert.equal(d.dimension.trait.category.label[code.id], code.name[lang], `${code.id} ${lang}`);
    }
  }
  const nn = (await server.get(`${api}/analysis/traits?lang=nn`)).body;
  assert.equal(nn.dimension.trait.category.label.fiery_souls, 'Kviler på eldsjeler');
  assert.ok(nn.note.some((n) => /blir talt éin gong/.test(n)), nn.note);
});

test('visitors get traits fewer than three informants raised hidden, and no study filter', async () => {
  const pub = (await server.get(`${api}/analysis/traits`)).body;
  const full = (await server.get(`${api}/analysis/traits`, { token: t.national })).body;
  const hidden = pub.value.map((v, i) => (pub.status?.[i] === ':' ? i : -1)).filter((i) => i >= 0);
  assert.ok(hidden.length > 0, 'the demo has traits few informants raised');
  assert.deepEqual([pub.extension.suppressed, pub.extension.threshold], [true, 3]);
  for (const i of hidden) assert.equal(pub.value[i], null);
  for (const [i, v] of pub.value.entries()) if (v !== null) assert.equal(v, full.value[i]);
  const w = pub.size[1];
  for (let row = 0; row < pub.value.length; row += w) {
    assert.notEqual(hidden.filter((i) => i >= row && i < row + w).length, 1, `row ${row / w}`);
  }
  // A trait only one informant raised anywhere is never shown to a visitor.
  for (const trait of Object.keys(pub.dimension.trait.category.index)) {
    if (expected(trait).informants > 0 && expected(trait).informants < 3) assert.equal(rowSum(pub, trait), 0, trait);
  }
  expectError(await server.get(`${api}/analysis/traits?study=${study.id}`), 401);
  // A municipal user is no visitor but gets no full tables: hidden as well.
  const municipal = (await server.get(`${api}/analysis/traits`, { token: t.municipal })).body;
  assert.deepEqual(municipal.value, pub.value);
});

test('the study\'s lead reads its table in full; the CLI gives the same numbers as the API', async () => {
  const lead = (await server.get(`${api}/analysis/traits?study=${study.id}`, { token: t.admin })).body;
  assert.equal(lead.extension.suppressed, false);
  assert.equal(lead.extension.filters.study, study.id);
  expectError(await server.get(`${api}/analysis/traits?study=${study.id}`, { token: t.municipal }), 404);
  const c = cli(['analysis', 'run', 'traits', '--db', server.db]);
  assert.equal(c.status, 0, c.stderr);
  assert.deepEqual(JSON.parse(c.stdout), (await server.get(`${api}/analysis/traits`, { token: t.national })).body);
});

test('the page draws the chart and the table in nynorsk, and the handbook links to it', async () => {
  const res = await fetch(`${server.url}/analyse/traits?lang=nn`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Møteplassar der informantane tok opp fellestrekka i rapporten/);
  assert.match(html, /<svg[^>]*role="img"/);
  assert.match(html, /Kviler på eldsjeler/);
  const list = await (await fetch(`${server.url}/analyse?lang=en`)).text();
  assert.match(list, /href="\/analyse\/traits"/);
});

// The server keeps what the analyses read (the register's units, each study's interviews and
// codings) while nothing is committed: a write moves the data stamp, and the next answer counts it.
test('what the analyses keep follows the writes: a new coding counts at once', async () => {
  const before = (await server.get(`${api}/analysis/traits`, { token: t.national })).body;
  const traits = Object.keys(before.dimension.trait.category.index);
  let chosen;
  for (const i of await all(`${api}/studies/${study.id}/interviews`, t.admin)) {
    if (!places[i.meeting_place]) continue;  // a meeting place the table counts already
    const raised = new Set([...places[i.meeting_place].informants.values()].flatMap((codes) => [...codes]));
    const trait = traits.find((code) => !raised.has(code));
    const answer = (i.answers ?? []).find((a) => typeof a.text === 'string' && a.text.length >= 3);
    if (trait && answer) { chosen = { interview: i, trait, answer }; break; }
  }
  assert.ok(chosen, 'an answer at a meeting place where some trait was not raised');
  const made = await server.post(`${api}/studies/${study.id}/codings`, { interview: chosen.interview.id,
    question: chosen.answer.question, start: 0, end: 3, code: chosen.trait, memo: null }, { token: t.admin });
  assert.equal(made.status, 201, made.text);
  const after = (await server.get(`${api}/analysis/traits`, { token: t.national })).body;
  assert.equal(rowSum(after, chosen.trait), rowSum(before, chosen.trait) + 1, chosen.trait);
});
