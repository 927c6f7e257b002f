// The OpenID providers the OIDC tests log in with, on loopback:
//   - realProvider(): the `oidc-provider` npm package (a certified OpenID provider) with its
//     development interactions (any login name, then consent) and RP-initiated logout;
//   - FakeProvider: a small provider of our own whose token endpoint hands out ID tokens crafted
//     to be wrong in one way (another audience, expired, signed by another key, ...), which a
//     real provider never does. It checks what the client sends as a real one would: the client
//     secret (client_secret_basic), the redirect_uri, and the PKCE verifier against the S256
//     challenge.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import http from 'node:http';

export const CLIENT_ID = 'moteplass-test';
export const CLIENT_SECRET = 'en-hemmelighet-bare-for-testene-0123456789';

// An HTTP server on a free loopback port; `handler` may be set later (the provider needs the
// register's address, which is known only once the register runs).
export async function listen() {
  const box = { handler: (req, res) => { res.statusCode = 503; res.end(); } };
  const server = http.createServer((req, res) => box.handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  box.server = server;
  box.url = `http://127.0.0.1:${server.address().port}`;
  box.close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); });
  return box;
}

// oidc-provider at `box` (from listen()), with the register at `appUrl` as its one client.
export async function realProvider(box, appUrl) {
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(box.url, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [`${appUrl}/logg-inn/oidc/tilbake`],
      post_logout_redirect_uris: [`${appUrl}/`],
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    cookies: { keys: ['moteplass-test-cookie-key'] },
  });
  // It warns about its development defaults; the tests want those.
  provider.on('server_error', (ctx, err) => { console.error('oidc-provider:', err); });
  box.handler = provider.callback();
  return provider;
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

// An RS256 JWT signed with `privateKey`, with `header` extras (kid).
export function signJwt(claims, privateKey, header = {}) {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

export class FakeProvider {
  // `box` from listen(); `appUrl` the register's address.
  constructor(box, appUrl) {
    this.box = box;
    this.issuer = box.url;
    this.appUrl = appUrl;
    this.key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.codes = new Map();  // code -> {nonce, challenge, redirect_uri}
    this.mode = 'good';      // what the next ID token gets wrong
    this.tokenRequests = [];
    box.handler = (req, res) => this.handle(req, res).catch((e) => { res.statusCode = 500; res.end(String(e)); });
  }

  jwks() {
    return { keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] };
  }

  idToken(nonce) {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: this.issuer, aud: CLIENT_ID, sub: 'fake-officer', iat: now, exp: now + 300, nonce };
    let key = this.key.privateKey;
    switch (this.mode) {
      case 'good': case 'mix-up': break;
      case 'wrong-audience': claims.aud = 'another-client'; break;
      case 'expired': claims.iat = now - 3600; claims.exp = now - 600; break;
      case 'wrong-signature': key = this.otherKey.privateKey; break;
      case 'wrong-issuer': claims.iss = 'http://127.0.0.1:1'; break;
      case 'wrong-nonce': claims.nonce = 'another-log-in'; break;
      case 'unsigned': {
        const head = b64url(JSON.stringify({ alg: 'none', kid: 'k1' }));
        return `${head}.${b64url(JSON.stringify(claims))}.`;
      }
      default: throw new Error(`unknown mode ${this.mode}`);
    }
    return signJwt(claims, key, { kid: 'k1' });
  }

  async handle(req, res) {
    const url = new URL(req.url, this.issuer);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        end_session_endpoint: `${this.issuer}/logout`,
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, this.jwks());
    if (url.pathname === '/authorize') {
      // No one to ask: the user is logged in at once, and sent back with a code.
      const p = url.searchParams;
      const code = b64url(randomBytes(16));
      this.codes.set(code, {
        nonce: p.get('nonce'), challenge: p.get('code_challenge'), method: p.get('code_challenge_method'),
        redirect_uri: p.get('redirect_uri'), client_id: p.get('client_id'),
      });
      const back = new URL(p.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state'));
      // RFC 9207: the provider names itself; a mix-up names another.
      back.searchParams.set('iss', this.mode === 'mix-up' ? 'https://another-provider.example' : this.issuer);
      res.writeHead(303, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      this.tokenRequests.push({ headers: req.headers, form });
      const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return json(401, { error: 'invalid_client' });
      const grant = this.codes.get(form.get('code'));
      this.codes.delete(form.get('code'));
      if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirect_uri) {
        return json(400, { error: 'invalid_grant' });
      }
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (grant.method !== 'S256' || challenge !== grant.challenge) return json(400, { error: 'invalid_grant' });
      return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 60, id_token: this.idToken(grant.nonce) });
    }
    res.statusCode = 404;
    res.end();
  }
}

// A cookie jar for several hosts, enough for these flows (name=value per host, Max-Age=0 deletes).
export class Browser {
  constructor() { this.jar = new Map(); }

  cookieHeader(url) {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map();
    const pathname = new URL(url).pathname;
    return [...cookies.entries()]
      .filter(([, c]) => pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`).join('; ');
  }

  store(url, res) {
    const host = new URL(url).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    const cookies = this.jar.get(host);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, { value, path });
    }
  }

  cookie(url, name) { return this.jar.get(new URL(url).host)?.get(name)?.value; }

  // One request, redirects not followed; returns {status, location, text, headers, url}.
  async request(url, { method = 'GET', form, headers = {} } = {}) {
    const h = { ...headers };
    const cookie = this.cookieHeader(url);
    if (cookie) h.cookie = cookie;
    let body;
    if (form) { body = new URLSearchParams(form).toString(); h['content-type'] = 'application/x-www-form-urlencoded'; }
    const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
    this.store(url, res);
    const text = await res.text();
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, url).toString() : null, text, headers: res.headers, url };
  }

  // Follows redirects from `url` until an answer that is no redirect, or one to `stopAt`'s
  // prefix (not followed); returns the last response.
  async follow(url, { stopAt, ...options } = {}) {
    let res = await this.request(url, options);
    for (let i = 0; i < 20 && res.location && !(stopAt && res.location.startsWith(stopAt)); i++) {
      res = await this.request(res.location);
    }
    return res;
  }
}

// The action and fields of the first form on an HTML page.
export function firstForm(html, base) {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  assert.ok(form, `no form in:\n${html.slice(0, 500)}`);
  const fields = {};
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields[name] = value;
  }
  return { action: new URL(form[1].replaceAll('&amp;', '&'), base).toString(), fields, id: /id="([^"]+)"/.exec(form[0])?.[1] };
}
