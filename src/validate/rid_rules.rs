//! RFC 6545 (RID) prose rules that the schema cannot express: per-message content (§6),
//! ReportSchema (§5.6), encoding (§5.5), and the RFC's own spelling slips.
//!
//! Each rule cites its catalog entry (`src/requirements/rfc6545.rs`, the block after the schema
//! entries). The rules that relate a message to its answer belong to the flow table
//! (`crate::rid::flow`); here every check looks at one message.
//!
//! The rules keep a stack of open elements (only the ones that matter get a role), facts about
//! the message (its RIDPolicy, RequestStatus, IncidentSource and the document carried in
//! ReportSchema/XMLDocument) and facts about each Incident of a carried IODEF 1.0 document. The
//! per-message checks run when the RID element ends; the per-Incident checks when the Incident
//! ends (RIDPolicy, and so the message type, always comes first).

use super::{Cx, Rules, entity, literal_specials, prose};
use crate::diag::{Diagnostic, Kind, Pos};
use crate::schema::engine::{cite, severity_of};
use crate::schema::{iodef1, rid2, xmldsig};
use crate::xml::{Encoding, NsId, StartTag, Text, XmlErrorKind};

/// Well-formedness (RFC 6545 §7).
pub const WELL_FORMED: &str = "RFC6545-7-well-formed";
/// No DTD (RFC 6545 §7).
pub const NO_DTD: &str = "RFC6545-7-no-dtd";
/// Special characters escaped (RFC 6545 §5.5).
pub const ESCAPED: &str = "RFC6545-5.5-escape";
/// UTF-8 (RFC 6545 §5.5).
pub const UTF8: &str = "RFC6545-5.5-utf8";
/// The root element RID (RFC 6545 §5.4).
pub const ROOT: &str = "RFC6545-5.4-rid-document";

/// The requirement a reader error breaks.
pub fn xml_error_req(kind: &XmlErrorKind) -> &'static str {
    match kind {
        XmlErrorKind::Doctype | XmlErrorKind::UndefinedEntity { .. } => NO_DTD,
        XmlErrorKind::LtInAttributeValue | XmlErrorKind::BadReference { .. } | XmlErrorKind::CdataEndInText => ESCAPED,
        XmlErrorKind::InvalidUtf8
        | XmlErrorKind::EncodingMismatch { .. }
        | XmlErrorKind::UnsupportedEncoding { .. } => UTF8,
        _ => WELL_FORMED,
    }
}

const XENC: &str = "http://www.w3.org/2001/04/xmlenc#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const XSLT: &str = "http://www.w3.org/TR/1999/REC-xslt-19991116";
const XPATH1: &str = "http://www.w3.org/TR/1999/REC-xpath-19991116";
const XPATH_FILTER2: &str = "http://www.w3.org/2002/06/xmldsig-filter2";
const EXC_C14N: &[&str] =
    &["http://www.w3.org/2001/10/xml-exc-c14n#", "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"];

/// The message type, from RIDPolicy@MsgType (§4.2, §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Msg {
    /// TraceRequest or InvestigationRequest (§6.1).
    Request,
    Acknowledgement,
    Result,
    Report,
    Query,
    /// ext-value or a value the schema rejects: no per-type rule applies.
    Other,
}

impl Msg {
    fn of(v: &str) -> Msg {
        match v {
            "TraceRequest" | "InvestigationRequest" => Msg::Request,
            "Acknowledgement" => Msg::Acknowledgement,
            "Result" => Msg::Result,
            "Report" => Msg::Report,
            "Query" => Msg::Query,
            _ => Msg::Other,
        }
    }
}

/// What an element is to these rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum El {
    #[default]
    Other,
    Rid,
    RidPolicy,
    /// iodef:Node in RIDPolicy.
    PolicyNode,
    ReportSchema,
    XmlDocument,
    /// ReportSchema/Signature.
    RidSignature,
    IncidentSource,
    /// iodef:Node in IncidentSource.
    SourceNode,
    /// iodef:Address in one of the two Nodes above.
    Address,
    NodeName,
    /// Inside the carried IODEF document.
    Incident,
    Assessment,
    EventData,
    History,
    HistoryItem,
    Expectation,
    /// XML-DSig.
    DsSignature,
    DsSignedInfo,
}

#[derive(Debug, Default)]
struct Frame {
    el: El,
    pos: Pos,
    len: u32,
    /// Inside XMLDocument or ReportSchema/Signature (content the RID schema lets through).
    carried: bool,
    /// Collected character data (Address, NodeName) and where it starts.
    text: String,
    text_pos: Option<Pos>,
    collect: bool,
    /// Address: its category names an IP address.
    ip_category: bool,
    /// Node: an Address holding an IP address; the first Address that does not; the NodeName.
    ip_address: bool,
    /// (Boxed, like `c14n`: rare, and a frame is pushed and popped for every element.)
    bad_address: Option<Box<(Pos, u32, String, String)>>,
    node_name: Option<Box<(Pos, u32, String)>>,
    /// Assessment: an Impact and a Confidence child.
    impact: bool,
    confidence: bool,
    /// EventData: its Flow lists a System with category infrastructure.
    infra: bool,
    /// Expectation, HistoryItem: a Description child.
    described: bool,
    /// XMLDocument: element children; where its first non-white-space text is.
    children: u32,
    stray_text: Option<Pos>,
    /// ReportSchema/Signature: holds a ds:Signature.
    ds_signature: bool,
    /// ds:Signature: a Reference uses the enveloped-signature transform; its
    /// CanonicalizationMethod (algorithm, position, length, path).
    enveloped: bool,
    c14n: Option<Box<(String, Pos, u32, String)>>,
}

/// The root element of the document carried in XMLDocument.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Payload {
    /// No XMLDocument.
    #[default]
    None,
    /// XMLDocument without an element.
    Empty,
    /// iodef:IODEF-Document.
    Iodef,
    /// Another IODEF 1.0 element than IODEF-Document (a fragment).
    Fragment,
    /// An element in no namespace or in the RID namespace (§5.6 item 1 reported).
    NoOwnNamespace,
    /// xenc:EncryptedData.
    Encrypted,
    /// An element in another namespace.
    Foreign(String),
}

impl Payload {
    fn clear(&self) -> bool {
        !matches!(self, Payload::None | Payload::Empty | Payload::Encrypted)
    }
}

/// An attribute of interest: trimmed value, position, length, path of its element.
#[derive(Debug, Clone)]
struct At {
    value: String,
    pos: Pos,
    len: u32,
    path: String,
}

#[derive(Debug, Default)]
struct Policy {
    pos: Pos,
    len: u32,
    path: String,
    msg: Option<Msg>,
    msg_type: Option<At>,
    destination: String,
    restriction: Option<At>,
    incident_id: bool,
    traffic: Vec<At>,
    schema_id: Option<At>,
    ext_schema_id: Option<At>,
}

#[derive(Debug, Default)]
struct Incident {
    pos: Pos,
    len: u32,
    detect: bool,
    start: bool,
    end: bool,
    assessed: bool,
    first_assessment: Option<(Pos, u32)>,
    impact: bool,
    method: bool,
    source: bool,
    target: bool,
    /// A System other than an infrastructure one.
    system: bool,
    infra: bool,
    record: bool,
    record_in_path: bool,
    history: bool,
    described: bool,
}

/// Values that are not in the RFC 6545 enumerations but that the prose or RFC 6045 uses: a note
/// for the schema's diagnostic.
const OLD_VALUES: &[(&str, &str, &str)] = &[
    (
        "RFC6545-5.1-msgtype",
        "Request",
        "Request is the prose's name for the message type (§4.2, §6.1); on the wire MsgType says TraceRequest or InvestigationRequest",
    ),
    (
        "RFC6545-5.1-msgtype",
        "RequestAuthorization",
        "RequestAuthorization is the RFC 6045 name; RFC 6545 renamed it Acknowledgement",
    ),
    (
        "RFC6545-5.1-msgtype",
        "Investigation",
        "Investigation is the RFC 6045 name; RFC 6545 renamed it InvestigationRequest",
    ),
    ("RFC6545-5.1-msgtype", "IncidentQuery", "IncidentQuery is the RFC 6045 name; RFC 6545 renamed it Query"),
    ("RFC6545-5.1-region", "ClientToNP", "ClientToNP is the RFC 6045 name; RFC 6545 renamed it ClientToSP"),
    ("RFC6545-5.1-region", "NPToClient", "NPToClient is the RFC 6045 name; RFC 6545 renamed it SPToClient"),
    (
        "RFC6545-5.1-region",
        "AcrossNationalBoundaries",
        "AcrossNationalBoundaries is an RFC 6045 value that RFC 6545 removed",
    ),
    ("RFC6545-5.1-traffictype-type", "OfficialBusiness", "OfficialBusiness is an RFC 6045 value that RFC 6545 removed"),
];

/// The RID prose rules.
#[derive(Debug, Default)]
pub struct RidRules {
    ns: Option<(NsId, NsId, NsId)>,
    frames: Vec<Frame>,
    root: Option<(Pos, u32)>,
    policy: Option<Policy>,
    request_status: Option<(Pos, u32, String)>,
    incident_source: Option<(Pos, u32, String)>,
    payload: Payload,
    /// Depth of the carried iodef:IODEF-Document, when there is one.
    iodef_depth: Option<usize>,
    incident: Option<Incident>,
    /// Over all Incidents: one with a Method and an Impact; an Expectation or HistoryItem with
    /// a Description; at least one Incident.
    attack_described: bool,
    traffic_described: bool,
    incidents: u32,
    /// Positions of xenc:EncryptedData standing in for RID classes (refined to §6.1).
    encrypted_policy: Vec<Pos>,
    /// Positions of elements in the RID namespace that the RID schema does not declare.
    undeclared: Vec<(Pos, Option<&'static str>)>,
}

/// Report with an explicit element path (for findings decided after their element ended).
fn report_at(cx: &mut Cx<'_, '_>, req: &'static str, kind: Kind, pos: Pos, len: u32, path: &str) {
    cx.engine.diags.push(Diagnostic {
        requirement: cite(req),
        severity: severity_of(req),
        kind,
        pos,
        len,
        path: path.to_string(),
        notes: vec![],
    });
}

fn is_ip(s: &str) -> bool {
    s.trim().parse::<std::net::IpAddr>().is_ok()
}

/// An algorithm URI naming SHA-1 (a digest, or a signature or MAC over SHA-1).
fn is_sha1(uri: &str) -> bool {
    let frag = uri.trim().rsplit(['#', '/']).next().unwrap_or("").to_ascii_lowercase();
    frag == "sha1" || frag.ends_with("-sha1")
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.to_string(),
        None => String::new(),
    }
}

fn clip(s: &str) -> String {
    let t: String = s.trim().chars().take(40).collect();
    if t.len() < s.trim().len() { format!("{t}…") } else { t }
}

impl RidRules {
    fn parent(&self) -> Option<&Frame> {
        self.frames.last()
    }

    fn nearest(&mut self, el: El) -> Option<&mut Frame> {
        self.frames.iter_mut().rev().find(|f| f.el == el)
    }

    fn msg(&self) -> Option<Msg> {
        self.policy.as_ref().and_then(|p| p.msg)
    }

    fn root_checks(&mut self, cx: &mut Cx<'_, '_>) {
        let start = Pos::START.here();
        match cx.decl {
            None => cx.report(
                "RFC6545-5.5-xml-declaration",
                prose(
                    "the message does not begin with an XML declaration",
                    "a RID message must start with one stating the XML version: <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                ),
                start,
                1,
            ),
            Some(d) => {
                let declared = d.encoding.as_deref().map(str::to_ascii_lowercase);
                let found = match (cx.encoding, declared.as_deref()) {
                    (Encoding::Utf16Le | Encoding::Utf16Be, _) => Some("the message is encoded in UTF-16".to_string()),
                    (_, Some(e)) if e != "utf-8" => {
                        Some(format!("the XML declaration names the encoding {:?}", d.encoding.as_deref().unwrap_or("")))
                    }
                    _ => None,
                };
                if let Some(found) = found {
                    let kind = prose(found, "RFC 6545 §5.5 requires UTF-8 (encoding=\"UTF-8\")");
                    cx.report(UTF8, kind, start, 5);
                }
            }
        }
    }

    /// §5.5: `>`, `"` and `'` written literally in an attribute value.
    fn escape_attributes(cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        for (a, c) in literal_specials(tag) {
            let kind = prose(
                format!("the value of {} contains a literal {c}", a.qname),
                format!("RFC 6545 §5.5 requires it to be written as {}", entity(c)),
            );
            cx.report(ESCAPED, kind, a.pos(), a.qname.len() as u32);
        }
    }

    /// §9.1: restriction private or need-to-know on an IODEF class, which is then in clear text.
    fn restriction_in_clear(cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let Some(a) = tag.attributes().find(|a| a.prefix.is_empty() && a.local == "restriction") else { return };
        let v = a.value.trim();
        let req = match v {
            "private" => "RFC6545-9.1-restriction-private",
            "need-to-know" => "RFC6545-9.1-restriction-need-to-know",
            _ => return,
        };
        let kind = prose(
            format!("<{}> has restriction=\"{v}\" and is sent in clear text", tag.qname),
            format!("a class marked {v} must be XML-encrypted (RFC 6545 §9.1)"),
        );
        cx.report(req, kind, a.pos(), a.qname.len() as u32);
    }

    /// §9.1: a restriction on a RID class applies to the whole carried document.
    fn rid_class_restriction(&self, cx: &mut Cx<'_, '_>, class: &str, r: &At) {
        let (req, found, want) = match r.value.as_str() {
            "private" | "need-to-know" if self.payload.clear() => (
                if r.value == "private" {
                    "RFC6545-9.1-restriction-private"
                } else {
                    "RFC6545-9.1-restriction-need-to-know"
                },
                format!(
                    "{class} has restriction=\"{}\" but the IODEF document in XMLDocument is in clear text",
                    r.value
                ),
                "a restriction on a RID class applies to the whole carried document, which must then be XML-encrypted (xenc:EncryptedData)",
            ),
            "public" if self.payload == Payload::Encrypted => (
                "RFC6545-9.1-restriction-public",
                format!("{class} has restriction=\"public\" but XMLDocument holds xenc:EncryptedData"),
                "a document marked public must be sent in clear text",
            ),
            _ => return,
        };
        report_at(cx, req, prose(found, want), r.pos, r.len, &r.path);
    }

    /// A start tag in the XML-DSig namespace.
    fn dsig(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, f: &mut Frame) {
        let alg = tag.attributes().find(|a| a.prefix.is_empty() && a.local == "Algorithm");
        match tag.local {
            "Signature" => {
                f.el = El::DsSignature;
                if let Some(p) = self.frames.last_mut().filter(|p| p.el == El::RidSignature) {
                    p.ds_signature = true;
                }
            }
            "SignedInfo" => f.el = El::DsSignedInfo,
            "CanonicalizationMethod" if self.parent().is_some_and(|p| p.el == El::DsSignedInfo) => {
                if let Some(a) = alg {
                    let path = cx.engine.path();
                    if let Some(s) = self.nearest(El::DsSignature) {
                        s.c14n = Some(Box::new((a.value.trim().to_string(), a.pos(), a.qname.len() as u32, path)));
                    }
                }
            }
            "Transform" => {
                let Some(a) = alg else { return };
                let v = a.value.trim();
                if v == ENVELOPED {
                    if let Some(s) = self.nearest(El::DsSignature) {
                        s.enveloped = true;
                    }
                } else if v == XSLT {
                    let kind = prose(
                        "a signature Transform uses XSLT",
                        "RFC 6545 §9.1 restricts XSLT transforms (XML Signature Best Practices); select the signed part with XPath Filter 2.0 instead",
                    );
                    cx.report("RFC6545-9.1-xslt", kind, a.pos(), a.qname.len() as u32);
                } else if v == XPATH1 {
                    let kind = prose(
                        "a signature Transform uses the XPath 1.0 filter (REC-xpath-19991116)",
                        format!(
                            "RFC 6545 §9.1 requires XPath 2.0 filtering to select the signed part: {XPATH_FILTER2}"
                        ),
                    );
                    cx.report("RFC6545-9.1-xpath", kind, a.pos(), a.qname.len() as u32);
                }
            }
            "DigestMethod" | "SignatureMethod" => {
                if let Some(a) = alg.filter(|a| is_sha1(a.value)) {
                    let kind = prose(
                        format!("ds:{} uses SHA-1 ({})", tag.local, a.value.trim()),
                        "RFC 6545 §7.1 says SHA-1 should not be used; use SHA-256 (e.g. http://www.w3.org/2001/04/xmlenc#sha256)",
                    );
                    cx.report("RFC6545-7.1-no-sha1", kind, a.pos(), a.qname.len() as u32);
                }
            }
            _ => {}
        }
    }

    /// A start tag in the IODEF 1.0 namespace.
    fn iodef(&mut self, tag: &StartTag<'_>, f: &mut Frame) {
        let parent = self.parent().map_or(El::Other, |p| p.el);
        match (parent, tag.local) {
            (El::RidPolicy, "Node") => f.el = El::PolicyNode,
            (El::RidPolicy, "IncidentID") => {
                if let Some(p) = &mut self.policy {
                    p.incident_id = true;
                }
            }
            (El::IncidentSource, "Node") => f.el = El::SourceNode,
            (El::PolicyNode | El::SourceNode, "Address") => {
                f.el = El::Address;
                f.collect = true;
                let cat = tag.get("category").map_or("ipv4-addr", str::trim);
                f.ip_category = cat == "ipv4-addr" || cat == "ipv6-addr";
            }
            (_, "NodeName") => {
                f.el = El::NodeName;
                f.collect = true;
            }
            _ => {}
        }
        if f.el != El::Other || self.iodef_depth.is_none() {
            return;
        }
        // Inside the carried IODEF document.
        match (parent, tag.local) {
            (_, "Incident") => {
                f.el = El::Incident;
                self.incidents += 1;
                self.incident = Some(Incident { pos: tag.pos, len: f.len, ..Incident::default() });
            }
            (_, "Assessment") => {
                f.el = El::Assessment;
                if parent == El::Incident {
                    if let Some(i) = self.incident.as_mut().filter(|i| i.first_assessment.is_none()) {
                        i.first_assessment = Some((tag.pos, f.len));
                    }
                }
            }
            (_, "EventData") => f.el = El::EventData,
            (El::Incident, "History") => f.el = El::History,
            (El::History, "HistoryItem") => {
                f.el = El::HistoryItem;
                if let Some(i) = &mut self.incident {
                    i.history = true;
                }
            }
            (_, "Expectation") => f.el = El::Expectation,
            _ => {}
        }
        let Some(i) = self.incident.as_mut() else { return };
        match (parent, tag.local) {
            (El::Incident, "DetectTime") => i.detect = true,
            (El::Incident, "StartTime") => i.start = true,
            (El::Incident, "EndTime") => i.end = true,
            (_, "Method") => i.method = true,
            (_, "Impact") => i.impact = true,
            (_, "System") => {
                let category = tag.get("category").map(str::trim);
                i.system |= category != Some("infrastructure");
                match category {
                    Some("source") => i.source = true,
                    Some("target") => i.target = true,
                    Some("infrastructure") => {
                        i.infra = true;
                        if let Some(e) = self.frames.iter_mut().rev().find(|f| f.el == El::EventData) {
                            e.infra = true;
                        }
                    }
                    _ => {}
                }
            }
            (_, "RecordItem") => {
                let in_path = self.frames.iter().rev().find(|f| f.el == El::EventData).is_none_or(|e| e.infra);
                if in_path {
                    i.record_in_path = true;
                } else {
                    i.record = true;
                }
            }
            _ => {}
        }
        if let Some(p) = self.frames.last_mut() {
            match (p.el, tag.local) {
                (El::Assessment, "Impact") => p.impact = true,
                (El::Assessment, "Confidence") => p.confidence = true,
                (El::Expectation | El::HistoryItem, "Description") => p.described = true,
                _ => {}
            }
        }
    }

    /// The first element in XMLDocument: the carried document (§5.1.1, §5.6).
    fn carried_root(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, ns: (NsId, NsId, NsId), len: u32) {
        let namespaces = cx.namespaces;
        let uri = namespaces.uri(tag.ns);
        self.payload = if tag.ns == ns.1 {
            if tag.local == "IODEF-Document" {
                self.iodef_depth = Some(self.frames.len());
                Payload::Iodef
            } else {
                let kind = prose(
                    format!("XMLDocument holds an iodef:{} element, a fragment of an IODEF document", tag.local),
                    "it must hold a complete IODEF document, whose root element is iodef:IODEF-Document",
                );
                cx.report("RFC6545-5.1.1-complete-document", kind, tag.pos, len);
                Payload::Fragment
            }
        } else if uri.is_empty() || tag.ns == ns.0 {
            let found = if uri.is_empty() {
                format!("the document in XMLDocument, <{}>, is in no namespace", tag.qname)
            } else {
                format!("the document in XMLDocument, <{}>, is in the RID namespace", tag.qname)
            };
            let want = if tag.local == "IODEF-Document" {
                "a carried document needs a namespace of its own (RFC 6545 §5.6): write <iodef:IODEF-Document> with xmlns:iodef=\"urn:ietf:params:xml:ns:iodef-1.0\""
            } else {
                "a carried document needs a namespace of its own (RFC 6545 §5.6)"
            };
            cx.report("RFC6545-5.6-own-namespace", prose(found, want), tag.pos, len);
            Payload::NoOwnNamespace
        } else if uri == XENC && tag.local == "EncryptedData" {
            Payload::Encrypted
        } else {
            Payload::Foreign(uri.to_string())
        };
    }

    fn node_checks(&mut self, cx: &mut Cx<'_, '_>, f: &Frame) {
        let source_node = f.el == El::SourceNode;
        let dest = self.policy.as_ref().map_or("", |p| p.destination.as_str());
        let (req, what) = match (source_node, dest) {
            (true, _) => ("RFC6545-5.3-node-address", "a Node in IncidentSource"),
            (false, "RIDSystem") => {
                ("RFC6545-5.1-ridsystem-address", "with MsgDestination RIDSystem, RIDPolicy's Node")
            }
            (false, "SourceOfIncident") => {
                ("RFC6545-5.1-source-address", "with MsgDestination SourceOfIncident, RIDPolicy's Node")
            }
            (false, "ext-value") => {
                ("RFC6545-5.1-ext-destination-ip", "with MsgDestination ext-value, RIDPolicy's Node")
            }
            _ => return,
        };
        if !f.ip_address {
            let want = match (source_node, dest) {
                (true, _) => "it must give the system's IP address in an Address (category ipv4-addr or ipv6-addr)",
                (false, "RIDSystem") => {
                    "it must give the IP address of the next RID system in an Address (category ipv4-addr or ipv6-addr)"
                }
                (false, "SourceOfIncident") => {
                    "it must give the IP address of the incident source in an Address (category ipv4-addr or ipv6-addr)"
                }
                _ => "extensions should still identify the system by an IP address in an Address",
            };
            match f.bad_address.as_deref() {
                Some((pos, len, path, value)) => {
                    let kind =
                        prose(format!("{what} has the Address {:?}, which is not an IP address", clip(value)), want);
                    report_at(cx, req, kind, *pos, *len, path);
                }
                None => cx.report(req, prose(format!("{what} has no Address with an IP address"), want), f.pos, f.len),
            }
        }
        if !source_node && dest == "SourceOfIncident" {
            if let Some((pos, len, path)) = f.node_name.as_deref() {
                let kind = prose(
                    "with MsgDestination SourceOfIncident, RIDPolicy's Node has a NodeName",
                    "NodeName is not used then: the Node holds only the source's IP address (RFC 6545 §5.1)",
                );
                report_at(cx, "RFC6545-5.1-source-address", kind, *pos, *len, path);
            }
        }
    }

    fn incident_checks(&mut self, cx: &mut Cx<'_, '_>) {
        let Some(i) = self.incident.take() else { return };
        if i.method && i.impact {
            self.attack_described = true;
        }
        if i.described {
            self.traffic_described = true;
        }
        let msg = self.msg();
        let (pre, sec) = match msg {
            Some(Msg::Request) => ("RFC6545-6.1", "§6.1"),
            Some(Msg::Result) => ("RFC6545-6.3", "§6.3"),
            Some(Msg::Report) => ("RFC6545-6.4", "§6.4"),
            _ => return,
        };
        let kind_name = match msg {
            Some(Msg::Request) => "a Request",
            Some(Msg::Result) => "a Result",
            _ => "a Report",
        };
        let mut times: Vec<&str> = Vec::new();
        for (have, name) in [(i.detect, "DetectTime"), (i.start, "StartTime"), (i.end, "EndTime")] {
            if !have {
                times.push(name);
            }
        }
        let mut systems: Vec<&str> = Vec::new();
        if !i.source {
            systems.push("source");
        }
        if !i.target {
            systems.push("target");
        }
        if msg == Some(Msg::Report) {
            // §6.4: RECOMMENDED content; one finding listing what is missing.
            let mut missing: Vec<String> = Vec::new();
            if !times.is_empty() {
                missing.push(times.join(", "));
            }
            if !i.assessed {
                missing.push("an Assessment with Impact and Confidence".into());
            }
            if !i.system {
                missing.push("a System".into());
            }
            if !missing.is_empty() {
                let kind = prose(
                    format!("the Incident of this Report lacks {}", missing.join("; ")),
                    "RFC 6545 §6.4 recommends timestamps, Impact and Confidence, and the systems involved",
                );
                cx.report("RFC6545-6.4-report-iodef", kind, i.pos, i.len);
            }
            return;
        }
        let id = |s: &str| -> &'static str {
            match (pre, s) {
                ("RFC6545-6.1", "timestamps") => "RFC6545-6.1-request-timestamps",
                ("RFC6545-6.1", "impact") => "RFC6545-6.1-request-impact",
                ("RFC6545-6.1", "systems") => "RFC6545-6.1-request-systems",
                ("RFC6545-6.1", _) => "RFC6545-6.1-request-path",
                ("RFC6545-6.3", "timestamps") => "RFC6545-6.3-result-timestamps",
                ("RFC6545-6.3", "impact") => "RFC6545-6.3-result-impact",
                ("RFC6545-6.3", "systems") => "RFC6545-6.3-result-systems",
                _ => "RFC6545-6.3-result-path",
            }
        };
        if !times.is_empty() {
            let kind = prose(
                format!("the Incident of {kind_name} has no {}", or_list(&times)),
                format!("RFC 6545 {sec} requires DetectTime, StartTime, EndTime and ReportTime"),
            );
            cx.report(id("timestamps"), kind, i.pos, i.len);
        }
        if !i.assessed {
            let (pos, len) = i.first_assessment.unwrap_or((i.pos, i.len));
            let kind = prose(
                format!("no Assessment of the Incident of {kind_name} has both an Impact and a Confidence"),
                format!("RFC 6545 {sec} requires the incident to be rated with Impact and Confidence"),
            );
            cx.report(id("impact"), kind, pos, len);
        }
        if !systems.is_empty() {
            let kind = prose(
                format!("the Incident of {kind_name} has no System with category {}", systems.join(" or ")),
                format!("RFC 6545 {sec} requires both the source and the destination (target) System"),
            );
            cx.report(id("systems"), kind, i.pos, i.len);
        }
        if !i.infra {
            let kind = prose(
                format!("the Incident of {kind_name} lists no RID system path"),
                format!(
                    "RFC 6545 {sec} requires the path of RID systems, originator first, in an EventData whose Flow holds Systems with category infrastructure"
                ),
            );
            cx.report(id("path"), kind, i.pos, i.len);
        }
        if msg == Some(Msg::Request) && !i.record {
            let found = if i.record_in_path {
                "the only RecordItem of the Request is in the EventData that lists the RID system path"
            } else {
                "the Incident of a Request carries no RecordItem"
            };
            let kind = prose(
                found,
                "RFC 6545 §6.1 requires example packets in EventData/Record/RecordData/RecordItem, in an EventData of its own besides the path",
            );
            cx.report("RFC6545-6.1-request-record", kind, i.pos, i.len);
        }
        if msg == Some(Msg::Result) && !i.history {
            let kind = prose(
                "the Incident of a Result has no History",
                "RFC 6545 §6.3 requires the actions taken, recorded in History/HistoryItem (action attribute)",
            );
            cx.report("RFC6545-6.3-result-history", kind, i.pos, i.len);
        }
    }

    fn xml_document_end(&mut self, cx: &mut Cx<'_, '_>, f: &Frame) {
        let complete = "it must hold one complete XML document as an element (RFC 6545 §5.1.1)";
        match (f.children, f.stray_text) {
            (0, None) => {
                self.payload = Payload::Empty;
                cx.report("RFC6545-5.1.1-complete-document", prose("XMLDocument is empty", complete), f.pos, f.len);
            }
            (0, Some(pos)) => {
                self.payload = Payload::Empty;
                let kind = prose(format!("XMLDocument holds text, not an element: {:?}", clip(&f.text)), complete);
                cx.report("RFC6545-5.1.1-complete-document", kind, pos, 1);
            }
            (_, Some(pos)) => {
                let kind = prose(
                    format!("XMLDocument holds the text {:?} besides the document", clip(&f.text)),
                    "it must hold one complete XML document and no other text (RFC 6545 §5.1.1)",
                );
                cx.report("RFC6545-5.1.1-complete-document", kind, pos, 1);
            }
            _ => {}
        }
        self.iodef_depth = None;
        // §5.1.1: XMLSchemaID names the carried document's namespace.
        if let Some(p) = &self.policy {
            let target = match (&p.schema_id, &p.ext_schema_id) {
                (Some(s), _) if s.value == iodef1::NS => Some(("XMLSchemaID", s)),
                (Some(s), Some(e)) if s.value == "ext-value" => Some(("ext-XMLSchemaID", e)),
                _ => None,
            };
            let actual = match &self.payload {
                Payload::Iodef | Payload::Fragment => Some(iodef1::NS),
                Payload::Foreign(u) => Some(u.as_str()),
                _ => None,
            };
            if let (Some((name, attr)), Some(actual)) = (target, actual) {
                if actual != attr.value {
                    let kind = prose(
                        format!(
                            "{name} is {:?} but the document in XMLDocument is in namespace {actual:?}",
                            attr.value
                        ),
                        format!("{name} must name the namespace of the carried document (RFC 6545 §5.1.1)"),
                    );
                    report_at(cx, "RFC6545-5.1.1-schemaid-matches", kind, attr.pos, attr.len, &attr.path);
                }
            }
            if let Some(r) = &p.restriction {
                let r = r.clone();
                self.rid_class_restriction(cx, "RIDPolicy", &r);
            }
        }
    }

    fn message_checks(&mut self, cx: &mut Cx<'_, '_>) {
        let Some((rpos, rlen)) = self.root else { return };
        let Some(p) = &self.policy else {
            if self.encrypted_policy.is_empty() {
                let kind = prose(
                    "the message has no RIDPolicy",
                    "every RID message carries RIDPolicy with its MsgType, destination and IncidentID (RFC 6545 §6); the schema alone makes it optional",
                );
                cx.report("RFC6545-6-ridpolicy", kind, rpos, rlen);
            }
            return;
        };
        // An IncidentID written in the RID namespace is reported as undeclared already.
        if !p.incident_id && !self.undeclared.iter().any(|(_, n)| *n == Some("IncidentID")) {
            let kind = prose(
                "RIDPolicy has no iodef:IncidentID",
                "RFC 6545 §6 requires the IncidentID in every message type, after the TrafficType elements",
            );
            report_at(cx, "RFC6545-6-incidentid", kind, p.pos, p.len, &p.path);
        }
        let (Some(msg), Some(mt)) = (p.msg, &p.msg_type) else { return };
        let standard = msg != Msg::Other;
        if let Some((pos, len, path)) = self.request_status.as_ref().filter(|_| standard && msg != Msg::Acknowledgement)
        {
            let kind = prose(
                format!("a {} message carries RequestStatus", mt.value),
                "RequestStatus belongs only in Acknowledgement messages (RFC 6545 §5, §5.2)",
            );
            report_at(cx, "RFC6545-5-requeststatus-ack", kind, *pos, *len, path);
        }
        if let Some((pos, len, path)) = self.incident_source.as_ref().filter(|_| standard && msg != Msg::Result) {
            let kind = prose(
                format!("a {} message carries IncidentSource", mt.value),
                "IncidentSource belongs only in Result messages (RFC 6545 §5, §5.3)",
            );
            report_at(cx, "RFC6545-5-incidentsource-result", kind, *pos, *len, path);
        }
        match msg {
            Msg::Acknowledgement if self.request_status.is_none() => {
                let kind = prose(
                    "MsgType is Acknowledgement but the message has no RequestStatus",
                    "an Acknowledgement carries RIDPolicy and RequestStatus (RFC 6545 §6.2)",
                );
                report_at(cx, "RFC6545-6.2-ack-content", kind, mt.pos, mt.len, &mt.path);
            }
            Msg::Result => {
                let mut missing = Vec::new();
                if self.incident_source.is_none() {
                    missing.push("IncidentSource".to_string());
                }
                match &self.payload {
                    Payload::None => {
                        missing.push("an IODEF document in RIDPolicy/ReportSchema/XMLDocument".to_string())
                    }
                    Payload::Foreign(u) => {
                        missing.push(format!("IODEF document (XMLDocument holds one in namespace {u:?})"))
                    }
                    _ => {}
                }
                if !missing.is_empty() {
                    let kind = prose(
                        format!("MsgType is Result but the message has no {}", missing.join(" and no ")),
                        "a Result carries RIDPolicy, IncidentSource and an IODEF document (RFC 6545 §6.3)",
                    );
                    report_at(cx, "RFC6545-6.3-result-content", kind, mt.pos, mt.len, &mt.path);
                }
            }
            Msg::Request => {
                let found = match &self.payload {
                    Payload::None => {
                        Some(format!("MsgType is {} but the message has no ReportSchema/XMLDocument", mt.value))
                    }
                    Payload::Foreign(u) => Some(format!(
                        "MsgType is {} but XMLDocument holds a document in namespace {u:?}, not IODEF 1.0",
                        mt.value
                    )),
                    _ => None,
                };
                if let Some(found) = found {
                    let kind = prose(
                        found,
                        "a Request carries an IODEF document (iodef:IODEF-Document) in RIDPolicy/ReportSchema/XMLDocument (RFC 6545 §6.1)",
                    );
                    report_at(cx, "RFC6545-6.1-request-iodef", kind, mt.pos, mt.len, &mt.path);
                }
            }
            _ => {}
        }
        // §5.1: TrafficType Attack and Other need detail in the carried IODEF document.
        if self.payload == Payload::Iodef && self.incidents > 0 {
            for t in &p.traffic {
                match t.value.as_str() {
                    "Attack" if !self.attack_described => {
                        let kind = prose(
                            "TrafficType is Attack but no Incident of the IODEF document has both a Method and an Impact",
                            "the attack must be described in the IODEF Method and Impact classes (RFC 6545 §5.1)",
                        );
                        report_at(cx, "RFC6545-5.1-attack-detail", kind, t.pos, t.len, &t.path);
                    }
                    "Other" if !self.traffic_described => {
                        let kind = prose(
                            "TrafficType is Other but the IODEF document describes the traffic in no Expectation or HistoryItem Description",
                            "with Other, a description of the traffic type must be given in Expectation or History (RFC 6545 §5.1)",
                        );
                        report_at(cx, "RFC6545-5.1-other-description", kind, t.pos, t.len, &t.path);
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The attribute `name` of `tag` as an [`At`].
fn at(cx: &Cx<'_, '_>, tag: &StartTag<'_>, name: &str) -> Option<At> {
    tag.attributes().find(|a| a.prefix.is_empty() && a.local == name).map(|a| At {
        value: a.value.trim().to_string(),
        pos: a.pos(),
        len: a.qname.len() as u32,
        path: cx.engine.path(),
    })
}

impl Rules for RidRules {
    fn start(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let ns = *self.ns.get_or_insert_with(|| {
            let id = |u: &str| cx.namespaces.get(u).unwrap_or(NsId(u32::MAX));
            (id(rid2::NS), id(iodef1::NS), id(xmldsig::NS))
        });
        let len = tag.qname.len() as u32 + 1;
        if self.frames.is_empty() {
            self.root_checks(cx);
        }
        Self::escape_attributes(cx, tag);
        let parent = self.parent().map_or(El::Other, |p| p.el);
        let carried = self.parent().is_some_and(|p| p.carried || matches!(p.el, El::XmlDocument | El::RidSignature));
        let mut f = Frame { pos: tag.pos, len, carried, ..Frame::default() };
        // The document carried in XMLDocument.
        if let Some(p) = self.frames.last_mut().filter(|p| p.el == El::XmlDocument) {
            p.children += 1;
            if p.children == 1 {
                self.carried_root(cx, tag, ns, len);
            } else {
                let kind = prose(
                    format!("XMLDocument holds a second element, <{}>", tag.qname),
                    "it must hold exactly one complete XML document (RFC 6545 §5.1.1)",
                );
                cx.report("RFC6545-5.1.1-complete-document", kind, tag.pos, len);
            }
        }
        let namespaces = cx.namespaces;
        let uri = namespaces.uri(tag.ns);
        // §5.6: an element of a namespace mile supports that its schema does not declare.
        if carried
            && (tag.ns == ns.0 || tag.ns == ns.1 || tag.ns == ns.2)
            && cx.engine.current().is_none()
            && cx.schema.global(uri, tag.local).is_none()
            && !cx.engine.diags.iter().rev().take_while(|d| d.pos.offset >= tag.pos.offset).any(|d| d.pos == tag.pos)
        {
            let kind = prose(
                format!("<{}> is not declared in namespace {uri:?}, which mile supports", tag.qname),
                "an unrecognised element in a supported namespace should make the message be rejected as a syntax error (RFC 6545 §5.6)",
            );
            cx.report("RFC6545-5.6-unknown-element", kind, tag.pos, len);
        }
        if tag.ns == ns.0 {
            match (parent, tag.local) {
                (El::Other, "RID") if self.frames.is_empty() => {
                    f.el = El::Rid;
                    self.root = Some((tag.pos, len));
                }
                (El::Rid, "RIDPolicy") => {
                    f.el = El::RidPolicy;
                    let msg_type = at(cx, tag, "MsgType");
                    self.policy = Some(Policy {
                        pos: tag.pos,
                        len,
                        path: cx.engine.path(),
                        msg: msg_type.as_ref().map(|m| Msg::of(&m.value)),
                        msg_type,
                        destination: tag.get("MsgDestination").map(|d| d.trim().to_string()).unwrap_or_default(),
                        restriction: at(cx, tag, "restriction"),
                        ..Policy::default()
                    });
                }
                (El::RidPolicy, "TrafficType") => {
                    if let Some(t) = at(cx, tag, "type") {
                        if let Some(p) = &mut self.policy {
                            p.traffic.push(At { pos: tag.pos, len, ..t });
                        }
                    }
                }
                (El::RidPolicy, "ReportSchema") => {
                    f.el = El::ReportSchema;
                    let (id, ext) = (at(cx, tag, "XMLSchemaID"), at(cx, tag, "ext-XMLSchemaID"));
                    if let Some(p) = &mut self.policy {
                        p.schema_id = id;
                        p.ext_schema_id = ext;
                    }
                }
                (El::ReportSchema, "XMLDocument" | "Signature") => {
                    f.el = if tag.local == "XMLDocument" { El::XmlDocument } else { El::RidSignature };
                    for (name, have) in [("dtype", tag.get("dtype")), ("meaning", tag.get("meaning"))] {
                        let bad = match have.map(str::trim) {
                            Some("xml") => false,
                            // A missing dtype is a schema error already.
                            None => name == "meaning",
                            Some(_) => true,
                        };
                        if bad {
                            let found = match have {
                                Some(v) => format!("<{}> has {name}={:?}", tag.qname, v),
                                None => format!("<{}> has no {name} attribute", tag.qname),
                            };
                            let kind = prose(
                                found,
                                format!("{name} must be \"xml\" for an included XML document (RFC 6545 §5.1.1)"),
                            );
                            let (pos, l) = tag
                                .attributes()
                                .find(|a| a.prefix.is_empty() && a.local == name)
                                .map_or((tag.pos, len), |a| (a.pos(), a.qname.len() as u32));
                            cx.report("RFC6545-5.1.1-xml-dtype", kind, pos, l);
                        }
                    }
                }
                (El::Rid, "RequestStatus") => {
                    self.request_status = Some((tag.pos, len, cx.engine.path()));
                    let status = tag.get("AuthorizationStatus").map(str::trim);
                    if let (Some("Approved"), Some(j)) = (status, at(cx, tag, "Justification")) {
                        let kind = prose(
                            format!("RequestStatus is Approved with Justification {:?}", j.value),
                            "a Justification explains a Denied or Pending status; leave it out when the request is approved (RFC 6545 §5.2)",
                        );
                        cx.report("RFC6545-5.2-justification-status", kind, j.pos, j.len);
                    }
                    if let Some(r) = at(cx, tag, "restriction") {
                        self.rid_class_restriction(cx, "RequestStatus", &r);
                    }
                }
                (El::Rid, "IncidentSource") => {
                    f.el = El::IncidentSource;
                    self.incident_source = Some((tag.pos, len, cx.engine.path()));
                    if let Some(r) = at(cx, tag, "restriction") {
                        self.rid_class_restriction(cx, "IncidentSource", &r);
                    }
                }
                _ => {
                    if !carried && cx.schema.global(uri, tag.local).is_none() {
                        let iodef_name =
                            cx.schema.global(iodef1::NS, tag.local).map(|e| cx.schema.elements[e as usize].name);
                        self.undeclared.push((tag.pos, iodef_name));
                    }
                }
            }
        } else if tag.ns == ns.1 {
            Self::restriction_in_clear(cx, tag);
            self.iodef(tag, &mut f);
        } else if tag.ns == ns.2 {
            self.dsig(cx, tag, &mut f);
        } else if uri == XENC && tag.local == "EncryptedData" && !carried {
            // A RID class replaced by its encryption: the schema rejects the element; refined.
            self.encrypted_policy.push(tag.pos);
        }
        self.frames.push(f);
    }

    fn text(&mut self, cx: &mut Cx<'_, '_>, t: &Text<'_>) {
        // White space holds none of the three characters (most text nodes are indentation).
        if !t.reference && !t.cdata && !t.whitespace {
            // memchr3, not str::find with a char set: this runs over every text node.
            if let Some(i) = memchr::memchr3(b'>', b'"', b'\'', t.text.as_bytes()) {
                let c = t.text[i..].chars().next().unwrap_or('>');
                let kind = prose(
                    format!("character data contains a literal {c}"),
                    format!("RFC 6545 §5.5 requires {}", entity(c)),
                );
                cx.report(ESCAPED, kind, t.pos.advance(&t.text[..i]), 1);
            }
        }
        let Some(f) = self.frames.last_mut() else { return };
        if f.collect && f.text.len() < 4096 {
            if f.text_pos.is_none() {
                f.text_pos = Some(t.pos);
            }
            f.text.push_str(t.text);
        }
        if f.el == El::XmlDocument && !t.whitespace {
            if f.stray_text.is_none() {
                let lead = t.text.len() - t.text.trim_start().len();
                f.stray_text = Some(t.pos.advance(&t.text[..lead]));
            }
            if f.text.len() < 4096 {
                f.text.push_str(t.text);
            }
        }
    }

    fn end(&mut self, cx: &mut Cx<'_, '_>, _pos: Pos) {
        let Some(f) = self.frames.pop() else { return };
        match f.el {
            El::Address => {
                let ip = f.ip_category && is_ip(&f.text);
                if let Some(n) = self.frames.last_mut() {
                    if ip {
                        n.ip_address = true;
                    } else if n.bad_address.is_none() && f.ip_category {
                        let lead = f.text.len() - f.text.trim_start().len();
                        let pos = f.text_pos.map_or(f.pos, |p| p.advance(&f.text[..lead]));
                        let value = f.text.trim().to_string();
                        n.bad_address = Some(Box::new((pos, value.len().max(1) as u32, cx.engine.path(), value)));
                    }
                }
            }
            El::NodeName => {
                // §11: no A-labels.
                let text = f.text.trim_start();
                let lead = f.text.len() - text.len();
                let mut off = 0;
                for label in text.split('.') {
                    if label.len() >= 4 && label[..4].eq_ignore_ascii_case("xn--") {
                        let pos = f.text_pos.unwrap_or(f.pos).advance(&f.text[..lead + off]);
                        let kind = prose(
                            format!("NodeName label {:?} is an A-label (Punycode)", label.trim()),
                            "RID uses U-labels in UTF-8 (or plain LDH labels) in NodeName, never xn-- A-labels (RFC 6545 §11)",
                        );
                        cx.report("RFC6545-11-no-a-labels", kind, pos, label.trim_end().len() as u32);
                        break;
                    }
                    off += label.len() + 1;
                }
                if let Some(n) = self.frames.last_mut().filter(|n| n.el == El::PolicyNode) {
                    n.node_name = Some(Box::new((f.pos, f.len, cx.engine.path())));
                }
            }
            El::PolicyNode | El::SourceNode => self.node_checks(cx, &f),
            El::Assessment if f.impact && f.confidence && self.parent().is_some_and(|p| p.el == El::Incident) => {
                if let Some(i) = &mut self.incident {
                    i.assessed = true;
                }
            }
            El::Expectation | El::HistoryItem if f.described => {
                if let Some(i) = &mut self.incident {
                    i.described = true;
                }
            }
            El::Incident => self.incident_checks(cx),
            El::XmlDocument => self.xml_document_end(cx, &f),
            El::RidSignature if !f.ds_signature => {
                let kind = prose(
                    "ReportSchema/Signature holds no ds:Signature element",
                    "it carries an XML Signature (detached or enveloped) in the namespace http://www.w3.org/2000/09/xmldsig# (RFC 6545 §5.1.1)",
                );
                cx.report("RFC6545-5.1.1-signature-content", kind, f.pos, f.len);
            }
            El::DsSignature => {
                // §9.1: the detached signature (not the enveloped one) uses exclusive c14n.
                let in_rid = self.parent().is_some_and(|p| p.el == El::RidSignature);
                if let Some((alg, pos, len, path)) = f.c14n.as_deref().filter(|_| in_rid && !f.enveloped) {
                    if !EXC_C14N.contains(&alg.as_str()) {
                        let kind = prose(
                            format!("the detached signature is canonicalized with {alg}"),
                            format!("RFC 6545 §9.1 requires exclusive canonicalization: {}", EXC_C14N[0]),
                        );
                        report_at(cx, "RFC6545-9.1-exclusive-c14n", kind, *pos, *len, path);
                    }
                }
            }
            El::Rid => self.message_checks(cx),
            _ => {}
        }
    }

    fn refine(&self, diags: &mut Vec<Diagnostic>) {
        // Extension attributes spelled as in the prose (§5.1, §5.2): the schema rejects them.
        const PROSE_EXT: &[(&str, &str, &str, &str, &str)] = &[
            ("RFC6545-5.1-ridpolicy", "MsgType-ext", "ext-MsgType", "MsgType", "RFC6545-5.1-ext-attribute-names"),
            (
                "RFC6545-5.1-ridpolicy",
                "MsgDestination-ext",
                "ext-MsgDestination",
                "MsgDestination",
                "RFC6545-5.1-ext-attribute-names",
            ),
            (
                "RFC6545-5.2-requeststatus",
                "AuthorizationStatus-ext",
                "ext-AuthorizationStatus",
                "AuthorizationStatus",
                "RFC6545-5.2-ext-attribute-names",
            ),
            (
                "RFC6545-5.2-requeststatus",
                "Justification-ext",
                "ext-Justification",
                "Justification",
                "RFC6545-5.2-ext-attribute-names",
            ),
        ];
        let mut drop: Vec<(String, &str)> = Vec::new();
        for d in diags.iter_mut() {
            let id = d.requirement.id;
            match &d.kind {
                Kind::UnexpectedAttribute { element, attribute } => {
                    if let Some(&(_, prose_name, schema_name, base, req)) =
                        PROSE_EXT.iter().find(|(r, a, ..)| *r == id && *a == attribute.as_str())
                    {
                        let sec = if req.contains("5.1") { "§5.1" } else { "§5.2" };
                        d.kind = prose(
                            format!("<{element}> has {prose_name}, the spelling of the RFC 6545 {sec} prose"),
                            format!("the schema (§8) names it {schema_name}; write {schema_name}=\"...\""),
                        );
                        d.requirement = cite(req);
                        d.severity = severity_of(req);
                        drop.push((d.path.clone(), base));
                    }
                }
                Kind::NotInEnumeration { value, .. }
                    if id == "RFC6545-5.1-msgdestination"
                        && matches!(value.trim(), "TraceRequest" | "InvestigationRequest") =>
                {
                    d.kind = prose(
                        format!(
                            "MsgDestination is {:?}, which is a MsgType value (RFC 6545 §6.1, §7.1.1 and §7.2 write MsgDestination where they mean MsgType)",
                            value.trim()
                        ),
                        format!(
                            "MsgDestination is RIDSystem, SourceOfIncident or ext-value, and {} belongs in MsgType",
                            value.trim()
                        ),
                    );
                    d.requirement = cite("RFC6545-5.1-msgdestination-slip");
                    d.severity = severity_of("RFC6545-5.1-msgdestination-slip");
                    d.notes.clear();
                }
                Kind::NotInEnumeration { value, .. } => {
                    if let Some((.., note)) = OLD_VALUES.iter().find(|(r, v, _)| *r == id && *v == value.trim()) {
                        d.notes.insert(0, (*note).to_string());
                    }
                }
                Kind::UnexpectedElement { found, .. } | Kind::MissingBefore { found, .. }
                    if self.encrypted_policy.contains(&d.pos) =>
                {
                    d.kind = prose(
                        format!("<{found}> stands where the RID classes are"),
                        "RIDPolicy must stay in clear text so that intermediate RID systems can route the message; encrypt the document in XMLDocument instead (RFC 6545 §6.1, §9.1)",
                    );
                    d.requirement = cite("RFC6545-6.1-ridpolicy-clear");
                    d.severity = severity_of("RFC6545-6.1-ridpolicy-clear");
                    d.notes.clear();
                }
                Kind::UnexpectedElement { found, .. } => {
                    if let Some((_, iodef_name)) = self.undeclared.iter().find(|(p, _)| *p == d.pos) {
                        let original = d.message();
                        d.kind = Kind::UndeclaredElement { found: found.clone(), namespace: rid2::NS.into() };
                        d.requirement = cite("RFC6545-7-schema-valid");
                        d.severity = severity_of("RFC6545-7-schema-valid");
                        d.notes = vec![original];
                        if let Some(n) = iodef_name {
                            d.notes.insert(
                                0,
                                format!("{n} is an IODEF 1.0 element: write it in the IODEF namespace (iodef:{n})"),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        // The prose spelling also leaves ext-value without its ext-* attribute: one mistake.
        diags.retain(|d| {
            !matches!(&d.kind, Kind::ExtValueWithoutExt { attribute, .. }
                if drop.iter().any(|(p, b)| *p == d.path && b == attribute))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Options, Verdict, validate_reader};
    use crate::diag::Severity;

    fn message(policy_attrs: &str, inner: &str, after: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<iodef-rid:RID xmlns:iodef="urn:ietf:params:xml:ns:iodef-1.0" xmlns:iodef-rid="urn:ietf:params:xml:ns:iodef-rid-2.0" lang="en">
  <iodef-rid:RIDPolicy {policy_attrs}>
    <iodef-rid:PolicyRegion region="PeerToPeer"/>
    <iodef:Node><iodef:Address category="ipv4-addr">192.0.2.10</iodef:Address></iodef:Node>
    <iodef-rid:TrafficType type="Network"/>
    <iodef:IncidentID name="csirt.example.com">CSX-1</iodef:IncidentID>
    {inner}
  </iodef-rid:RIDPolicy>
  {after}
</iodef-rid:RID>
"#
        )
    }

    fn check(doc: &str) -> super::super::Report {
        validate_reader("t", doc.as_bytes(), &Options::default())
    }

    #[test]
    fn unknown_namespace_is_skipped_with_a_note() {
        // §5.6: an included document in a namespace mile does not know is not processed, and the
        // rest of the message still is (the RequestStatus of a Query is reported).
        let doc = message(
            r#"MsgType="Query" MsgDestination="RIDSystem""#,
            r#"<iodef-rid:ReportSchema Version="ext-value" ext-Version="1.0" XMLSchemaID="ext-value" ext-XMLSchemaID="urn:example:report">
      <iodef-rid:XMLDocument dtype="xml" meaning="xml"><x:Report xmlns:x="urn:example:report"><x:Item/></x:Report></iodef-rid:XMLDocument>
    </iodef-rid:ReportSchema>"#,
            "",
        );
        let r = check(&doc);
        assert_eq!(r.verdict(), Verdict::Valid, "{:?}", r.diagnostics);
        assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Note && d.pos.line == 9), "{:?}", r.diagnostics);
        let doc2 = doc.replace(
            "  \n</iodef-rid:RID>",
            r#"<iodef-rid:RequestStatus AuthorizationStatus="Approved"/></iodef-rid:RID>"#,
        );
        assert_eq!(check(&doc2).error_requirements(), vec!["RFC6545-5-requeststatus-ack"]);
    }

    #[test]
    fn sha1_names() {
        assert!(super::is_sha1("http://www.w3.org/2000/09/xmldsig#sha1"));
        assert!(super::is_sha1("http://www.w3.org/2000/09/xmldsig#rsa-sha1"));
        assert!(super::is_sha1("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"));
        assert!(!super::is_sha1("http://www.w3.org/2001/04/xmlenc#sha256"));
        assert!(!super::is_sha1("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));
    }
}
