//! The hh.ru API: models, requests, OAuth tokens, errors, polite traffic, cache and the reply ledger.

pub mod cache;
pub mod client;
pub mod error;
pub mod ledger;
pub mod models;
pub mod oauth;
pub mod polite;
pub mod request;
pub mod transport;

pub use client::{ApplyRequirements, ApplyResult, ClientConfig, HhClient, HhEvent};
pub use error::HhError;
pub use oauth::Tokens;
pub use request::{HttpRequest, NegotiationsParams, OAuthApp, Requests, SearchParams};
pub use transport::{Clock, HttpResponse, Transport, TransportError};

#[cfg(test)]
mod tests;
