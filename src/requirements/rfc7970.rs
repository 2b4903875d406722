//! RFC 7970 (IODEF 2.0) requirements.
//!
//! Two blocks, each in section order. The first holds the facts of the normative schema (level
//! XSD), one entry per requirement ID the IODEF 2.0 table cites, plus the data types of §2 that
//! the engine maps built-in XML Schema types to. Child lists read in document order, with `?` for
//! zero or one, `*` for any number, `+` for one or more and no mark for exactly one.
//!
//! The second block holds the rules of the RFC prose (sections 2 to 6) that a document can break
//! and that the schema does not express, at the level of their RFC 2119 keyword. Each entry says
//! above it how a validator decides it from a document, or why no document can show it.

use super::Level::*;
use super::Testing::{ReportedAs, Untestable};
use super::{Requirement, req};

/// The RFC 7970 entries.
pub(super) static CATALOG: &[Requirement] = &[
    // ---- Schema facts (XSD) ------------------------------------------------------------------
    req("RFC7970-2.1-integer", Xsd, "An INTEGER is a base-10 xs:integer: optional sign, decimal digits, nothing else."),
    req(
        "RFC7970-2.2-real",
        Xsd,
        "A REAL is an xs:float written in base 10 (decimal or exponent notation, or INF, -INF, NaN).",
    ),
    req(
        "RFC7970-2.2-positivefloat",
        Xsd,
        "PositiveFloatType, the content of TimeImpact and MonetaryImpact, is an xs:float strictly greater than zero.",
    ),
    req(
        "RFC7970-2.3-string",
        Xsd,
        "CHARACTER and STRING values are xs:string: any XML characters, whitespace kept as written.",
    )
    .tested(Untestable("xs:string accepts every sequence of XML characters, and a character XML forbids is a well-formedness error instead")),
    req(
        "RFC7970-2.4-mlstring",
        Xsd,
        "An ML_STRING (MLStringType) is string content with two optional attributes, translation-id (a string) and xml:lang (a language tag).",
    )
    .tested(ReportedAs("every element of type MLStringType (Description, ContactName, ...) cites its own class")),
    req(
        "RFC7970-2.4-description",
        Xsd,
        "Description is an ML_STRING: text with optional translation-id and xml:lang attributes.",
    ),
    req(
        "RFC7970-2.5.1-base64",
        Xsd,
        "BYTE and BYTE[] values are xs:base64Binary: base64 characters in groups of four, with correct padding.",
    )
    .tested(ReportedAs("base64 values appear only in extension content (RFC7970-5.2-atomic-extension-content) and XML Signature elements (RFC 3275 entries)")),
    req(
        "RFC7970-2.5.2-hexbin",
        Xsd,
        "HEXBIN and HEXBIN[] values are xs:hexBinary: an even number of hexadecimal digits.",
    )
    .tested(ReportedAs("hexadecimal values appear only in extension content, cited as RFC7970-5.2-atomic-extension-content")),
    req(
        "RFC7970-2.6-enum",
        Xsd,
        "An ENUM value is an xs:NMTOKEN (name characters only, surrounding whitespace dropped) drawn from the attribute's list.",
    )
    .tested(ReportedAs("each enumerated attribute cites its own entry (e.g. RFC7970-3.2-incident-purpose)")),
    req(
        "RFC7970-2.7-datetime",
        Xsd,
        "A DATETIME is an xs:dateTime: YYYY-MM-DDThh:mm:ss with optional fractional seconds and an optional Z or +hh:mm/-hh:mm offset.",
    ),
    req(
        "RFC7970-2.8-timezone",
        Xsd,
        "A TIMEZONE (TimezoneType) is a string matching Z|[+-](0[0-9]|1[0-4]):[0-5][0-9], i.e. Z or an offset from -14:59 to +14:59.",
    ),
    req(
        "RFC7970-2.9-portlist",
        Xsd,
        "A PORTLIST (PortlistType) is a comma-separated list of ports and N-M ranges, matching \\d+(-\\d+)?(,\\d+(-\\d+)?)* with no spaces.",
    ),
    req(
        "RFC7970-2.10-postal",
        Xsd,
        "A POSTAL value is an ML_STRING (free text with optional translation-id and xml:lang).",
    )
    .tested(ReportedAs("PostalAddress content and attributes cite RFC7970-3.9.2-paddress")),
    req("RFC7970-2.11-phone", Xsd, "A PHONE value is an xs:string; the schema does not check the E.164 format.")
        .tested(Untestable("a PHONE is a plain xs:string in the schema, so every string of XML characters is one")),
    req("RFC7970-2.12-email", Xsd, "An EMAIL value is an xs:string; the schema does not check the address syntax.")
        .tested(Untestable("an EMAIL is a plain xs:string in the schema, so every string of XML characters is one")),
    req("RFC7970-2.13-url", Xsd, "URL elements, and every URL-typed value, are xs:anyURI."),
    req(
        "RFC7970-2.14-id",
        Xsd,
        "An ID value (observable-id, IndicatorID content) is an xs:ID: an NCName used at most once per document.",
    ),
    req(
        "RFC7970-2.14-idref",
        Xsd,
        "An IDREF value (uid-ref) is an xs:IDREF: an NCName equal to some xs:ID value in the same document.",
    ),
    req(
        "RFC7970-2.15-software",
        Xsd,
        "A SOFTWARE (SoftwareType) holds SoftwareReference?, URL*, Description* in that order and has no attributes.",
    )
    .tested(ReportedAs("Application, OperatingSystem and AssociatedSoftware cite their own classes")),
    req(
        "RFC7970-2.15.1-softwarereference",
        Xsd,
        "SoftwareReference holds any number of elements of any namespace (validated where declared) and no text, requires spec-name and may carry ext-spec-name, dtype and ext-dtype.",
    ),
    req(
        "RFC7970-2.15.1-softwarereference-spec-name",
        Xsd,
        "SoftwareReference@spec-name takes one of custom, cpe, swid or ext-value.",
    ),
    req(
        "RFC7970-2.15.1-softwarereference-dtype",
        Xsd,
        "SoftwareReference@dtype takes one of bytes, integer, real, string, xml or ext-value.",
    ),
    req(
        "RFC7970-2.16-extension",
        Xsd,
        "An EXTENSION (ExtensionType) mixes text with any elements of any namespace (validated where declared), requires dtype and may carry name, ext-dtype, meaning, formatid, restriction, ext-restriction and observable-id.",
    )
    .tested(ReportedAs("AdditionalData, RecordItem and the other EXTENSION elements cite their own classes")),
    req(
        "RFC7970-2.16-additionaldata",
        Xsd,
        "AdditionalData is an EXTENSION: text and any elements, a required dtype and the optional EXTENSION attributes.",
    ),
    req(
        "RFC7970-2.16-extension-dtype",
        Xsd,
        "The dtype of an EXTENSION takes one of boolean, byte, bytes, character, date-time, integer, ntpstamp, portlist, real, string, file, path, frame, packet, ipv4-packet, ipv6-packet, url, csv, winreg, xml or ext-value.",
    ),
    req(
        "RFC7970-3.1-iodef-document",
        Xsd,
        "IODEF-Document holds Incident+, AdditionalData* in that order; version (which if present must be exactly 2.00), xml:lang, format-id, private-enum-name and private-enum-id are all optional.",
    ),
    req(
        "RFC7970-3.2-incident",
        Xsd,
        "Incident holds IncidentID, AlternativeID?, RelatedActivity*, DetectTime?, StartTime?, EndTime?, RecoveryTime?, ReportTime?, GenerationTime, Description*, Discovery*, Assessment*, Method*, Contact+, EventData*, IndicatorData?, History?, AdditionalData* in that order, requires purpose and may carry ext-purpose, status, ext-status, xml:lang, restriction (default private), ext-restriction and observable-id.",
    ),
    req("RFC7970-3.2-detecttime", Xsd, "DetectTime is a DATETIME."),
    req("RFC7970-3.2-starttime", Xsd, "StartTime is a DATETIME."),
    req("RFC7970-3.2-endtime", Xsd, "EndTime is a DATETIME."),
    req("RFC7970-3.2-recoverytime", Xsd, "RecoveryTime is a DATETIME."),
    req("RFC7970-3.2-reporttime", Xsd, "ReportTime is a DATETIME."),
    req("RFC7970-3.2-generationtime", Xsd, "GenerationTime is a DATETIME."),
    req(
        "RFC7970-3.2-incident-purpose",
        Xsd,
        "Incident@purpose takes one of traceback, mitigation, reporting, watch, other or ext-value.",
    ),
    req(
        "RFC7970-3.2-incident-status",
        Xsd,
        "Incident@status takes one of new, in-progress, forwarded, resolved, future or ext-value.",
    ),
    req(
        "RFC7970-3.3.1-restriction",
        Xsd,
        "Every restriction attribute takes one of default, public, partner, need-to-know, private, white, green, amber, red or ext-value.",
    ),
    req(
        "RFC7970-3.4-incidentid",
        Xsd,
        "IncidentID is string content with a required name attribute and optional instance, restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.5-alternativeid",
        Xsd,
        "AlternativeID holds IncidentID+ and may carry restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.6-relatedactivity",
        Xsd,
        "RelatedActivity holds IncidentID*, URL*, ThreatActor*, Campaign*, IndicatorID*, Confidence?, Description*, AdditionalData* in that order and may carry restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.7-threatactor",
        Xsd,
        "ThreatActor holds ThreatActorID*, URL+, Description*, AdditionalData* in that order (so at least one URL) and may carry restriction and ext-restriction.",
    ),
    req("RFC7970-3.7-threatactorid", Xsd, "ThreatActorID is a plain string."),
    req(
        "RFC7970-3.8-campaign",
        Xsd,
        "Campaign holds CampaignID*, URL*, Description*, AdditionalData* in that order and may carry restriction and ext-restriction.",
    ),
    req("RFC7970-3.8-campaignid", Xsd, "CampaignID is a plain string."),
    req(
        "RFC7970-3.9-contact",
        Xsd,
        "Contact holds ContactName*, ContactTitle*, Description*, RegistryHandle*, PostalAddress*, Email*, Telephone*, Timezone?, Contact*, AdditionalData* in that order, requires role and type and may carry ext-role, ext-type, restriction and ext-restriction.",
    ),
    req("RFC7970-3.9-contactname", Xsd, "ContactName is an ML_STRING."),
    req("RFC7970-3.9-contacttitle", Xsd, "ContactTitle is an ML_STRING."),
    req("RFC7970-3.9-timezone", Xsd, "Timezone is a TIMEZONE (Z or a signed hh:mm offset)."),
    req(
        "RFC7970-3.9-contact-role",
        Xsd,
        "Contact@role takes one of creator, reporter, admin, tech, provider, user, billing, legal, abuse, irt, cc, cc-irt, leo, vendor, vendor-services, victim, victim-notified or ext-value.",
    ),
    req("RFC7970-3.9-contact-type", Xsd, "Contact@type takes one of person, organization or ext-value."),
    req(
        "RFC7970-3.9.1-registryhandle",
        Xsd,
        "RegistryHandle is string content with optional registry and ext-registry attributes.",
    ),
    req(
        "RFC7970-3.9.1-registryhandle-registry",
        Xsd,
        "RegistryHandle@registry takes one of internic, apnic, arin, lacnic, ripe, afrinic, local or ext-value.",
    ),
    req(
        "RFC7970-3.9.2-postaladdress",
        Xsd,
        "PostalAddress holds PAddress, Description* in that order and may carry type and ext-type.",
    ),
    req("RFC7970-3.9.2-paddress", Xsd, "PAddress is an ML_STRING."),
    req("RFC7970-3.9.2-postaladdress-type", Xsd, "PostalAddress@type takes one of street, mailing or ext-value."),
    req("RFC7970-3.9.3-email", Xsd, "Email holds EmailTo, Description* in that order and may carry type and ext-type."),
    req("RFC7970-3.9.3-emailto", Xsd, "EmailTo is a plain string (an EMAIL)."),
    req("RFC7970-3.9.3-email-type", Xsd, "Email@type takes one of direct, hotline or ext-value."),
    req(
        "RFC7970-3.9.4-telephone",
        Xsd,
        "Telephone holds TelephoneNumber, Description* in that order and may carry type and ext-type.",
    ),
    req("RFC7970-3.9.4-telephonenumber", Xsd, "TelephoneNumber is a plain string (a PHONE)."),
    req("RFC7970-3.9.4-telephone-type", Xsd, "Telephone@type takes one of wired, mobile, fax, hotline or ext-value."),
    req(
        "RFC7970-3.10-discovery",
        Xsd,
        "Discovery holds Description*, Contact*, DetectionPattern* in that order and may carry source (default unknown), ext-source, restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.10-discovery-source",
        Xsd,
        "Discovery@source takes one of nidps, hips, siem, av, third-party-monitoring, incident, os-log, application-log, device-log, network-flow, passive-dns, investigation, audit, internal-notification, external-notification, leo, partner, actor, unknown or ext-value.",
    ),
    req(
        "RFC7970-3.10.1-detectionpattern",
        Xsd,
        "DetectionPattern holds Application, Description*, DetectionConfiguration* in that order and may carry restriction, ext-restriction and observable-id.",
    ),
    req(
        "RFC7970-3.10.1-detectionconfiguration",
        Xsd,
        "DetectionConfiguration, a child declared only inside DetectionPattern, is a plain string.",
    ),
    req(
        "RFC7970-3.11-method",
        Xsd,
        "Method holds Reference*, Description*, sci:AttackPattern*, sci:Vulnerability*, sci:Weakness*, AdditionalData* in that order and may carry restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.11.1-reference",
        Xsd,
        "Reference holds enum:ReferenceName?, URL*, Description* in that order and may carry observable-id.",
    ),
    req(
        "RFC7970-3.12-assessment",
        Xsd,
        "Assessment holds IncidentCategory*, then one or more of SystemImpact, BusinessImpact, TimeImpact, MonetaryImpact and IntendedImpact in any order, then Counter*, MitigatingFactor*, Cause*, Confidence?, AdditionalData*, and may carry occurrence, restriction, ext-restriction and observable-id.",
    ),
    req("RFC7970-3.12-incidentcategory", Xsd, "IncidentCategory is an ML_STRING."),
    req(
        "RFC7970-3.12-intendedimpact",
        Xsd,
        "IntendedImpact has the BusinessImpact structure: Description*, optional severity, ext-severity, type (default unknown) and ext-type.",
    ),
    req("RFC7970-3.12-mitigatingfactor", Xsd, "MitigatingFactor is an ML_STRING."),
    req("RFC7970-3.12-cause", Xsd, "Cause is an ML_STRING."),
    req("RFC7970-3.12-assessment-occurrence", Xsd, "Assessment@occurrence takes actual or potential (no ext-value)."),
    req(
        "RFC7970-3.12.1-systemimpact",
        Xsd,
        "SystemImpact holds Description* and may carry severity, completion, type (default unknown) and ext-type.",
    ),
    req(
        "RFC7970-3.12.1-systemimpact-severity",
        Xsd,
        "The severity attribute of SystemImpact, TimeImpact, MonetaryImpact and Expectation takes low, medium or high (no ext-value).",
    ),
    req("RFC7970-3.12.1-systemimpact-completion", Xsd, "SystemImpact@completion takes failed or succeeded."),
    req(
        "RFC7970-3.12.1-systemimpact-type",
        Xsd,
        "SystemImpact@type takes one of takeover-account, takeover-service, takeover-system, cps-manipulation, cps-damage, availability-data, availability-account, availability-service, availability-system, damaged-system, damaged-data, breach-proprietary, breach-privacy, breach-credential, breach-configuration, integrity-data, integrity-configuration, integrity-hardware, traffic-redirection, monitoring-traffic, monitoring-host, policy, unknown or ext-value.",
    ),
    req(
        "RFC7970-3.12.2-businessimpact",
        Xsd,
        "BusinessImpact holds Description* and may carry severity, ext-severity, type (default unknown) and ext-type.",
    ),
    req(
        "RFC7970-3.12.2-businessimpact-severity",
        Xsd,
        "BusinessImpact@severity (and IntendedImpact@severity) takes one of none, low, medium, high, unknown or ext-value.",
    ),
    req(
        "RFC7970-3.12.2-businessimpact-type",
        Xsd,
        "BusinessImpact@type (and IntendedImpact@type) takes one of breach-proprietary, breach-privacy, breach-credential, loss-of-integrity, loss-of-service, theft-financial, theft-service, degraded-reputation, asset-damage, asset-manipulation, legal, extortion, unknown or ext-value.",
    ),
    req(
        "RFC7970-3.12.3-timeimpact",
        Xsd,
        "TimeImpact holds a positive float, requires metric and may carry severity, ext-metric, duration and ext-duration.",
    ),
    req(
        "RFC7970-3.12.3-timeimpact-metric",
        Xsd,
        "TimeImpact@metric takes one of labor, elapsed, downtime or ext-value.",
    ),
    req(
        "RFC7970-3.12.3-timeimpact-duration",
        Xsd,
        "The duration attribute of TimeImpact and Counter takes one of second, minute, hour, day, month, quarter, year or ext-value.",
    ),
    req(
        "RFC7970-3.12.4-monetaryimpact",
        Xsd,
        "MonetaryImpact holds a positive float and may carry severity and currency (a string).",
    ),
    req(
        "RFC7970-3.12.5-confidence",
        Xsd,
        "Confidence is an empty element (no text, no children) that requires rating and may carry ext-rating.",
    ),
    req(
        "RFC7970-3.12.5-confidence-rating",
        Xsd,
        "Confidence@rating takes one of low, medium, high, numeric, unknown or ext-value.",
    ),
    req("RFC7970-3.13-history", Xsd, "History holds HistoryItem+ and may carry restriction and ext-restriction."),
    req(
        "RFC7970-3.13.1-historyitem",
        Xsd,
        "HistoryItem holds DateTime, IncidentID?, Contact?, Description*, DefinedCOA*, AdditionalData* in that order, requires action and may carry ext-action, restriction, ext-restriction and observable-id.",
    ),
    req("RFC7970-3.13.1-datetime", Xsd, "DateTime is a DATETIME."),
    req("RFC7970-3.13.1-definedcoa", Xsd, "DefinedCOA is a plain string."),
    req(
        "RFC7970-3.14-eventdata",
        Xsd,
        "EventData holds Description*, DetectTime?, StartTime?, EndTime?, RecoveryTime?, ReportTime?, Contact*, Discovery*, Assessment?, Method*, Flow*, Expectation*, Record?, EventData*, AdditionalData* in that order and may carry restriction, ext-restriction and observable-id.",
    ),
    req(
        "RFC7970-3.15-expectation",
        Xsd,
        "Expectation holds Description*, DefinedCOA*, StartTime?, EndTime?, Contact? in that order and may carry action (default other), ext-action, severity, restriction, ext-restriction and observable-id.",
    ),
    req(
        "RFC7970-3.15-expectation-action",
        Xsd,
        "Expectation@action and HistoryItem@action take one of nothing, contact-source-site, contact-target-site, contact-sender, investigate, block-host, block-network, block-port, rate-limit-host, rate-limit-network, rate-limit-port, redirect-traffic, honeypot, upgrade-software, rebuild-asset, harden-asset, remediate-other, status-triage, status-new-info, watch-and-report, defined-coa, other or ext-value.",
    ),
    req("RFC7970-3.16-flow", Xsd, "Flow holds System+ and has no attributes."),
    req(
        "RFC7970-3.17-system",
        Xsd,
        "System holds Node, NodeRole*, Service*, OperatingSystem*, Counter*, AssetID*, Description*, AdditionalData* in that order and may carry category, ext-category, interface, spoofed, virtual (both default unknown), ownership, ext-ownership, restriction, ext-restriction and observable-id.",
    ),
    req("RFC7970-3.17-operatingsystem", Xsd, "OperatingSystem is a SOFTWARE: SoftwareReference?, URL*, Description*."),
    req("RFC7970-3.17-assetid", Xsd, "AssetID, a child declared only inside System, is a plain string."),
    req(
        "RFC7970-3.17-system-category",
        Xsd,
        "System@category takes one of source, target, intermediate, sensor, infrastructure or ext-value.",
    ),
    req("RFC7970-3.17-system-spoofed", Xsd, "System@spoofed and System@virtual take yes, no or unknown."),
    req(
        "RFC7970-3.17-system-ownership",
        Xsd,
        "System@ownership takes one of organization, personal, partner, customer, no-relationship, unknown or ext-value.",
    ),
    req(
        "RFC7970-3.18-node",
        Xsd,
        "Node holds any mix of DomainData and Address (possibly none), then PostalAddress?, Location*, Counter*, and has no attributes.",
    ),
    req("RFC7970-3.18-location", Xsd, "Location is an ML_STRING."),
    req(
        "RFC7970-3.18.1-address",
        Xsd,
        "Address is string content with optional category (default ipv6-addr), ext-category, vlan-name, vlan-num (an integer) and observable-id.",
    ),
    req(
        "RFC7970-3.18.1-address-category",
        Xsd,
        "Address@category takes one of asn, atm, e-mail, mac, ipv4-addr, ipv4-net, ipv4-net-masked, ipv4-net-mask, ipv6-addr, ipv6-net, ipv6-net-masked, site-uri or ext-value.",
    ),
    req("RFC7970-3.18.2-noderole", Xsd, "NodeRole holds Description*, requires category and may carry ext-category."),
    req(
        "RFC7970-3.18.2-noderole-category",
        Xsd,
        "NodeRole@category takes one of client, client-enterprise, client-partner, client-remote, client-kiosk, client-mobile, server-internal, server-public, www, mail, webmail, messaging, streaming, voice, file, ftp, p2p, name, directory, credential, print, application, database, backup, dhcp, assessment, source-control, config-management, monitoring, infra, infra-firewall, infra-router, infra-switch, camera, proxy, remote-access, log, virtualization, pos, scada, scada-supervisory, sinkhole, honeypot, anonymization, c2-server, malware-distribution, drop-server, hop-point, reflector, phishing-site, spear-phishing-site, recruiting-site, fraudulent-site or ext-value.",
    ),
    req(
        "RFC7970-3.18.3-counter",
        Xsd,
        "Counter holds an xs:float, requires type and unit and may carry ext-type, ext-unit, meaning, duration and ext-duration.",
    ),
    req("RFC7970-3.18.3-counter-type", Xsd, "Counter@type takes one of counter, rate, average or ext-value."),
    req(
        "RFC7970-3.18.3-counter-unit",
        Xsd,
        "Counter@unit takes one of byte, mbit, packet, flow, session, event, alert, message, host, site, organization or ext-value.",
    ),
    req(
        "RFC7970-3.19-domaindata",
        Xsd,
        "DomainData holds Name, DateDomainWasChecked?, RegistrationDate?, ExpirationDate?, RelatedDNS*, Nameservers*, DomainContacts? in that order and may carry system-status, ext-system-status, domain-status, ext-domain-status and observable-id.",
    ),
    req("RFC7970-3.19-name", Xsd, "Name (the domain name of DomainData) is a plain string."),
    req("RFC7970-3.19-datedomainwaschecked", Xsd, "DateDomainWasChecked is a DATETIME."),
    req("RFC7970-3.19-registrationdate", Xsd, "RegistrationDate is a DATETIME."),
    req("RFC7970-3.19-expirationdate", Xsd, "ExpirationDate is a DATETIME."),
    req("RFC7970-3.19-relateddns", Xsd, "RelatedDNS is an EXTENSION."),
    req(
        "RFC7970-3.19-domaindata-system-status",
        Xsd,
        "DomainData@system-status takes exactly (no surrounding whitespace, the type being a plain string) one of spoofed, fraudulent, innocent-hacked, innocent-hijacked, unknown or ext-value.",
    ),
    req(
        "RFC7970-3.19-domaindata-domain-status",
        Xsd,
        "DomainData@domain-status takes exactly (no surrounding whitespace, the type being a plain string) one of reservedDelegation, assignedAndActive, assignedAndInactive, assignedAndOnHold, revoked, transferPending, registryLock, registrarLock, other, unknown or ext-value.",
    ),
    req("RFC7970-3.19.1-nameservers", Xsd, "Nameservers holds Server, Address+ in that order and has no attributes."),
    req("RFC7970-3.19.1-server", Xsd, "Server is a plain string."),
    req(
        "RFC7970-3.19.2-domaincontacts",
        Xsd,
        "DomainContacts holds either one SameDomainContact or one or more Contact, and has no attributes.",
    ),
    req("RFC7970-3.19.2-samedomaincontact", Xsd, "SameDomainContact is a plain string."),
    req(
        "RFC7970-3.20-service",
        Xsd,
        "Service holds ServiceName?, Port?, Portlist?, ProtoType?, ProtoCode?, ProtoField?, ApplicationHeader?, EmailData?, Application? in that order and may carry ip-protocol (an integer) and observable-id.",
    ),
    req("RFC7970-3.20-port", Xsd, "Port is an INTEGER."),
    req("RFC7970-3.20-portlist", Xsd, "Portlist is a PORTLIST."),
    req("RFC7970-3.20-prototype", Xsd, "ProtoType is an INTEGER."),
    req("RFC7970-3.20-protocode", Xsd, "ProtoCode is an INTEGER."),
    req("RFC7970-3.20-protofield", Xsd, "ProtoField is an INTEGER."),
    req("RFC7970-3.20-application", Xsd, "Application is a SOFTWARE: SoftwareReference?, URL*, Description*."),
    req(
        "RFC7970-3.20.1-servicename",
        Xsd,
        "ServiceName holds IANAService?, URL*, Description* in that order and has no attributes.",
    ),
    req("RFC7970-3.20.1-ianaservice", Xsd, "IANAService is a plain string."),
    req(
        "RFC7970-3.20.2-applicationheader",
        Xsd,
        "ApplicationHeader holds ApplicationHeaderField+ and has no attributes.",
    ),
    req("RFC7970-3.20.2-applicationheaderfield", Xsd, "ApplicationHeaderField is an EXTENSION."),
    req(
        "RFC7970-3.21-emaildata",
        Xsd,
        "EmailData holds EmailTo*, EmailFrom?, EmailSubject?, EmailX-Mailer?, EmailHeaderField*, EmailHeaders?, EmailBody?, EmailMessage?, HashData*, SignatureData* in that order and may carry observable-id.",
    ),
    req("RFC7970-3.21-emailfrom", Xsd, "EmailFrom is a plain string."),
    req("RFC7970-3.21-emailsubject", Xsd, "EmailSubject is a plain string."),
    req("RFC7970-3.21-emailx-mailer", Xsd, "EmailX-Mailer is a plain string."),
    req("RFC7970-3.21-emailheaderfield", Xsd, "EmailHeaderField is an EXTENSION."),
    req("RFC7970-3.21-emailheaders", Xsd, "EmailHeaders is a plain string."),
    req("RFC7970-3.21-emailbody", Xsd, "EmailBody is a plain string."),
    req("RFC7970-3.21-emailmessage", Xsd, "EmailMessage is a plain string."),
    req("RFC7970-3.22-record", Xsd, "Record holds RecordData+ and may carry restriction and ext-restriction."),
    req(
        "RFC7970-3.22.1-recorddata",
        Xsd,
        "RecordData holds DateTime?, Description*, Application?, RecordPattern*, RecordItem*, URL*, FileData*, WindowsRegistryKeysModified*, CertificateData*, AdditionalData* in that order and may carry restriction, ext-restriction and observable-id.",
    ),
    req("RFC7970-3.22.1-recorditem", Xsd, "RecordItem is an EXTENSION."),
    req(
        "RFC7970-3.22.2-recordpattern",
        Xsd,
        "RecordPattern is string content, requires type and may carry ext-type, offset (an integer), offsetunit (default line), ext-offsetunit and instance (an integer).",
    ),
    req("RFC7970-3.22.2-recordpattern-type", Xsd, "RecordPattern@type takes one of regex, binary, xpath or ext-value."),
    req(
        "RFC7970-3.22.2-recordpattern-offsetunit",
        Xsd,
        "RecordPattern@offsetunit takes one of line, byte or ext-value.",
    ),
    req(
        "RFC7970-3.23-windowsregistrykeysmodified",
        Xsd,
        "WindowsRegistryKeysModified holds Key+ and may carry observable-id.",
    ),
    req(
        "RFC7970-3.23.1-key",
        Xsd,
        "Key holds KeyName, Value? in that order and may carry registryaction, ext-registryaction and observable-id.",
    ),
    req("RFC7970-3.23.1-keyname", Xsd, "KeyName is a plain string."),
    req("RFC7970-3.23.1-value", Xsd, "Value (the registry value of a Key) is a plain string."),
    req(
        "RFC7970-3.23.1-key-registryaction",
        Xsd,
        "Key@registryaction takes one of add-key, add-value, delete-key, delete-value, modify-key, modify-value or ext-value.",
    ),
    req(
        "RFC7970-3.24-certificatedata",
        Xsd,
        "CertificateData holds Certificate+ and may carry restriction, ext-restriction and observable-id.",
    ),
    req(
        "RFC7970-3.24.1-certificate",
        Xsd,
        "Certificate holds ds:X509Data, Description* in that order and may carry observable-id.",
    ),
    req(
        "RFC7970-3.25-filedata",
        Xsd,
        "FileData holds File+ and may carry restriction, ext-restriction and observable-id.",
    ),
    req(
        "RFC7970-3.25.1-file",
        Xsd,
        "File holds FileName?, FileSize?, FileType?, URL*, HashData?, SignatureData?, AssociatedSoftware?, FileProperties* in that order and may carry observable-id.",
    ),
    req("RFC7970-3.25.1-filename", Xsd, "FileName is a plain string."),
    req("RFC7970-3.25.1-filesize", Xsd, "FileSize is an INTEGER."),
    req("RFC7970-3.25.1-filetype", Xsd, "FileType is a plain string."),
    req(
        "RFC7970-3.25.1-associatedsoftware",
        Xsd,
        "AssociatedSoftware is a SOFTWARE: SoftwareReference?, URL*, Description*.",
    ),
    req("RFC7970-3.25.1-fileproperties", Xsd, "FileProperties is an EXTENSION."),
    req(
        "RFC7970-3.26-hashdata",
        Xsd,
        "HashData holds HashTargetID?, Hash*, FuzzyHash* in that order, requires scope and may carry ext-scope.",
    ),
    req("RFC7970-3.26-hashtargetid", Xsd, "HashTargetID is a plain string."),
    req(
        "RFC7970-3.26-hashdata-scope",
        Xsd,
        "HashData@scope takes one of file-contents, file-pe-section, file-pe-iat, file-pe-resource, file-pdf-object, email-hash, email-headers-hash, email-body-hash or ext-value.",
    ),
    req(
        "RFC7970-3.26.1-hash",
        Xsd,
        "Hash holds ds:DigestMethod, ds:DigestValue, ds:CanonicalizationMethod?, Application? in that order and has no attributes.",
    ),
    req(
        "RFC7970-3.26.2-fuzzyhash",
        Xsd,
        "FuzzyHash holds FuzzyHashValue+, Application?, AdditionalData* in that order and has no attributes.",
    ),
    req("RFC7970-3.26.2-fuzzyhashvalue", Xsd, "FuzzyHashValue is an EXTENSION."),
    req("RFC7970-3.27-signaturedata", Xsd, "SignatureData holds ds:Signature+ and has no attributes."),
    req("RFC7970-3.28-indicatordata", Xsd, "IndicatorData holds Indicator+ and has no attributes."),
    req(
        "RFC7970-3.29-indicator",
        Xsd,
        "Indicator holds IndicatorID, AlternativeIndicatorID*, Description*, StartTime?, EndTime?, Confidence?, Contact*, exactly one of Observable, ObservableReference, IndicatorExpression or IndicatorReference, then NodeRole*, AttackPhase*, Reference*, AdditionalData*, and may carry restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.29.1-indicatorid",
        Xsd,
        "IndicatorID is ID content (an NCName unique in the document) with required name and version attributes.",
    ),
    req(
        "RFC7970-3.29.2-alternativeindicatorid",
        Xsd,
        "AlternativeIndicatorID holds IndicatorID+ and may carry restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.29.3-observable",
        Xsd,
        "Observable holds at most one of System, Address, DomainData, Service, EmailData, WindowsRegistryKeysModified, FileData, CertificateData, RegistryHandle, RecordData, EventData, Incident, Expectation, Reference, Assessment, DetectionPattern, HistoryItem or BulkObservable, or else any number of AdditionalData, and may carry restriction and ext-restriction.",
    ),
    req(
        "RFC7970-3.29.3.1-bulkobservable",
        Xsd,
        "BulkObservable holds BulkObservableFormat?, BulkObservableList, AdditionalData* in that order, requires type and may carry ext-type.",
    ),
    req(
        "RFC7970-3.29.3.1-bulkobservablelist",
        Xsd,
        "The global BulkObservableList is a plain string, but the BulkObservableList inside BulkObservable is declared without a type and accepts any content.",
    )
    .tested(Untestable("the BulkObservableList inside BulkObservable is xs:anyType, which accepts any content and attributes; the global declaration is never reachable from an IODEF-Document")),
    req(
        "RFC7970-3.29.3.1-bulkobservable-type",
        Xsd,
        "BulkObservable@type takes one of asn, atm, e-mail, ipv4-addr, ipv4-net, ipv4-net-mask, ipv6-addr, ipv6-net, ipv6-net-mask, mac, site-uri, domain-name, domain-to-ipv4, domain-to-ipv6, domain-to-ipv4-timestamp, domain-to-ipv6-timestamp, ipv4-port, ipv6-port, windows-reg-key, file-hash, email-x-mailer, email-subject, http-user-agent, http-request-uri, mutex, file-path or user-name (no ext-value).",
    ),
    req(
        "RFC7970-3.29.3.1.1-bulkobservableformat",
        Xsd,
        "BulkObservableFormat holds Hash?, AdditionalData* in that order and has no attributes.",
    ),
    req(
        "RFC7970-3.29.4-indicatorexpression",
        Xsd,
        "IndicatorExpression holds one or more groups, each one IndicatorExpression, Observable, ObservableReference or IndicatorReference followed by Confidence? and AdditionalData*, and may carry operator (default and) and ext-operator.",
    ),
    req(
        "RFC7970-3.29.4-indicatorexpression-operator",
        Xsd,
        "IndicatorExpression@operator takes not, and, or or xor (no ext-value).",
    ),
    req("RFC7970-3.29.6-observablereference", Xsd, "ObservableReference is empty and requires uid-ref, an IDREF."),
    req(
        "RFC7970-3.29.7-indicatorreference",
        Xsd,
        "IndicatorReference is empty and may carry uid-ref (an IDREF), euid-ref and version.",
    ),
    req(
        "RFC7970-3.29.8-attackphase",
        Xsd,
        "AttackPhase holds AttackPhaseID*, URL+, Description*, AdditionalData* in that order (so at least one URL) and has no attributes.",
    ),
    req("RFC7970-3.29.8-attackphaseid", Xsd, "AttackPhaseID is a plain string."),
    // ---- Prose rules the schema does not express (MUST / SHOULD) -----------------------------
    // check: a SOFTWARE element (Application, OperatingSystem, AssociatedSoftware) has at least one child element.
    req(
        "RFC7970-2.15-software-nonempty",
        Must,
        "Application, OperatingSystem and AssociatedSoftware must contain at least one of SoftwareReference, URL or Description.",
    ),
    // check: SoftwareReference with spec-name="custom" carries a dtype attribute.
    req("RFC7970-2.15.1-custom-dtype", Must, "A SoftwareReference whose spec-name is custom must also set dtype."),
    // check: the root IODEF-Document carries a version attribute (the schema already pins its value).
    req(
        "RFC7970-3.1-version",
        Must,
        "IODEF-Document must state version=\"2.00\"; leaving the attribute out is not allowed.",
    ),
    // check: private-enum-name is a fully qualified domain name (dot-separated DNS labels).
    req(
        "RFC7970-3.1-private-enum-name-fqdn",
        Must,
        "IODEF-Document@private-enum-name must be the fully qualified domain name of the CSIRT that generated the document.",
    ),
    // check: when IODEF-Document has private-enum-id it also has private-enum-name.
    req(
        "RFC7970-3.1-private-enum-id-needs-name",
        Must,
        "An IODEF-Document that sets private-enum-id must also set private-enum-name.",
    ),
    // check: every IncidentID@name is a fully qualified domain name (dot-separated DNS labels).
    req(
        "RFC7970-3.4-incidentid-name-fqdn",
        Must,
        "IncidentID@name must be the fully qualified domain name of the CSIRT that created the document.",
    ),
    // untestable: global uniqueness depends on every document ever issued, not on this one.
    req(
        "RFC7970-3.4-incidentid-unique",
        Must,
        "The pair of IncidentID@name and its content must identify the activity uniquely across the world.",
    )
    .tested(Untestable("global uniqueness cannot be judged from a single document")),
    // untestable: reuse is a property of the CSIRT's history of documents.
    req(
        "RFC7970-3.4-incidentid-no-reuse",
        Must,
        "A CSIRT must not reuse an IncidentID value in its documents except to refer to the same incident.",
    )
    .tested(Untestable("reuse across a CSIRT's documents is invisible in any one document")),
    // check: RelatedActivity has at least one IncidentID, URL, ThreatActor, Campaign, Description or AdditionalData child.
    req(
        "RFC7970-3.6-relatedactivity-nonempty",
        Must,
        "RelatedActivity must contain at least one IncidentID, URL, ThreatActor, Campaign, Description or AdditionalData (IndicatorID or Confidence alone is not enough).",
    ),
    // check: Campaign has at least one child element.
    req("RFC7970-3.8-campaign-nonempty", Must, "Campaign must contain at least one child element."),
    // check: Contact has at least one child element.
    req(
        "RFC7970-3.9-contact-nonempty",
        Must,
        "Contact must contain at least one child element; attributes alone do not make a contact.",
    ),
    // check: DetectionPattern has at least one Description or DetectionConfiguration child.
    req(
        "RFC7970-3.10.1-detectionpattern-content",
        Must,
        "DetectionPattern must contain a Description or a DetectionConfiguration besides its Application.",
    ),
    // check: Method has at least one child element.
    req("RFC7970-3.11-method-nonempty", Must, "Method must contain at least one child element."),
    // check: Reference has at least one child element.
    req(
        "RFC7970-3.11.1-reference-nonempty",
        Must,
        "Reference must contain at least one of enum:ReferenceName, URL or Description.",
    ),
    // check: a HistoryItem with action="defined-coa" has at least one DefinedCOA child.
    req(
        "RFC7970-3.13.1-historyitem-definedcoa",
        Must,
        "A HistoryItem whose action is defined-coa must contain a DefinedCOA.",
    ),
    // check: EventData has at least one child element.
    req("RFC7970-3.14-eventdata-nonempty", Must, "EventData must contain at least one child element."),
    // check: an Expectation with action="defined-coa" has at least one DefinedCOA child.
    req(
        "RFC7970-3.15-expectation-definedcoa",
        Must,
        "An Expectation whose action is defined-coa must contain a DefinedCOA.",
    ),
    // check: Node has at least one DomainData or Address child.
    req("RFC7970-3.18-node-address-or-domain", Must, "Node must contain at least one DomainData or Address."),
    // check: every Address inside Nameservers has category ipv4-addr or ipv6-addr (absent counts as the default ipv6-addr).
    req(
        "RFC7970-3.19.1-nameservers-address-category",
        Must,
        "An Address inside Nameservers must have category ipv4-addr or ipv6-addr.",
    ),
    // check: Service has at least one child element.
    req("RFC7970-3.20-service-nonempty", Must, "Service must contain at least one child element."),
    // check: a Service with a Port, Portlist, ProtoCode, ProtoType or ProtoField child carries ip-protocol.
    req(
        "RFC7970-3.20-service-ip-protocol",
        Must,
        "A Service that has a Port, Portlist, ProtoCode, ProtoType or ProtoField must set ip-protocol.",
    ),
    // check: in a Flow with one source and one target System whose Services both have a Portlist, the two lists name the same number of ports (the n-th-to-n-th pairing itself cannot be checked).
    req(
        "RFC7970-3.20-flow-portlist-order",
        Must,
        "When a Flow pairs a source and a target System that both give a Portlist, the lists must have equally many ports, listed so that the n-th source port matches the n-th target port.",
    ),
    // check: a Flow in which a Portlist names more than one port has at most one System with category="source" and at most one with category="target".
    req(
        "RFC7970-3.20-flow-single-source-target",
        Must,
        "A Flow whose paired Portlists name more than one port must hold only one source System and one target System.",
    ),
    // check: ServiceName has at least one child element.
    req(
        "RFC7970-3.20.1-servicename-nonempty",
        Must,
        "ServiceName must contain at least one of IANAService, URL or Description.",
    ),
    // check: ApplicationHeaderField has a name attribute and non-empty content.
    req(
        "RFC7970-3.20.2-applicationheaderfield-name-value",
        Must,
        "ApplicationHeaderField must give the header field's name in its name attribute and the field's value as its content.",
    ),
    // check: EmailHeaderField has a name attribute, non-empty content and dtype="string".
    req(
        "RFC7970-3.21-emailheaderfield-form",
        Must,
        "EmailHeaderField must give the header name in its name attribute, the header value as its content, and dtype=\"string\".",
    ),
    // untestable: which lines belong to which kind of log is not visible in the document.
    req("RFC7970-3.22-recorddata-per-log-type", Should, "Each kind of log should get its own RecordData.")
        .tested(Untestable("the kind of log behind a RecordData is not stated in the document")),
    // check: RecordData has at least one RecordItem, URL, FileData, WindowsRegistryKeysModified, CertificateData or AdditionalData child.
    req(
        "RFC7970-3.22.1-recorddata-nonempty",
        Must,
        "RecordData must contain at least one RecordItem, URL, FileData, WindowsRegistryKeysModified, CertificateData or AdditionalData.",
    ),
    // check: HashData has at least one Hash or FuzzyHash child.
    req("RFC7970-3.26-hashdata-nonempty", Must, "HashData must contain at least one Hash or FuzzyHash."),
    // check: HashData with scope file-pe-section, file-pe-resource or file-pdf-object has a HashTargetID child.
    req(
        "RFC7970-3.26-hashdata-target-id",
        Must,
        "HashData whose scope is file-pe-section, file-pe-resource or file-pdf-object must identify the hashed part in HashTargetID.",
    ),
    // check: HashData with scope file-pe-iat has an Application in each of its Hash and FuzzyHash children.
    req(
        "RFC7970-3.26-hashdata-iat-application",
        Must,
        "HashData whose scope is file-pe-iat must name the hashing tool in the Application of its Hash or FuzzyHash.",
    ),
    // check: every IndicatorID@name is a fully qualified domain name (dot-separated DNS labels).
    req(
        "RFC7970-3.29.1-indicatorid-name-fqdn",
        Must,
        "IndicatorID@name must be the fully qualified domain name of the CSIRT that created the indicator.",
    ),
    // untestable: reuse is a property of the CSIRT's history of indicators.
    req(
        "RFC7970-3.29.1-indicatorid-no-reuse",
        Must,
        "A CSIRT must not reuse an IndicatorID value except to refer to the same indicator.",
    )
    .tested(Untestable("reuse across a CSIRT's indicators is invisible in any one document")),
    // check: Observable has at least one child element (the schema already limits it to one kind).
    req(
        "RFC7970-3.29.3-observable-one-child",
        Must,
        "Observable must contain exactly one of its possible child classes; an empty Observable is not allowed.",
    ),
    // check: a BulkObservable with type="file-hash" has a BulkObservableFormat child that contains a Hash.
    req(
        "RFC7970-3.29.3.1-file-hash-format",
        Must,
        "A BulkObservable of type file-hash must describe the hash format in a Hash inside its BulkObservableFormat.",
    ),
    // check: BulkObservableFormat has at least one child element.
    req(
        "RFC7970-3.29.3.1.1-bulkobservableformat-nonempty",
        Must,
        "BulkObservableFormat must contain a Hash or an AdditionalData.",
    ),
    // check: an IndicatorExpression with operator="not" has exactly one operand (IndicatorExpression, Observable, ObservableReference or IndicatorReference child).
    req(
        "RFC7970-3.29.5-valid-expression",
        Must,
        "An IndicatorExpression must not encode an invalid boolean expression, such as a not operator applied to more than one operand.",
    ),
    // check: IndicatorReference carries uid-ref or euid-ref.
    req("RFC7970-3.29.7-indicatorreference-target", Must, "IndicatorReference must set uid-ref or euid-ref."),
    // check: the document starts with an XML declaration (which always states the XML version).
    req(
        "RFC7970-4.1-xml-declaration",
        Must,
        "An IODEF document must begin with an XML declaration stating the XML version.",
    ),
    // check: the XML declaration has an encoding declaration.
    req("RFC7970-4.1-encoding-declared", Must, "The XML declaration must name the character encoding explicitly."),
    // check: the declared encoding is UTF-8; UTF-16 is reported as a remark only, since whether it was necessary cannot be seen.
    req("RFC7970-4.1-utf8", Should, "Documents should be encoded in UTF-8, using UTF-16 only when necessary."),
    // check: the declared encoding is UTF-8 or UTF-16 (case-insensitive).
    req("RFC7970-4.1-other-encodings", Should, "Encodings other than UTF-8 and UTF-16 should not be used."),
    // check: the XML parser accepts the document, i.e. no literal '<' or '&' appears in text or attribute values (§2.3 makes the same demand).
    req(
        "RFC7970-4.1-escaped-characters",
        Must,
        "Characters with special meaning in XML must be written as character or entity references, never literally.",
    ),
    // check: the root element is IODEF-Document in the IODEF 2.0 namespace (a known draft namespace is named as such).
    req(
        "RFC7970-4.2-namespace",
        Must,
        "An IODEF 2.0 document's root is IODEF-Document in the namespace urn:ietf:params:xml:ns:iodef-2.0.",
    ),
    // check: the root element carries an xsi:schemaLocation attribute that mentions the IODEF 2.0 namespace or schema.
    req(
        "RFC7970-4.2-schema-location",
        Must,
        "Every IODEF document must reference the IODEF schema with an xsi:schemaLocation attribute.",
    ),
    // check: the XML parser reports no well-formedness error.
    req("RFC7970-4.3-well-formed", Must, "An IODEF document must be well-formed XML."),
    // check: every extensible attribute equal to "ext-value" is accompanied by its ext-* attribute on the same element.
    req(
        "RFC7970-5.1.1-ext-value-needs-ext-attribute",
        Must,
        "An attribute set to ext-value must be accompanied by its ext-* counterpart carrying the private value.",
    ),
    // check: every ext-* attribute appears only where its base attribute is present with the value "ext-value".
    req(
        "RFC7970-5.1.1-ext-attribute-needs-ext-value",
        Must,
        "An ext-* attribute must not be set unless its base attribute is set to ext-value.",
    ),
    // untestable: which class is "most closely related" to new information is a judgement call.
    req(
        "RFC7970-5.2-extension-placement",
        Should,
        "An extension should be placed in the class most closely related to the information it adds.",
    )
    .tested(Untestable("closeness of the chosen class to the added information is a matter of judgement")),
    // check: an EXTENSION whose dtype is neither "xml" nor "ext-value" has no child elements and its text is a valid value of the type dtype names (boolean, byte/file: base64, bytes/frame/packet/ipv4-packet/ipv6-packet: hexBinary, character: one character, date-time/ntpstamp: dateTime, integer, portlist, real, url).
    req(
        "RFC7970-5.2-atomic-extension-content",
        Must,
        "An atomic extension must carry its value as element content, and its dtype must match the type of that content.",
    ),
    // check: an EXTENSION that has child elements has dtype="xml".
    req("RFC7970-5.2-xml-extension-dtype", Must, "An extension carrying XML must set dtype to xml."),
    // check: every child element of a dtype="xml" EXTENSION is in a namespace of its own (not unqualified, not the IODEF 2.0 namespace).
    req(
        "RFC7970-5.2-extension-namespace",
        Must,
        "XML carried in an extension must belong to a separate namespace declared by the extension schema.",
    ),
    // check: the prefix bound to each extension namespace in the document starts with "iodef-".
    req("RFC7970-5.2-extension-prefix", Should, "Extension namespaces should use a prefix starting with iodef-."),
    // check: every element of an extension namespace has a local name starting with an upper-case letter.
    req(
        "RFC7970-5.2-extension-element-names",
        Should,
        "Element names of an extension should be capitalised, with a capital letter starting each word of a composed name.",
    ),
    // check: every unqualified attribute on an extension element is all lower case (composed words separated by hyphens).
    req(
        "RFC7970-5.2-extension-attribute-names",
        Should,
        "Attribute names of an extension should be lower case, with hyphens between the words of a composed name.",
    ),
    // check: IODEF-Document carries xml:lang (a document without it states no language).
    req(
        "RFC7970-6-document-language",
        Must,
        "Every IODEF document must state the language of its content, normally with xml:lang on IODEF-Document.",
    ),
];
