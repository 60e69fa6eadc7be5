//! Word ids for one prepared resume: stems and written forms to small integers, phrase detection over them,
//! and a fast hasher, so scoring a vacancy is a few hash look-ups per word.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::text::{stem, TokenKind};

/// A small, fast, non-cryptographic hasher (the Fx scheme); keys here are short words and ids.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxSet<K> = HashSet<K, FxBuild>;

pub(crate) type TermId = u32;
pub(crate) type ConceptId = u32;

/// The first `n` characters of a word, packed (12 bits each; a collision only costs a needless stem).
fn prefix_key(word: &str, n: usize) -> u64 {
    let mut key = n as u64;
    for (i, c) in word.chars().take(n).enumerate() {
        key |= (c as u64 & 0xFFF) << (4 + 12 * i);
    }
    key
}

/// Stems of this many characters or more are keyed by their first `LONG` characters.
const LONG: usize = 5;

/// Stems and written forms known to one prepared resume, each mapped to a term id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    stems: FxMap<Box<str>, TermId>,
    surfaces: FxMap<Box<str>, TermId>,
    /// Prefix keys of the terms worth finding in long descriptions (those inside skill phrases).
    scan_prefixes: FxSet<u64>,
    scan_terms: FxSet<TermId>,
    /// Words already stemmed and looked up, so a word common to many vacancies is stemmed once.
    memo: RefCell<FxMap<Box<str>, Option<TermId>>>,
}

/// The memo stops growing here (about a megabyte), so hostile input cannot make it grow without bound.
const MEMO_LIMIT: usize = 30_000;

impl Lexicon {
    /// The id of a word's stem, adding it when new.
    pub fn intern(&mut self, token: &str, kind: TokenKind) -> TermId {
        if let Some(&id) = self.surfaces.get(token) {
            return id;
        }
        self.forget();
        let stemmed = stem(token, kind);
        let next = self.stems.len() as TermId;
        let id = *self.stems.entry(stemmed.as_ref().into()).or_insert(next);
        self.surfaces.insert(token.into(), id);
        id
    }

    /// Interns a stem given directly (from the alias table), with its written form.
    pub fn intern_stem(&mut self, surface: &str, stem_text: &str) -> TermId {
        self.forget();
        let next = self.stems.len() as TermId;
        let id = *self.stems.entry(stem_text.into()).or_insert(next);
        self.surfaces.entry(surface.into()).or_insert(id);
        id
    }

    /// Marks a term as worth finding in descriptions, with a written form of it.
    pub fn mark_scan(&mut self, id: TermId, stem_text: &str, surface: &str) {
        self.scan_terms.insert(id);
        for text in [stem_text, surface] {
            let n = text.chars().count().min(LONG);
            self.scan_prefixes.insert(prefix_key(text, n));
        }
    }

    /// Whether a word can have a wanted stem: a stem is a prefix of its word (in the first few characters).
    /// Stems of one or two characters (`go`, `1c`) only match whole words.
    fn may_be_scan_term(&self, token: &str) -> bool {
        // Keys of the first 1..=LONG characters, built in one pass (same packing as `prefix_key`).
        let mut keys = [0u64; LONG + 1];
        let mut packed = 0u64;
        let mut chars = 0;
        for (i, c) in token.chars().take(LONG).enumerate() {
            packed |= (c as u64 & 0xFFF) << (4 + 12 * i);
            keys[i + 1] = packed | (i as u64 + 1);
            chars = i + 1;
        }
        if chars <= 2 {
            return self.scan_prefixes.contains(&keys[chars]);
        }
        (3..=chars).any(|n| self.scan_prefixes.contains(&keys[n]))
    }

    /// The id of a word, stemming it when its written form is new.
    pub fn lookup(&self, token: &str, kind: TokenKind) -> Option<TermId> {
        if let Some(&id) = self.surfaces.get(token) {
            return Some(id);
        }
        self.stem_lookup(token, kind)
    }

    /// The term of a word's stem, through the memo.
    fn stem_lookup(&self, token: &str, kind: TokenKind) -> Option<TermId> {
        if let Some(&found) = self.memo.borrow().get(token) {
            return found;
        }
        let found = self.stems.get(stem(token, kind).as_ref()).copied();
        let mut memo = self.memo.borrow_mut();
        if memo.len() < MEMO_LIMIT {
            memo.insert(token.into(), found);
        }
        found
    }

    /// Forgets the memo (after new words were interned, a remembered miss may be wrong).
    fn forget(&mut self) {
        self.memo.get_mut().clear();
    }

    /// Like `lookup`, for long texts: only terms inside skill phrases are found; other words are not
    /// even stemmed.
    pub fn lookup_scan(&self, token: &str, kind: TokenKind) -> Option<TermId> {
        if !self.may_be_scan_term(token) {
            return None;
        }
        if let Some(&id) = self.surfaces.get(token) {
            return self.scan_terms.contains(&id).then_some(id);
        }
        let id = self.stem_lookup(token, kind)?;
        self.scan_terms.contains(&id).then_some(id)
    }

    pub fn stem_of(&self, id: TermId) -> Option<&str> {
        self.stems
            .iter()
            .find(|(_, &v)| v == id)
            .map(|(k, _)| k.as_ref())
    }
}

/// One thing found in a run of terms: a known phrase (a concept) or a single term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Concept(ConceptId),
    Term(TermId),
}

/// A known phrase and the concept it names.
type Phrase = (Box<[TermId]>, ConceptId);

/// Known phrases (term sequences) and the concept each names; finds the longest at each position.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseIndex {
    by_first: FxMap<TermId, Vec<Phrase>>,
}

impl PhraseIndex {
    /// Adds a phrase; the first concept to claim a phrase keeps it.
    pub fn add(&mut self, phrase: &[TermId], concept: ConceptId) {
        let Some(&first) = phrase.first() else { return };
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|(p, _)| p.as_ref() == phrase) {
            return;
        }
        list.push((phrase.into(), concept));
        list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }

    /// The concept named by exactly this phrase.
    pub fn exact(&self, phrase: &[TermId]) -> Option<ConceptId> {
        let first = phrase.first()?;
        self.by_first
            .get(first)?
            .iter()
            .find(|(p, _)| p.as_ref() == phrase)
            .map(|&(_, c)| c)
    }

    /// Walks `terms` (None = an unknown word, which no phrase crosses) and reports, left to right, the
    /// longest known phrase at each position, or the single term, with the number of words it spans.
    pub fn detect(&self, terms: &[Option<TermId>], mut f: impl FnMut(Found, usize)) {
        let mut i = 0;
        while i < terms.len() {
            let Some(first) = terms[i] else {
                i += 1;
                continue;
            };
            let mut step = 1;
            let mut found = Found::Term(first);
            if let Some(candidates) = self.by_first.get(&first) {
                for (phrase, concept) in candidates {
                    let end = i + phrase.len();
                    if end <= terms.len()
                        && phrase
                            .iter()
                            .zip(&terms[i..end])
                            .all(|(p, t)| Some(*p) == *t)
                    {
                        found = Found::Concept(*concept);
                        step = phrase.len();
                        break;
                    }
                }
            }
            f(found, step);
            i += step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_unknown_words_break_phrases() {
        let mut index = PhraseIndex::default();
        index.add(&[1], 10);
        index.add(&[1, 2], 20);
        let mut found = Vec::new();
        index.detect(
            &[Some(1), Some(2), Some(1), None, Some(2), Some(3)],
            |f, n| found.push((f, n)),
        );
        assert_eq!(
            found,
            [
                (Found::Concept(20), 2),
                (Found::Concept(10), 1),
                (Found::Term(2), 1),
                (Found::Term(3), 1)
            ]
        );
        assert_eq!(index.exact(&[1, 2]), Some(20));
        assert_eq!(index.exact(&[2]), None);
    }

    #[test]
    fn scan_lookup_finds_only_marked_terms_in_any_form() {
        let mut lex = Lexicon::default();
        let id = lex.intern("обучение", TokenKind::Cyrillic);
        let other = lex.intern("работа", TokenKind::Cyrillic);
        let stem_text = lex.stem_of(id).unwrap().to_string();
        lex.mark_scan(id, &stem_text, "обучение");
        assert_eq!(lex.lookup_scan("обучения", TokenKind::Cyrillic), Some(id));
        assert_eq!(lex.lookup_scan("работы", TokenKind::Cyrillic), None);
        assert_eq!(lex.lookup("работы", TokenKind::Cyrillic), Some(other));
        assert_eq!(lex.lookup("неизвестно", TokenKind::Cyrillic), None);
    }
}
