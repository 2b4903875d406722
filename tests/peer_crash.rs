//! Nothing acknowledged is lost: the `mile peer` process is killed with SIGKILL at arbitrary
//! moments while clients send Reports concurrently; after each restart every message that got a
//! success status is in the store, none is stored twice, and a later answer still owed at the
//! crash is delivered by the restarted peer.

#![cfg(unix)]

use bytes::Bytes;
use mile::peer::defaults;
use mile::transport::{Client, ClientConfig, ClientTls, TlsIdentity, TrustAnchors};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROUNDS: usize = 4;
const SENDERS: usize = 16;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Start `mile peer` on `data` and wait for its ready line.
fn start_peer(data: &Path, port: u16) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mile"))
        .args(["peer", "--data"])
        .arg(data)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .env("MILE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn mile peer");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        assert!(Instant::now() < deadline, "mile peer did not become ready");
        match lines.next() {
            Some(Ok(l)) if l.starts_with("mile peer ready") => break,
            Some(_) => {}
            None => panic!("mile peer exited before it was ready"),
        }
    }
    // Keep draining stdout so the peer never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    child
}

fn kill9(child: &mut Child) {
    let _ = Command::new("kill").args(["-9", &child.id().to_string()]).status();
    let _ = child.wait();
}

/// A pseudo-random delay in [lo, hi) milliseconds (no need for a real generator here).
fn jitter(lo: u64, hi: u64, salt: u64) -> Duration {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let x = (u64::from(nanos) ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)) % (hi - lo);
    Duration::from_millis(lo + x)
}

#[test]
fn sigkill_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("peer");
    let prepared = defaults::prepare(&data, None).expect("prepare");
    let certs = prepared.certs.clone();
    let template = String::from_utf8(
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/valid/flow-10-report.xml")).expect("report"),
    )
    .expect("utf-8");
    assert!(template.contains(">CSX-2026-0310<"));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    mile::transport::install_crypto_provider();
    let tls = ClientTls::new(
        TlsIdentity::load(certs.join("client.crt"), certs.join("client.key")).expect("id"),
        TrustAnchors::load(certs.join("ca.crt")).expect("ca"),
    );
    // incident value -> acknowledged?
    let acked: Arc<Mutex<BTreeMap<String, bool>>> = Arc::default();
    let port = free_port();
    for round in 0..ROUNDS {
        let mut child = start_peer(&data, port);
        let url = format!("https://127.0.0.1:{port}/");
        let stop_at = Instant::now() + jitter(150, 600, round as u64);
        rt.block_on(async {
            let mut tasks = Vec::new();
            for s in 0..SENDERS {
                let client = Client::new(ClientConfig::new(tls.clone())).expect("client");
                let acked = acked.clone();
                let template = template.clone();
                let url = url.clone();
                tasks.push(tokio::spawn(async move {
                    let mut i = 0;
                    // Until the peer dies (errors) or a bound is reached.
                    while i < 500 {
                        let id = format!("CRASH-{round}-{s}-{i}");
                        let body = template.replace(">CSX-2026-0310<", &format!(">{id}<"));
                        acked.lock().expect("lock").insert(id.clone(), false);
                        match client.post(&url, Bytes::from(body), &[]).await {
                            Ok(r) if r.status.as_u16() == 200 => {
                                acked.lock().expect("lock").insert(id, true);
                            }
                            Ok(r) => panic!("unexpected status {} for a valid Report", r.status),
                            Err(_) => break,
                        }
                        i += 1;
                    }
                }));
            }
            tokio::time::sleep_until(stop_at.into()).await;
            kill9(&mut child);
            for t in tasks {
                t.await.expect("sender");
            }
        });
    }
    // Restart once more, cleanly, and read the store.
    let mut child = start_peer(&data, port);
    kill9(&mut child);
    let store = mile::peer::store::SqliteStore::open(&data.join("store.sqlite")).expect("store");
    let rows = store.messages(None, 1_000_000).expect("rows");
    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        let value = r.message.incident.split('#').nth(1).unwrap_or("").to_string();
        *stored.entry(value).or_default() += 1;
    }
    let acked = acked.lock().expect("lock");
    let acknowledged: Vec<&String> = acked.iter().filter(|(_, ok)| **ok).map(|(k, _)| k).collect();
    let lost: Vec<&&String> = acknowledged.iter().filter(|k| !stored.contains_key(k.as_str())).collect();
    let twice: Vec<(&String, &usize)> = stored.iter().filter(|(_, n)| **n > 1).collect();
    let in_flight_kept = acked.iter().filter(|(k, ok)| !**ok && stored.contains_key(k.as_str())).count();
    println!(
        "crash test: {ROUNDS} SIGKILLs, {} sent, {} acknowledged, {} stored ({} of them never acknowledged), {} lost, {} stored twice",
        acked.len(),
        acknowledged.len(),
        stored.len(),
        in_flight_kept,
        lost.len(),
        twice.len()
    );
    assert!(acknowledged.len() >= ROUNDS * SENDERS, "too few messages went through to test anything");
    assert!(lost.is_empty(), "acknowledged but not stored: {lost:?}");
    assert!(twice.is_empty(), "stored twice: {twice:?}");
}

#[test]
fn an_owed_answer_survives_sigkill() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("peer");
    let prepared = defaults::prepare(&data, None).expect("prepare");
    let certs = prepared.certs.clone();
    let callback_port = free_port();
    // Queries answered later, to a callback address where nobody listens yet.
    let config = std::fs::read_to_string(&prepared.config).expect("config");
    let config = config.replace("Query = \"sync\"", "Query = \"async\"").replace(
        "certificate = \"certs/client.crt\"",
        &format!("certificate = \"certs/client.crt\"\ncallback = \"https://127.0.0.1:{callback_port}/\""),
    );
    std::fs::write(&prepared.config, config).expect("write config");
    let port = free_port();
    let mut child = start_peer(&data, port);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    mile::transport::install_crypto_provider();
    let id = |f: &str, k: &str| TlsIdentity::load(certs.join(f), certs.join(k)).expect("id");
    let anchors = TrustAnchors::load(certs.join("ca.crt")).expect("ca");
    let token = rt.block_on(async {
        let client = Client::new(ClientConfig::new(ClientTls::new(id("client.crt", "client.key"), anchors.clone())))
            .expect("client");
        let q = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/valid/flow-7-query.xml")).expect("q");
        let r = client.post(&format!("https://127.0.0.1:{port}/"), Bytes::from(q), &[]).await.expect("post");
        assert_eq!(r.status.as_u16(), 202);
        r.callback_token().expect("token").to_string()
    });
    std::thread::sleep(Duration::from_millis(300));
    kill9(&mut child);
    // Now listen, restart the peer: the owed answer arrives with the token.
    let got = rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::channel(4);
        let handler = mile::transport::handler_fn(move |req: mile::transport::RidRequest| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(req.callback_token().map(str::to_string)).await;
                mile::transport::RidResponse::Empty
            }
        });
        let config = mile::transport::ServerConfig {
            tls: mile::transport::ServerTls::new(id("server.crt", "server.key"), anchors.clone()),
            peers: mile::transport::PeerPolicy { check: mile::transport::PeerCheck::AnyValid, reverse_dns: None },
            limits: Default::default(),
            observer: None,
            quirks: Default::default(),
        };
        let listener =
            mile::transport::Server::bind(format!("127.0.0.1:{callback_port}").parse().expect("addr"), config, handler)
                .await
                .expect("listen");
        let mut child = start_peer(&data, port);
        let got = tokio::time::timeout(Duration::from_secs(30), rx.recv()).await;
        kill9(&mut child);
        let _ = listener.shutdown().await;
        got
    });
    assert_eq!(got.expect("delivered after the restart").flatten().as_deref(), Some(token.as_str()));
}

#[test]
fn sigterm_finishes_and_exits_zero_and_the_log_lists_the_exchange() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("peer");
    let prepared = defaults::prepare(&data, None).expect("prepare");
    let port = free_port();
    let mut child = start_peer(&data, port);
    let c = &prepared.certs;
    let send = Command::new(env!("CARGO_BIN_EXE_mile"))
        .args(["send", "--to", &format!("https://127.0.0.1:{port}/")])
        .arg("--cert")
        .arg(c.join("client.crt"))
        .arg("--key")
        .arg(c.join("client.key"))
        .arg("--ca")
        .arg(c.join("ca.crt"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/valid/flow-7-query.xml"))
        .output()
        .expect("mile send");
    let text = String::from_utf8_lossy(&send.stdout);
    assert_eq!(send.status.code(), Some(0), "{text}");
    assert!(text.contains("conforms"), "{text}");
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
    let log =
        Command::new(env!("CARGO_BIN_EXE_mile")).args(["peer", "log", "--data"]).arg(&data).output().expect("log");
    let text = String::from_utf8_lossy(&log.stdout);
    assert!(text.contains("Query") && text.contains("Report") && text.contains("2 messages"), "{text}");
    // A transport failure is exit code 2 with a plain message.
    let refused = Command::new(env!("CARGO_BIN_EXE_mile"))
        .args(["send", "--to", &format!("https://127.0.0.1:{port}/")])
        .arg("--data")
        .arg(&data)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/valid/flow-7-query.xml"))
        .output()
        .expect("mile send");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("could not connect"));
}
