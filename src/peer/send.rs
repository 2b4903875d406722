//! Sending one RID message as a client (`mile send`): validate it, POST it, judge the answer
//! against the flow table and RFC 6546 Table 1, and — after a 202 — wait for the later answer
//! on a listening socket. Optionally recorded in a peer's store, so that a `mile peer` running
//! on the same data directory files the callback under the same exchange.

use super::faults::ClientFault;
use super::store::{Direction, NewMessage, Store, Write};
use crate::rid::RidMessage;
use crate::rid::flow::{self, Finding, Reply};
use crate::transport::{
    Client, ClientConfig, ClientTls, HttpReply, PeerCheck, PeerPolicy as TransportPeerPolicy, RidResponse, Server,
    ServerConfig, ServerTls, TlsIdentity, TrustAnchors, handler_fn,
};
use crate::validate::{DocKind, Options, Report, Verdict, validate_reader_with_tree};
use bytes::Bytes;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// How to send.
#[derive(Clone)]
pub struct SendOptions {
    /// The peer's URL (`https://host:4590/`).
    pub to: String,
    /// Our identity.
    pub identity: TlsIdentity,
    /// Trust anchors for the peer's certificate (and for callers of our listener).
    pub anchors: TrustAnchors,
    /// Validate the message before sending (refuse an invalid one).
    pub validate: bool,
    /// Where to listen for the later answer after a 202.
    pub listen: Option<SocketAddr>,
    /// How long to wait for it.
    pub wait: Duration,
    /// Record the exchange in this store.
    pub store: Option<Arc<dyn Store>>,
    /// Rules to break on purpose (to show that client scenarios fail).
    pub faults: Vec<ClientFault>,
}

/// A later answer received on the listener.
#[derive(Debug, Clone)]
pub struct CallbackReceived {
    /// The address it came from.
    pub remote: SocketAddr,
    /// Its `RID-Callback-Token` header.
    pub token: Option<String>,
    /// The body.
    pub body: Bytes,
    /// Its validation.
    pub report: Report,
    /// Findings against the request (flow table), plus a token mismatch.
    pub findings: Vec<Finding>,
}

/// What happened.
#[derive(Debug, Clone)]
pub struct SendOutcome {
    /// The request's validation.
    pub request: Option<Report>,
    /// The HTTP reply.
    pub reply: HttpReply,
    /// The validation of the response body, when there is one.
    pub answer: Option<Report>,
    /// Findings against the response.
    pub findings: Vec<Finding>,
    /// The later answer, if one was awaited and came.
    pub callback: Option<CallbackReceived>,
    /// A 202 was answered but no later answer came within the wait (only when listening).
    pub callback_missing: bool,
    /// Fault ignore-refusal: a 4xx or 5xx counts as delivered.
    pub ignore_refusal: bool,
}

impl SendOutcome {
    /// Every finding, response and callback together.
    pub fn all_findings(&self) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self.findings.iter().collect();
        if let Some(c) = &self.callback {
            v.extend(&c.findings);
        }
        v
    }

    /// Does the peer's behaviour conform?
    pub fn conforms(&self) -> bool {
        if self.ignore_refusal && (self.reply.status.is_client_error() || self.reply.status.is_server_error()) {
            return true;
        }
        self.all_findings().is_empty()
            && self.answer.as_ref().is_none_or(|r| r.verdict() == Verdict::Valid)
            && self.callback.as_ref().is_none_or(|c| c.report.verdict() == Verdict::Valid)
            && !self.callback_missing
            && self.request.as_ref().is_some_and(|r| r.verdict() == Verdict::Valid)
                != (self.reply.status.is_client_error() || self.reply.status.is_server_error())
    }
}

/// Why nothing could be judged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The message is not a valid RID document; it was not sent.
    #[error("the message is not a valid RID document; not sent (use --no-validate to send it anyway)")]
    Invalid(Box<Report>),
    /// The transport failed.
    #[error("{0}")]
    Transport(#[from] crate::transport::TransportError),
    /// The callback listener could not start.
    #[error("cannot listen for the later answer: {0}")]
    Listen(#[from] crate::transport::ServerError),
    /// The store failed.
    #[error("{0}")]
    Store(#[from] super::store::StoreError),
}

/// Validate a RID message and read it, in one pass.
fn read_rid(source: &str, body: &[u8]) -> (Report, Option<RidMessage>) {
    let (report, tree) = validate_reader_with_tree(
        source,
        body,
        &Options { expect: Some(DocKind::Rid), ..Default::default() },
        Default::default(),
    );
    let msg = tree.and_then(|t| RidMessage::from_element(&t).ok());
    (report, msg)
}

fn row(
    exchange: &str,
    direction: Direction,
    peer: &str,
    msg: Option<&RidMessage>,
    body: &[u8],
    verdict: Verdict,
) -> NewMessage {
    NewMessage {
        exchange: exchange.into(),
        direction,
        peer: peer.into(),
        remote: String::new(),
        msg_type: msg.and_then(|m| m.msg_type()).map_or(String::new(), |t| t.as_str().to_string()),
        incident: msg.map_or(String::new(), super::incident_key),
        body: Bytes::copy_from_slice(body),
        verdict: verdict.as_str().into(),
        diagnostics: "[]".into(),
        http_status: 0,
        callback_token: String::new(),
    }
}

/// A finding for an answer that is not a valid RID document, naming its first error.
fn invalid_finding(report: &Report) -> Option<Finding> {
    if report.verdict() == Verdict::Valid {
        return None;
    }
    let first = report.diagnostics.iter().find(|d| d.severity == crate::diag::Severity::Error);
    Some(Finding {
        req: "RFC6545-7-schema-valid",
        found: match first {
            Some(d) => format!("{} [{}] at {}:{}", d.message(), d.requirement.id, d.pos.line, d.pos.col),
            None => report.io_error.clone().unwrap_or_else(|| "not a valid RID document".into()),
        },
        expected: "a valid RID message".into(),
    })
}

/// Send `body` as `opts` says. `source` names the message in diagnostics.
pub async fn send(source: &str, body: Bytes, opts: &SendOptions) -> Result<SendOutcome, SendError> {
    crate::transport::install_crypto_provider();
    let (request_report, parsed) = read_rid(source, &body);
    let request_valid = request_report.verdict() == Verdict::Valid;
    if opts.validate && !request_valid {
        return Err(SendError::Invalid(Box::new(request_report)));
    }
    // An invalid message (sent on purpose) has no answer to judge against the flow table: the
    // conforming reaction is a 4xx.
    let request = if request_valid { parsed } else { None };
    // The listener starts before the request goes out: a fast peer may call back at once.
    let (tx, mut rx) = mpsc::channel::<(SocketAddr, Option<String>, Bytes)>(8);
    let has = |f: ClientFault| opts.faults.contains(&f);
    let refuse_callback = has(ClientFault::RefuseCallback);
    let listener = match opts.listen {
        Some(addr) => {
            let handler = handler_fn(move |req: crate::transport::RidRequest| {
                let tx = tx.clone();
                async move {
                    let token = req.callback_token().map(str::to_string);
                    let _ = tx.send((req.remote, token, req.body.clone())).await;
                    if refuse_callback {
                        return RidResponse::Fail {
                            status: crate::transport::StatusCode::INTERNAL_SERVER_ERROR,
                            reason: "fault refuse-callback".into(),
                        };
                    }
                    RidResponse::Empty
                }
            });
            let config = ServerConfig {
                tls: ServerTls::new(opts.identity.clone(), opts.anchors.clone()),
                // We cannot know the answering peer's certificate in advance: any certificate that
                // chains to our anchors may deliver the answer; the token ties it to our request.
                peers: TransportPeerPolicy { check: PeerCheck::AnyValid, reverse_dns: None },
                limits: Default::default(),
                observer: None,
                quirks: Default::default(),
            };
            Some(Server::bind(addr, config, handler).await?)
        }
        None => None,
    };
    let client = Client::new(ClientConfig::new(ClientTls::new(opts.identity.clone(), opts.anchors.clone())))?;
    let exchange = format!("s{}", super::store::now_ms());
    if let Some(store) = &opts.store {
        store
            .commit(vec![Write::Message(row(
                &exchange,
                Direction::Out,
                &opts.to,
                request.as_ref(),
                &body,
                request_report.verdict(),
            ))])
            .await?;
    }
    let to = if has(ClientFault::WrongPath) { format!("{}rid", opts.to) } else { opts.to.clone() };
    let headers: &[(&str, &str)] =
        if has(ClientFault::WrongMediaType) { &[("content-type", "application/xml")] } else { &[] };
    let mut reply = client.post(&to, body.clone(), headers).await;
    if has(ClientFault::FollowRedirect) {
        let location = reply
            .as_ref()
            .ok()
            .filter(|r| r.status.is_redirection())
            .and_then(|r| r.headers.get(hyper::header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string));
        if let Some(l) = location {
            reply = client.post(&l, body.clone(), headers).await;
        }
    }
    let reply = match reply {
        Ok(r) => r,
        Err(e) => {
            if let Some(l) = listener {
                let _ = l.shutdown().await;
            }
            return Err(e.into());
        }
    };
    let (answer, answer_msg) = if !reply.body.is_empty() && reply.status.is_success() {
        let (report, msg) = read_rid("answer", &reply.body);
        (Some(report), msg)
    } else {
        (None, None)
    };
    let token = reply.callback_token().map(str::to_string);
    let findings = match &request {
        Some(req) => flow::check_answer(
            req,
            false,
            &Reply::Http {
                status: reply.status.as_u16(),
                content_type: reply.content_type(),
                body_len: reply.body.len(),
                message: answer_msg.as_ref(),
                token: token.as_deref(),
            },
        ),
        None if !reply.status.is_client_error() => vec![Finding {
            req: "RFC6546-3-improper-4xx",
            found: format!("the improper message was answered {}", reply.status.as_u16()),
            expected: "a 4xx status".into(),
        }],
        None => Vec::new(),
    };
    if let Some(store) = &opts.store {
        let mut writes = Vec::new();
        if let Some(t) = &token {
            // The token ties the later answer to this exchange (a `mile peer` on the same store
            // files the callback here).
            let mut r = row(&exchange, Direction::Out, &opts.to, request.as_ref(), b"", request_report.verdict());
            r.http_status = reply.status.as_u16();
            r.callback_token = t.clone();
            r.msg_type = "202".into();
            writes.push(Write::Message(r));
        }
        if !reply.body.is_empty() {
            let verdict = answer.as_ref().map_or(Verdict::Invalid, Report::verdict);
            let mut r = row(&exchange, Direction::In, &opts.to, answer_msg.as_ref(), &reply.body, verdict);
            r.http_status = reply.status.as_u16();
            writes.push(Write::Message(r));
        }
        if !writes.is_empty() {
            store.commit(writes).await?;
        }
    }
    let mut findings = findings;
    if let Some(f) = answer.as_ref().and_then(invalid_finding) {
        findings.push(f);
    }
    if has(ClientFault::AckOnly) {
        if let Some(t) = answer_msg.as_ref().and_then(RidMessage::msg_type).filter(|t| t.as_str() != "Acknowledgement")
        {
            findings.push(Finding {
                req: "RFC6546-3-handle-table1",
                found: format!("a {} answer, which this client (fault ack-only) cannot take", t.as_str()),
                expected: "an Acknowledgement".into(),
            });
        }
    }
    let mut callback = None;
    let mut callback_missing = false;
    if let Some(server) = listener {
        if reply.status.as_u16() == 202 {
            match tokio::time::timeout(opts.wait, rx.recv()).await {
                Ok(Some((remote, got_token, cb_body))) => {
                    let (report, msg) = read_rid("callback", &cb_body);
                    let mut fs = match (&request, &msg) {
                        (Some(req), Some(m)) => flow::check_answer(req, false, &Reply::Callback(m)),
                        _ => Vec::new(),
                    };
                    fs.extend(invalid_finding(&report));
                    if got_token.is_none() || got_token != token {
                        fs.push(Finding {
                            req: "RFC6546-3-callback-token",
                            found: format!("the later answer carried RID-Callback-Token {got_token:?}"),
                            expected: format!("the token of the 202 response, {token:?}"),
                        });
                    }
                    if let Some(store) = &opts.store {
                        let mut r = row(
                            &exchange,
                            Direction::In,
                            &remote.to_string(),
                            msg.as_ref(),
                            &cb_body,
                            report.verdict(),
                        );
                        r.callback_token = got_token.clone().unwrap_or_default();
                        store.commit(vec![Write::Message(r)]).await?;
                    }
                    callback = Some(CallbackReceived { remote, token: got_token, body: cb_body, report, findings: fs });
                }
                _ => {
                    callback_missing = true;
                    findings.push(Finding {
                        req: "RFC6546-3-answered",
                        found: format!("no later answer arrived within {} s of the 202", opts.wait.as_secs_f32()),
                        expected: "the accepted message answered by a later POST carrying the token".into(),
                    });
                }
            }
        }
        let _ = server.shutdown().await;
    }
    let ignore_refusal = has(ClientFault::IgnoreRefusal);
    Ok(SendOutcome {
        request: Some(request_report),
        reply,
        answer,
        findings,
        callback,
        callback_missing,
        ignore_refusal,
    })
}
