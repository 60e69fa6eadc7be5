//! Reads a vacancy from an hh.ru vacancy page: the embedded `HH-Lux-InitialState` JSON first (richer and
//! steadier than markup), else the `data-qa` elements the content script collected.

use serde_json::Value;

use crate::matching::facts::{
    experience_id_from_text, parse_salary_text, SalaryRange, VacancyFacts,
};
use crate::matching::text::html_to_text;
use crate::protocol::PageVacancy;

/// What the page says about the vacancy and the user's relation to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageVacancyData {
    pub facts: VacancyFacts,
    pub letter_required: bool,
    pub test_required: bool,
    pub archived: bool,
    pub already_applied: bool,
}

/// Reads what the content script sent; `Err` says why the page is not recognised.
pub fn read(page: &PageVacancy) -> Result<PageVacancyData, String> {
    if let Some(data) = page
        .initial_state
        .as_deref()
        .and_then(|text| from_initial_state(text, &page.vacancy_id))
    {
        return Ok(data);
    }
    if page.title.trim().is_empty() || page.description_html.trim().is_empty() {
        let missing = if page.missing_selectors.is_empty() {
            "заголовок или описание".to_string()
        } else {
            page.missing_selectors.join(", ")
        };
        return Err(format!("Страница вакансии не распознана: нет {missing}."));
    }
    Ok(PageVacancyData {
        facts: VacancyFacts {
            id: page.vacancy_id.clone(),
            name: page.title.trim().to_string(),
            key_skills: page
                .skills
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            description_html: page.description_html.clone(),
            experience_id: experience_id_from_text(&page.experience).map(str::to_string),
            salary: parse_salary_text(&page.salary),
            employer: Some(page.company.trim().to_string()).filter(|c| !c.is_empty()),
            ..VacancyFacts::default()
        },
        ..PageVacancyData::default()
    })
}

/// Parses the page state; entity-escaped text (as in the raw HTML) is decoded first.
pub fn parse_initial_state(text: &str) -> Option<Value> {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(&html_to_text(text)).ok())
}

fn from_initial_state(text: &str, vacancy_id: &str) -> Option<PageVacancyData> {
    let state = parse_initial_state(text)?;
    let view = state.get("vacancyView")?;
    let vacancy = view.pointer("/vacancyFull/vacancy").unwrap_or(view);
    let id = id_text(vacancy.get("vacancyId")?)?;
    if id != vacancy_id {
        return None;
    }
    // hh.ru keeps the reply flags beside the vacancy: in `applicantVacancyResponseStatuses/{id}/shortVacancy`.
    let status = state.pointer(&format!("/applicantVacancyResponseStatuses/{id}"));
    let short = status.and_then(|s| s.get("shortVacancy"));
    let flag = |names: &[&str]| {
        [Some(vacancy), short].into_iter().flatten().any(|v| {
            names
                .iter()
                .any(|n| v.get(*n).and_then(Value::as_bool) == Some(true))
        })
    };
    let status_flag = |pointer: &str| {
        status
            .and_then(|s| s.pointer(pointer))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let already_applied = status_flag("/alreadyApplied");
    Some(PageVacancyData {
        facts: VacancyFacts {
            id,
            name: str_at(vacancy, "/name"),
            key_skills: key_skills(vacancy.get("keySkills")),
            description_html: str_at(vacancy, "/description"),
            experience_id: vacancy
                .get("workExperience")
                .and_then(Value::as_str)
                .map(str::to_string),
            salary: vacancy.get("compensation").and_then(salary),
            work_formats: strings(vacancy.get("workFormats")),
            employment_forms: vacancy
                .get("employmentForm")
                .and_then(Value::as_str)
                .map(|f| vec![f.to_string()])
                .unwrap_or_default(),
            area_id: vacancy.pointer("/area/id").and_then(id_text),
            area_name: vacancy
                .pointer("/area/name")
                .and_then(Value::as_str)
                .map(str::to_string),
            professional_role_ids: vacancy
                .get("professionalRoleIds")
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(id_text).collect())
                .unwrap_or_default(),
            employer: vacancy
                .pointer("/company/name")
                .and_then(Value::as_str)
                .map(str::to_string),
        },
        letter_required: flag(&["@responseLetterRequired", "responseLetterRequired"]),
        test_required: flag(&["@userTestPresent", "userTestPresent"])
            || status_flag("/test/hasTests"),
        archived: vacancy
            .pointer("/status/archived")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        already_applied,
    })
}

fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn str_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `keySkills` is a list of strings on some pages and `{ keySkill: [...] }` on others.
fn key_skills(value: Option<&Value>) -> Vec<String> {
    let Some(value) = value else {
        return Vec::new();
    };
    let list = value.get("keySkill").unwrap_or(value);
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    item.as_str()
                        .or_else(|| item.get("name").and_then(Value::as_str))
                })
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn salary(compensation: &Value) -> Option<SalaryRange> {
    let amount = |key: &str| {
        compensation
            .get(key)
            .and_then(Value::as_f64)
            .filter(|x| *x > 0.0)
            .map(|x| x as u64)
    };
    let (from, to) = (amount("from"), amount("to"));
    (from.is_some() || to.is_some()).then(|| SalaryRange {
        from,
        to,
        currency: compensation
            .get("currencyCode")
            .and_then(Value::as_str)
            .unwrap_or("RUR")
            .to_string(),
        gross: compensation.get("gross").and_then(Value::as_bool),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_state() -> String {
        std::fs::read_to_string("../shared/hh-pages/vacancy_view_2026-09.json").unwrap()
    }

    #[test]
    fn the_real_2026_page_state_reads_into_facts() {
        let page = PageVacancy {
            vacancy_id: "136642844".into(),
            initial_state: Some(real_state()),
            ..PageVacancy::default()
        };
        let data = read(&page).unwrap();
        assert_eq!(data.facts.name, "Инженер АСУТП (Кармановская ГРЭС)");
        assert_eq!(data.facts.experience_id.as_deref(), Some("between1And3"));
        assert_eq!(data.facts.work_formats, ["ON_SITE"]);
        assert_eq!(data.facts.employer.as_deref(), Some("Группа «Интер РАО»"));
        let salary = data.facts.salary.unwrap();
        assert_eq!(
            (salary.from, salary.to, salary.gross),
            (Some(55000), Some(70000), Some(false))
        );
        assert!(data.facts.description_html.contains("Мы предлагаем"));
        assert!(!data.already_applied);
    }

    #[test]
    fn entity_escaped_state_from_raw_html_reads_too() {
        let html = std::fs::read_to_string("../shared/hh-pages/vacancy_2026-09_full.html").unwrap();
        let start =
            html.find("id=\"HH-Lux-InitialState\">").unwrap() + "id=\"HH-Lux-InitialState\">".len();
        let end = start + html[start..].find("</template>").unwrap();
        let page = PageVacancy {
            vacancy_id: "136519902".into(),
            initial_state: Some(html[start..end].to_string()),
            ..PageVacancy::default()
        };
        let data = read(&page).unwrap();
        assert_eq!(
            data.facts.key_skills.len(),
            13,
            "{:?}",
            data.facts.key_skills
        );
    }

    #[test]
    fn without_state_the_markup_is_used_and_an_empty_page_is_refused() {
        let page = PageVacancy {
            vacancy_id: "1".into(),
            title: "Бухгалтер".into(),
            description_html: "<p>Ведение учёта в 1С</p>".into(),
            salary: "от\u{a0}80\u{202f}000\u{a0}₽ за месяц, на руки".into(),
            experience: "Опыт работы: 1–3 года".into(),
            skills: vec!["1С: Бухгалтерия".into()],
            ..PageVacancy::default()
        };
        let data = read(&page).unwrap();
        assert_eq!(data.facts.salary.unwrap().from, Some(80000));
        assert_eq!(data.facts.key_skills, ["1С: Бухгалтерия"]);
        let empty = PageVacancy {
            vacancy_id: "1".into(),
            missing_selectors: vec!["vacancy.title".into()],
            ..PageVacancy::default()
        };
        assert!(read(&empty).unwrap_err().contains("vacancy.title"));
    }

    #[test]
    fn reply_flags_are_read_from_the_statuses_beside_the_vacancy() {
        let mut state: Value = serde_json::from_str(&real_state()).unwrap();
        let flags = |state: &Value| {
            let page = PageVacancy {
                vacancy_id: "136642844".into(),
                initial_state: Some(state.to_string()),
                ..PageVacancy::default()
            };
            let data = read(&page).unwrap();
            (
                data.letter_required,
                data.test_required,
                data.already_applied,
            )
        };
        assert_eq!(flags(&state), (false, false, false));
        state["applicantVacancyResponseStatuses"] = serde_json::json!({ "136642844": {
            "alreadyApplied": true,
            "test": { "hasTests": true },
            "shortVacancy": { "@responseLetterRequired": true, "userTestPresent": true },
        }});
        assert_eq!(flags(&state), (true, true, true));
    }

    #[test]
    fn state_of_another_vacancy_is_not_taken_for_this_one() {
        let page = PageVacancy {
            vacancy_id: "999".into(),
            initial_state: Some(real_state()),
            ..PageVacancy::default()
        };
        assert!(read(&page).is_err());
    }
}
