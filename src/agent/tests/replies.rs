//! The one-click reply's paths in the agent: the daily limit with the time of the next reply, an opaque
//! redirect to the employer's site, vacancies blocked before sending, relations, and letter checks.

use super::*;
use crate::agent::reply::next_reply_time;
use crate::protocol::{UserError, VacancyView};

fn page_vacancy(id: &str) -> PageVacancy {
    PageVacancy {
        vacancy_id: id.into(),
        title: "Python-разработчик".into(),
        company: "Лютик".into(),
        description_html: "<p>Нужны Python, Django и Redis</p>".into(),
        skills: vec!["Python".into(), "Django".into()],
        ..PageVacancy::default()
    }
}

/// A vacancy page whose state carries the given fields, as hh.ru's HH-Lux-InitialState does.
fn page_with_state(id: &str, fields: Value, applied: bool) -> PageVacancy {
    let mut vacancy =
        json!({"vacancyId": id, "name": "Python-разработчик", "description": "<p>Python</p>"});
    vacancy
        .as_object_mut()
        .unwrap()
        .extend(fields.as_object().unwrap().clone());
    let state = json!({
        "vacancyView": vacancy,
        "applicantVacancyResponseStatuses": { id: { "alreadyApplied": applied } },
    });
    PageVacancy {
        initial_state: Some(state.to_string()),
        ..page_vacancy(id)
    }
}

fn on_page(agent: &Agent<FakePlatform>, page: PageVacancy) {
    assert_eq!(
        block_on(agent.handle(Request::VacancyPage { page })),
        Response::Ok
    );
}

fn view(agent: &Agent<FakePlatform>, id: &str) -> VacancyView {
    match block_on(agent.handle(Request::GetVacancyView {
        vacancy_id: id.into(),
    })) {
        Response::VacancyView { view } => *view,
        other => panic!("{other:?}"),
    }
}

fn failed(outcome: ReplyOutcome) -> UserError {
    match outcome {
        ReplyOutcome::Failed { error } => error,
        other => panic!("{other:?}"),
    }
}

fn intercept(
    platform: &FakePlatform,
    hook: impl Fn(&HttpRequest) -> Option<HttpResponse> + 'static,
) {
    platform.api.borrow_mut().intercept = Some(Rc::new(hook));
}

#[test]
fn the_next_reply_time_is_said_in_moscow_time_with_the_wait() {
    // NOW is 2026-05-28 20:26:40 UTC, 23:26:40 in Moscow.
    assert_eq!(
        next_reply_time(NOW + (3 * 60 + 20) * 60_000, NOW),
        "завтра в 02:47 по Москве (через 3 ч 20 мин)"
    );
    assert_eq!(
        next_reply_time(NOW + 30 * 60_000, NOW),
        "сегодня в 23:57 по Москве (через 30 мин)"
    );
    assert_eq!(
        next_reply_time(NOW + 2 * 60 * 60_000, NOW),
        "завтра в 01:27 по Москве (через 2 ч)"
    );
}

#[test]
fn at_the_users_own_cap_the_reply_is_refused_with_the_time_of_the_next() {
    let (platform, agent) = logged_in();
    block_on(agent.handle(Request::SaveSettings {
        settings: Settings {
            daily_cap: 1,
            ..configured()
        },
    }));
    assert!(matches!(reply(&agent, "Письмо"), ReplyOutcome::Sent { .. }));
    platform.clock.advance(60_000);
    let error = failed(reply(&agent, "Письмо"));
    assert_eq!(error.code, "reply_quota_reached");
    assert!(
        error
            .message
            .contains("завтра в 23:27 по Москве (через 23 ч 59 мин)"),
        "{}",
        error.message
    );
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 1);
}

#[test]
fn when_hh_ru_says_the_limit_is_reached_the_ledger_learns_its_replies() {
    let (platform, agent) = logged_in();
    // hh.ru counts 200 replies made elsewhere: the oldest an hour ago, so the next fits in 23 hours.
    let hour_ago = NOW - 60 * 60_000;
    intercept(&platform, move |request| {
        match (request.method, request.path()) {
            (Method::Post, "/negotiations") => Some(HttpResponse::new(
                400,
                json!({"errors": [{"type": "negotiations", "value": "limit_exceeded"}]})
                    .to_string(),
            )),
            (Method::Get, "/negotiations") if !request.url.contains("vacancy_id") => {
                let items: Vec<Value> = (0..200)
                .map(|i| {
                    let at = hour_ago + i * 1000;
                    json!({"id": format!("s{i}"), "state": {"id": "response"}, "created_at": hh_time(at), "vacancy": null})
                })
                .rev()
                .collect();
                Some(ok(
                    json!({"items": items, "found": 200, "pages": 1, "page": 0, "per_page": 200}),
                ))
            }
            _ => None,
        }
    });
    let error = failed(reply(&agent, "Письмо"));
    assert_eq!(error.code, "limit_exceeded");
    assert!(
        error
            .message
            .contains("завтра в 22:27 по Москве (через 23 ч)"),
        "{}",
        error.message
    );
    assert_eq!(
        status(&agent).quota.used,
        200,
        "the ledger learnt hh.ru's count"
    );
    // The next try is refused without asking hh.ru.
    let again = failed(reply(&agent, "Письмо"));
    assert_eq!(again.code, "reply_quota_reached");
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 1);
    let drafts = platform.store.borrow()[keys::DRAFTS].clone();
    assert_eq!(drafts[VACANCY], "Письмо", "the letter is kept");
}

#[test]
fn a_direct_vacancy_behind_an_opaque_redirect_offers_the_employers_site() {
    let (platform, agent) = logged_in();
    on_page(&agent, page_vacancy(VACANCY));
    intercept(&platform, |request| {
        match (request.method, request.path()) {
            // fetch with `redirect: 'manual'` shows a 303 as an opaque answer: no Location.
            (Method::Post, "/negotiations") => Some(HttpResponse::new(303, "")),
            (Method::Get, p) if p.starts_with("/vacancies/") => {
                let mut vacancy = vacancy_json(VACANCY);
                vacancy["type"] = json!({"id": "direct"});
                vacancy["response_url"] = json!("https://career.example.com/jobs/1");
                Some(ok(vacancy))
            }
            _ => None,
        }
    });
    let error = failed(reply(&agent, "Письмо"));
    assert_eq!(error.code, "direct_vacancy");
    assert_eq!(
        error.url.as_deref(),
        Some("https://career.example.com/jobs/1")
    );
    // A reload of the page keeps it: the overlay offers the site instead of the button.
    on_page(&agent, page_vacancy(VACANCY));
    let blocked = view(&agent, VACANCY).reply_blocked.unwrap();
    assert_eq!(
        blocked.url.as_deref(),
        Some("https://career.example.com/jobs/1")
    );
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 1);
}

#[test]
fn archived_and_test_vacancies_are_blocked_before_anything_is_sent() {
    let (platform, agent) = logged_in();
    on_page(
        &agent,
        page_with_state("1", json!({"status": {"archived": true}}), false),
    );
    on_page(
        &agent,
        page_with_state("2", json!({"userTestPresent": true}), false),
    );
    assert_eq!(
        view(&agent, "1").reply_blocked.unwrap().code,
        "invalid_vacancy"
    );
    let test = view(&agent, "2").reply_blocked.unwrap();
    assert_eq!(test.code, "test_required");
    assert_eq!(
        test.url.as_deref(),
        Some("https://hh.ru/applicant/vacancy_response?vacancyId=2")
    );
    let refused = block_on(agent.handle(Request::SendReply {
        vacancy_id: "1".into(),
        resume_id: "r1".into(),
        letter: String::new(),
    }));
    assert!(
        matches!(&refused, Response::Reply { outcome: ReplyOutcome::Failed { error } } if error.code == "invalid_vacancy"),
        "{refused:?}"
    );
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 0);
}

#[test]
fn an_applied_page_shows_what_the_employer_answered() {
    let (platform, agent) = logged_in();
    on_page(&agent, page_with_state(VACANCY, json!({}), true));
    let state = Rc::new(RefCell::new("invitation"));
    let answer = state.clone();
    intercept(&platform, move |request| {
        (request.method == Method::Get && request.path() == "/negotiations").then(|| {
            let item = json!({"id": "555", "state": {"id": *answer.borrow()}, "vacancy": vacancy_json(VACANCY)});
            ok(json!({"items": [item], "found": 1, "pages": 1, "page": 0, "per_page": 20}))
        })
    });
    assert_eq!(
        view(&agent, VACANCY).relation.as_deref(),
        Some("got_invitation")
    );
    *state.borrow_mut() = "discard";
    assert_eq!(
        view(&agent, VACANCY).relation.as_deref(),
        Some("got_rejection")
    );
}

#[test]
fn after_a_reply_the_overlay_shows_it_done_and_the_draft_is_gone() {
    let (_platform, agent) = logged_in();
    on_page(&agent, page_vacancy(VACANCY));
    block_on(agent.handle(Request::SaveDraft {
        vacancy_id: VACANCY.into(),
        letter: "Черновик".into(),
    }));
    assert!(matches!(
        reply(&agent, "Черновик"),
        ReplyOutcome::Sent { .. }
    ));
    let after = view(&agent, VACANCY);
    assert_eq!(after.relation.as_deref(), Some("got_response"));
    assert_ne!(
        after.letter, "Черновик",
        "the sent letter is no longer a draft"
    );
    assert_eq!(failed(reply(&agent, "Ещё раз")).code, "already_applied");
}

#[test]
fn a_letter_too_long_or_missing_is_refused_before_hh_ru_is_asked() {
    let (platform, agent) = logged_in();
    let long = failed(reply(&agent, &"я".repeat(crate::letters::LETTER_LIMIT + 1)));
    assert_eq!(long.code, "letter_too_long");
    on_page(
        &agent,
        page_with_state(VACANCY, json!({"@responseLetterRequired": true}), false),
    );
    assert!(view(&agent, VACANCY).letter_required);
    assert_eq!(failed(reply(&agent, "  \n ")).code, "letter_required");
    assert_eq!(platform.calls(Method::Post, "/negotiations"), 0);
}

#[test]
fn an_english_vacancy_gets_the_english_letter() {
    let (_platform, agent) = logged_in();
    let page = PageVacancy {
        title: "Senior Python Engineer".into(),
        description_html: "<p><strong>About the role</strong></p><ul><li>Build backend services in Python and Django</li><li>Work with a distributed team</li></ul>".into(),
        ..page_vacancy("77")
    };
    on_page(&agent, page);
    let letter = view(&agent, "77").letter;
    assert!(letter.starts_with("Hello,"), "{letter}");
    assert!(letter.contains("Senior Python Engineer"), "{letter}");
}
