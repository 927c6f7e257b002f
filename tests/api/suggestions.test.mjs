// Suggestions from the public (issue 13, item 6) through the API and the pages: a visitor sends
// one without logging in; it reaches the officers of its municipality and the IMDi regional users
// of its region (tests/suggestions/routing.json), nobody else; bad input gets 400 naming the field;
// the per-address limit answers 429 with Retry-After; the honeypot keeps nothing; the e-mail
// address is shown only to reviewers, never logged, and erased when the suggestion is closed; and
// nothing is published until a person accepts and saves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, Server, cli, councilBody, expectError, pageClient } from './harness.mjs';

const routing = JSON.parse(readFileSync(path.join(ROOT, 'tests/suggestions/routing.json'), 'utf8'));
const EMAIL = 'forslagsstiller@example.no';

const server = new Server({ args: ['--suggestion-limit', '1000'] });
const tokens = {};
let admin;
let published;
let hidden;

// The public form's CSRF cookie from a response that may set others (the language).
function formCookie(res) {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('moteplass_forslag='));
}

function suggest(body, opts = {}) {
  return server.post('/api/v1/suggestions', body, opts);
}

async function inbox(who, status = 'open') {
  const r = await server.get(`/api/v1/suggestions?status=${status}&per_page=500`, { token: tokens[who] ?? who });
  assert.equal(r.status, 200, r.text);
  return r.body.data;
}

// The id of the open suggestion whose message is `message`, as the national user sees it.
async function idOf(message) {
  const found = (await inbox('imdi', 'all')).find((s) => s.message === message);
  assert.ok(found, `no suggestion says ${message}`);
  return found.id;
}

before(async () => {
  await server.start();
  admin = server.addUser('admin', 'admin');
  const p = await server.post('/api/v1/meeting-places', councilBody('4601', 'Innvandrerrådet i Bergen kommune'), { token: admin });
  assert.equal(p.status, 201, p.text);
  published = p.body;
  for (const [name, r] of Object.entries(routing.reviewers)) {
    const scope = r.role === 'secretary' ? String(published.id) : r.scope;
    tokens[name] = server.addUser(`r_${name}`, r.role, scope, 'forslag-passord-123');
  }
  const h = await server.post('/api/v1/meeting-places', { ...councilBody('4601', 'Upublisert råd'), public: false }, { token: admin });
  assert.equal(h.status, 201, h.text);
  hidden = h.body;
});
after(async () => { await server.stop(); server.cleanup(); });

describe('a suggestion reaches the right reviewers only', () => {
  before(async () => {
    for (const c of routing.cases) {
      const r = await suggest({ kind: 'missing', name: c.name, municipality: c.municipality, message: c.message, lang: c.lang, email: EMAIL });
      assert.equal(r.status, 202, r.text);
      assert.deepEqual(r.body, { status: 'received' });
    }
  });
  for (const c of routing.cases) {
    test(`${c.name} (${c.municipality})`, async () => {
      for (const who of c.seen_by) {
        const mine = await inbox(who);
        const s = mine.find((x) => x.message === c.message);
        assert.ok(s, `${who} sees it`);
        assert.equal(s.name, c.name);
        assert.equal(s.municipality, c.municipality);
        assert.equal(s.lang, c.lang);
        assert.equal(s.email, EMAIL, 'the reviewer may write back');
        assert.equal(s.status, 'open');
        const one = await server.get(`/api/v1/suggestions/${s.id}`, { token: tokens[who] });
        assert.equal(one.status, 200, one.text);
        assert.equal(one.headers.get('etag'), '"1"');
      }
      const id = await idOf(c.message);
      for (const who of c.not_seen_by) {
        assert.ok(!(await inbox(who)).some((x) => x.message === c.message), `${who} does not see it`);
        expectError(await server.get(`/api/v1/suggestions/${id}`, { token: tokens[who] }), 403, 'forbidden');
        expectError(await server.post(`/api/v1/suggestions/${id}/accept`, {}, { token: tokens[who] }), 403, 'forbidden');
      }
    });
  }
  test('a visitor cannot read the inbox; roles that review nothing are refused', async () => {
    const id = await idOf(routing.cases[0].message);
    expectError(await server.get('/api/v1/suggestions'), 401);
    expectError(await server.get(`/api/v1/suggestions/${id}`), 401);
    expectError(await server.post(`/api/v1/suggestions/${id}/reject`, { reason: 'nei' }), 401);
    for (const who of ['secretary', 'researcher']) {
      expectError(await server.get('/api/v1/suggestions', { token: tokens[who] }), 403, 'forbidden');
      expectError(await server.get(`/api/v1/suggestions/${id}`, { token: tokens[who] }), 403, 'forbidden');
    }
    const { page } = pageClient(server);
    const r = await page('/forslag');
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location'), /^\/logg-inn/);
    expectError(await server.get('/api/v1/suggestions?kommune=4601', { token: tokens.imdi }), 400, undefined, '/kommune');
    expectError(await server.get('/api/v1/suggestions?status=maybe', { token: tokens.imdi }), 400, undefined, '/status');
  });
  test('facts out of date on a meeting place go to the officers of its place', async () => {
    const r = await suggest({ kind: 'outdated', meeting_place: published.id, message: 'Rådet har flyttet til biblioteket.' });
    assert.equal(r.status, 202, r.text);
    const s = (await inbox('bergen')).find((x) => x.message === 'Rådet har flyttet til biblioteket.');
    assert.ok(s);
    assert.equal(s.kind, 'outdated');
    assert.equal(s.meeting_place, published.id);
    assert.equal(s.email, null);
    assert.equal(s.lang, 'nb');
    assert.ok(!(await inbox('oslo')).some((x) => x.id === s.id));
  });
});

test('bad input gets 400 naming the field', async () => {
  const long = 'x'.repeat(2001);
  const cases = [
    [{ name: 'Rådet', municipality: '4601', message: 'Hei' }, '/kind'],
    [{ kind: 'new', name: 'Rådet', municipality: '4601', message: 'Hei' }, '/kind'],
    [{ kind: 'missing', municipality: '4601', message: 'Hei' }, '/name'],
    [{ kind: 'missing', name: '   ', municipality: '4601', message: 'Hei' }, '/name'],
    [{ kind: 'missing', name: 'x'.repeat(201), municipality: '4601', message: 'Hei' }, '/name'],
    [{ kind: 'missing', name: 'Rådet', message: 'Hei' }, '/municipality'],
    [{ kind: 'missing', name: 'Rådet', municipality: '9999', message: 'Hei' }, '/municipality'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601' }, '/message'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: long }, '/message'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: 'Hei\u202e' }, '/message'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: 'Hei', email: 'ikke en adresse' }, '/email'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: 'Hei', email: 'a@b' }, '/email'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: 'Hei', lang: 'de' }, '/lang'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: 'Hei', phone: '123' }, '/phone'],
    [{ kind: 'missing', name: 'Rådet', municipality: '4601', message: 'Hei', meeting_place: published.id }, '/meeting_place'],
    [{ kind: 'outdated', message: 'Hei' }, '/meeting_place'],
    [{ kind: 'outdated', meeting_place: 999999, message: 'Hei' }, '/meeting_place'],
    [{ kind: 'outdated', meeting_place: hidden.id, message: 'Hei' }, '/meeting_place'],
    [{ kind: 'outdated', meeting_place: published.id, name: 'Rådet', message: 'Hei' }, '/name'],
  ];
  const before = (await inbox('imdi', 'all')).length;
  for (const [body, pointer] of cases) {
    const r = await suggest(body);
    expectError(r, 400, undefined, pointer);
  }
  expectError(await server.request('POST', '/api/v1/suggestions', { raw: 'kind=missing', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, undefined, '/headers/content-type');
  expectError(await server.request('POST', '/api/v1/suggestions', { raw: '{"kind":', headers: { 'content-type': 'application/json' } }), 400);
  assert.equal((await inbox('imdi', 'all')).length, before, 'nothing was kept');
});

test('the honeypot is answered as usual and nothing is kept', async () => {
  const before = (await inbox('imdi', 'all')).length;
  const r = await suggest({ kind: 'missing', name: 'Gratis reklame', municipality: '4601', message: 'Kjøp nå', website: 'https://spam.example' });
  assert.equal(r.status, 202);
  assert.deepEqual(r.body, { status: 'received' });
  const { page, post } = pageClient(server);
  const form = await page('/forslag/ny');
  const cookie = formCookie(form);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.html)[1];
  const p = await post('/forslag/ny', { csrf_token: csrf, kind: 'missing', name: 'Gratis reklame', municipality: '4601', message: 'Kjøp nå', website: 'https://spam.example' }, { cookie });
  assert.equal(p.status, 303);
  assert.equal(p.headers.get('location'), '/forslag/takk');
  assert.equal((await inbox('imdi', 'all')).length, before);
});

test('closing a suggestion erases the e-mail; a rejection needs a reason; it closes once', async () => {
  const message = 'Kontaktutvalget har fått ny leder.';
  assert.equal((await suggest({ kind: 'outdated', meeting_place: published.id, message, email: EMAIL })).status, 202);
  const id = await idOf(message);
  expectError(await server.post(`/api/v1/suggestions/${id}/reject`, {}, { token: tokens.bergen }), 400, undefined, '/reason');
  expectError(await server.post(`/api/v1/suggestions/${id}/reject`, { reason: 'x'.repeat(1001) }, { token: tokens.bergen }), 400, undefined, '/reason');
  expectError(await server.post(`/api/v1/suggestions/${id}/reject`, { reason: 'Nei', why: 1 }, { token: tokens.bergen }), 400, undefined, '/why');
  expectError(await server.request('POST', `/api/v1/suggestions/${id}/accept`, { token: tokens.bergen, headers: { 'if-match': '"7"' } }), 409, 'conflict');
  const r = await server.request('POST', `/api/v1/suggestions/${id}/accept`, { token: tokens.bergen, headers: { 'if-match': '"1"' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'accepted');
  assert.equal(r.body.email, null);
  assert.equal(r.body.closed_by, 'r_bergen');
  assert.equal(r.body.next, `/moteplasser/${published.id}/endre`);
  expectError(await server.post(`/api/v1/suggestions/${id}/reject`, { reason: 'Likevel ikke' }, { token: tokens.imdi }), 409, 'conflict');
  assert.ok(!(await inbox('bergen')).some((s) => s.id === id));
  assert.ok((await inbox('bergen', 'accepted')).some((s) => s.id === id));

  const other = 'Dette forumet finnes ikke lenger.';
  assert.equal((await suggest({ kind: 'missing', name: 'Dialogforum Bergenhus', municipality: '4601', message: other, email: EMAIL })).status, 202);
  const rejected = await server.post(`/api/v1/suggestions/${await idOf(other)}/reject`, { reason: 'Står alt i registeret som nr. 12.' }, { token: tokens.vest });
  assert.equal(rejected.status, 200, rejected.text);
  assert.equal(rejected.body.reason, 'Står alt i registeret som nr. 12.');
  assert.equal(rejected.body.email, null);
  // Never in the audit log or the server's log.
  const audit = cli(['audit', '--limit', '1000', '--db', server.db]);
  assert.equal(audit.status, 0, audit.stderr);
  assert.match(audit.stdout, /suggestion\.create/);
  assert.match(audit.stdout, /suggestion\.accept/);
  assert.doesNotMatch(audit.stdout, /forslagsstiller/);
  assert.doesNotMatch(server.stderr, /forslagsstiller/);
});

test('the public form works without JavaScript: errors in a summary, then thanks; the inbox page', async () => {
  const { page, post, login } = pageClient(server);
  const form = await page('/forslag/ny?kommune=4601&lang=nn');
  assert.equal(form.status, 200);
  assert.match(form.html, /<option value="4601" selected>Bergen<\/option>/);
  assert.match(form.html, /Føreslå ein møteplass som manglar/);
  const cookie = formCookie(form);
  assert.match(form.headers.getSetCookie().find((c) => c.startsWith('moteplass_forslag=')), /Path=\/forslag/);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.html)[1];
  // Without the form's token: refused, nothing kept.
  const stale = await post('/forslag/ny?lang=nn', { csrf_token: 'feil', kind: 'missing', name: 'X', municipality: '4601', message: 'Y' }, { cookie });
  assert.equal(stale.status, 403);
  // Every mistake at once, in the summary, linked to its field.
  const bad = await post('/forslag/ny', { csrf_token: csrf, kind: 'missing', name: '', municipality: '', message: '', email: 'feil' }, { cookie: `${cookie}; lang=nn` });
  assert.equal(bad.status, 400);
  for (const id of ['name', 'municipality', 'message', 'email']) {
    assert.match(bad.html, new RegExp(`<a class="ds-link" href="#${id}">`), id);
    assert.match(bad.html, new RegExp(`id="${id}"[^>]*aria-invalid="true"`), id);
  }
  assert.match(bad.html, /Skriv namnet på møteplassen\./);
  const message = 'Utvalet møtest på biblioteket kvar månad.';
  const ok = await post('/forslag/ny', { csrf_token: csrf, kind: 'missing', name: 'Fleirkulturelt utval', municipality: '4601', message, email: '' }, { cookie: `${cookie}; lang=nn` });
  assert.equal(ok.status, 303, ok.html.slice(0, 300));
  assert.equal(ok.headers.get('location'), '/forslag/takk');
  const thanks = await page('/forslag/takk?lang=en');
  assert.match(thanks.html, /Thank you for the suggestion/);
  assert.match(thanks.html, /after 90 days at the latest/);
  // Not published: the directory does not know it.
  const dir = await page('/moteplasser?q=Fleirkulturelt');
  assert.doesNotMatch(dir.html, /Fleirkulturelt utval/);
  // The Bergen officer's inbox shows it, marked with the language it was written in.
  const session = await login('r_bergen', 'forslag-passord-123');
  const box = await page('/forslag', { cookie: session });
  assert.equal(box.status, 200);
  assert.match(box.html, new RegExp(`<blockquote class="mp-suggestion-text" lang="nn"><p class="ds-paragraph">${message}</p>`));
  const id = await idOf(message);
  const sessionCsrf = /name="csrf_token" value="([^"]+)"/.exec(box.html)[1];
  const noReason = await post(`/forslag/${id}/avvis`, { csrf_token: sessionCsrf, version: '1', reason: '' }, { cookie: session });
  assert.equal(noReason.status, 400);
  assert.match(noReason.html, new RegExp(`href="#reason-${id}"`));
  // Accepting opens an unpublished draft with the name and municipality filled in.
  const accepted = await post(`/forslag/${id}/godta`, { csrf_token: sessionCsrf, version: '1' }, { cookie: session });
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get('location'), `/moteplasser/ny?forslag=${id}`);
  const draft = await page(accepted.headers.get('location'), { cookie: session });
  assert.equal(draft.status, 200);
  assert.match(draft.html, /value="Fleirkulturelt utval"/);
  assert.match(draft.html, /<option value="4601" selected>/);
  // Others, and the visitor, do not see the form.
  const oslo = await login('r_oslo', 'forslag-passord-123');
  const osloBox = await page('/forslag', { cookie: oslo });
  assert.doesNotMatch(osloBox.html, new RegExp(message));
  const refused = await page('/forslag', { cookie: await login('r_researcher', 'forslag-passord-123') });
  assert.equal(refused.status, 403);
});

test('the pages link to the form', async () => {
  const { page } = pageClient(server);
  const mp = await page(`/moteplasser/${published.id}`);
  assert.match(mp.html, new RegExp(`href="/forslag/ny\\?moteplass=${published.id}"`));
  const outdated = await page(`/forslag/ny?moteplass=${published.id}`);
  assert.equal(outdated.status, 200);
  assert.match(outdated.html, /Innvandrerrådet i Bergen kommune/);
  assert.equal((await page(`/forslag/ny?moteplass=${hidden.id}`)).status, 404);
  assert.match((await page('/moteplasser')).html, /href="\/forslag\/ny"/);
  assert.match((await page('/moteplasser?municipality=4601')).html, /href="\/forslag\/ny\?kommune=4601"/);
  assert.match((await page('/kommuner/4601')).html, /href="\/forslag\/ny\?kommune=4601"/);
});

test('one address may send only so many suggestions (429 with Retry-After, both doors)', async () => {
  const limited = new Server({ args: ['--suggestion-limit', '2'] });
  await limited.start();
  try {
    const body = { kind: 'missing', name: 'Innvandrerrådet i Drammen', municipality: '3301', message: 'Møtes i rådhuset.' };
    for (let i = 0; i < 2; ++i) assert.equal((await limited.post('/api/v1/suggestions', body)).status, 202);
    const r = await limited.post('/api/v1/suggestions', body);
    expectError(r, 429, 'too_many_requests');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    const { page, post } = pageClient(limited);
    const form = await page('/forslag/ny');
    const cookie = formCookie(form);
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.html)[1];
    const p = await post('/forslag/ny', { csrf_token: csrf, ...body }, { cookie });
    assert.equal(p.status, 429);
    assert.ok(Number(p.headers.get('retry-after')) > 0);
    assert.match(p.html, /Prøv igjen om 60 minutter/);
  } finally {
    await limited.stop();
    limited.cleanup();
  }
});
