//! The reference RID peer: durable store, policy, flows, asynchronous answers, fault modes.

pub mod config;
pub mod store;
