//! Alerts: a periodic, polite look for new vacancies in the user's saved searches and among the
//! recommendations above their threshold; each vacancy is announced once (a notification and the toolbar
//! badge), and a click on the notification opens it. All memory is in storage: a worker restart loses nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::vacancies::{card_facts, KnownVacancy};
use super::{keys, Agent, ChosenResume, Platform};
use crate::hh::models::Vacancy;
use crate::matching::facts::CardFacts;
use crate::matching::facts::VacancyFacts;
use crate::matching::score::{score_card, score_vacancy};
use crate::protocol::{AlertReport, Announcement, Channel, Response, UserError};

/// The alarm that runs the check.
pub const ALERTS_ALARM: &str = "hh-alerts";
/// Vacancies remembered as known (the oldest are forgotten first; hh.ru rarely shows them again).
const KNOWN_KEPT: usize = 3000;
/// New vacancies scored from the full vacancy per check, at most (the rest keep their search-item score).
const NEW_SCORED_FULL: usize = 20;
/// Announcements kept for the recommendations page.
const LOG_KEPT: usize = 50;
/// Notification links kept for clicks.
const LINKS_KEPT: usize = 50;
/// At most this many notifications one by one per check; the rest share one.
const NOTIFY_ONE_BY_ONE: usize = 5;
/// New vacancies read per saved search and check.
const NEW_PER_SAVED_SEARCH: u32 = 20;
/// Where a notification about several vacancies leads.
const RECOMMENDATIONS_PAGE: &str = "recommendations.html";
const NOTIFICATION_PREFIX: &str = "hh-alert-";

/// The alerts' memory in storage.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct AlertState {
    /// Set by the first check, which takes what already exists as known and announces nothing.
    pub started: bool,
    /// Vacancy id → when a check first found it (announced or not): only vacancies never found are news.
    pub known: BTreeMap<String, u64>,
    /// Newest first.
    pub log: Vec<Announcement>,
    /// Notification id → the page its click opens (oldest first).
    pub links: Vec<(String, String)>,
    /// Announced and not yet seen on the recommendations page: the badge counts them.
    pub unseen: BTreeSet<String>,
    pub last_check_ms: Option<u64>,
}

impl AlertState {
    fn remember(&mut self, vacancy_id: &str, at_ms: u64) {
        self.known.entry(vacancy_id.to_string()).or_insert(at_ms);
        while self.known.len() > KNOWN_KEPT {
            let Some(oldest) = self
                .known
                .iter()
                .min_by_key(|(_, at)| **at)
                .map(|(id, _)| id.clone())
            else {
                break;
            };
            self.known.remove(&oldest);
        }
    }

    fn link(&mut self, notification_id: String, url: String) {
        self.links.retain(|(id, _)| *id != notification_id);
        self.links.push((notification_id, url));
        let extra = self.links.len().saturating_sub(LINKS_KEPT);
        self.links.drain(..extra);
    }
}

impl<P: Platform> Agent<P> {
    async fn alert_state(&self) -> AlertState {
        self.load(keys::ALERTS).await.unwrap_or_default()
    }

    /// The alarm runs while alerts are on and the user is logged in, at the period they chose.
    pub(super) async fn schedule_alerts(&self) {
        let settings = self.settings().await;
        let logged_in = self
            .load::<crate::hh::oauth::Tokens>(keys::TOKENS)
            .await
            .is_some();
        // The page channel needs no token: a resume read from hh.ru's pages is enough.
        let has_resume = self.load::<Value>(keys::RESUME).await.is_some();
        let _ = if settings.alerts_enabled && (logged_in || has_resume) {
            self.platform
                .ensure_alarm(ALERTS_ALARM, settings.alert_interval_minutes)
                .await
        } else {
            self.platform.clear_alarm(ALERTS_ALARM).await
        };
    }

    /// The alarm fired: a check, unless one ran less than half a period ago (a restarted worker, a
    /// re-created alarm) — hh.ru is asked at most about as often as the user chose.
    pub(super) async fn alerts_alarm(&self) {
        let settings = self.settings().await;
        let last = self.alert_state().await.last_check_ms;
        let now = self.now_ms();
        let half_period = u64::from(settings.alert_interval_minutes) * 60_000 / 2;
        if last.is_some_and(|at| at <= now && now - at < half_period) {
            return;
        }
        let _ = self.check_alerts().await;
    }

    /// `CheckAlertsNow`, and the alarm's work: one check at a time.
    pub(super) async fn check_alerts(&self) -> Result<Response, UserError> {
        if self.alerts_running.replace(true) {
            return Ok(self
                .alert_report(Vec::new(), Some("Проверка уже идёт.".into()), Vec::new())
                .await);
        }
        let outcome = self.run_check().await;
        self.alerts_running.set(false);
        let (announced, skipped, problems) = outcome;
        Ok(self.alert_report(announced, skipped, problems).await)
    }

    pub(super) async fn alerts(&self) -> Result<Response, UserError> {
        Ok(self.alert_report(Vec::new(), None, Vec::new()).await)
    }

    async fn alert_report(
        &self,
        announced: Vec<Announcement>,
        skipped: Option<String>,
        problems: Vec<String>,
    ) -> Response {
        let state = self.alert_state().await;
        Response::Alerts {
            alerts: AlertReport {
                announced,
                recent: state.log,
                last_check_ms: state.last_check_ms,
                skipped,
                problems,
            },
        }
    }

    /// The check: what it announced, why it looked at nothing, and what went wrong on the way.
    async fn run_check(&self) -> (Vec<Announcement>, Option<String>, Vec<String>) {
        let settings = self.settings().await;
        if !settings.alerts_enabled {
            return (
                Vec::new(),
                Some("Уведомления выключены в настройках.".into()),
                Vec::new(),
            );
        }
        let Some(resume) = self.chosen_resume().await else {
            return (Vec::new(), Some("Не выбрано резюме.".into()), Vec::new());
        };
        let (channel, _) = self.channel().await;
        if channel == Channel::Api && !self.client().await.is_logged_in() {
            return (
                Vec::new(),
                Some("Вы не вошли через hh.ru.".into()),
                Vec::new(),
            );
        }
        let now = self.now_ms();
        // Remembered before asking: a failing hh.ru is not asked again at once.
        let mut state = self.alert_state().await;
        state.last_check_ms = Some(now);
        let _ = self.save(keys::ALERTS, &state).await;

        let mut problems = Vec::new();
        let mut found: Vec<Announcement> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        match self.gather(&resume, true).await {
            Ok((gathered, fresh)) => {
                // A vacancy never found before is scored in full: a search item's score may be far off.
                let unknown: BTreeSet<String> = gathered
                    .candidates
                    .iter()
                    .map(|c| c.id.clone())
                    .filter(|id| !state.known.contains_key(id))
                    .take(NEW_SCORED_FULL)
                    .collect();
                let unknown = if state.started {
                    unknown
                } else {
                    BTreeSet::new()
                };
                for scored in self
                    .score_candidates(&resume, &gathered, fresh, &unknown)
                    .await
                {
                    let item = scored.item;
                    seen.push(item.vacancy_id.clone());
                    if scored.excluded
                        || item.applied
                        || item.report.score < settings.alert_min_score
                    {
                        continue;
                    }
                    found.push(Announcement {
                        vacancy_id: item.vacancy_id,
                        name: item.name,
                        employer: item.employer,
                        score: Some(item.report.score),
                        source: "Рекомендации".into(),
                        url: item.url,
                        at_ms: now,
                    });
                }
            }
            Err(error) => problems.push(format!("Рекомендации: {}", error.message)),
        }
        let news = match channel {
            Channel::Api => self.saved_search_news(now).await,
            Channel::Pages => self.site_saved_search_news(&resume, now).await,
        };
        match news {
            Ok(news) => found.extend(news),
            Err(error) => problems.push(format!("Автопоиски: {}", error.message)),
        }

        // The check may have taken a while: another request may have changed the state meanwhile.
        let mut state = self.alert_state().await;
        state.last_check_ms = Some(now);
        let mut fresh: Vec<Announcement> = Vec::new();
        for announcement in found {
            let known = state.known.contains_key(&announcement.vacancy_id)
                || fresh
                    .iter()
                    .any(|a| a.vacancy_id == announcement.vacancy_id);
            if !known {
                fresh.push(announcement);
            }
        }
        // Found now, news or not: a vacancy that existed before never becomes news by a new score.
        for id in &seen {
            state.remember(id, now);
        }
        if !state.started {
            // The first check: what exists now is the starting point, not news.
            state.started = true;
            for announcement in &fresh {
                state.remember(&announcement.vacancy_id, now);
            }
            let _ = self.save(keys::ALERTS, &state).await;
            return (Vec::new(), None, problems);
        }
        for announcement in &fresh {
            state.remember(&announcement.vacancy_id, now);
            state.unseen.insert(announcement.vacancy_id.clone());
            state.log.insert(0, announcement.clone());
        }
        state.log.truncate(LOG_KEPT);
        let notifications = self.notifications(&fresh, &mut state);
        if self.save(keys::ALERTS, &state).await.is_err() {
            // Not remembered: announcing now would announce again next time.
            problems.push("Не удалось сохранить, о каких вакансиях уже сообщено.".into());
            return (Vec::new(), None, problems);
        }
        for (id, title, message) in notifications {
            if let Err(error) = self.platform.notify(&id, &title, &message).await {
                self.platform.warn(&format!("notification {id}: {error}"));
            }
        }
        self.show_badge().await;
        (fresh, None, problems)
    }

    /// New vacancies of the saved searches hh.ru counts new ones in (read without marking them seen).
    /// The page channel: the first page of each saved search with news on hh.ru's «Автопоиски», read as the
    /// user sees it; whether a card is news is decided by what the checks found before.
    async fn site_saved_search_news(
        &self,
        resume: &ChosenResume,
        now: u64,
    ) -> Result<Vec<Announcement>, UserError> {
        let settings = self.settings().await;
        let applied = self.applied_vacancies().await;
        let mut found = Vec::new();
        for search in self.site_saved_searches().await? {
            if search.new_count == 0 {
                continue;
            }
            let path = search.url.trim_start_matches("https://hh.ru");
            for card in self.site_search_cards(path).await? {
                let facts = card_facts(&card);
                if settings.excludes(&card.employer, &card.text)
                    || applied.contains(&card.vacancy_id)
                {
                    continue;
                }
                found.push(Announcement {
                    url: format!("https://hh.ru/vacancy/{}", card.vacancy_id),
                    score: Some(score_card(&resume.prepared, &facts).score),
                    vacancy_id: card.vacancy_id,
                    name: card.title,
                    employer: card.employer,
                    source: search.name.clone(),
                    at_ms: now,
                });
            }
        }
        Ok(found)
    }

    async fn saved_search_news(&self, now: u64) -> Result<Vec<Announcement>, UserError> {
        let searches = self.saved_search_list().await?;
        let resume = self.chosen_resume().await;
        let settings = self.settings().await;
        let applied = self.applied_vacancies().await;
        let client = self.client().await;
        let mut found = Vec::new();
        for search in searches {
            let new_items = search.new_items.as_ref();
            let Some(link) = new_items
                .filter(|n| n.count.unwrap_or(0) > 0)
                .and_then(|n| n.url.clone())
            else {
                continue;
            };
            let page = client
                .search_vacancies_from_link(&link, NEW_PER_SAVED_SEARCH)
                .await
                .map_err(|e| self.user_error(&e))?;
            for vacancy in page.items {
                let employer = vacancy
                    .employer
                    .as_ref()
                    .and_then(|e| e.name.clone())
                    .unwrap_or_default();
                let text = format!(
                    "{} {}",
                    vacancy.name.clone().unwrap_or_default(),
                    vacancy
                        .snippet
                        .as_ref()
                        .and_then(|s| s.requirement.clone())
                        .unwrap_or_default()
                );
                let relation = KnownVacancy::from_api(&vacancy).relation;
                if settings.excludes(&employer, &format!("{text} {employer}"))
                    || applied.contains(&vacancy.id)
                    || relation.is_some()
                {
                    continue;
                }
                let score = match &resume {
                    Some(resume) => Some(self.quick_score(&resume.prepared, &vacancy).await),
                    None => None,
                };
                found.push(Announcement {
                    url: vacancy
                        .alternate_url
                        .clone()
                        .unwrap_or_else(|| format!("https://hh.ru/vacancy/{}", vacancy.id)),
                    vacancy_id: vacancy.id,
                    name: vacancy.name.unwrap_or_default(),
                    employer,
                    score,
                    source: search.name.clone().unwrap_or_else(|| "Автопоиск".into()),
                    at_ms: now,
                });
            }
        }
        Ok(found)
    }

    /// The full score when the vacancy is stored, else the one from its search item.
    async fn quick_score(
        &self,
        resume: &crate::matching::score::PreparedResume,
        vacancy: &Vacancy,
    ) -> u8 {
        match self.stored_vacancy(&vacancy.id).await {
            Some(full) => score_vacancy(resume, &VacancyFacts::from(&full)).score,
            None => {
                let json = serde_json::to_value(vacancy).unwrap_or_default();
                score_card(resume, &CardFacts::from_search_item_json(&json)).score
            }
        }
    }

    /// The notifications for these announcements (id, title, text), their click links remembered.
    fn notifications(
        &self,
        fresh: &[Announcement],
        state: &mut AlertState,
    ) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for announcement in fresh.iter().take(NOTIFY_ONE_BY_ONE) {
            let id = format!("{NOTIFICATION_PREFIX}{}", announcement.vacancy_id);
            let title = match announcement.score {
                Some(score) => format!("Новая вакансия · {score}"),
                None => "Новая вакансия".to_string(),
            };
            let employer = if announcement.employer.is_empty() {
                String::new()
            } else {
                format!(" — {}", announcement.employer)
            };
            let message = format!("{}{employer}\n{}", announcement.name, announcement.source);
            state.link(id.clone(), announcement.url.clone());
            out.push((id, title, message));
        }
        let rest = fresh.len().saturating_sub(NOTIFY_ONE_BY_ONE);
        if rest > 0 {
            let id = format!("{NOTIFICATION_PREFIX}more-{}", self.now_ms());
            state.link(id.clone(), RECOMMENDATIONS_PAGE.into());
            out.push((
                id,
                format!("Ещё новых вакансий: {rest}"),
                "Откройте рекомендации HH Job Agent, чтобы увидеть их все.".into(),
            ));
        }
        out
    }

    /// A click on one of our notifications: its vacancy (or the recommendations page) opens in a tab.
    pub async fn handle_notification_click(&self, notification_id: &str) {
        let state = self.alert_state().await;
        let Some((_, url)) = state.links.iter().find(|(id, _)| id == notification_id) else {
            return;
        };
        if let Err(error) = self.platform.open_tab(url).await {
            self.platform.warn(&format!("open {url}: {error}"));
        }
    }

    /// The recommendations page was opened: announced vacancies are seen; the badge drops them.
    pub(super) async fn take_unseen_alerts(&self) -> BTreeSet<String> {
        let mut state = self.alert_state().await;
        if state.unseen.is_empty() {
            return BTreeSet::new();
        }
        let unseen = std::mem::take(&mut state.unseen);
        if self.save(keys::ALERTS, &state).await.is_ok() {
            self.show_badge().await;
        }
        unseen
    }

    /// The toolbar badge: replies with employer news plus announced vacancies not yet seen.
    pub(super) async fn show_badge(&self) {
        let updates: u32 = self.load(keys::UPDATES).await.unwrap_or(0);
        let unseen = self.alert_state().await.unseen.len() as u32;
        let _ = self
            .platform
            .set_badge(&super::account::badge_text(updates + unseen))
            .await;
    }
}
