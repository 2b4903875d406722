//! RID (RFC 6545): messages as typed values, the flow table (which message answers which, and
//! how over HTTP, RFC 6546 Table 1), and policy decisions.

pub mod message;

pub use message::{
    Address, AuthorizationStatus, IncidentId, IncidentSource, Justification, MsgDestination, MsgType, NodeRef,
    PolicyRegion, ReportSchema, RequestStatus, Restriction, RidMessage, RidPolicy, TrafficType, ViewError,
};
pub mod flow;
pub mod policy;
