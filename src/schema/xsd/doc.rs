//! Reading schema documents: a small element tree with in-scope namespaces and positions, and
//! an OASIS XML catalog to map remote schema locations to local files.

use super::error::{XsdError, XsdErrorKind};
use crate::diag::Pos;
use crate::xml::tree::{self, Element};
use crate::xml::{Limits, tree::Node as TNode};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The XML Schema namespace.
pub const XS: &str = "http://www.w3.org/2001/XMLSchema";
/// The XML namespace.
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// An element of a schema document, with the namespaces in scope at it.
#[derive(Debug)]
pub struct Node {
    /// Namespace URI.
    pub ns: String,
    /// Local name.
    pub local: String,
    /// Name as written.
    pub qname: String,
    /// Unqualified attributes (name, value); qualified ones are not schema syntax and are dropped.
    pub attrs: Vec<(String, String)>,
    /// Child elements.
    pub children: Vec<Node>,
    /// Start tag position.
    pub pos: Pos,
    scope: Rc<Vec<(String, String)>>,
}

impl Node {
    fn from_tree(e: Element, parent: &Rc<Vec<(String, String)>>) -> Node {
        let scope = if e.ns_decls.is_empty() {
            parent.clone()
        } else {
            let mut s = (**parent).clone();
            s.extend(e.ns_decls.iter().cloned());
            Rc::new(s)
        };
        let qname = if e.prefix.is_empty() { e.local.clone() } else { format!("{}:{}", e.prefix, e.local) };
        let attrs = e.attrs.into_iter().filter(|a| a.ns.is_empty()).map(|a| (a.local, a.value)).collect();
        let children = e
            .children
            .into_iter()
            .filter_map(|c| match c {
                TNode::Element(c) => Some(Node::from_tree(c, &scope)),
                TNode::Text(_) => None,
            })
            .collect();
        Node { ns: e.ns, local: e.local, qname, attrs, children, pos: e.pos, scope }
    }

    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Is this `xs:local`?
    pub fn is_xs(&self, local: &str) -> bool {
        self.ns == XS && self.local == local
    }

    /// Child elements other than `xs:annotation`.
    pub fn content(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(|c| !c.is_xs("annotation"))
    }

    /// Resolve a QName written in an attribute value: `(namespace, local name)`, or the prefix
    /// that is not declared.
    pub fn resolve(&self, qname: &str) -> Result<(String, String), String> {
        let qname = qname.trim();
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        };
        if prefix == "xml" {
            return Ok((XML.into(), local.into()));
        }
        match self.scope.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, uri)) => Ok((uri.clone(), local.into())),
            None if prefix.is_empty() => Ok((String::new(), local.into())),
            None => Err(prefix.into()),
        }
    }

    /// The prefix bound to `ns` here, if any.
    pub fn prefix_of(&self, ns: &str) -> Option<&str> {
        self.scope.iter().rev().find(|(p, u)| u == ns && !p.is_empty()).map(|(p, _)| p.as_str())
    }

    /// How the component is named in messages: `element 'Contact'`, `sequence`.
    pub fn label(&self) -> String {
        match self.attr("name").or_else(|| self.attr("ref")) {
            Some(n) => format!("{} '{}'", self.local, n),
            None => self.local.clone(),
        }
    }
}

/// A schema document read from a file.
#[derive(Debug)]
pub struct Doc {
    /// The file as shown in messages.
    pub file: String,
    /// The file's path.
    pub path: PathBuf,
    /// The `xs:schema` element.
    pub root: Node,
    /// Its target namespace ("" for none).
    pub tns: String,
    /// `elementFormDefault="qualified"`.
    pub elements_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub attributes_qualified: bool,
    /// Namespaces this document imports.
    pub imports: Vec<String>,
}

impl Doc {
    /// An error at a node of this document.
    pub fn err(&self, node: &Node, kind: XsdErrorKind) -> XsdError {
        XsdError {
            file: self.file.clone(),
            line: node.pos.line,
            col: node.pos.col,
            component: node.label(),
            kind,
            known: None,
        }
    }
}

/// Blank out a document type declaration, keeping line breaks so that positions stay right.
/// Schema files of the W3C (xmldsig-core-schema.xsd, xml.xsd) carry one; its entities are not
/// expanded, so a reference to one is still refused by the reader.
pub fn blank_doctype(bytes: &mut [u8]) {
    let Some(start) = find(bytes, b"<!DOCTYPE") else { return };
    // Only a declaration before the root element (not text inside a comment or CDATA later).
    let before_root = bytes[..start].windows(2).all(|w| w[0] != b'<' || w[1] == b'?' || w[1] == b'!');
    if !before_root {
        return;
    }
    let (mut depth, mut quote, mut i) = (0i32, 0u8, start + 2);
    while i < bytes.len() {
        let b = bytes[i];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else {
            match b {
                b'"' | b'\'' => quote = b,
                b'[' => depth += 1,
                b']' => depth -= 1,
                b'>' if depth <= 0 => break,
                _ => {}
            }
        }
        i += 1;
    }
    let end = (i + 1).min(bytes.len());
    for b in &mut bytes[start..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read and parse a schema document.
pub fn read_doc(path: &Path, file: String) -> Result<Doc, XsdError> {
    let whole = |kind| XsdError { file: file.clone(), line: 0, col: 0, component: String::new(), kind, known: None };
    let mut bytes = std::fs::read(path).map_err(|e| whole(XsdErrorKind::Io { detail: e.to_string() }))?;
    blank_doctype(&mut bytes);
    let root = tree::parse(&bytes[..], Limits::default()).map_err(|e| XsdError {
        file: file.clone(),
        line: e.pos.line,
        col: e.pos.col,
        component: String::new(),
        kind: XsdErrorKind::Malformed { detail: e.kind.to_string() },
        known: None,
    })?;
    let root = Node::from_tree(root, &Rc::new(Vec::new()));
    if !root.is_xs("schema") {
        return Err(XsdError {
            file,
            line: root.pos.line,
            col: root.pos.col,
            component: String::new(),
            kind: XsdErrorKind::NotASchema { found: root.qname.clone() },
            known: None,
        });
    }
    let tns = root.attr("targetNamespace").unwrap_or("").to_string();
    let elements_qualified = root.attr("elementFormDefault") == Some("qualified");
    let attributes_qualified = root.attr("attributeFormDefault") == Some("qualified");
    Ok(Doc { file, path: path.to_path_buf(), root, tns, elements_qualified, attributes_qualified, imports: Vec::new() })
}

/// An OASIS XML catalog (the `system`, `uri`, `rewriteSystem`, `rewriteURI` and `nextCatalog`
/// entries, which is what schema resolution uses).
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    exact: Vec<(String, PathBuf)>,
    rewrite: Vec<(String, PathBuf)>,
}

const CATALOG_NS: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

impl Catalog {
    /// Read a catalog file (and the catalogs it chains with `nextCatalog`).
    pub fn load(path: &Path) -> Result<Catalog, XsdError> {
        let mut c = Catalog::default();
        c.add(path, 0)?;
        Ok(c)
    }

    fn add(&mut self, path: &Path, depth: u32) -> Result<(), XsdError> {
        let file = path.display().to_string();
        let whole =
            |kind| XsdError { file: file.clone(), line: 0, col: 0, component: String::new(), kind, known: None };
        let mut bytes = std::fs::read(path).map_err(|e| whole(XsdErrorKind::Io { detail: e.to_string() }))?;
        blank_doctype(&mut bytes);
        let root = tree::parse(&bytes[..], Limits::default()).map_err(|e| XsdError {
            file: file.clone(),
            line: e.pos.line,
            col: e.pos.col,
            component: String::new(),
            kind: XsdErrorKind::Malformed { detail: e.kind.to_string() },
            known: None,
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        self.entries(&root, base, depth)
    }

    fn entries(&mut self, e: &Element, base: &Path, depth: u32) -> Result<(), XsdError> {
        for c in e.elements().filter(|c| c.ns == CATALOG_NS) {
            let target = |attr: &str| c.attr(attr).map(|u| base.join(u.strip_prefix("file://").unwrap_or(u)));
            match c.local.as_str() {
                "system" => {
                    if let (Some(id), Some(t)) = (c.attr("systemId"), target("uri")) {
                        self.exact.push((id.into(), t));
                    }
                }
                "uri" => {
                    if let (Some(id), Some(t)) = (c.attr("name"), target("uri")) {
                        self.exact.push((id.into(), t));
                    }
                }
                "rewriteSystem" | "rewriteURI" => {
                    let from = c.attr("systemIdStartString").or_else(|| c.attr("uriStartString"));
                    if let (Some(from), Some(t)) = (from, target("rewritePrefix")) {
                        self.rewrite.push((from.into(), t));
                    }
                }
                "group" => self.entries(c, base, depth)?,
                "nextCatalog" if depth < 8 => {
                    if let Some(t) = target("catalog") {
                        self.add(&t, depth + 1)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The local file a URI maps to.
    pub fn resolve(&self, uri: &str) -> Option<PathBuf> {
        if let Some((_, p)) = self.exact.iter().find(|(id, _)| id == uri) {
            return Some(p.clone());
        }
        self.rewrite
            .iter()
            .filter(|(from, _)| uri.starts_with(from.as_str()))
            .max_by_key(|(from, _)| from.len())
            .map(|(from, p)| p.join(&uri[from.len()..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctype_blanked_keeping_lines() {
        let text =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE schema PUBLIC \"a>b\" \"c\" [\n  <!ENTITY x 'y>'>\n]>\n<schema/>";
        let mut bytes = text.as_bytes().to_vec();
        blank_doctype(&mut bytes);
        let out = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(out.lines().count(), text.lines().count());
        assert!(!out.contains("DOCTYPE") && !out.contains("ENTITY"));
        assert!(out.ends_with("<schema/>"));
        // Text after the root element is left alone.
        let mut later = b"<a><![CDATA[<!DOCTYPE x>]]></a>".to_vec();
        blank_doctype(&mut later);
        assert_eq!(later, b"<a><![CDATA[<!DOCTYPE x>]]></a>".to_vec());
    }

    #[test]
    fn catalog_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("main.xml"),
            format!(
                "<catalog xmlns=\"{CATALOG_NS}\">\n\
                 <system systemId=\"http://example.org/a.xsd\" uri=\"local/a.xsd\"/>\n\
                 <group><uri name=\"urn:b\" uri=\"b.xsd\"/></group>\n\
                 <rewriteSystem systemIdStartString=\"http://example.org/schemas/\" rewritePrefix=\"mirror/\"/>\n\
                 <rewriteSystem systemIdStartString=\"http://example.org/schemas/deep/\" rewritePrefix=\"deep/\"/>\n\
                 <nextCatalog catalog=\"next.xml\"/>\n</catalog>"
            ),
        )
        .expect("write");
        std::fs::write(
            dir.path().join("next.xml"),
            format!("<catalog xmlns=\"{CATALOG_NS}\"><system systemId=\"http://example.org/c.xsd\" uri=\"c.xsd\"/></catalog>"),
        )
        .expect("write");
        let c = Catalog::load(&dir.path().join("main.xml")).expect("loads");
        let d = dir.path();
        assert_eq!(c.resolve("http://example.org/a.xsd"), Some(d.join("local/a.xsd")));
        assert_eq!(c.resolve("urn:b"), Some(d.join("b.xsd")));
        assert_eq!(c.resolve("http://example.org/schemas/x/y.xsd"), Some(d.join("mirror/x/y.xsd")));
        assert_eq!(c.resolve("http://example.org/schemas/deep/z.xsd"), Some(d.join("deep/z.xsd")), "longest prefix");
        assert_eq!(c.resolve("http://example.org/c.xsd"), Some(d.join("c.xsd")));
        assert_eq!(c.resolve("http://example.org/none.xsd"), None);
    }

    #[test]
    fn qnames_resolve_in_scope() {
        let text = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:a=\"urn:a\">\
                    <xs:element xmlns:a=\"urn:inner\" name=\"E\"/></xs:schema>";
        let root = tree::parse(text.as_bytes(), Limits::default()).expect("parses");
        let root = Node::from_tree(root, &Rc::new(Vec::new()));
        let e = &root.children[0];
        assert_eq!(e.resolve("a:T"), Ok(("urn:inner".into(), "T".into())));
        assert_eq!(root.resolve("a:T"), Ok(("urn:a".into(), "T".into())));
        assert_eq!(e.resolve("xml:lang"), Ok((XML.into(), "lang".into())));
        assert_eq!(e.resolve("T"), Ok((String::new(), "T".into())));
        assert_eq!(e.resolve("zz:T"), Err("zz".into()));
    }
}
