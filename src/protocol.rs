//! The typed messages between content scripts, extension pages and the service worker, and who may send which.

use serde::{Deserialize, Serialize};

use crate::matching::report::MatchReport;
use crate::settings::Settings;

/// Bumped whenever a message changes shape; a peer with another version is refused with a clear error.
pub const PROTOCOL_VERSION: u32 = 1;

/// What travels over `chrome.runtime.sendMessage`: the version and one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub v: u32,
    pub request: Request,
}

impl Envelope {
    pub fn new(request: Request) -> Self {
        Envelope {
            v: PROTOCOL_VERSION,
            request,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Health check: the worker answers `Pong` with its protocol version.
    Ping,
    /// The hh.ru selector table the content script renders with.
    GetSelectors,
    /// A content script on a vacancy page hands over what the page shows.
    VacancyPage {
        page: PageVacancy,
    },
    /// A content script on a list page asks badges for the cards it sees (preliminary, from the card text).
    ScoreCards {
        cards: Vec<PageCard>,
    },
    /// Then, card by card, the full score from the whole vacancy (cache first, within hh.ru's rate limits).
    RefineCard {
        card: PageCard,
    },
    /// The selector health check of a list page: the table's keys its first card lacks.
    PageHealth {
        page: PageKind,
        missing: Vec<String>,
    },
    /// The overlay asks for everything it shows about one vacancy.
    GetVacancyView {
        vacancy_id: String,
    },
    /// The overlay saves the letter as the user edits it.
    SaveDraft {
        vacancy_id: String,
        letter: String,
    },
    /// The overlay's reply button.
    SendReply {
        vacancy_id: String,
        resume_id: String,
        letter: String,
    },
    /// The overlay remembers whether it is collapsed.
    SetOverlayCollapsed {
        collapsed: bool,
    },
    /// The popup: login state, user, resumes, quota, channel.
    GetStatus,
    Login,
    Logout,
    ChooseResume {
        resume_id: String,
    },
    GetRecentReplies,
    /// The popup's refresh: the account, the quota reconciled with hh.ru and the badge, read again now.
    Refresh,
    /// Raises the resume in hh.ru's search (`POST /resumes/{id}/publish`).
    PublishResume {
        resume_id: String,
    },
    /// Replies, views, invitations and refusals of the last 30 days, overall and by match score.
    GetFunnel,
    /// The user's own key skills for a resume (`None`: back to the resume's).
    SaveSkills {
        resume_id: String,
        skills: Option<Vec<String>>,
    },
    GetSettings,
    SaveSettings {
        settings: Settings,
    },
    /// The recommendations page: vacancies for the chosen resume, scored, filtered and ranked.
    GetRecommendations {
        #[serde(default)]
        filters: RecommendationFilters,
    },
    /// The user's saved searches on hh.ru with their new-vacancy counts.
    GetSavedSearches,
    /// Saves a search on hh.ru: from the resume profile, or from the recommendation filters when given.
    CreateSavedSearch {
        name: String,
        #[serde(default)]
        filters: Option<RecommendationFilters>,
    },
    RenameSavedSearch {
        id: String,
        name: String,
    },
    DeleteSavedSearch {
        id: String,
    },
    /// Looks for new vacancies (saved searches, recommendations) now, as the alarm does on its own.
    CheckAlertsNow,
    /// What the alerts announced lately, and when they last looked.
    GetAlerts,
}

impl Request {
    /// Requests a content script (code running inside an hh.ru page) may make; the rest need an extension page.
    pub fn allowed_from_content_script(&self) -> bool {
        matches!(
            self,
            Request::Ping
                | Request::GetSelectors
                | Request::VacancyPage { .. }
                | Request::ScoreCards { .. }
                | Request::RefineCard { .. }
                | Request::PageHealth { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    Pong {
        version: u32,
    },
    /// The selector table, and the keys a vacancy page must have (the rest are reported as missing).
    Selectors {
        table: Vec<(String, String)>,
        vacancy_keys: Vec<String>,
        /// The keys the health check looks for in a search page's first card.
        #[serde(default)]
        card_keys: Vec<String>,
    },
    Ok,
    Badges {
        badges: Vec<CardBadge>,
    },
    VacancyView {
        view: Box<VacancyView>,
    },
    Reply {
        outcome: ReplyOutcome,
    },
    Status {
        status: Box<Status>,
    },
    RecentReplies {
        replies: Vec<ReplySummary>,
    },
    Funnel {
        funnel: Funnel,
    },
    Settings {
        settings: Box<Settings>,
    },
    Recommendations {
        recommendations: Box<Recommendations>,
    },
    SavedSearches {
        searches: SavedSearches,
    },
    Alerts {
        alerts: AlertReport,
    },
    /// Anything that went wrong, said so a user can act on it.
    Error {
        error: UserError,
    },
}

/// An error as the UI shows it: a stable code for tests and logic, a Russian message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserError {
    pub code: String,
    pub message: String,
    /// A page that resolves the error, when there is one (e.g. the captcha for `captcha_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl UserError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        UserError {
            code: code.into(),
            message: message.into(),
            url: None,
        }
    }

    /// The same error, pointing the user at the page that resolves it.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// The kinds of hh.ru page the extension reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Vacancy,
    Search,
    /// hh.ru's reply form on a vacancy page (the page channel plays it).
    ReplyForm,
    /// The user's resumes: `/applicant/resumes` and `/resume/{id}`.
    Resume,
    /// The user's replies: `/applicant/negotiations`.
    Negotiations,
    /// The user's saved searches: `/applicant/autosearch.xhtml`.
    SavedSearches,
}

/// A search card as the content script reads it from the page (texts only; the worker parses).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageCard {
    pub vacancy_id: String,
    pub title: String,
    #[serde(default)]
    pub employer: String,
    #[serde(default)]
    pub snippet: String,
    /// The card's whole visible text: hh.ru's salary has no `data-qa` since 2025.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub experience: String,
    #[serde(default)]
    pub address: String,
}

/// A vacancy page as the content script reads it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageVacancy {
    pub vacancy_id: String,
    /// The raw text of `<template id="HH-Lux-InitialState">`, when the page has it.
    #[serde(default)]
    pub initial_state: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub salary: String,
    #[serde(default)]
    pub experience: String,
    #[serde(default)]
    pub description_html: String,
    #[serde(default)]
    pub skills: Vec<String>,
    /// Selector-table keys the page was expected to have and did not.
    #[serde(default)]
    pub missing_selectors: Vec<String>,
}

/// What the content script draws on one card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardBadge {
    pub vacancy_id: String,
    pub score: u8,
    pub preliminary: bool,
    /// Short text on the badge, e.g. «82».
    pub label: String,
    /// The reasons, a few short lines.
    pub tooltip: String,
    /// The user already replied to this vacancy.
    pub applied: bool,
    pub display: CardDisplay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardDisplay {
    Normal,
    Dimmed,
    Hidden,
}

/// Everything the overlay shows for one vacancy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacancyView {
    pub vacancy_id: String,
    pub name: String,
    pub employer: String,
    pub report: Option<MatchReport>,
    pub resume: Option<ResumeChoice>,
    pub letter: String,
    pub letter_required: bool,
    /// The user's relation to the vacancy when one exists: it replaces the reply button.
    pub relation: Option<String>,
    pub collapsed: bool,
    /// Why the view is partial (not logged in, page not recognised…), in Russian.
    pub notice: Option<String>,
    /// Why no reply can be made from the overlay (archived, a test on hh.ru, the employer's site, API closed),
    /// with the page to go to: shown instead of the reply button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_blocked: Option<UserError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumeChoice {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReplyOutcome {
    /// Sent and confirmed: the negotiation exists and carries the letter.
    Sent {
        negotiation_id: String,
        url: String,
    },
    /// Sent, but the confirmation failed: never shown as sent.
    Unconfirmed {
        reason: String,
    },
    Failed {
        error: UserError,
    },
}

/// Steps the worker asks a vacancy tab's content script to play on hh.ru's own page (the page channel's
/// reply). The content script only plays them; every decision is the worker's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageScript {
    pub steps: Vec<PageStep>,
}

/// One element of a page step: the selector-table key (for reports) and its CSS selector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub key: String,
    pub selector: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum PageStep {
    /// Waits until one of the targets is on the page (the first in the list wins a tie); fails on timeout.
    WaitAny {
        targets: Vec<Target>,
        timeout_ms: u32,
    },
    /// Which of the targets are on the page now (never fails).
    Probe { targets: Vec<Target> },
    /// Clicks the element, waiting for it up to `timeout_ms`; fails when it never appears.
    Click { target: Target, timeout_ms: u32 },
    /// Types the value into a text field as a user would (input and change events).
    Fill { target: Target, value: String },
    /// Reads the element's text, or one attribute of it.
    Read {
        target: Target,
        #[serde(default)]
        attribute: Option<String>,
    },
}

/// What playing a script did: one result per step played; playing stops at the first failed step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageScriptReport {
    pub results: Vec<StepResult>,
    /// The script could not be played (an exception in the page).
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    pub ok: bool,
    /// `wait_any`: the key found; `probe`: the keys present, comma-separated.
    #[serde(default)]
    pub found: Option<String>,
    /// `read`: the text or attribute value.
    #[serde(default)]
    pub value: Option<String>,
}

/// Which way the product talks to hh.ru.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Api,
    Pages,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub logged_in: bool,
    pub app_configured: bool,
    pub channel: Channel,
    pub channel_reason: Option<String>,
    pub user_name: Option<String>,
    pub resumes: Vec<ResumeChoice>,
    pub chosen_resume: Option<String>,
    pub quota: Quota,
    pub redirect_url: String,
    /// When the chosen resume can be raised again, when hh.ru said.
    #[serde(default)]
    pub raise: Option<ResumeRaise>,
    /// The employer of the chosen resume's current job (the one without an end), to offer excluding it.
    #[serde(default)]
    pub current_employer: Option<String>,
    /// Replies with news from the employer (`has_updates`), as last counted for the toolbar badge.
    #[serde(default)]
    pub updates: u32,
    /// hh.ru pages whose markup no longer matches the selector table, one Russian line each.
    #[serde(default)]
    pub page_problems: Vec<String>,
    /// The page channel: why hh.ru's pages could not be read last time (e.g. not logged in to hh.ru).
    #[serde(default)]
    pub site_problem: Option<UserError>,
    /// The chosen resume as matching sees it.
    #[serde(default)]
    pub profile: Option<Profile>,
}

/// The chosen resume as matching sees it, shown in the popup, where the user may correct its skills.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub resume_id: String,
    pub title: String,
    pub skills: Vec<String>,
    /// The user set the skills by hand; they replace the resume's own.
    pub skills_edited: bool,
    pub experience_months: Option<u32>,
    pub area: Option<String>,
    /// Expected pay, as text («150 000 ₽»).
    pub salary: Option<String>,
}

/// Raising a resume: hh.ru allows it once in a while (every 4 hours).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeRaise {
    pub resume_id: String,
    /// Unix milliseconds when the next raise is allowed; `None` when hh.ru did not say.
    pub next_at_ms: Option<i64>,
    /// True when the raise button works now.
    pub available: bool,
}

/// The reply funnel over a period: how many replies were viewed, invited, refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelCounts {
    pub replies: u32,
    pub viewed: u32,
    pub invitations: u32,
    pub refusals: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelBand {
    /// «70–100», «40–69», «0–39» or «без оценки».
    pub label: String,
    pub counts: FunnelCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub days: u32,
    pub total: FunnelCounts,
    pub bands: Vec<FunnelBand>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    pub used: u32,
    /// The cap in force: the user's own when lower than hh.ru's 200.
    pub limit: u32,
    /// The user's own cap, when they set one below hh.ru's.
    #[serde(default)]
    pub user_cap: Option<u32>,
    /// Unix milliseconds when the next reply becomes possible, when the limit is reached.
    pub next_at_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplySummary {
    pub vacancy_id: String,
    pub vacancy_name: String,
    pub employer: String,
    pub created_at: String,
    pub state: String,
    pub unread_messages: u32,
    pub url: String,
}

/// What the recommendations page filters by; the defaults show everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecommendationFilters {
    /// Hide vacancies scored below this (0–100).
    pub min_score: u8,
    /// Hide vacancies that surely pay less than this many roubles a month (upper end below it).
    pub salary_from: Option<u64>,
    /// Hide vacancies that do not state a salary in roubles.
    pub only_with_salary: bool,
    /// `ON_SITE`, `REMOTE`, `HYBRID`, `FIELD_WORK`: any of them; empty means any format.
    pub work_formats: Vec<String>,
    /// An area's name as the list shows it; `None` means anywhere.
    pub area: Option<String>,
    /// Hide vacancies the user already replied to (otherwise they are marked).
    pub hide_applied: bool,
    /// Ask hh.ru again now rather than use the list gathered a few minutes ago.
    pub refresh: bool,
}

/// Where a recommendation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationSource {
    /// hh.ru's own recommendations for the resume (`/resumes/{id}/similar_vacancies`).
    Similar,
    /// A search built from the resume (title, skills, area, experience, salary).
    ResumeSearch,
    /// A search page the user opened on hh.ru (the page channel).
    SeenOnPage,
}

/// One recommended vacancy, with its score and the reasons for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub vacancy_id: String,
    pub name: String,
    pub employer: String,
    /// As hh.ru writes it, e.g. «от 200 000 ₽ на руки».
    pub salary: Option<String>,
    pub area: Option<String>,
    pub work_formats: Vec<String>,
    pub url: String,
    pub report: MatchReport,
    pub sources: Vec<RecommendationSource>,
    /// The user already replied (or was invited or refused).
    pub applied: bool,
    /// Announced by an alert and not yet seen on this page.
    #[serde(default)]
    pub new: bool,
    pub published_at: Option<String>,
}

/// The recommendations page's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendations {
    pub items: Vec<Recommendation>,
    /// Vacancies found before the filters (excluded employers and words not counted).
    pub total: u32,
    /// Hidden by the user's excluded employers and words.
    pub excluded: u32,
    pub channel: Channel,
    /// Why the list is partial or where it came from, in Russian.
    pub notice: Option<String>,
    /// When hh.ru was last asked (Unix ms).
    pub gathered_at_ms: u64,
    /// The areas of the vacancies found, for the area filter.
    pub areas: Vec<String>,
    pub resume: Option<ResumeChoice>,
}

/// One of the user's saved searches («автопоиски»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearchSummary {
    pub id: String,
    pub name: String,
    pub new_count: u32,
    pub total_count: u32,
    /// The search on hh.ru.
    pub url: String,
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedSearches {
    pub items: Vec<SavedSearchSummary>,
    pub channel: Channel,
    pub notice: Option<String>,
}

/// A vacancy an alert told the user about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Announcement {
    pub vacancy_id: String,
    pub name: String,
    pub employer: String,
    pub score: Option<u8>,
    /// «Рекомендации» or the saved search's name.
    pub source: String,
    pub url: String,
    pub at_ms: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertReport {
    /// Announced by this check (empty for `GetAlerts`).
    pub announced: Vec<Announcement>,
    /// The latest announcements, newest first.
    pub recent: Vec<Announcement>,
    pub last_check_ms: Option<u64>,
    /// Why this check looked at nothing (alerts off, not logged in, a check already running…).
    pub skipped: Option<String>,
    /// Problems met while checking, in Russian (one source failing does not stop the others).
    #[serde(default)]
    pub problems: Vec<String>,
}

/// Who sent a message, as `chrome.runtime.onMessage` reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Set when the message came from a tab (a content script, or an extension page framed in a tab).
    #[serde(default)]
    pub tab_id: Option<i64>,
}

/// Why a message was refused before it reached the core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    ForeignExtension,
    NotHhPage,
    NotAllowedFromPage,
    WrongVersion(u32),
}

impl Rejection {
    pub fn to_user_error(&self) -> UserError {
        match self {
            Rejection::ForeignExtension => UserError::new("rejected_sender", "Сообщение не от этого расширения отклонено."),
            Rejection::NotHhPage => UserError::new("rejected_sender", "Сообщения принимаются только со страниц hh.ru."),
            Rejection::NotAllowedFromPage => UserError::new("rejected_sender", "Это действие недоступно со страницы сайта."),
            Rejection::WrongVersion(v) => UserError::new(
                "protocol_version",
                format!("Версии частей расширения не совпадают ({v} ≠ {PROTOCOL_VERSION}): перезагрузите расширение."),
            ),
        }
    }
}

/// True for `https://hh.ru/…` and its subdomains (`https://spb.hh.ru/…`), nothing else.
pub fn is_hh_page(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    host == "hh.ru" || host.ends_with(".hh.ru")
}

/// Decides whether the worker should handle a message: only this extension's pages, or its content scripts on hh.ru.
pub fn check_sender(own_id: &str, sender: &Sender, envelope: &Envelope) -> Result<(), Rejection> {
    if sender.id.as_deref() != Some(own_id) {
        return Err(Rejection::ForeignExtension);
    }
    if envelope.v != PROTOCOL_VERSION {
        return Err(Rejection::WrongVersion(envelope.v));
    }
    let url = sender.url.as_deref().unwrap_or("");
    let own_page = url.starts_with(&format!("chrome-extension://{own_id}/"));
    if own_page {
        return Ok(());
    }
    if !is_hh_page(url) {
        return Err(Rejection::NotHhPage);
    }
    if !envelope.request.allowed_from_content_script() {
        return Err(Rejection::NotAllowedFromPage);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "abcdefghijklmnopabcdefghijklmnop";

    fn sender(id: &str, url: &str) -> Sender {
        Sender {
            id: Some(id.into()),
            url: Some(url.into()),
            tab_id: Some(1),
        }
    }

    #[test]
    fn requests_round_trip_as_tagged_json() {
        let env = Envelope::new(Request::SendReply {
            vacancy_id: "1".into(),
            resume_id: "r".into(),
            letter: "Здравствуйте".into(),
        });
        let json = serde_json::to_value(&env).unwrap();
        assert_eq!(json["v"], PROTOCOL_VERSION);
        assert_eq!(json["request"]["type"], "send_reply");
        assert_eq!(serde_json::from_value::<Envelope>(json).unwrap(), env);
    }

    #[test]
    fn own_extension_pages_may_send_anything() {
        let s = sender(ID, &format!("chrome-extension://{ID}/popup.html"));
        assert_eq!(
            check_sender(ID, &s, &Envelope::new(Request::Logout)),
            Ok(())
        );
    }

    #[test]
    fn content_scripts_on_hh_may_only_read_and_score() {
        let s = sender(ID, "https://hh.ru/search/vacancy?text=rust");
        assert_eq!(
            check_sender(
                ID,
                &s,
                &Envelope::new(Request::ScoreCards { cards: vec![] })
            ),
            Ok(())
        );
        assert_eq!(
            check_sender(ID, &s, &Envelope::new(Request::Logout)),
            Err(Rejection::NotAllowedFromPage)
        );
        let spb = sender(ID, "https://spb.hh.ru/vacancy/1");
        assert_eq!(
            check_sender(ID, &spb, &Envelope::new(Request::Ping)),
            Ok(())
        );
    }

    #[test]
    fn other_senders_are_rejected() {
        let env = Envelope::new(Request::Ping);
        assert_eq!(
            check_sender(ID, &sender("other", "https://hh.ru/"), &env),
            Err(Rejection::ForeignExtension)
        );
        assert_eq!(
            check_sender(ID, &sender(ID, "https://evil.example/hh.ru/"), &env),
            Err(Rejection::NotHhPage)
        );
        assert_eq!(
            check_sender(ID, &sender(ID, "https://hh.ru.evil.example/"), &env),
            Err(Rejection::NotHhPage)
        );
        assert_eq!(
            check_sender(ID, &sender(ID, "http://hh.ru/"), &env),
            Err(Rejection::NotHhPage)
        );
        let old = Envelope {
            v: 0,
            request: Request::Ping,
        };
        assert_eq!(
            check_sender(
                ID,
                &sender(ID, &format!("chrome-extension://{ID}/popup.html")),
                &old
            ),
            Err(Rejection::WrongVersion(0))
        );
    }
}
