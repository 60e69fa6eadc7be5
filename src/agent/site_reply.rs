//! The page channel's reply: hh.ru's own reply form on the vacancy page, played in the user's tab by its
//! content script. Every decision is made here; the content script only clicks, types and reads.

use std::collections::BTreeMap;

use super::reply::{reply_form_url, vacancy_url};
use super::{keys, Agent, Platform};
use crate::hh::ledger::ReplyRecord;
use crate::pages::selectors::{self, selector};
use crate::protocol::{PageKind, PageScript, PageStep, ReplyOutcome, Target, UserError};

/// How long hh.ru's page may take to show the form, and the outcome of a submit.
const FORM_MS: u32 = 10_000;
const OUTCOME_MS: u32 = 20_000;

fn target(key: &str) -> Target {
    Target {
        key: key.to_string(),
        selector: selector(key).unwrap_or_default().to_string(),
    }
}

/// The option of one resume in the form's picker.
fn resume_option(resume_id: &str) -> Target {
    Target {
        key: "reply.resume_option".into(),
        selector: selectors::resume_option(resume_id),
    }
}

fn wait_any(keys: &[&str], timeout_ms: u32) -> PageStep {
    PageStep::WaitAny {
        targets: keys.iter().map(|k| target(k)).collect(),
        timeout_ms,
    }
}

fn click(key: &str) -> PageStep {
    PageStep::Click {
        target: target(key),
        timeout_ms: FORM_MS,
    }
}

/// What one played script showed.
struct Played {
    /// Per step: whether it worked, and what it found or read.
    steps: Vec<(bool, Option<String>, Option<String>)>,
    /// The key of the first step that failed (an element that never appeared).
    missing: Option<String>,
}

impl Played {
    fn found(&self, step: usize) -> Option<&str> {
        self.steps
            .get(step)
            .and_then(|(_, found, _)| found.as_deref())
    }

    fn value(&self, step: usize) -> Option<&str> {
        self.steps
            .get(step)
            .and_then(|(_, _, value)| value.as_deref())
    }
}

/// A Russian error for hh.ru's `data-qa-popup-error-code`, whatever its exact spelling.
fn page_error(code: &str, text: &str, vacancy_id: &str) -> UserError {
    let has = |part: &str| code.contains(part);
    if has("limit") {
        UserError::new(
            "limit_exceeded",
            "hh.ru: достигнут дневной лимит откликов (200 за 24 часа).",
        )
    } else if has("already") {
        UserError::new("already_applied", "Вы уже откликнулись на эту вакансию.")
    } else if has("letter") || has("empty-message") {
        UserError::new(
            "letter_required",
            "Работодатель требует сопроводительное письмо: напишите его и отправьте снова.",
        )
    } else if has("too-long") {
        UserError::new(
            "letter_too_long",
            "Письмо длиннее, чем принимает hh.ru: сократите его и отправьте снова.",
        )
    } else if has("test") {
        UserError::new(
            "test_required",
            "Работодатель просит пройти тест: ответьте на вопросы в форме hh.ru.",
        )
        .with_url(reply_form_url(vacancy_id))
    } else if has("archiv") || has("invalid") {
        UserError::new(
            "invalid_vacancy",
            "Вакансия в архиве или скрыта: откликнуться на неё нельзя.",
        )
    } else if has("resume") {
        UserError::new(
            "resume_not_in_form",
            "hh.ru не нашёл выбранное резюме: выберите другое резюме в меню расширения.",
        )
    } else if has("captcha") {
        UserError::new(
            "captcha_required",
            "hh.ru просит подтвердить, что вы не робот: пройдите проверку и отправьте отклик снова.",
        )
        .with_url(format!(
            "https://hh.ru/account/captcha?backurl={}",
            vacancy_url(vacancy_id)
        ))
    } else {
        let said = if text.trim().is_empty() { code } else { text };
        UserError::new(
            "page_reply_failed",
            format!("hh.ru не принял отклик: {}", said.trim()),
        )
    }
}

impl<P: Platform> Agent<P> {
    /// Replies through hh.ru's form in the user's tab: opens it, picks the resume, writes the letter, submits,
    /// and reads the outcome from the page. A form with the employer's questions is left open with the letter
    /// in it, for the user to answer and send.
    pub(super) async fn reply_on_page(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: &str,
        tab_id: Option<i64>,
    ) -> ReplyOutcome {
        self.try_reply_on_page(vacancy_id, resume_id, letter, tab_id)
            .await
            .unwrap_or_else(|error| ReplyOutcome::Failed { error })
    }

    /// `reply_on_page`, with every refusal as an error.
    async fn try_reply_on_page(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: &str,
        tab_id: Option<i64>,
    ) -> Result<ReplyOutcome, UserError> {
        let Some(tab_id) = tab_id else {
            return Err(UserError::new(
                "page_reply_needs_tab",
                "Без доступа к API отклик отправляется со страницы вакансии на hh.ru: откройте её.",
            )
            .with_url(vacancy_url(vacancy_id)));
        };
        let client = self.client().await;
        if let Err(error) = client.check_quota() {
            return Err(self.reply_error(&client, vacancy_id, &error).await);
        }
        let mut pending: BTreeMap<String, u64> =
            self.load(keys::PENDING_REPLIES).await.unwrap_or_default();
        if pending.contains_key(vacancy_id) {
            // A reply was sent without an answer (a worker restart, a slow page): hh.ru's list says if it arrived.
            match self.site_replies().await {
                Ok(list) if list.iter().any(|r| r.vacancy_id == vacancy_id) => {
                    self.forget_pending(&mut pending, vacancy_id).await;
                    return Err(UserError::new(
                        "already_applied",
                        "Вы уже откликнулись на эту вакансию.",
                    ));
                }
                Ok(_) => {}
                Err(error) => {
                    return Err(
                        UserError::new(
                            "reply_unknown",
                            format!(
                                "Неизвестно, дошёл ли прошлый отклик, а список откликов hh.ru не открылся ({}): проверьте его перед новой попыткой.",
                                error.message
                            ),
                        )
                        .with_url("https://hh.ru/applicant/negotiations"),
                    )
                }
            }
        }

        // 1. The page as it is: already answered (perhaps by a worker that died mid-reply), or the button.
        let open = PageScript {
            steps: vec![
                wait_any(&["reply.view_topic", "vacancy.reply_top"], FORM_MS),
                PageStep::Probe {
                    targets: vec![target("header.user")],
                },
            ],
        };
        let played = self.play(tab_id, &open).await?;
        if played.missing.is_some() {
            return Err(self.form_changed(vacancy_id, "vacancy.reply_top").await);
        }
        if played.found(1) != Some("header.user") {
            // Logged out, hh.ru's button leads away to its login page: the user logs in first.
            return Err(super::site::site_login_required());
        }
        if played.found(0) == Some("reply.view_topic") {
            self.forget_pending(&mut pending, vacancy_id).await;
            return Err(UserError::new(
                "already_applied",
                "Вы уже откликнулись на эту вакансию.",
            ));
        }

        // 2. Open the form; hh.ru may first warn about another city or send the user to the employer's site.
        let mut form = PageScript {
            steps: vec![
                click("vacancy.reply_top"),
                wait_any(
                    &[
                        "reply.submit",
                        "reply.relocation_confirm",
                        "reply.advertising_cancel",
                    ],
                    FORM_MS,
                ),
            ],
        };
        let mut played = self.play(tab_id, &form).await?;
        if played.found(1) == Some("reply.relocation_confirm") {
            form.steps = vec![
                click("reply.relocation_confirm"),
                wait_any(&["reply.submit", "reply.advertising_cancel"], FORM_MS),
            ];
            played = self.play(tab_id, &form).await?;
        }
        if let Some(missing) = &played.missing {
            return Err(self.form_changed(vacancy_id, missing).await);
        }
        if played
            .steps
            .last()
            .and_then(|(_, found, _)| found.as_deref())
            == Some("reply.advertising_cancel")
        {
            let _ = self
                .play(
                    tab_id,
                    &PageScript {
                        steps: vec![click("reply.advertising_cancel")],
                    },
                )
                .await;
            return Err(UserError::new(
                "direct_vacancy",
                "Работодатель принимает отклики на своём сайте.",
            )
            .with_url(vacancy_url(vacancy_id)));
        }

        // 3. What the form asks for.
        let option = resume_option(resume_id);
        let probe = PageScript {
            steps: vec![PageStep::Probe {
                targets: vec![
                    target("reply.test"),
                    target("reply.task"),
                    target("reply.letter"),
                    target("reply.add_letter"),
                    target("reply.resume_title"),
                ],
            }],
        };
        let shown: Vec<String> = self
            .play(tab_id, &probe)
            .await?
            .found(0)
            .unwrap_or("")
            .split(',')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
        let has = |key: &str| shown.iter().any(|k| k == key);
        let mut fill = Vec::new();
        if has("reply.resume_title") {
            // With more than one resume hh.ru shows a picker: ours must be in it.
            fill.push(PageStep::Click {
                target: option,
                timeout_ms: 2_000,
            });
        }
        if !letter.trim().is_empty() {
            if !has("reply.letter") {
                fill.push(click("reply.add_letter"));
            }
            fill.push(PageStep::Click {
                target: target("reply.letter"),
                timeout_ms: FORM_MS,
            });
            fill.push(PageStep::Fill {
                target: target("reply.letter"),
                value: letter.to_string(),
            });
        }
        if has("reply.test") || has("reply.task") {
            // The employer's questions are the user's to answer: leave the form open with the letter in it.
            if let Ok(played) = self.play(tab_id, &PageScript { steps: fill }).await {
                if let Some(missing) = played.missing {
                    return Err(self.form_changed(vacancy_id, &missing).await);
                }
            }
            return Err(UserError::new(
                "test_required",
                "Работодатель просит ответить на вопросы. Форма hh.ru открыта, письмо уже вставлено: ответьте на вопросы и отправьте отклик кнопкой hh.ru.",
            ));
        }

        // 4. Submit, remembering first that a reply may be on its way (a worker restart must not send twice).
        let fill_steps = fill.len();
        fill.push(click("reply.submit"));
        fill.push(wait_any(&["reply.view_topic", "reply.error"], OUTCOME_MS));
        fill.push(PageStep::Read {
            target: target("reply.error"),
            attribute: Some("data-qa-popup-error-code".into()),
        });
        fill.push(PageStep::Read {
            target: target("reply.error"),
            attribute: None,
        });
        pending.insert(vacancy_id.to_string(), self.now_ms());
        self.save(keys::PENDING_REPLIES, &pending).await?;
        let played = match self.play(tab_id, &PageScript { steps: fill }).await {
            Ok(played) => played,
            Err(error) => {
                return Ok(ReplyOutcome::Unconfirmed {
                    reason: format!(
                        "{} Проверьте раздел «Отклики» на hh.ru перед новой попыткой.",
                        error.message
                    ),
                })
            }
        };
        let outcome_step = fill_steps + 1;
        let submitted = played.steps.get(fill_steps).is_some_and(|(ok, _, _)| *ok);
        if !submitted {
            // The form was never sent: nothing is pending.
            self.forget_pending(&mut pending, vacancy_id).await;
            return match played.missing.as_deref() {
                Some("reply.resume_option") => Err(UserError::new(
                    "resume_not_in_form",
                    "Выбранного резюме нет в форме отклика hh.ru: выберите другое резюме в меню расширения.",
                )),
                missing => Err(
                    self.form_changed(vacancy_id, missing.unwrap_or("reply.submit"))
                        .await,
                ),
            };
        }
        match played.found(outcome_step) {
            Some("reply.view_topic") => {
                let _ = self.record_health(PageKind::ReplyForm, &[]).await;
                self.forget_pending(&mut pending, vacancy_id).await;
                client.record_reply(ReplyRecord {
                    vacancy_id: Some(vacancy_id.to_string()),
                    negotiation_id: None,
                    sent_at_ms: self.now_ms(),
                });
                Ok(ReplyOutcome::Sent {
                    negotiation_id: String::new(),
                    url: "https://hh.ru/applicant/negotiations".into(),
                })
            }
            Some(_) => {
                self.forget_pending(&mut pending, vacancy_id).await;
                let code = played.value(outcome_step + 1).unwrap_or("");
                let text = played.value(outcome_step + 2).unwrap_or("");
                let error = page_error(code, text, vacancy_id);
                if error.code == "limit_exceeded" {
                    // The ledger has not seen every reply hh.ru counts: it says when the next one fits.
                    return Err(self.limit_error(&client, error));
                }
                Err(error)
            }
            None => {
                // Slow, or hh.ru changed what it shows: the health check names both signs looked for.
                let _ = self
                    .record_health(
                        PageKind::ReplyForm,
                        &["reply.view_topic".into(), "reply.error".into()],
                    )
                    .await;
                Ok(ReplyOutcome::Unconfirmed {
                    reason: "hh.ru не показал, принят ли отклик: проверьте раздел «Отклики» на hh.ru перед новой попыткой.".into(),
                })
            }
        }
    }

    /// The reply's outcome is known: nothing is pending any more.
    async fn forget_pending(&self, pending: &mut BTreeMap<String, u64>, vacancy_id: &str) {
        pending.remove(vacancy_id);
        let _ = self.save(keys::PENDING_REPLIES, pending).await;
    }

    /// Plays a script in the tab; a tab that cannot be reached is an error the user can act on.
    async fn play(&self, tab_id: i64, script: &PageScript) -> Result<Played, UserError> {
        let report = self
            .platform
            .play_in_tab(tab_id, script)
            .await
            .map_err(|detail| {
                UserError::new(
                    "page_unreachable",
                    format!(
                        "Страница hh.ru не ответила ({detail}): обновите её и попробуйте снова."
                    ),
                )
            })?;
        if let Some(error) = report.error {
            return Err(UserError::new(
                "page_unreachable",
                format!("Страница hh.ru не смогла выполнить отклик ({error}): обновите её и попробуйте снова."),
            ));
        }
        let steps: Vec<_> = report
            .results
            .iter()
            .map(|r| (r.ok, r.found.clone(), r.value.clone()))
            .collect();
        let missing = report
            .results
            .iter()
            .position(|r| !r.ok)
            .and_then(|i| script.steps.get(i))
            .map(|step| match step {
                PageStep::WaitAny { targets, .. } | PageStep::Probe { targets } => targets
                    .iter()
                    .map(|t| t.key.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                PageStep::Click { target, .. }
                | PageStep::Fill { target, .. }
                | PageStep::Read { target, .. } => target.key.clone(),
            });
        Ok(Played { steps, missing })
    }

    /// hh.ru's form lacks an element the reply needs: the health check hears of it, the user gets hh.ru's form.
    async fn form_changed(&self, vacancy_id: &str, key: &str) -> UserError {
        let keys: Vec<String> = key.split(" | ").map(str::to_string).collect();
        let _ = self.record_health(PageKind::ReplyForm, &keys).await;
        UserError::new(
            "page_changed",
            format!("Форма отклика на hh.ru изменилась (не найдено: {key}). Откликнитесь в форме hh.ru — письмо ниже можно скопировать."),
        )
        .with_url(reply_form_url(vacancy_id))
    }
}
