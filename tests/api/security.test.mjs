// The findings of the attack on the running register (issue 14), one test or more each: what
// an outsider tried, and what the register must answer now.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Server, cli, councilBody, expectError, tempDir } from './harness.mjs';

const server = new Server();
before(async () => { await server.start(); });
after(async () => { await server.stop(); server.cleanup(); });

async function login(username, password, headers = {}) {
  return server.post('/api/v1/auth/login', { username, password }, { headers });
}

test('log-in failures are counted per account, whatever the spelling of its name', async () => {
  server.addUser('lockme', 'researcher', undefined, 'lockmes-passord-123');
  const spellings = ['lockme', 'LOCKME', 'LockMe', 'lOCKme', 'lockmE'];
  for (const name of spellings) expectError(await login(name, 'feil-passord'), 401);
  for (const name of ['lockme', 'lOckme', 'LOCKME']) {
    expectError(await login(name, 'lockmes-passord-123'), 429, 'too_many_requests');
  }
});
