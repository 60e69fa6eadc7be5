//! `cargo xtask bench [matching | search]`: matching throughput natively (criterion) and compiled to wasm
//! under Node, and the search-page badge timings in Chromium on the fake hh.ru.

use std::process::Command;

use crate::{build, cargo, root, sh, test, tools};

pub fn run(which: Option<&str>) -> Result<(), String> {
    match which {
        None => matching().and_then(|_| search()),
        Some("matching") => matching(),
        Some("search") => search(),
        Some(other) => Err(format!("unknown benchmark `{other}`: matching or search")),
    }
}

/// Scoring throughput with the resume prepared once: native, then the same code as wasm.
fn matching() -> Result<(), String> {
    println!("== matching, native (criterion, one thread)");
    sh(cargo()
        .args(["bench", "-p", "hh-job-agent", "--bench", "matching", "--"])
        .args(["--warm-up-time", "1", "--measurement-time", "5"]))?;
    println!("== matching, wasm32-unknown-unknown under Node");
    tools::ensure_wasm_tools()?;
    let manifest = root().join("benches/wasm/Cargo.toml");
    sh(cargo()
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--manifest-path",
        ])
        .arg(&manifest))?;
    let wasm = build::target_dir().join("wasm32-unknown-unknown/release/matching_wasm_bench.wasm");
    let data = std::env::var_os("HH_EVAL_DATA")
        .map(Into::into)
        .unwrap_or_else(|| root().join("../shared/data/vacancies"));
    sh(Command::new("node")
        .arg(root().join("benches/wasm/run.mjs"))
        .arg(&wasm)
        .arg(data)
        .arg(root().join("tests/eval/profiles/python_backend.json")))
}

/// Badge timings on a 50-card search page of the fake hh.ru, 100 ms per API answer.
fn search() -> Result<(), String> {
    println!("== search page badges, Chromium on the fake hh.ru");
    tools::ensure_chromium()?;
    tools::ensure_node_packages()?;
    test::end_to_end_script(&["bench-search.mjs"])
}
