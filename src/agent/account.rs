//! The user's account in the agent: login through hh.ru's consent page, logout, the resume choice, the popup's
//! status and recent replies.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::{keys, Agent, ChosenResume, Platform, StoredResume};
use crate::hh::error::HhError;
use crate::hh::models::Negotiation;
use crate::hh::request::{NegotiationsParams, OAuthApp};
use crate::matching::facts::ResumeFacts;
use crate::matching::score::PreparedResume;
use crate::protocol::{Quota, ReplySummary, Response, ResumeChoice, Status, UserError};
use serde::{Deserialize, Serialize};

/// Who is logged in and which resumes they have, as last read from hh.ru.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub first_name: String,
    pub resumes: Vec<ResumeChoice>,
    pub chosen: Option<String>,
}

const RECENT_REPLIES: u32 = 20;

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
        self.status().await
    }

    pub(super) async fn logout(&self) -> Result<Response, UserError> {
        let client = self.client().await;
        // hh.ru may be unreachable: the local tokens go in any case.
        let revoked = client.logout().await;
        self.forget_session().await?;
        self.dirty.set(Default::default());
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
        }
        let keep = account
            .chosen
            .as_ref()
            .filter(|id| account.resumes.iter().any(|r| &r.id == *id))
            .cloned();
        account.chosen = keep.or_else(|| account.resumes.first().map(|r| r.id.clone()));
        let _ = self.save(keys::ACCOUNT, &account).await;
        if let Some(id) = account.chosen.clone() {
            let _ = self.load_resume(&id, &account).await;
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
        self.load_resume(resume_id, &account).await?;
        account.chosen = Some(resume_id.to_string());
        self.save(keys::ACCOUNT, &account).await?;
        self.status().await
    }

    async fn load_resume(&self, resume_id: &str, account: &Account) -> Result<(), UserError> {
        let resume = self
            .client()
            .await
            .resume(resume_id)
            .await
            .map_err(|e| self.user_error(&e))?;
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
        let stored: StoredResume = self.load(keys::RESUME).await?;
        let prepared = PreparedResume::new(&stored.facts, &self.aliases);
        let chosen = Rc::new(ChosenResume { stored, prepared });
        self.resume.replace(Some(chosen.clone()));
        Some(chosen)
    }

    pub(super) async fn status(&self) -> Result<Response, UserError> {
        let settings = self.settings().await;
        let client = self.client().await;
        let account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        let (channel, channel_reason) = self.channel().await;
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
        let status = Status {
            logged_in,
            app_configured: settings.app_configured(),
            channel,
            channel_reason,
            user_name: Some(account.name.clone()).filter(|n| logged_in && !n.is_empty()),
            resumes: if logged_in {
                account.resumes
            } else {
                Vec::new()
            },
            chosen_resume: account.chosen.filter(|_| logged_in),
            quota: Quota {
                used: ledger.count_in_window(now),
                limit: ledger.cap(),
                next_at_ms,
            },
            redirect_url: self.platform.redirect_url(),
        };
        Ok(Response::Status {
            status: Box::new(status),
        })
    }

    pub(super) async fn recent_replies(&self) -> Result<Response, UserError> {
        let client = self.client().await;
        let params = NegotiationsParams {
            per_page: Some(RECENT_REPLIES),
            order_by: Some("updated_at".into()),
            order: Some("desc".into()),
            ..NegotiationsParams::default()
        };
        let page = client
            .negotiations(&params)
            .await
            .map_err(|e| self.user_error(&e))?;
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
