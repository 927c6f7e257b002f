// The secretary's case form (issue 10, item 3), as a browser without JavaScript uses it: the
// error summary names the fields, the session's CSRF token is required, and after each case the
// form comes back empty of the case's own words but keeping what the next case most likely
// shares, so that a year of hearings from the city council goes quickly.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, pageClient } from './harness.mjs';

const server = new Server();
const client = pageClient(server);
const PASSWORD = 'et-langt-passord-123';
const t = {};
let place;

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  place = (await server.post('/api/v1/meeting-places', councilBody('4601', 'Innvandrerrådet i Bergen (skjema)'), { token: t.admin })).body.id;
  const other = (await server.post('/api/v1/meeting-places', councilBody('0301', 'Innvandrerrådet i Oslo (skjema)'), { token: t.admin })).body.id;
  server.addUser('sekretar', 'secretary', String(place));
  server.addUser('oslosekretar', 'secretary', String(other));
  server.addUser('forsker', 'researcher');
});
after(async () => { await server.stop(); server.cleanup(); });

const csrfOf = (html) => /name="csrf_token" value="([^"]+)"/.exec(html)[1];

test('a year of cases, one after another, keeping the previous values', async () => {
  const form = `/moteplasser/${place}/saker/ny`;
  const anonymous = await client.page(form);
  assert.equal(anonymous.status, 303);
  const cookie = await client.login('sekretar', PASSWORD);
  // The meeting place's page links to the form for its secretary.
  assert.ok((await client.page(`/moteplasser/${place}`, { cookie })).html.includes(`href="${form}"`));
  const empty = await client.page(form, { cookie });
  assert.equal(empty.status, 200);
  assert.match(empty.html, /<h1[^>]*>Registrer sak<\/h1>/);
  const csrf = csrfOf(empty.html);

  // Nothing typed but a wrong date: the summary names each field, and links to it.
  const bad = await client.post(form, { csrf_token: csrf, received: '31.02.2026', public: 'on' }, { cookie });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /class="ds-error-summary"/);
  assert.match(bad.html, /href="#c-received"/);
  assert.match(bad.html, /Skriv en dato som finnes/);
  assert.match(bad.html, /value="31.02.2026"/, 'what was typed is kept');
  const noTitle = await client.post(form, { csrf_token: csrf, received: '05.01.2026', kind: 'hearing', public: 'on' }, { cookie });
  assert.equal(noTitle.status, 400);
  assert.match(noTitle.html, /href="#c-title">Skriv en tittel på saken\./);
  const late = await client.post(form, { csrf_token: csrf, title: 'Høring om skolen', kind: 'hearing', received: '05.03.2026', sent: '01.03.2026', public: 'on' }, { cookie });
  assert.equal(late.status, 400);
  assert.match(late.html, /href="#c-sent"/);

  // The first hearing of the year.
  const first = await client.post(form, {
    csrf_token: csrf, title: 'Plan for bosetting av flyktninger', kind: 'hearing', from_body: 'Bystyret',
    case_number: '2026/101', received: '05.01.2026', deadline: '05.02.2026', statement: 'Rådet støtter planen.',
    sent: '01.02.2026', public: 'on', decision_outcome: 'partly_followed', decision_body: 'Bystyret', decision_date: '20.03.2026',
  }, { cookie });
  assert.equal(first.status, 303, first.html.slice(0, 300));
  const next = first.headers.get('location');
  assert.match(next, new RegExp(`^${form}\\?lagret=\\d+&kind=hearing&from_body=Bystyret&received=05.01.2026&deadline=05.02.2026`));
  const again = await client.page(next, { cookie });
  assert.equal(again.status, 200);
  assert.match(again.html, /Saken «Plan for bosetting av flyktninger» er lagret/);
  assert.match(again.html, /id="c-kind" name="kind" value="hearing" checked/);
  assert.match(again.html, /name="from_body" value="Bystyret"/);
  assert.match(again.html, /name="title" value=""/, 'the title is the next case\'s own');
  assert.match(again.html, /<option value="partly_followed" selected>/);

  // The second case changes only what differs; one that is not public.
  const second = await client.post(form, {
    csrf_token: csrf, title: 'Personalsak', kind: 'advice_request', from_body: 'Bystyret', received: '2026-02-01', decision_outcome: '',
  }, { cookie });
  assert.equal(second.status, 303);
  assert.match(second.headers.get('location'), /public=off/);
  assert.match((await client.page(second.headers.get('location'), { cookie })).html, /id="c-public" name="public" value="on" aria/);

  const cases = await server.get(`/api/v1/meeting-places/${place}/cases`, { token: t.admin });
  assert.equal(cases.body.data.length, 2);
  const [a, b] = cases.body.data;
  assert.equal(a.received, '2026-01-05');
  assert.equal(a.decision.outcome, 'partly_followed');
  assert.equal(a.decision.date, '2026-03-20');
  assert.equal(b.public, false);
  assert.equal(b.decision, null);
  // Without the CSRF token nothing is stored.
  assert.equal((await client.post(form, { title: 'x', kind: 'hearing', received: '2026-03-01' }, { cookie })).status, 403);
});

test('only those who manage the meeting place get the form', async () => {
  const form = `/moteplasser/${place}/saker/ny`;
  for (const user of ['oslosekretar', 'forsker']) {
    const cookie = await client.login(user, PASSWORD);
    assert.equal((await client.page(form, { cookie })).status, 403, user);
    const csrf = csrfOf((await client.page('/konto/nokler', { cookie })).html);
    assert.equal((await client.post(form, { csrf_token: csrf, title: 'x', kind: 'hearing', received: '2026-03-01' }, { cookie })).status, 403, user);
  }
  assert.equal((await client.page('/moteplasser/999999/saker/ny', { cookie: await client.login('sekretar', PASSWORD) })).status, 404);
});
