//! Diagnostics: what is wrong with a document, where, and which requirement says so.
//!
//! A [`Diagnostic`] is a location, a typed [`Kind`] carrying what was found and what was
//! expected, and the requirement it cites. The message is derived from the kind in one place
//! (`Display for Kind`); the human renderer, the JSON form and reports are views of the same
//! struct.

mod render;

pub use render::{SourceLines, render_human, render_plain_line};

use serde::Serialize;
use std::fmt;

/// A position in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    /// Byte offset from the start of the (decoded) document.
    pub offset: u64,
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
}

impl Pos {
    /// The position before the first character (column 0; `here` makes it column 1).
    pub const START: Pos = Pos { offset: 0, line: 1, col: 0 };

    /// This position as the location of the next character (column counted from 1).
    pub fn here(self) -> Pos {
        Pos { col: self.col + 1, ..self }
    }

    /// The position reached after `text`, starting at `self`.
    pub fn advance(self, text: &str) -> Pos {
        let mut p = self;
        for c in text.chars() {
            p.offset += c.len_utf8() as u64;
            if c == '\n' {
                p.line += 1;
                p.col = 1;
            } else {
                p.col += 1;
            }
        }
        p
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document breaks a MUST or a schema rule: it is nonconformant.
    Error,
    /// The document breaks a SHOULD.
    Warning,
    /// Information (a MAY, or something the validator skipped and says so).
    Note,
}

impl Severity {
    /// Lower-case name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// The requirement a diagnostic cites, copied from the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cite {
    /// Requirement ID.
    pub id: &'static str,
    /// `XSD`, `MUST`, `SHOULD`, `MAY`.
    pub level: &'static str,
    /// The catalog's one-sentence summary.
    pub summary: &'static str,
}

impl Cite {
    /// `RFC 7970 §3.2` from `RFC7970-3.2-incident`; `my-ext.xsd line 12` from
    /// `XSD:my-ext.xsd:12` (a declaration of a schema loaded with `--schema`).
    pub fn citation(&self) -> String {
        if let Some(rest) = self.id.strip_prefix("XSD:") {
            return match rest.rsplit_once(':') {
                Some((file, line)) => format!("{file} line {line}"),
                None => rest.to_string(),
            };
        }
        let mut parts = self.id.splitn(3, '-');
        let rfc = parts.next().unwrap_or("").trim_start_matches("RFC");
        let sec = parts.next().unwrap_or("");
        format!("RFC {rfc} §{sec}")
    }
}

/// One finding about a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The requirement broken.
    pub requirement: Cite,
    /// Error, warning or note.
    pub severity: Severity,
    /// What was found and what was expected.
    pub kind: Kind,
    /// Where.
    pub pos: Pos,
    /// Length in bytes of the highlighted source (0 for a point).
    pub len: u32,
    /// Element path from the root, e.g. `/IODEF-Document/Incident[1]/Contact[2]`.
    pub path: String,
    /// Extra sentences: where the RFC prose and its schema differ, hints.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// The message, derived from the kind.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

/// What went wrong, with the values found and wanted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Kind {
    /// The bytes are not a well-formed XML document, or the reader refused them.
    Malformed {
        /// The reader's message.
        detail: String,
        /// The XML production or constraint (or reader policy) concerned.
        constraint: String,
    },
    /// The root element is in no namespace `mile` knows.
    UnknownDocument {
        /// Root element name.
        root: String,
        /// Its namespace.
        namespace: String,
    },
    /// The root element uses a namespace of a draft or an obsoleted RFC.
    DraftNamespace {
        /// Root element name.
        root: String,
        /// Whose namespace it is ("the pre-RFC draft", "RFC 6045's (obsoleted by RFC 6545)").
        origin: String,
        /// The namespace found.
        namespace: String,
        /// The RFC namespace to use instead.
        expected: String,
    },
    /// A child element that the content model does not allow here.
    UnexpectedElement {
        /// The element found.
        found: String,
        /// The elements allowed at this point.
        expected: Vec<String>,
        /// May the parent end here instead?
        end_allowed: bool,
    },
    /// An element ended before a required child.
    MissingElement {
        /// The element that ended.
        parent: String,
        /// The elements that could have come next.
        expected: Vec<String>,
    },
    /// A child appeared before children that must precede it.
    MissingBefore {
        /// The element found.
        found: String,
        /// The elements that should have come first.
        missing: Vec<String>,
    },
    /// An element in a known namespace that the namespace does not declare.
    UndeclaredElement {
        /// The element found.
        found: String,
        /// Its namespace.
        namespace: String,
    },
    /// Character data where the content model allows none.
    TextNotAllowed {
        /// The element.
        element: String,
        /// The beginning of the text.
        text: String,
    },
    /// A required attribute is absent.
    MissingAttribute {
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// An attribute the element does not declare (or prohibits).
    UnexpectedAttribute {
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
    /// A value outside its datatype's lexical space or facets.
    InvalidValue {
        /// `attribute x of <E>` or `content of <E>`.
        target: String,
        /// The value found.
        value: String,
        /// What the datatype allows, in words.
        expected: String,
    },
    /// A value not in the enumeration.
    NotInEnumeration {
        /// `attribute x of <E>` or `content of <E>`.
        target: String,
        /// The value found.
        value: String,
        /// The allowed values.
        allowed: Vec<String>,
    },
    /// A value different from the fixed one.
    FixedValue {
        /// `attribute x of <E>`.
        target: String,
        /// The value found.
        value: String,
        /// The only allowed value.
        fixed: String,
    },
    /// An `xs:ID` value used twice.
    DuplicateId {
        /// The value.
        id: String,
        /// Line of the first use.
        first_line: u32,
    },
    /// An `xs:IDREF` value with no matching `xs:ID`.
    DanglingIdRef {
        /// The value.
        id: String,
    },
    /// An extensible attribute is `ext-value` but its `ext-*` attribute is absent.
    ExtValueWithoutExt {
        /// The element.
        element: String,
        /// The extensible attribute.
        attribute: String,
        /// The extension attribute expected.
        ext_attribute: String,
    },
    /// An `ext-*` attribute is set but its extensible attribute is not `ext-value`.
    ExtWithoutExtValue {
        /// The element.
        element: String,
        /// The extension attribute found.
        ext_attribute: String,
        /// The extensible attribute.
        attribute: String,
        /// Its value (empty when absent).
        value: String,
    },
    /// Content in a namespace `mile` has no table for was not validated.
    SkippedContent {
        /// The element.
        element: String,
        /// Its namespace.
        namespace: String,
    },
    /// A document-level rule of the RFC prose that the schema cannot express.
    Prose {
        /// What was found, in words.
        found: String,
        /// What the rule expects, in words.
        expected: String,
    },
}

fn list(items: &[String]) -> String {
    match items.len() {
        0 => "nothing".into(),
        1 => items[0].clone(),
        _ if items.len() <= 12 => {
            let (last, rest) = items.split_last().map_or((&items[0], &items[..0]), |(l, r)| (l, r));
            format!("{} or {}", rest.join(", "), last)
        }
        _ => format!("{}, ... ({} in all)", items[..10].join(", "), items.len()),
    }
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Kind::*;
        match self {
            Malformed { detail, .. } => f.write_str(detail),
            UnknownDocument { root, namespace } if namespace.is_empty() => {
                write!(
                    f,
                    "root element <{root}> is in no namespace; expected an IODEF or RID document in its RFC namespace"
                )
            }
            UnknownDocument { root, namespace } => {
                write!(f, "root element <{root}> is in namespace {namespace:?}, which is not an IODEF or RID namespace")
            }
            DraftNamespace { root, origin, namespace, expected } => {
                write!(
                    f,
                    "root element <{root}> uses {origin} namespace {namespace:?}; the RFC namespace is {expected:?}"
                )
            }
            UnexpectedElement { found, expected, end_allowed } => {
                let mut want = expected.iter().map(|e| format!("<{e}>")).collect::<Vec<_>>();
                if *end_allowed {
                    want.push("the end of the element".into());
                }
                write!(f, "unexpected element <{found}>; expected {}", list(&want))
            }
            MissingElement { parent, expected } => {
                let want = expected.iter().map(|e| format!("<{e}>")).collect::<Vec<_>>();
                write!(f, "<{parent}> ends too early: expected {}", list(&want))
            }
            MissingBefore { found, missing } => {
                let want = missing.iter().map(|e| format!("<{e}>")).collect::<Vec<_>>();
                write!(f, "<{found}> comes too early: {} must come before it", list(&want).replacen(" or ", " and ", 1))
            }
            UndeclaredElement { found, namespace } => {
                write!(f, "element <{found}> is not declared in namespace {namespace:?}")
            }
            TextNotAllowed { element, text } => {
                write!(f, "character data {:?} is not allowed in <{element}>", clip(text))
            }
            MissingAttribute { element, attribute } => {
                write!(f, "<{element}> lacks the required attribute {attribute}")
            }
            UnexpectedAttribute { element, attribute } => {
                write!(f, "attribute {attribute} is not allowed on <{element}>")
            }
            InvalidValue { target, value, expected } => {
                write!(f, "{target} is {:?}, which is not {expected}", clip(value))
            }
            NotInEnumeration { target, value, allowed } => {
                write!(f, "{target} is {:?}; allowed values are {}", clip(value), list(allowed))
            }
            FixedValue { target, value, fixed } => write!(f, "{target} is {:?}; it must be {fixed:?}", clip(value)),
            DuplicateId { id, first_line } => {
                write!(f, "ID {id:?} is used again (first on line {first_line}); IDs must be unique in a document")
            }
            DanglingIdRef { id } => write!(f, "reference {id:?} names no ID in this document"),
            ExtValueWithoutExt { element, attribute, ext_attribute } => write!(
                f,
                "<{element}> has {attribute}=\"ext-value\" but no {ext_attribute} attribute carrying the extended value"
            ),
            ExtWithoutExtValue { element, ext_attribute, attribute, value } if value.is_empty() => write!(
                f,
                "<{element}> has {ext_attribute} but no {attribute} attribute; {ext_attribute} may only be set when {attribute}=\"ext-value\""
            ),
            ExtWithoutExtValue { element, ext_attribute, attribute, value } => write!(
                f,
                "<{element}> has {ext_attribute} while {attribute}=\"{value}\"; {ext_attribute} may only be set when {attribute}=\"ext-value\""
            ),
            SkippedContent { element, namespace } => {
                write!(
                    f,
                    "<{element}> in namespace {namespace:?} was not validated: mile has no schema for that namespace"
                )
            }
            Prose { found, expected } => write!(f, "{found}; {expected}"),
        }
    }
}
