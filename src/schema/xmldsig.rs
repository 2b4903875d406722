//! XML-Signature (RFC 3275, the W3C XML-Signature Syntax and Processing recommendation of 2002).
//!
//! IODEF 2.0 aggregates `ds:DigestMethod`, `ds:DigestValue` and `ds:CanonicalizationMethod` (Hash,
//! §3.26.1), `ds:Signature` (SignatureData, §3.27) and `ds:X509Data` (Certificate, §3.24.1). This
//! table declares the whole signature structure those elements pull in. Wildcards that the
//! specification leaves without a processing mode are strict.

use super::model::Builtin::*;
use super::model::*;

/// The XML-Signature namespace.
pub const NS: &str = "http://www.w3.org/2000/09/xmldsig#";

const fn d(name: &'static str) -> QRef {
    q(NS, name)
}

/// The XML-Signature table.
pub static TABLE: Table = Table {
    id: "xmldsig",
    namespace: NS,
    prefix: "ds",
    title: "XML-Signature (RFC 3275)",
    elements: ELEMENTS,
    complex_types: COMPLEX_TYPES,
    simple_types: SIMPLE_TYPES,
    attributes: &[],
    datatypes: &[],
    ext_value: None,
};

const ID: AttributeDecl = optional("Id", xs(Id));
const ALGORITHM: AttributeDecl = required("Algorithm", xs(AnyUri));

/// Elements of other namespaces, validated when declared.
const OTHER_LAX: Particle = any(NsConstraint::Other(NS), Process::Lax, 1, Some(1));

// ---------------------------------------------------------------------------------------------
// Local element declarations.

// §6.3.1
static HMAC_OUTPUT_LENGTH: ElementDecl =
    element_of("HMACOutputLength", "RFC3275-6.3.1-hmacoutputlength", d("HMACOutputLengthType"));
// §6.6.3
static XPATH: ElementDecl = element_simple("XPath", "RFC3275-6.6.3-xpath", xs(String));

// §4.4.4
static X509_ISSUER_SERIAL: ElementDecl =
    element_of("X509IssuerSerial", "RFC3275-4.4.4-x509data", d("X509IssuerSerialType"));
static X509_SKI: ElementDecl = element_simple("X509SKI", "RFC3275-4.4.4-x509data", xs(Base64Binary));
static X509_SUBJECT_NAME: ElementDecl = element_simple("X509SubjectName", "RFC3275-4.4.4-x509data", xs(String));
static X509_CERTIFICATE: ElementDecl = element_simple("X509Certificate", "RFC3275-4.4.4-x509data", xs(Base64Binary));
static X509_CRL: ElementDecl = element_simple("X509CRL", "RFC3275-4.4.4-x509data", xs(Base64Binary));
static X509_ISSUER_NAME: ElementDecl = element_simple("X509IssuerName", "RFC3275-4.4.4-x509data", xs(String));
static X509_SERIAL_NUMBER: ElementDecl = element_simple("X509SerialNumber", "RFC3275-4.4.4-x509data", xs(Integer));

// §4.4.5
static PGP_KEY_ID: ElementDecl = element_simple("PGPKeyID", "RFC3275-4.4.5-pgpdata", xs(Base64Binary));
static PGP_KEY_PACKET: ElementDecl = element_simple("PGPKeyPacket", "RFC3275-4.4.5-pgpdata", xs(Base64Binary));

// §4.4.6
static SPKI_SEXP: ElementDecl = element_simple("SPKISexp", "RFC3275-4.4.6-spkidata", xs(Base64Binary));

// §4.4.2.1
static DSA_P: ElementDecl = element_of("P", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));
static DSA_Q: ElementDecl = element_of("Q", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));
static DSA_G: ElementDecl = element_of("G", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));
static DSA_Y: ElementDecl = element_of("Y", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));
static DSA_J: ElementDecl = element_of("J", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));
static DSA_SEED: ElementDecl = element_of("Seed", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));
static DSA_PGEN_COUNTER: ElementDecl = element_of("PgenCounter", "RFC3275-4.4.2.1-dsakeyvalue", d("CryptoBinary"));

// §4.4.2.2
static RSA_MODULUS: ElementDecl = element_of("Modulus", "RFC3275-4.4.2.2-rsakeyvalue", d("CryptoBinary"));
static RSA_EXPONENT: ElementDecl = element_of("Exponent", "RFC3275-4.4.2.2-rsakeyvalue", d("CryptoBinary"));

// ---------------------------------------------------------------------------------------------
// Global element declarations.

static ELEMENTS: &[ElementDecl] = &[
    // §4.1
    element_of("Signature", "RFC3275-4.1-signature", d("SignatureType")),
    // §4.2
    element_of("SignatureValue", "RFC3275-4.2-signaturevalue", d("SignatureValueType")),
    // §4.3
    element_of("SignedInfo", "RFC3275-4.3-signedinfo", d("SignedInfoType")),
    // §4.3.1
    element_of("CanonicalizationMethod", "RFC3275-4.3.1-canonicalizationmethod", d("CanonicalizationMethodType")),
    // §4.3.2
    element_of("SignatureMethod", "RFC3275-4.3.2-signaturemethod", d("SignatureMethodType")),
    // §4.3.3
    element_of("Reference", "RFC3275-4.3.3-reference", d("ReferenceType")),
    // §4.3.3.4
    element_of("Transforms", "RFC3275-4.3.3.4-transforms", d("TransformsType")),
    // §4.3.3.4
    element_of("Transform", "RFC3275-4.3.3.4-transform", d("TransformType")),
    // §4.3.3.5
    element_of("DigestMethod", "RFC3275-4.3.3.5-digestmethod", d("DigestMethodType")),
    // §4.3.3.6
    element_of("DigestValue", "RFC3275-4.3.3.6-digestvalue", d("DigestValueType")),
    // §4.4
    element_of("KeyInfo", "RFC3275-4.4-keyinfo", d("KeyInfoType")),
    // §4.4.1
    element_simple("KeyName", "RFC3275-4.4.1-keyname", xs(String)),
    // §4.4.7
    element_simple("MgmtData", "RFC3275-4.4.7-mgmtdata", xs(String)),
    // §4.4.2
    element_of("KeyValue", "RFC3275-4.4.2-keyvalue", d("KeyValueType")),
    // §4.4.3
    element_of("RetrievalMethod", "RFC3275-4.4.3-retrievalmethod", d("RetrievalMethodType")),
    // §4.4.4
    element_of("X509Data", "RFC3275-4.4.4-x509data", d("X509DataType")),
    // §4.4.5
    element_of("PGPData", "RFC3275-4.4.5-pgpdata", d("PGPDataType")),
    // §4.4.6
    element_of("SPKIData", "RFC3275-4.4.6-spkidata", d("SPKIDataType")),
    // §4.5
    element_of("Object", "RFC3275-4.5-object", d("ObjectType")),
    // §5.1
    element_of("Manifest", "RFC3275-5.1-manifest", d("ManifestType")),
    // §5.2
    element_of("SignatureProperties", "RFC3275-5.2-signatureproperties", d("SignaturePropertiesType")),
    // §5.2
    element_of("SignatureProperty", "RFC3275-5.2-signatureproperty", d("SignaturePropertyType")),
    // §4.4.2.1
    element_of("DSAKeyValue", "RFC3275-4.4.2.1-dsakeyvalue", d("DSAKeyValueType")),
    // §4.4.2.2
    element_of("RSAKeyValue", "RFC3275-4.4.2.2-rsakeyvalue", d("RSAKeyValueType")),
];

// ---------------------------------------------------------------------------------------------
// Named complex types.

const fn ct(name: &'static str, content: Content, attributes: &'static [AttributeDecl]) -> NamedComplexType {
    NamedComplexType { name, ty: ComplexType { content, attributes } }
}

static COMPLEX_TYPES: &[NamedComplexType] = &[
    // §4.1
    ct(
        "SignatureType",
        Content::Elements(seq(&[one(d("SignedInfo")), one(d("SignatureValue")), opt(d("KeyInfo")), many(d("Object"))])),
        &[ID],
    ),
    // §4.2
    ct("SignatureValueType", Content::Simple(xs(Base64Binary)), &[ID]),
    // §4.3
    ct(
        "SignedInfoType",
        Content::Elements(seq(&[one(d("CanonicalizationMethod")), one(d("SignatureMethod")), some(d("Reference"))])),
        &[ID],
    ),
    // §4.3.1: any elements, of any namespace, validated strictly.
    ct(
        "CanonicalizationMethodType",
        Content::Mixed(seq(&[any(NsConstraint::Any, Process::Strict, 0, None)])),
        &[ALGORITHM],
    ),
    // §4.3.2
    ct(
        "SignatureMethodType",
        Content::Mixed(seq(&[
            local(NS, &HMAC_OUTPUT_LENGTH, 0, Some(1)),
            any(NsConstraint::Other(NS), Process::Strict, 0, None),
        ])),
        &[ALGORITHM],
    ),
    // §4.3.3
    ct(
        "ReferenceType",
        Content::Elements(seq(&[opt(d("Transforms")), one(d("DigestMethod")), one(d("DigestValue"))])),
        &[ID, optional("URI", xs(AnyUri)), optional("Type", xs(AnyUri))],
    ),
    // §4.3.3.4
    ct("TransformsType", Content::Elements(seq(&[some(d("Transform"))])), &[]),
    // §4.3.3.4
    ct(
        "TransformType",
        Content::Mixed(choice(&[OTHER_LAX, local(NS, &XPATH, 1, Some(1))]).times(0, None)),
        &[ALGORITHM],
    ),
    // §4.3.3.5
    ct("DigestMethodType", Content::Mixed(seq(&[any(NsConstraint::Other(NS), Process::Lax, 0, None)])), &[ALGORITHM]),
    // §4.4
    ct(
        "KeyInfoType",
        Content::Mixed(
            choice(&[
                one(d("KeyName")),
                one(d("KeyValue")),
                one(d("RetrievalMethod")),
                one(d("X509Data")),
                one(d("PGPData")),
                one(d("SPKIData")),
                one(d("MgmtData")),
                OTHER_LAX,
            ])
            .times(1, None),
        ),
        &[ID],
    ),
    // §4.4.2
    ct("KeyValueType", Content::Mixed(choice(&[one(d("DSAKeyValue")), one(d("RSAKeyValue")), OTHER_LAX])), &[]),
    // §4.4.3
    ct(
        "RetrievalMethodType",
        Content::Elements(seq(&[opt(d("Transforms"))])),
        &[optional("URI", xs(AnyUri)), optional("Type", xs(AnyUri))],
    ),
    // §4.4.4
    ct(
        "X509DataType",
        Content::Elements(
            seq(&[choice(&[
                local(NS, &X509_ISSUER_SERIAL, 1, Some(1)),
                local(NS, &X509_SKI, 1, Some(1)),
                local(NS, &X509_SUBJECT_NAME, 1, Some(1)),
                local(NS, &X509_CERTIFICATE, 1, Some(1)),
                local(NS, &X509_CRL, 1, Some(1)),
                OTHER_LAX,
            ])])
            .times(1, None),
        ),
        &[],
    ),
    // §4.4.4
    ct(
        "X509IssuerSerialType",
        Content::Elements(seq(&[local(NS, &X509_ISSUER_NAME, 1, Some(1)), local(NS, &X509_SERIAL_NUMBER, 1, Some(1))])),
        &[],
    ),
    // §4.4.5: a key ID (optionally followed by a key packet), or a key packet alone; either way
    // any number of elements of other namespaces may follow.
    ct(
        "PGPDataType",
        Content::Elements(choice(&[
            seq(&[
                local(NS, &PGP_KEY_ID, 1, Some(1)),
                local(NS, &PGP_KEY_PACKET, 0, Some(1)),
                any(NsConstraint::Other(NS), Process::Lax, 0, None),
            ]),
            seq(&[local(NS, &PGP_KEY_PACKET, 1, Some(1)), any(NsConstraint::Other(NS), Process::Lax, 0, None)]),
        ])),
        &[],
    ),
    // §4.4.6
    ct(
        "SPKIDataType",
        Content::Elements(
            seq(&[local(NS, &SPKI_SEXP, 1, Some(1)), any(NsConstraint::Other(NS), Process::Lax, 0, Some(1))])
                .times(1, None),
        ),
        &[],
    ),
    // §4.5: any content at all.
    ct(
        "ObjectType",
        Content::Mixed(seq(&[any(NsConstraint::Any, Process::Lax, 1, Some(1))]).times(0, None)),
        &[ID, optional("MimeType", xs(String)), optional("Encoding", xs(AnyUri))],
    ),
    // §5.1
    ct("ManifestType", Content::Elements(seq(&[some(d("Reference"))])), &[ID]),
    // §5.2
    ct("SignaturePropertiesType", Content::Elements(seq(&[some(d("SignatureProperty"))])), &[ID]),
    // §5.2
    ct(
        "SignaturePropertyType",
        Content::Mixed(choice(&[OTHER_LAX]).times(1, None)),
        &[required("Target", xs(AnyUri)), ID],
    ),
    // §4.4.2.1: (P, Q)?, G?, Y, J?, (Seed, PgenCounter)?
    ct(
        "DSAKeyValueType",
        Content::Elements(seq(&[
            seq(&[local(NS, &DSA_P, 1, Some(1)), local(NS, &DSA_Q, 1, Some(1))]).times(0, Some(1)),
            local(NS, &DSA_G, 0, Some(1)),
            local(NS, &DSA_Y, 1, Some(1)),
            local(NS, &DSA_J, 0, Some(1)),
            seq(&[local(NS, &DSA_SEED, 1, Some(1)), local(NS, &DSA_PGEN_COUNTER, 1, Some(1))]).times(0, Some(1)),
        ])),
        &[],
    ),
    // §4.4.2.2
    ct(
        "RSAKeyValueType",
        Content::Elements(seq(&[local(NS, &RSA_MODULUS, 1, Some(1)), local(NS, &RSA_EXPONENT, 1, Some(1))])),
        &[],
    ),
];

// ---------------------------------------------------------------------------------------------
// Named simple types.

static SIMPLE_TYPES: &[SimpleType] = &[
    // §4.0.1: arbitrary-length integers as base64 octet strings.
    restricted("CryptoBinary", "RFC3275-4.0.1-cryptobinary", xs(Base64Binary), Facets::NONE),
    // §4.3.3.6
    restricted("DigestValueType", "RFC3275-4.3.3.6-digestvalue", xs(Base64Binary), Facets::NONE),
    // §6.3.1
    restricted("HMACOutputLengthType", "RFC3275-6.3.1-hmacoutputlength", xs(Integer), Facets::NONE),
];
