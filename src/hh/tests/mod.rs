//! Tests of the hh.ru client against fixtures, the OpenAPI spec, a fake transport and a virtual clock.

mod client;
mod errors;
mod fixtures;
mod requests;
mod spec;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use super::request::HttpRequest;
use super::transport::{HttpResponse, Transport, TransportError, YieldOnce};

/// Reads a file from `shared/` beside the repository (as CI lays it out).
pub fn shared(path: &str) -> String {
    let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

type Handler = Box<dyn Fn(&HttpRequest) -> Result<HttpResponse, TransportError>>;

/// A scripted hh.ru: a handler answers each request; every request is logged; tracks requests in flight.
#[derive(Clone)]
pub struct FakeHh {
    handler: Rc<Handler>,
    log: Rc<RefCell<Vec<HttpRequest>>>,
    in_flight: Rc<Cell<usize>>,
    max_in_flight: Rc<Cell<usize>>,
}

impl FakeHh {
    pub fn new(
        handler: impl Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + 'static,
    ) -> Self {
        FakeHh {
            handler: Rc::new(Box::new(handler)),
            log: Rc::default(),
            in_flight: Rc::default(),
            max_in_flight: Rc::default(),
        }
    }

    pub fn requests(&self) -> Vec<HttpRequest> {
        self.log.borrow().clone()
    }

    /// Requests whose path is `path` (and method `method`).
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.log
            .borrow()
            .iter()
            .filter(|r| r.method.as_str() == method && r.path() == path)
            .count()
    }

    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.get()
    }
}

impl Transport for FakeHh {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        self.log.borrow_mut().push(request.clone());
        let result = (self.handler)(&request);
        let in_flight = self.in_flight.clone();
        let max = self.max_in_flight.clone();
        in_flight.set(in_flight.get() + 1);
        max.set(max.get().max(in_flight.get()));
        async move {
            YieldOnce::default().await;
            in_flight.set(in_flight.get() - 1);
            result
        }
    }
}

pub fn json(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(status, body).with_header("Content-Type", "application/json"))
}

/// The bearer token a request carries, if any.
pub fn bearer(request: &HttpRequest) -> Option<String> {
    request
        .header("Authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
}

/// Form or multipart fields of a request body.
pub fn body_fields(request: &HttpRequest) -> Vec<(String, String)> {
    match &request.body {
        super::request::Body::None => Vec::new(),
        super::request::Body::Form(pairs)
        | super::request::Body::Multipart { parts: pairs, .. } => pairs.clone(),
    }
}
