// Content script: a thin renderer. It finds hh.ru elements with the worker's selector table, hands raw page
// data to the worker, and draws what the worker computed. No scoring or wording happens here.
(async () => {
  const ask = (request) => chrome.runtime.sendMessage({ v: 1, request });
  // Asked at document_start, so the worker wakes while the page still parses.
  const answer = await ask({ type: 'get_selectors' });
  if (!answer || answer.type !== 'selectors') return;
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const sel = Object.fromEntries(answer.table);
  const text = (root, key) => root.querySelector(sel[key])?.textContent.trim() ?? '';
  const missing = (keys) => keys.filter((key) => !document.querySelector(sel[key]));

  const vacancyId = location.pathname.match(/^\/vacancy\/(\d+)/)?.[1];
  if (vacancyId) {
    const description = document.querySelector(sel['vacancy.description']);
    ask({
      type: 'vacancy_page',
      page: {
        vacancy_id: vacancyId,
        initial_state: document.querySelector(sel['page.initial_state'])?.content.textContent ?? null,
        title: text(document, 'vacancy.title'),
        company: text(document, 'vacancy.company'),
        salary: text(document, 'vacancy.salary'),
        experience: text(document, 'vacancy.experience'),
        description_html: description?.innerHTML ?? '',
        skills: [...document.querySelectorAll(sel['vacancy.skill'])].map((el) => el.textContent.trim()),
        missing_selectors: missing(answer.vacancy_keys),
      },
    });
    mountOverlay(vacancyId, description);
  }

  // Cards: badge every card once, including cards the page adds later (scrolling, filters).
  let healthReported = false;
  const scan = async () => {
    const fresh = [...document.querySelectorAll(sel['serp.card'])].filter((card) => !card.dataset.hhAgent);
    const cards = fresh.map((card) => {
      const id = card.querySelector(sel['serp.card.title_link'])?.href.match(/\/vacancy\/(\d+)/)?.[1] ?? '';
      card.dataset.hhAgent = id || 'unknown';
      return { card, id };
    }).filter(({ id }) => id);
    if (!cards.length) return;
    if (!healthReported) {
      healthReported = true;
      const first = cards[0].card;
      ask({ type: 'page_health', page: 'search', missing: answer.card_keys.filter((key) => !first.querySelector(sel[key])) });
    }
    const read = ({ card, id }) => ({
      vacancy_id: id,
      title: text(card, 'serp.card.title_text'),
      employer: text(card, 'serp.card.employer'),
      experience: text(card, 'serp.card.experience'),
      address: text(card, 'serp.card.address'),
      text: card.innerText,
    });
    const payloads = cards.map(read);
    // Badges at once (final for vacancies already stored), then the rest made final from the full vacancy.
    const preliminary = await ask({ type: 'score_cards', cards: payloads });
    const byId = new Map(cards.map(({ card, id }) => [id, card]));
    for (const badge of preliminary?.badges ?? []) drawBadge(byId.get(badge.vacancy_id), badge);
    if (preliminary?.type !== 'badges') return;
    const final = new Set(preliminary.badges.filter((b) => !b.preliminary).map((b) => b.vacancy_id));
    for (const card of payloads.filter((c) => !final.has(c.vacancy_id))) {
      ask({ type: 'refine_card', card }).then((reply) => reply?.badges?.forEach((b) => drawBadge(byId.get(b.vacancy_id), b)));
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; scan(); });
  }).observe(document.body, { childList: true, subtree: true });
  scan();

  // The page channel's reply: the worker sends steps to play on hh.ru's own form. It decides; this only plays.
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message?.play || sender.id !== chrome.runtime.id) return false;
    play(message.play.steps).then(sendResponse, (error) => sendResponse({ results: [], error: String(error) }));
    return true;
  });
  const shown = ({ selector }) => [...document.querySelectorAll(selector)].find((el) => el.getClientRects().length);
  const waitFor = (targets, ms) => new Promise((resolve) => {
    const find = () => targets.find(shown);
    if (find() || !ms) return resolve(find());
    const done = (hit) => { observer.disconnect(); clearTimeout(timer); resolve(hit); };
    const observer = new MutationObserver(() => find() && done(find()));
    const timer = setTimeout(() => done(find()), ms);
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  });
  async function play(steps) {
    const results = [];
    for (const step of steps) {
      const target = step.target && (step.do === 'click' ? await waitFor([step.target], step.timeout_ms) : step.target);
      const el = target && shown(target);
      let result = { ok: !!el };
      if (step.do === 'wait_any') {
        const hit = await waitFor(step.targets, step.timeout_ms);
        result = { ok: !!hit, found: hit?.key };
      } else if (step.do === 'probe') result = { ok: true, found: step.targets.filter(shown).map((t) => t.key).join(',') };
      else if (el && step.do === 'click') el.click();
      else if (el && step.do === 'fill') {
        el.focus();
        el.value = step.value;
        for (const type of ['input', 'change']) el.dispatchEvent(new Event(type, { bubbles: true }));
      } else if (el && step.do === 'read') result.value = step.attribute ? el.getAttribute(step.attribute) : el.textContent.trim();
      results.push(result);
      if (!result.ok) break;
    }
    return { results };
  }

  function drawBadge(card, badge) {
    if (!card) return;
    let host = card.querySelector(':scope hh-agent-badge');
    if (!host) {
      host = document.createElement('hh-agent-badge');
      host.attachShadow({ mode: 'open' });
      const title = card.querySelector(sel['serp.card.title_link']);
      (title?.parentElement ?? card).append(host);
    }
    const band = badge.score >= 70 ? '#1a7f37' : badge.score >= 40 ? '#b76e00' : '#6a7178';
    host.dataset.score = badge.score;
    host.dataset.preliminary = badge.preliminary;
    host.title = badge.tooltip;
    host.shadowRoot.innerHTML = `<style>
      span{display:inline-block;margin-left:8px;padding:1px 8px;border-radius:10px;font:600 13px/20px system-ui,sans-serif;
        color:#fff;background:${band};cursor:help}span.pre{background:transparent;color:${band};border:1px dashed ${band}}
      div{display:none;position:absolute;z-index:10;max-width:320px;padding:8px 10px;border-radius:8px;background:#fff;
        box-shadow:0 4px 16px rgba(0,0,0,.18);font:13px/18px system-ui,sans-serif;color:#222;white-space:pre-line}
      :host(.open) div{display:block}</style><span></span><div></div>`;
    const [label, details] = host.shadowRoot.querySelectorAll('span, div');
    label.className = badge.preliminary ? 'pre' : '';
    label.textContent = badge.label;
    details.textContent = badge.tooltip;
    host.onclick = (event) => { event.preventDefault(); event.stopPropagation(); host.classList.toggle('open'); };
    card.style.opacity = badge.display === 'dimmed' ? '0.45' : '';
    card.style.display = badge.display === 'hidden' ? 'none' : '';
  }

  // The overlay is an extension page in an iframe inside a closed shadow root: the page's CSP cannot stop its
  // wasm, its styles cannot leak either way, and the page cannot read it. It sits in the flow, covering nothing.
  function mountOverlay(id, anchor) {
    const host = document.createElement('div');
    host.id = 'hh-job-agent-overlay';
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = chrome.runtime.getURL(`overlay.html?vacancy=${id}`);
    frame.title = 'HH Job Agent';
    frame.style.cssText = 'display:block;width:100%;max-width:720px;height:120px;border:0;margin:16px 0;color-scheme:normal';
    shadow.append(frame);
    if (anchor) anchor.before(host);
    else {
      host.style.cssText = 'position:fixed;right:16px;bottom:16px;width:360px;z-index:2147483000';
      document.body.append(host);
    }
    addEventListener('message', (event) => {
      const height = event.source === frame.contentWindow && event.data?.hhAgentOverlayHeight;
      if (height > 0) frame.style.height = `${Math.ceil(height)}px`;
    });
  }
})();
