//! Reads the user's replies from hh.ru's «Отклики» page (`/applicant/negotiations`), for when the API
//! refuses the applicant methods.

use super::html::{Document, Element};
use super::{all, find, login_form, PageError};

/// One reply as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNegotiation {
    /// The topic id from the item's links (`topicId=`); empty when the item has none.
    pub id: String,
    pub vacancy_id: String,
    pub vacancy_name: String,
    pub employer: String,
    /// As shown: «сегодня», «вчера», «26 ноября», «26 ноября 2025».
    pub date_text: String,
    /// (day, month) when the date names them.
    pub day_month: Option<(u32, u32)>,
    /// The year, when the date names one (hh.ru writes it for other years only).
    pub year: Option<i32>,
    /// 0 for «сегодня», 1 for «вчера».
    pub days_ago: Option<u32>,
    /// `response` (not viewed), `viewed`, `invitation`, `discard`, or hh.ru's tag as is.
    pub state: String,
}

const MONTHS: [&str; 12] = [
    "янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

/// The replies on the page, newest first as hh.ru lists them; empty when the page says there are none.
pub fn read_negotiations(html: &str) -> Result<Vec<PageNegotiation>, PageError> {
    let doc = Document::parse(html);
    if login_form(&doc) {
        return Err(PageError::login());
    }
    let root = doc.root();
    let items = all(root, "negotiations.item");
    if items.is_empty() {
        if find(root, "negotiations.empty", &mut Vec::new()).is_some() {
            return Ok(Vec::new());
        }
        return Err(PageError::missing(
            "Отклики",
            vec!["negotiations.item".into()],
        ));
    }
    let mut missing = Vec::new();
    let mut list = Vec::new();
    for item in items {
        if let Some(negotiation) = read_item(item, &mut missing) {
            list.push(negotiation);
        }
    }
    if missing.is_empty() {
        Ok(list)
    } else {
        Err(PageError::missing("Отклики", missing))
    }
}

fn read_item(item: Element<'_>, missing: &mut Vec<String>) -> Option<PageNegotiation> {
    let vacancy = find(item, "negotiations.vacancy", missing);
    let company = find(item, "negotiations.company", missing);
    let date = find(item, "negotiations.date", missing);
    let tag = find(item, "negotiations.tag", missing);
    let (vacancy, company, date, tag) = (vacancy?, company?, date?, tag?);
    let links: Vec<&str> = std::iter::once(vacancy)
        .chain(vacancy.parent())
        .chain(item.select("a"))
        .filter_map(|a| a.attr("href"))
        .collect();
    let Some(vacancy_id) = links.iter().find_map(|href| id_after(href, "/vacancy/")) else {
        missing.push("negotiations.vacancy".into());
        return None;
    };
    let date_text = date.text();
    let (day_month, year, days_ago) = read_date(&date_text);
    Some(PageNegotiation {
        id: links
            .iter()
            .find_map(|href| id_after(href, "topicId="))
            .unwrap_or_default(),
        vacancy_id,
        vacancy_name: vacancy.text(),
        employer: company.text(),
        date_text,
        day_month,
        year,
        days_ago,
        state: state_of(tag.attr("data-qa").unwrap_or_default()),
    })
}

/// The digits right after `marker` in a link.
fn id_after(href: &str, marker: &str) -> Option<String> {
    let rest = &href[href.find(marker)? + marker.len()..];
    let id: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!id.is_empty()).then_some(id)
}

/// `negotiations-tag negotiations-item-not-viewed` → `response`.
fn state_of(data_qa: &str) -> String {
    let tag = data_qa
        .split_whitespace()
        .find_map(|v| v.strip_prefix("negotiations-item-"))
        .unwrap_or(data_qa);
    match tag {
        "not-viewed" | "response" => "response",
        "viewed" => "viewed",
        "interview" | "invitation" => "invitation",
        "discard" => "discard",
        other => other,
    }
    .to_string()
}

/// «26 ноября» → (Some((26, 11)), None, None); «26 ноября 2025» and «26.11.2025» add the year;
/// «сегодня» / «вчера» → days ago.
fn read_date(text: &str) -> (Option<(u32, u32)>, Option<i32>, Option<u32>) {
    let lower = text.to_lowercase();
    if lower.contains("сегодня") {
        return (None, None, Some(0));
    }
    if lower.contains("вчера") {
        return (None, None, Some(1));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |i: usize| words.get(i).and_then(|w| w.parse::<u32>().ok());
    let Some(day) = number(0).filter(|d| (1..=31).contains(d)) else {
        return (None, None, None);
    };
    let month = number(1).filter(|m| (1..=12).contains(m)).or_else(|| {
        let word = words.get(1)?;
        let index = MONTHS.iter().position(|m| word.starts_with(m))?;
        Some(index as u32 + 1)
    });
    let Some(month) = month else {
        return (None, None, None);
    };
    let year = number(2)
        .filter(|y| (2000..=2100).contains(y))
        .map(|y| y as i32);
    (Some((day, month)), year, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("tests/fixtures/pages/{name}")).unwrap()
    }

    #[test]
    fn the_fakes_replies_read_with_states_and_dates() {
        let list = read_negotiations(&fixture("negotiations.html")).unwrap();
        let states: Vec<&str> = list.iter().map(|n| n.state.as_str()).collect();
        assert_eq!(states, ["invitation", "discard", "viewed", "response"]);
        for n in &list {
            assert!(!n.id.is_empty() && !n.vacancy_id.is_empty(), "{n:?}");
            assert!(
                !n.vacancy_name.is_empty() && !n.employer.is_empty(),
                "{n:?}"
            );
        }
        type Dated<'a> = (&'a str, Option<(u32, u32)>, Option<u32>);
        let dates: Vec<Dated> = list
            .iter()
            .map(|n| (n.date_text.as_str(), n.day_month, n.days_ago))
            .collect();
        assert_eq!(
            dates,
            [
                ("сегодня", None, Some(0)),
                ("вчера", None, Some(1)),
                ("26 ноября", Some((26, 11)), None),
                ("3 октября 2025", Some((3, 10)), None),
            ]
        );
        assert_eq!(list[3].year, Some(2025));
    }

    #[test]
    fn each_key_the_reader_relies_on_is_named_when_missing() {
        let html = fixture("negotiations.html");
        for (from, to, key) in [
            (
                r#""negotiations-item-vacancy""#,
                r#""renamed""#,
                "negotiations.vacancy",
            ),
            (
                r#""negotiations-item-company""#,
                r#""renamed""#,
                "negotiations.company",
            ),
            (
                r#""negotiations-item-date""#,
                r#""renamed""#,
                "negotiations.date",
            ),
            (r#""negotiations-tag "#, r#""renamed "#, "negotiations.tag"),
            (
                r#""negotiations-item""#,
                r#""renamed""#,
                "negotiations.item",
            ),
        ] {
            assert!(html.contains(from), "{from}");
            let error = read_negotiations(&html.replace(from, to)).unwrap_err();
            assert_eq!(error.missing, [key], "{from}");
            assert!(error.message.contains(key));
        }
    }

    #[test]
    fn an_empty_list_the_login_page_and_a_strange_page() {
        assert_eq!(
            read_negotiations(&fixture("negotiations_empty.html")).unwrap(),
            []
        );
        assert!(
            read_negotiations(&fixture("login.html"))
                .unwrap_err()
                .login_required
        );
        let strange =
            read_negotiations("<html><body>Технические работы</body></html>").unwrap_err();
        assert_eq!(strange.missing, ["negotiations.item"]);
        assert!(!strange.login_required);
    }

    #[test]
    fn dates_and_tags_as_hh_writes_them() {
        assert_eq!(read_date("26\u{a0}ноября"), (Some((26, 11)), None, None));
        assert_eq!(read_date("1 мая 2024"), (Some((1, 5)), Some(2024), None));
        assert_eq!(read_date("29.06.2026"), (Some((29, 6)), Some(2026), None));
        assert_eq!(read_date("Вчера"), (None, None, Some(1)));
        assert_eq!(read_date("14:05"), (None, None, None));
        assert_eq!(
            state_of("negotiations-tag negotiations-item-not-viewed"),
            "response"
        );
        assert_eq!(
            state_of("negotiations-tag negotiations-item-interview"),
            "invitation"
        );
        assert_eq!(
            state_of("negotiations-tag negotiations-item-archived"),
            "archived"
        );
    }
}
