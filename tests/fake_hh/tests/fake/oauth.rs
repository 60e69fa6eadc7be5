//! OAuth: the consent page, single-use codes, refresh only after expiry and only once, logout.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{attrs, count, json_of, Fake};

const REDIRECT: &str = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/hh";

fn authorize_path(client_id: &str, state: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("state", state)
        .append_pair("redirect_uri", REDIRECT)
        .finish();
    format!("/oauth/authorize?{query}")
}

fn query_of(location: &str) -> Vec<(String, String)> {
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn param(location: &str, key: &str) -> Option<String> {
    query_of(location)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// Opens the consent page and presses a button; returns the redirect.
async fn decide(fake: &Fake, state: &str, decision: &str) -> String {
    let page = fake
        .site(&authorize_path(fake_hh::DEFAULT_CLIENT_ID, state))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("'strict-dynamic'"));
    let html = page.text().await.unwrap();
    assert_eq!(count(&html, r#"button[data-qa="oauth-allow"]"#), 1);
    assert_eq!(count(&html, r#"button[data-qa="oauth-deny"]"#), 1);
    let action = attrs(&html, r#"form[data-qa="oauth-form"]"#, "action")
        .pop()
        .unwrap();
    let mut fields: Vec<(String, String)> = Vec::new();
    for name in ["client_id", "redirect_uri", "state"] {
        let value = attrs(&html, &format!(r#"input[name="{name}"]"#), "value")
            .pop()
            .unwrap();
        fields.push((name.to_string(), value));
    }
    fields.push(("decision".into(), decision.into()));
    let answer = fake
        .http
        .post(fake.site_url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::FOUND);
    answer.headers()["location"].to_str().unwrap().to_string()
}

async fn token_request(fake: &Fake, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = fake
        .api(Method::POST, "/token")
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, json_of(response).await)
}

async fn exchange(fake: &Fake, code: &str) -> (StatusCode, Value) {
    token_request(
        fake,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", fake_hh::DEFAULT_CLIENT_ID),
            ("client_secret", fake_hh::DEFAULT_CLIENT_SECRET),
            ("redirect_uri", REDIRECT),
            ("code", code),
        ],
    )
    .await
}

fn grant_error(description: &str) -> Value {
    json!({ "error": "invalid_grant", "error_description": description })
}

#[tokio::test]
async fn allow_gives_a_single_use_code() {
    let fake = Fake::start().await;
    let location = decide(&fake, "s-1", "allow").await;
    assert!(location.starts_with(REDIRECT), "{location}");
    assert_eq!(param(&location, "state").as_deref(), Some("s-1"));
    let code = param(&location, "code").expect("a code");
    let (status, token) = exchange(&fake, &code).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 1_209_600);
    assert!(token["refresh_token"].is_string());
    let access = token["access_token"].as_str().unwrap();
    assert_eq!(
        fake.user(Method::GET, "/me", access)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        exchange(&fake, &code).await,
        (
            StatusCode::BAD_REQUEST,
            grant_error("code has already been used")
        )
    );
}

#[tokio::test]
async fn deny_and_bad_clients() {
    let fake = Fake::start().await;
    let location = decide(&fake, "s-2", "deny").await;
    assert_eq!(param(&location, "error").as_deref(), Some("access_denied"));
    assert_eq!(param(&location, "state").as_deref(), Some("s-2"));
    assert_eq!(param(&location, "code"), None);
    let unknown = fake.site(&authorize_path("nobody", "s")).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(unknown
        .text()
        .await
        .unwrap()
        .contains(r#"data-qa="oauth-error""#));
    let code = param(&decide(&fake, "s-3", "allow").await, "code").unwrap();
    let (status, body) = token_request(
        &fake,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "test-client"),
            ("client_secret", "wrong"),
            ("code", &code),
        ],
    )
    .await;
    assert_eq!(
        (status, body),
        (
            StatusCode::BAD_REQUEST,
            json!({ "error": "invalid_client", "error_description": "client_id or client_secret not found" })
        )
    );
    let as_json = fake
        .api(Method::POST, "/token")
        .json(&json!({ "grant_type": "authorization_code", "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(as_json).await["error"], "invalid_request");
}

#[tokio::test]
async fn registered_clients_and_auto_approve() {
    let fake = Fake::start().await;
    fake.control(
        Method::POST,
        "clients",
        json!({ "client_id": "ext", "client_secret": "sec", "redirect_uri": REDIRECT }),
    )
    .await;
    fake.control(
        Method::POST,
        "config",
        json!({ "auto_approve_oauth": true }),
    )
    .await;
    let direct = fake.site(&authorize_path("ext", "s-4")).await;
    assert_eq!(direct.status(), StatusCode::FOUND);
    let location = direct.headers()["location"].to_str().unwrap().to_string();
    assert!(param(&location, "code").is_some());
    let elsewhere = fake.site("/oauth/authorize?response_type=code&client_id=ext&redirect_uri=https%3A%2F%2Fevil.example%2F").await;
    assert_eq!(elsewhere.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn refresh_only_after_expiry_and_only_once() {
    let fake = Fake::start().await;
    let code = param(&decide(&fake, "s-5", "allow").await, "code").unwrap();
    let (_, token) = exchange(&fake, &code).await;
    let access = token["access_token"].as_str().unwrap().to_string();
    let refresh = token["refresh_token"].as_str().unwrap().to_string();
    let refresh_fields = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.as_str()),
    ];
    assert_eq!(
        token_request(&fake, &refresh_fields).await,
        (StatusCode::BAD_REQUEST, grant_error("token not expired"))
    );

    fake.control(
        Method::POST,
        "clock",
        json!({ "advance_ms": 1_209_600_000i64 }),
    )
    .await;
    let expired = fake.user(Method::GET, "/me", &access).send().await.unwrap();
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);
    let body = json_of(expired).await;
    assert_eq!(
        body["errors"][0],
        json!({ "type": "oauth", "value": "token_expired" })
    );
    assert_eq!(body["oauth_error"], "token-expired");

    let (status, fresh) = token_request(&fake, &refresh_fields).await;
    assert_eq!(status, StatusCode::OK, "{fresh}");
    let new_access = fresh["access_token"].as_str().unwrap();
    assert_ne!(new_access, access);
    assert_eq!(
        fake.user(Method::GET, "/me", new_access)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        token_request(&fake, &refresh_fields).await,
        (
            StatusCode::BAD_REQUEST,
            grant_error("token has already been refreshed")
        )
    );
}

#[tokio::test]
async fn codes_expire_by_the_fake_clock() {
    let fake = Fake::start().await;
    let code = param(&decide(&fake, "s-6", "allow").await, "code").unwrap();
    fake.control(
        Method::POST,
        "clock",
        json!({ "advance_ms": 11 * 60 * 1000 }),
    )
    .await;
    assert_eq!(
        exchange(&fake, &code).await,
        (StatusCode::BAD_REQUEST, grant_error("code expired"))
    );
}

#[tokio::test]
async fn logout_revokes_the_token() {
    let fake = Fake::start().await;
    let token = fake.control(Method::POST, "tokens", json!({})).await;
    let access = token["access_token"].as_str().unwrap();
    let refresh = token["refresh_token"].as_str().unwrap();
    let logout = fake
        .user(Method::DELETE, "/oauth/token", access)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let after = json_of(fake.user(Method::GET, "/me", access).send().await.unwrap()).await;
    assert_eq!(
        after["errors"][0],
        json!({ "type": "oauth", "value": "token_revoked" })
    );
    fake.control(
        Method::POST,
        "clock",
        json!({ "advance_ms": 1_209_600_000i64 }),
    )
    .await;
    let (_, body) = token_request(
        &fake,
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
    )
    .await;
    assert_eq!(body, grant_error("token was revoked"));
}
