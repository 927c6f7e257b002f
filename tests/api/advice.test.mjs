// The advisor through both doors: `moteplass advise` and POST /api/v1/advice give the report's
// advice for every case in tests/advisor/report-cases.json and the same JSON; examples come from
// the register's published meeting places; the contract's errors (400 with a pointer, exit 2),
// 415 for anything but JSON, and 429 past the rate limit.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, cli, expectError, sharedCases, tempDir } from './harness.mjs';

const server = new Server();
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('admin', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

const reportCases = () => JSON.parse(readFileSync(path.join(ROOT, 'tests/advisor/report-cases.json'), 'utf8'));

// A meeting place of the shared case `index` (1: a contact committee) in `municipality`.
function placeBody(index, municipality, name, isPublic = true) {
  const profile = { ...sharedCases()[index].case, name, level: 'municipal', municipality };
  delete profile.id;
  delete profile.county;
  return { profile, description: 'Eksempel.', contact: { phone: '+47 75 00 00 00', email: 'post@example.org' }, public: isPublic };
}

test('the command line gives every report case its advice, and the API the same JSON', async () => {
  const dir = tempDir();
  for (const c of reportCases().filter((c) => !c.register)) {
    const r = cli(['advise', '--db', path.join(dir, 'empty.sqlite'), '-'], JSON.stringify(c.case));
    assert.equal(r.status, 0, `${c.id}: ${r.stderr}`);
    assert.equal(r.stderr, '');
    const advice = JSON.parse(r.stdout);
    if (c.expect.first) assert.equal(advice.ranking[0].kind, c.expect.first, c.id);
    for (const item of [...advice.ranking.flatMap((k) => k.reasons), ...advice.checklist]) {
      assert.match(item.source, /^report ch\. \d, pp?\. \d+(-\d+)?$/, c.id);
      for (const lang of ['text_nb', 'text_nn', 'text_en']) assert.ok(item[lang].length > 10, c.id);
    }
    const api = await server.post('/api/v1/advice', c.case);
    assert.equal(api.status, 200, api.text);
    assert.deepEqual(api.body, advice, c.id);
  }
});

test('a small municipality with one organisation gets the contact committee first, with comparable examples to call', async () => {
  // Contact committees on Røst (small, same region as Sømna), in Tolga (small) and Oslo; one
  // unpublished; a council in Bergen.
  const made = {};
  for (const [key, index, municipality, name, pub] of [
    ['rost', 1, '1856', 'Kontaktutvalget på Røst', true],
    ['tolga', 1, '3426', 'Kontaktutvalget i Tolga', true],
    ['oslo', 1, '0301', 'Kontaktutvalget i Oslo', true],
    ['hidden', 1, '1812', 'Kontaktutvalget som ikke er publisert', false],
    ['bergen', 0, '4601', 'Innvandrerrådet i Bergen', true],
  ]) {
    const r = await server.post('/api/v1/meeting-places', placeBody(index, municipality, name, pub), { token: admin });
    assert.equal(r.status, 201, r.text);
    made[key] = r.body.id;
  }
  const situation = { municipality: '1812', immigrant_organisations: 1, political_will: 'some', need: 'both' };
  const api = await server.post('/api/v1/advice', situation);
  assert.equal(api.status, 200, api.text);
  const first = api.body.ranking[0];
  assert.equal(first.kind, 'contact_committee');
  const ids = first.examples.map((e) => e.id);
  assert.deepEqual(ids, [made.tolga, made.rost, made.oslo]);
  assert.ok(!ids.includes(made.hidden), 'an unpublished meeting place is never an example');
  assert.equal(first.examples[1].municipality, '1856');
  assert.equal(first.examples[1].name, 'Kontaktutvalget på Røst');
  assert.deepEqual(api.body.ranking.find((k) => k.kind === 'council').examples.map((e) => e.id), [made.bergen]);
  assert.ok(first.reasons.some((r) => r.criterion === 'organisations' && r.supports && r.source === 'report ch. 5, p. 68'));
  const steps = api.body.checklist.map((s) => s.step);
  for (const step of ['needs_analysis', 'training', 'run_in_year', 'paid_leader', 'broad_recruitment', 'continuity_plan', 'get_known']) {
    assert.ok(steps.includes(step), step);
  }
  // The command line on the same register gives the same advice.
  const r = cli(['advise', '--db', server.db, '-'], JSON.stringify(situation));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), api.body);
  // A meeting place the municipality has: a published one is taken, another is refused.
  const withExisting = await server.post('/api/v1/advice', { ...situation, existing: [made.bergen] });
  assert.equal(withExisting.status, 200);
  assert.ok(withExisting.body.complements.some((c) => c.kind === 'dialogue'));
  expectError(await server.post('/api/v1/advice', { ...situation, existing: [made.hidden] }), 400, 'invalid_situation', '/existing/0');
  expectError(await server.post('/api/v1/advice', { ...situation, existing: [made.rost, 999999] }), 400, 'invalid_situation', '/existing/1');
});

test('advise --format text is for people, in the language asked for', () => {
  const dir = tempDir();
  const file = path.join(dir, 'situation.json');
  writeFileSync(file, JSON.stringify({ municipality: '1812', immigrant_organisations: 1, political_will: 'some', need: 'both' }));
  for (const [lang, words, source] of [['nb', '1. Kontaktutvalg', '[rapporten kap. 5, s. 67]'],
    ['nn', '1. Kontaktutval', '[rapporten kap. 5, s. 67]'], ['en', '1. Contact committee', '[report ch. 5, p. 67]']]) {
    const r = cli(['advise', '--db', path.join(dir, 'r.sqlite'), '--format', 'text', '--lang', lang, file]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(words), r.stdout);
    assert.ok(r.stdout.includes(source), r.stdout);
  }
});

test('invalid input: exit 2 with the pointer on standard error; HTTP 400 with the pointer; 415 for anything but JSON', async () => {
  const dir = tempDir();
  const db = path.join(dir, 'r.sqlite');
  for (const [body, pointer] of [
    [{ municipality: '4601', colour: 'blue' }, '/colour'],
    [{ municipality: '9999' }, '/municipality'],
    [{}, '/municipality'],
    [{ municipality: '4601', political_will: 'huge' }, '/political_will'],
    [{ municipality: '4601', themes: ['racism', 'weather'] }, '/themes/1'],
    [{ municipality: '4601', immigrant_population: -3 }, '/immigrant_population'],
  ]) {
    const r = cli(['advise', '--db', db, '-'], JSON.stringify(body));
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.startsWith(`moteplass advise: ${pointer}: `), r.stderr);
    expectError(await server.post('/api/v1/advice', body), 400, 'invalid_situation', pointer);
  }
  const garbage = cli(['advise', '--db', db, '-'], '{nope');
  assert.equal(garbage.status, 2);
  assert.equal(cli(['advise', '--db', db, '--format', 'xml', '-'], '{"municipality": "4601"}').status, 2);
  assert.equal(cli(['advise', '--db', db, '--lang', 'sv', '-'], '{"municipality": "4601"}').status, 2);
  assert.equal(cli(['advise', '/no/such/file.json']).status, 1);
  expectError(await server.request('POST', '/api/v1/advice', { raw: '{nope', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
  expectError(await server.request('POST', '/api/v1/advice', { raw: '{"municipality": "4601", "municipality": "0301"}', headers: { 'content-type': 'application/json' } }), 400, 'duplicate_key');
  expectError(await server.request('POST', '/api/v1/advice', { raw: '{"municipality": "4601"}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
  expectError(await server.request('POST', '/api/v1/advice', { raw: 'municipality=4601', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  const get = await server.get('/api/v1/advice');
  assert.equal(get.status, 405);
});

test('the page /veileder: the form, the advice for the answers in the address, errors by the field, in the sitemap', async () => {
  const form = await server.get('/veileder');
  assert.equal(form.status, 200);
  assert.match(form.text, /<form class="mp-form" method="get" action="\/veileder"/);
  assert.match(form.text, /<fieldset aria-describedby="a-immigration-hint">\s*<legend>/);
  assert.match(form.text, /<meta name="description" content="Hvilken møteplass[^"]*sjekkliste[^"]*">/);
  const shared = '/veileder?municipality=1812&immigrant_organisations=1&political_will=some&need=both';
  const result = await server.get(shared);
  assert.equal(result.status, 200);
  assert.match(result.text, /<li class="mp-ranked mp-ranked-first" data-kind="contact_committee">/);
  assert.match(result.text, /rapporten kap\. 5, s\. 68/);
  const police = await server.get(`${shared}&themes=police`);
  assert.match(police.text, /<li class="mp-ranked mp-ranked-first" data-kind="dialogue">\s*<h3[^>]*>Dialogforum \(dialogmodellen\), politiforum/);
  assert.match(result.text, /<a class="ds-link" href="\/moteplasser\/\d+" data-url="http:\/\/[^"]+\/moteplasser\/\d+">/, 'examples link to their pages');
  assert.match(result.text, /telefon <a class="ds-link" href="tel:[+0-9]+">[^<]+<\/a>/, 'with whom to call');
  assert.ok(result.text.includes(`${server.url}${shared.replace(/&/g, '&amp;')}`), 'the address to share is on the page');
  assert.match(result.text, /id="a-need-both" name="need" value="both" checked/, 'the answers are kept');
  const en = await server.get(`${shared}&lang=en`);
  assert.match(en.text, /Contact committee/);
  const bad = await server.get('/veileder?municipality=1812&immigrant_organisations=mange');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /href="#a-immigrant_organisations"/);
  assert.match(bad.text, /id="a-immigrant_organisations-error"/);
  const unknown = await server.get('/veileder?municipality=9999');
  assert.equal(unknown.status, 400);
  assert.match(unknown.text, /href="#a-municipality"/);
  const sitemap = await server.get('/sitemap.xml');
  assert.ok(sitemap.text.includes(`<loc>${server.url}/veileder</loc>`));
  // The municipality's published meeting places can be ticked as existing; other ids typed.
  const tolga = (await server.get('/api/v1/meeting-places?municipality=3426')).body.data[0];
  const ticked = await server.get(`/veileder?municipality=3426&existing=${tolga.id}`);
  assert.equal(ticked.status, 200);
  assert.match(ticked.text, new RegExp(`<input class="ds-input" type="checkbox" id="a-existing-${tolga.id}" name="existing" value="${tolga.id}" checked>`));
  assert.match(ticked.text, /id="a-existing" name="existing" value=""/);
  const both = await server.get(`/veileder?municipality=3426&existing=${tolga.id}&existing=${tolga.id}`);
  assert.equal(both.status, 200, 'an id ticked and typed counts once');
});

test('past the rate limit a client gets 429 with Retry-After (last: it uses up this server\'s limit)', async () => {
  let limited;
  for (let i = 0; i < 70 && !limited; i++) {
    const r = await server.post('/api/v1/advice', { municipality: '4601' });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 200, r.text);
  }
  assert.ok(limited, 'no 429 after 70 requests');
  expectError(limited, 429, 'too_many_requests');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  // The page's answers count against the same limit; the form itself does not.
  const page = await server.get('/veileder?municipality=5001&need=dialogue');
  assert.equal(page.status, 429);
  assert.ok(Number(page.headers.get('retry-after')) >= 1);
  assert.equal((await server.get('/veileder')).status, 200);
});
