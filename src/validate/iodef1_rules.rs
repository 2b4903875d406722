//! RFC 5070 (IODEF 1.0) prose rules that the schema cannot express. They apply to a document
//! whose root is IODEF-Document, and to IODEF 1.0 documents carried in RID messages.

use super::{Cx, Rules};
use crate::xml::XmlErrorKind;

/// Well-formedness (RFC 5070 §4.3).
pub const WELL_FORMED: &str = "RFC5070-4.3-well-formed";
/// Special characters escaped (RFC 5070 §4.1).
pub const ESCAPED: &str = "RFC5070-4.1-escape";
/// The IODEF 1.0 namespace (RFC 5070 §4.2): cited when the root is not IODEF-Document in it.
pub const NAMESPACE: &str = "RFC5070-4.2-schemalocation";

/// The requirement a reader error breaks.
pub fn xml_error_req(kind: &XmlErrorKind) -> &'static str {
    match kind {
        XmlErrorKind::LtInAttributeValue | XmlErrorKind::BadReference { .. } | XmlErrorKind::CdataEndInText => ESCAPED,
        _ => WELL_FORMED,
    }
}

/// The IODEF 1.0 prose rules.
#[derive(Debug, Default)]
pub struct Iodef1Rules {
    /// Embedded in a RID message (no document-level checks such as the XML declaration).
    #[allow(dead_code)] // read by the rules, which are being written
    embedded: bool,
}

impl Iodef1Rules {
    /// Rules for a stand-alone IODEF 1.0 document.
    pub fn document() -> Self {
        Iodef1Rules { embedded: false }
    }

    /// Rules for IODEF 1.0 documents carried inside another document (RID ReportSchema).
    pub fn embedded() -> Self {
        Iodef1Rules { embedded: true }
    }
}

impl Rules for Iodef1Rules {
    fn finish(&mut self, _cx: &mut Cx<'_, '_>) {}
}
