// The directory on a phone (issue 13, item 3): the filters fold away into a <details> and the
// result count comes first; on a desktop they are shown as before, with no toggle. Without
// JavaScript too: it is done with HTML and CSS alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, expectNoViolations, launch, newContext } from './browser.mjs';

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

const PHONE = { width: 390, height: 844 };

describe('on a phone', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`the count comes first and the filters open on request (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { viewport: PHONE, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${server.url}/moteplasser`);
      assert.equal(await page.isVisible('#f-county'), false, 'the filters start folded');
      assert.equal(await page.isVisible('.mp-filter-fold > summary'), true, 'the toggle shows');
      const count = await page.locator('#results-heading').boundingBox();
      const toggle = await page.locator('.mp-filter-fold').boundingBox();
      assert.ok(count.y < toggle.y, `the result count (y ${count.y}) is above the filters (y ${toggle.y})`);
      assert.match(await page.textContent('#results-heading'), /\d+ møteplass/);
      await page.click('.mp-filter-fold > summary');
      assert.equal(await page.isVisible('#f-county'), true, 'the filters open');
      await page.selectOption('#f-county', '46');
      await Promise.all([page.waitForNavigation(), page.click('form.mp-filters button[type=submit]')]);
      assert.match(page.url(), /county=46/);
      await context.close();
    });
  }
  test('the folded filters pass axe', async () => {
    const context = await newContext(browser, { viewport: PHONE });
    const page = await context.newPage();
    for (const lang of ['nb', 'nn', 'en']) {
      await page.goto(`${server.url}/moteplasser?lang=${lang}`);
      await expectNoViolations(page, `directory on a phone (${lang})`);
    }
    await context.close();
  });
});

test('on a desktop the filters show at once and there is no toggle', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await newContext(browser, { viewport: { width: 1350, height: 940 }, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${server.url}/moteplasser`);
    assert.equal(await page.isVisible('#f-county'), true, 'the filters show');
    assert.equal(await page.isVisible('.mp-filter-fold > summary'), false, 'no toggle');
    const form = await page.locator('form.mp-filters').boundingBox();
    const count = await page.locator('#results-heading').boundingBox();
    assert.ok(form.y < count.y, 'the filters come before the count');
    await context.close();
  }
});
