// Coding of mapping studies (contracts/studies.md, "Codebook" and "Coding"), through the API: the
// report's common traits as the default codebook, a researcher marking passages of what two
// informants of one council said, offsets in code points (æøå and emoji count one each), stale
// codings after an answer is edited, the matrix's disagreement from codes, and erasure.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, cli, councilBody, expectError } from './harness.mjs';

const server = new Server();
const t = {};
const ids = {};
const api = '/api/v1';
const consent = { form: 'oral', date: '2026-02-01', guardian_informed: null };
// What the chair said, as the report quotes such informants: "ø" is two bytes in UTF-8, "😊" four
// (two UTF-16 units); each is one code point.
const CHAIR = 'Vi blir ikke hørt 😊 før saken er avgjort.';
const OFFICIAL = 'Rådet blir hørt i alle saker som gjelder innvandrere.';

const study = () => `${api}/studies/${ids.study}`;
const ifMatch = (v) => ({ 'if-match': `"${v}"` });

before(async () => {
  await server.start();
  t.regional = server.addUser('imdi-vest', 'regional', 'vest');
  t.analyst = server.addUser('forsker', 'researcher');
  t.interviewer = server.addUser('intervjuer', 'national');
  t.bergen = server.addUser('bergen', 'municipal', '4601');
  const place = await server.post(`${api}/meeting-places`, councilBody('4601', 'Innvandrerrådet (koding)'), { token: t.regional });
  assert.equal(place.status, 201, place.text);
  ids.place = place.body.id;
  const s = await server.post(`${api}/studies`, {
    name: 'Koding av intervjuer i Vest', guides: ['participant-2007'], meeting_places: [ids.place], starts: '2026-01-01',
    leads: ['imdi-vest'], interviewers: ['intervjuer'], analysts: ['forsker'],
  }, { token: t.regional });
  assert.equal(s.status, 201, s.text);
  ids.study = s.body.id;
  for (const [key, side, role] of [['chair', 'immigrant_population', 'chair'], ['official', 'authority', 'official']]) {
    const i = await server.post(`${study()}/informants`, { side, role, meeting_place: ids.place, gender: 'woman', consent }, { token: t.regional });
    assert.equal(i.status, 201, i.text);
    ids[key] = i.body.id;
  }
  for (const [key, text] of [['chair', CHAIR], ['official', OFFICIAL]]) {
    const v = await server.post(`${study()}/interviews`, { informant: ids[key], mode: 'phone', answers: [
      { question: 'training_offered', value: 'no', text: 'Nei.' },
      { question: 'place_influence', value: 'yes', text },
    ] }, { token: t.interviewer });
    assert.equal(v.status, 201, v.text);
    ids[`${key}Interview`] = v.body.id;
  }
});
after(async () => { await server.stop(); server.cleanup(); });

describe('the codebook', () => {
  test('a study starts with the report\'s common traits and the typology\'s criteria, in three languages', async () => {
    const r = await server.get(`${study()}/codebook`, { token: t.interviewer });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    assert.equal(r.body.default, true);
    const heard = r.body.codes.find((c) => c.id === 'influence_heard');
    assert.deepEqual(heard.name, { nb: 'Blir hørt', nn: 'Blir høyrd', en: 'Is heard' });
    assert.equal(heard.group, 'influence');
    const groups = new Set(r.body.codes.map((c) => c.group));
    for (const g of ['training', 'finances', 'known', 'fiery_souls', 'recruitment', 'criterion_dialogue']) assert.ok(groups.has(g), g);
    expectError(await server.get(`${study()}/codebook`, { token: t.bergen }), 404);
    expectError(await server.get(`${study()}/codebook`), 401);
  });

  test('leads replace it with If-Match; analysts may not; bad codes are named', async () => {
    const url = `${study()}/codebook`;
    const current = (await server.get(url, { token: t.regional })).body.codes;
    const own = { nb: 'Møtene er for sjeldne', nn: 'Møta er for sjeldne', en: 'Meetings are too rare' };
    const codes = [...current, { id: 'meetings_rare', name: own, group: null, description: null }];
    expectError(await server.put(url, { codes }, { token: t.regional }), 428);
    expectError(await server.put(url, { codes }, { token: t.analyst, headers: ifMatch(1) }), 403, 'forbidden');
    expectError(await server.put(url, { codes: [...codes, codes[0]] }, { token: t.regional, headers: ifMatch(1) }),
      400, 'invalid', `/codes/${codes.length}/id`);
    expectError(await server.put(url, { codes: [{ id: 'x', name: { nb: 'X' } }] }, { token: t.regional, headers: ifMatch(1) }),
      400, 'invalid', '/codes/0/name/nn');
    const r = await server.put(url, { codes }, { token: t.regional, headers: ifMatch(1) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"2"');
    assert.equal(r.body.default, false);
    assert.equal(r.body.codes.at(-1).id, 'meetings_rare');
    expectError(await server.put(url, { codes }, { token: t.regional, headers: ifMatch(1) }), 409);
  });
});

describe('codings', () => {
  test('an analyst marks a passage by code points; the server keeps the answer\'s revision', async () => {
    const url = `${study()}/codings`;
    // "blir ikke hørt" is code points 3..17 (bytes 3..18, since "ø" is two).
    const r = await server.post(url, { interview: ids.chairInterview, question: 'place_influence', start: 3, end: 17,
      code: 'influence_not_heard', memo: 'Motsier den kommunale representanten.' }, { token: t.analyst });
    assert.equal(r.status, 201, r.text);
    assert.equal([...CHAIR].slice(r.body.start, r.body.end).join(''), 'blir ikke hørt');
    for (const [k, v] of Object.entries({ interview: ids.chairInterview, question: 'place_influence', answer_revision: 1,
      code: 'influence_not_heard', coder: 'forsker', stale: false, version: 1 })) assert.deepEqual(r.body[k], v, k);
    assert.equal(r.headers.get('location'), `${url}/${r.body.id}`);
    ids.chairCoding = r.body.id;
    // The emoji, then the end of the text: the last code point is 41, not 43 bytes nor 42 UTF-16 units.
    assert.equal([...CHAIR].length, 41);
    const emoji = await server.post(url, { interview: ids.chairInterview, question: 'place_influence', start: 18, end: 41,
      code: 'known_little' }, { token: t.analyst });
    assert.equal(emoji.status, 201, emoji.text);
    const whole = await server.post(url, { interview: ids.officialInterview, question: 'place_influence', start: null, end: null,
      code: 'influence_heard' }, { token: t.regional });
    assert.equal(whole.status, 201, whole.text);
    assert.equal(whole.body.start, null);
    ids.officialCoding = whole.body.id;
  });

  test('a passage outside the answer, an unknown code, another study\'s interview are refused naming the field', async () => {
    const url = `${study()}/codings`;
    const body = { interview: ids.chairInterview, question: 'place_influence', start: 3, end: 17, code: 'influence_heard' };
    expectError(await server.post(url, { ...body, end: 42 }, { token: t.analyst }), 400, 'invalid', '/end');
    expectError(await server.post(url, { ...body, start: 41, end: 45 }, { token: t.analyst }), 400, 'invalid', '/start');
    expectError(await server.post(url, { ...body, start: 10, end: 5 }, { token: t.analyst }), 400, 'invalid', '/end');
    expectError(await server.post(url, { ...body, end: null }, { token: t.analyst }), 400, 'invalid', '/end');
    expectError(await server.post(url, { ...body, code: 'heard_a_bit' }, { token: t.analyst }), 400, 'invalid', '/code');
    expectError(await server.post(url, { ...body, question: 'hearing_body' }, { token: t.analyst }), 400, 'invalid', '/question');
    expectError(await server.post(url, { ...body, interview: 999999 }, { token: t.analyst }), 400, 'invalid', '/interview');
    const other = await server.post(`${api}/studies`, { name: 'En annen studie', guides: ['participant-2007'],
      starts: '2026-01-01', leads: ['imdi-vest'] }, { token: t.regional });
    const informant = await server.post(`${api}/studies/${other.body.id}/informants`, { side: 'authority', consent }, { token: t.regional });
    const foreign = await server.post(`${api}/studies/${other.body.id}/interviews`, { informant: informant.body.id,
      answers: [{ question: 'place_influence', value: 'no', text: 'Nei.' }] }, { token: t.regional });
    assert.equal(foreign.status, 201, foreign.text);
    expectError(await server.post(url, { ...body, interview: foreign.body.id, start: 0, end: 3 }, { token: t.analyst }), 400, 'invalid', '/interview');
    expectError(await server.post(url, body, { token: t.interviewer }), 403, 'forbidden');
    expectError(await server.post(url, body, { token: t.bergen }), 404);
    expectError(await server.post(url, body, {}), 401);
  });

  test('the matrix carries the codes, and different codes of one group are a disagreement', async () => {
    const m = await server.get(`${study()}/matrix?meeting_place=${ids.place}`, { token: t.interviewer });
    assert.equal(m.status, 200, m.text);
    const row = m.body.rows.find((r) => r.question === 'place_influence');
    const codes = Object.fromEntries(row.cells.map((c) => [c.informant, c.codes]));
    assert.deepEqual(codes[ids.chair], ['influence_not_heard', 'known_little']);
    assert.deepEqual(codes[ids.official], ['influence_heard']);
    // Both answered "yes" to the closed question; what they said disagrees.
    assert.equal(row.disagreement, true);
    assert.equal(m.body.rows.find((r) => r.question === 'training_offered').disagreement, false);
  });

  test('editing the answer makes its codings stale and leaves them out of the matrix until confirmed', async () => {
    const one = `${study()}/interviews/${ids.officialInterview}`;
    const before = (await server.get(one, { token: t.regional })).body;
    const answers = before.answers.map(({ question, value, text, status }) => ({ question, value, text, status }));
    answers[1].text = 'Rådet blir av og til hørt.';
    const r = await server.put(one, { informant: ids.official, answers }, { token: t.regional, headers: ifMatch(before.version) });
    assert.equal(r.status, 200, r.text);
    const coding = await server.get(`${study()}/codings/${ids.officialCoding}`, { token: t.interviewer });
    assert.equal(coding.body.stale, true);
    const listed = await server.get(`${study()}/codings?interview=${ids.officialInterview}`, { token: t.analyst });
    assert.deepEqual(listed.body.data.map((c) => [c.id, c.stale]), [[ids.officialCoding, true]]);
    let m = await server.get(`${study()}/matrix?meeting_place=${ids.place}`, { token: t.analyst });
    let row = m.body.rows.find((x) => x.question === 'place_influence');
    assert.deepEqual(row.cells.find((c) => c.informant === ids.official).codes, []);
    assert.equal(row.disagreement, false);

    // Confirmed (moved onto "blir av og til hørt", code points 6..25): no longer stale.
    const url = `${study()}/codings/${ids.officialCoding}`;
    expectError(await server.put(url, { start: 6, end: 25, code: 'influence_heard' }, { token: t.analyst }), 428);
    expectError(await server.put(url, { start: 6, end: 99, code: 'influence_heard' }, { token: t.analyst, headers: ifMatch(1) }), 400, 'invalid', '/end');
    expectError(await server.put(url, { question: 'training_offered', code: 'influence_heard' }, { token: t.analyst, headers: ifMatch(1) }), 400, 'invalid', '/question');
    const moved = await server.put(url, { start: 6, end: 25, code: 'influence_heard', memo: 'Flyttet etter endringen.' },
      { token: t.analyst, headers: ifMatch(1) });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.stale, false);
    assert.equal(moved.body.answer_revision, 2);
    assert.equal(moved.body.coder, 'imdi-vest');
    assert.equal([...'Rådet blir av og til hørt.'].slice(6, 25).join(''), 'blir av og til hørt');
    expectError(await server.put(url, { start: 6, end: 25, code: 'influence_heard' }, { token: t.analyst, headers: ifMatch(1) }), 409);
    m = await server.get(`${study()}/matrix?meeting_place=${ids.place}`, { token: t.analyst });
    row = m.body.rows.find((x) => x.question === 'place_influence');
    assert.equal(row.disagreement, true);
  });

  test('a code in use stays in the codebook', async () => {
    const url = `${study()}/codebook`;
    const book = (await server.get(url, { token: t.regional })).body;
    const codes = book.codes.filter((c) => c.id !== 'influence_heard');
    const r = await server.put(url, { codes }, { token: t.regional, headers: ifMatch(book.version) });
    expectError(r, 409);
    assert.match(r.body.error.message, /influence_heard/);
    assert.equal(r.body.error.pointer, '/codes');
  });

  test('deleting a coding needs its version; withdrawal erases the informant\'s codings and memos, audited without content', async () => {
    const url = `${study()}/codings/${ids.chairCoding}`;
    expectError(await server.del(url, { token: t.interviewer, headers: ifMatch(1) }), 403);
    expectError(await server.del(url, { token: t.analyst }), 428);
    assert.equal((await server.del(url, { token: t.analyst, headers: ifMatch(1) })).status, 204);
    expectError(await server.get(url, { token: t.analyst }), 404);
    assert.equal((await server.post(`${study()}/informants/${ids.official}/withdraw`, {}, { token: t.regional })).status, 204);
    expectError(await server.get(`${study()}/codings/${ids.officialCoding}`, { token: t.analyst }), 404);
    const left = await server.get(`${study()}/codings`, { token: t.analyst });
    assert.ok(left.body.data.every((c) => c.interview !== ids.officialInterview));
    const audit = cli(['audit', '--db', server.db, '--limit', '1000']).stdout;
    assert.ok(audit.includes('\tcoding.create\tcoding\t'), audit);
    assert.ok(audit.includes(`\tcoding.erase\tcoding\t${ids.chairCoding}\t`), audit);
    assert.ok(audit.includes('\tcodebook.replace\tcodebook\t'), audit);
    for (const secret of ['Motsier', 'Flyttet', 'hørt']) assert.ok(!audit.includes(secret), secret);
  });
});
