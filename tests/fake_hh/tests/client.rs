//! The core's `HhClient` against the fake hh.ru over real HTTPS: a reqwest transport, a tokio clock, and the
//! fake's clock, faults and request log to see what actually went over the wire.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hh_job_agent::hh::error::{AuthError, GrantError, NegotiationError};
use hh_job_agent::hh::polite::PoliteConfig;
use hh_job_agent::hh::request::Method as HhMethod;
use hh_job_agent::hh::{
    ApplyRequirements, ApplyResult, Clock, HhClient, HhError, HhEvent, HttpRequest, HttpResponse,
    NegotiationsParams, OAuthApp, SearchParams, Tokens, Transport, TransportError,
};
use reqwest::Method;
use serde_json::{json, Value};

const PYTHON_RESUME: &str = fake_hh::RESUME_PYTHON_ID;
const HOUR_MS: u64 = 60 * 60 * 1000;

// ---------- the seams: transport and clock ----------

/// Sends the core's requests with reqwest; `hh.ru` and `api.hh.ru` resolve to the fake's port.
#[derive(Clone)]
struct HttpTransport {
    http: reqwest::Client,
    port: u16,
}

impl HttpTransport {
    fn new(port: u16, timeout: Duration) -> Self {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let http = reqwest::Client::builder()
            .resolve("api.hh.ru", addr)
            .resolve("hh.ru", addr)
            .danger_accept_invalid_certs(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .build()
            .expect("a reqwest client");
        HttpTransport { http, port }
    }
}

/// The URL with the fake's port put in for hh.ru hosts (DNS overrides cannot carry a port).
fn on_fake(url: &str, port: u16) -> reqwest::Url {
    let mut url = reqwest::Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    if matches!(url.host_str(), Some("hh.ru" | "api.hh.ru")) {
        url.set_port(Some(port)).expect("https URLs take a port");
    }
    url
}

impl Transport for HttpTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = match request.method {
            HhMethod::Get => Method::GET,
            HhMethod::Post => Method::POST,
            HhMethod::Put => Method::PUT,
            HhMethod::Delete => Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, on_fake(&request.url, self.port))
            .body(request.body.to_bytes());
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let classify = |error: reqwest::Error| {
            if error.is_timeout() {
                TransportError::Timeout
            } else {
                TransportError::Network(error.to_string())
            }
        };
        let response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let body = response.bytes().await.map_err(classify)?.to_vec();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Wall-clock time plus a settable offset (to move the client's idea of "now" with the fake's clock),
/// tokio sleeps, and a log of every sleep asked for.
#[derive(Clone, Default)]
struct TokioClock {
    offset_ms: Arc<AtomicU64>,
    sleeps: Arc<Mutex<Vec<u64>>>,
}

impl TokioClock {
    fn advance(&self, ms: u64) {
        self.offset_ms.fetch_add(ms, Ordering::SeqCst);
    }

    fn sleeps(&self) -> Vec<u64> {
        self.sleeps.lock().expect("sleeps").clone()
    }
}

impl Clock for TokioClock {
    fn now_ms(&self) -> u64 {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970")
            .as_millis() as u64;
        wall + self.offset_ms.load(Ordering::SeqCst)
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        self.sleeps.lock().expect("sleeps").push(ms);
        tokio::time::sleep(Duration::from_millis(ms))
    }

    fn random_u64(&self) -> u64 {
        rand::random()
    }
}

type Client = HhClient<HttpTransport, TokioClock>;
type Events = Rc<RefCell<Vec<HhEvent>>>;

fn app() -> OAuthApp {
    OAuthApp {
        client_id: fake_hh::DEFAULT_CLIENT_ID.into(),
        client_secret: fake_hh::DEFAULT_CLIENT_SECRET.into(),
        redirect_uri: "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/hh".into(),
    }
}

/// Polite, but not so slow that a 66-page search takes a quarter of a minute.
fn config() -> hh_job_agent::hh::ClientConfig {
    hh_job_agent::hh::ClientConfig {
        polite: PoliteConfig {
            max_requests_per_window: 100,
            ..PoliteConfig::default()
        },
        ..Default::default()
    }
}

// ---------- a started fake with one client ----------

struct Env {
    fake: fake_hh::Handle,
    /// For the control API and for playing the browser on the consent page.
    http: reqwest::Client,
    clock: TokioClock,
    client: Client,
    events: Events,
}

impl Env {
    async fn start() -> Env {
        let fake = fake_hh::start(fake_hh::Config::default())
            .await
            .expect("the fake starts");
        let clock = TokioClock::default();
        let (client, events) = new_client(fake.port, clock.clone(), Duration::from_secs(10));
        let http = HttpTransport::new(fake.port, Duration::from_secs(30)).http;
        Env {
            fake,
            http,
            clock,
            client,
            events,
        }
    }

    /// Logged in through the consent page with auto-approve.
    async fn logged_in() -> Env {
        let env = Env::start().await;
        env.control(
            Method::POST,
            "config",
            json!({ "auto_approve_oauth": true }),
        )
        .await;
        env.login().await;
        env.clear_requests().await;
        env
    }

    async fn login(&self) -> Tokens {
        let pending = self.client.begin_login(&app());
        let response = self
            .http
            .get(on_fake(&pending.url, self.fake.port))
            .send()
            .await
            .expect("the authorize page answers");
        assert_eq!(response.status(), 302, "auto-approve redirects at once");
        let location = header(&response, "location");
        self.client
            .complete_login(&app(), &pending.state, &location)
            .await
            .expect("the code is exchanged")
    }

    async fn control(&self, method: Method, path: &str, body: Value) -> Value {
        let url = format!("https://api.hh.ru:{}/__control/{path}", self.fake.port);
        let response = self
            .http
            .request(method, url)
            .json(&body)
            .send()
            .await
            .expect("control answers");
        let status = response.status();
        let value: Value = response.json().await.expect("control answers JSON");
        assert!(status.is_success(), "control {path}: {status} {value}");
        value
    }

    /// The fake's log of API requests, oldest first (`query` like `method=POST&path_prefix=/token`).
    async fn requests(&self, query: &str) -> Vec<Value> {
        let list = self
            .control(Method::GET, &format!("requests?{query}"), Value::Null)
            .await;
        list.as_array().expect("a list").clone()
    }

    async fn clear_requests(&self) {
        self.control(Method::DELETE, "requests", Value::Null).await;
    }

    async fn faults(&self, rules: Value) {
        self.control(Method::POST, "faults", rules).await;
    }

    async fn advance_fake_clock(&self, ms: u64) {
        self.control(Method::POST, "clock", json!({ "advance_ms": ms }))
            .await;
    }

    async fn negotiations_for(&self, vacancy_id: &str) -> Vec<Value> {
        let state = self.control(Method::GET, "state", Value::Null).await;
        state["negotiations"]
            .as_array()
            .expect("negotiations")
            .iter()
            .filter(|n| n["vacancy_id"] == vacancy_id)
            .cloned()
            .collect()
    }

    /// A copy of a real Python vacancy, open and without test or letter unless `set` says otherwise.
    async fn vacancy_like_python(&self, set: Value) -> String {
        let base = self
            .client
            .search_vacancies(&SearchParams {
                per_page: Some(1),
                ..SearchParams::text("python")
            })
            .await
            .expect("a python search")
            .items[0]
            .id
            .clone();
        let mut changes = json!({
            "response_letter_required": false, "test": null, "has_test": false, "archived": false,
            "type": { "id": "open", "name": "Открытая" }, "response_url": null,
        });
        for (k, v) in set.as_object().expect("set is an object") {
            changes[k] = v.clone();
        }
        let created = self
            .control(
                Method::POST,
                "vacancies",
                json!({ "based_on": base, "set": changes }),
            )
            .await;
        created["id"].as_str().expect("new id").to_string()
    }

    fn events(&self) -> Vec<HhEvent> {
        self.events.borrow().clone()
    }
}

fn new_client(port: u16, clock: TokioClock, timeout: Duration) -> (Client, Events) {
    let events: Events = Rc::default();
    let sink = events.clone();
    let mut client = HhClient::new(HttpTransport::new(port, timeout), clock, config());
    client.on_event(move |event| sink.borrow_mut().push(event.clone()));
    (client, events)
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .expect("an ASCII header")
        .to_string()
}

fn paths(requests: &[Value]) -> Vec<String> {
    requests
        .iter()
        .map(|r| format!("{} {} {}", r["method"], r["path"], r["status"]).replace('"', ""))
        .collect()
}

fn token_requests(requests: &[Value], grant_type: &str) -> usize {
    requests
        .iter()
        .filter(|r| r["path"] == "/token" && r["form"]["grant_type"] == grant_type)
        .count()
}

// ---------- OAuth ----------

#[tokio::test]
async fn login_through_the_consent_page_exchanges_the_code_for_tokens() {
    let env = Env::start().await;
    let pending = env.client.begin_login(&app());
    let page = env
        .http
        .get(on_fake(&pending.url, env.fake.port))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200, "the consent page is shown");
    // The user presses «Разрешить»: the page's form posts back with the decision.
    let allow = env
        .http
        .post(on_fake("https://hh.ru/oauth/authorize", env.fake.port))
        .form(&[
            ("client_id", app().client_id.as_str()),
            ("redirect_uri", app().redirect_uri.as_str()),
            ("state", pending.state.as_str()),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(allow.status(), 302);
    let location = header(&allow, "location");
    assert!(location.starts_with(&app().redirect_uri), "{location}");

    let tokens = env
        .client
        .complete_login(&app(), &pending.state, &location)
        .await
        .expect("logged in");
    assert!(env.client.is_logged_in());
    assert_eq!(
        env.events(),
        vec![HhEvent::TokensChanged(tokens.clone())],
        "the owner is told to persist the tokens"
    );
    let exchange = env.requests("path_prefix=/token").await;
    assert_eq!(exchange.len(), 1);
    let form = &exchange[0]["form"];
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["client_id"], fake_hh::DEFAULT_CLIENT_ID);
    assert_eq!(form["client_secret"], fake_hh::DEFAULT_CLIENT_SECRET);
    assert_eq!(form["redirect_uri"], app().redirect_uri.as_str());
    assert_eq!(exchange[0]["status"], 200);
    // The fake knows the token the client now holds, with its refresh token.
    let state = env.control(Method::GET, "state", Value::Null).await;
    let known = state["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["access_token"] == tokens.access.as_str())
        .expect("the fake issued this token");
    assert_eq!(known["refresh_token"], json!(tokens.refresh));

    // The code is single-use.
    let again = env
        .client
        .complete_login(&app(), &pending.state, &location)
        .await;
    assert_eq!(again, Err(HhError::Grant(GrantError::CodeAlreadyUsed)));
}

#[tokio::test]
async fn a_denied_consent_and_a_foreign_state_are_refused() {
    let env = Env::start().await;
    let pending = env.client.begin_login(&app());
    let deny = env
        .http
        .post(on_fake("https://hh.ru/oauth/authorize", env.fake.port))
        .form(&[
            ("client_id", app().client_id.as_str()),
            ("redirect_uri", app().redirect_uri.as_str()),
            ("state", pending.state.as_str()),
            ("decision", "deny"),
        ])
        .send()
        .await
        .unwrap();
    let location = header(&deny, "location");
    let result = env
        .client
        .complete_login(&app(), &pending.state, &location)
        .await;
    assert_eq!(result, Err(HhError::AccessDenied));

    env.control(
        Method::POST,
        "config",
        json!({ "auto_approve_oauth": true }),
    )
    .await;
    let pending = env.client.begin_login(&app());
    let approved = env
        .http
        .get(on_fake(&pending.url, env.fake.port))
        .send()
        .await
        .unwrap();
    let location = header(&approved, "location");
    let forged = env
        .client
        .complete_login(&app(), "someone-elses-state", &location)
        .await;
    assert!(matches!(forged, Err(HhError::BadAuthorizationRedirect(_))));
    assert!(!env.client.is_logged_in());
    assert!(env.requests("path_prefix=/token").await.is_empty());
}

#[tokio::test]
async fn logout_revokes_the_token_on_hh() {
    let env = Env::logged_in().await;
    let access = env.client.tokens().unwrap().access;
    env.client.logout().await.expect("logged out");
    assert!(!env.client.is_logged_in());
    assert_eq!(
        env.events().last(),
        Some(&HhEvent::LoggedOut { reason: None })
    );
    let state = env.control(Method::GET, "state", Value::Null).await;
    let token = state["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["access_token"] == access.as_str())
        .unwrap()
        .clone();
    assert_eq!(token["revoked"], true);
    assert_eq!(
        env.client.resumes_mine().await.map(|p| p.items.len()),
        Err(HhError::NotLoggedIn)
    );
}

// ---------- the user, resumes, search, vacancies ----------

#[tokio::test]
async fn me_and_the_resumes_come_from_the_fake_user() {
    let env = Env::logged_in().await;
    let me = env.client.me().await.expect("/me");
    assert_eq!(me.id, fake_hh::USER_ID);
    assert_eq!(me.first_name.as_deref(), Some("Иван"));

    let mine = env.client.resumes_mine().await.expect("/resumes/mine");
    let ids: Vec<&str> = mine.items.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [fake_hh::RESUME_PYTHON_ID, fake_hh::RESUME_ARCHITECT_ID]
    );

    let resume = env.client.resume(PYTHON_RESUME).await.expect("a resume");
    assert_eq!(
        resume.title.as_deref(),
        Some("Python-разработчик (Backend)")
    );
    assert!(!resume.skill_set.is_empty(), "the full resume has skills");

    let sent = env.requests("method=GET").await;
    assert_eq!(
        paths(&sent),
        [
            "GET /me 200",
            "GET /resumes/mine 200",
            &format!("GET /resumes/{PYTHON_RESUME} 200")
        ]
    );
    for request in &sent {
        assert!(request["headers"]["hh-user-agent"]
            .as_str()
            .is_some_and(|ua| ua.starts_with("HHJobAgent/")));
        let bearer = format!("Bearer {}", env.client.tokens().unwrap().access);
        assert_eq!(request["headers"]["authorization"], bearer.as_str());
    }

    let missing = env
        .client
        .resume("0000000000000000000000000000000000000a")
        .await;
    assert_eq!(missing.map(|r| r.id), Err(HhError::NotFound));
}

#[tokio::test]
async fn search_pages_through_and_stops_at_the_2000_result_depth() {
    let env = Env::logged_in().await;
    // The fake holds 169 vacancies; copies bring the search past hh.ru's 2000-result depth.
    let base = env
        .client
        .search_vacancies(&SearchParams::default())
        .await
        .unwrap();
    let base_id = base.items[0].id.clone();
    let copies = 2010usize.saturating_sub(base.found as usize);
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let http = env.http.clone();
        let url = format!("https://api.hh.ru:{}/__control/vacancies", env.fake.port);
        let base_id = base_id.clone();
        tasks.spawn(async move {
            for _ in (worker..copies).step_by(8) {
                let response = http
                    .post(&url)
                    .json(&json!({ "based_on": base_id, "set": {} }))
                    .send()
                    .await
                    .expect("control answers");
                assert_eq!(response.status(), 201);
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("copies made");
    }
    env.clear_requests().await;

    // 30 per page does not divide 2000: page 66 would reach item 2010, which hh.ru refuses.
    let params = SearchParams {
        per_page: Some(30),
        ..SearchParams::default()
    };
    let found = env
        .client
        .search_vacancies_all(&params, usize::MAX)
        .await
        .expect("the search");
    assert_eq!(found.len(), 66 * 30);
    let sent = env.requests("path_prefix=/vacancies").await;
    assert_eq!(sent.len(), 66, "pages 0..=65 and no deeper");
    assert!(
        sent.iter().all(|r| r["status"] == 200),
        "{:?}",
        paths(&sent)
    );
    assert_eq!(sent.last().unwrap()["query"]["page"], "65");
    let mut ids: Vec<&str> = found.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), found.len(), "no vacancy twice across pages");

    // Asking for the page beyond the depth is refused before anything is sent.
    env.clear_requests().await;
    let too_deep = SearchParams {
        page: Some(66),
        ..params.clone()
    };
    let refused = env.client.search_vacancies(&too_deep).await;
    assert_eq!(refused.map(|p| p.page), Err(HhError::PaginationTooDeep));
    assert!(env.requests("").await.is_empty());

    // A small cap stops early.
    let first = env.client.search_vacancies_all(&params, 45).await.unwrap();
    assert_eq!(first.len(), 45);
    assert_eq!(env.requests("path_prefix=/vacancies").await.len(), 2);
}

#[tokio::test]
async fn a_search_stops_at_the_last_page() {
    let env = Env::start().await;
    let params = SearchParams {
        per_page: Some(100),
        ..SearchParams::text("python")
    };
    let first = env.client.search_vacancies(&params).await.unwrap();
    assert!(first.found > 0);
    env.clear_requests().await;
    let all = env
        .client
        .search_vacancies_all(&params, usize::MAX)
        .await
        .unwrap();
    assert_eq!(all.len() as u64, first.found);
    let sent = env.requests("path_prefix=/vacancies").await;
    assert_eq!(sent.len() as u64, first.found.div_ceil(100));
    assert_eq!(sent[0]["query"]["text"], "python");
    assert_eq!(sent[0]["query"]["per_page"], "100");
}

#[tokio::test]
async fn a_vacancy_is_fetched_once_then_served_from_the_cache() {
    let env = Env::logged_in().await;
    let id = env.vacancy_like_python(json!({})).await;
    env.clear_requests().await;
    let first = env.client.vacancy(&id).await.expect("the vacancy");
    assert_eq!(first.id, id);
    assert!(first.description.as_deref().is_some_and(|d| !d.is_empty()));
    let second = env.client.vacancy(&id).await.expect("from the cache");
    assert_eq!(second, first);
    let sent = env.requests(&format!("path_prefix=/vacancies/{id}")).await;
    assert_eq!(paths(&sent), [format!("GET /vacancies/{id} 200")]);

    let missing = env.client.vacancy("999999999").await;
    assert_eq!(missing.map(|v| v.id), Err(HhError::NotFound));
}

#[tokio::test]
async fn dictionaries_and_areas_are_revalidated_with_their_etag() {
    let env = Env::start().await;
    let first = env.client.dictionaries().await.expect("dictionaries");
    let second = env.client.dictionaries().await.expect("dictionaries again");
    assert_eq!(second, first, "a 304 answers from the stored body");
    let areas = env.client.areas().await.expect("areas");
    assert_eq!(env.client.areas().await.expect("areas again"), areas);

    let sent = env.requests("method=GET").await;
    assert_eq!(
        paths(&sent),
        [
            "GET /dictionaries 200",
            "GET /dictionaries 304",
            "GET /areas 200",
            "GET /areas 304"
        ]
    );
    assert!(sent[0]["headers"]["if-none-match"].is_null());
    let cache = env.client.etag_cache();
    let etag = &cache.get("/dictionaries").expect("an ETag kept").etag;
    assert_eq!(sent[1]["headers"]["if-none-match"], etag.as_str());
}

// ---------- replies ----------

#[tokio::test]
async fn a_reply_is_sent_as_multipart_and_the_second_is_already_applied() {
    let env = Env::logged_in().await;
    let id = env.vacancy_like_python(json!({})).await;
    env.clear_requests().await;
    let letter =
        "Здравствуйте! Пишу на Python 8 лет, «FastAPI» & PostgreSQL.\nГотов к собеседованию.";
    let result = env
        .client
        .apply(&id, PYTHON_RESUME, letter, ApplyRequirements::default())
        .await
        .expect("the reply is sent");
    let negotiations = env.negotiations_for(&id).await;
    assert_eq!(negotiations.len(), 1);
    assert_eq!(
        result,
        ApplyResult::Applied {
            negotiation_id: negotiations[0]["id"].as_str().map(str::to_string)
        }
    );
    assert_eq!(negotiations[0]["message"], letter);
    assert_eq!(negotiations[0]["resume_id"], PYTHON_RESUME);
    assert_eq!(negotiations[0]["via"], "api");

    let sent = env.requests("method=POST").await;
    assert_eq!(paths(&sent), ["POST /negotiations 201"]);
    assert!(sent[0]["headers"]["content-type"]
        .as_str()
        .is_some_and(|c| c.starts_with("multipart/form-data; boundary=")));
    assert_eq!(
        sent[0]["form"],
        json!({ "vacancy_id": id, "resume_id": PYTHON_RESUME, "message": letter })
    );
    assert_eq!(env.client.ledger().count_in_window(env.clock.now_ms()), 1);
    assert!(env.events().contains(&HhEvent::LedgerChanged));

    let again = env
        .client
        .apply(&id, PYTHON_RESUME, letter, ApplyRequirements::default())
        .await;
    assert_eq!(
        again,
        Err(HhError::Negotiation(NegotiationError::AlreadyApplied))
    );
    assert_eq!(env.negotiations_for(&id).await.len(), 1);
    assert_eq!(env.client.ledger().count_in_window(env.clock.now_ms()), 1);
}

#[tokio::test]
async fn a_required_letter_and_a_mandatory_test_are_refused_before_sending() {
    let env = Env::logged_in().await;
    let with_letter = env
        .vacancy_like_python(json!({ "response_letter_required": true }))
        .await;
    let with_test = env
        .vacancy_like_python(json!({ "has_test": true, "test": { "required": true } }))
        .await;
    env.clear_requests().await;

    let vacancy = env.client.vacancy(&with_letter).await.unwrap();
    let requirements = ApplyRequirements::from(&vacancy);
    assert!(requirements.letter_required);
    let refused = env
        .client
        .apply(&with_letter, PYTHON_RESUME, "  \n", requirements)
        .await;
    assert_eq!(refused, Err(HhError::LetterRequired));

    let vacancy = env.client.vacancy(&with_test).await.unwrap();
    let requirements = ApplyRequirements::from(&vacancy);
    assert!(requirements.test_required);
    let refused = env
        .client
        .apply(&with_test, PYTHON_RESUME, "Добрый день!", requirements)
        .await;
    assert_eq!(
        refused,
        Err(HhError::Negotiation(NegotiationError::TestRequired))
    );
    assert!(
        env.requests("path_prefix=/negotiations").await.is_empty(),
        "nothing reached hh.ru"
    );

    // Had the client not known, hh.ru would have refused the empty letter itself.
    let unknown = env
        .client
        .apply(
            &with_letter,
            PYTHON_RESUME,
            "",
            ApplyRequirements::default(),
        )
        .await;
    assert_eq!(
        unknown,
        Err(HhError::Negotiation(NegotiationError::EmptyMessage))
    );
    assert!(env.negotiations_for(&with_letter).await.is_empty());
}

/// A client that gives up after 400 ms, with the tokens of `env`'s client.
fn impatient_client(env: &Env) -> Client {
    let (client, _) = new_client(env.fake.port, env.clock.clone(), Duration::from_millis(400));
    client.with_tokens(env.client.tokens())
}

#[tokio::test]
async fn a_reply_whose_answer_is_lost_is_found_and_not_sent_again() {
    let env = Env::logged_in().await;
    let id = env.vacancy_like_python(json!({})).await;
    let impatient = impatient_client(&env);
    // hh.ru makes the reply, but its answer comes after the client gave up.
    env.faults(json!({ "path": "/negotiations", "method": "POST", "kind": "latency_ms", "ms": 1500, "after_handling": true }))
        .await;
    env.clear_requests().await;

    let result = impatient
        .apply(
            &id,
            PYTHON_RESUME,
            "Добрый день!",
            ApplyRequirements::default(),
        )
        .await
        .expect("the reply exists");
    let sent = env.requests("path_prefix=/negotiations").await;
    assert_eq!(
        paths(&sent),
        ["POST /negotiations 201", "GET /negotiations 200"],
        "looked up, not sent again"
    );
    assert_eq!(sent[1]["query"]["vacancy_id"], id.as_str());
    let negotiations = env.negotiations_for(&id).await;
    assert_eq!(negotiations.len(), 1);
    assert_eq!(
        result,
        ApplyResult::Applied {
            negotiation_id: negotiations[0]["id"].as_str().map(str::to_string)
        }
    );
    assert_eq!(impatient.ledger().count_in_window(env.clock.now_ms()), 1);
}

#[tokio::test]
async fn a_reply_that_timed_out_before_reaching_hh_is_sent_again_once() {
    let env = Env::logged_in().await;
    let id = env.vacancy_like_python(json!({})).await;
    let impatient = impatient_client(&env);
    // The request waits in a queue longer than the client does; hanging up drops it.
    env.faults(
        json!({ "path": "/negotiations", "method": "POST", "kind": "latency_ms", "ms": 1500 }),
    )
    .await;
    env.clear_requests().await;

    let result = impatient
        .apply(
            &id,
            PYTHON_RESUME,
            "Добрый день!",
            ApplyRequirements::default(),
        )
        .await
        .expect("sent on the second try");
    let sent = env.requests("path_prefix=/negotiations").await;
    assert_eq!(
        paths(&sent),
        ["GET /negotiations 200", "POST /negotiations 201"],
        "looked up first, then sent again"
    );
    assert_eq!(sent[0]["query"]["vacancy_id"], id.as_str());
    let negotiations = env.negotiations_for(&id).await;
    assert_eq!(negotiations.len(), 1, "never a duplicate reply");
    assert_eq!(
        result,
        ApplyResult::Applied {
            negotiation_id: negotiations[0]["id"].as_str().map(str::to_string)
        }
    );
}

#[tokio::test]
async fn the_ledger_counts_replies_hh_lists_for_the_last_day() {
    let env = Env::logged_in().await;
    env.control(Method::POST, "negotiations", json!({ "seed": 7 }))
        .await;
    let day_ago = env.control(Method::GET, "clock", Value::Null).await["now_ms"]
        .as_u64()
        .unwrap()
        - 25 * HOUR_MS;
    env.control(
        Method::POST,
        "negotiations",
        json!({ "seed": 3, "created_at_ms": day_ago }),
    )
    .await;

    assert_eq!(env.client.reconcile_ledger().await, Ok(7));
    assert_eq!(env.client.ledger().count_in_window(env.clock.now_ms()), 7);
    assert_eq!(env.client.reconcile_ledger().await, Ok(0), "nothing twice");
    let lists = env.requests("path_prefix=/negotiations").await;
    assert!(lists
        .iter()
        .all(|r| r["query"]["order_by"] == "created_at" && r["status"] == 200));

    // With the user's cap at 8, one more reply fits and the next is refused before sending.
    env.client.set_reply_cap(8);
    let first = env.vacancy_like_python(json!({})).await;
    let second = env.vacancy_like_python(json!({})).await;
    env.client
        .apply(&first, PYTHON_RESUME, "", ApplyRequirements::default())
        .await
        .expect("the 8th reply");
    env.clear_requests().await;
    let refused = env
        .client
        .apply(&second, PYTHON_RESUME, "", ApplyRequirements::default())
        .await;
    assert!(
        matches!(
            refused,
            Err(HhError::ReplyQuotaReached {
                used: 8,
                cap: 8,
                ..
            })
        ),
        "{refused:?}"
    );
    assert!(env.requests("path_prefix=/negotiations").await.is_empty());
}

#[tokio::test]
async fn hh_s_own_daily_limit_is_reported_whatever_its_status() {
    let env = Env::logged_in().await;
    // 200 replies made elsewhere (the client's ledger has not seen them).
    env.control(Method::POST, "negotiations", json!({ "seed": 200 }))
        .await;
    let id = env.vacancy_like_python(json!({})).await;
    for status in [400, 403, 429] {
        env.control(
            Method::POST,
            "config",
            json!({ "limit_exceeded_status": status }),
        )
        .await;
        env.clear_requests().await;
        let refused = env
            .client
            .apply(&id, PYTHON_RESUME, "", ApplyRequirements::default())
            .await;
        assert_eq!(
            refused,
            Err(HhError::Negotiation(NegotiationError::LimitExceeded)),
            "status {status}"
        );
        assert_eq!(
            paths(&env.requests("").await),
            [format!("POST /negotiations {status}")],
            "never retried"
        );
    }
    assert!(env.negotiations_for(&id).await.is_empty());
}

// ---------- tokens ----------

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_retried() {
    let env = Env::start().await;
    env.control(
        Method::POST,
        "config",
        json!({ "auto_approve_oauth": true, "access_token_ttl_s": 60 }),
    )
    .await;
    let old = env.login().await;
    // hh.ru's clock moves past the expiry; the client's does not know yet.
    env.advance_fake_clock(61_000).await;
    env.clear_requests().await;

    let me = env.client.me().await.expect("/me after a refresh");
    assert_eq!(me.id, fake_hh::USER_ID);
    let sent = env.requests("").await;
    assert_eq!(
        paths(&sent),
        ["GET /me 403", "POST /token 200", "GET /me 200"]
    );
    assert_eq!(sent[1]["form"]["grant_type"], "refresh_token");
    assert_eq!(sent[1]["form"]["refresh_token"], json!(old.refresh));
    assert!(
        sent[1]["form"]["client_secret"].is_null(),
        "the refresh token only"
    );
    let new = env.client.tokens().unwrap();
    assert_ne!(new.access, old.access);
    assert_eq!(
        sent[2]["headers"]["authorization"],
        format!("Bearer {}", new.access).as_str()
    );
    assert_eq!(env.events().last(), Some(&HhEvent::TokensChanged(new)));
}

#[tokio::test]
async fn a_token_the_client_knows_expired_is_refreshed_before_the_call() {
    let env = Env::start().await;
    env.control(
        Method::POST,
        "config",
        json!({ "auto_approve_oauth": true, "access_token_ttl_s": 60 }),
    )
    .await;
    env.login().await;
    env.advance_fake_clock(61_000).await;
    env.clock.advance(61_000);
    env.clear_requests().await;

    env.client.resumes_mine().await.expect("resumes");
    assert_eq!(
        paths(&env.requests("").await),
        ["POST /token 200", "GET /resumes/mine 200"]
    );
}

#[tokio::test]
async fn concurrent_calls_with_an_expired_token_refresh_exactly_once() {
    for client_knows in [false, true] {
        let env = Env::start().await;
        env.control(
            Method::POST,
            "config",
            json!({ "auto_approve_oauth": true, "access_token_ttl_s": 60 }),
        )
        .await;
        env.login().await;
        env.advance_fake_clock(61_000).await;
        if client_knows {
            env.clock.advance(61_000);
        }
        env.clear_requests().await;

        let all = NegotiationsParams::default();
        let (me, resumes, resume, negotiations) = tokio::join!(
            env.client.me(),
            env.client.resumes_mine(),
            env.client.resume(PYTHON_RESUME),
            env.client.negotiations(&all),
        );
        assert!(me.is_ok(), "{me:?}");
        assert!(resumes.is_ok(), "{resumes:?}");
        assert!(resume.is_ok(), "{resume:?}");
        assert!(negotiations.is_ok(), "{negotiations:?}");
        let sent = env.requests("").await;
        assert_eq!(
            token_requests(&sent, "refresh_token"),
            1,
            "client_knows={client_knows}: {:?}",
            paths(&sent)
        );
        assert!(env.client.is_logged_in());
    }
}

#[tokio::test]
async fn a_refresh_token_spent_elsewhere_logs_the_user_out() {
    let env = Env::start().await;
    env.control(
        Method::POST,
        "config",
        json!({ "auto_approve_oauth": true, "access_token_ttl_s": 60 }),
    )
    .await;
    let tokens = env.login().await;
    // A second copy of the same session (say, a stale copy restored after a restart).
    let (other, other_events) =
        new_client(env.fake.port, env.clock.clone(), Duration::from_secs(10));
    let other = other.with_tokens(Some(tokens));
    env.advance_fake_clock(61_000).await;

    env.client.me().await.expect("the first refresh works");
    env.clear_requests().await;
    let refused = other.me().await;
    assert_eq!(
        refused.map(|m| m.id),
        Err(HhError::Grant(GrantError::AlreadyRefreshed))
    );
    assert!(!other.is_logged_in());
    assert_eq!(
        other_events.borrow().last(),
        Some(&HhEvent::LoggedOut {
            reason: Some(HhError::Grant(GrantError::AlreadyRefreshed))
        })
    );
    assert_eq!(
        paths(&env.requests("").await),
        ["GET /me 403", "POST /token 400"]
    );
    assert_eq!(
        other.resumes_mine().await.map(|p| p.found),
        Err(HhError::NotLoggedIn)
    );
    assert!(
        env.client.is_logged_in(),
        "the session that refreshed lives on"
    );
}

#[tokio::test]
async fn an_early_refresh_is_refused_and_the_token_kept() {
    let env = Env::logged_in().await;
    let tokens = env.client.tokens().unwrap();
    // The client's clock runs 14 days ahead of hh.ru's.
    env.clock
        .advance(tokens.expires_at_ms - env.clock.now_ms() + 1000);
    env.clear_requests().await;

    env.client.me().await.expect("the old token still works");
    let sent = env.requests("").await;
    assert_eq!(paths(&sent), ["POST /token 400", "GET /me 200"]);
    let kept = env.client.tokens().unwrap();
    assert_eq!(kept.access, tokens.access);
    assert!(
        kept.expires_at_ms > env.clock.now_ms(),
        "the next try is postponed"
    );
    assert!(env.client.is_logged_in());

    env.clear_requests().await;
    env.client.me().await.unwrap();
    assert_eq!(
        paths(&env.requests("").await),
        ["GET /me 200"],
        "no second early refresh"
    );
}

#[tokio::test]
async fn a_revoked_token_ends_the_session() {
    let env = Env::logged_in().await;
    let access = env.client.tokens().unwrap().access;
    // The user logs out on hh.ru itself: the token dies there.
    env.http
        .delete(on_fake("https://api.hh.ru/oauth/token", env.fake.port))
        .header("HH-User-Agent", "Tests/1.0 (t@example.com)")
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    let result = env.client.resumes_mine().await;
    assert_eq!(
        result.map(|p| p.found),
        Err(HhError::Auth(AuthError::TokenRevoked))
    );
    assert!(!env.client.is_logged_in());
}

// ---------- faults ----------

#[tokio::test]
async fn a_captcha_is_reported_with_a_backurl_and_the_retry_succeeds() {
    let env = Env::logged_in().await;
    env.faults(json!({ "path": "/vacancies", "kind": "captcha_required" }))
        .await;
    let params = SearchParams::text("python");
    let error = env
        .client
        .search_vacancies(&params)
        .await
        .expect_err("a captcha");
    assert!(
        matches!(error, HhError::CaptchaRequired { .. }),
        "{error:?}"
    );
    let page = error
        .captcha_url_with_backurl("https://hh.ru/search/vacancy?text=python")
        .expect("a captcha page");
    assert!(
        page.starts_with("https://hh.ru/account/captcha?state="),
        "{page}"
    );
    assert!(
        page.ends_with("&backurl=https%3A%2F%2Fhh.ru%2Fsearch%2Fvacancy%3Ftext%3Dpython"),
        "{page}"
    );
    assert!(
        env.client.is_logged_in(),
        "a captcha is no reason to log out"
    );
    // After the user solves it the same request goes through.
    assert!(env.client.search_vacancies(&params).await.is_ok());
}

#[tokio::test]
async fn rate_limits_and_unavailability_are_waited_out_per_retry_after() {
    let env = Env::logged_in().await;
    env.faults(json!([
        { "path": "/resumes/mine", "kind": "status", "status": 429, "retry_after": 1 },
        { "path": "/me", "kind": "status", "status": 503, "retry_after": 1 },
    ]))
    .await;
    env.clear_requests().await;

    env.client.resumes_mine().await.expect("after the 429");
    env.client.me().await.expect("after the 503");
    let sent = env.requests("").await;
    assert_eq!(
        paths(&sent),
        [
            "GET /resumes/mine 429",
            "GET /resumes/mine 200",
            "GET /me 503",
            "GET /me 200"
        ]
    );
    for pair in [(0, 1), (2, 3)] {
        let gap = sent[pair.1]["at_ms"].as_u64().unwrap() - sent[pair.0]["at_ms"].as_u64().unwrap();
        assert!(gap >= 1000, "Retry-After: 1 honoured, gap {gap} ms");
    }
    assert_eq!(
        env.clock.sleeps().iter().filter(|&&ms| ms == 1000).count(),
        2
    );

    // A 429 that never ends gives up after the bounded attempts.
    env.faults(json!({ "path": "/me", "kind": "status", "status": 429, "retry_after": 0, "times": "always" }))
        .await;
    env.clear_requests().await;
    let limited = env.client.me().await;
    assert_eq!(
        limited.map(|m| m.id),
        Err(HhError::RateLimited {
            retry_after_ms: Some(0)
        })
    );
    assert_eq!(
        env.requests("").await.len() as u32,
        PoliteConfig::default().max_attempts
    );
}

#[tokio::test]
async fn a_reply_is_never_retried_on_503() {
    let env = Env::logged_in().await;
    let id = env.vacancy_like_python(json!({})).await;
    env.faults(json!({ "path": "/negotiations", "method": "POST", "kind": "status", "status": 503, "retry_after": 0 }))
        .await;
    env.clear_requests().await;
    let result = env
        .client
        .apply(&id, PYTHON_RESUME, "", ApplyRequirements::default())
        .await;
    assert!(
        matches!(
            result,
            Err(HhError::Api { status: 503, .. } | HhError::Server { status: 503, .. })
        ),
        "{result:?}"
    );
    assert_eq!(paths(&env.requests("").await), ["POST /negotiations 503"]);
}

#[tokio::test]
async fn an_html_5xx_is_a_server_error() {
    let env = Env::logged_in().await;
    env.faults(json!({ "path": "/resumes/mine", "kind": "non_json", "status": 502 }))
        .await;
    let error = env.client.resumes_mine().await.expect_err("a 502");
    match &error {
        HhError::Server { status, body } => {
            assert_eq!(*status, 502);
            assert!(body.contains("502 Bad Gateway"), "{body}");
        }
        other => panic!("expected a server error, got {other:?}"),
    }
    assert!(env.client.is_logged_in());
}

#[tokio::test]
async fn no_scope_closes_the_applicant_methods_only() {
    let env = Env::logged_in().await;
    env.control(
        Method::POST,
        "config",
        json!({ "applicant_api": "no_scope" }),
    )
    .await;
    let refused = env.client.resumes_mine().await;
    assert!(
        matches!(refused, Err(HhError::ApplicantAccessRefused { ref detail }) if detail == "no_scope"),
        "{refused:?}"
    );
    let again = env
        .client
        .apply("1", PYTHON_RESUME, "", ApplyRequirements::default())
        .await;
    assert!(matches!(again, Err(HhError::ApplicantAccessRefused { .. })));
    assert!(env.client.applicant_access_refused());
    let told: Vec<_> = env
        .events()
        .into_iter()
        .filter(|e| *e == HhEvent::ApplicantAccessRefused)
        .collect();
    assert_eq!(told.len(), 1, "told once");
    assert!(env.client.is_logged_in(), "the session stays");
    assert_eq!(
        env.client.me().await.map(|m| m.id),
        Ok(fake_hh::USER_ID.into())
    );
    let search = env
        .client
        .search_vacancies(&SearchParams::text("python"))
        .await;
    assert!(
        search.is_ok_and(|page| !page.items.is_empty()),
        "the search stays open"
    );
}

#[tokio::test]
async fn a_no_scope_fault_on_one_call_is_reported_the_same_way() {
    let env = Env::logged_in().await;
    env.faults(json!({ "path_prefix": "/negotiations", "kind": "no_scope" }))
        .await;
    let refused = env
        .client
        .negotiations(&NegotiationsParams::default())
        .await;
    assert!(matches!(
        refused,
        Err(HhError::ApplicantAccessRefused { .. })
    ));
    assert_eq!(env.events().last(), Some(&HhEvent::ApplicantAccessRefused));
}

// ---------- saved searches ----------

#[tokio::test]
async fn saved_searches_are_created_renamed_and_deleted() {
    let env = Env::logged_in().await;
    let params = SearchParams {
        work_format: vec!["REMOTE".into()],
        area: vec!["1".into()],
        ..SearchParams::text("python")
    };
    let id = env
        .client
        .create_saved_search("Python удалённо", &params)
        .await
        .expect("created")
        .expect("an id from Location");
    let created = env
        .requests("method=POST&path_prefix=/saved_searches")
        .await;
    assert_eq!(created[0]["query"]["name"], "Python удалённо");
    assert_eq!(created[0]["query"]["text"], "python");
    assert_eq!(created[0]["query"]["area"], "1");

    let list = env.client.saved_searches(0, 10).await.expect("the list");
    let names: Vec<(&str, &str)> = list
        .items
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(names, [(id.as_str(), "Python удалённо")]);

    env.client
        .rename_saved_search(&id, "Python, удалёнка")
        .await
        .expect("renamed");
    let list = env.client.saved_searches(0, 10).await.unwrap();
    assert_eq!(list.items[0].name.as_deref(), Some("Python, удалёнка"));

    env.client.delete_saved_search(&id).await.expect("deleted");
    assert!(env
        .client
        .saved_searches(0, 10)
        .await
        .unwrap()
        .items
        .is_empty());
    assert_eq!(
        env.client.delete_saved_search(&id).await,
        Err(HhError::NotFound)
    );
    assert_eq!(
        env.client.saved_searches(0, 11).await.map(|p| p.found),
        Err(HhError::BadArguments(vec!["per_page".into()])),
        "more than 10 per page is refused before sending"
    );
}
