//! What the extension knows about hh.ru's own pages: the selector table, an HTML reader and the page readers.

pub mod autosearch_page;
pub mod html;
pub mod negotiations_page;
pub mod resume_page;
pub mod search_page;
pub mod selectors;
pub mod vacancy_page;

use html::{Document, Element};
use selectors::{selector, LOGIN_PAGE_KEYS};

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct PageError {
    /// Selector keys (see `selectors.rs`) the page lacked.
    pub missing: Vec<String>,
    /// The page is hh.ru's login form: the user is not logged in to hh.ru in this browser.
    pub login_required: bool,
    /// For the user, in Russian.
    pub message: String,
}

impl PageError {
    fn login() -> PageError {
        PageError {
            missing: Vec::new(),
            login_required: true,
            message: "Вы не вошли на hh.ru в этом браузере: откройте hh.ru и войдите.".into(),
        }
    }

    fn missing(page: &str, mut keys: Vec<String>) -> PageError {
        keys.sort();
        keys.dedup();
        PageError {
            message: format!(
                "Страница «{page}» на hh.ru не распознана (нет {}): возможно, hh.ru изменил вёрстку.",
                keys.join(", ")
            ),
            missing: keys,
            login_required: false,
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Is this hh.ru's login form (what hh.ru answers a logged-out user with)?
pub fn is_login_page(html: &str) -> bool {
    login_form(&Document::parse(html))
}

fn login_form(doc: &Document) -> bool {
    LOGIN_PAGE_KEYS
        .iter()
        .filter_map(|key| selector(key))
        .any(|css| doc.first(css).is_some())
}

/// Looks up a key's element inside `scope`; a missing one is noted in `missing`.
fn find<'a>(scope: Element<'a>, key: &str, missing: &mut Vec<String>) -> Option<Element<'a>> {
    let found = selector(key).and_then(|css| scope.first(css));
    if found.is_none() {
        missing.push(key.to_string());
    }
    found
}

/// Every element of a key inside `scope`.
fn all<'a>(scope: Element<'a>, key: &str) -> Vec<Element<'a>> {
    selector(key)
        .map(|css| scope.select(css))
        .unwrap_or_default()
}
