//! RFC 6545 (RID) prose rules that the schema cannot express: per-message content (§6),
//! ReportSchema (§5.6), encoding (§5.5), and the RFC's own spelling slips.

use super::{Cx, Rules};
use crate::xml::XmlErrorKind;

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

/// The RID prose rules.
#[derive(Debug, Default)]
pub struct RidRules {}

impl Rules for RidRules {
    fn finish(&mut self, _cx: &mut Cx<'_, '_>) {}
}
