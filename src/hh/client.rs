//! `HhClient`: the hh.ru API over an injected transport and clock, with token refresh, polite traffic,
//! caches and the reply ledger.

use std::sync::{Mutex, MutexGuard};

use futures::lock::Mutex as AsyncMutex;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::cache::{EtagCache, VacancyCache};
use super::error::{AuthError, GrantError, HhError, NegotiationError};
use super::ledger::{parse_hh_time_ms, ReplyLedger, ReplyRecord, DAY_MS};
use super::models::{
    Dictionaries, Me, Negotiation, NegotiationMessage, Page, Resume, SavedSearch, TokenResponse,
    Vacancy,
};
use super::oauth::{self, PendingAuthorization, Tokens};
use super::polite::{parse_retry_after, PoliteConfig, RateLimiter, Semaphore};
use super::request::{
    check_letter, next_page, HttpRequest, NegotiationsParams, OAuthApp, Requests, SearchParams,
    MAX_PER_PAGE,
};
use super::transport::{Clock, HttpResponse, Transport, TransportError};

/// After hh.ru refuses a refresh as too early, the next attempt waits this long.
const REFRESH_POSTPONE_MS: u64 = 5 * 60 * 1000;

/// What the owner must persist or show; delivered to the listener set with [`HhClient::on_event`].
#[derive(Debug, Clone, PartialEq)]
pub enum HhEvent {
    /// New tokens (login or refresh): persist them.
    TokensChanged(Tokens),
    /// Tokens cleared: persist the logged-out state. `reason` is `None` for a user's own logout.
    LoggedOut { reason: Option<HhError> },
    /// The reply ledger changed: persist [`HhClient::ledger`].
    LedgerChanged,
    /// Applicant methods are closed to this app (`no_scope` / 403): switch to the page channel.
    ApplicantAccessRefused,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClientConfig {
    pub requests: Requests,
    pub polite: PoliteConfig,
}

/// What a reply must satisfy before it is sent; usually taken from the vacancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ApplyRequirements {
    pub letter_required: bool,
    pub test_required: bool,
}

impl From<&Vacancy> for ApplyRequirements {
    fn from(vacancy: &Vacancy) -> Self {
        ApplyRequirements {
            letter_required: vacancy.response_letter_required.unwrap_or(false),
            test_required: vacancy.test_required(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyResult {
    /// `201`: the reply exists. The id comes from `Location` (or from the lookup after a timeout).
    Applied { negotiation_id: Option<String> },
    /// `303` for a `direct` vacancy: the reply is made on the employer's site.
    Redirect { url: String },
}

type Listener = Box<dyn Fn(&HhEvent)>;

/// The hh.ru API client. Generic over the transport and clock, so the worker drives it with `fetch`
/// and tests with fakes (or tokio). Methods take `&self` and may run concurrently.
pub struct HhClient<T: Transport, C: Clock> {
    transport: T,
    clock: C,
    requests: Requests,
    polite: PoliteConfig,
    tokens: Mutex<Option<Tokens>>,
    /// Single flight: one refresh at a time, so a refresh token is never spent twice.
    refresh_lock: AsyncMutex<()>,
    limiter: Mutex<RateLimiter>,
    slots: Semaphore,
    vacancy_cache: Mutex<VacancyCache>,
    etags: Mutex<EtagCache>,
    ledger: Mutex<ReplyLedger>,
    applicant_access_refused: Mutex<bool>,
    listener: Option<Listener>,
}

fn lock<X>(mutex: &Mutex<X>) -> MutexGuard<'_, X> {
    // Poisoning only follows a panic elsewhere; the state itself stays consistent.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn parse_json<X: DeserializeOwned>(body: &[u8]) -> Result<X, HhError> {
    serde_json::from_slice(body).map_err(|e| HhError::MalformedJson(e.to_string()))
}

/// The id at the end of a `Location` such as `/negotiations/123` or `https://api.hh.ru/negotiations/123`.
pub fn id_from_location(location: &str, collection: &str) -> Option<String> {
    let path = location.split(['?', '#']).next()?;
    let (_, rest) = path.rsplit_once(collection)?;
    let id = rest.trim_matches('/');
    (!id.is_empty() && !id.contains('/')).then(|| id.to_owned())
}

/// Marks requests that only an applicant token may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Public,
    Applicant,
}

/// Whether 429/503 may be retried: never for a reply, which is not idempotent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Allowed,
    Never,
}

impl<T: Transport, C: Clock> HhClient<T, C> {
    pub fn new(transport: T, clock: C, config: ClientConfig) -> Self {
        let polite = config.polite;
        HhClient {
            transport,
            clock,
            requests: config.requests,
            limiter: Mutex::new(RateLimiter::new(
                polite.max_requests_per_window,
                polite.window_ms,
            )),
            slots: Semaphore::new(polite.max_concurrent),
            polite,
            tokens: Mutex::new(None),
            refresh_lock: AsyncMutex::new(()),
            vacancy_cache: Mutex::new(VacancyCache::default()),
            etags: Mutex::new(EtagCache::default()),
            ledger: Mutex::new(ReplyLedger::default()),
            applicant_access_refused: Mutex::new(false),
            listener: None,
        }
    }

    /// Restores persisted tokens (after a worker restart).
    pub fn with_tokens(self, tokens: Option<Tokens>) -> Self {
        *lock(&self.tokens) = tokens;
        self
    }

    pub fn with_ledger(self, ledger: ReplyLedger) -> Self {
        *lock(&self.ledger) = ledger;
        self
    }

    pub fn with_vacancy_cache(self, cache: VacancyCache) -> Self {
        *lock(&self.vacancy_cache) = cache;
        self
    }

    pub fn with_etag_cache(self, cache: EtagCache) -> Self {
        *lock(&self.etags) = cache;
        self
    }

    /// Sets the one listener for [`HhEvent`]s.
    pub fn on_event(&mut self, listener: impl Fn(&HhEvent) + 'static) {
        self.listener = Some(Box::new(listener));
    }

    pub fn tokens(&self) -> Option<Tokens> {
        lock(&self.tokens).clone()
    }

    pub fn is_logged_in(&self) -> bool {
        lock(&self.tokens).is_some()
    }

    pub fn ledger(&self) -> ReplyLedger {
        lock(&self.ledger).clone()
    }

    pub fn set_reply_cap(&self, cap: u32) {
        lock(&self.ledger).set_user_cap(cap);
        self.emit(&HhEvent::LedgerChanged);
    }

    pub fn vacancy_cache(&self) -> VacancyCache {
        lock(&self.vacancy_cache).clone()
    }

    pub fn etag_cache(&self) -> EtagCache {
        lock(&self.etags).clone()
    }

    /// True once hh.ru has refused applicant methods to this app.
    pub fn applicant_access_refused(&self) -> bool {
        *lock(&self.applicant_access_refused)
    }

    pub fn clock(&self) -> &C {
        &self.clock
    }

    pub fn requests(&self) -> &Requests {
        &self.requests
    }

    fn emit(&self, event: &HhEvent) {
        if let Some(listener) = &self.listener {
            listener(event);
        }
    }

    // ---------- OAuth ----------

    /// Starts a login: the authorize URL with a fresh random `state` (keep it for [`Self::complete_login`]).
    pub fn begin_login(&self, app: &OAuthApp) -> PendingAuthorization {
        let state = oauth::random_state(|| self.clock.random_u64());
        oauth::authorize(&self.requests, app, state)
    }

    /// Checks the redirect against `expected_state` and exchanges the code for tokens.
    pub async fn complete_login(
        &self,
        app: &OAuthApp,
        expected_state: &str,
        redirect_url: &str,
    ) -> Result<Tokens, HhError> {
        let code = oauth::parse_redirect(redirect_url, expected_state)?;
        self.exchange_code(app, &code).await
    }

    pub async fn exchange_code(&self, app: &OAuthApp, code: &str) -> Result<Tokens, HhError> {
        let response = self
            .send_polite(self.requests.token_exchange(app, code))
            .await?;
        let tokens = self.tokens_from(response)?;
        self.store_tokens(tokens.clone());
        Ok(tokens)
    }

    /// Revokes the token on hh.ru (`DELETE /oauth/token`) and forgets it locally in any case.
    pub async fn logout(&self) -> Result<(), HhError> {
        let Some(tokens) = self.tokens() else {
            return Ok(());
        };
        let request = self.requests.logout().with_bearer(&tokens.access);
        let outcome = self.send_polite(request).await;
        *lock(&self.tokens) = None;
        self.emit(&HhEvent::LoggedOut { reason: None });
        let response = outcome?;
        match response.status {
            200..=299 => Ok(()),
            _ => match HhError::from_api_response(response.status, &response.body, false) {
                // The token was already dead: the user is logged out all the same.
                error if error.ends_session() => Ok(()),
                HhError::Auth(AuthError::TokenExpired) => Ok(()),
                error => Err(error),
            },
        }
    }

    fn tokens_from(&self, response: HttpResponse) -> Result<Tokens, HhError> {
        if !response.is_success() {
            return Err(HhError::from_token_response(
                response.status,
                &response.body,
            ));
        }
        let answer: TokenResponse = parse_json(&response.body)?;
        Ok(Tokens::from_response(&answer, self.clock.now_ms()))
    }

    fn store_tokens(&self, tokens: Tokens) {
        *lock(&self.tokens) = Some(tokens.clone());
        self.emit(&HhEvent::TokensChanged(tokens));
    }

    fn end_session(&self, reason: &HhError) {
        let had_tokens = lock(&self.tokens).take().is_some();
        if had_tokens {
            self.emit(&HhEvent::LoggedOut {
                reason: Some(reason.clone()),
            });
        }
    }

    /// Current tokens, refreshed first if they have expired.
    async fn fresh_tokens(&self) -> Result<Option<Tokens>, HhError> {
        let Some(tokens) = self.tokens() else {
            return Ok(None);
        };
        if !tokens.is_expired(self.clock.now_ms()) {
            return Ok(Some(tokens));
        }
        match self.refresh(&tokens.access).await {
            Ok(fresh) => Ok(Some(fresh)),
            // Our clock runs ahead of hh.ru's: keep using the token, and ask again later
            // (or as soon as hh.ru itself answers `token_expired`).
            Err(HhError::Grant(GrantError::TokenNotExpired)) => {
                let postponed = Tokens {
                    expires_at_ms: self.clock.now_ms() + REFRESH_POSTPONE_MS,
                    ..tokens
                };
                self.store_tokens(postponed.clone());
                Ok(Some(postponed))
            }
            Err(error) => Err(error),
        }
    }

    /// Replaces the `stale_access` token. Single flight: whoever comes second finds it already
    /// replaced and uses the new one, so the refresh token is spent once.
    async fn refresh(&self, stale_access: &str) -> Result<Tokens, HhError> {
        let _guard = self.refresh_lock.lock().await;
        let current = self.tokens().ok_or(HhError::NotLoggedIn)?;
        if current.access != stale_access {
            return Ok(current);
        }
        let Some(refresh_token) = current.refresh.clone() else {
            let error = HhError::Auth(AuthError::TokenExpired);
            self.end_session(&error);
            return Err(error);
        };
        let response = self
            .send_polite(self.requests.token_refresh(&refresh_token))
            .await?;
        match self.tokens_from(response) {
            Ok(tokens) => {
                self.store_tokens(tokens.clone());
                Ok(tokens)
            }
            Err(error) => {
                if error.ends_session() {
                    self.end_session(&error);
                }
                Err(error)
            }
        }
    }

    // ---------- sending ----------

    /// One request through the concurrency cap and the rate limiter.
    async fn send_polite(&self, request: HttpRequest) -> Result<HttpResponse, HhError> {
        let _slot = self.slots.acquire().await;
        loop {
            let wait = lock(&self.limiter).try_start(self.clock.now_ms());
            if wait == 0 {
                break;
            }
            self.clock.sleep(wait).await;
        }
        self.transport
            .send(request)
            .await
            .map_err(|error| match error {
                TransportError::Timeout => HhError::Timeout,
                TransportError::Network(detail) => HhError::Network(detail),
            })
    }

    /// Retries 429 and 503 with exponential backoff and jitter (honouring `Retry-After`), bounded.
    async fn send_with_backoff(
        &self,
        request: HttpRequest,
        retry: Retry,
    ) -> Result<HttpResponse, HhError> {
        let mut attempt = 1;
        loop {
            let response = self.send_polite(request.clone()).await?;
            let retryable = matches!(response.status, 429 | 503);
            if !retryable || retry == Retry::Never || attempt >= self.polite.max_attempts {
                return Ok(response);
            }
            let retry_after = response.header("Retry-After").and_then(parse_retry_after);
            let delay = self
                .polite
                .backoff_ms(attempt, retry_after, self.clock.random_u64());
            self.clock.sleep(delay).await;
            attempt += 1;
        }
    }

    /// Sends with the bearer token; on `token_expired` refreshes once and retries once.
    /// Returns answers below 400 (including 3xx); maps the rest to [`HhError`].
    async fn call(
        &self,
        request: HttpRequest,
        access: Access,
        retry: Retry,
    ) -> Result<HttpResponse, HhError> {
        let tokens = self.fresh_tokens().await?;
        if tokens.is_none() && access == Access::Applicant {
            return Err(HhError::NotLoggedIn);
        }
        let mut bearer = tokens.map(|t| t.access);
        let mut refreshed = false;
        loop {
            let outgoing = match &bearer {
                Some(access_token) => request.clone().with_bearer(access_token),
                None => request.clone(),
            };
            let response = self.send_with_backoff(outgoing, retry).await?;
            if response.status < 400 {
                return Ok(response);
            }
            let error = self.error_from(&response, access);
            match (&error, &bearer) {
                (HhError::Auth(AuthError::TokenExpired), Some(stale)) if !refreshed => {
                    let tokens = self.refresh(stale).await?;
                    bearer = Some(tokens.access);
                    refreshed = true;
                }
                _ => {
                    if error.ends_session() {
                        self.end_session(&error);
                    }
                    if matches!(error, HhError::ApplicantAccessRefused { .. }) {
                        self.mark_applicant_access_refused();
                    }
                    return Err(error);
                }
            }
        }
    }

    fn error_from(&self, response: &HttpResponse, access: Access) -> HhError {
        let error = HhError::from_api_response(
            response.status,
            &response.body,
            access == Access::Applicant,
        );
        match error {
            HhError::RateLimited { .. } => HhError::RateLimited {
                retry_after_ms: response.header("Retry-After").and_then(parse_retry_after),
            },
            other => other,
        }
    }

    fn mark_applicant_access_refused(&self) {
        let first_time = !std::mem::replace(&mut *lock(&self.applicant_access_refused), true);
        if first_time {
            self.emit(&HhEvent::ApplicantAccessRefused);
        }
    }

    async fn get_json<X: DeserializeOwned>(
        &self,
        request: HttpRequest,
        access: Access,
    ) -> Result<X, HhError> {
        let response = self.call(request, access, Retry::Allowed).await?;
        parse_json(&response.body)
    }

    /// GET with `If-None-Match`; a `304` answers from the stored body.
    async fn get_with_etag(&self, mut request: HttpRequest) -> Result<serde_json::Value, HhError> {
        let key = request.path().to_owned();
        let cached = lock(&self.etags).get(&key).cloned();
        if let Some(entry) = &cached {
            request.set_header("If-None-Match", entry.etag.clone());
        }
        let response = self.call(request, Access::Public, Retry::Allowed).await?;
        if response.status == 304 {
            return cached
                .map(|entry| entry.body)
                .ok_or_else(|| HhError::MalformedJson("304 without a cached body".into()));
        }
        let body: serde_json::Value = parse_json(&response.body)?;
        if let Some(etag) = response.header("ETag") {
            lock(&self.etags).put(&key, etag.to_owned(), body.clone());
        }
        Ok(body)
    }

    // ---------- the API ----------

    pub async fn me(&self) -> Result<Me, HhError> {
        self.get_json(self.requests.me(), Access::Public).await
    }

    pub async fn resumes_mine(&self) -> Result<Page<Resume>, HhError> {
        self.get_json(self.requests.resumes_mine(), Access::Applicant)
            .await
    }

    pub async fn resume(&self, resume_id: &str) -> Result<Resume, HhError> {
        self.get_json(self.requests.resume(resume_id), Access::Applicant)
            .await
    }

    pub async fn similar_vacancies(
        &self,
        resume_id: &str,
        params: &SearchParams,
    ) -> Result<Page<Vacancy>, HhError> {
        let request = self.requests.similar_vacancies(resume_id, params)?;
        self.get_json(request, Access::Applicant).await
    }

    pub async fn search_vacancies(&self, params: &SearchParams) -> Result<Page<Vacancy>, HhError> {
        let request = self.requests.search_vacancies(params)?;
        self.get_json(request, Access::Public).await
    }

    /// The first page of a search hh.ru linked to (a saved search's new vacancies), without marking it seen.
    pub async fn search_vacancies_from_link(
        &self,
        link: &str,
        per_page: u32,
    ) -> Result<Page<Vacancy>, HhError> {
        let request = self.requests.search_vacancies_from_link(link, per_page)?;
        self.get_json(request, Access::Public).await
    }

    /// Pages through a search up to `max_results`, stopping at the last page or the 2000-result depth.
    pub async fn search_vacancies_all(
        &self,
        params: &SearchParams,
        max_results: usize,
    ) -> Result<Vec<Vacancy>, HhError> {
        let mut params = params.clone();
        params.per_page = Some(params.per_page.unwrap_or(MAX_PER_PAGE));
        let mut found = Vec::new();
        loop {
            let page = self.search_vacancies(&params).await?;
            let next = next_page(&page);
            found.extend(page.items);
            if found.len() >= max_results {
                found.truncate(max_results);
                return Ok(found);
            }
            match next {
                Some(next) => params.page = Some(next),
                None => return Ok(found),
            }
        }
    }

    /// A full vacancy, from the cache when fresh.
    pub async fn vacancy(&self, vacancy_id: &str) -> Result<Vacancy, HhError> {
        let now = self.clock.now_ms();
        if let Some(hit) = lock(&self.vacancy_cache).get(vacancy_id, now) {
            return Ok(hit);
        }
        let vacancy: Vacancy = self
            .get_json(self.requests.vacancy(vacancy_id), Access::Public)
            .await?;
        lock(&self.vacancy_cache).insert(vacancy.clone(), self.clock.now_ms());
        Ok(vacancy)
    }

    pub async fn negotiations(
        &self,
        params: &NegotiationsParams,
    ) -> Result<Page<Negotiation>, HhError> {
        let request = self.requests.negotiations(params)?;
        self.get_json(request, Access::Applicant).await
    }

    pub async fn negotiation(&self, negotiation_id: &str) -> Result<Negotiation, HhError> {
        self.get_json(self.requests.negotiation(negotiation_id), Access::Applicant)
            .await
    }

    pub async fn negotiation_messages(
        &self,
        negotiation_id: &str,
    ) -> Result<Page<NegotiationMessage>, HhError> {
        let request = self.requests.negotiation_messages(negotiation_id);
        self.get_json(request, Access::Applicant).await
    }

    /// Replies to a vacancy. Checks the letter, a mandatory test and the reply quota before sending;
    /// never retries blindly: after a timeout it looks the vacancy up in `GET /negotiations` and
    /// re-sends only if no reply exists.
    pub async fn apply(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: &str,
        requirements: ApplyRequirements,
    ) -> Result<ApplyResult, HhError> {
        check_letter(letter, requirements.letter_required)?;
        if requirements.test_required {
            return Err(HhError::Negotiation(NegotiationError::TestRequired));
        }
        lock(&self.ledger).check(self.clock.now_ms())?;
        let boundary = format!("HHJobAgentBoundary{:016x}", self.clock.random_u64());
        let request = self
            .requests
            .apply(vacancy_id, resume_id, letter, &boundary);

        let outcome = match self.send_reply(request.clone()).await {
            Err(HhError::Timeout | HhError::Network(_)) => {
                match self.existing_reply(vacancy_id).await {
                    Ok(Some(negotiation_id)) => Ok(ApplyResult::Applied {
                        negotiation_id: Some(negotiation_id),
                    }),
                    Ok(None) => self.send_reply(request).await,
                    // Unknown whether the first attempt arrived: do not risk a duplicate.
                    Err(_) => Err(HhError::Timeout),
                }
            }
            other => other,
        };
        if let Ok(ApplyResult::Applied { negotiation_id }) = &outcome {
            let record = ReplyRecord {
                vacancy_id: Some(vacancy_id.to_owned()),
                negotiation_id: negotiation_id.clone(),
                sent_at_ms: self.clock.now_ms(),
            };
            lock(&self.ledger).record(record);
            self.emit(&HhEvent::LedgerChanged);
        }
        outcome
    }

    async fn send_reply(&self, request: HttpRequest) -> Result<ApplyResult, HhError> {
        let response = match self.call(request, Access::Applicant, Retry::Never).await {
            // hh.ru staff: the 201st reply in 24 hours gets a 429.
            Err(HhError::RateLimited { .. }) => {
                return Err(HhError::Negotiation(NegotiationError::LimitExceeded))
            }
            other => other?,
        };
        let location = response.header("Location");
        match response.status {
            303 => Ok(ApplyResult::Redirect {
                url: location.unwrap_or_default().to_owned(),
            }),
            _ => Ok(ApplyResult::Applied {
                negotiation_id: location.and_then(|l| id_from_location(l, "/negotiations/")),
            }),
        }
    }

    /// The id of an existing reply to `vacancy_id`, if hh.ru lists one.
    async fn existing_reply(&self, vacancy_id: &str) -> Result<Option<String>, HhError> {
        let page = self
            .negotiations(&NegotiationsParams::for_vacancy(vacancy_id))
            .await?;
        Ok(page
            .items
            .into_iter()
            .find(|n| {
                n.vacancy
                    .as_ref()
                    .is_none_or(|v| v.id.is_empty() || v.id == vacancy_id)
            })
            .map(|n| n.id))
    }

    /// Whether one more reply fits in the daily limit now (the page channel asks before sending).
    pub fn check_quota(&self) -> Result<(), HhError> {
        lock(&self.ledger).check(self.clock.now_ms())
    }

    /// A reply made outside the API (on hh.ru's own pages) counts towards the same daily limit.
    pub fn record_reply(&self, record: ReplyRecord) {
        if lock(&self.ledger).record(record) {
            self.emit(&HhEvent::LedgerChanged);
        }
    }

    /// Merges the replies hh.ru lists for the last 24 hours into the ledger; returns how many were new.
    pub async fn reconcile_ledger(&self) -> Result<usize, HhError> {
        let now = self.clock.now_ms();
        let mut params = NegotiationsParams {
            order_by: Some("created_at".into()),
            order: Some("desc".into()),
            per_page: Some(MAX_PER_PAGE),
            page: Some(0),
            ..Default::default()
        };
        let mut added = 0;
        loop {
            let page = self.negotiations(&params).await?;
            let is_older = |n: &Negotiation| {
                n.created_at
                    .as_deref()
                    .and_then(parse_hh_time_ms)
                    .is_some_and(|t| t + DAY_MS <= now)
            };
            // Older replies no longer count: merging them would only inflate the "new" count.
            let recent: Vec<Negotiation> = page
                .items
                .iter()
                .filter(|n| !is_older(n))
                .cloned()
                .collect();
            added += lock(&self.ledger).reconcile(&recent);
            let reached_older = page.items.iter().any(is_older);
            match next_page(&page) {
                Some(next) if !reached_older && !page.items.is_empty() => params.page = Some(next),
                _ => break,
            }
        }
        lock(&self.ledger).prune(now);
        self.emit(&HhEvent::LedgerChanged);
        Ok(added)
    }

    pub async fn saved_searches(
        &self,
        page: u32,
        per_page: u32,
    ) -> Result<Page<SavedSearch>, HhError> {
        let request = self.requests.saved_searches(page, per_page)?;
        self.get_json(request, Access::Applicant).await
    }

    /// Creates a saved search; returns its id from `Location`.
    pub async fn create_saved_search(
        &self,
        name: &str,
        params: &SearchParams,
    ) -> Result<Option<String>, HhError> {
        let request = self.requests.saved_search_create(name, params);
        let response = self.call(request, Access::Applicant, Retry::Never).await?;
        Ok(response
            .header("Location")
            .and_then(|l| id_from_location(l, "/saved_searches/vacancies/")))
    }

    pub async fn rename_saved_search(&self, id: &str, name: &str) -> Result<(), HhError> {
        let request = self.requests.saved_search_rename(id, name);
        self.call(request, Access::Applicant, Retry::Allowed)
            .await
            .map(drop)
    }

    pub async fn delete_saved_search(&self, id: &str) -> Result<(), HhError> {
        let request = self.requests.saved_search_delete(id);
        self.call(request, Access::Applicant, Retry::Allowed)
            .await
            .map(drop)
    }

    /// `GET /dictionaries`, revalidated with its ETag.
    pub async fn dictionaries(&self) -> Result<Dictionaries, HhError> {
        self.get_with_etag(self.requests.dictionaries()).await
    }

    /// `GET /areas`, revalidated with its ETag.
    pub async fn areas(&self) -> Result<serde_json::Value, HhError> {
        self.get_with_etag(self.requests.areas()).await
    }

    pub async fn publish_resume(&self, resume_id: &str) -> Result<(), HhError> {
        let request = self.requests.publish_resume(resume_id);
        self.call(request, Access::Applicant, Retry::Never)
            .await
            .map(drop)
    }
}
