//! A small element tree with source positions, read through the safe reader.
//!
//! Used where code must act on meaning (RID messages are kilobytes); validation of large
//! documents streams instead.

use super::{Event, Limits, Namespaces, NsId, Pos, Reader, XmlError};
use std::io::Read;

/// An attribute of a tree element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeAttr {
    /// Namespace URI ("" for unqualified attributes).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Prefix as written ("" if none).
    pub prefix: String,
    /// Normalized value.
    pub value: String,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Character data.
    Text(String),
}

/// An element with its namespace, attributes (namespace declarations kept separately),
/// children and position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// Namespace URI ("" for none).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Prefix as written.
    pub prefix: String,
    /// Attributes other than namespace declarations.
    pub attrs: Vec<TreeAttr>,
    /// Namespace declarations made on this element: (prefix, URI); prefix "" is the default.
    pub ns_decls: Vec<(String, String)>,
    /// Children in document order.
    pub children: Vec<Node>,
    /// Position of the start tag.
    pub pos: Pos,
}

impl Element {
    /// A new element with no attributes or children.
    pub fn new(ns: &str, local: &str) -> Element {
        Element { ns: ns.into(), local: local.into(), ..Element::default() }
    }

    /// Is this `{ns}local`?
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements named `{ns}local`.
    pub fn children_named<'a>(&'a self, ns: &'a str, local: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.is(ns, local))
    }

    /// The first child element named `{ns}local`.
    pub fn child(&self, ns: &str, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, local))
    }

    /// The value of the unqualified attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns.is_empty() && a.local == name).map(|a| a.value.as_str())
    }

    /// The value of an unqualified attribute with XML Schema white-space collapse applied (the
    /// form enumerated values are compared in).
    pub fn attr_token(&self, name: &str) -> Option<String> {
        self.attr(name).map(|v| v.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// All character data of the element and its descendants.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// Set (or replace) an unqualified attribute.
    pub fn set_attr(&mut self, name: &str, value: &str) -> &mut Self {
        match self.attrs.iter_mut().find(|a| a.ns.is_empty() && a.local == name) {
            Some(a) => a.value = value.into(),
            None => self.attrs.push(TreeAttr {
                ns: String::new(),
                local: name.into(),
                prefix: String::new(),
                value: value.into(),
            }),
        }
        self
    }

    /// Append a child element and return it.
    pub fn push(&mut self, e: Element) -> &mut Element {
        self.children.push(Node::Element(e));
        match self.children.last_mut() {
            Some(Node::Element(e)) => e,
            _ => unreachable!("just pushed an element"),
        }
    }

    /// Append character data.
    pub fn push_text(&mut self, t: &str) -> &mut Self {
        self.children.push(Node::Text(t.into()));
        self
    }
}

/// Parse a whole document into a tree (well-formedness checked by the reader).
pub fn parse(input: impl Read, limits: Limits) -> Result<Element, XmlError> {
    let mut r = Reader::new(input, limits)?;
    let mut builder = TreeBuilder::default();
    loop {
        r.advance_event()?;
        let ev = r.event();
        let eof = matches!(ev, Event::Eof);
        builder.feed(&ev, r.namespaces_ref());
        if eof {
            return builder
                .finish()
                .ok_or_else(|| XmlError { kind: super::XmlErrorKind::NoRootElement, pos: r.position() });
        }
    }
}

/// Builds a tree from reader events, so that a pass that reads a document for another purpose
/// (validation) can keep the tree without reading the document twice.
#[derive(Debug, Default)]
pub struct TreeBuilder {
    stack: Vec<Element>,
    /// Elements at these paths (namespace, local names from the root) are kept without their
    /// content.
    hollow: Option<(&'static str, &'static [&'static [&'static str]])>,
    /// Depth of the open elements that are not being built (inside a hollow element).
    skipped: usize,
}

impl TreeBuilder {
    /// A builder that keeps the elements at `paths` (local names from the root, all in namespace
    /// `ns`) with their attributes but without their content: the caller needs the envelope of
    /// a document, not the (much larger) document it carries.
    pub fn hollow_at(ns: &'static str, paths: &'static [&'static [&'static str]]) -> TreeBuilder {
        TreeBuilder { hollow: Some((ns, paths)), ..TreeBuilder::default() }
    }

    /// Forget what was built (the configuration stays).
    pub fn clear(&mut self) {
        self.stack.clear();
        self.skipped = 0;
    }

    /// Is the element on top of the stack a hollow one?
    fn at_hollow(&self) -> bool {
        let Some((ns, paths)) = self.hollow else { return false };
        paths.iter().any(|path| {
            self.stack.len() == path.len() && self.stack.iter().zip(*path).all(|(e, l)| e.ns == ns && e.local == *l)
        })
    }

    /// Take one event (with the reader's namespaces at that event).
    pub fn feed(&mut self, ev: &Event<'_>, nss: &Namespaces) {
        if self.skipped > 0 {
            match ev {
                Event::Start(_) => self.skipped += 1,
                Event::End(_) => self.skipped -= 1,
                Event::Text(_) | Event::Eof => {}
            }
            if self.skipped > 0 {
                return;
            }
        }
        match ev {
            Event::Start(tag) => {
                let mut e = Element {
                    ns: nss.uri(tag.ns).into(),
                    local: tag.local.into(),
                    prefix: tag.prefix.into(),
                    pos: tag.pos,
                    ..Element::default()
                };
                for a in tag.attributes() {
                    if a.is_ns_decl {
                        let prefix = if a.prefix.is_empty() { String::new() } else { a.local.to_string() };
                        e.ns_decls.push((prefix, a.value.into()));
                    } else {
                        let ns = if a.ns == NsId::NONE { String::new() } else { nss.uri(a.ns).to_string() };
                        e.attrs.push(TreeAttr {
                            ns,
                            local: a.local.into(),
                            prefix: a.prefix.into(),
                            value: a.value.into(),
                        });
                    }
                }
                self.stack.push(e);
                if self.at_hollow() {
                    self.skipped = 1;
                }
            }
            Event::Text(t) => {
                if let Some(top) = self.stack.last_mut() {
                    match top.children.last_mut() {
                        Some(Node::Text(prev)) => prev.push_str(t.text),
                        _ => top.children.push(Node::Text(t.text.into())),
                    }
                }
            }
            Event::End(_) => {
                if let Some(e) = self.stack.pop() {
                    match self.stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(e)),
                        None => self.stack.push(e),
                    }
                }
            }
            Event::Eof => {}
        }
    }

    /// The root element, once the document has ended.
    pub fn finish(mut self) -> Option<Element> {
        if self.stack.len() == 1 { self.stack.pop() } else { None }
    }
}
