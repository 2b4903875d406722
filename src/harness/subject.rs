//! The subject under test as the steps see it: where it is, which identities the harness uses,
//! where later answers arrive; and the in-process reference peer with a shared test PKI.

use crate::peer::faults::Faults;
use crate::peer::{AnswerModes, Known, RunningPeer, Settings, config::AnswerMode};
use crate::pki::{KeyAlgorithm, PkiOptions, PkiSummary};
use crate::rid::policy::PeerPolicy;
use crate::rid::{Address, NodeRef};
use crate::transport::{
    Client, ClientConfig, ClientTls, Limits, PeerCheck, PeerList, RidRequest, RidResponse, Server, ServerConfig,
    ServerTls, TlsIdentity, TrustAnchors, handler_fn,
};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

/// Why the harness could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HarnessError {
    /// Setting up the subject or the harness failed.
    #[error("{0}")]
    Setup(String),
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
}

fn setup<E: fmt::Display>(what: &str) -> impl FnOnce(E) -> HarnessError + '_ {
    move |e| HarnessError::Setup(format!("{what}: {e}"))
}

/// A directory removed on drop.
#[derive(Debug)]
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    /// A fresh directory under the system temp dir.
    pub fn new(prefix: &str) -> Result<ScratchDir, HarnessError> {
        static N: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let p = std::env::temp_dir().join(format!(
            "{prefix}-{}-{nanos}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&p).map_err(setup("cannot create a scratch directory"))?;
        Ok(ScratchDir(p))
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Later answers (callbacks) the harness received, by token.
#[derive(Default)]
pub struct Inbox {
    got: Mutex<Vec<RidRequest>>,
    notify: Notify,
}

impl fmt::Debug for Inbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

impl Inbox {
    fn push(&self, r: RidRequest) {
        self.got.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(r);
        self.notify.notify_waiters();
    }

    /// Everything received so far.
    pub fn all(&self) -> Vec<RidRequest> {
        self.got.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Waits (bounded) for a callback carrying `token`.
    pub async fn wait_for(&self, token: &str, bound: Duration) -> Option<RidRequest> {
        let deadline = tokio::time::Instant::now() + bound;
        loop {
            let notified = self.notify.notified();
            {
                let got = self.got.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some(r) = got.iter().find(|r| r.callback_token() == Some(token)) {
                    return Some(r.clone());
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return None;
            }
        }
    }
}

/// Decides the response to each request a harness server receives.
pub type Answerer = Arc<dyn Fn(&RidRequest) -> RidResponse + Send + Sync>;

/// A listener for later answers: a RID server that stores what it receives and answers 200 with
/// an empty body (RFC 6546 Table 1, for callbacks).
pub struct CallbackListener {
    server: Server,
    /// What arrived.
    pub inbox: Arc<Inbox>,
    /// TCP connections accepted (whatever came of them).
    pub connections: Arc<AtomicU64>,
}

impl CallbackListener {
    /// Listens on `addr` with `identity`, accepting peers whose certificates chain to `anchors`.
    pub async fn start(
        addr: SocketAddr,
        identity: TlsIdentity,
        anchors: TrustAnchors,
    ) -> Result<CallbackListener, HarnessError> {
        CallbackListener::start_with(addr, identity, anchors, crate::transport::Quirks::default()).await
    }

    /// The same with transport quirks (a server that misbehaves on purpose, to judge a client).
    pub async fn start_with(
        addr: SocketAddr,
        identity: TlsIdentity,
        anchors: TrustAnchors,
        quirks: crate::transport::Quirks,
    ) -> Result<CallbackListener, HarnessError> {
        CallbackListener::start_answering(addr, identity, anchors, quirks, Arc::new(|_| RidResponse::Empty)).await
    }

    /// The same with `answer` deciding each response (a RID server for a client under test).
    pub async fn start_answering(
        addr: SocketAddr,
        identity: TlsIdentity,
        anchors: TrustAnchors,
        quirks: crate::transport::Quirks,
        answer: Answerer,
    ) -> Result<CallbackListener, HarnessError> {
        let inbox = Arc::new(Inbox::default());
        let sink = inbox.clone();
        let handler = handler_fn(move |req: RidRequest| {
            let sink = sink.clone();
            let response = answer(&req);
            async move {
                sink.push(req);
                response
            }
        });
        let mut config = ServerConfig::new(ServerTls::new(identity, anchors));
        config.peers.check = PeerCheck::AnyValid;
        config.limits.linger = Duration::from_millis(50);
        config.quirks = quirks;
        let connections = Arc::new(AtomicU64::new(0));
        let counter = connections.clone();
        config.observer = Some(Arc::new(move |ev| {
            if matches!(ev, crate::transport::ServerEvent::Accepted { .. }) {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }));
        let server = Server::bind(addr, config, handler).await.map_err(setup("cannot listen for callbacks"))?;
        Ok(CallbackListener { server, inbox, connections })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.server.local_addr()
    }

    /// Stops listening.
    pub async fn shutdown(self) {
        let _ = self.server.shutdown().await;
    }
}

/// Everything a step needs to reach and judge the subject.
pub struct Subject {
    /// `https://host:port/` of the RID server under test.
    pub url: String,
    /// Trust anchors for the server's certificate (and for ours).
    pub anchors: TrustAnchors,
    /// The harness's own client certificate and key files (a listed peer of the subject).
    pub cert: PathBuf,
    /// Key of `cert`.
    pub key: PathBuf,
    /// CA file.
    pub ca: PathBuf,
    /// A `mile certs` directory whose CA the subject trusts (for the broken certificates in
    /// `bad/`); `None` skips those probes.
    pub pki: Option<PathBuf>,
    /// A valid certificate and key the subject does not list as a peer.
    pub unlisted: Option<(PathBuf, PathBuf)>,
    /// A RID message the subject's policy forbids.
    pub forbidden: Option<Vec<u8>>,
    /// Where later answers arrive (`None`: the 202 path cannot be followed).
    pub inbox: Option<Arc<Inbox>>,
    /// The address the harness listens on for later answers (with `inbox`).
    pub callback_addr: Option<SocketAddr>,
    /// How long to wait for a later answer.
    pub callback_wait: Duration,
    /// Time bound of one exchange.
    pub step_timeout: Duration,
    /// `openssl` binary for legacy TLS probes, if present.
    pub openssl: Option<PathBuf>,
    /// Shared client with the harness identity.
    pub client: Client,
}

impl fmt::Debug for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subject").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Subject {
    /// A client with another identity (`None`: no client certificate) and TLS versions.
    pub fn client_with(
        &self,
        identity: Option<TlsIdentity>,
        versions: crate::transport::TlsVersions,
    ) -> Result<Client, String> {
        let mut tls = match identity {
            Some(id) => ClientTls::new(id, self.anchors.clone()),
            None => ClientTls::anonymous(self.anchors.clone()),
        };
        tls.versions = versions;
        Client::new(self.client_config(tls)).map_err(|e| e.to_string())
    }

    /// A client configuration with the harness's time bounds.
    pub fn client_config(&self, tls: ClientTls) -> ClientConfig {
        let mut c = ClientConfig::new(tls);
        c.timeouts.connect = self.step_timeout;
        c.timeouts.handshake = self.step_timeout;
        c.timeouts.response_headers = self.step_timeout;
        c.timeouts.response_body = self.step_timeout;
        c
    }
}

/// Finds `openssl` on the PATH.
pub fn find_openssl() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("openssl")).find(|p| p.is_file())
}

/// What `mile check --target` is given.
#[derive(Debug, Clone)]
pub struct TargetSpec {
    /// URL of the server under test.
    pub url: String,
    /// Our client certificate.
    pub cert: PathBuf,
    /// Its key.
    pub key: PathBuf,
    /// The CA that signed the subject's certificate.
    pub ca: PathBuf,
    /// A `mile certs` directory the subject trusts (bad certificates).
    pub pki: Option<PathBuf>,
    /// A certificate (and key) the subject does not list.
    pub unlisted: Option<(PathBuf, PathBuf)>,
    /// A message the subject's policy forbids.
    pub forbidden: Option<PathBuf>,
    /// Where to listen for later answers.
    pub callback_listen: Option<SocketAddr>,
    /// Wait for a later answer.
    pub callback_wait: Duration,
    /// Bound per exchange.
    pub step_timeout: Duration,
}

/// Is the target URL's host a loopback address (`127.0.0.0/8`, `::1`, `localhost`)?
pub fn target_is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or("");
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A subject on the network, with its callback listener.
pub struct Target {
    /// The subject.
    pub subject: Arc<Subject>,
    listener: Option<CallbackListener>,
}

impl Target {
    /// Loads the files and starts the callback listener; says plainly what is wrong.
    pub async fn open(spec: &TargetSpec) -> Result<Target, HarnessError> {
        crate::transport::install_crypto_provider();
        let identity = TlsIdentity::load(&spec.cert, &spec.key).map_err(setup("client certificate"))?;
        let anchors = TrustAnchors::load(&spec.ca).map_err(setup("CA file"))?;
        let forbidden = match &spec.forbidden {
            Some(p) => Some(std::fs::read(p).map_err(setup(&format!("cannot read {}", p.display())))?),
            None => None,
        };
        let listener = match spec.callback_listen {
            Some(a) => Some(CallbackListener::start(a, identity.clone(), anchors.clone()).await?),
            // A loopback target sends its later answers to 127.0.0.1, at port 4590 unless it is
            // configured otherwise: listen there when that port is free.
            None if target_is_loopback(&spec.url) => {
                let a = SocketAddr::from(([127, 0, 0, 1], crate::transport::DEFAULT_PORT));
                match CallbackListener::start(a, identity.clone(), anchors.clone()).await {
                    Ok(l) => Some(l),
                    Err(e) => {
                        eprintln!("mile check: no callback listener ({e}); give --callback-listen ADDR");
                        None
                    }
                }
            }
            None => None,
        };
        let client = {
            let mut c = ClientConfig::new(ClientTls::new(identity, anchors.clone()));
            c.timeouts.connect = spec.step_timeout;
            c.timeouts.handshake = spec.step_timeout;
            c.timeouts.response_headers = spec.step_timeout;
            c.timeouts.response_body = spec.step_timeout;
            Client::new(c).map_err(setup("client"))?
        };
        let subject = Subject {
            url: spec.url.clone(),
            anchors,
            cert: spec.cert.clone(),
            key: spec.key.clone(),
            ca: spec.ca.clone(),
            pki: spec.pki.clone(),
            unlisted: spec.unlisted.clone(),
            forbidden,
            inbox: listener.as_ref().map(|l| l.inbox.clone()),
            callback_addr: listener.as_ref().map(CallbackListener::addr),
            callback_wait: spec.callback_wait,
            step_timeout: spec.step_timeout,
            openssl: find_openssl(),
            client,
        };
        Ok(Target { subject: Arc::new(subject), listener })
    }

    /// Checks that the subject answers at all (TCP and TLS), so that an unreachable target is a
    /// harness error (exit 2), not a list of failures.
    pub async fn reachable(&self) -> Result<(), HarnessError> {
        match self.subject.client.connect_raw(&self.subject.url).await {
            Ok(_) => Ok(()),
            Err(e) => Err(HarnessError::Setup(format!("the target {} cannot be reached: {e}", self.subject.url))),
        }
    }

    /// Stops the listener.
    pub async fn close(self) {
        if let Some(l) = self.listener {
            l.shutdown().await;
        }
    }
}

/// A test PKI shared by every reference peer of a run (generated once: key generation is the
/// slow part). Its `peer-harness` identity is the harness's; `client.crt` is valid but unlisted.
pub struct SharedPki {
    dir: ScratchDir,
    summary: PkiSummary,
    stores: AtomicU64,
}

impl fmt::Debug for SharedPki {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedPki").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl SharedPki {
    /// Generates the PKI in a scratch directory.
    pub fn generate() -> Result<SharedPki, HarnessError> {
        let dir = ScratchDir::new("mile-check")?;
        let opts =
            PkiOptions { out: dir.path().join("certs"), peers: vec!["harness".into()], key: KeyAlgorithm::default() };
        let summary = crate::pki::generate(&opts).map_err(setup("test PKI"))?;
        Ok(SharedPki { dir, summary, stores: AtomicU64::new(0) })
    }

    /// Path of a PKI file by relative name.
    pub fn path(&self, name: &str) -> PathBuf {
        self.summary.path(name)
    }
}

/// The default policy of the in-process peer towards the harness: every message type, every
/// region but BetweenConsortiums (so that a message using it is refused, RFC 6545 §6.2).
pub const REFUSED_REGION: &str = "BetweenConsortiums";

fn harness_policy() -> PeerPolicy {
    PeerPolicy {
        name: "harness".into(),
        regions: ["ClientToSP", "SPToClient", "IntraConsortium", "PeerToPeer"].map(String::from).to_vec(),
        ..Default::default()
    }
}

/// The message the in-process peer's policy refuses: a valid TraceRequest in the refused region.
pub fn forbidden_message() -> Vec<u8> {
    let base =
        String::from_utf8_lossy(super::embedded::rid_message("valid/flow-4-trace-request.xml").unwrap_or_default());
    base.replace("region=\"IntraConsortium\"", &format!("region=\"{REFUSED_REGION}\"")).into_bytes()
}

/// The broken client certificates of the path-validation scenarios, listed as known peers: the
/// allow-list then lets them through, so only path validation can refuse them (and the
/// `no-path-validation` fault is seen on the wire).
fn listed_broken(pki: &SharedPki) -> Result<Vec<Known>, HarnessError> {
    let mut out = Vec::new();
    for stem in ["bad/expired", "bad/not-yet-valid", "bad/unknown-ca", "bad/self-signed", "bad/no-client-auth"] {
        let fingerprint = PeerList::from_pem_files(&[pki.path(&format!("{stem}.crt"))])
            .map_err(setup("broken certificate"))?
            .fingerprints()
            .into_iter()
            .next()
            .ok_or_else(|| HarnessError::Setup(format!("no certificate in {stem}.crt")))?;
        out.push(Known { name: stem.into(), fingerprint, policy: harness_policy(), callback: None });
    }
    Ok(out)
}

/// The reference peer running in-process, with the harness's callback listener.
pub struct Reference {
    peer: RunningPeer,
    listener: CallbackListener,
    /// The subject as the steps see it.
    pub subject: Arc<Subject>,
}

impl Reference {
    /// Starts a peer with `faults` on 127.0.0.1 (ephemeral port). The peer answers TraceRequests
    /// and Queries at once, InvestigationRequests with 202 and a callback, Reports with an empty
    /// 200, so that every row kind of Table 1 is exercised.
    pub async fn start(pki: &SharedPki, faults: Faults) -> Result<Reference, HarnessError> {
        crate::transport::install_crypto_provider();
        let anchors = TrustAnchors::load(pki.path("ca.crt")).map_err(setup("CA"))?;
        let harness_id = TlsIdentity::load(pki.path("peer-harness.crt"), pki.path("peer-harness.key"))
            .map_err(setup("harness identity"))?;
        let listener =
            CallbackListener::start(SocketAddr::from(([127, 0, 0, 1], 0)), harness_id.clone(), anchors.clone()).await?;
        let fingerprint = PeerList::from_pem_files(&[pki.path("peer-harness.crt")])
            .map_err(setup("harness certificate"))?
            .fingerprints()
            .into_iter()
            .next()
            .ok_or_else(|| HarnessError::Setup("no harness certificate".into()))?;
        let n = pki.stores.fetch_add(1, Ordering::Relaxed);
        let limits = Limits {
            linger: Duration::from_millis(50),
            shutdown_grace: Duration::from_millis(500),
            ..Limits::default()
        };
        let settings = Settings {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            identity: {
                let (cert, key) = faults.identity_files(&pki.path("server.crt"), &pki.path("server.key"));
                TlsIdentity::load(cert, key).map_err(setup("server"))?
            },
            anchors: anchors.clone(),
            store: pki.dir.path().join(format!("store-{n}.sqlite")),
            known: std::iter::once(Known {
                name: "harness".into(),
                fingerprint,
                policy: harness_policy(),
                // No callback URL: later answers go to the address the harness's requests come
                // from (127.0.0.1) at `callback_port`, where the harness listens (RFC 6546 §3).
                callback: None,
            })
            .chain(listed_broken(pki)?)
            .collect(),
            accept_any_valid_peer: false,
            answers: AnswerModes {
                trace: AnswerMode::Sync,
                investigation: AnswerMode::Async,
                query: AnswerMode::Sync,
                report: AnswerMode::Empty,
            },
            limits,
            us: NodeRef {
                names: vec!["rid.reference.example".into()],
                addresses: vec![Address { category: "ipv4-addr".into(), value: "127.0.0.1".into() }],
            },
            faults,
            retry_base_ms: 200,
            // The RFC's default is 4590; the harness listens on an ephemeral port instead (runs
            // are concurrent, 4590 may be taken) and tells the peer so.
            callback_port: listener.addr().port(),
        };
        let peer = crate::peer::start(settings).await.map_err(setup("reference peer"))?;
        let step_timeout = Duration::from_secs(10);
        let mut cc = ClientConfig::new(ClientTls::new(harness_id, anchors.clone()));
        cc.timeouts.connect = step_timeout;
        cc.timeouts.handshake = step_timeout;
        cc.timeouts.response_headers = step_timeout;
        cc.timeouts.response_body = step_timeout;
        let client = Client::new(cc).map_err(setup("client"))?;
        let subject = Subject {
            url: format!("https://127.0.0.1:{}/", peer.addr.port()),
            anchors,
            cert: pki.path("peer-harness.crt"),
            key: pki.path("peer-harness.key"),
            ca: pki.path("ca.crt"),
            pki: Some(pki.path("")),
            unlisted: Some((pki.path("client.crt"), pki.path("client.key"))),
            forbidden: Some(forbidden_message()),
            inbox: Some(listener.inbox.clone()),
            callback_addr: Some(listener.addr()),
            callback_wait: Duration::from_secs(5),
            step_timeout,
            openssl: find_openssl(),
            client,
        };
        Ok(Reference { peer, listener, subject: Arc::new(subject) })
    }

    /// Stops the peer and the listener.
    pub async fn shutdown(self) {
        self.subject.client.close_idle();
        self.peer.shutdown().await;
        self.listener.shutdown().await;
    }
}
