//! Compile a set of tables into the form the validator runs: element declarations resolved to
//! ids, content models as deterministic automata (Glushkov construction), simple types with
//! their facet chains and compiled patterns.
//!
//! Compilation happens once per process (see [`super::iodef2()`]; [`super::xsd`] for schemas loaded
//! at run time); validation never allocates per element except for diagnostics.

use super::datatypes::{self, Whitespace};
use super::model::*;
use std::collections::{BTreeSet, HashMap};

/// Index of a compiled element declaration.
pub type ElemId = u32;
/// Index of a compiled complex type.
pub type TypeId = u32;
/// Index of a compiled simple type.
pub type SimpleId = u32;
/// Index of a content-model automaton.
pub type DfaId = u32;

/// A compiled set of tables.
#[derive(Debug)]
pub struct Schema {
    /// The tables, in the order given.
    pub tables: Vec<&'static Table>,
    /// Namespace URIs known to the set (index = namespace index used below).
    pub namespaces: Vec<&'static str>,
    /// Element declarations, global and local.
    pub elements: Vec<CElement>,
    /// Complex types.
    pub types: Vec<CType>,
    /// Simple types.
    pub simples: Vec<CSimple>,
    /// Content-model automata.
    pub dfas: Vec<Dfa>,
    globals: HashMap<(&'static str, &'static str), ElemId>,
    named_types: HashMap<(&'static str, &'static str), TypeRef>,
    builtin_ids: HashMap<Builtin, SimpleId>,
}

/// A compiled element declaration.
#[derive(Debug)]
pub struct CElement {
    /// Namespace index.
    pub ns: u16,
    /// Local name.
    pub name: &'static str,
    /// Requirement ID of its structure.
    pub req: &'static str,
    /// Its type.
    pub ty: TypeRef,
    /// Prose/schema note.
    pub note: Option<&'static str>,
    /// Index of the table that declares it.
    pub table: u16,
}

/// A compiled type reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeRef {
    /// Complex type.
    Complex(TypeId),
    /// Simple content, no attributes.
    Simple(SimpleId),
}

/// A compiled complex type.
#[derive(Debug)]
pub struct CType {
    /// Content.
    pub content: CContent,
    /// Attributes.
    pub attrs: Vec<CAttr>,
    /// `(extensible attribute index, ext-* attribute index)` pairs.
    pub ext_pairs: Vec<(usize, usize)>,
    /// Any undeclared attribute is allowed (`xs:anyAttribute` / `xs:anyType`).
    pub any_attribute: bool,
}

/// Compiled content.
#[derive(Debug, Clone, Copy)]
pub enum CContent {
    /// Nothing.
    Empty,
    /// Character data of a simple type.
    Simple(SimpleId),
    /// Elements only.
    Elements(DfaId),
    /// Elements and character data.
    Mixed(DfaId),
}

/// A compiled attribute declaration.
#[derive(Debug, Clone)]
pub struct CAttr {
    /// Namespace URI ("" for unqualified).
    pub ns: &'static str,
    /// Index of the namespace in [`Schema::namespaces`].
    pub ns_idx: u16,
    /// Local name.
    pub name: &'static str,
    /// Value type.
    pub ty: SimpleId,
    /// Use.
    pub use_: Use,
    /// Fixed value.
    pub fixed: Option<&'static str>,
    /// Own requirement ID.
    pub req: Option<&'static str>,
}

/// A compiled simple type: a primitive lexical space plus facet layers.
#[derive(Debug)]
pub struct CSimple {
    /// Name for messages (`xs:dateTime`, `iodef:restriction-type`).
    pub label: String,
    /// The built-in at the root of the derivation.
    pub builtin: Builtin,
    /// White-space handling.
    pub ws: Whitespace,
    /// Facet layers, most derived first.
    pub layers: Vec<Layer>,
    /// Requirement ID cited for bad values (most derived named type's, or the table's builtin).
    pub req: Option<&'static str>,
}

/// The facets added by one derivation step.
#[derive(Debug)]
pub struct Layer {
    /// The facets.
    pub facets: Facets,
    /// The compiled pattern, if any.
    pub pattern: Option<regex::Regex>,
}

/// A content-model automaton.
#[derive(Debug)]
pub struct Dfa {
    /// States; 0 is the start state.
    pub states: Vec<DState>,
}

/// One automaton state.
#[derive(Debug, Default)]
pub struct DState {
    /// May the element end here?
    pub accepting: bool,
    /// Outgoing transitions.
    pub trans: Vec<Trans>,
}

/// A transition.
#[derive(Debug, Clone, Copy)]
pub struct Trans {
    /// What it matches.
    pub sym: Sym,
    /// Target state.
    pub to: u32,
    /// Note of the particle (prose/schema difference).
    pub note: Option<&'static str>,
}

/// A transition symbol.
#[derive(Debug, Clone, Copy)]
pub enum Sym {
    /// A declared element.
    Elem(ElemId),
    /// A wildcard.
    Any(Wildcard),
}

/// Why a set of tables could not be compiled: a bug in a built-in table (found by tests), or a
/// problem of a schema loaded at run time (see [`super::xsd`]), which is reported at the
/// position of [`CompileError::component`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("schema table error: {message}{}", self.component.map(|c| format!(" (in {} {} of {})", c.kind, c.name, c.namespace)).unwrap_or_default())]
pub struct CompileError {
    /// What is wrong.
    pub message: String,
    /// The top-level declaration being compiled when the problem was found.
    pub component: Option<Component>,
}

/// A top-level declaration of a table: what a compile error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    /// Namespace of the table that declares it.
    pub namespace: &'static str,
    /// `element`, `complexType` or `simpleType`.
    pub kind: &'static str,
    /// Its name.
    pub name: &'static str,
}

impl CompileError {
    fn new(message: String) -> CompileError {
        CompileError { message, component: None }
    }

    fn within(mut self, namespace: &'static str, kind: &'static str, name: &'static str) -> CompileError {
        self.component.get_or_insert(Component { namespace, kind, name });
        self
    }
}

impl Schema {
    /// Compile `tables`. References to namespaces without a table are kept as undeclared
    /// elements (validated as errors when used).
    pub fn compile(tables: &[&'static Table]) -> Result<Schema, CompileError> {
        let mut s = Schema {
            tables: tables.to_vec(),
            namespaces: Vec::new(),
            elements: Vec::new(),
            types: Vec::new(),
            simples: Vec::new(),
            dfas: Vec::new(),
            globals: HashMap::new(),
            named_types: HashMap::new(),
            builtin_ids: HashMap::new(),
        };
        for t in tables {
            s.ns_index(t.namespace);
        }
        // Pass 1: register global elements and named types so references resolve in any order.
        for (ti, t) in tables.iter().enumerate() {
            for e in t.elements {
                let id = s.elements.len() as ElemId;
                let ns = s.ns_index(t.namespace);
                s.elements.push(CElement {
                    ns,
                    name: e.name,
                    req: e.req,
                    ty: TypeRef::Simple(0),
                    note: e.note,
                    table: ti as u16,
                });
                if s.globals.insert((t.namespace, e.name), id).is_some() {
                    return Err(CompileError::new(format!("{}: element {} declared twice", t.id, e.name)));
                }
            }
            for nt in t.complex_types {
                let id = s.types.len() as TypeId;
                s.types.push(CType {
                    content: CContent::Empty,
                    attrs: Vec::new(),
                    ext_pairs: Vec::new(),
                    any_attribute: false,
                });
                if s.named_types.insert((t.namespace, nt.name), TypeRef::Complex(id)).is_some() {
                    return Err(CompileError::new(format!("{}: type {} declared twice", t.id, nt.name)));
                }
            }
        }
        // Named simple types (they may refer to each other).
        for (ti, t) in tables.iter().enumerate() {
            for st in t.simple_types {
                let id = s.simple_named(ti, st, 0).map_err(|e| e.within(t.namespace, "simpleType", st.name))?;
                if s.named_types.insert((t.namespace, st.name), TypeRef::Simple(id)).is_some() {
                    return Err(CompileError::new(format!("{}: type {} declared twice", t.id, st.name)));
                }
            }
        }
        // Pass 2: bodies.
        for (ti, t) in tables.iter().enumerate() {
            for nt in t.complex_types {
                let TypeRef::Complex(id) = s.named_types[&(t.namespace, nt.name)] else { continue };
                let ct = s.complex(ti, &nt.ty).map_err(|e| e.within(t.namespace, "complexType", nt.name))?;
                s.types[id as usize] = ct;
            }
        }
        for (ti, t) in tables.iter().enumerate() {
            for e in t.elements {
                let id = s.globals[&(t.namespace, e.name)];
                let ty = s.element_type(ti, e).map_err(|e2| e2.within(t.namespace, "element", e.name))?;
                s.elements[id as usize].ty = ty;
            }
        }
        Ok(s)
    }

    fn ns_index(&mut self, ns: &'static str) -> u16 {
        if let Some(i) = self.namespaces.iter().position(|n| *n == ns) {
            return i as u16;
        }
        self.namespaces.push(ns);
        (self.namespaces.len() - 1) as u16
    }

    fn table_of_ns(&self, ns: &str) -> Option<usize> {
        self.tables.iter().position(|t| t.namespace == ns)
    }

    /// The global element `{ns}name`, if declared.
    pub fn global(&self, ns: &str, name: &str) -> Option<ElemId> {
        self.globals.get(&(ns, name)).copied()
    }

    /// Does the set have a table for this namespace?
    pub fn knows_namespace(&self, ns: &str) -> bool {
        self.table_of_ns(ns).is_some()
    }

    fn element_type(&mut self, ti: usize, e: &'static ElementDecl) -> Result<TypeRef, CompileError> {
        Ok(match &e.ty {
            Type::Named(r) => *self
                .named_types
                .get(&(r.ns, r.name))
                .ok_or_else(|| CompileError::new(format!("element {}: unknown type {}:{}", e.name, r.ns, r.name)))?,
            Type::Complex(ct) => {
                let c = self.complex(ti, ct)?;
                self.types.push(c);
                TypeRef::Complex((self.types.len() - 1) as TypeId)
            }
            Type::Simple(sr) => TypeRef::Simple(self.simple_ref(ti, *sr)?),
        })
    }

    fn complex(&mut self, ti: usize, ct: &'static ComplexType) -> Result<CType, CompileError> {
        let content = match &ct.content {
            Content::Empty => CContent::Empty,
            Content::Simple(sr) => CContent::Simple(self.simple_ref(ti, *sr)?),
            Content::Elements(p) => CContent::Elements(self.dfa(ti, p)?),
            Content::Mixed(p) => CContent::Mixed(self.dfa(ti, p)?),
        };
        let mut attrs = Vec::new();
        let mut any_attribute = false;
        for a in ct.attributes {
            if a.name == "*" {
                any_attribute = true;
                continue;
            }
            let (ty, use_, fixed) = if a.global {
                let t = self.table_of_ns(a.ns).ok_or_else(|| {
                    CompileError::new(format!("attribute {}:{}: no table for its namespace", a.ns, a.name))
                })?;
                let g =
                    self.tables[t].attributes.iter().find(|g| g.name == a.name).ok_or_else(|| {
                        CompileError::new(format!("global attribute {}:{} not declared", a.ns, a.name))
                    })?;
                (self.simple_ref(t, g.ty)?, a.use_, a.fixed.or(g.fixed))
            } else {
                (self.simple_ref(ti, a.ty)?, a.use_, a.fixed)
            };
            if attrs.iter().any(|x: &CAttr| x.ns == a.ns && x.name == a.name) {
                return Err(CompileError::new(format!("attribute {} declared twice", a.name)));
            }
            let ns_idx = self.ns_index(a.ns);
            attrs.push(CAttr { ns: a.ns, ns_idx, name: a.name, ty, use_, fixed, req: a.req });
        }
        let mut ext_pairs = Vec::new();
        for (i, a) in attrs.iter().enumerate() {
            let has_ext_value = self.enumeration_of(a.ty).contains(&"ext-value");
            if !has_ext_value {
                continue;
            }
            if let Some(j) = attrs.iter().position(|b| b.ns.is_empty() && b.name.strip_prefix("ext-") == Some(a.name)) {
                ext_pairs.push((i, j));
            }
        }
        Ok(CType { content, attrs, ext_pairs, any_attribute })
    }

    /// The most derived enumeration of a simple type (empty if none).
    pub fn enumeration_of(&self, id: SimpleId) -> &'static [&'static str] {
        self.simples[id as usize].layers.iter().map(|l| l.facets.enumeration).find(|e| !e.is_empty()).unwrap_or(&[])
    }

    fn simple_ref(&mut self, ti: usize, r: SimpleRef) -> Result<SimpleId, CompileError> {
        match r {
            SimpleRef::Builtin(b) => Ok(self.builtin(ti, b)),
            SimpleRef::Named(q) => match self.named_types.get(&(q.ns, q.name)) {
                Some(TypeRef::Simple(id)) => Ok(*id),
                Some(TypeRef::Complex(_)) => Err(CompileError::new(format!("{}:{} is a complex type", q.ns, q.name))),
                None => {
                    // Not registered yet: compile it now from its table.
                    let t = self
                        .table_of_ns(q.ns)
                        .ok_or_else(|| CompileError::new(format!("no table for simple type {}:{}", q.ns, q.name)))?;
                    let st =
                        self.tables[t].simple_types.iter().find(|s| s.name == q.name).ok_or_else(|| {
                            CompileError::new(format!("simple type {}:{} not declared", q.ns, q.name))
                        })?;
                    let id = self.simple_named(t, st, 0)?;
                    self.named_types.insert((q.ns, q.name), TypeRef::Simple(id));
                    Ok(id)
                }
            },
        }
    }

    fn builtin(&mut self, ti: usize, b: Builtin) -> SimpleId {
        // Built-ins cite the requirement the declaring table maps them to.
        let req = self.tables.get(ti).and_then(|t| t.datatypes.iter().find(|(x, _)| *x == b).map(|(_, r)| *r));
        let key = b;
        if req.is_none() {
            if let Some(id) = self.builtin_ids.get(&key) {
                return *id;
            }
        }
        let id = self.simples.len() as SimpleId;
        self.simples.push(CSimple {
            label: builtin_label(b).into(),
            builtin: b,
            ws: datatypes::whitespace(b),
            layers: Vec::new(),
            req,
        });
        if req.is_none() {
            self.builtin_ids.insert(key, id);
        }
        id
    }

    fn simple_named(&mut self, ti: usize, st: &'static SimpleType, depth: u32) -> Result<SimpleId, CompileError> {
        if depth > 16 {
            return Err(CompileError::new(format!("simple type {} derives from itself", st.name)));
        }
        if let Some(TypeRef::Simple(id)) = self.named_types.get(&(self.tables[ti].namespace, st.name)) {
            return Ok(*id);
        }
        let base = match st.base {
            SimpleRef::Builtin(b) => self.builtin(ti, b),
            SimpleRef::Named(q) => {
                let t = self
                    .table_of_ns(q.ns)
                    .ok_or_else(|| CompileError::new(format!("no table for {}:{}", q.ns, q.name)))?;
                let bst = self.tables[t]
                    .simple_types
                    .iter()
                    .find(|s| s.name == q.name)
                    .ok_or_else(|| CompileError::new(format!("simple type {}:{} not declared", q.ns, q.name)))?;
                let id = self.simple_named(t, bst, depth + 1)?;
                self.named_types.insert((q.ns, q.name), TypeRef::Simple(id));
                id
            }
        };
        let pattern = match st.facets.pattern {
            Some(p) => Some(
                datatypes::compile_pattern(p).map_err(|e| CompileError::new(format!("pattern of {}: {e}", st.name)))?,
            ),
            None => None,
        };
        let b = &self.simples[base as usize];
        let mut layers = vec![Layer { facets: st.facets, pattern }];
        for l in &b.layers {
            layers.push(Layer { facets: l.facets, pattern: l.pattern.clone() });
        }
        let prefix = self.tables[ti].id;
        let simple =
            CSimple { label: format!("{prefix}:{}", st.name), builtin: b.builtin, ws: b.ws, layers, req: Some(st.req) };
        self.simples.push(simple);
        Ok((self.simples.len() - 1) as SimpleId)
    }

    fn dfa(&mut self, ti: usize, p: &'static Particle) -> Result<DfaId, CompileError> {
        let mut g = Glushkov { positions: Vec::new() };
        let re = g.expand(self, ti, p)?;
        let info = g.analyse(&re);
        let n = g.positions.len();
        let mut states: Vec<DState> = (0..=n).map(|_| DState::default()).collect();
        states[0].accepting = info.nullable;
        for &p in &info.last {
            states[p + 1].accepting = true;
        }
        let follow = g.follow(&re, n);
        let add = |s: usize, targets: &BTreeSet<usize>, states: &mut Vec<DState>| {
            for &t in targets {
                let (sym, note) = g.positions[t];
                states[s].trans.push(Trans { sym, to: (t + 1) as u32, note });
            }
        };
        add(0, &info.first, &mut states);
        for (p, f) in follow.iter().enumerate() {
            add(p + 1, f, &mut states);
        }
        // Unique Particle Attribution: at most one transition per element.
        for st in &states {
            for (i, a) in st.trans.iter().enumerate() {
                for b in &st.trans[..i] {
                    if self.overlap(a.sym, b.sym) {
                        return Err(CompileError::new(format!(
                            "{}: content model is not deterministic ({} vs {})",
                            self.tables[ti].id,
                            self.sym_label(a.sym),
                            self.sym_label(b.sym)
                        )));
                    }
                }
            }
        }
        self.dfas.push(Dfa { states });
        Ok((self.dfas.len() - 1) as DfaId)
    }

    fn overlap(&self, a: Sym, b: Sym) -> bool {
        match (a, b) {
            (Sym::Elem(x), Sym::Elem(y)) => {
                let (x, y) = (&self.elements[x as usize], &self.elements[y as usize]);
                x.ns == y.ns && x.name == y.name
            }
            (Sym::Elem(x), Sym::Any(w)) | (Sym::Any(w), Sym::Elem(x)) => {
                wildcard_admits(&w, self.namespaces[self.elements[x as usize].ns as usize])
            }
            (Sym::Any(a), Sym::Any(b)) => wildcards_overlap(&a.namespaces, &b.namespaces),
        }
    }

    /// How a symbol is named in messages.
    pub fn sym_label(&self, s: Sym) -> String {
        match s {
            Sym::Elem(e) => {
                let el = &self.elements[e as usize];
                let ns = self.namespaces[el.ns as usize];
                // Elements of the main namespace go by their name; others get their prefix.
                match self.tables.iter().find(|t| t.namespace == ns) {
                    // Two versions of one spec in a set (IODEF 1.0 under IODEF 2.0 via SCI) share
                    // a prefix: the other version goes by its table id (`iodef-1.0:Reference`).
                    Some(t) if ns != self.namespaces[0] && self.tables[0].prefix == t.prefix => {
                        format!("{}:{}", t.id, el.name)
                    }
                    Some(t) if ns != self.namespaces[0] && !t.prefix.is_empty() => format!("{}:{}", t.prefix, el.name),
                    None if ns != self.namespaces[0] => format!("{{{ns}}}{}", el.name),
                    _ => el.name.to_string(),
                }
            }
            Sym::Any(w) => match w.namespaces {
                NsConstraint::Any => "any element".into(),
                NsConstraint::Other(ns) => format!("any element not in {ns}"),
                NsConstraint::List(l) => {
                    let names: Vec<&str> = l.iter().map(|n| if n.is_empty() { "no namespace" } else { n }).collect();
                    format!("any element in {}", names.join(" or "))
                }
            },
        }
    }

    /// Resolve an element reference made by table `ti` to an element id, declaring an
    /// unresolved placeholder for namespaces without a table.
    fn elem_ref(&mut self, ti: usize, r: &'static ElemRef) -> Result<ElemId, CompileError> {
        match r {
            ElemRef::Global(q) => {
                if let Some(id) = self.globals.get(&(q.ns, q.name)) {
                    return Ok(*id);
                }
                if self.table_of_ns(q.ns).is_some() {
                    return Err(CompileError::new(format!(
                        "{}: reference to undeclared element {}:{}",
                        self.tables[ti].id, q.ns, q.name
                    )));
                }
                // A namespace we have no table for (an extension not loaded): a declaration whose
                // type is "unknown"; the validator reports it when it is used.
                let ns = self.ns_index(q.ns);
                let id = self.elements.len() as ElemId;
                self.elements.push(CElement {
                    ns,
                    name: q.name,
                    req: self.tables[ti].elements.first().map_or("", |e| e.req),
                    ty: TypeRef::Simple(u32::MAX),
                    note: None,
                    table: u16::MAX,
                });
                self.globals.insert((q.ns, q.name), id);
                Ok(id)
            }
            ElemRef::Local { ns, decl } => {
                let nsi = self.ns_index(ns);
                let id = self.elements.len() as ElemId;
                self.elements.push(CElement {
                    ns: nsi,
                    name: decl.name,
                    req: decl.req,
                    ty: TypeRef::Simple(0),
                    note: decl.note,
                    table: ti as u16,
                });
                let ty = self.element_type(ti, decl)?;
                self.elements[id as usize].ty = ty;
                Ok(id)
            }
        }
    }

    /// Is this element declared with a usable type (not a placeholder for a missing table)?
    pub fn is_resolved(&self, e: ElemId) -> bool {
        self.elements[e as usize].table != u16::MAX
    }
}

/// Is there a namespace both wildcards admit? (`##other` admits infinitely many.)
fn wildcards_overlap(a: &NsConstraint, b: &NsConstraint) -> bool {
    match (a, b) {
        (NsConstraint::Any, _) | (_, NsConstraint::Any) | (NsConstraint::Other(_), NsConstraint::Other(_)) => true,
        (NsConstraint::Other(t), NsConstraint::List(l)) | (NsConstraint::List(l), NsConstraint::Other(t)) => {
            l.iter().any(|ns| !ns.is_empty() && ns != t)
        }
        (NsConstraint::List(x), NsConstraint::List(y)) => x.iter().any(|ns| y.contains(ns)),
    }
}

/// Does the wildcard admit elements of namespace `ns`?
pub fn wildcard_admits(w: &Wildcard, ns: &str) -> bool {
    match w.namespaces {
        NsConstraint::Any => true,
        NsConstraint::Other(target) => !ns.is_empty() && ns != target,
        NsConstraint::List(l) => l.contains(&ns),
    }
}

fn builtin_label(b: Builtin) -> &'static str {
    use Builtin::*;
    match b {
        AnySimpleType => "xs:anySimpleType",
        String => "xs:string",
        NormalizedString => "xs:normalizedString",
        Token => "xs:token",
        Language => "xs:language",
        LanguageOrEmpty => "xml:lang (a language tag or empty)",
        NmToken => "xs:NMTOKEN",
        NmTokens => "xs:NMTOKENS",
        Name => "xs:Name",
        NcName => "xs:NCName",
        Id => "xs:ID",
        IdRef => "xs:IDREF",
        IdRefs => "xs:IDREFS",
        QName => "xs:QName",
        AnyUri => "xs:anyURI",
        Boolean => "xs:boolean",
        Decimal => "xs:decimal",
        Integer => "xs:integer",
        NonNegativeInteger => "xs:nonNegativeInteger",
        PositiveInteger => "xs:positiveInteger",
        NonPositiveInteger => "xs:nonPositiveInteger",
        NegativeInteger => "xs:negativeInteger",
        Long => "xs:long",
        Int => "xs:int",
        Short => "xs:short",
        Byte => "xs:byte",
        UnsignedLong => "xs:unsignedLong",
        UnsignedInt => "xs:unsignedInt",
        UnsignedShort => "xs:unsignedShort",
        UnsignedByte => "xs:unsignedByte",
        Float => "xs:float",
        Double => "xs:double",
        DateTime => "xs:dateTime",
        Date => "xs:date",
        Time => "xs:time",
        Duration => "xs:duration",
        GYear => "xs:gYear",
        GYearMonth => "xs:gYearMonth",
        Base64Binary => "xs:base64Binary",
        HexBinary => "xs:hexBinary",
    }
}

/// Can one occurrence of the particle's content match no elements at all?
fn particle_nullable(p: &Particle) -> bool {
    let inner_min = |q: &Particle| match q {
        Particle::Element(e) => e.occurs.min == 0,
        Particle::Any(_, o) => o.min == 0,
        Particle::Sequence(_, o) | Particle::Choice(_, o) => o.min == 0 || particle_nullable(q),
    };
    match p {
        Particle::Element(_) | Particle::Any(..) => false,
        Particle::Sequence(items, _) => items.iter().all(inner_min),
        Particle::Choice(items, _) => items.is_empty() || items.iter().any(inner_min),
    }
}

// ---------------------------------------------------------------------------------------------
// Glushkov construction.

#[derive(Debug)]
enum Re {
    Eps,
    Pos(usize),
    Seq(Vec<Re>),
    Alt(Vec<Re>),
    Star(Box<Re>),
    Opt(Box<Re>),
}

struct Info {
    nullable: bool,
    first: BTreeSet<usize>,
    last: BTreeSet<usize>,
}

struct Glushkov {
    positions: Vec<(Sym, Option<&'static str>)>,
}

/// Occurrence counts above this are refused (the MILE schemas use 0, 1 and unbounded).
const MAX_FINITE_OCCURS: u32 = 64;

/// Content models with more positions than this are refused: finite bounds are unrolled, so
/// nested bounds multiply (a schema loaded at run time must not make compilation explode). The
/// largest MILE content model has a few dozen.
const MAX_POSITIONS: usize = 4096;

impl Glushkov {
    fn expand(&mut self, s: &mut Schema, ti: usize, p: &'static Particle) -> Result<Re, CompileError> {
        let occurs = match p {
            Particle::Element(e) => e.occurs,
            Particle::Sequence(_, o) | Particle::Choice(_, o) | Particle::Any(_, o) => *o,
        };
        if occurs.max.is_some_and(|m| m > MAX_FINITE_OCCURS || m < occurs.min) || occurs.min > MAX_FINITE_OCCURS {
            return Err(CompileError::new(format!("unsupported occurrence bounds {occurs:?}")));
        }
        let copy = |g: &mut Glushkov, s: &mut Schema| -> Result<Re, CompileError> {
            Ok(match p {
                Particle::Element(_) | Particle::Any(..) if g.positions.len() >= MAX_POSITIONS => {
                    return Err(CompileError::new(format!(
                        "content model too large: more than {MAX_POSITIONS} particles once occurrence bounds are unrolled"
                    )));
                }
                Particle::Element(e) => {
                    let id = s.elem_ref(ti, &e.elem)?;
                    g.positions.push((Sym::Elem(id), e.note));
                    Re::Pos(g.positions.len() - 1)
                }
                Particle::Any(w, _) => {
                    g.positions.push((Sym::Any(*w), None));
                    Re::Pos(g.positions.len() - 1)
                }
                Particle::Sequence(items, _) => {
                    Re::Seq(items.iter().map(|i| g.expand(s, ti, i)).collect::<Result<_, _>>()?)
                }
                Particle::Choice(items, _) => {
                    Re::Alt(items.iter().map(|i| g.expand(s, ti, i)).collect::<Result<_, _>>()?)
                }
            })
        };
        // A particle whose content can be empty needs no mandatory copies: (E){n,m} with E
        // nullable is (E){0,m}. Keeping the copies would make the automaton ambiguous.
        let mut occurs = occurs;
        if occurs.min > 0 && particle_nullable(p) {
            occurs.min = 0;
        }
        let mut parts = Vec::new();
        for _ in 0..occurs.min {
            parts.push(copy(self, s)?);
        }
        match occurs.max {
            None => parts.push(Re::Star(Box::new(copy(self, s)?))),
            Some(max) => {
                // (x (x (x)?)?)? keeps the automaton deterministic.
                let mut tail: Option<Re> = None;
                for _ in occurs.min..max {
                    let x = copy(self, s)?;
                    tail = Some(Re::Opt(Box::new(match tail {
                        None => x,
                        Some(t) => Re::Seq(vec![x, t]),
                    })));
                }
                if let Some(t) = tail {
                    parts.push(t);
                }
            }
        }
        Ok(match parts.len() {
            0 => Re::Eps,
            1 => parts.pop().unwrap_or(Re::Eps),
            _ => Re::Seq(parts),
        })
    }

    fn analyse(&self, re: &Re) -> Info {
        match re {
            Re::Eps => Info { nullable: true, first: BTreeSet::new(), last: BTreeSet::new() },
            Re::Pos(p) => Info { nullable: false, first: [*p].into(), last: [*p].into() },
            Re::Star(r) | Re::Opt(r) => {
                let i = self.analyse(r);
                Info { nullable: true, ..i }
            }
            Re::Alt(rs) => {
                let mut out = Info { nullable: false, first: BTreeSet::new(), last: BTreeSet::new() };
                if rs.is_empty() {
                    out.nullable = true;
                }
                for r in rs {
                    let i = self.analyse(r);
                    out.nullable |= i.nullable;
                    out.first.extend(i.first);
                    out.last.extend(i.last);
                }
                out
            }
            Re::Seq(rs) => {
                let mut out = Info { nullable: true, first: BTreeSet::new(), last: BTreeSet::new() };
                for r in rs {
                    let i = self.analyse(r);
                    if out.nullable {
                        out.first.extend(i.first.iter().copied());
                    }
                    if i.nullable {
                        out.last.extend(i.last.iter().copied());
                    } else {
                        out.last = i.last.clone();
                    }
                    out.nullable &= i.nullable;
                }
                out
            }
        }
    }

    fn follow(&self, re: &Re, n: usize) -> Vec<BTreeSet<usize>> {
        let mut f = vec![BTreeSet::new(); n];
        self.follow_into(re, &mut f);
        f
    }

    fn follow_into(&self, re: &Re, f: &mut [BTreeSet<usize>]) {
        match re {
            Re::Eps | Re::Pos(_) => {}
            Re::Opt(r) => self.follow_into(r, f),
            Re::Star(r) => {
                self.follow_into(r, f);
                let i = self.analyse(r);
                for &l in &i.last {
                    f[l].extend(i.first.iter().copied());
                }
            }
            Re::Alt(rs) => {
                for r in rs {
                    self.follow_into(r, f);
                }
            }
            Re::Seq(rs) => {
                for r in rs {
                    self.follow_into(r, f);
                }
                // last(prefix) is followed by first of the next parts up to the first non-nullable.
                for (k, r) in rs.iter().enumerate() {
                    let li = self.analyse(r).last;
                    for next in &rs[k + 1..] {
                        let ni = self.analyse(next);
                        for &l in &li {
                            f[l].extend(ni.first.iter().copied());
                        }
                        if !ni.nullable {
                            break;
                        }
                    }
                }
            }
        }
    }
}
