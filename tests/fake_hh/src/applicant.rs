//! The logged-in side of hh.ru: the login form and the site session (`hhtoken` and `_xsrf` cookies), «Мои
//! резюме», the resume page, and the reply flow a vacancy page opens in place (warnings, the modal, its
//! XHR answers). Markup uses the `data-qa` names public tools report on hh.ru (README, «Markup sources»).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::data::Vacancy;
use crate::html::{currency_sign, escape, group_digits};
use crate::http::{self, App, Req};
use crate::pages::{
    new_nonce, not_found_page, safe_backurl, send, site_layout, BUTTON, LINK, MONTHS, TAG,
    TAG_LABEL,
};
use crate::state::{Relocation, ReplyError, ReplyOutcome, SiteSession, State};
use crate::time;

const MONTHS_NOMINATIVE: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];

// ---- login ----

pub fn login_content(backurl: Option<&str>, error: Option<&str>) -> String {
    let error = error
        .map(|e| {
            format!(
                r#"<div data-qa="account-login-error" role="alert">{}</div>"#,
                escape(e)
            )
        })
        .unwrap_or_default();
    format!(
        r#"<div class="account-login-page" data-qa="account-login-page"><h1>Вход в личный кабинет</h1>{error}<form method="post" action="/account/login" data-qa="account-login-form"><input type="hidden" name="backurl" value="{back}"><label>Электронная почта или телефон <input type="text" name="username" autocomplete="username" data-qa="login-input-username"></label><label>Пароль <input type="password" name="password" autocomplete="current-password" data-qa="login-input-password"></label><button type="submit" class="{BUTTON}" data-qa="account-login-submit">Войти</button></form></div>"#,
        back = escape(&safe_backurl(backurl)),
    )
}

pub fn login_page(app: &App, backurl: Option<&str>, error: Option<&str>) -> Response {
    let nonce = new_nonce();
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = site_layout(
        "Вход в личный кабинет",
        &login_content(backurl, error),
        &nonce,
        None,
        false,
    );
    send(app, status, body, &nonce)
}

fn with_cookies(mut response: Response, cookies: &[String]) -> Response {
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Any non-empty login and password open a session: `hhtoken` (HttpOnly) and `_xsrf` (read by page scripts).
pub fn login_submit(app: &App, req: &Req) -> Response {
    let filled = |name: &str| req.field(name).is_some_and(|v| !v.trim().is_empty());
    if !filled("username") || !filled("password") {
        return login_page(
            app,
            req.field("backurl"),
            Some("Введите электронную почту или телефон и пароль."),
        );
    }
    let session = app.lock().open_site_session();
    let response = http::redirect(StatusCode::FOUND, &safe_backurl(req.field("backurl")));
    with_cookies(
        response,
        &[
            format!("hhtoken={}; Path=/; Secure; HttpOnly", session.token),
            format!("_xsrf={}; Path=/; Secure", session.xsrf),
        ],
    )
}

pub fn logout(app: &App, req: &Req) -> Response {
    if let Some(token) = crate::pages::cookie(req, "hhtoken") {
        app.lock().site_sessions.retain(|s| s.token != token);
    }
    with_cookies(
        http::redirect(StatusCode::FOUND, "/"),
        &[
            "hhtoken=; Path=/; Secure; HttpOnly; Max-Age=0".to_string(),
            "_xsrf=; Path=/; Secure; Max-Age=0".to_string(),
        ],
    )
}

// ---- «Мои резюме» ----

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn updated_text(ms: i64) -> String {
    let hh = time::format_hh(ms);
    let day: u32 = hh.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    let month: usize = hh.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!(
        "Обновлено {day}\u{a0}{}\u{a0}{} в\u{a0}{}",
        MONTHS[month.clamp(1, 12) - 1],
        hh.get(0..4).unwrap_or(""),
        hh.get(11..16).unwrap_or("")
    )
}

/// The list of `resumes` (the fake's data, or none for the empty state).
pub fn resumes_content(state: &State, resumes: &[Value]) -> String {
    if resumes.is_empty() {
        return r#"<h1>Мои резюме</h1><div data-qa="resume-list-empty"><p>У вас пока нет резюме.</p><a href="/applicant/resumes/new">Создать резюме</a></div>"#.to_string();
    }
    let cards: String = resumes
        .iter()
        .map(|r| {
            let id = str_at(r, "/id");
            let updated = state.resume_state(id).map(|s| s.updated_ms).unwrap_or(0);
            format!(
                r#"<div data-qa="resume" class="applicant-resumes-card"><a class="{LINK}" data-qa="resume-card-link-{id}" href="/resume/{id}"><h3 data-qa="resume-title">{title}</h3><span class="resume-updated">{updated}</span></a><div class="resume-card-footer"><span data-qa="resume-status">Видно всем работодателям</span> · <span>{views} просмотров</span></div></div>"#,
                title = escape(str_at(r, "/title")),
                updated = updated_text(updated),
                views = r.get("total_views").and_then(Value::as_u64).unwrap_or(0),
            )
        })
        .collect();
    format!(r#"<h1>Мои резюме</h1><div data-qa="resume-list">{cards}</div>"#)
}

pub fn resumes_page(app: &App) -> Response {
    let content = resumes_content(&app.lock(), &app.data.resumes);
    let nonce = new_nonce();
    send(
        app,
        StatusCode::OK,
        site_layout("Мои резюме", &content, &nonce, None, true),
        &nonce,
    )
}

// ---- «Автопоиски» ----

/// The user's saved searches as hh.ru's «Автопоиски» page lists them: the name links to the search, with the
/// count of vacancies new since it was last opened. (No public copy of this page exists: the data-qa are the fake's.)
pub fn autosearch_content(state: &State) -> String {
    if state.saved_searches.is_empty() {
        return r#"<h1>Автопоиски</h1><p data-qa="autosearch-empty">У вас пока нет автопоисков.</p>"#.to_string();
    }
    let items: String = state
        .saved_searches
        .iter()
        .map(|search| {
            let (_, new_count) = crate::api::saved_search_counts(state, search);
            let mut link = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &search.params {
                link.append_pair(k, v);
            }
            link.append_pair("saved_search_id", &search.id);
            format!(
                r#"<div data-qa="autosearch-item"><a data-qa="autosearch-item-name" href="/search/vacancy?{}">{}</a> <span data-qa="autosearch-item-new-count">{new_count}</span></div>"#,
                escape(&link.finish()),
                escape(&search.name)
            )
        })
        .collect();
    format!(r#"<h1>Автопоиски</h1><div data-qa="autosearch-list">{items}</div>"#)
}

pub fn autosearch_page(app: &App) -> Response {
    let content = autosearch_content(&app.lock());
    let nonce = new_nonce();
    send(
        app,
        StatusCode::OK,
        site_layout("Автопоиски", &content, &nonce, None, true),
        &nonce,
    )
}

// ---- the resume page ----

/// «6 лет 2 месяца».
pub fn experience_text(months: u64) -> String {
    let plural = |n: u64, forms: [&'static str; 3]| {
        let (last, last_two) = (n % 10, n % 100);
        if (11..=14).contains(&last_two) {
            forms[2]
        } else if last == 1 {
            forms[0]
        } else if (2..=4).contains(&last) {
            forms[1]
        } else {
            forms[2]
        }
    };
    let (years, rest) = (months / 12, months % 12);
    let mut parts = Vec::new();
    if years > 0 {
        parts.push(format!("{years} {}", plural(years, ["год", "года", "лет"])));
    }
    if rest > 0 {
        parts.push(format!(
            "{rest} {}",
            plural(rest, ["месяц", "месяца", "месяцев"])
        ));
    }
    parts.join(" ")
}

fn month_year(date: &str) -> String {
    let month: usize = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!(
        "{} {}",
        MONTHS_NOMINATIVE[month.clamp(1, 12) - 1],
        date.get(0..4).unwrap_or("")
    )
}

fn names(r: &Value, key: &str) -> String {
    r.get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("name").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

fn position_field(key: &str, label: &str, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    format!(
        r#"<div data-qa="resume-position-field-{key}" class="magritte-cell"><div data-qa="cell-text-content">{label}</div><div data-qa="cell-text-content">{}</div></div>"#,
        escape(value)
    )
}

/// A resume page rendered from the same resume JSON the API serves.
pub fn resume_content(r: &Value) -> String {
    let full_name = [
        str_at(r, "/last_name"),
        str_at(r, "/first_name"),
        str_at(r, "/middle_name"),
    ]
    .iter()
    .filter(|p| !p.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    let gender = match str_at(r, "/gender/id") {
        "female" => "Женщина",
        _ => "Мужчина",
    };
    let age = r.get("age").and_then(Value::as_u64).unwrap_or(0);
    let metro = r
        .pointer("/metro/name")
        .and_then(Value::as_str)
        .map(|m| format!(", м.\u{a0}{}", escape(m)))
        .unwrap_or_default();
    let salary = r
        .get("salary")
        .filter(|s| s.is_object())
        .map(|s| {
            let amount = s.get("amount").and_then(Value::as_f64).unwrap_or(0.0) as i64;
            let (sign, _) =
                currency_sign(s.get("currency").and_then(Value::as_str).unwrap_or("RUR"));
            format!(
                r#"<div data-qa="resume-block-salary"><span>{}&nbsp;{sign} на руки</span></div>"#,
                group_digits(amount)
            )
        })
        .unwrap_or_default();
    let jobs: String = r
        .get("experience")
        .and_then(Value::as_array)
        .map(|jobs| {
            jobs.iter()
                .map(|job| {
                    let end = match job.get("end").and_then(Value::as_str) {
                        Some(end) => month_year(end),
                        None => "по настоящее время".to_string(),
                    };
                    format!(
                        r#"<div data-qa="resume-experience-item" class="resume-experience-item"><div class="resume-experience-period"><span data-qa="resume-experience-period-from">{from}</span> — <span data-qa="resume-experience-period-to">{end}</span></div><div class="resume-experience-main"><span data-qa="resume-experience-company-title">{company}</span> <span data-qa="resume-experience-company-area">{area}</span><div data-qa="resume-block-experience-position">{position}</div><div data-qa="resume-block-experience-description">{description}</div></div></div>"#,
                        from = month_year(str_at(job, "/start")),
                        company = escape(str_at(job, "/company")),
                        area = escape(str_at(job, "/area/name")),
                        position = escape(str_at(job, "/position")),
                        description = escape(str_at(job, "/description")),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let experience = if jobs.is_empty() {
        String::new()
    } else {
        let months = r
            .pointer("/total_experience/months")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        format!(
            r#"<div data-qa="resume-block-experience" class="resume-block"><div data-qa="title-container"><h2 data-qa="title">Опыт работы {}</h2></div>{jobs}</div>"#,
            experience_text(months)
        )
    };
    let skills: String = r
        .get("skill_set")
        .and_then(Value::as_array)
        .map(|skills| {
            skills
                .iter()
                .filter_map(Value::as_str)
                .enumerate()
                .map(|(i, skill)| {
                    format!(
                        r#"<div data-qa="skill-tag-{n}" class="{TAG}"><div class="{TAG_LABEL}"><span>{}</span></div></div>"#,
                        escape(skill),
                        n = 5000 + i
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let skills = if skills.is_empty() {
        String::new()
    } else {
        format!(
            r#"<div data-qa="skills-card" class="resume-block"><h2>Навыки</h2><div class="skills-tags">{skills}</div></div>"#
        )
    };
    let about = match str_at(r, "/skills") {
        "" => String::new(),
        text => format!(
            r#"<div data-qa="resume-about-card" class="resume-block"><h2>Обо мне</h2><div data-qa="resume-block-skills-content">{}</div></div>"#,
            escape(text)
        ),
    };
    format!(
        r#"<div class="resume-applicant" data-qa="resume-applicant"><div data-qa="resume-personal-card"><h2 data-qa="resume-personal-name"><span>{name}</span></h2><p><span data-qa="resume-personal-gender">{gender}</span>, <span data-qa="resume-personal-age">{age}&nbsp;лет</span></p><p><span data-qa="resume-personal-address">{area}</span>{metro}</p></div><div data-qa="resume-position-card"><div data-qa="title-container"><h1 data-qa="resume-block-title-position">{title}</h1>{salary}</div>{employment}{formats}</div>{experience}{skills}{about}</div>"#,
        name = escape(&full_name),
        area = escape(str_at(r, "/area/name")),
        title = escape(str_at(r, "/title")),
        employment = position_field(
            "employmentForms",
            "Тип занятости:",
            &names(r, "employment_form")
        ),
        formats = position_field("workFormats", "Формат работы:", &names(r, "work_format")),
    )
}

pub fn resume_page(app: &App, id: &str) -> Response {
    let Some(resume) = app.data.resume(id) else {
        return not_found_page(app);
    };
    let nonce = new_nonce();
    let title = format!("Резюме {}", str_at(resume, "/title"));
    send(
        app,
        StatusCode::OK,
        site_layout(&title, &resume_content(resume), &nonce, None, true),
        &nonce,
    )
}

// ---- the reply flow on a vacancy page ----

/// Questions of the fake's employer test (every vacancy with `has_test` asks these).
pub const TEST_QUESTIONS: [&str; 2] = [
    "Сколько лет вы работаете по этой специальности?",
    "Почему вас интересует эта вакансия?",
];

fn relocation_warned(state: &State, v: &Vacancy, resume: &Value) -> bool {
    match state.settings.relocation_warning {
        Relocation::Always => true,
        Relocation::Never => false,
        Relocation::Auto => {
            let vacancy_area = v.str("/area/id").unwrap_or("");
            !vacancy_area.is_empty()
                && vacancy_area != str_at(resume, "/area/id")
                && str_at(resume, "/relocation/type/id") == "no_relocation"
        }
    }
}

/// The templates and the nonce'd script of the in-page reply flow (logged in, not applied, not archived).
pub fn reply_flow(app: &App, state: &State, v: &Vacancy, nonce: &str) -> String {
    let resumes = &app.data.resumes;
    let Some(first) = resumes.first() else {
        return String::new();
    };
    let mut templates = String::new();
    if v.is_direct() {
        let url = v
            .str("/response_url")
            .unwrap_or("https://career.example.com/");
        templates.push_str(&format!(
            r#"<template id="hh-response-advertising"><div role="dialog" class="vacancy-response-dialog" data-qa="vacancy-response-advertising"><h2>Отклик на сайте работодателя</h2><p>Работодатель принимает отклики на своём сайте.</p><a class="{BUTTON}" data-qa="vacancy-response-link-advertising" href="{}" target="_blank" rel="noopener">Перейти на сайт работодателя</a> <button type="button" data-qa="vacancy-response-link-advertising-cancel">Отмена</button></div></template>"#,
            escape(url)
        ));
    } else if relocation_warned(state, v, first) {
        templates.push_str(&format!(
            r#"<template id="hh-relocation-warning"><div role="dialog" class="vacancy-response-dialog" data-qa="relocation-warning"><h2 data-qa="relocation-warning-title">Вакансия в другом регионе</h2><p>Вакансия в регионе «{}», а в резюме указано «{}» и что вы не готовы к переезду.</p><button type="button" class="{BUTTON}" data-qa="relocation-warning-confirm">Все равно откликнуться</button> <button type="button" data-qa="relocation-warning-abort">Отменить</button></div></template>"#,
            escape(v.str("/area/name").unwrap_or("")),
            escape(str_at(first, "/area/name")),
        ));
    }
    let options: String = resumes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            format!(
                r#"<label data-qa="magritte-select-option-{id}" class="magritte-select-option"><input type="radio" name="resume_hash" value="{id}"{checked}> <span>{title}</span></label>"#,
                id = str_at(r, "/id"),
                title = escape(str_at(r, "/title")),
                checked = if i == 0 { " checked" } else { "" },
            )
        })
        .collect();
    let test = if v.test_required() {
        let tasks: String = TEST_QUESTIONS
            .iter()
            .enumerate()
            .map(|(i, q)| {
                format!(
                    r#"<div data-qa="task-body"><p data-qa="task-question">{q}</p><textarea name="task_{n}_text" rows="3"></textarea></div>"#,
                    n = i + 1
                )
            })
            .collect();
        format!(
            r#"<p data-qa="employer-asking-for-test">Работодатель просит ответить на несколько вопросов — без ответов отклик не отправится.</p>{tasks}"#
        )
    } else {
        String::new()
    };
    let textarea = r#"<textarea data-qa="vacancy-response-popup-form-letter-input" name="letter" rows="8" placeholder="Напишите, почему вас заинтересовала вакансия"></textarea>"#;
    let letter = if v.letter_required() {
        format!(
            r#"<p data-qa="vacancy-response-letter-required">Работодатель просит приложить сопроводительное письмо</p>{textarea}"#
        )
    } else {
        format!(
            r#"<button type="button" data-qa="add-cover-letter">Добавить сопроводительное</button><div data-qa="vacancy-response-letter-block" hidden>{textarea}</div>"#
        )
    };
    templates.push_str(&format!(
        r#"<template id="hh-response-popup"><div role="dialog" class="vacancy-response-dialog" data-qa="vacancy-response-popup"><h2 data-qa="vacancy-response-popup-title">Отклик на вакансию</h2><div data-qa="vacancy-response-popup-errors"></div><form id="RESPONSE_MODAL_FORM_ID" method="post" action="/applicant/vacancy_response/popup"><input type="hidden" name="vacancy_id" value="{id}"><div data-qa="resume-title">{title}</div><div role="radiogroup">{options}</div>{test}{letter}</form><button type="button" data-qa="vacancy-response-popup-close">Отмена</button> <button type="submit" form="RESPONSE_MODAL_FORM_ID" class="{BUTTON}" data-qa="vacancy-response-submit-popup">Откликнуться</button></div></template>"#,
        id = v.id,
        title = escape(str_at(first, "/title")),
    ));
    format!("{templates}<script nonce=\"{nonce}\">{REPLY_SCRIPT}</script>")
}

/// Opens hh.ru's reply flow in the page instead of following the reply link, and posts the modal's form
/// the way hh.ru's page does (XHR with the `_xsrf` cookie as `X-Xsrftoken`).
const REPLY_SCRIPT: &str = r#"(function () {
  var links = Array.prototype.slice.call(document.querySelectorAll('a[data-qa="vacancy-response-link-top"], a[data-qa="vacancy-response-link-bottom"]'));
  function show(id) {
    var node = document.getElementById(id).content.firstElementChild.cloneNode(true);
    // A modal over the page, as hh.ru's: where it sits does not depend on the page's layout.
    node.style.cssText = 'position:fixed;z-index:1000;top:48px;left:50%;transform:translateX(-50%);width:min(560px,90vw);' +
      'max-height:calc(100vh - 96px);overflow:auto;background:#fff;padding:24px;border-radius:16px;box-shadow:0 8px 32px rgba(0,0,0,.25)';
    document.body.appendChild(node);
    return node;
  }
  function cookie(name) {
    var found = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
  }
  function showError(popup, code, text, link) {
    var box = popup.querySelector('[data-qa="vacancy-response-popup-errors"]');
    box.textContent = '';
    var note = document.createElement('div');
    note.setAttribute('data-qa', 'vacancy-response-error-notification');
    note.setAttribute('data-qa-popup-error-code', code);
    note.setAttribute('role', 'alert');
    note.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = link;
      a.setAttribute('data-qa', 'vacancy-response-captcha-link');
      a.textContent = 'Пройти проверку';
      note.appendChild(document.createTextNode(' '));
      note.appendChild(a);
    }
    box.appendChild(note);
  }
  function done(answer) {
    var note = document.createElement('div');
    note.setAttribute('data-qa', 'vacancy-response-success-standard-notification');
    note.textContent = 'Отклик отправлен';
    var view = document.createElement('a');
    view.setAttribute('data-qa', 'vacancy-response-link-view-topic');
    view.href = '/applicant/negotiations/item?topicId=' + answer.topic_id;
    view.textContent = 'Смотреть отклик';
    links.forEach(function (link, i) { if (i === 0) { link.replaceWith(note, view); } else { link.remove(); } });
  }
  function openPopup() {
    var popup = show('hh-response-popup');
    var form = popup.querySelector('form');
    var submit = popup.querySelector('[data-qa="vacancy-response-submit-popup"]');
    var add = popup.querySelector('[data-qa="add-cover-letter"]');
    if (add) add.addEventListener('click', function () {
      popup.querySelector('[data-qa="vacancy-response-letter-block"]').hidden = false;
      add.remove();
    });
    popup.querySelector('[data-qa="vacancy-response-popup-close"]').addEventListener('click', function () { popup.remove(); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true;
      fetch(form.action, {
        method: 'POST', body: new FormData(form), credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest', 'X-Xsrftoken': cookie('_xsrf'), 'Accept': 'application/json' }
      }).then(function (response) {
        return response.json().catch(function () { return {}; });
      }).then(function (answer) {
        submit.disabled = false;
        if (answer.success) { popup.remove(); done(answer); return; }
        var captcha = answer.errors && answer.errors[0] && answer.errors[0].type === 'captcha_required';
        if (captcha) {
          showError(popup, 'negotiations-captcha-required', 'Подтвердите, что вы не робот, и откликнитесь ещё раз.',
            '/account/captcha?backurl=' + encodeURIComponent(location.pathname));
        } else {
          showError(popup, answer.error || 'negotiations-unknown', answer.message || 'Не удалось отправить отклик, попробуйте ещё раз.');
        }
      }, function () {
        submit.disabled = false;
        showError(popup, 'negotiations-network', 'Нет связи с hh.ru, попробуйте ещё раз.');
      });
    });
  }
  function start(event) {
    event.preventDefault();
    if (document.querySelector('.vacancy-response-dialog')) return;
    if (document.getElementById('hh-response-advertising')) {
      var ad = show('hh-response-advertising');
      ad.querySelector('[data-qa="vacancy-response-link-advertising-cancel"]').addEventListener('click', function () { ad.remove(); });
      return;
    }
    if (document.getElementById('hh-relocation-warning')) {
      var warning = show('hh-relocation-warning');
      warning.querySelector('[data-qa="relocation-warning-confirm"]').addEventListener('click', function () { warning.remove(); openPopup(); });
      warning.querySelector('[data-qa="relocation-warning-abort"]').addEventListener('click', function () { warning.remove(); });
      return;
    }
    openPopup();
  }
  links.forEach(function (link) { link.addEventListener('click', start); });
})();"#;

/// `negotiations-limit-exceeded`, … as the modal's `data-qa-popup-error-code`.
pub fn error_code(error: ReplyError) -> String {
    format!("negotiations-{}", error.value().replace('_', "-"))
}

/// The modal's XHR: JSON `{"success": true, "topic_id", "vacancy_id"}` or `{"success": false, "error": code,
/// "message": Russian}` with hh.ru's status for the error.
pub fn reply_submit_xhr(app: &App, req: &Req, session: &SiteSession) -> Response {
    let fail = |status: u16, code: &str, message: &str| {
        http::json_response(
            http::status_of(status),
            &json!({ "success": false, "error": code, "message": message }),
        )
    };
    if req.header("x-xsrftoken") != Some(session.xsrf.as_str()) {
        return fail(
            403,
            "xsrf-check-failed",
            "Страница устарела: обновите её и откликнитесь ещё раз.",
        );
    }
    let vacancy_id = req.field("vacancy_id").unwrap_or("").to_string();
    let mut state = app.lock();
    let test_unanswered = state.vacancy(&vacancy_id).is_some_and(|v| {
        v.test_required()
            && state.negotiation_for(&vacancy_id).is_none()
            && (1..=TEST_QUESTIONS.len()).any(|n| {
                req.field(&format!("task_{n}_text"))
                    .is_none_or(|a| a.trim().is_empty())
            })
    });
    let outcome = if test_unanswered {
        Err(ReplyError::TestRequired)
    } else {
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
        Ok(ReplyOutcome::Created(id)) => {
            http::ok_json(&json!({ "success": true, "topic_id": id, "vacancy_id": vacancy_id }))
        }
        Ok(ReplyOutcome::Direct(url)) => http::ok_json(&json!({
            "success": false,
            "error": "negotiations-direct-vacancy",
            "redirect_url": url,
            "message": "Работодатель принимает отклики на своём сайте.",
        })),
        Err(error) => {
            let message = match error {
                ReplyError::TestRequired => "Ответьте на вопросы работодателя, чтобы откликнуться.",
                other => other.russian(),
            };
            let status = error.status(&state.settings);
            fail(status, &error_code(error), message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn experience_is_written_the_russian_way() {
        assert_eq!(experience_text(74), "6 лет 2 месяца");
        assert_eq!(experience_text(12), "1 год");
        assert_eq!(experience_text(25), "2 года 1 месяц");
        assert_eq!(experience_text(11), "11 месяцев");
        assert_eq!(experience_text(132), "11 лет");
    }
}
