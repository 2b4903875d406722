//! Validate documents: detect the kind from the root element's namespace, drive the reader's
//! events through the schema engine and the prose rules of the kind's RFC, and collect the
//! diagnostics into a [`Report`].

/// A stack of per-element frames that is kept, once its document is done, for the next
/// document validated on the same thread: a peer validates thousands of small documents a
/// second, and growing the stack and each frame's strings again for each one was a good part of
/// its allocations. The rules reset a frame whenever they reuse its slot. A stack whose frames
/// fail `$small` (a large document's) is let go.
macro_rules! recycled_frames {
    ($frame:ty, $small:expr) => {
        #[derive(Debug)]
        struct Frames(Vec<$frame>);

        thread_local! {
            static SPARE_FRAMES: std::cell::Cell<Option<Vec<$frame>>> = const { std::cell::Cell::new(None) };
        }

        impl Default for Frames {
            fn default() -> Self {
                Frames(SPARE_FRAMES.with(|s| s.take()).unwrap_or_default())
            }
        }

        impl Drop for Frames {
            fn drop(&mut self) {
                let small: fn(&$frame) -> bool = $small;
                if self.0.len() <= 256 && self.0.iter().all(small) {
                    let frames = std::mem::take(&mut self.0);
                    SPARE_FRAMES.with(|s| s.set(Some(frames)));
                }
            }
        }

        impl std::ops::Deref for Frames {
            type Target = Vec<$frame>;
            fn deref(&self) -> &Vec<$frame> {
                &self.0
            }
        }

        impl std::ops::DerefMut for Frames {
            fn deref_mut(&mut self) -> &mut Vec<$frame> {
                &mut self.0
            }
        }
    };
}
use recycled_frames;

pub mod corpus;
mod ext_rules;
mod iodef1_rules;
mod iodef2_rules;
mod rid_rules;

use crate::diag::{Diagnostic, Kind, Pos, Severity, SourceLines};
use crate::schema::engine::{cite, severity_of};
use crate::schema::{self, Engine, Schema};
use crate::xml::{self, Encoding, ErrorClass, Event, Limits, Reader, StartTag, Text, XmlDecl};
use serde::Serialize;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

/// The kinds of document `mile` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum DocKind {
    /// IODEF 2.0, RFC 7970.
    #[serde(rename = "iodef-2.0")]
    Iodef2,
    /// IODEF 1.0, RFC 5070.
    #[serde(rename = "iodef-1.0")]
    Iodef1,
    /// A RID message, RFC 6545 (carrying IODEF 1.0).
    #[serde(rename = "rid")]
    Rid,
}

impl DocKind {
    /// Stable short name (`iodef-2.0`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Iodef2 => "iodef-2.0",
            DocKind::Iodef1 => "iodef-1.0",
            DocKind::Rid => "rid",
        }
    }

    /// From the short name.
    pub fn parse(s: &str) -> Option<DocKind> {
        [DocKind::Iodef2, DocKind::Iodef1, DocKind::Rid].into_iter().find(|k| k.as_str() == s)
    }

    /// Requirement cited when the reader rejects a document of this kind.
    fn xml_error_req(self, e: &xml::XmlErrorKind) -> &'static str {
        match self {
            DocKind::Iodef2 => iodef2_rules::xml_error_req(e),
            DocKind::Iodef1 => iodef1_rules::xml_error_req(e),
            DocKind::Rid => rid_rules::xml_error_req(e),
        }
    }

    /// Requirement cited when the root element is not the kind's root in its namespace.
    fn namespace_req(self) -> &'static str {
        match self {
            DocKind::Iodef2 => iodef2_rules::NAMESPACE,
            DocKind::Iodef1 => iodef1_rules::NAMESPACE,
            DocKind::Rid => rid_rules::ROOT,
        }
    }

    fn schema(self, opts: &Options) -> &'static Schema {
        match (self, opts.schemas) {
            (DocKind::Iodef2, Some(s)) => &s.iodef2,
            (DocKind::Iodef1, Some(s)) => &s.iodef1,
            (DocKind::Rid, Some(s)) => &s.rid,
            (DocKind::Iodef2, None) => schema::iodef2(),
            (DocKind::Iodef1, None) => schema::iodef1(),
            (DocKind::Rid, None) => schema::rid(),
        }
    }
}

/// Namespaces of the root element that identify a kind.
const KINDS: &[(&str, &str, DocKind)] = &[
    (schema::iodef2::NS, "IODEF-Document", DocKind::Iodef2),
    (schema::iodef1::NS, "IODEF-Document", DocKind::Iodef1),
    (schema::rid2::NS, "RID", DocKind::Rid),
];

/// Namespaces of drafts and obsoleted RFCs still seen in the field: (namespace, the RFC
/// namespace to use instead, whose namespace it is).
pub const DRAFT_NAMESPACES: &[(&str, &str, &str)] = &[
    ("urn:ietf:params:xml:ns:iodef-1.42", "urn:ietf:params:xml:ns:iodef-1.0", "the pre-RFC draft"),
    ("urn:ietf:params:xml:ns:iodef-1.41", "urn:ietf:params:xml:ns:iodef-1.0", "the pre-RFC draft"),
    ("urn:ietf:params:xml:ns:iodef-1.0-draft", "urn:ietf:params:xml:ns:iodef-1.0", "the pre-RFC draft"),
    (
        "urn:ietf:params:xml:ns:iodef-rid-1.0",
        "urn:ietf:params:xml:ns:iodef-rid-2.0",
        "RFC 6045's (obsoleted by RFC 6545)",
    ),
];

/// Whether a document conforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No errors (warnings and notes allowed).
    Valid,
    /// At least one error: the document does not conform.
    Invalid,
    /// The document could not be read (I/O).
    Error,
}

impl Verdict {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Error => "error",
        }
    }
}

/// Validation options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Reader limits.
    pub limits: Limits,
    /// The kind expected (cited when the document fails before its root element is read, and
    /// reported when the document is of another kind); `None` accepts every kind.
    pub expect: Option<DocKind>,
    /// Schema sets to use instead of the built-in ones (`mile validate --schema`).
    pub schemas: Option<&'static schema::SchemaSets>,
    /// Check the schema only: no prose rules (what an XSD validator would judge).
    pub schema_only: bool,
    /// Read a large file ([`READ_AHEAD_MIN`] bytes or more), or standard input, on a second
    /// thread while this one validates it. [`validate_all`] sets it when it has more threads
    /// than inputs.
    pub read_ahead: bool,
}

/// Files from this size on are read ahead (when [`Options::read_ahead`]): below it, a
/// document is validated in a few milliseconds and a second thread would gain nothing.
pub const READ_AHEAD_MIN: u64 = 1 << 20;

/// The result of validating one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The file name (or `-` for standard input).
    pub source: String,
    /// The kind detected, if the root element was reached and known.
    pub kind: Option<DocKind>,
    /// The input encoding, when detected.
    pub encoding: Option<Encoding>,
    /// Findings, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// An I/O failure that prevented validation.
    pub io_error: Option<String>,
}

impl Report {
    /// Valid, invalid, or error.
    pub fn verdict(&self) -> Verdict {
        if self.io_error.is_some() {
            Verdict::Error
        } else if self.diagnostics.iter().any(|d| d.severity == Severity::Error) {
            Verdict::Invalid
        } else {
            Verdict::Valid
        }
    }

    /// Requirement IDs of the error diagnostics, sorted and unique.
    pub fn error_requirements(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> =
            self.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.requirement.id).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// What the prose rules of a kind can see and do.
pub struct Cx<'a, 'e> {
    /// The schema engine (current element, path, diagnostics).
    pub engine: &'a mut Engine<'e>,
    /// The compiled schema.
    pub schema: &'e Schema,
    /// The XML declaration, if any.
    pub decl: Option<&'a XmlDecl>,
    /// The input encoding.
    pub encoding: Encoding,
    /// The namespace interner.
    pub namespaces: &'a xml::Namespaces,
}

impl Cx<'_, '_> {
    /// Report a finding at the current element.
    pub fn report(&mut self, req: &'static str, kind: Kind, pos: Pos, len: u32) {
        self.engine.report(req, kind, pos, len, vec![]);
    }

    /// The local name of the current element if it is declared in the kind's main namespace.
    pub fn current_name(&self) -> Option<&'static str> {
        self.engine.current().map(|e| self.schema.elements[e as usize].name)
    }
}

/// A finding of the prose: what was found and what the RFC expects.
fn prose(found: impl Into<String>, expected: impl Into<String>) -> Kind {
    Kind::Prose { found: found.into(), expected: expected.into() }
}

/// The attributes of `tag` whose value, as written, holds a literal `>`, `"` or `'`, each with
/// the first such character. The values are searched with memchr3 (this runs on every
/// attribute); an attribute is built only for a hit.
fn literal_specials<'a>(tag: &StartTag<'a>) -> impl Iterator<Item = (xml::Attr<'a>, char)> + 'a {
    let tag = *tag;
    (0..tag.attribute_count()).filter_map(move |i| {
        let raw = tag.raw_value(i)?;
        let k = memchr::memchr3(b'>', b'"', b'\'', raw.as_bytes())?;
        Some((tag.attribute(i)?, raw.as_bytes()[k] as char))
    })
}

/// The predefined entity that writes `c`.
fn entity(c: char) -> &'static str {
    match c {
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&apos;",
        '<' => "&lt;",
        _ => "&amp;",
    }
}

/// Prose rules of one kind: requirements the schema cannot express.
pub trait Rules {
    /// After the engine has seen a start tag.
    fn start(&mut self, _cx: &mut Cx<'_, '_>, _tag: &StartTag<'_>) {}
    /// Character data.
    fn text(&mut self, _cx: &mut Cx<'_, '_>, _t: &Text<'_>) {}
    /// Before the engine sees an end tag.
    fn end(&mut self, _cx: &mut Cx<'_, '_>, _pos: Pos) {}
    /// At the end of the document.
    fn finish(&mut self, _cx: &mut Cx<'_, '_>) {}
    /// After validation: replace generic diagnostics by more specific ones (e.g. a schema error
    /// caused by a spelling the RFC prose itself uses).
    fn refine(&self, _diags: &mut Vec<Diagnostic>) {}
}

/// The schema, prose rules and engine that validate a document of `kind` (the engine interns
/// the schema's namespaces in the reader's interner).
fn checkers(
    kind: DocKind,
    opts: &Options,
    namespaces: &mut xml::Namespaces,
) -> (&'static Schema, Vec<Box<dyn Rules>>, Engine<'static>) {
    let schema = kind.schema(opts);
    let rules = if opts.schema_only { Vec::new() } else { rules_for(kind) };
    (schema, rules, Engine::new(schema, namespaces))
}

fn rules_for(kind: DocKind) -> Vec<Box<dyn Rules>> {
    match kind {
        DocKind::Iodef2 => {
            vec![Box::new(iodef2_rules::Iodef2Rules::default()), Box::new(ext_rules::ExtRules::default())]
        }
        DocKind::Iodef1 => {
            vec![Box::new(iodef1_rules::Iodef1Rules::document()), Box::new(ext_rules::ExtRules::default())]
        }
        DocKind::Rid => vec![
            Box::new(rid_rules::RidRules::default()),
            Box::new(iodef1_rules::Iodef1Rules::embedded()),
            Box::new(ext_rules::ExtRules::default()),
        ],
    }
}

fn malformed(kind_hint: DocKind, e: &xml::XmlError) -> Diagnostic {
    let req = kind_hint.xml_error_req(&e.kind);
    let (prefix, note) = match e.kind.class() {
        ErrorClass::Refused => (
            "refused, not validated",
            "mile's reader refuses this input by policy (security, supported encodings); the document was not validated further",
        ),
        ErrorClass::Limit => {
            ("limit exceeded, not validated", "raise the limit (--max-depth, --max-size) to validate it")
        }
        _ => ("not well-formed", ""),
    };
    let mut notes = vec![format!("XML constraint: {}", e.kind.constraint())];
    if !note.is_empty() {
        notes.push(note.to_string());
    }
    Diagnostic {
        requirement: cite(req),
        severity: Severity::Error,
        kind: Kind::Malformed { detail: format!("{prefix}: {}", e.kind), constraint: e.kind.constraint().into() },
        pos: e.pos,
        len: 1,
        path: String::new(),
        notes,
    }
}

/// Validate one document read from `input`.
pub fn validate_reader(source: &str, input: impl Read, opts: &Options) -> Report {
    validate_inner(source, input, opts, None)
}

/// Validate one document read from `input`, with a second thread reading it ahead: the report
/// is the one [`validate_reader`] gives. `batch_events` events are handed over at a time
/// ([`validate_file`] hands over [`BATCH_EVENTS`]; tests use small batches to reach every
/// boundary).
pub fn validate_reader_ahead(source: &str, input: impl Read + Send, opts: &Options, batch_events: usize) -> Report {
    match open_document(source, input, opts) {
        Ok((reader, report, kind)) => stream_ahead(reader, report, kind, opts, batch_events.max(1)),
        Err(report) => report,
    }
}

/// Events handed from the reading thread to the validating one at a time: enough that handing
/// a batch over costs nothing next to reading it, few enough that the two overlap at once.
pub const BATCH_EVENTS: usize = 4096;

/// Validate, and keep the document's element tree (as `builder` builds it) from the same pass
/// when it is well-formed and of a known kind (the peer acts on the messages it validates;
/// reading them twice would cost as much again).
pub fn validate_reader_with_tree(
    source: &str,
    input: impl Read,
    opts: &Options,
    mut builder: crate::xml::tree::TreeBuilder,
) -> (Report, Option<crate::xml::tree::Element>) {
    let report = validate_inner(source, input, opts, Some(&mut builder));
    let wf = report.kind.is_some() && report.io_error.is_none();
    (report, if wf { builder.finish() } else { None })
}

fn validate_inner(
    source: &str,
    input: impl Read,
    opts: &Options,
    tree: Option<&mut crate::xml::tree::TreeBuilder>,
) -> Report {
    match open_document(source, input, opts) {
        Ok((reader, report, kind)) => stream(reader, report, kind, opts, tree),
        Err(report) => report,
    }
}

/// Read a document up to its root start tag, which decides its kind. `Err` is the finished
/// report of a document that ends there (not well-formed, or not of a kind to validate).
fn open_document<R: Read>(source: &str, input: R, opts: &Options) -> Result<(Reader<R>, Report, DocKind), Report> {
    let mut report =
        Report { source: source.into(), kind: None, encoding: None, diagnostics: Vec::new(), io_error: None };
    let hint = opts.expect.unwrap_or(DocKind::Iodef2);
    let mut reader = match Reader::new(input, opts.limits) {
        Ok(r) => r,
        Err(e) => {
            if e.kind.class() == ErrorClass::Io {
                report.io_error = Some(e.kind.to_string());
            } else {
                report.diagnostics.push(malformed(hint, &e));
            }
            return Err(report);
        }
    };
    report.encoding = Some(reader.encoding());
    // The root element decides the kind.
    let kind = 'kind: {
        match reader.advance_event().map(|()| reader.event()) {
            Ok(Event::Start(tag)) => {
                let uri = reader_uri(&tag, &reader);
                let found = KINDS.iter().find(|(ns, root, _)| *ns == uri && *root == tag.local).map(|k| k.2);
                if let Some(k) = found.filter(|k| opts.expect.is_none_or(|e| e == *k)) {
                    break 'kind k;
                }
                let (req, kind) = match found {
                    Some(k) => (
                        hint.namespace_req(),
                        Kind::Prose {
                            found: format!("a {} document", k.as_str()),
                            expected: format!("a {} document is expected here", hint.as_str()),
                        },
                    ),
                    None if tag.local == "RID-Document" => (
                        rid_rules::ROOT,
                        Kind::Prose {
                            found: "the root element is RID-Document, the name RFC 6545 §5.4 prose uses".into(),
                            expected: "the §8 schema and every example name it RID (iodef-rid:RID)".into(),
                        },
                    ),
                    None if KINDS.iter().any(|(ns, _, _)| *ns == uri) => {
                        let (_, root, k) = KINDS.iter().find(|(ns, _, _)| *ns == uri).copied().unwrap_or(KINDS[0]);
                        (
                            k.namespace_req(),
                            Kind::Prose {
                                found: format!("the root element is <{}>", tag.qname),
                                expected: format!("a {} document's root element is {root}", k.as_str()),
                            },
                        )
                    }
                    None => (
                        // Unless a kind is expected, a draft namespace is judged as the kind of
                        // its RFC namespace.
                        opts.expect
                            .or_else(|| {
                                DRAFT_NAMESPACES
                                    .iter()
                                    .find(|(d, _, _)| *d == uri)
                                    .and_then(|(_, rfc, _)| KINDS.iter().find(|k| k.0 == *rfc))
                                    .map(|k| k.2)
                            })
                            .unwrap_or(hint)
                            .namespace_req(),
                        match DRAFT_NAMESPACES.iter().find(|(d, _, _)| *d == uri) {
                            Some((_, rfc, origin)) => Kind::DraftNamespace {
                                root: tag.qname.into(),
                                origin: (*origin).into(),
                                namespace: uri.clone(),
                                expected: (*rfc).into(),
                            },
                            None => Kind::UnknownDocument { root: tag.qname.into(), namespace: uri.clone() },
                        },
                    ),
                };
                report.diagnostics.push(Diagnostic {
                    requirement: cite(req),
                    severity: severity_of(req),
                    kind,
                    pos: tag.pos,
                    len: tag.qname.len() as u32 + 1,
                    path: format!("/{}", tag.qname),
                    notes: extension_root_note(opts, &uri, tag.local),
                });
                // Still report well-formedness problems of the rest of the document.
                drain(&mut reader, hint, &mut report);
                return Err(report);
            }
            Ok(Event::Eof) | Ok(Event::End(_)) | Ok(Event::Text(_)) => return Err(report),
            Err(e) => {
                push_reader_error(&mut report, hint, &e);
                return Err(report);
            }
        }
    };
    report.kind = Some(kind);
    Ok((reader, report, kind))
}

/// Validate the rest of an opened document, as it is read.
fn stream<R: Read>(
    mut reader: Reader<R>,
    mut report: Report,
    kind: DocKind,
    opts: &Options,
    mut tree: Option<&mut crate::xml::tree::TreeBuilder>,
) -> Report {
    let (schema, mut rules, mut engine) = checkers(kind, opts, reader.namespaces());
    // The root start tag is still the reader's current event: validate it, then stream on.
    let mut first = true;
    loop {
        if !first {
            if let Err(e) = reader.advance_event() {
                push_reader_error(&mut report, kind, &e);
                // A document that is not well-formed has no tree.
                if let Some(t) = tree.as_deref_mut() {
                    t.clear();
                }
                break;
            }
        }
        first = false;
        let ev = reader.event();
        if let Some(t) = tree.as_deref_mut() {
            t.feed(&ev, reader.namespaces_ref());
        }
        let mut cx = Cx {
            engine: &mut engine,
            schema,
            decl: reader.declaration(),
            encoding: reader.encoding(),
            namespaces: reader.namespaces_ref(),
        };
        if feed(&mut cx, &mut rules, &ev) {
            break;
        }
    }
    finish(report, engine, &rules)
}

/// Validate the rest of an opened document with a second thread reading it ahead, in batches
/// of events. The events, and so the report, are those of [`stream`].
fn stream_ahead<R: Read + Send>(
    mut reader: Reader<R>,
    mut report: Report,
    kind: DocKind,
    opts: &Options,
    batch_events: usize,
) -> Report {
    let (schema, mut rules, mut engine) = checkers(kind, opts, reader.namespaces());
    let mut namespaces = reader.namespaces_ref().clone();
    let mut known = reader.namespaces_ref().count();
    let decl = reader.declaration().cloned();
    let encoding = reader.encoding();
    // Two batches in flight: one being read, one being validated (plus one queued).
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<xml::EventBatch>(1);
    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<xml::EventBatch>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut batch = xml::EventBatch::default();
            loop {
                let more = reader.fill_batch(&mut batch, batch_events, &mut known);
                // The receiver stops only at the end of the events, which is the last batch.
                if full_tx.send(batch).is_err() || !more {
                    return;
                }
                batch = empty_rx.try_recv().unwrap_or_default();
                batch.clear();
            }
        });
        'batches: for batch in full_rx {
            batch.update(&mut namespaces);
            for ev in batch.events() {
                let mut cx = Cx { engine: &mut engine, schema, decl: decl.as_ref(), encoding, namespaces: &namespaces };
                if feed(&mut cx, &mut rules, &ev) {
                    break 'batches;
                }
            }
            if let Some(e) = batch.error() {
                push_reader_error(&mut report, kind, e);
                break;
            }
            let _ = empty_tx.send(batch);
        }
    });
    finish(report, engine, &rules)
}

/// One event through the schema engine and the prose rules; true at the end of the document.
#[inline]
fn feed(cx: &mut Cx<'_, '_>, rules: &mut [Box<dyn Rules>], ev: &Event<'_>) -> bool {
    // Matched by reference: the event is not copied out of the enum.
    match ev {
        Event::Start(tag) => {
            cx.engine.start(tag, cx.namespaces);
            for r in rules.iter_mut() {
                r.start(cx, tag);
            }
        }
        Event::Text(t) => {
            cx.engine.text(t);
            for r in rules.iter_mut() {
                r.text(cx, t);
            }
        }
        Event::End(e) => {
            for r in rules.iter_mut() {
                r.end(cx, e.pos);
            }
            cx.engine.end(e.pos);
        }
        Event::Eof => {
            cx.engine.finish();
            for r in rules.iter_mut() {
                r.finish(cx);
            }
            return true;
        }
    }
    false
}

/// The report, with the findings of the engine and the rules in document order.
fn finish(mut report: Report, mut engine: Engine<'_>, rules: &[Box<dyn Rules>]) -> Report {
    report.diagnostics.extend(std::mem::take(&mut engine.diags));
    for r in rules {
        r.refine(&mut report.diagnostics);
    }
    report.diagnostics.sort_by_key(|d| d.pos.offset);
    report
}

/// A root element that a `--schema` declares is an extension element, not a document.
fn extension_root_note(opts: &Options, uri: &str, local: &str) -> Vec<String> {
    match opts.schemas {
        Some(s) if s.iodef2.global(uri, local).is_some() => vec![format!(
            "{local} is declared by a schema given with --schema; mile validates IODEF and RID documents, and \
             validates extension elements where those documents carry them (e.g. in AdditionalData)"
        )],
        _ => vec![],
    }
}

fn push_reader_error(report: &mut Report, kind: DocKind, e: &xml::XmlError) {
    if e.kind.class() == ErrorClass::Io {
        report.io_error = Some(e.kind.to_string());
    } else {
        report.diagnostics.push(malformed(kind, e));
    }
}

fn drain<R: Read>(reader: &mut Reader<R>, kind: DocKind, report: &mut Report) {
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return,
            Ok(_) => {}
            Err(e) => {
                push_reader_error(report, kind, &e);
                return;
            }
        }
    }
}

fn reader_uri<R: Read>(tag: &StartTag<'_>, reader: &Reader<R>) -> String {
    reader.ns_uri(tag.ns).to_string()
}

/// Validate a file.
pub fn validate_file(path: &Path, opts: &Options) -> Report {
    let label = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(f) if opts.read_ahead && f.metadata().is_ok_and(|m| m.len() >= READ_AHEAD_MIN) => {
            validate_reader_ahead(&label, BufReader::with_capacity(64 << 10, f), opts, BATCH_EVENTS)
        }
        Ok(f) => validate_reader(&label, BufReader::with_capacity(64 << 10, f), opts),
        Err(e) => {
            Report { source: label, kind: None, encoding: None, diagnostics: Vec::new(), io_error: Some(e.to_string()) }
        }
    }
}

/// The source lines a report's diagnostics point at, read again from the file (decoded the
/// same way the validator read it).
pub fn source_lines_of_file(path: &Path, report: &Report) -> SourceLines {
    match (std::fs::File::open(path), report.encoding) {
        (Ok(mut f), Some(Encoding::Utf8) | Some(Encoding::Ascii) | None) => {
            let mut head = [0u8; 3];
            let bom = match f.read_exact(&mut head) {
                Ok(()) if head == [0xEF, 0xBB, 0xBF] => 3,
                _ => 0,
            };
            if let Some(lines) = SourceLines::from_offsets(&mut f, bom, &report.diagnostics) {
                return lines;
            }
            if f.seek(std::io::SeekFrom::Start(0)).is_err() {
                return SourceLines::default();
            }
            let mut r = BufReader::with_capacity(64 << 10, f);
            skip_bom(&mut r);
            SourceLines::from_reader(r, &report.diagnostics)
        }
        (Ok(mut f), Some(enc)) => {
            let mut bytes = Vec::new();
            if f.read_to_end(&mut bytes).is_err() {
                return SourceLines::default();
            }
            SourceLines::from_text(&decode_utf16(&bytes, enc), &report.diagnostics)
        }
        (Err(_), _) => SourceLines::default(),
    }
}

/// The source lines for a document held in memory.
pub fn source_lines_of_bytes(bytes: &[u8], report: &Report) -> SourceLines {
    match report.encoding {
        Some(enc @ (Encoding::Utf16Le | Encoding::Utf16Be)) => {
            SourceLines::from_text(&decode_utf16(bytes, enc), &report.diagnostics)
        }
        _ => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
            SourceLines::from_reader(b, &report.diagnostics)
        }
    }
}

fn skip_bom(r: &mut impl BufRead) {
    if let Ok(buf) = r.fill_buf() {
        if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            r.consume(3);
        }
    }
}

fn decode_utf16(bytes: &[u8], enc: Encoding) -> String {
    let body = bytes.get(2..).unwrap_or(&[]);
    let units = body.chunks_exact(2).map(|c| {
        if enc == Encoding::Utf16Le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }
    });
    char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
}

/// One input of a batch: a file or standard input.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file.
    File(std::path::PathBuf),
    /// Standard input, streamed; the first [`STDIN_KEEP`] bytes are kept for source snippets.
    Stdin(std::sync::Arc<std::sync::Mutex<Vec<u8>>>),
}

/// How much of standard input is kept to show source lines in diagnostics.
pub const STDIN_KEEP: usize = 8 << 20;

impl Input {
    /// The label used in output.
    pub fn label(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin(_) => "-".into(),
        }
    }
}

/// Expand paths: files as given, directories recursively (`*.xml`, sorted), `-` for standard
/// input (at most once).
pub fn collect_inputs(paths: &[String]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        if p == "-" {
            if stdin_seen {
                return Err("standard input given twice".into());
            }
            stdin_seen = true;
            out.push(Input::Stdin(Default::default()));
            continue;
        }
        let path = Path::new(p);
        let meta = std::fs::metadata(path).map_err(|e| format!("{p}: {e}"))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|e| format!("{p}: {e}"))?;
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else {
            out.push(Input::File(path.to_path_buf()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let p = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
            out.push(p);
        }
    }
    Ok(())
}

/// A reader that keeps a copy of the first bytes it passes on.
struct Tee<'a, R> {
    inner: R,
    keep: &'a std::sync::Mutex<Vec<u8>>,
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut k) = self.keep.lock() {
            let room = STDIN_KEEP.saturating_sub(k.len()).min(n);
            k.extend_from_slice(&buf[..room]);
        }
        Ok(n)
    }
}

/// Validate one input.
pub fn validate_input(input: &Input, opts: &Options) -> Report {
    match input {
        Input::File(p) => validate_file(p, opts),
        Input::Stdin(keep) => {
            let input = BufReader::with_capacity(64 << 10, Tee { inner: std::io::stdin(), keep });
            // Its size is not known: read ahead whenever there is a thread to spare.
            if opts.read_ahead {
                validate_reader_ahead("-", input, opts, BATCH_EVENTS)
            } else {
                validate_reader("-", input, opts)
            }
        }
    }
}

/// Validate many inputs on `jobs` threads; results come back in input order.
pub fn validate_all(inputs: &[Input], opts: &Options, jobs: usize) -> Vec<Report> {
    let jobs = jobs.clamp(1, 64);
    // A thread per file; threads to spare read large files ahead.
    let opts = &Options { read_ahead: opts.read_ahead || jobs > inputs.len(), ..*opts };
    let jobs = jobs.min(inputs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Report>>> = inputs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let r = validate_input(input, opts);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .zip(inputs)
        .map(|(m, input)| {
            m.into_inner().ok().flatten().unwrap_or_else(|| Report {
                source: input.label(),
                kind: None,
                encoding: None,
                diagnostics: Vec::new(),
                io_error: Some("validation thread failed".into()),
            })
        })
        .collect()
}

/// Source lines for a report of an input.
pub fn source_lines(input: &Input, report: &Report) -> SourceLines {
    match input {
        Input::File(p) => source_lines_of_file(p, report),
        Input::Stdin(keep) => match keep.lock() {
            Ok(b) => source_lines_of_bytes(&b, report),
            Err(_) => SourceLines::default(),
        },
    }
}

/// Counts over a batch.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    /// Documents validated.
    pub documents: usize,
    /// Valid.
    pub valid: usize,
    /// Invalid.
    pub invalid: usize,
    /// Could not be read.
    pub error: usize,
    /// Error diagnostics in all.
    pub errors: usize,
    /// Warning diagnostics in all.
    pub warnings: usize,
}

impl Summary {
    /// Count a batch.
    pub fn of(reports: &[Report]) -> Summary {
        let mut s = Summary { documents: reports.len(), ..Summary::default() };
        for r in reports {
            match r.verdict() {
                Verdict::Valid => s.valid += 1,
                Verdict::Invalid => s.invalid += 1,
                Verdict::Error => s.error += 1,
            }
            s.errors += r.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            s.warnings += r.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        }
        s
    }

    /// The exit code: 0 all valid, 1 any invalid, 2 any could not be read.
    pub fn exit_code(&self) -> i32 {
        if self.error > 0 {
            2
        } else if self.invalid > 0 {
            1
        } else {
            0
        }
    }
}

/// The JSON output of `mile validate --format json` (shape `mile-validate/1`, see
/// `docs/validate-json.md`).
pub fn to_json(reports: &[Report]) -> serde_json::Value {
    let docs: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            serde_json::json!({
                "source": r.source,
                "kind": r.kind.map(DocKind::as_str),
                "encoding": r.encoding,
                "verdict": r.verdict().as_str(),
                "io_error": r.io_error,
                "diagnostics": r.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "format": "mile-validate/1", "documents": docs, "summary": Summary::of(reports) })
}

/// One diagnostic as JSON.
pub fn diagnostic_json(d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "requirement": d.requirement.id,
        "level": d.requirement.level,
        "severity": d.severity.as_str(),
        "message": d.message(),
        "kind": d.kind,
        "line": d.pos.line,
        "column": d.pos.col,
        "offset": d.pos.offset,
        "path": d.path,
        "notes": d.notes,
    })
}

/// How an answer reached the requester.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// In the body of the HTTP response to the request, with this status.
    Http(u16),
    /// Later, by callback (its own POST), after a 202.
    Callback,
}

/// Validate `request` and `answer` as RID messages, then judge the answer against the request
/// with the flow table (RFC 6545 §6–7, RFC 6546 Table 1). The flow findings are added to the
/// answer's report, at its root element.
pub fn validate_answer(request: &Input, answer: &Input, channel: Channel, opts: &Options) -> (Report, Report) {
    let opts = Options { expect: Some(DocKind::Rid), ..*opts };
    let req_report = validate_input(request, &opts);
    let mut ans_report = validate_input(answer, &opts);
    let bytes = |i: &Input| -> Option<Vec<u8>> {
        match i {
            Input::File(p) => std::fs::read(p).ok(),
            Input::Stdin(k) => k.lock().ok().map(|b| b.clone()),
        }
    };
    let (Some(qb), Some(ab)) = (bytes(request), bytes(answer)) else { return (req_report, ans_report) };
    let (Ok(qt), Ok(at)) = (xml::tree::parse(&qb[..], opts.limits), xml::tree::parse(&ab[..], opts.limits)) else {
        return (req_report, ans_report);
    };
    let (Ok(q), Ok(a)) = (crate::rid::RidMessage::from_element(&qt), crate::rid::RidMessage::from_element(&at)) else {
        return (req_report, ans_report);
    };
    let reply = match channel {
        Channel::Http(status) => crate::rid::flow::Reply::Http {
            status,
            content_type: Some("text/xml"),
            body_len: ab.len(),
            message: Some(&a),
            token: None,
        },
        Channel::Callback => crate::rid::flow::Reply::Callback(&a),
    };
    for f in crate::rid::flow::check_answer(&q, false, &reply) {
        ans_report.diagnostics.push(Diagnostic {
            requirement: cite(f.req),
            severity: severity_of(f.req),
            kind: Kind::Prose { found: f.found, expected: f.expected },
            pos: at.pos,
            len: at.prefix.len() as u32 + at.local.len() as u32 + 2,
            path: format!(
                "/{}",
                if at.prefix.is_empty() { at.local.clone() } else { format!("{}:{}", at.prefix, at.local) }
            ),
            notes: vec![format!("as the answer to {}", request.label())],
        });
    }
    (req_report, ans_report)
}
