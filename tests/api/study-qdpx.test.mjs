// The REFI-QDA export of a mapping study (contracts/studies.md, "Exports", qdpx), on the demo's
// example study: the .qdpx unzips into project.qde and a plain text per interview; project.qde
// is valid against the QDA-XML 1.0 schema (xmllint, tests/api/refi-qda/); it holds one text
// source per interview, the codebook's codes, and a selection per coding whose positions lie in
// its source's text and mark the passage the analyst coded; a researcher's export holds no
// names, a lead who asks gets them; a second export gives the same GUIDs; every export audited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Server, cli } from './harness.mjs';

const api = '/api/v1';
const schema = path.join(path.dirname(fileURLToPath(import.meta.url)), 'refi-qda', 'Project-mrt2019.xsd');
const demo = new Server({ demo: true });
const t = {};
let study;
let interviews = [];
const names = [];
const coded = {};
const sealedName = 'Margrethe Testesen Sørbø';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'study-qdpx-'));
let files = 0;

// Unpacks a .qdpx into its own folder: {dir, qde, sources: {name: text}, all}.
function unpack(bytes) {
  const dir = path.join(tmp, `p${++files}`);
  const file = `${dir}.qdpx`;
  writeFileSync(file, bytes);
  execFileSync('unzip', ['-q', file, '-d', dir]);
  const qde = readFileSync(path.join(dir, 'project.qde'), 'utf8');
  const sources = {};
  for (const name of readdirSync(path.join(dir, 'sources'))) sources[name] = readFileSync(path.join(dir, 'sources', name), 'utf8');
  return { dir, qde, sources, all: qde + Object.values(sources).join('\n') };
}

// xmllint against the REFI-QDA schema; throws with xmllint's message when it is not valid.
function validate(dir) {
  execFileSync('xmllint', ['--schema', schema, '--noout', path.join(dir, 'project.qde')], { stdio: 'pipe' });
}

const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// The text sources, each with its selections (guid, start, end, code guid).
function textSources(qde) {
  return [...qde.matchAll(/<TextSource\s[^>]*?(?:\/>|>[\s\S]*?<\/TextSource>)/g)].map((m) => ({
    guid: attr(m[0], 'guid'),
    path: attr(m[0], 'plainTextPath'),
    selections: [...m[0].matchAll(/<PlainTextSelection\s[^>]*>[\s\S]*?<\/PlainTextSelection>/g)].map((s) => ({
      guid: attr(s[0], 'guid'),
      start: Number(attr(s[0], 'startPosition')),
      end: Number(attr(s[0], 'endPosition')),
      code: attr(s[0].match(/<CodeRef\s[^>]*>/)[0], 'targetGUID'),
    })),
  }));
}

async function download(query, token) {
  const res = await fetch(`${demo.url}${api}/studies/${study.id}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  await demo.start();
  t.admin = demo.addUser('demo-lead', 'admin');
  t.researcher = demo.addUser('forsker', 'researcher');
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
  interviews = (await demo.get(`${api}/studies/${id}/interviews?per_page=100`, { token: t.admin })).body.data;
  // The analyst codes a passage of a free text (with a memo) and a closed answer whole.
  for (const v of interviews) {
    const open = v.answers.find((a) => a.text && [...a.text].length > 8);
    if (open && !coded.passage) {
      const r = await demo.post(`${api}/studies/${id}/codings`,
        { interview: v.id, question: open.question, start: 2, end: 8, code: 'influence_heard', memo: 'Sier at rådet blir hørt.' }, { token: t.researcher });
      assert.equal(r.status, 201, r.text);
      coded.passage = { id: r.body.id, text: [...open.text].slice(2, 8).join('') };
    }
    const closed = v.answers.find((a) => a.value !== null && a.value !== undefined && !a.text);
    if (closed && !coded.whole) {
      const r = await demo.post(`${api}/studies/${id}/codings`,
        { interview: v.id, question: closed.question, start: null, end: null, code: 'influence_not_heard' }, { token: t.researcher });
      assert.equal(r.status, 201, r.text);
      coded.whole = { id: r.body.id };
    }
  }
  assert.ok(coded.passage && coded.whole, 'the demo has a free text and a closed answer to code');
});
after(async () => { await demo.stop(); demo.cleanup(); rmSync(tmp, { recursive: true, force: true }); });

describe('study export as REFI-QDA (.qdpx)', () => {
  test('a zip of project.qde, valid against the QDA-XML schema, and a text per interview', async () => {
    const r = await download('format=qdpx', t.researcher);
    assert.equal(r.status, 200, r.bytes.toString());
    assert.equal(r.type, 'application/zip');
    const p = unpack(r.bytes);
    validate(p.dir);
    const sources = textSources(p.qde);
    assert.equal(sources.length, interviews.length, 'one text source per interview');
    assert.equal(Object.keys(p.sources).length, interviews.length);
    for (const s of sources) {
      assert.equal(s.path, `internal://${s.guid}.txt`);
      assert.ok(p.sources[`${s.guid}.txt`] !== undefined, `sources/${s.guid}.txt`);
    }
    // A text reads as the guide: a bokmål question, its answer, a blank line.
    assert.ok(Object.values(p.sources).some((text) => /\n\n/.test(text) && /\?\n/.test(text)));
  });

  test('the codebook as codes, its groups as parents that are not codable', async () => {
    const codebook = (await demo.get(`${api}/studies/${study.id}/codebook`, { token: t.researcher })).body.codes;
    const p = unpack((await download('format=qdpx', t.researcher)).bytes);
    const codes = [...p.qde.matchAll(/<Code\s[^>]*>/g)].map((m) => ({
      name: unescape(attr(m[0], 'name')), codable: attr(m[0], 'isCodable'),
    }));
    const codable = codes.filter((c) => c.codable === 'true').map((c) => c.name);
    assert.deepEqual(codable.sort(), codebook.map((c) => c.name.nb).sort());
    const groups = new Set(codebook.map((c) => c.group).filter(Boolean));
    assert.equal(codes.filter((c) => c.codable === 'false').length, groups.size);
  });

  test('every selection lies inside its source text; the coded passage is the text the analyst marked', async () => {
    const p = unpack((await download('format=qdpx', t.researcher)).bytes);
    let found = 0;
    for (const s of textSources(p.qde)) {
      const text = [...p.sources[`${s.guid}.txt`]];
      for (const sel of s.selections) {
        assert.ok(sel.start >= 0 && sel.start <= sel.end && sel.end <= text.length, `${sel.start}-${sel.end} in ${text.length}`);
        assert.ok(p.qde.includes(`guid="${sel.code}"`), 'the coding refers to a code of the codebook');
        if (p.qde.match(new RegExp(`<PlainTextSelection guid="${sel.guid}"[^>]*>[\\s\\S]*?</PlainTextSelection>`))[0].includes('NoteRef')) {
          assert.equal(text.slice(sel.start, sel.end).join(''), coded.passage.text);
          found++;
        }
        if (sel.end > sel.start) assert.ok(text.slice(sel.start, sel.end).join('').trim().length > 0, 'a selection marks text');
      }
    }
    assert.equal(found, 1, 'the passage with its memo');
    assert.match(p.qde, /<Note guid="[^"]+">\s*<PlainTextContent>Sier at rådet blir hørt\.<\/PlainTextContent>/);
    assert.match(p.qde, /<User guid="[^"]+" name="forsker"/);
  });

  test('informants are cases by pseudonym with their side, role and meeting place code', async () => {
    const p = unpack((await download('format=qdpx', t.researcher)).bytes);
    const cases = [...p.qde.matchAll(/<Case\s[^>]*>[\s\S]*?<\/Case>/g)].map((m) => m[0]);
    assert.ok(cases.length > 20);
    for (const c of cases) {
      assert.match(attr(c, 'name'), /^I-\d+$/);
      assert.match(c, /<TextValue>S-\d\d<\/TextValue>/);
      assert.match(c, /<SourceRef targetGUID=/);
    }
  });

  test('a researcher gets no names; a lead who asks gets them; anyone else is refused', async () => {
    const p = unpack((await download('format=qdpx', t.researcher)).bytes);
    assert.ok(!p.all.includes(sealedName), 'no informant name');
    assert.ok(!p.all.includes('margrethe@example.org'), 'no e-mail');
    assert.ok(!p.all.includes('912 34 567'), 'no phone');
    for (const name of names) assert.ok(!p.all.includes(name) && !p.all.includes(name.replace(/&/g, '&amp;')), `no meeting place name (${name})`);
    assert.equal((await download('format=qdpx&with_identities=true', t.researcher)).status, 403);
    const lead = await download('format=qdpx&with_identities=true', t.admin);
    assert.equal(lead.status, 200);
    const named = unpack(lead.bytes);
    validate(named.dir);
    assert.ok(named.qde.includes(sealedName), 'the lead asked for names');
    const plain = unpack((await download('format=qdpx', t.admin)).bytes);
    assert.ok(!plain.all.includes(sealedName), 'without asking, not even a lead gets names');
  });

  test('a second export gives the same GUIDs', async () => {
    const guids = async () => [...unpack((await download('format=qdpx', t.researcher)).bytes).qde.matchAll(/guid="([^"]+)"/gi)].map((m) => m[1]);
    const first = await guids();
    assert.ok(first.length > 100);
    assert.deepEqual(await guids(), first);
  });

  test('the command line writes a valid project; every export is audited', () => {
    const out = path.join(tmp, 'cli.qdpx');
    const r = cli(['study', 'export', String(study.id), '--format', 'qdpx', '--output', out, '--as', 'forsker', '--db', demo.db]);
    assert.equal(r.status, 0, r.stderr);
    const p = unpack(readFileSync(out));
    validate(p.dir);
    assert.equal(textSources(p.qde).length, interviews.length);
    const audit = cli(['audit', '--limit', '200', '--db', demo.db]).stdout;
    assert.match(audit, new RegExp(`forsker\\tstudy\\.export\\tstudy\\t${study.id}:qdpx:pseudonymous\\tok`));
    assert.match(audit, new RegExp(`demo-lead\\tstudy\\.export\\tstudy\\t${study.id}:qdpx:identities\\tok`));
    assert.ok(!audit.includes(sealedName));
  });
});
