//! Writing XML: escaping, and serializing an element tree with namespace declarations added
//! where an element or attribute needs a prefix that is not yet declared in the output.

use super::tree::{Element, Node};

/// Escape character data (`&`, `<`, `>`).
pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Escape an attribute value for double quotes (also tabs and line ends, so that they survive
/// attribute-value normalization).
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Serialize `root` as a document: XML declaration (UTF-8) and the element.
pub fn to_document(root: &Element) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_element(root, &mut out);
    out.push('\n');
    out
}

/// Serialize one element (and its subtree), declaring every namespace it uses.
pub fn write_element(e: &Element, out: &mut String) {
    let mut scope: Vec<(String, String)> = vec![("xml".into(), super::XML_NS.into())];
    write_rec(e, out, &mut scope);
}

fn bound<'a>(scope: &'a [(String, String)], prefix: &str) -> Option<&'a str> {
    scope.iter().rev().find(|(p, _)| p == prefix).map(|(_, u)| u.as_str())
}

fn qname(prefix: &str, local: &str) -> String {
    if prefix.is_empty() { local.to_string() } else { format!("{prefix}:{local}") }
}

fn write_rec(e: &Element, out: &mut String, scope: &mut Vec<(String, String)>) {
    let mark = scope.len();
    let mut decls: Vec<(String, String)> = Vec::new();
    let declare = |prefix: &str, uri: &str, scope: &mut Vec<(String, String)>, decls: &mut Vec<(String, String)>| {
        if bound(scope, prefix) != Some(uri) && !(prefix.is_empty() && uri.is_empty() && bound(scope, "").is_none()) {
            scope.push((prefix.into(), uri.into()));
            decls.push((prefix.into(), uri.into()));
        }
    };
    for (p, u) in &e.ns_decls {
        declare(p, u, scope, &mut decls);
    }
    // The element's own namespace under its prefix.
    let prefix = if e.ns.is_empty() { String::new() } else { e.prefix.clone() };
    declare(&prefix, &e.ns, scope, &mut decls);
    for a in &e.attrs {
        if !a.ns.is_empty() && a.prefix != "xml" {
            let p = if a.prefix.is_empty() { "ns".to_string() } else { a.prefix.clone() };
            declare(&p, &a.ns, scope, &mut decls);
        }
    }
    out.push('<');
    out.push_str(&qname(&prefix, &e.local));
    for (p, u) in &decls {
        out.push(' ');
        out.push_str(&if p.is_empty() { "xmlns".to_string() } else { format!("xmlns:{p}") });
        out.push_str("=\"");
        escape_attr(u, out);
        out.push('"');
    }
    for a in &e.attrs {
        out.push(' ');
        let p = if a.ns.is_empty() {
            ""
        } else if a.prefix.is_empty() {
            "ns"
        } else {
            &a.prefix
        };
        out.push_str(&qname(p, &a.local));
        out.push_str("=\"");
        escape_attr(&a.value, out);
        out.push('"');
    }
    if e.children.is_empty() {
        out.push_str("/>");
    } else {
        out.push('>');
        for n in &e.children {
            match n {
                Node::Text(t) => escape_text(t, out),
                Node::Element(c) => write_rec(c, out, scope),
            }
        }
        out.push_str("</");
        out.push_str(&qname(&prefix, &e.local));
        out.push('>');
    }
    scope.truncate(mark);
}
