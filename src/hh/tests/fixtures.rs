//! Every official example and every real vacancy in `shared/` parses into our models.

use serde::de::DeserializeOwned;

use super::shared;
use crate::hh::models::*;

/// `.jsonc` → JSON: drops `//` comments outside strings and trailing commas.
fn jsonc_to_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    // Trailing commas: a comma whose next non-space character closes an object or array.
    let bytes: Vec<char> = out.chars().collect();
    let mut cleaned = String::with_capacity(out.len());
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        cleaned.push(c);
    }
    cleaned
}

fn parse<T: DeserializeOwned>(path: &str) -> T {
    let text = shared(path);
    let text = if path.ends_with(".jsonc") {
        jsonc_to_json(&text)
    } else {
        text
    };
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse_value<T: DeserializeOwned>(name: &str, value: &serde_json::Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn jsonc_cleaner_keeps_urls_and_drops_comments_and_trailing_commas() {
    let json = jsonc_to_json("{\"u\": \"https://x/y\", // note\n \"a\": [1, 2,],\n}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["u"], "https://x/y");
    assert_eq!(value["a"], serde_json::json!([1, 2]));
}

#[test]
fn official_doc_examples_parse() {
    let me: Me = parse("hh-api/examples/docs/me_employer.json");
    assert_eq!(me.id, "12345678");
    assert_eq!(me.counters.unwrap().resumes_count, Some(5));

    let page: Page<Negotiation> = parse("hh-api/examples/docs/negotiations_list.jsonc");
    assert_eq!(page.items.len(), 1);
    let negotiation = &page.items[0];
    assert_eq!(negotiation.state.as_ref().unwrap().id, "invitation");
    assert_eq!(
        negotiation.vacancy.as_ref().unwrap().id,
        "",
        "`{{}}` placeholder reads as empty"
    );

    let messages: Page<NegotiationMessage> =
        parse("hh-api/examples/docs/negotiation_messages.json");
    assert_eq!(
        messages.items[1]
            .author
            .as_ref()
            .unwrap()
            .participant_type
            .as_deref(),
        Some("applicant")
    );
    let message: NegotiationMessage =
        parse("hh-api/examples/docs/negotiation_message_created.json");
    assert_eq!(message.text.as_deref(), Some("Верблюда и коня мне!"));

    let token: TokenResponse = parse("hh-api/examples/docs/oauth_token_response.json");
    assert_eq!(token.expires_in, Some(1_209_600));

    let resume: Resume = parse("hh-api/examples/docs/resume_item.json");
    assert!(!resume.id.is_empty());
    let _: Resume = parse("hh-api/examples/docs/resume_author_extra_fields.json");
    let mine: Page<Resume> = parse("hh-api/examples/docs/resumes_mine.json");
    assert!(!mine.items.is_empty());

    let search: Page<Vacancy> = parse("hh-api/examples/docs/vacancies_search_page.json");
    assert!(!search.items.is_empty());
    let item: Vacancy = parse("hh-api/examples/docs/vacancy_item.json");
    assert!(!item.id.is_empty());
    let nano: Vacancy = parse("hh-api/examples/docs/vacancy_nano.json");
    assert_eq!(
        nano.archived,
        Some(false),
        "the docs write it as the string \"false\""
    );

    let envelope: ErrorEnvelope = parse("hh-api/examples/docs/error_envelope_generic.json");
    assert_eq!(envelope.errors.len(), 1);
    for item in [
        "error_item_bad_argument",
        "error_item_captcha_required",
        "error_item_not_found",
    ] {
        let parsed: ApiErrorItem = parse(&format!("hh-api/examples/docs/{item}.json"));
        assert!(!parsed.kind.is_empty(), "{item}");
    }
}

#[test]
fn official_openapi_examples_parse() {
    let vacancy: Vacancy = parse("hh-api/examples/openapi/vacancy_for_applicant.json");
    assert_eq!(vacancy.id, "8331228");
    assert_eq!(vacancy.response_letter_required, Some(true));
    assert_eq!(vacancy.key_skills.len(), 2);
    assert_eq!(vacancy.work_formats(), ["ON_SITE"]);
    let range = vacancy.salary_range_or_legacy().unwrap();
    assert_eq!(
        (range.from, range.currency.as_deref()),
        (Some(30000), Some("RUR"))
    );
    assert_eq!(range.mode.unwrap().id, "MONTH");
    assert_eq!(
        vacancy.salary.as_ref().unwrap().from,
        Some(30000),
        "deprecated salary read too"
    );
    assert_eq!(vacancy.schedule.as_ref().unwrap().id, "fullDay");
    assert_eq!(vacancy.employment.as_ref().unwrap().id, "full");

    let search: Page<Vacancy> = parse("hh-api/examples/openapi/vacancies_search_page.json");
    assert!(!search.items.is_empty());
    let resume: Resume = parse("hh-api/examples/openapi/resume_view_applicant.json");
    assert_eq!(resume.id, "ca9fb415848");
    assert_eq!(resume.total_experience.unwrap().months, Some(14));
    assert_eq!(resume.experience[0].position.as_deref(), Some("Директор"));
    assert_eq!(resume.salary.unwrap().currency.as_deref(), Some("USD"));
    let by_status: ResumesByStatus = parse("hh-api/examples/openapi/resumes_by_status.json");
    assert_eq!(by_status.suitable.len(), 1);
    for file in ["resumes_mine", "suitable_resumes"] {
        let page: Page<Resume> = parse(&format!("hh-api/examples/openapi/{file}.json"));
        assert!(!page.items.is_empty(), "{file}");
    }
    let negotiations: Page<Negotiation> =
        parse("hh-api/examples/openapi/negotiations_list_applicant.json");
    assert_eq!(negotiations.items[0].id, "123");
    let negotiation: Negotiation = parse("hh-api/examples/openapi/negotiation_item_applicant.json");
    assert_eq!(negotiation.has_updates, Some(true));
    let messages: Page<NegotiationMessage> =
        parse("hh-api/examples/openapi/negotiation_messages.json");
    assert_eq!(messages.items.len(), 2);
    let sent: NegotiationMessage = parse("hh-api/examples/openapi/negotiation_message_sent.json");
    assert_eq!(sent.id, "124");
    let saved: Page<SavedSearch> = parse("hh-api/examples/openapi/saved_searches_vacancies.json");
    assert_eq!(saved.items[0].new_items.as_ref().unwrap().count, Some(12));
    let dictionaries: Dictionaries = parse("hh-api/examples/openapi/dictionaries.json");
    assert!(dictionaries["work_format"].is_array());
    let areas: Dictionaries = parse("hh-api/examples/openapi/areas.json");
    assert!(areas.is_array());
    let area: Dictionaries = parse("hh-api/examples/openapi/area_item.json");
    assert_eq!(area["id"], "40");
}

#[test]
fn every_selected_spec_example_parses_into_its_model() {
    let all: serde_json::Map<String, serde_json::Value> =
        parse("hh-api/examples/openapi/selected_examples.json");
    assert!(!all.is_empty());
    for (name, value) in &all {
        match name.as_str() {
            "ResumeResumeViewApplicant" | "ResumeResumeViewEmployer" => {
                let resume: Resume = parse_value(name, value);
                assert!(!resume.id.is_empty(), "{name}");
            }
            "ResumesMineResumes" => {
                assert!(!parse_value::<Page<Resume>>(name, value).items.is_empty())
            }
            "VacanciesVacancyForApplicant" => {
                assert!(!parse_value::<Vacancy>(name, value).id.is_empty())
            }
            "VacanciesVacancies" | "VacanciesMatchList" => {
                assert!(
                    !parse_value::<Page<Vacancy>>(name, value).items.is_empty(),
                    "{name}"
                )
            }
            "NegotiationsListResponse" | "NegotiationsCollectionNegotiations" => {
                assert!(
                    !parse_value::<Page<Negotiation>>(name, value)
                        .items
                        .is_empty(),
                    "{name}"
                )
            }
            "NegotiationsNegotiationItem" => {
                assert!(!parse_value::<Negotiation>(name, value).id.is_empty())
            }
            // Resume-editing rules: display-only, kept untyped like the dictionaries.
            "ResumeProfileResumeProfileResponse" => assert!(value.is_object()),
            other => panic!("no model mapped for the spec example {other}"),
        }
    }
}

#[test]
fn constructed_error_bodies_parse() {
    for file in [
        "common_400_bad_argument",
        "common_400_bad_user_agent",
        "common_403_captcha_required",
        "common_403_oauth_bad_authorization",
        "common_403_oauth_token_expired",
        "common_404_not_found",
        "negotiations_post_400_limit_exceeded",
        "negotiations_post_400_vacancy_not_found",
        "negotiations_post_403_already_applied",
        "negotiations_post_403_invalid_vacancy",
        "negotiations_post_403_test_required",
    ] {
        let envelope: ErrorEnvelope = parse(&format!("hh-api/examples/constructed/{file}.json"));
        assert_eq!(envelope.errors.len(), 1, "{file}");
    }
    for file in [
        "oauth_token_400_invalid_grant_already_refreshed",
        "oauth_token_400_invalid_grant_token_not_expired",
    ] {
        let body: OAuthErrorBody = parse(&format!("hh-api/examples/constructed/{file}.json"));
        assert_eq!(body.error, "invalid_grant");
    }
    let depth: ErrorEnvelope = parse("hh-api/examples/issues/error_400_pagination_depth.json");
    assert_eq!(depth.errors.len(), 2);
}

#[test]
fn hh_docs_resume_example_parses_both_raw_and_cleaned() {
    for file in [
        "data/resumes/hhru_api_docs_resume_view_example_2021.jsonc",
        "data/resumes/hhru_api_docs_resume_view_example_2021.cleaned.json",
    ] {
        let resume: Resume = parse(file);
        assert_eq!(
            resume.title.as_deref(),
            Some("Программист Python"),
            "{file}"
        );
        assert!(!resume.experience.is_empty(), "{file}");
    }
}

#[test]
fn every_real_full_vacancy_parses() {
    for (file, count) in [
        ("data/vacancies/full_2025-11_it_100.json", 100),
        ("data/vacancies/full_2023-04_nonit_69.json", 69),
    ] {
        let vacancies: Vec<Vacancy> = parse(file);
        assert_eq!(vacancies.len(), count, "{file}");
        for v in &vacancies {
            assert!(!v.id.is_empty() && v.name.is_some(), "{file}: {}", v.id);
            assert!(
                v.description.as_deref().is_some_and(|d| !d.is_empty()),
                "{file}: {}",
                v.id
            );
            assert_eq!(
                v.salary_range_or_legacy().is_some(),
                v.salary.is_some() || v.salary_range.is_some()
            );
        }
        assert!(vacancies.iter().any(|v| !v.key_skills.is_empty()), "{file}");
    }
}

#[test]
fn legacy_schedule_and_employment_fold_into_the_current_fields() {
    let old: Vec<Vacancy> = parse("data/vacancies/full_2023-04_nonit_69.json");
    assert!(old
        .iter()
        .all(|v| v.work_format.is_empty() && v.salary_range.is_none()));
    for v in &old {
        let schedule = v.schedule.as_ref().unwrap().id.as_str();
        let expected: Vec<String> = work_format_for_schedule(schedule)
            .map(|f| vec![f.to_owned()])
            .unwrap_or_default();
        assert_eq!(v.work_formats(), expected, "{}", v.id);
        assert!(
            v.salary_range_or_legacy().is_some(),
            "2023 vacancies all carry the deprecated salary"
        );
    }
    let new: Vec<Vacancy> = parse("data/vacancies/full_2025-11_it_100.json");
    let remote = new
        .iter()
        .find(|v| v.work_format.iter().any(|f| f.id == "REMOTE"))
        .unwrap();
    assert!(remote.work_formats().contains(&"REMOTE".to_owned()));
    assert!(new.iter().all(|v| !v.employment_forms().is_empty()));
    let from_legacy = Vacancy {
        schedule: Some(IdName::new("remote")),
        employment: Some(IdName::new("part")),
        ..Default::default()
    };
    assert_eq!(from_legacy.work_formats(), ["REMOTE"]);
    assert_eq!(from_legacy.employment_forms(), ["PART"]);
}

#[test]
fn every_real_search_item_parses_without_description() {
    for (file, count) in [
        ("data/vacancies/search_items_2026-03_109.json", 109),
        ("data/vacancies/search_items_2026-03_896.json", 896),
    ] {
        let items: Vec<Vacancy> = parse(file);
        assert_eq!(items.len(), count, "{file}");
        for v in &items {
            assert!(
                v.description.is_none() && v.key_skills.is_empty(),
                "{file}: {}",
                v.id
            );
            assert!(v.snippet.is_some(), "{file}: {}", v.id);
            assert_eq!(v.employment_form.len(), 1, "{file}: {}", v.id);
        }
    }
}

#[test]
fn unknown_fields_numbers_for_ids_and_nulls_never_break_parsing() {
    let v: Vacancy = serde_json::from_str(
        r#"{"id": 42, "brand_new_field": {"x": 1}, "key_skills": null, "work_format": null,
            "employment_form": {"id": "FULL"}, "employer": {"id": 7}, "relations": null}"#,
    )
    .unwrap();
    assert_eq!(v.id, "42");
    assert_eq!(v.employer.as_ref().unwrap().id.as_deref(), Some("7"));
    assert!(v.key_skills.is_empty() && v.work_format.is_empty());
    assert_eq!(v.employment_forms(), ["FULL"]);
    let n: Negotiation = serde_json::from_str(
        r#"{"id":"1","vacancy":null,"counters":{"messages":3,"unread_messages":1}}"#,
    )
    .unwrap();
    assert!(n.vacancy.is_none());
    assert_eq!(n.counters.unwrap().unread_messages, Some(1));
    assert!(
        serde_json::from_str::<Vacancy>("[1,2]").is_err(),
        "wrong shape is an error, not a panic"
    );
}
