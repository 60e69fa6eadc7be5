//! The fake's changing state and its rules: the clock, settings, OAuth clients, codes and tokens, replies
//! (with hh.ru's reply errors and the 200-in-24-hours limit), saved searches, resume publishing, faults
//! and the request log.

use rand::distributions::Alphanumeric;
use rand::Rng;
use serde_json::Value;

use crate::data::{Data, Vacancy, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use crate::faults::Rule;
use crate::time;

pub const DAY_MS: i64 = 24 * 3600 * 1000;
const CODE_TTL_MS: i64 = 10 * 60 * 1000;
pub const MAX_MESSAGE_CHARS: usize = 10_000;
const MAX_LOGGED_REQUESTS: usize = 20_000;
const RESUME_PUBLISH_INTERVAL_MS: i64 = 4 * 3600 * 1000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Csp {
    Nonce,
    Strict,
    None,
}

/// Which of the two real shapes of `vacancyView` the vacancy page embeds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewShape {
    /// `vacancyView.{vacancyId, name, keySkills.keySkill[], …}` (the 2026-09 full page).
    Flat,
    /// `vacancyView.vacancyFull.vacancy.{…}` (the magritte experiment, `vacancy_view_2026-09.json`).
    Nested,
}

/// When the vacancy page warns about relocation before the reply modal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relocation {
    /// The vacancy is in another area than the resume, and the resume says «не могу переехать».
    Auto,
    Always,
    Never,
}

/// A logged-in hh.ru session: the `hhtoken` cookie and its `_xsrf` token.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSession {
    pub token: String,
    pub xsrf: String,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub csp: Csp,
    pub search_page_size: usize,
    pub auto_approve_oauth: bool,
    /// `no_scope`: every applicant method answers `403 oauth no_scope`, as after hh.ru closed the API to job seekers.
    pub applicant_no_scope: bool,
    pub vacancy_view: ViewShape,
    pub reply_limit: usize,
    pub limit_exceeded_status: u16,
    pub access_token_ttl_s: i64,
    pub relocation_warning: Relocation,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            csp: Csp::Nonce,
            search_page_size: 20,
            auto_approve_oauth: false,
            applicant_no_scope: false,
            vacancy_view: ViewShape::Flat,
            reply_limit: 200,
            limit_exceeded_status: 400,
            access_token_ttl_s: 1_209_600,
            relocation_warning: Relocation::Auto,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    pub secret: String,
    /// None accepts any http(s) redirect.
    pub redirect_uri: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Code {
    pub code: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub created_ms: i64,
    pub used: bool,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub access: String,
    pub refresh: Option<String>,
    pub client_id: String,
    pub issued_ms: i64,
    /// None for application tokens, which never expire.
    pub expires_ms: Option<i64>,
    pub revoked: bool,
    pub refreshed: bool,
}

impl Token {
    pub fn is_app(&self) -> bool {
        self.refresh.is_none()
    }
}

pub enum TokenStatus {
    Valid { app: bool },
    Unknown,
    Revoked,
    Expired,
}

/// An OAuth error of the token endpoint: `{"error", "error_description"}`.
#[derive(Debug, PartialEq)]
pub struct OAuthError {
    pub error: &'static str,
    pub description: &'static str,
}

fn oauth_error(error: &'static str, description: &'static str) -> OAuthError {
    OAuthError { error, description }
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    /// `applicant` or `employer`.
    pub author: &'static str,
    pub text: String,
    pub created_ms: i64,
    /// `text`, `invitation` or `discard`.
    pub state: String,
    pub viewed_by_me: bool,
}

#[derive(Debug, Clone)]
pub struct Negotiation {
    pub id: String,
    /// None for replies seeded by the control API to fill the daily limit.
    pub vacancy_id: Option<String>,
    pub resume_id: String,
    pub message: String,
    /// `response`, `invitation`, `discard` or `hidden`.
    pub state: String,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub viewed_by_opponent: bool,
    /// `api`, `site` or `seed`.
    pub via: &'static str,
    pub messages: Vec<Message>,
}

impl Negotiation {
    pub fn has_updates(&self) -> bool {
        self.messages.iter().any(|m| !m.viewed_by_me)
    }
}

#[derive(Debug, Clone)]
pub struct SavedSearch {
    pub id: String,
    pub name: String,
    pub params: Vec<(String, String)>,
    pub created_ms: i64,
    pub subscription: bool,
    /// When the user last opened its results: newer vacancies count as `new_items`.
    pub seen_ms: i64,
}

#[derive(Debug, Clone)]
pub struct ResumeState {
    pub id: String,
    pub updated_ms: i64,
    pub next_publish_ms: i64,
}

pub enum ReplyOutcome {
    Created(String),
    /// A `direct` vacancy: reply on the employer's site at this URL.
    Direct(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReplyError {
    MissingArgument(&'static str),
    ResumeNotFound,
    VacancyNotFound,
    InvalidVacancy,
    AlreadyApplied,
    TestRequired,
    EmptyMessage,
    TooLongMessage,
    LimitExceeded,
}

impl ReplyError {
    /// The `value` of `{"type":"negotiations","value":…}`.
    pub fn value(&self) -> &'static str {
        match self {
            ReplyError::MissingArgument(name) => name,
            ReplyError::ResumeNotFound => "resume_not_found",
            ReplyError::VacancyNotFound => "vacancy_not_found",
            ReplyError::InvalidVacancy => "invalid_vacancy",
            ReplyError::AlreadyApplied => "already_applied",
            ReplyError::TestRequired => "test_required",
            ReplyError::EmptyMessage => "empty_message",
            ReplyError::TooLongMessage => "too_long_message",
            ReplyError::LimitExceeded => "limit_exceeded",
        }
    }

    pub fn status(&self, settings: &Settings) -> u16 {
        match self {
            ReplyError::MissingArgument(_)
            | ReplyError::ResumeNotFound
            | ReplyError::VacancyNotFound => 400,
            ReplyError::LimitExceeded => settings.limit_exceeded_status,
            _ => 403,
        }
    }

    /// What hh.ru's reply form says.
    pub fn russian(&self) -> &'static str {
        match self {
            ReplyError::MissingArgument(_) => "Не выбрано резюме для отклика.",
            ReplyError::ResumeNotFound => "Резюме не найдено.",
            ReplyError::VacancyNotFound => "Вакансия не найдена.",
            ReplyError::InvalidVacancy => "Вакансия в архиве или скрыта, откликнуться на неё нельзя.",
            ReplyError::AlreadyApplied => "Вы уже откликались на эту вакансию.",
            ReplyError::TestRequired => "Для отклика на эту вакансию нужно пройти тест работодателя.",
            ReplyError::EmptyMessage => "Работодатель просит приложить сопроводительное письмо.",
            ReplyError::TooLongMessage => "Сопроводительное письмо длиннее 10 000 символов.",
            ReplyError::LimitExceeded => {
                "В течение 24 часов можно совершить не более 200 откликов. Вы исчерпали лимит откликов, попробуйте отправить отклик позднее."
            }
        }
    }
}

pub struct State {
    pub offset_ms: i64,
    pub settings: Settings,
    pub vacancies: Vec<Vacancy>,
    pub clients: Vec<Client>,
    pub codes: Vec<Code>,
    pub tokens: Vec<Token>,
    pub negotiations: Vec<Negotiation>,
    pub saved_searches: Vec<SavedSearch>,
    pub resumes: Vec<ResumeState>,
    pub faults: Vec<Rule>,
    pub requests: Vec<Value>,
    pub request_seq: u64,
    /// Sessions of the hh.ru site (made by the login form or the control API).
    pub site_sessions: Vec<SiteSession>,
    next_id: u64,
}

pub fn random_token(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(|b| char::from(b).to_ascii_uppercase())
        .collect()
}

impl State {
    pub fn new(data: &Data) -> State {
        let resumes = data
            .resumes
            .iter()
            .map(|r| ResumeState {
                id: r
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                updated_ms: r
                    .get("updated_at")
                    .and_then(Value::as_str)
                    .and_then(time::parse_hh)
                    .unwrap_or(0),
                next_publish_ms: 0,
            })
            .collect();
        State {
            offset_ms: 0,
            settings: Settings::default(),
            vacancies: data.vacancies.clone(),
            clients: vec![Client {
                id: DEFAULT_CLIENT_ID.into(),
                secret: DEFAULT_CLIENT_SECRET.into(),
                redirect_uri: None,
            }],
            codes: Vec::new(),
            tokens: Vec::new(),
            negotiations: Vec::new(),
            saved_searches: Vec::new(),
            resumes,
            faults: Vec::new(),
            requests: Vec::new(),
            request_seq: 0,
            site_sessions: Vec::new(),
            next_id: 1,
        }
    }

    /// The fake clock: system time moved by the control API.
    pub fn now_ms(&self) -> i64 {
        time::system_now_ms() + self.offset_ms
    }

    fn next(&mut self, base: u64) -> String {
        self.next_id += 1;
        (base + self.next_id).to_string()
    }

    pub fn next_vacancy_id(&mut self) -> String {
        loop {
            let id = self.next(990_000_000);
            if self.vacancy(&id).is_none() {
                return id;
            }
        }
    }

    pub fn vacancy(&self, id: &str) -> Option<&Vacancy> {
        self.vacancies.iter().find(|v| v.id == id)
    }

    /// The user's relations to a vacancy, as `/vacancies` reports them.
    pub fn relations(&self, vacancy_id: &str) -> Vec<&'static str> {
        match self
            .negotiations
            .iter()
            .find(|n| n.vacancy_id.as_deref() == Some(vacancy_id))
            .map(|n| n.state.as_str())
        {
            Some("invitation") => vec!["got_invitation"],
            Some("discard") => vec!["got_rejection"],
            Some(_) => vec!["got_response"],
            None => vec![],
        }
    }

    pub fn negotiation_for(&self, vacancy_id: &str) -> Option<&Negotiation> {
        self.negotiations
            .iter()
            .find(|n| n.vacancy_id.as_deref() == Some(vacancy_id))
    }

    // ---- site sessions ----

    pub fn open_site_session(&mut self) -> SiteSession {
        let session = SiteSession {
            token: random_token(40),
            xsrf: random_token(32).to_lowercase(),
        };
        self.site_sessions.push(session.clone());
        session
    }

    /// The session of an `hhtoken` cookie value.
    pub fn site_session(&self, token: &str) -> Option<&SiteSession> {
        self.site_sessions.iter().find(|s| s.token == token)
    }

    // ---- OAuth ----

    pub fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    pub fn issue_code(&mut self, client_id: &str, redirect_uri: &str) -> String {
        let code = random_token(32);
        let created_ms = self.now_ms();
        self.codes.push(Code {
            code: code.clone(),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            created_ms,
            used: false,
        });
        code
    }

    pub fn issue_token(&mut self, client_id: &str, app: bool) -> Token {
        let now = self.now_ms();
        let token = Token {
            access: format!("{}{}", if app { "APPL" } else { "USER" }, random_token(60)),
            refresh: (!app).then(|| format!("USER{}", random_token(60))),
            client_id: client_id.into(),
            issued_ms: now,
            expires_ms: (!app).then(|| now + self.settings.access_token_ttl_s * 1000),
            revoked: false,
            refreshed: false,
        };
        self.tokens.push(token.clone());
        token
    }

    fn check_client(&self, client_id: &str, client_secret: &str) -> Result<(), OAuthError> {
        match self.client(client_id) {
            Some(c) if c.secret == client_secret => Ok(()),
            _ => Err(oauth_error(
                "invalid_client",
                "client_id or client_secret not found",
            )),
        }
    }

    pub fn exchange_code(
        &mut self,
        client_id: &str,
        client_secret: &str,
        redirect_uri: Option<&str>,
        code: &str,
    ) -> Result<Token, OAuthError> {
        self.check_client(client_id, client_secret)?;
        let now = self.now_ms();
        let found = self
            .codes
            .iter_mut()
            .find(|c| c.code == code)
            .ok_or(oauth_error("invalid_grant", "code not found"))?;
        if found.client_id != client_id {
            return Err(oauth_error("invalid_grant", "code not found"));
        }
        if found.used {
            return Err(oauth_error("invalid_grant", "code has already been used"));
        }
        if now - found.created_ms > CODE_TTL_MS {
            return Err(oauth_error("invalid_grant", "code expired"));
        }
        if redirect_uri.is_some_and(|r| r != found.redirect_uri) {
            return Err(oauth_error("invalid_request", "bad redirect url"));
        }
        found.used = true;
        Ok(self.issue_token(client_id, false))
    }

    pub fn refresh(&mut self, refresh_token: &str) -> Result<Token, OAuthError> {
        let now = self.now_ms();
        let old = self
            .tokens
            .iter_mut()
            .find(|t| t.refresh.as_deref() == Some(refresh_token))
            .ok_or(oauth_error("invalid_grant", "bad token"))?;
        if old.revoked {
            return Err(oauth_error("invalid_grant", "token was revoked"));
        }
        if old.refreshed {
            return Err(oauth_error(
                "invalid_grant",
                "token has already been refreshed",
            ));
        }
        if old.expires_ms.is_some_and(|exp| now < exp) {
            return Err(oauth_error("invalid_grant", "token not expired"));
        }
        old.refreshed = true;
        let client_id = old.client_id.clone();
        Ok(self.issue_token(&client_id, false))
    }

    pub fn token_status(&self, access: &str) -> TokenStatus {
        let now = self.now_ms();
        match self.tokens.iter().find(|t| t.access == access) {
            None => TokenStatus::Unknown,
            Some(t) if t.revoked => TokenStatus::Revoked,
            Some(t) if t.expires_ms.is_some_and(|exp| now >= exp) => TokenStatus::Expired,
            Some(t) => TokenStatus::Valid { app: t.is_app() },
        }
    }

    pub fn revoke(&mut self, access: &str) {
        for token in self.tokens.iter_mut().filter(|t| t.access == access) {
            token.revoked = true;
        }
    }

    // ---- replies ----

    pub fn replies_in_last_day(&self) -> usize {
        let since = self.now_ms() - DAY_MS;
        self.negotiations
            .iter()
            .filter(|n| n.created_ms > since)
            .count()
    }

    /// A reply, checked the way hh.ru checks it. `check_test`: the API refuses vacancies with a mandatory
    /// test; the site lets the user take it.
    pub fn reply(
        &mut self,
        data: &Data,
        vacancy_id: Option<&str>,
        resume_id: Option<&str>,
        message: &str,
        via: &'static str,
        check_test: bool,
    ) -> Result<ReplyOutcome, ReplyError> {
        let vacancy_id = vacancy_id
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(ReplyError::MissingArgument("vacancy_id"))?;
        let resume_id = resume_id
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(ReplyError::MissingArgument("resume_id"))?;
        if data.resume(resume_id).is_none() {
            return Err(ReplyError::ResumeNotFound);
        }
        let vacancy = self
            .vacancy(vacancy_id)
            .ok_or(ReplyError::VacancyNotFound)?;
        if vacancy.archived() {
            return Err(ReplyError::InvalidVacancy);
        }
        if self.negotiation_for(vacancy_id).is_some() {
            return Err(ReplyError::AlreadyApplied);
        }
        if check_test && vacancy.test_required() {
            return Err(ReplyError::TestRequired);
        }
        if vacancy.is_direct() {
            let url = vacancy
                .str("/response_url")
                .map(str::to_string)
                .or_else(|| vacancy.str("/employer/site_url").map(str::to_string))
                .unwrap_or_else(|| format!("https://career.example.com/vacancy/{vacancy_id}"));
            return Ok(ReplyOutcome::Direct(url));
        }
        if message.chars().count() > MAX_MESSAGE_CHARS {
            return Err(ReplyError::TooLongMessage);
        }
        if vacancy.letter_required() && message.trim().is_empty() {
            return Err(ReplyError::EmptyMessage);
        }
        if self.replies_in_last_day() >= self.settings.reply_limit {
            return Err(ReplyError::LimitExceeded);
        }
        let now = self.now_ms();
        let id = self.next(4_100_000_000);
        let mut messages = Vec::new();
        if !message.trim().is_empty() {
            let message_id = self.next(7_700_000_000);
            messages.push(Message {
                id: message_id,
                author: "applicant",
                text: message.to_string(),
                created_ms: now,
                state: "text".into(),
                viewed_by_me: true,
            });
        }
        self.negotiations.push(Negotiation {
            id: id.clone(),
            vacancy_id: Some(vacancy_id.to_string()),
            resume_id: resume_id.to_string(),
            message: message.to_string(),
            state: "response".into(),
            created_ms: now,
            updated_ms: now,
            viewed_by_opponent: false,
            via,
            messages,
        });
        Ok(ReplyOutcome::Created(id))
    }

    /// Fills the reply log with replies to no particular vacancy (to reach the daily limit in tests).
    pub fn seed_replies(&mut self, count: usize, created_ms: i64) -> Vec<String> {
        (0..count)
            .map(|_| {
                let id = self.next(4_100_000_000);
                self.negotiations.push(Negotiation {
                    id: id.clone(),
                    vacancy_id: None,
                    resume_id: crate::data::RESUME_PYTHON_ID.into(),
                    message: String::new(),
                    state: "response".into(),
                    created_ms,
                    updated_ms: created_ms,
                    viewed_by_opponent: false,
                    via: "seed",
                    messages: Vec::new(),
                });
                id
            })
            .collect()
    }

    /// The employer moves a reply to another state, optionally with a message.
    pub fn employer_update(&mut self, id: &str, state: &str, text: Option<&str>) -> bool {
        let now = self.now_ms();
        let message_id = self.next(7_700_000_000);
        let Some(negotiation) = self.negotiations.iter_mut().find(|n| n.id == id) else {
            return false;
        };
        negotiation.state = state.to_string();
        negotiation.updated_ms = now;
        negotiation.viewed_by_opponent = true;
        if let Some(text) = text {
            negotiation.messages.push(Message {
                id: message_id,
                author: "employer",
                text: text.to_string(),
                created_ms: now,
                state: if state == "response" {
                    "text".into()
                } else {
                    state.to_string()
                },
                viewed_by_me: false,
            });
        }
        true
    }

    pub fn add_message(&mut self, negotiation_id: &str, text: &str) -> Option<Message> {
        let now = self.now_ms();
        let id = self.next(7_700_000_000);
        let negotiation = self
            .negotiations
            .iter_mut()
            .find(|n| n.id == negotiation_id)?;
        let message = Message {
            id,
            author: "applicant",
            text: text.into(),
            created_ms: now,
            state: "text".into(),
            viewed_by_me: true,
        };
        negotiation.messages.push(message.clone());
        negotiation.updated_ms = now;
        Some(message)
    }

    // ---- saved searches ----

    pub fn add_saved_search(&mut self, name: String, params: Vec<(String, String)>) -> String {
        let id = self.next(8_800_000);
        let now = self.now_ms();
        self.saved_searches.push(SavedSearch {
            id: id.clone(),
            name,
            params,
            created_ms: now,
            subscription: true,
            seen_ms: now,
        });
        id
    }

    // ---- resumes ----

    pub fn resume_state(&self, id: &str) -> Option<&ResumeState> {
        self.resumes.iter().find(|r| r.id == id)
    }

    /// Raises the resume in search: allowed once per 4 hours of the fake clock.
    pub fn publish_resume(&mut self, id: &str) -> Result<(), &'static str> {
        let now = self.now_ms();
        let resume = self
            .resumes
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or("not_found")?;
        if now < resume.next_publish_ms {
            return Err("touch_limit_exceeded");
        }
        resume.updated_ms = now;
        resume.next_publish_ms = now + RESUME_PUBLISH_INTERVAL_MS;
        Ok(())
    }

    // ---- request log ----

    pub fn log_request(&mut self, mut entry: Value) {
        self.request_seq += 1;
        if let Some(obj) = entry.as_object_mut() {
            obj.insert("seq".into(), Value::from(self.request_seq));
        }
        if self.requests.len() >= MAX_LOGGED_REQUESTS {
            self.requests.remove(0);
        }
        self.requests.push(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn data() -> Data {
        Data::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")).unwrap()
    }

    #[test]
    fn refresh_works_once_and_only_after_expiry() {
        let data = data();
        let mut state = State::new(&data);
        let code = state.issue_code(DEFAULT_CLIENT_ID, "https://x.chromiumapp.org/");
        assert_eq!(
            state
                .exchange_code(DEFAULT_CLIENT_ID, "wrong", None, &code)
                .unwrap_err(),
            oauth_error("invalid_client", "client_id or client_secret not found")
        );
        let token = state
            .exchange_code(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, None, &code)
            .unwrap();
        let refresh = token.refresh.clone().unwrap();
        assert_eq!(
            state.refresh(&refresh).unwrap_err().description,
            "token not expired"
        );
        state.offset_ms += state.settings.access_token_ttl_s * 1000;
        assert!(matches!(
            state.token_status(&token.access),
            TokenStatus::Expired
        ));
        assert!(state.refresh(&refresh).is_ok());
        assert_eq!(
            state.refresh(&refresh).unwrap_err().description,
            "token has already been refreshed"
        );
    }

    #[test]
    fn reply_limit_counts_the_rolling_day() {
        let data = data();
        let mut state = State::new(&data);
        let now = state.now_ms();
        state.seed_replies(199, now - DAY_MS + 60_000);
        let first = data
            .vacancies
            .iter()
            .find(|v| !v.letter_required() && !v.test_required())
            .unwrap()
            .id
            .clone();
        assert!(state
            .reply(
                &data,
                Some(&first),
                Some(crate::data::RESUME_PYTHON_ID),
                "",
                "api",
                true
            )
            .is_ok());
        let second = data
            .vacancies
            .iter()
            .find(|v| v.id != first && !v.letter_required() && !v.test_required())
            .unwrap()
            .id
            .clone();
        let err = state
            .reply(
                &data,
                Some(&second),
                Some(crate::data::RESUME_PYTHON_ID),
                "",
                "api",
                true,
            )
            .err();
        assert_eq!(err, Some(ReplyError::LimitExceeded));
        state.offset_ms += 120_000;
        assert!(state
            .reply(
                &data,
                Some(&second),
                Some(crate::data::RESUME_PYTHON_ID),
                "",
                "api",
                true
            )
            .is_ok());
    }
}
