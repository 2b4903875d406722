//! RFC 6545 (RID) requirements.
//!
//! The first block holds the facts of the normative schema (RFC 6545 §8) that the RID table
//! (`crate::schema::rid2`) enforces. The second block holds the rules of §4–§7, §9 and §11 that a
//! RID message, or an exchange of messages, can break and that the schema does not express: the
//! classes each message type needs, where RequestStatus values belong, the ReportSchema rules of
//! §5.6, encoding, signatures and which message may answer which. Places where the RFC contradicts
//! itself get entries of their own naming both readings, so the validator can cite them. Transport
//! (RFC 6546) has its own catalog.

use super::Level::*;
use super::{Requirement, Testing, req};

/// The RFC 6545 entries.
pub(super) static CATALOG: &[Requirement] = &[
    // -----------------------------------------------------------------------------------------
    // Schema facts.
    req(
        "RFC6545-4.1.1-boolean",
        Xsd,
        "BOOLEAN values are xs:boolean: true, false, 1 or 0 (the prose's \"or FALSE\" is a slip: upper-case FALSE is not a boolean).",
    ),
    req("RFC6545-5-lang", Xsd, "RID@lang holds an xs:language tag such as en-US (a plain lang attribute, not xml:lang)."),
    req(
        "RFC6545-5-rid",
        Xsd,
        "RID holds RIDPolicy?, RequestStatus?, IncidentSource? in this order and has a required lang attribute.",
    ),
    req(
        "RFC6545-5.1-msgdestination",
        Xsd,
        "RIDPolicy@MsgDestination is one of RIDSystem, SourceOfIncident, ext-value.",
    ),
    req(
        "RFC6545-5.1-msgtype",
        Xsd,
        "RIDPolicy@MsgType is one of TraceRequest, Acknowledgement, Result, InvestigationRequest, Report, Query, ext-value.",
    ),
    req("RFC6545-5.1-policyregion", Xsd, "PolicyRegion is empty, with a required region and an optional ext-region."),
    req(
        "RFC6545-5.1-region",
        Xsd,
        "PolicyRegion@region is one of ClientToSP, SPToClient, IntraConsortium, PeerToPeer, BetweenConsortiums, ext-value.",
    ),
    req(
        "RFC6545-5.1-ridpolicy",
        Xsd,
        "RIDPolicy holds PolicyRegion+, iodef:Node, TrafficType+, iodef:IncidentID?, ReportSchema? in this order; MsgType and MsgDestination are required, ext-MsgType, ext-MsgDestination and restriction optional.",
    ),
    req("RFC6545-5.1-traffictype", Xsd, "TrafficType is empty, with a required type and an optional ext-type."),
    req(
        "RFC6545-5.1-traffictype-type",
        Xsd,
        "TrafficType@type is one of Attack, Network, Content, DataWithHandlingRequirements, AudienceRestriction, Other, ext-value.",
    ),
    req(
        "RFC6545-5.1.1-reportschema",
        Xsd,
        "ReportSchema holds XMLDocument, URL?, Signature* in this order; Version, ext-Version, XMLSchemaID and ext-XMLSchemaID are optional.",
    ),
    req(
        "RFC6545-5.1.1-signature",
        Xsd,
        "ReportSchema/Signature is an iodef:ExtensionType: mixed content with any elements, required dtype, optional ext-dtype, meaning, formatid, restriction.",
    ),
    req("RFC6545-5.1.1-url", Xsd, "ReportSchema/URL holds an xs:anyURI and has no attributes."),
    req("RFC6545-5.1.1-version", Xsd, "ReportSchema@Version is 1.0 or ext-value."),
    req(
        "RFC6545-5.1.1-xmldocument",
        Xsd,
        "XMLDocument is an iodef:ExtensionType: mixed content with any elements, required dtype, optional ext-dtype, meaning, formatid, restriction.",
    ),
    req(
        "RFC6545-5.1.1-xmlschemaid",
        Xsd,
        "ReportSchema@XMLSchemaID is urn:ietf:params:xml:ns:iodef-1.0 or ext-value.",
    ),
    req(
        "RFC6545-5.2-authorizationstatus",
        Xsd,
        "RequestStatus@AuthorizationStatus is one of Approved, Denied, Pending, ext-value.",
    ),
    req(
        "RFC6545-5.2-justification",
        Xsd,
        "RequestStatus@Justification is one of SystemResource, Authentication, AuthenticationOrigin, Encryption, UnrecognizedFormat, CannotProcess, Other, ext-value.",
    ),
    req(
        "RFC6545-5.2-requeststatus",
        Xsd,
        "RequestStatus is empty; AuthorizationStatus is required, ext-AuthorizationStatus, Justification, ext-Justification and restriction optional.",
    ),
    req(
        "RFC6545-5.3-incidentsource",
        Xsd,
        "IncidentSource holds SourceFound then any number of iodef:Node; restriction is optional.",
    ),
    req("RFC6545-5.3-sourcefound", Xsd, "SourceFound holds a BOOLEAN and has no attributes."),
    // -----------------------------------------------------------------------------------------
    // Rules of the prose the schema does not express.

    // check: a RID root with a RequestStatus child has RIDPolicy@MsgType Acknowledgement.
    req("RFC6545-5-requeststatus-ack", Must, "RequestStatus appears only in Acknowledgement messages."),
    // check: a RID root with an IncidentSource child has RIDPolicy@MsgType Result.
    req("RFC6545-5-incidentsource-result", Must, "IncidentSource appears only in Result messages."),
    // check: RIDPolicy has no attribute named MsgType-ext or MsgDestination-ext (the schema
    // rejects them; the validator cites this entry for those two names).
    req(
        "RFC6545-5.1-ext-attribute-names",
        Must,
        "RIDPolicy's extension attributes are spelled ext-MsgType and ext-MsgDestination as in the schema; the prose spelling MsgType-ext / MsgDestination-ext does not validate.",
    ),
    // check: MsgDestination is not TraceRequest or InvestigationRequest (the schema rejects them;
    // the validator cites this entry for those two values).
    req(
        "RFC6545-5.1-msgdestination-slip",
        Must,
        "MsgDestination is RIDSystem, SourceOfIncident or ext-value; where §6.1, §7.1.1 and §7.2 speak of MsgDestination set to TraceRequest or InvestigationRequest they mean MsgType.",
    ),
    // check: with MsgDestination RIDSystem, RIDPolicy/iodef:Node has an Address whose category is
    // ipv4-addr or ipv6-addr and whose text is an IP address.
    req(
        "RFC6545-5.1-ridsystem-address",
        Must,
        "With MsgDestination RIDSystem, RIDPolicy/Node gives the IP address of the next RID system in an Address.",
    ),
    // untestable: the DNS check happens at the sender and its result is not in the message.
    req(
        "RFC6545-5.1-ridsystem-nodename",
        Must,
        "With MsgDestination RIDSystem, a NodeName is a DNS name the sender checked resolves to the Address it sends to.",
    )
    .tested(Testing::Untestable("the sender's DNS check and its result are not recorded in the message")),
    // check: with MsgDestination SourceOfIncident, RIDPolicy/iodef:Node has an Address holding an
    // IP address and no NodeName.
    req(
        "RFC6545-5.1-source-address",
        Must,
        "With MsgDestination SourceOfIncident, RIDPolicy/Node holds the incident source's IP address in an Address and no NodeName.",
    ),
    // check: with MsgDestination ext-value, RIDPolicy/iodef:Node has an Address holding an IP
    // address.
    req(
        "RFC6545-5.1-ext-destination-ip",
        Should,
        "With MsgDestination ext-value, RIDPolicy/Node still identifies the system by an IP address in an Address.",
    ),
    // check: with a TrafficType Attack, the IODEF document in ReportSchema/XMLDocument has an
    // Incident with a Method and an Assessment/Impact.
    req(
        "RFC6545-5.1-attack-detail",
        Must,
        "TrafficType Attack comes with an IODEF document describing the attack in its Method and Impact classes.",
    ),
    // untestable: whether traffic is an attack is a judgement the message does not encode.
    req("RFC6545-5.1-attack-only", Should, "TrafficType Attack is used only for security incidents and attacks.")
        .tested(Testing::Untestable("whether traffic is an attack is a judgement the message does not encode")),
    // untestable: whether a trace concerns network or routing issues is not machine-readable.
    req("RFC6545-5.1-network-only", Must, "TrafficType Network is used only for traces of network traffic or routing issues.")
        .tested(Testing::Untestable("the nature of the traced traffic is not machine-readable")),
    // untestable: regional content restrictions are not machine-readable.
    req(
        "RFC6545-5.1-content-only",
        Must,
        "TrafficType Content is used only for requests about content subject to regional access restrictions.",
    )
    .tested(Testing::Untestable("regional content restrictions are not expressed in the message")),
    // check: with a TrafficType Other, the IODEF document has an Expectation or a HistoryItem
    // with a Description.
    req(
        "RFC6545-5.1-other-description",
        Must,
        "TrafficType Other comes with a description of the traffic in the IODEF Expectation or History class.",
    ),
    // check: XMLDocument and ReportSchema/Signature have dtype="xml" and meaning="xml".
    req(
        "RFC6545-5.1.1-xml-dtype",
        Must,
        "XMLDocument and Signature set dtype and meaning to xml, following RFC 5070 §5 for XML content.",
    ),
    // check: XMLDocument has exactly one element child and no non-whitespace text.
    req(
        "RFC6545-5.1.1-complete-document",
        Must,
        "XMLDocument holds one complete XML document: a single root element and no other text.",
    ),
    // check: when XMLSchemaID is present, the namespace of the root element in XMLDocument equals
    // it (or equals ext-XMLSchemaID when XMLSchemaID is ext-value).
    req(
        "RFC6545-5.1.1-schemaid-matches",
        Must,
        "XMLSchemaID (or ext-XMLSchemaID with ext-value) names the namespace of the document carried in XMLDocument.",
    ),
    // check: each ReportSchema/Signature holds a ds:Signature element of the XML-DSig namespace.
    req(
        "RFC6545-5.1.1-signature-content",
        Must,
        "ReportSchema/Signature holds an XML-DSig Signature element (detached or enveloped).",
    ),
    // check: RequestStatus has no attribute named AuthorizationStatus-ext or Justification-ext
    // (the schema rejects them; the validator cites this entry for those two names).
    req(
        "RFC6545-5.2-ext-attribute-names",
        Must,
        "RequestStatus's extension attributes are spelled ext-AuthorizationStatus and ext-Justification as in the schema; the prose spelling AuthorizationStatus-ext / Justification-ext does not validate.",
    ),
    // check: a RequestStatus with a Justification has AuthorizationStatus Denied, Pending or
    // ext-value.
    req(
        "RFC6545-5.2-justification-status",
        Must,
        "Justification explains a Denied or Pending status; it does not accompany Approved.",
    ),
    // check: in a recorded exchange, after a party receives an Acknowledgement with Justification
    // CannotProcess, it sends no further message with the same IncidentID to that peer.
    req(
        "RFC6545-5.2-cannotprocess",
        Should,
        "After an Acknowledgement with Justification CannotProcess, no further messages about that incident are sent until the issue is resolved out of band.",
    )
    .tested(Testing::Scenario),
    // check: every iodef:Node in IncidentSource has an Address holding an IP address.
    req(
        "RFC6545-5.3-node-address",
        Must,
        "Each Node in IncidentSource gives the identified system's IP address in an Address.",
    ),
    // check: the root element is {urn:ietf:params:xml:ns:iodef-rid-2.0}RID; a root named
    // RID-Document (any namespace) is reported with this entry.
    req(
        "RFC6545-5.4-rid-document",
        Must,
        "A RID message's top-level element is RID in the iodef-rid-2.0 namespace; the prose of §5.4 calls it RID-Document (with a version attribute) but only RID validates.",
    ),
    // check: the message's first bytes (after an optional UTF-8 BOM) are an XML declaration with a
    // version.
    req("RFC6545-5.5-xml-declaration", Must, "A RID message begins with an XML declaration stating the XML version."),
    // check: the message is valid UTF-8 with no UTF-16 BOM, and a declared encoding, if any, is
    // UTF-8.
    req("RFC6545-5.5-utf8", Must, "A RID message is encoded in UTF-8."),
    // check: in the raw bytes, character data and attribute values contain no literal > " or '
    // (XML itself already forbids a literal < and a bare &).
    req(
        "RFC6545-5.5-escape",
        Must,
        "The characters & < > \" and ' appear in text and attribute values only as &amp; &lt; &gt; &quot; &apos;.",
    ),
    // check: the root element inside XMLDocument is namespace-qualified and not in the RID
    // namespace (an unprefixed IODEF-Document with no default namespace breaks it).
    req(
        "RFC6545-5.6-own-namespace",
        Must,
        "A document included in XMLDocument has a namespace of its own, e.g. iodef:IODEF-Document, never no namespace.",
    ),
    // check: a validator reports included content in a namespace it has no table for as not
    // validated (a note, not an error) and goes on validating the rest of the message.
    req(
        "RFC6545-5.6-unknown-namespace",
        Must,
        "An included document in a namespace the receiver does not understand is skipped, and the rest of the message is still processed.",
    )
    .tested(Testing::Unit),
    // check: an element inside XMLDocument or Signature in a namespace the validator knows (RID,
    // IODEF 1.0) but has no declaration for is reported as an error.
    req(
        "RFC6545-5.6-unknown-element",
        Should,
        "An element in a supported namespace that its schema does not declare makes the message be rejected.",
    ),
    // check: the RID root has a RIDPolicy child.
    req(
        "RFC6545-6-ridpolicy",
        Must,
        "Every RID message carries RIDPolicy, which gives its type, IncidentID and destination, although the schema makes it optional.",
    ),
    // check: RIDPolicy has an iodef:IncidentID child (for a Query about an incident type its
    // content may be empty).
    req(
        "RFC6545-6-incidentid",
        Must,
        "RIDPolicy carries an iodef:IncidentID in every message type; a Query about an incident type may leave the number empty (§7.4.1).",
    ),
    // check: a message with MsgType TraceRequest or InvestigationRequest has
    // RIDPolicy/ReportSchema/XMLDocument holding an iodef:IODEF-Document.
    req(
        "RFC6545-6.1-request-iodef",
        Must,
        "A TraceRequest or InvestigationRequest carries an IODEF document in RIDPolicy/ReportSchema/XMLDocument.",
    ),
    // check: the Incident of a Request's IODEF document has DetectTime, StartTime, EndTime and
    // ReportTime.
    req(
        "RFC6545-6.1-request-timestamps",
        Must,
        "The IODEF document of a Request gives DetectTime, StartTime, EndTime and ReportTime.",
    ),
    // check: an Assessment of the Request's Incident has an Impact and a Confidence.
    req(
        "RFC6545-6.1-request-impact",
        Must,
        "The IODEF document of a Request rates the incident with Impact and Confidence.",
    ),
    // check: the Request's IODEF document has a System with category source and one with
    // category target.
    req(
        "RFC6545-6.1-request-systems",
        Must,
        "The IODEF document of a Request lists both the source and the destination System.",
    ),
    // check: the Request's IODEF document has an EventData whose Flow holds System elements with
    // category infrastructure (nested EventData for each further hop).
    req(
        "RFC6545-6.1-request-path",
        Must,
        "The IODEF document of a Request lists the RID systems on the path, originator first, in EventData with System category infrastructure.",
    ),
    // check: the Request's IODEF document has a RecordItem, in an EventData other than the one
    // holding the infrastructure path.
    req(
        "RFC6545-6.1-request-record",
        Must,
        "The IODEF document of a Request carries example packets in EventData/Record/RecordData/RecordItem, separate from the path EventData.",
    ),
    // check: in the message as sent, RIDPolicy is clear text (not replaced by or wrapped in
    // xenc:EncryptedData).
    req(
        "RFC6545-6.1-ridpolicy-clear",
        Must,
        "RIDPolicy stays readable by intermediate RID systems: it is never encrypted.",
    ),
    // check: in a recorded trace, Requests for one IncidentID sent along different paths carry
    // different instance numbers.
    req(
        "RFC6545-6.1-divergent-instances",
        Must,
        "When one Request fans out into divergent paths, each path uses its own instance number under the same IncidentID.",
    )
    .tested(Testing::Scenario),
    // untestable: the confirmation is an action inside the receiving SP.
    req(
        "RFC6545-6.1-confirm-source",
        Must,
        "Before acting, the receiving SP confirms the traffic came from the suspected system and why the Request was made.",
    )
    .tested(Testing::Untestable("the confirmation happens inside the receiving SP and produces no message")),
    // check: every reply to a TraceRequest or InvestigationRequest (in the HTTP response or by
    // callback) has MsgType Acknowledgement, Result or Report.
    req(
        "RFC6545-6.1-request-answers",
        Must,
        "A TraceRequest or InvestigationRequest is answered only by Acknowledgement, Result or Report messages (RFC 6546 Table 1).",
    )
    .tested(Testing::Scenario),
    // check: in a recorded exchange, a Request whose answers include no Acknowledgement with
    // AuthorizationStatus Denied is eventually answered by a Result.
    req(
        "RFC6545-6.1-request-result",
        Must,
        "A Request that is not refused with a Denied Acknowledgement (what §7 calls an Acknowledgement set to no) gets a Result.",
    )
    .tested(Testing::Scenario),
    // check: a TraceRequest gets an Acknowledgement from the RID system it was sent to.
    req(
        "RFC6545-6.1-trace-ack",
        Should,
        "A TraceRequest is answered with an Acknowledgement saying whether the trace continues (an InvestigationRequest need not be).",
    )
    .tested(Testing::Scenario),
    // check: a message with MsgType Acknowledgement has RIDPolicy and RequestStatus.
    req("RFC6545-6.2-ack-content", Must, "An Acknowledgement carries RIDPolicy and RequestStatus."),
    // check: in a recorded trace with several hops, a Denied Acknowledgement to a Request is sent
    // both to the peer that forwarded it and to the originator.
    req(
        "RFC6545-6.2-denied-both",
        Must,
        "When a Request is denied, both the originator and the sending peer (if different) receive the Acknowledgement.",
    )
    .tested(Testing::Scenario),
    // check: a Request left without a policy or administrator decision is answered with an
    // Acknowledgement with AuthorizationStatus Pending after two minutes.
    req(
        "RFC6545-6.2-pending-timeout",
        Should,
        "A Request not approved or denied within two minutes gets an Acknowledgement with status Pending.",
    )
    .tested(Testing::Scenario),
    // check: a message with MsgType Result has RIDPolicy, IncidentSource and an IODEF document in
    // RIDPolicy/ReportSchema/XMLDocument.
    req(
        "RFC6545-6.3-result-content",
        Must,
        "A Result carries RIDPolicy, IncidentSource and an IODEF document in ReportSchema.",
    ),
    // check: the Incident of a Result's IODEF document has DetectTime, StartTime, EndTime and
    // ReportTime.
    req(
        "RFC6545-6.3-result-timestamps",
        Must,
        "The IODEF document of a Result gives DetectTime, StartTime, EndTime and ReportTime.",
    ),
    // check: an Assessment of the Result's Incident has an Impact and a Confidence.
    req("RFC6545-6.3-result-impact", Must, "The IODEF document of a Result rates the incident with Impact and Confidence."),
    // check: the Result's IODEF document has a System with category source and one with category
    // target.
    req(
        "RFC6545-6.3-result-systems",
        Must,
        "The IODEF document of a Result lists the source and destination System.",
    ),
    // check: the Result's Incident has a History with at least one HistoryItem.
    req(
        "RFC6545-6.3-result-history",
        Must,
        "The IODEF document of a Result records the actions taken in History/HistoryItem (the prose calls the attribute atype; IODEF 1.0 names it action).",
    ),
    // check: the Result's IODEF document lists the path in EventData with System category
    // infrastructure, the innermost entry being the sender.
    req(
        "RFC6545-6.3-result-path",
        Must,
        "The IODEF document of a Result lists the RID systems on the path in infrastructure EventData, the sending SP last.",
    ),
    // untestable: whether a reply concerns a single instance is not visible in the message.
    req(
        "RFC6545-6.3-instance-number",
        Must,
        "A Result about one instance of an incident includes its instance (trace) number.",
    )
    .tested(Testing::Untestable("whether a reply concerns a single instance is not visible in the message")),
    // check: in a recorded trace, the Result is delivered to the RID system that originated the
    // Request (the first system of the infrastructure path).
    req(
        "RFC6545-6.3-result-to-originator",
        Must,
        "A Result goes back to the RID system that originated the investigation or trace.",
    )
    .tested(Testing::Scenario),
    // check: every reply to a Result is an Acknowledgement, and only when the Result could not be
    // processed.
    req(
        "RFC6545-6.3-result-answers",
        Must,
        "A Result is answered by nothing, or by an Acknowledgement when it could not be decrypted or authenticated.",
    )
    .tested(Testing::Scenario),
    // check: a message with MsgType Report carries an IODEF document with timestamps, IncidentID,
    // Impact, Confidence and System information.
    req(
        "RFC6545-6.4-report-iodef",
        Should,
        "A Report carries an IODEF document giving timestamps, IncidentID, Impact and Confidence, and the systems involved.",
    ),
    // untestable: whether a report concerns a single instance is not visible in the message.
    req(
        "RFC6545-6.4-instance-number",
        Must,
        "A Report about one instance of an incident includes its instance (trace) number.",
    )
    .tested(Testing::Untestable("whether a report concerns a single instance is not visible in the message")),
    // check: every reply to a Report has MsgType Acknowledgement.
    req(
        "RFC6545-6.4-report-answers",
        Must,
        "A Report is answered by nothing or by an Acknowledgement, never by another message type.",
    )
    .tested(Testing::Scenario),
    // untestable: whether a query concerns a single instance is not visible in the message.
    req(
        "RFC6545-6.5-instance-number",
        Must,
        "A Query about one instance of an incident includes its instance (trace) number.",
    )
    .tested(Testing::Untestable("whether a query concerns a single instance is not visible in the message")),
    // check: every reply to a Query has MsgType Report or Acknowledgement, and a Query answered
    // by no Report gets an Acknowledgement.
    req(
        "RFC6545-6.5-query-answers",
        Must,
        "A Query is answered by a Report, or by an Acknowledgement, which is required when no Report will be sent.",
    )
    .tested(Testing::Scenario),
    // check: the reader finds no well-formedness error.
    req("RFC6545-7-well-formed", Must, "RID messages and the IODEF documents in them are well-formed XML."),
    // check: the message validates against the RID and IODEF 1.0 schemas.
    req("RFC6545-7-schema-valid", Must, "RID messages and the IODEF documents in them are valid against their schemas."),
    // check: the message has no document type declaration.
    req("RFC6545-7-no-dtd", Must, "A RID message has no DOCTYPE: internal and external DTD subsets are prohibited."),
    // check (flow table, `mile validate --answer-to`): an answer's RIDPolicy IncidentID has the
    // name and number of the message it answers (a Report answering a Query about an incident
    // type, whose number is empty, may name other incidents). Inferred from §6 and §7, where
    // every message carries the IncidentID and answers are associated "by incident number".
    req(
        "RFC6545-7-answer-incidentid",
        Must,
        "An answer carries the IncidentID (CSIRT name and number) of the message it answers, so that the two can be associated.",
    ),
    // check (flow table): an answer's PolicyRegions share at least one value with the request's.
    // RFC 6545 gives no explicit rule; PolicyRegion is the expected sharing range, and an answer
    // that leaves it is reported as a SHOULD finding.
    req(
        "RFC6545-7-answer-region",
        Should,
        "An answer keeps within the sharing range (PolicyRegion) of the message it answers.",
    ),
    // check (harness, policy scenario): a message the receiver's policy forbids is answered with
    // an Acknowledgement carrying RequestStatus Denied and a Justification. Inferred from §6.2
    // ("If a Request is denied, the originator and sending peer ... MUST both receive the
    // message") and the §7 flows.
    req(
        "RFC6545-7-refusal-ack",
        Must,
        "A message the receiving system's policy does not allow is refused with an Acknowledgement whose RequestStatus is Denied with a Justification.",
    )
    .tested(Testing::Scenario),
    // check: a TraceRequest with a broken signature or that cannot be decrypted is answered with
    // an Acknowledgement (Denied, Justification Authentication, AuthenticationOrigin or
    // Encryption) sent to the requestor and to the downstream peer.
    req(
        "RFC6545-7.1-problem-ack",
        Must,
        "A TraceRequest whose signature fails or that cannot be decrypted gets an Acknowledgement giving the reason, to the requestor and the downstream peer.",
    )
    .tested(Testing::Scenario),
    // check: no ds:DigestMethod or ds:SignatureMethod in the message uses a SHA-1 algorithm URI.
    req("RFC6545-7.1-no-sha1", Should, "XML signatures in RID messages do not use SHA-1."),
    // check (harness, policy scenario): after a Report is accepted, a Query about its incident
    // finds it. §7.3 says the report is filed into the database (lowercase "must").
    req(
        "RFC6545-7.3-report-filed",
        Should,
        "A Report that was accepted is filed by the receiving system, so that a later Query about its incident finds it.",
    )
    .tested(Testing::Scenario),
    // check: a TraceRequest or InvestigationRequest has a ReportSchema/Signature holding a
    // ds:Signature whose Reference selects a RecordItem of the enclosed IODEF document.
    req(
        "RFC6545-9.1-detached-signature",
        Must,
        "The originator of a Request signs at least one original RecordItem with a detached signature carried in ReportSchema/Signature.",
    )
    .tested(Testing::Pending(
        "XML Signature (RFC 6545 §9) is not implemented yet: telling that a Reference selects an original RecordItem needs XPath Filter 2.0 evaluation and digest verification",
    )),
    // check: that detached signature's CanonicalizationMethod is exclusive canonicalization
    // (http://www.w3.org/2001/10/xml-exc-c14n#, with or without comments).
    req(
        "RFC6545-9.1-exclusive-c14n",
        Must,
        "The detached signature over RecordItem uses exclusive XML canonicalization.",
    ),
    // untestable: RecordData requires a RecordItem in the IODEF 1.0 schema, so a schema-valid
    // Request always has one.
    req(
        "RFC6545-9.1-timestamp-signature",
        Must,
        "A Request without RecordItem signs a RecordData/DateTime timestamp instead; IODEF 1.0 RecordData always holds a RecordItem, so the case cannot arise in a valid message.",
    )
    .tested(Testing::Untestable("RecordData requires a RecordItem in the IODEF 1.0 schema, so the case cannot occur")),
    // check: the message has a ds:Signature with a Reference URI="" and the enveloped-signature
    // transform, inside a ReportSchema/Signature element.
    req(
        "RFC6545-9.1-enveloped-signature",
        Must,
        "Every message carries an enveloped XML signature of the whole document in a Signature element (the RFC does not say where one goes in messages without ReportSchema).",
    )
    .tested(Testing::Pending(
        "XML Signature (RFC 6545 §9) is not implemented yet: an enveloped signature means something only once verified, and Acknowledgement and Query have no Signature element to hold one",
    )),
    // check: signature transforms that select part of the document use XPath Filter 2.0
    // (http://www.w3.org/2002/06/xmldsig-filter2), not the XPath 1.0 transform.
    req(
        "RFC6545-9.1-xpath",
        Must,
        "Signatures select the signed portion with XPath 2.0 filtering (as in the §7.1.1 example).",
    ),
    // check: no ds:Transform in the message uses the XSLT algorithm
    // (http://www.w3.org/TR/1999/REC-xslt-19991116).
    req("RFC6545-9.1-xslt", Must, "XSLT transforms in signatures are restricted; the validator reports any it finds."),
    // check: no element in clear text carries restriction="private"; when a RID class carries it,
    // XMLDocument holds xenc:EncryptedData instead of a clear IODEF document.
    req(
        "RFC6545-9.1-restriction-private",
        Must,
        "A class or document marked restriction private is XML-encrypted for the recipient, never sent in clear text.",
    ),
    // check: no element in clear text carries restriction="need-to-know"; when a RID class
    // carries it, XMLDocument holds xenc:EncryptedData instead of a clear IODEF document.
    req(
        "RFC6545-9.1-restriction-need-to-know",
        Must,
        "A class or document marked restriction need-to-know is XML-encrypted so that only need-to-know parties can read it.",
    ),
    // check: when a RID class carries restriction="public", XMLDocument holds a clear IODEF
    // document, not xenc:EncryptedData.
    req(
        "RFC6545-9.1-restriction-public",
        Must,
        "A class or document marked restriction public is sent in clear text.",
    ),
    // check: the enveloped signature of each message received verifies with the peer's X.509 v3
    // certificate, validated to a trusted root.
    req(
        "RFC6545-9.3.1-x509",
        Must,
        "Messages are authenticated by a signature made with an X.509 version 3 certificate from a trusted party.",
    )
    .tested(Testing::Scenario),
    // check: in a recorded trace, a forwarded Request keeps the originator's RecordItem(s) and
    // detached signature unchanged (the signature still verifies).
    req(
        "RFC6545-9.3.2-recorditem-unchanged",
        Must,
        "Forwarded Requests keep the original RecordItem and its detached signature unchanged, so every hop can verify the originator.",
    )
    .tested(Testing::Scenario),
    // untestable: national borders are not visible in a message.
    req("RFC6545-9.5-border", Must, "A trace that would break another country's laws stops at its border.")
        .tested(Testing::Untestable("national borders and laws are not visible in a message")),
    // check: no label of a NodeName in a RID message starts with xn-- (an A-label).
    req(
        "RFC6545-11-no-a-labels",
        Must,
        "Internationalised NodeName values use UTF-8 U-labels (or plain LDH labels), never xn-- A-labels.",
    ),
];
