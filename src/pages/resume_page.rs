//! Reads the user's resumes from hh.ru's pages: the «Мои резюме» list (`/applicant/resumes`) and one
//! resume (`/resume/{id}`) into the facts matching uses, for when the API refuses the applicant methods.

use super::html::{Document, Element};
use super::{all, find, login_form, PageError};
use crate::matching::facts::{parse_salary_text, Money, Position, ResumeFacts};

/// One resume of the «Мои резюме» list.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeLink {
    pub id: String,
    pub title: String,
}

/// A resume as its page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageResume {
    pub id: String,
    pub title: String,
    /// The owner's first name (hh.ru writes «Фамилия Имя Отчество»), for letters.
    pub first_name: String,
    pub facts: ResumeFacts,
}

/// The resumes of `/applicant/resumes`; an empty list when the page says there are none.
pub fn read_resume_list(html: &str) -> Result<Vec<ResumeLink>, PageError> {
    let doc = Document::parse(html);
    if login_form(&doc) {
        return Err(PageError::login());
    }
    let root = doc.root();
    let items = all(root, "resumes.item");
    let mut missing = Vec::new();
    if items.is_empty() {
        if find(root, "resumes.empty", &mut Vec::new()).is_some() {
            return Ok(Vec::new());
        }
        return Err(PageError::missing(
            "Мои резюме",
            vec!["resumes.item".into()],
        ));
    }
    let mut list: Vec<ResumeLink> = Vec::new();
    for item in items {
        let link = find(item, "resumes.link", &mut missing);
        let title = find(item, "resumes.title", &mut missing);
        let (Some(link), Some(title)) = (link, title) else {
            continue;
        };
        match link.attr("href").and_then(resume_id_from_href) {
            Some(id) if !list.iter().any(|r| r.id == id) => list.push(ResumeLink {
                id,
                title: title.text(),
            }),
            Some(_) => {}
            None => missing.push("resumes.link".into()),
        }
    }
    if missing.is_empty() {
        Ok(list)
    } else {
        Err(PageError::missing("Мои резюме", missing))
    }
}

/// `/resume/{id}` or `https://hh.ru/resume/{id}?…` → the id.
fn resume_id_from_href(href: &str) -> Option<String> {
    let rest = &href[href.find("/resume/")? + "/resume/".len()..];
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The resume page of `id`.
pub fn read_resume(html: &str, id: &str) -> Result<PageResume, PageError> {
    let doc = Document::parse(html);
    if login_form(&doc) {
        return Err(PageError::login());
    }
    let root = doc.root();
    let mut missing = Vec::new();
    let title = find(root, "resume.title", &mut missing).map(|e| e.text());
    let name = find(root, "resume.name", &mut missing).map(|e| e.text());
    let positions = read_jobs(root, &mut missing);
    let total_experience_months = find(root, "resume.experience", &mut Vec::new())
        .and_then(|block| find(block, "resume.experience_title", &mut missing))
        .and_then(|t| experience_months(&t.text()));
    let skills = match find(root, "resume.skills", &mut Vec::new()) {
        Some(card) => {
            let tags: Vec<String> = all(card, "resume.skill")
                .iter()
                .map(Element::text)
                .filter(|s| !s.is_empty())
                .collect();
            if tags.is_empty() {
                missing.push("resume.skill".into());
            }
            tags
        }
        None => Vec::new(),
    };
    let (Some(title), Some(name)) = (title, name) else {
        return Err(PageError::missing("Резюме", missing));
    };
    if !missing.is_empty() {
        return Err(PageError::missing("Резюме", missing));
    }
    let address = find(root, "resume.address", &mut Vec::new()).map(|e| e.text());
    let area_name = address
        .as_deref()
        .and_then(|a| a.split(',').next())
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    let words: Vec<&str> = name.split_whitespace().collect();
    let first_name = words.get(1).or(words.first()).unwrap_or(&"").to_string();
    let facts = ResumeFacts {
        title: title.clone(),
        skills,
        skills_text: find(root, "resume.about", &mut Vec::new())
            .map(|e| e.text())
            .unwrap_or_default(),
        positions,
        total_experience_months,
        salary: find(root, "resume.salary", &mut Vec::new())
            .and_then(|e| parse_salary_text(&e.text()))
            .and_then(|s| {
                Some(Money {
                    amount: s.from.or(s.to)?,
                    currency: s.currency,
                })
            }),
        area_id: area_name.as_deref().and_then(area_id).map(str::to_string),
        area_name,
        work_formats: field_values(root, "resume.work_formats", work_format_id),
        employment_forms: field_values(root, "resume.employment", employment_form_id),
        ..ResumeFacts::default()
    };
    Ok(PageResume {
        id: id.to_string(),
        title,
        first_name,
        facts,
    })
}

fn read_jobs(root: Element<'_>, missing: &mut Vec<String>) -> Vec<Position> {
    let Some(block) = find(root, "resume.experience", &mut Vec::new()) else {
        return Vec::new();
    };
    let jobs = all(block, "resume.job");
    if jobs.is_empty() {
        missing.push("resume.job".into());
    }
    jobs.iter()
        .filter_map(|job| {
            let position = find(*job, "resume.job.position", missing)?;
            Some(Position {
                title: position.text(),
                description: find(*job, "resume.job.description", &mut Vec::new())
                    .map(|d| d.text())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// A position-card field («Формат работы: Удалённо, Гибрид»): its value, split and mapped to ids.
fn field_values(root: Element<'_>, key: &str, id: fn(&str) -> Option<&'static str>) -> Vec<String> {
    let Some(field) = find(root, key, &mut Vec::new()) else {
        return Vec::new();
    };
    let cells = all(field, "resume.field_value");
    let value = cells.last().map(Element::text).unwrap_or_default();
    let mut ids: Vec<String> = Vec::new();
    for part in value.split([',', ';']) {
        if let Some(found) = id(part.trim()) {
            if !ids.iter().any(|i| i == found) {
                ids.push(found.to_string());
            }
        }
    }
    ids
}

fn work_format_id(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if lower.contains("удал") {
        Some("REMOTE")
    } else if lower.contains("гибрид") {
        Some("HYBRID")
    } else if lower.contains("на месте") || lower.contains("в офисе") {
        Some("ON_SITE")
    } else if lower.contains("разъезд") {
        Some("FIELD_WORK")
    } else {
        None
    }
}

fn employment_form_id(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if lower.contains("полн") || lower.contains("постоянн") {
        Some("FULL")
    } else if lower.contains("частич") {
        Some("PART")
    } else if lower.contains("проект") || lower.contains("разов") {
        Some("PROJECT")
    } else if lower.contains("вахт") {
        Some("FLY_IN_FLY_OUT")
    } else if lower.contains("подработ") || lower.contains("стажир") {
        Some("SIDE_JOB")
    } else {
        None
    }
}

/// hh.ru's ids of the cities most resumes are in; others are left to the name.
fn area_id(name: &str) -> Option<&'static str> {
    match name {
        "Москва" => Some("1"),
        "Санкт-Петербург" => Some("2"),
        "Екатеринбург" => Some("3"),
        "Новосибирск" => Some("4"),
        _ => None,
    }
}

/// «Опыт работы 6 лет 2 месяца» → 74.
pub fn experience_months(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut total: Option<u32> = None;
    for pair in words.windows(2) {
        let Ok(n) = pair[0].parse::<u32>() else {
            continue;
        };
        let unit = pair[1];
        let months = if unit.starts_with("год") || unit.starts_with("лет") {
            n * 12
        } else if unit.starts_with("месяц") {
            n
        } else {
            continue;
        };
        total = Some(total.unwrap_or(0) + months);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("tests/fixtures/pages/{name}")).unwrap()
    }

    const PYTHON: &str = "7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d";

    #[test]
    fn the_fakes_resume_list_reads() {
        let list = read_resume_list(&fixture("resumes.html")).unwrap();
        assert_eq!(
            list,
            [
                ResumeLink {
                    id: PYTHON.into(),
                    title: "Python-разработчик (Backend)".into()
                },
                ResumeLink {
                    id: "c4d8e2f6a1b3957d0e4f8a2c6b1d3e5f7a9b0c".into(),
                    title: "Архитектор-проектировщик".into()
                },
            ]
        );
    }

    #[test]
    fn the_fakes_resume_page_reads_like_the_api_resume() {
        let page = read_resume(&fixture("resume_python.html"), PYTHON).unwrap();
        assert_eq!(page.title, "Python-разработчик (Backend)");
        assert_eq!(page.first_name, "Иван");
        let api: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/fake_hh/data/resume_python_backend.json"
        ))
        .unwrap();
        let expected = ResumeFacts::from_api_json(&api);
        let facts = page.facts;
        assert_eq!(facts.title, expected.title);
        assert_eq!(facts.skills, expected.skills);
        assert_eq!(facts.skills_text, expected.skills_text);
        assert_eq!(facts.positions, expected.positions);
        assert_eq!(facts.total_experience_months, Some(74));
        assert_eq!(facts.salary, expected.salary);
        assert_eq!(facts.area_id.as_deref(), Some("1"));
        assert_eq!(facts.area_name.as_deref(), Some("Москва"));
        assert_eq!(facts.work_formats, expected.work_formats);
        assert_eq!(facts.employment_forms, expected.employment_forms);
    }

    #[test]
    fn each_key_the_readers_rely_on_is_named_when_missing() {
        // (page, a data-qa as written, renamed, the key that must be named, a list page)
        let cases = [
            (
                "resumes.html",
                "resume-card-link-",
                "renamed-link-",
                "resumes.link",
                true,
            ),
            (
                "resumes.html",
                r#""resume-title""#,
                r#""renamed""#,
                "resumes.title",
                true,
            ),
            (
                "resumes.html",
                r#""resume""#,
                r#""renamed""#,
                "resumes.item",
                true,
            ),
            (
                "resume_python.html",
                "resume-block-title-position",
                "renamed",
                "resume.title",
                false,
            ),
            (
                "resume_python.html",
                "resume-personal-name",
                "renamed",
                "resume.name",
                false,
            ),
            (
                "resume_python.html",
                "resume-experience-item",
                "renamed",
                "resume.job",
                false,
            ),
            (
                "resume_python.html",
                "resume-block-experience-position",
                "renamed",
                "resume.job.position",
                false,
            ),
            (
                "resume_python.html",
                r#""title""#,
                r#""renamed""#,
                "resume.experience_title",
                false,
            ),
            (
                "resume_python.html",
                "skill-tag-",
                "renamed-",
                "resume.skill",
                false,
            ),
        ];
        for (file, from, to, key, list) in cases {
            let html = fixture(file);
            assert!(html.contains(from), "{from}");
            let broken = html.replace(from, to);
            let error = if list {
                read_resume_list(&broken).unwrap_err()
            } else {
                read_resume(&broken, PYTHON).unwrap_err()
            };
            assert_eq!(error.missing, [key], "{file}: {from}");
            assert!(error.message.contains(key), "{}", error.message);
            assert!(!error.login_required);
        }
    }

    #[test]
    fn an_empty_list_and_the_login_page_are_told_apart() {
        assert_eq!(
            read_resume_list(&fixture("resumes_empty.html")).unwrap(),
            []
        );
        let login = fixture("login.html");
        assert!(crate::pages::is_login_page(&login));
        assert!(read_resume_list(&login).unwrap_err().login_required);
        assert!(read_resume(&login, PYTHON).unwrap_err().login_required);
        assert!(!crate::pages::is_login_page(&fixture("resumes.html")));
        let unknown =
            read_resume_list("<html><body><h1>Что-то другое</h1></body></html>").unwrap_err();
        assert_eq!(unknown.missing, ["resumes.item"]);
    }

    #[test]
    fn experience_text_reads_years_and_months() {
        assert_eq!(experience_months("Опыт работы 6 лет 2 месяца"), Some(74));
        assert_eq!(experience_months("Опыт работы 1 год"), Some(12));
        assert_eq!(experience_months("Опыт работы 3 года 1 месяц"), Some(37));
        assert_eq!(experience_months("Опыт работы 11 месяцев"), Some(11));
        assert_eq!(experience_months("Опыт работы"), None);
    }
}
