//! The agent: everything the service worker does, as plain Rust over a [`Platform`], so it is tested natively.
//! It answers protocol requests, keeps state in persistent storage (the worker may die at any moment), and
//! chooses between the API channel and the page channel.

mod account;
mod alerts;
mod cards;
mod health;
mod platform;
mod recommend;
mod reply;
mod saved_searches;
mod site;
mod site_account;
mod site_reply;
mod vacancies;
mod vacancy_store;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::hh::client::{ClientConfig, HhClient, HhEvent};
use crate::hh::ledger::ReplyLedger;
use crate::hh::oauth::Tokens;
use crate::hh::request::Requests;
use crate::hh::transport::Clock;
use crate::matching::aliases::AliasTable;
use crate::matching::facts::ResumeFacts;
use crate::matching::score::PreparedResume;
use crate::pages::selectors;
use crate::protocol::{
    Channel, PageKind, ReplyOutcome, Request, Response, UserError, PROTOCOL_VERSION,
};
use crate::settings::Settings;

pub use account::UPDATES_ALARM;
pub use alerts::ALERTS_ALARM;
pub use platform::{keys, Platform};
pub use vacancies::KnownVacancy;

type Client<P> = HhClient<<P as Platform>::Transport, <P as Platform>::Clock>;

/// The chosen resume, ready for scoring.
pub struct ChosenResume {
    pub stored: StoredResume,
    pub prepared: PreparedResume,
}

/// The chosen resume as persisted: enough to score and to write letters without asking hh.ru again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredResume {
    pub id: String,
    pub title: String,
    pub first_name: String,
    pub facts: ResumeFacts,
}

/// What changed in the client since the last save (set by its events).
#[derive(Debug, Default, Clone, Copy)]
struct Dirty {
    tokens: bool,
    ledger: bool,
    api_refused: bool,
}

pub struct Agent<P: Platform> {
    platform: P,
    aliases: AliasTable,
    client: RefCell<Option<Rc<Client<P>>>>,
    dirty: Rc<Cell<Dirty>>,
    resume: RefCell<Option<Rc<ChosenResume>>>,
    /// Vacancies read from hh.ru pages, kept in memory too: the overlay may ask before storage has them.
    page_vacancies: RefCell<BTreeMap<String, KnownVacancy>>,
    /// Vacancies with a reply being sent right now: one reply in flight per vacancy, whichever tab asks.
    replies_in_flight: RefCell<HashSet<String>>,
    /// Small values read on nearly every request, kept after the first read (only this agent writes them).
    memo: RefCell<HashMap<&'static str, Option<Value>>>,
    /// Counts writes: a read that overlapped one may hold the old value and must not be remembered.
    memo_writes: Cell<u64>,
    /// Counts settings saves: a client built from older settings is used once, never kept.
    settings_saves: Cell<u64>,
    /// An alert check is running: one at a time.
    alerts_running: Cell<bool>,
}

/// The keys worth keeping in memory: read by every badge, written rarely.
const MEMO_KEYS: &[&str] = &[keys::SETTINGS, keys::APPLIED, keys::API_REFUSED];

impl<P: Platform> Agent<P> {
    pub fn new(platform: P) -> Self {
        Agent {
            platform,
            aliases: AliasTable::builtin(),
            client: RefCell::new(None),
            dirty: Rc::new(Cell::new(Dirty::default())),
            resume: RefCell::new(None),
            page_vacancies: RefCell::new(BTreeMap::new()),
            replies_in_flight: RefCell::new(HashSet::new()),
            memo: RefCell::new(HashMap::new()),
            memo_writes: Cell::new(0),
            settings_saves: Cell::new(0),
            alerts_running: Cell::new(false),
        }
    }

    /// Answers one request. Never panics on bad input: every failure becomes `Response::Error`.
    pub async fn handle(&self, request: Request) -> Response {
        self.handle_in_tab(request, None).await
    }

    /// Answers a request sent from a browser tab (a content script or an overlay framed in hh.ru's page):
    /// the page channel replies through that tab.
    pub async fn handle_in_tab(&self, request: Request, tab_id: Option<i64>) -> Response {
        let answer = self.dispatch(request, tab_id).await;
        self.flush().await;
        answer.unwrap_or_else(|error| Response::Error { error })
    }

    async fn dispatch(&self, request: Request, tab_id: Option<i64>) -> Result<Response, UserError> {
        match request {
            Request::Ping => Ok(Response::Pong {
                version: PROTOCOL_VERSION,
            }),
            Request::GetSelectors => {
                let owned = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect();
                Ok(Response::Selectors {
                    table: selectors::table(),
                    vacancy_keys: owned(selectors::VACANCY_PAGE_CHECKED),
                    card_keys: owned(selectors::SEARCH_CARD_CHECKED),
                })
            }
            Request::VacancyPage { page } => {
                let missing = page.missing_selectors.clone();
                // The page first: it must be in memory before this request's first await.
                let answer = self.remember_page(page).await;
                self.record_health(PageKind::Vacancy, &missing).await?;
                answer
            }
            Request::PageHealth { page, missing } => self.record_health(page, &missing).await,
            Request::ScoreCards { cards } => self.score_cards(cards).await,
            Request::RefineCard { card } => self.refine_card(card).await,
            Request::GetVacancyView { vacancy_id } => self.vacancy_view(&vacancy_id).await,
            Request::SaveDraft { vacancy_id, letter } => self.save_draft(&vacancy_id, letter).await,
            Request::SendReply {
                vacancy_id,
                resume_id,
                letter,
            } => {
                let answer = self
                    .send_reply(&vacancy_id, &resume_id, letter, tab_id)
                    .await;
                if let Ok(Response::Reply {
                    outcome: ReplyOutcome::Sent { .. },
                }) = &answer
                {
                    self.remember_reply_score(&vacancy_id, &resume_id).await;
                }
                answer
            }
            Request::SetOverlayCollapsed { collapsed } => {
                self.save(keys::OVERLAY_COLLAPSED, &collapsed).await?;
                Ok(Response::Ok)
            }
            Request::GetStatus => self.status().await,
            Request::Login => self.login().await,
            Request::Logout => self.logout().await,
            Request::ChooseResume { resume_id } => self.choose_resume(&resume_id).await,
            Request::GetRecentReplies => self.recent_replies().await,
            Request::Refresh => self.refresh().await,
            Request::PublishResume { resume_id } => self.publish_resume(&resume_id).await,
            Request::GetFunnel => self.funnel().await,
            Request::SaveSkills { resume_id, skills } => self.save_skills(&resume_id, skills).await,
            Request::GetSettings => Ok(Response::Settings {
                settings: Box::new(self.settings().await),
            }),
            Request::SaveSettings { settings } => self.save_settings(settings).await,
            Request::GetRecommendations { filters } => self.recommendations(filters).await,
            Request::GetSavedSearches => self.saved_searches().await,
            Request::CreateSavedSearch { name, filters } => {
                self.create_saved_search(&name, filters).await
            }
            Request::RenameSavedSearch { id, name } => self.rename_saved_search(&id, &name).await,
            Request::DeleteSavedSearch { id } => self.delete_saved_search(&id).await,
            Request::CheckAlertsNow => self.check_alerts().await,
            Request::GetAlerts => self.alerts().await,
        }
    }

    // ---------- storage ----------

    /// A stored value; absent or unreadable (an older shape, a corrupted write) reads as `None`.
    async fn load<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let memo_key = MEMO_KEYS.iter().find(|k| **k == key);
        let remembered = memo_key.and_then(|k| self.memo.borrow().get(k).cloned());
        let value = match remembered {
            Some(value) => value,
            None => {
                let writes = self.memo_writes.get();
                let value = self.platform.load(key).await.ok().flatten();
                if let Some(k) = memo_key.filter(|_| self.memo_writes.get() == writes) {
                    self.memo.borrow_mut().insert(k, value.clone());
                }
                value
            }
        };
        serde_json::from_value(value?).ok()
    }

    async fn save<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<(), UserError> {
        let value = serde_json::to_value(value).map_err(|e| storage_error(&e.to_string()))?;
        self.forget_memo(key);
        let saved = self.platform.save(key, value).await;
        self.forget_memo(key);
        saved.map_err(|e| storage_error(&e))
    }

    async fn remove(&self, key: &str) -> Result<(), UserError> {
        self.forget_memo(key);
        let removed = self.platform.remove(key).await;
        self.forget_memo(key);
        removed.map_err(|e| storage_error(&e))
    }

    /// Dropped before a write and read back after it: a failed write never leaves memory ahead of storage.
    fn forget_memo(&self, key: &str) {
        self.memo_writes.set(self.memo_writes.get() + 1);
        self.memo.borrow_mut().retain(|k, _| *k != key);
    }

    pub async fn settings(&self) -> Settings {
        self.load(keys::SETTINGS).await.unwrap_or_default()
    }

    async fn save_settings(&self, settings: Settings) -> Result<Response, UserError> {
        settings.validate()?;
        self.save(keys::SETTINGS, &settings).await?;
        // The client carries the contact e-mail and the cap: build it anew with the new settings.
        self.settings_saves.set(self.settings_saves.get() + 1);
        self.client.replace(None);
        // The alerts' period or switch may have changed.
        self.schedule_alerts().await;
        Ok(Response::Settings {
            settings: Box::new(settings),
        })
    }

    // ---------- the client ----------

    /// The hh.ru client, built once per worker life from what storage holds.
    async fn client(&self) -> Rc<Client<P>> {
        if let Some(client) = self.client.borrow().as_ref() {
            return client.clone();
        }
        let saves = self.settings_saves.get();
        let settings = self.settings().await;
        let tokens: Option<Tokens> = self.load(keys::TOKENS).await;
        let mut ledger: ReplyLedger = self.load(keys::LEDGER).await.unwrap_or_default();
        ledger.set_user_cap(settings.effective_daily_cap());
        let requests = Requests {
            user_agent: user_agent(&settings.contact_email),
            ..Requests::default()
        };
        let config = ClientConfig {
            requests,
            ..ClientConfig::default()
        };
        let mut client = HhClient::new(self.platform.transport(), self.platform.clock(), config)
            .with_tokens(tokens)
            .with_ledger(ledger);
        let dirty = self.dirty.clone();
        client.on_event(move |event| {
            let mut flags = dirty.get();
            match event {
                HhEvent::TokensChanged(_) | HhEvent::LoggedOut { .. } => flags.tokens = true,
                HhEvent::LedgerChanged => flags.ledger = true,
                HhEvent::ApplicantAccessRefused => flags.api_refused = true,
            }
            dirty.set(flags);
        });
        if self.settings_saves.get() != saves {
            return Rc::new(client);
        }
        // Another request may have built one while this one awaited storage: keep the first.
        let mut slot = self.client.borrow_mut();
        slot.get_or_insert_with(|| Rc::new(client)).clone()
    }

    /// Saves what the client changed: tokens and the ledger.
    async fn flush(&self) {
        let Some(client) = self.client.borrow().clone() else {
            return;
        };
        let dirty = self.dirty.replace(Dirty::default());
        if dirty.tokens {
            let saved = match client.tokens() {
                Some(tokens) => self.save(keys::TOKENS, &tokens).await,
                None => self.forget_session().await,
            };
            if saved.is_err() {
                self.dirty.set(Dirty {
                    tokens: true,
                    ..self.dirty.get()
                });
            }
        }
        if dirty.ledger {
            let _ = self.save(keys::LEDGER, &client.ledger()).await;
        }
        if dirty.api_refused {
            let _ = self.save(keys::API_REFUSED, &true).await;
        }
    }

    /// Logged out (by the user or by hh.ru): every token and the account's data go.
    async fn forget_session(&self) -> Result<(), UserError> {
        self.resume.replace(None);
        for key in [keys::TOKENS, keys::ACCOUNT, keys::RESUME, keys::API_REFUSED] {
            self.remove(key).await?;
        }
        Ok(())
    }

    /// Which way to reach hh.ru, and why when it is not the API.
    async fn channel(&self) -> (Channel, Option<String>) {
        let settings = self.settings().await;
        if !settings.app_configured() {
            return (
                Channel::Pages,
                Some("Приложение hh.ru не настроено: оценки и отклики — со страниц hh.ru.".into()),
            );
        }
        let refused = self.load::<bool>(keys::API_REFUSED).await.unwrap_or(false);
        if refused || self.client().await.applicant_access_refused() {
            return (
                Channel::Pages,
                Some("hh.ru закрыл вашему приложению доступ соискателя (no_scope): работаем через страницы hh.ru.".into()),
            );
        }
        (Channel::Api, None)
    }

    fn now_ms(&self) -> u64 {
        self.platform.clock().now_ms()
    }
}

/// `HH-User-Agent`: hh.ru asks every app to name itself and a contact.
fn user_agent(contact: &str) -> String {
    let contact = if contact.trim().is_empty() {
        "hh-job-agent@example.com"
    } else {
        contact.trim()
    };
    format!("HHJobAgent/{} ({contact})", env!("CARGO_PKG_VERSION"))
}

fn storage_error(detail: &str) -> UserError {
    UserError::new(
        "storage",
        format!("Не удалось сохранить данные расширения: {detail}"),
    )
}

#[cfg(test)]
mod tests;
