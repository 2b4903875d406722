//! The reference peer understands documents that use the IODEF extensions: a RID Report whose
//! carried IODEF 1.0 document uses IODEF-SCI (RFC 7203) is validated through the extension table
//! and accepted; the same Report with the SCI class in the wrong place is refused (400) citing the
//! extension's requirement, and both are stored with their verdicts.

use mile::peer::{AnswerModes, Settings, faults::Faults};
use mile::pki::{KeyAlgorithm, PkiOptions};
use mile::rid::NodeRef;
use mile::transport::{Client, ClientConfig, ClientTls, Limits, TlsIdentity, TrustAnchors};
use std::time::Duration;

fn corpus(file: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rid").join(file)).expect("corpus file")
}

#[tokio::test]
async fn peer_accepts_a_report_using_sci_and_refuses_a_misplaced_class() {
    tokio::time::timeout(Duration::from_secs(60), async {
        let dir = tempfile::tempdir().expect("temp dir");
        let opts = PkiOptions { out: dir.path().join("pki"), peers: vec![], key: KeyAlgorithm::default() };
        let pki = mile::pki::generate(&opts).expect("generate PKI");
        let identity = |stem: &str| {
            TlsIdentity::load(pki.path(&format!("{stem}.crt")), pki.path(&format!("{stem}.key"))).expect("identity")
        };
        let anchors = || TrustAnchors::load(pki.path("ca.crt")).expect("anchors");
        let settings = Settings {
            listen: "127.0.0.1:0".parse().expect("addr"),
            identity: identity("server"),
            anchors: anchors(),
            store: dir.path().join("peer.sqlite"),
            known: vec![],
            accept_any_valid_peer: true,
            answers: AnswerModes::default(),
            limits: Limits::default(),
            us: NodeRef { names: vec!["peer.example.net".into()], addresses: vec![] },
            faults: Faults::default(),
            retry_base_ms: 100,
            callback_port: mile::transport::DEFAULT_PORT,
        };
        let peer = mile::peer::start(settings).await.expect("peer starts");
        let url = format!("https://localhost:{}/", peer.addr.port());
        let client = Client::new(ClientConfig::new(ClientTls::new(identity("client"), anchors()))).expect("client");

        let ok = client.post(&url, corpus("valid/report-carrying-sci-attackpattern.xml"), &[]).await.expect("post");
        assert_eq!(ok.status.as_u16(), 200, "a Report using SCI is accepted: {:?}", ok.body);

        let bad = client
            .post(&url, corpus("invalid/report-carrying-misplaced-sci-attackpattern.xml"), &[])
            .await
            .expect("post");
        assert_eq!(bad.status.as_u16(), 400);
        let stored = peer.store.messages(None, 10).expect("messages");
        let verdicts: Vec<&str> = stored.iter().map(|m| m.message.verdict.as_str()).collect();
        assert!(verdicts.contains(&"valid") && verdicts.contains(&"invalid"), "{verdicts:?}");
        let refused = stored.iter().find(|m| m.message.verdict == "invalid").expect("the refused message is stored");
        assert!(refused.message.diagnostics.contains("RFC7203-4.5-placement"), "{}", refused.message.diagnostics);
        peer.shutdown().await;
    })
    .await
    .expect("test exceeded its bound");
}
