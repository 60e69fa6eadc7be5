// End-to-end harness: starts the fake hh.ru, launches Debian's Chromium with the built extension mapped onto it,
// and gives tests the worker, the extension id, protocol messaging and the fake's control API.
import { after } from 'node:test';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const DIST = process.env.HH_AGENT_DIST ?? new URL('../../../dist', import.meta.url).pathname;
const FAKE_BIN = process.env.FAKE_HH_BIN ?? new URL('../../../target/debug/fake-hh', import.meta.url).pathname;
export const EXTENSION_ID = 'oebmnedmndhkonmoagigadpapbbimika';

/** Starts the fake hh.ru on an ephemeral port; resolves once it listens. */
export async function startFake() {
  const child = spawn(FAKE_BIN, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake-hh exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/^FAKE_HH_LISTENING port=(\d+)/);
      if (match) resolve(Number(match[1]));
    });
  });
  // Node does not see Chromium's host mapping: ask the fake on loopback, naming the host it should serve.
  const request = (host, method, path, { json, form, headers = {} } = {}) => new Promise((resolve, reject) => {
    const [body, type] = form
      ? [new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded']
      : [json === undefined ? undefined : JSON.stringify(json), 'application/json'];
    const req = httpsRequest({
      host: '127.0.0.1', port, method, path, rejectUnauthorized: false,
      headers: { host, ...(body === undefined ? {} : { 'content-type': type }), ...headers },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8'); // a chunk may end inside a UTF-8 character
      res.on('data', (chunk) => { data += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
  const control = async (method, path, body) => {
    const res = await request('api.hh.ru', method, `/__control/${path}`, { json: body });
    if (res.status >= 300) throw new Error(`control ${path}: ${res.status} ${res.body}`);
    return res.body ? JSON.parse(res.body) : null;
  };
  return {
    port,
    control,
    reset: () => control('POST', 'reset', {}),
    requests: () => control('GET', 'requests'),
    faults: (rules) => control('POST', 'faults', { rules }),
    config: (config) => control('POST', 'config', config),
    clock: (clock) => control('POST', 'clock', clock),
    /** One HTTPS request as `host` (hh.ru or api.hh.ru) would get it: `{ status, headers, body }`. */
    request,
    /** An hh.ru page as the fake serves it (to a visitor who is not logged in). */
    page: (path) => request('hh.ru', 'GET', path),
    /** A new hh.ru site session: `{ hhtoken, _xsrf, cookie }`; pass `cookie` as the `Cookie` header. */
    siteSession: () => control('POST', 'site_session', { logged_in: true }),
    stop: () => { child.kill(); },
  };
}

/**
 * One fake hh.ru and one browser with the extension for a whole test file: started now (a test file awaits it at
 * its top), stopped after its tests. `fresh()` resets the fake and forgets the extension's storage, the hh.ru
 * cookies and the worker's memory, as a fresh install would be.
 */
export async function suite() {
  const fake = await startFake();
  const browser = await launch(fake);
  after(async () => {
    await browser.close();
    fake.stop();
  });
  const fresh = async () => {
    await fake.reset();
    await browser.clearStorage();
    await browser.context.clearCookies();
    await browser.restartWorker();
  };
  return { fake, browser, fresh };
}

/**
 * The README's pictures: `take(page, name)` writes a full-page screenshot to `tests/e2e/artifacts/` at once;
 * the ones taken are copied to `docs/` once the file's tests are over (a failing test leaves docs/ as it was).
 */
export function readmePictures() {
  const artifacts = new URL('../artifacts/', import.meta.url);
  const docs = new URL('../../../docs/', import.meta.url);
  const taken = [];
  after(async () => {
    await mkdir(docs, { recursive: true });
    for (const name of taken) await copyFile(new URL(name, artifacts), new URL(name, docs));
  });
  return async function take(page, name) {
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: new URL(name, artifacts).pathname, fullPage: true });
    taken.push(name);
  };
}

/** Launches Chromium with the extension; hh.ru and api.hh.ru resolve to the fake. */
export async function launch(fake, { headless = true } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'hh-agent-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    locale: 'ru-RU',
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      `--host-resolver-rules=MAP hh.ru 127.0.0.1:${fake.port}, MAP *.hh.ru 127.0.0.1:${fake.port}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${id}/popup.html`);
  return {
    context,
    worker,
    id,
    extensionPage,
    /** Sends one protocol request from an extension page, as the popup would. */
    ask: (request) => extensionPage.evaluate((req) => chrome.runtime.sendMessage({ v: 1, request: req }), request),
    /** Forgets everything the extension stored (tokens, settings, caches), as a fresh install would. */
    clearStorage: () => extensionPage.evaluate(() => chrome.storage.local.clear()),
    /** Stops the service worker, as Chromium does after 30 s idle; the next message starts a fresh one. */
    async restartWorker() {
      const cdp = await context.newCDPSession(extensionPage);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in as the fake's user through its test app (consent approved at once); resolves with the status. */
export async function login(browser, fake) {
  await fake.config({ auto_approve_oauth: true });
  await browser.ask({ type: 'save_settings', settings: { client_id: 'test-client', client_secret: 'test-secret' } });
  const answer = await browser.ask({ type: 'login' });
  if (answer.type !== 'status' || !answer.status.logged_in) throw new Error(`login failed: ${JSON.stringify(answer)}`);
  return answer.status;
}

/** Logs in to the hh.ru site in the page's browser context through the login form, as a user would. */
export async function siteLogin(page, fake) {
  await page.goto('https://hh.ru/account/login?backurl=%2F');
  await page.locator('input[data-qa="login-input-username"]').fill('ivan.petrov@example.com');
  await page.locator('input[data-qa="login-input-password"]').fill('password');
  await page.locator('[data-qa="account-login-submit"]').click();
  await page.locator('[data-qa="mainmenu_applicantProfile"]').waitFor();
}

/** The overlay's frame on a vacancy page (it lives in a closed shadow root, but frames are always reachable). */
export async function overlayFrame(page) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/overlay.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('no overlay frame on the page');
    // A frame attaches blank and then navigates: wake on either, re-check at least twice a second.
    await page.waitForEvent('framenavigated', { timeout: 500 }).catch(() => {});
  }
}
