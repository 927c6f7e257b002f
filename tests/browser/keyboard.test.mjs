// The main flows with the keyboard only, as the "done when" describes them: find a meeting
// place, switch to nynorsk and English, log in as the demo admin and correct an entry (an error is
// shown, the summary takes focus, the field is fixed and the change saved). Also: the skip link,
// a visible focus indicator, and that everything works with JavaScript turned off.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD, DEMO_USER, Server, focused, launch, logInWithKeyboard, newContext, screenshot, submitLogIn, tabTo } from './browser.mjs';

const server = new Server({ demo: true });
let browser;

before(async () => {
  await server.start();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server.stop();
  server.cleanup();
});

test('the skip link is the first stop and moves focus to the main content', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/moteplasser`);
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.equal(first.href, '#innhold', 'the first Tab stop is the skip link');
  assert.ok(await page.isVisible('a.mp-skip'), 'the skip link becomes visible when focused');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'innhold', 'Enter on the skip link focuses <main>');
  await context.close();
});

test('focus is visible on links, fields and buttons', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
    });
    const visible = (style.outline !== 'none' && style.width > 0) || (style.shadow && style.shadow !== 'none');
    assert.ok(visible, `Tab stop ${i + 1} (${JSON.stringify(await focused(page))}) has no visible focus: ${JSON.stringify(style)}`);
  }
  await context.close();
});

test('search, open a meeting place and switch language with the keyboard', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  // The search box on the front page.
  await tabTo(page, () => document.activeElement?.getAttribute('type') === 'search' || document.activeElement?.getAttribute('name') === 'q');
  await page.keyboard.type('politiforum');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match(page.url(), /\/moteplasser\?.*q=politiforum/, 'the search lands in the directory with the query in the address');
  const firstResult = await page.$eval('main .mp-results a[href^="/moteplasser/"]',
    (a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() }));
  assert.match(firstResult.text, /^Politiforum/, 'the first result is a police forum');

  // Tab to the first result and open it with Enter.
  await tabTo(page, (href) => document.activeElement?.getAttribute('href') === href, firstResult.href);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, firstResult.href);
  assert.equal(await page.textContent('h1'), firstResult.text);
  await screenshot(page, 'keyboard-meeting-place');

  // Switch to nynorsk, then English; the choice is remembered on the next page.
  for (const [code, word] of [['nn', 'Møteplassar'], ['en', 'Meeting places']]) {
    await tabTo(page, (c) => document.activeElement?.getAttribute('hreflang') === c && document.activeElement.closest('.mp-lang'), code);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.getAttribute('html', 'lang'), code);
    assert.equal(new URL(page.url()).pathname, firstResult.href, 'the language switch stays on the same page');
    await page.goto(`${server.url}/moteplasser`);
    assert.equal(await page.getAttribute('html', 'lang'), code, 'the language is remembered');
    assert.ok((await page.textContent('h1')).includes(word), `the directory heading is in ${code}`);
    await page.goBack();
  }
  await context.close();
});

test('log in as the demo admin, make a mistake, correct it and save, all with the keyboard', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // A wrong password first: the error summary takes focus.
  await logInWithKeyboard(page, server.url, DEMO_USER, 'feil-passord');
  assert.equal((await focused(page)).id, 'error-summary', 'the error summary has focus after a failed log-in');
  await logInWithKeyboard(page, server.url, DEMO_USER, DEMO_PASSWORD);
  assert.ok((await page.textContent('header')).includes(DEMO_USER), 'the header shows who is logged in');

  // Open a meeting place and its edit form by keyboard.
  const list = await (await fetch(`${server.url}/api/v1/meeting-places?q=innvandrerr%C3%A5d`)).json();
  const place = list.data[0];
  await page.goto(`${server.url}/moteplasser/${place.id}`);
  await tabTo(page, (href) => document.activeElement?.getAttribute('href') === href, `/moteplasser/${place.id}/endre`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, `/moteplasser/${place.id}/endre`);

  // Empty the name and give an impossible founding year, then submit with Enter.
  await tabTo(page, () => document.activeElement?.id === 'f-profile-name');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await tabTo(page, () => document.activeElement?.id === 'f-profile-established-year');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1492');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  assert.equal((await focused(page)).id, 'error-summary', 'the error summary has focus');
  const summary = await page.$$eval('#error-summary a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(summary.includes('#f-profile-name'), `the summary links to the name field: ${summary}`);
  assert.ok(summary.includes('#f-profile-established-year'), `the summary links to the year field: ${summary}`);
  assert.equal(await page.getAttribute('#f-profile-name', 'aria-invalid'), 'true');
  assert.ok(await page.isVisible('#f-profile-name-error'), 'the message is shown beside the field');
  await screenshot(page, 'keyboard-edit-errors');

  // Follow the summary's first link to the field, fix both, and save.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const link = await focused(page);
  assert.equal(link.href, '#f-profile-name');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'f-profile-name', 'the summary link moves focus to the field');
  await page.keyboard.type('Innvandrerrådet i testkommunen (eksempel)');
  await tabTo(page, () => document.activeElement?.id === 'f-profile-established-year');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2004');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  assert.equal(new URL(page.url()).pathname, `/moteplasser/${place.id}`, 'saving returns to the meeting place');
  assert.equal(await page.textContent('h1'), 'Innvandrerrådet i testkommunen (eksempel)');
  const saved = await (await fetch(`${server.url}/api/v1/meeting-places/${place.id}`)).json();
  assert.equal(saved.profile.name, 'Innvandrerrådet i testkommunen (eksempel)');
  assert.equal(saved.profile.established_year, 2004);

  // The change is in the history, attributed to the demo admin.
  await page.goto(`${server.url}/moteplasser/${place.id}/historikk`);
  const history = await page.textContent('main');
  assert.ok(history.includes(DEMO_USER), 'the history names who changed it');
  // In plain words: the field's label and the new value, never a JSON pointer.
  assert.ok(history.includes('Navn: '), history);
  assert.ok(history.includes('Innvandrerrådet i testkommunen (eksempel)'), history);
  assert.ok(!history.includes('/profile/'), history);
  await context.close();
});

test('everything works with JavaScript turned off', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.fill('input[name=q]', 'dialog');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  assert.ok((await page.$$('main a[href^="/moteplasser/"]')).length > 0, 'search without JavaScript finds meeting places');

  await page.goto(`${server.url}/moteplasser?lang=en`);
  const kind = await page.$('select[name=kind]');
  assert.ok(kind, 'the directory has a kind filter');
  await page.selectOption('select[name=kind]', 'dialogue');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  assert.match(page.url(), /kind=/, 'the filter is in the address');

  await page.goto(`${server.url}/logg-inn`);
  await submitLogIn(page);
  assert.ok((await page.textContent('header')).includes(DEMO_USER), 'log-in works without JavaScript');
  // (Playwright's pointer hit test misreads this inline form with JavaScript off; the keyboard is
  // what this test is about anyway.)
  await page.focus('header form button[type=submit]');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.ok(!(await page.textContent('header')).includes(DEMO_USER), 'log-out works without JavaScript');
  await context.close();
});
