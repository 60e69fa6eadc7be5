//! HH Job Agent core: everything the extension knows, with no browser dependency, so it builds and tests natively.

pub mod agent;
pub mod hh;
pub mod letters;
pub mod matching;
pub mod pages;
pub mod protocol;
pub mod settings;
