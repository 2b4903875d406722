//! Prose rules of the IODEF extensions that the schemas cannot express: RFC 5901 (phishing),
//! RFC 5941 (Thraud) and RFC 7203 (SCI). They run on every IODEF document and on the IODEF 1.0
//! document a RID message carries.
//!
//! The schema engine validates extension elements through the lax wildcard of AdditionalData and
//! RecordItem; these rules add where each extension may appear (and with which IODEF version),
//! the dtype of the carrying element, and the MUSTs of each RFC's prose. Where an extension
//! element sits where IODEF 1.0's schema allows no element at all, the engine's generic "unexpected
//! element" finding is replaced by the extension's placement rule, which says where it belongs.

use super::{Cx, Rules, prose};
use crate::diag::{Diagnostic, Kind, Pos};
use crate::schema::{iodef1, iodef2, phish, sci, thraud};
use crate::xml::{StartTag, Text};

/// The namespaces the rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Ns {
    #[default]
    Other,
    Iodef1,
    Iodef2,
    Phish,
    Thraud,
    Sci,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        iodef1::NS => Ns::Iodef1,
        iodef2::NS => Ns::Iodef2,
        phish::NS => Ns::Phish,
        thraud::NS => Ns::Thraud,
        sci::NS => Ns::Sci,
        _ => Ns::Other,
    }
}

/// The eight SCI classes (RFC 7203 §4.5); RawData is not one.
const SCI_CLASSES: &[&str] = &[
    "AttackPattern",
    "Platform",
    "Vulnerability",
    "Scoring",
    "Weakness",
    "EventReport",
    "Verification",
    "Remediation",
];

/// The four Thraud Records (RFC 5941 §4).
const THRAUD_RECORDS: &[&str] = &["FraudEventPayment", "FraudEventTransfer", "FraudEventIdentity", "FraudEventOther"];

#[derive(Debug, Default)]
struct Frame {
    ns: Ns,
    local: String,
    pos: Pos,
    len: u32,
    /// dtype of an AdditionalData, RecordItem or IdentityComponent.
    dtype: String,
    /// meaning of an IdentityComponent.
    meaning: String,
    /// Element children.
    children: u32,
    /// Thraud Records among the children (AdditionalData).
    records: u32,
    /// Inside a RawData: the content is another specification's XML.
    in_raw: bool,
    // Children seen, by name (IODEF 1.0 children unless said otherwise).
    detect_time: bool,
    impact: bool,
    contact_name: bool,
    email: bool,
    telephone: bool,
    // Incident: what it carries and what it has.
    phish: bool,
    thraud: bool,
    has_impact: bool,
    has_contact: bool,
    // EventData carrying a PhraudReport.
    carries_phish: bool,
    // SCI class: ContentID present, RawData and Reference children.
    content_id: bool,
    raw: u32,
    refs: u32,
    // Thraud transfer/other: BankID names the IBAN numbering.
    iban: bool,
    text: String,
}

/// The extension rules.
#[derive(Debug, Default)]
pub struct ExtRules {
    frames: Frames,
    depth: usize,
    /// The document is IODEF 2.0.
    iodef2: bool,
    /// Offsets of elements whose generic "unexpected element" finding a placement finding replaces.
    misplaced: Vec<u64>,
    /// Offsets of AdditionalData/RecordItem whose RFC 5070 dtype finding an extension's replaces.
    dtype_replaced: Vec<u64>,
    /// Offsets of IODEF 1.0 extension elements found in an IODEF 2.0 document: the engine's note
    /// that their namespace was not validated is replaced by the finding that says why.
    v1_only: Vec<u64>,
    /// `ns_of` per interned namespace id (this runs on every element of every document).
    ns_cache: Vec<Option<Ns>>,
}

super::recycled_frames!(Frame, |f| f.text.capacity() <= 64 * 1024);

impl ExtRules {
    fn frame(&self, up: usize) -> Option<&Frame> {
        self.depth.checked_sub(up + 1).map(|i| &self.frames[i])
    }

    fn is(f: Option<&Frame>, ns: Ns, local: &str) -> bool {
        f.is_some_and(|f| f.ns == ns && f.local == local)
    }

    /// The nearest enclosing IODEF 1.0 Incident.
    fn incident_mut(&mut self) -> Option<&mut Frame> {
        self.frames[..self.depth].iter_mut().rev().find(|f| f.ns == Ns::Iodef1 && f.local == "Incident")
    }

    /// Checks for the outermost element of an extension (its parent is of another namespace).
    fn top_level(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, ns: Ns) {
        let len = tag.qname.len() as u32 + 1;
        let parent = self.frame(1);
        let grand = self.frame(2);
        let (iodef1_req, placement_req, dtype_req) = match ns {
            Ns::Phish => ("RFC5901-4.3-iodef1", "RFC5901-5-placement", "RFC5901-5-dtype"),
            Ns::Thraud => ("RFC5941-4-iodef1", "RFC5941-4-placement", "RFC5941-5-dtype"),
            _ => ("", "RFC7203-4.5-placement", "RFC7203-4.5-dtype"),
        };
        if self.iodef2 {
            // RFC 7970 imports SCI (Method aggregates three of its classes); the phishing and
            // Thraud extensions are defined on IODEF 1.0 only.
            if ns != Ns::Sci {
                let rfc = if ns == Ns::Phish { "RFC 5901" } else { "RFC 5941" };
                cx.report(
                    iodef1_req,
                    prose(
                        format!("<{}> is used in an IODEF 2.0 document", tag.qname),
                        format!(
                            "{rfc} extends IODEF 1.0 (RFC 5070) only; its elements belong in an IODEF 1.0 document"
                        ),
                    ),
                    tag.pos,
                    len,
                );
                self.v1_only.push(tag.pos.offset);
            }
            return;
        }
        let in_additional = Self::is(parent, Ns::Iodef1, "AdditionalData");
        let in_record_item = Self::is(parent, Ns::Iodef1, "RecordItem");
        let (ok, expected): (bool, &str) = match ns {
            Ns::Phish => (
                tag.local == "PhraudReport" && in_additional && Self::is(grand, Ns::Iodef1, "EventData"),
                "PhraudReport is carried in Incident/EventData/AdditionalData (dtype=\"xml\")",
            ),
            Ns::Thraud => (
                THRAUD_RECORDS.contains(&tag.local) && in_additional && Self::is(grand, Ns::Iodef1, "EventData"),
                "a Thraud Record (FraudEventPayment, FraudEventTransfer, FraudEventIdentity, FraudEventOther) is carried in Incident/EventData/AdditionalData (dtype=\"xml\")",
            ),
            _ => match tag.local {
                "AttackPattern" | "Vulnerability" | "Weakness" => (
                    in_additional && Self::is(grand, Ns::Iodef1, "Method"),
                    "in IODEF 1.0 this SCI class is carried in Method/AdditionalData (dtype=\"xml\")",
                ),
                "Platform" => (
                    in_additional && Self::is(grand, Ns::Iodef1, "System"),
                    "in IODEF 1.0 Platform is carried in System/AdditionalData (dtype=\"xml\") or inside AttackPattern, Vulnerability or Weakness",
                ),
                "EventReport" => (in_record_item, "EventReport is carried in a RecordItem (dtype=\"xml\")"),
                "Verification" | "Remediation" => (
                    in_additional && Self::is(grand, Ns::Iodef1, "Incident"),
                    "in IODEF 1.0 this SCI class is carried in Incident/AdditionalData (dtype=\"xml\")",
                ),
                "Scoring" => (false, "Scoring is carried only inside Vulnerability or Weakness"),
                _ => (false, "RawData is carried only inside an SCI class"),
            },
        };
        if !ok {
            let at = match parent {
                Some(p) => format!("<{}> is in <{}>", tag.qname, p.local),
                None => format!("<{}> is the root element", tag.qname),
            };
            cx.report(placement_req, prose(at, expected), tag.pos, len);
            self.misplaced.push(tag.pos.offset);
            return;
        }
        if let Some(p) = parent {
            if p.dtype != "xml" {
                let found = if p.dtype.is_empty() {
                    format!("the {} that carries <{}> has no dtype", p.local, tag.qname)
                } else {
                    format!("the {} that carries <{}> has dtype=\"{}\"", p.local, tag.qname, p.dtype)
                };
                cx.report(
                    dtype_req,
                    prose(found, "the extension is XML: its carrier must have dtype=\"xml\""),
                    p.pos,
                    p.len,
                );
                self.dtype_replaced.push(p.pos.offset);
            }
        }
        match ns {
            Ns::Phish => {
                if let Some(e) = self.depth.checked_sub(3).map(|i| &mut self.frames[i]) {
                    e.carries_phish = true;
                }
                if let Some(i) = self.incident_mut() {
                    i.phish = true;
                }
            }
            Ns::Thraud => {
                if let Some(p) = self.depth.checked_sub(2).map(|i| &mut self.frames[i]) {
                    p.records += 1;
                }
                if let Some(i) = self.incident_mut() {
                    i.thraud = true;
                }
            }
            _ => {}
        }
    }

    fn phish_start(cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let len = tag.qname.len() as u32 + 1;
        match tag.local {
            "PhraudReport" => match tag.get("Version").map(str::trim) {
                Some("0.06") => {}
                Some(v) => cx.report(
                    "RFC5901-5.4-version",
                    prose(format!("<{}> has Version=\"{v}\"", tag.qname), "RFC 5901 reports have Version=\"0.06\""),
                    tag.pos,
                    len,
                ),
                None => cx.report(
                    "RFC5901-5.4-version",
                    prose(
                        format!("<{}> has no Version", tag.qname),
                        "Version is REQUIRED and is \"0.06\" (the schema's default of 1.0 does not apply)",
                    ),
                    tag.pos,
                    len,
                ),
            },
            "DomainData" if tag.get("SystemStatus").is_none() => cx.report(
                "RFC5901-5.9.3-systemstatus",
                prose(
                    format!("<{}> has no SystemStatus", tag.qname),
                    "SystemStatus is REQUIRED: spoofed, fraudulent, innocent-hacked, innocent-hijacked or unknown",
                ),
                tag.pos,
                len,
            ),
            _ => {}
        }
    }

    fn sci_class_start(cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, f: &mut Frame) {
        let len = tag.qname.len() as u32 + 1;
        f.content_id = tag.get("ContentID").is_some();
        let spec = tag.get("SpecID").map(str::trim);
        let ext = tag.get("ext-SpecID");
        match (spec, ext) {
            (Some("private"), None) => cx.report(
                "RFC7203-4.4-ext-specid",
                prose(
                    format!("<{}> has SpecID=\"private\" but no ext-SpecID", tag.qname),
                    "a private SpecID must name the specification in ext-SpecID",
                ),
                tag.pos,
                len,
            ),
            (Some(s), Some(_)) if s != "private" => cx.report(
                "RFC7203-4.4-ext-specid",
                prose(
                    format!("<{}> has ext-SpecID with SpecID=\"{s}\"", tag.qname),
                    "ext-SpecID is used only when SpecID is \"private\"",
                ),
                tag.pos,
                len,
            ),
            _ => {}
        }
    }

    fn sci_class_end(cx: &mut Cx<'_, '_>, f: &Frame) {
        let forms = u32::from(f.content_id) + u32::from(f.raw > 0) + u32::from(f.refs > 0);
        if forms == 0 {
            cx.report(
                "RFC7203-4.4-content",
                prose(
                    format!("<{}> has no ContentID, RawData or Reference", f.local),
                    "an SCI class must convey its information by one of them",
                ),
                f.pos,
                f.len,
            );
        } else if forms > 1 {
            cx.report(
                "RFC7203-4.4-single-form",
                prose(
                    format!("<{}> uses {forms} of ContentID, RawData and Reference", f.local),
                    "only one of them should be used, so as not to confuse the receiver",
                ),
                f.pos,
                f.len,
            );
        }
    }

    fn thraud_start(cx: &mut Cx<'_, '_>, tag: &StartTag<'_>, parent: Option<&mut Frame>) {
        let len = tag.qname.len() as u32 + 1;
        match tag.local {
            "PayeeAmount" | "TransferAmount" => {
                let ok = tag.get("currency").is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
                if !ok {
                    let found = match tag.get("currency") {
                        Some(c) => format!("<{}> has currency=\"{c}\"", tag.qname),
                        None => format!("<{}> has no currency", tag.qname),
                    };
                    cx.report(
                        "RFC5941-5.5.2-currency",
                        prose(found, "every amount has a currency: a three-letter ISO 4217 code such as EUR"),
                        tag.pos,
                        len,
                    );
                }
            }
            "BankID" => {
                if let (Some(p), Some(n)) = (parent, tag.get("namespace")) {
                    p.iban = n.contains("iso13616_1_2007");
                }
            }
            _ => {}
        }
    }

    fn thraud_end(cx: &mut Cx<'_, '_>, f: &Frame, parent: Option<&Frame>) {
        match f.local.as_str() {
            "FraudEventPayment" | "FraudEventTransfer" if f.children == 0 => {
                let req = if f.local == "FraudEventPayment" {
                    "RFC5941-5.1-payment-component"
                } else {
                    "RFC5941-5.2-transfer-component"
                };
                cx.report(
                    req,
                    prose(format!("<{}> is empty", f.local), "at least one of its components must be present"),
                    f.pos,
                    f.len,
                );
            }
            "AccountID" if parent.is_some_and(|p| p.iban) && f.text.chars().any(char::is_whitespace) => {
                cx.report(
                    "RFC5941-5.2.2-iban",
                    prose(
                        format!("<{}> holds {:?}", f.local, f.text.trim()),
                        "with the iso13616_1_2007 BankID namespace, AccountID is the IBAN in electronic form, without spaces",
                    ),
                    f.pos,
                    f.len,
                );
            }
            "IdentityComponent" => {
                let meaning = f.meaning.trim();
                let email = meaning == "victim email address";
                if (email || meaning == "victim user id") && !f.dtype.is_empty() && f.dtype != "string" {
                    cx.report(
                        "RFC5941-5.3.1-identity-component",
                        prose(
                            format!("<{}> meaning \"{meaning}\" has dtype=\"{}\"", f.local, f.dtype),
                            "the victim's email address or user id is given with dtype=\"string\"",
                        ),
                        f.pos,
                        f.len,
                    );
                } else if email && !f.email {
                    cx.report(
                        "RFC5941-5.3.1-identity-component",
                        prose(
                            format!("<{}> meaning \"victim email address\" holds no iodef:Email", f.local),
                            "the victim's email address is given as an iodef:Email element",
                        ),
                        f.pos,
                        f.len,
                    );
                }
            }
            _ => {}
        }
    }

    fn iodef1_end(cx: &mut Cx<'_, '_>, f: &Frame, parent: Option<&mut Frame>) {
        match f.local.as_str() {
            "Incident" => {
                if f.thraud && !f.has_contact {
                    cx.report(
                        "RFC5941-6.1-contact",
                        prose(
                            "the Incident carries a Thraud Record but no Contact with ContactName, Email and Telephone",
                            "a Thraud Report names the reporting organisation with its email address and telephone",
                        ),
                        f.pos,
                        f.len,
                    );
                }
                if f.phish && !f.has_impact {
                    cx.report(
                        "RFC5901-6-assessment-impact",
                        prose(
                            "the Incident carries a PhraudReport but no Assessment with an Impact",
                            "a phishing report's Assessment has an Impact",
                        ),
                        f.pos,
                        f.len,
                    );
                }
            }
            "EventData" if f.carries_phish && !f.detect_time => cx.report(
                "RFC5901-6-eventdata-detecttime",
                prose(
                    "the EventData that carries a PhraudReport has no DetectTime",
                    "a phishing report's EventData says when the event was detected",
                ),
                f.pos,
                f.len,
            ),
            "AdditionalData" if f.records > 0 && f.children != 1 => cx.report(
                "RFC5941-4-one-record",
                prose(
                    format!("the AdditionalData holds {} elements, {} of them Thraud Records", f.children, f.records),
                    "an AdditionalData carries exactly one Thraud Record and nothing else",
                ),
                f.pos,
                f.len,
            ),
            "Contact" => {
                if let Some(p) = parent.filter(|p| p.ns == Ns::Iodef1 && p.local == "Incident") {
                    p.has_contact |= f.contact_name && f.email && f.telephone;
                }
            }
            "Assessment" => {
                if let Some(p) = parent.filter(|p| p.ns == Ns::Iodef1 && p.local == "Incident") {
                    p.has_impact |= f.impact;
                }
            }
            _ => {}
        }
    }
}

impl Rules for ExtRules {
    fn start(&mut self, cx: &mut Cx<'_, '_>, tag: &StartTag<'_>) {
        let id = tag.ns.0 as usize;
        let ns = match self.ns_cache.get(id).copied().flatten() {
            Some(ns) => ns,
            None => {
                let ns = ns_of(cx.namespaces.uri(tag.ns));
                if self.ns_cache.len() <= id {
                    self.ns_cache.resize(id + 1, None);
                }
                self.ns_cache[id] = Some(ns);
                ns
            }
        };
        if self.depth == 0 {
            self.iodef2 = ns == Ns::Iodef2;
        }
        let parent_in_raw = self.frame(0).is_some_and(|p| p.in_raw || (p.ns == Ns::Sci && p.local == "RawData"));
        let parent_ns = self.frame(0).map(|p| p.ns);
        // The frame is rebuilt in its slot, keeping its strings' buffers (this runs for every
        // element: no moves of the whole frame).
        if self.frames.len() <= self.depth {
            self.frames.push(Frame::default());
        }
        let f = &mut self.frames[self.depth];
        f.ns = ns;
        f.local.clear();
        f.local.push_str(tag.local);
        f.pos = tag.pos;
        f.len = tag.qname.len() as u32 + 1;
        f.dtype.clear();
        f.meaning.clear();
        f.children = 0;
        f.records = 0;
        f.in_raw = parent_in_raw;
        f.detect_time = false;
        f.impact = false;
        f.contact_name = false;
        f.email = false;
        f.telephone = false;
        f.phish = false;
        f.thraud = false;
        f.has_impact = false;
        f.has_contact = false;
        f.carries_phish = false;
        f.content_id = false;
        f.raw = 0;
        f.refs = 0;
        f.iban = false;
        f.text.clear();
        // Only carriers (their dtype) and Thraud elements (dtype and meaning) are judged by these.
        if ns == Ns::Thraud || matches!(tag.local, "AdditionalData" | "RecordItem") {
            if let Some(d) = tag.get("dtype") {
                f.dtype.push_str(d.trim());
            }
            if let Some(m) = tag.get("meaning") {
                f.meaning.push_str(m);
            }
        }
        // Tell the parent about this child.
        if let Some(p) = self.depth.checked_sub(1).map(|i| &mut self.frames[i]) {
            p.children += 1;
            match (ns, tag.local) {
                (_, "Reference") if p.ns == Ns::Sci => p.refs += 1,
                (Ns::Iodef1, "DetectTime") => p.detect_time = true,
                (Ns::Iodef1, "Impact") => p.impact = true,
                (Ns::Iodef1, "ContactName") => p.contact_name = true,
                (Ns::Iodef1, "Email") => p.email = true,
                (Ns::Iodef1, "Telephone") => p.telephone = true,
                (Ns::Sci, "RawData") if p.ns == Ns::Sci => p.raw += 1,
                _ => {}
            }
        }
        self.depth += 1;
        if !parent_in_raw && matches!(ns, Ns::Phish | Ns::Thraud | Ns::Sci) {
            if parent_ns != Some(ns) {
                self.top_level(cx, tag, ns);
            }
            if !self.iodef2 || ns == Ns::Sci {
                match ns {
                    Ns::Phish => Self::phish_start(cx, tag),
                    Ns::Thraud => {
                        let parent = self.depth.checked_sub(2).map(|i| &mut self.frames[i]);
                        Self::thraud_start(cx, tag, parent);
                    }
                    _ if SCI_CLASSES.contains(&tag.local) => {
                        Self::sci_class_start(cx, tag, &mut self.frames[self.depth - 1])
                    }
                    _ => {}
                }
            }
        }
        // A Contact of a phishing DomainData names its role in ext-role (RFC 5901 §5.9.2.6.2.2).
        if ns == Ns::Iodef1 && tag.local == "Contact" && Self::is(self.frame(1), Ns::Phish, "DomainData") {
            let ok = tag.get("ext-role").is_some_and(|r| phish::EXT_ROLES.contains(&r.trim()));
            if !ok {
                let found = match tag.get("ext-role") {
                    Some(r) => format!("the DomainData <{}> has ext-role=\"{r}\"", tag.qname),
                    None => format!("the DomainData <{}> has no ext-role", tag.qname),
                };
                cx.report(
                    "RFC5901-5.9.2.6.2.2-ext-role",
                    prose(found, format!("ext-role is REQUIRED here, one of {}", phish::EXT_ROLES.join(", "))),
                    tag.pos,
                    tag.qname.len() as u32 + 1,
                );
            }
        }
    }

    fn text(&mut self, _cx: &mut Cx<'_, '_>, t: &Text<'_>) {
        if let Some(f) = self.depth.checked_sub(1).map(|i| &mut self.frames[i]) {
            if f.ns == Ns::Thraud && f.local == "AccountID" {
                f.text.push_str(t.text);
            }
        }
    }

    fn end(&mut self, cx: &mut Cx<'_, '_>, _pos: Pos) {
        let Some(i) = self.depth.checked_sub(1) else { return };
        // Borrow the frame in place (no move of the whole frame: this runs for every element).
        let (before, rest) = self.frames.split_at_mut(i);
        let f = &rest[0];
        let parent = before.last_mut();
        if !f.in_raw && !self.iodef2 {
            match f.ns {
                Ns::Iodef1 => Self::iodef1_end(cx, f, parent),
                Ns::Thraud => Self::thraud_end(cx, f, parent.map(|p| &*p)),
                Ns::Sci if SCI_CLASSES.contains(&f.local.as_str()) => Self::sci_class_end(cx, f),
                _ => {}
            }
        } else if !f.in_raw && f.ns == Ns::Sci && SCI_CLASSES.contains(&f.local.as_str()) {
            Self::sci_class_end(cx, f);
        }
        self.depth = i;
    }

    fn refine(&self, diags: &mut Vec<Diagnostic>) {
        diags.retain(|d| {
            let replaced_placement =
                matches!(d.kind, Kind::UnexpectedElement { .. }) && self.misplaced.contains(&d.pos.offset);
            let replaced_dtype =
                d.requirement.id == "RFC5070-5.2-xml-dtype" && self.dtype_replaced.contains(&d.pos.offset);
            let replaced_note = matches!(d.kind, Kind::SkippedContent { .. }) && self.v1_only.contains(&d.pos.offset);
            !(replaced_placement || replaced_dtype || replaced_note)
        });
    }
}
