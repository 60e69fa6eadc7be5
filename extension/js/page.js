// Bootstrap of the extension pages (popup, options, overlay): start the Leptos UI for this page.
import init, { start } from './wasm/hh_ui.js';

await init();
start(document.body.dataset.page);
