//! How pages talk to the service worker: one `ask(Request) -> Response` seam, real or mocked, shared via Leptos context.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use hh_job_agent::protocol::{Request, Response, UserError};
use leptos::prelude::*;

/// An answer that is still on its way; wasm futures are single-threaded, so it is not `Send`.
pub type Pending = Pin<Box<dyn Future<Output = Response>>>;

/// Something that answers protocol requests.
pub trait Connector: Send + Sync {
    fn ask(&self, request: Request) -> Pending;
}

/// The connector the components use, cheap to clone into handlers.
#[derive(Clone)]
pub struct Worker(Arc<dyn Connector>);

impl Worker {
    pub fn new(connector: impl Connector + 'static) -> Self {
        Worker(Arc::new(connector))
    }

    /// The real service worker, over `chrome.runtime.sendMessage`.
    pub fn chrome() -> Self {
        Worker::new(ChromeConnector)
    }

    pub async fn ask(&self, request: Request) -> Response {
        self.0.ask(request).await
    }

    /// Makes this worker the one `use_worker` returns below the current owner.
    pub fn provide(self) {
        provide_context(self);
    }
}

/// The worker provided by the page root (or the test).
pub fn use_worker() -> Worker {
    expect_context::<Worker>()
}

struct ChromeConnector;

impl Connector for ChromeConnector {
    fn ask(&self, request: Request) -> Pending {
        Box::pin(hh_chrome::ask_worker(request))
    }
}

/// The error shown when the worker answers with a response the page did not ask for.
pub fn unexpected(response: &Response) -> UserError {
    match response {
        Response::Error { error } => error.clone(),
        _ => UserError::new("unexpected_answer", crate::i18n::t("unexpected_answer")),
    }
}

type Answer = dyn Fn(&Request) -> Response + Send + Sync;

/// A stand-in worker for tests: records every request and answers from a function.
#[derive(Clone)]
pub struct MockConnector {
    requests: Arc<Mutex<Vec<Request>>>,
    answer: Arc<Answer>,
}

impl MockConnector {
    pub fn new(answer: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Self {
        MockConnector {
            requests: Arc::default(),
            answer: Arc::new(answer),
        }
    }

    /// The requests received so far, oldest first.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }

    pub fn worker(&self) -> Worker {
        Worker::new(self.clone())
    }
}

impl Connector for MockConnector {
    fn ask(&self, request: Request) -> Pending {
        let response = (self.answer)(&request);
        if let Ok(mut log) = self.requests.lock() {
            log.push(request);
        }
        Box::pin(async move { response })
    }
}
