//! From schema documents to tables: every component resolved, derivations flattened (an
//! extension's content is the base's followed by its own), anonymous simple types given names
//! no document can refer to, and everything leaked into `'static` tables (see the module doc).

use super::doc::{Doc, Node, XS};
use super::error::{XsdError, XsdErrorKind as K};
use crate::schema::datatypes;
use crate::schema::model::*;
use std::collections::{HashMap, HashSet};

/// The symbol spaces of XML Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Space {
    Element,
    Type,
    Attribute,
    AttributeGroup,
    Group,
}

impl Space {
    fn word(self) -> &'static str {
        match self {
            Space::Element => "element",
            Space::Type => "type",
            Space::Attribute => "attribute",
            Space::AttributeGroup => "attributeGroup",
            Space::Group => "group",
        }
    }
}

/// A table being built for one namespace.
#[derive(Debug, Default)]
struct TableB {
    ns: &'static str,
    id: &'static str,
    prefix: &'static str,
    elements: Vec<ElementDecl>,
    complex: Vec<NamedComplexType>,
    simple: Vec<SimpleType>,
    attributes: Vec<AttributeDecl>,
}

/// A resolved reference: the name, and the loaded node or built-in table that declares it.
type Found<'a> = (QRef, Option<(usize, &'a Node)>, Option<&'static Table>);

/// What a type QName resolves to.
enum TypeRes<'a> {
    XsSimple(Builtin),
    AnyType,
    LoadedComplex(QRef, usize, &'a Node),
    LoadedSimple(QRef),
    TableComplex(QRef, &'static ComplexType),
    TableSimple(QRef),
}

/// The base of a derivation: a complex type, or a simple type (with its root built-in).
enum Base {
    Complex(&'static ComplexType),
    Simple(SimpleRef),
}

/// Occurrence bounds above this are refused (the engine unrolls finite bounds).
const MAX_OCCURS: u32 = 64;
/// `xs:all` groups are expanded into a deterministic choice of orders; larger ones are refused.
const MAX_ALL: usize = 6;

static ANY_TYPE_ATTRS: [AttributeDecl; 1] = [any_attribute()];
/// `xs:anyType`: any content, any attributes.
static ANY_TYPE: ComplexType =
    ComplexType { content: Content::Mixed(any(NsConstraint::Any, Process::Lax, 0, None)), attributes: &ANY_TYPE_ATTRS };

pub(super) struct Builder<'a> {
    docs: &'a [Doc],
    index: HashMap<(Space, &'a str, &'a str), (usize, &'a Node)>,
    builtins: &'a [&'static Table],
    pub(super) used_builtins: Vec<&'static Table>,
    tables: Vec<TableB>,
    complex_memo: HashMap<(&'a str, &'a str), &'static ComplexType>,
    in_progress: HashSet<(Space, String, String)>,
    names: HashSet<(&'static str, String)>,
    strs: HashMap<String, &'static str>,
    pub(super) errors: Vec<XsdError>,
}

fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

/// A shallow copy of a particle (what it points to is `'static` already).
pub(super) fn clone_particle(p: &Particle) -> Particle {
    match p {
        Particle::Element(e) => Particle::Element(ElementParticle {
            elem: match e.elem {
                ElemRef::Global(q) => ElemRef::Global(q),
                ElemRef::Local { ns, decl } => ElemRef::Local { ns, decl },
            },
            occurs: e.occurs,
            note: e.note,
        }),
        Particle::Sequence(items, o) => Particle::Sequence(items, *o),
        Particle::Choice(items, o) => Particle::Choice(items, *o),
        Particle::Any(w, o) => Particle::Any(*w, *o),
    }
}

fn clone_content(c: &Content) -> Content {
    match c {
        Content::Empty => Content::Empty,
        Content::Simple(s) => Content::Simple(*s),
        Content::Elements(p) => Content::Elements(clone_particle(p)),
        Content::Mixed(p) => Content::Mixed(clone_particle(p)),
    }
}

fn clone_attr(a: &AttributeDecl) -> AttributeDecl {
    AttributeDecl { ..*a }
}

fn empty_seq() -> Particle {
    Particle::Sequence(&[], Occurs::ONE)
}

fn occurs_of(p: &Particle) -> Occurs {
    match p {
        Particle::Element(e) => e.occurs,
        Particle::Sequence(_, o) | Particle::Choice(_, o) | Particle::Any(_, o) => *o,
    }
}

fn is_empty_particle(p: &Particle) -> bool {
    match p {
        Particle::Sequence(items, o) => items.is_empty() || o.max == Some(0),
        _ => occurs_of(p).max == Some(0),
    }
}

fn builtin_named(local: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match local {
        "anySimpleType" => AnySimpleType,
        "string" => String,
        "normalizedString" => NormalizedString,
        "token" => Token,
        "language" => Language,
        "NMTOKEN" => NmToken,
        "NMTOKENS" => NmTokens,
        "Name" => Name,
        "NCName" => NcName,
        "ID" => Id,
        "IDREF" => IdRef,
        "IDREFS" => IdRefs,
        "QName" => QName,
        "anyURI" => AnyUri,
        "boolean" => Boolean,
        "decimal" => Decimal,
        "integer" => Integer,
        "nonNegativeInteger" => NonNegativeInteger,
        "positiveInteger" => PositiveInteger,
        "nonPositiveInteger" => NonPositiveInteger,
        "negativeInteger" => NegativeInteger,
        "long" => Long,
        "int" => Int,
        "short" => Short,
        "byte" => Byte,
        "unsignedLong" => UnsignedLong,
        "unsignedInt" => UnsignedInt,
        "unsignedShort" => UnsignedShort,
        "unsignedByte" => UnsignedByte,
        "float" => Float,
        "double" => Double,
        "dateTime" => DateTime,
        "date" => Date,
        "time" => Time,
        "duration" => Duration,
        "gYear" => GYear,
        "gYearMonth" => GYearMonth,
        "base64Binary" => Base64Binary,
        "hexBinary" => HexBinary,
        _ => return None,
    })
}

/// White-space strength: preserve < replace < collapse.
fn ws_rank(b: Builtin) -> u8 {
    match datatypes::whitespace(b) {
        datatypes::Whitespace::Preserve => 0,
        datatypes::Whitespace::Replace => 1,
        datatypes::Whitespace::Collapse => 2,
    }
}

impl<'a> Builder<'a> {
    pub(super) fn new(docs: &'a [Doc], builtins: &'a [&'static Table]) -> Builder<'a> {
        Builder {
            docs,
            index: HashMap::new(),
            builtins,
            used_builtins: Vec::new(),
            tables: Vec::new(),
            complex_memo: HashMap::new(),
            in_progress: HashSet::new(),
            names: HashSet::new(),
            strs: HashMap::new(),
            errors: Vec::new(),
        }
    }

    fn s(&mut self, v: &str) -> &'static str {
        if let Some(s) = self.strs.get(v) {
            return s;
        }
        let s: &'static str = Box::leak(v.to_string().into_boxed_str());
        self.strs.insert(v.to_string(), s);
        s
    }

    fn err(&self, d: usize, node: &Node, kind: K) -> XsdError {
        self.docs[d].err(node, kind)
    }

    fn table(&mut self, ns: &str) -> usize {
        if let Some(i) = self.tables.iter().position(|t| t.ns == ns) {
            return i;
        }
        let nsl = self.s(ns);
        // The first document of the namespace names the table; its prefix for the namespace
        // (or a built-in table's) labels its elements in messages.
        let doc = self.docs.iter().find(|d| d.tns == ns);
        let id = doc
            .and_then(|d| d.path.file_stem())
            .map(|s| s.to_string_lossy().trim_end_matches(".xsd").to_string())
            .unwrap_or_else(|| ns.to_string());
        let prefix = self
            .builtins
            .iter()
            .find(|t| t.namespace == ns)
            .map(|t| t.prefix.to_string())
            .or_else(|| doc.and_then(|d| d.root.prefix_of(ns)).map(str::to_string))
            .unwrap_or_else(|| id.clone());
        let (id, prefix) = (self.s(&id), self.s(&prefix));
        self.tables.push(TableB { ns: nsl, id, prefix, ..TableB::default() });
        self.tables.len() - 1
    }

    fn req(&mut self, d: usize, node: &Node) -> &'static str {
        let file = self.docs[d].path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        self.s(&format!("XSD:{file}:{}", node.pos.line))
    }

    /// Register every global component; report duplicates and top-level elements that are not
    /// schema components.
    pub(super) fn index(&mut self) {
        let docs = self.docs;
        for (d, doc) in docs.iter().enumerate() {
            self.table(&doc.tns);
            for c in doc.root.content() {
                if c.ns != XS {
                    let e = self.err(d, c, K::NotXsdNamespace { element: c.qname.clone(), namespace: c.ns.clone() });
                    self.errors.push(e);
                    continue;
                }
                let space = match c.local.as_str() {
                    "element" => Space::Element,
                    "complexType" | "simpleType" => Space::Type,
                    "attribute" => Space::Attribute,
                    "attributeGroup" => Space::AttributeGroup,
                    "group" => Space::Group,
                    _ => continue, // import, include and the rest: handled by the loader
                };
                let Some(name) = c.attr("name") else {
                    let e = self.err(d, c, K::MissingAttribute { attribute: "name".into() });
                    self.errors.push(e);
                    continue;
                };
                match self.index.get(&(space, doc.tns.as_str(), name)) {
                    Some((fd, first)) => {
                        let first = format!("{}:{}", docs[*fd].file, first.pos.line);
                        let e = self.err(d, c, K::Duplicate { what: space.word(), name: name.into(), first });
                        self.errors.push(e);
                    }
                    None => {
                        self.index.insert((space, doc.tns.as_str(), name), (d, c));
                    }
                }
            }
        }
    }

    /// Convert every global component.
    pub(super) fn build(&mut self) {
        let docs = self.docs;
        let mut globals: Vec<(Space, usize, &'a Node)> =
            self.index.iter().map(|((sp, _, _), (d, n))| (*sp, *d, *n)).collect();
        globals.sort_by_key(|(_, d, n)| (*d, n.pos.offset));
        for (space, d, node) in globals {
            let ns = docs[d].tns.as_str();
            let r = match (space, node.local.as_str()) {
                (Space::Type, "simpleType") => self.global_simple(d, node, ns),
                (Space::Type, _) => self.global_complex(d, node, ns),
                (Space::Element, _) => self.global_element(d, node, ns),
                (Space::Attribute, _) => self.global_attribute(d, node, ns),
                // Groups are expanded where they are used; unused ones are still checked.
                (Space::Group, _) => {
                    let owner = node.attr("name").unwrap_or("").to_string();
                    self.group_def(d, node, &owner).map(|_| ())
                }
                (Space::AttributeGroup, _) => {
                    let owner = node.attr("name").unwrap_or("").to_string();
                    let mut out = Vec::new();
                    let mut any = false;
                    self.attr_items(d, node, &owner, &mut out, &mut any)
                }
            };
            if let Err(e) = r {
                self.errors.push(e);
            }
        }
    }

    /// The tables, the root document's namespace first.
    pub(super) fn finish(self) -> Vec<&'static Table> {
        let titles: Vec<String> = self
            .tables
            .iter()
            .map(|t| {
                let files: Vec<&str> = self.docs.iter().filter(|d| d.tns == t.ns).map(|d| d.file.as_str()).collect();
                format!("{} (loaded from {})", t.ns, files.join(", "))
            })
            .collect();
        self.tables
            .into_iter()
            .zip(titles)
            .map(|(t, title)| {
                let table: &'static Table = Box::leak(Box::new(Table {
                    id: t.id,
                    namespace: t.ns,
                    prefix: t.prefix,
                    title: Box::leak(title.into_boxed_str()),
                    elements: leak(t.elements),
                    complex_types: leak(t.complex),
                    simple_types: leak(t.simple),
                    attributes: leak(t.attributes),
                    datatypes: &[],
                    ext_value: None,
                }));
                table
            })
            .collect()
    }

    // -----------------------------------------------------------------------------------------
    // References.

    /// Resolve the QName in attribute `attr` of `node` in symbol space `space`: its namespace
    /// and name, and where it is declared (a loaded node, or a built-in table).
    fn lookup(&mut self, d: usize, node: &Node, attr: &str, space: Space) -> Result<Found<'a>, XsdError> {
        let value = node.attr(attr).ok_or_else(|| self.err(d, node, K::MissingAttribute { attribute: attr.into() }))?;
        let (ns, local) =
            node.resolve(value).map_err(|_| self.err(d, node, K::UnknownPrefix { qname: value.into() }))?;
        let doc = &self.docs[d];
        let shown = if ns.is_empty() { value.to_string() } else { format!("{value} ({{{ns}}}{local})") };
        if ns.is_empty() && !doc.tns.is_empty() {
            return Err(self.err(d, node, K::Unqualified { qname: value.into(), namespace: doc.tns.clone() }));
        }
        if ns != doc.tns && ns != XS && !doc.imports.contains(&ns) {
            return Err(self.err(d, node, K::NotImported { qname: value.into(), namespace: ns }));
        }
        let q = q(self.s(&ns), self.s(&local));
        if let Some(found) = self.index.get(&(space, q.ns, q.name)) {
            return Ok((q, Some(*found), None));
        }
        if let Some(t) = self.builtins.iter().copied().find(|t| t.namespace == ns) {
            let hit = match space {
                Space::Element => t.elements.iter().any(|e| e.name == local),
                Space::Type => {
                    t.complex_types.iter().any(|c| c.name == local) || t.simple_types.iter().any(|s| s.name == local)
                }
                Space::Attribute => t.attributes.iter().any(|a| a.name == local),
                _ => false,
            };
            // A built-in table stands in only for a namespace no loaded document declares.
            if hit && !self.docs.iter().any(|doc| doc.tns == ns) {
                if !self.used_builtins.iter().any(|u| u.namespace == t.namespace) {
                    self.used_builtins.push(t);
                }
                return Ok((q, None, Some(t)));
            }
        }
        Err(self.err(d, node, K::Undefined { what: space.word(), qname: shown }))
    }

    fn type_ref(&mut self, d: usize, node: &Node, attr: &str) -> Result<TypeRes<'a>, XsdError> {
        let value = node.attr(attr).unwrap_or("");
        if let Ok((ns, local)) = node.resolve(value) {
            if ns == XS {
                if local == "anyType" {
                    return Ok(TypeRes::AnyType);
                }
                return match builtin_named(&local) {
                    Some(b) => Ok(TypeRes::XsSimple(b)),
                    None => Err(self.err(
                        d,
                        node,
                        K::Unsupported {
                            construct: format!("the built-in type xs:{local}"),
                            reason: "mile's engine knows the XML Schema datatypes the MILE schemas use; this one is not among them"
                                .into(),
                        },
                    )),
                };
            }
        }
        let (q, loaded, table) = self.lookup(d, node, attr, Space::Type)?;
        if let Some((td, tn)) = loaded {
            return Ok(if tn.local == "simpleType" {
                TypeRes::LoadedSimple(q)
            } else {
                TypeRes::LoadedComplex(q, td, tn)
            });
        }
        let t = table.ok_or_else(|| self.err(d, node, K::Undefined { what: "type", qname: value.into() }))?;
        if let Some(c) = t.complex_types.iter().find(|c| c.name == q.name) {
            return Ok(TypeRes::TableComplex(q, &c.ty));
        }
        match t.simple_types.iter().find(|s| s.name == q.name) {
            Some(_) => Ok(TypeRes::TableSimple(q)),
            None => Err(self.err(d, node, K::Undefined { what: "type", qname: value.into() })),
        }
    }

    /// A simple type reference in attribute `attr` (`type`, `base`, `itemType`).
    fn simple_ref(&mut self, d: usize, node: &Node, attr: &str) -> Result<SimpleRef, XsdError> {
        match self.type_ref(d, node, attr)? {
            TypeRes::XsSimple(b) => Ok(xs(b)),
            TypeRes::LoadedSimple(q) | TypeRes::TableSimple(q) => Ok(st(q)),
            TypeRes::AnyType | TypeRes::LoadedComplex(..) | TypeRes::TableComplex(..) => Err(self.err(
                d,
                node,
                K::BadAttributeValue {
                    attribute: attr.into(),
                    value: node.attr(attr).unwrap_or("").into(),
                    expected: "a simple type (this is a complex type)".into(),
                },
            )),
        }
    }

    /// The built-in at the root of a simple type's derivation.
    fn root_builtin(&mut self, r: SimpleRef, depth: u32) -> Option<Builtin> {
        if depth > 32 {
            return None;
        }
        match r {
            SimpleRef::Builtin(b) => Some(b),
            SimpleRef::Named(q) => {
                if let Some(t) = self.tables.iter().find(|t| t.ns == q.ns) {
                    if let Some(s) = t.simple.iter().find(|s| s.name == q.name) {
                        return self.root_builtin(s.base, depth + 1);
                    }
                }
                if let Some(t) = self.builtins.iter().find(|t| t.namespace == q.ns) {
                    if let Some(s) = t.simple_types.iter().find(|s| s.name == q.name) {
                        return self.root_builtin(s.base, depth + 1);
                    }
                }
                // A loaded simple type not converted yet: follow its restriction's base.
                let (_, n) = *self.index.get(&(Space::Type, q.ns, q.name))?;
                let r = n.content().next()?;
                let base = r.attr("base").or_else(|| r.attr("itemType"))?;
                let (ns, local) = r.resolve(base).ok()?;
                if ns == XS {
                    return match (r.local.as_str(), builtin_named(&local)?) {
                        ("list", Builtin::IdRef) => Some(Builtin::IdRefs),
                        ("list", _) => Some(Builtin::NmTokens),
                        (_, b) => Some(b),
                    };
                }
                let base = QRef { ns: self.s(&ns), name: self.s(&local) };
                self.root_builtin(st(base), depth + 1)
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Global components.

    fn global_element(&mut self, d: usize, node: &'a Node, ns: &str) -> Result<(), XsdError> {
        let decl = self.element_decl(d, node, node.attr("name").unwrap_or(""))?;
        let t = self.table(ns);
        self.tables[t].elements.push(decl);
        Ok(())
    }

    fn global_complex(&mut self, d: usize, node: &'a Node, ns: &'a str) -> Result<(), XsdError> {
        let name = node.attr("name").unwrap_or("");
        let ct = self.named_complex(d, node, ns, name)?;
        let ty = ComplexType { content: clone_content(&ct.content), attributes: ct.attributes };
        let name = self.s(name);
        let t = self.table(ns);
        self.tables[t].complex.push(NamedComplexType { name, ty });
        Ok(())
    }

    /// A named complex type of a loaded document, converted once.
    fn named_complex(
        &mut self,
        d: usize,
        node: &'a Node,
        ns: &'a str,
        name: &'a str,
    ) -> Result<&'static ComplexType, XsdError> {
        if let Some(c) = self.complex_memo.get(&(ns, name)) {
            return Ok(c);
        }
        let key = (Space::Type, ns.to_string(), name.to_string());
        if !self.in_progress.insert(key.clone()) {
            return Err(self.err(d, node, K::Circular { what: "complexType", name: name.into() }));
        }
        let r = self.complex(d, node, name);
        self.in_progress.remove(&key);
        let c: &'static ComplexType = Box::leak(Box::new(r?));
        self.complex_memo.insert((ns, name), c);
        Ok(c)
    }

    fn global_simple(&mut self, d: usize, node: &'a Node, ns: &str) -> Result<(), XsdError> {
        let name = self.s(node.attr("name").unwrap_or(""));
        if self.tables.iter().any(|t| t.ns == ns && t.simple.iter().any(|s| s.name == name)) {
            return Ok(());
        }
        let key = (Space::Type, ns.to_string(), name.to_string());
        if !self.in_progress.insert(key.clone()) {
            return Err(self.err(d, node, K::Circular { what: "simpleType", name: name.into() }));
        }
        let r = if self.derives_from_itself(ns, name) {
            Err(self.err(d, node, K::Circular { what: "simpleType", name: name.into() }))
        } else {
            self.simple_type(d, node, name)
        };
        self.in_progress.remove(&key);
        let s = r?;
        let t = self.table(ns);
        if !self.tables[t].simple.iter().any(|x| x.name == name) {
            self.tables[t].simple.push(s);
        }
        Ok(())
    }

    /// Does the chain of `base` references from the loaded simple type `{ns}name` come back to it?
    fn derives_from_itself(&self, ns: &str, name: &str) -> bool {
        let (mut cur_ns, mut cur) = (ns.to_string(), name.to_string());
        for _ in 0..64 {
            let Some((_, n)) = self.index.get(&(Space::Type, cur_ns.as_str(), cur.as_str())).copied() else {
                return false;
            };
            let Some(base) = n.content().next().and_then(|r| r.attr("base")) else { return false };
            let Ok((bns, bname)) = n.content().next().map_or(Err(String::new()), |r| r.resolve(base)) else {
                return false;
            };
            if bns == ns && bname == name {
                return true;
            }
            (cur_ns, cur) = (bns, bname);
        }
        false
    }

    fn global_attribute(&mut self, d: usize, node: &'a Node, ns: &str) -> Result<(), XsdError> {
        let name = node.attr("name").unwrap_or("").to_string();
        let mut a = self.local_attribute(d, node, &name, true)?;
        a.ns = self.s(ns);
        let t = self.table(ns);
        self.tables[t].attributes.push(a);
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Elements.

    fn check_attrs(&self, d: usize, node: &Node, allowed: &[&str]) -> Result<(), XsdError> {
        for (a, v) in &node.attrs {
            if allowed.contains(&a.as_str()) {
                continue;
            }
            let (construct, reason) = match a.as_str() {
                "substitutionGroup" => {
                    ("the substitutionGroup attribute", "declare the allowed elements in a choice instead")
                }
                "abstract" if v == "false" => continue,
                "abstract" => ("abstract=\"true\"", "the engine does not evaluate xsi:type or substitution groups"),
                "nillable" if v == "false" => continue,
                "nillable" => ("nillable=\"true\"", "the engine does not evaluate xsi:nil"),
                "fixed" => ("a fixed value on an element", "the engine checks fixed values of attributes only"),
                "default" if node.local == "element" => (
                    "a default value on an element",
                    "an empty element would take the default before validation, which the engine does not do",
                ),
                "block" | "final" | "finalDefault" | "blockDefault" | "id" | "default" => continue,
                _ => {
                    return Err(self.err(
                        d,
                        node,
                        K::BadAttributeValue {
                            attribute: a.clone(),
                            value: v.clone(),
                            expected: format!("no attribute '{a}' on xs:{}", node.local),
                        },
                    ));
                }
            };
            return Err(self.err(d, node, K::Unsupported { construct: construct.into(), reason: reason.into() }));
        }
        Ok(())
    }

    fn element_decl(&mut self, d: usize, node: &'a Node, owner: &str) -> Result<ElementDecl, XsdError> {
        self.check_attrs(d, node, &["name", "type", "minOccurs", "maxOccurs", "form"])?;
        let name = self.s(node.attr("name").unwrap_or(""));
        let req = self.req(d, node);
        let mut ty = None;
        for c in node.content() {
            self.xs_child(d, c)?;
            match c.local.as_str() {
                "complexType" | "simpleType" if ty.is_some() || node.attr("type").is_some() => {
                    return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() }));
                }
                "complexType" => ty = Some(Type::Complex(self.complex(d, c, owner)?)),
                "simpleType" => {
                    let r = self.anon_simple(d, c, owner)?;
                    ty = Some(Type::Simple(r));
                }
                "key" | "keyref" | "unique" => {
                    return Err(self.err(
                        d,
                        c,
                        K::Unsupported {
                            construct: format!("xs:{} (an identity constraint)", c.local),
                            reason: "the engine validates in one streaming pass and does not evaluate XPath selectors"
                                .into(),
                        },
                    ));
                }
                _ => {
                    return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() }));
                }
            }
        }
        let ty = match ty {
            Some(t) => t,
            None if node.attr("type").is_some() => match self.type_ref(d, node, "type")? {
                TypeRes::XsSimple(b) => Type::Simple(xs(b)),
                TypeRes::AnyType => Type::Complex(ComplexType {
                    content: clone_content(&ANY_TYPE.content),
                    attributes: ANY_TYPE.attributes,
                }),
                TypeRes::LoadedComplex(q, ..) | TypeRes::TableComplex(q, _) => Type::Named(q),
                TypeRes::LoadedSimple(q) | TypeRes::TableSimple(q) => Type::Simple(st(q)),
            },
            None => Type::Complex(ComplexType {
                content: clone_content(&ANY_TYPE.content),
                attributes: ANY_TYPE.attributes,
            }),
        };
        Ok(ElementDecl { name, req, ty, note: None })
    }

    /// A child element of a schema component must be in the XML Schema namespace.
    fn xs_child(&self, d: usize, c: &Node) -> Result<(), XsdError> {
        if c.ns != XS {
            return Err(self.err(d, c, K::NotXsdNamespace { element: c.qname.clone(), namespace: c.ns.clone() }));
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Complex types.

    fn complex(&mut self, d: usize, node: &'a Node, owner: &str) -> Result<ComplexType, XsdError> {
        self.check_attrs(d, node, &["name", "mixed"])?;
        let mixed = self.boolean(d, node, "mixed")?;
        let mut particle: Option<Particle> = None;
        let mut attr_nodes: Vec<&'a Node> = Vec::new();
        for c in node.content() {
            self.xs_child(d, c)?;
            match c.local.as_str() {
                "simpleContent" | "complexContent" if particle.is_none() && attr_nodes.is_empty() => {
                    if node.content().count() > 1 {
                        let other = node.content().nth(1).unwrap_or(c);
                        return Err(self.err(
                            d,
                            other,
                            K::UnexpectedChild { child: other.qname.clone(), parent: node.label() },
                        ));
                    }
                    return if c.local == "simpleContent" {
                        self.simple_content(d, c, owner)
                    } else {
                        let mixed = match c.attr("mixed") {
                            Some(_) => self.boolean(d, c, "mixed")?,
                            None => mixed,
                        };
                        self.complex_content(d, c, owner, mixed)
                    };
                }
                "sequence" | "choice" | "all" | "group" if particle.is_none() && attr_nodes.is_empty() => {
                    particle = Some(self.particle(d, c, owner)?);
                }
                "attribute" | "attributeGroup" | "anyAttribute" => attr_nodes.push(c),
                "openContent" | "assert" => {
                    return Err(self.err(
                        d,
                        c,
                        K::Unsupported {
                            construct: format!("xs:{} (XML Schema 1.1)", c.local),
                            reason: "mile compiles XML Schema 1.0".into(),
                        },
                    ));
                }
                _ => {
                    return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() }));
                }
            }
        }
        let mut attrs = Vec::new();
        let mut any = false;
        for a in attr_nodes {
            self.attr_item(d, a, owner, &mut attrs, &mut any)?;
        }
        if any {
            attrs.push(any_attribute());
        }
        Ok(ComplexType { content: make_content(particle, mixed), attributes: leak(attrs) })
    }

    fn boolean(&self, d: usize, node: &Node, attr: &str) -> Result<bool, XsdError> {
        match node.attr(attr).map(str::trim) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(v) => Err(self.err(
                d,
                node,
                K::BadAttributeValue { attribute: attr.into(), value: v.into(), expected: "true or false".into() },
            )),
        }
    }

    /// The extension or restriction inside simpleContent/complexContent.
    fn derivation<'n>(&self, d: usize, node: &'n Node) -> Result<&'n Node, XsdError> {
        let mut it = node.content();
        let Some(c) = it.next() else {
            return Err(self.err(d, node, K::MissingAttribute { attribute: "extension or restriction".into() }));
        };
        self.xs_child(d, c)?;
        if !matches!(c.local.as_str(), "extension" | "restriction") {
            return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() }));
        }
        if let Some(extra) = it.next() {
            return Err(self.err(d, extra, K::UnexpectedChild { child: extra.qname.clone(), parent: node.label() }));
        }
        Ok(c)
    }

    fn base(&mut self, d: usize, node: &'a Node) -> Result<Base, XsdError> {
        if node.attr("base").is_none() {
            return Err(self.err(d, node, K::MissingAttribute { attribute: "base".into() }));
        }
        Ok(match self.type_ref(d, node, "base")? {
            TypeRes::XsSimple(b) => Base::Simple(xs(b)),
            TypeRes::AnyType => Base::Complex(&ANY_TYPE),
            TypeRes::LoadedSimple(q) | TypeRes::TableSimple(q) => Base::Simple(st(q)),
            TypeRes::TableComplex(_, c) => Base::Complex(c),
            TypeRes::LoadedComplex(q, td, tn) => {
                let ns: &'a str = self.docs[td].tns.as_str();
                let name: &'a str = tn.attr("name").unwrap_or(q.name);
                Base::Complex(self.named_complex(td, tn, ns, name)?)
            }
        })
    }

    fn complex_content(&mut self, d: usize, node: &'a Node, owner: &str, mixed: bool) -> Result<ComplexType, XsdError> {
        let der = self.derivation(d, node)?;
        let base = match self.base(d, der)? {
            Base::Complex(c) => c,
            Base::Simple(_) => {
                return Err(self.err(
                    d,
                    der,
                    K::BadAttributeValue {
                        attribute: "base".into(),
                        value: der.attr("base").unwrap_or("").into(),
                        expected: "a complex type (complexContent derives from complex types; use simpleContent)"
                            .into(),
                    },
                ));
            }
        };
        let mut particle: Option<Particle> = None;
        let mut attrs = Vec::new();
        let mut any = false;
        for c in der.content() {
            self.xs_child(d, c)?;
            match c.local.as_str() {
                "sequence" | "choice" | "all" | "group" if particle.is_none() && attrs.is_empty() => {
                    particle = Some(self.particle(d, c, owner)?);
                }
                "attribute" | "attributeGroup" | "anyAttribute" => self.attr_item(d, c, owner, &mut attrs, &mut any)?,
                _ => return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: der.label() })),
            }
        }
        let base_any = base.attributes.iter().any(|a| a.name == "*");
        let base_attrs = base.attributes.iter().filter(|a| a.name != "*");
        if der.local == "extension" {
            let (base_p, base_mixed) = match &base.content {
                Content::Empty => (None, false),
                Content::Elements(p) => (Some(clone_particle(p)), false),
                Content::Mixed(p) => (Some(clone_particle(p)), true),
                Content::Simple(_) => {
                    return Err(self.err(
                        d,
                        der,
                        K::BadAttributeValue {
                            attribute: "base".into(),
                            value: der.attr("base").unwrap_or("").into(),
                            expected: "a type with element content (this one has simple content: use simpleContent)"
                                .into(),
                        },
                    ));
                }
            };
            let p = match (base_p.filter(|p| !is_empty_particle(p)), particle.filter(|p| !is_empty_particle(p))) {
                (Some(b), Some(o)) => Some(Particle::Sequence(leak(vec![b, o]), Occurs::ONE)),
                (b, o) => b.or(o),
            };
            let mut all: Vec<AttributeDecl> = base_attrs.map(clone_attr).collect();
            for a in attrs {
                if all.iter().any(|b| b.ns == a.ns && b.name == a.name) {
                    return Err(self.err(
                        d,
                        der,
                        K::Duplicate { what: "attribute", name: a.name.into(), first: "the base type".into() },
                    ));
                }
                all.push(a);
            }
            if any || base_any {
                all.push(any_attribute());
            }
            Ok(ComplexType { content: make_content(p, mixed || base_mixed), attributes: leak(all) })
        } else {
            let mut all = restricted_attributes(base_attrs, attrs);
            if any {
                all.push(any_attribute());
            }
            Ok(ComplexType { content: make_content(particle, mixed), attributes: leak(all) })
        }
    }

    fn simple_content(&mut self, d: usize, node: &'a Node, owner: &str) -> Result<ComplexType, XsdError> {
        let der = self.derivation(d, node)?;
        let (base_ty, base_attrs): (SimpleRef, &'static [AttributeDecl]) = match self.base(d, der)? {
            Base::Simple(s) => (s, &[]),
            Base::Complex(c) => match c.content {
                Content::Simple(s) => (s, c.attributes),
                _ => {
                    return Err(self.err(
                        d,
                        der,
                        K::BadAttributeValue {
                            attribute: "base".into(),
                            value: der.attr("base").unwrap_or("").into(),
                            expected: "a simple type or a complex type with simple content".into(),
                        },
                    ));
                }
            },
        };
        let mut attrs = Vec::new();
        let mut any = false;
        let mut facet_nodes: Vec<&'a Node> = Vec::new();
        let mut inline_base: Option<&'a Node> = None;
        for c in der.content() {
            self.xs_child(d, c)?;
            match c.local.as_str() {
                "attribute" | "attributeGroup" | "anyAttribute" => self.attr_item(d, c, owner, &mut attrs, &mut any)?,
                "simpleType" if der.local == "restriction" && inline_base.is_none() && facet_nodes.is_empty() => {
                    inline_base = Some(c)
                }
                _ if der.local == "restriction" && attrs.is_empty() => facet_nodes.push(c),
                _ => return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: der.label() })),
            }
        }
        let base_any = base_attrs.iter().any(|a| a.name == "*");
        let base_attrs = base_attrs.iter().filter(|a| a.name != "*");
        let mut content_ty = base_ty;
        if der.local == "restriction" && (inline_base.is_some() || !facet_nodes.is_empty()) {
            let base = match inline_base {
                Some(s) => self.anon_simple(d, s, &format!("{owner}~base"))?,
                None => base_ty,
            };
            let ns = self.docs[d].tns.clone();
            let name = self.unique_name(&ns, owner);
            let req = self.req(d, der);
            let (base, facets) = self.facets(d, der, base, &facet_nodes)?;
            let t = self.table(&ns);
            self.tables[t].simple.push(SimpleType { name, req, base, facets });
            content_ty = st(q(self.tables[t].ns, name));
        }
        let mut all: Vec<AttributeDecl> = Vec::new();
        if der.local == "extension" {
            all.extend(base_attrs.map(clone_attr));
            for a in attrs {
                if all.iter().any(|b| b.ns == a.ns && b.name == a.name) {
                    return Err(self.err(
                        d,
                        der,
                        K::Duplicate { what: "attribute", name: a.name.into(), first: "the base type".into() },
                    ));
                }
                all.push(a);
            }
            any |= base_any;
        } else {
            all.extend(restricted_attributes(base_attrs, attrs));
        }
        if any {
            all.push(any_attribute());
        }
        Ok(ComplexType { content: Content::Simple(content_ty), attributes: leak(all) })
    }

    // -----------------------------------------------------------------------------------------
    // Particles.

    fn occurs(&self, d: usize, node: &Node) -> Result<Occurs, XsdError> {
        let num = |attr: &str, v: &str| -> Result<u32, XsdError> {
            v.trim().parse::<u64>().map(|n| n.min(u64::from(u32::MAX)) as u32).map_err(|_| {
                self.err(
                    d,
                    node,
                    K::BadAttributeValue {
                        attribute: attr.into(),
                        value: v.into(),
                        expected: "a non-negative integer".into(),
                    },
                )
            })
        };
        let min = match node.attr("minOccurs") {
            Some(v) => num("minOccurs", v)?,
            None => 1,
        };
        let max = match node.attr("maxOccurs") {
            Some(v) if v.trim() == "unbounded" => None,
            Some(v) => Some(num("maxOccurs", v)?),
            None => Some(1),
        };
        if max.is_some_and(|m| m < min) {
            return Err(self.err(
                d,
                node,
                K::BadAttributeValue {
                    attribute: "maxOccurs".into(),
                    value: node.attr("maxOccurs").unwrap_or("1").into(),
                    expected: format!("at least minOccurs ({min})"),
                },
            ));
        }
        if min > MAX_OCCURS || max.is_some_and(|m| m > MAX_OCCURS) {
            return Err(self.err(
                d,
                node,
                K::Unsupported {
                    construct: format!("an occurrence bound above {MAX_OCCURS}"),
                    reason: "the engine unrolls finite bounds into its automaton; use unbounded".into(),
                },
            ));
        }
        Ok(Occurs { min, max })
    }

    fn particle(&mut self, d: usize, node: &'a Node, owner: &str) -> Result<Particle, XsdError> {
        self.xs_child(d, node)?;
        let occurs = self.occurs(d, node)?;
        if occurs.max == Some(0) {
            return Ok(empty_seq());
        }
        match node.local.as_str() {
            "element" if node.attr("ref").is_some() => {
                if node.attr("name").is_some() || node.attr("type").is_some() {
                    return Err(self.err(
                        d,
                        node,
                        K::BadAttributeValue {
                            attribute: "ref".into(),
                            value: node.attr("ref").unwrap_or("").into(),
                            expected: "either ref or name/type, not both".into(),
                        },
                    ));
                }
                let (q, ..) = self.lookup(d, node, "ref", Space::Element)?;
                Ok(Particle::Element(ElementParticle { elem: ElemRef::Global(q), occurs, note: None }))
            }
            "element" => {
                if node.attr("name").is_none() {
                    return Err(self.err(d, node, K::MissingAttribute { attribute: "name".into() }));
                }
                let name = node.attr("name").unwrap_or("");
                let decl = self.element_decl(d, node, &format!("{owner}/{name}"))?;
                let qualified = match node.attr("form") {
                    Some("qualified") => true,
                    Some("unqualified") => false,
                    _ => self.docs[d].elements_qualified,
                };
                let ns = if qualified { self.s(&self.docs[d].tns.clone()) } else { "" };
                let decl: &'static ElementDecl = Box::leak(Box::new(decl));
                Ok(Particle::Element(ElementParticle { elem: ElemRef::Local { ns, decl }, occurs, note: None }))
            }
            "sequence" | "choice" => {
                self.check_attrs(d, node, &["minOccurs", "maxOccurs"])?;
                let mut items = Vec::new();
                for c in node.content() {
                    self.xs_child(d, c)?;
                    if !matches!(c.local.as_str(), "element" | "sequence" | "choice" | "group" | "any") {
                        return Err(self.err(
                            d,
                            c,
                            K::UnexpectedChild { child: c.qname.clone(), parent: node.label() },
                        ));
                    }
                    let p = self.particle(d, c, owner)?;
                    items.push(p);
                }
                Ok(if node.local == "sequence" {
                    Particle::Sequence(leak(items), occurs)
                } else {
                    Particle::Choice(leak(items), occurs)
                })
            }
            "all" => {
                let mut items = Vec::new();
                for c in node.content() {
                    self.xs_child(d, c)?;
                    if c.local != "element" {
                        return Err(self.err(
                            d,
                            c,
                            K::UnexpectedChild { child: c.qname.clone(), parent: node.label() },
                        ));
                    }
                    let p = self.particle(d, c, owner)?;
                    if occurs_of(&p).max.is_none_or(|m| m > 1) {
                        return Err(self.err(
                            d,
                            c,
                            K::BadAttributeValue {
                                attribute: "maxOccurs".into(),
                                value: c.attr("maxOccurs").unwrap_or("").into(),
                                expected: "0 or 1 (elements of xs:all occur at most once)".into(),
                            },
                        ));
                    }
                    if !is_empty_particle(&p) {
                        items.push(p);
                    }
                }
                if items.len() > MAX_ALL {
                    return Err(self.err(
                        d,
                        node,
                        K::Unsupported {
                            construct: format!("xs:all with more than {MAX_ALL} elements"),
                            reason: "the engine expands xs:all into the orders it allows; use a sequence".into(),
                        },
                    ));
                }
                let all = all_orders(&items, 0);
                Ok(match all {
                    Some(p) if occurs.min == 0 => p.times(0, Some(1)),
                    Some(p) => p,
                    None => empty_seq(),
                })
            }
            "group" => {
                let (_, loaded, _) = self.lookup(d, node, "ref", Space::Group)?;
                let Some((gd, gn)) = loaded else {
                    return Err(self.err(
                        d,
                        node,
                        K::Undefined { what: "group", qname: node.attr("ref").unwrap_or("").into() },
                    ));
                };
                let p = self.group_def(gd, gn, owner)?;
                Ok(if occurs == Occurs::ONE { p } else { p.times(occurs.min, occurs.max) })
            }
            "any" => {
                self.check_attrs(d, node, &["minOccurs", "maxOccurs", "namespace", "processContents"])?;
                let w = self.wildcard(d, node)?;
                Ok(Particle::Any(w, occurs))
            }
            _ => Err(self.err(
                d,
                node,
                K::UnexpectedChild { child: node.qname.clone(), parent: "a content model".into() },
            )),
        }
    }

    fn group_def(&mut self, d: usize, node: &'a Node, owner: &str) -> Result<Particle, XsdError> {
        let name = node.attr("name").unwrap_or("").to_string();
        let key = (Space::Group, self.docs[d].tns.clone(), name.clone());
        if !self.in_progress.insert(key.clone()) {
            return Err(self.err(d, node, K::Circular { what: "group", name }));
        }
        let r = (|| {
            let mut it = node.content();
            let Some(c) = it.next() else { return Ok(empty_seq()) };
            if let Some(extra) = it.next() {
                return Err(self.err(
                    d,
                    extra,
                    K::UnexpectedChild { child: extra.qname.clone(), parent: node.label() },
                ));
            }
            if !matches!(c.local.as_str(), "sequence" | "choice" | "all") || c.ns != XS {
                return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() }));
            }
            self.particle(d, c, owner)
        })();
        self.in_progress.remove(&key);
        r
    }

    fn wildcard(&mut self, d: usize, node: &Node) -> Result<Wildcard, XsdError> {
        let tns = self.s(&self.docs[d].tns.clone());
        let spec = node.attr("namespace").unwrap_or("##any").trim();
        let namespaces = match spec {
            "##any" => NsConstraint::Any,
            "##other" => NsConstraint::Other(tns),
            list => {
                let mut v = Vec::new();
                for t in list.split_ascii_whitespace() {
                    v.push(match t {
                        "##targetNamespace" => tns,
                        "##local" => "",
                        t if t.starts_with("##") => {
                            return Err(self.err(
                                d,
                                node,
                                K::BadAttributeValue {
                                    attribute: "namespace".into(),
                                    value: spec.into(),
                                    expected: "##any, ##other, or a list of URIs, ##targetNamespace and ##local".into(),
                                },
                            ));
                        }
                        t => self.s(t),
                    });
                }
                NsConstraint::List(leak(v))
            }
        };
        let process = match node.attr("processContents").map(str::trim) {
            None | Some("strict") => Process::Strict,
            Some("lax") => Process::Lax,
            Some("skip") => Process::Skip,
            Some(v) => {
                return Err(self.err(
                    d,
                    node,
                    K::BadAttributeValue {
                        attribute: "processContents".into(),
                        value: v.into(),
                        expected: "strict, lax or skip".into(),
                    },
                ));
            }
        };
        Ok(Wildcard { namespaces, process })
    }

    // -----------------------------------------------------------------------------------------
    // Attributes.

    fn attr_item(
        &mut self,
        d: usize,
        node: &'a Node,
        owner: &str,
        out: &mut Vec<AttributeDecl>,
        any: &mut bool,
    ) -> Result<(), XsdError> {
        self.xs_child(d, node)?;
        match node.local.as_str() {
            "attribute" => {
                let a = if node.attr("ref").is_some() {
                    let (q, ..) = self.lookup(d, node, "ref", Space::Attribute)?;
                    let use_ = self.attr_use(d, node)?;
                    let mut a = attr_ref(q, use_);
                    a.fixed = node.attr("fixed").map(|v| self.s(v));
                    a.default = node.attr("default").map(|v| self.s(v));
                    a
                } else {
                    let name = node.attr("name").unwrap_or("").to_string();
                    self.local_attribute(d, node, &format!("{owner}@{name}"), false)?
                };
                if out.iter().any(|b| b.ns == a.ns && b.name == a.name) {
                    return Err(self.err(
                        d,
                        node,
                        K::Duplicate { what: "attribute", name: a.name.into(), first: "the same type".into() },
                    ));
                }
                out.push(a);
                Ok(())
            }
            "attributeGroup" => {
                let (_, loaded, _) = self.lookup(d, node, "ref", Space::AttributeGroup)?;
                let Some((gd, gn)) = loaded else {
                    return Err(self.err(
                        d,
                        node,
                        K::Undefined { what: "attributeGroup", qname: node.attr("ref").unwrap_or("").into() },
                    ));
                };
                let name = gn.attr("name").unwrap_or("").to_string();
                let key = (Space::AttributeGroup, self.docs[gd].tns.clone(), name.clone());
                if !self.in_progress.insert(key.clone()) {
                    return Err(self.err(gd, gn, K::Circular { what: "attributeGroup", name }));
                }
                let r = self.attr_items(gd, gn, owner, out, any);
                self.in_progress.remove(&key);
                r
            }
            "anyAttribute" => {
                let w = self.wildcard(d, node)?;
                if w.process == Process::Strict {
                    return Err(self.err(
                        d,
                        node,
                        K::Unsupported {
                            construct: "xs:anyAttribute with processContents=\"strict\" (the default)".into(),
                            reason: "the engine does not validate wildcard attributes; write processContents=\"lax\" or \"skip\""
                                .into(),
                        },
                    ));
                }
                if !matches!(w.namespaces, NsConstraint::Any) {
                    return Err(self.err(
                        d,
                        node,
                        K::Unsupported {
                            construct: "xs:anyAttribute with a namespace constraint".into(),
                            reason: "the engine's attribute wildcard admits any namespace; write namespace=\"##any\""
                                .into(),
                        },
                    ));
                }
                *any = true;
                Ok(())
            }
            _ => Err(self.err(d, node, K::UnexpectedChild { child: node.qname.clone(), parent: "attributes".into() })),
        }
    }

    fn attr_items(
        &mut self,
        d: usize,
        group: &'a Node,
        owner: &str,
        out: &mut Vec<AttributeDecl>,
        any: &mut bool,
    ) -> Result<(), XsdError> {
        for c in group.content() {
            self.attr_item(d, c, owner, out, any)?;
        }
        Ok(())
    }

    fn attr_use(&self, d: usize, node: &Node) -> Result<Use, XsdError> {
        match node.attr("use").map(str::trim) {
            None | Some("optional") => Ok(Use::Optional),
            Some("required") => Ok(Use::Required),
            Some("prohibited") => Ok(Use::Prohibited),
            Some(v) => Err(self.err(
                d,
                node,
                K::BadAttributeValue {
                    attribute: "use".into(),
                    value: v.into(),
                    expected: "optional, required or prohibited".into(),
                },
            )),
        }
    }

    fn local_attribute(
        &mut self,
        d: usize,
        node: &'a Node,
        owner: &str,
        global: bool,
    ) -> Result<AttributeDecl, XsdError> {
        let Some(name) = node.attr("name") else {
            return Err(self.err(d, node, K::MissingAttribute { attribute: "name".into() }));
        };
        let name = self.s(name);
        let mut ty = None;
        for c in node.content() {
            self.xs_child(d, c)?;
            if c.local != "simpleType" || ty.is_some() || node.attr("type").is_some() {
                return Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() }));
            }
            ty = Some(self.anon_simple(d, c, owner)?);
        }
        let ty = match ty {
            Some(t) => t,
            None if node.attr("type").is_some() => self.simple_ref(d, node, "type")?,
            None => xs(Builtin::AnySimpleType),
        };
        let qualified = match node.attr("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => self.docs[d].attributes_qualified,
        };
        let ns = if qualified && !global { self.s(&self.docs[d].tns.clone()) } else { "" };
        let use_ = self.attr_use(d, node)?;
        let fixed = node.attr("fixed").map(|v| self.s(v));
        let default = node.attr("default").map(|v| self.s(v));
        if let (Some(v), SimpleRef::Builtin(b)) = (fixed.or(default), ty) {
            if let Err(e) = datatypes::check(b, &datatypes::normalize(datatypes::whitespace(b), v)) {
                return Err(self.err(
                    d,
                    node,
                    K::BadAttributeValue {
                        attribute: if fixed.is_some() { "fixed" } else { "default" }.into(),
                        value: v.into(),
                        expected: format!("{} ({})", e.expected, e.problem),
                    },
                ));
            }
        }
        Ok(AttributeDecl { ns, name, ty, use_, default, fixed, req: None, global: false })
    }

    // -----------------------------------------------------------------------------------------
    // Simple types.

    fn unique_name(&mut self, ns: &str, owner: &str) -> &'static str {
        let ns = self.s(ns);
        let mut name = owner.to_string();
        let mut k = 2;
        while self.names.contains(&(ns, name.clone())) || {
            let n = self.s(&name);
            self.index.contains_key(&(Space::Type, ns, n))
        } {
            name = format!("{owner}#{k}");
            k += 1;
        }
        self.names.insert((ns, name.clone()));
        self.s(&name)
    }

    /// An anonymous simple type: given a name no document can write (it contains `/` or `@`).
    fn anon_simple(&mut self, d: usize, node: &'a Node, owner: &str) -> Result<SimpleRef, XsdError> {
        let ns = self.docs[d].tns.clone();
        let owner = if owner.is_empty() { "anonymous" } else { owner };
        // `Element@attribute`, as the built-in tables name them; `Element~type` for content.
        let name = if owner.contains('@') { owner.to_string() } else { format!("{owner}~type") };
        let name = self.unique_name(&ns, &name);
        let s = self.simple_type(d, node, name)?;
        let t = self.table(&ns);
        self.tables[t].simple.push(s);
        Ok(st(q(self.tables[t].ns, name)))
    }

    fn simple_type(&mut self, d: usize, node: &'a Node, name: &'static str) -> Result<SimpleType, XsdError> {
        self.check_attrs(d, node, &["name"])?;
        let req = self.req(d, node);
        let mut it = node.content();
        let Some(c) = it.next() else {
            return Err(self.err(d, node, K::MissingAttribute { attribute: "restriction, list or union".into() }));
        };
        self.xs_child(d, c)?;
        if let Some(extra) = it.next() {
            return Err(self.err(d, extra, K::UnexpectedChild { child: extra.qname.clone(), parent: node.label() }));
        }
        match c.local.as_str() {
            "restriction" => {
                let mut facet_nodes = Vec::new();
                let mut inline = None;
                for f in c.content() {
                    self.xs_child(d, f)?;
                    if f.local == "simpleType" && inline.is_none() && facet_nodes.is_empty() && c.attr("base").is_none()
                    {
                        inline = Some(f);
                    } else {
                        facet_nodes.push(f);
                    }
                }
                let base = match inline {
                    Some(s) => self.anon_simple(d, s, &format!("{name}~base"))?,
                    None if c.attr("base").is_some() => self.simple_ref(d, c, "base")?,
                    None => return Err(self.err(d, c, K::MissingAttribute { attribute: "base".into() })),
                };
                let (base, facets) = self.facets(d, c, base, &facet_nodes)?;
                Ok(SimpleType { name, req, base, facets })
            }
            "list" => {
                let item = match c.content().next() {
                    Some(s) if s.is_xs("simpleType") => self.anon_simple(d, s, &format!("{name}~item"))?,
                    _ => self.simple_ref(d, c, "itemType")?,
                };
                let base = match self.root_builtin(item, 0) {
                    Some(Builtin::IdRef) if item == xs(Builtin::IdRef) => Builtin::IdRefs,
                    Some(Builtin::NmToken) if item == xs(Builtin::NmToken) => Builtin::NmTokens,
                    _ => {
                        return Err(self.err(
                            d,
                            c,
                            K::Unsupported {
                                construct: "xs:list of this item type".into(),
                                reason: "the engine has list types for xs:NMTOKEN and xs:IDREF items only (NMTOKENS, IDREFS)"
                                    .into(),
                            },
                        ));
                    }
                };
                Ok(SimpleType { name, req, base: xs(base), facets: Facets::NONE })
            }
            "union" => Err(self.err(
                d,
                c,
                K::Unsupported {
                    construct: "xs:union".into(),
                    reason: "the engine's simple types are one built-in base restricted by facets".into(),
                },
            )),
            _ => Err(self.err(d, c, K::UnexpectedChild { child: c.qname.clone(), parent: node.label() })),
        }
    }

    /// Read the facets of one restriction step over `base`; a whiteSpace facet is expressed by
    /// moving the base to the built-in with that white-space handling.
    fn facets(
        &mut self,
        d: usize,
        restriction: &Node,
        mut base: SimpleRef,
        nodes: &[&'a Node],
    ) -> Result<(SimpleRef, Facets), XsdError> {
        let root = self.root_builtin(base, 0).unwrap_or(Builtin::String);
        let mut f = Facets::NONE;
        let mut enumeration = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let numeric = datatypes::compare(root, "0", "0").is_some()
            || datatypes::compare(root, "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z").is_some();
        for n in nodes {
            let value = n.attr("value").unwrap_or("");
            let bad =
                |problem: String| self.err(d, n, K::BadFacet { facet: n.local.clone(), value: value.into(), problem });
            if n.attr("value").is_none() {
                return Err(self.err(d, n, K::MissingAttribute { attribute: "value".into() }));
            }
            let len = || value.trim().parse::<u32>().map_err(|_| bad("expected a non-negative integer".into()));
            let valid = |v: &str| -> Result<(), XsdError> {
                let v = datatypes::normalize(datatypes::whitespace(root), v);
                datatypes::check(root, &v)
                    .map_err(|e| bad(format!("not a value of the base type: {} ({})", e.expected, e.problem)))
            };
            match n.local.as_str() {
                "enumeration" => {
                    if !matches!(root, Builtin::String | Builtin::AnySimpleType) {
                        valid(value)?;
                    }
                    let v = datatypes::normalize(datatypes::whitespace(root), value).into_owned();
                    enumeration.push(self.s(&v));
                }
                "pattern" => {
                    datatypes::compile_pattern(value)
                        .map_err(|e| bad(format!("not a valid regular expression: {e}")))?;
                    patterns.push(value.to_string());
                }
                "length" => {
                    let l = len()?;
                    f.min_length = Some(l);
                    f.max_length = Some(l);
                }
                "minLength" => f.min_length = Some(len()?),
                "maxLength" => f.max_length = Some(len()?),
                "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive" => {
                    if !numeric {
                        return Err(bad(format!("the base type ({root:?}) is not ordered")));
                    }
                    valid(value)?;
                    let v = Some(self.s(value.trim()));
                    match n.local.as_str() {
                        "minInclusive" => f.min_inclusive = v,
                        "maxInclusive" => f.max_inclusive = v,
                        "minExclusive" => f.min_exclusive = v,
                        _ => f.max_exclusive = v,
                    }
                }
                "whiteSpace" => {
                    let want = match value.trim() {
                        "preserve" => 0,
                        "replace" => 1,
                        "collapse" => 2,
                        _ => return Err(bad("expected preserve, replace or collapse".into())),
                    };
                    if want < ws_rank(root) {
                        return Err(bad("a restriction cannot weaken the base type's white-space handling".into()));
                    }
                    if want > ws_rank(root) {
                        match base {
                            SimpleRef::Builtin(Builtin::String | Builtin::NormalizedString) => {
                                base = xs(if want == 2 { Builtin::Token } else { Builtin::NormalizedString });
                            }
                            _ => {
                                return Err(self.err(
                                    d,
                                    n,
                                    K::Unsupported {
                                        construct: "a whiteSpace facet on a derived string type".into(),
                                        reason:
                                            "derive from xs:token (collapse) or xs:normalizedString (replace) instead"
                                                .into(),
                                    },
                                ));
                            }
                        }
                    }
                }
                "totalDigits" | "fractionDigits" => {
                    return Err(self.err(
                        d,
                        n,
                        K::Unsupported {
                            construct: format!("the {} facet", n.local),
                            reason: "use a pattern or bounds instead".into(),
                        },
                    ));
                }
                _ => {
                    return Err(self.err(
                        d,
                        n,
                        K::UnexpectedChild { child: n.qname.clone(), parent: restriction.label() },
                    ));
                }
            }
        }
        if let (Some(a), Some(b)) = (f.min_length, f.max_length) {
            if a > b {
                return Err(self.err(
                    d,
                    restriction,
                    K::BadFacet {
                        facet: "minLength".into(),
                        value: a.to_string(),
                        problem: format!("greater than maxLength ({b})"),
                    },
                ));
            }
        }
        if !enumeration.is_empty() {
            f.enumeration = leak(enumeration);
        }
        f.pattern = match patterns.len() {
            0 => None,
            1 => Some(self.s(&patterns[0])),
            _ => {
                let joined: Vec<String> = patterns.iter().map(|p| format!("({p})")).collect();
                Some(self.s(&joined.join("|")))
            }
        };
        Ok((base, f))
    }
}

fn make_content(p: Option<Particle>, mixed: bool) -> Content {
    match p {
        None if mixed => Content::Mixed(empty_seq()),
        None => Content::Empty,
        Some(p) if is_empty_particle(&p) && !mixed => Content::Empty,
        Some(p) if mixed => Content::Mixed(p),
        Some(p) => Content::Elements(p),
    }
}

/// `xs:all` as a deterministic choice: each order starts with a different element, and after
/// it come the orders of the rest. Optional when every remaining member is.
fn all_orders(items: &[Particle], used: u32) -> Option<Particle> {
    let rest: Vec<usize> = (0..items.len()).filter(|i| used & (1 << i) == 0).collect();
    if rest.is_empty() {
        return None;
    }
    let optional = rest.iter().all(|&i| occurs_of(&items[i]).min == 0);
    let alternatives: Vec<Particle> = rest
        .iter()
        .map(|&i| {
            let first = clone_particle(&items[i]).times(1, Some(1));
            match all_orders(items, used | (1 << i)) {
                Some(tail) => Particle::Sequence(leak(vec![first, tail]), Occurs::ONE),
                None => first,
            }
        })
        .collect();
    let min = if optional { 0 } else { 1 };
    Some(Particle::Choice(leak(alternatives), Occurs { min, max: Some(1) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_known() {
        assert_eq!(builtin_named("dateTime"), Some(Builtin::DateTime));
        assert_eq!(builtin_named("gDay"), None);
    }
}

#[cfg(test)]
mod all_tests {
    use super::*;

    fn e(name: &'static str, min: u32) -> Particle {
        Particle::Element(ElementParticle {
            elem: ElemRef::Global(q("urn:t", name)),
            occurs: Occurs { min, max: Some(1) },
            note: None,
        })
    }

    /// Orders accepted by the expansion of xs:all, by brute force over short sequences.
    fn accepts(p: &Particle, word: &[&str]) -> bool {
        fn go<'w>(p: &Particle, word: &'w [&'w str]) -> Vec<&'w [&'w str]> {
            let once = |w: &'w [&'w str]| -> Vec<&'w [&'w str]> {
                match p {
                    Particle::Element(x) => match (&x.elem, w.first()) {
                        (ElemRef::Global(q), Some(f)) if q.name == *f => vec![&w[1..]],
                        _ => vec![],
                    },
                    Particle::Sequence(items, _) => {
                        items.iter().fold(vec![w], |acc, it| acc.into_iter().flat_map(|r| go(it, r)).collect())
                    }
                    Particle::Choice(items, _) => items.iter().flat_map(|it| go(it, w)).collect(),
                    Particle::Any(..) => vec![],
                }
            };
            let o = occurs_of(p);
            let mut out = if o.min == 0 { vec![word] } else { vec![] };
            out.extend(once(word));
            out
        }
        go(p, word).iter().any(|rest| rest.is_empty())
    }

    #[test]
    fn all_expands_to_every_order_once() {
        let items = [e("A", 1), e("B", 1), e("C", 0)];
        let p = all_orders(&items, 0).expect("non-empty");
        for w in [&["A", "B"][..], &["B", "A"], &["C", "B", "A"], &["A", "C", "B"]] {
            assert!(accepts(&p, w), "{w:?}");
        }
        for w in [&["A"][..], &["A", "A", "B"], &["A", "B", "C", "C"], &[]] {
            assert!(!accepts(&p, w), "{w:?}");
        }
        let optional = all_orders(&[e("A", 0), e("B", 0)], 0).expect("non-empty");
        assert!(accepts(&optional, &[]) && accepts(&optional, &["B"]) && accepts(&optional, &["B", "A"]));
    }
}

/// The attributes of a restriction: each base attribute, replaced by the restriction's own
/// declaration of it when there is one (dropped when that says `prohibited`), then the
/// restriction's other attributes.
fn restricted_attributes<'a>(
    base_attrs: impl IntoIterator<Item = &'a AttributeDecl>,
    mut attrs: Vec<AttributeDecl>,
) -> Vec<AttributeDecl> {
    let mut all = Vec::new();
    for b in base_attrs {
        match attrs.iter().position(|a| a.ns == b.ns && a.name == b.name) {
            Some(k) => {
                let a = attrs.remove(k);
                if a.use_ != Use::Prohibited {
                    all.push(a);
                }
            }
            None => all.push(clone_attr(b)),
        }
    }
    all.extend(attrs.into_iter().filter(|a| a.use_ != Use::Prohibited));
    all
}
