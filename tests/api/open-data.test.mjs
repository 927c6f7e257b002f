// Open data (issue 13, item 5): the directory as CSV and XLSX with its filters, the API list as
// CSV, the data dictionary as a page and as a Data Package, the licence, and a clear 400 for an
// unknown query parameter or filters that contradict each other.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, councilBody, expectError } from './harness.mjs';

const server = new Server({ demo: true });
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('kari', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

// RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line end.
function parseCsv(text) {
  const rows = []; let row = []; let field = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i++;
    } else field += ch;
  }
  return rows;
}

async function download(p) {
  const res = await fetch(server.url + p);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

test('/moteplasser.csv: every published meeting place, the columns of the data dictionary, null as empty', async () => {
  const all = await server.get('/api/v1/meeting-places?per_page=100');
  const res = await download('/moteplasser.csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="moteplasser.csv"/);
  assert.notEqual(res.bytes[0], 0xef, 'no byte-order mark');
  const rows = parseCsv(res.bytes.toString('utf8'));
  const pkg = (await server.get('/apne-data/datapakke.json')).body;
  const fields = pkg.resources[0].schema.fields.map((f) => f.name);
  assert.deepEqual(rows[0], fields, 'the header is the dictionary');
  assert.equal(rows.length - 1, all.body.pagination.totalElements);
  const id = fields.indexOf('id');
  const names = new Map(rows.slice(1).map((r) => [Number(r[id]), r]));
  for (const p of all.body.data) {
    const r = names.get(p.id);
    assert.ok(r, `meeting place ${p.id} in the CSV`);
    assert.equal(r[fields.indexOf('name')], p.name);
    assert.equal(r[fields.indexOf('kind')], p.kind ?? '');
    assert.equal(r[fields.indexOf('county')], p.county);
  }
  // A county-level meeting place has no municipality: an empty field, not a made-up value.
  const county = rows.slice(1).find((r) => r[fields.indexOf('level')] === 'county');
  assert.equal(county[fields.indexOf('municipality')], '');
  assert.equal(county[fields.indexOf('municipality_name')], '');
  // No contact details in bulk.
  assert.ok(!res.bytes.toString('utf8').includes('@example.org'));
});

test('the CSV carries each text in each language it is written in (schema 1.1)', async () => {
  const all = (await server.get('/api/v1/meeting-places?per_page=100')).body.data;
  const translated = all.find((p) => p.translations && p.translations.en);
  assert.ok(translated, 'the demo has a place with an English text');
  const rows = parseCsv((await download('/moteplasser.csv')).bytes.toString('utf8'));
  const col = (name) => rows[0].indexOf(name);
  const row = rows.slice(1).find((r) => Number(r[col('id')]) === translated.id);
  assert.equal(row[col('language')], translated.language);
  assert.equal(row[col(`description_${translated.language}`)], translated.description);
  assert.equal(row[col('description_en')], translated.translations.en.description);
  assert.equal(row[col('how_to_take_part_en')], translated.translations.en.how_to_take_part ?? '');
  assert.equal(row[col('description_nn')], translated.translations.nn?.description ?? '', 'empty when not written in nynorsk');
  const pkg = (await server.get('/apne-data/datapakke.json')).body;
  assert.equal(pkg.version, '1.1');
});

test('the downloads take the directory\'s filters', async () => {
  const api = await server.get('/api/v1/meeting-places?county=46&kind=council');
  const rows = parseCsv((await download('/moteplasser.csv?county=46&kind=council')).bytes.toString('utf8'));
  assert.equal(rows.length - 1, api.body.pagination.totalElements);
  assert.ok(rows.length > 1);
  const searched = parseCsv((await download(`/moteplasser.csv?q=${encodeURIComponent('politiforum')}`)).bytes.toString('utf8'));
  assert.equal(searched.length - 1, 4);
});

test('/moteplasser.xlsx: a workbook with the meeting places and the data dictionary', async () => {
  const res = await download('/moteplasser.xlsx?lang=en');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(res.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
  const text = res.bytes.toString('latin1');
  assert.ok(text.includes('xl/worksheets/sheet1.xml'));
  assert.ok(text.includes('xl/worksheets/sheet2.xml'), 'the dictionary sheet');
});

test('the API list answers ?format=csv, page by page', async () => {
  const res = await download('/api/v1/meeting-places?format=csv&per_page=5&sort=name');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  const rows = parseCsv(res.bytes.toString('utf8'));
  assert.equal(rows.length, 6);
  const json = await server.get('/api/v1/meeting-places?per_page=5&sort=name');
  assert.deepEqual(rows.slice(1).map((r) => Number(r[0])), json.body.data.map((p) => p.id));
  expectError(await server.get('/api/v1/meeting-places?format=xml'), 400, 'invalid', '/format');
});

test('an unknown query parameter is a 400 naming it, on every list', async () => {
  for (const p of ['/api/v1/meeting-places?kommune=0301', '/api/v1/meeting-places?county=46&per-page=5',
    '/api/v1/counties?sort=name', '/api/v1/municipalities?fylke=46', '/api/v1/regions?x=1', '/moteplasser.csv?kommune=0301']) {
    const res = await server.get(p);
    const name = Array.from(new URL(p, 'http://x').searchParams.keys()).find((k) => !['county'].includes(k));
    expectError(res, 400, 'invalid', `/${name}`);
    assert.match(res.body.error.message, new RegExp(name));
  }
  // The directory page itself keeps opening with what links add (?fbclid=, ?utm_source=).
  assert.equal((await download('/moteplasser?utm_source=nyhetsbrev')).status, 200);
});

test('filters that contradict each other are a 400 naming the one that does not fit', async () => {
  expectError(await server.get('/api/v1/meeting-places?county=03&municipality=4601'), 400, 'contradicting_filters', '/municipality');
  expectError(await server.get('/api/v1/meeting-places?region=vest&county=03'), 400, 'contradicting_filters', '/county');
  expectError(await server.get('/api/v1/meeting-places?region=vest&municipality=0301'), 400, 'contradicting_filters', '/municipality');
  assert.equal((await server.get('/api/v1/meeting-places?county=46&municipality=4601&region=vest')).status, 200);
  // The directory says it in words, and keeps the choices in the form.
  const res = await fetch(`${server.url}/moteplasser?county=46&municipality=0301&lang=nn`);
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.ok(html.includes('Filtera seier imot kvarandre'), html);
  assert.match(html, /<option value="0301" selected>Oslo<\/option>/);
});

test('the data page: downloads, the licence and the dictionary in three languages; linked from the directory', async () => {
  for (const [lang, heading, licence] of [['nb', 'Åpne data', 'Norsk lisens for offentlige data (NLOD) 2.0'],
    ['nn', 'Opne data', 'Norsk lisens for offentlege data (NLOD) 2.0'],
    ['en', 'Open data', 'Norwegian Licence for Open Government Data (NLOD) 2.0']]) {
    const res = await fetch(`${server.url}/apne-data?lang=${lang}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes(heading), lang);
    assert.ok(html.includes(licence), lang);
    assert.ok(html.includes('href="https://data.norge.no/nlod/no/2.0"'));
    for (const column of ['municipality_name', 'is_meeting_place', 'how_to_take_part']) assert.ok(html.includes(column));
  }
  const directory = await (await fetch(`${server.url}/moteplasser?county=46&q=r%C3%A5d`)).text();
  assert.ok(directory.includes('href="/moteplasser.csv?county=46&amp;q=r%C3%A5d"'), 'CSV with the filters');
  assert.ok(directory.includes('href="/moteplasser.xlsx?county=46&amp;q=r%C3%A5d"'), 'XLSX with the filters');
  assert.ok(directory.includes('href="/apne-data"'));
});

test('the Data Package states the licence and the schema version', async () => {
  const res = await server.get('/apne-data/datapakke.json?lang=en');
  assert.equal(res.status, 200);
  assert.equal(res.body.profile, 'tabular-data-package');
  assert.deepEqual(res.body.licenses.map((l) => l.name), ['NLOD-2.0']);
  assert.equal(typeof res.body.version, 'string');
  const fields = res.body.resources[0].schema.fields;
  assert.ok(fields.every((f) => f.titles.nb && f.titles.nn && f.titles.en && f.descriptions.nn));
  assert.equal(fields.find((f) => f.name === 'kind').description.startsWith('The type in force'), true);
});

test('an unpublished meeting place is in an administrator\'s download only', async () => {
  const body = councilBody('0301', 'Upublisert råd (test)');
  body.public = false;
  const created = await server.post('/api/v1/meeting-places', body, { token: admin });
  assert.equal(created.status, 201, created.text);
  const anonymous = (await download('/moteplasser.csv')).bytes.toString('utf8');
  assert.ok(!anonymous.includes('Upublisert råd (test)'));
  const res = await fetch(`${server.url}/moteplasser.csv`, { headers: { authorization: `Bearer ${admin}` } });
  assert.ok((await res.text()).includes('Upublisert råd (test)'));
});

test('changed_since keeps what changed on that day or later, in the API, the downloads and the page', async () => {
  const all = await server.get('/api/v1/meeting-places?per_page=100');
  const today = all.body.data[0].updated_at.slice(0, 10);
  const since = await server.get(`/api/v1/meeting-places?per_page=100&changed_since=${today}`);
  assert.equal(since.status, 200);
  assert.equal(since.body.pagination.totalElements, all.body.pagination.totalElements);
  assert.equal((await server.get('/api/v1/meeting-places?changed_since=2999-01-01')).body.pagination.totalElements, 0);
  for (const bad of ['2024-02-30', '1.1.2024', '2024-1-1', 'i går']) {
    expectError(await server.get(`/api/v1/meeting-places?changed_since=${encodeURIComponent(bad)}`), 400, 'invalid', '/changed_since');
  }
  const rows = parseCsv((await download('/moteplasser.csv?changed_since=2999-01-01')).bytes.toString('utf8'));
  assert.equal(rows.length, 1, 'only the header');
  const page = await fetch(`${server.url}/moteplasser?changed_since=2999-01-01&lang=en`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<input class="ds-input" type="date" id="f-changed-since" name="changed_since" value="2999-01-01">/);
  assert.ok(html.includes('href="/moteplasser.atom?changed_since=2999-01-01"'));
});

test('an Atom feed of the latest changes, per municipality or region', async () => {
  const res = await fetch(`${server.url}/moteplasser.atom?municipality=0301&lang=nn`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  const xml = await res.text();
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="nn">/);
  assert.ok(xml.includes('<title>Møteplassar: siste endringar</title>'));
  const api = await server.get('/api/v1/meeting-places?municipality=0301&sort=-updated&per_page=50');
  const entries = [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
  assert.equal(entries.length, api.body.data.length);
  assert.ok(entries[0].includes(`/moteplasser/${api.body.data[0].id}#v${api.body.data[0].version}</id>`));
  assert.ok(entries[0].includes(`<updated>${api.body.data[0].updated_at}</updated>`));
  // A change makes a new entry at the top.
  const region = await (await fetch(`${server.url}/moteplasser.atom?region=vest`)).text();
  assert.ok(region.includes('<entry>'));
  expectError(await server.get('/moteplasser.atom?sort=name'), 400, 'invalid', '/sort');
  // Names are escaped.
  const body = councilBody('0301', 'Rådet <for> «alle» & oss (test)');
  assert.equal((await server.post('/api/v1/meeting-places', body, { token: admin })).status, 201);
  const escaped = await (await fetch(`${server.url}/moteplasser.atom?municipality=0301`)).text();
  assert.ok(escaped.includes('<title>Rådet &lt;for&gt; «alle» &amp; oss (test)</title>'));
  assert.ok(escaped.indexOf('Rådet &lt;for&gt;') < escaped.indexOf('</entry>'), 'the newest first');
});
