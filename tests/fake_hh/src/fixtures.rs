//! The fake's pages the core's page readers are tested on, kept in `tests/fixtures/pages/` (no real copy of
//! these hh.ru pages is public). This test fails when the fake's markup and the kept copies differ;
//! `UPDATE_PAGE_FIXTURES=1 cargo test -p fake-hh fixtures` writes them anew.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::json;

use crate::applicant::{autosearch_content, login_content, resume_content, resumes_content};
use crate::data::{Data, Vacancy, RESUME_PYTHON_ID};
use crate::http::App;
use crate::pages::{negotiations_content, reply_page, site_layout, vacancy_html};
use crate::state::{Negotiation, Relocation, ReplyError, SiteSession, State, DAY_MS};
use crate::time;

const NONCE: &str = "FIXTURENONCE";

fn app() -> App {
    let data = Data::load(&crate::default_data_dir()).unwrap();
    let mut state = State::new(&data);
    // 10 December 2026, noon in Moscow: dates in the replies list are then fixed.
    state.offset_ms = 1_796_893_200_000 - time::system_now_ms();
    App {
        data: Arc::new(data),
        state: Mutex::new(state),
    }
}

fn session() -> SiteSession {
    SiteSession {
        token: "FIXTURETOKEN".into(),
        xsrf: "fixturexsrf".into(),
    }
}

fn page(title: &str, content: &str, logged_in: bool) -> String {
    site_layout(title, content, NONCE, None, logged_in)
}

fn negotiation(id: &str, vacancy: &Vacancy, state: &str, viewed: bool, at_ms: i64) -> Negotiation {
    Negotiation {
        id: id.into(),
        vacancy_id: Some(vacancy.id.clone()),
        resume_id: RESUME_PYTHON_ID.into(),
        message: String::new(),
        state: state.into(),
        created_ms: at_ms,
        updated_ms: at_ms,
        viewed_by_opponent: viewed,
        via: "site",
        messages: Vec::new(),
    }
}

/// (file name, page) for every kept page.
fn rendered() -> Vec<(&'static str, String)> {
    let app = app();
    let mut pages = Vec::new();
    pages.push((
        "login.html",
        page(
            "Вход в личный кабинет",
            &login_content(Some("/applicant/resumes"), None),
            false,
        ),
    ));
    {
        let state = app.lock();
        pages.push((
            "resumes.html",
            page(
                "Мои резюме",
                &resumes_content(&state, &app.data.resumes),
                true,
            ),
        ));
        pages.push((
            "resumes_empty.html",
            page("Мои резюме", &resumes_content(&state, &[]), true),
        ));
        pages.push((
            "negotiations_empty.html",
            page("Отклики и приглашения", &negotiations_content(&state), true),
        ));
        pages.push((
            "autosearch_empty.html",
            page("Автопоиски", &autosearch_content(&state), true),
        ));
    }
    {
        let mut state = app.lock();
        let params = |text: &str| {
            vec![
                ("text".to_string(), text.to_string()),
                ("area".to_string(), "1".to_string()),
            ]
        };
        state.add_saved_search("Python в Москве".into(), params("Python"));
        state.add_saved_search("Go & Rust".into(), params("Go OR Rust"));
        pages.push((
            "autosearch.html",
            page("Автопоиски", &autosearch_content(&state), true),
        ));
        state.saved_searches.clear();
    }
    let python = app.data.resume(RESUME_PYTHON_ID).unwrap();
    pages.push((
        "resume_python.html",
        page("Резюме", &resume_content(python), true),
    ));
    {
        let mut state = app.lock();
        let now = state.now_ms();
        let v: Vec<Vacancy> = state.vacancies.iter().take(4).cloned().collect();
        state.negotiations = vec![
            negotiation("4100000004", &v[3], "response", false, now - 433 * DAY_MS),
            negotiation("4100000003", &v[2], "response", true, now - 14 * DAY_MS),
            negotiation("4100000002", &v[1], "discard", true, now - DAY_MS),
            negotiation("4100000001", &v[0], "invitation", true, now - 3_600_000),
        ];
        pages.push((
            "negotiations.html",
            page("Отклики и приглашения", &negotiations_content(&state), true),
        ));
        state.negotiations.clear();
    }
    // The reply flow: a vacancy with a test and an optional letter, with the relocation warning first;
    // a vacancy replied on the employer's site; a vacancy already replied to.
    let (test_id, direct_id) = {
        let mut state = app.lock();
        state.settings.relocation_warning = Relocation::Always;
        let base = state
            .vacancies
            .iter()
            .find(|v| !v.letter_required() && !v.archived())
            .unwrap()
            .full
            .clone();
        let mut with_test = base.clone();
        with_test["id"] = json!("990000001");
        with_test["test"] = json!({ "required": true });
        with_test["has_test"] = json!(true);
        let mut direct = base;
        direct["id"] = json!("990000002");
        direct["type"] = json!({ "id": "direct", "name": "Рекламная" });
        direct["response_url"] = json!("https://career.example.com/vacancy/990000002");
        state.vacancies.push(Vacancy::new(with_test).unwrap());
        state.vacancies.push(Vacancy::new(direct).unwrap());
        ("990000001".to_string(), "990000002".to_string())
    };
    let session = session();
    pages.push((
        "vacancy_reply_flow.html",
        vacancy_html(&app, &test_id, Some(&session), NONCE).unwrap(),
    ));
    pages.push((
        "vacancy_direct.html",
        vacancy_html(&app, &direct_id, Some(&session), NONCE).unwrap(),
    ));
    let limit = reply_page(&app, &test_id, Some(ReplyError::LimitExceeded));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let body = runtime.block_on(axum::body::to_bytes(limit.into_body(), usize::MAX));
    let body = String::from_utf8(body.unwrap().to_vec()).unwrap();
    // The page's nonce is random: keep the kept copy stable.
    let nonce = body
        .split("nonce=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    pages.push(("reply_limit.html", body.replace(&nonce, NONCE)));
    {
        let mut state = app.lock();
        let now = state.now_ms();
        let v = state.vacancy(&test_id).unwrap().clone();
        state
            .negotiations
            .push(negotiation("4100000009", &v, "response", false, now));
    }
    pages.push((
        "vacancy_applied.html",
        vacancy_html(&app, &test_id, Some(&session), NONCE).unwrap(),
    ));
    pages
}

#[test]
fn page_fixtures_are_the_fakes_current_markup() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/pages");
    let update = std::env::var_os("UPDATE_PAGE_FIXTURES").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (name, html) in rendered() {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &html).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == html,
            "{} differs from the fake's markup: run UPDATE_PAGE_FIXTURES=1 cargo test -p fake-hh fixtures",
            path.display()
        );
    }
}
