// The mapping-study benchmark's driver (bench/studies runs it): builds a synthetic study through
// the API of a running server and times what issue 9, item 7 asks.
//
//   node bench/study.mjs URL TOKEN DB BIN
//
// URL: the server; TOKEN: an admin's API token (the user bench-admin, password
// et-langt-passord-123, for the pages); DB: its SQLite file, for `moteplass study import-answers`;
// BIN: the moteplass binary. Environment: BENCH_STUDY_PLACES (50), BENCH_STUDY_INFORMANTS per
// place (4), BENCH_STUDY_INTERVIEWS (500), BENCH_IMPORT_ROWS (1000), BENCH_RUNS (20).
//
// The study uses every meeting place of the register (up to BENCH_STUDY_PLACES) and the
// participant guide; each interview answers every question of it that is asked (follow-ups only
// when the answer they follow calls for them: about 60 answers), a text for each open one. Prints
// a Markdown table: the matrix page of one meeting place (uncached: it is never cached), the
// .qdpx export, and importing a KoboToolbox CSV of BENCH_IMPORT_ROWS rows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, token, db, bin] = process.argv.slice(2);
const PLACES = Number(process.env.BENCH_STUDY_PLACES || 50);
const PER_PLACE = Number(process.env.BENCH_STUDY_INFORMANTS || 4);
const INTERVIEWS = Number(process.env.BENCH_STUDY_INTERVIEWS || 500);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 1000);
const RUNS = Number(process.env.BENCH_RUNS || 20);
const api = `${url}/api/v1`;
const auth = { authorization: `Bearer ${token}` };

async function call(method, p, body) {
  const res = await fetch(`${api}${p}`, {
    method, headers: { ...auth, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

// An answer to every question that is asked, follow-ups when the answer they follow calls for
// them; a closed answer picks the choice that most follow-ups ask for. `n` varies the texts.
function answers(guide, n) {
  const given = {};
  const out = [];
  const wanted = (q) => guide.questions.filter((f) => f.follows?.question === q.name).flatMap((f) => f.follows.values);
  for (const q of guide.questions) {
    if (q.follows) {
      const v = given[q.follows.question];
      const values = Array.isArray(v) ? v : [v];
      if (!values.some((x) => q.follows.values.includes(x))) continue;
    }
    const choices = q.list ? guide.lists.find((l) => l.list === q.list).choices.map((c) => c.name) : [];
    const pick = wanted(q).find((w) => choices.includes(w)) || choices[n % Math.max(choices.length, 1)];
    let value = null, text = null;
    if (q.type === 'select_one') value = pick;
    else if (q.type === 'select_multiple') value = [pick];
    else if (q.type === 'integer') value = 3 + (n % 20);
    else text = `Svar ${n} på ${q.name}: vi blir hørt i noen saker, men ikke i alle, og opplæringen kom sent i gang.`;
    given[q.name] = value;
    out.push({ question: q.name, value, text });
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { median: median(times), max: Math.max(...times) };
}

async function login() {
  const get = await fetch(`${url}/logg-inn`, { redirect: 'manual' });
  const cookie = get.headers.get('set-cookie').split(';')[0];
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await get.text())[1];
  const res = await fetch(`${url}/logg-inn`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf_token: csrf, username: 'bench-admin', password: 'et-langt-passord-123', next: '/studier' }).toString(),
  });
  return res.headers.get('set-cookie').split(',').map((c) => c.trim().split(';')[0]).find((c) => c.startsWith('moteplass_session='));
}

// A KoboToolbox CSV ("XML values and headers", `;`) of `rows` submissions.
function koboCsv(guide, pseudonyms, rows, tag) {
  const section = Object.fromEntries(guide.questions.map((q) => [q.name, q.section]));
  const header = ['start', 'end', 'moteplass_guide', 'moteplass_version', 'informant', 'meeting_place', 'mode',
    ...guide.questions.map((q) => (section[q.name] ? `${section[q.name]}/${q.name}` : q.name)), '_uuid', '_submission_time'];
  const quote = (s) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header.join(';')];
  for (let r = 0; r < rows; r++) {
    const byName = Object.fromEntries(answers(guide, r).map((a) => [a.question, a]));
    const cells = guide.questions.map((q) => {
      const a = byName[q.name];
      if (!a) return '';
      if (a.text !== null) return a.text;
      return Array.isArray(a.value) ? a.value.join(' ') : String(a.value);
    });
    const uuid = `${tag}${String(r).padStart(4, '0')}-0000-4000-8000-000000000000`.slice(0, 36);
    lines.push(['2026-03-02T10:00:00.000+01:00', '2026-03-02T10:45:00.000+01:00', guide.id, String(guide.version),
      pseudonyms[r % pseudonyms.length], '', 'phone', ...cells, uuid, '2026-03-02T10:50:00'].map(quote).join(';'));
  }
  return lines.join('\n') + '\n';
}

const guide = await call('GET', '/guides/participant-2007');
const places = [];
for (let page = 1; places.length < PLACES; page++) {
  const r = await call('GET', `/meeting-places?per_page=100&page=${page}`);
  if (!r.data.length) break;
  places.push(...r.data.map((p) => p.id));
}
places.length = Math.min(places.length, PLACES);
const study = await call('POST', '/studies', {
  name: 'Syntetisk kartlegging (benchmark)', guides: ['participant-2007'], meeting_places: places, starts: '2026-01-01',
  leads: ['bench-admin'], interviewers: [], analysts: [],
});
const informants = [];
for (const mid of places) {
  for (let k = 0; k < PER_PLACE; k++) {
    const side = k % 2 ? 'authority' : 'immigrant_population';
    informants.push(await call('POST', `/studies/${study.id}/informants`, {
      side, role: k % 2 ? 'official' : 'member', meeting_place: mid, gender: k % 2 ? 'man' : 'woman',
      consent: { form: 'oral', date: '2026-02-01', guardian_informed: null },
    }));
  }
}
const t0 = Date.now();
for (let n = 0; n < INTERVIEWS; n++) {
  const informant = informants[n % informants.length];
  await call('POST', `/studies/${study.id}/interviews`, {
    informant: informant.id, mode: 'phone', reviewed_for_identifiers: true, answers: answers(guide, n),
  });
}
const answered = answers(guide, 0).length;
process.stderr.write(`study ${study.id}: ${places.length} meeting places, ${informants.length} informants, ${INTERVIEWS} interviews of ${answered} answers (${Date.now() - t0} ms)\n`);

const cookie = await login();
const matrix = await timed(async () => {
  const res = await fetch(`${url}/studier/${study.id}/moteplasser/${places[0]}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`matrix page: ${res.status}`);
  await res.arrayBuffer();
}, RUNS);
let qdpxBytes = 0;
const qdpx = await timed(async () => {
  const res = await fetch(`${api}/studies/${study.id}/export?format=qdpx`, { headers: auth });
  if (res.status !== 200) throw new Error(`qdpx: ${res.status}`);
  qdpxBytes = (await res.arrayBuffer()).byteLength;
}, Math.max(3, Math.floor(RUNS / 4)));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-study-'));
const pseudonyms = informants.map((i) => i.pseudonym);
let imports;
try {
  const files = [0, 1, 2].map((i) => {
    const file = path.join(tmp, `kobo-${i}.csv`);
    writeFileSync(file, koboCsv(guide, pseudonyms, ROWS, `b${i}`.padEnd(8, '0')));
    return file;
  });
  imports = await timed(async (i) => {
    execFileSync(bin, ['study', 'import-answers', String(study.id), files[i], '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
  }, files.length);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const row = (what, r, target) => `| ${what} | ${r.median.toFixed(1)} | ${r.max.toFixed(1)} | ${target} |`;
console.log(`| What (${places.length} meeting places × ${PER_PLACE} informants, ${answered} answers an interview) | median ms | largest ms | target |`);
console.log('|---|---:|---:|---|');
console.log(row(`the matrix page of one meeting place, uncached (${RUNS} requests)`, matrix, '< 30 ms'));
console.log(row(`GET …/export?format=qdpx of ${INTERVIEWS} interviews (${(qdpxBytes / 1e6).toFixed(1)} MB)`, qdpx, '< 2,000 ms'));
console.log(row(`moteplass study import-answers, a KoboToolbox CSV of ${ROWS} rows (the whole command, 3 runs)`, imports, '< 1,000 ms'));
