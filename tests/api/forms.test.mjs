// Forms that cannot mislead (issue 13, item 2): the facts the typology reads are asked as
// questions with no answer chosen beforehand, nothing is published as "not a meeting place"
// without the person seeing why and confirming, one field for when it was established, dates
// typed as people in Norway write them, municipalities chosen by name in Norwegian order, and
// messages that fit their place.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, pageClient } from './harness.mjs';

const server = new Server({ demo: true });
before(async () => {
  await server.start();
  server.addUser('kari', 'admin', undefined, 'karis-passord-123');
});
after(async () => { await server.stop(); server.cleanup(); });

const client = pageClient(server);
const { page, post } = client;
const login = (username = 'kari', password = 'karis-passord-123') => client.login(username, password);

// A plain municipal council as an officer fills it in; `answers` adds or replaces fields.
function council(csrf, answers = {}) {
  const fields = {
    csrf_token: csrf, version: '0',
    '/profile/name': 'Innvandrerrådet i Skjemakommune', '/profile/level': 'municipal', '/profile/municipality': '4601',
    '/profile/initiative': 'authority', '/profile/immigrant_members_selected_by': 'organisations_elect',
    '/profile/immigrant_members_represent': 'organisations', '/profile/authority_role': 'permanent_members',
    '/profile/seats/immigrant_population': '7', '/profile/seats/politicians': '3', '/public': 'true',
    '/profile/permanent': 'true', '/profile/functions/hearing_body': 'true', '/profile/functions/advisory_body': 'true',
    '/profile/functions/delegated_authority': 'false', '/profile/dialogue_between_parties': 'true',
    '/profile/purposes': 'political_influence',
    ...answers,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

test('the facts the typology reads are questions with no answer chosen on a new form', async () => {
  const cookie = await login();
  const html = (await page('/moteplasser/ny', { cookie })).html;
  for (const name of ['/profile/dialogue_between_parties', '/profile/permanent', '/profile/functions/hearing_body']) {
    const radios = [...html.matchAll(new RegExp(`<input class="ds-input" type="radio" id="[^"]+" name="${name}" value="(true|false)"([^>]*)>`, 'g'))];
    assert.deepEqual(radios.map((m) => m[1]), ['true', 'false'], `${name} is asked as yes or no`);
    assert.ok(radios.every((m) => !m[2].includes('checked')), `${name} has no answer chosen beforehand`);
  }
  assert.match(html, /<legend class="ds-label">Er innvandrerdeltakerne og myndighetene i dialog med hverandre på møtene\?/);
  assert.doesNotMatch(html, /type="checkbox"[^>]*name="\/profile\/dialogue_between_parties"/);

  const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)[1];
  const unanswered = await post('/moteplasser/ny', council(csrf, { '/profile/dialogue_between_parties': undefined }), { cookie });
  assert.equal(unanswered.status, 400);
  assert.match(unanswered.html, /href="#f-profile-dialogue-between-parties"[^>]*>[^<]*svar ja eller nei/);
});

test('a council saved without dialogue is published as "not a meeting place" only after the person confirms', async () => {
  const cookie = await login();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec((await page('/moteplasser/ny', { cookie })).html)[1];
  const fields = council(csrf, { '/profile/name': 'Rådet uten dialog', '/profile/dialogue_between_parties': 'false' });
  const asked = await post('/moteplasser/ny', fields, { cookie });
  assert.equal(asked.status, 200);
  assert.match(asked.html, /Dette blir publisert som «Ikke en møteplass»/);
  assert.match(asked.html, /<input class="ds-input" type="checkbox" id="f-confirm" name="confirm_not_meeting_place" value="yes">/);
  assert.match(asked.html, /value="Rådet uten dialog"/, 'what was typed is kept');
  assert.equal((await (await fetch(`${server.url}/api/v1/meeting-places?q=dialog&per_page=100`)).json()).data.filter((p) => p.name === 'Rådet uten dialog').length, 0, 'nothing saved yet');

  const confirmed = await post('/moteplasser/ny', { ...fields, confirm_not_meeting_place: 'yes' }, { cookie });
  assert.equal(confirmed.status, 303, confirmed.html.slice(0, 500));
  assert.match(confirmed.headers.get('location'), /^\/moteplasser\/\d+\?opprettet=1$/);
  const shown = await page(confirmed.headers.get('location'), { cookie });
  assert.match(shown.html, /Møteplassen er registrert\./);
  assert.match(shown.html, /Ikke en møteplass/);
});

test('one field for when it was established: a year, or a date as people in Norway write it', async () => {
  const cookie = await login();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec((await page('/moteplasser/ny', { cookie })).html)[1];
  const created = await post('/moteplasser/ny', council(csrf, { '/profile/name': 'Datorådet', '/profile/established_year': '01.09.2004', '/ceased': '' }), { cookie });
  assert.equal(created.status, 303, created.html.slice(0, 500));
  const id = /\/moteplasser\/(\d+)/.exec(created.headers.get('location'))[1];
  const saved = await (await fetch(`${server.url}/api/v1/meeting-places/${id}`, { headers: { cookie } })).json();
  assert.equal(saved.established, '2004-09-01');
  assert.equal(saved.profile.established_year, 2004);
  const edit = (await page(`/moteplasser/${id}/endre`, { cookie })).html;
  assert.match(edit, /name="\/profile\/established_year" value="01\.09\.2004"/, 'shown back as typed');
  assert.doesNotMatch(edit, /name="\/established"/, 'no second field that could disagree');
  assert.doesNotMatch(edit, /type="date"/);

  const wrong = await post('/moteplasser/ny', council(csrf, { '/profile/name': 'Feildato', '/profile/established_year': '31.02.2004' }), { cookie });
  assert.equal(wrong.status, 400);
  assert.match(wrong.html, /href="#f-profile-established-year"/);
  assert.match(wrong.html, /DD\.MM\.ÅÅÅÅ/);
  // The page shows dates the same way.
  assert.match((await page(`/moteplasser/${id}`)).html, /\d\d\.\d\d\.\d{4}/);
});

test('municipalities are chosen by name in Norwegian order, shared names told apart by county', async () => {
  const cookie = await login();
  const html = (await page('/moteplasser/ny', { cookie })).html;
  const select = /<select class="ds-input" id="f-profile-municipality"[^>]*>([\s\S]*?)<\/select>/.exec(html)[1];
  const labels = [...select.matchAll(/<option value="\d{4}"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]);
  assert.equal(labels.length, 357);
  assert.ok(labels.indexOf('Aremark') < labels.indexOf('Bergen'));
  assert.ok(labels.indexOf('Ørland') > labels.indexOf('Vågå'), 'Ø after V');
  assert.ok(labels.indexOf('Ås') > labels.indexOf('Øygarden'), 'Å last');
  assert.ok(labels.includes('Herøy (Nordland)') && labels.includes('Herøy (Møre og Romsdal)'));
  assert.ok(!labels.some((l) => /\(\d{4}\)/.test(l)), 'no numbers in the labels');
});

test('the log-in page does not speak of saving', async () => {
  const get = await page('/logg-inn');
  const cookie = get.headers.get('set-cookie').split(';')[0];
  const token = /name="csrf_token" value="([^"]+)"/.exec(get.html)[1];
  const r = await post('/logg-inn', { csrf_token: token, username: 'kari', password: 'feil' }, { cookie });
  assert.match(r.html, /Du ble ikke logget inn:/);
  assert.doesNotMatch(r.html, /før du lagrer/);
});

test('"my meeting places": an officer sees those in their municipality, drafts marked', async () => {
  assert.equal((await page('/mine-moteplasser')).status, 303, 'anonymous visitors are sent to log in');
  const token = server.addUser('berit', 'municipal', '4601', 'berits-passord-123');
  const draft = await server.request('POST', '/api/v1/meeting-places', {
    token, body: { ...councilBody('4601', 'Utkast til innvandrerråd'), public: false },
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const cookie = await login('berit', 'berits-passord-123');
  const mine = await page('/mine-moteplasser', { cookie });
  assert.equal(mine.status, 200);
  assert.match(mine.html, /<h1[^>]*>Mine møteplasser<\/h1>/);
  assert.match(mine.html, /href="\/mine-moteplasser" aria-current="page"/);
  const rows = [...mine.html.matchAll(/<tr><th scope="row"[^>]*><a class="ds-link" href="\/moteplasser\/(\d+)">([^<]+)<\/a><br><span class="mp-hint">([^<]+)<\/span>/g)];
  assert.ok(rows.length >= 2, mine.html.slice(0, 3000));
  assert.ok(rows.every((r) => r[3].includes('Bergen')), rows.map((r) => r[3]).join(', '));
  assert.ok(rows.some((r) => r[1] === String(draft.body.id)), `the draft ${draft.body.id} is listed: ${rows.map((r) => r[1] + ' ' + r[2])}`);
  assert.match(mine.html, /Ikke publisert \(utkast\)/);
  assert.match(mine.html, new RegExp(`href="/moteplasser/${draft.body.id}/endre"`));
  // The draft can be previewed as the public will see it, with a notice, by those who may see it.
  const preview = await page(`/moteplasser/${draft.body.id}`, { cookie });
  assert.equal(preview.status, 200);
  assert.match(preview.html, /Denne møteplassen er ikke publisert\. Bare brukere med tilgang ser den\./);
  assert.equal((await page(`/moteplasser/${draft.body.id}`)).status, 404, 'the public does not see a draft');
});
