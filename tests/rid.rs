//! RID typed views, flow table and policy decisions.

use mile::rid::flow::{Reply, check_answer, rows_for, table1};
use mile::rid::policy::{Decision, PeerPolicy, answer_for, decide};
use mile::rid::*;
use mile::validate::{DocKind, Options, Verdict, validate_reader};
use proptest::prelude::*;

fn message(t: MsgType) -> RidMessage {
    RidMessage {
        lang: "en".into(),
        policy: Some(RidPolicy {
            msg_type: t,
            msg_destination: MsgDestination::RidSystem,
            restriction: Some(Restriction::Public),
            regions: vec![PolicyRegion::PeerToPeer],
            node: NodeRef {
                names: vec!["rid.csirt.example.com".into()],
                addresses: vec![Address { category: "ipv4-addr".into(), value: "192.0.2.10".into() }],
            },
            traffic: vec![TrafficType::Attack],
            incident_id: Some(IncidentId {
                name: "csirt.example.com".into(),
                value: "CSX-1".into(),
                instance: Some("1".into()),
            }),
            report_schema: None,
        }),
        request_status: None,
        incident_source: None,
    }
}

#[test]
fn table1_has_sixteen_rows() {
    assert_eq!(table1().len(), 16);
    assert_eq!(rows_for(&MsgType::Query, false).len(), 3);
    assert_eq!(rows_for(&MsgType::Result, false).len(), 1, "a non-callback Result is read as a callback");
}

#[test]
fn policy_rows() {
    let base = PeerPolicy { name: "peer-a".into(), ..Default::default() };
    let report = message(MsgType::Report);
    let mut trace = message(MsgType::TraceRequest);
    let mut private = message(MsgType::Report);
    if let Some(p) = &mut private.policy {
        p.restriction = Some(Restriction::NeedToKnow);
    }
    let mut between = message(MsgType::Query);
    if let Some(p) = &mut between.policy {
        p.regions = vec![PolicyRegion::BetweenConsortiums];
        p.traffic = vec![TrafficType::Content];
    }
    let result = message(MsgType::Result);
    let cannot = |d: &Decision| matches!(d, Decision::Refuse { justification: Justification::CannotProcess, .. });
    // (policy, message, expected) — one row per rule.
    type Expect = Box<dyn Fn(&Decision) -> bool>;
    let rows: Vec<(&str, Option<PeerPolicy>, &RidMessage, Expect)> = vec![
        (
            "unknown peer",
            None,
            &report,
            Box::new(|d| matches!(d, Decision::Refuse { justification: Justification::Authentication, .. })),
        ),
        ("allow all", Some(base.clone()), &report, Box::new(|d| *d == Decision::Accept)),
        (
            "type not allowed",
            Some(PeerPolicy { msg_types: vec!["Query".into()], ..base.clone() }),
            &report,
            Box::new(cannot),
        ),
        (
            "type allowed",
            Some(PeerPolicy { msg_types: vec!["Report".into()], ..base.clone() }),
            &report,
            Box::new(|d| *d == Decision::Accept),
        ),
        (
            "region not allowed",
            Some(PeerPolicy { regions: vec!["PeerToPeer".into()], ..base.clone() }),
            &between,
            Box::new(cannot),
        ),
        (
            "traffic not allowed",
            Some(PeerPolicy { traffic: vec!["Content".into()], ..base.clone() }),
            &report,
            Box::new(cannot),
        ),
        (
            "restriction refused",
            Some(PeerPolicy { refuse_restrictions: vec!["need-to-know".into()], ..base.clone() }),
            &private,
            Box::new(cannot),
        ),
        (
            "manual approval",
            Some(PeerPolicy { manual_approval: true, ..base.clone() }),
            &trace,
            Box::new(|d| matches!(d, Decision::Pending { .. })),
        ),
        (
            "replies always accepted",
            Some(PeerPolicy { msg_types: vec!["Query".into()], ..base.clone() }),
            &result,
            Box::new(|d| *d == Decision::Accept),
        ),
    ];
    for (name, policy, msg, want) in rows {
        let d = decide(policy.as_ref(), msg);
        assert!(want(&d), "{name}: got {d:?}");
    }
    // A refusal is a valid Acknowledgement that answers the request.
    trace.policy.as_mut().expect("policy").incident_id =
        Some(IncidentId { name: "csirt.example.com".into(), value: "CSX-9".into(), instance: None });
    let d = decide(Some(&PeerPolicy { msg_types: vec!["Report".into()], ..base }), &trace);
    let us = NodeRef {
        names: vec![],
        addresses: vec![Address { category: "ipv4-addr".into(), value: "192.0.2.20".into() }],
    };
    let ack = answer_for(&d, &trace, &us).expect("an Acknowledgement");
    let xml = ack.to_xml();
    let r = validate_reader("ack", xml.as_bytes(), &Options { expect: Some(DocKind::Rid), ..Default::default() });
    assert_eq!(r.verdict(), Verdict::Valid, "{xml}\n{:?}", r.diagnostics);
    assert_eq!(ack.request_status.as_ref().map(|s| &s.authorization), Some(&AuthorizationStatus::Denied));
    let reply = Reply::Http {
        status: 200,
        content_type: Some("text/xml"),
        body_len: xml.len(),
        message: Some(&ack),
        token: None,
    };
    assert!(check_answer(&trace, false, &reply).is_empty());
}

fn ext<T: Clone + std::fmt::Debug + 'static>(all: &'static [T], mk: fn(String) -> T) -> impl Strategy<Value = T> {
    prop_oneof![prop::sample::select(all.to_vec()), "[a-z][a-z0-9-]{0,12}".prop_map(mk)]
}

fn node() -> impl Strategy<Value = NodeRef> {
    (prop::collection::vec("[a-z]{1,8}\\.example\\.(com|net)", 0..2), prop::collection::vec((1u8..255, 1u8..255), 1..3))
        .prop_map(|(names, addrs)| NodeRef {
            names,
            addresses: addrs
                .into_iter()
                .map(|(a, b)| Address { category: "ipv4-addr".into(), value: format!("192.0.{a}.{b}") })
                .collect(),
        })
}

prop_compose! {
    fn rid_message()(
        lang in prop::sample::select(vec!["en", "en-US", "de", "ja"]),
        msg_type in ext(MsgType::ALL, MsgType::Ext),
        msg_destination in ext(MsgDestination::ALL, MsgDestination::Ext),
        restriction in prop::option::of(prop::sample::select(Restriction::ALL.to_vec())),
        regions in prop::collection::vec(ext(PolicyRegion::ALL, PolicyRegion::Ext), 1..3),
        node in node(),
        traffic in prop::collection::vec(ext(TrafficType::ALL, TrafficType::Ext), 1..3),
        incident in prop::option::of(("[a-z]{2,8}\\.example\\.org", "[A-Z]{2,4}-[0-9]{1,6}", prop::option::of("[0-9]{1,3}"))),
        status in prop::option::of((ext(AuthorizationStatus::ALL, AuthorizationStatus::Ext), prop::option::of(ext(Justification::ALL, Justification::Ext)))),
        source in prop::option::of((any::<bool>(), prop::collection::vec(node(), 0..2))),
    ) -> RidMessage {
        RidMessage {
            lang: lang.into(),
            policy: Some(RidPolicy {
                msg_type, msg_destination, restriction, regions, node, traffic,
                incident_id: incident.map(|(name, value, instance)| IncidentId { name, value, instance }),
                report_schema: None,
            }),
            request_status: status.map(|(authorization, justification)| RequestStatus { authorization, justification, restriction: None }),
            incident_source: source.map(|(source_found, nodes)| IncidentSource { source_found, nodes, restriction: None }),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// build -> write -> validate (schema level) -> read gives the same value.
    #[test]
    fn round_trip(m in rid_message()) {
        let xml = m.to_xml();
        let r = validate_reader("m", xml.as_bytes(), &Options { expect: Some(DocKind::Rid), ..Default::default() });
        // Message-content rules (e.g. an Acknowledgement needs RequestStatus) do not concern
        // the writer: only schema facts (XSD) must hold for any value.
        let schema_errors: Vec<_> = r.diagnostics.iter().filter(|d| d.requirement.level == "XSD" || d.requirement.id.ends_with("well-formed")).collect();
        prop_assert!(schema_errors.is_empty(), "{xml}\n{schema_errors:#?}");
        let tree = mile::xml::tree::parse(xml.as_bytes(), Default::default()).expect("parses");
        let back = RidMessage::from_element(&tree).expect("reads");
        prop_assert_eq!(back, m);
    }
}

/// Reading a tree by value (moving its IODEF document out) gives what reading it by reference
/// gives, for every valid message of the corpus.
#[test]
fn from_tree_reads_like_from_element() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rid/valid");
    let mut with_document = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let body = std::fs::read(&path).expect("read");
        let tree = mile::xml::tree::parse(&body[..], Default::default()).expect("parses");
        let by_ref = RidMessage::from_element(&tree);
        let by_value = RidMessage::from_tree(tree);
        assert_eq!(by_ref.is_ok(), by_value.is_ok(), "{}", path.display());
        if let (Ok(a), Ok(b)) = (by_ref, by_value) {
            with_document += usize::from(
                a.policy.as_ref().and_then(|p| p.report_schema.as_ref()).is_some_and(|r| r.document.is_some()),
            );
            assert_eq!(a, b, "{}", path.display());
        }
    }
    assert!(with_document >= 10, "{with_document} messages carry a document");
}

/// The envelope the peer keeps of a message (validated and built in one pass) reads like the
/// whole message but for the carried document and the signatures' content, for every valid
/// message of the corpus; the document is really left out.
#[test]
fn envelope_reads_like_the_whole_message_but_the_document() {
    use mile::validate::{DocKind, Options, validate_reader_with_tree};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rid/valid");
    let opts = Options { expect: Some(DocKind::Rid), ..Default::default() };
    let (mut compared, mut hollowed) = (0, 0);
    for entry in std::fs::read_dir(&dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let body = std::fs::read(&path).expect("read");
        let Ok(whole) = RidMessage::from_tree(mile::xml::tree::parse(&body[..], Default::default()).expect("parses"))
        else {
            continue;
        };
        let (report, tree) = validate_reader_with_tree("m", &body[..], &opts, RidMessage::envelope_builder());
        assert!(report.diagnostics.iter().all(|d| d.severity != mile::diag::Severity::Error), "{}", path.display());
        let envelope = RidMessage::from_tree(tree.expect("a tree")).expect("reads");
        let strip = |mut m: RidMessage| {
            if let Some(rs) = m.policy.as_mut().and_then(|p| p.report_schema.as_mut()) {
                rs.document = None;
                for s in &mut rs.signatures {
                    s.children.clear();
                }
            }
            m
        };
        let doc =
            |m: &RidMessage| m.policy.as_ref().and_then(|p| p.report_schema.as_ref()).map(|r| r.document.is_some());
        hollowed += usize::from(doc(&whole) == Some(true) && doc(&envelope) == Some(false));
        assert_eq!(strip(whole), strip(envelope), "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 20 && hollowed >= 10, "{compared} compared, {hollowed} with a document left out");
}
