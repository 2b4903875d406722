//! The schema engine on a small test table: content models, wildcards, attributes, values,
//! IDs, error recovery.

use mile::diag::Diagnostic;
use mile::schema::model::Builtin::{DateTime, Id, IdRef, NmToken};
use mile::schema::model::*;
use mile::schema::{Engine, Schema};
use mile::xml::{Event, Limits, Reader};

const NS: &str = "urn:test";
const fn t(n: &'static str) -> QRef {
    q(NS, n)
}

static TABLE: Table = Table {
    id: "test",
    namespace: NS,
    prefix: "t",
    title: "test",
    elements: &[
        element(
            "Root",
            "T-root",
            Content::Elements(seq(&[
                one(t("A")),
                opt(t("B")),
                choice(&[one(t("C")), one(t("D"))]).times(0, None),
                many(t("Ext")),
            ])),
            &[
                required("kind", st(t("kind-type"))),
                optional("ext-kind", xs(Builtin::String)),
                optional("v", xs(Builtin::String)).fixed("1"),
            ],
        ),
        element_simple("A", "T-a", xs(DateTime)),
        element("B", "T-b", Content::Empty, &[optional("id", xs(Id))]),
        element("C", "T-c", Content::Mixed(many(t("B"))), &[optional("ref", xs(IdRef))]),
        element_simple("D", "T-d", st(t("port"))),
        element("Ext", "T-ext", Content::Mixed(any(NsConstraint::Any, Process::Lax, 0, None)), &[]),
    ],
    complex_types: &[],
    simple_types: &[
        enumeration("kind-type", "T-kind", NmToken, &["x", "y", "ext-value"]),
        pattern("port", "T-port", Builtin::String, r"\d+(-\d+)?"),
    ],
    attributes: &[],
    datatypes: &[(DateTime, "T-datetime")],
    ext_value: Some(ExtValueRule { missing_ext: "T-ext-missing", stray_ext: "T-ext-stray" }),
};

fn check(doc: &str) -> Vec<String> {
    let schema = Schema::compile(&[&TABLE]).expect("test table compiles");
    let mut r = Reader::new(doc.as_bytes(), Limits::default()).expect("reader");
    let mut e = Engine::new(&schema, r.namespaces());
    loop {
        r.advance_event().expect("well-formed");
        match r.event() {
            Event::Start(tag) => e.start(&tag, r.namespaces_ref()),
            Event::Text(tx) => e.text(&tx),
            Event::End(end) => e.end(end.pos),
            Event::Eof => break,
        }
    }
    e.finish();
    e.diags.iter().filter(|d| d.severity != mile::diag::Severity::Note).map(fmt).collect()
}

fn fmt(d: &Diagnostic) -> String {
    format!("{}:{} {} {} {}", d.pos.line, d.pos.col, d.requirement.id, d.path, d.message())
}

#[test]
fn valid_document() {
    let doc = r#"<Root xmlns="urn:test" kind="x" v="1"><A>2020-01-01T00:00:00Z</A><B id="b1"/><C ref="b1">text<B/></C><D>80-90</D><Ext>any <f:z xmlns:f="urn:f"><B/></f:z></Ext></Root>"#;
    assert_eq!(check(doc), Vec::<String>::new());
}

#[test]
fn content_model_errors() {
    let doc = r#"<Root xmlns="urn:test" kind="x"><B/><A>2020-01-01T00:00:00Z</A><Q/></Root>"#;
    assert_eq!(
        check(doc),
        vec![
            "1:33 T-root /Root <B> comes too early: <A> must come before it",
            "1:64 T-root /Root unexpected element <Q>; expected <C>, <D>, <Ext> or the end of the element",
        ]
    );
}

#[test]
fn values_and_attributes() {
    let doc = r#"<Root xmlns="urn:test" kind="ext-value" v="2" w="3"><A> 2020-13-01T00:00:00Z </A><D>8a</D></Root>"#;
    let got = check(doc);
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(got[0].contains("T-root") && got[0].contains("must be \"1\""), "{got:#?}");
    assert!(got[1].contains("attribute w is not allowed"), "{got:#?}");
    assert!(got[2].contains("T-ext-missing"), "{got:#?}");
    assert!(got[4].contains("T-port") && got[4].contains("8a"), "{got:#?}");
}

#[test]
fn ids_and_text() {
    let doc = r#"<Root xmlns="urn:test" kind="y" ext-kind="z"><A>2020-01-01T00:00:00Z</A><B id="a"/><C ref="nope"/><C><B id="a"/></C></Root>"#;
    let got = check(doc);
    assert!(got.iter().any(|g| g.contains("T-ext-stray")), "{got:#?}");
    assert!(got.iter().any(|g| g.contains("used again")), "{got:#?}");
    assert!(got.iter().any(|g| g.contains("names no ID")), "{got:#?}");
    let doc = r#"<Root xmlns="urn:test" kind="x"><A>2020-01-01T00:00:00Z</A><B> </B>stray</Root>"#;
    let got = check(doc);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].contains("not allowed in <B>") && got[1].contains("\"stray\" is not allowed in <Root>"), "{got:#?}");
}

#[test]
fn lax_wildcard_validates_known_children() {
    let doc = r#"<Root xmlns="urn:test" kind="x"><A>2020-01-01T00:00:00Z</A><Ext><f:z xmlns:f="urn:f"><B bad="1"/></f:z></Ext></Root>"#;
    let got = check(doc);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].contains("/Root/Ext[1]/f:z[1]/B[1]") && got[0].contains("attribute bad"), "{got:#?}");
}

static NULLABLE: Table = Table {
    id: "nullable",
    namespace: NS,
    prefix: "t",
    title: "nullable repeated choice",
    elements: &[
        // (X* | Y*)+ : one or more repetitions of a choice whose branches may be empty.
        element("R", "T-r", Content::Elements(choice(&[many(t("X")), many(t("Y"))]).times(1, None)), &[]),
        element("X", "T-x", Content::Empty, &[]),
        element("Y", "T-y", Content::Empty, &[]),
    ],
    complex_types: &[],
    simple_types: &[],
    attributes: &[],
    datatypes: &[],
    ext_value: None,
};

#[test]
fn repeated_nullable_choice_is_deterministic() {
    let schema = Schema::compile(&[&NULLABLE]).expect("(X*|Y*)+ compiles as (X|Y)*");
    for (doc, errors) in
        [("<R xmlns='urn:test'/>", 0), ("<R xmlns='urn:test'><X/><Y/><X/></R>", 0), ("<R xmlns='urn:test'><Z/></R>", 1)]
    {
        let mut r = Reader::new(doc.as_bytes(), Limits::default()).expect("reader");
        let mut e = Engine::new(&schema, r.namespaces());
        loop {
            r.advance_event().expect("well-formed");
            match r.event() {
                Event::Start(tag) => e.start(&tag, r.namespaces_ref()),
                Event::Text(tx) => e.text(&tx),
                Event::End(end) => e.end(end.pos),
                Event::Eof => break,
            }
        }
        assert_eq!(e.diags.len(), errors, "{doc}: {:?}", e.diags);
    }
}
