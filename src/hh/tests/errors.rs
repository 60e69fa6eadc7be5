//! Every documented error value classifies to its own `HhError` with a Russian message.

use super::shared;
use crate::hh::error::{AuthError, GrantError, HhError, NegotiationError};

fn envelope(kind: &str, value: &str) -> String {
    format!(r#"{{"errors":[{{"type":"{kind}","value":"{value}"}}],"request_id":"q1"}}"#)
}

fn is_russian(text: &str) -> bool {
    text.chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
}

#[test]
fn every_reply_error_value_is_recognised() {
    let values_400 = [
        "vacancy_not_found",
        "resume_not_found",
        "limit_exceeded",
        "resource_policy_violation",
        "inappropriate_language",
    ];
    let values_403 = [
        "already_applied",
        "invalid_vacancy",
        "resume_not_found",
        "test_required",
        "resume_visibility_conflict",
        "application_denied",
        "limit_exceeded",
        "empty_message",
        "too_long_message",
        "inappropriate_language_message",
        "resource_policy_violation_message",
    ];
    let mut messages = std::collections::HashSet::new();
    for (status, value) in values_400
        .iter()
        .map(|v| (400, v))
        .chain(values_403.iter().map(|v| (403, v)))
    {
        let error =
            HhError::from_api_response(status, envelope("negotiations", value).as_bytes(), true);
        let HhError::Negotiation(neg) = &error else {
            panic!("{value}: {error:?}")
        };
        assert!(
            !matches!(neg, NegotiationError::Other(_)),
            "{value} must be a known value"
        );
        assert_eq!(error.code(), *value);
        assert!(is_russian(&error.user_message()), "{value}");
        messages.insert(error.user_message());
    }
    assert!(messages.len() >= 11, "messages tell the cases apart");
}

#[test]
fn unknown_values_are_kept_verbatim() {
    let error = HhError::from_api_response(
        403,
        envelope("negotiations", "brand_new_reason").as_bytes(),
        true,
    );
    assert_eq!(
        error,
        HhError::Negotiation(NegotiationError::Other("brand_new_reason".into()))
    );
    assert_eq!(error.code(), "brand_new_reason");
    assert!(error.user_message().contains("brand_new_reason"));

    let error = HhError::from_api_response(403, envelope("oauth", "weird_state").as_bytes(), false);
    assert_eq!(error, HhError::Auth(AuthError::Other("weird_state".into())));
    assert!(
        !error.ends_session(),
        "an unknown oauth value does not throw the user out"
    );

    let body = br#"{"errors":[{"type":"mystery","value":"x"}],"description":"something"}"#;
    let error = HhError::from_api_response(409, body, false);
    let HhError::Api {
        status: 409,
        errors,
        description,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(errors[0].kind, "mystery");
    assert_eq!(description.as_deref(), Some("something"));
    assert!(error.user_message().contains("mystery: x"));

    let undocumented =
        br#"{"description":"\"enable_applicant_visibility_in_country\" param required"}"#;
    let error = HhError::from_api_response(400, undocumented, true);
    assert!(
        error
            .user_message()
            .contains("enable_applicant_visibility_in_country"),
        "{error:?}"
    );
}

#[test]
fn oauth_values_and_hyphenated_oauth_error() {
    let cases = [
        ("token_expired", AuthError::TokenExpired, false),
        ("token_revoked", AuthError::TokenRevoked, true),
        ("bad_authorization", AuthError::BadAuthorization, true),
        (
            "application_not_found",
            AuthError::ApplicationNotFound,
            true,
        ),
        ("user_auth_expected", AuthError::UserAuthExpected, true),
        (
            "application_auth_expected",
            AuthError::ApplicationAuthExpected,
            false,
        ),
    ];
    for (value, expected, ends_session) in cases {
        let error = HhError::from_api_response(403, envelope("oauth", value).as_bytes(), false);
        assert_eq!(error, HhError::Auth(expected), "{value}");
        assert_eq!(error.code(), value);
        assert_eq!(error.ends_session(), ends_session, "{value}");
        assert!(is_russian(&error.user_message()));
    }
    for (legacy, expected) in [
        ("token-expired", AuthError::TokenExpired),
        ("token-revoked", AuthError::TokenRevoked),
        ("bad-auth-type", AuthError::BadAuthorization),
        ("client-id-deleted", AuthError::ApplicationNotFound),
    ] {
        let body = format!(r#"{{"oauth_error":"{legacy}"}}"#);
        assert_eq!(
            HhError::from_api_response(403, body.as_bytes(), false),
            HhError::Auth(expected),
            "{legacy}"
        );
    }
    let fixture = shared("hh-api/examples/constructed/common_403_oauth_token_expired.json");
    assert_eq!(
        HhError::from_api_response(403, fixture.as_bytes(), true),
        HhError::Auth(AuthError::TokenExpired)
    );
    let fixture = shared("hh-api/examples/constructed/common_403_oauth_bad_authorization.json");
    assert_eq!(
        HhError::from_api_response(403, fixture.as_bytes(), true),
        HhError::Auth(AuthError::BadAuthorization)
    );
    let http = shared("hh-api/examples/issues/error_403_token_expired.http");
    let body = http.split("\n\n").nth(1).expect("an HTTP body");
    assert_eq!(
        HhError::from_api_response(403, body.as_bytes(), false),
        HhError::Auth(AuthError::TokenExpired)
    );
}

#[test]
fn no_scope_and_forbidden_applicant_methods_mean_applicant_access_refused() {
    let error = HhError::from_api_response(403, envelope("oauth", "no_scope").as_bytes(), true);
    assert!(matches!(error, HhError::ApplicantAccessRefused { .. }));
    assert_eq!(error.code(), "applicant_access_refused");
    assert!(error.user_message().contains("форму hh.ru"));
    let bare = HhError::from_api_response(403, br#"{"errors":[{"type":"forbidden"}]}"#, true);
    assert!(
        matches!(bare, HhError::ApplicantAccessRefused { .. }),
        "{bare:?}"
    );
    let html = HhError::from_api_response(403, b"<html>Forbidden</html>", true);
    assert!(
        matches!(html, HhError::ApplicantAccessRefused { .. }),
        "{html:?}"
    );
    let elsewhere = HhError::from_api_response(403, br#"{"errors":[{"type":"forbidden"}]}"#, false);
    assert!(matches!(elsewhere, HhError::Api { status: 403, .. }));
}

#[test]
fn token_endpoint_errors() {
    let cases = [
        (
            "invalid_grant",
            "token not expired",
            GrantError::TokenNotExpired,
            false,
        ),
        (
            "invalid_grant",
            "token has already been refreshed",
            GrantError::AlreadyRefreshed,
            true,
        ),
        (
            "invalid_grant",
            "token was revoked",
            GrantError::TokenRevoked,
            true,
        ),
        ("invalid_grant", "bad token", GrantError::BadToken, true),
        (
            "invalid_grant",
            "code has already been used",
            GrantError::CodeAlreadyUsed,
            true,
        ),
        (
            "invalid_grant",
            "code expired",
            GrantError::CodeExpired,
            true,
        ),
        (
            "invalid_grant",
            "token deactivated",
            GrantError::TokenDeactivated,
            true,
        ),
        (
            "invalid_client",
            "client_id or client_secret not found",
            GrantError::InvalidClient,
            true,
        ),
    ];
    for (error, description, expected, ends_session) in cases {
        let body = format!(r#"{{"error":"{error}","error_description":"{description}"}}"#);
        let parsed = HhError::from_token_response(400, body.as_bytes());
        assert_eq!(parsed, HhError::Grant(expected), "{description}");
        assert_eq!(parsed.ends_session(), ends_session, "{description}");
        assert!(is_russian(&parsed.user_message()));
    }
    let other = HhError::from_token_response(
        400,
        br#"{"error":"invalid_request","error_description":"x"}"#,
    );
    assert_eq!(other.code(), "invalid_request");
    for (file, expected) in [
        (
            "oauth_token_400_invalid_grant_already_refreshed",
            GrantError::AlreadyRefreshed,
        ),
        (
            "oauth_token_400_invalid_grant_token_not_expired",
            GrantError::TokenNotExpired,
        ),
    ] {
        let fixture = shared(&format!("hh-api/examples/constructed/{file}.json"));
        assert_eq!(
            HhError::from_token_response(400, fixture.as_bytes()),
            HhError::Grant(expected)
        );
    }
}

#[test]
fn captcha_gets_the_backurl_appended() {
    let fixture = shared("hh-api/examples/constructed/common_403_captcha_required.json");
    let error = HhError::from_api_response(403, fixture.as_bytes(), true);
    assert_eq!(error.code(), "captcha_required");
    assert_eq!(
        error.captcha_url_with_backurl("https://hh.ru/vacancy/1?from=x").as_deref(),
        Some("https://hh.ru/account/captcha?state=...&backurl=https%3A%2F%2Fhh.ru%2Fvacancy%2F1%3Ffrom%3Dx")
    );
    let HhError::CaptchaRequired { fallback_url, .. } = &error else {
        panic!()
    };
    assert!(fallback_url
        .as_deref()
        .unwrap()
        .starts_with("https://hh.ru/auth/employer"));
    let without_query = HhError::CaptchaRequired {
        captcha_url: Some("https://hh.ru/captcha".into()),
        fallback_url: None,
    };
    assert_eq!(
        without_query.captcha_url_with_backurl("b").as_deref(),
        Some("https://hh.ru/captcha?backurl=b")
    );
    assert_eq!(HhError::NotFound.captcha_url_with_backurl("b"), None);
}

#[test]
fn several_errors_in_one_envelope_pick_the_actionable_one() {
    let body = br#"{"errors":[{"type":"negotiations","value":"already_applied"},{"type":"captcha_required","value":"captcha_required","captcha_url":"https://hh.ru/c"}]}"#;
    assert_eq!(
        HhError::from_api_response(403, body, true).code(),
        "captcha_required"
    );
    let body = br#"{"errors":[{"type":"bad_argument","value":"salary"},{"type":"bad_argument","value":"area"}]}"#;
    assert_eq!(
        HhError::from_api_response(400, body, false),
        HhError::BadArguments(vec!["salary".into(), "area".into()])
    );
    let depth = shared("hh-api/examples/issues/error_400_pagination_depth.json");
    assert_eq!(
        HhError::from_api_response(400, depth.as_bytes(), false),
        HhError::PaginationTooDeep
    );
}

#[test]
fn common_errors_and_transport_failures() {
    let ua = shared("hh-api/examples/constructed/common_400_bad_user_agent.json");
    assert_eq!(
        HhError::from_api_response(400, ua.as_bytes(), false),
        HhError::BadUserAgent
    );
    let arg = shared("hh-api/examples/constructed/common_400_bad_argument.json");
    assert_eq!(
        HhError::from_api_response(400, arg.as_bytes(), true),
        HhError::BadArguments(vec!["resume_id".into()])
    );
    let missing = shared("hh-api/examples/constructed/common_404_not_found.json");
    assert_eq!(
        HhError::from_api_response(404, missing.as_bytes(), false),
        HhError::NotFound
    );
    assert_eq!(
        HhError::from_api_response(429, b"", false),
        HhError::RateLimited {
            retry_after_ms: None
        }
    );
    let server = HhError::from_api_response(502, b"<html>Bad Gateway</html>", false);
    assert_eq!(
        server,
        HhError::Server {
            status: 502,
            body: "<html>Bad Gateway</html>".into()
        }
    );
    assert!(server.user_message().contains("502"));
    let garbage = HhError::from_api_response(400, b"{not json", false);
    assert_eq!(garbage.code(), "malformed_json");
    for error in [
        HhError::Timeout,
        HhError::Network("offline".into()),
        HhError::NotLoggedIn,
        HhError::AccessDenied,
        HhError::LetterRequired,
    ] {
        assert!(is_russian(&error.user_message()), "{error:?}");
        assert_eq!(error.to_string(), error.user_message());
    }
    let long = HhError::LetterTooLong {
        chars: 10_001,
        max: 10_000,
    };
    assert!(long.user_message().contains("10001"));
}
