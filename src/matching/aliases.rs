//! The skill alias table: names that mean the same skill, which skills imply others, kept as a data file
//! (`aliases.txt`) the user can extend with lines of the same format.

use std::collections::HashMap;
use std::fmt;

use super::text::{for_each_token, is_stopword, stem, TokenKind};

/// The built-in table, as text; the format is described at its top.
pub const BUILTIN_ALIASES: &str = include_str!("aliases.txt");

/// What a named concept is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConceptKind {
    /// A hard skill: shown as matched or missing.
    Skill,
    /// A soft skill: weighs little, never listed as the most important missing.
    Soft,
    /// A word of job titles (Разработчик = Developer): used to compare titles only.
    Word,
}

/// One word of a phrase: how it was written and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhraseWord {
    pub surface: String,
    pub stem: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Concept {
    /// The name shown to the user (the first name of its line).
    pub name: String,
    pub kind: ConceptKind,
    pub phrases: Vec<Vec<PhraseWord>>,
    /// Concepts that having this one also gives.
    pub implies: Vec<usize>,
}

/// Skills and title words with their aliases. Build once; share by reference.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    pub(crate) concepts: Vec<Concept>,
    /// Stem key of a phrase ("машин обучен") → concept index.
    by_key: HashMap<String, usize>,
}

/// A line of an alias file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, in Russian.
    pub message: String,
}

impl fmt::Display for AliasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "строка {}: {}", self.line, self.message)
    }
}

impl std::error::Error for AliasError {}

/// The words of a name, normalised and stemmed; numbers and stopwords left out ("Vue 3" = "Vue").
pub(crate) fn phrase_words(name: &str) -> Vec<PhraseWord> {
    let mut words = Vec::new();
    let mut scratch = String::new();
    for_each_token(name, &mut scratch, |token, kind| {
        if kind != TokenKind::Number && !is_stopword(token) {
            words.push(PhraseWord {
                surface: token.to_string(),
                stem: stem(token, kind).into_owned(),
            });
        }
    });
    words
}

fn phrase_key(words: &[PhraseWord]) -> String {
    let mut key = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&w.stem);
    }
    key
}

/// Whether a second mention of a known name is a mistake (the built-in table) or a merge (user lines).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Strict,
    Merge,
}

impl AliasTable {
    /// The built-in table. Its text is checked by a test, so no line is ever dropped here.
    pub fn builtin() -> AliasTable {
        let mut table = AliasTable::default();
        let _ = table.add_lines(BUILTIN_ALIASES, Mode::Strict);
        table
    }

    /// Parses an alias file in the format of `aliases.txt`; a repeated name is an error.
    pub fn parse(text: &str) -> Result<AliasTable, AliasError> {
        let mut table = AliasTable::default();
        table.add_lines(text, Mode::Strict)?;
        Ok(table)
    }

    /// This table plus the user's own lines. A line naming a known skill adds its other names to it;
    /// a line joining two different known skills is an error.
    pub fn with_user_lines(&self, text: &str) -> Result<AliasTable, AliasError> {
        let mut table = self.clone();
        table.add_lines(text, Mode::Merge)?;
        Ok(table)
    }

    /// How many concepts (skills and title words) the table knows.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The canonical name of a skill as the table knows it, e.g. «k8s» → «Kubernetes».
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let key = phrase_key(&phrase_words(name));
        self.by_key
            .get(&key)
            .map(|&i| self.concepts[i].name.as_str())
    }

    /// Whether having skill `a` also gives skill `b`, directly or through a chain.
    pub fn implies(&self, a: &str, b: &str) -> bool {
        let key_a = phrase_key(&phrase_words(a));
        let key_b = phrase_key(&phrase_words(b));
        let (Some(&ia), Some(&ib)) = (self.by_key.get(&key_a), self.by_key.get(&key_b)) else {
            return false;
        };
        self.implied_closure(ia).contains(&ib)
    }

    /// The concept itself and everything it implies, transitively.
    pub(crate) fn implied_closure(&self, start: usize) -> Vec<usize> {
        let mut seen = vec![start];
        let mut i = 0;
        while i < seen.len() {
            for &next in &self.concepts[seen[i]].implies {
                if !seen.contains(&next) {
                    seen.push(next);
                }
            }
            i += 1;
        }
        seen
    }

    fn add_lines(&mut self, text: &str, mode: Mode) -> Result<(), AliasError> {
        let mut kind = ConceptKind::Skill;
        let mut first_error = None;
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let result = match line {
                "[skills]" => {
                    kind = ConceptKind::Skill;
                    Ok(())
                }
                "[soft]" => {
                    kind = ConceptKind::Soft;
                    Ok(())
                }
                "[words]" => {
                    kind = ConceptKind::Word;
                    Ok(())
                }
                _ if line.starts_with('[') => Err(format!("неизвестный раздел {line}")),
                _ if line.contains('>') => self.add_implication(line),
                _ => self.add_names(line, kind, mode),
            };
            if let Err(message) = result {
                first_error.get_or_insert(AliasError {
                    line: index + 1,
                    message,
                });
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn add_names(&mut self, line: &str, kind: ConceptKind, mode: Mode) -> Result<(), String> {
        let names: Vec<&str> = line
            .split('=')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let Some(first) = names.first() else {
            return Err("нет ни одного названия".to_string());
        };
        let mut phrases = Vec::new();
        let mut known: Option<usize> = None;
        for name in &names {
            let words = phrase_words(name);
            if words.is_empty() {
                return Err(format!("«{name}» не содержит слов"));
            }
            let key = phrase_key(&words);
            if let Some(&existing) = self.by_key.get(&key) {
                if mode == Mode::Strict {
                    return Err(format!(
                        "«{name}» уже означает «{}»",
                        self.concepts[existing].name
                    ));
                }
                match known {
                    Some(k) if k != existing => {
                        return Err(format!(
                            "«{}» и «{}» — разные навыки, их нельзя объединить",
                            self.concepts[k].name, self.concepts[existing].name
                        ))
                    }
                    _ => known = Some(existing),
                }
                continue;
            }
            if !phrases
                .iter()
                .any(|p: &Vec<PhraseWord>| phrase_key(p) == key)
            {
                phrases.push(words);
            }
        }
        let index = match known {
            Some(k) => k,
            None => {
                self.concepts.push(Concept {
                    name: first.to_string(),
                    kind,
                    phrases: Vec::new(),
                    implies: Vec::new(),
                });
                self.concepts.len() - 1
            }
        };
        for words in phrases {
            self.by_key.insert(phrase_key(&words), index);
            self.concepts[index].phrases.push(words);
        }
        Ok(())
    }

    fn add_implication(&mut self, line: &str) -> Result<(), String> {
        let Some((left, right)) = line.split_once('>') else {
            return Err("ожидалось «навык > навык, навык»".to_string());
        };
        let from = self.lookup(left.trim())?;
        for target in right.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            let to = self.lookup(target)?;
            if to != from && !self.concepts[from].implies.contains(&to) {
                self.concepts[from].implies.push(to);
            }
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> Result<usize, String> {
        let key = phrase_key(&phrase_words(name));
        self.by_key
            .get(&key)
            .copied()
            .ok_or_else(|| format!("«{name}» не описан выше"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_strictly_without_errors() {
        let table = AliasTable::parse(BUILTIN_ALIASES).expect("built-in aliases are consistent");
        assert!(table.len() > 200, "only {} concepts", table.len());
        assert_eq!(AliasTable::builtin().len(), table.len());
    }

    #[test]
    fn common_aliases_resolve() {
        let t = AliasTable::builtin();
        assert_eq!(t.canonical("JS"), Some("JavaScript"));
        assert_eq!(t.canonical("postgres"), Some("PostgreSQL"));
        assert_eq!(t.canonical("Постгрес"), Some("PostgreSQL"));
        assert_eq!(t.canonical("k8s"), Some("Kubernetes"));
        assert_eq!(t.canonical("1C"), Some("1С"));
        // Cyrillic С in «1С», and the «1С: Предприятие 8» spelling of hh.ru key skills.
        assert_eq!(t.canonical("1С"), Some("1С"));
        assert_eq!(t.canonical("1С: Предприятие 8"), Some("1С"));
        assert_eq!(t.canonical("машинного обучения"), Some("Машинное обучение"));
        assert_eq!(t.canonical("Spring Boot"), Some("Spring Boot"));
        assert_eq!(t.canonical("С#"), Some("C#"));
        assert_eq!(t.canonical("c++"), Some("C++"));
        assert_eq!(t.canonical(".net core"), Some(".NET"));
        assert_eq!(t.canonical("NodeJS"), Some("Node.js"));
        assert_eq!(t.canonical("Vue 3"), Some("Vue"));
        assert_eq!(t.canonical("совсем неизвестный навык"), None);
    }

    #[test]
    fn implications_are_transitive() {
        let t = AliasTable::builtin();
        assert!(t.implies("Postgres", "SQL"));
        assert!(t.implies("NestJS", "JavaScript"));
        assert!(!t.implies("SQL", "PostgreSQL"));
    }

    #[test]
    fn user_lines_extend_and_merge() {
        let t = AliasTable::builtin();
        let extended = t
            .with_user_lines("# мои\nPostgreSQL = ПГ\nСвой навык = My Skill\nСвой навык > Python")
            .unwrap();
        assert_eq!(extended.canonical("пг"), Some("PostgreSQL"));
        assert_eq!(extended.canonical("my skill"), Some("Свой навык"));
        assert!(extended.implies("My Skill", "Python"));
        assert_eq!(t.canonical("пг"), None, "the original table is unchanged");
    }

    #[test]
    fn user_lines_with_errors_say_which_line() {
        let t = AliasTable::builtin();
        let err = t
            .with_user_lines("ok = fine\nPython = JavaScript")
            .unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("разные навыки"), "{}", err.message);
        let err = t.with_user_lines("Неизвестное > Python").unwrap_err();
        assert_eq!(err.line, 1);
        let err = t.with_user_lines("[бред]").unwrap_err();
        assert!(err.to_string().starts_with("строка 1"));
        assert!(
            AliasTable::parse("A = B\nB = C").is_err(),
            "strict parse refuses a repeated name"
        );
        assert!(t.with_user_lines("= =").is_err());
        assert!(t.with_user_lines("123").is_err());
    }
}
