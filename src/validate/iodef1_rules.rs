//! RFC 5070 (IODEF 1.0) prose rules that the schema cannot express. They apply to a document
//! whose root is IODEF-Document, and to IODEF 1.0 documents carried in RID messages.
//!
//! Each rule cites its catalog entry (`src/requirements/rfc5070.rs`, the block after the schema
//! entries). Elements are recognised by the schema engine's element id through a per-schema
//! table ([`El`]); one frame per open element (reused, so a valid document allocates nothing per
//! element) records the children, attributes and text a rule needs, and the rule is decided at
//! the start or end tag.
//!
//! Document-level rules (XML declaration and encoding, §4.1) apply only to a stand-alone
//! document; the rules of IODEF-Document itself (version, §3.1; xsi:schemaLocation, §4.2) and
//! every element rule also apply to an IODEF-Document carried in a RID message.

use super::iodef2_rules::is_fqdn;
use super::{Cx, Rules, entity, literal_specials, prose};
use crate::diag::Pos;
use crate::schema::Schema;
use crate::schema::datatypes;
use crate::schema::iodef1::NS;
use crate::schema::model::Builtin;
use crate::xml::{Encoding, NsId, StartTag, Text, XmlErrorKind};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

/// Well-formedness (RFC 5070 §4.3).
pub const WELL_FORMED: &str = "RFC5070-4.3-well-formed";
/// Special characters escaped (RFC 5070 §4.1).
pub const ESCAPED: &str = "RFC5070-4.1-escape";
/// Cited when the root is not IODEF-Document in the IODEF 1.0 namespace (RFC 5070 §4.2, §8):
/// no declaration of the schema matches it, so the document is not valid, the error a schema
/// validator reports (the SHOULD of §4.2 about xsi:schemaLocation would make it a mere warning).
pub const NAMESPACE: &str = "RFC5070-3.1-iodef-document";
/// The XML declaration (RFC 5070 §4.1).
const XML_DECL: &str = "RFC5070-4.1-xml-declaration";
/// The encoding declared when not UTF-8 (RFC 5070 §4.1).
const ENCODING: &str = "RFC5070-4.1-encoding";
/// xsi:schemaLocation (RFC 5070 §4.2).
const SCHEMA_LOCATION: &str = "RFC5070-4.2-schemalocation";

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The requirement a reader error breaks.
pub fn xml_error_req(kind: &XmlErrorKind) -> &'static str {
    match kind {
        XmlErrorKind::LtInAttributeValue | XmlErrorKind::BadReference { .. } | XmlErrorKind::CdataEndInText => ESCAPED,
        // A UTF-16 document without an encoding declaration, or a declaration naming another
        // encoding than the bytes use: the encoding is not explicitly (and truly) specified.
        XmlErrorKind::EncodingMismatch { .. } => ENCODING,
        // `<?xml?>` without the version pseudo-attribute: §4.1 requires the version.
        XmlErrorKind::BadXmlDecl { detail } if detail.contains("version") => XML_DECL,
        _ => WELL_FORMED,
    }
}

/// The IODEF 1.0 elements a rule looks at (the rest are `Other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum El {
    #[default]
    Other,
    Root,
    IncidentId,
    Contact,
    ContactName,
    PostalAddress,
    Email,
    /// Telephone and Fax.
    Phone,
    /// ReportTime, DetectTime, StartTime, EndTime.
    Time,
    DateTime,
    Impact,
    MonetaryImpact,
    Confidence,
    EventData,
    Flow,
    System,
    Node,
    NodeName,
    Address,
    NodeRole,
    Service,
    Port,
    Portlist,
    /// AdditionalData and RecordItem (iodef:ExtensionType).
    Ext,
}

fn el_of(name: &str) -> El {
    match name {
        "IODEF-Document" => El::Root,
        "IncidentID" => El::IncidentId,
        "Contact" => El::Contact,
        "ContactName" => El::ContactName,
        "PostalAddress" => El::PostalAddress,
        "Email" => El::Email,
        "Telephone" | "Fax" => El::Phone,
        "ReportTime" | "DetectTime" | "StartTime" | "EndTime" => El::Time,
        "DateTime" => El::DateTime,
        "Impact" => El::Impact,
        "MonetaryImpact" => El::MonetaryImpact,
        "Confidence" => El::Confidence,
        "EventData" => El::EventData,
        "Flow" => El::Flow,
        "System" => El::System,
        "Node" => El::Node,
        "NodeName" => El::NodeName,
        "Address" => El::Address,
        "NodeRole" => El::NodeRole,
        "Service" => El::Service,
        "Port" => El::Port,
        "Portlist" => El::Portlist,
        "AdditionalData" | "RecordItem" => El::Ext,
        _ => El::Other,
    }
}

/// Per element id of a compiled schema: which [`El`] it is (IODEF 1.0 namespace only). The
/// rules run with two schemas (IODEF 1.0 and RID), so two tables, each keyed by its schema.
fn table(schema: &Schema) -> Option<&'static [El]> {
    static A: OnceLock<(usize, Vec<El>)> = OnceLock::new();
    static B: OnceLock<(usize, Vec<El>)> = OnceLock::new();
    let key = schema as *const Schema as usize;
    let build = || {
        let els = schema
            .elements
            .iter()
            .map(|e| if schema.namespaces[e.ns as usize] == NS { el_of(e.name) } else { El::Other })
            .collect();
        (key, els)
    };
    for cell in [&A, &B] {
        let (k, els) = cell.get_or_init(build);
        if *k == key {
            return Some(els);
        }
    }
    None
}

/// System@category as far as Portlist symmetry cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Side {
    #[default]
    Neither,
    Source,
    Target,
}

/// The Portlists of one Flow: (min, max) port counts on each side.
#[derive(Debug, Clone, Copy, Default)]
struct FlowPorts {
    source: Option<(u64, u64)>,
    target: Option<(u64, u64)>,
    reported: bool,
}

#[derive(Debug, Default)]
struct Frame {
    el: El,
    /// The local name, when `el` is not `Other`.
    local: &'static str,
    pos: Pos,
    /// Length of `<` and the name, for the highlight.
    len: u32,
    ns: Option<NsId>,
    /// Child elements seen.
    children: u32,
    has_name: bool,
    has_address: bool,
    has_datetime: bool,
    has_port: bool,
    /// An AdditionalData or RecordItem (its dtype in `aux`).
    ext: bool,
    /// Inside the content of an AdditionalData or RecordItem (this element or an ancestor).
    in_ext: bool,
    /// Inside an element of a published extension with a table (RFC 5901, 5941, 7203): its
    /// content (e.g. another specification's XML in an SCI RawData) is governed by that extension.
    in_known_ext: bool,
    /// dtype (Ext), category (Address) or rating (Confidence), as one of the schema's values;
    /// empty when absent or not one of them.
    aux: &'static str,
    side: Side,
    flow: FlowPorts,
    collect: bool,
    text: String,
    /// Where the first non-white-space character data starts.
    text_pos: Option<Pos>,
    /// Where the end tag starts (set when the element ends).
    end: Pos,
}

impl Frame {
    fn reset(&mut self, pos: Pos, len: u32, ns: NsId) {
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        *self = Frame { pos, len, ns: Some(ns), text, ..Frame::default() };
    }
}

/// The IODEF 1.0 prose rules.
#[derive(Debug, Default)]
pub struct Iodef1Rules {
    /// Embedded in a RID message (no document-level checks such as the XML declaration).
    #[allow(dead_code)] // read by the rules, which are being written
    embedded: bool,
    frames: Frames,
    depth: usize,
    /// Index of the frame of the IODEF-Document being checked, if inside one.
    root: Option<usize>,
    iodef: Option<NsId>,
    /// The XSI namespace's id, once interned (ids never change: looked up once, not per element).
    xsi: Option<NsId>,
    /// Embedded: an ancestor of the carried document has an xsi:schemaLocation naming IODEF 1.0.
    outer_schema_location: bool,
}

super::recycled_frames!(Frame, |f| f.text.capacity() <= 64 * 1024);

impl Iodef1Rules {
    fn xsi_id(&mut self, cx: &Cx<'_, '_>) -> Option<NsId> {
        if self.xsi.is_none() {
            self.xsi = cx.namespaces.get(XSI);
        }
        self.xsi
    }

    /// Rules for a stand-alone IODEF 1.0 document.
    pub fn document() -> Self {
        Iodef1Rules { embedded: false, ..Iodef1Rules::default() }
    }

    /// Rules for IODEF 1.0 documents carried inside another document (RID ReportSchema).
    pub fn embedded() -> Self {
        Iodef1Rules { embedded: true, ..Iodef1Rules::default() }
    }
}

/// `value` if it is one of `list`, as the list's `'static` copy; empty otherwise.
fn pick(value: &str, list: &[&'static str]) -> &'static str {
    list.iter().copied().find(|v| *v == value).unwrap_or("")
}

const DTYPES: &[&str] = &[
    "boolean",
    "byte",
    "character",
    "date-time",
    "integer",
    "ntpstamp",
    "portlist",
    "real",
    "string",
    "file",
    "path",
    "frame",
    "packet",
    "ipv4-packet",
    "ipv6-packet",
    "url",
    "csv",
    "winreg",
    "xml",
    "ext-value",
];

const ADDRESS_CATEGORIES: &[&str] = &[
    "asn",
    "atm",
    "e-mail",
    "mac",
    "ipv4-addr",
    "ipv4-net",
    "ipv4-net-mask",
    "ipv6-addr",
    "ipv6-net",
    "ipv6-net-mask",
    "ext-value",
];

const RATINGS: &[&str] = &["low", "medium", "high", "numeric", "unknown"];

/// ISO 4217 alphabetic codes in use at some time since RFC 5070 was published (December 2007):
/// the current list, then the codes withdrawn since.
const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND",
    "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY",
    "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP",
    "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
    "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
    "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN",
    "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
    "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
    "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB",
    "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW",
    "ZWG", // Withdrawn since December 2007.
    "ANG", "BGN", "BYR", "CUC", "CYP", "EEK", "GHC", "HRK", "LTL", "LVL", "MRO", "MTL", "SDD", "SKK", "SLL", "STD",
    "TMM", "USS", "VEB", "VEF", "XFU", "ZMK", "ZWD", "ZWL", "ZWN", "ZWR",
];

/// Number of ports a PORTLIST names (`80,443,1000-1010` names 13); `None` if it is not one.
fn port_count(list: &str) -> Option<u64> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut n = 0u64;
    for part in list.split(',') {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if !digits(a) || !digits(b) {
            return None;
        }
        let (a, b) = (a.parse::<u64>().ok()?, b.parse::<u64>().ok()?);
        n = n.saturating_add(b.checked_sub(a)? + 1);
    }
    Some(n)
}

/// Why a DATETIME the schema accepts is not an RFC 3339 date-time (§2.8).
fn rfc3339_problem(v: &str) -> Option<&'static str> {
    if datatypes::check(Builtin::DateTime, v).is_err() {
        return None; // the schema reports it
    }
    let b = v.as_bytes();
    if !(b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-') {
        return Some("its year is not written with exactly four digits");
    }
    let zoned = v.ends_with('Z')
        || (b.len() > 6 && matches!(b[b.len() - 6], b'+' | b'-') && b[b.len() - 3] == b':' && {
            let t = &b[b.len() - 5..];
            t[0].is_ascii_digit() && t[1].is_ascii_digit() && t[3].is_ascii_digit() && t[4].is_ascii_digit()
        });
    if !zoned {
        return Some("it has no time-zone offset");
    }
    if b.get(11..13) == Some(b"24") {
        return Some("its hour is 24, which RFC 3339 does not allow");
    }
    None
}

/// Why text is not an RFC 4517 PostalAddress (§2.11).
fn postal_problem(v: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() {
        return Some("it is empty".into());
    }
    for (i, line) in v.split('$').enumerate() {
        if line.trim().is_empty() {
            return Some(format!("its line {} (between $ separators) is empty", i + 1));
        }
    }
    let mut rest = v;
    while let Some(k) = rest.find('\\') {
        let esc = rest.get(k + 1..k + 3).unwrap_or("");
        if !(esc == "24" || esc.eq_ignore_ascii_case("5c")) {
            return Some(format!("it has a \\ that starts neither \\24 nor \\5C, in {}", quote(&rest[k..])));
        }
        rest = &rest[k + 3..];
    }
    None
}

/// Why text is not an RFC 4519 telephoneNumber (a PrintableString with a digit, §2.13).
fn phone_problem(v: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() {
        return Some("it is empty".into());
    }
    let printable = |c: char| c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c);
    if let Some(c) = v.chars().find(|c| !printable(*c)) {
        return Some(format!("it contains {c:?}, which is not a PrintableString character"));
    }
    if !v.bytes().any(|b| b.is_ascii_digit()) {
        return Some("it contains no digit".into());
    }
    None
}

fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c)
}

fn is_dot_atom(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(|p| !p.is_empty() && p.bytes().all(is_atext))
}

/// The length of the quoted-string (RFC 2822 §3.2.5) at the start of `s`, if there is one.
fn quoted_len(s: &[u8], open: u8, close: u8, plain: impl Fn(u8) -> bool) -> Option<usize> {
    if s.first() != Some(&open) {
        return None;
    }
    let mut i = 1;
    while i < s.len() {
        match s[i] {
            c if c == close => return Some(i + 1),
            b'\\' if i + 1 < s.len() && s[i + 1] < 0x80 && s[i + 1] != b'\r' && s[i + 1] != b'\n' => i += 2,
            b' ' | b'\t' => i += 1,
            c if plain(c) => i += 1,
            _ => return None,
        }
    }
    None
}

/// Does text parse as an RFC 2822 addr-spec (dot-atom or quoted-string, `@`, dot-atom or
/// domain-literal; no comments)?
fn is_addr_spec(v: &str) -> bool {
    let b = v.as_bytes();
    let no_ws_ctl = |c: u8| matches!(c, 1..=8 | 11 | 12 | 14..=31 | 127);
    let local_end = if b.first() == Some(&b'"') {
        match quoted_len(b, b'"', b'"', |c| {
            no_ws_ctl(c) || c == 33 || (35..=91).contains(&c) || (93..=126).contains(&c)
        }) {
            Some(n) => n,
            None => return false,
        }
    } else {
        match v.find('@') {
            Some(k) if is_dot_atom(&v[..k]) => k,
            _ => return false,
        }
    };
    let Some(domain) = v[local_end..].strip_prefix('@') else { return false };
    if domain.starts_with('[') {
        let d = domain.as_bytes();
        quoted_len(d, b'[', b']', |c| no_ws_ctl(c) || (33..=90).contains(&c) || (94..=126).contains(&c))
            == Some(d.len())
    } else {
        is_dot_atom(domain)
    }
}

/// Why Address text does not have the form its category names (§3.16.2); the expected form.
fn address_problem(category: &str, v: &str) -> Option<&'static str> {
    let v = v.trim();
    let prefix = |p: &str, max: u32| {
        !p.is_empty()
            && p.len() <= 3
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let v4 = |s: &str| s.parse::<Ipv4Addr>().is_ok();
    let v6 = |s: &str| s.parse::<Ipv6Addr>().is_ok();
    let ok = match category {
        "ipv4-addr" => v4(v),
        "ipv4-net" => v.split_once('/').is_some_and(|(a, p)| v4(a) && prefix(p, 32)),
        "ipv4-net-mask" => v.split_once('/').is_some_and(|(a, m)| v4(a) && v4(m)),
        "ipv6-addr" => v6(v),
        "ipv6-net" => v.split_once('/').is_some_and(|(a, p)| v6(a) && prefix(p, 128)),
        "ipv6-net-mask" => v.split_once('/').is_some_and(|(a, m)| v6(a) && v6(m)),
        "asn" => !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && v.parse::<u32>().is_ok(),
        "mac" => {
            let sep = if v.contains('-') { '-' } else { ':' };
            let parts: Vec<&str> = v.split(sep).collect();
            parts.len() == 6 && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        "e-mail" => is_addr_spec(v),
        _ => true,
    };
    if ok {
        return None;
    }
    Some(match category {
        "ipv4-addr" => "a dotted-decimal IPv4 address such as 192.0.2.10",
        "ipv4-net" => "an IPv4 network in CIDR form such as 192.0.2.0/24",
        "ipv4-net-mask" => "an IPv4 network with its mask such as 192.0.2.0/255.255.255.0",
        "ipv6-addr" => "an IPv6 address such as 2001:db8::10",
        "ipv6-net" => "an IPv6 network in CIDR form such as 2001:db8::/32",
        "ipv6-net-mask" => "an IPv6 network with its mask such as 2001:db8::/ffff:ffff::",
        "asn" => "an autonomous system number such as 64500 (digits only)",
        "mac" => "a MAC address of six hexadecimal octets such as 00:1b:21:3a:4f:90",
        _ => "an e-mail address (RFC 2822 addr-spec) such as abuse@example.com",
    })
}

/// A base-10 REAL (§2.2): an xs:float written in digits (no INF or NaN).
fn real_problem(v: &str) -> Option<&'static str> {
    if v.is_empty() {
        return Some("it is empty");
    }
    if datatypes::check(Builtin::Float, v).is_err() || v.contains("INF") || v.contains("NaN") {
        return Some("it is not a base-10 number");
    }
    None
}

/// The built-in datatype an atomic dtype's content must be (§5.2), `None` if unchecked.
fn dtype_builtin(dtype: &str) -> Option<Builtin> {
    Some(match dtype {
        "boolean" => Builtin::Boolean,
        "integer" => Builtin::Integer,
        "real" => Builtin::Float,
        "date-time" => Builtin::DateTime,
        "url" => Builtin::AnyUri,
        "byte" | "file" => Builtin::Base64Binary,
        "frame" | "packet" | "ipv4-packet" | "ipv6-packet" => Builtin::HexBinary,
        _ => return None,
    })
}

fn clip(s: &str) -> String {
    let t: String = s.trim().chars().take(40).collect();
    if t.len() < s.trim().len() { format!("{t}…") } else { t }
}

/// A value for a message: trimmed, clipped, on one line, in double quotes.
fn quote(s: &str) -> String {
    let one_line: String = clip(s).chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    format!("\"{one_line}\"")
}

fn attr_len(a: &crate::xml::Attr<'_>) -> u32 {
    a.qname.len() as u32
}

impl Iodef1Rules {
    fn parent(&self) -> Option<&Frame> {
        self.depth.checked_sub(1).and_then(|d| self.frames.get(d))
    }

    /// Where to point at a frame's text (from its first non-white-space character; up to the
    /// end tag when that is on the same line, else to the end of the line), else at its tag.
    fn text_spot(f: &Frame) -> (Pos, u32) {
        match f.text_pos {
            Some(p) if f.end.line == p.line && f.end.offset > p.offset => {
                let trailing = f.text.len() - f.text.trim_end().len();
                (p, (f.end.offset - p.offset).saturating_sub(trailing as u64).max(1) as u32)
            }
            Some(p) => {
                let first = f.text.trim().lines().next().unwrap_or("");
                (p, first.len().clamp(1, 80) as u32)
            }
            None => (f.pos, f.len),
        }
    }

    /// The attributes of IODEF-Document, and (stand-alone) the XML declaration.
    fn root_checks(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let len = tag.qname.len() as u32 + 1;
        if !self.embedded {
            let start = Pos::START.here();
            match cx.decl {
                None => cx.report(
                    XML_DECL,
                    prose(
                        "the document does not begin with an XML declaration",
                        "an IODEF document must begin with one stating the XML version, e.g. <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    ),
                    start,
                    1,
                ),
                Some(d) if d.encoding.is_none() && cx.encoding != Encoding::Utf8 => cx.report(
                    ENCODING,
                    prose(
                        format!("the document is encoded in {:?} but its XML declaration names no encoding", cx.encoding),
                        "a document not in UTF-8 must name its encoding, e.g. encoding=\"UTF-16\"",
                    ),
                    start,
                    5,
                ),
                Some(_) => {}
            }
        }
        if tag.get("version").is_none() {
            cx.report(
                "RFC5070-3.1-version",
                prose("IODEF-Document has no version attribute", "the prose requires version=\"1.00\""),
                tag.pos,
                len,
            );
        }
        let xsi = cx.namespaces.get(XSI);
        let loc = tag.attributes().find(|a| Some(a.ns) == xsi && a.local == "schemaLocation");
        match loc {
            None if self.outer_schema_location => {}
            None => cx.report(
                SCHEMA_LOCATION,
                prose(
                    "IODEF-Document has no xsi:schemaLocation attribute",
                    format!(
                        "it should reference the IODEF schema, e.g. xsi:schemaLocation=\"{NS} https://www.iana.org/assignments/xml-registry/schema/iodef-1.0.xsd\""
                    ),
                ),
                tag.pos,
                len,
            ),
            Some(a) if !a.value.split_ascii_whitespace().any(|t| t == NS) => cx.report(
                SCHEMA_LOCATION,
                prose(
                    format!("xsi:schemaLocation is {}, which does not name the IODEF 1.0 namespace", quote(a.value)),
                    format!("it should pair the namespace {NS} with the location of the IODEF 1.0 schema"),
                ),
                a.pos(),
                attr_len(&a),
            ),
            Some(_) => {}
        }
    }

    /// Checks on the start tag of an IODEF element outside extension content.
    fn element_checks(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, f: &mut Frame) {
        let len = f.len;
        let missing_lang = |cx: &mut Cx<'_, '_>, what: &str, req: &'static str| {
            if tag.get("lang").is_none() {
                cx.report(
                    req,
                    prose(
                        format!("{what} has no lang attribute"),
                        format!("the prose requires {what}@lang, the language of its text, e.g. lang=\"en\""),
                    ),
                    tag.pos,
                    len,
                );
            }
        };
        match f.el {
            El::Root => self.root_checks(cx, tag),
            El::IncidentId => {
                if let Some(a) = tag.attributes().find(|a| a.prefix.is_empty() && a.local == "name") {
                    if !is_fqdn(a.value) {
                        cx.report(
                            "RFC5070-3.3-name-fqdn",
                            prose(
                                format!("IncidentID@name is {}, which is not a fully qualified domain name", quote(a.value)),
                                "it must be the domain name of the CSIRT that issued the identifier, e.g. csirt.example.org",
                            ),
                            a.pos(),
                            attr_len(&a),
                        );
                    }
                }
            }
            El::PostalAddress => {
                missing_lang(cx, "PostalAddress", "RFC5070-3.7.2-postal-lang");
                f.collect = true;
            }
            El::Impact => missing_lang(cx, "Impact", "RFC5070-3.10.1-impact-lang"),
            El::NodeRole => missing_lang(cx, "NodeRole", "RFC5070-3.16.3-noderole-lang"),
            El::MonetaryImpact => match tag.attributes().find(|a| a.prefix.is_empty() && a.local == "currency") {
                None => cx.report(
                    "RFC5070-3.10.3-currency",
                    prose(
                        "MonetaryImpact has no currency attribute",
                        "the prose requires currency, an ISO 4217 code such as USD or EUR",
                    ),
                    tag.pos,
                    len,
                ),
                Some(a) if !CURRENCIES.contains(&a.value) => cx.report(
                    "RFC5070-3.10.3-currency",
                    prose(
                        format!("MonetaryImpact@currency is {}, which is not an ISO 4217 currency code", quote(a.value)),
                        "it must be an ISO 4217 alphabetic code: three upper-case letters such as USD, EUR or JPY",
                    ),
                    a.pos(),
                    attr_len(&a),
                ),
                Some(_) => {}
            },
            El::Confidence => {
                f.aux = pick(tag.get("rating").unwrap_or("").trim(), RATINGS);
                f.collect = true;
            }
            El::System => {
                match tag.get("category").map(str::trim) {
                    None => cx.report(
                        "RFC5070-3.15-category",
                        prose(
                            "System has no category attribute",
                            "the prose requires category (source, target, intermediate, sensor, infrastructure or ext-value)",
                        ),
                        tag.pos,
                        len,
                    ),
                    Some("source") => f.side = Side::Source,
                    Some("target") => f.side = Side::Target,
                    Some(_) => {}
                }
            }
            El::Address => {
                f.aux = pick(tag.get("category").map_or("ipv4-addr", str::trim), ADDRESS_CATEGORIES);
                f.collect = true;
            }
            El::Ext => {
                f.ext = true;
                f.aux = pick(tag.get("dtype").unwrap_or("").trim(), DTYPES);
                f.collect = true;
            }
            El::ContactName | El::Email | El::Phone | El::Time | El::DateTime | El::Portlist => f.collect = true,
            _ => {}
        }
    }

    /// Checks on an element of extension content (inside AdditionalData or RecordItem).
    fn extension_checks(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, iodef: NsId) {
        let Some(p) = self.parent() else { return };
        let direct = p.ext;
        let new_ns = direct || p.ns != Some(tag.ns);
        let len = tag.qname.len() as u32 + 1;
        if direct && (tag.ns == NsId::NONE || tag.ns == iodef) {
            let found = if tag.ns == NsId::NONE {
                format!("extension element <{}> is in no namespace", tag.qname)
            } else {
                format!("extension element <{}> is in the IODEF 1.0 namespace", tag.qname)
            };
            cx.report(
                "RFC5070-5.2-namespace",
                prose(found, "XML carried in AdditionalData or RecordItem must be in a namespace of its own"),
                tag.pos,
                len,
            );
        }
        if tag.ns == iodef {
            if cx.engine.current().is_none() {
                cx.report(
                    "RFC5070-5.2-unknown-element",
                    prose(
                        format!("<{}> is in the IODEF 1.0 namespace, which declares no such element", tag.qname),
                        "an unrecognised element in a supported namespace should make the document be rejected",
                    ),
                    tag.pos,
                    len,
                );
            }
            return;
        }
        if tag.ns != NsId::NONE && new_ns && !tag.prefix.starts_with("iodef-") && !p.in_known_ext {
            let found = if tag.prefix.is_empty() {
                format!(
                    "extension element <{}> uses its namespace as the default namespace, without a prefix",
                    tag.qname
                )
            } else {
                format!("extension element <{}> uses the prefix {:?}", tag.qname, tag.prefix)
            };
            cx.report(
                "RFC5070-5.2-prefix",
                prose(found, "extension namespaces should be bound to a prefix starting with iodef-"),
                tag.pos,
                len,
            );
        }
        // The naming advice is for designers of new extensions: the names of a published
        // extension with a table (RFC 5901, 5941, 7203) are not the document author's to change.
        if cx.schema.knows_namespace(cx.namespaces.uri(tag.ns)) || self.parent().is_some_and(|p| p.in_known_ext) {
            return;
        }
        let capitalised = tag.local.starts_with(|c: char| c.is_uppercase());
        if !capitalised || tag.local.contains(['-', '_', '.']) {
            let why = if capitalised { "contains a separator" } else { "does not start with a capital letter" };
            cx.report(
                "RFC5070-5.2-naming",
                prose(
                    format!("the name of extension element <{}> {why}", tag.qname),
                    "extension element names should be capitalised CamelCase, e.g. SensorName",
                ),
                tag.pos,
                len,
            );
        }
        for a in tag.attributes() {
            if !a.is_ns_decl && a.prefix.is_empty() && a.local.chars().any(char::is_uppercase) {
                cx.report(
                    "RFC5070-5.2-naming",
                    prose(
                        format!("extension attribute {} is not lower case", a.qname),
                        "extension attribute names should be lower case, e.g. rule-set",
                    ),
                    a.pos(),
                    attr_len(&a),
                );
            }
        }
    }

    /// Checks at the end tag of an IODEF element, given its frame (already taken off the stack).
    fn end_checks(&mut self, cx: &mut Cx<'_, '_>, f: &Frame) {
        let (pos, len) = (f.pos, f.len);
        match f.el {
            El::Contact if f.children == 0 => cx.report(
                "RFC5070-3.7-contact-nonempty",
                prose(
                    "Contact has no child element",
                    "a Contact must hold at least one, e.g. a ContactName or an Email",
                ),
                pos,
                len,
            ),
            El::EventData if f.children == 0 => cx.report(
                "RFC5070-3.12-eventdata-nonempty",
                prose("EventData has no child element", "an EventData must hold at least one, e.g. a Flow or a Record"),
                pos,
                len,
            ),
            El::Node if !f.has_name && !f.has_address => cx.report(
                "RFC5070-3.16-node-identified",
                prose("Node has neither a NodeName nor an Address", "a Node must be named or addressed"),
                pos,
                len,
            ),
            El::Node if f.has_name && f.has_address && !f.has_datetime => cx.report(
                "RFC5070-3.16-node-datetime",
                prose(
                    "Node has both a NodeName and an Address but no DateTime",
                    "it should give the DateTime at which the name was resolved to the address",
                ),
                pos,
                len,
            ),
            El::Service if !f.has_port => cx.report(
                "RFC5070-3.17-port-or-portlist",
                prose("Service has neither a Port nor a Portlist", "a Service must name its port(s)"),
                pos,
                len,
            ),
            El::ContactName if f.text.trim().is_empty() => cx.report(
                "RFC5070-2.12-name",
                prose("ContactName is empty", "it must hold the name of a person or organization"),
                pos,
                len,
            ),
            El::PostalAddress => {
                if let Some(why) = postal_problem(&f.text) {
                    let (p, l) = Self::text_spot(f);
                    cx.report(
                        "RFC5070-2.11-postal",
                        prose(
                            format!("PostalAddress {} is not an RFC 4517 postal address: {why}", quote(&f.text)),
                            "it must be non-empty lines separated by $, e.g. Example CSIRT$1 Main St$Springfield (a literal $ or \\ written \\24 or \\5C)",
                        ),
                        p,
                        l,
                    );
                }
            }
            El::Email if !is_addr_spec(f.text.trim()) => {
                let (p, l) = Self::text_spot(f);
                cx.report(
                    "RFC5070-2.14-email",
                    prose(
                        format!("Email {} is not an e-mail address", quote(&f.text)),
                        "it must be an RFC 2822 addr-spec (local-part@domain), e.g. csirt@example.org",
                    ),
                    p,
                    l,
                );
            }
            El::Phone => {
                if let Some(why) = phone_problem(&f.text) {
                    let (p, l) = Self::text_spot(f);
                    cx.report(
                        "RFC5070-2.13-phone",
                        prose(
                            format!("{} {} is not an RFC 4519 telephoneNumber: {why}", f.local, quote(&f.text)),
                            "it must use only letters, digits, space and '()+,-./:=? and hold digits, e.g. +1 412 555 1212",
                        ),
                        p,
                        l,
                    );
                }
            }
            El::Time | El::DateTime => {
                let v = f.text.trim();
                if let Some(why) = rfc3339_problem(v) {
                    let (p, l) = Self::text_spot(f);
                    cx.report(
                        "RFC5070-2.8-rfc3339",
                        prose(
                            format!("{} {} is an xs:dateTime but not an RFC 3339 date-time: {why}", f.local, quote(v)),
                            "DATETIME values must follow RFC 3339, with a four-digit year and a zone, e.g. 2026-03-02T14:05:00Z or 2026-03-02T09:05:00-05:00",
                        ),
                        p,
                        l,
                    );
                }
            }
            El::Address if !f.aux.is_empty() => {
                if let Some(want) = address_problem(f.aux, &f.text) {
                    let (p, l) = Self::text_spot(f);
                    cx.report(
                        "RFC5070-3.16.2-address-format",
                        prose(
                            format!("Address {} does not have the form its category {} names", quote(&f.text), f.aux),
                            format!("an Address of category {} must be {want}", f.aux),
                        ),
                        p,
                        l,
                    );
                }
            }
            El::Confidence if f.aux == "numeric" && real_problem(f.text.trim()).is_some() => {
                let (p, l) = Self::text_spot(f);
                let found = if f.text.trim().is_empty() {
                    "Confidence has rating=\"numeric\" but no content".to_string()
                } else {
                    format!(
                        "Confidence has rating=\"numeric\" but its content {} is not a base-10 number",
                        quote(&f.text)
                    )
                };
                cx.report(
                    "RFC5070-3.10.4-numeric",
                    prose(found, "a numeric Confidence must hold a base-10 real number, e.g. 0.85"),
                    p,
                    l,
                );
            }
            El::Confidence if !matches!(f.aux, "" | "numeric") && !f.text.trim().is_empty() => {
                let (p, l) = Self::text_spot(f);
                cx.report(
                    "RFC5070-3.10.4-empty",
                    prose(
                        format!("Confidence has rating=\"{}\" and the content {}", f.aux, quote(&f.text)),
                        "only a numeric Confidence should have content; the others should be empty",
                    ),
                    p,
                    l,
                );
            }
            El::Portlist => self.portlist_end(cx, f),
            El::Ext => Self::ext_end(cx, f),
            _ => {}
        }
    }

    /// A Portlist of a source or target System of a Flow: compare its port count with the other
    /// side's (§3.17).
    fn portlist_end(&mut self, cx: &mut Cx<'_, '_>, f: &Frame) {
        let d = self.depth; // the Portlist's own index (already popped)
        if d < 3 {
            return;
        }
        let (service, system) = (&self.frames[d - 1], &self.frames[d - 2]);
        if service.el != El::Service || system.el != El::System || self.frames[d - 3].el != El::Flow {
            return;
        }
        let side = system.side;
        let Some(n) = port_count(f.text.trim()) else { return };
        let flow = &mut self.frames[d - 3].flow;
        let (mine, other, me, them) = match side {
            Side::Source => (&mut flow.source, flow.target, "source", "target"),
            Side::Target => (&mut flow.target, flow.source, "target", "source"),
            Side::Neither => return,
        };
        *mine = Some(mine.map_or((n, n), |(lo, hi)| (lo.min(n), hi.max(n))));
        if let Some((lo, hi)) = other {
            if !flow.reported && (lo != n || hi != n) {
                flow.reported = true;
                let m = if lo != n { lo } else { hi };
                let (p, l) = Self::text_spot(f);
                let ports = |k: u64| if k == 1 { "1 port".to_string() } else { format!("{k} ports") };
                cx.report(
                    "RFC5070-3.17-portlist-symmetry",
                    prose(
                        format!(
                            "this {me} Portlist names {}, but a {them} Portlist of the same Flow names {}",
                            ports(n),
                            ports(m)
                        ),
                        "the Portlists of corresponding source and target Services must list the same number of ports, in matching order",
                    ),
                    p,
                    l,
                );
            }
        }
    }

    /// AdditionalData or RecordItem: its content against its dtype (§5.2).
    fn ext_end(cx: &mut Cx<'_, '_>, f: &Frame) {
        let dtype = f.aux;
        if dtype.is_empty() {
            return; // absent or unknown dtype: the schema reports it
        }
        let what = f.local;
        let has_children = f.children > 0;
        if has_children != (dtype == "xml") {
            let kind = if has_children {
                prose(
                    format!("{what} with dtype=\"{dtype}\" contains XML elements"),
                    "content made of XML elements must have dtype=\"xml\"",
                )
            } else {
                prose(
                    format!("{what} has dtype=\"xml\" but no child element"),
                    "dtype=\"xml\" content must be XML elements (in a namespace of their own)",
                )
            };
            cx.report("RFC5070-5.2-xml-dtype", kind, f.pos, f.len);
            return;
        }
        let problem: Option<(&str, &str)> = if let Some(b) = dtype_builtin(dtype) {
            let v = datatypes::normalize(datatypes::whitespace(b), &f.text);
            match datatypes::check(b, &v) {
                Err(e) => Some((e.problem, e.expected)),
                Ok(()) if dtype == "real" => real_problem(&v).map(|p| (p, "a base-10 real number such as 7.25")),
                Ok(()) => None,
            }
        } else if dtype == "portlist" {
            port_count(f.text.trim()).is_none().then_some((
                "it is not a comma-separated list of ports and ranges",
                "a PORTLIST such as 22,80,1000-1010",
            ))
        } else {
            None
        };
        if let Some((problem, expected)) = problem {
            let (p, l) = Self::text_spot(f);
            cx.report(
                "RFC5070-5.2-atomic-dtype",
                prose(
                    format!(
                        "{what} has dtype=\"{dtype}\" but its content {} does not match: {problem}",
                        quote(&f.text)
                    ),
                    format!("the content of a dtype=\"{dtype}\" extension must be {expected}"),
                ),
                p,
                l,
            );
        }
    }

    /// A literal `>`, `"` or `'` in an attribute value (§4.1).
    fn escape_attributes(cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        for (a, c) in literal_specials(tag) {
            cx.report(
                ESCAPED,
                prose(
                    format!("the value of attribute {} contains a literal {c}", a.qname),
                    format!("RFC 5070 requires it to be written as {}", entity(c)),
                ),
                a.pos(),
                attr_len(&a),
            );
        }
    }
}

impl Rules for Iodef1Rules {
    fn start(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let iodef = *self.iodef.get_or_insert_with(|| cx.namespaces.get(NS).unwrap_or(NsId(u32::MAX)));
        let is_iodef = tag.ns == iodef;
        if self.root.is_none() {
            if !self.embedded || (is_iodef && tag.local == "IODEF-Document") {
                self.root = Some(self.depth);
            } else if let Some(xsi) = self.xsi_id(cx) {
                // An ancestor of a carried document may reference the IODEF schema for it.
                self.outer_schema_location |= tag.attributes().any(|a| {
                    a.ns == xsi && a.local == "schemaLocation" && a.value.split_ascii_whitespace().any(|t| t == NS)
                });
            }
        }
        let active = self.root.is_some();
        let len = tag.qname.len() as u32 + 1;
        // The frame is reset in its slot; it is moved out only for the elements with checks of
        // their own, which need it and `self` at once.
        if self.frames.len() <= self.depth {
            self.frames.push(Frame::default());
        }
        self.frames[self.depth].reset(tag.pos, len, tag.ns);
        if active {
            if !self.embedded {
                Self::escape_attributes(cx, tag);
            }
            let (in_ext, parent_in_ext) = match self.parent() {
                Some(p) if self.root.is_some_and(|r| r < self.depth) => (p.ext || p.in_ext, p.in_ext),
                _ => (false, false),
            };
            let in_known_ext = self.parent().is_some_and(|p| {
                p.in_known_ext
                    || (p.in_ext && p.ns.is_some_and(|n| n != iodef && cx.schema.knows_namespace(cx.namespaces.uri(n))))
            });
            let root_here = self.root == Some(self.depth);
            let f = &mut self.frames[self.depth];
            f.in_ext = in_ext;
            f.in_known_ext = in_known_ext;
            if in_ext {
                self.extension_checks(cx, tag, iodef);
            } else if is_iodef {
                if let Some(id) = cx.engine.current() {
                    let name = cx.schema.elements[id as usize].name;
                    f.el = match table(cx.schema) {
                        Some(t) => t.get(id as usize).copied().unwrap_or_default(),
                        None => el_of(name),
                    };
                    f.local = name;
                }
                if root_here {
                    f.el = El::Root;
                    f.local = "IODEF-Document";
                }
                if f.el != El::Other {
                    let mut f = std::mem::take(&mut self.frames[self.depth]);
                    self.element_checks(cx, tag, &mut f);
                    self.frames[self.depth] = f;
                }
            }
            // Tell the parent about this child.
            let child = self.frames[self.depth].el;
            if let Some(p) = self.depth.checked_sub(1).and_then(|d| self.frames.get_mut(d)) {
                p.children += 1;
                if !parent_in_ext {
                    match child {
                        El::NodeName => p.has_name = true,
                        El::Address => p.has_address = true,
                        El::DateTime => p.has_datetime = true,
                        El::Port | El::Portlist => p.has_port = true,
                        _ => {}
                    }
                }
            }
        }
        self.depth += 1;
    }

    fn text(&mut self, cx: &mut Cx<'_, '_>, t: &Text<'_>) {
        if self.root.is_none() {
            return;
        }
        // Inside a RID message the message's own escape rule (RFC 6545 §5.5) covers the carried
        // document: one literal character is one finding.
        // White space holds none of the three characters (most text nodes are indentation).
        if !t.reference && !self.embedded && !t.whitespace {
            if let Some(k) = memchr::memchr3(b'>', b'"', b'\'', t.text.as_bytes()) {
                let c = t.text.as_bytes()[k] as char;
                let start = if t.cdata { t.pos.advance("<![CDATA[") } else { t.pos };
                let where_ = if t.cdata { "a CDATA section" } else { "character data" };
                cx.report(
                    ESCAPED,
                    prose(
                        format!("{where_} contains a literal {c}"),
                        format!("RFC 5070 requires it to be written as {}", entity(c)),
                    ),
                    start.advance(&t.text[..k]),
                    1,
                );
            }
        }
        if let Some(f) = self.depth.checked_sub(1).and_then(|d| self.frames.get_mut(d)) {
            if f.collect && f.text.len() < 1 << 20 {
                if f.text_pos.is_none() && !t.whitespace {
                    let lead = t.text.len() - t.text.trim_start().len();
                    let start = if t.cdata { t.pos.advance("<![CDATA[") } else { t.pos };
                    f.text_pos = Some(start.advance(&t.text[..lead]));
                }
                f.text.push_str(t.text);
            }
        }
    }

    fn end(&mut self, cx: &mut Cx<'_, '_>, pos: Pos) {
        let Some(d) = self.depth.checked_sub(1) else { return };
        self.depth = d;
        self.frames[d].end = pos;
        if self.frames[d].el != El::Other {
            let f = std::mem::take(&mut self.frames[d]);
            self.end_checks(cx, &f);
            self.frames[d] = f;
        }
        if self.root == Some(d) {
            self.root = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{DocKind, Options, validate_reader};

    #[test]
    fn port_counts() {
        assert_eq!(port_count("80"), Some(1));
        assert_eq!(port_count("22,80,1000-1010"), Some(13));
        assert_eq!(port_count("80, 443"), None);
        assert_eq!(port_count("90-80"), None);
        assert_eq!(port_count(""), None);
    }

    #[test]
    fn rfc3339() {
        assert_eq!(rfc3339_problem("2026-03-02T14:05:00Z"), None);
        assert_eq!(rfc3339_problem("2026-03-02T14:05:00.25-05:00"), None);
        assert!(rfc3339_problem("2026-03-02T14:05:00").is_some());
        assert!(rfc3339_problem("12026-03-02T14:05:00Z").is_some());
        assert!(rfc3339_problem("2026-03-02T24:00:00Z").is_some());
        // Not an xs:dateTime at all: the schema's finding, not this rule's.
        assert_eq!(rfc3339_problem("2026-03-02 14:05:00Z"), None);
    }

    #[test]
    fn postal_phone_email() {
        assert!(postal_problem("Example CSIRT$1 Main St$Springfield").is_none());
        assert!(postal_problem("Price \\24 list$Back\\5cslash").is_none());
        assert!(postal_problem("a$$b").is_some());
        assert!(postal_problem("a\\b").is_some());
        assert!(postal_problem("  ").is_some());
        assert!(phone_problem("+1 412 555 1212").is_none());
        assert!(phone_problem("+1 (555) 0100-200 ext. 12").is_none());
        assert!(phone_problem("+1 555 0100 #3").is_some());
        assert!(phone_problem("on request").is_some());
        for ok in ["csirt@example.org", "first.last+tag@example.co.uk", "\"john doe\"@example.org", "a@[192.0.2.1]"] {
            assert!(is_addr_spec(ok), "{ok}");
        }
        for bad in ["csirt", "a@@b", ".a@b", "a..b@c", "a@b.", "a b@c", "Name <a@b>", "a@b c"] {
            assert!(!is_addr_spec(bad), "{bad}");
        }
    }

    #[test]
    fn address_forms() {
        for (cat, v) in [
            ("ipv4-addr", "192.0.2.10"),
            ("ipv4-net", "192.0.2.0/24"),
            ("ipv4-net-mask", "192.0.2.0/255.255.255.0"),
            ("ipv6-addr", "2001:db8::10"),
            ("ipv6-net", "2001:db8::/32"),
            ("ipv6-net-mask", "2001:db8::/ffff:ffff::"),
            ("asn", "64500"),
            ("mac", "00:1b:21:3a:4f:90"),
            ("mac", "00-1B-21-3A-4F-90"),
            ("e-mail", "abuse@example.com"),
            ("atm", "anything"),
            ("ext-value", "anything"),
        ] {
            assert_eq!(address_problem(cat, v), None, "{cat} {v}");
        }
        for (cat, v) in [
            ("ipv4-addr", "192.0.2.300"),
            ("ipv4-addr", "2001:db8::1"),
            ("ipv4-net", "192.0.2.0"),
            ("ipv4-net", "192.0.2.0/33"),
            ("ipv6-net", "2001:db8::/129"),
            ("asn", "AS64500"),
            ("mac", "00:1b:21:3a:4f"),
            ("mac", "00:1b-21:3a:4f:90"),
            ("e-mail", "abuse at example.com"),
        ] {
            assert!(address_problem(cat, v).is_some(), "{cat} {v}");
        }
    }

    fn errors(doc: &str, expect: Option<DocKind>) -> Vec<&'static str> {
        let opts = Options { expect, ..Options::default() };
        validate_reader("test", doc.as_bytes(), &opts).error_requirements()
    }

    const MINIMAL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<IODEF-Document version="1.00" lang="en" xmlns="urn:ietf:params:xml:ns:iodef-1.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="urn:ietf:params:xml:ns:iodef-1.0 iodef-1.0.xsd">
  <Incident purpose="reporting">
    <IncidentID name="csirt.example.org">ORG-1</IncidentID>
    <ReportTime>2026-03-02T14:05:00Z</ReportTime>
    <Assessment><Impact lang="en" type="unknown"/></Assessment>
    <Contact role="creator" type="organization"><ContactName>CSIRT</ContactName></Contact>
  </Incident>
</IODEF-Document>
"#;

    #[test]
    fn minimal_is_valid() {
        assert!(errors(MINIMAL, None).is_empty());
    }

    #[test]
    fn utf16_without_encoding_declaration() {
        // A UTF-16 document (with its byte order mark) whose XML declaration names no encoding.
        let text = MINIMAL.replace(r#" encoding="UTF-8""#, "");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let opts = Options { expect: Some(DocKind::Iodef1), ..Options::default() };
        let r = validate_reader("test", &bytes[..], &opts);
        assert_eq!(r.error_requirements(), vec![ENCODING]);
    }

    #[test]
    fn wrong_namespace_is_an_error_when_iodef1_is_expected() {
        let doc = MINIMAL.replace("iodef-1.0\"\n", "iodef-1.42\"\n");
        assert_eq!(errors(&doc, Some(DocKind::Iodef1)), vec![NAMESPACE]);
    }
}
