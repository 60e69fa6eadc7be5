//! `cargo xtask demo`: builds the extension and opens Chromium with it on the bundled fake hh.ru, offline.

use crate::{test, tools};

pub fn run(headless: bool) -> Result<(), String> {
    tools::ensure_chromium()?;
    tools::ensure_node_packages()?;
    // Without a display there is nothing to open a window on: fall back to screenshots.
    let no_display =
        std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none();
    if headless || no_display {
        test::end_to_end_script(&["demo.mjs", "--headless"])
    } else {
        test::end_to_end_script(&["demo.mjs"])
    }
}
