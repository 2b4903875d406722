//! The test PKI: files, names, SANs, EKUs, validity, issuers; each broken certificate is broken in
//! exactly its one way and otherwise like `server.crt`.

use mile::pki::{KeyAlgorithm, PkiError, PkiFileKind, PkiOptions, generate, sha256_text};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::Path;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate};

const DAY: i64 = 24 * 3600;

fn now() -> i64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock after 1970");
    i64::try_from(d.as_secs()).expect("fits")
}

fn der(path: &Path) -> CertificateDer<'static> {
    CertificateDer::from_pem_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Validity {
    Current,
    Expired,
    NotYetValid,
}

/// What a certificate is, in the terms the PKI promises.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Profile {
    dns: BTreeSet<String>,
    ips: BTreeSet<IpAddr>,
    server_auth: bool,
    client_auth: bool,
    validity: Validity,
    issuer: String,
    is_ca: bool,
}

struct Parsed {
    profile: Profile,
    subject: String,
    not_before: i64,
    not_after: i64,
    ski: Option<Vec<u8>>,
    aki: Option<Vec<u8>>,
    sig_oid: String,
    key_cert_sign: bool,
}

fn parse(path: &Path) -> Parsed {
    let der = der(path);
    let (_, c) = X509Certificate::from_der(der.as_ref()).expect("parses");
    let mut dns = BTreeSet::new();
    let mut ips = BTreeSet::new();
    if let Some(san) = c.subject_alternative_name().expect("SAN extension well-formed") {
        for n in &san.value.general_names {
            match n {
                GeneralName::DNSName(d) => {
                    dns.insert(d.to_string());
                }
                GeneralName::IPAddress(b) => {
                    let ip = match b.len() {
                        4 => IpAddr::from(<[u8; 4]>::try_from(*b).expect("4")),
                        16 => IpAddr::from(<[u8; 16]>::try_from(*b).expect("16")),
                        n => panic!("IP SAN of {n} bytes"),
                    };
                    ips.insert(ip);
                }
                other => panic!("unexpected SAN {other:?}"),
            }
        }
    }
    let (server_auth, client_auth) = match c.extended_key_usage().expect("EKU well-formed") {
        Some(e) => (e.value.server_auth, e.value.client_auth),
        None => (false, false),
    };
    let not_before = c.validity().not_before.timestamp();
    let not_after = c.validity().not_after.timestamp();
    let t = now();
    let validity = if t > not_after {
        Validity::Expired
    } else if t < not_before {
        Validity::NotYetValid
    } else {
        Validity::Current
    };
    let mut ski = None;
    let mut aki = None;
    for ext in c.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(k) => ski = Some(k.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(a) => aki = a.key_identifier.as_ref().map(|k| k.0.to_vec()),
            _ => {}
        }
    }
    let key_cert_sign = c.key_usage().ok().flatten().is_some_and(|k| k.value.key_cert_sign());
    Parsed {
        profile: Profile {
            dns,
            ips,
            server_auth,
            client_auth,
            validity,
            issuer: c.issuer().to_string(),
            is_ca: c.is_ca(),
        },
        subject: c.subject().to_string(),
        not_before,
        not_after,
        ski,
        aki,
        sig_oid: c.signature_algorithm.algorithm.to_id_string(),
        key_cert_sign,
    }
}

fn set<T: Ord + Clone>(items: &[T]) -> BTreeSet<T> {
    items.iter().cloned().collect()
}

fn ip(s: &str) -> IpAddr {
    s.parse().expect("ip")
}

fn make(peers: &[&str]) -> (tempfile::TempDir, mile::pki::PkiSummary) {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = PkiOptions {
        out: dir.path().join("pki"),
        peers: peers.iter().map(|s| s.to_string()).collect(),
        key: KeyAlgorithm::default(),
    };
    let summary = generate(&opts).expect("generate");
    (dir, summary)
}

#[test]
fn writes_every_file_with_stable_names() {
    let (_dir, s) = make(&["a", "b"]);
    let names: BTreeSet<&str> = s.files.iter().map(|f| f.name.as_str()).collect();
    let mut want = BTreeSet::new();
    for stem in [
        "ca",
        "server",
        "client",
        "peer-a",
        "peer-b",
        "bad/expired",
        "bad/not-yet-valid",
        "bad/unknown-ca",
        "bad/self-signed",
        "bad/wrong-host",
        "bad/wildcard",
        "bad/no-client-auth",
        "bad/no-dns-id",
    ] {
        want.insert(format!("{stem}.crt"));
        want.insert(format!("{stem}.key"));
    }
    want.insert("bad/unknown-ca-root.crt".to_string());
    assert_eq!(names, want.iter().map(String::as_str).collect());
    for f in &s.files {
        let path = s.path(&f.name);
        let text = std::fs::read_to_string(&path).expect("readable");
        match f.kind {
            PkiFileKind::Certificate => {
                assert!(f.name.ends_with(".crt"), "{}", f.name);
                assert!(text.starts_with("-----BEGIN CERTIFICATE-----"), "{}", f.name);
                assert_eq!(f.sha256.as_deref(), Some(sha256_text(der(&path).as_ref()).as_str()), "{}", f.name);
            }
            PkiFileKind::PrivateKey => {
                assert!(f.name.ends_with(".key"), "{}", f.name);
                assert!(text.starts_with("-----BEGIN PRIVATE KEY-----"), "{}", f.name);
                assert!(f.sha256.is_none());
            }
        }
        assert!(!f.purpose.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn keys_are_owner_only_even_when_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_path_buf();
    std::fs::write(out.join("server.key"), "old").expect("write");
    std::fs::set_permissions(out.join("server.key"), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let s = generate(&PkiOptions { out, peers: vec![], key: KeyAlgorithm::default() }).expect("generate");
    for f in &s.files {
        let mode = std::fs::metadata(s.path(&f.name)).expect("stat").permissions().mode() & 0o777;
        match f.kind {
            PkiFileKind::PrivateKey => assert_eq!(mode, 0o600, "{}", f.name),
            PkiFileKind::Certificate => assert_ne!(mode & 0o400, 0, "{}", f.name),
        }
    }
    assert!(std::fs::read_to_string(s.path("server.key")).expect("read").contains("PRIVATE KEY"));
}

#[test]
fn ca_is_a_ca_and_signs_the_good_certificates() {
    let (_dir, s) = make(&["a"]);
    let ca = parse(&s.path("ca.crt"));
    assert!(ca.profile.is_ca);
    assert!(ca.key_cert_sign);
    assert_eq!(ca.profile.issuer, ca.subject, "self-issued");
    assert_eq!(ca.profile.validity, Validity::Current);
    for stem in ["server", "client", "peer-a"] {
        let leaf = parse(&s.path(&format!("{stem}.crt")));
        assert_eq!(leaf.profile.issuer, ca.subject, "{stem}");
        assert!(leaf.aki.is_some() && leaf.aki == ca.ski, "{stem}: AKI must name the CA key");
        assert!(!leaf.profile.is_ca, "{stem}");
        assert_eq!(leaf.profile.validity, Validity::Current, "{stem}");
        assert!(leaf.not_after - leaf.not_before > 300 * DAY, "{stem}: long enough to be useful");
    }
}

fn baseline(ca_subject: &str) -> Profile {
    Profile {
        dns: set(&["localhost".to_string()]),
        ips: set(&[ip("127.0.0.1"), ip("::1")]),
        server_auth: true,
        client_auth: true,
        validity: Validity::Current,
        issuer: ca_subject.to_string(),
        is_ca: false,
    }
}

#[test]
fn good_identities_have_the_promised_names_and_usages() {
    let (_dir, s) = make(&["a", "b"]);
    let ca = parse(&s.path("ca.crt")).subject;
    assert_eq!(parse(&s.path("server.crt")).profile, baseline(&ca));
    let client = Profile {
        dns: set(&["client.localhost".to_string(), "localhost".to_string()]),
        ips: set(&[ip("127.0.0.1")]),
        server_auth: false,
        ..baseline(&ca)
    };
    assert_eq!(parse(&s.path("client.crt")).profile, client);
    for p in ["a", "b"] {
        let want = Profile { dns: set(&[format!("{p}.localhost"), "localhost".to_string()]), ..baseline(&ca) };
        assert_eq!(parse(&s.path(&format!("peer-{p}.crt"))).profile, want, "peer-{p}");
    }
    // Identities are DNS-IDs; no subject CN looks like a host name (CN-IDs are not recommended).
    // (bad/no-dns-id is the one exception: its defect is a CN-ID instead of a DNS-ID.)
    for f in s.files.iter().filter(|f| f.kind == PkiFileKind::Certificate && f.name != "bad/no-dns-id.crt") {
        let subject = parse(&s.path(&f.name)).subject;
        assert!(subject.contains("CN=mile "), "{}: {subject}", f.name);
    }
}

#[test]
fn each_bad_certificate_is_bad_in_exactly_its_way() {
    let (_dir, s) = make(&[]);
    let ca = parse(&s.path("ca.crt")).subject;
    let rogue = parse(&s.path("bad/unknown-ca-root.crt"));
    let base = baseline(&ca);
    let t = now();

    let expired = parse(&s.path("bad/expired.crt"));
    assert_eq!(expired.profile, Profile { validity: Validity::Expired, ..base.clone() });
    assert!(expired.not_after < t - DAY + 60 && expired.not_after > t - 2 * DAY, "ended yesterday");

    let nyv = parse(&s.path("bad/not-yet-valid.crt"));
    assert_eq!(nyv.profile, Profile { validity: Validity::NotYetValid, ..base.clone() });
    assert!(nyv.not_before > t + DAY - 60 && nyv.not_before < t + 2 * DAY, "starts tomorrow");

    assert!(rogue.profile.is_ca && rogue.key_cert_sign);
    assert_ne!(rogue.subject, ca);
    let unknown = parse(&s.path("bad/unknown-ca.crt"));
    assert_eq!(unknown.profile, Profile { issuer: rogue.subject.clone(), ..base.clone() });
    assert!(unknown.aki.is_some() && unknown.aki == rogue.ski);

    let selfsigned = parse(&s.path("bad/self-signed.crt"));
    assert_eq!(selfsigned.profile, Profile { issuer: selfsigned.subject.clone(), ..base.clone() });

    let wrong = parse(&s.path("bad/wrong-host.crt"));
    assert_eq!(
        wrong.profile,
        Profile { dns: set(&["wrong.example".to_string()]), ips: BTreeSet::new(), ..base.clone() }
    );

    let wild = parse(&s.path("bad/wildcard.crt"));
    let mut dns = base.dns.clone();
    dns.insert("*.localhost".to_string());
    assert_eq!(wild.profile, Profile { dns, ..base.clone() });

    let noclient = parse(&s.path("bad/no-client-auth.crt"));
    assert_eq!(noclient.profile, Profile { client_auth: false, ..base.clone() });

    let nodns = parse(&s.path("bad/no-dns-id.crt"));
    assert_eq!(nodns.profile, Profile { dns: BTreeSet::new(), ..base.clone() });
    assert!(nodns.subject.ends_with("CN=localhost"), "{}", nodns.subject);
}

#[test]
fn key_algorithms_that_ring_can_generate() {
    for (alg, oid) in [
        (KeyAlgorithm::EcdsaP256, "1.2.840.10045.4.3.2"),
        (KeyAlgorithm::EcdsaP384, "1.2.840.10045.4.3.3"),
        (KeyAlgorithm::Ed25519, "1.3.101.112"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let s = generate(&PkiOptions { out: dir.path().to_path_buf(), peers: vec![], key: alg }).expect("generate");
        assert_eq!(s.key, alg);
        for name in ["ca.crt", "server.crt", "bad/self-signed.crt"] {
            assert_eq!(parse(&s.path(name)).sig_oid, oid, "{alg} {name}");
        }
    }
}

/// RSA on request: keys from the `rsa` crate, certificates signed with PKCS#1 v1.5 SHA-256, and a
/// mutual-TLS exchange with the reference peer running on that PKI.
#[test]
fn rsa_on_request_and_it_works_for_mutual_tls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let certs = dir.path().join("certs");
    let s = generate(&PkiOptions { out: certs.clone(), peers: vec![], key: KeyAlgorithm::Rsa2048 }).expect("generate");
    for name in ["ca.crt", "server.crt", "client.crt", "bad/self-signed.crt"] {
        assert_eq!(parse(&s.path(name)).sig_oid, "1.2.840.113549.1.1.11", "{name}");
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let data = dir.path().join("peer");
        let prepared = mile::peer::defaults::prepare(&data, Some(&certs)).expect("prepare");
        let mut settings =
            mile::peer::defaults::settings(&prepared, Default::default()).expect("settings from the RSA PKI");
        settings.listen = "127.0.0.1:0".parse().expect("addr");
        let peer = mile::peer::start(settings).await.expect("peer");
        let opts = mile::peer::send::SendOptions {
            to: format!("https://127.0.0.1:{}/", peer.addr.port()),
            identity: mile::transport::TlsIdentity::load(certs.join("client.crt"), certs.join("client.key"))
                .expect("identity"),
            anchors: mile::transport::TrustAnchors::load(certs.join("ca.crt")).expect("anchors"),
            validate: true,
            listen: None,
            wait: std::time::Duration::from_secs(5),
            store: None,
            faults: Vec::new(),
        };
        let body =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/rid/valid/flow-7-query.xml")).expect("message");
        let o = mile::peer::send::send("q", body.into(), &opts).await.expect("an RSA handshake");
        assert!(o.conforms(), "{:?}", o.all_findings());
        peer.shutdown().await;
    });
}

#[test]
fn refuses_unusable_peer_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (peers, why) in [
        (vec![""], "empty"),
        (vec!["-a"], "start"),
        (vec!["a_b"], "letters"),
        (vec!["a.b"], "letters"),
        (vec!["x".repeat(64).as_str()], "63"),
        (vec!["a", "A"], "twice"),
    ] {
        let opts = PkiOptions {
            out: dir.path().join("never"),
            peers: peers.iter().map(|s| s.to_string()).collect(),
            key: KeyAlgorithm::default(),
        };
        match generate(&opts) {
            Err(e @ PkiError::InvalidPeerName { .. }) => assert!(e.to_string().contains(why), "{e}"),
            other => panic!("{peers:?}: {other:?}"),
        }
        assert!(!dir.path().join("never").exists(), "nothing written for {peers:?}");
    }
}

#[test]
fn cli_writes_the_pki_and_prints_a_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("certs");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mile"))
        .args(["certs", "--out"])
        .arg(&out)
        .args(["--peers", "a,b"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8_lossy(&run.stdout);
    for name in ["ca.crt", "server.key", "peer-b.crt", "bad/unknown-ca-root.crt", "SHA-256"] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(out.join("peer-a.crt").is_file());

    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mile"))
        .args(["certs", "--out"])
        .arg(&out)
        .args(["--peers", "a_b"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("invalid peer name \"a_b\""));
}
