//! What the agent needs from its host besides HTTP and time: persistent storage and the browser's OAuth window.

use std::future::Future;

use serde_json::Value;

use crate::hh::transport::{Clock, Transport};
use crate::protocol::{PageScript, PageScriptReport};

/// The host the agent runs in: the service worker in the browser, fakes in tests.
pub trait Platform {
    type Transport: Transport;
    type Clock: Clock;

    fn transport(&self) -> Self::Transport;
    fn clock(&self) -> Self::Clock;

    /// Reads one key of persistent storage (`chrome.storage.local`); `None` when absent.
    fn load(&self, key: &str) -> impl Future<Output = Result<Option<Value>, String>>;
    fn save(&self, key: &str, value: Value) -> impl Future<Output = Result<(), String>>;
    fn remove(&self, key: &str) -> impl Future<Output = Result<(), String>>;

    /// Opens hh.ru's consent page and resolves with the URL hh.ru redirected to (`chrome.identity`).
    fn launch_auth_flow(&self, url: &str) -> impl Future<Output = Result<String, String>>;
    /// The redirect URL registered with the user's hh.ru app.
    fn redirect_url(&self) -> String;

    /// A line for the developer console (the worker log).
    fn warn(&self, text: &str) {
        let _ = text;
    }

    /// The text on the toolbar icon ("" hides it).
    fn set_badge(&self, text: &str) -> impl Future<Output = Result<(), String>> {
        let _ = text;
        async { Ok(()) }
    }

    /// Makes sure a repeating alarm with this name exists (an existing one with the same period keeps its
    /// schedule; another period replaces it).
    fn ensure_alarm(
        &self,
        name: &str,
        period_minutes: u32,
    ) -> impl Future<Output = Result<(), String>> {
        let _ = (name, period_minutes);
        async { Ok(()) }
    }

    /// Removes a repeating alarm, if there is one.
    fn clear_alarm(&self, name: &str) -> impl Future<Output = Result<(), String>> {
        let _ = name;
        async { Ok(()) }
    }

    /// Shows a system notification (`chrome.notifications`); a click comes back with its `id`.
    fn notify(
        &self,
        id: &str,
        title: &str,
        message: &str,
    ) -> impl Future<Output = Result<(), String>> {
        let _ = (id, title, message);
        async { Ok(()) }
    }

    /// Opens a page in a new tab.
    fn open_tab(&self, url: &str) -> impl Future<Output = Result<(), String>> {
        let _ = url;
        async { Ok(()) }
    }

    /// Plays a script on hh.ru's page in a tab, through the tab's content script (the page channel's reply).
    fn play_in_tab(
        &self,
        tab_id: i64,
        script: &PageScript,
    ) -> impl Future<Output = Result<PageScriptReport, String>> {
        let _ = (tab_id, script);
        async { Err("no browser tabs here".to_string()) }
    }
}

/// The storage keys, in one place.
pub mod keys {
    pub const SETTINGS: &str = "settings";
    pub const TOKENS: &str = "tokens";
    pub const LEDGER: &str = "ledger";
    pub const ACCOUNT: &str = "account";
    pub const RESUME: &str = "resume";
    pub const PAGE_VACANCIES: &str = "page_vacancies";
    pub const DRAFTS: &str = "drafts";
    pub const PENDING_REPLIES: &str = "pending_replies";
    pub const OVERLAY_COLLAPSED: &str = "overlay_collapsed";
    pub const API_REFUSED: &str = "api_refused";
    pub const APPLIED: &str = "applied";
    /// When the ledger was last reconciled with hh.ru's list of replies (Unix ms).
    pub const LEDGER_RECONCILED_AT: &str = "ledger_reconciled_at";
    /// Replies with employer news, as last counted (the badge number).
    pub const UPDATES: &str = "updates";
    /// The match score of each reply when it was sent, by vacancy id (for the funnel).
    pub const REPLY_SCORES: &str = "reply_scores";
    pub const PAGE_HEALTH: &str = "page_health";
    /// The recommendations gathered last (candidates before scoring), with when and for which resume.
    pub const RECOMMENDATIONS: &str = "recommendations";
    /// Search cards the user saw on hh.ru's pages: the page channel's recommendations.
    pub const SEEN_CARDS: &str = "seen_cards";
    /// The alerts' memory: vacancies announced once, the log, notification links, the unseen count.
    pub const ALERTS: &str = "alerts";
    /// When hh.ru's resume and reply pages were last read (the page channel; Unix ms).
    pub const SITE_READ_AT: &str = "site_read_at";
    /// Why hh.ru's pages could not be read last time (e.g. not logged in to hh.ru), for the popup.
    pub const SITE_PROBLEM: &str = "site_problem";
    /// Skills the user set by hand, by resume id: they replace the resume's own for scoring and letters.
    pub const SKILL_EDITS: &str = "skill_edits";
}
