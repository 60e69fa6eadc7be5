// `cargo xtask demo`: the extension on the fake hh.ru. Headed: a browser to try it in. Headless: screenshots.
import { mkdir } from 'node:fs/promises';
import { launch, login, overlayFrame, startFake } from './lib/harness.mjs';

const headless = process.argv.includes('--headless');
const out = new URL('./artifacts/', import.meta.url).pathname;
const fake = await startFake();
const browser = await launch(fake, { headless });
// Log in as the fake's user through its hh.ru app, as a real user would after registering theirs.
await login(browser, fake);
const search = await browser.context.newPage();
await search.goto('https://hh.ru/search/vacancy?text=python');
await browser.extensionPage.close();

if (headless) {
  await mkdir(out, { recursive: true });
  await search.locator('hh-agent-badge').first().waitFor({ timeout: 15000 });
  await search.screenshot({ path: `${out}demo-search.png`, fullPage: false });
  const href = await search.locator('a[data-qa="serp-item__title"]').first().getAttribute('href');
  const vacancy = await browser.context.newPage();
  await vacancy.goto(new URL(href, 'https://hh.ru/').href);
  const frame = await overlayFrame(vacancy);
  await frame.locator('.overlay-card').waitFor();
  // The iframe grows to the overlay's height once it has rendered: wait for that before the picture.
  await vacancy.waitForFunction((el) => el.getBoundingClientRect().height > 150, await frame.frameElement());
  await vacancy.screenshot({ path: `${out}demo-vacancy.png`, fullPage: false });
  console.log(`Screenshots: ${out}demo-search.png, ${out}demo-vacancy.png`);
  await browser.close();
  fake.stop();
} else {
  console.log('Chromium is open on the fake hh.ru (offline). Close the browser window to stop.');
  await new Promise((resolve) => browser.context.on('close', resolve));
  fake.stop();
}
