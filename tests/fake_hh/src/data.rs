//! The data the fake serves: real vacancies (brought to the current API schema), the fake user and resumes,
//! dictionaries and areas; plus the derived forms (search items with snippets, short resumes).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::html;
use crate::time;

pub const USER_ID: &str = "73194615";
pub const RESUME_PYTHON_ID: &str = "7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d";
pub const RESUME_ARCHITECT_ID: &str = "c4d8e2f6a1b3957d0e4f8a2c6b1d3e5f7a9b0c";
pub const DEFAULT_CLIENT_ID: &str = "test-client";
pub const DEFAULT_CLIENT_SECRET: &str = "test-secret";

const VACANCY_FILES: [&str; 2] = [
    "vacancies/full_2025-11_it_100.json",
    "vacancies/full_2023-04_nonit_69.json",
];
const RESUMES: [&str; 2] = [
    include_str!("../data/resume_python_backend.json"),
    include_str!("../data/resume_architect.json"),
];
const USER: &str = include_str!("../data/user.json");

/// A vacancy with the lowercased text the search looks at.
#[derive(Clone)]
pub struct Vacancy {
    pub id: String,
    pub full: Value,
    pub published_ms: i64,
    /// Sorted distinct lowercase words of the name, the employer's name, and the description with key skills.
    pub name_words: Vec<String>,
    pub company_words: Vec<String>,
    pub description_words: Vec<String>,
}

/// Sorted distinct lowercase words; `+` and `#` count as letters (C++, C#).
pub fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A query word matches a word of the text, or its start when only an ending follows
/// («архитектор» finds «архитектора», «java» does not find «javascript»).
pub fn has_word(words: &[String], query: &str) -> bool {
    let query_len = query.chars().count();
    words.iter().any(|w| {
        w == query || (query_len >= 3 && w.starts_with(query) && w.chars().count() - query_len <= 3)
    })
}

impl Vacancy {
    pub fn new(mut full: Value) -> Result<Vacancy, String> {
        let id = match full.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err("a vacancy needs an \"id\"".into()),
        };
        let obj = full
            .as_object_mut()
            .ok_or("a vacancy must be a JSON object")?;
        obj.insert("id".into(), Value::String(id.clone()));
        if !obj.get("name").is_some_and(Value::is_string) {
            return Err(format!("vacancy {id} needs a \"name\""));
        }
        normalise(obj);
        let published_ms = full
            .get("published_at")
            .and_then(Value::as_str)
            .and_then(time::parse_hh)
            .unwrap_or(0);
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_lowercase();
        let skills: Vec<String> = full
            .get("key_skills")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.get("name").and_then(Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let description = html::to_text(
            full.get("description")
                .and_then(Value::as_str)
                .unwrap_or(""),
        );
        Ok(Vacancy {
            name_words: words(&text(full.get("name"))),
            company_words: words(&text(full.pointer("/employer/name"))),
            description_words: words(&format!("{description} {}", skills.join(" "))),
            id,
            published_ms,
            full,
        })
    }

    pub fn str(&self, pointer: &str) -> Option<&str> {
        self.full.pointer(pointer).and_then(Value::as_str)
    }

    pub fn archived(&self) -> bool {
        self.full
            .get("archived")
            .and_then(Value::as_bool)
            .unwrap_or(false)
            || self
                .full
                .get("hidden")
                .and_then(Value::as_bool)
                .unwrap_or(false)
    }

    pub fn test_required(&self) -> bool {
        self.full
            .pointer("/test/required")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn letter_required(&self) -> bool {
        self.full
            .get("response_letter_required")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn is_direct(&self) -> bool {
        self.str("/type/id") == Some("direct")
    }

    pub fn key_skills(&self) -> Vec<String> {
        self.full
            .get("key_skills")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.get("name").and_then(Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn named(id: &str, name: &str) -> Value {
    json!({ "id": id, "name": name })
}

/// Older vacancies (2023) lack the fields the 2025 API returns for every vacancy; derive them the way hh.ru did
/// when it introduced them, keeping the old fields too.
fn normalise(obj: &mut Map<String, Value>) {
    if !obj.get("salary_range").is_some_and(Value::is_object) {
        if let Some(Value::Object(salary)) = obj.get("salary").cloned() {
            let mut range = salary;
            range.insert("mode".into(), named("MONTH", "За месяц"));
            range.insert("frequency".into(), Value::Null);
            obj.insert("salary_range".into(), Value::Object(range));
        } else {
            obj.insert("salary_range".into(), Value::Null);
        }
    }
    if !obj.get("work_format").is_some_and(Value::is_array) {
        let format = match obj
            .get("schedule")
            .and_then(|s| s.get("id"))
            .and_then(Value::as_str)
        {
            Some("remote") => named("REMOTE", "Удалённо"),
            Some("flyInFlyOut") => named("FIELD_WORK", "Разъездной"),
            _ => named("ON_SITE", "На месте работодателя"),
        };
        obj.insert("work_format".into(), json!([format]));
    }
    if !obj.get("employment_form").is_some_and(Value::is_object) {
        let form = match obj
            .get("employment")
            .and_then(|s| s.get("id"))
            .and_then(Value::as_str)
        {
            Some("part") => named("PART", "Частичная"),
            Some("project") => named("PROJECT", "Проект или разовое задание"),
            Some("volunteer") => named("VOLUNTEER", "Волонтёрство"),
            _ => named("FULL", "Полная"),
        };
        obj.insert("employment_form".into(), form);
    }
    for key in [
        "work_schedule_by_days",
        "working_hours",
        "fly_in_fly_out_duration",
        "civil_law_contracts",
        "relations",
    ] {
        if !obj.get(key).is_some_and(Value::is_array) {
            obj.insert(key.into(), json!([]));
        }
    }
    for (key, default) in [
        ("archived", false),
        ("has_test", false),
        ("response_letter_required", false),
        ("hidden", false),
    ] {
        if !obj.get(key).is_some_and(Value::is_boolean) {
            obj.insert(key.into(), Value::Bool(default));
        }
    }
    if !obj.get("type").is_some_and(Value::is_object) {
        obj.insert("type".into(), named("open", "Открытая"));
    }
}

const SEARCH_ITEM_KEYS: &[&str] = &[
    "id",
    "premium",
    "name",
    "department",
    "has_test",
    "response_letter_required",
    "area",
    "salary",
    "salary_range",
    "type",
    "address",
    "response_url",
    "sort_point_distance",
    "published_at",
    "created_at",
    "archived",
    "apply_alternate_url",
    "show_logo_in_search",
    "show_contacts",
    "insider_interview",
    "url",
    "alternate_url",
    "relations",
    "employer",
    "snippet",
    "contacts",
    "schedule",
    "working_days",
    "working_time_intervals",
    "working_time_modes",
    "accept_temporary",
    "fly_in_fly_out_duration",
    "work_format",
    "working_hours",
    "work_schedule_by_days",
    "accept_labor_contract",
    "civil_law_contracts",
    "night_shifts",
    "professional_roles",
    "accept_incomplete_resumes",
    "experience",
    "employment",
    "employment_form",
    "internship",
    "adv_response_url",
    "is_adv_vacancy",
    "adv_context",
];

fn default_for(key: &str) -> Value {
    match key {
        "working_days"
        | "working_time_intervals"
        | "working_time_modes"
        | "fly_in_fly_out_duration"
        | "work_format"
        | "working_hours"
        | "work_schedule_by_days"
        | "civil_law_contracts"
        | "professional_roles"
        | "relations" => json!([]),
        "premium"
        | "accept_temporary"
        | "accept_labor_contract"
        | "night_shifts"
        | "internship"
        | "is_adv_vacancy"
        | "accept_incomplete_resumes" => Value::Bool(false),
        _ => Value::Null,
    }
}

/// A `/vacancies` search item: no `description`, no `key_skills`, a `snippet` instead.
pub fn search_item(vacancy: &Vacancy, words: &[String], relations: &[&str]) -> Value {
    let mut item = Map::new();
    for key in SEARCH_ITEM_KEYS {
        let value = match *key {
            "url" => Value::String(format!(
                "https://api.hh.ru/vacancies/{}?host=hh.ru",
                vacancy.id
            )),
            "snippet" => snippet(vacancy, words),
            "relations" => json!(relations),
            "sort_point_distance" | "adv_response_url" | "adv_context" => Value::Null,
            "is_adv_vacancy" => Value::Bool(false),
            _ => vacancy
                .full
                .get(*key)
                .cloned()
                .unwrap_or_else(|| default_for(key)),
        };
        item.insert(key.to_string(), value);
    }
    Value::Object(item)
}

/// The full `/vacancies/{id}` object, with the user's relations to it.
pub fn full_vacancy(vacancy: &Vacancy, relations: &[&str]) -> Value {
    let mut full = vacancy.full.clone();
    if let Some(obj) = full.as_object_mut() {
        obj.insert("relations".into(), json!(relations));
        obj.entry("alternate_url")
            .or_insert_with(|| Value::String(format!("https://hh.ru/vacancy/{}", vacancy.id)));
        obj.entry("apply_alternate_url").or_insert_with(|| {
            Value::String(format!(
                "https://hh.ru/applicant/vacancy_response?vacancyId={}",
                vacancy.id
            ))
        });
    }
    full
}

const REQUIREMENT_HEADINGS: [&str; 5] = [
    "Требования",
    "Что мы ждем",
    "Что мы ждём",
    "Мы ждем",
    "Мы ждём",
];
const RESPONSIBILITY_HEADINGS: [&str; 4] = [
    "Обязанности",
    "Задачи",
    "Чем предстоит заниматься",
    "Что нужно делать",
];
const OTHER_HEADINGS: [&str; 5] = [
    "Условия",
    "Мы предлагаем",
    "Что мы предлагаем",
    "Будет плюсом",
    "Будет преимуществом",
];

fn section_after(text: &str, headings: &[&str]) -> Option<String> {
    let start = headings
        .iter()
        .filter_map(|h| text.find(h).map(|i| i + h.len()))
        .min()?;
    let rest = text[start..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    // The section ends where the next heading starts.
    let end = REQUIREMENT_HEADINGS
        .iter()
        .chain(RESPONSIBILITY_HEADINGS.iter())
        .chain(OTHER_HEADINGS.iter())
        .filter_map(|h| rest.find(h))
        .min()
        .unwrap_or(rest.len());
    let rest = rest[..end].trim();
    if rest.is_empty() {
        return None;
    }
    Some(clip(rest.trim_end_matches('.'), 180))
}

fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 0 => cut[..space].to_string(),
        _ => cut,
    };
    format!("{}...", cut.trim_end_matches([',', ';', ':', ' ', '.']))
}

/// Wraps every word of `text` that starts with a search word in `<highlighttext>`, as the API does.
fn highlight(text: &str, words: &[String]) -> String {
    if words.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if token.is_empty() {
            return;
        }
        let lower = token.to_lowercase();
        if words
            .iter()
            .any(|w| w.chars().count() >= 2 && lower.starts_with(w.as_str()))
        {
            out.push_str("<highlighttext>");
            out.push_str(token);
            out.push_str("</highlighttext>");
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '+' || c == '#' {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

fn snippet(vacancy: &Vacancy, words: &[String]) -> Value {
    let text = html::to_text(
        vacancy
            .full
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or(""),
    );
    let requirement = section_after(&text, &REQUIREMENT_HEADINGS)
        .or_else(|| (!text.is_empty()).then(|| clip(&text, 180)));
    let responsibility = section_after(&text, &RESPONSIBILITY_HEADINGS);
    json!({
        "requirement": requirement.map(|t| highlight(&t, words)),
        "responsibility": responsibility.map(|t| highlight(&t, words)),
    })
}

/// Everything loaded at start; never changes afterwards.
pub struct Data {
    pub vacancies: Vec<Vacancy>,
    pub resumes: Vec<Value>,
    pub user: Value,
    pub dictionaries: String,
    pub dictionaries_etag: String,
    pub areas: String,
    pub areas_etag: String,
}

fn etag(body: &str) -> String {
    // FNV-1a: stable across runs, so a client's cached ETag stays valid when the fake restarts.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in body.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{hash:016x}\"")
}

impl Data {
    pub fn load(data_dir: &Path) -> Result<Data, String> {
        let mut vacancies: Vec<Vacancy> = Vec::new();
        for file in VACANCY_FILES {
            let path = data_dir.join(file);
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let list: Vec<Value> =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            for full in list {
                let vacancy = Vacancy::new(full).map_err(|e| format!("{}: {e}", path.display()))?;
                if !vacancies.iter().any(|v| v.id == vacancy.id) {
                    vacancies.push(vacancy);
                }
            }
        }
        vacancies.sort_by(|a, b| {
            b.published_ms
                .cmp(&a.published_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut resumes = Vec::new();
        for text in RESUMES {
            resumes.push(serde_json::from_str(text).map_err(|e| format!("built-in resume: {e}"))?);
        }
        let user = serde_json::from_str(USER).map_err(|e| format!("built-in user: {e}"))?;
        let official = data_dir.join("../hh-api/examples/openapi/dictionaries.json");
        let dictionaries = match std::fs::read_to_string(&official)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        {
            Some(value) => value.to_string(),
            None => builtin_dictionaries().to_string(),
        };
        let areas = areas_of(&vacancies).to_string();
        Ok(Data {
            vacancies,
            resumes,
            user,
            dictionaries_etag: etag(&dictionaries),
            dictionaries,
            areas_etag: etag(&areas),
            areas,
        })
    }

    pub fn resume(&self, id: &str) -> Option<&Value> {
        self.resumes
            .iter()
            .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
    }
}

/// Russia with the cities the vacancies are in; enough for the area filter and a settings picker.
fn areas_of(vacancies: &[Vacancy]) -> Value {
    let mut cities: BTreeMap<String, String> = BTreeMap::new();
    for v in vacancies {
        if let (Some(id), Some(name)) = (v.str("/area/id"), v.str("/area/name")) {
            cities.insert(id.to_string(), name.to_string());
        }
    }
    let children: Vec<Value> = cities
        .into_iter()
        .map(|(id, name)| json!({ "id": id, "parent_id": "113", "name": name, "areas": [] }))
        .collect();
    json!([{ "id": "113", "parent_id": null, "name": "Россия", "areas": children }])
}

fn builtin_dictionaries() -> Value {
    json!({
        "experience": [
            named("noExperience", "Нет опыта"), named("between1And3", "От 1 года до 3 лет"),
            named("between3And6", "От 3 до 6 лет"), named("moreThan6", "Более 6 лет")
        ],
        "work_format": [
            named("ON_SITE", "На месте работодателя"), named("REMOTE", "Из дома"),
            named("HYBRID", "Гибрид"), named("FIELD_WORK", "Разъездная")
        ],
        "employment_form": [
            named("FULL", "Полная занятость"), named("PART", "Подработка"),
            named("PROJECT", "Проект или разовое задание"), named("FLY_IN_FLY_OUT", "Вахта")
        ],
        "currency": [
            { "code": "RUR", "abbr": "руб.", "name": "Рубли", "default": true, "rate": 1.0, "in_use": true },
            { "code": "USD", "abbr": "USD", "name": "Доллары", "default": false, "rate": 0.0125, "in_use": true },
            { "code": "EUR", "abbr": "EUR", "name": "Евро", "default": false, "rate": 0.0108, "in_use": true }
        ],
        "negotiations_state": [
            named("response", "Отклик"), named("invitation", "Приглашение"), named("discard", "Отказ"), named("hidden", "Скрытый")
        ],
        "applicant_negotiation_status": [
            named("all", "Все"), named("active", "Активные"), named("invitations", "Активные приглашения"),
            named("response", "Активные отклики"), named("discard", "Отказ"), named("archived", "Архивированные")
        ],
        "negotiations_order": [named("updated_at", "по дате обновления"), named("created_at", "по дате добавления")],
        "vacancy_type": [
            named("open", "Открытая"), named("closed", "Закрытая"), named("anonymous", "Анонимная"), named("direct", "Рекламная")
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_vacancies_get_current_fields() {
        let v = Vacancy::new(json!({
            "id": 5, "name": "Архитектор", "salary": { "from": 70000, "to": null, "currency": "RUR", "gross": true },
            "schedule": { "id": "remote" }, "employment": { "id": "part" }
        }))
        .unwrap();
        assert_eq!(v.id, "5");
        assert_eq!(v.full["salary_range"]["mode"]["id"], "MONTH");
        assert_eq!(v.full["work_format"][0]["id"], "REMOTE");
        assert_eq!(v.full["employment_form"]["id"], "PART");
        assert!(Vacancy::new(json!({ "name": "без id" })).is_err());
    }

    #[test]
    fn snippets_take_the_requirements_section_and_highlight() {
        let v = Vacancy::new(json!({
            "id": "1", "name": "Dev",
            "description": "<p><strong>Обязанности:</strong> писать код</p><p><strong>Требования:</strong> Python 3, SQL</p>"
        }))
        .unwrap();
        let item = search_item(&v, &["python".to_string()], &[]);
        assert_eq!(
            item["snippet"]["requirement"],
            "<highlighttext>Python</highlighttext> 3, SQL"
        );
        assert_eq!(item["snippet"]["responsibility"], "писать код");
        assert!(item.get("description").is_none());
        assert!(item.get("key_skills").is_none());
    }
}
