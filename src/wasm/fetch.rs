//! The JavaScript side of the Rust client's [`FetchTransport`]: its
//! [`Transport`] implementation over the global `fetch` (via gloo-net), and
//! `setTimeout` as a future. The type itself is `client::FetchTransport`
//! (cargo feature `fetch`); this impl is here because JavaScript bindings live
//! under `src/wasm` only.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use gloo_net::http::Request;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCredentials;

use crate::client::{FetchTransport, HttpRequest, HttpResponse, Transport};
use crate::error::{Error, Result};

/// A global function of both window and worker scopes (`setTimeout`, `clearTimeout`).
fn global_fn(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()
}

fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue {
    global_fn("setTimeout")
        .and_then(|f| f.call2(&JsValue::NULL, handler, &JsValue::from(ms)).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

fn clear_timeout(id: &JsValue) {
    if let Some(f) = global_fn("clearTimeout") {
        let _ = f.call1(&JsValue::NULL, id);
    }
}

/// Aborts the fetch when dropped before [`AbortOnDrop::disarm`].
struct AbortOnDrop(Option<web_sys::AbortController>);

impl AbortOnDrop {
    fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            c.abort();
        }
    }
}

fn network(e: impl std::fmt::Display) -> Error {
    Error::Network {
        message: e.to_string(),
        operation: None,
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse> {
        let controller = web_sys::AbortController::new()
            .map_err(|_| network("AbortController is not available"))?;
        let signal = controller.signal();
        let mut guard = AbortOnDrop(Some(controller));
        let mut builder = Request::post(&request.url)
            .credentials(if request.include_credentials {
                RequestCredentials::Include
            } else {
                RequestCredentials::SameOrigin
            })
            .abort_signal(Some(&signal));
        for (k, v) in &request.headers {
            builder = builder.header(k, v);
        }
        let response = builder
            .body(request.body)
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        let headers = response.headers().entries().collect();
        // The bytes, as sent: the parser decodes them (no UTF-16 round trip).
        let body = response.binary().await.map_err(network)?;
        guard.disarm();
        Ok(HttpResponse {
            status: response.status(),
            status_text: response.status_text(),
            headers,
            body,
        })
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        Sleep::new(ms)
    }

    fn now_unix_ms(&self) -> Option<u64> {
        Some(js_sys::Date::now() as u64)
    }

    fn random_u64(&self) -> u64 {
        let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        (a << 32) | b
    }
}

/// `setTimeout` as a future; dropping it clears the timer.
struct Sleep {
    timer: Option<JsValue>,
    promise: JsFuture,
}

impl Sleep {
    fn new(ms: u64) -> Self {
        let ms = ms.min(i32::MAX as u64) as i32;
        let mut timer = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            timer = Some(set_timeout(&resolve, ms));
        });
        Sleep {
            timer,
            promise: JsFuture::from(promise),
        }
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match Pin::new(&mut self.promise).poll(cx) {
            Poll::Ready(_) => {
                self.timer = None;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(id) = self.timer.take() {
            clear_timeout(&id);
        }
    }
}
