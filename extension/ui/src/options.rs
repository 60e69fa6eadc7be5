//! The options page: the user's hh.ru app, letter template, limits and exclusions (with the current employer
//! offered for exclusion), with export and import.

use std::time::Duration;

use hh_job_agent::letters::PLACEHOLDERS;
use hh_job_agent::protocol::{Request, Response, UserError};
use hh_job_agent::settings::Settings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::connector::{unexpected, use_worker};
use crate::i18n::{self, t, tf, Lang};

/// The name of an exported settings file.
pub const EXPORT_FILE_NAME: &str = "hh-job-agent-settings.json";

/// One entry per non-empty line, trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// The letter placeholders with what each becomes, in the page's language.
pub fn placeholder_legend() -> Vec<(&'static str, String)> {
    PLACEHOLDERS
        .iter()
        .map(|(code, russian)| {
            let key = match *code {
                "{vacancy}" => "ph_vacancy",
                "{company}" => "ph_company",
                "{first_name}" => "ph_first_name",
                "{resume_title}" => "ph_resume_title",
                "{skills}" => "ph_skills",
                "{experience}" => "ph_experience",
                _ => "",
            };
            let text = if i18n::language() == Lang::En && !key.is_empty() {
                t(key).to_string()
            } else {
                russian.to_string()
            };
            (*code, text)
        })
        .collect()
}

/// Reads an exported settings file: it must be a JSON object with at least one of our settings, and valid.
pub fn read_settings_file(text: &str) -> Result<Settings, String> {
    let refused = |reason: &str| format!("{reason} {}", t("settings_kept"));
    let settings = Settings::import(text).map_err(|e| refused(&e.message))?;
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let known = serde_json::to_value(Settings::default()).unwrap_or_default();
    let ours = value
        .as_object()
        .zip(known.as_object())
        .is_some_and(|(file, known)| file.keys().any(|k| known.contains_key(k)));
    if !ours {
        return Err(refused(t("file_not_settings")));
    }
    Ok(settings)
}

/// True when `employer` is already among the excluded ones (case and spacing aside).
pub fn already_excluded(excluded: &str, employer: &str) -> bool {
    let wanted = employer.trim().to_lowercase();
    lines(excluded).iter().any(|l| l.to_lowercase() == wanted)
}

/// The form as typed: numbers and lists stay text until saved, so typing is never fought.
#[derive(Clone, Copy)]
struct Form {
    client_id: RwSignal<String>,
    client_secret: RwSignal<String>,
    contact_email: RwSignal<String>,
    letter_template: RwSignal<String>,
    daily_cap: RwSignal<String>,
    score_threshold: RwSignal<String>,
    hide_below_threshold: RwSignal<bool>,
    excluded_employers: RwSignal<String>,
    excluded_words: RwSignal<String>,
    language: RwSignal<String>,
    alerts_enabled: RwSignal<bool>,
    alert_interval_minutes: RwSignal<String>,
    alert_min_score: RwSignal<String>,
    /// The settings last loaded or imported.
    base: StoredValue<Settings>,
}

impl Form {
    fn new(settings: &Settings) -> Self {
        let form = Form {
            client_id: RwSignal::new(String::new()),
            client_secret: RwSignal::new(String::new()),
            contact_email: RwSignal::new(String::new()),
            letter_template: RwSignal::new(String::new()),
            daily_cap: RwSignal::new(String::new()),
            score_threshold: RwSignal::new(String::new()),
            hide_below_threshold: RwSignal::new(false),
            excluded_employers: RwSignal::new(String::new()),
            excluded_words: RwSignal::new(String::new()),
            language: RwSignal::new(String::new()),
            alerts_enabled: RwSignal::new(true),
            alert_interval_minutes: RwSignal::new(String::new()),
            alert_min_score: RwSignal::new(String::new()),
            base: StoredValue::new(settings.clone()),
        };
        form.fill(settings);
        form
    }

    fn fill(&self, s: &Settings) {
        self.base.set_value(s.clone());
        self.client_id.set(s.client_id.clone());
        self.client_secret.set(s.client_secret.clone());
        self.contact_email.set(s.contact_email.clone());
        self.letter_template.set(s.letter_template.clone());
        self.daily_cap.set(s.daily_cap.to_string());
        self.score_threshold.set(s.score_threshold.to_string());
        self.hide_below_threshold.set(s.hide_below_threshold);
        self.excluded_employers.set(s.excluded_employers.join("\n"));
        self.excluded_words.set(s.excluded_words.join("\n"));
        self.language.set(s.language.clone());
        self.alerts_enabled.set(s.alerts_enabled);
        self.alert_interval_minutes
            .set(s.alert_interval_minutes.to_string());
        self.alert_min_score.set(s.alert_min_score.to_string());
    }

    /// The settings the form describes, checked as the worker will check them.
    fn read(&self) -> Result<Settings, UserError> {
        let daily_cap = self
            .daily_cap
            .get_untracked()
            .trim()
            .parse()
            .map_err(|_| UserError::new("bad_settings", t("bad_daily_cap")))?;
        let score_threshold = self
            .score_threshold
            .get_untracked()
            .trim()
            .parse()
            .map_err(|_| UserError::new("bad_settings", t("bad_threshold")))?;
        let alert_interval_minutes = self
            .alert_interval_minutes
            .get_untracked()
            .trim()
            .parse()
            .map_err(|_| UserError::new("bad_settings", t("bad_alert_interval")))?;
        let alert_min_score = self
            .alert_min_score
            .get_untracked()
            .trim()
            .parse()
            .map_err(|_| UserError::new("bad_settings", t("bad_threshold")))?;
        // Start from the loaded settings, so fields this form does not show survive a save.
        let mut settings = self.base.get_value();
        settings.client_id = self.client_id.get_untracked().trim().to_string();
        settings.client_secret = self.client_secret.get_untracked().trim().to_string();
        settings.contact_email = self.contact_email.get_untracked().trim().to_string();
        settings.letter_template = self.letter_template.get_untracked();
        settings.daily_cap = daily_cap;
        settings.score_threshold = score_threshold;
        settings.hide_below_threshold = self.hide_below_threshold.get_untracked();
        settings.excluded_employers = lines(&self.excluded_employers.get_untracked());
        settings.excluded_words = lines(&self.excluded_words.get_untracked());
        settings.language = self.language.get_untracked();
        settings.alerts_enabled = self.alerts_enabled.get_untracked();
        settings.alert_interval_minutes = alert_interval_minutes;
        settings.alert_min_score = alert_min_score;
        settings.validate()?;
        Ok(settings)
    }
}

/// A line under the form: what happened after Save, Export or Import.
#[derive(Debug, Clone, PartialEq)]
enum Message {
    Done(String),
    Problem(String),
}

#[component]
pub fn Options() -> impl IntoView {
    let worker = StoredValue::new(use_worker());
    let form = Form::new(&Settings::default());
    let loaded = RwSignal::new(false);
    let message = RwSignal::new(None::<Message>);
    let redirect = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    let current_employer = RwSignal::new(None::<String>);

    {
        let w = worker.get_value();
        spawn_local(async move {
            match w.ask(Request::GetSettings).await {
                Response::Settings { settings } => form.fill(&settings),
                other => message.set(Some(Message::Problem(unexpected(&other).message))),
            }
            loaded.set(true);
            // The redirect URL comes from the worker, so this page calls no chrome.* on its own.
            if let Response::Status { status } = w.ask(Request::GetStatus).await {
                redirect.set(status.redirect_url);
                current_employer.set(status.current_employer);
            }
        });
    }

    let save = move || {
        let settings = match form.read() {
            Ok(s) => s,
            Err(e) => return message.set(Some(Message::Problem(e.message))),
        };
        message.set(None);
        let w = worker.get_value();
        spawn_local(async move {
            let language = Lang::from_code(&settings.language);
            match w
                .ask(Request::SaveSettings {
                    settings: settings.clone(),
                })
                .await
            {
                Response::Ok | Response::Settings { .. } => {
                    form.base.set_value(settings);
                    i18n::remember(language);
                    message.set(Some(Message::Done(t("saved").to_string())));
                }
                other => message.set(Some(Message::Problem(unexpected(&other).message))),
            }
        });
    };

    let export = move |_| {
        let result = form
            .read()
            .map_err(|e| e.message)
            .and_then(|s| serde_json::to_string_pretty(&s).map_err(|e| e.to_string()))
            .and_then(|json| download(EXPORT_FILE_NAME, &json).map_err(|e| format!("{e:?}")));
        if let Err(problem) = result {
            message.set(Some(Message::Problem(problem)));
        }
    };

    let import = move |ev: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Clearing lets the same file be picked again after fixing it.
        input.set_value("");
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let outcome = match text {
                Some(text) => read_settings_file(&text),
                None => Err(t("file_unreadable").to_string()),
            };
            match outcome {
                Ok(settings) => {
                    form.fill(&settings);
                    message.set(Some(Message::Done(t("imported").to_string())));
                }
                Err(problem) => message.set(Some(Message::Problem(problem))),
            }
        });
    };

    let copy = move |_| {
        let url = redirect.get_untracked();
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            if JsFuture::from(clipboard.write_text(&url)).await.is_ok() {
                copied.set(true);
            }
        });
    };

    view! {
        <main class="options">
            <h1>{t("options_title")}</h1>
            <form
                class="options-form"
                class:loading=move || !loaded.get()
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <section class="card">
                    <h2>{t("app_section")}</h2>
                    <p class="hint">{t("app_help")}</p>
                    <div class="field">
                        <span class="label">{t("redirect_url")}</span>
                        <div class="copy-row">
                            <input class="redirect-url" name="redirect_url" type="text" readonly=true prop:value=move || redirect.get() />
                            <button type="button" class="btn secondary" on:click=copy>
                                {move || if copied.get() { t("copied") } else { t("copy") }}
                            </button>
                        </div>
                    </div>
                    {text_field(t("client_id"), "client_id", "text", form.client_id)}
                    {text_field(t("client_secret"), "client_secret", "password", form.client_secret)}
                    {text_field(t("contact_email"), "contact_email", "email", form.contact_email)}
                </section>
                <section class="card">
                    <h2>{t("letter_section")}</h2>
                    {text_area(t("letter_template"), "letter_template", 8, form.letter_template)}
                    <div class="hint">
                        {t("letter_template_hint")}
                        <ul class="placeholders">
                            {placeholder_legend()
                                .into_iter()
                                .map(|(code, text)| view! { <li><code>{code}</code> " — " {text}</li> })
                                .collect_view()}
                        </ul>
                        <p>{t("letter_brackets_hint")}</p>
                    </div>
                </section>
                <section class="card">
                    <h2>{t("limits_section")}</h2>
                    {text_field(t("daily_cap"), "daily_cap", "number", form.daily_cap)}
                    {text_field(t("score_threshold"), "score_threshold", "number", form.score_threshold)}
                    <label class="check">
                        <input
                            type="checkbox"
                            name="hide_below_threshold"
                            prop:checked=move || form.hide_below_threshold.get()
                            on:change=move |ev| form.hide_below_threshold.set(event_target_checked(&ev))
                        />
                        {t("hide_below")}
                    </label>
                    {text_area(t("excluded_employers"), "excluded_employers", 4, form.excluded_employers)}
                    {move || {
                        let employer = current_employer.get()?;
                        if already_excluded(&form.excluded_employers.get(), &employer) {
                            return None;
                        }
                        let add = employer.clone();
                        Some(view! {
                            <p class="hint exclude-current">
                                {tf("exclude_current", &[("name", employer)])} " "
                                <button
                                    type="button"
                                    class="btn secondary exclude-current-btn"
                                    on:click=move |_| {
                                        let mut text = form.excluded_employers.get_untracked();
                                        if !text.trim().is_empty() && !text.ends_with('\n') {
                                            text.push('\n');
                                        }
                                        text.push_str(&add);
                                        form.excluded_employers.set(text);
                                    }
                                >
                                    {t("exclude_add")}
                                </button>
                            </p>
                        })
                    }}
                    {text_area(t("excluded_words"), "excluded_words", 4, form.excluded_words)}
                    <label class="field">
                        <span class="label">{t("language")}</span>
                        <select name="language" on:change=move |ev| form.language.set(event_target_value(&ev))>
                            <option value="ru" selected=move || form.language.get() != "en">"Русский"</option>
                            <option value="en" selected=move || form.language.get() == "en">"English"</option>
                        </select>
                    </label>
                </section>
                <section class="card alerts-settings">
                    <h2>{t("alerts_section")}</h2>
                    <label class="check">
                        <input
                            type="checkbox"
                            name="alerts_enabled"
                            prop:checked=move || form.alerts_enabled.get()
                            on:change=move |ev| form.alerts_enabled.set(event_target_checked(&ev))
                        />
                        {t("alerts_enabled")}
                    </label>
                    {text_field(t("alert_interval"), "alert_interval_minutes", "number", form.alert_interval_minutes)}
                    {text_field(t("alert_min_score"), "alert_min_score", "number", form.alert_min_score)}
                    <p class="hint">{t("alerts_hint")}</p>
                </section>
                <div class="actions">
                    <button type="submit" class="btn primary save">{t("save")}</button>
                    <button type="button" class="btn secondary export" on:click=export>{t("export")}</button>
                    <label class="btn secondary import">
                        {t("import")}
                        <input type="file" name="import" accept=".json,application/json" class="visually-hidden" on:change=import />
                    </label>
                </div>
                {move || {
                    message
                        .get()
                        .map(|m| match m {
                            Message::Done(text) => view! { <p class="message ok">{text}</p> },
                            Message::Problem(text) => view! { <p class="message error">{text}</p> },
                        })
                }}
            </form>
        </main>
    }
}

fn text_field(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <input type=kind name=name autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}

fn text_area(
    label: &'static str,
    name: &'static str,
    rows: u32,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="label">{label}</span>
            <textarea name=name rows=rows prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </label>
    }
}

/// Saves text as a file through a temporary object URL.
fn download(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download has started from the URL by now; a minute later it is safe to free it.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Ok(())
}
