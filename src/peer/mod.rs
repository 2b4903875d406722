//! The reference RID peer: validates every incoming message, applies the configured policy,
//! stores it durably, and answers per RFC 6545 and RFC 6546 — in the HTTP response, or with
//! 202 and a later callback carrying the token, with retries that survive a restart. Fault modes
//! ([`faults`]) make it break exactly one rule at a time.

pub mod answers;
pub mod config;
pub mod defaults;
pub mod faults;
pub mod send;
pub mod store;

use crate::rid::flow::{self, Reply};
use crate::rid::policy::{self, Decision, PeerPolicy};
use crate::rid::{Address, AuthorizationStatus, MsgType, NodeRef, RidMessage};
use crate::transport::{
    CallbackToken, Client, ClientConfig, ClientTls, Fingerprint, Handler, HandlerFuture, Limits, PeerCheck, PeerList,
    PeerPolicy as TransportPeerPolicy, RID_CALLBACK_TOKEN, RidRequest, RidResponse, Server, ServerConfig, ServerTls,
    StatusCode, TlsIdentity, TrustAnchors,
};
use crate::validate::{DocKind, Options, Verdict};
use bytes::Bytes;
use config::AnswerMode;
use faults::{Fault, Faults};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use store::{Direction, NewMessage, SqliteStore, Store, Write, Written};
use tokio::sync::watch;

/// Why the peer could not start or act.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PeerError {
    /// A configuration problem.
    #[error("{0}")]
    Config(String),
    /// TLS material could not be loaded.
    #[error("{0}")]
    Tls(#[from] crate::transport::TlsError),
    /// The server could not start.
    #[error("{0}")]
    Server(#[from] crate::transport::ServerError),
    /// The store failed.
    #[error("{0}")]
    Store(#[from] store::StoreError),
    /// The HTTPS client failed.
    #[error("{0}")]
    Transport(#[from] crate::transport::TransportError),
}

/// A known peer at run time.
#[derive(Debug, Clone)]
pub struct Known {
    /// Its name.
    pub name: String,
    /// Its certificate fingerprint.
    pub fingerprint: Fingerprint,
    /// What it may send.
    pub policy: PeerPolicy,
    /// Where later answers go (default: its address, port 4590).
    pub callback: Option<String>,
}

/// How the peer answers each message type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerModes {
    /// TraceRequest.
    pub trace: AnswerMode,
    /// InvestigationRequest.
    pub investigation: AnswerMode,
    /// Query.
    pub query: AnswerMode,
    /// Report.
    pub report: AnswerMode,
}

impl Default for AnswerModes {
    fn default() -> Self {
        AnswerModes {
            trace: AnswerMode::Sync,
            investigation: AnswerMode::Sync,
            query: AnswerMode::Sync,
            report: AnswerMode::Empty,
        }
    }
}

/// Everything the peer needs to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Our certificate and key (server and client).
    pub identity: TlsIdentity,
    /// Trust anchors.
    pub anchors: TrustAnchors,
    /// The store file.
    pub store: PathBuf,
    /// Known peers.
    pub known: Vec<Known>,
    /// Accept any peer whose certificate chains to the anchors (known peers refine policy).
    pub accept_any_valid_peer: bool,
    /// Answer modes.
    pub answers: AnswerModes,
    /// Transport limits.
    pub limits: Limits,
    /// Our Node in the answers we write.
    pub us: NodeRef,
    /// Active fault modes.
    pub faults: Faults,
    /// First retry delay of a callback, milliseconds (doubles each attempt, at most a minute).
    pub retry_base_ms: u64,
    /// Port of the later answers to a peer configured without a callback URL: they go to the
    /// network-layer address its request came from, at this port (RFC 6546 §3: 4590 unless
    /// configured otherwise; the harness sets its own listener's port).
    pub callback_port: u16,
}

impl Settings {
    /// Settings from a checked configuration file.
    pub fn from_config(c: &config::PeerConfig, faults: Faults) -> Result<Settings, PeerError> {
        let (cert, key) = faults.identity_files(c.identity.cert.get_ref(), c.identity.key.get_ref());
        let identity = TlsIdentity::load(cert, key).map_err(|e| match faults.has(Fault::NoDnsId) {
            true => PeerError::Config(format!(
                "fault no-dns-id needs bad/no-dns-id of `mile certs` beside the identity: {e}"
            )),
            false => e.into(),
        })?;
        let mut anchors: Option<TrustAnchors> = None;
        for t in &c.identity.trust {
            match &mut anchors {
                None => anchors = Some(TrustAnchors::load(t.get_ref())?),
                Some(a) => {
                    a.add_pem_file(t.get_ref())?;
                }
            }
        }
        let anchors = anchors.ok_or_else(|| PeerError::Config("no trust anchor".into()))?;
        let mut known = Vec::new();
        for p in &c.peers {
            let fingerprint = match (&p.certificate, &p.fingerprint) {
                (Some(cert), _) => {
                    let list = PeerList::from_pem_files(&[cert.get_ref()])?;
                    list.fingerprints().into_iter().next().ok_or_else(|| {
                        PeerError::Config(format!(
                            "{}: no certificate in {}",
                            p.name.get_ref(),
                            cert.get_ref().display()
                        ))
                    })?
                }
                (None, Some(f)) => f.get_ref().parse::<Fingerprint>().map_err(|e| PeerError::Config(e.0))?,
                (None, None) => return Err(PeerError::Config(format!("peer {} has no identity", p.name.get_ref()))),
            };
            let strings = |v: &Vec<toml::Spanned<String>>| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
            known.push(Known {
                name: p.name.get_ref().clone(),
                fingerprint,
                policy: PeerPolicy {
                    name: p.name.get_ref().clone(),
                    msg_types: strings(&p.msg_types),
                    regions: strings(&p.regions),
                    traffic: strings(&p.traffic),
                    refuse_restrictions: strings(&p.refuse_restrictions),
                    manual_approval: p.manual_approval,
                },
                callback: p.callback.as_ref().map(|c| c.get_ref().clone()),
            });
        }
        let listen = c.listen.get_ref().parse().map_err(|_| PeerError::Config("bad listen address".into()))?;
        let mut limits = Limits::default();
        limits.max_body_bytes = c.limits.max_body;
        limits.max_connections = c.limits.max_connections;
        limits.body_read_timeout = std::time::Duration::from_millis(c.limits.read_timeout_ms);
        limits.header_read_timeout = std::time::Duration::from_millis(c.limits.read_timeout_ms);
        Ok(Settings {
            listen,
            identity,
            anchors,
            store: c.store.get_ref().clone(),
            known,
            accept_any_valid_peer: c.accept_any_valid_peer,
            answers: AnswerModes {
                trace: *c.answers.trace_request.get_ref(),
                investigation: *c.answers.investigation_request.get_ref(),
                query: *c.answers.query.get_ref(),
                report: *c.answers.report.get_ref(),
            },
            limits,
            us: NodeRef {
                names: c.identity.name.clone().into_iter().collect(),
                addresses: vec![Address {
                    category: category_of(c.identity.address.get_ref()),
                    value: c.identity.address.get_ref().clone(),
                }],
            },
            faults,
            retry_base_ms: 500,
            callback_port: crate::transport::DEFAULT_PORT,
        })
    }
}

fn category_of(ip: &str) -> String {
    if ip.contains(':') { "ipv6-addr".into() } else { "ipv4-addr".into() }
}

/// The peer's message handling (the transport's handler).
pub struct Peer {
    settings: Settings,
    store: Arc<dyn Store>,
    client: Client,
    seq: AtomicU64,
}

/// A running peer.
pub struct RunningPeer {
    server: Server,
    stop: watch::Sender<bool>,
    worker: tokio::task::JoinHandle<()>,
    /// The bound address.
    pub addr: SocketAddr,
    /// The store.
    pub store: Arc<dyn Store>,
}

impl RunningPeer {
    /// Stop accepting, let in-flight requests finish, stop the callback worker. Every message that
    /// got a success status is already durable.
    pub async fn shutdown(self) {
        let _ = self.server.shutdown().await;
        let _ = self.stop.send(true);
        let _ = self.worker.await;
    }
}

/// Start a peer: open its SQLite store, bind the server, resume pending callbacks.
pub async fn start(settings: Settings) -> Result<RunningPeer, PeerError> {
    let store = Arc::new(SqliteStore::open(&settings.store)?);
    start_with_store(settings, store).await
}

/// Start a peer on a store of any engine (`settings.store` is not used).
pub async fn start_with_store(settings: Settings, store: Arc<dyn Store>) -> Result<RunningPeer, PeerError> {
    crate::transport::install_crypto_provider();
    let client = Client::new(ClientConfig::new(ClientTls::new(settings.identity.clone(), settings.anchors.clone())))?;
    let mut list = PeerList::new();
    for k in &settings.known {
        list.add_fingerprint(k.fingerprint);
    }
    let check = if settings.accept_any_valid_peer { PeerCheck::AnyValid } else { PeerCheck::Listed(list) };
    let server_config = ServerConfig {
        tls: ServerTls::new(settings.identity.clone(), settings.anchors.clone()),
        peers: TransportPeerPolicy { check, reverse_dns: None },
        limits: settings.limits.clone(),
        observer: None,
        quirks: settings.faults.quirks(),
    };
    let listen = settings.listen;
    let peer = Arc::new(Peer { settings, store: store.clone(), client, seq: AtomicU64::new(0) });
    let handler: Arc<dyn Handler> = peer.clone();
    let server = Server::bind(listen, server_config, handler).await?;
    let (stop, stop_rx) = watch::channel(false);
    let worker = tokio::spawn(callback_worker(peer, stop_rx));
    Ok(RunningPeer { addr: server.local_addr(), server, stop, worker, store })
}

impl Handler for Peer {
    fn handle(&self, req: RidRequest) -> HandlerFuture<'_> {
        Box::pin(async move {
            let started = std::time::Instant::now();
            let remote = req.remote;
            let mut log = ExchangeLog::default();
            let response = self.process(req, &mut log).await;
            let (status, outcome) = match &response {
                RidResponse::Answer(_) => (200, "answered"),
                RidResponse::Empty => (200, "accepted"),
                RidResponse::Accepted { .. } => (202, "accepted, answer later"),
                RidResponse::Reject { status, .. } => (status.as_u16(), "refused"),
                RidResponse::Fail { status, .. } => (status.as_u16(), "failed"),
            };
            tracing::info!(
                exchange = %log.exchange,
                remote = %remote,
                peer = %log.peer,
                msg_type = %log.msg_type,
                verdict = %log.verdict,
                policy = %log.policy,
                status,
                ms = started.elapsed().as_millis() as u64,
                "{outcome}"
            );
            response
        })
    }
}

/// What one exchange's log line says (filled in as the message is processed).
#[derive(Debug, Default)]
struct ExchangeLog {
    exchange: String,
    peer: String,
    msg_type: String,
    verdict: &'static str,
    policy: String,
}

/// The incident of a message as stored: `name#value#instance`.
pub fn incident_key(m: &RidMessage) -> String {
    m.incident_id().map_or(String::new(), |i| format!("{}#{}#{}", i.name, i.value, i.instance.as_deref().unwrap_or("")))
}

fn ms_now() -> i64 {
    store::now_ms()
}

impl Peer {
    fn next_exchange(&self) -> String {
        format!("x{}-{}", ms_now(), self.seq.fetch_add(1, Ordering::Relaxed))
    }

    fn known(&self, fp: &Fingerprint) -> Option<&Known> {
        self.settings.known.iter().find(|k| &k.fingerprint == fp)
    }

    fn faults(&self) -> &Faults {
        &self.settings.faults
    }

    fn now(&self) -> String {
        store::now_rfc3339()
    }

    async fn commit(&self, writes: Vec<Write>) -> Result<Vec<Written>, RidResponse> {
        self.store.commit(writes).await.map_err(|e| RidResponse::Fail {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            reason: format!("the message could not be stored: {e}"),
        })
    }

    /// Where a later answer to `remote` goes: the peer's configured callback URL, else the
    /// address the request came from at `callback_port` (RFC 6546 §3).
    fn callback_url(&self, known: Option<&Known>, remote: SocketAddr) -> String {
        let at_source = |port: u16| match remote.ip() {
            std::net::IpAddr::V6(ip) => format!("https://[{ip}]:{port}/"),
            ip => format!("https://{ip}:{port}/"),
        };
        if self.faults().has(Fault::CallbackWrongAddress) {
            return at_source(faults::WRONG_CALLBACK_PORT);
        }
        match known.and_then(|k| k.callback.clone()) {
            Some(u) => u,
            None => at_source(self.settings.callback_port),
        }
    }

    // A plain constructor of the stored record: every argument is one of its fields.
    #[allow(clippy::too_many_arguments)]
    fn message_row(
        &self,
        exchange: &str,
        direction: Direction,
        peer: &str,
        remote: SocketAddr,
        msg: Option<&RidMessage>,
        body: Bytes,
        verdict: Verdict,
        diagnostics: String,
        status: u16,
        token: &str,
    ) -> NewMessage {
        NewMessage {
            exchange: exchange.into(),
            direction,
            peer: peer.into(),
            remote: remote.to_string(),
            msg_type: msg.and_then(|m| m.msg_type()).map_or(String::new(), |t| t.as_str().to_string()),
            incident: msg.map_or(String::new(), incident_key),
            body,
            verdict: verdict.as_str().into(),
            diagnostics,
            http_status: status,
            callback_token: token.into(),
        }
    }

    /// Handle one message: decide what to store and what to answer, then store it durably and
    /// answer (a store failure is answered 500).
    async fn process(&self, req: RidRequest, log: &mut ExchangeLog) -> RidResponse {
        // Everything but the writes and the answer is dropped before the commit is awaited: a
        // task may resume on another thread, and memory freed there waits on the allocating
        // thread's allocator lock.
        let (writes, response) = self.plan(req, log);
        match self.commit(writes).await {
            Ok(_) => response,
            Err(r) => r,
        }
    }

    /// What to store for one message, and the answer to send once it is stored.
    fn plan(&self, req: RidRequest, log: &mut ExchangeLog) -> (Vec<Write>, RidResponse) {
        let known = self.known(&req.peer.fingerprint);
        let peer_label = match known {
            Some(k) => format!("{} {}", k.name, req.peer.fingerprint.to_hex()),
            None => format!("{} {}", req.peer.subject, req.peer.fingerprint.to_hex()),
        };
        log.peer = known.map_or_else(|| req.peer.subject.clone(), |k| k.name.clone());
        // 1. Validate.
        let (report, tree) = crate::validate::validate_reader_with_tree(
            "message",
            &req.body[..],
            &Options { expect: Some(DocKind::Rid), ..Default::default() },
            RidMessage::envelope_builder(),
        );
        let diagnostics =
            serde_json::to_string(&report.diagnostics.iter().map(crate::validate::diagnostic_json).collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".into());
        let parsed = tree.and_then(|t| RidMessage::from_tree(t).ok());
        let valid = report.verdict() == Verdict::Valid;
        let exchange = self.next_exchange();
        log.exchange = exchange.clone();
        log.verdict = report.verdict().as_str();
        log.msg_type =
            parsed.as_ref().and_then(|m| m.msg_type()).map_or_else(|| "-".into(), |t| t.as_str().to_string());
        if !valid && !self.faults().has(Fault::SkipValidation) {
            let first = report.diagnostics.iter().find(|d| d.severity == crate::diag::Severity::Error);
            let reason = match first {
                Some(d) => format!(
                    "invalid RID message: {} [{}] at {}:{}",
                    d.message(),
                    d.requirement.id,
                    d.pos.line,
                    d.pos.col
                ),
                None => "invalid RID message".into(),
            };
            let status = if self.faults().has(Fault::ServerErrorForBadInput) { 500 } else { 400 };
            let row = self.message_row(
                &exchange,
                Direction::In,
                &peer_label,
                req.remote,
                parsed.as_ref(),
                req.body.clone(),
                report.verdict(),
                diagnostics,
                status,
                "",
            );
            let response = if status == 500 {
                RidResponse::Fail { status: StatusCode::INTERNAL_SERVER_ERROR, reason }
            } else {
                RidResponse::Reject { status: StatusCode::BAD_REQUEST, reason }
            };
            return (vec![Write::Message(row)], response);
        }
        let Some(msg) = parsed else {
            // Only reachable when validation is skipped (fault): accept the broken document.
            let row = self.message_row(
                &exchange,
                Direction::In,
                &peer_label,
                req.remote,
                None,
                req.body.clone(),
                report.verdict(),
                diagnostics,
                200,
                "",
            );
            return (vec![Write::Message(row)], RidResponse::Empty);
        };
        let mt = msg.msg_type().cloned().unwrap_or(MsgType::Ext(String::new()));
        // 2. A callback answering one of our requests.
        if let Some(token) = req.callback_token().map(str::to_string) {
            if let Ok(Some(ex)) = self.store.exchange_of_token(&token) {
                log.exchange = ex.clone();
                log.policy = "callback".into();
                let row = self.message_row(
                    &ex,
                    Direction::In,
                    &peer_label,
                    req.remote,
                    Some(&msg),
                    req.body.clone(),
                    report.verdict(),
                    diagnostics,
                    200,
                    &token,
                );
                return (vec![Write::Message(row)], RidResponse::Empty);
            }
        }
        let requester = NodeRef {
            names: Vec::new(),
            addresses: vec![Address {
                category: category_of(&req.remote.ip().to_string()),
                value: req.remote.ip().to_string(),
            }],
        };
        // 3. Policy.
        let decision = if self.faults().has(Fault::IgnorePolicy) {
            Decision::Accept
        } else if known.is_none() && self.settings.accept_any_valid_peer {
            policy::decide(Some(&PeerPolicy { name: req.peer.subject.clone(), ..Default::default() }), &msg)
        } else {
            policy::decide(known.map(|k| &k.policy), &msg)
        };
        log.policy = match &decision {
            Decision::Accept => "accept".into(),
            Decision::Pending { .. } => "pending".into(),
            Decision::Refuse { justification, .. } => format!("refuse:{}", justification.as_str()),
        };
        let in_row = |status: u16, token: &str| {
            self.message_row(
                &exchange,
                Direction::In,
                &peer_label,
                req.remote,
                Some(&msg),
                req.body.clone(),
                report.verdict(),
                diagnostics.clone(),
                status,
                token,
            )
        };
        if let Some(ack) = policy::answer_for(&decision, &msg, &requester) {
            let ack = self.tamper(ack, &msg);
            let xml = self.write_answer(&ack);
            let out = self.message_row(
                &exchange,
                Direction::Out,
                &peer_label,
                req.remote,
                Some(&ack),
                Bytes::copy_from_slice(xml.as_bytes()),
                Verdict::Valid,
                "[]".into(),
                200,
                "",
            );
            return (vec![Write::Message(in_row(200, "")), Write::Message(out)], RidResponse::Answer(Bytes::from(xml)));
        }
        // 4. Accepted: store, then answer per type and mode.
        let mode = match mt {
            MsgType::TraceRequest => self.settings.answers.trace,
            MsgType::InvestigationRequest => self.settings.answers.investigation,
            MsgType::Query => self.settings.answers.query,
            MsgType::Report => self.settings.answers.report,
            _ => AnswerMode::Empty,
        };
        let mode = match (&mt, self.faults().has(Fault::WrongStatus)) {
            (MsgType::Report, true) => AnswerMode::Async,
            _ => mode,
        };
        let answer: Option<RidMessage> = match (&mt, mode) {
            (MsgType::Report, AnswerMode::Ack) => {
                Some(policy::acknowledgement(&msg, AuthorizationStatus::Approved, None, &requester))
            }
            (MsgType::Report, AnswerMode::Async) => None,
            (MsgType::Report, _) => None,
            (MsgType::Query, _) => Some(self.report_for(&msg, &requester)),
            (MsgType::TraceRequest | MsgType::InvestigationRequest, _) => {
                if self.faults().has(Fault::WrongAnswerType) {
                    let mut q = policy::acknowledgement(&msg, AuthorizationStatus::Approved, None, &requester);
                    q.request_status = None;
                    if let Some(p) = &mut q.policy {
                        p.msg_type = MsgType::Query;
                    }
                    Some(q)
                } else {
                    // The Result carries the request's document: read the whole message again
                    // (it was validated without keeping the document).
                    let full = crate::xml::tree::parse(&req.body[..], Default::default())
                        .ok()
                        .and_then(|t| RidMessage::from_tree(t).ok());
                    Some(answers::result_for(full.as_ref().unwrap_or(&msg), &self.settings.us, &requester, &self.now()))
                }
            }
            _ => None,
        };
        let answer = answer.map(|a| self.tamper(a, &msg));
        let keep = !self.faults().has(Fault::LoseMessage);
        match mode {
            AnswerMode::Async
                if matches!(
                    mt,
                    MsgType::TraceRequest | MsgType::InvestigationRequest | MsgType::Query | MsgType::Report
                ) =>
            {
                let token = if self.faults().has(Fault::BadCallbackToken) {
                    CallbackToken::forged(format!("bad token {}", self.seq.fetch_add(1, Ordering::Relaxed)))
                } else if self.faults().has(Fault::ReuseCallbackToken) {
                    CallbackToken::forged("rid-the-same-token-every-time")
                } else {
                    CallbackToken::generate()
                };
                let mut writes = Vec::new();
                if keep {
                    writes.push(Write::Message(in_row(202, token.as_str())));
                }
                if let Some(a) = &answer {
                    let xml = self.write_answer(a);
                    let url = self.callback_url(known, req.remote);
                    writes.push(Write::Message(self.message_row(
                        &exchange,
                        Direction::Out,
                        &peer_label,
                        req.remote,
                        Some(a),
                        Bytes::copy_from_slice(xml.as_bytes()),
                        Verdict::Valid,
                        "[]".into(),
                        0,
                        token.as_str(),
                    )));
                    if !self.faults().has(Fault::NoCallback) {
                        writes.push(Write::Callback {
                            exchange: exchange.clone(),
                            url,
                            token: token.as_str().into(),
                            body: xml.into_bytes(),
                        });
                    }
                }
                (writes, RidResponse::Accepted { token })
            }
            _ => {
                let mut writes = Vec::new();
                if keep {
                    writes.push(Write::Message(in_row(200, "")));
                }
                let response = match &answer {
                    Some(a) => {
                        let xml = self.write_answer(a);
                        writes.push(Write::Message(self.message_row(
                            &exchange,
                            Direction::Out,
                            &peer_label,
                            req.remote,
                            Some(a),
                            Bytes::copy_from_slice(xml.as_bytes()),
                            Verdict::Valid,
                            "[]".into(),
                            200,
                            "",
                        )));
                        RidResponse::Answer(Bytes::from(xml))
                    }
                    None => RidResponse::Empty,
                };
                (writes, response)
            }
        }
    }

    /// The Report answering a Query: what we hold about the incident.
    fn report_for(&self, query: &RidMessage, requester: &NodeRef) -> RidMessage {
        let key = query.incident_id().map(|i| format!("{}#{}#", i.name, i.value)).unwrap_or_default();
        let mut held = Vec::new();
        if !key.is_empty() && !key.ends_with("##") {
            for row in self.store.find("Report", &key).unwrap_or_default() {
                let doc = crate::xml::tree::parse(&row.message.body[..], Default::default())
                    .ok()
                    .and_then(|t| RidMessage::from_element(&t).ok())
                    .and_then(|m| m.policy.and_then(|p| p.report_schema).and_then(|r| r.document));
                if let Some(d) = doc {
                    held.push(d);
                }
            }
        }
        answers::report_for(query, held, requester, 5)
    }

    /// Apply answer-level faults.
    fn tamper(&self, mut a: RidMessage, request: &RidMessage) -> RidMessage {
        if self.faults().has(Fault::WrongIncident) {
            if let Some(p) = &mut a.policy {
                if let Some(id) = &mut p.incident_id {
                    id.value = format!("{}-OTHER", id.value);
                }
            }
        }
        if self.faults().has(Fault::AckWithoutStatus) && a.msg_type() == Some(&MsgType::Acknowledgement) {
            a.request_status = None;
        }
        let _ = request;
        a
    }

    fn write_answer(&self, a: &RidMessage) -> String {
        let xml = a.to_xml();
        if self.faults().has(Fault::InvalidAnswer) {
            // A RID root without its required lang attribute: not schema-valid.
            xml.replacen(" lang=", " language=", 1)
        } else {
            xml
        }
    }
}

/// Deliver owed answers: POST each due callback with its token; on failure retry later with
/// exponential backoff. Runs until `stop`; picks up what a previous run left pending.
async fn callback_worker(peer: Arc<Peer>, mut stop: watch::Receiver<bool>) {
    loop {
        let due = peer.store.due_callbacks(ms_now()).unwrap_or_default();
        for cb in due {
            let headers = [(RID_CALLBACK_TOKEN, cb.token.as_str())];
            let outcome = peer.client.post(&cb.url, Bytes::from(cb.body.clone()), &headers).await;
            let write = match outcome {
                Ok(r) if r.status.is_success() => Write::CallbackAttempt {
                    id: cb.id,
                    state: "delivered".into(),
                    next_attempt_ms: 0,
                    error: String::new(),
                },
                other => {
                    let error = match other {
                        Ok(r) => format!("answered {}", r.status),
                        Err(e) => e.to_string(),
                    };
                    let delay = (peer.settings.retry_base_ms << cb.attempts.min(16)).min(60_000) as i64;
                    Write::CallbackAttempt {
                        id: cb.id,
                        state: "pending".into(),
                        next_attempt_ms: ms_now() + delay,
                        error,
                    }
                }
            };
            let _ = peer.store.commit(vec![write]).await;
        }
        tokio::select! {
            _ = stop.changed() => return,
            _ = tokio::time::sleep(std::time::Duration::from_millis(100)) => {}
        }
    }
}

/// Judge an answer we received to a message we sent (used by `mile send` and the harness).
pub fn judge(request: &RidMessage, reply: &Reply<'_>) -> Vec<flow::Finding> {
    flow::check_answer(request, false, reply)
}
