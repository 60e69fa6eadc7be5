//! One-click replies: one in flight per vacancy, never sent twice (even across a worker restart), confirmed
//! with hh.ru before the user is told it was sent, and the letter kept as a draft until then.

use std::collections::BTreeMap;

use super::vacancies::{relation_text, KnownVacancy};
use super::{keys, Agent, Client, Platform};
use crate::hh::client::{ApplyRequirements, ApplyResult};
use crate::hh::error::{HhError, NegotiationError};
use crate::hh::ledger::DAY_MS;
use crate::hh::request::NegotiationsParams;
use crate::protocol::{Channel, ReplyOutcome, Response, UserError};

/// hh.ru's own reply form, where tests are taken and where replies go when the API is closed.
pub fn reply_form_url(vacancy_id: &str) -> String {
    format!("https://hh.ru/applicant/vacancy_response?vacancyId={vacancy_id}")
}

pub(super) fn vacancy_url(vacancy_id: &str) -> String {
    format!("https://hh.ru/vacancy/{vacancy_id}")
}

/// Why a reply to this vacancy cannot be made from the overlay, known before anything is sent.
pub fn reply_blocked(known: &KnownVacancy, vacancy_id: &str) -> Option<UserError> {
    if known.archived {
        return Some(UserError::new(
            "invalid_vacancy",
            "Вакансия в архиве или скрыта: откликнуться на неё нельзя.",
        ));
    }
    if known.test_required {
        return Some(test_required(vacancy_id));
    }
    known.direct_url.as_deref().map(direct_vacancy)
}

fn test_required(vacancy_id: &str) -> UserError {
    UserError::new(
        "test_required",
        "Работодатель просит пройти тест: откликнуться можно только на hh.ru, вместе с тестом.",
    )
    .with_url(reply_form_url(vacancy_id))
}

fn direct_vacancy(url: &str) -> UserError {
    UserError::new(
        "direct_vacancy",
        "Работодатель принимает отклики на своём сайте.",
    )
    .with_url(url)
}

impl<P: Platform> Agent<P> {
    pub(super) async fn send_reply(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: String,
        tab_id: Option<i64>,
    ) -> Result<Response, UserError> {
        if !self
            .replies_in_flight
            .borrow_mut()
            .insert(vacancy_id.to_string())
        {
            let error = UserError::new(
                "reply_in_flight",
                "Отклик на эту вакансию уже отправляется из другой вкладки — дождитесь ответа hh.ru.",
            );
            return Ok(Response::Reply {
                outcome: ReplyOutcome::Failed { error },
            });
        }
        // Whatever happens next, the letter is not lost.
        let kept = self.save_draft(vacancy_id, letter.clone()).await;
        let outcome = match kept {
            Ok(_) => match self.reply(vacancy_id, resume_id, &letter, tab_id).await {
                // hh.ru closed the API just now: nothing was sent, so the page channel may try at once.
                ReplyOutcome::Failed { error }
                    if error.code == "applicant_access_refused" && tab_id.is_some() =>
                {
                    self.reply(vacancy_id, resume_id, &letter, tab_id).await
                }
                outcome => outcome,
            },
            Err(error) => ReplyOutcome::Failed { error },
        };
        self.replies_in_flight.borrow_mut().remove(vacancy_id);
        let applied = match &outcome {
            ReplyOutcome::Sent { .. } => {
                self.forget_draft(vacancy_id).await?;
                true
            }
            ReplyOutcome::Failed { error } => error.code == "already_applied",
            ReplyOutcome::Unconfirmed { .. } => false,
        };
        if applied {
            self.mark_applied([vacancy_id.to_string()]).await;
            self.update_known(vacancy_id, |known| {
                known.relation.get_or_insert_with(|| "got_response".into());
            })
            .await;
        }
        Ok(Response::Reply { outcome })
    }

    async fn reply(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: &str,
        tab_id: Option<i64>,
    ) -> ReplyOutcome {
        let failed = |error: UserError| ReplyOutcome::Failed { error };
        if self.channel().await.0 == Channel::Pages {
            let known = match self.known_vacancy(vacancy_id).await {
                Ok(known) => known,
                Err(error) => return failed(error),
            };
            if let Some(relation) = &known.relation {
                return failed(UserError::new("already_applied", relation_text(relation)));
            }
            // A test is not a block here: the page channel opens hh.ru's form with the letter for the user.
            let blocked = reply_blocked(&known, vacancy_id).filter(|e| e.code != "test_required");
            if let Some(blocked) = blocked {
                return failed(blocked);
            }
            if known.letter_required && letter.trim().is_empty() {
                return failed(UserError::new(
                    "letter_required",
                    "Работодатель требует сопроводительное письмо: напишите его и отправьте снова.",
                ));
            }
            return self
                .reply_on_page(vacancy_id, resume_id, letter, tab_id)
                .await;
        }
        let client = self.client().await;
        let mut pending: BTreeMap<String, u64> =
            self.load(keys::PENDING_REPLIES).await.unwrap_or_default();
        if pending.contains_key(vacancy_id) {
            // A worker died while sending this reply: whether it arrived, only hh.ru knows.
            match self.existing_reply(&client, vacancy_id).await {
                Ok(Some(negotiation_id)) => {
                    pending.remove(vacancy_id);
                    let _ = self.save(keys::PENDING_REPLIES, &pending).await;
                    return self.confirm(&client, &negotiation_id, letter).await;
                }
                Ok(None) => {}
                Err(error) => return failed(self.reply_error(&client, vacancy_id, &error).await),
            }
        }
        let known = match self.known_vacancy(vacancy_id).await {
            Ok(known) => known,
            Err(error) => return failed(error),
        };
        if let Some(relation) = &known.relation {
            return failed(UserError::new("already_applied", relation_text(relation)));
        }
        if let Some(blocked) = reply_blocked(&known, vacancy_id) {
            return failed(blocked);
        }
        pending.insert(vacancy_id.to_string(), self.now_ms());
        if let Err(error) = self.save(keys::PENDING_REPLIES, &pending).await {
            return failed(error);
        }
        let requirements = ApplyRequirements {
            letter_required: known.letter_required,
            test_required: known.test_required,
        };
        let result = client
            .apply(vacancy_id, resume_id, letter, requirements)
            .await;
        pending.remove(vacancy_id);
        let _ = self.save(keys::PENDING_REPLIES, &pending).await;
        match result {
            Ok(ApplyResult::Applied {
                negotiation_id: Some(id),
            }) => self.confirm(&client, &id, letter).await,
            Ok(ApplyResult::Applied {
                negotiation_id: None,
            }) => match self.existing_reply(&client, vacancy_id).await {
                Ok(Some(id)) => self.confirm(&client, &id, letter).await,
                _ => ReplyOutcome::Unconfirmed {
                    reason: "hh.ru принял отклик, но не назвал его: проверьте раздел «Отклики»."
                        .into(),
                },
            },
            Ok(ApplyResult::Redirect { url }) => {
                let url = match url.is_empty() {
                    // fetch hides where an opaque redirect points: the vacancy itself says.
                    true => self.employer_site(vacancy_id).await,
                    false => url,
                };
                self.update_known(vacancy_id, |known| known.direct_url = Some(url.clone()))
                    .await;
                failed(direct_vacancy(&url))
            }
            Err(error) => failed(self.reply_error(&client, vacancy_id, &error).await),
        }
    }

    /// An error of a reply as the user sees it, with the page that resolves it and, at the daily limit, when
    /// the next reply becomes possible.
    pub(super) async fn reply_error(
        &self,
        client: &Client<P>,
        vacancy_id: &str,
        error: &HhError,
    ) -> UserError {
        let user = UserError::new(error.code(), error.user_message());
        if let Some(url) = error.captcha_url_with_backurl(&vacancy_url(vacancy_id)) {
            return user.with_url(url);
        }
        match error {
            HhError::Negotiation(NegotiationError::TestRequired) => test_required(vacancy_id),
            HhError::ApplicantAccessRefused { .. } => user.with_url(reply_form_url(vacancy_id)),
            HhError::Negotiation(NegotiationError::LimitExceeded) => {
                // hh.ru counts replies made anywhere: learn them, then the ledger knows when one leaves the window.
                let _ = client.reconcile_ledger().await;
                self.limit_error(client, user)
            }
            HhError::ReplyQuotaReached { .. } => self.limit_error(client, user),
            _ => user,
        }
    }

    pub(super) fn limit_error(&self, client: &Client<P>, user: UserError) -> UserError {
        let now = self.now_ms();
        let when = match client.ledger().check(now) {
            Err(HhError::ReplyQuotaReached {
                next_possible_at_ms,
                ..
            }) => next_reply_time(next_possible_at_ms, now),
            // The ledger has not seen every reply hh.ru counts: a day from now at the latest.
            _ => format!("не позже, чем {}", next_reply_time(now + DAY_MS, now)),
        };
        UserError {
            message: format!(
                "Достигнут дневной лимит откликов. Следующий отклик можно будет отправить {when}."
            ),
            ..user
        }
    }

    /// Where a `direct` vacancy takes replies: its `response_url`, else its page on hh.ru.
    async fn employer_site(&self, vacancy_id: &str) -> String {
        match self.api_vacancy(vacancy_id).await {
            Ok(vacancy) => vacancy
                .response_url
                .or(vacancy.alternate_url)
                .filter(|url| !url.is_empty())
                .unwrap_or_else(|| vacancy_url(vacancy_id)),
            Err(_) => vacancy_url(vacancy_id),
        }
    }

    pub(super) async fn existing_reply(
        &self,
        client: &Client<P>,
        vacancy_id: &str,
    ) -> Result<Option<String>, HhError> {
        Ok(self.reply_to(client, vacancy_id).await?.map(|(id, _)| id))
    }

    /// The user's reply to a vacancy, if hh.ru lists one: its id and state (`response`, `invitation`, …).
    pub(super) async fn reply_to(
        &self,
        client: &Client<P>,
        vacancy_id: &str,
    ) -> Result<Option<(String, String)>, HhError> {
        let page = client
            .negotiations(&NegotiationsParams::for_vacancy(vacancy_id))
            .await?;
        Ok(page
            .items
            .into_iter()
            .find(|n| n.vacancy.as_ref().is_none_or(|v| v.id == vacancy_id))
            .map(|n| (n.id, n.state.map(|s| s.id).unwrap_or_default())))
    }

    /// Sent only when hh.ru shows the reply and, with a letter, the letter in its messages.
    async fn confirm(
        &self,
        client: &Client<P>,
        negotiation_id: &str,
        letter: &str,
    ) -> ReplyOutcome {
        let unconfirmed = |reason: String| ReplyOutcome::Unconfirmed { reason };
        if let Err(error) = client.negotiation(negotiation_id).await {
            return unconfirmed(format!("hh.ru не показал отклик: {}", error.user_message()));
        }
        if !letter.trim().is_empty() {
            match client.negotiation_messages(negotiation_id).await {
                Ok(messages)
                    if messages
                        .items
                        .iter()
                        .any(|m| same_text(m.text.as_deref().unwrap_or(""), letter)) => {}
                Ok(_) => {
                    return unconfirmed(
                        "отклик создан, но письма в нём не видно: проверьте переписку на hh.ru."
                            .into(),
                    )
                }
                Err(error) => {
                    return unconfirmed(format!(
                        "не удалось проверить письмо: {}",
                        error.user_message()
                    ))
                }
            }
        }
        ReplyOutcome::Sent {
            negotiation_id: negotiation_id.to_string(),
            url: format!("https://hh.ru/applicant/negotiations/item?topicId={negotiation_id}"),
        }
    }
}

/// The relation a negotiation's state means for the vacancy.
pub fn relation_of_state(state: &str) -> &'static str {
    match state {
        "invitation" | "interview" | "offer" | "hired" => "got_invitation",
        "discard" | "discard_by_employer" => "got_rejection",
        _ => "got_response",
    }
}

/// «сегодня в 14:05 по Москве (через 3 ч 20 мин)»: hh.ru's users mostly live by Moscow time, as hh.ru does.
pub fn next_reply_time(at_ms: u64, now_ms: u64) -> String {
    const MSK_MS: u64 = 3 * 60 * 60 * 1000;
    let day = |ms: u64| (ms + MSK_MS) / DAY_MS;
    // Rounded up: at 02:46 the reply due at 02:46:40 would still be refused.
    let shown_ms = at_ms.div_ceil(60_000) * 60_000;
    let minute_of_day = ((shown_ms + MSK_MS) % DAY_MS) / 60_000;
    let which = match day(shown_ms).saturating_sub(day(now_ms)) {
        0 => "сегодня",
        1 => "завтра",
        _ => "послезавтра",
    };
    let wait_min = at_ms.saturating_sub(now_ms).div_ceil(60_000);
    let wait = match (wait_min / 60, wait_min % 60) {
        (0, m) => format!("{m} мин"),
        (h, 0) => format!("{h} ч"),
        (h, m) => format!("{h} ч {m} мин"),
    };
    format!(
        "{which} в {:02}:{:02} по Москве (через {wait})",
        minute_of_day / 60,
        minute_of_day % 60
    )
}

/// hh.ru may normalise line breaks and spaces in a letter.
fn same_text(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    words(a) == words(b)
}
