//! Recommendations: vacancies for the chosen resume from hh.ru (its own recommendations and a search built from
//! the resume) or, without the API, from the search pages the user opened; merged without duplicates, scored
//! with reasons, filtered by the user's choices and exclusions, and ranked.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use futures::future::join_all;
use serde::{Deserialize, Serialize};

use super::vacancies::{card_facts, KnownVacancy};
use super::{keys, Agent, ChosenResume, Platform};
use crate::hh::models::Vacancy;
use crate::hh::request::{encode_pairs, SearchParams};
use crate::matching::facts::{
    parse_salary_text, salary_text, CardFacts, ResumeFacts, SalaryRange, VacancyFacts,
};
use crate::matching::score::{score_card, score_vacancy};
use crate::pages::search_page::read_cards;
use crate::protocol::{
    Channel, PageCard, PageKind, Recommendation, RecommendationFilters, RecommendationSource,
    Recommendations, Response, ResumeChoice, UserError,
};
use crate::settings::Settings;

/// hh.ru is asked again after this long (or when the user refreshes).
const GATHER_TTL_MS: u64 = 15 * 60 * 1000;
/// How many vacancies each source gives (one request each).
const PER_SOURCE: u32 = 50;
/// The best vacancies scored from their search item only are scored again from the full vacancy, this many
/// per request (each is stored for hours, so later requests find them at once).
const REFINE_TOP: usize = 10;
/// How many search cards seen on hh.ru's pages are kept for the page channel.
const SEEN_CARDS_KEPT: usize = 300;
/// How many skills of the resume go into its search.
const SEARCH_SKILLS: usize = 2;

/// A vacancy found for the resume, before scoring.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Candidate {
    pub id: String,
    pub sources: Vec<RecommendationSource>,
    pub found: Found,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) enum Found {
    /// A search item of the API (no key skills, no description).
    Api(Box<Vacancy>),
    /// A card of a search page the user opened.
    Card(PageCard),
}

/// What was gathered last, for one resume through one channel.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Gathered {
    pub at_ms: u64,
    pub resume_id: String,
    pub channel: Channel,
    pub notice: Option<String>,
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SeenCard {
    card: PageCard,
    seen_at_ms: u64,
}

/// A scored recommendation with what the filters need besides it.
#[derive(Debug, Clone)]
pub(super) struct Scored {
    pub item: Recommendation,
    pub salary: Option<SalaryRange>,
    pub excluded: bool,
}

/// The search built from the resume: its title or its top skills, in its area (or where it would move),
/// at its level of experience or one below, around its expected salary.
pub fn resume_search(resume: &ResumeFacts) -> SearchParams {
    let mut alternatives: Vec<String> = Vec::new();
    let title = without_brackets(&resume.title);
    let skills = resume.skills.iter().take(SEARCH_SKILLS).map(|s| s.trim());
    for alternative in std::iter::once(title.trim()).chain(skills) {
        let known = alternatives
            .iter()
            .any(|a| a.to_lowercase() == alternative.to_lowercase());
        if !alternative.is_empty() && !known {
            alternatives.push(alternative.to_string());
        }
    }
    let text = match alternatives.len() {
        0 => None,
        1 => alternatives.pop(),
        _ => Some(
            alternatives
                .iter()
                .map(|a| format!("({a})"))
                .collect::<Vec<_>>()
                .join(" OR "),
        ),
    };
    let area = if resume.relocation_anywhere {
        Vec::new()
    } else {
        let mut areas: Vec<String> = resume.area_id.iter().cloned().collect();
        for id in &resume.relocation_area_ids {
            if !areas.contains(id) {
                areas.push(id.clone());
            }
        }
        areas
    };
    SearchParams {
        text,
        experience: experience_levels(resume.total_experience_months),
        area,
        salary: resume.salary.as_ref().map(|m| m.amount),
        currency: resume.salary.as_ref().map(|m| hh_currency(&m.currency)),
        ..SearchParams::default()
    }
}

/// «Python-разработчик (Backend)» → «Python-разработчик»: a bracketed aside narrows a search too much.
fn without_brackets(title: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// hh.ru's search knows roubles as `RUR`.
fn hh_currency(code: &str) -> String {
    match code {
        "RUB" => "RUR".into(),
        other => other.to_string(),
    }
}

/// The experience level of these months of work, and the one below it.
fn experience_levels(months: Option<u32>) -> Vec<String> {
    const LEVELS: [(&str, u32); 4] = [
        ("noExperience", 0),
        ("between1And3", 12),
        ("between3And6", 36),
        ("moreThan6", 72),
    ];
    let Some(months) = months else {
        return Vec::new();
    };
    let level = LEVELS
        .iter()
        .rposition(|(_, from)| months >= *from)
        .unwrap_or(0);
    LEVELS[level.saturating_sub(1)..=level]
        .iter()
        .map(|(id, _)| id.to_string())
        .collect()
}

/// Vacancies of several sources as one list: the first source's order, each vacancy once with all its sources.
pub(super) fn merge(sources: Vec<(RecommendationSource, Vec<Vacancy>)>) -> Vec<Candidate> {
    let mut merged: Vec<Candidate> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (source, vacancies) in sources {
        for vacancy in vacancies.into_iter().filter(|v| !v.id.is_empty()) {
            match index.get(&vacancy.id) {
                Some(&at) if !merged[at].sources.contains(&source) => {
                    merged[at].sources.push(source)
                }
                Some(_) => {}
                None => {
                    index.insert(vacancy.id.clone(), merged.len());
                    merged.push(Candidate {
                        id: vacancy.id.clone(),
                        sources: vec![source],
                        found: Found::Api(Box::new(vacancy)),
                    });
                }
            }
        }
    }
    merged
}

/// Whether a recommendation passes the page's filters.
pub fn passes(
    filters: &RecommendationFilters,
    item: &Recommendation,
    salary: Option<&SalaryRange>,
) -> bool {
    let roubles = salary.filter(|s| matches!(s.currency.as_str(), "RUR" | "RUB"));
    let salary_ok = match (filters.salary_from, roubles) {
        (_, None) => !filters.only_with_salary,
        (None, Some(_)) => true,
        (Some(wanted), Some(s)) => s.to.or(s.from).is_some_and(|top| top >= wanted),
    };
    let area_ok = filters.area.as_deref().is_none_or(|wanted| {
        item.area
            .as_deref()
            .is_some_and(|area| area.to_lowercase() == wanted.trim().to_lowercase())
    });
    let format_ok = filters.work_formats.is_empty()
        || item
            .work_formats
            .iter()
            .any(|f| filters.work_formats.contains(f));
    item.report.score >= filters.min_score
        && salary_ok
        && area_ok
        && format_ok
        && !(filters.hide_applied && item.applied)
}

/// Best first: the score, then a full score before a preliminary one, then the newest.
pub fn rank(items: &mut [Recommendation]) {
    items.sort_by(|a, b| {
        b.report
            .score
            .cmp(&a.report.score)
            .then(a.report.preliminary.cmp(&b.report.preliminary))
            .then(b.published_at.cmp(&a.published_at))
            .then(a.vacancy_id.cmp(&b.vacancy_id))
    });
}

fn vacancy_url(id: &str) -> String {
    format!("https://hh.ru/vacancy/{id}")
}

fn search_item_text(vacancy: &Vacancy) -> String {
    let snippet = vacancy.snippet.as_ref();
    [
        vacancy.name.clone(),
        snippet.and_then(|s| s.requirement.clone()),
        snippet.and_then(|s| s.responsibility.clone()),
        vacancy.description.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
}

impl<P: Platform> Agent<P> {
    /// Keeps the cards of a search page the user opened: without the API they are the recommendations.
    pub(super) async fn remember_cards(&self, cards: &[PageCard]) {
        if cards.is_empty() {
            return;
        }
        let now = self.now_ms();
        let mut seen: BTreeMap<String, SeenCard> =
            self.load(keys::SEEN_CARDS).await.unwrap_or_default();
        for card in cards.iter().filter(|c| !c.vacancy_id.is_empty()) {
            seen.insert(
                card.vacancy_id.clone(),
                SeenCard {
                    card: card.clone(),
                    seen_at_ms: now,
                },
            );
        }
        while seen.len() > SEEN_CARDS_KEPT {
            let Some(oldest) = seen
                .iter()
                .min_by_key(|(_, s)| s.seen_at_ms)
                .map(|(id, _)| id.clone())
            else {
                break;
            };
            seen.remove(&oldest);
        }
        // Losing a few cards only makes the page channel's list shorter.
        let _ = self.save(keys::SEEN_CARDS, &seen).await;
    }

    /// The candidates for the resume: the recent list, or hh.ru asked again (`refresh`, or too old); true
    /// when hh.ru was asked now.
    pub(super) async fn gather(
        &self,
        resume: &ChosenResume,
        refresh: bool,
    ) -> Result<(Gathered, bool), UserError> {
        let now = self.now_ms();
        let (channel, reason) = self.channel().await;
        if channel == Channel::Pages {
            // Asked anew, the page channel looks at hh.ru's search page for the resume itself.
            let looked = match refresh {
                true => self.search_on_site(resume).await,
                false => Ok(()),
            };
            let mut gathered = self.gather_from_pages(resume, reason).await;
            if let Err(error) = looked {
                gathered.notice = Some(format!(
                    "{} Поиск на hh.ru не удался: {}",
                    gathered.notice.unwrap_or_default(),
                    error.message
                ));
            }
            return Ok((gathered, false));
        }
        if !refresh {
            let recent = self
                .load::<Gathered>(keys::RECOMMENDATIONS)
                .await
                .filter(|g| g.resume_id == resume.stored.id && g.channel == Channel::Api)
                .filter(|g| g.at_ms <= now && now - g.at_ms < GATHER_TTL_MS);
            if let Some(recent) = recent {
                return Ok((recent, false));
            }
        }
        let gathered = self.gather_from_api(resume).await;
        // hh.ru may have just closed the applicant API: the pages the user opened are what is left.
        let (channel, reason) = self.channel().await;
        if channel == Channel::Pages {
            return Ok((self.gather_from_pages(resume, reason).await, false));
        }
        let gathered = gathered?;
        let _ = self.save(keys::RECOMMENDATIONS, &gathered).await;
        Ok((gathered, true))
    }

    async fn gather_from_api(&self, resume: &ChosenResume) -> Result<Gathered, UserError> {
        let client = self.client().await;
        let similar_params = SearchParams {
            per_page: Some(PER_SOURCE),
            ..SearchParams::default()
        };
        let search_params = SearchParams {
            per_page: Some(PER_SOURCE),
            ..resume_search(&resume.stored.facts)
        };
        let (similar, search) = futures::join!(
            client.similar_vacancies(&resume.stored.id, &similar_params),
            client.search_vacancies(&search_params)
        );
        let mut notice = None;
        let mut lists = Vec::new();
        for (source, answer) in [
            (RecommendationSource::Similar, similar),
            (RecommendationSource::ResumeSearch, search),
        ] {
            match answer {
                Ok(page) => lists.push((source, page.items)),
                Err(error) => {
                    let error = self.user_error(&error);
                    if lists.is_empty() && notice.is_some() {
                        return Err(error);
                    }
                    notice = Some(format!("Список неполный: {}", error.message));
                }
            }
        }
        if lists.is_empty() {
            return Err(UserError::new(
                "recommendations_failed",
                notice.unwrap_or_default(),
            ));
        }
        Ok(Gathered {
            at_ms: self.now_ms(),
            resume_id: resume.stored.id.clone(),
            channel: Channel::Api,
            notice,
            candidates: merge(lists),
        })
    }

    /// The page channel's own look: hh.ru's search page for the resume, read with the user's hh.ru session;
    /// its cards join those the user saw.
    async fn search_on_site(&self, resume: &ChosenResume) -> Result<(), UserError> {
        let params = SearchParams {
            per_page: Some(PER_SOURCE),
            ..resume_search(&resume.stored.facts)
        };
        let path = format!("/search/vacancy?{}", encode_pairs(&params.query_pairs()));
        let cards = self.site_search_cards(&path).await?;
        self.remember_cards(&cards).await;
        Ok(())
    }

    /// The cards of an hh.ru search page (`path` like `/search/vacancy?text=…`) as the user's session sees it.
    pub(super) async fn site_search_cards(&self, path: &str) -> Result<Vec<PageCard>, UserError> {
        let html = self.site_page(path).await?;
        match read_cards(&html) {
            Ok(cards) => Ok(cards),
            Err(error) => Err(self.unreadable(PageKind::Search, error).await),
        }
    }

    async fn gather_from_pages(&self, resume: &ChosenResume, reason: Option<String>) -> Gathered {
        let seen: BTreeMap<String, SeenCard> =
            self.load(keys::SEEN_CARDS).await.unwrap_or_default();
        let mut cards: Vec<SeenCard> = seen.into_values().collect();
        cards.sort_by_key(|c| std::cmp::Reverse(c.seen_at_ms));
        let hint = "Рекомендации собраны из поисковых страниц hh.ru, которые вы открывали: откройте поиск, чтобы список пополнился.";
        Gathered {
            at_ms: self.now_ms(),
            resume_id: resume.stored.id.clone(),
            channel: Channel::Pages,
            notice: Some(match reason {
                Some(reason) => format!("{reason} {hint}"),
                None => hint.to_string(),
            }),
            candidates: cards
                .into_iter()
                .map(|seen| Candidate {
                    id: seen.card.vacancy_id.clone(),
                    sources: vec![RecommendationSource::SeenOnPage],
                    found: Found::Card(seen.card),
                })
                .collect(),
        }
    }

    /// Scores every candidate (full where the vacancy is stored or read from its page); with `refine` (a list
    /// just gathered, so the order stays put while it is reused), the best preliminary ones and those in
    /// `also_full` are scored again from the full vacancy (API channel).
    pub(super) async fn score_candidates(
        &self,
        resume: &ChosenResume,
        gathered: &Gathered,
        refine: bool,
        also_full: &BTreeSet<String>,
    ) -> Vec<Scored> {
        let settings = self.settings().await;
        let applied = self.applied_vacancies().await;
        let mut page_known: BTreeMap<String, KnownVacancy> =
            self.load(keys::PAGE_VACANCIES).await.unwrap_or_default();
        page_known.extend(self.page_vacancies.borrow().clone());
        let stored = join_all(gathered.candidates.iter().map(|c| async {
            match &c.found {
                Found::Api(_) => self.stored_vacancy(&c.id).await,
                Found::Card(_) => None,
            }
        }))
        .await;
        let mut scored: Vec<Scored> = gathered
            .candidates
            .iter()
            .zip(stored)
            .map(|(candidate, full)| {
                let known = page_known.get(&candidate.id);
                score_one(resume, candidate, full.as_ref(), known, &applied, &settings)
            })
            .collect();
        if refine && gathered.channel == Channel::Api {
            scored.sort_by_key(|s| std::cmp::Reverse(s.item.report.score));
            let preliminary = |s: &Scored| s.item.report.preliminary && !s.excluded;
            let mut to_refine: Vec<usize> = scored
                .iter()
                .enumerate()
                .filter(|(_, s)| preliminary(s))
                .take(REFINE_TOP)
                .map(|(i, _)| i)
                .collect();
            let extra: Vec<usize> = scored
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    preliminary(s)
                        && also_full.contains(&s.item.vacancy_id)
                        && !to_refine.contains(i)
                })
                .map(|(i, _)| i)
                .collect();
            to_refine.extend(extra);
            let fulls = join_all(
                to_refine
                    .iter()
                    .map(|&i| self.api_vacancy(&scored[i].item.vacancy_id)),
            )
            .await;
            for (i, full) in to_refine.into_iter().zip(fulls) {
                // A vacancy hh.ru would not give keeps its preliminary score.
                let Ok(full) = full else { continue };
                let candidate = gathered
                    .candidates
                    .iter()
                    .find(|c| c.id == scored[i].item.vacancy_id);
                if let Some(candidate) = candidate {
                    scored[i] =
                        score_one(resume, candidate, Some(&full), None, &applied, &settings);
                }
            }
        }
        scored
    }

    pub(super) async fn recommendations(
        &self,
        filters: RecommendationFilters,
    ) -> Result<Response, UserError> {
        let Some(resume) = self.chosen_resume().await else {
            return Err(UserError::new(
                "no_resume",
                "Войдите через hh.ru в меню расширения и выберите резюме — тогда здесь будут рекомендации.",
            ));
        };
        let (gathered, fresh) = self.gather(&resume, filters.refresh).await?;
        let scored = self
            .score_candidates(&resume, &gathered, fresh, &BTreeSet::new())
            .await;
        let unseen = self.take_unseen_alerts().await;
        let mut areas = BTreeSet::new();
        let mut excluded = 0;
        let mut items = Vec::new();
        for Scored {
            mut item,
            salary,
            excluded: is_excluded,
        } in scored
        {
            if is_excluded {
                excluded += 1;
                continue;
            }
            if let Some(area) = &item.area {
                areas.insert(area.clone());
            }
            item.new = unseen.contains(&item.vacancy_id);
            if passes(&filters, &item, salary.as_ref()) {
                items.push(item);
            }
        }
        rank(&mut items);
        let recommendations = Recommendations {
            total: gathered.candidates.len() as u32 - excluded,
            excluded,
            items,
            channel: gathered.channel,
            notice: gathered.notice,
            gathered_at_ms: gathered.at_ms,
            areas: areas.into_iter().collect(),
            resume: Some(ResumeChoice {
                id: resume.stored.id.clone(),
                title: resume.stored.title.clone(),
            }),
        };
        Ok(Response::Recommendations {
            recommendations: Box::new(recommendations),
        })
    }
}

/// One candidate's recommendation: scored from the full vacancy when there is one (stored from the API, or
/// read from its page), else from the search item or card.
fn score_one(
    resume: &ChosenResume,
    candidate: &Candidate,
    full: Option<&Vacancy>,
    page_known: Option<&KnownVacancy>,
    applied: &BTreeSet<String>,
    settings: &Settings,
) -> Scored {
    let prepared = &resume.prepared;
    let (item, salary, text) = match &candidate.found {
        Found::Api(vacancy) => {
            let shown = full.unwrap_or(vacancy);
            let facts = VacancyFacts::from(shown);
            let report = match full {
                Some(_) => score_vacancy(prepared, &facts),
                None => {
                    let json = serde_json::to_value(vacancy.as_ref()).unwrap_or_default();
                    score_card(prepared, &CardFacts::from_search_item_json(&json))
                }
            };
            // The search item is fresh; a stored full vacancy may predate a reply.
            let relation = KnownVacancy::from_api(vacancy)
                .relation
                .or_else(|| full.and_then(|f| KnownVacancy::from_api(f).relation));
            let item = Recommendation {
                vacancy_id: candidate.id.clone(),
                name: facts.name.clone(),
                employer: facts.employer.clone().unwrap_or_default(),
                salary: facts.salary.as_ref().map(salary_text),
                area: facts.area_name.clone(),
                work_formats: facts.work_formats.clone(),
                url: shown
                    .alternate_url
                    .clone()
                    .unwrap_or_else(|| vacancy_url(&candidate.id)),
                report,
                sources: candidate.sources.clone(),
                applied: applied.contains(&candidate.id) || relation.is_some(),
                new: false,
                published_at: shown.published_at.clone(),
            };
            (item, facts.salary, search_item_text(shown))
        }
        Found::Card(card) => {
            let card_facts = card_facts(card);
            let (report, relation, salary) = match page_known {
                Some(known) => (
                    score_vacancy(prepared, &known.facts),
                    known.relation.clone(),
                    known.facts.salary.clone(),
                ),
                None => (score_card(prepared, &card_facts), None, None),
            };
            let salary = salary.or_else(|| {
                card_facts
                    .salary_text
                    .as_deref()
                    .and_then(parse_salary_text)
            });
            let item = Recommendation {
                vacancy_id: candidate.id.clone(),
                name: card.title.clone(),
                employer: card.employer.clone(),
                salary: salary.as_ref().map(salary_text),
                area: card_facts.area_name.clone(),
                work_formats: page_known
                    .map(|k| k.facts.work_formats.clone())
                    .unwrap_or_default(),
                url: vacancy_url(&candidate.id),
                report,
                sources: candidate.sources.clone(),
                applied: applied.contains(&candidate.id) || relation.is_some(),
                new: false,
                published_at: None,
            };
            (item, salary, format!("{} {}", card.title, card.text))
        }
    };
    let excluded = settings.excludes(&item.employer, &format!("{text} {}", item.employer));
    Scored {
        item,
        salary,
        excluded,
    }
}

impl<P: Platform> Agent<P> {
    /// The hh.ru id of an area named in the recent recommendations, for a saved search.
    pub(super) async fn area_id(&self, name: &str) -> Option<String> {
        let gathered: Gathered = self.load(keys::RECOMMENDATIONS).await?;
        let wanted = name.trim().to_lowercase();
        gathered.candidates.iter().find_map(|c| match &c.found {
            Found::Api(v) => v
                .area
                .as_ref()
                .filter(|a| a.name.as_deref().map(str::to_lowercase) == Some(wanted.clone()))
                .map(|a| a.id.clone()),
            Found::Card(_) => None,
        })
    }
}
