//! Polite traffic: a request-rate limiter, a concurrency cap and exponential backoff with jitter.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

use serde::{Deserialize, Serialize};

/// Traffic settings. hh.ru documents no request limit; staff once mentioned ~10/s per IP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliteConfig {
    /// At most this many requests start in any `window_ms`.
    pub max_requests_per_window: u32,
    pub window_ms: u64,
    /// At most this many requests in flight at once.
    pub max_concurrent: usize,
    /// Retries on 429/503, counting the first attempt.
    pub max_attempts: u32,
    pub base_delay_ms: u64,
    pub max_delay_ms: u64,
}

impl Default for PoliteConfig {
    fn default() -> Self {
        PoliteConfig {
            max_requests_per_window: 5,
            window_ms: 1000,
            max_concurrent: 3,
            max_attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 30_000,
        }
    }
}

impl PoliteConfig {
    /// The wait before retry number `attempt` (1 = first retry): `Retry-After` when given,
    /// otherwise `base * 2^(attempt-1)` capped, with jitter in its upper half.
    pub fn backoff_ms(&self, attempt: u32, retry_after_ms: Option<u64>, random: u64) -> u64 {
        if let Some(ms) = retry_after_ms {
            return ms.min(self.max_delay_ms);
        }
        let exponent = attempt.saturating_sub(1).min(20);
        let full = self
            .base_delay_ms
            .saturating_mul(1 << exponent)
            .min(self.max_delay_ms);
        let half = full / 2;
        half + random % (full - half + 1)
    }
}

/// `Retry-After` in seconds → milliseconds (an HTTP-date is ignored: the clock may be off).
pub fn parse_retry_after(value: &str) -> Option<u64> {
    value.trim().parse::<u64>().ok().map(|s| s * 1000)
}

/// Sliding-window limiter over request start times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimiter {
    max: u32,
    window_ms: u64,
    started: VecDeque<u64>,
}

impl RateLimiter {
    pub fn new(max_per_window: u32, window_ms: u64) -> Self {
        RateLimiter {
            max: max_per_window.max(1),
            window_ms,
            started: VecDeque::new(),
        }
    }

    /// Records a start at `now_ms` and returns 0, or returns how long to wait first.
    pub fn try_start(&mut self, now_ms: u64) -> u64 {
        while self
            .started
            .front()
            .is_some_and(|&t| t + self.window_ms <= now_ms)
        {
            self.started.pop_front();
        }
        if self.started.len() < self.max as usize {
            self.started.push_back(now_ms);
            return 0;
        }
        self.started
            .front()
            .map_or(0, |&oldest| oldest + self.window_ms - now_ms)
    }
}

/// An async counting semaphore that works single-threaded (wasm) and multi-threaded alike.
#[derive(Debug, Clone)]
pub struct Semaphore {
    inner: Arc<Mutex<SemaphoreState>>,
}

#[derive(Debug)]
struct SemaphoreState {
    available: usize,
    waiters: VecDeque<Waker>,
}

/// Holds one slot until dropped.
#[derive(Debug)]
pub struct Permit {
    semaphore: Semaphore,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            inner: Arc::new(Mutex::new(SemaphoreState {
                available: permits.max(1),
                waiters: VecDeque::new(),
            })),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, SemaphoreState> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn available(&self) -> usize {
        self.state().available
    }

    pub fn acquire(&self) -> impl Future<Output = Permit> + '_ {
        std::future::poll_fn(move |cx| {
            let mut state = self.state();
            if state.available > 0 {
                state.available -= 1;
                Poll::Ready(Permit {
                    semaphore: self.clone(),
                })
            } else {
                state.waiters.push_back(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        // Wake every waiter: one of them may belong to an acquire that was dropped, and the
        // others simply re-register if they lose the race.
        let waiters: Vec<Waker> = {
            let mut state = self.semaphore.state();
            state.available += 1;
            state.waiters.drain(..).collect()
        };
        waiters.into_iter().for_each(Waker::wake);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;
    use futures::future::{join, FutureExt};

    #[test]
    fn limiter_allows_five_per_second_then_asks_to_wait() {
        let mut limiter = RateLimiter::new(5, 1000);
        for i in 0..5 {
            assert_eq!(limiter.try_start(1000 + i * 10), 0);
        }
        assert_eq!(limiter.try_start(1100), 900);
        assert_eq!(
            limiter.try_start(2000),
            0,
            "the first start left the window"
        );
    }

    #[test]
    fn backoff_grows_exponentially_with_jitter_and_honours_retry_after() {
        let config = PoliteConfig::default();
        for random in [0, 7, u64::MAX] {
            let first = config.backoff_ms(1, None, random);
            let third = config.backoff_ms(3, None, random);
            assert!((250..=500).contains(&first), "{first}");
            assert!((1000..=2000).contains(&third), "{third}");
        }
        assert_eq!(config.backoff_ms(30, None, 0), 15_000);
        assert_eq!(config.backoff_ms(1, Some(7000), 3), 7000);
        assert_eq!(parse_retry_after(" 12 "), Some(12_000));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn semaphore_makes_the_second_task_wait_for_the_first() {
        let semaphore = Semaphore::new(1);
        let first = semaphore.acquire().now_or_never().expect("free slot");
        assert_eq!(semaphore.available(), 0);
        assert!(semaphore.acquire().now_or_never().is_none());
        let order = Mutex::new(Vec::new());
        block_on(join(
            async {
                let _p = semaphore.acquire().await;
                order.lock().unwrap().push("second");
            },
            async {
                order.lock().unwrap().push("first done");
                drop(first);
            },
        ));
        assert_eq!(*order.lock().unwrap(), ["first done", "second"]);
        assert_eq!(semaphore.available(), 1);
    }
}
