//! One-click replies: one in flight per vacancy, never sent twice (even across a worker restart), confirmed
//! with hh.ru before the user is told it was sent, and the letter kept as a draft until then.

use std::collections::BTreeMap;

use super::vacancies::relation_text;
use super::{keys, Agent, Client, Platform};
use crate::hh::client::{ApplyRequirements, ApplyResult};
use crate::hh::request::NegotiationsParams;
use crate::protocol::{ReplyOutcome, Response, UserError};

impl<P: Platform> Agent<P> {
    pub(super) async fn send_reply(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: String,
    ) -> Result<Response, UserError> {
        if !self
            .replies_in_flight
            .borrow_mut()
            .insert(vacancy_id.to_string())
        {
            let error = UserError::new(
                "reply_in_flight",
                "Отклик на эту вакансию уже отправляется — дождитесь ответа hh.ru.",
            );
            return Ok(Response::Reply {
                outcome: ReplyOutcome::Failed { error },
            });
        }
        // Whatever happens next, the letter is not lost.
        let kept = self.save_draft(vacancy_id, letter.clone()).await;
        let outcome = match kept {
            Ok(_) => self.reply(vacancy_id, resume_id, &letter).await,
            Err(error) => ReplyOutcome::Failed { error },
        };
        self.replies_in_flight.borrow_mut().remove(vacancy_id);
        if let ReplyOutcome::Sent { .. } = outcome {
            self.forget_draft(vacancy_id).await?;
            self.mark_applied([vacancy_id.to_string()]).await;
        }
        Ok(Response::Reply { outcome })
    }

    async fn reply(&self, vacancy_id: &str, resume_id: &str, letter: &str) -> ReplyOutcome {
        let client = self.client().await;
        let failed = |error: UserError| ReplyOutcome::Failed { error };
        let mut pending: BTreeMap<String, u64> =
            self.load(keys::PENDING_REPLIES).await.unwrap_or_default();
        if pending.contains_key(vacancy_id) {
            // A worker died while sending this reply: whether it arrived, only hh.ru knows.
            match self.existing_reply(&client, vacancy_id).await {
                Ok(Some(negotiation_id)) => {
                    return self.confirm(&client, &negotiation_id, letter).await
                }
                Ok(None) => {}
                Err(error) => return failed(error),
            }
        }
        let known = match self.known_vacancy(vacancy_id).await {
            Ok(known) => known,
            Err(error) => return failed(error),
        };
        if let Some(relation) = &known.relation {
            return failed(UserError::new("already_applied", relation_text(relation)));
        }
        if known.archived {
            return failed(UserError::new(
                "invalid_vacancy",
                "Вакансия в архиве или скрыта: откликнуться нельзя.",
            ));
        }
        if let Some(url) = &known.direct_url {
            return failed(direct_vacancy(url));
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
        let vacancy_url = format!("https://hh.ru/vacancy/{vacancy_id}");
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
            Ok(ApplyResult::Redirect { url }) => failed(direct_vacancy(if url.is_empty() {
                &vacancy_url
            } else {
                &url
            })),
            Err(error) => {
                let user = UserError::new(error.code(), error.user_message());
                failed(match error.captcha_url_with_backurl(&vacancy_url) {
                    Some(url) => user.with_url(url),
                    None if error.code() == "test_required" => user.with_url(vacancy_url),
                    None => user,
                })
            }
        }
    }

    async fn existing_reply(
        &self,
        client: &Client<P>,
        vacancy_id: &str,
    ) -> Result<Option<String>, UserError> {
        let page = client
            .negotiations(&NegotiationsParams::for_vacancy(vacancy_id))
            .await
            .map_err(|e| self.user_error(&e))?;
        Ok(page
            .items
            .into_iter()
            .find(|n| n.vacancy.as_ref().is_none_or(|v| v.id == vacancy_id))
            .map(|n| n.id))
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
                        "Отклик создан, но письма в нём не видно: проверьте переписку на hh.ru."
                            .into(),
                    )
                }
                Err(error) => {
                    return unconfirmed(format!(
                        "Не удалось проверить письмо: {}",
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

fn direct_vacancy(url: &str) -> UserError {
    UserError::new(
        "direct_vacancy",
        "Работодатель принимает отклики на своём сайте.",
    )
    .with_url(url)
}

/// hh.ru may normalise line breaks and spaces in a letter.
fn same_text(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    words(a) == words(b)
}
