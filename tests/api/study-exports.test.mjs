// Exports of a mapping study (contracts/studies.md, "Exports"), on the demo's example study: the
// long CSV has a row per answer; the XLSX opens with a sheet per meeting place laid out as the
// matrix; outside the leads' circle nothing names a meeting place or an informant, even when an
// identity is stored; a lead may ask for names; every export is audited, never its content.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, cli } from './harness.mjs';

const api = '/api/v1';
const demo = new Server({ demo: true });
const t = {};
let study;
let names = [];
const sealedName = 'Margrethe Testesen Sørbø';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'study-exports-'));

// RFC 4180 rows (quoted fields may hold commas, quotes doubled and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function download(query, token) {
  const res = await fetch(`${demo.url}${api}/studies/${study.id}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

// The sheets of a workbook: names from xl/workbook.xml, and every text in the shared strings.
function workbook(bytes, name) {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  const unzip = (entry) => execFileSync('unzip', ['-p', file, entry]).toString('utf8');
  const sheets = [...unzip('xl/workbook.xml').matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
  let strings = '';
  try { strings = unzip('xl/sharedStrings.xml'); } catch { strings = ''; }
  return { sheets, strings, all: execFileSync('unzip', ['-p', file]).toString('utf8') };
}

before(async () => {
  await demo.start();
  t.admin = demo.addUser('demo-lead', 'admin');
  t.researcher = demo.addUser('forsker', 'researcher');
  t.other = demo.addUser('annen-forsker', 'researcher');
  study = (await demo.get(`${api}/studies`, { token: t.admin })).body.data.find((s) => s.example);
  const { id, example, version, created_at, updated_at, links, ...body } = study;
  const put = await demo.put(`${api}/studies/${id}`, { ...body, analysts: [...(body.analysts || []), 'forsker'] },
    { token: t.admin, headers: { 'if-match': `"${version}"` } });
  assert.equal(put.status, 200, put.text);
  const informants = (await demo.get(`${api}/studies/${id}/informants?per_page=100`, { token: t.admin })).body.data;
  const identity = await demo.put(`${api}/studies/${id}/informants/${informants[0].id}/identity`,
    { name: sealedName, phone: '+47 912 34 567', email: 'margrethe@example.org', organisation: 'Testrådet' }, { token: t.admin });
  assert.equal(identity.status, 200, identity.text);
  for (const mid of study.meeting_places) {
    const place = await demo.get(`${api}/meeting-places/${mid}`, { token: t.admin });
    if (place.status === 200) names.push(place.body.profile.name);
  }
  assert.ok(names.length > 20, 'the meeting places have names to look for');
});
after(async () => { await demo.stop(); demo.cleanup(); rmSync(tmp, { recursive: true, force: true }); });

describe('study export', () => {
  test('CSV: a header and one row per answer, meeting places as study codes, informants as pseudonyms', async () => {
    const r = await download('format=csv', t.researcher);
    assert.equal(r.status, 200, r.bytes.toString());
    assert.equal(r.type, 'text/csv; charset=utf-8');
    const rows = parseCsv(r.bytes.toString('utf8'));
    assert.deepEqual(rows[0], ['study', 'meeting_place', 'informant', 'side', 'guide', 'guide_version', 'question', 'value', 'status', 'text', 'codes']);
    const interviews = (await demo.get(`${api}/studies/${study.id}/interviews?per_page=100`, { token: t.admin })).body.data;
    const answers = interviews.reduce((n, v) => n + v.answers.length, 0);
    assert.equal(rows.length - 1, answers, 'one row per answer');
    for (const row of rows.slice(1)) {
      assert.match(row[1], /^S-\d\d$/);
      assert.match(row[2], /^I-\d+$/);
    }
    // The meeting place whose informants contradict each other: its hearing_body answers side by side.
    const first = rows.filter((row) => row[1] === 'S-01' && row[6] === 'hearing_body').map((row) => row[7]);
    assert.deepEqual(first.sort(), ['no', 'yes', 'yes']);
  });

  test('XLSX: an answers sheet and a sheet per meeting place laid out as the matrix', async () => {
    const r = await download('format=xlsx', t.researcher);
    assert.equal(r.status, 200, r.bytes.toString());
    assert.equal(r.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = workbook(r.bytes, 'researcher.xlsx');
    assert.equal(book.sheets[0], 'answers');
    assert.equal(book.sheets.length, 1 + study.meeting_places.length);
    assert.deepEqual(book.sheets.slice(1), study.meeting_places.map((_, i) => `S-${String(i + 1).padStart(2, '0')}`));
    assert.match(book.strings, /hearing_body/);
  });

  test('a researcher gets no names in any format; a lead who asks gets them', async () => {
    const csv = (await download('format=csv', t.researcher)).bytes.toString('utf8');
    const xlsx = workbook((await download('format=xlsx', t.researcher)).bytes, 'r2.xlsx').all;
    for (const text of [csv, xlsx]) {
      assert.ok(!text.includes(sealedName), 'no informant name');
      assert.ok(!text.includes('margrethe@example.org'), 'no e-mail');
      for (const name of names) assert.ok(!text.includes(name), `no meeting place name (${name})`);
    }
    const refused = await download('format=csv&with_identities=true', t.researcher);
    assert.equal(refused.status, 403);
    const lead = (await download('format=csv&with_identities=true', t.admin)).bytes.toString('utf8');
    assert.ok(lead.includes(sealedName), 'the lead asked for names');
    assert.ok(names.some((n) => lead.includes(n)), 'meeting places by name');
    const plain = (await download('format=csv', t.admin)).bytes.toString('utf8');
    assert.ok(!plain.includes(sealedName), 'without asking, not even a lead gets names');
  });

  test('someone the study does not name gets 404; a bad format or parameter is 400 naming it', async () => {
    assert.equal((await download('format=csv', t.other)).status, 404);
    const bad = await demo.get(`${api}/studies/${study.id}/export?format=pdf`, { token: t.admin });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.text, /format/);
    const missing = await demo.get(`${api}/studies/${study.id}/export`, { token: t.admin });
    assert.equal(missing.status, 400, missing.text);
    const flag = await demo.get(`${api}/studies/${study.id}/export?format=csv&with_identities=ja`, { token: t.admin });
    assert.equal(flag.status, 400, flag.text);
    assert.match(flag.text, /with_identities/);
  });

  test('the command line writes the same export; --with-identities needs --as', () => {
    const out = path.join(tmp, 'cli.csv');
    const r = cli(['study', 'export', String(study.id), '--format', 'csv', '--output', out, '--as', 'forsker', '--db', demo.db]);
    assert.equal(r.status, 0, r.stderr);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    assert.equal(rows[0][0], 'study');
    assert.ok(rows.length > 100);
    const noAs = cli(['study', 'export', String(study.id), '--format', 'csv', '--output', out, '--with-identities', '--db', demo.db]);
    assert.notEqual(noAs.status, 0);
    assert.match(noAs.stderr, /--as/);
    const badFormat = cli(['study', 'export', String(study.id), '--format', 'pdf', '--output', out, '--db', demo.db]);
    assert.notEqual(badFormat.status, 0);
    assert.match(badFormat.stderr, /--format/);
    // A folder that does not exist is the caller's mistake, named with its reason.
    const nowhere = cli(['study', 'export', String(study.id), '--format', 'csv', '--output', '/finnes/ikke/ut.csv', '--as', 'forsker', '--db', demo.db]);
    assert.equal(nowhere.status, 2, nowhere.stderr);
    assert.match(nowhere.stderr, /--output: cannot write \/finnes\/ikke\/ut\.csv: No such file or directory/);
  });

  test('every export is audited: who, which study, which format, with or without names', () => {
    const audit = cli(['audit', '--limit', '100', '--db', demo.db]).stdout;
    assert.match(audit, new RegExp(`forsker\\tstudy\\.export\\tstudy\\t${study.id}:csv:pseudonymous\\tok`));
    assert.match(audit, new RegExp(`forsker\\tstudy\\.export\\tstudy\\t${study.id}:xlsx:pseudonymous\\tok`));
    assert.match(audit, new RegExp(`demo-lead\\tstudy\\.export\\tstudy\\t${study.id}:csv:identities\\tok`));
    assert.match(audit, new RegExp(`forsker\\tstudy\\.identity\\tstudy\\t${study.id}\\tdenied`));
    assert.ok(!audit.includes(sealedName));
  });
});
