//! Cover letters: templates with placeholders, the built-in Russian and English defaults, and the checks shown while editing.

/// What a template can mention. Empty values drop the lines that need them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterFacts {
    pub vacancy: String,
    pub company: String,
    pub first_name: String,
    pub resume_title: String,
    /// Skills the vacancy asks for and the resume has, most important first.
    pub matched_skills: Vec<String>,
    /// Whole years of experience, when known.
    pub experience_years: Option<u32>,
}

/// The placeholders a template may use, with what they become; shown as the legend in the settings.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("{vacancy}", "название вакансии"),
    ("{company}", "компания"),
    ("{first_name}", "ваше имя"),
    ("{resume_title}", "должность в резюме"),
    ("{skills}", "ваши навыки, которые ищет работодатель"),
    ("{experience}", "ваш опыт, например «5 лет»"),
];

const DEFAULT_RU: &str = "Здравствуйте!

Меня заинтересовала вакансия «{vacancy}»[ в компании {company}].
Мой опыт — {experience}[, по профилю «{resume_title}»].
Из того, что вы ищете, у меня есть опыт с {skills}.

Буду рад рассказать подробнее и ответить на вопросы.

С уважением,
{first_name}";

const DEFAULT_EN: &str = "Hello,

I am interested in the {vacancy} position[ at {company}].
I have {experience} of experience[ as {resume_title}].
Of the skills you are looking for, I have worked with {skills}.

I would be glad to tell you more and answer any questions.

Best regards,
{first_name}";

/// The language a letter should be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterLanguage {
    Russian,
    English,
}

impl LetterLanguage {
    /// English when the vacancy's text is mostly Latin letters, Russian otherwise.
    pub fn of_vacancy(text: &str) -> LetterLanguage {
        let (latin, cyrillic) = text.chars().fold((0usize, 0usize), |(l, c), ch| match ch {
            'a'..='z' | 'A'..='Z' => (l + 1, c),
            'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => (l, c + 1),
            _ => (l, c),
        });
        if latin > cyrillic * 3 && latin > 40 {
            LetterLanguage::English
        } else {
            LetterLanguage::Russian
        }
    }
}

/// The built-in template for a language.
pub fn default_template(language: LetterLanguage) -> &'static str {
    match language {
        LetterLanguage::Russian => DEFAULT_RU,
        LetterLanguage::English => DEFAULT_EN,
    }
}

/// Fills a template. A `[bracketed part]` whose placeholders are empty is left out; a line with an empty
/// placeholder outside brackets is dropped, so a missing fact never leaves «в компании .» behind.
/// Unknown `{words}` stay as written.
pub fn render(template: &str, facts: &LetterFacts, language: LetterLanguage) -> String {
    let skills = facts
        .matched_skills
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let experience = facts
        .experience_years
        .filter(|y| *y > 0)
        .map(|y| years(y, language))
        .unwrap_or_default();
    let values: [(&str, &str); 6] = [
        ("{vacancy}", facts.vacancy.trim()),
        ("{company}", facts.company.trim()),
        ("{first_name}", facts.first_name.trim()),
        ("{resume_title}", facts.resume_title.trim()),
        ("{skills}", &skills),
        ("{experience}", &experience),
    ];
    let lines: Vec<String> = template
        .lines()
        .filter_map(|line| render_line(line, &values))
        .collect();
    collapse_blank_lines(&lines.join("\n"))
}

/// Fills one piece of text; `None` when a placeholder in it has no value.
fn fill(text: &str, values: &[(&str, &str)]) -> Option<String> {
    let mut filled = text.to_string();
    for (key, value) in values {
        if filled.contains(key) {
            if value.is_empty() {
                return None;
            }
            filled = filled.replace(key, value);
        }
    }
    Some(filled)
}

fn render_line(line: &str, values: &[(&str, &str)]) -> Option<String> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&fill(&rest[open + 1..close], values).unwrap_or_default());
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    fill(&out, values)
}

fn years(n: u32, language: LetterLanguage) -> String {
    match language {
        LetterLanguage::English if n == 1 => "1 year".into(),
        LetterLanguage::English => format!("{n} years"),
        LetterLanguage::Russian => {
            let word = match (n % 10, n % 100) {
                (1, r) if r != 11 => "год",
                (2..=4, r) if !(12..=14).contains(&r) => "года",
                _ => "лет",
            };
            format!("{n} {word}")
        }
    }
}

fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.trim().lines() {
        blank_run = if line.trim().is_empty() {
            blank_run + 1
        } else {
            0
        };
        if blank_run <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// hh.ru refuses letters longer than this many characters.
pub const LETTER_LIMIT: usize = 10_000;

/// Letters are counted in characters, as hh.ru counts them, not bytes.
pub fn letter_length(letter: &str) -> usize {
    letter.chars().count()
}

/// True when the letter holds something that looks like a link: hh.ru's spam filter punishes those.
pub fn contains_link(letter: &str) -> bool {
    const MARKERS: &[&str] = &[
        "http://",
        "https://",
        "www.",
        "t.me/",
        "telegram.me/",
        "wa.me/",
        "vk.com/",
        "bit.ly/",
    ];
    const DOMAINS: &[&str] = &[
        ".ru/", ".com/", ".org/", ".net/", ".io/", ".me/", ".dev/", ".рф/", ".su/", ".info/",
    ];
    let lower = letter.to_lowercase();
    if MARKERS.iter().any(|marker| lower.contains(marker)) {
        return true;
    }
    // A bare «github.com/name» is a link; «ASP.NET» alone is not, so a path must follow the domain.
    lower.split_whitespace().any(|word| {
        DOMAINS
            .iter()
            .any(|domain| word.contains(domain) && !word.starts_with(domain))
    })
}

/// The words of an HTML fragment without its tags (to tell the language of a vacancy's description).
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> LetterFacts {
        LetterFacts {
            vacancy: "Python-разработчик".into(),
            company: "Ромашка".into(),
            first_name: "Иван".into(),
            resume_title: "Backend-разработчик".into(),
            matched_skills: vec!["Python".into(), "Django".into(), "PostgreSQL".into()],
            experience_years: Some(4),
        }
    }

    #[test]
    fn the_default_letter_names_the_vacancy_company_and_skills() {
        let letter = render(DEFAULT_RU, &facts(), LetterLanguage::Russian);
        assert!(letter.starts_with("Здравствуйте!"));
        assert!(letter.contains("«Python-разработчик» в компании Ромашка."));
        assert!(letter.contains("Мой опыт — 4 года, по профилю «Backend-разработчик»."));
        assert!(letter.contains("Python, Django, PostgreSQL"));
        assert!(letter.ends_with("Иван"));
        assert!(!letter.contains('{'));
    }

    #[test]
    fn lines_without_their_facts_are_dropped_not_left_half_empty() {
        let bare = LetterFacts {
            vacancy: "Бухгалтер".into(),
            ..LetterFacts::default()
        };
        let letter = render(DEFAULT_RU, &bare, LetterLanguage::Russian);
        assert!(
            letter.contains("Меня заинтересовала вакансия «Бухгалтер».\n"),
            "{letter}"
        );
        assert!(!letter.contains("компании"));
        assert!(!letter.contains("Мой опыт"));
        assert!(!letter.contains("опыт с"));
        assert!(!letter.contains("\n\n\n"));
    }

    #[test]
    fn russian_years_agree_with_the_number() {
        let ru = |n| years(n, LetterLanguage::Russian);
        assert_eq!(
            [ru(1), ru(2), ru(5), ru(11), ru(21), ru(22), ru(14)],
            [
                "1 год",
                "2 года",
                "5 лет",
                "11 лет",
                "21 год",
                "22 года",
                "14 лет"
            ]
        );
    }

    #[test]
    fn english_vacancies_get_english_letters() {
        let text = "We are looking for a senior Rust engineer to build distributed storage systems with our team.";
        assert_eq!(LetterLanguage::of_vacancy(text), LetterLanguage::English);
        assert_eq!(
            LetterLanguage::of_vacancy("Ищем Python-разработчика в команду Django и FastAPI"),
            LetterLanguage::Russian
        );
        let letter = render(
            default_template(LetterLanguage::English),
            &facts(),
            LetterLanguage::English,
        );
        assert!(letter.contains("4 years of experience"));
    }

    #[test]
    fn links_and_length_are_checked_as_the_user_types() {
        assert!(contains_link("Моё портфолио: https://example.com"));
        assert!(contains_link("пишите в T.me/ivan"));
        assert!(contains_link("код: github.com/ivan"));
        assert!(!contains_link("Работал с Node.js, Vue.js и ASP.NET"));
        assert_eq!(letter_length("Привет"), 6);
        assert_eq!(letter_length(&"я".repeat(LETTER_LIMIT)), LETTER_LIMIT);
    }

    #[test]
    fn an_english_description_in_html_still_reads_as_english() {
        let html = "<p><strong>About us</strong></p><ul><li>Rust and PostgreSQL in production</li><li>Remote work across Europe</li></ul>";
        assert_eq!(
            strip_tags("<p>Привет, <b>мир</b></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Привет,", "мир"]
        );
        assert_eq!(
            LetterLanguage::of_vacancy(&strip_tags(html)),
            LetterLanguage::English
        );
        // A Russian description full of tags is still Russian once the tags go.
        let russian = "<ul><li><strong>Python</strong></li><li><strong>Опыт</strong> работы от трёх лет</li><li>Знание SQL</li></ul>".repeat(3);
        assert_eq!(
            LetterLanguage::of_vacancy(&strip_tags(&russian)),
            LetterLanguage::Russian
        );
    }
}
