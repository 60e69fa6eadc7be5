//! Recommendations, saved searches and alerts: gathered from a scripted hh.ru, merged, scored, filtered and
//! ranked; saved searches sent as documented; each new vacancy announced once, across worker restarts.

use std::collections::BTreeMap;

use super::*;
use crate::protocol::{
    AlertReport, Recommendation, RecommendationFilters, RecommendationSource, Recommendations,
    SavedSearches,
};

/// The vacancies of the scripted hh.ru and which lists show them.
#[derive(Default)]
struct Market {
    full: BTreeMap<String, Value>,
    similar: Vec<String>,
    search: Vec<String>,
    /// `GET /saved_searches/vacancies` items, and what their `new_items` link finds.
    saved: Vec<Value>,
    saved_news: Vec<String>,
}

type Shared = Rc<RefCell<Market>>;

#[allow(clippy::too_many_arguments)]
fn vacancy(
    id: &str,
    name: &str,
    employer: &str,
    skills: &[&str],
    salary_from: Option<u64>,
    area: (&str, &str),
    format: &str,
    published: &str,
) -> Value {
    json!({
        "id": id, "name": name,
        "description": format!("<p>Нужны: {}</p>", skills.join(", ")),
        "key_skills": skills.iter().map(|s| json!({"name": s})).collect::<Vec<_>>(),
        "experience": {"id": "between3And6"},
        "employer": {"id": format!("e{id}"), "name": employer},
        "area": {"id": area.0, "name": area.1},
        "salary_range": salary_from.map(|from| json!({"from": from, "to": null, "currency": "RUR", "gross": false})),
        "work_format": [{"id": format}],
        "type": {"id": "open"}, "relations": [],
        "response_letter_required": false, "archived": false,
        "alternate_url": format!("https://hh.ru/vacancy/{id}"),
        "published_at": published,
    })
}

/// A search item: the full vacancy without description and key skills, with a snippet instead.
fn item(full: &Value) -> Value {
    let mut item = full.clone();
    let skills: Vec<String> = full["key_skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    let map = item.as_object_mut().unwrap();
    map.remove("description");
    map.remove("key_skills");
    map.insert(
        "snippet".into(),
        json!({"requirement": format!("Опыт с {}", skills.join(", ")), "responsibility": null}),
    );
    item
}

fn page_of(items: Vec<Value>) -> HttpResponse {
    ok(json!({"found": items.len(), "pages": 1, "page": 0, "per_page": 50, "items": items}))
}

fn market() -> Shared {
    let mut market = Market::default();
    for v in [
        vacancy(
            "1",
            "Senior Python-разработчик",
            "Альфа",
            &["Python", "Django", "PostgreSQL", "Docker"],
            Some(300_000),
            ("1", "Москва"),
            "REMOTE",
            "2026-05-27T10:00:00+0300",
        ),
        vacancy(
            "2",
            "Python backend developer",
            "Бета",
            &["Python", "FastAPI", "Kafka"],
            Some(200_000),
            ("2", "Санкт-Петербург"),
            "HYBRID",
            "2026-05-27T11:00:00+0300",
        ),
        vacancy(
            "3",
            "Главный бухгалтер",
            "Гамма",
            &["1С: Бухгалтерия", "МСФО"],
            Some(80_000),
            ("1", "Москва"),
            "ON_SITE",
            "2026-05-27T12:00:00+0300",
        ),
        vacancy(
            "4",
            "Python-разработчик",
            "Рога и копыта",
            &["Python", "Django", "PostgreSQL"],
            None,
            ("1", "Москва"),
            "REMOTE",
            "2026-05-27T13:00:00+0300",
        ),
        vacancy(
            "5",
            "Python-разработчик (Django)",
            "Дельта",
            &["Python", "Django", "PostgreSQL", "Docker"],
            Some(250_000),
            ("1", "Москва"),
            "REMOTE",
            "2026-05-28T09:00:00+0300",
        ),
        vacancy(
            "6",
            "Разработчик Python",
            "Эпсилон",
            &["Python", "Django", "Docker"],
            Some(220_000),
            ("1", "Москва"),
            "REMOTE",
            "2026-05-28T10:00:00+0300",
        ),
    ] {
        market.full.insert(v["id"].as_str().unwrap().to_string(), v);
    }
    market.similar = vec!["1".into(), "2".into(), "3".into()];
    market.search = vec!["2".into(), "4".into()];
    Rc::new(RefCell::new(market))
}

/// hh.ru as the market says, for the requests this part of the agent makes.
fn serve(platform: &FakePlatform, market: &Shared) {
    let market = market.clone();
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        let market = market.borrow();
        let items = |ids: &[String]| page_of(ids.iter().map(|id| item(&market.full[id])).collect());
        let query = parse_query(request.url.split_once('?').map(|(_, q)| q).unwrap_or(""));
        let path = request.path();
        match (request.method, path) {
            (Method::Get, "/resumes/r1/similar_vacancies") => Some(items(&market.similar)),
            (Method::Get, "/vacancies") if query.iter().any(|(k, _)| k == "date_from") => {
                Some(items(&market.saved_news))
            }
            (Method::Get, "/vacancies") => Some(items(&market.search)),
            (Method::Get, p) if p.starts_with("/vacancies/") => {
                market.full.get(&p["/vacancies/".len()..]).cloned().map(ok)
            }
            (Method::Get, "/saved_searches/vacancies") => Some(page_of(market.saved.clone())),
            (Method::Post, "/saved_searches/vacancies") => Some(
                HttpResponse::new(201, "").with_header("Location", "/saved_searches/vacancies/99"),
            ),
            (Method::Put | Method::Delete, p) if p.starts_with("/saved_searches/vacancies/") => {
                Some(HttpResponse::new(204, ""))
            }
            _ => None,
        }
    }));
}

fn setup() -> (FakePlatform, Agent<FakePlatform>, Shared) {
    let (platform, agent) = logged_in();
    let market = market();
    serve(&platform, &market);
    (platform, agent, market)
}

fn recommend(agent: &Agent<FakePlatform>, filters: RecommendationFilters) -> Recommendations {
    match block_on(agent.handle(Request::GetRecommendations { filters })) {
        Response::Recommendations { recommendations } => *recommendations,
        other => panic!("{other:?}"),
    }
}

fn ids(list: &[Recommendation]) -> Vec<&str> {
    list.iter().map(|r| r.vacancy_id.as_str()).collect()
}

fn requests_to(platform: &FakePlatform, method: Method, path: &str) -> Vec<HttpRequest> {
    platform
        .api
        .borrow()
        .requests
        .iter()
        .filter(|r| r.method == method && r.path() == path)
        .cloned()
        .collect()
}

fn query_of(request: &HttpRequest) -> Vec<(String, String)> {
    parse_query(request.url.split_once('?').map(|(_, q)| q).unwrap_or(""))
}

fn values<'a>(query: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    query
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn save_settings(agent: &Agent<FakePlatform>, change: impl FnOnce(&mut Settings)) {
    let mut settings = configured();
    change(&mut settings);
    let answer = block_on(agent.handle(Request::SaveSettings { settings }));
    assert!(matches!(answer, Response::Settings { .. }), "{answer:?}");
}

#[test]
fn both_sources_are_merged_once_each_scored_with_reasons_and_ranked() {
    let (platform, agent, _) = setup();
    let list = recommend(&agent, RecommendationFilters::default());
    assert_eq!(list.channel, Channel::Api);
    assert_eq!(list.total, 4);
    let mut found = ids(&list.items);
    found.sort();
    assert_eq!(
        found,
        ["1", "2", "3", "4"],
        "vacancy 2 is in both lists, shown once"
    );
    let both = list.items.iter().find(|r| r.vacancy_id == "2").unwrap();
    assert_eq!(
        both.sources,
        [
            RecommendationSource::Similar,
            RecommendationSource::ResumeSearch
        ]
    );
    let scores: Vec<u8> = list.items.iter().map(|r| r.report.score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    assert_eq!(
        list.items.last().unwrap().vacancy_id,
        "3",
        "the accountant fits a Python resume least"
    );
    let top = list.items.iter().find(|r| r.vacancy_id == "1").unwrap();
    assert!(
        top.report.matched_skills.iter().any(|s| s == "Python"),
        "{top:?}"
    );
    assert!(list.items.iter().all(|r| !r.report.summary.is_empty()));
    assert!(
        list.items.iter().all(|r| !r.report.preliminary),
        "the best are scored from the full vacancy"
    );
    assert_eq!(top.salary.as_deref(), Some("от 300 000 ₽ на руки"));
    assert_eq!(list.areas, ["Москва", "Санкт-Петербург"]);

    // The search is built from the resume: title or top skills, its area, its experience and one below.
    let searches = requests_to(&platform, Method::Get, "/vacancies");
    assert_eq!(searches.len(), 1);
    let query = query_of(&searches[0]);
    assert_eq!(
        values(&query, "text"),
        ["(Python-разработчик) OR (Python) OR (Django)"]
    );
    assert_eq!(values(&query, "area"), ["1"]);
    assert_eq!(
        values(&query, "experience"),
        ["between1And3", "between3And6"]
    );
    assert_eq!(
        requests_to(&platform, Method::Get, "/resumes/r1/similar_vacancies").len(),
        1
    );
}

#[test]
fn filters_exclusions_and_replies_shape_the_list() {
    let (platform, agent, _) = setup();
    let all = recommend(&agent, RecommendationFilters::default());
    let score_of = |id: &str| {
        all.items
            .iter()
            .find(|r| r.vacancy_id == id)
            .unwrap()
            .report
            .score
    };
    assert!(score_of("3") < score_of("2"));

    let filtered = |filters: RecommendationFilters| {
        let mut found: Vec<String> = recommend(&agent, filters)
            .items
            .iter()
            .map(|r| r.vacancy_id.clone())
            .collect();
        found.sort();
        found
    };
    let min = RecommendationFilters {
        min_score: score_of("3") + 1,
        ..Default::default()
    };
    assert!(!filtered(min).contains(&"3".to_string()));
    let salary = RecommendationFilters {
        salary_from: Some(250_000),
        ..Default::default()
    };
    assert_eq!(
        filtered(salary.clone()),
        ["1", "4"],
        "a vacancy without a salary may still pay enough"
    );
    let only_with_salary = RecommendationFilters {
        only_with_salary: true,
        ..salary
    };
    assert_eq!(filtered(only_with_salary), ["1"]);
    let hybrid = RecommendationFilters {
        work_formats: vec!["HYBRID".into()],
        ..Default::default()
    };
    assert_eq!(filtered(hybrid), ["2"]);
    let spb = RecommendationFilters {
        area: Some("Санкт-Петербург".into()),
        ..Default::default()
    };
    assert_eq!(filtered(spb), ["2"]);

    // Excluded employers and words are never shown, only counted.
    save_settings(&agent, |s| {
        s.excluded_employers = vec!["рога".into()];
        s.excluded_words = vec!["Бухгалтер".into()];
    });
    let list = recommend(&agent, RecommendationFilters::default());
    let mut shown = ids(&list.items);
    shown.sort();
    assert_eq!(shown, ["1", "2"]);
    assert_eq!(list.excluded, 2);

    // A vacancy replied to is marked, or hidden on request.
    platform
        .store
        .borrow_mut()
        .insert(keys::APPLIED.into(), json!(["1"]));
    let agent = Agent::new(platform.clone());
    let list = recommend(&agent, RecommendationFilters::default());
    assert!(
        list.items
            .iter()
            .find(|r| r.vacancy_id == "1")
            .unwrap()
            .applied
    );
    assert!(
        !list
            .items
            .iter()
            .find(|r| r.vacancy_id == "2")
            .unwrap()
            .applied
    );
    let hide = RecommendationFilters {
        hide_applied: true,
        ..Default::default()
    };
    assert_eq!(ids(&recommend(&agent, hide).items), ["2"]);
}

#[test]
fn the_list_is_reused_for_a_while_and_asked_again_on_refresh() {
    let (platform, agent, _) = setup();
    let similar = || requests_to(&platform, Method::Get, "/resumes/r1/similar_vacancies").len();
    let fetched = || {
        platform
            .api
            .borrow()
            .requests
            .iter()
            .filter(|r| r.path().starts_with("/vacancies/"))
            .count()
    };
    recommend(&agent, RecommendationFilters::default());
    let full_fetches = fetched();
    recommend(
        &agent,
        RecommendationFilters {
            min_score: 10,
            ..Default::default()
        },
    );
    assert_eq!(similar(), 1, "a filter change asks hh.ru nothing");
    assert_eq!(fetched(), full_fetches, "full vacancies are stored");
    recommend(
        &agent,
        RecommendationFilters {
            refresh: true,
            ..Default::default()
        },
    );
    assert_eq!(similar(), 2);
    platform.clock.advance(16 * 60 * 1000);
    recommend(&agent, RecommendationFilters::default());
    assert_eq!(similar(), 3, "an old list is gathered again");
}

#[test]
fn without_the_api_the_search_cards_seen_are_the_recommendations() {
    let (platform, _, _) = setup();
    // As a previous worker life left it after hh.ru answered `no_scope`.
    platform
        .store
        .borrow_mut()
        .insert(keys::API_REFUSED.into(), json!(true));
    let agent = Agent::new(platform.clone());
    let card = |id: &str, title: &str, employer: &str, text: &str| PageCard {
        vacancy_id: id.into(),
        title: title.into(),
        employer: employer.into(),
        text: text.into(),
        address: "Москва".into(),
        ..PageCard::default()
    };
    let cards = vec![
        card(
            "11",
            "Python-разработчик",
            "Альфа",
            "Python-разработчик\nот 250 000 ₽ на руки\nPython, Django, PostgreSQL",
        ),
        card(
            "12",
            "Кладовщик",
            "Склад",
            "Кладовщик\n50 000 ₽\nУчёт товара",
        ),
    ];
    let answer = block_on(agent.handle(Request::ScoreCards { cards }));
    assert!(matches!(answer, Response::Badges { .. }), "{answer:?}");
    let before = platform.api.borrow().requests.len();
    let list = recommend(&agent, RecommendationFilters::default());
    let asked: Vec<String> = platform.api.borrow().requests[before..]
        .iter()
        .map(|r| r.url.clone())
        .collect();
    assert!(asked.is_empty(), "hh.ru's API is not asked: {asked:?}");
    assert_eq!(list.channel, Channel::Pages);
    assert!(
        list.notice
            .as_deref()
            .unwrap()
            .contains("поисковых страниц"),
        "{:?}",
        list.notice
    );
    assert_eq!(ids(&list.items), ["11", "12"]);
    assert_eq!(list.items[0].sources, [RecommendationSource::SeenOnPage]);
    assert_eq!(
        list.items[0].salary.as_deref(),
        Some("от 250 000 ₽ на руки")
    );
    let rich = RecommendationFilters {
        salary_from: Some(100_000),
        ..Default::default()
    };
    assert_eq!(ids(&recommend(&agent, rich).items), ["11"]);
}

fn check(agent: &Agent<FakePlatform>) -> AlertReport {
    match block_on(agent.handle(Request::CheckAlertsNow)) {
        Response::Alerts { alerts } => alerts,
        other => panic!("{other:?}"),
    }
}

fn announced(report: &AlertReport) -> Vec<&str> {
    report
        .announced
        .iter()
        .map(|a| a.vacancy_id.as_str())
        .collect()
}

#[test]
fn each_new_recommendation_above_the_threshold_is_announced_once_even_after_a_restart() {
    let (platform, agent, market) = setup();
    save_settings(&agent, |s| s.alert_min_score = 50);
    let first = check(&agent);
    assert!(
        first.announced.is_empty(),
        "what exists at the start is not news"
    );
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert!(platform.notifications.borrow().is_empty());
    // A lower threshold makes no old vacancy news.
    save_settings(&agent, |s| s.alert_min_score = 0);
    assert!(check(&agent).announced.is_empty());
    save_settings(&agent, |s| s.alert_min_score = 50);

    // hh.ru recommends two more: a good one and an accountant's.
    market.borrow_mut().similar.extend(["5".to_string()]);
    market.borrow_mut().search.push("3".into());
    let second = check(&agent);
    assert_eq!(announced(&second), ["5"]);
    let shown = platform.notifications.borrow().clone();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].0, "hh-alert-5");
    assert!(shown[0].1.starts_with("Новая вакансия · "), "{shown:?}");
    assert!(
        shown[0].2.contains("Python-разработчик (Django) — Дельта"),
        "{shown:?}"
    );
    assert_eq!(*platform.badge.borrow(), "1");

    assert!(check(&agent).announced.is_empty(), "announced once");
    let restarted = Agent::new(platform.clone());
    assert!(
        check(&restarted).announced.is_empty(),
        "remembered in storage"
    );
    assert_eq!(platform.notifications.borrow().len(), 1);

    // A click opens the vacancy; the recommendations page shows it as new once, and the badge clears.
    block_on(restarted.handle_notification_click("hh-alert-5"));
    assert_eq!(*platform.tabs.borrow(), ["https://hh.ru/vacancy/5"]);
    let list = recommend(&restarted, RecommendationFilters::default());
    let new: Vec<&str> = list
        .items
        .iter()
        .filter(|r| r.new)
        .map(|r| r.vacancy_id.as_str())
        .collect();
    assert_eq!(new, ["5"]);
    assert_eq!(*platform.badge.borrow(), "");
    assert!(recommend(&restarted, RecommendationFilters::default())
        .items
        .iter()
        .all(|r| !r.new));
    let Response::Alerts { alerts } = block_on(restarted.handle(Request::GetAlerts)) else {
        panic!()
    };
    assert_eq!(alerts.recent.len(), 1);
    assert_eq!(alerts.recent[0].source, "Рекомендации");
}

#[test]
fn saved_search_news_are_announced_without_marking_them_seen_on_hh_ru() {
    let (platform, agent, market) = setup();
    save_settings(&agent, |s| s.alert_min_score = 100);
    let saved = |new: u32| {
        json!({
            "id": "77", "name": "Python удалённо", "created_at": "2026-05-20T10:00:00+0300",
            "items": {"count": 12, "url": "https://api.hh.ru/vacancies?text=python&work_format=REMOTE&saved_search_id=77"},
            "new_items": {"count": new, "url": "https://api.hh.ru/vacancies?text=python&work_format=REMOTE&saved_search_id=77&date_from=2026-05-28T09%3A00%3A00%2B0300"},
        })
    };
    market.borrow_mut().saved = vec![saved(0)];
    assert!(check(&agent).announced.is_empty());
    market.borrow_mut().saved = vec![saved(1)];
    market.borrow_mut().saved_news = vec!["6".into()];
    let report = check(&agent);
    assert_eq!(announced(&report), ["6"]);
    assert_eq!(report.announced[0].source, "Python удалённо");
    let news = requests_to(&platform, Method::Get, "/vacancies")
        .into_iter()
        .find(|r| r.url.contains("date_from"))
        .unwrap();
    let query = query_of(&news);
    assert!(values(&query, "saved_search_id").is_empty(), "{}", news.url);
    assert_eq!(values(&query, "text"), ["python"]);
    assert_eq!(values(&query, "work_format"), ["REMOTE"]);
    assert_eq!(values(&query, "date_from"), ["2026-05-28T09:00:00+0300"]);
    assert!(check(&agent).announced.is_empty());

    // The list shows the new count and the search on hh.ru.
    let Response::SavedSearches { searches } = block_on(agent.handle(Request::GetSavedSearches))
    else {
        panic!()
    };
    assert_eq!(searches.items.len(), 1);
    assert_eq!(searches.items[0].new_count, 1);
    assert_eq!(searches.items[0].total_count, 12);
    assert_eq!(
        searches.items[0].url,
        "https://hh.ru/search/vacancy?text=python&work_format=REMOTE&saved_search_id=77"
    );
}

fn saved_searches(answer: Response) -> SavedSearches {
    match answer {
        Response::SavedSearches { searches } => searches,
        other => panic!("{other:?}"),
    }
}

#[test]
fn saved_searches_are_created_renamed_and_deleted_as_documented() {
    let (platform, agent, _) = setup();
    saved_searches(block_on(agent.handle(Request::CreateSavedSearch {
        name: "  Python   в Москве ".into(),
        filters: None,
    })));
    let created = requests_to(&platform, Method::Post, "/saved_searches/vacancies");
    assert_eq!(created.len(), 1);
    assert!(
        matches!(created[0].body, crate::hh::request::Body::None),
        "query parameters, no body"
    );
    let query = query_of(&created[0]);
    assert_eq!(values(&query, "name"), ["Python в Москве"]);
    assert_eq!(
        values(&query, "text"),
        ["(Python-разработчик) OR (Python) OR (Django)"]
    );
    assert_eq!(values(&query, "area"), ["1"]);

    // From the filters: the area's id is taken from the recommendations that named it.
    recommend(&agent, RecommendationFilters::default());
    let filters = RecommendationFilters {
        salary_from: Some(250_000),
        work_formats: vec!["REMOTE".into()],
        area: Some("Санкт-Петербург".into()),
        ..Default::default()
    };
    saved_searches(block_on(agent.handle(Request::CreateSavedSearch {
        name: "Удалённо от 250".into(),
        filters: Some(filters),
    })));
    let created = requests_to(&platform, Method::Post, "/saved_searches/vacancies");
    let query = query_of(&created[1]);
    assert_eq!(values(&query, "salary"), ["250000"]);
    assert_eq!(values(&query, "currency"), ["RUR"]);
    assert_eq!(values(&query, "area"), ["2"]);
    assert_eq!(
        values(&query, "schedule"),
        ["remote"],
        "the spec's saved searches know the old `schedule`"
    );

    saved_searches(block_on(agent.handle(Request::RenameSavedSearch {
        id: "99".into(),
        name: "Новое имя".into(),
    })));
    let renamed = requests_to(&platform, Method::Put, "/saved_searches/vacancies/99");
    assert_eq!(values(&query_of(&renamed[0]), "name"), ["Новое имя"]);
    saved_searches(block_on(
        agent.handle(Request::DeleteSavedSearch { id: "99".into() }),
    ));
    assert_eq!(
        requests_to(&platform, Method::Delete, "/saved_searches/vacancies/99").len(),
        1
    );

    let Response::Error { error } = block_on(agent.handle(Request::CreateSavedSearch {
        name: "   ".into(),
        filters: None,
    })) else {
        panic!()
    };
    assert_eq!(error.code, "bad_name");
    assert_eq!(
        requests_to(&platform, Method::Post, "/saved_searches/vacancies").len(),
        2
    );
}

#[test]
fn the_alerts_alarm_follows_the_settings_and_runs_politely() {
    let (platform, agent, _) = setup();
    let period = || {
        platform
            .alarms
            .borrow()
            .iter()
            .find(|(n, _)| n == ALERTS_ALARM)
            .map(|(_, p)| *p)
    };
    assert_eq!(period(), Some(60), "hourly by default once logged in");
    save_settings(&agent, |s| s.alert_interval_minutes = 180);
    assert_eq!(period(), Some(180));
    save_settings(&agent, |s| s.alerts_enabled = false);
    assert_eq!(period(), None);
    let report = check(&agent);
    assert!(report.skipped.as_deref().unwrap().contains("выключены"));
    save_settings(&agent, |s| s.alert_interval_minutes = 60);

    // The alarm checks, but not twice within half a period.
    let similar = || requests_to(&platform, Method::Get, "/resumes/r1/similar_vacancies").len();
    block_on(agent.handle_alarm(ALERTS_ALARM));
    assert_eq!(similar(), 1);
    platform.clock.advance(10 * 60 * 1000);
    block_on(agent.handle_alarm(ALERTS_ALARM));
    assert_eq!(similar(), 1, "too soon");
    platform.clock.advance(25 * 60 * 1000);
    block_on(agent.handle_alarm(ALERTS_ALARM));
    assert_eq!(similar(), 2);

    // Two checks at once: the second says one is running.
    let (a, b) = block_on(futures::future::join(
        agent.handle(Request::CheckAlertsNow),
        agent.handle(Request::CheckAlertsNow),
    ));
    let skipped: Vec<Option<String>> = [a, b]
        .into_iter()
        .map(|r| match r {
            Response::Alerts { alerts } => alerts.skipped,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(skipped, [None, Some("Проверка уже идёт.".to_string())]);

    block_on(agent.handle(Request::Logout));
    assert_eq!(period(), None, "no alerts without a login");
}

/// Logged in, but a previous worker life was refused applicant access: the page channel.
fn refused_api() -> (FakePlatform, Agent<FakePlatform>) {
    let (platform, _, _) = setup();
    platform
        .store
        .borrow_mut()
        .insert(keys::API_REFUSED.into(), json!(true));
    let agent = Agent::new(platform.clone());
    (platform, agent)
}

/// hh.ru's search page with these cards (id, title), as the user's session would get it.
fn search_page(cards: &[(&str, &str)]) -> String {
    let cards: String = cards
        .iter()
        .map(|(id, title)| {
            format!(
                r#"<div data-qa="vacancy-serp__vacancy"><a data-qa="serp-item__title" href="https://hh.ru/vacancy/{id}?from=serp"><span data-qa="serp-item__title-text">{title}</span></a><span data-qa="vacancy-serp__vacancy-employer-text">Ромашка</span><span data-qa="vacancy-serp__vacancy-address">Москва</span><p>Python, Django, PostgreSQL</p></div>"#
            )
        })
        .collect();
    format!(r#"<html><body><div data-qa="vacancy-serp__results">{cards}</div></body></html>"#)
}

#[test]
fn without_the_api_alerts_look_at_hh_search_page_for_the_resume_and_announce_each_new_card_once() {
    let (platform, agent) = refused_api();
    save_settings(&agent, |s| s.alert_min_score = 10);
    let page = Rc::new(RefCell::new(search_page(&[("501", "Python-разработчик")])));
    let served = page.clone();
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        (request.site_session && request.path() == "/search/vacancy")
            .then(|| HttpResponse::new(200, served.borrow().clone()))
    }));
    assert!(check(&agent).announced.is_empty(), "the start is not news");
    *page.borrow_mut() = search_page(&[
        ("502", "Python-разработчик (Django)"),
        ("501", "Python-разработчик"),
    ]);
    assert_eq!(announced(&check(&agent)), ["502"]);
    assert!(announced(&check(&agent)).is_empty(), "announced once");
    let looked: Vec<HttpRequest> = platform
        .api
        .borrow()
        .requests
        .iter()
        .filter(|r| r.site_session && r.path() == "/search/vacancy")
        .cloned()
        .collect();
    assert_eq!(looked.len(), 3, "one search page per check");
    assert!(
        values(&query_of(&looked[0]), "text")
            .first()
            .is_some_and(|t| t.contains("Python")),
        "the resume's search"
    );
    assert!(
        platform
            .api
            .borrow()
            .requests
            .iter()
            .all(|r| r.path() != "/saved_searches/vacancies"),
        "saved searches need the API"
    );
}

#[test]
fn without_the_api_saved_searches_come_from_hh_page_and_their_new_cards_are_announced_once() {
    let (platform, agent) = refused_api();
    save_settings(&agent, |s| s.alert_min_score = 100);
    let autosearch = r#"<div data-qa="autosearch-item"><a data-qa="autosearch-item-name" href="/search/vacancy?text=Go&amp;saved_search_id=77">Go-разработка</a> <span data-qa="autosearch-item-new-count">2</span></div>"#;
    let results = Rc::new(RefCell::new(search_page(&[("601", "Go-разработчик")])));
    let served = results.clone();
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        if !request.site_session {
            return None;
        }
        let saved = request.url.contains("saved_search_id=77");
        Some(match request.path() {
            "/applicant/autosearch.xhtml" => HttpResponse::new(200, autosearch),
            "/search/vacancy" if saved => HttpResponse::new(200, served.borrow().clone()),
            "/search/vacancy" => HttpResponse::new(200, search_page(&[])),
            _ => HttpResponse::new(404, ""),
        })
    }));
    let list = saved_searches(block_on(agent.handle(Request::GetSavedSearches)));
    assert_eq!(list.channel, Channel::Pages);
    let names: Vec<(&str, &str, u32)> = list
        .items
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str(), s.new_count))
        .collect();
    assert_eq!(names, [("77", "Go-разработка", 2)]);
    assert_eq!(
        list.items[0].url,
        "https://hh.ru/search/vacancy?text=Go&saved_search_id=77"
    );

    assert!(check(&agent).announced.is_empty(), "the start is not news");
    *results.borrow_mut() = search_page(&[("602", "Go-разработчик"), ("601", "Go-разработчик")]);
    let report = check(&agent);
    assert_eq!(announced(&report), ["602"], "saved searches need no score");
    assert_eq!(report.announced[0].source, "Go-разработка");
    assert!(announced(&check(&agent)).is_empty(), "announced once");
}
