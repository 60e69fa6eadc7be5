//! Integration tests of the fake hh.ru: a real HTTPS server on loopback, driven through reqwest with
//! `hh.ru` and `api.hh.ru` resolved to it, the way Chromium reaches it in the end-to-end suite.

mod api;
mod cli;
mod common;
mod control;
mod oauth;
mod pages;
mod replies;
mod site;
