//! Every string the pages show, in Russian and English, and which language is in use.

use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    /// "en…" is English; anything else is Russian, the product's first language.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Ru
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Ru) };
}

/// Where extension pages remember the language chosen in the settings (all pages share the extension origin).
pub const LANGUAGE_STORAGE_KEY: &str = "hh-agent-language";

pub fn set_language(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

pub fn language() -> Lang {
    CURRENT.with(|c| c.get())
}

/// The language saved by the options page, else the browser's.
pub fn detect() -> Lang {
    let Some(window) = web_sys::window() else {
        return Lang::Ru;
    };
    let saved = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANGUAGE_STORAGE_KEY).ok().flatten());
    match saved {
        Some(code) => Lang::from_code(&code),
        None => Lang::from_code(&window.navigator().language().unwrap_or_default()),
    }
}

/// Remembers the language for the next page that opens.
pub fn remember(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // A full or blocked storage only means the browser language is used next time.
        let _ = storage.set_item(LANGUAGE_STORAGE_KEY, lang.code());
    }
}

/// The text for `key` in the current language; an unknown key is shown as itself, so it is easy to spot.
pub fn t(key: &'static str) -> &'static str {
    let lang = language();
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, ru, en)| if lang == Lang::En { *en } else { *ru })
        .unwrap_or(key)
}

/// `t(key)` with `{name}` placeholders filled in.
pub fn tf(key: &'static str, values: &[(&str, String)]) -> String {
    let mut text = t(key).to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// (key, Russian, English).
pub const TEXTS: &[(&str, &str, &str)] = &[
    // Shared
    ("loading", "Загрузка…", "Loading…"),
    (
        "unknown_page",
        "Неизвестная страница расширения.",
        "Unknown extension page.",
    ),
    (
        "unexpected_answer",
        "Расширение ответило неожиданно. Перезагрузите страницу.",
        "The extension gave an unexpected answer. Reload the page.",
    ),
    // Overlay
    ("no_vacancy", "Не указана вакансия.", "No vacancy given."),
    (
        "score_title",
        "Совпадение с резюме",
        "Match with your resume",
    ),
    ("preliminary", "предварительно", "preliminary"),
    ("matched_skills", "Есть в резюме", "In your resume"),
    ("missing_skills", "Не хватает", "Missing"),
    (
        "factors",
        "Из чего складывается оценка",
        "What makes up the score",
    ),
    ("factor_skills", "Навыки", "Skills"),
    ("factor_title", "Должность", "Title"),
    ("factor_role", "Роль", "Role"),
    ("factor_experience", "Опыт", "Experience"),
    ("factor_salary", "Зарплата", "Salary"),
    ("factor_format", "Формат", "Format"),
    ("factor_place", "Место", "Place"),
    ("no_score", "Оценки пока нет.", "No score yet."),
    ("resume", "Резюме", "Resume"),
    (
        "no_resume",
        "Выберите резюме в меню расширения.",
        "Choose a resume in the extension menu.",
    ),
    ("letter", "Сопроводительное письмо", "Cover letter"),
    ("letter_required", "обязательно", "required"),
    (
        "letter_link_warning",
        "Ссылки в письме могут отправить отклик в спам",
        "Links in a letter may send the reply to spam",
    ),
    (
        "letter_empty_required",
        "Работодатель просит письмо: напишите его перед откликом.",
        "The employer asks for a letter: write one before replying.",
    ),
    ("send", "Откликнуться", "Apply"),
    ("sending", "Отправляем…", "Sending…"),
    ("sent", "Отклик отправлен", "Reply sent"),
    ("open_chat", "Открыть переписку", "Open the conversation"),
    (
        "unconfirmed",
        "Отклик не подтверждён: {reason}",
        "The reply is not confirmed: {reason}",
    ),
    (
        "take_test",
        "Пройти тест на hh.ru",
        "Take the test on hh.ru",
    ),
    (
        "solve_captcha",
        "Пройти проверку hh.ru",
        "Pass the hh.ru check",
    ),
    (
        "letter_too_long",
        "Письмо длиннее 10\u{a0}000 символов: hh.ru его не примет, сократите.",
        "The letter is longer than 10,000 characters: hh.ru will refuse it, shorten it.",
    ),
    (
        "check_replies",
        "Проверить в откликах на hh.ru",
        "Check your replies on hh.ru",
    ),
    (
        "employer_site",
        "Откликнуться на сайте работодателя",
        "Apply on the employer's site",
    ),
    ("reply_on_hh", "Откликнуться на hh.ru", "Apply on hh.ru"),
    ("open_on_hh", "Открыть на hh.ru", "Open on hh.ru"),
    (
        "relation_response",
        "Вы уже откликнулись",
        "You have already applied",
    ),
    ("relation_invitation", "Приглашение", "Invitation"),
    ("relation_rejection", "Отказ", "Rejection"),
    ("collapse", "Свернуть", "Collapse"),
    ("expand", "Развернуть", "Expand"),
    // Popup
    ("login", "Войти через hh.ru", "Log in with hh.ru"),
    ("logging_in", "Входим…", "Logging in…"),
    ("logout", "Выйти", "Log out"),
    (
        "app_not_configured",
        "Чтобы войти, укажите своё приложение hh.ru (Client ID и Client Secret) в настройках.",
        "To log in, enter your hh.ru app (Client ID and Client Secret) in the settings.",
    ),
    ("open_settings", "Настройки", "Settings"),
    (
        "quota",
        "{used} из {limit} за 24 часа",
        "{used} of {limit} in 24 hours",
    ),
    (
        "quota_next",
        "Следующий отклик — после {time}",
        "Next reply after {time}",
    ),
    ("channel_api", "Канал: API hh.ru", "Channel: hh.ru API"),
    (
        "channel_pages",
        "Канал: страницы hh.ru",
        "Channel: hh.ru pages",
    ),
    ("choose_resume", "Резюме для откликов", "Resume for replies"),
    ("no_resumes", "На hh.ru нет резюме.", "No resumes on hh.ru."),
    ("recent", "Последние отклики", "Recent replies"),
    ("no_recent", "Откликов пока нет.", "No replies yet."),
    ("refresh", "Обновить", "Refresh"),
    ("state_response", "Отклик", "Applied"),
    ("state_invitation", "Приглашение", "Invitation"),
    ("state_discard", "Отказ", "Rejection"),
    ("state_viewed", "Просмотрен", "Viewed"),
    ("site_account", "Вход через сайт hh.ru", "Signed in on hh.ru"),
    (
        "read_from_site",
        "Прочитать резюме с hh.ru",
        "Read my resume from hh.ru",
    ),
    ("site_login", "Войти на hh.ru", "Log in to hh.ru"),
    ("profile", "Профиль для оценки", "Profile used for scoring"),
    (
        "profile_experience",
        "Опыт: {years} г. {months} мес.",
        "Experience: {years} y {months} m",
    ),
    ("skills_edit", "Изменить навыки", "Edit skills"),
    ("skills_save", "Сохранить", "Save"),
    ("skills_reset", "Вернуть навыки из резюме", "Use the resume's skills"),
    (
        "skills_hint",
        "Навыки через запятую: они заменят навыки резюме при оценке вакансий.",
        "Skills separated by commas: they replace the resume's skills when scoring.",
    ),
    ("skills_edited", "изменены вами", "edited by you"),
    ("unread", "непрочитанных: {n}", "unread: {n}"),
    (
        "quota_user_cap",
        "Ваш собственный лимит — {n} за 24 часа",
        "Your own limit: {n} per 24 hours",
    ),
    ("raise", "Поднять резюме в поиске", "Raise the resume in search"),
    (
        "raise_next",
        "Поднять резюме снова можно после {time}",
        "The resume can be raised again after {time}",
    ),
    (
        "raise_unavailable",
        "Сейчас hh.ru не даёт поднять это резюме.",
        "hh.ru does not allow raising this resume now.",
    ),
    (
        "raised",
        "Резюме поднято в поиске hh.ru.",
        "The resume was raised in hh.ru search.",
    ),
    ("updates", "новое: {n}", "new: {n}"),
    (
        "updates_hint",
        "Отклики, в которых работодатель ответил или что-то изменилось",
        "Replies where the employer answered or something changed",
    ),
    (
        "funnel_show",
        "Показать воронку откликов за 30 дней",
        "Show the reply funnel for 30 days",
    ),
    (
        "funnel_title",
        "Воронка за {days} дней",
        "Funnel, last {days} days",
    ),
    ("funnel_score", "Оценка", "Score"),
    ("funnel_all", "Все", "All"),
    ("funnel_replies", "Откликов", "Replies"),
    ("funnel_viewed", "Просмотрено", "Viewed"),
    ("funnel_invitations", "Приглашений", "Invitations"),
    ("funnel_refusals", "Отказов", "Refusals"),
    // Options
    (
        "options_title",
        "Настройки HH Job Agent",
        "HH Job Agent settings",
    ),
    ("app_section", "Приложение hh.ru", "hh.ru app"),
    (
        "app_help",
        "Зарегистрируйте приложение на dev.hh.ru и укажите этот адрес перенаправления:",
        "Register an app at dev.hh.ru with this redirect URL:",
    ),
    ("client_id", "Client ID", "Client ID"),
    ("client_secret", "Client Secret", "Client Secret"),
    ("redirect_url", "Адрес перенаправления", "Redirect URL"),
    ("copy", "Копировать", "Copy"),
    ("copied", "Скопировано", "Copied"),
    (
        "contact_email",
        "Контактный e-mail (для заголовка HH-User-Agent)",
        "Contact e-mail (for the HH-User-Agent header)",
    ),
    ("letter_section", "Письмо", "Letter"),
    (
        "letter_template",
        "Шаблон сопроводительного письма",
        "Cover letter template",
    ),
    (
        "letter_template_hint",
        "Пустой шаблон — встроенный. Подстановки:",
        "An empty template means the built-in one. Placeholders:",
    ),
    ("ph_vacancy", "название вакансии", "vacancy title"),
    ("ph_company", "компания", "company"),
    ("ph_first_name", "ваше имя", "your first name"),
    ("ph_resume_title", "название резюме", "resume title"),
    ("ph_skills", "совпавшие навыки", "matched skills"),
    ("ph_experience", "ваш опыт, например «5 лет»", "your experience, e.g. “5 years”"),
    (
        "exclude_current",
        "По резюме ваше текущее место работы — {name}. Исключить этого работодателя, чтобы случайно не откликнуться ему?",
        "Your resume says you work at {name} now. Exclude this employer so you never apply to them by accident?",
    ),
    ("exclude_add", "Исключить", "Exclude"),
    (
        "settings_kept",
        "Файл не загружен, текущие настройки не изменены.",
        "The file was not loaded; the current settings are unchanged.",
    ),
    (
        "file_not_settings",
        "В файле нет настроек HH Job Agent.",
        "The file holds no HH Job Agent settings.",
    ),
    (
        "letter_brackets_hint",
        "Часть в [квадратных скобках] пропускается, если для неё нет данных.",
        "A [bracketed part] is left out when its data is missing.",
    ),
    ("limits_section", "Отклики и оценка", "Replies and scoring"),
    (
        "daily_cap",
        "Не больше откликов за 24 часа (hh.ru разрешает до 200)",
        "At most replies per 24 hours (hh.ru allows up to 200)",
    ),
    (
        "score_threshold",
        "Порог оценки (0–100)",
        "Score threshold (0–100)",
    ),
    (
        "hide_below",
        "Скрывать вакансии ниже порога (иначе — приглушать)",
        "Hide vacancies below the threshold (otherwise dim them)",
    ),
    (
        "excluded_employers",
        "Исключить работодателей (по одному в строке)",
        "Exclude employers (one per line)",
    ),
    (
        "excluded_words",
        "Исключить слова в названии (по одному в строке)",
        "Exclude words in titles (one per line)",
    ),
    ("language", "Язык интерфейса", "Interface language"),
    ("save", "Сохранить", "Save"),
    ("saved", "Сохранено", "Saved"),
    ("export", "Экспорт", "Export"),
    ("import", "Импорт", "Import"),
    (
        "imported",
        "Настройки загружены из файла — нажмите «Сохранить».",
        "Settings loaded from the file: press Save.",
    ),
    (
        "bad_daily_cap",
        "Лимит откликов: введите целое число от 1 до 200.",
        "Reply limit: enter a whole number from 1 to 200.",
    ),
    (
        "bad_threshold",
        "Порог оценки: введите целое число от 0 до 100.",
        "Score threshold: enter a whole number from 0 to 100.",
    ),
    (
        "file_unreadable",
        "Файл не читается.",
        "The file cannot be read.",
    ),
    // Alerts (settings)
    ("alerts_section", "Уведомления о новых вакансиях", "New vacancy alerts"),
    ("alerts_enabled", "Сообщать о новых вакансиях", "Tell me about new vacancies"),
    ("alert_interval", "Проверять раз в … минут (15–1440)", "Check every … minutes (15–1440)"),
    ("alert_min_score", "Рекомендации с оценкой не ниже", "Recommendations scored at least"),
    (
        "alerts_hint",
        "Новые вакансии автопоисков и рекомендации выше порога — уведомлением и числом на значке; о каждой вакансии — один раз.",
        "New vacancies of your saved searches and recommendations above the threshold, as a notification and on the badge; each vacancy once.",
    ),
    (
        "bad_alert_interval",
        "Интервал проверки — целое число минут.",
        "The check interval is a whole number of minutes.",
    ),
    // Popup
    ("open_recommendations", "Рекомендации", "Recommendations"),
    // Recommendations page
    ("recs_title", "Вакансии для вас", "Vacancies for you"),
    ("recs_for_resume", "По резюме", "For the resume"),
    ("recs_refresh", "Обновить", "Refresh"),
    ("recs_found", "Найдено: {shown} из {total}", "Shown: {shown} of {total}"),
    ("recs_excluded", "скрыто исключениями: {n}", "hidden by exclusions: {n}"),
    ("recs_empty", "Под эти фильтры ничего не подходит.", "Nothing fits these filters."),
    ("recs_gathered", "Список от {time}", "List as of {time}"),
    ("filters", "Фильтры", "Filters"),
    ("filter_min_score", "Оценка не ниже", "Score at least"),
    ("filter_salary", "Зарплата от, ₽", "Salary from, ₽"),
    ("filter_only_salary", "Только с зарплатой", "Only with a salary"),
    ("filter_format", "Формат работы", "Work format"),
    ("filter_area", "Регион", "Region"),
    ("filter_any_area", "Любой", "Any"),
    ("filter_hide_applied", "Скрыть, куда уже откликнулись", "Hide vacancies already replied to"),
    ("format_ON_SITE", "На месте", "On site"),
    ("format_REMOTE", "Удалённо", "Remote"),
    ("format_HYBRID", "Гибрид", "Hybrid"),
    ("format_FIELD_WORK", "Разъездная", "Field work"),
    ("source_similar", "рекомендация hh.ru", "hh.ru recommends"),
    ("source_resume_search", "поиск по резюме", "resume search"),
    ("source_seen_on_page", "со страницы поиска", "from a search page"),
    ("mark_new", "новая", "new"),
    ("mark_applied", "Вы откликались", "You replied"),
    ("reply_open", "Откликнуться", "Reply"),
    ("reply_close", "Свернуть", "Close"),
    ("saved_title", "Автопоиски", "Saved searches"),
    ("saved_empty", "Автопоисков пока нет.", "No saved searches yet."),
    ("saved_new", "новых: {n}", "new: {n}"),
    ("saved_total", "всего {n}", "{n} in all"),
    ("saved_name", "Название", "Name"),
    ("saved_from_profile", "Сохранить по резюме", "Save from the resume"),
    ("saved_from_filters", "Сохранить с фильтрами", "Save with the filters"),
    ("saved_rename", "Переименовать", "Rename"),
    ("saved_delete", "Удалить", "Delete"),
    ("saved_save", "Сохранить", "Save"),
    ("saved_cancel", "Отмена", "Cancel"),
    ("alerts_title", "Уведомления", "Alerts"),
    ("alerts_check", "Проверить сейчас", "Check now"),
    ("alerts_last", "Последняя проверка: {time}", "Last check: {time}"),
    ("alerts_never", "Проверок ещё не было.", "No check yet."),
    ("alerts_none", "Пока ни о чём не сообщали.", "Nothing announced yet."),
    ("alerts_found", "Новых вакансий: {n}", "New vacancies: {n}"),
];
