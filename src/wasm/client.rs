//! The JavaScript face of the sans-IO client core (`crate::client::core`):
//! `ClientCall`, which `EwsClient` (pkg-template/client.js) drives over
//! `fetch` or the user's transport, and the secrets helpers.
//!
//! One `ClientCall` is one client call: a single operation, the pages of a
//! SyncFolderItems sync, or a `ConversationSync` call. The boundary is kept
//! to two methods, because each export costs glue in the module and in
//! JavaScript (and wasm-bindgen copies each exported item's documentation
//! into the shipped glue, so theirs is one line and the details are here).
//!
//! `new ClientCall(json)` makes the call from one JSON description:
//! `operation` (`GetConversationItems`, `GetImItems`, `GetImItemList`,
//! `SyncFolderItems`); `options` (the header defaults already merged); `mode`:
//! `""` (one call), `"pages"` (SyncFolderItems pages; `restart` turns restarts
//! on) or `"conversations"` (GetConversationItems with `states`, the
//! remembered SyncStates); `retry` (`maxRetries`, `maxDelayMs`,
//! `baseDelayMs`); `limits`; `auth` (`{bearer}` or `{username, password}`) and
//! `headers` (`[[name, value]…]`, every header the attempts send), from which
//! the core makes the `Authorization` value and the secrets it scrubs. Invalid
//! credentials and options throw there, or (options only a request's checks
//! catch, for pages and conversations, whose envelopes are built as they are
//! sent) fail the `step(BEGIN)` that follows: either way before anything is
//! sent.
//!
//! `step(kind, status, text, content_type, retry_after, body_len, now_ms,
//! timeout_ms, jitter)` does everything else, by `kind`:
//! - 5 (BEGIN) begins the call: the answer is its first request,
//!   `{"send":envelope,"authorization":value}` (no `authorization` without
//!   `auth`);
//! - 0: an attempt got a reply, an HTTP response or a transport's answer:
//!   `status`, `text` its status text, `content_type` and `retry_after` (`""`
//!   when absent), the body (the first `body_len` bytes of the module's input
//!   buffer, where JavaScript hands it in first, as `parseInput`'s callers
//!   do), `now_ms` = `Date.now()`;
//! - 1, 2, 3: an attempt failed: network (`text` is the transport's message),
//!   timeout (after `timeout_ms`), aborted;
//! - 4 (or any other number): a transport error that is not retried: the
//!   answer is `{"fail":null}`, throw it as it is;
//! - 6 (SCRUB) is not a step: the answer is `text` scrubbed of URL user-info
//!   and of this call's secrets, not JSON (a method of its own would cost the
//!   module ~170 B gzip).
//!
//! `jitter` is a draw in `[0, 1)` for the back-off. Each other answer is one
//! JSON step:
//! - `{"send":envelope}`: send this request (the first one; a restart;
//!   conversations asked again); the first also has `"authorization"`;
//! - `{"wait":ms,"retry":{…},"error":{…}}`: wait (abortable), send the same request again;
//! - `{"done":…}` (+ `"restarted":[i…],"syncStates":{…}` for conversations);
//! - `{"page":…,"restarted":b,"progress":{…},"last":b,"next":envelope}`
//!   (`next`, the next page's request, unless `last`);
//! - `{"fail":{…error…}}` (`{"fail":null}`: throw the transport's own error).

use wasm_bindgen::prelude::*;

use super::{build_from as build, fail};
use crate::client::core::conversations::{ConversationCall, ConversationStates, ConversationStep};
use crate::client::core::secrets::secrets_of;
use crate::client::core::{
    check, failed_json, Exchange, Failed, Failure, Messages, PageStep, Pager, Reply, RetryEvent,
    RetryPolicy, Step, SyncProgress,
};
use crate::client::Auth;
use crate::error::{Error, Result};
use crate::json::{JsonOut, ToJson};
use crate::json_in::{FromJson, JsonValue};
use crate::operations::engine::{
    parse_json_for_js as parse_json, JsonResponse as Parsed, ResponseKind,
};
use crate::operations::get_conversation_items::GetConversationItemsRequest;
use crate::operations::sync_folder_items::SyncFolderItemsRequest;
use crate::xml::Limits;

// The responses are read by the engine (`operations::engine`): their JSON is
// written while the XML is read, with the facts the core needs captured on the
// way; no typed response is built in the module.
fn parse_conversation(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_json(ResponseKind::GetConversationItems, xml, limits)
}
fn parse_im(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_json(ResponseKind::GetImItems, xml, limits)
}
fn parse_im_list(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_json(ResponseKind::GetImItemList, xml, limits)
}
fn parse_sync(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_json(ResponseKind::SyncFolderItems, xml, limits)
}

type Parse = fn(&str, &Limits) -> Result<Parsed>;

/// The four operations and their parsers.
const OPERATIONS: [(ResponseKind, Parse); 4] = [
    (ResponseKind::GetConversationItems, parse_conversation),
    (ResponseKind::GetImItems, parse_im),
    (ResponseKind::GetImItemList, parse_im_list),
    (ResponseKind::SyncFolderItems, parse_sync),
];

enum Plan {
    /// GetConversationItems, GetImItems or GetImItemList: one envelope, the
    /// whole response is the result.
    One(String),
    /// `syncFolderItems`: one page, its message is the result.
    SyncOne(String),
    /// `syncFolderItemsPages`: each page's envelope is built when it is sent.
    Pages(Pager),
    /// `ConversationSync`: its envelope too (the conversations asked change).
    Conversations(ConversationStates, ConversationCall<Parsed>),
}

/// One client call, driven by JavaScript (see the module docs).
#[wasm_bindgen]
pub struct ClientCall {
    plan: Plan,
    parse: fn(&str, &Limits) -> Result<Parsed>,
    exchange: Exchange,
    limits: Limits,
    secrets: Vec<String>,
    authorization: Option<String>,
}

/// The retry policy from `{"maxRetries","maxDelayMs","baseDelayMs"}` (each
/// optional; a value that is not a non-negative number keeps the default).
fn policy(v: Option<&JsonValue>) -> RetryPolicy {
    let d = RetryPolicy::default();
    let num = |key: &str| match v.and_then(|v| member(v, key)) {
        Some(JsonValue::Number(n)) => crate::xml::parse_f64(n).filter(|v| *v >= 0.0),
        _ => None,
    };
    RetryPolicy {
        max_retries: num("maxRetries").map_or(d.max_retries, |v| v.min(f64::from(u32::MAX)) as u32),
        max_delay_ms: num("maxDelayMs").map_or(d.max_delay_ms, |v| v as u64),
        base_delay_ms: num("baseDelayMs").map_or(d.base_delay_ms, |v| v as u64),
    }
}

/// The member `key` of an object (the last one, as `JSON.parse` reads it).
fn member<'v>(v: &'v JsonValue, key: &str) -> Option<&'v JsonValue> {
    match v {
        JsonValue::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// A string member (`""` when absent or not a string).
fn text<'v>(v: &'v JsonValue, key: &str) -> &'v str {
    match member(v, key) {
        Some(JsonValue::String(s)) => s,
        _ => "",
    }
}

/// The remembered SyncStates: `JSON.stringify` of `ConversationSync`'s map,
/// whose shape client.js checks when it is given (an object of strings, each
/// conversation id once). Members that are not strings are not states.
fn states(v: Option<&JsonValue>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(JsonValue::Object(members)) = v {
        for (k, v) in members {
            if let JsonValue::String(s) = v {
                out.push((k.clone(), s.clone()));
            }
        }
    }
    out
}

/// A header value as JavaScript passes it: `""` when absent.
fn non_empty(v: &str) -> Option<&str> {
    (!v.is_empty()).then_some(v)
}

fn jitter_of(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

fn now_of(v: f64) -> Option<u64> {
    (v.is_finite() && v >= 0.0).then_some(v as u64)
}

fn event_json(out: &mut JsonOut, e: &RetryEvent) {
    out.begin_object();
    out.key("operation");
    out.string(e.operation);
    out.key("attempt");
    out.int(i64::from(e.attempt));
    out.key("delayMs");
    e.delay_ms.write_json(out);
    out.key("code");
    out.string(e.code);
    if let Some(s) = e.status {
        out.key("status");
        out.int(i64::from(s));
    }
    if let Some(c) = &e.response_code {
        out.key("responseCode");
        out.string(c);
    }
    out.end_object();
}

fn progress_json(out: &mut JsonOut, p: &SyncProgress) {
    out.begin_object();
    out.key("pages");
    p.pages.write_json(out);
    out.key("changes");
    p.changes.write_json(out);
    out.key("retries");
    p.retries.write_json(out);
    out.key("restarts");
    out.int(i64::from(p.restarts));
    if let Some(s) = &p.sync_state {
        out.key("syncState");
        out.string(s);
    }
    out.key("includesLastItemInRange");
    p.includes_last_item_in_range.write_json(out);
    out.end_object();
}

fn fail_json(body: &str) -> String {
    format!("{{\"fail\":{body}}}")
}

/// `{"fail":…}` of a failed call.
fn failed(f: &Failed<Parsed>) -> String {
    fail_json(&failed_json(f))
}

fn done_json(body: &str) -> String {
    format!("{{\"done\":{body}}}")
}

/// A step of an exchange whose result is not final yet: `Ok(response)` when
/// done, else the JSON step to hand back.
fn settle(step: Step<Parsed>) -> std::result::Result<Parsed, String> {
    match step {
        Step::Done(r) => Ok(r),
        Step::Fail(f) => Err(failed(&f)),
        Step::Wait {
            delay_ms,
            event,
            error,
        } => {
            let mut out = JsonOut::with_capacity(512);
            out.begin_object();
            out.key("wait");
            delay_ms.write_json(&mut out);
            out.key("retry");
            event_json(&mut out, &event);
            out.key("error");
            out.raw(&failed_json(&error));
            out.end_object();
            Err(out.finish())
        }
    }
}

fn checked(r: Parsed) -> String {
    match check(r) {
        Ok(r) => done_json(&r.json),
        Err(f) => failed(&f),
    }
}

#[wasm_bindgen]
impl ClientCall {
    /// A call from its JSON description (see the module docs).
    #[wasm_bindgen(constructor)]
    pub fn new(call_json: &str) -> std::result::Result<ClientCall, JsValue> {
        Self::create(call_json).map_err(fail)
    }

    /// What to do next, by `kind` (see the module docs).
    #[allow(clippy::too_many_arguments)]
    pub fn step(
        &mut self,
        kind: u32,
        status: u16,
        text: &str,
        content_type: &str,
        retry_after: &str,
        body_len: usize,
        now_ms: f64,
        timeout_ms: f64,
        jitter: f64,
    ) -> String {
        let failure = match kind {
            0 => {
                return super::with_input(body_len, |body| {
                    let reply = Reply {
                        status,
                        status_text: text,
                        content_type: non_empty(content_type),
                        retry_after: non_empty(retry_after),
                        body,
                    };
                    self.on_reply(reply, now_ms, jitter)
                })
                .unwrap_or_else(|| self.send_json(false));
            }
            1 => Failure::Network(text.into()),
            2 => Failure::Timeout(now_of(timeout_ms).unwrap_or(0)),
            3 => Failure::Aborted,
            5 => return self.send_json(true),
            6 => return crate::client::core::secrets::scrub(text, &self.secrets),
            _ => return "{\"fail\":null}".into(),
        };
        let (secrets, jitter) = (&self.secrets, jitter_of(jitter));
        let ex = &mut self.exchange;
        // The response type only matters for Error messages, which a failure never has.
        match settle(ex.on_failure(failure, secrets, jitter)) {
            Ok(_) => fail_json("null"),
            Err(s) => s,
        }
    }
}

impl ClientCall {
    /// The envelope to send now.
    fn envelope(&self) -> Result<String> {
        match &self.plan {
            Plan::One(x) | Plan::SyncOne(x) => Ok(x.clone()),
            Plan::Pages(p) => p.request().to_xml(),
            Plan::Conversations(_, call) => call.request().to_xml(),
        }
    }

    /// `{"send":envelope}`, and the `Authorization` value when `begin`.
    fn send_json(&self, begin: bool) -> String {
        let xml = match self.envelope() {
            Ok(x) => x,
            Err(e) => return fail_json(&e.to_json()),
        };
        let mut out = JsonOut::with_capacity(xml.len() + 64);
        out.begin_object();
        out.key("send");
        out.string(&xml);
        if let (true, Some(a)) = (begin, &self.authorization) {
            out.key("authorization");
            out.string(a);
        }
        out.end_object();
        out.finish()
    }

    /// The answer to a reply; `None`: send the envelope (a new request).
    fn on_reply(&mut self, reply: Reply<'_>, now_ms: f64, jitter: f64) -> Option<String> {
        let ex = &mut self.exchange;
        let step = ex.on_reply(
            &reply,
            &self.limits,
            self.parse,
            now_of(now_ms),
            jitter_of(jitter),
        );
        if let (Plan::Pages(pager), Step::Fail(Failed::Error(e))) = (&mut self.plan, &step) {
            // ErrorInvalidSyncStateData as a SOAP Fault (gromox): restarts too.
            if pager.restarts_after(e) {
                pager.add_retries(u64::from(ex.reset()));
                return None;
            }
        }
        let r = match settle(step) {
            Ok(r) => r,
            Err(s) => return Some(s),
        };
        let retries = ex.reset();
        Some(match (&mut self.plan, r) {
            (Plan::SyncOne(_), r) if r.messages.is_empty() => fail_json(
                &Error::not_soap(
                    "ResponseMessages",
                    "the SyncFolderItems response has no response message",
                )
                .to_json(),
            ),
            (Plan::SyncOne(_), r) => match check(r) {
                Ok(r) => done_json(&Messages::message_json(&r, 0)),
                Err(f) => failed(&f),
            },
            (Plan::Pages(pager), r) => {
                pager.add_retries(u64::from(retries));
                match pager.on_response(r) {
                    PageStep::Restart => return None,
                    PageStep::Fail(f) => failed(&f),
                    PageStep::Page(page) => {
                        let mut out = JsonOut::with_capacity(4096);
                        out.begin_object();
                        out.key("page");
                        out.raw(&page.message);
                        out.key("restarted");
                        page.restarted.write_json(&mut out);
                        out.key("progress");
                        progress_json(&mut out, pager.progress());
                        out.key("last");
                        pager.is_done().write_json(&mut out);
                        if !pager.is_done() {
                            // The next page's request.
                            match pager.request().to_xml() {
                                Ok(x) => {
                                    out.key("next");
                                    out.string(&x);
                                }
                                Err(e) => return Some(fail_json(&e.to_json())),
                            }
                        }
                        out.end_object();
                        out.finish()
                    }
                }
            }
            (Plan::Conversations(states, call), r) => match states.on_response(call, r) {
                ConversationStep::Again => return None,
                ConversationStep::Fail(f) => failed(&f),
                ConversationStep::Done(r, restarted) => {
                    let mut out = JsonOut::with_capacity(4096);
                    out.begin_object();
                    out.key("done");
                    out.raw(&r.json);
                    out.key("restarted");
                    out.begin_array();
                    for i in restarted {
                        i.write_json(&mut out);
                    }
                    out.end_array();
                    out.key("syncStates");
                    out.begin_object();
                    for (k, v) in &states.states {
                        out.key(k);
                        out.string(v);
                    }
                    out.end_object();
                    out.end_object();
                    out.finish()
                }
            },
            (_, r) => checked(r),
        })
    }
    fn create(call_json: &str) -> Result<ClientCall> {
        let call = JsonValue::parse(call_json)?;
        let (operation, mode) = (text(&call, "operation"), text(&call, "mode"));
        let restart = matches!(member(&call, "restart"), Some(JsonValue::Bool(true)));
        let null = JsonValue::Null;
        let options = member(&call, "options").unwrap_or(&null);
        let auth = match member(&call, "auth") {
            Some(a @ JsonValue::Object(_)) => match member(a, "bearer") {
                Some(JsonValue::String(t)) => Auth::Bearer(t.clone()),
                _ => Auth::Basic {
                    username: text(a, "username").into(),
                    password: text(a, "password").into(),
                },
            },
            _ => Auth::None,
        };
        auth.validate()?;
        let mut headers = Vec::new();
        if let Some(JsonValue::Array(pairs)) = member(&call, "headers") {
            for pair in pairs {
                if let JsonValue::Array(p) = pair {
                    if let [JsonValue::String(k), JsonValue::String(v)] = p.as_slice() {
                        headers.push((k.as_str(), v.as_str()));
                    }
                }
            }
        }
        // The operation by name, its parser, and the plan of the call (its
        // first envelope built, so that invalid options fail now).
        let (kind, parse) = *OPERATIONS
            .iter()
            .find(|(k, _)| k.operation() == operation)
            .ok_or_else(|| Error::invalid("operation", "unknown operation"))?;
        let plan = match (kind, mode) {
            (ResponseKind::GetConversationItems, "conversations") => {
                let request = GetConversationItemsRequest::from_json(options, "")?;
                let states = ConversationStates {
                    states: states(member(&call, "states")),
                    restart,
                };
                let call = states.begin(request);
                Plan::Conversations(states, call)
            }
            (ResponseKind::SyncFolderItems, "pages") => {
                let request = SyncFolderItemsRequest::from_json(options, "")?;
                Plan::Pages(Pager::new(request, restart))
            }
            (ResponseKind::SyncFolderItems, "") => Plan::SyncOne(build(kind, options)?),
            (_, "") => Plan::One(build(kind, options)?),
            _ => return Err(Error::invalid("mode", "unknown mode for this operation")),
        };
        let limits = match member(&call, "limits") {
            None | Some(JsonValue::Null) => Limits::default(),
            Some(v) => Limits::from_json(v, "")?,
        };
        Ok(ClientCall {
            exchange: Exchange::new(kind.operation(), policy(member(&call, "retry"))),
            plan,
            parse,
            limits,
            secrets: secrets_of(&auth, headers),
            authorization: auth.header_value(),
        })
    }
}
