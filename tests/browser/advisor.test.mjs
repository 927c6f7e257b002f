// The advisor's page, /veileder, as a municipal officer uses it: with JavaScript off, fill in
// the form for a small municipality with one immigrant organisation, get the contact-committee
// model first with the report's reasons, examples linked to the register and a checklist; the
// answers are in the address; the form's errors are summarised; axe finds nothing in nb, nn or
// en; and the printed PDF holds the advice, not the form.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Server, expectNoViolations, launch, newContext, screenshot } from './browser.mjs';

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

// axe needs JavaScript: the pages filled in without it are checked again in a context with it.
async function axeAt(url, label) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  await expectNoViolations(page, label);
  await context.close();
}

async function headingsInOrder(page, label) {
  const headings = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(headings.filter((h) => h === 1).length, 1, `${label}: one h1`);
  for (let i = 1; i < headings.length; i++) {
    assert.ok(headings[i] <= headings[i - 1] + 1, `${label}: h${headings[i]} after h${headings[i - 1]}`);
  }
}

test('without JavaScript a small municipality with one organisation gets the contact committee first', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await Promise.all([page.waitForNavigation(), page.click('.mp-nav a[href="/veileder"]')]);
  assert.equal(new URL(page.url()).pathname, '/veileder');
  await headingsInOrder(page, 'the form');
  await axeAt(page.url(), '/veileder');
  await page.selectOption('#a-municipality', '1812');
  await page.fill('#a-immigrant_organisations', '1');
  await page.check('#a-immigration-refugees');
  await page.check('#a-political_will-some');
  await page.check('#a-need-both');
  await page.check('#a-youth');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/veileder');
  assert.equal(url.searchParams.get('municipality'), '1812');
  assert.equal(url.searchParams.get('need'), 'both');
  const first = page.locator('.mp-ranking > li').first();
  assert.equal(await first.getAttribute('data-kind'), 'contact_committee');
  assert.match(await first.locator('h3').innerText(), /Kontaktutvalg/);
  assert.match(await first.innerText(), /rapporten kap\. 5, s\. 68/);
  assert.ok(await page.locator('#step-needs_analysis').count() === 1);
  assert.ok(await page.locator('#step-youth').count() === 1);
  assert.match(await page.locator('h2#result-heading').innerText(), /Sømna/);
  // The answers are kept: the form below shows them again.
  assert.equal(await page.inputValue('#a-immigrant_organisations'), '1');
  assert.ok(await page.isChecked('#a-need-both'));
  await headingsInOrder(page, 'the result');
  await axeAt(page.url(), '/veileder result (nb)');
  await screenshot(page, 'advisor-nb');
  // The same address in nynorsk and English, as shared.
  const shared = page.url();
  for (const [lang, words] of [['nn', /Kontaktutval/], ['en', /Contact committee/]]) {
    await page.goto(`${shared}&lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(await page.locator('.mp-ranking > li h3').first().innerText(), words);
    await axeAt(page.url(), `/veileder result (${lang})`);
  }
  await context.close();
});

test('examples link to their pages in the register; the municipality\'s meeting places can be ticked', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  const oslo = `${server.url}/veileder?municipality=0301&immigrant_organisations=30&political_will=strong&need=influence`;
  await page.goto(oslo);
  // Oslo's meeting places in the demo data can be ticked as existing.
  assert.ok(await page.locator('input[type=checkbox][name=existing]').count() > 0);
  await axeAt(oslo, '/veileder with meeting places to tick');
  const links = page.locator('.mp-examples a');
  if (await links.count() > 0) {
    const href = await links.first().getAttribute('href');
    assert.match(href, /^\/moteplasser\/\d+$/);
    const response = await page.goto(`${server.url}${href}`);
    assert.equal(response.status(), 200);
  }
  await context.close();
});

test('errors are summarised at the top and shown by the field; axe finds nothing', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  for (const lang of ['nb', 'nn', 'en']) {
    const response = await page.goto(`${server.url}/veileder?municipality=&immigrant_organisations=mange&lang=${lang}`);
    assert.equal(response.status(), 400);
    const summary = page.locator('#error-summary a');
    assert.equal(await summary.count(), 2, 'both wrong answers are listed');
    assert.equal(await summary.first().getAttribute('href'), '#a-municipality');
    assert.equal(await summary.nth(1).getAttribute('href'), '#a-immigrant_organisations');
    assert.equal(await page.getAttribute('#a-municipality', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#a-immigrant_organisations', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#a-immigrant_organisations'), 'mange');
    await headingsInOrder(page, `errors (${lang})`);
    await axeAt(page.url(), `/veileder errors (${lang})`);
  }
  const bad = await page.goto(`${server.url}/veileder?municipality=1812&immigrant_organisations=mange`);
  assert.equal(bad.status(), 400);
  assert.equal(await page.locator('#error-summary a').getAttribute('href'), '#a-immigrant_organisations');
  await context.close();
});

test('the result prints: the PDF holds the ranking and the checklist, not the form', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}/veileder?municipality=1812&immigrant_organisations=1&political_will=some&need=both`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.mp-advisor-form').isVisible(), false, 'the form is not printed');
  assert.equal(await page.locator('.mp-checklist').isVisible(), true);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  if (!existsSync('/usr/bin/pdftotext')) return;  // poppler-utils: scripts/install-deps installs it
  const dir = mkdtempSync(path.join(tmpdir(), 'advisor-pdf-'));
  try {
    const file = path.join(dir, 'advice.pdf');
    (await import('node:fs')).writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Kontaktutvalg/);
    assert.match(text, /Sjekkliste for etableringen/);
    assert.match(text, /Analyser kommunens egne behov/);
    assert.doesNotMatch(text, /Vis hva som passer/, 'the form is left out of the print');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
