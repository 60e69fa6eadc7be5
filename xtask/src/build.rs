//! `cargo xtask build`: compiles both wasm modules, binds and shrinks them, and lays out `dist/` for "Load unpacked".

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::{cargo, root, sh, tools};

/// The wasm crates and the names their glue gets in `dist/wasm/`.
const WASM_CRATES: &[(&str, &str)] = &[("hh-worker", "hh_worker"), ("hh-ui", "hh_ui")];

/// Flags for wasm-opt: the features current rustc emits for wasm32-unknown-unknown.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// One built wasm module and its sizes in bytes.
pub struct WasmSize {
    pub name: &'static str,
    pub raw: u64,
    pub gzip: u64,
}

/// Builds `dist/`; returns the wasm sizes.
pub fn run() -> Result<Vec<WasmSize>, String> {
    let started = Instant::now();
    tools::ensure_wasm_tools()?;
    let root = root();
    let dist = dist_dir();
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|e| format!("dist: {e}"))?;
    }
    let mut build = cargo();
    build.args([
        "build",
        "--profile",
        "wasm",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    for (package, _) in WASM_CRATES {
        build.args(["-p", package]);
    }
    sh(&mut build)?;

    let target_dir = target_dir();
    let mut sizes = Vec::new();
    for (_, name) in WASM_CRATES {
        let input = target_dir.join(format!("wasm32-unknown-unknown/wasm/{name}.wasm"));
        sh(Command::new("wasm-bindgen")
            .arg(&input)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(dist.join("wasm")))?;
        let bound = dist.join(format!("wasm/{name}_bg.wasm"));
        sh(Command::new(tools::wasm_opt())
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .arg(&bound)
            .arg("-o")
            .arg(&bound))?;
        sizes.push(WasmSize {
            name,
            raw: file_size(&bound)?,
            gzip: gzip_size(&bound)?,
        });
    }

    copy_file(&root.join("manifest.json"), &dist.join("manifest.json"))?;
    copy_dir(&root.join("static"), &dist)?;
    for entry in fs::read_dir(root.join("extension/js")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        copy_file(&path, &dist.join(path.file_name().unwrap_or_default()))?;
    }

    for size in &sizes {
        println!(
            "{:<10} {:>8.1} KiB raw {:>8.1} KiB gzip",
            size.name,
            kib(size.raw),
            kib(size.gzip)
        );
    }
    println!(
        "dist/ built in {:.1} s: load it with chrome://extensions → «Загрузить распакованное»",
        started.elapsed().as_secs_f64()
    );
    Ok(sizes)
}

/// Where the built extension goes: `dist/`, or `HH_AGENT_DIST` (so several builds can live side by side).
pub fn dist_dir() -> std::path::PathBuf {
    std::env::var_os("HH_AGENT_DIST")
        .map(Into::into)
        .unwrap_or_else(|| root().join("dist"))
}

/// Cargo's target folder, as cargo itself resolves it from `CARGO_TARGET_DIR`.
pub fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|| root().join("target"))
}

fn kib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn file_size(path: &Path) -> Result<u64, String> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn gzip_size(path: &Path) -> Result<u64, String> {
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len() as u64)
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy_file(&path, &target)?;
        }
    }
    Ok(())
}
