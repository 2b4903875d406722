//! The validator: one pass over reader events, memory proportional to depth (plus the set of
//! `xs:ID` values, which the schema rules need document-wide).
//!
//! Every independent error is reported: an unexpected child is reported and its subtree is still
//! validated against its own declaration when it has one; a missing child is reported where the
//! next child (or the end tag) shows it is missing, and validation continues after it.

use super::compile::*;
use super::datatypes;
use super::model::{Builtin, Process, Use};
use crate::diag::{Cite, Diagnostic, Kind, Pos, Severity};
use crate::requirements::{self, Level};
use crate::xml::{Namespaces, NsId, StartTag, Text, name_hash, same};
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The requirement catalog entry for `id` as a diagnostic citation.
pub fn cite(id: &'static str) -> Cite {
    match requirements::lookup(id) {
        Some(r) => Cite { id: r.id, level: r.level.as_str(), summary: r.summary },
        // A declaration of a schema loaded at run time (`XSD:file:line`) is a schema fact.
        None if id.starts_with("XSD:") => Cite { id, level: "XSD", summary: "" },
        None => Cite { id, level: "MUST", summary: "" },
    }
}

/// The severity a requirement's level gives its diagnostics.
pub fn severity_of(id: &str) -> Severity {
    match requirements::lookup(id).map(|r| r.level) {
        Some(Level::Should) => Severity::Warning,
        Some(Level::May) | Some(Level::Retired) => Severity::Note,
        _ => Severity::Error,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Validate against a declaration.
    Validate { elem: ElemId, ty: TypeRef, state: u32 },
    /// Not validated; `lax` children with global declarations are validated.
    Skip { lax: bool },
}

#[derive(Debug)]
struct Frame {
    mode: Mode,
    name: (usize, usize),
    index: u32,
    pos: Pos,
    name_len: u32,
    counts: Vec<(u64, u32)>,
    text_pos: Option<Pos>,
    text_reported: bool,
    /// Elements reported as missing before a later sibling: when one of them arrives after
    /// all, it is the same mistake (children out of order) and is not reported again.
    skipped: Vec<ElemId>,
}

/// Streaming validator over one document.
#[derive(Debug)]
pub struct Engine<'s> {
    schema: &'s Schema,
    ns_ids: Vec<NsId>,
    xsi: NsId,
    frames: Vec<Frame>,
    depth: usize,
    names: String,
    text: String,
    seen: Vec<Option<usize>>,
    ids: HashMap<String, u32>,
    idrefs: Vec<(String, Pos, u32, String, &'static str)>,
    /// Diagnostics found so far.
    pub diags: Vec<Diagnostic>,
}

/// The buffers of an engine whose document is done, kept for the next engine on the same
/// thread: a peer validates thousands of small documents a second, and growing these again for
/// each one was a good part of its allocations (frames are slots, reset when reused).
struct Buffers {
    frames: Vec<Frame>,
    names: String,
    text: String,
    seen: Vec<Option<usize>>,
}

thread_local! {
    static SPARE: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

impl Drop for Engine<'_> {
    fn drop(&mut self) {
        let mut b = Buffers {
            frames: std::mem::take(&mut self.frames),
            names: std::mem::take(&mut self.names),
            text: std::mem::take(&mut self.text),
            seen: std::mem::take(&mut self.seen),
        };
        // A huge document's buffers are not kept.
        if b.frames.len() <= 256 && b.names.capacity() <= 64 * 1024 && b.text.capacity() <= 64 * 1024 {
            b.names.clear();
            b.text.clear();
            b.seen.clear();
            SPARE.with(|s| s.set(Some(b)));
        }
    }
}

impl<'s> Engine<'s> {
    /// A validator for `schema`, interning its namespaces in the reader's interner.
    pub fn new(schema: &'s Schema, ns: &mut Namespaces) -> Engine<'s> {
        let ns_ids = schema.namespaces.iter().map(|u| ns.intern_static(u)).collect();
        let xsi = ns.intern_static(XSI);
        let b = SPARE.with(|s| s.take()).unwrap_or_else(|| Buffers {
            // Sized for a typical document (see xml::Reader::new).
            frames: Vec::with_capacity(32),
            names: String::with_capacity(512),
            text: String::with_capacity(512),
            seen: Vec::new(),
        });
        Engine {
            schema,
            ns_ids,
            xsi,
            frames: b.frames,
            depth: 0,
            names: b.names,
            text: b.text,
            seen: b.seen,
            ids: HashMap::new(),
            idrefs: Vec::new(),
            diags: Vec::new(),
        }
    }

    /// The element being validated at the current depth, if declared.
    pub fn current(&self) -> Option<ElemId> {
        match self.frames[..self.depth].last()?.mode {
            Mode::Validate { elem, .. } => Some(elem),
            Mode::Skip { .. } => None,
        }
    }

    /// The path of the current element: `/IODEF-Document/Incident[1]/Contact[2]`.
    pub fn path(&self) -> String {
        // Room for every name, its '/' and a short [n]: one allocation.
        let mut p = String::with_capacity(self.names.len() + 6 * self.depth);
        for (k, f) in self.frames[..self.depth].iter().enumerate() {
            p.push('/');
            p.push_str(&self.names[f.name.0..f.name.1]);
            if k > 0 {
                // Written in place: no temporary string per step.
                let _ = write!(p, "[{}]", f.index);
            }
        }
        p
    }

    /// Record a diagnostic at the current path.
    pub fn report(&mut self, req: &'static str, kind: Kind, pos: Pos, len: u32, notes: Vec<String>) {
        let d =
            Diagnostic { requirement: cite(req), severity: severity_of(req), kind, pos, len, path: self.path(), notes };
        self.diags.push(d);
    }

    fn elem_req(&self, e: ElemId) -> &'static str {
        self.schema.elements[e as usize].req
    }

    /// The element's prose/schema note, when it speaks of one of `words` (an attribute or
    /// child name, or "content"): a note about one attribute does not belong on an error about
    /// another.
    fn elem_note(&self, e: ElemId, words: &[&str]) -> Vec<String> {
        match self.schema.elements[e as usize].note {
            Some(n) if words.iter().any(|w| mentions(n, w)) => vec![n.to_string()],
            _ => Vec::new(),
        }
    }

    fn elem_matches(&self, e: ElemId, ns: NsId, local: &str) -> bool {
        let el = &self.schema.elements[e as usize];
        self.ns_ids[el.ns as usize] == ns && same(el.name, local)
    }

    /// A start tag (with its attributes).
    pub fn start(&mut self, tag: &StartTag<'_>, nss: &Namespaces) {
        let uri = nss.uri(tag.ns);
        let mode = if self.depth == 0 {
            match self.schema.global(uri, tag.local) {
                Some(e) => self.enter(e),
                None => Mode::Skip { lax: false },
            }
        } else {
            self.child_mode(tag, uri)
        };
        // Sibling index for the path.
        let key = name_hash(tag.qname);
        let index = if self.depth > 0 {
            let counts = &mut self.frames[self.depth - 1].counts;
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, c)) => {
                    *c += 1;
                    *c
                }
                None => {
                    counts.push((key, 1));
                    1
                }
            }
        } else {
            1
        };
        let n0 = self.names.len();
        self.names.push_str(tag.qname);
        let name = (n0, self.names.len());
        let name_len = tag.qname.len() as u32 + 1;
        if self.frames.len() > self.depth {
            // Reset in place, keeping the buffers.
            let slot = &mut self.frames[self.depth];
            slot.mode = mode;
            slot.name = name;
            slot.index = index;
            slot.pos = tag.pos;
            slot.name_len = name_len;
            slot.counts.clear();
            slot.text_pos = None;
            slot.text_reported = false;
            slot.skipped.clear();
        } else {
            self.frames.push(Frame {
                mode,
                name,
                index,
                pos: tag.pos,
                name_len,
                counts: Vec::new(),
                text_pos: None,
                text_reported: false,
                skipped: Vec::new(),
            });
        }
        self.depth += 1;
        if let Mode::Validate { elem, ty, .. } = mode {
            self.text.clear();
            self.attributes(elem, ty, tag);
        }
    }

    fn enter(&mut self, e: ElemId) -> Mode {
        let ty = self.schema.elements[e as usize].ty;
        if !self.schema.is_resolved(e) {
            return Mode::Skip { lax: true };
        }
        Mode::Validate { elem: e, ty, state: 0 }
    }

    /// Decide how to treat a child element, advancing the parent's automaton.
    fn child_mode(&mut self, tag: &StartTag<'_>, uri: &str) -> Mode {
        let parent = self.frames[self.depth - 1].mode;
        let (pelem, pty, state) = match parent {
            Mode::Skip { lax } => {
                if lax {
                    if let Some(e) = self.schema.global(uri, tag.local) {
                        return self.enter(e);
                    }
                }
                return Mode::Skip { lax };
            }
            Mode::Validate { elem, ty, state } => (elem, ty, state),
        };
        let dfa = match pty {
            TypeRef::Complex(t) => match self.schema.types[t as usize].content {
                CContent::Elements(d) | CContent::Mixed(d) => Some(d),
                _ => None,
            },
            TypeRef::Simple(_) => None,
        };
        let Some(dfa) = dfa else {
            let kind = Kind::UnexpectedElement { found: tag.qname.into(), expected: vec![], end_allowed: true };
            let notes = self.elem_note(pelem, &[tag.local]);
            self.report(self.elem_req(pelem), kind, tag.pos, tag.qname.len() as u32 + 1, notes);
            return self.fallback(tag, uri);
        };
        let states = &self.schema.dfas[dfa as usize].states;
        if let Some(t) = self.find_trans(&states[state as usize].trans, tag, uri) {
            self.set_state(t.to);
            return self.mode_for(t.sym, tag, uri);
        }
        // Recovery: is the element allowed after skipping some required particles?
        if let Some((skipped, t)) = self.search_ahead(dfa, state, tag, uri) {
            let missing: Vec<String> = skipped.iter().map(|s| self.schema.sym_label(s.sym)).collect();
            let ids = skipped.iter().filter_map(|t| if let Sym::Elem(e) = t.sym { Some(e) } else { None });
            self.frames[self.depth - 1].skipped.extend(ids);
            let kind = Kind::MissingBefore { found: tag.qname.into(), missing };
            let mut notes = self.elem_note(pelem, &[&[tag.local][..], &kind_words(&kind)[..]].concat());
            notes.extend(skipped.iter().filter_map(|s| s.note).map(str::to_string));
            self.report(self.elem_req(pelem), kind, tag.pos, tag.qname.len() as u32 + 1, notes);
            self.set_state(t.to);
            return self.mode_for(t.sym, tag, uri);
        }
        // Reported already as missing before an earlier sibling: the children are out of order.
        let skipped = &self.frames[self.depth - 1].skipped;
        if let Some(k) = skipped.iter().position(|e| self.elem_matches(*e, tag.ns, tag.local)) {
            self.frames[self.depth - 1].skipped.swap_remove(k);
            return self.fallback(tag, uri);
        }
        let st = &self.schema.dfas[dfa as usize].states[state as usize];
        let expected: Vec<String> = st.trans.iter().map(|t| self.schema.sym_label(t.sym)).collect();
        let end_allowed = st.accepting;
        let kind = Kind::UnexpectedElement { found: tag.qname.into(), expected, end_allowed };
        let notes = self.elem_note(pelem, &[&[tag.local][..], &kind_words(&kind)[..]].concat());
        self.report(self.elem_req(pelem), kind, tag.pos, tag.qname.len() as u32 + 1, notes);
        self.fallback(tag, uri)
    }

    /// An element that fits nowhere: validate it by its own global declaration if it has one.
    fn fallback(&mut self, tag: &StartTag<'_>, uri: &str) -> Mode {
        match self.schema.global(uri, tag.local) {
            Some(e) => self.enter(e),
            None => Mode::Skip { lax: true },
        }
    }

    fn set_state(&mut self, to: u32) {
        if let Mode::Validate { state, .. } = &mut self.frames[self.depth - 1].mode {
            *state = to;
        }
    }

    fn find_trans(&self, trans: &[Trans], tag: &StartTag<'_>, uri: &str) -> Option<Trans> {
        for t in trans {
            let hit = match t.sym {
                Sym::Elem(e) => self.elem_matches(e, tag.ns, tag.local),
                Sym::Any(w) => wildcard_admits(&w, uri),
            };
            if hit {
                return Some(*t);
            }
        }
        None
    }

    /// Breadth-first search for the nearest state (reached by skipping particles) that accepts
    /// the element; returns the skipped symbols and the accepting transition.
    fn search_ahead(&self, dfa: DfaId, from: u32, tag: &StartTag<'_>, uri: &str) -> Option<(Vec<Trans>, Trans)> {
        let states = &self.schema.dfas[dfa as usize].states;
        let mut prev: Vec<Option<(u32, Trans)>> = vec![None; states.len()];
        let mut visited = vec![false; states.len()];
        let mut queue = VecDeque::from([from]);
        visited[from as usize] = true;
        while let Some(s) = queue.pop_front() {
            if s != from {
                if let Some(t) = self.find_trans(&states[s as usize].trans, tag, uri) {
                    let mut path = Vec::new();
                    let mut cur = s;
                    while let Some((p, t)) = prev[cur as usize] {
                        path.push(t);
                        cur = p;
                    }
                    path.reverse();
                    return Some((path, t));
                }
            }
            for t in &states[s as usize].trans {
                if !visited[t.to as usize] {
                    visited[t.to as usize] = true;
                    prev[t.to as usize] = Some((s, *t));
                    queue.push_back(t.to);
                }
            }
        }
        None
    }

    fn mode_for(&mut self, sym: Sym, tag: &StartTag<'_>, uri: &str) -> Mode {
        match sym {
            Sym::Elem(e) => {
                if self.schema.is_resolved(e) {
                    self.enter(e)
                } else {
                    self.skipped(tag, uri);
                    Mode::Skip { lax: true }
                }
            }
            Sym::Any(w) => match w.process {
                Process::Skip => Mode::Skip { lax: false },
                Process::Lax => match self.schema.global(uri, tag.local) {
                    Some(e) if self.schema.is_resolved(e) => self.enter(e),
                    _ => {
                        if !self.schema.knows_namespace(uri) {
                            self.skipped(tag, uri);
                        }
                        Mode::Skip { lax: true }
                    }
                },
                Process::Strict => match self.schema.global(uri, tag.local) {
                    Some(e) if self.schema.is_resolved(e) => self.enter(e),
                    Some(_) => {
                        self.skipped(tag, uri);
                        Mode::Skip { lax: true }
                    }
                    None => {
                        let req = self.current().map_or("", |e| self.elem_req(e));
                        let kind = Kind::UndeclaredElement { found: tag.qname.into(), namespace: uri.into() };
                        self.report(req, kind, tag.pos, tag.qname.len() as u32 + 1, vec![]);
                        Mode::Skip { lax: true }
                    }
                },
            },
        }
    }

    /// Say that content in a namespace without a table is not validated.
    fn skipped(&mut self, tag: &StartTag<'_>, uri: &str) {
        let req = self.current().map_or("", |e| self.elem_req(e));
        let d = Diagnostic {
            requirement: cite(req),
            severity: Severity::Note,
            kind: Kind::SkippedContent { element: tag.qname.into(), namespace: uri.into() },
            pos: tag.pos,
            len: tag.qname.len() as u32 + 1,
            path: self.path(),
            notes: vec![],
        };
        self.diags.push(d);
    }

    fn attributes(&mut self, elem: ElemId, ty: TypeRef, tag: &StartTag<'_>) {
        let TypeRef::Complex(tid) = ty else {
            // Simple type, no attributes allowed.
            for a in tag.attributes() {
                if a.is_ns_decl || a.ns == self.xsi && matches!(a.local, "schemaLocation" | "noNamespaceSchemaLocation")
                {
                    continue;
                }
                let kind = Kind::UnexpectedAttribute { element: tag.qname.into(), attribute: a.qname.into() };
                self.report(self.elem_req(elem), kind, a.pos(), a.qname.len() as u32, self.elem_note(elem, &[a.local]));
            }
            return;
        };
        let schema = self.schema;
        let ct = &schema.types[tid as usize];
        self.seen.clear();
        self.seen.resize(ct.attrs.len(), None);
        for i in 0..tag.attribute_count() {
            // Names first: the whole attribute (with what its position needs) only for a finding.
            let Some((ans, local, qname, is_ns_decl)) = tag.attribute_name(i) else { continue };
            if is_ns_decl {
                continue;
            }
            if ans == self.xsi && matches!(local, "schemaLocation" | "noNamespaceSchemaLocation") {
                continue;
            }
            let decl = ct.attrs.iter().position(|d| self.ns_ids[d.ns_idx as usize] == ans && same(d.name, local));
            let Some(k) = decl.filter(|k| ct.attrs[*k].use_ != Use::Prohibited) else {
                if decl.is_none() && ct.any_attribute {
                    continue;
                }
                let kind = Kind::UnexpectedAttribute { element: tag.qname.into(), attribute: qname.into() };
                let notes = self.elem_note(elem, &[local]);
                self.report(self.elem_req(elem), kind, tag.attribute_pos(i), qname.len() as u32, notes);
                continue;
            };
            self.seen[k] = Some(i);
            let d = &ct.attrs[k];
            let value = tag.value(i).unwrap_or("");
            let target = Target::Attribute(qname, tag.qname);
            if let Some(fixed) = d.fixed {
                let v = datatypes::normalize(schema.simples[d.ty as usize].ws, value);
                if v != fixed {
                    let kind = Kind::FixedValue { target: target.text(), value: value.into(), fixed: fixed.into() };
                    let req = d.req.unwrap_or(self.elem_req(elem));
                    let notes = self.elem_note(elem, &[local]);
                    self.report(req, kind, tag.attribute_pos(i), qname.len() as u32, notes);
                    continue;
                }
            }
            let req = d.req.or(schema.simples[d.ty as usize].req).unwrap_or(self.elem_req(elem));
            self.check_value(elem, d.ty, value, target, req, &|| tag.attribute_pos(i), qname.len() as u32);
        }
        for (k, d) in ct.attrs.iter().enumerate() {
            if d.use_ == Use::Required && self.seen[k].is_none() {
                let attribute = if d.ns.is_empty() { d.name.to_string() } else { format!("{{{}}}{}", d.ns, d.name) };
                let kind = Kind::MissingAttribute { element: tag.qname.into(), attribute };
                self.report(
                    self.elem_req(elem),
                    kind,
                    tag.pos,
                    tag.qname.len() as u32 + 1,
                    self.elem_note(elem, &[d.name]),
                );
            }
        }
        // Private extension of enumerated values: `ext-value` goes with an `ext-*` attribute.
        let Some(rule) =
            self.schema.tables.get(self.schema.elements[elem as usize].table as usize).and_then(|t| t.ext_value)
        else {
            return;
        };
        for &(i, j) in &ct.ext_pairs {
            let value = self.seen[i].and_then(|x| tag.value(x)).map(str::trim);
            let ext = self.seen[j].and_then(|x| tag.attribute(x));
            let (name, ext_name) = (ct.attrs[i].name, ct.attrs[j].name);
            match (value, ext) {
                (Some("ext-value"), None) => {
                    let pos = self.seen[i].and_then(|x| tag.attribute(x)).map_or(tag.pos, |a| a.pos());
                    let kind = Kind::ExtValueWithoutExt {
                        element: tag.qname.into(),
                        attribute: name.into(),
                        ext_attribute: ext_name.into(),
                    };
                    self.report(rule.missing_ext, kind, pos, name.len() as u32, vec![]);
                }
                (v, Some(e)) if v != Some("ext-value") => {
                    let kind = Kind::ExtWithoutExtValue {
                        element: tag.qname.into(),
                        ext_attribute: ext_name.into(),
                        attribute: name.into(),
                        value: v.unwrap_or("").into(),
                    };
                    self.report(rule.stray_ext, kind, e.pos(), ext_name.len() as u32, vec![]);
                }
                _ => {}
            }
        }
    }

    /// Check a value against a simple type; IDs and IDREFs are recorded.
    #[allow(clippy::too_many_arguments)]
    fn check_value(
        &mut self,
        elem: ElemId,
        sid: SimpleId,
        raw: &str,
        target: Target<'_>,
        req: &'static str,
        pos: &dyn Fn() -> Pos,
        len: u32,
    ) {
        let st = &self.schema.simples[sid as usize];
        let v: Cow<'_, str> = datatypes::normalize(st.ws, raw);
        if let Some(kind) = value_error(self.schema, sid, &v, &target) {
            let notes = self.elem_note(elem, &[target.word()]);
            self.report(req, kind, pos(), len, notes);
            return;
        }
        if matches!(st.builtin, Builtin::Id | Builtin::IdRef | Builtin::IdRefs) {
            let (b, v) = (st.builtin, v.into_owned());
            self.record_ids(b, &v, req, pos(), len);
        }
    }

    fn record_ids(&mut self, b: Builtin, v: &str, req: &'static str, pos: Pos, len: u32) {
        match b {
            Builtin::Id => {
                if let Some(first) = self.ids.get(v) {
                    let kind = Kind::DuplicateId { id: v.to_string(), first_line: *first };
                    self.report(req, kind, pos, len, vec![]);
                } else {
                    self.ids.insert(v.to_string(), pos.line);
                }
            }
            // A reference to an ID already seen can never dangle (IDs are only added): only the
            // others are kept, with the path their diagnostic would need.
            Builtin::IdRef if !self.ids.contains_key(v) => {
                self.idrefs.push((v.to_string(), pos, len, self.path(), req));
            }
            Builtin::IdRefs => {
                for r in v.split(' ') {
                    if !self.ids.contains_key(r) {
                        self.idrefs.push((r.to_string(), pos, len, self.path(), req));
                    }
                }
            }
            _ => {}
        }
    }

    /// Character data.
    pub fn text(&mut self, t: &Text<'_>) {
        if self.depth == 0 {
            return;
        }
        let f = &mut self.frames[self.depth - 1];
        let Mode::Validate { elem, ty, .. } = f.mode else { return };
        if f.text_pos.is_none() {
            f.text_pos = Some(t.pos);
        }
        let content = match ty {
            TypeRef::Simple(s) => CContent::Simple(s),
            TypeRef::Complex(c) => self.schema.types[c as usize].content,
        };
        match content {
            CContent::Simple(_) => self.text.push_str(t.text),
            CContent::Mixed(_) => {}
            CContent::Elements(_) if t.whitespace => {}
            CContent::Empty | CContent::Elements(_) => {
                if !f.text_reported {
                    f.text_reported = true;
                    let name = self.names[f.name.0..f.name.1].to_string();
                    let kind = Kind::TextNotAllowed { element: name, text: t.text.trim().into() };
                    let at = t.pos.advance(&t.text[..t.text.len() - t.text.trim_start().len()]);
                    self.report(self.elem_req(elem), kind, at, 1, self.elem_note(elem, &["content"]));
                }
            }
        }
    }

    /// An end tag.
    pub fn end(&mut self, end_pos: Pos) {
        if self.depth == 0 {
            return;
        }
        let f = &self.frames[self.depth - 1];
        if let Mode::Validate { elem, ty, state } = f.mode {
            let content = match ty {
                TypeRef::Simple(s) => CContent::Simple(s),
                TypeRef::Complex(c) => self.schema.types[c as usize].content,
            };
            match content {
                CContent::Elements(d) | CContent::Mixed(d) => {
                    let st = &self.schema.dfas[d as usize].states[state as usize];
                    if !st.accepting {
                        let expected: Vec<String> = st.trans.iter().map(|t| self.schema.sym_label(t.sym)).collect();
                        let parent = self.names[f.name.0..f.name.1].to_string();
                        let mut notes = self.elem_note(elem, &kind_words_list(&expected));
                        for t in &st.trans {
                            if let Some(n) = t.note {
                                notes.push(n.to_string());
                            }
                        }
                        let len = (f.name_len + 1).min(64);
                        self.report(
                            self.elem_req(elem),
                            Kind::MissingElement { parent, expected },
                            end_pos,
                            len,
                            notes,
                        );
                    }
                }
                CContent::Simple(s) => {
                    let pos = f.text_pos.unwrap_or(f.pos);
                    let req = self.schema.simples[s as usize].req.unwrap_or(self.elem_req(elem));
                    let st = &self.schema.simples[s as usize];
                    let v = datatypes::normalize(st.ws, &self.text);
                    let target = Target::Content(&self.names[f.name.0..f.name.1]);
                    match value_error(self.schema, s, &v, &target) {
                        Some(kind) => {
                            let notes = self.elem_note(elem, &["content"]);
                            self.report(req, kind, pos, 1, notes)
                        }
                        None if matches!(st.builtin, Builtin::Id | Builtin::IdRef | Builtin::IdRefs) => {
                            let (b, v) = (st.builtin, v.into_owned());
                            self.record_ids(b, &v, req, pos, 1);
                        }
                        None => {}
                    }
                }
                CContent::Empty => {}
            }
        }
        self.depth -= 1;
        let f = &self.frames[self.depth];
        self.names.truncate(f.name.0);
    }

    /// End of document: resolve IDREFs.
    pub fn finish(&mut self) {
        for (id, pos, len, path, req) in std::mem::take(&mut self.idrefs) {
            if !self.ids.contains_key(&id) {
                let d = Diagnostic {
                    requirement: cite(req),
                    severity: severity_of(req),
                    kind: Kind::DanglingIdRef { id: id.clone() },
                    pos,
                    len,
                    path,
                    notes: vec![],
                };
                self.diags.push(d);
            }
        }
    }
}

/// Does `text` mention `word` as a whole word?
fn mentions(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == ':' || c == '@';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| is_word(c) && c != '@') && !after.is_some_and(|c| is_word(c) && c != ':')
    })
}

/// Element names a structural diagnostic speaks of (without prefixes).
fn kind_words(k: &Kind) -> Vec<&str> {
    match k {
        Kind::MissingBefore { missing, .. } => kind_words_list(missing),
        Kind::UnexpectedElement { expected, .. } => kind_words_list(expected),
        _ => Vec::new(),
    }
}

fn kind_words_list(names: &[String]) -> Vec<&str> {
    names.iter().map(|n| n.rsplit(':').next().unwrap_or(n)).collect()
}

/// What a value belongs to, for messages (built only when a value is wrong).
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// `attribute x of <E>`: attribute and element names.
    Attribute(&'a str, &'a str),
    /// `the content of <E>`: element name.
    Content(&'a str),
}

impl Target<'_> {
    /// The word a note must mention to be about this value: the attribute, or "content".
    pub fn word(&self) -> &str {
        match self {
            Target::Attribute(a, _) => a.rsplit(':').next().unwrap_or(a),
            Target::Content(_) => "content",
        }
    }

    /// The words.
    pub fn text(&self) -> String {
        match self {
            Target::Attribute(a, e) => format!("attribute {a} of <{e}>"),
            Target::Content(e) => format!("the content of <{e}>"),
        }
    }
}

/// Why `v` (already white-space normalized) is not a value of simple type `sid`, if it is not.
pub fn value_error(schema: &Schema, sid: SimpleId, v: &str, target: &Target<'_>) -> Option<Kind> {
    let st = &schema.simples[sid as usize];
    // A value in the enumeration is lexically valid (every listed value is), so the common case
    // of an enumerated attribute costs one lookup.
    let enumeration = schema.enumeration_of(sid);
    if !enumeration.is_empty()
        && enumeration.iter().any(|e| same(e, v))
        && st.layers.iter().all(|l| l.pattern.is_none())
    {
        return None;
    }
    // Strings need no lexical check: the reader has already refused every character that is
    // not an XML Char.
    if !matches!(st.builtin, Builtin::String | Builtin::AnySimpleType) {
        if let Err(e) = datatypes::check(st.builtin, v) {
            let expected = format!("{} ({})", e.expected, e.problem);
            return Some(Kind::InvalidValue { target: target.text(), value: v.into(), expected });
        }
    }
    for layer in &st.layers {
        let f = &layer.facets;
        if !f.enumeration.is_empty() && !f.enumeration.contains(&v) {
            let allowed = f.enumeration.iter().map(|s| s.to_string()).collect();
            return Some(Kind::NotInEnumeration { target: target.text(), value: v.into(), allowed });
        }
        if let Some(re) = &layer.pattern {
            if !re.is_match(v) {
                let expected = format!("a value matching the pattern {} of {}", f.pattern.unwrap_or(""), st.label);
                return Some(Kind::InvalidValue { target: target.text(), value: v.into(), expected });
            }
        }
        let bounds = [
            (f.min_inclusive, "at least", [std::cmp::Ordering::Greater, std::cmp::Ordering::Equal]),
            (f.min_exclusive, "greater than", [std::cmp::Ordering::Greater, std::cmp::Ordering::Greater]),
            (f.max_inclusive, "at most", [std::cmp::Ordering::Less, std::cmp::Ordering::Equal]),
            (f.max_exclusive, "less than", [std::cmp::Ordering::Less, std::cmp::Ordering::Less]),
        ];
        for (bound, words, ok) in bounds {
            let Some(b) = bound else { continue };
            match datatypes::compare(st.builtin, v, b) {
                Some(o) if ok.contains(&o) => {}
                _ => {
                    let expected = format!("a number {words} {b} ({})", st.label);
                    return Some(Kind::InvalidValue { target: target.text(), value: v.into(), expected });
                }
            }
        }
        let len = || datatypes::length(st.builtin, v);
        if let Some(min) = f.min_length {
            if len() < min as usize {
                let expected = format!("at least {min} long ({})", st.label);
                return Some(Kind::InvalidValue { target: target.text(), value: v.into(), expected });
            }
        }
        if let Some(max) = f.max_length {
            if len() > max as usize {
                let expected = format!("at most {max} long ({})", st.label);
                return Some(Kind::InvalidValue { target: target.text(), value: v.into(), expected });
            }
        }
    }
    None
}
