// The demo data (issue 10, item 8): the example meeting places get members, meetings and cases
// with outcomes, so that the pages and the influence have something to show; `demo remove` takes
// them away with the places, people included.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, cli } from './harness.mjs';

const server = new Server();
let admin;
before(async () => {
  await server.start();
  const r = cli(['demo', 'load', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  admin = server.addUser('demo-test-admin', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

test('the example meeting places have members, meetings and cases with outcomes', async () => {
  const places = (await server.get('/api/v1/meeting-places?per_page=100')).body.data;
  assert.ok(places.length >= 20);
  let withMembers = 0, withCases = 0, followed = 0, hearings = 0;
  for (const p of places) {
    const members = await server.get(`/api/v1/meeting-places/${p.id}/memberships?per_page=100`, { token: admin });
    if (members.body.data.length > 0) withMembers++;
    const inf = (await server.get(`/api/v1/meeting-places/${p.id}/influence`)).body.total;
    const cases = Object.values(inf.cases).reduce((a, b) => a + b, 0);
    if (cases > 0) withCases++;
    followed += inf.outcomes.followed;
    hearings += inf.cases.hearing;
  }
  assert.ok(withMembers >= places.length / 2, `${withMembers} of ${places.length} have members`);
  assert.ok(withCases >= places.length / 2, `${withCases} of ${places.length} have cases`);
  assert.ok(followed > 0 && hearings > 0);
  // The public sees some members by name, and the calendar has meetings.
  const council = places.find((p) => p.profile.functions?.hearing_body);
  const page = await (await fetch(`${server.url}/moteplasser/${council.id}`)).text();
  assert.match(page, /Reell innflytelse/);
  const ics = await (await fetch(`${server.url}/moteplasser/${council.id}/moter.ics`)).text();
  assert.ok((ics.match(/BEGIN:VEVENT/g) ?? []).length >= 4);
});

test('the demo data shows an alert of each code (contracts/operations.md, Alerts)', async () => {
  const r = await server.get('/api/v1/alerts?per_page=1000', { token: admin });
  assert.equal(r.status, 200, r.text);
  const codes = new Set(r.body.data.map((a) => a.code));
  for (const code of ['no_hearing_12_months', 'deadline_near', 'term_ending', 'gender_balance', 'no_meeting_6_months', 'single_chair_8_years']) {
    assert.ok(codes.has(code), `no ${code} in the demo: ${[...codes].join(', ')}`);
  }
});

test('demo remove takes the members, meetings, cases and people away with the places', async () => {
  assert.ok((await server.get('/api/v1/people', { token: admin })).body.pagination.totalElements > 0);
  const r = cli(['demo', 'remove', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  const people = await server.get('/api/v1/people', { token: admin });
  assert.equal(people.status, 200);
  assert.equal(people.body.pagination.totalElements, 0);
});
