// Researchers read without names (issue 10, item 7; operations.read_without_names): every
// membership, meeting and case of a meeting place, also those that are not public, with people as
// ids only and without minutes or other free text that may name people; each read is audited
// without its content; people themselves stay closed to researchers; a visitor still sees only the
// public view, and the OParl view stays public whoever asks. Runs on the demo data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, cli, pageClient } from './harness.mjs';

const PASSWORD = 'forsker-passord-123';
const MINUTES = 'Referatet: Saken ble lagt fram av';
const STATEMENT = 'Uttalelsen nevner';
const NOTE = 'Vedtaksnotatet nevner';
const HIDDEN_TITLE = 'Klage som gjelder';

const server = new Server();
let admin, researcher, cookie;
let place;         // a demo meeting place with members, some not shown publicly
let names = [];    // every demo person's name
const made = {};   // the records added here: a meeting and a case that are not public

const ops = (kind, id) => `/api/v1/meeting-places/${place}/${kind}${id ? `/${id}` : '?per_page=100'}`;

function assertNoName(text, what) {
  for (const n of names) assert.ok(!text.includes(n), `${what} names ${n}`);
}

before(async () => {
  await server.start();
  const r = cli(['demo', 'load', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  admin = server.addUser('forskning-admin', 'admin');
  researcher = server.addUser('forsker', 'researcher', undefined, PASSWORD);
  const people = await server.get('/api/v1/people?per_page=100', { token: admin });
  assert.equal(people.status, 200, people.text);
  names = people.body.data.map((p) => p.name).filter(Boolean);
  assert.ok(names.length > 10);
  // A place with a member who did not agree to be shown.
  const places = (await server.get('/api/v1/meeting-places?per_page=100')).body.data;
  for (const p of places) {
    const all = await server.get(`/api/v1/meeting-places/${p.id}/memberships?per_page=100`, { token: admin });
    const shown = await server.get(`/api/v1/meeting-places/${p.id}/memberships?per_page=100`);
    if (all.body.data.length > shown.body.data.length && shown.body.data.length > 0) { place = p.id; break; }
  }
  assert.ok(place, 'a demo meeting place with hidden members');
  const members = (await server.get(ops('memberships'), { token: admin })).body.data;
  const someone = members[0];
  // A meeting and a case that are not public, their free text naming a member.
  const meeting = await server.post(ops('meetings').split('?')[0], {
    starts_at: '2026-03-03T18:00:00+01:00', public: false, cancelled: true,
    minutes: `${MINUTES} ${someone.name}.`, attendance: [someone.person],
    agenda: [{ title: 'Orientering', proposed_by: 'administration' }, { title: `${HIDDEN_TITLE} ${someone.name}`, public: false }],
  }, { token: admin });
  assert.equal(meeting.status, 201, meeting.text);
  const kase = await server.post(ops('cases').split('?')[0], {
    title: `${HIDDEN_TITLE} ${someone.name}`, kind: 'advice_request', received: '2026-01-12', public: false,
    statement: `${STATEMENT} ${someone.name}.`, sent: '2026-01-20',
    decision: { body: 'Kommunestyret', outcome: 'followed', note: `${NOTE} ${someone.name}.` },
  }, { token: admin });
  assert.equal(kase.status, 201, kase.text);
  made.meeting = meeting.body.id;
  made.case = kase.body.id;
  cookie = await pageClient(server).login('forsker', PASSWORD);
});
after(async () => { await server.stop(); server.cleanup(); });

describe('a researcher reads every record of a meeting place without names', () => {
  test('every membership, with its person as an id and no name', async () => {
    const all = await server.get(ops('memberships'), { token: admin });
    const res = await server.get(ops('memberships'), { token: researcher });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.length, all.body.data.length);
    assert.deepEqual(res.body.data.map((m) => m.person), all.body.data.map((m) => m.person));
    for (const m of res.body.data) {
      assert.equal(m.name, null);
      assert.ok(Number.isInteger(m.person) && m.person > 0);
      assert.ok(m.role && m.seat && m.starts && m.term, JSON.stringify(m));
    }
    assertNoName(res.text, 'the memberships');
    const one = await server.get(ops('memberships', res.body.data[0].id), { token: researcher });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.name, null);
    assertNoName(one.text, 'a membership');
  });

  test('every meeting, with attendance as person ids, no minutes and no title of an item that is not public', async () => {
    const all = await server.get(ops('meetings'), { token: admin });
    const res = await server.get(ops('meetings'), { token: researcher });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.map((m) => m.id), all.body.data.map((m) => m.id));
    for (const [i, m] of res.body.data.entries()) {
      assert.equal(m.minutes, null);
      assert.deepEqual(m.attendance, all.body.data[i].attendance);
    }
    assert.ok(all.body.data.some((m) => typeof m.minutes === 'string'), 'the demo meetings have minutes');
    const closed = res.body.data.find((m) => m.id === made.meeting);
    assert.ok(closed, 'the meeting that is not public');
    assert.equal(closed.agenda[0].title, 'Orientering');
    assert.equal(closed.agenda[1].title, null);
    assert.equal(closed.agenda[1].public, false);
    assert.ok(!res.text.includes(MINUTES) && !res.text.includes(HIDDEN_TITLE));
    assertNoName(res.text, 'the meetings');
    const one = await server.get(ops('meetings', made.meeting), { token: researcher });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.minutes, null);
    assertNoName(one.text, 'a meeting');
  });

  test('every case, without statement, decision note or the title of one that is not public', async () => {
    const all = await server.get(ops('cases'), { token: admin });
    const res = await server.get(ops('cases'), { token: researcher });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.map((c) => c.id), all.body.data.map((c) => c.id));
    const closed = res.body.data.find((c) => c.id === made.case);
    assert.ok(closed, 'the case that is not public');
    assert.equal(closed.title, null);
    assert.equal(closed.statement, null);
    assert.equal(closed.decision.note, null);
    assert.equal(closed.decision.outcome, 'followed');
    assert.equal(closed.kind, 'advice_request');
    assert.equal(closed.sent, '2026-01-20');
    const open = res.body.data.find((c) => c.public);
    assert.equal(open.title, all.body.data.find((c) => c.id === open.id).title, 'a public case keeps its title');
    for (const text of [STATEMENT, NOTE, HIDDEN_TITLE]) assert.ok(!res.text.includes(text), text);
    assertNoName(res.text, 'the cases');
    const one = await server.get(ops('cases', made.case), { token: researcher });
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.title, null);
    assertNoName(one.text, 'a case');
  });

  test('the influence counts every case', async () => {
    const all = await server.get(`/api/v1/meeting-places/${place}/influence`, { token: admin });
    const res = await server.get(`/api/v1/meeting-places/${place}/influence`, { token: researcher });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, all.body);
  });

  test('every such read is audited, with the meeting place and nothing of what was read', () => {
    const audit = cli(['audit', '--db', server.db, '--limit', '100000']).stdout;
    const rows = audit.split('\n').filter((l) => l.includes(`\tforsker\toperations.read_without_names\tmeeting_place\t${place}\tok`));
    assert.ok(rows.length >= 6, audit.slice(-2000));
    assertNoName(audit, 'the audit log');
    // Those who read the internal work are not audited for it.
    assert.ok(!audit.includes('\tforskning-admin\toperations.read_without_names'));
  });

  test('people themselves stay closed to researchers', async () => {
    const person = (await server.get(ops('memberships'), { token: researcher })).body.data[0].person;
    assert.equal((await server.get('/api/v1/people', { token: researcher })).status, 403);
    assert.equal((await server.get(`/api/v1/people/${person}`, { token: researcher })).status, 404);
  });

  test('writing stays refused', async () => {
    const res = await server.post(ops('cases').split('?')[0], { title: 'x', kind: 'hearing', received: '2026-01-01' }, { token: researcher });
    assert.equal(res.status, 403, res.text);
  });
});

describe('the pages show a researcher the same without names', () => {
  test('the meeting place page adds every member, meeting and case without names', async () => {
    const res = await fetch(`${server.url}/moteplasser/${place}`, { headers: { cookie } });
    const html = await res.text();
    assert.equal(res.status, 200);
    const start = html.indexOf('id="research"');
    assert.ok(start > 0, 'the researcher\'s section');
    const section = html.slice(start, html.indexOf('</section>', start));
    assert.match(section, /Alle medlemmer, møter og saker, uten navn/);
    const members = (await server.get(ops('memberships'), { token: admin })).body.data;
    for (const m of members) assert.ok(section.includes(`Person ${m.person}`), `Person ${m.person}`);
    assertNoName(section, 'the researcher\'s section');
    assert.ok(!section.includes(HIDDEN_TITLE) && !section.includes(MINUTES));
    assert.match(section, /Tittelen vises ikke: saken er ikke offentlig/);
    // Names of members who did not agree to be shown are nowhere on the page.
    const shown = new Set((await server.get(ops('memberships'))).body.data.map((m) => m.name));
    for (const m of members) if (!shown.has(m.name)) assert.ok(!html.includes(m.name), `${m.name} is on the page`);
  });

  test('the annual report lists the members as numbers', async () => {
    const res = await fetch(`${server.url}/moteplasser/${place}/arsmelding/${new Date().getFullYear()}`, { headers: { cookie } });
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(html, /uten navn, referater og annen fritekst/);
    assert.match(html, /Person \d+/);
    assertNoName(html, 'the annual report');
  });

  test('a visitor sees neither the researcher\'s section nor what is not public', async () => {
    const html = await (await fetch(`${server.url}/moteplasser/${place}`)).text();
    assert.ok(!html.includes('id="research"'));
    const members = await server.get(ops('memberships'));
    const all = await server.get(ops('memberships'), { token: admin });
    assert.ok(members.body.data.length < all.body.data.length);
    for (const m of members.body.data) assert.deepEqual(Object.keys(m).sort(), ['id', 'links', 'name', 'role']);
    assert.ok(!(await server.get(ops('cases'))).body.data.some((c) => c.id === made.case));
    assert.ok(!(await server.get(ops('meetings'))).body.data.some((m) => m.id === made.meeting));
    assert.equal((await server.get(ops('cases', made.case))).status, 404);
  });
});

test('the OParl view is the public one for a researcher too', async () => {
  const bodies = await server.get('/oparl/v1/bodies?limit=1000');
  assert.equal(bodies.status, 200, bodies.text);
  let compared = 0;
  for (const body of bodies.body.data.slice(0, 3)) {
    const code = body.id.split('/').pop();
    for (const list of ['people', 'memberships', 'meetings', 'papers', 'agenda-items']) {
      const path = `/oparl/v1/body/${code}/${list}?limit=1000`;
      const visitor = await server.get(path);
      const res = await server.get(path, { token: researcher });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, visitor.body, path);
      assert.ok(!res.text.includes(HIDDEN_TITLE) && !res.text.includes(STATEMENT));
      compared++;
    }
  }
  assert.ok(compared >= 5);
});
