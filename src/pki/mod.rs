//! A ready-made test PKI for RID over HTTPS (RFC 6546): one CA, a server/peer identity, a client
//! identity, one identity per named peer, and a set of deliberately broken certificates.
//!
//! Everything is generated with rcgen's ring backend. Keys are ECDSA P-256 by default; P-384 and
//! Ed25519 are offered too. **RSA is not offered**: ring cannot generate RSA keys (rcgen answers
//! `KeyGenerationUnavailable`; only its aws-lc-rs backend can), and the project uses ring only.
//!
//! Files written by [`generate`] (names are stable; see also `certs/README.md`):
//!
//! | file | purpose |
//! |---|---|
//! | `ca.crt`, `ca.key` | the test CA (trust anchor for every good certificate) |
//! | `server.crt`, `server.key` | RID system identity: DNS localhost, IP 127.0.0.1 and ::1; EKU serverAuth + clientAuth |
//! | `client.crt`, `client.key` | client-only identity: DNS client.localhost, localhost, IP 127.0.0.1; EKU clientAuth |
//! | `peer-NAME.crt`, `peer-NAME.key` | one per `--peers` name: DNS NAME.localhost, localhost, IP 127.0.0.1 and ::1; both EKUs |
//! | `bad/expired.*` | validity ended yesterday |
//! | `bad/not-yet-valid.*` | validity starts tomorrow |
//! | `bad/unknown-ca.*` | signed by a second CA (`bad/unknown-ca-root.crt`) that is not in `ca.crt` |
//! | `bad/self-signed.*` | self-signed leaf |
//! | `bad/wrong-host.*` | only SAN is DNS wrong.example |
//! | `bad/wildcard.*` | carries the DNS-ID `*.localhost` (RFC 6546 §3 forbids wildcards) |
//! | `bad/no-client-auth.*` | EKU serverAuth only, so unusable as a client certificate |
//!
//! Apart from its one defect, every bad certificate is usable on 127.0.0.1 (same SANs and EKUs as
//! `server.crt`). Subjects carry a descriptive CN that is not a host name: identities are DNS-IDs
//! (RFC 6546 §3 does not recommend CN-IDs).

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SignatureAlgorithm,
};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Key algorithm of every key in the generated PKI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// ECDSA on P-256 with SHA-256 (the default).
    #[default]
    EcdsaP256,
    /// ECDSA on P-384 with SHA-384.
    EcdsaP384,
    /// Ed25519.
    Ed25519,
}

impl KeyAlgorithm {
    /// Every algorithm that can be generated with the ring backend.
    pub const ALL: [KeyAlgorithm; 3] = [KeyAlgorithm::EcdsaP256, KeyAlgorithm::EcdsaP384, KeyAlgorithm::Ed25519];

    /// Stable lower-case name, as used on the command line (`ecdsa-p256`, `ecdsa-p384`, `ed25519`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::EcdsaP256 => "ecdsa-p256",
            KeyAlgorithm::EcdsaP384 => "ecdsa-p384",
            KeyAlgorithm::Ed25519 => "ed25519",
        }
    }

    fn signature_algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            KeyAlgorithm::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyAlgorithm::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyAlgorithm::Ed25519 => &rcgen::PKCS_ED25519,
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to generate and where.
#[derive(Clone, Debug)]
pub struct PkiOptions {
    /// Output directory (created if missing; existing files with the same names are replaced).
    pub out: PathBuf,
    /// Extra peer names: each gives `peer-NAME.crt`/`.key` for the DNS-ID `NAME.localhost`.
    pub peers: Vec<String>,
    /// Key algorithm for every key.
    pub key: KeyAlgorithm,
}

/// Kind of a generated file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PkiFileKind {
    /// A PEM certificate.
    Certificate,
    /// A PEM PKCS#8 private key (mode 0600 on Unix).
    PrivateKey,
}

/// One generated file.
#[derive(Clone, Debug)]
pub struct PkiFile {
    /// Path relative to the output directory, with `/` separators (`bad/expired.crt`).
    pub name: String,
    /// What the file is for, in one line.
    pub purpose: String,
    /// Certificate or key.
    pub kind: PkiFileKind,
    /// SHA-256 fingerprint of the DER certificate (colon-separated upper-case hex); `None` for keys.
    pub sha256: Option<String>,
}

/// What [`generate`] wrote.
#[derive(Clone, Debug)]
pub struct PkiSummary {
    /// The output directory.
    pub dir: PathBuf,
    /// Every file written, in a stable order.
    pub files: Vec<PkiFile>,
    /// The key algorithm used.
    pub key: KeyAlgorithm,
}

impl PkiSummary {
    /// The file entry with this relative name.
    pub fn file(&self, name: &str) -> Option<&PkiFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Absolute (or `dir`-relative) path of a file by its relative name.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// Failures of the PKI generator.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PkiError {
    /// A `--peers` name cannot be used as a DNS label.
    #[error("invalid peer name {name:?}: {reason}")]
    InvalidPeerName {
        /// The name as given.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// rcgen failed to generate a key or sign a certificate.
    #[error("could not generate {what}: {source}")]
    Generate {
        /// Which item was being generated.
        what: String,
        /// rcgen's error.
        source: rcgen::Error,
    },
    /// A file or directory could not be written.
    #[error("could not write {}: {source}", path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The system clock is before 1970.
    #[error("the system clock is before 1970; cannot compute validity periods")]
    Clock,
}

/// Checks a peer name: one DNS label (ASCII letters, digits, hyphens; 1 to 63 characters; no hyphen
/// at either end).
pub fn check_peer_name(name: &str) -> Result<(), PkiError> {
    let bad = |reason| Err(PkiError::InvalidPeerName { name: name.to_string(), reason });
    if name.is_empty() {
        return bad("empty");
    }
    if name.len() > 63 {
        return bad("longer than 63 characters");
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return bad("only ASCII letters, digits and '-' are allowed");
    }
    if name.starts_with('-') || name.ends_with('-') {
        return bad("must not start or end with '-'");
    }
    Ok(())
}

/// Which EKUs a leaf carries.
#[derive(Clone, Copy)]
enum Eku {
    Both,
    ClientOnly,
    ServerOnly,
}

/// Everything about one leaf except its key and issuer.
struct LeafSpec {
    cn: String,
    sans: Vec<String>,
    eku: Eku,
    not_before_offset: i64,
    not_after_offset: i64,
}

const SERVER_SANS: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

fn sans(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn gen_err(what: &str) -> impl FnOnce(rcgen::Error) -> PkiError + '_ {
    move |source| PkiError::Generate { what: what.to_string(), source }
}

/// Generates the whole test PKI into `opts.out` and returns what was written.
pub fn generate(opts: &PkiOptions) -> Result<PkiSummary, PkiError> {
    let mut seen = std::collections::BTreeSet::new();
    for p in &opts.peers {
        check_peer_name(p)?;
        if !seen.insert(p.to_ascii_lowercase()) {
            return Err(PkiError::InvalidPeerName { name: p.clone(), reason: "given twice" });
        }
    }
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| PkiError::Clock)?.as_secs();
    let mkdir =
        |p: &Path| std::fs::create_dir_all(p).map_err(|source| PkiError::Write { path: p.to_path_buf(), source });
    mkdir(&opts.out)?;
    mkdir(&opts.out.join("bad"))?;

    let mut w = Writer { dir: opts.out.clone(), files: Vec::new() };
    let alg = opts.key.signature_algorithm();

    let ca = make_ca("mile test CA", alg, now)?;
    w.cert("ca.crt", ca.der(), ca.pem(), "test CA certificate: the trust anchor for every good certificate")?;
    w.key("ca.key", ca.key(), "test CA private key (signs server, client and peer certificates)")?;

    let good = |cn: &str, sans: Vec<String>, eku| LeafSpec {
        cn: cn.into(),
        sans,
        eku,
        not_before_offset: -1,
        not_after_offset: 365,
    };
    let server = good("mile test server", sans(&SERVER_SANS), Eku::Both);
    w.leaf(
        "server",
        &server,
        alg,
        &ca,
        now,
        "RID system identity (HTTPS server and client): DNS localhost, IP 127.0.0.1, ::1",
    )?;
    let client = good("mile test client", sans(&["client.localhost", "localhost", "127.0.0.1"]), Eku::ClientOnly);
    w.leaf(
        "client",
        &client,
        alg,
        &ca,
        now,
        "client-only identity: DNS client.localhost, localhost, IP 127.0.0.1; EKU clientAuth",
    )?;
    for p in &opts.peers {
        let spec = good(
            &format!("mile test peer {p}"),
            sans(&[&format!("{p}.localhost"), "localhost", "127.0.0.1", "::1"]),
            Eku::Both,
        );
        w.leaf(
            &format!("peer-{p}"),
            &spec,
            alg,
            &ca,
            now,
            &format!("peer {p}: DNS {p}.localhost, localhost, IP 127.0.0.1, ::1; both EKUs"),
        )?;
    }

    let bad = |cn: &str, sans: Vec<String>, eku, nb, na| LeafSpec {
        cn: cn.into(),
        sans,
        eku,
        not_before_offset: nb,
        not_after_offset: na,
    };
    let spec = bad("mile bad expired", sans(&SERVER_SANS), Eku::Both, -30, -1);
    w.leaf("bad/expired", &spec, alg, &ca, now, "BAD: validity ended yesterday")?;
    let spec = bad("mile bad not-yet-valid", sans(&SERVER_SANS), Eku::Both, 1, 31);
    w.leaf("bad/not-yet-valid", &spec, alg, &ca, now, "BAD: validity starts tomorrow")?;

    let rogue = make_ca("mile rogue CA (not trusted)", alg, now)?;
    w.cert(
        "bad/unknown-ca-root.crt",
        rogue.der(),
        rogue.pem(),
        "the second CA that signed bad/unknown-ca.crt (not in ca.crt)",
    )?;
    let spec = bad("mile bad unknown-ca", sans(&SERVER_SANS), Eku::Both, -1, 365);
    w.leaf("bad/unknown-ca", &spec, alg, &rogue, now, "BAD: signed by a CA that is not in ca.crt")?;

    let spec = bad("mile bad self-signed", sans(&SERVER_SANS), Eku::Both, -1, 365);
    let key = KeyPair::generate_for(alg).map_err(gen_err("bad/self-signed key"))?;
    let cert = leaf_params(&spec, now)?.self_signed(&key).map_err(gen_err("bad/self-signed"))?;
    w.cert("bad/self-signed.crt", cert.der(), cert.pem(), "BAD: self-signed leaf")?;
    w.key("bad/self-signed.key", &key, "key of bad/self-signed.crt")?;

    let spec = bad("mile bad wrong-host", sans(&["wrong.example"]), Eku::Both, -1, 365);
    w.leaf("bad/wrong-host", &spec, alg, &ca, now, "BAD: only SAN is DNS wrong.example")?;
    let spec = bad("mile bad wildcard", sans(&["*.localhost", "localhost", "127.0.0.1", "::1"]), Eku::Both, -1, 365);
    w.leaf("bad/wildcard", &spec, alg, &ca, now, "BAD: DNS-ID *.localhost (wildcards are forbidden by RFC 6546)")?;
    let spec = bad("mile bad no-client-auth", sans(&SERVER_SANS), Eku::ServerOnly, -1, 365);
    w.leaf("bad/no-client-auth", &spec, alg, &ca, now, "BAD as a client certificate: EKU serverAuth only")?;

    Ok(PkiSummary { dir: opts.out.clone(), files: w.files, key: opts.key })
}

/// Unix seconds of `now` moved by `days` (clamped at 1970).
fn shifted(now: u64, days: i64) -> Duration {
    let secs = i128::from(now) + i128::from(days) * i128::from(DAY.as_secs());
    Duration::from_secs(u64::try_from(secs.max(0)).unwrap_or(u64::MAX))
}

/// Sets a validity period relative to `now` (unix seconds). rcgen does not re-export the `time`
/// crate, so dates are built from the epoch plus a `std` duration rather than named by type.
fn set_validity(params: &mut CertificateParams, now: u64, not_before_days: i64, not_after_days: i64) {
    params.not_before = rcgen::date_time_ymd(1970, 1, 1) + shifted(now, not_before_days);
    params.not_after = rcgen::date_time_ymd(1970, 1, 1) + shifted(now, not_after_days);
}

fn make_ca(
    cn: &str,
    alg: &'static SignatureAlgorithm,
    now: u64,
) -> Result<CertifiedIssuer<'static, KeyPair>, PkiError> {
    let mut params = CertificateParams::default();
    params.distinguished_name = dn(cn);
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    set_validity(&mut params, now, -1, 3650);
    let key = KeyPair::generate_for(alg).map_err(gen_err(cn))?;
    CertifiedIssuer::self_signed(params, key).map_err(gen_err(cn))
}

fn dn(cn: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::OrganizationName, "mile test PKI");
    dn.push(DnType::CommonName, cn);
    dn
}

fn leaf_params(spec: &LeafSpec, now: u64) -> Result<CertificateParams, PkiError> {
    let mut params = CertificateParams::new(spec.sans.clone()).map_err(gen_err(&spec.cn))?;
    params.distinguished_name = dn(&spec.cn);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = match spec.eku {
        Eku::Both => vec![ExtendedKeyUsagePurpose::ServerAuth, ExtendedKeyUsagePurpose::ClientAuth],
        Eku::ClientOnly => vec![ExtendedKeyUsagePurpose::ClientAuth],
        Eku::ServerOnly => vec![ExtendedKeyUsagePurpose::ServerAuth],
    };
    params.use_authority_key_identifier_extension = true;
    set_validity(&mut params, now, spec.not_before_offset, spec.not_after_offset);
    Ok(params)
}

struct Writer {
    dir: PathBuf,
    files: Vec<PkiFile>,
}

impl Writer {
    fn leaf(
        &mut self,
        stem: &str,
        spec: &LeafSpec,
        alg: &'static SignatureAlgorithm,
        issuer: &Issuer<'_, KeyPair>,
        now: u64,
        purpose: &str,
    ) -> Result<(), PkiError> {
        let key = KeyPair::generate_for(alg).map_err(gen_err(stem))?;
        let cert = leaf_params(spec, now)?.signed_by(&key, issuer).map_err(gen_err(stem))?;
        self.cert(&format!("{stem}.crt"), cert.der(), cert.pem(), purpose)?;
        self.key(&format!("{stem}.key"), &key, &format!("private key of {stem}.crt"))
    }

    fn cert(&mut self, name: &str, der: &[u8], pem: String, purpose: &str) -> Result<(), PkiError> {
        self.write(name, pem.as_bytes(), false)?;
        self.files.push(PkiFile {
            name: name.into(),
            purpose: purpose.into(),
            kind: PkiFileKind::Certificate,
            sha256: Some(sha256_text(der)),
        });
        Ok(())
    }

    fn key(&mut self, name: &str, key: &KeyPair, purpose: &str) -> Result<(), PkiError> {
        self.write(name, key.serialize_pem().as_bytes(), true)?;
        self.files.push(PkiFile {
            name: name.into(),
            purpose: purpose.into(),
            kind: PkiFileKind::PrivateKey,
            sha256: None,
        });
        Ok(())
    }

    fn write(&self, name: &str, data: &[u8], secret: bool) -> Result<(), PkiError> {
        let path = self.dir.join(name);
        let err = |source| PkiError::Write { path: path.clone(), source };
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if secret {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&path).map_err(err)?;
        // The mode above only applies to new files; an existing key file is tightened here.
        #[cfg(unix)]
        if secret {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(err)?;
        }
        #[cfg(not(unix))]
        let _ = secret;
        f.write_all(data).map_err(err)?;
        f.sync_all().map_err(err)
    }
}

/// SHA-256 of DER, colon-separated upper-case hex (the form `openssl x509 -fingerprint` prints).
pub fn sha256_text(der: &[u8]) -> String {
    let d = ring::digest::digest(&ring::digest::SHA256, der);
    d.as_ref().iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}
