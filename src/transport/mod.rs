//! RID over HTTPS (RFC 6546 §3): a server and a client with mutual TLS.
//!
//! # What it does
//! - **Server** ([`Server`]): HTTP/1.1 over TLS 1.2/1.3 (rustls, ring provider) with client
//!   certificates required. The [`Handler`] sees only a POST to `/` with a `text/xml` body within
//!   the size limit, from a peer that passed path validation, the wildcard ban, the allow-list
//!   ([`PeerCheck`]) and, if configured, the reverse-DNS check ([`ReverseDns`]). Everything else
//!   is answered by the transport: 404 for another path, 405 with `Allow: POST` for another method
//!   on `/` (erratum 3267), 415 for another media type, 413 for a body over the limit, 408 for a
//!   body that does not arrive in time, 400 for malformed HTTP, 403 for a peer refused after the
//!   handshake. Never a 3xx.
//! - **Client** ([`Client`]): POSTs with a client certificate, verifies the server against the
//!   trust anchors, the URL's host and the same peer checks, keeps connections alive per host and
//!   port, never follows redirects, and can send arbitrary requests for conformance testing.
//! - **Errors** say which side refused what ([`TransportError`], [`ServerEvent`]).
//!
//! # TLS versions
//! RFC 6546 requires TLS 1.1 or later and non-NULL cipher suites. rustls offers TLS 1.2 and 1.3
//! with AEAD suites only, so both hold by construction; TLS 1.1 is not available, consistent with
//! RFC 8996 (which deprecated TLS 1.0 and 1.1 after RFC 6546).
//!
//! # Not done here
//! A system resolver for reverse DNS (implement [`ReverseDns`]), certificate revocation, and
//! the RID message semantics (the handler's job).

mod client;
mod peer;
pub(crate) use peer::lower_hex;
mod server;
mod tls;
mod token;

pub use client::{Body, Client, ClientConfig, ClientTimeouts, HttpReply, Phase, RawConnection, TransportError};
pub use peer::{
    BadFingerprint, Fingerprint, LookupFuture, PeerCheck, PeerIdentity, PeerList, PeerPolicy, PeerRefusal, ReverseDns,
    StaticReverseDns,
};
pub use server::{
    DEFAULT_PORT, FnHandler, Handler, HandlerFuture, HandshakeFailure, Limits, Observer, Quirks, RidRequest,
    RidResponse, Server, ServerConfig, ServerError, ServerEvent, ShutdownReport, TimeoutKind, handler_fn,
};
pub use tls::{
    Alert, CertProblem, ClientTls, ServerTls, TlsError, TlsIdentity, TlsVersions, TrustAnchors, install_crypto_provider,
};
pub use token::{CallbackToken, InvalidCallbackToken, RID_CALLBACK_TOKEN};

pub use hyper::{HeaderMap, StatusCode};
