//! api.hh.ru: headers, search, vacancies, resumes, saved searches, dictionaries.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{json_of, Fake};

#[tokio::test]
async fn every_api_request_needs_hh_user_agent() {
    let fake = Fake::start().await;
    let bare = fake
        .http
        .get(fake.api_url("/vacancies"))
        .header("User-Agent", "Mozilla/5.0")
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), StatusCode::BAD_REQUEST);
    let body = json_of(bare).await;
    assert_eq!(
        body["errors"][0],
        json!({ "type": "bad_user_agent", "value": "unset" })
    );
    assert!(body["request_id"].is_string());
    let with_header = fake.api(Method::GET, "/vacancies").send().await.unwrap();
    assert_eq!(with_header.status(), StatusCode::OK);
}

#[tokio::test]
async fn user_methods_need_a_valid_bearer_token() {
    let fake = Fake::start().await;
    let none = fake.api(Method::GET, "/me").send().await.unwrap();
    assert_eq!(none.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        json_of(none).await["errors"][0],
        json!({ "type": "oauth", "value": "bad_authorization" })
    );
    let wrong = fake
        .user(Method::GET, "/me", "USERnotatoken")
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(wrong).await["errors"][0]["value"],
        "bad_authorization"
    );
    let token = fake.token().await;
    let me = json_of(fake.user(Method::GET, "/me", &token).send().await.unwrap()).await;
    assert_eq!(me["first_name"], "Иван");
    assert_eq!(me["id"], fake_hh::USER_ID);
    assert_eq!(me["is_applicant"], true);
    assert_eq!(me["counters"]["resumes_count"], 2);
}

#[tokio::test]
async fn search_pages_through_real_vacancies_without_descriptions() {
    let fake = Fake::start().await;
    let first = json_of(
        fake.api(Method::GET, "/vacancies?text=python&per_page=5")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let found = first["found"].as_u64().unwrap();
    assert!(
        found > 10,
        "the real data has many Python vacancies, found {found}"
    );
    assert_eq!(first["per_page"], 5);
    assert_eq!(first["pages"].as_u64().unwrap(), found.div_ceil(5));
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for item in items {
        assert!(
            item.get("description").is_none() && item.get("key_skills").is_none(),
            "{item}"
        );
        assert!(item["snippet"].is_object());
        assert!(item["url"]
            .as_str()
            .unwrap()
            .starts_with("https://api.hh.ru/vacancies/"));
    }
    let second = json_of(
        fake.api(Method::GET, "/vacancies?text=python&per_page=5&page=1")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let ids = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        ids(&first).iter().all(|id| !ids(&second).contains(id)),
        "pages do not overlap"
    );
    let past_the_end = json_of(
        fake.api(Method::GET, "/vacancies?text=python&per_page=100&page=5")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(past_the_end["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn search_filters_by_experience_salary_and_format() {
    let fake = Fake::start().await;
    let get = |q: &'static str| fake.api(Method::GET, q).send();
    let all = json_of(get("/vacancies?per_page=100").await.unwrap()).await["found"]
        .as_u64()
        .unwrap();
    let with_salary = json_of(
        get("/vacancies?only_with_salary=true&per_page=100")
            .await
            .unwrap(),
    )
    .await;
    assert!(with_salary["found"].as_u64().unwrap() < all);
    assert!(with_salary["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["salary_range"].is_object()));
    let junior = json_of(
        get("/vacancies?experience=noExperience&per_page=100")
            .await
            .unwrap(),
    )
    .await;
    assert!(junior["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["experience"]["id"] == "noExperience"));
    let remote = json_of(
        get("/vacancies?work_format=REMOTE&per_page=100")
            .await
            .unwrap(),
    )
    .await;
    assert!(remote["found"].as_u64().unwrap() > 0);
    for item in remote["items"].as_array().unwrap() {
        assert!(
            item["work_format"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["id"] == "REMOTE"),
            "{item}"
        );
    }
    let rich = json_of(
        get("/vacancies?salary=300000&only_with_salary=true&per_page=100")
            .await
            .unwrap(),
    )
    .await;
    for item in rich["items"].as_array().unwrap() {
        let range = &item["salary_range"];
        assert!(
            range["from"].as_i64().is_none_or(|f| f <= 300_000)
                && range["to"].as_i64().is_none_or(|t| t >= 300_000),
            "{range}"
        );
    }
}

#[tokio::test]
async fn search_rejects_bad_arguments_and_the_2000_depth() {
    let fake = Fake::start().await;
    let deep = fake
        .api(Method::GET, "/vacancies?per_page=100&page=20")
        .send()
        .await
        .unwrap();
    assert_eq!(deep.status(), StatusCode::BAD_REQUEST);
    let body = json_of(deep).await;
    assert_eq!(
        body["errors"],
        json!([{ "type": "bad_argument", "value": "page" }, { "type": "bad_argument", "value": "per_page" }])
    );
    assert_eq!(
        body["description"],
        "you can't look up more than 2000 items in the list"
    );
    let last = fake
        .api(Method::GET, "/vacancies?per_page=10&page=199")
        .send()
        .await
        .unwrap();
    assert_eq!(last.status(), StatusCode::OK);
    for (query, argument) in [
        ("per_page=101", "per_page"),
        ("currency=RUB", "currency"),
        ("experience=senior", "experience"),
        ("page=x", "page"),
    ] {
        let response = fake
            .api(Method::GET, &format!("/vacancies?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(
            json_of(response).await["errors"][0],
            json!({ "type": "bad_argument", "value": argument }),
            "{query}"
        );
    }
}

#[tokio::test]
async fn a_vacancy_is_full_and_an_unknown_one_is_404() {
    let fake = Fake::start().await;
    let search = json_of(
        fake.api(Method::GET, "/vacancies?text=python&per_page=1")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = search["items"][0]["id"].as_str().unwrap();
    let full = json_of(
        fake.api(Method::GET, &format!("/vacancies/{id}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(full["description"].as_str().unwrap().contains('<'));
    assert!(full["key_skills"].is_array());
    assert_eq!(full["relations"], json!([]));
    let missing = fake.api(Method::GET, "/vacancies/1").send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        json_of(missing).await["errors"],
        json!([{ "type": "not_found" }])
    );
}

#[tokio::test]
async fn resumes_and_similar_vacancies_belong_to_the_fake_user() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let mine = json_of(
        fake.user(Method::GET, "/resumes/mine", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let ids: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![fake_hh::RESUME_PYTHON_ID, fake_hh::RESUME_ARCHITECT_ID]
    );
    assert!(
        mine["items"][0]["similar_vacancies"]["counters"]["total"]
            .as_u64()
            .unwrap()
            > 0
    );
    let full = json_of(
        fake.user(
            Method::GET,
            &format!("/resumes/{}", fake_hh::RESUME_PYTHON_ID),
            &token,
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert!(full["skill_set"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "Python"));
    assert!(full["experience"][0]["description"].is_string());
    let similar = json_of(
        fake.user(
            Method::GET,
            &format!(
                "/resumes/{}/similar_vacancies?per_page=10",
                fake_hh::RESUME_PYTHON_ID
            ),
            &token,
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    let names: Vec<String> = similar["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        names.iter().filter(|n| n.contains("python")).count() >= 5,
        "{names:?}"
    );
    let unknown = fake
        .user(Method::GET, "/resumes/nope", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let publish = |t: &str| {
        fake.user(
            Method::POST,
            &format!("/resumes/{}/publish", fake_hh::RESUME_PYTHON_ID),
            t,
        )
        .send()
    };
    assert_eq!(
        publish(&token).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let again = publish(&token).await.unwrap();
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        json_of(again).await["errors"][0],
        json!({ "type": "resumes", "value": "touch_limit_exceeded" })
    );
}

#[tokio::test]
async fn no_scope_closes_applicant_methods_only() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    fake.control(
        Method::POST,
        "config",
        json!({ "applicant_api": "no_scope" }),
    )
    .await;
    for path in [
        "/resumes/mine",
        "/negotiations",
        "/saved_searches/vacancies",
    ] {
        let response = fake.user(Method::GET, path, &token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            json_of(response).await["errors"][0],
            json!({ "type": "oauth", "value": "no_scope" }),
            "{path}"
        );
    }
    assert_eq!(
        fake.user(Method::GET, "/vacancies", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        fake.user(Method::GET, "/me", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn dictionaries_answer_304_to_their_etag() {
    let fake = Fake::start().await;
    let first = fake.api(Method::GET, "/dictionaries").send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let body = json_of(first).await;
    assert!(body["experience"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "between1And3"));
    let cached = fake
        .api(Method::GET, "/dictionaries")
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(cached.headers()["etag"].to_str().unwrap(), etag);
    assert!(cached.bytes().await.unwrap().is_empty());
    let stale = fake
        .api(Method::GET, "/dictionaries")
        .header("If-None-Match", "\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
    let areas = fake.api(Method::GET, "/areas").send().await.unwrap();
    let areas_etag = areas.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(areas_etag, etag);
    assert_eq!(json_of(areas).await[0]["id"], "113");
}

#[tokio::test]
async fn saved_searches_count_new_vacancies() {
    let fake = Fake::start().await;
    let token = fake.token().await;
    let created = fake
        .user(
            Method::POST,
            "/saved_searches/vacancies?name=Python&text=python&only_with_salary=true",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/saved_searches/vacancies/"));
    let list = json_of(
        fake.user(Method::GET, "/saved_searches/vacancies", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let item = &list["items"][0];
    assert_eq!(item["name"], "Python");
    let count = item["items"]["count"].as_u64().unwrap();
    assert!(count > 0);
    assert_eq!(item["new_items"]["count"], 0);
    fake.vacancy_like_python(json!({ "name": "Senior Python-разработчик (новая)", "salary_range": { "from": 400000, "to": null, "currency": "RUR", "gross": false, "mode": { "id": "MONTH", "name": "За месяц" }, "frequency": null } })).await;
    let one = json_of(
        fake.user(Method::GET, &location, &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(one["new_items"]["count"], 1);
    assert_eq!(one["items"]["count"].as_u64().unwrap(), count + 1);
    // Opening the results marks them seen.
    let url = one["items"]["url"]
        .as_str()
        .unwrap()
        .replace("https://api.hh.ru", "");
    assert_eq!(
        fake.user(Method::GET, &url, &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let seen = json_of(
        fake.user(Method::GET, &location, &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(seen["new_items"]["count"], 0);
    let renamed = fake
        .user(
            Method::PUT,
            &format!("{location}?name=Питон&subscription=false"),
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), StatusCode::NO_CONTENT);
    let after = json_of(
        fake.user(Method::GET, &location, &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (after["name"].as_str(), after["subscription"].as_bool()),
        (Some("Питон"), Some(false))
    );
    assert_eq!(
        fake.user(Method::DELETE, &location, &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        fake.user(Method::GET, &location, &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let bad = fake
        .user(
            Method::POST,
            "/saved_searches/vacancies?text=x&currency=RUB",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn options_and_cors_are_harmless() {
    let fake = Fake::start().await;
    let preflight = fake
        .http
        .request(Method::OPTIONS, fake.api_url("/negotiations"))
        .header(
            "Access-Control-Request-Headers",
            "authorization,hh-user-agent",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        preflight.headers()["access-control-allow-headers"],
        "authorization,hh-user-agent"
    );
}
