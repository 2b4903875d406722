//! Peer configuration: a wrong file gets one clear error per problem, with its line.

use mile::peer::config::PeerConfig;
use std::path::Path;

#[test]
fn every_problem_reported_with_its_line() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("ca.crt"), "x").expect("write");
    let text = r#"listen = "localhost"
store = "peer.db"

[identity]
cert = "missing.crt"
key = "missing.key"
trust = ["ca.crt"]
address = "not-an-ip"

[answers]
Report = "async"

[[peer]]
name = "alice"
msg_types = ["Report", "Gossip"]

[[peer]]
name = "alice"
fingerprint = "abc"
callback = "http://127.0.0.1:4590/"
"#;
    let path = dir.path().join("peer.toml");
    let err = PeerConfig::parse(text, &path).expect_err("invalid config");
    let msgs = err.0.join("\n");
    for want in [
        "peer.toml:5: certificate",
        "peer.toml:6: key",
        "peer.toml:8: address \"not-an-ip\"",
        "peer.toml:1: listen \"localhost\"",
        "peer.toml:14: peer \"alice\" needs a certificate or a fingerprint",
        "peer.toml:15: unknown message type \"Gossip\"",
        "peer.toml:18: peer \"alice\" is defined twice",
        "peer.toml:19: fingerprint must be 64",
        "peer.toml:20: callback \"http://127.0.0.1:4590/\" must be an https:// URL",
        "peer.toml:11: Report cannot be answered Async",
    ] {
        assert!(msgs.contains(want), "missing {want:?} in:\n{msgs}");
    }
    assert_eq!(err.0.len(), 10, "{msgs}");
}

#[test]
fn syntax_error_has_its_line() {
    let err = PeerConfig::parse("store = \"a\"\n[identity\n", Path::new("p.toml")).expect_err("syntax");
    assert!(err.0[0].starts_with("p.toml:2:"), "{:?}", err.0);
}
