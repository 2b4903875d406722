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
pub mod rid2;
#[cfg(test)]
mod testutil;
pub mod xmldsig;
pub mod xmlns;
// Schema errors are the cold path of a once-per-process load; boxing them would only add noise.
#[allow(clippy::result_large_err)]
pub mod xsd;

pub use compile::Schema;
pub use engine::Engine;

use std::sync::OnceLock;

/// The compiled schema set for IODEF 2.0 documents (IODEF 2.0 with the namespaces it uses).
pub fn iodef2() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| compile_or_die(&[&iodef2::TABLE, &xmldsig::TABLE, &iodef_enum::TABLE, &xmlns::TABLE]))
}

/// The compiled schema set for IODEF 1.0 documents (RFC 5070).
pub fn iodef1() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| compile_or_die(&[&iodef1::TABLE, &xmldsig::TABLE, &xmlns::TABLE]))
}

/// The compiled schema set for RID messages (RFC 6545): RID with the IODEF 1.0 it carries and
/// the XML Signature elements it may hold.
pub fn rid() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| compile_or_die(&[&rid2::TABLE, &iodef1::TABLE, &xmldsig::TABLE, &xmlns::TABLE]))
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
