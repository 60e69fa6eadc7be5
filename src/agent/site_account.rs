//! The page channel's account: the user's resumes read from hh.ru's resume pages, and their replies (with the
//! daily quota) from hh.ru's «Отклики» page, all fetched with the user's own hh.ru session.

use super::account::Account;
use super::{keys, Agent, Platform, StoredResume};
use crate::hh::ledger::{civil_from_days, ReplyRecord, DAY_MS};
use crate::pages::negotiations_page::{read_negotiations, PageNegotiation};
use crate::pages::resume_page::{read_resume, read_resume_list};
use crate::pages::PageError;
use crate::protocol::{PageKind, ReplySummary, ResumeChoice, UserError};

/// Moscow time, as hh.ru dates its lists.
const MSK_MS: u64 = 3 * 60 * 60 * 1000;

impl<P: Platform> Agent<P> {
    /// Reads the user's resumes from hh.ru's pages; the chosen one (else the first) in full, for scoring.
    pub(super) async fn read_site_account(&self) -> Result<(), UserError> {
        let html = self.site_page("/applicant/resumes").await?;
        let links = match read_resume_list(&html) {
            Ok(links) => links,
            Err(error) => return Err(self.unreadable(PageKind::Resume, error).await),
        };
        let mut account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        account.resumes = links
            .into_iter()
            .map(|link| ResumeChoice {
                id: link.id,
                title: link.title,
            })
            .collect();
        let keep = account
            .chosen
            .clone()
            .filter(|id| account.resumes.iter().any(|r| &r.id == id));
        account.chosen = keep.or_else(|| account.resumes.first().map(|r| r.id.clone()));
        if let Some(id) = account.chosen.clone() {
            self.read_site_resume(&id, &mut account).await?;
        }
        self.save(keys::ACCOUNT, &account).await?;
        // With a resume known, the alerts can run in this channel too.
        self.schedule_alerts().await;
        Ok(())
    }

    /// One resume from its page on hh.ru, kept as the chosen resume.
    pub(super) async fn read_site_resume(
        &self,
        resume_id: &str,
        account: &mut Account,
    ) -> Result<(), UserError> {
        let html = self.site_page(&format!("/resume/{resume_id}")).await?;
        let page = match read_resume(&html, resume_id) {
            Ok(page) => page,
            Err(error) => return Err(self.unreadable(PageKind::Resume, error).await),
        };
        self.record_health(PageKind::Resume, &[]).await?;
        if account.first_name.is_empty() {
            account.first_name = page.first_name.clone();
        }
        if account.name.is_empty() {
            account.name = page.first_name.clone();
        }
        let stored = StoredResume {
            id: page.id,
            title: page.title,
            first_name: account.first_name.clone(),
            facts: page.facts,
        };
        self.save(keys::RESUME, &stored).await?;
        self.resume.replace(None);
        Ok(())
    }

    /// hh.ru's list of the user's replies; each one is merged into the reply ledger and marked as applied.
    pub(super) async fn site_replies(&self) -> Result<Vec<PageNegotiation>, UserError> {
        let html = self.site_page("/applicant/negotiations").await?;
        let list = match read_negotiations(&html) {
            Ok(list) => list,
            Err(error) => return Err(self.unreadable(PageKind::Negotiations, error).await),
        };
        self.record_health(PageKind::Negotiations, &[]).await?;
        let client = self.client().await;
        let now = self.now_ms();
        for reply in &list {
            if let Some(sent_at_ms) = latest_possible_time(reply, now) {
                client.record_reply(ReplyRecord {
                    vacancy_id: Some(reply.vacancy_id.clone()).filter(|id| !id.is_empty()),
                    negotiation_id: Some(reply.id.clone()).filter(|id| !id.is_empty()),
                    sent_at_ms,
                });
            }
        }
        self.mark_applied(list.iter().map(|r| r.vacancy_id.clone()))
            .await;
        Ok(list)
    }

    /// The resumes and the quota read again from hh.ru's pages: always when `force`, else when the account
    /// has no resume yet or the last read is older than `every_ms`. A failure is kept for the popup.
    pub(super) async fn sync_site(&self, force: bool, every_ms: u64) {
        let now = self.now_ms();
        let last: u64 = self.load(keys::SITE_READ_AT).await.unwrap_or(0);
        let account: Account = self.load(keys::ACCOUNT).await.unwrap_or_default();
        let fresh = last <= now && now - last < every_ms;
        if !force && fresh && !account.resumes.is_empty() {
            return;
        }
        // Remembered before asking, so a failing hh.ru is not asked again on every popup.
        let _ = self.save(keys::SITE_READ_AT, &now).await;
        let read = match self.read_site_account().await {
            Ok(()) => self.site_replies().await.map(|_| ()),
            Err(error) => Err(error),
        };
        let _ = match read {
            Ok(()) => self.remove(keys::SITE_PROBLEM).await,
            Err(error) => self.save(keys::SITE_PROBLEM, &error).await,
        };
    }

    /// A page that could not be read: its missing selectors go to the health check.
    pub(super) async fn unreadable(&self, page: PageKind, error: PageError) -> UserError {
        if error.login_required {
            return super::site::site_login_required();
        }
        let _ = self.record_health(page, &error.missing).await;
        UserError::new("page_changed", error.message)
    }
}

/// A reply of hh.ru's list as the popup shows it.
pub fn page_reply_summary(reply: &PageNegotiation) -> ReplySummary {
    ReplySummary {
        vacancy_id: reply.vacancy_id.clone(),
        vacancy_name: reply.vacancy_name.clone(),
        employer: reply.employer.clone(),
        created_at: reply.date_text.clone(),
        state: reply.state.clone(),
        unread_messages: 0,
        url: format!("{}/vacancy/{}", super::site::SITE, reply.vacancy_id),
    }
}

/// The latest moment a reply could have been sent, when that is within the last 24 hours. hh.ru's list gives
/// dates without times: counting each reply as late as possible never shows more replies left than there are.
fn latest_possible_time(reply: &PageNegotiation, now_ms: u64) -> Option<u64> {
    let today = (now_ms + MSK_MS) / DAY_MS;
    let start_of_today = (today * DAY_MS).saturating_sub(MSK_MS);
    let day_month = |day: u64| {
        let (_, month, day) = civil_from_days(day as i64);
        (day, month)
    };
    let days_ago = reply.days_ago.or_else(|| {
        let shown = reply.day_month?;
        (0..2u64)
            .find(|ago| day_month(today - ago) == shown)
            .map(|ago| ago as u32)
    });
    match days_ago {
        Some(0) => Some(now_ms),
        Some(1) => Some(start_of_today.saturating_sub(1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-26 12:00 in Moscow.
    const NOW: u64 = 1_795_683_600_000;

    fn shown(
        date_text: &str,
        day_month: Option<(u32, u32)>,
        days_ago: Option<u32>,
    ) -> PageNegotiation {
        PageNegotiation {
            id: "1".into(),
            vacancy_id: "2".into(),
            vacancy_name: String::new(),
            employer: String::new(),
            date_text: date_text.into(),
            day_month,
            year: None,
            days_ago,
            state: "response".into(),
        }
    }

    #[test]
    fn replies_dated_today_or_yesterday_count_as_late_as_possible() {
        assert_eq!(
            civil_from_days(((NOW + MSK_MS) / DAY_MS) as i64),
            (2026, 11, 26)
        );
        let midnight_msk = NOW - 12 * 60 * 60 * 1000;
        let today = shown("сегодня", None, Some(0));
        assert_eq!(latest_possible_time(&today, NOW), Some(NOW));
        let yesterday = shown("25 ноября", Some((25, 11)), None);
        assert_eq!(
            latest_possible_time(&yesterday, NOW),
            Some(midnight_msk - 1)
        );
        let dated_today = shown("26 ноября", Some((26, 11)), None);
        assert_eq!(latest_possible_time(&dated_today, NOW), Some(NOW));
        let older = shown("24 ноября", Some((24, 11)), None);
        assert_eq!(latest_possible_time(&older, NOW), None);
        assert_eq!(latest_possible_time(&shown("", None, None), NOW), None);
    }
}
