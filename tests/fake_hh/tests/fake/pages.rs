//! hh.ru pages: the selectors of the core's table, the embedded state, the CSP, the reply form and the replies list.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{attrs, count, initial_state, json_of, selector, texts, Fake};

fn keys(prefix: &str) -> Vec<&'static str> {
    hh_job_agent::pages::selectors::SELECTORS
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// The nonce of the CSP header, which every script on the page must carry.
fn csp_nonce(response: &reqwest::Response) -> String {
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let start = csp.find("'nonce-").expect("a nonce source") + "'nonce-".len();
    csp[start..].split('\'').next().unwrap().to_string()
}

#[tokio::test]
async fn search_page_has_every_serp_selector_and_its_state() {
    let fake = Fake::start().await;
    let response = fake.site("/search/vacancy?text=python").await;
    assert_eq!(response.status(), StatusCode::OK);
    let nonce = csp_nonce(&response);
    assert_eq!(
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap(),
        format!("script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'")
    );
    let page = response.text().await.unwrap();
    let scripts = attrs(&page, "script", "nonce");
    assert!(
        !scripts.is_empty() && scripts.iter().all(|n| *n == nonce),
        "{scripts:?}"
    );

    let cards = count(&page, selector("serp.card"));
    assert_eq!(cards, 20, "20 cards by default");
    for key in keys("serp.") {
        let found = count(&page, selector(key));
        assert!(found >= 1, "{key} ({}) is missing", selector(key));
        if key.starts_with("serp.card.") && key != "serp.card.experience" {
            assert_eq!(found, cards, "{key}: one per card");
        }
    }
    assert_eq!(count(&page, selector("page.initial_state")), 1);
    assert_eq!(count(&page, r#"a[data-qa="pager-next"]"#), 1);

    let state = initial_state(&page);
    let vacancies = state["vacancySearchResult"]["vacancies"]
        .as_array()
        .unwrap();
    let links = attrs(&page, selector("serp.card.title_link"), "href");
    assert_eq!(vacancies.len(), links.len());
    for (vacancy, link) in vacancies.iter().zip(&links) {
        let id = vacancy["vacancyId"].as_u64().unwrap();
        assert!(
            link.starts_with(&format!("https://hh.ru/vacancy/{id}?")),
            "{link}"
        );
        assert!(vacancy["workExperience"].is_string());
        assert!(vacancy["company"]["name"].is_string());
    }
    assert!(
        state["vacancySearchResult"]["totalResults"]
            .as_u64()
            .unwrap()
            > 20
    );
    let titles = texts(&page, selector("serp.card.title_text"));
    assert_eq!(titles[0], vacancies[0]["name"].as_str().unwrap());
}

#[tokio::test]
async fn search_cards_write_salaries_with_no_break_spaces_and_no_data_qa() {
    let fake = Fake::start().await;
    let page = fake
        .site("/search/vacancy?text=python")
        .await
        .text()
        .await
        .unwrap();
    let state = initial_state(&page);
    let with_from = state["vacancySearchResult"]["vacancies"]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v["compensation"]["from"].is_number() && v["compensation"]["to"].is_null())
        .expect("a salary with only a lower bound");
    let from = state["vacancySearchResult"]["vacancies"][with_from]["compensation"]["from"]
        .as_i64()
        .unwrap();
    let digits = from.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    let card_text = texts(&page, selector("serp.card")).remove(with_from);
    assert!(
        card_text.contains(&format!("от\u{a0}{grouped}\u{a0}₽")),
        "{card_text}"
    );
    assert!(card_text.contains("за\u{a0}месяц"));
    assert!(!page.contains("vacancy-serp__vacancy-compensation\""));
}

#[tokio::test]
async fn search_page_size_and_paging_follow_the_settings() {
    let fake = Fake::start().await;
    fake.control(Method::POST, "config", json!({ "search_page_size": 50 }))
        .await;
    let page = fake
        .site("/search/vacancy?text=")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(count(&page, selector("serp.card")), 50);
    let next = attrs(&page, r#"a[data-qa="pager-next"]"#, "href")
        .pop()
        .unwrap();
    assert!(next.contains("page=1"), "{next}");
    let second = fake.site(&next).await.text().await.unwrap();
    let first_ids = attrs(&page, selector("serp.card.title_link"), "href");
    let second_ids = attrs(&second, selector("serp.card.title_link"), "href");
    assert_eq!(second_ids.len(), 50);
    assert!(first_ids.iter().all(|id| !second_ids.contains(id)));
    assert_eq!(count(&second, r#"a[data-qa="pager-prev"]"#), 1);
}

#[tokio::test]
async fn vacancy_page_has_every_vacancy_selector_and_the_view_state() {
    let fake = Fake::start().await;
    let search = json_of(
        fake.api(
            Method::GET,
            "/vacancies?text=python&only_with_salary=true&per_page=50",
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    let mut checked = 0;
    for item in search["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let full = json_of(
            fake.api(Method::GET, &format!("/vacancies/{id}"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        let skills: Vec<String> = full["key_skills"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect();
        if skills.is_empty() {
            continue;
        }
        let response = fake.site(&format!("/vacancy/{id}")).await;
        let nonce = csp_nonce(&response);
        let page = response.text().await.unwrap();
        assert!(attrs(&page, "script", "nonce").iter().all(|n| *n == nonce));
        for key in keys("vacancy.") {
            assert!(
                count(&page, selector(key)) >= 1,
                "{key} ({}) missing on /vacancy/{id}",
                selector(key)
            );
        }
        assert_eq!(
            texts(&page, selector("vacancy.title")),
            vec![full["name"].as_str().unwrap().to_string()]
        );
        assert_eq!(texts(&page, selector("vacancy.skill")), skills);
        assert_eq!(
            texts(&page, selector("vacancy.company")),
            vec![full["employer"]["name"].as_str().unwrap().to_string()]
        );
        let state = initial_state(&page);
        let view = &state["vacancyView"];
        assert_eq!(view["vacancyId"].as_u64().unwrap().to_string(), id);
        assert_eq!(view["keySkills"]["keySkill"], json!(skills));
        assert_eq!(view["description"], full["description"]);
        assert_eq!(view["workExperience"], full["experience"]["id"]);
        assert_eq!(
            state["applicantVacancyResponseStatuses"][id]["alreadyApplied"],
            false
        );
        checked += 1;
        if checked == 3 {
            break;
        }
    }
    assert_eq!(
        checked, 3,
        "three vacancies with skills and salary were checked"
    );
    let missing = fake.site("/vacancy/1").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_nested_view_shape_can_be_switched_on() {
    let fake = Fake::start().await;
    let id = fake
        .vacancy_like_python(json!({ "key_skills": [{ "name": "Python" }, { "name": "SQL" }] }))
        .await;
    fake.control(Method::POST, "config", json!({ "vacancy_view": "nested" }))
        .await;
    let page = fake
        .site(&format!("/vacancy/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let state = initial_state(&page);
    let vacancy: &Value = &state["vacancyView"]["vacancyFull"]["vacancy"];
    assert_eq!(vacancy["vacancyId"].as_u64().unwrap().to_string(), id);
    assert_eq!(vacancy["keySkills"], json!(["Python", "SQL"]));
}

#[tokio::test]
async fn csp_can_be_strict_or_off() {
    let fake = Fake::start().await;
    fake.control(Method::POST, "config", json!({ "csp": "strict" }))
        .await;
    let strict = fake.site("/search/vacancy?text=sql").await;
    assert!(strict.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("default-src 'self'; script-src 'nonce-"));
    fake.control(Method::POST, "config", json!({ "csp": "none" }))
        .await;
    let none = fake.site("/search/vacancy?text=sql").await;
    assert!(none.headers().get("content-security-policy").is_none());
    let wrong = fake
        .http
        .post(fake.api_url("/__control/config"))
        .json(&json!({ "csp": "off" }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn replying_through_the_site_form() {
    let fake = Fake::start().await;
    let id = fake
        .vacancy_like_python(json!({ "response_letter_required": true }))
        .await;
    let vacancy_page = fake
        .site(&format!("/vacancy/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let reply_link = attrs(&vacancy_page, selector("vacancy.reply_top"), "href")
        .pop()
        .unwrap();
    let form_page = fake.site(&reply_link).await.text().await.unwrap();
    for css in [
        r#"form#RESPONSE_MODAL_FORM_ID"#,
        r#"textarea[data-qa="vacancy-response-form-letter-input"]"#,
        r#"[data-qa="vacancy-response-submit-popup"]"#,
        r#"[data-qa="resume-title"]"#,
    ] {
        assert_eq!(count(&form_page, css), 1, "{css}");
    }
    let option = format!(
        r#"label[data-qa="magritte-select-option-{}"]"#,
        fake_hh::RESUME_PYTHON_ID
    );
    assert_eq!(count(&form_page, &option), 1);

    let submit = |letter: &'static str| {
        let fields = [
            ("vacancy_id", id.clone()),
            ("resume_hash", fake_hh::RESUME_PYTHON_ID.to_string()),
            ("letter", letter.to_string()),
        ];
        fake.http
            .post(fake.site_url("/applicant/vacancy_response/popup"))
            .form(&fields)
            .send()
    };
    let refused = submit("").await.unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let refused_page = refused.text().await.unwrap();
    assert_eq!(
        attrs(
            &refused_page,
            r#"[data-qa="vacancy-response-error-notification"]"#,
            "data-qa-popup-error-code"
        ),
        vec!["negotiations-empty-message"]
    );

    let sent = submit("Здравствуйте, хочу у вас работать.").await.unwrap();
    assert_eq!(sent.status(), StatusCode::FOUND);
    let after = fake
        .site(&format!("/vacancy/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        count(&after, r#"a[data-qa="vacancy-response-link-view-topic"]"#),
        1
    );
    assert_eq!(count(&after, selector("vacancy.reply_top")), 0);
    assert_eq!(
        initial_state(&after)["applicantVacancyResponseStatuses"][id.as_str()]["alreadyApplied"],
        true
    );

    let list = fake
        .site("/applicant/negotiations")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(count(&list, r#"[data-qa="negotiations-item"]"#), 1);
    assert_eq!(count(&list, r#"[data-qa^="negotiations-tag"]"#), 1);
    let read = hh_job_agent::pages::negotiations_page::read_negotiations(&list).unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(
        (
            read[0].vacancy_id.as_str(),
            read[0].state.as_str(),
            read[0].days_ago
        ),
        (id.as_str(), "response", Some(0))
    );
    let state = fake.control(Method::GET, "state", json!(null)).await;
    assert_eq!(state["negotiations"][0]["via"], "site");
    assert_eq!(
        state["negotiations"][0]["message"],
        "Здравствуйте, хочу у вас работать."
    );
}

#[tokio::test]
async fn the_site_form_shows_the_daily_limit() {
    let fake = Fake::start().await;
    fake.control(Method::POST, "negotiations", json!({ "seed": 200 }))
        .await;
    let id = fake.vacancy_like_python(json!({})).await;
    let fields = [
        ("vacancy_id", id.as_str()),
        ("resume_hash", fake_hh::RESUME_PYTHON_ID),
        ("letter", ""),
    ];
    let page = fake
        .http
        .post(fake.site_url("/applicant/vacancy_response/popup"))
        .form(&fields)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        count(
            &page,
            r#"[data-qa-popup-error-code="negotiations-limit-exceeded"]"#
        ),
        1
    );
    assert!(page.contains("В течение 24 часов можно совершить не более 200 откликов"));
}
