//! TLS configuration for RID over HTTPS: identities, trust anchors, protocol versions, and the
//! certificate verifiers that add RFC 6546's peer checks on top of rustls/webpki path validation.
//!
//! Version mapping: RFC 6546 §3 requires TLS 1.1 or later and forbids SSL and TLS 1.0; it asks for
//! non-NULL cipher suites. rustls implements only TLS 1.2 and TLS 1.3 and only AEAD suites, so both
//! requirements hold by construction; TLS 1.1 is not offered, in line with RFC 8996, which
//! deprecated TLS 1.0 and 1.1 after RFC 6546 was published.

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::server::WebPkiClientVerifier;
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{CertificateError, DigitallySignedStruct, DistinguishedName, RootCertStore, SignatureScheme};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::peer::{PeerCheck, PeerIdentity, PeerRefusal};

/// Installs rustls's ring crypto provider as the process default. Idempotent: a provider that is
/// already installed is kept. The configurations built here name the ring provider explicitly, so
/// calling this is only needed for other rustls users in the same process.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Failures while loading certificates and keys or building a TLS configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// A PEM file could not be read or parsed.
    #[error("could not read {}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A PEM file holds no certificate.
    #[error("{} holds no certificate", path.display())]
    NoCertificate {
        /// The file.
        path: PathBuf,
    },
    /// A PEM file holds no private key.
    #[error("{} holds no private key", path.display())]
    NoKey {
        /// The file.
        path: PathBuf,
    },
    /// A trust anchor could not be used.
    #[error("unusable trust anchor: {reason}")]
    BadAnchor {
        /// rustls/webpki message.
        reason: String,
    },
    /// rustls refused the configuration (for example a key that does not match the certificate).
    #[error("TLS configuration refused: {reason}")]
    Config {
        /// rustls message.
        reason: String,
    },
}

/// Reads every certificate of a PEM file.
pub(crate) fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let read_err = |reason: String| TlsError::Read { path: path.to_path_buf(), reason };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| read_err(e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| read_err(e.to_string()))?;
    if certs.is_empty() {
        return Err(TlsError::NoCertificate { path: path.to_path_buf() });
    }
    Ok(certs)
}

/// A certificate chain (end entity first) and its private key.
pub struct TlsIdentity {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl TlsIdentity {
    /// Loads a PEM certificate chain (end entity first) and a PEM private key (PKCS#8, PKCS#1 or
    /// SEC1).
    pub fn load(cert_pem_path: impl AsRef<Path>, key_pem_path: impl AsRef<Path>) -> Result<TlsIdentity, TlsError> {
        let chain = read_certificates(cert_pem_path.as_ref())?;
        let kp = key_pem_path.as_ref();
        let key = PrivateKeyDer::from_pem_file(kp).map_err(|e| match e {
            rustls_pki_types::pem::Error::NoItemsFound => TlsError::NoKey { path: kp.to_path_buf() },
            e => TlsError::Read { path: kp.to_path_buf(), reason: e.to_string() },
        })?;
        Ok(TlsIdentity { chain, key })
    }

    /// Builds an identity from in-memory DER.
    pub fn from_der(chain: Vec<CertificateDer<'static>>, key: PrivateKeyDer<'static>) -> Result<TlsIdentity, TlsError> {
        if chain.is_empty() {
            return Err(TlsError::Config { reason: "empty certificate chain".into() });
        }
        Ok(TlsIdentity { chain, key })
    }

    /// The certificate chain, end entity first.
    pub fn chain(&self) -> &[CertificateDer<'static>] {
        &self.chain
    }

    /// The identity as the peer will see it.
    pub fn peer_identity(&self) -> Result<PeerIdentity, PeerRefusal> {
        self.chain.first().map_or(Err(PeerRefusal::NoCertificate), PeerIdentity::from_der)
    }
}

impl Clone for TlsIdentity {
    fn clone(&self) -> Self {
        TlsIdentity { chain: self.chain.clone(), key: self.key.clone_key() }
    }
}

impl fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsIdentity").field("chain_len", &self.chain.len()).finish_non_exhaustive()
    }
}

/// The CA certificates that peer certificates must chain to.
#[derive(Clone, Debug)]
pub struct TrustAnchors {
    certs: Vec<CertificateDer<'static>>,
    store: Arc<RootCertStore>,
}

impl TrustAnchors {
    /// Loads every certificate of a PEM file as a trust anchor.
    pub fn load(ca_pem_path: impl AsRef<Path>) -> Result<TrustAnchors, TlsError> {
        TrustAnchors::from_der(read_certificates(ca_pem_path.as_ref())?)
    }

    /// Uses these DER certificates as trust anchors.
    pub fn from_der(certs: Vec<CertificateDer<'static>>) -> Result<TrustAnchors, TlsError> {
        let mut store = RootCertStore::empty();
        for c in &certs {
            store.add(c.clone()).map_err(|e| TlsError::BadAnchor { reason: e.to_string() })?;
        }
        if store.is_empty() {
            return Err(TlsError::BadAnchor { reason: "no trust anchor given".into() });
        }
        Ok(TrustAnchors { certs, store: Arc::new(store) })
    }

    /// Adds the certificates of another PEM file.
    pub fn add_pem_file(&mut self, path: impl AsRef<Path>) -> Result<(), TlsError> {
        let mut certs = self.certs.clone();
        certs.extend(read_certificates(path.as_ref())?);
        *self = TrustAnchors::from_der(certs)?;
        Ok(())
    }

    /// The anchor certificates.
    pub fn certificates(&self) -> &[CertificateDer<'static>] {
        &self.certs
    }
}

/// Which TLS versions to offer and accept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TlsVersions {
    /// TLS 1.2 and TLS 1.3 (the default).
    #[default]
    Tls12AndTls13,
    /// TLS 1.2 only.
    Tls12Only,
    /// TLS 1.3 only.
    Tls13Only,
}

impl TlsVersions {
    fn list(self) -> &'static [&'static rustls::SupportedProtocolVersion] {
        static BOTH: [&rustls::SupportedProtocolVersion; 2] = [&rustls::version::TLS13, &rustls::version::TLS12];
        static TLS12: [&rustls::SupportedProtocolVersion; 1] = [&rustls::version::TLS12];
        static TLS13: [&rustls::SupportedProtocolVersion; 1] = [&rustls::version::TLS13];
        match self {
            TlsVersions::Tls12AndTls13 => &BOTH,
            TlsVersions::Tls12Only => &TLS12,
            TlsVersions::Tls13Only => &TLS13,
        }
    }
}

/// TLS settings of a RID server: its identity, the anchors client certificates must chain to, and
/// the versions. Client certificates are always required.
#[derive(Clone, Debug)]
pub struct ServerTls {
    /// Our certificate and key.
    pub identity: TlsIdentity,
    /// Anchors for client certificates.
    pub trust_anchors: TrustAnchors,
    /// Versions offered.
    pub versions: TlsVersions,
}

impl ServerTls {
    /// Settings with both TLS versions.
    pub fn new(identity: TlsIdentity, trust_anchors: TrustAnchors) -> ServerTls {
        ServerTls { identity, trust_anchors, versions: TlsVersions::default() }
    }

    /// A deliberately lenient configuration for fault modes: client certificates optional
    /// (`anonymous`), no peer checks after path validation (`no_peer_check`), and/or no path
    /// validation (`no_path_validation`).
    pub fn rustls_config_lenient(
        &self,
        check: &PeerCheck,
        anonymous: bool,
        no_peer_check: bool,
        no_path_validation: bool,
    ) -> Result<Arc<rustls::ServerConfig>, TlsError> {
        let provider = provider();
        let mut b = WebPkiClientVerifier::builder_with_provider(self.trust_anchors.store.clone(), provider.clone());
        if anonymous {
            b = b.allow_unauthenticated();
        }
        let inner = b.build().map_err(|e| TlsError::BadAnchor { reason: e.to_string() })?;
        let verifier: Arc<dyn ClientCertVerifier> = if no_peer_check && !no_path_validation {
            inner
        } else {
            let check = if no_peer_check { PeerCheck::AnyValid } else { check.clone() };
            Arc::new(RidClientVerifier { inner, check, skip_path: no_path_validation })
        };
        let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(self.versions.list())
            .map_err(config_err)?
            .with_client_cert_verifier(verifier)
            .with_single_cert(self.identity.chain.clone(), self.identity.key.clone_key())
            .map_err(config_err)?;
        cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(cfg))
    }

    /// The rustls configuration: mandatory client certificates, path validation against the
    /// anchors, then `check` (wildcard ban and allow-list) inside the handshake; ALPN `http/1.1`.
    pub fn rustls_config(&self, check: &PeerCheck) -> Result<Arc<rustls::ServerConfig>, TlsError> {
        self.rustls_config_lenient(check, false, false, false)
    }
}

/// TLS settings of a RID client.
#[derive(Clone, Debug)]
pub struct ClientTls {
    /// Our client certificate. `None` sends no certificate, which RFC 6546 forbids: it exists only
    /// so that a conformance harness can check that servers refuse anonymous clients.
    pub identity: Option<TlsIdentity>,
    /// Anchors for server certificates.
    pub trust_anchors: TrustAnchors,
    /// Versions offered.
    pub versions: TlsVersions,
}

impl ClientTls {
    /// Settings with a client certificate and both TLS versions.
    pub fn new(identity: TlsIdentity, trust_anchors: TrustAnchors) -> ClientTls {
        ClientTls { identity: Some(identity), trust_anchors, versions: TlsVersions::default() }
    }

    /// Settings without a client certificate (for negative tests only).
    pub fn anonymous(trust_anchors: TrustAnchors) -> ClientTls {
        ClientTls { identity: None, trust_anchors, versions: TlsVersions::default() }
    }

    /// The rustls configuration: server path validation and host name check against the anchors,
    /// then `check` (wildcard ban and allow-list); ALPN `http/1.1`.
    pub fn rustls_config(&self, check: &PeerCheck) -> Result<Arc<rustls::ClientConfig>, TlsError> {
        let provider = provider();
        let inner = WebPkiServerVerifier::builder_with_provider(self.trust_anchors.store.clone(), provider.clone())
            .build()
            .map_err(|e| TlsError::BadAnchor { reason: e.to_string() })?;
        let verifier = Arc::new(RidServerVerifier { inner, check: check.clone() });
        let builder = rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(self.versions.list())
            .map_err(config_err)?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let mut cfg = match &self.identity {
            Some(id) => builder.with_client_auth_cert(id.chain.clone(), id.key.clone_key()).map_err(config_err)?,
            None => builder.with_no_client_auth(),
        };
        cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(cfg))
    }
}

fn config_err(e: rustls::Error) -> TlsError {
    TlsError::Config { reason: e.to_string() }
}

/// Turns a peer refusal into the rustls error that carries it through the handshake. An allow-list
/// refusal becomes `ApplicationVerificationFailure` (alert `access_denied`); anything else travels
/// as `Other` (alert `certificate_unknown`) so that the local side keeps the reason.
fn refusal_error(r: PeerRefusal) -> rustls::Error {
    match r {
        PeerRefusal::NotListed { .. } => {
            rustls::Error::InvalidCertificate(CertificateError::ApplicationVerificationFailure)
        }
        PeerRefusal::Unparsable { .. } => rustls::Error::InvalidCertificate(CertificateError::BadEncoding),
        r => rustls::Error::InvalidCertificate(CertificateError::Other(rustls::OtherError(Arc::new(r)))),
    }
}

fn screen(end_entity: &CertificateDer<'_>, check: &PeerCheck) -> Result<(), rustls::Error> {
    let id = PeerIdentity::from_der(end_entity).map_err(refusal_error)?;
    check.check(&id).map_err(refusal_error)
}

/// Client-certificate verifier: webpki path validation (EKU clientAuth), then [`PeerCheck`].
#[derive(Debug)]
struct RidClientVerifier {
    inner: Arc<dyn ClientCertVerifier>,
    check: PeerCheck,
    /// Fault mode: accept any certificate path.
    skip_path: bool,
}

impl ClientCertVerifier for RidClientVerifier {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        // Mandatory unless the inner verifier was built lenient (the no-client-auth fault mode).
        self.inner.client_auth_mandatory()
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        self.inner.root_hint_subjects()
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        if !self.skip_path {
            self.inner.verify_client_cert(end_entity, intermediates, now)?;
        }
        screen(end_entity, &self.check)?;
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// Server-certificate verifier: webpki path validation and name check (EKU serverAuth), then
/// [`PeerCheck`].
#[derive(Debug)]
struct RidServerVerifier {
    inner: Arc<WebPkiServerVerifier>,
    check: PeerCheck,
}

impl ServerCertVerifier for RidServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)?;
        screen(end_entity, &self.check)?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A TLS alert, printed the way RFC 8446 names it ("certificate required").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alert(pub rustls::AlertDescription);

impl Alert {
    /// Whether the alert says the receiver refused the certificate it was shown.
    pub fn is_certificate_refusal(self) -> bool {
        use rustls::AlertDescription as A;
        matches!(
            self.0,
            A::BadCertificate
                | A::UnsupportedCertificate
                | A::CertificateRevoked
                | A::CertificateExpired
                | A::CertificateUnknown
                | A::UnknownCA
                | A::AccessDenied
                | A::CertificateRequired
                | A::NoCertificate
                | A::DecryptError
        )
    }
}

impl fmt::Display for Alert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use rustls::AlertDescription as A;
        let s = match self.0 {
            A::CloseNotify => "close notify",
            A::UnexpectedMessage => "unexpected message",
            A::BadRecordMac => "bad record MAC",
            A::HandshakeFailure => "handshake failure",
            A::NoCertificate => "no certificate",
            A::BadCertificate => "bad certificate",
            A::UnsupportedCertificate => "unsupported certificate",
            A::CertificateRevoked => "certificate revoked",
            A::CertificateExpired => "certificate expired",
            A::CertificateUnknown => "certificate unknown",
            A::IllegalParameter => "illegal parameter",
            A::UnknownCA => "unknown CA",
            A::AccessDenied => "access denied",
            A::DecodeError => "decode error",
            A::DecryptError => "decrypt error",
            A::ProtocolVersion => "protocol version",
            A::InsufficientSecurity => "insufficient security",
            A::InternalError => "internal error",
            A::UserCanceled => "user canceled",
            A::MissingExtension => "missing extension",
            A::UnsupportedExtension => "unsupported extension",
            A::UnrecognisedName => "unrecognized name",
            A::CertificateRequired => "certificate required",
            A::NoApplicationProtocol => "no application protocol",
            other => return write!(f, "{other:?}"),
        };
        f.write_str(s)
    }
}

/// What was wrong with a certificate, in the words a person needs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertProblem {
    /// Validity period ended.
    Expired,
    /// Validity period has not started.
    NotYetValid,
    /// Does not chain to a trust anchor (includes self-signed certificates).
    UnknownIssuer,
    /// Not valid for the name we connected to.
    WrongName {
        /// The name we expected, when known.
        expected: Option<String>,
    },
    /// Extended key usage does not allow this role.
    WrongPurpose,
    /// Revoked.
    Revoked,
    /// Signature does not verify, or its algorithm is unsupported.
    BadSignature,
    /// Malformed certificate.
    Malformed,
    /// Refused by the peer policy (wildcard, allow-list).
    Refused(PeerRefusal),
    /// Valid but not in the allow-list (fingerprint unknown at this point).
    NotListed,
    /// Anything else, with rustls's text.
    Other(String),
}

impl CertProblem {
    /// Classifies a rustls certificate error.
    pub fn from_rustls(e: &CertificateError) -> CertProblem {
        use CertificateError as E;
        match e {
            E::Expired | E::ExpiredContext { .. } => CertProblem::Expired,
            E::NotValidYet | E::NotValidYetContext { .. } => CertProblem::NotYetValid,
            E::UnknownIssuer => CertProblem::UnknownIssuer,
            E::NotValidForName => CertProblem::WrongName { expected: None },
            E::NotValidForNameContext { expected, .. } => {
                CertProblem::WrongName { expected: Some(server_name_text(expected)) }
            }
            E::InvalidPurpose | E::InvalidPurposeContext { .. } => CertProblem::WrongPurpose,
            E::Revoked => CertProblem::Revoked,
            #[allow(deprecated)]
            E::BadSignature
            | E::UnsupportedSignatureAlgorithm
            | E::UnsupportedSignatureAlgorithmContext { .. }
            | E::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => CertProblem::BadSignature,
            E::BadEncoding => CertProblem::Malformed,
            E::ApplicationVerificationFailure => CertProblem::NotListed,
            E::Other(o) => match o.0.downcast_ref::<PeerRefusal>() {
                Some(r) => CertProblem::Refused(r.clone()),
                None => CertProblem::Other(o.to_string()),
            },
            other => CertProblem::Other(other.to_string()),
        }
    }
}

fn server_name_text(n: &ServerName<'_>) -> String {
    match n {
        ServerName::DnsName(d) => d.as_ref().to_string(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

impl fmt::Display for CertProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertProblem::Expired => f.write_str("expired"),
            CertProblem::NotYetValid => f.write_str("not yet valid"),
            CertProblem::UnknownIssuer => f.write_str("issued by an unknown certificate authority"),
            CertProblem::WrongName { expected: Some(n) } => write!(f, "not valid for the name {n}"),
            CertProblem::WrongName { expected: None } => f.write_str("not valid for the name we connected to"),
            CertProblem::WrongPurpose => f.write_str("not valid for this purpose (extended key usage)"),
            CertProblem::Revoked => f.write_str("revoked"),
            CertProblem::BadSignature => f.write_str("its signature does not verify"),
            CertProblem::Malformed => f.write_str("malformed"),
            CertProblem::Refused(r) => write!(f, "{r}"),
            CertProblem::NotListed => f.write_str("not in the list of allowed peers"),
            CertProblem::Other(s) => f.write_str(s),
        }
    }
}
