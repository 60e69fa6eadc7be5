// Foundation: the extension loads, its worker speaks the protocol, the overlay appears on hh.ru vacancy pages
// under hh.ru's CSP, and the OAuth round trip through chrome.identity reaches the worker.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { overlayFrame, suite } from './lib/harness.mjs';

const VACANCY = '127358012'; // «Middle Backend-разработчик», a real vacancy of 2025-11
const { fake, browser } = await suite();
beforeEach(() => fake.reset());

test('the worker answers a protocol ping with its version', async () => {
  assert.deepEqual(await browser.ask({ type: 'ping' }), { type: 'pong', version: 1 });
});

test('a message of another protocol version is refused with a clear error', async () => {
  const answer = await browser.extensionPage.evaluate(() =>
    chrome.runtime.sendMessage({ v: 99, request: { type: 'ping' } }));
  assert.equal(answer.type, 'error');
  assert.equal(answer.error.code, 'protocol_version');
});

for (const csp of ['nonce', 'strict']) {
  test(`the overlay appears on a vacancy page under a ${csp} CSP`, async () => {
    await fake.config({ csp });
    const page = await browser.context.newPage();
    const response = await page.goto(`https://hh.ru/vacancy/${VACANCY}`);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src/);
    const frame = await overlayFrame(page);
    await frame.locator('.overlay-card').waitFor();
    // The page's own reply button stays visible and clickable: the overlay covers nothing.
    await page.locator('[data-qa="vacancy-response-link-top"]').click({ trial: true });
    await page.close();
  });
}

test('logging in goes through hh.ru consent and the worker exchanges the code', async () => {
  await browser.ask({ type: 'save_settings', settings: { client_id: 'test-client', client_secret: 'test-secret' } });
  const consent = browser.context.waitForEvent('page');
  const login = browser.ask({ type: 'login' });
  const page = await consent;
  await page.locator('[data-qa="oauth-allow"]').click();
  const answer = await login;
  assert.equal(answer.type, 'status', JSON.stringify(answer));
  assert.equal(answer.status.logged_in, true);
  const token = (await fake.requests()).find((r) => r.path === '/token');
  assert.ok(token, 'the worker called POST /token');
  assert.equal(token.method, 'POST');
});

test('the selector health check names what a changed hh.ru page lacks, in the popup too', async () => {
  const problems = async () => (await browser.ask({ type: 'get_status' })).status.page_problems;
  // The page's report may land just after the overlay shows: ask until it has (bounded by the test timeout).
  const settled = async (want) => {
    for (;;) {
      const lines = await problems();
      if (want(lines)) return lines;
    }
  };
  const open = async (url) => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await (await overlayFrame(page)).locator('.overlay-card').waitFor();
    return page;
  };
  await (await open(`https://hh.ru/vacancy/${VACANCY}`)).close();
  assert.deepEqual(await settled((lines) => lines.length === 0), []);
  // hh.ru renames one data-qa attribute of the vacancy page.
  const page = await browser.context.newPage();
  await page.route('https://hh.ru/vacancy/**', async (route) => {
    const { status, headers, body } = await fake.page(new URL(route.request().url()).pathname);
    await route.fulfill({ status, headers, body: body.replaceAll('data-qa="vacancy-salary"', 'data-qa="vacancy-pay"') });
  });
  await page.goto(`https://hh.ru/vacancy/${VACANCY}`);
  await (await overlayFrame(page)).locator('.overlay-card').waitFor();
  await page.close();
  const [line] = await settled((lines) => lines.length > 0);
  assert.match(line, /Страница вакансии изменилась на hh\.ru: не найдено vacancy\.salary/);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.id}/popup.html`);
  await popup.locator('.page-problem', { hasText: 'vacancy.salary' }).waitFor();
  await popup.close();
  // The next page that matches the table clears the warning.
  await (await open(`https://hh.ru/vacancy/${VACANCY}`)).close();
  assert.deepEqual(await settled((lines) => lines.length === 0), []);
});
