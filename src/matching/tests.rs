//! Tests of the scorer as a whole: each factor, the explanation, cards, and robustness on hostile input.

use proptest::prelude::*;

use super::*;

fn python_resume() -> ResumeFacts {
    ResumeFacts {
        title: "Python-разработчик".into(),
        skills: vec![
            "Python".into(),
            "Django".into(),
            "Postgres".into(),
            "Docker".into(),
            "Мой особый навык".into(),
        ],
        skills_text: "Пишу асинхронный код, знаю Redis.".into(),
        positions: vec![Position {
            title: "Backend-разработчик".into(),
            description: "<p>Сервисы на FastAPI</p>".into(),
        }],
        total_experience_months: Some(48),
        salary: Some(Money {
            amount: 200_000,
            currency: "RUR".into(),
        }),
        area_id: Some("1".into()),
        area_name: Some("Москва".into()),
        work_formats: vec!["REMOTE".into(), "HYBRID".into()],
        employment_forms: vec!["FULL".into()],
        professional_role_ids: vec!["96".into()],
        ..ResumeFacts::default()
    }
}

fn python_vacancy() -> VacancyFacts {
    VacancyFacts {
        id: "1".into(),
        name: "Python-разработчик".into(),
        key_skills: vec![
            "Python".into(),
            "PostgreSQL".into(),
            "Kafka".into(),
            "Работа в команде".into(),
        ],
        description_html: "<p>Нужен опыт с <b>Django</b> и Kubernetes.</p>".into(),
        experience_id: Some("between3And6".into()),
        salary: Some(SalaryRange {
            from: Some(180_000),
            to: Some(250_000),
            currency: "RUR".into(),
            gross: Some(false),
        }),
        work_formats: vec!["REMOTE".into()],
        employment_forms: vec!["FULL".into()],
        area_id: Some("1".into()),
        area_name: Some("Москва".into()),
        professional_role_ids: vec!["96".into()],
        employer: Some("ООО Тест".into()),
    }
}

fn prepared(resume: &ResumeFacts) -> PreparedResume {
    PreparedResume::new(resume, &AliasTable::builtin())
}

fn factor(report: &MatchReport, kind: FactorKind) -> &Factor {
    report
        .factors
        .iter()
        .find(|f| f.kind == kind)
        .expect("every factor is reported")
}

fn assert_consistent(report: &MatchReport) {
    let points: f32 = report.factors.iter().map(|f| f.points).sum();
    assert!(
        (points - report.score as f32).abs() <= 0.5 + 1e-3,
        "points {points} vs score {}",
        report.score
    );
    let max: f32 = report.factors.iter().map(|f| f.max_points).sum();
    if report.factors.iter().any(|f| f.fit.is_some()) {
        assert!((max - 100.0).abs() < 0.01, "max points sum to {max}");
    }
    for f in &report.factors {
        assert!(f.points >= 0.0 && f.points <= f.max_points + 1e-4, "{f:?}");
        assert_eq!(f.fit.is_none(), f.max_points == 0.0, "{f:?}");
    }
    assert!(report.summary.chars().count() <= 160, "{}", report.summary);
    assert!(
        report.summary.ends_with('.') || report.summary.ends_with('…'),
        "{}",
        report.summary
    );
}

#[test]
fn matching_vacancy_scores_high_and_explains_skills() {
    let r = score_vacancy(&prepared(&python_resume()), &python_vacancy());
    assert_consistent(&r);
    assert!(!r.preliminary);
    assert!(r.score >= 70, "{r:#?}");
    // Postgres = PostgreSQL through the alias table; Django found in the description.
    assert!(
        r.matched_skills.contains(&"PostgreSQL".to_string()),
        "{:?}",
        r.matched_skills
    );
    assert!(
        r.matched_skills.contains(&"Django".to_string()),
        "{:?}",
        r.matched_skills
    );
    // Kafka is a key skill the resume lacks; the soft skill is never "most important missing".
    assert_eq!(r.missing_skills.first().map(String::as_str), Some("Kafka"));
    assert!(!r.missing_skills.iter().any(|s| s == "Работа в команде"));
    assert!(r.summary.contains("Kafka"), "{}", r.summary);
    let skills = factor(&r, FactorKind::Skills);
    assert!(
        skills
            .note
            .contains(&format!("есть {} из", r.matched_skills.len())),
        "{}",
        skills.note
    );
    assert!(
        r.summary
            .contains(&format!("{} из", r.matched_skills.len())),
        "{}",
        r.summary
    );
}

#[test]
fn unrelated_vacancy_scores_low() {
    let mut v = python_vacancy();
    v.name = "Главный бухгалтер".into();
    v.key_skills = vec![
        "1С: Бухгалтерия".into(),
        "Налоговый учет".into(),
        "МСФО".into(),
    ];
    v.description_html = "Ведение бухгалтерского учета, сдача отчетности.".into();
    v.professional_role_ids = vec!["18".into()];
    let r = score_vacancy(&prepared(&python_resume()), &v);
    assert_consistent(&r);
    let good = score_vacancy(&prepared(&python_resume()), &python_vacancy());
    assert!(r.score + 30 < good.score, "{} vs {}", r.score, good.score);
    assert!(r.matched_skills.is_empty());
    assert_eq!(factor(&r, FactorKind::Role).fit, Some(0.0));
    assert!(factor(&r, FactorKind::Title).fit.unwrap() < 0.35);
}

#[test]
fn resume_only_skill_is_found_in_description() {
    let mut v = python_vacancy();
    v.description_html = "Требуется мой особый навык и ещё кое-что.".into();
    let r = score_vacancy(&prepared(&python_resume()), &v);
    assert!(
        r.matched_skills.iter().any(|s| s == "Мой особый навык"),
        "{:?}",
        r.matched_skills
    );
}

#[test]
fn implied_skill_counts_as_held() {
    // The resume lists Postgres; a vacancy asking for SQL is satisfied.
    let mut v = python_vacancy();
    v.name = "Разработчик".into();
    v.key_skills = vec!["SQL".into()];
    v.description_html = String::new();
    let r = score_vacancy(&prepared(&python_resume()), &v);
    assert_eq!(r.matched_skills, ["SQL"]);
}

#[test]
fn experience_factor_follows_hh_ranges() {
    let resume = python_resume(); // 48 months
    let p = prepared(&resume);
    let fit_for = |id: &str| {
        let mut v = python_vacancy();
        v.experience_id = Some(id.into());
        factor(&score_vacancy(&p, &v), FactorKind::Experience).fit
    };
    assert_eq!(fit_for("between3And6"), Some(1.0));
    let under = fit_for("moreThan6").unwrap();
    assert!((under - (48.0f32 / 72.0).powi(2)).abs() < 1e-4, "{under}");
    let over = fit_for("between1And3").unwrap();
    assert!((0.4..1.0).contains(&over), "{over}");
    assert_eq!(fit_for("unknownId"), None);
    let mut v = python_vacancy();
    v.experience_id = Some("between1And3".into());
    let report = score_vacancy(&p, &v);
    assert_eq!(
        factor(&report, FactorKind::Experience).note,
        "опыт 4 года, нужно 1–3 года"
    );
}

#[test]
fn salary_factor_compares_net_amounts_in_one_currency() {
    let p = prepared(&python_resume()); // wants 200 000 ₽
    let fit_for = |from: Option<u64>, to: Option<u64>, currency: &str, gross: Option<bool>| {
        let mut v = python_vacancy();
        v.salary = Some(SalaryRange {
            from,
            to,
            currency: currency.into(),
            gross,
        });
        factor(&score_vacancy(&p, &v), FactorKind::Salary).fit
    };
    assert_eq!(fit_for(None, Some(250_000), "RUR", Some(false)), Some(1.0));
    assert_eq!(fit_for(None, Some(200_000), "RUB", Some(false)), Some(1.0));
    // 200 000 before tax is 174 000 net: 87 % of the wish.
    let gross = fit_for(None, Some(200_000), "RUR", Some(true)).unwrap();
    assert!((gross - (0.87 - 0.7) / 0.3).abs() < 1e-3, "{gross}");
    assert_eq!(fit_for(Some(100_000), None, "RUR", None), Some(0.0));
    assert_eq!(fit_for(Some(5000), None, "USD", None), None);
    let mut v = python_vacancy();
    v.salary = None;
    let r = score_vacancy(&p, &v);
    assert_eq!(factor(&r, FactorKind::Salary).fit, None);
    assert_eq!(factor(&r, FactorKind::Salary).max_points, 0.0);
    assert_consistent(&r);
}

#[test]
fn format_and_place_factors() {
    let p = prepared(&python_resume()); // Moscow, remote or hybrid
    let mut v = python_vacancy();
    v.work_formats = vec!["ON_SITE".into()];
    v.area_id = Some("2".into());
    v.area_name = Some("Санкт-Петербург".into());
    let r = score_vacancy(&p, &v);
    assert_eq!(
        factor(&r, FactorKind::Format).fit,
        Some(0.5),
        "format wrong, employment right"
    );
    assert_eq!(factor(&r, FactorKind::Place).fit, Some(0.0));
    assert!(factor(&r, FactorKind::Place)
        .note
        .contains("Санкт-Петербург"));
    v.work_formats = vec!["REMOTE".into()];
    let r = score_vacancy(&p, &v);
    assert_eq!(factor(&r, FactorKind::Format).fit, Some(1.0));
    assert_eq!(
        factor(&r, FactorKind::Place).fit,
        Some(1.0),
        "remote work makes the city irrelevant"
    );
    let mut relocating = python_resume();
    relocating.relocation_area_ids = vec!["2".into()];
    let mut v = python_vacancy();
    v.work_formats = vec!["ON_SITE".into()];
    v.area_id = Some("2".into());
    v.area_name = Some("Санкт-Петербург".into());
    let r = score_vacancy(&prepared(&relocating), &v);
    assert_eq!(factor(&r, FactorKind::Place).fit, Some(0.6));
}

#[test]
fn role_factor_ignores_other() {
    let p = prepared(&python_resume());
    let mut v = python_vacancy();
    v.professional_role_ids = vec!["40".into()];
    assert_eq!(factor(&score_vacancy(&p, &v), FactorKind::Role).fit, None);
    v.professional_role_ids = vec!["124".into(), "96".into()];
    assert_eq!(
        factor(&score_vacancy(&p, &v), FactorKind::Role).fit,
        Some(1.0)
    );
}

#[test]
fn title_factor_uses_synonyms_and_word_parts() {
    let p = prepared(&python_resume());
    let fit_for = |name: &str| {
        let mut v = python_vacancy();
        v.name = name.into();
        factor(&score_vacancy(&p, &v), FactorKind::Title)
            .fit
            .unwrap()
    };
    let same = fit_for("Senior Python Developer");
    assert!(
        same >= 0.75,
        "Developer = разработчик, seniority ignored: {same}"
    );
    let other = fit_for("Менеджер по продажам");
    assert!(other < 0.2, "{other}");
    let partial = fit_for("Golang-разработчик");
    assert!(partial > other && partial < same, "{partial}");
}

#[test]
fn cards_are_preliminary_and_read_salary_text() {
    let p = prepared(&python_resume());
    let card = CardFacts {
        id: "5".into(),
        title: "Python-разработчик".into(),
        snippet: "Опыт с <highlighttext>Django</highlighttext> и PostgreSQL, Kafka.".into(),
        salary_text: Some("от\u{a0}150\u{202f}000\u{a0}₽ за\u{a0}месяц, на\u{a0}руки".into()),
        experience: Some("Опыт 3–6 лет".into()),
        ..CardFacts::default()
    };
    let r = score_card(&p, &card);
    assert_consistent(&r);
    assert!(r.preliminary);
    assert!(r.summary.starts_with("Предварительно"), "{}", r.summary);
    assert!(r.matched_skills.contains(&"Django".to_string()));
    assert_eq!(r.missing_skills, ["Kafka"]);
    assert_eq!(factor(&r, FactorKind::Experience).fit, Some(1.0));
    assert!(factor(&r, FactorKind::Salary).fit.is_some());
}

#[test]
fn cyrillic_1c_matches_latin_1c() {
    let resume = ResumeFacts {
        title: "Программист 1С".into(),
        skills: vec!["1C:Предприятие".into()],
        ..ResumeFacts::default()
    };
    let vacancy = VacancyFacts {
        name: "Разработчик 1С".into(),
        key_skills: vec!["1С: Предприятие 8".into()],
        ..VacancyFacts::default()
    };
    let r = score_vacancy(&prepared(&resume), &vacancy);
    assert_eq!(r.matched_skills, ["1С: Предприятие 8"]);
    assert!(factor(&r, FactorKind::Title).fit.unwrap() >= 0.75);
}

#[test]
fn empty_resume_and_vacancy_give_zero_with_a_clear_sentence() {
    let r = score_vacancy(&prepared(&ResumeFacts::default()), &VacancyFacts::default());
    assert_eq!(r.score, 0);
    assert_eq!(r.summary, "Недостаточно данных для оценки.");
    assert!(r.factors.iter().all(|f| f.fit.is_none() && f.points == 0.0));
    let r = score_card(&prepared(&ResumeFacts::default()), &CardFacts::default());
    assert_eq!(r.score, 0);
}

#[test]
fn scoring_is_deterministic() {
    let p = prepared(&python_resume());
    assert_eq!(
        score_vacancy(&p, &python_vacancy()),
        score_vacancy(&p, &python_vacancy())
    );
    let p2 = prepared(&python_resume());
    assert_eq!(
        score_vacancy(&p, &python_vacancy()),
        score_vacancy(&p2, &python_vacancy())
    );
}

#[test]
fn user_aliases_change_matching() {
    let table = AliasTable::builtin()
        .with_user_lines("Kafka = Кафочка")
        .unwrap();
    let mut resume = python_resume();
    resume.skills.push("Кафочка".into());
    let r = score_vacancy(&PreparedResume::new(&resume, &table), &python_vacancy());
    assert!(
        r.matched_skills.contains(&"Kafka".to_string()),
        "{:?}",
        r.matched_skills
    );
}

fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<script>".to_string()),
        Just("</p><li>".to_string()),
        Just("&#x1F600;&#0;&#99999999999;&amp".to_string()),
        Just("<highlighttext>".to_string()),
        Just("C++ С# .NET 1С".to_string()),
        Just("🚀👩‍💻".to_string()),
        Just("Python-разработчик".to_string()),
        Just("\u{202e}\u{0}\u{feff}".to_string()),
        "\\PC{0,20}",
    ];
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_input_scores_without_panic(name in hostile_text(), html in hostile_text(), skills in prop::collection::vec(hostile_text(), 0..6), salary in hostile_text()) {
        let resume = ResumeFacts { title: name.clone(), skills: skills.clone(), skills_text: html.clone(), ..ResumeFacts::default() };
        let p = prepared(&resume);
        let v = VacancyFacts { name: name.clone(), key_skills: skills, description_html: html.clone(), ..VacancyFacts::default() };
        let r = score_vacancy(&p, &v);
        assert_consistent(&r);
        let c = CardFacts { title: name, snippet: html, salary_text: Some(salary), experience: Some("x".into()), ..CardFacts::default() };
        assert_consistent(&score_card(&p, &c));
    }

    #[test]
    fn html_to_text_never_panics(html in "\\PC{0,200}") {
        let _ = text::html_to_text(&html);
    }
}

#[test]
fn one_megabyte_description_scores_in_bounded_time() {
    let mut html = String::with_capacity(1 << 20);
    while html.len() < 1 << 20 {
        html.push_str("<p>Опыт с Python, Django и PostgreSQL; 🚀 <b>Kafka</b> &amp; k8s — 1С mixed Сontent</p>");
    }
    let mut v = python_vacancy();
    v.description_html = html;
    let p = prepared(&python_resume());
    let r = score_vacancy(&p, &v);
    assert_consistent(&r);
    assert!(r.matched_skills.contains(&"Django".to_string()));
}
