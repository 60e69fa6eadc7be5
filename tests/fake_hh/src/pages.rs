//! hh.ru's pages, in the markup of the real 2026 pages: search results, vacancy, the reply form, the
//! replies list, the captcha page; each with nonce'd scripts, a CSP header and the embedded
//! `HH-Lux-InitialState` JSON.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::applicant;
use crate::data::{self, Vacancy};
use crate::html::{self, escape, group_digits};
use crate::http::{self, App, Req};
use crate::search::{Paging, Query};
use crate::state::{ReplyError, ReplyOutcome, SiteSession, State, ViewShape};
use crate::time;

const SPACING_8: &str = r#"<div class="magritte-v-spacing___R3QYf_2-1-27" style="--magritte-spacing-xs:8px;--magritte-spacing-s:8px;--magritte-spacing-m:8px;--magritte-spacing-l:8px;--magritte-spacing-xl:8px;--magritte-spacing-xxl:8px"></div>"#;
const SPACING_12: &str = r#"<div class="magritte-v-spacing___R3QYf_2-1-27" style="--magritte-spacing-xs:12px;--magritte-spacing-s:12px;--magritte-spacing-m:12px;--magritte-spacing-l:12px;--magritte-spacing-xl:12px;--magritte-spacing-xxl:12px"></div>"#;
const TEXT_LABEL_1: &str = "magritte-text___pbpft_5-3-12 magritte-text_style-primary___AQ7MW_5-3-12 magritte-text_typography-label-1-regular___pi3R-_5-3-12";
const TEXT_LABEL_3: &str = "magritte-text___pbpft_5-3-12 magritte-text_style-primary___AQ7MW_5-3-12 magritte-text_typography-label-3-regular___Nhtlp_5-3-12";
pub(crate) const TAG: &str = "magritte-tag___WdGxk_5-3-23 magritte-tag_style-neutral___cw1Bt_5-3-23 magritte-tag_size-medium___Splpy_5-3-23";
pub(crate) const TAG_LABEL: &str = "magritte-tag__label___YHV-o_5-3-23";
pub(crate) const BUTTON: &str = "magritte-button___Pubhr_7-2-27 magritte-button_mode-primary___wU8PN_7-2-27 magritte-button_size-medium___WvUsb_7-2-27 magritte-button_stretched___-aXS6_7-2-27 magritte-button_style-accent___TE21J_7-2-27";
pub(crate) const LINK: &str = "magritte-link___b4rEM_7-1-42 magritte-link_mode_primary___l6una_7-1-42 magritte-link_style_neutral___iqoW0_7-1-42";
pub(crate) const MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

pub fn new_nonce() -> String {
    crate::state::random_token(22)
}

/// Escapes JSON for the `<template id="HH-Lux-InitialState">` the way hh.ru does (`&#34;` for quotes).
fn initial_state(state: &Value) -> String {
    format!(
        r#"<!--noindex--><template style="display:none" id="HH-Lux-InitialState">{}</template><!--/noindex-->"#,
        escape(&state.to_string())
    )
}

/// A whole page for the logged-in user (the OAuth pages).
pub fn layout(title: &str, content: &str, nonce: &str, state: Option<&Value>) -> String {
    site_layout(title, content, nonce, state, true)
}

/// A whole page: head with nonce'd scripts, the header (the user's name, or «Войти»), the content and
/// the embedded state.
pub(crate) fn site_layout(
    title: &str,
    content: &str,
    nonce: &str,
    state: Option<&Value>,
    logged_in: bool,
) -> String {
    let state = state.map(initial_state).unwrap_or_default();
    let user = if logged_in {
        r#"<a data-qa="mainmenu_myResumes" href="/applicant/resumes">Мои резюме</a> <a data-qa="mainmenu_vacancyResponses" href="/applicant/negotiations">Отклики</a> <span data-qa="mainmenu_applicantProfile">Иван Петров</span>"#
    } else {
        r#"<a data-qa="login" href="/account/login">Войти</a>"#
    };
    format!(
        r#"<!DOCTYPE html>
<html class="desktop" lang="ru">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title data-rh="">{title}</title>
<script id="js-script-global-vars" nonce="{nonce}">
window.globalVars = {{"apiHost": "https://api.hh.ru", "area": "113", "build": "26.37.2.1", "country": "1", "userType": "applicant"}};
</script>
<script id="js-script-inline" nonce="{nonce}">document.documentElement.classList.add("js-enabled");</script>
</head>
<body class="s-friendly xs-friendly">
<div id="HH-React-Root" class="XHH-ReactRoot" data-ssr-status="success"><div class="supernova-navi-wrapper"><div class="supernova-navi" data-qa="supernova-navi"><a class="supernova-logo" data-qa="supernova-logo" href="/">hh.ru</a> {user}</div></div><div class="magritte-grid-layout___Bs7F4_3-0-14"><main class="magritte-grid-layout-content" role="main">{content}</main></div></div>
{state}
</body>
</html>
"#,
        title = escape(title),
    )
}

pub fn send(app: &App, status: StatusCode, body: String, nonce: &str) -> Response {
    let csp = app.lock().settings.csp;
    http::page(status, body, nonce, csp)
}

pub(crate) fn not_found_page(app: &App) -> Response {
    let nonce = new_nonce();
    let content = r#"<div class="error-page" data-qa="error-404"><h1>Такой страницы нет</h1><p>Возможно, она была удалена или вы ошиблись в адресе. <a href="/">На главную</a></p></div>"#;
    send(
        app,
        StatusCode::NOT_FOUND,
        layout("Страница не найдена", content, &nonce, None),
        &nonce,
    )
}

/// The session of the request's `hhtoken` cookie, if it is a live one.
fn session_of(app: &App, req: &Req) -> Option<SiteSession> {
    let token = cookie(req, "hhtoken")?;
    app.lock().site_session(&token).cloned()
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie(req: &Req, name: &str) -> Option<String> {
    req.headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn is_xhr(req: &Req) -> bool {
    req.header("x-requested-with")
        .is_some_and(|v| v.eq_ignore_ascii_case("XMLHttpRequest"))
}

/// hh.ru sends a logged-out user to the login form, with the page to come back to.
fn login_redirect(req: &Req) -> Response {
    if is_xhr(req) {
        return http::json_response(
            StatusCode::FORBIDDEN,
            &json!({ "success": false, "error": "not-logged-in", "message": "Войдите на hh.ru, чтобы откликнуться." }),
        );
    }
    let mut back = req.path.clone();
    if !req.query.is_empty() {
        back.push('?');
        back.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(req.query.iter())
                .finish(),
        );
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("backurl", &back)
        .finish();
    http::redirect(StatusCode::FOUND, &format!("/account/login?{query}"))
}

pub fn handle(app: &App, req: &Req) -> Response {
    let segments = req.segments();
    let session = session_of(app, req);
    let private = matches!(segments.first(), Some(&"applicant") | Some(&"resume"));
    if private && session.is_none() {
        return login_redirect(req);
    }
    let logged_in = session.is_some();
    match (req.method.as_str(), segments.as_slice()) {
        ("GET", []) => home(app, logged_in),
        ("GET" | "POST", ["oauth", "authorize"]) => crate::oauth::authorize(app, req),
        ("POST", ["oauth", "token"]) => crate::oauth::token(app, req),
        ("GET", ["search", "vacancy"]) => search_page(app, req, logged_in),
        ("GET", ["vacancy", id]) => vacancy_page(app, id, session.as_ref()),
        ("GET", ["account", "login"]) => applicant::login_page(app, req.q("backurl"), None),
        ("POST", ["account", "login"]) => applicant::login_submit(app, req),
        ("GET" | "POST", ["account", "logout"]) => applicant::logout(app, req),
        ("GET", ["applicant", "resumes"]) => applicant::resumes_page(app),
        ("GET", ["applicant", "autosearch.xhtml"]) => applicant::autosearch_page(app),
        ("GET", ["resume", id]) => applicant::resume_page(app, id),
        ("GET", ["applicant", "vacancy_response"]) => match req.q("vacancyId") {
            Some(id) => reply_page(app, id, None),
            None => not_found_page(app),
        },
        ("POST", ["applicant", "vacancy_response", "popup"]) => match &session {
            Some(session) if is_xhr(req) => applicant::reply_submit_xhr(app, req, session),
            _ => reply_submit(app, req),
        },
        ("GET", ["applicant", "negotiations"]) | ("GET", ["applicant", "negotiations", "item"]) => {
            negotiations_page(app)
        }
        ("GET" | "POST", ["account", "captcha"]) => captcha_page(app, req),
        _ => not_found_page(app),
    }
}

fn home(app: &App, logged_in: bool) -> Response {
    let nonce = new_nonce();
    let content = r#"<h1>Работа найдётся для каждого</h1><form action="/search/vacancy" method="get" data-qa="search-form"><input type="text" name="text" data-qa="search-input" placeholder="Профессия, должность или компания"><button type="submit" data-qa="search-button">Найти</button></form>"#;
    send(
        app,
        StatusCode::OK,
        site_layout(
            "Работа в Москве, поиск персонала и публикация вакансий - hh.ru",
            content,
            &nonce,
            None,
            logged_in,
        ),
        &nonce,
    )
}

// ---- shared pieces ----

fn experience_tag(id: &str) -> (&'static str, &'static str) {
    match id {
        "noExperience" => ("0", "Без опыта"),
        "between3And6" => ("3-6", "Опыт 3-6 лет"),
        "moreThan6" => ("6+", "Опыт более 6 лет"),
        _ => ("1-3", "Опыт 1-3 года"),
    }
}

fn experience_text(id: &str) -> &'static str {
    match id {
        "noExperience" => "не требуется",
        "between3And6" => "3–6 лет",
        "moreThan6" => "более 6 лет",
        _ => "1–3 года",
    }
}

fn work_format_text(id: &str) -> &'static str {
    match id {
        "REMOTE" => "удалённо",
        "HYBRID" => "гибрид",
        "FIELD_WORK" => "разъездной",
        _ => "на месте работодателя",
    }
}

fn ids(v: &Vacancy, key: &str) -> Vec<String> {
    v.full
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("id").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn number_or_string(s: &str) -> Value {
    s.parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::String(s.to_string()))
}

fn data_num(n: i64) -> String {
    format!(r#"<data value="{n}">{}</data>"#, group_digits(n))
}

/// «140 000 – 180 000 ₽ за месяц, до вычета налогов» as on a search card.
fn card_salary(s: &html::Salary) -> String {
    let (sign, code) = html::currency_sign(&s.currency);
    let currency = format!(r#"<data value="{code}">{sign}</data>"#);
    let amount = match (s.from, s.to) {
        (Some(from), Some(to)) if from != to => {
            format!(
                "{}\u{a0}–\u{a0}<data value=\"{to}\">{}\u{a0}</data>{currency}",
                data_num(from),
                group_digits(to)
            )
        }
        (Some(from), Some(_)) => format!("{}\u{a0}{currency}", data_num(from)),
        (Some(from), None) => format!("от\u{a0}{}\u{a0}{currency}", data_num(from)),
        (None, Some(to)) => format!("до\u{a0}{}\u{a0}{currency}", data_num(to)),
        (None, None) => String::new(),
    };
    let tax = if s.gross {
        "до вычета налогов"
    } else {
        "на руки"
    };
    format!(
        "{amount} <!-- -->{}, <!-- -->{tax}",
        html::mode_text(&s.mode)
    )
}

/// «от 140 000 до 180 000 ₽ за месяц до вычета налогов» as on a vacancy page.
fn page_salary(s: &html::Salary) -> String {
    let (sign, code) = html::currency_sign(&s.currency);
    let mut text = String::new();
    if let Some(from) = s.from {
        text.push_str(&format!("от\u{a0}{}", data_num(from)));
    }
    if let Some(to) = s.to {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("до\u{a0}{}", data_num(to)));
    }
    let kind = if s.gross { "gross" } else { "net" };
    let tax = if s.gross {
        "до вычета налогов"
    } else {
        "на руки"
    };
    format!(
        r#"<span data-qa="vacancy-salary-compensation-type-{kind}" class="{TEXT_LABEL_1}">{text}{nbsp}<data value="{code}">{sign}</data> {mode}<span class="vacancy-salary-compensation-type"> <!-- -->{tax}</span></span>"#,
        nbsp = '\u{a0}',
        mode = html::mode_text(&s.mode),
    )
}

fn compensation(v: &Vacancy) -> Value {
    match html::salary_of(&v.full) {
        None => json!({ "noCompensation": {} }),
        Some(s) => {
            let mut c = json!({ "currencyCode": s.currency, "gross": s.gross, "mode": s.mode });
            if let Some(from) = s.from {
                c["from"] = json!(from);
                c["perModeFrom"] = json!(from);
            }
            if let Some(to) = s.to {
                c["to"] = json!(to);
                c["perModeTo"] = json!(to);
            }
            if let Some(f) = s.frequency {
                c["frequency"] = json!(f);
            }
            c
        }
    }
}

fn company_state(v: &Vacancy) -> Value {
    let name = v.str("/employer/name").unwrap_or("");
    json!({
        "@showSimilarVacancies": true,
        "@trusted": v.full.pointer("/employer/trusted").and_then(Value::as_bool).unwrap_or(false),
        "@category": "COMPANY",
        "@countryId": 1,
        "@state": "APPROVED",
        "id": number_or_string(v.str("/employer/id").unwrap_or("0")),
        "name": name,
        "visibleName": name,
        "employerOrganizationFormId": 0,
        "accreditedITEmployer": v.full.pointer("/employer/accredited_it_employer").and_then(Value::as_bool).unwrap_or(false),
        "employerOnAdditionalCheck": false,
    })
}

fn area_state(v: &Vacancy) -> Value {
    let id = v.str("/area/id").unwrap_or("113");
    json!({ "@id": number_or_string(id), "name": v.str("/area/name").unwrap_or(""), "path": format!(".113.{id}.") })
}

fn address_state(v: &Vacancy) -> Value {
    match v.full.get("address").filter(|a| a.is_object()) {
        None => Value::Null,
        Some(a) => json!({
            "@disabled": false,
            "@wrong": false,
            "city": a.get("city"),
            "street": a.get("street"),
            "building": a.get("building"),
            "displayName": a.get("raw"),
        }),
    }
}

fn publication(v: &Vacancy) -> Value {
    json!({ "@timestamp": v.published_ms / 1000, "$": time::format_iso(v.published_ms) })
}

fn tags_state(v: &Vacancy) -> Vec<Value> {
    let exp = v.str("/experience/id").unwrap_or("between1And3");
    let mut tags = vec![
        json!({ "id": format!("vacancy-serp__vacancy-work-experience-{exp}"), "text": experience_tag(exp).1, "icon": "BriefcaseOutlinedSize16" }),
    ];
    if let Some(freq) = v
        .full
        .pointer("/salary_range/frequency")
        .filter(|f| f.is_object())
    {
        tags.push(json!({
            "id": format!("vacancy-serp__vacancy-compensation-frequency-{}", freq.get("id").and_then(Value::as_str).unwrap_or("")),
            "text": format!("Выплаты: {}", freq.get("name").and_then(Value::as_str).unwrap_or("")),
        }));
    }
    tags
}

/// A vacancy as the search page's state lists it (and `shortVacancy` on the vacancy page).
fn search_state_vacancy(v: &Vacancy, words: &[String], position: usize, applied: bool) -> Value {
    let item = data::search_item(v, words, &[]);
    json!({
        "@workSchedule": v.str("/schedule/id").unwrap_or("fullDay"),
        "@showContact": v.full.get("show_contacts").and_then(Value::as_bool).unwrap_or(false),
        "@responseLetterRequired": v.letter_required(),
        "vacancyId": number_or_string(&v.id),
        "name": v.str("/name").unwrap_or(""),
        "company": company_state(v),
        "compensation": compensation(v),
        "publicationTime": publication(v),
        "area": area_state(v),
        "acceptTemporary": v.full.get("accept_temporary").and_then(Value::as_bool).unwrap_or(false),
        "address": address_state(v),
        "links": { "desktop": format!("https://hh.ru/vacancy/{}", v.id), "mobile": format!("https://m.hh.ru/vacancy/{}", v.id) },
        "professionalRoleIds": [{ "professionalRoleId": ids(v, "professional_roles").iter().map(|i| number_or_string(i)).collect::<Vec<_>>() }],
        "workExperience": v.str("/experience/id"),
        "employment": { "@type": v.str("/employment_form/id").unwrap_or("FULL") },
        "closedForApplicants": false,
        "userTestPresent": v.full.get("has_test").and_then(Value::as_bool).unwrap_or(false),
        "employmentForm": v.str("/employment_form/id"),
        "internship": v.full.get("internship").and_then(Value::as_bool).unwrap_or(false),
        "nightShifts": v.full.get("night_shifts").and_then(Value::as_bool).unwrap_or(false),
        "workFormats": [{ "workFormatsElement": ids(v, "work_format") }],
        "workScheduleByDays": [{ "workScheduleByDaysElement": ids(v, "work_schedule_by_days") }],
        "workingHours": [{ "workingHoursElement": ids(v, "working_hours") }],
        "snippet": item.get("snippet"),
        "userLabels": if applied { json!(["response"]) } else { json!([]) },
        "tags": tags_state(v),
        "labels": [],
        "positionInRequest": position,
    })
}

// ---- search page ----

fn card(v: &Vacancy, text: &str, applied: bool) -> String {
    let id = &v.id;
    let employer_id = v.str("/employer/id").unwrap_or("");
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", text)
        .finish();
    let name = escape(v.str("/name").unwrap_or(""));
    let exp = v.str("/experience/id").unwrap_or("between1And3");
    let (exp_value, exp_text) = experience_tag(exp);
    let mut tags = format!(
        r#"<div class="{TAG}" aria-disabled="false"><div class="{TAG_LABEL}"><data value="{exp_value}" data-qa="vacancy-serp__vacancy-work-experience-{exp}">{exp_text}</data></div></div>"#
    );
    if let Some(freq) = v
        .full
        .pointer("/salary_range/frequency")
        .filter(|f| f.is_object())
    {
        let fid = freq.get("id").and_then(Value::as_str).unwrap_or("");
        let fname = freq.get("name").and_then(Value::as_str).unwrap_or("");
        tags.push_str(&format!(
            r#"<div class="{TAG}" aria-disabled="false"><div class="{TAG_LABEL}"><span data-qa="vacancy-serp__vacancy-compensation-frequency-{fid}">Выплаты: {}</span></div></div>"#,
            escape(fname)
        ));
    }
    if ids(v, "work_format").iter().any(|f| f == "REMOTE") {
        tags.push_str(&format!(
            r#"<div class="{TAG}" aria-disabled="false"><div class="{TAG_LABEL}"><span data-qa="vacancy-label-work-schedule-remote">Можно удалённо</span></div></div>"#
        ));
    }
    let salary = html::salary_of(&v.full)
        .map(|s| {
            format!(
                r#"<span class="{TEXT_LABEL_1}">{}</span>{SPACING_8}"#,
                card_salary(&s)
            )
        })
        .unwrap_or_default();
    let trusted = if v
        .full
        .pointer("/employer/trusted")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        r#"<a data-qa="trusted-employer-link" target="_blank" href="https://feedback.hh.ru/article/details/id/5951"><span class="trusted-employer-check-icon--nJknXR93rX4AV_LR"><svg width="16" height="16" viewBox="0 0 16 16" role="img" aria-hidden="true"></svg></span></a>"#
    } else {
        ""
    };
    let city = v
        .str("/address/city")
        .or_else(|| v.str("/area/name"))
        .unwrap_or("");
    let metro = v
        .str("/address/metro/station_name")
        .map(|m| format!(r#"<span class="metro-station"><span class="{TEXT_LABEL_3}"><span data-qa="address-metro-station-name">{}</span></span></span>"#, escape(m)))
        .unwrap_or_default();
    let responded = if applied {
        format!(
            r#"<div class="{TAG}" aria-disabled="false"><div class="{TAG_LABEL}" data-qa="vacancy-serp__vacancy-responded">Вы откликнулись</div></div>"#
        )
    } else {
        String::new()
    };
    format!(
        r#"<li><div class="loading-target--I1Dlz1LKeYSUDaFk"><div class="magritte-redesign"><div></div><article data-qa="vacancy-serp__vacancy" aria-disabled="false" style="padding-left:12px;padding-right:12px;padding-top:12px;padding-bottom:12px;--magritte-card-border-radius:24px" class="magritte-card___bhGKz_8-6-7 magritte-card-style-primary___eZ6aX_8-6-7 magritte-card-border-style-neutral___611b0_8-6-7 magritte-card-shadow-level-0___RNbQK_8-6-7 magritte-card-stretched___0Uc0J_8-6-7 magritte-card-press-enabled___kXfCl_8-6-7 magritte-card-hover-enabled___-wolU_8-6-7 magritte-increase-shadow___Lvfmm_8-6-7 magritte-border-default___eT8Lg_8-6-7"><div class="magritte-icon-dynamic___KJ4yJ_15-0-3 magritte-icon-dynamic_full-width___vgWH5_15-0-3"><div class="magritte-flex-container___CVFEY_8-6-7"><div class="magritte-text-dynamic___71-Al_5-3-12 magritte-text-dynamic_stretched___wzj-Q_5-3-12"><div id="{id}" class="vacancy-card--n77Dj8TY8VIUF0yM font-inter"><div class="vacancy-info--ieHKDTkezpEj0Gsx"><div class="actions-container-narrow--ERhWyxHyP98YkBk2"></div>{responded}<span class="custom-color-magritte-link--vpnos5EPubw4tVcY vacancy-name-wrapper--PSD41i3dJDUNb5Tr"><a class="{LINK} magritte-link_enable-visited___Biyib_7-1-42" data-qa="serp-item__title" tabindex="0" href="https://hh.ru/vacancy/{id}?{query}&amp;hhtmFrom=vacancy_search_list" target="_blank"><span class="magritte-icon-dynamic___KJ4yJ_15-0-3"><span class="magritte-text___pbpft_5-3-12 magritte-text_style-primary___AQ7MW_5-3-12 magritte-text_typography-title-4-semibold___vUqki_5-3-12"><span data-qa="serp-item__title-text" class="magritte-text___tkzIl_7-1-42">{name}</span></span></span></a></span>{SPACING_8}<div>{salary}<div class="compensation-labels--vwum2s12fQUurc2J compensation-labels_magritte--pbBIkJ7Ww24ZILKz">{tags}</div></div><div class="info-section--YaC_npvTFcwpFd1I"><div><div class="company-name-badges-container--ofqQHaTYRFg0JM18">{trusted}</div><a class="{LINK}" data-qa="vacancy-serp__vacancy-employer" tabindex="0" href="/employer/{employer_id}?hhtmFrom=vacancy_search_list"><span class="magritte-icon-dynamic___KJ4yJ_15-0-3"><span class="{TEXT_LABEL_3}"><span data-qa="vacancy-serp__vacancy-employer-text" class="magritte-text___tkzIl_7-1-42">{employer}</span></span></span></a><address class="address--sQo6S3UaqQUt843N">{SPACING_12}<span data-qa="vacancy-serp__vacancy-address" class="{TEXT_LABEL_3}">{city}</span>{metro}</address></div></div></div><div class="vacancy-card-footer--aYwBwcyTbrwsU6u8">{SPACING_12}<div><div class="magritte-h-spacing-container___rrYJZ_2-1-27"><a class="{BUTTON}" tabindex="0" role="button" data-qa="vacancy-serp__vacancy_response" href="/applicant/vacancy_response?vacancyId={id}&amp;employerId={employer_id}&amp;hhtmFrom=vacancy_search_list"><span class="magritte-button-view___53Slm_7-2-27"><span class="magritte-button__content___BXYU0_7-2-27"><span class="magritte-button__label___zplmt_7-2-27">Откликнуться</span></span></span></a></div></div></div></div></div></div></div><div class="magritte-border-element___x7sZL_8-6-7" style="--magritte-card-border-radius:24px"></div></article></div></div></li>"#,
        employer = escape(v.str("/employer/name").unwrap_or("")),
        city = escape(city),
    )
}

fn vacancies_word(n: usize) -> &'static str {
    let (last, last_two) = (n % 10, n % 100);
    if (11..=14).contains(&last_two) {
        "вакансий"
    } else if last == 1 {
        "вакансия"
    } else if (2..=4).contains(&last) {
        "вакансии"
    } else {
        "вакансий"
    }
}

fn page_link(req: &Req, page: usize) -> String {
    let mut link = form_urlencoded::Serializer::new(String::new());
    for (k, v) in req.query.iter().filter(|(k, _)| k != "page") {
        link.append_pair(k, v);
    }
    link.append_pair("page", &page.to_string());
    format!("/search/vacancy?{}", link.finish())
}

fn pager(req: &Req, page: usize, pages: usize) -> String {
    if pages <= 1 {
        return String::new();
    }
    let mut out =
        String::from(r#"<nav class="magritte-pager" data-qa="pager-block" aria-label="Страницы">"#);
    if page > 0 {
        out.push_str(&format!(
            r#"<a class="{LINK}" data-qa="pager-prev" href="{}">назад</a> "#,
            escape(&page_link(req, page - 1))
        ));
    }
    for p in 0..pages {
        if p == page {
            out.push_str(&format!(
                r#"<span data-qa="pager-page" aria-current="true">{}</span> "#,
                p + 1
            ));
        } else if p < 3 || p + 3 > pages || p.abs_diff(page) <= 2 {
            out.push_str(&format!(
                r#"<a class="{LINK}" data-qa="pager-page" href="{}">{}</a> "#,
                escape(&page_link(req, p)),
                p + 1
            ));
        }
    }
    if page + 1 < pages {
        out.push_str(&format!(
            r#"<a class="{LINK}" data-qa="pager-next" href="{}">дальше</a>"#,
            escape(&page_link(req, page + 1))
        ));
    }
    out.push_str("</nav>");
    out
}

fn search_page(app: &App, req: &Req, logged_in: bool) -> Response {
    // The site is lenient: unknown filter values are dropped rather than refused.
    let query = Query::parse(&req.query).unwrap_or_else(|_| {
        let text: Vec<(String, String)> = req
            .query
            .iter()
            .filter(|(k, _)| k == "text")
            .cloned()
            .collect();
        Query::parse(&text).unwrap_or_default()
    });
    let state = app.lock();
    let per_page = state.settings.search_page_size;
    let page = req
        .q("page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(0);
    let paging = Paging { page, per_page };
    let found = query.run(&state.vacancies);
    let shown = paging.slice(&found);
    let pages = paging.pages(found.len());
    let applied = |v: &Vacancy| state.negotiation_for(&v.id).is_some();
    let cards: String = shown
        .iter()
        .map(|v| card(v, &query.text, applied(v)))
        .collect();
    let heading = if query.text.is_empty() {
        format!("Найдено {} {}", found.len(), vacancies_word(found.len()))
    } else {
        format!(
            "По запросу «{}» найдено {} {}",
            escape(&query.text),
            found.len(),
            vacancies_word(found.len())
        )
    };
    let content = format!(
        r#"<form action="/search/vacancy" method="get" data-qa="search-form"><input type="text" name="text" data-qa="search-input" value="{text}"><button type="submit" data-qa="search-button">Найти</button></form><h1 class="magritte-text___gMq2l_8-3-10" data-qa="title">{heading}</h1><div class="vacancy-serp-content"><div class=""><section data-qa="vacancy-serp__results" id="a11y-main-content" aria-label="Вакансии"><ol class="vacancies-list--fKGBxTUjQkIkJ_iZ">{cards}</ol></section>{pager}</div></div>"#,
        text = escape(&query.text),
        pager = pager(req, page, pages),
    );
    let vacancies: Vec<Value> = shown
        .iter()
        .enumerate()
        .map(|(i, v)| search_state_vacancy(v, &query.words, i + 1, applied(v)))
        .collect();
    let labels: serde_json::Map<String, Value> = shown
        .iter()
        .map(|v| {
            (
                v.id.clone(),
                if applied(v) {
                    json!(["response"])
                } else {
                    json!([])
                },
            )
        })
        .collect();
    let query_map: serde_json::Map<String, Value> = req
        .query
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    let search = req
        .query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let paging_state = if pages > 1 {
        json!({
            "pages": (0..pages).map(|p| json!({ "page": p, "selected": p == page, "url": page_link(req, p) })).collect::<Vec<_>>(),
            "next": if page + 1 < pages { json!({ "page": page + 1, "url": page_link(req, page + 1) }) } else { Value::Null },
            "previous": if page > 0 { json!({ "page": page - 1, "url": page_link(req, page - 1) }) } else { Value::Null },
        })
    } else {
        Value::Null
    };
    let initial = json!({
        "topLevelDomain": "hh.ru",
        "userType": if logged_in { "applicant" } else { "anonymous" },
        "userId": if logged_in { json!(data::USER_ID) } else { Value::Null },
        "xsrfToken": crate::state::random_token(32).to_lowercase(),
        "vacancySearchResult": {
            "savedSearches": { "isSavedSearch": false, "email": null, "selectedClusters": [], "isFormOpen": false, "isShowButton": true, "position": 2 },
            "criteria": {
                "text": query.text,
                "page": page,
                "items_on_page": per_page,
                "currency_code": "RUR",
                "area": req.query.iter().filter(|(k, _)| k == "area").map(|(_, v)| number_or_string(v)).collect::<Vec<_>>(),
                "experience": req.query.iter().filter(|(k, _)| k == "experience").map(|(_, v)| v.clone()).collect::<Vec<_>>(),
                "salary": req.q("salary").and_then(|s| s.parse::<i64>().ok()),
                "only_with_salary": req.q("only_with_salary") == Some("true"),
                "order_by": req.q("order_by").unwrap_or("relevance"),
            },
            "vacancies": vacancies,
            "paging": paging_state,
            "totalResults": found.len(),
        },
        "userLabelsForVacancies": labels,
        "router": { "location": { "pathname": "/search/vacancy", "search": if search.is_empty() { String::new() } else { format!("?{search}") }, "query": query_map } },
    });
    drop(state);
    let nonce = new_nonce();
    let title = if query.text.is_empty() {
        "Работа в Москве".to_string()
    } else {
        format!("Работа {} в Москве", query.text)
    };
    send(
        app,
        StatusCode::OK,
        site_layout(
            &format!("{title} - hh.ru"),
            &content,
            &nonce,
            Some(&initial),
            logged_in,
        ),
        &nonce,
    )
}

// ---- vacancy page ----

fn reply_button(v: &Vacancy, qa: &str) -> String {
    format!(
        r#"<a class="{BUTTON}" tabindex="0" role="button" data-qa="{qa}" rel="nofollow" href="/applicant/vacancy_response?vacancyId={id}&amp;employerId={employer}&amp;hhtmFrom=vacancy"><span class="magritte-button-view___53Slm_7-2-27"><span class="magritte-button__content___BXYU0_7-2-27"><span class="magritte-button__label___zplmt_7-2-27">Откликнуться</span></span></span></a>"#,
        id = v.id,
        employer = v.str("/employer/id").unwrap_or(""),
    )
}

fn flat_view(v: &Vacancy) -> Value {
    let skills = v.key_skills();
    json!({
        "vacancyId": number_or_string(&v.id),
        "name": v.str("/name"),
        "approved": true,
        "status": { "active": !v.archived(), "archived": v.archived(), "disabled": false, "waiting": false, "needFix": false },
        "publicationDate": time::format_iso(v.published_ms),
        "compensation": compensation(v),
        "company": company_state(v),
        "area": area_state(v),
        "address": address_state(v),
        "@showContact": v.full.get("show_contacts").and_then(Value::as_bool).unwrap_or(false),
        "workExperience": v.str("/experience/id"),
        "employmentForm": v.str("/employment_form/id"),
        "workScheduleByDays": ids(v, "work_schedule_by_days"),
        "workingHours": ids(v, "working_hours"),
        "workFormats": ids(v, "work_format"),
        "flyInFlyOutDurations": [],
        "nightShifts": v.full.get("night_shifts").and_then(Value::as_bool).unwrap_or(false),
        "internship": v.full.get("internship").and_then(Value::as_bool).unwrap_or(false),
        "description": v.str("/description").unwrap_or(""),
        "keySkills": if skills.is_empty() { Value::Null } else { json!({ "keySkill": skills }) },
        "professionalRoleIds": ids(v, "professional_roles").iter().map(|i| number_or_string(i)).collect::<Vec<_>>(),
        "features": if v.archived() { json!([]) } else { json!(["canApply"]) },
        "userTestId": if v.full.get("has_test").and_then(Value::as_bool).unwrap_or(false) { json!(1) } else { Value::Null },
        "translations": { "workExperience": experience_text(v.str("/experience/id").unwrap_or("")) },
        "closedForApplicants": false,
        "acceptLaborContract": v.full.get("accept_labor_contract").and_then(Value::as_bool).unwrap_or(false),
        "civilLawContracts": ids(v, "civil_law_contracts"),
        "userLabels": [],
    })
}

fn nested_view(v: &Vacancy) -> Value {
    json!({
        "vacancyFull": {
            "vacancy": {
                "vacancyId": number_or_string(&v.id),
                "name": v.str("/name"),
                "description": v.str("/description").unwrap_or(""),
                "status": { "archived": v.archived(), "disabled": false, "hiddenInArchive": false, "premoderationStatus": "APPROVED", "approved": true },
                "company": {
                    "id": number_or_string(v.str("/employer/id").unwrap_or("0")),
                    "name": v.str("/employer/name"),
                    "visibleName": v.str("/employer/name"),
                    "trusted": v.full.pointer("/employer/trusted").and_then(Value::as_bool).unwrap_or(false),
                    "accreditedITEmployer": v.full.pointer("/employer/accredited_it_employer").and_then(Value::as_bool).unwrap_or(false),
                    "category": "COMPANY",
                    "state": "APPROVED",
                },
                "area": { "id": number_or_string(v.str("/area/id").unwrap_or("113")), "name": v.str("/area/name"), "path": format!(".113.{}.", v.str("/area/id").unwrap_or("113")) },
                "compensation": compensation(v),
                "showContact": v.full.get("show_contacts").and_then(Value::as_bool).unwrap_or(false),
                "closedForApplicants": false,
                "publicationTimeIso": time::format_iso(v.published_ms),
                "workExperience": v.str("/experience/id"),
                "employmentForm": v.str("/employment_form/id"),
                "workScheduleByDays": ids(v, "work_schedule_by_days"),
                "workingHours": ids(v, "working_hours"),
                "workFormats": ids(v, "work_format"),
                "flyInFlyOutDurations": [],
                "nightShifts": v.full.get("night_shifts").and_then(Value::as_bool).unwrap_or(false),
                "internship": v.full.get("internship").and_then(Value::as_bool).unwrap_or(false),
                "keySkills": v.key_skills(),
                "languages": [],
                "driverLicenseTypes": [],
                "employment": v.str("/employment_form/id"),
                "professionalRoleIds": ids(v, "professional_roles").iter().map(|i| number_or_string(i)).collect::<Vec<_>>(),
            },
            "extraVacancyFields": { "userLabels": [], "totalResponsesCount": 0, "tags": tags_state(v), "labels": [] },
            "features": { "features": if v.archived() { json!([]) } else { json!(["canApply"]) } },
            "displayHost": "hh.ru",
        },
        "mapDisabled": false,
        "showSignupForm": false,
        "showResumeForm": false,
    })
}

fn job_posting(v: &Vacancy) -> Value {
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": v.str("/name"),
        "description": v.str("/description").unwrap_or(""),
        "datePosted": time::format_iso(v.published_ms),
        "hiringOrganization": { "@type": "Organization", "name": v.str("/employer/name") },
        "jobLocation": { "@type": "Place", "address": { "@type": "PostalAddress", "addressLocality": v.str("/area/name"), "addressCountry": "RU" } },
        "identifier": { "@type": "PropertyValue", "name": v.str("/employer/name"), "value": v.id },
    });
    if let Some(s) = html::salary_of(&v.full) {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": html::currency_sign(&s.currency).1,
            "value": { "@type": "QuantitativeValue", "minValue": s.from, "maxValue": s.to, "unitText": "MONTH" },
        });
    }
    posting
}

fn vacancy_page(app: &App, id: &str, session: Option<&SiteSession>) -> Response {
    let nonce = new_nonce();
    match vacancy_html(app, id, session, &nonce) {
        Some(body) => send(app, StatusCode::OK, body, &nonce),
        None => not_found_page(app),
    }
}

/// The vacancy page; with a session, the reply link opens hh.ru's reply flow in the page.
pub(crate) fn vacancy_html(
    app: &App,
    id: &str,
    session: Option<&SiteSession>,
    nonce: &str,
) -> Option<String> {
    let state = app.lock();
    let v = state.vacancy(id)?;
    let applied = state.negotiation_for(id).map(|n| n.id.clone());
    let shape = state.settings.vacancy_view;
    let reply_flow = match (session, &applied, v.archived()) {
        (Some(_), None, false) => applicant::reply_flow(app, &state, v, nonce),
        _ => String::new(),
    };
    let salary = match html::salary_of(&v.full) {
        Some(s) => page_salary(&s),
        None => format!(
            r#"<span data-qa="vacancy-salary-compensation-type-undefined" class="{TEXT_LABEL_1}">Уровень дохода не указан</span>"#
        ),
    };
    let frequency = v
        .full
        .pointer("/salary_range/frequency/name")
        .and_then(Value::as_str)
        .map(|f| format!(r#"<p data-qa="compensation-frequency-text" class="{TEXT_LABEL_3}">Выплаты: {}</p>"#, escape(&f.to_lowercase())))
        .unwrap_or_default();
    let formats: Vec<&str> = ids(v, "work_format")
        .iter()
        .map(|f| work_format_text(f))
        .collect();
    let employment = v
        .str("/employment_form/name")
        .or_else(|| v.str("/employment/name"))
        .unwrap_or("Полная");
    let employment = if employment.contains("занятость") {
        employment.to_string()
    } else {
        format!("{employment} занятость")
    };
    let actions_top = match (&applied, v.archived()) {
        (_, true) => {
            r#"<div data-qa="vacancy-archive-description">Вакансия в архиве</div>"#.to_string()
        }
        (Some(nid), false) => format!(
            r#"<div data-qa="vacancy-response-success-standard-notification">Вы откликнулись</div><a class="{LINK}" data-qa="vacancy-response-link-view-topic" href="/applicant/negotiations/item?topicId={nid}">Смотреть отклик</a>"#
        ),
        (None, false) => reply_button(v, "vacancy-response-link-top"),
    };
    let actions_bottom = if applied.is_none() && !v.archived() {
        reply_button(v, "vacancy-response-link-bottom")
    } else {
        String::new()
    };
    let skills = v.key_skills();
    let skills_block = if skills.is_empty() {
        String::new()
    } else {
        let items: String = skills
            .iter()
            .map(|s| {
                format!(
                    r#"<li class="vacancy-skill-list-item--PumrWcVEn0Syd8vd" data-qa="skills-element"><div class="{TAG}" aria-disabled="false"><div class="{TAG_LABEL}">{}</div></div></li>"#,
                    escape(s)
                )
            })
            .collect();
        format!(
            r#"<div class="vacancy-section"><h2 data-qa="title" class="magritte-text___gMq2l_8-3-10">Ключевые навыки</h2>{SPACING_12}<div><ul class="vacancy-skill-list--JsTYRZ5o6dsoavK7">{items}</ul></div></div>"#
        )
    };
    let address = v
        .str("/address/raw")
        .or_else(|| v.str("/area/name"))
        .unwrap_or("");
    let trusted = if v
        .full
        .pointer("/employer/trusted")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        r#"<a data-qa="trusted-employer-link" target="_blank" href="https://feedback.hh.ru/article/details/id/5951"><span class="trusted-employer-check-icon--nJknXR93rX4AV_LR"></span></a>"#
    } else {
        ""
    };
    let published = {
        let hh = time::format_hh(v.published_ms);
        let day: u32 = hh.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
        let month: usize = hh.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        format!(
            "{day}\u{a0}{}\u{a0}{}",
            MONTHS[month.clamp(1, 12) - 1],
            hh.get(0..4).unwrap_or("")
        )
    };
    let content = format!(
        r#"<div class="vacancy-title"><h1 data-qa="vacancy-title" class="bloko-header-section-1">{name}</h1><div class="bloko-v-spacing bloko-v-spacing_base-4"></div><div data-qa="vacancy-salary">{salary}</div></div><div class="magritte-v-spacing-container___mkW1c_2-1-27">{frequency}<p data-qa="work-experience-text" class="{TEXT_LABEL_3}">Опыт работы<!-- -->: <span data-qa="vacancy-experience">{experience}</span></p><div data-qa="common-employment-text" class="{TEXT_LABEL_3}">{employment}</div><p data-qa="work-formats-text" class="{TEXT_LABEL_3}">Формат работы: <!-- -->{formats}</p></div><div class="noprint"><div class="vacancy-actions vacancy-actions_applicant vacancy-actions_magritte-vacancy-top"><div class="vacancy-action vacancy-action_stretched">{actions_top}</div></div></div><div data-qa="vacancy-company__details" class="vacancy-company-details"><span class="vacancy-company-name"><a data-qa="vacancy-company-name" href="/employer/{employer_id}?hhtmFrom=vacancy"><span class="magritte-text___pbpft_5-3-12 magritte-text_style-primary___AQ7MW_5-3-12 magritte-text_typography-title-5-semibold___Y-owC_5-3-12">{employer}</span></a></span>{trusted}</div><div data-qa="vacancy-address-with-map" class="{TEXT_LABEL_3}"><span data-qa="vacancy-view-raw-address">{address}</span></div><div class="bloko-columns-row"><div class="vacancy-description"><div class="vacancy-section vacancy-description--EFiSVIJf2fsi9XYJ"><div class="g-user-content" data-qa="vacancy-description">{description}</div></div></div>{skills_block}<div class="vacancy-actions vacancy-actions_bottom">{actions_bottom}</div><p class="vacancy-creation-time-redesigned">Вакансия опубликована <span>{published}</span> в <span>{area}</span></p></div><script type="application/ld+json" nonce="{nonce}">{ld}</script>{reply_flow}"#,
        name = escape(v.str("/name").unwrap_or("")),
        experience = experience_text(v.str("/experience/id").unwrap_or("")),
        employment = escape(&employment),
        formats = formats.join(", "),
        employer_id = v.str("/employer/id").unwrap_or(""),
        employer = escape(v.str("/employer/name").unwrap_or("")),
        address = escape(address),
        description = v.str("/description").unwrap_or(""),
        area = escape(v.str("/area/name").unwrap_or("")),
        ld = job_posting(v).to_string().replace("</", "<\\/"),
    );
    let mut statuses = serde_json::Map::new();
    statuses.insert(
        v.id.clone(),
        json!({
            "alreadyApplied": applied.is_some(),
            "test": { "hasTests": v.full.get("has_test").and_then(Value::as_bool).unwrap_or(false) },
            "letterMaxLength": crate::state::MAX_MESSAGE_CHARS,
            "shortVacancy": search_state_vacancy(v, &[], 1, applied.is_some()),
        }),
    );
    let view = match shape {
        ViewShape::Flat => flat_view(v),
        ViewShape::Nested => nested_view(v),
    };
    let initial = json!({
        "topLevelDomain": "hh.ru",
        "userType": if session.is_some() { "applicant" } else { "anonymous" },
        "userId": if session.is_some() { json!(data::USER_ID) } else { Value::Null },
        "xsrfToken": session.map(|s| s.xsrf.clone()).unwrap_or_else(|| crate::state::random_token(32).to_lowercase()),
        "canonicalUrl": format!("https://hh.ru/vacancy/{}", v.id),
        "vacancyView": view,
        "applicantVacancyResponseStatuses": statuses,
        "router": { "location": { "pathname": format!("/vacancy/{}", v.id), "search": "", "query": {} } },
    });
    let title = format!(
        "Вакансия {} в {} — работа в компании {}",
        v.str("/name").unwrap_or(""),
        v.str("/area/name").unwrap_or(""),
        v.str("/employer/name").unwrap_or("")
    );
    drop(state);
    Some(site_layout(
        &title,
        &content,
        nonce,
        Some(&initial),
        session.is_some(),
    ))
}

// ---- reply form ----

pub(crate) fn reply_page(app: &App, vacancy_id: &str, error: Option<ReplyError>) -> Response {
    let state = app.lock();
    let Some(v) = state.vacancy(vacancy_id) else {
        drop(state);
        return not_found_page(app);
    };
    let nonce = new_nonce();
    let raw_name = v.str("/name").unwrap_or("").to_string();
    let name = escape(&raw_name);
    let error_block = error
        .map(|e| {
            format!(
                r#"<div class="vacancy-response-error" data-qa="vacancy-response-error-notification" data-qa-popup-error-code="negotiations-{}">{}</div>"#,
                e.value().replace('_', "-"),
                escape(e.russian())
            )
        })
        .unwrap_or_default();
    let body = if let Some(n) = state.negotiation_for(vacancy_id) {
        format!(
            r#"<div data-qa="vacancy-response-already-applied">Вы уже откликнулись на эту вакансию.</div><a data-qa="vacancy-response-link-view-topic" href="/applicant/negotiations/item?topicId={}">Смотреть отклик</a>"#,
            n.id
        )
    } else if v.archived() {
        r#"<div data-qa="vacancy-archive-description">Вакансия в архиве, откликнуться на неё нельзя.</div>"#.to_string()
    } else if v.is_direct() {
        let url = v
            .str("/response_url")
            .unwrap_or("https://career.example.com/");
        format!(
            r#"<div data-qa="vacancy-response-advertising">Работодатель принимает отклики на своём сайте.</div><a data-qa="vacancy-response-link-advertising" href="{}">Перейти на сайт работодателя</a> <a data-qa="vacancy-response-link-advertising-cancel" href="/vacancy/{}">Отмена</a>"#,
            escape(url),
            v.id
        )
    } else {
        reply_form(app, v, &nonce)
    };
    let content = format!(
        r#"<div class="vacancy-response" data-qa="vacancy-response-page"><h1 data-qa="vacancy-response-title">Отклик на вакансию «<a href="/vacancy/{id}">{name}</a>»</h1>{error_block}{body}</div>"#,
        id = v.id,
    );
    drop(state);
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    send(
        app,
        status,
        layout(
            &format!("Отклик на вакансию {raw_name}"),
            &content,
            &nonce,
            None,
        ),
        &nonce,
    )
}

fn reply_form(app: &App, v: &Vacancy, nonce: &str) -> String {
    let resumes: String = app
        .data
        .resumes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = r.get("id").and_then(Value::as_str).unwrap_or("");
            let title = escape(r.get("title").and_then(Value::as_str).unwrap_or(""));
            format!(
                r#"<label data-qa="magritte-select-option-{id}" class="magritte-select-option"><input type="radio" name="resume_hash" value="{id}"{checked}> <span data-qa="resume-title-option">{title}</span></label>"#,
                checked = if i == 0 { " checked" } else { "" },
            )
        })
        .collect();
    let required = v.letter_required();
    let letter_note = if required {
        r#"<p data-qa="vacancy-response-letter-required">Работодатель просит приложить сопроводительное письмо</p>"#
    } else {
        ""
    };
    let test_note = if v.test_required() {
        r#"<p data-qa="employer-asking-for-test">Работодатель просит ответить на вопросы теста — ответы отправятся вместе с откликом.</p>"#
    } else {
        ""
    };
    format!(
        r#"<form id="RESPONSE_MODAL_FORM_ID" method="post" action="/applicant/vacancy_response/popup" data-qa="vacancy-response-form"><input type="hidden" name="vacancy_id" value="{id}"><div data-qa="resume-title">Резюме для отклика</div><div role="radiogroup">{resumes}</div>{test_note}{letter_note}<button type="button" data-qa="vacancy-response-letter-toggle">Сопроводительное письмо</button><div data-qa="vacancy-response-letter-block"{hidden}><textarea data-qa="vacancy-response-form-letter-input" name="letter" rows="8" placeholder="Напишите, почему вас заинтересовала вакансия"></textarea></div></form><button type="submit" form="RESPONSE_MODAL_FORM_ID" class="{BUTTON}" data-qa="vacancy-response-submit-popup">Откликнуться</button><script nonce="{nonce}">document.querySelector('[data-qa="vacancy-response-letter-toggle"]').addEventListener('click', function () {{ document.querySelector('[data-qa="vacancy-response-letter-block"]').hidden = false; }});</script>"#,
        id = v.id,
        hidden = if required { "" } else { " hidden" },
    )
}

fn reply_submit(app: &App, req: &Req) -> Response {
    let vacancy_id = req.field("vacancy_id").unwrap_or("").to_string();
    let outcome = {
        let mut state = app.lock();
        state.reply(
            &app.data,
            Some(&vacancy_id),
            req.field("resume_hash"),
            req.field("letter").unwrap_or(""),
            "site",
            false,
        )
    };
    match outcome {
        Ok(ReplyOutcome::Created(_)) => http::redirect(
            StatusCode::FOUND,
            &format!("/vacancy/{vacancy_id}?hhtmFrom=vacancy_response"),
        ),
        Ok(ReplyOutcome::Direct(url)) => http::redirect(StatusCode::SEE_OTHER, &url),
        Err(ReplyError::VacancyNotFound) | Err(ReplyError::MissingArgument("vacancy_id")) => {
            not_found_page(app)
        }
        Err(error) => reply_page(app, &vacancy_id, Some(error)),
    }
}

// ---- replies list ----

/// How hh.ru dates a reply in the list: «сегодня», «вчера», «26 ноября», or «3 октября 2025» for
/// another year (Moscow time).
pub(crate) fn list_date(ms: i64, now_ms: i64) -> String {
    let day_of = |t: i64| time::format_hh(t).get(0..10).unwrap_or("").to_string();
    if day_of(ms) == day_of(now_ms) {
        return "сегодня".into();
    }
    if day_of(ms) == day_of(now_ms - crate::state::DAY_MS) {
        return "вчера".into();
    }
    let hh = time::format_hh(ms);
    let day: u32 = hh.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    let month: usize = hh.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let date = format!("{day}\u{a0}{}", MONTHS[month.clamp(1, 12) - 1]);
    if hh.get(0..4) == time::format_hh(now_ms).get(0..4) {
        date
    } else {
        format!("{date} {}", hh.get(0..4).unwrap_or(""))
    }
}

fn negotiations_html(state: &State) -> String {
    let now = state.now_ms();
    let mut list: Vec<_> = state
        .negotiations
        .iter()
        .filter(|n| n.vacancy_id.is_some() && n.state != "hidden")
        .collect();
    list.sort_by_key(|n| std::cmp::Reverse(n.updated_ms));
    list.iter()
        .filter_map(|n| {
            let v = state.vacancy(n.vacancy_id.as_deref()?)?;
            let (tag, text) = match n.state.as_str() {
                "invitation" => ("interview", "Приглашение"),
                "discard" => ("discard", "Отказ"),
                _ if n.viewed_by_opponent => ("viewed", "Просмотрен"),
                _ => ("not-viewed", "Не просмотрен"),
            };
            Some(format!(
                r#"<div data-qa="negotiations-item" class="negotiations-item"><div class="negotiations-item-main"><span data-qa="negotiations-tag negotiations-item-{tag}" class="{TAG}"><span class="{TAG_LABEL}">{text}</span></span> <a class="{LINK}" href="/vacancy/{vid}?hhtmFrom=negotiation_list"><span data-qa="negotiations-item-vacancy">{name}</span></a> <span data-qa="negotiations-item-company">{company}</span></div><div class="negotiations-item-side"><span data-qa="negotiations-item-date">{date}</span> <a class="{LINK}" href="/applicant/negotiations/item?topicId={nid}">Перейти к переписке</a></div></div>"#,
                nid = n.id,
                vid = v.id,
                name = escape(v.str("/name").unwrap_or("")),
                company = escape(v.str("/employer/name").unwrap_or("")),
                date = list_date(n.updated_ms, now),
            ))
        })
        .collect()
}

pub(crate) fn negotiations_content(state: &State) -> String {
    let items = negotiations_html(state);
    if items.is_empty() {
        r#"<h1>Отклики</h1><div data-qa="negotiations-list-empty"><h2 data-qa="negotiations-list-empty-title">Откликов пока нет</h2><p>Найдите подходящую вакансию и откликнитесь на неё. <a href="/search/vacancy">Искать вакансии</a></p></div>"#
            .to_string()
    } else {
        format!(r#"<h1>Отклики</h1><div data-qa="negotiations-list">{items}</div>"#)
    }
}

fn negotiations_page(app: &App) -> Response {
    let content = negotiations_content(&app.lock());
    let nonce = new_nonce();
    send(
        app,
        StatusCode::OK,
        site_layout("Отклики и приглашения", &content, &nonce, None, true),
        &nonce,
    )
}

// ---- captcha ----

/// Only a same-site path or an http(s) URL may be a `backurl`.
pub(crate) fn safe_backurl(url: Option<&str>) -> String {
    match url {
        Some(u)
            if u.starts_with("https://")
                || u.starts_with("http://")
                || (u.starts_with('/') && !u.starts_with("//")) =>
        {
            u.to_string()
        }
        _ => "/".to_string(),
    }
}

fn captcha_page(app: &App, req: &Req) -> Response {
    if req.method == Method::POST {
        return http::redirect(StatusCode::FOUND, &safe_backurl(req.field("backurl")));
    }
    let nonce = new_nonce();
    let content = format!(
        r#"<div data-qa="account-captcha"><h1>Подтвердите, что вы не робот</h1><form method="post" action="/account/captcha"><input type="hidden" name="state" value="{state}"><input type="hidden" name="backurl" value="{back}"><input type="text" name="captchaText" data-qa="account-captcha-input"><button type="submit" data-qa="account-captcha-submit">Отправить</button></form></div>"#,
        state = escape(req.q("state").unwrap_or("")),
        back = escape(&safe_backurl(req.q("backurl"))),
    );
    send(
        app,
        StatusCode::OK,
        layout("Подтвердите, что вы не робот", &content, &nonce, None),
        &nonce,
    )
}
