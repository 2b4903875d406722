//! `mile`: a conformance test suite, reference peer and interop harness for the IETF MILE
//! standards (IODEF, RID).
#![forbid(unsafe_code)]

pub mod diag;
pub mod harness;
pub mod peer;
pub mod pki;
pub mod report;
pub mod requirements;
pub mod rid;
pub mod schema;
pub mod transport;
pub mod validate;
pub mod xml;
