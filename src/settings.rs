//! The user's settings: their hh.ru app, letter template, caps, thresholds and exclusions, with validation for import.

use serde::{Deserialize, Serialize};

use crate::protocol::UserError;

/// hh.ru never allows more than this many replies in any rolling 24 hours.
pub const HH_DAILY_REPLY_LIMIT: u32 = 200;
/// Alerts look for new vacancies hourly unless the user says otherwise: polite to hh.ru.
pub const DEFAULT_ALERT_INTERVAL_MINUTES: u32 = 60;
/// The alert interval's bounds, in minutes.
pub const ALERT_INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 15..=1440;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The user's own hh.ru app (dev.hh.ru), needed for the API channel.
    pub client_id: String,
    pub client_secret: String,
    /// Goes into `HH-User-Agent`, as hh.ru asks.
    pub contact_email: String,
    /// The letter template; empty means the built-in default.
    pub letter_template: String,
    /// The user's own cap on replies per 24 hours (at most 200).
    pub daily_cap: u32,
    /// Cards below this score are dimmed (or hidden, with `hide_below_threshold`).
    pub score_threshold: u8,
    pub hide_below_threshold: bool,
    pub excluded_employers: Vec<String>,
    pub excluded_words: Vec<String>,
    /// "ru" or "en".
    pub language: String,
    /// Notifications about new vacancies in saved searches and recommendations.
    pub alerts_enabled: bool,
    /// How often the alerts look for new vacancies (15 minutes to a day).
    pub alert_interval_minutes: u32,
    /// Recommendations scored at least this are announced.
    pub alert_min_score: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            client_id: String::new(),
            client_secret: String::new(),
            contact_email: String::new(),
            letter_template: String::new(),
            daily_cap: HH_DAILY_REPLY_LIMIT,
            score_threshold: 0,
            hide_below_threshold: false,
            excluded_employers: Vec::new(),
            excluded_words: Vec::new(),
            language: "ru".into(),
            alerts_enabled: true,
            alert_interval_minutes: DEFAULT_ALERT_INTERVAL_MINUTES,
            alert_min_score: 70,
        }
    }
}

impl Settings {
    /// True when the user has entered an hh.ru app, so OAuth can start.
    pub fn app_configured(&self) -> bool {
        !self.client_id.trim().is_empty() && !self.client_secret.trim().is_empty()
    }

    /// Checks values a person could get wrong; the first problem is returned in Russian.
    pub fn validate(&self) -> Result<(), UserError> {
        let bad = |message: &str| Err(UserError::new("bad_settings", message));
        if self.daily_cap == 0 || self.daily_cap > HH_DAILY_REPLY_LIMIT {
            return bad("Лимит откликов должен быть от 1 до 200 за 24 часа.");
        }
        if self.score_threshold > 100 {
            return bad("Порог оценки должен быть от 0 до 100.");
        }
        if !ALERT_INTERVAL_RANGE.contains(&self.alert_interval_minutes) {
            return bad(
                "Проверять новые вакансии можно не чаще раза в 15 минут и не реже раза в сутки.",
            );
        }
        if self.alert_min_score > 100 {
            return bad("Порог оценки для уведомлений должен быть от 0 до 100.");
        }
        if !matches!(self.language.as_str(), "ru" | "en") {
            return bad("Язык интерфейса: «ru» или «en».");
        }
        if !self.contact_email.is_empty() && !self.contact_email.contains('@') {
            return bad("Контактный e-mail указан неверно.");
        }
        Ok(())
    }

    /// Parses an exported settings file; a broken file is refused with a clear message and changes nothing.
    pub fn import(json: &str) -> Result<Settings, UserError> {
        let settings: Settings = serde_json::from_str(json).map_err(|e| {
            UserError::new("bad_settings", format!("Файл настроек не читается: {e}."))
        })?;
        settings.validate()?;
        Ok(settings)
    }

    /// True when the user excluded this employer (a part of its name) or a word of `text` (case ignored).
    pub fn excludes(&self, employer: &str, text: &str) -> bool {
        let employer = employer.to_lowercase();
        let text = text.to_lowercase();
        let excluded_employer = self
            .excluded_employers
            .iter()
            .map(|e| e.trim().to_lowercase())
            .any(|e| !e.is_empty() && employer.contains(&e));
        excluded_employer
            || self
                .excluded_words
                .iter()
                .map(|w| w.trim().to_lowercase())
                .any(|w| !w.is_empty() && text.contains(&w))
    }

    /// The user's cap, never above hh.ru's own.
    pub fn effective_daily_cap(&self) -> u32 {
        self.daily_cap.clamp(1, HH_DAILY_REPLY_LIMIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_unconfigured() {
        let s = Settings::default();
        assert_eq!(s.validate(), Ok(()));
        assert!(!s.app_configured());
        assert_eq!(s.effective_daily_cap(), 200);
    }

    #[test]
    fn import_round_trips_and_fills_missing_fields() {
        let s = Settings {
            client_id: "id".into(),
            client_secret: "secret".into(),
            daily_cap: 50,
            ..Settings::default()
        };
        let back = Settings::import(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        let partial = Settings::import(r#"{"daily_cap": 10}"#).unwrap();
        assert_eq!(partial.daily_cap, 10);
        assert_eq!(partial.language, "ru");
        assert!(
            partial.alerts_enabled,
            "settings saved before alerts existed turn them on"
        );
        assert_eq!(partial.alert_interval_minutes, 60);
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        assert_eq!(
            Settings::import("{not json").unwrap_err().code,
            "bad_settings"
        );
        let err = Settings::import(r#"{"daily_cap": 500}"#).unwrap_err();
        assert!(err.message.contains("200"), "{}", err.message);
        assert!(Settings::import(r#"{"daily_cap": "many"}"#).is_err());
        assert!(Settings::import(r#"{"contact_email": "nobody"}"#).is_err());
        let err = Settings::import(r#"{"alert_interval_minutes": 1}"#).unwrap_err();
        assert!(err.message.contains("15 минут"), "{}", err.message);
        assert!(Settings::import(r#"{"alert_min_score": 101}"#).is_err());
    }
}
