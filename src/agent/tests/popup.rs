//! The popup's side of the agent: the quota reconciled with hh.ru's replies, the user's cap, the resume raise,
//! the current employer, the toolbar badge with its alarm, and the reply funnel.

use std::cell::Cell;

use super::*;
use crate::hh::ledger::DAY_MS;
use crate::protocol::Funnel;

const HOUR_MS: u64 = 60 * 60 * 1000;
const MINUTE_MS: u64 = 60 * 1000;

/// One item of `GET /negotiations`.
fn negotiation(id: &str, vacancy: Option<&str>, created_ms: u64, state: &str) -> Value {
    json!({
        "id": id,
        "state": {"id": state},
        "created_at": hh_time(created_ms),
        "updated_at": hh_time(created_ms),
        "has_updates": false,
        "viewed_by_opponent": false,
        "vacancy": vacancy.map(vacancy_json),
    })
}

fn list(items: Vec<Value>) -> HttpResponse {
    ok(json!({"items": items, "found": items.len(), "pages": 1, "page": 0, "per_page": 100}))
}

/// `GET /negotiations` (the list only) answers with `items()` from now on.
fn serve_negotiations(platform: &FakePlatform, items: impl Fn() -> Vec<Value> + 'static) {
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        (request.method == Method::Get && request.path() == "/negotiations").then(|| list(items()))
    }));
}

fn reconciliations(platform: &FakePlatform) -> usize {
    platform
        .api
        .borrow()
        .requests
        .iter()
        .filter(|r| r.path() == "/negotiations" && r.url.contains("order_by=created_at"))
        .count()
}

fn refresh(agent: &Agent<FakePlatform>) -> Status {
    match block_on(agent.handle(Request::Refresh)) {
        Response::Status { status } => *status,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_quota_counts_replies_made_elsewhere_until_they_are_24_hours_old() {
    let (platform, agent) = logged_in();
    assert_eq!(status(&agent).quota.used, 0);
    let edge = NOW - DAY_MS + MINUTE_MS;
    serve_negotiations(&platform, move || {
        vec![
            negotiation("1", Some("11"), NOW - HOUR_MS, "response"),
            negotiation("2", Some("12"), NOW - 2 * HOUR_MS, "invitation"),
            negotiation("3", None, NOW - 3 * HOUR_MS, "response"),
            negotiation("4", Some("14"), edge, "discard"),
            negotiation("5", Some("15"), NOW - DAY_MS - HOUR_MS, "response"),
            negotiation("6", Some("16"), NOW - 2 * DAY_MS, "response"),
        ]
    });

    let quota = refresh(&agent).quota;
    assert_eq!(
        (quota.used, quota.limit, quota.user_cap),
        (4, 200, None),
        "the four replies of the last 24 hours count, older ones do not"
    );
    assert_eq!(quota.next_at_ms, None);
    assert!(
        platform.store.borrow().contains_key(keys::LEDGER),
        "the reconciled ledger is saved"
    );

    // One minute later the oldest counted reply is exactly 24 hours old: it no longer counts.
    platform.clock.set(edge + DAY_MS);
    assert_eq!(status(&agent).quota.used, 3);
    platform.clock.set(edge + DAY_MS - 1);
    assert_eq!(
        status(&agent).quota.used,
        4,
        "a millisecond earlier it still counts"
    );
}

#[test]
fn the_quota_is_reconciled_politely_and_survives_a_worker_restart() {
    let (platform, agent) = logged_in();
    let after_login = reconciliations(&platform);
    assert_eq!(after_login, 1, "login reconciles once");
    serve_negotiations(&platform, || {
        vec![negotiation("1", Some("11"), NOW - HOUR_MS, "response")]
    });

    // Opening the popup again and again within five minutes asks hh.ru nothing more.
    platform.clock.advance(MINUTE_MS);
    assert_eq!(status(&agent).quota.used, 0);
    assert_eq!(reconciliations(&platform), after_login);

    // A restarted worker remembers when it last asked.
    let agent = Agent::new(platform.clone());
    assert_eq!(status(&agent).quota.used, 0);
    assert_eq!(reconciliations(&platform), after_login);

    // Five minutes on, the status reconciles by itself; the refresh button always does.
    platform.clock.advance(5 * MINUTE_MS);
    assert_eq!(status(&agent).quota.used, 1);
    assert_eq!(reconciliations(&platform), after_login + 1);
    assert_eq!(
        refresh(&agent).quota.used,
        1,
        "a known reply is not counted twice"
    );
    assert_eq!(reconciliations(&platform), after_login + 2);
}

#[test]
fn the_users_own_cap_and_the_next_possible_reply_are_shown() {
    let (platform, agent) = logged_in();
    let settings = Settings {
        daily_cap: 3,
        ..configured()
    };
    block_on(agent.handle(Request::SaveSettings { settings }));
    let first = NOW - 5 * HOUR_MS;
    serve_negotiations(&platform, move || {
        vec![
            negotiation("1", Some("11"), NOW - HOUR_MS, "response"),
            negotiation("2", Some("12"), NOW - 2 * HOUR_MS, "response"),
            negotiation("3", Some("13"), first, "response"),
        ]
    });
    let quota = refresh(&agent).quota;
    assert_eq!((quota.used, quota.limit, quota.user_cap), (3, 3, Some(3)));
    assert_eq!(quota.next_at_ms, Some((first + DAY_MS) as i64));

    platform.clock.set(first + DAY_MS);
    let quota = status(&agent).quota;
    assert_eq!((quota.used, quota.next_at_ms), (2, None));
}

/// `/resumes/mine` and `/resumes/r1` with raise times; the first publish succeeds, later ones hit the 4-hour limit.
fn serve_raisable_resume(platform: &FakePlatform) -> Rc<Cell<u32>> {
    let published = Rc::new(Cell::new(0u32));
    let count = published.clone();
    let clock = platform.clock.clone();
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        let resume = || {
            let next = if count.get() == 0 {
                NOW - HOUR_MS
            } else {
                NOW + 4 * HOUR_MS
            };
            json!({
                "id": "r1", "title": "Python-разработчик", "skill_set": ["Python"],
                "next_publish_at": hh_time(next), "can_publish_or_update": clock.now_ms() >= next,
                "experience": [
                    {"company": "ООО «Облачные решения»", "position": "Backend", "start": "2022-03-01", "end": null},
                    {"company": "АО «ТехноСервис»", "position": "Developer", "start": "2019-01-01", "end": "2022-02-28"}
                ]
            })
        };
        match (request.method, request.path()) {
            (Method::Get, "/resumes/mine") => Some(list(vec![resume()])),
            (Method::Get, "/resumes/r1") => Some(ok(resume())),
            (Method::Post, "/resumes/r1/publish") => {
                count.set(count.get() + 1);
                Some(if count.get() == 1 {
                    HttpResponse::new(204, "")
                } else {
                    HttpResponse::new(
                        429,
                        json!({"errors": [{"type": "resumes", "value": "touch_limit_exceeded"}]})
                            .to_string(),
                    )
                })
            }
            _ => None,
        }
    }));
    published
}

#[test]
fn the_resume_is_raised_once_and_then_the_next_time_is_shown() {
    let platform = FakePlatform::new();
    let published = serve_raisable_resume(&platform);
    let agent = Agent::new(platform.clone());
    block_on(agent.handle(Request::SaveSettings {
        settings: configured(),
    }));
    block_on(agent.handle(Request::Login));
    let before = status(&agent);
    let raise = before.raise.expect("the raise is known from /resumes/mine");
    assert!(raise.available && raise.next_at_ms.is_none(), "{raise:?}");
    assert_eq!(
        before.current_employer.as_deref(),
        Some("ООО «Облачные решения»"),
        "the job without an end is the current one"
    );

    let Response::Status { status: after } = block_on(agent.handle(Request::PublishResume {
        resume_id: "r1".into(),
    })) else {
        panic!("the raise failed")
    };
    assert_eq!(published.get(), 1);
    let raise = after.raise.unwrap();
    assert!(!raise.available);
    assert_eq!(raise.next_at_ms, Some((NOW + 4 * HOUR_MS) as i64));

    let Response::Error { error } = block_on(agent.handle(Request::PublishResume {
        resume_id: "r1".into(),
    })) else {
        panic!("a second raise within 4 hours must fail")
    };
    assert_eq!(error.code, "touch_limit_exceeded");
    assert!(error.message.contains("4 часа"), "{}", error.message);
    assert_eq!(platform.calls(Method::Post, "/resumes/r1/publish"), 2);

    platform.clock.set(NOW + 4 * HOUR_MS);
    assert!(status(&agent).raise.unwrap().available, "the time has come");

    let Response::Error { error } = block_on(agent.handle(Request::PublishResume {
        resume_id: "someone-elses".into(),
    })) else {
        panic!()
    };
    assert_eq!(error.code, "unknown_resume");
}

#[test]
fn a_resume_hh_ru_will_not_publish_gets_a_clear_reason() {
    let (platform, agent) = logged_in();
    platform.api.borrow_mut().intercept = Some(Rc::new(|request: &HttpRequest| {
        (request.path() == "/resumes/r1/publish").then(|| {
            HttpResponse::new(
                400,
                json!({"errors": [{"type": "bad_request"}], "description": "not finished"})
                    .to_string(),
            )
        })
    }));
    let Response::Error { error } = block_on(agent.handle(Request::PublishResume {
        resume_id: "r1".into(),
    })) else {
        panic!()
    };
    assert_eq!(error.code, "resume_not_publishable");
    assert!(
        error.message.contains("обязательные поля"),
        "{}",
        error.message
    );
}

#[test]
fn the_badge_counts_replies_with_news_and_the_alarm_refreshes_it() {
    let platform = FakePlatform::new();
    let news = Rc::new(Cell::new(2usize));
    let shown = news.clone();
    serve_negotiations(&platform, move || {
        (0..3)
            .map(|i| {
                let mut item = negotiation(&i.to_string(), Some("11"), NOW - HOUR_MS, "response");
                item["has_updates"] = json!(i < shown.get());
                item
            })
            .collect()
    });
    let agent = Agent::new(platform.clone());
    block_on(agent.handle(Request::SaveSettings {
        settings: configured(),
    }));
    block_on(agent.handle(Request::Login));
    assert_eq!(*platform.badge.borrow(), "2");
    assert_eq!(status(&agent).updates, 2);
    assert_eq!(
        *platform.alarms.borrow(),
        [
            (UPDATES_ALARM.to_string(), 30),
            (ALERTS_ALARM.to_string(), 60)
        ],
        "the badge every 30 minutes, new-vacancy alerts hourly"
    );

    news.set(1);
    block_on(agent.handle_alarm("something-else"));
    assert_eq!(*platform.badge.borrow(), "2", "other alarms change nothing");
    block_on(agent.handle_alarm(UPDATES_ALARM));
    assert_eq!(*platform.badge.borrow(), "1");

    news.set(0);
    block_on(agent.handle_alarm(UPDATES_ALARM));
    assert_eq!(*platform.badge.borrow(), "", "no news, no badge");

    news.set(3);
    block_on(agent.handle_alarm(UPDATES_ALARM));
    block_on(agent.handle(Request::Logout));
    assert_eq!(*platform.badge.borrow(), "", "logging out clears the badge");
    assert!(!platform.store.borrow().contains_key(keys::UPDATES));
    let asked = platform.calls(Method::Get, "/negotiations");
    block_on(agent.handle_alarm(UPDATES_ALARM));
    assert_eq!(
        platform.calls(Method::Get, "/negotiations"),
        asked,
        "logged out, the alarm asks hh.ru nothing"
    );
}

#[test]
fn a_worker_start_brings_the_alarm_back_only_for_a_logged_in_user() {
    let platform = FakePlatform::new();
    block_on(Agent::new(platform.clone()).on_startup());
    assert!(platform.alarms.borrow().is_empty());

    let (platform, _agent) = logged_in();
    platform.alarms.borrow_mut().clear();
    block_on(Agent::new(platform.clone()).on_startup());
    let names: Vec<String> = platform
        .alarms
        .borrow()
        .iter()
        .map(|(n, _)| n.clone())
        .collect();
    assert_eq!(names, [UPDATES_ALARM, ALERTS_ALARM]);
}

fn funnel(agent: &Agent<FakePlatform>) -> Funnel {
    match block_on(agent.handle(Request::GetFunnel)) {
        Response::Funnel { funnel } => funnel,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_funnel_counts_the_last_30_days_by_the_score_replies_were_sent_with() {
    let (platform, agent) = logged_in();
    assert!(matches!(
        reply(&agent, "Здравствуйте!"),
        ReplyOutcome::Sent { .. }
    ));
    let Response::VacancyView { view } = block_on(agent.handle(Request::GetVacancyView {
        vacancy_id: VACANCY.into(),
    })) else {
        panic!()
    };
    let score = view.report.unwrap().score;
    let band = match score {
        70.. => "70–100",
        40..=69 => "40–69",
        _ => "0–39",
    };

    serve_negotiations(&platform, || {
        let mut viewed = negotiation("2", Some("555"), NOW - 2 * DAY_MS, "response");
        viewed["viewed_by_opponent"] = json!(true);
        vec![
            negotiation("1", Some(VACANCY), NOW - DAY_MS, "invitation"),
            viewed,
            negotiation("3", Some("556"), NOW - 3 * DAY_MS, "discard"),
            negotiation("4", Some("557"), NOW - 4 * DAY_MS, "response"),
            negotiation("5", Some("558"), NOW - 40 * DAY_MS, "invitation"),
        ]
    });
    let funnel = funnel(&agent);
    assert_eq!(funnel.days, 30);
    let total = &funnel.total;
    assert_eq!(
        (
            total.replies,
            total.viewed,
            total.invitations,
            total.refusals
        ),
        (4, 3, 1, 1),
        "{funnel:?}"
    );
    let scored = funnel.bands.iter().find(|b| b.label == band).unwrap();
    assert_eq!(
        (scored.counts.replies, scored.counts.invitations),
        (1, 1),
        "{funnel:?}"
    );
    let unscored = funnel
        .bands
        .iter()
        .find(|b| b.label == "без оценки")
        .unwrap();
    assert_eq!(unscored.counts.replies, 3);
    assert_eq!(funnel.bands.len(), 4);
}

#[test]
fn hh_times_written_here_read_back() {
    assert_eq!(hh_time(0), "1970-01-01T00:00:00+0000");
    assert_eq!(
        crate::hh::ledger::parse_hh_time_ms(&hh_time(NOW)),
        Some(NOW)
    );
}
