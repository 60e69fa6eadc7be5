//! `cargo xtask test`: every check the project has, in order of speed: format, lints, native tests, wasm tests in Chromium, the end-to-end suite.

use std::process::Command;

use crate::{build, cargo, root, sh, tools};

/// Crates that only make sense compiled to wasm.
const WASM_PACKAGES: &[&str] = &["hh-chrome", "hh-worker", "hh-ui"];
/// Crates with browser tests under wasm-bindgen-test.
const WASM_TESTED: &[&str] = &["hh-ui"];

pub fn run() -> Result<(), String> {
    tools::ensure_wasm_tools()?;
    tools::ensure_chromium()?;
    tools::ensure_node_packages()?;

    sh(cargo().args(["fmt", "--all", "--", "--check"]))?;
    let mut native_clippy = cargo();
    native_clippy.args(["clippy", "--workspace", "--all-targets"]);
    exclude_wasm(&mut native_clippy);
    sh(native_clippy.args(["--", "-D", "warnings"]))?;
    let mut wasm_clippy = cargo();
    wasm_clippy.args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
    ]);
    for package in WASM_PACKAGES {
        wasm_clippy.args(["-p", package]);
    }
    sh(wasm_clippy.args(["--", "-D", "warnings"]))?;

    let mut native_tests = cargo();
    native_tests.args(["test", "--workspace"]);
    exclude_wasm(&mut native_tests);
    sh(&mut native_tests)?;

    let mut wasm_tests = cargo();
    wasm_tests.args(["test", "--target", "wasm32-unknown-unknown"]);
    for package in WASM_TESTED {
        wasm_tests.args(["-p", package]);
    }
    sh(wasm_tests
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;

    end_to_end(&[])
}

/// Builds the extension and the fake hh.ru, then runs the browser suite (`node --test`); `files` picks test
/// files (all `*.test.mjs` when empty).
pub fn end_to_end(files: &[&str]) -> Result<(), String> {
    sh(with_extension_and_fake(
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(files),
    )?)
}

/// Builds the extension and the fake hh.ru, then runs one node script of `tests/e2e` (and its arguments).
pub fn end_to_end_script(script_and_args: &[&str]) -> Result<(), String> {
    sh(with_extension_and_fake(
        Command::new("node").args(script_and_args),
    )?)
}

fn with_extension_and_fake(node: &mut Command) -> Result<&mut Command, String> {
    build::run()?;
    sh(cargo().args(["build", "-p", "fake-hh"]))?;
    Ok(node
        .current_dir(root().join("tests/e2e"))
        .env("HH_AGENT_DIST", build::dist_dir())
        .env("FAKE_HH_BIN", build::target_dir().join("debug/fake-hh")))
}

fn exclude_wasm(cmd: &mut Command) {
    for package in WASM_PACKAGES {
        cmd.args(["--exclude", package]);
    }
}
