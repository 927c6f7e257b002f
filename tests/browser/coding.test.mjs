// The coding page of a mapping study (issue 9): axe in bokmål, nynorsk and English, with codings,
// a stale one and the error summary; and a researcher coding a passage by keyboard alone, without
// JavaScript (the page has none): the words typed into the passage field, the code chosen with the
// arrow keys, the form sent with Enter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, cli, expectNoViolations, focused, launch, logInWithKeyboard, newContext, screenshot, tabTo } from './browser.mjs';

const server = new Server();
const PASSWORD = 'et-langt-passord-123';
const TEXT = 'Vi blir ikke hørt 😊 før saken er avgjort, sier lederen.';
let browser;
let page;      // JavaScript off: the keyboard flow
let axePage;   // JavaScript on, which axe needs
let study;
let interview;

async function api(method, url, token, body, headers = {}) {
  const r = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  assert.ok(r.status < 300, `${method} ${url}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  await server.start();
  browser = await launch();
  server.addUser('imdi-vest', 'regional', 'vest', PASSWORD);
  server.addUser('forsker', 'researcher', undefined, PASSWORD);
  const lead = cli(['token', 'create', 'imdi-vest', '--db', server.db]).stdout.trim();
  study = (await api('POST', '/api/v1/studies', lead, { name: 'Kartlegging i Vest', guides: ['participant-2007'],
    starts: '2026-01-01', leads: ['imdi-vest'], analysts: ['forsker'] })).id;
  const informant = (await api('POST', `/api/v1/studies/${study}/informants`, lead, { side: 'immigrant_population', role: 'chair',
    consent: { form: 'oral', date: '2026-02-01' } })).id;
  const v = await api('POST', `/api/v1/studies/${study}/interviews`, lead, { informant, mode: 'phone', answers: [
    { question: 'training_offered', value: 'no', text: 'Nei, ingen opplæring.' },
    { question: 'place_influence', value: 'no', text: TEXT },
  ] });
  interview = v.id;
  // One coding that goes stale when the answer is edited, one that stays.
  await api('POST', `/api/v1/studies/${study}/codings`, lead, { interview, question: 'training_offered', start: null, end: null, code: 'training_none' });
  const stale = { interview, question: 'place_influence', start: 3, end: 17, code: 'influence_not_heard', memo: 'Sterkt uttrykt.' };
  await api('POST', `/api/v1/studies/${study}/codings`, lead, stale);
  const answers = v.answers.map(({ question, value, text }) => ({ question, value, text }));
  answers[1].text = `${TEXT} Det gjelder de fleste sakene.`;
  await api('PUT', `/api/v1/studies/${study}/interviews/${interview}`, lead, { informant, answers }, { 'if-match': `"${v.version}"` });
  page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
  await logInWithKeyboard(page, server.url, 'forsker', PASSWORD);
  axePage = await (await newContext(browser)).newPage();
  await logInWithKeyboard(axePage, server.url, 'forsker', PASSWORD);
});
after(async () => {
  await browser?.close();
  await server.stop();
  server.cleanup();
});

const pageUrl = () => `/studier/${study}/intervjuer/${interview}/koding`;

describe('the coding page', () => {
  for (const lang of ['nb', 'nn', 'en']) {
    test(`passes axe in ${lang}, with a stale coding marked`, async () => {
      const response = await axePage.goto(`${server.url}${pageUrl()}?lang=${lang}`);
      assert.equal(response.status(), 200);
      assert.equal(await axePage.getAttribute('html', 'lang'), lang);
      assert.equal(await axePage.locator('h1').count(), 1);
      assert.equal(await axePage.locator('.mp-codings .ds-tag').count(), 1, 'one stale coding');
      assert.ok((await axePage.textContent('main')).includes('hørt 😊'));
      await expectNoViolations(axePage, `coding page (${lang})`);
      // The same words typed twice: the error summary and the message beside the field.
      await axePage.fill('#f-q-place_influence-passage', 'er');
      await Promise.all([axePage.waitForNavigation(), axePage.click('#svar-place_influence > form button[type=submit]')]);
      assert.ok(await axePage.isVisible('#error-summary'));
      await expectNoViolations(axePage, `coding page with an error (${lang})`);
      if (lang === 'nb') await screenshot(axePage, 'coding-error-nb');
    });
  }

  test('a researcher codes a passage by keyboard alone, without JavaScript', async () => {
    await page.goto(`${server.url}${pageUrl()}`);
    await tabTo(page, () => document.activeElement?.id === 'f-q-place_influence-passage');
    await page.keyboard.type('før saken er avgjort');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'f-q-place_influence-code');
    // Chromium's closed select answers the arrow keys; "influence_heard" is a few codes down.
    for (let i = 0; i < 40 && (await page.$eval('#f-q-place_influence-code', (s) => s.value)) !== 'influence_heard'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await page.$eval('#f-q-place_influence-code', (s) => s.value), 'influence_heard');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'f-q-place_influence-memo');
    await page.keyboard.type('Men bare når saken er avgjort.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.ok(page.url().includes('lagret=ny'), page.url());
    assert.ok(await page.isVisible('[role=status]'));
    const text = await page.textContent('#svar-place_influence');
    assert.ok(text.includes('«før saken er avgjort»'), text);
    assert.ok(text.includes('Men bare når saken er avgjort.'));
    assert.equal(await page.locator('#svar-place_influence mark').first().textContent(), 'før saken er avgjort');

    // Words that are not in the answer: the error summary, the message beside the field.
    await tabTo(page, () => document.activeElement?.id === 'f-q-training_offered-passage');
    await page.keyboard.type('ikke sagt');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.ok(await page.isVisible('#error-summary'));
    assert.equal(await page.getAttribute('#f-q-training_offered-passage', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#f-q-training_offered-passage'), 'ikke sagt');
    await screenshot(page, 'coding-nb');

    // The API agrees: the coding's offsets are code points of the answer.
    const lead = cli(['token', 'create', 'imdi-vest', '--db', server.db]).stdout.trim();
    const list = await api('GET', `/api/v1/studies/${study}/codings?interview=${interview}`, lead);
    const made = list.data.find((c) => c.code === 'influence_heard');
    assert.deepEqual([made.start, made.end, made.coder, made.stale], [20, 40, 'forsker', false]);
  });
});
