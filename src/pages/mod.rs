//! What the extension knows about hh.ru's own pages: the selector table and the page kinds.

pub mod selectors;
pub mod vacancy_page;
