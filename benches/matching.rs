//! Throughput of matching with the resume prepared once: full vacancies (`score_vacancy`) and search cards
//! (`score_card`), over the real vacancies in the team's shared data (`HH_EVAL_DATA` to point elsewhere).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hh_job_agent::matching::{
    score_card, score_vacancy, AliasTable, CardFacts, PreparedResume, ResumeFacts, VacancyFacts,
};
use serde_json::Value;

fn data_dir() -> PathBuf {
    std::env::var_os("HH_EVAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/vacancies")
        })
}

fn json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let dir = data_dir();
    let resume_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/profiles/python_backend.json");
    let resume = ResumeFacts::from_api_json(&json(resume_path));
    let aliases = AliasTable::builtin();
    let mut vacancies: Vec<VacancyFacts> = Vec::new();
    for file in ["full_2025-11_it_100.json", "full_2023-04_nonit_69.json"] {
        vacancies.extend(
            list(&json(dir.join(file)))
                .iter()
                .map(VacancyFacts::from_api_json),
        );
    }
    let cards: Vec<CardFacts> = list(&json(dir.join("search_items_2026-03_896.json")))
        .iter()
        .map(CardFacts::from_search_item_json)
        .collect();

    c.bench_function("prepare_resume", |b| {
        b.iter(|| PreparedResume::new(&resume, &aliases))
    });
    let prepared = PreparedResume::new(&resume, &aliases);
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(vacancies.len() as u64));
    group.bench_function("full_vacancies", |b| {
        b.iter(|| {
            vacancies
                .iter()
                .map(|v| score_vacancy(&prepared, v).score as u32)
                .sum::<u32>()
        })
    });
    group.throughput(Throughput::Elements(cards.len() as u64));
    group.bench_function("cards", |b| {
        b.iter(|| {
            cards
                .iter()
                .map(|c| score_card(&prepared, c).score as u32)
                .sum::<u32>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
