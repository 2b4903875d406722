//! A safe streaming XML reader.
//!
//! Text, references, start and end tags are tokenized here, straight from the source's text
//! (the hot path: sliced, not copied into a buffer of their own and checked again); the rare
//! markup that begins `<!` or `<?` (declaration, processing instructions, comments, CDATA,
//! DOCTYPE) is read by quick-xml, one token at a time from where the source stands. This layer
//! judges: it checks every well-formedness constraint of XML 1.0 (fifth edition) and the
//! namespace constraints of Namespaces in XML 1.0, refuses DTDs and entities, decodes UTF-16 to
//! UTF-8, enforces limits (depth, attributes, name, value and text length, token and document
//! size) before anything large is buffered, and gives every event its line, column and byte
//! offset.
//!
//! Comments and processing instructions are checked and skipped; the XML declaration is
//! checked and kept ([`Reader::declaration`]). An empty-element tag yields a [`Event::Start`]
//! with `empty` set, followed by its [`Event::End`].

mod chars;
mod error;
mod source;
pub mod tree;
pub mod writer;

pub(crate) use chars::{HIGH, ONES, word8};
pub use chars::{is_name, is_ncname, is_qname, name_hash, same};
pub use error::{ErrorClass, XmlError, XmlErrorKind};

use chars::{all_space, is_space, is_xml_char};
use quick_xml::events::Event as QEvent;
use source::{LimitHit, Source};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Read};

pub use crate::diag::Pos;

/// Safety limits. Every limit is checked before the data it bounds is buffered in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum element nesting depth.
    pub max_depth: usize,
    /// Maximum attributes (including namespace declarations) on one element.
    pub max_attributes: usize,
    /// Maximum length of an element, attribute or prefix name, in bytes.
    pub max_name_len: usize,
    /// Maximum length of one attribute value, in bytes.
    pub max_attr_len: usize,
    /// Maximum length of one run of character data, in bytes.
    pub max_text_len: usize,
    /// Maximum document size, in bytes of input.
    pub max_document_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 256,
            max_attributes: 256,
            max_name_len: 1024,
            max_attr_len: 1 << 20,
            max_text_len: 16 << 20,
            max_document_size: 1 << 30,
        }
    }
}

impl Limits {
    /// The longest single token the reader buffers: a run of text or one tag.
    fn token_limit(&self) -> u64 {
        // (At most 2 GiB: offsets within a token are kept in a `u32`.)
        ((self.max_text_len.max(self.max_attr_len) as u64) + (64 << 10)).min(u32::MAX as u64 / 2)
    }
}

/// The character encoding of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    /// UTF-8 (the default).
    Utf8,
    /// UTF-16 little endian, with byte order mark.
    Utf16Le,
    /// UTF-16 big endian, with byte order mark.
    Utf16Be,
    /// US-ASCII.
    Ascii,
}

/// The XML declaration as found.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct XmlDecl {
    /// `version` pseudo-attribute.
    pub version: String,
    /// `encoding` pseudo-attribute, if present.
    pub encoding: Option<String>,
    /// `standalone` pseudo-attribute, if present.
    pub standalone: Option<String>,
}

/// A namespace, interned: compare ids instead of strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NsId(pub u32);

impl NsId {
    /// No namespace.
    pub const NONE: NsId = NsId(0);
    /// `http://www.w3.org/XML/1998/namespace`.
    pub const XML: NsId = NsId(1);
    /// `http://www.w3.org/2000/xmlns/`.
    pub const XMLNS: NsId = NsId(2);
}

pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// The namespace interner of one reader.
///
/// A document uses a handful of namespaces, and one is set up for every document the peer
/// reads: the known URIs (the schemas' own, `&'static`) are kept without copying and found by a
/// scan; the map serves only documents that bind many distinct URIs.
#[derive(Debug, Clone)]
pub struct Namespaces {
    uris: Vec<Cow<'static, str>>,
    map: HashMap<Box<str>, NsId>,
}

/// Up to this many URIs are found by a scan; beyond it through the map (hostile documents can
/// declare any number of namespaces).
const SCANNED_URIS: usize = 32;

impl Default for Namespaces {
    fn default() -> Self {
        let mut n = Namespaces { uris: Vec::with_capacity(SCANNED_URIS), map: HashMap::new() };
        n.intern_static("");
        n.intern_static(XML_NS);
        n.intern_static(XMLNS_NS);
        n
    }
}

impl Namespaces {
    /// The id of `uri`, adding it if new.
    pub fn intern(&mut self, uri: &str) -> NsId {
        match self.get(uri) {
            Some(id) => id,
            None => self.add(Cow::Owned(uri.into())),
        }
    }

    /// The id of a URI known at compile time (a schema's), adding it without a copy if new.
    pub fn intern_static(&mut self, uri: &'static str) -> NsId {
        match self.get(uri) {
            Some(id) => id,
            None => self.add(Cow::Borrowed(uri)),
        }
    }

    fn add(&mut self, uri: Cow<'static, str>) -> NsId {
        let id = NsId(self.uris.len() as u32);
        if self.uris.len() >= SCANNED_URIS {
            self.map.insert(uri.as_ref().into(), id);
        }
        self.uris.push(uri);
        id
    }

    /// The id of `uri`, if it has been seen.
    pub fn get(&self, uri: &str) -> Option<NsId> {
        let scanned = &self.uris[..self.uris.len().min(SCANNED_URIS)];
        match scanned.iter().position(|u| chars::same(u, uri)) {
            Some(i) => Some(NsId(i as u32)),
            None => self.map.get(uri).copied(),
        }
    }

    /// Number of URIs interned (ids are `0..count`, in the order the URIs were added; never
    /// zero: the empty namespace and the two of XML itself come first).
    pub fn count(&self) -> usize {
        self.uris.len()
    }

    /// The URI of an id.
    pub fn uri(&self, id: NsId) -> &str {
        self.uris.get(id.0 as usize).map_or("", |s| s)
    }
}

/// One attribute of a start tag.
#[derive(Debug, Clone, Copy)]
pub struct Attr<'a> {
    /// The name as written.
    pub qname: &'a str,
    /// The prefix (empty if none).
    pub prefix: &'a str,
    /// The local name.
    pub local: &'a str,
    /// The namespace (none for unprefixed attributes).
    pub ns: NsId,
    /// The value after reference expansion and attribute-value normalization (XML 1.0 §3.3.3).
    pub value: &'a str,
    /// Is this a namespace declaration (`xmlns` or `xmlns:*`)?
    pub is_ns_decl: bool,
    /// The value exactly as written between the quotes (references not expanded).
    pub raw_value: &'a str,
    tag_pos: Pos,
    /// The tag's text and where the name starts in it (for `pos`, computed on demand).
    tag_raw: &'a str,
    name_off: usize,
}

impl Attr<'_> {
    /// Position of the attribute name (computed on demand: only diagnostics need it).
    pub fn pos(&self) -> Pos {
        self.tag_pos.advance("<").advance(self.tag_raw.get(..self.name_off).unwrap_or(""))
    }
}

/// An attribute of the current start tag, by offsets into the tag's text (`u32`: a tag is
/// at most [`Limits::token_limit`] long). Small, since batches of them pass between threads.
#[derive(Debug, Clone)]
struct AttrRec {
    name: (u32, u32),
    colon: u32,
    /// The value: in `values` (normalized), or in the tag itself when `value_in_raw`.
    value: (u32, u32),
    value_in_raw: bool,
    raw_value: (u32, u32),
    ns: NsId,
    is_ns_decl: bool,
}

impl AttrRec {
    /// The (normalized) value, given the tag's text and the normalized values.
    #[inline]
    fn value_in<'a>(&self, raw: &'a str, values: &'a str) -> &'a str {
        let text = if self.value_in_raw { raw } else { values };
        &text[self.value.0 as usize..self.value.1 as usize]
    }

    /// Where the name is in the tag's text.
    #[inline]
    fn name(&self) -> std::ops::Range<usize> {
        self.name.0 as usize..self.name.1 as usize
    }

    /// The position of the colon in the name (0: none).
    #[inline]
    fn colon(&self) -> usize {
        self.colon as usize
    }

    #[inline]
    fn raw_value(&self) -> std::ops::Range<usize> {
        self.raw_value.0 as usize..self.raw_value.1 as usize
    }
}

/// A start tag.
#[derive(Debug, Clone, Copy)]
pub struct StartTag<'a> {
    /// The name as written.
    pub qname: &'a str,
    /// The local name.
    pub local: &'a str,
    /// The prefix (empty if none).
    pub prefix: &'a str,
    /// The namespace.
    pub ns: NsId,
    /// An empty-element tag (`<a/>`): its end event follows at once.
    pub empty: bool,
    /// Position of the `<`.
    pub pos: Pos,
    raw: &'a str,
    attrs: &'a [AttrRec],
    values: &'a str,
}

impl<'a> StartTag<'a> {
    /// The attributes, in document order, namespace declarations included.
    #[inline]
    pub fn attributes(&self) -> impl Iterator<Item = Attr<'a>> + 'a {
        let tag = *self;
        (0..self.attrs.len()).filter_map(move |i| tag.attribute(i))
    }

    /// The value of the unqualified attribute `name`, if present.
    #[inline]
    pub fn get(&self, name: &str) -> Option<&'a str> {
        // Compared on the records: only the match is made into an `Attr`'s value.
        let r = self.attrs.iter().find(|r| r.colon() == 0 && self.raw.get(r.name()) == Some(name))?;
        Some(r.value_in(self.raw, self.values))
    }

    /// The value of the `i`-th attribute (document order), if any: [`StartTag::attribute`]
    /// without the rest.
    #[inline]
    pub fn value(&self, i: usize) -> Option<&'a str> {
        self.attrs.get(i).map(|r| r.value_in(self.raw, self.values))
    }

    /// The value of the `i`-th attribute exactly as written, if any.
    #[inline]
    pub fn raw_value(&self, i: usize) -> Option<&'a str> {
        self.attrs.get(i).and_then(|r| self.raw.get(r.raw_value()))
    }

    /// Number of attributes, namespace declarations included.
    #[inline]
    pub fn attribute_count(&self) -> usize {
        self.attrs.len()
    }

    /// The name of the `i`-th attribute: its namespace, local name, name as written, and
    /// whether it declares a namespace ([`StartTag::attribute`] without the rest, for loops over
    /// every attribute of every element).
    #[inline]
    pub fn attribute_name(&self, i: usize) -> Option<(NsId, &'a str, &'a str, bool)> {
        let r = self.attrs.get(i)?;
        let qname = &self.raw[r.name()];
        let local = if r.colon() > 0 { &qname[r.colon() + 1..] } else { qname };
        Some((r.ns, local, qname, r.is_ns_decl))
    }

    /// Position of the name of the `i`-th attribute (the tag's position if there is none).
    pub fn attribute_pos(&self, i: usize) -> Pos {
        self.attribute(i).map_or(self.pos, |a| a.pos())
    }

    /// The `i`-th attribute (document order), if any.
    #[inline]
    pub fn attribute(&self, i: usize) -> Option<Attr<'a>> {
        let r = self.attrs.get(i)?;
        let qname = &self.raw[r.name()];
        let (prefix, local) = if r.colon() > 0 { (&qname[..r.colon()], &qname[r.colon() + 1..]) } else { ("", qname) };
        Some(Attr {
            qname,
            prefix,
            local,
            ns: r.ns,
            value: r.value_in(self.raw, self.values),
            is_ns_decl: r.is_ns_decl,
            raw_value: &self.raw[r.raw_value()],
            tag_pos: self.pos,
            tag_raw: self.raw,
            name_off: r.name().start,
        })
    }
}

/// An end tag (or the end of an empty-element tag).
#[derive(Debug, Clone, Copy)]
pub struct EndTag<'a> {
    /// The name as written.
    pub qname: &'a str,
    /// The local name.
    pub local: &'a str,
    /// The namespace.
    pub ns: NsId,
    /// Position of the `<` of the end tag (of the start tag for an empty element).
    pub pos: Pos,
}

/// A chunk of character data.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    /// The characters, references expanded, line ends normalized.
    pub text: &'a str,
    /// Did it come from a CDATA section?
    pub cdata: bool,
    /// Is it all XML white space?
    pub whitespace: bool,
    /// Did it come from an entity or character reference (rather than literal text)?
    pub reference: bool,
    /// Where the chunk starts.
    pub pos: Pos,
}

/// A reader event.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// An element starts.
    Start(StartTag<'a>),
    /// An element ends.
    End(EndTag<'a>),
    /// Character data inside the root element.
    Text(Text<'a>),
    /// The document ended and was well-formed.
    Eof,
}

/// What `advance` left in the reader's buffers.
#[derive(Debug, Clone, Copy)]
enum Step {
    Start { qname_end: usize, colon: usize, ns: NsId, empty: bool, pos: Pos },
    End { colon: usize, ns: NsId, pos: Pos },
    Text { cdata: bool, reference: bool, whitespace: bool, pos: Pos },
    Eof,
}

/// The event `step` describes: `chars` holds the tag's text (start), its name (end) or the
/// characters (text); `attrs` and `values` the attributes of a start tag.
#[inline]
fn view<'a>(step: Step, chars: &'a str, attrs: &'a [AttrRec], values: &'a str) -> Event<'a> {
    match step {
        Step::Start { qname_end, colon, ns, empty, pos } => {
            let qname = &chars[..qname_end];
            let (prefix, local) = if colon > 0 { (&qname[..colon], &qname[colon + 1..]) } else { ("", qname) };
            Event::Start(StartTag { qname, local, prefix, ns, empty, pos, raw: chars, attrs, values })
        }
        Step::End { colon, ns, pos } => {
            let local = if colon > 0 { &chars[colon + 1..] } else { chars };
            Event::End(EndTag { qname: chars, local, ns, pos })
        }
        Step::Text { cdata, reference, whitespace, pos } => {
            Event::Text(Text { text: chars, cdata, whitespace, reference, pos })
        }
        Step::Eof => Event::Eof,
    }
}

/// A batch stops growing at this many bytes of names, text and values (and one event more).
pub const BATCH_BYTES: usize = 256 << 10;

/// Events copied out of a [`Reader`] ([`Reader::fill_batch`]), so that one thread can read a
/// document while another validates what it has read.
#[derive(Debug, Default)]
pub struct EventBatch {
    events: Vec<Recorded>,
    chars: String,
    attrs: Vec<AttrRec>,
    values: String,
    new_namespaces: Vec<String>,
    error: Option<XmlError>,
}

/// An event of a batch: its data ends where these say (and starts where the previous one's
/// ends).
#[derive(Debug)]
struct Recorded {
    step: Step,
    chars_end: usize,
    attrs_end: usize,
    values_end: usize,
}

impl EventBatch {
    /// Empty it for reuse (keeping its allocations).
    pub fn clear(&mut self) {
        self.events.clear();
        self.chars.clear();
        self.attrs.clear();
        self.values.clear();
        self.new_namespaces.clear();
        self.error = None;
    }

    /// The events, in document order.
    pub fn events(&self) -> impl Iterator<Item = Event<'_>> {
        let mut from = (0, 0, 0);
        self.events.iter().map(move |r| {
            let (c, a, v) = std::mem::replace(&mut from, (r.chars_end, r.attrs_end, r.values_end));
            view(r.step, &self.chars[c..r.chars_end], &self.attrs[a..r.attrs_end], &self.values[v..r.values_end])
        })
    }

    /// The error that ended reading after the events, if any.
    pub fn error(&self) -> Option<&XmlError> {
        self.error.as_ref()
    }

    /// Add the namespaces the reader interned since the previous batch to `namespaces` (a copy
    /// of the reader's interner from before the first batch): the ids then agree.
    pub fn update(&self, namespaces: &mut Namespaces) {
        for u in &self.new_namespaces {
            namespaces.intern(u);
        }
    }
}

/// What [`Reader::token`] found.
#[derive(Debug, Clone, Copy)]
enum Token {
    Start {
        empty: bool,
    },
    End,
    Text,
    Reference,
    /// `<!` or `<?`: left for quick-xml to read.
    Markup,
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Prolog,
    Root,
    Epilog,
    Done,
}

#[derive(Debug)]
struct Open {
    name: (usize, usize),
    colon: usize,
    ns: NsId,
    bindings: usize,
    pos: Pos,
}

#[derive(Debug)]
struct Binding {
    prefix: Box<str>,
    ns: NsId,
}

/// The safe streaming reader. See the module documentation.
pub struct Reader<R: Read> {
    src: Source<R>,
    b: Buffers,
    limits: Limits,
    namespaces: Namespaces,
    bindings: Vec<Binding>,
    phase: Phase,
    pending_end: Option<Open>,
    text_run: usize,
    decl: Option<XmlDecl>,
    encoding: Encoding,
    events: u64,
    failed: Option<XmlError>,
    step: Step,
}

/// The reader's working buffers. When its document is done they are kept, with its source's,
/// for the next reader on the same thread: a peer reads thousands of small documents a second,
/// and allocating these afresh for each was a good part of its allocations.
#[derive(Default)]
struct Buffers {
    buf: Vec<u8>,
    open: Vec<Open>,
    names: String,
    raw: String,
    attrs: Vec<AttrRec>,
    values: String,
    text: String,
    /// A reference's name; room for text while its line ends are normalized.
    spare: String,
}

/// What a thread keeps of its last reader.
struct Spare {
    reader: Buffers,
    head: Vec<u8>,
    decoded: String,
}

/// Buffers larger than this (a large document's) are let go rather than kept.
const KEEP_MAX: usize = 256 * 1024;

impl Buffers {
    fn new() -> Buffers {
        // Sized for a typical document from the start: one allocation each instead of a series
        // of regrowths.
        Buffers {
            buf: Vec::with_capacity(4096),
            open: Vec::with_capacity(32),
            names: String::with_capacity(512),
            raw: String::with_capacity(512),
            attrs: Vec::with_capacity(16),
            values: String::with_capacity(256),
            text: String::with_capacity(512),
            spare: String::with_capacity(512),
        }
    }

    /// Emptied, if small enough to keep.
    fn kept(mut self) -> Option<Buffers> {
        let largest = [&self.names, &self.raw, &self.values, &self.text, &self.spare]
            .iter()
            .map(|s| s.capacity())
            .fold(self.buf.capacity(), usize::max);
        if largest > KEEP_MAX || self.open.capacity() > 256 || self.attrs.capacity() > 256 {
            return None;
        }
        self.buf.clear();
        self.open.clear();
        self.names.clear();
        self.raw.clear();
        self.attrs.clear();
        self.values.clear();
        self.text.clear();
        self.spare.clear();
        Some(self)
    }
}

thread_local! {
    static SPARE: std::cell::Cell<Option<Spare>> = const { std::cell::Cell::new(None) };
}

impl<R: Read> Drop for Reader<R> {
    fn drop(&mut self) {
        let (head, decoded) = self.src.take_buffers();
        if head.capacity().max(decoded.capacity()) > KEEP_MAX {
            return;
        }
        if let Some(reader) = std::mem::take(&mut self.b).kept() {
            SPARE.with(|s| s.set(Some(Spare { reader, head, decoded })));
        }
    }
}

impl<R: Read> Reader<R> {
    /// A reader over `input` with the given limits. Detects the encoding from the byte order mark
    /// and the XML declaration.
    pub fn new(mut input: R, limits: Limits) -> Result<Self, XmlError> {
        let spare = SPARE.with(|s| s.take()).unwrap_or_else(|| Spare {
            reader: Buffers::new(),
            head: Vec::new(),
            decoded: String::new(),
        });
        let mut head = spare.head;
        // Enough to see a byte order mark and the XML declaration.
        let mut chunk = [0u8; 1024];
        while head.len() < 1024 {
            match input.read(&mut chunk[..1024 - head.len()]) {
                Ok(0) => break,
                Ok(n) => head.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(XmlError { kind: XmlErrorKind::Io { detail: e.to_string() }, pos: Pos::START.here() });
                }
            }
        }
        let (encoding, bom) = sniff(&head)?;
        head.drain(..bom);
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            // quick-xml would silently strip a second byte order mark: it is character data
            // (U+FEFF) before the root element.
            return Err(XmlError { kind: XmlErrorKind::TextOutsideRoot, pos: Pos::START.here() });
        }
        let source = Source::new(input, head, spare.decoded, encoding, limits.token_limit(), limits.max_document_size);
        Ok(Reader {
            src: source,
            b: spare.reader,
            limits,
            namespaces: Namespaces::default(),
            bindings: vec![Binding { prefix: "xml".into(), ns: NsId::XML }],
            phase: Phase::Prolog,
            pending_end: None,
            text_run: 0,
            decl: None,
            encoding,
            events: 0,
            failed: None,
            step: Step::Eof,
        })
    }

    /// The namespace interner (intern expected namespaces before reading to compare by id).
    pub fn namespaces(&mut self) -> &mut Namespaces {
        &mut self.namespaces
    }

    /// The URI of a namespace id.
    pub fn ns_uri(&self, id: NsId) -> &str {
        self.namespaces.uri(id)
    }

    /// The XML declaration, once read (it is the first thing in a document, if present).
    pub fn declaration(&self) -> Option<&XmlDecl> {
        self.decl.as_ref()
    }

    /// The detected input encoding.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Current nesting depth.
    pub fn depth(&self) -> usize {
        self.b.open.len()
    }

    /// Position of the next unread byte.
    pub fn position(&self) -> Pos {
        self.src.pos.here()
    }

    /// The namespace URI bound to `prefix` at the current point ("" for the default namespace).
    pub fn lookup_prefix(&self, prefix: &str) -> Option<NsId> {
        self.bindings.iter().rev().find(|b| same(&b.prefix, prefix)).map(|b| b.ns)
    }

    /// The next event. After an error, every call returns the same error.
    pub fn read_event(&mut self) -> Result<Event<'_>, XmlError> {
        self.advance_event()?;
        Ok(self.event())
    }

    /// Read the next event; [`Reader::event`] then shows it. Splitting the two lets a caller
    /// look at the event and at the reader (namespaces, declaration) at the same time.
    pub fn advance_event(&mut self) -> Result<(), XmlError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        // Each step is written to `self.step` where it is made (a returned step passed through
        // memory twice, and that cost more than any check of the reader).
        match self.pending_end.take() {
            Some(open) => {
                // The end of an empty-element tag.
                self.close(&open);
                self.b.raw.clear();
                self.b.raw.push_str(&self.b.names[open.name.0..open.name.1]);
                self.b.names.truncate(open.name.0);
                self.step = Step::End { colon: open.colon, ns: open.ns, pos: open.pos };
            }
            None => {
                let mut buf = std::mem::take(&mut self.b.buf);
                let done = self.advance(&mut buf);
                self.b.buf = buf;
                if let Err((kind, pos)) = done {
                    let e = XmlError { kind, pos };
                    self.failed = Some(e.clone());
                    self.phase = Phase::Done;
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// The event read by the last successful [`Reader::advance_event`].
    pub fn event(&self) -> Event<'_> {
        let chars = if matches!(self.step, Step::Text { .. }) { &self.b.text } else { &self.b.raw };
        view(self.step, chars, &self.b.attrs, &self.b.values)
    }

    /// Append the current event to `batch`, then read on until it holds `max` events (or about
    /// [`BATCH_BYTES`] of text: events can be large), the document ends, or an error (kept in
    /// the batch, after the events before it). Returns whether there is more to read.
    /// `known_namespaces` counts the interned URIs the batches' reader already has (its
    /// interner is a copy of this one's): the batch brings the rest.
    pub fn fill_batch(&mut self, batch: &mut EventBatch, max: usize, known_namespaces: &mut usize) -> bool {
        let more = self.fill_events(batch, max);
        let uris = self.namespaces.uris.get(*known_namespaces..).unwrap_or_default();
        batch.new_namespaces.extend(uris.iter().map(|u| u.to_string()));
        *known_namespaces = self.namespaces.uris.len();
        more
    }

    fn fill_events(&mut self, batch: &mut EventBatch, max: usize) -> bool {
        loop {
            let chars = if matches!(self.step, Step::Text { .. }) { &self.b.text } else { &self.b.raw };
            batch.chars.push_str(chars);
            if matches!(self.step, Step::Start { .. }) {
                batch.attrs.extend_from_slice(&self.b.attrs);
                batch.values.push_str(&self.b.values);
            }
            batch.events.push(Recorded {
                step: self.step,
                chars_end: batch.chars.len(),
                attrs_end: batch.attrs.len(),
                values_end: batch.values.len(),
            });
            if matches!(self.step, Step::Eof) {
                return false;
            }
            if let Err(e) = self.advance_event() {
                batch.error = Some(e);
                return false;
            }
            if batch.events.len() >= max || batch.chars.len() + batch.values.len() >= BATCH_BYTES {
                // The event just read is the first of the next batch.
                return true;
            }
        }
    }

    /// The namespace interner, read-only.
    pub fn namespaces_ref(&self) -> &Namespaces {
        &self.namespaces
    }

    /// Read tokens until one is worth reporting; leave its data in `self`.
    /// In line in its one caller: its result then never passes through memory.
    #[inline(always)]
    fn advance(&mut self, buf: &mut Vec<u8>) -> Result<(), (XmlErrorKind, Pos)> {
        loop {
            // (The source is in sync: at the start, and after every token below.)
            let start = self.src.pos.here();
            self.src.token_start = start.offset;
            let ev = match self.token(start)? {
                Token::Start { empty } => {
                    self.first_token(start)?;
                    return self.start(empty, start);
                }
                Token::End => {
                    self.first_token(start)?;
                    return self.end(start);
                }
                Token::Text => {
                    self.first_token(start)?;
                    if self.text_token(start)? {
                        return Ok(());
                    }
                    continue;
                }
                Token::Reference => {
                    self.first_token(start)?;
                    if self.phase != Phase::Root {
                        return Err((XmlErrorKind::TextOutsideRoot, start));
                    }
                    let c = resolve_reference(&self.b.spare).map_err(|k| (k, start))?;
                    let mut tmp = [0u8; 4];
                    return self.text_event(c.encode_utf8(&mut tmp), false, true, start, TEXT_ANY);
                }
                Token::Eof => QEvent::Eof,
                Token::Markup => {
                    // Declarations, processing instructions, comments, CDATA sections and
                    // DOCTYPE (rare, each with its own rules for where it ends) are read by
                    // quick-xml, one token from where the source stands.
                    buf.clear();
                    let mut q = quick_xml::Reader::from_reader(&mut self.src);
                    q.config_mut().check_comments = false; // checked here
                    let ev = q.read_event_into(buf);
                    self.src.sync();
                    match ev {
                        Ok(ev) => ev,
                        Err(e) => {
                            let (kind, pos) = self.map_error(&e);
                            return Err((kind, pos.unwrap_or(start)));
                        }
                    }
                }
            };
            if let Some(f) = &self.src.fault {
                return Err((f.kind.clone(), f.pos.here()));
            }
            self.events += 1;
            let utf16 = matches!(self.encoding, Encoding::Utf16Le | Encoding::Utf16Be);
            if utf16 && self.events == 1 && !matches!(&ev, QEvent::Decl(d) if d.encoding().is_some()) {
                return Err(utf16_undeclared(start));
            }
            match ev {
                QEvent::Decl(d) => {
                    if start.offset != 0 || self.events != 1 {
                        return Err((XmlErrorKind::XmlDeclNotAtStart, start));
                    }
                    let decl = parse_decl(&d).map_err(|detail| (XmlErrorKind::BadXmlDecl { detail }, start))?;
                    check_decl_encoding(&decl, self.encoding).map_err(|k| (k, start))?;
                    self.decl = Some(decl);
                }
                QEvent::DocType(_) => return Err((XmlErrorKind::Doctype, start)),
                QEvent::PI(pi) => {
                    let content: &str = &pi;
                    let target = content.split(|c: char| c.is_ascii() && is_space(c as u8)).next().unwrap_or("");
                    if target.eq_ignore_ascii_case("xml") {
                        // `<?xml ...?>` reaching here is a declaration out of place.
                        if target == "xml" {
                            return Err((XmlErrorKind::XmlDeclNotAtStart, start));
                        }
                        return Err((XmlErrorKind::ReservedPiTarget { target: target.into() }, start));
                    }
                    if !is_ncname(target) {
                        let name = target.into();
                        return Err((XmlErrorKind::BadName { name, what: "processing instruction target" }, start));
                    }
                }
                QEvent::Comment(c) => {
                    let c: &str = &c;
                    if c.contains("--") || c.ends_with('-') {
                        return Err((XmlErrorKind::DoubleHyphenInComment, start));
                    }
                }
                QEvent::CData(c) => {
                    if self.phase != Phase::Root {
                        return Err((XmlErrorKind::TextOutsideRoot, start));
                    }
                    return self.text_event(&c, true, false, start, TEXT_ANY);
                }
                QEvent::Eof => {
                    self.src.finish();
                    if let Some(f) = &self.src.fault {
                        return Err((f.kind.clone(), f.pos.here()));
                    }
                    return match self.phase {
                        Phase::Prolog => Err((XmlErrorKind::NoRootElement, start)),
                        Phase::Root => {
                            let name = self
                                .b
                                .open
                                .last()
                                .map(|o| self.b.names[o.name.0..o.name.1].to_string())
                                .unwrap_or_default();
                            Err((XmlErrorKind::Unclosed { name }, start))
                        }
                        Phase::Epilog | Phase::Done => {
                            self.phase = Phase::Done;
                            self.step = Step::Eof;
                            Ok(())
                        }
                    };
                }
                // Markup starting `<!` or `<?` is one of the above.
                QEvent::Start(_) | QEvent::Empty(_) | QEvent::End(_) | QEvent::Text(_) | QEvent::GeneralRef(_) => {
                    return Err((XmlErrorKind::Syntax { detail: "unexpected markup".into() }, start));
                }
            }
        }
    }

    /// A UTF-16 document must open with a declaration of its encoding.
    #[inline]
    fn first_token(&mut self, start: Pos) -> Result<(), (XmlErrorKind, Pos)> {
        self.events += 1;
        if self.events == 1 && matches!(self.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            return Err(utf16_undeclared(start));
        }
        Ok(())
    }

    /// Find the next token in the source, reading more input as needed, and consume it. A
    /// start or end tag is left in `raw` (what is between `<` and `>`, without the `/`s), text
    /// in `text`, a reference's name in `spare`. Markup starting `<!` or `<?` is not consumed.
    ///
    /// Where tokens end, and the errors of tokens that do not, are as XML 1.0 §2.4 and §3.1
    /// have them (a `>` inside a quoted attribute value does not end a tag); a dangling `&`
    /// (one not followed by a name and `;`) is left in the text, where it is reported.
    #[inline(always)]
    fn token(&mut self, start: Pos) -> Result<Token, (XmlErrorKind, Pos)> {
        // The first byte; at the end of the input, the end of the document.
        if self.src.window().is_empty() && !self.more(start)? {
            return Ok(Token::Eof);
        }
        let first = self.src.window()[0];
        let (len, token) = match first {
            b'<' => {
                if self.src.window().len() < 2 && !self.more(start)? {
                    return Err(self.fail(XmlErrorKind::Unterminated { what: "a tag" }, start));
                }
                let second = self.src.window()[1];
                if second == b'!' || second == b'?' {
                    return Ok(Token::Markup);
                }
                // The closing `>`, outside quoted attribute values.
                let mut from = 1;
                let mut quote = 0u8;
                let gt = loop {
                    let w = self.src.window();
                    let mut found = None;
                    for k in memchr::memchr3_iter(b'>', b'"', b'\'', &w[from..]) {
                        let c = w[from + k];
                        if quote == 0 {
                            if c == b'>' {
                                found = Some(from + k);
                                break;
                            }
                            quote = c;
                        } else if c == quote {
                            quote = 0;
                        }
                    }
                    if let Some(gt) = found {
                        break gt;
                    }
                    from = w.len();
                    if !self.more(start)? {
                        let what = if quote == 0 { "a tag" } else { "an attribute value" };
                        return Err(self.fail(XmlErrorKind::Unterminated { what }, start));
                    }
                };
                if second == b'/' {
                    (gt + 1, Token::End)
                } else {
                    let empty = gt >= 2 && self.src.window()[gt - 1] == b'/';
                    (gt + 1, Token::Start { empty })
                }
            }
            b'&' => {
                // A reference ends at `;`; a `&` or `<` before it (or the end of the input)
                // makes the `&` dangling: text up to there.
                let mut from = 1;
                loop {
                    let w = self.src.window();
                    if let Some(k) = memchr::memchr3(b';', b'&', b'<', &w[from..]) {
                        let at = from + k;
                        break if w[at] == b';' { (at + 1, Token::Reference) } else { (at, Token::Text) };
                    }
                    from = w.len();
                    if !self.more(start)? {
                        break (self.src.window().len(), Token::Text);
                    }
                }
            }
            _ => {
                let mut from = 1;
                loop {
                    let w = self.src.window();
                    if let Some(k) = memchr::memchr2(b'<', b'&', &w[from..]) {
                        break (from + k, Token::Text);
                    }
                    from = w.len();
                    if !self.more(start)? {
                        break (self.src.window().len(), Token::Text);
                    }
                }
            }
        };
        self.src.consume(len);
        self.src.sync();
        if let Some(f) = &self.src.fault {
            return Err((f.kind.clone(), f.pos.here()));
        }
        // Tokens start and end at ASCII delimiters, so every slice below is of whole characters.
        let Some(text) = self.src.recent(len) else {
            return Err((XmlErrorKind::InvalidUtf8, start));
        };
        let inner = match token {
            Token::Start { empty } => text.get(1..len - 1 - usize::from(empty)),
            Token::End => text.get(2..len - 1),
            Token::Reference => text.get(1..len - 1),
            _ => Some(text),
        };
        let Some(inner) = inner else {
            return Err((XmlErrorKind::InvalidUtf8, start));
        };
        let token = match token {
            Token::Start { empty } => {
                self.b.raw.clear();
                self.b.raw.push_str(inner);
                Token::Start { empty }
            }
            Token::End => {
                // Trailing white space is not part of the name (but a name of white space only
                // is kept, to be reported as it is).
                let name = inner.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8));
                self.b.raw.clear();
                self.b.raw.push_str(if name.is_empty() { inner } else { name });
                Token::End
            }
            Token::Reference => {
                self.b.spare.clear();
                self.b.spare.push_str(inner);
                Token::Reference
            }
            other => {
                self.b.text.clear();
                self.b.text.push_str(inner);
                other
            }
        };
        Ok(token)
    }

    /// Read more input for the token at `start`; false at the end of the input. Reading fails
    /// (a limit, I/O) after the bytes read so far are checked, as [`Reader::fail`] does.
    fn more(&mut self, start: Pos) -> Result<bool, (XmlErrorKind, Pos)> {
        match self.src.more() {
            Ok(more) => Ok(more),
            Err(e) => {
                let kind = self.io_error(&e);
                Err(self.fail(kind, start))
            }
        }
    }

    /// The error of a token that cannot be read to its end: after the source has checked the
    /// bytes read so far, whose fault (if any) comes first in the document.
    fn fail(&mut self, kind: XmlErrorKind, start: Pos) -> (XmlErrorKind, Pos) {
        let n = self.src.window().len();
        self.src.consume(n);
        self.src.sync();
        self.fault_or((kind, start))
    }

    /// The source's fault, if it found one: it comes first in the document.
    fn fault_or(&self, e: (XmlErrorKind, Pos)) -> (XmlErrorKind, Pos) {
        match &self.src.fault {
            Some(f) => (f.kind.clone(), f.pos.here()),
            None => e,
        }
    }

    fn io_error(&self, io: &std::io::Error) -> XmlErrorKind {
        if let Some(hit) = io.get_ref().and_then(|r| r.downcast_ref::<LimitHit>()) {
            match hit {
                LimitHit::Document => XmlErrorKind::DocumentTooLarge { limit: self.limits.max_document_size },
                LimitHit::Token => XmlErrorKind::TokenTooLong { limit: self.limits.token_limit() as usize },
            }
        } else {
            XmlErrorKind::Io { detail: io.to_string() }
        }
    }

    /// The character data in `text`: Ok(true) when it is an event, Ok(false) when it is
    /// nothing to report (empty, or white space outside the root element).
    fn text_token(&mut self, start: Pos) -> Result<bool, (XmlErrorKind, Pos)> {
        let t = self.b.text.as_str();
        if t.is_empty() {
            return Ok(false);
        }
        if self.phase != Phase::Root {
            if all_space(t) {
                return Ok(false);
            }
            return Err((XmlErrorKind::TextOutsideRoot, first_non_space(start, t)));
        }
        // Short text (mostly indentation) is classified in one pass; longer text is searched
        // with memchr for what it may hold.
        let classes = if t.len() <= SHORT_TEXT { text_classes(t.as_bytes()) } else { TEXT_ANY };
        // `]]>` and a dangling `&` are both rare: one memchr pass finds candidates.
        let amp_gt = if classes & TEXT_AMP_GT != 0 { t.as_bytes() } else { &[] };
        for k in memchr::memchr2_iter(b'&', b'>', amp_gt) {
            if t.as_bytes()[k] == b'&' {
                let text = t[k + 1..].chars().take(12).collect();
                return Err((XmlErrorKind::BadReference { text }, start.advance(&t[..k])));
            }
            if k >= 2 && &t.as_bytes()[k - 2..k] == b"]]" {
                return Err((XmlErrorKind::CdataEndInText, start.advance(&t[..k - 2])));
            }
        }
        self.text_in_place(false, false, start, classes)?;
        Ok(true)
    }

    /// Translate a quick-xml error (and any fault the source found first).
    fn map_error(&self, e: &quick_xml::Error) -> (XmlErrorKind, Option<Pos>) {
        use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
        if let Some(f) = &self.src.fault {
            return (f.kind.clone(), Some(f.pos.here()));
        }
        let kind = match e {
            quick_xml::Error::Io(io) => self.io_error(io),
            quick_xml::Error::Syntax(s) => match s {
                S::UnclosedComment => XmlErrorKind::Unterminated { what: "a comment" },
                S::UnclosedCData => XmlErrorKind::Unterminated { what: "a CDATA section" },
                S::UnclosedPI | S::UnclosedXmlDecl => XmlErrorKind::Unterminated { what: "a processing instruction" },
                S::UnclosedDoctype => XmlErrorKind::Doctype,
                S::UnclosedTag => XmlErrorKind::Unterminated { what: "a tag" },
                S::UnclosedSingleQuotedAttributeValue | S::UnclosedDoubleQuotedAttributeValue => {
                    XmlErrorKind::Unterminated { what: "an attribute value" }
                }
                S::InvalidBangMarkup => {
                    XmlErrorKind::Syntax { detail: "'<!' must start a comment or a CDATA section".into() }
                }
            },
            quick_xml::Error::IllFormed(i) => match i {
                I::MissingDeclVersion(_) => {
                    XmlErrorKind::BadXmlDecl { detail: "the version pseudo-attribute is missing".into() }
                }
                I::UnknownVersion => XmlErrorKind::BadXmlDecl { detail: "unknown version".into() },
                I::MissingDoctypeName => XmlErrorKind::Doctype,
                I::UnclosedReference => XmlErrorKind::BadReference { text: String::new() },
                other => XmlErrorKind::Syntax { detail: other.to_string() },
            },
            quick_xml::Error::Encoding(_) => XmlErrorKind::InvalidUtf8,
            other => XmlErrorKind::Syntax { detail: other.to_string() },
        };
        (kind, None)
    }

    fn text_event(
        &mut self,
        t: &str,
        cdata: bool,
        reference: bool,
        pos: Pos,
        classes: u8,
    ) -> Result<(), (XmlErrorKind, Pos)> {
        self.b.text.clear();
        self.b.text.push_str(t);
        self.text_in_place(cdata, reference, pos, classes)
    }

    /// [`Reader::text_event`] for characters already in `text`.
    fn text_in_place(
        &mut self,
        cdata: bool,
        reference: bool,
        pos: Pos,
        classes: u8,
    ) -> Result<(), (XmlErrorKind, Pos)> {
        self.text_run += self.b.text.len();
        if self.text_run > self.limits.max_text_len {
            return Err((XmlErrorKind::TextTooLong { limit: self.limits.max_text_len }, pos));
        }
        if classes & TEXT_CR != 0 && memchr::memchr(b'\r', self.b.text.as_bytes()).is_some() {
            // XML 1.0 §2.11: CR LF and lone CR become LF.
            let mut out = std::mem::take(&mut self.b.spare);
            out.clear();
            let mut chars = self.b.text.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\r' {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                } else {
                    out.push(c);
                }
            }
            std::mem::swap(&mut self.b.text, &mut out);
            self.b.spare = out;
        }
        // Line-end normalization keeps white space white space and the rest the rest.
        let whitespace = if classes == TEXT_ANY { all_space(&self.b.text) } else { classes & TEXT_NON_SPACE == 0 };
        self.step = Step::Text { cdata, reference, whitespace, pos };
        Ok(())
    }

    /// The start tag in `raw` (what is between `<` and `>` or `/>`).
    fn start(&mut self, empty: bool, pos: Pos) -> Result<(), (XmlErrorKind, Pos)> {
        // The name runs to the first white space.
        let qname_end = self.b.raw.bytes().position(is_space).unwrap_or(self.b.raw.len());
        match self.phase {
            Phase::Prolog => self.phase = Phase::Root,
            Phase::Root => {}
            Phase::Epilog | Phase::Done => {
                let name = self.b.raw[..qname_end].to_string();
                return Err((XmlErrorKind::SecondRoot { name }, pos));
            }
        }
        self.text_run = 0;
        if self.b.open.len() >= self.limits.max_depth {
            return Err((XmlErrorKind::TooDeep { limit: self.limits.max_depth }, pos));
        }
        let inner = pos.advance("<");
        let qname = &self.b.raw[..qname_end];
        if qname.len() > self.limits.max_name_len {
            return Err((XmlErrorKind::NameTooLong { limit: self.limits.max_name_len }, inner));
        }
        let Some(colon) = chars::qname_colon(qname) else {
            return Err((XmlErrorKind::BadName { name: qname.into(), what: "element" }, inner));
        };
        self.b.attrs.clear();
        self.b.values.clear();
        self.parse_attributes(qname_end)
            .map_err(|(kind, off)| (kind, inner.advance(&self.b.raw[..off.min(self.b.raw.len())])))?;
        // Namespace declarations first, then resolution.
        let mark = self.bindings.len();
        for r in &self.b.attrs {
            if !r.is_ns_decl {
                continue;
            }
            let qname = &self.b.raw[r.name()];
            let prefix = if r.colon() > 0 { &qname[r.colon() + 1..] } else { "" };
            let uri = r.value_in(&self.b.raw, &self.b.values);
            if let Err(detail) = check_ns_decl(prefix, uri) {
                return Err((XmlErrorKind::BadNamespaceDecl { detail }, inner.advance(&self.b.raw[..r.name().start])));
            }
            let ns = self.namespaces.intern(uri);
            self.bindings.push(Binding { prefix: prefix.into(), ns });
        }
        let prefix = &self.b.raw[..colon];
        if prefix == "xmlns" {
            let detail = "element names must not use the prefix xmlns".into();
            return Err((XmlErrorKind::BadNamespaceDecl { detail }, inner));
        }
        let ns = match self.lookup_prefix(prefix) {
            Some(ns) => ns,
            None if prefix.is_empty() => NsId::NONE,
            None => return Err((XmlErrorKind::UnboundPrefix { prefix: prefix.into() }, inner)),
        };
        for i in 0..self.b.attrs.len() {
            let r = &self.b.attrs[i];
            if r.is_ns_decl {
                self.b.attrs[i].ns = NsId::XMLNS;
                continue;
            }
            if r.colon() == 0 {
                continue;
            }
            let p = &self.b.raw[r.name().start..r.name().start + r.colon()];
            match self.lookup_prefix(p) {
                Some(ns) if ns != NsId::NONE => self.b.attrs[i].ns = ns,
                _ => {
                    return Err((
                        XmlErrorKind::UnboundPrefix { prefix: p.into() },
                        inner.advance(&self.b.raw[..r.name().start]),
                    ));
                }
            }
        }
        // Unique expanded names: only prefixed attributes can collide after expansion.
        for (i, a) in self.b.attrs.iter().enumerate() {
            if a.colon() == 0 || a.is_ns_decl {
                continue;
            }
            let la = &self.b.raw[a.name().start + a.colon() + 1..a.name().end];
            for b in &self.b.attrs[..i] {
                if b.colon() == 0
                    || b.is_ns_decl
                    || b.ns != a.ns
                    || &self.b.raw[b.name().start + b.colon() + 1..b.name().end] != la
                {
                    continue;
                }
                let first = self.b.raw[b.name()].to_string();
                let second = self.b.raw[a.name()].to_string();
                let at = inner.advance(&self.b.raw[..a.name().start]);
                return Err((XmlErrorKind::DuplicateExpandedAttribute { first, second }, at));
            }
        }
        let n0 = self.b.names.len();
        self.b.names.push_str(&self.b.raw[..qname_end]);
        let open = Open { name: (n0, self.b.names.len()), colon, ns, bindings: mark, pos };
        if empty {
            self.pending_end = Some(open);
        } else {
            self.b.open.push(open);
        }
        self.step = Step::Start { qname_end, colon, ns, empty, pos };
        Ok(())
    }

    /// Parse the attributes of the start tag in `self.b.raw` after the name.
    fn parse_attributes(&mut self, name_end: usize) -> Result<(), (XmlErrorKind, usize)> {
        let raw = self.b.raw.as_bytes();
        let mut i = name_end;
        let n = raw.len();
        loop {
            let ws_start = i;
            while i < n && is_space(raw[i]) {
                i += 1;
            }
            if i >= n {
                return Ok(());
            }
            if i == ws_start {
                return Err((
                    XmlErrorKind::AttributeSyntax { detail: "attributes must be separated by white space".into() },
                    i,
                ));
            }
            if self.b.attrs.len() >= self.limits.max_attributes {
                return Err((XmlErrorKind::TooManyAttributes { limit: self.limits.max_attributes }, i));
            }
            let name_start = i;
            // One pass finds the end of the name, checks it and finds its colon.
            let (name_len, colon) = chars::scan_qname(&raw[i..]);
            i += name_len;
            let name = &self.b.raw[name_start..i];
            if name.len() > self.limits.max_name_len {
                return Err((XmlErrorKind::NameTooLong { limit: self.limits.max_name_len }, name_start));
            }
            let Some(colon) = colon else {
                return Err((XmlErrorKind::BadName { name: name.into(), what: "attribute" }, name_start));
            };
            while i < n && is_space(raw[i]) {
                i += 1;
            }
            if i >= n || raw[i] != b'=' {
                return Err((
                    XmlErrorKind::AttributeSyntax { detail: format!("attribute {name} has no '=' and value") },
                    name_start,
                ));
            }
            i += 1;
            while i < n && is_space(raw[i]) {
                i += 1;
            }
            let quote = if i < n { raw[i] } else { 0 };
            if quote != b'"' && quote != b'\'' {
                return Err((
                    XmlErrorKind::AttributeSyntax { detail: format!("the value of attribute {name} is not quoted") },
                    i.min(n),
                ));
            }
            i += 1;
            let v_start = i;
            i = memchr::memchr(quote, &raw[i..]).map_or(n, |k| i + k);
            if i >= n {
                return Err((XmlErrorKind::Unterminated { what: "an attribute value" }, v_start));
            }
            let v_end = i;
            i += 1;
            if v_end - v_start > self.limits.max_attr_len {
                return Err((XmlErrorKind::AttributeTooLong { limit: self.limits.max_attr_len }, v_start));
            }
            // Literal duplicate?
            for a in &self.b.attrs {
                if &self.b.raw[a.name()] == name {
                    return Err((XmlErrorKind::DuplicateAttribute { name: name.into() }, name_start));
                }
            }
            // Most values need no normalization: they are used where they are in the tag.
            let (value, value_in_raw) = if attr_value_is_plain(&raw[v_start..v_end]) {
                ((v_start, v_end), true)
            } else {
                let val0 = self.b.values.len();
                normalize_attr_value(&self.b.raw[v_start..v_end], &mut self.b.values)
                    .map_err(|(k, off)| (k, v_start + off))?;
                ((val0, self.b.values.len()), false)
            };
            let is_ns_decl = name == "xmlns" || name.starts_with("xmlns:");
            // Every offset is within the tag, whose length the token limit keeps in a `u32`.
            let at = |i: usize| i as u32;
            self.b.attrs.push(AttrRec {
                name: (at(name_start), at(name_start + name.len())),
                colon: at(colon),
                value: (at(value.0), at(value.1)),
                value_in_raw,
                raw_value: (at(v_start), at(v_end)),
                ns: NsId::NONE,
                is_ns_decl,
            });
        }
    }

    /// The end tag whose name is in `raw`.
    fn end(&mut self, pos: Pos) -> Result<(), (XmlErrorKind, Pos)> {
        let found: &str = &self.b.raw;
        let Some(open) = self.b.open.pop() else {
            return Err((XmlErrorKind::StrayEndTag { name: found.into() }, pos));
        };
        let expected = &self.b.names[open.name.0..open.name.1];
        if !same(expected, found) {
            return Err((XmlErrorKind::MismatchedEndTag { expected: expected.into(), found: found.into() }, pos));
        }
        self.text_run = 0;
        self.close(&open);
        self.b.raw.clear();
        self.b.raw.push_str(&self.b.names[open.name.0..open.name.1]);
        self.b.names.truncate(open.name.0);
        self.step = Step::End { colon: open.colon, ns: open.ns, pos };
        Ok(())
    }

    fn close(&mut self, open: &Open) {
        self.bindings.truncate(open.bindings);
        if self.b.open.is_empty() && self.phase == Phase::Root {
            self.phase = Phase::Epilog;
        }
    }
}

/// Text up to this length is classified by [`text_classes`] in one pass.
const SHORT_TEXT: usize = 64;
/// Classes of character data bytes: `&` or `>`, carriage return, not white space.
const TEXT_AMP_GT: u8 = 1;
const TEXT_CR: u8 = 2;
const TEXT_NON_SPACE: u8 = 4;
/// Not classified: the text may hold anything.
const TEXT_ANY: u8 = 0xFF;
const TEXT_CLASS: [u8; 256] = {
    let mut t = [TEXT_NON_SPACE; 256];
    t[b' ' as usize] = 0;
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = 0;
    t[b'\r' as usize] = TEXT_CR;
    t[b'&' as usize] = TEXT_AMP_GT | TEXT_NON_SPACE;
    t[b'>' as usize] = TEXT_AMP_GT | TEXT_NON_SPACE;
    t
};

/// The union of the classes of the bytes of `b`.
fn text_classes(b: &[u8]) -> u8 {
    b.iter().fold(0, |acc, &c| acc | TEXT_CLASS[c as usize])
}

fn utf16_undeclared(start: Pos) -> (XmlErrorKind, Pos) {
    let detail = "a UTF-16 document must declare its encoding (<?xml version=\"1.0\" encoding=\"UTF-16\"?>)".into();
    (XmlErrorKind::EncodingMismatch { detail }, start)
}

fn first_non_space(start: Pos, t: &str) -> Pos {
    let k = t.bytes().position(|b| !is_space(b)).unwrap_or(0);
    start.advance(&t[..k])
}

/// Namespaces in XML 1.0 §3 constraints on a declaration of `prefix` (empty for default).
fn check_ns_decl(prefix: &str, uri: &str) -> Result<(), String> {
    if prefix == "xmlns" {
        return Err("the prefix xmlns must not be declared".into());
    }
    if prefix == "xml" {
        if uri != XML_NS {
            return Err(format!("the prefix xml may only be bound to {XML_NS}"));
        }
        return Ok(());
    }
    if uri == XML_NS {
        return Err(format!("{XML_NS} may only be bound to the prefix xml"));
    }
    if uri == XMLNS_NS {
        return Err(format!("{XMLNS_NS} must not be declared"));
    }
    if !prefix.is_empty() && uri.is_empty() {
        return Err(format!("xmlns:{prefix}=\"\" is not allowed: XML 1.0 namespaces cannot undeclare a prefix"));
    }
    Ok(())
}

/// Bytes of an attribute value that [`normalize_attr_value`] acts on.
const ATTR_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'<' as usize] = true;
    t[b'&' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

/// Is the raw value its own normalized value (nothing to expand, replace or refuse)?
fn attr_value_is_plain(raw: &[u8]) -> bool {
    !raw.iter().fold(false, |acc, &b| acc | ATTR_SPECIAL[b as usize])
}

/// Expand references and normalize white space in a raw attribute value (XML 1.0 §3.3.3).
fn normalize_attr_value(raw: &str, out: &mut String) -> Result<(), (XmlErrorKind, usize)> {
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'<' => return Err((XmlErrorKind::LtInAttributeValue, i)),
            b'&' => {
                out.push_str(&raw[run..i]);
                let rest = &raw[i + 1..];
                let Some(semi) = rest.find(';') else {
                    return Err((XmlErrorKind::BadReference { text: rest.chars().take(12).collect() }, i));
                };
                let c = resolve_reference(&rest[..semi]).map_err(|k| (k, i))?;
                out.push(c);
                i += semi + 2;
                run = i;
            }
            b'\t' | b'\n' => {
                out.push_str(&raw[run..i]);
                out.push(' ');
                i += 1;
                run = i;
            }
            b'\r' => {
                out.push_str(&raw[run..i]);
                out.push(' ');
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&raw[run..]);
    Ok(())
}

/// Resolve a reference body (between `&` and `;`): a predefined entity or a character reference.
fn resolve_reference(name: &str) -> Result<char, XmlErrorKind> {
    match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => {}
    }
    if let Some(num) = name.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix('x') {
            Some(h) => (h, 16),
            None => (num, 10),
        };
        let ok_digits = !digits.is_empty()
            && digits.len() <= 8
            && digits.bytes().all(|b| if radix == 16 { b.is_ascii_hexdigit() } else { b.is_ascii_digit() });
        if !ok_digits {
            return Err(XmlErrorKind::BadReference { text: format!("{name};") });
        }
        let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
        return match char::from_u32(code) {
            Some(c) if is_xml_char(code) => Ok(c),
            _ => Err(XmlErrorKind::IllegalCharRef { text: name.into() }),
        };
    }
    if is_name(name) {
        Err(XmlErrorKind::UndefinedEntity { name: name.into() })
    } else {
        Err(XmlErrorKind::BadReference { text: format!("{name};") })
    }
}

/// Detect the encoding from the byte order mark and, for ASCII-compatible input, the XML
/// declaration. Returns the encoding and the length of the byte order mark.
fn sniff(head: &[u8]) -> Result<(Encoding, usize), XmlError> {
    let at0 = Pos::START.here();
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((Encoding::Utf8, 3));
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok((Encoding::Utf16Le, 2));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok((Encoding::Utf16Be, 2));
    }
    if head.starts_with(&[0x00, 0x3C, 0x00, 0x3F]) || head.starts_with(&[0x3C, 0x00, 0x3F, 0x00]) {
        return Err(XmlError {
            kind: XmlErrorKind::EncodingMismatch {
                detail: "the input looks like UTF-16 without a byte order mark (XML 1.0 §4.3.3 requires one)".into(),
            },
            pos: at0,
        });
    }
    if head.starts_with(&[0x00, 0x00, 0x00, 0x3C]) || head.starts_with(&[0x3C, 0x00, 0x00, 0x00]) {
        return Err(XmlError { kind: XmlErrorKind::UnsupportedEncoding { name: "UCS-4".into() }, pos: at0 });
    }
    if head.starts_with(&[0x4C, 0x6F, 0xA7, 0x94]) {
        return Err(XmlError { kind: XmlErrorKind::UnsupportedEncoding { name: "EBCDIC".into() }, pos: at0 });
    }
    if head.starts_with(b"<?xml") {
        if let Some(end) = head.windows(2).position(|w| w == b"?>") {
            if let Ok(text) = std::str::from_utf8(&head[2..end]) {
                if let Ok(decl) = parse_decl(text) {
                    if let Some(enc) = decl.encoding.as_deref() {
                        let e = enc.to_ascii_lowercase();
                        return match e.as_str() {
                            "utf-8" | "utf8" => Ok((Encoding::Utf8, 0)),
                            "us-ascii" | "ascii" => Ok((Encoding::Ascii, 0)),
                            "utf-16" | "utf-16le" | "utf-16be" => Err(XmlError {
                                kind: XmlErrorKind::EncodingMismatch {
                                    detail: format!("declared {enc} but the document has no UTF-16 byte order mark"),
                                },
                                pos: at0,
                            }),
                            _ => {
                                Err(XmlError { kind: XmlErrorKind::UnsupportedEncoding { name: enc.into() }, pos: at0 })
                            }
                        };
                    }
                }
            }
        }
    }
    Ok((Encoding::Utf8, 0))
}

/// The declared encoding must agree with the detected one.
fn check_decl_encoding(decl: &XmlDecl, detected: Encoding) -> Result<(), XmlErrorKind> {
    let Some(enc) = decl.encoding.as_deref() else { return Ok(()) };
    let e = enc.to_ascii_lowercase();
    let ok = match detected {
        Encoding::Utf16Le | Encoding::Utf16Be => matches!(e.as_str(), "utf-16" | "utf-16le" | "utf-16be"),
        Encoding::Utf8 => matches!(e.as_str(), "utf-8" | "utf8"),
        Encoding::Ascii => true,
    };
    if ok {
        Ok(())
    } else {
        Err(XmlErrorKind::EncodingMismatch { detail: format!("declared {enc} but the bytes are {detected:?}") })
    }
}

/// Parse the content of an XML declaration (`xml version="1.0" ...`, without `<?` and `?>`),
/// strictly per production [23].
fn parse_decl(content: &str) -> Result<XmlDecl, String> {
    let rest = content.strip_prefix("xml").ok_or("it must start with <?xml")?;
    let b = rest.as_bytes();
    let mut i = 0;
    let mut decl = XmlDecl::default();
    let mut seen = 0; // 1 version, 2 encoding, 3 standalone
    loop {
        let ws = i;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if i == ws {
            return Err("pseudo-attributes must be separated by white space".into());
        }
        let ns = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let name = &rest[ns..i];
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            return Err(format!("{name:?} has no '=' and value"));
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let q = if i < b.len() { b[i] } else { 0 };
        if q != b'"' && q != b'\'' {
            return Err(format!("the value of {name} is not quoted"));
        }
        i += 1;
        let vs = i;
        while i < b.len() && b[i] != q {
            i += 1;
        }
        if i >= b.len() {
            return Err(format!("the value of {name} is not terminated"));
        }
        let value = &rest[vs..i];
        i += 1;
        let order = match name {
            "version" => 1,
            "encoding" => 2,
            "standalone" => 3,
            _ => return Err(format!("unknown pseudo-attribute {name:?}")),
        };
        if order <= seen {
            return Err("pseudo-attributes must appear in the order version, encoding, standalone, once each".into());
        }
        if seen == 0 && order != 1 {
            return Err("version must come first".into());
        }
        seen = order;
        match order {
            1 => {
                let ok =
                    value.strip_prefix("1.").is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit()));
                if !ok {
                    return Err(format!("version {value:?} is not 1.x"));
                }
                decl.version = value.into();
            }
            2 => {
                let ok = value.bytes().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && value.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'));
                if !ok {
                    return Err(format!("encoding name {value:?} is malformed"));
                }
                decl.encoding = Some(value.into());
            }
            _ => {
                if value != "yes" && value != "no" {
                    return Err(format!("standalone must be \"yes\" or \"no\", not {value:?}"));
                }
                decl.standalone = Some(value.into());
            }
        }
    }
    if seen == 0 {
        return Err("the version pseudo-attribute is missing".into());
    }
    Ok(decl)
}
