//! The extension's pages in one wasm module: `start(page)` mounts the overlay, the popup or the options page.

pub mod connector;
pub mod i18n;
pub mod options;
pub mod overlay;
pub mod popup;
pub mod recommendations;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub use connector::{Connector, MockConnector, Worker};
pub use options::Options;
pub use overlay::Overlay;
pub use popup::Popup;
pub use recommendations::RecommendationsPage;

/// Mounts the page named by `<body data-page="…">` ("overlay", "popup", "options" or "recommendations") into the body.
#[wasm_bindgen]
pub fn start(page: &str) {
    console_error_panic_hook::set_once();
    let lang = i18n::detect();
    i18n::set_language(lang);
    document()
        .document_element()
        .map(|html| html.set_attribute("lang", lang.code()));
    let worker = Worker::chrome();
    let page = page.to_string();
    mount_to_body(move || {
        worker.provide();
        page_view(&page)
    });
}

/// The root component for a page name; the worker must already be provided.
pub fn page_view(page: &str) -> AnyView {
    match page {
        "overlay" => {
            view! { <Overlay vacancy_id=query_param("vacancy").unwrap_or_default() /> }.into_any()
        }
        "popup" => view! { <Popup /> }.into_any(),
        "options" => view! { <Options /> }.into_any(),
        "recommendations" => view! { <RecommendationsPage /> }.into_any(),
        _ => view! { <p class="error">{i18n::t("unknown_page")}</p> }.into_any(),
    }
}

/// One parameter of this page's URL, e.g. `vacancy` in `overlay.html?vacancy=123`.
fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}
