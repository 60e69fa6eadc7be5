// Search-page benchmark (`cargo xtask bench search`): a 50-card page on the fake hh.ru with 100 ms per API
// answer. Measures, from DOMContentLoaded: all preliminary badges, all full badges with a cold cache and with
// a warm one, and the API requests each page view makes. Prints a table; numbers go to the README, dated.
import { launch, login, startFake } from './lib/harness.mjs';

const CARDS = 50;
const LATENCY_MS = 100;
const RATE_PER_S = 5; // the client's default polite rate

// Runs in the page: notes when every card first has a badge, and when every badge is final.
const watchBadges = () => {
  const marks = {};
  const check = () => {
    const cards = document.querySelectorAll('[data-qa="vacancy-serp__vacancy"]');
    const badges = [...cards].map((c) => c.querySelector('hh-agent-badge'));
    if (!cards.length || badges.some((b) => !b)) return;
    marks.preliminary ??= performance.now();
    if (badges.every((b) => b.dataset.preliminary === 'false')) marks.full ??= performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  window.__badgeMarks = marks;
};

async function pageView(browser, fake) {
  const before = (await fake.requests()).length;
  const page = await browser.context.newPage();
  await page.addInitScript(watchBadges);
  await page.goto('https://hh.ru/search/vacancy?text=%D1%80%D0%B0%D0%B7%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D1%87%D0%B8%D0%BA');
  await page.waitForFunction(() => window.__badgeMarks?.full !== undefined, null, { timeout: 120000 });
  const { dcl, marks, cards } = await page.evaluate(() => ({
    dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    marks: window.__badgeMarks,
    cards: document.querySelectorAll('[data-qa="vacancy-serp__vacancy"]').length,
  }));
  const requests = (await fake.requests()).slice(before).filter((r) => r.host === 'api.hh.ru' && /^\/vacancies\/\d+$/.test(r.path)).length;
  await page.close();
  return { cards, preliminary: marks.preliminary - dcl, full: marks.full - dcl, requests };
}

const fake = await startFake();
const browser = await launch(fake);
await login(browser, fake);
await fake.config({ search_page_size: CARDS });
await fake.faults([{ host: 'api.hh.ru', path_prefix: '/vacancies/', kind: 'latency_ms', ms: LATENCY_MS, times: 'always' }]);

const cold = await pageView(browser, fake);
const warm = await pageView(browser, fake);
await browser.close();
fake.stop();

const bound = (cold.cards / RATE_PER_S) * 1000 + LATENCY_MS;
const ms = (x) => `${Math.round(x)} ms`;
console.log(`search page: ${cold.cards} cards, ${LATENCY_MS} ms per API answer, rate limit ${RATE_PER_S}/s (bound ${ms(bound)})`);
console.log(`| measure | value | target |`);
console.log(`|---|---|---|`);
console.log(`| DOMContentLoaded → all preliminary badges | ${ms(cold.preliminary)} | ≤ 100 ms |`);
console.log(`| → all full badges, cold cache | ${ms(cold.full)} (${(cold.full / bound).toFixed(2)}× the bound) | ≤ 1.2× ${ms(bound)} |`);
console.log(`| → all full badges, warm cache | ${ms(warm.full)} | ≤ 150 ms |`);
console.log(`| API requests per page view, cold / warm | ${cold.requests} / ${warm.requests} | ≤ ${cold.cards} / 0 |`);
