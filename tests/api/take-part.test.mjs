// How to take part (issue 13, item 3): the languages used at meetings and the venue's
// accessibility are optional profile fields (a closed list each, and a note in the register's own
// words), asked in the form, checked by the profile schema, and shown under "how to take part" in
// the reader's language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, expectError, pageClient } from './harness.mjs';

const server = new Server();
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('kari', 'admin', undefined, 'karis-passord-123');
});
after(async () => { await server.stop(); server.cleanup(); });

function body(extra) {
  const b = councilBody('4601', 'Innvandrerrådet med tolk');
  Object.assign(b.profile, extra);
  return b;
}

test('the API keeps the languages and the accessibility, and the schema checks them', async () => {
  const created = await server.post('/api/v1/meeting-places', body({
    meeting_languages: ['no', 'ar', 'so'], venue_accessibility: ['step_free', 'hearing_loop'],
    venue_accessibility_note: 'Heis fra bakgården.',
  }), { token: admin });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.body.profile.meeting_languages, ['no', 'ar', 'so']);
  assert.deepEqual(created.body.profile.venue_accessibility, ['step_free', 'hearing_loop']);
  // The kind does not depend on them.
  assert.equal(created.body.kind, 'council');
  const { page } = pageClient(server);
  const shown = {
    nb: ['Språk på møtene', 'Norsk, Arabisk, Somali', 'Trinnfri adkomst, Teleslynge'],
    nn: ['Språk på møta', 'Norsk, Arabisk, Somali', 'Trinnfri tilkomst, Teleslynge'],
    en: ['Languages at meetings', 'Norwegian, Arabic, Somali', 'Step-free access, Hearing loop'],
  };
  for (const [lang, texts] of Object.entries(shown)) {
    const html = (await page(`/moteplasser/${created.body.id}?lang=${lang}`)).html;
    const takePart = html.slice(html.indexOf('id="take-part"'), html.indexOf('</section>', html.indexOf('id="take-part"')));
    for (const t of texts) assert.ok(takePart.includes(t), `${lang}: «${t}» under how to take part`);
    // The note is the register's own words: Norwegian, marked so on other pages.
    assert.match(takePart, lang === 'nb' ? /<dd>Heis fra bakgården\.<\/dd>/ : /<dd lang="nb">Heis fra bakgården\.<\/dd>/);
  }
  for (const [extra, pointer] of [
    [{ meeting_languages: ['klingon'] }, /^\/profile\/meeting_languages/],
    [{ venue_accessibility: ['ramp'] }, /^\/profile\/venue_accessibility/],
    [{ meeting_languages: ['ar', 'ar'] }, /^\/profile\/meeting_languages/],
    [{ venue_accessibility_note: 'x'.repeat(501) }, /^\/profile\/venue_accessibility_note/],
  ]) {
    const r = await server.post('/api/v1/meeting-places', body(extra), { token: admin });
    expectError(r, 400);
    assert.match(r.body.error.pointer, pointer, JSON.stringify(extra));
  }
});

test('the form asks for them, and a place without them says nothing', async () => {
  const client = pageClient(server);
  const cookie = await client.login('kari', 'karis-passord-123');
  const form = (await client.page('/moteplasser/ny?lang=nn', { cookie })).html;
  assert.match(form, /Språk på møta/);
  assert.match(form, /type="checkbox"[^>]*name="\/profile\/meeting_languages" value="ti"/);
  assert.match(form, /type="checkbox"[^>]*name="\/profile\/venue_accessibility" value="sign_language"/);
  assert.match(form, /Teiknspråktolk ved behov/);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(form)[1];
  const fields = [
    ['csrf_token', csrf], ['version', '0'],
    ['/profile/name', 'Dialogforum med teiknspråktolk'], ['/profile/level', 'municipal'], ['/profile/municipality', '4601'],
    ['/profile/initiative', 'authority'], ['/profile/immigrant_members_selected_by', 'organisations_elect'],
    ['/profile/immigrant_members_represent', 'organisations'], ['/profile/authority_role', 'permanent_members'],
    ['/profile/seats/immigrant_population', '7'], ['/profile/seats/politicians', '3'], ['/public', 'true'],
    ['/profile/permanent', 'true'], ['/profile/functions/hearing_body', 'true'], ['/profile/functions/advisory_body', 'true'],
    ['/profile/functions/delegated_authority', 'false'], ['/profile/dialogue_between_parties', 'true'],
    ['/profile/purposes', 'political_influence'],
    ['/profile/meeting_languages', 'no'], ['/profile/meeting_languages', 'ti'], ['/profile/venue_accessibility', 'sign_language'],
  ];
  const res = await fetch(`${server.url}/moteplasser/ny`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
  assert.equal(res.status, 303, (await res.text()).slice(0, 300));
  const id = /\/moteplasser\/(\d+)/.exec(res.headers.get('location'))[1];
  const saved = await server.get(`/api/v1/meeting-places/${id}`, { token: admin });
  assert.deepEqual(saved.body.profile.meeting_languages, ['no', 'ti']);
  assert.deepEqual(saved.body.profile.venue_accessibility, ['sign_language']);
  const plain = await server.post('/api/v1/meeting-places', councilBody('4601', 'Rådet uten opplysninger'), { token: admin });
  const html = (await client.page(`/moteplasser/${plain.body.id}`)).html;
  assert.doesNotMatch(html, /Språk på møtene|Tilgjengelighet<\/dt>/);
});
