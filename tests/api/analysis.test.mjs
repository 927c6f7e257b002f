// The analyses (contracts/analysis.md) over the demo data: the command line and the API give the
// same numbers; visitors get small cells hidden, in a way no subtraction of two answers undoes;
// bad input is refused naming the parameter (400) or the option (exit 2).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, cli, expectError } from './harness.mjs';

const NAMES = ['kinds', 'initiative', 'established', 'hearing_status', 'composition', 'gender_balance', 'influence',
  'fiery_souls', 'traits', 'youth', 'perceived_vs_real', 'origin_spread'];
// perceived_vs_real is for a study's leads and analysts (tests/api/analysis-by-place.test.mjs).
const NATIONAL = NAMES.filter((n) => n !== 'perceived_vs_real');
const PEOPLE = ['composition', 'gender_balance', 'influence', 'fiery_souls', 'traits', 'youth'];

const server = new Server();
let national;
before(async () => {
  await server.start();
  const r = cli(['demo', 'load', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  national = server.addUser('analyse-national', 'national');
});
after(async () => { await server.stop(); server.cleanup(); });

function run(args) {
  const r = cli(['analysis', ...args, '--db', server.db]);
  return r;
}

test('the list names every analysis with titles in bokmål, nynorsk and English, on both doors', async () => {
  const res = await server.get('/api/v1/analysis');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.data.map((a) => a.name), NAMES);
  for (const a of res.body.data) {
    for (const l of ['nb', 'nn', 'en']) assert.ok(a.title[l] && !a.title[l].startsWith('['), `${a.name} ${l}`);
  }
  const r = cli(['analysis', 'list']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).data.map((a) => a.name), NAMES);
  const text = cli(['analysis', 'list', '--format', 'text']);
  assert.match(text.stdout, /^kinds\t/m);
  for (const args of [['analysis'], ['analysis', 'list'], ['analysis', 'run']]) {
    const h = cli([...args, '--help']);
    assert.equal(h.status, 0, `${args} --help: ${h.stderr}`);
  }
  assert.equal(cli(['analysis', 'list', '--format', 'xml']).status, 2);
});

test('the command line and the API (a national user) give the same datasets, as JSON-stat and CSV', async () => {
  const filters = [[], ['region', 'vest'], ['county', '46'], ['from', '2020', 'to', '2026']];
  for (const name of NATIONAL) {
    for (const f of filters) {
      const args = [];
      const qs = new URLSearchParams();
      for (let i = 0; i < f.length; i += 2) { args.push(`--${f[i]}`, f[i + 1]); qs.set(f[i], f[i + 1]); }
      const c = run(['run', name, ...args]);
      assert.equal(c.status, 0, c.stderr);
      const a = await server.get(`/api/v1/analysis/${name}?${qs}`, { token: national });
      assert.equal(a.status, 200, a.text);
      assert.deepEqual(JSON.parse(c.stdout), a.body, `${name} ${f}`);
      assert.equal(a.body.version, '2.0');
      assert.equal(a.body.class, 'dataset');
      assert.equal(a.body.value.length, a.body.size.reduce((x, y) => x * y, 1));
      assert.equal(a.body.extension.suppressed, false);
      const csv = run(['run', name, ...args, '--format', 'csv']);
      qs.set('format', 'csv');
      const ac = await fetch(`${server.url}/api/v1/analysis/${name}?${qs}`, { headers: { authorization: `Bearer ${national}` } });
      assert.match(ac.headers.get('content-type'), /^text\/csv/);
      assert.equal(await ac.text(), csv.stdout);
      assert.equal(csv.stdout.trim().split('\r\n').length, 1 + a.body.value.length);
    }
  }
});

test('the demo register gives kinds with police forums apart, and labels in the reader\'s language', async () => {
  const res = await server.get('/api/v1/analysis/kinds?lang=nn');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.id, ['kind', 'region']);
  const kinds = res.body.dimension.kind.category;
  assert.ok('police_forum' in kinds.index && 'not_a_meeting_place' in kinds.index);
  assert.equal(kinds.label.council, 'Innvandrarråd');
  const total = res.body.value.reduce((a, b) => a + b, 0);
  const places = (await server.get('/api/v1/meeting-places?per_page=1')).body.pagination.totalElements;
  assert.equal(total, places);
  assert.equal(res.body.extension.suppressed, false, 'counts of organisations are public in full');
});

function hiddenCells(d) {
  return d.value.map((v, i) => (d.status?.[i] === ':' ? i : -1)).filter((i) => i >= 0);
}

test('visitors get small cells hidden, said so, and no row with a single hidden cell', async () => {
  let anyHidden = false;
  for (const name of PEOPLE) {
    for (const q of ['', '?region=vest', '?county=46', '?county=03', '?from=2024&to=2026']) {
      if (name === 'fiery_souls' && q.includes('from')) continue;
      const res = await server.get(`/api/v1/analysis/${name}${q}`);
      assert.equal(res.status, 200, res.text);
      const hidden = hiddenCells(res.body);
      for (const i of hidden) assert.equal(res.body.value[i], null);
      if (hidden.length === 0) continue;
      anyHidden = true;
      assert.deepEqual([res.body.extension.suppressed, res.body.extension.threshold], [true, 3]);
      assert.ok(res.body.note.some((n) => /færre enn 3/.test(n)), res.body.note);
      if (res.body.id.length === 2) {
        const w = res.body.size[1];
        for (let row = 0; row < res.body.value.length; row += w) {
          const n = hidden.filter((i) => i >= row && i < row + w).length;
          assert.notEqual(n, 1, `${name}${q}: one hidden cell in row ${row / w} could be recovered from the row's total`);
        }
      }
    }
  }
  assert.ok(anyHidden, 'the demo data has small cells');
});

test('no public answer lets a hidden cell be recovered by subtracting another (region minus county)', async () => {
  const regions = (await server.get('/api/v1/regions')).body.data;
  for (const name of PEOPLE) {
    const whole = (await server.get(`/api/v1/analysis/${name}`)).body;
    for (const region of regions) {
      const r = (await server.get(`/api/v1/analysis/${name}?region=${region.id}`)).body;
      for (const i of hiddenCells(r)) assert.ok(hiddenCells(whole).includes(i), `${name}: region ${region.id} cell ${i} shown nationally`);
      for (const county of region.counties) {
        const c = (await server.get(`/api/v1/analysis/${name}?county=${county}`)).body;
        for (const i of hiddenCells(c)) {
          assert.ok(hiddenCells(r).includes(i), `${name}: county ${county} cell ${i} shown in region ${region.id}`);
        }
      }
    }
  }
});

test('no public answer for other years differs by a small cell: fiery souls take no years, small meeting places are left out', async () => {
  expectError(await server.get('/api/v1/analysis/fiery_souls?from=2024'), 400, 'invalid', '/from');
  expectError(await server.get('/api/v1/analysis/fiery_souls?to=2025'), 400, 'invalid', '/to');
  const page = await fetch(`${server.url}/analyse/fiery_souls?from=2024&lang=nn`);
  assert.equal(page.status, 400);
  assert.match(await page.text(), /Eldsjelrisikoen blir berre vist for i dag/);
  // A national user gets the years.
  assert.equal((await server.get('/api/v1/analysis/fiery_souls?from=2024', { token: national })).status, 200);
  // Counts of meeting places by their people: a wider and a narrower period differ only by
  // meeting places of three people or more, so each difference is at least what a shown cell is.
  const ranges = [['2015', '2026'], ['2020', '2026'], ['2024', '2026'], ['2025', '2025'], ['2026', '2026']];
  for (const name of ['gender_balance', 'youth', 'composition']) {
    for (const [from, to] of ranges) {
      const pub = (await server.get(`/api/v1/analysis/${name}?from=${from}&to=${to}`)).body;
      const full = (await server.get(`/api/v1/analysis/${name}?from=${from}&to=${to}`, { token: national })).body;
      assert.equal(pub.value.length, full.value.length);
      if (name !== 'composition') {
        // Never more than the full count; what is missing is small meeting places, and the note says so.
        const total = (d) => d.value.reduce((a, b) => a + (b ?? 0), 0);
        assert.ok(total(pub) <= total(full), `${name} ${from}-${to}`);
        if (total(pub) < total(full) && !pub.extension.suppressed) {
          assert.ok(pub.note.some((n) => /færre enn tre personer bidrar, er ikke tatt med/.test(n)), `${name} ${from}-${to}: ${pub.note}`);
        }
      }
    }
  }
});

test('bad input is refused naming the parameter, or the option on the command line', async () => {
  expectError(await server.get('/api/v1/analysis/kinds?kommune=0301'), 400, 'invalid', '/kommune');
  expectError(await server.get('/api/v1/analysis/kinds?from=20x6'), 400, 'invalid', '/from');
  expectError(await server.get('/api/v1/analysis/kinds?from=2026&to=2020'), 400, 'invalid', '/to');
  expectError(await server.get('/api/v1/analysis/kinds?region=atlantis'), 400, 'invalid', '/region');
  expectError(await server.get('/api/v1/analysis/kinds?county=99'), 400, 'invalid', '/county');
  expectError(await server.get('/api/v1/analysis/kinds?lang=de'), 400, 'invalid', '/lang');
  expectError(await server.get('/api/v1/analysis/kinds?format=xlsx'), 400, 'invalid', '/format');
  expectError(await server.get('/api/v1/analysis/kinds?study=1'), 401);
  expectError(await server.get('/api/v1/analysis/ingenting'), 404);
  for (const [args, option] of [[['run', 'kinds', '--from', '20x6'], '--from'], [['run', 'kinds', '--region', 'atlantis'], '--region'],
    [['run', 'kinds', '--county', '99'], '--county'], [['run', 'kinds', '--format', 'xlsx'], '--format'],
    [['run', 'ingenting'], 'NAME'], [['run', 'kinds', '--from', '2026', '--to', '2020'], '--to']]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args}: ${r.stderr}`);
    assert.ok(r.stderr.includes(option), `${args}: ${r.stderr}`);
  }
});

test('the pages: the list, and a table per analysis with its filters in the address and the downloads', async () => {
  const list = await fetch(`${server.url}/analyse?lang=nn`);
  assert.equal(list.status, 200);
  const html = await list.text();
  for (const name of NAMES) assert.ok(html.includes(`href="/analyse/${name}"`), name);
  for (const l of ['nb', 'nn', 'en']) {
    assert.equal((await fetch(`${server.url}/analyse/perceived_vs_real?lang=${l}`)).status, 401, 'built from interviews: not for visitors');
  }
  const page = await fetch(`${server.url}/analyse/kinds?region=vest&from=2020&lang=en`);
  assert.equal(page.status, 200);
  const body = await page.text();
  assert.match(body, /<caption>Meeting places by kind and region<\/caption>/);
  assert.match(body, /<option value="vest" selected>/);
  assert.ok(body.includes('href="/api/v1/analysis/kinds?region=vest&amp;from=2020&amp;format=csv"'), 'the CSV download keeps the filters');
  const hidden = await (await fetch(`${server.url}/analyse/gender_balance?county=03`)).text();
  if (hidden.includes('<abbr')) assert.match(hidden, /færre enn 3 personer/);
  const bad = await fetch(`${server.url}/analyse/kinds?from=tjue`);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /fire sifre/);
  assert.equal((await fetch(`${server.url}/analyse/ingenting`)).status, 404);
});

// The chart: drawn on the server as SVG with a title and a description it is labelled by, a
// pattern per series, and the very numbers of the table beside it.
function chartOf(html) {
  const svg = html.match(/<svg[^>]*class="mp-chart"[\s\S]*?<\/svg>/);
  assert.ok(svg, 'the page has a chart');
  return svg[0];
}

test('each analysis page draws an accessible SVG chart with the same numbers as its table', async () => {
  const pages = [['kinds', 'en'], ['initiative', 'nn'], ['established', 'nb'], ['hearing_status', 'nb'],
    ['composition', 'nb'], ['gender_balance', 'nn'], ['gender_balance?county=03', 'nb'], ['influence', 'en'],
    ['fiery_souls', 'nb'], ['youth', 'nn'], ['origin_spread', 'en']];
  for (const [page, lang] of pages) {
    const url = `${server.url}/analyse/${page}${page.includes('?') ? '&' : '?'}lang=${lang}`;
    const res = await fetch(url);
    assert.equal(res.status, 200, url);
    const html = await res.text();
    const svg = chartOf(html);
    assert.match(svg, /role="img"/);
    assert.match(svg, /viewBox="0 0 320 \d+"/);
    assert.match(svg, /width="100%"/);
    const labelled = svg.match(/aria-labelledby="([^"]+)"/)[1].split(' ');
    assert.equal(labelled.length, 2);
    const title = svg.match(new RegExp(`<title id="${labelled[0]}">([^<]+)</title>`));
    const desc = svg.match(new RegExp(`<desc id="${labelled[1]}">([^<]+)</desc>`));
    assert.ok(title && desc, `${page}: title and desc named by aria-labelledby`);
    const caption = html.match(/<caption>([^<]+)<\/caption>/)[1];
    const text = (x) => x.replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(text(title[1]), text(caption), `${page}: the chart's title is the table's caption`);
    const table = new Map([...html.matchAll(/<td data-cell="(\d+)">([\s\S]*?)<\/td>/g)]
      .map((m) => [m[1], m[2].replace(/<[^>]+>/g, '')]));
    const bars = [...svg.matchAll(/<text class="mp-chart-value" data-cell="(\d+)"[^>]*>([^<]*)<\/text>/g)];
    for (const [, cell, text] of bars) assert.equal(text, table.get(cell), `${page}: cell ${cell}`);
    // Every figure in the table that is not zero or empty is in the chart.
    const drawn = new Set(bars.map((b) => b[1]));
    for (const [cell, text] of table) {
      if (text !== '0' && text !== '–' && text !== '0 %') assert.ok(drawn.has(cell), `${page}: cell ${cell} (${text}) has no bar`);
    }
    const series = (svg.match(/<pattern /g) || []).length;
    assert.ok(series >= 1, `${page}: a pattern per series`);
  }
});
