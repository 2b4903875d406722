//! The cucumber World: handles to the subject, the message being sent, the evidence gathered and
//! the findings. Steps are a few lines each (see `steps`); the judging is in the library.

use super::results::{Exchange, Finding};
use super::subject::Subject;
use crate::rid::RidMessage;
use crate::transport::{HttpReply, TransportError};
use bytes::Bytes;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Why a step stopped the scenario. Its text is what cucumber records; the harness reads the
/// World instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Stop {
    /// The subject broke a MUST (findings are in the World).
    #[error("nonconformant: {0}")]
    Failed(String),
    /// The scenario cannot run here (reason in the World).
    #[error("skipped: {0}")]
    Skipped(String),
    /// The harness failed.
    #[error("harness error: {0}")]
    Harness(String),
}

/// How a scenario ended early without a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aside {
    /// Skipped, with the reason.
    Skipped(String),
    /// The subject does not use this feature.
    Unimplemented(String),
    /// Harness error.
    Error(String),
}

/// The message the scenario is about to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// Where it came from (corpus name or description).
    pub label: String,
    /// The bytes.
    pub body: Bytes,
}

impl Outgoing {
    /// Its typed view, when it is a RID message.
    pub fn message(&self) -> Option<RidMessage> {
        parse_rid(&self.body)
    }
}

/// The typed view of a RID document, if the bytes are one.
pub fn parse_rid(body: &[u8]) -> Option<RidMessage> {
    crate::xml::tree::parse(body, Default::default()).ok().and_then(|t| RidMessage::from_element(&t).ok())
}

/// A response as the steps judge it.
#[derive(Debug, Clone)]
pub struct Got {
    /// The reply, or why there was none.
    pub reply: Result<HttpReply, String>,
    /// Whether the transport error is a TLS refusal of our certificate (or of the handshake).
    pub refused_by_tls: bool,
    /// The message that was sent.
    pub sent: Option<RidMessage>,
}

/// What the library under test said about one corpus document.
#[derive(Debug, Clone)]
pub struct LibraryVerdict {
    /// `corpus/valid/NAME.xml`.
    pub file: String,
    /// The manifest's verdict: valid?
    pub want_valid: bool,
    /// Its answer (valid, messages), or the adapter's failure.
    pub got: Result<(bool, Vec<String>), String>,
    /// The requirements the document breaks (manifest).
    pub requirements: Vec<String>,
    /// When the manifest records that an XSD-only validator must accept this invalid document
    /// because the rule broken is RFC prose the XSD cannot express: that reason.
    pub xsd_limit: Option<String>,
}

/// The World.
#[derive(Debug, Default, cucumber::World)]
pub struct RidWorld {
    /// The server under test (set by the before hook).
    pub subject: Option<Arc<Subject>>,
    /// The documents or library under test (set by the before hook).
    pub docs: Option<Arc<super::documents::DocSubject>>,
    /// Verdicts of the library under test, one per corpus document.
    pub verdicts: Vec<LibraryVerdict>,
    /// The RID client under test (set by the before hook).
    pub client: Option<Arc<super::client::ClientSubject>>,
    /// What the client did in this scenario.
    pub client_run: Option<super::client::ClientRun>,
    /// A document the library produced: (message type, document).
    pub produced: Option<(String, String)>,
    /// The first requirement tag of the scenario (cited by generic steps such as a status check).
    pub scenario_req: String,
    /// A client of the scenario's own (connection reuse is judged on it).
    pub own_client: Option<crate::transport::Client>,
    /// When the scenario started.
    pub started: Option<std::time::Instant>,
    /// Set when `--fail-fast` stopped the run.
    pub stop: Option<Arc<AtomicBool>>,
    /// Skipped / unimplemented / error.
    pub aside: Option<Aside>,
    /// The message being prepared.
    pub outgoing: Option<Outgoing>,
    /// The fresh incident (name, value) of the message, when one was made.
    pub incident: Option<(String, String)>,
    /// Every response, in order.
    pub got: Vec<Got>,
    /// Every exchange, as evidence.
    pub exchanges: Vec<Exchange>,
    /// Findings.
    pub findings: Vec<Finding>,
    /// Requirements a step has judged (passed unless a finding cites them).
    pub judged: std::collections::BTreeSet<String>,
    /// The later answer received, if any.
    pub callback: Option<crate::transport::RidRequest>,
    /// A raw response (status line and all) for the hand-written request.
    pub raw_response: Option<String>,
    /// Result of an openssl probe: did the handshake complete?
    pub probe: Option<(bool, String)>,
}

impl RidWorld {
    /// Stops when fail-fast fired.
    pub fn go(&mut self) -> Result<(), Stop> {
        if self.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Err(self.skip("not run: --fail-fast stopped the run after a failure"));
        }
        Ok(())
    }

    /// The server under test (skipped when there is none); also stops when fail-fast fired.
    pub fn ready(&mut self) -> Result<Arc<Subject>, Stop> {
        self.go()?;
        match &self.subject {
            Some(s) => Ok(s.clone()),
            None => Err(self.skip("no RID server under test in this run (server direction)")),
        }
    }

    /// The client under test (skipped when there is none).
    pub fn client_subject(&mut self) -> Result<Arc<super::client::ClientSubject>, Stop> {
        self.go()?;
        match &self.client {
            Some(c) => Ok(c.clone()),
            None => Err(self.skip("no RID client under test in this run (client direction: --listen, --client-cmd)")),
        }
    }

    /// The documents or library under test (skipped when there is none).
    pub fn documents(&mut self) -> Result<Arc<super::documents::DocSubject>, Stop> {
        self.go()?;
        match &self.docs {
            Some(d) => Ok(d.clone()),
            None => Err(self.skip("no documents or library under test in this run (documents direction)")),
        }
    }

    /// Marks the scenario skipped with `reason`.
    pub fn skip(&mut self, reason: impl Into<String>) -> Stop {
        let r = reason.into();
        self.aside = Some(Aside::Skipped(r.clone()));
        Stop::Skipped(r)
    }

    /// Marks the scenario unimplemented by the subject.
    pub fn unimplemented(&mut self, reason: impl Into<String>) -> Stop {
        let r = reason.into();
        self.aside = Some(Aside::Unimplemented(r.clone()));
        Stop::Skipped(r)
    }

    /// Marks a harness error.
    pub fn error(&mut self, reason: impl Into<String>) -> Stop {
        let r = reason.into();
        self.aside = Some(Aside::Error(r.clone()));
        Stop::Harness(r)
    }

    /// Notes that the current step judges these requirements.
    pub fn checks(&mut self, reqs: &[&str]) {
        self.judged.extend(reqs.iter().map(|r| r.to_string()));
    }

    /// Notes that the current step judges the scenario's first requirement.
    pub fn checks_scenario(&mut self) {
        let r = self.scenario_req.clone();
        self.judged.insert(r);
    }

    /// Records findings; stops the scenario when one is a MUST.
    pub fn judge(&mut self, findings: Vec<Finding>) -> Result<(), Stop> {
        let must: Vec<String> = findings.iter().filter(|f| f.is_must()).map(|f| f.requirement.clone()).collect();
        self.findings.extend(findings);
        if must.is_empty() { Ok(()) } else { Err(Stop::Failed(must.join(", "))) }
    }

    /// One finding.
    pub fn fail(&mut self, req: &str, expected: impl Into<String>, actual: impl Into<String>) -> Result<(), Stop> {
        self.judge(vec![Finding::new(req, expected, actual)])
    }

    /// The last response, or a harness error when nothing was sent.
    pub fn last(&mut self) -> Result<Got, Stop> {
        match self.got.last() {
            Some(g) => Ok(g.clone()),
            None => Err(self.error("no request was sent before this step")),
        }
    }

    /// The message to send.
    pub fn outgoing(&mut self) -> Result<Outgoing, Stop> {
        match &self.outgoing {
            Some(o) => Ok(o.clone()),
            None => Err(self.error("no message was prepared before this step")),
        }
    }

    /// Records an exchange and its outcome.
    pub fn record(
        &mut self,
        label: String,
        request: String,
        identity: &str,
        outcome: Result<HttpReply, TransportError>,
    ) {
        let sent = self.outgoing.as_ref().and_then(Outgoing::message);
        let (response, error, tls, refused) = match &outcome {
            Ok(r) => (
                describe_reply(r),
                None,
                format!(
                    "client identity: {identity}; server certificate: {} (DNS-IDs: {}); connection #{}{}",
                    r.peer.subject,
                    if r.peer.dns_names.is_empty() { "none".to_string() } else { r.peer.dns_names.join(", ") },
                    r.connection,
                    if r.reused { " (reused)" } else { "" }
                ),
                false,
            ),
            Err(e) => (String::new(), Some(e.to_string()), format!("client identity: {identity}"), is_tls_refusal(e)),
        };
        self.exchanges.push(Exchange { label, request, response, error, tls });
        self.got.push(Got { reply: outcome.map_err(|e| e.to_string()), refused_by_tls: refused, sent });
    }
}

/// Is this error a refusal during or right after the TLS handshake (the request never got an
/// HTTP response)?
pub fn is_tls_refusal(e: &TransportError) -> bool {
    matches!(
        e,
        TransportError::ClientCertificateRejected { .. }
            | TransportError::NoClientCertificate { .. }
            | TransportError::Alert { .. }
            | TransportError::Tls { .. }
            | TransportError::Closed { .. }
    )
}

const CUT: usize = 16 * 1024;

/// Text of a body for evidence, cut at 16 KiB.
pub fn body_text(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(&b[..b.len().min(CUT)]).into_owned();
    if b.len() > CUT { format!("{s}\n[... {} more bytes]", b.len() - CUT) } else { s }
}

/// A reply as evidence text.
pub fn describe_reply(r: &HttpReply) -> String {
    let mut s = format!("HTTP/1.1 {} {}\n", r.status.as_u16(), r.status.canonical_reason().unwrap_or(""));
    for (n, v) in &r.headers {
        s.push_str(&format!("{}: {}\n", n, String::from_utf8_lossy(v.as_bytes())));
    }
    s.push('\n');
    s.push_str(&body_text(&r.body));
    s
}

/// A request as evidence text.
pub fn describe_request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8], note: &str) -> String {
    let path = url.find("://").and_then(|i| url[i + 3..].find('/').map(|j| &url[i + 3 + j..])).unwrap_or("/");
    let mut s = format!("{method} {path} HTTP/1.1{note}\n");
    for (n, v) in headers {
        s.push_str(&format!("{n}: {v}\n"));
    }
    s.push('\n');
    s.push_str(&body_text(body));
    s
}
