// The fake hh.ru's logged-in site in Chromium, as the extension's page channel meets it: the login form and
// its redirect, and the reply flow hh.ru opens in the vacancy page (relocation warning, the modal with its
// letter, resume picker and test, errors in the modal, the employer's-site variant), under the strict CSP.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { launch, siteLogin, startFake } from './lib/harness.mjs';

const VACANCY = '127358012'; // «Middle Backend-разработчик», a real vacancy of 2025-11, in Moscow
const PYTHON_RESUME = '7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d';
const ARCHITECT_RESUME = 'c4d8e2f6a1b3957d0e4f8a2c6b1d3e5f7a9b0c';

let fake;
let browser;
let page;

before(async () => {
  fake = await startFake();
  browser = await launch(fake);
});
after(async () => {
  await browser?.close();
  fake?.stop();
});
beforeEach(async () => {
  await fake.reset();
  await browser.context.clearCookies();
  await page?.close();
  page = await browser.context.newPage();
});

async function vacancyWith(set) {
  const created = await fake.control('POST', 'vacancies', { based_on: VACANCY, set });
  return created.id;
}

/** The replies the site recorded, and the modal posts that reached it. */
async function sitePosts() {
  const log = await fake.control('GET', 'requests?path_prefix=/applicant/vacancy_response/popup');
  return log.filter((r) => r.status === 200);
}

test('a logged-out visitor is sent to the login form and comes back to the page', async () => {
  await page.goto('https://hh.ru/applicant/negotiations');
  assert.match(page.url(), /\/account\/login\?backurl=%2Fapplicant%2Fnegotiations$/);
  await page.locator('input[data-qa="login-input-username"]').fill('ivan.petrov@example.com');
  await page.locator('input[data-qa="login-input-password"]').fill('password');
  await page.locator('[data-qa="account-login-submit"]').click();
  await page.waitForURL('https://hh.ru/applicant/negotiations');
  await page.locator('[data-qa="negotiations-list-empty"]').waitFor();
  const cookies = await browser.context.cookies('https://hh.ru/');
  const hhtoken = cookies.find((c) => c.name === 'hhtoken');
  assert.ok(hhtoken?.httpOnly && hhtoken.secure, JSON.stringify(cookies));
  assert.equal(await page.evaluate(() => document.cookie.includes('hhtoken')), false);

  // Logged out, the vacancy's reply link just navigates, to the login form.
  await browser.context.clearCookies();
  await page.goto(`https://hh.ru/vacancy/${VACANCY}`);
  await page.locator('a[data-qa="vacancy-response-link-top"]').click();
  await page.waitForURL(/\/account\/login\?backurl=/);
});

test('the reply modal sends the letter once and the page shows the reply', async () => {
  await siteLogin(page, fake);
  await page.goto(`https://hh.ru/vacancy/${VACANCY}`);
  await page.locator('a[data-qa="vacancy-response-link-top"]').click();
  const popup = page.locator('[data-qa="vacancy-response-popup"]');
  await popup.waitFor();
  assert.equal(page.url(), `https://hh.ru/vacancy/${VACANCY}`, 'the modal opens in place');
  await popup.locator(`label[data-qa="magritte-select-option-${ARCHITECT_RESUME}"]`).click();
  await popup.locator(`label[data-qa="magritte-select-option-${PYTHON_RESUME}"]`).click();
  const letter = popup.locator('textarea[data-qa="vacancy-response-popup-form-letter-input"]');
  assert.equal(await letter.isVisible(), false);
  await popup.locator('[data-qa="add-cover-letter"]').click();
  const text = 'Здравствуйте!\n\nПишу на Python шесть лет.\n\nИван';
  await letter.fill(text);
  await page.locator('[data-qa="vacancy-response-submit-popup"]').click();
  await page.locator('a[data-qa="vacancy-response-link-view-topic"]').waitFor();
  await page.locator('[data-qa="vacancy-response-success-standard-notification"]').waitFor();
  assert.equal(await popup.count(), 0, 'the modal closed');
  assert.equal(await page.locator('a[data-qa="vacancy-response-link-top"]').count(), 0);

  // A form sends a textarea's line breaks as CRLF, as to hh.ru.
  const sent = text.replace(/\n/g, '\r\n');
  const posts = await sitePosts();
  assert.equal(posts.length, 1);
  assert.equal(posts[0].form.letter, sent);
  assert.equal(posts[0].form.resume_hash, PYTHON_RESUME);
  const state = await fake.control('GET', 'state');
  assert.deepEqual(state.negotiations.map((n) => [n.vacancy_id, n.via, n.message]), [[VACANCY, 'site', sent]]);
});

test('errors show in the modal with hh.ru\'s codes', async () => {
  const required = await vacancyWith({ response_letter_required: true });
  await siteLogin(page, fake);
  await page.goto(`https://hh.ru/vacancy/${required}`);
  await page.locator('a[data-qa="vacancy-response-link-top"]').click();
  const popup = page.locator('[data-qa="vacancy-response-popup"]');
  await popup.locator('[data-qa="vacancy-response-letter-required"]').waitFor();
  assert.ok(await popup.locator('textarea[data-qa="vacancy-response-popup-form-letter-input"]').isVisible());
  await page.locator('[data-qa="vacancy-response-submit-popup"]').click();
  const error = popup.locator('[data-qa="vacancy-response-error-notification"]');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-qa-popup-error-code'), 'negotiations-empty-message');

  await fake.config({ reply_limit: 0 });
  await popup.locator('textarea[data-qa="vacancy-response-popup-form-letter-input"]').fill('Здравствуйте!');
  await page.locator('[data-qa="vacancy-response-submit-popup"]').click();
  await popup.locator('[data-qa-popup-error-code="negotiations-limit-exceeded"]').waitFor();
  assert.match(await error.innerText(), /В течение 24 часов можно совершить не более 200 откликов/);
  assert.equal((await fake.control('GET', 'state')).negotiations.length, 0);
});

test('a test vacancy asks its questions and a vacancy elsewhere warns about relocation first', async () => {
  const id = await vacancyWith({ has_test: true, test: { required: true }, area: { id: '3', name: 'Екатеринбург' } });
  await siteLogin(page, fake);
  await page.goto(`https://hh.ru/vacancy/${id}`);
  await page.locator('a[data-qa="vacancy-response-link-top"]').click();
  await page.locator('[data-qa="relocation-warning-confirm"]').click();
  const popup = page.locator('[data-qa="vacancy-response-popup"]');
  await popup.locator('[data-qa="employer-asking-for-test"]').waitFor();
  await page.locator('[data-qa="vacancy-response-submit-popup"]').click();
  await popup.locator('[data-qa-popup-error-code="negotiations-test-required"]').waitFor();
  const tasks = popup.locator('[data-qa="task-body"] textarea');
  assert.equal(await tasks.count(), 2);
  await tasks.nth(0).fill('Шесть лет');
  await tasks.nth(1).fill('Интересный продукт');
  await page.locator('[data-qa="vacancy-response-submit-popup"]').click();
  await page.locator('a[data-qa="vacancy-response-link-view-topic"]').waitFor();
  assert.equal((await sitePosts()).length, 1);
});

test('a vacancy answered on the employer\'s site offers that instead of the modal', async () => {
  const id = await vacancyWith({ type: { id: 'direct', name: 'Рекламная' }, response_url: 'https://career.example.com/job' });
  await fake.config({ csp: 'strict' });
  await siteLogin(page, fake);
  await page.goto(`https://hh.ru/vacancy/${id}`);
  await page.locator('a[data-qa="vacancy-response-link-top"]').click();
  const link = page.locator('a[data-qa="vacancy-response-link-advertising"]');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), 'https://career.example.com/job');
  assert.equal(await page.locator('[data-qa="vacancy-response-popup"]').count(), 0);
  await page.locator('[data-qa="vacancy-response-link-advertising-cancel"]').click();
  await link.waitFor({ state: 'detached' });
});
