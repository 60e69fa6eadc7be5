//! The agent end to end in memory: storage, a scripted hh.ru API, and the OAuth window are fakes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;

use futures::executor::block_on;
use serde_json::{json, Value};

use super::*;
use crate::hh::request::{parse_query, HttpRequest, Method};
use crate::hh::transport::{HttpResponse, ManualClock, Transport, TransportError, YieldOnce};
use crate::protocol::{CardDisplay, PageCard, PageKind, PageVacancy, ReplyOutcome, Status};

const NOW: u64 = 1_780_000_000_000;
const VACANCY: &str = "127358012";

/// A scripted api.hh.ru: a few vacancies, one user, replies kept with their letters.
#[derive(Default)]
struct FakeApi {
    requests: Vec<HttpRequest>,
    negotiations: Vec<(String, String, String)>, // (negotiation id, vacancy id, message)
    /// Error bodies to answer the next reply with: (status, body).
    reply_failure: Option<(u16, Value)>,
    /// Drop the letter from the stored reply, as a lost letter would look.
    lose_letters: bool,
    /// Answers some requests before the script above does (`None` lets the script answer).
    intercept: Option<Intercept>,
}

type Intercept = Rc<dyn Fn(&HttpRequest) -> Option<HttpResponse>>;

#[derive(Clone)]
struct FakeTransport(Rc<RefCell<FakeApi>>);

impl Transport for FakeTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let api = self.0.clone();
        async move {
            YieldOnce::default().await;
            let response = answer(&mut api.borrow_mut(), &request);
            api.borrow_mut().requests.push(request);
            Ok(response)
        }
    }
}

fn ok(body: Value) -> HttpResponse {
    HttpResponse::new(200, body.to_string())
}

fn vacancy_json(id: &str) -> Value {
    json!({
        "id": id, "name": "Middle Backend-разработчик", "description": "<p>Python, Django, PostgreSQL, Docker</p>",
        "key_skills": [{"name": "Python"}, {"name": "Django"}, {"name": "PostgreSQL"}, {"name": "Kubernetes"}],
        "experience": {"id": "between3And6"}, "employer": {"id": "1", "name": "Ромашка"},
        "area": {"id": "1", "name": "Москва"}, "type": {"id": "open"}, "relations": [],
        "response_letter_required": false, "archived": false
    })
}

fn multipart_field(body: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let marker = format!("name=\"{name}\"\r\n\r\n");
    let start = text.find(&marker)? + marker.len();
    let end = start + text[start..].find("\r\n--")?;
    Some(text[start..end].to_string())
}

fn answer(api: &mut FakeApi, request: &HttpRequest) -> HttpResponse {
    if let Some(answer) = api.intercept.clone().and_then(|hook| hook(request)) {
        return answer;
    }
    let path = request.path().to_string();
    let query = parse_query(request.url.split_once('?').map(|(_, q)| q).unwrap_or(""));
    match (request.method, path.as_str()) {
        (Method::Post, "/token") => ok(
            json!({"access_token": "access-1", "token_type": "bearer", "expires_in": 1209600, "refresh_token": "refresh-1"}),
        ),
        (Method::Delete, "/oauth/token") => HttpResponse::new(204, ""),
        (Method::Get, "/me") => ok(
            json!({"id": "7", "first_name": "Иван", "last_name": "Петров", "is_applicant": true}),
        ),
        (Method::Get, "/resumes/mine") => ok(
            json!({"items": [{"id": "r1", "title": "Python-разработчик"}], "found": 1, "pages": 1, "page": 0, "per_page": 20}),
        ),
        (Method::Get, "/resumes/r1") => ok(json!({
            "id": "r1", "title": "Python-разработчик", "skill_set": ["Python", "Django", "PostgreSQL", "Docker"],
            "total_experience": {"months": 50}, "area": {"id": "1", "name": "Москва"}
        })),
        (Method::Post, "/negotiations") => {
            if let Some((status, body)) = api.reply_failure.take() {
                return HttpResponse::new(status, body.to_string());
            }
            let body = request.body.to_bytes();
            let vacancy = multipart_field(&body, "vacancy_id").unwrap_or_default();
            let message = if api.lose_letters {
                String::new()
            } else {
                multipart_field(&body, "message").unwrap_or_default()
            };
            let id = format!("{}", 900 + api.negotiations.len());
            api.negotiations.push((id.clone(), vacancy, message));
            HttpResponse::new(201, "").with_header("Location", &format!("/negotiations/{id}"))
        }
        (Method::Get, "/negotiations") => {
            let wanted = query
                .iter()
                .find(|(k, _)| k == "vacancy_id")
                .map(|(_, v)| v.clone());
            let items: Vec<Value> = api
                .negotiations
                .iter()
                .filter(|(_, v, _)| wanted.as_ref().is_none_or(|w| w == v))
                .map(|(id, v, _)| json!({"id": id, "state": {"id": "response"}, "created_at": "2026-05-28T20:00:00+0300", "vacancy": vacancy_json(v)}))
                .collect();
            ok(json!({"items": items, "found": items.len(), "pages": 1, "page": 0, "per_page": 20}))
        }
        (Method::Get, p) if p.starts_with("/negotiations/") => {
            let rest = &p["/negotiations/".len()..];
            let (id, messages) = match rest.split_once('/') {
                Some((id, _)) => (id, true),
                None => (rest, false),
            };
            let Some((_, _, message)) = api.negotiations.iter().find(|(n, _, _)| n == id) else {
                return HttpResponse::new(
                    404,
                    json!({"errors": [{"type": "not_found"}]}).to_string(),
                );
            };
            if messages {
                ok(
                    json!({"items": [{"id": "m1", "text": message}], "found": 1, "pages": 1, "page": 0, "per_page": 20}),
                )
            } else {
                ok(json!({"id": id, "state": {"id": "response"}}))
            }
        }
        (Method::Get, p) if p.starts_with("/vacancies/") => {
            ok(vacancy_json(&p["/vacancies/".len()..]))
        }
        _ => HttpResponse::new(404, json!({"errors": [{"type": "not_found"}]}).to_string()),
    }
}

/// Rewrites the authorize URL into the redirect the consent page would give; `None` = window closed.
type Consent = Rc<dyn Fn(&str) -> Option<String>>;

#[derive(Clone)]
struct FakePlatform {
    store: Rc<RefCell<HashMap<String, Value>>>,
    api: Rc<RefCell<FakeApi>>,
    clock: ManualClock,
    consent: Consent,
    /// The toolbar badge text, and the alarms created (name, period in minutes).
    badge: Rc<RefCell<String>>,
    alarms: Rc<RefCell<Vec<(String, u32)>>>,
    /// Notifications shown (id, title, message) and tabs opened.
    notifications: Rc<RefCell<Vec<(String, String, String)>>>,
    tabs: Rc<RefCell<Vec<String>>>,
    /// hh.ru's vacancy page in the user's tab, as the page channel's reply plays it.
    tab: Rc<RefCell<site_tab::FakeTab>>,
}

impl FakePlatform {
    fn new() -> Self {
        FakePlatform {
            store: Rc::default(),
            api: Rc::default(),
            clock: ManualClock::new(NOW),
            consent: Rc::new(|url: &str| {
                let query = parse_query(url.split_once('?').unwrap().1);
                let state = &query.iter().find(|(k, _)| k == "state").unwrap().1;
                Some(format!(
                    "https://ext.chromiumapp.org/?code=code-1&state={state}"
                ))
            }),
            badge: Rc::default(),
            alarms: Rc::default(),
            notifications: Rc::default(),
            tabs: Rc::default(),
            tab: Rc::default(),
        }
    }

    fn calls(&self, method: Method, path: &str) -> usize {
        self.api
            .borrow()
            .requests
            .iter()
            .filter(|r| r.method == method && r.path() == path)
            .count()
    }
}

impl Platform for FakePlatform {
    type Transport = FakeTransport;
    type Clock = ManualClock;

    fn transport(&self) -> FakeTransport {
        FakeTransport(self.api.clone())
    }
    fn clock(&self) -> ManualClock {
        self.clock.clone()
    }
    fn load(&self, key: &str) -> impl Future<Output = Result<Option<Value>, String>> {
        std::future::ready(Ok(self.store.borrow().get(key).cloned()))
    }
    fn save(&self, key: &str, value: Value) -> impl Future<Output = Result<(), String>> {
        self.store.borrow_mut().insert(key.to_string(), value);
        std::future::ready(Ok(()))
    }
    fn remove(&self, key: &str) -> impl Future<Output = Result<(), String>> {
        self.store.borrow_mut().remove(key);
        std::future::ready(Ok(()))
    }
    fn launch_auth_flow(&self, url: &str) -> impl Future<Output = Result<String, String>> {
        std::future::ready(
            (self.consent)(url).ok_or_else(|| "The user did not approve access.".to_string()),
        )
    }
    fn redirect_url(&self) -> String {
        "https://ext.chromiumapp.org/".into()
    }
    fn set_badge(&self, text: &str) -> impl Future<Output = Result<(), String>> {
        *self.badge.borrow_mut() = text.to_string();
        std::future::ready(Ok(()))
    }
    fn ensure_alarm(
        &self,
        name: &str,
        period_minutes: u32,
    ) -> impl Future<Output = Result<(), String>> {
        let mut alarms = self.alarms.borrow_mut();
        if !alarms
            .iter()
            .any(|(n, p)| n == name && *p == period_minutes)
        {
            alarms.retain(|(n, _)| n != name);
            alarms.push((name.to_string(), period_minutes));
        }
        std::future::ready(Ok(()))
    }
    fn clear_alarm(&self, name: &str) -> impl Future<Output = Result<(), String>> {
        self.alarms.borrow_mut().retain(|(n, _)| n != name);
        std::future::ready(Ok(()))
    }
    fn notify(
        &self,
        id: &str,
        title: &str,
        message: &str,
    ) -> impl Future<Output = Result<(), String>> {
        self.notifications
            .borrow_mut()
            .push((id.into(), title.into(), message.into()));
        std::future::ready(Ok(()))
    }
    fn open_tab(&self, url: &str) -> impl Future<Output = Result<(), String>> {
        self.tabs.borrow_mut().push(url.into());
        std::future::ready(Ok(()))
    }
    fn play_in_tab(
        &self,
        tab_id: i64,
        script: &crate::protocol::PageScript,
    ) -> impl Future<Output = Result<crate::protocol::PageScriptReport, String>> {
        let report = match tab_id {
            site_tab::TAB => Ok(self.tab.borrow_mut().play(script)),
            _ => Err("No tab with id".to_string()),
        };
        std::future::ready(report)
    }
}

fn configured() -> Settings {
    Settings {
        client_id: "id".into(),
        client_secret: "secret".into(),
        ..Settings::default()
    }
}

fn status(agent: &Agent<FakePlatform>) -> Status {
    match block_on(agent.handle(Request::GetStatus)) {
        Response::Status { status } => *status,
        other => panic!("{other:?}"),
    }
}

fn logged_in() -> (FakePlatform, Agent<FakePlatform>) {
    let platform = FakePlatform::new();
    let agent = Agent::new(platform.clone());
    block_on(agent.handle(Request::SaveSettings {
        settings: configured(),
    }));
    let answer = block_on(agent.handle(Request::Login));
    assert!(matches!(answer, Response::Status { .. }), "{answer:?}");
    (platform, agent)
}

fn reply(agent: &Agent<FakePlatform>, letter: &str) -> ReplyOutcome {
    let request = Request::SendReply {
        vacancy_id: VACANCY.into(),
        resume_id: "r1".into(),
        letter: letter.into(),
    };
    match block_on(agent.handle(request)) {
        Response::Reply { outcome } => outcome,
        other => panic!("{other:?}"),
    }
}

#[test]
fn login_exchanges_the_code_and_reads_the_account() {
    let (platform, agent) = logged_in();
    let status = status(&agent);
    assert!(status.logged_in);
    assert_eq!(status.user_name.as_deref(), Some("Иван Петров"));
    assert_eq!(status.chosen_resume.as_deref(), Some("r1"));
    assert_eq!(status.channel, Channel::Api);
    assert_eq!(platform.calls(Method::Post, "/token"), 1);
    assert!(
        platform.store.borrow().contains_key(keys::TOKENS),
        "tokens are persisted"
    );
}

#[test]
fn login_needs_an_app_and_a_matching_state() {
    let platform = FakePlatform::new();
    let agent = Agent::new(platform.clone());
    let Response::Error { error } = block_on(agent.handle(Request::Login)) else {
        panic!()
    };
    assert_eq!(error.code, "app_not_configured");

    let forged = FakePlatform {
        consent: Rc::new(|_: &str| Some("https://ext.chromiumapp.org/?code=c&state=forged".into())),
        ..FakePlatform::new()
    };
    let agent = Agent::new(forged.clone());
    block_on(agent.handle(Request::SaveSettings {
        settings: configured(),
    }));
    let Response::Error { error } = block_on(agent.handle(Request::Login)) else {
        panic!()
    };
    assert_eq!(error.code, "bad_authorization_redirect");
    assert_eq!(
        forged.calls(Method::Post, "/token"),
        0,
        "a forged state never reaches the token endpoint"
    );
    assert!(!status(&agent).logged_in);
}

#[test]
fn a_closed_consent_window_is_a_clear_error() {
    let platform = FakePlatform {
        consent: Rc::new(|_: &str| None),
        ..FakePlatform::new()
    };
    let agent = Agent::new(platform);
    block_on(agent.handle(Request::SaveSettings {
        settings: configured(),
    }));
    let Response::Error { error } = block_on(agent.handle(Request::Login)) else {
        panic!()
    };
    assert_eq!(error.code, "login_cancelled");
}

#[test]
fn a_reply_is_sent_once_confirmed_and_counted() {
    let (platform, agent) = logged_in();
    let outcome = reply(&agent, "Здравствуйте! Мой опыт — Python.");
    let ReplyOutcome::Sent {
        negotiation_id,
        url,
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!(negotiation_id, "900");
    assert!(url.contains("topicId=900"));
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 1);
    assert_eq!(
        platform.api.borrow().negotiations[0].2,
        "Здравствуйте! Мой опыт — Python."
    );
    assert_eq!(status(&agent).quota.used, 1);
    // The worker restarts: a fresh agent over the same storage still counts the reply.
    let restarted = Agent::new(platform.clone());
    assert_eq!(status(&restarted).quota.used, 1);
    assert!(status(&restarted).logged_in);
}

#[test]
fn two_clicks_at_once_send_one_reply() {
    let (platform, agent) = logged_in();
    let send = || {
        agent.handle(Request::SendReply {
            vacancy_id: VACANCY.into(),
            resume_id: "r1".into(),
            letter: "Письмо".into(),
        })
    };
    let (first, second) = block_on(futures::future::join(send(), send()));
    let outcomes = [first, second].map(|r| match r {
        Response::Reply { outcome } => outcome,
        other => panic!("{other:?}"),
    });
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, ReplyOutcome::Sent { .. })),
        "{outcomes:?}"
    );
    assert!(
        outcomes.iter().any(
            |o| matches!(o, ReplyOutcome::Failed { error } if error.code == "reply_in_flight")
        ),
        "{outcomes:?}"
    );
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 1);
}

#[test]
fn a_reply_left_pending_by_a_dead_worker_is_looked_up_not_resent() {
    let (platform, agent) = logged_in();
    platform
        .api
        .borrow_mut()
        .negotiations
        .push(("555".into(), VACANCY.into(), "Письмо".into()));
    platform
        .store
        .borrow_mut()
        .insert(keys::PENDING_REPLIES.into(), json!({ VACANCY: NOW }));
    let outcome = reply(&agent, "Письмо");
    assert!(
        matches!(&outcome, ReplyOutcome::Sent { negotiation_id, .. } if negotiation_id == "555"),
        "{outcome:?}"
    );
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 0);
}

#[test]
fn a_reply_whose_letter_is_missing_is_unconfirmed_and_the_draft_stays() {
    let (platform, agent) = logged_in();
    platform.api.borrow_mut().lose_letters = true;
    let outcome = reply(&agent, "Письмо, которое потерялось");
    assert!(
        matches!(outcome, ReplyOutcome::Unconfirmed { .. }),
        "{outcome:?}"
    );
    let drafts = platform.store.borrow()[keys::DRAFTS].clone();
    assert_eq!(drafts[VACANCY], "Письмо, которое потерялось");
}

#[test]
fn reply_errors_reach_the_user_in_russian_with_what_to_do() {
    let (platform, agent) = logged_in();
    let captcha = json!({"errors": [{"type": "captcha_required", "value": "captcha_required", "captcha_url": "https://hh.ru/account/captcha?state=x"}]});
    platform.api.borrow_mut().reply_failure = Some((403, captcha));
    let ReplyOutcome::Failed { error } = reply(&agent, "Письмо") else {
        panic!()
    };
    assert_eq!(error.code, "captcha_required");
    let url = error.url.unwrap();
    assert!(
        url.starts_with("https://hh.ru/account/captcha?state=x&backurl="),
        "{url}"
    );
    assert!(url.contains("vacancy%2F127358012"), "{url}");

    let applied = json!({"errors": [{"type": "negotiations", "value": "already_applied"}]});
    platform.api.borrow_mut().reply_failure = Some((403, applied));
    let ReplyOutcome::Failed { error } = reply(&agent, "Письмо") else {
        panic!()
    };
    assert_eq!(error.code, "already_applied");
    assert!(!error.message.is_empty());
}

#[test]
fn logout_revokes_and_forgets_every_token() {
    let (platform, agent) = logged_in();
    block_on(agent.handle(Request::Logout));
    assert_eq!(platform.calls(Method::Delete, "/oauth/token"), 1);
    let store = platform.store.borrow();
    for key in [keys::TOKENS, keys::ACCOUNT, keys::RESUME] {
        assert!(!store.contains_key(key), "{key} is left behind");
    }
    drop(store);
    assert!(!status(&agent).logged_in);
}

#[test]
fn the_overlay_view_comes_from_the_page_without_asking_the_api() {
    let (platform, agent) = logged_in();
    let page = PageVacancy {
        vacancy_id: "42".into(),
        title: "Python-разработчик".into(),
        company: "Лютик".into(),
        description_html: "<p>Нужны Python, Django и Redis</p>".into(),
        skills: vec!["Python".into(), "Django".into(), "Redis".into()],
        ..PageVacancy::default()
    };
    assert_eq!(
        block_on(agent.handle(Request::VacancyPage { page })),
        Response::Ok
    );
    let before = platform.api.borrow().requests.len();
    let Response::VacancyView { view } = block_on(agent.handle(Request::GetVacancyView {
        vacancy_id: "42".into(),
    })) else {
        panic!()
    };
    assert_eq!(platform.api.borrow().requests.len(), before);
    let report = view.report.unwrap();
    assert!(
        report.matched_skills.iter().any(|s| s == "Python"),
        "{report:?}"
    );
    assert!(
        view.letter
            .contains("«Python-разработчик» в компании Лютик"),
        "{}",
        view.letter
    );
    assert!(view.letter.contains("Иван"));
}

#[test]
fn a_draft_outlives_the_worker() {
    let (platform, agent) = logged_in();
    block_on(agent.handle(Request::SaveDraft {
        vacancy_id: VACANCY.into(),
        letter: "Мой черновик".into(),
    }));
    let restarted = Agent::new(platform);
    let Response::VacancyView { view } = block_on(restarted.handle(Request::GetVacancyView {
        vacancy_id: VACANCY.into(),
    })) else {
        panic!()
    };
    assert_eq!(view.letter, "Мой черновик");
}

#[test]
fn cards_are_scored_and_shown_as_the_settings_say() {
    let (_platform, agent) = logged_in();
    let card = |id: &str, employer: &str, title: &str| PageCard {
        vacancy_id: id.into(),
        title: title.into(),
        employer: employer.into(),
        text: format!("{title}\nот 200 000 ₽ за месяц\nDjango, PostgreSQL"),
        ..PageCard::default()
    };
    let badges_with = |settings: Settings| {
        block_on(agent.handle(Request::SaveSettings { settings }));
        let request = Request::ScoreCards {
            cards: vec![
                card("1", "ООО Ромашка", "Python-разработчик"),
                card("2", "Лютик", "Java-разработчик"),
            ],
        };
        let Response::Badges { badges } = block_on(agent.handle(request)) else {
            panic!()
        };
        badges
    };
    let plain = badges_with(Settings {
        excluded_employers: vec!["ромашка".into()],
        ..configured()
    });
    assert_eq!(plain.len(), 2);
    assert_eq!(
        plain[0].display,
        CardDisplay::Hidden,
        "an excluded employer is hidden"
    );
    assert_eq!(plain[1].display, CardDisplay::Normal);
    assert!(plain
        .iter()
        .all(|b| b.preliminary && b.label == b.score.to_string()));
    let score = plain[1].score;
    assert!(
        score > 0 && score < 100,
        "a card alone never proves a perfect fit: {score}"
    );

    let above = badges_with(Settings {
        score_threshold: score + 1,
        ..configured()
    });
    assert_eq!(above[1].display, CardDisplay::Dimmed);
    let hidden = badges_with(Settings {
        score_threshold: score + 1,
        hide_below_threshold: true,
        ..configured()
    });
    assert_eq!(hidden[1].display, CardDisplay::Hidden);
    let at = badges_with(Settings {
        score_threshold: score,
        ..configured()
    });
    assert_eq!(at[1].display, CardDisplay::Normal);
}

#[test]
fn broken_settings_are_refused_and_the_old_ones_kept() {
    let (_platform, agent) = logged_in();
    let bad = Settings {
        daily_cap: 0,
        ..configured()
    };
    assert!(matches!(
        block_on(agent.handle(Request::SaveSettings { settings: bad })),
        Response::Error { .. }
    ));
    let Response::Settings { settings } = block_on(agent.handle(Request::GetSettings)) else {
        panic!()
    };
    assert_eq!(settings.daily_cap, 200);
}

#[test]
fn a_card_is_made_final_from_the_vacancy_once_and_then_from_storage() {
    let (platform, agent) = logged_in();
    let card = PageCard {
        vacancy_id: VACANCY.into(),
        title: "Backend-разработчик".into(),
        ..PageCard::default()
    };
    let refine = |agent: &Agent<FakePlatform>| match block_on(
        agent.handle(Request::RefineCard { card: card.clone() }),
    ) {
        Response::Badges { badges } => badges.into_iter().next().unwrap(),
        other => panic!("{other:?}"),
    };
    let first = refine(&agent);
    assert!(!first.preliminary);
    assert!(
        first.tooltip.contains("PostgreSQL") || first.tooltip.contains("Django"),
        "{}",
        first.tooltip
    );
    let fetches = || platform.calls(Method::Get, &format!("/vacancies/{VACANCY}"));
    assert_eq!(fetches(), 1);
    // A new worker (after a restart) finds it in storage.
    let restarted = Agent::new(platform.clone());
    assert_eq!(refine(&restarted), first);
    assert_eq!(fetches(), 1);
    // Six hours later it is fetched again.
    platform.clock.advance(6 * 60 * 60 * 1000);
    refine(&restarted);
    assert_eq!(fetches(), 2);
}

#[test]
fn a_card_that_cannot_be_refined_stays_preliminary_and_says_why() {
    let (platform, _) = logged_in();
    // As a previous worker life left it after hh.ru answered `no_scope`.
    platform
        .store
        .borrow_mut()
        .insert(keys::API_REFUSED.into(), json!(true));
    let agent = Agent::new(platform.clone());
    let card = PageCard {
        vacancy_id: VACANCY.into(),
        title: "Python-разработчик".into(),
        ..PageCard::default()
    };
    let Response::Badges { badges } = block_on(agent.handle(Request::RefineCard { card })) else {
        panic!()
    };
    assert!(badges[0].preliminary);
    assert!(
        badges[0].tooltip.contains("Не уточнено: hh.ru закрыл"),
        "{}",
        badges[0].tooltip
    );
}

/// The popup's side: quota reconciliation, resume raise, badge, funnel.
mod popup;

mod replies;

/// Recommendations, saved searches and alerts.
mod recommendations;

/// The page channel's reply through hh.ru's form in a simulated tab.
mod site_tab;

mod site_pages;

#[test]
fn cards_of_stored_vacancies_get_final_badges_at_once() {
    let (platform, agent) = logged_in();
    let card = PageCard {
        vacancy_id: VACANCY.into(),
        title: "Backend-разработчик".into(),
        ..PageCard::default()
    };
    let other = PageCard {
        vacancy_id: "555".into(),
        title: "Backend-разработчик".into(),
        ..PageCard::default()
    };
    block_on(agent.handle(Request::RefineCard { card: card.clone() }));
    let requests = platform.api.borrow().requests.len();
    let Response::Badges { badges } = block_on(agent.handle(Request::ScoreCards {
        cards: vec![card, other],
    })) else {
        panic!()
    };
    assert_eq!(
        platform.api.borrow().requests.len(),
        requests,
        "nothing is asked of hh.ru"
    );
    assert!(
        !badges[0].preliminary,
        "the stored vacancy gives the full score"
    );
    assert!(badges[1].preliminary);
}

/// Unix ms as hh.ru writes times (here in UTC, `+0000`).
pub(super) fn hh_time(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let (year, month, day) = crate::hh::ledger::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+0000",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[test]
fn the_health_check_names_every_selector_a_page_lacks() {
    use crate::pages::selectors::{SEARCH_CARD_CHECKED, VACANCY_PAGE_CHECKED};
    let (_platform, agent) = logged_in();
    let problems = |agent: &Agent<FakePlatform>| status(agent).page_problems;
    assert!(problems(&agent).is_empty());
    for (kind, keys) in [
        (PageKind::Vacancy, VACANCY_PAGE_CHECKED),
        (PageKind::Search, SEARCH_CARD_CHECKED),
    ] {
        for key in keys {
            let missing = vec![key.to_string()];
            let answer = block_on(agent.handle(Request::PageHealth {
                page: kind,
                missing,
            }));
            assert_eq!(answer, Response::Ok);
            let lines = problems(&agent);
            assert_eq!(lines.len(), 1, "{lines:?}");
            assert!(lines[0].contains(key), "{key}: {lines:?}");
            assert!(
                lines[0].contains("data-qa") || lines[0].contains("template"),
                "the selector to fix is named: {lines:?}"
            );
            // The next healthy page of that kind clears it.
            block_on(agent.handle(Request::PageHealth {
                page: kind,
                missing: vec![],
            }));
            assert!(problems(&agent).is_empty());
        }
    }
    // A vacancy page reports through the page it hands over.
    let page = PageVacancy {
        vacancy_id: "7".into(),
        title: "Бухгалтер".into(),
        description_html: "<p>Учёт</p>".into(),
        missing_selectors: vec!["vacancy.salary".into()],
        ..PageVacancy::default()
    };
    block_on(agent.handle(Request::VacancyPage { page }));
    assert!(problems(&agent)[0]
        .starts_with("Страница вакансии изменилась на hh.ru: не найдено vacancy.salary"));
}
