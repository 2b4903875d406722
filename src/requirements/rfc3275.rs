//! RFC 3275 (XML-Signature Syntax and Processing) requirements: the schema facts of the signature
//! elements that IODEF 2.0 aggregates (Hash, SignatureData, Certificate). Child lists use the
//! notation of the RFC 7970 catalog (`?`, `*`, `+`, no mark for exactly one).

use super::Level::*;
use super::{Requirement, req};

/// The RFC 3275 entries.
pub(super) static CATALOG: &[Requirement] = &[
    req(
        "RFC3275-4.0.1-cryptobinary",
        Xsd,
        "CryptoBinary values (the big integers of DSA and RSA keys) are xs:base64Binary.",
    ),
    req(
        "RFC3275-4.1-signature",
        Xsd,
        "Signature holds SignedInfo, SignatureValue, KeyInfo?, Object* in that order and may carry an Id (an xs:ID).",
    ),
    req("RFC3275-4.2-signaturevalue", Xsd, "SignatureValue is base64Binary content with an optional Id."),
    req(
        "RFC3275-4.3-signedinfo",
        Xsd,
        "SignedInfo holds CanonicalizationMethod, SignatureMethod, Reference+ in that order and may carry an Id.",
    ),
    req(
        "RFC3275-4.3.1-canonicalizationmethod",
        Xsd,
        "CanonicalizationMethod requires an Algorithm URI and mixes text with any elements of any namespace, each of which must be declared and valid.",
    ),
    req(
        "RFC3275-4.3.2-signaturemethod",
        Xsd,
        "SignatureMethod requires an Algorithm URI and mixes text with an optional HMACOutputLength followed by any elements of other namespaces, each of which must be declared and valid.",
    ),
    req(
        "RFC3275-4.3.3-reference",
        Xsd,
        "Reference holds Transforms?, DigestMethod, DigestValue in that order and may carry Id, URI and Type (both URIs).",
    ),
    req("RFC3275-4.3.3.4-transforms", Xsd, "Transforms holds Transform+ and has no attributes."),
    req(
        "RFC3275-4.3.3.4-transform",
        Xsd,
        "Transform requires an Algorithm URI and mixes text with any number of XPath children and elements of other namespaces (validated where declared).",
    ),
    req(
        "RFC3275-4.3.3.5-digestmethod",
        Xsd,
        "DigestMethod requires an Algorithm URI and mixes text with any elements of other namespaces (validated where declared).",
    ),
    req("RFC3275-4.3.3.6-digestvalue", Xsd, "DigestValue is xs:base64Binary content with no attributes."),
    req(
        "RFC3275-4.4-keyinfo",
        Xsd,
        "KeyInfo mixes text with one or more of KeyName, KeyValue, RetrievalMethod, X509Data, PGPData, SPKIData, MgmtData or elements of other namespaces, in any order, and may carry an Id.",
    ),
    req("RFC3275-4.4.1-keyname", Xsd, "KeyName is a plain string."),
    req(
        "RFC3275-4.4.2-keyvalue",
        Xsd,
        "KeyValue mixes text with exactly one DSAKeyValue, RSAKeyValue or element of another namespace.",
    ),
    req(
        "RFC3275-4.4.2.1-dsakeyvalue",
        Xsd,
        "DSAKeyValue holds (P, Q)?, G?, Y, J?, (Seed, PgenCounter)? in that order, each a CryptoBinary.",
    ),
    req("RFC3275-4.4.2.2-rsakeyvalue", Xsd, "RSAKeyValue holds Modulus, Exponent in that order, both CryptoBinary."),
    req(
        "RFC3275-4.4.3-retrievalmethod",
        Xsd,
        "RetrievalMethod holds Transforms? and may carry URI and Type (both URIs).",
    ),
    req(
        "RFC3275-4.4.4-x509data",
        Xsd,
        "X509Data holds one or more of X509IssuerSerial (X509IssuerName string, X509SerialNumber integer), X509SKI, X509SubjectName, X509Certificate, X509CRL or elements of other namespaces, in any order; SKI, certificate and CRL are base64Binary.",
    ),
    req(
        "RFC3275-4.4.5-pgpdata",
        Xsd,
        "PGPData holds either PGPKeyID followed by PGPKeyPacket?, or a PGPKeyPacket alone, then any elements of other namespaces; key ID and packet are base64Binary.",
    ),
    req(
        "RFC3275-4.4.6-spkidata",
        Xsd,
        "SPKIData holds one or more groups of an SPKISexp (base64Binary) followed by at most one element of another namespace.",
    ),
    req("RFC3275-4.4.7-mgmtdata", Xsd, "MgmtData is a plain string."),
    req(
        "RFC3275-4.5-object",
        Xsd,
        "Object mixes text with any elements of any namespace (validated where declared) and may carry Id, MimeType (a string) and Encoding (a URI).",
    ),
    req("RFC3275-5.1-manifest", Xsd, "Manifest holds Reference+ and may carry an Id."),
    req("RFC3275-5.2-signatureproperties", Xsd, "SignatureProperties holds SignatureProperty+ and may carry an Id."),
    req(
        "RFC3275-5.2-signatureproperty",
        Xsd,
        "SignatureProperty mixes text with one or more elements of other namespaces (validated where declared), requires a Target URI and may carry an Id.",
    ),
    req("RFC3275-6.3.1-hmacoutputlength", Xsd, "HMACOutputLength, a child of SignatureMethod only, is an xs:integer."),
    req("RFC3275-6.6.3-xpath", Xsd, "XPath, a child of Transform only, is a plain string."),
];
