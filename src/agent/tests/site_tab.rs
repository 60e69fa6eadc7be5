//! The page channel's reply, played on a simulated hh.ru vacancy page: the agent decides, the tab only shows
//! what hh.ru's page would after each click.

use super::*;
use crate::protocol::{PageScript, PageScriptReport, PageStep, StepResult, Target, UserError};

pub const TAB: i64 = 7;

/// The variants of hh.ru's reply flow a vacancy can have.
#[derive(Default, Clone)]
pub struct Form {
    pub relocation: bool,
    pub direct: bool,
    pub test: bool,
    /// The resumes in the picker; one resume means no picker.
    pub resumes: Vec<String>,
    /// The letter field is open from the start (a letter is required).
    pub letter_shown: bool,
    /// hh.ru refuses the submit with this `data-qa-popup-error-code`.
    pub error: Option<String>,
    /// The submit shows nothing (a slow or broken page).
    pub silent: bool,
    /// hh.ru renamed the data-qa of this selector-table key.
    pub renamed: Option<&'static str>,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Stage {
    #[default]
    Vacancy,
    Relocation,
    Advertising,
    Form,
    Refused,
    Sent,
}

#[derive(Default)]
pub struct FakeTab {
    pub form: Form,
    /// hh.ru shows the reply made (before or by this test).
    pub applied: bool,
    /// The user is not logged in to hh.ru in this browser.
    pub logged_out: bool,
    stage: Stage,
    letter_open: bool,
    pub letter: String,
    pub chosen: Option<String>,
    /// Every submit: the resume picked and the letter.
    pub submits: Vec<(Option<String>, String)>,
}

impl FakeTab {
    /// The user reloads the page: the form closes, hh.ru shows what it knows.
    pub fn reload(&mut self) {
        self.stage = Stage::Vacancy;
        self.letter.clear();
    }

    fn shown(&self, target: &Target) -> bool {
        assert!(
            !target.selector.is_empty(),
            "{} is not in the table",
            target.key
        );
        let in_form = matches!(self.stage, Stage::Form | Stage::Refused);
        if self.form.renamed == Some(target.key.as_str()) {
            return false;
        }
        match target.key.as_str() {
            "header.user" => !self.logged_out,
            "vacancy.reply_top" => self.stage == Stage::Vacancy && !self.applied,
            "reply.view_topic" => self.applied,
            "reply.relocation_confirm" => self.stage == Stage::Relocation,
            "reply.advertising_cancel" => self.stage == Stage::Advertising,
            "reply.submit" => in_form,
            "reply.resume_title" => in_form && self.form.resumes.len() > 1,
            "reply.resume_option" => {
                in_form
                    && self
                        .form
                        .resumes
                        .iter()
                        .any(|id| target.selector.contains(&format!("-{id}\"")))
            }
            "reply.add_letter" => in_form && !self.letter_open,
            "reply.letter" => in_form && self.letter_open,
            "reply.task" => in_form && self.form.test,
            "reply.error" => self.stage == Stage::Refused,
            _ => false,
        }
    }

    fn click(&mut self, target: &Target) {
        let form = self.form.clone();
        match target.key.as_str() {
            "vacancy.reply_top" => {
                self.letter_open = form.letter_shown;
                self.stage = if form.relocation {
                    Stage::Relocation
                } else if form.direct {
                    Stage::Advertising
                } else {
                    Stage::Form
                };
            }
            "reply.relocation_confirm" => {
                self.stage = if form.direct {
                    Stage::Advertising
                } else {
                    Stage::Form
                }
            }
            "reply.advertising_cancel" => self.stage = Stage::Vacancy,
            "reply.resume_option" => {
                self.chosen = form
                    .resumes
                    .iter()
                    .find(|id| target.selector.contains(&format!("-{id}\"")))
                    .cloned()
            }
            "reply.add_letter" => self.letter_open = true,
            "reply.submit" => {
                self.submits
                    .push((self.chosen.clone(), self.letter.clone()));
                if form.error.is_some() {
                    self.stage = Stage::Refused;
                } else if !form.silent {
                    self.stage = Stage::Sent;
                    self.applied = true;
                }
            }
            _ => {}
        }
    }

    pub fn play(&mut self, script: &PageScript) -> PageScriptReport {
        let mut results = Vec::new();
        for step in &script.steps {
            let result = match step {
                PageStep::WaitAny { targets, .. } => {
                    let hit = targets.iter().find(|t| self.shown(t));
                    StepResult {
                        ok: hit.is_some(),
                        found: hit.map(|t| t.key.clone()),
                        value: None,
                    }
                }
                PageStep::Probe { targets } => StepResult {
                    ok: true,
                    found: Some(
                        targets
                            .iter()
                            .filter(|t| self.shown(t))
                            .map(|t| t.key.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                    value: None,
                },
                PageStep::Click { target, .. } => {
                    let ok = self.shown(target);
                    if ok {
                        self.click(target);
                    }
                    StepResult {
                        ok,
                        ..StepResult::default()
                    }
                }
                PageStep::Fill { target, value } => {
                    let ok = self.shown(target);
                    if ok {
                        self.letter = value.clone();
                    }
                    StepResult {
                        ok,
                        ..StepResult::default()
                    }
                }
                PageStep::Read { target, attribute } => {
                    let ok = self.shown(target);
                    let value = ok.then(|| match attribute {
                        Some(_) => self.form.error.clone().unwrap_or_default(),
                        None => "hh.ru: ошибка".to_string(),
                    });
                    StepResult {
                        ok,
                        found: None,
                        value,
                    }
                }
            };
            let ok = result.ok;
            results.push(result);
            if !ok {
                break;
            }
        }
        PageScriptReport {
            results,
            error: None,
        }
    }
}

const RESUME: &str = "r1";
const LETTER: &str = "Здравствуйте! Python и Django — мой каждый день.";

/// No hh.ru app configured: the page channel, with the resume read from hh.ru's pages and the vacancy page open.
fn on_vacancy_page(form: Form) -> (FakePlatform, Agent<FakePlatform>) {
    let platform = FakePlatform::new();
    platform.tab.borrow_mut().form = Form {
        resumes: vec![RESUME.into(), "r2".into()],
        ..form
    };
    let resume = StoredResume {
        id: RESUME.into(),
        title: "Python-разработчик".into(),
        first_name: "Иван".into(),
        facts: ResumeFacts {
            title: "Python-разработчик".into(),
            skills: vec!["Python".into(), "Django".into()],
            ..ResumeFacts::default()
        },
    };
    platform
        .store
        .borrow_mut()
        .insert(keys::RESUME.into(), serde_json::to_value(resume).unwrap());
    let agent = Agent::new(platform.clone());
    let page = PageVacancy {
        vacancy_id: VACANCY.into(),
        title: "Python-разработчик".into(),
        company: "Лютик".into(),
        description_html: "<p>Python, Django</p>".into(),
        ..PageVacancy::default()
    };
    block_on(agent.handle(Request::VacancyPage { page }));
    (platform, agent)
}

fn reply_in_tab(agent: &Agent<FakePlatform>, tab: Option<i64>) -> ReplyOutcome {
    let request = Request::SendReply {
        vacancy_id: VACANCY.into(),
        resume_id: RESUME.into(),
        letter: LETTER.into(),
    };
    match block_on(agent.handle_in_tab(request, tab)) {
        Response::Reply { outcome } => outcome,
        other => panic!("{other:?}"),
    }
}

fn failed(outcome: ReplyOutcome) -> UserError {
    match outcome {
        ReplyOutcome::Failed { error } => error,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_reply_goes_through_hh_forms_with_the_resume_and_the_letter_once() {
    let (platform, agent) = on_vacancy_page(Form::default());
    assert!(matches!(
        reply_in_tab(&agent, Some(TAB)),
        ReplyOutcome::Sent { .. }
    ));
    assert_eq!(
        platform.tab.borrow().submits,
        vec![(Some(RESUME.to_string()), LETTER.to_string())]
    );
    assert_eq!(status(&agent).quota.used, 1, "the ledger counts it");
    assert_eq!(
        failed(reply_in_tab(&agent, Some(TAB))).code,
        "already_applied"
    );
    assert_eq!(platform.tab.borrow().submits.len(), 1, "never twice");
    let api_calls = platform
        .api
        .borrow()
        .requests
        .iter()
        .filter(|r| !r.site_session)
        .count();
    assert_eq!(api_calls, 0, "no API call");
}

#[test]
fn another_city_warning_is_confirmed_and_a_required_letter_field_is_used_as_shown() {
    let (platform, agent) = on_vacancy_page(Form {
        relocation: true,
        letter_shown: true,
        ..Form::default()
    });
    assert!(matches!(
        reply_in_tab(&agent, Some(TAB)),
        ReplyOutcome::Sent { .. }
    ));
    assert_eq!(platform.tab.borrow().submits[0].1, LETTER);
}

#[test]
fn a_form_with_employer_questions_is_left_open_with_the_letter_in_it() {
    let (platform, agent) = on_vacancy_page(Form {
        test: true,
        ..Form::default()
    });
    let error = failed(reply_in_tab(&agent, Some(TAB)));
    assert_eq!(error.code, "test_required");
    assert!(error.message.contains("письмо уже вставлено"));
    let tab = platform.tab.borrow();
    assert!(tab.submits.is_empty(), "the user answers and sends");
    assert_eq!(tab.letter, LETTER);
}

#[test]
fn hh_refusals_on_the_page_become_clear_errors_and_nothing_stays_pending() {
    for (code, expected) in [
        ("negotiations-limit-exceeded", "limit_exceeded"),
        ("negotiations-empty-message", "letter_required"),
        ("negotiations-too-long-message", "letter_too_long"),
        ("negotiations-invalid-vacancy", "invalid_vacancy"),
        ("negotiations-vacancy-archived", "invalid_vacancy"),
        ("negotiations-captcha-required", "captcha_required"),
        ("negotiations-something-new", "page_reply_failed"),
    ] {
        let (platform, agent) = on_vacancy_page(Form {
            error: Some(code.into()),
            ..Form::default()
        });
        let error = failed(reply_in_tab(&agent, Some(TAB)));
        assert_eq!(error.code, expected, "{code}");
        if expected == "limit_exceeded" {
            assert!(
                error.message.contains("Следующий отклик"),
                "{}",
                error.message
            );
        }
        let pending: Option<Value> = platform.store.borrow().get(keys::PENDING_REPLIES).cloned();
        assert_eq!(pending, Some(json!({})), "{code}");
    }
}

/// hh.ru's «Отклики» page listing replies to these vacancies.
fn replies_page(vacancy_ids: &[&str]) -> String {
    vacancy_ids
        .iter()
        .map(|id| {
            format!(
                r#"<div data-qa="negotiations-item"><a data-qa="negotiations-item-vacancy" href="/vacancy/{id}">Вакансия</a><span data-qa="negotiations-item-company">Лютик</span><span data-qa="negotiations-item-date">сегодня</span><span data-qa="negotiations-tag negotiations-item-not-viewed">Не просмотрен</span></div>"#
            )
        })
        .collect()
}

fn serve_replies(platform: &FakePlatform, vacancy_ids: &'static [&'static str]) {
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        (request.site_session && request.path() == "/applicant/negotiations")
            .then(|| HttpResponse::new(200, replies_page(vacancy_ids)))
    }));
}

#[test]
fn a_submit_without_an_answer_is_unconfirmed_and_never_sent_again() {
    let (platform, agent) = on_vacancy_page(Form {
        silent: true,
        ..Form::default()
    });
    assert!(matches!(
        reply_in_tab(&agent, Some(TAB)),
        ReplyOutcome::Unconfirmed { .. }
    ));
    // hh.ru did take it, though a reloaded page shows the button again: a new worker life asks hh.ru's list.
    serve_replies(&platform, &[VACANCY]);
    let restarted = Agent::new(platform.clone());
    assert_eq!(
        failed(reply_in_tab(&restarted, Some(TAB))).code,
        "already_applied"
    );
    assert_eq!(platform.tab.borrow().submits.len(), 1);
}

#[test]
fn an_unanswered_submit_that_did_not_arrive_is_sent_again_and_an_unknown_one_is_not() {
    let (platform, agent) = on_vacancy_page(Form {
        silent: true,
        ..Form::default()
    });
    reply_in_tab(&agent, Some(TAB));
    // hh.ru's list cannot be read: nothing is risked.
    assert_eq!(
        failed(reply_in_tab(&agent, Some(TAB))).code,
        "reply_unknown"
    );
    assert_eq!(platform.tab.borrow().submits.len(), 1);
    // hh.ru's list has no such reply: it never arrived, so it is sent.
    serve_replies(&platform, &["1"]);
    platform.tab.borrow_mut().form.silent = false;
    platform.tab.borrow_mut().reload();
    assert!(matches!(
        reply_in_tab(&agent, Some(TAB)),
        ReplyOutcome::Sent { .. }
    ));
    assert_eq!(platform.tab.borrow().submits.len(), 2);
}

#[test]
fn every_element_of_hh_form_the_reply_relies_on_is_named_when_missing() {
    for key in [
        "vacancy.reply_top",
        "reply.add_letter",
        "reply.letter",
        "reply.submit",
        "reply.view_topic",
    ] {
        let (platform, agent) = on_vacancy_page(Form {
            renamed: Some(key),
            ..Form::default()
        });
        let outcome = reply_in_tab(&agent, Some(TAB));
        if key == "reply.view_topic" {
            // Sent, but the page never said so: not shown as sent.
            assert!(
                matches!(outcome, ReplyOutcome::Unconfirmed { .. }),
                "{outcome:?}"
            );
            assert_eq!(platform.tab.borrow().submits.len(), 1);
        } else {
            let error = failed(outcome);
            assert_eq!(error.code, "page_changed", "{key}");
            assert!(error.message.contains(key), "{}", error.message);
            assert!(platform.tab.borrow().submits.is_empty(), "{key}");
        }
        let problems = status(&agent).page_problems;
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("Форма отклика") && p.contains(key)),
            "{key}: {problems:?}"
        );
    }
}

#[test]
fn the_employer_site_the_missing_resume_and_a_missing_tab_are_explained() {
    let (_, agent) = on_vacancy_page(Form {
        direct: true,
        ..Form::default()
    });
    assert_eq!(
        failed(reply_in_tab(&agent, Some(TAB))).code,
        "direct_vacancy"
    );

    let (platform, agent) = on_vacancy_page(Form::default());
    platform.tab.borrow_mut().form.resumes = vec!["r2".into(), "r3".into()];
    assert_eq!(
        failed(reply_in_tab(&agent, Some(TAB))).code,
        "resume_not_in_form"
    );
    assert!(platform.tab.borrow().submits.is_empty());

    let (platform, agent) = on_vacancy_page(Form::default());
    platform.tab.borrow_mut().logged_out = true;
    let error = failed(reply_in_tab(&agent, Some(TAB)));
    assert_eq!(error.code, "site_login_required");
    assert!(
        platform.tab.borrow().stage == Stage::Vacancy,
        "hh.ru's button is not clicked"
    );

    let (_, agent) = on_vacancy_page(Form::default());
    assert_eq!(
        failed(reply_in_tab(&agent, None)).code,
        "page_reply_needs_tab"
    );
    assert_eq!(
        failed(reply_in_tab(&agent, Some(99))).code,
        "page_unreachable"
    );
}
