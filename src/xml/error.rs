//! Why the reader stopped: a malformed document, a refused construct, a limit, or I/O.

use super::Pos;
use std::fmt;

/// A fatal reader error with the position where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    /// What went wrong.
    pub kind: XmlErrorKind,
    /// Where (start of the offending construct, or the offending byte).
    pub pos: Pos,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.col, self.kind)
    }
}

impl std::error::Error for XmlError {}

/// Which kind of failure an [`XmlErrorKind`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The bytes are not a well-formed, namespace-well-formed XML 1.0 document.
    Malformed,
    /// Well-formed perhaps, but uses something the reader refuses on principle (DTDs, entities,
    /// unsupported encodings).
    Refused,
    /// A configured safety limit was exceeded.
    Limit,
    /// Reading the input failed.
    Io,
}

/// The reasons a document is rejected by the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlErrorKind {
    /// No bytes at all, or only white space, comments and processing instructions.
    NoRootElement,
    /// Character data outside the root element.
    TextOutsideRoot,
    /// A second element after the root element ended.
    SecondRoot {
        /// Its name.
        name: String,
    },
    /// End of input with elements still open.
    Unclosed {
        /// The innermost open element.
        name: String,
    },
    /// An end tag whose name differs from the open element's.
    MismatchedEndTag {
        /// The open element.
        expected: String,
        /// The end tag found.
        found: String,
    },
    /// An end tag with no open element.
    StrayEndTag {
        /// The end tag found.
        name: String,
    },
    /// A character that XML 1.0 does not allow (`Char` production).
    IllegalChar {
        /// The code point.
        code: u32,
    },
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A name that does not match the `Name`/`QName` production.
    BadName {
        /// The name as found.
        name: String,
        /// What it names ("element", "attribute", "processing instruction target").
        what: &'static str,
    },
    /// `<` in an attribute value.
    LtInAttributeValue,
    /// `&` not starting a well-formed reference.
    BadReference {
        /// The text following `&`.
        text: String,
    },
    /// An entity reference other than the five predefined ones.
    UndefinedEntity {
        /// Entity name.
        name: String,
    },
    /// A character reference to a character XML does not allow.
    IllegalCharRef {
        /// The reference as written.
        text: String,
    },
    /// `]]>` in character data.
    CdataEndInText,
    /// `--` inside a comment, or a comment ending in `-`.
    DoubleHyphenInComment,
    /// A construct not terminated before end of input.
    Unterminated {
        /// Which construct.
        what: &'static str,
    },
    /// An attribute specified twice on one element.
    DuplicateAttribute {
        /// Its name.
        name: String,
    },
    /// Two attributes with the same namespace and local name.
    DuplicateExpandedAttribute {
        /// The first attribute.
        first: String,
        /// The second attribute.
        second: String,
    },
    /// Malformed attribute syntax (missing `=`, missing quotes, missing white space).
    AttributeSyntax {
        /// What was wrong, in words.
        detail: String,
    },
    /// The XML declaration is not the very first thing in the document.
    XmlDeclNotAtStart,
    /// The XML declaration does not follow production \[23\].
    BadXmlDecl {
        /// What was wrong, in words.
        detail: String,
    },
    /// A processing instruction whose target is `xml` in some case mix.
    ReservedPiTarget {
        /// The target.
        target: String,
    },
    /// A markup construct quick-xml could not read.
    Syntax {
        /// What was wrong, in words.
        detail: String,
    },
    /// An element or attribute prefix without a namespace declaration in scope.
    UnboundPrefix {
        /// The prefix.
        prefix: String,
    },
    /// A namespace declaration that Namespaces in XML 1.0 forbids.
    BadNamespaceDecl {
        /// What was wrong, in words.
        detail: String,
    },
    /// A document type declaration (refused: no DTDs, no entities, no XXE).
    Doctype,
    /// An encoding the reader does not decode.
    UnsupportedEncoding {
        /// The declared or detected encoding.
        name: String,
    },
    /// The declared encoding contradicts the byte order mark or the bytes.
    EncodingMismatch {
        /// What was found, in words.
        detail: String,
    },
    /// Nesting deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// More attributes on one element than the limit.
    TooManyAttributes {
        /// The limit.
        limit: usize,
    },
    /// A name longer than the limit.
    NameTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// An attribute value longer than the limit.
    AttributeTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// A run of character data longer than the limit.
    TextTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// A single piece of markup longer than the limit.
    TokenTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// The document is larger than the limit.
    DocumentTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// Reading failed.
    Io {
        /// The I/O error, as text.
        detail: String,
    },
}

impl XmlErrorKind {
    /// Malformed, refused, limit or I/O.
    pub fn class(&self) -> ErrorClass {
        use XmlErrorKind::*;
        match self {
            Doctype | UndefinedEntity { .. } | UnsupportedEncoding { .. } => ErrorClass::Refused,
            TooDeep { .. }
            | TooManyAttributes { .. }
            | NameTooLong { .. }
            | AttributeTooLong { .. }
            | TextTooLong { .. }
            | TokenTooLong { .. }
            | DocumentTooLarge { .. } => ErrorClass::Limit,
            Io { .. } => ErrorClass::Io,
            _ => ErrorClass::Malformed,
        }
    }

    /// The production or constraint of XML 1.0 / Namespaces in XML 1.0 that was broken, or the
    /// reader policy that refused the document.
    pub fn constraint(&self) -> &'static str {
        use XmlErrorKind::*;
        match self {
            NoRootElement | TextOutsideRoot | SecondRoot { .. } => "XML 1.0 §2.1 [1] document",
            Unclosed { .. } | MismatchedEndTag { .. } | StrayEndTag { .. } => "XML 1.0 §3 WFC: Element Type Match",
            IllegalChar { .. } => "XML 1.0 §2.2 [2] Char",
            InvalidUtf8 | EncodingMismatch { .. } => "XML 1.0 §4.3.3 Character Encoding in Entities",
            BadName { .. } => "XML 1.0 §2.3 [5] Name / Namespaces §4 QName",
            LtInAttributeValue => "XML 1.0 §3.1 WFC: No < in Attribute Values",
            BadReference { .. } => "XML 1.0 §4.1 [67] Reference",
            UndefinedEntity { .. } => "XML 1.0 §4.1 WFC: Entity Declared",
            IllegalCharRef { .. } => "XML 1.0 §4.1 WFC: Legal Character",
            CdataEndInText => "XML 1.0 §2.4 [14] CharData",
            DoubleHyphenInComment => "XML 1.0 §2.5 [15] Comment",
            Unterminated { .. } | Syntax { .. } => "XML 1.0 §2.1 [1] document",
            DuplicateAttribute { .. } => "XML 1.0 §3.1 WFC: Unique Att Spec",
            DuplicateExpandedAttribute { .. } => "Namespaces in XML 1.0 §6.3 attribute uniqueness",
            AttributeSyntax { .. } => "XML 1.0 §3.1 [40] STag / [41] Attribute",
            XmlDeclNotAtStart | BadXmlDecl { .. } => "XML 1.0 §2.8 [23] XMLDecl",
            ReservedPiTarget { .. } => "XML 1.0 §2.6 [17] PITarget",
            UnboundPrefix { .. } => "Namespaces in XML 1.0 NSC: Prefix Declared",
            BadNamespaceDecl { .. } => "Namespaces in XML 1.0 §3 NSC: Reserved Prefixes and Namespace Names",
            Doctype => "reader policy: no document type declarations (no DTD, no entities, no XXE)",
            UnsupportedEncoding { .. } => "reader policy: UTF-8 (or its subset US-ASCII) and UTF-16 only",
            TooDeep { .. }
            | TooManyAttributes { .. }
            | NameTooLong { .. }
            | AttributeTooLong { .. }
            | TextTooLong { .. }
            | TokenTooLong { .. }
            | DocumentTooLarge { .. } => "reader limit",
            Io { .. } => "input/output",
        }
    }
}

impl fmt::Display for XmlErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use XmlErrorKind::*;
        match self {
            NoRootElement => write!(
                f,
                "no root element: the document is empty or has only comments, white space or processing instructions"
            ),
            TextOutsideRoot => write!(f, "character data outside the root element"),
            SecondRoot { name } => write!(f, "a second root element <{name}>: a document has exactly one root"),
            Unclosed { name } => write!(f, "end of input inside <{name}>: the element is never closed"),
            MismatchedEndTag { expected, found } => {
                write!(f, "end tag </{found}> does not match the open element <{expected}>")
            }
            StrayEndTag { name } => write!(f, "end tag </{name}> without a matching start tag"),
            IllegalChar { code } => write!(f, "character U+{code:04X} is not allowed in XML 1.0"),
            InvalidUtf8 => write!(
                f,
                "bytes that do not form a valid character in the document's encoding (UTF-8 unless declared otherwise)"
            ),
            BadName { name, what } => write!(f, "{what} name {name:?} is not a valid XML name"),
            LtInAttributeValue => write!(f, "'<' in an attribute value (write &lt;)"),
            BadReference { text } => write!(
                f,
                "'&' does not start a well-formed reference (found &{text}); write &amp; for a literal ampersand"
            ),
            UndefinedEntity { name } => write!(
                f,
                "entity &{name}; is not one of the five predefined entities (lt, gt, amp, apos, quot); entities and DTDs are refused"
            ),
            IllegalCharRef { text } => {
                write!(f, "character reference &{text}; names a character XML 1.0 does not allow")
            }
            CdataEndInText => write!(f, "']]>' in character data (write ]]&gt;)"),
            DoubleHyphenInComment => write!(f, "'--' inside a comment, or a comment ending in '-'"),
            Unterminated { what } => write!(f, "end of input inside {what}"),
            DuplicateAttribute { name } => write!(f, "attribute {name} is specified twice"),
            DuplicateExpandedAttribute { first, second } => {
                write!(f, "attributes {first} and {second} have the same namespace and local name")
            }
            AttributeSyntax { detail } => write!(f, "malformed attribute: {detail}"),
            XmlDeclNotAtStart => write!(f, "the XML declaration must be the very first thing in the document"),
            BadXmlDecl { detail } => write!(f, "malformed XML declaration: {detail}"),
            ReservedPiTarget { target } => write!(f, "processing instruction target {target:?} is reserved"),
            Syntax { detail } => write!(f, "malformed markup: {detail}"),
            UnboundPrefix { prefix } => write!(f, "namespace prefix {prefix:?} is not declared"),
            BadNamespaceDecl { detail } => write!(f, "illegal namespace declaration: {detail}"),
            Doctype => {
                write!(f, "document type declarations are refused (no DTDs, no entities, no external references)")
            }
            UnsupportedEncoding { name } => write!(
                f,
                "encoding {name:?} is not supported: mile reads UTF-8 (and its subset US-ASCII) and UTF-16 with a byte order mark"
            ),
            EncodingMismatch { detail } => write!(f, "encoding mismatch: {detail}"),
            TooDeep { limit } => write!(f, "elements nested deeper than the limit of {limit}"),
            TooManyAttributes { limit } => write!(f, "more than {limit} attributes on one element"),
            NameTooLong { limit } => write!(f, "a name longer than {limit} bytes"),
            AttributeTooLong { limit } => write!(f, "an attribute value longer than {limit} bytes"),
            TextTooLong { limit } => write!(f, "character data longer than {limit} bytes"),
            TokenTooLong { limit } => write!(f, "a single piece of markup or text longer than {limit} bytes"),
            DocumentTooLarge { limit } => write!(f, "document larger than the limit of {limit} bytes"),
            Io { detail } => write!(f, "read error: {detail}"),
        }
    }
}
