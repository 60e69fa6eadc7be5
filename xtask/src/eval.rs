//! `cargo xtask eval`: ranks the real vacancies for each labelled resume profile and prints NDCG@10 and
//! precision@10 of the scorer and of two baselines (random order, plain keyword overlap).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use hh_job_agent::matching::eval::{evaluate_random, evaluate_scores, keyword_overlap, Metrics};
use hh_job_agent::matching::facts::experience_id_from_text;
use hh_job_agent::matching::text::html_to_text;
use hh_job_agent::matching::{
    score_card, score_vacancy, AliasTable, CardFacts, PreparedResume, ResumeFacts, SalaryRange,
    VacancyFacts,
};
use serde_json::Value;

const K: usize = 10;
/// Tie-breaking and random-order seeds; every ranker is averaged over the same ones.
const SEEDS: [u64; 20] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where the real vacancies are: `HH_EVAL_DATA`, or the team's shared data next to the repository.
fn data_dir() -> PathBuf {
    match std::env::var_os("HH_EVAL_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => repo_root().join("../shared/data/vacancies"),
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_json(path: &Path) -> Result<Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// A vacancy of the evaluation set, full or card, with the text the keyword baseline looks at.
enum Item {
    Full(VacancyFacts),
    Card(CardFacts),
}

struct Labelled {
    key: String,
    item: Item,
    /// Lowercased name, key skills and description: what the keyword baseline searches.
    plain_text: String,
}

fn full(key: String, v: VacancyFacts) -> Labelled {
    let plain_text = format!(
        "{}\n{}\n{}",
        v.name,
        v.key_skills.join("\n"),
        html_to_text(&v.description_html)
    )
    .to_lowercase();
    Labelled {
        key,
        item: Item::Full(v),
        plain_text,
    }
}

fn csv_rows(path: &Path) -> Result<Vec<HashMap<String, String>>, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        rows.push(
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        );
    }
    Ok(rows)
}

fn number(s: Option<&String>) -> Option<u64> {
    s.and_then(|x| x.trim().parse::<f64>().ok())
        .filter(|x| *x > 0.0)
        .map(|x| x as u64)
}

fn salary(
    from: Option<u64>,
    to: Option<u64>,
    currency: Option<&String>,
    gross: Option<&String>,
) -> Option<SalaryRange> {
    if from.is_none() && to.is_none() {
        return None;
    }
    Some(SalaryRange {
        from,
        to,
        currency: currency
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "RUR".into()),
        gross: gross.and_then(|g| match g.trim() {
            "True" | "true" => Some(true),
            "False" | "false" => Some(false),
            _ => None,
        }),
    })
}

/// The full vacancies: two files of API objects and two CSV files (the second scraped from pages).
fn load_full(dir: &Path) -> Result<Vec<Labelled>, String> {
    let mut items = Vec::new();
    for (file, prefix) in [
        ("full_2025-11_it_100.json", "it25"),
        ("full_2023-04_nonit_69.json", "nonit23"),
    ] {
        let json = read_json(&dir.join(file))?;
        for v in json.as_array().ok_or(format!("{file}: expected a list"))? {
            let facts = VacancyFacts::from_api_json(v);
            items.push(full(format!("{prefix}:{}", facts.id), facts));
        }
    }
    for (i, row) in csv_rows(&dir.join("full_2022-07_mixed_346.csv"))?
        .into_iter()
        .enumerate()
    {
        let get = |k: &str| row.get(k).cloned().unwrap_or_default();
        let facts = VacancyFacts {
            id: i.to_string(),
            name: get("name"),
            key_skills: get("key_skills")
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            description_html: get("description"),
            experience_id: Some(get("experience_id")).filter(|s| !s.is_empty()),
            salary: salary(
                number(row.get("salary_from")),
                number(row.get("salary_to")),
                row.get("salary_currency"),
                row.get("salary_gross"),
            ),
            area_name: Some(get("area_name")).filter(|s| !s.is_empty()),
            employer: Some(get("employer_name")).filter(|s| !s.is_empty()),
            ..VacancyFacts::default()
        };
        items.push(full(format!("mixed22:{i}"), facts));
    }
    for row in csv_rows(&dir.join("pages_2025-11_300.csv"))? {
        let get = |k: &str| row.get(k).cloned().unwrap_or_default();
        let format_text = get("work_format_raw").to_lowercase();
        let mut work_formats = Vec::new();
        for (word, id) in [
            ("удал", "REMOTE"),
            ("гибрид", "HYBRID"),
            ("на\u{a0}месте", "ON_SITE"),
            ("на месте", "ON_SITE"),
            ("разъезд", "FIELD_WORK"),
        ] {
            if format_text.contains(word) && !work_formats.iter().any(|f| f == id) {
                work_formats.push(id.to_string());
            }
        }
        let facts = VacancyFacts {
            id: get("vacancy_id"),
            name: get("title"),
            key_skills: get("skills")
                .split(", ")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            description_html: get("description"),
            experience_id: experience_id_from_text(&get("experience")).map(str::to_string),
            salary: salary(
                number(row.get("salary_from")),
                number(row.get("salary_to")),
                row.get("currency"),
                row.get("salary_gross"),
            ),
            work_formats,
            area_name: Some(get("city")).filter(|s| !s.is_empty()),
            employer: Some(get("company")).filter(|s| !s.is_empty()),
            ..VacancyFacts::default()
        };
        items.push(full(format!("pages25:{}", facts.id), facts));
    }
    Ok(items)
}

/// Search items of the API: what a search card shows (title, snippet, salary), no description.
fn load_cards(dir: &Path) -> Result<Vec<Labelled>, String> {
    let mut items: Vec<Labelled> = Vec::new();
    for file in [
        "search_items_2026-03_109.json",
        "search_items_2026-03_896.json",
    ] {
        let json = read_json(&dir.join(file))?;
        for v in json.as_array().ok_or(format!("{file}: expected a list"))? {
            let card = CardFacts::from_search_item_json(v);
            let key = format!("cards:{}", card.id);
            if items.iter().any(|i| i.key == key) {
                continue;
            }
            let plain_text =
                format!("{}\n{}", card.title, html_to_text(&card.snippet)).to_lowercase();
            items.push(Labelled {
                key,
                item: Item::Card(card),
                plain_text,
            });
        }
    }
    Ok(items)
}

fn load_profiles(dir: &Path) -> Result<Vec<(String, ResumeFacts)>, String> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut profiles = Vec::new();
    for path in paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        profiles.push((name, ResumeFacts::from_api_json(&read_json(&path)?)));
    }
    if profiles.len() < 8 {
        return Err(format!(
            "{}: expected at least 8 profiles, found {}",
            dir.display(),
            profiles.len()
        ));
    }
    Ok(profiles)
}

/// profile → vacancy key → grade.
fn load_labels(path: &Path) -> Result<HashMap<String, HashMap<String, u8>>, String> {
    let mut labels: HashMap<String, HashMap<String, u8>> = HashMap::new();
    for (line, row) in csv_rows(path)?.into_iter().enumerate() {
        let field = |k: &str| {
            row.get(k)
                .ok_or(format!("{}: row {} has no {k}", path.display(), line + 2))
        };
        let grade: u8 = field("grade")?
            .parse()
            .map_err(|_| format!("{}: row {}: bad grade", path.display(), line + 2))?;
        if grade > 2 {
            return Err(format!(
                "{}: row {}: grade must be 0–2",
                path.display(),
                line + 2
            ));
        }
        labels
            .entry(field("profile")?.clone())
            .or_default()
            .insert(field("vacancy_key")?.clone(), grade);
    }
    Ok(labels)
}

struct Row {
    profile: String,
    relevant: usize,
    scorer: Metrics,
    keyword: Metrics,
    random: Metrics,
}

fn evaluate_set(
    title: &str,
    items: &[Labelled],
    profiles: &[(String, ResumeFacts)],
    labels: &HashMap<String, HashMap<String, u8>>,
    aliases: &AliasTable,
) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (name, resume) in profiles {
        let profile_labels = labels
            .get(name)
            .ok_or(format!("labels.csv has no rows for profile {name}"))?;
        let grades: Vec<u8> = items
            .iter()
            .map(|i| {
                profile_labels
                    .get(&i.key)
                    .copied()
                    .ok_or(format!("labels.csv has no grade for {name} / {}", i.key))
            })
            .collect::<Result<_, _>>()?;
        let prepared = PreparedResume::new(resume, aliases);
        let scores: Vec<f64> = items
            .iter()
            .map(|i| match &i.item {
                Item::Full(v) => score_vacancy(&prepared, v).score as f64,
                Item::Card(c) => score_card(&prepared, c).score as f64,
            })
            .collect();
        let keyword: Vec<f64> = items
            .iter()
            .map(|i| keyword_overlap(&resume.skills, &i.plain_text))
            .collect();
        rows.push(Row {
            profile: name.clone(),
            relevant: grades.iter().filter(|&&g| g > 0).count(),
            scorer: evaluate_scores(&scores, &grades, K, &SEEDS),
            keyword: evaluate_scores(&keyword, &grades, K, &SEEDS),
            random: evaluate_random(&grades, K, &SEEDS),
        });
    }
    print_table(title, items.len(), &rows);
    Ok(rows)
}

fn print_table(title: &str, n: usize, rows: &[Row]) {
    println!(
        "\n{title}: {n} vacancies, k = {K}, ties and random orders averaged over {} seeds",
        SEEDS.len()
    );
    println!(
        "{:<16} {:>4} | {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8}",
        "profile", "rel", "NDCG:scr", "keyword", "random", "P@10:scr", "keyword", "random"
    );
    for r in rows {
        println!(
            "{:<16} {:>4} | {:>8.3} {:>8.3} {:>8.3} | {:>8.2} {:>8.2} {:>8.2}",
            r.profile,
            r.relevant,
            r.scorer.ndcg,
            r.keyword.ndcg,
            r.random.ndcg,
            r.scorer.precision,
            r.keyword.precision,
            r.random.precision
        );
    }
    let mean = |f: &dyn Fn(&Row) -> f64| rows.iter().map(f).sum::<f64>() / rows.len().max(1) as f64;
    println!(
        "{:<16} {:>4} | {:>8.3} {:>8.3} {:>8.3} | {:>8.2} {:>8.2} {:>8.2}",
        "OVERALL",
        "",
        mean(&|r| r.scorer.ndcg),
        mean(&|r| r.keyword.ndcg),
        mean(&|r| r.random.ndcg),
        mean(&|r| r.scorer.precision),
        mean(&|r| r.keyword.precision),
        mean(&|r| r.random.precision)
    );
    let wins = rows
        .iter()
        .filter(|r| r.scorer.ndcg > r.keyword.ndcg)
        .count();
    println!(
        "scorer beats keyword NDCG@{K} on {wins} of {} profiles",
        rows.len()
    );
}

/// Runs the whole evaluation and prints both tables.
pub fn run() -> Result<(), String> {
    let data = data_dir();
    let eval_dir = repo_root().join("tests/eval");
    let aliases = AliasTable::builtin();
    let profiles = load_profiles(&eval_dir.join("profiles"))?;
    let labels = load_labels(&eval_dir.join("labels.csv"))?;
    let full_items = load_full(&data)?;
    let cards = load_cards(&data)?;
    println!("data: {}", data.display());
    evaluate_set(
        "Full vacancies (score_vacancy)",
        &full_items,
        &profiles,
        &labels,
        &aliases,
    )?;
    evaluate_set(
        "Search cards (score_card, preliminary)",
        &cards,
        &profiles,
        &labels,
        &aliases,
    )?;
    Ok(())
}
