// Service-worker shim: every listener is registered synchronously at start (events that wake the worker
// are missed otherwise), and each waits for the one wasm init before handing the event to Rust.
import init, { handle_message, handle_alarm, handle_notification_click } from './wasm/hh_worker.js';

const ready = init();

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => handle_message(message, sender))
    .then(sendResponse, (error) =>
      sendResponse({ type: 'error', error: { code: 'worker_failed', message: `Сбой расширения: ${error}` } }));
  return true; // the answer comes asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  ready.then(() => handle_alarm(alarm.name)).catch((error) => console.error('alarm', alarm.name, error));
});

chrome.notifications.onClicked.addListener((id) => {
  ready.then(() => handle_notification_click(id)).catch((error) => console.error('notification', id, error));
});
