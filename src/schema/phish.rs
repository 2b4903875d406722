//! Phishing and fraud reporting extension (RFC 5901): the PhraudReport element that an IODEF 1.0
//! document carries in `Incident/EventData/AdditionalData` (dtype `xml`).
//!
//! The content models follow the schema of RFC 5901 Appendix A, read the way its authors meant it:
//! as printed, the schema uses IODEF 1.0 types without importing their namespace, so it does not
//! compile (catalog entry `RFC5901-4.3-schema-as-printed`); the table resolves those references to
//! the IODEF 1.0 table. Where §5 prose requires more than the schema (Version, SystemStatus,
//! ext-role of a domain contact), the rule is a catalog MUST checked by `validate::ext_rules`, and
//! the declaration carries a note.

use super::iodef1;
use super::model::Builtin::*;
use super::model::*;
use super::xmldsig;

/// The phishing extension namespace (RFC 5901 Appendix A).
pub const NS: &str = "urn:ietf:params:xml:ns:iodef-phish-1.0";

const fn p(name: &'static str) -> QRef {
    q(NS, name)
}

const fn i(name: &'static str) -> QRef {
    q(iodef1::NS, name)
}

/// The RFC 5901 table.
pub static TABLE: Table = Table {
    id: "iodef-phish-1.0",
    namespace: NS,
    prefix: "phish",
    title: "IODEF phishing extension (RFC 5901)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: SIMPLE_TYPES,
    attributes: ATTRIBUTES,
    datatypes: &[],
    ext_value: None,
};

/// The `lang` attribute that IODEF 1.0's MLStringType carries, for the extensions of it.
const LANG: AttributeDecl = optional("lang", xs(Language));
/// The global `phish:confidence` attribute (§5.11.2.1).
const CONFIDENCE: AttributeDecl = attr_ref(q(NS, "confidence"), Use::Optional);

static ATTRIBUTES: &[AttributeDecl] = &[optional("confidence", st(q(NS, "@confidence")))];

// --- PhraudReport's local children (§5.5.2–§5.17).
static PHISH_NAME_REF: ElementDecl = element_of("PhishNameRef", "RFC5901-5.1-phraudreport", i("MLStringType"));
static PHISH_NAME_LOCAL_REF: ElementDecl =
    element_of("PhishNameLocalRef", "RFC5901-5.1-phraudreport", i("MLStringType"));
static FRAUD_PARAMETER: ElementDecl = element_of("FraudParameter", "RFC5901-5.1-phraudreport", i("MLStringType"));
static FRAUDED_BRAND_NAME: ElementDecl = element_of("FraudedBrandName", "RFC5901-5.1-phraudreport", i("MLStringType"));
static LURE_SOURCE: ElementDecl = element_of("LureSource", "RFC5901-5.9-luresource", p("LureSource.type"));
static ORIGINATING_SENSOR: ElementDecl =
    element_of("OriginatingSensor", "RFC5901-5.10-originatingsensor", p("OriginatingSensor.type"));
static EMAIL_RECORD: ElementDecl = element_of("EmailRecord", "RFC5901-5.17-emailrecord", p("EmailRecord.type"));
static DCSITE: ElementDecl = element_of("DCSite", "RFC5901-5.11-dcsite", p("DCSite.type"));
static RELATED_DATA: ElementDecl = element_simple("RelatedData", "RFC5901-5.1-phraudreport", xs(AnyUri));
static CORRELATION_DATA: ElementDecl = element_of("CorrelationData", "RFC5901-5.1-phraudreport", i("MLStringType"));
static PR_COMMENTS: ElementDecl = element_of("PRComments", "RFC5901-5.1-phraudreport", i("MLStringType"));

// --- LureSource (§5.9).
static INCLUDED_MALWARE: ElementDecl =
    element_of("IncludedMalware", "RFC5901-5.9.5-includedmalware", p("IncludedMalware.type"));
static FILE: ElementDecl = element_of("File", "RFC5901-5.9.6-filesdownloaded", i("MLStringType"));
static FILES_DOWNLOADED: ElementDecl = element(
    "FilesDownloaded",
    "RFC5901-5.9.6-filesdownloaded",
    Content::Elements(seq(&[local(NS, &FILE, 1, Some(1))])),
    &[],
)
.with_note("§5.9.6 describes a list of files, but the schema allows exactly one File.");
static KEY_NAME: ElementDecl = element_simple("Name", "RFC5901-5.9.7-windowsregistrykeysmodified", xs(String));
static KEY_VALUE: ElementDecl = element_simple("Value", "RFC5901-5.9.7-windowsregistrykeysmodified", xs(String));
static KEY: ElementDecl = element(
    "Key",
    "RFC5901-5.9.7-windowsregistrykeysmodified",
    Content::Elements(seq(&[local(NS, &KEY_NAME, 1, Some(1)), local(NS, &KEY_VALUE, 1, Some(1))])),
    &[],
);
static WINDOWS_REGISTRY_KEYS_MODIFIED: ElementDecl = element(
    "WindowsRegistryKeysModified",
    "RFC5901-5.9.7-windowsregistrykeysmodified",
    Content::Elements(seq(&[local(NS, &KEY, 1, None)])),
    &[],
);

// --- IncludedMalware (§5.9.5).
static MALWARE_NAME: ElementDecl = element_of("Name", "RFC5901-5.9.5-includedmalware", i("MLStringType"));
static MALWARE_DATA: ElementDecl = element(
    "Data",
    "RFC5901-5.9.5.3-data",
    Content::Simple(xs(HexBinary)),
    &[optional("XORPattern", xs(HexBinary)).default("55AA55AA55AA55BB")],
);

// --- EmailRecord (§5.17).
static EMAIL_COUNT: ElementDecl = element_simple("EmailCount", "RFC5901-5.17.1-emailcount", xs(Integer));
static EMAIL_MESSAGE: ElementDecl = element_of("EmailMessage", "RFC5901-5.17-emailrecord", i("MLStringType"));
static EMAIL_COMMENTS: ElementDecl = element_of("EmailComments", "RFC5901-5.17-emailrecord", i("MLStringType"));

// --- DCSite (§5.11): five alternatives, each an MLString (or an address) with a confidence.
const fn site_value(name: &'static str) -> ElementDecl {
    element(name, "RFC5901-5.11-dcsite", Content::Simple(xs(String)), &[LANG, CONFIDENCE])
}
static SITE_URL: ElementDecl = site_value("SiteURL");
static SITE_DOMAIN: ElementDecl = site_value("Domain");
static SITE_EMAIL: ElementDecl = site_value("EmailSite");
static SITE_UNKNOWN: ElementDecl = site_value("Unknown");
static SITE_SYSTEM: ElementDecl =
    element("System", "RFC5901-5.11-dcsite", Content::Elements(seq(&[one(i("Address"))])), &[CONFIDENCE]);

// --- DomainData (§5.9.2).
static DD_NAME: ElementDecl = element_of("Name", "RFC5901-5.9.2-domaindata", i("MLStringType"));
static DD_CHECKED: ElementDecl = element_simple("DateDomainWasChecked", "RFC5901-5.9.2-domaindata", xs(DateTime));
static DD_REGISTERED: ElementDecl = element_simple("RegistrationDate", "RFC5901-5.9.2-domaindata", xs(DateTime));
static DD_EXPIRES: ElementDecl = element_simple("ExpirationDate", "RFC5901-5.9.2-domaindata", xs(DateTime));
static DD_SERVER: ElementDecl = element_of("Server", "RFC5901-5.9.2-domaindata", i("MLStringType"));
static DD_NAMESERVERS: ElementDecl = element(
    "Nameservers",
    "RFC5901-5.9.2-domaindata",
    Content::Elements(seq(&[local(NS, &DD_SERVER, 1, Some(1)), some(i("Address"))])),
    &[],
);
static DD_SAME_CONTACT: ElementDecl = element_of("SameDomainContact", "RFC5901-5.9.2-domaindata", i("MLStringType"));

// --- OriginatingSensor (§5.10).
static DATE_FIRST_SEEN: ElementDecl = element_simple("DateFirstSeen", "RFC5901-5.10.2-datefirstseen", xs(DateTime));

// --- TakeDownInfo (§5.12) and ArchivedData (§5.13).
static TAKEDOWN_DATE: ElementDecl = element_simple("TakeDownDate", "RFC5901-5.12-takedowninfo", xs(DateTime));
static TAKEDOWN_AGENCY: ElementDecl = element_of("TakeDownAgency", "RFC5901-5.12-takedowninfo", i("MLStringType"));
static TAKEDOWN_COMMENTS: ElementDecl = element_of("TakeDownComments", "RFC5901-5.12-takedowninfo", i("MLStringType"));
static ARCHIVED_URL: ElementDecl = element_simple("URL", "RFC5901-5.13-archiveddata", xs(AnyUri));
static ARCHIVED_COMMENTS: ElementDecl = element_of("Comments", "RFC5901-5.13-archiveddata", i("MLStringType"));
static ARCHIVED_DATA: ElementDecl = element_simple("Data", "RFC5901-5.13-archiveddata", xs(Base64Binary));

static ELEMENTS: &[ElementDecl] = &[
    // §5.1
    element(
        "PhraudReport",
        "RFC5901-5.1-phraudreport",
        Content::Elements(seq(&[
            local(NS, &PHISH_NAME_REF, 0, Some(1)),
            local(NS, &PHISH_NAME_LOCAL_REF, 0, Some(1)),
            local(NS, &FRAUD_PARAMETER, 0, Some(1)),
            local(NS, &FRAUDED_BRAND_NAME, 0, None),
            local(NS, &LURE_SOURCE, 1, None),
            local(NS, &ORIGINATING_SENSOR, 1, None),
            local(NS, &EMAIL_RECORD, 0, Some(1)),
            local(NS, &DCSITE, 0, None),
            many(p("TakeDownInfo")),
            many(p("ArchivedData")),
            local(NS, &RELATED_DATA, 0, None),
            local(NS, &CORRELATION_DATA, 0, None),
            local(NS, &PR_COMMENTS, 0, Some(1)),
        ])),
        &[
            // §5.4: the schema has it optional with default "1.0"; the prose requires "0.06".
            optional("Version", xs(AnySimpleType)).default("1.0"),
            required("FraudType", st(p("FraudType.type"))),
            // §5.5.1: the private FraudType, named `ext-value` (not `ext-FraudType`).
            optional("ext-value", xs(String)),
        ],
    )
    .with_note(
        "§5.4 requires Version and gives it the value 0.06; the schema makes Version optional with the default 1.0.",
    ),
    // §5.9.2
    element(
        "DomainData",
        "RFC5901-5.9.2-domaindata",
        Content::Elements(seq(&[
            local(NS, &DD_NAME, 1, Some(1)),
            local(NS, &DD_CHECKED, 0, Some(1)),
            local(NS, &DD_REGISTERED, 0, Some(1)),
            local(NS, &DD_EXPIRES, 0, Some(1)),
            local(NS, &DD_NAMESERVERS, 0, None),
            choice(&[local(NS, &DD_SAME_CONTACT, 1, Some(1)), seq(&[some(i("Contact"))])]).times(0, Some(1)),
        ])),
        &[
            optional("SystemStatus", st(p("DomainData@SystemStatus"))),
            optional("DomainStatus", st(p("DomainData@DomainStatus"))),
        ],
    )
    .with_note("§5.9.3 makes SystemStatus REQUIRED; the schema leaves it optional."),
    // §5.9.2.6.2.1: declared but referenced by no content model.
    element_simple("Confidence", "RFC5901-5.9.2.6.2.1-confidence", st(p("@confidence"))).with_note(
        "§5.9.2.6.2.1 describes Confidence as an enumeration of words (known-fraudulent, ...); the schema declares an integer from 0 to 100.",
    ),
    // §5.12
    element_of("TakeDownInfo", "RFC5901-5.12-takedowninfo", p("TakeDownInfo.type")),
    // §5.13
    element_of("ArchivedData", "RFC5901-5.13-archiveddata", p("ArchivedData.type")),
];

static COMPLEX_TYPES: &[NamedComplexType] = &[
    // §5.9
    NamedComplexType {
        name: "LureSource.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                some(i("System")),
                many(p("DomainData")),
                local(NS, &INCLUDED_MALWARE, 0, Some(1)),
                local(NS, &FILES_DOWNLOADED, 0, Some(1)),
                local(NS, &WINDOWS_REGISTRY_KEYS_MODIFIED, 0, Some(1)),
            ])),
            attributes: &[],
        },
    },
    // §5.9.5
    NamedComplexType {
        name: "IncludedMalware.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &MALWARE_NAME, 1, None),
                opt(q(xmldsig::NS, "Reference")),
                local(NS, &MALWARE_DATA, 0, Some(1)),
            ])),
            attributes: &[],
        },
    },
    // §5.17
    NamedComplexType {
        name: "EmailRecord.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &EMAIL_COUNT, 1, Some(1)),
                local(NS, &EMAIL_MESSAGE, 0, Some(1)),
                local(NS, &EMAIL_COMMENTS, 0, Some(1)),
            ])),
            attributes: &[],
        },
    },
    // §5.11
    NamedComplexType {
        name: "DCSite.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                choice(&[
                    local(NS, &SITE_URL, 1, Some(1)),
                    local(NS, &SITE_DOMAIN, 1, Some(1)),
                    local(NS, &SITE_EMAIL, 1, Some(1)),
                    local(NS, &SITE_SYSTEM, 1, Some(1)),
                    local(NS, &SITE_UNKNOWN, 1, Some(1)),
                ]),
                many(i("Node")),
                opt(p("DomainData")),
                opt(i("Assessment")),
            ])),
            attributes: &[required("DCType", st(p("DCSite@DCType")))],
        },
    },
    // §5.10
    NamedComplexType {
        name: "OriginatingSensor.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[local(NS, &DATE_FIRST_SEEN, 1, Some(1)), some(i("System"))])),
            attributes: &[required("OriginatingSensorType", st(p("OriginatingSensor@OriginatingSensorType")))],
        },
    },
    // §5.12
    NamedComplexType {
        name: "TakeDownInfo.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &TAKEDOWN_DATE, 0, Some(1)),
                local(NS, &TAKEDOWN_AGENCY, 0, None),
                local(NS, &TAKEDOWN_COMMENTS, 0, None),
            ])),
            attributes: &[],
        },
    },
    // §5.13
    NamedComplexType {
        name: "ArchivedData.type",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &ARCHIVED_URL, 0, Some(1)),
                local(NS, &ARCHIVED_COMMENTS, 0, Some(1)),
                local(NS, &ARCHIVED_DATA, 0, Some(1)),
            ])),
            attributes: &[required("type", st(p("ArchivedData@type")))],
        },
    },
];

/// The ext-role values of a Contact in DomainData (§5.9.2.6.2.2).
pub const EXT_ROLES: &[&str] = &[
    "billingContacts",
    "technicalContacts",
    "administrativeContacts",
    "legalContacts",
    "zoneContacts",
    "abuseContacts",
    "securityContacts",
    "otherContacts",
    "hostingProvider",
];

static SIMPLE_TYPES: &[SimpleType] = &[
    // §5.5 (a string enumeration: two values contain a space)
    enumeration(
        "FraudType.type",
        "RFC5901-5.5-fraudtype",
        String,
        &[
            "phishing",
            "recruiting",
            "malware distribution",
            "fraudulent site",
            "dnsspoof",
            "archive",
            "other",
            "unknown",
            "ext-value",
        ],
    ),
    // §5.9.2.6.2.2: declared by the schema, used by no attribute (checked as prose).
    enumeration("ext-role", "RFC5901-5.9.2.6.2.2-ext-role", String, EXT_ROLES),
    // §5.11.2.1 (anonymous in the schema)
    restricted(
        "@confidence",
        "RFC5901-5.11.2.1-confidence",
        xs(NonNegativeInteger),
        Facets { min_inclusive: Some("0"), max_inclusive: Some("100"), ..Facets::NONE },
    ),
    // §5.9.3
    enumeration(
        "DomainData@SystemStatus",
        "RFC5901-5.9.3-systemstatus",
        String,
        &["spoofed", "fraudulent", "innocent-hacked", "innocent-hijacked", "unknown"],
    ),
    // §5.9.4
    enumeration(
        "DomainData@DomainStatus",
        "RFC5901-5.9.4-domainstatus",
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
        ],
    ),
    // §5.11.1
    enumeration(
        "DCSite@DCType",
        "RFC5901-5.11.1-dctype",
        String,
        &["web", "email", "keylogger", "automation", "unspecified"],
    ),
    // §5.10.1 (an enumeration over NMTOKENS: one token of the list)
    enumeration(
        "OriginatingSensor@OriginatingSensorType",
        "RFC5901-5.10.1-originatingsensortype",
        NmTokens,
        &["web", "webgateway", "mailgateway", "browser", "ispsensor", "human", "honeypot", "other"],
    ),
    // §5.13.1
    enumeration(
        "ArchivedData@type",
        "RFC5901-5.13.1-archiveddata-type",
        NmTokens,
        &["collectionsite", "basecamp", "sendersite", "credentialInfo", "unspecified"],
    ),
];
