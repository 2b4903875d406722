//! The reference peer on loopback: every Table 1 path it takes, policy refusals, filing and
//! answering from the store, later answers by callback with retries across a restart, and the
//! answer-level fault modes seen by `mile send`'s judge.

use bytes::Bytes;
use mile::peer::config::AnswerMode;
use mile::peer::defaults;
use mile::peer::faults::{Fault, Faults};
use mile::peer::send::{SendError, SendOptions, SendOutcome, send};
use mile::peer::{RunningPeer, Settings};
use mile::transport::{TlsIdentity, TrustAnchors};
use std::path::PathBuf;
use std::time::Duration;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/valid/");

fn message(name: &str) -> Bytes {
    Bytes::from(std::fs::read(format!("{CORPUS}{name}.xml")).expect("corpus message"))
}

struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tmp");
        let data = dir.path().join("peer");
        defaults::prepare(&data, None).expect("prepare");
        Fixture { _dir: dir, data }
    }

    fn settings(&self, faults: &[Fault]) -> Settings {
        let p = defaults::prepare(&self.data, None).expect("prepare");
        let mut s = defaults::settings(&p, Faults(faults.to_vec())).expect("settings");
        s.listen = "127.0.0.1:0".parse().expect("addr");
        s.retry_base_ms = 50;
        s
    }

    fn certs(&self) -> PathBuf {
        self.data.join("certs")
    }

    fn opts(&self, peer: &RunningPeer) -> SendOptions {
        let c = self.certs();
        SendOptions {
            to: format!("https://127.0.0.1:{}/", peer.addr.port()),
            identity: TlsIdentity::load(c.join("client.crt"), c.join("client.key")).expect("identity"),
            anchors: TrustAnchors::load(c.join("ca.crt")).expect("anchors"),
            validate: true,
            listen: None,
            wait: Duration::from_secs(5),
            store: None,
            faults: Vec::new(),
        }
    }
}

fn owed_states(peer: &RunningPeer) -> Vec<(String, u32, String)> {
    peer.store.callbacks(None).expect("callbacks").into_iter().map(|c| (c.state, c.attempts, c.last_error)).collect()
}

/// Options for a sender that also listens for the later answer: its certificate must be valid
/// for a TLS server too (the peer connects to it), so it uses the PKI's server identity.
fn listening_opts(fx: &Fixture, peer: &RunningPeer, port: u16) -> SendOptions {
    let c = fx.certs();
    let mut o = fx.opts(peer);
    o.identity = TlsIdentity::load(c.join("server.crt"), c.join("server.key")).expect("identity");
    o.listen = Some(format!("127.0.0.1:{port}").parse().expect("addr"));
    o
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn findings(o: &SendOutcome) -> Vec<&'static str> {
    o.all_findings().iter().map(|f| f.req).collect()
}

async fn exchange(fx: &Fixture, peer: &RunningPeer, name: &str) -> SendOutcome {
    send(name, message(name), &fx.opts(peer)).await.expect("sent")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synchronous_answers_follow_table_1() {
    let fx = Fixture::new();
    let peer = mile::peer::start(fx.settings(&[])).await.expect("start");
    for (name, status, answer) in [
        ("flow-1-investigation-request", 200, Some("Result")),
        ("flow-12-trace-request", 200, Some("Result")),
        ("flow-7-query", 200, Some("Report")),
        ("flow-10-report", 200, None),
    ] {
        let o = exchange(&fx, &peer, name).await;
        assert_eq!(o.reply.status.as_u16(), status, "{name}");
        assert!(o.conforms(), "{name}: {:?}", o.all_findings());
        let got = o.answer.as_ref().and_then(|r| r.kind).map(|_| ());
        assert_eq!(got.is_some(), answer.is_some(), "{name}");
        if let Some(t) = answer {
            let body = String::from_utf8_lossy(&o.reply.body).to_string();
            assert!(body.contains(&format!("MsgType=\"{t}\"")), "{name}: {body}");
        }
    }
    let (ins, outs) = peer.store.counts().expect("counts");
    assert_eq!((ins, outs), (4, 3));
    peer.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_message_gets_400_and_is_kept_with_its_diagnostics() {
    let fx = Fixture::new();
    let peer = mile::peer::start(fx.settings(&[])).await.expect("start");
    let bad = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/invalid/"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "xml"))
        .expect("an invalid message");
    let mut opts = fx.opts(&peer);
    opts.validate = false;
    let o = send("bad", Bytes::from(std::fs::read(&bad).expect("read")), &opts).await.expect("sent");
    assert_eq!(o.reply.status.as_u16(), 400, "{}", String::from_utf8_lossy(&o.reply.body));
    assert!(o.conforms(), "a 4xx is the conforming answer: {:?}", o.all_findings());
    let rows = peer.store.messages(None, 10).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].message.verdict, "invalid");
    assert!(rows[0].message.diagnostics.contains("RFC"), "{}", rows[0].message.diagnostics);
    // Refused before sending when validation is on.
    let err = send("bad", Bytes::from(std::fs::read(&bad).expect("read")), &fx.opts(&peer)).await;
    assert!(matches!(err, Err(SendError::Invalid(_))));
    peer.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filed_report_answers_a_later_query() {
    let fx = Fixture::new();
    let peer = mile::peer::start(fx.settings(&[])).await.expect("start");
    let report = String::from_utf8_lossy(&message("flow-10-report")).to_string();
    let query = String::from_utf8_lossy(&message("flow-7-query")).to_string();
    // Ask about the incident the Report carries.
    let id = between(&report, "<iodef:IncidentID", "</iodef:IncidentID>");
    let qid = between(&query, "<iodef:IncidentID", "</iodef:IncidentID>");
    let query = query.replace(&qid, &id);
    let before = send("q", Bytes::from(query.clone()), &fx.opts(&peer)).await.expect("query");
    assert!(before.conforms(), "{:?}", before.all_findings());
    let held_before = String::from_utf8_lossy(&before.reply.body).matches("<iodef:Incident ").count();
    let filed = send("r", Bytes::from(report), &fx.opts(&peer)).await.expect("report");
    assert_eq!(filed.reply.status.as_u16(), 200);
    let after = send("q", Bytes::from(query), &fx.opts(&peer)).await.expect("query");
    assert!(after.conforms(), "{:?}", after.all_findings());
    let held_after = String::from_utf8_lossy(&after.reply.body).matches("<iodef:Incident ").count();
    assert_eq!(held_after, held_before + 1, "{}", String::from_utf8_lossy(&after.reply.body));
    peer.shutdown().await;
}

fn between(s: &str, start: &str, end: &str) -> String {
    let a = s.find(start).expect("start");
    let b = s[a..].find(end).expect("end") + a + end.len();
    s[a..b].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_refusals_are_acknowledgements_with_a_justification() {
    let fx = Fixture::new();
    let mut s = fx.settings(&[]);
    for k in &mut s.known {
        k.policy.msg_types = vec!["Report".into()];
    }
    let peer = mile::peer::start(s).await.expect("start");
    let o = exchange(&fx, &peer, "flow-1-investigation-request").await;
    assert_eq!(o.reply.status.as_u16(), 200);
    assert!(o.conforms(), "{:?}", o.all_findings());
    let body = String::from_utf8_lossy(&o.reply.body);
    assert!(body.contains("MsgType=\"Acknowledgement\""), "{body}");
    assert!(body.contains("AuthorizationStatus=\"Denied\""), "{body}");
    assert!(body.contains("Justification="), "{body}");
    peer.shutdown().await;
    // The same peer with the ignore-policy fault processes it.
    let mut s = fx.settings(&[Fault::IgnorePolicy]);
    for k in &mut s.known {
        k.policy.msg_types = vec!["Report".into()];
    }
    let peer = mile::peer::start(s).await.expect("start");
    let o = exchange(&fx, &peer, "flow-1-investigation-request").await;
    assert!(String::from_utf8_lossy(&o.reply.body).contains("MsgType=\"Result\""));
    peer.shutdown().await;
}

fn async_settings(fx: &Fixture, faults: &[Fault], callback_port: u16) -> Settings {
    let mut s = fx.settings(faults);
    s.answers.investigation = AnswerMode::Async;
    s.answers.query = AnswerMode::Async;
    for k in &mut s.known {
        k.callback = Some(format!("https://127.0.0.1:{callback_port}/"));
    }
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_then_answered_by_callback_with_the_token() {
    let fx = Fixture::new();
    let port = free_port();
    let peer = mile::peer::start(async_settings(&fx, &[], port)).await.expect("start");
    let opts = listening_opts(&fx, &peer, port);
    for name in ["flow-1-investigation-request", "flow-7-query"] {
        let o = send(name, message(name), &opts).await.expect("sent");
        assert_eq!(o.reply.status.as_u16(), 202, "{name}");
        assert!(o.reply.body.is_empty());
        let cb = o.callback.as_ref().expect("the later answer arrived");
        assert_eq!(cb.token.as_deref(), o.reply.callback_token());
        assert!(o.conforms(), "{name}: {:?}", o.all_findings());
    }
    peer.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_owed_survives_a_restart_and_is_retried_until_delivered() {
    let fx = Fixture::new();
    let port = free_port();
    let peer = mile::peer::start(async_settings(&fx, &[], port)).await.expect("start");
    // Nobody listens: the answer stays owed.
    let o = exchange(&fx, &peer, "flow-1-investigation-request").await;
    assert_eq!(o.reply.status.as_u16(), 202);
    let token = o.reply.callback_token().expect("token").to_string();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let owed = peer.store.callbacks(None).expect("callbacks");
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].state, "pending");
    assert!(owed[0].attempts >= 1, "retried: {:?}", owed_states(&peer));
    peer.shutdown().await;
    // Start a listener, then restart the peer: it resumes and delivers.
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    let handler = mile::transport::handler_fn(move |req: mile::transport::RidRequest| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(req.callback_token().map(str::to_string)).await;
            mile::transport::RidResponse::Empty
        }
    });
    let c = fx.certs();
    let config = mile::transport::ServerConfig {
        tls: mile::transport::ServerTls::new(
            TlsIdentity::load(c.join("server.crt"), c.join("server.key")).expect("id"),
            TrustAnchors::load(c.join("ca.crt")).expect("ca"),
        ),
        peers: mile::transport::PeerPolicy { check: mile::transport::PeerCheck::AnyValid, reverse_dns: None },
        limits: Default::default(),
        observer: None,
        quirks: Default::default(),
    };
    let listener = mile::transport::Server::bind(format!("127.0.0.1:{port}").parse().expect("addr"), config, handler)
        .await
        .expect("listen");
    let peer = mile::peer::start(async_settings(&fx, &[], port)).await.expect("restart");
    let got = tokio::time::timeout(Duration::from_secs(10), rx.recv()).await;
    let got = got.unwrap_or_else(|_| panic!("not delivered: {:?}", owed_states(&peer)));
    assert_eq!(got.flatten().as_deref(), Some(token.as_str()));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let owed = peer.store.callbacks(None).expect("callbacks");
    assert_eq!(owed[0].state, "delivered", "{:?}", owed_states(&peer));
    peer.shutdown().await;
    let _ = listener.shutdown().await;
}

/// Answer-level faults, as `mile send` judges them: each is reported under its requirement.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_faults_are_caught_by_the_judge() {
    let fx = Fixture::new();
    for (fault, name, req) in [
        (Fault::WrongAnswerType, "flow-1-investigation-request", "RFC6545-6.1-request-answers"),
        (Fault::InvalidAnswer, "flow-1-investigation-request", "RFC6545-7-schema-valid"),
        (Fault::WrongIncident, "flow-1-investigation-request", "RFC6545-7-answer-incidentid"),
        (Fault::WrongStatus, "flow-10-report", "RFC6546-3-table1"),
    ] {
        let peer = mile::peer::start(fx.settings(&[fault])).await.expect("start");
        let o = exchange(&fx, &peer, name).await;
        assert!(!o.conforms(), "{fault:?}");
        assert!(findings(&o).contains(&req), "{fault:?}: {:?}", o.all_findings());
        peer.shutdown().await;
    }
    // A promised answer that never comes.
    let port = free_port();
    let peer = mile::peer::start(async_settings(&fx, &[Fault::NoCallback], port)).await.expect("start");
    let mut opts = listening_opts(&fx, &peer, port);
    opts.wait = Duration::from_millis(800);
    let o = send("q", message("flow-7-query"), &opts).await.expect("sent");
    assert_eq!(findings(&o), vec!["RFC6546-3-answered"]);
    peer.shutdown().await;
}

/// `mile send --data` records the exchange; the peer then files the callback under it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_records_in_a_store() {
    let fx = Fixture::new();
    let peer = mile::peer::start(fx.settings(&[])).await.expect("start");
    let other = tempfile::tempdir().expect("tmp");
    let store = mile::peer::store::SqliteStore::open(&other.path().join("s.sqlite")).expect("store");
    let mut opts = fx.opts(&peer);
    opts.store = Some(std::sync::Arc::new(store));
    let o = send("q", message("flow-7-query"), &opts).await.expect("sent");
    assert!(o.conforms());
    let store = opts.store.take().expect("store");
    let rows = store.messages(None, 10).expect("rows");
    let kinds: Vec<(String, String)> =
        rows.iter().map(|r| (format!("{:?}", r.message.direction), r.message.msg_type.clone())).collect();
    assert_eq!(kinds, vec![("Out".into(), "Query".into()), ("In".into(), "Report".into())]);
    assert_eq!(rows[0].message.exchange, rows[1].message.exchange);
    peer.shutdown().await;
}
