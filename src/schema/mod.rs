//! Schema tables and the engine that validates documents against them.

pub mod datatypes;
pub mod iodef2;
pub mod iodef_enum;
pub mod model;
pub mod xmldsig;
pub mod xmlns;
