//! The logged-in hh.ru site: login and logout, pages that need the session, the resume pages read by the
//! core's readers, and the reply modal's XHR answers.

use reqwest::multipart::Form;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{count, selector, Fake};
use hh_job_agent::matching::facts::ResumeFacts;
use hh_job_agent::pages::{negotiations_page, resume_page};

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn applicant_pages_send_a_visitor_to_the_login_form_and_back() {
    let fake = Fake::start().await;
    for path in [
        "/applicant/negotiations",
        "/applicant/resumes",
        "/applicant/vacancy_response?vacancyId=1",
        &format!("/resume/{}", fake_hh::RESUME_PYTHON_ID),
    ] {
        let response = fake
            .anonymous
            .get(fake.site_url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        let back = form_urlencoded::Serializer::new(String::new())
            .append_pair("backurl", path)
            .finish();
        assert_eq!(location(&response), format!("/account/login?{back}"));
    }
    // Vacancy and search pages stay public; the header says «Войти» instead of the name.
    let id = fake.vacancy_like_python(json!({})).await;
    let public = fake
        .anonymous
        .get(fake.site_url(&format!("/vacancy/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(public.status(), StatusCode::OK);
    let page = public.text().await.unwrap();
    assert_eq!(count(&page, selector("header.user")), 0);
    assert_eq!(count(&page, r#"a[data-qa="login"]"#), 1);
    assert_eq!(
        count(&page, "template#hh-response-popup"),
        0,
        "no in-page reply for visitors"
    );

    let form_page = fake
        .anonymous
        .get(fake.site_url("/account/login?backurl=%2Fapplicant%2Fresumes"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(hh_job_agent::pages::is_login_page(&form_page));
    let empty = fake
        .anonymous
        .post(fake.site_url("/account/login"))
        .form(&[("username", ""), ("password", ""), ("backurl", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        count(
            &empty.text().await.unwrap(),
            r#"[data-qa="account-login-error"]"#
        ),
        1
    );

    let login = fake
        .anonymous
        .post(fake.site_url("/account/login"))
        .form(&[
            ("username", "ivan.petrov@example.com"),
            ("password", "секрет"),
            ("backurl", "/applicant/resumes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::FOUND);
    assert_eq!(location(&login), "/applicant/resumes");
    let cookies = set_cookies(&login);
    let hhtoken = cookies.iter().find(|c| c.starts_with("hhtoken=")).unwrap();
    assert!(
        hhtoken.contains("; Path=/")
            && hhtoken.contains("; Secure")
            && hhtoken.contains("; HttpOnly")
    );
    assert!(!hhtoken.to_lowercase().contains("samesite"));
    let xsrf = cookies.iter().find(|c| c.starts_with("_xsrf=")).unwrap();
    assert!(!xsrf.contains("HttpOnly"), "page scripts read _xsrf");
    let cookie: String = cookies
        .iter()
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");

    let resumes = fake
        .anonymous
        .get(fake.site_url("/applicant/resumes"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resumes.status(), StatusCode::OK);
    let page = resumes.text().await.unwrap();
    assert_eq!(count(&page, selector("header.user")), 1);

    let logout = fake
        .anonymous
        .get(fake.site_url("/account/logout"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::FOUND);
    assert!(set_cookies(&logout).iter().all(|c| c.contains("Max-Age=0")));
    let after = fake
        .anonymous
        .get(fake.site_url("/applicant/resumes"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::FOUND, "the session ended");

    // The control API can end every session, as when hh.ru logs the user out.
    assert_eq!(
        fake.site("/applicant/resumes").await.status(),
        StatusCode::OK
    );
    fake.control(Method::POST, "site_session", json!({ "logged_in": false }))
        .await;
    assert_eq!(
        fake.site("/applicant/resumes").await.status(),
        StatusCode::FOUND
    );
}

#[tokio::test]
async fn resume_pages_read_into_the_same_facts_as_the_api_resume() {
    let fake = Fake::start().await;
    let list_page = fake.site("/applicant/resumes").await.text().await.unwrap();
    let list = resume_page::read_resume_list(&list_page).unwrap();
    let ids: Vec<&str> = list.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [fake_hh::RESUME_PYTHON_ID, fake_hh::RESUME_ARCHITECT_ID]
    );
    let token = fake.token().await;
    for link in &list {
        let page = fake
            .site(&format!("/resume/{}", link.id))
            .await
            .text()
            .await
            .unwrap();
        let read = resume_page::read_resume(&page, &link.id).unwrap();
        let api: Value = fake
            .user(Method::GET, &format!("/resumes/{}", link.id), &token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let expected = ResumeFacts::from_api_json(&api);
        assert_eq!(read.title, link.title);
        assert_eq!(read.first_name, "Иван");
        let facts = &read.facts;
        assert_eq!(facts.title, expected.title);
        assert_eq!(facts.skills, expected.skills);
        assert_eq!(facts.skills_text, expected.skills_text);
        assert_eq!(facts.positions, expected.positions);
        assert_eq!(
            facts.total_experience_months,
            expected.total_experience_months
        );
        assert_eq!(facts.salary, expected.salary);
        assert_eq!(facts.area_id, expected.area_id);
        assert_eq!(facts.work_formats, expected.work_formats);
        assert_eq!(facts.employment_forms, expected.employment_forms);
    }
    assert_eq!(
        fake.site("/resume/0000").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// The modal's form as hh.ru's page posts it.
fn modal_form(vacancy_id: &str, letter: &str) -> Form {
    Form::new()
        .text("vacancy_id", vacancy_id.to_string())
        .text("resume_hash", fake_hh::RESUME_PYTHON_ID)
        .text("letter", letter.to_string())
}

async fn post_modal(fake: &Fake, form: Form, xsrf: &str) -> (StatusCode, Value) {
    let response = fake
        .http
        .post(fake.site_url("/applicant/vacancy_response/popup"))
        .header("x-requested-with", "XMLHttpRequest")
        .header("x-xsrftoken", xsrf)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.expect("JSON"))
}

#[tokio::test]
async fn the_reply_modal_answers_json_and_records_the_letter_once() {
    let fake = Fake::start().await;
    let id = fake.vacancy_like_python(json!({})).await;
    let page = fake
        .site(&format!("/vacancy/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(count(&page, "template#hh-response-popup"), 1);
    assert!(page.contains(
        r#"<div role="dialog" class="vacancy-response-dialog" data-qa="vacancy-response-popup">"#
    ));
    assert!(
        !page.contains(r#"<template id="hh-relocation-warning">"#),
        "a Moscow vacancy"
    );

    let (status, answer) = post_modal(&fake, modal_form(&id, "Письмо"), "wrong").await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("xsrf-check-failed"))
    );
    let anonymous = fake
        .anonymous
        .post(fake.site_url("/applicant/vacancy_response/popup"))
        .header("x-requested-with", "XMLHttpRequest")
        .multipart(modal_form(&id, "Письмо"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::FORBIDDEN);

    let letter = "Здравствуйте! Пишу на FastAPI и PostgreSQL шесть лет.";
    let (status, answer) = post_modal(&fake, modal_form(&id, letter), &fake.xsrf).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["success"], true);
    let topic = answer["topic_id"].as_str().unwrap().to_string();
    let (status, again) = post_modal(&fake, modal_form(&id, letter), &fake.xsrf).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(again["error"], "negotiations-already-applied");
    assert_eq!(again["message"], "Вы уже откликались на эту вакансию.");

    let state = fake.control(Method::GET, "state", json!(null)).await;
    let replies: Vec<&Value> = state["negotiations"].as_array().unwrap().iter().collect();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["id"], topic.as_str());
    assert_eq!(
        (replies[0]["via"].as_str(), replies[0]["message"].as_str()),
        (Some("site"), Some(letter))
    );
    let log = fake
        .control(
            Method::GET,
            "requests?path_prefix=/applicant/vacancy_response/popup",
            json!(null),
        )
        .await;
    let sent: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == 200)
        .collect();
    assert_eq!(sent.len(), 1, "the letter reached hh.ru once");
    assert_eq!(sent[0]["form"]["letter"], letter);
    assert_eq!(sent[0]["form"]["resume_hash"], fake_hh::RESUME_PYTHON_ID);

    // The page now shows the view-topic link instead of the reply link and flow.
    let after = fake
        .site(&format!("/vacancy/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(count(&after, selector("reply.view_topic")), 1);
    assert_eq!(count(&after, selector("vacancy.reply_top")), 0);
    assert_eq!(count(&after, "template#hh-response-popup"), 0);
    let list = fake
        .site("/applicant/negotiations")
        .await
        .text()
        .await
        .unwrap();
    let read = negotiations_page::read_negotiations(&list).unwrap();
    assert_eq!(
        (read[0].id.as_str(), read[0].vacancy_id.as_str()),
        (topic.as_str(), id.as_str())
    );
}

#[tokio::test]
async fn each_reply_modal_error_has_its_code() {
    let fake = Fake::start().await;
    let letter_required = fake
        .vacancy_like_python(json!({ "response_letter_required": true }))
        .await;
    let (status, answer) = post_modal(&fake, modal_form(&letter_required, " "), &fake.xsrf).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("negotiations-empty-message"))
    );
    let page = fake
        .site(&format!("/vacancy/{letter_required}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"data-qa="vacancy-response-letter-required""#));
    assert!(
        !page.contains(r#"<button type="button" data-qa="add-cover-letter">"#),
        "the letter field is shown at once"
    );

    let with_test = fake
        .vacancy_like_python(json!({ "has_test": true, "test": { "required": true } }))
        .await;
    let (status, answer) = post_modal(&fake, modal_form(&with_test, ""), &fake.xsrf).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("negotiations-test-required"))
    );
    let answered = modal_form(&with_test, "")
        .text("task_1_text", "Шесть лет")
        .text("task_2_text", "Интересный продукт");
    let (status, answer) = post_modal(&fake, answered, &fake.xsrf).await;
    assert_eq!(
        (status, answer["success"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{answer}"
    );

    let archived = fake.vacancy_like_python(json!({ "archived": true })).await;
    let (_, answer) = post_modal(&fake, modal_form(&archived, ""), &fake.xsrf).await;
    assert_eq!(answer["error"], "negotiations-invalid-vacancy");

    let direct = fake
        .vacancy_like_python(
            json!({ "type": { "id": "direct" }, "response_url": "https://career.example.com/1" }),
        )
        .await;
    let page = fake
        .site(&format!("/vacancy/{direct}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"<template id="hh-response-advertising">"#));
    let (_, answer) = post_modal(&fake, modal_form(&direct, ""), &fake.xsrf).await;
    assert_eq!(
        (answer["error"].as_str(), answer["redirect_url"].as_str()),
        (
            Some("negotiations-direct-vacancy"),
            Some("https://career.example.com/1")
        )
    );

    fake.control(
        Method::POST,
        "config",
        json!({ "reply_limit": 1, "limit_exceeded_status": 429 }),
    )
    .await;
    let third = fake.vacancy_like_python(json!({})).await;
    let (status, answer) = post_modal(&fake, modal_form(&third, ""), &fake.xsrf).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer["error"], "negotiations-limit-exceeded");
    assert!(answer["message"]
        .as_str()
        .unwrap()
        .starts_with("В течение 24 часов"));

    fake.control(
        Method::POST,
        "faults",
        json!({ "path": "/applicant/vacancy_response/popup", "kind": "captcha_required" }),
    )
    .await;
    let (status, answer) = post_modal(&fake, modal_form(&third, ""), &fake.xsrf).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(answer["errors"][0]["type"], "captcha_required");
}

#[tokio::test]
async fn the_relocation_warning_comes_first_for_another_city() {
    let fake = Fake::start().await;
    // Created first: vacancy_like_python copies the newest Python vacancy.
    let moscow = fake.vacancy_like_python(json!({})).await;
    let elsewhere = fake
        .vacancy_like_python(json!({ "area": { "id": "3", "name": "Екатеринбург" } }))
        .await;
    let warned = |page: &str| page.contains(r#"<template id="hh-relocation-warning">"#);
    let page = |id: String| {
        let fake = &fake;
        async move {
            fake.site(&format!("/vacancy/{id}"))
                .await
                .text()
                .await
                .unwrap()
        }
    };
    assert!(warned(&page(elsewhere.clone()).await));
    assert!(!warned(&page(moscow.clone()).await));
    fake.control(
        Method::POST,
        "config",
        json!({ "relocation_warning": "always" }),
    )
    .await;
    assert!(warned(&page(moscow).await));
    fake.control(
        Method::POST,
        "config",
        json!({ "relocation_warning": "never" }),
    )
    .await;
    assert!(!warned(&page(elsewhere).await));
}
