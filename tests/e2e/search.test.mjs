// Search results: every card gets a preliminary badge at once and a final one from the full vacancy; cards the
// page adds later get badges too; the user's exclusions and replies show; API failures leave badges preliminary.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { login, suite } from './lib/harness.mjs';

const { fake, browser, fresh } = await suite();
beforeEach(async () => {
  await fresh();
  await login(browser, fake);
});

/** Opens a search page and waits until every card has a badge in the given state. */
async function openSearch(query, { final = true } = {}) {
  const page = await browser.context.newPage();
  await page.goto(`https://hh.ru/search/vacancy?text=${encodeURIComponent(query)}`);
  await everyCardBadged(page, { final });
  return page;
}

function everyCardBadged(page, { final }) {
  return page.waitForFunction((final) => {
    const cards = [...document.querySelectorAll('[data-qa="vacancy-serp__vacancy"]')].filter((c) => c.style.display !== 'none');
    return cards.length > 0 && cards.every((card) => {
      const badge = card.querySelector('hh-agent-badge');
      return badge && (!final || badge.dataset.preliminary === 'false');
    });
  }, final);
}

const badges = (page) => page.$$eval('hh-agent-badge', (all) => all.map((b) => ({
  id: b.closest('[data-qa="vacancy-serp__vacancy"]').dataset.hhAgent,
  score: Number(b.dataset.score),
  preliminary: b.dataset.preliminary === 'true',
  label: b.shadowRoot.querySelector('span').textContent,
  tooltip: b.title,
})));

test('every card of the first page gets a score, first preliminary, then from the full vacancy', async () => {
  const page = await openSearch('python');
  const all = await badges(page);
  const cards = await page.locator('[data-qa="vacancy-serp__vacancy"]').count();
  assert.equal(all.length, cards);
  assert.ok(all.every((b) => b.score >= 0 && b.score <= 100 && !b.preliminary));
  const fetched = (await fake.requests()).filter((r) => r.host === 'api.hh.ru' && /^\/vacancies\/\d+$/.test(r.path));
  assert.equal(new Set(fetched.map((r) => r.path)).size, fetched.length, 'each vacancy is fetched once');
  assert.ok(fetched.length <= cards);
  // hh.ru's own links keep working: the title still leads to the vacancy.
  assert.match(await page.locator('a[data-qa="serp-item__title"]').first().getAttribute('href'), /\/vacancy\/\d+/);
  await page.close();
});

test('a second look at the same page is served from the cache', async () => {
  (await openSearch('python')).close();
  const before = (await fake.requests()).length;
  const page = await openSearch('python');
  const vacancyFetches = (await fake.requests()).slice(before).filter((r) => r.host === 'api.hh.ru' && r.path.startsWith('/vacancies/'));
  assert.equal(vacancyFetches.length, 0);
  await page.close();
});

test('cards added later by the page (scrolling, a filter change) get badges too', async () => {
  const page = await openSearch('python');
  const firstIds = new Set((await badges(page)).map((b) => b.id));
  // hh.ru appends the next page's cards in place; do the same with the fake's page 2.
  await page.evaluate(async () => {
    const html = await (await fetch('/search/vacancy?text=python&page=1')).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    const results = document.querySelector('[data-qa="vacancy-serp__results"]');
    for (const card of next.querySelectorAll('[data-qa="vacancy-serp__vacancy"]')) results.append(document.adoptNode(card));
  });
  await everyCardBadged(page, { final: true });
  const afterScroll = await badges(page);
  assert.ok(afterScroll.some((b) => !firstIds.has(b.id)), 'cards of page 2 are badged');
  // A filter change re-renders the list with other cards.
  await page.evaluate(async () => {
    const html = await (await fetch('/search/vacancy?text=' + encodeURIComponent('тестировщик'))).text();
    const other = new DOMParser().parseFromString(html, 'text/html');
    document.querySelector('[data-qa="vacancy-serp__results"]').replaceChildren(
      ...[...other.querySelectorAll('[data-qa="vacancy-serp__vacancy"]')].map((c) => document.adoptNode(c)));
  });
  await everyCardBadged(page, { final: true });
  await page.close();
});

test('an excluded employer is hidden and a low score dimmed, as the settings say', async () => {
  const probe = await openSearch('python');
  const employer = await probe.locator('[data-qa="vacancy-serp__vacancy-employer-text"]').first().textContent();
  await probe.close();
  await browser.ask({ type: 'save_settings', settings: { client_id: 'test-client', client_secret: 'test-secret', excluded_employers: [employer.trim()], score_threshold: 100 } });
  const page = await openSearch('python');
  const display = await page.$$eval('[data-qa="vacancy-serp__vacancy"]', (cards) => cards.map((c) => ({
    employer: c.querySelector('[data-qa="vacancy-serp__vacancy-employer-text"]')?.textContent.trim(),
    hidden: c.style.display === 'none',
    dimmed: c.style.opacity === '0.45',
    score: Number(c.querySelector('hh-agent-badge')?.dataset.score),
  })));
  for (const card of display) {
    if (card.employer === employer.trim()) assert.ok(card.hidden, `${card.employer} is hidden`);
    else assert.equal(card.dimmed, card.score < 100, `${card.employer} ${card.score}`);
  }
  await page.close();
});

test('a vacancy the user replied to is marked', async () => {
  const probe = await openSearch('python');
  const id = (await badges(probe))[0].id;
  await probe.close();
  const status = await browser.ask({ type: 'get_status' });
  const reply = await browser.ask({ type: 'send_reply', vacancy_id: id, resume_id: status.status.chosen_resume, letter: 'Здравствуйте!' });
  assert.equal(reply.outcome.state, 'sent', JSON.stringify(reply));
  const page = await openSearch('python');
  const mine = (await badges(page)).find((b) => b.id === id);
  assert.match(mine.label, /^✓/);
  assert.match(mine.tooltip, /откликнулись/);
  await page.close();
});

test('badges appear under a strict page CSP', async () => {
  await fake.config({ csp: 'strict' });
  const page = await openSearch('python');
  assert.ok((await badges(page)).length > 0);
  await page.close();
});

test('when hh.ru fails during refinement the badges stay preliminary and say why', async () => {
  await fake.faults([{ path_prefix: '/vacancies/', host: 'api.hh.ru', kind: 'status', status: 500, times: 'always' }]);
  const page = await openSearch('java', { final: false });
  await page.waitForFunction(() => [...document.querySelectorAll('hh-agent-badge')].every((b) => /Не уточнено/.test(b.title)));
  const all = await badges(page);
  assert.ok(all.every((b) => b.preliminary), 'no badge claims a full score');
  await page.close();
});
