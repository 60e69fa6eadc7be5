//! api.hh.ru: the applicant's methods to the contract in FACTS.md and the 2025-12 OpenAPI spec, with the
//! `HH-User-Agent` and Bearer-token checks, hh.ru's error envelopes and the `no_scope` switch.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::data::{self, Vacancy};
use crate::http::{self, App, Req};
use crate::search::{self, Paging, PagingError, Query};
use crate::state::{
    Negotiation, ReplyError, ReplyOutcome, SavedSearch, State, TokenStatus, MAX_MESSAGE_CHARS,
};
use crate::time::format_hh;

#[derive(Clone, Copy, PartialEq)]
enum Need {
    /// Works without a token; a token, if sent, must be valid.
    Public,
    User,
    /// A user token with the applicant scope (`no_scope` when the switch is on).
    Applicant,
}

fn forbid(value: &str, req: &Req) -> Box<Response> {
    Box::new(http::oauth_forbidden(value, req))
}

/// The user's access token, or the 403 hh.ru would send.
fn authorize(app: &App, req: &Req, need: Need) -> Result<Option<String>, Box<Response>> {
    let Some(header) = req.header("authorization") else {
        return if need == Need::Public {
            Ok(None)
        } else {
            Err(forbid("bad_authorization", req))
        };
    };
    let token = header
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty());
    let Some(token) = token else {
        return Err(forbid("bad_authorization", req));
    };
    let state = app.lock();
    match state.token_status(token) {
        TokenStatus::Unknown => Err(forbid("bad_authorization", req)),
        TokenStatus::Revoked => Err(forbid("token_revoked", req)),
        TokenStatus::Expired => Err(forbid("token_expired", req)),
        TokenStatus::Valid { app: true } if need != Need::Public => {
            Err(forbid("user_auth_expected", req))
        }
        TokenStatus::Valid { .. }
            if need == Need::Applicant && state.settings.applicant_no_scope =>
        {
            Err(forbid("no_scope", req))
        }
        TokenStatus::Valid { .. } => Ok(Some(token.to_string())),
    }
}

macro_rules! auth {
    ($app:expr, $req:expr, $need:expr) => {
        match authorize($app, $req, $need) {
            Ok(token) => token,
            Err(response) => return *response,
        }
    };
}

pub async fn handle(app: &App, req: &Req) -> Response {
    if req
        .header("hh-user-agent")
        .map(str::trim)
        .is_none_or(str::is_empty)
    {
        return http::api_error(400, &[("bad_user_agent", Some("unset"))], req);
    }
    let segments = req.segments();
    match (req.method.as_str(), segments.as_slice()) {
        ("POST", ["token"]) | ("POST", ["oauth", "token"]) => crate::oauth::token(app, req),
        ("DELETE", ["oauth", "token"]) => match auth!(app, req, Need::User) {
            Some(token) => crate::oauth::revoke(app, &token),
            None => http::oauth_forbidden("bad_authorization", req),
        },
        ("GET", ["me"]) => me(app, req),
        ("GET", ["resumes", "mine"]) => resumes_mine(app, req),
        ("GET", ["resumes", id]) => resume(app, req, id),
        ("GET", ["resumes", id, "similar_vacancies"]) => similar_vacancies(app, req, id),
        ("POST", ["resumes", id, "publish"]) => publish_resume(app, req, id),
        ("GET", ["vacancies"]) => vacancies(app, req),
        ("GET", ["vacancies", id]) => vacancy(app, req, id),
        ("GET", ["negotiations"]) => negotiations(app, req),
        ("POST", ["negotiations"]) => reply(app, req),
        ("GET", ["negotiations", id]) => negotiation(app, req, id),
        ("GET", ["negotiations", id, "messages"]) => messages(app, req, id),
        ("POST", ["negotiations", id, "messages"]) => send_message(app, req, id),
        ("GET", ["saved_searches", "vacancies"]) => saved_searches(app, req),
        ("POST", ["saved_searches", "vacancies"]) => create_saved_search(app, req),
        ("GET", ["saved_searches", "vacancies", id]) => saved_search(app, req, id),
        ("PUT", ["saved_searches", "vacancies", id]) => update_saved_search(app, req, id),
        ("DELETE", ["saved_searches", "vacancies", id]) => delete_saved_search(app, req, id),
        ("GET", ["dictionaries"]) => cached(app, req, true),
        ("GET", ["areas"]) => cached(app, req, false),
        _ => http::not_found(req),
    }
}

fn paging_error(error: PagingError, req: &Req) -> Response {
    match error {
        PagingError::Bad(name) => http::bad_argument(name, req),
        PagingError::TooDeep => http::too_deep(req),
    }
}

fn list_json(items: Vec<Value>, found: usize, paging: Paging) -> Value {
    json!({ "found": found, "items": items, "page": paging.page, "pages": paging.pages(found), "per_page": paging.per_page })
}

// ---- user and resumes ----

fn me(app: &App, req: &Req) -> Response {
    auth!(app, req, Need::User);
    let state = app.lock();
    let mut user = app.data.user.clone();
    let unread = state
        .negotiations
        .iter()
        .filter(|n| n.has_updates())
        .count();
    let new_views: i64 = app
        .data
        .resumes
        .iter()
        .filter_map(|r| r.get("new_views").and_then(Value::as_i64))
        .sum();
    user["counters"] = json!({
        "unread_negotiations": unread,
        "new_resume_views": new_views,
        "resumes_count": app.data.resumes.len(),
    });
    http::ok_json(&user)
}

fn lowercase_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_lowercase)
                .collect()
        })
        .unwrap_or_default()
}

/// hh.ru's recommendations for a resume: vacancies sharing its skills, title words or professional role.
fn similar<'a>(state: &'a State, resume: &Value) -> Vec<&'a Vacancy> {
    let skills = lowercase_list(resume.get("skill_set"));
    let title = resume
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_lowercase();
    let title_words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let roles: Vec<&str> = resume
        .get("professional_roles")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|r| r.get("id").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    let mut scored: Vec<(i64, &Vacancy)> = state
        .vacancies
        .iter()
        .filter(|v| !v.archived())
        .filter_map(|v| {
            let vacancy_skills: Vec<String> =
                v.key_skills().iter().map(|s| s.to_lowercase()).collect();
            let shared = skills.iter().filter(|s| vacancy_skills.contains(s)).count() as i64;
            let title_hits = title_words
                .iter()
                .filter(|w| data::has_word(&v.name_words, w))
                .count() as i64;
            let role_hit = v
                .full
                .get("professional_roles")
                .and_then(Value::as_array)
                .is_some_and(|a| {
                    a.iter().any(|r| {
                        r.get("id")
                            .and_then(Value::as_str)
                            .is_some_and(|id| roles.contains(&id))
                    })
                });
            let score = 3 * shared + 2 * title_hits + if role_hit { 1 } else { 0 };
            (shared + title_hits > 0).then_some((score, v))
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.published_ms.cmp(&a.1.published_ms))
    });
    scored.into_iter().map(|(_, v)| v).collect()
}

fn resume_full(state: &State, resume: &Value) -> Value {
    let mut full = resume.clone();
    let id = resume
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let now = state.now_ms();
    let similar_total = similar(state, resume).len();
    if let (Some(obj), Some(rs)) = (full.as_object_mut(), state.resume_state(&id)) {
        obj.insert(
            "url".into(),
            json!(format!("https://api.hh.ru/resumes/{id}")),
        );
        obj.insert(
            "alternate_url".into(),
            json!(format!("https://hh.ru/resume/{id}")),
        );
        obj.insert("updated_at".into(), json!(format_hh(rs.updated_ms)));
        obj.insert(
            "next_publish_at".into(),
            json!(format_hh(rs.next_publish_ms.max(now))),
        );
        obj.insert(
            "can_publish_or_update".into(),
            json!(now >= rs.next_publish_ms),
        );
        obj.insert(
            "publish_url".into(),
            json!(format!("https://api.hh.ru/resumes/{id}/publish")),
        );
        obj.insert(
            "views_url".into(),
            json!(format!("https://api.hh.ru/resumes/{id}/views")),
        );
        obj.insert(
            "similar_vacancies".into(),
            json!({ "url": format!("https://api.hh.ru/resumes/{id}/similar_vacancies"), "counters": { "total": similar_total } }),
        );
        obj.insert(
            "negotiations_history".into(),
            json!({ "url": format!("https://api.hh.ru/resumes/{id}/negotiations_history") }),
        );
        obj.insert("platform".into(), json!({ "id": "headhunter" }));
        obj.insert("paid_services".into(), json!([]));
        obj.insert("tags".into(), json!([]));
    }
    full
}

const SHORT_RESUME_KEYS: [&str; 31] = [
    "id",
    "title",
    "first_name",
    "last_name",
    "middle_name",
    "age",
    "gender",
    "area",
    "salary",
    "total_experience",
    "status",
    "access",
    "blocked",
    "finished",
    "visible",
    "created_at",
    "updated_at",
    "url",
    "alternate_url",
    "similar_vacancies",
    "can_publish_or_update",
    "next_publish_at",
    "publish_url",
    "views_url",
    "total_views",
    "new_views",
    "photo",
    "platform",
    "certificate",
    "hidden_fields",
    "marked",
];

fn resume_short(full: &Value) -> Value {
    let mut short = serde_json::Map::new();
    for key in SHORT_RESUME_KEYS {
        short.insert(key.into(), full.get(key).cloned().unwrap_or(Value::Null));
    }
    if let Some(education) = full.get("education") {
        short.insert(
            "education".into(),
            json!({ "level": education.get("level"), "primary": education.get("primary") }),
        );
    }
    if let Some(experience) = full.get("experience").and_then(Value::as_array) {
        let brief: Vec<Value> = experience
            .iter()
            .map(|e| json!({ "company": e.get("company"), "position": e.get("position"), "start": e.get("start"), "end": e.get("end"), "area": e.get("area") }))
            .collect();
        short.insert("experience".into(), json!(brief));
    }
    Value::Object(short)
}

fn resumes_mine(app: &App, req: &Req) -> Response {
    auth!(app, req, Need::Applicant);
    let paging = match Paging::parse(&req.query, 20, 100) {
        Ok(p) => p,
        Err(e) => return paging_error(e, req),
    };
    let state = app.lock();
    let all: Vec<Value> = app
        .data
        .resumes
        .iter()
        .map(|r| resume_short(&resume_full(&state, r)))
        .collect();
    http::ok_json(&list_json(paging.slice(&all).to_vec(), all.len(), paging))
}

fn resume(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let Some(resume) = app.data.resume(id) else {
        return http::not_found(req);
    };
    let state = app.lock();
    http::ok_json(&resume_full(&state, resume))
}

fn search_json(items: Vec<Value>, found: usize, paging: Paging, req: &Req) -> Value {
    let mut link = form_urlencoded::Serializer::new(String::new());
    for (k, v) in req
        .query
        .iter()
        .filter(|(k, _)| search::FILTER_KEYS.contains(&k.as_str()))
    {
        link.append_pair(k, v);
    }
    let mut body = list_json(items, found, paging);
    body["clusters"] = Value::Null;
    body["arguments"] = Value::Null;
    body["fixes"] = Value::Null;
    body["suggests"] = Value::Null;
    body["alternate_url"] = json!(format!("https://hh.ru/search/vacancy?{}", link.finish()));
    body
}

fn similar_vacancies(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let Some(resume) = app.data.resume(id) else {
        return http::not_found(req);
    };
    let query = match Query::parse(&req.query) {
        Ok(q) => q,
        Err(search::BadArgument(name)) => return http::bad_argument(name, req),
    };
    let paging = match Paging::parse(&req.query, 20, 100).and_then(|p| p.check_depth().map(|_| p)) {
        Ok(p) => p,
        Err(e) => return paging_error(e, req),
    };
    let state = app.lock();
    let found: Vec<&Vacancy> = similar(&state, resume)
        .into_iter()
        .filter(|v| query.matches(v))
        .collect();
    let items = paging
        .slice(&found)
        .iter()
        .map(|v| data::search_item(v, &query.words, &state.relations(&v.id)))
        .collect();
    http::ok_json(&search_json(items, found.len(), paging, req))
}

fn publish_resume(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    match app.lock().publish_resume(id) {
        Ok(()) => http::empty(StatusCode::NO_CONTENT),
        Err("not_found") => http::not_found(req),
        Err(value) => http::api_error(429, &[("resumes", Some(value))], req),
    }
}

// ---- vacancies ----

fn vacancies(app: &App, req: &Req) -> Response {
    let token = auth!(app, req, Need::Public);
    let mut pairs = req.query.clone();
    if let Some(saved_id) = req.q("saved_search_id") {
        if token.is_none() {
            return http::oauth_forbidden("bad_authorization", req);
        }
        let mut state = app.lock();
        let now = state.now_ms();
        let Some(saved) = state.saved_searches.iter_mut().find(|s| s.id == saved_id) else {
            return http::bad_argument("saved_search_id", req);
        };
        // The saved parameters win; `date_from` (from `new_items.url`) stays. Opening it marks results as seen.
        pairs.retain(|(k, _)| !search::FILTER_KEYS.contains(&k.as_str()) || k == "date_from");
        pairs.extend(saved.params.iter().cloned());
        saved.seen_ms = now;
    }
    let query = match Query::parse(&pairs) {
        Ok(q) => q,
        Err(search::BadArgument(name)) => return http::bad_argument(name, req),
    };
    let paging = match Paging::parse(&req.query, 20, 100).and_then(|p| p.check_depth().map(|_| p)) {
        Ok(p) => p,
        Err(e) => return paging_error(e, req),
    };
    let state = app.lock();
    let found = query.run(&state.vacancies);
    let items = paging
        .slice(&found)
        .iter()
        .map(|v| data::search_item(v, &query.words, &state.relations(&v.id)))
        .collect();
    http::ok_json(&search_json(items, found.len(), paging, req))
}

fn vacancy(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Public);
    let state = app.lock();
    match state.vacancy(id) {
        Some(v) => http::ok_json(&data::full_vacancy(v, &state.relations(id))),
        None => http::not_found(req),
    }
}

// ---- replies ----

fn state_name(id: &str) -> &'static str {
    match id {
        "response" => "Отклик",
        "invitation" => "Приглашение",
        "discard" => "Отказ",
        "hidden" => "Скрытый",
        "text" => "Текст",
        _ => "",
    }
}

fn negotiation_json(app: &App, state: &State, n: &Negotiation) -> Value {
    let vacancy = n
        .vacancy_id
        .as_deref()
        .and_then(|id| state.vacancy(id))
        .map(|v| data::search_item(v, &[], &state.relations(&v.id)))
        .unwrap_or(Value::Null);
    let resume_title = app
        .data
        .resume(&n.resume_id)
        .and_then(|r| r.get("title"))
        .cloned()
        .unwrap_or(Value::Null);
    let unread = n.messages.iter().filter(|m| !m.viewed_by_me).count();
    json!({
        "id": n.id,
        "state": { "id": n.state, "name": state_name(&n.state) },
        "created_at": format_hh(n.created_ms),
        "updated_at": format_hh(n.updated_ms),
        "has_updates": n.has_updates(),
        "viewed_by_opponent": n.viewed_by_opponent,
        "hidden": n.state == "hidden",
        "url": format!("https://api.hh.ru/negotiations/{}", n.id),
        "messages_url": format!("https://api.hh.ru/negotiations/{}/messages", n.id),
        "counters": { "messages": n.messages.len(), "unread_messages": unread },
        "resume": {
            "id": n.resume_id,
            "title": resume_title,
            "url": format!("https://api.hh.ru/resumes/{}", n.resume_id),
            "alternate_url": format!("https://hh.ru/resume/{}", n.resume_id),
        },
        "vacancy": vacancy,
        "source": "NEGOTIATION",
        "messaging_status": if n.state == "discard" { "not_allowed" } else { "ok" },
        "decline_allowed": n.state == "invitation",
        "phone_calls": { "items": [], "picked_up_phone_by_opponent": false },
        "tags": [],
    })
}

fn negotiations(app: &App, req: &Req) -> Response {
    auth!(app, req, Need::Applicant);
    let paging = match Paging::parse(&req.query, 20, 100).and_then(|p| p.check_depth().map(|_| p)) {
        Ok(p) => p,
        Err(e) => return paging_error(e, req),
    };
    let order_by = req.q("order_by").unwrap_or("updated_at");
    if !["updated_at", "created_at"].contains(&order_by) {
        return http::bad_argument("order_by", req);
    }
    let ascending = match req.q("order") {
        None | Some("desc") => false,
        Some("asc") => true,
        Some(_) => return http::bad_argument("order", req),
    };
    let status = req.q("status").unwrap_or("all");
    let state = app.lock();
    let archived = |n: &Negotiation| {
        n.vacancy_id
            .as_deref()
            .and_then(|id| state.vacancy(id))
            .is_some_and(Vacancy::archived)
    };
    let wanted = |n: &Negotiation| match status {
        "all" => true,
        "active" => matches!(n.state.as_str(), "response" | "invitation") && !archived(n),
        "invitations" => n.state == "invitation" && !archived(n),
        "response" => n.state == "response" && !archived(n),
        "discard" => n.state == "discard",
        "archived" => archived(n),
        "non_archived" => !archived(n),
        "deleted" => n.state == "hidden",
        _ => false,
    };
    if ![
        "all",
        "active",
        "invitations",
        "response",
        "discard",
        "archived",
        "non_archived",
        "deleted",
    ]
    .contains(&status)
    {
        return http::bad_argument("status", req);
    }
    let mut list: Vec<&Negotiation> = state
        .negotiations
        .iter()
        .filter(|n| wanted(n))
        .filter(|n| {
            req.q("vacancy_id")
                .is_none_or(|id| n.vacancy_id.as_deref() == Some(id))
        })
        .collect();
    let key = |n: &Negotiation| {
        if order_by == "created_at" {
            n.created_ms
        } else {
            n.updated_ms
        }
    };
    list.sort_by(|a, b| {
        if ascending {
            key(a).cmp(&key(b))
        } else {
            key(b).cmp(&key(a))
        }
        .then_with(|| b.id.cmp(&a.id))
    });
    let items = paging
        .slice(&list)
        .iter()
        .map(|n| negotiation_json(app, &state, n))
        .collect();
    http::ok_json(&list_json(items, list.len(), paging))
}

fn reply(app: &App, req: &Req) -> Response {
    auth!(app, req, Need::Applicant);
    if !req
        .content_type()
        .to_lowercase()
        .starts_with("multipart/form-data")
    {
        let mut body = json!({
            "errors": [{ "type": "bad_argument", "value": "vacancy_id" }],
            "description": "the body must be multipart/form-data",
            "request_id": req.request_id,
        });
        body["bad_argument"] = json!("vacancy_id");
        return http::json_response(StatusCode::BAD_REQUEST, &body);
    }
    if let Some(error) = &req.form_error {
        let body = json!({
            "errors": [{ "type": "bad_argument", "value": "vacancy_id" }],
            "description": format!("cannot read multipart/form-data: {error}"),
            "request_id": req.request_id,
        });
        return http::json_response(StatusCode::BAD_REQUEST, &body);
    }
    let mut state = app.lock();
    let outcome = state.reply(
        &app.data,
        req.field("vacancy_id"),
        req.field("resume_id"),
        req.field("message").unwrap_or(""),
        "api",
        true,
    );
    match outcome {
        Ok(ReplyOutcome::Created(id)) => {
            let response = http::plain(
                StatusCode::CREATED,
                "text/html; charset=utf-8",
                String::new(),
            );
            http::with_header(response, "location", &format!("/negotiations/{id}"))
        }
        Ok(ReplyOutcome::Direct(url)) => http::redirect(StatusCode::SEE_OTHER, &url),
        Err(ReplyError::MissingArgument(name)) => http::bad_argument(name, req),
        Err(error) => http::api_error(
            error.status(&state.settings),
            &[("negotiations", Some(error.value()))],
            req,
        ),
    }
}

fn negotiation(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let state = app.lock();
    match state.negotiations.iter().find(|n| n.id == id) {
        Some(n) => http::ok_json(&negotiation_json(app, &state, n)),
        None => http::not_found(req),
    }
}

fn message_json(m: &crate::state::Message) -> Value {
    json!({
        "id": m.id,
        "author": { "participant_type": m.author },
        "created_at": format_hh(m.created_ms),
        "editable": false,
        "state": { "id": m.state, "name": state_name(&m.state) },
        "text": m.text,
        "viewed_by_me": m.viewed_by_me,
        "viewed_by_opponent": m.author == "employer",
        "address": null,
    })
}

fn messages(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let mut state = app.lock();
    let Some(n) = state.negotiations.iter_mut().find(|n| n.id == id) else {
        return http::not_found(req);
    };
    let items: Vec<Value> = n.messages.iter().map(message_json).collect();
    for m in n.messages.iter_mut() {
        m.viewed_by_me = true;
    }
    let found = items.len();
    http::ok_json(
        &json!({ "found": found, "items": items, "page": 0, "pages": 1, "per_page": found.max(20) }),
    )
}

fn send_message(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let text = req.field("message").unwrap_or("").to_string();
    if text.trim().is_empty() {
        return http::bad_argument("message", req);
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return http::api_error(403, &[("negotiations", Some("too_long_message"))], req);
    }
    match app.lock().add_message(id, &text) {
        Some(message) => http::json_response(StatusCode::CREATED, &message_json(&message)),
        None => http::not_found(req),
    }
}

// ---- saved searches ----

/// A saved search's vacancies, and those published since the user last opened it.
pub fn saved_search_counts(state: &State, s: &SavedSearch) -> (usize, usize) {
    let query = Query::parse(&s.params).unwrap_or_default();
    let count = query.run(&state.vacancies).len();
    let new_count = query
        .clone()
        .with_date_from(s.seen_ms + 1)
        .run(&state.vacancies)
        .len();
    (count, new_count)
}

fn saved_search_json(state: &State, s: &SavedSearch) -> Value {
    let (count, new_count) = saved_search_counts(state, s);
    let mut link = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &s.params {
        link.append_pair(k, v);
    }
    link.append_pair("saved_search_id", &s.id);
    let items_url = format!("https://api.hh.ru/vacancies?{}", link.finish());
    let new_url = format!(
        "{items_url}&{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("date_from", &format_hh(s.seen_ms + 1000))
            .finish()
    );
    json!({
        "id": s.id,
        "name": s.name,
        "created_at": format_hh(s.created_ms),
        "subscription": s.subscription,
        "url": format!("https://api.hh.ru/saved_searches/vacancies/{}", s.id),
        "items": { "count": count, "url": items_url },
        "new_items": { "count": new_count, "url": new_url },
    })
}

fn saved_searches(app: &App, req: &Req) -> Response {
    auth!(app, req, Need::Applicant);
    let paging = match Paging::parse(&req.query, 10, 10) {
        Ok(p) => p,
        Err(e) => return paging_error(e, req),
    };
    let state = app.lock();
    let list: Vec<&SavedSearch> = state.saved_searches.iter().rev().collect();
    let items = paging
        .slice(&list)
        .iter()
        .map(|s| saved_search_json(&state, s))
        .collect();
    http::ok_json(&list_json(items, list.len(), paging))
}

/// Query parameters, then urlencoded body fields.
fn all_params(req: &Req) -> Vec<(String, String)> {
    let mut params = req.query.clone();
    if req
        .content_type()
        .starts_with("application/x-www-form-urlencoded")
    {
        params.extend(req.form.clone().unwrap_or_default());
    }
    params
}

fn create_saved_search(app: &App, req: &Req) -> Response {
    auth!(app, req, Need::Applicant);
    let params = all_params(req);
    let filters: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| search::FILTER_KEYS.contains(&k.as_str()) && k != "date_from")
        .cloned()
        .collect();
    let query = match Query::parse(&filters) {
        Ok(q) => q,
        Err(search::BadArgument(name)) => return http::bad_argument(name, req),
    };
    let name = params
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| {
            if query.text.is_empty() {
                "Поиск вакансий".to_string()
            } else {
                query.text.clone()
            }
        });
    let id = app.lock().add_saved_search(name, filters);
    let response = http::plain(
        StatusCode::CREATED,
        "text/html; charset=utf-8",
        String::new(),
    );
    http::with_header(
        response,
        "location",
        &format!("/saved_searches/vacancies/{id}"),
    )
}

fn saved_search(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let state = app.lock();
    match state.saved_searches.iter().find(|s| s.id == id) {
        Some(s) => http::ok_json(&saved_search_json(&state, s)),
        None => http::not_found(req),
    }
}

fn update_saved_search(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let params = all_params(req);
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let subscription = match get("subscription") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return http::bad_argument("subscription", req),
    };
    let name = get("name")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let mut state = app.lock();
    let Some(saved) = state.saved_searches.iter_mut().find(|s| s.id == id) else {
        return http::not_found(req);
    };
    if let Some(name) = name {
        saved.name = name;
    }
    if let Some(subscription) = subscription {
        saved.subscription = subscription;
    }
    http::empty(StatusCode::NO_CONTENT)
}

fn delete_saved_search(app: &App, req: &Req, id: &str) -> Response {
    auth!(app, req, Need::Applicant);
    let mut state = app.lock();
    let before = state.saved_searches.len();
    state.saved_searches.retain(|s| s.id != id);
    if state.saved_searches.len() == before {
        return http::not_found(req);
    }
    http::empty(StatusCode::NO_CONTENT)
}

// ---- dictionaries ----

/// `/dictionaries` and `/areas` with an ETag; `If-None-Match` with it gives `304`.
fn cached(app: &App, req: &Req, dictionaries: bool) -> Response {
    auth!(app, req, Need::Public);
    let (body, etag) = if dictionaries {
        (&app.data.dictionaries, &app.data.dictionaries_etag)
    } else {
        (&app.data.areas, &app.data.areas_etag)
    };
    let matches = req.header("if-none-match").is_some_and(|value| {
        value
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    });
    let response = if matches {
        http::empty(StatusCode::NOT_MODIFIED)
    } else {
        http::plain(
            StatusCode::OK,
            "application/json; charset=UTF-8",
            body.clone(),
        )
    };
    let response = http::with_header(response, "etag", etag);
    http::with_header(response, "cache-control", "max-age=3600")
}
