//! RID over HTTPS (RFC 6546 §3) on loopback: a scripted handler behind the real server, the real
//! client, and raw TLS connections for what a well-behaved client would never send. Every test
//! makes its own PKI in a temp dir and is bounded in time.

use bytes::Bytes;
use mile::pki::{KeyAlgorithm, PkiOptions, PkiSummary};
use mile::transport::{
    Alert, Body, CallbackToken, CertProblem, Client, ClientConfig, ClientTls, Fingerprint, Handler, HandlerFuture,
    HandshakeFailure, InvalidCallbackToken, Limits, PeerCheck, PeerList, PeerPolicy, PeerRefusal, RidRequest,
    RidResponse, Server, ServerConfig, ServerEvent, ServerTls, StaticReverseDns, StatusCode, TimeoutKind, TlsIdentity,
    TlsVersions, TransportError, TrustAnchors,
};
use rustls::AlertDescription as A;
use std::collections::HashSet;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// ---------------------------------------------------------------------------------------------
// Harness

async fn bounded<F: Future<Output = ()>>(f: F) {
    tokio::time::timeout(Duration::from_secs(30), f).await.expect("test exceeded its 30 s bound");
}

struct Pki {
    _dir: tempfile::TempDir,
    s: PkiSummary,
}

fn pki() -> Pki {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = PkiOptions { out: dir.path().to_path_buf(), peers: vec!["a".into()], key: KeyAlgorithm::default() };
    let s = mile::pki::generate(&opts).expect("generate PKI");
    Pki { _dir: dir, s }
}

impl Pki {
    fn identity(&self, stem: &str) -> TlsIdentity {
        TlsIdentity::load(self.s.path(&format!("{stem}.crt")), self.s.path(&format!("{stem}.key"))).expect("identity")
    }

    fn anchors(&self) -> TrustAnchors {
        TrustAnchors::load(self.s.path("ca.crt")).expect("anchors")
    }

    fn der(&self, stem: &str) -> rustls_pki_types::CertificateDer<'static> {
        use rustls_pki_types::pem::PemObject;
        rustls_pki_types::CertificateDer::from_pem_file(self.s.path(&format!("{stem}.crt"))).expect("cert")
    }

    fn server_config(&self, stem: &str) -> ServerConfig {
        let mut c = ServerConfig::new(ServerTls::new(self.identity(stem), self.anchors()));
        c.limits.linger = Duration::from_millis(300);
        c
    }

    fn client_config(&self, stem: &str) -> ClientConfig {
        let mut c = ClientConfig::new(ClientTls::new(self.identity(stem), self.anchors()));
        c.timeouts.connect = Duration::from_secs(5);
        c.timeouts.handshake = Duration::from_secs(5);
        c.timeouts.response_headers = Duration::from_secs(5);
        c
    }

    fn client(&self, stem: &str) -> Client {
        Client::new(self.client_config(stem)).expect("client")
    }
}

/// Answers according to the `x-script` request header and records every request it sees.
#[derive(Default)]
struct Scripted {
    calls: AtomicUsize,
    seen: Mutex<Vec<RidRequest>>,
}

impl Scripted {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn seen(&self) -> Vec<RidRequest> {
        self.seen.lock().expect("lock").clone()
    }
}

impl Handler for Scripted {
    fn handle(&self, req: RidRequest) -> HandlerFuture<'_> {
        Box::pin(async move {
            self.calls.fetch_add(1, Ordering::SeqCst);
            self.seen.lock().expect("lock").push(req.clone());
            let script = req.headers.get("x-script").and_then(|v| v.to_str().ok()).unwrap_or("echo").to_string();
            match script.as_str() {
                "answer" => {
                    RidResponse::Answer(Bytes::from_static(b"<RID xmlns=\"urn:ietf:params:xml:ns:iodef-rid-2.0\"/>"))
                }
                "empty" => RidResponse::Empty,
                "accepted" => RidResponse::Accepted { token: CallbackToken::generate() },
                "reject" => RidResponse::Reject { status: StatusCode::FORBIDDEN, reason: "policy says no".into() },
                "fail" => RidResponse::Fail { status: StatusCode::SERVICE_UNAVAILABLE, reason: "store down".into() },
                "redirect" => RidResponse::Reject { status: StatusCode::FOUND, reason: "elsewhere".into() },
                "slow" => {
                    tokio::time::sleep(Duration::from_millis(400)).await;
                    RidResponse::Empty
                }
                _ => RidResponse::Answer(req.body.clone()),
            }
        })
    }
}

type Events = Arc<Mutex<Vec<ServerEvent>>>;

struct Running {
    server: Server,
    handler: Arc<Scripted>,
    events: Events,
    url: String,
}

async fn start(pki: &Pki, stem: &str, tweak: impl FnOnce(&mut ServerConfig)) -> Running {
    start_on(pki, stem, "127.0.0.1:0".parse().expect("addr"), tweak).await
}

async fn start_on(pki: &Pki, stem: &str, addr: SocketAddr, tweak: impl FnOnce(&mut ServerConfig)) -> Running {
    let mut config = pki.server_config(stem);
    let events: Events = Arc::default();
    let sink = events.clone();
    config.observer = Some(Arc::new(move |e| sink.lock().expect("lock").push(e)));
    tweak(&mut config);
    let handler = Arc::new(Scripted::default());
    let server = Server::bind(addr, config, handler.clone()).await.expect("bind");
    let a = server.local_addr();
    let url = match a.ip() {
        IpAddr::V4(ip) => format!("https://{ip}:{}/", a.port()),
        IpAddr::V6(ip) => format!("https://[{ip}]:{}/", a.port()),
    };
    Running { server, handler, events, url }
}

/// Waits (bounded) until an event matching `pred` has been observed.
async fn wait_event(events: &Events, what: &str, pred: impl Fn(&ServerEvent) -> bool) -> ServerEvent {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(e) = events.lock().expect("lock").iter().find(|e| pred(e)) {
            return e.clone();
        }
        assert!(Instant::now() < deadline, "no {what} event; saw {:?}", events.lock().expect("lock"));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits (bounded) until the handler has been called `n` times.
async fn wait_handler(h: &Scripted, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while h.calls() < n {
        assert!(Instant::now() < deadline, "handler called {} times, want {n}", h.calls());
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn post(client: &Client, url: &str, script: &str) -> Result<mile::transport::HttpReply, TransportError> {
    client.post(url, "<RID/>", &[("x-script", script)]).await
}

/// Writes raw bytes on a fresh TLS connection and reads until the server closes it (bounded).
async fn raw_exchange(client: &Client, url: &str, bytes: &[u8]) -> String {
    let mut raw = client.connect_raw(url).await.expect("raw connect");
    raw.stream.write_all(bytes).await.expect("write");
    read_until_closed(&mut raw.stream, Duration::from_secs(5)).await.0
}

/// Reads until EOF or error; returns the text and how long it took.
async fn read_until_closed<S: tokio::io::AsyncRead + Unpin>(s: &mut S, bound: Duration) -> (String, Duration) {
    let t0 = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at((t0 + bound).into(), s.read(&mut buf)).await {
            Err(_) => panic!("connection still open after {bound:?}; got {:?}", String::from_utf8_lossy(&out)),
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), t0.elapsed())
}

fn status_line(resp: &str) -> &str {
    resp.lines().next().unwrap_or("")
}

// ---------------------------------------------------------------------------------------------
// RidResponse variants -> HTTP

#[tokio::test]
async fn answer_is_200_with_text_xml_body() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let reply = post(&p.client("client"), &r.url, "answer").await.expect("post");
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.content_type(), Some("text/xml"));
        assert!(reply.body.starts_with(b"<RID "));
        assert_eq!(r.handler.calls(), 1);
    })
    .await;
}

#[tokio::test]
async fn empty_is_200_with_zero_length_body() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let reply = post(&p.client("client"), &r.url, "empty").await.expect("post");
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.is_empty());
        assert_eq!(reply.headers.get("content-length").map(|v| v.as_bytes()), Some(&b"0"[..]));
    })
    .await;
}

#[tokio::test]
async fn accepted_is_202_with_callback_token_and_zero_length_body() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        let a = post(&client, &r.url, "accepted").await.expect("post");
        let b = post(&client, &r.url, "accepted").await.expect("post");
        for reply in [&a, &b] {
            assert_eq!(reply.status, StatusCode::ACCEPTED);
            assert!(reply.body.is_empty());
            assert_eq!(reply.headers.get("content-length").map(|v| v.as_bytes()), Some(&b"0"[..]));
            let token = reply.callback_token().expect("RID-Callback-Token header");
            CallbackToken::new(token).expect("token matches 1*255(VCHAR)");
        }
        assert_ne!(a.callback_token(), b.callback_token(), "tokens are unique");
    })
    .await;
}

#[tokio::test]
async fn reject_and_fail_keep_their_status_and_never_become_3xx() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        let reject = post(&client, &r.url, "reject").await.expect("post");
        assert_eq!(reject.status, StatusCode::FORBIDDEN);
        assert_eq!(&reject.body[..], b"policy says no\n");
        let fail = post(&client, &r.url, "fail").await.expect("post");
        assert_eq!(fail.status, StatusCode::SERVICE_UNAVAILABLE);
        // A handler that asks for a 3xx gets a 500: the transport never redirects.
        let redirect = post(&client, &r.url, "redirect").await.expect("post");
        assert_eq!(redirect.status, StatusCode::INTERNAL_SERVER_ERROR);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// What the transport answers by itself

#[tokio::test]
async fn any_other_method_on_root_is_405_with_allow_post() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        for m in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"] {
            let body = if m == "PUT" { Body::Full(Bytes::from_static(b"<RID/>")) } else { Body::Empty };
            let reply = client.request(m, &r.url, &[("content-type", "text/xml")], body).await.expect(m);
            assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{m}");
            assert_eq!(reply.headers.get("allow").map(|v| v.as_bytes()), Some(&b"POST"[..]), "{m}");
        }
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

#[tokio::test]
async fn any_other_path_is_404() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        for (m, path) in [("POST", "x"), ("GET", "x"), ("POST", "rid/"), ("POST", "?q=1"), ("DELETE", "a/b")] {
            let url = format!("{}{path}", r.url);
            let reply = client
                .request(m, &url, &[("content-type", "text/xml")], Body::Full(Bytes::from_static(b"<RID/>")))
                .await
                .expect("request");
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{m} {path}");
        }
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

#[tokio::test]
async fn wrong_or_missing_media_type_is_415() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        let body = || Body::Full(Bytes::from_static(b"<RID/>"));
        let cases: [(&[(&str, &str)], StatusCode); 7] = [
            (&[("content-type", "application/json")], StatusCode::UNSUPPORTED_MEDIA_TYPE),
            (&[], StatusCode::UNSUPPORTED_MEDIA_TYPE),
            (&[("content-type", "text/xmlx")], StatusCode::UNSUPPORTED_MEDIA_TYPE),
            (&[("content-type", "application/rid+xml")], StatusCode::UNSUPPORTED_MEDIA_TYPE),
            (&[("content-type", "text/xml"), ("content-type", "text/xml")], StatusCode::UNSUPPORTED_MEDIA_TYPE),
            (&[("content-type", "TEXT/XML; charset=UTF-8")], StatusCode::OK),
            (&[("content-type", "text/xml;charset=utf-8")], StatusCode::OK),
        ];
        for (headers, want) in cases {
            let reply = client.request("POST", &r.url, headers, body()).await.expect("request");
            assert_eq!(reply.status, want, "{headers:?}");
        }
        assert_eq!(r.handler.calls(), 2);
    })
    .await;
}

#[tokio::test]
async fn body_over_the_limit_is_413_declared_or_chunked() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.max_body_bytes = 1024).await;
        let client = p.client("client");
        let big = Bytes::from(vec![b'x'; 4096]);
        let reply = client.post(&r.url, big.clone(), &[]).await.expect("post");
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        let chunks = vec![big.slice(..1000), big.slice(1000..2000), big.slice(2000..)];
        let reply =
            client.request("POST", &r.url, &[("content-type", "text/xml")], Body::Chunked(chunks)).await.expect("post");
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        // Exactly at the limit is fine.
        let reply = client.post(&r.url, big.slice(..1024), &[]).await.expect("post");
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(r.handler.calls(), 1);
    })
    .await;
}

#[tokio::test]
async fn chunked_request_body_is_accepted() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let chunks = vec![Bytes::from_static(b"<RID>"), Bytes::from_static(b"<x/>"), Bytes::from_static(b"</RID>")];
        let reply = p
            .client("client")
            .request("POST", &r.url, &[("content-type", "text/xml")], Body::Chunked(chunks))
            .await
            .expect("post");
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(&reply.body[..], b"<RID><x/></RID>");
        let seen = r.handler.seen();
        assert_eq!(seen[0].headers.get("transfer-encoding").map(|v| v.as_bytes()), Some(&b"chunked"[..]));
        assert_eq!(&seen[0].body[..], b"<RID><x/></RID>");
    })
    .await;
}

#[tokio::test]
async fn malformed_http_is_400() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        let resp = raw_exchange(&client, &r.url, b"THIS IS NOT HTTP\r\n\r\n").await;
        assert!(status_line(&resp).starts_with("HTTP/1.1 400"), "{resp:?}");
        let bad_chunk =
            b"POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        let resp = raw_exchange(&client, &r.url, bad_chunk).await;
        assert!(status_line(&resp).starts_with("HTTP/1.1 400"), "{resp:?}");
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

#[tokio::test]
async fn oversized_request_head_is_431() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.max_header_bytes = 2048).await;
        let client = p.client("client");
        let long = "v".repeat(4000);
        let head = format!(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Type: text/xml\r\nX-Long: {long}\r\nContent-Length: 6\r\n\r\n<RID/>"
        );
        let resp = raw_exchange(&client, &r.url, head.as_bytes()).await;
        assert!(status_line(&resp).starts_with("HTTP/1.1 431"), "{resp:?}");
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Connections, keep-alive, time and resource bounds

#[tokio::test]
async fn keep_alive_reuses_one_connection() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        let first = post(&client, &r.url, "empty").await.expect("first");
        let second = post(&client, &r.url, "answer").await.expect("second");
        assert!(!first.reused);
        assert!(second.reused, "second request must reuse the kept-alive connection");
        assert_eq!(first.connection, second.connection);
        let seen = r.handler.seen();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].connection, seen[1].connection, "server saw both on one connection");
    })
    .await;
}

#[tokio::test]
async fn slow_header_sender_is_cut_off() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.header_read_timeout = Duration::from_millis(300)).await;
        let client = p.client("client");
        let mut raw = client.connect_raw(&r.url).await.expect("raw");
        // Trickle the head one byte every 50 ms: activity must not extend the deadline.
        let head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa";
        let t0 = Instant::now();
        let mut cut = false;
        for b in head {
            if raw.stream.write_all(&[*b]).await.is_err() || raw.stream.flush().await.is_err() {
                cut = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if !cut {
            let (text, _) = read_until_closed(&mut raw.stream, Duration::from_secs(3)).await;
            assert!(text.is_empty(), "no answer is owed to a head that never completed: {text:?}");
        }
        let took = t0.elapsed();
        assert!(took >= Duration::from_millis(250) && took < Duration::from_secs(3), "closed after {took:?}");
        wait_event(&r.events, "header timeout", |e| {
            matches!(e, ServerEvent::TimedOut { kind: TimeoutKind::Header, .. })
        })
        .await;
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

#[tokio::test]
async fn silent_connection_is_dropped_after_the_handshake_timeout() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.handshake_timeout = Duration::from_millis(300)).await;
        let mut tcp = tokio::net::TcpStream::connect(r.server.local_addr()).await.expect("tcp");
        let (text, took) = read_until_closed(&mut tcp, Duration::from_secs(3)).await;
        assert!(text.is_empty());
        assert!(took >= Duration::from_millis(250), "{took:?}");
        wait_event(&r.events, "handshake timeout", |e| {
            matches!(e, ServerEvent::HandshakeFailed { reason: HandshakeFailure::TimedOut, .. })
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn slow_body_sender_gets_408_and_is_disconnected() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.body_read_timeout = Duration::from_millis(300)).await;
        let client = p.client("client");
        let mut raw = client.connect_raw(&r.url).await.expect("raw");
        let head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<RID>";
        raw.stream.write_all(head).await.expect("write");
        let (text, took) = read_until_closed(&mut raw.stream, Duration::from_secs(3)).await;
        assert!(status_line(&text).starts_with("HTTP/1.1 408"), "{text:?}");
        assert!(text.to_ascii_lowercase().contains("connection: close"), "{text:?}");
        assert!(took >= Duration::from_millis(250) && took < Duration::from_secs(3), "{took:?}");
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

#[tokio::test]
async fn idle_kept_alive_connection_is_closed() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.idle_timeout = Duration::from_millis(300)).await;
        let client = p.client("client");
        let first = post(&client, &r.url, "empty").await.expect("first");
        wait_event(&r.events, "idle timeout", |e| matches!(e, ServerEvent::TimedOut { kind: TimeoutKind::Idle, .. }))
            .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let second = post(&client, &r.url, "empty").await.expect("second");
        assert_ne!(first.connection, second.connection, "the idle connection was closed, a new one was opened");
        assert!(!second.reused);
    })
    .await;
}

#[tokio::test]
async fn connections_beyond_the_limit_are_closed_at_once() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.max_connections = 1).await;
        let client = p.client("client");
        let holder = client.connect_raw(&r.url).await.expect("first connection");
        let err = post(&client, &r.url, "empty").await.expect_err("second connection must be refused");
        assert!(matches!(err, TransportError::Closed { .. }), "{err}");
        wait_event(&r.events, "over limit", |e| matches!(e, ServerEvent::OverLimit { .. })).await;
        drop(holder);
        // The slot frees once the server has seen the first connection close.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match post(&client, &r.url, "empty").await {
                Ok(reply) => {
                    assert_eq!(reply.status, StatusCode::OK);
                    break;
                }
                Err(e) => assert!(Instant::now() < deadline, "still refused: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
}

#[tokio::test]
async fn graceful_shutdown_lets_in_flight_requests_finish() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let client = p.client("client");
        let url = r.url.clone();
        let c2 = client.clone();
        let in_flight = tokio::spawn(async move { post(&c2, &url, "slow").await });
        wait_handler(&r.handler, 1).await;
        let report = r.server.shutdown().await;
        let reply = in_flight.await.expect("join").expect("in-flight request completes");
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(report.aborted, 0);
        let err = post(&client, &r.url, "empty").await.expect_err("no longer listening");
        assert!(matches!(err, TransportError::Connect { .. }), "{err}");
        assert!(err.to_string().ends_with("connection refused"), "{err}");
    })
    .await;
}

#[tokio::test]
async fn shutdown_is_bounded_even_with_a_stuck_request() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.shutdown_grace = Duration::from_millis(100)).await;
        let client = p.client("client");
        let url = r.url.clone();
        let in_flight = tokio::spawn(async move { post(&client, &url, "slow").await });
        wait_handler(&r.handler, 1).await;
        let t0 = Instant::now();
        let report = r.server.shutdown().await;
        assert!(t0.elapsed() < Duration::from_millis(350), "shutdown took {:?}", t0.elapsed());
        assert_eq!(report.aborted, 1);
        let err = in_flight.await.expect("join").expect_err("aborted");
        assert!(matches!(err, TransportError::Closed { .. }), "{err}");
    })
    .await;
}

#[tokio::test]
async fn handler_that_does_not_answer_in_time_gives_503() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.limits.handler_timeout = Duration::from_millis(100)).await;
        let reply = post(&p.client("client"), &r.url, "slow").await.expect("post");
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    })
    .await;
}

#[tokio::test]
async fn client_timeout_says_what_it_waited_for() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let mut cfg = p.client_config("client");
        cfg.timeouts.response_headers = Duration::from_millis(200);
        let client = Client::new(cfg).expect("client");
        let err = post(&client, &r.url, "slow").await.expect_err("times out");
        assert_eq!(err.to_string(), "timed out after 200ms waiting for response headers");
    })
    .await;
}

#[tokio::test]
async fn ipv6_loopback_works() {
    bounded(async {
        let p = pki();
        let r = start_on(&p, "server", "[::1]:0".parse().expect("addr"), |_| {}).await;
        let reply = post(&p.client("client"), &r.url, "answer").await.expect("post over ::1");
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(r.handler.seen()[0].remote.ip(), "::1".parse::<IpAddr>().expect("ip"));
    })
    .await;
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    bounded(async {
        let p = pki();
        let real = start(&p, "server", |_| {}).await;
        // A misbehaving server that answers every request with a redirect to the real one.
        let tls = ServerTls::new(p.identity("server"), p.anchors()).rustls_config(&PeerCheck::AnyValid).expect("tls");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let location = real.url.clone();
        let fake = tokio::spawn(async move {
            let (tcp, _) = listener.accept().await.expect("accept");
            let mut tls = tokio_rustls::TlsAcceptor::from(tls).accept(tcp).await.expect("handshake");
            let mut buf = vec![0u8; 4096];
            let _ = tls.read(&mut buf).await;
            let resp = format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n");
            tls.write_all(resp.as_bytes()).await.expect("write");
            let _ = tls.shutdown().await;
        });
        let reply = p.client("client").post(&format!("https://127.0.0.1:{port}/"), "<RID/>", &[]).await.expect("post");
        assert_eq!(reply.status, StatusCode::FOUND);
        assert_eq!(real.handler.calls(), 0, "the redirect was not followed");
        fake.await.expect("fake server");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Mutual TLS: who refuses what

#[tokio::test]
async fn client_without_certificate_is_refused_and_the_handler_never_runs() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        for versions in [TlsVersions::Tls13Only, TlsVersions::Tls12Only] {
            let mut tls = ClientTls::anonymous(p.anchors());
            tls.versions = versions;
            let client = Client::new(ClientConfig::new(tls)).expect("client");
            let err = post(&client, &r.url, "answer").await.expect_err("anonymous client must fail");
            match &err {
                TransportError::NoClientCertificate { alert } => {
                    if versions == TlsVersions::Tls13Only {
                        assert_eq!(*alert, Alert(A::CertificateRequired));
                        assert_eq!(
                            err.to_string(),
                            "the server requires a client certificate and we sent none (alert: certificate required)"
                        );
                    }
                }
                other => panic!("{versions:?}: {other}"),
            }
        }
        wait_event(&r.events, "no client certificate", |e| {
            matches!(e, ServerEvent::HandshakeFailed { reason: HandshakeFailure::NoClientCertificate, .. })
        })
        .await;
        assert_eq!(r.handler.calls(), 0);
    })
    .await;
}

#[tokio::test]
async fn bad_client_certificates_are_refused_by_the_server() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let cases = [
            ("bad/expired", A::CertificateExpired, CertProblem::Expired),
            ("bad/not-yet-valid", A::CertificateExpired, CertProblem::NotYetValid),
            ("bad/unknown-ca", A::UnknownCA, CertProblem::UnknownIssuer),
            ("bad/self-signed", A::UnknownCA, CertProblem::UnknownIssuer),
            ("bad/no-client-auth", A::UnsupportedCertificate, CertProblem::WrongPurpose),
            (
                "bad/wildcard",
                A::CertificateUnknown,
                CertProblem::Refused(PeerRefusal::Wildcard { id: "*.localhost".into() }),
            ),
        ];
        for versions in [TlsVersions::Tls13Only, TlsVersions::Tls12Only] {
            for (stem, alert, problem) in &cases {
                r.events.lock().expect("lock").clear();
                let mut cfg = p.client_config(stem);
                cfg.tls.versions = versions;
                let client = Client::new(cfg).expect("client");
                let err = post(&client, &r.url, "answer").await.expect_err(stem);
                match &err {
                    TransportError::ClientCertificateRejected { alert: got } => {
                        assert_eq!(*got, Alert(*alert), "{versions:?} {stem}: {err}")
                    }
                    other => panic!("{versions:?} {stem}: {other}"),
                }
                assert!(err.to_string().starts_with("the server rejected our client certificate (alert: "), "{err}");
                let seen =
                    wait_event(&r.events, "handshake failure", |e| matches!(e, ServerEvent::HandshakeFailed { .. }))
                        .await;
                let ServerEvent::HandshakeFailed { reason, .. } = seen else { unreachable!() };
                assert_eq!(reason, HandshakeFailure::ClientCertificate(problem.clone()), "{versions:?} {stem}");
            }
        }
        assert_eq!(r.handler.calls(), 0);
        let expired = TransportError::ClientCertificateRejected { alert: Alert(A::CertificateExpired) };
        assert_eq!(expired.to_string(), "the server rejected our client certificate (alert: certificate expired)");
    })
    .await;
}

#[tokio::test]
async fn bad_server_certificates_are_refused_by_the_client() {
    bounded(async {
        let p = pki();
        let cases = [
            ("bad/expired", CertProblem::Expired, A::CertificateExpired),
            ("bad/not-yet-valid", CertProblem::NotYetValid, A::CertificateExpired),
            ("bad/unknown-ca", CertProblem::UnknownIssuer, A::UnknownCA),
            ("bad/self-signed", CertProblem::UnknownIssuer, A::UnknownCA),
            ("bad/wrong-host", CertProblem::WrongName { expected: Some("127.0.0.1".into()) }, A::BadCertificate),
            (
                "bad/wildcard",
                CertProblem::Refused(PeerRefusal::Wildcard { id: "*.localhost".into() }),
                A::CertificateUnknown,
            ),
        ];
        for (stem, problem, alert) in cases {
            let r = start(&p, stem, |_| {}).await;
            let err = post(&p.client("client"), &r.url, "answer").await.expect_err(stem);
            match &err {
                TransportError::ServerCertificate { problem: got } => assert_eq!(*got, problem, "{stem}: {err}"),
                other => panic!("{stem}: {other}"),
            }
            assert!(err.to_string().starts_with("the server's certificate is not trusted: "), "{err}");
            let seen =
                wait_event(&r.events, "handshake failure", |e| matches!(e, ServerEvent::HandshakeFailed { .. })).await;
            let ServerEvent::HandshakeFailed { reason, .. } = seen else { unreachable!() };
            assert_eq!(reason, HandshakeFailure::AlertReceived(Alert(alert)), "{stem}");
            assert_eq!(r.handler.calls(), 0);
        }
        let expired = TransportError::ServerCertificate { problem: CertProblem::Expired };
        assert_eq!(expired.to_string(), "the server's certificate is not trusted: expired");
    })
    .await;
}

#[tokio::test]
async fn server_names_are_judged_by_the_host_in_the_url() {
    bounded(async {
        let p = pki();
        let good = start(&p, "server", |_| {}).await;
        let url = format!("https://localhost:{}/", good.server.local_addr().port());
        let reply = post(&p.client("client"), &url, "empty").await.expect("localhost is in server.crt");
        assert_eq!(reply.status, StatusCode::OK);
        let wrong = start(&p, "bad/wrong-host", |_| {}).await;
        let url = format!("https://localhost:{}/", wrong.server.local_addr().port());
        let err = post(&p.client("client"), &url, "empty").await.expect_err("wrong-host names only wrong.example");
        assert!(
            matches!(&err, TransportError::ServerCertificate { problem: CertProblem::WrongName { expected: Some(n) } } if n == "localhost"),
            "{err}"
        );
        assert_eq!(err.to_string(), "the server's certificate is not trusted: not valid for the name localhost");
    })
    .await;
}

#[tokio::test]
async fn unknown_ca_becomes_valid_when_its_root_is_trusted() {
    bounded(async {
        let p = pki();
        let r = start(&p, "bad/unknown-ca", |c| {
            c.tls.trust_anchors.add_pem_file(p.s.path("bad/unknown-ca-root.crt")).expect("add root");
        })
        .await;
        let mut cfg = p.client_config("bad/unknown-ca");
        cfg.tls.trust_anchors.add_pem_file(p.s.path("bad/unknown-ca-root.crt")).expect("add root");
        let reply = post(&Client::new(cfg).expect("client"), &r.url, "empty").await.expect("post");
        assert_eq!(reply.status, StatusCode::OK, "only the trust anchor was wrong");
    })
    .await;
}

#[tokio::test]
async fn version_mismatch_is_reported_as_an_alert() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |c| c.tls.versions = TlsVersions::Tls13Only).await;
        let mut cfg = p.client_config("client");
        cfg.tls.versions = TlsVersions::Tls12Only;
        let err = post(&Client::new(cfg).expect("client"), &r.url, "empty").await.expect_err("no common version");
        assert!(matches!(err, TransportError::Alert { alert: Alert(A::ProtocolVersion) }), "{err}");
        // Both versions pinned to TLS 1.2 work.
        let r12 = start(&p, "server", |c| c.tls.versions = TlsVersions::Tls12Only).await;
        let mut cfg = p.client_config("client");
        cfg.tls.versions = TlsVersions::Tls12Only;
        let reply = post(&Client::new(cfg).expect("client"), &r12.url, "empty").await.expect("TLS 1.2");
        assert_eq!(reply.status, StatusCode::OK);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Peer identity: allow-list, reverse DNS, what the handler gets

#[tokio::test]
async fn server_allow_list_refuses_a_valid_but_unlisted_certificate() {
    bounded(async {
        let p = pki();
        let mut list = PeerList::new();
        list.add_certificate(&p.der("client"));
        list.add_fingerprint(
            p.s.file("server.crt").and_then(|f| f.sha256.as_deref()).expect("fp").parse().expect("fp"),
        );
        let r = start(&p, "server", |c| c.peers.check = PeerCheck::Listed(list)).await;
        assert_eq!(post(&p.client("client"), &r.url, "empty").await.expect("listed by DER").status, StatusCode::OK);
        assert_eq!(post(&p.client("server"), &r.url, "empty").await.expect("listed by SHA-256").status, StatusCode::OK);
        let err = post(&p.client("peer-a"), &r.url, "empty").await.expect_err("peer-a is not listed");
        assert!(matches!(err, TransportError::ClientCertificateRejected { alert: Alert(A::AccessDenied) }), "{err}");
        wait_event(&r.events, "not listed", |e| {
            matches!(
                e,
                ServerEvent::HandshakeFailed {
                    reason: HandshakeFailure::ClientCertificate(CertProblem::NotListed),
                    ..
                }
            )
        })
        .await;
        assert_eq!(r.handler.calls(), 2);
        // An empty list admits nobody; AnyValid is the explicit "no list" mode.
        let none = start(&p, "server", |c| c.peers.check = PeerCheck::Listed(PeerList::new())).await;
        assert!(post(&p.client("client"), &none.url, "empty").await.is_err());
    })
    .await;
}

#[tokio::test]
async fn client_allow_list_refuses_an_unlisted_server() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let mut cfg = p.client_config("client");
        cfg.peers = PeerCheck::Listed(PeerList::from_pem_files(&[p.s.path("peer-a.crt")]).expect("list"));
        let err = post(&Client::new(cfg).expect("client"), &r.url, "empty").await.expect_err("server not listed");
        assert!(matches!(err, TransportError::ServerCertificate { problem: CertProblem::NotListed }), "{err}");
        let mut cfg = p.client_config("client");
        cfg.peers = PeerCheck::Listed(PeerList::from_pem_files(&[p.s.path("server.crt")]).expect("list"));
        let reply = post(&Client::new(cfg).expect("client"), &r.url, "empty").await.expect("listed server");
        assert_eq!(reply.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn handler_receives_the_verified_peer_identity() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let reply = post(&p.client("client"), &r.url, "empty").await.expect("post");
        let seen = r.handler.seen();
        let peer = &seen[0].peer;
        assert_eq!(peer.dns_names, vec!["client.localhost".to_string(), "localhost".to_string()]);
        assert_eq!(peer.ip_addresses, vec!["127.0.0.1".parse::<IpAddr>().expect("ip")]);
        assert!(peer.subject.contains("CN=mile test client"), "{}", peer.subject);
        assert_eq!(peer.der, p.der("client"));
        assert_eq!(
            Some(peer.fingerprint.to_string().as_str()),
            p.s.file("client.crt").and_then(|f| f.sha256.as_deref())
        );
        assert_eq!(seen[0].remote.ip(), "127.0.0.1".parse::<IpAddr>().expect("ip"));
        // And the client learns who the server is.
        assert_eq!(reply.peer.der, p.der("server"));
        assert_eq!(reply.peer.dns_names, vec!["localhost".to_string()]);
    })
    .await;
}

#[tokio::test]
async fn reverse_dns_check_matches_the_connecting_address() {
    bounded(async {
        let p = pki();
        let lo: IpAddr = "127.0.0.1".parse().expect("ip");
        let policy =
            |dns: StaticReverseDns| PeerPolicy { check: PeerCheck::AnyValid, reverse_dns: Some(Arc::new(dns)) };

        let ok = start(&p, "server", |c| c.peers = policy(StaticReverseDns::new().with(lo, "Client.Localhost."))).await;
        assert_eq!(post(&p.client("client"), &ok.url, "empty").await.expect("post").status, StatusCode::OK);

        let mismatch = start(&p, "server", |c| c.peers = policy(StaticReverseDns::new().with(lo, "localhost"))).await;
        // wrong-host passes path validation as a client certificate; reverse DNS catches it.
        let reply = post(&p.client("bad/wrong-host"), &mismatch.url, "empty").await.expect("post");
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert!(String::from_utf8_lossy(&reply.body).contains("reverse DNS of 127.0.0.1"), "{:?}", reply.body);
        wait_event(&mismatch.events, "refused", |e| {
            matches!(e, ServerEvent::PeerRefused { refusal: PeerRefusal::ReverseDnsMismatch { .. }, .. })
        })
        .await;

        let missing = start(&p, "server", |c| c.peers = policy(StaticReverseDns::new())).await;
        let reply = post(&p.client("client"), &missing.url, "empty").await.expect("post");
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        wait_event(&missing.events, "refused", |e| {
            matches!(e, ServerEvent::PeerRefused { refusal: PeerRefusal::ReverseDnsFailed { .. }, .. })
        })
        .await;
        assert_eq!(mismatch.handler.calls() + missing.handler.calls(), 0);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Client behaviour

#[tokio::test]
async fn connection_refused_is_said_plainly() {
    bounded(async {
        let p = pki();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        let err = post(&p.client("client"), &format!("https://127.0.0.1:{port}/"), "empty").await.expect_err("refused");
        assert_eq!(err.to_string(), format!("could not connect to 127.0.0.1:{port}: connection refused"));
    })
    .await;
}

#[tokio::test]
async fn urls_are_checked() {
    bounded(async {
        let p = pki();
        let client = p.client("client");
        for url in ["http://127.0.0.1:1/", "127.0.0.1:1", "https://user@127.0.0.1:1/", "not a url"] {
            let err = client.post(url, "<RID/>", &[]).await.expect_err(url);
            assert!(matches!(err, TransportError::InvalidUrl { .. }), "{url}: {err}");
        }
    })
    .await;
}

#[tokio::test]
async fn request_sends_exactly_what_it_is_given() {
    bounded(async {
        let p = pki();
        let r = start(&p, "server", |_| {}).await;
        let reply = p
            .client("client")
            .request(
                "POST",
                &r.url,
                &[("content-type", "text/xml"), ("host", "rid.example:4590"), ("x-script", "echo"), ("x-extra", "1")],
                Body::Full(Bytes::from_static(b"<RID>exact</RID>")),
            )
            .await
            .expect("request");
        assert_eq!(&reply.body[..], b"<RID>exact</RID>");
        let seen = r.handler.seen();
        assert_eq!(seen[0].headers.get("host").map(|v| v.as_bytes()), Some(&b"rid.example:4590"[..]));
        assert_eq!(seen[0].headers.get("x-extra").map(|v| v.as_bytes()), Some(&b"1"[..]));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Small types

#[test]
fn callback_token_follows_the_abnf() {
    assert!(CallbackToken::new("a").is_ok());
    assert!(CallbackToken::new("!~").is_ok());
    assert!(CallbackToken::new("x".repeat(255)).is_ok());
    assert_eq!(CallbackToken::new(""), Err(InvalidCallbackToken::Empty));
    assert_eq!(CallbackToken::new("x".repeat(256)), Err(InvalidCallbackToken::TooLong { len: 256 }));
    assert_eq!(CallbackToken::new("a b"), Err(InvalidCallbackToken::NotVchar { index: 1, byte: b' ' }));
    assert_eq!(CallbackToken::new("a\tb"), Err(InvalidCallbackToken::NotVchar { index: 1, byte: b'\t' }));
    assert!(matches!(CallbackToken::new("é"), Err(InvalidCallbackToken::NotVchar { index: 0, .. })));
    assert!(matches!(CallbackToken::new("\u{7f}"), Err(InvalidCallbackToken::NotVchar { .. })));
}

#[test]
fn generated_callback_tokens_are_unique_and_valid() {
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        let t = CallbackToken::generate();
        CallbackToken::new(t.as_str()).expect("valid");
        assert!(seen.insert(t), "duplicate token");
    }
}

#[test]
fn fingerprints_round_trip() {
    let fp = Fingerprint::of(b"not really a certificate");
    let text = fp.to_string();
    assert_eq!(text.len(), 32 * 3 - 1);
    assert_eq!(text.parse::<Fingerprint>(), Ok(fp));
    assert_eq!(fp.to_hex().parse::<Fingerprint>(), Ok(fp));
    assert_eq!(format!("sha256:{}", fp.to_hex().to_uppercase()).parse::<Fingerprint>(), Ok(fp));
    assert!("abcd".parse::<Fingerprint>().is_err());
    assert!("zz".repeat(32).parse::<Fingerprint>().is_err());
}

#[test]
fn wildcard_in_a_common_name_is_refused_too() {
    let mut params = rcgen::CertificateParams::new(vec!["host.example".to_string()]).expect("params");
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, "*.example");
    let key = rcgen::KeyPair::generate().expect("key");
    let cert = params.self_signed(&key).expect("cert");
    let id = mile::transport::PeerIdentity::from_der(cert.der()).expect("parse");
    assert_eq!(id.wildcard(), Some("*.example"));
    assert_eq!(PeerCheck::AnyValid.check(&id), Err(PeerRefusal::Wildcard { id: "*.example".into() }));
}

#[test]
fn default_limits_are_bounded() {
    let l = Limits::default();
    assert_eq!(mile::transport::DEFAULT_PORT, 4590);
    assert!(l.max_connections > 0 && l.max_body_bytes > 0 && l.max_header_bytes > 0);
    for d in [l.handshake_timeout, l.header_read_timeout, l.body_read_timeout, l.idle_timeout, l.handler_timeout] {
        assert!(d > Duration::ZERO && d <= Duration::from_secs(120));
    }
}
