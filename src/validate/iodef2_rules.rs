//! RFC 7970 prose rules that the schema cannot express.
//!
//! Each rule cites its catalog entry (`src/requirements/rfc7970.rs`, the block after the schema
//! entries). Element-presence rules are one table ([`NEEDS`]); the rest are small checks on
//! start tags, collected text and end tags.

use super::{Cx, Rules, prose};
use crate::diag::Pos;
use crate::schema::datatypes;
use crate::schema::iodef2::NS;
use crate::schema::model::Builtin;
use crate::xml::{NsId, StartTag, Text, XmlErrorKind};

/// Well-formedness (RFC 7970 §4.3).
pub const WELL_FORMED: &str = "RFC7970-4.3-well-formed";
/// Special characters escaped (RFC 7970 §4.1).
pub const ESCAPED: &str = "RFC7970-4.1-escaped-characters";
/// The IODEF namespace (RFC 7970 §4.2).
pub const NAMESPACE: &str = "RFC7970-4.2-namespace";

/// The requirement a reader error breaks.
pub fn xml_error_req(kind: &XmlErrorKind) -> &'static str {
    match kind {
        XmlErrorKind::LtInAttributeValue | XmlErrorKind::BadReference { .. } | XmlErrorKind::CdataEndInText => ESCAPED,
        _ => WELL_FORMED,
    }
}

/// Which children an element needs: (element, requirement, acceptable children; empty = any).
const NEEDS: &[(&str, &str, &[&str])] = &[
    ("Application", "RFC7970-2.15-software-nonempty", &[]),
    ("OperatingSystem", "RFC7970-2.15-software-nonempty", &[]),
    ("AssociatedSoftware", "RFC7970-2.15-software-nonempty", &[]),
    (
        "RelatedActivity",
        "RFC7970-3.6-relatedactivity-nonempty",
        &["IncidentID", "URL", "ThreatActor", "Campaign", "Description", "AdditionalData"],
    ),
    ("Campaign", "RFC7970-3.8-campaign-nonempty", &[]),
    ("Contact", "RFC7970-3.9-contact-nonempty", &[]),
    ("DetectionPattern", "RFC7970-3.10.1-detectionpattern-content", &["Description", "DetectionConfiguration"]),
    ("Method", "RFC7970-3.11-method-nonempty", &[]),
    ("Reference", "RFC7970-3.11.1-reference-nonempty", &[]),
    ("EventData", "RFC7970-3.14-eventdata-nonempty", &[]),
    ("Node", "RFC7970-3.18-node-address-or-domain", &["DomainData", "Address"]),
    ("Service", "RFC7970-3.20-service-nonempty", &[]),
    ("ServiceName", "RFC7970-3.20.1-servicename-nonempty", &[]),
    (
        "RecordData",
        "RFC7970-3.22.1-recorddata-nonempty",
        &["RecordItem", "URL", "FileData", "WindowsRegistryKeysModified", "CertificateData", "AdditionalData"],
    ),
    ("HashData", "RFC7970-3.26-hashdata-nonempty", &["Hash", "FuzzyHash"]),
    ("Observable", "RFC7970-3.29.3-observable-one-child", &[]),
    ("BulkObservableFormat", "RFC7970-3.29.3.1.1-bulkobservableformat-nonempty", &[]),
];

/// Elements of type ExtensionType (§2.16).
const EXTENSIONS: &[&str] = &[
    "AdditionalData",
    "RecordItem",
    "ApplicationHeaderField",
    "EmailHeaderField",
    "RelatedDNS",
    "FileProperties",
    "FuzzyHashValue",
];

/// Elements with a rule of their own (the rest only take part as children).
const INTERESTING: &[&str] = &[
    "Application",
    "OperatingSystem",
    "AssociatedSoftware",
    "RelatedActivity",
    "Campaign",
    "Contact",
    "DetectionPattern",
    "Method",
    "Reference",
    "EventData",
    "Node",
    "Service",
    "ServiceName",
    "RecordData",
    "HashData",
    "Observable",
    "BulkObservableFormat",
    "IncidentID",
    "IndicatorID",
    "SoftwareReference",
    "HistoryItem",
    "Expectation",
    "Hash",
    "FuzzyHash",
    "BulkObservable",
    "IndicatorExpression",
    "IndicatorReference",
    "Address",
    "System",
    "Portlist",
    "AdditionalData",
    "RecordItem",
    "ApplicationHeaderField",
    "EmailHeaderField",
    "RelatedDNS",
    "FileProperties",
    "FuzzyHashValue",
];

/// Per element id of the IODEF 2.0 schema: does it have a rule of its own?
fn interesting(schema: &crate::schema::Schema) -> &'static [bool] {
    static T: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        schema
            .elements
            .iter()
            .map(|e| schema.namespaces[e.ns as usize] == NS && INTERESTING.contains(&e.name))
            .collect()
    })
}

const OPERANDS: &[&str] = &["IndicatorExpression", "Observable", "ObservableReference", "IndicatorReference"];

/// A child-presence requirement of an open element.
#[derive(Debug, Clone, Copy)]
struct Need {
    req: &'static str,
    children: &'static [&'static str],
    /// Exactly one matching child (instead of at least one).
    exactly_one: bool,
    seen: u32,
    what: &'static str,
}

#[derive(Debug, Default)]
struct Frame {
    /// Local name when the element is a declared IODEF 2.0 element, else empty.
    local: &'static str,
    pos: Pos,
    needs: Vec<Need>,
    /// ExtensionType: its dtype (lower-case), whether it has child elements, its text.
    ext: Option<(String, bool)>,
    text: String,
    collect_text: bool,
    /// HashData scope file-pe-iat: Hash and FuzzyHash children need an Application.
    iat: bool,
    /// Flow: systems seen (category, number of ports in its service Portlist, if any).
    systems: Vec<(String, Option<u64>)>,
    /// Inside a dtype="xml" extension (this element or an ancestor).
    in_xml_ext: bool,
    /// BulkObservable with type="file-hash".
    file_hash: bool,
    /// Service: has an ip-protocol attribute; has a Port, Portlist or Proto* child.
    ip_protocol: bool,
    proto_child: bool,
}

/// The IODEF 2.0 prose rules.
#[derive(Debug, Default)]
pub struct Iodef2Rules {
    frames: Vec<Frame>,
    depth: usize,
    iodef: Option<NsId>,
}

fn attr<'a>(tag: &StartTag<'a>, name: &str) -> Option<&'a str> {
    tag.get(name)
}

/// A fully qualified domain name: dot-separated DNS labels (letters, digits, hyphens; not
/// starting or ending with a hyphen; at most 63 octets each, 253 in all), at least two labels.
pub fn is_fqdn(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    // One pass over the bytes: a label ends at each dot and at the end.
    let b = s.as_bytes();
    let mut labels = 0;
    let mut start = 0;
    let mut digits = true;
    for i in 0..=b.len() {
        let c = b.get(i).copied().unwrap_or(b'.');
        if c == b'.' {
            let label = &b[start..i];
            if label.is_empty() || label.len() > 63 || label.first() == Some(&b'-') || label.last() == Some(&b'-') {
                return false;
            }
            labels += 1;
            if i < b.len() {
                start = i + 1;
                digits = true;
            }
        } else if !c.is_ascii_digit() {
            if !(c.is_ascii_alphanumeric() || c == b'-') {
                return false;
            }
            digits = false;
        }
    }
    labels >= 2 && !digits
}

/// Number of ports a PORTLIST names (`80,443,1000-1010` names 13); `None` if malformed.
fn port_count(list: &str) -> Option<u64> {
    let mut n = 0u64;
    for part in list.trim().split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.parse::<u64>().ok()?, b.parse::<u64>().ok()?),
            None => {
                let a = part.parse::<u64>().ok()?;
                (a, a)
            }
        };
        n += b.checked_sub(a)? + 1;
    }
    Some(n)
}

/// The built-in datatype an atomic dtype's content must be (§2.16), `None` for any string.
fn dtype_builtin(dtype: &str) -> Option<Builtin> {
    Some(match dtype {
        "boolean" => Builtin::Boolean,
        "byte" | "file" => Builtin::Base64Binary,
        "bytes" | "frame" | "packet" | "ipv4-packet" | "ipv6-packet" => Builtin::HexBinary,
        "date-time" | "ntpstamp" => Builtin::DateTime,
        "integer" => Builtin::Integer,
        "real" => Builtin::Float,
        "url" => Builtin::AnyUri,
        _ => return None,
    })
}

impl Iodef2Rules {
    fn parent(&self) -> Option<&Frame> {
        self.depth.checked_sub(1).and_then(|d| self.frames.get(d))
    }

    fn root_checks(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let start = Pos::START.here();
        match cx.decl {
            None => cx.report(
                "RFC7970-4.1-xml-declaration",
                prose(
                    "the document does not begin with an XML declaration",
                    "it must start with <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                ),
                start,
                1,
            ),
            Some(d) => match d.encoding.as_deref().map(str::to_ascii_lowercase) {
                None => cx.report(
                    "RFC7970-4.1-encoding-declared",
                    prose("the XML declaration names no encoding", "it must state one, e.g. encoding=\"UTF-8\""),
                    start,
                    5,
                ),
                Some(e) if e == "utf-8" => {}
                Some(e) if e.starts_with("utf-16") => cx.report(
                    "RFC7970-4.1-utf8",
                    prose(format!("the document is encoded in {e}"), "UTF-8 should be used unless UTF-16 is necessary"),
                    start,
                    5,
                ),
                Some(e) => cx.report(
                    "RFC7970-4.1-other-encodings",
                    prose(
                        format!("the document is encoded in {e}"),
                        "encodings other than UTF-8 and UTF-16 should not be used",
                    ),
                    start,
                    5,
                ),
            },
        }
        let len = tag.qname.len() as u32 + 1;
        if attr(tag, "version").is_none() {
            cx.report(
                "RFC7970-3.1-version",
                prose("IODEF-Document has no version attribute", "version=\"2.00\" is required"),
                tag.pos,
                len,
            );
        }
        let xml_lang = tag.attributes().any(|a| a.ns == NsId::XML && a.local == "lang");
        if !xml_lang {
            cx.report(
                "RFC7970-6-document-language",
                prose(
                    "IODEF-Document has no xml:lang attribute",
                    "the document must state its language, e.g. xml:lang=\"en\"",
                ),
                tag.pos,
                len,
            );
        }
        let xsi = cx.namespaces.get("http://www.w3.org/2001/XMLSchema-instance");
        let loc = tag.attributes().find(|a| Some(a.ns) == xsi && a.local == "schemaLocation");
        match loc {
            None => cx.report(
                "RFC7970-4.2-schema-location",
                prose("IODEF-Document has no xsi:schemaLocation attribute", "it must reference the IODEF schema, e.g. xsi:schemaLocation=\"urn:ietf:params:xml:ns:iodef-2.0 https://www.iana.org/assignments/xml-registry/schema/iodef-2.0.xsd\""),
                tag.pos,
                len,
            ),
            Some(a) if !(a.value.contains(NS) || a.value.contains("iodef-2.0.xsd")) => cx.report(
                "RFC7970-4.2-schema-location",
                prose(format!("xsi:schemaLocation is {:?}", a.value), "it must reference the IODEF 2.0 namespace and schema"),
                a.pos(),
                a.qname.len() as u32,
            ),
            Some(_) => {}
        }
        match (attr(tag, "private-enum-name"), attr(tag, "private-enum-id")) {
            (None, Some(_)) => cx.report(
                "RFC7970-3.1-private-enum-id-needs-name",
                prose("private-enum-id is set without private-enum-name", "private-enum-name must be set as well"),
                tag.pos,
                len,
            ),
            (Some(n), _) if !is_fqdn(n) => cx.report(
                "RFC7970-3.1-private-enum-name-fqdn",
                prose(format!("private-enum-name is {n:?}"), "it must be the CSIRT's fully qualified domain name"),
                tag.pos,
                len,
            ),
            _ => {}
        }
    }

    /// Checks on a start tag of an IODEF element, given its parent.
    fn element_checks(parents: &mut [Frame], cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, f: &mut Frame) {
        let local = tag.local;
        let len = tag.qname.len() as u32 + 1;
        for (name, req, children) in NEEDS {
            if *name == local {
                let what = if children.is_empty() { "at least one child element" } else { "" };
                f.needs.push(Need { req, children, exactly_one: false, seen: 0, what });
            }
        }
        match local {
            "IncidentID" | "IndicatorID" => {
                let req = if local == "IncidentID" {
                    "RFC7970-3.4-incidentid-name-fqdn"
                } else {
                    "RFC7970-3.29.1-indicatorid-name-fqdn"
                };
                if let Some(n) = attr(tag, "name") {
                    if !is_fqdn(n) {
                        let kind = prose(
                            format!("{local}@name is {n:?}"),
                            "it must be the fully qualified domain name of the CSIRT",
                        );
                        cx.report(req, kind, tag.pos, len);
                    }
                }
            }
            "SoftwareReference"
                if attr(tag, "spec-name").map(str::trim) == Some("custom") && attr(tag, "dtype").is_none() =>
            {
                let kind = prose(
                    "SoftwareReference has spec-name=\"custom\" but no dtype",
                    "a custom reference must set dtype",
                );
                cx.report("RFC7970-2.15.1-custom-dtype", kind, tag.pos, len);
            }
            "HistoryItem" | "Expectation" if attr(tag, "action").map(str::trim) == Some("defined-coa") => {
                let req = if local == "HistoryItem" {
                    "RFC7970-3.13.1-historyitem-definedcoa"
                } else {
                    "RFC7970-3.15-expectation-definedcoa"
                };
                f.needs.push(Need {
                    req,
                    children: &["DefinedCOA"],
                    exactly_one: false,
                    seen: 0,
                    what: "a DefinedCOA",
                });
            }
            "Service" => f.ip_protocol = attr(tag, "ip-protocol").is_some(),
            "HashData" => {
                let scope = attr(tag, "scope").map(str::trim).unwrap_or("");
                if matches!(scope, "file-pe-section" | "file-pe-resource" | "file-pdf-object") {
                    f.needs.push(Need {
                        req: "RFC7970-3.26-hashdata-target-id",
                        children: &["HashTargetID"],
                        exactly_one: false,
                        seen: 0,
                        what: "a HashTargetID",
                    });
                }
                f.iat = scope == "file-pe-iat";
            }
            "Hash" | "FuzzyHash" if parents.last().is_some_and(|p| p.iat) => {
                f.needs.push(Need {
                    req: "RFC7970-3.26-hashdata-iat-application",
                    children: &["Application"],
                    exactly_one: false,
                    seen: 0,
                    what: "an Application",
                });
            }
            "BulkObservable" if attr(tag, "type").map(str::trim) == Some("file-hash") => {
                f.file_hash = true;
                f.needs.push(Need {
                    req: "RFC7970-3.29.3.1-file-hash-format",
                    children: &["BulkObservableFormat"],
                    exactly_one: false,
                    seen: 0,
                    what: "a BulkObservableFormat with a Hash",
                });
            }
            "BulkObservableFormat" if parents.last().is_some_and(|p| p.file_hash) => {
                f.needs.push(Need {
                    req: "RFC7970-3.29.3.1-file-hash-format",
                    children: &["Hash"],
                    exactly_one: false,
                    seen: 0,
                    what: "a Hash (the list holds file hashes)",
                });
            }
            "IndicatorExpression" if attr(tag, "operator").map(str::trim) == Some("not") => {
                f.needs.push(Need {
                    req: "RFC7970-3.29.5-valid-expression",
                    children: OPERANDS,
                    exactly_one: true,
                    seen: 0,
                    what: "exactly one operand",
                });
            }
            "IndicatorReference" if attr(tag, "uid-ref").is_none() && attr(tag, "euid-ref").is_none() => {
                let kind =
                    prose("IndicatorReference has neither uid-ref nor euid-ref", "one of them must name the indicator");
                cx.report("RFC7970-3.29.7-indicatorreference-target", kind, tag.pos, len);
            }
            "Address" if parents.last().is_some_and(|p| p.local == "Nameservers") => {
                let cat = attr(tag, "category").map(str::trim).unwrap_or("ipv6-addr");
                if cat != "ipv4-addr" && cat != "ipv6-addr" {
                    let kind = prose(
                        format!("a Nameservers Address has category {cat:?}"),
                        "it must be ipv4-addr or ipv6-addr",
                    );
                    cx.report("RFC7970-3.19.1-nameservers-address-category", kind, tag.pos, len);
                }
            }
            "System" => {
                // Register the system with its enclosing Flow.
                let cat = attr(tag, "category").map(str::trim).unwrap_or("").to_string();
                if let Some(flow) = parents.iter_mut().rev().find(|p| p.local == "Flow") {
                    flow.systems.push((cat, None));
                }
            }
            "Portlist" | "ApplicationHeaderField" | "EmailHeaderField" => f.collect_text = true,
            _ => {}
        }
        if EXTENSIONS.contains(&local) {
            let dtype = attr(tag, "dtype").map(|d| d.trim().to_string()).unwrap_or_default();
            f.collect_text = true;
            f.in_xml_ext = dtype == "xml";
            match local {
                "ApplicationHeaderField" | "EmailHeaderField" if attr(tag, "name").is_none() => {
                    let req = if local == "EmailHeaderField" {
                        "RFC7970-3.21-emailheaderfield-form"
                    } else {
                        "RFC7970-3.20.2-applicationheaderfield-name-value"
                    };
                    cx.report(
                        req,
                        prose(format!("{local} has no name attribute"), "the header field name is required"),
                        tag.pos,
                        len,
                    );
                }
                "EmailHeaderField" if dtype != "string" => {
                    let kind = prose(
                        format!("EmailHeaderField has dtype={dtype:?}"),
                        "an email header value must have dtype=\"string\"",
                    );
                    cx.report("RFC7970-3.21-emailheaderfield-form", kind, tag.pos, len);
                }
                _ => {}
            }
            f.ext = Some((dtype, false));
        }
    }

    fn end_checks(parents: &mut [Frame], cx: &mut Cx<'_, '_>, f: &Frame, end: Pos) {
        for n in &f.needs {
            let ok = if n.exactly_one { n.seen == 1 } else { n.seen >= 1 };
            if !ok {
                let found = match (n.seen, n.children) {
                    (0, []) => format!("<{}> is empty", f.local),
                    (0, [one]) => format!("<{}> has no {one}", f.local),
                    (0, _) => format!("<{}> has none of {}", f.local, n.children.join(", ")),
                    (k, _) => format!("<{}> has {k} operands", f.local),
                };
                // `what` says it in words; an empty `what` means "one of the children listed".
                let want = if n.what.is_empty() {
                    format!("it must contain at least one of {}", n.children.join(", "))
                } else {
                    format!("it must contain {}", n.what)
                };
                cx.report(n.req, prose(found, want), f.pos, f.local.len() as u32 + 1);
            }
        }
        match f.local {
            "Portlist" => {
                let count = port_count(&f.text);
                // Give the count to the System this Portlist's Service belongs to.
                if let Some(flow) = parents.iter_mut().rev().find(|p| p.local == "Flow") {
                    if let Some(last) = flow.systems.last_mut() {
                        last.1 = count;
                    }
                }
            }
            "Flow" => {
                let sources: Vec<&(String, Option<u64>)> = f.systems.iter().filter(|s| s.0 == "source").collect();
                let targets: Vec<&(String, Option<u64>)> = f.systems.iter().filter(|s| s.0 == "target").collect();
                let multi = f.systems.iter().any(|s| s.1.is_some_and(|n| n > 1));
                if multi && (sources.len() > 1 || targets.len() > 1) {
                    let kind = prose(
                        format!(
                            "a Flow lists port ranges with {} source and {} target Systems",
                            sources.len(),
                            targets.len()
                        ),
                        "a Flow whose Portlist names several ports may have only one source and one target System",
                    );
                    cx.report("RFC7970-3.20-flow-single-source-target", kind, f.pos, 5);
                } else if let ([s], [t]) = (&sources[..], &targets[..]) {
                    if let (Some(a), Some(b)) = (s.1, t.1) {
                        if a != b {
                            let kind = prose(
                                format!("the source Portlist names {a} ports and the target Portlist {b}"),
                                "source and target Portlists of a Flow must pair up port by port",
                            );
                            cx.report("RFC7970-3.20-flow-portlist-order", kind, f.pos, 5);
                        }
                    }
                }
            }
            "ApplicationHeaderField" | "EmailHeaderField"
                if f.text.trim().is_empty() && !f.ext.as_ref().is_some_and(|e| e.1) =>
            {
                let req = if f.local == "EmailHeaderField" {
                    "RFC7970-3.21-emailheaderfield-form"
                } else {
                    "RFC7970-3.20.2-applicationheaderfield-name-value"
                };
                cx.report(
                    req,
                    prose(format!("{} is empty", f.local), "the header field value is required"),
                    f.pos,
                    f.local.len() as u32 + 1,
                );
            }
            _ => {}
        }
        if let Some((dtype, has_children)) = &f.ext {
            let len = f.local.len() as u32 + 1;
            if *has_children && dtype != "xml" && dtype != "ext-value" {
                let kind = prose(
                    format!("<{}> with dtype={dtype:?} contains elements", f.local),
                    "content made of XML elements must use dtype=\"xml\"",
                );
                cx.report("RFC7970-5.2-xml-extension-dtype", kind, f.pos, len);
            } else if let Some(b) = dtype_builtin(dtype) {
                let v = datatypes::normalize(datatypes::whitespace(b), &f.text);
                if let Err(e) = datatypes::check(b, &v) {
                    let kind = prose(
                        format!("<{} dtype=\"{dtype}\"> holds {:?}: {}", f.local, clip(&v), e.problem),
                        format!("with that dtype the content must be {}", e.expected),
                    );
                    cx.report("RFC7970-5.2-atomic-extension-content", kind, f.pos, len);
                }
            } else if dtype == "character" && f.text.chars().count() != 1 {
                let kind = prose(
                    format!("<{}> has dtype=\"character\" but holds {:?}", f.local, clip(&f.text)),
                    "it must hold exactly one character",
                );
                cx.report("RFC7970-5.2-atomic-extension-content", kind, f.pos, len);
            } else if dtype == "portlist" && port_count(&f.text).is_none() {
                let kind = prose(
                    format!("<{}> has dtype=\"portlist\" but holds {:?}", f.local, clip(&f.text)),
                    "it must be a port list such as 22,80,1000-1010",
                );
                cx.report("RFC7970-5.2-atomic-extension-content", kind, f.pos, len);
            }
        }
        let _ = end;
    }
}

fn clip(s: &str) -> String {
    let t: String = s.trim().chars().take(40).collect();
    if t.len() < s.trim().len() { format!("{t}…") } else { t }
}

impl Rules for Iodef2Rules {
    fn start(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let iodef = *self.iodef.get_or_insert_with(|| cx.namespaces.get(NS).unwrap_or(NsId(u32::MAX)));
        let is_iodef = tag.ns == iodef;
        if self.depth == 0 {
            self.root_checks(cx, tag);
        }
        // Tell the parent about this child.
        let parent_in_xml_ext = self.parent().is_some_and(|p| p.in_xml_ext);
        if let Some(d) = self.depth.checked_sub(1) {
            let p = &mut self.frames[d];
            let child = if is_iodef { tag.local } else { "" };
            for n in &mut p.needs {
                if n.children.is_empty() || n.children.contains(&child) {
                    n.seen += 1;
                }
            }
            if let Some(ext) = &mut p.ext {
                ext.1 = true;
            }
            if p.local == "Service" && matches!(child, "Port" | "Portlist" | "ProtoCode" | "ProtoType" | "ProtoField") {
                p.proto_child = true;
            }
        }
        // Extension elements inside dtype="xml" content (§5.2).
        if parent_in_xml_ext && !is_iodef {
            let direct = self.parent().is_some_and(|p| p.ext.is_some());
            let len = tag.qname.len() as u32 + 1;
            let uri = cx.namespaces.uri(tag.ns).to_string();
            if direct && (uri.is_empty() || tag.ns == iodef) {
                let kind = prose(
                    format!("<{}> is in no namespace", tag.qname),
                    "XML carried in an extension must be in a namespace of its own",
                );
                cx.report("RFC7970-5.2-extension-namespace", kind, tag.pos, len);
            }
            if !tag.prefix.starts_with("iodef-") {
                let found = if tag.prefix.is_empty() {
                    "no prefix".to_string()
                } else {
                    format!("the prefix {:?}", tag.prefix)
                };
                let kind = prose(
                    format!("extension element <{}> uses {found}", tag.qname),
                    "extension namespaces should use a prefix starting with iodef-",
                );
                cx.report("RFC7970-5.2-extension-prefix", kind, tag.pos, len);
            }
            if !tag.local.starts_with(|c: char| c.is_uppercase()) {
                let kind = prose(
                    format!("extension element <{}> starts with a lower-case letter", tag.qname),
                    "extension element names should start with an upper-case letter",
                );
                cx.report("RFC7970-5.2-extension-element-names", kind, tag.pos, len);
            }
            for a in tag.attributes() {
                if a.prefix.is_empty() && !a.is_ns_decl && a.local.chars().any(|c| c.is_uppercase() || c == '_') {
                    let kind = prose(
                        format!("extension attribute {} is not lower case", a.qname),
                        "extension attribute names should be lower case, words separated by hyphens",
                    );
                    cx.report("RFC7970-5.2-extension-attribute-names", kind, a.pos(), a.qname.len() as u32);
                }
            }
        } else if parent_in_xml_ext && self.parent().is_some_and(|p| p.ext.is_some()) {
            let kind = prose(
                format!("<{}> is in the IODEF namespace", tag.qname),
                "XML carried in an extension must be in a namespace of its own",
            );
            cx.report("RFC7970-5.2-extension-namespace", kind, tag.pos, tag.qname.len() as u32 + 1);
        }
        // The frame is reset in place (its buffers kept); the checks of an element see it
        // beside its ancestors' frames (split borrows, no moves).
        if self.frames.len() <= self.depth {
            self.frames.push(Frame::default());
        }
        let f = &mut self.frames[self.depth];
        f.local = "";
        f.needs.clear();
        f.text.clear();
        f.systems.clear();
        f.ext = None;
        f.collect_text = false;
        f.iat = false;
        f.file_hash = false;
        f.ip_protocol = false;
        f.proto_child = false;
        f.pos = tag.pos;
        f.in_xml_ext = parent_in_xml_ext;
        if is_iodef && !parent_in_xml_ext {
            if let Some(id) = cx.engine.current() {
                let name = cx.schema.elements[id as usize].name;
                if name == tag.local {
                    f.local = name;
                    if interesting(cx.schema).get(id as usize).copied().unwrap_or(false) {
                        let (parents, rest) = self.frames.split_at_mut(self.depth);
                        Self::element_checks(parents, cx, tag, &mut rest[0]);
                    }
                }
            }
        }
        self.depth += 1;
    }

    fn text(&mut self, _cx: &mut Cx<'_, '_>, t: &Text<'_>) {
        if let Some(f) = self.depth.checked_sub(1).and_then(|d| self.frames.get_mut(d)) {
            if f.collect_text && f.text.len() < 1 << 20 {
                f.text.push_str(t.text);
            }
        }
    }

    fn end(&mut self, cx: &mut Cx<'_, '_>, pos: Pos) {
        let Some(d) = self.depth.checked_sub(1) else { return };
        self.depth = d;
        // Most elements have nothing to check at their end: leave their frame where it is.
        let f = &self.frames[d];
        let checked =
            matches!(f.local, "Service" | "Portlist" | "Flow" | "ApplicationHeaderField" | "EmailHeaderField");
        if !checked && f.needs.is_empty() && f.ext.is_none() {
            return;
        }
        let (parents, rest) = self.frames.split_at_mut(d);
        let f = &rest[0];
        if f.local == "Service" && f.proto_child && !f.ip_protocol {
            let kind = prose(
                "Service has a Port, Portlist or protocol detail but no ip-protocol attribute",
                "ip-protocol must say which protocol the ports belong to",
            );
            cx.report("RFC7970-3.20-service-ip-protocol", kind, f.pos, 8);
        }
        Self::end_checks(parents, cx, f, pos);
    }
}

#[cfg(test)]
mod tests {
    use super::is_fqdn;

    #[test]
    fn fqdn() {
        for ok in ["csirt.example.com", "example.com.", "a-b.example", "x1.y2"] {
            assert!(is_fqdn(ok), "{ok}");
        }
        for bad in ["", "localhost", "a..b", "-a.com", "a-.com", "a_b.com", "example.123", ".com", "a..", "a b.com"] {
            assert!(!is_fqdn(bad), "{bad}");
        }
    }
}
