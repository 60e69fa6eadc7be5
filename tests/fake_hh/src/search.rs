//! Vacancy search: the `/vacancies` parameters, their validation, filtering, ordering and the 2000-item depth limit.

use serde_json::Value;

use crate::data::{has_word, Vacancy};
use crate::html;
use crate::time;

pub const EXPERIENCE: [&str; 4] = ["noExperience", "between1And3", "between3And6", "moreThan6"];
pub const WORK_FORMATS: [&str; 4] = ["ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK"];
const CURRENCIES: [&str; 10] = [
    "RUR", "USD", "EUR", "KZT", "UAH", "BYR", "AZN", "UZS", "GEL", "KGS",
];
/// Parameters that select vacancies (what a saved search keeps).
pub const FILTER_KEYS: [&str; 17] = [
    "text",
    "search_field",
    "experience",
    "area",
    "work_format",
    "employment_form",
    "schedule",
    "employment",
    "professional_role",
    "salary",
    "currency",
    "only_with_salary",
    "order_by",
    "date_from",
    "employer_id",
    "period",
    "label",
];

/// A bad parameter: its name, for `{"type":"bad_argument","value":name}`.
#[derive(Debug, PartialEq)]
pub struct BadArgument(pub &'static str);

#[derive(Debug, Default, Clone)]
pub struct Query {
    pub text: String,
    /// Every word of the query (for highlighting and relevance).
    pub words: Vec<String>,
    /// The query's `OR` alternatives, each a list of words that must all occur.
    alternatives: Vec<Vec<String>>,
    search_fields: Vec<String>,
    experience: Vec<String>,
    area: Vec<String>,
    work_format: Vec<String>,
    employment_form: Vec<String>,
    schedule: Vec<String>,
    employment: Vec<String>,
    professional_role: Vec<String>,
    employer_id: Vec<String>,
    salary: Option<i64>,
    only_with_salary: bool,
    order_by: String,
    date_from_ms: Option<i64>,
}

fn all<'a>(pairs: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

fn first<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn owned(values: Vec<&str>) -> Vec<String> {
    values.into_iter().map(str::to_string).collect()
}

/// Words of a query in hh.ru's query language, reduced to what the fake understands: all words must occur
/// (within one `OR` alternative, see [`alternatives_of`]).
pub fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
    {
        if !word.is_empty()
            && !matches!(word, "and" | "or" | "not" | "и")
            && !words.iter().any(|w| w == word)
        {
            words.push(word.to_string());
        }
    }
    words
}

/// A query's alternatives: hh.ru's `A OR (B C)` is «all of A» or «all of B and C» (brackets only group).
pub fn alternatives_of(text: &str) -> Vec<Vec<String>> {
    text.split(" OR ")
        .map(words_of)
        .filter(|words| !words.is_empty())
        .collect()
}

impl Query {
    pub fn parse(pairs: &[(String, String)]) -> Result<Query, BadArgument> {
        let text = first(pairs, "text").unwrap_or("").trim().to_string();
        let experience = all(pairs, "experience");
        if experience.iter().any(|e| !EXPERIENCE.contains(e)) {
            return Err(BadArgument("experience"));
        }
        let work_format = all(pairs, "work_format");
        if work_format.iter().any(|f| !WORK_FORMATS.contains(f)) {
            return Err(BadArgument("work_format"));
        }
        if let Some(currency) = first(pairs, "currency") {
            if !CURRENCIES.contains(&currency) {
                return Err(BadArgument("currency"));
            }
        }
        let salary = match first(pairs, "salary").filter(|s| !s.is_empty()) {
            Some(s) => Some(
                s.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or(BadArgument("salary"))?,
            ),
            None => None,
        };
        let only_with_salary = match first(pairs, "only_with_salary") {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(BadArgument("only_with_salary")),
        };
        let order_by = first(pairs, "order_by").unwrap_or("relevance").to_string();
        if ![
            "relevance",
            "publication_time",
            "salary_desc",
            "salary_asc",
            "distance",
        ]
        .contains(&order_by.as_str())
        {
            return Err(BadArgument("order_by"));
        }
        let date_from_ms = match first(pairs, "date_from").filter(|s| !s.is_empty()) {
            Some(s) => Some(time::parse_hh(s).ok_or(BadArgument("date_from"))?),
            None => None,
        };
        Ok(Query {
            words: words_of(&text),
            alternatives: alternatives_of(&text),
            text,
            search_fields: owned(all(pairs, "search_field")),
            experience: owned(experience),
            area: owned(all(pairs, "area")),
            work_format: owned(work_format),
            employment_form: owned(all(pairs, "employment_form")),
            schedule: owned(all(pairs, "schedule")),
            employment: owned(all(pairs, "employment")),
            professional_role: owned(all(pairs, "professional_role")),
            employer_id: owned(all(pairs, "employer_id")),
            salary,
            only_with_salary,
            order_by,
            date_from_ms,
        })
    }

    pub fn with_date_from(mut self, ms: i64) -> Query {
        self.date_from_ms = Some(self.date_from_ms.map_or(ms, |d| d.max(ms)));
        self
    }

    fn text_matches(&self, v: &Vacancy) -> bool {
        if self.alternatives.is_empty() {
            return true;
        }
        let fields: Vec<&str> = if self.search_fields.is_empty() {
            vec!["name", "company_name", "description"]
        } else {
            self.search_fields.iter().map(String::as_str).collect()
        };
        self.alternatives.iter().any(|words| {
            words.iter().all(|word| {
                fields.iter().any(|field| match *field {
                    "name" => has_word(&v.name_words, word),
                    "company_name" => has_word(&v.company_words, word),
                    "description" => has_word(&v.description_words, word),
                    _ => false,
                })
            })
        })
    }

    fn id_in(values: &[String], id: Option<&str>) -> bool {
        values.is_empty() || id.is_some_and(|id| values.iter().any(|v| v == id))
    }

    fn any_id_in(values: &[String], list: Option<&Value>) -> bool {
        values.is_empty()
            || list.and_then(Value::as_array).is_some_and(|items| {
                items.iter().any(|item| {
                    let id = item.get("id").map(|id| match id {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    });
                    id.is_some_and(|id| values.contains(&id))
                })
            })
    }

    pub fn matches(&self, v: &Vacancy) -> bool {
        let area_ok = self.area.is_empty()
            || self.area.iter().any(|a| a == "113")
            || Self::id_in(&self.area, v.str("/area/id"));
        let salary = html::salary_of(&v.full);
        let salary_ok = match (self.salary, &salary) {
            (_, None) => !self.only_with_salary,
            (None, Some(_)) => true,
            (Some(wanted), Some(s)) => {
                s.from.is_none_or(|from| from <= wanted) && s.to.is_none_or(|to| to >= wanted)
            }
        };
        area_ok
            && salary_ok
            && self.text_matches(v)
            && Self::id_in(&self.experience, v.str("/experience/id"))
            && Self::any_id_in(&self.work_format, v.full.get("work_format"))
            && Self::id_in(&self.employment_form, v.str("/employment_form/id"))
            && Self::id_in(&self.schedule, v.str("/schedule/id"))
            && Self::id_in(&self.employment, v.str("/employment/id"))
            && Self::any_id_in(&self.professional_role, v.full.get("professional_roles"))
            && Self::id_in(&self.employer_id, v.str("/employer/id"))
            && self.date_from_ms.is_none_or(|from| v.published_ms >= from)
    }

    /// The matching vacancies in the requested order.
    pub fn run<'a>(&self, vacancies: &'a [Vacancy]) -> Vec<&'a Vacancy> {
        let mut found: Vec<&Vacancy> = vacancies
            .iter()
            .filter(|v| !v.archived() && self.matches(v))
            .collect();
        let top = |v: &Vacancy| html::salary_of(&v.full).map(|s| s.to.or(s.from).unwrap_or(0));
        match self.order_by.as_str() {
            "publication_time" => found.sort_by_key(|v| std::cmp::Reverse(v.published_ms)),
            "salary_desc" => found.sort_by_key(|v| std::cmp::Reverse(top(v))),
            "salary_asc" => found.sort_by_key(|v| top(v).unwrap_or(i64::MAX)),
            // Relevance: more query words in the title first, newer first among equals.
            _ => found.sort_by_key(|v| {
                std::cmp::Reverse(
                    self.words
                        .iter()
                        .filter(|w| has_word(&v.name_words, w))
                        .count(),
                )
            }),
        }
        found
    }
}

/// `page` and `per_page` of a list request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paging {
    pub page: usize,
    pub per_page: usize,
}

/// Why a page cannot be served.
#[derive(Debug, PartialEq)]
pub enum PagingError {
    Bad(&'static str),
    /// More than 2000 items deep.
    TooDeep,
}

impl Paging {
    pub fn parse(
        pairs: &[(String, String)],
        default_per_page: usize,
        max_per_page: usize,
    ) -> Result<Paging, PagingError> {
        let number = |key: &'static str, default: usize| match first(pairs, key) {
            None | Some("") => Ok(default),
            Some(s) => s.parse::<usize>().map_err(|_| PagingError::Bad(key)),
        };
        let page = number("page", 0)?;
        let per_page = number("per_page", default_per_page)?;
        if per_page == 0 || per_page > max_per_page {
            return Err(PagingError::Bad("per_page"));
        }
        Ok(Paging { page, per_page })
    }

    /// hh.ru serves at most the first 2000 items of any list: `per_page=10&page=199` is the last page.
    pub fn check_depth(&self) -> Result<(), PagingError> {
        match self
            .page
            .checked_add(1)
            .and_then(|p| p.checked_mul(self.per_page))
        {
            Some(depth) if depth <= 2000 => Ok(()),
            _ => Err(PagingError::TooDeep),
        }
    }

    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = self.page.saturating_mul(self.per_page).min(items.len());
        let end = start.saturating_add(self.per_page).min(items.len());
        &items[start..end]
    }

    /// Pages the API reports: all items, but not beyond the depth limit.
    pub fn pages(&self, found: usize) -> usize {
        found.min(2000).div_ceil(self.per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn or_separates_alternatives_and_brackets_only_group() {
        assert_eq!(
            alternatives_of("(Python-разработчик) OR (Django) OR (Go lang)"),
            vec![
                vec!["python".to_string(), "разработчик".to_string()],
                vec!["django".to_string()],
                vec!["go".to_string(), "lang".to_string()],
            ]
        );
        assert_eq!(
            alternatives_of("python django"),
            vec![vec!["python".to_string(), "django".to_string()]]
        );
        assert!(alternatives_of("  ").is_empty());
    }

    #[test]
    fn validates_dictionary_values() {
        assert_eq!(
            Query::parse(&pairs(&[("currency", "RUB")])).unwrap_err(),
            BadArgument("currency")
        );
        assert_eq!(
            Query::parse(&pairs(&[("experience", "junior")])).unwrap_err(),
            BadArgument("experience")
        );
        assert!(Query::parse(&pairs(&[
            ("experience", "between1And3"),
            ("experience", "noExperience")
        ]))
        .is_ok());
    }

    #[test]
    fn depth_limit_is_2000_items() {
        let ok = Paging {
            page: 199,
            per_page: 10,
        };
        assert_eq!(ok.check_depth(), Ok(()));
        assert_eq!(
            Paging {
                page: 200,
                per_page: 10
            }
            .check_depth(),
            Err(PagingError::TooDeep)
        );
        assert_eq!(
            Paging::parse(&pairs(&[("per_page", "101")]), 20, 100),
            Err(PagingError::Bad("per_page"))
        );
    }
}
