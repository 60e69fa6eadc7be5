//! The user's own hh.ru session, for the page channel: hh.ru pages fetched with the user's cookies.

use super::{Agent, Platform};
use crate::hh::request::{HttpRequest, FINAL_URL_HEADER};
use crate::hh::transport::{Transport, TransportError};
use crate::protocol::UserError;

/// hh.ru's site (the API lives at api.hh.ru).
pub const SITE: &str = "https://hh.ru";

/// What the page channel says when hh.ru sends the user to its login page.
pub fn site_login_required() -> UserError {
    UserError::new(
        "site_login_required",
        "Войдите на hh.ru в этом браузере: без входа расширение не видит ваши резюме и отклики.",
    )
    .with_url(format!("{SITE}/account/login"))
}

/// hh.ru's login page, where a lost session ends up.
fn is_login_url(url: &str) -> bool {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
    path.starts_with("/account/login")
}

impl<P: Platform> Agent<P> {
    /// The HTML of an hh.ru page (`path` like `/applicant/resumes`) as the logged-in user sees it.
    pub(super) async fn site_page(&self, path: &str) -> Result<String, UserError> {
        let url = format!("{SITE}{path}");
        let response = self
            .platform
            .transport()
            .send(HttpRequest::site_page(&url))
            .await
            .map_err(|error| match error {
                TransportError::Timeout => {
                    UserError::new("network", "hh.ru не ответил вовремя: попробуйте ещё раз.")
                }
                TransportError::Network(detail) => {
                    UserError::new("network", format!("Нет связи с hh.ru: {detail}"))
                }
            })?;
        let ended_at = response.header(FINAL_URL_HEADER).unwrap_or(&url);
        let redirected_to_login = (300..400).contains(&response.status)
            && response.header("Location").is_some_and(is_login_url);
        if is_login_url(ended_at) || redirected_to_login {
            return Err(site_login_required());
        }
        if !response.is_success() {
            return Err(UserError::new(
                "site_error",
                format!(
                    "hh.ru ответил {} на страницу {path}: попробуйте позже.",
                    response.status
                ),
            ));
        }
        Ok(String::from_utf8_lossy(&response.body).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_pages_are_recognised_by_path() {
        assert!(is_login_url(
            "https://hh.ru/account/login?backurl=%2Fapplicant%2Fresumes"
        ));
        assert!(is_login_url("/account/login"));
        assert!(!is_login_url("https://hh.ru/applicant/resumes"));
        assert!(!is_login_url("https://hh.ru/"));
    }
}
