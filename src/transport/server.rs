//! RID over HTTPS server (RFC 6546 §3): HTTP/1.1 over TLS with mandatory client certificates.
//!
//! The transport answers everything that is not a RID message itself; the [`Handler`] sees only a
//! POST to `/` with a `text/xml` body within the size limit, from a peer that passed every check.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{ALLOW, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, TRANSFER_ENCODING};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::{Instant, sleep_until, timeout};
use tokio_rustls::TlsAcceptor;

use super::peer::{PeerIdentity, PeerPolicy, PeerRefusal};
use super::tls::{Alert, CertProblem, ServerTls, TlsError};
use super::token::{CallbackToken, RID_CALLBACK_TOKEN};

/// IANA port for RID over HTTP/TLS (RFC 6546 §5).
pub const DEFAULT_PORT: u16 = 4590;

/// Resource bounds of a server. Every one exists so that a slow or hostile peer cannot hold
/// resources for long.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest request head (request line plus headers), bytes; larger gets 431.
    pub max_header_bytes: usize,
    /// Most header fields in one request; more gets 431.
    pub max_headers: usize,
    /// Largest request body, bytes; larger gets 413.
    pub max_body_bytes: usize,
    /// Time allowed for the TLS handshake (and the peer checks after it).
    pub handshake_timeout: Duration,
    /// Time allowed to receive a complete request head, from its first byte. The connection is
    /// closed when it runs out.
    pub header_read_timeout: Duration,
    /// Time allowed to receive the whole request body once the head is in; 408 when it runs out.
    pub body_read_timeout: Duration,
    /// Time a kept-alive connection may sit with no request before it is closed.
    pub idle_timeout: Duration,
    /// Time the handler has to answer; 503 when it runs out.
    pub handler_timeout: Duration,
    /// Most connections served at once. Connections beyond it are accepted and closed at once,
    /// before any TLS (they do not wait).
    pub max_connections: usize,
    /// Time [`Server::shutdown`] lets in-flight requests finish.
    pub shutdown_grace: Duration,
    /// After a connection ends, how long we keep reading (and discarding) what the peer still
    /// sends, so that our last bytes (a TLS alert, a 413) reach it instead of a TCP reset.
    pub linger: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_header_bytes: 16 * 1024,
            max_headers: 64,
            max_body_bytes: 8 * 1024 * 1024,
            handshake_timeout: Duration::from_secs(10),
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            handler_timeout: Duration::from_secs(60),
            max_connections: 256,
            shutdown_grace: Duration::from_secs(10),
            linger: Duration::from_secs(1),
        }
    }
}

/// A RID message received by the server, from an authenticated peer.
#[derive(Clone, Debug)]
pub struct RidRequest {
    /// The verified peer.
    pub peer: PeerIdentity,
    /// The peer's address.
    pub remote: SocketAddr,
    /// Number of the connection this request arrived on (unique within this server).
    pub connection: u64,
    /// The Request-URI's path and query (`/` unless a quirk lets others through).
    pub path: String,
    /// Request headers.
    pub headers: HeaderMap,
    /// The body (a RID document, not yet validated).
    pub body: Bytes,
}

impl RidRequest {
    /// The `RID-Callback-Token` header, if present and valid text.
    pub fn callback_token(&self) -> Option<&str> {
        self.headers.get(RID_CALLBACK_TOKEN).and_then(|v| v.to_str().ok())
    }
}

/// What the handler answers; the transport turns it into HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RidResponse {
    /// 200 with a RID message body (`Content-Type: text/xml`).
    Answer(Bytes),
    /// 200 with a zero-length body.
    Empty,
    /// 202 with a zero-length body and a `RID-Callback-Token` header.
    Accepted {
        /// The token identifying the later callback.
        token: CallbackToken,
    },
    /// A 4xx refusal; the reason goes in a `text/plain` body. A non-4xx status becomes 500.
    Reject {
        /// A 4xx status.
        status: StatusCode,
        /// Human-readable reason.
        reason: String,
    },
    /// A 5xx failure on our side; the reason goes in a `text/plain` body. A non-5xx status
    /// becomes 500.
    Fail {
        /// A 5xx status.
        status: StatusCode,
        /// Human-readable reason.
        reason: String,
    },
}

/// Boxed future returned by [`Handler::handle`].
pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = RidResponse> + Send + 'a>>;

/// The application side of the server: receives RID messages, answers them.
pub trait Handler: Send + Sync + 'static {
    /// Handles one RID message.
    fn handle(&self, req: RidRequest) -> HandlerFuture<'_>;
}

/// A [`Handler`] made from an async closure; see [`handler_fn`].
pub struct FnHandler<F>(F);

impl<F, Fut> Handler for FnHandler<F>
where
    F: Fn(RidRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = RidResponse> + Send + 'static,
{
    fn handle(&self, req: RidRequest) -> HandlerFuture<'_> {
        Box::pin((self.0)(req))
    }
}

/// Wraps an async closure as a handler.
pub fn handler_fn<F, Fut>(f: F) -> Arc<dyn Handler>
where
    F: Fn(RidRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = RidResponse> + Send + 'static,
{
    Arc::new(FnHandler(f))
}

/// Why a TLS handshake with a client failed, as seen by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HandshakeFailure {
    /// The client sent no certificate.
    NoClientCertificate,
    /// The client's certificate was refused.
    ClientCertificate(CertProblem),
    /// The client sent an alert (for example it refused our certificate).
    AlertReceived(Alert),
    /// The handshake did not finish in time.
    TimedOut,
    /// The client closed the connection during the handshake.
    Closed,
    /// Anything else, with the TLS stack's text.
    Other(String),
}

impl fmt::Display for HandshakeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandshakeFailure::NoClientCertificate => f.write_str("the client sent no certificate"),
            HandshakeFailure::ClientCertificate(p) => write!(f, "the client's certificate is refused: {p}"),
            HandshakeFailure::AlertReceived(a) => write!(f, "the client ended the handshake (alert: {a})"),
            HandshakeFailure::TimedOut => f.write_str("the handshake did not finish in time"),
            HandshakeFailure::Closed => f.write_str("the client closed the connection during the handshake"),
            HandshakeFailure::Other(s) => f.write_str(s),
        }
    }
}

/// Which timeout closed a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutKind {
    /// No request on a kept-alive connection.
    Idle,
    /// The request head did not arrive in time.
    Header,
}

/// Something that happened on the server, for logs and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerEvent {
    /// A TCP connection was accepted.
    Accepted {
        /// Connection number.
        connection: u64,
        /// Peer address.
        remote: SocketAddr,
    },
    /// A TCP connection was closed at once because `max_connections` were being served.
    OverLimit {
        /// Peer address.
        remote: SocketAddr,
    },
    /// The TLS handshake failed.
    HandshakeFailed {
        /// Connection number.
        connection: u64,
        /// Peer address.
        remote: SocketAddr,
        /// Why.
        reason: HandshakeFailure,
    },
    /// The handshake succeeded but the peer policy refused the peer; every request on the
    /// connection gets 403.
    PeerRefused {
        /// Connection number.
        connection: u64,
        /// Peer address.
        remote: SocketAddr,
        /// Why.
        refusal: PeerRefusal,
    },
    /// A timeout closed the connection.
    TimedOut {
        /// Connection number.
        connection: u64,
        /// Which timeout.
        kind: TimeoutKind,
    },
    /// An HTTP-level error ended the connection (malformed request, I/O error).
    HttpError {
        /// Connection number.
        connection: u64,
        /// hyper's message.
        reason: String,
    },
    /// A connection ended.
    Closed {
        /// Connection number.
        connection: u64,
        /// Requests served on it.
        requests: u64,
    },
}

/// Receives [`ServerEvent`]s. It is called on the server's own tasks: keep it quick.
pub type Observer = Arc<dyn Fn(ServerEvent) + Send + Sync>;

/// Deliberate deviations from RFC 6546 §3, all off by default. They exist so that the reference
/// peer's fault modes (`mile peer --fault`) can break one transport rule at a time and every
/// conformance scenario can be shown to fail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quirks {
    /// Answer a non-POST method on `/` with this status (e.g. 200, or the pre-erratum 204)
    /// instead of 405.
    pub non_post_status: Option<u16>,
    /// Send 405 without the `Allow` header.
    pub omit_allow: bool,
    /// Serve every path like `/` instead of answering 404.
    pub any_path: bool,
    /// Accept any media type instead of answering 415.
    pub any_media_type: bool,
    /// Accept clients without a certificate (the handler sees [`PeerIdentity::anonymous`]).
    pub anonymous_clients: bool,
    /// Skip the peer checks (allow-list, wildcard ban, reverse DNS) after path validation.
    pub skip_peer_check: bool,
    /// Accept client certificates without validating their path (expiry, issuer, key usage);
    /// the peer checks still apply.
    pub no_path_validation: bool,
    /// Close the connection after every response.
    pub no_keep_alive: bool,
    /// Refuse chunked request bodies with 411.
    pub refuse_chunked: bool,
    /// Send 200 answers with this Content-Type instead of `text/xml`.
    pub answer_content_type: Option<String>,
    /// Answer every request with 302 to this location instead of handling it.
    pub redirect_to: Option<String>,
    /// Put this body in 202 responses.
    pub body_in_202: Option<String>,
}

/// Everything a server needs besides its address and handler.
#[derive(Clone)]
pub struct ServerConfig {
    /// Identity, trust anchors, versions.
    pub tls: ServerTls,
    /// Peer checks after path validation.
    pub peers: PeerPolicy,
    /// Resource bounds.
    pub limits: Limits,
    /// Optional event sink.
    pub observer: Option<Observer>,
    /// Deliberate deviations (fault modes); `Quirks::default()` is conformant.
    pub quirks: Quirks,
}

impl ServerConfig {
    /// A configuration with default peer policy (any valid certificate) and default limits.
    pub fn new(tls: ServerTls) -> ServerConfig {
        ServerConfig {
            tls,
            peers: PeerPolicy::default(),
            limits: Limits::default(),
            observer: None,
            quirks: Quirks::default(),
        }
    }
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("tls", &self.tls)
            .field("peers", &self.peers)
            .field("limits", &self.limits)
            .field("observer", &self.observer.is_some())
            .field("quirks", &self.quirks)
            .finish()
    }
}

/// Failures to start a server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The TLS configuration is unusable.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The OS error.
        source: io::Error,
    },
}

/// What [`Server::shutdown`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShutdownReport {
    /// Connections that ended by themselves within the grace period.
    pub finished: usize,
    /// Connections still open when the grace period ran out, closed abruptly.
    pub aborted: usize,
}

/// A running RID server. Dropping it stops it abruptly; [`Server::shutdown`] stops it gracefully.
pub struct Server {
    local_addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<ShutdownReport>>,
}

struct Shared {
    acceptor: TlsAcceptor,
    http: hyper::server::conn::http1::Builder,
    policy: PeerPolicy,
    limits: Limits,
    handler: Arc<dyn Handler>,
    observer: Option<Observer>,
    quirks: Quirks,
}

impl Shared {
    fn emit(&self, e: ServerEvent) {
        if let Some(o) = &self.observer {
            o(e);
        }
    }
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) and starts serving. Must be called within a tokio
    /// runtime.
    pub async fn bind(
        addr: SocketAddr,
        config: ServerConfig,
        handler: Arc<dyn Handler>,
    ) -> Result<Server, ServerError> {
        super::tls::install_crypto_provider();
        let q = &config.quirks;
        let tls = if q.anonymous_clients || q.skip_peer_check || q.no_path_validation {
            config.tls.rustls_config_lenient(
                &config.peers.check,
                q.anonymous_clients,
                q.skip_peer_check,
                q.no_path_validation,
            )?
        } else {
            config.tls.rustls_config(&config.peers.check)?
        };
        let listener = TcpListener::bind(addr).await.map_err(|source| ServerError::Bind { addr, source })?;
        let local_addr = listener.local_addr().map_err(|source| ServerError::Bind { addr, source })?;
        let limits = config.limits;
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            // Our own watchdog enforces separate header and idle timeouts (hyper's one timer starts
            // when it begins waiting, so it would count idle time as header time).
            .header_read_timeout(None)
            .keep_alive(!config.quirks.no_keep_alive)
            .max_headers(limits.max_headers.max(1))
            .max_header_size(limits.max_header_bytes.max(64));
        let shared = Arc::new(Shared {
            acceptor: TlsAcceptor::from(tls),
            http,
            policy: config.peers,
            limits,
            handler,
            observer: config.observer,
            quirks: config.quirks,
        });
        let (stop, stop_rx) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, shared, stop_rx));
        Ok(Server { local_addr, stop, task: Some(task) })
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Stops accepting, lets in-flight requests finish (each connection closes after its current
    /// response) for at most `shutdown_grace`, then closes what is left.
    pub async fn shutdown(mut self) -> ShutdownReport {
        let _ = self.stop.send(true);
        match self.task.take() {
            Some(t) => t.await.unwrap_or_default(),
            None => ShutdownReport::default(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) -> ShutdownReport {
    let mut tasks = JoinSet::new();
    let slots = Arc::new(Semaphore::new(shared.limits.max_connections.max(1)));
    let mut next_id: u64 = 0;
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, remote)) => {
                    let Ok(permit) = slots.clone().try_acquire_owned() else {
                        shared.emit(ServerEvent::OverLimit { remote });
                        drop(tcp);
                        continue;
                    };
                    next_id += 1;
                    let id = next_id;
                    let shared = shared.clone();
                    let stop = stop.clone();
                    tasks.spawn(async move {
                        connection(tcp, remote, id, &shared, stop).await;
                        drop(permit);
                    });
                }
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listener);
    let deadline = Instant::now() + shared.limits.shutdown_grace;
    let mut report = ShutdownReport::default();
    loop {
        tokio::select! {
            next = tasks.join_next() => match next {
                Some(_) => report.finished += 1,
                None => break,
            },
            _ = sleep_until(deadline) => break,
        }
    }
    report.aborted = tasks.len();
    tasks.shutdown().await;
    report
}

fn handshake_failure(e: &io::Error) -> HandshakeFailure {
    if let Some(r) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return match r {
            rustls::Error::NoCertificatesPresented => HandshakeFailure::NoClientCertificate,
            rustls::Error::InvalidCertificate(c) => HandshakeFailure::ClientCertificate(CertProblem::from_rustls(c)),
            rustls::Error::AlertReceived(a) => HandshakeFailure::AlertReceived(Alert(*a)),
            other => HandshakeFailure::Other(other.to_string()),
        };
    }
    match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => {
            HandshakeFailure::Closed
        }
        _ => HandshakeFailure::Other(e.to_string()),
    }
}

/// Half-closes our side, then reads and discards what the peer still sends for at most `linger`,
/// so that closing does not turn into a TCP reset that would destroy our last bytes in flight.
async fn linger_close<S: AsyncRead + AsyncWrite + Unpin>(mut io: S, linger: Duration) {
    let _ = timeout(linger, async {
        let _ = io.shutdown().await;
        let mut buf = [0u8; 4096];
        let mut total = 0usize;
        while let Ok(n) = io.read(&mut buf).await {
            total += n;
            if n == 0 || total > 1 << 20 {
                break;
            }
        }
    })
    .await;
}

async fn connection(
    tcp: TcpStream,
    remote: SocketAddr,
    id: u64,
    shared: &Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    shared.emit(ServerEvent::Accepted { connection: id, remote });
    let _ = tcp.set_nodelay(true);
    let limits = &shared.limits;
    let handshake = timeout(limits.handshake_timeout, shared.acceptor.accept(tcp).into_fallible());
    let tls = tokio::select! {
        r = handshake => match r {
            Ok(Ok(tls)) => tls,
            Ok(Err((e, tcp))) => {
                shared.emit(ServerEvent::HandshakeFailed { connection: id, remote, reason: handshake_failure(&e) });
                linger_close(tcp, limits.linger).await;
                return;
            }
            Err(_) => {
                shared.emit(ServerEvent::HandshakeFailed { connection: id, remote, reason: HandshakeFailure::TimedOut });
                return;
            }
        },
        _ = stop.changed() => return,
    };

    let identity = match tls.get_ref().1.peer_certificates().and_then(|c| c.first()) {
        Some(ee) => PeerIdentity::from_der(ee),
        None if shared.quirks.anonymous_clients => Ok(PeerIdentity::anonymous()),
        None => Err(PeerRefusal::NoCertificate),
    };
    let verdict = match identity {
        Ok(peer) if shared.quirks.skip_peer_check || shared.quirks.anonymous_clients => Ok(peer),
        Ok(peer) => match timeout(limits.handshake_timeout, shared.policy.verify(&peer, remote.ip())).await {
            Ok(Ok(())) => Ok(peer),
            Ok(Err(r)) => Err(r),
            Err(_) => Err(PeerRefusal::ReverseDnsFailed { addr: remote.ip(), reason: "timed out".into() }),
        },
        Err(r) => Err(r),
    };
    if let Err(refusal) = &verdict {
        shared.emit(ServerEvent::PeerRefused { connection: id, remote, refusal: refusal.clone() });
    }

    let activity = Arc::new(Activity::new());
    let ctx = Arc::new(ConnCtx { verdict, remote, id, shared: shared.clone(), activity: activity.clone() });
    let requests = Arc::new(AtomicU64::new(0));
    let counter = requests.clone();
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let ctx = ctx.clone();
        let counter = counter.clone();
        Box::pin(async move {
            ctx.activity.set(Phase::Busy);
            let resp = route(req, &ctx).await;
            counter.fetch_add(1, Ordering::Relaxed);
            ctx.activity.set(Phase::Idle);
            Ok::<_, Infallible>(resp)
        }) as Pin<Box<dyn Future<Output = Result<Response<Full<Bytes>>, Infallible>> + Send>>
    });
    let io = TokioIo::new(WatchedIo { inner: tls, activity: activity.clone() });
    let mut conn = shared.http.serve_connection(io, service);
    let mut closing = false;
    let outcome = loop {
        tokio::select! {
            r = std::future::poll_fn(|cx| conn.poll_without_shutdown(cx)) => break r,
            _ = stop.changed(), if !closing => {
                closing = true;
                Pin::new(&mut conn).graceful_shutdown();
            }
            kind = watchdog(&activity, limits), if !closing => {
                shared.emit(ServerEvent::TimedOut { connection: id, kind });
                match kind {
                    TimeoutKind::Idle => {
                        closing = true;
                        Pin::new(&mut conn).graceful_shutdown();
                    }
                    // A request head trickling in: drop the connection, no answer is owed.
                    TimeoutKind::Header => {
                        shared.emit(ServerEvent::Closed { connection: id, requests: requests.load(Ordering::Relaxed) });
                        return;
                    }
                }
            }
        }
    };
    if let Err(e) = outcome {
        shared.emit(ServerEvent::HttpError { connection: id, reason: e.to_string() });
    }
    let parts = conn.into_parts();
    linger_close(parts.io.into_inner(), limits.linger).await;
    shared.emit(ServerEvent::Closed { connection: id, requests: requests.load(Ordering::Relaxed) });
}

struct ConnCtx {
    verdict: Result<PeerIdentity, PeerRefusal>,
    remote: SocketAddr,
    id: u64,
    shared: Arc<Shared>,
    activity: Arc<Activity>,
}

/// What a connection is doing, for the header and idle timeouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Waiting for the first byte of a request.
    Idle,
    /// Bytes of a request head have arrived; the service has not been called yet.
    Head,
    /// A request is being served (its body timeout and handler timeout apply).
    Busy,
}

struct Activity {
    state: Mutex<(Phase, Instant, u64)>,
    changed: tokio::sync::Notify,
}

impl Activity {
    fn new() -> Activity {
        Activity { state: Mutex::new((Phase::Idle, Instant::now(), 0)), changed: tokio::sync::Notify::new() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Phase, Instant, u64)> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn set(&self, phase: Phase) {
        {
            let mut s = self.lock();
            *s = (phase, Instant::now(), s.2.wrapping_add(1));
        }
        self.changed.notify_one();
    }

    fn bytes_read(&self) {
        let started = {
            let mut s = self.lock();
            let idle = s.0 == Phase::Idle;
            if idle {
                *s = (Phase::Head, Instant::now(), s.2.wrapping_add(1));
            }
            idle
        };
        if started {
            self.changed.notify_one();
        }
    }

    fn snapshot(&self) -> (Phase, Instant, u64) {
        *self.lock()
    }
}

/// Resolves when the connection has been idle, or has been sending one request head, for too long.
/// Re-evaluates whenever the phase changes (a stored `Notify` permit means no change is missed).
async fn watchdog(activity: &Activity, limits: &Limits) -> TimeoutKind {
    loop {
        let (phase, since, generation) = activity.snapshot();
        let (deadline, kind) = match phase {
            Phase::Idle => (since + limits.idle_timeout, TimeoutKind::Idle),
            Phase::Head => (since + limits.header_read_timeout, TimeoutKind::Header),
            Phase::Busy => {
                activity.changed.notified().await;
                continue;
            }
        };
        tokio::select! {
            _ = sleep_until(deadline) => {
                if activity.snapshot().2 == generation {
                    return kind;
                }
            }
            _ = activity.changed.notified() => {}
        }
    }
}

/// The TLS stream, reporting reads to [`Activity`].
struct WatchedIo<T> {
    inner: T,
    activity: Arc<Activity>,
}

impl<T: AsyncRead + Unpin> AsyncRead for WatchedIo<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.bytes_read();
        }
        r
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WatchedIo<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Whether the request announces a body (so an early answer must close the connection).
fn has_body(headers: &HeaderMap) -> bool {
    headers.contains_key(TRANSFER_ENCODING)
        || headers.get(CONTENT_LENGTH).is_some_and(|v| v.as_bytes().iter().any(|&b| b != b'0'))
}

/// Exactly one `Content-Type` whose media type is `text/xml` (any parameters, any case).
pub(crate) fn is_text_xml(headers: &HeaderMap) -> bool {
    let mut values = headers.get_all(CONTENT_TYPE).iter();
    let (Some(v), None) = (values.next(), values.next()) else { return false };
    let Ok(s) = v.to_str() else { return false };
    s.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("text/xml"))
}

fn plain(status: StatusCode, reason: &str, close: bool) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(format!("{reason}\n"))));
    *r.status_mut() = status;
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    if close {
        r.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
    }
    r
}

fn human(d: Duration) -> String {
    if d.subsec_millis() == 0 { format!("{}s", d.as_secs()) } else { format!("{}ms", d.as_millis()) }
}

async fn route(req: Request<Incoming>, ctx: &ConnCtx) -> Response<Full<Bytes>> {
    let limits = &ctx.shared.limits;
    let body_follows = has_body(req.headers());
    let peer = match &ctx.verdict {
        Ok(p) => p.clone(),
        Err(r) => return plain(StatusCode::FORBIDDEN, &format!("peer refused: {r}"), true),
    };
    let quirks = &ctx.shared.quirks;
    if let Some(to) = &quirks.redirect_to {
        let mut r = plain(StatusCode::FOUND, "moved", body_follows);
        if let Ok(v) = HeaderValue::from_str(to) {
            r.headers_mut().insert(hyper::header::LOCATION, v);
        }
        return r;
    }
    if !quirks.any_path && (req.uri().path() != "/" || req.uri().query().is_some()) {
        return plain(StatusCode::NOT_FOUND, "not found: RID messages are sent with POST to /", body_follows);
    }
    if req.method() != Method::POST {
        if let Some(code) = quirks.non_post_status.and_then(|c| StatusCode::from_u16(c).ok()) {
            let mut r = Response::new(Full::new(Bytes::new()));
            *r.status_mut() = code;
            return r;
        }
        let mut r =
            plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed: RID messages are sent with POST", body_follows);
        if !quirks.omit_allow {
            r.headers_mut().insert(ALLOW, HeaderValue::from_static("POST"));
        }
        return r;
    }
    if quirks.refuse_chunked
        && req
            .headers()
            .get(hyper::header::TRANSFER_ENCODING)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"chunked"))
    {
        return plain(StatusCode::LENGTH_REQUIRED, "chunked request bodies are not accepted", true);
    }
    if !quirks.any_media_type && !is_text_xml(req.headers()) {
        return plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported media type: RID messages are text/xml",
            body_follows,
        );
    }
    let declared = req.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|s| s.parse::<u64>().ok());
    let max = limits.max_body_bytes;
    if declared.is_some_and(|n| n > max as u64) {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, &format!("request body larger than {max} bytes"), true);
    }
    let (parts, body) = req.into_parts();
    let body = match timeout(limits.body_read_timeout, Limited::new(body, max).collect()).await {
        Err(_) => {
            let why = format!("request body not received within {}", human(limits.body_read_timeout));
            return plain(StatusCode::REQUEST_TIMEOUT, &why, true);
        }
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return plain(StatusCode::PAYLOAD_TOO_LARGE, &format!("request body larger than {max} bytes"), true);
        }
        Ok(Err(e)) => return plain(StatusCode::BAD_REQUEST, &format!("malformed request body: {e}"), true),
        Ok(Ok(c)) => c.to_bytes(),
    };
    let path = parts.uri.path_and_query().map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    let rid = RidRequest { peer, remote: ctx.remote, connection: ctx.id, path, headers: parts.headers, body };
    match timeout(limits.handler_timeout, ctx.shared.handler.handle(rid)).await {
        Ok(answer) => render_with(answer, quirks),
        Err(_) => plain(StatusCode::SERVICE_UNAVAILABLE, "the RID system did not answer in time", false),
    }
}

fn render_with(answer: RidResponse, quirks: &Quirks) -> Response<Full<Bytes>> {
    match answer {
        RidResponse::Answer(body) if quirks.answer_content_type.is_some() => {
            let mut r = Response::new(Full::new(body));
            let ct = quirks.answer_content_type.as_deref().unwrap_or("text/xml");
            if let Ok(v) = HeaderValue::from_str(ct) {
                r.headers_mut().insert(CONTENT_TYPE, v);
            }
            r
        }
        RidResponse::Accepted { token } if quirks.body_in_202.is_some() => {
            let body = quirks.body_in_202.clone().unwrap_or_default();
            let mut r = Response::new(Full::new(Bytes::from(body)));
            *r.status_mut() = StatusCode::ACCEPTED;
            r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/xml"));
            if let Ok(v) = HeaderValue::from_str(token.as_str()) {
                r.headers_mut().insert(RID_CALLBACK_TOKEN, v);
            }
            r
        }
        other => render(other),
    }
}

fn render(answer: RidResponse) -> Response<Full<Bytes>> {
    match answer {
        RidResponse::Answer(body) => {
            let mut r = Response::new(Full::new(body));
            r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/xml"));
            r
        }
        RidResponse::Empty => Response::new(Full::new(Bytes::new())),
        RidResponse::Accepted { token } => {
            let mut r = Response::new(Full::new(Bytes::new()));
            *r.status_mut() = StatusCode::ACCEPTED;
            match HeaderValue::from_str(token.as_str()) {
                Ok(v) => {
                    r.headers_mut().insert(RID_CALLBACK_TOKEN, v);
                    r
                }
                // Unreachable for a checked token; answer as our own failure rather than panic.
                Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "invalid callback token", false),
            }
        }
        RidResponse::Reject { status, reason } if status.is_client_error() => plain(status, &reason, false),
        RidResponse::Fail { status, reason } if status.is_server_error() => plain(status, &reason, false),
        RidResponse::Reject { status, .. } | RidResponse::Fail { status, .. } => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("internal error: the handler chose status {status} for an error response"),
            false,
        ),
    }
}
