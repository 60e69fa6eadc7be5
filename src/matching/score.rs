//! The score: a resume prepared once, then any number of full vacancies or search cards scored against
//! it, each with the factors that add up to the number and a one-sentence explanation.

use super::aliases::{AliasTable, ConceptKind};
use super::facts::{
    currency_sign, experience_id_from_text, group_thousands, parse_salary_text, CardFacts,
    ResumeFacts, SalaryRange, VacancyFacts,
};
use super::lexicon::{ConceptId, Found, FxMap, FxSet, Lexicon, PhraseIndex, TermId};
use super::report::{Factor, FactorKind, MatchReport};
use super::text::{for_each_token, for_each_token_in_html, html_to_text, is_stopword, TokenKind};

/// The most points each factor can add when everything about it is known. When the vacancy or the
/// resume does not say (no salary, no roles), that factor's share goes to the others in proportion.
const WEIGHTS: [(FactorKind, f32); 7] = [
    (FactorKind::Skills, 35.0),
    (FactorKind::Title, 30.0),
    (FactorKind::Role, 10.0),
    (FactorKind::Experience, 10.0),
    (FactorKind::Salary, 7.0),
    (FactorKind::Format, 4.0),
    (FactorKind::Place, 4.0),
];

/// Credit for a skill the resume lists (or that a listed skill implies), and for one it only mentions.
const LISTED: f32 = 1.0;
const MENTIONED: f32 = 0.7;
/// A vacancy skill counts as matched from this credit on.
const MATCHED: f32 = 0.5;
/// Weight of a skill by where the vacancy names it.
const IN_TITLE: f32 = 1.5;
const KEY_SKILL: f32 = 1.0;
const IN_SNIPPET: f32 = 0.7;
const IN_DESCRIPTION: f32 = 0.5;
const SOFT: f32 = 0.25;
/// The skill weight below which the skills fit is scaled down (about two key skills and a title skill).
const MIN_EVIDENCE: f32 = 2.5;
/// Income tax, to compare a before-tax offer with expectations.
const NET_SHARE: f64 = 0.87;

/// Title words that say nothing about the job itself.
const TITLE_NOISE: [&str; 22] = [
    "junior",
    "middle",
    "senior",
    "младший",
    "старший",
    "ведущий",
    "главный",
    "стажер",
    "начинающий",
    "intern",
    "trainee",
    "jun",
    "mid",
    "sen",
    "удаленно",
    "удаленный",
    "remote",
    "офис",
    "гибрид",
    "г",
    "москва",
    "спб",
];

/// A resume made ready for scoring many vacancies: its skills, title words and terms looked up once.
#[derive(Debug, Clone)]
pub struct PreparedResume {
    lex: Lexicon,
    phrases: PhraseIndex,
    concept_names: Vec<String>,
    concept_kinds: Vec<ConceptKind>,
    /// Credit the resume gives each concept (0 when it lacks it).
    credit: Vec<f32>,
    /// How strongly each title unit (concept or term) is part of what the person does.
    title_weight: FxMap<u64, f32>,
    /// Units of the resume's own title.
    own_title_units: Vec<u64>,
    text_terms: FxSet<TermId>,
    text_bigrams: FxSet<u64>,
    noise: FxSet<TermId>,
    facts: ResumeFacts,
}

fn unit_of(found: Found) -> u64 {
    match found {
        Found::Concept(c) => (1u64 << 32) | c as u64,
        Found::Term(t) => t as u64,
    }
}

fn pair(a: TermId, b: TermId) -> u64 {
    ((a as u64) << 32) | b as u64
}

impl PreparedResume {
    /// Prepares a resume against an alias table. Cost grows with the resume's length; do it once.
    pub fn new(resume: &ResumeFacts, aliases: &AliasTable) -> PreparedResume {
        let mut lex = Lexicon::default();
        let mut phrases = PhraseIndex::default();
        let mut concept_names = Vec::with_capacity(aliases.concepts.len() + resume.skills.len());
        let mut concept_kinds = Vec::with_capacity(aliases.concepts.len() + resume.skills.len());
        for (index, concept) in aliases.concepts.iter().enumerate() {
            concept_names.push(concept.name.clone());
            concept_kinds.push(concept.kind);
            for phrase in &concept.phrases {
                let ids: Vec<TermId> = phrase
                    .iter()
                    .map(|w| lex.intern_stem(&w.surface, &w.stem))
                    .collect();
                for (w, &id) in phrase.iter().zip(&ids) {
                    // Descriptions are searched for hard skills only (see `Needs::add_found_in`).
                    if concept.kind == ConceptKind::Skill {
                        lex.mark_scan(id, &w.stem, &w.surface);
                    }
                }
                phrases.add(&ids, index as ConceptId);
            }
        }
        let mut prepared = PreparedResume {
            lex,
            phrases,
            concept_names,
            concept_kinds,
            credit: Vec::new(),
            title_weight: FxMap::default(),
            own_title_units: Vec::new(),
            text_terms: FxSet::default(),
            text_bigrams: FxSet::default(),
            noise: FxSet::default(),
            facts: resume.clone(),
        };
        for word in TITLE_NOISE {
            let kind = if word.is_ascii() {
                TokenKind::Latin
            } else {
                TokenKind::Cyrillic
            };
            let id = prepared.lex.intern(word, kind);
            prepared.noise.insert(id);
        }
        prepared.add_resume_skills(resume, aliases);
        prepared.add_resume_text(resume, aliases);
        prepared.add_title_units(resume);
        prepared
    }

    fn intern_text(&mut self, text: &str) -> Vec<Option<TermId>> {
        let mut ids = Vec::new();
        let mut scratch = String::new();
        let lex = &mut self.lex;
        for_each_token(text, &mut scratch, |token, kind| {
            if kind != TokenKind::Number && !is_stopword(token) {
                ids.push(Some(lex.intern(token, kind)));
            }
        });
        ids
    }

    fn lookup_text(&self, text: &str, scan: bool) -> Vec<Option<TermId>> {
        let mut ids = Vec::new();
        let mut scratch = String::new();
        for_each_token(text, &mut scratch, |token, kind| {
            if kind == TokenKind::Number || is_stopword(token) {
                return;
            }
            ids.push(if scan {
                self.lex.lookup_scan(token, kind)
            } else {
                self.lex.lookup(token, kind)
            });
        });
        ids
    }

    /// Term ids of the words of employer-written HTML worth finding (see `Lexicon::lookup_scan`).
    fn scan_html(&self, html: &str) -> Vec<Option<TermId>> {
        let mut ids = Vec::with_capacity(html.len() / 8);
        let mut scratch = String::new();
        for_each_token_in_html(html, &mut scratch, |token, kind| {
            if kind != TokenKind::Number && !is_stopword(token) {
                ids.push(self.lex.lookup_scan(token, kind));
            }
        });
        ids
    }

    fn give(&mut self, concept: ConceptId, credit: f32, aliases: &AliasTable) {
        let closure = if (concept as usize) < aliases.concepts.len() {
            aliases.implied_closure(concept as usize)
        } else {
            vec![concept as usize]
        };
        for c in closure {
            if self.credit[c] < credit {
                self.credit[c] = credit;
            }
        }
    }

    fn add_resume_skills(&mut self, resume: &ResumeFacts, aliases: &AliasTable) {
        let mut held = Vec::new();
        for skill in resume.skills.iter().flat_map(|s| s.split([',', ';'])) {
            let skill = skill.trim();
            let ids: Vec<Option<TermId>> = self.intern_text(skill);
            let terms: Vec<TermId> = ids.iter().flatten().copied().collect();
            if terms.is_empty() {
                continue;
            }
            match self.phrases.exact(&terms) {
                Some(c) => held.push(c),
                None => {
                    // A skill the table does not know: it becomes a concept of its own.
                    let c = self.concept_names.len() as ConceptId;
                    self.concept_names.push(skill.to_string());
                    self.concept_kinds.push(ConceptKind::Skill);
                    self.phrases.add(&terms, c);
                    let mut scratch = String::new();
                    let mut surfaces = Vec::new();
                    for_each_token(skill, &mut scratch, |token, _| {
                        surfaces.push(token.to_string())
                    });
                    for &t in &terms {
                        if let Some(stem_text) = self.lex.stem_of(t).map(str::to_string) {
                            self.lex.mark_scan(t, &stem_text, &stem_text);
                        }
                    }
                    for surface in &surfaces {
                        if let Some(t) = self.lex.lookup(surface, TokenKind::Other) {
                            if let Some(stem_text) = self.lex.stem_of(t).map(str::to_string) {
                                self.lex.mark_scan(t, &stem_text, surface);
                            }
                        }
                    }
                    held.push(c);
                    // Known skills inside it ("опыт с Docker") count as well.
                    self.phrases.detect(&ids, |found, _| {
                        if let Found::Concept(inner) = found {
                            if inner != c {
                                held.push(inner);
                            }
                        }
                    });
                }
            }
        }
        self.credit = vec![0.0; self.concept_names.len()];
        for c in held {
            self.give(c, LISTED, aliases);
        }
    }

    fn add_resume_text(&mut self, resume: &ResumeFacts, aliases: &AliasTable) {
        let mut texts: Vec<String> = vec![resume.title.clone(), resume.skills_text.clone()];
        for p in &resume.positions {
            texts.push(p.title.clone());
            texts.push(html_to_text(&p.description));
        }
        let mut mentioned = Vec::new();
        for text in texts {
            let ids = self.intern_text(&text);
            for w in ids.windows(2) {
                if let [Some(a), Some(b)] = w {
                    self.text_bigrams.insert(pair(*a, *b));
                }
            }
            self.text_terms.extend(ids.iter().flatten());
            self.phrases.detect(&ids, |found, _| {
                if let Found::Concept(c) = found {
                    mentioned.push(c);
                }
            });
        }
        for c in mentioned {
            self.give(c, MENTIONED, aliases);
        }
    }

    fn add_title_units(&mut self, resume: &ResumeFacts) {
        let own = self.title_units_weighted(&resume.title.clone(), 1.0);
        self.own_title_units = own
            .iter()
            .filter(|(_, w)| *w >= 1.0)
            .map(|(u, _)| *u)
            .collect();
        let mut all = own;
        for (i, position) in resume.positions.iter().enumerate() {
            let weight = if i == 0 { 0.8 } else { 0.5 };
            all.extend(self.title_units_weighted(&position.title.clone(), weight));
        }
        for (c, &credit) in self.credit.iter().enumerate() {
            if credit >= LISTED && self.concept_kinds[c] == ConceptKind::Skill {
                all.push((unit_of(Found::Concept(c as ConceptId)), 0.6));
            }
        }
        for (u, weight) in all {
            let w = self.title_weight.entry(u).or_insert(0.0);
            *w = w.max(weight);
        }
    }

    /// Units of a resume title with their weights: each unit at `weight`, and the single words of a
    /// title phrase («системный администратор») at half of it, so «сетевой администратор» is half a match.
    fn title_units_weighted(&self, text: &str, weight: f32) -> Vec<(u64, f32)> {
        let ids = self.lookup_text(text, false);
        let mut out = Vec::new();
        let mut at = 0;
        self.phrases.detect(&ids, |found, n| {
            while ids.get(at).is_some_and(Option::is_none) {
                at += 1;
            }
            if let Found::Term(t) = found {
                if !self.noise.contains(&t) {
                    out.push((unit_of(found), weight));
                }
            } else {
                out.push((unit_of(found), weight));
                if n > 1 {
                    for t in ids[at..at + n].iter().flatten() {
                        if !self.noise.contains(t) {
                            out.push((unit_of(Found::Term(*t)), weight * 0.5));
                        }
                    }
                }
            }
            at += n;
        });
        out
    }

    /// The resume this was prepared from.
    pub fn facts(&self) -> &ResumeFacts {
        &self.facts
    }
}

/// A skill the vacancy asks for, with the credit the resume gets for it.
struct Need {
    name: String,
    concept: Option<ConceptId>,
    weight: f32,
    credit: f32,
    soft: bool,
}

#[derive(Default)]
struct Needs {
    list: Vec<Need>,
}

impl Needs {
    fn add_concept(&mut self, r: &PreparedResume, c: ConceptId, weight: f32) {
        let kind = r.concept_kinds[c as usize];
        if kind == ConceptKind::Word {
            return;
        }
        let soft = kind == ConceptKind::Soft;
        let weight = if soft { weight.min(SOFT) } else { weight };
        if let Some(existing) = self.list.iter_mut().find(|n| n.concept == Some(c)) {
            existing.weight = existing.weight.max(weight);
            return;
        }
        self.list.push(Need {
            name: r.concept_names[c as usize].clone(),
            concept: Some(c),
            weight,
            credit: r.credit[c as usize],
            soft,
        });
    }

    fn add_key_skill(&mut self, r: &PreparedResume, skill: &str) {
        let ids = r.lookup_text(skill, false);
        if ids.is_empty() {
            return;
        }
        let mut found = Vec::new();
        r.phrases.detect(&ids, |f, n| found.push((f, n)));
        if let [(Found::Concept(c), n)] = found.as_slice() {
            if *n == ids.len() && r.concept_kinds[*c as usize] != ConceptKind::Word {
                let mut need_name = skill.trim().to_string();
                if need_name.is_empty() {
                    need_name = r.concept_names[*c as usize].clone();
                }
                self.add_concept(r, *c, KEY_SKILL);
                // Show the skill as the vacancy's key skills name it.
                if let Some(need) = self.list.iter_mut().find(|n| n.concept == Some(*c)) {
                    need.name = need_name;
                }
                return;
            }
        }
        let lower = skill.trim().to_lowercase();
        if self
            .list
            .iter()
            .any(|n| n.concept.is_none() && n.name.to_lowercase() == lower)
        {
            return;
        }
        // Not a known skill as a whole: the resume's text may still say it word for word, or known
        // skills inside it may cover most of it.
        let all_known: Vec<TermId> = ids.iter().flatten().copied().collect();
        let said = all_known.len() == ids.len()
            && match all_known.as_slice() {
                [one] => r.text_terms.contains(one),
                many => many
                    .windows(2)
                    .all(|w| r.text_bigrams.contains(&pair(w[0], w[1]))),
            };
        let covered: usize = found
            .iter()
            .filter_map(|(f, n)| match f {
                Found::Concept(c) if r.credit[*c as usize] >= MATCHED => Some(*n),
                _ => None,
            })
            .sum();
        let credit = if said {
            MENTIONED
        } else if covered * 2 >= ids.len() {
            MATCHED
        } else {
            0.0
        };
        self.list.push(Need {
            name: skill.trim().to_string(),
            concept: None,
            weight: KEY_SKILL,
            credit,
            soft: false,
        });
    }

    /// Skills named in a text (title, snippet, description) at the given weight; soft skills and title
    /// words are left to key skills.
    fn add_found_in(&mut self, r: &PreparedResume, ids: &[Option<TermId>], weight: f32) {
        r.phrases.detect(ids, |found, _| {
            if let Found::Concept(c) = found {
                if r.concept_kinds[c as usize] == ConceptKind::Skill {
                    self.add_concept(r, c, weight);
                }
            }
        });
    }
}

struct FactorResult {
    kind: FactorKind,
    fit: Option<f32>,
    note: String,
}

/// Scores a full vacancy against the prepared resume.
pub fn score_vacancy(resume: &PreparedResume, vacancy: &VacancyFacts) -> MatchReport {
    let mut needs = Needs::default();
    let title_ids = resume.lookup_text(&vacancy.name, false);
    needs.add_found_in(resume, &title_ids, IN_TITLE);
    for skill in vacancy.key_skills.iter().flat_map(|s| s.split([',', ';'])) {
        needs.add_key_skill(resume, skill);
    }
    let description_ids = resume.scan_html(&vacancy.description_html);
    needs.add_found_in(resume, &description_ids, IN_DESCRIPTION);
    let place = place_fit(
        resume.facts(),
        vacancy.area_id.as_deref(),
        vacancy.area_name.as_deref(),
        &vacancy.work_formats,
    );
    let factors = vec![
        skills_fit(&needs),
        title_fit(resume, &title_ids, &vacancy.name),
        role_fit(resume.facts(), &vacancy.professional_role_ids),
        experience_fit(
            resume.facts().total_experience_months,
            vacancy.experience_id.as_deref(),
        ),
        salary_fit(resume.facts(), vacancy.salary.as_ref()),
        format_fit(
            resume.facts(),
            &vacancy.work_formats,
            &vacancy.employment_forms,
        ),
        place,
    ];
    build_report(needs, factors, false)
}

/// Scores a search card (title, snippet, salary text) against the prepared resume: a preliminary score,
/// sharpened later by `score_vacancy` on the full vacancy.
pub fn score_card(resume: &PreparedResume, card: &CardFacts) -> MatchReport {
    let mut needs = Needs::default();
    let title_ids = resume.lookup_text(&card.title, false);
    needs.add_found_in(resume, &title_ids, IN_TITLE);
    let snippet_ids = resume.scan_html(&card.snippet);
    needs.add_found_in(resume, &snippet_ids, IN_SNIPPET);
    let experience_id = card.experience.as_deref().and_then(experience_id_from_text);
    let salary = card.salary_text.as_deref().and_then(parse_salary_text);
    let factors = vec![
        skills_fit(&needs),
        title_fit(resume, &title_ids, &card.title),
        role_fit(resume.facts(), &card.professional_role_ids),
        experience_fit(resume.facts().total_experience_months, experience_id),
        salary_fit(resume.facts(), salary.as_ref()),
        format_fit(resume.facts(), &card.work_formats, &[]),
        place_fit(
            resume.facts(),
            None,
            card.area_name.as_deref(),
            &card.work_formats,
        ),
    ];
    build_report(needs, factors, true)
}

fn skills_fit(needs: &Needs) -> FactorResult {
    let total: f32 = needs.list.iter().map(|n| n.weight).sum();
    if needs.list.is_empty() || total <= 0.0 {
        return FactorResult {
            kind: FactorKind::Skills,
            fit: None,
            note: "вакансия не называет навыков".into(),
        };
    }
    let got: f32 = needs.list.iter().map(|n| n.weight * n.credit).sum();
    // One or two skills are thin evidence: a vacancy must name a few before a full fit is possible.
    let total = total.max(MIN_EVIDENCE);
    let matched = needs.list.iter().filter(|n| n.credit >= MATCHED).count();
    FactorResult {
        kind: FactorKind::Skills,
        fit: Some(got / total),
        note: format!("есть {matched} из {} навыков вакансии", needs.list.len()),
    }
}

fn title_fit(r: &PreparedResume, title_ids: &[Option<TermId>], name: &str) -> FactorResult {
    let kind = FactorKind::Title;
    let mut units: Vec<u64> = Vec::new();
    let mut unknown = 0usize;
    for id in title_ids {
        if id.is_none() {
            unknown += 1;
        }
    }
    r.phrases.detect(title_ids, |found, _| {
        if let Found::Term(t) = found {
            if r.noise.contains(&t) {
                return;
            }
        }
        let u = unit_of(found);
        if !units.contains(&u) {
            units.push(u);
        }
    });
    if units.is_empty() && unknown == 0 {
        return FactorResult {
            kind,
            fit: None,
            note: "у вакансии нет названия".into(),
        };
    }
    if r.title_weight.is_empty() {
        return FactorResult {
            kind,
            fit: None,
            note: "в резюме нет должности".into(),
        };
    }
    // Words the resume never uses weigh half: often a team or company name.
    let covered: f32 = units
        .iter()
        .map(|u| r.title_weight.get(u).copied().unwrap_or(0.0))
        .sum();
    let vacancy_side = covered / (units.len() as f32 + 0.5 * unknown as f32);
    let fit = if r.own_title_units.is_empty() {
        vacancy_side
    } else {
        let shared = r
            .own_title_units
            .iter()
            .filter(|u| units.contains(u))
            .count();
        0.75 * vacancy_side + 0.25 * shared as f32 / r.own_title_units.len() as f32
    };
    let fit = fit.clamp(0.0, 1.0);
    let name = short(name.trim(), 40);
    let note = if fit >= 0.75 {
        format!("«{name}» — ваша должность")
    } else if fit >= 0.35 {
        format!("«{name}» — близко к вашей должности")
    } else {
        format!("«{name}» — другая должность")
    };
    FactorResult {
        kind,
        fit: Some(fit),
        note,
    }
}

fn role_fit(resume: &ResumeFacts, vacancy_roles: &[String]) -> FactorResult {
    let kind = FactorKind::Role;
    // Role 40 is «Другое»: it says nothing.
    let roles: Vec<&String> = vacancy_roles
        .iter()
        .filter(|r| r.as_str() != "40")
        .collect();
    if roles.is_empty() || resume.professional_role_ids.is_empty() {
        return FactorResult {
            kind,
            fit: None,
            note: "профессиональная роль не указана".into(),
        };
    }
    if roles
        .iter()
        .any(|r| resume.professional_role_ids.contains(r))
    {
        FactorResult {
            kind,
            fit: Some(1.0),
            note: "ваша профессиональная роль".into(),
        }
    } else {
        FactorResult {
            kind,
            fit: Some(0.0),
            note: "другая профессиональная роль".into(),
        }
    }
}

/// Required experience in months, as hh.ru's ranges say.
fn experience_range(id: &str) -> Option<(u32, Option<u32>, &'static str)> {
    Some(match id {
        "noExperience" => (0, Some(12), "без опыта"),
        "between1And3" => (12, Some(36), "1–3 года"),
        "between3And6" => (36, Some(72), "3–6 лет"),
        "moreThan6" => (72, None, "больше 6 лет"),
        _ => return None,
    })
}

fn experience_fit(months: Option<u32>, id: Option<&str>) -> FactorResult {
    let kind = FactorKind::Experience;
    let Some((low, high, label)) = id.and_then(experience_range) else {
        return FactorResult {
            kind,
            fit: None,
            note: "требования к опыту не указаны".into(),
        };
    };
    let Some(m) = months else {
        return FactorResult {
            kind,
            fit: None,
            note: format!("нужно {label}, в резюме опыт не указан"),
        };
    };
    let fit = if m < low {
        // Employers filter on experience: a shortfall costs more than in proportion.
        (m as f32 / low as f32).powi(2)
    } else {
        match high {
            Some(h) if m > h => {
                let over = (m - h) as f32 / h.max(12) as f32;
                (1.0 - 0.3 * over).max(0.4)
            }
            _ => 1.0,
        }
    };
    let have = years_ru(m);
    let note = if id == Some("noExperience") {
        format!("опыт {have}, вакансия без опыта")
    } else {
        format!("опыт {have}, нужно {label}")
    };
    FactorResult {
        kind,
        fit: Some(fit),
        note,
    }
}

/// «меньше года», «1 год», «3 года», «7 лет».
fn years_ru(months: u32) -> String {
    let y = months / 12;
    if y == 0 {
        return "меньше года".into();
    }
    let word = match (y % 10, y % 100) {
        (1, n) if n != 11 => "год",
        (2..=4, n) if !(12..=14).contains(&n) => "года",
        _ => "лет",
    };
    format!("{y} {word}")
}

fn same_currency(a: &str, b: &str) -> bool {
    let norm = |c: &str| {
        if c == "RUB" {
            "RUR".to_string()
        } else {
            c.to_ascii_uppercase()
        }
    };
    norm(a) == norm(b)
}

fn salary_fit(resume: &ResumeFacts, salary: Option<&SalaryRange>) -> FactorResult {
    let kind = FactorKind::Salary;
    let Some(offer) = salary.filter(|s| s.from.is_some() || s.to.is_some()) else {
        return FactorResult {
            kind,
            fit: None,
            note: "зарплата не указана".into(),
        };
    };
    let Some(wanted) = resume.salary.as_ref().filter(|m| m.amount > 0) else {
        return FactorResult {
            kind,
            fit: None,
            note: "в резюме нет ожиданий по зарплате".into(),
        };
    };
    if !same_currency(&offer.currency, &wanted.currency) {
        return FactorResult {
            kind,
            fit: None,
            note: "зарплата в другой валюте".into(),
        };
    }
    let top = offer.to.or(offer.from).unwrap_or(0) as f64;
    let net_top = if offer.gross == Some(true) {
        top * NET_SHARE
    } else {
        top
    };
    let ratio = net_top / wanted.amount as f64;
    let fit = if ratio >= 1.0 {
        1.0
    } else {
        ((ratio - 0.7) / 0.3).clamp(0.0, 1.0) as f32
    };
    let sign = currency_sign(&wanted.currency);
    let offered = match (offer.from, offer.to) {
        (Some(f), Some(t)) if f != t => format!("{}–{}", group_thousands(f), group_thousands(t)),
        (Some(f), None) => format!("от {}", group_thousands(f)),
        (None, Some(t)) => format!("до {}", group_thousands(t)),
        (Some(f), _) => group_thousands(f),
        (None, None) => String::new(),
    };
    let gross = if offer.gross == Some(true) {
        " до налогов"
    } else {
        ""
    };
    let note = format!(
        "предлагают {offered} {sign}{gross}, вы хотите {} {sign}",
        group_thousands(wanted.amount)
    );
    FactorResult {
        kind,
        fit: Some(fit),
        note,
    }
}

fn format_name(id: &str) -> &str {
    match id {
        "REMOTE" => "удалённо",
        "ON_SITE" => "в офисе",
        "HYBRID" => "гибрид",
        "FIELD_WORK" => "разъездной",
        other => other,
    }
}

fn format_fit(resume: &ResumeFacts, formats: &[String], employment: &[String]) -> FactorResult {
    let kind = FactorKind::Format;
    let mut parts = Vec::new();
    let mut notes = Vec::new();
    if !formats.is_empty() && !resume.work_formats.is_empty() {
        let ok = formats.iter().any(|f| resume.work_formats.contains(f));
        parts.push(if ok { 1.0 } else { 0.0 });
        let offered: Vec<&str> = formats.iter().map(|f| format_name(f)).collect();
        notes.push(if ok {
            format!("формат подходит: {}", offered.join(", "))
        } else {
            format!("формат не тот: {}", offered.join(", "))
        });
    }
    if !employment.is_empty() && !resume.employment_forms.is_empty() {
        let ok = employment
            .iter()
            .any(|e| resume.employment_forms.contains(e));
        parts.push(if ok { 1.0 } else { 0.0 });
        notes.push(if ok {
            "занятость подходит".to_string()
        } else {
            "другая занятость".to_string()
        });
    }
    if parts.is_empty() {
        return FactorResult {
            kind,
            fit: None,
            note: "формат работы не указан".into(),
        };
    }
    let fit = parts.iter().sum::<f32>() / parts.len() as f32;
    FactorResult {
        kind,
        fit: Some(fit),
        note: notes.join("; "),
    }
}

fn place_fit(
    resume: &ResumeFacts,
    area_id: Option<&str>,
    area_name: Option<&str>,
    formats: &[String],
) -> FactorResult {
    let kind = FactorKind::Place;
    let remote_ok = formats.iter().any(|f| f == "REMOTE")
        && (resume.work_formats.is_empty() || resume.work_formats.iter().any(|f| f == "REMOTE"));
    if remote_ok {
        return FactorResult {
            kind,
            fit: Some(1.0),
            note: "удалённо — город не важен".into(),
        };
    }
    let name = area_name.map(str::trim).filter(|n| !n.is_empty());
    if (area_id.is_none() && name.is_none())
        || (resume.area_id.is_none() && resume.area_name.is_none())
    {
        return FactorResult {
            kind,
            fit: None,
            note: "город не указан".into(),
        };
    }
    let same_id = matches!((area_id, resume.area_id.as_deref()), (Some(a), Some(b)) if a == b);
    let same_name = matches!((name, resume.area_name.as_deref()), (Some(a), Some(b)) if a.to_lowercase() == b.trim().to_lowercase());
    let shown = name.unwrap_or("другой регион");
    if same_id || same_name {
        return FactorResult {
            kind,
            fit: Some(1.0),
            note: format!("{shown} — ваш город"),
        };
    }
    let relocate = resume.relocation_anywhere
        || area_id.is_some_and(|a| resume.relocation_area_ids.iter().any(|r| r == a));
    if relocate {
        FactorResult {
            kind,
            fit: Some(0.6),
            note: format!("{shown} — готовы переехать"),
        }
    } else {
        FactorResult {
            kind,
            fit: Some(0.0),
            note: format!("{shown} — не ваш город"),
        }
    }
}

fn short(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn build_report(needs: Needs, results: Vec<FactorResult>, preliminary: bool) -> MatchReport {
    let known_weight: f32 = results
        .iter()
        .filter(|r| r.fit.is_some())
        .map(|r| {
            WEIGHTS
                .iter()
                .find(|(k, _)| *k == r.kind)
                .map_or(0.0, |(_, w)| *w)
        })
        .sum();
    let scale = if known_weight > 0.0 {
        100.0 / known_weight
    } else {
        0.0
    };
    let factors: Vec<Factor> = results
        .into_iter()
        .map(|r| {
            let base = WEIGHTS
                .iter()
                .find(|(k, _)| *k == r.kind)
                .map_or(0.0, |(_, w)| *w);
            let max_points = if r.fit.is_some() { base * scale } else { 0.0 };
            let points = r.fit.map_or(0.0, |f| f.clamp(0.0, 1.0) * max_points);
            Factor {
                kind: r.kind,
                fit: r.fit.map(|f| f.clamp(0.0, 1.0)),
                points,
                max_points,
                note: r.note,
            }
        })
        .collect();
    let total: f32 = factors.iter().map(|f| f.points).sum();
    let score = total.round().clamp(0.0, 100.0) as u8;

    let mut ranked: Vec<&Need> = needs.list.iter().collect();
    ranked.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let matched_skills: Vec<String> = ranked
        .iter()
        .filter(|n| n.credit >= MATCHED)
        .map(|n| n.name.clone())
        .collect();
    let missing_skills: Vec<String> = ranked
        .iter()
        .filter(|n| n.credit < MATCHED && !n.soft)
        .take(5)
        .map(|n| n.name.clone())
        .collect();
    let summary = summarize(
        &factors,
        &matched_skills,
        &missing_skills,
        needs.list.len(),
        preliminary,
    );
    MatchReport {
        score,
        preliminary,
        matched_skills,
        missing_skills,
        factors,
        summary,
    }
}

/// One Russian sentence: the skills, then the factor that cost the most points (or that all else fits).
fn summarize(
    factors: &[Factor],
    matched: &[String],
    missing: &[String],
    skills_total: usize,
    preliminary: bool,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if factors.iter().all(|f| f.fit.is_none()) {
        return "Недостаточно данных для оценки.".into();
    }
    let skills_known = factors
        .iter()
        .any(|f| f.kind == FactorKind::Skills && f.fit.is_some());
    if skills_known {
        let mut s = if matched.is_empty() {
            format!("нет ни одного из {skills_total} навыков вакансии")
        } else {
            format!("есть {} из {skills_total} навыков", matched.len())
        };
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().take(2).map(|m| short(m, 24)).collect();
            s.push_str(&format!(", нет {}", names.join(" и ")));
        }
        parts.push(s);
    }
    let mut losses: Vec<&Factor> = factors
        .iter()
        .filter(|f| {
            f.kind != FactorKind::Skills && f.fit.is_some() && f.max_points - f.points >= 2.0
        })
        .collect();
    losses.sort_by(|a, b| (b.max_points - b.points).total_cmp(&(a.max_points - a.points)));
    match losses.first() {
        Some(f) => parts.push(loss_phrase(f)),
        None if parts.is_empty() => parts.push("всё известное подходит".into()),
        None => parts.push("остальное подходит".into()),
    }
    let body = parts.join("; ");
    let mut sentence = format!(
        "{}{body}.",
        if preliminary {
            "Предварительно: "
        } else {
            ""
        }
    );
    sentence = capitalize(&sentence);
    if sentence.chars().count() > 160 {
        sentence = short(&sentence, 160);
    }
    sentence
}

fn loss_phrase(f: &Factor) -> String {
    let fit = f.fit.unwrap_or(0.0);
    match f.kind {
        FactorKind::Title if fit < 0.35 => "другая должность".into(),
        FactorKind::Title => "должность совпадает частично".into(),
        FactorKind::Role => "другая профессиональная роль".into(),
        FactorKind::Experience => f.note.clone(),
        FactorKind::Salary => "зарплата ниже ожиданий".into(),
        FactorKind::Format => f.note.clone(),
        FactorKind::Place => f.note.clone(),
        FactorKind::Skills => String::new(),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
