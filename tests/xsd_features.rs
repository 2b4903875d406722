//! Constructs of the XSD loader's subset that the IETF schemas do not use (xs:all, includes,
//! restriction of complex types, lists, white-space, groups, attribute groups, fixed values,
//! wildcards): `tests/xsd/features/features.xsd` and one document per rule, named
//! `valid-*.xml` or `invalid-*.xml`. Their roots are in the schema's own namespace, so they are
//! driven through the engine directly. When xmllint is installed it must agree.

use mile::diag::Severity;
use mile::schema::{Engine, Schema, xsd};
use mile::xml::{Event, Limits, Reader};
use std::path::{Path, PathBuf};
use std::process::Command;

fn errors(schema: &Schema, path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("document");
    let mut reader = match Reader::new(&bytes[..], Limits::default()) {
        Ok(r) => r,
        Err(e) => return vec![e.kind.to_string()],
    };
    let mut engine = Engine::new(schema, reader.namespaces());
    loop {
        if let Err(e) = reader.advance_event() {
            return vec![e.kind.to_string()];
        }
        let nss = reader.namespaces_ref();
        match reader.event() {
            Event::Start(tag) => engine.start(&tag, nss),
            Event::Text(t) => engine.text(&t),
            Event::End(e) => engine.end(e.pos),
            Event::Eof => break,
        }
    }
    engine.finish();
    engine
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{} {}", d.pos.line, d.pos.col, d.kind))
        .collect()
}

fn xmllint_valid(schema: &Path, doc: &Path) -> Option<bool> {
    let out = Command::new("xmllint").args(["--noout", "--nonet", "--schema"]).arg(schema).arg(doc).output().ok()?;
    match out.status.code() {
        Some(0) => Some(true),
        Some(3) => Some(false),
        _ => panic!("xmllint cannot judge {}: {}", doc.display(), String::from_utf8_lossy(&out.stderr)),
    }
}

#[test]
fn features_beyond_the_ietf_subset() {
    let dir = Path::new("tests/xsd/features");
    let schema_path = dir.join("features.xsd");
    let loaded = xsd::load(&schema_path, None).expect("features.xsd compiles");
    let schema = xsd::compile_deep(&loaded.all_tables()).expect("compiles");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 15);
    let mut wrong = Vec::new();
    let mut oracle = 0;
    for d in &docs {
        let name = d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let want_valid = name.starts_with("valid-");
        let found = errors(&schema, d);
        if found.is_empty() != want_valid {
            wrong.push(format!(
                "{name}: expected {}, mile found {found:?}",
                if want_valid { "valid" } else { "invalid" }
            ));
        }
        // Each invalid document breaks one rule, on one line (an unexpected group occurrence
        // is one error per element of it).
        let lines: std::collections::BTreeSet<&str> = found.iter().filter_map(|f| f.split(':').next()).collect();
        if !want_valid && lines.len() != 1 {
            wrong.push(format!("{name}: errors on one line expected, found {found:?}"));
        }
        if let Some(x) = xmllint_valid(&schema_path, d) {
            oracle += 1;
            if x != want_valid {
                wrong.push(format!("{name}: xmllint says {}", if x { "valid" } else { "invalid" }));
            }
        }
    }
    eprintln!("{} feature documents, {oracle} also judged by xmllint", docs.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
