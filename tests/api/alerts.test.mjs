// Alerts (contracts/operations.md, "Alerts"): computed from the record on each read, for each
// user's scope, acknowledged until a day, and read as an Atom feed with a feed token of its own.
// The council of the test has every condition the contract names at once: the report's council
// that got no hearing because the administration did not know it existed, a deadline that is
// near, terms ending with nobody to follow, three men and one woman, no meeting held, and the
// same chair since 2015 (the fiery soul).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, cli, councilBody, expectError, pageClient } from './harness.mjs';

const server = new Server();
const client = pageClient(server);
const t = {};
const ids = {};
const api = '/api/v1';
const PASSWORD = 'et-langt-passord-123';
const CODES = ['no_hearing_12_months', 'deadline_near', 'term_ending', 'gender_balance', 'no_meeting_6_months', 'single_chair_8_years'];
const NAMES = ['Amina Farah', 'Ola Nordmann', 'Mehmet Yilmaz', 'Per Hansen'];

// A day relative to today ("YYYY-MM-DD"); the margins below keep clear of Oslo's midnight.
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

async function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.body;
}

before(async () => {
  await server.start();
  t.admin = server.addUser('admin', 'admin');
  t.national = server.addUser('imdi', 'national');
  t.oslo = server.addUser('oslo', 'municipal', '0301');
  t.bergen = server.addUser('bergen', 'municipal', '4601');
  t.researcher = server.addUser('forsker', 'researcher');
  ids.place = (await ok(await server.post(`${api}/meeting-places`, councilBody('4601', 'Innvandrerrådet i Bergen (varsler)'), { token: t.admin }))).id;
  t.secretary = server.addUser('sekretar', 'secretary', String(ids.place));
  const place = `${api}/meeting-places/${ids.place}`;
  const genders = ['woman', 'man', 'man', 'man'];
  const people = [];
  for (let i = 0; i < NAMES.length; i++) {
    people.push((await ok(await server.post(`${api}/people`, { name: NAMES[i], gender: genders[i] }, { token: t.secretary }))).id);
  }
  ids.people = people;
  const member = (body) => server.post(`${place}/memberships`, body, { token: t.secretary }).then((r) => ok(r));
  // The chair since 2015, through two terms that join.
  await member({ person: people[0], role: 'chair', seat: 'immigrant_population', starts: '2015-11-01', ends: '2019-10-31' });
  await member({ person: people[0], role: 'chair', seat: 'immigrant_population', starts: '2019-11-01', ends: '2027-10-31' });
  await member({ person: people[1], role: 'member', seat: 'politicians', starts: '2023-11-01', ends: day(45) });
  await member({ person: people[2], role: 'member', seat: 'immigrant_population', starts: '2023-11-01', ends: '2027-10-31' });
  await member({ person: people[3], role: 'member', seat: 'immigrant_population', starts: '2023-11-01', ends: '2027-10-31' });
  // A hearing more than a year ago, and advice asked for with its deadline in three days.
  await ok(await server.post(`${place}/cases`, { title: 'Høring om bosetting', kind: 'hearing', received: day(-400), deadline: day(-370), sent: day(-380) }, { token: t.secretary }));
  await ok(await server.post(`${place}/cases`, { title: 'Råd om tolketjenesten', kind: 'advice_request', received: day(-10), deadline: day(3) }, { token: t.secretary }));
});
after(async () => { await server.stop(); server.cleanup(); });

const alertsOf = async (token) => {
  const r = await server.get(`${api}/alerts`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.data.filter((a) => a.meeting_place === ids.place);
};
const find = (alerts, code) => alerts.find((a) => a.code === code);

describe('alerts for each scope', () => {
  test('the secretary sees every condition of its council, once each, in three languages, naming nobody', async () => {
    const alerts = await alertsOf(t.secretary);
    assert.deepEqual(alerts.map((a) => a.code).sort(), [...CODES].sort());
    for (const a of alerts) {
      assert.equal(a.id, `${a.code}:${ids.place}`);
      assert.equal(a.status, 'open');
      assert.match(a.since, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(a.acknowledged_by, null);
      for (const text of [a.text_nb, a.text_nn, a.text_en]) {
        assert.ok(text.startsWith('Innvandrerrådet i Bergen (varsler)'), text);
        for (const name of NAMES) assert.ok(!text.includes(name), `${a.code} names ${name}`);
      }
    }
    assert.match(find(alerts, 'gender_balance').text_nb, /1 av 4 medlemmer er kvinner og 3 er menn/);
    assert.match(find(alerts, 'single_chair_8_years').text_nn, /same leiar sidan 2015/);
    assert.equal(find(alerts, 'single_chair_8_years').since, '2023-11-01');
    assert.match(find(alerts, 'deadline_near').text_en, /one case is due on/);
    // Computed on read: asking again gives the same alerts with the same since, no more.
    const again = await alertsOf(t.secretary);
    assert.deepEqual(again.map((a) => [a.id, a.since]), alerts.map((a) => [a.id, a.since]));
  });

  test('the municipality and IMDi see them; Oslo, researchers and the public do not', async () => {
    assert.equal((await alertsOf(t.bergen)).length, CODES.length);
    assert.equal((await alertsOf(t.national)).length, CODES.length);
    assert.equal((await alertsOf(t.oslo)).length, 0);
    expectError(await server.get(`${api}/alerts`, { token: t.researcher }), 403, 'forbidden');
    expectError(await server.get(`${api}/alerts`), 401);
  });
});

describe('acknowledging', () => {
  const ack = (code, body, token = t.secretary) =>
    server.post(`${api}/alerts/${code}:${ids.place}/acknowledge`, body, { token });

  test('until a day: acknowledged by whom, when and until when; audited', async () => {
    const until = day(30);
    const r = await ack('gender_balance', { until });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'acknowledged');
    assert.equal(r.body.acknowledged_by, 'sekretar');
    assert.equal(r.body.snoozed_until, until);
    assert.ok(r.body.acknowledged_at);
    const seen = find(await alertsOf(t.bergen), 'gender_balance');
    assert.equal(seen.status, 'acknowledged');
    const audit = cli(['audit', '--limit', '50', '--db', server.db]).stdout;
    assert.match(audit, new RegExp(`sekretar\\talert\\.acknowledge\\talert\\tgender_balance:${ids.place}\\tok`));
  });

  test('bad input is refused naming the field; other scopes and roles are refused', async () => {
    expectError(await ack('term_ending', { until: day(-2) }), 400, 'invalid', '/until');
    expectError(await ack('term_ending', { until: 'snart' }), 400, 'invalid', '/until');
    expectError(await ack('term_ending', { until: '2027-02-30' }), 400, 'invalid', '/until');
    expectError(await ack('term_ending', { hvorfor: 'x' }), 400, 'invalid', '/hvorfor');
    expectError(await server.post(`${api}/alerts/ukjent:${ids.place}/acknowledge`, {}, { token: t.secretary }), 404);
    expectError(await server.post(`${api}/alerts/term_ending:999999/acknowledge`, {}, { token: t.secretary }), 404);
    expectError(await ack('term_ending', {}, t.national), 403, 'forbidden');
    expectError(await ack('term_ending', {}, t.oslo), 404);
    expectError(await ack('term_ending', {}, t.researcher), 403);
    expectError(await ack('term_ending', {}, null), 401);
    assert.equal(find(await alertsOf(t.secretary), 'term_ending').status, 'open');
  });

  test('when the condition ends the alert is resolved; when it comes back it is open again', async () => {
    const r = await ack('no_meeting_6_months', {});
    assert.equal(r.body.status, 'acknowledged');
    assert.equal(r.body.snoozed_until, null);
    const meeting = await ok(await server.post(`${api}/meeting-places/${ids.place}/meetings`,
      { starts_at: `${day(-2)}T16:00:00Z`, attendance: [ids.people[0]] }, { token: t.secretary }));
    // The secretary's alerts are computed for its meeting place alone; a national user's are kept
    // between requests while nothing is written (app::ListAlerts): both see the change at once.
    await alertsOf(t.national);
    assert.equal(find(await alertsOf(t.secretary), 'no_meeting_6_months').status, 'resolved');
    assert.equal(find(await alertsOf(t.national), 'no_meeting_6_months').status, 'resolved');
    // The meeting is deleted: the condition is back, from the same day, and still acknowledged.
    const del = await server.del(`${api}/meeting-places/${ids.place}/meetings/${meeting.id}`, { token: t.secretary, headers: { 'if-match': '*' } });
    assert.equal(del.status, 204, del.text);
    assert.equal(find(await alertsOf(t.secretary), 'no_meeting_6_months').status, 'acknowledged');
    assert.equal(find(await alertsOf(t.national), 'no_meeting_6_months').status, 'acknowledged');
    // A new, earlier deadline is a new occurrence of deadline_near: open again after its acknowledgement.
    assert.equal((await ack('deadline_near', {})).body.status, 'acknowledged');
    await ok(await server.post(`${api}/meeting-places/${ids.place}/cases`,
      { title: 'Råd om kvalifisering', kind: 'advice_request', received: day(-5), deadline: day(2) }, { token: t.secretary }));
    const back = find(await alertsOf(t.secretary), 'deadline_near');
    assert.equal(back.status, 'open');
    assert.deepEqual(find(await alertsOf(t.national), 'deadline_near'), back);
    assert.match(back.text_nb, /2 saker har frist innen sju dager/);
  });
});

describe('the Atom feed', () => {
  test('a feed token of its own opens the user\'s open alerts, and nothing else', async () => {
    const made = await server.post(`${api}/alerts/feed-token`, {}, { token: t.bergen });
    assert.equal(made.status, 201, made.text);
    assert.match(made.body.feed_url, /\/api\/v1\/alerts\/feed\.atom\?feed_token=/);
    const feedPath = made.body.feed_url.replace(/^https?:\/\/[^/]+/, '');
    const feed = await server.get(feedPath);
    assert.equal(feed.status, 200, feed.text);
    assert.match(feed.headers.get('content-type'), /^application\/atom\+xml/);
    assert.match(feed.text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="nb">/);
    assert.match(feed.text, /Ingen høring på tolv måneder: Innvandrerrådet i Bergen \(varsler\)/);
    assert.ok(!feed.text.includes('Kjønnsbalanse'), 'an acknowledged alert is not in the feed');
    for (const name of NAMES) assert.ok(!feed.text.includes(name), `the feed names ${name}`);
    const en = await server.get(`${feedPath}&lang=en`);
    assert.match(en.text, /No hearing in twelve months/);
    expectError(await server.get(`${feedPath}&lang=de`), 400, 'invalid', '/lang');
    expectError(await server.get(`${feedPath}&token=x`), 400, 'invalid', '/token');
    // The feed token is not an API token.
    const secret = made.body.feed_token;
    expectError(await server.get(`${api}/alerts`, { token: secret }), 401);
    assert.deepEqual((await server.get(`${api}/alerts/feed-token`, { token: t.bergen })).body.active, true);
    // A new token replaces the old; revoking ends it.
    const second = await server.post(`${api}/alerts/feed-token`, {}, { token: t.bergen });
    expectError(await server.get(feedPath), 401);
    const secondPath = second.body.feed_url.replace(/^https?:\/\/[^/]+/, '');
    assert.equal((await server.get(secondPath)).status, 200);
    assert.equal((await server.del(`${api}/alerts/feed-token`, { token: t.bergen })).status, 204);
    expectError(await server.get(secondPath), 401);
    expectError(await server.get(`${api}/alerts/feed.atom`), 401);
    expectError(await server.post(`${api}/alerts/feed-token`, {}, { token: t.researcher }), 403);
  });
});

describe('the page /varsler', () => {
  test('lists the alerts of the scope and acknowledges with a form, without JavaScript', async () => {
    const anonymous = await client.page('/varsler');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get('location'), /^\/logg-inn/);
    const cookie = await client.login('sekretar', PASSWORD);
    const page = await client.page('/varsler', { cookie });
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1[^>]*>Varsler<\/h1>/);
    assert.match(page.html, /Samme leder i åtte år/);
    for (const name of NAMES) assert.ok(!page.html.includes(name));
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.html)[1];
    const action = `/varsler/term_ending:${ids.place}/kvitter`;
    assert.ok(page.html.includes(`action="${action}"`), 'a form per alert');
    // A date that is not a day after today: the error summary names the field.
    const bad = await client.post(action, { csrf_token: csrf, until: '31.02.2027' }, { cookie });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /class="ds-error-summary"/);
    assert.match(bad.html, /Skriv en dato etter i dag/);
    assert.match(bad.html, /aria-invalid="true"/);
    // Without the CSRF token: refused.
    assert.equal((await client.post(action, { until: '' }, { cookie })).status, 403);
    const [y, m, d] = day(20).split('-');
    const good = await client.post(action, { csrf_token: csrf, until: `${d}.${m}.${y}` }, { cookie });
    assert.equal(good.status, 303);
    const after = await client.page('/varsler', { cookie });
    assert.match(after.html, new RegExp(`Utsatt til ${d}\\.${m}\\.${y}`));
    // The feed address is made on the page and shown once.
    const made = await client.post('/varsler/nyhetsstrom', { csrf_token: csrf }, { cookie });
    assert.equal(made.status, 200);
    assert.match(made.html, /feed\.atom\?feed_token=/);
    const revoked = await client.post('/varsler/nyhetsstrom/slett', { csrf_token: csrf }, { cookie });
    assert.equal(revoked.status, 303);
    const nn = await client.page('/varsler?lang=nn', { cookie });
    assert.match(nn.html, /<h1[^>]*>Varsel<\/h1>/);
  });
});

// A national user's alerts are kept between requests and brought up to date after each write, of
// this server or another process, by computing only the meeting places the written records touch
// (app::ListAlerts, JournalStore::ChangesSince). Each step compares them with the alerts of the
// meeting place computed alone (its municipality's).
describe('a national user\'s kept alerts', () => {
  test('follow a person, a membership, a new and a deleted meeting place, and another process\'s write', async () => {
    const trondheim = server.addUser('trondheim', 'municipal', '5001');
    const made = await ok(await server.post(`${api}/meeting-places`, councilBody('5001', 'Innvandrerrådet i Trondheim (varsler)'), { token: t.admin }));
    const place = `${api}/meeting-places/${made.id}`;
    const of = async (token) => {
      const r = await server.get(`${api}/alerts`, { token });
      assert.equal(r.status, 200, r.text);
      return r.body.data.filter((a) => a.meeting_place === made.id).map(({ id, code, status, since }) => ({ id, code, status, since }));
    };
    const same = async (why) => {
      const alone = await of(trondheim);
      assert.deepEqual(await of(t.national), alone, why);
      return alone.map((a) => a.code).sort();
    };
    assert.deepEqual(await same('no work recorded yet: no alerts'), []);
    const person = (name, gender) => server.post(`${api}/people`, { name, gender }, { token: t.admin }).then((r) => ok(r).then((b) => b.id));
    const [sara, ali, omar] = [await person('Sara Ali', 'woman'), await person('Ali Sara', 'man'), await person('Omar Ali', 'man')];
    const seat = { role: 'member', seat: 'immigrant_population', starts: '2024-01-01', ends: '2027-12-31' };
    const member = (id) => server.post(`${place}/memberships`, { person: id, ...seat }, { token: t.admin }).then((r) => ok(r));
    await member(ali);
    await member(omar);
    assert.ok((await same('two men')).includes('gender_balance'));
    const saras = await member(sara);
    assert.ok(!(await same('two men and a woman')).includes('gender_balance'));
    // Sara is recorded as a man, and back: only the person changes, and the balance with her.
    const regender = async (gender) => {
      const before = await server.get(`${api}/people/${sara}`, { token: t.admin });
      const r = await server.put(`${api}/people/${sara}`, { name: 'Sara Ali', gender },
        { token: t.admin, headers: { 'if-match': before.headers.get('etag') } });
      assert.equal(r.status, 200, r.text);
    };
    await regender('man');
    assert.ok((await same('three men')).includes('gender_balance'));
    await regender('woman');
    assert.ok(!(await same('a woman again')).includes('gender_balance'));
    const del = await server.del(`${place}/memberships/${saras.id}`, { token: t.admin, headers: { 'if-match': '*' } });
    assert.equal(del.status, 204, del.text);
    assert.ok((await same('her membership deleted')).includes('gender_balance'));
    // Another process: a year's cases imported with the command line.
    const imported = cli(['cases', 'import', String(made.id), '-', '--db', server.db],
      `title,kind,received,deadline\nRåd om tolketjenesten,advice_request,${day(-3)},${day(2)}\n`);
    assert.equal(imported.status, 0, imported.stderr);
    assert.ok((await same('a deadline near, imported by another process')).includes('deadline_near'));
    // Deleted: its alerts are gone from the national list too.
    const gone = await server.del(place, { token: t.admin, headers: { 'if-match': '*' } });
    assert.equal(gone.status, 204, gone.text);
    assert.deepEqual(await of(t.national), []);
  });
});
