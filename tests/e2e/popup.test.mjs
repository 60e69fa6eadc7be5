// The popup and the settings page in the browser against the fake hh.ru: login through the consent page (and
// its refusal), the resume switch reaching the overlay, the quota reconciled with replies made elsewhere, the
// recent replies and the badge, the resume raise, logout removing every token, and a broken settings file.
// Takes the screenshots docs/popup.png and docs/options.png come from.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { overlayFrame, readmePictures, suite } from './lib/harness.mjs';

const PYTHON_RESUME = '7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d';
const ARCHITECT_RESUME = 'c4d8e2f6a1b3957d0e4f8a2c6b1d3e5f7a9b0c';
const BACKEND = '127358012'; // «Middle Backend-разработчик»: Python, a good match for the first resume
const OTHER_VACANCIES = ['127444442', '127608976', '127708618'];
const HOUR = 60 * 60 * 1000;
const { fake, browser, fresh } = await suite();
/** The README shows the pictures of the tests that passed. */
const screenshot = readmePictures();

// Every test starts logged out with empty storage and a fresh worker (its memory goes too).
beforeEach(fresh);

/** A reply made on the hh.ru site itself, not through the extension. */
async function replyOnSite(vacancyId) {
  const { cookie } = await fake.siteSession();
  const answer = await fake.request('hh.ru', 'POST', '/applicant/vacancy_response/popup', {
    form: { vacancy_id: vacancyId, resume_hash: PYTHON_RESUME, letter: 'Здравствуйте! Откликаюсь с сайта.' },
    headers: { cookie },
  });
  assert.equal(answer.status, 302, answer.body);
  const state = await fake.control('GET', 'state');
  return state.negotiations.find((n) => n.vacancy_id === vacancyId).id;
}

async function vacancyFromApi(id) {
  const answer = await fake.request('api.hh.ru', 'GET', `/vacancies/${id}`, { headers: { 'hh-user-agent': 'e2e/1.0 (e2e@example.org)' } });
  assert.equal(answer.status, 200, answer.body);
  return JSON.parse(answer.body);
}

async function configure(settings = {}) {
  const answer = await browser.ask({
    type: 'save_settings',
    settings: { client_id: 'test-client', client_secret: 'test-secret', contact_email: 'e2e@example.org', ...settings },
  });
  assert.equal(answer.type, 'settings', JSON.stringify(answer));
}

/** Logs in without clicking (the fake approves at once); the consent clicks have tests of their own. */
async function quickLogin() {
  await configure();
  await fake.config({ auto_approve_oauth: true });
  const answer = await browser.ask({ type: 'login' });
  assert.equal(answer.status?.logged_in, true, JSON.stringify(answer));
}

async function openPopup() {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 380, height: 760 });
  await page.goto(`chrome-extension://${browser.id}/popup.html`);
  return page;
}

const storage = () => browser.extensionPage.evaluate(() => chrome.storage.local.get(null));
const badgeText = () => browser.extensionPage.evaluate(() => chrome.action.getBadgeText({}));

/** «14:05, 21.11» as the popup writes a time, in this machine's time zone (the browser's too). */
function localTime(ms) {
  const d = new Date(ms);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}, ${two(d.getDate())}.${two(d.getMonth() + 1)}`;
}

test('logged out without an hh.ru app, the popup explains it and links to the settings', async () => {
  const popup = await openPopup();
  await popup.locator('.login-btn').waitFor();
  assert.equal((await popup.locator('.login-btn').textContent()).trim(), 'Войти через hh.ru');
  const hint = popup.locator('.app-hint');
  assert.match(await hint.textContent(), /Client ID и Client Secret/);
  const optionsTab = browser.context.waitForEvent('page');
  await hint.locator('a').click();
  const options = await optionsTab;
  await options.waitForURL(/\/options\.html$/);
  await options.locator('[name=client_id]').waitFor();
  await options.close();
  await popup.close();
});

test('logging in through hh.ru consent shows the user, the resumes, the quota and sets the badge alarm', async () => {
  await configure();
  const popup = await openPopup();
  await popup.locator('.login-btn').waitFor();
  assert.equal(await popup.locator('.app-hint').count(), 0, 'the app is configured');
  const consent = browser.context.waitForEvent('page');
  await popup.locator('.login-btn').click();
  const page = await consent;
  await page.locator('[data-qa="oauth-allow"]').click();

  await popup.locator('.user-name').waitFor();
  assert.equal(await popup.locator('.user-name').textContent(), 'Иван Петров');
  const options = await popup.locator('.resume-select option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options.sort(), [ARCHITECT_RESUME, PYTHON_RESUME].sort());
  assert.equal(await popup.locator('.resume-select').inputValue(), PYTHON_RESUME);
  assert.equal(await popup.locator('.quota-text').textContent(), '0 из 200 за 24 часа');
  assert.equal(await popup.locator('.quota-cap').count(), 0, 'no own cap set');
  await popup.locator('.replies, .recent .muted').first().waitFor();

  const stored = await storage();
  assert.ok(stored.tokens?.access, 'the tokens are stored');
  const alarm = await browser.extensionPage.evaluate(() => chrome.alarms.get('hh-updates'));
  assert.equal(alarm?.periodInMinutes, 30, 'the badge is refreshed every 30 minutes');
  await popup.close();
});

test('denying access on hh.ru says so clearly and stays logged out', async () => {
  await configure();
  const popup = await openPopup();
  await popup.locator('.login-btn').waitFor();
  const consent = browser.context.waitForEvent('page');
  await popup.locator('.login-btn').click();
  const page = await consent;
  await page.locator('[data-qa="oauth-deny"]').click();

  await popup.locator('.action-error').waitFor();
  assert.match(await popup.locator('.action-error').textContent(), /Вы не разрешили доступ на hh\.ru/);
  await popup.locator('.login-btn').waitFor();
  assert.equal(await popup.locator('.user-name').count(), 0);
  const stored = await storage();
  assert.equal(stored.tokens, undefined, 'no tokens after a refusal');
  const status = await browser.ask({ type: 'get_status' });
  assert.equal(status.status.logged_in, false);
  await popup.close();
});

test('switching the resume in the popup changes the overlay\'s score and resume', async () => {
  await quickLogin();
  const vacancy = await browser.context.newPage();
  await vacancy.goto(`https://hh.ru/vacancy/${BACKEND}`);
  let frame = await overlayFrame(vacancy);
  await frame.locator('.resume-title').waitFor();
  assert.equal(await frame.locator('.resume-title').textContent(), 'Python-разработчик (Backend)');
  const pythonScore = Number(await frame.locator('.score').textContent());

  const popup = await openPopup();
  await popup.locator('.resume-select').waitFor();
  await popup.selectOption('.resume-select', ARCHITECT_RESUME);
  await popup.waitForFunction(
    (id) => document.querySelector('.resume-select')?.value === id && !document.querySelector('.resume-select').disabled,
    ARCHITECT_RESUME,
  );
  const status = await browser.ask({ type: 'get_status' });
  assert.equal(status.status.chosen_resume, ARCHITECT_RESUME);

  await vacancy.reload();
  frame = await overlayFrame(vacancy);
  await frame.locator('.resume-title').filter({ hasText: 'Архитектор-проектировщик' }).waitFor();
  const architectScore = Number(await frame.locator('.score').textContent());
  assert.ok(
    architectScore < pythonScore,
    `an architect fits a Python backend vacancy worse (${architectScore} vs ${pythonScore})`,
  );
  await popup.close();
  await vacancy.close();
});

test('the quota counts replies made elsewhere in the last 24 hours, the user\'s cap and the next reply time', async () => {
  await quickLogin();
  const { now_ms: now } = await fake.control('GET', 'clock');
  const twoHoursAgo = Math.floor((now - 2 * HOUR) / 1000) * 1000;
  await fake.control('POST', 'negotiations', { seed: 3, created_at_ms: twoHoursAgo });
  await fake.control('POST', 'negotiations', { seed: 2, created_at_ms: now - 25 * HOUR });
  await replyOnSite(OTHER_VACANCIES[0]);

  const popup = await openPopup();
  await popup.locator('.quota-text').waitFor();
  await popup.locator('.refresh').click();
  await popup.locator('.quota-text', { hasText: '4 из 200 за 24 часа' }).waitFor();
  assert.equal((await browser.ask({ type: 'get_status' })).status.quota.used, 4, 'replies older than 24 hours do not count');

  await configure({ daily_cap: 4 });
  await popup.reload();
  await popup.locator('.quota-cap').waitFor();
  assert.equal(await popup.locator('.quota-cap').textContent(), 'Ваш собственный лимит — 4 за 24 часа');
  assert.equal(await popup.locator('.quota-text').textContent(), '4 из 200 за 24 часа');
  assert.ok(await popup.locator('.quota.full').isVisible(), 'the bar is full at the own cap');
  assert.equal(
    await popup.locator('.quota-next').textContent(),
    `Следующий отклик — после ${localTime(twoHoursAgo + 24 * HOUR)}`,
    'the next reply is possible when the oldest counted one turns 24 hours old',
  );
  await popup.close();
});

test('the recent replies and the badge match hh.ru\'s replies', async () => {
  await quickLogin();
  const ids = [];
  for (const vacancyId of OTHER_VACANCIES) ids.push(await replyOnSite(vacancyId));
  await fake.control('POST', `negotiations/${ids[0]}`, { state: 'invitation', message: 'Приглашаем на интервью!' });
  await fake.control('POST', `negotiations/${ids[1]}`, { state: 'discard' });

  const popup = await openPopup();
  await popup.locator('.refresh').click();
  await popup.locator('.updates', { hasText: 'новое: 1' }).waitFor();
  await popup.locator('.reply-row').nth(2).waitFor();
  const rows = await popup.locator('.reply-row').evaluateAll((items) => items.map((li) => ({
    title: li.querySelector('.reply-title').textContent,
    href: li.querySelector('.reply-title').getAttribute('href'),
    employer: li.querySelector('.employer').textContent,
    state: li.querySelector('.state').textContent,
    unread: li.querySelector('.unread')?.textContent ?? null,
  })));
  assert.equal(rows.length, 3);
  const expectedState = ['Приглашение', 'Отказ', 'Отклик'];
  for (const [i, vacancyId] of OTHER_VACANCIES.entries()) {
    const vacancy = await vacancyFromApi(vacancyId);
    const row = rows.find((r) => r.href === `https://hh.ru/vacancy/${vacancyId}`);
    assert.ok(row, `a row links to vacancy ${vacancyId}: ${JSON.stringify(rows)}`);
    assert.equal(row.title, vacancy.name);
    assert.equal(row.employer, vacancy.employer.name);
    assert.equal(row.state, expectedState[i]);
    assert.equal(row.unread, i === 0 ? 'непрочитанных: 1' : null);
  }
  assert.equal(await badgeText(), '1', 'the toolbar badge counts replies with news');

  await popup.locator('.funnel-btn').click();
  await popup.locator('.funnel-table').waitFor();
  const overall = await popup.locator('.funnel-table tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td').textContent));
  assert.deepEqual(overall, ['3', '2', '1', '1'], 'three replies, two seen by the employer, one invitation, one refusal');
  await screenshot(popup, 'popup.png');
  await popup.close();
});

test('the resume is raised with one click and then tells when it can be raised again', async () => {
  await quickLogin();
  const popup = await openPopup();
  await popup.locator('.raise-btn').waitFor();
  await popup.locator('.raise-btn').click();
  await popup.locator('.action-ok', { hasText: 'Резюме поднято в поиске hh.ru.' }).waitFor();
  await popup.locator('.raise-next').waitFor();
  assert.match(await popup.locator('.raise-next').textContent(), /^Поднять резюме снова можно после \d\d:\d\d, \d\d\.\d\d$/);
  const state = await fake.control('GET', 'state');
  const python = state.resumes.find((r) => r.id === PYTHON_RESUME);
  assert.ok(python.next_publish_ms > state.now_ms, 'hh.ru counted the raise');

  const again = await browser.ask({ type: 'publish_resume', resume_id: PYTHON_RESUME });
  assert.equal(again.type, 'error');
  assert.equal(again.error.code, 'touch_limit_exceeded');
  assert.match(again.error.message, /раза в 4 часа/);
  await popup.close();
});

test('logging out revokes the token and leaves no token in storage', async () => {
  await quickLogin();
  const { tokens } = await storage();
  assert.ok(tokens?.access && tokens?.refresh, 'logged in with both tokens');

  const popup = await openPopup();
  await popup.locator('.logout').click();
  await popup.locator('.login-btn').waitFor();

  const stored = await storage();
  for (const key of ['tokens', 'account', 'resume']) assert.equal(stored[key], undefined, `${key} is removed`);
  const text = JSON.stringify(stored);
  assert.ok(!text.includes(tokens.access) && !text.includes(tokens.refresh), 'no token anywhere in storage');
  const state = await fake.control('GET', 'state');
  const issued = state.tokens.find((t) => t.access_token === tokens.access);
  assert.equal(issued?.revoked, true, 'hh.ru was asked to revoke the token');
  assert.equal(await badgeText(), '', 'the badge is cleared');
  await popup.close();
});

test('the settings show the redirect URL, offer to exclude the current employer, and refuse a broken file', async () => {
  await quickLogin();
  await configure({ daily_cap: 50, excluded_words: ['стажёр'] });
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(`chrome-extension://${browser.id}/options.html`);
  await options.waitForFunction(() => document.querySelector('[name=client_id]')?.value === 'test-client');
  await options.waitForFunction(() => document.querySelector('[name=redirect_url]')?.value.endsWith('.chromiumapp.org/'));
  assert.equal(await options.inputValue('[name=redirect_url]'), `https://${browser.id}.chromiumapp.org/`);
  for (const placeholder of ['{vacancy}', '{company}', '{first_name}', '{resume_title}', '{skills}', '{experience}']) {
    assert.ok(await options.locator('.placeholders code', { hasText: placeholder }).count(), placeholder);
  }

  const offer = options.locator('.exclude-current');
  await offer.waitFor();
  assert.match(await offer.textContent(), /ООО «Облачные решения»/);
  await options.locator('.exclude-current-btn').click();
  assert.equal(await options.inputValue('[name=excluded_employers]'), 'ООО «Облачные решения»');

  await options.locator('input[name=import]').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"daily_cap": 30, "client_id": '),
  });
  const error = options.locator('.message.error');
  await error.waitFor();
  assert.match(await error.textContent(), /^Файл настроек не читается.*текущие настройки не изменены\.$/);
  assert.equal(await options.inputValue('[name=daily_cap]'), '50');
  assert.equal(await options.inputValue('[name=client_id]'), 'test-client');
  assert.equal(await options.inputValue('[name=excluded_employers]'), 'ООО «Облачные решения»', 'the unsaved edit stays too');
  const saved = await browser.ask({ type: 'get_settings' });
  assert.equal(saved.settings.daily_cap, 50, 'the stored settings are untouched');

  await options.locator('button.save').click();
  await options.locator('.message.ok').waitFor();
  const after = await browser.ask({ type: 'get_settings' });
  assert.deepEqual(after.settings.excluded_employers, ['ООО «Облачные решения»']);
  assert.equal(await options.locator('.exclude-current').count(), 0, 'an excluded employer is not offered again');
  await screenshot(options, 'options.png');
  await options.close();
});
