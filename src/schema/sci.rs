//! Structured cybersecurity information extension, IODEF-SCI (RFC 7203): eight classes that embed
//! or reference documents of other specifications (CAPEC, CVE, CVSS, CWE, ...), each naming that
//! specification by `SpecID`.
//!
//! RFC 7203 extends IODEF 1.0: the classes go into `AdditionalData` (dtype `xml`) of Method,
//! System, Incident and into RecordItem; its schema builds them on IODEF 1.0 types (RawData is a
//! restriction of `iodef:ExtensionType`, Reference is IODEF 1.0's). RFC 7970 (IODEF 2.0) imports
//! the same schema and aggregates AttackPattern, Vulnerability and Weakness in Method directly, so
//! inside an IODEF 2.0 document their Reference children are still IODEF 1.0 elements.
//!
//! As printed in RFC 7203 §5.2 the schema does not compile (three `<sequence>` without the `xsd:`
//! prefix: catalog entry `RFC7203-5.2-schema-as-printed`); the table follows the evident intent.

use super::iodef1;
use super::model::Builtin::*;
use super::model::*;

/// The IODEF-SCI namespace (RFC 7203 §5.2).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-sci-1.0";

const fn s(name: &'static str) -> QRef {
    q(NS, name)
}

const fn i(name: &'static str) -> QRef {
    q(iodef1::NS, name)
}

/// The RFC 7203 table.
pub static TABLE: Table = Table {
    id: "iodef-sci-1.0",
    namespace: NS,
    prefix: "sci",
    title: "IODEF structured cybersecurity information (RFC 7203)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: &[],
    attributes: &[],
    datatypes: &[],
    ext_value: None,
};

/// The attributes of every class (§4.4).
const SPEC_ATTRS: &[AttributeDecl] =
    &[required("SpecID", xs(String)), optional("ext-SpecID", xs(String)), optional("ContentID", xs(String))];

// §4.4: RawData is a local element of type XMLDATA.
static RAW_DATA: ElementDecl = element_of("RawData", "RFC7203-4.2-xmldata", s("XMLDATA"));

/// RawData* or iodef:Reference* (a choice of two possibly empty lists, §4.4).
static BASIC_ITEMS: [Particle; 2] = [local(NS, &RAW_DATA, 0, None), many(i("Reference"))];
const BASIC: Particle = choice(&BASIC_ITEMS);

/// Why an IODEF 2.0 Reference is refused inside an SCI class.
const IODEF1_REFERENCE: &str = "RFC 7203's schema builds on IODEF 1.0: the Reference inside an SCI class is IODEF 1.0's (urn:ietf:params:xml:ns:iodef-1.0), also in an IODEF 2.0 document, whose schema imports the same SCI schema.";

static ELEMENTS: &[ElementDecl] = &[
    // §4.5.4
    element_of("Scoring", "RFC7203-4.5.4-scoring", s("BasicStructure")),
    // §4.5.2
    element_of("Platform", "RFC7203-4.5.2-platform", s("BasicStructure")),
    // §4.5.6
    element_of("EventReport", "RFC7203-4.5.6-eventreport", s("BasicStructure")),
    // §4.5.7
    element_of("Verification", "RFC7203-4.5.7-verification", s("BasicStructure")),
    // §4.5.8
    element_of("Remediation", "RFC7203-4.5.8-remediation", s("BasicStructure")),
    // §4.5.1
    element(
        "AttackPattern",
        "RFC7203-4.5.1-attackpattern",
        Content::Elements(seq(&[BASIC, many(s("Platform"))])),
        SPEC_ATTRS,
    )
    .with_note(IODEF1_REFERENCE),
    // §4.5.3
    element(
        "Vulnerability",
        "RFC7203-4.5.3-vulnerability",
        Content::Elements(seq(&[BASIC, many(s("Platform")), many(s("Scoring"))])),
        SPEC_ATTRS,
    )
    .with_note(IODEF1_REFERENCE),
    // §4.5.5
    element(
        "Weakness",
        "RFC7203-4.5.5-weakness",
        Content::Elements(seq(&[BASIC, many(s("Platform")), many(s("Scoring"))])),
        SPEC_ATTRS,
    )
    .with_note(IODEF1_REFERENCE),
];

static COMPLEX_TYPES: &[NamedComplexType] = &[
    // §4.2: iodef:ExtensionType restricted to dtype "xml".
    NamedComplexType {
        name: "XMLDATA",
        ty: ComplexType {
            content: Content::Mixed(seq(&[any(NsConstraint::Any, Process::Lax, 0, None)])),
            attributes: &[
                required("dtype", st(i("dtype-type"))).fixed("xml"),
                prohibited("ext-dtype", xs(String)),
                optional("meaning", xs(String)),
                optional("formatid", xs(String)),
                optional("restriction", st(i("restriction-type"))),
            ],
        },
    },
    // §4.4
    NamedComplexType {
        name: "BasicStructure",
        ty: ComplexType { content: Content::Elements(seq(&[BASIC])), attributes: SPEC_ATTRS },
    },
];
