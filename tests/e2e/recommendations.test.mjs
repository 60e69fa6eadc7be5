// Recommendations, saved searches and alerts in the browser against the fake hh.ru: the page ranks vacancies
// for the resume with reasons and filters them, a reply with a letter goes from the list, saved searches are
// created (as documented), renamed and deleted, new vacancies give exactly one notification each and a badge,
// and without API access the list comes from the search pages the user opened.
// Takes the screenshot docs/recommendations.png comes from.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { readmePictures, siteLogin, suite } from './lib/harness.mjs';

const PYTHON_RESUME = '7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d';
const PYTHON_VACANCY = '127547656'; // «Middle Backend разработчик (Python)»: a good match for the resume
const TESTER_VACANCY = '127334976'; // «Тестировщик»: among hh.ru's recommendations, a poor match
const MINUTE = 60 * 1000;
/** A hung step fails its test instead of the whole run. */
const TEST_TIMEOUT = 180 * 1000;

const { fake, browser, fresh } = await suite();
const screenshot = readmePictures();

beforeEach(async () => {
  await fresh();
  await clearNotifications();
});

async function configure(settings = {}) {
  const answer = await browser.ask({
    type: 'save_settings',
    settings: { client_id: 'test-client', client_secret: 'test-secret', contact_email: 'e2e@example.org', ...settings },
  });
  assert.equal(answer.type, 'settings', JSON.stringify(answer));
}

async function quickLogin(settings = {}) {
  await configure(settings);
  await fake.config({ auto_approve_oauth: true });
  const answer = await browser.ask({ type: 'login' });
  assert.equal(answer.status?.chosen_resume, PYTHON_RESUME, JSON.stringify(answer));
}

async function recommendations(filters = {}) {
  const answer = await browser.ask({ type: 'get_recommendations', filters });
  assert.equal(answer.type, 'recommendations', JSON.stringify(answer));
  return answer.recommendations;
}

async function openPage() {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${browser.id}/recommendations.html`);
  await page.locator('.rec, .recs-empty, .recs-main .error').first().waitFor();
  return page;
}

/** The cards the page shows: id, score and the texts under the title. */
const shown = (page) => page.locator('.rec').evaluateAll((cards) => cards.map((c) => ({
  id: c.dataset.id,
  score: Number(c.querySelector('.score').textContent),
  meta: [...c.querySelectorAll('.rec-meta span')].map((s) => s.textContent),
  summary: c.querySelector('.rec-summary').textContent,
  matched: [...c.querySelectorAll('.chip-matched')].map((s) => s.textContent),
  applied: c.classList.contains('applied'),
  marks: [...c.querySelectorAll('.mark')].map((s) => s.textContent),
})));

/** Waits until the page lists exactly what the worker recommends for these filters; returns the cards. */
async function pageMatches(page, filters) {
  const expected = (await recommendations(filters)).items.map((r) => r.vacancy_id);
  await page.waitForFunction((ids) => {
    const now = [...document.querySelectorAll('.rec')].map((c) => c.dataset.id);
    return now.length === ids.length && now.every((id, i) => id === ids[i]);
  }, expected);
  return shown(page);
}

async function vacancyFromApi(id) {
  const answer = await fake.request('api.hh.ru', 'GET', `/vacancies/${id}`, { headers: { 'hh-user-agent': 'e2e/1.0 (e2e@example.org)' } });
  assert.equal(answer.status, 200, answer.body);
  return JSON.parse(answer.body);
}

/** A new vacancy on the fake hh.ru, a copy of `base` published now. */
async function publish(base, set) {
  return (await fake.control('POST', 'vacancies', { based_on: base, set })).id;
}

// Asked from an extension page: the worker is restarted between tests, and its old handle would never answer.
const notifications = () => browser.extensionPage.evaluate(() => chrome.notifications.getAll());
async function clearNotifications() {
  await browser.extensionPage.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}
const badgeText = () => browser.extensionPage.evaluate(() => chrome.action.getBadgeText({}));

async function checkAlerts() {
  const answer = await browser.ask({ type: 'check_alerts_now' });
  assert.equal(answer.type, 'alerts', JSON.stringify(answer));
  assert.deepEqual(answer.alerts.problems, []);
  return answer.alerts;
}

test('the page ranks vacancies for the resume with their reasons, and every filter narrows it', { timeout: TEST_TIMEOUT }, async () => {
  await quickLogin();
  const spb = await publish(PYTHON_VACANCY, {
    name: 'Python-разработчик в Петербурге',
    area: { id: '2', name: 'Санкт-Петербург', url: 'https://api.hh.ru/areas/2' },
  });
  const page = await openPage();
  const cards = await pageMatches(page, {});
  assert.ok(cards.length > 20, `hh.ru's recommendations and the resume's search together: ${cards.length}`);
  assert.equal(new Set(cards.map((c) => c.id)).size, cards.length, 'each vacancy once');
  const scores = cards.map((c) => c.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
  assert.ok(cards.every((c) => c.summary.length > 0), 'each with its reasons');
  assert.ok(cards[0].matched.includes('Python'), JSON.stringify(cards[0]));
  assert.ok(cards.some((c) => c.id === spb), 'a vacancy published just now is recommended');
  // The worker asked hh.ru's recommendations and a search built from the resume.
  const asked = await fake.requests();
  assert.ok(asked.some((r) => r.path === `/resumes/${PYTHON_RESUME}/similar_vacancies`));
  const search = asked.find((r) => r.path === '/vacancies');
  assert.match(search.query.text, /Python-разработчик/);
  assert.equal(search.query.area, '1');
  assert.equal(search.query.salary, '250000');
  await screenshot(page, 'recommendations.png');

  // Minimum score.
  const cut = scores[Math.floor(scores.length / 2)];
  await page.locator('[name=min_score]').fill(String(cut));
  await page.locator('[name=min_score]').press('Tab');
  let now = await pageMatches(page, { min_score: cut });
  assert.ok(now.length < cards.length && now.every((c) => c.score >= cut));
  await page.locator('[name=min_score]').fill('0');
  await page.locator('[name=min_score]').press('Tab');

  // Salary: nothing shown surely pays less.
  await page.locator('[name=salary_from]').fill('300000');
  await page.locator('[name=salary_from]').press('Tab');
  now = await pageMatches(page, { salary_from: 300000 });
  assert.ok(now.length < cards.length);
  for (const card of now) {
    const salary = (await vacancyFromApi(card.id)).salary_range;
    if (salary && salary.currency === 'RUR') assert.ok((salary.to ?? salary.from) >= 300000, `${card.id}: ${JSON.stringify(salary)}`);
  }
  await page.locator('[name=only_with_salary]').check();
  now = await pageMatches(page, { salary_from: 300000, only_with_salary: true });
  assert.ok(now.length > 0 && now.every((c) => c.meta.some((m) => m.includes('₽'))));
  await page.locator('[name=only_with_salary]').uncheck();
  await page.locator('[name=salary_from]').fill('');
  await page.locator('[name=salary_from]').press('Tab');

  // Format.
  await page.locator('[name=work_format][value=HYBRID]').check();
  now = await pageMatches(page, { work_formats: ['HYBRID'] });
  assert.ok(now.length > 0 && now.length < cards.length);
  assert.ok(now.every((c) => c.meta.includes('Гибрид')), JSON.stringify(now.map((c) => c.meta)));
  await page.locator('[name=work_format][value=HYBRID]').uncheck();

  // Area.
  await page.locator('[name=area]').selectOption('Санкт-Петербург');
  now = await pageMatches(page, { area: 'Санкт-Петербург' });
  assert.deepEqual(now.map((c) => c.id), [spb]);
  await page.close();
});

test('excluded employers are never shown and vacancies replied to are marked or hidden', { timeout: TEST_TIMEOUT }, async () => {
  await quickLogin();
  const first = (await recommendations()).items;
  const employer = first[0].employer;
  await configure({ excluded_employers: [employer] });
  const page = await openPage();
  const cards = await pageMatches(page, {});
  assert.ok(cards.every((c) => c.meta[0] !== employer), `${employer} is excluded`);
  assert.match(await page.locator('.recs-count').textContent(), /скрыто исключениями: [1-9]/);

  // A reply made on hh.ru itself: the refreshed list marks the vacancy.
  const target = cards[0].id;
  const { cookie } = await fake.siteSession();
  const reply = await fake.request('hh.ru', 'POST', '/applicant/vacancy_response/popup', {
    form: { vacancy_id: target, resume_hash: PYTHON_RESUME, letter: 'Здравствуйте!' },
    headers: { cookie },
  });
  assert.equal(reply.status, 302, reply.body);
  await page.locator('.recs-refresh').click();
  await page.locator(`.rec.applied[data-id="${target}"] .mark-applied`).waitFor();
  await page.locator('[name=hide_applied]').check();
  const now = await pageMatches(page, { hide_applied: true });
  assert.ok(!now.some((c) => c.id === target));
  await page.close();
});

test('a reply with an edited letter is sent from the list', { timeout: TEST_TIMEOUT }, async () => {
  await quickLogin();
  const page = await openPage();
  const card = page.locator('.rec').first();
  const id = await card.getAttribute('data-id');
  await card.locator('.rec-reply-btn').click();
  const letter = card.locator('textarea.letter-text');
  await letter.waitFor();
  await page.waitForFunction(() => document.querySelector('.rec textarea.letter-text')?.value.includes('Здравствуйте'));
  const text = `${await letter.inputValue()}\nГотов выйти через две недели.`;
  await letter.fill(text);
  await card.locator('button.send').click();
  await card.locator('.result.done').waitFor();
  const state = await fake.control('GET', 'state');
  const sent = state.negotiations.find((n) => n.vacancy_id === id);
  assert.ok(sent, `a reply to ${id}`);
  assert.equal(sent.message, text);
  assert.equal(sent.resume_id, PYTHON_RESUME);
  await page.close();
});

test('saved searches are created from the profile and the filters as documented, renamed and deleted', { timeout: TEST_TIMEOUT }, async () => {
  await quickLogin();
  const page = await openPage();
  await page.locator('.saved-searches .saved-empty').waitFor();
  await fake.control('DELETE', 'requests');

  await page.locator('[name=saved_name]').fill('Python по резюме');
  await page.locator('.saved-from-profile').click();
  await page.locator('.saved-row .saved-name', { hasText: 'Python по резюме' }).waitFor();
  let created = (await fake.requests()).filter((r) => r.method === 'POST' && r.path === '/saved_searches/vacancies');
  assert.equal(created.length, 1);
  assert.equal(created[0].query.name, 'Python по резюме');
  assert.match(created[0].query.text, /Python-разработчик/);
  assert.equal(created[0].query.area, '1');
  assert.equal(created[0].form, null, 'the parameters go in the query, not in a body');

  await page.locator('[name=salary_from]').fill('300000');
  await page.locator('[name=salary_from]').press('Tab');
  await page.locator('[name=work_format][value=REMOTE]').check();
  await pageMatches(page, { salary_from: 300000, work_formats: ['REMOTE'] });
  await page.locator('[name=saved_name]').fill('Удалённо от 300 000');
  await page.locator('.saved-from-filters').click();
  await page.locator('.saved-row .saved-name', { hasText: 'Удалённо от 300 000' }).waitFor();
  created = (await fake.requests()).filter((r) => r.method === 'POST' && r.path === '/saved_searches/vacancies');
  assert.equal(created[1].query.salary, '300000');
  assert.equal(created[1].query.currency, 'RUR');
  assert.equal(created[1].query.schedule, 'remote');
  let saved = (await fake.control('GET', 'state')).saved_searches;
  assert.deepEqual(saved.map((s) => s.name).sort(), ['Python по резюме', 'Удалённо от 300 000']);

  const row = page.locator('.saved-row', { hasText: 'Python по резюме' });
  const id = await row.getAttribute('data-id');
  await row.locator('.saved-rename').click();
  await page.locator(`.saved-row[data-id="${id}"] [name=rename]`).fill('Бэкенд на Python');
  await page.locator(`.saved-row[data-id="${id}"] .saved-rename-save`).click();
  await page.locator(`.saved-row[data-id="${id}"] .saved-name`, { hasText: 'Бэкенд на Python' }).waitFor();
  const renamed = (await fake.requests()).find((r) => r.method === 'PUT' && r.path === `/saved_searches/vacancies/${id}`);
  assert.equal(renamed.query.name, 'Бэкенд на Python');

  await page.locator(`.saved-row[data-id="${id}"] .saved-delete`).click();
  await page.locator(`.saved-row[data-id="${id}"]`).waitFor({ state: 'detached' });
  saved = (await fake.control('GET', 'state')).saved_searches;
  assert.deepEqual(saved.map((s) => s.name), ['Удалённо от 300 000']);
  await page.close();
});

test('new vacancies on hh.ru give exactly one notification each and the badge, once', { timeout: TEST_TIMEOUT }, async () => {
  await quickLogin();
  // The threshold a little under the score of the vacancy the new ones are copies of.
  const base = (await recommendations()).items.find((r) => r.vacancy_id === PYTHON_VACANCY);
  assert.ok(base.report.score >= 50, JSON.stringify(base.report));
  const threshold = base.report.score - 10;
  await configure({ alert_min_score: threshold });
  const alarm = await browser.extensionPage.evaluate(() => chrome.alarms.get('hh-alerts'));
  assert.equal(alarm?.periodInMinutes, 60, 'hourly by default');
  const created = await browser.ask({ type: 'create_saved_search', name: 'Python', filters: null });
  assert.equal(created.type, 'saved_searches', JSON.stringify(created));

  const start = await checkAlerts();
  assert.deepEqual(start.announced, [], 'what exists at the start is not news');
  assert.deepEqual(Object.keys(await notifications()), []);

  await fake.clock({ advance_ms: 5 * MINUTE });
  const fresh = [
    await publish(PYTHON_VACANCY, { name: 'Python-разработчик (FastAPI, PostgreSQL)' }),
    await publish(PYTHON_VACANCY, { name: 'Backend-разработчик Python в финтех' }),
  ];
  // Recommended by hh.ru, yet a poor match for a Python developer.
  const tester = await publish(TESTER_VACANCY, {});

  const report = await checkAlerts();
  assert.deepEqual(report.announced.map((a) => a.vacancy_id).sort(), [...fresh].sort());
  const shownNow = await notifications();
  assert.deepEqual(Object.keys(shownNow).sort(), fresh.map((id) => `hh-alert-${id}`).sort());
  assert.equal(await badgeText(), '2');

  assert.deepEqual((await checkAlerts()).announced, [], 'announced once');
  await browser.restartWorker();
  assert.deepEqual((await checkAlerts()).announced, [], 'remembered across a worker restart');
  assert.equal(Object.keys(await notifications()).length, 2);

  // The page marks them new and takes them off the badge.
  const page = await openPage();
  for (const id of fresh) await page.locator(`.rec[data-id="${id}"] .mark-new`).waitFor();
  await page.waitForFunction(async () => (await chrome.action.getBadgeText({})) === '');
  await page.close();
  const low = (await recommendations()).items.find((r) => r.vacancy_id === tester);
  assert.ok(low && low.report.score < threshold, `recommended, but below the threshold: ${JSON.stringify(low?.report.score)}`);

  // The interval is the user's.
  await configure({ alert_min_score: threshold, alert_interval_minutes: 120 });
  const changed = await browser.extensionPage.evaluate(() => chrome.alarms.get('hh-alerts'));
  assert.equal(changed?.periodInMinutes, 120);
});

test('without API access the recommendations come from the search pages the user opened', { timeout: TEST_TIMEOUT }, async () => {
  await quickLogin();
  const created = await browser.ask({ type: 'create_saved_search', name: 'Python в Москве', filters: null });
  assert.equal(created.type, 'saved_searches', JSON.stringify(created));
  await fake.config({ applicant_api: 'no_scope' });
  const search = await browser.context.newPage();
  await siteLogin(search, fake);
  await search.goto('https://hh.ru/search/vacancy?text=python');
  await search.waitForFunction(() => {
    const cards = [...document.querySelectorAll('[data-qa="vacancy-serp__vacancy"]')];
    return cards.length > 0 && cards.every((card) => card.querySelector('hh-agent-badge'));
  });
  const onPage = await search.locator('[data-qa="vacancy-serp__vacancy"] a[data-qa="serp-item__title"]')
    .evaluateAll((links) => links.map((a) => a.href.match(/vacancy\/(\d+)/)[1]));
  await search.close();

  const page = await openPage();
  await page.locator('.recs-notice', { hasText: 'поисковых страниц' }).waitFor();
  const cards = await pageMatches(page, {});
  assert.deepEqual(cards.map((c) => c.id).sort(), [...onPage].sort());
  assert.ok(await page.locator('.rec-sources', { hasText: 'со страницы поиска' }).count() > 0);
  const scores = cards.map((c) => c.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.ok(!(await fake.requests()).some((r) => r.path.endsWith('/similar_vacancies') && r.status === 200));
  // Saved searches are read from hh.ru's «Автопоиски» page; changing them is left to hh.ru.
  await page.locator('.saved-searches .notice', { hasText: 'autosearch' }).waitFor();
  await page.locator('.saved-row .saved-name', { hasText: 'Python в Москве' }).waitFor();
  assert.equal(await page.locator('.saved-row .saved-rename').isVisible(), false);
  assert.equal(await page.locator('.saved-searches .saved-new').isVisible(), false);
  assert.ok((await fake.requests()).some((r) => r.path === '/applicant/autosearch.xhtml' && r.status === 200));
  await page.close();
});
