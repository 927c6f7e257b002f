// The pages over plain HTTP (the browser tests in tests/browser drive Chromium): languages and
// their memory, escaping, the cache and its invalidation, forms with CSRF and validation, the
// example-data notice, and the status codes of every page.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, cli, councilBody, pageClient } from './harness.mjs';

const server = new Server({ demo: true });
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('kari', 'admin', undefined, 'karis-passord-123');
});
after(async () => { await server.stop(); server.cleanup(); });

const client = pageClient(server);
const { page, post } = client;

// Logs in through the form; returns the session cookie header value.
const login = (username = 'kari', password = 'karis-passord-123') => client.login(username, password);

test('every public page answers, in bokmål by default, with lang set and the example notice', async () => {
  for (const p of ['/', '/moteplasser', '/moteplasser/1', '/kommuner/0301', '/fylker/46', '/logg-inn', '/tilgjengelighet', '/om-dataene']) {
    const r = await page(p);
    assert.equal(r.status, 200, p);
    assert.match(r.html, /<html lang="nb"/, p);
    assert.match(r.html, /Eksempeldata\./, p);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.doesNotMatch(r.html, /\[[a-z_]+\.[a-z_.]+\]/, `${p} shows a missing message key`);
    assert.doesNotMatch(r.html, /<script/i, `${p} has a script`);
    const title = /<title>([^<]*)<\/title>/.exec(r.html)[1];
    assert.ok(!/(.+) – \1$/.test(title), `${p}: the title repeats itself: ${title}`);
    assert.ok(title === 'Møteplasser' || title.endsWith(' – Møteplasser'), `${p}: ${title}`);
  }
  assert.equal((await page('/finnes-ikke')).status, 404);
  assert.equal((await page('/moteplasser/999999')).status, 404);
  assert.equal((await page('/kommuner/9999')).status, 404);
  assert.equal((await page('/fylker/99')).status, 404);
  assert.equal((await page('/moteplasser?county=99')).status, 400);
});

test('language: ?lang= switches and is remembered; Accept-Language decides the first visit', async () => {
  const nn = await page('/moteplasser?lang=nn');
  assert.match(nn.html, /<html lang="nn"/);
  assert.match(nn.html, /Møteplassar/);
  assert.match(nn.headers.get('set-cookie'), /^lang=nn;/);
  const remembered = await page('/', { cookie: 'lang=nn' });
  assert.match(remembered.html, /<html lang="nn"/);
  const english = await page('/', { 'accept-language': 'en-GB,en;q=0.9' });
  assert.match(english.html, /<html lang="en"/);
  assert.match(english.html, /Meeting places between the immigrant population/);
  const nynorsk = await page('/', { 'accept-language': 'nn-NO,nb;q=0.8' });
  assert.match(nynorsk.html, /<html lang="nn"/);
  const cookieWins = await page('/', { 'accept-language': 'en', cookie: 'lang=nb' });
  assert.match(cookieWins.html, /<html lang="nb"/);
});

test('the meeting-place page shows the kind with its reasons in the reader language', async () => {
  const nb = await page('/moteplasser/14');
  assert.match(nb.html, /politiforum/);
  assert.match(nb.html, /Dette taler for/);
  assert.match(nb.html, /Politiet driver forumet/);
  const en = await page('/moteplasser/14?lang=en');
  assert.match(en.html, /The police run the forum/);
  const directory = await page('/moteplasser?kind=international_house');
  assert.match(directory.html, /3 møteplasser/);
});

test('the meeting-place page says when the kind is a borderline case or fits no single model', async () => {
  const cases = JSON.parse(readFileSync(path.join(ROOT, 'tests/typology/report-cases.json'), 'utf8'));
  const profileOf = (id) => {
    const profile = { ...cases.find((c) => c.case.id === id).case, municipality: '0301' };
    delete profile.id;
    return profile;
  };
  const borderline = await server.post('/api/v1/meeting-places', { profile: profileOf('dep-2-political-choice'), public: true }, { token: admin });
  assert.equal(borderline.status, 201, borderline.text);
  const nb = await page(`/moteplasser/${borderline.body.id}`);
  assert.match(nb.html, /Grensetilfelle: møteplassen passer nesten like godt med kontaktutvalgsmodellen/);
  const unplaced = await server.post('/api/v1/meeting-places', { profile: profileOf('dep-8-no-single-model'), public: true }, { token: admin });
  assert.equal(unplaced.status, 201, unplaced.text);
  const en = await page(`/moteplasser/${unplaced.body.id}?lang=en`);
  assert.match(en.html, /No model fits well\. Like some of the meeting places in the report/);
  const nn = await page(`/moteplasser/${unplaced.body.id}?lang=nn`);
  assert.match(nn.html, /Ingen modell passar godt/);
});

test('one seat is singular in all three languages (issue 13, item 8)', async () => {
  const body = councilBody('0301', 'Testgruppe med én plass');
  body.profile.seats = { ...body.profile.seats, politicians: 1, police: 1 };
  const made = await server.post('/api/v1/meeting-places', body, { token: admin });
  assert.equal(made.status, 201, made.text);
  const at = `/moteplasser/${made.body.id}`;
  const nb = (await page(at)).html;
  assert.match(nb, /Politikere: 1 fast plass</);
  assert.match(nb, /Politiet: 1 fast plass</);
  assert.doesNotMatch(nb, /1 faste plasser/);
  assert.match((await page(`${at}?lang=nn`)).html, /Politikarar: 1 fast plass</);
  assert.match((await page(`${at}?lang=en`)).html, /Politicians: 1 standing seat</);
  assert.match(made.body.classification.reasons.map((r) => r.text_en).join('\n'), /Politicians hold 1 standing seat/);
  // A body of one standing seat: "1 of 1 standing seat", and no count followed by a plural noun
  // that does not agree with it.
  const one = councilBody('0301', 'Ett sete');
  one.profile.seats = { immigrant_population: 1, politicians: 0, administration: 0, police: 0, other: 0 };
  const single = await server.post('/api/v1/meeting-places', one, { token: admin });
  assert.equal(single.status, 201, single.text);
  const texts = single.body.classification.reasons.flatMap((r) => [r.text_nb, r.text_nn, r.text_en]).join('\n');
  assert.match(texts, /1 av 1 fast plass \(100 %\) har innvandrerbefolkningen/);
  assert.match(texts, /1 of 1 standing seat \(100 %\) is held by the immigrant population/);
  assert.doesNotMatch(texts, /\b1 (faste plasser|faste plassar|standing seats)\b/);
});

// Every alternate of a page: [hreflang, href].
function alternates(html) {
  return [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2].replaceAll('&amp;', '&')]);
}

test('every page names its languages with absolute addresses and an x-default (issue 13, item 10)', async () => {
  for (const p of ['/', '/moteplasser?kind=council', '/moteplasser/1', '/fylker/46', '/om-dataene', '/logg-inn']) {
    const links = alternates((await page(p)).html);
    assert.deepEqual(links.map(([lang]) => lang), ['nb', 'nn', 'en', 'x-default'], p);
    for (const [lang, href] of links) {
      const url = new URL(href);  // throws unless absolute
      assert.equal(url.origin, server.url, `${p} ${lang}`);
      assert.equal(url.searchParams.get('lang'), lang === 'x-default' ? null : lang, `${p} ${lang}`);
    }
    assert.equal(new URL(links[3][1]).pathname, new URL(links[0][1]).pathname);
  }
  assert.equal(alternates((await page('/moteplasser?kind=council&lang=en')).html)[3][1], `${server.url}/moteplasser?kind=council`);
  // Behind a proxy the addresses are --public-url's, as in the sitemap; never the Host header.
  const proxied = new Server({ args: ['--public-url', 'https://moteplasser.example.no/'] });
  await proxied.start();
  try {
    const res = await fetch(proxied.url + '/om-dataene?lang=nn', { headers: { host: 'evil.example' } });
    const links = alternates(await res.text());
    assert.deepEqual(links, [
      ['nb', 'https://moteplasser.example.no/om-dataene?lang=nb'],
      ['nn', 'https://moteplasser.example.no/om-dataene?lang=nn'],
      ['en', 'https://moteplasser.example.no/om-dataene?lang=en'],
      ['x-default', 'https://moteplasser.example.no/om-dataene'],
    ]);
  } finally {
    await proxied.stop();
    proxied.cleanup();
  }
});

test('the forms say required once, with required (no aria-required beside it)', async () => {
  const cookie = await login();
  const html = (await page('/moteplasser/ny', { cookie })).html;
  assert.match(html, / required[ >]/);
  assert.doesNotMatch(html, /aria-required/);
});

test('cached pages carry an ETag, answer 304, and are refreshed after a change', async () => {
  const first = await page('/moteplasser?municipality=0301');
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await page('/moteplasser?municipality=0301', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  const gz = await fetch(server.url + '/moteplasser?municipality=0301', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  const created = await server.post('/api/v1/meeting-places', councilBody('0301', 'Et helt nytt råd <b>fett</b>'), { token: admin });
  assert.equal(created.status, 201);
  const after = await page('/moteplasser?municipality=0301', { 'if-none-match': etag });
  assert.equal(after.status, 200);
  assert.match(after.html, /Et helt nytt råd &lt;b&gt;fett&lt;\/b&gt;/);
});

test('text a user wrote is escaped, and Markdown may not smuggle HTML', async () => {
  const body = councilBody('4601', 'Rådet "<script>alert(1)</script>"');
  body.description = 'Hei <script>alert(2)</script> [lenke](javascript:alert(3)) **fet**';
  const created = await server.post('/api/v1/meeting-places', body, { token: admin });
  const r = await page(`/moteplasser/${created.body.id}`);
  assert.doesNotMatch(r.html, /<script>alert/);
  assert.doesNotMatch(r.html, /href="javascript:/);
  assert.match(r.html, /<strong>fet<\/strong>/);
  assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
});

test('log in through the form, edit with a validation error, fix it, and see the change', async () => {
  const bad = await post('/logg-inn', { csrf_token: 'x', username: 'kari', password: 'feil' });
  assert.equal(bad.status, 403);
  const cookie = await login();
  const edit = await page('/moteplasser/1/endre', { cookie });
  assert.equal(edit.status, 200);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(edit.html)[1];
  const version = /name="version" value="(\d+)"/.exec(edit.html)[1];
  // Collect the form's fields as a browser would send them.
  const fields = [];
  for (const m of edit.html.matchAll(/<input class="ds-input" type="(text|number|email|tel|url|date)" id="[^"]+" name="([^"]+)" value="([^"]*)"/g)) fields.push([m[2], m[3].replace(/&quot;/g, '"').replace(/&amp;/g, '&')]);
  for (const m of edit.html.matchAll(/<input class="ds-input" type="(?:checkbox|radio)" id="[^"]+" name="([^"]+)" value="([^"]*)" checked/g)) fields.push([m[1], m[2]]);
  for (const m of edit.html.matchAll(/<select class="ds-input" id="[^"]+" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)" selected>/.exec(m[2]);
    if (sel) fields.push([m[1], sel[1]]);
  }
  for (const m of edit.html.matchAll(/<textarea class="ds-input" id="[^"]+" name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.push([m[1], m[2]]);
  const submit = async (changes) => {
    const body = new URLSearchParams([['csrf_token', csrf], ['version', version], ...fields.filter(([k]) => !(k in changes)), ...Object.entries(changes)]);
    const res = await fetch(server.url + '/moteplasser/1/endre', { method: 'POST', redirect: 'manual', body: body.toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    return { status: res.status, headers: res.headers, html: await res.text() };
  };
  const invalid = await submit({ '/profile/seats/politicians': '-1', '/contact/email': 'ikke-epost' });
  assert.equal(invalid.status, 400);
  assert.match(invalid.html, /id="error-summary" tabindex="-1" autofocus/);
  assert.match(invalid.html, /href="#f-profile-seats-politicians"/);
  assert.match(invalid.html, /href="#f-contact-email"/);
  assert.match(invalid.html, /aria-invalid="true" aria-describedby="f-profile-seats-politicians-error"/);
  // A number too large for a seat count is the person's mistake, shown by the field (it was a 500).
  const huge = await submit({ '/profile/seats/politicians': '99999999999999999999' });
  assert.equal(huge.status, 400);
  assert.match(huge.html, /href="#f-profile-seats-politicians"/);
  const ok = await submit({ '/profile/seats/politicians': '5' });
  assert.equal(ok.status, 303, ok.html.slice(0, 2000));
  assert.equal(ok.headers.get('location'), '/moteplasser/1?lagret=1');
  const shown = await page('/moteplasser/1?lagret=1', { cookie });
  assert.match(shown.html, /Politikere: 5 faste plasser/);
  assert.match(shown.html, /Endringene er lagret/);
  // The history says it in words: the field's label and the values, in Norwegian time, no JSON.
  const history = await page('/moteplasser/1/historikk', { cookie });
  assert.match(history.html, /<strong>Politikere<\/strong>: \d+ <span aria-hidden="true">→<\/span><span class="ds-sr-only">ble endret til<\/span> 5/);
  assert.doesNotMatch(history.html, /\/profile\/seats/);
  assert.match(history.html, /<time datetime="\d{4}-\d\d-\d\dT[\d:]+Z">\d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d<\/time>/);
  // A stale version is a conflict, not a silent overwrite.
  const stale = await submit({ '/profile/seats/politicians': '6' });
  assert.equal(stale.status, 409);
  // What was typed stays, beside what is saved now, and saving again is knowingly on top of it.
  assert.match(stale.html, /Noen andre har lagret en nyere versjon/);
  assert.match(stale.html, /<th scope="row" data-label="Felt">Politikere<\/th><td data-label="Lagret nå">5<\/td><td data-label="Det du skrev">6<\/td>/);
  assert.match(stale.html, /name="\/profile\/seats\/politicians" value="6"/);
  assert.match(stale.html, new RegExp(`name="version" value="${Number(version) + 1}"`));
  // Without the CSRF token nothing happens.
  const forged = await post('/moteplasser/1/endre', { version, '/profile/name': 'Kapret' }, { cookie });
  assert.equal(forged.status, 403);
});

test('record a different kind from the page, then go back to the computed one', async () => {
  const cookie = await login();
  const view = await page('/moteplasser/2', { cookie });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(view.html)[1];
  const missing = await post('/moteplasser/2/type', { csrf_token: csrf, kind: 'dialogue', justification: ' ' }, { cookie });
  assert.equal(missing.status, 400);
  const r = await post('/moteplasser/2/type', { csrf_token: csrf, kind: 'dialogue', justification: 'Medlemmene velges i praksis av kommunen.' }, { cookie });
  assert.equal(r.status, 303);
  const shown = await page('/moteplasser/2');
  assert.match(shown.html, /Medlemmene velges i praksis av kommunen\./);
  assert.match(shown.html, /Type møteplass: Dialogforum/);
  const cleared = await post('/moteplasser/2/type', { csrf_token: csrf, kind: '' }, { cookie });
  assert.equal(cleared.status, 303);
  assert.match((await page('/moteplasser/2')).html, /Type møteplass: Innvandrerråd/);
});

test('a search in the directory shows the best matches first; browsing stays alphabetical', async () => {
  const names = (html) => [...html.matchAll(/<h3><a class="ds-link" href="\/moteplasser\/\d+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
  const searched = await page('/moteplasser?q=politi');
  assert.equal(searched.status, 200);
  const found = names(searched.html);
  assert.ok(found.length >= 4, `found: ${found.join(", ")}`);
  assert.match(found[0], /^Politi/, `a police forum comes first: ${found.join(', ')}`);
  assert.match(searched.html, /<option value="relevance" selected>/);
  const alphabetical = names((await page('/moteplasser?q=politi&sort=name')).html);
  assert.deepEqual([...alphabetical].sort((a, b) => a.localeCompare(b, 'nb')), alphabetical);
  assert.match((await page('/moteplasser')).html, /<option value="name" selected>/);
});

test('anonymous visitors are sent to log in; logout ends the session; example data can be removed', async () => {
  const r = await page('/moteplasser/ny');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/logg-inn?next=%2Fmoteplasser%2Fny');
  const cookie = await login();
  const front = await page('/', { cookie });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(front.html)[1];
  const out = await post('/logg-ut', { csrf_token: csrf }, { cookie });
  assert.equal(out.status, 303);
  assert.equal((await page('/moteplasser/ny', { cookie })).status, 303);
  const removed = cli(['demo', 'remove', '--db', server.db]);
  assert.equal(removed.status, 0, removed.stderr);
});

test('a change made by another process (the command line) reaches the cached pages within seconds', async () => {
  const before = await page('/moteplasser?q=kommandolinje');
  assert.match(before.html, /0 møteplasser/);
  const body = councilBody('0301', 'Rådet fra kommandolinjen (test)');
  const file = path.join(server.dir, 'import.json');
  writeFileSync(file, JSON.stringify([body]));
  const imported = cli(['import', file, '--db', server.db]);
  assert.equal(imported.status, 0, imported.stderr);
  let seen = false;
  for (let i = 0; i < 50 && !seen; i++) {
    await new Promise((r) => setTimeout(r, 100));
    seen = (await page('/moteplasser?q=kommandolinje')).html.includes('Rådet fra kommandolinjen (test)');
  }
  assert.ok(seen, 'the imported meeting place shows within 5 seconds');
});

test('every response carries the current Date, cached pages and static files included', async () => {
  const css = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec((await page('/')).html)[1];
  for (const p of ['/tilgjengelighet', '/tilgjengelighet', css, '/api/v1/health']) {
    const r = await page(p);
    const date = Date.parse(r.headers.get('date'));
    assert.ok(Math.abs(Date.now() - date) < 5000, `${p}: Date ${r.headers.get('date')}`);
  }
});

test('the form shows a group hint once, not again under every field of the group', async () => {
  const cookie = await login();
  const r = await page('/moteplasser/ny', { cookie });
  assert.equal(r.status, 200);
  assert.equal(r.html.split('Tell de faste medlemmene etter hva de sitter som').length - 1, 1);
  assert.equal(r.html.split('Uansett hva de sitter som').length - 1, 1);
});

test('the municipality filter offers the municipalities of the chosen county or region', async () => {
  const count = (html) => (/<select class="ds-input" id="f-municipality"[^>]*>([\s\S]*?)<\/select>/.exec(html)[1].match(/<option value="\d{4}"/g) ?? []).length;
  assert.equal(count((await page('/moteplasser')).html), 357);
  const vestland = await page('/moteplasser?county=46');
  assert.ok(count(vestland.html) > 30 && count(vestland.html) < 50, `Vestland: ${count(vestland.html)}`);
  assert.match(vestland.html, /<option value="4601">Bergen<\/option>/);
  assert.doesNotMatch(vestland.html, /<option value="0301">/);
  const vest = await page('/moteplasser?region=vest');
  assert.match(vest.html, /<option value="1103">Stavanger<\/option>/);
  assert.doesNotMatch(vest.html, /<option value="5001">/);
  // The chosen municipality stays in the list even outside the county.
  assert.match((await page('/moteplasser?county=46&municipality=0301')).html, /<option value="0301" selected>Oslo<\/option>/);
});

test('robots.txt and sitemap.xml let search engines find every published meeting place, and nothing else', async () => {
  const robots = await page('/robots.txt');
  assert.equal(robots.status, 200);
  assert.match(robots.html, /Disallow: \/api\//);
  assert.match(robots.html, new RegExp(`Sitemap: ${server.url}/sitemap.xml`));
  const hidden = councilBody('0301', 'Upublisert råd (test)');
  hidden.public = false;
  const created = await server.post('/api/v1/meeting-places', hidden, { token: admin });
  assert.equal(created.status, 201);
  const hiddenId = created.body.id;
  const sitemap = await page('/sitemap.xml');
  assert.equal(sitemap.status, 200);
  assert.equal(sitemap.headers.get('content-type'), 'application/xml; charset=utf-8');
  const locs = [...sitemap.html.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.includes(`${server.url}/`));
  const list = await (await fetch(`${server.url}/api/v1/meeting-places?per_page=100`)).json();
  assert.ok(list.data.length > 0);
  for (const p of list.data) assert.ok(locs.includes(`${server.url}/moteplasser/${p.id}`), `meeting place ${p.id} is in the sitemap`);
  assert.ok(!locs.includes(`${server.url}/moteplasser/${hiddenId}`), 'an unpublished meeting place is not');
  assert.ok(locs.includes(`${server.url}/kommuner/0301`));
});

test('pages describe themselves for search engines', async () => {
  const list = await (await fetch(`${server.url}/api/v1/meeting-places?per_page=1`)).json();
  const r = await page(`/moteplasser/${list.data[0].id}`);
  const meta = /<meta name="description" content="([^"]+)">/.exec(r.html);
  assert.ok(meta, 'the meeting-place page has a meta description');
  assert.match(meta[1], /·/);
  assert.match((await page('/?lang=en')).html, /<meta name="description" content="[^"]*[Rr]egister[^"]*">/);
});

test('after log-in, only a path on this site is followed (no open redirect)', async () => {
  for (const [next, expected] of [['/moteplasser?county=46', '/moteplasser?county=46'], ['//evil.example', '/'],
    ['/\t/evil.example', '/'], ['https://evil.example', '/'], ['/\\evil.example', '/'], ['/x\r\nSet-Cookie: a=b', '/']]) {
    const get = await page('/logg-inn');
    const loginCookie = get.headers.get('set-cookie').split(';')[0];
    const token = /name="csrf_token" value="([^"]+)"/.exec(get.html)[1];
    const r = await post('/logg-inn', { csrf_token: token, username: 'kari', password: 'karis-passord-123', next }, { cookie: loginCookie });
    assert.equal(r.status, 303, JSON.stringify(next));
    assert.equal(r.headers.get('location'), expected, JSON.stringify(next));
  }
});
