//! The requirement catalog: every rule `mile` checks, with a stable ID.
//!
//! An ID has the form `RFC<number>-<section>-<slug>`, e.g. `RFC7970-3.2-incident`. IDs are never
//! reused; a retired rule stays in its table marked [`Level::Retired`]. Each spec has one file of
//! entries; [`all`] is their concatenation, [`lookup`] finds one entry by ID.

mod rfc3275;
mod rfc5070;
mod rfc5901;
mod rfc5941;
mod rfc6545;
mod rfc6546;
mod rfc7203;
mod rfc7495;
mod rfc7970;

use serde::Serialize;

/// How binding a requirement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Level {
    /// A fact of the normative XML Schema (structure, datatypes, enumerations).
    Xsd,
    /// An RFC 2119 MUST / MUST NOT / REQUIRED / SHALL.
    Must,
    /// An RFC 2119 SHOULD / SHOULD NOT / RECOMMENDED.
    Should,
    /// An RFC 2119 MAY / OPTIONAL.
    May,
    /// No longer checked; kept so the ID is never reused.
    Retired,
}

impl Level {
    /// Upper-case name as printed in diagnostics and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Xsd => "XSD",
            Level::Must => "MUST",
            Level::Should => "SHOULD",
            Level::May => "MAY",
            Level::Retired => "RETIRED",
        }
    }
}

/// How a requirement is exercised by the test suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "reason", rename_all = "kebab-case")]
pub enum Testing {
    /// By corpus documents that break it (see the corpus manifests).
    Corpus,
    /// By conformance scenarios on the wire.
    Scenario,
    /// By unit or integration tests of the library.
    Unit,
    /// It cannot be checked from a document or on the wire; the reason says why.
    Untestable(&'static str),
    /// It can be checked, but `mile` does not check it yet; the reason says what is missing.
    Pending(&'static str),
    /// A rule about a shared type whose violations are always reported under the more specific
    /// requirement of the element or attribute that uses the type; the text names them.
    ReportedAs(&'static str),
}

/// One catalog entry.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Requirement {
    /// Stable ID, e.g. `RFC7970-3.2-incident`.
    pub id: &'static str,
    /// How binding it is.
    pub level: Level,
    /// One sentence in our own words.
    pub summary: &'static str,
    /// How it is tested.
    pub testing: Testing,
}

impl Requirement {
    /// The RFC number the ID cites, e.g. `7970`.
    pub fn rfc(&self) -> &'static str {
        self.id.split('-').next().unwrap_or("").trim_start_matches("RFC")
    }

    /// The section the ID cites, e.g. `3.2`.
    pub fn section(&self) -> &'static str {
        self.id.split('-').nth(1).unwrap_or("")
    }

    /// `RFC 7970 §3.2`, for messages.
    pub fn citation(&self) -> String {
        format!("RFC {} §{}", self.rfc(), self.section())
    }
}

/// Shorthand for writing catalog tables.
pub(crate) const fn req(id: &'static str, level: Level, summary: &'static str) -> Requirement {
    Requirement { id, level, summary, testing: Testing::Corpus }
}

impl Requirement {
    /// The same entry tested another way.
    pub(crate) const fn tested(mut self, testing: Testing) -> Requirement {
        self.testing = testing;
        self
    }
}

/// Every catalog entry, in ID order within each spec.
pub fn all() -> impl Iterator<Item = &'static Requirement> {
    rfc3275::CATALOG
        .iter()
        .chain(rfc5070::CATALOG.iter())
        .chain(rfc5901::CATALOG.iter())
        .chain(rfc5941::CATALOG.iter())
        .chain(rfc6545::CATALOG.iter())
        .chain(rfc6546::CATALOG.iter())
        .chain(rfc7203::CATALOG.iter())
        .chain(rfc7495::CATALOG.iter())
        .chain(rfc7970::CATALOG.iter())
}

/// The entry with this ID.
pub fn lookup(id: &str) -> Option<&'static Requirement> {
    all().find(|r| r.id == id)
}
