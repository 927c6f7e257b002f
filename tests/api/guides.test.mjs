// Interview guides (contracts/studies.md, "Guides"): the report's two guides built in, read
// through the API and the command line, and an XLSForm that goes out and comes back in without
// making a new version.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, cli, expectError } from './harness.mjs';

const server = new Server();
const api = '/api/v1';

before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

describe('the guides through the API', () => {
  test('both of the report\'s guides are listed, with titles in three languages', async () => {
    const r = await server.get(`${api}/guides`);
    assert.equal(r.status, 200, r.text);
    const ids = r.body.data.map((g) => g.id);
    assert.deepEqual(ids.slice(0, 2), ['participant-2007', 'imdi-regional-2007']);
    const participant = r.body.data[0];
    assert.equal(participant.version, 1);
    assert.ok(participant.question_count > 60, `${participant.question_count} questions`);
    assert.equal(participant.title.nb, 'Intervjuguide for deltakere i møteplasser (2007)');
    assert.ok(participant.title.nn && participant.title.en);
  });

  test('a guide keeps the report\'s wording, with follow-ups as their own questions', async () => {
    const r = await server.get(`${api}/guides/participant-2007`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('etag'), '"1"');
    const q = Object.fromEntries(r.body.questions.map((x) => [x.name, x]));
    assert.equal(q.training_offered.label.nb, 'Tilbyr møteplassen opplæring?');
    assert.equal(q.training_offered.type, 'select_one');
    assert.equal(q.training_offered.list, 'yes_no');
    assert.deepEqual(q.training_useful.follows, { question: 'training_offered', values: ['yes'] });
    assert.deepEqual(q.training_needed.follows, { question: 'training_offered', values: ['no'] });
    assert.equal(q.hearing_body.profile_pointer, '/profile/functions/hearing_body');
    for (const x of r.body.questions) {
      for (const lang of ['nb', 'nn', 'en']) assert.ok(x.label[lang], `${x.name} ${lang}`);
      for (const key of ['name', 'type', 'list', 'label', 'hint', 'required', 'follows', 'profile_pointer']) {
        assert.ok(key in x, `${x.name} has ${key}`);
      }
    }
    // The informant's name is not a question: it belongs to the identity.
    assert.ok(!r.body.questions.some((x) => /Navn på informanten/.test(x.label.nb)));
    const yesNo = r.body.lists.find((l) => l.list === 'yes_no');
    assert.deepEqual(yesNo.choices.map((c) => c.name), ['yes', 'no']);
  });

  test('IMDi\'s guide has its numbered questions, 1 to 10d', async () => {
    const r = await server.get(`${api}/guides/imdi-regional-2007/versions/1`);
    assert.equal(r.status, 200, r.text);
    const refs = r.body.questions.map((x) => x.ref);
    assert.equal(refs[0], '1');
    assert.equal(refs.at(-1), '10d');
    const youth = r.body.questions.find((x) => x.name === 'youth_organisation');
    assert.deepEqual(youth.follows, { question: 'youth_meeting_places', values: ['yes'] });
  });

  test('unknown guides, versions and parameters are refused, naming them', async () => {
    expectError(await server.get(`${api}/guides/nope`), 404, 'not_found');
    expectError(await server.get(`${api}/guides/participant-2007/versions/2`), 404, 'not_found');
    expectError(await server.get(`${api}/guides/participant-2007/versions/x`), 404, 'not_found');
    expectError(await server.get(`${api}/guides?sort=name`), 400, 'invalid', '/sort');
    expectError(await server.get(`${api}/guides/participant-2007/xlsform?version=zero`), 400, 'invalid', '/version');
  });

  test('the XLSForm comes as an .xlsx workbook', async () => {
    const res = await fetch(`${server.url}${api}/guides/participant-2007/xlsform`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  });
});

describe('the guides on the command line', () => {
  test('guide list gives ids, titles, versions and question counts', () => {
    const r = cli(['guide', 'list', '--format', 'json', '--db', server.db]);
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(list[0]).sort(), ['id', 'question_count', 'title', 'version']);
    assert.equal(list[1].id, 'imdi-regional-2007');
  });

  test('an exported guide imported again makes no new version', () => {
    const file = path.join(server.dir, 'participant.xlsx');
    const e = cli(['guide', 'export', 'participant-2007', '--format', 'xlsform', '--output', file, '--db', server.db]);
    assert.equal(e.status, 0, e.stderr);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const i = cli(['guide', 'import', file, '--db', server.db]);
    assert.equal(i.status, 0, i.stderr);
    assert.equal(i.stdout.trim(), 'participant-2007\t1');
    const again = cli(['guide', 'import', file, '--db', server.db]);
    assert.equal(again.stdout.trim(), 'participant-2007\t1');
    const list = JSON.parse(cli(['guide', 'list', '--format', 'json', '--db', server.db]).stdout);
    assert.equal(list.find((g) => g.id === 'participant-2007').version, 1);
  });

  test('a file that is not a workbook exits 2 and says so', () => {
    const file = path.join(server.dir, 'not.xlsx');
    writeFileSync(file, 'type,name\ntext,q1\n');
    const r = cli(['guide', 'import', file, '--db', server.db]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /not a zip archive/);
  });

  test('an unknown guide cannot be exported', () => {
    const r = cli(['guide', 'export', 'nope', '--format', 'xlsform', '--output', path.join(server.dir, 'x.xlsx'),
      '--db', server.db]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /no guide is called nope/);
    assert.throws(() => readFileSync(path.join(server.dir, 'x.xlsx')));
  });
});
