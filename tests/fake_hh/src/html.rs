//! Small text helpers for HTML: escaping, stripping tags, and hh.ru's way of writing numbers and salaries.

use serde_json::Value;

/// Escapes text for element content and attribute values, the way hh.ru escapes its embedded state
/// (`&#34;` for quotes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text of an HTML fragment: tags dropped, the common entities decoded, whitespace collapsed.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                out.push(' ');
            }
            (true, '>') => in_tag = false,
            (false, _) => out.push(c),
            (true, _) => {}
        }
    }
    let decoded = out
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `140000` → `140 000` with a narrow no-break space, as hh.ru prints it.
pub fn group_digits(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The sign hh.ru shows for an API currency code, and the code its pages put in `<data value>`.
pub fn currency_sign(code: &str) -> (&'static str, &'static str) {
    match code {
        "RUR" | "RUB" => ("₽", "RUB"),
        "USD" => ("$", "USD"),
        "EUR" => ("€", "EUR"),
        "KZT" => ("₸", "KZT"),
        "BYR" => ("Br", "BYN"),
        "UZS" => ("so'm", "UZS"),
        "UAH" => ("₴", "UAH"),
        "KGS" => ("сом", "KGS"),
        "AZN" => ("₼", "AZN"),
        "GEL" => ("₾", "GEL"),
        _ => ("", "RUB"),
    }
}

/// «за месяц», «за час», … for a salary mode id.
pub fn mode_text(mode: &str) -> &'static str {
    match mode {
        "HOUR" => "за\u{a0}час",
        "SHIFT" => "за\u{a0}смену",
        "DAY" => "за\u{a0}день",
        "FLY_IN_FLY_OUT" => "за\u{a0}вахту",
        _ => "за\u{a0}месяц",
    }
}

/// The salary range of a vacancy (`salary_range`, else the deprecated `salary`), as (from, to, currency, gross, mode).
pub struct Salary {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub currency: String,
    pub gross: bool,
    pub mode: String,
    pub frequency: Option<String>,
}

pub fn salary_of(vacancy: &Value) -> Option<Salary> {
    let range = vacancy
        .get("salary_range")
        .filter(|v| v.is_object())
        .or_else(|| vacancy.get("salary").filter(|v| v.is_object()))?;
    let from = range.get("from").and_then(Value::as_f64).map(|f| f as i64);
    let to = range.get("to").and_then(Value::as_f64).map(|f| f as i64);
    if from.is_none() && to.is_none() {
        return None;
    }
    Some(Salary {
        from,
        to,
        currency: range
            .get("currency")
            .and_then(Value::as_str)
            .unwrap_or("RUR")
            .to_string(),
        gross: range.get("gross").and_then(Value::as_bool).unwrap_or(false),
        mode: range
            .pointer("/mode/id")
            .and_then(Value::as_str)
            .unwrap_or("MONTH")
            .to_string(),
        frequency: range
            .pointer("/frequency/id")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_hh_state() {
        assert_eq!(
            escape(r#"<p class="x">A & 'B'</p>"#),
            "&lt;p class=&#34;x&#34;&gt;A &amp; &#39;B&#39;&lt;/p&gt;"
        );
    }

    #[test]
    fn strips_tags_and_entities() {
        assert_eq!(
            to_text("<p><strong>Требования:</strong></p> <ul><li>SQL &amp; Python</li></ul>"),
            "Требования: SQL & Python"
        );
    }

    #[test]
    fn groups_digits_with_narrow_spaces() {
        assert_eq!(group_digits(140000), "140\u{202f}000");
        assert_eq!(group_digits(1250000), "1\u{202f}250\u{202f}000");
        assert_eq!(group_digits(900), "900");
    }
}
