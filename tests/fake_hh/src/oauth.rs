//! OAuth 2.0 as hh.ru does it: the consent page at `hh.ru/oauth/authorize`, `POST /token` (and the old
//! `/oauth/token`) with single-use codes and refresh-after-expiry rules, and `DELETE /oauth/token`.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::html::escape;
use crate::http::{self, App, Req};
use crate::state::{Client, OAuthError, Token};

fn token_json(token: &Token) -> serde_json::Value {
    match (&token.refresh, token.expires_ms) {
        (Some(refresh), Some(expires_ms)) => json!({
            "access_token": token.access,
            "token_type": "bearer",
            "expires_in": (expires_ms - token.issued_ms) / 1000,
            "refresh_token": refresh,
        }),
        _ => json!({ "access_token": token.access, "token_type": "bearer" }),
    }
}

pub fn token_response(token: &Token) -> Response {
    http::ok_json(&token_json(token))
}

fn oauth_error(error: &OAuthError) -> Response {
    http::json_response(
        StatusCode::BAD_REQUEST,
        &json!({ "error": error.error, "error_description": error.description }),
    )
}

fn invalid_request(description: &'static str) -> Response {
    oauth_error(&OAuthError {
        error: "invalid_request",
        description,
    })
}

/// `POST /token`: the body must be `application/x-www-form-urlencoded`.
pub fn token(app: &App, req: &Req) -> Response {
    if !req
        .content_type()
        .to_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return invalid_request("body must be application/x-www-form-urlencoded");
    }
    let field = |key: &str| req.field(key).filter(|v| !v.is_empty());
    let mut state = app.lock();
    let result = match field("grant_type") {
        Some("authorization_code") => {
            let (Some(client_id), Some(secret), Some(code)) =
                (field("client_id"), field("client_secret"), field("code"))
            else {
                return invalid_request("client_id, client_secret and code are required");
            };
            state.exchange_code(client_id, secret, field("redirect_uri"), code)
        }
        Some("refresh_token") => {
            let Some(refresh) = field("refresh_token") else {
                return invalid_request("refresh_token is required");
            };
            state.refresh(refresh)
        }
        Some("client_credentials") => {
            let (Some(client_id), Some(secret)) = (field("client_id"), field("client_secret"))
            else {
                return invalid_request("client_id and client_secret are required");
            };
            if state.client(client_id).is_some_and(|c| c.secret == secret) {
                Ok(state.issue_token(client_id, true))
            } else {
                Err(OAuthError {
                    error: "invalid_client",
                    description: "client_id or client_secret not found",
                })
            }
        }
        Some(_) => Err(OAuthError {
            error: "unsupported_grant_type",
            description: "unsupported grant_type",
        }),
        None => Err(OAuthError {
            error: "invalid_request",
            description: "grant_type is required",
        }),
    };
    match result {
        Ok(token) => token_response(&token),
        Err(error) => oauth_error(&error),
    }
}

/// `DELETE /oauth/token`: works only with a live user token.
pub fn revoke(app: &App, access: &str) -> Response {
    app.lock().revoke(access);
    http::empty(StatusCode::NO_CONTENT)
}

/// scheme, host (with port) and path of a URL; None if it is not an absolute http(s) URL.
fn split_url(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(end);
    if host.is_empty() {
        return None;
    }
    let path = tail.split(['?', '#']).next().unwrap_or("");
    Some((scheme, host, if path.is_empty() { "/" } else { path }))
}

/// hh.ru's rule: same scheme, host and port as the app's setting; a subpath and extra query are fine.
fn redirect_allowed(client: &Client, redirect_uri: &str) -> bool {
    let Some((scheme, host, path)) = split_url(redirect_uri) else {
        return false;
    };
    match client.redirect_uri.as_deref().and_then(split_url) {
        None => true,
        Some((s, h, p)) => s == scheme && h.eq_ignore_ascii_case(host) && path.starts_with(p),
    }
}

fn with_params(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    let (base, fragment) = match redirect_uri.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (redirect_uri, None),
    };
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        serializer.append_pair(k, v);
    }
    let joiner = if base.contains('?') { '&' } else { '?' };
    let mut url = format!("{base}{joiner}{}", serializer.finish());
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

fn error_page(app: &App, status: StatusCode, text: &str) -> Response {
    let nonce = crate::pages::new_nonce();
    let body = crate::pages::layout(
        "Ошибка авторизации",
        &format!(
            r#"<div class="oauth-error" data-qa="oauth-error"><h1>Ошибка авторизации приложения</h1><p>{}</p></div>"#,
            escape(text)
        ),
        &nonce,
        None,
    );
    crate::pages::send(app, status, body, &nonce)
}

/// `GET /oauth/authorize` shows the consent page (or redirects at once with auto-approve);
/// `POST /oauth/authorize` is the user's answer.
pub fn authorize(app: &App, req: &Req) -> Response {
    let get = |key: &str| {
        if req.method == Method::POST {
            req.field(key)
        } else {
            req.q(key)
        }
        .filter(|v| !v.is_empty())
    };
    if req.method == Method::GET && get("response_type") != Some("code") {
        return error_page(
            app,
            StatusCode::BAD_REQUEST,
            "Параметр response_type должен быть равен code.",
        );
    }
    let Some(client_id) = get("client_id") else {
        return error_page(app, StatusCode::BAD_REQUEST, "Не передан client_id.");
    };
    let (client, auto_approve) = {
        let state = app.lock();
        (
            state.client(client_id).cloned(),
            state.settings.auto_approve_oauth,
        )
    };
    let Some(client) = client else {
        return error_page(
            app,
            StatusCode::BAD_REQUEST,
            "Приложение с таким client_id не найдено.",
        );
    };
    let Some(redirect_uri) = get("redirect_uri")
        .map(str::to_string)
        .or_else(|| client.redirect_uri.clone())
    else {
        return error_page(app, StatusCode::BAD_REQUEST, "Не передан redirect_uri.");
    };
    if !redirect_allowed(&client, &redirect_uri) {
        return error_page(
            app,
            StatusCode::BAD_REQUEST,
            "redirect_uri не совпадает с адресом, указанным в настройках приложения.",
        );
    }
    let state_param = get("state");
    let decision = if req.method == Method::POST {
        get("decision")
    } else if auto_approve {
        Some("allow")
    } else {
        None
    };
    let mut params: Vec<(&str, &str)> = Vec::new();
    let code;
    match decision {
        Some("allow") => {
            code = app.lock().issue_code(client_id, &redirect_uri);
            params.push(("code", &code));
        }
        Some(_) => params.push(("error", "access_denied")),
        None => {
            return consent_page(app, client_id, &redirect_uri, state_param);
        }
    }
    if let Some(s) = state_param {
        params.push(("state", s));
    }
    http::redirect(StatusCode::FOUND, &with_params(&redirect_uri, &params))
}

fn consent_page(app: &App, client_id: &str, redirect_uri: &str, state: Option<&str>) -> Response {
    let hidden = |name: &str, value: &str| {
        format!(
            r#"<input type="hidden" name="{name}" value="{}">"#,
            escape(value)
        )
    };
    let content = format!(
        r#"<div class="oauth-page" data-qa="oauth-authorize"><h1 data-qa="oauth-title">Разрешить приложению доступ к вашему аккаунту?</h1>
<p>Приложение <b data-qa="oauth-client-id">{client}</b> получит доступ к вашим резюме, откликам и сохранённым поискам.</p>
<form method="post" action="/oauth/authorize" data-qa="oauth-form">{client_field}{redirect_field}{state_field}
<button type="submit" name="decision" value="allow" data-qa="oauth-allow">Разрешить</button>
<button type="submit" name="decision" value="deny" data-qa="oauth-deny">Отказать</button>
</form></div>"#,
        client = escape(client_id),
        client_field = hidden("client_id", client_id),
        redirect_field = hidden("redirect_uri", redirect_uri),
        state_field = state.map(|s| hidden("state", s)).unwrap_or_default(),
    );
    let nonce = crate::pages::new_nonce();
    let body = crate::pages::layout("Доступ приложения к аккаунту hh.ru", &content, &nonce, None);
    crate::pages::send(app, StatusCode::OK, body, &nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(redirect: Option<&str>) -> Client {
        Client {
            id: "c".into(),
            secret: "s".into(),
            redirect_uri: redirect.map(str::to_string),
        }
    }

    #[test]
    fn redirect_rules_follow_hh() {
        let c = client(Some("https://abc.chromiumapp.org/cb"));
        assert!(redirect_allowed(
            &c,
            "https://abc.chromiumapp.org/cb/sub?x=1"
        ));
        assert!(!redirect_allowed(&c, "http://abc.chromiumapp.org/cb"));
        assert!(!redirect_allowed(&c, "https://abc.chromiumapp.org:8443/cb"));
        assert!(!redirect_allowed(&c, "https://evil.example/cb"));
        assert!(redirect_allowed(&client(None), "https://anything.example/"));
        assert!(!redirect_allowed(&client(None), "javascript:alert(1)"));
    }

    #[test]
    fn params_are_appended_to_the_redirect() {
        assert_eq!(
            with_params("https://a.b/cb", &[("code", "X"), ("state", "s 1")]),
            "https://a.b/cb?code=X&state=s+1"
        );
        assert_eq!(
            with_params("https://a.b/cb?k=v#f", &[("error", "access_denied")]),
            "https://a.b/cb?k=v&error=access_denied#f"
        );
    }
}
