//! The one place where Rust touches `chrome.*`: thin typed wrappers, so the rest of the code never does.

use hh_job_agent::protocol::{
    Envelope, PageScript, PageScriptReport, Request, Response, UserError,
};
use js_sys::{Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    fn runtime_send_message(message: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL)]
    fn runtime_get_url(path: &str) -> String;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get)]
    fn local_get(keys: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set)]
    fn local_set(items: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove)]
    fn local_remove(keys: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = get)]
    fn session_get(keys: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "session"], js_name = set)]
    fn session_set(items: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "identity"], js_name = launchWebAuthFlow)]
    fn identity_launch_web_auth_flow(details: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "identity"], js_name = getRedirectURL)]
    fn identity_get_redirect_url() -> String;

    #[wasm_bindgen(js_namespace = ["chrome", "action"], js_name = setBadgeText)]
    fn action_set_badge_text(details: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = create)]
    fn tabs_create(details: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage)]
    fn tabs_send_message(tab_id: f64, message: &JsValue, options: &JsValue) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = get)]
    fn alarms_get(name: &str) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = create)]
    fn alarms_create(name: &str, info: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "alarms"], js_name = clear)]
    fn alarms_clear(name: &str) -> Promise;

    #[wasm_bindgen(js_namespace = ["chrome", "notifications"], js_name = create)]
    fn notifications_create(id: &str, options: &JsValue) -> Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "notifications"], js_name = clear)]
    fn notifications_clear(id: &str) -> Promise;
}

/// A failure of a chrome.* call, as text.
fn js_error(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

async fn await_promise(promise: Promise) -> Result<JsValue, String> {
    JsFuture::from(promise).await.map_err(js_error)
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&obj, &JsValue::from_str(key), value);
    }
    obj.into()
}

/// This extension's id (`chrome.runtime.id`).
pub fn extension_id() -> String {
    let runtime = Reflect::get(&js_sys::global(), &JsValue::from_str("chrome"))
        .and_then(|chrome| Reflect::get(&chrome, &JsValue::from_str("runtime")));
    runtime
        .and_then(|runtime| Reflect::get(&runtime, &JsValue::from_str("id")))
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_default()
}

/// The absolute URL of a file packed in the extension.
pub fn extension_url(path: &str) -> String {
    runtime_get_url(path)
}

/// `https://<id>.chromiumapp.org/`: the redirect URL the user registers for their hh.ru app.
pub fn redirect_url() -> String {
    identity_get_redirect_url()
}

/// Sends one protocol request to the worker and waits for its answer; a transport failure becomes an `Error` response.
pub async fn ask_worker(request: Request) -> Response {
    let outcome = async {
        let message = to_js(&Envelope::new(request))?;
        let answer = await_promise(runtime_send_message(&message)).await?;
        serde_wasm_bindgen::from_value::<Response>(answer).map_err(|e| e.to_string())
    };
    outcome.await.unwrap_or_else(|detail| Response::Error {
        error: UserError::new(
            "worker_unreachable",
            format!("Расширение не ответило: {detail}"),
        ),
    })
}

/// Which `chrome.storage` area a value lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Survives browser restarts: tokens, settings, the reply ledger, the cache.
    Local,
    /// Lives while the browser runs: short-lived state such as the OAuth `state`.
    Session,
}

/// Reads one key; `None` when absent.
pub async fn storage_get<T: DeserializeOwned>(area: Area, key: &str) -> Result<Option<T>, String> {
    let keys = JsValue::from_str(key);
    let promise = match area {
        Area::Local => local_get(&keys),
        Area::Session => session_get(&keys),
    };
    let items = await_promise(promise).await?;
    let value = Reflect::get(&items, &keys).map_err(js_error)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(value)
        .map(Some)
        .map_err(|e| format!("{key}: {e}"))
}

/// Writes one key.
pub async fn storage_set<T: Serialize + ?Sized>(
    area: Area,
    key: &str,
    value: &T,
) -> Result<(), String> {
    let items = object(&[(key, to_js(value)?)]);
    let promise = match area {
        Area::Local => local_set(&items),
        Area::Session => session_set(&items),
    };
    await_promise(promise).await.map(|_| ())
}

/// Removes keys from local storage.
pub async fn storage_remove(keys: &[&str]) -> Result<(), String> {
    let list = js_sys::Array::new();
    for key in keys {
        list.push(&JsValue::from_str(key));
    }
    await_promise(local_remove(&list)).await.map(|_| ())
}

/// Runs the OAuth consent in a browser window and returns the URL hh.ru redirected to.
pub async fn launch_web_auth_flow(url: &str) -> Result<String, String> {
    let details = object(&[
        ("url", JsValue::from_str(url)),
        ("interactive", JsValue::TRUE),
    ]);
    let answer = await_promise(identity_launch_web_auth_flow(&details)).await?;
    answer
        .as_string()
        .ok_or_else(|| "no redirect URL".to_string())
}

/// The text on the toolbar icon ("" hides it).
pub async fn set_badge_text(text: &str) -> Result<(), String> {
    let details = object(&[("text", JsValue::from_str(text))]);
    await_promise(action_set_badge_text(&details))
        .await
        .map(|_| ())
}

/// Creates a repeating `chrome.alarms` alarm unless one with this name and period exists (re-creating would
/// reset its schedule, and the worker starts often); another period replaces it. It fires one period from now.
pub async fn ensure_alarm(name: &str, period_minutes: u32) -> Result<(), String> {
    let existing = await_promise(alarms_get(name)).await?;
    if existing.is_object() {
        let period = Reflect::get(&existing, &JsValue::from_str("periodInMinutes"))
            .ok()
            .and_then(|p| p.as_f64());
        if period == Some(f64::from(period_minutes)) {
            return Ok(());
        }
    }
    let info = object(&[
        ("periodInMinutes", JsValue::from(period_minutes)),
        ("delayInMinutes", JsValue::from(period_minutes)),
    ]);
    await_promise(alarms_create(name, &info)).await.map(|_| ())
}

/// Opens a URL in a new tab.
pub async fn open_tab(url: &str) -> Result<(), String> {
    let details = object(&[("url", JsValue::from_str(url))]);
    await_promise(tabs_create(&details)).await.map(|_| ())
}

/// Removes an alarm (nothing happens when there is none).
pub async fn clear_alarm(name: &str) -> Result<(), String> {
    await_promise(alarms_clear(name)).await.map(|_| ())
}

/// Shows a basic system notification with the extension's icon; a click reports `id`.
pub async fn notify(id: &str, title: &str, message: &str) -> Result<(), String> {
    let options = object(&[
        ("type", JsValue::from_str("basic")),
        (
            "iconUrl",
            JsValue::from_str(&runtime_get_url("icons/icon128.png")),
        ),
        ("title", JsValue::from_str(title)),
        ("message", JsValue::from_str(message)),
    ]);
    await_promise(notifications_create(id, &options))
        .await
        .map(|_| ())
}

/// Takes a notification off the screen.
pub async fn clear_notification(id: &str) -> Result<(), String> {
    await_promise(notifications_clear(id)).await.map(|_| ())
}

/// Hands a page script to the content script of a tab's top frame and waits for its report.
pub async fn play_in_tab(tab_id: i64, script: &PageScript) -> Result<PageScriptReport, String> {
    let message = object(&[("play", to_js(script)?)]);
    let options = object(&[("frameId", JsValue::from(0))]);
    let answer = await_promise(tabs_send_message(tab_id as f64, &message, &options)).await?;
    if answer.is_undefined() || answer.is_null() {
        return Err("the hh.ru tab did not answer".to_string());
    }
    serde_wasm_bindgen::from_value(answer).map_err(|e| e.to_string())
}
