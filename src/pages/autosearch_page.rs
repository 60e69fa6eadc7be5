//! Reads the user's saved searches from hh.ru's «Автопоиски» page (`/applicant/autosearch.xhtml`), for when the
//! API refuses the applicant methods.

use super::html::Document;
use super::{all, find, login_form, PageError};

/// One saved search as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSavedSearch {
    /// `saved_search_id` of its link; empty when the link has none.
    pub id: String,
    pub name: String,
    /// Its results as a page of hh.ru (absolute).
    pub url: String,
    /// Vacancies new since the user last opened it, when the page says.
    pub new_count: u32,
}

/// The saved searches on the page; empty when the page says there are none.
pub fn read_saved_searches(html: &str) -> Result<Vec<PageSavedSearch>, PageError> {
    let doc = Document::parse(html);
    if login_form(&doc) {
        return Err(PageError::login());
    }
    let root = doc.root();
    let items = all(root, "autosearch.item");
    if items.is_empty() {
        let mut missing = vec!["autosearch.item".to_string()];
        return match find(root, "autosearch.empty", &mut missing) {
            Some(_) => Ok(Vec::new()),
            None => Err(PageError::missing("Автопоиски", missing)),
        };
    }
    let mut missing = Vec::new();
    let mut read = Vec::new();
    for item in items {
        let Some(link) = find(item, "autosearch.name", &mut missing) else {
            continue;
        };
        let href = link.attr("href").unwrap_or_default();
        let url = match href.strip_prefix('/') {
            Some(path) => format!("https://hh.ru/{path}"),
            None => href.to_string(),
        };
        let id = url
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("saved_search_id="))
            .unwrap_or_default()
            .to_string();
        let new_count = find(item, "autosearch.new_count", &mut Vec::new())
            .and_then(|count| {
                let digits: String = count.text().chars().filter(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .unwrap_or(0);
        read.push(PageSavedSearch {
            id,
            name: link.text(),
            url,
            new_count,
        });
    }
    if read.is_empty() {
        return Err(PageError::missing("Автопоиски", missing));
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("tests/fixtures/pages/{name}.html")).unwrap()
    }

    #[test]
    fn saved_searches_are_read_with_their_links_and_new_counts() {
        let searches = read_saved_searches(&fixture("autosearch")).unwrap();
        let names: Vec<&str> = searches.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Python в Москве", "Go & Rust"]);
        let first = &searches[0];
        assert_eq!(
            first.url,
            format!(
                "https://hh.ru/search/vacancy?text=Python&area=1&saved_search_id={}",
                first.id
            )
        );
        assert!(!first.id.is_empty());
        assert_eq!(first.new_count, 0);
        assert_eq!(
            read_saved_searches(&fixture("autosearch_empty")).unwrap(),
            []
        );
    }

    #[test]
    fn a_changed_page_names_the_key_and_the_login_page_is_recognised() {
        let renamed = fixture("autosearch").replace("autosearch-item-name", "autosearch-title");
        assert_eq!(
            read_saved_searches(&renamed).unwrap_err().missing,
            ["autosearch.name"]
        );
        let no_items = fixture("autosearch").replace("\"autosearch-item\"", "\"autosearch-row\"");
        assert_eq!(
            read_saved_searches(&no_items).unwrap_err().missing,
            ["autosearch.empty", "autosearch.item"]
        );
        assert!(
            read_saved_searches(&fixture("login"))
                .unwrap_err()
                .login_required
        );
    }
}
