//! Mounts the overlay, popup and options page in a real browser with a mock worker, acts like a user and checks the DOM and the requests.

use hh_job_agent::matching::report::{Factor, FactorKind, MatchReport};
use hh_job_agent::protocol::{
    Channel, Funnel, FunnelBand, FunnelCounts, Profile, Quota, ReplyOutcome, ReplySummary, Request,
    Response, ResumeChoice, ResumeRaise, Status, UserError, VacancyView,
};
use hh_job_agent::settings::Settings;
use hh_ui::connector::{Connector, Pending};
use hh_ui::{page_view, MockConnector, Options, Overlay, Popup, Worker};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---------- helpers ----------

fn mount(mock: &MockConnector, page: impl FnOnce() -> AnyView + 'static) -> HtmlElement {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let worker = mock.worker();
    leptos::mount::mount_to(root.clone(), move || {
        worker.provide();
        page()
    })
    .forget();
    root
}

async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `ready` holds, polling; fails after about five seconds.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        pause(10).await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn get(root: &Element, selector: &str) -> Element {
    find(root, selector).unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

fn all_texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn fire(target: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn type_text(field: &Element, value: &str) {
    if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        field
            .dyn_ref::<HtmlInputElement>()
            .expect("a text field")
            .set_value(value);
    }
    fire(field, "input");
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

fn is_disabled(el: &Element) -> bool {
    el.has_attribute("disabled")
}

// ---------- canned data ----------

fn report() -> MatchReport {
    MatchReport {
        score: 82,
        preliminary: false,
        matched_skills: vec!["Rust".into(), "PostgreSQL".into()],
        missing_skills: vec!["Kubernetes".into()],
        factors: vec![
            Factor {
                kind: FactorKind::Experience,
                fit: Some(1.0),
                points: 15.0,
                max_points: 15.0,
                note: "опыт 4 года, нужно 3–6 лет".into(),
            },
            Factor {
                kind: FactorKind::Salary,
                fit: None,
                points: 5.0,
                max_points: 10.0,
                note: "зарплата не указана".into(),
            },
        ],
        summary: "Подходит: есть Rust и PostgreSQL, не хватает Kubernetes.".into(),
    }
}

fn vacancy() -> VacancyView {
    VacancyView {
        vacancy_id: "123".into(),
        name: "Rust-разработчик".into(),
        employer: "Ромашка".into(),
        report: Some(report()),
        resume: Some(ResumeChoice {
            id: "r1".into(),
            title: "Backend-разработчик".into(),
        }),
        letter: "Здравствуйте! Меня заинтересовала вакансия.".into(),
        letter_required: true,
        relation: None,
        collapsed: false,
        notice: None,
        reply_blocked: None,
    }
}

/// A worker that shows `view` and answers a reply with `outcome`.
fn overlay_worker(view: VacancyView, outcome: ReplyOutcome) -> MockConnector {
    MockConnector::new(move |request| match request {
        Request::GetVacancyView { .. } => Response::VacancyView {
            view: Box::new(view.clone()),
        },
        Request::SendReply { .. } => Response::Reply {
            outcome: outcome.clone(),
        },
        _ => Response::Ok,
    })
}

fn sent() -> ReplyOutcome {
    ReplyOutcome::Sent {
        negotiation_id: "9".into(),
        url: "https://hh.ru/applicant/negotiations/item?topicId=9".into(),
    }
}

fn mount_overlay(mock: &MockConnector) -> HtmlElement {
    mount(mock, || {
        view! { <Overlay vacancy_id="123".to_string() /> }.into_any()
    })
}

async fn overlay_ready(root: &Element) {
    until("the vacancy card", || find(root, ".overlay-card").is_some()).await;
}

fn status(logged_in: bool) -> Status {
    Status {
        logged_in,
        app_configured: logged_in,
        channel: Channel::Api,
        channel_reason: None,
        user_name: logged_in.then(|| "Иван Петров".into()),
        resumes: vec![
            ResumeChoice {
                id: "r1".into(),
                title: "Backend-разработчик".into(),
            },
            ResumeChoice {
                id: "r2".into(),
                title: "Team lead".into(),
            },
        ],
        chosen_resume: Some("r1".into()),
        quota: Quota {
            used: 3,
            limit: 200,
            user_cap: None,
            next_at_ms: None,
        },
        redirect_url: "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/".into(),
        raise: None,
        current_employer: None,
        updates: 0,
        page_problems: Vec::new(),
        site_problem: None,
        profile: None,
    }
}

fn reply(name: &str, state: &str, unread: u32) -> ReplySummary {
    ReplySummary {
        vacancy_id: "1".into(),
        vacancy_name: name.into(),
        employer: "Ромашка".into(),
        created_at: "2025-11-20T12:34:56+0300".into(),
        state: state.into(),
        unread_messages: unread,
        url: "https://hh.ru/vacancy/1".into(),
    }
}

// ---------- overlay ----------

#[wasm_bindgen_test]
async fn overlay_shows_the_score_skills_factors_and_resume() {
    let mock = overlay_worker(vacancy(), sent());
    let root = mount_overlay(&mock);
    overlay_ready(&root).await;

    let score = get(&root, ".score");
    assert_eq!(text(&score), "82");
    assert!(score.class_list().contains("band-good"));
    assert_eq!(all_texts(&root, ".chip-matched"), ["Rust", "PostgreSQL"]);
    assert_eq!(all_texts(&root, ".chip-missing"), ["Kubernetes"]);
    let factors = all_texts(&root, ".factor");
    assert!(
        factors[0].contains("Опыт")
            && factors[0].contains("опыт 4 года")
            && factors[0].contains("15 / 15"),
        "{factors:?}"
    );
    assert!(
        factors[1].contains("Зарплата") && factors[1].contains("5 / 10"),
        "{factors:?}"
    );
    assert!(text(&get(&root, ".summary")).contains("не хватает Kubernetes"));
    assert_eq!(text(&get(&root, ".resume-title")), "Backend-разработчик");
    assert!(text(&get(&root, ".letter")).contains("обязательно"));
    let letter = get(&root, "textarea").unchecked_into::<HtmlTextAreaElement>();
    assert_eq!(
        letter.value(),
        "Здравствуйте! Меня заинтересовала вакансия."
    );
    assert_eq!(
        mock.requests()[0],
        Request::GetVacancyView {
            vacancy_id: "123".into()
        }
    );
}

#[wasm_bindgen_test]
async fn overlay_colours_a_middling_score_amber_and_marks_a_preliminary_one() {
    let mut view = vacancy();
    view.report = Some(MatchReport {
        score: 55,
        preliminary: true,
        ..report()
    });
    let root = mount_overlay(&overlay_worker(view, sent()));
    overlay_ready(&root).await;
    assert!(get(&root, ".score").class_list().contains("band-fair"));
    assert!(text(&get(&root, ".ov-title")).contains("предварительно"));
}

#[wasm_bindgen_test]
async fn letter_counter_turns_red_over_the_limit_and_blocks_sending() {
    let root = mount_overlay(&overlay_worker(vacancy(), sent()));
    overlay_ready(&root).await;
    let area = get(&root, "textarea");
    let counter = get(&root, ".counter");
    assert_eq!(text(&counter), "43 / 10\u{a0}000");

    type_text(&area, &"я".repeat(10_001));
    until("the counter to turn red", || {
        counter.class_list().contains("over")
    })
    .await;
    assert_eq!(text(&counter), "10\u{a0}001 / 10\u{a0}000");
    assert!(is_disabled(&get(&root, "button.send")));

    type_text(&area, &"я".repeat(10_000));
    until("the counter to calm down", || {
        !counter.class_list().contains("over")
    })
    .await;
    assert!(!is_disabled(&get(&root, "button.send")));
}

#[wasm_bindgen_test]
async fn letter_with_a_link_gets_a_spam_warning() {
    let root = mount_overlay(&overlay_worker(vacancy(), sent()));
    overlay_ready(&root).await;
    let area = get(&root, "textarea");
    assert!(find(&root, ".link-warning").is_none());

    type_text(&area, "Моё портфолио: t.me/ivan");
    until("the link warning", || {
        find(&root, ".link-warning").is_some()
    })
    .await;
    assert_eq!(
        text(&get(&root, ".link-warning")),
        "Ссылки в письме могут отправить отклик в спам"
    );

    type_text(&area, "Опыт с ASP.NET и Node.js — пять лет.");
    until("the warning to go", || {
        find(&root, ".link-warning").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_required_letter_left_empty_blocks_sending() {
    let root = mount_overlay(&overlay_worker(vacancy(), sent()));
    overlay_ready(&root).await;
    type_text(&get(&root, "textarea"), "   ");
    until("the send button to be disabled", || {
        is_disabled(&get(&root, "button.send"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn drafts_are_saved_once_after_typing_stops() {
    let mock = overlay_worker(vacancy(), sent());
    let root = mount_overlay(&mock);
    overlay_ready(&root).await;
    let area = get(&root, "textarea");
    type_text(&area, "Здравствуйте");
    type_text(&area, "Здравствуйте, я");
    type_text(&area, "Здравствуйте, я Иван");
    let drafts = || {
        mock.requests()
            .into_iter()
            .filter(|r| matches!(r, Request::SaveDraft { .. }))
            .collect::<Vec<_>>()
    };
    assert!(drafts().is_empty(), "saved before the pause");
    until("the draft to be saved", || !drafts().is_empty()).await;
    assert_eq!(
        drafts(),
        [Request::SaveDraft {
            vacancy_id: "123".into(),
            letter: "Здравствуйте, я Иван".into()
        }]
    );
}

#[wasm_bindgen_test]
async fn sending_shows_sent_with_a_link_to_the_conversation() {
    let mock = overlay_worker(vacancy(), sent());
    let root = mount_overlay(&mock);
    overlay_ready(&root).await;
    type_text(&get(&root, "textarea"), "Добрый день!");
    until("the letter to be taken", || {
        text(&get(&root, ".counter")).starts_with("12 ")
    })
    .await;
    let button = get(&root, "button.send");
    assert_eq!(text(&button), "Откликнуться");
    click(&button);

    until("the sent state", || find(&root, ".chat-link").is_some()).await;
    assert!(text(&get(&root, ".reply")).contains("Отклик отправлен"));
    let link = get(&root, ".chat-link");
    assert_eq!(text(&link), "Открыть переписку");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://hh.ru/applicant/negotiations/item?topicId=9")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert!(
        find(&root, "button.send").is_none(),
        "no second reply from the same overlay"
    );
    let sends: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| matches!(r, Request::SendReply { .. }))
        .collect();
    assert_eq!(
        sends,
        [Request::SendReply {
            vacancy_id: "123".into(),
            resume_id: "r1".into(),
            letter: "Добрый день!".into()
        }]
    );
}

/// A worker that holds the reply back until the test lets it go.
struct HeldReply {
    released: Arc<AtomicBool>,
}

impl Connector for HeldReply {
    fn ask(&self, request: Request) -> Pending {
        let released = self.released.clone();
        Box::pin(async move {
            match request {
                Request::GetVacancyView { .. } => Response::VacancyView {
                    view: Box::new(vacancy()),
                },
                Request::SendReply { .. } => {
                    while !released.load(Ordering::SeqCst) {
                        pause(5).await;
                    }
                    Response::Reply { outcome: sent() }
                }
                _ => Response::Ok,
            }
        })
    }
}

#[wasm_bindgen_test]
async fn while_sending_the_button_says_so_and_cannot_be_pressed_again() {
    let released = Arc::new(AtomicBool::new(false));
    let worker = Worker::new(HeldReply {
        released: released.clone(),
    });
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), move || {
        worker.provide();
        view! { <Overlay vacancy_id="123".to_string() /> }
    })
    .forget();
    overlay_ready(&root).await;

    click(&get(&root, "button.send"));
    until("the sending state", || {
        text(&get(&root, "button.send")) == "Отправляем…"
    })
    .await;
    assert!(is_disabled(&get(&root, "button.send")));

    released.store(true, Ordering::SeqCst);
    until("the sent state", || find(&root, ".chat-link").is_some()).await;
}

#[wasm_bindgen_test]
async fn the_overlay_tells_the_page_its_height() {
    let heights = Arc::new(std::sync::Mutex::new(Vec::<f64>::new()));
    let seen = heights.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
        move |event: web_sys::MessageEvent| {
            let height =
                js_sys::Reflect::get(&event.data(), &JsValue::from_str("hhAgentOverlayHeight"))
                    .ok()
                    .and_then(|v| v.as_f64());
            if let Some(height) = height {
                seen.lock().unwrap().push(height);
            }
        },
    );
    window()
        .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
        .unwrap();

    let root = mount_overlay(&overlay_worker(vacancy(), sent()));
    overlay_ready(&root).await;
    until("a height message", || {
        heights.lock().unwrap().iter().any(|h| *h > 200.0)
    })
    .await;
    window()
        .remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
        .unwrap();
}

#[wasm_bindgen_test]
async fn an_unknown_page_name_is_reported() {
    let root = mount(&overlay_worker(vacancy(), sent()), || page_view("sidebar"));
    until("the message", || {
        text(&root) == "Неизвестная страница расширения."
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_captcha_failure_offers_a_button_to_solve_it_and_keeps_the_reply_button() {
    let error = UserError::new(
        "captcha_required",
        "hh.ru просит пройти проверку «я не робот».",
    )
    .with_url("https://hh.ru/account/captcha?backurl=https%3A%2F%2Fhh.ru%2Fvacancy%2F123");
    let root = mount_overlay(&overlay_worker(vacancy(), ReplyOutcome::Failed { error }));
    overlay_ready(&root).await;
    click(&get(&root, "button.send"));
    until("the captcha button", || {
        find(&root, "button.captcha").is_some()
    })
    .await;
    assert_eq!(text(&get(&root, "button.captcha")), "Пройти проверку hh.ru");
    assert!(text(&get(&root, ".reply")).contains("hh.ru просит пройти проверку"));
    assert!(
        !is_disabled(&get(&root, "button.send")),
        "the user may try again after the check"
    );
}

#[wasm_bindgen_test]
async fn a_test_requirement_links_to_the_vacancy_on_hh() {
    let error = UserError::new("test_required", "Работодатель просит пройти тест.");
    let root = mount_overlay(&overlay_worker(vacancy(), ReplyOutcome::Failed { error }));
    overlay_ready(&root).await;
    click(&get(&root, "button.send"));
    until("the test link", || find(&root, ".test-link").is_some()).await;
    assert_eq!(
        get(&root, ".test-link").get_attribute("href").as_deref(),
        Some("https://hh.ru/vacancy/123")
    );
    assert!(text(&get(&root, ".reply")).contains("Работодатель просит пройти тест."));
}

#[wasm_bindgen_test]
async fn already_applied_and_unconfirmed_are_shown_without_a_button() {
    let error = UserError::new("already_applied", "Вы уже откликались.");
    let root = mount_overlay(&overlay_worker(vacancy(), ReplyOutcome::Failed { error }));
    overlay_ready(&root).await;
    click(&get(&root, "button.send"));
    until("the done state", || {
        text(&get(&root, ".reply")).contains("Вы уже откликнулись")
    })
    .await;
    assert!(find(&root, "button.send").is_none());

    let unconfirmed = ReplyOutcome::Unconfirmed {
        reason: "hh.ru не показал отклик в списке".into(),
    };
    let root = mount_overlay(&overlay_worker(vacancy(), unconfirmed));
    overlay_ready(&root).await;
    click(&get(&root, "button.send"));
    until("the warning", || find(&root, ".unconfirmed").is_some()).await;
    assert_eq!(
        text(&get(&root, ".unconfirmed")),
        "Отклик не подтверждён: hh.ru не показал отклик в списке"
    );
    assert!(find(&root, "button.send").is_none());
}

#[wasm_bindgen_test]
async fn an_existing_relation_replaces_the_button_and_the_notice_is_shown() {
    let mut view = vacancy();
    view.relation = Some("got_invitation".into());
    view.notice = Some("Войдите через hh.ru в меню расширения".into());
    let root = mount_overlay(&overlay_worker(view, sent()));
    overlay_ready(&root).await;
    assert_eq!(text(&get(&root, ".result")), "Приглашение");
    assert_eq!(
        text(&get(&root, ".notice")),
        "Войдите через hh.ru в меню расширения"
    );
    assert!(find(&root, "button.send").is_none());
}

#[wasm_bindgen_test]
async fn collapsing_leaves_a_score_pill_and_is_remembered() {
    let mock = overlay_worker(vacancy(), sent());
    let root = mount_overlay(&mock);
    overlay_ready(&root).await;
    click(&get(&root, ".ov-head .icon-btn"));
    until("the pill", || find(&root, ".pill").is_some()).await;
    assert_eq!(text(&get(&root, ".pill")), "82");
    assert!(find(&root, ".overlay-card").is_none());
    until("the state to be saved", || {
        mock.requests()
            .contains(&Request::SetOverlayCollapsed { collapsed: true })
    })
    .await;

    click(&get(&root, ".pill"));
    overlay_ready(&root).await;
    until("the state to be saved", || {
        mock.requests()
            .contains(&Request::SetOverlayCollapsed { collapsed: false })
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_view_saved_as_collapsed_opens_as_a_pill() {
    let mut view = vacancy();
    view.collapsed = true;
    view.report = Some(MatchReport {
        score: 12,
        ..report()
    });
    let root = mount_overlay(&overlay_worker(view, sent()));
    until("the pill", || find(&root, ".pill").is_some()).await;
    assert!(get(&root, ".pill").class_list().contains("band-low"));
}

#[wasm_bindgen_test]
async fn a_worker_error_is_shown_in_russian() {
    let mock = MockConnector::new(|_| Response::Error {
        error: UserError::new("worker_unreachable", "Расширение не ответило: нет связи"),
    });
    let root = mount_overlay(&mock);
    until("the error", || find(&root, ".error").is_some()).await;
    assert_eq!(
        text(&get(&root, ".error")),
        "Расширение не ответило: нет связи"
    );
}

// ---------- popup ----------

#[wasm_bindgen_test]
async fn popup_names_the_page_markup_hh_ru_changed() {
    let problem = "Страница вакансии изменилась на hh.ru: не найдено vacancy.salary";
    let mock = MockConnector::new(move |request| match request {
        Request::GetStatus => Response::Status {
            status: Box::new(Status {
                page_problems: vec![problem.into()],
                ..status(false)
            }),
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the health line", || find(&root, ".page-problem").is_some()).await;
    assert_eq!(text(&get(&root, ".page-problem")), problem);
}

#[wasm_bindgen_test]
async fn popup_logged_out_offers_login_and_explains_the_missing_app() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus => Response::Status {
            status: Box::new(status(false)),
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the login button", || find(&root, ".login-btn").is_some()).await;
    let login = get(&root, ".login-btn");
    assert_eq!(text(&login), "Войти через hh.ru");
    assert!(text(&get(&root, ".app-hint")).contains("Client ID"));
    assert_eq!(text(&get(&root, ".channel")), "Канал: API hh.ru");

    click(&login);
    until("the status to be read again", || {
        mock.requests()
            .iter()
            .filter(|r| **r == Request::GetStatus)
            .count()
            == 2
    })
    .await;
    assert_eq!(mock.requests()[1], Request::Login);
    assert!(
        !mock.requests().contains(&Request::GetRecentReplies),
        "no replies are asked while logged out"
    );
}

#[wasm_bindgen_test]
async fn popup_shows_a_failed_login_in_russian() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus => Response::Status {
            status: Box::new(Status {
                app_configured: true,
                ..status(false)
            }),
        },
        Request::Login => Response::Error {
            error: UserError::new("login_cancelled", "Вход отменён."),
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the login button", || find(&root, ".login-btn").is_some()).await;
    assert!(find(&root, ".app-hint").is_none());
    click(&get(&root, ".login-btn"));
    until("the error", || find(&root, ".action-error").is_some()).await;
    assert_eq!(text(&get(&root, ".action-error")), "Вход отменён.");
}

#[wasm_bindgen_test]
async fn popup_in_the_page_channel_shows_the_profile_and_lets_the_user_correct_skills() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus | Request::SaveSkills { .. } => Response::Status {
            status: Box::new(Status {
                channel: Channel::Pages,
                profile: Some(Profile {
                    resume_id: "r1".into(),
                    title: "Backend-разработчик".into(),
                    skills: vec!["Python".into(), "Django".into()],
                    skills_edited: false,
                    experience_months: Some(50),
                    area: Some("Москва".into()),
                    salary: Some("250 000 ₽".into()),
                }),
                ..status(false)
            }),
        },
        Request::GetRecentReplies => Response::RecentReplies {
            replies: vec![reply("Rust-разработчик", "viewed", 0)],
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the profile", || find(&root, ".profile").is_some()).await;
    assert!(find(&root, ".logout").is_none(), "no OAuth session to end");
    assert!(find(&root, ".site-account").is_some());
    assert_eq!(all_texts(&root, ".profile .skill"), ["Python", "Django"]);
    assert_eq!(
        text(&get(&root, ".profile-facts")),
        "Опыт: 4 г. 2 мес. · Москва · 250 000 ₽"
    );
    until("the replies", || find(&root, ".replies li").is_some()).await;
    assert!(text(&get(&root, ".replies")).contains("Просмотрен"));
    click(&get(&root, ".skills-edit"));
    type_text(&get(&root, ".skills-input"), "Rust, Tokio ,");
    click(&get(&root, ".skills-save"));
    until("the save", || {
        mock.requests()
            .iter()
            .any(|r| matches!(r, Request::SaveSkills { .. }))
    })
    .await;
    let saved = mock.requests().into_iter().find_map(|r| match r {
        Request::SaveSkills { resume_id, skills } => Some((resume_id, skills)),
        _ => None,
    });
    assert_eq!(
        saved,
        Some((
            "r1".to_string(),
            Some(vec!["Rust".to_string(), "Tokio".to_string(), String::new()])
        ))
    );
}

#[wasm_bindgen_test]
async fn popup_in_the_page_channel_without_an_hh_session_links_to_the_login() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus | Request::Refresh => Response::Status {
            status: Box::new(Status {
                channel: Channel::Pages,
                resumes: Vec::new(),
                site_problem: Some(
                    UserError::new("site_login_required", "Войдите на hh.ru в этом браузере.")
                        .with_url("https://hh.ru/account/login"),
                ),
                ..status(false)
            }),
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the problem", || find(&root, ".site-problem").is_some()).await;
    assert_eq!(
        get(&root, ".site-login").get_attribute("href").as_deref(),
        Some("https://hh.ru/account/login")
    );
    click(&get(&root, ".read-site"));
    until("a new read", || mock.requests().contains(&Request::Refresh)).await;
}

#[wasm_bindgen_test]
async fn popup_logged_in_shows_user_quota_channel_and_recent_replies() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus => Response::Status {
            status: Box::new(Status {
                channel: Channel::Pages,
                channel_reason: Some("приложение hh.ru не указано".into()),
                quota: Quota {
                    used: 50,
                    limit: 200,
                    user_cap: None,
                    next_at_ms: None,
                },
                ..status(true)
            }),
        },
        Request::GetRecentReplies => Response::RecentReplies {
            replies: vec![
                reply("Rust-разработчик", "invitation", 2),
                reply("Go-разработчик", "hired", 0),
            ],
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the replies", || find(&root, ".reply-row").is_some()).await;

    assert_eq!(text(&get(&root, ".user-name")), "Иван Петров");
    assert_eq!(text(&get(&root, ".quota-text")), "50 из 200 за 24 часа");
    assert_eq!(
        get(&root, ".bar-fill").get_attribute("style").as_deref(),
        Some("width: 25%;")
    );
    assert_eq!(
        text(&get(&root, ".channel")),
        "Канал: страницы hh.ru — приложение hh.ru не указано"
    );
    let rows = all_texts(&root, ".reply-row");
    assert!(
        rows[0].contains("Rust-разработчик")
            && rows[0].contains("Приглашение")
            && rows[0].contains("20.11.2025"),
        "{rows:?}"
    );
    assert!(rows[0].contains("непрочитанных: 2"), "{rows:?}");
    assert!(
        rows[1].contains("hired") && !rows[1].contains("непрочитанных"),
        "unknown states are shown verbatim: {rows:?}"
    );
    let link = get(&root, ".reply-title");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://hh.ru/vacancy/1")
    );

    let select = get(&root, ".resume-select").unchecked_into::<web_sys::HtmlSelectElement>();
    assert_eq!(select.value(), "r1");
    select.set_value("r2");
    fire(&select, "change");
    until("the resume choice", || {
        mock.requests().contains(&Request::ChooseResume {
            resume_id: "r2".into(),
        })
    })
    .await;

    click(&get(&root, ".logout"));
    until("the logout", || mock.requests().contains(&Request::Logout)).await;
}

#[wasm_bindgen_test]
async fn popup_tells_when_the_next_reply_is_possible_at_the_limit() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus => Response::Status {
            status: Box::new(Status {
                quota: Quota {
                    used: 200,
                    limit: 200,
                    user_cap: None,
                    next_at_ms: Some(1_764_000_000_000),
                },
                ..status(true)
            }),
        },
        Request::GetRecentReplies => Response::RecentReplies { replies: vec![] },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the quota", || find(&root, ".quota-next").is_some()).await;
    assert!(get(&root, ".quota").class_list().contains("full"));
    assert!(text(&get(&root, ".quota-next")).starts_with("Следующий отклик — после "));
    until("the empty list", || {
        text(&get(&root, ".recent")).contains("Откликов пока нет.")
    })
    .await;
}

#[wasm_bindgen_test]
async fn popup_shows_the_users_cap_the_news_and_raises_the_resume() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus | Request::PublishResume { .. } => Response::Status {
            status: Box::new(Status {
                quota: Quota {
                    used: 12,
                    limit: 40,
                    user_cap: Some(40),
                    next_at_ms: None,
                },
                raise: Some(ResumeRaise {
                    resume_id: "r1".into(),
                    next_at_ms: None,
                    available: true,
                }),
                updates: 2,
                ..status(true)
            }),
        },
        Request::GetRecentReplies => Response::RecentReplies { replies: vec![] },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the raise button", || find(&root, ".raise-btn").is_some()).await;
    assert_eq!(text(&get(&root, ".quota-text")), "12 из 200 за 24 часа");
    assert_eq!(
        text(&get(&root, ".quota-cap")),
        "Ваш собственный лимит — 40 за 24 часа"
    );
    assert_eq!(
        get(&root, ".bar-fill").get_attribute("style").as_deref(),
        Some("width: 30%;"),
        "the bar fills up to the user's own cap"
    );
    assert_eq!(text(&get(&root, ".updates")), "новое: 2");

    click(&get(&root, ".raise-btn"));
    until("the raise", || find(&root, ".action-ok").is_some()).await;
    assert!(mock.requests().contains(&Request::PublishResume {
        resume_id: "r1".into()
    }));
    assert_eq!(
        text(&get(&root, ".action-ok")),
        "Резюме поднято в поиске hh.ru."
    );
}

#[wasm_bindgen_test]
async fn popup_says_when_the_resume_can_be_raised_and_refresh_asks_hh_ru_again() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus | Request::Refresh => Response::Status {
            status: Box::new(Status {
                raise: Some(ResumeRaise {
                    resume_id: "r1".into(),
                    next_at_ms: Some(1_764_000_000_000),
                    available: false,
                }),
                ..status(true)
            }),
        },
        Request::GetRecentReplies => Response::RecentReplies { replies: vec![] },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the raise time", || find(&root, ".raise-next").is_some()).await;
    assert!(find(&root, ".raise-btn").is_none());
    assert!(text(&get(&root, ".raise-next")).starts_with("Поднять резюме снова можно после "));
    assert!(find(&root, ".quota-cap").is_none(), "no own cap, no line");

    click(&get(&root, ".refresh"));
    until("the refresh", || {
        mock.requests().contains(&Request::Refresh)
    })
    .await;
}

#[wasm_bindgen_test]
async fn popup_shows_the_funnel_when_asked() {
    let mock = MockConnector::new(|request| match request {
        Request::GetStatus => Response::Status {
            status: Box::new(status(true)),
        },
        Request::GetRecentReplies => Response::RecentReplies { replies: vec![] },
        Request::GetFunnel => Response::Funnel {
            funnel: Funnel {
                days: 30,
                total: FunnelCounts {
                    replies: 10,
                    viewed: 6,
                    invitations: 2,
                    refusals: 3,
                },
                bands: vec![FunnelBand {
                    label: "70–100".into(),
                    counts: FunnelCounts {
                        replies: 4,
                        viewed: 3,
                        invitations: 2,
                        refusals: 0,
                    },
                }],
            },
        },
        _ => Response::Ok,
    });
    let root = mount(&mock, || view! { <Popup /> }.into_any());
    until("the funnel button", || find(&root, ".funnel-btn").is_some()).await;
    assert!(
        !mock.requests().contains(&Request::GetFunnel),
        "the funnel is read only on demand"
    );
    click(&get(&root, ".funnel-btn"));
    until("the funnel", || find(&root, ".funnel-table").is_some()).await;
    assert_eq!(
        all_texts(&root, ".funnel-table thead th"),
        ["Оценка", "Все", "70–100"]
    );
    let rows = all_texts(&root, ".funnel-table tbody tr");
    assert_eq!(
        rows,
        ["Откликов104", "Просмотрено63", "Приглашений22", "Отказов30"]
    );
}

// ---------- options ----------

fn saved_settings() -> Settings {
    Settings {
        client_id: "MYAPPID".into(),
        client_secret: "secret".into(),
        contact_email: "me@example.org".into(),
        daily_cap: 40,
        excluded_employers: vec!["Рога и копыта".into()],
        ..Settings::default()
    }
}

fn options_worker() -> MockConnector {
    MockConnector::new(|request| match request {
        Request::GetSettings => Response::Settings {
            settings: Box::new(saved_settings()),
        },
        Request::GetStatus => Response::Status {
            status: Box::new(status(false)),
        },
        _ => Response::Ok,
    })
}

fn field_value(root: &Element, name: &str) -> String {
    let el = get(root, &format!("[name={name}]"));
    match el.dyn_ref::<HtmlTextAreaElement>() {
        Some(area) => area.value(),
        None => el.unchecked_into::<HtmlInputElement>().value(),
    }
}

async fn options_ready(mock: &MockConnector) -> HtmlElement {
    let root = mount(mock, || view! { <Options /> }.into_any());
    until("the settings", || {
        field_value(&root, "client_id") == "MYAPPID"
    })
    .await;
    root
}

async fn pick_file(root: &Element, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let file = web_sys::File::new_with_str_sequence(&parts, "settings.json").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input = get(root, "input[type=file]").unchecked_into::<HtmlInputElement>();
    input.set_files(transfer.files().as_ref());
    fire(&input, "change");
}

#[wasm_bindgen_test]
async fn options_load_the_settings_and_show_the_redirect_url() {
    let mock = options_worker();
    let root = options_ready(&mock).await;
    assert_eq!(field_value(&root, "client_secret"), "secret");
    assert_eq!(
        get(&root, "[name=client_secret]")
            .get_attribute("type")
            .as_deref(),
        Some("password")
    );
    assert_eq!(field_value(&root, "daily_cap"), "40");
    assert_eq!(field_value(&root, "excluded_employers"), "Рога и копыта");
    until("the redirect URL", || {
        field_value(&root, "redirect_url").ends_with(".chromiumapp.org/")
    })
    .await;
    assert!(text(&root).contains("{first_name}"));
    assert!(
        text(&root).contains("{experience} — ваш опыт"),
        "every placeholder of the letter module is explained"
    );
}

#[wasm_bindgen_test]
async fn options_offer_to_exclude_the_current_employer() {
    let mock = MockConnector::new(|request| match request {
        Request::GetSettings => Response::Settings {
            settings: Box::new(saved_settings()),
        },
        Request::GetStatus => Response::Status {
            status: Box::new(Status {
                current_employer: Some("ООО «Облачные решения»".into()),
                ..status(true)
            }),
        },
        _ => Response::Ok,
    });
    let root = options_ready(&mock).await;
    until("the offer", || find(&root, ".exclude-current").is_some()).await;
    assert!(text(&get(&root, ".exclude-current"))
        .contains("текущее место работы — ООО «Облачные решения»."));
    click(&get(&root, ".exclude-current-btn"));
    until("the employer excluded", || {
        field_value(&root, "excluded_employers") == "Рога и копыта\nООО «Облачные решения»"
    })
    .await;
    until("the offer gone", || {
        find(&root, ".exclude-current").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn importing_a_broken_file_shows_why_and_keeps_the_form() {
    let mock = options_worker();
    let root = options_ready(&mock).await;
    type_text(&get(&root, "[name=contact_email]"), "edited@example.org");

    pick_file(&root, "{ this is not json").await;
    until("the error", || find(&root, ".message.error").is_some()).await;
    assert!(text(&get(&root, ".message.error")).starts_with("Файл настроек не читается"));
    assert_eq!(field_value(&root, "client_id"), "MYAPPID");
    assert_eq!(field_value(&root, "contact_email"), "edited@example.org");

    assert!(text(&get(&root, ".message.error")).ends_with("текущие настройки не изменены."));

    pick_file(&root, r#"{"daily_cap": 500}"#).await;
    until("the range error", || text(&root).contains("от 1 до 200")).await;
    assert_eq!(field_value(&root, "daily_cap"), "40");

    pick_file(&root, r#"{"name": "some other app"}"#).await;
    until("the foreign file error", || {
        text(&root).contains("В файле нет настроек HH Job Agent.")
    })
    .await;
    assert_eq!(field_value(&root, "client_id"), "MYAPPID");
    assert!(!mock
        .requests()
        .iter()
        .any(|r| matches!(r, Request::SaveSettings { .. })));
}

#[wasm_bindgen_test]
async fn importing_a_good_file_fills_the_form_and_saving_sends_it() {
    let mock = options_worker();
    let root = options_ready(&mock).await;
    pick_file(&root, r#"{"client_id": "FROMFILE", "client_secret": "s2", "daily_cap": 10, "excluded_words": ["стажёр", "1С"]}"#).await;
    until("the imported values", || {
        field_value(&root, "client_id") == "FROMFILE"
    })
    .await;
    assert_eq!(field_value(&root, "excluded_words"), "стажёр\n1С");
    assert!(find(&root, ".message.ok").is_some());

    type_text(
        &get(&root, "[name=excluded_words]"),
        "стажёр\n\n  1С  \nпродажи\n",
    );
    click(&get(&root, "button.save"));
    until("the save", || text(&root).contains("Сохранено")).await;
    let saved = mock.requests().into_iter().find_map(|r| match r {
        Request::SaveSettings { settings } => Some(settings),
        _ => None,
    });
    let saved = saved.expect("a SaveSettings request");
    assert_eq!(saved.client_id, "FROMFILE");
    assert_eq!(saved.daily_cap, 10);
    assert_eq!(saved.excluded_words, ["стажёр", "1С", "продажи"]);
}

#[wasm_bindgen_test]
async fn saving_a_bad_number_is_refused_before_the_worker() {
    let mock = options_worker();
    let root = options_ready(&mock).await;
    type_text(&get(&root, "[name=daily_cap]"), "много");
    click(&get(&root, "button.save"));
    until("the error", || find(&root, ".message.error").is_some()).await;
    assert_eq!(
        text(&get(&root, ".message.error")),
        "Лимит откликов: введите целое число от 1 до 200."
    );
    assert!(!mock
        .requests()
        .iter()
        .any(|r| matches!(r, Request::SaveSettings { .. })));
}

#[wasm_bindgen_test]
async fn a_refused_save_shows_the_workers_message() {
    let mock = MockConnector::new(|request| match request {
        Request::GetSettings => Response::Settings {
            settings: Box::new(saved_settings()),
        },
        Request::SaveSettings { .. } => Response::Error {
            error: UserError::new("storage", "Не удалось сохранить настройки."),
        },
        _ => Response::Ok,
    });
    let root = options_ready(&mock).await;
    click(&get(&root, "button.save"));
    until("the error", || find(&root, ".message.error").is_some()).await;
    assert_eq!(
        text(&get(&root, ".message.error")),
        "Не удалось сохранить настройки."
    );
}
