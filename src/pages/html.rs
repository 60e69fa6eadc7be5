//! A small, forgiving HTML reader for hh.ru's pages: builds an element tree from any text (never fails)
//! and finds elements with the CSS subset the selector table uses.
//!
//! Supported CSS: type, `#id`, `.class`, `[attr]`, `[attr="v"]`, `^=`, `$=`, `*=`, `~=`, compounds of
//! these, the descendant and child (`>`) combinators, and comma lists. Not a browser: no error recovery
//! beyond what hh.ru's server-rendered pages need (void elements, unclosed `<p>`/`<li>`/`<option>`/table
//! cells, raw text in `<script>`/`<style>`/`<template>`/`<textarea>`/`<title>`, comments).

use crate::matching::text::decode_entity;

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Document {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone)]
struct Node {
    parent: Option<usize>,
    children: Vec<usize>,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Root,
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// Text as written in the page; entities are decoded when read (not inside `script`/`style`).
    Text(String),
}

/// An element of a [`Document`].
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    doc: &'a Document,
    id: usize,
}

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Their content is text up to the matching end tag, never markup.
const RAW_TEXT: [&str; 6] = ["script", "style", "template", "textarea", "title", "xmp"];
/// Opening one of these closes an open `<p>`.
const CLOSES_P: [&str; 24] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "ul",
];
/// Elements whose text stands apart from its neighbours' (a space is put between them when reading).
const BLOCK: [&str; 27] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "section",
    "td",
    "th",
    "tr",
];

impl Document {
    /// Reads any text as HTML; broken markup gives some tree, never an error.
    pub fn parse(html: &str) -> Document {
        let mut doc = Document {
            nodes: vec![Node {
                parent: None,
                children: Vec::new(),
                kind: Kind::Root,
            }],
        };
        let bytes = html.as_bytes();
        let mut open: Vec<usize> = vec![0];
        let mut text_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'<' {
                i += 1;
                continue;
            }
            let next = bytes.get(i + 1).copied();
            let starts_markup =
                matches!(next, Some(b'a'..=b'z' | b'A'..=b'Z' | b'/' | b'!' | b'?'));
            if !starts_markup {
                i += 1;
                continue;
            }
            doc.push_text(*open.last().unwrap_or(&0), &html[text_start..i]);
            if html[i..].starts_with("<!--") {
                i = html[i + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |e| i + 4 + e + 3);
            } else if matches!(next, Some(b'!' | b'?')) {
                i = tag_end(bytes, i + 2);
            } else if next == Some(b'/') {
                let (name, after) = tag_name(html, i + 2);
                i = tag_end(bytes, after);
                if let Some(pos) = open.iter().rposition(|&n| doc.name_of(n) == Some(&name)) {
                    open.truncate(pos.max(1));
                }
            } else {
                let (name, after) = tag_name(html, i + 1);
                let (attrs, end, self_closed) = read_attrs(html, after);
                i = end;
                doc.close_implied(&mut open, &name);
                let parent = *open.last().unwrap_or(&0);
                let id = doc.push(
                    parent,
                    Kind::Element {
                        name: name.clone(),
                        attrs,
                    },
                );
                if RAW_TEXT.contains(&name.as_str()) {
                    let (content_end, after_close) = raw_text_end(html, i, &name);
                    doc.push_text(id, &html[i..content_end]);
                    i = after_close;
                } else if !self_closed && !VOID.contains(&name.as_str()) {
                    open.push(id);
                }
            }
            text_start = i;
        }
        let last = *open.last().unwrap_or(&0);
        doc.push_text(last, &html[text_start.min(html.len())..]);
        doc
    }

    /// Every element matching `css`, in document order; none for a selector this reader does not know.
    pub fn select(&self, css: &str) -> Vec<Element<'_>> {
        self.root().select(css)
    }

    /// The first element matching `css`.
    pub fn first(&self, css: &str) -> Option<Element<'_>> {
        self.root().first(css)
    }

    /// The whole page as an element (it has no name and no attributes).
    pub fn root(&self) -> Element<'_> {
        Element { doc: self, id: 0 }
    }

    fn push(&mut self, parent: usize, kind: Kind) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            parent: Some(parent),
            children: Vec::new(),
            kind,
        });
        self.nodes[parent].children.push(id);
        id
    }

    fn push_text(&mut self, parent: usize, text: &str) {
        if !text.is_empty() {
            self.push(parent, Kind::Text(text.to_string()));
        }
    }

    fn name_of(&self, id: usize) -> Option<&String> {
        match &self.nodes[id].kind {
            Kind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Closes what a new `name` element ends implicitly: an open `<p>`, a sibling `<li>`, `<option>`, cell or row.
    fn close_implied(&self, open: &mut Vec<usize>, name: &str) {
        let siblings: &[&str] = match name {
            "li" => &["li"],
            "option" => &["option"],
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" => &["td", "th"],
            "tr" => &["tr", "td", "th"],
            _ => &[],
        };
        let boundary: &[&str] = match name {
            "li" => &["ul", "ol"],
            "option" => &["select", "datalist"],
            "dt" | "dd" => &["dl"],
            _ => &["table", "tbody", "thead", "tfoot"],
        };
        if CLOSES_P.contains(&name) {
            if let Some(pos) = open
                .iter()
                .rposition(|&n| self.name_of(n).is_some_and(|t| t == "p"))
            {
                let blocked = open[pos..]
                    .iter()
                    .any(|&n| self.name_of(n).is_some_and(|t| t == "button" || t == "td"));
                if !blocked {
                    open.truncate(pos.max(1));
                }
            }
        }
        if siblings.is_empty() {
            return;
        }
        for pos in (1..open.len()).rev() {
            let Some(tag) = self.name_of(open[pos]) else {
                continue;
            };
            if boundary.contains(&tag.as_str()) {
                return;
            }
            if siblings.contains(&tag.as_str()) {
                open.truncate(pos);
                return;
            }
        }
    }
}

impl<'a> Element<'a> {
    /// The tag name, lower case (empty for the document root).
    pub fn name(&self) -> &'a str {
        match &self.doc.nodes[self.id].kind {
            Kind::Element { name, .. } => name,
            _ => "",
        }
    }

    /// An attribute's value, entities decoded; names are matched case-insensitively.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        match &self.doc.nodes[self.id].kind {
            Kind::Element { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The text inside, entities decoded, runs of whitespace (no-break spaces too) collapsed to one space,
    /// block elements kept apart by a space; trimmed.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(self.id, &mut raw);
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Elements inside this one matching `css`, in document order.
    pub fn select(&self, css: &str) -> Vec<Element<'a>> {
        let Ok(selector) = Selector::parse(css) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        self.walk(self.id, &mut |id| {
            if selector.matches(self.doc, id) {
                found.push(Element { doc: self.doc, id });
            }
        });
        found
    }

    /// The first element inside this one matching `css`.
    pub fn first(&self, css: &str) -> Option<Element<'a>> {
        self.select(css).into_iter().next()
    }

    /// The nearest enclosing element.
    pub fn parent(&self) -> Option<Element<'a>> {
        let parent = self.doc.nodes[self.id].parent?;
        (parent != 0).then_some(Element {
            doc: self.doc,
            id: parent,
        })
    }

    fn walk(&self, id: usize, f: &mut impl FnMut(usize)) {
        for &child in &self.doc.nodes[id].children {
            if matches!(self.doc.nodes[child].kind, Kind::Element { .. }) {
                f(child);
                self.walk(child, f);
            }
        }
    }

    fn collect_text(&self, id: usize, out: &mut String) {
        match &self.doc.nodes[id].kind {
            Kind::Text(text) => {
                let parent = self.doc.nodes[id].parent.and_then(|p| self.doc.name_of(p));
                if parent.is_some_and(|p| p == "script" || p == "style") {
                    out.push_str(text);
                } else {
                    decode_into(text, out);
                }
            }
            Kind::Element { name, .. } => {
                let block = BLOCK.contains(&name.as_str());
                if block {
                    out.push(' ');
                }
                for &child in &self.doc.nodes[id].children {
                    self.collect_text(child, out);
                }
                if block {
                    out.push(' ');
                }
            }
            Kind::Root => {
                for &child in &self.doc.nodes[id].children {
                    self.collect_text(child, out);
                }
            }
        }
    }
}

fn decode_into(text: &str, out: &mut String) {
    let mut rest = 0;
    while let Some(pos) = text[rest..].find('&') {
        let at = rest + pos;
        out.push_str(&text[rest..at]);
        let (decoded, next) = decode_entity(text, at);
        out.push(decoded.unwrap_or('&'));
        rest = next;
    }
    out.push_str(&text[rest..]);
}

fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_into(text, &mut out);
    out
}

/// A tag name starting at `from`, lower case, and the index after it.
fn tag_name(html: &str, from: usize) -> (String, usize) {
    let bytes = html.as_bytes();
    let mut end = from;
    while end < bytes.len()
        && !bytes[end].is_ascii_whitespace()
        && bytes[end] != b'>'
        && bytes[end] != b'/'
    {
        end += 1;
    }
    (html[from..end].to_ascii_lowercase(), end)
}

/// Index after the `>` ending a tag, respecting quoted attribute values.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Attributes from `from` to the tag's `>`: (attributes, index after `>`, ended with `/>`).
fn read_attrs(html: &str, from: usize) -> (Vec<(String, String)>, usize, bool) {
    let bytes = html.as_bytes();
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i, false);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1, bytes[i - 1] == b'/');
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(q as char)
                        .map_or(bytes.len(), |e| i + 1 + e);
                    value = decode(&html[i + 1..end]);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode(&html[start..i]);
                }
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

/// Where a raw-text element's content ends and the index after its end tag.
fn raw_text_end(html: &str, from: usize, name: &str) -> (usize, usize) {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(pos) = html[i..].find("</") {
        let at = i + pos;
        let candidate = &bytes[at + 2..];
        let boundary = candidate.get(name.len()).copied();
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !boundary.is_some_and(|b| b.is_ascii_alphanumeric())
        {
            return (at, tag_end(bytes, at + 2 + name.len()));
        }
        i = at + 2;
    }
    (html.len(), html.len())
}

// ---- selectors ----

/// A parsed CSS selector list.
#[derive(Debug, Clone, PartialEq)]
pub struct Selector {
    alternatives: Vec<Complex>,
}

/// Compounds joined by combinators, rightmost last.
#[derive(Debug, Clone, PartialEq)]
struct Complex {
    parts: Vec<(Combinator, Compound)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Combinator {
    /// The first compound has none.
    Start,
    Descendant,
    Child,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    attrs: Vec<AttrTest>,
}

#[derive(Debug, Clone, PartialEq)]
struct AttrTest {
    name: String,
    op: AttrOp,
    value: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AttrOp {
    Exists,
    Equals,
    Prefix,
    Suffix,
    Contains,
    Word,
}

impl Selector {
    /// Parses the supported CSS subset; `Err` names what is not understood.
    pub fn parse(css: &str) -> Result<Selector, String> {
        let mut alternatives = Vec::new();
        for part in split_top_level(css, ',') {
            alternatives.push(parse_complex(part.trim())?);
        }
        if alternatives.is_empty() {
            return Err("empty selector".into());
        }
        Ok(Selector { alternatives })
    }

    fn matches(&self, doc: &Document, id: usize) -> bool {
        self.alternatives.iter().any(|c| c.matches(doc, id))
    }
}

fn split_top_level(css: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    for (i, c) in css.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth -= 1,
            (None, c) if c == sep && depth == 0 => {
                parts.push(&css[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&css[start..]);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

fn parse_complex(css: &str) -> Result<Complex, String> {
    let mut parts = Vec::new();
    let mut combinator = Combinator::Start;
    let chars: Vec<char> = css.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() || chars[i] == '>' {
            let mut child = false;
            while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '>') {
                child |= chars[i] == '>';
                i += 1;
            }
            if !parts.is_empty() {
                combinator = if child {
                    Combinator::Child
                } else {
                    Combinator::Descendant
                };
            }
            continue;
        }
        let (compound, next) = parse_compound(&chars, i)?;
        if parts.is_empty() {
            combinator = Combinator::Start;
        }
        parts.push((combinator, compound));
        i = next;
    }
    if parts.is_empty() {
        return Err(format!("empty selector in «{css}»"));
    }
    Ok(Complex { parts })
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

fn parse_compound(chars: &[char], mut i: usize) -> Result<(Compound, usize), String> {
    let mut compound = Compound::default();
    let ident = |i: &mut usize| {
        let start = *i;
        while *i < chars.len() && is_ident(chars[*i]) {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>()
    };
    if i < chars.len() && chars[i] == '*' {
        i += 1;
    } else if i < chars.len() && is_ident(chars[i]) {
        compound.tag = Some(ident(&mut i).to_ascii_lowercase());
    }
    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
        match chars[i] {
            '#' => {
                i += 1;
                compound.id = Some(ident(&mut i));
            }
            '.' => {
                i += 1;
                compound.classes.push(ident(&mut i));
            }
            '[' => {
                i += 1;
                let name = ident(&mut i).to_ascii_lowercase();
                let op = match chars.get(i) {
                    Some(']') => AttrOp::Exists,
                    Some('=') => AttrOp::Equals,
                    Some('^') => AttrOp::Prefix,
                    Some('$') => AttrOp::Suffix,
                    Some('*') => AttrOp::Contains,
                    Some('~') => AttrOp::Word,
                    _ => return Err(format!("unknown attribute test after [{name}")),
                };
                let mut value = String::new();
                if op != AttrOp::Exists {
                    i += if op == AttrOp::Equals { 1 } else { 2 };
                    match chars.get(i) {
                        Some(&q @ ('"' | '\'')) => {
                            i += 1;
                            while i < chars.len() && chars[i] != q {
                                value.push(chars[i]);
                                i += 1;
                            }
                            i += 1;
                        }
                        _ => value = ident(&mut i),
                    }
                }
                if chars.get(i) != Some(&']') {
                    return Err(format!("unclosed [{name}"));
                }
                i += 1;
                compound.attrs.push(AttrTest { name, op, value });
            }
            c => return Err(format!("unsupported selector syntax at «{c}»")),
        }
    }
    Ok((compound, i))
}

impl Complex {
    fn matches(&self, doc: &Document, id: usize) -> bool {
        match_from(doc, &self.parts, self.parts.len() - 1, id)
    }
}

/// Does `parts[..=index]` match with `parts[index]` on element `id`?
fn match_from(doc: &Document, parts: &[(Combinator, Compound)], index: usize, id: usize) -> bool {
    let (combinator, compound) = &parts[index];
    if !compound.matches(doc, id) {
        return false;
    }
    if index == 0 {
        return true;
    }
    let mut ancestor = doc.nodes[id].parent;
    while let Some(a) = ancestor.filter(|&a| a != 0) {
        if match_from(doc, parts, index - 1, a) {
            return true;
        }
        if *combinator == Combinator::Child {
            return false;
        }
        ancestor = doc.nodes[a].parent;
    }
    false
}

impl Compound {
    fn matches(&self, doc: &Document, id: usize) -> bool {
        let Kind::Element { name, attrs } = &doc.nodes[id].kind else {
            return false;
        };
        let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        if self.tag.as_ref().is_some_and(|t| t != name) {
            return false;
        }
        if self.id.as_ref().is_some_and(|i| attr("id") != Some(i)) {
            return false;
        }
        if !self.classes.is_empty() {
            let classes = attr("class").unwrap_or("");
            if !self
                .classes
                .iter()
                .all(|c| classes.split_whitespace().any(|x| x == c))
            {
                return false;
            }
        }
        self.attrs.iter().all(|test| {
            let Some(value) = attr(&test.name) else {
                return false;
            };
            let v = test.value.as_str();
            match test.op {
                AttrOp::Exists => true,
                AttrOp::Equals => value == v,
                AttrOp::Prefix => !v.is_empty() && value.starts_with(v),
                AttrOp::Suffix => !v.is_empty() && value.ends_with(v),
                AttrOp::Contains => !v.is_empty() && value.contains(v),
                AttrOp::Word => value.split_whitespace().any(|w| w == v),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::selectors::{selector, SELECTORS};

    #[test]
    fn every_selector_in_the_table_parses() {
        for (key, css) in SELECTORS {
            assert!(Selector::parse(css).is_ok(), "{key}: {css}");
        }
    }

    #[test]
    fn selects_by_type_id_attributes_and_combinators() {
        let doc = Document::parse(
            r#"<div id="main" class="a b"><ul data-qa="list"><li data-qa="item-1">One<li data-qa="item-2"><a href="/x" data-qa="link">Two</a></ul></div><p data-qa="item-3">Three"#,
        );
        assert_eq!(doc.select("li").len(), 2);
        assert_eq!(doc.select(r#"[data-qa^="item-"]"#).len(), 3);
        assert_eq!(doc.select(r#"#main [data-qa^="item-"]"#).len(), 2);
        assert_eq!(doc.select(r#"ul > a"#).len(), 0);
        assert_eq!(doc.select(r#"li > a[href]"#).len(), 1);
        assert_eq!(doc.select(r#"div.a.b"#).len(), 1);
        assert_eq!(
            doc.select(r#"[data-qa$="-2"], p, [data-qa="item-2"]"#)
                .len(),
            2
        );
        assert_eq!(
            doc.first(r#"a[data-qa="link"]"#).unwrap().attr("href"),
            Some("/x")
        );
        assert_eq!(doc.first("li").unwrap().text(), "One");
        assert_eq!(doc.first("#main").unwrap().text(), "One Two");
        assert!(doc.select("div:hover").is_empty());
        let list = doc.first(r#"[data-qa="list"]"#).unwrap();
        assert_eq!(list.select("li").len(), 2);
        assert_eq!(list.first("a").unwrap().parent().unwrap().name(), "li");
    }

    #[test]
    fn word_and_multi_value_data_qa() {
        let doc = Document::parse(
            r#"<span data-qa="negotiations-tag negotiations-item-not-viewed">Не просмотрен</span>"#,
        );
        assert_eq!(
            doc.select(r#"[data-qa~="negotiations-item-not-viewed"]"#)
                .len(),
            1
        );
        assert_eq!(doc.select(r#"[data-qa^="negotiations-tag"]"#).len(), 1);
        assert_eq!(doc.select(r#"[data-qa="negotiations-tag"]"#).len(), 0);
    }

    #[test]
    fn raw_text_comments_void_and_entities() {
        let doc = Document::parse(concat!(
            "<!DOCTYPE html><html><head><title>A &amp; B</title>",
            "<script nonce=x>if (a < b && c) { document.write('<div data-qa=\"fake\"></div>'); }</script>",
            "<style>.x > p { color: red }</style></head><body>",
            "<!-- <div data-qa=\"commented\"></div> -->",
            "<img src=a.png alt='x > y'><br/><input value=\"&#34;q&#34;\">",
            "<p>one<p>two&nbsp;&nbsp; three<div data-qa=\"d\">после</div>",
            "<template id=\"HH-Lux-InitialState\">{&#34;a&#34;: &#34;<b>&#34;}</template>",
            "<textarea name=t><b>not a tag</b></textarea>",
            "</body></html>",
        ));
        assert!(doc.first(r#"[data-qa="fake"]"#).is_none());
        assert!(doc.first(r#"[data-qa="commented"]"#).is_none());
        assert!(
            doc.first("b").is_none(),
            "no markup inside template or textarea"
        );
        assert_eq!(doc.first("title").unwrap().text(), "A & B");
        assert_eq!(doc.first("img").unwrap().attr("alt"), Some("x > y"));
        assert_eq!(doc.first("input").unwrap().attr("value"), Some("\"q\""));
        let paragraphs = doc.select("p");
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(paragraphs[0].text(), "one");
        assert_eq!(
            paragraphs[1].text(),
            "two three",
            "unclosed <p> ends at a block"
        );
        assert_eq!(
            doc.first(r#"[data-qa="d"]"#)
                .unwrap()
                .parent()
                .unwrap()
                .name(),
            "body"
        );
        assert_eq!(
            doc.first("template#HH-Lux-InitialState").unwrap().text(),
            r#"{"a": "<b>"}"#
        );
        assert!(doc.first("script").unwrap().text().contains("a < b && c"));
        assert_eq!(doc.first("textarea").unwrap().text(), "<b>not a tag</b>");
    }

    #[test]
    fn broken_markup_still_reads() {
        for html in [
            "",
            "<",
            "<div",
            "<div data-qa=\"x",
            "</div></span>text",
            "<a href='x'>unclosed",
            "<<>><p>a</p></li></ul>",
            "<script>never closed",
            "&amp &#xZZ; &#99999999; &",
        ] {
            let doc = Document::parse(html);
            let _ = doc.root().text();
            let _ = doc.select("div, a, p");
        }
        let doc = Document::parse("<ul><li>a<li>b</ul><li>c");
        assert_eq!(doc.select("ul > li").len(), 2);
        assert_eq!(doc.select("li").len(), 3);
    }

    fn lux_state(html: &str) -> serde_json::Value {
        let doc = Document::parse(html);
        let state = doc.first(selector("page.initial_state").unwrap()).unwrap();
        serde_json::from_str(&state.text()).unwrap()
    }

    #[test]
    fn the_real_search_page_has_one_card_per_vacancy_of_its_state() {
        let html = std::fs::read_to_string("../shared/hh-pages/search_2026-09_full.html").unwrap();
        let doc = Document::parse(&html);
        let cards = doc.select(selector("serp.card").unwrap());
        let state = lux_state(&html);
        let vacancies = state
            .pointer("/vacancySearchResult/vacancies")
            .and_then(|v| v.as_array())
            .unwrap();
        assert!(!vacancies.is_empty());
        assert_eq!(cards.len(), vacancies.len());
        for (card, vacancy) in cards.iter().zip(vacancies) {
            let link = card
                .first(selector("serp.card.title_link").unwrap())
                .unwrap();
            let id = vacancy["vacancyId"].to_string();
            assert!(
                link.attr("href")
                    .unwrap()
                    .contains(&format!("/vacancy/{id}")),
                "{id}"
            );
            let title = card
                .first(selector("serp.card.title_text").unwrap())
                .unwrap();
            assert_eq!(title.text(), vacancy["name"].as_str().unwrap().trim());
        }
    }

    #[test]
    fn the_real_vacancy_page_reads_title_and_skills() {
        let html = std::fs::read_to_string("../shared/hh-pages/vacancy_2026-09_full.html").unwrap();
        let doc = Document::parse(&html);
        let state = lux_state(&html);
        let title = doc.first(selector("vacancy.title").unwrap()).unwrap();
        assert_eq!(title.text(), state["vacancyView"]["name"].as_str().unwrap());
        let skills: Vec<String> = doc
            .select(selector("vacancy.skill").unwrap())
            .iter()
            .map(|s| s.text())
            .collect();
        let expected: Vec<String> = state
            .pointer("/vacancyView/keySkills/keySkill")
            .and_then(|v| v.as_array())
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        assert_eq!(skills.len(), 13);
        assert_eq!(skills, expected);
        let description = doc.first(selector("vacancy.description").unwrap()).unwrap();
        assert!(description.text().len() > 200);
    }
}
