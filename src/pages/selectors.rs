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
    // The site session: the login form hh.ru redirects to, and the user's name in the header.
    ("login.username", r#"input[data-qa="login-input-username"]"#),
    ("login.password", r#"input[data-qa="login-input-password"]"#),
    ("login.submit", r#"[data-qa="account-login-submit"]"#),
    ("header.user", r#"[data-qa="mainmenu_applicantProfile"]"#),
    // «Мои резюме» (`/applicant/resumes`).
    ("resumes.item", r#"[data-qa="resume"]"#),
    ("resumes.link", r#"a[data-qa^="resume-card-link-"]"#),
    ("resumes.title", r#"[data-qa="resume-title"]"#),
    ("resumes.empty", r#"[data-qa="resume-list-empty"]"#),
    // A resume (`/resume/{id}`).
    ("resume.title", r#"[data-qa="resume-block-title-position"]"#),
    ("resume.name", r#"[data-qa="resume-personal-name"]"#),
    ("resume.address", r#"[data-qa="resume-personal-address"]"#),
    ("resume.salary", r#"[data-qa="resume-block-salary"]"#),
    (
        "resume.employment",
        r#"[data-qa="resume-position-field-employmentForms"]"#,
    ),
    (
        "resume.work_formats",
        r#"[data-qa="resume-position-field-workFormats"]"#,
    ),
    ("resume.field_value", r#"[data-qa="cell-text-content"]"#),
    ("resume.skills", r#"[data-qa="skills-card"]"#),
    ("resume.skill", r#"[data-qa^="skill-tag-"]"#),
    ("resume.about", r#"[data-qa="resume-block-skills-content"]"#),
    (
        "resume.experience",
        r#"[data-qa="resume-block-experience"]"#,
    ),
    (
        "resume.experience_title",
        r#"[data-qa="resume-block-experience"] [data-qa="title"]"#,
    ),
    ("resume.job", r#"[data-qa="resume-experience-item"]"#),
    (
        "resume.job.company",
        r#"[data-qa="resume-experience-company-title"]"#,
    ),
    (
        "resume.job.position",
        r#"[data-qa="resume-block-experience-position"]"#,
    ),
    (
        "resume.job.description",
        r#"[data-qa="resume-block-experience-description"]"#,
    ),
    // «Отклики» (`/applicant/negotiations`); the status tag carries two values, e.g.
    // `negotiations-tag negotiations-item-not-viewed`.
    ("negotiations.item", r#"[data-qa="negotiations-item"]"#),
    (
        "negotiations.vacancy",
        r#"[data-qa="negotiations-item-vacancy"]"#,
    ),
    (
        "negotiations.company",
        r#"[data-qa="negotiations-item-company"]"#,
    ),
    ("negotiations.date", r#"[data-qa="negotiations-item-date"]"#),
    ("negotiations.tag", r#"[data-qa^="negotiations-tag"]"#),
    (
        "negotiations.empty",
        r#"[data-qa^="negotiations-list-empty"]"#,
    ),
    // «Автопоиски» (`/applicant/autosearch.xhtml`): no public copy of this page exists, these are the fake's.
    ("autosearch.item", r#"[data-qa="autosearch-item"]"#),
    ("autosearch.name", r#"a[data-qa="autosearch-item-name"]"#),
    (
        "autosearch.new_count",
        r#"[data-qa="autosearch-item-new-count"]"#,
    ),
    ("autosearch.empty", r#"[data-qa="autosearch-empty"]"#),
    // The reply flow on a vacancy page: warnings before the modal, the modal, its answers.
    (
        "reply.relocation_confirm",
        r#"[data-qa="relocation-warning-confirm"]"#,
    ),
    (
        "reply.relocation_abort",
        r#"[data-qa="relocation-warning-abort"]"#,
    ),
    (
        "reply.advertising",
        r#"a[data-qa="vacancy-response-link-advertising"]"#,
    ),
    (
        "reply.advertising_cancel",
        r#"[data-qa="vacancy-response-link-advertising-cancel"]"#,
    ),
    ("reply.popup", r#"[data-qa="vacancy-response-popup"]"#),
    ("reply.form", "form#RESPONSE_MODAL_FORM_ID"),
    ("reply.resume_title", r#"[data-qa="resume-title"]"#),
    (
        "reply.resume_option",
        r#"label[data-qa^="magritte-select-option-"]"#,
    ),
    ("reply.add_letter", r#"[data-qa="add-cover-letter"]"#),
    (
        "reply.letter",
        r#"textarea[data-qa="vacancy-response-popup-form-letter-input"]"#,
    ),
    ("reply.test", r#"[data-qa="employer-asking-for-test"]"#),
    ("reply.task", r#"[data-qa="task-body"]"#),
    ("reply.task_question", r#"[data-qa="task-question"]"#),
    (
        "reply.submit",
        r#"[data-qa="vacancy-response-submit-popup"]"#,
    ),
    (
        "reply.error",
        r#"[data-qa="vacancy-response-error-notification"]"#,
    ),
    (
        "reply.limit_exceeded",
        r#"[data-qa-popup-error-code="negotiations-limit-exceeded"]"#,
    ),
    (
        "reply.view_topic",
        r#"a[data-qa="vacancy-response-link-view-topic"]"#,
    ),
    (
        "reply.success",
        r#"[data-qa="vacancy-response-success-standard-notification"]"#,
    ),
    (
        "reply.page_letter",
        r#"textarea[data-qa="vacancy-response-form-letter-input"]"#,
    ),
    (
        "reply.page_letter_toggle",
        r#"[data-qa="vacancy-response-letter-toggle"]"#,
    ),
];

/// Keys checked against the real 2026 pages kept in `shared/hh-pages/`. Every other key names `data-qa`
/// values that public tools report on hh.ru (see `tests/fake_hh/README.md`, «Markup sources») and is
/// checked against the fake's markup (`tests/fixtures/pages/`), since no real copy of those pages is public.
pub const REAL_PAGE_PREFIXES: &[&str] = &["serp.", "vacancy.", "page."];

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

/// What every «Мои резюме» item has.
pub const RESUME_LIST_CHECKED: &[&str] = &["resumes.item", "resumes.link", "resumes.title"];

/// What every resume page has (its title and the owner's name).
pub const RESUME_PAGE_CHECKED: &[&str] = &["resume.title", "resume.name", "resume.address"];

/// What every item of a non-empty replies list has.
pub const NEGOTIATIONS_PAGE_CHECKED: &[&str] = &[
    "negotiations.item",
    "negotiations.vacancy",
    "negotiations.company",
    "negotiations.date",
    "negotiations.tag",
];

/// What every «Автопоиски» item has.
pub const AUTOSEARCH_PAGE_CHECKED: &[&str] = &["autosearch.item", "autosearch.name"];

/// The reply flow's elements, as the content script drives hh.ru's modal.
pub const REPLY_MODAL_KEYS: &[&str] = &[
    "reply.relocation_confirm",
    "reply.relocation_abort",
    "reply.advertising",
    "reply.advertising_cancel",
    "reply.popup",
    "reply.form",
    "reply.resume_title",
    "reply.resume_option",
    "reply.add_letter",
    "reply.letter",
    "reply.test",
    "reply.task",
    "reply.task_question",
    "reply.submit",
    "reply.error",
    "reply.limit_exceeded",
    "reply.view_topic",
    "reply.success",
];

/// The login form hh.ru sends a logged-out user to.
pub const LOGIN_PAGE_KEYS: &[&str] = &["login.username", "login.password", "login.submit"];

/// The selector for a key; panics in tests if a key is misspelt.
pub fn selector(key: &str) -> Option<&'static str> {
    SELECTORS.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
}

/// The picker's option of one resume: `reply.resume_option` narrowed to that resume's id.
pub fn resume_option(resume_id: &str) -> String {
    let any = selector("reply.resume_option").unwrap_or_default();
    match any.split_once("^=\"") {
        Some((head, tail)) => {
            let prefix = tail.split('"').next().unwrap_or_default();
            let rest = &tail[prefix.len() + 1..];
            format!("{head}=\"{prefix}{resume_id}\"{rest}")
        }
        None => any.to_string(),
    }
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
    fn a_resume_option_is_the_table_selector_narrowed_to_one_id() {
        assert_eq!(
            resume_option("abc"),
            r#"label[data-qa="magritte-select-option-abc"]"#
        );
    }

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
            RESUME_LIST_CHECKED,
            RESUME_PAGE_CHECKED,
            NEGOTIATIONS_PAGE_CHECKED,
            AUTOSEARCH_PAGE_CHECKED,
            REPLY_MODAL_KEYS,
            LOGIN_PAGE_KEYS,
        ];
        for key in all.concat() {
            assert!(selector(key).is_some(), "{key}");
        }
    }

    /// Every `data-qa` value a selector names (`[data-qa="v"]`, `[data-qa^="v"]`, `[data-qa-…="v"]`).
    fn data_qa_values(selector: &str) -> Vec<(&str, &str)> {
        selector
            .match_indices("[data-qa")
            .filter_map(|(at, _)| {
                let rest = &selector[at + 1..];
                let name = &rest[..rest.find(['=', '^', ']'])?];
                let value = rest.split('"').nth(1)?;
                Some((name, value))
            })
            .collect()
    }

    fn pages_in(dir: &str) -> String {
        let mut all = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                // Only markup counts: the page scripts name data-qa values too.
                let page = std::fs::read_to_string(path).unwrap();
                let mut rest = page.as_str();
                while let Some(start) = rest.find("<script") {
                    all.push_str(&rest[..start]);
                    rest = rest[start..]
                        .find("</script>")
                        .map_or("", |end| &rest[start + end..]);
                }
                all.push_str(rest);
            }
        }
        all
    }

    #[test]
    fn selectors_match_the_real_2026_pages_or_the_fakes_markup() {
        // Every data-qa value the table names occurs in the real pages kept in shared/, or (for pages no
        // public copy exists of) in the fake's pages under tests/fixtures/pages/.
        let search =
            std::fs::read_to_string("../shared/hh-pages/search_2026-09_full.html").unwrap();
        let vacancy =
            std::fs::read_to_string("../shared/hh-pages/vacancy_2026-09_full.html").unwrap();
        let fake = pages_in("tests/fixtures/pages");
        for (key, sel) in SELECTORS {
            let page = if key.starts_with("serp") {
                &search
            } else if REAL_PAGE_PREFIXES.iter().any(|p| key.starts_with(p)) {
                &vacancy
            } else {
                &fake
            };
            for (name, value) in data_qa_values(sel) {
                assert!(
                    page.contains(&format!("{name}=\"{value}")),
                    "{key}: {name}={value} not on the page"
                );
            }
        }
    }
}
