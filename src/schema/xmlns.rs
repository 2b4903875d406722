//! The XML namespace (`xml:lang`), as the W3C `xml.xsd` declares it.

use super::model::*;

/// The XML namespace URI, bound to the `xml` prefix by definition.
pub const NS: &str = "http://www.w3.org/XML/1998/namespace";

/// `xml:lang`.
pub const LANG: QRef = q(NS, "lang");

/// The XML namespace table: only the global attribute `xml:lang`.
pub static TABLE: Table = Table {
    id: "xml",
    namespace: NS,
    prefix: "xml",
    title: "XML namespace (xml:lang)",
    elements: &[],
    complex_types: &[],
    simple_types: &[],
    attributes: &[optional("lang", xs(Builtin::Language))],
    datatypes: &[],
    ext_value: None,
};
