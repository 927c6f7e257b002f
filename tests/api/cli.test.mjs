// The command line: accounts, tokens, import and export (all or nothing), backup, demo data,
// help and exit statuses (0 success, 2 invalid input or usage, 1 other failure).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cli, councilBody, countyBody, tempDir } from './harness.mjs';

test('--help for the program and every command exits 0 and says what it does', () => {
  const top = cli(['--help']);
  assert.equal(top.status, 0);
  for (const c of ['serve', 'migrate', 'user', 'token', 'classify', 'import', 'export', 'backup', 'demo', 'audit', 'regions']) {
    assert.ok(top.stdout.includes(c), `--help mentions ${c}`);
  }
  for (const args of [['serve'], ['migrate'], ['user', 'add'], ['user', 'list'], ['user', 'disable'], ['token', 'create'],
    ['classify'], ['import'], ['export'], ['backup'], ['demo', 'remove'], ['audit'], ['regions', 'list'], ['regions', 'set']]) {
    const r = cli([...args, '--help']);
    assert.equal(r.status, 0, `${args.join(' ')} --help: ${r.stderr}`);
    assert.ok(r.stdout.length > 20);
  }
  assert.equal(cli([]).status, 2);
  assert.equal(cli(['frobnicate']).status, 2);
  assert.equal(cli(['serve', '--port', 'eighty']).status, 2);
  const url = cli(['serve', '--public-url', 'ftp://example.no']);
  assert.equal(url.status, 2);
  assert.match(url.stderr, /--public-url: expected an http:\/\/ or https:\/\/ address/);
});

test('user add validates role, scope and password; list shows accounts; token create prints only the token', () => {
  const db = path.join(tempDir(), 'db.sqlite');
  const bad = [
    [['user', 'add', 'x', '--role', 'king', '--db', db], 'role'],
    [['user', 'add', 'x', '--role', 'regional', '--scope', 'atlantis', '--db', db], 'region'],
    [['user', 'add', 'x', '--role', 'municipal', '--scope', '9999', '--db', db], 'municipality'],
    [['user', 'add', 'x', '--role', 'municipal', '--db', db], 'scope'],
    [['user', 'add', 'x', '--role', 'secretary', '--scope', '42', '--db', db], 'meeting place'],
  ];
  for (const [args, word] of bad) {
    const r = cli(args, 'et-langt-passord\n');
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(word));
  }
  const short = cli(['user', 'add', 'x', '--role', 'admin', '--db', db], 'kort\n');
  assert.equal(short.status, 2);
  assert.match(short.stderr, /password/);
  assert.equal(cli(['user', 'add', 'kari', '--role', 'municipal', '--scope', '4601', '--db', db], 'et-langt-passord\n').status, 0);
  const dup = cli(['user', 'add', 'Kari', '--role', 'admin', '--db', db], 'et-langt-passord\n');
  assert.notEqual(dup.status, 0);
  const list = cli(['user', 'list', '--db', db]);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /^kari\tmunicipal\t4601\tactive\t/m);
  const token = cli(['token', 'create', 'kari', '--db', db]);
  assert.equal(token.status, 0);
  assert.match(token.stdout, /^[A-Za-z0-9_-]{43}\n$/);
  assert.notEqual(cli(['token', 'create', 'nobody', '--db', db]).status, 0);
  assert.equal(cli(['user', 'disable', 'kari', '--db', db]).status, 0);
  assert.match(cli(['user', 'list', '--db', db]).stdout, /^kari\t.*\tdisabled\t/m);
  // Nothing personal in the audit log beyond account names: no passwords.
  const audit = cli(['audit', '--db', db]);
  assert.doesNotMatch(audit.stdout, /et-langt-passord/);
});

test('import is all or nothing and names the record and field that failed; export round-trips', () => {
  const dir = tempDir();
  const db = path.join(dir, 'db.sqlite');
  const good = [councilBody('0301', 'Første (import)'), countyBody('46', 'Andre (import)'), councilBody('5001', 'Tredje (import)')];
  const broken = structuredClone(good);
  broken[2].profile.seats.politicians = -1;
  const brokenFile = path.join(dir, 'broken.json');
  writeFileSync(brokenFile, JSON.stringify(broken));
  const failed = cli(['import', brokenFile, '--db', db]);
  assert.equal(failed.status, 2);
  assert.match(failed.stderr, /record 2 \(Tredje \(import\)\): \/profile\/seats\/politicians: expected a whole number >= 0, got -1/);
  const empty = cli(['export', '--db', db]);
  assert.deepEqual(JSON.parse(empty.stdout), []);

  const goodFile = path.join(dir, 'good.json');
  writeFileSync(goodFile, JSON.stringify(good));
  const ok = cli(['import', goodFile, '--db', db]);
  assert.equal(ok.status, 0, ok.stderr);
  const exported = cli(['export', '--db', db]);
  assert.equal(exported.status, 0);
  const records = JSON.parse(exported.stdout);
  assert.equal(records.length, 3);
  assert.deepEqual(records.map((r) => r.profile.name).sort(), ['Andre (import)', 'Første (import)', 'Tredje (import)']);
  // The export imports anywhere.
  const out = path.join(dir, 'export.json');
  assert.equal(cli(['export', '--output', out, '--db', db]).status, 0);
  const db2 = path.join(dir, 'db2.sqlite');
  assert.equal(cli(['import', out, '--db', db2]).status, 0);
  assert.equal(JSON.parse(cli(['export', '--db', db2]).stdout).length, 3);

  const notJson = path.join(dir, 'not.json');
  writeFileSync(notJson, 'this is not json');
  assert.equal(cli(['import', notJson, '--db', db]).status, 2);
  assert.equal(cli(['import', path.join(dir, 'missing.json'), '--db', db]).status, 1);
});

test('backup writes a consistent copy that opens as a database', () => {
  const dir = tempDir();
  const db = path.join(dir, 'db.sqlite');
  const file = path.join(dir, 'good.json');
  writeFileSync(file, JSON.stringify([councilBody('0301', 'Sikkerhetskopi (test)')]));
  assert.equal(cli(['import', file, '--db', db]).status, 0);
  const backup = path.join(dir, 'backup.sqlite');
  const r = cli(['backup', backup, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(backup));
  const exported = JSON.parse(cli(['export', '--db', backup]).stdout);
  assert.equal(exported[0].profile.name, 'Sikkerhetskopi (test)');
  assert.notEqual(cli(['backup', backup, '--db', db]).status, 0, 'refuses to overwrite');
});

test('migrate creates the database; a path that cannot be opened is a clear failure', () => {
  const db = path.join(tempDir(), 'new.sqlite');
  const r = cli(['migrate', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(db));
  const bad = cli(['migrate', '--db', '/dev/null/db.sqlite']);
  assert.equal(bad.status, 1);
  assert.ok(bad.stderr.length > 0);
  assert.ok(readFileSync(db).length > 0);
});

test('regions list shows the default mapping; regions set replaces it, checked and audited', async () => {
  const dir = tempDir();
  const db = path.join(dir, 'db.sqlite');
  const list = cli(['regions', 'list', '--db', db]);
  assert.equal(list.status, 0, list.stderr);
  const lines = list.stdout.trim().split('\n');
  assert.equal(lines.length, 6, 'six IMDi regions by default');
  assert.ok(lines.includes('vest\tIMDi Vest\t11,46'));

  const file = path.join(dir, 'regions.json');
  for (const [content, message] of [
    ['ikke json', /not valid JSON/],
    ['[{"id": "a", "name": "A", "counties": ["03", "99"]}]', /\/0\/counties\/1: no county has the number 99/],
    ['[{"id": "a", "name": "A", "counties": ["03"]}, {"id": "b", "name": "B", "counties": ["03"]}]', /county 03/],
    ['[{"name": "A", "counties": []}]', /\/0\/id/],
  ]) {
    writeFileSync(file, content);
    const r = cli(['regions', 'set', file, '--db', db]);
    assert.equal(r.status, 2, `${content}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.equal(cli(['regions', 'list', '--db', db]).stdout, list.stdout, 'a refused file changes nothing');
  assert.equal(cli(['regions', 'set', path.join(dir, 'missing.json'), '--db', db]).status, 1);

  writeFileSync(file, JSON.stringify([
    { id: 'nord', name: 'IMDi Nord', counties: ['18', '55', '56'] },
    { id: 'sor-vest', name: 'IMDi Sør-Vest', counties: ['11', '42'] },
  ]));
  const set = cli(['regions', 'set', file, '--db', db]);
  assert.equal(set.status, 0, set.stderr);
  assert.equal(cli(['regions', 'list', '--db', db]).stdout, 'nord\tIMDi Nord\t18,55,56\nsor-vest\tIMDi Sør-Vest\t11,42\n');
  assert.match(cli(['audit', '--db', db]).stdout, /regions set\tregions\.replace\tregions/);
});
