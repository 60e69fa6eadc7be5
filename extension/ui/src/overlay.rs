//! The vacancy-page overlay: the score and its reasons, the letter editor and the reply button.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hh_job_agent::matching::report::{Factor, FactorKind, MatchReport};
use hh_job_agent::protocol::{ReplyOutcome, Request, Response, UserError, VacancyView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::connector::{unexpected, use_worker};
use crate::i18n::{t, tf};

pub use hh_job_agent::letters::{contains_link, letter_length, LETTER_LIMIT};

/// The draft is saved this long after the user stops typing.
const DRAFT_DELAY: Duration = Duration::from_millis(500);

/// 10000 → «10 000» (non-breaking space between groups, as Russian typography does).
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// The CSS class for a score: ≥70 good (green), 40–69 fair (amber), below 40 low (grey).
pub fn score_band(score: u8) -> &'static str {
    match score {
        70.. => "band-good",
        40..=69 => "band-fair",
        _ => "band-low",
    }
}

/// How the user's existing relation to the vacancy reads.
pub fn relation_label(relation: &str) -> String {
    match relation {
        "got_response" => t("relation_response").to_string(),
        "got_invitation" => t("relation_invitation").to_string(),
        "got_rejection" => t("relation_rejection").to_string(),
        other => other.to_string(),
    }
}

fn factor_label(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Skills => t("factor_skills"),
        FactorKind::Title => t("factor_title"),
        FactorKind::Role => t("factor_role"),
        FactorKind::Experience => t("factor_experience"),
        FactorKind::Salary => t("factor_salary"),
        FactorKind::Format => t("factor_format"),
        FactorKind::Place => t("factor_place"),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Ready(Box<VacancyView>),
    Failed(UserError),
}

#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Done(ReplyOutcome),
}

/// The whole overlay for one vacancy; it asks the worker for everything it shows.
#[component]
pub fn Overlay(vacancy_id: String) -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let loaded = RwSignal::new(Loaded::Loading);
    let letter = RwSignal::new(String::new());
    let collapsed = RwSignal::new(false);

    if vacancy_id.trim().is_empty() {
        loaded.set(Loaded::Failed(UserError::new(
            "no_vacancy",
            t("no_vacancy"),
        )));
    } else {
        let w = worker.get_value();
        let id = vacancy_id.clone();
        spawn_local(async move {
            match w.ask(Request::GetVacancyView { vacancy_id: id }).await {
                Response::VacancyView { view } => {
                    letter.set(view.letter.clone());
                    collapsed.set(view.collapsed);
                    loaded.set(Loaded::Ready(view));
                }
                other => loaded.set(Loaded::Failed(unexpected(&other))),
            }
        });
    }

    let set_collapsed = move |value: bool| {
        collapsed.set(value);
        let w = worker.get_value();
        // Remembering the state is a nicety: a failure changes nothing the user sees now.
        spawn_local(async move {
            let _ = w
                .ask(Request::SetOverlayCollapsed { collapsed: value })
                .await;
        });
    };

    let root = NodeRef::<leptos::html::Div>::new();
    report_height(root);

    view! {
        <div class="hh-overlay" node_ref=root>
            {move || match loaded.get() {
                Loaded::Loading => view! { <div class="card muted">{t("loading")}</div> }.into_any(),
                Loaded::Failed(error) => {
                    view! { <div class="card"><p class="error">{error.message}</p></div> }.into_any()
                }
                Loaded::Ready(view) => {
                    if collapsed.get() {
                        let score = view.report.as_ref().map(|r| r.score);
                        view! {
                            <button
                                class=format!("pill {}", score.map(score_band).unwrap_or("band-low"))
                                title=t("expand")
                                on:click=move |_| set_collapsed(false)
                            >
                                {score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <VacancyCard view=*view letter=letter on_collapse=Callback::new(move |_| set_collapsed(true)) /> }
                            .into_any()
                    }
                }
            }}
        </div>
    }
}

#[component]
fn VacancyCard(
    view: VacancyView,
    letter: RwSignal<String>,
    on_collapse: Callback<()>,
) -> impl IntoView {
    let score = view.report.as_ref().map(|r| r.score);
    let band = score.map(score_band).unwrap_or("band-low");
    let preliminary = view.report.as_ref().is_some_and(|r| r.preliminary);
    let heading = if view.employer.is_empty() {
        view.name.clone()
    } else {
        format!("{} — {}", view.name, view.employer)
    };
    view! {
        <div class="card overlay-card">
            <header class="ov-head">
                <div class=format!("score {band}")>{score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</div>
                <div class="ov-head-text">
                    <div class="ov-title">
                        {t("score_title")}
                        {preliminary.then(|| view! { <span class="mark">{t("preliminary")}</span> })}
                    </div>
                    <div class="ov-name">{heading}</div>
                </div>
                <button class="icon-btn" title=t("collapse") aria-label=t("collapse") on:click=move |_| on_collapse.run(())>
                    "–"
                </button>
            </header>
            {view.notice.clone().map(|notice| view! { <p class="notice">{notice}</p> })}
            {match view.report.clone() {
                Some(report) => report_view(report).into_any(),
                None => view! { <p class="muted">{t("no_score")}</p> }.into_any(),
            }}
            <p class="resume-line">
                {match view.resume.clone() {
                    Some(resume) => view! { {t("resume")} ": " <b class="resume-title">{resume.title}</b> }.into_any(),
                    None => view! { <span class="muted">{t("no_resume")}</span> }.into_any(),
                }}
            </p>
            <LetterEditor vacancy_id=view.vacancy_id.clone() letter=letter required=view.letter_required />
            <ReplyArea view=view letter=letter />
        </div>
    }
}

fn report_view(report: MatchReport) -> impl IntoView {
    let chips = |skills: Vec<String>, class: &'static str| {
        skills
            .into_iter()
            .map(|s| view! { <li class=class>{s}</li> })
            .collect_view()
    };
    let has_matched = !report.matched_skills.is_empty();
    let has_missing = !report.missing_skills.is_empty();
    view! {
        <p class="summary">{report.summary}</p>
        {has_matched
            .then(|| {
                view! {
                    <div class="skills">
                        <div class="label">{t("matched_skills")}</div>
                        <ul class="chips matched">{chips(report.matched_skills, "chip chip-matched")}</ul>
                    </div>
                }
            })}
        {has_missing
            .then(|| {
                view! {
                    <div class="skills">
                        <div class="label">{t("missing_skills")}</div>
                        <ul class="chips missing">{chips(report.missing_skills, "chip chip-missing")}</ul>
                    </div>
                }
            })}
        {(!report.factors.is_empty())
            .then(|| {
                view! {
                    <details class="factors" open>
                        <summary>{t("factors")}</summary>
                        <ul>{report.factors.into_iter().map(factor_view).collect_view()}</ul>
                    </details>
                }
            })}
    }
}

fn factor_view(factor: Factor) -> impl IntoView {
    let unknown = factor.fit.is_none();
    view! {
        <li class="factor" class:unknown=unknown>
            <span class="factor-name">{factor_label(factor.kind)}</span>
            <span class="factor-note">{factor.note}</span>
            <span class="factor-points">{format!("{:.0} / {:.0}", factor.points, factor.max_points)}</span>
        </li>
    }
}

#[component]
pub(crate) fn LetterEditor(
    vacancy_id: String,
    letter: RwSignal<String>,
    required: bool,
) -> impl IntoView {
    // Plain values, not arena ones: the cleanup below runs while the component's own values are going away.
    let timer: Arc<Mutex<Option<TimeoutHandle>>> = Arc::default();
    let worker = use_worker();
    // A lost draft is only an inconvenience; the letter on screen is what gets sent.
    let save_now = move |text: String| {
        let w = worker.clone();
        let request = Request::SaveDraft {
            vacancy_id: vacancy_id.clone(),
            letter: text,
        };
        spawn_local(async move {
            let _ = w.ask(request).await;
        });
    };
    let on_input = {
        let (timer, save_now) = (timer.clone(), save_now.clone());
        move |ev: web_sys::Event| {
            letter.set(event_target_value(&ev));
            let mut slot = timer.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(pending) = slot.take() {
                pending.clear();
            }
            let (timer, save_now) = (timer.clone(), save_now.clone());
            let save = move || {
                timer.lock().unwrap_or_else(|e| e.into_inner()).take();
                save_now(letter.get_untracked());
            };
            *slot = set_timeout_with_handle(save, DRAFT_DELAY).ok();
        }
    };
    // Leaving the field or collapsing the overlay saves at once what is still waiting for the pause.
    let flush = move || {
        let pending = timer.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(pending) = pending {
            pending.clear();
            if let Some(text) = letter.try_get_untracked() {
                save_now(text);
            }
        }
    };
    let flush_on_blur = flush.clone();
    on_cleanup(flush);

    let length = move || letter.with(|l| letter_length(l));
    view! {
        <section class="letter">
            <label class="label" for="hh-letter">
                {t("letter")}
                {required.then(|| view! { <span class="mark required">{t("letter_required")}</span> })}
            </label>
            <textarea id="hh-letter" class="letter-text" rows="7" prop:value=move || letter.get() on:input=on_input on:blur=move |_| flush_on_blur()></textarea>
            <div class="letter-meta">
                <span class="counter" class:over=move || letter.with(|l| letter_length(l) > LETTER_LIMIT)>
                    {move || format!("{} / {}", group_thousands(length()), group_thousands(LETTER_LIMIT))}
                </span>
            </div>
            {move || {
                letter.with(|l| contains_link(l)).then(|| view! { <p class="warning link-warning">{t("letter_link_warning")}</p> })
            }}
        </section>
    }
}

#[component]
pub(crate) fn ReplyArea(view: VacancyView, letter: RwSignal<String>) -> impl IntoView {
    if let Some(relation) = view.relation.as_deref() {
        let class = if relation == "got_rejection" {
            "result rejected"
        } else {
            "result done"
        };
        return view! { <div class=class>{relation_label(relation)}</div> }.into_any();
    }
    if let Some(blocked) = view.reply_blocked.clone() {
        return view! { <div class="reply">{error_view(blocked, &view.vacancy_id)}</div> }
            .into_any();
    }
    let worker = StoredValue::new(use_worker());
    let sending = RwSignal::new(Sending::Idle);
    let vacancy_id = StoredValue::new(view.vacancy_id.clone());
    let resume_id = view.resume.map(|r| r.id);
    let has_resume = resume_id.is_some();
    let resume_id = StoredValue::new(resume_id.unwrap_or_default());
    let required = view.letter_required;

    let blocked_reason = move || {
        letter.with(|l| {
            if required && l.trim().is_empty() {
                Some(t("letter_empty_required"))
            } else if letter_length(l) > LETTER_LIMIT {
                Some(t("letter_too_long"))
            } else {
                None
            }
        })
    };
    let can_send =
        move || has_resume && sending.with(|s| *s != Sending::Busy) && blocked_reason().is_none();
    let send = move |_| {
        if !can_send() {
            return;
        }
        sending.set(Sending::Busy);
        let w = worker.get_value();
        let request = Request::SendReply {
            vacancy_id: vacancy_id.get_value(),
            resume_id: resume_id.get_value(),
            letter: letter.get_untracked(),
        };
        spawn_local(async move {
            let outcome = match w.ask(request).await {
                Response::Reply { outcome } => outcome,
                other => ReplyOutcome::Failed {
                    error: unexpected(&other),
                },
            };
            sending.set(Sending::Done(outcome));
        });
    };

    view! {
        <div class="reply">
            {move || match sending.get() {
                Sending::Done(outcome) => Some(outcome_view(outcome, &vacancy_id.get_value())),
                _ => None,
            }}
            {move || {
                let show_button = match sending.get() {
                    Sending::Idle | Sending::Busy => true,
                    Sending::Done(ReplyOutcome::Failed { error }) => error.code != "already_applied",
                    Sending::Done(_) => false,
                };
                show_button
                    .then(|| {
                        view! {
                            {move || blocked_reason().map(|r| view! { <p class="warning blocked-reason">{r}</p> })}
                            <button class="btn primary send" disabled=move || !can_send() on:click=send>
                                {move || if sending.get() == Sending::Busy { t("sending") } else { t("send") }}
                            </button>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}

fn outcome_view(outcome: ReplyOutcome, vacancy_id: &str) -> AnyView {
    match outcome {
        ReplyOutcome::Sent { url, .. } => view! {
            <div class="result done">
                <p>{t("sent")}</p>
                {(!url.is_empty()).then(|| view! { <a class="chat-link" href=url target="_blank" rel="noopener">{t("open_chat")}</a> })}
            </div>
        }
        .into_any(),
        ReplyOutcome::Unconfirmed { reason } => view! {
            <div class="result">
                <p class="warning unconfirmed">{tf("unconfirmed", &[("reason", reason)])}</p>
                <a class="replies-link" href="https://hh.ru/applicant/negotiations" target="_blank" rel="noopener">{t("check_replies")}</a>
            </div>
        }
        .into_any(),
        ReplyOutcome::Failed { error } => error_view(error, vacancy_id),
    }
}

fn error_view(error: UserError, vacancy_id: &str) -> AnyView {
    let code = error.code.clone();
    if code == "already_applied" {
        return view! { <div class="result done">{t("relation_response")}</div> }.into_any();
    }
    let action = match code.as_str() {
        "captcha_required" => {
            let url = error
                .url
                .clone()
                .unwrap_or_else(|| format!("https://hh.ru/vacancy/{vacancy_id}"));
            Some(
                view! { <button class="btn secondary captcha" on:click=move |_| open_in_new_tab(&url)>{t("solve_captcha")}</button> }
                    .into_any(),
            )
        }
        // hh.ru takes tests on the vacancy's own pages.
        "test_required" => Some(
            view! {
                <a class="btn secondary test-link" href=error.url.clone().unwrap_or_else(|| format!("https://hh.ru/vacancy/{vacancy_id}"))
                    target="_blank" rel="noopener">{t("take_test")}</a>
            }
            .into_any(),
        ),
        _ => error.url.clone().map(|url| {
            let (class, label) = match code.as_str() {
                "direct_vacancy" => ("direct-link", t("employer_site")),
                "applicant_access_refused" => ("form-link", t("reply_on_hh")),
                _ => ("error-link", t("open_on_hh")),
            };
            view! { <a class=format!("btn secondary {class}") href=url target="_blank" rel="noopener">{label}</a> }.into_any()
        }),
    };
    view! {
        <div class="result failed" data-code=code>
            <p class="error">{error.message}</p>
            {action}
        </div>
    }
    .into_any()
}

/// Opens a page of hh.ru in a new tab; the overlay is an extension page, so no chrome.* is needed.
fn open_in_new_tab(url: &str) {
    // A blocked pop-up leaves the button in place for another try.
    let _ = window().open_with_url_and_target(url, "_blank");
}

/// Tells the content script how tall the overlay is, so it can size the iframe.
fn report_height(root: NodeRef<leptos::html::Div>) {
    Effect::new(move |observing: Option<bool>| {
        if observing == Some(true) {
            return true;
        }
        let Some(element) = root.get() else {
            return false;
        };
        let element: web_sys::Element = element.into();
        let target = element.clone();
        let on_resize = Closure::<dyn Fn()>::new(move || post_height(&target));
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return false;
        };
        observer.observe(&element);
        // Both live as long as the overlay page itself.
        on_resize.forget();
        std::mem::forget(observer);
        true
    });
}

fn post_height(element: &web_sys::Element) {
    let height = element.get_bounding_client_rect().height().ceil();
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("hhAgentOverlayHeight"),
        &JsValue::from_f64(height),
    );
    if let Ok(Some(parent)) = window().parent() {
        let _ = parent.post_message(&message, "*");
    }
}
