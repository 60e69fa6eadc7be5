//! Reads the vacancy cards of an hh.ru search page (`/search/vacancy`) the way the content script reads them in
//! the browser: the page channel's own look for new vacancies.

use super::html::{Document, Element};
use super::{all, find, login_form, PageError};
use crate::protocol::PageCard;

/// The cards on the page; empty when the search found nothing.
pub fn read_cards(html: &str) -> Result<Vec<PageCard>, PageError> {
    let doc = Document::parse(html);
    if login_form(&doc) {
        return Err(PageError::login());
    }
    let root = doc.root();
    let cards = all(root, "serp.card");
    if cards.is_empty() {
        let mut missing = Vec::new();
        // A search without results still has its results container.
        return match find(root, "serp.results", &mut missing) {
            Some(_) => Ok(Vec::new()),
            None => Err(PageError::missing("Поиск вакансий", missing)),
        };
    }
    let mut missing = Vec::new();
    let mut read = Vec::new();
    for card in cards {
        let Some(vacancy_id) = find(card, "serp.card.title_link", &mut missing)
            .and_then(|link| link.attr("href").and_then(vacancy_id))
        else {
            continue;
        };
        let text = |key: &str| {
            find(card, key, &mut Vec::new())
                .map(|e: Element| e.text())
                .unwrap_or_default()
        };
        read.push(PageCard {
            vacancy_id,
            title: text("serp.card.title_text"),
            employer: text("serp.card.employer"),
            snippet: String::new(),
            text: card.text(),
            experience: text("serp.card.experience"),
            address: text("serp.card.address"),
        });
    }
    if read.is_empty() {
        return Err(PageError::missing("Поиск вакансий", missing));
    }
    Ok(read)
}

/// `https://hh.ru/vacancy/127358012?query=…` → `127358012`.
fn vacancy_id(href: &str) -> Option<String> {
    let digits: String = href
        .split("/vacancy/")
        .nth(1)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_page() -> String {
        std::fs::read_to_string("../shared/hh-pages/search_2026-09_full.html").unwrap()
    }

    #[test]
    fn every_card_of_the_real_search_page_is_read_in_order() {
        let html = real_page();
        let cards = read_cards(&html).unwrap();
        let doc = Document::parse(&html);
        let state = doc
            .first(crate::pages::selectors::selector("page.initial_state").unwrap())
            .unwrap()
            .text();
        let state: serde_json::Value = serde_json::from_str(&state).unwrap();
        let ids: Vec<String> = state["vacancySearchResult"]["vacancies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["vacancyId"].to_string())
            .collect();
        let read: Vec<&str> = cards.iter().map(|c| c.vacancy_id.as_str()).collect();
        assert_eq!(read, ids);
        for card in &cards {
            assert!(
                !card.title.is_empty() && !card.employer.is_empty(),
                "{card:?}"
            );
            assert!(card.text.contains(&card.title));
        }
    }

    #[test]
    fn an_empty_search_a_changed_card_and_the_login_page_are_told_apart() {
        let empty = r#"<div data-qa="vacancy-serp__results"></div>"#;
        assert_eq!(read_cards(empty).unwrap(), Vec::new());
        let renamed = real_page().replace("serp-item__title\"", "serp-item__heading\"");
        let error = read_cards(&renamed).unwrap_err();
        assert_eq!(error.missing, ["serp.card.title_link"]);
        let login = std::fs::read_to_string("tests/fixtures/pages/login.html").unwrap();
        assert!(read_cards(&login).unwrap_err().login_required);
    }
}
