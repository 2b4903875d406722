//! Step definitions, by domain concept: RID messages, HTTP exchanges, TLS, answers and flows,
//! policy. Each step is a few lines over the library (`transport`, `rid::flow`, `validate`).

use super::client::{ServerAnswer, ServerKind};
use super::embedded;
use super::results::Finding;
use super::world::{Outgoing, RidWorld, Stop, describe_request, parse_rid};
use crate::rid::flow::{self, Reply};
use crate::rid::{AuthorizationStatus, MsgType};
use crate::transport::{Body, TlsIdentity, TlsVersions};
use crate::validate::{DocKind, Options, Verdict, validate_reader};
use bytes::Bytes;
use cucumber::{given, then, when};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

// ---------------------------------------------------------------------------------------------
// RID messages

#[given(expr = "the RID message {string}")]
async fn the_rid_message(w: &mut RidWorld, name: String) -> Result<(), Stop> {
    w.go()?;
    match embedded::rid_message(&name) {
        Some(text) => {
            w.outgoing = Some(Outgoing { label: name, body: Bytes::from_static(text) });
            Ok(())
        }
        None => Err(w.error(format!("no corpus message {name:?}"))),
    }
}

#[given(expr = "the non-XML body {string}")]
async fn non_xml_body(w: &mut RidWorld, text: String) -> Result<(), Stop> {
    w.ready()?;
    w.outgoing = Some(Outgoing { label: "a body that is not XML".into(), body: Bytes::from(text) });
    Ok(())
}

#[given("the message the subject's policy forbids")]
async fn forbidden(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    match &s.forbidden {
        Some(b) => {
            w.outgoing =
                Some(Outgoing { label: "the message the subject's policy forbids".into(), body: b.clone().into() });
            Ok(())
        }
        None => Err(w.skip("no message the subject's policy forbids was given (--forbidden FILE)")),
    }
}

static FRESH: AtomicU64 = AtomicU64::new(0);

fn fresh_value(old: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros());
    format!("{old}-mile{nanos:x}{}", FRESH.fetch_add(1, Ordering::Relaxed))
}

/// Gives the prepared message a new incident number (every occurrence of the old one).
fn refresh_incident(w: &mut RidWorld) -> Result<(), Stop> {
    let o = w.outgoing()?;
    let Some(id) = o.message().and_then(|m| m.incident_id().cloned()) else {
        return Err(w.error("the message has no IncidentID to renumber"));
    };
    let new = fresh_value(&id.value);
    let text = String::from_utf8_lossy(&o.body).replace(&format!(">{}<", id.value), &format!(">{new}<"));
    w.outgoing = Some(Outgoing { label: format!("{} (IncidentID {}#{new})", o.label, id.name), body: text.into() });
    w.incident = Some((id.name, new));
    Ok(())
}

#[given("a fresh incident number")]
async fn fresh_incident(w: &mut RidWorld) -> Result<(), Stop> {
    w.go()?;
    refresh_incident(w)
}

// ---------------------------------------------------------------------------------------------
// HTTP exchanges

async fn post(w: &mut RidWorld, path: &str, content_type: &str, chunk: Option<usize>) -> Result<(), Stop> {
    let s = w.ready()?;
    let o = w.outgoing()?;
    // A scenario that judges connection reuse has a client (and pool) of its own.
    let client = w.own_client.clone().unwrap_or_else(|| s.client.clone());
    let url = format!("{}{}", s.url.trim_end_matches('/'), path);
    let headers = [("content-type", content_type)];
    let (body, note) = match chunk {
        Some(n) => (Body::Chunked(o.body.chunks(n.max(1)).map(Bytes::copy_from_slice).collect()), " (chunked)"),
        None => (Body::Full(o.body.clone()), ""),
    };
    let request = describe_request("POST", &url, &headers, &o.body, note);
    let outcome = client.request("POST", &url, &headers, body).await;
    let label = format!("POST {path} {} as {content_type}{note}", o.label);
    w.record(label, request, "the harness certificate", outcome);
    Ok(())
}

#[when(expr = "the harness POSTs it to {word}")]
async fn post_to(w: &mut RidWorld, path: String) -> Result<(), Stop> {
    post(w, &path, "text/xml", None).await
}

#[when(expr = "the harness POSTs it to {word} with Content-Type {string}")]
async fn post_as(w: &mut RidWorld, path: String, ct: String) -> Result<(), Stop> {
    post(w, &path, &ct, None).await
}

#[when(expr = "the harness POSTs it to {word} in chunks of {int} bytes")]
async fn post_chunked(w: &mut RidWorld, path: String, n: usize) -> Result<(), Stop> {
    post(w, &path, "text/xml", Some(n)).await
}

#[when("the harness POSTs it to / on a connection of its own")]
async fn post_own(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    let id = load_identity(w, s.cert.clone(), s.key.clone())?;
    match s.client_with(Some(id), TlsVersions::default()) {
        Ok(c) => w.own_client = Some(c),
        Err(e) => return Err(w.error(e)),
    }
    post(w, "/", "text/xml", None).await
}

#[when("the harness POSTs it again on the same connection")]
async fn post_again(w: &mut RidWorld) -> Result<(), Stop> {
    post(w, "/", "text/xml", None).await
}

#[when("the harness POSTs it again with a fresh incident number")]
async fn post_again_fresh(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    refresh_incident(w)?;
    post(w, "/", "text/xml", None).await
}

#[when(expr = "the harness sends {word} {word} with no body")]
async fn send_no_body(w: &mut RidWorld, method: String, path: String) -> Result<(), Stop> {
    let s = w.ready()?;
    let url = format!("{}{}", s.url.trim_end_matches('/'), path);
    let request = describe_request(&method, &url, &[], b"", "");
    let outcome = s.client.request(&method, &url, &[], Body::Empty).await;
    w.record(format!("{method} {path} with no body"), request, "the harness certificate", outcome);
    Ok(())
}

#[when(expr = "the harness writes it to {word} by hand as an HTTP\\/1.1 request")]
async fn write_by_hand(w: &mut RidWorld, path: String) -> Result<(), Stop> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = w.ready()?;
    let o = w.outgoing()?;
    let host = s.url.trim_start_matches("https://").trim_end_matches('/').to_string();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        o.body.len()
    );
    let request = format!("{}{}", head.replace("\r\n", "\n"), super::world::body_text(&o.body));
    let bound = s.step_timeout;
    let run = async {
        let mut raw = s.client.connect_raw(&s.url).await.map_err(|e| e.to_string())?;
        raw.stream.write_all(head.as_bytes()).await.map_err(|e| e.to_string())?;
        raw.stream.write_all(&o.body).await.map_err(|e| e.to_string())?;
        raw.stream.flush().await.map_err(|e| e.to_string())?;
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match raw.stream.read(&mut chunk).await {
                Ok(0) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                // A peer that closes without close_notify still gave us its response.
                Err(_) if !buf.is_empty() => break,
                Err(e) => return Err(e.to_string()),
            }
            if buf.len() > 1 << 20 {
                break;
            }
        }
        Ok::<Vec<u8>, String>(buf)
    };
    let outcome = match tokio::time::timeout(bound, run).await {
        Ok(r) => r,
        Err(_) => Err(format!("no complete response within {}s", bound.as_secs())),
    };
    let (response, error) = match &outcome {
        Ok(b) => (String::from_utf8_lossy(b).into_owned(), None),
        Err(e) => (String::new(), Some(e.clone())),
    };
    w.exchanges.push(super::results::Exchange {
        label: format!("POST {path} {} written by hand on a raw TLS connection", o.label),
        request,
        response: response.clone(),
        error,
        tls: "client identity: the harness certificate".into(),
    });
    w.raw_response = Some(response);
    Ok(())
}

#[then(expr = "the status line starts with {string}")]
async fn status_line(w: &mut RidWorld, prefix: String) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-http11"]);
    let got = w.raw_response.clone().unwrap_or_default();
    let line = got.lines().next().unwrap_or("").to_string();
    if line.starts_with(&prefix) {
        // Make the status available to the other steps.
        return Ok(());
    }
    w.fail(
        "RFC6546-3-http11",
        format!("a status line starting with {prefix:?}"),
        if line.is_empty() { "no response".to_string() } else { format!("{line:?}") },
    )
}

fn status_of(w: &RidWorld) -> Option<u16> {
    if let Some(raw) = &w.raw_response {
        if w.got.is_empty() {
            return raw.lines().next().and_then(|l| l.split(' ').nth(1)).and_then(|c| c.parse().ok());
        }
    }
    w.got.last().and_then(|g| g.reply.as_ref().ok()).map(|r| r.status.as_u16())
}

fn actual_status(w: &RidWorld) -> String {
    match (status_of(w), w.got.last()) {
        (Some(s), _) => format!("status {s}"),
        (None, Some(g)) => match &g.reply {
            Err(e) => format!("no HTTP response: {e}"),
            Ok(_) => "no status".into(),
        },
        (None, None) => "no response".into(),
    }
}

/// The requirements a status step judges: the scenario's own tag would be better, but cucumber
/// steps do not see tags; the step text names the rule through the scenario.
fn status_req(w: &RidWorld) -> String {
    w.scenario_req.clone()
}

#[then(expr = "the status is {int}")]
async fn status_is(w: &mut RidWorld, want: u16) -> Result<(), Stop> {
    w.ready()?;
    w.checks_scenario();
    if status_of(w) == Some(want) {
        return Ok(());
    }
    let actual = actual_status(w);
    let req = status_req(w);
    w.fail(&req, format!("status {want}"), actual)
}

#[then("the status is 4xx")]
async fn status_4xx(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks_scenario();
    if status_of(w).is_some_and(|s| (400..500).contains(&s)) {
        return Ok(());
    }
    let actual = actual_status(w);
    let req = status_req(w);
    w.fail(&req, "a 4xx status (the request is improper)", actual)
}

#[then(expr = "the header {string} names only POST")]
async fn allow_only_post(w: &mut RidWorld, name: String) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-method-not-allowed"]);
    let g = w.last()?;
    let value = g
        .reply
        .as_ref()
        .ok()
        .and_then(|r| r.headers.get(name.as_str()))
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let ok = value.as_deref().is_some_and(|v| {
        let methods: Vec<&str> = v.split(',').map(str::trim).filter(|m| !m.is_empty()).collect();
        methods == ["POST"]
    });
    if ok {
        return Ok(());
    }
    w.fail(
        "RFC6546-3-method-not-allowed",
        format!("an {name} header naming only POST"),
        match value {
            Some(v) => format!("{name}: {v}"),
            None => format!("no {name} header"),
        },
    )
}

#[then("the response Content-Type is text/xml")]
async fn content_type_xml(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-media-type"]);
    let g = w.last()?;
    let ct = g.reply.as_ref().ok().and_then(|r| r.content_type().map(str::to_string));
    if ct.as_deref().is_some_and(flow::media_type_ok) {
        return Ok(());
    }
    w.fail(
        "RFC6546-3-media-type",
        "Content-Type: text/xml",
        ct.map_or("no Content-Type".into(), |c| format!("Content-Type: {c}")),
    )
}

#[then("the last response came on the connection of the first")]
async fn same_connection(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-persistent"]);
    let conns: Vec<Option<(u64, bool)>> =
        w.got.iter().map(|g| g.reply.as_ref().ok().map(|r| (r.connection, r.reused))).collect();
    match conns.as_slice() {
        [Some((a, _)), .., Some((b, true))] if a == b => Ok(()),
        _ => {
            let closes = w
                .got
                .first()
                .and_then(|g| g.reply.as_ref().ok())
                .and_then(|r| r.headers.get("connection"))
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            w.fail(
                "RFC6546-3-persistent",
                "the second request is served on the kept-alive connection of the first",
                format!(
                    "a new connection was needed (first response Connection header: {})",
                    closes.unwrap_or_else(|| "none".into())
                ),
            )
        }
    }
}

#[then("the response is not a redirection")]
async fn not_redirect(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-no-redirect"]);
    match status_of(w) {
        Some(s) if (300..400).contains(&s) => {
            let loc = w
                .got
                .last()
                .and_then(|g| g.reply.as_ref().ok())
                .and_then(|r| r.headers.get("location"))
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            w.fail(
                "RFC6546-3-no-redirect",
                "no 3xx status",
                format!("status {s}, Location: {}", loc.unwrap_or_default()),
            )
        }
        Some(_) => Ok(()),
        None => {
            let a = actual_status(w);
            Err(w.error(format!("no HTTP response to judge: {a}")))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// TLS

fn load_identity(w: &mut RidWorld, crt: PathBuf, key: PathBuf) -> Result<TlsIdentity, Stop> {
    match TlsIdentity::load(&crt, &key) {
        Ok(i) => Ok(i),
        Err(e) => Err(w.error(format!("cannot load {}: {e}", crt.display()))),
    }
}

async fn post_with(
    w: &mut RidWorld,
    identity: Option<TlsIdentity>,
    versions: TlsVersions,
    who: &str,
) -> Result<(), Stop> {
    let s = w.ready()?;
    let o = w.outgoing()?;
    let client = match s.client_with(identity, versions) {
        Ok(c) => c,
        Err(e) => return Err(w.error(e)),
    };
    let headers = [("content-type", "text/xml")];
    let request = describe_request("POST", &s.url, &headers, &o.body, "");
    let outcome = client.request("POST", &s.url, &headers, Body::Full(o.body.clone())).await;
    w.record(format!("POST / {} {who}", o.label), request, who, outcome);
    Ok(())
}

#[when("the harness POSTs it to / without a client certificate")]
async fn post_anonymous(w: &mut RidWorld) -> Result<(), Stop> {
    post_with(w, None, TlsVersions::default(), "without a client certificate").await
}

#[when(expr = "the harness POSTs it to \\/ with the client certificate {string}")]
async fn post_with_cert(w: &mut RidWorld, stem: String) -> Result<(), Stop> {
    let s = w.ready()?;
    let Some(dir) = s.pki.clone() else {
        return Err(w.skip("no PKI directory the subject trusts was given (--pki DIR from `mile certs`)"));
    };
    let id = load_identity(w, dir.join(format!("{stem}.crt")), dir.join(format!("{stem}.key")))?;
    post_with(w, Some(id), TlsVersions::default(), &format!("with the client certificate {stem}.crt")).await
}

#[when("the harness POSTs it to / with the unlisted client certificate")]
async fn post_unlisted(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    let Some((crt, key)) = s.unlisted.clone() else {
        return Err(w.skip("no valid certificate that the subject does not list was given (--unlisted CERT,KEY)"));
    };
    let id = load_identity(w, crt.clone(), key)?;
    post_with(w, Some(id), TlsVersions::default(), &format!("with the unlisted certificate {}", crt.display())).await
}

#[when(expr = "the harness POSTs it to \\/ offering only TLS {word}")]
async fn post_version(w: &mut RidWorld, v: String) -> Result<(), Stop> {
    let s = w.ready()?;
    let versions = match v.as_str() {
        "1.2" => TlsVersions::Tls12Only,
        "1.3" => TlsVersions::Tls13Only,
        other => return Err(w.error(format!("rustls cannot offer TLS {other}"))),
    };
    let id = load_identity(w, s.cert.clone(), s.key.clone())?;
    post_with(w, Some(id), versions, &format!("offering only TLS {v}")).await
}

#[then("the request is refused before reaching the RID application")]
async fn refused(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks_scenario();
    let g = w.last()?;
    let req = w.scenario_req.clone();
    match &g.reply {
        Err(_) if g.refused_by_tls => Ok(()),
        Err(e) => Err(w.error(format!("the request failed, but not by a TLS refusal: {e}"))),
        Ok(r) => {
            let what = format!("status {} {}", r.status.as_u16(), r.status.canonical_reason().unwrap_or(""));
            w.fail(
                &req,
                "the TLS handshake refuses the certificate: no HTTP response",
                format!("the request was served: {what}"),
            )
        }
    }
}

#[then("the server certificate has a DNS-ID without wildcards")]
async fn dns_id(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-dns-id", "RFC6546-3-no-wildcard"]);
    let g = w.last()?;
    let Ok(r) = &g.reply else {
        return Err(w.error("no response: the server certificate was not seen"));
    };
    let names = r.peer.dns_names.clone();
    let mut f = Vec::new();
    if names.is_empty() {
        f.push(Finding::new(
            "RFC6546-3-dns-id",
            "a subjectAltName DNS-ID",
            format!("none (subject {})", r.peer.subject),
        ));
    }
    if let Some(wc) = names.iter().find(|n| n.contains('*')) {
        f.push(Finding::new("RFC6546-3-no-wildcard", "no wildcard DNS-ID", format!("DNS-ID {wc}")));
    }
    w.judge(f)
}

#[when(expr = "openssl offers only {word} {word} with the harness certificate")]
async fn openssl_version(w: &mut RidWorld, proto: String, version: String) -> Result<(), Stop> {
    let flag = match (proto.as_str(), version.as_str()) {
        ("TLS", "1.0") => "-tls1",
        ("TLS", "1.1") => "-tls1_1",
        _ => return Err(w.error(format!("no openssl probe for {proto} {version}"))),
    };
    openssl_probe(w, &[flag, "-cipher", "DEFAULT:@SECLEVEL=0"], &format!("only {proto} {version}")).await
}

#[when("openssl offers only NULL cipher suites with the harness certificate")]
async fn openssl_null(w: &mut RidWorld) -> Result<(), Stop> {
    openssl_probe(w, &["-tls1_2", "-cipher", "eNULL:@SECLEVEL=0"], "only NULL cipher suites (TLS 1.2)").await
}

async fn openssl_probe(w: &mut RidWorld, args: &[&str], what: &str) -> Result<(), Stop> {
    let s = w.ready()?;
    let Some(openssl) = s.openssl.clone() else {
        return Err(w.skip("openssl is not installed: rustls cannot offer this, so the probe is skipped"));
    };
    let hostport = s.url.trim_start_matches("https://").trim_end_matches('/').to_string();
    let mut cmd = tokio::process::Command::new(&openssl);
    cmd.arg("s_client").arg("-connect").arg(&hostport).args(args);
    cmd.arg("-cert").arg(&s.cert).arg("-key").arg(&s.key).arg("-CAfile").arg(&s.ca);
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    cmd.kill_on_drop(true);
    let line =
        format!("{} s_client -connect {hostport} {} -cert ... -key ... -CAfile ...", openssl.display(), args.join(" "));
    let out = match tokio::time::timeout(s.step_timeout, cmd.output()).await {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => return Err(w.error(format!("cannot run openssl: {e}"))),
        Err(_) => return Err(w.error("openssl did not finish in time")),
    };
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // A completed handshake prints the negotiated cipher; "(NONE)" or "0000" means none.
    let cipher = text.lines().find_map(|l| {
        l.trim()
            .strip_prefix("Cipher is ")
            .or_else(|| l.trim().strip_prefix("Cipher    : "))
            .map(str::trim)
            .map(str::to_string)
    });
    let done = cipher.as_deref().is_some_and(|c| c != "(NONE)" && c != "0000");
    // Our own openssl may not offer the probe at all (e.g. built without TLS 1.0).
    if !done && (text.contains("no protocols available") || text.contains("no cipher match")) {
        return Err(w.skip(format!("the local openssl cannot offer {what}")));
    }
    let excerpt: String =
        text.lines().filter(|l| !l.starts_with("    ") && !l.trim().is_empty()).take(40).collect::<Vec<_>>().join("\n");
    w.exchanges.push(super::results::Exchange {
        label: format!("TLS handshake offering {what} (openssl s_client)"),
        request: line,
        response: excerpt,
        error: None,
        tls: format!("negotiated cipher: {}", cipher.clone().unwrap_or_else(|| "none".into())),
    });
    w.probe = Some((done, cipher.unwrap_or_default()));
    Ok(())
}

#[then("the handshake is refused")]
async fn handshake_refused(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks_scenario();
    let req = w.scenario_req.clone();
    match w.probe.clone() {
        Some((false, _)) => Ok(()),
        Some((true, cipher)) => {
            w.fail(&req, "the server refuses the handshake", format!("the handshake completed with cipher {cipher}"))
        }
        None => Err(w.error("no probe was made")),
    }
}

// ---------------------------------------------------------------------------------------------
// Answers and flows (RFC 6546 Table 1, RFC 6545 §6-7)

fn findings_of(v: Vec<flow::Finding>) -> Vec<Finding> {
    v.into_iter().map(|f| Finding::new(f.req, f.expected, f.found)).collect()
}

#[then("the response is an answer Table 1 allows")]
async fn table1(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&[
        "RFC6546-3-table1",
        "RFC6546-3-corresponding-answer",
        "RFC6546-3-accepted-empty",
        "RFC6546-3-callback-token",
        "RFC6546-3-media-type",
        "RFC6545-7-answer-incidentid",
        "RFC6545-7-answer-region",
    ]);
    let g = w.last()?;
    let Some(sent) = g.sent.clone() else {
        return Err(w.error("the message sent is not a RID message"));
    };
    let r = match &g.reply {
        Ok(r) => r.clone(),
        Err(e) => {
            let e = e.clone();
            return w.fail("RFC6546-3-table1", "an HTTP response Table 1 allows", format!("no HTTP response: {e}"));
        }
    };
    let answer = if r.body.is_empty() { None } else { parse_rid(&r.body) };
    let reply = Reply::Http {
        status: r.status.as_u16(),
        content_type: r.content_type(),
        body_len: r.body.len(),
        message: answer.as_ref(),
        token: r.callback_token(),
    };
    if let Some(t) = sent.msg_type() {
        w.checks(&[flow::answers_req(t)]);
    }
    let f = findings_of(flow::check_answer(&sent, false, &reply));
    w.judge(f)
}

fn validate_answer(body: &[u8]) -> Vec<Finding> {
    let report = validate_reader("answer", body, &Options { expect: Some(DocKind::Rid), ..Default::default() });
    if report.verdict() == Verdict::Valid {
        return Vec::new();
    }
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .take(5)
        .map(|d| {
            Finding::new(
                d.requirement.id,
                "a valid RID message (RFC 6545 §7: well-formed, schema-valid, RID rules)",
                format!("{} at {}:{}", d.message(), d.pos.line, d.pos.col),
            )
        })
        .collect()
}

#[then("the answer is a valid RID message")]
async fn answer_valid(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6545-7-schema-valid", "RFC6545-7-well-formed"]);
    let g = w.last()?;
    match &g.reply {
        Ok(r) if !r.body.is_empty() => {
            let f = validate_answer(&r.body);
            w.judge(f)
        }
        // No answer in the body: nothing to validate here (a callback is judged where it arrives).
        Ok(_) => Ok(()),
        Err(e) => {
            let e = e.clone();
            Err(w.error(format!("no response: {e}")))
        }
    }
}

#[then("the Request gets its Result, now or by callback")]
async fn gets_result(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    w.checks(&["RFC6545-6.1-request-result"]);
    let g = w.last()?;
    let Ok(r) = g.reply.clone() else { return Err(w.error("no response")) };
    let answer = if r.status.as_u16() == 202 {
        let Some(inbox) = s.inbox.clone() else {
            return Err(w.skip("the subject answered 202 and no callback listener was given (--callback-listen)"));
        };
        let token = r.callback_token().unwrap_or("").to_string();
        match inbox.wait_for(&token, s.callback_wait).await {
            Some(cb) => parse_rid(&cb.body),
            None => None,
        }
    } else {
        parse_rid(&r.body)
    };
    let t = answer.as_ref().and_then(|a| a.msg_type().cloned());
    let denied = answer
        .as_ref()
        .and_then(|a| a.request_status.as_ref())
        .is_some_and(|s| s.authorization == AuthorizationStatus::Denied);
    match t {
        Some(MsgType::Result) => Ok(()),
        Some(MsgType::Acknowledgement) if denied => Ok(()),
        Some(MsgType::Acknowledgement) | Some(MsgType::Report) => Err(w.unimplemented(format!(
            "the subject answered with {} and the Result may follow from another system; not checked further",
            t.map(|t| t.to_string()).unwrap_or_default()
        ))),
        other => w.fail(
            "RFC6545-6.1-request-result",
            "a Result (or a Denied Acknowledgement)",
            match other {
                Some(t) => format!("an answer of type {t}"),
                None => "no RID answer".into(),
            },
        ),
    }
}

#[then("the answer came in the HTTP response rather than by callback")]
async fn sync_answer(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-sync-answer"]);
    match status_of(w) {
        Some(202) => w.fail(
            "RFC6546-3-sync-answer",
            "the answer in the HTTP response (200)",
            "202 Accepted: the answer is left for a callback",
        ),
        Some(200) => Ok(()),
        _ => {
            let a = actual_status(w);
            w.fail("RFC6546-3-table1", "200 with the answer (or 202 and a later callback)", a)
        }
    }
}

#[then("the subject accepted it for a later answer")]
async fn accepted(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    match status_of(w) {
        Some(202) => Ok(()),
        Some(200) => Err(
            w.unimplemented("the subject answered at once (200): it does not use 202 and callbacks for this message")
        ),
        _ => {
            // Other statuses are judged by Table 1.
            table1(w).await
        }
    }
}

/// The evidence of a later answer the harness's listener took (and answered 200, empty).
fn callback_exchange(cb: &crate::transport::RidRequest, label: String) -> super::results::Exchange {
    let mut request = format!("POST / HTTP/1.1 (from {})\n", cb.remote);
    for (n, v) in &cb.headers {
        request.push_str(&format!("{n}: {}\n", String::from_utf8_lossy(v.as_bytes())));
    }
    request.push('\n');
    request.push_str(&super::world::body_text(&cb.body));
    super::results::Exchange {
        label,
        request,
        response: "HTTP/1.1 200 OK (empty body, RFC 6546 Table 1)".into(),
        error: None,
        tls: format!("client certificate of the subject: {}", cb.peer.subject),
    }
}

#[then("the later answer arrives by callback with the token")]
async fn callback_arrives(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    w.checks(&["RFC6546-3-answered", "RFC6546-3-accept-peers", "RFC6546-3-handle-table1"]);
    let g = w.last()?;
    let Some(inbox) = s.inbox.clone() else {
        return Err(w.skip("no callback listener was given (--callback-listen ADDR)"));
    };
    let token = g.reply.as_ref().ok().and_then(|r| r.callback_token()).unwrap_or("").to_string();
    let started = std::time::Instant::now();
    match inbox.wait_for(&token, s.callback_wait).await {
        Some(cb) => {
            w.exchanges
                .push(callback_exchange(&cb, format!("callback received after {} ms", started.elapsed().as_millis())));
            w.callback = Some(cb);
            Ok(())
        }
        None => w.fail(
            "RFC6546-3-answered",
            format!("a POST carrying RID-Callback-Token: {token} within {} s", s.callback_wait.as_secs()),
            "no callback arrived",
        ),
    }
}

#[then("the later answer arrives at the address the request came from")]
async fn callback_at_source(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    w.checks(&["RFC6546-3-callback-address"]);
    let g = w.last()?;
    let (Some(inbox), Some(at)) = (s.inbox.clone(), s.callback_addr) else {
        return Err(w.skip("no callback listener was given (--callback-listen ADDR)"));
    };
    let token = g.reply.as_ref().ok().and_then(|r| r.callback_token()).unwrap_or("").to_string();
    let started = std::time::Instant::now();
    match inbox.wait_for(&token, s.callback_wait).await {
        Some(cb) => {
            // The listener serves only POST / (other paths get 404 and are not kept), so a
            // callback in its inbox was POSTed to / at the address it listens on.
            let label = format!(
                "callback received at {at} (where the harness's request came from) after {} ms",
                started.elapsed().as_millis()
            );
            w.exchanges.push(callback_exchange(&cb, label));
            Ok(())
        }
        None => w.fail(
            "RFC6546-3-callback-address",
            format!(
                "a POST to / at {at} (the address the request came from; port 4590 unless configured) carrying \
                 RID-Callback-Token: {token} within {} s",
                s.callback_wait.as_secs()
            ),
            format!("nothing carrying that token arrived there ({} callbacks received in all)", inbox.all().len()),
        ),
    }
}

#[then("the callback answer is one the request may get")]
async fn callback_answer(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&[
        "RFC6545-6.1-request-answers",
        "RFC6545-7-answer-incidentid",
        "RFC6545-7-schema-valid",
        "RFC6546-3-media-type",
    ]);
    let g = w.last()?;
    let Some(cb) = w.callback.clone() else { return Err(w.error("no callback")) };
    let Some(sent) = g.sent.clone() else { return Err(w.error("the message sent is not a RID message")) };
    let mut f = validate_answer(&cb.body);
    let ct = cb.headers.get("content-type").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    if !ct.as_deref().is_some_and(flow::media_type_ok) {
        f.push(Finding::new(
            "RFC6546-3-media-type",
            "the callback is sent as text/xml",
            format!("Content-Type: {}", ct.unwrap_or_default()),
        ));
    }
    match parse_rid(&cb.body) {
        Some(m) => f.extend(findings_of(flow::check_answer(&sent, false, &Reply::Callback(&m)))),
        None => f.push(Finding::new(
            "RFC6546-3-answered",
            "a RID message in the callback",
            "a body that is not a RID message",
        )),
    }
    w.judge(f)
}

#[then("the two callback tokens differ")]
async fn tokens_differ(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6546-3-token-unique"]);
    let tokens: Vec<Option<String>> = w
        .got
        .iter()
        .map(|g| {
            g.reply
                .as_ref()
                .ok()
                .filter(|r| r.status.as_u16() == 202)
                .and_then(|r| r.callback_token().map(str::to_string))
        })
        .collect();
    match tokens.as_slice() {
        [Some(a), Some(b)] if a != b => Ok(()),
        [Some(a), Some(b)] => w.fail(
            "RFC6546-3-token-unique",
            "a different token for each accepted request",
            format!("both tokens are {a:?} and {b:?}"),
        ),
        _ => Err(w.unimplemented("the subject did not accept both requests with 202: no tokens to compare")),
    }
}

// ---------------------------------------------------------------------------------------------
// Policy

#[then("the answer is an Acknowledgement with AuthorizationStatus Denied and a Justification")]
async fn denied_ack(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    w.checks(&["RFC6545-7-refusal-ack", "RFC6545-6.2-ack-content", "RFC6545-6.1-request-result"]);
    let g = w.last()?;
    let Ok(r) = g.reply.clone() else { return Err(w.error("no response")) };
    let m = parse_rid(&r.body);
    let t = m.as_ref().and_then(|m| m.msg_type().cloned());
    let rs = m.as_ref().and_then(|m| m.request_status.clone());
    match (t, rs) {
        (Some(MsgType::Acknowledgement), Some(rs))
            if rs.authorization == AuthorizationStatus::Denied && rs.justification.is_some() =>
        {
            Ok(())
        }
        (Some(MsgType::Acknowledgement), None) => w.fail(
            "RFC6545-6.2-ack-content",
            "an Acknowledgement with RequestStatus",
            "an Acknowledgement without RequestStatus",
        ),
        (Some(MsgType::Acknowledgement), Some(rs)) => w.fail(
            "RFC6545-7-refusal-ack",
            "RequestStatus AuthorizationStatus=\"Denied\" with a Justification",
            format!("AuthorizationStatus {:?}, Justification {:?}", rs.authorization, rs.justification),
        ),
        (other, _) => w.fail(
            "RFC6545-7-refusal-ack",
            "the forbidden message refused with a Denied Acknowledgement",
            match other {
                Some(t) => format!("it was answered with {t} (status {})", r.status.as_u16()),
                None => format!("status {} with no RID answer", r.status.as_u16()),
            },
        ),
    }
}

#[when("the harness asks with a Query about that incident")]
async fn query_about(w: &mut RidWorld) -> Result<(), Stop> {
    w.ready()?;
    let Some((name, value)) = w.incident.clone() else { return Err(w.error("no fresh incident to ask about")) };
    let Some(q) = embedded::rid_message("valid/flow-7-query.xml") else { return Err(w.error("no Query template")) };
    let q = String::from_utf8_lossy(q).into_owned();
    let Some(id) = parse_rid(q.as_bytes()).and_then(|m| m.incident_id().cloned()) else {
        return Err(w.error("the Query template has no IncidentID"));
    };
    let text = q
        .replace(&format!(">{}<", id.value), &format!(">{value}<"))
        .replace(&format!("name=\"{}\"", id.name), &format!("name=\"{name}\""));
    w.outgoing = Some(Outgoing { label: format!("a Query about {name}#{value}"), body: text.into() });
    post(w, "/", "text/xml", None).await
}

#[then("the Report answering the Query holds the filed incident")]
async fn report_holds(w: &mut RidWorld) -> Result<(), Stop> {
    let s = w.ready()?;
    w.checks(&["RFC6545-7.3-report-filed", "RFC6545-6.5-query-answers"]);
    let g = w.last()?;
    let Some((_, value)) = w.incident.clone() else { return Err(w.error("no fresh incident")) };
    let Ok(r) = g.reply.clone() else { return Err(w.error("no response to the Query")) };
    let body = if r.status.as_u16() == 202 {
        let Some(inbox) = s.inbox.clone() else {
            return Err(w.skip("the Query was accepted with 202 and no callback listener was given"));
        };
        let token = r.callback_token().unwrap_or("").to_string();
        inbox.wait_for(&token, s.callback_wait).await.map(|c| c.body).unwrap_or_default()
    } else {
        r.body.clone()
    };
    let m = parse_rid(&body);
    match m.as_ref().and_then(|m| m.msg_type()) {
        Some(MsgType::Report) => {}
        Some(MsgType::Acknowledgement) => {
            return Err(w.unimplemented(
                "the subject does not answer Queries with the Reports it holds (it sent an Acknowledgement)",
            ));
        }
        _ => return w.fail("RFC6545-6.5-query-answers", "a Report or an Acknowledgement", "no RID answer"),
    }
    let held = m
        .and_then(|m| m.policy)
        .and_then(|p| p.report_schema)
        .and_then(|rs| rs.document)
        .map(|d| crate::xml::writer::to_document(&d))
        .unwrap_or_default();
    if held.contains(&value) {
        Ok(())
    } else {
        w.fail(
            "RFC6545-7.3-report-filed",
            format!("the Report holds the incident {value} filed just before"),
            "the Report does not mention it: the filed Report was not kept",
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Documents and libraries under test

#[given("the documents under test")]
async fn documents_under_test(w: &mut RidWorld) -> Result<(), Stop> {
    let d = w.documents()?;
    let Some(dir) = d.dir.clone() else {
        return Err(w.skip("no documents under test were given (--documents DIR)"));
    };
    w.outgoing = Some(Outgoing { label: dir.display().to_string(), body: Bytes::new() });
    Ok(())
}

#[then("every document is valid")]
async fn every_document_valid(w: &mut RidWorld) -> Result<(), Stop> {
    w.documents()?;
    w.checks(&["RFC6545-7-well-formed", "RFC6545-7-schema-valid"]);
    let dir = w.outgoing()?.label;
    let inputs = match crate::validate::collect_inputs(std::slice::from_ref(&dir)) {
        Ok(i) => i,
        Err(e) => return Err(w.error(format!("cannot read {dir}: {e}"))),
    };
    if inputs.is_empty() {
        return Err(w.error(format!("no *.xml document in {dir}")));
    }
    let reports = crate::validate::validate_all(&inputs, &Options::default(), 2);
    let mut f = Vec::new();
    for r in &reports {
        let verdict = match r.verdict() {
            Verdict::Valid => "valid".to_string(),
            Verdict::Invalid => format!("invalid ({} findings)", r.diagnostics.len()),
            Verdict::Error => format!("unreadable: {}", r.io_error.as_deref().unwrap_or("")),
        };
        w.exchanges.push(super::results::Exchange {
            label: format!("validate {}", r.source),
            request: format!("{} [{}]", r.source, r.kind.map_or("unknown kind", |k| k.as_str())),
            response: verdict,
            error: r.io_error.clone(),
            tls: String::new(),
        });
        if let Some(e) = &r.io_error {
            f.push(Finding::new("RFC6545-7-well-formed", "a readable document", format!("{}: {e}", r.source)));
        }
        for d in r.diagnostics.iter().take(5) {
            let mut finding = Finding::new(
                d.requirement.id,
                "a valid document",
                format!("{}:{}:{}: {}", r.source, d.pos.line, d.pos.col, d.message()),
            );
            // The validator's severity is the tier: a warning is a SHOULD, a note informs.
            finding.level = match d.severity {
                crate::diag::Severity::Error => finding.level,
                crate::diag::Severity::Warning => "SHOULD".into(),
                crate::diag::Severity::Note => "MAY".into(),
            };
            f.push(finding);
        }
    }
    w.judge(f)
}

#[given("the library under test")]
async fn library_under_test(w: &mut RidWorld) -> Result<(), Stop> {
    let d = w.documents()?;
    match &d.adapter {
        Some(a) if a.hello.operations.iter().any(|o| o == "validate" || o == "produce") => Ok(()),
        Some(a) => Err(w.unimplemented(format!("the adapter {} declares no operation", a.command))),
        None => Err(w.skip("no library under test was given (--adapter 'CMD')")),
    }
}

async fn validate_corpus(w: &mut RidWorld, corpus: &str, want_valid: bool) -> Result<(), Stop> {
    let d = w.documents()?;
    let Some(a) = &d.adapter else { return Err(w.skip("no adapter")) };
    if !a.hello.operations.iter().any(|o| o == "validate") {
        return Err(w.unimplemented("the library declares that it does not validate documents"));
    }
    let Some(embedded_corpus) = embedded::corpus(corpus) else {
        return Err(w.error(format!("no corpus folder {corpus:?} is built into this mile")));
    };
    let verdict = if want_valid { "valid" } else { "invalid" };
    let entries: Vec<_> = super::documents::manifest(corpus).into_iter().filter(|e| e.verdict == verdict).collect();
    if entries.is_empty() {
        return Err(w.error(format!("the {corpus} corpus lists no {verdict} document")));
    }
    for e in entries {
        let Some(bytes) = embedded_corpus.document(&e.file) else {
            return Err(w.error(format!("{corpus}/{}: listed in the manifest but not built in", e.file)));
        };
        let (kind, extension) = super::documents::document_kind(corpus, bytes);
        let got = a.validate(corpus, &e.file, kind, extension.as_deref(), bytes).await;
        w.verdicts.push(super::world::LibraryVerdict {
            file: format!("{corpus}/{}", e.file),
            want_valid,
            got,
            xsd_limit: e.xsd_limit().map(str::to_string),
            requirements: e.requirements,
        });
    }
    let n = w.verdicts.len();
    w.exchanges.push(super::results::Exchange {
        label: format!("{n} {verdict} documents of the {corpus} corpus sent to the adapter ({})", a.command),
        request: format!("{{\"op\":\"validate\",\"corpus\":\"{corpus}\",\"name\":...,\"kind\":...,\"document\":...}}"),
        response: w
            .verdicts
            .iter()
            .map(|v| match &v.got {
                Ok((ok, m)) => format!(
                    "{}: {}{}",
                    v.file,
                    if *ok { "valid" } else { "invalid" },
                    m.first().map_or(String::new(), |x| format!(" ({x})"))
                ),
                Err(e) => format!("{}: adapter error: {e}", v.file),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        error: None,
        tls: String::new(),
    });
    Ok(())
}

#[when(expr = "it validates every valid document of the {word} corpus")]
async fn validates_valid(w: &mut RidWorld, corpus: String) -> Result<(), Stop> {
    validate_corpus(w, &corpus, true).await
}

#[when(expr = "it validates every invalid document of the {word} corpus")]
async fn validates_invalid(w: &mut RidWorld, corpus: String) -> Result<(), Stop> {
    validate_corpus(w, &corpus, false).await
}

/// Judges the library's verdicts. A valid document rejected fails the scenario's requirement; an
/// invalid document accepted fails the rule it breaks, except when the library declares that it
/// validates against the XSDs only (`"validates":"xsd"`) and the manifest records that the rule is
/// RFC prose the XSD cannot express: that is a known XSD limitation, reported at the MAY tier
/// (it informs, it does not fail; see docs/adapter.md).
fn judge_verdicts(w: &mut RidWorld) -> Result<(), Stop> {
    let xsd_only = w.docs.as_ref().and_then(|d| d.adapter.as_ref()).is_some_and(|a| a.hello.xsd_only());
    let scenario_req =
        if w.scenario_req.is_empty() { "RFC6545-7-schema-valid".to_string() } else { w.scenario_req.clone() };
    let mut f = Vec::new();
    let mut errors = Vec::new();
    for v in &w.verdicts {
        let file = &v.file;
        match &v.got {
            Ok((ok, _)) if *ok == v.want_valid => {}
            Ok((_, msgs)) if v.want_valid => f.push(Finding::new(
                &scenario_req,
                format!("{file} accepted: the corpus manifest says it is valid"),
                format!("rejected{}", msgs.first().map_or(String::new(), |m| format!(": {m}"))),
            )),
            Ok(_) => {
                let req = v.requirements.first().map_or(scenario_req.as_str(), String::as_str);
                match &v.xsd_limit {
                    Some(reason) if xsd_only => {
                        let mut finding = Finding::new(
                            req,
                            format!(
                                "{file} rejected by a full validator: it breaks {} (known XSD limitation, not \
                                 required of an XSD-only validator: {reason})",
                                v.requirements.join(", ")
                            ),
                            "accepted as valid by the XSD-only library",
                        );
                        finding.level = "MAY".into();
                        f.push(finding);
                    }
                    _ => f.push(Finding::new(
                        req,
                        format!("{file} rejected: it breaks {}", v.requirements.join(", ")),
                        "accepted as valid",
                    )),
                }
            }
            Err(e) => errors.push(format!("{file}: {e}")),
        }
    }
    if !errors.is_empty() {
        return Err(w.error(format!("the adapter failed on {} documents: {}", errors.len(), errors.join("; "))));
    }
    w.judge(f)
}

#[then("it accepts every one")]
async fn accepts_every_one(w: &mut RidWorld) -> Result<(), Stop> {
    w.documents()?;
    w.checks_scenario();
    judge_verdicts(w)
}

#[then("it rejects every one, citing its rule")]
async fn rejects_every_one(w: &mut RidWorld) -> Result<(), Stop> {
    w.documents()?;
    w.checks_scenario();
    let reqs: std::collections::BTreeSet<String> =
        w.verdicts.iter().flat_map(|v| v.requirements.iter().cloned()).collect();
    w.judged.extend(reqs);
    judge_verdicts(w)
}

#[when(expr = "it produces a {word}")]
async fn produces(w: &mut RidWorld, msg_type: String) -> Result<(), Stop> {
    let d = w.documents()?;
    let Some(a) = &d.adapter else { return Err(w.skip("no adapter")) };
    if !a.hello.operations.iter().any(|o| o == "produce") || !a.hello.produces.iter().any(|p| p == &msg_type) {
        return Err(w.unimplemented(format!("the library declares that it does not produce {msg_type} messages")));
    }
    match a.produce(&msg_type).await {
        Ok(Some(doc)) => {
            w.exchanges.push(super::results::Exchange {
                label: format!("the library produced a {msg_type}"),
                request: format!("{{\"op\":\"produce\",\"kind\":\"rid\",\"msg_type\":\"{msg_type}\"}}"),
                response: super::world::body_text(doc.as_bytes()),
                error: None,
                tls: String::new(),
            });
            w.produced = Some((msg_type, doc));
            Ok(())
        }
        Ok(None) => Err(w.unimplemented(format!("the library answered that it cannot produce {msg_type}"))),
        Err(e) => Err(w.error(format!("the adapter failed: {e}"))),
    }
}

#[then("the produced document is a valid RID message of that type")]
async fn produced_valid(w: &mut RidWorld) -> Result<(), Stop> {
    w.documents()?;
    w.checks(&["RFC6545-7-schema-valid", "RFC6545-5.1-msgtype"]);
    let Some((t, doc)) = w.produced.clone() else { return Err(w.error("nothing was produced")) };
    let mut f = validate_answer(doc.as_bytes());
    let got = parse_rid(doc.as_bytes()).and_then(|m| m.msg_type().map(|x| x.to_string()));
    if got.as_deref() != Some(t.as_str()) {
        f.push(Finding::new(
            "RFC6545-5.1-msgtype",
            format!("a RID message with MsgType {t}"),
            format!("MsgType {}", got.unwrap_or_else(|| "none".into())),
        ));
    }
    w.judge(f)
}

// ---------------------------------------------------------------------------------------------
// The client under test

async fn run_client(w: &mut RidWorld, kind: ServerKind, what: &str) -> Result<(), Stop> {
    let c = w.client_subject()?;
    let o = w.outgoing()?;
    let run = match c.run(&o.body, &kind).await {
        Ok(r) => r,
        Err(e) => return Err(w.error(e.to_string())),
    };
    let mut response =
        format!("exit code: {}\n{}", run.exit.map_or("none (killed)".into(), |c| c.to_string()), run.output);
    for r in &run.received {
        response.push_str(&format!(
            "\n[received] POST / from {} ({} bytes, certificate {})",
            r.remote,
            r.body.len(),
            r.peer.subject
        ));
    }
    response.push_str(&format!("\n[answered] {}", run.answered));
    if let Some(d) = &run.delivery {
        response.push_str(&format!(
            "\n[later answer] {} with RID-Callback-Token {} to {} ({} attempt(s)): {}",
            d.msg_type,
            d.token,
            d.url,
            d.attempts,
            match (d.status, &d.error) {
                (Some(s), _) => format!("answered {s}, {} byte body", d.body_len),
                (None, Some(e)) => format!("not delivered: {e}"),
                (None, None) => "not delivered".into(),
            }
        ));
    }
    let tls = match &kind {
        ServerKind::Certificate(s) => format!("harness server certificate: {s}.crt"),
        _ => "harness server certificate: server.crt".into(),
    };
    w.exchanges.push(super::results::Exchange {
        label: format!("the client under test was told to send {} to {what}", o.label),
        request: run.command.clone(),
        response,
        error: None,
        tls,
    });
    w.client_run = Some(run);
    Ok(())
}

#[when("the client under test is told to send it to the harness")]
async fn client_sends(w: &mut RidWorld) -> Result<(), Stop> {
    run_client(w, ServerKind::Proper, "the harness").await
}

#[when(expr = "the client under test is told to send it to a server with the certificate {string}")]
async fn client_sends_bad(w: &mut RidWorld, stem: String) -> Result<(), Stop> {
    let what = format!("a server presenting {stem}.crt");
    run_client(w, ServerKind::Certificate(stem), &what).await
}

#[when("the client under test is told to send it to a server that redirects")]
async fn client_sends_redirect(w: &mut RidWorld) -> Result<(), Stop> {
    run_client(w, ServerKind::Redirect, "a server that answers 302 Found").await
}

#[when(
    regex = r"^the client under test is told to send it to a server that answers 200 with (an Acknowledgement|a Result|a Report|an empty body)$"
)]
async fn client_sends_answered(w: &mut RidWorld, answer: String) -> Result<(), Stop> {
    let a = match answer.as_str() {
        "an Acknowledgement" => ServerAnswer::With(MsgType::Acknowledgement),
        "a Result" => ServerAnswer::With(MsgType::Result),
        "a Report" => ServerAnswer::With(MsgType::Report),
        _ => ServerAnswer::Empty,
    };
    run_client(w, ServerKind::Answering(a), &format!("a server that answers 200 with {answer}")).await
}

#[when("the client under test is told to send it to a server that answers 202 Accepted and calls back later")]
async fn client_sends_accepted(w: &mut RidWorld) -> Result<(), Stop> {
    run_client(w, ServerKind::Answering(ServerAnswer::Accepted), "a server that answers 202 and calls back later").await
}

#[when(expr = "the client under test is told to send it to a server that answers {int}")]
async fn client_sends_status(w: &mut RidWorld, status: u16) -> Result<(), Stop> {
    if !(400..600).contains(&status) {
        return Err(w.error(format!("{status} is not a refusal status")));
    }
    run_client(w, ServerKind::Answering(ServerAnswer::Status(status)), &format!("a server that answers {status}")).await
}

fn client_run(w: &mut RidWorld) -> Result<super::client::ClientRun, Stop> {
    match w.client_run.clone() {
        Some(r) => Ok(r),
        None => Err(w.error("the client was not run")),
    }
}

#[then("the harness received it as a POST to / in text/xml")]
async fn client_delivered(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks(&["RFC6546-3-post-root", "RFC6546-3-media-type", "RFC6546-3-mutual-auth"]);
    let run = client_run(w)?;
    let Some(r) = run.received.first() else {
        let req = w.scenario_req.clone();
        return w.fail(
            &req,
            "one POST to / with Content-Type text/xml over mutual TLS",
            format!("nothing reached the RID server (the client exited {:?})", run.exit),
        );
    };
    let mut f = Vec::new();
    if r.path != "/" {
        f.push(Finding::new("RFC6546-3-post-root", "the Request-URI /", format!("{} (answered 404)", r.path)));
    }
    let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("(none)");
    if !flow::media_type_ok(content_type) {
        f.push(Finding::new(
            "RFC6546-3-media-type",
            "Content-Type text/xml",
            format!("Content-Type {content_type} (answered 415)"),
        ));
    }
    w.judge(f)
}

#[then("the body received is the valid RID message it was given")]
async fn client_body(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks(&["RFC6545-7-schema-valid", "RFC6545-7-answer-incidentid"]);
    let run = client_run(w)?;
    let o = w.outgoing()?;
    let Some(r) = run.received.first() else { return Err(w.error("nothing received")) };
    let mut f = validate_answer(&r.body);
    let sent = o.message().and_then(|m| m.incident_id().cloned());
    let got = parse_rid(&r.body).and_then(|m| m.incident_id().cloned());
    if sent != got {
        f.push(Finding::new(
            "RFC6545-7-answer-incidentid",
            "the message as given (same IncidentID)",
            format!("IncidentID {:?}", got.map(|i| format!("{}#{}", i.name, i.value))),
        ));
    }
    w.judge(f)
}

#[then("the client does not deliver it")]
async fn client_refuses(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks_scenario();
    let run = client_run(w)?;
    if run.received.is_empty() {
        return Ok(());
    }
    let req = w.scenario_req.clone();
    w.fail(
        &req,
        "the client refuses the server's certificate: nothing is sent",
        format!("the message was delivered ({} request)", run.received.len()),
    )
}

#[then("the client does not follow the redirection")]
async fn client_no_follow(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks(&["RFC6546-3-no-redirect"]);
    let run = client_run(w)?;
    if run.followed == 0 {
        return Ok(());
    }
    w.fail(
        "RFC6546-3-no-redirect",
        "no connection to the Location of the 302",
        format!("the client followed it: {} connection(s) to the Location", run.followed),
    )
}

#[then("the client completes the exchange")]
async fn client_completes(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks(&["RFC6546-3-handle-table1"]);
    let run = client_run(w)?;
    let mut f = Vec::new();
    if run.received.is_empty() {
        f.push(Finding::new("RFC6546-3-handle-table1", "the message delivered", "nothing arrived".to_string()));
    }
    if run.exit != Some(0) {
        f.push(Finding::new(
            "RFC6546-3-handle-table1",
            format!("the client takes the answer ({}) and exits 0", run.answered),
            match run.exit {
                Some(c) => format!("exit code {c}"),
                None => "the client did not finish in time".into(),
            },
        ));
    }
    w.judge(f)
}

#[then("the client takes the later answer with 200 and an empty body")]
async fn client_takes_later(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks(&["RFC6546-3-handle-table1", "RFC6546-3-table1"]);
    let run = client_run(w)?;
    let Some(d) = run.delivery.clone() else {
        return Err(w.error("no later answer was owed: the message is not a Request or a Query"));
    };
    let f = match (d.status, d.body_len) {
        (Some(200), 0) => Vec::new(),
        (Some(s), n) => vec![Finding::new(
            "RFC6546-3-table1",
            "200 with an empty body (Table 1: a callback delivery)",
            format!("{s} with a {n} byte body"),
        )],
        (None, _) => vec![Finding::new(
            "RFC6546-3-handle-table1",
            format!("the later answer accepted at {} (where the request came from, the client's callback port)", d.url),
            format!("not delivered after {} attempt(s): {}", d.attempts, d.error.unwrap_or_default()),
        )],
    };
    w.judge(f)
}

#[then("the client reports that the message was not accepted")]
async fn client_reports_refusal(w: &mut RidWorld) -> Result<(), Stop> {
    w.client_subject()?;
    w.checks(&["RFC6546-3-refusal-not-delivered"]);
    let run = client_run(w)?;
    if run.received.is_empty() {
        return Err(w.error("the message never reached the server, so its refusal was not seen"));
    }
    match run.exit {
        Some(c) if c != 0 => Ok(()),
        Some(_) => w.fail(
            "RFC6546-3-refusal-not-delivered",
            format!("a non-zero exit: the server answered {}", run.answered),
            "exit code 0, as if the message had been accepted".to_string(),
        ),
        None => w.fail(
            "RFC6546-3-refusal-not-delivered",
            format!("a non-zero exit: the server answered {}", run.answered),
            "the client did not finish in time".to_string(),
        ),
    }
}
