//! The user's account in the agent: login through hh.ru's consent page, logout, the resume choice and its raise,
//! the popup's status (quota reconciled with hh.ru), recent replies, the reply funnel and the toolbar badge.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::site_account::page_reply_summary;
use super::{keys, Agent, ChosenResume, Client, Platform, StoredResume};
use crate::hh::error::HhError;
use crate::hh::ledger::{parse_hh_time_ms, DAY_MS, HARD_CAP};
use crate::hh::models::{Negotiation, Page, Resume};
use crate::hh::oauth::Tokens;
use crate::hh::request::{NegotiationsParams, OAuthApp};
use crate::matching::facts::ResumeFacts;
use crate::matching::facts::{salary_text, SalaryRange};
use crate::matching::score::{score_vacancy, PreparedResume};
use crate::protocol::{
    Channel, Funnel, FunnelBand, FunnelCounts, Profile, Quota, ReplySummary, Response,
    ResumeChoice, ResumeRaise, Status, UserError,
};
use serde::{Deserialize, Serialize};

/// Who is logged in and which resumes they have, as last read from hh.ru.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub first_name: String,
    pub resumes: Vec<ResumeChoice>,
    pub chosen: Option<String>,
    /// What the popup and the options page show per resume, by resume id.
    #[serde(default)]
    pub details: BTreeMap<String, ResumeDetails>,
}

/// A resume's raise times and current employer, as last read from hh.ru.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResumeDetails {
    pub next_publish_at: Option<String>,
    pub can_publish: Option<bool>,
    /// The company of the job without an end date.
    pub current_employer: Option<String>,
}

impl ResumeDetails {
    fn of(resume: &Resume) -> Self {
        ResumeDetails {
            next_publish_at: resume.next_publish_at.clone(),
            can_publish: resume.can_publish_or_update,
            current_employer: resume
                .experience
                .iter()
                .find(|job| job.end.is_none())
                .and_then(|job| job.company.clone())
                .map(|company| company.trim().to_string())
                .filter(|company| !company.is_empty()),
        }
    }

    /// Whether and when the resume can be raised, as of `now_ms`.
    fn raise(&self, resume_id: &str, now_ms: u64) -> Option<ResumeRaise> {
        let next = self.next_publish_at.as_deref().and_then(parse_hh_time_ms);
        let available = match next {
            Some(at) => at <= now_ms,
            None => self.can_publish?,
        };
        Some(ResumeRaise {
            resume_id: resume_id.to_string(),
            next_at_ms: next.filter(|&at| at > now_ms).map(|at| at as i64),
            available,
        })
    }
}

const RECENT_REPLIES: u32 = 20;
/// The alarm that counts replies with employer news for the toolbar badge.
pub const UPDATES_ALARM: &str = "hh-updates";
const UPDATES_EVERY_MINUTES: u32 = 30;
/// The quota is reconciled with hh.ru at most this often on its own (the refresh button always does).
const RECONCILE_EVERY_MS: u64 = 5 * 60 * 1000;
const FUNNEL_DAYS: u32 = 30;
/// The funnel reads at most this many pages of 100 replies.
const FUNNEL_MAX_PAGES: u32 = 5;

impl<P: Platform> Agent<P> {
    pub(super) async fn login(&self) -> Result<Response, UserError> {
        let settings = self.settings().await;
        if !settings.app_configured() {
            return Err(UserError::new(
                "app_not_configured",
                "Сначала укажите Client ID и Client Secret вашего приложения hh.ru в настройках.",
            ));
        }
        let app = OAuthApp {
            client_id: settings.client_id.trim().to_string(),
            client_secret: settings.client_secret.trim().to_string(),
            redirect_uri: self.platform.redirect_url(),
        };
        let client = self.client().await;
        let pending = client.begin_login(&app);
        let redirect = self
            .platform
            .launch_auth_flow(&pending.url)
            .await
            .map_err(|e| UserError::new("login_cancelled", format!("Вход не завершён: {e}")))?;
        client
            .complete_login(&app, &pending.state, &redirect)
            .await
            .map_err(|e| self.user_error(&e))?;
        // A fresh login tries the API again, even if it refused an earlier token.
        self.remove(keys::API_REFUSED).await?;
        self.flush().await;
        self.refresh_account().await;
        self.reconcile_quota(true).await;
        let _ = self.count_updates().await;
        let _ = self
            .platform
            .ensure_alarm(UPDATES_ALARM, UPDATES_EVERY_MINUTES)
            .await;
        self.schedule_alerts().await;
        self.status().await
    }

    /// The popup's refresh: the account, the quota and the badge read from hh.ru now.
    pub(super) async fn refresh(&self) -> Result<Response, UserError> {
        if self.client().await.is_logged_in() {
            if self.load(keys::API_REFUSED).await == Some(true) {
                // The API channel is used again as soon as it works: ask once more with a fresh client.
                self.remove(keys::API_REFUSED).await?;
                self.client.replace(None);
            }
            self.refresh_account().await;
            self.reconcile_quota(true).await;
            let _ = self.count_updates().await;
            self.flush().await;
        }
        if self.channel().await.0 == Channel::Pages {
            self.sync_site(true, RECONCILE_EVERY_MS).await;
        }
        self.status().await
    }

    /// Merges the replies hh.ru lists (made here or elsewhere) into the ledger; `force` skips the interval.
    async fn reconcile_quota(&self, force: bool) {
        let client = self.client().await;
        if !client.is_logged_in() || self.channel().await.0 != Channel::Api {
            return;
        }
        let now = self.now_ms();
        let last: u64 = self.load(keys::LEDGER_RECONCILED_AT).await.unwrap_or(0);
        let recent = last <= now && now - last < RECONCILE_EVERY_MS;
        if recent && !force {
            return;
        }
        // Remembered before asking, so a failing hh.ru is not asked again on every status.
        let _ = self.save(keys::LEDGER_RECONCILED_AT, &now).await;
        // On failure the local count stands; the recent replies show the error.
        let _ = client.reconcile_ledger().await;
    }

    /// Counts the replies with employer news and puts the number on the toolbar icon.
    async fn count_updates(&self) -> Result<u32, UserError> {
        let client = self.client().await;
        if !client.is_logged_in() || self.channel().await.0 != Channel::Api {
            return Ok(0);
        }
        let page = self.latest_negotiations(&client, 100).await?;
        let count = page
            .items
            .iter()
            .filter(|n| n.has_updates == Some(true))
            .count() as u32;
        self.save(keys::UPDATES, &count).await?;
        self.show_badge().await;
        Ok(count)
    }

    /// A `chrome.alarms` event: the badge (and, politely, the quota) brought up to date.
    pub async fn handle_alarm(&self, name: &str) {
        if name == super::ALERTS_ALARM {
            self.alerts_alarm().await;
            self.flush().await;
            return;
        }
        if name != UPDATES_ALARM {
            return;
        }
        if self.client().await.is_logged_in() {
            let _ = self.count_updates().await;
            self.reconcile_quota(false).await;
        }
        self.flush().await;
    }

    /// The worker started: a logged-in user gets the badge alarm (an existing one keeps its schedule).
    /// Reads only the stored tokens: this runs beside the first request, which may be saving settings,
    /// and must not build (or cache) anything from storage it could read half-way through a change.
    pub async fn on_startup(&self) {
        if self.load::<Tokens>(keys::TOKENS).await.is_some() {
            let _ = self
                .platform
                .ensure_alarm(UPDATES_ALARM, UPDATES_EVERY_MINUTES)
                .await;
        }
        self.schedule_alerts().await;
    }

    pub(super) async fn logout(&self) -> Result<Response, UserError> {
        let client = self.client().await;
        // hh.ru may be unreachable: the local tokens go in any case.
        let revoked = client.logout().await;
        self.forget_session().await?;
        for key in [
            keys::UPDATES,
            keys::LEDGER_RECONCILED_AT,
            keys::ALERTS,
            keys::RECOMMENDATIONS,
        ] {
            self.remove(key).await?;
        }
        let _ = self.platform.set_badge("").await;
        self.dirty.set(Default::default());
        self.schedule_alerts().await;
        if let Err(error) = revoked {
            if !matches!(error, HhError::NotLoggedIn) && !error.ends_session() {
                return Err(UserError::new(
                    "logout_partial",
                    "Вы вышли, но hh.ru не подтвердил отзыв токена: он истечёт сам.",
                ));
            }
        }
        self.status().await
    }

    /// Reads the user and their resumes from hh.ru; a refusal of applicant access only switches the channel.
    async fn refresh_account(&self) {
        let client = self.client().await;
        let mut account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        if let Ok(me) = client.me().await {
            account.first_name = me.first_name.clone().unwrap_or_default();
            account.name = [me.first_name, me.last_name]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
        }
        if let Ok(page) = client.resumes_mine().await {
            account.resumes = page
                .items
                .iter()
                .map(|r| ResumeChoice {
                    id: r.id.clone(),
                    title: r.title.clone().unwrap_or_else(|| "Без названия".into()),
                })
                .collect();
            account.details = page
                .items
                .iter()
                .map(|r| (r.id.clone(), ResumeDetails::of(r)))
                .collect();
        }
        let keep = account
            .chosen
            .as_ref()
            .filter(|id| account.resumes.iter().any(|r| &r.id == *id))
            .cloned();
        account.chosen = keep.or_else(|| account.resumes.first().map(|r| r.id.clone()));
        let _ = self.save(keys::ACCOUNT, &account).await;
        if let Some(id) = account.chosen.clone() {
            let _ = self.load_resume(&id, &mut account).await;
        }
    }

    pub(super) async fn choose_resume(&self, resume_id: &str) -> Result<Response, UserError> {
        let mut account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        if !account.resumes.iter().any(|r| r.id == resume_id) {
            return Err(UserError::new(
                "unknown_resume",
                "Такого резюме нет в вашем аккаунте hh.ru.",
            ));
        }
        match self.channel().await.0 {
            Channel::Api => self.load_resume(resume_id, &mut account).await?,
            Channel::Pages => self.read_site_resume(resume_id, &mut account).await?,
        }
        account.chosen = Some(resume_id.to_string());
        self.save(keys::ACCOUNT, &account).await?;
        self.status().await
    }

    /// Raises the resume in hh.ru's search; hh.ru allows it once every few hours.
    pub(super) async fn publish_resume(&self, resume_id: &str) -> Result<Response, UserError> {
        let mut account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        if !account.resumes.iter().any(|r| r.id == resume_id) {
            return Err(UserError::new(
                "unknown_resume",
                "Такого резюме нет в вашем аккаунте hh.ru.",
            ));
        }
        let client = self.client().await;
        let published = client.publish_resume(resume_id).await;
        // Either way hh.ru now knows the next allowed time: read it for the popup.
        if let Ok(resume) = client.resume(resume_id).await {
            account
                .details
                .insert(resume_id.to_string(), ResumeDetails::of(&resume));
            self.save(keys::ACCOUNT, &account).await?;
        }
        published.map_err(|e| self.publish_error(&e))?;
        self.status().await
    }

    fn publish_error(&self, error: &HhError) -> UserError {
        match error {
            HhError::RateLimited { .. } => UserError::new(
                "touch_limit_exceeded",
                "hh.ru разрешает поднимать резюме не чаще раза в 4 часа. Когда можно снова — указано ниже.",
            ),
            HhError::Api { status: 400, .. } => UserError::new(
                "resume_not_publishable",
                "hh.ru не может поднять это резюме: заполните обязательные поля или дождитесь проверки модератором.",
            ),
            HhError::NotFound => UserError::new(
                "resume_not_found",
                "Резюме не найдено на hh.ru: возможно, оно удалено или скрыто.",
            ),
            other => self.user_error(other),
        }
    }

    async fn load_resume(&self, resume_id: &str, account: &mut Account) -> Result<(), UserError> {
        let resume = self
            .client()
            .await
            .resume(resume_id)
            .await
            .map_err(|e| self.user_error(&e))?;
        account
            .details
            .insert(resume.id.clone(), ResumeDetails::of(&resume));
        let stored = StoredResume {
            id: resume.id.clone(),
            title: resume.title.clone().unwrap_or_default(),
            first_name: account.first_name.clone(),
            facts: ResumeFacts::from_api_json(&serde_json::to_value(&resume).unwrap_or_default()),
        };
        self.save(keys::RESUME, &stored).await?;
        self.resume.replace(None);
        Ok(())
    }

    /// The chosen resume, prepared for scoring once per worker life.
    pub(super) async fn chosen_resume(&self) -> Option<Rc<ChosenResume>> {
        if let Some(resume) = self.resume.borrow().as_ref() {
            return Some(resume.clone());
        }
        let mut stored: StoredResume = self.load(keys::RESUME).await?;
        let edits: BTreeMap<String, Vec<String>> =
            self.load(keys::SKILL_EDITS).await.unwrap_or_default();
        if let Some(skills) = edits.get(&stored.id) {
            stored.facts.skills = skills.clone();
        }
        let prepared = PreparedResume::new(&stored.facts, &self.aliases);
        let chosen = Rc::new(ChosenResume { stored, prepared });
        self.resume.replace(Some(chosen.clone()));
        Some(chosen)
    }

    pub(super) async fn status(&self) -> Result<Response, UserError> {
        let (channel, channel_reason) = self.channel().await;
        match channel {
            Channel::Api => self.reconcile_quota(false).await,
            Channel::Pages => self.sync_site(false, RECONCILE_EVERY_MS).await,
        }
        let settings = self.settings().await;
        let client = self.client().await;
        let account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        let now = self.now_ms();
        let ledger = client.ledger();
        let next_at_ms = match ledger.check(now) {
            Err(HhError::ReplyQuotaReached {
                next_possible_at_ms,
                ..
            }) => Some(next_possible_at_ms as i64),
            _ => None,
        };
        let logged_in = client.is_logged_in();
        // The page channel knows the account from hh.ru's pages, with or without a token.
        let knows_account = logged_in || channel == Channel::Pages;
        if logged_in {
            // Cheap, and brings the alarm back should the browser have lost it.
            let _ = self
                .platform
                .ensure_alarm(UPDATES_ALARM, UPDATES_EVERY_MINUTES)
                .await;
        }
        let chosen_details = account
            .chosen
            .as_ref()
            .filter(|_| logged_in)
            .and_then(|id| Some((id.clone(), account.details.get(id)?.clone())));
        let user_cap = settings.effective_daily_cap();
        let status = Status {
            logged_in,
            app_configured: settings.app_configured(),
            channel,
            channel_reason,
            user_name: Some(account.name.clone()).filter(|n| knows_account && !n.is_empty()),
            resumes: if knows_account {
                account.resumes
            } else {
                Vec::new()
            },
            chosen_resume: account.chosen.filter(|_| knows_account),
            quota: Quota {
                used: ledger.count_in_window(now),
                limit: ledger.cap(),
                user_cap: (user_cap < HARD_CAP).then_some(user_cap),
                next_at_ms,
            },
            redirect_url: self.platform.redirect_url(),
            raise: chosen_details
                .as_ref()
                .and_then(|(id, details)| details.raise(id, now)),
            current_employer: chosen_details.and_then(|(_, details)| details.current_employer),
            updates: if logged_in {
                self.load(keys::UPDATES).await.unwrap_or(0)
            } else {
                0
            },
            page_problems: self.page_problems().await,
            site_problem: match channel {
                Channel::Pages => self.load(keys::SITE_PROBLEM).await,
                Channel::Api => None,
            },
            profile: match knows_account {
                true => self.profile().await,
                false => None,
            },
        };
        Ok(Response::Status {
            status: Box::new(status),
        })
    }

    /// The chosen resume as matching sees it, for the popup.
    async fn profile(&self) -> Option<Profile> {
        let resume = self.chosen_resume().await?;
        let edits: BTreeMap<String, Vec<String>> =
            self.load(keys::SKILL_EDITS).await.unwrap_or_default();
        let facts = &resume.stored.facts;
        Some(Profile {
            resume_id: resume.stored.id.clone(),
            title: resume.stored.title.clone(),
            skills: facts.skills.clone(),
            skills_edited: edits.contains_key(&resume.stored.id),
            experience_months: facts.total_experience_months,
            area: facts.area_name.clone(),
            salary: facts.salary.as_ref().map(|money| {
                salary_text(&SalaryRange {
                    from: Some(money.amount),
                    to: Some(money.amount),
                    currency: money.currency.clone(),
                    gross: None,
                })
            }),
        })
    }

    /// The user's own key skills for a resume, or back to the resume's (`None`).
    pub(super) async fn save_skills(
        &self,
        resume_id: &str,
        skills: Option<Vec<String>>,
    ) -> Result<Response, UserError> {
        let mut edits: BTreeMap<String, Vec<String>> =
            self.load(keys::SKILL_EDITS).await.unwrap_or_default();
        match skills {
            Some(skills) => {
                let mut clean: Vec<String> = Vec::new();
                for skill in skills.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                    if !clean
                        .iter()
                        .any(|have| have.to_lowercase() == skill.to_lowercase())
                    {
                        clean.push(skill.chars().take(100).collect());
                    }
                }
                if clean.is_empty() {
                    return Err(UserError::new(
                        "skills_empty",
                        "Укажите хотя бы один навык или верните навыки из резюме.",
                    ));
                }
                edits.insert(resume_id.to_string(), clean);
            }
            None => {
                edits.remove(resume_id);
            }
        }
        self.save(keys::SKILL_EDITS, &edits).await?;
        // Scored anew with the new skills.
        self.resume.replace(None);
        self.status().await
    }

    pub(super) async fn recent_replies(&self) -> Result<Response, UserError> {
        if self.channel().await.0 == Channel::Pages {
            let replies = self.site_replies().await?;
            return Ok(Response::RecentReplies {
                replies: replies
                    .iter()
                    .take(RECENT_REPLIES as usize)
                    .map(page_reply_summary)
                    .collect(),
            });
        }
        let client = self.client().await;
        let page = self.latest_negotiations(&client, RECENT_REPLIES).await?;
        self.mark_applied(
            page.items
                .iter()
                .filter_map(|n| n.vacancy.as_ref().map(|v| v.id.clone())),
        )
        .await;
        Ok(Response::RecentReplies {
            replies: page.items.iter().map(reply_summary).collect(),
        })
    }

    /// The user's replies, most recently updated first.
    async fn latest_negotiations(
        &self,
        client: &Client<P>,
        per_page: u32,
    ) -> Result<Page<Negotiation>, UserError> {
        let params = NegotiationsParams {
            per_page: Some(per_page),
            order_by: Some("updated_at".into()),
            order: Some("desc".into()),
            ..NegotiationsParams::default()
        };
        client
            .negotiations(&params)
            .await
            .map_err(|e| self.user_error(&e))
    }

    /// Vacancies the user has replied to (from our replies and hh.ru's list), for the ✓ on cards.
    pub(super) async fn applied_vacancies(&self) -> BTreeSet<String> {
        self.load(keys::APPLIED).await.unwrap_or_default()
    }

    pub(super) async fn mark_applied(&self, ids: impl IntoIterator<Item = String>) {
        let mut applied = self.applied_vacancies().await;
        let before = applied.len();
        applied.extend(ids.into_iter().filter(|id| !id.is_empty()));
        if applied.len() != before {
            let _ = self.save(keys::APPLIED, &applied).await;
        }
    }

    /// An hh.ru error as the user sees it; a captcha carries the page to solve it on.
    pub(super) fn user_error(&self, error: &HhError) -> UserError {
        let user = UserError::new(error.code(), error.user_message());
        match error.captcha_url_with_backurl("https://hh.ru/") {
            Some(url) => user.with_url(url),
            None => user,
        }
    }
}

/// The score a reply was sent with, and when (old ones are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct ReplyScore {
    score: u8,
    sent_at_ms: u64,
}

impl<P: Platform> Agent<P> {
    /// Remembers the match score of a reply just sent with the chosen resume, for the funnel by score band.
    pub(super) async fn remember_reply_score(&self, vacancy_id: &str, resume_id: &str) {
        let Some(resume) = self.chosen_resume().await else {
            return;
        };
        if resume.stored.id != resume_id {
            return;
        }
        let Ok(known) = self.known_vacancy(vacancy_id).await else {
            return;
        };
        let now = self.now_ms();
        let oldest = now.saturating_sub(u64::from(FUNNEL_DAYS) * DAY_MS);
        let mut scores: BTreeMap<String, ReplyScore> =
            self.load(keys::REPLY_SCORES).await.unwrap_or_default();
        scores.retain(|_, s| s.sent_at_ms >= oldest);
        scores.insert(
            vacancy_id.to_string(),
            ReplyScore {
                score: score_vacancy(&resume.prepared, &known.facts).score,
                sent_at_ms: now,
            },
        );
        let _ = self.save(keys::REPLY_SCORES, &scores).await;
    }

    /// Replies of the last 30 days and what became of them, overall and by the score they were sent with.
    pub(super) async fn funnel(&self) -> Result<Response, UserError> {
        let client = self.client().await;
        let since = self
            .now_ms()
            .saturating_sub(u64::from(FUNNEL_DAYS) * DAY_MS);
        let scores: BTreeMap<String, ReplyScore> =
            self.load(keys::REPLY_SCORES).await.unwrap_or_default();
        let mut funnel = Funnel {
            days: FUNNEL_DAYS,
            total: FunnelCounts::default(),
            bands: BANDS
                .iter()
                .map(|(label, _)| FunnelBand {
                    label: label.to_string(),
                    counts: FunnelCounts::default(),
                })
                .collect(),
        };
        let mut params = NegotiationsParams {
            per_page: Some(100),
            order_by: Some("created_at".into()),
            order: Some("desc".into()),
            ..NegotiationsParams::default()
        };
        for page_number in 0..FUNNEL_MAX_PAGES {
            params.page = Some(page_number);
            let page = client
                .negotiations(&params)
                .await
                .map_err(|e| self.user_error(&e))?;
            let mut reached_older = false;
            for negotiation in &page.items {
                let created = negotiation.created_at.as_deref().and_then(parse_hh_time_ms);
                if created.is_none_or(|t| t < since) {
                    reached_older |= created.is_some();
                    continue;
                }
                let score = negotiation
                    .vacancy
                    .as_ref()
                    .and_then(|v| scores.get(&v.id))
                    .map(|s| s.score);
                count_reply(&mut funnel.total, negotiation);
                count_reply(&mut funnel.bands[band_of(score)].counts, negotiation);
            }
            if reached_older || page.items.is_empty() || page_number + 1 >= page.pages {
                break;
            }
        }
        Ok(Response::Funnel { funnel })
    }
}

/// Score bands of the funnel: the label and the lowest score in it (`None`: sent without a known score).
/// The same bands as the overlay's colours.
const BANDS: [(&str, Option<u8>); 4] = [
    ("70–100", Some(70)),
    ("40–69", Some(40)),
    ("0–39", Some(0)),
    ("без оценки", None),
];

fn band_of(score: Option<u8>) -> usize {
    BANDS
        .iter()
        .position(|(_, lowest)| match (score, lowest) {
            (Some(score), Some(lowest)) => score >= *lowest,
            (None, None) => true,
            _ => false,
        })
        .unwrap_or(BANDS.len() - 1)
}

fn count_reply(counts: &mut FunnelCounts, negotiation: &Negotiation) {
    let state = negotiation
        .state
        .as_ref()
        .map(|s| s.id.as_str())
        .unwrap_or("");
    let answered = matches!(state, "invitation" | "discard");
    counts.replies += 1;
    if answered || negotiation.viewed_by_opponent == Some(true) {
        counts.viewed += 1;
    }
    if state == "invitation" {
        counts.invitations += 1;
    }
    if state == "discard" {
        counts.refusals += 1;
    }
}

/// The badge: the number, or nothing at zero.
pub(super) fn badge_text(updates: u32) -> String {
    if updates == 0 {
        String::new()
    } else if updates > 99 {
        "99+".into()
    } else {
        updates.to_string()
    }
}

fn reply_summary(negotiation: &Negotiation) -> ReplySummary {
    let vacancy = negotiation.vacancy.as_ref();
    let vacancy_id = vacancy.map(|v| v.id.clone()).unwrap_or_default();
    ReplySummary {
        vacancy_name: vacancy
            .and_then(|v| v.name.clone())
            .unwrap_or_else(|| "Вакансия удалена".into()),
        employer: vacancy
            .and_then(|v| v.employer.as_ref())
            .and_then(|e| e.name.clone())
            .unwrap_or_default(),
        created_at: negotiation.created_at.clone().unwrap_or_default(),
        state: negotiation
            .state
            .as_ref()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        unread_messages: negotiation
            .counters
            .as_ref()
            .and_then(|c| c.unread_messages)
            .unwrap_or(0),
        url: vacancy
            .and_then(|v| v.alternate_url.clone())
            .unwrap_or_else(|| format!("https://hh.ru/vacancy/{vacancy_id}")),
        vacancy_id,
    }
}
