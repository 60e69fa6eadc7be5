//! The one entry point for every request: reads it, routes by host and path, applies injected faults,
//! logs it, and builds responses (JSON, hh.ru's error envelopes, HTML pages with their CSP).

use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State as AxumState};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::{json, Map, Value};

use crate::data::Data;
use crate::faults::{self, Action, Kind};
use crate::state::{Csp, State};

const MAX_BODY: usize = 4 * 1024 * 1024;
const LOGGED_HEADERS: [&str; 8] = [
    "hh-user-agent",
    "authorization",
    "content-type",
    "if-none-match",
    "user-agent",
    "origin",
    "accept",
    "referer",
];

pub struct App {
    pub data: Arc<Data>,
    pub state: Mutex<State>,
}

impl App {
    /// The state, even if a handler panicked while holding it (the fake keeps serving).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Site {
    /// hh.ru pages.
    Pages,
    /// api.hh.ru (and any host that is not hh.ru).
    Api,
}

/// A request, read whole.
pub struct Req {
    pub method: Method,
    pub host: String,
    pub site: Site,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Fields of a `multipart/form-data` or `application/x-www-form-urlencoded` body.
    pub form: Option<Vec<(String, String)>>,
    /// Why a multipart body could not be read.
    pub form_error: Option<String>,
    pub request_id: String,
}

impl Req {
    pub fn q(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn field(&self, key: &str) -> Option<&str> {
        self.form
            .as_ref()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    pub fn segments(&self) -> Vec<&str> {
        self.path.split('/').filter(|s| !s.is_empty()).collect()
    }
}

pub fn router(app: Arc<App>) -> Router {
    Router::new().fallback(entry).with_state(app)
}

pub fn parse_pairs(s: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(s.as_bytes()).into_owned().collect()
}

async fn read_multipart(content_type: &str, body: Bytes) -> Result<Vec<(String, String)>, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_string();
        let text = field.text().await.map_err(|e| e.to_string())?;
        fields.push((name, text));
    }
    Ok(fields)
}

async fn read(request: Request) -> Result<Req, Response> {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "text/plain; charset=utf-8",
            "request body too large".into(),
        )
    })?;
    let host_header = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    let host = host_header
        .or_else(|| parts.uri.host().map(str::to_string))
        .unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host.as_str(), |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host.as_str()
        }
    });
    let host = host.to_lowercase();
    let site = if matches!(host.as_str(), "hh.ru" | "www.hh.ru" | "m.hh.ru") {
        Site::Pages
    } else {
        Site::Api
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    // Media types are case-insensitive; the multipart boundary is not.
    let media_type = content_type.to_lowercase();
    let (form, form_error) = if media_type.starts_with("multipart/form-data") {
        match read_multipart(&content_type, body.clone()).await {
            Ok(fields) => (Some(fields), None),
            Err(e) => (None, Some(e)),
        }
    } else if media_type.starts_with("application/x-www-form-urlencoded") {
        (Some(parse_pairs(&String::from_utf8_lossy(&body))), None)
    } else {
        (None, None)
    };
    Ok(Req {
        method: parts.method,
        host,
        site,
        path: parts.uri.path().to_string(),
        query: parse_pairs(parts.uri.query().unwrap_or("")),
        headers: parts.headers,
        body,
        form,
        form_error,
        request_id: crate::state::random_token(16).to_lowercase(),
    })
}

async fn entry(AxumState(app): AxumState<Arc<App>>, request: Request) -> Response {
    let req = match read(request).await {
        Ok(req) => req,
        Err(response) => return response,
    };
    if req.path.starts_with("/__control/") || req.path == "/__control" {
        return with_common_headers(crate::control::handle(&app, &req), &req);
    }
    if req.method == Method::OPTIONS {
        return with_common_headers(preflight(&req), &req);
    }
    let action = faults::take(
        &mut app.lock().faults,
        req.method.as_str(),
        &req.host,
        &req.path,
    );
    let response = match action {
        Some(Action::Respond(rule)) => fault_response(&rule, &req),
        Some(Action::Delay {
            ms,
            after_handling: true,
        }) => {
            let response = route(&app, &req).await;
            // Logged before the wait: the client may hang up, and then this future is dropped.
            log(&app, &req, response.status().as_u16());
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            return with_common_headers(response, &req);
        }
        Some(Action::Delay { ms, .. }) => {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            route(&app, &req).await
        }
        None => route(&app, &req).await,
    };
    log(&app, &req, response.status().as_u16());
    with_common_headers(response, &req)
}

async fn route(app: &App, req: &Req) -> Response {
    match req.site {
        Site::Api => crate::api::handle(app, req).await,
        Site::Pages => crate::pages::handle(app, req),
    }
}

fn log(app: &App, req: &Req, status: u16) {
    let mut headers = Map::new();
    for name in LOGGED_HEADERS {
        if let Some(value) = req.header(name) {
            headers.insert(name.into(), Value::String(value.into()));
        }
    }
    let form = req.form.as_ref().map(|fields| {
        let mut map = Map::new();
        for (k, v) in fields {
            map.insert(k.clone(), Value::String(v.clone()));
        }
        Value::Object(map)
    });
    let query: Map<String, Value> = req
        .query
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let mut state = app.lock();
    let entry = json!({
        "at_ms": state.now_ms(),
        "method": req.method.as_str(),
        "host": req.host,
        "path": req.path,
        "query": query,
        "query_pairs": req.query.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "headers": headers,
        "form": form,
        "status": status,
    });
    state.log_request(entry);
}

fn with_common_headers(mut response: Response, req: &Req) -> Response {
    let headers = response.headers_mut();
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    headers.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(
            "Location, ETag, Date, Expires, Cache-Control, Content-Type, X-Request-ID, Retry-After",
        ),
    );
    if let Ok(id) = HeaderValue::from_str(&req.request_id) {
        headers.insert("x-request-id", id);
    }
    response
}

fn preflight(req: &Req) -> Response {
    let allow_headers = req
        .header("access-control-request-headers")
        .unwrap_or("*")
        .to_string();
    let mut response = empty(StatusCode::NO_CONTENT);
    let headers = response.headers_mut();
    headers.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"),
    );
    if let Ok(value) = HeaderValue::from_str(&allow_headers) {
        headers.insert("access-control-allow-headers", value);
    }
    headers.insert("access-control-max-age", HeaderValue::from_static("600"));
    response
}

// ---- responses ----

pub fn plain(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

pub fn status_of(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

pub fn json_response(status: StatusCode, value: &Value) -> Response {
    plain(status, "application/json; charset=UTF-8", value.to_string())
}

pub fn ok_json(value: &Value) -> Response {
    json_response(StatusCode::OK, value)
}

pub fn empty(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

pub fn with_header(mut response: Response, name: &'static str, value: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
    response
}

/// `{"errors":[{"type","value"}], "request_id"}`; 403s also carry `"description":"Forbidden"`.
pub fn api_error(status: u16, errors: &[(&str, Option<&str>)], req: &Req) -> Response {
    let items: Vec<Value> = errors
        .iter()
        .map(|(kind, value)| match value {
            Some(value) => json!({ "type": kind, "value": value }),
            None => json!({ "type": kind }),
        })
        .collect();
    let mut body = json!({ "errors": items, "request_id": req.request_id });
    if status == 403 {
        body["description"] = json!("Forbidden");
    }
    json_response(status_of(status), &body)
}

pub fn bad_argument(name: &str, req: &Req) -> Response {
    let mut body = json!({
        "errors": [{ "type": "bad_argument", "value": name }],
        "bad_argument": name,
        "bad_arguments": [{ "name": name, "description": format!("bad value of {name}") }],
        "request_id": req.request_id,
    });
    body["description"] = json!(format!("bad argument {name}"));
    json_response(StatusCode::BAD_REQUEST, &body)
}

/// The 2000-items depth limit, as hh.ru staff quoted it.
pub fn too_deep(req: &Req) -> Response {
    let text = "you can't look up more than 2000 items in the list";
    json_response(
        StatusCode::BAD_REQUEST,
        &json!({
            "errors": [{ "type": "bad_argument", "value": "page" }, { "type": "bad_argument", "value": "per_page" }],
            "bad_arguments": [{ "name": "page, per_page", "description": text }],
            "description": text,
            "bad_argument": "page, per_page",
            "request_id": req.request_id,
        }),
    )
}

pub fn not_found(req: &Req) -> Response {
    api_error(404, &[("not_found", None)], req)
}

/// `403 {"errors":[{"type":"oauth","value":…}]}` with the hyphenated `oauth_error` where hh.ru sends one.
pub fn oauth_forbidden(value: &str, req: &Req) -> Response {
    let mut body = json!({
        "description": "Forbidden",
        "errors": [{ "type": "oauth", "value": value }],
        "request_id": req.request_id,
    });
    match value {
        "token_expired" => body["oauth_error"] = json!("token-expired"),
        "token_revoked" => body["oauth_error"] = json!("token-revoked"),
        _ => {}
    }
    json_response(StatusCode::FORBIDDEN, &body)
}

pub fn captcha_required(req: &Req) -> Response {
    let state = crate::state::random_token(20).to_lowercase();
    json_response(
        StatusCode::FORBIDDEN,
        &json!({
            "description": "Forbidden",
            "errors": [{
                "type": "captcha_required",
                "value": "captcha_required",
                "captcha_url": format!("https://hh.ru/account/captcha?state={state}"),
                "fallback_url": format!("https://hh.ru/account/captcha?state={state}&fallback=true"),
            }],
            "request_id": req.request_id,
        }),
    )
}

fn fault_response(rule: &faults::Rule, req: &Req) -> Response {
    let mut response = match rule.kind {
        Kind::Status => {
            let code = rule.status.unwrap_or(503);
            match &rule.body {
                Some(body) => plain(
                    status_of(code),
                    "application/json; charset=UTF-8",
                    body.clone(),
                ),
                None => {
                    let kind = if code == 429 {
                        "too_many_requests"
                    } else {
                        "server_error"
                    };
                    let reason = status_of(code).canonical_reason().unwrap_or("Error");
                    json_response(
                        status_of(code),
                        &json!({ "description": reason, "errors": [{ "type": kind }], "request_id": req.request_id }),
                    )
                }
            }
        }
        Kind::NonJson => {
            let code = rule.status.unwrap_or(502);
            let reason = status_of(code).canonical_reason().unwrap_or("Error");
            let body = rule.body.clone().unwrap_or_else(|| {
                format!("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
            });
            plain(status_of(code), "text/html", body)
        }
        Kind::CaptchaRequired => captcha_required(req),
        Kind::TokenExpired => oauth_forbidden("token_expired", req),
        Kind::NoScope => oauth_forbidden("no_scope", req),
        Kind::LatencyMs => empty(StatusCode::NO_CONTENT),
    };
    if let Some(seconds) = rule.retry_after {
        response = with_header(response, "retry-after", &seconds.to_string());
    }
    response
}

/// An HTML page with hh.ru's nonce-based CSP (or the stricter one, or none, per settings).
pub fn page(status: StatusCode, body: String, nonce: &str, csp: Csp) -> Response {
    let response = plain(status, "text/html; charset=utf-8", body);
    let policy = match csp {
        Csp::Nonce => format!("script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'"),
        Csp::Strict => format!(
            "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        ),
        Csp::None => return response,
    };
    with_header(response, "content-security-policy", &policy)
}

pub fn redirect(status: StatusCode, location: &str) -> Response {
    with_header(empty(status), "location", location)
}
