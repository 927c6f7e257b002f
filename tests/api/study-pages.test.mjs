// The pages of mapping studies as a browser without JavaScript uses them (http/studies): a
// regional adviser sets up a study, adds informants and types an interview; the follow-ups come
// after a round trip; the matrix shows two informants of one meeting place disagreeing; nobody
// the study does not name sees anything of it (404), an analyst may not record an interview
// (403); nothing typed is lost when the session has expired or the version is stale; no page
// shows an identity.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, councilBody, pageClient } from './harness.mjs';

const server = new Server();
const web = pageClient(server);
const t = {};
const ids = {};
const PASSWORD = 'et-langt-passord-123';
const NAME = 'Kari Nordmann-Hansen';

const csrfOf = (html) => /name="csrf_token" value="([^"]+)"/.exec(html)[1];
const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];

async function session(username) {
  const cookie = await web.login(username, PASSWORD);
  const page = async (p) => web.page(p, { cookie });
  const form = async (p) => {
    const r = await page(p);
    assert.equal(r.status, 200, `${p}: ${r.status} ${r.html.slice(0, 300)}`);
    return r;
  };
  const post = async (p, fields) => web.post(p, fields, { cookie });
  return { cookie, page, form, post };
}

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  server.addUser('imdi-vest', 'regional', 'vest');
  server.addUser('intervjuer', 'national');
  server.addUser('forsker', 'researcher');
  server.addUser('bergen', 'municipal', '4601');
  for (const [m, name] of [['4601', 'Innvandrerrådet i Bergen'], ['4602', 'Kontaktutvalget i Kinn'], ['4624', 'Dialogforumet i Bjørnafjorden']]) {
    const r = await server.post('/api/v1/meeting-places', councilBody(m, name), { token: t.admin });
    assert.equal(r.status, 201, r.text);
    ids[m] = r.body.id;
  }
});
after(async () => { await server.stop(); server.cleanup(); });

describe('a study set up and run through the pages', () => {
  let lead;
  test('a regional adviser sets up a study of five municipalities and picks their meeting places', async () => {
    lead = await session('imdi-vest');
    const list = await lead.form('/studier');
    assert.match(list.html, /href="\/studier\/ny"/);
    const form = await lead.form('/studier/ny');
    const fields = {
      csrf_token: csrfOf(form.html), version: '0', name: 'Kartlegging i Vestland 2026', description: 'Etter rapportens metode.',
      region: 'vest', municipalities: '4601 4602 4624 4625 4626', guides: 'participant-2007', starts: '01.02.2026',
      ends: '30.06.2026', leads: 'imdi-vest', interviewers: 'intervjuer', analysts: 'forsker', identities_delete_after: '30.06.2027',
    };
    // A date that is not one is named beside its field, and what was typed stays.
    const bad = await lead.post('/studier/ny', { ...fields, ends: '31.02.2026' });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /href="#s-ends"/);
    assert.match(bad.html, /value="4601 4602 4624 4625 4626"/);
    const created = await lead.post('/studier/ny', fields);
    assert.equal(created.status, 303, created.html.slice(0, 500));
    ids.study = /\/studier\/(\d+)/.exec(created.headers.get('location'))[1];
    // The form now offers the meeting places of the five municipalities.
    const edit = await lead.form(`/studier/${ids.study}/endre`);
    for (const m of ['4601', '4602', '4624']) assert.match(edit.html, new RegExp(`name="meeting_places" value="${ids[m]}"`));
    const body = new URLSearchParams({ ...fields, csrf_token: csrfOf(edit.html), version: versionOf(edit.html) });
    for (const m of ['4601', '4602', '4624']) body.append('meeting_places', String(ids[m]));
    const saved = await lead.post(`/studier/${ids.study}/endre`, body);
    assert.equal(saved.status, 303, saved.html.slice(0, 500));
    const study = await server.get(`/api/v1/studies/${ids.study}`, { token: t.admin });
    assert.deepEqual(study.body.municipalities, ['4601', '4602', '4624', '4625', '4626']);
    assert.equal(study.body.meeting_places.length, 3);
  });

  test('informants get pseudonyms; the identity is sealed and never shown on a page', async () => {
    const add = async (side, role, extra = {}) => {
      const form = await lead.form(`/studier/${ids.study}/informanter/ny`);
      assert.match(form.html, /name="id_name"/, 'a lead is offered the identity fields');
      const r = await lead.post(`/studier/${ids.study}/informanter/ny`, {
        csrf_token: csrfOf(form.html), side, role, gender: 'woman', meeting_place: String(ids['4601']),
        consent_form: 'oral', consent_date: '01.02.2026', ...extra,
      });
      return r;
    };
    const minor = await add('immigrant_population', 'member', { minor: 'on' });
    assert.equal(minor.status, 400, 'a minor without the guardian informed is refused');
    assert.match(minor.html, /href="#i-guardian_informed"/);
    const a = await add('immigrant_population', 'chair', { id_name: NAME, id_phone: '+47 400 00 000' });
    assert.equal(a.status, 303, a.html.slice(0, 400));
    assert.match(a.headers.get('location'), /lagt_til=I-0\d/);
    const b = await add('authority', 'official');
    assert.equal(b.status, 303);
    const informants = await server.get(`/api/v1/studies/${ids.study}/informants`, { token: t.admin });
    ids.informants = informants.body.data.map((i) => i.id);
    assert.equal(ids.informants.length, 2);
    const identity = await server.get(`/api/v1/studies/${ids.study}/informants/${ids.informants[0]}/identity`, { token: t.admin });
    assert.equal(identity.body.name, NAME, 'the identity went through the use case');
    const overview = await lead.form(`/studier/${ids.study}`);
    assert.ok(!overview.html.includes(NAME) && !overview.html.includes('400 00 000'), 'no identity on the overview');
    assert.match(overview.html, /I-01/);
    assert.match(overview.html, /Muntlig samtykke, 01\.02\.2026/);
  });

  test('an interview typed in the form, follow-ups after a round trip, and two informants who disagree', async () => {
    const interviewer = await session('intervjuer');
    const fresh = await interviewer.form(`/studier/${ids.study}/intervjuer/ny?informant=${ids.informants[0]}`);
    assert.match(fresh.html, /Tilbyr møteplassen opplæring\?/);
    // The follow-ups of training_offered shown (those not called for are in the page, hidden, for studies.js).
    const followUps = (html) => (html.match(/data-follows="training_offered" data-values="[^"]*"(?! hidden)/g) ?? []).length;
    assert.equal(followUps(fresh.html), 0, 'no follow-up before the answer calls for it');
    const saved = await interviewer.post(`/studier/${ids.study}/intervjuer/ny`, {
      csrf_token: csrfOf(fresh.html), version: '0', guide: 'participant-2007', guide_version: '', informant: String(ids.informants[0]),
      mode: 'phone', 'v.training_offered': 'yes', 't.training_offered': 'Ja, vi fikk et kurs i kommunens saksgang.',
    });
    assert.equal(saved.status, 303, saved.html.slice(0, 800));
    const location = saved.headers.get('location');
    ids.interview = /intervjuer\/(\d+)/.exec(location)[1];
    const again = await interviewer.form(location);
    assert.match(again.html, /Intervjuet er lagret/);
    assert.ok(followUps(again.html) > 0, 'the follow-ups of a yes are shown after the round trip');
    assert.match(again.html, /Ja, vi fikk et kurs i kommunens saksgang\./);

    const other = await interviewer.form(`/studier/${ids.study}/intervjuer/ny?informant=${ids.informants[1]}`);
    const second = await interviewer.post(`/studier/${ids.study}/intervjuer/ny`, {
      csrf_token: csrfOf(other.html), version: '0', guide: 'participant-2007', informant: String(ids.informants[1]),
      mode: 'phone', 'v.training_offered': 'no', 't.training_offered': 'Nei, det har vi aldri hatt.', finish: '1',
    });
    assert.equal(second.status, 303, second.html.slice(0, 800));
    assert.equal(second.headers.get('location'), `/studier/${ids.study}?lagret=1`);

    // The overview: per side, one informant and one of them interviewed; none missing at the place.
    const overview = await interviewer.form(`/studier/${ids.study}`);
    const row = new RegExp(`Innvandrerrådet i Bergen</a></th><td>1 \\(1 intervjuet\\)</td><td>1 \\(1 intervjuet\\)</td><td>0 \\(0 intervjuet\\)</td><td>2</td><td>0</td>`);
    assert.match(overview.html, row);
    const matrix = await interviewer.form(`/studier/${ids.study}/moteplasser/${ids['4601']}`);
    assert.match(matrix.html, /I-01/);
    assert.match(matrix.html, /I-02/);
    assert.match(matrix.html, /Informantene er uenige/, 'the disagreement is said in words');
    assert.match(matrix.html, /Ja, vi fikk et kurs/);
    assert.match(matrix.html, /Nei, det har vi aldri hatt\./);
    const en = await interviewer.form(`/studier/${ids.study}/moteplasser/${ids['4601']}?lang=en`);
    assert.match(en.html, /Does the meeting place offer training\?/);
    assert.match(en.html, /The informants disagree/);
  });

  test('a stale version keeps what was typed and shows the newer answer', async () => {
    const a = await session('intervjuer');
    const form = await a.form(`/studier/${ids.study}/intervjuer/${ids.interview}`);
    const version = versionOf(form.html);
    // Someone else saves in between (through the API).
    const now = await server.get(`/api/v1/studies/${ids.study}/interviews/${ids.interview}`, { token: t.admin });
    const answers = now.body.answers.map((x) => (x.question === 'training_offered' ? { ...x, text: 'Endret av en annen.' } : x));
    const put = await server.put(`/api/v1/studies/${ids.study}/interviews/${ids.interview}`, { ...now.body, answers }, { token: t.admin, headers: { 'if-match': `"${now.body.version}"` } });
    assert.equal(put.status, 200, put.text);
    const stale = await a.post(`/studier/${ids.study}/intervjuer/${ids.interview}`, {
      csrf_token: csrfOf(form.html), version, guide: 'participant-2007', informant: String(ids.informants[0]), mode: 'phone',
      'v.training_offered': 'yes', 't.training_offered': 'Mitt eget notat som ikke må gå tapt.',
    });
    assert.equal(stale.status, 409);
    assert.match(stale.html, /Mitt eget notat som ikke må gå tapt\./);
    assert.match(stale.html, /Endret av en annen\./);
    assert.equal(versionOf(stale.html), String(put.body.version), 'the form is now based on the newer version');
  });

  test('a form posted after the session expired is kept, and comes back after logging in', async () => {
    const a = await session('intervjuer');
    const form = await a.form(`/studier/${ids.study}/intervjuer/${ids.interview}`);
    const typed = 'Teksten som ble skrevet mens økten gikk ut.';
    // No session any more (expired, or logged out elsewhere): the browser still posts the form.
    const lost = await web.post(`/studier/${ids.study}/intervjuer/${ids.interview}`, {
      csrf_token: csrfOf(form.html), version: versionOf(form.html), guide: 'participant-2007', informant: String(ids.informants[0]),
      mode: 'phone', 'v.training_offered': 'yes', 't.training_offered': typed,
    });
    assert.equal(lost.status, 401);
    assert.match(lost.html, /blir holdt av i 2 timer/);
    const draft = lost.headers.get('set-cookie').split(';')[0];
    assert.match(draft, /^moteplass_utkast=/);
    assert.match(lost.headers.get('set-cookie'), /HttpOnly; SameSite=Strict; Path=\/studier/);
    assert.ok(!lost.html.includes(typed), 'the kept text is not echoed to whoever posted it');
    // Logged in again (a new session), the form comes back with the text, not yet saved.
    const b = await session('intervjuer');
    const back = await web.page(`/studier/${ids.study}/intervjuer/${ids.interview}`, { cookie: `${b.cookie}; ${draft}` });
    assert.equal(back.status, 200);
    assert.ok(back.html.includes(typed), 'the typed text is back in the form');
    assert.match(back.html, /ikke lagret ennå/);
    // Taken once.
    const twice = await web.page(`/studier/${ids.study}/intervjuer/${ids.interview}`, { cookie: `${b.cookie}; ${draft}` });
    assert.ok(!twice.html.includes(typed));
    // A form from an older session (its CSRF token) is kept the same way, not refused empty-handed.
    const old = await b.post(`/studier/${ids.study}/intervjuer/${ids.interview}`, {
      csrf_token: csrfOf(form.html), version: versionOf(back.html), guide: 'participant-2007', informant: String(ids.informants[0]),
      'v.training_offered': 'yes', 't.training_offered': typed,
    });
    assert.equal(old.status, 403);
    assert.match(old.html, /Tilbake til skjemaet/);
    const draft2 = old.headers.get('set-cookie').split(';')[0];
    const restored = await web.page(`/studier/${ids.study}/intervjuer/${ids.interview}`, { cookie: `${b.cookie}; ${draft2}` });
    assert.ok(restored.html.includes(typed));
    // Another site cannot plant a draft.
    const foreign = await web.post(`/studier/${ids.study}/intervjuer/${ids.interview}`, { 't.training_offered': 'plantet' }, { origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('set-cookie'), null);
  });
});

describe('who sees the study pages', () => {
  test('a visitor is sent to log in; someone the study does not name gets 404; an analyst may not interview', async () => {
    const visitor = await web.page(`/studier/${ids.study}`);
    assert.equal(visitor.status, 303);
    assert.match(visitor.headers.get('location'), /^\/logg-inn\?next=/);
    const bergen = await session('bergen');
    for (const p of [`/studier/${ids.study}`, `/studier/${ids.study}/moteplasser/${ids['4601']}`, `/studier/${ids.study}/intervjuer/ny`, `/studier/${ids.study}/intervjuer/${ids.interview}`]) {
      const r = await bergen.page(p);
      assert.equal(r.status, 404, `${p} for a municipal officer the study does not name`);
      assert.ok(!r.html.includes('Kartlegging i Vestland'), `${p} names nothing of the study`);
    }
    const list = await bergen.form('/studier');
    assert.ok(!list.html.includes('Kartlegging i Vestland'));
    const analyst = await session('forsker');
    assert.equal((await analyst.page(`/studier/${ids.study}`)).status, 200);
    assert.equal((await analyst.page(`/studier/${ids.study}/moteplasser/${ids['4601']}`)).status, 200);
    assert.equal((await analyst.page(`/studier/${ids.study}/intervjuer/ny`)).status, 403);
    assert.equal((await analyst.page(`/studier/${ids.study}/informanter/ny`)).status, 403);
    const overview = await analyst.form(`/studier/${ids.study}`);
    const denied = await analyst.post(`/studier/${ids.study}/intervjuer/ny`, { csrf_token: csrfOf(overview.html), informant: String(ids.informants[0]) });
    assert.equal(denied.status, 403);
    const edit = await analyst.post(`/studier/${ids.study}/endre`, { csrf_token: csrfOf(overview.html), name: 'Kapret' });
    assert.equal(edit.status, 403);
    const audit = (await import('./harness.mjs')).cli(['audit', '--limit', '50', '--db', server.db]).stdout;
    assert.match(audit, /forsker\tstudy\.interview\tstudy\t\d+\tdenied/);
  });

  test('a form without the CSRF token writes nothing', async () => {
    const lead = await session('imdi-vest');
    const r = await lead.post('/studier/ny', { name: 'Uten token', guides: 'participant-2007', starts: '01.02.2026', leads: 'imdi-vest' });
    assert.equal(r.status, 403);
    const list = await server.get('/api/v1/studies', { token: t.admin });
    assert.ok(!list.body.data.some((s) => s.name === 'Uten token'));
  });
});

describe('downloads from the study overview', () => {
  const exportLinks = (html) => [...html.matchAll(/href="(\/api\/v1\/studies\/\d+\/export\?[^"]+)" download>([^<]+)</g)]
    .map((m) => ({ href: m[1].replace(/&amp;/g, '&'), label: m[2] }));

  test('everyone the study names gets CSV, XLSX and .qdpx without names; only a lead gets them with names', async () => {
    const analyst = await session('forsker');
    const seen = exportLinks((await analyst.form(`/studier/${ids.study}`)).html);
    assert.deepEqual(seen.map((l) => l.href.split('?')[1]), ['format=csv', 'format=xlsx', 'format=qdpx']);
    assert.match(seen[2].label, /REFI-QDA \(\.qdpx\)/);
    const download = await fetch(server.url + seen[2].href, { headers: { cookie: analyst.cookie } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/zip');
    assert.match(download.headers.get('content-disposition'), /attachment; filename="study-\d+\.qdpx"/);
    assert.ok(!Buffer.from(await download.arrayBuffer()).toString('latin1').includes(NAME));

    const lead = await session('imdi-vest');
    const all = exportLinks((await lead.form(`/studier/${ids.study}`)).html);
    assert.equal(all.length, 6);
    assert.deepEqual(all.slice(3).map((l) => l.href.split('?')[1]),
      ['format=csv&with_identities=true', 'format=xlsx&with_identities=true', 'format=qdpx&with_identities=true']);
    for (const [lang, label] of [['nb', 'CSV med navn'], ['nn', 'CSV med namn'], ['en', 'CSV with names']]) {
      const html = (await lead.page(`/studier/${ids.study}?lang=${lang}`)).html;
      assert.match(html, new RegExp(`<html lang="${lang}"`));
      assert.ok(exportLinks(html).some((l) => l.label === label), `${lang}: ${label}`);
    }
  });
});
