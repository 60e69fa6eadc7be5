//! The toolbar popup: login, the chosen resume, the reply quota, the channel and the recent replies.

use hh_job_agent::protocol::{Channel, ReplySummary, Request, Response, Status, UserError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::connector::{unexpected, use_worker};
use crate::i18n::{t, tf};

/// How hh.ru's negotiation state reads; unknown states are shown as they came.
pub fn state_label(state: &str) -> String {
    match state {
        "response" => t("state_response").to_string(),
        "invitation" => t("state_invitation").to_string(),
        "discard" => t("state_discard").to_string(),
        other => other.to_string(),
    }
}

/// «2025-11-20T12:34:56+0300» → «20.11.2025»; anything else is shown as it came.
pub fn short_date(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    let well_formed = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(len, p)| p.len() == *len && p.bytes().all(|b| b.is_ascii_digit()));
    if well_formed {
        format!("{}.{}.{}", parts[2], parts[1], parts[0])
    } else {
        iso.to_string()
    }
}

/// Unix milliseconds as local «14:05, 21.11».
pub fn local_time(ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format!(
        "{:02}:{:02}, {:02}.{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_date(),
        date.get_month() + 1
    )
}

/// Opens the options page in a tab (only on click: tests have no `chrome`).
fn open_settings(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    spawn_local(async {
        // If the tab cannot open there is nothing better to do from a popup.
        let _ = hh_chrome::open_tab(&hh_chrome::extension_url("options.html")).await;
    });
}

#[component]
pub fn Popup() -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let status = RwSignal::new(None::<Result<Status, UserError>>);
    let replies = RwSignal::new(None::<Result<Vec<ReplySummary>, UserError>>);
    let busy = RwSignal::new(false);
    let action_error = RwSignal::new(None::<UserError>);

    let refresh = move || {
        let w = worker.get_value();
        spawn_local(async move {
            let answer = match w.ask(Request::GetStatus).await {
                Response::Status { status } => Ok(*status),
                other => Err(unexpected(&other)),
            };
            let logged_in = matches!(&answer, Ok(s) if s.logged_in);
            status.set(Some(answer));
            if !logged_in {
                replies.set(None);
                return;
            }
            let list = match w.ask(Request::GetRecentReplies).await {
                Response::RecentReplies { replies } => Ok(replies),
                other => Err(unexpected(&other)),
            };
            replies.set(Some(list));
        });
    };
    refresh();

    // Login, logout, resume choice: one request, then the status is read again.
    let act = move |request: Request| {
        busy.set(true);
        action_error.set(None);
        let w = worker.get_value();
        spawn_local(async move {
            let answer = w.ask(request).await;
            busy.set(false);
            if let Response::Error { error } = answer {
                action_error.set(Some(error));
            }
            refresh();
        });
    };

    view! {
        <div class="popup">
            <header class="popup-head">
                <span class="brand">"HH Job Agent"</span>
                <a class="settings-link" href="options.html" on:click=open_settings>{t("open_settings")}</a>
            </header>
            {move || match status.get() {
                None => view! { <div class="card muted">{t("loading")}</div> }.into_any(),
                Some(Err(error)) => view! {
                    <div class="card">
                        <p class="error">{error.message}</p>
                        <button class="btn secondary" on:click=move |_| refresh()>{t("refresh")}</button>
                    </div>
                }
                .into_any(),
                Some(Ok(s)) if !s.logged_in => logged_out(s, busy, act).into_any(),
                Some(Ok(s)) => logged_in(s, busy, act, refresh, replies).into_any(),
            }}
            {move || action_error.get().map(|e| view! { <p class="error action-error">{e.message}</p> })}
        </div>
    }
}

fn logged_out(
    status: Status,
    busy: RwSignal<bool>,
    act: impl Fn(Request) + Copy + 'static,
) -> impl IntoView {
    view! {
        <section class="card login">
            <button class="btn primary login-btn" disabled=move || busy.get() on:click=move |_| act(Request::Login)>
                {move || if busy.get() { t("logging_in") } else { t("login") }}
            </button>
            {(!status.app_configured)
                .then(|| {
                    view! {
                        <p class="hint app-hint">
                            {t("app_not_configured")} " "
                            <a href="options.html" on:click=open_settings>{t("open_settings")}</a>
                        </p>
                    }
                })}
            {channel_line(&status)}
        </section>
    }
}

fn channel_line(status: &Status) -> impl IntoView {
    let name = match status.channel {
        Channel::Api => t("channel_api"),
        Channel::Pages => t("channel_pages"),
    };
    let reason = status
        .channel_reason
        .clone()
        .map(|r| view! { <span class="muted">" — " {r}</span> });
    view! { <p class="channel">{name} {reason}</p> }
}

fn logged_in(
    status: Status,
    busy: RwSignal<bool>,
    act: impl Fn(Request) + Copy + 'static,
    refresh: impl Fn() + Copy + 'static,
    replies: RwSignal<Option<Result<Vec<ReplySummary>, UserError>>>,
) -> impl IntoView {
    let quota = status.quota.clone();
    let percent = if quota.limit == 0 {
        100.0
    } else {
        (quota.used as f64 / quota.limit as f64 * 100.0).min(100.0)
    };
    let full = quota.used >= quota.limit;
    let chosen = status.chosen_resume.clone();
    let resumes = status.resumes.clone();
    let no_choice = chosen.is_none();
    view! {
        <section class="card account">
            <div class="user-row">
                <span class="user-name">{status.user_name.clone().unwrap_or_default()}</span>
                <button class="link-btn logout" disabled=move || busy.get() on:click=move |_| act(Request::Logout)>
                    {t("logout")}
                </button>
            </div>
            <label class="field">
                <span class="label">{t("choose_resume")}</span>
                {if resumes.is_empty() {
                    view! { <span class="muted">{t("no_resumes")}</span> }.into_any()
                } else {
                    view! {
                        <select
                            class="resume-select"
                            disabled=move || busy.get()
                            on:change=move |ev| act(Request::ChooseResume { resume_id: event_target_value(&ev) })
                        >
                            {no_choice.then(|| view! { <option value="" selected=true disabled=true>"—"</option> })}
                            {resumes
                                .into_iter()
                                .map(|r| {
                                    let selected = chosen.as_deref() == Some(r.id.as_str());
                                    view! { <option value=r.id selected=selected>{r.title}</option> }
                                })
                                .collect_view()}
                        </select>
                    }
                        .into_any()
                }}
            </label>
            <div class="quota" class:full=full>
                <div class="quota-text">
                    {tf("quota", &[("used", quota.used.to_string()), ("limit", quota.limit.to_string())])}
                </div>
                <div class="bar">
                    <div class="bar-fill" style:width=format!("{percent:.0}%")></div>
                </div>
                {quota.next_at_ms.map(|ms| view! { <div class="muted quota-next">{tf("quota_next", &[("time", local_time(ms))])}</div> })}
            </div>
            {channel_line(&status)}
        </section>
        <section class="card recent">
            <div class="section-head">
                <h2>{t("recent")}</h2>
                <button class="icon-btn refresh" title=t("refresh") aria-label=t("refresh") on:click=move |_| refresh()>
                    "↻"
                </button>
            </div>
            {move || match replies.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="error">{error.message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t("no_recent")}</p> }.into_any(),
                Some(Ok(list)) => view! { <ul class="replies">{list.into_iter().map(reply_row).collect_view()}</ul> }.into_any(),
            }}
        </section>
    }
}

fn reply_row(reply: ReplySummary) -> impl IntoView {
    let unread = reply.unread_messages;
    let state_class = format!(
        "state state-{}",
        reply
            .state
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    );
    view! {
        <li class="reply-row">
            <a class="reply-title" href=reply.url target="_blank" rel="noopener">{reply.vacancy_name}</a>
            <div class="reply-meta">
                <span class="employer">{reply.employer}</span>
                <span class="date">{short_date(&reply.created_at)}</span>
                <span class=state_class>{state_label(&reply.state)}</span>
                {(unread > 0).then(|| view! { <span class="unread">{tf("unread", &[("n", unread.to_string())])}</span> })}
            </div>
        </li>
    }
}
