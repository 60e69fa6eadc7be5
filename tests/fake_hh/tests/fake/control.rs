//! The control API: faults, the clock, the request log, reset, runtime vacancies.

use std::time::Instant;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{json_of, Fake};

#[tokio::test]
async fn a_status_fault_fires_the_given_number_of_times() {
    let fake = Fake::start().await;
    fake.control(Method::POST, "faults", json!({ "path_prefix": "/vacancies", "method": "GET", "kind": "status", "status": 503, "retry_after": 7, "times": 2 }))
        .await;
    for _ in 0..2 {
        let failed = fake.api(Method::GET, "/vacancies").send().await.unwrap();
        assert_eq!(failed.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(failed.headers()["retry-after"], "7");
    }
    assert_eq!(
        fake.api(Method::GET, "/vacancies")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let rules = fake.control(Method::GET, "faults", json!(null)).await;
    assert_eq!(rules["rules"], json!([]));
}

#[tokio::test]
async fn non_json_captcha_token_and_scope_faults() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    fake.control(
        Method::POST,
        "faults",
        json!([
            { "path": "/me", "kind": "non_json" },
            { "path": "/me", "kind": "captcha_required" },
            { "path": "/me", "kind": "token_expired" },
            { "path": "/me", "kind": "no_scope" },
            { "path": "/me", "kind": "status", "status": 429 },
        ]),
    )
    .await;
    let gateway = fake.user(Method::GET, "/me", &token).send().await.unwrap();
    assert_eq!(gateway.status(), StatusCode::BAD_GATEWAY);
    assert!(gateway.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(serde_json::from_str::<serde_json::Value>(&gateway.text().await.unwrap()).is_err());
    let captcha = json_of(fake.user(Method::GET, "/me", &token).send().await.unwrap()).await;
    assert_eq!(captcha["errors"][0]["type"], "captcha_required");
    assert!(captcha["errors"][0]["captcha_url"]
        .as_str()
        .unwrap()
        .starts_with("https://hh.ru/account/captcha?state="));
    let expired = json_of(fake.user(Method::GET, "/me", &token).send().await.unwrap()).await;
    assert_eq!(expired["errors"][0]["value"], "token_expired");
    let scope = json_of(fake.user(Method::GET, "/me", &token).send().await.unwrap()).await;
    assert_eq!(scope["errors"][0]["value"], "no_scope");
    let many = fake.user(Method::GET, "/me", &token).send().await.unwrap();
    assert_eq!(many.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        fake.user(Method::GET, "/me", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn latency_faults_slow_the_answer_down() {
    let fake = Fake::start().await;
    fake.control(
        Method::POST,
        "faults",
        json!({ "path": "/dictionaries", "kind": "latency_ms", "ms": 300, "times": "always" }),
    )
    .await;
    for _ in 0..2 {
        let started = Instant::now();
        let response = fake.api(Method::GET, "/dictionaries").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(started.elapsed().as_millis() >= 300);
    }
    fake.control(Method::DELETE, "faults", json!(null)).await;
    let rules = fake.control(Method::GET, "faults", json!(null)).await;
    assert_eq!(rules["rules"], json!([]));
}

#[tokio::test]
async fn bad_fault_rules_are_refused() {
    let fake = Fake::start().await;
    for rule in [
        json!({ "kind": "explode" }),
        json!({ "kind": "status", "status": 999 }),
        json!({ "kind": "status", "times": -1 }),
    ] {
        let response = fake
            .http
            .post(fake.api_url("/__control/faults"))
            .json(&rule)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{rule}");
        assert!(json_of(response).await["error"].is_string());
    }
    let not_json = fake
        .http
        .post(fake.api_url("/__control/faults"))
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_clock_moves_and_the_log_records() {
    let fake = Fake::start().await;
    let set = fake
        .control(
            Method::POST,
            "clock",
            json!({ "now_ms": 1_800_000_000_000i64 }),
        )
        .await;
    assert!((set["now_ms"].as_i64().unwrap() - 1_800_000_000_000).abs() < 5_000);
    assert_eq!(set["now"].as_str().unwrap().get(..10), Some("2027-01-15"));
    let moved = fake
        .control(Method::POST, "clock", json!({ "advance_ms": 86_400_000 }))
        .await;
    assert_eq!(moved["now"].as_str().unwrap().get(..10), Some("2027-01-16"));

    fake.api(Method::GET, "/vacancies").send().await.unwrap();
    let first = fake
        .http
        .get(fake.api_url("/__control/requests"))
        .send()
        .await
        .unwrap();
    let before: u64 = first.headers()["x-last-seq"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        json_of(first).await.as_array().unwrap().len() as u64,
        before
    );
    fake.api(Method::GET, "/vacancies?text=sql&area=1")
        .send()
        .await
        .unwrap();
    fake.site("/search/vacancy?text=sql").await;
    let log = fake
        .control(
            Method::GET,
            &format!("requests?since={before}"),
            json!(null),
        )
        .await;
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0]["host"].as_str(), entries[0]["path"].as_str()),
        (Some("api.hh.ru"), Some("/vacancies"))
    );
    assert_eq!(entries[0]["query"], json!({ "text": "sql", "area": "1" }));
    assert_eq!(entries[0]["headers"]["hh-user-agent"], crate::common::UA);
    assert_eq!(entries[1]["host"], "hh.ru");
    assert_eq!(entries[1]["status"], 200);
}

#[tokio::test]
async fn reset_forgets_everything() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let id = fake
        .vacancy_like_python(json!({ "name": "Временная вакансия" }))
        .await;
    fake.control(
        Method::POST,
        "config",
        json!({ "csp": "none", "applicant_api": "no_scope" }),
    )
    .await;
    fake.control(Method::POST, "reset", json!(null)).await;
    assert_eq!(
        fake.api(Method::GET, &format!("/vacancies/{id}"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        fake.user(Method::GET, "/me", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let config = fake.control(Method::GET, "config", json!(null)).await;
    assert_eq!(config["csp"], "nonce");
    assert_eq!(config["applicant_api"], "allowed");
    let state = fake.control(Method::GET, "state", json!(null)).await;
    assert_eq!(state["tokens"], json!([]));
}

#[tokio::test]
async fn runtime_vacancies_appear_in_search_and_can_change() {
    let fake = Fake::start().await;
    let id = fake
        .vacancy_like_python(json!({ "name": "Уникальный разработчик Zyxel" }))
        .await;
    let found = json_of(
        fake.api(Method::GET, "/vacancies?text=zyxel")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(found["found"], 1);
    assert_eq!(found["items"][0]["id"], id.as_str());
    let archived = fake
        .control(
            Method::POST,
            "vacancies",
            json!({ "id": id, "set": { "archived": true } }),
        )
        .await;
    assert_eq!(archived["vacancy"]["archived"], true);
    let gone = json_of(
        fake.api(Method::GET, "/vacancies?text=zyxel")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(gone["found"], 0);
    let bad = fake
        .http
        .post(fake.api_url("/__control/vacancies"))
        .json(&json!({ "vacancy": { "name": 5 } }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}
