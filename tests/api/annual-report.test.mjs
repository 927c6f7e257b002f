// The annual report (årsmelding, contracts/operations.md): /moteplasser/{id}/arsmelding/{year}
// and its .pdf, in the reader's language, from the operations record: members and seats, meetings
// held, cases by kind with outcomes, own initiatives, and open alerts for those who read them. A
// visitor gets what the public may see; the PDF holds the same text (pdftotext). Runs on the
// backend the tests run on (MOTEPLASS_TEST_BACKEND).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Server, councilBody, pageClient } from './harness.mjs';

const server = new Server();
const client = pageClient(server);
const api = '/api/v1';
const YEAR = new Date().getUTCFullYear() - 1;  // last year: a year that is over
const t = {};
let id;
let secretaryCookie;

async function ok(res) {
  assert.equal(res.status, 201, res.text);
  return res.body;
}

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  id = (await ok(await server.post(`${api}/meeting-places`, councilBody('4601', 'Innvandrerrådet i Bergen (årsmelding)'), { token: t.admin }))).id;
  t.secretary = server.addUser('sekretar', 'secretary', String(id));
  const s = { token: t.secretary };
  const place = (p) => `${api}/meeting-places/${id}${p}`;
  const amina = (await ok(await server.post(`${api}/people`, { name: 'Amina Farah', gender: 'woman', show_publicly: true }, s))).id;
  const per = (await ok(await server.post(`${api}/people`, { name: 'Per Skjult', gender: 'man', show_publicly: false }, s))).id;
  await ok(await server.post(place('/memberships'), { person: amina, role: 'chair', seat: 'immigrant_population', starts: `${YEAR - 1}-11-01`, ends: `${YEAR + 2}-10-31` }, s));
  await ok(await server.post(place('/memberships'), { person: per, role: 'member', seat: 'politicians', starts: `${YEAR - 1}-11-01`, ends: `${YEAR + 2}-10-31` }, s));
  for (const day of ['02-10', '05-12', '09-15']) {
    await ok(await server.post(place('/meetings'), { starts_at: `${YEAR}-${day}T17:00:00Z` }, s));
  }
  await ok(await server.post(place('/meetings'), { starts_at: `${YEAR}-11-20T17:00:00Z`, kind: 'extra', called_by: 'immigrant_population' }, s));
  await ok(await server.post(place('/meetings'), { starts_at: `${YEAR}-12-01T17:00:00Z`, cancelled: true }, s));
  await ok(await server.post(place('/meetings'), { starts_at: `${YEAR - 1}-12-01T17:00:00Z` }, s));
  await ok(await server.post(place('/cases'), { title: 'Høring: plan for bosetting', kind: 'hearing', received: `${YEAR}-01-10`, deadline: `${YEAR}-02-10`, sent: `${YEAR}-02-10`, statement: 'Rådet støtter planen.', decision: { outcome: 'followed' } }, s));
  await ok(await server.post(place('/cases'), { title: 'Høring: tolketjeneste', kind: 'hearing', received: `${YEAR}-04-01`, deadline: `${YEAR}-04-20`, sent: `${YEAR}-04-25`, decision: { outcome: 'not_followed' } }, s));
  await ok(await server.post(place('/cases'), { title: 'Eget initiativ: norskopplæring for eldre', kind: 'own_initiative', received: `${YEAR}-06-01` }, s));
  await ok(await server.post(place('/cases'), { title: 'Rådgivning: enkeltsak', kind: 'advice_request', received: `${YEAR}-03-05`, public: false, decision: { outcome: 'followed' } }, s));
  secretaryCookie = await client.login('sekretar', 'et-langt-passord-123');
});
after(async () => { await server.stop(); server.cleanup(); });

const path_ = () => `/moteplasser/${id}/arsmelding/${YEAR}`;
const rowOf = (html, label) => new RegExp(`<th scope="row">${label}</th><td>([^<]*)</td>`).exec(html)?.[1];

test('a visitor reads what the public may see, in bokmål, nynorsk and English', async () => {
  const nb = await client.page(path_());
  assert.equal(nb.status, 200, nb.html);
  assert.match(nb.html, new RegExp(`<h1 class="ds-heading" data-size="lg">Årsmelding ${YEAR}: Innvandrerrådet i Bergen \\(årsmelding\\)</h1>`));
  assert.match(nb.html, /Du ser det som er offentlig/);
  assert.match(nb.html, /<th scope="row">Amina Farah<\/th><td>Leder<\/td><td>Innvandrerbefolkningen/);
  assert.doesNotMatch(nb.html, /Per Skjult/);
  assert.match(nb.html, new RegExp(`4 møter holdt i ${YEAR}\\.`));  // not the cancelled one, not the year before
  assert.match(nb.html, /Ekstraordinære møter blant dem: 1\./);
  assert.equal(rowOf(nb.html, 'Høringer'), '2');
  assert.equal(rowOf(nb.html, 'Eget initiativ'), '1');
  assert.equal(rowOf(nb.html, 'Spurt om råd'), '0');  // exempt from public access
  assert.equal(rowOf(nb.html, 'Fulgt'), '1');
  assert.equal(rowOf(nb.html, 'Ikke fulgt'), '1');
  assert.match(nb.html, /Uttalelser sendt innen fristen: 1\. Etter fristen: 1\./);
  assert.match(nb.html, /<li>Eget initiativ: norskopplæring for eldre<\/li>/);
  assert.doesNotMatch(nb.html, /enkeltsak/);  // exempt from public access
  assert.doesNotMatch(nb.html, /Åpne varsler/);  // alerts are for those who read them
  assert.match(nb.html, new RegExp(`href="/moteplasser/${id}/arsmelding/${YEAR}\\.pdf\\?lang=nb"`));
  const nn = await client.page(`${path_()}?lang=nn`);
  assert.match(nn.html, /<html lang="nn"/);
  assert.match(nn.html, new RegExp(`4 møte haldne i ${YEAR}\\.`));
  assert.match(nn.html, /Saker tekne opp på eige initiativ/);
  const en = await client.page(`${path_()}?lang=en`);
  assert.match(en.html, new RegExp(`Annual report ${YEAR}: `));
  assert.match(en.html, /Cases raised on its own initiative/);
  // The meeting place's page links its reports.
  const page = await client.page(`/moteplasser/${id}`);
  assert.match(page.html, new RegExp(`Årsmeldinger: .*href="/moteplasser/${id}/arsmelding/${YEAR}">${YEAR}</a>`));
});

test('those who read its internal work see every member and case, and its open alerts', async () => {
  const r = await client.page(path_(), { cookie: secretaryCookie });
  assert.equal(r.status, 200);
  assert.match(r.html, /Per Skjult/);
  assert.match(r.html, /<th scope="row">Høringer<\/th><td>2<\/td>/);
  assert.equal(rowOf(r.html, 'Fulgt'), '2');
  assert.doesNotMatch(r.html, /Du ser det som er offentlig/);
  assert.match(r.html, /<h2 class="ds-heading" data-size="md">Åpne varsler<\/h2>/);
});

// Every role, as the access table has it: operations.read_internal (every member and case) for
// admin, national, regional and municipal in scope and the meeting place's secretary; alerts.read
// for the same; researchers every member and case without names (operations.read_without_names)
// and no alerts; visitors what the public may see.
test('every role reads the report as the access table says', async () => {
  const roles = [
    ['admin', 'admin', undefined, true],
    ['nasjonal', 'national', undefined, true],
    ['vest', 'regional', 'vest', true],
    ['nord', 'regional', 'nord', false],
    ['bergen', 'municipal', '4601', true],
    ['oslo', 'municipal', '0301', false],
    ['sekretar', 'secretary', undefined, true],
    ['forsker', 'researcher', undefined, false, true],
  ];
  for (const [user, role, scope, internal, nameless = false] of roles) {
    if (user !== 'admin' && user !== 'sekretar') server.addUser(user, role, scope);
    const cookie = await client.login(user, 'et-langt-passord-123');
    for (const p of [path_(), `${path_()}?lang=en`]) {
      const r = await client.page(p, { cookie });
      assert.equal(r.status, 200, `${user} ${p}`);
      assert.equal(/Per Skjult/.test(r.html), internal, `${user}: the member not shown publicly`);
      const advice = rowOf(r.html, p.includes('lang=en') ? 'Advice requested' : 'Spurt om råd');
      assert.equal(advice, internal || nameless ? '1' : '0', `${user}: the case exempt from public access is counted`);
      assert.equal(/Person \d+/.test(r.html), nameless, `${user}: members as numbers`);
      assert.equal(/<h2 class="ds-heading" data-size="md">(Åpne varsler|Open alerts)<\/h2>/.test(r.html), internal, `${user}: alerts`);
    }
    const pdf = await fetch(`${server.url}${path_()}.pdf`, { headers: { cookie } });
    assert.equal(pdf.status, 200, `${user}: the PDF`);
  }
});

test('an unknown year, a year not yet over or a meeting place that does not exist is not found', async () => {
  for (const p of [`/moteplasser/${id}/arsmelding/1850`, `/moteplasser/${id}/arsmelding/${YEAR + 2}`,
    `/moteplasser/${id}/arsmelding/tjue`, `/moteplasser/${id}/arsmelding/${YEAR}.doc`, `/moteplasser/999999/arsmelding/${YEAR}`]) {
    assert.equal((await client.page(p)).status, 404, p);
  }
});

test('the PDF holds the same text in the reader\'s language', async () => {
  for (const [lang, words] of [
    ['nb', [`Årsmelding ${YEAR}`, 'Medlemmer og plasser', 'Amina Farah', 'Saker og utfall', 'norskopplæring for eldre']],
    ['nn', [`Årsmelding ${YEAR}`, 'Medlemer og plassar', 'Saker tekne opp på eige initiativ']],
    ['en', [`Annual report ${YEAR}`, 'Members and seats', 'What the decisions did with the statements']],
  ]) {
    const r = await fetch(`${server.url}${path_()}.pdf?lang=${lang}`);
    assert.equal(r.status, 200, lang);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.equal(r.headers.get('content-language'), lang);
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.match(bytes.toString('latin1'), /\/StructTreeRoot/, 'a tagged PDF');
    assert.match(bytes.toString('latin1'), new RegExp(`/Lang \\(${lang}\\)`), 'the language in the catalog');
    // The cross-reference table is where the file says it is (poppler would repair it silently).
    const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(bytes.toString('latin1'))[1]);
    assert.equal(bytes.subarray(startxref, startxref + 5).toString('latin1'), 'xref\n');
    if (!existsSync('/usr/bin/pdftotext')) continue;  // poppler-utils: scripts/install-deps installs it
    const dir = mkdtempSync(path.join(tmpdir(), 'arsmelding-'));
    try {
      const file = path.join(dir, 'r.pdf');
      writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
      assert.equal(info.status, 0, info.stderr);
      assert.match(info.stdout, /Tagged: +yes/);
      for (const w of words) assert.ok(text.includes(w), `${lang}: the PDF says «${w}»`);
      assert.ok(!text.includes('Per Skjult'), 'the public PDF has no hidden member');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
