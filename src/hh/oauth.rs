//! OAuth 2.0 with hh.ru: the authorize URL with a random `state`, reading the redirect back, and the token pair.

use serde::{Deserialize, Serialize};

use super::error::HhError;
use super::models::TokenResponse;
use super::request::{encode_pairs, parse_query, OAuthApp, Requests};

/// hh.ru's access tokens live 14 days; used when an answer omits `expires_in`.
pub const DEFAULT_EXPIRES_IN_S: u64 = 1_209_600;

/// The token pair, serialisable so the worker can persist it and rebuild the client after a restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access: String,
    pub refresh: Option<String>,
    /// When the access token stops working (ms since the epoch).
    pub expires_at_ms: u64,
}

impl Tokens {
    pub fn from_response(response: &TokenResponse, now_ms: u64) -> Tokens {
        let expires_in = response.expires_in.unwrap_or(DEFAULT_EXPIRES_IN_S);
        Tokens {
            access: response.access_token.clone(),
            refresh: response.refresh_token.clone(),
            expires_at_ms: now_ms.saturating_add(expires_in.saturating_mul(1000)),
        }
    }

    /// hh.ru accepts a refresh only once the access token has expired.
    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms >= self.expires_at_ms
    }
}

/// A login in progress: the URL to open and the `state` to expect back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAuthorization {
    pub url: String,
    pub state: String,
}

/// `https://hh.ru/oauth/authorize?response_type=code&client_id=…&state=…&redirect_uri=…`.
/// `state` should come from [`random_state`].
pub fn authorize(requests: &Requests, app: &OAuthApp, state: String) -> PendingAuthorization {
    let query = encode_pairs(&[
        ("response_type", "code"),
        ("client_id", app.client_id.as_str()),
        ("state", state.as_str()),
        ("redirect_uri", app.redirect_uri.as_str()),
    ]);
    PendingAuthorization {
        url: format!(
            "{}/oauth/authorize?{query}",
            requests.site_base.trim_end_matches('/')
        ),
        state,
    }
}

/// 128 random bits as hex, from two draws of the injected randomness.
pub fn random_state(mut random_u64: impl FnMut() -> u64) -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

/// Reads the URL the browser was redirected to: returns the `code` when the `state` matches.
pub fn parse_redirect(redirect_url: &str, expected_state: &str) -> Result<String, HhError> {
    let query = redirect_url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or(""))
        .unwrap_or("");
    let pairs = parse_query(query);
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if get("state") != Some(expected_state) {
        return Err(HhError::BadAuthorizationRedirect(
            "state does not match".into(),
        ));
    }
    if let Some(error) = get("error") {
        return Err(if error == "access_denied" {
            HhError::AccessDenied
        } else {
            HhError::BadAuthorizationRedirect(error.to_owned())
        });
    }
    match get("code") {
        Some(code) if !code.is_empty() => Ok(code.to_owned()),
        _ => Err(HhError::BadAuthorizationRedirect("no code".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> OAuthApp {
        OAuthApp {
            client_id: "CID".into(),
            client_secret: "SECRET".into(),
            redirect_uri: "https://abc.chromiumapp.org/cb".into(),
        }
    }

    #[test]
    fn authorize_url_carries_exactly_the_documented_parameters() {
        let pending = authorize(&Requests::default(), &app(), "s1".into());
        assert_eq!(
            pending.url,
            "https://hh.ru/oauth/authorize?response_type=code&client_id=CID&state=s1&redirect_uri=https%3A%2F%2Fabc.chromiumapp.org%2Fcb"
        );
        assert_eq!(pending.state, "s1");
    }

    #[test]
    fn random_state_uses_the_injected_randomness() {
        let mut n = 0;
        let state = random_state(|| {
            n += 1;
            n
        });
        assert_eq!(state, "00000000000000010000000000000002");
    }

    #[test]
    fn redirect_gives_the_code_only_for_our_state() {
        let url = "https://abc.chromiumapp.org/cb?code=XYZ&state=s1";
        assert_eq!(parse_redirect(url, "s1").unwrap(), "XYZ");
        assert!(matches!(
            parse_redirect(url, "other"),
            Err(HhError::BadAuthorizationRedirect(_))
        ));
        assert!(matches!(
            parse_redirect("https://abc.chromiumapp.org/cb?code=XYZ", "s1"),
            Err(HhError::BadAuthorizationRedirect(_))
        ));
        assert_eq!(
            parse_redirect(
                "https://abc.chromiumapp.org/cb?error=access_denied&state=s1",
                "s1"
            ),
            Err(HhError::AccessDenied)
        );
        assert!(matches!(
            parse_redirect("https://abc.chromiumapp.org/cb?state=s1", "s1"),
            Err(HhError::BadAuthorizationRedirect(_))
        ));
    }

    #[test]
    fn tokens_expire_after_expires_in() {
        let response: TokenResponse =
            serde_json::from_str(r#"{"access_token":"a","token_type":"bearer","expires_in":1209600,"refresh_token":"r"}"#)
                .unwrap();
        let tokens = Tokens::from_response(&response, 1_000);
        assert_eq!(tokens.expires_at_ms, 1_000 + 1_209_600_000);
        assert!(!tokens.is_expired(tokens.expires_at_ms - 1));
        assert!(tokens.is_expired(tokens.expires_at_ms));
        let json = serde_json::to_string(&tokens).unwrap();
        assert_eq!(serde_json::from_str::<Tokens>(&json).unwrap(), tokens);
    }
}
