//! RFC 6546 (RID over HTTP/TLS) requirements. Only §3 is normative; verified erratum 3267
//! replaces its rule for GET and HEAD on `/`.

use super::Level::*;
use super::Testing::*;
use super::{Requirement, req};

/// The RFC 6546 entries.
pub(super) static CATALOG: &[Requirement] = &[
    req("RFC6546-3-http11", Must, "A RID system implements the required functionality of HTTP/1.1 (RFC 2616).")
        .tested(Scenario),
    req("RFC6546-3-post-root", Must, "Every RID message is sent with the POST method to the Request-URI /.")
        .tested(Scenario),
    req(
        "RFC6546-3-media-type",
        Must,
        "The Content-Type of requests and responses carrying a RID message is text/xml.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-method-not-allowed",
        Must,
        "A request to / with any method other than POST is answered 405 Method Not Allowed with an Allow header naming only POST (erratum 3267).",
    )
    .tested(Scenario),
    req("RFC6546-3-other-uri", Should, "A request to any Request-URI other than / is answered 404 Not Found.")
        .tested(Scenario),
    req(
        "RFC6546-3-port",
        Should,
        "RID systems listen on TCP port 4590 (other ports may be configured) and do not use port 443.",
    )
    .tested(Untestable("which port a system listens on is configuration: the harness is told where the peer is")),
    req("RFC6546-3-no-redirect", Should, "RID systems neither answer with a 3xx redirection nor follow one.")
        .tested(Scenario),
    req(
        "RFC6546-3-improper-4xx",
        Must,
        "An HTTP request carrying an improper RID message is answered with a 4xx status.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-own-error-5xx",
        Must,
        "A RID system that cannot process a request because of its own failure answers with a 5xx status.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-log-improper-response",
        Must,
        "An improper RID message received in an HTTP response is logged and shown to the administrator.",
    )
    .tested(Untestable("logging and display inside the other system are not visible on the wire")),
    req(
        "RFC6546-3-persistent",
        Must,
        "RID systems support HTTP/1.1 persistent connections (and should use them).",
    )
    .tested(Scenario),
    req("RFC6546-3-chunked", Must, "A RID server accepts request bodies sent with chunked transfer coding.")
        .tested(Scenario),
    req(
        "RFC6546-3-table1",
        Must,
        "The HTTP status answered to each RID message type is one of those of Table 1 (200 with the answer, 200 empty, or 202 for Requests and Queries).",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-corresponding-answer",
        Must,
        "An HTTP response carries no RID message other than one that corresponds to the request (Table 1).",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-handle-table1",
        Must,
        "A RID system handles every response Table 1 allows for what it sent, including 202 with a later callback.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-refusal-not-delivered",
        Should,
        "A RID system does not take a message it sent as delivered when the answer is a 4xx (the message was improper) or a 5xx (the receiver failed): it reports the failure (inferred from the meaning §3 gives these codes).",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-accepted-empty",
        Must,
        "A 202 Accepted response has a zero-length body.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-callback-token",
        Must,
        "A 202 Accepted response carries a RID-Callback-Token header of 1 to 255 visible ASCII characters (ABNF 1*255VCHAR).",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-token-unique",
        Must,
        "A callback token identifies its callback uniquely among all callbacks from that receiver to that sender, without time limit.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-callback-address",
        Must,
        "The later answer to a 202 is POSTed to / at the network-layer address the original request came from.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-answered",
        Must,
        "Every RID message gets its answer, in the HTTP response or later by callback; a 202 is followed by the callback it promised.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-sync-answer",
        Should,
        "A reply available at once or within a normal HTTP client timeout is sent in the HTTP response rather than by callback.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-accept-peers",
        Must,
        "A RID system accepts HTTPS connections from every peer it sends RID messages to (so callbacks can reach it).",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-tls-version",
        Must,
        "RID systems use TLS 1.1 or higher and never request, offer or use SSL or TLS 1.0 (mile speaks TLS 1.2 and 1.3; RFC 8996 has since deprecated 1.1).",
    )
    .tested(Scenario),
    req("RFC6546-3-tls12", Should, "RID systems support TLS 1.2.").tested(Scenario),
    req(
        "RFC6546-3-mutual-auth",
        Must,
        "Both sides authenticate with X.509 certificates: a client without a certificate never reaches the application.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-path-validation",
        Must,
        "Each side fully validates the certificate path of the other (RFC 5280): expired, not yet valid or untrusted certificates are refused.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-non-null-cipher",
        Must,
        "Only cipher suites with non-NULL authentication, integrity and confidentiality are used.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-no-wildcard",
        Must,
        "Wildcards do not appear in the DNS-ID or CN-ID of a RID system's certificate; such certificates are refused.",
    )
    .tested(Scenario),
    req("RFC6546-3-dns-id", Should, "RID systems are identified by a DNS-ID (subjectAltName), not only a CN-ID.")
        .tested(Scenario),
    req(
        "RFC6546-3-peer-list",
        Must,
        "A RID system can verify a peer against an explicit list of peer certificates and refuses a valid certificate that is not listed.",
    )
    .tested(Scenario),
    req(
        "RFC6546-3-reverse-dns",
        Should,
        "A RID system can match a peer's DNS-ID against a reverse DNS lookup of the connecting address.",
    )
    .tested(Unit),
];
