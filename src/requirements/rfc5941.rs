//! RFC 5941 (IODEF transaction fraud extension, "Thraud") requirements.
//!
//! The first block holds the facts of the schema of §10 that the Thraud table
//! (`crate::schema::thraud`) enforces; the second the prose rules a document can break that the
//! schema does not express (RFC 5941 is Informational, but states them with SHALL and MUST).

use super::Level::*;
use super::{Requirement, Testing, req};

/// The RFC 5941 entries.
pub(super) static CATALOG: &[Requirement] = &[
    // -----------------------------------------------------------------------------------------
    // Schema facts.
    req(
        "RFC5941-5.1-payment",
        Xsd,
        "FraudEventPayment holds PayeeName?, PostalAddress?, PayeeAmount?, in that order.",
    ),
    req(
        "RFC5941-5.2-transfer",
        Xsd,
        "FraudEventTransfer holds BankID?, AccountID?, AccountType?, TransferAmount?, in that order.",
    ),
    req("RFC5941-5.2.1-bankid", Xsd, "BankID is a string with a required namespace attribute, an xs:anyURI."),
    req(
        "RFC5941-5.3-identity",
        Xsd,
        "FraudEventIdentity holds one or more IdentityComponent, each an iodef:ExtensionType (dtype required).",
    ),
    req("RFC5941-5.3.1.2-userid", Xsd, "The global thraud:UserID element is a string.").tested(Testing::Untestable(
        "no content model of the schema refers to thraud:UserID, so a document can only use it where RFC5941-4-placement is broken first",
    )),
    req(
        "RFC5941-5.4-other",
        Xsd,
        "FraudEventOther holds OtherEventType (a URI), then PayeeName?, PostalAddress?, BankID?, AccountID?, AccountType?, PayeeAmount?, OtherEventDescription?.",
    ),
    req("RFC5941-5.5-amount", Xsd, "PayeeAmount and TransferAmount are xs:decimal amounts."),
    // -----------------------------------------------------------------------------------------
    // Prose rules.
    req(
        "RFC5941-4-iodef1",
        Must,
        "A Thraud Report is an IODEF-Document as defined in RFC 5070: Thraud Records belong in IODEF 1.0 documents, not IODEF 2.0 ones.",
    ),
    req(
        "RFC5941-4-one-record",
        Must,
        "An AdditionalData that holds a Thraud Record holds exactly one of FraudEventPayment, FraudEventTransfer, FraudEventIdentity, FraudEventOther, and nothing else.",
    ),
    req(
        "RFC5941-4-placement",
        Must,
        "Thraud Records are defined only as the content of Incident/EventData/AdditionalData; anywhere else they have no defined meaning.",
    ),
    req("RFC5941-5-dtype", Must, "The AdditionalData that carries a Thraud Record has dtype=\"xml\"."),
    req(
        "RFC5941-5.1-payment-component",
        Must,
        "A FraudEventPayment has at least one component (the schema accepts an empty one).",
    ),
    req(
        "RFC5941-5.2-transfer-component",
        Must,
        "A FraudEventTransfer has at least one component (the schema accepts an empty one).",
    ),
    req(
        "RFC5941-5.2.2-iban",
        Must,
        "When BankID's namespace names iso13616_1_2007, AccountID is the IBAN in electronic form, without spaces.",
    ),
    req(
        "RFC5941-5.3.1-identity-component",
        Must,
        "An IdentityComponent meaning \"victim email address\" has dtype=\"string\" and holds an iodef:Email; one meaning \"victim user id\" has dtype=\"string\".",
    ),
    req(
        "RFC5941-5.5.2-currency",
        Must,
        "Every amount has a currency attribute (REQUIRED by the prose, optional in the schema) holding a three-letter ISO 4217 code.",
    ),
    req(
        "RFC5941-6.1-contact",
        Must,
        "An Incident carrying a Thraud Record has a Contact with ContactName, Email and Telephone (mandatory components of the profile).",
    ),
];
