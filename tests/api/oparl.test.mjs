// The read-only OParl 1.1 view (contracts/operations.md, "OParl"; issue 10, item 6): the whole
// graph from /oparl/v1/system walked as a harvester walks it, and every object reached (embedded
// ones too) validated against the standard's schemas (tests/api/oparl-1.1, CC BY-SA 4.0); only
// what the public may see; objects that stop being public stay as `deleted: true`; the lists'
// filters and paging; absolute ids from --public-url, whatever Host the client sends.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT, Server, cli, councilBody, expectError } from './harness.mjs';

const PUBLIC = 'https://oparl.example.no';
const TYPE = 'https://schema.oparl.org/1.1/';

// The schemas' patterns escape ':' and '/', which a Unicode regular expression refuses.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const schemaDir = path.join(ROOT, 'tests/api/oparl-1.1');
const validators = {};
for (const f of readdirSync(schemaDir).filter((n) => n.endsWith('.json'))) {
  validators[f.replace('.json', '')] = ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')));
}
// A deleted object keeps only id, type, created, modified and deleted.
const validateDeleted = ajv.compile({
  type: 'object',
  required: ['id', 'type', 'deleted'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'url' },
    type: { type: 'string', pattern: '^https://schema\\.oparl\\.org/1\\.1/[A-Za-z]+$' },
    created: { type: 'string', format: 'date-time' },
    modified: { type: 'string', format: 'date-time' },
    deleted: { const: true },
  },
});

const server = new Server({ args: ['--public-url', PUBLIC] });
const t = {};
const ids = {};
const api = '/api/v1';

// The address on this test's server of an absolute id.
const local = (url) => {
  assert.ok(url.startsWith(`${PUBLIC}/oparl/v1/`), `not an absolute id of the view: ${url}`);
  return url.slice(PUBLIC.length);
};

async function oparl(url, headers = {}) {
  const res = await fetch(server.url + (url.startsWith('http') ? local(url) : url), { headers });
  const text = await res.text();
  assert.equal(res.status, 200, `${url}: ${res.status} ${text.slice(0, 300)}`);
  assert.equal(res.headers.get('access-control-allow-origin'), '*', url);
  return JSON.parse(text);
}

// Validates an object and every object embedded in it; returns how many.
function validate(o, where, counts) {
  assert.equal(typeof o.type, 'string', `${where}: no type`);
  assert.ok(o.type.startsWith(TYPE), `${where}: ${o.type}`);
  const name = o.type.slice(TYPE.length);
  const check = o.deleted ? validateDeleted : validators[name];
  assert.ok(check, `${where}: no schema for ${name}`);
  assert.ok(check(o), `${where} (${name}${o.deleted ? ', deleted' : ''}): ${ajv.errorsText(check.errors)}\n${JSON.stringify(o).slice(0, 400)}`);
  counts[name] = (counts[name] ?? 0) + 1;
  for (const [key, value] of Object.entries(o)) {
    // A field without a value is left out.
    assert.ok(value !== null && value !== '', `${where}: ${key} is ${JSON.stringify(value)}`);
    const embedded = Array.isArray(value) ? value : [value];
    for (const e of embedded) {
      if (e && typeof e === 'object' && typeof e.type === 'string') validate(e, `${where} > ${key}`, counts);
    }
  }
}

// Every address of the view named anywhere in a value.
function addresses(value, out) {
  if (typeof value === 'string') {
    if (value.startsWith(`${PUBLIC}/oparl/v1/`) && !value.endsWith('.md')) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) addresses(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'links') addresses(v, out);
  }
}

// Walks the whole graph from the system: every list page by page, every object by its id.
async function walk() {
  const seen = new Set();
  const queue = [`${PUBLIC}/oparl/v1/system`];
  const counts = {};
  const objects = [];
  let text = '';
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const body = await oparl(url);
    text += JSON.stringify(body);
    const found = [];
    if (Array.isArray(body.data)) {
      assert.ok(body.pagination && body.links, `${url}: a list without pagination or links`);
      assert.equal(typeof body.pagination.totalElements, 'number');
      for (const o of body.data) { validate(o, url, counts); objects.push(o); addresses(o, found); }
      if (body.links.next) found.push(body.links.next);
    } else {
      validate(body, url, counts);
      objects.push(body);
      addresses(body, found);
    }
    for (const a of found) if (!seen.has(a)) queue.push(a);
  }
  return { counts, objects, text, seen };
}

before(async () => {
  await server.start();
  t.admin = server.addUser('oparl-admin', 'admin');
  // The demo data: example meeting places with members, meetings and cases with outcomes.
  const r = cli(['demo', 'load', '--db', server.db]);
  assert.equal(r.status, 0, r.stderr);
  // A council of our own in Trondheim, with a member shown publicly and one who is not, both
  // with special categories recorded.
  const place = await server.post(`${api}/meeting-places`, councilBody('5001', 'Innvandrerrådet i Trondheim (OParl)'), { token: t.admin });
  assert.equal(place.status, 201, place.text);
  ids.place = place.body.id;
  const shown = await server.post(`${api}/people`, { name: 'Hodan Warsame', gender: 'woman', birth_year: 1979,
    immigrant_background: true, country_of_background: 'SO', special_category_basis: 'consent', show_publicly: true }, { token: t.admin });
  const hidden = await server.post(`${api}/people`, { name: 'Skjult Medlemsen', gender: 'man', birth_year: 1966,
    immigrant_background: true, country_of_background: 'ER', special_category_basis: 'consent', show_publicly: false }, { token: t.admin });
  ids.shown = shown.body.id;
  ids.hidden = hidden.body.id;
  for (const [person, role] of [[ids.shown, 'chair'], [ids.hidden, 'member']]) {
    const m = await server.post(`${api}/meeting-places/${ids.place}/memberships`, { person, role, seat: 'immigrant_population',
      on_behalf_of: 'Somalisk forening', paid: true, starts: '2023-11-01', ends: '2027-10-31' }, { token: t.admin });
    assert.equal(m.status, 201, m.text);
  }
  const hearing = await server.post(`${api}/meeting-places/${ids.place}/cases`, { title: 'Høring om integreringsplanen',
    kind: 'hearing', from_body: 'Bystyret', case_number: '2026/1234', received: '2026-02-01', deadline: '2026-03-01',
    statement: 'Rådet støtter planen.', sent: '2026-02-20', public: true,
    decision: { body: 'Bystyret', date: '2026-04-01', outcome: 'followed', note: null, reference: null } }, { token: t.admin });
  assert.equal(hearing.status, 201, hearing.text);
  ids.hearing = hearing.body.id;
  const secret = await server.post(`${api}/meeting-places/${ids.place}/cases`, { title: 'Unntatt offentlighet',
    kind: 'advice_request', received: '2026-02-02', public: false }, { token: t.admin });
  ids.secret = secret.body.id;
  const meeting = await server.post(`${api}/meeting-places/${ids.place}/meetings`, { starts_at: '2026-02-15T17:00:00Z',
    ends_at: '2026-02-15T19:00:00Z', location: 'Rådhuset, møterom 3', kind: 'ordinary', public: true,
    agenda: [{ number: '1/26', title: 'Høring om integreringsplanen', case: ids.hearing, public: true },
      { number: '2/26', title: 'Lukket sak', public: false }],
    minutes: 'Rådet vedtok uttalelsen.', attendance: [ids.shown, ids.hidden] }, { token: t.admin });
  assert.equal(meeting.status, 201, meeting.text);
  ids.meeting = meeting.body.id;
});
after(async () => { await server.stop(); server.cleanup(); });

describe('the OParl view', () => {
  test('every object reached from the system is valid against the OParl 1.1 schemas', async () => {
    const { counts, objects, text } = await walk();
    for (const type of ['System', 'Body', 'Organization', 'Person', 'Membership', 'Meeting', 'AgendaItem', 'Paper',
      'Consultation', 'File', 'LegislativeTerm', 'Location']) {
      assert.ok(counts[type] > 0, `no ${type} reached: ${JSON.stringify(counts)}`);
    }
    // Ids are absolute, under the configured public address.
    for (const o of objects) assert.ok(o.id.startsWith(`${PUBLIC}/oparl/v1/`), o.id);
    // Our council is there with its public work.
    const org = objects.find((o) => o.id === `${PUBLIC}/oparl/v1/organization/${ids.place}`);
    assert.equal(org.name, 'Innvandrerrådet i Trondheim (OParl)');
    assert.equal(org.body, `${PUBLIC}/oparl/v1/body/5001`);
    const body = objects.find((o) => o.id === `${PUBLIC}/oparl/v1/body/5001`);
    assert.equal(body.name, 'Trondheim kommune');
    assert.equal(body.license, 'https://data.norge.no/nlod/no/2.0');
    const paper = objects.find((o) => o.id === `${PUBLIC}/oparl/v1/paper/${ids.hearing}`);
    assert.equal(paper.reference, '2026/1234');
    assert.deepEqual(paper.consultation[0].organization, [org.id]);
    const meeting = objects.find((o) => o.id === `${PUBLIC}/oparl/v1/meeting/${ids.meeting}`);
    assert.equal(meeting.agendaItem.length, 1, 'only the public agenda item');
    assert.equal(meeting.agendaItem[0].result, 'Fulgt');
    assert.equal(meeting.resultsProtocol.text, 'Rådet vedtok uttalelsen.');
    const minutes = await fetch(server.url + local(meeting.resultsProtocol.accessUrl));
    assert.equal(await minutes.text(), 'Rådet vedtok uttalelsen.');
    // The public sees a member's name and role, and nothing of what it may not.
    assert.match(text, /Hodan Warsame/);
    assert.doesNotMatch(text, /Skjult Medlemsen/);
    for (const word of ['immigrant_background', 'country_of_background', 'special_category', 'birth_year',
      'Somalisk forening', 'Unntatt offentlighet', 'Lukket sak', '1979', 'attendance']) {
      assert.ok(!text.includes(word), `${word} in the OParl view`);
    }
    assert.ok(!objects.some((o) => o.id === `${PUBLIC}/oparl/v1/paper/${ids.secret}`));
    assert.ok(!objects.some((o) => Array.isArray(o.participant)), 'attendance is not public');
    // A person appears once per body.
    for (const body of objects.filter((o) => o.type === `${TYPE}Body` && !o.deleted)) {
      const people = (await oparl(`${body.person}?limit=1000`)).data;
      assert.equal(new Set(people.map((p) => p.id)).size, people.length, `${body.id}: a person twice`);
    }
  });

  test('ids come from --public-url, not from the Host the client sends', async () => {
    const system = await oparl('/oparl/v1/system', { host: 'evil.example.com' });
    assert.equal(system.id, `${PUBLIC}/oparl/v1/system`);
    assert.equal(system.oparlVersion, 'https://schema.oparl.org/1.1/');
    const bodies = await oparl('/oparl/v1/bodies', { host: 'evil.example.com', 'x-forwarded-host': 'evil.example.com' });
    assert.ok(!JSON.stringify(bodies).includes('evil'));
  });

  test('lists page with limit and keep their filters in the links', async () => {
    const first = await oparl('/oparl/v1/body/5001/memberships?limit=1&modified_since=2000-01-01');
    assert.equal(first.data.length, 1);
    assert.equal(first.pagination.elementsPerPage, 1);
    assert.ok(first.links.next.includes('modified_since=2000-01-01'), first.links.next);
    assert.ok(first.links.next.includes('limit=1'));
    assert.ok(first.links.next.startsWith(`${PUBLIC}/oparl/v1/body/5001/memberships?`));
    const future = await oparl('/oparl/v1/body/5001/papers?created_since=2999-01-01T00:00:00%2B01:00');
    assert.deepEqual(future.data, []);
    const past = await oparl('/oparl/v1/body/5001/papers?created_until=2000-01-01');
    assert.deepEqual(past.data, []);
    const all = await oparl('/oparl/v1/body/5001/papers?modified_until=2999-12-31T23:59:59Z');
    assert.ok(all.data.some((p) => p.id.endsWith(`/paper/${ids.hearing}`)));
  });

  test('a bad filter or limit is refused naming the parameter', async () => {
    for (const [query, pointer] of [['created_since=yesterday', '/created_since'], ['modified_until=2026-13-01', '/modified_until'],
      ['modified_since=2026-02-01T25:00:00Z', '/modified_since'], ['limit=0', '/limit'], ['limit=abc', '/limit'],
      ['limit=100000', '/limit'], ['page=-1', '/page'], ['sort=name', '/sort']]) {
      const res = await server.get(`/oparl/v1/body/5001/meetings?${query}`);
      expectError(res, 400, 'invalid', pointer);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
    }
    assert.equal((await server.get('/oparl/v1/body/9999')).status, 404);
    assert.equal((await server.get(`/oparl/v1/paper/${ids.secret}`)).status, 404);
    assert.equal((await server.get(`/oparl/v1/body/5001/person/${ids.hidden}`)).status, 404);
  });
});

describe('what stops being public', () => {
  test('a public meeting, a published case and the membership of a shown member removed with DELETE stay as deleted: true', async () => {
    const any = { token: t.admin, headers: { 'if-match': '*' } };
    const place = (p) => `${api}/meeting-places/${ids.place}${p}`;
    const meeting = await server.post(place('/meetings'), { starts_at: '2026-03-10T17:00:00Z', ends_at: '2026-03-10T19:00:00Z',
      location: 'Rådhuset', kind: 'extra', called_by: 'immigrant_population', public: true, agenda: [], attendance: [] }, { token: t.admin });
    assert.equal(meeting.status, 201, meeting.text);
    const paper = await server.post(place('/cases'), { title: 'Høring om bibliotekplanen', kind: 'hearing',
      received: '2026-03-01', public: true }, { token: t.admin });
    assert.equal(paper.status, 201, paper.text);
    const person = await server.post(`${api}/people`, { name: 'Leyla Ahmadi', gender: 'woman', show_publicly: true }, { token: t.admin });
    assert.equal(person.status, 201, person.text);
    const member = await server.post(place('/memberships'), { person: person.body.id, role: 'member',
      seat: 'immigrant_population', starts: '2023-11-01' }, { token: t.admin });
    assert.equal(member.status, 201, member.text);
    const shown = {
      meeting: `/oparl/v1/meeting/${meeting.body.id}`, paper: `/oparl/v1/paper/${paper.body.id}`,
      membership: `/oparl/v1/membership/${member.body.id}`,
    };
    for (const url of Object.values(shown)) assert.equal((await oparl(url)).deleted, undefined, url);

    assert.equal((await server.del(place(`/meetings/${meeting.body.id}`), any)).status, 204);
    assert.equal((await server.del(place(`/cases/${paper.body.id}`), any)).status, 204);
    assert.equal((await server.del(place(`/memberships/${member.body.id}`), any)).status, 204);
    for (const [list, url] of [['meetings', shown.meeting], ['papers', shown.paper], ['memberships', shown.membership]]) {
      const gone = await oparl(url);
      assert.equal(gone.deleted, true, `${url} after DELETE`);
      assert.ok(validateDeleted(gone), url);
      assert.ok(gone.modified >= gone.created);
      const all = await oparl(`/oparl/v1/body/5001/${list}`);
      assert.ok(all.data.some((o) => o.id === gone.id && o.deleted === true), `${list} lists ${url} as deleted`);
    }
    // The person shown in no other membership of the body is withdrawn too, without the name.
    const people = await oparl('/oparl/v1/body/5001/people');
    assert.ok(!JSON.stringify(people).includes('Leyla Ahmadi'));
    // A meeting that was never public leaves nothing behind.
    const closed = await server.post(place('/meetings'), { starts_at: '2026-03-11T17:00:00Z', kind: 'ordinary', public: false,
      agenda: [], attendance: [] }, { token: t.admin });
    assert.equal(closed.status, 201, closed.text);
    assert.equal((await server.del(place(`/meetings/${closed.body.id}`), any)).status, 204);
    assert.equal((await server.get(`/oparl/v1/meeting/${closed.body.id}`)).status, 404);
  });

  test('a case made private, a member no longer shown and a deleted meeting place stay as deleted: true', async () => {
    const before = await oparl(`/oparl/v1/paper/${ids.hearing}`);
    assert.equal(before.deleted, undefined);
    const r = await server.get(`${api}/meeting-places/${ids.place}/cases/${ids.hearing}`, { token: t.admin });
    const { title, kind, from_body, case_number, received, deadline, handled_at_meeting, statement, sent, decision } = r.body;
    const put = await server.put(`${api}/meeting-places/${ids.place}/cases/${ids.hearing}`, { title, kind, from_body,
      case_number, received, deadline, handled_at_meeting, statement, sent, decision, public: false, version: r.body.version },
    { token: t.admin });
    assert.equal(put.status, 200, put.text);
    const gone = await oparl(`/oparl/v1/paper/${ids.hearing}`);
    assert.deepEqual(Object.keys(gone).sort(), ['created', 'deleted', 'id', 'modified', 'type']);
    assert.equal(gone.deleted, true);
    assert.ok(gone.modified >= before.modified);
    assert.ok(validateDeleted(gone));
    const papers = await oparl('/oparl/v1/body/5001/papers');
    assert.ok(papers.data.some((p) => p.id === gone.id && p.deleted === true));
    // A harvester asking for what changed since its last visit gets it.
    const since = await oparl(`/oparl/v1/body/5001/papers?modified_since=${encodeURIComponent(before.modified)}`);
    assert.ok(since.data.some((p) => p.id === gone.id && p.deleted === true));

    // The member who was shown asks not to be.
    const p = await server.get(`${api}/people/${ids.shown}`, { token: t.admin });
    const { name, gender, birth_year, immigrant_background, country_of_background, special_category_basis } = p.body;
    const hide = await server.put(`${api}/people/${ids.shown}`, { name, gender, birth_year, immigrant_background,
      country_of_background, special_category_basis, show_publicly: false, version: p.body.version }, { token: t.admin });
    assert.equal(hide.status, 200, hide.text);
    const person = await oparl(`/oparl/v1/body/5001/person/${ids.shown}`);
    assert.equal(person.deleted, true);
    assert.equal(person.name, undefined);
    const people = await oparl('/oparl/v1/body/5001/people');
    assert.ok(!JSON.stringify(people).includes('Hodan Warsame'));

    // The meeting place is deleted.
    const del = await server.del(`${api}/meeting-places/${ids.place}`, { token: t.admin, headers: { 'if-match': '*' } });
    assert.equal(del.status, 204, del.text);
    const org = await oparl(`/oparl/v1/organization/${ids.place}`);
    assert.equal(org.deleted, true);
    assert.ok(validateDeleted(org));
    const { counts } = await walk();
    assert.ok(counts.Organization > 0);
  });
});
