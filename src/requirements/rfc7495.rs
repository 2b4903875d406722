//! RFC 7495 (IODEF enumeration reference format) requirements.

use super::Level::*;
use super::{Requirement, req};

/// The RFC 7495 entries.
pub(super) static CATALOG: &[Requirement] = &[
    req(
        "RFC7495-2.1-referencename",
        Xsd,
        "enum:ReferenceName holds exactly one enum:ID and requires specIndex, an integer.",
    ),
    req(
        "RFC7495-2.1-id",
        Xsd,
        "enum:ID, declared only inside ReferenceName, is an xs:NCName (no spaces or colons, not starting with a digit).",
    ),
];
