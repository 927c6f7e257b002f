// An adviser's overviews (issue 13, item 4): a region's and a county's page count the meeting
// places by kind, list the municipalities with and without one, and show the latest changes with
// their dates, agreeing with the API's numbers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server } from './harness.mjs';

const server = new Server({ demo: true });
before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

async function page(p) {
  const res = await fetch(server.url + p);
  return { status: res.status, html: await res.text() };
}

// The number of meeting places the API lists for a filter.
async function apiTotal(query) {
  return (await (await fetch(`${server.url}/api/v1/meeting-places?${query}`)).json()).pagination.totalElements;
}

function overview(html) {
  const counts = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d+)<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2])]);
  const section = (title) => {
    const at = html.indexOf(title);
    if (at < 0) return null;
    const list = /<ul class="mp-columns ds-list--unstyled">([\s\S]*?)<\/ul>/.exec(html.slice(at, at + 20000));
    return list ? [...list[1].matchAll(/href="\/kommuner\/(\d{4})"/g)].map((m) => m[1]) : [];
  };
  return { counts, with: section('Kommuner med møteplass ('), without: section('Kommuner uten møteplass (') };
}

test('a region has its own page: counties, counts by kind, municipalities with and without, latest changes', async () => {
  const regions = (await (await fetch(`${server.url}/api/v1/regions`)).json()).data;
  const withPlaces = [];
  for (const region of regions) {
    const r = await page(`/regioner/${region.id}`);
    assert.equal(r.status, 200, region.id);
    assert.match(r.html, new RegExp(`<h1[^>]*>${region.name}</h1>`));
    const o = overview(r.html);
    const total = o.counts.reduce((a, [, n]) => a + n, 0);
    const expected = await apiTotal(`region=${region.id}`);
    assert.equal(total, expected, `${region.id}: the counts by kind add up to the API's list`);
    const municipalities = (await (await fetch(`${server.url}/api/v1/municipalities?per_page=1000`)).json()).data
      .filter((m) => region.counties.includes(m.county));
    assert.equal(o.with.length + o.without.length, municipalities.length, `${region.id}: every municipality once`);
    if (total > 0) {
      withPlaces.push(region.id);
      assert.ok(o.with.length > 0);
      assert.match(r.html, /<time datetime="\d{4}-\d\d-\d\d">\d\d\.\d\d\.\d{4}<\/time>: <a class="ds-link" href="\/moteplasser\/\d+">/);
    }
  }
  assert.ok(withPlaces.length > 0, 'the demo data has meeting places in some region');
  assert.equal((await page('/regioner/ingen-slik')).status, 404);
});

test('a county page carries the same overview and links to its region', async () => {
  const r = await page('/fylker/46');
  assert.equal(r.status, 200);
  const o = overview(r.html);
  assert.equal(o.with.length + o.without.length, 43, 'Vestland has 43 municipalities');
  const total = o.counts.reduce((a, [, n]) => a + n, 0);
  assert.equal(total, await apiTotal('county=46'));
  assert.match(r.html, /href="\/regioner\/vest">Se oversikten for IMDi Vest\.<\/a>/);
  const en = await page('/fylker/46?lang=en');
  assert.match(en.html, /Municipalities without a meeting place \(\d+\)/);
});

test('a meeting place for residents: how to take part first, Norwegian texts marked on other pages, a one-line example notice', async () => {
  const list = (await (await fetch(`${server.url}/api/v1/meeting-places?q=r%C3%A5d`)).json()).data;
  // One written in bokmål only (tests/api/texts.test.mjs has the translated ones).
  const id = list.find((p) => p.description && p.how_to_take_part && p.language === 'nb' && !Object.keys(p.translations).length)?.id ?? list[0].id;
  const nb = await page(`/moteplasser/${id}`);
  const takePart = nb.html.indexOf('id="take-part"');
  assert.ok(takePart > 0 && takePart < nb.html.indexOf('id="who"') && takePart < nb.html.indexOf('id="kind"'),
    'how to take part comes before who takes part and the kind');
  assert.doesNotMatch(nb.html, /class="ds-paragraph" lang=/, 'on the bokmål page bokmål text needs no marking');
  assert.match(nb.html, /Møteplassene her er oppdiktede eksempler, ikke virkelige organer\./);
  assert.doesNotMatch(nb.html, /kan fjernes med én kommando/, 'the full notice is for those who run the register');
  const en = await page(`/moteplasser/${id}?lang=en`);
  assert.match(en.html, /<div class="ds-paragraph" lang="nb">/);
  assert.match(en.html, /This text is only available in Norwegian\./);
  const nn = await page(`/moteplasser/${id}?lang=nn`);
  assert.match(nn.html, /<div class="ds-paragraph" lang="nb">/);
  assert.match(nn.html, /Denne teksten finst berre på bokmål\./);
});

test("the front page's counts by county and kind agree with the API's lists", async () => {
  const html = (await page('/')).html;
  const counted = [...html.matchAll(/href="\/fylker\/(\d\d)"[^>]*>[^<]*<\/a>\s*<span[^>]*>(\d+)<\/span>/g)];
  const kinds = [...html.matchAll(/href="\/moteplasser\?kind=([a-z_]+)"[^>]*>[^<]*<\/a>\s*<span[^>]*>(\d+)<\/span>/g)];
  assert.equal(counted.length, 15, 'every county has its count');
  assert.equal(kinds.length, 7, 'every kind has its count');
  for (const [, county, n] of counted) assert.equal(Number(n), await apiTotal(`county=${county}`), county);
  for (const [, kind, n] of kinds) assert.equal(Number(n), await apiTotal(`kind=${kind}`), kind);
});
