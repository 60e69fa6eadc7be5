//! The seams to the outside world: `Transport` sends an [`HttpRequest`], `Clock` gives time, sleep and randomness.
//!
//! The worker implements them with `fetch`, `Date.now()`, `setTimeout` and `crypto.getRandomValues`;
//! tests use fakes. No `Send` bounds: wasm futures are not `Send`.

use std::future::Future;
use std::sync::{Arc, Mutex};

use super::request::HttpRequest;

/// An HTTP answer as data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Case-insensitive header lookup.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a request got no HTTP answer at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer in time: the request may or may not have reached hh.ru.
    Timeout,
    /// The request did not go through (offline, DNS, CORS, TLS, …).
    Network(String),
}

/// Sends one request. Redirects must not be followed (the client reads `Location` itself).
pub trait Transport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;
}

/// Time, sleeping and randomness, injected so that the core stays pure and tests run in virtual time.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    /// Uniformly random bits (used for the OAuth `state`, multipart boundaries and jitter).
    fn random_u64(&self) -> u64;
}

/// A virtual clock: `sleep` advances time at once, randomness is a seeded xorshift.
/// Cheap to clone; clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    inner: Arc<Mutex<ManualClockState>>,
}

#[derive(Debug)]
struct ManualClockState {
    now_ms: u64,
    rng: u64,
    sleeps: Vec<u64>,
}

impl ManualClock {
    pub fn new(start_ms: u64) -> Self {
        ManualClock {
            inner: Arc::new(Mutex::new(ManualClockState {
                now_ms: start_ms,
                rng: 0x9E37_79B9_7F4A_7C15,
                sleeps: Vec::new(),
            })),
        }
    }

    pub fn advance(&self, ms: u64) {
        self.state().now_ms += ms;
    }

    pub fn set(&self, now_ms: u64) {
        self.state().now_ms = now_ms;
    }

    /// Every sleep requested so far, in order.
    pub fn sleeps(&self) -> Vec<u64> {
        self.state().sleeps.clone()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualClockState> {
        // A poisoned lock only means another test thread panicked; the data is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.state().now_ms
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        let mut state = self.state();
        state.now_ms += ms;
        state.sleeps.push(ms);
        std::future::ready(())
    }

    fn random_u64(&self) -> u64 {
        let mut state = self.state();
        let mut x = state.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state.rng = x;
        x
    }
}

/// A future that is pending once, so that concurrent requests over a fake transport interleave as real ones do.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct YieldOnce(bool);

#[cfg(test)]
impl Future for YieldOnce {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
}
