//! The answers the reference peer writes: a Result for a Request, a Report for a Query (empty
//! when it has nothing to share), Acknowledgements.

use crate::rid::message::IODEF1;
use crate::rid::{IncidentSource, MsgDestination, MsgType, NodeRef, ReportSchema, Restriction, RidMessage, RidPolicy};
use crate::xml::tree::{Element, Node};

fn iodef(name: &str) -> Element {
    let mut e = Element::new(IODEF1, name);
    e.prefix = "iodef".into();
    e
}

fn position_of(e: &Element, names: &[&str]) -> Option<usize> {
    e.children.iter().position(|n| matches!(n, Node::Element(c) if c.ns == IODEF1 && names.contains(&c.local.as_str())))
}

/// Add to every Incident of an IODEF 1.0 document a HistoryItem recording what we did, and our
/// RID system at the end of the infrastructure path (RFC 6545 §6.3: the last system of the path
/// is the one sending the Result).
fn record_our_part(doc: &mut Element, us: &NodeRef, now: &str, what: &str) {
    for n in &mut doc.children {
        let Node::Element(inc) = n else { continue };
        if !inc.is(IODEF1, "Incident") {
            continue;
        }
        // History goes after EventData, before AdditionalData.
        let mut item = iodef("HistoryItem");
        item.set_attr("action", "investigate");
        item.set_attr("restriction", "public");
        item.push(iodef("DateTime")).push_text(now);
        item.push(iodef("Description")).push_text(what);
        match inc.children.iter_mut().find_map(|n| match n {
            Node::Element(h) if h.is(IODEF1, "History") => Some(h),
            _ => None,
        }) {
            Some(h) => {
                h.push(item);
            }
            None => {
                let mut h = iodef("History");
                h.set_attr("restriction", "public");
                h.push(item);
                let at = position_of(inc, &["AdditionalData"]).unwrap_or(inc.children.len());
                inc.children.insert(at, Node::Element(h));
            }
        }
        // Our system at the end of the path.
        for ev in inc.children.iter_mut() {
            let Node::Element(ev) = ev else { continue };
            if !ev.is(IODEF1, "EventData") {
                continue;
            }
            for fl in ev.children.iter_mut() {
                let Node::Element(flow) = fl else { continue };
                if !flow.is(IODEF1, "Flow") {
                    continue;
                }
                let infra = flow
                    .children_named(IODEF1, "System")
                    .any(|s| s.attr_token("category").as_deref() == Some("infrastructure"));
                if infra {
                    let mut sys = iodef("System");
                    sys.set_attr("category", "infrastructure");
                    sys.set_attr("restriction", "public");
                    let node = sys.push(iodef("Node"));
                    for a in &us.addresses {
                        let addr = node.push(iodef("Address"));
                        addr.set_attr("category", &a.category);
                        addr.push_text(&a.value);
                    }
                    flow.push(sys);
                }
            }
        }
    }
}

fn policy_like(request: &RidMessage, t: MsgType, requester: &NodeRef) -> RidPolicy {
    let p = request.policy.as_ref();
    RidPolicy {
        msg_type: t,
        msg_destination: MsgDestination::RidSystem,
        restriction: Some(Restriction::Public),
        regions: p.map(|p| p.regions.clone()).unwrap_or_default(),
        node: requester.clone(),
        traffic: p.map(|p| p.traffic.clone()).unwrap_or_default(),
        incident_id: p.and_then(|p| p.incident_id.clone()),
        report_schema: None,
    }
}

fn report_schema(doc: Element) -> ReportSchema {
    ReportSchema {
        version: Some("1.0".into()),
        xml_schema_id: Some(IODEF1.into()),
        url: None,
        document: Some(doc),
        signatures: Vec::new(),
    }
}

/// The Result answering a Request: the request's incident with our investigation in its
/// History and our system on the path; IncidentSource says we did not find the source.
pub fn result_for(request: &RidMessage, us: &NodeRef, requester: &NodeRef, now: &str) -> RidMessage {
    let mut policy = policy_like(request, MsgType::Result, requester);
    let doc = request.policy.as_ref().and_then(|p| p.report_schema.as_ref()).and_then(|r| r.document.clone());
    if let Some(mut doc) = doc {
        record_our_part(&mut doc, us, now, "Investigated by the mile reference peer; the source was not found here.");
        policy.report_schema = Some(report_schema(doc));
    }
    RidMessage {
        lang: if request.lang.is_empty() { "en".into() } else { request.lang.clone() },
        policy: Some(policy),
        request_status: None,
        incident_source: Some(IncidentSource { source_found: false, nodes: Vec::new(), restriction: None }),
    }
}

/// The Report answering a Query: the IODEF documents of the Reports we hold about the incident
/// (at most `limit`, RFC 6545 §6.5 recommends 5), or an empty Report when we hold none.
pub fn report_for(query: &RidMessage, held: Vec<Element>, requester: &NodeRef, limit: usize) -> RidMessage {
    let mut policy = policy_like(query, MsgType::Report, requester);
    let mut docs = held.into_iter().take(limit.max(1));
    if let Some(mut first) = docs.next() {
        // One IODEF document with every Incident (RFC 6545 §6.5 allows several in one answer).
        for more in docs {
            for n in more.children {
                if matches!(&n, Node::Element(e) if e.is(IODEF1, "Incident")) {
                    let at = position_of(&first, &["AdditionalData"]).unwrap_or(first.children.len());
                    first.children.insert(at, n);
                }
            }
        }
        policy.report_schema = Some(report_schema(first));
    }
    RidMessage {
        lang: if query.lang.is_empty() { "en".into() } else { query.lang.clone() },
        policy: Some(policy),
        request_status: None,
        incident_source: None,
    }
}
