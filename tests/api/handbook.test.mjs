// The handbook (/handbok): pages in bokmål, nynorsk and English written from the report, each
// linking live examples from the register, found by the register's Norwegian search; national
// users edit in Markdown with draft, review and publish, and the public reads only what is
// published. Runs on the backend the tests run on (MOTEPLASS_TEST_BACKEND).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, Server, councilBody, pageClient } from './harness.mjs';

const server = new Server();
const PASSWORD = 'et-langt-passord-123';
let client;
let national;   // session cookie
let municipal;
let councilId;
before(async () => {
  await server.start();
  const admin = server.addUser('admin', 'admin');
  server.addUser('kari', 'national');
  server.addUser('ola', 'municipal', '4601');
  const r = await server.post('/api/v1/meeting-places', councilBody('4601', 'Flerkulturelt råd i Bergen'), { token: admin });
  assert.equal(r.status, 201, r.text);
  councilId = r.body.id;
  client = pageClient(server);
  national = await client.login('kari', PASSWORD);
  municipal = await client.login('ola', PASSWORD);
});
after(async () => { await server.stop(); server.cleanup(); });

const csrfOf = (html) => /name="csrf_token" value="([^"]+)"/.exec(html)[1];

test('the handbook lists its pages in the reader\'s language', async () => {
  const nb = await client.page('/handbok');
  assert.equal(nb.status, 200);
  assert.match(nb.html, /Å velge møteplass etter egne behov/);
  assert.match(nb.html, /Den danske modellen/);
  const nn = await client.page('/handbok?lang=nn');
  assert.match(nn.html, /Å velje møteplass etter eigne behov/);
  assert.match(nn.html, /Ungdom med innvandrarbakgrunn/);
  const en = await client.page('/handbok?lang=en');
  assert.match(en.html, /Choosing a meeting place for your own needs/);
  assert.match(en.html, /Setting up a meeting place: a checklist/);
});

test('a page is the report\'s advice with its pages cited, and links meeting places of its kind in the register', async () => {
  const r = await client.page('/handbok/velge-modell');
  assert.equal(r.status, 200);
  assert.match(r.html, /<h2>Rådsmodellen<\/h2>/);  // Markdown rendered
  assert.match(r.html, /\(s\. 68\)/);
  assert.match(r.html, new RegExp(`href="/moteplasser/${councilId}">Flerkulturelt råd i Bergen</a>`));
  assert.match(r.html, /href="\/moteplasser\?kind=council"/);
  const nn = await client.page('/handbok/etablere?lang=nn');
  assert.match(nn.html, /Rekn med eit innkøyringsår/);
  assert.equal((await client.page('/handbok/finnes-ikke')).status, 404);
});

// Data-driven from data/handbook/pages.json: every page, in every language, links live examples of
// each of its kinds and the analyses it names, and every link leads somewhere that exists.
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/handbook/pages.json'), 'utf8'));
test('every page links live meeting places and the analyses pages.json names, in the reader\'s language', async () => {
  const titles = {};
  const list = await server.get('/api/v1/analysis');
  assert.equal(list.status, 200, list.text);
  const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  for (const a of list.body.data) {
    for (const lang of ['nb', 'nn', 'en']) titles[`${lang}:${a.name}`] = escape(a.title[lang]);
  }
  const seen = new Set();
  for (const page of manifest) {
    assert.ok(page.analyses.length > 0, page.slug);
    for (const lang of ['nb', 'nn', 'en']) {
      const r = await client.page(`/handbok/${page.slug}?lang=${lang}`);
      assert.equal(r.status, 200, `${page.slug} ${lang}`);
      const section = /<section class="mp-handbook-analyses"[\s\S]*?<\/section>/.exec(r.html)?.[0] ?? '';
      for (const name of page.analyses) {
        const title = titles[`${lang}:${name}`];
        assert.ok(title, `${name} has a title in ${lang}`);
        assert.ok(section.includes(`<a class="ds-link" href="/analyse/${name}">${title}</a>`), `${page.slug} ${lang} links ${name}`);
        seen.add(`/analyse/${name}`);
      }
      if (page.kinds.includes('council')) {
        assert.match(r.html, new RegExp(`href="/moteplasser/${councilId}">Flerkulturelt råd i Bergen</a>`));
      }
      const examples = /<section class="mp-handbook-examples"[\s\S]*?<\/section>/.exec(r.html)[0];
      for (const [, href] of examples.matchAll(/href="(\/moteplasser\/\d+)"/g)) seen.add(href);
    }
  }
  for (const href of seen) assert.equal((await client.page(href)).status, 200, href);
});

test('the register\'s Norwegian search finds the pages in any of the three languages', async () => {
  const first = async (q) => /<h2 class="ds-heading" data-size="sm"><a class="ds-link" href="\/handbok\/([a-z-]+)"/.exec((await client.page(`/handbok?q=${encodeURIComponent(q)}`)).html)?.[1];
  assert.equal(await first('ungdomsrådet'), 'ungdom');
  assert.equal(await first('integrasjonsråda'), 'danske-modellen');
  assert.equal(await first('fiery souls'), 'fellestrekk');
  assert.match((await client.page('/handbok?q=xyzzy')).html, /0 sider passer/);
});

test('a national user edits a page: a draft, then review, then published; the public sees only what is published', async () => {
  const form = await client.page('/handbok/velge-modell/endre', { cookie: national });
  assert.equal(form.status, 200);
  assert.match(form.html, /<textarea[^>]+name="nn_body"/);
  const csrf = csrfOf(form.html);
  const fields = (nnTitle) => ({
    csrf_token: csrf,
    nb_title: 'Å velge riktig møteplass', nb_body: '## Rådsmodellen\n\nNy tekst (s. 68).',
    nn_title: nnTitle, nn_body: '## Rådsmodellen\n\nNy tekst (s. 68).',
    en_title: 'Choosing the right meeting place', en_body: '## The council model\n\nNew text (p. 68).',
    kinds: 'council',
  });
  // A missing nynorsk title is refused, naming the field, and what was typed is kept.
  const bad = await client.post('/handbok/velge-modell/endre', fields(''), { cookie: national });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /href="#f-nn-title"/);
  assert.match(bad.html, /Å velge riktig møteplass/);

  const saved = await client.post('/handbok/velge-modell/endre', fields('Å velje rett møteplass'), { cookie: national });
  assert.equal(saved.status, 303, saved.html.slice(0, 300));
  const version = /lagret=(\d+)/.exec(saved.headers.get('location'))[1];
  assert.equal(version, '2');
  // Still the published text for everyone.
  assert.match((await client.page('/handbok/velge-modell')).html, /Å velge møteplass etter egne behov/);
  assert.equal((await client.page('/handbok/velge-modell?versjon=2')).status, 404);
  const preview = await client.page('/handbok/velge-modell?versjon=2&lang=nn', { cookie: national });
  assert.match(preview.html, /Å velje rett møteplass/);
  assert.match(preview.html, /ikkje publisert/);

  const history = await client.page('/handbok/velge-modell/historikk', { cookie: national });
  assert.match(history.html, /utkast/);
  assert.match(history.html, /kari/);
  const publicHistory = await client.page('/handbok/velge-modell/historikk');
  assert.doesNotMatch(publicHistory.html, /kari|Versjon 2/);

  // Publishing a draft straight away is not the workflow.
  const skip = await client.post(`/handbok/velge-modell/versjoner/${version}`, { csrf_token: csrf, to: 'published' }, { cookie: national });
  assert.equal(skip.status, 409);
  for (const to of ['review', 'published']) {
    const r = await client.post(`/handbok/velge-modell/versjoner/${version}`, { csrf_token: csrf, to }, { cookie: national });
    assert.equal(r.status, 303, r.html.slice(0, 200));
  }
  const now = await client.page('/handbok/velge-modell');
  assert.match(now.html, /Å velge riktig møteplass/);
  assert.match((await client.page('/handbok/velge-modell?lang=nn')).html, /Å velje rett møteplass/);
  assert.match((await client.page('/handbok/velge-modell/historikk')).html, /Versjon 2/);
});

test('only national users edit the handbook', async () => {
  assert.equal((await client.page('/handbok/ungdom/endre', { cookie: municipal })).status, 403);
  const r = await client.page('/handbok/ungdom/endre');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/logg-inn/);
  assert.doesNotMatch((await client.page('/handbok/ungdom', { cookie: municipal })).html, /Rediger siden/);
  assert.match((await client.page('/handbok/ungdom', { cookie: national })).html, /Rediger siden/);
});
