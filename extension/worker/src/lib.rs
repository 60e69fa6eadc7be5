//! The service worker: takes protocol messages from `worker.js`, checks who sent them, and lets the core's agent answer.

mod fetch;
mod platform;

use std::rc::Rc;

use hh_job_agent::agent::Agent;
use hh_job_agent::protocol::{check_sender, Envelope, Request, Response, Sender, UserError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use platform::WebPlatform;

thread_local! {
    /// One agent per worker life; its state lives in chrome.storage, so a restart loses nothing.
    static AGENT: Rc<Agent<WebPlatform>> = Rc::new(Agent::new(WebPlatform));
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // The browser may have dropped the badge alarm (an update, a cleared profile): bring it back.
    wasm_bindgen_futures::spawn_local(async {
        AGENT.with(Rc::clone).on_startup().await;
    });
}

/// One `chrome.runtime.onMessage` event: the message and its `sender`, answered with a `Response`.
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    let response = match parse(message, sender) {
        Ok((request, tab_id)) => answer(request, tab_id).await,
        Err(error) => Response::Error { error },
    };
    to_js(&response)
}

/// One `chrome.alarms` event: the agent brings the toolbar badge up to date.
#[wasm_bindgen]
pub async fn handle_alarm(name: String) {
    let agent = AGENT.with(Rc::clone);
    agent.handle_alarm(&name).await;
}

/// One `chrome.notifications.onClicked` event: the vacancy the notification announced opens in a tab.
#[wasm_bindgen]
pub async fn handle_notification_click(id: String) {
    // Clicked means read: a notification left on screen would announce the vacancy twice.
    let _ = hh_chrome::clear_notification(&id).await;
    let agent = AGENT.with(Rc::clone);
    agent.handle_notification_click(&id).await;
}

/// The request, and the tab it came from (when it came from one).
fn parse(message: JsValue, sender: JsValue) -> Result<(Request, Option<i64>), UserError> {
    let bad = |e: serde_wasm_bindgen::Error| {
        UserError::new("bad_message", format!("Сообщение не распознано: {e}"))
    };
    let envelope: Envelope = serde_wasm_bindgen::from_value(message).map_err(bad)?;
    let sender = read_sender(&sender);
    check_sender(&hh_chrome::extension_id(), &sender, &envelope).map_err(|r| r.to_user_error())?;
    Ok((envelope.request, sender.tab_id))
}

/// `chrome.runtime.MessageSender` → the core's `Sender`.
fn read_sender(sender: &JsValue) -> Sender {
    let field = |name: &str| js_sys::Reflect::get(sender, &JsValue::from_str(name)).ok();
    let tab_id = field("tab")
        .filter(|tab| tab.is_object())
        .and_then(|tab| js_sys::Reflect::get(&tab, &JsValue::from_str("id")).ok())
        .and_then(|id| id.as_f64())
        .map(|id| id as i64);
    Sender {
        id: field("id").and_then(|v| v.as_string()),
        url: field("url").and_then(|v| v.as_string()),
        tab_id,
    }
}

async fn answer(request: Request, tab_id: Option<i64>) -> Response {
    let agent = AGENT.with(Rc::clone);
    agent.handle_in_tab(request, tab_id).await
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}
