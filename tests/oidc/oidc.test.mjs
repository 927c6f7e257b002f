// Log-in with OpenID Connect, end to end: a real OpenID provider (the oidc-provider package) on
// loopback, the register as its confidential client (PKCE, state, nonce, client_secret_basic),
// a browser played by fetch with a cookie jar. Then a provider of our own that hands out ID
// tokens wrong in one way each, which the register must refuse without starting a session.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BIN, cli, Server } from '../api/harness.mjs';
import { Browser, CLIENT_ID, CLIENT_SECRET, FakeProvider, firstForm, listen, realProvider } from './providers.mjs';

const SESSION = 'moteplass_session';

// A register that logs in at `issuer`, with the client secret in a file of mode 0600.
async function registerFor(issuer) {
  const app = new Server();
  const secretFile = path.join(app.dir, 'oidc-secret');
  writeFileSync(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
  app.args = ['--oidc-issuer', issuer, '--oidc-client-id', CLIENT_ID, '--oidc-client-secret-file', secretFile];
  return app.start();
}

function link(app, username, issuer, subject) {
  const r = cli(['identity', 'link', username, '--issuer', issuer, '--subject', subject, '--db', app.db]);
  assert.equal(r.status, 0, r.stderr);
}

// Starts a log-in at the register and returns the provider's authorization address.
async function start(browser, app, next = '/konto/nokler') {
  const r = await browser.request(`${app.url}/logg-inn/oidc?next=${encodeURIComponent(next)}`);
  assert.equal(r.status, 303, r.text);
  return r.location;
}

// Logs in at oidc-provider as `login` (its development pages: any name, then consent); returns
// the register's callback address the provider sends the browser back to (not yet followed).
async function loginAtProvider(browser, app, authorizeUrl, login) {
  let page = await browser.follow(authorizeUrl, { stopAt: app.url });
  for (let i = 0; i < 3 && !page.location; i++) {
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const form = firstForm(page.text, page.url);
    const fields = { ...form.fields };
    if ('login' in fields || /name="login"/.test(page.text)) Object.assign(fields, { login, password: 'x' });
    page = await browser.follow(form.action, { method: 'POST', form: fields, stopAt: app.url });
  }
  assert.ok(page.location?.startsWith(`${app.url}/logg-inn/oidc/tilbake?`), `back at the register: ${page.location}`);
  return page.location;
}

describe('log-in with a real OpenID provider (oidc-provider)', () => {
  let box;
  let app;
  before(async () => {
    box = await listen();
    app = await registerFor(box.url);
    await realProvider(box, app.url);
    app.addUser('kari', 'municipal', '4601');
    link(app, 'kari', box.url, 'kari-ansatt');
  });
  after(async () => {
    const { code } = await app.stop();
    assert.equal(code, 0, `a clean stop (under ASan: no leaks):\n${app.stderr.slice(-3000)}`);
    app.cleanup();
    await box.close();
  });

  test('the log-in page offers the provider beside the password', async () => {
    for (const [lang, text] of [['nb', 'Logg inn med ID-porten eller virksomhetens innlogging'],
      ['nn', 'Logg inn med ID-porten eller innlogginga til verksemda'],
      ['en', 'Log in with ID-porten or your organisation']]) {
      const page = await new Browser().request(`${app.url}/logg-inn?lang=${lang}`);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(text), `${lang}: ${text}`);
      assert.ok(page.text.includes('href="/logg-inn/oidc?next='), lang);
      assert.ok(page.text.includes('name="password"'), 'password log-in stays');
    }
  });

  test('an officer logs in, works, and the state cannot be used again', async () => {
    const browser = new Browser();
    const authorize = new URL(await start(browser, app));
    assert.equal(authorize.origin, box.url);
    const p = authorize.searchParams;
    assert.equal(p.get('response_type'), 'code');
    assert.equal(p.get('client_id'), CLIENT_ID);
    assert.equal(p.get('redirect_uri'), `${app.url}/logg-inn/oidc/tilbake`);
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.match(p.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
    assert.ok(p.get('state').length >= 32 && p.get('nonce').length >= 32);
    assert.match(p.get('scope'), /\bopenid\b/);

    const callback = await loginAtProvider(browser, app, authorize.toString(), 'kari-ansatt');
    const back = await browser.request(callback);
    assert.equal(back.status, 303, back.text);
    assert.equal(back.location, `${app.url}/konto/nokler`);
    const cookie = back.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`));
    assert.ok(cookie, 'a session cookie');
    assert.match(cookie, /HttpOnly; SameSite=Lax; Path=\/; Max-Age=43200/, 'the same cookie as a password log-in');

    const page = await browser.request(`${app.url}/konto/nokler`);
    assert.equal(page.status, 200, 'the session works');
    const me = await browser.request(`${app.url}/api/v1/auth/me`);
    assert.equal(me.status, 200);
    assert.equal(JSON.parse(me.text).user.username, 'kari');
    assert.equal(JSON.parse(me.text).user.role, 'municipal');

    // The same return from the provider again: its state is used.
    const replay = await new Browser().request(callback);
    assert.equal(replay.status, 400);
    const again = await browser.request(callback);
    assert.equal(again.status, 400);
    assert.ok(again.text.includes('allerede brukt'), again.text);
    assert.ok(!again.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=`) && !/Max-Age=0/.test(c)));

    // Audited like a password log-in; nothing of the exchange in the server's log.
    const audit = cli(['audit', '--db', app.db]);
    assert.match(audit.stdout, /\blogin\b.*kari/);
    const { searchParams } = new URL(callback);
    for (const secret of [searchParams.get('code'), searchParams.get('state'), 'kari-ansatt', CLIENT_SECRET]) {
      assert.ok(!app.stderr.includes(secret), 'the log has no code, state, identity or secret');
    }
    assert.ok(!audit.stdout.includes('kari-ansatt'), 'the audit names the account, not the identity');
  });

  test('log-out ends the session here and at the provider', async () => {
    const browser = new Browser();
    const callback = await loginAtProvider(browser, app, await start(browser, app), 'kari-ansatt');
    assert.equal((await browser.request(callback)).status, 303);
    const tokens = await browser.request(`${app.url}/konto/nokler`);
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(tokens.text)[1];
    const out = await browser.request(`${app.url}/logg-ut`, {
      method: 'POST', form: { csrf_token: csrf }, headers: { origin: app.url },
    });
    assert.equal(out.status, 200, out.text);
    const refresh = out.headers.get('refresh');
    assert.ok(refresh?.startsWith('0; url='), `Refresh: ${refresh}`);
    const endSession = new URL(refresh.slice('0; url='.length));
    assert.equal(endSession.origin, box.url);
    assert.ok(endSession.searchParams.get('id_token_hint'));
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${app.url}/`);
    assert.ok(out.text.includes(endSession.toString().replaceAll('&', '&amp;')), 'a link as well');
    assert.equal(browser.cookie(app.url, SESSION), undefined, 'the session cookie is gone');
    assert.equal((await browser.request(`${app.url}/konto/nokler`)).status, 303, 'logged out here');
    assert.match(cli(['audit', '--db', app.db]).stdout, /\blogout\b.*kari/);

    // At the provider: it accepts the hint, asks, and sends the browser back to the register.
    const ask = await browser.request(endSession.toString());
    assert.equal(ask.status, 200, ask.text.slice(0, 300));
    const form = firstForm(ask.text, ask.url);
    const done = await browser.follow(form.action, {
      method: 'POST', form: { ...form.fields, logout: 'yes' }, stopAt: app.url,
    });
    assert.equal(done.location, `${app.url}/`);
  });

  test('an identity no administrator linked opens nothing', async () => {
    const browser = new Browser();
    const callback = await loginAtProvider(browser, app, await start(browser, app), 'a-stranger');
    const back = await browser.request(callback);
    assert.equal(back.status, 403);
    assert.ok(back.text.includes('ikke knyttet til noen konto'), back.text);
    assert.equal(browser.cookie(app.url, SESSION), undefined);
    assert.equal(cli(['user', 'list', '--db', app.db]).stdout.trim().split('\n').length, 1, 'no account created');
  });

  test('a state that is unknown, from another browser, or comes back with an error is refused', async () => {
    const unknown = await new Browser().request(`${app.url}/logg-inn/oidc/tilbake?state=made-up&code=abc`);
    assert.equal(unknown.status, 400);
    const none = await new Browser().request(`${app.url}/logg-inn/oidc/tilbake?code=abc`);
    assert.equal(none.status, 400);

    const mine = new Browser();
    const callback = await loginAtProvider(mine, app, await start(mine, app), 'kari-ansatt');
    const thief = await new Browser().request(callback);
    assert.equal(thief.status, 400, 'the state is bound to the browser that began the log-in');
    assert.equal((await mine.request(callback)).status, 400, 'and was taken by the attempt');

    const browser = new Browser();
    const state = new URL(await start(browser, app)).searchParams.get('state');
    const refused = await browser.request(
      `${app.url}/logg-inn/oidc/tilbake?error=access_denied&error_description=nei&state=${state}`,
    );
    assert.equal(refused.status, 400);
    assert.ok(refused.text.includes('logget deg ikke inn'), refused.text);
    assert.equal(browser.cookie(app.url, SESSION), undefined);
  });
});

describe('ID tokens that must be refused (a provider of our own)', () => {
  let box;
  let app;
  let fake;
  before(async () => {
    box = await listen();
    app = await registerFor(box.url);
    fake = new FakeProvider(box, app.url);
    app.addUser('ola', 'national');
    link(app, 'ola', box.url, 'fake-officer');
  });
  after(async () => {
    const { code } = await app.stop();
    assert.equal(code, 0, `a clean stop (under ASan: no leaks):\n${app.stderr.slice(-3000)}`);
    app.cleanup();
    await box.close();
  });

  async function attempt(mode) {
    fake.mode = mode;
    const browser = new Browser();
    const back = await browser.follow(await start(browser, app), { stopAt: `${app.url}/konto` });
    return { back, browser };
  }

  test('a good token logs in (the fake is a fair provider)', async () => {
    const { back, browser } = await attempt('good');
    assert.equal(back.status, 303, back.text);
    assert.ok(browser.cookie(app.url, SESSION));
    const request = fake.tokenRequests.at(-1);
    assert.ok(request.form.get('code_verifier'), 'PKCE verifier sent');
    assert.equal(request.form.get('client_secret'), null, 'the secret only in the Authorization header');
  });

  for (const [mode, what] of [
    ['wrong-audience', 'meant for another client'],
    ['expired', 'expired'],
    ['wrong-signature', 'signed by another key under the same kid'],
    ['wrong-issuer', 'issued by another provider'],
    ['wrong-nonce', 'of another log-in'],
    ['unsigned', 'unsigned (alg none)'],
  ]) {
    test(`a token ${what} is refused`, async () => {
      const { back, browser } = await attempt(mode);
      assert.equal(back.status, 401, `${mode}: ${back.status} ${back.text.slice(0, 200)}`);
      assert.ok(back.text.includes('kunne ikke bekrefte svaret'), back.text);
      assert.equal(browser.cookie(app.url, SESSION), undefined, 'no session');
    });
  }

  test('a return naming another provider (iss) is refused', async () => {
    const { back, browser } = await attempt('mix-up');
    assert.equal(back.status, 400);
    assert.equal(browser.cookie(app.url, SESSION), undefined);
  });

  test('the code is redeemed with the redirect_uri it was issued for', async () => {
    fake.mode = 'good';
    const browser = new Browser();
    const callback = (await browser.follow(await start(browser, app), { stopAt: `${app.url}/logg-inn/oidc/tilbake` }))
      .location;
    assert.equal((await browser.request(callback)).status, 303);
    assert.equal(fake.tokenRequests.at(-1).form.get('redirect_uri'), `${app.url}/logg-inn/oidc/tilbake`);
  });
});

describe('configuration and an absent provider', () => {
  test('a provider that does not answer gives 503, password log-in still works, and a flood is limited', async () => {
    const box = await listen();
    const issuer = box.url;
    await box.close();  // nobody listens there now
    const app = await registerFor(issuer);
    try {
      const r = await new Browser().request(`${app.url}/logg-inn/oidc`);
      assert.equal(r.status, 503);
      assert.ok(r.text.includes('svarer ikke akkurat nå'), r.text);
      assert.equal((await new Browser().request(`${app.url}/logg-inn`)).status, 200);
      // One address may start 30 log-ins in ten minutes; a flood gets 429 and writes nothing more.
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push((await new Browser().request(`${app.url}/logg-inn/oidc`)).status);
      assert.deepEqual(statuses.slice(0, 29), Array(29).fill(503));
      assert.equal(statuses[29], 429);
      const limited = await new Browser().request(`${app.url}/logg-inn/oidc`);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '600');
      assert.ok(limited.text.includes('svært mange innlogginger'), limited.text);
    } finally {
      await app.stop();
      app.cleanup();
    }
  });

  test('an administrator links, lists and unlinks identities on the command line', () => {
    const app = new Server();
    try {
      app.addUser('kari', 'researcher');
      const issuer = 'https://idporten.example.no';
      const args = ['--issuer', issuer, '--subject', '24079409630', '--db', app.db];
      assert.equal(cli(['identity', 'link', 'kari', ...args]).status, 0);
      const twice = cli(['identity', 'link', 'kari', ...args]);
      assert.notEqual(twice.status, 0, 'an identity opens one account');
      assert.match(twice.stderr, /linked to an account already/);
      assert.notEqual(cli(['identity', 'link', 'nobody', ...args.slice(0, 2), '--subject', 'x', '--db', app.db]).status, 0);
      assert.equal(cli(['identity', 'link', 'kari', '--issuer', 'http://idporten.example.no', '--subject', 'x',
        '--db', app.db]).status, 2, 'the issuer as serve takes it');
      assert.match(cli(['identity', 'list', '--db', app.db]).stdout, /^kari\thttps:\/\/idporten\.example\.no\t24079409630\t/m);
      assert.equal(cli(['identity', 'unlink', ...args]).status, 0);
      assert.equal(cli(['identity', 'list', '--db', app.db]).stdout, '');
      const audit = cli(['audit', '--db', app.db]).stdout;
      assert.match(audit, /user\.link/);
      assert.match(audit, /user\.unlink/);
      assert.ok(!audit.includes('24079409630'), 'the audit never names the identity');
    } finally {
      app.cleanup();
    }
  });

  test('a client secret others may read is refused at start', () => {
    const app = new Server();
    const secretFile = path.join(app.dir, 'oidc-secret');
    writeFileSync(secretFile, `${CLIENT_SECRET}\n`);
    chmodSync(secretFile, 0o644);
    const r = spawnSync(BIN, ['serve', '--db', app.db, '--port', '0', '--oidc-issuer', 'https://idporten.example.no',
      '--oidc-client-id', CLIENT_ID, '--oidc-client-secret-file', secretFile], { encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /chmod 600/);
    assert.ok(!r.stderr.includes(CLIENT_SECRET));
    const plain = spawnSync(BIN, ['serve', '--db', app.db, '--port', '0', '--oidc-issuer', 'http://idporten.example.no',
      '--oidc-client-id', CLIENT_ID], { encoding: 'utf8', timeout: 20000 });
    assert.equal(plain.status, 2, 'an issuer without TLS is refused');
    app.cleanup();
  });
});
