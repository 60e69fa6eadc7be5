//! What the extension knows about hh.ru's own pages: the selector table, an HTML reader and the page readers.

pub mod html;
pub mod selectors;
pub mod vacancy_page;
