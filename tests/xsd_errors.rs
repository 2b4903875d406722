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
