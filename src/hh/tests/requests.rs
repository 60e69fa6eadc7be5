//! The pure request builder: headers, bodies, query encoding, page limits.

use crate::hh::error::HhError;
use crate::hh::models::Page;
use crate::hh::request::*;

fn requests() -> Requests {
    Requests {
        user_agent: "HHJobAgent/0.1 (me@example.com)".into(),
        ..Requests::default()
    }
}

#[test]
fn every_request_carries_the_hh_user_agent() {
    let r = requests();
    let app = OAuthApp {
        client_id: "c".into(),
        client_secret: "s".into(),
        redirect_uri: "https://x/".into(),
    };
    let all = [
        r.me(),
        r.resumes_mine(),
        r.resume("r1"),
        r.vacancy("1"),
        r.negotiation("n"),
        r.negotiation_messages("n"),
        r.apply("1", "r", "", "b"),
        r.saved_search_create("n", &SearchParams::default()),
        r.saved_search_rename("1", "x"),
        r.saved_search_delete("1"),
        r.dictionaries(),
        r.areas(),
        r.publish_resume("r"),
        r.token_exchange(&app, "code"),
        r.token_refresh("rt"),
        r.logout(),
    ];
    for request in all {
        assert_eq!(
            request.header("hh-user-agent"),
            Some("HHJobAgent/0.1 (me@example.com)"),
            "{}",
            request.url
        );
        assert!(
            request.url.starts_with("https://api.hh.ru/"),
            "{}",
            request.url
        );
    }
    let signed = r.me().with_bearer("tok");
    assert_eq!(signed.header("Authorization"), Some("Bearer tok"));
    assert_eq!(
        signed
            .clone()
            .with_bearer("new")
            .headers
            .iter()
            .filter(|(k, _)| k == "Authorization")
            .count(),
        1
    );
}

#[test]
fn reply_is_multipart_with_the_three_fields() {
    let request = requests().apply("123", "abc", "Здравствуйте!\nГотов обсудить.", "XyZ");
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://api.hh.ru/negotiations");
    assert_eq!(
        request.header("Content-Type"),
        Some("multipart/form-data; boundary=XyZ")
    );
    let body = String::from_utf8(request.body.to_bytes()).unwrap();
    assert_eq!(
        body,
        "--XyZ\r\nContent-Disposition: form-data; name=\"vacancy_id\"\r\n\r\n123\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"resume_id\"\r\n\r\nabc\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nЗдравствуйте!\nГотов обсудить.\r\n\
         --XyZ--\r\n"
    );
    let no_letter = requests().apply("1", "r", "  ", "b");
    assert!(!String::from_utf8(no_letter.body.to_bytes())
        .unwrap()
        .contains("message"));
}

#[test]
fn letter_is_checked_for_length_and_presence() {
    assert!(
        check_letter(&"я".repeat(10_000), true).is_ok(),
        "10,000 characters, not bytes"
    );
    assert_eq!(
        check_letter(&"я".repeat(10_001), false),
        Err(HhError::LetterTooLong {
            chars: 10_001,
            max: 10_000
        })
    );
    assert_eq!(check_letter(" \n", true), Err(HhError::LetterRequired));
    assert!(check_letter("", false).is_ok());
}

#[test]
fn token_requests_are_form_encoded() {
    let app = OAuthApp {
        client_id: "id 1".into(),
        client_secret: "s&cret".into(),
        redirect_uri: "https://e.chromiumapp.org/cb".into(),
    };
    let exchange = requests().token_exchange(&app, "CODE");
    assert_eq!(
        (exchange.method, exchange.url.as_str()),
        (Method::Post, "https://api.hh.ru/token")
    );
    assert_eq!(
        exchange.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(exchange.body.to_bytes()).unwrap(),
        "grant_type=authorization_code&client_id=id%201&client_secret=s%26cret&redirect_uri=https%3A%2F%2Fe.chromiumapp.org%2Fcb&code=CODE"
    );
    let refresh = requests().token_refresh("R/1");
    assert_eq!(
        String::from_utf8(refresh.body.to_bytes()).unwrap(),
        "grant_type=refresh_token&refresh_token=R%2F1"
    );
    let logout = requests().logout();
    assert_eq!(
        (logout.method, logout.url.as_str()),
        (Method::Delete, "https://api.hh.ru/oauth/token")
    );
}

fn full_search() -> SearchParams {
    SearchParams {
        text: Some("Rust разработчик & C++".into()),
        search_field: vec!["name".into(), "description".into()],
        experience: vec!["between1And3".into()],
        employment_form: vec!["FULL".into()],
        work_format: vec!["REMOTE".into(), "HYBRID".into()],
        schedule: vec!["flexible".into()],
        employment: vec!["probation".into()],
        area: vec!["1".into(), "2".into()],
        professional_role: vec!["96".into()],
        salary: Some(250_000),
        currency: Some("RUR".into()),
        only_with_salary: Some(true),
        period: Some(7),
        date_from: Some("2025-11-01T00:00:00+0300".into()),
        order_by: Some("publication_time".into()),
        page: Some(2),
        per_page: Some(50),
    }
}

#[test]
fn search_encodes_every_parameter() {
    let request = requests().search_vacancies(&full_search()).unwrap();
    assert_eq!(
        request.url,
        "https://api.hh.ru/vacancies?text=Rust%20%D1%80%D0%B0%D0%B7%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D1%87%D0%B8%D0%BA%20%26%20C%2B%2B\
         &search_field=name&search_field=description&experience=between1And3&employment_form=FULL\
         &work_format=REMOTE&work_format=HYBRID&schedule=flexible&employment=probation&area=1&area=2\
         &professional_role=96&salary=250000&currency=RUR&only_with_salary=true&period=7\
         &date_from=2025-11-01T00%3A00%3A00%2B0300&order_by=publication_time&page=2&per_page=50"
    );
    let pairs = request.query_pairs();
    assert_eq!(pairs[0], ("text".into(), "Rust разработчик & C++".into()));
    assert_eq!(
        pairs.iter().find(|(k, _)| k == "date_from").unwrap().1,
        "2025-11-01T00:00:00+0300"
    );
}

#[test]
fn legacy_endpoints_get_the_current_filters_folded_into_deprecated_ones() {
    let request = requests().similar_vacancies("r1", &full_search()).unwrap();
    assert_eq!(request.path(), "/resumes/r1/similar_vacancies");
    let pairs = request.query_pairs();
    assert!(!pairs
        .iter()
        .any(|(k, _)| k == "work_format" || k == "employment_form"));
    let values = |name: &str| {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(values("schedule"), ["flexible", "remote"]);
    assert_eq!(values("employment"), ["probation", "full"]);

    let create = requests().saved_search_create("Rust удалёнка", &full_search());
    assert_eq!(create.method, Method::Post);
    let pairs = create.query_pairs();
    assert_eq!(pairs[0], ("name".into(), "Rust удалёнка".into()));
    assert!(!pairs.iter().any(|(k, _)| k == "page" || k == "per_page"));
}

#[test]
fn per_page_and_depth_are_checked_before_sending() {
    let search = |page, per_page| SearchParams {
        page: Some(page),
        per_page: Some(per_page),
        ..Default::default()
    };
    assert!(requests().search_vacancies(&search(0, 100)).is_ok());
    assert_eq!(
        requests().search_vacancies(&search(0, 101)),
        Err(HhError::BadArguments(vec!["per_page".into()]))
    );
    assert!(
        requests().search_vacancies(&search(199, 10)).is_ok(),
        "results 1991..2000"
    );
    assert_eq!(
        requests().search_vacancies(&search(200, 10)),
        Err(HhError::PaginationTooDeep)
    );
    assert!(requests().search_vacancies(&search(19, 100)).is_ok());
    assert_eq!(
        requests().search_vacancies(&search(20, 100)),
        Err(HhError::PaginationTooDeep)
    );
    assert_eq!(
        requests().search_vacancies(&SearchParams {
            page: Some(100),
            ..Default::default()
        }),
        Err(HhError::PaginationTooDeep),
        "default per_page is 20"
    );
    assert!(requests().saved_searches(0, 10).is_ok());
    assert!(
        requests().saved_searches(0, 11).is_err(),
        "saved searches allow 10 per page"
    );
}

#[test]
fn next_page_stops_at_the_last_page_and_at_the_depth_limit() {
    let page = |page, pages, per_page| Page::<()> {
        page,
        pages,
        per_page,
        found: 1_000_000,
        items: vec![],
    };
    assert_eq!(next_page(&page(0, 3, 20)), Some(1));
    assert_eq!(next_page(&page(2, 3, 20)), None);
    assert_eq!(next_page(&page(18, 2000, 100)), Some(19));
    assert_eq!(
        next_page(&page(19, 2000, 100)),
        None,
        "page 20 would reach result 2100"
    );
    assert_eq!(next_page(&page(198, 2000, 10)), Some(199));
    assert_eq!(next_page(&page(199, 2000, 10)), None);
    assert_eq!(next_page(&page(0, 5, 0)), None);
}

#[test]
fn ids_in_paths_are_escaped_and_query_parsing_decodes() {
    let request = requests().vacancy("1/../me");
    assert_eq!(request.path(), "/vacancies/1%2F..%2Fme");
    let request = requests()
        .negotiations(&NegotiationsParams::for_vacancy("77"))
        .unwrap();
    assert_eq!(request.url, "https://api.hh.ru/negotiations?vacancy_id=77");
    assert_eq!(
        parse_query("a=1+2&b=%D1%8F&c"),
        [
            ("a".into(), "1 2".into()),
            ("b".into(), "я".into()),
            ("c".into(), "".into())
        ]
    );
}
