// Starts the real moteplass binary on a free loopback port with a fresh database, and offers
// small helpers for the API tests: accounts made with the command line, tokens, requests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.MOTEPLASS_BIN ?? path.join(ROOT, 'build/moteplass');

export function sharedCases() {
  return JSON.parse(readFileSync(path.join(ROOT, 'tests/typology/shared-cases.json'), 'utf8'));
}

// Runs the command line synchronously; returns {status, stdout, stderr}.
export function cli(args, input = '') {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

export function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'moteplass-test-'));
}

// MOTEPLASS_TEST_BACKEND=postgres runs every server on a fresh database in the PostgreSQL cluster
// at MOTEPLASS_TEST_PG (scripts/pg-cluster); otherwise each server has its own SQLite file.
export const POSTGRES = process.env.MOTEPLASS_TEST_BACKEND === 'postgres';
let databases = 0;

// Runs SQL on the test cluster's maintenance database.
export function psql(sql, url = process.env.MOTEPLASS_TEST_PG) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout.trim();
}

// A fresh, empty PostgreSQL database; returns its address.
export function freshDatabase() {
  const name = `moteplass_api_${process.pid}_${++databases}`;
  psql(`CREATE DATABASE ${name}`);
  return process.env.MOTEPLASS_TEST_PG.replace(/\/[^/]*$/, `/${name}`);
}

export class Server {
  constructor({ dir = tempDir(), demo = false, env = {}, db, args = [] } = {}) {
    this.dir = dir;
    this.db = db ?? (POSTGRES ? freshDatabase() : path.join(dir, 'moteplass.sqlite'));
    this.demo = demo;
    this.env = env;
    this.args = args;  // more options for serve, e.g. ['--secure-cookies']
    this.stdout = '';
    this.stderr = '';
  }

  // Starts the server and waits for its "Listening on" line.
  async start() {
    const args = ['serve', '--db', this.db, '--port', '0'];
    if (this.demo) args.push('--demo');
    args.push(...this.args);
    this.proc = spawn(BIN, args, { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d) => { this.stderr += d; });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.stderr}`)), 30000);
      this.proc.stdout.on('data', (d) => {
        this.stdout += d;
        const m = /Listening on (http:\/\/[^\s]+)/.exec(this.stdout);
        if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
      });
      this.proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${this.stderr}`)); });
    });
    return this;
  }

  async stop(signal = 'SIGTERM') {
    if (!this.proc || this.proc.exitCode !== null) return this.exited;
    this.proc.kill(signal);
    return this.exited;
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
    if (POSTGRES && this.db.startsWith('postgres')) {
      psql(`DROP DATABASE IF EXISTS ${this.db.split('/').pop()} WITH (FORCE)`);
    }
  }

  // Adds an account with the command line (the server may be running) and returns an API token.
  addUser(username, role, scope, password = 'et-langt-passord-123') {
    const args = ['user', 'add', username, '--role', role, '--db', this.db];
    if (scope) args.push('--scope', scope);
    const r = cli(args, password + '\n');
    if (r.status !== 0) throw new Error(`user add ${username} failed: ${r.stderr}`);
    const t = cli(['token', 'create', username, '--db', this.db]);
    if (t.status !== 0) throw new Error(`token create failed: ${t.stderr}`);
    return t.stdout.trim();
  }

  // fetch with a JSON body and an optional bearer token; returns {status, headers, body, text}.
  async request(method, urlPath, { token, body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] = 'application/json'; }
    const res = await fetch(this.url + urlPath, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, headers: res.headers, body: json, text };
  }

  get(p, opts) { return this.request('GET', p, opts); }
  post(p, body, opts = {}) { return this.request('POST', p, { ...opts, body }); }
  put(p, body, opts = {}) { return this.request('PUT', p, { ...opts, body }); }
  del(p, opts) { return this.request('DELETE', p, opts); }
}

// A valid meeting-place body: a council in the given municipality.
export function councilBody(municipality = '0301', name = 'Innvandrerrådet i testbyen') {
  const c = sharedCases()[0].case;
  const profile = { ...c, name, municipality };
  delete profile.id;
  return {
    profile,
    description: 'Et råd for **innvandrerbefolkningen**.',
    how_to_take_part: 'Kontakt sekretariatet.',
    contact: { email: 'post@example.org', phone: '+47 22 00 00 00' },
    website: 'https://example.org/rad',
    established: '2001-05-01',
    public: true,
  };
}

export function countyBody(county = '46', name = 'Fylkets kontaktutvalg') {
  const c = sharedCases()[1].case;
  const profile = { ...c, name, level: 'county', county };
  delete profile.id;
  delete profile.municipality;
  return { profile, description: 'Kontaktutvalg på fylkesnivå.', public: true };
}

export function expectError(res, status, code, pointer) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.ok(res.body?.error, `error body expected: ${res.text}`);
  if (code) assert.equal(res.body.error.code, code);
  if (pointer !== undefined) assert.equal(res.body.error.pointer, pointer);
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0);
}

// The pages as a browser without JavaScript uses them: `page` GETs without following redirects,
// `post` sends a form, `login` logs in through the log-in form and returns the session cookie.
export function pageClient(server) {
  async function page(p, headers = {}) {
    const res = await fetch(server.url + p, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, html: await res.text() };
  }
  async function post(p, fields, headers = {}) {
    const res = await fetch(server.url + p, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    return { status: res.status, headers: res.headers, html: await res.text() };
  }
  async function login(username, password) {
    const get = await page('/logg-inn');
    const loginCookie = get.headers.get('set-cookie').split(';')[0];
    const token = /name="csrf_token" value="([^"]+)"/.exec(get.html)[1];
    const r = await post('/logg-inn', { csrf_token: token, username, password, next: '/moteplasser' }, { cookie: loginCookie });
    assert.equal(r.status, 303, r.html.slice(0, 300));
    assert.equal(r.headers.get('location'), '/moteplasser');
    return r.headers.get('set-cookie').split(',').map((c) => c.trim().split(';')[0]).find((c) => c.startsWith('moteplass_session='));
  }
  return { page, post, login };
}
