// Mapping studies (contracts/studies.md): studies, informants with consent, and identities kept
// apart and sealed, through the API, as a regional adviser who leads a study, the researcher it
// names as analyst, an officer it does not name, and an administrator see them. The setting is
// the report's: a study of the meeting places of a few municipalities in one region.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { POSTGRES, Server, cli, councilBody, expectError, tempDir } from './harness.mjs';

const dir = tempDir();
const keyFile = path.join(dir, 'nokler', 'identities.key');
const server = new Server({ dir, args: ['--key-file', keyFile] });
const t = {};
const ids = {};
const api = '/api/v1';
const NAME = 'Kari Nordmann-Hansen';

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  t.regional = server.addUser('imdi-vest', 'regional', 'vest');
  t.researcher = server.addUser('forsker', 'researcher');
  t.bergen = server.addUser('bergen', 'municipal', '4601');
  t.interviewer = server.addUser('intervjuer', 'national');
  const r = await server.post(`${api}/meeting-places`, councilBody('4601', 'Innvandrerrådet i Bergen (studie)'), { token: t.admin });
  assert.equal(r.status, 201, r.text);
  ids.place = r.body.id;
});
after(async () => { await server.stop(); server.cleanup(); });

const studyBody = (extra = {}) => ({
  name: 'Kartlegging av møteplasser i Vest 2026', description: 'Etter rapportens metode.',
  region: 'vest', municipalities: ['4601', '1103'], meeting_places: [ids.place], guides: ['participant-2007'],
  starts: '2026-01-01', ends: '2026-06-30', leads: ['imdi-vest'], interviewers: ['intervjuer'], analysts: ['forsker'],
  identities_delete_after: '2027-06-30', ...extra,
});
const consent = { form: 'oral', date: '2026-02-01', guardian_informed: null };

describe('studies', () => {
  test('a regional adviser sets up a study and leads it', async () => {
    const r = await server.post(`${api}/studies`, studyBody(), { token: t.regional });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.body.name, 'Kartlegging av møteplasser i Vest 2026');
    assert.deepEqual(r.body.leads, ['imdi-vest']);
    assert.equal(r.body.links.self, `/api/v1/studies/${r.body.id}`);
    for (const key of ['id', 'version', 'created_at', 'updated_at']) assert.ok(key in r.body, key);
    ids.study = r.body.id;
  });

  test('bad studies are refused, naming the field', async () => {
    expectError(await server.post(`${api}/studies`, studyBody({ leads: [] }), { token: t.regional }), 400, 'invalid', '/leads');
    expectError(await server.post(`${api}/studies`, studyBody({ leads: ['bergen'] }), { token: t.regional }), 400, 'invalid', '/leads/0');
    expectError(await server.post(`${api}/studies`, studyBody({ analysts: ['ingen-slik'] }), { token: t.regional }), 400, 'invalid', '/analysts/0');
    expectError(await server.post(`${api}/studies`, studyBody({ ends: '2025-12-31' }), { token: t.regional }), 400, 'invalid', '/ends');
    expectError(await server.post(`${api}/studies`, studyBody({ guides: ['nope'] }), { token: t.regional }), 400, 'invalid', '/guides/0');
    expectError(await server.post(`${api}/studies`, studyBody({ municipalities: ['9999'] }), { token: t.regional }), 400, 'invalid', '/municipalities/0');
    expectError(await server.post(`${api}/studies`, studyBody({ meeting_places: [999999] }), { token: t.regional }), 400, 'invalid', '/meeting_places/0');
    expectError(await server.post(`${api}/studies`, studyBody({ region: 'nord-vest' }), { token: t.regional }), 400, 'invalid', '/region');
    expectError(await server.post(`${api}/studies`, studyBody({ colour: 'blue' }), { token: t.regional }), 400, 'invalid', '/colour');
    expectError(await server.post(`${api}/studies`, studyBody({ starts: '2026-02-30' }), { token: t.regional }), 400, 'invalid', '/starts');
    expectError(await server.request('POST', `${api}/studies`, { token: t.regional, raw: '{', headers: { 'content-type': 'application/json' } }), 400);
    expectError(await server.post(`${api}/studies`, studyBody(), { token: t.bergen }), 403, 'forbidden');
    expectError(await server.post(`${api}/studies`, studyBody(), {}), 401);
  });

  test('only those the study names see it; anyone else gets nothing', async () => {
    assert.equal((await server.get(`${api}/studies/${ids.study}`, { token: t.researcher })).status, 200);
    assert.equal((await server.get(`${api}/studies/${ids.study}`, { token: t.admin })).status, 200);
    expectError(await server.get(`${api}/studies/${ids.study}`, { token: t.bergen }), 404, 'not_found');
    expectError(await server.get(`${api}/studies/${ids.study}`), 401);
    const mine = await server.get(`${api}/studies`, { token: t.researcher });
    assert.deepEqual(mine.body.data.map((s) => s.id), [ids.study]);
    const theirs = await server.get(`${api}/studies`, { token: t.bergen });
    assert.deepEqual(theirs.body.data, []);
    expectError(await server.get(`${api}/studies?region=vest`, { token: t.admin }), 400, 'invalid', '/region');
    expectError(await server.get(`${api}/studies/x`, { token: t.admin }), 404);
  });

  test('a change needs the version it is based on; analysts may not change the study', async () => {
    const url = `${api}/studies/${ids.study}`;
    expectError(await server.put(url, studyBody({ description: 'Ny.' }), { token: t.regional }), 428);
    const r = await server.put(url, studyBody({ description: 'Ny.' }), { token: t.regional, headers: { 'if-match': '"1"' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.version, 2);
    expectError(await server.put(url, studyBody({ description: 'Eldre.' }), { token: t.regional, headers: { 'if-match': '"1"' } }), 409);
    expectError(await server.put(url, studyBody(), { token: t.researcher, headers: { 'if-match': '"2"' } }), 403, 'forbidden');
    expectError(await server.put(url, studyBody(), { token: t.bergen, headers: { 'if-match': '"2"' } }), 404);
  });
});

describe('informants, consent and identities', () => {
  const informants = () => `${api}/studies/${ids.study}/informants`;

  test('informants get pseudonyms from the server; consent is required, and for a minor the guardian informed', async () => {
    const a = await server.post(informants(), { side: 'immigrant_population', role: 'chair', meeting_place: ids.place,
      gender: 'woman', minor: false, consent }, { token: t.regional });
    assert.equal(a.status, 201, a.text);
    assert.equal(a.body.pseudonym, 'I-01');
    assert.equal(a.body.withdrawn, null);
    assert.deepEqual(a.body.consent, consent);
    ids.chair = a.body.id;
    const b = await server.post(informants(), { side: 'authority', role: 'official', meeting_place: ids.place,
      gender: 'man', consent: { form: 'written', date: '2026-02-03' } }, { token: t.regional });
    assert.equal(b.body.pseudonym, 'I-02');
    ids.official = b.body.id;

    expectError(await server.post(informants(), { side: 'immigrant_population', minor: true, consent }, { token: t.regional }),
      400, 'invalid', '/consent/guardian_informed');
    expectError(await server.post(informants(), { side: 'immigrant_population', minor: true,
      consent: { ...consent, guardian_informed: false } }, { token: t.regional }), 400, 'invalid', '/consent/guardian_informed');
    const youth = await server.post(informants(), { side: 'immigrant_population', role: 'member', minor: true,
      consent: { ...consent, guardian_informed: true } }, { token: t.regional });
    assert.equal(youth.status, 201, youth.text);
    ids.youth = youth.body.id;
    expectError(await server.post(informants(), { side: 'authority' }, { token: t.regional }), 400, 'invalid', '/consent');
    expectError(await server.post(informants(), { side: 'x', consent }, { token: t.regional }), 400, 'invalid', '/side');
    expectError(await server.post(informants(), { side: 'authority', consent: { form: 'oral' } }, { token: t.regional }), 400, 'invalid', '/consent/date');
    expectError(await server.post(informants(), { side: 'authority', meeting_place: 999999, consent }, { token: t.regional }), 400, 'invalid', '/meeting_place');
    expectError(await server.post(informants(), { side: 'authority', consent }, { token: t.researcher }), 403);
  });

  test('the analyst sees pseudonyms; the list and the informant never show an identity', async () => {
    const r = await server.get(informants(), { token: t.researcher });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.data.map((i) => i.pseudonym), ['I-01', 'I-02', 'I-03']);
    assert.ok(!JSON.stringify(r.body).includes('name'));
    const one = await server.get(`${informants()}/${ids.chair}`, { token: t.interviewer });
    assert.equal(one.status, 200);
    expectError(await server.get(`${informants()}/999999`, { token: t.regional }), 404);
  });

  test('only leads and administrators read and write identities, and every read is audited', async () => {
    const url = `${informants()}/${ids.chair}/identity`;
    const w = await server.put(url, { name: NAME, phone: '+47 912 34 567', email: 'kari@example.no', organisation: 'Somalisk forening' }, { token: t.regional });
    assert.equal(w.status, 200, w.text);
    const r = await server.get(url, { token: t.regional });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { name: NAME, phone: '+47 912 34 567', email: 'kari@example.no', organisation: 'Somalisk forening' });
    assert.equal((await server.get(url, { token: t.admin })).body.name, NAME);
    expectError(await server.get(url, { token: t.researcher }), 403, 'forbidden');
    expectError(await server.get(url, { token: t.interviewer }), 403, 'forbidden');
    expectError(await server.get(url, { token: t.bergen }), 404);
    expectError(await server.put(url, { name: NAME, email: 'ikke-en-adresse' }, { token: t.regional }), 400, 'invalid', '/email');
    expectError(await server.get(`${informants()}/${ids.official}/identity`, { token: t.regional }), 404);
    const audit = cli(['audit', '--db', server.db, '--limit', '1000']).stdout;
    const reads = audit.split('\n').filter((l) => l.includes('\tstudy.identity\tidentity\t' + ids.chair + '\tok'));
    assert.equal(reads.length, 2, audit);
    assert.ok(audit.includes('\tforsker\tstudy.identity\tidentity\t' + ids.chair + '\tdenied'));
    assert.ok(!audit.includes('Nordmann'));
  });

  test('the identity is sealed: the database holds no name, and the key file is its owner\'s alone', async () => {
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(statSync(keyFile).size, 32);
    if (!POSTGRES) {
      cli(['backup', path.join(dir, 'kopi.sqlite'), '--db', server.db]);
      for (const f of [server.db, path.join(dir, 'kopi.sqlite')]) {
        const bytes = readFileSync(f);
        assert.ok(!bytes.includes(Buffer.from('Nordmann')), `${f} holds the name`);
        assert.ok(!bytes.includes(Buffer.from('912 34 567')), `${f} holds the phone number`);
      }
    }
    assert.ok(!server.stderr.includes('Nordmann'), 'the log holds the name');
  });

  test('withdrawn consent erases the identity at once and keeps a tombstone; a pseudonym is never reused', async () => {
    const one = `${informants()}/${ids.chair}`;
    expectError(await server.post(`${one}/withdraw`, {}, { token: t.researcher }), 403);
    const w = await server.post(`${one}/withdraw`, { date: '2026-03-01' }, { token: t.regional });
    assert.equal(w.status, 204, w.text);
    expectError(await server.get(`${one}/identity`, { token: t.regional }), 404);
    const tomb = await server.get(one, { token: t.regional });
    assert.equal(tomb.status, 200);
    assert.equal(tomb.body.pseudonym, 'I-01');
    assert.equal(tomb.body.withdrawn, '2026-03-01');
    assert.ok(!('side' in tomb.body));
    expectError(await server.post(`${one}/withdraw`, {}, { token: t.regional }), 404);
    expectError(await server.put(`${one}/identity`, { name: NAME }, { token: t.regional }), 404);
    const next = await server.post(informants(), { side: 'other', consent }, { token: t.regional });
    assert.equal(next.body.pseudonym, 'I-04');
    const gone = await server.del(`${informants()}/${ids.youth}`, { token: t.regional });
    assert.equal(gone.status, 204);
    const audit = cli(['audit', '--db', server.db, '--limit', '1000']).stdout;
    assert.ok(audit.includes(`\timdi-vest\tinformant.withdraw\tinformant\t${ids.chair}\tok`), audit);
  });

  test('an interviewer records a telephone interview; the guide decides what may be answered', async () => {
    const url = `${api}/studies/${ids.study}/interviews`;
    const body = { informant: ids.official, mode: 'phone', started_at: '2026-02-10T10:00:00+01:00', answers: [
      { question: 'own_role', text: 'Jeg er rådgiver i kommunen og sekretær for rådet.' },
      { question: 'training_offered', value: 'no', text: 'Nei, vi har ikke fått noen opplæring.' },
      { question: 'training_needed', value: 'yes', text: 'Ja, særlig om hvordan kommunen behandler saker.' },
      { question: 'hearing_body', value: 'yes' },
    ] };
    const r = await server.post(url, body, { token: t.interviewer });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.guide, 'participant-2007');
    assert.equal(r.body.guide_version, 1);
    assert.equal(r.body.interviewer, 'intervjuer');
    assert.equal(r.body.meeting_place, ids.place);
    assert.equal(r.body.pseudonym, 'I-02');
    assert.equal(r.body.started_at, '2026-02-10T09:00:00Z');
    assert.deepEqual(r.body.answers.map((a) => [a.question, a.status, a.revision]),
      [['own_role', 'answered', 1], ['training_offered', 'answered', 1], ['training_needed', 'answered', 1], ['hearing_body', 'answered', 1]]);
    ids.interview = r.body.id;

    expectError(await server.post(url, { ...body, answers: [{ question: 'training_offered', value: 'no' }, { question: 'training_useful', value: 'yes' }] },
      { token: t.interviewer }), 400, 'follow_up_not_called_for', '/answers/1/question');
    expectError(await server.post(url, { ...body, answers: [{ question: 'training_offered', value: 'kanskje' }] }, { token: t.interviewer }), 400, 'invalid', '/answers/0/value');
    expectError(await server.post(url, { ...body, answers: [{ question: 'favourite_colour', text: 'blå' }] }, { token: t.interviewer }), 400, 'invalid', '/answers/0/question');
    expectError(await server.post(url, { ...body, guide: 'imdi-regional-2007' }, { token: t.interviewer }), 400, 'invalid', '/guide');
    expectError(await server.post(url, { ...body, guide_version: 5 }, { token: t.interviewer }), 400, 'invalid', '/guide_version');
    expectError(await server.post(url, { ...body, mode: 'pigeon' }, { token: t.interviewer }), 400, 'invalid', '/mode');
    expectError(await server.post(url, body, { token: t.researcher }), 403, 'forbidden');
    expectError(await server.post(url, body, { token: t.bergen }), 404);

    // An interview for another study's informant is refused.
    const other = await server.post(`${api}/studies`, studyBody({ name: 'En annen studie' }), { token: t.regional });
    const stranger = await server.post(`${api}/studies/${other.body.id}/informants`, { side: 'authority', consent }, { token: t.regional });
    expectError(await server.post(url, { ...body, informant: stranger.body.id }, { token: t.interviewer }), 400, 'invalid', '/informant');
    expectError(await server.post(url, { ...body, informant: ids.chair }, { token: t.interviewer }), 400, 'invalid', '/informant');
  });

  test('the analyst reads interviews; editing an answer\'s text raises its revision', async () => {
    const one = `${api}/studies/${ids.study}/interviews/${ids.interview}`;
    const read = await server.get(one, { token: t.researcher });
    assert.equal(read.status, 200, read.text);
    const list = await server.get(`${api}/studies/${ids.study}/interviews`, { token: t.researcher });
    assert.deepEqual(list.body.data.map((i) => i.id), [ids.interview]);
    const answers = read.body.answers.map(({ question, value, text, status }) => ({ question, value, text, status }));
    answers[0].text = 'Jeg er rådgiver i kommunen, og sekretær for rådet siden 2019.';
    expectError(await server.put(one, { informant: ids.official, answers }, { token: t.interviewer }), 428);
    const r = await server.put(one, { informant: ids.official, answers }, { token: t.interviewer, headers: { 'if-match': '"1"' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.answers.map((a) => a.revision), [2, 1, 1, 1]);
    expectError(await server.put(one, { informant: ids.official, answers }, { token: t.interviewer, headers: { 'if-match': '"1"' } }), 409);
    expectError(await server.del(one, { token: t.interviewer, headers: { 'if-match': '"2"' } }), 403);
  });

  test('the matrix shows two informants of one meeting place side by side, and where they disagree', async () => {
    // The report: informants of one meeting place contradicted each other, and were not
    // confronted; the disagreement is itself a finding.
    const chair = await server.post(`${api}/studies/${ids.study}/informants`, { side: 'immigrant_population', role: 'chair',
      meeting_place: ids.place, gender: 'man', consent }, { token: t.regional });
    const v = await server.post(`${api}/studies/${ids.study}/interviews`, { informant: chair.body.id, answers: [
      { question: 'training_offered', value: 'yes', text: 'Ja, vi hadde et kurs om kommunens saksgang.' },
      { question: 'training_useful', value: 'yes' },
      { question: 'hearing_body', value: 'yes' },
    ] }, { token: t.interviewer });
    assert.equal(v.status, 201, v.text);
    const m = await server.get(`${api}/studies/${ids.study}/matrix?meeting_place=${ids.place}`, { token: t.researcher });
    assert.equal(m.status, 200, m.text);
    assert.deepEqual(m.body.informants.map((i) => i.pseudonym), ['I-02', chair.body.pseudonym]);
    const row = (q) => m.body.rows.find((r) => r.question === q);
    assert.equal(row('training_offered').disagreement, true);
    assert.deepEqual(row('training_offered').cells.map((c) => c.value), ['no', 'yes']);
    assert.equal(row('hearing_body').disagreement, false);
    assert.equal(row('training_offered').label.nb, 'Tilbyr møteplassen opplæring?');
    expectError(await server.get(`${api}/studies/${ids.study}/matrix`, { token: t.researcher }), 400, 'invalid', '/meeting_place');
    expectError(await server.get(`${api}/studies/${ids.study}/matrix?meeting_place=999999`, { token: t.researcher }), 400, 'invalid', '/meeting_place');
    expectError(await server.get(`${api}/studies/${ids.study}/matrix?meeting_place=${ids.place}`, { token: t.bergen }), 404);
  });

  test('withdrawal erases the informant\'s interviews at once', async () => {
    const i = await server.post(`${api}/studies/${ids.study}/informants`, { side: 'other', consent }, { token: t.regional });
    const v = await server.post(`${api}/studies/${ids.study}/interviews`, { informant: i.body.id,
      answers: [{ question: 'own_role', text: 'Observatør.' }] }, { token: t.interviewer });
    assert.equal(v.status, 201, v.text);
    assert.equal((await server.post(`${api}/studies/${ids.study}/informants/${i.body.id}/withdraw`, {}, { token: t.regional })).status, 204);
    expectError(await server.get(`${api}/studies/${ids.study}/interviews/${v.body.id}`, { token: t.regional }), 404);
  });

  test('deleting a study erases it, and what was said about its meeting places with it', async () => {
    const extra = await server.post(`${api}/studies`, studyBody({ name: 'Slettes' }), { token: t.regional });
    const url = `${api}/studies/${extra.body.id}`;
    const i = await server.post(`${url}/informants`, { side: 'authority', consent }, { token: t.regional });
    await server.put(`${url}/informants/${i.body.id}/identity`, { name: NAME }, { token: t.regional });
    expectError(await server.del(url, { token: t.regional }), 428);
    expectError(await server.del(url, { token: t.researcher, headers: { 'if-match': '"1"' } }), 403);
    assert.equal((await server.del(url, { token: t.regional, headers: { 'if-match': '"1"' } })).status, 204);
    expectError(await server.get(url, { token: t.regional }), 404);
    expectError(await server.get(`${url}/informants/${i.body.id}/identity`, { token: t.admin }), 404);
  });
});
