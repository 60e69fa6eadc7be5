//! A started fake with a client that resolves hh.ru and api.hh.ru to it, and small helpers.

use reqwest::{Method, RequestBuilder, Response};
use serde_json::{json, Value};

pub const UA: &str = "HHJobAgentTests/1.0 (tests@example.com)";

pub struct Fake {
    pub handle: fake_hh::Handle,
    /// Logged in to the hh.ru site: every request carries the session's cookies.
    pub http: reqwest::Client,
    /// No cookies: a visitor who is not logged in to hh.ru.
    pub anonymous: reqwest::Client,
    /// The session's `_xsrf` token.
    pub xsrf: String,
}

fn client(addr: std::net::SocketAddr, cookie: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(cookie) = cookie {
        headers.insert(reqwest::header::COOKIE, cookie.parse().expect("a cookie"));
    }
    reqwest::Client::builder()
        .resolve("api.hh.ru", addr)
        .resolve("hh.ru", addr)
        .danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("a client")
}

impl Fake {
    pub async fn start() -> Fake {
        let handle = fake_hh::start(fake_hh::Config::default())
            .await
            .expect("the fake starts");
        let addr = handle.addr();
        let anonymous = client(addr, None);
        let session: Value = anonymous
            .post(format!(
                "https://api.hh.ru:{}/__control/site_session",
                handle.port
            ))
            .json(&json!({ "logged_in": true }))
            .send()
            .await
            .expect("control answers")
            .json()
            .await
            .expect("a session");
        let cookie = session["cookie"].as_str().expect("cookie").to_string();
        Fake {
            handle,
            http: client(addr, Some(&cookie)),
            anonymous,
            xsrf: session["_xsrf"].as_str().expect("_xsrf").to_string(),
        }
    }

    pub fn api_url(&self, path: &str) -> String {
        format!("https://api.hh.ru:{}{}", self.handle.port, path)
    }

    pub fn site_url(&self, path: &str) -> String {
        format!("https://hh.ru:{}{}", self.handle.port, path)
    }

    /// An API request with `HH-User-Agent`.
    pub fn api(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, self.api_url(path))
            .header("HH-User-Agent", UA)
    }

    /// An API request with `HH-User-Agent` and the bearer token.
    pub fn user(&self, method: Method, path: &str, token: &str) -> RequestBuilder {
        self.api(method, path).bearer_auth(token)
    }

    pub async fn site(&self, path: &str) -> Response {
        self.http
            .get(self.site_url(path))
            .send()
            .await
            .expect("the page answers")
    }

    pub async fn control(&self, method: Method, path: &str, body: Value) -> Value {
        let response = self
            .http
            .request(method, self.api_url(&format!("/__control/{path}")))
            .json(&body)
            .send()
            .await
            .expect("control answers");
        let status = response.status();
        let value: Value = response.json().await.expect("control answers JSON");
        assert!(status.is_success(), "control {path}: {status} {value}");
        value
    }

    /// A fresh user token made by the control API.
    pub async fn token(&self) -> String {
        let token = self.control(Method::POST, "tokens", json!({})).await;
        token["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    /// A copy of a real Python vacancy with the given changes; returns its id.
    pub async fn vacancy_like_python(&self, set: Value) -> String {
        let search = json_of(
            self.api(Method::GET, "/vacancies?text=python&per_page=1")
                .send()
                .await
                .unwrap(),
        )
        .await;
        let base = search["items"][0]["id"]
            .as_str()
            .expect("a python vacancy")
            .to_string();
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
}

pub async fn json_of(response: Response) -> Value {
    response.json().await.expect("a JSON body")
}

/// The `HH-Lux-InitialState` JSON of a page: entities decoded, then parsed.
pub fn initial_state(page: &str) -> Value {
    let open = r#"<template style="display:none" id="HH-Lux-InitialState">"#;
    let start = page
        .find(open)
        .expect("the page embeds HH-Lux-InitialState")
        + open.len();
    let end = start
        + page[start..]
            .find("</template>")
            .expect("the template closes");
    let text = page[start..end]
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).expect("the embedded state is JSON")
}

/// The value of a selector key in the core's table.
pub fn selector(key: &str) -> &'static str {
    hh_job_agent::pages::selectors::selector(key).unwrap_or_else(|| panic!("no selector {key}"))
}

pub fn count(page: &str, css: &str) -> usize {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"));
    document.select(&selector).count()
}

pub fn texts(page: &str, css: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"));
    document
        .select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

pub fn attrs(page: &str, css: &str, attr: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e:?}"));
    document
        .select(&selector)
        .filter_map(|e| e.value().attr(attr))
        .map(str::to_string)
        .collect()
}
