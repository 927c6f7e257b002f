// Texts in several languages (issue 13, item 3): the description and "how to take part" are the
// main text, in `language` (bokmål unless said otherwise), with `translations` into the other
// languages. The API keeps them on both backends, refuses an unknown language by name, and the
// history shows a changed translation; a page shows the text in the reader's language when it
// exists, otherwise the main text marked with its lang and a sentence saying which language it
// exists in; the form takes them without JavaScript.
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

function body(name, extra = {}) {
  return {
    ...councilBody('4601', name),
    description: 'Rådet møtes seks ganger i året.',
    how_to_take_part: 'Møtene er åpne for alle.',
    ...extra,
  };
}

const english = { description: 'The council meets six times a year.', how_to_take_part: 'Meetings are open to everyone.' };

test('the API keeps the language and the translations, and a GET then PUT round trip changes nothing', async () => {
  const created = await server.post('/api/v1/meeting-places', body('Rådet med engelsk tekst', { translations: { en: english } }), { token: admin });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.language, 'nb', 'bokmål unless the client says otherwise');
  assert.deepEqual(created.body.translations, { en: english });
  assert.equal(created.body.description, 'Rådet møtes seks ganger i året.', 'the main text is kept as it is');
  const read = await server.get(`/api/v1/meeting-places/${created.body.id}`);
  assert.deepEqual(read.body.translations, { en: english });
  // What GET returns can be sent back as it is.
  const same = await server.put(`/api/v1/meeting-places/${created.body.id}`, read.body, { token: admin, headers: { 'if-match': read.headers.get('etag') } });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.body.version, read.body.version, 'the same texts are no change');
  // The list carries them too.
  const list = await server.get('/api/v1/meeting-places?q=engelsk');
  assert.deepEqual(list.body.data.find((p) => p.id === created.body.id)?.translations, { en: english });
  // A text written in nynorsk, with no translation.
  const nn = await server.post('/api/v1/meeting-places', body('Rådet på nynorsk', { language: 'nn', description: 'Rådet møtest seks gonger i året.' }), { token: admin });
  assert.equal(nn.status, 201, nn.text);
  assert.equal(nn.body.language, 'nn');
  assert.deepEqual(nn.body.translations, {});
});

test('a changed translation is a new version, and the history names it in the reader\'s language', async () => {
  const created = await server.post('/api/v1/meeting-places', body('Rådet som får ny oversettelse', { translations: { en: english } }), { token: admin });
  const changed = { ...created.body, translations: { en: { ...english, description: 'The council meets every month.' } } };
  const updated = await server.put(`/api/v1/meeting-places/${created.body.id}`, changed, { token: admin, headers: { 'if-match': created.headers.get('etag') } });
  assert.equal(updated.status, 200, updated.text);
  assert.equal(updated.body.version, created.body.version + 1);
  const history = await server.get(`/api/v1/meeting-places/${created.body.id}/history`, { token: admin });
  const change = history.body.data[0].changes.find((c) => c.pointer === '/translations/en/description');
  assert.ok(change, JSON.stringify(history.body.data[0].changes));
  assert.equal(change.before, english.description);
  assert.equal(change.after, 'The council meets every month.');
  const { login, page } = pageClient(server);
  const cookie = await login('kari', 'karis-passord-123');
  const html = (await page(`/moteplasser/${created.body.id}/historikk`, { cookie })).html;
  assert.match(html, /Beskrivelse på engelsk/);
  assert.match(html, /The council meets every month\./);
});

test('an unknown language, or a translation into the main text\'s own, is a 400 naming the field', async () => {
  for (const [extra, pointer] of [
    [{ language: 'de' }, '/language'],
    [{ language: 'norsk' }, '/language'],
    [{ translations: { de: { description: 'Der Rat trifft sich.' } } }, '/translations/de'],
    [{ translations: { nb: { description: 'Rådet.' } } }, '/translations/nb'],
    [{ language: 'en', translations: { en: english } }, '/translations/en'],
    [{ translations: { en: 'The council.' } }, '/translations/en'],
    [{ translations: { en: { summary: 'The council.' } } }, '/translations/en/summary'],
    [{ translations: ['en'] }, '/translations'],
  ]) {
    const r = await server.post('/api/v1/meeting-places', body('Rådet med feil språk', extra), { token: admin });
    expectError(r, 400, undefined, pointer);
  }
});

test('a page shows the reader\'s language when the text exists in it, else the main text marked with its lang and a note', async () => {
  const translated = await server.post('/api/v1/meeting-places', body('Rådet med oversatt beskrivelse', { translations: { en: { description: english.description } } }), { token: admin });
  const { page } = pageClient(server);
  const en = (await page(`/moteplasser/${translated.body.id}?lang=en`)).html;
  assert.match(en, /<div class="ds-paragraph"><p>The council meets six times a year\.<\/p>/, 'the English description, in the page\'s own language');
  assert.doesNotMatch(en, /Rådet møtes seks ganger i året/);
  // "How to take part" was not translated: the Norwegian text, marked, and said so.
  assert.match(en, /<div class="ds-paragraph" lang="nb"><p>Møtene er åpne for alle\.<\/p>\s*<\/div>\s*<p class="mp-hint">This text is only available in Norwegian\.<\/p>/);
  const nn = (await page(`/moteplasser/${translated.body.id}?lang=nn`)).html;
  assert.match(nn, /<div class="ds-paragraph" lang="nb"><p>Rådet møtes seks ganger i året\.<\/p>/);
  assert.match(nn, /Denne teksten finst berre på bokmål\./);
  const nb = (await page(`/moteplasser/${translated.body.id}`)).html;
  assert.doesNotMatch(nb, /class="ds-paragraph" lang=/, 'bokmål on the bokmål page needs no marking');
  assert.doesNotMatch(nb, /The council meets/);
  assert.doesNotMatch(nb, /mp-hint">Denne teksten/);
  // The directory's summary too.
  const list = (await page('/moteplasser?q=oversatt&lang=en')).html;
  assert.match(list, /<p class="ds-paragraph">The council meets six times a year\.<\/p>/);
  const listNn = (await page('/moteplasser?q=oversatt&lang=nn')).html;
  assert.match(listNn, /<p class="ds-paragraph" lang="nb">Rådet møtes seks ganger i året\.<\/p>/);
  // A text written in nynorsk is marked nn on the bokmål and English pages.
  const nnText = await server.post('/api/v1/meeting-places', body('Rådet med nynorsk tekst', { language: 'nn', description: 'Rådet møtest seks gonger i året.' }), { token: admin });
  const nnOnEn = (await page(`/moteplasser/${nnText.body.id}?lang=en`)).html;
  assert.match(nnOnEn, /<div class="ds-paragraph" lang="nn"><p>Rådet møtest seks gonger i året\.<\/p>/);
  assert.match(nnOnEn, /This text is only available in Norwegian\./);
  const nnOnNn = (await page(`/moteplasser/${nnText.body.id}?lang=nn`)).html;
  assert.doesNotMatch(nnOnNn, /lang="nn"><p>Rådet møtest/);
});

test('the form takes the language and the translations without JavaScript', async () => {
  const client = pageClient(server);
  const cookie = await client.login('kari', 'karis-passord-123');
  const form = (await client.page('/moteplasser/ny?lang=en', { cookie })).html;
  assert.match(form, /The texts in other languages/);
  assert.match(form, /<select[^>]*name="\/language"/);
  assert.match(form, /<textarea[^>]*name="\/translations\/en\/description"/);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(form)[1];
  const fields = [
    ['csrf_token', csrf], ['version', '0'],
    ['/profile/name', 'Rådet fra skjemaet med oversettelse'], ['/profile/level', 'municipal'], ['/profile/municipality', '4601'],
    ['/profile/initiative', 'authority'], ['/profile/immigrant_members_selected_by', 'organisations_elect'],
    ['/profile/immigrant_members_represent', 'organisations'], ['/profile/authority_role', 'permanent_members'],
    ['/profile/seats/immigrant_population', '7'], ['/profile/seats/politicians', '3'], ['/public', 'true'],
    ['/profile/permanent', 'true'], ['/profile/functions/hearing_body', 'true'], ['/profile/functions/advisory_body', 'true'],
    ['/profile/functions/delegated_authority', 'false'], ['/profile/dialogue_between_parties', 'true'],
    ['/profile/purposes', 'political_influence'],
    ['/description', 'Rådet møtes hver måned.'], ['/language', 'nb'],
    ['/translations/en/description', 'The council meets every month.'], ['/translations/en/how_to_take_part', ''],
    ['/translations/nn/description', ''], ['/translations/nb/description', ''],
  ];
  const res = await client.post('/moteplasser/ny', fields, { cookie });
  assert.equal(res.status, 303, res.html.slice(0, 300));
  const id = /\/moteplasser\/(\d+)/.exec(res.headers.get('location'))[1];
  const saved = await server.get(`/api/v1/meeting-places/${id}`, { token: admin });
  assert.equal(saved.body.language, 'nb');
  assert.deepEqual(saved.body.translations, { en: { description: 'The council meets every month.', how_to_take_part: '' } });
  // The edit form shows them again.
  const edit = (await client.page(`/moteplasser/${id}/endre`, { cookie })).html;
  assert.match(edit, /name="\/translations\/en\/description"[^>]*>The council meets every month\.<\/textarea>/);
  // A translation into the main language is shown at its field, with what was typed kept.
  const again = (await client.page('/moteplasser/ny', { cookie })).html;
  const token = /name="csrf_token" value="([^"]+)"/.exec(again)[1];
  const wrong = fields.map(([k, v]) => [k, k === 'csrf_token' ? token : k === '/translations/nb/description' ? 'Rådet møtes hver måned.' : v]);
  const refused = await client.post('/moteplasser/ny', wrong, { cookie });
  assert.equal(refused.status, 400, refused.html.slice(0, 300));
  assert.match(refused.html, /href="#f-translations-nb-description"/);
  assert.match(refused.html, /allerede hovedspråket for tekstene/);
});

test('search finds a meeting place by the words of its translation, and loses them when the translation goes', async () => {
  const created = await server.post('/api/v1/meeting-places', body('Rådet med søkbar oversettelse', {
    translations: { en: { description: 'Residents discuss kindergartens and housing with the mayor.', how_to_take_part: '' } },
  }), { token: admin });
  assert.equal(created.status, 201, created.text);
  const found = await server.get(`/api/v1/meeting-places?q=${encodeURIComponent('kindergartens mayor')}`);
  assert.ok(found.body.data.some((p) => p.id === created.body.id), 'found by English words');
  const read = await server.get(`/api/v1/meeting-places/${created.body.id}`);
  const put = await server.put(`/api/v1/meeting-places/${created.body.id}`, { ...read.body, translations: {} },
    { token: admin, headers: { 'if-match': read.headers.get('etag') } });
  assert.equal(put.status, 200, put.text);
  const gone = await server.get(`/api/v1/meeting-places?q=${encodeURIComponent('kindergartens mayor')}`);
  assert.ok(!gone.body.data.some((p) => p.id === created.body.id), 'the old translation is no longer indexed');
});
