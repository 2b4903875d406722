//! Schema tables and the engine that validates documents against them.
//!
//! Tables ([`model`]) say what each namespace allows; [`compile`] turns a set of tables into
//! automata once per process; [`engine`] validates a document in one pass over reader events.

pub mod compile;
pub mod datatypes;
pub mod engine;
pub mod iodef1;
pub mod iodef2;
pub mod iodef_enum;
pub mod model;
pub mod phish;
pub mod rid2;
pub mod sci;
#[cfg(test)]
mod testutil;
pub mod thraud;
pub mod xmldsig;
pub mod xmlns;
// Schema errors are the cold path of a once-per-process load; boxing them would only add noise.
#[allow(clippy::result_large_err)]
pub mod xsd;

pub use compile::Schema;
pub use engine::Engine;

use std::sync::OnceLock;

/// The compiled schema set for IODEF 2.0 documents: IODEF 2.0 with the namespaces its schema
/// imports (XML Signature, enumeration reference of RFC 7495, IODEF-SCI of RFC 7203) and the
/// IODEF 1.0 that the SCI schema builds on (an SCI Reference is IODEF 1.0's). The phishing and
/// Thraud extensions are defined for IODEF 1.0 only and are not in the set: their elements in an
/// IODEF 2.0 document are reported by the extension rules.
pub fn iodef2() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| {
        compile_or_die(&[
            &iodef2::TABLE,
            &xmldsig::TABLE,
            &iodef_enum::TABLE,
            &sci::TABLE,
            &iodef1::TABLE,
            &xmlns::TABLE,
        ])
    })
}

/// The IODEF 1.0 extensions (RFC 5901 phishing, RFC 5941 Thraud, RFC 7203 SCI), validated through
/// the lax wildcard of AdditionalData and RecordItem in the same pass as the document.
const IODEF1_EXTENSIONS: [&model::Table; 3] = [&phish::TABLE, &thraud::TABLE, &sci::TABLE];

/// The compiled schema set for IODEF 1.0 documents (RFC 5070) with its extensions.
pub fn iodef1() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| {
        let [a, b, c] = IODEF1_EXTENSIONS;
        compile_or_die(&[&iodef1::TABLE, a, b, c, &xmldsig::TABLE, &xmlns::TABLE])
    })
}

/// The compiled schema set for RID messages (RFC 6545): RID with the IODEF 1.0 it carries (and
/// that document's extensions) and the XML Signature elements it may hold.
pub fn rid() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| {
        let [a, b, c] = IODEF1_EXTENSIONS;
        compile_or_die(&[&rid2::TABLE, &iodef1::TABLE, a, b, c, &xmldsig::TABLE, &xmlns::TABLE])
    })
}

/// Tables are static data checked by the test suite; a table that does not compile is a bug in
/// `mile` itself, found by `cargo test` before any release.
fn compile_or_die(tables: &[&'static model::Table]) -> Schema {
    match Schema::compile(tables) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// Schema sets to validate with instead of the built-in ones, one per document kind: the
/// built-in sets extended by user schemas (`mile validate --schema`), or sets compiled from
/// official XSDs alone (the loader's agreement test).
#[derive(Debug)]
pub struct SchemaSets {
    /// For IODEF 2.0 documents.
    pub iodef2: Schema,
    /// For IODEF 1.0 documents.
    pub iodef1: Schema,
    /// For RID messages.
    pub rid: Schema,
}

impl SchemaSets {
    /// The built-in sets, each extended by the loaded schemas' namespaces it does not have
    /// (a loaded schema of a built-in namespace does not replace the built-in table).
    pub fn extended(loaded: &[xsd::Loaded]) -> Result<SchemaSets, compile::CompileError> {
        let set = |base: &Schema| -> Result<Schema, compile::CompileError> {
            let mut tables = base.tables.clone();
            for t in loaded.iter().flat_map(|l| l.all_tables()) {
                if !tables.iter().any(|b| b.namespace == t.namespace) {
                    tables.push(t);
                }
            }
            xsd::compile_deep(&tables)
        };
        Ok(SchemaSets { iodef2: set(iodef2())?, iodef1: set(iodef1())?, rid: set(rid())? })
    }
}
