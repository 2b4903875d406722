//! The Gherkin features and RID corpus messages built into the binary (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A corpus RID message by name: `valid/NAME.xml` or `invalid/NAME.xml`.
pub fn rid_message(name: &str) -> Option<&'static [u8]> {
    let (table, file) = match name.split_once('/') {
        Some(("valid", f)) => (RID_VALID, f),
        Some(("invalid", f)) => (RID_INVALID, f),
        _ => return None,
    };
    table.iter().find(|(n, _)| *n == file).map(|(_, t)| *t)
}
