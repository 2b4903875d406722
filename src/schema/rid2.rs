//! RID (RFC 6545): the classes of section 5 as the schema of section 8 declares them.
//!
//! The RID namespace is an envelope around IODEF 1.0: RIDPolicy and IncidentSource aggregate the
//! IODEF 1.0 `Node` and `IncidentID` elements, the `restriction` attributes take IODEF 1.0's
//! `restriction-type`, and the ReportSchema children XMLDocument and Signature are of IODEF 1.0's
//! `ExtensionType` (mixed content with a lax wildcard, so an enclosed `iodef:IODEF-Document` is
//! validated against the IODEF 1.0 table). All of those are referenced into [`super::iodef1`](mod@super::iodef1).
//!
//! The schema declares eleven global elements, five named complex types and no named simple type;
//! its eight attribute enumerations are anonymous and get names of the form `Element@attribute`,
//! which are not NCNames and so can never be referred to from a document. The schema also imports
//! XML-DSig but references none of its declarations.
//!
//! Where the prose disagrees with the schema (the root called `RID-Document`, extension
//! attributes spelled `MsgType-ext`, the order of RIDPolicy's children in Figure 4), the table
//! follows the schema and the element carries a note; the catalog (`rfc6545.rs`) has entries the
//! validator cites when a message uses the prose spelling.

use super::iodef1;
use super::model::Builtin::*;
use super::model::*;

/// The RID 2.0 namespace (RFC 6545 §5.4).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-rid-2.0";

const fn r(name: &'static str) -> QRef {
    q(NS, name)
}

const fn iodef(name: &'static str) -> QRef {
    q(iodef1::NS, name)
}

/// The RID table.
pub static TABLE: Table = Table {
    id: "iodef-rid-2.0",
    namespace: NS,
    prefix: "iodef-rid",
    title: "RID (RFC 6545)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: SIMPLE_TYPES,
    attributes: &[],
    datatypes: &[(Boolean, "RFC6545-4.1.1-boolean"), (AnyUri, "RFC5070-2.15-url"), (Language, "RFC6545-5-lang")],
    // Every RID enumeration defers to the IODEF extension rule (RFC 5070 §5.1).
    ext_value: Some(ExtValueRule { missing_ext: "RFC5070-5.1-ext-value", stray_ext: "RFC5070-5.1-ext-attribute" }),
};

/// `restriction`, typed by IODEF 1.0 (RFC 6545 §5.1–§5.3, §9.1).
const RESTRICTION: AttributeDecl = optional("restriction", st(iodef("restriction-type")));

/// An `ext-*` extension attribute: an optional free string.
const fn ext(name: &'static str) -> AttributeDecl {
    optional(name, xs(String))
}

static ELEMENTS: &[ElementDecl] = &[
    // §5
    element_of("RID", "RFC6545-5-rid", r("RIDType")).with_note(
        "The prose of §5.4 names the top-level element RID-Document with a version attribute; the schema and every \
         example use RID, which has no version attribute.",
    ),
    // §5.2
    element_of("RequestStatus", "RFC6545-5.2-requeststatus", r("RequestStatusType")).with_note(
        "The prose of §5.2 spells the extension attributes AuthorizationStatus-ext and Justification-ext; the schema \
         spells them ext-AuthorizationStatus and ext-Justification.",
    ),
    // §5.3
    element_of("IncidentSource", "RFC6545-5.3-incidentsource", r("IncidentSourceType")),
    // §5.3, §4.1.1
    element_simple("SourceFound", "RFC6545-5.3-sourcefound", xs(Boolean)),
    // §5.1
    element_of("RIDPolicy", "RFC6545-5.1-ridpolicy", r("RIDPolicyType")).with_note(
        "Figure 4 of §5.1 draws Node, IncidentID, PolicyRegion, TrafficType, ReportSchema and the prose spells the \
         extension attributes MsgType-ext and MsgDestination-ext; the schema requires the order PolicyRegion, Node, \
         TrafficType, IncidentID, ReportSchema and spells them ext-MsgType and ext-MsgDestination.",
    ),
    // §5.1
    element(
        "PolicyRegion",
        "RFC6545-5.1-policyregion",
        Content::Empty,
        &[required("region", st(r("PolicyRegion@region"))), ext("ext-region")],
    ),
    // §5.1
    element(
        "TrafficType",
        "RFC6545-5.1-traffictype",
        Content::Empty,
        &[required("type", st(r("TrafficType@type"))), ext("ext-type")],
    ),
    // §5.1.1
    element_of("ReportSchema", "RFC6545-5.1.1-reportschema", r("ReportSchemaType")),
    // §5.1.1
    element_of("XMLDocument", "RFC6545-5.1.1-xmldocument", iodef("ExtensionType")),
    // §5.1.1
    element_simple("URL", "RFC6545-5.1.1-url", xs(AnyUri)),
    // §5.1.1
    element_of("Signature", "RFC6545-5.1.1-signature", iodef("ExtensionType")),
];

static COMPLEX_TYPES: &[NamedComplexType] = &[
    // §5
    NamedComplexType {
        name: "RIDType",
        ty: ComplexType {
            content: Content::Elements(seq(&[opt(r("RIDPolicy")), opt(r("RequestStatus")), opt(r("IncidentSource"))])),
            attributes: &[required("lang", xs(Language))],
        },
    },
    // §5.2
    NamedComplexType {
        name: "RequestStatusType",
        ty: ComplexType {
            content: Content::Empty,
            attributes: &[
                required("AuthorizationStatus", st(r("RequestStatus@AuthorizationStatus"))),
                ext("ext-AuthorizationStatus"),
                optional("Justification", st(r("RequestStatus@Justification"))),
                ext("ext-Justification"),
                RESTRICTION,
            ],
        },
    },
    // §5.3
    NamedComplexType {
        name: "IncidentSourceType",
        ty: ComplexType {
            content: Content::Elements(seq(&[one(r("SourceFound")), many(iodef("Node"))])),
            attributes: &[RESTRICTION],
        },
    },
    // §5.1
    NamedComplexType {
        name: "RIDPolicyType",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                some(r("PolicyRegion")),
                one(iodef("Node")),
                some(r("TrafficType")),
                opt(iodef("IncidentID")),
                opt(r("ReportSchema")),
            ])),
            attributes: &[
                required("MsgType", st(r("RIDPolicy@MsgType"))),
                ext("ext-MsgType"),
                required("MsgDestination", st(r("RIDPolicy@MsgDestination"))),
                ext("ext-MsgDestination"),
                RESTRICTION,
            ],
        },
    },
    // §5.1.1
    NamedComplexType {
        name: "ReportSchemaType",
        ty: ComplexType {
            content: Content::Elements(seq(&[one(r("XMLDocument")), opt(r("URL")), many(r("Signature"))])),
            attributes: &[
                optional("Version", st(r("ReportSchema@Version"))),
                ext("ext-Version"),
                optional("XMLSchemaID", st(r("ReportSchema@XMLSchemaID"))),
                ext("ext-XMLSchemaID"),
            ],
        },
    },
];

/// All anonymous in the schema (see the module comment). The schema adds `whiteSpace collapse`
/// to each; NMTOKEN and anyURI collapse white space already.
static SIMPLE_TYPES: &[SimpleType] = &[
    // §5.2
    enumeration(
        "RequestStatus@AuthorizationStatus",
        "RFC6545-5.2-authorizationstatus",
        NmToken,
        &["Approved", "Denied", "Pending", "ext-value"],
    ),
    // §5.2
    enumeration(
        "RequestStatus@Justification",
        "RFC6545-5.2-justification",
        NmToken,
        &[
            "SystemResource",
            "Authentication",
            "AuthenticationOrigin",
            "Encryption",
            "UnrecognizedFormat",
            "CannotProcess",
            "Other",
            "ext-value",
        ],
    ),
    // §5.1
    enumeration(
        "RIDPolicy@MsgType",
        "RFC6545-5.1-msgtype",
        NmToken,
        &["TraceRequest", "Acknowledgement", "Result", "InvestigationRequest", "Report", "Query", "ext-value"],
    ),
    // §5.1
    enumeration(
        "RIDPolicy@MsgDestination",
        "RFC6545-5.1-msgdestination",
        NmToken,
        &["RIDSystem", "SourceOfIncident", "ext-value"],
    ),
    // §5.1
    enumeration(
        "PolicyRegion@region",
        "RFC6545-5.1-region",
        NmToken,
        &["ClientToSP", "SPToClient", "IntraConsortium", "PeerToPeer", "BetweenConsortiums", "ext-value"],
    ),
    // §5.1
    enumeration(
        "TrafficType@type",
        "RFC6545-5.1-traffictype-type",
        NmToken,
        &["Attack", "Network", "Content", "DataWithHandlingRequirements", "AudienceRestriction", "Other", "ext-value"],
    ),
    // §5.1.1
    enumeration("ReportSchema@Version", "RFC6545-5.1.1-version", NmToken, &["1.0", "ext-value"]),
    // §5.1.1
    enumeration(
        "ReportSchema@XMLSchemaID",
        "RFC6545-5.1.1-xmlschemaid",
        AnyUri,
        &["urn:ietf:params:xml:ns:iodef-1.0", "ext-value"],
    ),
];

#[cfg(test)]
mod tests {
    use super::super::{Schema, testutil, xmlns};
    use super::*;

    #[test]
    fn every_requirement_is_in_the_catalog() {
        testutil::assert_cited_ids_exist(&TABLE);
    }

    #[test]
    fn names_are_unique() {
        testutil::assert_unique_names(&TABLE);
    }

    #[test]
    fn counts_match_the_schema() {
        assert_eq!(TABLE.elements.len(), 11);
        assert_eq!(TABLE.complex_types.len(), 5);
        assert!(TABLE.simple_types.iter().all(|s| s.name.contains('@')));
        assert_eq!(TABLE.simple_types.len(), 8);
    }

    #[test]
    fn compiles() {
        assert!(Schema::compile(&[&TABLE, &iodef1::TABLE, &xmlns::TABLE]).is_ok());
        let s = crate::schema::rid();
        assert!(s.global(NS, "RID").is_some());
        assert!(s.global(iodef1::NS, "IODEF-Document").is_some());
    }

    #[test]
    fn rid_alone_does_not_compile() {
        // RID needs IODEF 1.0's named types; without the table the references cannot resolve.
        assert!(Schema::compile(&[&TABLE, &xmlns::TABLE]).is_err());
    }
}
