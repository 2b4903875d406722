//! Transaction and authentication fraud ("Thraud") extension (RFC 5941): the four Thraud Records
//! an IODEF 1.0 document carries in `Incident/EventData/AdditionalData` (dtype `xml`).
//!
//! The content models follow the schema of RFC 5941 §10. Where §5 prose requires more (at least
//! one component of a payment or transfer record, a currency on every amount), the rule is a
//! catalog MUST checked by `validate::ext_rules` and the declaration carries a note.

use super::iodef1;
use super::model::Builtin::*;
use super::model::*;

/// The Thraud namespace (RFC 5941 §10).
pub const NS: &str = "urn:ietf:params:xml:ns:thraud-1.0";

const fn t(name: &'static str) -> QRef {
    q(NS, name)
}

const fn i(name: &'static str) -> QRef {
    q(iodef1::NS, name)
}

/// The RFC 5941 table.
pub static TABLE: Table = Table {
    id: "thraud-1.0",
    namespace: NS,
    prefix: "thraud",
    title: "IODEF transaction fraud extension (RFC 5941)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: &[],
    attributes: &[],
    datatypes: &[],
    ext_value: None,
};

const fn ml(name: &'static str, req: &'static str) -> ElementDecl {
    element_of(name, req, i("MLStringType"))
}

// §5.1
static PAY_PAYEE: ElementDecl = ml("PayeeName", "RFC5941-5.1-payment");
static PAY_ADDRESS: ElementDecl = ml("PostalAddress", "RFC5941-5.1-payment");
static PAY_AMOUNT: ElementDecl = element_of("PayeeAmount", "RFC5941-5.5-amount", t("AmountType"));
// §5.2
static TR_BANK: ElementDecl = element_of("BankID", "RFC5941-5.2.1-bankid", t("BankIDType"));
static TR_ACCOUNT: ElementDecl = element_simple("AccountID", "RFC5941-5.2-transfer", xs(String));
static TR_TYPE: ElementDecl = ml("AccountType", "RFC5941-5.2-transfer");
static TR_AMOUNT: ElementDecl = element_of("TransferAmount", "RFC5941-5.5-amount", t("AmountType"));
// §5.3
static IDENTITY_COMPONENT: ElementDecl = element_of("IdentityComponent", "RFC5941-5.3-identity", i("ExtensionType"));
// §5.4
static OTHER_TYPE: ElementDecl = element_simple("OtherEventType", "RFC5941-5.4-other", xs(AnyUri));
static OTHER_PAYEE: ElementDecl = ml("PayeeName", "RFC5941-5.4-other");
static OTHER_ADDRESS: ElementDecl = ml("PostalAddress", "RFC5941-5.4-other");
static OTHER_BANK: ElementDecl = element_of("BankID", "RFC5941-5.2.1-bankid", t("BankIDType"));
static OTHER_ACCOUNT: ElementDecl = element_simple("AccountID", "RFC5941-5.4-other", xs(String));
static OTHER_ACCOUNT_TYPE: ElementDecl = ml("AccountType", "RFC5941-5.4-other");
static OTHER_AMOUNT: ElementDecl = element_of("PayeeAmount", "RFC5941-5.5-amount", t("AmountType"));
static OTHER_DESCRIPTION: ElementDecl = ml("OtherEventDescription", "RFC5941-5.4-other");

static ELEMENTS: &[ElementDecl] = &[
    // §5.1
    element_of("FraudEventPayment", "RFC5941-5.1-payment", t("FraudEventPaymentType"))
        .with_note("§5.1 requires at least one component; the schema accepts an empty record."),
    // §5.2
    element_of("FraudEventTransfer", "RFC5941-5.2-transfer", t("FraudEventTransferType"))
        .with_note("§5.2 requires at least one component; the schema accepts an empty record."),
    // §5.3
    element_of("FraudEventIdentity", "RFC5941-5.3-identity", t("FraudEventIdentityType")),
    // §5.4
    element_of("FraudEventOther", "RFC5941-5.4-other", t("FraudEventOtherType")),
    // §5.3.1.2: declared by the schema, referenced by no content model.
    element_simple("UserID", "RFC5941-5.3.1.2-userid", xs(String)),
];

static COMPLEX_TYPES: &[NamedComplexType] = &[
    // §5.1
    NamedComplexType {
        name: "FraudEventPaymentType",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &PAY_PAYEE, 0, Some(1)),
                local(NS, &PAY_ADDRESS, 0, Some(1)),
                local(NS, &PAY_AMOUNT, 0, Some(1)),
            ])),
            attributes: &[],
        },
    },
    // §5.2
    NamedComplexType {
        name: "FraudEventTransferType",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &TR_BANK, 0, Some(1)),
                local(NS, &TR_ACCOUNT, 0, Some(1)),
                local(NS, &TR_TYPE, 0, Some(1)),
                local(NS, &TR_AMOUNT, 0, Some(1)),
            ])),
            attributes: &[],
        },
    },
    // §5.3
    NamedComplexType {
        name: "FraudEventIdentityType",
        ty: ComplexType {
            content: Content::Elements(seq(&[local(NS, &IDENTITY_COMPONENT, 1, Some(1))]).times(1, None)),
            attributes: &[],
        },
    },
    // §5.4
    NamedComplexType {
        name: "FraudEventOtherType",
        ty: ComplexType {
            content: Content::Elements(seq(&[
                local(NS, &OTHER_TYPE, 1, Some(1)),
                local(NS, &OTHER_PAYEE, 0, Some(1)),
                local(NS, &OTHER_ADDRESS, 0, Some(1)),
                local(NS, &OTHER_BANK, 0, Some(1)),
                local(NS, &OTHER_ACCOUNT, 0, Some(1)),
                local(NS, &OTHER_ACCOUNT_TYPE, 0, Some(1)),
                local(NS, &OTHER_AMOUNT, 0, Some(1)),
                local(NS, &OTHER_DESCRIPTION, 0, Some(1)),
            ])),
            attributes: &[],
        },
    },
    // §5.5: a decimal with a currency (REQUIRED in §5.5.2, optional in the schema).
    NamedComplexType {
        name: "AmountType",
        ty: ComplexType { content: Content::Simple(xs(Decimal)), attributes: &[optional("currency", xs(String))] },
    },
    // §5.2.1
    NamedComplexType {
        name: "BankIDType",
        ty: ComplexType { content: Content::Simple(xs(String)), attributes: &[required("namespace", xs(AnyUri))] },
    },
];
