//! `POST /negotiations` (multipart), its errors and limit, and the replies list and messages.

use reqwest::multipart::Form;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{json_of, Fake};

fn form(vacancy_id: &str, message: &str) -> Form {
    Form::new()
        .text("vacancy_id", vacancy_id.to_string())
        .text("resume_id", fake_hh::RESUME_PYTHON_ID)
        .text("message", message.to_string())
}

async fn reply(fake: &Fake, token: &str, vacancy_id: &str, message: &str) -> reqwest::Response {
    fake.user(Method::POST, "/negotiations", token)
        .multipart(form(vacancy_id, message))
        .send()
        .await
        .unwrap()
}

async fn error_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, json_of(response).await["errors"][0].clone())
}

fn negotiations_error(value: &str) -> Value {
    json!({ "type": "negotiations", "value": value })
}

#[tokio::test]
async fn a_multipart_reply_is_created_recorded_and_listed() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let vacancy = fake.vacancy_like_python(json!({})).await;
    let letter = "Здравствуйте! Пишу на Python и FastAPI пять лет.\nБуду рад обсудить вакансию.";
    let created = reply(&fake, &token, &vacancy, letter).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/negotiations/"), "{location}");
    assert!(created.bytes().await.unwrap().is_empty());

    let log = fake
        .control(
            Method::GET,
            "requests?path_prefix=/negotiations&method=POST",
            json!(null),
        )
        .await;
    let entry = &log[0];
    assert_eq!(
        entry["form"],
        json!({ "vacancy_id": vacancy, "resume_id": fake_hh::RESUME_PYTHON_ID, "message": letter })
    );
    assert!(entry["headers"]["content-type"]
        .as_str()
        .unwrap()
        .starts_with("multipart/form-data; boundary="));
    assert_eq!(entry["headers"]["hh-user-agent"], crate::common::UA);
    assert_eq!(entry["status"], 201);

    let list = json_of(
        fake.user(Method::GET, "/negotiations", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["found"], 1);
    let item = &list["items"][0];
    assert_eq!(
        format!("/negotiations/{}", item["id"].as_str().unwrap()),
        location
    );
    assert_eq!(item["state"], json!({ "id": "response", "name": "Отклик" }));
    assert_eq!(item["vacancy"]["id"], vacancy.as_str());
    assert_eq!(item["resume"]["id"], fake_hh::RESUME_PYTHON_ID);
    assert!(item["created_at"].as_str().unwrap().ends_with("+0300"));
    let filtered = json_of(
        fake.user(Method::GET, "/negotiations?vacancy_id=1", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(filtered["found"], 0);

    let one = json_of(
        fake.user(Method::GET, &location, &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(one["counters"]["messages"], 1);
    let messages = json_of(
        fake.user(Method::GET, &format!("{location}/messages"), &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(messages["items"][0]["text"], letter);
    assert_eq!(
        messages["items"][0]["author"]["participant_type"],
        "applicant"
    );

    let full = json_of(
        fake.api(Method::GET, &format!("/vacancies/{vacancy}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(full["relations"], json!(["got_response"]));
}

#[tokio::test]
async fn each_documented_reply_error() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let plain = fake.vacancy_like_python(json!({})).await;
    assert_eq!(
        reply(&fake, &token, &plain, "").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        error_of(reply(&fake, &token, &plain, "").await).await,
        (StatusCode::FORBIDDEN, negotiations_error("already_applied"))
    );

    let archived = fake.vacancy_like_python(json!({ "archived": true })).await;
    assert_eq!(
        error_of(reply(&fake, &token, &archived, "").await).await,
        (StatusCode::FORBIDDEN, negotiations_error("invalid_vacancy"))
    );

    let tested = fake
        .vacancy_like_python(json!({ "has_test": true, "test": { "required": true } }))
        .await;
    assert_eq!(
        error_of(reply(&fake, &token, &tested, "").await).await,
        (StatusCode::FORBIDDEN, negotiations_error("test_required"))
    );
    let optional_test = fake
        .vacancy_like_python(json!({ "has_test": true, "test": { "required": false } }))
        .await;
    assert_eq!(
        reply(&fake, &token, &optional_test, "").await.status(),
        StatusCode::CREATED
    );

    let letter = fake
        .vacancy_like_python(json!({ "response_letter_required": true }))
        .await;
    assert_eq!(
        error_of(reply(&fake, &token, &letter, "  ").await).await,
        (StatusCode::FORBIDDEN, negotiations_error("empty_message"))
    );
    let long = "я".repeat(10_001);
    assert_eq!(
        error_of(reply(&fake, &token, &letter, &long).await).await,
        (
            StatusCode::FORBIDDEN,
            negotiations_error("too_long_message")
        )
    );
    assert_eq!(
        reply(&fake, &token, &letter, &"я".repeat(10_000))
            .await
            .status(),
        StatusCode::CREATED
    );

    assert_eq!(
        error_of(reply(&fake, &token, "1", "").await).await,
        (
            StatusCode::BAD_REQUEST,
            negotiations_error("vacancy_not_found")
        )
    );
    let unknown_resume = Form::new()
        .text("vacancy_id", plain.clone())
        .text("resume_id", "nope")
        .text("message", "");
    let response = fake
        .user(Method::POST, "/negotiations", &token)
        .multipart(unknown_resume)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(response).await,
        (
            StatusCode::BAD_REQUEST,
            negotiations_error("resume_not_found")
        )
    );
    let no_vacancy = Form::new().text("resume_id", fake_hh::RESUME_PYTHON_ID);
    let response = fake
        .user(Method::POST, "/negotiations", &token)
        .multipart(no_vacancy)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(response).await,
        (
            StatusCode::BAD_REQUEST,
            json!({ "type": "bad_argument", "value": "vacancy_id" })
        )
    );
}

#[tokio::test]
async fn a_reply_must_be_multipart() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let vacancy = fake.vacancy_like_python(json!({})).await;
    let as_json = fake
        .user(Method::POST, "/negotiations", &token)
        .json(&json!({ "vacancy_id": vacancy, "resume_id": fake_hh::RESUME_PYTHON_ID }))
        .send()
        .await
        .unwrap();
    assert_eq!(as_json.status(), StatusCode::BAD_REQUEST);
    let state = fake.control(Method::GET, "state", json!(null)).await;
    assert_eq!(state["negotiations"], json!([]));
}

#[tokio::test]
async fn a_direct_vacancy_redirects_to_the_employer() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let direct = fake
        .vacancy_like_python(json!({ "type": { "id": "direct", "name": "Рекламная" }, "response_url": "https://jobs.example.com/apply/7" }))
        .await;
    let response = reply(&fake, &token, &direct, "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "https://jobs.example.com/apply/7"
    );
    let list = json_of(
        fake.user(Method::GET, "/negotiations", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["found"], 0);
}

#[tokio::test]
async fn the_201st_reply_in_a_rolling_day_is_refused() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let clock = fake.control(Method::GET, "clock", json!(null)).await;
    let now = clock["now_ms"].as_i64().unwrap();
    // 199 replies made 23 hours ago, then one now: 200 in the last 24 hours.
    fake.control(
        Method::POST,
        "negotiations",
        json!({ "seed": 199, "created_at_ms": now - 23 * 3600 * 1000 }),
    )
    .await;
    let first = fake.vacancy_like_python(json!({})).await;
    assert_eq!(
        reply(&fake, &token, &first, "").await.status(),
        StatusCode::CREATED
    );
    let second = fake.vacancy_like_python(json!({})).await;
    assert_eq!(
        error_of(reply(&fake, &token, &second, "").await).await,
        (
            StatusCode::BAD_REQUEST,
            negotiations_error("limit_exceeded")
        )
    );
    fake.control(
        Method::POST,
        "config",
        json!({ "limit_exceeded_status": 429 }),
    )
    .await;
    assert_eq!(
        reply(&fake, &token, &second, "").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // An hour and a minute later the 199 old ones have left the window.
    fake.control(Method::POST, "clock", json!({ "advance_ms": 3_660_000 }))
        .await;
    assert_eq!(
        reply(&fake, &token, &second, "").await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn employer_answers_show_up_as_updates() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let vacancy = fake.vacancy_like_python(json!({})).await;
    let created = reply(&fake, &token, &vacancy, "").await;
    let location = created.headers()["location"].to_str().unwrap().to_string();
    let id = location.rsplit('/').next().unwrap().to_string();
    fake.control(
        Method::POST,
        &format!("negotiations/{id}"),
        json!({ "state": "invitation", "message": "Приглашаем на интервью" }),
    )
    .await;
    let invitations = json_of(
        fake.user(Method::GET, "/negotiations?status=invitations", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(invitations["found"], 1);
    assert_eq!(invitations["items"][0]["has_updates"], true);
    let me = json_of(fake.user(Method::GET, "/me", &token).send().await.unwrap()).await;
    assert_eq!(me["counters"]["unread_negotiations"], 1);
    let messages = json_of(
        fake.user(Method::GET, &format!("{location}/messages"), &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(messages["items"][0]["state"]["id"], "invitation");
    let after = json_of(
        fake.user(Method::GET, &location, &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(after["has_updates"], false);
    let responses = json_of(
        fake.user(Method::GET, "/negotiations?status=response", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(responses["found"], 0);
}
