//! Load on the reference peer: 64 concurrent mutual-TLS connections with keep-alive, each
//! POSTing valid RID Reports (every one distinct, so none is deduplicated away) as fast as the
//! answers come. Measured in the same run against a baseline:
//! - a bare hyper + rustls server with the same TLS settings (client certificates required and
//!   verified) that answers 200 after reading the body, doing nothing with it; and
//! - the reference peer, which validates every message, applies policy and commits it durably
//!   (SQLite WAL, synchronous=FULL, group commit) before answering.
//!
//! Run with `cargo bench --bench peer_load` (release). `MILE_BENCH_SECS` sets the duration of
//! each run (default 5), `MILE_BENCH_CONNS` the connection count (default 64). The store lives
//! under `target/` (a real disk, not a tmpfs) so that its fsyncs cost what they cost. On Linux
//! the run also reports what the peer wrote to storage, per second and per message (from
//! /proc/self/io): on a small machine the disk's bandwidth is one of the peer's limits.

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use mile::peer::defaults;
use mile::peer::faults::Faults;
use mile::transport::{Client, ClientConfig, ClientTls, PeerCheck, ServerTls, TlsIdentity, TrustAnchors};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

struct Run {
    name: &'static str,
    ok: u64,
    errors: u64,
    secs: f64,
    latencies_us: Vec<u64>,
}

impl Run {
    fn rate(&self) -> f64 {
        self.ok as f64 / self.secs
    }
    fn pct(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let i = ((self.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        self.latencies_us[i] as f64 / 1000.0
    }
}

/// The baseline: hyper + rustls, client certificates required, 200 with an empty body.
async fn bare_server(tls: Arc<rustls::ServerConfig>, stop: Arc<AtomicBool>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    tokio::spawn(async move {
        while !stop.load(Ordering::Relaxed) {
            let Ok((tcp, _)) = listener.accept().await else { continue };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else { return };
                let svc = service_fn(|req: hyper::Request<hyper::body::Incoming>| async move {
                    // Read and drop the body: hyper keeps a connection alive only when the
                    // request body has been consumed.
                    let _ = req.into_body().collect().await;
                    Ok::<_, std::convert::Infallible>(hyper::Response::new(Empty::<Bytes>::new()))
                });
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(tls), svc).await;
            });
        }
    });
    addr
}

async fn load(name: &'static str, url: String, tls: ClientTls, template: Arc<String>, conns: usize, secs: u64) -> Run {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..conns {
        let client = Client::new(ClientConfig::new(tls.clone())).expect("client");
        let url = url.clone();
        let template = template.clone();
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors, mut lat) = (0u64, 0u64, Vec::new());
            let mut i = 0u64;
            while Instant::now() < deadline {
                let body = template.replace(">CSX-2026-0310<", &format!(">LOAD-{name}-{c}-{i}<"));
                i += 1;
                let t = Instant::now();
                match client.post(&url, Bytes::from(body), &[]).await {
                    Ok(r) if r.status.as_u16() == 200 => {
                        ok += 1;
                        lat.push(t.elapsed().as_micros() as u64);
                    }
                    _ => errors += 1,
                }
            }
            (ok, errors, lat)
        }));
    }
    let mut run = Run { name, ok: 0, errors: 0, secs: 0.0, latencies_us: Vec::new() };
    for t in tasks {
        let (ok, errors, lat) = t.await.expect("task");
        run.ok += ok;
        run.errors += errors;
        run.latencies_us.extend(lat);
    }
    run.secs = started.elapsed().as_secs_f64();
    run.latencies_us.sort_unstable();
    run
}

/// Bytes this process has caused to be written to storage so far (Linux: `write_bytes` of
/// /proc/self/io); `None` where that is not known.
fn storage_writes() -> Option<u64> {
    let io = std::fs::read_to_string("/proc/self/io").ok()?;
    io.lines().find_map(|l| l.strip_prefix("write_bytes:")).and_then(|v| v.trim().parse().ok())
}

fn main() {
    let secs: u64 = std::env::var("MILE_BENCH_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let conns: usize = std::env::var("MILE_BENCH_CONNS").ok().and_then(|s| s.parse().ok()).unwrap_or(64);
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root.join("target")).expect("target dir");
    let dir = tempfile::tempdir_in(root.join("target")).expect("tmp");
    let data = dir.path().join("peer");
    let prepared = defaults::prepare(&data, None).expect("prepare");
    let certs = prepared.certs.clone();
    let template =
        Arc::new(std::fs::read_to_string(root.join("corpus/rid/valid/flow-10-report.xml")).expect("report template"));
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    mile::transport::install_crypto_provider();
    let id = |c: &str, k: &str| TlsIdentity::load(certs.join(c), certs.join(k)).expect("identity");
    let anchors = TrustAnchors::load(certs.join("ca.crt")).expect("anchors");
    let client_tls = ClientTls::new(id("client.crt", "client.key"), anchors.clone());
    println!(
        "peer load: {conns} connections, keep-alive, mutual TLS, {}-byte RID Reports, {secs} s per server, {} cores",
        template.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let (bare, peer_run, stored, written) = rt.block_on(async {
        let stop = Arc::new(AtomicBool::new(false));
        let tls = ServerTls::new(id("server.crt", "server.key"), anchors.clone())
            .rustls_config(&PeerCheck::AnyValid)
            .expect("tls");
        let addr = bare_server(tls, stop.clone()).await;
        let bare = load("bare", format!("https://{addr}/"), client_tls.clone(), template.clone(), conns, secs).await;
        stop.store(true, Ordering::Relaxed);

        let mut settings = defaults::settings(&prepared, Faults::default()).expect("settings");
        settings.listen = "127.0.0.1:0".parse().expect("addr");
        settings.limits.max_connections = conns * 2;
        let peer = mile::peer::start(settings).await.expect("peer");
        let url = format!("https://{}/", peer.addr);
        let written_before = storage_writes();
        let run = load("peer", url, client_tls.clone(), template.clone(), conns, secs).await;
        let written = storage_writes().zip(written_before).map(|(after, before)| after.saturating_sub(before));
        let stored = peer.store.counts().expect("counts").0;
        peer.shutdown().await;
        (bare, run, stored, written)
    });
    println!("{:<44} {:>10} {:>9} {:>9} {:>7}", "server", "msgs/s", "p50 ms", "p99 ms", "errors");
    for r in [&bare, &peer_run] {
        let label = match r.name {
            "bare" => "bare hyper+rustls, 200 after reading (baseline)",
            _ => "mile peer: validate + policy + durable store",
        };
        println!("{label:<44} {:>10.0} {:>9.2} {:>9.2} {:>7}", r.rate(), r.pct(0.5), r.pct(0.99), r.errors);
    }
    println!(
        "ratio: the peer handles {:.1}% of the baseline's messages per second",
        100.0 * peer_run.rate() / bare.rate()
    );
    if let Some(bytes) = written.filter(|_| peer_run.ok > 0) {
        // What the store costs the disk: SQLite writes each page to the log and again to the
        // database file, and a group commit rewrites every index page it touches.
        println!(
            "storage writes during the peer run: {:.0} MB/s, {:.1} KB per acknowledged message",
            bytes as f64 / peer_run.secs / 1e6,
            bytes as f64 / peer_run.ok as f64 / 1e3
        );
    }
    let lost = peer_run.ok.saturating_sub(stored);
    println!("acknowledged {} messages, {} in the store, {} lost", peer_run.ok, stored, lost);
    if lost > 0 {
        std::process::exit(1);
    }
}
