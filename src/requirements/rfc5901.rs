//! RFC 5901 (IODEF phishing extension) requirements.
//!
//! The first block holds the facts of the schema of Appendix A that the phishing table
//! (`crate::schema::phish`) enforces, and the defect of that schema as printed. The second block
//! holds the prose rules a document can break that the schema does not express.

use super::Level::*;
use super::{Requirement, Testing, req};

/// The RFC 5901 entries.
pub(super) static CATALOG: &[Requirement] = &[
    // -----------------------------------------------------------------------------------------
    // Schema facts.
    req(
        "RFC5901-4.3-schema-as-printed",
        Xsd,
        "The Appendix A schema uses IODEF 1.0 types (iodef:System, iodef:MLStringType, ...) without importing the IODEF 1.0 namespace, so it does not compile as printed; mile reads it with that import added, the only reading under which §4.3 (validate with RFC 5070's schema and these extensions) can be followed.",
    )
    .tested(Testing::Untestable(
        "a fact about the schema text of the RFC, not about documents; the tables follow the repaired reading",
    )),
    req(
        "RFC5901-5.1-phraudreport",
        Xsd,
        "PhraudReport holds, in order: PhishNameRef?, PhishNameLocalRef?, FraudParameter?, FraudedBrandName*, LureSource+, OriginatingSensor+, EmailRecord?, DCSite*, TakeDownInfo*, ArchivedData*, RelatedData* (URIs), CorrelationData*, PRComments?; FraudType is required.",
    ),
    req(
        "RFC5901-5.5-fraudtype",
        Xsd,
        "FraudType is one of phishing, recruiting, malware distribution, fraudulent site, dnsspoof, archive, other, unknown, ext-value.",
    ),
    req(
        "RFC5901-5.9-luresource",
        Xsd,
        "LureSource holds one or more iodef:System, then phish:DomainData*, IncludedMalware?, FilesDownloaded?, WindowsRegistryKeysModified?.",
    ),
    req(
        "RFC5901-5.9.2-domaindata",
        Xsd,
        "DomainData holds Name, then the optional dates (xs:dateTime), Nameservers* (a Server and iodef:Address+), then either SameDomainContact or iodef:Contact+.",
    ),
    req(
        "RFC5901-5.9.2.6.2.1-confidence",
        Xsd,
        "The global phish:Confidence element is an integer from 0 to 100 (the prose describes words such as known-fraudulent).",
    )
    .tested(Testing::Untestable(
        "no content model of the schema refers to phish:Confidence, so a document can only use it where RFC5901-5-placement is broken first",
    )),
    req(
        "RFC5901-5.9.4-domainstatus",
        Xsd,
        "DomainStatus is one of reservedDelegation, assignedAndActive, assignedAndInactive, assignedAndOnHold, revoked, transferPending, registryLock, registrarLock, other, unknown.",
    ),
    req(
        "RFC5901-5.9.5-includedmalware",
        Xsd,
        "IncludedMalware holds one or more Name, then an optional ds:Reference and an optional Data.",
    ),
    req(
        "RFC5901-5.9.5.3-data",
        Xsd,
        "IncludedMalware/Data is hexBinary content, with an optional hexBinary XORPattern.",
    ),
    req(
        "RFC5901-5.9.6-filesdownloaded",
        Xsd,
        "FilesDownloaded holds exactly one File (the schema's cardinality; the prose speaks of files).",
    ),
    req(
        "RFC5901-5.9.7-windowsregistrykeysmodified",
        Xsd,
        "WindowsRegistryKeysModified holds one or more Key, each a Name then a Value.",
    ),
    req(
        "RFC5901-5.10-originatingsensor",
        Xsd,
        "OriginatingSensor holds DateFirstSeen then one or more iodef:System, and requires OriginatingSensorType.",
    ),
    req(
        "RFC5901-5.10.1-originatingsensortype",
        Xsd,
        "OriginatingSensorType is one of web, webgateway, mailgateway, browser, ispsensor, human, honeypot, other.",
    ),
    req("RFC5901-5.10.2-datefirstseen", Xsd, "DateFirstSeen is an xs:dateTime."),
    req(
        "RFC5901-5.11-dcsite",
        Xsd,
        "DCSite holds exactly one of SiteURL, Domain, EmailSite, System (one iodef:Address) or Unknown, then iodef:Node*, phish:DomainData?, iodef:Assessment?; DCType is required.",
    ),
    req("RFC5901-5.11.1-dctype", Xsd, "DCType is one of web, email, keylogger, automation, unspecified."),
    req("RFC5901-5.11.2.1-confidence", Xsd, "The phish:confidence attribute of a DCSite value is an integer from 0 to 100."),
    req(
        "RFC5901-5.12-takedowninfo",
        Xsd,
        "TakeDownInfo holds TakeDownDate? (xs:dateTime), TakeDownAgency*, TakeDownComments*, in that order.",
    ),
    req(
        "RFC5901-5.13-archiveddata",
        Xsd,
        "ArchivedData holds URL?, Comments?, Data? (base64) and requires the type attribute.",
    ),
    req(
        "RFC5901-5.13.1-archiveddata-type",
        Xsd,
        "ArchivedData's type is one of collectionsite, basecamp, sendersite, credentialInfo, unspecified.",
    ),
    req("RFC5901-5.17-emailrecord", Xsd, "EmailRecord holds EmailCount, then EmailMessage? and EmailComments?."),
    req("RFC5901-5.17.1-emailcount", Xsd, "EmailCount is an xs:integer."),
    // -----------------------------------------------------------------------------------------
    // Prose rules.
    req(
        "RFC5901-4.3-iodef1",
        Must,
        "A fraud activity report must validate against RFC 5070's schema with the phishing extension: PhraudReport belongs in an IODEF 1.0 document, not an IODEF 2.0 one.",
    ),
    req(
        "RFC5901-5-placement",
        Must,
        "PhraudReport is defined only as the content of Incident/EventData/AdditionalData; phishing elements anywhere else (another AdditionalData, a RecordItem, outside AdditionalData) have no defined meaning.",
    ),
    req(
        "RFC5901-5-dtype",
        Must,
        "The AdditionalData that carries a PhraudReport has dtype=\"xml\".",
    ),
    req(
        "RFC5901-5.4-version",
        Must,
        "PhraudReport's Version is REQUIRED and is 0.06 (the schema makes it optional with the default 1.0).",
    ),
    req(
        "RFC5901-5.9.2.6.2.2-ext-role",
        Must,
        "A Contact inside DomainData has ext-role (REQUIRED), one of billingContacts, technicalContacts, administrativeContacts, legalContacts, zoneContacts, abuseContacts, securityContacts, otherContacts, hostingProvider.",
    ),
    req(
        "RFC5901-5.9.3-systemstatus",
        Must,
        "DomainData has SystemStatus (REQUIRED by the prose, optional in the schema), one of spoofed, fraudulent, innocent-hacked, innocent-hijacked, unknown.",
    ),
    req(
        "RFC5901-6-assessment-impact",
        Must,
        "An Incident reporting phishing has an Assessment with an Impact (§6 mandatory elements).",
    ),
    req(
        "RFC5901-6-eventdata-detecttime",
        Must,
        "The EventData that carries a PhraudReport has a DetectTime (§6 mandatory elements).",
    ),
];
