//! The toolbar popup: login, the chosen resume and its raise, the reply quota, the channel, the recent replies
//! and the reply funnel.

use hh_job_agent::protocol::{
    Channel, Funnel, FunnelCounts, Profile, ReplySummary, Request, Response, ResumeRaise, Status,
    UserError,
};
use hh_job_agent::settings::HH_DAILY_REPLY_LIMIT;
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
        "viewed" => t("state_viewed").to_string(),
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

/// The account is known: logged in through OAuth, or read from hh.ru's pages (the page channel).
fn knows_account(status: &Status) -> bool {
    status.logged_in || (status.channel == Channel::Pages && !status.resumes.is_empty())
}

/// Opens the options page in a tab (only on click: tests have no `chrome`).
fn open_settings(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    spawn_local(async {
        // If the tab cannot open there is nothing better to do from a popup.
        let _ = hh_chrome::open_tab(&hh_chrome::extension_url("options.html")).await;
    });
}

/// Opens the recommendations page in a tab.
fn open_recommendations(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    spawn_local(async {
        let _ = hh_chrome::open_tab(&hh_chrome::extension_url("recommendations.html")).await;
    });
}

#[component]
pub fn Popup() -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let status = RwSignal::new(None::<Result<Status, UserError>>);
    let replies = RwSignal::new(None::<Result<Vec<ReplySummary>, UserError>>);
    let busy = RwSignal::new(false);
    let action_error = RwSignal::new(None::<UserError>);
    let action_done = RwSignal::new(None::<&'static str>);

    // `GetStatus` on opening; `Refresh` (hh.ru asked again now) from the refresh button.
    let load = move |request: Request| {
        let w = worker.get_value();
        spawn_local(async move {
            let answer = match w.ask(request).await {
                Response::Status { status } => Ok(*status),
                other => Err(unexpected(&other)),
            };
            let known = matches!(&answer, Ok(s) if knows_account(s));
            status.set(Some(answer));
            if !known {
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
    // The funnel needs hh.ru's dated list of replies: the API channel only.
    let logged_in_memo = Memo::new(
        move |_| matches!(status.get(), Some(Ok(s)) if s.logged_in && s.channel == Channel::Api),
    );
    let refresh = move || load(Request::GetStatus);
    let refresh_now = move || load(Request::Refresh);
    refresh();

    // Login, logout, resume choice, raise: one request, then the status is read again.
    let act = move |request: Request| {
        busy.set(true);
        action_error.set(None);
        action_done.set(None);
        let done = matches!(request, Request::PublishResume { .. }).then_some("raised");
        let w = worker.get_value();
        spawn_local(async move {
            let answer = w.ask(request).await;
            busy.set(false);
            match answer {
                Response::Error { error } => action_error.set(Some(error)),
                _ => action_done.set(done.map(t)),
            }
            refresh();
        });
    };

    view! {
        <div class="popup">
            <header class="popup-head">
                <span class="brand">"HH Job Agent"</span>
                <a class="recs-link" href="recommendations.html" on:click=open_recommendations>{t("open_recommendations")}</a>
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
                Some(Ok(s)) if !knows_account(&s) => logged_out(s, busy, act, refresh_now).into_any(),
                Some(Ok(s)) => logged_in(s, busy, act, refresh_now, replies).into_any(),
            }}
            {move || action_error.get().map(|e| view! { <p class="error action-error">{e.message}</p> })}
            {move || action_done.get().map(|text| view! { <p class="ok action-ok">{text}</p> })}
            // Kept across status reloads (it re-renders only on login and logout), so a shown funnel stays.
            {move || logged_in_memo.get().then(|| view! { <FunnelCard /> })}
        </div>
    }
}

fn logged_out(
    status: Status,
    busy: RwSignal<bool>,
    act: impl Fn(Request) + Copy + 'static,
    refresh: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let pages = status.channel == Channel::Pages;
    view! {
        <section class="card login">
            {pages.then(|| view! {
                <button class="btn primary read-site" on:click=move |_| refresh()>{t("read_from_site")}</button>
            })}
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
    let problems = status
        .page_problems
        .iter()
        .map(|problem| view! { <p class="warning page-problem">{problem.clone()}</p> })
        .collect::<Vec<_>>();
    let site_problem = status.site_problem.clone().map(|problem| {
        view! {
            <p class="warning site-problem">
                {problem.message} " "
                {problem.url.map(|url| view! { <a class="site-login" href=url target="_blank" rel="noopener">{t("site_login")}</a> })}
            </p>
        }
    });
    view! {
        <p class="channel">{name} {reason}</p>
        {site_problem}
        {problems}
    }
}

/// The chosen resume as scoring sees it; its skills can be corrected by hand.
fn profile_card(profile: Profile, act: impl Fn(Request) + Copy + 'static) -> impl IntoView {
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(profile.skills.join(", "));
    let resume_id = StoredValue::new(profile.resume_id.clone());
    let experience = profile.experience_months.map(|m| {
        tf(
            "profile_experience",
            &[
                ("years", (m / 12).to_string()),
                ("months", (m % 12).to_string()),
            ],
        )
    });
    let facts: Vec<String> = [experience, profile.area.clone(), profile.salary.clone()]
        .into_iter()
        .flatten()
        .collect();
    let save = move |_| {
        let skills = draft
            .get_untracked()
            .split(',')
            .map(|s| s.trim().to_string())
            .collect();
        act(Request::SaveSkills {
            resume_id: resume_id.get_value(),
            skills: Some(skills),
        });
    };
    let reset = move |_| {
        act(Request::SaveSkills {
            resume_id: resume_id.get_value(),
            skills: None,
        })
    };
    view! {
        <section class="card profile">
            <h2>{t("profile")}</h2>
            <p class="profile-title">{profile.title.clone()}</p>
            <p class="muted profile-facts">{facts.join(" · ")}</p>
            <ul class="chips profile-skills">
                {profile.skills.iter().map(|s| view! { <li class="chip chip-profile skill">{s.clone()}</li> }).collect_view()}
            </ul>
            {profile.skills_edited.then(|| view! { <p class="muted skills-edited">{t("skills_edited")}</p> })}
            <div class="skills-editor" hidden=move || !editing.get()>
                <p class="hint">{t("skills_hint")}</p>
                <textarea class="skills-input" rows="3" prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <button class="btn primary skills-save" on:click=save>{t("skills_save")}</button>
                <button class="link-btn skills-reset" on:click=reset>{t("skills_reset")}</button>
            </div>
            <button class="link-btn skills-edit" hidden=move || editing.get() on:click=move |_| editing.set(true)>
                {t("skills_edit")}
            </button>
        </section>
    }
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
    let updates = status.updates;
    let profile = status.profile.clone();
    let oauth = status.logged_in;
    view! {
        <section class="card account">
            <div class="user-row">
                <span class="user-name">{status.user_name.clone().unwrap_or_default()}</span>
                {if oauth {
                    view! {
                        <button class="link-btn logout" disabled=move || busy.get() on:click=move |_| act(Request::Logout)>
                            {t("logout")}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <span class="muted site-account">{t("site_account")}</span> }.into_any()
                }}
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
            {status.raise.clone().map(|raise| raise_row(raise, busy, act))}
            <div class="quota" class:full=full>
                <div class="quota-text">
                    {tf("quota", &[("used", quota.used.to_string()), ("limit", HH_DAILY_REPLY_LIMIT.to_string())])}
                </div>
                <div class="bar">
                    <div class="bar-fill" style:width=format!("{percent:.0}%")></div>
                </div>
                {quota.user_cap.map(|cap| view! { <div class="muted quota-cap">{tf("quota_user_cap", &[("n", cap.to_string())])}</div> })}
                {quota.next_at_ms.map(|ms| view! { <div class="muted quota-next">{tf("quota_next", &[("time", local_time(ms))])}</div> })}
            </div>
            {channel_line(&status)}
        </section>
        {profile.map(|p| profile_card(p, act))}
        <section class="card recent">
            <div class="section-head">
                <h2>{t("recent")}</h2>
                {(updates > 0).then(|| view! { <span class="updates" title=t("updates_hint")>{tf("updates", &[("n", updates.to_string())])}</span> })}
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

fn raise_row(
    raise: ResumeRaise,
    busy: RwSignal<bool>,
    act: impl Fn(Request) + Copy + 'static,
) -> impl IntoView {
    let resume_id = raise.resume_id.clone();
    view! {
        <div class="raise">
            {if raise.available {
                view! {
                    <button
                        class="btn secondary raise-btn"
                        disabled=move || busy.get()
                        on:click=move |_| act(Request::PublishResume { resume_id: resume_id.clone() })
                    >
                        {t("raise")}
                    </button>
                }
                    .into_any()
            } else {
                let text = match raise.next_at_ms {
                    Some(ms) => tf("raise_next", &[("time", local_time(ms))]),
                    None => t("raise_unavailable").to_string(),
                };
                view! { <span class="muted raise-next">{text}</span> }.into_any()
            }}
        </div>
    }
}

/// The reply funnel, read from hh.ru only when asked for (it takes a few requests).
#[component]
fn FunnelCard() -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let funnel = RwSignal::new(None::<Result<Funnel, UserError>>);
    let loading = RwSignal::new(false);
    let show = move |_| {
        loading.set(true);
        let w = worker.get_value();
        spawn_local(async move {
            let answer = match w.ask(Request::GetFunnel).await {
                Response::Funnel { funnel } => Ok(funnel),
                other => Err(unexpected(&other)),
            };
            loading.set(false);
            funnel.set(Some(answer));
        });
    };
    view! {
        <section class="card funnel">
            {move || match funnel.get() {
                None => view! {
                    <button class="link-btn funnel-btn" disabled=move || loading.get() on:click=show>
                        {move || if loading.get() { t("loading") } else { t("funnel_show") }}
                    </button>
                }
                    .into_any(),
                Some(Err(error)) => view! { <p class="error">{error.message}</p> }.into_any(),
                Some(Ok(f)) => funnel_table(f).into_any(),
            }}
        </section>
    }
}

/// Reads one of the funnel's counts.
type Count = fn(&FunnelCounts) -> u32;

fn funnel_table(funnel: Funnel) -> impl IntoView {
    // Score bands as columns (their labels are short), the four counts as rows: fits the popup's width.
    let columns: Vec<(String, FunnelCounts)> =
        std::iter::once((t("funnel_all").to_string(), funnel.total))
            .chain(funnel.bands.into_iter().map(|b| (b.label, b.counts)))
            .collect();
    let metrics: [(&'static str, Count); 4] = [
        ("funnel_replies", |c| c.replies),
        ("funnel_viewed", |c| c.viewed),
        ("funnel_invitations", |c| c.invitations),
        ("funnel_refusals", |c| c.refusals),
    ];
    let heads = columns
        .iter()
        .map(|(label, _)| view! { <th scope="col">{label.clone()}</th> })
        .collect_view();
    let rows = metrics
        .into_iter()
        .map(|(key, count)| {
            let cells = columns
                .iter()
                .map(|(_, counts)| view! { <td>{count(counts)}</td> })
                .collect_view();
            view! {
                <tr class=key.replace('_', "-")>
                    <th scope="row">{t(key)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{tf("funnel_title", &[("days", funnel.days.to_string())])}</h2>
        <table class="funnel-table">
            <thead>
                <tr>
                    <th>{t("funnel_score")}</th>
                    {heads}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
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
