//! `cargo xtask bench`: matching throughput, natively (criterion, `benches/matching.rs`) and compiled to
//! wasm32-unknown-unknown and run under Node (`benches/wasm`), with the resume prepared once.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn data_dir(root: &Path) -> PathBuf {
    std::env::var_os("HH_EVAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/vacancies"))
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn run_command(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}"))
    }
}

/// Runs the native criterion benchmark, then the wasm measurement.
pub fn run() -> Result<(), String> {
    let root = repo_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    println!("== native (criterion, one thread)");
    run_command(Command::new(&cargo).current_dir(&root).args([
        "bench",
        "-p",
        "hh-job-agent",
        "--bench",
        "matching",
        "--",
        "--warm-up-time",
        "1",
        "--measurement-time",
        "5",
    ]))?;
    println!("== wasm32-unknown-unknown under Node");
    run_command(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    let manifest = root.join("benches/wasm/Cargo.toml");
    run_command(
        Command::new(&cargo)
            .current_dir(&root)
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--manifest-path",
            ])
            .arg(&manifest),
    )?;
    let wasm = target_dir(&root).join("wasm32-unknown-unknown/release/matching_wasm_bench.wasm");
    run_command(
        Command::new("node")
            .arg(root.join("benches/wasm/run.mjs"))
            .arg(&wasm)
            .arg(data_dir(&root))
            .arg(root.join("tests/eval/profiles/python_backend.json")),
    )
}
