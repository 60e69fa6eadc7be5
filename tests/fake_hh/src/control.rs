//! The control API under `/__control/` (any host): reset, settings, faults, the clock, the request log,
//! vacancies added at runtime, OAuth clients, ready-made tokens, seeded replies and a state dump.
//! Errors are `400 {"error": "…"}`.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::data::{Vacancy, DEFAULT_CLIENT_ID};
use crate::faults::Rule;
use crate::http::{self, App, Req};
use crate::state::{Client, Csp, Relocation, Settings, State, ViewShape};
use crate::time::{self, format_hh};

fn fail(status: StatusCode, message: impl Into<String>) -> Response {
    http::json_response(status, &json!({ "error": message.into() }))
}

fn bad(message: impl Into<String>) -> Response {
    fail(StatusCode::BAD_REQUEST, message)
}

pub fn handle(app: &App, req: &Req) -> Response {
    let body: Value = if req.body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(&req.body) {
            Ok(v) => v,
            Err(e) => return bad(format!("the body is not JSON: {e}")),
        }
    };
    let segments = req.segments();
    let Some((_, rest)) = segments.split_first() else {
        return fail(StatusCode::NOT_FOUND, "unknown control path");
    };
    match (req.method.as_str(), rest) {
        ("POST", ["reset"]) => {
            *app.lock() = State::new(&app.data);
            http::ok_json(&json!({ "ok": true }))
        }
        ("GET", ["config"]) => http::ok_json(&settings_json(&app.lock().settings)),
        ("POST", ["config"]) => set_config(app, &body),
        ("GET", ["faults"]) => http::ok_json(
            &json!({ "rules": app.lock().faults.iter().map(Rule::to_json).collect::<Vec<_>>() }),
        ),
        ("POST", ["faults"]) => add_faults(app, &body),
        ("DELETE", ["faults"]) => {
            app.lock().faults.clear();
            http::ok_json(&json!({ "ok": true }))
        }
        ("GET", ["clock"]) => http::ok_json(&clock_json(&app.lock())),
        ("POST", ["clock"]) => set_clock(app, &body),
        ("GET", ["requests"]) => requests(app, req),
        ("DELETE", ["requests"]) => {
            app.lock().requests.clear();
            http::ok_json(&json!({ "ok": true }))
        }
        ("POST", ["vacancies"]) => add_vacancy(app, &body),
        ("POST", ["clients"]) => add_client(app, &body),
        ("POST", ["tokens"]) => add_token(app, &body),
        ("POST", ["negotiations"]) => seed_negotiations(app, &body),
        ("POST", ["negotiations", id]) => update_negotiation(app, id, &body),
        ("GET", ["state"]) => http::ok_json(&state_json(&app.lock())),
        ("POST", ["site_session"]) => site_session(app, &body),
        _ => fail(
            StatusCode::NOT_FOUND,
            format!("unknown control path: {} {}", req.method, req.path),
        ),
    }
}

/// `{"logged_in": true}` opens a site session and answers its cookies; `false` ends every session.
fn site_session(app: &App, body: &Value) -> Response {
    let mut state = app.lock();
    match body.get("logged_in").and_then(Value::as_bool) {
        Some(true) => {
            let session = state.open_site_session();
            http::json_response(
                StatusCode::CREATED,
                &json!({ "hhtoken": session.token, "_xsrf": session.xsrf, "cookie": format!("hhtoken={}; _xsrf={}", session.token, session.xsrf) }),
            )
        }
        Some(false) => {
            state.site_sessions.clear();
            http::ok_json(&json!({ "ok": true }))
        }
        None => bad("send {\"logged_in\": true|false}"),
    }
}

fn settings_json(s: &Settings) -> Value {
    json!({
        "csp": match s.csp { Csp::Nonce => "nonce", Csp::Strict => "strict", Csp::None => "none" },
        "search_page_size": s.search_page_size,
        "auto_approve_oauth": s.auto_approve_oauth,
        "applicant_api": if s.applicant_no_scope { "no_scope" } else { "allowed" },
        "vacancy_view": match s.vacancy_view { ViewShape::Flat => "flat", ViewShape::Nested => "nested" },
        "reply_limit": s.reply_limit,
        "limit_exceeded_status": s.limit_exceeded_status,
        "access_token_ttl_s": s.access_token_ttl_s,
        "relocation_warning": match s.relocation_warning { Relocation::Auto => "auto", Relocation::Always => "always", Relocation::Never => "never" },
    })
}

fn apply_setting(s: &mut Settings, key: &str, value: &Value) -> Result<(), String> {
    let text = || {
        value
            .as_str()
            .ok_or_else(|| format!("\"{key}\" must be a string"))
    };
    let number = || {
        value
            .as_u64()
            .ok_or_else(|| format!("\"{key}\" must be a non-negative integer"))
    };
    match key {
        "csp" => {
            s.csp = match text()? {
                "nonce" => Csp::Nonce,
                "strict" => Csp::Strict,
                "none" => Csp::None,
                other => {
                    return Err(format!(
                        "csp: unknown value \"{other}\" (nonce, strict, none)"
                    ))
                }
            }
        }
        "search_page_size" => {
            let n = number()?;
            if !(1..=100).contains(&n) {
                return Err("search_page_size must be 1..=100".into());
            }
            s.search_page_size = n as usize;
        }
        "auto_approve_oauth" => {
            s.auto_approve_oauth = value
                .as_bool()
                .ok_or("\"auto_approve_oauth\" must be true or false")?
        }
        "applicant_api" => {
            s.applicant_no_scope = match text()? {
                "allowed" => false,
                "no_scope" => true,
                other => {
                    return Err(format!(
                        "applicant_api: unknown value \"{other}\" (allowed, no_scope)"
                    ))
                }
            }
        }
        "vacancy_view" => {
            s.vacancy_view = match text()? {
                "flat" => ViewShape::Flat,
                "nested" => ViewShape::Nested,
                other => {
                    return Err(format!(
                        "vacancy_view: unknown value \"{other}\" (flat, nested)"
                    ))
                }
            }
        }
        "reply_limit" => s.reply_limit = number()? as usize,
        "limit_exceeded_status" => {
            let n = number()?;
            if ![400, 403, 429].contains(&n) {
                return Err("limit_exceeded_status must be 400, 403 or 429".into());
            }
            s.limit_exceeded_status = n as u16;
        }
        "access_token_ttl_s" => {
            let n = number()?;
            if n == 0 {
                return Err("access_token_ttl_s must be positive".into());
            }
            s.access_token_ttl_s = n as i64;
        }
        "relocation_warning" => {
            s.relocation_warning = match text()? {
                "auto" => Relocation::Auto,
                "always" => Relocation::Always,
                "never" => Relocation::Never,
                other => {
                    return Err(format!(
                        "relocation_warning: unknown value \"{other}\" (auto, always, never)"
                    ))
                }
            }
        }
        other => return Err(format!("unknown setting \"{other}\"")),
    }
    Ok(())
}

fn set_config(app: &App, body: &Value) -> Response {
    let Some(obj) = body.as_object() else {
        return bad("config must be a JSON object");
    };
    let mut state = app.lock();
    let mut settings = state.settings.clone();
    for (key, value) in obj {
        if let Err(e) = apply_setting(&mut settings, key, value) {
            return bad(e);
        }
    }
    state.settings = settings;
    http::ok_json(&settings_json(&state.settings))
}

fn add_faults(app: &App, body: &Value) -> Response {
    let (list, replace) = match body {
        Value::Array(items) => (items.clone(), false),
        Value::Object(obj) if obj.contains_key("rules") => match obj.get("rules") {
            Some(Value::Array(items)) => (
                items.clone(),
                obj.get("replace").and_then(Value::as_bool).unwrap_or(false),
            ),
            _ => return bad("\"rules\" must be an array"),
        },
        Value::Object(_) => (vec![body.clone()], false),
        _ => return bad("send a rule, a list of rules, or {\"rules\": [...], \"replace\": bool}"),
    };
    let mut rules = Vec::new();
    for item in &list {
        match Rule::parse(item) {
            Ok(rule) => rules.push(rule),
            Err(e) => return bad(e),
        }
    }
    let mut state = app.lock();
    if replace {
        state.faults.clear();
    }
    state.faults.extend(rules);
    http::ok_json(&json!({ "rules": state.faults.iter().map(Rule::to_json).collect::<Vec<_>>() }))
}

fn clock_json(state: &State) -> Value {
    let now = state.now_ms();
    json!({ "now_ms": now, "now": format_hh(now), "offset_ms": state.offset_ms })
}

fn set_clock(app: &App, body: &Value) -> Response {
    let mut state = app.lock();
    if let Some(now) = body.get("now_ms").and_then(Value::as_i64) {
        state.offset_ms = now - time::system_now_ms();
    } else if let Some(delta) = body.get("advance_ms").and_then(Value::as_i64) {
        state.offset_ms += delta;
    } else {
        return bad("send {\"now_ms\": N} or {\"advance_ms\": N}");
    }
    http::ok_json(&clock_json(&state))
}

fn requests(app: &App, req: &Req) -> Response {
    let since: u64 = req.q("since").and_then(|s| s.parse().ok()).unwrap_or(0);
    let state = app.lock();
    let list: Vec<&Value> = state
        .requests
        .iter()
        .filter(|r| r.get("seq").and_then(Value::as_u64).unwrap_or(0) > since)
        .filter(|r| {
            req.q("path_prefix").is_none_or(|p| {
                r.get("path")
                    .and_then(Value::as_str)
                    .is_some_and(|path| path.starts_with(p))
            })
        })
        .filter(|r| {
            req.q("host")
                .is_none_or(|h| r.get("host").and_then(Value::as_str) == Some(h))
        })
        .filter(|r| {
            req.q("method").is_none_or(|m| {
                r.get("method")
                    .and_then(Value::as_str)
                    .is_some_and(|x| x.eq_ignore_ascii_case(m))
            })
        })
        .collect();
    // A bare list, as the e2e harness reads it; the newest sequence number rides in a header.
    let response = http::ok_json(&json!(list));
    http::with_header(response, "x-last-seq", &state.request_seq.to_string())
}

fn merge(target: &mut Value, set: &Map<String, Value>) {
    if let Some(obj) = target.as_object_mut() {
        for (k, v) in set {
            obj.insert(k.clone(), v.clone());
        }
    }
}

fn full_has(vacancy: &Value, key: &str) -> bool {
    vacancy.get(key).is_some_and(|v| !v.is_null())
}

/// Dates a new vacancy "now", except the dates the caller gave; true if `published_at` is now.
fn stamp(full: &mut Value, now: &str, given: impl Fn(&str) -> bool) -> bool {
    for key in ["published_at", "created_at", "initial_created_at"] {
        if !given(key) {
            full[key] = json!(now);
        }
    }
    !given("published_at")
}

/// `{"vacancy": {...}}` adds a whole vacancy; `{"based_on": id, "set": {...}}` adds a copy with changes and a
/// new id; `{"id": id, "set": {...}}` changes a vacancy in place. New vacancies are published "now".
fn add_vacancy(app: &App, body: &Value) -> Response {
    let set = match body.get("set") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return bad("\"set\" must be an object"),
    };
    let mut state = app.lock();
    let now_ms = state.now_ms();
    let now = format_hh(now_ms);
    let mut published_now = false;
    let (full, in_place) = if let Some(vacancy) = body.get("vacancy") {
        if !vacancy.is_object() {
            return bad("\"vacancy\" must be an object");
        }
        let mut full = vacancy.clone();
        merge(&mut full, &set);
        published_now = stamp(&mut full, &now, |key| {
            full_has(vacancy, key) || set.contains_key(key)
        });
        (full, false)
    } else if let Some(base_id) = body.get("based_on").and_then(Value::as_str) {
        let Some(base) = state.vacancy(base_id) else {
            return fail(
                StatusCode::NOT_FOUND,
                format!("no vacancy {base_id} to base on"),
            );
        };
        let mut full = base.full.clone();
        full["id"] = Value::Null;
        merge(&mut full, &set);
        published_now = stamp(&mut full, &now, |key| set.contains_key(key));
        (full, false)
    } else if let Some(id) = body.get("id").and_then(Value::as_str) {
        let Some(existing) = state.vacancy(id) else {
            return fail(StatusCode::NOT_FOUND, format!("no vacancy {id}"));
        };
        let mut full = existing.full.clone();
        merge(&mut full, &set);
        full["id"] = json!(id);
        (full, true)
    } else {
        return bad("send {\"vacancy\": {...}}, {\"based_on\": id, \"set\": {...}} or {\"id\": id, \"set\": {...}}");
    };
    let mut full = full;
    if full.get("id").is_none_or(Value::is_null) {
        full["id"] = json!(state.next_vacancy_id());
    }
    let mut vacancy = match Vacancy::new(full) {
        Ok(v) => v,
        Err(e) => return bad(e),
    };
    if published_now {
        // Keep the millisecond, so "new since" comparisons within one second still work.
        vacancy.published_ms = now_ms;
    }
    let id = vacancy.id.clone();
    let result = json!({ "id": id, "vacancy": vacancy.full });
    if in_place {
        if let Some(slot) = state.vacancies.iter_mut().find(|v| v.id == id) {
            *slot = vacancy;
        }
        http::ok_json(&result)
    } else {
        if state.vacancy(&id).is_some() {
            return fail(
                StatusCode::CONFLICT,
                format!(
                    "vacancy {id} exists; change it with {{\"id\": \"{id}\", \"set\": {{...}}}}"
                ),
            );
        }
        state.vacancies.insert(0, vacancy);
        http::json_response(StatusCode::CREATED, &result)
    }
}

fn add_client(app: &App, body: &Value) -> Response {
    let (Some(id), Some(secret)) = (
        body.get("client_id").and_then(Value::as_str),
        body.get("client_secret").and_then(Value::as_str),
    ) else {
        return bad("send {\"client_id\", \"client_secret\", \"redirect_uri\"?}");
    };
    let redirect_uri = body
        .get("redirect_uri")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut state = app.lock();
    state.clients.retain(|c| c.id != id);
    state.clients.push(Client {
        id: id.into(),
        secret: secret.into(),
        redirect_uri: redirect_uri.clone(),
    });
    http::json_response(
        StatusCode::CREATED,
        &json!({ "client_id": id, "client_secret": secret, "redirect_uri": redirect_uri }),
    )
}

fn add_token(app: &App, body: &Value) -> Response {
    let client_id = body
        .get("client_id")
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_CLIENT_ID)
        .to_string();
    let mut state = app.lock();
    if state.client(&client_id).is_none() {
        return bad(format!("unknown client_id {client_id}"));
    }
    let mut token = state.issue_token(&client_id, false);
    if let Some(seconds) = body.get("expires_in").and_then(Value::as_i64) {
        let expires = token.issued_ms + seconds * 1000;
        token.expires_ms = Some(expires);
        if let Some(stored) = state.tokens.iter_mut().find(|t| t.access == token.access) {
            stored.expires_ms = Some(expires);
        }
    }
    let mut response = crate::oauth::token_response(&token);
    *response.status_mut() = StatusCode::CREATED;
    response
}

fn seed_negotiations(app: &App, body: &Value) -> Response {
    let Some(count) = body.get("seed").and_then(Value::as_u64) else {
        return bad("send {\"seed\": N, \"created_at_ms\"?: ms}");
    };
    if count > 10_000 {
        return bad("seed at most 10000 replies at once");
    }
    let mut state = app.lock();
    let at = body
        .get("created_at_ms")
        .and_then(Value::as_i64)
        .unwrap_or_else(|| state.now_ms());
    let ids = state.seed_replies(count as usize, at);
    http::json_response(
        StatusCode::CREATED,
        &json!({ "ids": ids, "replies_in_last_day": state.replies_in_last_day() }),
    )
}

fn update_negotiation(app: &App, id: &str, body: &Value) -> Response {
    let Some(new_state) = body.get("state").and_then(Value::as_str) else {
        return bad("send {\"state\": \"invitation\"|\"discard\"|\"response\"|\"hidden\", \"message\"?: text}");
    };
    if !["invitation", "discard", "response", "hidden"].contains(&new_state) {
        return bad(format!("unknown state \"{new_state}\""));
    }
    let message = body.get("message").and_then(Value::as_str);
    if app.lock().employer_update(id, new_state, message) {
        http::ok_json(&json!({ "ok": true }))
    } else {
        fail(StatusCode::NOT_FOUND, format!("no negotiation {id}"))
    }
}

fn state_json(state: &State) -> Value {
    json!({
        "now_ms": state.now_ms(),
        "config": settings_json(&state.settings),
        "clients": state.clients.iter().map(|c| json!({ "client_id": c.id, "client_secret": c.secret, "redirect_uri": c.redirect_uri })).collect::<Vec<_>>(),
        "codes": state.codes.iter().map(|c| json!({ "code": c.code, "client_id": c.client_id, "redirect_uri": c.redirect_uri, "created_ms": c.created_ms, "used": c.used })).collect::<Vec<_>>(),
        "tokens": state.tokens.iter().map(|t| json!({
            "access_token": t.access, "refresh_token": t.refresh, "client_id": t.client_id, "issued_ms": t.issued_ms,
            "expires_ms": t.expires_ms, "revoked": t.revoked, "refreshed": t.refreshed,
        })).collect::<Vec<_>>(),
        "negotiations": state.negotiations.iter().map(|n| json!({
            "id": n.id, "vacancy_id": n.vacancy_id, "resume_id": n.resume_id, "message": n.message, "state": n.state,
            "created_ms": n.created_ms, "updated_ms": n.updated_ms, "via": n.via, "messages": n.messages.len(),
        })).collect::<Vec<_>>(),
        "replies_in_last_day": state.replies_in_last_day(),
        "saved_searches": state.saved_searches.iter().map(|s| json!({
            "id": s.id, "name": s.name, "params": s.params.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "created_ms": s.created_ms, "subscription": s.subscription, "seen_ms": s.seen_ms,
        })).collect::<Vec<_>>(),
        "resumes": state.resumes.iter().map(|r| json!({ "id": r.id, "updated_ms": r.updated_ms, "next_publish_ms": r.next_publish_ms })).collect::<Vec<_>>(),
        "faults": state.faults.iter().map(Rule::to_json).collect::<Vec<_>>(),
        "vacancies": state.vacancies.len(),
        "requests_logged": state.requests.len(),
        "site_sessions": state.site_sessions.len(),
    })
}
