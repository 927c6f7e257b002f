// The OpenAPI document matches what the server does: it is served at /api/v1/openapi.json,
// every route the server answers is in it, and real responses (bodies and status codes) of every
// endpoint, including errors, validate against the schemas it declares. The document checked is
// the one the server serves, that is the bundle the build makes from openapi/*.json and
// data/profile.schema.json, not any one source file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT, Server, councilBody, countyBody, sharedCases } from './harness.mjs';

let doc;
let served;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const METHODS = ['get', 'post', 'put', 'delete'];

// The value a local $ref ("#/a/b") points at in the document, or undefined.
function resolve(ref) {
  if (!ref.startsWith('#/')) return undefined;
  return ref.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((o, k) => o?.[k], doc);
}

// Finds the path template of the document that matches a concrete path.
function templateOf(p) {
  for (const t of Object.keys(doc.paths)) {
    const re = new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(p)) return t;
  }
  return null;
}

const checked = new Set();
function conforms(res, method, urlPath) {
  const p = urlPath.split('?')[0];
  const t = templateOf(p);
  assert.ok(t, `${p} is not in the OpenAPI document`);
  const op = doc.paths[t][method.toLowerCase()];
  assert.ok(op, `${method} ${t} is not in the OpenAPI document`);
  const code = String(res.status);
  const key = op.responses[code] ? code : 'default';
  let response = op.responses[key];
  assert.ok(response, `${method} ${t} does not document status ${code}`);
  checked.add(`${method} ${t} ${code}`);
  // Error responses shared by many operations are $refs to components.responses; their schema
  // is reached through the component, since ajv follows $ref only inside schemas.
  let at = `/paths/${escape(t)}/${method.toLowerCase()}/responses/${key}`;
  if (response.$ref) {
    at = response.$ref.slice(1);
    response = resolve(response.$ref);
    assert.ok(response, `${method} ${t} ${code}: ${op.responses[key].$ref} does not resolve`);
  }
  const content = response.content?.['application/json'];
  if (!content) {
    assert.ok(res.text === '' || !res.headers.get('content-type')?.includes('json'), `${method} ${t} ${code} has a body the document does not describe`);
    return;
  }
  const pointer = `openapi.json#${at}/content/${escape('application/json')}/schema`;
  const validate = ajv.getSchema(pointer);
  assert.ok(validate, `no schema at ${pointer}`);
  const ok = validate(res.body);
  assert.ok(ok, `${method} ${urlPath} ${code} does not match the document: ${ajv.errorsText(validate.errors)}\n${res.text.slice(0, 500)}`);
}

const server = new Server();
let admin;
let researcher;
before(async () => {
  await server.start();
  served = await server.get('/api/v1/openapi.json');
  doc = served.body;
  if (doc) ajv.addSchema(doc, 'openapi.json');
  admin = server.addUser('admin', 'admin', undefined, 'admin-passord-123');
  researcher = server.addUser('forsker', 'researcher');
});
after(async () => { await server.stop(); server.cleanup(); });

test('the document is OpenAPI 3 and is served as JSON', async () => {
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type'), /^application\/json/);
  assert.match(doc.openapi, /^3\./);
  // Served the same way every time.
  assert.deepEqual((await server.get('/api/v1/openapi.json')).body, doc);
});

test('the document states the data licence and describes every tag (issue 13, item 10)', () => {
  assert.equal(doc.info.license.name, 'Norsk lisens for offentlige data (NLOD) 2.0');
  assert.equal(doc.info.license.url, 'https://data.norge.no/nlod/no/2.0');
  const described = new Map(doc.tags.map((t) => [t.name, t.description]));
  for (const [name, description] of described) assert.ok(description, `tag ${name} has no description`);
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      for (const tag of op.tags ?? []) assert.ok(described.has(tag), `tag ${tag} is not declared`);
    }
  }
});

test('the document is bundled from openapi/*.json, with the profile schema from its file', () => {
  // Exactly the operations the fragments define: a stale or partial bundle shows here.
  const ops = (paths) => Object.entries(paths ?? {}).flatMap(([p, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m} ${p}`));
  const dir = path.join(ROOT, 'openapi');
  const fromFragments = readdirSync(dir).filter((f) => f.endsWith('.json'))
    .flatMap((f) => ops(JSON.parse(readFileSync(path.join(dir, f), 'utf8')).paths));
  assert.deepEqual(ops(doc.paths).sort(), fromFragments.sort());
  // components.schemas.Profile is data/profile.schema.json, less the keys OpenAPI 3.0 has not.
  const { $schema, $id, ...profile } = JSON.parse(readFileSync(path.join(ROOT, 'data/profile.schema.json'), 'utf8'));
  assert.deepEqual(doc.components.schemas.Profile, profile);
  // Every $ref points at something in the document itself.
  const refs = [];
  (function walk(x, at) {
    if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === '$ref') refs.push([v, at]);
        else walk(v, `${at}/${escape(k)}`);
      }
    }
  })(doc, '');
  assert.ok(refs.length > 0);
  for (const [ref, at] of refs) assert.notEqual(resolve(ref), undefined, `$ref ${ref} at ${at} does not resolve`);
});

test('real responses of every endpoint validate against the document', async () => {
  const call = async (method, p, opts = {}) => {
    const r = await server.request(method, p, opts);
    conforms(r, method, p);
    return r;
  };
  await call('GET', '/api/v1/health');
  await call('GET', '/api/v1/openapi.json');
  await call('GET', '/api/v1/counties');
  await call('GET', '/api/v1/counties?page=0');
  await call('GET', '/api/v1/counties/03');
  await call('GET', '/api/v1/counties/99');
  await call('GET', '/api/v1/analysis');
  await call('GET', '/api/v1/analysis/kinds');
  await call('GET', '/api/v1/analysis/gender_balance?county=46&lang=nn');
  await call('GET', '/api/v1/analysis/kinds?kommune=0301');
  await call('GET', '/api/v1/analysis/ingenting');
  await call('GET', '/api/v1/municipalities?county=46');
  await call('GET', '/api/v1/municipalities?county=x');
  await call('GET', '/api/v1/municipalities/0301');
  await call('GET', '/api/v1/municipalities/9999');
  await call('GET', '/api/v1/regions');
  await call('GET', '/api/v1/regions/vest');
  await call('GET', '/api/v1/regions/x');

  const created = await call('POST', '/api/v1/meeting-places', { token: admin, body: councilBody('4601', 'OpenAPI-rådet') });
  assert.equal(created.status, 201);
  const id = created.body.id;
  await call('POST', '/api/v1/meeting-places', { token: admin, body: countyBody('46') });
  await call('POST', '/api/v1/meeting-places', { token: admin, body: { profile: { name: 'x' } } });
  await call('POST', '/api/v1/meeting-places', { body: councilBody() });
  await call('POST', '/api/v1/meeting-places', { token: researcher, body: councilBody() });
  await call('POST', '/api/v1/meeting-places', { token: admin, raw: '{' });
  const big = councilBody();
  big.description = 'x'.repeat(1100000);
  await call('POST', '/api/v1/meeting-places', { token: admin, body: big });
  await call('GET', '/api/v1/meeting-places');
  await call('GET', '/api/v1/meeting-places?q=r%C3%A5d&county=46&sort=-updated&per_page=5');
  await call('GET', '/api/v1/meeting-places?kind=club');
  await call('GET', `/api/v1/meeting-places/${id}`);
  await call('GET', '/api/v1/meeting-places/999999');
  const body = councilBody('4601', 'OpenAPI-rådet');
  body.description = 'Endret.';
  await call('PUT', `/api/v1/meeting-places/${id}`, { token: admin, body, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/meeting-places/${id}`, { token: admin, body, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/meeting-places/${id}`, { token: admin, body: { profile: 1 } });
  await call('PUT', `/api/v1/meeting-places/${id}`, { body });
  await call('PUT', `/api/v1/meeting-places/${id}`, { token: researcher, body });
  await call('PUT', '/api/v1/meeting-places/999999', { token: admin, body });
  await call('PUT', `/api/v1/meeting-places/${id}`, { token: admin, body });
  await call('GET', `/api/v1/meeting-places/${id}/history`, { token: admin });
  await call('GET', `/api/v1/meeting-places/${id}/history`, { token: researcher });
  await call('GET', `/api/v1/meeting-places/${id}/history`);
  await call('PUT', `/api/v1/meeting-places/${id}/kind`, { token: admin, body: { kind: 'dialogue', justification: 'Fordi.' } });
  await call('PUT', `/api/v1/meeting-places/${id}/kind`, { token: admin, body: { kind: 'dialogue', justification: 'Fordi.' }, headers: { 'if-match': '*' } });
  await call('PUT', `/api/v1/meeting-places/${id}/kind`, { token: admin, body: { kind: 'x' } });
  await call('DELETE', `/api/v1/meeting-places/${id}/kind`, { token: admin });
  await call('DELETE', `/api/v1/meeting-places/${id}/kind`, { token: admin, headers: { 'if-match': '*' } });
  // A meeting place in operation (contracts/operations.md).
  const person = await call('POST', '/api/v1/people', { token: admin, body: { name: 'Amina Farah', immigrant_background: true, special_category_basis: 'consent' } });
  await call('POST', '/api/v1/people', { token: admin, body: { name: '' } });
  await call('POST', '/api/v1/people', { body: { name: 'x' } });
  await call('GET', '/api/v1/people', { token: admin });
  await call('GET', '/api/v1/people', { token: researcher });
  await call('GET', `/api/v1/people/${person.body.id}`, { token: admin });
  await call('GET', '/api/v1/people/999999', { token: admin });
  await call('PUT', `/api/v1/people/${person.body.id}`, { token: admin, body: { name: 'Amina Farah', show_publicly: true } });
  await call('PUT', `/api/v1/people/${person.body.id}`, { token: admin, body: { name: 'Amina Farah', show_publicly: true }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/people/${person.body.id}`, { token: admin, body: { name: 'Amina Farah' }, headers: { 'if-match': '"1"' } });
  const other = await call('POST', '/api/v1/people', { token: admin, body: { name: 'Amina Farah' } });
  await call('POST', `/api/v1/people/${other.body.id}/merge`, { token: researcher, body: { into: person.body.id } });
  await call('POST', `/api/v1/people/${other.body.id}/merge`, { token: admin, body: { into: 'x' } });
  await call('POST', `/api/v1/people/${other.body.id}/merge`, { token: admin, body: { into: person.body.id } });
  const ops = `/api/v1/meeting-places/${id}`;
  const membership = await call('POST', `${ops}/memberships`, { token: admin, body: { person: person.body.id, seat: 'immigrant_population', starts: '2023-11-01' } });
  await call('POST', `${ops}/memberships`, { token: admin, body: { person: person.body.id, seat: 'x', starts: '2023-11-01' } });
  await call('POST', `${ops}/memberships`, { token: researcher, body: {} });
  await call('POST', '/api/v1/meeting-places/999999/memberships', { token: admin, body: {} });
  await call('GET', `${ops}/memberships`);
  await call('GET', `${ops}/memberships`, { token: admin });
  await call('GET', `${ops}/memberships/${membership.body.id}`, { token: admin });
  await call('GET', `${ops}/memberships/999999`);
  await call('PUT', `${ops}/memberships/${membership.body.id}`, { token: admin, body: { person: person.body.id, seat: 'politicians', starts: '2023-11-01' }, headers: { 'if-match': '*' } });
  await call('PUT', `${ops}/memberships/${membership.body.id}`, { token: admin, body: { person: person.body.id, seat: 'politicians', starts: '2023-11-01' } });
  await call('PUT', `${ops}/memberships/${membership.body.id}`, { token: admin, body: { person: person.body.id, seat: 'politicians', starts: '2023-11-01' }, headers: { 'if-match': '"1"' } });
  const meeting = await call('POST', `${ops}/meetings`, { token: admin, body: { starts_at: '2026-02-03T18:00:00+01:00', agenda: [{ title: 'Høring' }], attendance: [person.body.id] } });
  await call('POST', `${ops}/meetings`, { token: admin, body: {} });
  await call('GET', `${ops}/meetings`);
  await call('GET', `${ops}/meetings/${meeting.body.id}`);
  await call('GET', `${ops}/meetings/${meeting.body.id}`, { token: admin });
  await call('PUT', `${ops}/meetings/${meeting.body.id}`, { token: admin, body: { starts_at: '2026-02-03T18:00:00+01:00', cancelled: true }, headers: { 'if-match': '*' } });
  await call('PUT', `${ops}/meetings/${meeting.body.id}`, { token: admin, body: { starts_at: 'x' }, headers: { 'if-match': '*' } });
  const kase = await call('POST', `${ops}/cases`, { token: admin, body: { title: 'Høring om bosetting', kind: 'hearing', received: '2026-01-10', deadline: '2026-02-10', sent: '2026-02-01', decision: { outcome: 'followed' } } });
  await call('POST', `${ops}/cases`, { token: admin, body: { title: 'x', kind: 'x', received: '2026-01-01' } });
  await call('GET', `${ops}/cases`);
  await call('GET', `${ops}/cases?per_page=0`);
  await call('GET', `${ops}/cases/${kase.body.id}`);
  await call('PUT', `${ops}/cases/${kase.body.id}`, { token: admin, body: { title: 'Høring om bosetting', kind: 'hearing', received: '2026-01-10' }, headers: { 'if-match': '*' } });
  await call('PUT', `${ops}/cases/${kase.body.id}`, { token: researcher, body: {}, headers: { 'if-match': '*' } });
  // A researcher reads every record without names: here a meeting and a case that are not public
  // (null minutes and titles), removed again so that the rest sees the place as before.
  const closedMeeting = await call('POST', `${ops}/meetings`, { token: admin, body: { starts_at: '2026-03-03T18:00:00+01:00', public: false, cancelled: true, minutes: 'Referat', agenda: [{ title: 'Lukket', public: false }], attendance: [person.body.id] } });
  const closedCase = await call('POST', `${ops}/cases`, { token: admin, body: { title: 'Unntatt', kind: 'advice_request', received: '2026-01-12', public: false, statement: 'Tekst', decision: { outcome: 'followed', note: 'Notat' } } });
  await call('GET', `${ops}/memberships`, { token: researcher });
  await call('GET', `${ops}/memberships/${membership.body.id}`, { token: researcher });
  await call('GET', `${ops}/meetings`, { token: researcher });
  await call('GET', `${ops}/meetings/${closedMeeting.body.id}`, { token: researcher });
  await call('GET', `${ops}/cases`, { token: researcher });
  await call('GET', `${ops}/cases/${closedCase.body.id}`, { token: researcher });
  await call('DELETE', `${ops}/meetings/${closedMeeting.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('DELETE', `${ops}/cases/${closedCase.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('GET', `${ops}/influence`);
  await call('GET', `${ops}/influence?from=2025&to=2026`);
  await call('GET', `${ops}/influence?from=x`);
  await call('GET', '/api/v1/meeting-places/999999/influence');
  // A year's cases as CSV, all or nothing.
  const csv = { 'content-type': 'text/csv; charset=utf-8' };
  await call('POST', `${ops}/case-import`, { token: admin, raw: 'title,kind,received\nHøring om skolen,hearing,01.03.2026\n', headers: csv });
  await call('POST', `${ops}/case-import`, { token: admin, raw: 'title,kind,received\nHøring om skolen,høring,01.03.2026\n', headers: csv });
  await call('POST', `${ops}/case-import`, { token: admin, raw: '{}', headers: { 'content-type': 'application/json' } });
  await call('POST', `${ops}/case-import`, { token: researcher, raw: 'x', headers: csv });
  await call('POST', `${ops}/case-import`, { raw: 'x', headers: csv });
  await call('POST', '/api/v1/meeting-places/999999/case-import', { token: admin, raw: 'x', headers: csv });
  // Alerts (contracts/operations.md): computed from the record on each read; the meeting place
  // has a member and no meeting held (the only one is cancelled).
  const alerts = await call('GET', '/api/v1/alerts', { token: admin });
  assert.ok(alerts.body.data.some((a) => a.id === `no_meeting_6_months:${id}`), alerts.text);
  await call('GET', '/api/v1/alerts?per_page=0', { token: admin });
  await call('GET', '/api/v1/alerts');
  await call('GET', '/api/v1/alerts', { token: researcher });
  await call('POST', `/api/v1/alerts/no_meeting_6_months:${id}/acknowledge`, { token: admin, body: { until: '2099-01-01' } });
  await call('POST', `/api/v1/alerts/no_meeting_6_months:${id}/acknowledge`, { token: admin, body: { until: '2001-01-01' } });
  await call('POST', `/api/v1/alerts/no_meeting_6_months:${id}/acknowledge`, { token: researcher, body: {} });
  await call('POST', `/api/v1/alerts/no_meeting_6_months:${id}/acknowledge`, { body: {} });
  await call('POST', '/api/v1/alerts/term_ending:999999/acknowledge', { token: admin, body: {} });
  await call('POST', `/api/v1/alerts/no_meeting_6_months:${id}/acknowledge`, { token: admin, raw: '{}', headers: { 'content-type': 'text/plain' } });
  const feed = await call('POST', '/api/v1/alerts/feed-token', { token: admin });
  await call('POST', '/api/v1/alerts/feed-token', { token: researcher });
  await call('POST', '/api/v1/alerts/feed-token');
  await call('GET', '/api/v1/alerts/feed-token', { token: admin });
  await call('GET', '/api/v1/alerts/feed-token');
  await call('GET', `/api/v1/alerts/feed.atom?feed_token=${feed.body.feed_token}`);
  await call('GET', `/api/v1/alerts/feed.atom?feed_token=${feed.body.feed_token}&x=1`);
  await call('DELETE', '/api/v1/alerts/feed-token', { token: admin });
  await call('DELETE', '/api/v1/alerts/feed-token');
  await call('GET', `/api/v1/alerts/feed.atom?feed_token=${feed.body.feed_token}`);
  await call('DELETE', `${ops}/cases/${kase.body.id}`, { token: admin });
  await call('DELETE', `${ops}/cases/${kase.body.id}`, { token: researcher, headers: { 'if-match': '*' } });
  await call('DELETE', `${ops}/cases/${kase.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('DELETE', `${ops}/cases/${kase.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('DELETE', `${ops}/meetings/${meeting.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('DELETE', `${ops}/memberships/${membership.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('DELETE', `/api/v1/people/${person.body.id}`, { token: researcher, headers: { 'if-match': '*' } });
  await call('DELETE', `/api/v1/people/${person.body.id}`, { token: admin, headers: { 'if-match': '"1"' } });
  await call('DELETE', `/api/v1/people/${person.body.id}`, { token: admin });
  await call('DELETE', `/api/v1/people/${person.body.id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('POST', '/api/v1/classify', { body: sharedCases().map((c) => c.case) });
  await call('POST', '/api/v1/classify', { body: sharedCases()[0].case });
  await call('POST', '/api/v1/classify', { body: [{ name: 'x' }] });
  await call('POST', '/api/v1/advice', { body: { municipality: '1812', immigrant_organisations: 1, political_will: 'some', need: 'both', themes: ['police'], immigration: ['refugees'], youth: true, existing: [id] } });
  await call('POST', '/api/v1/advice', { body: { municipality: '9999' } });
  await call('POST', '/api/v1/advice', { raw: '{"municipality": "4601"}', headers: { 'content-type': 'text/plain' } });
  const login = await call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'admin-passord-123' } });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  await call('GET', '/api/v1/auth/me', { headers: { cookie } });
  await call('GET', '/api/v1/auth/me');
  const made = await call('POST', '/api/v1/auth/tokens', { token: researcher, body: { name: 'OpenAPI', expires_in_days: 30 } });
  await call('POST', '/api/v1/auth/tokens', { token: researcher, body: { expires_in_days: -1 } });
  await call('POST', '/api/v1/auth/tokens', { body: {} });
  await call('POST', '/api/v1/auth/tokens', { headers: { cookie }, body: {} });
  await call('GET', '/api/v1/auth/tokens', { token: researcher });
  await call('GET', '/api/v1/auth/tokens?per_page=0', { token: researcher });
  await call('GET', '/api/v1/auth/tokens');
  await call('DELETE', '/api/v1/auth/tokens/999999', { token: researcher });
  await call('DELETE', `/api/v1/auth/tokens/${made.body.token.id}`, { headers: { cookie } });
  await call('DELETE', `/api/v1/auth/tokens/${made.body.token.id}`);
  await call('DELETE', `/api/v1/auth/tokens/${made.body.token.id}`, { token: researcher });
  await call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'feil' } });
  await call('POST', '/api/v1/auth/login', { body: { username: 'admin' } });
  await call('POST', '/api/v1/auth/login', { raw: '{"username": "admin", "password": "x"}', headers: { 'content-type': 'text/plain' } });
  await call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'x' }, headers: { origin: 'https://annen.example' } });
  await call('POST', '/api/v1/auth/logout', { headers: { origin: 'https://annen.example' } });
  await call('POST', '/api/v1/meeting-places', { headers: { cookie }, body: councilBody() });
  await call('POST', '/api/v1/auth/logout', { headers: { cookie } });
  await call('DELETE', `/api/v1/meeting-places/${id}`, { token: researcher });
  await call('DELETE', `/api/v1/meeting-places/${id}`, { token: admin });
  await call('DELETE', `/api/v1/meeting-places/${id}`, { token: admin, headers: { 'if-match': '*' } });
  await call('DELETE', `/api/v1/meeting-places/${id}`, { token: admin, headers: { 'if-match': '*' } });
  // Suggestions from the public (issue 13, item 6).
  await call('POST', '/api/v1/suggestions', { body: { kind: 'missing', name: 'Innvandrerrådet i Drammen', municipality: '3301', message: 'Møtes i rådhuset.', email: 'kari@example.no' } });
  await call('POST', '/api/v1/suggestions', { body: { kind: 'missing', name: 'Innvandrerrådet i Drammen', municipality: '9999', message: 'x' } });
  await call('POST', '/api/v1/suggestions', { raw: 'kind=missing', headers: { 'content-type': 'text/plain' } });
  const suggestions = await call('GET', '/api/v1/suggestions', { token: admin });
  await call('GET', '/api/v1/suggestions');
  await call('GET', '/api/v1/suggestions?status=x', { token: admin });
  await call('GET', '/api/v1/suggestions', { token: researcher });
  const suggestionId = suggestions.body.data[0].id;
  await call('GET', `/api/v1/suggestions/${suggestionId}`, { token: admin });
  await call('GET', `/api/v1/suggestions/${suggestionId}`, { token: researcher });
  await call('GET', '/api/v1/suggestions/999999', { token: admin });
  await call('POST', `/api/v1/suggestions/${suggestionId}/reject`, { token: admin, body: {} });
  await call('POST', `/api/v1/suggestions/${suggestionId}/accept`, { token: admin, body: {} });
  await call('POST', `/api/v1/suggestions/${suggestionId}/accept`, { token: admin, body: {} });
  await call('POST', `/api/v1/suggestions/${suggestionId}/reject`, { token: researcher, body: { reason: 'Nei' } });
  await call('POST', `/api/v1/suggestions/${suggestionId}/reject`, { body: { reason: 'Nei' } });
  await call('POST', '/api/v1/suggestions/999999/reject', { token: admin, body: { reason: 'Nei' } });
  for (let i = 0; i < 5; i++) await server.post('/api/v1/auth/login', { username: 'forsker', password: `feil-${i}` });
  await call('POST', '/api/v1/auth/login', { body: { username: 'forsker', password: 'feil' } });
  // Mapping studies (contracts/studies.md): the guides.
  await call('GET', '/api/v1/guides');
  await call('GET', '/api/v1/guides?per_page=0');
  await call('GET', '/api/v1/guides/participant-2007');
  await call('GET', '/api/v1/guides/nope');
  await call('GET', '/api/v1/guides/imdi-regional-2007/versions/1');
  await call('GET', '/api/v1/guides/imdi-regional-2007/versions/9');
  await call('GET', '/api/v1/guides/participant-2007/xlsform?version=x');
  await call('GET', '/api/v1/guides/participant-2007/xlsform?version=7');
  await call('GET', '/api/v1/guides/participant-2007/xlsform');
  // Studies, informants and identities.
  const studyPlace = (await server.post('/api/v1/meeting-places', councilBody('4601', 'Studierådet'), { token: admin })).body.id;
  const studyBody = { name: 'OpenAPI-studien', guides: ['participant-2007'], starts: '2026-01-01', leads: ['admin'], meeting_places: [studyPlace] };
  const study = await call('POST', '/api/v1/studies', { token: admin, body: studyBody });
  const sid = study.body.id;
  await call('POST', '/api/v1/studies', { token: admin, body: { ...studyBody, leads: [] } });
  await call('POST', '/api/v1/studies', { token: researcher, body: studyBody });
  await call('POST', '/api/v1/studies', { body: studyBody });
  await call('GET', '/api/v1/studies', { token: admin });
  await call('GET', '/api/v1/studies?x=1', { token: admin });
  await call('GET', `/api/v1/studies/${sid}`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}`, { token: researcher });
  await call('PUT', `/api/v1/studies/${sid}`, { token: admin, body: studyBody });
  await call('PUT', `/api/v1/studies/${sid}`, { token: admin, body: { ...studyBody, ends: '2025-01-01' }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}`, { token: admin, body: { ...studyBody, description: 'Ny.' }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}`, { token: admin, body: studyBody, headers: { 'if-match': '"1"' } });
  const informant = await call('POST', `/api/v1/studies/${sid}/informants`, { token: admin, body: { side: 'authority', consent: { form: 'oral', date: '2026-02-01' } } });
  const iid = informant.body.id;
  await call('POST', `/api/v1/studies/${sid}/informants`, { token: admin, body: { side: 'authority', minor: true, consent: { form: 'oral', date: '2026-02-01' } } });
  await call('GET', `/api/v1/studies/${sid}/informants`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/informants?x=1`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/informants/999999`, { token: admin });
  await call('PUT', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin, body: { side: 'other', consent: { form: 'oral', date: '2026-02-01' } } });
  await call('PUT', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin, body: { side: 'other', consent: { form: 'oral', date: '2026-02-01' } }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin, body: { side: 'x' }, headers: { 'if-match': '"2"' } });
  await call('PUT', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin, body: { side: 'other', consent: { form: 'oral', date: '2026-02-01' } }, headers: { 'if-match': '"1"' } });
  const interview = await call('POST', `/api/v1/studies/${sid}/interviews`, { token: admin, body: { informant: iid, answers: [{ question: 'training_offered', value: 'no', text: 'Nei.' }] } });
  await call('POST', `/api/v1/studies/${sid}/interviews`, { token: admin, body: { informant: iid, answers: [{ question: 'training_useful', value: 'yes' }] } });
  await call('GET', `/api/v1/studies/${sid}/interviews`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/matrix?meeting_place=${studyPlace}`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/matrix`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/matrix?meeting_place=1`, { token: researcher });
  await call('GET', `/api/v1/studies/${sid}/export?format=csv`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/export?format=xlsx`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/export?format=pdf`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/export?format=csv&with_identities=true`, { token: researcher });
  await call('GET', `/api/v1/studies/${sid}/export?format=csv`);
  // Proposals to the register (contracts/studies.md, "Proposal").
  await call('GET', `/api/v1/studies/${sid}/meeting-places/${studyPlace}/proposal`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/meeting-places/999999/proposal`, { token: admin });
  await call('POST', `/api/v1/studies/${sid}/meeting-places/${studyPlace}/proposal/accept`, { token: admin, body: { pointers: ['/profile/nope'] }, headers: { 'if-match': '"1"' } });
  await call('POST', `/api/v1/studies/${sid}/meeting-places`, { token: admin, body: councilBody('4601', 'Funnet av studien') });
  await call('POST', `/api/v1/studies/${sid}/meeting-places`, { token: admin, body: { profile: {} } });
  // The codebook and the codings (contracts/studies.md, Codebook and Coding).
  const book = await call('GET', `/api/v1/studies/${sid}/codebook`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/codebook?x=1`, { token: admin });
  await call('PUT', `/api/v1/studies/${sid}/codebook`, { token: admin, body: { codes: book.body.codes } });
  await call('PUT', `/api/v1/studies/${sid}/codebook`, { token: admin, body: { codes: [{ id: 'X' }] }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}/codebook`, { token: admin, body: { codes: book.body.codes }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}/codebook`, { token: admin, body: { codes: book.body.codes }, headers: { 'if-match': '"1"' } });
  const codingBody = { interview: interview.body.id, question: 'training_offered', start: 0, end: 3, code: 'training_none', memo: null };
  const coding = await call('POST', `/api/v1/studies/${sid}/codings`, { token: admin, body: codingBody });
  await call('POST', `/api/v1/studies/${sid}/codings`, { token: admin, body: { ...codingBody, end: 99 } });
  await call('GET', `/api/v1/studies/${sid}/codings`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/codings?x=1`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/codings/999999`, { token: admin });
  await call('PUT', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin, body: { code: 'training_received' } });
  await call('PUT', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin, body: { code: 'training_received' }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin, body: { code: 'nope' }, headers: { 'if-match': '"2"' } });
  await call('PUT', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin, body: { code: 'training_none' }, headers: { 'if-match': '"1"' } });
  await call('DELETE', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin, headers: { 'if-match': '"1"' } });
  await call('DELETE', `/api/v1/studies/${sid}/codings/${coding.body.id}`, { token: admin, headers: { 'if-match': '"2"' } });
  await call('GET', `/api/v1/studies/${sid}/interviews?x=1`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/interviews/${interview.body.id}`, { token: admin });
  await call('GET', `/api/v1/studies/${sid}/interviews/999999`, { token: admin });
  await call('PUT', `/api/v1/studies/${sid}/interviews/${interview.body.id}`, { token: admin, body: { informant: iid } });
  await call('PUT', `/api/v1/studies/${sid}/interviews/${interview.body.id}`, { token: admin, body: { informant: iid, answers: [{ question: 'training_offered', value: 'no', text: 'Nei, aldri.' }] }, headers: { 'if-match': '"1"' } });
  await call('PUT', `/api/v1/studies/${sid}/interviews/${interview.body.id}`, { token: admin, body: { informant: iid }, headers: { 'if-match': '"1"' } });
  await call('DELETE', `/api/v1/studies/${sid}/interviews/${interview.body.id}`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}/interviews/${interview.body.id}`, { token: admin, headers: { 'if-match': '"2"' } });
  await call('GET', `/api/v1/studies/${sid}/informants/${iid}/identity`, { token: admin });
  await call('PUT', `/api/v1/studies/${sid}/informants/${iid}/identity`, { token: admin, body: { name: 'Kari', email: 'x' } });
  await call('PUT', `/api/v1/studies/${sid}/informants/${iid}/identity`, { token: admin, body: { name: 'Kari', phone: null, email: null, organisation: null } });
  await call('GET', `/api/v1/studies/${sid}/informants/${iid}/identity`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}/informants/${iid}/identity`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}/informants/${iid}/identity`, { token: admin });
  await call('POST', `/api/v1/studies/${sid}/informants/${iid}/withdraw`, { token: admin, body: { date: 'x' } });
  await call('POST', `/api/v1/studies/${sid}/informants/${iid}/withdraw`, { token: admin, body: { date: '2026-03-01' } });
  await call('GET', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}/informants/${iid}`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}`, { token: admin });
  await call('DELETE', `/api/v1/studies/${sid}`, { token: admin, headers: { 'if-match': '"9"' } });
  await call('DELETE', `/api/v1/studies/${sid}`, { token: researcher, headers: { 'if-match': '"2"' } });
  await call('DELETE', `/api/v1/studies/${sid}`, { token: admin, headers: { 'if-match': '"2"' } });
  // Every documented operation was exercised with a real response, and so was every status
  // the calls above can produce (44 method, path and status combinations when this was written).
  for (const [t, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops).filter((m) => METHODS.includes(m))) {
      const prefix = `${method.toUpperCase()} ${t} `;
      assert.ok([...checked].some((c) => c.startsWith(prefix)), `no real response of ${method.toUpperCase()} ${t} was checked`);
    }
  }
  assert.ok(checked.size >= 44, `${checked.size} combinations checked`);
});

test('every documented path answers (no route is documented but missing)', async () => {
  for (const t of Object.keys(doc.paths)) {
    const concrete = t.replace('{number}', '03').replace('{id}', '1');
    for (const method of Object.keys(doc.paths[t])) {
      if (!METHODS.includes(method)) continue;
      const r = await server.request(method.toUpperCase(), concrete, { token: admin, body: method === 'get' || method === 'delete' ? undefined : {} });
      assert.notEqual(r.status, 405, `${method} ${t} is documented but not routed`);
    }
  }
});
