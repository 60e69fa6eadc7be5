//! The agent's platform in the service worker: chrome.storage, chrome.identity, fetch and browser time.

use hh_chrome::Area;
use hh_job_agent::agent::Platform;
use hh_job_agent::protocol::{PageScript, PageScriptReport};
use serde_json::Value;
use std::future::Future;

use crate::fetch::{BrowserClock, FetchTransport};

pub struct WebPlatform;

impl Platform for WebPlatform {
    type Transport = FetchTransport;
    type Clock = BrowserClock;

    fn transport(&self) -> FetchTransport {
        FetchTransport
    }

    fn clock(&self) -> BrowserClock {
        BrowserClock
    }

    fn load(&self, key: &str) -> impl Future<Output = Result<Option<Value>, String>> {
        hh_chrome::storage_get(Area::Local, key)
    }

    fn save(&self, key: &str, value: Value) -> impl Future<Output = Result<(), String>> {
        let key = key.to_string();
        async move { hh_chrome::storage_set(Area::Local, &key, &value).await }
    }

    fn remove(&self, key: &str) -> impl Future<Output = Result<(), String>> {
        let key = key.to_string();
        async move { hh_chrome::storage_remove(&[&key]).await }
    }

    fn launch_auth_flow(&self, url: &str) -> impl Future<Output = Result<String, String>> {
        let url = url.to_string();
        async move { hh_chrome::launch_web_auth_flow(&url).await }
    }

    fn redirect_url(&self) -> String {
        hh_chrome::redirect_url()
    }

    fn warn(&self, text: &str) {
        web_sys::console::warn_1(&text.into());
    }

    fn set_badge(&self, text: &str) -> impl Future<Output = Result<(), String>> {
        let text = text.to_string();
        async move { hh_chrome::set_badge_text(&text).await }
    }

    fn ensure_alarm(
        &self,
        name: &str,
        period_minutes: u32,
    ) -> impl Future<Output = Result<(), String>> {
        let name = name.to_string();
        async move { hh_chrome::ensure_alarm(&name, period_minutes).await }
    }

    fn clear_alarm(&self, name: &str) -> impl Future<Output = Result<(), String>> {
        let name = name.to_string();
        async move { hh_chrome::clear_alarm(&name).await }
    }

    fn notify(
        &self,
        id: &str,
        title: &str,
        message: &str,
    ) -> impl Future<Output = Result<(), String>> {
        let (id, title, message) = (id.to_string(), title.to_string(), message.to_string());
        async move { hh_chrome::notify(&id, &title, &message).await }
    }

    fn open_tab(&self, url: &str) -> impl Future<Output = Result<(), String>> {
        // The recommendations page is named relative to the extension.
        let url = if url.starts_with("https://") {
            url.to_string()
        } else {
            hh_chrome::extension_url(url)
        };
        async move { hh_chrome::open_tab(&url).await }
    }

    fn play_in_tab(
        &self,
        tab_id: i64,
        script: &PageScript,
    ) -> impl Future<Output = Result<PageScriptReport, String>> {
        let script = script.clone();
        async move { hh_chrome::play_in_tab(tab_id, &script).await }
    }
}
