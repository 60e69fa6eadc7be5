//! `cargo xtask demo`: builds the extension and opens Chromium with it on the bundled fake hh.ru, offline.

use std::process::Command;

use crate::{build, cargo, root, sh, tools};

pub fn run(headless: bool) -> Result<(), String> {
    tools::ensure_chromium()?;
    tools::ensure_node_packages()?;
    build::run()?;
    sh(cargo().args(["build", "-p", "fake-hh"]))?;
    // Without a display there is nothing to open a window on: fall back to screenshots.
    let headless = headless
        || std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none();
    let mut demo = Command::new("node");
    demo.arg("demo.mjs")
        .current_dir(root().join("tests/e2e"))
        .env("HH_AGENT_DIST", build::dist_dir())
        .env("FAKE_HH_BIN", build::target_dir().join("debug/fake-hh"));
    if headless {
        demo.arg("--headless");
    }
    sh(&mut demo)
}
