//! RFC 7203 (IODEF-SCI, structured cybersecurity information) requirements.
//!
//! The first block holds the facts of the schema of §5.2 that the SCI table
//! (`crate::schema::sci`) enforces, and the defect of that schema as printed; the second the
//! prose rules a document can break that the schema does not express.

use super::Level::*;
use super::{Requirement, Testing, req};

/// The RFC 7203 entries.
pub(super) static CATALOG: &[Requirement] = &[
    // -----------------------------------------------------------------------------------------
    // Schema facts.
    req(
        "RFC7203-4.2-xmldata",
        Xsd,
        "RawData (type XMLDATA) is an iodef:ExtensionType whose dtype is fixed to \"xml\" and that has no ext-dtype.",
    ),
    req(
        "RFC7203-4.5.1-attackpattern",
        Xsd,
        "AttackPattern requires SpecID and holds RawData* or iodef:Reference* (IODEF 1.0's Reference, also inside IODEF 2.0 documents), then Platform*.",
    ),
    req("RFC7203-4.5.2-platform", Xsd, "Platform requires SpecID and holds RawData* or iodef:Reference*."),
    req(
        "RFC7203-4.5.3-vulnerability",
        Xsd,
        "Vulnerability requires SpecID and holds RawData* or iodef:Reference*, then Platform*, then Scoring*.",
    ),
    req("RFC7203-4.5.4-scoring", Xsd, "Scoring requires SpecID and holds RawData* or iodef:Reference*."),
    req(
        "RFC7203-4.5.5-weakness",
        Xsd,
        "Weakness requires SpecID and holds RawData* or iodef:Reference*, then Platform*, then Scoring*.",
    ),
    req("RFC7203-4.5.6-eventreport", Xsd, "EventReport requires SpecID and holds RawData* or iodef:Reference*."),
    req("RFC7203-4.5.7-verification", Xsd, "Verification requires SpecID and holds RawData* or iodef:Reference*."),
    req("RFC7203-4.5.8-remediation", Xsd, "Remediation requires SpecID and holds RawData* or iodef:Reference*."),
    req(
        "RFC7203-5.2-schema-as-printed",
        Xsd,
        "The §5.2 schema writes <sequence> without the xsd: prefix in AttackPattern, Vulnerability and Weakness, so it does not compile as printed; mile reads those as xsd:sequence, the evident intent (the same schema RFC 7970 imports).",
    )
    .tested(Testing::Untestable(
        "a fact about the schema text of the RFC, not about documents; the tables follow the repaired reading",
    )),
    // -----------------------------------------------------------------------------------------
    // Prose rules.
    req(
        "RFC7203-4.4-content",
        Must,
        "Every SCI class conveys its information: it has a ContentID, a RawData or a Reference.",
    ),
    req(
        "RFC7203-4.4-ext-specid",
        Must,
        "SpecID=\"private\" requires ext-SpecID, and ext-SpecID is used only with SpecID=\"private\".",
    ),
    req(
        "RFC7203-4.4-rawdata-namespace",
        Must,
        "The XML in a RawData is consistent with the specification its class names by SpecID (or ext-SpecID when SpecID is private).",
    )
    .tested(Testing::Untestable(
        "consistency needs the registered specification's own schema; namespace equality is not the test, since the RFC's own example embeds MMDEF XML whose namespace differs from its SpecID",
    )),
    req(
        "RFC7203-4.4-single-form",
        Should,
        "An SCI class uses only one of ContentID, RawData and Reference.",
    ),
    req(
        "RFC7203-4.5-dtype",
        Must,
        "The AdditionalData or RecordItem that carries an SCI class has dtype=\"xml\".",
    ),
    req(
        "RFC7203-4.5-placement",
        Must,
        "In IODEF 1.0 each SCI class is defined only as the content of one extension point: AttackPattern, Vulnerability and Weakness in Method/AdditionalData; Platform in System/AdditionalData (or inside those three); Scoring inside Vulnerability or Weakness; EventReport in RecordItem; Verification and Remediation in Incident/AdditionalData.",
    ),
];
