//! Every hh.ru selector the extension relies on, in one table: a change on hh.ru is a one-line fix here.
//! Keys are stable names the content script and the health check use; values are CSS selectors on `data-qa`.

/// (key, CSS selector). Never select by class: hh.ru's class names are hashed per release.
pub const SELECTORS: &[(&str, &str)] = &[
    ("serp.results", r#"[data-qa="vacancy-serp__results"]"#),
    ("serp.card", r#"[data-qa="vacancy-serp__vacancy"]"#),
    ("serp.card.title_link", r#"a[data-qa="serp-item__title"]"#),
    (
        "serp.card.title_text",
        r#"[data-qa="serp-item__title-text"]"#,
    ),
    (
        "serp.card.employer",
        r#"[data-qa="vacancy-serp__vacancy-employer-text"]"#,
    ),
    (
        "serp.card.experience",
        r#"[data-qa^="vacancy-serp__vacancy-work-experience-"]"#,
    ),
    (
        "serp.card.address",
        r#"[data-qa="vacancy-serp__vacancy-address"]"#,
    ),
    (
        "serp.card.reply",
        r#"[data-qa="vacancy-serp__vacancy_response"]"#,
    ),
    ("vacancy.title", r#"h1[data-qa="vacancy-title"]"#),
    ("vacancy.company", r#"[data-qa="vacancy-company-name"]"#),
    ("vacancy.salary", r#"[data-qa="vacancy-salary"]"#),
    ("vacancy.experience", r#"[data-qa="vacancy-experience"]"#),
    ("vacancy.description", r#"[data-qa="vacancy-description"]"#),
    ("vacancy.skill", r#"[data-qa="skills-element"]"#),
    (
        "vacancy.reply_top",
        r#"a[data-qa="vacancy-response-link-top"]"#,
    ),
    ("page.initial_state", "template#HH-Lux-InitialState"),
];

/// The keys a vacancy page must have for the overlay to read it from the page.
pub const VACANCY_PAGE_REQUIRED: &[&str] = &["vacancy.title", "vacancy.description"];

/// The keys every search card must have for a badge.
pub const SEARCH_CARD_REQUIRED: &[&str] = &["serp.card.title_link"];

/// What the health check looks for on every vacancy page: each of these is on every real one.
pub const VACANCY_PAGE_CHECKED: &[&str] = &[
    "vacancy.title",
    "vacancy.company",
    "vacancy.salary",
    "vacancy.experience",
    "vacancy.description",
    "page.initial_state",
];

/// What the health check looks for in the first card of a search page.
pub const SEARCH_CARD_CHECKED: &[&str] = &[
    "serp.card.title_link",
    "serp.card.title_text",
    "serp.card.employer",
    "serp.card.address",
];

/// The selector for a key; panics in tests if a key is misspelt.
pub fn selector(key: &str) -> Option<&'static str> {
    SELECTORS.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
}

/// The table as owned pairs, as the protocol sends it to content scripts.
pub fn table() -> Vec<(String, String)> {
    SELECTORS
        .iter()
        .map(|(k, s)| (k.to_string(), s.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_required_keys_exist() {
        let mut keys: Vec<_> = SELECTORS.iter().map(|(k, _)| *k).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), SELECTORS.len());
        let all = [
            VACANCY_PAGE_REQUIRED,
            SEARCH_CARD_REQUIRED,
            VACANCY_PAGE_CHECKED,
            SEARCH_CARD_CHECKED,
        ];
        for key in all.concat() {
            assert!(selector(key).is_some(), "{key}");
        }
    }

    #[test]
    fn selectors_match_the_real_2026_pages() {
        // Every data-qa value the table names occurs in the real pages kept in shared/.
        let search =
            std::fs::read_to_string("../shared/hh-pages/search_2026-09_full.html").unwrap();
        let vacancy =
            std::fs::read_to_string("../shared/hh-pages/vacancy_2026-09_full.html").unwrap();
        for (key, sel) in SELECTORS {
            let Some(start) = sel.find("data-qa") else {
                continue;
            };
            let value = sel[start..].split('"').nth(1).unwrap();
            let page = if key.starts_with("serp") {
                &search
            } else {
                &vacancy
            };
            assert!(
                page.contains(&format!("data-qa=\"{value}")),
                "{key}: {value} not on the real page"
            );
        }
    }
}
