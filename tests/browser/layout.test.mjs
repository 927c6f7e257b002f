// What independent checkers measured (issue 13, item 10): the directory must not shift its layout
// on desktop (Lighthouse saw CLS 0.21 when the scrollbar appeared and the centred column moved),
// and every page names its languages with absolute hreflang addresses and an x-default.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Server, launch, newContext } from './browser.mjs';

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

// The page's cumulative layout shift so far, from Chromium's layout-shift entries.
async function cumulativeLayoutShift(page) {
  return page.evaluate(() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Two frames, so that buffered entries have been delivered.
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 100)));
  }));
}

test('the directory and the front page do not shift their layout on desktop (CLS 0)', async () => {
  const context = await newContext(browser, { viewport: { width: 1350, height: 940 } });
  const page = await context.newPage();
  for (const address of ['/moteplasser', '/moteplasser?lang=en', '/', '/moteplasser?kind=council']) {
    await page.goto(`${server.url}${address}`, { waitUntil: 'load' });
    // The rule that keeps room for the scrollbar from the first paint. This is the check that
    // catches the regression: headless Chromium measured CLS 0 here even without the rule (the
    // shift Lighthouse saw did not reproduce), so the CLS figure below is a guard, not the proof.
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).scrollbarGutter), 'stable');
    assert.equal(await cumulativeLayoutShift(page), 0, `${address} shifted its layout`);
  }
  await context.close();
});

test('the hreflang links are absolute, one per language and an x-default, in the browser too', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/moteplasser?lang=nn`);
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.getAttribute('href')]));
  assert.deepEqual(links, [
    ['nb', `${server.url}/moteplasser?lang=nb`],
    ['nn', `${server.url}/moteplasser?lang=nn`],
    ['en', `${server.url}/moteplasser?lang=en`],
    ['x-default', `${server.url}/moteplasser`],
  ]);
  await context.close();
});
