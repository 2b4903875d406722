//! The client direction: `mile check --listen ADDR --client-cmd 'CMD {url} {file}'`. The harness
//! runs RID servers (a proper one on ADDR, others on ephemeral ports of the same host: with a
//! broken certificate, redirecting, or answering one particular way), tells the client under test
//! to send a message to one of them, and judges what arrived, how the client ended, and how it
//! took the later answer the harness owed it after a 202.

use super::subject::{Answerer, CallbackListener, HarnessError, SharedPki};
use super::world::parse_rid;
use crate::peer::answers;
use crate::rid::policy::acknowledgement;
use crate::rid::{Address, AuthorizationStatus, MsgType, NodeRef, RidMessage};
use crate::transport::{
    CallbackToken, Client, ClientConfig, ClientTls, Quirks, RID_CALLBACK_TOKEN, RidRequest, RidResponse, StatusCode,
    TlsIdentity, TrustAnchors,
};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The port a later answer goes to when the command template has no `{callback}` (RFC 6546 §3).
pub const DEFAULT_CALLBACK_PORT: u16 = crate::transport::DEFAULT_PORT;

/// How the harness's server answers the client's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerAnswer {
    /// As the reference peer does: a Result to a Request, a Report to a Query, an empty 200 to
    /// anything else (RFC 6546 Table 1).
    Proper,
    /// 200 with an answer of this type: `Acknowledgement`, `Result` or `Report`.
    With(MsgType),
    /// 200 with an empty body.
    Empty,
    /// 202 with a fresh token; the later answer (a Result to a Request, a Report to a Query) is
    /// POSTed to the address the request came from, at the client's callback port.
    Accepted,
    /// This 4xx or 5xx status, no RID message.
    Status(u16),
}

/// Which server the client is pointed at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerKind {
    /// The proper server on the listen address.
    Proper,
    /// A server presenting the PKI certificate with this stem (`bad/expired`).
    Certificate(String),
    /// A server that answers 302 to a proper one.
    Redirect,
    /// A server that answers this way.
    Answering(ServerAnswer),
}

/// The later answer the harness delivered to the client (after a 202), and how it was taken.
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    /// Where it went.
    pub url: String,
    /// Its token.
    pub token: String,
    /// The RID message type delivered.
    pub msg_type: String,
    /// The client's status, when it answered.
    pub status: Option<u16>,
    /// Length of the client's response body.
    pub body_len: usize,
    /// Why it could not be delivered (after retrying within the bound).
    pub error: Option<String>,
    /// Attempts made.
    pub attempts: u32,
}

/// The client under test.
pub struct ClientSubject {
    /// Command template: `{url}`, `{file}`, `{ca}`, `{cert}`, `{key}`, `{callback}` are replaced.
    pub command: String,
    /// Where the proper server listens.
    pub listen: SocketAddr,
    /// Time bound of one run of the command.
    pub bound: Duration,
    /// The test PKI: the client must trust `ca.crt`; `peer-harness` is offered as its identity.
    pub pki: SharedPki,
    main: CallbackListener,
}

impl std::fmt::Debug for ClientSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSubject")
            .field("command", &self.command)
            .field("listen", &self.listen)
            .finish_non_exhaustive()
    }
}

/// What one run of the client did.
#[derive(Debug, Clone)]
pub struct ClientRun {
    /// The command as run.
    pub command: String,
    /// Exit code (`None`: killed after the bound or not started).
    pub exit: Option<i32>,
    /// Its output (stdout then stderr, cut).
    pub output: String,
    /// What the server it was pointed at received.
    pub received: Vec<RidRequest>,
    /// What that server answered, in words.
    pub answered: String,
    /// Connections the redirect target saw (redirect scenario).
    pub followed: u64,
    /// The later answer owed after a 202, if one was owed.
    pub delivery: Option<Delivery>,
}

/// The harness's RID system as named in its answers.
fn harness_node() -> NodeRef {
    NodeRef {
        names: vec!["rid.harness.example".into()],
        addresses: vec![Address { category: "ipv4-addr".into(), value: "127.0.0.1".into() }],
    }
}

/// The RID message of type `t` answering `request`, written by the reference peer's builders.
fn answer_of(request: &RidMessage, t: &MsgType) -> Option<RidMessage> {
    let us = harness_node();
    let now = crate::peer::store::now_rfc3339();
    Some(match t {
        MsgType::Acknowledgement => acknowledgement(request, AuthorizationStatus::Approved, None, &us),
        MsgType::Result => answers::result_for(request, &us, &us, &now),
        MsgType::Report => {
            // What we "hold" about the incident is the document the client sent, if any.
            let held = request
                .policy
                .as_ref()
                .and_then(|p| p.report_schema.as_ref())
                .and_then(|r| r.document.clone())
                .into_iter()
                .collect();
            answers::report_for(request, held, &us, 5)
        }
        _ => return None,
    })
}

/// The later answer to a Request (a Result) or a Query (a Report).
fn later_answer_type(request: &RidMessage) -> Option<MsgType> {
    match request.msg_type()? {
        MsgType::TraceRequest | MsgType::InvestigationRequest => Some(MsgType::Result),
        MsgType::Query => Some(MsgType::Report),
        _ => None,
    }
}

/// The delivery of a later answer, shared between the server's handler and the run.
type DeliverySlot = Arc<Mutex<Option<(Delivery, tokio::task::JoinHandle<Delivery>)>>>;

struct Answering {
    answer: ServerAnswer,
    callback_port: u16,
    identity: TlsIdentity,
    anchors: TrustAnchors,
    bound: Duration,
    slot: DeliverySlot,
}

impl Answering {
    fn respond(&self, req: &RidRequest) -> RidResponse {
        // The server lets every path and media type through to here, to see what the client
        // sent, and refuses what RFC 6546 §3 refuses.
        if req.path != "/" {
            return RidResponse::Reject {
                status: StatusCode::NOT_FOUND,
                reason: "not found: RID messages are sent with POST to /".into(),
            };
        }
        let content_type = req.headers.get(hyper::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !crate::rid::flow::media_type_ok(content_type) {
            return RidResponse::Reject {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                reason: "unsupported media type: RID messages are text/xml".into(),
            };
        }
        let msg = parse_rid(&req.body);
        let Some(msg) = msg else {
            return RidResponse::Reject {
                status: StatusCode::BAD_REQUEST,
                reason: "not a RID message the harness can read".into(),
            };
        };
        let write = |m: RidMessage| RidResponse::Answer(m.to_xml().into_bytes().into());
        match &self.answer {
            ServerAnswer::Proper => match later_answer_type(&msg).and_then(|t| answer_of(&msg, &t)) {
                Some(a) => write(a),
                None => RidResponse::Empty,
            },
            ServerAnswer::With(t) => answer_of(&msg, t).map_or(RidResponse::Empty, write),
            ServerAnswer::Empty => RidResponse::Empty,
            ServerAnswer::Status(code) => {
                let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let reason = format!("the harness answers {code} on purpose");
                if status.is_client_error() {
                    RidResponse::Reject { status, reason }
                } else {
                    RidResponse::Fail { status, reason }
                }
            }
            ServerAnswer::Accepted => {
                let token = CallbackToken::generate();
                let later = later_answer_type(&msg).and_then(|t| answer_of(&msg, &t));
                if let Some(later) = later {
                    self.deliver_later(req.remote, token.as_str(), later);
                }
                RidResponse::Accepted { token }
            }
        }
    }

    /// POSTs `later` to the client's callback address, retrying (bounded) while it does not listen.
    fn deliver_later(&self, remote: SocketAddr, token: &str, later: RidMessage) {
        let url = match remote.ip() {
            std::net::IpAddr::V6(ip) => format!("https://[{ip}]:{}/", self.callback_port),
            ip => format!("https://{ip}:{}/", self.callback_port),
        };
        let planned = Delivery {
            url: url.clone(),
            token: token.into(),
            msg_type: later.msg_type().map_or(String::new(), |t| t.as_str().to_string()),
            ..Delivery::default()
        };
        let mut d = planned.clone();
        let body = later.to_xml();
        let tls = ClientTls::new(self.identity.clone(), self.anchors.clone());
        // The client is up while its command runs; a few seconds of retries cover its start.
        let bound = self.bound.min(Duration::from_secs(5));
        let task = tokio::spawn(async move {
            let mut config = ClientConfig::new(tls);
            config.timeouts.connect = Duration::from_secs(2);
            config.timeouts.handshake = Duration::from_secs(2);
            config.timeouts.response_headers = bound;
            config.timeouts.response_body = bound;
            let client = match Client::new(config) {
                Ok(c) => c,
                Err(e) => {
                    d.error = Some(e.to_string());
                    return d;
                }
            };
            // The 202 goes out first; the client then needs a moment to be ready for the answer.
            tokio::time::sleep(Duration::from_millis(100)).await;
            let deadline = tokio::time::Instant::now() + bound;
            loop {
                d.attempts += 1;
                match client.post(&d.url, body.clone(), &[(RID_CALLBACK_TOKEN, d.token.as_str())]).await {
                    Ok(r) => {
                        d.status = Some(r.status.as_u16());
                        d.body_len = r.body.len();
                        d.error = None;
                        return d;
                    }
                    Err(e) => d.error = Some(e.to_string()),
                }
                if tokio::time::Instant::now() + Duration::from_millis(250) > deadline {
                    return d;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        });
        *self.slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((planned, task));
    }
}

impl ClientSubject {
    /// Generates the PKI and starts the proper server on `listen`.
    pub async fn start(command: &str, listen: SocketAddr, bound: Duration) -> Result<ClientSubject, HarnessError> {
        crate::transport::install_crypto_provider();
        let pki = SharedPki::generate()?;
        let (id, anchors) = Self::identity(&pki, "server")?;
        let answer = Answering {
            answer: ServerAnswer::Proper,
            callback_port: DEFAULT_CALLBACK_PORT,
            identity: id.clone(),
            anchors: anchors.clone(),
            bound,
            slot: DeliverySlot::default(),
        };
        let answerer: Answerer = Arc::new(move |r| answer.respond(r));
        let main = CallbackListener::start_answering(listen, id, anchors, see_everything(), answerer).await?;
        Ok(ClientSubject { command: command.into(), listen: main.addr(), bound, pki, main })
    }

    fn identity(pki: &SharedPki, stem: &str) -> Result<(TlsIdentity, TrustAnchors), HarnessError> {
        let id = TlsIdentity::load(pki.path(&format!("{stem}.crt")), pki.path(&format!("{stem}.key")))
            .map_err(|e| HarnessError::Setup(format!("{stem}: {e}")))?;
        let anchors = TrustAnchors::load(pki.path("ca.crt")).map_err(|e| HarnessError::Setup(format!("CA: {e}")))?;
        Ok((id, anchors))
    }

    /// The port the client is told to take later answers on: a free one when the command has a
    /// `{callback}` placeholder, else the RFC's 4590.
    fn callback_port(&self) -> u16 {
        if !self.command.contains("{callback}") {
            return DEFAULT_CALLBACK_PORT;
        }
        std::net::TcpListener::bind(SocketAddr::new(self.listen.ip(), 0))
            .and_then(|l| l.local_addr())
            .map_or(DEFAULT_CALLBACK_PORT, |a| a.port())
    }

    /// Runs the client against the server `kind`.
    pub async fn run(&self, body: &[u8], kind: &ServerKind) -> Result<ClientRun, HarnessError> {
        let dir = super::subject::ScratchDir::new("mile-client")?;
        let file = dir.path().join("message.xml");
        std::fs::write(&file, body)
            .map_err(|e| HarnessError::Setup(format!("cannot write {}: {e}", file.display())))?;
        let ip = self.listen.ip();
        let ephemeral = SocketAddr::new(ip, 0);
        let callback_port = self.callback_port();
        let mut extra = Vec::new();
        let before = self.main.inbox.all().len();
        let slot = DeliverySlot::default();
        let (url, target_inbox, followed_inbox, answered) = match kind {
            ServerKind::Proper => (format!("https://{}/", self.listen), None, None, describe(&ServerAnswer::Proper)),
            ServerKind::Certificate(stem) => {
                let (id, anchors) = Self::identity(&self.pki, stem)?;
                let l = CallbackListener::start(ephemeral, id, anchors).await?;
                let url = format!("https://{}/", l.addr());
                let inbox = l.inbox.clone();
                extra.push(l);
                (url, Some(inbox), None, format!("200 empty, presenting {stem}.crt"))
            }
            ServerKind::Redirect => {
                let (gid, ganchors) = Self::identity(&self.pki, "server")?;
                let good = CallbackListener::start(ephemeral, gid, ganchors).await?;
                let quirks = Quirks { redirect_to: Some(format!("https://{}/", good.addr())), ..Quirks::default() };
                let followed = good.connections.clone();
                extra.push(good);
                let (id, anchors) = Self::identity(&self.pki, "server")?;
                let l = CallbackListener::start_with(ephemeral, id, anchors, quirks).await?;
                let url = format!("https://{}/", l.addr());
                let inbox = l.inbox.clone();
                extra.push(l);
                (url, Some(inbox), Some(followed), "302 Found to another RID server".to_string())
            }
            ServerKind::Answering(answer) => {
                let (id, anchors) = Self::identity(&self.pki, "server")?;
                let a = Answering {
                    answer: answer.clone(),
                    callback_port,
                    identity: id.clone(),
                    anchors: anchors.clone(),
                    bound: self.bound,
                    slot: slot.clone(),
                };
                let answerer: Answerer = Arc::new(move |r| a.respond(r));
                let l = CallbackListener::start_answering(ephemeral, id, anchors, see_everything(), answerer).await?;
                let url = format!("https://{}/", l.addr());
                let inbox = l.inbox.clone();
                extra.push(l);
                (url, Some(inbox), None, describe(answer))
            }
        };
        let cmd = self
            .command
            .replace("{url}", &url)
            .replace("{file}", &file.display().to_string())
            .replace("{ca}", &self.pki.path("ca.crt").display().to_string())
            .replace("{cert}", &self.pki.path("peer-harness.crt").display().to_string())
            .replace("{key}", &self.pki.path("peer-harness.key").display().to_string())
            .replace("{callback}", &SocketAddr::new(ip, callback_port).to_string());
        let child = tokio::process::Command::new("sh")
            .arg("-c")
            .arg(&cmd)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .output();
        let (exit, output) = match tokio::time::timeout(self.bound, child).await {
            Ok(Ok(o)) => (
                o.status.code(),
                format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
                    .chars()
                    .take(4000)
                    .collect(),
            ),
            Ok(Err(e)) => return Err(HarnessError::Setup(format!("cannot run the client command: {e}"))),
            Err(_) => (None, format!("killed after {} s", self.bound.as_secs())),
        };
        // Give an in-flight request a moment to reach the handler.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let received = match &target_inbox {
            Some(i) => i.all(),
            None => self.main.inbox.all().into_iter().skip(before).collect(),
        };
        let followed = followed_inbox.map_or(0, |c| c.load(std::sync::atomic::Ordering::Relaxed));
        let pending = slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        let delivery = match pending {
            Some((planned, task)) => Some(match tokio::time::timeout(self.bound, task).await {
                Ok(Ok(d)) => d,
                _ => Delivery { error: Some("the delivery did not finish in time".into()), ..planned },
            }),
            None => None,
        };
        for l in extra {
            l.shutdown().await;
        }
        Ok(ClientRun { command: cmd, exit, output, received, answered, followed, delivery })
    }

    /// Stops the server.
    pub async fn shutdown(self) {
        self.main.shutdown().await;
    }
}

/// Transport quirks that let every path and media type reach the answering handler.
fn see_everything() -> Quirks {
    Quirks { any_path: true, any_media_type: true, ..Quirks::default() }
}

fn describe(a: &ServerAnswer) -> String {
    match a {
        ServerAnswer::Proper => {
            "as Table 1 says: a Result to a Request, a Report to a Query, 200 empty otherwise".into()
        }
        ServerAnswer::With(t) => format!("200 with an {} answering the message", t.as_str()),
        ServerAnswer::Empty => "200 with an empty body".into(),
        ServerAnswer::Accepted => "202 Accepted with a RID-Callback-Token, then a later answer by POST".into(),
        ServerAnswer::Status(c) => format!("{c} with no RID message"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rid::flow::{Reply, check_answer};

    /// Every answer the harness gives a client is one Table 1 and the flow rules allow, and valid.
    #[test]
    fn answers_are_what_table_1_allows() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rid/valid");
        for (file, types) in [
            ("flow-4-trace-request.xml", &[MsgType::Acknowledgement, MsgType::Result, MsgType::Report][..]),
            ("flow-14-query.xml", &[MsgType::Acknowledgement, MsgType::Report][..]),
            ("flow-10-report.xml", &[MsgType::Acknowledgement][..]),
        ] {
            let body = std::fs::read(dir.join(file)).expect("corpus file");
            let req = parse_rid(&body).expect("a RID message");
            for t in types {
                let a = answer_of(&req, t).expect("an answer");
                let xml = a.to_xml();
                let report = crate::validate::validate_reader("answer", xml.as_bytes(), &Default::default());
                assert_eq!(report.verdict(), crate::validate::Verdict::Valid, "{file} {t:?}: {:?}", report.diagnostics);
                let reply = Reply::Http {
                    status: 200,
                    content_type: Some("text/xml"),
                    body_len: xml.len(),
                    message: Some(&a),
                    token: None,
                };
                assert_eq!(check_answer(&req, false, &reply), Vec::new(), "{file} answered with {t:?}");
            }
            if let Some(t) = later_answer_type(&req) {
                let a = answer_of(&req, &t).expect("later answer");
                assert_eq!(check_answer(&req, false, &Reply::Callback(&a)), Vec::new(), "{file} later");
            }
        }
    }
}
