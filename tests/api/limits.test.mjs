// Limits and hostile input: oversized bodies and headers, broken HTTP, keep-alive, and a burst
// of malformed requests that must never produce a 500 or take the server down.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { Server, councilBody, expectError } from './harness.mjs';

const server = new Server();
let admin;
before(async () => {
  await server.start();
  admin = server.addUser('admin', 'admin');
});
after(async () => { await server.stop(); server.cleanup(); });

// Sends raw bytes and returns what came back before the server closed (or 2 s passed).
function raw(bytes) {
  const { port, hostname } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let data = '';
    socket.on('data', (d) => { data += d; });
    const done = () => resolve(data);
    socket.on('end', done);
    socket.on('error', done);
    setTimeout(() => { socket.destroy(); done(); }, 2000);
  });
}

test('a body over 1 MiB is refused with 413', async () => {
  const body = councilBody();
  body.description = 'x'.repeat(1024 * 1024 + 10);
  const r = await server.post('/api/v1/meeting-places', body, { token: admin });
  expectError(r, 413, 'too_large');
});

test('a client still sending a much larger body sees the 413, not a reset', async () => {
  // The server answers before reading the body; it must keep reading (and discarding) for a
  // moment, or the client's write fails with EPIPE/ECONNRESET and the answer is lost.
  for (let i = 0; i < 10; i++) {
    const r = await server.request('POST', '/api/v1/meeting-places', { token: admin, raw: 'x'.repeat(4 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    expectError(r, 413, 'too_large');
  }
});

test('headers over 16 KiB are refused with 431', async () => {
  const reply = await raw(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
  assert.match(reply, /^HTTP\/1\.1 431/);
});

test('broken HTTP gets 400 and the server keeps serving', async () => {
  const reply = await raw('THIS IS NOT HTTP\r\n\r\n');
  assert.match(reply, /^HTTP\/1\.1 400/);
  assert.equal((await server.get('/api/v1/health')).status, 200);
});

test('keep-alive: several requests on one connection', async () => {
  const reply = await raw('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/regions/vest HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const statuses = reply.match(/HTTP\/1\.1 \d+/g);
  assert.deepEqual(statuses, ['HTTP/1.1 200', 'HTTP/1.1 200']);
});

test('a burst of malformed input never gives a 500', async () => {
  const bodies = ['null', '[]', '{}', '"x"', '{"profile":null}', '{"profile":[]}', '{"profile":{"name":""}}',
    '{"profile":{"seats":{"immigrant_population":1e309}}}', '{"profile":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    '\u0000\u0001', '{"description":"\\ud800"}', JSON.stringify({ ...councilBody(), website: 'http://' + 'a'.repeat(600) })];
  const paths = ['/api/v1/meeting-places', '/api/v1/classify', '/api/v1/auth/login', '/api/v1/meeting-places/1/kind'];
  for (const p of paths) {
    for (const b of bodies) {
      for (const method of ['POST', 'PUT']) {
        const r = await server.request(method, p, { token: admin, raw: b });
        assert.ok(r.status < 500, `${method} ${p} ${b.slice(0, 40)} -> ${r.status} ${r.text}`);
      }
    }
  }
  expectError(await server.request('POST', '/api/v1/classify', { raw: '['.repeat(100000) + ']'.repeat(100000) }), 400, 'invalid_json');
  const queries = ['page=99999999999', 'per_page=-0', 'q=' + 'ø'.repeat(300), 'county=%C3', 'kind[]=x', 'sort='];
  for (const q of queries) {
    const r = await server.get(`/api/v1/meeting-places?${q}`);
    assert.ok(r.status < 500, `${q} -> ${r.status}`);
  }
  assert.equal((await server.get('/api/v1/health')).status, 200);
});
