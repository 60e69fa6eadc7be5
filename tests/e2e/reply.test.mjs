// The vacancy-page overlay and the one-click reply, in the browser against the fake hh.ru: the score and its
// reasons, the letter and its draft, the reply and its confirmation, and every way a reply can fail.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { launch, login, overlayFrame, siteLogin, startFake } from './lib/harness.mjs';

const VACANCY = '127358012'; // «Middle Backend-разработчик», a real vacancy of 2025-11
const RESUME = '7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d'; // «Python-разработчик (Backend)»
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
const DAY_MS = 24 * 60 * 60 * 1000;

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

// Every test starts from a clean fake, a clean extension and a fresh login as the fake's user.
beforeEach(async () => {
  await fake.reset();
  await browser.clearStorage();
  await browser.context.clearCookies(); // logged out of the hh.ru site too
  await browser.restartWorker();
  const status = await login(browser, fake);
  assert.equal(status.chosen_resume, RESUME);
});
afterEach(async () => {
  await Promise.all(pages.map((page) => page.close()));
  pages = [];
});

/** A copy of the real vacancy with some fields changed; the fake gives it a new id. */
async function vacancyWith(set) {
  const { id } = await fake.control('POST', 'vacancies', { based_on: VACANCY, set });
  return id;
}

/** Opens a vacancy page and waits for the overlay to show something about it. */
async function openVacancy(id, ready = '.overlay-card') {
  const page = await browser.context.newPage();
  pages.push(page);
  await page.goto(`https://hh.ru/vacancy/${id}`);
  const frame = await overlayFrame(page);
  await frame.locator(ready).waitFor();
  return { page, frame };
}

async function reload(page, ready = '.overlay-card') {
  await page.reload();
  const frame = await overlayFrame(page);
  await frame.locator(ready).waitFor();
  return frame;
}

/** The replies the API received (POST /negotiations), oldest first. */
async function apiReplies() {
  return (await fake.requests()).filter((r) => r.method === 'POST' && r.path === '/negotiations');
}

/** Waits until the worker has stored `text` as the draft for `id`. */
function draftStored(id, text) {
  return browser.extensionPage.waitForFunction(async ([key, want]) => {
    const { drafts } = await chrome.storage.local.get('drafts');
    return drafts?.[key] === want;
  }, [id, text]);
}

async function storedDrafts() {
  return browser.extensionPage.evaluate(async () => (await chrome.storage.local.get('drafts')).drafts ?? {});
}

const resultText = (frame) => frame.locator('.reply').innerText();

test('a user sees the score and its reasons at once, edits the letter and replies in one click', async () => {
  const { page, frame } = await openVacancy(VACANCY);
  const score = Number(await frame.locator('.score').innerText());
  assert.ok(score > 0 && score <= 100, `score ${score}`);
  assert.ok((await frame.locator('.chip-matched').count()) > 0, 'matched skills are listed');
  assert.ok((await frame.locator('.summary').innerText()).length > 10);
  await frame.locator('.factor').first().waitFor();
  const factors = (await frame.locator('.factor .factor-name').allTextContents()).join(' ');
  for (const reason of ['Навыки', 'Опыт', 'Зарплата', 'Формат', 'Место']) {
    assert.ok(factors.includes(reason), `the «${reason}» reason in ${factors}`);
  }
  assert.equal(await frame.locator('.resume-title').innerText(), 'Python-разработчик (Backend)');
  const letter = frame.locator('textarea');
  const template = await letter.inputValue();
  assert.match(template, /^Здравствуйте!/);
  assert.match(template, /Middle Backend-разработчик/);
  assert.doesNotMatch(template, /[{}]/);

  // hh.ru's own controls stay where they are and reachable: the overlay sits in the flow, over nothing.
  const own = page.locator('[data-qa="vacancy-response-link-top"]');
  const box = await own.boundingBox();
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-qa="vacancy-response-link-top"]') !== null,
    [box.x + box.width / 2, box.y + box.height / 2]);
  assert.ok(hit, 'hh.ru\'s reply button is not covered');

  const text = 'Здравствуйте!\n\nПишу на Python и Django пять лет, готов обсудить задачи.\n\nИван';
  await letter.fill(text);
  await frame.locator('.counter').filter({ hasText: `${text.length} / 10` }).waitFor();
  const iframe = await frame.frameElement();
  await page.waitForFunction((el) => el.getBoundingClientRect().height > 300, iframe);
  await mkdir(ARTIFACTS, { recursive: true });
  await frame.locator('.overlay-card').screenshot({ path: `${ARTIFACTS}overlay.png` });

  // hh.ru takes a moment: the button says it is sending and cannot be pressed again meanwhile.
  await fake.faults([{ path: '/negotiations', method: 'POST', kind: 'latency_ms', ms: 1500, times: 1 }]);
  const button = frame.locator('button.send');
  await button.click();
  await frame.locator('button.send', { hasText: 'Отправляем…' }).waitFor();
  assert.ok(await button.isDisabled());
  await frame.locator('.chat-link').waitFor();
  assert.match(await resultText(frame), /Отклик отправлен/);

  const posts = await apiReplies();
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0].form, { vacancy_id: VACANCY, resume_id: RESUME, message: text });
  const state = await fake.control('GET', 'state');
  assert.equal(state.negotiations.length, 1);
  const id = state.negotiations[0].id;
  assert.equal(await frame.locator('.chat-link').getAttribute('href'), `https://hh.ru/applicant/negotiations/item?topicId=${id}`);
  // Shown as sent only after hh.ru showed the reply and its letter.
  const after = (await fake.requests()).filter((r) => r.seq > posts[0].seq && r.method === 'GET');
  assert.ok(after.some((r) => r.path === `/negotiations/${id}`), 'the reply was looked up');
  assert.ok(after.some((r) => r.path === `/negotiations/${id}/messages`), 'its letter was looked up');
  // The ledger counts it, the draft is gone, and a second reply is not offered.
  const status = await browser.ask({ type: 'get_status' });
  assert.equal(status.status.quota.used, 1);
  assert.equal((await storedDrafts())[VACANCY], undefined);
  assert.equal(await frame.locator('button.send').count(), 0);
});

test('an English vacancy gets the English letter', async () => {
  const id = await vacancyWith({
    name: 'Senior Python Engineer',
    description: '<p><strong>About the role</strong></p><ul><li>Build backend services in Python and Django</li>'
      + '<li>Own PostgreSQL schemas and performance</li><li>Work with a distributed team across Europe</li></ul>',
  });
  const { frame } = await openVacancy(id);
  const letter = await frame.locator('textarea').inputValue();
  assert.match(letter, /^Hello,/);
  assert.match(letter, /Senior Python Engineer/);
  assert.doesNotMatch(letter, /Здравствуйте/);
});

test('an edited letter survives collapsing, a reload and a worker restart; collapsing is remembered', async () => {
  const { page, frame } = await openVacancy(VACANCY);
  const draft = 'Мой черновик письма: опыт с Python и PostgreSQL.';
  await frame.locator('textarea').fill(draft);
  // Collapsing right away saves what was typed without waiting for the pause.
  await frame.locator('.ov-head .icon-btn').click();
  await frame.locator('button.pill').waitFor();
  await draftStored(VACANCY, draft);

  let again = await reload(page, 'button.pill');
  assert.equal(await again.locator('.overlay-card').count(), 0, 'still collapsed after a reload');
  await again.locator('button.pill').click();
  assert.equal(await again.locator('textarea').inputValue(), draft);

  await browser.restartWorker();
  again = await reload(page);
  assert.equal(await again.locator('textarea').inputValue(), draft);
  assert.equal(await again.locator('button.pill').count(), 0, 'expanding is remembered too');
});

test('two tabs replying at once send exactly one reply', async () => {
  const first = await openVacancy(VACANCY);
  const second = await openVacancy(VACANCY);
  await fake.faults([{ path: '/negotiations', method: 'POST', kind: 'latency_ms', ms: 1500, times: 1 }]);
  await Promise.all([first.frame.locator('button.send').click(), second.frame.locator('button.send').click()]);
  await Promise.all([first, second].map(({ frame }) => frame.locator('.result').first().waitFor()));
  const texts = [await resultText(first.frame), await resultText(second.frame)];
  assert.equal(texts.filter((t) => t.includes('Отклик отправлен')).length, 1, texts.join(' | '));
  assert.ok(texts.some((t) => t.includes('уже отправляется')), texts.join(' | '));
  // The other tab tries again: it is told the reply is done, and nothing more is sent.
  const loser = texts[0].includes('Отклик отправлен') ? second.frame : first.frame;
  await loser.locator('button.send').click();
  await loser.locator('.result.done', { hasText: 'Вы уже откликнулись' }).waitFor();
  assert.equal((await apiReplies()).length, 1);
});

test('a vacancy already replied to on hh.ru shows that, not the button', async () => {
  const { frame } = await openVacancy(VACANCY);
  // The user replies through hh.ru's own form in another tab while the overlay is open.
  const form = await browser.context.newPage();
  pages.push(form);
  await siteLogin(form, fake);
  await form.goto(`https://hh.ru/applicant/vacancy_response?vacancyId=${VACANCY}`);
  await form.locator('[data-qa="vacancy-response-submit-popup"]').click();
  await form.waitForURL(/hhtmFrom=vacancy_response/);

  await frame.locator('button.send').click();
  await frame.locator('.result.done', { hasText: 'Вы уже откликнулись' }).waitFor();
  assert.equal(await frame.locator('button.send').count(), 0);
  const state = await fake.control('GET', 'state');
  assert.equal(state.negotiations.length, 1, 'no second reply');
});

for (const [employer, shown] of [[null, 'Вы уже откликнулись'], ['invitation', 'Приглашение'], ['discard', 'Отказ']]) {
  test(`a vacancy with a reply${employer ? ` the employer answered (${employer})` : ''} shows «${shown}» instead of the button`, async () => {
    const id = await vacancyWith({});
    const sent = await browser.ask({ type: 'send_reply', vacancy_id: id, resume_id: RESUME, letter: 'Здравствуйте!' });
    assert.equal(sent.outcome.state, 'sent', JSON.stringify(sent));
    if (employer) await fake.control('POST', `negotiations/${sent.outcome.negotiation_id}`, { state: employer });
    const { frame } = await openVacancy(id);
    await frame.locator('.result', { hasText: shown }).waitFor();
    assert.equal(await frame.locator('button.send').count(), 0);
  });
}

test('a vacancy with a test sends the user to hh.ru to take it', async () => {
  // The page says so: the overlay offers the test instead of the button.
  const marked = await vacancyWith({ has_test: true, test: { required: true } });
  let { frame } = await openVacancy(marked);
  const link = frame.locator('a.test-link');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `https://hh.ru/applicant/vacancy_response?vacancyId=${marked}`);
  assert.match(await resultText(frame), /тест/);
  assert.equal(await frame.locator('button.send').count(), 0);

  // Only hh.ru knows: the refusal carries the same link.
  const unmarked = await vacancyWith({ test: { required: true } });
  ({ frame } = await openVacancy(unmarked));
  await frame.locator('button.send').click();
  await frame.locator('a.test-link').waitFor();
  assert.equal(await frame.locator('a.test-link').getAttribute('href'), `https://hh.ru/applicant/vacancy_response?vacancyId=${unmarked}`);
  assert.equal((await fake.control('GET', 'state')).negotiations.length, 0);
});

test('an archived or hidden vacancy cannot be replied to, and the overlay says why', async () => {
  const archived = await vacancyWith({ archived: true });
  let { frame } = await openVacancy(archived);
  await frame.locator('.result.failed', { hasText: 'в архиве' }).waitFor();
  assert.equal(await frame.locator('button.send').count(), 0);

  // Hidden by the employer after the page was opened: hh.ru refuses, the overlay explains.
  const hidden = await vacancyWith({});
  ({ frame } = await openVacancy(hidden));
  await fake.control('POST', 'vacancies', { id: hidden, set: { hidden: true } });
  await frame.locator('button.send').click();
  await frame.locator('.result.failed').waitFor();
  assert.match(await resultText(frame), /[а-я]{4}/);
  assert.equal((await apiReplies()).length, 1);
  assert.equal((await fake.control('GET', 'state')).negotiations.length, 0);
});

test('a required letter is marked, an empty one cannot be sent, a link is warned about', async () => {
  const id = await vacancyWith({ response_letter_required: true });
  const { frame } = await openVacancy(id);
  await frame.locator('.letter .required', { hasText: 'обязательно' }).waitFor();
  const letter = frame.locator('textarea');
  await letter.fill('   ');
  await frame.locator('.blocked-reason', { hasText: 'Работодатель просит письмо' }).waitFor();
  assert.ok(await frame.locator('button.send').isDisabled());
  // The worker refuses it too, before hh.ru is asked.
  const empty = await browser.ask({ type: 'send_reply', vacancy_id: id, resume_id: RESUME, letter: '  ' });
  assert.equal(empty.outcome.error.code, 'letter_required');

  const text = 'Здравствуйте! Мои проекты: github.com/ivan-petrov';
  await letter.fill(text);
  await frame.locator('.link-warning').waitFor();
  await frame.locator('button.send').click();
  await frame.locator('.chat-link').waitFor();
  const posts = await apiReplies();
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0].form, { vacancy_id: id, resume_id: RESUME, message: text });
});

test('a letter over 10 000 characters is caught as it is typed and never sent', async () => {
  const { frame } = await openVacancy(VACANCY);
  const letter = frame.locator('textarea');
  await letter.fill('я'.repeat(10_001));
  await frame.locator('.counter.over', { hasText: '10 001 / 10 000' }).waitFor();
  await frame.locator('.blocked-reason', { hasText: 'длиннее' }).waitFor();
  assert.ok(await frame.locator('button.send').isDisabled());
  const long = await browser.ask({ type: 'send_reply', vacancy_id: VACANCY, resume_id: RESUME, letter: 'я'.repeat(10_001) });
  assert.equal(long.outcome.error.code, 'letter_too_long');
  assert.equal((await apiReplies()).length, 0);

  const limit = 'я'.repeat(10_000);
  await letter.fill(limit);
  await frame.locator('.counter:not(.over)').waitFor();
  await frame.locator('button.send').click();
  await frame.locator('.chat-link').waitFor();
  const sent = (await apiReplies())[0].form.message;
  assert.equal(sent.length, limit.length);
  assert.equal(sent, limit);
});

test('at the daily limit the user learns when the next reply becomes possible', async () => {
  const seeded = await fake.control('POST', 'negotiations', { seed: 200 });
  assert.equal(seeded.replies_in_last_day, 200);
  const oldest = Math.min(...(await fake.control('GET', 'state')).negotiations.map((n) => n.created_ms));
  // Moscow time, rounded up to the minute.
  const next = new Date(Math.ceil((oldest + DAY_MS) / 60_000) * 60_000 + 3 * 60 * 60 * 1000);
  const hhmm = `${String(next.getUTCHours()).padStart(2, '0')}:${String(next.getUTCMinutes()).padStart(2, '0')}`;

  const { frame } = await openVacancy(VACANCY);
  await frame.locator('textarea').fill('Здравствуйте!');
  await frame.locator('button.send').click();
  const failed = frame.locator('.result.failed');
  await failed.waitFor();
  const message = await failed.innerText();
  assert.match(message, /лимит/);
  assert.ok(message.includes(`${hhmm} по Москве`), `${message} should name ${hhmm}`);
  // The ledger learnt hh.ru's count: the next try is refused without asking hh.ru again.
  await frame.locator('button.send').click();
  await frame.locator('.result.failed', { hasText: 'лимит' }).waitFor();
  assert.equal((await apiReplies()).length, 1);
  assert.equal((await storedDrafts())[VACANCY], 'Здравствуйте!');
});

test('a captcha opens hh.ru\'s check with the way back, and then the reply goes through', async () => {
  const { frame } = await openVacancy(VACANCY);
  await fake.faults([{ path: '/negotiations', method: 'POST', kind: 'captcha_required', times: 1 }]);
  await frame.locator('button.send').click();
  const solve = frame.locator('button.captcha');
  await solve.waitFor();
  const opened = browser.context.waitForEvent('page');
  await solve.click();
  const captcha = await opened;
  pages.push(captcha);
  await captcha.waitForLoadState();
  const url = new URL(captcha.url());
  assert.equal(url.host, 'hh.ru');
  assert.equal(url.pathname, '/account/captcha');
  assert.equal(url.searchParams.get('backurl'), `https://hh.ru/vacancy/${VACANCY}`);
  await captcha.locator('[data-qa="account-captcha"]').waitFor();

  await frame.locator('button.send').click();
  await frame.locator('.chat-link').waitFor();
  assert.equal((await fake.control('GET', 'state')).negotiations.length, 1);
});

test('an expired access token is refreshed silently and the reply still goes through', async () => {
  await fake.config({ access_token_ttl_s: 600 });
  assert.equal((await browser.ask({ type: 'login' })).type, 'status');
  const { frame } = await openVacancy(VACANCY);
  const since = (await fake.requests()).at(-1).seq;
  await fake.clock({ advance_ms: 700_000 });
  await frame.locator('button.send').click();
  await frame.locator('.chat-link').waitFor();
  const log = (await fake.requests()).filter((r) => r.seq > since);
  const posts = log.filter((r) => r.method === 'POST' && r.path === '/negotiations');
  assert.deepEqual(posts.map((r) => r.status), [403, 201], 'refused with the stale token, accepted with the fresh one');
  assert.equal(log.filter((r) => r.path === '/token').length, 1, 'one refresh');
  assert.equal((await browser.ask({ type: 'get_status' })).status.logged_in, true);
});

test('when hh.ru closes applicant access to the app, the reply turns to hh.ru\'s own form, which needs the site login', async () => {
  const { page, frame } = await openVacancy(VACANCY);
  await fake.config({ applicant_api: 'no_scope' });
  await frame.locator('button.send').click();
  // Nothing went through the API; the page channel found the user logged out of hh.ru, so it clicked nothing.
  const login = frame.locator('.result.failed[data-code="site_login_required"] a.error-link');
  await login.waitFor();
  assert.equal(await login.getAttribute('href'), 'https://hh.ru/account/login');
  assert.equal(page.url(), `https://hh.ru/vacancy/${VACANCY}`);
  // From then on the overlay replies through hh.ru's pages.
  const again = await reload(page);
  await again.locator('button.send').waitFor();
  assert.equal((await fake.control('GET', 'state')).negotiations.length, 0);
});

test('a vacancy that takes replies on the employer\'s site offers that site', async () => {
  const site = 'https://career.example.com/jobs/backend';
  const id = await vacancyWith({ type: { id: 'direct', name: 'Прямая' }, response_url: site });
  const { page, frame } = await openVacancy(id);
  await frame.locator('button.send').click();
  const link = frame.locator('a.direct-link');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), site);
  assert.match(await resultText(frame), /на своём сайте/);
  // Learnt once: after a reload the overlay offers the site without trying hh.ru again.
  const again = await reload(page);
  await again.locator('a.direct-link').waitFor();
  assert.equal(await again.locator('button.send').count(), 0);
  assert.equal((await apiReplies()).length, 1);
});

test('when hh.ru fails, the user is told and the letter stays as a draft for the next try', async () => {
  const { page, frame } = await openVacancy(VACANCY);
  const text = 'Письмо, которое не должно потеряться.';
  await frame.locator('textarea').fill(text);
  await fake.faults([{ path: '/negotiations', method: 'POST', kind: 'non_json', status: 502, times: 'always' }]);
  await frame.locator('button.send').click();
  await frame.locator('.result.failed', { hasText: 'hh.ru' }).waitFor();
  assert.equal((await storedDrafts())[VACANCY], text);

  const again = await reload(page);
  assert.equal(await again.locator('textarea').inputValue(), text);
  await fake.control('DELETE', 'faults');
  await again.locator('button.send').click();
  await again.locator('.chat-link').waitFor();
  const created = (await fake.control('GET', 'state')).negotiations;
  assert.equal(created.length, 1);
  assert.equal(created[0].message, text);
});

test('a reply hh.ru does not show afterwards is reported as unconfirmed, never as sent', async () => {
  const { frame } = await openVacancy(VACANCY);
  await frame.locator('textarea').fill('Здравствуйте! Проверка подтверждения.');
  await fake.faults([{ path_prefix: '/negotiations/', method: 'GET', kind: 'status', status: 404, times: 'always' }]);
  await frame.locator('button.send').click();
  await frame.locator('.unconfirmed').waitFor();
  const text = await resultText(frame);
  assert.match(text, /не подтверждён/);
  assert.doesNotMatch(text, /Отклик отправлен/);
  assert.equal(await frame.locator('.chat-link').count(), 0);
  assert.equal((await storedDrafts())[VACANCY], 'Здравствуйте! Проверка подтверждения.');
});
