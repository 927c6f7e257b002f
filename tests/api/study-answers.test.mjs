// Answers collected in KoboToolbox or ODK brought back with `moteplass study import-answers`
// (contracts/studies.md), proposals to the register from them, and the example study of the demo
// data. The answer files are in tests/api/answers/, built from the participant guide's export by
// make.py: three informants of one council interviewed through KoboToolbox (CSV and XLSX), a
// fourth through ODK Central (CSV, then an edit in its ZIP), and bad files.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, Server, cli, councilBody, expectError } from './harness.mjs';

const answers = (name) => path.join(ROOT, 'tests/api/answers', name);
const server = new Server();
const api = '/api/v1';
const t = {};
const ids = {};
const consent = { form: 'oral', date: '2026-02-01', guardian_informed: null };

// A copy of an answer file with the study's meeting place in place of MP.
function withPlace(name) {
  const file = path.join(server.dir, name);
  // Byte for byte (read and written as latin1), so that a file in the wrong encoding stays wrong.
  const text = readFileSync(answers(name), 'latin1');
  writeFileSync(file, text.replaceAll(';MP;', `;${ids.place};`).replaceAll(',MP,', `,${ids.place},`), 'latin1');
  return file;
}
const importAnswers = (file, ...more) => cli(['study', 'import-answers', String(ids.study), file, '--db', server.db, ...more]);
const outcomes = (stdout) => stdout.trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
const interviews = async () => (await server.get(`${api}/studies/${ids.study}/interviews?per_page=100`, { token: t.admin })).body.data;

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  t.regional = server.addUser('imdi-vest', 'regional', 'vest');
  t.researcher = server.addUser('forsker', 'researcher');
  t.bergen = server.addUser('bergen', 'municipal', '4601');
  const council = councilBody('4601', 'Innvandrerrådet i Bergen (kartlagt)');
  council.profile.functions = { ...council.profile.functions, hearing_body: false };
  const r = await server.post(`${api}/meeting-places`, council, { token: t.admin });
  assert.equal(r.status, 201, r.text);
  ids.place = r.body.id;
  const s = await server.post(`${api}/studies`, {
    name: 'Kartlegging i Vest', region: 'vest', municipalities: ['4601'], meeting_places: [ids.place],
    guides: ['participant-2007'], starts: '2026-01-01', ends: '2026-06-30', leads: ['imdi-vest'], interviewers: [],
    analysts: ['forsker'], identities_delete_after: '2027-06-30',
  }, { token: t.regional });
  assert.equal(s.status, 201, s.text);
  ids.study = s.body.id;
  ids.informants = [];
  for (const [side, role] of [['immigrant_population', 'chair'], ['authority', 'secretary'], ['immigrant_population', 'member'], ['immigrant_population', 'member']]) {
    const i = await server.post(`${api}/studies/${ids.study}/informants`, { side, role, meeting_place: ids.place, consent }, { token: t.regional });
    assert.equal(i.status, 201, i.text);
    ids.informants.push(i.body.id);
  }
});
after(async () => { await server.stop(); server.cleanup(); });

describe('study import-answers', () => {
  test('a KoboToolbox CSV becomes one interview per submission, tied to its informant and guide version', async () => {
    const r = importAnswers(withPlace('kobo.csv'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(outcomes(r.stdout).map((o) => [o[0], o[2], o[3]]),
      [['row 2', 'I-01', 'created'], ['row 3', 'I-02', 'created'], ['row 4', 'I-03', 'created']]);
    assert.equal(outcomes(r.stdout)[0][1], '3f1c2b9e-0001-4c1a-9d7e-000000000001');
    const list = await interviews();
    assert.equal(list.length, 3);
    const first = list.find((v) => v.pseudonym === 'I-01');
    assert.equal(first.guide, 'participant-2007');
    assert.equal(first.guide_version, 1);
    assert.equal(first.meeting_place, ids.place);
    assert.equal(first.mode, 'phone');
    assert.equal(first.started_at, '2026-02-03T09:00:05Z');
    const a = Object.fromEntries(first.answers.map((x) => [x.question, x]));
    assert.equal(a.hearing_body.value, 'yes');
    assert.equal(a.meeting_frequency.value, 6);
    assert.deepEqual(a.participants.value, ['politicians', 'immigrant_background']);
    assert.equal(a.works_well.text, 'Vi blir litt hørt, men vi fikk ingen opplæring.');
    assert.equal(a.works_well.revision, 1);
    // The submitter and the device are not kept anywhere.
    assert.ok(!JSON.stringify(list).includes('intervjuer-vest'));
  });

  test('the same file again imports nothing; an edit becomes a new revision of the answer', async () => {
    const again = importAnswers(withPlace('kobo.csv'));
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(outcomes(again.stdout).map((o) => o[3]), ['unchanged', 'unchanged', 'unchanged']);
    const edited = importAnswers(withPlace('kobo-edited.csv'));
    assert.equal(edited.status, 0, edited.stderr);
    assert.deepEqual(outcomes(edited.stdout).map((o) => o[3]), ['revised', 'unchanged', 'unchanged']);
    const first = (await interviews()).find((v) => v.pseudonym === 'I-01');
    const works = first.answers.find((x) => x.question === 'works_well');
    assert.equal(works.revision, 2);
    assert.match(works.text, /vi ønsker det/);
    assert.equal(first.answers.find((x) => x.question === 'hearing_body').revision, 1);
    assert.equal((await interviews()).length, 3);
  });

  test('the rows of a withdrawn informant are skipped, not brought back', async () => {
    const w = await server.post(`${api}/studies/${ids.study}/informants/${ids.informants[2]}/withdraw`, {}, { token: t.regional });
    assert.equal(w.status, 204, w.text);
    const r = importAnswers(withPlace('kobo.csv'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(outcomes(r.stdout)[2][3], 'skipped: withdrawn');
    assert.match(r.stderr, /skipped: withdrawn: 1/);
    assert.equal((await interviews()).length, 2);
    const tomb = await server.get(`${api}/studies/${ids.study}/informants/${ids.informants[2]}`, { token: t.regional });
    assert.ok(!JSON.stringify(tomb.body).includes('åpne'), 'nothing the informant said is kept');
  });

  test('ODK Central: its CSV, then an edit of the submission in the ZIP it downloads', async () => {
    const csv = importAnswers(withPlace('odk.csv'));
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(outcomes(csv.stdout).map((o) => [o[1], o[2], o[3]]), [['7a9d0c11-0004-4e2b-8f00-000000000004', 'I-04', 'created']]);
    const zip = importAnswers(answers('odk.zip'));
    assert.equal(zip.status, 0, zip.stderr);
    assert.deepEqual(outcomes(zip.stdout).map((o) => o[3]), ['revised']);
    const fourth = (await interviews()).find((v) => v.pseudonym === 'I-04');
    assert.equal(fourth.mode, 'video');
    assert.equal(fourth.meeting_place, ids.place, 'the informant\'s meeting place when the row gives none');
    assert.match(fourth.answers.find((x) => x.question === 'works_well').text, /budsjettet/);
    // The older CSV after the edit changes nothing.
    assert.deepEqual(outcomes(importAnswers(withPlace('odk.csv')).stdout).map((o) => o[3]), ['skipped: older edit']);
  });

  test('a KoboToolbox XLSX export is read like its CSV', async () => {
    const r = importAnswers(answers('kobo.xlsx'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(outcomes(r.stdout).map((o) => [o[2], o[3]]), [['I-04', 'created']]);
  });

  test('bad files are refused with exit status 2, naming the place, and nothing is written', async () => {
    const before = JSON.stringify(await interviews());
    const labels = importAnswers(withPlace('kobo-labels.csv'));
    assert.equal(labels.status, 2, labels.stderr);
    assert.match(labels.stderr, /row 1, column E: the header "Informant \(pseudonym\)" is a label/);
    assert.match(labels.stderr, /XML values and headers/);
    const latin1 = importAnswers(withPlace('kobo-latin1.csv'));
    assert.equal(latin1.status, 2, latin1.stderr);
    assert.match(latin1.stderr, /line 2: the file is not UTF-8/);
    const bad = importAnswers(withPlace('kobo-bad-rows.csv'));
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /row 2, column [A-Z]+ \(section_meeting_place\/hearing_body\): expected one of yes, no, not "ja"/);
    assert.match(bad.stderr, /row 3, column [A-Z]+ \(section_recruitment\/meeting_frequency\): expected a whole number, not "seks"/);
    assert.match(bad.stderr, /row 4, column E \(informant\): no informant of the study is called I-99/);
    const bomb = importAnswers(answers('zip-bomb.zip'));
    assert.equal(bomb.status, 2, bomb.stderr);
    assert.match(bomb.stderr, /unpacks to more than 16 MiB/);
    const garbage = path.join(server.dir, 'broken.xlsx');
    writeFileSync(garbage, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    const broken = importAnswers(garbage);
    assert.equal(broken.status, 2, broken.stderr);
    assert.match(broken.stderr, /not a zip archive/);
    assert.equal(JSON.stringify(await interviews()), before);
  });

  test('only those who may record interviews import them', async () => {
    const analyst = importAnswers(withPlace('kobo.csv'), '--as', 'forsker');
    assert.notEqual(analyst.status, 0);
    const stranger = importAnswers(withPlace('kobo.csv'), '--as', 'bergen');
    assert.notEqual(stranger.status, 0);
    const lead = importAnswers(withPlace('kobo.csv'), '--as', 'imdi-vest');
    assert.equal(lead.status, 0, lead.stderr);
  });
});

describe('proposals to the register', () => {
  const proposal = () => `${api}/studies/${ids.study}/meeting-places/${ids.place}/proposal`;

  test('informants who say the council has hearing status propose it, each named by pseudonym', async () => {
    const r = await server.get(proposal(), { token: t.researcher });
    assert.equal(r.status, 200, r.text);
    const f = Object.fromEntries(r.body.fields.map((x) => [x.pointer, x]));
    const hearing = f['/profile/functions/hearing_body'];
    assert.equal(hearing.value, true);
    assert.equal(hearing.conflict, false);
    assert.equal(hearing.current, false);
    assert.equal(hearing.differs, true);
    assert.deepEqual(hearing.from.map((x) => x.pseudonym), ['I-01', 'I-02', 'I-04']);
    assert.equal(f['/profile/meetings_per_year'].value, 6);
    // Two who disagree about who took the initiative: a conflict, both values kept.
    const initiative = f['/profile/initiative'];
    assert.equal(initiative.conflict, true);
    assert.deepEqual(initiative.values.map((v) => v.value).sort(), ['authority', 'immigrant_population']);
    assert.ok(r.body.classification, 'the typology\'s view of the meeting place as its participants see it');
    expectError(await server.get(proposal(), { token: t.bergen }), 404);
    expectError(await server.get(`${api}/studies/${ids.study}/meeting-places/999999/proposal`, { token: t.regional }), 404);
  });

  test('a lead accepts fields with the meeting place\'s If-Match; the history says the study, never an informant', async () => {
    const place = await server.get(`${api}/meeting-places/${ids.place}`, { token: t.regional });
    const etag = place.headers.get('etag');
    const accept = (body, token, headers = { 'If-Match': etag }) => server.request('POST', `${proposal()}/accept`, { token, body, headers });
    expectError(await accept({ pointers: ['/profile/functions/hearing_body'] }, t.regional, {}), 428);
    expectError(await accept({ pointers: ['/profile/initiative'] }, t.regional), 400, 'conflict', '/pointers/0');
    expectError(await accept({ pointers: ['/profile/nope'] }, t.regional), 400, 'invalid', '/pointers/0');
    expectError(await accept({ pointers: ['/profile/functions/hearing_body'] }, t.researcher), 403);
    const r = await accept({ pointers: ['/profile/functions/hearing_body', { pointer: '/profile/initiative', value: 'authority' }] }, t.regional);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.profile.functions.hearing_body, true);
    assert.notEqual(r.headers.get('etag'), etag);
    expectError(await accept({ pointers: ['/profile/functions/hearing_body'] }, t.regional), 409);
    const history = await server.get(`${api}/meeting-places/${ids.place}/history`, { token: t.admin });
    const entry = history.body.data[0];
    assert.deepEqual(entry.source, { study: ids.study });
    assert.ok(entry.changes.some((c) => c.pointer === '/profile/functions/hearing_body'));
    assert.ok(!JSON.stringify(entry).includes('I-0'));
    const after = await server.get(proposal(), { token: t.regional });
    assert.equal(after.body.fields.find((x) => x.pointer === '/profile/functions/hearing_body').differs, false);
  });
});

describe('the example study of the demo data', () => {
  const demo = new Server({ demo: true });
  before(async () => { await demo.start(); t.demo = demo.addUser('demo-lead', 'admin'); });
  after(async () => { await demo.stop(); demo.cleanup(); });

  test('an example study over the example meeting places, with informants from both sides', async () => {
    const list = await demo.get(`${api}/studies`, { token: t.demo });
    assert.equal(list.status, 200, list.text);
    const study = list.body.data.find((s) => s.example === true);
    assert.ok(study, 'an example study');
    assert.equal(study.meeting_places.length, 25);
    const informants = await demo.get(`${api}/studies/${study.id}/informants?per_page=100`, { token: t.demo });
    assert.equal(informants.body.data.length, 35);
    const sides = new Set(informants.body.data.map((i) => i.side));
    assert.deepEqual([...sides].sort(), ['authority', 'immigrant_population']);
    const identity = await demo.get(`${api}/studies/${study.id}/informants/${informants.body.data[0].id}/identity`, { token: t.demo });
    assert.equal(identity.status, 404, 'no identities, not even invented ones');
  });

  test('the informants of one meeting place contradict each other in its matrix', async () => {
    const study = (await demo.get(`${api}/studies`, { token: t.demo })).body.data.find((s) => s.example);
    const matrix = await demo.get(`${api}/studies/${study.id}/matrix?meeting_place=${study.meeting_places[0]}`, { token: t.demo });
    assert.equal(matrix.status, 200, matrix.text);
    assert.equal(matrix.body.informants.length, 3);
    const hearing = matrix.body.rows.find((r) => r.question === 'hearing_body');
    assert.equal(hearing.disagreement, true);
    assert.deepEqual(hearing.cells.map((c) => c.value), ['yes', 'no', 'yes']);
    const trained = matrix.body.rows.find((r) => r.question === 'training_offered');
    assert.ok(trained.cells.every((c) => c.value === 'no'), 'nobody was offered training');
  });

  test('a study replaced with PUT stays an example, so that demo remove still finds it', async () => {
    const study = (await demo.get(`${api}/studies`, { token: t.demo })).body.data.find((s) => s.example);
    const { id, example, version, created_at, updated_at, ...body } = study;
    const put = await demo.put(`${api}/studies/${id}`, { ...body, name: `${body.name} (endret)` }, { token: t.demo, headers: { 'if-match': `"${version}"` } });
    assert.equal(put.status, 200, put.text);
    const after = await demo.get(`${api}/studies/${id}`, { token: t.demo });
    assert.equal(after.body.name, `${body.name} (endret)`);
    assert.equal(after.body.example, true, 'the example mark is kept');
  });

  test('demo load again adds no second study; demo remove takes it away', async () => {
    const again = cli(['demo', 'load', '--db', demo.db]);
    assert.equal(again.status, 0, again.stderr);
    const list = (await demo.get(`${api}/studies`, { token: t.demo })).body.data;
    assert.equal(list.filter((s) => s.example).length, 1);
    const removed = cli(['demo', 'remove', '--db', demo.db]);
    assert.equal(removed.status, 0, removed.stderr);
    const left = (await demo.get(`${api}/studies`, { token: t.demo })).body.data;
    assert.equal(left.filter((s) => s.example).length, 0);
  });
});
