//! The pages' pure rules: link detection, number and date formats, labels, score bands and the string tables.

use hh_ui::i18n::{self, t, tf, Lang, TEXTS};
use hh_ui::options::lines;
use hh_ui::overlay::{contains_link, group_thousands, letter_length, relation_label, score_band};
use hh_ui::popup::{short_date, state_label};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn links_of_every_usual_shape_are_caught() {
    for text in [
        "см. https://github.com/ivan",
        "http://example.org",
        "WWW.Example.ru",
        "пишите в t.me/ivan",
        "github.com/ivan/project",
        "портфолио: мойсайт.рф/работы",
    ] {
        assert!(contains_link(text), "{text}");
    }
    for text in [
        "Опыт с ASP.NET и Node.js",
        "Почта: ivan@example.org",
        "Версии 1.2.3, C++ и .NET",
        "",
    ] {
        assert!(!contains_link(text), "{text}");
    }
}

#[wasm_bindgen_test]
fn letters_are_counted_in_characters_and_numbers_grouped() {
    assert_eq!(letter_length("Привет"), 6);
    assert_eq!(group_thousands(0), "0");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(group_thousands(10_000), "10\u{a0}000");
    assert_eq!(group_thousands(1_234_567), "1\u{a0}234\u{a0}567");
}

#[wasm_bindgen_test]
fn score_bands_follow_the_thresholds() {
    assert_eq!(score_band(100), "band-good");
    assert_eq!(score_band(70), "band-good");
    assert_eq!(score_band(69), "band-fair");
    assert_eq!(score_band(40), "band-fair");
    assert_eq!(score_band(39), "band-low");
    assert_eq!(score_band(0), "band-low");
}

#[wasm_bindgen_test]
fn dates_and_states_read_in_russian_and_unknowns_stay_verbatim() {
    assert_eq!(short_date("2025-11-20T12:34:56+0300"), "20.11.2025");
    assert_eq!(short_date("вчера"), "вчера");
    assert_eq!(short_date("2025-1-2"), "2025-1-2");
    assert_eq!(state_label("response"), "Отклик");
    assert_eq!(state_label("discard"), "Отказ");
    assert_eq!(state_label("interview"), "interview");
    assert_eq!(relation_label("got_rejection"), "Отказ");
    assert_eq!(relation_label("something_new"), "something_new");
}

#[wasm_bindgen_test]
fn list_fields_drop_blank_lines_and_spaces() {
    assert_eq!(lines("  a \n\n b\r\n"), ["a", "b"]);
    assert!(lines("\n \n").is_empty());
}

#[wasm_bindgen_test]
fn every_string_has_both_languages_and_a_unique_key() {
    let mut keys: Vec<&str> = TEXTS.iter().map(|(k, _, _)| *k).collect();
    keys.sort();
    let count = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), count, "duplicate keys");
    for (key, ru, en) in TEXTS {
        assert!(!ru.is_empty() && !en.is_empty(), "{key}");
    }
    assert_eq!(Lang::from_code("en-US"), Lang::En);
    assert_eq!(Lang::from_code("ru"), Lang::Ru);
    assert_eq!(Lang::from_code("de"), Lang::Ru);

    i18n::set_language(Lang::En);
    let english = (
        t("send"),
        tf("quota", &[("used", "3".into()), ("limit", "200".into())]),
    );
    i18n::set_language(Lang::Ru);
    assert_eq!(english, ("Apply", "3 of 200 in 24 hours".to_string()));
    assert_eq!(t("send"), "Откликнуться");
    assert_eq!(t("no_such_key"), "no_such_key");
}
