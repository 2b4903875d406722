//! Enumeration reference format (RFC 7495): the `ReferenceName` element that IODEF 2.0's
//! Reference class (RFC 7970 §3.11.1) aggregates.

use super::model::Builtin::*;
use super::model::*;

/// The enumeration reference namespace (RFC 7495 §4).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-enum-1.0";

/// The RFC 7495 table.
pub static TABLE: Table = Table {
    id: "iodef-enum-1.0",
    namespace: NS,
    prefix: "enum",
    title: "IODEF enumeration reference format (RFC 7495)",
    elements: ELEMENTS,
    complex_types: &[],
    simple_types: &[],
    attributes: &[],
    datatypes: &[],
    ext_value: None,
};

// §2.1: the identifier within the enumeration; a local, namespace-qualified child.
static ID: ElementDecl = element_simple("ID", "RFC7495-2.1-id", xs(NcName));

static ELEMENTS: &[ElementDecl] = &[
    // §2.1
    element(
        "ReferenceName",
        "RFC7495-2.1-referencename",
        Content::Elements(seq(&[local(NS, &ID, 1, Some(1))])),
        &[required("specIndex", xs(Integer))],
    )
    .with_note(
        "§4 makes SpecIndex an IANA-assigned positive integer, but the schema accepts any integer, zero and negatives included.",
    ),
];
