//! Unit-level behaviour of the safe reader.

use mile::xml::{Event, Limits, Reader, XmlErrorKind};

fn run(input: &[u8]) -> Result<Vec<String>, String> {
    run_with(input, Limits::default())
}

fn run_with(input: &[u8], limits: Limits) -> Result<Vec<String>, String> {
    let mut r = Reader::new(input, limits).map_err(|e| format!("{e} [{}]", e.kind.constraint()))?;
    let mut out = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(s)) => {
                let attrs: Vec<String> = s
                    .attributes()
                    .map(|a| format!("{}={:?}@{}:{}", a.qname, a.value, a.pos().line, a.pos().col))
                    .collect();
                out.push(format!(
                    "start {} ns={} {}:{} [{}]{}",
                    s.qname,
                    r_ns(&s),
                    s.pos.line,
                    s.pos.col,
                    attrs.join(" "),
                    if s.empty { " empty" } else { "" }
                ));
            }
            Ok(Event::End(e)) => out.push(format!("end {} {}:{}", e.qname, e.pos.line, e.pos.col)),
            Ok(Event::Text(t)) => out.push(format!(
                "text {:?} {}:{}{}",
                t.text,
                t.pos.line,
                t.pos.col,
                if t.cdata { " cdata" } else { "" }
            )),
            Ok(Event::Eof) => return Ok(out),
            Err(e) => return Err(format!("{e}")),
        }
    }
}

/// Each document fails with an error that contains the text given.
fn assert_each_fails(cases: &[(&[u8], &str)]) {
    for (doc, want) in cases {
        let got = run(doc).expect_err(&format!("{:?} should fail", String::from_utf8_lossy(doc)));
        assert!(got.contains(want), "{:?}: got {got}, want {want}", String::from_utf8_lossy(doc));
    }
}

fn r_ns(s: &mile::xml::StartTag<'_>) -> u32 {
    s.ns.0
}

#[test]
fn positions_and_events() {
    let doc = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a xmlns=\"urn:x\" b='1 &amp;\n2'>\n  <c/>t&#x41;<![CDATA[<z>]]></a>\n";
    let ev = run(doc).expect("should succeed");
    assert_eq!(
        ev,
        vec![
            "start a ns=3 2:1 [xmlns=\"urn:x\"@2:4 b=\"1 & 2\"@2:18]",
            "text \"\\n  \" 3:4",
            "start c ns=3 4:3 [] empty",
            "end c 4:3",
            "text \"t\" 4:7",
            "text \"A\" 4:8",
            "text \"<z>\" 4:14 cdata",
            "end a 4:29",
        ]
    );
}

#[test]
fn malformed_examples() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "no root element"),
        (b"<a/><b/>", "second root"),
        (b"x<a/>", "outside the root"),
        (b"<a>", "never closed"),
        (b"<a></b>", "does not match"),
        (b"<a>\x01</a>", "U+0001"),
        (b"<a><!-- a -- b --></a>", "'--'"),
        (b"<1a/>", "not a valid XML name"),
        (b" <?xml version=\"1.0\"?><a/>", "very first"),
        (b"<p:a/>", "not declared"),
        (b"<a>&foo;</a>", "predefined"),
        (b"<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "document type"),
        (b"<a b=\"<\"/>", "'<'"),
        (b"<a b=\"1\"c=\"2\"/>", "white space"),
        (b"<a b=\"1\" b=\"2\"/>", "twice"),
        (b"<a xmlns:p=\"u\" xmlns:q=\"u\" p:x=\"1\" q:x=\"2\"/>", "same namespace"),
        (b"<a xmlns:p=\"\"/>", "undeclare"),
        (b"<a>]]></a>", "']]>'"),
        (b"<a>\xff</a>", "valid character"),
        (b"<a>&#0;</a>", "character reference"),
        (b"<a>a & b</a>", "well-formed reference"),
    ];
    assert_each_fails(cases);
}

#[test]
fn limits() {
    let deep = "<a>".repeat(300) + &"</a>".repeat(300);
    let e = run(deep.as_bytes()).expect_err("should fail");
    assert!(e.contains("deeper than the limit of 256"), "{e}");
    let big = format!("<a b=\"{}\"/>", "x".repeat(2 << 20));
    let e = run(big.as_bytes()).expect_err("should fail");
    assert!(e.contains("attribute value longer"), "{e}");
    let lim = Limits { max_document_size: 100, ..Limits::default() };
    let doc = format!("<a>{}</a>", "x".repeat(200_000));
    let e = run_with(doc.as_bytes(), lim).expect_err("should fail");
    assert!(e.contains("larger than the limit"), "{e}");
    let _ = XmlErrorKind::NoRootElement;
}

#[test]
fn utf16() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>é😀</a>";
    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let ev = run(&le).expect("should succeed");
    assert_eq!(ev[1], "text \"é😀\" 2:4");
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(run(&be).expect("should succeed"), ev);
}

fn strip(e: &mut mile::xml::tree::Element) {
    e.pos = Default::default();
    e.ns_decls.clear();
    // Whitespace-only text is layout.
    e.children.retain(|n| !matches!(n, mile::xml::tree::Node::Text(t) if t.trim().is_empty()));
    for n in &mut e.children {
        if let mile::xml::tree::Node::Element(c) = n {
            strip(c);
        }
    }
}

#[test]
fn tree_round_trip_over_the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/iodef-2.0/valid");
    let mut n = 0;
    for f in std::fs::read_dir(dir).expect("corpus").flatten() {
        let bytes = std::fs::read(f.path()).expect("read");
        let mut a = mile::xml::tree::parse(&bytes[..], Limits::default()).expect("parses");
        let text = mile::xml::writer::to_document(&a);
        let mut b = mile::xml::tree::parse(text.as_bytes(), Limits::default()).expect("written form parses");
        strip(&mut a);
        strip(&mut b);
        assert_eq!(a, b, "{}", f.path().display());
        // The written document validates like the original.
        let r1 = mile::validate::validate_file(&f.path(), &Default::default());
        let r2 = mile::validate::validate_reader("rt", text.as_bytes(), &Default::default());
        assert_eq!(r1.verdict(), r2.verdict(), "{}: {:?}", f.path().display(), r2.error_requirements());
        n += 1;
    }
    assert!(n >= 20);
}

/// Namespaces beyond the ones found by a scan (a document may declare any number) resolve like
/// the first ones, and a URI declared twice has one id.
#[test]
fn many_namespaces_resolve() {
    let n = 100;
    let mut doc = String::from("<root");
    for i in 0..n {
        doc.push_str(&format!(" xmlns:p{i}=\"urn:example:ns:{i}\""));
    }
    doc.push_str(" xmlns:again=\"urn:example:ns:77\">");
    for i in 0..n {
        doc.push_str(&format!("<p{i}:e/>"));
    }
    doc.push_str("<again:e/></root>");
    let mut r = Reader::new(doc.as_bytes(), Limits::default()).expect("reader");
    let mut seen = Vec::new();
    loop {
        r.advance_event().expect("well-formed");
        match r.event() {
            Event::Start(s) if s.local == "e" => {
                seen.push((s.prefix.to_string(), s.ns, r.namespaces_ref().uri(s.ns).to_string()))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(seen.len(), n + 1);
    for (i, (prefix, _, uri)) in seen.iter().take(n).enumerate() {
        assert_eq!(prefix, &format!("p{i}"));
        assert_eq!(uri, &format!("urn:example:ns:{i}"));
    }
    assert_eq!(seen[n].1, seen[77].1, "one URI, one id (beyond the scanned ones)");
    let ids: std::collections::BTreeSet<u32> = seen.iter().take(n).map(|s| s.1.0).collect();
    assert_eq!(ids.len(), n, "distinct URIs, distinct ids");
}

/// Where tokens end, and the errors of those that do not, with their positions; tokens that
/// cross the reader's buffer boundaries read as they would in one piece.
#[test]
fn token_ends_and_their_errors() {
    // A `>` or `/>` inside a quoted value does not end the tag; white space ends an end tag's name.
    let ev = run(b"<a b=\">\" c='/>'>t</a >").expect("well-formed");
    assert_eq!(ev, vec!["start a ns=0 1:1 [b=\">\"@1:4 c=\"/>\"@1:10]", "text \"t\" 1:17", "end a 1:18"]);
    let ev = run(b"<a><b x=\"1\"/>&lt;&#x41;z</a>").expect("well-formed");
    assert_eq!(
        ev,
        vec![
            "start a ns=0 1:1 []",
            "start b ns=0 1:4 [x=\"1\"@1:7] empty",
            "end b 1:4",
            "text \"<\" 1:14",
            "text \"A\" 1:18",
            "text \"z\" 1:24",
            "end a 1:25",
        ]
    );
    let cases: &[(&[u8], &str)] = &[
        (b"<a/></a>", "1:5: end tag </a> without a matching start tag"),
        (b"<a b=\"x>", "1:1: end of input inside an attribute value"),
        (b"<a>\n  <b", "2:3: end of input inside a tag"),
        (b"<a><", "1:4: end of input inside a tag"),
        (b"<a>x &amp y</a>", "1:6: "),
        (b"<a>x &amp<b/></a>", "1:6: "),
        (b"<a>x &amp", "1:6: "),
        // A fault inside an unterminated tag comes first.
        (b"<a>\n<b c=\"\x01", "2:7: character U+0001 is not allowed"),
        // Characters that are not allowed, at their own column.
        (b"<a>\n\x01</a>", "2:1: character U+0001 is not allowed"),
        (b"<a>\n\xef\xbf\xbe</a>", "2:1: character U+FFFE is not allowed"),
        (b"<a>\n\xc3\xa9\x02</a>", "2:2: character U+0002 is not allowed"),
        // Bytes that are not UTF-8, at the first of them: in text, cut short by markup or by
        // the end of the input, and in a tag that is never closed.
        (b"<a>\n<b>x\xe2\x82</b></a>", "2:5: bytes that do not form a valid character"),
        (b"<a>x</a>\n\xe2\x82", "2:1: bytes that do not form a valid character"),
        (b"<a>\n  <b c=\"\xc3(", "2:9: bytes that do not form a valid character"),
        // A token that ends before such bytes is read as usual (its error comes first).
        (b"<?xml version=\"2.0\"?>\xc3\n<a/>", "1:1: malformed XML declaration"),
    ];
    assert_each_fails(cases);
    // Across buffer boundaries (the first read is 4 KiB): a long start tag, long text, and a
    // reference split anywhere, with the positions after them.
    let long_attr = "v".repeat(10_000);
    let long_text = "w\n".repeat(50_000);
    for pad in 4090..4100 {
        let doc = format!("<a{} x=\"{long_attr}\">{long_text}&amp;<b/></a>", " ".repeat(pad));
        let ev = run(doc.as_bytes()).expect("well-formed");
        assert_eq!(ev.len(), 6, "{pad}");
        assert_eq!(ev[2], "text \"&\" 50001:1", "{pad}");
        assert_eq!(ev[3], "start b ns=0 50001:6 [] empty", "{pad}");
    }
    // A run of text longer than every limit is stopped while it is read.
    let lim = Limits { max_text_len: 100, max_attr_len: 100, ..Limits::default() };
    let doc = format!("<a>{}</a>", "x".repeat(1 << 20));
    let e = run_with(doc.as_bytes(), lim).expect_err("should fail");
    assert!(e.starts_with("1:4: ") && e.contains("longer than"), "{e}");
}
