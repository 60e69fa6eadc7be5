//! `HhError`: every documented hh.ru error value (and our own refusals), each with a stable code and a Russian message.

use std::fmt;

use super::models::{ApiErrorItem, ErrorEnvelope, OAuthErrorBody};

/// Negotiation (reply) errors: `type: "negotiations"` values of `POST /negotiations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NegotiationError {
    VacancyNotFound,
    ResumeNotFound,
    LimitExceeded,
    ResourcePolicyViolation,
    InappropriateLanguage,
    AlreadyApplied,
    /// Archived or hidden vacancy.
    InvalidVacancy,
    /// A mandatory test cannot be answered through the API.
    TestRequired,
    ResumeVisibilityConflict,
    ApplicationDenied,
    EmptyMessage,
    TooLongMessage,
    InappropriateLanguageMessage,
    ResourcePolicyViolationMessage,
    /// A value hh.ru may add later, kept verbatim.
    Other(String),
}

impl NegotiationError {
    pub fn from_value(value: &str) -> Self {
        use NegotiationError::*;
        match value {
            "vacancy_not_found" => VacancyNotFound,
            "resume_not_found" => ResumeNotFound,
            "limit_exceeded" => LimitExceeded,
            "resource_policy_violation" => ResourcePolicyViolation,
            "inappropriate_language" => InappropriateLanguage,
            "already_applied" => AlreadyApplied,
            "invalid_vacancy" => InvalidVacancy,
            "test_required" => TestRequired,
            "resume_visibility_conflict" => ResumeVisibilityConflict,
            "application_denied" => ApplicationDenied,
            "empty_message" => EmptyMessage,
            "too_long_message" => TooLongMessage,
            "inappropriate_language_message" => InappropriateLanguageMessage,
            "resource_policy_violation_message" => ResourcePolicyViolationMessage,
            other => Other(other.to_owned()),
        }
    }

    pub fn value(&self) -> &str {
        use NegotiationError::*;
        match self {
            VacancyNotFound => "vacancy_not_found",
            ResumeNotFound => "resume_not_found",
            LimitExceeded => "limit_exceeded",
            ResourcePolicyViolation => "resource_policy_violation",
            InappropriateLanguage => "inappropriate_language",
            AlreadyApplied => "already_applied",
            InvalidVacancy => "invalid_vacancy",
            TestRequired => "test_required",
            ResumeVisibilityConflict => "resume_visibility_conflict",
            ApplicationDenied => "application_denied",
            EmptyMessage => "empty_message",
            TooLongMessage => "too_long_message",
            InappropriateLanguageMessage => "inappropriate_language_message",
            ResourcePolicyViolationMessage => "resource_policy_violation_message",
            Other(value) => value,
        }
    }

    fn user_message(&self) -> String {
        use NegotiationError::*;
        match self {
            VacancyNotFound => "Вакансия не найдена: возможно, её уже сняли с публикации.".into(),
            ResumeNotFound => "Резюме не найдено или не опубликовано. Проверьте резюме на hh.ru.".into(),
            LimitExceeded => "Достигнут лимит откликов hh.ru (не более 200 за 24 часа). Попробуйте позже.".into(),
            ResourcePolicyViolation | ResourcePolicyViolationMessage => {
                "hh.ru отклонил отклик: нарушены правила сервиса. Проверьте текст письма и резюме.".into()
            }
            InappropriateLanguage | InappropriateLanguageMessage => {
                "hh.ru отклонил текст: в нём недопустимые выражения. Исправьте письмо.".into()
            }
            AlreadyApplied => "Вы уже откликались на эту вакансию.".into(),
            InvalidVacancy => "Вакансия в архиве или скрыта: откликнуться нельзя.".into(),
            TestRequired => {
                "Работодатель требует пройти тест: откликнитесь на странице вакансии на hh.ru.".into()
            }
            ResumeVisibilityConflict => {
                "Видимость резюме не позволяет откликнуться этому работодателю. Измените настройки видимости на hh.ru."
                    .into()
            }
            ApplicationDenied => "Работодатель не принимает отклики на эту вакансию.".into(),
            EmptyMessage => "Сопроводительное письмо пустое, а работодатель его требует.".into(),
            TooLongMessage => "Сопроводительное письмо длиннее 10 000 символов. Сократите его.".into(),
            Other(value) => format!("hh.ru отклонил отклик ({value})."),
        }
    }
}

/// Errors of `POST https://api.hh.ru/token` (`error` / `error_description`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantError {
    /// Refresh attempted before the access token expired.
    TokenNotExpired,
    /// The refresh token was already spent.
    AlreadyRefreshed,
    TokenRevoked,
    BadToken,
    CodeAlreadyUsed,
    CodeExpired,
    /// The user changed their password.
    TokenDeactivated,
    /// `invalid_client`: client_id or client_secret not found.
    InvalidClient,
    /// Anything else, kept verbatim.
    Other {
        error: String,
        description: Option<String>,
    },
}

impl GrantError {
    pub fn from_body(body: &OAuthErrorBody) -> Self {
        let description = body.error_description.as_deref().unwrap_or("");
        match (body.error.as_str(), description) {
            ("invalid_grant", "token not expired") => GrantError::TokenNotExpired,
            ("invalid_grant", "token has already been refreshed") => GrantError::AlreadyRefreshed,
            ("invalid_grant", "token was revoked") => GrantError::TokenRevoked,
            ("invalid_grant", "bad token") => GrantError::BadToken,
            ("invalid_grant", "code has already been used") => GrantError::CodeAlreadyUsed,
            ("invalid_grant", "code expired") => GrantError::CodeExpired,
            ("invalid_grant", "token deactivated") => GrantError::TokenDeactivated,
            ("invalid_client", _) => GrantError::InvalidClient,
            (error, _) => GrantError::Other {
                error: error.to_owned(),
                description: body.error_description.clone(),
            },
        }
    }
}

/// `type: "oauth"` values on API calls (and the hyphenated top-level `oauth_error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    TokenExpired,
    TokenRevoked,
    BadAuthorization,
    ApplicationNotFound,
    UserAuthExpected,
    ApplicationAuthExpected,
    /// Kept verbatim.
    Other(String),
}

impl AuthError {
    /// Accepts both `token_expired` and the legacy `token-expired`.
    pub fn from_value(value: &str) -> Self {
        match value.replace('-', "_").as_str() {
            "token_expired" => AuthError::TokenExpired,
            "token_revoked" => AuthError::TokenRevoked,
            "bad_authorization" | "bad_auth_type" => AuthError::BadAuthorization,
            "application_not_found" | "client_id_deleted" => AuthError::ApplicationNotFound,
            "user_auth_expected" => AuthError::UserAuthExpected,
            "application_auth_expected" => AuthError::ApplicationAuthExpected,
            _ => AuthError::Other(value.to_owned()),
        }
    }
}

/// One error type for the whole hh.ru client.
#[derive(Debug, Clone, PartialEq)]
pub enum HhError {
    // --- transport ---
    Timeout,
    Network(String),
    // --- HTTP level ---
    /// 429 outside replies, after the bounded retries.
    RateLimited {
        retry_after_ms: Option<u64>,
    },
    /// 5xx (body may be anything, kept short).
    Server {
        status: u16,
        body: String,
    },
    /// A body that should be JSON of a known shape and is not.
    MalformedJson(String),
    // --- authorization ---
    /// No tokens: the user must log in.
    NotLoggedIn,
    Auth(AuthError),
    Grant(GrantError),
    /// The app has no applicant scope (`no_scope`) or applicant methods answer 403.
    ApplicantAccessRefused {
        detail: String,
    },
    /// The user pressed "deny" on hh.ru (`error=access_denied`).
    AccessDenied,
    /// The redirect's `state` does not match the one we sent, or no code came back.
    BadAuthorizationRedirect(String),
    CaptchaRequired {
        captcha_url: Option<String>,
        fallback_url: Option<String>,
    },
    /// `HH-User-Agent` missing or rejected.
    BadUserAgent,
    // --- replies ---
    Negotiation(NegotiationError),
    LetterTooLong {
        chars: usize,
        max: usize,
    },
    LetterRequired,
    /// Our own ledger refuses before sending: quota reached until `next_possible_at_ms`.
    ReplyQuotaReached {
        used: u32,
        cap: u32,
        next_possible_at_ms: u64,
    },
    // --- other documented answers ---
    NotFound,
    BadArguments(Vec<String>),
    /// `page`/`per_page` beyond the 2000-result depth.
    PaginationTooDeep,
    /// Anything else, with the envelope kept verbatim.
    Api {
        status: u16,
        errors: Vec<ApiErrorItem>,
        description: Option<String>,
    },
}

impl HhError {
    /// Classifies an API error response. `applicant_method` marks endpoints closed to apps without applicant scope.
    pub fn from_api_response(status: u16, body: &[u8], applicant_method: bool) -> HhError {
        let envelope: Option<ErrorEnvelope> = serde_json::from_slice(body).ok();
        if status >= 500 {
            return match envelope {
                Some(env) if !env.errors.is_empty() => HhError::Api {
                    status,
                    errors: env.errors,
                    description: env.description,
                },
                _ => HhError::Server {
                    status,
                    body: short_text(body),
                },
            };
        }
        let Some(envelope) = envelope else {
            if status == 403 && applicant_method {
                return HhError::ApplicantAccessRefused {
                    detail: format!("HTTP {status}"),
                };
            }
            if status == 429 {
                return HhError::RateLimited {
                    retry_after_ms: None,
                };
            }
            return HhError::MalformedJson(format!("HTTP {status}: {}", short_text(body)));
        };
        Self::from_envelope(status, envelope, applicant_method)
    }

    fn from_envelope(status: u16, env: ErrorEnvelope, applicant_method: bool) -> HhError {
        let find = |kind: &str| env.errors.iter().find(|e| e.kind == kind);
        // Most actionable first: captcha, then authorization, then the reply values.
        if let Some(captcha) = find("captcha_required") {
            return HhError::CaptchaRequired {
                captcha_url: captcha.captcha_url.clone(),
                fallback_url: captcha.fallback_url.clone(),
            };
        }
        if let Some(oauth) = find("oauth") {
            let value = oauth.value.as_deref().unwrap_or("");
            if value == "no_scope" {
                return HhError::ApplicantAccessRefused {
                    detail: value.to_owned(),
                };
            }
            return HhError::Auth(AuthError::from_value(value));
        }
        if let Some(oauth_error) = &env.oauth_error {
            return HhError::Auth(AuthError::from_value(oauth_error));
        }
        if find("bad_user_agent").is_some() {
            return HhError::BadUserAgent;
        }
        if let Some(neg) = find("negotiations") {
            return HhError::Negotiation(NegotiationError::from_value(
                neg.value.as_deref().unwrap_or(""),
            ));
        }
        let depth = env
            .description
            .as_deref()
            .is_some_and(|d| d.contains("more than 2000"));
        let bad_args: Vec<String> = env
            .errors
            .iter()
            .filter(|e| e.kind == "bad_argument")
            .filter_map(|e| e.value.clone())
            .collect();
        if depth
            || (bad_args.iter().any(|a| a == "page") && bad_args.iter().any(|a| a == "per_page"))
        {
            return HhError::PaginationTooDeep;
        }
        if !bad_args.is_empty() {
            return HhError::BadArguments(bad_args);
        }
        if find("not_found").is_some() || (status == 404 && env.errors.is_empty()) {
            return HhError::NotFound;
        }
        if status == 403 && applicant_method {
            return HhError::ApplicantAccessRefused {
                detail: env
                    .errors
                    .first()
                    .map(|e| e.kind.clone())
                    .unwrap_or_else(|| "forbidden".into()),
            };
        }
        if status == 429 {
            return HhError::RateLimited {
                retry_after_ms: None,
            };
        }
        HhError::Api {
            status,
            errors: env.errors,
            description: env.description,
        }
    }

    /// Classifies an answer of the token endpoint.
    pub fn from_token_response(status: u16, body: &[u8]) -> HhError {
        if status >= 500 {
            return HhError::Server {
                status,
                body: short_text(body),
            };
        }
        match serde_json::from_slice::<OAuthErrorBody>(body) {
            Ok(err) if !err.error.is_empty() => HhError::Grant(GrantError::from_body(&err)),
            _ => Self::from_api_response(status, body, false),
        }
    }

    /// `captcha_url` with `backurl` appended, the page to send the user to; `None` for other errors.
    pub fn captcha_url_with_backurl(&self, backurl: &str) -> Option<String> {
        let HhError::CaptchaRequired {
            captcha_url: Some(url),
            ..
        } = self
        else {
            return None;
        };
        let separator = if url.contains('?') { '&' } else { '?' };
        Some(format!(
            "{url}{separator}backurl={}",
            super::request::encode_component(backurl)
        ))
    }

    /// True when the session is gone for good: tokens must be cleared and the user must log in again.
    pub fn ends_session(&self) -> bool {
        match self {
            HhError::Auth(auth) => matches!(
                auth,
                AuthError::TokenRevoked
                    | AuthError::BadAuthorization
                    | AuthError::ApplicationNotFound
                    | AuthError::UserAuthExpected
            ),
            HhError::Grant(grant) => !matches!(
                grant,
                GrantError::TokenNotExpired | GrantError::Other { .. }
            ),
            _ => false,
        }
    }

    /// A stable machine code (the hh.ru value where there is one).
    pub fn code(&self) -> &str {
        match self {
            HhError::Timeout => "timeout",
            HhError::Network(_) => "network",
            HhError::RateLimited { .. } => "rate_limited",
            HhError::Server { .. } => "server_error",
            HhError::MalformedJson(_) => "malformed_json",
            HhError::NotLoggedIn => "not_logged_in",
            HhError::Auth(auth) => match auth {
                AuthError::TokenExpired => "token_expired",
                AuthError::TokenRevoked => "token_revoked",
                AuthError::BadAuthorization => "bad_authorization",
                AuthError::ApplicationNotFound => "application_not_found",
                AuthError::UserAuthExpected => "user_auth_expected",
                AuthError::ApplicationAuthExpected => "application_auth_expected",
                AuthError::Other(value) => value,
            },
            HhError::Grant(grant) => match grant {
                GrantError::TokenNotExpired => "token_not_expired",
                GrantError::AlreadyRefreshed => "token_already_refreshed",
                GrantError::TokenRevoked => "grant_token_revoked",
                GrantError::BadToken => "bad_token",
                GrantError::CodeAlreadyUsed => "code_already_used",
                GrantError::CodeExpired => "code_expired",
                GrantError::TokenDeactivated => "token_deactivated",
                GrantError::InvalidClient => "invalid_client",
                GrantError::Other { error, .. } => error,
            },
            HhError::ApplicantAccessRefused { .. } => "applicant_access_refused",
            HhError::AccessDenied => "access_denied",
            HhError::BadAuthorizationRedirect(_) => "bad_authorization_redirect",
            HhError::CaptchaRequired { .. } => "captcha_required",
            HhError::BadUserAgent => "bad_user_agent",
            HhError::Negotiation(neg) => neg.value(),
            HhError::LetterTooLong { .. } => "letter_too_long",
            HhError::LetterRequired => "letter_required",
            HhError::ReplyQuotaReached { .. } => "reply_quota_reached",
            HhError::NotFound => "not_found",
            HhError::BadArguments(_) => "bad_argument",
            HhError::PaginationTooDeep => "pagination_too_deep",
            HhError::Api { .. } => "api_error",
        }
    }

    /// A short Russian message the user can act on.
    pub fn user_message(&self) -> String {
        match self {
            HhError::Timeout => "hh.ru не ответил вовремя. Проверьте соединение и повторите.".into(),
            HhError::Network(_) => "Нет связи с hh.ru. Проверьте подключение к интернету.".into(),
            HhError::RateLimited { .. } => {
                "hh.ru просит делать запросы реже. Подождите минуту и повторите.".into()
            }
            HhError::Server { status, .. } => {
                format!("hh.ru временно недоступен (ошибка {status}). Повторите позже.")
            }
            HhError::MalformedJson(_) => {
                "hh.ru прислал непонятный ответ. Повторите позже; если не поможет — сообщите нам.".into()
            }
            HhError::NotLoggedIn => "Войдите через hh.ru, чтобы продолжить.".into(),
            HhError::Auth(AuthError::TokenExpired) => {
                "Сессия hh.ru истекла. Войдите заново.".into()
            }
            HhError::Auth(AuthError::ApplicationNotFound) => {
                "Приложение не найдено на hh.ru: проверьте client_id в настройках.".into()
            }
            HhError::Auth(_) => "Доступ к hh.ru отозван или недействителен. Войдите заново.".into(),
            HhError::Grant(GrantError::TokenNotExpired) => {
                "hh.ru отказался обновлять ещё действующую сессию. Повторите запрос позже.".into()
            }
            HhError::Grant(GrantError::InvalidClient) => {
                "hh.ru не знает это приложение: проверьте client_id и client_secret в настройках.".into()
            }
            HhError::Grant(GrantError::CodeAlreadyUsed | GrantError::CodeExpired) => {
                "Код входа устарел. Нажмите «Войти через hh.ru» ещё раз.".into()
            }
            HhError::Grant(GrantError::TokenDeactivated) => {
                "Пароль на hh.ru был изменён. Войдите заново.".into()
            }
            HhError::Grant(_) => "Сессия hh.ru больше не действует. Войдите заново.".into(),
            HhError::ApplicantAccessRefused { .. } => {
                "hh.ru закрыл приложению доступ к методам соискателя. Резюме и вакансии читаются со страниц hh.ru, а откликаться нужно через форму hh.ru."
                    .into()
            }
            HhError::AccessDenied => {
                "Вы не разрешили доступ на hh.ru. Без него расширение не может работать с вашим аккаунтом.".into()
            }
            HhError::BadAuthorizationRedirect(_) => {
                "Вход через hh.ru не удался (ответ не совпал с запросом). Попробуйте войти ещё раз.".into()
            }
            HhError::CaptchaRequired { .. } => {
                "hh.ru просит пройти капчу. Откройте её, решите и повторите действие.".into()
            }
            HhError::BadUserAgent => {
                "hh.ru отклонил запрос: не указан HH-User-Agent. Проверьте настройки приложения.".into()
            }
            HhError::Negotiation(neg) => neg.user_message(),
            HhError::LetterTooLong { chars, max } => format!(
                "Письмо слишком длинное: {chars} символов, допустимо не более {max}. Сократите его."
            ),
            HhError::LetterRequired => {
                "Работодатель требует сопроводительное письмо. Напишите его перед откликом.".into()
            }
            HhError::ReplyQuotaReached { used, cap, .. } => format!(
                "Достигнут лимит откликов: {used} из {cap} за 24 часа. Следующий отклик будет возможен позже."
            ),
            HhError::NotFound => "Не найдено на hh.ru: возможно, объект удалён.".into(),
            HhError::BadArguments(args) => {
                format!("hh.ru отклонил параметры запроса: {}.", args.join(", "))
            }
            HhError::PaginationTooDeep => {
                "hh.ru показывает не больше 2000 результатов. Уточните поиск.".into()
            }
            HhError::Api { status, .. } => {
                format!("hh.ru вернул ошибку {status} ({}).", self.api_detail())
            }
        }
    }

    fn api_detail(&self) -> String {
        match self {
            HhError::Api {
                errors,
                description,
                ..
            } => errors
                .iter()
                .map(|e| match &e.value {
                    Some(v) => format!("{}: {v}", e.kind),
                    None => e.kind.clone(),
                })
                .chain(description.clone())
                .collect::<Vec<_>>()
                .join("; "),
            _ => String::new(),
        }
    }
}

impl fmt::Display for HhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for HhError {}

fn short_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(200).collect()
}
