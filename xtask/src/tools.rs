//! Makes sure the tools the build and tests need are present, installing them on a fresh machine when it can.

use std::process::Command;

use crate::{cargo, output, root, sh};

/// The wasm-bindgen version the workspace locks: the CLI must be exactly this one.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock does not lock wasm-bindgen".into())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// The wasm target, wasm-bindgen-cli at the locked version and binaryen's wasm-opt.
pub fn ensure_wasm_tools() -> Result<(), String> {
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t == "wasm32-unknown-unknown") {
        sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let want = locked_wasm_bindgen_version()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) != Some(want.as_str()) {
        // Not --locked: one of the CLI's locked dependencies was yanked from crates.io.
        sh(cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    }
    npm_ci("xtask", "binaryen")
}

/// binaryen's `wasm-opt` from npm: Debian's (version 108) breaks wasm-bindgen's reference-type tables.
pub fn wasm_opt() -> std::path::PathBuf {
    root().join("xtask/node_modules/.bin/wasm-opt")
}

/// Debian's Chromium and its driver, for wasm-bindgen-test and the end-to-end suite.
pub fn ensure_chromium() -> Result<(), String> {
    let have = |bin: &str| std::path::Path::new(bin).exists();
    if !have("/usr/bin/chromium") || !have("/usr/bin/chromedriver") {
        apt_install(&["chromium", "chromium-driver", "fonts-dejavu-core"])?;
    }
    Ok(())
}

/// The end-to-end suite's node packages (playwright-core, which never downloads a browser).
pub fn ensure_node_packages() -> Result<(), String> {
    npm_ci("tests/e2e", "playwright-core")
}

/// Installs a folder's locked npm packages unless `package` is already there.
fn npm_ci(folder: &str, package: &str) -> Result<(), String> {
    let dir = root().join(folder);
    if dir.join("node_modules").join(package).exists() {
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        return Err(
            "npm is missing: install Node.js 20 or newer with npm (apt-get install nodejs npm)"
                .into(),
        );
    }
    sh(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "missing tools: run `sudo apt-get install {}`",
            packages.join(" ")
        ));
    }
    sh(Command::new("apt-get").args(["update", "-qq"]))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
