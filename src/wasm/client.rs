//! The JavaScript face of the sans-IO client core (`crate::client::core`):
//! `ClientCall`, which `EwsClient` (pkg-template/client.js) drives over
//! `fetch` or the user's transport, and the secrets helpers.
//!
//! One `ClientCall` is one client call: a single operation, the pages of a
//! SyncFolderItems sync, or a `ConversationSync` call. JavaScript sends
//! `envelope()`, and reports each attempt's outcome with `onReply` (status,
//! `Content-Type`, `Retry-After`, the body bytes) or `onFailure` (network,
//! timeout, aborted, other), together with `Date.now()` and a jitter draw.
//! Each answer is one JSON step:
//! - `{"wait":ms,"retry":{…},"error":{…}}`: wait (abortable), send `envelope()` again;
//! - `{"send":true}`: send `envelope()` (a new request: restart, conversations asked again);
//! - `{"done":…}` (+ `"restarted":[i…],"syncStates":{…}` for conversations);
//! - `{"page":…,"restarted":b,"progress":{…},"last":b}`; after it, `envelope()` is the next page;
//! - `{"fail":{…error…}}` (`{"fail":null}`: throw the transport's own error).

use wasm_bindgen::prelude::*;

use super::{build, fail, limits};
use crate::client::core::conversations::{ConversationCall, ConversationStates, ConversationStep};
use crate::client::core::{
    check, failed_json, Exchange, Failed, Failure, ImResponse, Messages, PageStep, Pager, Reply,
    RetryEvent, RetryPolicy, Step, SyncProgress,
};
use crate::error::{Error, Result};
use crate::json::{JsonOut, ToJson};
use crate::json_in::JsonValue;
use crate::operations::get_conversation_items::{
    parse_get_conversation_items_response_with, GetConversationItemsRequest,
    GetConversationItemsResponse,
};
use crate::operations::get_im_item_list::parse_get_im_item_list_response_with;
use crate::operations::get_im_items::{parse_get_im_items_response_with, GetImItemsResponse};
use crate::operations::sync_folder_items::{
    parse_sync_folder_items_response_with, SyncFolderItemsRequest, SyncFolderItemsResponse,
};
use crate::types::parse_options;
use crate::xml::Limits;

/// The four responses as one type, so that the core's generic code exists
/// once in the module (not once per operation).
enum Parsed {
    Conversation(GetConversationItemsResponse),
    Im(GetImItemsResponse),
    ImList(ImResponse),
    Sync(SyncFolderItemsResponse),
}

impl Messages for Parsed {
    fn operation(&self) -> &'static str {
        match self {
            Parsed::Conversation(r) => r.operation(),
            Parsed::Im(r) => r.operation(),
            Parsed::ImList(r) => r.operation(),
            Parsed::Sync(r) => r.operation(),
        }
    }
    fn status_at(&self, i: usize) -> Option<&crate::soap::ResponseStatus> {
        match self {
            Parsed::Conversation(r) => r.status_at(i),
            Parsed::Im(r) => r.status_at(i),
            Parsed::ImList(r) => r.status_at(i),
            Parsed::Sync(r) => r.status_at(i),
        }
    }
    fn message_value(&self, _: usize) -> serde_json::Value {
        serde_json::Value::Null // JavaScript errors use message_json
    }
    fn full_value(&self) -> Option<serde_json::Value> {
        None
    }
    fn message_json(&self, i: usize) -> String {
        match self {
            Parsed::Conversation(r) => r.message_json(i),
            Parsed::Im(r) => r.message_json(i),
            Parsed::ImList(r) => r.message_json(i),
            Parsed::Sync(r) => r.message_json(i),
        }
    }
    fn full_json(&self) -> Option<String> {
        match self {
            Parsed::Conversation(r) => r.full_json(),
            _ => None,
        }
    }
}

impl ToJson for Parsed {
    fn write_json(&self, out: &mut JsonOut) {
        match self {
            Parsed::Conversation(r) => r.write_json(out),
            Parsed::Im(r) => r.write_json(out),
            Parsed::ImList(r) => r.0.write_json(out),
            Parsed::Sync(r) => r.write_json(out),
        }
    }
}

fn parse_conversation(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_get_conversation_items_response_with(xml, limits).map(Parsed::Conversation)
}
fn parse_im(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_get_im_items_response_with(xml, limits).map(Parsed::Im)
}
fn parse_im_list(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_get_im_item_list_response_with(xml, limits).map(|r| Parsed::ImList(ImResponse(r)))
}
fn parse_sync(xml: &str, limits: &Limits) -> Result<Parsed> {
    parse_sync_folder_items_response_with(xml, limits).map(Parsed::Sync)
}

/// A failure of a typed response as one of [`Parsed`].
fn widen<R>(f: Failed<R>, wrap: fn(R) -> Parsed) -> Failed<Parsed> {
    match f {
        Failed::Error(e) => Failed::Error(e),
        Failed::Message { response, index } => Failed::Message {
            response: wrap(response),
            index,
        },
        Failed::Stalled {
            response,
            sync_state,
            pages,
            why,
        } => Failed::Stalled {
            response: wrap(response),
            sync_state,
            pages,
            why,
        },
    }
}

enum Plan {
    Conversation(String),
    ImItems(String),
    ImList(String),
    /// `syncFolderItems`: one page, its message is the result.
    SyncOne(String),
    Pages(Pager),
    Conversations(ConversationStates, ConversationCall, String),
}

/// One client call, driven by JavaScript (see the module docs).
#[wasm_bindgen]
pub struct ClientCall {
    plan: Plan,
    exchange: Exchange,
    limits: Limits,
    secrets: Vec<String>,
}

fn operation_name(plan: &Plan) -> &'static str {
    match plan {
        Plan::Conversation(_) | Plan::Conversations(..) => "GetConversationItems",
        Plan::ImItems(_) => "GetImItems",
        Plan::ImList(_) => "GetImItemList",
        Plan::SyncOne(_) | Plan::Pages(_) => "SyncFolderItems",
    }
}

fn policy(max_retries: f64, max_delay_ms: f64, base_delay_ms: f64) -> RetryPolicy {
    let d = RetryPolicy::default();
    let ms = |v: f64, default: u64| {
        if v.is_finite() && v >= 0.0 {
            v as u64
        } else {
            default
        }
    };
    RetryPolicy {
        max_retries: if max_retries.is_finite() && max_retries >= 0.0 {
            max_retries.min(f64::from(u32::MAX)) as u32
        } else {
            d.max_retries
        },
        max_delay_ms: ms(max_delay_ms, d.max_delay_ms),
        base_delay_ms: ms(base_delay_ms, d.base_delay_ms),
    }
}

/// Lines of `text` (secrets and header lines cross the boundary one per
/// line: a secret with a line break in it is scrubbed piece by piece, which
/// removes it whole too).
fn lines(text: &str) -> Vec<String> {
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn states(json: Option<String>) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    let Some(json) = json.filter(|j| !j.is_empty()) else {
        return Ok(out);
    };
    match JsonValue::parse(&json)? {
        JsonValue::Object(members) => {
            for (k, v) in members {
                match v {
                    JsonValue::String(s) => {
                        out.retain(|(id, _)| *id != k);
                        out.push((k, s));
                    }
                    _ => {
                        return Err(Error::invalid(
                            format!("syncStates.{k}"),
                            "each SyncState must be a string",
                        ))
                    }
                }
            }
            Ok(out)
        }
        JsonValue::Null => Ok(out),
        _ => Err(Error::invalid(
            "syncStates",
            "syncStates must be an object of conversation id to SyncState",
        )),
    }
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

fn done_json(body: &str) -> String {
    format!("{{\"done\":{body}}}")
}

const SEND: &str = "{\"send\":true}";

/// A step of an exchange whose result is not final yet: `Ok(response)` when
/// done, else the JSON step to hand back.
fn settle(step: Step<Parsed>) -> std::result::Result<Parsed, String> {
    match step {
        Step::Done(r) => Ok(r),
        Step::Fail(f) => Err(fail_json(&failed_json(&f))),
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
        Ok(r) => done_json(&crate::json::to_json_string(&r)),
        Err(f) => fail_json(&failed_json(&f)),
    }
}

#[wasm_bindgen]
impl ClientCall {
    /// A call of `operation` (`GetConversationItems`, `GetImItems`,
    /// `GetImItemList`, `SyncFolderItems`) with the options as JSON (the
    /// header defaults already merged). `mode`: `""` (one call), `"pages"`
    /// (SyncFolderItems pages; `restart` turns restarts on), or
    /// `"conversations"` (GetConversationItems with `states_json`, the
    /// remembered SyncStates). `secrets_json`: the strings to scrub from
    /// transport messages, one per line. Invalid options throw here, before anything is sent.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        operation: &str,
        options_json: &str,
        mode: &str,
        restart: bool,
        states_json: Option<String>,
        max_retries: f64,
        max_delay_ms: f64,
        base_delay_ms: f64,
        limits_json: Option<String>,
        secrets_text: &str,
    ) -> std::result::Result<ClientCall, JsValue> {
        Self::create(
            operation,
            options_json,
            mode,
            restart,
            states_json,
            policy(max_retries, max_delay_ms, base_delay_ms),
            limits_json,
            secrets_text,
        )
        .map_err(fail)
    }

    /// The envelope to send now.
    pub fn envelope(&self) -> std::result::Result<String, JsValue> {
        match &self.plan {
            Plan::Conversation(x)
            | Plan::ImItems(x)
            | Plan::ImList(x)
            | Plan::SyncOne(x)
            | Plan::Conversations(_, _, x) => Ok(x.clone()),
            Plan::Pages(p) => p
                .envelope(&p.request().header.clone().unwrap_or_default())
                .map_err(fail),
        }
    }

    /// An attempt got an HTTP response (or a transport's answer).
    #[wasm_bindgen(js_name = onReply)]
    #[allow(clippy::too_many_arguments)]
    pub fn on_reply(
        &mut self,
        status: u16,
        status_text: &str,
        content_type: Option<String>,
        retry_after: Option<String>,
        body: &[u8],
        now_ms: f64,
        jitter: f64,
    ) -> String {
        let reply = Reply {
            status,
            status_text,
            content_type: content_type.as_deref(),
            retry_after: retry_after.as_deref(),
            body,
        };
        let parse = match &self.plan {
            Plan::Conversation(_) | Plan::Conversations(..) => parse_conversation,
            Plan::ImItems(_) => parse_im,
            Plan::ImList(_) => parse_im_list,
            Plan::SyncOne(_) | Plan::Pages(_) => parse_sync,
        };
        let ex = &mut self.exchange;
        let step = ex.on_reply(
            &reply,
            &self.limits,
            parse,
            now_of(now_ms),
            jitter_of(jitter),
        );
        if let (Plan::Pages(pager), Step::Fail(Failed::Error(e))) = (&mut self.plan, &step) {
            // ErrorInvalidSyncStateData as a SOAP Fault (gromox): restarts too.
            if pager.restarts_after(e) {
                pager.add_retries(u64::from(ex.retries()));
                *ex = Exchange::new(ex.operation(), ex.policy());
                return SEND.into();
            }
        }
        let r = match settle(step) {
            Ok(r) => r,
            Err(s) => return s,
        };
        let retries = ex.retries();
        *ex = Exchange::new(ex.operation(), ex.policy());
        match (&mut self.plan, r) {
            (Plan::SyncOne(_), Parsed::Sync(r)) if r.response_messages.is_empty() => fail_json(
                &Error::not_soap(
                    "ResponseMessages",
                    "the SyncFolderItems response has no response message",
                )
                .to_json(),
            ),
            (Plan::SyncOne(_), r) => match check(r) {
                Ok(r) => done_json(&r.message_json(0)),
                Err(f) => fail_json(&failed_json(&f)),
            },
            (Plan::Pages(pager), Parsed::Sync(r)) => {
                pager.add_retries(u64::from(retries));
                match pager.on_response(r) {
                    PageStep::Restart => SEND.into(),
                    PageStep::Fail(f) => fail_json(&failed_json(&widen(f, Parsed::Sync))),
                    PageStep::Page(page) => {
                        let mut out = JsonOut::with_capacity(4096);
                        out.begin_object();
                        out.key("page");
                        page.message.write_json(&mut out);
                        out.key("restarted");
                        page.restarted.write_json(&mut out);
                        out.key("progress");
                        progress_json(&mut out, pager.progress());
                        out.key("last");
                        pager.is_done().write_json(&mut out);
                        out.end_object();
                        out.finish()
                    }
                }
            }
            (Plan::Conversations(states, call, xml), Parsed::Conversation(r)) => {
                match states.on_response(call, r) {
                    ConversationStep::Again => match call.request().to_xml() {
                        Ok(x) => {
                            *xml = x;
                            SEND.into()
                        }
                        Err(e) => fail_json(&e.to_json()),
                    },
                    ConversationStep::Fail(f) => {
                        fail_json(&failed_json(&widen(f, Parsed::Conversation)))
                    }
                    ConversationStep::Done(r, restarted) => {
                        let mut out = JsonOut::with_capacity(4096);
                        out.begin_object();
                        out.key("done");
                        r.write_json(&mut out);
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
                }
            }
            (_, r) => checked(r),
        }
    }

    /// An attempt ended without a response: `kind` is `network` (with the
    /// transport's `message`), `timeout` (after `timeout_ms`), `aborted`, or
    /// `other` (a transport error that is not retried: the answer is
    /// `{"fail":null}`, throw it as it is).
    #[wasm_bindgen(js_name = onFailure)]
    pub fn on_failure(
        &mut self,
        kind: &str,
        message: &str,
        timeout_ms: f64,
        jitter: f64,
    ) -> String {
        let failure = match kind {
            "network" => Failure::Network(message.into()),
            "timeout" => Failure::Timeout(now_of(timeout_ms).unwrap_or(0)),
            "aborted" => Failure::Aborted,
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

    /// Scrubs `text` of URL user-info and of this call's secrets.
    pub fn scrub(&self, text: &str) -> String {
        crate::client::core::secrets::scrub(text, &self.secrets)
    }
}

impl ClientCall {
    #[allow(clippy::too_many_arguments)]
    fn create(
        operation: &str,
        options_json: &str,
        mode: &str,
        restart: bool,
        states_json: Option<String>,
        policy: RetryPolicy,
        limits_json: Option<String>,
        secrets_text: &str,
    ) -> Result<ClientCall> {
        let plan = match (operation, mode) {
            ("GetConversationItems", "") => {
                Plan::Conversation(build("GetConversationItemsRequest", options_json)?)
            }
            ("GetConversationItems", "conversations") => {
                let request = parse_options::<GetConversationItemsRequest>(options_json)?;
                let states = ConversationStates {
                    states: states(states_json)?,
                    restart,
                };
                let call = states.begin(request);
                let xml = call.request().to_xml()?;
                Plan::Conversations(states, call, xml)
            }
            ("GetImItems", "") => Plan::ImItems(build("GetImItemsRequest", options_json)?),
            ("GetImItemList", "") => Plan::ImList(build("GetImItemListRequest", options_json)?),
            ("SyncFolderItems", "") => {
                Plan::SyncOne(build("SyncFolderItemsRequest", options_json)?)
            }
            ("SyncFolderItems", "pages") => {
                let request = parse_options::<SyncFolderItemsRequest>(options_json)?;
                request.to_xml()?; // invalid options fail now
                Plan::Pages(Pager::new(request, restart))
            }
            _ => return Err(Error::invalid("operation", "unknown operation or mode")),
        };
        Ok(ClientCall {
            exchange: Exchange::new(operation_name(&plan), policy),
            plan,
            limits: limits(limits_json)?,
            secrets: lines(secrets_text),
        })
    }
}

/// The `Authorization` value and the secrets to scrub, for the client's
/// `auth` (`bearer`, or `username` + `password`) and its extra headers
/// (`name\nvalue\nname\nvalue…`: neither may hold a line break):
/// `{"authorization"?, "secrets":[…]}`.
/// Invalid credentials throw `ERR_INVALID_OPTIONS` (never echoing them).
#[wasm_bindgen(js_name = clientSecrets)]
pub fn client_secrets(
    bearer: Option<String>,
    username: Option<String>,
    password: Option<String>,
    header_lines: &str,
) -> std::result::Result<String, JsValue> {
    let auth = match (bearer, username) {
        (Some(t), _) => crate::client::Auth::Bearer(t),
        (None, Some(u)) => crate::client::Auth::Basic {
            username: u,
            password: password.unwrap_or_default(),
        },
        (None, None) => crate::client::Auth::None,
    };
    auth.validate().map_err(fail)?;
    let parts: Vec<&str> = header_lines.split('\n').collect();
    let secrets = crate::client::core::secrets::secrets_of(
        &auth,
        parts.chunks_exact(2).map(|p| (p[0], p[1])),
    );
    let mut out = JsonOut::with_capacity(256);
    out.begin_object();
    if let Some(a) = auth.header_value() {
        out.key("authorization");
        out.string(&a);
    }
    out.key("secrets");
    secrets.write_json(&mut out);
    out.end_object();
    Ok(out.finish())
}
