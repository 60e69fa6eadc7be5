// The page channel end to end: hh.ru refuses the app applicant access (`no_scope`), or there is no app at all,
// and the user browses hh.ru logged in. Scores, replies and the quota then come from hh.ru's own pages.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { launch, login, overlayFrame, siteLogin, startFake } from './lib/harness.mjs';

const VACANCY = '127358012'; // «Middle Backend-разработчик», a real vacancy of 2025-11, in Moscow
const PYTHON_RESUME = '7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d';

let fake;
let browser;
let pages = [];

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
  await browser.clearStorage();
  await browser.context.clearCookies();
  await browser.restartWorker();
});
afterEach(async () => {
  await Promise.all(pages.map((page) => page.close()));
  pages = [];
});

async function newPage() {
  const page = await browser.context.newPage();
  pages.push(page);
  return page;
}

async function vacancyWith(set) {
  const { id } = await fake.control('POST', 'vacancies', { based_on: VACANCY, set });
  return id;
}

/** The modal posts hh.ru's site accepted. */
async function sitePosts() {
  const log = await fake.control('GET', 'requests?path_prefix=/applicant/vacancy_response/popup');
  return log.filter((r) => r.status === 200);
}

async function openVacancy(page, id) {
  await page.goto(`https://hh.ru/vacancy/${id}`);
  const frame = await overlayFrame(page);
  await frame.locator('.overlay-card .score').waitFor();
  return frame;
}

async function writeLetter(frame, text) {
  const letter = frame.locator('textarea.letter-text');
  await letter.fill(text);
}

test('with the API refused, a logged-in hh.ru session gets scores, a reply with its letter, and the quota', async () => {
  await fake.config({ applicant_api: 'no_scope' });
  await login(browser, fake);
  const page = await newPage();
  await siteLogin(page, fake);

  // The popup's refresh reads the resume from hh.ru's pages.
  const { status } = await browser.ask({ type: 'refresh' });
  assert.equal(status.channel, 'pages');
  assert.match(status.channel_reason, /no_scope/);
  assert.equal(status.chosen_resume, PYTHON_RESUME);
  assert.ok(status.profile.skills.includes('Python'), JSON.stringify(status.profile));

  // Scores on the search page.
  await page.goto('https://hh.ru/search/vacancy?text=python');
  const badges = page.locator('[data-qa="vacancy-serp__vacancy"] hh-agent-badge');
  await badges.first().waitFor();
  const scores = await badges.evaluateAll((all) => all.map((b) => Number(b.dataset.score)));
  assert.ok(scores.length >= 10 && scores.every((s) => s >= 0 && s <= 100), JSON.stringify(scores));

  // A score on the vacancy page, and a reply through hh.ru's own form with the letter.
  const frame = await openVacancy(page, VACANCY);
  const letter = 'Здравствуйте! Пишу на Python и Django шесть лет. Иван';
  await writeLetter(frame, letter);
  await frame.locator('button.send').click();
  await frame.locator('.result.done').waitFor();
  await page.locator('a[data-qa="vacancy-response-link-view-topic"]').waitFor();
  const posts = await sitePosts();
  assert.equal(posts.length, 1);
  assert.equal(posts[0].form.letter, letter);
  assert.equal(posts[0].form.resume_hash, PYTHON_RESUME);
  const state = await fake.control('GET', 'state');
  assert.deepEqual(state.negotiations.map((n) => [n.vacancy_id, n.via]), [[VACANCY, 'site']]);
  assert.equal((await fake.requests()).filter((r) => r.method === 'POST' && r.path === '/negotiations').length, 0);

  // The quota and the reply in the popup.
  const popup = await newPage();
  await popup.goto(`chrome-extension://${browser.id}/popup.html`);
  await popup.locator('.quota-text').waitFor();
  assert.match(await popup.locator('.quota-text').innerText(), /^1 из 200/);
  assert.match(await popup.locator('.channel').innerText(), /страницы hh\.ru/);
  await popup.locator('.replies li').first().waitFor();
  assert.match(await popup.locator('.replies').innerText(), /Middle Backend-разработчик/);

  // A second click cannot send it again.
  const again = await openVacancy(page, VACANCY);
  await again.locator('.result.done').waitFor();
  assert.equal(await again.locator('button.send').count(), 0);
  assert.equal((await sitePosts()).length, 1);
});

test('without any hh.ru app the page channel reads the resume on its own and replies', async () => {
  const page = await newPage();
  await siteLogin(page, fake);
  const frame = await openVacancy(page, VACANCY);
  assert.match(await frame.locator('.overlay-card .score').innerText(), /^\d+$/);
  await writeLetter(frame, 'Здравствуйте!');
  await frame.locator('button.send').click();
  await frame.locator('.result.done').waitFor();
  assert.equal((await sitePosts()).length, 1);
  const { status } = await browser.ask({ type: 'get_status' });
  assert.equal(status.quota.used, 1);
  assert.equal(status.logged_in, false);
  assert.equal(status.resumes.length, 2);
});

test('a vacancy with the employer\'s questions is handed over with the letter in hh.ru\'s form', async () => {
  const id = await vacancyWith({ has_test: true, test: { required: true } });
  const page = await newPage();
  await siteLogin(page, fake);
  const frame = await openVacancy(page, id);
  const letter = 'Здравствуйте! Отвечу на вопросы.';
  await writeLetter(frame, letter);
  await frame.locator('button.send').click();
  await frame.locator('.result.failed[data-code="test_required"]').waitFor();
  assert.match(await frame.locator('.result.failed').innerText(), /письмо уже вставлено/);
  const field = page.locator('textarea[data-qa="vacancy-response-popup-form-letter-input"]');
  assert.equal(await field.inputValue(), letter);
  assert.equal(await page.locator('[data-qa="task-body"]').count(), 2);
  assert.equal((await sitePosts()).length, 0, 'the user answers and sends');
});

test('hh.ru\'s daily limit on the page is said with when the next reply fits', async () => {
  await fake.config({ reply_limit: 0 });
  const page = await newPage();
  await siteLogin(page, fake);
  const frame = await openVacancy(page, VACANCY);
  await writeLetter(frame, 'Здравствуйте!');
  await frame.locator('button.send').click();
  const failed = frame.locator('.result.failed[data-code="limit_exceeded"]');
  await failed.waitFor();
  assert.match(await failed.innerText(), /Следующий отклик можно будет отправить/);
  assert.equal((await fake.control('GET', 'state')).negotiations.length, 0);
});

test('logged out of hh.ru, the popup says so and links to hh.ru\'s login', async () => {
  const popup = await newPage();
  await popup.goto(`chrome-extension://${browser.id}/popup.html`);
  const problem = popup.locator('.site-problem');
  await problem.waitFor();
  assert.match(await problem.innerText(), /Войдите на hh\.ru/);
  assert.equal(await popup.locator('a.site-login').getAttribute('href'), 'https://hh.ru/account/login');
  // Logged in, the same button reads the resume.
  const page = await newPage();
  await siteLogin(page, fake);
  await popup.locator('button.read-site').click();
  await popup.locator('.profile .skill').first().waitFor();
  assert.equal(await popup.locator('.site-problem').count(), 0);
});
