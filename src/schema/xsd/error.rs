//! Errors of schema documents, reported the way libxml2 reports them: the file and line of the
//! schema component, the component, and the problem, plus one plain sentence on what to do.

use std::fmt;

/// A problem of a schema document: it is reported, and the schema is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XsdError {
    /// The schema file, as given (or as resolved from an import).
    pub file: String,
    /// Line of the component, from 1 (0 when the problem is the file as a whole).
    pub line: u32,
    /// Column of the component's start tag, from 1.
    pub col: u32,
    /// The component: `element 'Contact'`, `complexType 'ExtensionType'`, `sequence`.
    pub component: String,
    /// What is wrong.
    pub kind: XsdErrorKind,
    /// Knowledge about this very problem, when it is a known defect of a published schema.
    pub known: Option<String>,
}

/// What is wrong with a schema component.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XsdErrorKind {
    /// The file could not be read.
    Io {
        /// The operating system's message.
        detail: String,
    },
    /// The file is not well-formed XML (or the reader refused it).
    Malformed {
        /// The reader's message.
        detail: String,
    },
    /// The root element is not `xs:schema`.
    NotASchema {
        /// The root element found.
        found: String,
    },
    /// An element where a schema component is expected is not in the XML Schema namespace.
    NotXsdNamespace {
        /// The element as written.
        element: String,
        /// Its namespace (empty for none).
        namespace: String,
    },
    /// An XML Schema construct `mile` does not compile.
    Unsupported {
        /// The construct: `xs:redefine`, `attribute substitutionGroup`.
        construct: String,
        /// Why, or what to use instead.
        reason: String,
    },
    /// A schema element where XML Schema does not allow it.
    UnexpectedChild {
        /// The child, e.g. `xs:element`.
        child: String,
        /// The parent, e.g. `xs:attributeGroup`.
        parent: String,
    },
    /// A required attribute of a schema component is absent.
    MissingAttribute {
        /// The attribute.
        attribute: String,
    },
    /// An attribute of a schema component has a value XML Schema does not allow.
    BadAttributeValue {
        /// The attribute.
        attribute: String,
        /// Its value.
        value: String,
        /// What is allowed.
        expected: String,
    },
    /// A QName whose prefix is not declared.
    UnknownPrefix {
        /// The QName as written.
        qname: String,
    },
    /// An unprefixed reference, with no default namespace, in a schema with a target namespace.
    Unqualified {
        /// The QName as written.
        qname: String,
        /// The schema's target namespace.
        namespace: String,
    },
    /// A reference to a component no loaded schema declares.
    Undefined {
        /// `type`, `element`, `attribute`, `group`, `attributeGroup`, `simple type`.
        what: &'static str,
        /// The QName as written, with its namespace.
        qname: String,
    },
    /// A reference to a component of a namespace the schema document does not import.
    NotImported {
        /// The QName as written.
        qname: String,
        /// Its namespace.
        namespace: String,
    },
    /// Two global components with the same name in one namespace.
    Duplicate {
        /// `element`, `complexType`, ...
        what: &'static str,
        /// The name.
        name: String,
        /// Where the first one is (`file:line`).
        first: String,
    },
    /// A content model that is not deterministic (Unique Particle Attribution).
    NotDeterministic {
        /// Which particles compete.
        detail: String,
    },
    /// A facet whose value is not usable.
    BadFacet {
        /// The facet, e.g. `maxLength`.
        facet: String,
        /// Its value.
        value: String,
        /// Why.
        problem: String,
    },
    /// A type derived from itself, or a group containing itself.
    Circular {
        /// The kind of component.
        what: &'static str,
        /// Its name.
        name: String,
    },
    /// An import or include whose schema could not be found locally.
    NotFound {
        /// The schemaLocation (or namespace, when there is none).
        location: String,
        /// The namespace imported, if any.
        namespace: String,
    },
    /// An imported or included schema whose target namespace is not the one expected.
    NamespaceMismatch {
        /// The schemaLocation.
        location: String,
        /// The namespace the import names (or the including schema's).
        expected: String,
        /// The targetNamespace of the document found.
        found: String,
    },
    /// A problem found when compiling the declarations into automata.
    Compile {
        /// The compiler's message.
        detail: String,
    },
}

impl fmt::Display for XsdErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use XsdErrorKind::*;
        match self {
            Io { detail } => write!(f, "cannot read the schema: {detail}"),
            Malformed { detail } => write!(f, "the schema is not well-formed XML: {detail}"),
            NotASchema { found } => write!(f, "the root element is <{found}>, not xs:schema"),
            NotXsdNamespace { element, namespace } if namespace.is_empty() => {
                write!(f, "element <{element}> is in no namespace, not in the XML Schema namespace")
            }
            NotXsdNamespace { element, namespace } => {
                write!(f, "element <{element}> is in namespace {namespace}, not in the XML Schema namespace")
            }
            Unsupported { construct, .. } => write!(f, "{construct} is not supported"),
            UnexpectedChild { child, parent } => write!(f, "{child} is not allowed in {parent}"),
            MissingAttribute { attribute } => write!(f, "the attribute '{attribute}' is required but missing"),
            BadAttributeValue { attribute, value, expected } => {
                write!(f, "the value {value:?} of attribute '{attribute}' is not valid: expected {expected}")
            }
            UnknownPrefix { qname } => write!(f, "the prefix of the QName '{qname}' is not declared"),
            Undefined { what, qname } => write!(f, "the {what} '{qname}' is not defined"),
            Unqualified { qname, .. } => write!(
                f,
                "'{qname}' has no prefix and no default namespace is declared, so it names a component in no namespace"
            ),
            NotImported { qname, namespace } => write!(
                f,
                "the QName '{qname}' refers to namespace {namespace}, which is not indicated by an import statement"
            ),
            Duplicate { what, name, first } => write!(f, "the {what} '{name}' is already defined (at {first})"),
            NotDeterministic { detail } => write!(f, "the content model is not deterministic: {detail}"),
            BadFacet { facet, value, problem } => write!(f, "the facet {facet}={value:?} is not valid: {problem}"),
            Circular { what, name } => write!(f, "the {what} '{name}' is defined in terms of itself"),
            NotFound { location, namespace } if namespace.is_empty() => {
                write!(f, "the schema {location} could not be found locally")
            }
            NotFound { location, namespace } => {
                write!(f, "the schema {location} (namespace {namespace}) could not be found locally")
            }
            NamespaceMismatch { location, expected, found } => {
                write!(f, "the schema {location} has targetNamespace {found:?}, but {expected:?} is expected")
            }
            Compile { detail } => write!(f, "{detail}"),
        }
    }
}

impl XsdErrorKind {
    /// One plain sentence: what the problem means and what to do about it.
    pub fn explanation(&self) -> String {
        use XsdErrorKind::*;
        match self {
            Io { .. } => "check the path; mile never downloads schemas".into(),
            Malformed { .. } => "a schema is an XML document and must be well-formed".into(),
            NotASchema { .. } => "a schema document's root element is xs:schema".into(),
            NotXsdNamespace { .. } => "schema elements are in the namespace http://www.w3.org/2001/XMLSchema; \
                 this one probably lacks its prefix (xs: or xsd:), so a schema processor does not know it"
                .into(),
            Unsupported { reason, .. } => reason.clone(),
            UnexpectedChild { .. } => "XML Schema fixes which components may appear inside which".into(),
            MissingAttribute { .. } => "XML Schema requires this attribute on this component".into(),
            BadAttributeValue { .. } => "XML Schema fixes the values this attribute may take".into(),
            UnknownPrefix { .. } => "declare the prefix with xmlns:prefix=\"namespace\" on the schema".into(),
            Unqualified { namespace, .. } => format!(
                "components of this schema are in its target namespace {namespace}: write the reference with the prefix bound to it"
            ),
            Undefined { .. } => {
                "no loaded schema declares it: check the name and prefix, or import the schema that declares it".into()
            }
            NotImported { .. } => {
                "a schema may refer to components of another namespace only after <xs:import namespace=\"...\"/> of it"
                    .into()
            }
            Duplicate { .. } => "names of global components are unique per namespace and kind".into(),
            NotDeterministic { .. } => "Unique Particle Attribution: at every point of a content model, a child \
                 element must match one particle only, without looking ahead"
                .into(),
            BadFacet { .. } => "a facet's value must be valid for the type it restricts".into(),
            Circular { .. } => "a derivation or group must bottom out in other components".into(),
            NotFound { .. } => "map its URL to a local file with --catalog FILE (an OASIS XML catalog), or use a \
                 relative schemaLocation; mile never downloads schemas"
                .into(),
            NamespaceMismatch { .. } => {
                "an import names the namespace of the schema it loads; an include loads a schema of the same namespace"
                    .into()
            }
            Compile { .. } => "the declarations could not be compiled into automata".into(),
        }
    }
}

impl fmt::Display for XsdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: ", self.file)?;
        } else {
            write!(f, "{}:{}:{}: ", self.file, self.line, self.col)?;
        }
        if !self.component.is_empty() {
            write!(f, "{}: ", self.component)?;
        }
        write!(f, "{}\n  = note: {}", self.kind, self.kind.explanation())?;
        if let Some(k) = &self.known {
            write!(f, "\n  = known defect: {k}")?;
        }
        Ok(())
    }
}

impl std::error::Error for XsdError {}
