//! RFC 7970 (IODEF 2.0) requirements.

use super::Level::*;
use super::{Requirement, req};

/// The RFC 7970 entries.
pub(super) static CATALOG: &[Requirement] = &[
    req(
        "RFC7970-3.1-iodef-document",
        Xsd,
        "IODEF-Document holds one or more Incident and any number of AdditionalData, with version 2.00 and the attributes of §3.1.",
    ),
    req("RFC7970-3.3.1-restriction", Xsd, "The restriction attribute takes one of the values of §3.3.1."),
    req(
        "RFC7970-3.4-incidentid",
        Xsd,
        "IncidentID is a string with a required name attribute and the optional attributes of §3.4.",
    ),
];
