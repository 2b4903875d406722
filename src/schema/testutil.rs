//! Checks shared by the table tests, and a dump of a table in a normalized text form (one line per
//! declaration) for comparing a table with its official schema by hand.

use super::model::*;
use std::collections::HashSet;
use std::fmt::Write as _;

/// Every requirement ID a table cites: elements (global and local), simple types, attributes of
/// their own, built-in mappings and the extension rule.
pub(crate) fn cited_ids(t: &'static Table) -> Vec<&'static str> {
    fn particle(p: &'static Particle, out: &mut Vec<&'static str>) {
        match p {
            Particle::Element(e) => {
                if let ElemRef::Local { decl, .. } = e.elem {
                    out.push(decl.req);
                    ty(&decl.ty, out);
                }
            }
            Particle::Sequence(items, _) | Particle::Choice(items, _) => items.iter().for_each(|x| particle(x, out)),
            Particle::Any(..) => {}
        }
    }
    fn complex(c: &'static ComplexType, out: &mut Vec<&'static str>) {
        if let Content::Elements(p) | Content::Mixed(p) = &c.content {
            particle(p, out);
        }
        out.extend(c.attributes.iter().filter_map(|a| a.req));
    }
    fn ty(t: &'static Type, out: &mut Vec<&'static str>) {
        if let Type::Complex(c) = t {
            complex(c, out);
        }
    }
    let mut out = Vec::new();
    for e in t.elements {
        out.push(e.req);
        ty(&e.ty, &mut out);
    }
    for c in t.complex_types {
        complex(&c.ty, &mut out);
    }
    out.extend(t.simple_types.iter().map(|s| s.req));
    out.extend(t.datatypes.iter().map(|(_, r)| *r));
    if let Some(r) = t.ext_value {
        out.push(r.missing_ext);
        out.push(r.stray_ext);
    }
    out
}

/// Panic unless every requirement ID the table cites is in the catalog.
pub(crate) fn assert_cited_ids_exist(t: &'static Table) {
    let missing: Vec<_> = cited_ids(t).into_iter().filter(|id| crate::requirements::lookup(id).is_none()).collect();
    assert!(missing.is_empty(), "{}: not in the catalog: {missing:?}", t.id);
}

/// Panic if a global element or a type is declared twice.
pub(crate) fn assert_unique_names(t: &'static Table) {
    let mut seen = HashSet::new();
    for e in t.elements {
        assert!(seen.insert(e.name), "{}: element {} declared twice", t.id, e.name);
    }
    let mut seen = HashSet::new();
    for n in t.complex_types.iter().map(|c| c.name).chain(t.simple_types.iter().map(|s| s.name)) {
        assert!(seen.insert(n), "{}: type {n} declared twice", t.id);
    }
}

// ---------------------------------------------------------------------------------------------
// Normalized dump. Names are `{namespace}local`, built-ins `xs:name`; simple types whose name
// contains `@` (attribute types the schema declares anonymously) are written out in place;
// attributes are sorted by name; occurrences are `{min,max}` with `*` for unbounded.

fn builtin(b: Builtin) -> String {
    let d = format!("{b:?}");
    let special = match b {
        Builtin::NmToken => Some("NMTOKEN"),
        Builtin::NmTokens => Some("NMTOKENS"),
        Builtin::AnyUri => Some("anyURI"),
        Builtin::Id => Some("ID"),
        Builtin::IdRef => Some("IDREF"),
        Builtin::IdRefs => Some("IDREFS"),
        Builtin::NcName => Some("NCName"),
        Builtin::QName => Some("QName"),
        _ => None,
    };
    match special {
        Some(s) => format!("xs:{s}"),
        None => {
            let mut c = d.chars();
            let first = c.next().map(|f| f.to_ascii_lowercase()).unwrap_or_default();
            format!("xs:{first}{}", c.as_str())
        }
    }
}

fn qname(r: QRef) -> String {
    format!("{{{}}}{}", r.ns, r.name)
}

fn occurs(o: Occurs) -> String {
    match o.max {
        Some(m) => format!("{{{},{m}}}", o.min),
        None => format!("{{{},*}}", o.min),
    }
}

fn simple_body(base: SimpleRef, f: &Facets, tables: &[&'static Table]) -> String {
    let mut s = format!("base={}", simple_ref(base, tables));
    if !f.enumeration.is_empty() {
        let _ = write!(s, "; enum=[{}]", f.enumeration.join("|"));
    }
    if let Some(p) = f.pattern {
        let _ = write!(s, "; pattern={p}");
    }
    for (k, v) in [
        ("minInclusive", f.min_inclusive),
        ("minExclusive", f.min_exclusive),
        ("maxInclusive", f.max_inclusive),
        ("maxExclusive", f.max_exclusive),
    ] {
        if let Some(v) = v {
            let _ = write!(s, "; {k}={v}");
        }
    }
    if let Some(v) = f.min_length {
        let _ = write!(s, "; minLength={v}");
    }
    if let Some(v) = f.max_length {
        let _ = write!(s, "; maxLength={v}");
    }
    s
}

fn simple_ref(r: SimpleRef, tables: &[&'static Table]) -> String {
    match r {
        SimpleRef::Builtin(b) => builtin(b),
        SimpleRef::Named(q) if q.name.contains('@') => {
            let st = tables
                .iter()
                .filter(|t| t.namespace == q.ns)
                .flat_map(|t| t.simple_types.iter())
                .find(|s| s.name == q.name);
            match st {
                Some(st) => format!("anon({})", simple_body(st.base, &st.facets, tables)),
                None => format!("unresolved {}", qname(q)),
            }
        }
        SimpleRef::Named(q) => qname(q),
    }
}

fn particle(p: &'static Particle, tables: &[&'static Table]) -> String {
    match p {
        Particle::Element(e) => match e.elem {
            ElemRef::Global(r) => format!("ref {}{}", qname(r), occurs(e.occurs)),
            ElemRef::Local { ns, decl } => {
                format!("local {}{}: {}", qname(q(ns, decl.name)), occurs(e.occurs), type_expr(&decl.ty, tables))
            }
        },
        Particle::Sequence(items, o) | Particle::Choice(items, o) => {
            let kind = if matches!(p, Particle::Sequence(..)) { "seq" } else { "choice" };
            let inner: Vec<String> = items.iter().map(|x| particle(x, tables)).collect();
            format!("{kind}{}({})", occurs(*o), inner.join(", "))
        }
        Particle::Any(w, o) => {
            let ns = match w.namespaces {
                NsConstraint::Any => "##any".to_string(),
                NsConstraint::Other(_) => "##other".to_string(),
                NsConstraint::List(l) => l.join(" "),
            };
            let pc = match w.process {
                Process::Strict => "strict",
                Process::Lax => "lax",
                Process::Skip => "skip",
            };
            format!("any{}({ns},{pc})", occurs(*o))
        }
    }
}

fn content(p: &'static Particle, tables: &[&'static Table]) -> String {
    // An empty sequence is how the model writes "no particle".
    match p {
        Particle::Sequence([], _) => "()".into(),
        _ => particle(p, tables),
    }
}

fn complex_body(c: &'static ComplexType, tables: &[&'static Table]) -> String {
    let content = match &c.content {
        Content::Empty => "empty".to_string(),
        Content::Simple(s) => format!("simple {}", simple_ref(*s, tables)),
        Content::Elements(p) => format!("elements {}", content(p, tables)),
        Content::Mixed(p) => format!("mixed {}", content(p, tables)),
    };
    let mut attrs: Vec<String> = c
        .attributes
        .iter()
        .map(|a| {
            let name = if a.ns.is_empty() { a.name.to_string() } else { qname(q(a.ns, a.name)) };
            let use_ = match a.use_ {
                Use::Required => "required",
                Use::Optional => "optional",
                Use::Prohibited => "prohibited",
            };
            let ty = if a.global { "global".to_string() } else { simple_ref(a.ty, tables) };
            let mut s = format!("{name}:{use_}:{ty}");
            if let Some(d) = a.default {
                let _ = write!(s, ":default={d}");
            }
            if let Some(f) = a.fixed {
                let _ = write!(s, ":fixed={f}");
            }
            s
        })
        .collect();
    attrs.sort();
    format!("{content}; attrs=[{}]", attrs.join(", "))
}

fn type_expr(t: &'static Type, tables: &[&'static Table]) -> String {
    match t {
        Type::Named(r) => format!("type {}", qname(*r)),
        Type::Simple(s) => format!("type {}", simple_ref(*s, tables)),
        Type::Complex(c) => complex_body(c, tables),
    }
}

/// The table in normalized form, one sorted line per global declaration. `tables` resolves
/// anonymous attribute types referenced across tables.
pub(crate) fn dump(t: &'static Table, tables: &[&'static Table]) -> String {
    let mut lines = Vec::new();
    for e in t.elements {
        lines.push(format!("element {} = {}", qname(q(t.namespace, e.name)), type_expr(&e.ty, tables)));
    }
    for c in t.complex_types {
        lines.push(format!("complexType {} = {}", qname(q(t.namespace, c.name)), complex_body(&c.ty, tables)));
    }
    for s in t.simple_types.iter().filter(|s| !s.name.contains('@')) {
        lines.push(format!(
            "simpleType {} = {}",
            qname(q(t.namespace, s.name)),
            simple_body(s.base, &s.facets, tables)
        ));
    }
    lines.sort();
    lines.join("\n") + "\n"
}

/// The normalized dumps are deterministic and complete; with `$MILE_DUMP_DIR` set they are
/// also written there, for comparison with a dump of the official XSDs.
#[test]
fn dump_tables() {
    use super::{iodef1, rid2, xmlns};
    let all: [&'static Table; 3] = [&rid2::TABLE, &iodef1::TABLE, &xmlns::TABLE];
    for (t, file) in [(&iodef1::TABLE, "iodef-1.0.dump"), (&rid2::TABLE, "iodef-rid-2.0.dump")] {
        let text = dump(t, &all);
        assert_eq!(text, dump(t, &all), "the dump of {file} is not deterministic");
        assert!(text.lines().count() >= t.elements.len(), "{file} misses elements");
        if let Some(dir) = std::env::var_os("MILE_DUMP_DIR") {
            let path = std::path::PathBuf::from(dir).join(file);
            std::fs::write(&path, text).expect("write dump");
            eprintln!("wrote {}", path.display());
        }
    }
}

/// The RFC 5070 and RFC 6545 catalog entries: IDs unique, and within each level block (schema
/// facts, then prose rules) in section order.
#[test]
fn v1_and_rid_catalogs_are_unique_and_sorted() {
    let mut seen = HashSet::new();
    let key = |id: &str| -> Vec<u32> {
        id.split('-').nth(1).unwrap_or("").split('.').map(|n| n.parse().unwrap_or(0)).collect()
    };
    let mut prev: Option<(&str, bool, Vec<u32>)> = None;
    for r in crate::requirements::all().filter(|r| r.id.starts_with("RFC5070-") || r.id.starts_with("RFC6545-")) {
        assert!(seen.insert(r.id), "{} listed twice", r.id);
        let spec = r.id.split('-').next().unwrap_or("");
        let xsd = r.level == crate::requirements::Level::Xsd;
        let k = key(r.id);
        if let Some((ps, pxsd, pk)) = &prev {
            if *ps == spec && *pxsd == xsd {
                assert!(*pk <= k, "{} is out of section order", r.id);
            }
        }
        prev = Some((spec, xsd, k));
    }
}
