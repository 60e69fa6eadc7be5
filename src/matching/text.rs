//! Text handling for matching: safe HTML-to-text, word tokens for Russian and English, Snowball stems.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Turns employer-written HTML into plain text without building a DOM.
///
/// Tags are dropped (block tags become line breaks, inline tags vanish, so
/// `<highlighttext>Py</highlighttext>thon` stays one word), `script`/`style` content and comments are
/// dropped, named and numeric entities are decoded. Any input, however broken, gives some text.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    walk_html(html, |c| push_char(&mut out, c));
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out
}

/// Calls `emit` with every character of the text of `html`, and `'\n'` where a block tag stands.
pub(crate) fn walk_html(html: &str, mut emit: impl FnMut(char)) {
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut last_flush = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                html[last_flush..i].chars().for_each(&mut emit);
                i = skip_markup(html, i, &mut emit);
                last_flush = i;
            }
            b'&' => {
                html[last_flush..i].chars().for_each(&mut emit);
                let (decoded, next) = decode_entity(html, i);
                emit(decoded.unwrap_or('&'));
                i = next;
                last_flush = i;
            }
            _ => i += 1,
        }
    }
    html[last_flush..].chars().for_each(&mut emit);
}

/// Appends a character, collapsing runs of whitespace to one space (or one line break).
fn push_char(out: &mut String, c: char) {
    if c.is_whitespace() && c != '\u{a0}' {
        let is_break = c == '\n';
        match out.chars().next_back() {
            None => {}
            Some('\n') => {}
            Some(' ') if is_break => {
                out.pop();
                out.push('\n');
            }
            Some(' ') => {}
            Some(_) => out.push(if is_break { '\n' } else { ' ' }),
        }
    } else {
        out.push(c);
    }
}

/// Skips a tag, comment or declaration starting at `start` (a `<`); returns the index after it.
/// A `<` that does not start markup is kept as text.
fn skip_markup(html: &str, start: usize, emit: &mut impl FnMut(char)) -> usize {
    let bytes = html.as_bytes();
    let rest = &html[start..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return match comment.find("-->") {
            Some(end) => start + 4 + end + 3,
            None => html.len(),
        };
    }
    let after = bytes.get(start + 1).copied();
    let is_tag = matches!(after, Some(b'a'..=b'z' | b'A'..=b'Z' | b'/' | b'!' | b'?'));
    if !is_tag {
        emit('<');
        return start + 1;
    }
    let name_start = if after == Some(b'/') {
        start + 2
    } else {
        start + 1
    };
    let mut name_end = name_start;
    while name_end < bytes.len() && bytes[name_end].is_ascii_alphanumeric() {
        name_end += 1;
    }
    let name = &html[name_start..name_end];
    let tag_end = find_tag_end(bytes, name_end);
    let closing = after == Some(b'/');
    if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
        return skip_raw_text(html, tag_end, name);
    }
    if is_block_tag(name) {
        emit('\n');
    }
    tag_end
}

/// Index after the `>` that ends a tag, respecting quoted attribute values.
fn find_tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Skips the content of `script`/`style` up to and including its closing tag.
fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(pos) = html[i..].find("</") {
        let at = i + pos;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return find_tag_end(bytes, at + 2 + name.len());
        }
        i = at + 2;
    }
    html.len()
}

fn is_block_tag(name: &str) -> bool {
    const BLOCK: [&str; 22] = [
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "blockquote",
        "pre",
        "hr",
        "dd",
    ];
    BLOCK.iter().any(|b| b.eq_ignore_ascii_case(name))
}

/// Decodes the entity at `start` (an `&`). Returns the character, if any, and the index after it.
pub(crate) fn decode_entity(html: &str, start: usize) -> (Option<char>, usize) {
    let rest = &html[start + 1..];
    let limit = rest.len().min(12);
    let Some(semi) = rest.as_bytes()[..limit].iter().position(|&b| b == b';') else {
        return (None, start + 1);
    };
    let body = &rest[..semi];
    let next = start + 1 + semi + 1;
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        match value {
            Some(0) => Some('\u{fffd}'),
            Some(v) => Some(char::from_u32(v).unwrap_or('\u{fffd}')),
            None => None,
        }
    } else {
        named_entity(body)
    };
    match decoded {
        Some(c) => (Some(c), next),
        None => (None, start + 1),
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "deg" => '°',
        "times" => '×',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        _ => return None,
    })
}

/// The script of a normalised token; decides which stemmer applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Cyrillic,
    Latin,
    /// Digits, punctuation such as `c++`, `.net`, or mixed scripts: kept as is.
    Other,
    /// Only digits (and `.`/`+`): never a term.
    Number,
}

/// Splits text into lowercase word tokens and calls `f` with each.
///
/// `ё` becomes `е`; `C++`, `C#`, `.NET`, `Node.js` stay one token; hyphens, slashes and colons split;
/// a token mixing Cyrillic look-alike letters with Latin letters or digits (`1С` with a Cyrillic `С`)
/// is written in Latin.
pub(crate) fn for_each_token(text: &str, scratch: &mut String, mut f: impl FnMut(&str, TokenKind)) {
    let mut tokenizer = Tokenizer::new(scratch);
    for c in text.chars() {
        tokenizer.feed(c, &mut f);
    }
    tokenizer.finish(&mut f);
}

/// Like `for_each_token` over the text of `html`, in one pass without building the text.
pub(crate) fn for_each_token_in_html(
    html: &str,
    scratch: &mut String,
    mut f: impl FnMut(&str, TokenKind),
) {
    let mut tokenizer = Tokenizer::new(scratch);
    walk_html(html, |c| tokenizer.feed(c, &mut f));
    tokenizer.finish(&mut f);
}

/// The state of splitting a stream of characters into tokens, with what the current token contains.
struct Tokenizer<'s> {
    buf: &'s mut String,
    has_cyr: bool,
    has_latin: bool,
    has_digit: bool,
    has_sym: bool,
    has_other: bool,
    /// A `.` seen after an ASCII token (or at a token start): kept only if an ASCII letter or digit follows.
    pending_dot: bool,
    /// The `+` or `#` that ended the token (`c++`, `c#`): more of the same still belong to it.
    suffix: Option<char>,
}

impl<'s> Tokenizer<'s> {
    fn new(buf: &'s mut String) -> Self {
        buf.clear();
        Tokenizer {
            buf,
            has_cyr: false,
            has_latin: false,
            has_digit: false,
            has_sym: false,
            has_other: false,
            pending_dot: false,
            suffix: None,
        }
    }

    fn ascii_only(&self) -> bool {
        !self.has_cyr && !self.has_other
    }

    fn feed(&mut self, c: char, f: &mut impl FnMut(&str, TokenKind)) {
        if let Some(sym) = self.suffix {
            if c == sym {
                self.buf.push(c);
                return;
            }
            self.emit(f);
        }
        if self.pending_dot {
            self.pending_dot = false;
            if c.is_ascii_alphanumeric() {
                self.buf.push('.');
                self.has_sym = true;
            } else {
                self.emit(f);
            }
        }
        if let Some(lower) = fast_lower_letter(c) {
            if lower.is_ascii_digit() {
                self.has_digit = true;
            } else if lower.is_ascii() {
                self.has_latin = true;
            } else {
                self.has_cyr = true;
            }
            self.buf.push(lower);
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let lower = if lower == 'ё' { 'е' } else { lower };
                if is_cyrillic(lower) {
                    self.has_cyr = true;
                } else if lower.is_ascii_lowercase() {
                    self.has_latin = true;
                } else if lower.is_ascii_digit() {
                    self.has_digit = true;
                } else {
                    self.has_other = true;
                }
                self.buf.push(lower);
            }
        } else if (c == '+' || c == '#') && !self.buf.is_empty() {
            self.buf.push(c);
            self.has_sym = true;
            self.suffix = Some(c);
        } else if c == '.' && self.ascii_only() {
            self.pending_dot = true;
        } else {
            self.emit(f);
        }
    }

    fn finish(&mut self, f: &mut impl FnMut(&str, TokenKind)) {
        self.pending_dot = false;
        self.emit(f);
    }

    fn emit(&mut self, f: &mut impl FnMut(&str, TokenKind)) {
        if !self.buf.is_empty() {
            let (cyr, latin, digit, sym, other) = (
                self.has_cyr,
                self.has_latin,
                self.has_digit,
                self.has_sym,
                self.has_other,
            );
            if cyr
                && (latin || digit || sym)
                && !other
                && self
                    .buf
                    .chars()
                    .all(|c| !is_cyrillic(c) || latin_lookalike(c).is_some())
            {
                let folded: String = self
                    .buf
                    .chars()
                    .map(|c| latin_lookalike(c).unwrap_or(c))
                    .collect();
                let kind = if latin && !digit && !sym {
                    TokenKind::Latin
                } else {
                    TokenKind::Other
                };
                f(&folded, kind);
            } else {
                let kind = if !cyr && !latin && !other {
                    if self
                        .buf
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'+')
                    {
                        TokenKind::Number
                    } else {
                        TokenKind::Other
                    }
                } else if cyr && !latin && !digit && !sym && !other {
                    TokenKind::Cyrillic
                } else if latin && !cyr && !digit && !sym && !other {
                    TokenKind::Latin
                } else {
                    TokenKind::Other
                };
                f(self.buf, kind);
            }
        }
        self.buf.clear();
        self.has_cyr = false;
        self.has_latin = false;
        self.has_digit = false;
        self.has_sym = false;
        self.has_other = false;
        self.pending_dot = false;
        self.suffix = None;
    }
}

/// Lowercase form of an ASCII letter or digit or a Russian letter (ё as е), without Unicode tables;
/// `None` for anything else (punctuation, other scripts), which the caller handles the slow way.
#[inline]
fn fast_lower_letter(c: char) -> Option<char> {
    match c {
        'a'..='z' | '0'..='9' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'а'..='я' => Some(c),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'ё' | 'Ё' => Some('е'),
        _ => None,
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Lowercase Cyrillic letters that look like Latin ones (in either case).
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        _ => return None,
    })
}

/// Snowball stem of a normalised token: Russian for Cyrillic, English for Latin, none otherwise.
pub(crate) fn stem(token: &str, kind: TokenKind) -> Cow<'_, str> {
    match kind {
        TokenKind::Cyrillic => Stemmer::create(Algorithm::Russian).stem(token),
        TokenKind::Latin => Stemmer::create(Algorithm::English).stem(token),
        TokenKind::Other | TokenKind::Number => Cow::Borrowed(token),
    }
}

/// Words that carry no meaning for matching, in either language.
pub(crate) fn is_stopword(token: &str) -> bool {
    // Only short words are stopwords: skip the comparison for everything else.
    token.len() <= 8
        && matches!(
            token,
            "и" | "в"
                | "во"
                | "на"
                | "с"
                | "со"
                | "по"
                | "для"
                | "к"
                | "ко"
                | "от"
                | "до"
                | "из"
                | "о"
                | "об"
                | "а"
                | "но"
                | "или"
                | "не"
                | "что"
                | "как"
                | "при"
                | "за"
                | "у"
                | "же"
                | "то"
                | "это"
                | "мы"
                | "вы"
                | "наш"
                | "ваш"
                | "их"
                | "the"
                | "a"
                | "an"
                | "and"
                | "or"
                | "of"
                | "in"
                | "on"
                | "for"
                | "to"
                | "with"
                | "at"
                | "by"
                | "is"
                | "are"
                | "be"
                | "we"
                | "you"
                | "our"
                | "your"
                | "from"
                | "as"
                | "it"
                | "its"
                | "will"
                | "etc"
        )
}

/// The stems of all meaningful words of `text`, in order.
pub fn stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut scratch = String::new();
    for_each_token(text, &mut scratch, |token, kind| {
        if kind != TokenKind::Number && !is_stopword(token) {
            out.push(stem(token, kind).into_owned());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, TokenKind)> {
        let mut out = Vec::new();
        let mut scratch = String::new();
        for_each_token(text, &mut scratch, |t, k| out.push((t.to_string(), k)));
        out
    }

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn html_tags_removed_blocks_become_breaks() {
        let text = html_to_text(
            "<p>Обязанности:</p><ul><li>писать <strong>код</strong></li><li>тесты</li></ul>",
        );
        assert_eq!(text, "Обязанности:\nписать код\nтесты");
    }

    #[test]
    fn highlighttext_is_removed_without_splitting_words() {
        let text = html_to_text("Опыт <highlighttext>Python</highlighttext>-разработки, <highlighttext>Djan</highlighttext>go");
        assert_eq!(text, "Опыт Python-разработки, Django");
    }

    #[test]
    fn entities_named_and_numeric_are_decoded() {
        let text = html_to_text("C&amp;C &lt;b&gt; &laquo;да&raquo; &#1055;&#x0420; &#34;q&#34; &nbsp;x &unknown; &#99999999;");
        assert_eq!(text, "C&C <b> «да» ПР \"q\" \u{a0}x &unknown; \u{fffd}");
    }

    #[test]
    fn script_style_and_comments_dropped() {
        let text = html_to_text(
            "a<script type=\"x\">alert('<p>')</SCRIPT>b<style>p{}</style>c<!-- hidden -->d",
        );
        assert_eq!(text, "abcd");
    }

    #[test]
    fn broken_html_never_panics_and_keeps_text() {
        for input in [
            "<",
            "<p",
            "<script>never closed",
            "&#",
            "&#x;",
            "a < b",
            "<!-- x",
            "<a href=\"x>y\">t</a>",
            "&&&;;",
            "<\u{1F600}>",
        ] {
            let _ = html_to_text(input);
        }
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("<a href=\"x>y\">t</a>"), "t");
    }

    #[test]
    fn tokens_keep_programming_names_whole() {
        assert_eq!(
            words("C++, C#, .NET и Node.js; ASP.NET Core"),
            ["c++", "c#", ".net", "и", "node.js", "asp.net", "core"]
        );
    }

    #[test]
    fn tokens_split_on_hyphen_slash_colon() {
        assert_eq!(
            words("Python-разработчик CI/CD 1C:Предприятие"),
            ["python", "разработчик", "ci", "cd", "1c", "предприятие"]
        );
    }

    #[test]
    fn sentence_dot_is_not_part_of_a_word() {
        assert_eq!(
            words("Знание SQL. Опыт от 3 лет.Знание Go."),
            ["знание", "sql", "опыт", "от", "3", "лет", "знание", "go"]
        );
    }

    #[test]
    fn yo_and_case_are_folded() {
        assert_eq!(words("ЁЛКА Всё"), ["елка", "все"]);
    }

    #[test]
    fn cyrillic_lookalikes_in_mixed_tokens_become_latin() {
        // "1С" with a Cyrillic С, "С++" with a Cyrillic С, "Сontent" with a Cyrillic С.
        assert_eq!(words("1С С++ С# Сontent"), ["1c", "c++", "c#", "content"]);
        // A plain Russian word stays Cyrillic.
        assert_eq!(tokens("сок")[0], ("сок".to_string(), TokenKind::Cyrillic));
    }

    #[test]
    fn kinds_are_classified() {
        let kinds: Vec<TokenKind> = tokens("Москва python 2024 c++ 3.10")
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Cyrillic,
                TokenKind::Latin,
                TokenKind::Number,
                TokenKind::Other,
                TokenKind::Number
            ]
        );
    }

    #[test]
    fn emoji_and_other_symbols_separate_words() {
        assert_eq!(words("🚀Python💼разработчик"), ["python", "разработчик"]);
    }

    #[test]
    fn stems_unify_word_forms_in_both_languages() {
        assert_eq!(stems("машинного обучения"), stems("машинное обучение"));
        assert_eq!(stems("testing"), stems("tests"));
        assert_eq!(stems("разработчиков"), stems("разработчик"));
        assert!(stems("и в на the of").is_empty());
    }
}
