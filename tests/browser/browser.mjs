// Drives Debian's Chromium with playwright-core (never a downloaded browser) against the real
// moteplass binary, and checks pages with axe-core for WCAG 2.1 A and AA.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../api/harness.mjs';

export { Server, cli } from '../api/harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = path.join(ROOT, 'tests/browser/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_USER = 'demo-admin';
export const DEMO_PASSWORD = 'moteplass-demo';

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

// A browser context; bypassCSP lets the test inject axe-core, which the page's own
// Content-Security-Policy (rightly) forbids.
export async function newContext(browser, options = {}) {
  return browser.newContext({ bypassCSP: true, locale: 'nb-NO', viewport: { width: 1280, height: 900 }, ...options });
}

// Runs axe with the WCAG 2.0/2.1 A and AA rules; fails with a readable list of violations.
export async function expectNoViolations(page, label) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
  const lines = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')}`);
  assert.equal(result.violations.length, 0, `${label}: ${result.violations.length} axe violation(s)\n${lines.join('\n')}`);
  return result;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// Presses Tab until the focused element matches the predicate; returns its description.
export async function tabTo(page, predicate, arg, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(predicate, arg);
    if (hit) return hit;
  }
  throw new Error(`Tab did not reach the element after ${limit} presses`);
}

// What the keyboard focus is on: tag, id, name, text, href.
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    return { tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'), text: (el.textContent ?? '').trim(), href: el.getAttribute('href') };
  });
}

// Fills in and submits the log-in form of the page it is on (not the keyboard-only way).
export async function submitLogIn(page, username = DEMO_USER, password = DEMO_PASSWORD) {
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

// Logs in through the form with the keyboard only.
export async function logInWithKeyboard(page, base, username, password) {
  await page.goto(`${base}/logg-inn`);
  await tabTo(page, () => document.activeElement?.id === 'username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'password');
  await page.keyboard.type(password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}
