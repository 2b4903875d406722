//! Fault modes: each makes the reference peer break exactly one rule, so that every conformance
//! scenario can be shown to fail against a peer that breaks its rule.

use crate::transport::Quirks;
use std::path::{Path, PathBuf};

/// One deliberate fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    /// GET / answered 200 instead of 405.
    AcceptGet,
    /// GET / answered 204 (the RFC 6546 text before erratum 3267) instead of 405.
    Get204,
    /// 405 without the Allow header.
    NoAllowHeader,
    /// Any path served like `/`.
    AnyPath,
    /// Any media type accepted.
    AnyMediaType,
    /// Clients without a certificate accepted.
    NoClientAuth,
    /// Certificates not on the peer list (and wildcard certificates) accepted.
    AcceptUnlistedPeer,
    /// Client certificates accepted without path validation (expired, unknown CA, ...).
    NoPathValidation,
    /// Connections closed after every response.
    NoKeepAlive,
    /// Chunked request bodies refused.
    NoChunked,
    /// Answers sent as `application/xml`.
    WrongContentType,
    /// Every request redirected with 302.
    Redirect,
    /// 202 responses with a body.
    BodyIn202,
    /// A callback token with a space in it.
    BadCallbackToken,
    /// The same callback token for every 202.
    ReuseCallbackToken,
    /// A Request answered with a Query.
    WrongAnswerType,
    /// A Report answered 202.
    WrongStatus,
    /// Documents accepted without validation (a broken one gets 200).
    SkipValidation,
    /// Policy not applied: a message the peer's policy forbids is accepted.
    IgnorePolicy,
    /// Answers that are not valid documents.
    InvalidAnswer,
    /// Answers about another incident.
    WrongIncident,
    /// Acknowledgements without RequestStatus.
    AckWithoutStatus,
    /// Accepted messages are not stored (lost after answering).
    LoseMessage,
    /// The promised later answer is never sent.
    NoCallback,
    /// An invalid message answered 500 instead of 4xx.
    ServerErrorForBadInput,
    /// Later answers POSTed to a fixed wrong port of the sender, not where its request came from.
    CallbackWrongAddress,
    /// The server identity is `bad/no-dns-id` of the PKI: no DNS-ID, only IP SANs and a CN.
    NoDnsId,
}

/// The port `callback-wrong-address` sends later answers to (the discard port: nobody listens).
pub const WRONG_CALLBACK_PORT: u16 = 9;

/// Every fault: name, what it does, the requirement it breaks.
pub const FAULTS: &[(Fault, &str, &str, &str)] = &[
    (Fault::AcceptGet, "accept-get", "answers GET / with 200", "RFC6546-3-method-not-allowed"),
    (
        Fault::Get204,
        "get-204",
        "answers GET / with 204, as RFC 6546 did before erratum 3267",
        "RFC6546-3-method-not-allowed",
    ),
    (Fault::NoAllowHeader, "no-allow-header", "answers 405 without an Allow header", "RFC6546-3-method-not-allowed"),
    (Fault::AnyPath, "any-path", "serves every Request-URI like /", "RFC6546-3-other-uri"),
    (Fault::AnyMediaType, "any-media-type", "accepts messages of any Content-Type", "RFC6546-3-media-type"),
    (Fault::NoClientAuth, "no-client-auth", "accepts clients that present no certificate", "RFC6546-3-mutual-auth"),
    (
        Fault::AcceptUnlistedPeer,
        "accept-unlisted-peer",
        "accepts certificates that are not on its peer list, wildcard ones included",
        "RFC6546-3-peer-list",
    ),
    (
        Fault::NoPathValidation,
        "no-path-validation",
        "accepts client certificates without validating their path (expired, not yet valid, unknown CA, self-signed, no clientAuth usage)",
        "RFC6546-3-path-validation",
    ),
    (Fault::NoKeepAlive, "no-keep-alive", "closes the connection after every response", "RFC6546-3-persistent"),
    (Fault::NoChunked, "no-chunked", "refuses chunked request bodies with 411", "RFC6546-3-chunked"),
    (Fault::WrongContentType, "wrong-content-type", "sends its answers as application/xml", "RFC6546-3-media-type"),
    (Fault::Redirect, "redirect", "answers every request with a 302 redirection", "RFC6546-3-no-redirect"),
    (Fault::BodyIn202, "body-in-202", "puts a body in its 202 Accepted responses", "RFC6546-3-accepted-empty"),
    (
        Fault::BadCallbackToken,
        "bad-callback-token",
        "sends a RID-Callback-Token containing a space",
        "RFC6546-3-callback-token",
    ),
    (
        Fault::ReuseCallbackToken,
        "reuse-callback-token",
        "gives every 202 Accepted the same RID-Callback-Token",
        "RFC6546-3-token-unique",
    ),
    (Fault::WrongAnswerType, "wrong-answer-type", "answers a Request with a Query", "RFC6545-6.1-request-answers"),
    (Fault::WrongStatus, "wrong-status", "answers a Report with 202 Accepted", "RFC6546-3-table1"),
    (
        Fault::SkipValidation,
        "skip-validation",
        "accepts broken documents with 200 instead of a 4xx",
        "RFC6546-3-improper-4xx",
    ),
    (
        Fault::ServerErrorForBadInput,
        "server-error-for-bad-input",
        "answers a broken document with 500 instead of a 4xx",
        "RFC6546-3-improper-4xx",
    ),
    (
        Fault::IgnorePolicy,
        "ignore-policy",
        "accepts messages its policy forbids instead of refusing them with an Acknowledgement",
        "RFC6545-7-refusal-ack",
    ),
    (
        Fault::InvalidAnswer,
        "invalid-answer",
        "answers with documents that are not schema-valid",
        "RFC6545-7-schema-valid",
    ),
    (
        Fault::WrongIncident,
        "wrong-incident",
        "answers about another incident than the one asked about",
        "RFC6545-7-answer-incidentid",
    ),
    (
        Fault::AckWithoutStatus,
        "ack-without-status",
        "sends Acknowledgements without RequestStatus",
        "RFC6545-6.2-ack-content",
    ),
    (
        Fault::LoseMessage,
        "lose-message",
        "answers success but does not keep the message (a later Query does not find it)",
        "RFC6545-7.3-report-filed",
    ),
    (Fault::NoCallback, "no-callback", "answers 202 but never sends the promised answer", "RFC6546-3-answered"),
    (
        Fault::CallbackWrongAddress,
        "callback-wrong-address",
        "POSTs its later answers to port 9 of the sender instead of its callback address (port 4590 or the configured one)",
        "RFC6546-3-callback-address",
    ),
    (
        Fault::NoDnsId,
        "no-dns-id",
        "presents bad/no-dns-id.crt of its PKI (next to its certificate): IP SANs and a CN, no DNS-ID",
        "RFC6546-3-dns-id",
    ),
];

impl Fault {
    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        FAULTS.iter().find(|f| f.0 == self).map_or("", |f| f.1)
    }

    /// The requirement it breaks.
    pub fn requirement(self) -> &'static str {
        FAULTS.iter().find(|f| f.0 == self).map_or("", |f| f.3)
    }

    /// From its name.
    pub fn parse(name: &str) -> Option<Fault> {
        FAULTS.iter().find(|f| f.1 == name).map(|f| f.0)
    }
}

/// A set of active faults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults(pub Vec<Fault>);

impl Faults {
    /// Is `f` active?
    pub fn has(&self, f: Fault) -> bool {
        self.0.contains(&f)
    }

    /// The identity files to serve with, given the configured ones: `no-dns-id` swaps in
    /// `bad/no-dns-id.crt`/`.key` from the PKI folder of `cert` (a `mile certs` layout).
    pub fn identity_files(&self, cert: &Path, key: &Path) -> (PathBuf, PathBuf) {
        if !self.has(Fault::NoDnsId) {
            return (cert.to_path_buf(), key.to_path_buf());
        }
        let dir = cert.parent().unwrap_or(Path::new("")).join("bad");
        (dir.join("no-dns-id.crt"), dir.join("no-dns-id.key"))
    }

    /// The transport quirks the active faults need.
    pub fn quirks(&self) -> Quirks {
        Quirks {
            non_post_status: if self.has(Fault::AcceptGet) {
                Some(200)
            } else if self.has(Fault::Get204) {
                Some(204)
            } else {
                None
            },
            omit_allow: self.has(Fault::NoAllowHeader),
            any_path: self.has(Fault::AnyPath),
            any_media_type: self.has(Fault::AnyMediaType),
            anonymous_clients: self.has(Fault::NoClientAuth),
            skip_peer_check: self.has(Fault::AcceptUnlistedPeer),
            no_path_validation: self.has(Fault::NoPathValidation),
            no_keep_alive: self.has(Fault::NoKeepAlive),
            refuse_chunked: self.has(Fault::NoChunked),
            answer_content_type: self.has(Fault::WrongContentType).then(|| "application/xml".to_string()),
            redirect_to: self.has(Fault::Redirect).then(|| "https://127.0.0.1:4590/".to_string()),
            body_in_202: self.has(Fault::BodyIn202).then(|| "<accepted/>".to_string()),
        }
    }
}

/// One deliberate fault of `mile send` as a client: each breaks one rule a RID client follows,
/// so that every client scenario of `mile check --client-cmd` can be shown to fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClientFault {
    /// Only an Acknowledgement is taken as an answer; a Result or a Report counts as an error.
    AckOnly,
    /// A 4xx or 5xx answer is reported as delivered (exit 0).
    IgnoreRefusal,
    /// The later answer after a 202 is answered 500 instead of 200.
    RefuseCallback,
    /// A 3xx redirection is followed.
    FollowRedirect,
    /// The message is sent as `application/xml`.
    WrongMediaType,
    /// The message is POSTed to `/rid` instead of `/`.
    WrongPath,
}

/// Every client fault: name, what it does, the requirement it breaks.
pub const CLIENT_FAULTS: &[(ClientFault, &str, &str, &str)] = &[
    (
        ClientFault::AckOnly,
        "ack-only",
        "takes only an Acknowledgement as an answer: a Result or a Report is reported as an error",
        "RFC6546-3-handle-table1",
    ),
    (
        ClientFault::IgnoreRefusal,
        "ignore-refusal",
        "reports a message answered 4xx or 5xx as delivered (exit 0)",
        "RFC6546-3-refusal-not-delivered",
    ),
    (
        ClientFault::RefuseCallback,
        "refuse-callback",
        "answers the later answer after a 202 with 500 instead of 200",
        "RFC6546-3-table1",
    ),
    (ClientFault::FollowRedirect, "follow-redirect", "follows a 3xx redirection", "RFC6546-3-no-redirect"),
    (ClientFault::WrongMediaType, "wrong-media-type", "sends its message as application/xml", "RFC6546-3-media-type"),
    (ClientFault::WrongPath, "wrong-path", "POSTs its message to /rid instead of /", "RFC6546-3-post-root"),
];

impl ClientFault {
    /// From its name.
    pub fn parse(name: &str) -> Option<ClientFault> {
        CLIENT_FAULTS.iter().find(|f| f.1 == name).map(|f| f.0)
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        CLIENT_FAULTS.iter().find(|f| f.0 == self).map_or("", |f| f.1)
    }
}
