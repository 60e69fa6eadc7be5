//! `HhClient` end to end over a fake hh.ru and a virtual clock: tokens, races, retries, replies, caches.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::executor::block_on;
use futures::future::join;

use super::{bearer, body_fields, json, FakeHh};
use crate::hh::cache::VacancyCache;
use crate::hh::client::*;
use crate::hh::error::{AuthError, GrantError, HhError, NegotiationError};
use crate::hh::ledger::{ReplyLedger, ReplyRecord, DAY_MS};
use crate::hh::oauth::Tokens;
use crate::hh::request::{HttpRequest, OAuthApp, SearchParams};
use crate::hh::transport::{Clock, HttpResponse, ManualClock, TransportError};

const NOW: u64 = 1_750_000_000_000;
const ME: &str = r#"{"id":"1","first_name":"Иван","is_applicant":true}"#;
const TOKEN_EXPIRED: &str = r#"{"errors":[{"type":"oauth","value":"token_expired"}]}"#;

fn valid_tokens() -> Tokens {
    Tokens {
        access: "old".into(),
        refresh: Some("r1".into()),
        expires_at_ms: NOW + DAY_MS,
    }
}

fn expired_tokens() -> Tokens {
    Tokens {
        expires_at_ms: NOW - 1,
        ..valid_tokens()
    }
}

fn new_client(
    fake: &FakeHh,
    tokens: Option<Tokens>,
) -> (HhClient<FakeHh, ManualClock>, Rc<RefCell<Vec<HhEvent>>>) {
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let mut client = HhClient::new(fake.clone(), ManualClock::new(NOW), ClientConfig::default())
        .with_tokens(tokens);
    client.on_event(move |event| sink.borrow_mut().push(event.clone()));
    (client, events)
}

fn is_token_call(request: &HttpRequest) -> bool {
    request.path() == "/token"
}

/// A fake hh.ru where the access token `old` has expired and `r1` refreshes it once to `new`/`r2`.
fn expiring_hh() -> FakeHh {
    let spent = Rc::new(Cell::new(false));
    FakeHh::new(move |request| {
        if is_token_call(request) {
            let fields = body_fields(request);
            assert!(fields.contains(&("refresh_token".into(), "r1".into())));
            if spent.replace(true) {
                return json(
                    400,
                    r#"{"error":"invalid_grant","error_description":"token has already been refreshed"}"#,
                );
            }
            return json(
                200,
                r#"{"access_token":"new","token_type":"bearer","expires_in":1209600,"refresh_token":"r2"}"#,
            );
        }
        match bearer(request).as_deref() {
            Some("new") => json(200, ME),
            _ => json(403, TOKEN_EXPIRED),
        }
    })
}

#[test]
fn requests_carry_the_bearer_token_and_the_user_agent() {
    let fake = FakeHh::new(|_| json(200, ME));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let me = block_on(client.me()).unwrap();
    assert_eq!(me.first_name.as_deref(), Some("Иван"));
    let sent = &fake.requests()[0];
    assert_eq!(sent.header("Authorization"), Some("Bearer old"));
    assert!(sent
        .header("HH-User-Agent")
        .unwrap()
        .starts_with("HHJobAgent/0.1"));
}

#[test]
fn applicant_methods_need_a_login_and_public_ones_go_anonymous() {
    let fake = FakeHh::new(|_| json(200, r#"{"id":"9","name":"Rust"}"#));
    let (client, _) = new_client(&fake, None);
    assert_eq!(block_on(client.resumes_mine()), Err(HhError::NotLoggedIn));
    assert!(fake.requests().is_empty(), "nothing sent without a login");
    block_on(client.vacancy("9")).unwrap();
    assert_eq!(fake.requests()[0].header("Authorization"), None);
}

#[test]
fn token_expired_refreshes_once_and_retries_once() {
    let fake = expiring_hh();
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(block_on(client.me()).unwrap().id, "1");
    assert_eq!(
        fake.requests().iter().filter(|r| is_token_call(r)).count(),
        1
    );
    assert_eq!(fake.count("GET", "/me"), 2);
    let tokens = client.tokens().unwrap();
    assert_eq!(
        (tokens.access.as_str(), tokens.refresh.as_deref()),
        ("new", Some("r2"))
    );
    assert_eq!(tokens.expires_at_ms, NOW + 1_209_600_000);
    assert_eq!(*events.borrow(), [HhEvent::TokensChanged(tokens)]);
}

#[test]
fn concurrent_requests_on_an_expired_token_spend_the_refresh_token_once() {
    let fake = expiring_hh();
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    let (a, b) = block_on(join(client.me(), client.me()));
    assert!(a.is_ok() && b.is_ok(), "{a:?} {b:?}");
    assert_eq!(
        fake.requests().iter().filter(|r| is_token_call(r)).count(),
        1
    );
    assert_eq!(
        fake.count("GET", "/me"),
        4,
        "both failed once, both retried with the new token"
    );
    assert_eq!(events.borrow().len(), 1);
    assert!(client.is_logged_in());
}

#[test]
fn locally_expired_tokens_are_refreshed_before_sending_and_only_once() {
    let fake = expiring_hh();
    let (client, _) = new_client(&fake, Some(expired_tokens()));
    let (a, b) = block_on(join(client.me(), client.me()));
    assert!(a.is_ok() && b.is_ok());
    assert!(is_token_call(&fake.requests()[0]), "refresh first");
    assert_eq!(
        fake.requests().iter().filter(|r| is_token_call(r)).count(),
        1
    );
    assert_eq!(
        fake.count("GET", "/me"),
        2,
        "no request went out with the expired token"
    );
}

#[test]
fn early_refresh_refused_is_not_retried_and_keeps_the_session() {
    let fake = FakeHh::new(|request| {
        if is_token_call(request) {
            return json(
                400,
                r#"{"error":"invalid_grant","error_description":"token not expired"}"#,
            );
        }
        json(403, TOKEN_EXPIRED)
    });
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(
        block_on(client.me()),
        Err(HhError::Grant(GrantError::TokenNotExpired))
    );
    assert_eq!(
        fake.requests().iter().filter(|r| is_token_call(r)).count(),
        1
    );
    assert_eq!(fake.count("GET", "/me"), 1, "the request is not repeated");
    assert_eq!(client.tokens(), Some(valid_tokens()));
    assert!(events.borrow().is_empty());
}

#[test]
fn a_clock_running_ahead_keeps_the_token_and_asks_again_later() {
    let fake = FakeHh::new(|request| {
        if is_token_call(request) {
            return json(
                400,
                r#"{"error":"invalid_grant","error_description":"token not expired"}"#,
            );
        }
        json(200, ME)
    });
    let (client, events) = new_client(&fake, Some(expired_tokens()));
    assert!(block_on(client.me()).is_ok());
    assert!(block_on(client.me()).is_ok());
    assert_eq!(
        fake.requests().iter().filter(|r| is_token_call(r)).count(),
        1,
        "not asked again at once"
    );
    assert_eq!(fake.count("GET", "/me"), 2);
    let tokens = client.tokens().unwrap();
    assert_eq!(
        (tokens.access.as_str(), tokens.expires_at_ms),
        ("old", NOW + 5 * 60 * 1000)
    );
    assert_eq!(*events.borrow(), [HhEvent::TokensChanged(tokens)]);
}

#[test]
fn a_refresh_token_spent_twice_logs_out_cleanly() {
    let fake = FakeHh::new(|request| {
        if is_token_call(request) {
            return json(
                400,
                r#"{"error":"invalid_grant","error_description":"token has already been refreshed"}"#,
            );
        }
        json(403, TOKEN_EXPIRED)
    });
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    let (a, b) = block_on(join(client.me(), client.me()));
    assert_eq!(a, Err(HhError::Grant(GrantError::AlreadyRefreshed)));
    assert!(b.is_err());
    assert_eq!(client.tokens(), None);
    assert_eq!(
        fake.requests().iter().filter(|r| is_token_call(r)).count(),
        1,
        "the second waiter found no tokens"
    );
    assert_eq!(
        *events.borrow(),
        [HhEvent::LoggedOut {
            reason: Some(HhError::Grant(GrantError::AlreadyRefreshed))
        }]
    );
    assert_eq!(block_on(client.resumes_mine()), Err(HhError::NotLoggedIn));
}

#[test]
fn revoked_or_bad_tokens_log_out_cleanly() {
    for value in ["token_revoked", "bad_authorization"] {
        let body = format!(r#"{{"errors":[{{"type":"oauth","value":"{value}"}}]}}"#);
        let fake = FakeHh::new(move |_| json(403, &body));
        let (client, events) = new_client(&fake, Some(valid_tokens()));
        let error = block_on(client.resumes_mine()).unwrap_err();
        assert_eq!(error.code(), value);
        assert!(!client.is_logged_in());
        assert!(matches!(
            events.borrow()[0],
            HhEvent::LoggedOut { reason: Some(_) }
        ));
    }
}

#[test]
fn no_scope_switches_to_the_page_channel_once() {
    let fake = FakeHh::new(|_| json(403, r#"{"errors":[{"type":"oauth","value":"no_scope"}]}"#));
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    assert!(matches!(
        block_on(client.resumes_mine()),
        Err(HhError::ApplicantAccessRefused { .. })
    ));
    assert!(matches!(
        block_on(client.negotiations(&Default::default())),
        Err(HhError::ApplicantAccessRefused { .. })
    ));
    assert!(client.applicant_access_refused());
    assert!(client.is_logged_in(), "the session itself is fine");
    assert_eq!(*events.borrow(), [HhEvent::ApplicantAccessRefused]);
}

#[test]
fn rate_limited_requests_back_off_with_retry_after_then_succeed() {
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    let fake = FakeHh::new(move |_| {
        counter.set(counter.get() + 1);
        match counter.get() {
            1 => Ok(HttpResponse::new(429, "").with_header("Retry-After", "3")),
            2 => Ok(HttpResponse::new(503, "<html>busy</html>")),
            _ => json(200, ME),
        }
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert!(block_on(client.me()).is_ok());
    assert_eq!(calls.get(), 3);
    let sleeps = client.clock().sleeps();
    assert_eq!(sleeps[0], 3000, "Retry-After honoured");
    assert!(
        (500..=1000).contains(&sleeps[1]),
        "second retry: 1000 ms with jitter, {sleeps:?}"
    );
}

#[test]
fn retries_are_bounded() {
    let fake = FakeHh::new(|_| Ok(HttpResponse::new(429, "").with_header("Retry-After", "1")));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(
        block_on(client.me()),
        Err(HhError::RateLimited {
            retry_after_ms: Some(1000)
        })
    );
    assert_eq!(fake.requests().len(), 4);
    let fake = FakeHh::new(|_| Ok(HttpResponse::new(503, "Service Unavailable")));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(
        block_on(client.me()),
        Err(HhError::Server {
            status: 503,
            body: "Service Unavailable".into()
        })
    );
    assert_eq!(fake.requests().len(), 4);
}

#[test]
fn the_rate_limiter_spaces_requests_to_five_per_second() {
    let fake = FakeHh::new(|_| json(200, ME));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    for _ in 0..7 {
        block_on(client.me()).unwrap();
    }
    assert_eq!(
        client.clock().now_ms(),
        NOW + 1000,
        "the sixth waited for the window"
    );
    assert_eq!(client.clock().sleeps(), [1000]);
}

#[test]
fn the_concurrency_cap_holds() {
    let fake = FakeHh::new(|_| json(200, ME));
    let config = ClientConfig {
        polite: crate::hh::polite::PoliteConfig {
            max_concurrent: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    let client = HhClient::new(fake.clone(), ManualClock::new(NOW), config)
        .with_tokens(Some(valid_tokens()));
    let (a, b) = block_on(join(client.me(), client.me()));
    assert!(a.is_ok() && b.is_ok());
    assert_eq!(fake.max_in_flight(), 1);

    let fake = FakeHh::new(|_| json(200, ME));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let _ = block_on(join(client.me(), client.me()));
    assert_eq!(
        fake.max_in_flight(),
        2,
        "the fake does interleave when allowed"
    );
}

#[test]
fn transport_failures_and_bad_bodies_are_clear_errors() {
    let fake = FakeHh::new(|_| Err(TransportError::Network("offline".into())));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(
        block_on(client.me()),
        Err(HhError::Network("offline".into()))
    );
    let fake = FakeHh::new(|_| json(200, "{\"id\": "));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert!(matches!(
        block_on(client.me()),
        Err(HhError::MalformedJson(_))
    ));
}

fn vacancy_with(letter_required: bool, test_required: bool) -> crate::hh::models::Vacancy {
    serde_json::from_value(serde_json::json!({
        "id": "100", "response_letter_required": letter_required, "test": {"required": test_required}
    }))
    .unwrap()
}

fn reply_hh(status: u16, location: &'static str) -> FakeHh {
    FakeHh::new(move |request| {
        assert_eq!(request.path(), "/negotiations");
        Ok(HttpResponse::new(status, "").with_header("Location", location))
    })
}

#[test]
fn a_reply_returns_the_negotiation_id_and_is_logged() {
    let fake = reply_hh(201, "/negotiations/555");
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    let result = block_on(client.apply(
        "100",
        "r1",
        "Добрый день",
        (&vacancy_with(true, false)).into(),
    ));
    assert_eq!(
        result,
        Ok(ApplyResult::Applied {
            negotiation_id: Some("555".into())
        })
    );
    let sent = &fake.requests()[0];
    assert!(sent
        .header("Content-Type")
        .unwrap()
        .starts_with("multipart/form-data; boundary="));
    assert_eq!(
        body_fields(sent),
        [
            ("vacancy_id".into(), "100".into()),
            ("resume_id".into(), "r1".into()),
            ("message".into(), "Добрый день".into())
        ]
    );
    let ledger = client.ledger();
    assert_eq!(ledger.count_in_window(NOW), 1);
    assert_eq!(ledger.records()[0].negotiation_id.as_deref(), Some("555"));
    assert_eq!(*events.borrow(), [HhEvent::LedgerChanged]);
}

#[test]
fn a_direct_vacancy_redirects_and_is_not_counted() {
    let fake = reply_hh(303, "https://employer.example/jobs/1");
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let result = block_on(client.apply("100", "r1", "", ApplyRequirements::default()));
    assert_eq!(
        result,
        Ok(ApplyResult::Redirect {
            url: "https://employer.example/jobs/1".into()
        })
    );
    assert_eq!(client.ledger().count_in_window(NOW), 0);
}

#[test]
fn letter_and_test_are_checked_before_anything_is_sent() {
    let fake = reply_hh(201, "/negotiations/1");
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let long = "ы".repeat(10_001);
    assert_eq!(
        block_on(client.apply("100", "r1", &long, ApplyRequirements::default())),
        Err(HhError::LetterTooLong {
            chars: 10_001,
            max: 10_000
        })
    );
    assert_eq!(
        block_on(client.apply("100", "r1", "   ", (&vacancy_with(true, false)).into())),
        Err(HhError::LetterRequired)
    );
    assert_eq!(
        block_on(client.apply("100", "r1", "Письмо", (&vacancy_with(false, true)).into())),
        Err(HhError::Negotiation(NegotiationError::TestRequired))
    );
    assert!(fake.requests().is_empty());
}

#[test]
fn the_ledger_refuses_at_the_cap_before_sending() {
    let fake = reply_hh(201, "/negotiations/1");
    let mut ledger = ReplyLedger::new(2);
    ledger.record(ReplyRecord {
        vacancy_id: Some("a".into()),
        negotiation_id: None,
        sent_at_ms: NOW - DAY_MS + 60_000,
    });
    ledger.record(ReplyRecord {
        vacancy_id: Some("b".into()),
        negotiation_id: None,
        sent_at_ms: NOW - 1000,
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let client = client.with_ledger(ledger);
    assert_eq!(
        block_on(client.apply("100", "r1", "", ApplyRequirements::default())),
        Err(HhError::ReplyQuotaReached {
            used: 2,
            cap: 2,
            next_possible_at_ms: NOW + 60_000
        })
    );
    assert!(fake.requests().is_empty());
    client.clock().advance(60_000);
    assert!(block_on(client.apply("100", "r1", "", ApplyRequirements::default())).is_ok());
}

/// hh.ru that times out on the first reply and then lists the vacancy's negotiations as given.
fn timeout_hh(listed: &'static str) -> FakeHh {
    let replies = Rc::new(Cell::new(0));
    FakeHh::new(
        move |request| match (request.method.as_str(), request.path()) {
            ("POST", "/negotiations") => {
                replies.set(replies.get() + 1);
                if replies.get() == 1 {
                    Err(TransportError::Timeout)
                } else {
                    Ok(HttpResponse::new(201, "").with_header("Location", "/negotiations/900"))
                }
            }
            ("GET", "/negotiations") => {
                assert_eq!(
                    request.query_pairs(),
                    [("vacancy_id".to_owned(), "100".to_owned())]
                );
                json(200, listed)
            }
            other => panic!("unexpected {other:?}"),
        },
    )
}

#[test]
fn after_a_timeout_an_existing_reply_is_found_not_sent_again() {
    let fake = timeout_hh(
        r#"{"found":1,"pages":1,"page":0,"per_page":20,"items":[{"id":"777","vacancy":{"id":"100"},"created_at":"2025-06-15T12:00:00+0300"}]}"#,
    );
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let result = block_on(client.apply("100", "r1", "", ApplyRequirements::default()));
    assert_eq!(
        result,
        Ok(ApplyResult::Applied {
            negotiation_id: Some("777".into())
        })
    );
    assert_eq!(fake.count("POST", "/negotiations"), 1, "never sent twice");
    assert_eq!(client.ledger().count_in_window(NOW), 1);
}

#[test]
fn after_a_timeout_with_no_reply_listed_it_is_sent_once_more() {
    let fake = timeout_hh(r#"{"found":0,"pages":0,"page":0,"per_page":20,"items":[]}"#);
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let result = block_on(client.apply("100", "r1", "", ApplyRequirements::default()));
    assert_eq!(
        result,
        Ok(ApplyResult::Applied {
            negotiation_id: Some("900".into())
        })
    );
    let methods: Vec<_> = fake.requests().iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["POST", "GET", "POST"]);
}

#[test]
fn after_a_timeout_a_failed_lookup_does_not_resend() {
    let fake = FakeHh::new(|request| match request.method.as_str() {
        "POST" => Err(TransportError::Timeout),
        _ => Ok(HttpResponse::new(502, "bad gateway")),
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(
        block_on(client.apply("100", "r1", "", ApplyRequirements::default())),
        Err(HhError::Timeout)
    );
    assert_eq!(fake.count("POST", "/negotiations"), 1);
}

#[test]
fn reply_errors_are_never_retried() {
    for (status, body, code) in [
        (429, "", "limit_exceeded"),
        (503, "busy", "server_error"),
        (
            403,
            r#"{"errors":[{"type":"negotiations","value":"already_applied"}]}"#,
            "already_applied",
        ),
        (
            400,
            r#"{"errors":[{"type":"negotiations","value":"limit_exceeded"}]}"#,
            "limit_exceeded",
        ),
    ] {
        let fake = FakeHh::new(move |_| Ok(HttpResponse::new(status, body)));
        let (client, _) = new_client(&fake, Some(valid_tokens()));
        let error =
            block_on(client.apply("100", "r1", "", ApplyRequirements::default())).unwrap_err();
        assert_eq!(error.code(), code);
        assert_eq!(fake.requests().len(), 1, "{status} {body}");
        assert_eq!(client.ledger().count_in_window(NOW), 0);
    }
}

#[test]
fn a_reply_after_token_expiry_is_resent_once_with_the_new_token() {
    let spent = Rc::new(Cell::new(false));
    let fake = FakeHh::new(move |request| {
        if is_token_call(request) {
            assert!(!spent.replace(true));
            return json(
                200,
                r#"{"access_token":"new","expires_in":1209600,"refresh_token":"r2"}"#,
            );
        }
        match bearer(request).as_deref() {
            Some("new") => Ok(HttpResponse::new(201, "")
                .with_header("Location", "https://api.hh.ru/negotiations/42")),
            _ => json(403, TOKEN_EXPIRED),
        }
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let result = block_on(client.apply("100", "r1", "", ApplyRequirements::default()));
    assert_eq!(
        result,
        Ok(ApplyResult::Applied {
            negotiation_id: Some("42".into())
        })
    );
}

#[test]
fn captcha_on_a_reply_reaches_the_user_with_a_backurl() {
    let fake = FakeHh::new(|_| {
        json(
            403,
            r#"{"errors":[{"type":"captcha_required","value":"captcha_required","captcha_url":"https://hh.ru/account/captcha?state=s"}]}"#,
        )
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let error = block_on(client.apply("100", "r1", "", ApplyRequirements::default())).unwrap_err();
    assert_eq!(
        error
            .captcha_url_with_backurl("https://hh.ru/vacancy/100")
            .as_deref(),
        Some("https://hh.ru/account/captcha?state=s&backurl=https%3A%2F%2Fhh.ru%2Fvacancy%2F100")
    );
}

#[test]
fn reconciling_the_ledger_merges_hh_negotiations_once() {
    let fake = FakeHh::new(|request| {
        let query = request.query_pairs();
        assert!(query.contains(&("order_by".into(), "created_at".into())));
        json(
            200,
            r#"{"found":3,"pages":1,"page":0,"per_page":100,"items":[
            {"id":"1","vacancy":{"id":"100"},"created_at":"2025-06-15T17:00:00+0300"},
            {"id":"2","vacancy":null,"created_at":"2025-06-15T16:00:00+0300"},
            {"id":"3","vacancy":{"id":"300"},"created_at":"2025-06-01T10:00:00+0300"}]}"#,
        )
    });
    let mut ledger = ReplyLedger::default();
    ledger.record(ReplyRecord {
        vacancy_id: Some("100".into()),
        negotiation_id: None,
        sent_at_ms: NOW - 5000,
    });
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    let client = client.with_ledger(ledger);
    assert_eq!(
        block_on(client.reconcile_ledger()),
        Ok(1),
        "only #2 is new: #1 is known and #3 is older than a day"
    );
    assert_eq!(
        client.ledger().count_in_window(NOW),
        2,
        "the old one is outside the window"
    );
    assert_eq!(*events.borrow(), [HhEvent::LedgerChanged]);
}

#[test]
fn full_vacancies_come_from_the_cache_until_the_ttl_passes() {
    let fake = FakeHh::new(|_| json(200, r#"{"id":"7","name":"Rust","description":"<p>x</p>"}"#));
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let client = client.with_vacancy_cache(VacancyCache::new(60_000, 10));
    block_on(client.vacancy("7")).unwrap();
    block_on(client.vacancy("7")).unwrap();
    assert_eq!(fake.requests().len(), 1);
    client.clock().advance(60_000);
    block_on(client.vacancy("7")).unwrap();
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(client.vacancy_cache().len(), 1);
}

#[test]
fn dictionaries_are_revalidated_with_their_etag() {
    let fake = FakeHh::new(|request| match request.header("If-None-Match") {
        Some("\"v1\"") => Ok(HttpResponse::new(304, "")),
        _ => Ok(HttpResponse::new(200, r#"{"currency":[{"code":"RUR"}]}"#)
            .with_header("ETag", "\"v1\"")),
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let first = block_on(client.dictionaries()).unwrap();
    let second = block_on(client.dictionaries()).unwrap();
    assert_eq!(first, second);
    assert_eq!(second["currency"][0]["code"], "RUR");
    assert_eq!(fake.requests()[1].header("If-None-Match"), Some("\"v1\""));
}

#[test]
fn search_all_stops_at_the_2000_result_depth() {
    let fake = FakeHh::new(|request| {
        let page: u32 = request
            .query_pairs()
            .iter()
            .find(|(k, _)| k == "page")
            .map_or(0, |(_, v)| v.parse().unwrap());
        let items: Vec<String> = (0..100)
            .map(|i| format!(r#"{{"id":"{}"}}"#, page * 100 + i))
            .collect();
        json(
            200,
            &format!(
                r#"{{"found":50000,"pages":500,"page":{page},"per_page":100,"items":[{}]}}"#,
                items.join(",")
            ),
        )
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    let all =
        block_on(client.search_vacancies_all(&SearchParams::text("rust"), usize::MAX)).unwrap();
    assert_eq!(all.len(), 2000);
    assert_eq!(fake.requests().len(), 20);
    let some = block_on(client.search_vacancies_all(&SearchParams::text("rust"), 150)).unwrap();
    assert_eq!(some.len(), 150);
}

#[test]
fn saved_searches_and_resume_publishing() {
    let fake = FakeHh::new(|request| match (request.method.as_str(), request.path()) {
        ("GET", "/saved_searches/vacancies") => json(
            200,
            r#"{"items":[{"id":"5","name":"Rust"}],"found":1,"pages":1,"page":0,"per_page":10}"#,
        ),
        ("POST", "/saved_searches/vacancies") => {
            Ok(HttpResponse::new(201, "").with_header("Location", "/saved_searches/vacancies/6"))
        }
        ("PUT", "/saved_searches/vacancies/6")
        | ("DELETE", "/saved_searches/vacancies/6")
        | ("POST", "/resumes/r1/publish") => Ok(HttpResponse::new(204, "")),
        other => panic!("unexpected {other:?}"),
    });
    let (client, _) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(
        block_on(client.saved_searches(0, 10)).unwrap().items[0]
            .name
            .as_deref(),
        Some("Rust")
    );
    assert_eq!(
        block_on(client.create_saved_search("Rust", &SearchParams::text("rust"))),
        Ok(Some("6".into()))
    );
    assert_eq!(block_on(client.rename_saved_search("6", "Rust 2")), Ok(()));
    assert_eq!(block_on(client.delete_saved_search("6")), Ok(()));
    assert_eq!(block_on(client.publish_resume("r1")), Ok(()));
    assert_eq!(
        fake.requests()[2].query_pairs(),
        [("name".into(), "Rust 2".into())]
    );
}

#[test]
fn login_checks_the_state_then_exchanges_the_code() {
    let fake = FakeHh::new(|request| {
        assert!(is_token_call(request));
        assert!(body_fields(request).contains(&("code".into(), "C0DE".into())));
        json(
            200,
            r#"{"access_token":"a1","token_type":"bearer","expires_in":1209600,"refresh_token":"r1"}"#,
        )
    });
    let (client, events) = new_client(&fake, None);
    let app = OAuthApp {
        client_id: "cid".into(),
        client_secret: "sec".into(),
        redirect_uri: "https://id.chromiumapp.org/".into(),
    };
    let pending = client.begin_login(&app);
    assert_eq!(pending.state.len(), 32);
    assert_ne!(
        client.begin_login(&app).state,
        pending.state,
        "a fresh state each time"
    );
    assert!(pending.url.contains(&format!("state={}", pending.state)));

    let forged = "https://id.chromiumapp.org/?code=C0DE&state=forged";
    assert!(matches!(
        block_on(client.complete_login(&app, &pending.state, forged)),
        Err(HhError::BadAuthorizationRedirect(_))
    ));
    let denied = format!(
        "https://id.chromiumapp.org/?error=access_denied&state={}",
        pending.state
    );
    assert_eq!(
        block_on(client.complete_login(&app, &pending.state, &denied)),
        Err(HhError::AccessDenied)
    );
    assert!(fake.requests().is_empty());

    let ok = format!(
        "https://id.chromiumapp.org/?code=C0DE&state={}",
        pending.state
    );
    let tokens = block_on(client.complete_login(&app, &pending.state, &ok)).unwrap();
    assert_eq!(tokens.access, "a1");
    assert_eq!(client.tokens(), Some(tokens.clone()));
    assert_eq!(*events.borrow(), [HhEvent::TokensChanged(tokens)]);
}

#[test]
fn tokens_survive_a_restart_through_serialisation() {
    let fake = FakeHh::new(|_| json(200, ME));
    let (first, _) = new_client(&fake, Some(valid_tokens()));
    let saved = serde_json::to_string(&first.tokens()).unwrap();
    let (second, _) = new_client(&fake, serde_json::from_str(&saved).unwrap());
    block_on(second.me()).unwrap();
    assert_eq!(
        fake.requests()[0].header("Authorization"),
        Some("Bearer old")
    );
}

#[test]
fn logout_revokes_the_token_and_clears_it() {
    let fake = FakeHh::new(|request| {
        assert_eq!(
            (request.method.as_str(), request.path()),
            ("DELETE", "/oauth/token")
        );
        assert_eq!(bearer(request).as_deref(), Some("old"));
        Ok(HttpResponse::new(204, ""))
    });
    let (client, events) = new_client(&fake, Some(valid_tokens()));
    assert_eq!(block_on(client.logout()), Ok(()));
    assert!(!client.is_logged_in());
    assert_eq!(*events.borrow(), [HhEvent::LoggedOut { reason: None }]);

    let offline = FakeHh::new(|_| Err(TransportError::Network("offline".into())));
    let (client, _) = new_client(&offline, Some(valid_tokens()));
    assert!(block_on(client.logout()).is_err());
    assert!(
        !client.is_logged_in(),
        "forgotten locally even when hh.ru cannot be reached"
    );
}

#[test]
fn an_expired_token_with_no_refresh_token_ends_the_session() {
    let fake = FakeHh::new(|_| json(403, TOKEN_EXPIRED));
    let tokens = Tokens {
        refresh: None,
        ..valid_tokens()
    };
    let (client, _) = new_client(&fake, Some(tokens));
    assert_eq!(
        block_on(client.me()),
        Err(HhError::Auth(AuthError::TokenExpired))
    );
    assert!(!client.is_logged_in());
}
