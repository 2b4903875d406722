//! The XSD loader's diagnostics for broken schemas (`tests/xsd/broken/`), one snapshot each, and
//! for the two published schemas that do not compile as printed in their RFC (RFC 7203, RFC
//! 5901; their copies are in the shared spec folder's `variants/`).

use mile::schema::xsd::{self, Catalog};
use std::path::{Path, PathBuf};

fn render(path: &Path, catalog: Option<&Catalog>) -> String {
    match xsd::load(path, catalog) {
        Ok(l) => format!("compiles: {}\n", l.tables.iter().map(|t| t.namespace).collect::<Vec<_>>().join(", ")),
        Err(errors) => errors.iter().map(|e| format!("{e}\n")).collect(),
    }
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

#[test]
fn broken_schemas_are_reported_like_libxml2_does() {
    // Paths relative to the package root (the tests' working directory) keep snapshots stable.
    let dir = Path::new("tests/xsd/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/xsd/broken")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xsd"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "only {} broken schemas", files.len());
    let _guard = settings().bind_to_scope();
    for f in &files {
        let text = render(f, None);
        assert!(!text.starts_with("compiles"), "{} compiles, but is meant to be broken", f.display());
        let name = format!("xsd__{}", f.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default());
        insta::assert_snapshot!(name, text);
    }
}

fn spec_dir() -> Option<PathBuf> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec");
    [beside, PathBuf::from("/work/shared/spec")].into_iter().find(|p| p.join("variants").is_dir())
}

#[test]
fn published_schemas_that_do_not_compile_as_printed() {
    let Some(spec) = spec_dir() else {
        eprintln!("SKIPPED: ../shared/spec is absent");
        return;
    };
    let catalog = Catalog::load(&spec.join("catalog.xml")).expect("catalog.xml");
    let _guard = settings().bind_to_scope();
    for (name, file) in [
        ("xsd__rfc7203-sci-as-printed", "variants/iodef-sci-1.0.rfc7203-as-printed.xsd"),
        ("xsd__rfc5901-phish-as-printed", "variants/iodef-phish-1.0.rfc5901-as-printed.xsd"),
    ] {
        let text = render(&spec.join(file), Some(&catalog)).replace(&spec.display().to_string(), "<spec>");
        assert!(text.contains("known defect"), "{file}: {text}");
        insta::assert_snapshot!(name, text);
    }
    // With the fixes SOURCES.md describes, both compile.
    for file in ["iodef-sci-1.0.xsd", "iodef-phish-1.0.xsd"] {
        assert!(xsd::load(&spec.join(file), Some(&catalog)).is_ok(), "{file} compiles");
    }
}

/// Schema text is input too: the official schemas with one construct broken at a time (at
/// several places each) load or fail with diagnostics, never panic.
#[test]
fn mutilated_official_schemas_never_panic() {
    let Some(spec) = spec_dir() else {
        eprintln!("SKIPPED: ../shared/spec is absent");
        return;
    };
    let catalog = Catalog::load(&spec.join("catalog.xml")).expect("catalog.xml");
    let dir = tempfile::tempdir().expect("tempdir");
    let mutations: &[(&str, &str, bool)] = &[
        ("type=\"xs:string\"", "type=\"xs:strng\"", false),
        ("minOccurs=\"0\"", "minOccurs=\"-1\"", false),
        ("maxOccurs=\"unbounded\"", "maxOccurs=\"1\" minOccurs=\"2\"", false),
        ("ref=\"iodef:", "ref=\"nope:", false),
        ("base=\"xs:", "base=\"iodef:", false),
        ("<xs:enumeration value=\"", "<xs:pattern value=\"[", false),
        ("name=\"", "name=\"x", false),
        ("use=\"required\"", "use=\"sometimes\"", false),
        ("xs:sequence", "xs:choice", true),
        ("xs:extension", "xs:restriction", true),
        ("xs:complexType", "xs:simpleType", true),
        ("xs:element", "xs:attribute", true),
    ];
    let mut outcomes = [0u32; 2];
    for file in ["iodef-1.0.xsd", "iodef-2.0.xsd"] {
        let text = std::fs::read_to_string(spec.join(file)).expect("schema text");
        for &(from, to, everywhere) in mutations {
            let hits: Vec<usize> = text.match_indices(from).map(|(i, _)| i).collect();
            let picks: Vec<usize> = if everywhere || hits.is_empty() {
                vec![usize::MAX]
            } else {
                hits.iter().step_by((hits.len() / 6).max(1)).copied().collect()
            };
            for at in picks {
                let mutated = if at == usize::MAX {
                    text.replace(from, to)
                } else {
                    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
                };
                let path = dir.path().join(file);
                std::fs::write(&path, mutated).expect("write");
                let ok = xsd::load(&path, Some(&catalog)).is_ok();
                outcomes[usize::from(ok)] += 1;
            }
        }
    }
    eprintln!("mutated schemas: {} rejected with diagnostics, {} still compile", outcomes[0], outcomes[1]);
    assert!(outcomes[0] > 40, "most mutations break the schema");
}

/// Anonymous types nested as deep as the reader allows (its depth limit bounds the recursion).
#[test]
fn deeply_nested_schema_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let depth = 80; // element + complexType + sequence per level: 240 of the reader's 256
    let mut text = String::from(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:example:deep\">\n",
    );
    for i in 0..depth {
        text.push_str(&format!("<xs:element name=\"E{i}\"><xs:complexType><xs:sequence minOccurs=\"0\">\n"));
    }
    for _ in 0..depth {
        text.push_str("</xs:sequence></xs:complexType></xs:element>\n");
    }
    text.push_str("</xs:schema>\n");
    let path = dir.path().join("deep.xsd");
    std::fs::write(&path, &text).expect("write");
    let loaded = xsd::load(&path, None).expect("a deep schema compiles");
    assert_eq!(loaded.namespace(), "urn:example:deep");
    // One more level is beyond the reader's depth limit: a diagnostic, not a crash.
    let deeper = text.replacen("<xs:element name=\"E0\">", "<xs:element name=\"E0\"><xs:annotation/>", 1).replace(
        "<xs:sequence minOccurs=\"0\">\n</xs:sequence>",
        "<xs:sequence minOccurs=\"0\"><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence><xs:sequence/></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence></xs:sequence>\n</xs:sequence>",
    );
    std::fs::write(&path, &deeper).expect("write");
    let errors = xsd::load(&path, None).expect_err("too deep");
    assert!(errors[0].to_string().contains("not well-formed"), "{}", errors[0]);
}

/// Every broken schema that `mile` calls wrong (not merely unsupported) is wrong for libxml2 too:
/// xmllint refuses to compile it (exit status 5). Skipped when xmllint is not installed.
#[test]
fn broken_schemas_are_broken_for_libxml2_too() {
    // Where libxml2 is more lenient than XML Schema, or a limit is mile's own.
    const LENIENT: &[(&str, &str)] = &[
        (
            "bad-facet-min-over-max.xsd",
            "libxml2 does not check minLength <= maxLength (XML Schema 1.0 Part 2, minLength-less-than-equal-to-maxLength)",
        ),
        ("import-not-found.xsd", "libxml2 warns about an import it cannot load and skips it"),
        ("content-model-too-large.xsd", "a limit of mile's engine, not an error of the schema"),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("doc.xml");
    std::fs::write(&doc, "<R xmlns=\"urn:example:test\"/>").expect("write");
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/xsd/broken")
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xsd"))
        .collect();
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in &files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Err(errors) = xsd::load(f, None) else { continue };
        let ours_only = errors.iter().all(|e| matches!(e.kind, xsd::XsdErrorKind::Unsupported { .. }));
        if ours_only || LENIENT.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let Ok(out) =
            std::process::Command::new("xmllint").args(["--noout", "--nonet", "--schema"]).arg(f).arg(&doc).output()
        else {
            eprintln!("SKIPPED: xmllint is not installed");
            return;
        };
        checked += 1;
        if out.status.code() != Some(5) {
            wrong.push(format!("{name}: xmllint compiles it ({})", String::from_utf8_lossy(&out.stderr)));
        }
    }
    eprintln!("{checked} broken schemas also refused by libxml2");
    assert!(checked >= 15, "only {checked} checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
