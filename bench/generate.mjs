#!/usr/bin/env node
// Writes N valid, varied meeting places as a JSON array that `moteplass import` accepts: a
// synthetic national register, shaped like Norway.
//
//   node bench/generate.mjs [N=1000] [OUT=-]
//
// The profiles start from the typology's shared cases (tests/typology/shared-cases.json: a
// council, a contact committee, a dialogue forum, a police forum, an international house and
// one that is not a meeting place) and vary seats, selection, purposes and functions, so the
// computed kinds differ. About one in thirty is a county-level body, spread evenly over the 15
// counties. The others are spread over the 357 municipalities of data/kommuner-2024.csv by
// population (bench/population-2024.csv: Statistics Norway, table 07459, 1 January 2024,
// NLOD 2.0): when there are at least 357, every municipality has one and the rest go by
// population (Oslo about 13 %, Utsira one), else they are drawn by population. The records come
// in a shuffled order, as a register fills over the years. Deterministic (seeded), so every run
// benchmarks the same register.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const n = Number.parseInt(process.argv[2] ?? '1000', 10);
const out = process.argv[3] ?? '-';
if (!Number.isInteger(n) || n < 0) {
  console.error('usage: node bench/generate.mjs [N] [OUT|-]');
  process.exit(2);
}

// mulberry32: a small seeded generator.
let seed = 0x6d6f7465;
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

const cases = JSON.parse(readFileSync(path.join(ROOT, 'tests/typology/shared-cases.json'), 'utf8')).map((c) => c.case);
const municipalities = readFileSync(path.join(ROOT, 'data/kommuner-2024.csv'), 'utf8')
  .trim().split(/\r?\n/).slice(1)
  .map((line) => {
    const [number, name, county, countyName] = line.split(',');
    return { number, name, county, countyName };
  });
const counties = [...new Map(municipalities.map((m) => [m.county, m.countyName])).entries()]
  .map(([number, name]) => ({ number, name }));
const population = new Map(readFileSync(path.join(ROOT, 'bench/population-2024.csv'), 'utf8')
  .trim().split(/\r?\n/).slice(1)
  .map((line) => line.split(','))
  .map(([number, people]) => [number, Number(people)]));
for (const m of municipalities) {
  m.population = population.get(m.number);
  if (!(m.population > 0)) throw new Error(`bench/population-2024.csv has no population for ${m.number} ${m.name}`);
}
const people = municipalities.reduce((sum, m) => sum + m.population, 0);

// How many of `count` municipal meeting places each municipality gets (see the file comment):
// one each when there are enough, the rest by largest remainder of their share of the people.
function byPopulation(count) {
  const shares = new Map(municipalities.map((m) => [m, 0]));
  if (count < municipalities.length) {
    for (let i = 0; i < count; i++) {
      let r = random() * people;
      const m = municipalities.find((x) => (r -= x.population) < 0) ?? municipalities.at(-1);
      shares.set(m, shares.get(m) + 1);
    }
    return shares;
  }
  const rest = count - municipalities.length;
  const exact = municipalities.map((m) => ({ m, share: (rest * m.population) / people }));
  let given = 0;
  for (const { m, share } of exact) {
    shares.set(m, 1 + Math.floor(share));
    given += Math.floor(share);
  }
  exact.sort((x, y) => (y.share % 1) - (x.share % 1));
  for (let i = 0; given < rest; i++, given++) shares.set(exact[i].m, shares.get(exact[i].m) + 1);
  return shares;
}

// Name stems per template (same order as shared-cases.json), so names fit the structure.
const stems = [
  ['Innvandrerrådet', 'Flerkulturelt råd', 'Innvandrerrådet', 'Råd for innvandrere'],
  ['Kontaktutvalget for innvandrere', 'Kontaktutvalget', 'Kontaktorganet'],
  ['Dialogforum', 'Dialogmøtet', 'Flerkulturelt forum', 'Samarbeidsforum'],
  ['Politiets kontaktforum', 'Politirådet for innvandrere', 'Dialogforum med politiet'],
  ['Internasjonalt hus', 'Flerkulturelt senter', 'Verdenshuset', 'Fargespill-huset'],
  ['Foreningen for kulturutveksling', 'Internasjonal kafé', 'Kvinnenettverket'],
];
const purposes = ['political_influence', 'intermediary', 'integration', 'dialogue', 'prevent_racism', 'interfaith',
  'theme', 'activities', 'mobilisation', 'information'];
const selections = ['organisations_elect', 'election_among_nominees', 'authority_appoints', 'hand_picked',
  'open_participation'];
const openings = [
  'Møtestedet samler representanter for **innvandrerbefolkningen** og kommunen',
  'Et fast forum der organisasjoner, politikere og administrasjonen møtes',
  'Her treffes nye og gamle innbyggere',
  'Et samarbeid mellom frivillige organisasjoner og kommunen',
  'Et møtested for dialog mellom *minoritetsmiljøer* og lokale myndigheter',
];
const middles = [
  'Saker som gjelder bolig, skole, helse og arbeid står ofte på sakslista.',
  'Møtene er åpne, og referatene legges ut på kommunens nettsider.',
  'Medlemmene velges for fire år av gangen.',
  'Forumet gir råd til formannskapet og er høringsinstans i saker om integrering.',
  'Det arrangeres også temakvelder, språkkafé og en årlig kulturfestival.',
  'Arbeidet ble evaluert i fjor, og mandatet ble da utvidet.',
];

function variant(template, i) {
  const p = structuredClone(template);
  delete p.id;
  const s = p.seats;
  // Vary the sizes; sometimes move the balance enough that another kind (or none) results.
  s.immigrant_population = Math.max(0, s.immigrant_population + int(-2, 4));
  if (s.politicians > 0 || chance(0.15)) s.politicians = int(0, 6);
  if (chance(0.2)) s.administration = int(0, 3);
  if (s.police > 0 && chance(0.7)) s.police = int(1, 3);
  if (chance(0.15)) s.other = int(0, 4);
  if (chance(0.2)) p.immigrant_members_selected_by = pick(selections);
  if (chance(0.2)) p.purposes = [...new Set([pick(purposes), pick(purposes), ...p.purposes.slice(0, 1)])];
  if (chance(0.2)) p.functions = { hearing_body: chance(0.5), advisory_body: chance(0.6), delegated_authority: chance(0.05) };
  if (p.meetings_per_year !== undefined) p.meetings_per_year = int(2, 12);
  if (p.established_year !== undefined || chance(0.5)) p.established_year = int(1975, 2024);
  if (p.people) {
    const total = s.immigrant_population + s.politicians + s.administration + s.police + s.other;
    p.people = { immigrant_background: s.immigrant_population, women: int(0, total) };
    if (chance(0.1)) p.people.youth = int(0, 3);
  }
  if (p.established_year === undefined) delete p.established_year;
  return p;
}

// Where each record is: a county (an object with no population) or a municipality, shuffled.
const countyLevel = Math.round(n / 30);
const places = counties.flatMap((c, i) => Array(Math.floor(countyLevel / 15) + (i < countyLevel % 15 ? 1 : 0)).fill(c));
for (const [m, count] of byPopulation(n - countyLevel)) places.push(...Array(count).fill(m));
for (let i = places.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [places[i], places[j]] = [places[j], places[i]];
}

const records = [];
for (let i = 0; i < n; i++) {
  // Mostly real meeting places, a few that are not (index 5); an international house is
  // municipal.
  const county = places[i].population === undefined;
  const t = chance(0.05) ? 5 : Math.floor(random() * (county ? 4 : 5));
  const profile = variant(cases[t], i);
  let where;
  if (county) {
    const c = places[i];
    profile.level = 'county';
    profile.county = c.number;
    delete profile.municipality;
    where = c.name;
  } else {
    const m = places[i];
    profile.level = 'municipal';
    profile.municipality = m.number;
    where = m.name;
  }
  profile.name = `${pick(stems[t])} i ${where} ${i + 1}`;
  const description = [`${pick(openings)} i ${where}.`, pick(middles), chance(0.5) ? pick(middles) : '']
    .filter(Boolean).join(' ') + (chance(0.3) ? `\n\n- ${pick(middles)}\n- ${pick(middles)}` : '');
  const record = { profile, description, public: true };
  if (chance(0.7)) record.how_to_take_part = 'Ta kontakt med sekretariatet, eller kom på et av de åpne møtene.';
  if (chance(0.8)) record.contact = { email: `post${i + 1}@example.org`, phone: `+47 22 ${String(i).padStart(2, '0').slice(-2)} 00 00` };
  if (chance(0.6)) record.website = `https://moteplass-${i + 1}.example.org/`;
  if (profile.established_year && chance(0.5)) record.established = `${profile.established_year}-0${int(1, 9)}-1${int(0, 9)}`;
  records.push(record);
}

const text = JSON.stringify(records, null, 1) + '\n';
if (out === '-') process.stdout.write(text);
else writeFileSync(out, text);
