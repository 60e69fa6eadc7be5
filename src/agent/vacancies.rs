//! Vacancies in the agent: from the API or from the page, the overlay's view, drafts, and the search-card badges.

use std::collections::BTreeMap;

use super::reply::{relation_of_state, reply_blocked};
use super::{keys, Agent, Platform};
use crate::hh::models::Vacancy;
use crate::letters::{self, LetterFacts, LetterLanguage};
use crate::matching::facts::{CardFacts, VacancyFacts};
use crate::matching::report::MatchReport;
use crate::matching::score::score_vacancy;
use crate::pages::vacancy_page;
use crate::protocol::{
    CardBadge, CardDisplay, Channel, PageCard, PageVacancy, Response, ResumeChoice, UserError,
    VacancyView,
};
use crate::settings::Settings;
use serde::{Deserialize, Serialize};

/// How many page-read vacancies and drafts are kept.
const PAGE_VACANCIES_KEPT: usize = 100;
const DRAFTS_KEPT: usize = 300;
/// The overlay reads hh.ru's resume pages again at most this often while no resume could be read.
const SITE_READ_EVERY_MS: u64 = 60_000;

/// A vacancy as the agent knows it, from either channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnownVacancy {
    pub facts: VacancyFacts,
    pub letter_required: bool,
    pub test_required: bool,
    pub archived: bool,
    /// `got_response`, `got_invitation`, `got_rejection` when the user already has one.
    pub relation: Option<String>,
    /// Where a `direct` vacancy takes replies (the employer's site).
    pub direct_url: Option<String>,
}

impl KnownVacancy {
    pub fn from_api(vacancy: &Vacancy) -> KnownVacancy {
        let json = serde_json::to_value(vacancy).unwrap_or_default();
        let relation = ["got_invitation", "got_rejection", "got_response"]
            .into_iter()
            .find(|r| vacancy.relations.iter().any(|have| have == r))
            .map(str::to_string);
        KnownVacancy {
            facts: VacancyFacts::from_api_json(&json),
            letter_required: vacancy.response_letter_required.unwrap_or(false),
            test_required: vacancy.test_required(),
            archived: vacancy.archived.unwrap_or(false),
            relation,
            direct_url: vacancy
                .is_direct()
                .then(|| vacancy.response_url.clone())
                .flatten(),
        }
    }

    fn from_page(data: vacancy_page::PageVacancyData) -> KnownVacancy {
        KnownVacancy {
            letter_required: data.letter_required,
            test_required: data.test_required,
            archived: data.archived,
            relation: data.already_applied.then(|| "got_response".to_string()),
            facts: data.facts,
            direct_url: None,
        }
    }
}

/// Label of a relation in the overlay and the badge tooltip.
pub fn relation_text(relation: &str) -> &str {
    match relation {
        "got_invitation" => "Вас пригласили",
        "got_rejection" => "Отказ",
        "got_response" => "Вы уже откликнулись",
        other => other,
    }
}

impl<P: Platform> Agent<P> {
    /// A content script read a vacancy page: keep it, so the overlay can show it at once.
    pub(super) async fn remember_page(&self, page: PageVacancy) -> Result<Response, UserError> {
        let mut known = KnownVacancy::from_page(
            vacancy_page::read(&page).map_err(|m| UserError::new("page_not_recognised", m))?,
        );
        // A page never says that replies go to the employer's site; a refused reply taught us that.
        known.direct_url = self
            .page_vacancies
            .borrow()
            .get(&page.vacancy_id)
            .and_then(|before| before.direct_url.clone());
        // In memory before any await: the overlay's first question may come right behind this message.
        self.page_vacancies
            .borrow_mut()
            .insert(page.vacancy_id.clone(), known.clone());
        let mut stored: BTreeMap<String, KnownVacancy> =
            self.load(keys::PAGE_VACANCIES).await.unwrap_or_default();
        if let Some(url) = stored
            .get(&page.vacancy_id)
            .and_then(|b| b.direct_url.clone())
        {
            known.direct_url.get_or_insert(url);
            if let Some(in_memory) = self.page_vacancies.borrow_mut().get_mut(&page.vacancy_id) {
                in_memory.direct_url = known.direct_url.clone();
            }
        }
        stored.insert(page.vacancy_id, known);
        while stored.len() > PAGE_VACANCIES_KEPT {
            let Some(oldest) = stored.keys().next().cloned() else {
                break;
            };
            stored.remove(&oldest);
        }
        self.save(keys::PAGE_VACANCIES, &stored).await?;
        Ok(Response::Ok)
    }

    /// The vacancy from the page the user is on, else from the API (cache first).
    pub(super) async fn known_vacancy(&self, vacancy_id: &str) -> Result<KnownVacancy, UserError> {
        if let Some(known) = self.page_vacancies.borrow().get(vacancy_id) {
            return Ok(known.clone());
        }
        let stored: BTreeMap<String, KnownVacancy> =
            self.load(keys::PAGE_VACANCIES).await.unwrap_or_default();
        if let Some(known) = stored.get(vacancy_id) {
            return Ok(known.clone());
        }
        Ok(KnownVacancy::from_api(&self.api_vacancy(vacancy_id).await?))
    }

    /// Changes what is known of a vacancy read from a page (memory and storage), e.g. once the user replied.
    pub(super) async fn update_known(&self, vacancy_id: &str, change: impl Fn(&mut KnownVacancy)) {
        if let Some(known) = self.page_vacancies.borrow_mut().get_mut(vacancy_id) {
            change(known);
        }
        let mut stored: BTreeMap<String, KnownVacancy> =
            self.load(keys::PAGE_VACANCIES).await.unwrap_or_default();
        if let Some(known) = stored.get_mut(vacancy_id) {
            change(known);
            let _ = self.save(keys::PAGE_VACANCIES, &stored).await;
        }
    }

    /// A page only says «already applied»; hh.ru's list of replies says whether it became an invitation or a
    /// rejection. Without the API the page's word stands.
    async fn current_relation(&self, vacancy_id: &str, relation: Option<String>) -> Option<String> {
        let relation = relation?;
        if relation != "got_response" || self.channel().await.0 != Channel::Api {
            return Some(relation);
        }
        let client = self.client().await;
        if !client.is_logged_in() {
            return Some(relation);
        }
        match self.reply_to(&client, vacancy_id).await {
            Ok(Some((_, state))) => Some(relation_of_state(&state).to_string()),
            _ => Some(relation),
        }
    }

    pub(super) async fn vacancy_view(&self, vacancy_id: &str) -> Result<Response, UserError> {
        let collapsed = self.load(keys::OVERLAY_COLLAPSED).await.unwrap_or(false);
        let mut resume = self.chosen_resume().await;
        if resume.is_none() && self.channel().await.0 == Channel::Pages {
            // The page channel reads the resume from hh.ru's pages the first time it is needed.
            self.sync_site(false, SITE_READ_EVERY_MS).await;
            resume = self.chosen_resume().await;
        }
        let mut view = VacancyView {
            vacancy_id: vacancy_id.to_string(),
            name: String::new(),
            employer: String::new(),
            report: None,
            resume: resume.as_ref().map(|r| ResumeChoice {
                id: r.stored.id.clone(),
                title: r.stored.title.clone(),
            }),
            letter: String::new(),
            letter_required: false,
            relation: None,
            collapsed,
            notice: None,
            reply_blocked: None,
        };
        let known = match self.known_vacancy(vacancy_id).await {
            Ok(known) => known,
            Err(error) => {
                view.notice = Some(error.message);
                return Ok(Response::VacancyView {
                    view: Box::new(view),
                });
            }
        };
        view.name = known.facts.name.clone();
        view.employer = known.facts.employer.clone().unwrap_or_default();
        view.letter_required = known.letter_required;
        view.relation = self
            .current_relation(vacancy_id, known.relation.clone())
            .await;
        view.reply_blocked = reply_blocked(&known, vacancy_id);
        if self.channel().await.0 == Channel::Pages {
            // The page channel replies through hh.ru's own form, which also takes the employer's questions.
            view.reply_blocked = view.reply_blocked.filter(|e| e.code != "test_required");
        }
        match &resume {
            Some(resume) => {
                let report = score_vacancy(&resume.prepared, &known.facts);
                view.letter = match self.draft(vacancy_id).await {
                    Some(draft) => draft,
                    None => self.default_letter(&known, &report, &resume.stored).await,
                };
                view.report = Some(report);
            }
            None => view.notice = Some("Войдите через hh.ru в меню расширения и выберите резюме — тогда здесь будет оценка.".into()),
        }
        Ok(Response::VacancyView {
            view: Box::new(view),
        })
    }

    async fn default_letter(
        &self,
        known: &KnownVacancy,
        report: &MatchReport,
        resume: &super::StoredResume,
    ) -> String {
        let settings = self.settings().await;
        // Tags are Latin letters too: only the words count.
        let language = LetterLanguage::of_vacancy(&format!(
            "{} {}",
            known.facts.name,
            letters::strip_tags(&known.facts.description_html)
        ));
        let template = match settings.letter_template.trim() {
            "" => letters::default_template(language),
            own => own,
        };
        let facts = LetterFacts {
            vacancy: known.facts.name.clone(),
            company: known.facts.employer.clone().unwrap_or_default(),
            first_name: resume.first_name.clone(),
            resume_title: resume.title.clone(),
            matched_skills: report.matched_skills.clone(),
            experience_years: resume.facts.total_experience_months.map(|m| m / 12),
        };
        letters::render(template, &facts, language)
    }

    async fn draft(&self, vacancy_id: &str) -> Option<String> {
        let drafts: BTreeMap<String, String> = self.load(keys::DRAFTS).await?;
        drafts.get(vacancy_id).cloned()
    }

    pub(super) async fn save_draft(
        &self,
        vacancy_id: &str,
        letter: String,
    ) -> Result<Response, UserError> {
        let mut drafts: BTreeMap<String, String> =
            self.load(keys::DRAFTS).await.unwrap_or_default();
        drafts.insert(vacancy_id.to_string(), letter);
        while drafts.len() > DRAFTS_KEPT {
            let Some(oldest) = drafts.keys().next().cloned() else {
                break;
            };
            drafts.remove(&oldest);
        }
        self.save(keys::DRAFTS, &drafts).await?;
        Ok(Response::Ok)
    }

    pub(super) async fn forget_draft(&self, vacancy_id: &str) -> Result<(), UserError> {
        let mut drafts: BTreeMap<String, String> =
            self.load(keys::DRAFTS).await.unwrap_or_default();
        if drafts.remove(vacancy_id).is_some() {
            self.save(keys::DRAFTS, &drafts).await?;
        }
        Ok(())
    }
}

/// What a card's text says, for matching.
pub fn card_facts(card: &PageCard) -> CardFacts {
    // hh.ru's card salary has no data-qa since 2025: it is the line with a currency sign.
    let salary_text = card
        .text
        .lines()
        .find(|line| ['₽', '$', '€', '₸'].iter().any(|c| line.contains(*c)))
        .map(str::to_string);
    CardFacts {
        id: card.vacancy_id.clone(),
        title: card.title.clone(),
        snippet: card.text.clone(),
        salary_text,
        employer: Some(card.employer.clone()).filter(|e| !e.is_empty()),
        experience: Some(card.experience.clone()).filter(|e| !e.is_empty()),
        area_name: Some(card.address.clone()).filter(|a| !a.is_empty()),
        ..CardFacts::default()
    }
}

/// The badge for one card: score, reasons, and how the user's settings want the card shown.
pub fn badge(
    card: &PageCard,
    report: &MatchReport,
    applied: bool,
    settings: &Settings,
) -> CardBadge {
    let mut tooltip = report.summary.clone();
    if !report.matched_skills.is_empty() {
        tooltip.push_str(&format!(
            "\nЕсть: {}",
            report
                .matched_skills
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !report.missing_skills.is_empty() {
        tooltip.push_str(&format!(
            "\nНе хватает: {}",
            report
                .missing_skills
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if report.preliminary {
        tooltip.push_str("\nПредварительно: по тексту карточки.");
    }
    if applied {
        tooltip.push_str("\nВы уже откликнулись.");
    }
    let haystack = format!("{} {} {}", card.title, card.employer, card.text);
    let excluded = settings.excludes(&card.employer, &haystack);
    let below = report.score < settings.score_threshold;
    let display = match (excluded, below, settings.hide_below_threshold) {
        (true, _, _) | (false, true, true) => CardDisplay::Hidden,
        (false, true, false) => CardDisplay::Dimmed,
        _ => CardDisplay::Normal,
    };
    CardBadge {
        vacancy_id: card.vacancy_id.clone(),
        score: report.score,
        preliminary: report.preliminary,
        label: if applied {
            format!("✓ {}", report.score)
        } else {
            report.score.to_string()
        },
        tooltip,
        applied,
        display,
    }
}
