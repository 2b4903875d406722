//! RFC 7970 prose rules that the schema cannot express.

use super::{Cx, Rules};

/// Well-formedness (RFC 7970 §4.3).
pub const WELL_FORMED: &str = "RFC7970-4.3-well-formed";
/// The IODEF namespace (RFC 7970 §4.2).
pub const NAMESPACE: &str = "RFC7970-4.2-namespace";

/// The IODEF 2.0 prose rules.
#[derive(Debug, Default)]
pub struct Iodef2Rules {}

impl Rules for Iodef2Rules {
    fn finish(&mut self, _cx: &mut Cx<'_, '_>) {}
}
