// Issue 9's "Done when", as far as the study pages go, in a real browser: a regional adviser sets
// up a study of five municipalities, adds informants, interviews two of them with the report's
// guide (follow-ups appear after "Lagre og fortsett"), and sees them disagree side by side; the
// text typed while the session expired comes back after logging in; every study page passes axe
// in bokmål, nynorsk and English, and the matrix reads at 320 px.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, expectNoViolations, launch, newContext, screenshot, submitLogIn } from './browser.mjs';

const server = new Server({ demo: true });
const PASSWORD = 'et-langt-passord-123';
let browser;
let municipalities;

before(async () => {
  await server.start();
  browser = await launch();
  server.addUser('imdi-vest', 'regional', 'vest');
  const list = await (await fetch(`${server.url}/api/v1/meeting-places?per_page=100`)).json();
  municipalities = [...new Set(list.data.map((p) => p.municipality).filter(Boolean))].slice(0, 5);
  assert.equal(municipalities.length, 5, 'the demo data has meeting places in five municipalities');
});
after(async () => {
  await browser?.close();
  await server.stop();
  server.cleanup();
});

async function logIn(page) {
  await page.goto(`${server.url}/logg-inn`);
  await submitLogIn(page, 'imdi-vest', PASSWORD);
}

// The follow-ups of «Tilbyr møteplassen opplæring?» on the page that are not hidden.
const visibleFollowUps = (page) => page.$$eval('fieldset[data-follows="training_offered"]', (fs) => fs.filter((f) => !f.hidden).length);

const go = (page, url) => Promise.all([page.waitForNavigation(), page.click(url)]);

describe('a mapping study in the browser', () => {
  test('set up, add informants, interview, see two informants disagree, keep text over an expired session', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await logIn(page);
    await page.goto(`${server.url}/studier`);
    await go(page, 'a[href="/studier/ny"]');
    await page.fill('#s-name', 'Kartlegging av møteplasser 2026');
    await page.fill('#s-municipalities', municipalities.join(' '));
    await page.fill('#s-starts', '01.02.2026');
    await page.fill('#s-interviewers', 'imdi-vest');
    await page.fill('#s-identities_delete_after', '30.06.2027');
    await go(page, 'main form button[type=submit]');
    assert.match(await page.textContent('h1'), /Kartlegging av møteplasser 2026/);
    const studyUrl = new URL(page.url()).pathname;

    // The meeting places of the five municipalities are offered: take them all.
    await go(page, `a[href="${studyUrl}/endre"]`);
    const boxes = await page.$$('input[name=meeting_places]');
    assert.ok(boxes.length >= 5, 'the meeting places of the municipalities are offered');
    for (const box of boxes) await box.check();
    await go(page, 'main form button[type=submit]');
    assert.ok((await page.$$('#places-caption')).length === 1, 'the overview lists the meeting places');

    // Two informants of the first meeting place, from both sides.
    for (const side of ['immigrant_population', 'authority']) {
      await go(page, `a[href="${studyUrl}/informanter/ny"]`);
      await page.check(`#i-side-${side}`);
      await page.selectOption('#i-meeting_place', { index: 1 });
      await page.check('#i-consent-oral');
      await page.fill('#i-consent_date', '03.02.2026');
      await page.fill('#i-id_name', `Navn ${side}`);
      await go(page, 'main form button[type=submit]');
      assert.match(await page.textContent('main'), /er lagt til/);
    }
    assert.ok(!(await page.textContent('main')).includes('Navn immigrant_population'), 'no identity on the overview');

    // The interviews: a yes, then its follow-ups after the round trip; and a no.
    const answers = [['yes', 'Ja, vi fikk kurs i saksgangen.'], ['no', 'Nei, aldri.']];
    const informantLinks = await page.$$eval('a[href*="/intervjuer/ny?informant="]', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(informantLinks.length, 2);
    for (const [i, [value, text]] of answers.entries()) {
      await page.goto(server.url + informantLinks[i]);
      assert.equal(await visibleFollowUps(page), 0, 'no follow-up before the answer calls for it');
      await page.check(`#q-training_offered-v-${value}`);
      assert.equal(await visibleFollowUps(page), 1, 'with JavaScript, the follow-up appears at once');
      await page.fill('#q-training_offered-t', text);
      await go(page, 'main form button[type=submit]:not([name])');
      assert.match(await page.textContent('main'), /Intervjuet er lagret/);
      assert.equal(await page.inputValue('#q-training_offered-t'), text);
      // A yes calls for «was it useful», a no for «is training needed».
      const shown = await page.$$eval('fieldset[data-follows="training_offered"]:not([hidden])', (fs) => fs.map((f) => f.id));
      assert.deepEqual(shown, [value === 'yes' ? 'q-training_useful' : 'q-training_needed']);
    }
    const interviewUrl = new URL(page.url()).pathname;

    // The session expires while the interviewer types: nothing is lost.
    const typed = 'Skrevet mens økten gikk ut: de møtes sjelden.';
    await page.fill('#q-training_offered-t', typed);
    const kept = (await context.cookies()).filter((c) => c.name !== 'moteplass_session');
    await context.clearCookies();
    await context.addCookies(kept);
    await go(page, 'main form button[type=submit]:not([name])');
    assert.match(await page.textContent('h1'), /Det du skrev, er tatt vare på/);
    await go(page, 'main a[href^="/logg-inn"]');
    await submitLogIn(page, 'imdi-vest', PASSWORD);
    assert.equal(new URL(page.url()).pathname, interviewUrl, 'back at the form after logging in');
    assert.equal(await page.inputValue('#q-training_offered-t'), typed, 'the typed text is back');
    assert.match(await page.textContent('main'), /ikke lagret ennå/);
    await go(page, 'main form button[type=submit]:not([name])');
    assert.match(await page.textContent('main'), /Intervjuet er lagret/);

    // The network drops while saving: with JavaScript, what was typed is kept in this browser and
    // comes back when the form is opened again.
    const offline = 'Skrevet da nettet falt ut.';
    await page.goto(server.url + interviewUrl);
    await page.fill('#q-training_offered-t', offline);
    await page.route(`**${interviewUrl}`, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await page.click('main form button[type=submit]:not([name])').catch(() => {});
    await page.waitForTimeout(300);
    await page.unroute(`**${interviewUrl}`);
    await page.goto(server.url + interviewUrl);
    assert.equal(await page.inputValue('#q-training_offered-t'), offline, 'the text typed before the network dropped is back');
    assert.ok(await page.isVisible('#iv-local'), 'the page says it was brought back');
    await go(page, 'main form button[type=submit]:not([name])');
    assert.match(await page.textContent('main'), /Intervjuet er lagret/);
    await page.goto(server.url + interviewUrl);
    assert.ok(!(await page.isVisible('#iv-local')), 'once stored, nothing is brought back');
    assert.equal(await page.inputValue('#q-training_offered-t'), offline);

    // Without JavaScript, the follow-ups come after the round trip.
    const plain = await newContext(browser, { javaScriptEnabled: false });
    const noJs = await plain.newPage();
    await logIn(noJs);
    await noJs.goto(server.url + informantLinks[0].replace(/informant=\d+/, 'informant=') );
    await noJs.selectOption('#iv-informant', { index: 1 });
    await noJs.check('#q-training_offered-v-yes');
    assert.equal(await visibleFollowUps(noJs), 0, 'without JavaScript, not before saving');
    await go(noJs, 'main form button[type=submit]:not([name])');
    assert.ok(await visibleFollowUps(noJs) > 0, 'without JavaScript, after saving');
    await plain.close();

    // The matrix of the meeting place: two columns, the disagreement in words.
    await page.goto(server.url + studyUrl);
    await go(page, '#places-caption ~ tbody a >> nth=0');
    const matrix = await page.textContent('main');
    assert.match(matrix, /I-01/);
    assert.match(matrix, /I-02/);
    assert.match(matrix, /Informantene er uenige/);
    assert.ok(matrix.includes(offline), 'the latest answer of I-02');
    assert.match(matrix, /Ja, vi fikk kurs i saksgangen\.|Skrevet/, 'the answers side by side');
    await screenshot(page, 'study-matrix-nb');
    const matrixUrl = new URL(page.url()).pathname;
    // The proposal to the register: the register and the informants side by side.
    await go(page, `main a[href="${matrixUrl}/forslag"]`);
    assert.match(await page.textContent('main'), /Slik deltakerne beskriver den/);
    await page.goto(server.url + studyUrl);
    const informantUrl = await page.getAttribute('main a[href*="/informanter/"]:not([href$="/ny"])', 'href');
    assert.ok(informantUrl, 'the overview links to each informant for the lead');

    // Every study page in three languages passes axe.
    for (const lang of ['nb', 'nn', 'en']) {
      for (const url of ['/studier', '/studier/ny', studyUrl, `${studyUrl}/endre`, `${studyUrl}/informanter/ny`,
        `${studyUrl}/intervjuer/ny`, interviewUrl, matrixUrl, `${matrixUrl}/forslag`, informantUrl,
        `${informantUrl}/trekk-samtykke`, `${interviewUrl}/slett`]) {
        const res = await page.goto(`${server.url}${url}?lang=${lang}`);
        assert.equal(res.status(), 200, url);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        await expectNoViolations(page, `${url} (${lang})`);
      }
    }
    // The interview form with an error, and the study form with errors.
    await page.goto(`${server.url}${interviewUrl}?lang=nb`);
    await page.fill('#q-training_offered-t', '');
    await page.check('#q-training_offered-v-no');
    await go(page, 'main form button[type=submit]:not([name])');
    await page.goto(`${server.url}/studier/ny?lang=nn`);
    await page.fill('#s-name', '');
    await page.fill('#s-starts', '31.02.2026');
    await go(page, 'main form button[type=submit]');
    assert.ok(await page.isVisible('#error-summary'));
    await expectNoViolations(page, 'the study form with errors (nn)');
    await context.close();

    // The matrix at 320 CSS pixels: the page does not scroll sideways, the table does in its box.
    const narrow = await newContext(browser, { viewport: { width: 320, height: 800 } });
    const small = await narrow.newPage();
    await logIn(small);
    await small.goto(server.url + matrixUrl);
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the matrix page is ${width} px wide at 320`);
    await screenshot(small, 'study-matrix-320');
    await narrow.close();
  });
});
