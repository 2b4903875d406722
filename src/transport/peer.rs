//! Who is on the other end: the verified peer identity, the allow-list of peer certificates, the
//! wildcard ban, and the reverse-DNS check (RFC 6546 §3).

use rustls_pki_types::CertificateDer;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

use super::tls::{TlsError, read_certificates};

/// SHA-256 fingerprint of a DER certificate.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// Fingerprint of a DER-encoded certificate.
    pub fn of(der: &[u8]) -> Fingerprint {
        let d = ring::digest::digest(&ring::digest::SHA256, der);
        let mut out = [0u8; 32];
        out.copy_from_slice(d.as_ref());
        Fingerprint(out)
    }

    /// Lower-case hex without separators (64 characters).
    pub fn to_hex(&self) -> String {
        lower_hex(&self.0)
    }
}

/// Lower-case hex of some bytes, without separators.
pub(crate) fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Colon-separated upper-case hex, the form `openssl x509 -fingerprint -sha256` prints.
impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

/// The text is not 32 bytes of hex.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a SHA-256 fingerprint (want 64 hex digits, optionally separated by ':'): {0:?}")]
pub struct BadFingerprint(pub String);

/// Parses 64 hex digits, with or without `:` separators, in either case (an optional `sha256:` or
/// `SHA256=` prefix is accepted).
impl std::str::FromStr for Fingerprint {
    type Err = BadFingerprint;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadFingerprint(s.to_string());
        let t = s.trim();
        let t = t.strip_prefix("sha256:").or_else(|| t.strip_prefix("SHA256=")).unwrap_or(t);
        let digits: Vec<u8> = t.bytes().filter(|&b| b != b':').collect();
        if digits.len() != 64 {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, pair) in digits.chunks(2).enumerate() {
            let hi = hex_val(pair[0]).ok_or_else(bad)?;
            let lo = hex_val(pair[1]).ok_or_else(bad)?;
            out[i] = hi << 4 | lo;
        }
        Ok(Fingerprint(out))
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The identity of a peer whose certificate passed path validation and the peer checks, as handed
/// to the application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerIdentity {
    /// Subject distinguished name in RFC 4514 form (`CN=..., O=...`).
    pub subject: String,
    /// Common names in the subject (CN-IDs when they are host names).
    pub common_names: Vec<String>,
    /// DNS names in the subjectAltName extension (DNS-IDs).
    pub dns_names: Vec<String>,
    /// IP addresses in the subjectAltName extension.
    pub ip_addresses: Vec<IpAddr>,
    /// SHA-256 fingerprint of the end-entity certificate.
    pub fingerprint: Fingerprint,
    /// The end-entity certificate, DER.
    pub der: CertificateDer<'static>,
}

impl PeerIdentity {
    /// The identity of a client that sent no certificate (only ever seen when a fault mode
    /// accepts anonymous clients).
    pub fn anonymous() -> PeerIdentity {
        PeerIdentity {
            subject: "(anonymous: no certificate)".into(),
            common_names: Vec::new(),
            dns_names: Vec::new(),
            ip_addresses: Vec::new(),
            fingerprint: Fingerprint([0; 32]),
            der: CertificateDer::from(Vec::new()),
        }
    }

    /// Reads the identity out of a DER end-entity certificate.
    pub fn from_der(der: &CertificateDer<'_>) -> Result<PeerIdentity, PeerRefusal> {
        let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref())
            .map_err(|e| PeerRefusal::Unparsable { reason: e.to_string() })?;
        let subject = cert.subject().to_string();
        let common_names =
            cert.subject().iter_common_name().filter_map(|cn| cn.as_str().ok()).map(str::to_string).collect();
        let mut dns_names = Vec::new();
        let mut ip_addresses = Vec::new();
        let san = cert.subject_alternative_name().map_err(|e| PeerRefusal::Unparsable { reason: e.to_string() })?;
        if let Some(san) = san {
            for name in &san.value.general_names {
                match name {
                    x509_parser::extensions::GeneralName::DNSName(d) => dns_names.push((*d).to_string()),
                    x509_parser::extensions::GeneralName::IPAddress(bytes) => {
                        if let Some(ip) = ip_from_bytes(bytes) {
                            ip_addresses.push(ip);
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(PeerIdentity {
            subject,
            common_names,
            dns_names,
            ip_addresses,
            fingerprint: Fingerprint::of(der.as_ref()),
            der: der.clone().into_owned(),
        })
    }

    /// The first DNS-ID or CN-ID that contains a wildcard, if any.
    pub fn wildcard(&self) -> Option<&str> {
        self.dns_names.iter().chain(&self.common_names).map(String::as_str).find(|n| n.contains('*'))
    }

    /// Every reference identifier the certificate offers by name: DNS-IDs, then CN-IDs.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.dns_names.iter().chain(&self.common_names).map(String::as_str)
    }
}

fn ip_from_bytes(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => <[u8; 4]>::try_from(b).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(b).ok().map(IpAddr::from),
        _ => None,
    }
}

/// An explicit list of allowed peer certificates (RFC 6546 §3: "MUST support the verification of
/// certificates against an explicit whitelist of peer certificates"). A presented end-entity
/// certificate matches when its DER is in the list or its SHA-256 fingerprint is.
#[derive(Clone, Debug, Default)]
pub struct PeerList {
    ders: HashSet<Vec<u8>>,
    fingerprints: HashSet<Fingerprint>,
}

impl PeerList {
    /// An empty list (which, used in [`PeerCheck::Listed`], admits nobody).
    pub fn new() -> PeerList {
        PeerList::default()
    }

    /// Adds a certificate (exact DER match).
    pub fn add_certificate(&mut self, der: &CertificateDer<'_>) -> &mut Self {
        self.ders.insert(der.as_ref().to_vec());
        self
    }

    /// The fingerprints of every listed certificate.
    pub fn fingerprints(&self) -> Vec<Fingerprint> {
        let mut v: Vec<Fingerprint> =
            self.ders.iter().map(|d| Fingerprint::of(d)).chain(self.fingerprints.iter().copied()).collect();
        v.sort_by_key(|f| f.0);
        v.dedup();
        v
    }

    /// Adds a SHA-256 fingerprint.
    pub fn add_fingerprint(&mut self, fp: Fingerprint) -> &mut Self {
        self.fingerprints.insert(fp);
        self
    }

    /// Adds every certificate of a PEM file.
    pub fn add_pem_file(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, TlsError> {
        for c in read_certificates(path.as_ref())? {
            self.ders.insert(c.as_ref().to_vec());
        }
        Ok(self)
    }

    /// A list holding the certificates of these PEM files.
    pub fn from_pem_files<P: AsRef<Path>>(paths: &[P]) -> Result<PeerList, TlsError> {
        let mut l = PeerList::new();
        for p in paths {
            l.add_pem_file(p)?;
        }
        Ok(l)
    }

    /// Whether a DER end-entity certificate is allowed.
    pub fn contains(&self, der: &[u8]) -> bool {
        self.ders.contains(der) || self.fingerprints.contains(&Fingerprint::of(der))
    }

    /// Number of entries (certificates plus fingerprints).
    pub fn len(&self) -> usize {
        self.ders.len() + self.fingerprints.len()
    }

    /// Whether the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which certificates that passed path validation (and the wildcard ban) are accepted.
#[derive(Clone, Debug, Default)]
pub enum PeerCheck {
    /// Any certificate that chains to the trust anchors.
    #[default]
    AnyValid,
    /// Only certificates in the list (an empty list admits nobody).
    Listed(PeerList),
}

impl PeerCheck {
    /// Applies the wildcard ban and the allow-list to a certificate that already passed path
    /// validation.
    pub fn check(&self, id: &PeerIdentity) -> Result<(), PeerRefusal> {
        if let Some(w) = id.wildcard() {
            return Err(PeerRefusal::Wildcard { id: w.to_string() });
        }
        match self {
            PeerCheck::AnyValid => Ok(()),
            PeerCheck::Listed(list) if list.contains(id.der.as_ref()) => Ok(()),
            PeerCheck::Listed(_) => Err(PeerRefusal::NotListed { fingerprint: id.fingerprint }),
        }
    }
}

/// Why a peer's certificate was refused after (or on top of) path validation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeerRefusal {
    /// The peer presented no certificate.
    #[error("the peer presented no certificate")]
    NoCertificate,
    /// The certificate could not be parsed.
    #[error("the certificate could not be parsed: {reason}")]
    Unparsable {
        /// Parser message.
        reason: String,
    },
    /// A DNS-ID or CN-ID contains a wildcard.
    #[error("its identity {id:?} contains a wildcard (RFC 6546 forbids wildcards in DNS-IDs and CN-IDs)")]
    Wildcard {
        /// The offending identifier.
        id: String,
    },
    /// The certificate is valid but not in the allow-list.
    #[error("certificate {fingerprint} is not in the list of allowed peers")]
    NotListed {
        /// SHA-256 of the refused certificate.
        fingerprint: Fingerprint,
    },
    /// Reverse DNS of the connecting address names none of the certificate's identifiers.
    #[error("reverse DNS of {addr} gives {names:?}, none of which is an identity of the certificate {ids:?}")]
    ReverseDnsMismatch {
        /// The connecting address.
        addr: IpAddr,
        /// Names the lookup returned.
        names: Vec<String>,
        /// DNS-IDs and CN-IDs of the certificate.
        ids: Vec<String>,
    },
    /// The reverse lookup failed.
    #[error("reverse DNS lookup of {addr} failed: {reason}")]
    ReverseDnsFailed {
        /// The connecting address.
        addr: IpAddr,
        /// Resolver message.
        reason: String,
    },
}

/// Boxed future returned by [`ReverseDns::lookup`].
pub type LookupFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<String>, String>> + Send + 'a>>;

/// A source of reverse-DNS answers (PTR names) for connecting addresses.
///
/// RFC 6546 §3 says RID systems SHOULD be able to match a peer's DNS-ID or CN-ID against a reverse
/// lookup of its address, and that the lookup SHOULD be cacheable or done in advance.
/// [`StaticReverseDns`] is the "done in advance" form. No system-resolver implementation is
/// shipped: the standard library has no reverse lookup, and the crates that provide one either
/// call libc through `unsafe` or bring a full resolver; implement this trait to plug one in.
pub trait ReverseDns: Send + Sync + fmt::Debug {
    /// Names for `addr` (an error string when the lookup itself fails).
    fn lookup(&self, addr: IpAddr) -> LookupFuture<'_>;
}

/// Reverse DNS from a fixed table, filled in advance.
#[derive(Clone, Debug, Default)]
pub struct StaticReverseDns {
    map: HashMap<IpAddr, Vec<String>>,
}

impl StaticReverseDns {
    /// An empty table (every lookup then fails with "no entry").
    pub fn new() -> StaticReverseDns {
        StaticReverseDns::default()
    }

    /// Adds a name for an address (builder style).
    pub fn with(mut self, addr: IpAddr, name: impl Into<String>) -> StaticReverseDns {
        self.insert(addr, name);
        self
    }

    /// Adds a name for an address.
    pub fn insert(&mut self, addr: IpAddr, name: impl Into<String>) {
        self.map.entry(addr.to_canonical()).or_default().push(name.into());
    }
}

impl ReverseDns for StaticReverseDns {
    fn lookup(&self, addr: IpAddr) -> LookupFuture<'_> {
        let r = self.map.get(&addr.to_canonical()).cloned().ok_or_else(|| format!("no entry for {addr}"));
        Box::pin(std::future::ready(r))
    }
}

fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The full peer policy applied by the server after path validation: [`PeerCheck`] (wildcards,
/// allow-list) and, optionally, the reverse-DNS check.
#[derive(Clone, Debug, Default)]
pub struct PeerPolicy {
    /// Allow-list mode.
    pub check: PeerCheck,
    /// When set, the connecting address must reverse-resolve to one of the certificate's DNS-IDs or
    /// CN-IDs.
    pub reverse_dns: Option<Arc<dyn ReverseDns>>,
}

impl PeerPolicy {
    /// Checks a peer connecting from `addr`.
    pub async fn verify(&self, id: &PeerIdentity, addr: IpAddr) -> Result<(), PeerRefusal> {
        self.check.check(id)?;
        let Some(dns) = &self.reverse_dns else { return Ok(()) };
        let addr = addr.to_canonical();
        let names = dns.lookup(addr).await.map_err(|reason| PeerRefusal::ReverseDnsFailed { addr, reason })?;
        let ids: Vec<String> = id.names().map(normalise).collect();
        if names.iter().any(|n| ids.contains(&normalise(n))) {
            Ok(())
        } else {
            Err(PeerRefusal::ReverseDnsMismatch { addr, names, ids })
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_hex_is_two_digits_per_byte() {
        assert_eq!(super::lower_hex(&[]), "");
        assert_eq!(super::lower_hex(&[0x00, 0x0f, 0xa0, 0xff, 0x5c]), "000fa0ff5c");
    }
}
