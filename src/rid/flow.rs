//! The flow table: which RID message may answer which (RFC 6545 §6–7), and how the answer
//! travels over HTTP (RFC 6546 §3, Table 1). One table, used by the reference peer to answer
//! and by the harness and `mile validate --answer-to` to judge answers.

use super::message::{MsgType, RidMessage};

/// One row of RFC 6546 Table 1: what an HTTP request carrying `request` may get back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The message type in the HTTP request.
    pub request: MsgType,
    /// Is the request itself a callback (a reply delivered later, after a 202)?
    pub callback: bool,
    /// HTTP status.
    pub status: u16,
    /// The message type in the response body; `None` for an empty body.
    pub answer: Option<MsgType>,
}

/// RFC 6546 Table 1, row by row.
pub fn table1() -> Vec<Row> {
    use MsgType::*;
    let row = |request: MsgType, callback: bool, status: u16, answer: Option<MsgType>| Row {
        request,
        callback,
        status,
        answer,
    };
    vec![
        row(InvestigationRequest, false, 200, Some(Acknowledgement)),
        row(InvestigationRequest, false, 200, Some(Result)),
        row(InvestigationRequest, false, 200, Some(Report)),
        row(InvestigationRequest, false, 202, None),
        row(TraceRequest, false, 200, Some(Acknowledgement)),
        row(TraceRequest, false, 200, Some(Result)),
        row(TraceRequest, false, 200, Some(Report)),
        row(TraceRequest, false, 202, None),
        row(Query, false, 200, Some(Acknowledgement)),
        row(Query, false, 200, Some(Report)),
        row(Query, false, 202, None),
        row(Acknowledgement, true, 200, None),
        row(Result, true, 200, None),
        row(Report, false, 200, Some(Acknowledgement)),
        row(Report, false, 200, None),
        row(Report, true, 200, None),
    ]
}

/// The rows that apply to a request of type `t`. Table 1 has no row for an Acknowledgement or
/// Result that is not a callback (e.g. the Result a trace's last hop sends straight to the
/// originator, RFC 6545 Figure 8): such a message is read as a callback (200, empty body).
pub fn rows_for(t: &MsgType, callback: bool) -> Vec<Row> {
    let callback = callback || matches!(t, MsgType::Acknowledgement | MsgType::Result);
    table1().into_iter().filter(|r| &r.request == t && r.callback == callback).collect()
}

/// The message types that may answer `t` at the RID level (RFC 6545 §7), whatever the channel.
pub fn answer_types(t: &MsgType) -> &'static [&'static str] {
    match t {
        MsgType::TraceRequest | MsgType::InvestigationRequest => &["Acknowledgement", "Result", "Report"],
        MsgType::Query => &["Acknowledgement", "Report"],
        MsgType::Report | MsgType::Result => &["Acknowledgement"],
        MsgType::Acknowledgement | MsgType::Ext(_) => &[],
    }
}

/// The requirement naming the legal answers to a message type.
pub fn answers_req(t: &MsgType) -> &'static str {
    match t {
        MsgType::TraceRequest | MsgType::InvestigationRequest => "RFC6545-6.1-request-answers",
        MsgType::Query => "RFC6545-6.5-query-answers",
        MsgType::Report => "RFC6545-6.4-report-answers",
        MsgType::Result => "RFC6545-6.3-result-answers",
        MsgType::Acknowledgement | MsgType::Ext(_) => "RFC6546-3-corresponding-answer",
    }
}

/// An answer as it arrived.
#[derive(Debug, Clone, Copy)]
pub enum Reply<'a> {
    /// The HTTP response to the request.
    Http {
        /// Status code.
        status: u16,
        /// Content-Type header, if any.
        content_type: Option<&'a str>,
        /// Body length in bytes.
        body_len: usize,
        /// The RID message in the body, if it is one.
        message: Option<&'a RidMessage>,
        /// The `RID-Callback-Token` header, if any.
        token: Option<&'a str>,
    },
    /// A later answer delivered by callback (its own POST).
    Callback(&'a RidMessage),
}

/// One way in which an answer does not conform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The requirement broken.
    pub req: &'static str,
    /// What was found.
    pub found: String,
    /// What the rule expects.
    pub expected: String,
}

fn finding(req: &'static str, found: impl Into<String>, expected: impl Into<String>) -> Finding {
    Finding { req, found: found.into(), expected: expected.into() }
}

/// Is `token` a legal `RID-Callback-Token` (RFC 6546 §3: `1*255(VCHAR)`)?
pub fn token_ok(token: &str) -> bool {
    !token.is_empty() && token.len() <= 255 && token.bytes().all(|b| (0x21..=0x7E).contains(&b))
}

/// Is `content_type` the RID media type `text/xml` (parameters allowed)?
pub fn media_type_ok(content_type: &str) -> bool {
    content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("text/xml"))
}

fn describe(rows: &[Row]) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|r| match &r.answer {
            Some(a) => format!("{} with {a}", r.status),
            None if r.status == 202 => "202 with an empty body and a RID-Callback-Token".into(),
            None => format!("{} with an empty body", r.status),
        })
        .collect();
    parts.join(", ")
}

/// Judge an answer to `request` (sent as a callback when `request_is_callback`). Returns every
/// finding; an empty list means the answer conforms.
pub fn check_answer(request: &RidMessage, request_is_callback: bool, reply: &Reply<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(req_type) = request.msg_type() else {
        out.push(finding("RFC6545-6-ridpolicy", "the request has no RIDPolicy", "a message type to answer"));
        return out;
    };
    if let MsgType::Ext(x) = req_type {
        out.push(finding(
            "RFC6546-3-table1",
            format!("the request has the private message type ext-value ({x})"),
            "a message type of RFC 6545: Table 1 says nothing about private ones",
        ));
        return out;
    }
    let answer_msg = match reply {
        Reply::Http { status, content_type, body_len, message, token } => {
            let rows = rows_for(req_type, request_is_callback);
            let fits = rows.iter().any(|r| {
                r.status == *status
                    && match (&r.answer, message) {
                        (None, _) => *body_len == 0,
                        (Some(a), Some(m)) => m.msg_type() == Some(a),
                        (Some(_), None) => false,
                    }
            });
            if !fits {
                let got = match message.and_then(|m| m.msg_type()) {
                    Some(t) => format!("{status} with {t}"),
                    None if *body_len == 0 => format!("{status} with an empty body"),
                    None => format!("{status} with a {body_len}-byte body that is not a RID message"),
                };
                let (req, why) = if message.is_some() && rows.iter().any(|r| r.status == *status) {
                    ("RFC6546-3-corresponding-answer", "a body that answers it")
                } else {
                    ("RFC6546-3-table1", "a status Table 1 allows")
                };
                out.push(finding(
                    req,
                    format!("the {req_type} was answered {got}"),
                    format!("{why}: {}", describe(&rows)),
                ));
            }
            if *status == 202 {
                if *body_len != 0 {
                    out.push(finding(
                        "RFC6546-3-accepted-empty",
                        format!("the 202 response has a {body_len}-byte body"),
                        "a zero-length body",
                    ));
                }
                match token {
                    None => out.push(finding(
                        "RFC6546-3-callback-token",
                        "the 202 response has no RID-Callback-Token header",
                        "a token of 1 to 255 visible ASCII characters",
                    )),
                    Some(t) if !token_ok(t) => out.push(finding(
                        "RFC6546-3-callback-token",
                        format!("RID-Callback-Token is {t:?}"),
                        "1 to 255 visible ASCII characters (no spaces)",
                    )),
                    Some(_) => {}
                }
            }
            if *body_len > 0 && !content_type.is_some_and(media_type_ok) {
                out.push(finding(
                    "RFC6546-3-media-type",
                    format!(
                        "the response body has Content-Type {}",
                        content_type.map_or("(none)".into(), |c| format!("{c:?}"))
                    ),
                    "text/xml",
                ));
            }
            *message
        }
        Reply::Callback(m) => Some(*m),
    };
    if let Some(answer) = answer_msg {
        out.extend(check_correspondence(request, req_type, answer));
    }
    out
}

/// RID-level checks of an answer message against the message it answers.
fn check_correspondence(request: &RidMessage, req_type: &MsgType, answer: &RidMessage) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(ans_type) = answer.msg_type() else { return out };
    let legal = answer_types(req_type);
    if !legal.contains(&ans_type.as_str()) {
        let expected = match legal {
            [] => "no RID answer at all".to_string(),
            [one] => format!("an answer of type {one}, or none"),
            many => format!("an answer of type {}", many.join(", ")),
        };
        out.push(finding(answers_req(req_type), format!("the {req_type} was answered by {ans_type}"), expected));
    }
    if let (Some(q), Some(a)) = (request.incident_id(), answer.incident_id()) {
        // A Report answering a Query about an incident type may name the responder's own
        // incidents (RFC 6545 §7.4); a Query about one incident is answered about that incident.
        let type_query = matches!(req_type, MsgType::Query) && q.value.trim().is_empty();
        if !type_query && (q.name != a.name || q.value != a.value) {
            out.push(finding(
                "RFC6545-7-answer-incidentid",
                format!(
                    "the answer's IncidentID is {}#{} while the request's is {}#{}",
                    a.name, a.value, q.name, q.value
                ),
                "the answer names the incident of the message it answers",
            ));
        }
    }
    if let (Some(qp), Some(ap)) = (&request.policy, &answer.policy) {
        if !ap.regions.is_empty() && !qp.regions.is_empty() && !ap.regions.iter().any(|r| qp.regions.contains(r)) {
            let names = |v: &Vec<super::PolicyRegion>| v.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
            out.push(finding(
                "RFC6545-7-answer-region",
                format!(
                    "the answer's PolicyRegion is {} while the request's is {}",
                    names(&ap.regions),
                    names(&qp.regions)
                ),
                "an answer stays within the sharing range of the message it answers",
            ));
        }
    }
    out
}
