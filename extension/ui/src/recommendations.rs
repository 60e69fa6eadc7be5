//! The recommendations page: the best vacancies for the resume, ranked with their reasons, filters, a reply
//! with a letter from the list; the user's saved searches; and the alerts about new vacancies.

use std::collections::BTreeSet;

use hh_job_agent::protocol::{
    AlertReport, Channel, Recommendation, RecommendationFilters, RecommendationSource,
    Recommendations, Request, Response, SavedSearchSummary, SavedSearches, UserError, VacancyView,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::connector::{unexpected, use_worker};
use crate::i18n::{t, tf};
use crate::overlay::{score_band, LetterEditor, ReplyArea};
use crate::popup::local_time;

/// The work formats the filter offers, in hh.ru's ids.
pub const WORK_FORMATS: [&str; 4] = ["ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK"];

pub fn format_label(id: &str) -> String {
    match id {
        "ON_SITE" => t("format_ON_SITE").to_string(),
        "REMOTE" => t("format_REMOTE").to_string(),
        "HYBRID" => t("format_HYBRID").to_string(),
        "FIELD_WORK" => t("format_FIELD_WORK").to_string(),
        other => other.to_string(),
    }
}

fn source_label(source: RecommendationSource) -> &'static str {
    match source {
        RecommendationSource::Similar => t("source_similar"),
        RecommendationSource::ResumeSearch => t("source_resume_search"),
        RecommendationSource::SeenOnPage => t("source_seen_on_page"),
    }
}

/// A number field's text: empty means no value; anything else must be a whole number.
pub fn parse_number(text: &str) -> Option<u64> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits.parse().ok()
}

#[component]
pub fn RecommendationsPage() -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let filters = RwSignal::new(RecommendationFilters::default());
    let list = RwSignal::new(None::<Result<Recommendations, UserError>>);
    let loading = RwSignal::new(false);
    // Alerts' news are marked for this page's life, though the worker reports them once.
    let new_ids = RwSignal::new(BTreeSet::<String>::new());
    let open_reply = RwSignal::new(None::<String>);

    let load = move |refresh: bool| {
        loading.set(true);
        let request = Request::GetRecommendations {
            filters: RecommendationFilters {
                refresh,
                ..filters.get_untracked()
            },
        };
        let w = worker.get_value();
        spawn_local(async move {
            let answer = match w.ask(request).await {
                Response::Recommendations { recommendations } => Ok(*recommendations),
                other => Err(unexpected(&other)),
            };
            if let Ok(found) = &answer {
                new_ids.update(|ids| {
                    ids.extend(
                        found
                            .items
                            .iter()
                            .filter(|r| r.new)
                            .map(|r| r.vacancy_id.clone()),
                    )
                });
            }
            loading.set(false);
            list.set(Some(answer));
        });
    };
    let change = move |edit: &dyn Fn(&mut RecommendationFilters)| {
        filters.update(|f| edit(f));
        load(false);
    };
    load(false);

    view! {
        <div class="recs-page">
            <header class="recs-head">
                <div>
                    <h1>{t("recs_title")}</h1>
                    {move || {
                        list.with(|l| match l {
                            Some(Ok(found)) => found.resume.clone().map(|r| view! { <p class="muted recs-resume">{t("recs_for_resume")} " «" {r.title} "»"</p> }),
                            _ => None,
                        })
                    }}
                </div>
                <button class="btn secondary recs-refresh" disabled=move || loading.get() on:click=move |_| load(true)>
                    {move || if loading.get() { t("loading") } else { t("recs_refresh") }}
                </button>
            </header>
            <div class="recs-layout">
                <aside class="recs-side">
                    <FiltersCard filters=filters list=list change=change />
                    <SavedSearchesCard filters=filters />
                    <AlertsCard />
                </aside>
                <main class="recs-main">
                    {move || match list.get() {
                        None => view! { <div class="card muted">{t("loading")}</div> }.into_any(),
                        Some(Err(error)) => view! { <div class="card"><p class="error">{error.message}</p></div> }.into_any(),
                        Some(Ok(found)) => results(found, new_ids, open_reply).into_any(),
                    }}
                </main>
            </div>
        </div>
    }
}

fn results(
    found: Recommendations,
    new_ids: RwSignal<BTreeSet<String>>,
    open_reply: RwSignal<Option<String>>,
) -> impl IntoView {
    let count = tf(
        "recs_found",
        &[
            ("shown", found.items.len().to_string()),
            ("total", found.total.to_string()),
        ],
    );
    let excluded = (found.excluded > 0).then(|| {
        format!(
            " · {}",
            tf("recs_excluded", &[("n", found.excluded.to_string())])
        )
    });
    let gathered = tf(
        "recs_gathered",
        &[("time", local_time(found.gathered_at_ms as i64))],
    );
    let empty = found.items.is_empty();
    view! {
        {found.notice.map(|notice| view! { <p class="notice recs-notice">{notice}</p> })}
        <p class="muted recs-count">{count} {excluded} " · " {gathered}</p>
        {empty.then(|| view! { <div class="card muted recs-empty">{t("recs_empty")}</div> })}
        <ul class="recs-list">
            {found
                .items
                .into_iter()
                .map(|item| view! { <RecommendationCard item=item new_ids=new_ids open_reply=open_reply /> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn RecommendationCard(
    item: Recommendation,
    new_ids: RwSignal<BTreeSet<String>>,
    open_reply: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = item.vacancy_id.clone();
    let is_new = {
        let id = id.clone();
        move || new_ids.with(|ids| ids.contains(&id))
    };
    let report = item.report.clone();
    let band = score_band(report.score);
    let meta: Vec<String> = [
        Some(item.employer.clone()).filter(|e| !e.is_empty()),
        item.salary.clone(),
        item.area.clone(),
    ]
    .into_iter()
    .flatten()
    .chain(item.work_formats.iter().map(|f| format_label(f)))
    .collect();
    let sources = item
        .sources
        .iter()
        .map(|s| source_label(*s))
        .collect::<Vec<_>>()
        .join(", ");
    let matched = report
        .matched_skills
        .iter()
        .take(6)
        .cloned()
        .collect::<Vec<_>>();
    let missing = report
        .missing_skills
        .iter()
        .take(4)
        .cloned()
        .collect::<Vec<_>>();
    let reply_id = id.clone();
    let is_open = {
        let id = id.clone();
        move || open_reply.with(|o| o.as_deref() == Some(id.as_str()))
    };
    let is_open_label = is_open.clone();
    let data_id = id.clone();
    view! {
        <li class="card rec" class:applied=item.applied data-id=data_id>
            <div class="rec-head">
                <div class=format!("score {band}") title=report.summary.clone()>{report.score}</div>
                <div class="rec-text">
                    <a class="rec-title" href=item.url.clone() target="_blank" rel="noopener">{item.name.clone()}</a>
                    {move || is_new().then(|| view! { <span class="mark mark-new">{t("mark_new")}</span> })}
                    {report.preliminary.then(|| view! { <span class="mark">{t("preliminary")}</span> })}
                    {item.applied.then(|| view! { <span class="mark mark-applied">{t("mark_applied")}</span> })}
                    <div class="rec-meta">{meta.into_iter().map(|m| view! { <span>{m}</span> }).collect_view()}</div>
                </div>
            </div>
            <p class="summary rec-summary">{report.summary.clone()}</p>
            {(!matched.is_empty()).then(|| view! {
                <ul class="chips matched">{matched.into_iter().map(|s| view! { <li class="chip chip-matched">{s}</li> }).collect_view()}</ul>
            })}
            {(!missing.is_empty()).then(|| view! {
                <ul class="chips missing">{missing.into_iter().map(|s| view! { <li class="chip chip-missing">{s}</li> }).collect_view()}</ul>
            })}
            <div class="rec-foot">
                <span class="muted rec-sources">{sources}</span>
                <button
                    class="btn secondary rec-reply-btn"
                    on:click=move |_| {
                        let open = open_reply.get_untracked().as_deref() == Some(reply_id.as_str());
                        open_reply.set(if open { None } else { Some(reply_id.clone()) });
                    }
                >
                    {move || if is_open_label() { t("reply_close") } else { t("reply_open") }}
                </button>
            </div>
            {move || is_open().then(|| view! { <ReplyPanel vacancy_id=id.clone() /> })}
        </li>
    }
}

/// The letter and the reply button, as the overlay has them, for one vacancy of the list.
#[component]
fn ReplyPanel(vacancy_id: String) -> impl IntoView {
    let worker = use_worker();
    let view_state = RwSignal::new(None::<Result<VacancyView, UserError>>);
    let letter = RwSignal::new(String::new());
    spawn_local(async move {
        let answer = match worker.ask(Request::GetVacancyView { vacancy_id }).await {
            Response::VacancyView { view } => {
                letter.set(view.letter.clone());
                Ok(*view)
            }
            other => Err(unexpected(&other)),
        };
        view_state.set(Some(answer));
    });
    view! {
        <div class="rec-reply">
            {move || match view_state.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="error">{error.message}</p> }.into_any(),
                Some(Ok(vacancy)) => view! {
                    {vacancy.notice.clone().map(|n| view! { <p class="notice">{n}</p> })}
                    <LetterEditor vacancy_id=vacancy.vacancy_id.clone() letter=letter required=vacancy.letter_required />
                    <ReplyArea view=vacancy letter=letter />
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn FiltersCard(
    filters: RwSignal<RecommendationFilters>,
    list: RwSignal<Option<Result<Recommendations, UserError>>>,
    change: impl Fn(&dyn Fn(&mut RecommendationFilters)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let areas = Memo::new(move |_| {
        list.with(|l| match l {
            Some(Ok(found)) => found.areas.clone(),
            _ => Vec::new(),
        })
    });
    let formats = WORK_FORMATS
        .iter()
        .map(|id| {
            let id = id.to_string();
            let checked = {
                let id = id.clone();
                move || filters.with(|f| f.work_formats.contains(&id))
            };
            let toggle = id.clone();
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name="work_format"
                        value=id.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = toggle.clone();
                            change(&move |f| {
                                f.work_formats.retain(|x| *x != id);
                                if on {
                                    f.work_formats.push(id.clone());
                                }
                            });
                        }
                    />
                    {format_label(&id)}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="card filters">
            <h2>{t("filters")}</h2>
            <label class="field">
                <span class="label">{t("filter_min_score")}</span>
                <input
                    type="number"
                    name="min_score"
                    min="0"
                    max="100"
                    prop:value=move || filters.with(|f| f.min_score.to_string())
                    on:change=move |ev| {
                        let value = parse_number(&event_target_value(&ev)).unwrap_or(0).min(100) as u8;
                        change(&move |f| f.min_score = value);
                    }
                />
            </label>
            <label class="field">
                <span class="label">{t("filter_salary")}</span>
                <input
                    type="number"
                    name="salary_from"
                    min="0"
                    step="10000"
                    prop:value=move || filters.with(|f| f.salary_from.map(|s| s.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let value = parse_number(&event_target_value(&ev)).filter(|v| *v > 0);
                        change(&move |f| f.salary_from = value);
                    }
                />
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    name="only_with_salary"
                    prop:checked=move || filters.with(|f| f.only_with_salary)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&move |f| f.only_with_salary = on);
                    }
                />
                {t("filter_only_salary")}
            </label>
            <div class="field">
                <span class="label">{t("filter_format")}</span>
                {formats}
            </div>
            <label class="field">
                <span class="label">{t("filter_area")}</span>
                <select
                    name="area"
                    on:change=move |ev| {
                        let value = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
                        change(&move |f| f.area = value.clone());
                    }
                >
                    <option value="" selected=move || filters.with(|f| f.area.is_none())>{t("filter_any_area")}</option>
                    {move || {
                        areas
                            .get()
                            .into_iter()
                            .map(|area| {
                                let selected = filters.with(|f| f.area.as_deref() == Some(area.as_str()));
                                view! { <option value=area.clone() selected=selected>{area.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    name="hide_applied"
                    prop:checked=move || filters.with(|f| f.hide_applied)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&move |f| f.hide_applied = on);
                    }
                />
                {t("filter_hide_applied")}
            </label>
        </section>
    }
}

#[component]
fn SavedSearchesCard(filters: RwSignal<RecommendationFilters>) -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let searches = RwSignal::new(None::<Result<SavedSearches, UserError>>);
    let error = RwSignal::new(None::<UserError>);
    let busy = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let act = move |request: Request| {
        busy.set(true);
        error.set(None);
        let w = worker.get_value();
        spawn_local(async move {
            match w.ask(request).await {
                Response::SavedSearches { searches: list } => searches.set(Some(Ok(list))),
                other => error.set(Some(unexpected(&other))),
            }
            busy.set(false);
        });
    };
    act(Request::GetSavedSearches);
    let create = move |with_filters: bool| {
        let filters = with_filters.then(|| filters.get_untracked());
        act(Request::CreateSavedSearch {
            name: name.get_untracked(),
            filters,
        });
        name.set(String::new());
    };
    let api_list = Memo::new(move |_| {
        searches.with(|s| !matches!(s, Some(Ok(list)) if list.channel == Channel::Pages))
    });
    view! {
        <section class="card saved-searches">
            <h2>{t("saved_title")}</h2>
            {move || match searches.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(list)) => {
                    // Without the API the list is read from hh.ru's page: changes are made there.
                    let editable = list.channel == Channel::Api;
                    let notice = list.notice.clone().map(|n| view! { <p class="notice">{n}</p> });
                    let empty = list.items.is_empty() && list.notice.is_none();
                    view! {
                        {notice}
                        {empty.then(|| view! { <p class="muted saved-empty">{t("saved_empty")}</p> })}
                        <ul class="saved-list">
                            {list.items.into_iter().map(|s| view! { <SavedSearchRow search=s editable=editable busy=busy act=act /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <label class="field saved-new" hidden=move || !api_list.get()>
                <span class="label">{t("saved_name")}</span>
                <input type="text" name="saved_name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <div class="saved-actions" hidden=move || !api_list.get()>
                <button class="btn secondary saved-from-profile" disabled=move || busy.get() || name.with(|n| n.trim().is_empty()) on:click=move |_| create(false)>
                    {t("saved_from_profile")}
                </button>
                <button class="btn secondary saved-from-filters" disabled=move || busy.get() || name.with(|n| n.trim().is_empty()) on:click=move |_| create(true)>
                    {t("saved_from_filters")}
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="error saved-error">{e.message}</p> })}
        </section>
    }
}

#[component]
fn SavedSearchRow(
    search: SavedSearchSummary,
    /// Renaming and deleting need the API.
    editable: bool,
    busy: RwSignal<bool>,
    act: impl Fn(Request) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let renaming = RwSignal::new(None::<String>);
    let id = StoredValue::new(search.id.clone());
    let current = search.name.clone();
    view! {
        <li class="saved-row" data-id=search.id.clone()>
            {move || match renaming.get() {
                Some(text) => view! {
                    <input type="text" name="rename" prop:value=text on:input=move |ev| renaming.set(Some(event_target_value(&ev))) />
                    <div class="saved-row-actions">
                        <button
                            class="link-btn saved-rename-save"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                let name = renaming.get_untracked().unwrap_or_default();
                                renaming.set(None);
                                act(Request::RenameSavedSearch { id: id.get_value(), name });
                            }
                        >
                            {t("saved_save")}
                        </button>
                        <button class="link-btn saved-rename-cancel" on:click=move |_| renaming.set(None)>{t("saved_cancel")}</button>
                    </div>
                }
                .into_any(),
                None => {
                    let current = current.clone();
                    view! {
                        <a class="saved-name" href=search.url.clone() target="_blank" rel="noopener">{search.name.clone()}</a>
                        <div class="saved-meta muted">
                            {(search.new_count > 0).then(|| view! { <span class="saved-new-count">{tf("saved_new", &[("n", search.new_count.to_string())])}</span> })}
                            {editable.then(|| view! { <span>{tf("saved_total", &[("n", search.total_count.to_string())])}</span> })}
                        </div>
                        <div class="saved-row-actions" hidden=!editable>
                            <button class="link-btn saved-rename" on:click=move |_| renaming.set(Some(current.clone()))>{t("saved_rename")}</button>
                            <button
                                class="link-btn saved-delete"
                                disabled=move || busy.get()
                                on:click=move |_| act(Request::DeleteSavedSearch { id: id.get_value() })
                            >
                                {t("saved_delete")}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}

#[component]
fn AlertsCard() -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let report = RwSignal::new(None::<Result<AlertReport, UserError>>);
    let busy = RwSignal::new(false);
    let ask = move |request: Request| {
        busy.set(true);
        let w = worker.get_value();
        spawn_local(async move {
            let answer = match w.ask(request).await {
                Response::Alerts { alerts } => Ok(alerts),
                other => Err(unexpected(&other)),
            };
            busy.set(false);
            report.set(Some(answer));
        });
    };
    ask(Request::GetAlerts);
    view! {
        <section class="card alerts">
            <h2>{t("alerts_title")}</h2>
            {move || match report.get() {
                None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error">{e.message}</p> }.into_any(),
                Some(Ok(r)) => {
                    let last = match r.last_check_ms {
                        Some(ms) => tf("alerts_last", &[("time", local_time(ms as i64))]),
                        None => t("alerts_never").to_string(),
                    };
                    let recent = r.recent.iter().take(8).cloned().collect::<Vec<_>>();
                    let no_recent = recent.is_empty();
                    view! {
                        <p class="muted alerts-last">{last}</p>
                        {r.skipped.clone().map(|s| view! { <p class="notice alerts-skipped">{s}</p> })}
                        {r.problems.iter().map(|p| view! { <p class="warning alerts-problem">{p.clone()}</p> }).collect_view()}
                        {(!r.announced.is_empty()).then(|| view! { <p class="ok alerts-found">{tf("alerts_found", &[("n", r.announced.len().to_string())])}</p> })}
                        {no_recent.then(|| view! { <p class="muted">{t("alerts_none")}</p> })}
                        <ul class="alerts-list">
                            {recent
                                .into_iter()
                                .map(|a| {
                                    let score = a.score.map(|s| format!("{s} · ")).unwrap_or_default();
                                    view! {
                                        <li class="alert-row">
                                            <a href=a.url target="_blank" rel="noopener">{a.name}</a>
                                            <div class="muted">{score} {a.employer} " · " {a.source}</div>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <button class="btn secondary alerts-check" disabled=move || busy.get() on:click=move |_| ask(Request::CheckAlertsNow)>
                {t("alerts_check")}
            </button>
        </section>
    }
}
