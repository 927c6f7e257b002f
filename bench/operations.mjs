#!/usr/bin/env node
// Writes SQL (for the sqlite3 shell) that fills a register already holding meeting places with
// the operations data of a national synthetic register (the analyses' benchmark, bench/analysis):
// PEOPLE people (gender, birth year, for most a country of background with its basis), their
// memberships over YEARS years (terms of four years from 1 November; a chair, a secretary,
// members and deputies; some people in two or more meeting places and some chairs for many
// terms, so the fiery-soul measures have something to find), CASES cases received over the
// years (most decided, with outcomes), and one mapping study with INTERVIEWS interviews on the
// participant guide (one informant each, with the closed influence answers perceived_vs_real
// reads), and MEETINGS meetings a year in every meeting place (none by default; bench/
// operations-speed asks for six: an agenda of four items, the members who came, minutes, one in
// twenty cancelled). Straight into the tables: the documents are what the store keeps (contracts/
// operations.md, studies.md); nothing is checked, so it is for benchmarks only.
//
//   sqlite3 -readonly DB 'SELECT id FROM meeting_places ORDER BY id' > ids.txt
//   node bench/operations.mjs ids.txt [PEOPLE=20000] [YEARS=10] [CASES=50000] [INTERVIEWS=5000] [MEETINGS=0] | sqlite3 DB
//
// Deterministic (seeded). The last year is the current one.
import { readFileSync } from 'node:fs';

const [idsFile, peopleArg = '20000', yearsArg = '10', casesArg = '50000', interviewsArg = '5000', meetingsArg = '0'] =
  process.argv.slice(2);
if (!idsFile) {
  console.error('usage: node bench/operations.mjs IDS.txt [PEOPLE] [YEARS] [CASES] [INTERVIEWS] [MEETINGS]');
  process.exit(2);
}
const places = readFileSync(idsFile, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
const [PEOPLE, YEARS, CASES, INTERVIEWS, MEETINGS] =
  [peopleArg, yearsArg, casesArg, interviewsArg, meetingsArg].map((a) => Number.parseInt(a, 10));

let seed = 0x616e616c;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const chance = (p) => random() < p;
const pad = (n) => String(n).padStart(2, '0');
const sql = (doc) => `'${JSON.stringify(doc).replaceAll("'", "''")}'`;
const NOW = '2026-01-01T00:00:00Z';
const thisYear = new Date().getUTCFullYear();
const first = thisYear - YEARS + 1;
const out = [];
const emit = (s) => out.push(s);

emit('PRAGMA foreign_keys = OFF;');
emit('BEGIN;');
const countries = ['PL', 'LT', 'SY', 'SO', 'ER', 'UA', 'IQ', 'AF', 'PK', 'VN', 'SE', 'DE', 'PH', 'TH', 'IR'];
for (let id = 1; id <= PEOPLE; ++id) {
  const person = { name: `Person ${id}`, gender: chance(0.02) ? 'unknown' : chance(0.5) ? 'woman' : 'man',
    birth_year: chance(0.05) ? int(thisYear - 17, thisYear - 14) : int(1940, 2000), immigrant_background: null,
    country_of_background: null, special_category_basis: null, show_publicly: false };
  if (chance(0.6)) {
    person.immigrant_background = true;
    person.country_of_background = chance(0.05) ? 'declined' : pick(countries);
    person.special_category_basis = 'consent';
  }
  emit(`INSERT INTO people (id, data, created_at, updated_at) VALUES (${id}, ${sql(person)}, '${NOW}', '${NOW}');`);
}
// Terms of four years starting 1 November, covering the years.
const terms = [];
for (let y = first - 4; y <= thisYear; y += 4) terms.push([`${y}-11-01`, `${y + 4}-10-31`]);
let membership = 0;
const rosters = new Map();  // meeting place -> the people of its last term, for attendance
const seats = ['immigrant_population', 'immigrant_population', 'politicians', 'administration', 'police', 'other'];
for (const place of places) {
  const size = int(5, 11);
  let chair = int(1, PEOPLE);
  for (const [starts, ends] of terms) {
    if (chance(0.6)) chair = int(1, PEOPLE);  // else the same chair again: a long chair
    const roster = [[chair, 'chair'], [chance(0.1) ? chair : int(1, PEOPLE), 'secretary']];
    for (let i = 0; i < size; ++i) roster.push([int(1, PEOPLE), chance(0.2) ? 'deputy_member' : 'member']);
    rosters.set(place, roster.map(([person]) => person));
    for (const [person, role] of roster) {
      const m = { person, role, seat: pick(seats), on_behalf_of: null, paid: false, starts,
        ends: ends < `${thisYear}-12-31` ? ends : null, show_publicly: false };
      emit(`INSERT INTO memberships (id, meeting_place, person, data, created_at, updated_at) VALUES (${++membership}, ${place}, ${person}, ${sql(m)}, '${NOW}', '${NOW}');`);
    }
  }
}
let meeting = 0;
for (const place of MEETINGS > 0 ? places : []) {
  const people = rosters.get(place) ?? [];
  for (let y = first; y <= thisYear; ++y) {
    for (let i = 0; i < MEETINGS; ++i) {
      const month = 1 + Math.floor((i * 12) / MEETINGS);
      const starts = `${y}-${pad(month)}-${pad(int(1, 28))}T16:00:00Z`;
      const agenda = [1, 2, 3, 4].map((n) => ({ number: `${n}/${String(y).slice(2)}`, order: n, title: `Sak ${n} i møtet`,
        proposed_by: null, case: null, public: !chance(0.1) }));
      const m = { starts_at: starts, ends_at: null, location: 'Rådhuset', kind: chance(0.1) ? 'extra' : 'ordinary',
        called_by: null, cancelled: chance(0.05), agenda, minutes: 'Referat fra møtet.',
        attendance: people.filter(() => chance(0.8)), public: true };
      emit(`INSERT INTO meetings (id, meeting_place, data, created_at, updated_at) VALUES (${++meeting}, ${place}, ${sql(m)}, '${NOW}', '${NOW}');`);
    }
  }
}
const outcomes = ['followed', 'followed', 'partly_followed', 'not_followed', 'no_decision', 'unknown'];
const kinds = ['hearing', 'advice_request', 'own_initiative'];
for (let id = 1; id <= CASES; ++id) {
  const y = int(first, thisYear);
  const received = `${y}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  const decided = chance(0.75);
  const c = { kind: pick(kinds), title: `Sak ${id}`, received, deadline: null, statement: null, public: !chance(0.05),
    decision: decided ? { body: 'Bystyret', date: received, outcome: pick(outcomes), note: null, reference: null } : null };
  emit(`INSERT INTO cases (id, meeting_place, data, created_at, updated_at) VALUES (${id}, ${pick(places)}, ${sql(c)}, '${NOW}', '${NOW}');`);
}
if (INTERVIEWS > 0) {
  const studyPlaces = places.filter(() => chance(0.5));
  const study = { name: 'Kartlegging (benchmark)', description: '', region: null, municipalities: [], meeting_places: studyPlaces,
    guides: ['participant-2007'], starts: `${thisYear}-01-01`, ends: `${thisYear}-12-31`, leads: ['bench-admin'],
    interviewers: [], analysts: [], identities_delete_after: `${thisYear + 1}-12-31` };
  emit(`INSERT INTO studies (id, data, created_at, updated_at) VALUES (1, ${sql(study)}, '${NOW}', '${NOW}');`);
  for (let id = 1; id <= INTERVIEWS; ++id) {
    const place = pick(studyPlaces);
    const informant = { pseudonym: `I-${id}`, side: 'immigrant_population', role: null, meeting_place: place, gender: 'unknown',
      consent: { form: 'oral', date: `${thisYear}-01-15`, guardian_informed: null } };
    emit(`INSERT INTO informants (id, study, number, data, created_at, updated_at) VALUES (${id}, 1, ${id}, ${sql(informant)}, '${NOW}', '${NOW}');`);
    const answer = (question) => ({ question, value: chance(0.6) ? 'yes' : 'no', text: '', status: 'answered', revision: 1 });
    const interview = { informant: id, meeting_place: place, guide: 'participant-2007', guide_version: 1, mode: 'phone',
      started_at: `${thisYear}-02-${pad(int(1, 28))}T10:00:00Z`, ended_at: null, interviewer: 'bench-admin',
      reviewed_for_identifiers: false, answers: [answer('place_influence'), answer('own_influence')] };
    emit(`INSERT INTO interviews (id, study, informant, data, created_at, updated_at) VALUES (${id}, 1, ${id}, ${sql(interview)}, '${NOW}', '${NOW}');`);
  }
}
emit('COMMIT;');
process.stdout.write(out.join('\n') + '\n');
