// The secretary's forms for members and meetings (issue 10, items 1 and 2), as a browser without
// JavaScript uses them: a person and their membership on one page, with the special categories
// only for those who manage the meeting place; a meeting with its Norwegian times, agenda rows,
// minutes and attendance. The error summary names the fields, the session's CSRF token is
// required, and a form based on a version someone else has since changed keeps what was typed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, pageClient } from './harness.mjs';

const server = new Server();
const client = pageClient(server);
const PASSWORD = 'et-langt-passord-123';
const t = {};
let place;
let cookie;

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  place = (await server.post('/api/v1/meeting-places', councilBody('4601', 'Innvandrerrådet i Bergen (medlemmer)'), { token: t.admin })).body.id;
  const other = (await server.post('/api/v1/meeting-places', councilBody('0301', 'Innvandrerrådet i Oslo (medlemmer)'), { token: t.admin })).body.id;
  server.addUser('sekretar', 'secretary', String(place));
  server.addUser('oslosekretar', 'secretary', String(other));
  server.addUser('forsker', 'researcher');
  cookie = await client.login('sekretar', PASSWORD);
});
after(async () => { await server.stop(); server.cleanup(); });

const csrfOf = (html) => /name="csrf_token" value="([^"]+)"/.exec(html)[1];
const versionOf = (html, name = 'version') => new RegExp(`name="${name}" value="(\\d+)"`).exec(html)[1];

test('a member is added, shown as agreed, edited, ended, and a stale form keeps what was typed', async () => {
  const form = `/moteplasser/${place}/medlemmer/ny`;
  assert.equal((await client.page(form)).status, 303, 'anonymous: to the log-in page');
  const placePage = (await client.page(`/moteplasser/${place}`, { cookie })).html;
  assert.ok(placePage.includes(`href="${form}"`), 'the meeting place links to the form for its secretary');
  assert.ok(placePage.includes(`href="/moteplasser/${place}/moter/ny"`));
  const empty = await client.page(form, { cookie });
  assert.equal(empty.status, 200);
  assert.match(empty.html, /<h1[^>]*>Legg til medlem<\/h1>/);
  assert.match(empty.html, /name="immigrant_background"/, 'the secretary may record the special categories');
  const csrf = csrfOf(empty.html);

  const base = { csrf_token: csrf, name: 'Amina Yusuf', role: 'chair', seat: 'immigrant_population', on_behalf_of: 'Somalisk forening', paid: 'on', starts: '01.11.2023', show_publicly: 'on' };
  const badDate = await client.post(form, { ...base, starts: '31.02.2026' }, { cookie });
  assert.equal(badDate.status, 400);
  assert.match(badDate.html, /class="ds-error-summary"/);
  assert.match(badDate.html, /href="#m-starts">Skriv en dato som finnes/);
  assert.match(badDate.html, /value="Somalisk forening"/, 'what was typed is kept');
  const noSeat = await client.post(form, { ...base, seat: '' }, { cookie });
  assert.equal(noSeat.status, 400);
  assert.match(noSeat.html, /href="#m-seat">Velg hvem personen sitter for\./);
  const noName = await client.post(form, { ...base, name: '' }, { cookie });
  assert.equal(noName.status, 400);
  assert.match(noName.html, /href="#m-name">Skriv navnet på personen\./);
  const noConsent = await client.post(form, { ...base, immigrant_background: 'yes' }, { cookie });
  assert.equal(noConsent.status, 400);
  assert.match(noConsent.html, /href="#m-consent"/);
  const badCountry = await client.post(form, { ...base, country_of_background: 'Somalia', consent: 'on' }, { cookie });
  assert.equal(badCountry.status, 400);
  assert.match(badCountry.html, /href="#m-country_of_background"/);
  assert.equal((await server.get(`/api/v1/meeting-places/${place}/memberships`, { token: t.admin })).body.data.length, 0, 'nothing stored');

  const created = await client.post(form, { ...base, immigrant_background: 'yes', country_of_background: 'so', consent: 'on' }, { cookie });
  assert.equal(created.status, 303, (/error-summary[\s\S]*?<\/ul>/.exec(created.html) ?? [created.html.slice(0, 300)])[0]);
  assert.match(created.headers.get('location'), new RegExp(`^${form}\\?lagret=\\d+$`));
  assert.match((await client.page(created.headers.get('location'), { cookie })).html, /Medlemskapet er lagret/);
  const [membership] = (await server.get(`/api/v1/meeting-places/${place}/memberships`, { token: t.admin })).body.data;
  assert.equal(membership.role, 'chair');
  assert.equal(membership.seat, 'immigrant_population');
  assert.equal(membership.starts, '2023-11-01');
  assert.equal(membership.paid, true);
  assert.equal(membership.ends, null);
  const person = (await server.get(`/api/v1/people/${membership.person}`, { token: t.admin })).body;
  assert.equal(person.name, 'Amina Yusuf');
  assert.equal(person.immigrant_background, true);
  assert.equal(person.country_of_background, 'SO');
  assert.equal(person.special_category_basis, 'consent');
  // The public sees the member who agreed, never the special categories.
  const publicPage = (await client.page(`/moteplasser/${place}`)).html;
  assert.match(publicPage, /Amina Yusuf – Leder/);
  assert.doesNotMatch(publicPage, /medlemmer\/\d+\/endre/);

  // Editing: the stored values in the form; the membership ends at the end of the term.
  const edit = `/moteplasser/${place}/medlemmer/${membership.id}/endre`;
  assert.ok((await client.page(`/moteplasser/${place}`, { cookie })).html.includes(`href="${edit}"`));
  const opened = await client.page(edit, { cookie });
  assert.equal(opened.status, 200);
  assert.match(opened.html, /<h1[^>]*>Endre medlemskap<\/h1>/);
  assert.match(opened.html, /name="name" value="Amina Yusuf"/);
  assert.match(opened.html, /name="starts" value="01.11.2023"/);
  assert.match(opened.html, /name="country_of_background" value="SO"/);
  assert.match(opened.html, /value="yes" checked/);
  const version = versionOf(opened.html);
  const personVersion = versionOf(opened.html, 'person_version');
  const fields = { ...base, immigrant_background: 'yes', country_of_background: 'SO', consent: 'on', version, person_version: personVersion };
  const before = await client.post(edit, { ...fields, ends: '31.10.2023' }, { cookie });
  assert.equal(before.status, 400);
  assert.match(before.html, /href="#m-ends">Medlemskapet kan ikke slutte før det starter\./);
  const ended = await client.post(edit, { ...fields, ends: '31.10.2027' }, { cookie });
  assert.equal(ended.status, 303, ended.html.slice(0, 300));
  assert.equal(ended.headers.get('location'), `${edit}?lagret=1`);
  const stored = (await server.get(`/api/v1/meeting-places/${place}/memberships/${membership.id}`, { token: t.admin })).body;
  assert.equal(stored.ends, '2027-10-31');
  assert.equal((await server.get(`/api/v1/people/${membership.person}`, { token: t.admin })).body.version, person.version, 'the person, unchanged, is not written');

  // A second window still holds the old version: what it typed is kept and it says so.
  const stale = await client.post(edit, { ...fields, on_behalf_of: 'Bergen Røde Kors' }, { cookie });
  assert.equal(stale.status, 409);
  assert.match(stale.html, /Noen andre har endret dette mens du skrev/);
  assert.match(stale.html, /value="Bergen Røde Kors"/);
  assert.equal((await server.get(`/api/v1/meeting-places/${place}/memberships/${membership.id}`, { token: t.admin })).body.on_behalf_of, 'Somalisk forening');
  // Saving again from that page stores it.
  const again = await client.post(edit, { ...fields, on_behalf_of: 'Bergen Røde Kors', ends: '31.10.2027', version: versionOf(stale.html) }, { cookie });
  assert.equal(again.status, 303);
  assert.equal((await server.get(`/api/v1/meeting-places/${place}/memberships/${membership.id}`, { token: t.admin })).body.on_behalf_of, 'Bergen Røde Kors');
  assert.equal((await client.post(form, { ...base }, { cookie: cookie.replace(/=.*/, '=x') })).status, 303, 'no session: to log in');
  assert.equal((await client.post(form, { ...base, csrf_token: '' }, { cookie })).status, 403, 'no CSRF token: refused');
});

test('a meeting with its times in Norway, agenda, minutes and attendance', async () => {
  const form = `/moteplasser/${place}/moter/ny`;
  const empty = await client.page(form, { cookie });
  assert.equal(empty.status, 200);
  assert.match(empty.html, /<h1[^>]*>Legg til møte<\/h1>/);
  assert.match(empty.html, /name="attendance" value="\d+"/, 'the members to tick as present');
  assert.match(empty.html, /Amina Yusuf/);
  const [member] = (await server.get(`/api/v1/meeting-places/${place}/memberships`, { token: t.admin })).body.data;
  const csrf = csrfOf(empty.html);
  const base = [['csrf_token', csrf], ['date', '12.02.2026'], ['starts', '18:00'], ['ends', '20.30'], ['location', 'Rådhuset'],
    ['kind', 'extra'], ['called_by', 'immigrant_population'], ['public', 'on'], ['agenda_rows', '3'],
    ['agenda-0-title', 'Bosetting av flyktninger'], ['agenda-0-number', '1/26'], ['agenda-0-proposed_by', 'immigrant_population'], ['agenda-0-public', 'on'],
    ['agenda-1-title', ''], ['agenda-2-title', 'Budsjett'], ['attendance', String(member.person)]];
  const without = (name, value) => base.map(([k, v]) => [k, k === name ? value : v]);

  const noDate = await client.post(form, without('date', ''), { cookie });
  assert.equal(noDate.status, 400);
  assert.match(noDate.html, /href="#mt-date">Skriv datoen for møtet/);
  assert.match(noDate.html, /value="Bosetting av flyktninger"/, 'what was typed is kept');
  const badTime = await client.post(form, without('starts', '25:00'), { cookie });
  assert.equal(badTime.status, 400);
  assert.match(badTime.html, /href="#mt-starts">Skriv et klokkeslett/);
  const early = await client.post(form, without('ends', '17:00'), { cookie });
  assert.equal(early.status, 400);
  assert.match(early.html, /href="#mt-ends">Møtet kan ikke slutte før det starter\./);
  const noTitle = await client.post(form, [...without('agenda-2-title', ''), ['agenda-2-number', '3/26']], { cookie });
  assert.equal(noTitle.status, 400);
  assert.match(noTitle.html, /href="#mt-agenda-2-title"/);

  const created = await client.post(form, base, { cookie });
  assert.equal(created.status, 303, (/error-summary[\s\S]*?<\/ul>/.exec(created.html) ?? [created.html.slice(0, 300)])[0]);
  const edit = created.headers.get('location').replace(/\?lagret=1$/, '');
  assert.match(edit, new RegExp(`^/moteplasser/${place}/moter/\\d+/endre$`));
  const id = edit.split('/')[4];
  const meeting = (await server.get(`/api/v1/meeting-places/${place}/meetings/${id}`, { token: t.admin })).body;
  assert.equal(meeting.starts_at, '2026-02-12T17:00:00Z', 'winter time in Norway is UTC+1');
  assert.equal(meeting.ends_at, '2026-02-12T19:30:00Z');
  assert.equal(meeting.kind, 'extra');
  assert.equal(meeting.called_by, 'immigrant_population');
  assert.deepEqual(meeting.agenda.map((a) => [a.title, a.number, a.proposed_by]), [['Bosetting av flyktninger', '1/26', 'immigrant_population'], ['Budsjett', null, null]]);
  assert.equal(meeting.agenda[1].public, false, 'an item whose box is not ticked is not public');
  assert.deepEqual(meeting.attendance, [member.person]);
  // The public meeting page shows it; the secretary's section links to its form.
  assert.match((await client.page(`/moteplasser/${place}/moter/${id}`)).html, /Bosetting av flyktninger/);
  assert.ok((await client.page(`/moteplasser/${place}`, { cookie })).html.includes(`href="${edit}"`));

  // Editing: the times as typed in Norway, the minutes added; summer time is UTC+2.
  const opened = await client.page(edit, { cookie });
  assert.equal(opened.status, 200);
  assert.match(opened.html, /name="date" value="12.02.2026"/);
  assert.match(opened.html, /name="starts" value="18:00"/);
  assert.match(opened.html, /value="Bosetting av flyktninger"/);
  assert.match(opened.html, new RegExp(`name="attendance" value="${member.person}" checked`));
  const version = versionOf(opened.html);
  const fields = [...without('date', '11.06.2026'), ['version', version], ['minutes', 'Rådet **vedtok** uttalelsen.']];
  const saved = await client.post(edit, fields, { cookie });
  assert.equal(saved.status, 303, saved.html.slice(0, 300));
  const changed = (await server.get(`/api/v1/meeting-places/${place}/meetings/${id}`, { token: t.admin })).body;
  assert.equal(changed.starts_at, '2026-06-11T16:00:00Z');
  assert.equal(changed.minutes, 'Rådet **vedtok** uttalelsen.');
  const stale = await client.post(edit, [...fields.filter(([k]) => k !== 'minutes'), ['minutes', 'En annen protokoll']], { cookie });
  assert.equal(stale.status, 409);
  assert.match(stale.html, /Noen andre har endret dette mens du skrev/);
  assert.match(stale.html, /En annen protokoll/);
  assert.equal((await server.get(`/api/v1/meeting-places/${place}/meetings/${id}`, { token: t.admin })).body.minutes, 'Rådet **vedtok** uttalelsen.');
  // In nynorsk and English too.
  assert.match((await client.page(`${edit}?lang=nn`, { cookie })).html, /<h1[^>]*>Endre møte<\/h1>[\s\S]*Startar klokka/);
  assert.match((await client.page(`${form}?lang=en`, { cookie })).html, /<h1[^>]*>Add a meeting<\/h1>/);
});

test('only those who manage the meeting place get the forms', async () => {
  const [membership] = (await server.get(`/api/v1/meeting-places/${place}/memberships`, { token: t.admin })).body.data;
  const [meeting] = (await server.get(`/api/v1/meeting-places/${place}/meetings`, { token: t.admin })).body.data;
  const forms = [`/moteplasser/${place}/medlemmer/ny`, `/moteplasser/${place}/medlemmer/${membership.id}/endre`,
    `/moteplasser/${place}/moter/ny`, `/moteplasser/${place}/moter/${meeting.id}/endre`];
  for (const user of ['oslosekretar', 'forsker']) {
    const other = await client.login(user, PASSWORD);
    const csrf = csrfOf((await client.page('/konto/nokler', { cookie: other })).html);
    for (const form of forms) {
      const page = await client.page(form, { cookie: other });
      assert.equal(page.status, 403, `${user} GET ${form}`);
      assert.doesNotMatch(page.html, /Amina Yusuf/);
      assert.equal((await client.post(form, { csrf_token: csrf, name: 'x', starts: '01.01.2026', date: '01.01.2026', starts_at: '18:00' }, { cookie: other })).status, 403, `${user} POST ${form}`);
    }
  }
  assert.equal((await server.get(`/api/v1/meeting-places/${place}/memberships`, { token: t.admin })).body.data.length, 1, 'nothing stored');
  assert.equal((await client.page('/moteplasser/999999/medlemmer/ny', { cookie })).status, 404);
  assert.equal((await client.page(`/moteplasser/${place}/moter/999999/endre`, { cookie })).status, 404);
  assert.equal((await client.page(`/moteplasser/${place}/medlemmer/999999/endre`, { cookie })).status, 404);
});
