//! The form of a schema table.
//!
//! A table describes one namespace the way the specification does: global element declarations,
//! named complex and simple types, and content models built from sequences, choices, element
//! particles and wildcards. Tables are plain `static` data written with the `const fn` helpers at
//! the bottom of this file; [`super::compile`] turns a set of tables into automata once.
//!
//! Every element declaration and every named simple type carries the requirement ID it enforces
//! (see `crate::requirements`), so a diagnostic always cites the rule that was broken.

/// A namespace-qualified reference to a declaration in some table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QRef {
    /// Namespace URI (empty for no namespace).
    pub ns: &'static str,
    /// Local name.
    pub name: &'static str,
}

/// All declarations of one namespace.
#[derive(Debug)]
pub struct Table {
    /// Short stable identifier, e.g. `iodef-2.0`.
    pub id: &'static str,
    /// Target namespace URI.
    pub namespace: &'static str,
    /// The prefix this namespace conventionally has (`ds`, `iodef-rid`), used to name its
    /// elements in messages about documents of another namespace.
    pub prefix: &'static str,
    /// Human title, e.g. `IODEF 2.0 (RFC 7970)`.
    pub title: &'static str,
    /// Global element declarations (the ones other content models reference).
    pub elements: &'static [ElementDecl],
    /// Named complex types.
    pub complex_types: &'static [NamedComplexType],
    /// Named simple types (enumerations, patterns, restricted numbers).
    pub simple_types: &'static [SimpleType],
    /// Global attribute declarations (e.g. `xml:lang`).
    pub attributes: &'static [AttributeDecl],
    /// Requirement IDs cited when a value of a built-in datatype is wrong in this namespace
    /// (e.g. `DateTime` -> `RFC7970-2.7-datetime`); unlisted built-ins cite the element's ID.
    pub datatypes: &'static [(Builtin, &'static str)],
    /// The private-extension rule of enumerated attributes (`ext-value` with an `ext-*`
    /// attribute), if this namespace has one.
    pub ext_value: Option<ExtValueRule>,
}

/// Requirement IDs of the `ext-value` / `ext-*` coupling (RFC 7970 §5.1.1, RFC 5070 §5.1).
#[derive(Debug, Clone, Copy)]
pub struct ExtValueRule {
    /// Cited when an attribute is `ext-value` but its `ext-*` attribute is absent.
    pub missing_ext: &'static str,
    /// Cited when an `ext-*` attribute is set but its attribute is not `ext-value`.
    pub stray_ext: &'static str,
}

/// An element declaration: a name, the requirement it enforces and its type.
#[derive(Debug)]
pub struct ElementDecl {
    /// Local name (the namespace is the table's, or none for unqualified local elements).
    pub name: &'static str,
    /// Requirement ID for the structure of this element (its children and attributes).
    pub req: &'static str,
    /// The element's type.
    pub ty: Type,
    /// Where the RFC prose and its schema disagree about this element, a sentence saying how;
    /// it is attached to every diagnostic about the element.
    pub note: Option<&'static str>,
}

/// The type of an element.
#[derive(Debug)]
pub enum Type {
    /// A named complex or simple type from some table.
    Named(QRef),
    /// An anonymous complex type.
    Complex(ComplexType),
    /// Simple content of the given type, no attributes.
    Simple(SimpleRef),
}

/// A named complex type.
#[derive(Debug)]
pub struct NamedComplexType {
    /// Local name of the type.
    pub name: &'static str,
    /// The type.
    pub ty: ComplexType,
}

/// Content model and attributes of an element.
#[derive(Debug)]
pub struct ComplexType {
    /// What the element may contain.
    pub content: Content,
    /// Declared attributes.
    pub attributes: &'static [AttributeDecl],
}

/// What an element may contain.
#[derive(Debug)]
pub enum Content {
    /// Nothing at all (whitespace is not allowed either).
    Empty,
    /// Character data of a simple type.
    Simple(SimpleRef),
    /// Child elements only; whitespace between them is ignored.
    Elements(Particle),
    /// Child elements interleaved with character data.
    Mixed(Particle),
}

/// Whether an attribute must, may or must not appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The attribute must be present.
    Required,
    /// The attribute may be present.
    Optional,
    /// The attribute must not be present.
    Prohibited,
}

/// An attribute declaration.
#[derive(Debug)]
pub struct AttributeDecl {
    /// Namespace of the attribute: empty for ordinary unqualified attributes.
    pub ns: &'static str,
    /// Local name.
    pub name: &'static str,
    /// Value type.
    pub ty: SimpleRef,
    /// Required, optional or prohibited.
    pub use_: Use,
    /// Default value when absent (documentation only: defaults do not change verdicts).
    pub default: Option<&'static str>,
    /// Fixed value: when present, the attribute must have exactly this value.
    pub fixed: Option<&'static str>,
    /// Requirement ID specific to this attribute, if it has one of its own; otherwise value
    /// errors cite the simple type's requirement and presence errors the element's.
    pub req: Option<&'static str>,
    /// Reference to a global attribute declaration (e.g. `xml:lang`) instead of a local one.
    pub global: bool,
}

/// A reference to a simple type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimpleRef {
    /// A built-in XML Schema datatype.
    Builtin(Builtin),
    /// A named simple type from some table.
    Named(QRef),
}

/// The XML Schema built-in datatypes the MILE schemas use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Builtin {
    AnySimpleType,
    String,
    NormalizedString,
    Token,
    Language,
    /// `xml:lang`'s type in the W3C `xml.xsd`: a language tag or the empty string.
    LanguageOrEmpty,
    NmToken,
    NmTokens,
    Name,
    NcName,
    Id,
    IdRef,
    IdRefs,
    QName,
    AnyUri,
    Boolean,
    Decimal,
    Integer,
    NonNegativeInteger,
    PositiveInteger,
    NonPositiveInteger,
    NegativeInteger,
    Long,
    Int,
    Short,
    Byte,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    Float,
    Double,
    DateTime,
    Date,
    Time,
    Duration,
    GYear,
    GYearMonth,
    Base64Binary,
    HexBinary,
}

/// A named simple type: a built-in base restricted by facets.
#[derive(Debug)]
pub struct SimpleType {
    /// Local name of the type.
    pub name: &'static str,
    /// Requirement ID cited when a value does not belong to the type.
    pub req: &'static str,
    /// The type it restricts: a built-in, or another named simple type.
    pub base: SimpleRef,
    /// The restricting facets.
    pub facets: Facets,
}

/// Constraining facets of a simple type.
#[derive(Debug, Clone, Copy)]
pub struct Facets {
    /// Allowed values (after whitespace processing); empty means any.
    pub enumeration: &'static [&'static str],
    /// An XML Schema regular expression the whole value must match.
    pub pattern: Option<&'static str>,
    /// Inclusive lower bound (numeric types).
    pub min_inclusive: Option<&'static str>,
    /// Exclusive lower bound (numeric types).
    pub min_exclusive: Option<&'static str>,
    /// Inclusive upper bound (numeric types).
    pub max_inclusive: Option<&'static str>,
    /// Exclusive upper bound (numeric types).
    pub max_exclusive: Option<&'static str>,
    /// Minimum length in characters (or octets for binary types).
    pub min_length: Option<u32>,
    /// Maximum length in characters (or octets for binary types).
    pub max_length: Option<u32>,
}

impl Facets {
    /// No facets.
    pub const NONE: Facets = Facets {
        enumeration: &[],
        pattern: None,
        min_inclusive: None,
        min_exclusive: None,
        max_inclusive: None,
        max_exclusive: None,
        min_length: None,
        max_length: None,
    };
}

/// How many times a particle may occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs {
    /// Minimum number of occurrences.
    pub min: u32,
    /// Maximum number of occurrences; `None` is unbounded.
    pub max: Option<u32>,
}

impl Occurs {
    /// Exactly once.
    pub const ONE: Occurs = Occurs { min: 1, max: Some(1) };
}

/// A content-model particle.
#[derive(Debug)]
pub enum Particle {
    /// An element.
    Element(ElementParticle),
    /// Children in this order.
    Sequence(&'static [Particle], Occurs),
    /// One of the children.
    Choice(&'static [Particle], Occurs),
    /// Any element allowed by the wildcard.
    Any(Wildcard, Occurs),
}

/// An element particle: which element, how often, and an optional note.
#[derive(Debug)]
pub struct ElementParticle {
    /// The element.
    pub elem: ElemRef,
    /// How often it may occur here.
    pub occurs: Occurs,
    /// Where prose and schema disagree about this particle, a sentence saying how.
    pub note: Option<&'static str>,
}

/// Which element a particle names.
#[derive(Debug)]
pub enum ElemRef {
    /// A global element declaration.
    Global(QRef),
    /// A local declaration (its namespace is given by `ns`).
    Local {
        /// Namespace of the local element (the table's when `elementFormDefault` is qualified).
        ns: &'static str,
        /// The declaration.
        decl: &'static ElementDecl,
    },
}

/// A wildcard (`xs:any`).
#[derive(Debug, Clone, Copy)]
pub struct Wildcard {
    /// Which namespaces it admits.
    pub namespaces: NsConstraint,
    /// How admitted elements are validated.
    pub process: Process,
}

/// The namespaces a wildcard admits.
#[derive(Debug, Clone, Copy)]
pub enum NsConstraint {
    /// `##any`.
    Any,
    /// `##other` relative to the given target namespace: any namespace but that one (and not
    /// unqualified elements).
    Other(&'static str),
    /// Exactly these namespaces (empty string for unqualified).
    List(&'static [&'static str]),
}

/// `processContents` of a wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Process {
    /// The element must be declared and is validated.
    Strict,
    /// Validated when a declaration is known, skipped otherwise.
    Lax,
    /// Never validated (only well-formedness).
    Skip,
}

// ---------------------------------------------------------------------------------------------
// Helpers for writing tables concisely.

/// `QRef` constructor.
pub const fn q(ns: &'static str, name: &'static str) -> QRef {
    QRef { ns, name }
}

/// An element particle occurring `min..=max` times (`max` `None` = unbounded).
pub const fn occurs(r: QRef, min: u32, max: Option<u32>) -> Particle {
    Particle::Element(ElementParticle { elem: ElemRef::Global(r), occurs: Occurs { min, max }, note: None })
}

/// Exactly one occurrence of a global element.
pub const fn one(r: QRef) -> Particle {
    occurs(r, 1, Some(1))
}

/// Zero or one occurrence.
pub const fn opt(r: QRef) -> Particle {
    occurs(r, 0, Some(1))
}

/// Zero or more occurrences.
pub const fn many(r: QRef) -> Particle {
    occurs(r, 0, None)
}

/// One or more occurrences.
pub const fn some(r: QRef) -> Particle {
    occurs(r, 1, None)
}

/// A local (non-global) element declaration used in a content model.
pub const fn local(ns: &'static str, decl: &'static ElementDecl, min: u32, max: Option<u32>) -> Particle {
    Particle::Element(ElementParticle { elem: ElemRef::Local { ns, decl }, occurs: Occurs { min, max }, note: None })
}

/// A sequence occurring once.
pub const fn seq(items: &'static [Particle]) -> Particle {
    Particle::Sequence(items, Occurs::ONE)
}

/// A choice occurring once.
pub const fn choice(items: &'static [Particle]) -> Particle {
    Particle::Choice(items, Occurs::ONE)
}

/// A wildcard particle.
pub const fn any(namespaces: NsConstraint, process: Process, min: u32, max: Option<u32>) -> Particle {
    Particle::Any(Wildcard { namespaces, process }, Occurs { min, max })
}

impl Particle {
    /// The same particle with different occurrence bounds.
    pub const fn times(self, min: u32, max: Option<u32>) -> Particle {
        let o = Occurs { min, max };
        match self {
            Particle::Element(mut e) => {
                e.occurs = o;
                Particle::Element(e)
            }
            Particle::Sequence(items, _) => Particle::Sequence(items, o),
            Particle::Choice(items, _) => Particle::Choice(items, o),
            Particle::Any(w, _) => Particle::Any(w, o),
        }
    }

    /// The same element particle with a prose/schema note attached.
    pub const fn note(self, note: &'static str) -> Particle {
        match self {
            Particle::Element(mut e) => {
                e.note = Some(note);
                Particle::Element(e)
            }
            other => other,
        }
    }
}

/// An element whose type is an anonymous complex type.
pub const fn element(
    name: &'static str,
    req: &'static str,
    content: Content,
    attributes: &'static [AttributeDecl],
) -> ElementDecl {
    ElementDecl { name, req, ty: Type::Complex(ComplexType { content, attributes }), note: None }
}

/// An element of a named type.
pub const fn element_of(name: &'static str, req: &'static str, ty: QRef) -> ElementDecl {
    ElementDecl { name, req, ty: Type::Named(ty), note: None }
}

/// An element with simple content and no attributes.
pub const fn element_simple(name: &'static str, req: &'static str, ty: SimpleRef) -> ElementDecl {
    ElementDecl { name, req, ty: Type::Simple(ty), note: None }
}

impl ElementDecl {
    /// The same declaration with a prose/schema note attached.
    pub const fn with_note(mut self, note: &'static str) -> ElementDecl {
        self.note = Some(note);
        self
    }
}

/// A built-in simple type reference.
pub const fn xs(b: Builtin) -> SimpleRef {
    SimpleRef::Builtin(b)
}

/// A named simple type reference.
pub const fn st(r: QRef) -> SimpleRef {
    SimpleRef::Named(r)
}

const fn attr(name: &'static str, ty: SimpleRef, use_: Use) -> AttributeDecl {
    AttributeDecl { ns: "", name, ty, use_, default: None, fixed: None, req: None, global: false }
}

/// A required unqualified attribute.
pub const fn required(name: &'static str, ty: SimpleRef) -> AttributeDecl {
    attr(name, ty, Use::Required)
}

/// An optional unqualified attribute.
pub const fn optional(name: &'static str, ty: SimpleRef) -> AttributeDecl {
    attr(name, ty, Use::Optional)
}

/// A prohibited unqualified attribute.
pub const fn prohibited(name: &'static str, ty: SimpleRef) -> AttributeDecl {
    attr(name, ty, Use::Prohibited)
}

/// An attribute wildcard (`xs:anyAttribute`, or the attributes of `xs:anyType`): any attribute
/// is allowed and not validated.
pub const fn any_attribute() -> AttributeDecl {
    AttributeDecl {
        ns: "*",
        name: "*",
        ty: SimpleRef::Builtin(Builtin::AnySimpleType),
        use_: Use::Optional,
        default: None,
        fixed: None,
        req: None,
        global: false,
    }
}

/// A reference to a global attribute such as `xml:lang`.
pub const fn attr_ref(r: QRef, use_: Use) -> AttributeDecl {
    AttributeDecl {
        ns: r.ns,
        name: r.name,
        ty: SimpleRef::Builtin(Builtin::AnySimpleType),
        use_,
        default: None,
        fixed: None,
        req: None,
        global: true,
    }
}

impl AttributeDecl {
    /// With a default value.
    pub const fn default(mut self, v: &'static str) -> AttributeDecl {
        self.default = Some(v);
        self
    }

    /// With a fixed value.
    pub const fn fixed(mut self, v: &'static str) -> AttributeDecl {
        self.fixed = Some(v);
        self
    }

    /// With a requirement ID of its own.
    pub const fn req(mut self, id: &'static str) -> AttributeDecl {
        self.req = Some(id);
        self
    }
}

/// A named enumeration over `base`.
pub const fn enumeration(
    name: &'static str,
    req: &'static str,
    base: Builtin,
    values: &'static [&'static str],
) -> SimpleType {
    SimpleType { name, req, base: SimpleRef::Builtin(base), facets: Facets { enumeration: values, ..Facets::NONE } }
}

/// A named simple type restricted by a pattern.
pub const fn pattern(name: &'static str, req: &'static str, base: Builtin, re: &'static str) -> SimpleType {
    SimpleType { name, req, base: SimpleRef::Builtin(base), facets: Facets { pattern: Some(re), ..Facets::NONE } }
}

/// A named simple type with arbitrary facets.
pub const fn restricted(name: &'static str, req: &'static str, base: SimpleRef, facets: Facets) -> SimpleType {
    SimpleType { name, req, base, facets }
}
