// Issue 12's "Done when", walked on the demo register as a municipal officer and an IMDi adviser
// would: Sømna (1812), a small municipality with one immigrant organisation, answers the
// advisor's questions and gets the contact-committee model first with the report's reasons, two
// comparable meeting places to call, and a checklist to take to the council; the handbook
// explains the model in bokmål, nynorsk and English and links meeting places and analyses that
// exist; IMDi's overview shows which regions are behind, in words. Runs on the backend the tests
// run on (MOTEPLASS_TEST_BACKEND).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, pageClient } from './harness.mjs';

const server = new Server({ demo: true });
const client = pageClient(server);
const YEAR = new Date().getUTCFullYear();
let national;
before(async () => {
  await server.start();
  server.addUser('kari', 'national');
  national = await client.login('kari', 'et-langt-passord-123');
});
after(async () => { await server.stop(); server.cleanup(); });

const ADVICE = '/veileder?municipality=1812&immigrant_organisations=1&political_will=some&need=both';
const WORDS = {
  nb: { model: /Kontaktutvalg/, source: /\(rapporten kap\. 5, s\. \d/, handbook: /kontaktutvalg/i },
  nn: { model: /Kontaktutval/, source: /\(rapporten kap\. 5, s\. \d/, handbook: /kontaktutval/i },
  en: { model: /Contact committee/, source: /\(report ch\. 5, pp?\. \d/, handbook: /contact committee/i },
};

test('a small municipality with few organisations: the contact committee first, with reasons, two places to call, a checklist', async () => {
  for (const [lang, words] of Object.entries(WORDS)) {
    const r = await client.page(`${ADVICE}&lang=${lang}`);
    assert.equal(r.status, 200, lang);
    const first = /<li class="mp-ranked mp-ranked-first" data-kind="([a-z_]+)">([\s\S]*?)<\/li>\n<li class="mp-ranked"/.exec(r.html);
    assert.ok(first, `${lang}: a ranking`);
    assert.equal(first[1], 'contact_committee', lang);
    assert.match(first[2], words.model);
    const reasons = /<ul class="mp-reasons">([\s\S]*?)<\/ul>/.exec(first[2])[1];
    assert.match(reasons, words.source, `${lang}: the reasons cite the report`);
    const examples = [...first[2].matchAll(/<a class="ds-link" href="(\/moteplasser\/\d+)"/g)].map((m) => m[1]);
    assert.ok(examples.length >= 2, `${lang}: two comparable meeting places, got ${examples.length}`);
    for (const href of examples.slice(0, 2)) assert.equal((await client.page(href)).status, 200, href);
    const steps = [...r.html.matchAll(/<li id="step-([a-z_]+)">/g)].map((m) => m[1]);
    for (const step of ['needs_analysis', 'training', 'run_in_year', 'paid_leader', 'broad_recruitment', 'continuity_plan']) {
      assert.ok(steps.includes(step), `${lang}: the checklist has ${step}`);
    }
  }
});

test('the handbook explains the model in the reader\'s written standard, with live links', async () => {
  for (const [lang, words] of Object.entries(WORDS)) {
    const r = await client.page(`/handbok/velge-modell?lang=${lang}`);
    assert.equal(r.status, 200, lang);
    assert.match(r.html, new RegExp(`<html lang="${lang}"`));
    assert.match(r.html, words.handbook);
    const places = [...r.html.matchAll(/href="(\/moteplasser\/\d+)"/g)].map((m) => m[1]);
    assert.ok(places.length > 0, `${lang}: examples from the demo register`);
    assert.equal((await client.page(places[0])).status, 200);
    const analysis = /href="(\/analyse\/[a-z_]+)"/.exec(r.html)?.[1];
    assert.ok(analysis, `${lang}: an analysis is linked`);
    assert.equal((await client.page(`${analysis}?lang=${lang}`)).status, 200);
  }
});

test('IMDi\'s overview says in words which regions are behind the target', async () => {
  const r = await client.page('/imdi', { cookie: national });
  assert.equal(r.status, 200);
  assert.match(r.html, /Målet er 2 nye møteplasser per region i året/);
  const said = /<p class="ds-paragraph mp-overview-behind">([^<]*)<\/p>/.exec(r.html)[1];
  // Every region marked behind this year is named in the sentence, and marked in words in its row.
  const rows = [...r.html.matchAll(/href="\/regioner\/[a-z-]+">([^<]+)<\/a><\/th>([\s\S]*?)<\/tr>/g)];
  assert.ok(rows.length >= 6, 'every region');
  let behind = 0;
  for (const [, region, cells] of rows) {
    const current = [...cells.matchAll(/<td( class="mp-behind")?>([\s\S]*?)<\/td>/g)][4];
    if (current[1]) {
      behind++;
      assert.match(current[2], /<strong>under målet<\/strong>/, region);
      assert.ok(said.includes(region), `${region} is named as behind`);
    }
  }
  if (behind === 0) assert.match(said, new RegExp(`Alle regionene har nådd målet for ${YEAR}`));
  else assert.match(said, new RegExp(`Under målet så langt i ${YEAR}: `));
});
