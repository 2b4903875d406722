//! RID over HTTPS client (RFC 6546 §3): sends with a client certificate, reuses kept-alive
//! connections per host and port, never follows redirects, and says plainly which side refused what.

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::{Frame, SizeHint};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{CONNECTION, CONTENT_TYPE, HOST, HeaderName, HeaderValue};
use hyper::{HeaderMap, Method, Request, StatusCode, Uri};
use hyper_util::rt::TokioIo;
use rustls_pki_types::ServerName;
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::peer::{PeerCheck, PeerIdentity, PeerRefusal};
use super::server::DEFAULT_PORT;
use super::tls::{Alert, CertProblem, ClientTls, TlsError};
use super::token::RID_CALLBACK_TOKEN;

/// Client-side time bounds.
#[derive(Clone, Copy, Debug)]
pub struct ClientTimeouts {
    /// TCP connect (all resolved addresses together).
    pub connect: Duration,
    /// TLS handshake.
    pub handshake: Duration,
    /// From sending the request to receiving the response head.
    pub response_headers: Duration,
    /// Receiving the whole response body.
    pub response_body: Duration,
}

impl Default for ClientTimeouts {
    fn default() -> Self {
        ClientTimeouts {
            connect: Duration::from_secs(10),
            handshake: Duration::from_secs(10),
            // RFC 6546 §3 speaks of a generally accepted HTTP client timeout of about thirty seconds.
            response_headers: Duration::from_secs(30),
            response_body: Duration::from_secs(30),
        }
    }
}

/// Everything a client needs.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Our identity, the trust anchors, versions.
    pub tls: ClientTls,
    /// Which server certificates are accepted after path validation and the name check.
    pub peers: PeerCheck,
    /// Time bounds.
    pub timeouts: ClientTimeouts,
    /// Largest response body accepted, bytes.
    pub max_response_bytes: usize,
    /// Idle connections kept per host and port.
    pub max_idle_per_host: usize,
}

impl ClientConfig {
    /// A configuration with defaults: any valid server certificate, default timeouts.
    pub fn new(tls: ClientTls) -> ClientConfig {
        ClientConfig {
            tls,
            peers: PeerCheck::AnyValid,
            timeouts: ClientTimeouts::default(),
            max_response_bytes: 8 * 1024 * 1024,
            max_idle_per_host: 4,
        }
    }
}

/// A step at which the client waited too long or the server went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Opening the TCP connection.
    Connect,
    /// The TLS handshake.
    TlsHandshake,
    /// Waiting for the response head.
    ResponseHeaders,
    /// Receiving the response body.
    ResponseBody,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Connect => "the TCP connection",
            Phase::TlsHandshake => "the TLS handshake",
            Phase::ResponseHeaders => "response headers",
            Phase::ResponseBody => "the response body",
        })
    }
}

fn human(d: Duration) -> String {
    if d.subsec_millis() == 0 { format!("{}s", d.as_secs()) } else { format!("{}ms", d.as_millis()) }
}

/// Why a request failed. Each message says which side refused and why.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The URL is unusable.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The host name did not resolve.
    #[error("could not resolve {host}: {reason}")]
    Resolve {
        /// Host name.
        host: String,
        /// Resolver message.
        reason: String,
    },
    /// TCP connect failed.
    #[error("could not connect to {addr}: {reason}")]
    Connect {
        /// Address tried last.
        addr: String,
        /// "connection refused", ...
        reason: String,
    },
    /// The server refused our client certificate.
    #[error("the server rejected our client certificate (alert: {alert})")]
    ClientCertificateRejected {
        /// The alert it sent.
        alert: Alert,
    },
    /// We sent no client certificate and the server requires one.
    #[error("the server requires a client certificate and we sent none (alert: {alert})")]
    NoClientCertificate {
        /// The alert it sent.
        alert: Alert,
    },
    /// We refused the server's certificate.
    #[error("the server's certificate is not trusted: {problem}")]
    ServerCertificate {
        /// What is wrong with it.
        problem: CertProblem,
    },
    /// The server ended the handshake with an alert that is not about our certificate.
    #[error("the server ended the TLS handshake (alert: {alert})")]
    Alert {
        /// The alert.
        alert: Alert,
    },
    /// Another TLS failure.
    #[error("TLS failure: {reason}")]
    Tls {
        /// rustls message.
        reason: String,
    },
    /// The server closed the connection.
    #[error("the server closed the connection during {phase}")]
    Closed {
        /// When.
        phase: Phase,
    },
    /// A timeout ran out.
    #[error("timed out after {} waiting for {phase}", human(*.after))]
    Timeout {
        /// What we were waiting for.
        phase: Phase,
        /// The bound.
        after: Duration,
    },
    /// The response is larger than `max_response_bytes`.
    #[error("the response body is larger than {limit} bytes")]
    ResponseTooLarge {
        /// The limit.
        limit: usize,
    },
    /// A header given by the caller is not valid HTTP.
    #[error("invalid request header {name:?}")]
    InvalidHeader {
        /// Header name.
        name: String,
    },
    /// An HTTP protocol error.
    #[error("HTTP error: {reason}")]
    Http {
        /// hyper message with causes.
        reason: String,
    },
    /// The TLS configuration is unusable.
    #[error(transparent)]
    Config(#[from] TlsError),
}

impl TransportError {
    fn from_rustls(e: &rustls::Error, anonymous: bool) -> TransportError {
        match e {
            rustls::Error::AlertReceived(a) => {
                let alert = Alert(*a);
                if anonymous && alert.is_certificate_refusal() {
                    TransportError::NoClientCertificate { alert }
                } else if alert.is_certificate_refusal() {
                    TransportError::ClientCertificateRejected { alert }
                } else {
                    TransportError::Alert { alert }
                }
            }
            rustls::Error::InvalidCertificate(c) => {
                TransportError::ServerCertificate { problem: CertProblem::from_rustls(c) }
            }
            other => TransportError::Tls { reason: other.to_string() },
        }
    }

    fn from_io(e: &io::Error, phase: Phase, anonymous: bool) -> TransportError {
        if let Some(r) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
            return TransportError::from_rustls(r, anonymous);
        }
        match e.kind() {
            io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => {
                TransportError::Closed { phase }
            }
            _ => TransportError::Http { reason: e.to_string() },
        }
    }

    /// Finds a TLS or I/O cause in an error chain.
    fn from_chain(e: &(dyn std::error::Error + 'static), phase: Phase, anonymous: bool) -> Option<TransportError> {
        let mut cur = Some(e);
        while let Some(err) = cur {
            if let Some(r) = err.downcast_ref::<rustls::Error>() {
                return Some(TransportError::from_rustls(r, anonymous));
            }
            if let Some(io) = err.downcast_ref::<io::Error>() {
                return Some(TransportError::from_io(io, phase, anonymous));
            }
            cur = err.source();
        }
        None
    }
}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// A request body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// One body with a `Content-Length`.
    Full(Bytes),
    /// Sent with `Transfer-Encoding: chunked`, one chunk per element.
    Chunked(Vec<Bytes>),
}

/// The hyper body for [`Body`].
struct OutBody {
    chunks: VecDeque<Bytes>,
    exact: Option<u64>,
}

impl OutBody {
    fn new(b: &Body) -> OutBody {
        match b {
            Body::Empty => OutBody { chunks: VecDeque::new(), exact: Some(0) },
            Body::Full(b) => OutBody { chunks: VecDeque::from([b.clone()]), exact: Some(b.len() as u64) },
            Body::Chunked(c) => OutBody { chunks: c.iter().filter(|c| !c.is_empty()).cloned().collect(), exact: None },
        }
    }
}

impl hyper::body::Body for OutBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.chunks.pop_front().map(|c| Ok(Frame::data(c))))
    }

    fn is_end_stream(&self) -> bool {
        self.exact == Some(0) || (self.exact.is_some() && self.chunks.is_empty())
    }

    fn size_hint(&self) -> SizeHint {
        match self.exact {
            Some(n) => SizeHint::with_exact(n),
            None => SizeHint::default(),
        }
    }
}

/// A response as received. 3xx responses are returned like any other: the client never follows
/// redirects (RFC 6546 §3).
#[derive(Clone, Debug)]
pub struct HttpReply {
    /// Status code.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// Response body.
    pub body: Bytes,
    /// The server, as verified.
    pub peer: PeerIdentity,
    /// The server's address.
    pub remote: SocketAddr,
    /// Number of the connection used (unique within this client).
    pub connection: u64,
    /// Whether the connection had served an earlier request.
    pub reused: bool,
}

impl HttpReply {
    /// The `RID-Callback-Token` header, if present and valid text.
    pub fn callback_token(&self) -> Option<&str> {
        self.headers.get(RID_CALLBACK_TOKEN).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Type` header, if present and valid text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }
}

/// A TLS connection with no HTTP on it, for sending arbitrary bytes (conformance tests).
pub struct RawConnection {
    /// The TLS stream.
    pub stream: TlsStream<TcpStream>,
    /// The server, as verified.
    pub peer: PeerIdentity,
    /// The server's address.
    pub remote: SocketAddr,
}

/// Where a URL points.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Target {
    host: String,
    port: u16,
    host_header: String,
    path: String,
}

fn parse_url(url: &str) -> Result<Target, TransportError> {
    let bad = |reason: &str| TransportError::InvalidUrl { url: url.to_string(), reason: reason.to_string() };
    let uri: Uri = url.parse().map_err(|e: hyper::http::uri::InvalidUri| bad(&e.to_string()))?;
    if !uri.scheme_str().is_some_and(|s| s.eq_ignore_ascii_case("https")) {
        return Err(bad("only https:// URLs: RID runs over HTTP/TLS"));
    }
    let auth = uri.authority().ok_or_else(|| bad("no host"))?;
    if auth.as_str().contains('@') {
        return Err(bad("user information is not allowed"));
    }
    let host = auth.host().trim_start_matches('[').trim_end_matches(']').to_string();
    if host.is_empty() {
        return Err(bad("no host"));
    }
    let port = auth.port_u16().unwrap_or(DEFAULT_PORT);
    let shown = if host.contains(':') { format!("[{host}]") } else { host.clone() };
    let host_header = if port == 443 { shown } else { format!("{shown}:{port}") };
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let path = if path.is_empty() { "/".to_string() } else { path };
    Ok(Target { host, port, host_header, path })
}

struct Pooled {
    id: u64,
    sender: SendRequest<OutBody>,
    task: JoinHandle<Result<(), hyper::Error>>,
    peer: PeerIdentity,
    remote: SocketAddr,
}

struct Inner {
    config: ClientConfig,
    connector: TlsConnector,
    pool: Mutex<HashMap<(String, u16), Vec<Pooled>>>,
    next_id: AtomicU64,
}

/// A RID over HTTPS client. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("config", &self.inner.config).finish_non_exhaustive()
    }
}

impl Client {
    /// Builds a client (no connection is made yet).
    pub fn new(config: ClientConfig) -> Result<Client, TransportError> {
        super::tls::install_crypto_provider();
        let tls = config.tls.rustls_config(&config.peers)?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                connector: TlsConnector::from(tls),
                pool: Mutex::new(HashMap::new()),
                next_id: AtomicU64::new(0),
            }),
        })
    }

    /// POSTs a RID message with `Content-Type: text/xml` (unless `extra_headers` gives one).
    pub async fn post(
        &self,
        url: &str,
        body: impl Into<Bytes>,
        extra_headers: &[(&str, &str)],
    ) -> Result<HttpReply, TransportError> {
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(extra_headers.len() + 1);
        if !extra_headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
            headers.push(("content-type", "text/xml"));
        }
        headers.extend_from_slice(extra_headers);
        self.request("POST", url, &headers, Body::Full(body.into())).await
    }

    /// Sends exactly this method, URL path, headers and body. Only a `Host` header is added, when
    /// the caller gives none (HTTP/1.1 requires it), plus the framing header the body needs
    /// (`Content-Length`, or `Transfer-Encoding: chunked` for [`Body::Chunked`]).
    ///
    /// If a reused kept-alive connection turns out to have been closed by the server before a
    /// response head arrived, the request is sent once more on a fresh connection (sending a RID
    /// message is idempotent, RFC 6546 §3). A fresh connection is never retried.
    pub async fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Body,
    ) -> Result<HttpReply, TransportError> {
        let target = parse_url(url)?;
        let method = Method::from_bytes(method.as_bytes()).map_err(|_| TransportError::InvalidUrl {
            url: url.into(),
            reason: format!("invalid method {method:?}"),
        })?;
        let mut map = HeaderMap::new();
        for (n, v) in headers {
            let name = HeaderName::from_bytes(n.as_bytes())
                .map_err(|_| TransportError::InvalidHeader { name: n.to_string() })?;
            let value = HeaderValue::from_str(v).map_err(|_| TransportError::InvalidHeader { name: n.to_string() })?;
            map.append(name, value);
        }
        if !map.contains_key(HOST) {
            let v = HeaderValue::from_str(&target.host_header).map_err(|_| TransportError::InvalidUrl {
                url: url.into(),
                reason: "host not valid in a header".into(),
            })?;
            map.insert(HOST, v);
        }
        let close = map.get(CONNECTION).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
        let build = || {
            let mut req = Request::new(OutBody::new(&body));
            *req.method_mut() = method.clone();
            *req.uri_mut() = target.path.parse().unwrap_or_else(|_| Uri::from_static("/"));
            *req.headers_mut() = map.clone();
            req
        };

        let (mut conn, reused) = self.checkout(&target).await?;
        let result = match self.exchange(&mut conn, build()).await {
            // A kept-alive connection may have been closed by the server just as we reused it.
            // Sending a RID message again is safe (RFC 6546 §3: sending is idempotent).
            Err(Retry::Stale(_)) if reused => {
                conn = self.connect(&target).await?;
                self.exchange(&mut conn, build()).await.map_err(Retry::into_error)
            }
            r => r.map_err(Retry::into_error),
        };
        let (status, headers, body) = result?;
        let reply = HttpReply {
            status,
            body,
            peer: conn.peer.clone(),
            remote: conn.remote,
            connection: conn.id,
            reused,
            headers,
        };
        let server_closes = reply.headers.get(CONNECTION).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
        if !close && !server_closes {
            self.checkin(&target, conn);
        }
        Ok(reply)
    }

    /// Opens a TLS connection (with all certificate checks) and hands it over without HTTP.
    pub async fn connect_raw(&self, url: &str) -> Result<RawConnection, TransportError> {
        let target = parse_url(url)?;
        let (stream, peer, remote) = self.tls_connect(&target).await?;
        Ok(RawConnection { stream, peer, remote })
    }

    /// Drops every idle pooled connection.
    pub fn close_idle(&self) {
        self.pool().clear();
    }

    fn pool(&self) -> std::sync::MutexGuard<'_, HashMap<(String, u16), Vec<Pooled>>> {
        self.inner.pool.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn anonymous(&self) -> bool {
        self.inner.config.tls.identity.is_none()
    }

    async fn checkout(&self, t: &Target) -> Result<(Pooled, bool), TransportError> {
        loop {
            let candidate = self.pool().get_mut(&(t.host.clone(), t.port)).and_then(Vec::pop);
            let Some(mut c) = candidate else { break };
            if c.sender.is_closed() {
                continue;
            }
            // An idle healthy connection is ready at once; one being torn down fails or lags.
            if let Ok(Ok(())) = timeout(Duration::from_millis(50), c.sender.ready()).await {
                return Ok((c, true));
            }
        }
        Ok((self.connect(t).await?, false))
    }

    fn checkin(&self, t: &Target, c: Pooled) {
        let max = self.inner.config.max_idle_per_host;
        let mut pool = self.pool();
        let list = pool.entry((t.host.clone(), t.port)).or_default();
        if list.len() < max && !c.sender.is_closed() {
            list.push(c);
        }
    }

    async fn tls_connect(
        &self,
        t: &Target,
    ) -> Result<(TlsStream<TcpStream>, PeerIdentity, SocketAddr), TransportError> {
        let to = self.inner.config.timeouts;
        let tcp = timeout(to.connect, connect_tcp(&t.host, t.port))
            .await
            .map_err(|_| TransportError::Timeout { phase: Phase::Connect, after: to.connect })??;
        let _ = tcp.set_nodelay(true);
        let remote =
            tcp.peer_addr().map_err(|e| TransportError::Connect { addr: t.host.clone(), reason: e.to_string() })?;
        let name = match t.host.parse::<IpAddr>() {
            Ok(ip) => ServerName::IpAddress(ip.into()),
            Err(_) => ServerName::try_from(t.host.clone()).map_err(|e| TransportError::InvalidUrl {
                url: t.host.clone(),
                reason: format!("not a valid server name: {e}"),
            })?,
        };
        let tls = timeout(to.handshake, self.inner.connector.connect(name, tcp))
            .await
            .map_err(|_| TransportError::Timeout { phase: Phase::TlsHandshake, after: to.handshake })?
            .map_err(|e| TransportError::from_io(&e, Phase::TlsHandshake, self.anonymous()))?;
        let peer = match tls.get_ref().1.peer_certificates().and_then(|c| c.first()) {
            Some(ee) => PeerIdentity::from_der(ee),
            None => Err(PeerRefusal::NoCertificate),
        }
        .map_err(|r| TransportError::ServerCertificate { problem: CertProblem::Refused(r) })?;
        Ok((tls, peer, remote))
    }

    async fn connect(&self, t: &Target) -> Result<Pooled, TransportError> {
        let (tls, peer, remote) = self.tls_connect(t).await?;
        let (sender, conn) = hyper::client::conn::http1::Builder::new()
            .handshake(TokioIo::new(tls))
            .await
            .map_err(|e| TransportError::Http { reason: chain_text(&e) })?;
        let task = tokio::spawn(conn);
        let id = self.inner.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        Ok(Pooled { id, sender, task, peer, remote })
    }

    /// Sends one request and reads the whole response.
    async fn exchange(&self, c: &mut Pooled, req: Request<OutBody>) -> Result<(StatusCode, HeaderMap, Bytes), Retry> {
        let to = self.inner.config.timeouts;
        let sent = timeout(to.response_headers, async {
            c.sender.ready().await?;
            c.sender.send_request(req).await
        })
        .await;
        let resp = match sent {
            Err(_) => {
                return Err(Retry::Final(TransportError::Timeout {
                    phase: Phase::ResponseHeaders,
                    after: to.response_headers,
                }));
            }
            Ok(Err(e)) => {
                let err = self.explain(&e, c, Phase::ResponseHeaders).await;
                let stale = e.is_canceled()
                    || e.is_incomplete_message()
                    || e.is_closed()
                    || matches!(err, TransportError::Closed { .. });
                // A refusal of our certificate or of theirs is never a stale connection.
                let tls_refusal = matches!(
                    err,
                    TransportError::ClientCertificateRejected { .. }
                        | TransportError::NoClientCertificate { .. }
                        | TransportError::ServerCertificate { .. }
                        | TransportError::Alert { .. }
                        | TransportError::Tls { .. }
                );
                return Err(if stale && !tls_refusal { Retry::Stale(err) } else { Retry::Final(err) });
            }
            Ok(Ok(r)) => r,
        };
        let (parts, body) = resp.into_parts();
        let limit = self.inner.config.max_response_bytes;
        let body = match timeout(to.response_body, Limited::new(body, limit).collect()).await {
            Err(_) => {
                return Err(Retry::Final(TransportError::Timeout {
                    phase: Phase::ResponseBody,
                    after: to.response_body,
                }));
            }
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                return Err(Retry::Final(TransportError::ResponseTooLarge { limit }));
            }
            Ok(Err(e)) => {
                let err = TransportError::from_chain(e.as_ref(), Phase::ResponseBody, self.anonymous())
                    .unwrap_or_else(|| TransportError::Http { reason: chain_text(e.as_ref()) });
                return Err(Retry::Final(err));
            }
            Ok(Ok(b)) => b.to_bytes(),
        };
        Ok((parts.status, parts.headers, body))
    }

    /// Turns a hyper error into the real cause. With TLS 1.3 the server's verdict on our client
    /// certificate arrives after our handshake has finished, on the first read; hyper may then
    /// report only "connection closed" or "not ready", so the connection task's own error, which
    /// carries the TLS alert, is consulted.
    async fn explain(&self, e: &hyper::Error, c: &mut Pooled, phase: Phase) -> TransportError {
        let anonymous = self.anonymous();
        let direct = TransportError::from_chain(e, phase, anonymous);
        if let Some(t) = direct {
            if !matches!(t, TransportError::Closed { .. }) {
                return t;
            }
            // "Closed" may hide a TLS alert that only the connection task saw.
            if let Ok(Ok(Err(conn_err))) = timeout(Duration::from_secs(1), &mut c.task).await {
                if let Some(better) = TransportError::from_chain(&conn_err, phase, anonymous) {
                    return better;
                }
            }
            return t;
        }
        if let Ok(Ok(Err(conn_err))) = timeout(Duration::from_secs(1), &mut c.task).await {
            if let Some(t) = TransportError::from_chain(&conn_err, phase, anonymous) {
                return t;
            }
        }
        if e.is_incomplete_message() || e.is_canceled() || e.is_closed() {
            return TransportError::Closed { phase };
        }
        TransportError::Http { reason: chain_text(e) }
    }
}

enum Retry {
    Stale(TransportError),
    Final(TransportError),
}

impl Retry {
    fn into_error(self) -> TransportError {
        match self {
            Retry::Stale(e) | Retry::Final(e) => e,
        }
    }
}

async fn connect_tcp(host: &str, port: u16) -> Result<TcpStream, TransportError> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| TransportError::Resolve { host: host.to_string(), reason: e.to_string() })?
        .collect();
    let mut last = TransportError::Resolve { host: host.to_string(), reason: "no address".into() };
    for a in addrs {
        match TcpStream::connect(a).await {
            Ok(s) => return Ok(s),
            Err(e) => last = TransportError::Connect { addr: a.to_string(), reason: io_reason(&e) },
        }
    }
    Err(last)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".into(),
        io::ErrorKind::TimedOut => "timed out".into(),
        io::ErrorKind::AddrNotAvailable => "address not available".into(),
        _ => e.to_string(),
    }
}
