// A meeting place in operation (contracts/operations.md): people and memberships, meetings, cases
// and influence through the API, as the secretary of a council, its municipality, IMDi, a
// researcher and the public see them. The cases follow the report: a council that receives
// hearings, answers some in time and some late, and sees the decision follow it or not.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, cli, councilBody, expectError } from './harness.mjs';

const server = new Server();
const t = {};
const ids = {};
const api = '/api/v1';
const any = { 'if-match': '*' };

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  t.national = server.addUser('imdi', 'national');
  t.regional = server.addUser('imdi-vest', 'regional', 'vest');
  t.oslo = server.addUser('oslo', 'municipal', '0301');
  t.bergen = server.addUser('bergen', 'municipal', '4601');
  t.researcher = server.addUser('forsker', 'researcher');
  const r = await server.post(`${api}/meeting-places`, councilBody('4601', 'Innvandrerrådet i Bergen (drift)'), { token: t.admin });
  assert.equal(r.status, 201, r.text);
  ids.place = r.body.id;
  const o = await server.post(`${api}/meeting-places`, councilBody('0301', 'Innvandrerrådet i Oslo (drift)'), { token: t.admin });
  ids.oslo = o.body.id;
  t.secretary = server.addUser('sekretar', 'secretary', String(ids.place));
});
after(async () => { await server.stop(); server.cleanup(); });

const people = `${api}/people`;
const place = (rest = '') => `${api}/meeting-places/${ids.place}${rest}`;

async function person(body, token = t.secretary) {
  const r = await server.post(people, body, { token });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
async function member(body, token = t.secretary) {
  const r = await server.post(place('/memberships'), body, { token });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

describe('people and memberships', () => {
  test('the secretary records a member with special categories; only those who manage see them', async () => {
    const amina = await person({ name: 'Amina Farah', gender: 'woman', birth_year: 1975, immigrant_background: true,
      country_of_background: 'SO', special_category_basis: 'consent', show_publicly: false });
    assert.equal(amina.immigrant_background, true);
    assert.equal(amina.country_of_background, 'SO');
    ids.amina = amina.id;
    const m = await member({ person: amina.id, role: 'chair', seat: 'immigrant_population',
      on_behalf_of: 'Somalisk kvinneforening', paid: true, starts: '2023-11-01', ends: '2027-10-31' });
    assert.equal(m.name, 'Amina Farah');
    assert.equal(m.role, 'chair');
    assert.deepEqual(m.term, { starts: '2023-11-01', ends: '2027-10-31' });
    ids.aminaMembership = m.id;

    const seen = await server.get(`${people}/${amina.id}`, { token: t.secretary });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.country_of_background, 'SO');
    // The municipality manages the council too.
    assert.equal((await server.get(`${people}/${amina.id}`, { token: t.bergen })).body.immigrant_background, true);
    // IMDi reads people, but not their special categories.
    const national = await server.get(`${people}/${amina.id}`, { token: t.national });
    assert.equal(national.status, 200);
    assert.equal(national.body.name, 'Amina Farah');
    assert.ok(!('immigrant_background' in national.body));
    assert.ok(!('country_of_background' in national.body));
    // Others do not see the person at all; the public must log in.
    expectError(await server.get(`${people}/${amina.id}`, { token: t.oslo }), 404, 'not_found');
    expectError(await server.get(`${people}/${amina.id}`, { token: t.regional }), 404, 'not_found');
    expectError(await server.get(`${people}/${amina.id}`), 401, 'unauthenticated');
    expectError(await server.get(people, { token: t.regional }), 403, 'forbidden');
    expectError(await server.get(people), 401, 'unauthenticated');
    // The list of people never carries special categories.
    const list = await server.get(people, { token: t.secretary });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.data.map((p) => p.name), ['Amina Farah']);
    assert.ok(!JSON.stringify(list.body).includes('"SO"'));
    assert.deepEqual((await server.get(people, { token: t.oslo })).body.data, []);
  });

  test('the public sees only members who agreed to be shown, and then only name and role', async () => {
    let pub = await server.get(place('/memberships'));
    assert.equal(pub.status, 200);
    assert.deepEqual(pub.body.data, []);
    const ola = await person({ name: 'Ola Nordmann', gender: 'man', show_publicly: true });
    await member({ person: ola.id, role: 'member', seat: 'politicians', on_behalf_of: 'Bystyret', starts: '2023-11-01' });
    pub = await server.get(place('/memberships'));
    assert.equal(pub.body.data.length, 1);
    assert.deepEqual(Object.keys(pub.body.data[0]).sort(), ['id', 'links', 'name', 'role']);
    assert.equal(pub.body.data[0].name, 'Ola Nordmann');
    // The secretary sees everyone; a researcher too, but without names (operations-research.test.mjs).
    const all = await server.get(place('/memberships'), { token: t.secretary });
    assert.equal(all.body.data.length, 2);
    const research = await server.get(place('/memberships'), { token: t.researcher });
    assert.deepEqual(research.body.data.map((m) => [m.person, m.name]), all.body.data.map((m) => [m.person, null]));
    assert.equal(all.body.data[0].seat, 'immigrant_population');
    // The public never sees a special category anywhere.
    assert.ok(!JSON.stringify(all.body).includes('"SO"'));
    ids.ola = ola.id;
  });

  test('bad input is refused with 400 naming the field', async () => {
    expectError(await server.post(people, { gender: 'woman' }, { token: t.secretary }), 400, 'invalid', '/name');
    expectError(await server.post(people, { name: 'X', gender: 'f' }, { token: t.secretary }), 400, 'invalid', '/gender');
    expectError(await server.post(people, { name: 'X', immigrant_background: true }, { token: t.secretary }), 400, 'invalid', '/special_category_basis');
    expectError(await server.post(people, { name: 'X', country_of_background: 'Somalia', special_category_basis: 'consent' }, { token: t.secretary }), 400, 'invalid', '/country_of_background');
    expectError(await server.post(people, { name: 'X', birth_year: 1800 }, { token: t.secretary }), 400, 'invalid', '/birth_year');
    expectError(await server.post(people, { name: 'X', shoe_size: 42 }, { token: t.secretary }), 400, 'invalid', '/shoe_size');
    expectError(await server.post(people, { name: '' }, { token: t.secretary }), 400, 'invalid', '/name');
    const m = place('/memberships');
    expectError(await server.post(m, { person: ids.ola, seat: 'mayor', starts: '2023-11-01' }, { token: t.secretary }), 400, 'invalid', '/seat');
    expectError(await server.post(m, { person: ids.ola, seat: 'other' }, { token: t.secretary }), 400, 'invalid', '/starts');
    expectError(await server.post(m, { person: ids.ola, seat: 'other', starts: '2023-02-30' }, { token: t.secretary }), 400, 'invalid', '/starts');
    expectError(await server.post(m, { person: ids.ola, seat: 'other', starts: '2023-11-01', ends: '2023-01-01' }, { token: t.secretary }), 400, 'invalid', '/ends');
    expectError(await server.post(m, { person: 999999, seat: 'other', starts: '2023-11-01' }, { token: t.secretary }), 400, 'invalid', '/person');
    expectError(await server.post(m, { person: ids.ola, seat: 'other', starts: '2023-11-01', role: 'king' }, { token: t.secretary }), 400, 'invalid', '/role');
    expectError(await server.post(m, { raw: '{' }, { token: t.secretary }), 400);
  });

  test('roles: the secretary and the municipality manage their own council, no one else', async () => {
    const body = { person: ids.ola, seat: 'politicians', starts: '2023-11-01' };
    expectError(await server.post(place('/memberships'), body), 401, 'unauthenticated');
    for (const who of ['oslo', 'regional', 'national', 'researcher']) {
      expectError(await server.post(place('/memberships'), body, { token: t[who] }), 403, 'forbidden');
    }
    const r = await server.post(place('/memberships'), body, { token: t.bergen });
    assert.equal(r.status, 201, r.text);
    expectError(await server.del(place(`/memberships/${r.body.id}`), { token: t.oslo, headers: any }), 403, 'forbidden');
    assert.equal((await server.del(place(`/memberships/${r.body.id}`), { token: t.bergen, headers: any })).status, 204);
    const audit = cli(['audit', '--db', server.db, '--limit', '1000']).stdout;
    assert.match(audit, /\toslo\toperations\.manage\tmeeting_place\t\d+\tdenied/);
    assert.match(audit, /\tbergen\tmembership\.create\tmembership\t\d+\tok/);
    // Special categories never reach the audit log.
    assert.ok(!audit.includes('SO'));
  });

  test('a person with no membership yet can be placed only by whoever recorded it', async () => {
    const osloPerson = await person({ name: 'Nils Oslo' }, t.oslo);
    expectError(await server.post(place('/memberships'), { person: osloPerson.id, seat: 'other', starts: '2023-11-01' }, { token: t.secretary }), 400, 'invalid', '/person');
    const r = await server.post(`${api}/meeting-places/${ids.oslo}/memberships`, { person: osloPerson.id, seat: 'other', starts: '2023-11-01' }, { token: t.oslo });
    assert.equal(r.status, 201, r.text);
  });

  test('versions: a change needs If-Match (428) and a stale one is refused (409)', async () => {
    const url = place(`/memberships/${ids.aminaMembership}`);
    const cur = await server.get(url, { token: t.secretary });
    assert.equal(cur.headers.get('etag'), `"${cur.body.version}"`);
    const body = { person: ids.amina, role: 'chair', seat: 'immigrant_population', starts: '2023-11-01', ends: '2027-10-31', paid: false };
    expectError(await server.put(url, body, { token: t.secretary }), 428, 'precondition_required');
    const ok = await server.put(url, body, { token: t.secretary, headers: { 'if-match': cur.headers.get('etag') } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.paid, false);
    assert.equal(ok.body.version, cur.body.version + 1);
    expectError(await server.put(url, { ...body, paid: true }, { token: t.secretary, headers: { 'if-match': cur.headers.get('etag') } }), 409, 'conflict');
  });

  test('erasing a person keeps the membership, anonymous; merging is for national users', async () => {
    const dup = await person({ name: 'Amina Farah', gender: 'woman' });
    await member({ person: dup.id, role: 'member', seat: 'immigrant_population', starts: '2019-11-01', ends: '2023-10-31' });
    expectError(await server.post(`${people}/${dup.id}/merge`, { into: ids.amina }, { token: t.secretary }), 403, 'forbidden');
    expectError(await server.post(`${people}/${dup.id}/merge`, { into: 'x' }, { token: t.national }), 400, 'invalid', '/into');
    const merged = await server.post(`${people}/${dup.id}/merge`, { into: ids.amina }, { token: t.national });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.body.id, ids.amina);
    expectError(await server.get(`${people}/${dup.id}`, { token: t.national }), 404);
    const memberships = (await server.get(place('/memberships'), { token: t.secretary })).body.data;
    assert.equal(memberships.filter((m) => m.person === ids.amina).length, 2);
    // The earlier term: 2019 was an election year too.
    assert.deepEqual(memberships.find((m) => m.starts === '2019-11-01').term, { starts: '2019-11-01', ends: '2023-10-31' });

    const gone = await person({ name: 'Per Hansen', gender: 'man', birth_year: 1960, show_publicly: true });
    const gm = await member({ person: gone.id, seat: 'administration', starts: '2023-11-01' });
    assert.equal((await server.del(`${people}/${gone.id}`, { token: t.secretary, headers: any })).status, 204);
    expectError(await server.get(`${people}/${gone.id}`, { token: t.admin }), 404);
    const kept = await server.get(place(`/memberships/${gm.id}`), { token: t.secretary });
    assert.equal(kept.status, 200);
    assert.equal(kept.body.name, null);
    assert.equal(kept.body.seat, 'administration');
    assert.ok(!(await server.get(place('/memberships'))).text.includes('Per Hansen'));
  });
});

describe('meetings', () => {
  test('a meeting with agenda, minutes and attendance; the public sees only what is public', async () => {
    const body = {
      starts_at: '2026-02-03T18:00:00+01:00', ends_at: '2026-02-03T20:00:00+01:00', location: 'Rådhuset, møterom 3',
      kind: 'extra', called_by: 'immigrant_population',
      agenda: [
        { number: '1/26', title: 'Høring om bosetting av flyktninger', proposed_by: 'administration' },
        { number: '2/26', title: 'Personalsak', public: false },
        { number: '3/26', title: 'Tolketjenesten på legevakten', proposed_by: 'immigrant_population' },
      ],
      minutes: '## Sak 1/26\n\nRådet **støtter** forslaget.', attendance: [ids.amina, ids.ola],
    };
    const r = await server.post(place('/meetings'), body, { token: t.secretary });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.starts_at, '2026-02-03T17:00:00Z');
    assert.deepEqual(r.body.agenda.map((a) => a.order), [1, 2, 3]);
    ids.meeting = r.body.id;
    const pub = await server.get(place(`/meetings/${r.body.id}`));
    assert.equal(pub.status, 200);
    assert.deepEqual(pub.body.agenda.map((a) => a.number), ['1/26', '3/26']);
    assert.ok(!('attendance' in pub.body));
    const hidden = await server.post(place('/meetings'), { starts_at: '2026-03-01T17:00:00Z', public: false }, { token: t.secretary });
    assert.equal(hidden.status, 201);
    expectError(await server.get(place(`/meetings/${hidden.body.id}`)), 404);
    assert.deepEqual((await server.get(place('/meetings'))).body.data.map((m) => m.id), [ids.meeting]);
    assert.equal((await server.get(place('/meetings'), { token: t.bergen })).body.data.length, 2);
  });

  test('bad meetings are refused naming the field', async () => {
    const m = place('/meetings');
    const s = { token: t.secretary };
    expectError(await server.post(m, {}, s), 400, 'invalid', '/starts_at');
    expectError(await server.post(m, { starts_at: '2026-02-03 18:00' }, s), 400, 'invalid', '/starts_at');
    expectError(await server.post(m, { starts_at: '2026-02-03T18:00:00Z', ends_at: '2026-02-03T17:00:00Z' }, s), 400, 'invalid', '/ends_at');
    expectError(await server.post(m, { starts_at: '2026-02-03T18:00:00Z', kind: 'secret' }, s), 400, 'invalid', '/kind');
    expectError(await server.post(m, { starts_at: '2026-02-03T18:00:00Z', agenda: [{ number: '1' }] }, s), 400, 'invalid', '/agenda/0/title');
    expectError(await server.post(m, { starts_at: '2026-02-03T18:00:00Z', attendance: [999999] }, s), 400, 'invalid', '/attendance/0');
    expectError(await server.post(m, { starts_at: '2026-02-03T18:00:00Z', agenda: [{ title: 'x', case: 999999 }] }, s), 400, 'invalid', '/agenda/0/case');
  });
});

describe('cases and influence', () => {
  test('cases with statements and decisions give the real influence, per year and in total', async () => {
    const s = { token: t.secretary };
    const add = async (body) => {
      const r = await server.post(place('/cases'), body, s);
      assert.equal(r.status, 201, r.text);
      return r.body;
    };
    // 2025: three hearings. One answered on the deadline's day and followed, one late and partly
    // followed, one in time and not followed; an own initiative without a decision yet.
    await add({ title: 'Høring: plan for bosetting', kind: 'hearing', from_body: 'Bystyret', case_number: '2025/101',
      received: '2025-01-10', deadline: '2025-02-10', sent: '2025-02-10', statement: 'Rådet støtter planen.',
      decision: { body: 'Bystyret', date: '2025-03-01', outcome: 'followed' } });
    await add({ title: 'Høring: tolketjeneste', kind: 'hearing', received: '2025-04-01', deadline: '2025-04-20', sent: '2025-04-25',
      decision: { body: 'Byrådet', date: '2025-05-01', outcome: 'partly_followed', note: 'Delvis tatt inn.' } });
    await add({ title: 'Høring: budsjett', kind: 'hearing', received: '2025-09-01', deadline: '2025-10-01', sent: '2025-09-20',
      decision: { outcome: 'not_followed' } });
    await add({ title: 'Eget initiativ: norskopplæring for eldre', kind: 'own_initiative', received: '2025-06-01', handled_at_meeting: ids.meeting });
    // 2026: an advice request exempt from public access.
    await add({ title: 'Rådgivning: enkeltsak', kind: 'advice_request', received: '2026-01-05', public: false,
      decision: { outcome: 'followed' } });

    const inf = await server.get(place('/influence?from=2025&to=2026'), s);
    assert.equal(inf.status, 200, inf.text);
    const [y2025, y2026] = inf.body.years;
    assert.equal(y2025.year, 2025);
    assert.deepEqual(y2025.cases, { hearing: 3, advice_request: 0, own_initiative: 1, information: 0 });
    assert.equal(y2025.statements_before_deadline, 2);
    assert.equal(y2025.statements_after_deadline, 1);
    assert.deepEqual(y2025.outcomes, { followed: 1, partly_followed: 1, not_followed: 1, no_decision: 0, unknown: 0 });
    assert.equal(y2025.followed_share, 1 / 3);
    assert.equal(y2025.followed_or_partly_share, 2 / 3);
    assert.equal(y2025.months_since_last_hearing, 3);  // 1 September to 31 December
    assert.equal(y2026.year, 2026);
    assert.equal(y2026.cases.advice_request, 1);
    assert.equal(y2026.followed_share, 1);
    assert.equal(inf.body.total.outcomes.followed, 2);
    assert.equal(inf.body.total.cases.hearing, 3);

    // The public counts only the public cases, and never sees the exempt one.
    const pub = await server.get(place('/influence?from=2025&to=2026'));
    assert.equal(pub.body.total.cases.advice_request, 0);
    assert.equal(pub.body.total.outcomes.followed, 1);
    const list = await server.get(place('/cases'));
    assert.equal(list.body.data.length, 4);
    assert.ok(!list.text.includes('enkeltsak'));
    assert.deepEqual(list.body.data.map((c) => c.received), ['2025-01-10', '2025-04-01', '2025-06-01', '2025-09-01']);

    // A year with nothing: zeros and null shares.
    const empty = await server.get(place('/influence?from=2020&to=2020'));
    assert.equal(empty.body.years[0].followed_share, null);
    assert.equal(empty.body.years[0].months_since_last_hearing, null);
  });

  test('bad cases and bad years are refused naming the field', async () => {
    const c = place('/cases');
    const s = { token: t.secretary };
    expectError(await server.post(c, { kind: 'hearing', received: '2026-01-01' }, s), 400, 'invalid', '/title');
    expectError(await server.post(c, { title: 'x', kind: 'complaint', received: '2026-01-01' }, s), 400, 'invalid', '/kind');
    expectError(await server.post(c, { title: 'x', kind: 'hearing' }, s), 400, 'invalid', '/received');
    expectError(await server.post(c, { title: 'x', kind: 'hearing', received: '2026-01-01', sent: '2025-12-01' }, s), 400, 'invalid', '/sent');
    expectError(await server.post(c, { title: 'x', kind: 'hearing', received: '2026-01-01', decision: { outcome: 'ignored' } }, s), 400, 'invalid', '/decision/outcome');
    expectError(await server.post(c, { title: 'x', kind: 'hearing', received: '2026-01-01', handled_at_meeting: 999999 }, s), 400, 'invalid', '/handled_at_meeting');
    expectError(await server.get(place('/influence?from=abc')), 400, 'invalid', '/from');
    expectError(await server.get(place('/influence?from=2026&to=2020')), 400, 'invalid', '/from');
    expectError(await server.get(`${api}/meeting-places/999999/influence`), 404);
    expectError(await server.get(`${api}/meeting-places/${ids.place}/cases/999999`), 404);
  });

  test('a case of another meeting place is not found through this one', async () => {
    const r = await server.post(`${api}/meeting-places/${ids.oslo}/cases`, { title: 'Oslo-sak', kind: 'information', received: '2026-01-01' }, { token: t.oslo });
    assert.equal(r.status, 201, r.text);
    expectError(await server.get(place(`/cases/${r.body.id}`)), 404);
    expectError(await server.put(place(`/cases/${r.body.id}`), { title: 'x', kind: 'hearing', received: '2026-01-01' }, { token: t.secretary, headers: any }), 404);
  });
});

describe('pages and the calendar feed', () => {
  test('moter.ics: the public meetings as iCalendar, CRLF, folded, escaped, cancelled ones kept', async () => {
    const s = { token: t.secretary };
    const long = await server.post(place('/meetings'), {
      starts_at: '2026-06-10T18:00:00+02:00', ends_at: '2026-06-10T20:00:00+02:00',
      location: 'Bydelshuset; sal 2, Åsane – inngang fra parkeringsplassen bak biblioteket og kulturhuset', public: true,
    }, s);
    assert.equal(long.status, 201, long.text);
    const cur = await server.get(place(`/meetings/${long.body.id}`), s);
    const cancelled = await server.put(place(`/meetings/${long.body.id}`), { ...cur.body, cancelled: true }, { token: t.secretary, headers: { 'if-match': cur.headers.get('etag') } });
    assert.equal(cancelled.status, 200, cancelled.text);

    const res = await fetch(`${server.url}/moteplasser/${ids.place}/moter.ics?lang=en`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await res.text();
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
    const unfolded = text.replace(/\r\n /g, '');
    const host = new URL(server.url).hostname;
    assert.match(unfolded, new RegExp(`UID:meeting-${long.body.id}@${host.replace(/\./g, '\\.')}\r\n`));
    assert.match(unfolded, /DTSTART:20260610T160000Z\r\n/);
    assert.match(unfolded, new RegExp(`SEQUENCE:${cancelled.body.version}\r\n`));
    assert.match(unfolded, /STATUS:CANCELLED\r\n/);
    assert.match(unfolded, /LOCATION:Bydelshuset\\; sal 2\\, Åsane/);
    assert.match(unfolded, /SUMMARY:Extraordinary meeting of Innvandrerrådet i Bergen \(drift\)\r\n/);
    // Only public meetings: the one that is not public is left out.
    const events = unfolded.match(/BEGIN:VEVENT/g).length;
    assert.equal(events, 2);
    const nb = await (await fetch(`${server.url}/moteplasser/${ids.place}/moter.ics`)).text();
    assert.match(nb.replace(/\r\n /g, ''), /SUMMARY:Møte i Innvandrerrådet i Bergen \(drift\)\r\n/);
    assert.equal((await fetch(`${server.url}/moteplasser/999999/moter.ics`)).status, 404);
  });

  test('the meeting place page shows members who agreed, seats against the profile, meetings and influence', async () => {
    const res = await fetch(`${server.url}/moteplasser/${ids.place}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes('Ola Nordmann'));
    assert.ok(!html.includes('Amina Farah'), 'a member who did not agree is not shown');
    assert.ok(!html.includes('Somalisk'), 'nor on whose behalf');
    assert.match(html, /Plasser: besatt nå og ifølge profilen/);
    assert.match(html, /Reell innflytelse/);
    assert.match(html, /<th scope="row">2025<\/th><td>3<\/td>/);
    assert.ok(!html.includes('enkeltsak'));
    assert.ok(html.includes(`/moteplasser/${ids.place}/moter/${ids.meeting}`));
    const nn = await (await fetch(`${server.url}/moteplasser/${ids.place}?lang=nn`)).text();
    assert.match(nn, /Reell innverknad/);
  });

  test('a page per meeting: the public agenda and the minutes rendered from Markdown', async () => {
    const res = await fetch(`${server.url}/moteplasser/${ids.place}/moter/${ids.meeting}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes('Tolketjenesten på legevakten'));
    assert.ok(!html.includes('Personalsak'), 'an item that is not public is left out');
    assert.ok(html.includes('<strong>støtter</strong>'), 'the minutes are Markdown');
    assert.ok(html.includes('2026-02-03 18:00'), 'the time in Oslo');
    assert.match(html, /kalt inn av representantene for innvandrerbefolkningen/);
    assert.equal((await fetch(`${server.url}/moteplasser/${ids.place}/moter/999999`)).status, 404);
  });
});
