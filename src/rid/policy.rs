//! Policy decisions: may this peer send us this message? A refusal becomes an Acknowledgement
//! with AuthorizationStatus and Justification as RFC 6545 §5.2 defines them.
//!
//! Pure functions: the peer's configuration is data, the message is a typed view, the outcome
//! is a [`Decision`].

use super::message::{
    AuthorizationStatus, Justification, MsgDestination, MsgType, NodeRef, PolicyRegion, RequestStatus, Restriction,
    RidMessage, RidPolicy, TrafficType,
};
use serde::{Deserialize, Serialize};

/// What one peer may send (empty lists allow everything).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerPolicy {
    /// The peer's name (for messages).
    pub name: String,
    /// Message types it may send.
    #[serde(default)]
    pub msg_types: Vec<String>,
    /// Policy regions it may use.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Traffic types it may use.
    #[serde(default)]
    pub traffic: Vec<String>,
    /// Restriction markings we cannot honour for this peer (e.g. `need-to-know`).
    #[serde(default)]
    pub refuse_restrictions: Vec<String>,
    /// Requests wait for an administrator: they are acknowledged as Pending.
    #[serde(default)]
    pub manual_approval: bool,
}

/// The outcome of a policy check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Process the message.
    Accept,
    /// Acknowledge it as Pending: an administrator must approve it.
    Pending {
        /// Why, in words.
        reason: String,
    },
    /// Refuse it with an Acknowledgement.
    Refuse {
        /// The Justification sent (RFC 6545 §5.2).
        justification: Justification,
        /// Which policy rule refused it, in words.
        reason: String,
    },
}

fn allowed(list: &[String], value: &str) -> bool {
    list.is_empty() || list.iter().any(|v| v == value)
}

/// Decide on `msg` from a peer whose policy is `policy` (`None`: the sender is not a known
/// peer). Replies (Acknowledgement, Result) are always accepted from a known peer: refusing an
/// answer to our own request would leave the exchange without an end.
pub fn decide(policy: Option<&PeerPolicy>, msg: &RidMessage) -> Decision {
    let Some(p) = policy else {
        return Decision::Refuse {
            justification: Justification::Authentication,
            reason: "the sender's certificate is not one of our known peers".into(),
        };
    };
    let Some(rp) = &msg.policy else {
        return Decision::Refuse {
            justification: Justification::UnrecognizedFormat,
            reason: "the message has no RIDPolicy, so its type and policy cannot be checked".into(),
        };
    };
    let t = rp.msg_type.as_str();
    let refuse = |reason: String| Decision::Refuse { justification: Justification::CannotProcess, reason };
    let is_reply = matches!(rp.msg_type, MsgType::Acknowledgement | MsgType::Result);
    if !is_reply && !allowed(&p.msg_types, t) {
        return refuse(format!("peer {} may not send {t} messages", p.name));
    }
    if let Some(r) = rp.regions.iter().find(|r| !allowed(&p.regions, r.as_str())) {
        return refuse(format!("peer {} may not use PolicyRegion {r}", p.name));
    }
    if let Some(tt) = rp.traffic.iter().find(|tt| !allowed(&p.traffic, tt.as_str())) {
        return refuse(format!("peer {} may not send TrafficType {tt}", p.name));
    }
    if let Some(r) = rp.restriction.filter(|r| p.refuse_restrictions.iter().any(|x| x == r.as_str())) {
        return refuse(format!("we cannot honour restriction {} for peer {}", r.as_str(), p.name));
    }
    if p.manual_approval && matches!(rp.msg_type, MsgType::TraceRequest | MsgType::InvestigationRequest) {
        return Decision::Pending { reason: "requests from this peer wait for an administrator's approval".into() };
    }
    Decision::Accept
}

/// The Acknowledgement answering `request` with `status` and `justification`, sent by a system
/// whose Node is `us`. It repeats the request's IncidentID, policy regions and traffic types.
pub fn acknowledgement(
    request: &RidMessage,
    status: AuthorizationStatus,
    justification: Option<Justification>,
    us: &NodeRef,
) -> RidMessage {
    let (regions, traffic, incident_id) = match &request.policy {
        Some(p) => (p.regions.clone(), p.traffic.clone(), p.incident_id.clone()),
        None => (vec![PolicyRegion::PeerToPeer], vec![TrafficType::Other], None),
    };
    RidMessage {
        lang: if request.lang.is_empty() { "en".into() } else { request.lang.clone() },
        policy: Some(RidPolicy {
            msg_type: MsgType::Acknowledgement,
            msg_destination: MsgDestination::RidSystem,
            restriction: Some(Restriction::Public),
            regions: if regions.is_empty() { vec![PolicyRegion::PeerToPeer] } else { regions },
            node: us.clone(),
            traffic: if traffic.is_empty() { vec![TrafficType::Other] } else { traffic },
            incident_id,
            report_schema: None,
        }),
        request_status: Some(RequestStatus { authorization: status, justification, restriction: None }),
        incident_source: None,
    }
}

/// The Acknowledgement a decision calls for, if any.
pub fn answer_for(decision: &Decision, request: &RidMessage, us: &NodeRef) -> Option<RidMessage> {
    match decision {
        Decision::Accept => None,
        Decision::Pending { .. } => Some(acknowledgement(request, AuthorizationStatus::Pending, None, us)),
        Decision::Refuse { justification, .. } => {
            Some(acknowledgement(request, AuthorizationStatus::Denied, Some(justification.clone()), us))
        }
    }
}
