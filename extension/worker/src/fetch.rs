//! The core's `Transport` and `Clock` on the web platform: `fetch`, `setTimeout`, `Date.now()` and `crypto`.

use hh_job_agent::hh::request::{HttpRequest, Method, FINAL_URL_HEADER};
use hh_job_agent::hh::transport::{Clock, HttpResponse, Transport, TransportError};
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestRedirect, ResponseType};

/// A request without an answer after this long is a timeout: the client then decides whether it may retry.
const TIMEOUT_MS: i32 = 30_000;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(array: &js_sys::Uint32Array) -> js_sys::Uint32Array;
}

/// `fetch` as the core's transport. API redirects are not followed: a reply to a `direct` vacancy answers 303,
/// which the core must see rather than silently loading the employer's site. Site pages go as the user
/// (their hh.ru cookies) and follow redirects, so a lost session shows as the login page's URL.
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        send(request)
    }
}

async fn send(request: HttpRequest) -> Result<HttpResponse, TransportError> {
    let abort = AbortController::new().map_err(|e| TransportError::Network(format!("{e:?}")))?;
    let mut builder = gloo_net::http::RequestBuilder::new(&request.url)
        .method(match request.method {
            Method::Get => gloo_net::http::Method::GET,
            Method::Post => gloo_net::http::Method::POST,
            Method::Put => gloo_net::http::Method::PUT,
            Method::Delete => gloo_net::http::Method::DELETE,
        })
        .abort_signal(Some(&abort.signal()));
    builder = if request.site_session {
        builder
            .credentials(RequestCredentials::Include)
            .redirect(RequestRedirect::Follow)
    } else {
        builder
            .credentials(RequestCredentials::Omit)
            .redirect(RequestRedirect::Manual)
    };
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let body = request.body.to_bytes();
    let built = if body.is_empty() {
        builder.build()
    } else {
        builder.body(js_sys::Uint8Array::from(body.as_slice()))
    }
    .map_err(|e| TransportError::Network(e.to_string()))?;

    let on_timeout = Closure::once_into_js({
        let abort = abort.clone();
        move || abort.abort()
    });
    let timer = set_timeout(on_timeout.unchecked_ref(), TIMEOUT_MS);
    let sent = built.send().await;
    let result = match sent {
        Err(_) if abort.signal().aborted() => Err(TransportError::Timeout),
        Err(e) => Err(TransportError::Network(e.to_string())),
        Ok(response) => read(response).await,
    };
    clear_timeout(&timer);
    result
}

async fn read(response: gloo_net::http::Response) -> Result<HttpResponse, TransportError> {
    // With manual redirects fetch hides the 3xx behind an opaque answer with status 0 and no headers.
    if response.type_() == ResponseType::Opaqueredirect {
        return Ok(HttpResponse::new(303, Vec::new()));
    }
    let mut headers: Vec<(String, String)> = response.headers().entries().collect();
    headers.push((FINAL_URL_HEADER.to_owned(), response.url()));
    let status = response.status();
    let body = response
        .binary()
        .await
        .map_err(|e| TransportError::Network(e.to_string()))?;
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// Wall-clock time, `setTimeout` sleeps and `crypto.getRandomValues`.
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, ms.min(i32::MAX as u64) as i32);
        });
        async move {
            // A timer promise never rejects.
            let _ = JsFuture::from(promise).await;
        }
    }

    fn random_u64(&self) -> u64 {
        let words = get_random_values(&js_sys::Uint32Array::new_with_length(2));
        (u64::from(words.get_index(0)) << 32) | u64::from(words.get_index(1))
    }
}
