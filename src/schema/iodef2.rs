//! IODEF 2.0 (RFC 7970): every class of section 3 and every data type of section 2.
//!
//! The content models follow the normative schema of RFC 7970 §8, because CI compares our
//! verdicts with a schema validator's. Where the prose of sections 2–3 says something else (a
//! different cardinality, a missing value, a required attribute the schema leaves optional), the
//! table still follows the schema and the particle or element carries a note saying how the prose
//! differs. Rules the schema cannot express at all live in the catalog as MUST/SHOULD entries.
//!
//! Layout mirrors the schema: five named complex types (shared by several elements), forty named
//! simple types, and one anonymous attribute type given a name that no document can refer to.

use super::model::Builtin::*;
use super::model::*;
use super::{iodef_enum, xmldsig};

/// The IODEF 2.0 namespace (RFC 7970 §4.2).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-2.0";

/// The IODEF-SCI namespace (RFC 7203), whose AttackPattern, Vulnerability and Weakness elements
/// the Method class aggregates (table in `schema/sci.rs`).
pub const SCI_NS: &str = super::sci::NS;

const fn i(name: &'static str) -> QRef {
    q(NS, name)
}

const fn ds(name: &'static str) -> QRef {
    q(xmldsig::NS, name)
}

const fn sci(name: &'static str) -> QRef {
    q(SCI_NS, name)
}

/// The IODEF 2.0 table.
pub static TABLE: Table = Table {
    id: "iodef-2.0",
    namespace: NS,
    prefix: "iodef",
    title: "IODEF 2.0 (RFC 7970)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: SIMPLE_TYPES,
    attributes: &[],
    datatypes: &[
        (DateTime, "RFC7970-2.7-datetime"),
        (Integer, "RFC7970-2.1-integer"),
        (Float, "RFC7970-2.2-real"),
        (String, "RFC7970-2.3-string"),
        (NmToken, "RFC7970-2.6-enum"),
        (AnyUri, "RFC7970-2.13-url"),
        (Id, "RFC7970-2.14-id"),
        (IdRef, "RFC7970-2.14-idref"),
    ],
    ext_value: Some(ExtValueRule {
        missing_ext: "RFC7970-5.1.1-ext-value-needs-ext-attribute",
        stray_ext: "RFC7970-5.1.1-ext-attribute-needs-ext-value",
    }),
};

// ---------------------------------------------------------------------------------------------
// Recurring attributes.

/// `restriction` (§3.3.1), without a default (only Incident has one).
const RESTRICTION: AttributeDecl = optional("restriction", st(i("restriction-type")));
/// `ext-restriction` (§5.1.1).
const EXT_RESTRICTION: AttributeDecl = ext("ext-restriction");
/// `observable-id` (§3.3.2).
const OBSERVABLE_ID: AttributeDecl = optional("observable-id", xs(Id));
/// `xml:lang` (§6).
const LANG: AttributeDecl = attr_ref(super::xmlns::LANG, Use::Optional);

/// An `ext-*` extension attribute (§5.1.1): always an optional free string.
const fn ext(name: &'static str) -> AttributeDecl {
    optional(name, xs(String))
}

/// An optional attribute of a named IODEF simple type.
const fn opt_enum(name: &'static str, ty: &'static str) -> AttributeDecl {
    optional(name, st(i(ty)))
}

/// A required attribute of a named IODEF simple type.
const fn req_enum(name: &'static str, ty: &'static str) -> AttributeDecl {
    required(name, st(i(ty)))
}

// ---------------------------------------------------------------------------------------------
// Prose/schema disagreements (one sentence each, attached to particles or elements).

const NOTE_DOCUMENT: &str = "§3.1 calls version Required (and §4.4 gives its value as \"2.0\") and §6 says every document MUST state its language, but the schema leaves both version and xml:lang optional.";
const NOTE_THREATACTOR_URL: &str =
    "§3.7 (text and figure) allows zero or more URL, but the schema requires at least one.";
const NOTE_CONTACT: &str = "§3.9 lists the role value \"vendor-support\", which the schema does not accept; the schema accepts \"vendor-services\" instead.";
const NOTE_REGISTRYHANDLE: &str = "§3.9.1 calls the registry attribute Required, but the schema makes it optional.";
const NOTE_DISCOVERY: &str = "§3.10 gives Discovery@source no default, while the schema defaults it to \"unknown\".";
const NOTE_SYSTEMIMPACT: &str =
    "§3.12.1 calls the type attribute Required (with a default of \"unknown\"), but the schema makes it optional.";
const NOTE_BUSINESSIMPACT: &str = "§3.12.2 calls the type attribute Required and gives severity a default of \"unknown\", but the schema makes type optional and gives severity no default.";
const NOTE_TIMEIMPACT: &str = "§3.12.3 types the content as any REAL and defaults duration to \"hour\", but the schema requires a number greater than zero and gives duration no default.";
const NOTE_MONETARYIMPACT: &str =
    "§3.12.4 types the content as any REAL, but the schema requires a number greater than zero.";
const NOTE_CONFIDENCE: &str = "§3.12.5 gives Confidence REAL content when rating is \"numeric\", but the schema declares it empty, so no number can be carried at all.";
const NOTE_HISTORYITEM: &str = "§3.13.1 reuses the Expectation@action values of §3.15, which include \"training\", but the schema's action list has no \"training\".";
const NOTE_EVENTDATA: &str = "§3.14 defaults restriction to \"default\" here, while the schema gives it no default.";
const NOTE_EXPECTATION: &str = "§3.15 lists the action value \"training\" and defaults restriction to \"default\", but the schema accepts no \"training\" and gives restriction no default.";
const NOTE_NODE_POSTAL: &str = "§3.18 types Node's PostalAddress as a plain POSTAL string, but the schema reuses the PostalAddress class of §3.9.2 (a PAddress child plus Descriptions).";
const NOTE_ADDRESS: &str = "§3.18.1 calls the category attribute Required (with a default of \"ipv6-addr\"), but the schema makes it optional.";
const NOTE_COUNTER: &str = "§3.18.3 lists the type values \"count\", \"peak\", \"average\" and \"ext-value\", but the schema accepts \"counter\", \"rate\", \"average\" and \"ext-value\".";
const NOTE_DOMAINDATA: &str =
    "§3.19 calls system-status and domain-status Required, but the schema makes both optional.";
const NOTE_SERVICE_ORDER: &str =
    "§3.20 lists ProtoCode before ProtoType, but the schema requires ProtoType to come first.";
const NOTE_RECORDDATA_FILEDATA: &str =
    "§3.22.1 text says zero or one FileData (its figure says zero or more), and the schema allows any number.";
const NOTE_RECORDPATTERN: &str =
    "§3.22.2 gives the required type attribute a default of \"regex\", which the schema does not declare.";
const NOTE_KEY_VALUE: &str = "§3.23.1 names this child KeyValue, but the schema calls it Value.";
const NOTE_ALT_INDICATOR_ID: &str = "§3.29.2 says AlternativeIndicatorID holds one or more IndicatorReference, but the schema requires one or more IndicatorID instead.";
const NOTE_BULKOBSERVABLE: &str = "§3.29.3.1 makes the type attribute optional and lists \"ext-value\" among its values, but the schema requires type and does not accept \"ext-value\".";
const NOTE_BULKOBSERVABLELIST: &str = "§3.29.3.1 types BulkObservableList as a STRING, but inside BulkObservable the schema declares it without a type (any content), leaving the string-typed global declaration unused.";
const NOTE_INDICATOREXPRESSION: &str = "§3.29.4 makes every child optional with at most one Confidence, but the schema requires at least one operand and allows a Confidence and AdditionalData after each operand.";
const NOTE_ATTACKPHASE_URL: &str =
    "§3.29.8 (text and figure) allows zero or more URL, but the schema requires at least one.";
const NOTE_SOFTWAREREFERENCE: &str = "§2.15.1 lets the content be a string, number or bytes as dtype says (default \"string\"), but the schema allows only child elements there and gives dtype no default.";

// ---------------------------------------------------------------------------------------------
// Local element declarations (elementFormDefault is qualified, so they are in the IODEF
// namespace).

// §3.10.1
static DETECTION_CONFIGURATION: ElementDecl =
    element_simple("DetectionConfiguration", "RFC7970-3.10.1-detectionconfiguration", xs(String));

// §3.17
static ASSET_ID: ElementDecl = element_simple("AssetID", "RFC7970-3.17-assetid", xs(String));

// §3.29.3.1: declared inside BulkObservable without a type, i.e. xs:anyType.
static BULK_OBSERVABLE_LIST_LOCAL: ElementDecl = element(
    "BulkObservableList",
    "RFC7970-3.29.3.1-bulkobservablelist",
    Content::Mixed(any(NsConstraint::Any, Process::Lax, 0, None)),
    // xs:anyType: any attribute too.
    &[any_attribute()],
)
.with_note(NOTE_BULKOBSERVABLELIST);

// ---------------------------------------------------------------------------------------------
// Global element declarations, in the order of the schema.

static ELEMENTS: &[ElementDecl] = &[
    // §3.1
    element(
        "IODEF-Document",
        "RFC7970-3.1-iodef-document",
        Content::Elements(seq(&[some(i("Incident")), many(i("AdditionalData"))])),
        &[
            optional("version", xs(String)).fixed("2.00"),
            LANG,
            optional("format-id", xs(String)),
            optional("private-enum-name", xs(String)),
            optional("private-enum-id", xs(String)),
        ],
    )
    .with_note(NOTE_DOCUMENT),
    // §3.2
    element(
        "Incident",
        "RFC7970-3.2-incident",
        Content::Elements(seq(&[
            one(i("IncidentID")),
            opt(i("AlternativeID")),
            many(i("RelatedActivity")),
            opt(i("DetectTime")),
            opt(i("StartTime")),
            opt(i("EndTime")),
            opt(i("RecoveryTime")),
            opt(i("ReportTime")),
            one(i("GenerationTime")),
            many(i("Description")),
            many(i("Discovery")),
            many(i("Assessment")),
            many(i("Method")),
            some(i("Contact")),
            many(i("EventData")),
            opt(i("IndicatorData")),
            opt(i("History")),
            many(i("AdditionalData")),
        ])),
        &[
            req_enum("purpose", "incident-purpose-type"),
            ext("ext-purpose"),
            opt_enum("status", "incident-status-type"),
            ext("ext-status"),
            LANG,
            RESTRICTION.default("private"),
            EXT_RESTRICTION,
            OBSERVABLE_ID,
        ],
    ),
    // §3.4
    element_of("IncidentID", "RFC7970-3.4-incidentid", i("IncidentIDType")),
    // §3.5
    element(
        "AlternativeID",
        "RFC7970-3.5-alternativeid",
        Content::Elements(seq(&[some(i("IncidentID"))])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.6
    element(
        "RelatedActivity",
        "RFC7970-3.6-relatedactivity",
        Content::Elements(seq(&[
            many(i("IncidentID")),
            many(i("URL")),
            many(i("ThreatActor")),
            many(i("Campaign")),
            many(i("IndicatorID")),
            opt(i("Confidence")),
            many(i("Description")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.7
    element(
        "ThreatActor",
        "RFC7970-3.7-threatactor",
        Content::Elements(seq(&[
            many(i("ThreatActorID")),
            some(i("URL")).note(NOTE_THREATACTOR_URL),
            many(i("Description")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.7
    element_simple("ThreatActorID", "RFC7970-3.7-threatactorid", xs(String)),
    // §3.8
    element(
        "Campaign",
        "RFC7970-3.8-campaign",
        Content::Elements(seq(&[
            many(i("CampaignID")),
            many(i("URL")),
            many(i("Description")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.8
    element_simple("CampaignID", "RFC7970-3.8-campaignid", xs(String)),
    // §3.9
    element(
        "Contact",
        "RFC7970-3.9-contact",
        Content::Elements(seq(&[
            many(i("ContactName")),
            many(i("ContactTitle")),
            many(i("Description")),
            many(i("RegistryHandle")),
            many(i("PostalAddress")),
            many(i("Email")),
            many(i("Telephone")),
            opt(i("Timezone")),
            many(i("Contact")),
            many(i("AdditionalData")),
        ])),
        &[
            req_enum("role", "contact-role-type"),
            ext("ext-role"),
            req_enum("type", "contact-type-type"),
            ext("ext-type"),
            RESTRICTION,
            EXT_RESTRICTION,
        ],
    )
    .with_note(NOTE_CONTACT),
    // §3.9
    element_of("ContactName", "RFC7970-3.9-contactname", i("MLStringType")),
    // §3.9
    element_of("ContactTitle", "RFC7970-3.9-contacttitle", i("MLStringType")),
    // §3.9.1
    element(
        "RegistryHandle",
        "RFC7970-3.9.1-registryhandle",
        Content::Simple(xs(String)),
        &[opt_enum("registry", "registryhandle-registry-type"), ext("ext-registry")],
    )
    .with_note(NOTE_REGISTRYHANDLE),
    // §3.9.2
    element(
        "PostalAddress",
        "RFC7970-3.9.2-postaladdress",
        Content::Elements(seq(&[one(i("PAddress")), many(i("Description"))])),
        &[opt_enum("type", "postaladdress-type-type"), ext("ext-type")],
    ),
    // §3.9.2
    element_of("PAddress", "RFC7970-3.9.2-paddress", i("MLStringType")),
    // §3.9.4
    element(
        "Telephone",
        "RFC7970-3.9.4-telephone",
        Content::Elements(seq(&[one(i("TelephoneNumber")), many(i("Description"))])),
        &[opt_enum("type", "telephone-type-type"), ext("ext-type")],
    ),
    // §3.9.4
    element_simple("TelephoneNumber", "RFC7970-3.9.4-telephonenumber", xs(String)),
    // §3.9.3
    element(
        "Email",
        "RFC7970-3.9.3-email",
        Content::Elements(seq(&[one(i("EmailTo")), many(i("Description"))])),
        &[opt_enum("type", "email-type-type"), ext("ext-type")],
    ),
    // §3.13.1
    element_simple("DateTime", "RFC7970-3.13.1-datetime", xs(DateTime)),
    // §3.2
    element_simple("ReportTime", "RFC7970-3.2-reporttime", xs(DateTime)),
    // §3.2
    element_simple("DetectTime", "RFC7970-3.2-detecttime", xs(DateTime)),
    // §3.2
    element_simple("StartTime", "RFC7970-3.2-starttime", xs(DateTime)),
    // §3.2
    element_simple("EndTime", "RFC7970-3.2-endtime", xs(DateTime)),
    // §3.2
    element_simple("RecoveryTime", "RFC7970-3.2-recoverytime", xs(DateTime)),
    // §3.2
    element_simple("GenerationTime", "RFC7970-3.2-generationtime", xs(DateTime)),
    // §3.9
    element_of("Timezone", "RFC7970-3.9-timezone", i("TimezoneType")),
    // §3.13
    element(
        "History",
        "RFC7970-3.13-history",
        Content::Elements(seq(&[some(i("HistoryItem"))])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.13.1
    element(
        "HistoryItem",
        "RFC7970-3.13.1-historyitem",
        Content::Elements(seq(&[
            one(i("DateTime")),
            opt(i("IncidentID")),
            opt(i("Contact")),
            many(i("Description")),
            many(i("DefinedCOA")),
            many(i("AdditionalData")),
        ])),
        &[req_enum("action", "action-type"), ext("ext-action"), RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    )
    .with_note(NOTE_HISTORYITEM),
    // §3.13.1
    element_simple("DefinedCOA", "RFC7970-3.13.1-definedcoa", xs(String)),
    // §3.15
    element(
        "Expectation",
        "RFC7970-3.15-expectation",
        Content::Elements(seq(&[
            many(i("Description")),
            many(i("DefinedCOA")),
            opt(i("StartTime")),
            opt(i("EndTime")),
            opt(i("Contact")),
        ])),
        &[
            opt_enum("action", "action-type").default("other"),
            ext("ext-action"),
            opt_enum("severity", "severity-type"),
            RESTRICTION,
            EXT_RESTRICTION,
            OBSERVABLE_ID,
        ],
    )
    .with_note(NOTE_EXPECTATION),
    // §3.10
    element(
        "Discovery",
        "RFC7970-3.10-discovery",
        Content::Elements(seq(&[many(i("Description")), many(i("Contact")), many(i("DetectionPattern"))])),
        &[
            opt_enum("source", "discovery-source-type").default("unknown"),
            ext("ext-source"),
            RESTRICTION,
            EXT_RESTRICTION,
        ],
    )
    .with_note(NOTE_DISCOVERY),
    // §3.10.1
    element(
        "DetectionPattern",
        "RFC7970-3.10.1-detectionpattern",
        Content::Elements(seq(&[
            one(i("Application")),
            many(i("Description")),
            local(NS, &DETECTION_CONFIGURATION, 0, None),
        ])),
        &[RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    ),
    // §3.11
    element(
        "Method",
        "RFC7970-3.11-method",
        Content::Elements(seq(&[
            many(i("Reference")),
            many(i("Description")),
            many(sci("AttackPattern")),
            many(sci("Vulnerability")),
            many(sci("Weakness")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.11.1
    element(
        "Reference",
        "RFC7970-3.11.1-reference",
        Content::Elements(seq(&[opt(q(iodef_enum::NS, "ReferenceName")), many(i("URL")), many(i("Description"))])),
        &[OBSERVABLE_ID],
    ),
    // §3.12
    element(
        "Assessment",
        "RFC7970-3.12-assessment",
        Content::Elements(seq(&[
            many(i("IncidentCategory")),
            choice(&[
                one(i("SystemImpact")),
                one(i("BusinessImpact")),
                one(i("TimeImpact")),
                one(i("MonetaryImpact")),
                one(i("IntendedImpact")),
            ])
            .times(1, None),
            many(i("Counter")),
            many(i("MitigatingFactor")),
            many(i("Cause")),
            opt(i("Confidence")),
            many(i("AdditionalData")),
        ])),
        &[opt_enum("occurrence", ASSESSMENT_OCCURRENCE), RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    ),
    // §3.12
    element_of("IncidentCategory", "RFC7970-3.12-incidentcategory", i("MLStringType")),
    // §3.12.2
    element_of("BusinessImpact", "RFC7970-3.12.2-businessimpact", i("BusinessImpactType"))
        .with_note(NOTE_BUSINESSIMPACT),
    // §3.12
    element_of("IntendedImpact", "RFC7970-3.12-intendedimpact", i("BusinessImpactType")).with_note(NOTE_BUSINESSIMPACT),
    // §3.12
    element_of("MitigatingFactor", "RFC7970-3.12-mitigatingfactor", i("MLStringType")),
    // §3.12
    element_of("Cause", "RFC7970-3.12-cause", i("MLStringType")),
    // §3.12.1
    element(
        "SystemImpact",
        "RFC7970-3.12.1-systemimpact",
        Content::Elements(seq(&[many(i("Description"))])),
        &[
            opt_enum("severity", "severity-type"),
            opt_enum("completion", "systemimpact-completion-type"),
            opt_enum("type", "systemimpact-type-type").default("unknown"),
            ext("ext-type"),
        ],
    )
    .with_note(NOTE_SYSTEMIMPACT),
    // §3.12.3
    element(
        "TimeImpact",
        "RFC7970-3.12.3-timeimpact",
        Content::Simple(st(i("PositiveFloatType"))),
        &[
            opt_enum("severity", "severity-type"),
            req_enum("metric", "timeimpact-metric-type"),
            ext("ext-metric"),
            opt_enum("duration", "duration-type"),
            ext("ext-duration"),
        ],
    )
    .with_note(NOTE_TIMEIMPACT),
    // §3.12.4
    element(
        "MonetaryImpact",
        "RFC7970-3.12.4-monetaryimpact",
        Content::Simple(st(i("PositiveFloatType"))),
        &[opt_enum("severity", "severity-type"), optional("currency", xs(String))],
    )
    .with_note(NOTE_MONETARYIMPACT),
    // §3.12.5
    element(
        "Confidence",
        "RFC7970-3.12.5-confidence",
        Content::Empty,
        &[req_enum("rating", "confidence-rating-type"), ext("ext-rating")],
    )
    .with_note(NOTE_CONFIDENCE),
    // §3.14
    element(
        "EventData",
        "RFC7970-3.14-eventdata",
        Content::Elements(seq(&[
            many(i("Description")),
            opt(i("DetectTime")),
            opt(i("StartTime")),
            opt(i("EndTime")),
            opt(i("RecoveryTime")),
            opt(i("ReportTime")),
            many(i("Contact")),
            many(i("Discovery")),
            opt(i("Assessment")),
            many(i("Method")),
            many(i("Flow")),
            many(i("Expectation")),
            opt(i("Record")),
            many(i("EventData")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    )
    .with_note(NOTE_EVENTDATA),
    // §3.16
    element("Flow", "RFC7970-3.16-flow", Content::Elements(seq(&[some(i("System"))])), &[]),
    // §3.17
    element(
        "System",
        "RFC7970-3.17-system",
        Content::Elements(seq(&[
            one(i("Node")),
            many(i("NodeRole")),
            many(i("Service")),
            many(i("OperatingSystem")),
            many(i("Counter")),
            local(NS, &ASSET_ID, 0, None),
            many(i("Description")),
            many(i("AdditionalData")),
        ])),
        &[
            opt_enum("category", "system-category-type"),
            ext("ext-category"),
            optional("interface", xs(String)),
            opt_enum("spoofed", "yes-no-unknown-type").default("unknown"),
            opt_enum("virtual", "yes-no-unknown-type").default("unknown"),
            opt_enum("ownership", "system-ownership-type"),
            ext("ext-ownership"),
            RESTRICTION,
            EXT_RESTRICTION,
            OBSERVABLE_ID,
        ],
    ),
    // §3.17
    element_of("OperatingSystem", "RFC7970-3.17-operatingsystem", i("SoftwareType")),
    // §3.18
    element(
        "Node",
        "RFC7970-3.18-node",
        Content::Elements(seq(&[
            // The schema writes (DomainData* | Address*)+; this is the same language, any mix of
            // the two (none at all included), written so that no element can be matched by two
            // copies of one particle: the engine's determinism check counts such copies apart.
            choice(&[one(i("DomainData")), one(i("Address"))]).times(0, None),
            opt(i("PostalAddress")).note(NOTE_NODE_POSTAL),
            many(i("Location")),
            many(i("Counter")),
        ])),
        &[],
    ),
    // §3.18.1
    element(
        "Address",
        "RFC7970-3.18.1-address",
        Content::Simple(xs(String)),
        &[
            opt_enum("category", "address-category-type").default("ipv6-addr"),
            ext("ext-category"),
            optional("vlan-name", xs(String)),
            optional("vlan-num", xs(Integer)),
            OBSERVABLE_ID,
        ],
    )
    .with_note(NOTE_ADDRESS),
    // §3.18
    element_of("Location", "RFC7970-3.18-location", i("MLStringType")),
    // §3.18.2
    element(
        "NodeRole",
        "RFC7970-3.18.2-noderole",
        Content::Elements(seq(&[many(i("Description"))])),
        &[req_enum("category", "noderole-category-type"), ext("ext-category")],
    ),
    // §3.20
    element(
        "Service",
        "RFC7970-3.20-service",
        Content::Elements(seq(&[
            opt(i("ServiceName")),
            opt(i("Port")),
            opt(i("Portlist")),
            opt(i("ProtoType")).note(NOTE_SERVICE_ORDER),
            opt(i("ProtoCode")).note(NOTE_SERVICE_ORDER),
            opt(i("ProtoField")),
            opt(i("ApplicationHeader")),
            opt(i("EmailData")),
            opt(i("Application")),
        ])),
        &[optional("ip-protocol", xs(Integer)), OBSERVABLE_ID],
    ),
    // §3.20
    element_simple("Port", "RFC7970-3.20-port", xs(Integer)),
    // §3.20
    element_of("Portlist", "RFC7970-3.20-portlist", i("PortlistType")),
    // §3.20
    element_simple("ProtoType", "RFC7970-3.20-prototype", xs(Integer)),
    // §3.20
    element_simple("ProtoCode", "RFC7970-3.20-protocode", xs(Integer)),
    // §3.20
    element_simple("ProtoField", "RFC7970-3.20-protofield", xs(Integer)),
    // §3.20.2
    element(
        "ApplicationHeader",
        "RFC7970-3.20.2-applicationheader",
        Content::Elements(seq(&[some(i("ApplicationHeaderField"))])),
        &[],
    ),
    // §3.20.2
    element_of("ApplicationHeaderField", "RFC7970-3.20.2-applicationheaderfield", i("ExtensionType")),
    // §3.20.1
    element(
        "ServiceName",
        "RFC7970-3.20.1-servicename",
        Content::Elements(seq(&[opt(i("IANAService")), many(i("URL")), many(i("Description"))])),
        &[],
    ),
    // §3.20.1
    element_simple("IANAService", "RFC7970-3.20.1-ianaservice", xs(String)),
    // §3.20
    element_of("Application", "RFC7970-3.20-application", i("SoftwareType")),
    // §3.18.3
    element(
        "Counter",
        "RFC7970-3.18.3-counter",
        Content::Simple(xs(Float)),
        &[
            req_enum("type", "counter-type-type"),
            ext("ext-type"),
            req_enum("unit", "counter-unit-type"),
            ext("ext-unit"),
            optional("meaning", xs(String)),
            opt_enum("duration", "duration-type"),
            ext("ext-duration"),
        ],
    )
    .with_note(NOTE_COUNTER),
    // §3.21
    element(
        "EmailData",
        "RFC7970-3.21-emaildata",
        Content::Elements(seq(&[
            many(i("EmailTo")),
            opt(i("EmailFrom")),
            opt(i("EmailSubject")),
            opt(i("EmailX-Mailer")),
            many(i("EmailHeaderField")),
            opt(i("EmailHeaders")),
            opt(i("EmailBody")),
            opt(i("EmailMessage")),
            many(i("HashData")),
            many(i("SignatureData")),
        ])),
        &[OBSERVABLE_ID],
    ),
    // §3.9.3
    element_simple("EmailTo", "RFC7970-3.9.3-emailto", xs(String)),
    // §3.21
    element_simple("EmailFrom", "RFC7970-3.21-emailfrom", xs(String)),
    // §3.21
    element_simple("EmailSubject", "RFC7970-3.21-emailsubject", xs(String)),
    // §3.21
    element_simple("EmailX-Mailer", "RFC7970-3.21-emailx-mailer", xs(String)),
    // §3.21
    element_of("EmailHeaderField", "RFC7970-3.21-emailheaderfield", i("ExtensionType")),
    // §3.21
    element_simple("EmailHeaders", "RFC7970-3.21-emailheaders", xs(String)),
    // §3.21
    element_simple("EmailBody", "RFC7970-3.21-emailbody", xs(String)),
    // §3.21
    element_simple("EmailMessage", "RFC7970-3.21-emailmessage", xs(String)),
    // §3.19
    element(
        "DomainData",
        "RFC7970-3.19-domaindata",
        Content::Elements(seq(&[
            one(i("Name")),
            opt(i("DateDomainWasChecked")),
            opt(i("RegistrationDate")),
            opt(i("ExpirationDate")),
            many(i("RelatedDNS")),
            many(i("Nameservers")),
            opt(i("DomainContacts")),
        ])),
        &[
            opt_enum("system-status", "domaindata-system-status-type"),
            ext("ext-system-status"),
            opt_enum("domain-status", "domaindata-domain-status-type"),
            ext("ext-domain-status"),
            OBSERVABLE_ID,
        ],
    )
    .with_note(NOTE_DOMAINDATA),
    // §3.19
    element_simple("Name", "RFC7970-3.19-name", xs(String)),
    // §3.19
    element_simple("DateDomainWasChecked", "RFC7970-3.19-datedomainwaschecked", xs(DateTime)),
    // §3.19
    element_simple("RegistrationDate", "RFC7970-3.19-registrationdate", xs(DateTime)),
    // §3.19
    element_simple("ExpirationDate", "RFC7970-3.19-expirationdate", xs(DateTime)),
    // §3.19
    element_of("RelatedDNS", "RFC7970-3.19-relateddns", i("ExtensionType")),
    // §3.19.1
    element(
        "Nameservers",
        "RFC7970-3.19.1-nameservers",
        Content::Elements(seq(&[one(i("Server")), some(i("Address"))])),
        &[],
    ),
    // §3.19.1
    element_simple("Server", "RFC7970-3.19.1-server", xs(String)),
    // §3.19.2
    element(
        "DomainContacts",
        "RFC7970-3.19.2-domaincontacts",
        Content::Elements(choice(&[one(i("SameDomainContact")), some(i("Contact"))])),
        &[],
    ),
    // §3.19.2
    element_simple("SameDomainContact", "RFC7970-3.19.2-samedomaincontact", xs(String)),
    // §3.22
    element(
        "Record",
        "RFC7970-3.22-record",
        Content::Elements(seq(&[some(i("RecordData"))])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.22.1
    element(
        "RecordData",
        "RFC7970-3.22.1-recorddata",
        Content::Elements(seq(&[
            opt(i("DateTime")),
            many(i("Description")),
            opt(i("Application")),
            many(i("RecordPattern")),
            many(i("RecordItem")),
            many(i("URL")),
            many(i("FileData")).note(NOTE_RECORDDATA_FILEDATA),
            many(i("WindowsRegistryKeysModified")),
            many(i("CertificateData")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    ),
    // §3.22.2
    element(
        "RecordPattern",
        "RFC7970-3.22.2-recordpattern",
        Content::Simple(xs(String)),
        &[
            req_enum("type", "recordpattern-type-type"),
            ext("ext-type"),
            optional("offset", xs(Integer)),
            opt_enum("offsetunit", "recordpattern-offsetunit-type").default("line"),
            ext("ext-offsetunit"),
            optional("instance", xs(Integer)),
        ],
    )
    .with_note(NOTE_RECORDPATTERN),
    // §3.22.1
    element_of("RecordItem", "RFC7970-3.22.1-recorditem", i("ExtensionType")),
    // §3.23
    element(
        "WindowsRegistryKeysModified",
        "RFC7970-3.23-windowsregistrykeysmodified",
        Content::Elements(seq(&[some(i("Key"))])),
        &[OBSERVABLE_ID],
    ),
    // §3.23.1
    element(
        "Key",
        "RFC7970-3.23.1-key",
        Content::Elements(seq(&[one(i("KeyName")), opt(i("Value")).note(NOTE_KEY_VALUE)])),
        &[opt_enum("registryaction", "key-registryaction-type"), ext("ext-registryaction"), OBSERVABLE_ID],
    ),
    // §3.23.1
    element_simple("KeyName", "RFC7970-3.23.1-keyname", xs(String)),
    // §3.23.1
    element_simple("Value", "RFC7970-3.23.1-value", xs(String)).with_note(NOTE_KEY_VALUE),
    // §3.25
    element(
        "FileData",
        "RFC7970-3.25-filedata",
        Content::Elements(seq(&[some(i("File"))])),
        &[RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    ),
    // §3.25.1
    element(
        "File",
        "RFC7970-3.25.1-file",
        Content::Elements(seq(&[
            opt(i("FileName")),
            opt(i("FileSize")),
            opt(i("FileType")),
            many(i("URL")),
            opt(i("HashData")),
            opt(i("SignatureData")),
            opt(i("AssociatedSoftware")),
            many(i("FileProperties")),
        ])),
        &[OBSERVABLE_ID],
    ),
    // §3.25.1
    element_simple("FileName", "RFC7970-3.25.1-filename", xs(String)),
    // §3.25.1
    element_simple("FileSize", "RFC7970-3.25.1-filesize", xs(Integer)),
    // §3.25.1
    element_simple("FileType", "RFC7970-3.25.1-filetype", xs(String)),
    // §3.25.1
    element_of("AssociatedSoftware", "RFC7970-3.25.1-associatedsoftware", i("SoftwareType")),
    // §3.25.1
    element_of("FileProperties", "RFC7970-3.25.1-fileproperties", i("ExtensionType")),
    // §3.26
    element(
        "HashData",
        "RFC7970-3.26-hashdata",
        Content::Elements(seq(&[opt(i("HashTargetID")), many(i("Hash")), many(i("FuzzyHash"))])),
        &[req_enum("scope", "hashdata-scope-type"), ext("ext-scope")],
    ),
    // §3.26
    element_simple("HashTargetID", "RFC7970-3.26-hashtargetid", xs(String)),
    // §3.26.1
    element(
        "Hash",
        "RFC7970-3.26.1-hash",
        Content::Elements(seq(&[
            one(ds("DigestMethod")),
            one(ds("DigestValue")),
            opt(ds("CanonicalizationMethod")),
            opt(i("Application")),
        ])),
        &[],
    ),
    // §3.26.2
    element(
        "FuzzyHash",
        "RFC7970-3.26.2-fuzzyhash",
        Content::Elements(seq(&[some(i("FuzzyHashValue")), opt(i("Application")), many(i("AdditionalData"))])),
        &[],
    ),
    // §3.26.2
    element_of("FuzzyHashValue", "RFC7970-3.26.2-fuzzyhashvalue", i("ExtensionType")),
    // §3.27
    element("SignatureData", "RFC7970-3.27-signaturedata", Content::Elements(seq(&[some(ds("Signature"))])), &[]),
    // §3.24
    element(
        "CertificateData",
        "RFC7970-3.24-certificatedata",
        Content::Elements(seq(&[some(i("Certificate"))])),
        &[RESTRICTION, EXT_RESTRICTION, OBSERVABLE_ID],
    ),
    // §3.24.1
    element(
        "Certificate",
        "RFC7970-3.24.1-certificate",
        Content::Elements(seq(&[one(ds("X509Data")), many(i("Description"))])),
        &[OBSERVABLE_ID],
    ),
    // §3.28
    element("IndicatorData", "RFC7970-3.28-indicatordata", Content::Elements(seq(&[some(i("Indicator"))])), &[]),
    // §3.29
    element(
        "Indicator",
        "RFC7970-3.29-indicator",
        Content::Elements(seq(&[
            one(i("IndicatorID")),
            many(i("AlternativeIndicatorID")),
            many(i("Description")),
            opt(i("StartTime")),
            opt(i("EndTime")),
            opt(i("Confidence")),
            many(i("Contact")),
            choice(&[
                one(i("Observable")),
                one(i("ObservableReference")),
                one(i("IndicatorExpression")),
                one(i("IndicatorReference")),
            ]),
            many(i("NodeRole")),
            many(i("AttackPhase")),
            many(i("Reference")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.29.1
    element(
        "IndicatorID",
        "RFC7970-3.29.1-indicatorid",
        Content::Simple(xs(Id)),
        &[required("name", xs(String)), required("version", xs(String))],
    ),
    // §3.29.2
    element(
        "AlternativeIndicatorID",
        "RFC7970-3.29.2-alternativeindicatorid",
        Content::Elements(seq(&[some(i("IndicatorID")).note(NOTE_ALT_INDICATOR_ID)])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.29.3
    element(
        "Observable",
        "RFC7970-3.29.3-observable",
        Content::Elements(choice(&[
            opt(i("System")),
            opt(i("Address")),
            opt(i("DomainData")),
            opt(i("Service")),
            opt(i("EmailData")),
            opt(i("WindowsRegistryKeysModified")),
            opt(i("FileData")),
            opt(i("CertificateData")),
            opt(i("RegistryHandle")),
            opt(i("RecordData")),
            opt(i("EventData")),
            opt(i("Incident")),
            opt(i("Expectation")),
            opt(i("Reference")),
            opt(i("Assessment")),
            opt(i("DetectionPattern")),
            opt(i("HistoryItem")),
            opt(i("BulkObservable")),
            many(i("AdditionalData")),
        ])),
        &[RESTRICTION, EXT_RESTRICTION],
    ),
    // §3.29.3.1
    element(
        "BulkObservable",
        "RFC7970-3.29.3.1-bulkobservable",
        Content::Elements(seq(&[
            opt(i("BulkObservableFormat")),
            local(NS, &BULK_OBSERVABLE_LIST_LOCAL, 1, Some(1)),
            many(i("AdditionalData")),
        ])),
        &[req_enum("type", "bulkobservable-type-type"), ext("ext-type")],
    )
    .with_note(NOTE_BULKOBSERVABLE),
    // §3.29.3.1.1
    element(
        "BulkObservableFormat",
        "RFC7970-3.29.3.1.1-bulkobservableformat",
        Content::Elements(seq(&[opt(i("Hash")), many(i("AdditionalData"))])),
        &[],
    ),
    // §3.29.3.1 (global declaration; BulkObservable uses its own local one)
    element_simple("BulkObservableList", "RFC7970-3.29.3.1-bulkobservablelist", xs(String)),
    // §3.29.4
    element(
        "IndicatorExpression",
        "RFC7970-3.29.4-indicatorexpression",
        Content::Elements(
            seq(&[
                choice(&[
                    one(i("IndicatorExpression")),
                    one(i("Observable")),
                    one(i("ObservableReference")),
                    one(i("IndicatorReference")),
                ]),
                opt(i("Confidence")),
                many(i("AdditionalData")),
            ])
            .times(1, None),
        ),
        &[opt_enum("operator", "indicatorexpression-operator-type").default("and"), ext("ext-operator")],
    )
    .with_note(NOTE_INDICATOREXPRESSION),
    // §3.29.6
    element(
        "ObservableReference",
        "RFC7970-3.29.6-observablereference",
        Content::Empty,
        &[required("uid-ref", xs(IdRef))],
    ),
    // §3.29.7
    element(
        "IndicatorReference",
        "RFC7970-3.29.7-indicatorreference",
        Content::Empty,
        &[optional("uid-ref", xs(IdRef)), optional("euid-ref", xs(String)), optional("version", xs(String))],
    ),
    // §3.29.8
    element(
        "AttackPhase",
        "RFC7970-3.29.8-attackphase",
        Content::Elements(seq(&[
            many(i("AttackPhaseID")),
            some(i("URL")).note(NOTE_ATTACKPHASE_URL),
            many(i("Description")),
            many(i("AdditionalData")),
        ])),
        &[],
    ),
    // §3.29.8
    element_simple("AttackPhaseID", "RFC7970-3.29.8-attackphaseid", xs(String)),
    // §2.16
    element_of("AdditionalData", "RFC7970-2.16-additionaldata", i("ExtensionType")),
    // §2.4
    element_of("Description", "RFC7970-2.4-description", i("MLStringType")),
    // §2.13
    element_simple("URL", "RFC7970-2.13-url", xs(AnyUri)),
    // §2.15.1
    element(
        "SoftwareReference",
        "RFC7970-2.15.1-softwarereference",
        Content::Elements(seq(&[any(NsConstraint::Any, Process::Lax, 0, None)])),
        &[
            req_enum("spec-name", "softwarereference-spec-name-type"),
            ext("ext-spec-name"),
            opt_enum("dtype", "softwarereference-dtype-type"),
            ext("ext-dtype"),
        ],
    )
    .with_note(NOTE_SOFTWAREREFERENCE),
];

// ---------------------------------------------------------------------------------------------
// Named complex types.

static COMPLEX_TYPES: &[NamedComplexType] = &[
    // §3.4
    NamedComplexType {
        name: "IncidentIDType",
        ty: ComplexType {
            content: Content::Simple(xs(String)),
            attributes: &[required("name", xs(String)), optional("instance", xs(String)), RESTRICTION, EXT_RESTRICTION],
        },
    },
    // §3.12.2 (BusinessImpact and IntendedImpact)
    NamedComplexType {
        name: "BusinessImpactType",
        ty: ComplexType {
            content: Content::Elements(seq(&[many(i("Description"))])),
            attributes: &[
                opt_enum("severity", "businessimpact-severity-type"),
                ext("ext-severity"),
                opt_enum("type", "businessimpact-type-type").default("unknown"),
                ext("ext-type"),
            ],
        },
    },
    // §2.4
    NamedComplexType {
        name: "MLStringType",
        ty: ComplexType {
            content: Content::Simple(xs(String)),
            attributes: &[optional("translation-id", xs(String)), LANG],
        },
    },
    // §2.16
    NamedComplexType {
        name: "ExtensionType",
        ty: ComplexType {
            content: Content::Mixed(seq(&[any(NsConstraint::Any, Process::Lax, 0, None)])),
            attributes: &[
                optional("name", xs(String)),
                req_enum("dtype", "dtype-type"),
                ext("ext-dtype"),
                optional("meaning", xs(String)),
                optional("formatid", xs(String)),
                RESTRICTION,
                EXT_RESTRICTION,
                OBSERVABLE_ID,
            ],
        },
    },
    // §2.15
    NamedComplexType {
        name: "SoftwareType",
        ty: ComplexType {
            content: Content::Elements(seq(&[opt(i("SoftwareReference")), many(i("URL")), many(i("Description"))])),
            attributes: &[],
        },
    },
];

// ---------------------------------------------------------------------------------------------
// Named simple types.

/// The schema declares Assessment@occurrence with an anonymous type; the model names every
/// attribute type, so it gets a name that is not an NCName and so can never be referred to from a
/// document (e.g. by `xsi:type`).
const ASSESSMENT_OCCURRENCE: &str = "Assessment@occurrence";

static SIMPLE_TYPES: &[SimpleType] = &[
    // §3.2
    enumeration(
        "incident-purpose-type",
        "RFC7970-3.2-incident-purpose",
        NmToken,
        &["traceback", "mitigation", "reporting", "watch", "other", "ext-value"],
    ),
    // §3.2
    enumeration(
        "incident-status-type",
        "RFC7970-3.2-incident-status",
        NmToken,
        &["new", "in-progress", "forwarded", "resolved", "future", "ext-value"],
    ),
    // §3.9
    enumeration(
        "contact-role-type",
        "RFC7970-3.9-contact-role",
        NmToken,
        &[
            "creator",
            "reporter",
            "admin",
            "tech",
            "provider",
            "user",
            "billing",
            "legal",
            "abuse",
            "irt",
            "cc",
            "cc-irt",
            "leo",
            "vendor",
            "vendor-services",
            "victim",
            "victim-notified",
            "ext-value",
        ],
    ),
    // §3.9
    enumeration("contact-type-type", "RFC7970-3.9-contact-type", NmToken, &["person", "organization", "ext-value"]),
    // §3.9.1
    enumeration(
        "registryhandle-registry-type",
        "RFC7970-3.9.1-registryhandle-registry",
        NmToken,
        &["internic", "apnic", "arin", "lacnic", "ripe", "afrinic", "local", "ext-value"],
    ),
    // §3.9.2
    enumeration(
        "postaladdress-type-type",
        "RFC7970-3.9.2-postaladdress-type",
        NmToken,
        &["street", "mailing", "ext-value"],
    ),
    // §3.9.4
    enumeration(
        "telephone-type-type",
        "RFC7970-3.9.4-telephone-type",
        NmToken,
        &["wired", "mobile", "fax", "hotline", "ext-value"],
    ),
    // §3.9.3
    enumeration("email-type-type", "RFC7970-3.9.3-email-type", NmToken, &["direct", "hotline", "ext-value"]),
    // §3.10
    enumeration(
        "discovery-source-type",
        "RFC7970-3.10-discovery-source",
        NmToken,
        &[
            "nidps",
            "hips",
            "siem",
            "av",
            "third-party-monitoring",
            "incident",
            "os-log",
            "application-log",
            "device-log",
            "network-flow",
            "passive-dns",
            "investigation",
            "audit",
            "internal-notification",
            "external-notification",
            "leo",
            "partner",
            "actor",
            "unknown",
            "ext-value",
        ],
    ),
    // §3.12.1
    enumeration(
        "systemimpact-completion-type",
        "RFC7970-3.12.1-systemimpact-completion",
        NmToken,
        &["failed", "succeeded"],
    ),
    // §3.12.1
    enumeration(
        "systemimpact-type-type",
        "RFC7970-3.12.1-systemimpact-type",
        NmToken,
        &[
            "takeover-account",
            "takeover-service",
            "takeover-system",
            "cps-manipulation",
            "cps-damage",
            "availability-data",
            "availability-account",
            "availability-service",
            "availability-system",
            "damaged-system",
            "damaged-data",
            "breach-proprietary",
            "breach-privacy",
            "breach-credential",
            "breach-configuration",
            "integrity-data",
            "integrity-configuration",
            "integrity-hardware",
            "traffic-redirection",
            "monitoring-traffic",
            "monitoring-host",
            "policy",
            "unknown",
            "ext-value",
        ],
    ),
    // §3.12.2
    enumeration(
        "businessimpact-severity-type",
        "RFC7970-3.12.2-businessimpact-severity",
        NmToken,
        &["none", "low", "medium", "high", "unknown", "ext-value"],
    ),
    // §3.12.2
    enumeration(
        "businessimpact-type-type",
        "RFC7970-3.12.2-businessimpact-type",
        NmToken,
        &[
            "breach-proprietary",
            "breach-privacy",
            "breach-credential",
            "loss-of-integrity",
            "loss-of-service",
            "theft-financial",
            "theft-service",
            "degraded-reputation",
            "asset-damage",
            "asset-manipulation",
            "legal",
            "extortion",
            "unknown",
            "ext-value",
        ],
    ),
    // §3.12.3
    enumeration(
        "timeimpact-metric-type",
        "RFC7970-3.12.3-timeimpact-metric",
        NmToken,
        &["labor", "elapsed", "downtime", "ext-value"],
    ),
    // §3.12.5
    enumeration(
        "confidence-rating-type",
        "RFC7970-3.12.5-confidence-rating",
        NmToken,
        &["low", "medium", "high", "numeric", "unknown", "ext-value"],
    ),
    // §3.17
    enumeration(
        "system-category-type",
        "RFC7970-3.17-system-category",
        NmToken,
        &["source", "target", "intermediate", "sensor", "infrastructure", "ext-value"],
    ),
    // §3.17
    enumeration(
        "system-ownership-type",
        "RFC7970-3.17-system-ownership",
        NmToken,
        &["organization", "personal", "partner", "customer", "no-relationship", "unknown", "ext-value"],
    ),
    // §3.18.1
    enumeration(
        "address-category-type",
        "RFC7970-3.18.1-address-category",
        NmToken,
        &[
            "asn",
            "atm",
            "e-mail",
            "mac",
            "ipv4-addr",
            "ipv4-net",
            "ipv4-net-masked",
            "ipv4-net-mask",
            "ipv6-addr",
            "ipv6-net",
            "ipv6-net-masked",
            "site-uri",
            "ext-value",
        ],
    ),
    // §3.18.2
    enumeration(
        "noderole-category-type",
        "RFC7970-3.18.2-noderole-category",
        NmToken,
        &[
            "client",
            "client-enterprise",
            "client-partner",
            "client-remote",
            "client-kiosk",
            "client-mobile",
            "server-internal",
            "server-public",
            "www",
            "mail",
            "webmail",
            "messaging",
            "streaming",
            "voice",
            "file",
            "ftp",
            "p2p",
            "name",
            "directory",
            "credential",
            "print",
            "application",
            "database",
            "backup",
            "dhcp",
            "assessment",
            "source-control",
            "config-management",
            "monitoring",
            "infra",
            "infra-firewall",
            "infra-router",
            "infra-switch",
            "camera",
            "proxy",
            "remote-access",
            "log",
            "virtualization",
            "pos",
            "scada",
            "scada-supervisory",
            "sinkhole",
            "honeypot",
            "anonymization",
            "c2-server",
            "malware-distribution",
            "drop-server",
            "hop-point",
            "reflector",
            "phishing-site",
            "spear-phishing-site",
            "recruiting-site",
            "fraudulent-site",
            "ext-value",
        ],
    ),
    // §3.18.3
    enumeration(
        "counter-type-type",
        "RFC7970-3.18.3-counter-type",
        NmToken,
        &["counter", "rate", "average", "ext-value"],
    ),
    // §3.18.3
    enumeration(
        "counter-unit-type",
        "RFC7970-3.18.3-counter-unit",
        NmToken,
        &[
            "byte",
            "mbit",
            "packet",
            "flow",
            "session",
            "event",
            "alert",
            "message",
            "host",
            "site",
            "organization",
            "ext-value",
        ],
    ),
    // §3.19 (a string, not NMTOKEN, base: surrounding whitespace is not collapsed)
    enumeration(
        "domaindata-system-status-type",
        "RFC7970-3.19-domaindata-system-status",
        String,
        &["spoofed", "fraudulent", "innocent-hacked", "innocent-hijacked", "unknown", "ext-value"],
    ),
    // §3.19 (a string, not NMTOKEN, base: surrounding whitespace is not collapsed)
    enumeration(
        "domaindata-domain-status-type",
        "RFC7970-3.19-domaindata-domain-status",
        String,
        &[
            "reservedDelegation",
            "assignedAndActive",
            "assignedAndInactive",
            "assignedAndOnHold",
            "revoked",
            "transferPending",
            "registryLock",
            "registrarLock",
            "other",
            "unknown",
            "ext-value",
        ],
    ),
    // §3.22.2
    enumeration(
        "recordpattern-type-type",
        "RFC7970-3.22.2-recordpattern-type",
        NmToken,
        &["regex", "binary", "xpath", "ext-value"],
    ),
    // §3.22.2
    enumeration(
        "recordpattern-offsetunit-type",
        "RFC7970-3.22.2-recordpattern-offsetunit",
        NmToken,
        &["line", "byte", "ext-value"],
    ),
    // §3.23.1
    enumeration(
        "key-registryaction-type",
        "RFC7970-3.23.1-key-registryaction",
        NmToken,
        &["add-key", "add-value", "delete-key", "delete-value", "modify-key", "modify-value", "ext-value"],
    ),
    // §3.26
    enumeration(
        "hashdata-scope-type",
        "RFC7970-3.26-hashdata-scope",
        NmToken,
        &[
            "file-contents",
            "file-pe-section",
            "file-pe-iat",
            "file-pe-resource",
            "file-pdf-object",
            "email-hash",
            "email-headers-hash",
            "email-body-hash",
            "ext-value",
        ],
    ),
    // §3.29.3.1 (no "ext-value" in the schema; see the note on BulkObservable)
    enumeration(
        "bulkobservable-type-type",
        "RFC7970-3.29.3.1-bulkobservable-type",
        NmToken,
        &[
            "asn",
            "atm",
            "e-mail",
            "ipv4-addr",
            "ipv4-net",
            "ipv4-net-mask",
            "ipv6-addr",
            "ipv6-net",
            "ipv6-net-mask",
            "mac",
            "site-uri",
            "domain-name",
            "domain-to-ipv4",
            "domain-to-ipv6",
            "domain-to-ipv4-timestamp",
            "domain-to-ipv6-timestamp",
            "ipv4-port",
            "ipv6-port",
            "windows-reg-key",
            "file-hash",
            "email-x-mailer",
            "email-subject",
            "http-user-agent",
            "http-request-uri",
            "mutex",
            "file-path",
            "user-name",
        ],
    ),
    // §3.29.4
    enumeration(
        "indicatorexpression-operator-type",
        "RFC7970-3.29.4-indicatorexpression-operator",
        NmToken,
        &["not", "and", "or", "xor"],
    ),
    // §2.2
    restricted(
        "PositiveFloatType",
        "RFC7970-2.2-positivefloat",
        xs(Float),
        Facets { min_exclusive: Some("0"), ..Facets::NONE },
    ),
    // §2.9
    pattern("PortlistType", "RFC7970-2.9-portlist", String, r"\d+(\-\d+)?(,\d+(\-\d+)?)*"),
    // §2.8
    pattern("TimezoneType", "RFC7970-2.8-timezone", String, r"Z|[\+\-](0[0-9]|1[0-4]):[0-5][0-9]"),
    // §2.15.1
    enumeration(
        "softwarereference-spec-name-type",
        "RFC7970-2.15.1-softwarereference-spec-name",
        NmToken,
        &["custom", "cpe", "swid", "ext-value"],
    ),
    // §2.15.1
    enumeration(
        "softwarereference-dtype-type",
        "RFC7970-2.15.1-softwarereference-dtype",
        NmToken,
        &["bytes", "integer", "real", "string", "xml", "ext-value"],
    ),
    // §3.17 (System@spoofed and System@virtual)
    enumeration("yes-no-unknown-type", "RFC7970-3.17-system-spoofed", NmToken, &["yes", "no", "unknown"]),
    // §3.3.1
    enumeration(
        "restriction-type",
        "RFC7970-3.3.1-restriction",
        NmToken,
        &["default", "public", "partner", "need-to-know", "private", "white", "green", "amber", "red", "ext-value"],
    ),
    // §3.12.1 (also TimeImpact, MonetaryImpact and Expectation)
    enumeration("severity-type", "RFC7970-3.12.1-systemimpact-severity", NmToken, &["low", "medium", "high"]),
    // §3.12.3 (also Counter)
    enumeration(
        "duration-type",
        "RFC7970-3.12.3-timeimpact-duration",
        NmToken,
        &["second", "minute", "hour", "day", "month", "quarter", "year", "ext-value"],
    ),
    // §3.15 (also HistoryItem; no "training" in the schema, see the notes on both)
    enumeration(
        "action-type",
        "RFC7970-3.15-expectation-action",
        NmToken,
        &[
            "nothing",
            "contact-source-site",
            "contact-target-site",
            "contact-sender",
            "investigate",
            "block-host",
            "block-network",
            "block-port",
            "rate-limit-host",
            "rate-limit-network",
            "rate-limit-port",
            "redirect-traffic",
            "honeypot",
            "upgrade-software",
            "rebuild-asset",
            "harden-asset",
            "remediate-other",
            "status-triage",
            "status-new-info",
            "watch-and-report",
            "defined-coa",
            "other",
            "ext-value",
        ],
    ),
    // §2.16 (ExtensionType@dtype)
    enumeration(
        "dtype-type",
        "RFC7970-2.16-extension-dtype",
        NmToken,
        &[
            "boolean",
            "byte",
            "bytes",
            "character",
            "date-time",
            "integer",
            "ntpstamp",
            "portlist",
            "real",
            "string",
            "file",
            "path",
            "frame",
            "packet",
            "ipv4-packet",
            "ipv6-packet",
            "url",
            "csv",
            "winreg",
            "xml",
            "ext-value",
        ],
    ),
    // §3.12 (anonymous in the schema)
    enumeration(ASSESSMENT_OCCURRENCE, "RFC7970-3.12-assessment-occurrence", NmToken, &["actual", "potential"]),
];

#[cfg(test)]
mod tests {
    use super::super::{iodef_enum, iodef1, phish, sci, thraud, xmldsig, xmlns};
    use super::*;
    use std::collections::HashSet;

    /// IODEF 2.0 with every table its set uses, and the IODEF 1.0 extension tables (checked the
    /// same way here).
    const TABLES: [&Table; 8] = [
        &TABLE,
        &xmldsig::TABLE,
        &iodef_enum::TABLE,
        &xmlns::TABLE,
        &sci::TABLE,
        &iodef1::TABLE,
        &phish::TABLE,
        &thraud::TABLE,
    ];

    fn complex_types_of(ty: &Type) -> Vec<&ComplexType> {
        match ty {
            Type::Complex(c) => vec![c],
            _ => vec![],
        }
    }

    /// Every element declaration reachable from a table: globals, and locals inside any content
    /// model of the table (recursively).
    fn declarations(t: &'static Table) -> Vec<&'static ElementDecl> {
        fn walk(p: &'static Particle, out: &mut Vec<&'static ElementDecl>) {
            match p {
                Particle::Element(e) => {
                    if let ElemRef::Local { decl, .. } = e.elem {
                        out.push(decl);
                        if let Type::Complex(c) = &decl.ty {
                            content(&c.content, out);
                        }
                    }
                }
                Particle::Sequence(items, _) | Particle::Choice(items, _) => {
                    items.iter().for_each(|p| walk(p, out));
                }
                Particle::Any(..) => {}
            }
        }
        fn content(c: &'static Content, out: &mut Vec<&'static ElementDecl>) {
            if let Content::Elements(p) | Content::Mixed(p) = c {
                walk(p, out);
            }
        }
        let mut out: Vec<&'static ElementDecl> = t.elements.iter().collect();
        for e in t.elements {
            for c in complex_types_of(&e.ty) {
                content(&c.content, &mut out);
            }
        }
        for c in t.complex_types {
            content(&c.ty.content, &mut out);
        }
        out
    }

    fn all_complex(t: &'static Table) -> Vec<&'static ComplexType> {
        let mut v: Vec<&'static ComplexType> = t.complex_types.iter().map(|c| &c.ty).collect();
        for d in declarations(t) {
            v.extend(complex_types_of(&d.ty));
        }
        v
    }

    fn particles(p: &'static Particle, out: &mut Vec<&'static Particle>) {
        out.push(p);
        if let Particle::Sequence(items, _) | Particle::Choice(items, _) = p {
            items.iter().for_each(|p| particles(p, out));
        }
    }

    #[test]
    fn every_requirement_id_is_in_the_catalog() {
        for t in TABLES {
            let mut ids: Vec<&str> = declarations(t).iter().map(|d| d.req).collect();
            ids.extend(t.simple_types.iter().map(|s| s.req));
            for c in all_complex(t) {
                ids.extend(c.attributes.iter().filter_map(|a| a.req));
            }
            for id in ids {
                assert!(crate::requirements::lookup(id).is_some(), "{}: {id} is not in the catalog", t.id);
            }
        }
    }

    #[test]
    fn names_are_unique_within_a_table() {
        for t in TABLES {
            let mut seen = HashSet::new();
            for e in t.elements {
                assert!(seen.insert(e.name), "{}: element {} declared twice", t.id, e.name);
            }
            let mut seen = HashSet::new();
            for c in t.complex_types {
                assert!(seen.insert(c.name), "{}: complex type {} declared twice", t.id, c.name);
            }
            for s in t.simple_types {
                assert!(seen.insert(s.name), "{}: type name {} declared twice", t.id, s.name);
            }
        }
    }

    #[test]
    fn attribute_names_are_unique_per_type() {
        for t in TABLES {
            for c in all_complex(t) {
                let mut seen = HashSet::new();
                for a in c.attributes {
                    assert!(seen.insert((a.ns, a.name)), "{}: attribute {} declared twice", t.id, a.name);
                }
            }
        }
    }

    /// References resolve within the known tables.
    #[test]
    fn references_resolve() {
        let element =
            |r: &QRef| TABLES.iter().any(|t| t.namespace == r.ns && t.elements.iter().any(|e| e.name == r.name));
        let simple =
            |r: &QRef| TABLES.iter().any(|t| t.namespace == r.ns && t.simple_types.iter().any(|s| s.name == r.name));
        let complex =
            |r: &QRef| TABLES.iter().any(|t| t.namespace == r.ns && t.complex_types.iter().any(|s| s.name == r.name));
        let simple_ref = |s: &SimpleRef| match s {
            SimpleRef::Builtin(_) => true,
            SimpleRef::Named(r) => simple(r),
        };
        for t in TABLES {
            for d in declarations(t) {
                match &d.ty {
                    Type::Named(r) => assert!(simple(r) || complex(r), "{}: type of {} unresolved", t.id, d.name),
                    Type::Simple(s) => assert!(simple_ref(s), "{}: type of {} unresolved", t.id, d.name),
                    Type::Complex(_) => {}
                }
            }
            for s in t.simple_types {
                assert!(simple_ref(&s.base), "{}: base of {} unresolved", t.id, s.name);
            }
            for c in all_complex(t) {
                for a in c.attributes.iter().filter(|a| !a.global) {
                    assert!(simple_ref(&a.ty), "{}: type of @{} unresolved", t.id, a.name);
                }
                for a in c.attributes.iter().filter(|a| a.global) {
                    let found =
                        TABLES.iter().any(|t| t.namespace == a.ns && t.attributes.iter().any(|g| g.name == a.name));
                    assert!(found, "{}: global attribute {} unresolved", t.id, a.name);
                }
                if let Content::Simple(s) = &c.content {
                    assert!(simple_ref(s), "{}: simple content type unresolved", t.id);
                }
                if let Content::Elements(p) | Content::Mixed(p) = &c.content {
                    let mut ps = vec![];
                    particles(p, &mut ps);
                    for p in ps {
                        if let Particle::Element(ElementParticle { elem: ElemRef::Global(r), .. }) = p {
                            assert!(element(r), "{}: element {}:{} unresolved", t.id, r.ns, r.name);
                        }
                    }
                }
            }
        }
    }

    /// The schema's shape: 123 global elements (126 declarations with the three local ones), five
    /// named complex types, forty named simple types plus the named anonymous one.
    #[test]
    fn iodef_table_has_the_schema_shape() {
        assert_eq!(TABLE.elements.len(), 123);
        assert_eq!(declarations(&TABLE).len(), 126);
        assert_eq!(TABLE.complex_types.len(), 5);
        assert_eq!(TABLE.simple_types.len(), 41);
    }

    #[test]
    fn every_enumeration_with_an_ext_attribute_is_extensible() {
        // Where an element declares both X and ext-X, X's type should offer ext-value; the
        // exceptions are exactly the schema's own omissions, noted on the elements.
        let known_gaps = ["bulkobservable-type-type", "indicatorexpression-operator-type"];
        for c in all_complex(&TABLE) {
            for a in c.attributes {
                let Some(base) = a.name.strip_prefix("ext-") else { continue };
                let Some(b) = c.attributes.iter().find(|b| b.name == base) else { continue };
                let SimpleRef::Named(r) = b.ty else { continue };
                let st = TABLE.simple_types.iter().find(|s| s.name == r.name).expect("resolved");
                if known_gaps.contains(&st.name) {
                    assert!(!st.facets.enumeration.contains(&"ext-value"));
                } else {
                    assert!(st.facets.enumeration.contains(&"ext-value"), "{} lacks ext-value", st.name);
                }
            }
        }
    }

    #[test]
    fn catalog_ids_are_unique_and_sorted_by_section() {
        let mut seen = HashSet::new();
        for r in crate::requirements::all() {
            assert!(seen.insert(r.id), "{} listed twice", r.id);
        }
        let key = |id: &str| -> Vec<u32> {
            id.split('-').nth(1).unwrap_or("").split('.').map(|n| n.parse().unwrap_or(0)).collect()
        };
        // Within each spec, each level block (schema facts first, then prose rules) is in section order.
        let mut prev: Option<(&str, bool, Vec<u32>)> = None;
        for r in crate::requirements::all() {
            let spec = r.id.split('-').next().unwrap_or("");
            let xsd = r.level == crate::requirements::Level::Xsd;
            let k = key(r.id);
            if let Some((ps, pxsd, pk)) = &prev
                && *ps == spec
                && *pxsd == xsd
            {
                assert!(*pk <= k, "{} is out of section order", r.id);
            }
            prev = Some((spec, xsd, k));
        }
    }
}
