//! A loader for XML Schema documents: compiles a user's extension schema (and what it imports)
//! into the same tables the built-in IODEF and RID tables are, so one engine validates both.
//!
//! # Supported subset (what the IETF MILE schemas use, and a little more)
//! - global and local `xs:element` (`name`, `ref`, `type`, inline types, `minOccurs`/`maxOccurs`
//!   up to 64 or `unbounded`, `form`);
//! - `xs:complexType` with `mixed`, `xs:sequence`, `xs:choice`, `xs:all` (up to 6 elements,
//!   expanded into a deterministic choice of orders), `xs:group` references, `xs:any` with
//!   `namespace` and `processContents`;
//! - `xs:simpleContent` and `xs:complexContent` with `xs:extension` and `xs:restriction`
//!   (flattened: an extension's content is the base's followed by its own; a restriction's content
//!   is the one it writes, its attributes the base's overridden by its own);
//! - `xs:attribute` (local, global, `ref`, `use`, `default`, `fixed`, `form`),
//!   `xs:attributeGroup`, `xs:anyAttribute namespace="##any"` with `processContents` `lax` or
//!   `skip` (attribute wildcards are not validated);
//! - `xs:simpleType` restrictions with `enumeration`, `pattern`, `length`, `minLength`,
//!   `maxLength`, `min/maxInclusive`, `min/maxExclusive`, `whiteSpace` (over xs:string), and
//!   lists of `xs:NMTOKEN` / `xs:IDREF`;
//! - `xs:import` and `xs:include` resolved from local files relative to the schema, or through an
//!   OASIS XML catalog (`system`, `uri`, `rewriteSystem`, `rewriteURI`, `nextCatalog`). An import of
//!   a namespace `mile` has built-in tables for (IODEF, RID, XML Signature, enum, `xml:`) needs no
//!   local file: the built-in table stands in for it.
//!
//! Everything else (`xs:redefine`, `xs:override`, `xs:union`, identity constraints, substitution
//! groups, `nillable`, element `fixed` and `default`, strict attribute wildcards, `totalDigits`,
//! `xs:notation`, chameleon includes, XML Schema 1.1) is reported by name, file,
//! line and column, never ignored. Not checked: that a restriction really restricts its base
//! (derivation-ok-restrict), and `block`/`final` (the engine never evaluates `xsi:type`).
//! A document type declaration in a schema file is skipped (its entities are not expanded).
//!
//! # Why the tables are leaked
//! [`Table`] is `'static` data, as the built-in tables are, and [`Schema`] holds `&'static
//! Table`s. Rather than give the model, the compiler, the engine and every diagnostic a lifetime
//! (or an owned twin of every type) for the one caller that loads schemas at run time, the loader
//! builds ordinary tables and leaks them: a schema is loaded once per process (`mile validate
//! --schema`) or once per test, so the memory is bounded by what the user asked for, and nothing
//! downstream changes.

mod build;
pub mod doc;
pub mod error;

pub use doc::Catalog;
pub use error::{XsdError, XsdErrorKind};

use super::compile::{CompileError, Schema};
use super::model::Table;
use doc::{Doc, XS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Schemas loaded from files.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// One table per target namespace, the root schema's first.
    pub tables: Vec<&'static Table>,
    /// Built-in tables standing in for imports that have no local schema.
    pub builtins: Vec<&'static Table>,
    /// The schema files read, in load order.
    pub files: Vec<String>,
}

impl Loaded {
    /// The target namespace of the root schema.
    pub fn namespace(&self) -> &'static str {
        self.tables.first().map_or("", |t| t.namespace)
    }

    /// The loaded tables followed by the built-in tables they need.
    pub fn all_tables(&self) -> Vec<&'static Table> {
        self.tables.iter().chain(&self.builtins).copied().collect()
    }
}

/// [`Schema::compile`] for tables built from schema files, which may nest deeply.
pub fn compile_deep(tables: &[&'static Table]) -> Result<Schema, CompileError> {
    on_big_stack(|| Schema::compile(tables)).unwrap_or_else(|| {
        Err(CompileError { message: "cannot start a thread to compile the schema".into(), component: None })
    })
}

/// The built-in tables an import may stand on: every table of the built-in schema sets.
pub fn builtin_tables() -> Vec<&'static Table> {
    let mut out: Vec<&'static Table> = Vec::new();
    for t in [super::iodef2(), super::iodef1(), super::rid()].into_iter().flat_map(|s| s.tables.iter()) {
        if !out.iter().any(|o| o.namespace == t.namespace) {
            out.push(t);
        }
    }
    out
}

struct Loader<'c> {
    catalog: Option<&'c Catalog>,
    prefer_builtin: bool,
    docs: Vec<Doc>,
    seen: HashMap<PathBuf, usize>,
    errors: Vec<XsdError>,
    builtins: Vec<&'static Table>,
    deferred: Vec<(usize, usize, String)>,
}

/// Stack for loading and compiling schemas: both recurse once per level of nested anonymous
/// types, which the reader's depth limit (256) bounds, but debug builds use large frames.
const STACK: usize = 256 << 20;

/// Run `f` on a thread with a stack deep enough for any schema the reader accepts (the stack is
/// reserved, not committed). `None` if no thread could be started.
pub fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Option<T> {
    std::thread::scope(|s| {
        let h = std::thread::Builder::new().name("mile-xsd".into()).stack_size(STACK).spawn_scoped(s, f).ok()?;
        match h.join() {
            Ok(v) => Some(v),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Load a schema and everything it imports or includes, check it, and build its tables. Every
/// problem found is returned (a schema with errors is not used). Imports are read from their
/// files (this is how the official schemas are compiled for the agreement test).
pub fn load(path: &Path, catalog: Option<&Catalog>) -> Result<Loaded, Vec<XsdError>> {
    load_mode(path, catalog, false)
}

/// Load a user's extension schema: like [`load`], except that an import of a namespace `mile`
/// has built-in tables for (IODEF, RID, XML Signature, ...) uses those tables and never reads
/// the imported file, so the extension's types derive from exactly what documents are
/// validated with.
pub fn load_extension(path: &Path, catalog: Option<&Catalog>) -> Result<Loaded, Vec<XsdError>> {
    load_mode(path, catalog, true)
}

fn load_mode(path: &Path, catalog: Option<&Catalog>, prefer_builtin: bool) -> Result<Loaded, Vec<XsdError>> {
    on_big_stack(|| load_here(path, catalog, prefer_builtin)).unwrap_or_else(|| {
        Err(vec![XsdError {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            component: String::new(),
            kind: XsdErrorKind::Io { detail: "cannot start a thread to compile the schema".into() },
            known: None,
        }])
    })
}

fn load_here(path: &Path, catalog: Option<&Catalog>, prefer_builtin: bool) -> Result<Loaded, Vec<XsdError>> {
    let mut l = Loader {
        catalog,
        prefer_builtin,
        docs: Vec::new(),
        seen: HashMap::new(),
        errors: Vec::new(),
        builtins: builtin_tables(),
        deferred: Vec::new(),
    };
    l.file(path, path.display().to_string());
    if l.docs.is_empty() {
        return Err(l.errors);
    }
    // Imports without a location: some loaded document or a built-in table must declare it.
    for (d, child, ns) in std::mem::take(&mut l.deferred) {
        if l.docs.iter().any(|doc| doc.tns == ns) || l.builtins.iter().any(|t| t.namespace == ns) {
            continue;
        }
        let node = &l.docs[d].root.children[child];
        let e = l.docs[d].err(node, XsdErrorKind::NotFound { location: "(no schemaLocation)".into(), namespace: ns });
        l.errors.push(e);
    }
    let builtins = l.builtins.clone();
    let mut b = build::Builder::new(&l.docs, &builtins);
    b.index();
    b.build();
    let mut errors = std::mem::take(&mut l.errors);
    errors.append(&mut b.errors);
    // A built-in table comes with the tables of its own set (IODEF 2.0 with xml:lang, ...).
    let mut used: Vec<&'static Table> = Vec::new();
    for t in &b.used_builtins {
        let set = [super::iodef2(), super::iodef1(), super::rid()]
            .into_iter()
            .find(|s| s.tables.first().is_some_and(|f| f.namespace == t.namespace))
            .map_or_else(|| vec![*t, &super::xmlns::TABLE], |s| s.tables.clone());
        for x in set {
            if !used.iter().any(|u| u.namespace == x.namespace) {
                used.push(x);
            }
        }
    }
    let tables = b.finish();
    let files = l.docs.iter().map(|d| d.file.clone()).collect();
    if errors.is_empty() {
        let loaded = Loaded { tables, builtins: used, files };
        // Compile once to find what only the automata show (Unique Particle Attribution).
        if let Err(e) = Schema::compile(&loaded.all_tables()) {
            return Err(vec![compile_error(&l.docs, e)]);
        }
        return Ok(loaded);
    }
    sort_errors(&mut errors, &l.docs);
    // A broken group or type is reported where it is defined, once, however often it is used.
    errors.dedup();
    known_defects(&mut errors, &l.docs);
    Err(errors)
}

/// Published schemas that do not compile as printed (the shared spec folder's SOURCES.md): say
/// so on the first error each defect causes, with the reading `mile` follows instead.
fn known_defects(errors: &mut [XsdError], docs: &[Doc]) {
    const SCI: &str = "urn:ietf:params:xml:ns:iodef-sci-1.0";
    const PHISH: &str = "urn:ietf:params:xml:ns:iodef-phish-1.0";
    const IODEF1: &str = "urn:ietf:params:xml:ns:iodef-1.0";
    let tns = |file: &str| docs.iter().find(|d| d.file == file).map_or("", |d| d.tns.as_str());
    let sci = errors.iter_mut().find(|e| {
        tns(&e.file) == SCI && matches!(&e.kind, XsdErrorKind::NotXsdNamespace { element, .. } if element == "sequence")
    });
    if let Some(e) = sci {
        e.known = Some(
            "RFC 7203 prints its schema with <sequence> instead of <xsd:sequence> in AttackPattern, Vulnerability \
             and Weakness; libxml2 rejects it too (\"The content is not valid\"). mile reads those three as \
             xsd:sequence, which is what the RFC's prose describes"
                .into(),
        );
    }
    let phish = errors.iter_mut().find(|e| {
        tns(&e.file) == PHISH && matches!(&e.kind, XsdErrorKind::NotImported { namespace, .. } if namespace == IODEF1)
    });
    if let Some(e) = phish {
        e.known = Some(
            "RFC 5901 prints its schema using IODEF 1.0 types and elements without importing their namespace; \
             libxml2 rejects it too. mile reads it with <xs:import namespace=\"urn:ietf:params:xml:ns:iodef-1.0\"/> \
             added, which is what the RFC's prose describes"
                .into(),
        );
    }
}

fn sort_errors(errors: &mut [XsdError], docs: &[Doc]) {
    let order = |f: &str| docs.iter().position(|d| d.file == f).unwrap_or(usize::MAX);
    errors.sort_by_key(|e| (order(&e.file), e.line, e.col));
}

/// Place a compiler error at the component it is about.
fn compile_error(docs: &[Doc], e: CompileError) -> XsdError {
    let kind = match e.message.split_once("content model is not deterministic") {
        Some((_, rest)) => {
            let pair = rest.trim().trim_start_matches('(').trim_end_matches(')');
            let (a, b) = pair.split_once(" vs ").unwrap_or((pair, pair));
            let detail = if a == b {
                format!("two particles match {a}, and which one applies is known only later")
            } else if a.starts_with("any element") && b.starts_with("any element") {
                format!("the wildcards ({a}) and ({b}) admit the same elements")
            } else {
                let (elem, wild) = if a.starts_with("any element") { (b, a) } else { (a, b) };
                format!("{elem} matches both the particle {elem} and the wildcard ({wild})")
            };
            XsdErrorKind::NotDeterministic { detail }
        }
        None => XsdErrorKind::Compile { detail: e.message.clone() },
    };
    if let Some(c) = e.component {
        for d in docs.iter().filter(|d| d.tns == c.namespace) {
            let local = if c.kind == "element" { "element" } else { c.kind };
            let found = d.root.content().find(|n| {
                n.ns == XS
                    && n.attr("name") == Some(c.name)
                    && (n.local == local || (c.kind != "element" && n.local.ends_with("Type")))
            });
            if let Some(n) = found {
                return d.err(n, kind);
            }
        }
    }
    XsdError {
        file: docs.first().map_or(String::new(), |d| d.file.clone()),
        line: 0,
        col: 0,
        component: String::new(),
        kind,
        known: None,
    }
}

impl Loader<'_> {
    /// Read one document (once) and follow its imports and includes.
    fn file(&mut self, path: &Path, file: String) -> Option<usize> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(&i) = self.seen.get(&key) {
            return Some(i);
        }
        let doc = match doc::read_doc(path, file) {
            Ok(d) => d,
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let d = self.docs.len();
        self.docs.push(doc);
        self.seen.insert(key, d);
        let n = self.docs[d].root.children.len();
        for k in 0..n {
            let node = &self.docs[d].root.children[k];
            if node.ns != XS {
                continue; // reported by the builder
            }
            match node.local.as_str() {
                "import" => self.import(d, k),
                "include" => self.include(d, k),
                "redefine" | "override" => {
                    let what = node.local.clone();
                    let e = self.docs[d].err(
                        node,
                        XsdErrorKind::Unsupported {
                            construct: format!("xs:{what}"),
                            reason: "copy the components into your schema, changed, under new names".into(),
                        },
                    );
                    self.errors.push(e);
                }
                "notation" => {
                    let e = self.docs[d].err(
                        node,
                        XsdErrorKind::Unsupported {
                            construct: "xs:notation".into(),
                            reason: "notations are not used by the MILE schemas".into(),
                        },
                    );
                    self.errors.push(e);
                }
                "annotation" | "element" | "complexType" | "simpleType" | "attribute" | "attributeGroup" | "group" => {}
                _ => {
                    let e = self.docs[d].err(
                        node,
                        XsdErrorKind::UnexpectedChild { child: node.qname.clone(), parent: "xs:schema".into() },
                    );
                    self.errors.push(e);
                }
            }
        }
        Some(d)
    }

    /// Where a schemaLocation points on this machine.
    fn locate(&self, d: usize, location: &str) -> Option<PathBuf> {
        let location = location.trim();
        if let Some(p) = self.catalog.and_then(|c| c.resolve(location)) {
            return Some(p);
        }
        let local = location.strip_prefix("file://").unwrap_or(location);
        if local.contains("://") {
            return None;
        }
        let base = self.docs[d].path.parent().unwrap_or(Path::new("."));
        let p = base.join(local);
        p.is_file().then_some(p)
    }

    fn import(&mut self, d: usize, k: usize) {
        let node = &self.docs[d].root.children[k];
        let ns = node.attr("namespace").unwrap_or("").to_string();
        let location = node.attr("schemaLocation").map(str::to_string);
        if ns == self.docs[d].tns {
            let e = self.docs[d].err(
                node,
                XsdErrorKind::NamespaceMismatch {
                    location: location.unwrap_or_default(),
                    expected: format!("a namespace other than the importing schema's own ({ns})"),
                    found: ns,
                },
            );
            self.errors.push(e);
            return;
        }
        self.docs[d].imports.push(ns.clone());
        if self.prefer_builtin && self.builtins.iter().any(|t| t.namespace == ns) {
            return;
        }
        let Some(location) = location else {
            self.deferred.push((d, k, ns));
            return;
        };
        match self.locate(d, &location) {
            Some(path) => {
                let file = path.display().to_string();
                if let Some(i) = self.file(&path, file) {
                    if self.docs[i].tns != ns {
                        let node = &self.docs[d].root.children[k];
                        let e = self.docs[d].err(
                            node,
                            XsdErrorKind::NamespaceMismatch { location, expected: ns, found: self.docs[i].tns.clone() },
                        );
                        self.errors.push(e);
                    }
                }
            }
            // A namespace with a built-in table needs no file.
            None if self.builtins.iter().any(|t| t.namespace == ns) => {}
            None => {
                let node = &self.docs[d].root.children[k];
                let e = self.docs[d].err(node, XsdErrorKind::NotFound { location, namespace: ns });
                self.errors.push(e);
            }
        }
    }

    fn include(&mut self, d: usize, k: usize) {
        let node = &self.docs[d].root.children[k];
        let Some(location) = node.attr("schemaLocation").map(str::to_string) else {
            let e = self.docs[d].err(node, XsdErrorKind::MissingAttribute { attribute: "schemaLocation".into() });
            self.errors.push(e);
            return;
        };
        let tns = self.docs[d].tns.clone();
        match self.locate(d, &location) {
            Some(path) => {
                let file = path.display().to_string();
                if let Some(i) = self.file(&path, file) {
                    if self.docs[i].tns != tns {
                        let node = &self.docs[d].root.children[k];
                        let kind = if self.docs[i].tns.is_empty() {
                            XsdErrorKind::Unsupported {
                                construct: "a chameleon include (of a schema without targetNamespace)".into(),
                                reason: "give the included schema the including schema's targetNamespace".into(),
                            }
                        } else {
                            XsdErrorKind::NamespaceMismatch { location, expected: tns, found: self.docs[i].tns.clone() }
                        };
                        let e = self.docs[d].err(node, kind);
                        self.errors.push(e);
                    }
                }
            }
            None => {
                let node = &self.docs[d].root.children[k];
                let e = self.docs[d].err(node, XsdErrorKind::NotFound { location, namespace: String::new() });
                self.errors.push(e);
            }
        }
    }
}
