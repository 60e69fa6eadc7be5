//! What matching needs to know about a resume, a vacancy and a search card, independent of where it came
//! from (the API's JSON, a vacancy page's embedded state, a search card's text).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A sum of money; `currency` is hh.ru's code (`RUR`, `USD`, `EUR`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: u64,
    pub currency: String,
}

/// A vacancy's pay: either end may be missing; `gross` = before tax (`None` when not said).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalaryRange {
    pub from: Option<u64>,
    pub to: Option<u64>,
    pub currency: String,
    pub gross: Option<bool>,
}

/// One job of the resume's work history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub title: String,
    pub description: String,
}

/// The resume, as matching sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResumeFacts {
    pub title: String,
    /// Key skills (`skill_set`).
    pub skills: Vec<String>,
    /// The free-text "about my skills" section.
    pub skills_text: String,
    /// Work history, most recent first.
    pub positions: Vec<Position>,
    pub total_experience_months: Option<u32>,
    pub salary: Option<Money>,
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    /// Areas the person would move to.
    pub relocation_area_ids: Vec<String>,
    /// Ready to move anywhere (`relocation_possible` without a list, or `relocation_desirable`).
    pub relocation_anywhere: bool,
    /// `ON_SITE`, `REMOTE`, `HYBRID`, `FIELD_WORK`.
    pub work_formats: Vec<String>,
    /// `FULL`, `PART`, `PROJECT`, `FLY_IN_FLY_OUT`, `SIDE_JOB`.
    pub employment_forms: Vec<String>,
    pub professional_role_ids: Vec<String>,
}

/// A full vacancy, as matching sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VacancyFacts {
    pub id: String,
    pub name: String,
    pub key_skills: Vec<String>,
    /// Employer-written HTML (or plain text); never trusted.
    pub description_html: String,
    /// `noExperience`, `between1And3`, `between3And6`, `moreThan6`.
    pub experience_id: Option<String>,
    pub salary: Option<SalaryRange>,
    pub work_formats: Vec<String>,
    pub employment_forms: Vec<String>,
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    pub professional_role_ids: Vec<String>,
    pub employer: Option<String>,
}

/// A search-result card: what the search page or a search API item shows before the vacancy is opened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardFacts {
    pub id: String,
    pub title: String,
    /// Requirement and responsibility text; may contain `<highlighttext>` and other markup.
    pub snippet: String,
    /// The salary as the card writes it, e.g. «от 140 000 ₽ за месяц, до вычета налогов».
    pub salary_text: Option<String>,
    pub employer: Option<String>,
    /// An experience id (`between1And3`) or the card's text («Опыт 1–3 года», «Без опыта»).
    pub experience: Option<String>,
    pub area_name: Option<String>,
    pub work_formats: Vec<String>,
    pub professional_role_ids: Vec<String>,
}

fn text_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for key in path {
        cur = cur.get(key)?;
    }
    cur.as_str()
}

/// An id that hh.ru sends as a string in one place and as a number in another.
fn id_of(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn ids_of(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|items| items.iter().filter_map(id_of).collect())
        .unwrap_or_default()
}

fn string_or_empty(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Old `employment` ids and new `employment_form` ids, as one vocabulary.
pub(crate) fn employment_form_id(id: &str) -> String {
    match id {
        "full" => "FULL".into(),
        "part" => "PART".into(),
        "project" => "PROJECT".into(),
        "probation" => "PROBATION".into(),
        "volunteer" => "VOLUNTEER".into(),
        other => other.to_ascii_uppercase(),
    }
}

impl ResumeFacts {
    /// Reads hh.ru's `GET /resumes/{id}` JSON. Missing or odd fields are left empty, never an error.
    pub fn from_api_json(v: &Value) -> ResumeFacts {
        let positions = v
            .get("experience")
            .and_then(Value::as_array)
            .map(|jobs| {
                jobs.iter()
                    .map(|job| Position {
                        title: string_or_empty(job.get("position")),
                        description: string_or_empty(job.get("description")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let salary = v.get("salary").and_then(|s| {
            Some(Money {
                amount: s.get("amount")?.as_f64()?.max(0.0) as u64,
                currency: s.get("currency")?.as_str()?.to_string(),
            })
        });
        let relocation_type = text_at(v, &["relocation", "type", "id"]).unwrap_or("no_relocation");
        let relocation_area_ids = ids_of(v.get("relocation").and_then(|r| r.get("area")));
        let relocation_anywhere = relocation_type == "relocation_desirable"
            || (relocation_type == "relocation_possible" && relocation_area_ids.is_empty());
        let mut employment_forms: Vec<String> = ids_of(v.get("employment_form"))
            .iter()
            .map(|i| employment_form_id(i))
            .collect();
        if employment_forms.is_empty() {
            employment_forms = ids_of(v.get("employments"))
                .iter()
                .map(|i| employment_form_id(i))
                .collect();
        }
        let mut work_formats = ids_of(v.get("work_format"));
        if work_formats.is_empty() && ids_of(v.get("schedules")).iter().any(|s| s == "remote") {
            work_formats.push("REMOTE".into());
        }
        ResumeFacts {
            title: string_or_empty(v.get("title")),
            skills: v
                .get("skill_set")
                .and_then(Value::as_array)
                .map(|s| {
                    s.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            skills_text: string_or_empty(v.get("skills")),
            positions,
            total_experience_months: v
                .get("total_experience")
                .and_then(|t| t.get("months"))
                .and_then(Value::as_u64)
                .map(|m| m.min(u32::MAX as u64) as u32),
            salary,
            area_id: v.get("area").and_then(id_of),
            area_name: text_at(v, &["area", "name"]).map(str::to_string),
            relocation_area_ids,
            relocation_anywhere,
            work_formats,
            employment_forms,
            professional_role_ids: ids_of(v.get("professional_roles")),
        }
    }
}

impl VacancyFacts {
    /// Reads hh.ru's `GET /vacancies/{id}` JSON, current or older schema (`salary_range` or `salary`,
    /// `work_format` or `schedule: remote`). Missing or odd fields are left empty, never an error.
    pub fn from_api_json(v: &Value) -> VacancyFacts {
        let salary_obj = v
            .get("salary_range")
            .filter(|s| !s.is_null())
            .or_else(|| v.get("salary"));
        let salary = salary_obj.and_then(|s| {
            let from = s
                .get("from")
                .and_then(Value::as_f64)
                .map(|x| x.max(0.0) as u64);
            let to = s
                .get("to")
                .and_then(Value::as_f64)
                .map(|x| x.max(0.0) as u64);
            if from.is_none() && to.is_none() {
                return None;
            }
            Some(SalaryRange {
                from,
                to,
                currency: s
                    .get("currency")
                    .and_then(Value::as_str)
                    .unwrap_or("RUR")
                    .to_string(),
                gross: s.get("gross").and_then(Value::as_bool),
            })
        });
        let mut work_formats = ids_of(v.get("work_format"));
        if work_formats.is_empty() && text_at(v, &["schedule", "id"]) == Some("remote") {
            work_formats.push("REMOTE".into());
        }
        let employment = v
            .get("employment_form")
            .filter(|e| !e.is_null())
            .or_else(|| v.get("employment"));
        VacancyFacts {
            id: id_of(v).unwrap_or_default(),
            name: string_or_empty(v.get("name")),
            key_skills: v
                .get("key_skills")
                .and_then(Value::as_array)
                .map(|s| {
                    s.iter()
                        .filter_map(|x| x.get("name")?.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            description_html: string_or_empty(v.get("description")),
            experience_id: text_at(v, &["experience", "id"]).map(str::to_string),
            salary,
            work_formats,
            employment_forms: employment
                .and_then(id_of)
                .map(|i| vec![employment_form_id(&i)])
                .unwrap_or_default(),
            area_id: v.get("area").and_then(id_of),
            area_name: text_at(v, &["area", "name"]).map(str::to_string),
            professional_role_ids: ids_of(v.get("professional_roles")),
            employer: text_at(v, &["employer", "name"]).map(str::to_string),
        }
    }
}

impl CardFacts {
    /// Reads an item of hh.ru's `GET /vacancies` search answer (snippet, salary, experience).
    pub fn from_search_item_json(v: &Value) -> CardFacts {
        let requirement = text_at(v, &["snippet", "requirement"]).unwrap_or_default();
        let responsibility = text_at(v, &["snippet", "responsibility"]).unwrap_or_default();
        let vacancy = VacancyFacts::from_api_json(v);
        CardFacts {
            id: vacancy.id,
            title: vacancy.name,
            snippet: format!("{requirement}\n{responsibility}")
                .trim()
                .to_string(),
            salary_text: vacancy.salary.as_ref().map(salary_text),
            employer: vacancy.employer,
            experience: vacancy.experience_id,
            area_name: vacancy.area_name,
            work_formats: vacancy.work_formats,
            professional_role_ids: vacancy.professional_role_ids,
        }
    }
}

impl From<&crate::hh::models::Vacancy> for VacancyFacts {
    /// The API client's typed vacancy, with the same rules as `from_api_json`.
    fn from(v: &crate::hh::models::Vacancy) -> VacancyFacts {
        let salary = v
            .salary_range_or_legacy()
            .filter(|s| s.from.is_some() || s.to.is_some())
            .map(|s| SalaryRange {
                from: s.from,
                to: s.to,
                currency: s.currency.unwrap_or_else(|| "RUR".into()),
                gross: s.gross,
            });
        let mut work_formats: Vec<String> = v.work_format.iter().map(|f| f.id.clone()).collect();
        if work_formats.is_empty() && v.schedule.as_ref().is_some_and(|s| s.id == "remote") {
            work_formats.push("REMOTE".into());
        }
        let mut employment_forms: Vec<String> = v
            .employment_form
            .iter()
            .map(|e| employment_form_id(&e.id))
            .collect();
        if employment_forms.is_empty() {
            employment_forms.extend(v.employment.as_ref().map(|e| employment_form_id(&e.id)));
        }
        VacancyFacts {
            id: v.id.clone(),
            name: v.name.clone().unwrap_or_default(),
            key_skills: v.key_skills.iter().map(|k| k.name.clone()).collect(),
            description_html: v.description.clone().unwrap_or_default(),
            experience_id: v.experience.as_ref().map(|e| e.id.clone()),
            salary,
            work_formats,
            employment_forms,
            area_id: v.area.as_ref().map(|a| a.id.clone()),
            area_name: v.area.as_ref().and_then(|a| a.name.clone()),
            professional_role_ids: v.professional_roles.iter().map(|r| r.id.clone()).collect(),
            employer: v.employer.as_ref().and_then(|e| e.name.clone()),
        }
    }
}

impl From<&crate::hh::models::Resume> for ResumeFacts {
    /// The API client's typed resume. It carries no relocation wishes, so those stay empty.
    fn from(r: &crate::hh::models::Resume) -> ResumeFacts {
        let mut employment_forms: Vec<String> = r
            .employment_form
            .iter()
            .map(|e| employment_form_id(&e.id))
            .collect();
        if employment_forms.is_empty() {
            employment_forms = r
                .employments
                .iter()
                .map(|e| employment_form_id(&e.id))
                .collect();
        }
        let mut work_formats: Vec<String> = r.work_format.iter().map(|f| f.id.clone()).collect();
        if work_formats.is_empty() && r.schedules.iter().any(|s| s.id == "remote") {
            work_formats.push("REMOTE".into());
        }
        ResumeFacts {
            title: r.title.clone().unwrap_or_default(),
            skills: r.skill_set.clone(),
            skills_text: r.skills.clone().unwrap_or_default(),
            positions: r
                .experience
                .iter()
                .map(|e| Position {
                    title: e.position.clone().unwrap_or_default(),
                    description: e.description.clone().unwrap_or_default(),
                })
                .collect(),
            total_experience_months: r.total_experience.as_ref().and_then(|t| t.months),
            salary: r.salary.as_ref().and_then(|s| {
                Some(Money {
                    amount: s.amount?,
                    currency: s.currency.clone().unwrap_or_else(|| "RUR".into()),
                })
            }),
            area_id: r.area.as_ref().map(|a| a.id.clone()),
            area_name: r.area.as_ref().and_then(|a| a.name.clone()),
            relocation_area_ids: Vec::new(),
            relocation_anywhere: false,
            work_formats,
            employment_forms,
            professional_role_ids: r.professional_roles.iter().map(|p| p.id.clone()).collect(),
        }
    }
}

/// A salary as a card writes it: «от 140 000 ₽ до вычета налогов», «100 000 – 150 000 $ на руки».
pub fn salary_text(s: &SalaryRange) -> String {
    let sign = currency_sign(&s.currency);
    let amount = match (s.from, s.to) {
        (Some(f), Some(t)) if f == t => format!("{} {sign}", group_thousands(f)),
        (Some(f), Some(t)) => format!("{} – {} {sign}", group_thousands(f), group_thousands(t)),
        (Some(f), None) => format!("от {} {sign}", group_thousands(f)),
        (None, Some(t)) => format!("до {} {sign}", group_thousands(t)),
        (None, None) => String::new(),
    };
    match s.gross {
        Some(true) => format!("{amount} до вычета налогов"),
        Some(false) => format!("{amount} на руки"),
        None => amount,
    }
}

/// The sign the site shows for an hh.ru currency code.
pub(crate) fn currency_sign(code: &str) -> &str {
    match code {
        "RUR" | "RUB" => "₽",
        "USD" => "$",
        "EUR" => "€",
        "KZT" => "₸",
        "BYR" | "BYN" => "Br",
        "UZS" => "сум",
        "UAH" => "₴",
        "KGS" => "сом",
        "AZN" => "₼",
        "GEL" => "₾",
        other => other,
    }
}

/// 1234567 → «1 234 567» (thin-spaced as plain spaces, as hh.ru does in text).
pub(crate) fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Reads a card's salary text. Understands «от», «до», ranges with – or -, spaces of any kind inside
/// numbers, ₽ $ € ₸ Br and their words, and «до вычета налогов» / «на руки».
pub fn parse_salary_text(text: &str) -> Option<SalaryRange> {
    let lower: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut numbers: Vec<u64> = Vec::new();
    let mut current: Option<u64> = None;
    let mut last_was_digit = false;
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = c.to_digit(10) {
            current = Some(
                current
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(d as u64),
            );
            last_was_digit = true;
        } else if last_was_digit && c == ' ' && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            // A space inside a number, as in «140 000».
        } else {
            if let Some(n) = current.take() {
                numbers.push(n);
            }
            last_was_digit = false;
        }
    }
    if let Some(n) = current {
        numbers.push(n);
    }
    let numbers: Vec<u64> = numbers.into_iter().filter(|&n| n >= 100).collect();
    let currency = if lower.contains('₽') || lower.contains("руб") {
        "RUR"
    } else if lower.contains('$') || lower.contains("usd") || lower.contains("долл") {
        "USD"
    } else if lower.contains('€') || lower.contains("eur") || lower.contains("евро") {
        "EUR"
    } else if lower.contains('₸') || lower.contains("kzt") || lower.contains("тенге") {
        "KZT"
    } else if lower.contains("br") || lower.contains("byn") {
        "BYN"
    } else if lower.contains("сум") {
        "UZS"
    } else {
        "RUR"
    };
    let gross = if lower.contains("до вычета") {
        Some(true)
    } else if lower.contains("на руки") || lower.contains("после вычета") {
        Some(false)
    } else {
        None
    };
    let starts_with_to = lower.trim_start().starts_with("до ");
    let (from, to) = match numbers.as_slice() {
        [] => return None,
        [one] if starts_with_to => (None, Some(*one)),
        [one] if lower.trim_start().starts_with("от") => (Some(*one), None),
        [one] => (Some(*one), Some(*one)),
        [a, b, ..] => (Some(*a.min(b)), Some(*a.max(b))),
    };
    Some(SalaryRange {
        from,
        to,
        currency: currency.to_string(),
        gross,
    })
}

/// An experience id from an id or a card's text («Опыт 1–3 года», «Без опыта», «более 6 лет»).
pub fn experience_id_from_text(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    for id in ["noExperience", "between1And3", "between3And6", "moreThan6"] {
        if lower == id.to_lowercase() {
            return Some(id);
        }
    }
    if lower.contains("без опыта") || lower.contains("не требуется") || lower.contains("нет опыта")
    {
        Some("noExperience")
    } else if lower.contains("более 6") || lower.contains("больше 6") || lower.contains("от 6")
    {
        Some("moreThan6")
    } else if lower.contains("3–6")
        || lower.contains("3-6")
        || lower.contains("3 до 6")
        || lower.contains("3 — 6")
    {
        Some("between3And6")
    } else if lower.contains("1–3")
        || lower.contains("1-3")
        || lower.contains("1 года до 3")
        || lower.contains("1 — 3")
    {
        Some("between1And3")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn salary_text_with_nbsp_and_thin_spaces() {
        let s = parse_salary_text(
            "от\u{a0}140\u{202f}000\u{a0}₽ за\u{a0}месяц, до\u{a0}вычета налогов",
        )
        .unwrap();
        assert_eq!(
            s,
            SalaryRange {
                from: Some(140_000),
                to: None,
                currency: "RUR".into(),
                gross: Some(true)
            }
        );
        let s = parse_salary_text("100 000 – 150 000 ₽ на руки").unwrap();
        assert_eq!(
            (s.from, s.to, s.gross),
            (Some(100_000), Some(150_000), Some(false))
        );
        let s = parse_salary_text("до 3 000 $").unwrap();
        assert_eq!(
            (s.from, s.to, s.currency.as_str()),
            (None, Some(3000), "USD")
        );
        let s = parse_salary_text("90 000 ₽").unwrap();
        assert_eq!((s.from, s.to), (Some(90_000), Some(90_000)));
        assert_eq!(parse_salary_text("по договорённости"), None);
        assert_eq!(
            parse_salary_text("99999999999999999999999999 ₽")
                .unwrap()
                .from,
            Some(u64::MAX)
        );
    }

    #[test]
    fn salary_text_round_trip() {
        let s = SalaryRange {
            from: Some(120_000),
            to: Some(180_000),
            currency: "RUR".into(),
            gross: Some(false),
        };
        assert_eq!(salary_text(&s), "120 000 – 180 000 ₽ на руки");
        assert_eq!(parse_salary_text(&salary_text(&s)), Some(s));
    }

    #[test]
    fn experience_text_to_id() {
        assert_eq!(
            experience_id_from_text("Опыт 1–3 года"),
            Some("between1And3")
        );
        assert_eq!(experience_id_from_text("Без опыта"), Some("noExperience"));
        assert_eq!(
            experience_id_from_text("опыт более 6 лет"),
            Some("moreThan6")
        );
        assert_eq!(experience_id_from_text("3–6 лет"), Some("between3And6"));
        assert_eq!(
            experience_id_from_text("between3And6"),
            Some("between3And6")
        );
        assert_eq!(experience_id_from_text("что-то"), None);
    }

    #[test]
    fn vacancy_from_current_and_old_schema() {
        let current = json!({"id": "1", "name": "Python-разработчик", "key_skills": [{"name": "Python"}],
            "salary_range": {"from": 100000, "to": null, "currency": "RUR", "gross": true},
            "experience": {"id": "between1And3"}, "work_format": [{"id": "REMOTE"}],
            "employment_form": {"id": "FULL"}, "area": {"id": "1", "name": "Москва"},
            "professional_roles": [{"id": "96"}], "employer": {"name": "ООО"}, "description": "<p>x</p>"});
        let v = VacancyFacts::from_api_json(&current);
        assert_eq!(v.key_skills, ["Python"]);
        assert_eq!(v.salary.as_ref().unwrap().from, Some(100_000));
        assert_eq!(v.work_formats, ["REMOTE"]);
        assert_eq!(v.employment_forms, ["FULL"]);
        assert_eq!(v.professional_role_ids, ["96"]);
        let old = json!({"id": 2, "name": "x", "salary": {"from": null, "to": 5000, "currency": "USD", "gross": false},
            "schedule": {"id": "remote"}, "employment": {"id": "part"}});
        let v = VacancyFacts::from_api_json(&old);
        assert_eq!(v.id, "2");
        assert_eq!(v.salary.unwrap().to, Some(5000));
        assert_eq!(v.work_formats, ["REMOTE"]);
        assert_eq!(v.employment_forms, ["PART"]);
        let junk = VacancyFacts::from_api_json(&json!([1, 2, 3]));
        assert_eq!(junk, VacancyFacts::default());
    }

    #[test]
    fn resume_from_hh_example() {
        let v = json!({"title": "Программист Python", "skill_set": ["HTML", "CSS"], "skills": "Доп",
            "experience": [{"position": "Должность", "description": "Описание"}], "total_experience": {"months": 94},
            "salary": {"amount": 100500, "currency": "RUR"}, "area": {"id": "1", "name": "Москва"},
            "relocation": {"type": {"id": "relocation_possible"}, "area": [{"id": "2"}]},
            "employments": [{"id": "full"}], "schedules": [{"id": "remote"}], "professional_roles": [{"id": 96}]});
        let r = ResumeFacts::from_api_json(&v);
        assert_eq!(r.skills, ["HTML", "CSS"]);
        assert_eq!(r.positions[0].title, "Должность");
        assert_eq!(r.total_experience_months, Some(94));
        assert_eq!(
            r.salary,
            Some(Money {
                amount: 100_500,
                currency: "RUR".into()
            })
        );
        assert_eq!(r.relocation_area_ids, ["2"]);
        assert!(!r.relocation_anywhere);
        assert_eq!(r.employment_forms, ["FULL"]);
        assert_eq!(r.work_formats, ["REMOTE"]);
        assert_eq!(r.professional_role_ids, ["96"]);
    }

    #[test]
    fn typed_models_give_the_same_facts_as_json() {
        let vacancy = json!({"id": "1", "name": "Python-разработчик", "key_skills": [{"name": "Python"}],
            "salary_range": {"from": 100000, "to": null, "currency": "RUR", "gross": true},
            "experience": {"id": "between1And3"}, "work_format": [{"id": "REMOTE", "name": "Удалённо"}],
            "employment_form": {"id": "FULL", "name": "Полная"}, "area": {"id": "1", "name": "Москва"},
            "professional_roles": [{"id": "96", "name": "Программист"}], "employer": {"name": "ООО"}, "description": "<p>x</p>"});
        let typed: crate::hh::models::Vacancy = serde_json::from_value(vacancy.clone()).unwrap();
        assert_eq!(
            VacancyFacts::from(&typed),
            VacancyFacts::from_api_json(&vacancy)
        );
        let resume = json!({"id": "r", "title": "Программист Python", "skill_set": ["HTML", "CSS"], "skills": "Доп",
            "experience": [{"position": "Должность", "description": "Описание"}], "total_experience": {"months": 94},
            "salary": {"amount": 100500, "currency": "RUR"}, "area": {"id": "1", "name": "Москва"},
            "employments": [{"id": "full", "name": "Полная"}], "schedules": [{"id": "remote", "name": "Удалённо"}],
            "professional_roles": [{"id": "96", "name": "Программист"}]});
        let typed: crate::hh::models::Resume = serde_json::from_value(resume.clone()).unwrap();
        assert_eq!(
            ResumeFacts::from(&typed),
            ResumeFacts::from_api_json(&resume)
        );
    }

    #[test]
    fn card_from_search_item() {
        let v = json!({"id": "7", "name": "Аналитик", "snippet": {"requirement": "Знание <highlighttext>SQL</highlighttext>", "responsibility": null},
            "salary": {"from": 100000, "to": null, "currency": "RUR", "gross": false}, "experience": {"id": "noExperience"}});
        let c = CardFacts::from_search_item_json(&v);
        assert_eq!(c.snippet, "Знание <highlighttext>SQL</highlighttext>");
        assert_eq!(c.salary_text.as_deref(), Some("от 100 000 ₽ на руки"));
        assert_eq!(c.experience.as_deref(), Some("noExperience"));
    }
}
