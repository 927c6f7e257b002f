// Every page in bokmål, nynorsk and English has zero axe-core violations of the WCAG 2.1 A and
// AA rules, has the right lang, one h1 and headings in order; screenshots of the main pages are
// saved to tests/browser/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_USER, Server, expectNoViolations, launch, newContext, screenshot, submitLogIn } from './browser.mjs';

const LANGS = ['nb', 'nn', 'en'];
const server = new Server({ demo: true });
let browser;
let placeId;
let municipalityWith;
let countyNumber;
let meetingId;
let translatedId;
let nynorskId;

before(async () => {
  await server.start();
  browser = await launch();
  const list = await (await fetch(`${server.url}/api/v1/meeting-places?per_page=100`)).json();
  const council = list.data.find((p) => p.kind === 'council') ?? list.data[0];
  placeId = council.id;
  municipalityWith = council.municipality;
  countyNumber = council.county;
  // The demo data gives the example meeting places meetings (issue 10).
  const meetings = await (await fetch(`${server.url}/api/v1/meeting-places/${placeId}/meetings`)).json();
  meetingId = meetings.data[0]?.id;
  // The demo data has texts in English and one written in nynorsk (issue 13, item 3).
  translatedId = list.data.find((p) => Object.keys(p.translations ?? {}).length > 0)?.id;
  nynorskId = list.data.find((p) => p.language === 'nn')?.id;
  assert.ok(translatedId && nynorskId, 'the demo data has a translated meeting place and one written in nynorsk');
  // A suggestion from the public, for the inbox (issue 13, item 6).
  await fetch(`${server.url}/api/v1/suggestions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'outdated', meeting_place: placeId, message: 'Rådet møtes nå på biblioteket.', email: 'kari@example.no' }),
  });
});
after(async () => {
  await browser?.close();
  await server.stop();
  server.cleanup();
});

// Public pages, and the pages behind log-in (forms, history), each with a name for screenshots.
function publicPages() {
  return [
    ['front', '/'],
    ['directory', '/moteplasser'],
    ['directory-search', '/moteplasser?q=innvandrerr%C3%A5d'],
    ['directory-filtered', `/moteplasser?county=${countyNumber}&kind=council`],
    ['directory-empty', '/moteplasser?q=finnesikkeordet'],
    ['meeting-place', `/moteplasser/${placeId}`],
    ['meeting', `/moteplasser/${placeId}/moter/${meetingId}`],
    ['municipality', `/kommuner/${municipalityWith}`],
    ['municipality-empty', '/kommuner/5636'],
    ['county', `/fylker/${countyNumber}`],
    ['region', '/regioner/vest'],
    ['login', '/logg-inn'],
    ['accessibility', '/tilgjengelighet'],
    ['about', '/om-dataene'],
    ['advisor', '/veileder'],
    ['advisor-result', '/veileder?municipality=1812&immigrant_organisations=1&political_will=some&need=both&youth=true'],
    ['open-data', '/apne-data'],
    ['directory-contradicting', `/moteplasser?county=03&municipality=4601`],
    ['not-found', '/finnes-ikke'],
    ['suggest', '/forslag/ny'],
    ['suggest-outdated', `/forslag/ny?moteplass=${placeId}`],
    ['suggest-thanks', '/forslag/takk'],
    ['handbook', '/handbok'],
    ['handbook-search', '/handbok?q=ungdom'],
    ['handbook-page', '/handbok/velge-modell'],
    ['handbook-history', '/handbok/etablere/historikk'],
    ['analyses', '/analyse'],
    ['analysis', '/analyse/gender_balance'],
    ['annual-report', `/moteplasser/${placeId}/arsmelding/${new Date().getUTCFullYear() - 1}`],
    ['analysis-kinds-chart', '/analyse/kinds'],
    ['analysis-shares-chart', '/analyse/composition?region=vest'],
    ['analysis-origin-spread', '/analyse/origin_spread'],
    ['analysis-perceived-visitor', '/analyse/perceived_vs_real'],
    ['analysis-traits', '/analyse/traits'],
    ['meeting-place-translated', `/moteplasser/${translatedId}`],
    ['meeting-place-nynorsk', `/moteplasser/${nynorskId}`],
  ];
}

async function checkPage(page, lang, name, url) {
  const response = await page.goto(`${server.url}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
  assert.ok(response.status() < 500, `${url}: HTTP ${response.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), lang, `${url}: <html lang>`);
  const headings = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(headings.filter((h) => h === 1).length, 1, `${url} (${lang}): exactly one h1`);
  assert.equal(headings[0], 1, `${url} (${lang}): the first heading is the h1`);
  for (let i = 1; i < headings.length; i++) {
    assert.ok(headings[i] <= headings[i - 1] + 1, `${url} (${lang}): heading h${headings[i]} follows h${headings[i - 1]}`);
  }
  await expectNoViolations(page, `${url} (${lang})`);
  if (lang === 'nb' || ['front', 'directory', 'meeting-place', 'edit-errors'].includes(name)) {
    await screenshot(page, `${name}-${lang}`);
  }
}

describe('public pages', () => {
  for (const lang of LANGS) {
    test(`every public page in ${lang} passes axe (WCAG 2.1 A/AA)`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      for (const [name, url] of publicPages()) await checkPage(page, lang, name, url);
      // The suggestion form sent empty: the error summary and the messages beside the fields.
      await page.goto(`${server.url}/forslag/ny?lang=${lang}`);
      await Promise.all([page.waitForNavigation(), page.click('main form.mp-form button[type=submit]')]);
      assert.ok(await page.isVisible('#error-summary'), 'an empty suggestion shows the error summary');
      await expectNoViolations(page, `suggestion with errors (${lang})`);
      await context.close();
    });
  }
});

describe('pages behind log-in', () => {
  for (const lang of LANGS) {
    test(`forms, errors and history in ${lang} pass axe`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      // A failed log-in shows the error summary.
      await page.goto(`${server.url}/logg-inn?lang=${lang}`);
      await submitLogIn(page, DEMO_USER, 'feil-passord');
      assert.ok(await page.isVisible('#error-summary'), 'a wrong password shows the error summary');
      await expectNoViolations(page, `login with errors (${lang})`);

      await submitLogIn(page);
      assert.ok((await page.textContent('header')).includes(DEMO_USER), 'logged in');

      // The example study's first meeting place, whose informants disagree: its proposal page
      // with the form (a lead's), and one of its informants.
      await page.goto(`${server.url}/studier`);
      const studyUrl = await page.getAttribute('main a[href^="/studier/"]:not([href$="/ny"])', 'href');
      await page.goto(`${server.url}${studyUrl}`);
      const matrixUrl = await page.getAttribute('#places-caption ~ tbody a >> nth=0', 'href');
      const informantUrl = await page.getAttribute('main a[href*="/informanter/"]:not([href$="/ny"])', 'href');
      for (const [name, url] of [
        ['study', studyUrl],
        ['study-proposal', `${matrixUrl}/forslag`],
        ['study-informant', informantUrl],
        ['meeting-place-admin', `/moteplasser/${placeId}`],
        ['create', '/moteplasser/ny'],
        ['edit', `/moteplasser/${placeId}/endre`],
        ['delete', `/moteplasser/${placeId}/slett`],
        ['history', `/moteplasser/${placeId}/historikk`],
        ['mine', '/mine-moteplasser'],
        ['suggestions-inbox', '/forslag'],
        ['alerts', '/varsler'],
        ['case-form', `/moteplasser/${placeId}/saker/ny`],
        ['member-form', `/moteplasser/${placeId}/medlemmer/ny`],
        ['meeting-form', `/moteplasser/${placeId}/moter/ny`],
        ['handbook-edit', '/handbok/ungdom/endre'],
        ['handbook-history-editor', '/handbok/ungdom/historikk'],
        ['imdi', '/imdi'],
        ['studies', '/studier'],
        ['study-new', '/studier/ny'],
      ]) await checkPage(page, lang, name, url);

      // The edit form with errors: the summary and the messages beside the fields.
      await page.goto(`${server.url}/moteplasser/${placeId}/endre?lang=${lang}`);
      await page.fill('#f-profile-name', '');
      await Promise.all([page.waitForNavigation(), page.click('main form.mp-form button[type=submit]')]);
      assert.ok(await page.isVisible('#error-summary'), 'an empty name shows the error summary');
      await expectNoViolations(page, `edit with errors (${lang})`);
      await screenshot(page, `edit-errors-${lang}`);
      // The member and meeting forms sent empty: their summaries and the messages beside the fields.
      for (const [name, url] of [['member-form', `/moteplasser/${placeId}/medlemmer/ny`], ['meeting-form', `/moteplasser/${placeId}/moter/ny`]]) {
        await page.goto(`${server.url}${url}?lang=${lang}`);
        await Promise.all([page.waitForNavigation(), page.click('main form.mp-form button[type=submit]')]);
        assert.ok(await page.isVisible('#error-summary'), `an empty ${name} shows the error summary`);
        await expectNoViolations(page, `${name} with errors (${lang})`);
      }
      await context.close();
    });
  }
});

describe('reflow (WCAG 1.4.10)', () => {
  test('the main pages fit 320 CSS pixels without scrolling sideways', async () => {
    const context = await newContext(browser, { viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const pages = ['/', '/moteplasser', `/moteplasser/${placeId}`, `/kommuner/${municipalityWith}`, `/fylker/${countyNumber}`, '/regioner/vest', '/logg-inn', '/tilgjengelighet',
      '/veileder', `/veileder?municipality=${municipalityWith}&need=both&themes=police&immigration=refugees`,
      '/analyse/kinds', '/analyse/composition'];
    for (const url of pages) {
      await page.goto(`${server.url}${url}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      // On failure, name what sticks out.
      const wide = width <= 320 ? [] : await page.evaluate(() => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 321).slice(0, 3)
        .map((e) => `${e.tagName}.${e.className} «${(e.textContent || '').trim().slice(0, 40)}»`));
      assert.ok(width <= 320, `${url} is ${width} px wide at a 320 px viewport: ${wide.join('; ')}`);
    }
    await page.goto(`${server.url}/logg-inn`);
    await submitLogIn(page);
    await page.goto(`${server.url}/moteplasser/${placeId}/endre`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the edit form is ${width} px wide at a 320 px viewport`);
    await screenshot(page, 'edit-320px');
    // The history table reflows: one block per change, each cell led by its column's name.
    await page.goto(`${server.url}/moteplasser/${placeId}/historikk`);
    const historyWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(historyWidth <= 320, `the history is ${historyWidth} px wide at a 320 px viewport`);
    await screenshot(page, 'history-320px');
    await context.close();
  });
});
