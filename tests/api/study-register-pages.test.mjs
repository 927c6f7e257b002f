// The pages of a mapping study that change what is stored (issue 9), on the demo's example study,
// as a browser without JavaScript uses them: the proposal page shows where the register and the
// informants disagree and lets the lead accept a field into the register (the history says the
// study); the informant's form changes an informant; withdrawing consent and deleting an
// interview each ask for a tick first; the interview form records the review for identifying
// details. Every form keeps what was typed on a stale version and names the field it refuses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, councilBody, pageClient } from './harness.mjs';

const server = new Server({ demo: true });
const web = pageClient(server);
const PASSWORD = 'et-langt-passord-123';
const api = '/api/v1';
const t = {};
const ids = {};

const csrfOf = (html) => /name="csrf_token" value="([^"]+)"/.exec(html)[1];
const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&apos;/g, "'").replace(/\s+/g, ' ');

async function session(username) {
  const cookie = await web.login(username, PASSWORD);
  const page = async (p) => web.page(p, { cookie });
  const form = async (p) => {
    const r = await page(p);
    assert.equal(r.status, 200, `${p}: ${r.status} ${r.html.slice(0, 300)}`);
    return r;
  };
  const post = async (p, fields) => web.post(p, fields, { cookie });
  return { page, form, post };
}

let lead;
let outsider;

before(async () => {
  await server.start();
  t.lead = server.addUser('kartlegger', 'admin');
  server.addUser('utenfor', 'national');
  const studies = await server.get(`${api}/studies`, { token: t.lead });
  ids.study = studies.body.data[0].id;
  const study = await server.get(`${api}/studies/${ids.study}`, { token: t.lead });
  // The meeting place whose informants contradict each other on who took the initiative.
  for (const mid of study.body.meeting_places) {
    const p = await server.get(`${api}/studies/${ids.study}/meeting-places/${mid}/proposal`, { token: t.lead });
    if (p.body.fields.some((f) => f.pointer === '/profile/initiative' && f.conflict)) { ids.place = mid; break; }
  }
  assert.ok(ids.place, 'the example study has a meeting place whose informants disagree');
  lead = await session('kartlegger');
  outsider = await session('utenfor');
});
after(async () => { await server.stop(); server.cleanup(); });

describe('the proposal page', () => {
  const url = () => `/studier/${ids.study}/moteplasser/${ids.place}/forslag`;

  test('shows the register beside each informant\'s answer, and the kind the typology finds from both', async () => {
    const matrix = await lead.form(`/studier/${ids.study}/moteplasser/${ids.place}`);
    assert.ok(matrix.html.includes(`href="${url()}"`), 'the matrix links to the proposal');
    const r = await lead.form(url());
    const main = text(r.html);
    assert.match(main, /Hvem tok initiativet Kommunen eller fylkeskommunen .*Innvandrerbefolkningen selv \(I-\d+\).*Informantene er uenige/);
    assert.match(main, /Etter registeret Innvandrerråd \(rådsmodellen\)/);
    assert.match(main, /Slik deltakerne beskriver den Innvandrerråd/);
    assert.match(main, /Registeret og informantene er uenige om \d+ felt/);
    const nn = text((await lead.form(`${url()}?lang=nn`)).html);
    assert.match(nn, /Informantane er usamde/);
    const en = text((await lead.form(`${url()}?lang=en`)).html);
    assert.match(en, /The informants disagree/);
  });

  test('nothing chosen is refused with the field named; a choice goes into the register and the history says the study', async () => {
    const form = await lead.form(url());
    const empty = await lead.post(url(), { csrf_token: csrfOf(form.html), version: versionOf(form.html) });
    assert.equal(empty.status, 400);
    assert.match(empty.html, /href="#p-form"/);
    assert.match(text(empty.html), /Velg minst ett felt å godta/);

    const before = await server.get(`${api}/meeting-places/${ids.place}`, { token: t.lead });
    const r = await lead.post(url(), {
      csrf_token: csrfOf(form.html), version: versionOf(form.html), 'f/profile/initiative': '"immigrant_population"',
    });
    assert.equal(r.status, 303, r.html.slice(0, 300));
    assert.equal(r.headers.get('location'), `${url()}?godtatt=1`);
    const after = await server.get(`${api}/meeting-places/${ids.place}`, { token: t.lead });
    assert.equal(after.body.profile.initiative, 'immigrant_population');
    assert.notEqual(after.body.version, before.body.version);
    const history = await server.get(`${api}/meeting-places/${ids.place}/history`, { token: t.lead });
    assert.deepEqual(history.body.data[0].source, { study: ids.study });
    const done = await lead.form(`${url()}?godtatt=1`);
    assert.match(text(done.html), /Registeret er oppdatert med 1 felt/);

    // The same form again, now stale: refused, the choice kept, based on the newer version.
    const stale = await lead.post(url(), {
      csrf_token: csrfOf(form.html), version: versionOf(form.html), 'f/profile/functions/hearing_body': 'false',
    });
    assert.equal(stale.status, 409);
    assert.match(text(stale.html), /Noen har endret møteplassen/);
    assert.match(stale.html, /value="false" checked/);
    assert.equal(versionOf(stale.html), String(after.body.version));
    // A value no informant gave is refused, not written.
    const forged = await lead.post(url(), {
      csrf_token: csrfOf(form.html), version: String(after.body.version), 'f/profile/functions/hearing_body': '"kanskje"',
    });
    assert.equal(forged.status, 400);
    const still = await server.get(`${api}/meeting-places/${ids.place}`, { token: t.lead });
    assert.equal(still.body.version, after.body.version);
  });

  test('someone the study does not name gets 404 and changes nothing', async () => {
    assert.equal((await outsider.page(url())).status, 404);
    const mine = await outsider.form('/studier');
    const r = await outsider.post(url(), { csrf_token: csrfOf(mine.html), version: '1', 'f/profile/initiative': '"police"' });
    assert.equal(r.status, 404);
    const place = await server.get(`${api}/meeting-places/${ids.place}`, { token: t.lead });
    assert.notEqual(place.body.profile.initiative, 'police');
  });
});

describe('changing an informant, and withdrawing consent', () => {
  test('the lead changes an informant\'s role; a stale version keeps what was typed; a bad date names the field', async () => {
    const list = await server.get(`${api}/studies/${ids.study}/informants`, { token: t.lead });
    const informant = list.body.data.find((i) => !i.withdrawn && i.meeting_place === ids.place);
    ids.informant = informant.id;
    const url = `/studier/${ids.study}/informanter/${informant.id}`;
    const overview = await lead.form(`/studier/${ids.study}`);
    assert.ok(overview.html.includes(`href="${url}"`), 'the overview links to the informant');
    const form = await lead.form(url);
    assert.match(text(form.html), new RegExp(`Endre informanten ${informant.pseudonym}`));
    assert.ok(!/name="id_name"/.test(form.html), 'the form of a stored informant shows no identity fields');
    const fields = {
      csrf_token: csrfOf(form.html), version: versionOf(form.html), side: informant.side, role: 'chair', gender: 'woman',
      meeting_place: String(ids.place), consent_form: 'oral', consent_date: '12.01.2026',
    };
    const bad = await lead.post(url, { ...fields, consent_date: '31.02.2026' });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /href="#i-consent_date"/);
    const saved = await lead.post(url, fields);
    assert.equal(saved.status, 303, saved.html.slice(0, 400));
    const now = await server.get(`${api}/studies/${ids.study}/informants/${informant.id}`, { token: t.lead });
    assert.equal(now.body.role, 'chair');
    assert.equal(now.body.consent.date, '2026-01-12');
    const stale = await lead.post(url, { ...fields, role: 'secretary' });
    assert.equal(stale.status, 409);
    assert.match(stale.html, /<option value="secretary" selected>/);
    assert.equal(versionOf(stale.html), String(now.body.version));
    assert.equal((await outsider.page(url)).status, 404);
  });

  test('withdrawal asks for a tick, then erases the answers at once', async () => {
    const url = `/studier/${ids.study}/informanter/${ids.informant}/trekk-samtykke`;
    const form = await lead.form(url);
    const untick = await lead.post(url, { csrf_token: csrfOf(form.html), date: '' });
    assert.equal(untick.status, 400);
    assert.match(untick.html, /href="#e-confirm"/);
    const baddate = await lead.post(url, { csrf_token: csrfOf(form.html), date: 'i går', confirm: 'on' });
    assert.equal(baddate.status, 400);
    assert.match(baddate.html, /href="#e-date"/);
    const before = await server.get(`${api}/studies/${ids.study}/interviews`, { token: t.lead });
    assert.ok(before.body.data.some((v) => v.informant === ids.informant), 'the informant was interviewed');
    const r = await lead.post(url, { csrf_token: csrfOf(form.html), date: '', confirm: 'on' });
    assert.equal(r.status, 303);
    const interviews = await server.get(`${api}/studies/${ids.study}/interviews`, { token: t.lead });
    assert.ok(!interviews.body.data.some((v) => v.informant === ids.informant), 'the answers are erased');
    const overview = await lead.form(r.headers.get('location'));
    assert.match(text(overview.html), /har trukket samtykket/);
    assert.equal((await lead.page(url)).status, 404, 'a withdrawn informant cannot be withdrawn again');
  });
});

describe('the interview: reviewed for identifying details, and deleted', () => {
  test('the review is a checkbox on the interview form, stored with the interview', async () => {
    const list = await server.get(`${api}/studies/${ids.study}/interviews`, { token: t.lead });
    const interview = list.body.data.find((v) => v.reviewed_for_identifiers === false) ?? list.body.data[0];
    ids.interview = interview.id;
    const url = `/studier/${ids.study}/intervjuer/${interview.id}`;
    const form = await lead.form(url);
    assert.match(form.html, /name="reviewed_for_identifiers"/);
    const fields = { csrf_token: csrfOf(form.html), version: versionOf(form.html), guide: interview.guide, mode: interview.mode };
    for (const a of interview.answers) {
      for (const v of [a.value].flat()) if (v !== null && v !== undefined) fields[`v.${a.question}`] = String(v);
      if (a.text) fields[`t.${a.question}`] = a.text;
      fields[`s.${a.question}`] = a.status;
    }
    const r = await lead.post(url, { ...fields, reviewed_for_identifiers: 'on' });
    assert.equal(r.status, 303, text(r.html).slice(0, 600));
    const now = await server.get(`${api}/studies/${ids.study}/interviews/${interview.id}`, { token: t.lead });
    assert.equal(now.body.reviewed_for_identifiers, true);
    assert.match((await lead.form(url)).html, /id="iv-reviewed"[^>]* checked/);
  });

  test('deleting asks for a tick and the version read; then the interview is gone', async () => {
    const url = `/studier/${ids.study}/intervjuer/${ids.interview}/slett`;
    const edit = await lead.form(`/studier/${ids.study}/intervjuer/${ids.interview}`);
    assert.ok(edit.html.includes(`href="${url}"`), 'the interview links to its deletion for the lead');
    const form = await lead.form(url);
    const untick = await lead.post(url, { csrf_token: csrfOf(form.html), version: versionOf(form.html) });
    assert.equal(untick.status, 400);
    assert.match(untick.html, /href="#e-confirm"/);
    const stale = await lead.post(url, { csrf_token: csrfOf(form.html), version: String(Number(versionOf(form.html)) - 1), confirm: 'on' });
    assert.equal(stale.status, 409);
    assert.equal((await server.get(`${api}/studies/${ids.study}/interviews/${ids.interview}`, { token: t.lead })).status, 200);
    assert.equal((await outsider.page(url)).status, 404);
    const r = await lead.post(url, { csrf_token: csrfOf(form.html), version: versionOf(form.html), confirm: 'on' });
    assert.equal(r.status, 303);
    assert.equal((await server.get(`${api}/studies/${ids.study}/interviews/${ids.interview}`, { token: t.lead })).status, 404);
    assert.match(text((await lead.form(r.headers.get('location'))).html), /Intervjuet er slettet/);
  });
});

describe('a meeting place the study found that the register lacks', () => {
  // A municipality the study does not cover.
  const outside = async () => {
    const study = await server.get(`${api}/studies/${ids.study}`, { token: t.lead });
    return ['5501', '0301', '3301', '1108', '4204', '1804'].find((m) => !study.body.municipalities.includes(m));
  };
  test('the API registers it unpublished, linked to the study, the history naming the study', async () => {
    const study = await server.get(`${api}/studies/${ids.study}`, { token: t.lead });
    const municipality = study.body.municipalities[0];
    assert.ok(municipality, 'the example study names its municipalities');
    const body = { ...councilBody(municipality, 'Kvinnegruppa ved biblioteket'), public: true };
    const r = await server.post(`${api}/studies/${ids.study}/meeting-places`, body, { token: t.lead });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.public, false, 'registered unpublished whatever the body says');
    assert.equal(r.headers.get('location'), `${api}/meeting-places/${r.body.id}`);
    const after = await server.get(`${api}/studies/${ids.study}`, { token: t.lead });
    assert.ok(after.body.meeting_places.includes(r.body.id), 'linked to the study');
    const history = await server.get(`${api}/meeting-places/${r.body.id}/history`, { token: t.lead });
    assert.deepEqual(history.body.data.at(-1).source, { study: ids.study });
    assert.equal((await server.get(`${api}/meeting-places/${r.body.id}`)).status, 404, 'the public does not see it');

    const elsewhere = await server.post(`${api}/studies/${ids.study}/meeting-places`,
      councilBody(await outside(), 'Et annet sted'), { token: t.lead });
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.error.pointer, '/profile/municipality', elsewhere.text);
    const unnamed = await server.post(`${api}/studies/${ids.study}/meeting-places`,
      { profile: { level: 'municipal', municipality } }, { token: t.lead });
    assert.equal(unnamed.status, 400);
  });

  test('the register\'s own form, opened from the study, registers it unpublished and links it', async () => {
    const url = `/moteplasser/ny?studie=${ids.study}`;
    const overview = await lead.form(`/studier/${ids.study}`);
    assert.ok(overview.html.includes(`href="${url}"`), 'the overview links to it for the lead');
    const form = await lead.form(url);
    assert.match(form.html, new RegExp(`name="studie" value="${ids.study}"`));
    assert.match(text(form.html), /blir registrert upublisert og lagt til kartleggingen/);
    const study = await server.get(`${api}/studies/${ids.study}`, { token: t.lead });
    const fields = {
      csrf_token: csrfOf(form.html), version: '0', studie: String(ids.study),
      '/profile/name': 'Leksehjelpen for mødre', '/profile/level': 'municipal', '/profile/municipality': study.body.municipalities[0],
      '/profile/initiative': 'immigrant_population', '/profile/immigrant_members_selected_by': 'organisations_elect',
      '/profile/immigrant_members_represent': 'organisations', '/profile/authority_role': 'permanent_members',
      '/profile/seats/immigrant_population': '6', '/profile/seats/politicians': '2', '/public': 'true',
      '/profile/permanent': 'true', '/profile/functions/hearing_body': 'false', '/profile/functions/advisory_body': 'false',
      '/profile/functions/delegated_authority': 'false', '/profile/dialogue_between_parties': 'true',
      '/profile/purposes': 'integration',
    };
    // Outside the study's municipalities: refused beside the field.
    const elsewhere = await lead.post('/moteplasser/ny', { ...fields, '/profile/municipality': await outside() });
    assert.equal(elsewhere.status, 400, text(elsewhere.html).slice(0, 400));
    assert.match(text(elsewhere.html), /en av kommunene kartleggingen gjelder/);
    assert.match(elsewhere.html, /name="studie" value="\d+"/, 'the study stays with the form');
    const r = await lead.post('/moteplasser/ny', fields);
    assert.equal(r.status, 303, text(r.html).slice(0, 600));
    const id = Number(/\/moteplasser\/(\d+)/.exec(r.headers.get('location'))[1]);
    const place = await server.get(`${api}/meeting-places/${id}`, { token: t.lead });
    assert.equal(place.body.profile.name, 'Leksehjelpen for mødre');
    assert.equal(place.body.public, false, 'unpublished although the form said public');
    const after = await server.get(`${api}/studies/${ids.study}`, { token: t.lead });
    assert.ok(after.body.meeting_places.includes(id), 'linked to the study');
    // Someone the study does not name gets the ordinary form, and nothing is linked.
    const plain = await outsider.page(url);
    assert.ok(!/name="studie"/.test(plain.html));
  });
});
