//! The XSD loader's agreement test: the official schemas in the shared spec folder, compiled by
//! `mile`'s own loader, must judge every corpus document as our hand-written tables do.
//!
//! Every corpus folder is covered: the core corpora (IODEF 2.0, IODEF 1.0, RID) and the extension
//! corpora (RFC 5901 phishing, RFC 5941 Thraud, RFC 7203 SCI), each extension judged by IODEF 1.0
//! with that extension's schema, or by IODEF 2.0 where a document misuses the extension there.
//!
//! Both sides run the schema engine only (no prose rules): that is what an XSD can express.
//! They must agree on the verdict and on where the errors are.
//! Documents whose manifest records that xmllint (the XSD) differs from `mile` (a prose rule the
//! XSD cannot express, or a libxml2 deviation) are compared with xmllint's verdict instead, the
//! classification `tests/oracle.rs` uses. Any other disagreement must be listed with a reason in
//! `tests/xsd/agreement-exceptions.toml`; a listed exception that agrees again is a failure.

use mile::schema::model::Table;
use mile::schema::xsd::{self, Catalog};
use mile::schema::{Schema, SchemaSets};
use mile::validate::corpus::Manifest;
use mile::validate::{Options, Verdict, validate_file};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn spec_dir() -> Option<PathBuf> {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec");
    [beside, PathBuf::from("/work/shared/spec")].into_iter().find(|p| p.join("iodef-2.0.xsd").is_file())
}

/// Compile the official schemas `files` (with their imports, through the catalog) as one set;
/// the first file's namespace is the set's main one.
fn load(spec: &Path, files: &[&str]) -> Schema {
    let catalog = Catalog::load(&spec.join("catalog.xml")).expect("catalog.xml loads");
    let mut tables: Vec<&'static Table> = Vec::new();
    for file in files {
        let loaded = match xsd::load(&spec.join(file), Some(&catalog)) {
            Ok(l) => l,
            Err(errors) => panic!(
                "{file} does not compile:\n{}",
                errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
            ),
        };
        assert!(
            loaded.builtins.is_empty(),
            "{file}: every import resolves to an official schema, not a built-in table"
        );
        for t in loaded.tables {
            if !tables.iter().any(|x| x.namespace == t.namespace) {
                tables.push(t);
            }
        }
    }
    xsd::compile_deep(&tables).expect("compiles")
}

/// The extensions an IODEF 1.0 document may carry in AdditionalData (RFC 5901, 5941, 7203).
const IODEF1_EXTENSIONS: [&str; 3] = ["iodef-phish-1.0.xsd", "thraud-1.0.xsd", "iodef-sci-1.0.xsd"];

fn official_sets(spec: &Path) -> &'static SchemaSets {
    static S: OnceLock<SchemaSets> = OnceLock::new();
    S.get_or_init(|| SchemaSets {
        // iodef-2.0.xsd imports the SCI and enum schemas itself.
        iodef2: load(spec, &["iodef-2.0.xsd"]),
        iodef1: load(spec, &[&["iodef-1.0.xsd"][..], &IODEF1_EXTENSIONS].concat()),
        rid: load(spec, &[&["iodef-rid-2.0.xsd"][..], &IODEF1_EXTENSIONS].concat()),
    })
}

/// The official schema of an extension corpus folder, as `tests/oracle.rs` gives it to xmllint:
/// the phishing (RFC 5901) and SCI (RFC 7203) schemas as repaired in the shared folder
/// (`SOURCES.md`: an import of IODEF 1.0 added, `xsd:` prefixes added; the as-printed files in
/// `variants/` do not compile, which the loader reports on purpose).
fn extension_schema(folder: &str) -> Option<&'static str> {
    match folder {
        "iodef-phish-1.0" => Some("iodef-phish-1.0.xsd"),
        "thraud-1.0" => Some("thraud-1.0.xsd"),
        "iodef-sci-1.0" => Some("iodef-sci-1.0.xsd"),
        _ => None,
    }
}

/// The sets for an extension corpus folder: IODEF 1.0 with that extension alone (what xmllint
/// is given), and IODEF 2.0 for the documents that misuse the extension in an IODEF 2.0 document.
fn extension_sets(spec: &Path, folder: &str) -> Option<&'static SchemaSets> {
    static S: [OnceLock<SchemaSets>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let schema = extension_schema(folder)?;
    let k = IODEF1_EXTENSIONS.iter().position(|x| *x == schema)?;
    Some(S[k].get_or_init(|| SchemaSets {
        iodef2: load(spec, &["iodef-2.0.xsd"]),
        iodef1: load(spec, &["iodef-1.0.xsd", schema]),
        rid: load(spec, &["iodef-rid-2.0.xsd", schema]),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exceptions {
    #[serde(default)]
    exception: Vec<Exception>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exception {
    spec: String,
    file: String,
    loader: String,
    reason: String,
}

/// The error findings of a report: position and message.
fn errors(r: &mile::validate::Report) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == mile::diag::Severity::Error)
        .map(|d| format!("{}:{} {}", d.pos.line, d.pos.col, d.kind))
        .collect()
}

/// Where the schema errors of a report are (line, column), without the `ext-value` coupling
/// of RFC 7970 §5.1.1 / RFC 5070 §5.1, which no XSD expresses.
fn places(r: &mile::validate::Report) -> Vec<(u32, u32)> {
    use mile::diag::Kind;
    r.diagnostics
        .iter()
        .filter(|d| d.severity == mile::diag::Severity::Error)
        .filter(|d| !matches!(d.kind, Kind::ExtValueWithoutExt { .. } | Kind::ExtWithoutExtValue { .. }))
        .map(|d| (d.pos.line, d.pos.col))
        .collect()
}

fn verdict(v: Verdict) -> &'static str {
    if v == Verdict::Valid { "valid" } else { "invalid" }
}

#[test]
fn official_schemas_agree_with_tables_on_the_corpus() {
    let Some(spec) = spec_dir() else {
        eprintln!("SKIPPED: ../shared/spec is absent, so the official schemas cannot be loaded");
        return;
    };
    let sets = official_sets(&spec);
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xsd/agreement-exceptions.toml"))
        .expect("tests/xsd/agreement-exceptions.toml");
    let exceptions: Exceptions = toml::from_str(&text).expect("exceptions toml");
    let mut used = vec![false; exceptions.exception.len()];
    let manifests = Manifest::load_all(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))).expect("manifests");
    let mut wrong = Vec::new();
    let mut numbers: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    for m in &manifests {
        // The core corpora (one document kind each) and the extension corpora.
        let sets = match m.kind() {
            Some(_) => sets,
            None => match extension_sets(&spec, &m.spec) {
                Some(s) => s,
                None => {
                    wrong.push(format!("{}: a corpus folder without an official schema to compare with", m.spec));
                    continue;
                }
            },
        };
        for e in &m.entries {
            let path = m.dir.join(&e.file);
            let base = Options { expect: m.kind(), schema_only: true, ..Options::default() };
            let by_tables = validate_file(&path, &base);
            let tables = verdict(by_tables.verdict());
            let report = validate_file(&path, &Options { schemas: Some(sets), ..base });
            let loader = verdict(report.verdict());
            // Where the RFC prose is stricter than the XSD, the loader must say what the XSD
            // says (xmllint's verdict)... unless the finding comes before the schema (reader
            // policy, the root element's kind): then both runs report exactly the same errors.
            // A libxml2 deviation is libxml2's, not the XSD's: the tables are the reference.
            let prose = e.xmllint_reason.as_deref().is_some_and(|r| r.starts_with("RFC prose stricter than the XSD"));
            let (want, against) = if prose { (e.oracle_verdict(), "xmllint") } else { (tables, "the tables") };
            let same_findings = errors(&report) == errors(&by_tables);
            // Beyond the verdict: the same errors at the same places (the ext-value coupling
            // is a prose rule the engine checks for the tables only).
            let same_places = places(&report) == places(&by_tables);
            let n = numbers.entry(m.spec.clone()).or_default();
            if (loader == want && (prose || same_places)) || (prose && loader == tables && same_findings) {
                n[0] += 1;
                n[3] += u32::from(prose);
                if let Some(k) = exceptions.exception.iter().position(|x| x.spec == m.spec && x.file == e.file) {
                    used[k] = true;
                    wrong.push(format!("{}/{}: listed as an exception but agrees now", m.spec, e.file));
                }
                continue;
            }
            match exceptions.exception.iter().position(|x| x.spec == m.spec && x.file == e.file && x.loader == loader) {
                Some(k) => {
                    used[k] = true;
                    n[1] += 1;
                }
                None => {
                    n[2] += 1;
                    let findings: Vec<String> = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == mile::diag::Severity::Error)
                        .map(|d| format!("    {}:{} {}", d.pos.line, d.pos.col, d.kind))
                        .collect();
                    let what = if loader == want { "the same verdict but errors elsewhere" } else { loader };
                    wrong.push(format!(
                        "{}/{}: the official schemas say {what}, {against} say {want}\n  loader:\n{}\n  tables: {:?}",
                        m.spec,
                        e.file,
                        findings.join("\n"),
                        places(&by_tables)
                    ));
                }
            }
        }
    }
    for (k, x) in exceptions.exception.iter().enumerate() {
        if !used[k] {
            wrong.push(format!("{}/{}: exception not used (no such document?)", x.spec, x.file));
        }
        if x.reason.trim().is_empty() {
            wrong.push(format!("{}/{}: exception without a reason", x.spec, x.file));
        }
    }
    for (spec, [agree, listed, differ, prose]) in &numbers {
        eprintln!(
            "XSD loader vs tables, {spec}: {agree} agree ({} on verdict and error positions with the tables, {prose} \
             where RFC prose is stricter than the XSD on xmllint's verdict), {listed} differ as recorded, {differ} \
             differ unexplained",
            agree - prose
        );
    }
    assert!(wrong.is_empty(), "{} disagreements:\n{}", wrong.len(), wrong.join("\n"));
}

/// A user extension schema (`tests/xsd/user-ext/acme-ext.xsd`) imports IODEF 2.0 without a
/// location, derives from an IODEF type and uses groups, attribute groups, facets: documents
/// carrying it in AdditionalData are validated through it, and only with it.
#[test]
fn user_extension_schema_validates_additional_data() {
    let dir = Path::new("tests/xsd/user-ext");
    let loaded = xsd::load_extension(&dir.join("acme-ext.xsd"), None).expect("acme-ext.xsd compiles");
    assert_eq!(loaded.namespace(), "urn:example:acme-ext-1.0");
    assert_eq!(loaded.builtins.first().map(|t| t.id), Some("iodef-2.0"), "IODEF 2.0 comes from the built-in tables");
    let sets: &'static SchemaSets = Box::leak(Box::new(SchemaSets::extended(&[loaded]).expect("extends")));
    let with = Options { schemas: Some(sets), ..Options::default() };
    let valid = validate_file(&dir.join("valid.xml"), &with);
    assert_eq!(valid.verdict(), Verdict::Valid, "{:#?}", valid.diagnostics);
    let invalid = validate_file(&dir.join("invalid.xml"), &with);
    let cited = invalid.error_requirements();
    assert_eq!(invalid.verdict(), Verdict::Invalid);
    assert!(cited.iter().all(|id| id.starts_with("XSD:acme-ext.xsd:")), "{cited:?}");
    assert_eq!(invalid.diagnostics.iter().filter(|d| d.severity == mile::diag::Severity::Error).count(), 5);
    // Without the schema the extension is skipped (a note says so), so the same document passes.
    let without = validate_file(&dir.join("invalid.xml"), &Options::default());
    assert_eq!(without.verdict(), Verdict::Valid);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _guard = settings.bind_to_scope();
    let input = mile::validate::Input::File(dir.join("invalid.xml"));
    let lines = mile::validate::source_lines(&input, &invalid);
    let text = mile::diag::render_human("tests/xsd/user-ext/invalid.xml", &invalid.diagnostics, &lines, false);
    insta::assert_snapshot!("xsd__user-ext-invalid", text);
}

/// `mile validate --schema`: a schema error is exit code 2 with the diagnostics on stderr; an
/// extension error in a document is exit code 1.
#[test]
fn validate_command_with_schema() {
    let mile = env!("CARGO_BIN_EXE_mile");
    let out = std::process::Command::new(mile)
        .args(["validate", "--schema", "tests/xsd/broken/redefine.xsd", "tests/xsd/user-ext/valid.xml"])
        .output()
        .expect("mile runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("tests/xsd/broken/redefine.xsd:3:3: redefine: xs:redefine is not supported"), "{stderr}");
    let out = std::process::Command::new(mile)
        .args(["validate", "--format", "short", "--schema", "tests/xsd/user-ext/acme-ext.xsd"])
        .args(["tests/xsd/user-ext/valid.xml", "tests/xsd/user-ext/invalid.xml"])
        .output()
        .expect("mile runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("2 documents: 1 valid, 1 invalid"), "{stdout}");
    // An extension element as a document's root: not an IODEF document, and a note says so.
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("root.xml");
    std::fs::write(
        &root,
        "<acme:MalwareFamily xmlns:acme=\"urn:example:acme-ext-1.0\" confidence=\"low\"><acme:Name>x</acme:Name>\
         <acme:Reference>https://example.org/</acme:Reference></acme:MalwareFamily>",
    )
    .expect("write");
    let out = std::process::Command::new(mile)
        .args(["validate", "--color", "never", "--schema", "tests/xsd/user-ext/acme-ext.xsd"])
        .arg(&root)
        .output()
        .expect("mile runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("MalwareFamily is declared by a schema given with --schema"), "{stdout}");
    // Without documents, --schema only checks that the schema compiles.
    let out = std::process::Command::new(mile)
        .args(["validate", "--schema", "tests/xsd/user-ext/acme-ext.xsd"])
        .output()
        .expect("mile runs");
    assert_eq!(out.status.code(), Some(0));
}

/// The same extension importing IODEF 2.0 from its IANA location: as an extension, the built-in
/// tables stand in (no file is read); loaded as an official schema with the catalog, the IODEF
/// 2.0 schema file is compiled too. Both judge the documents alike.
#[test]
fn extension_importing_iodef_by_location() {
    let text = std::fs::read_to_string("tests/xsd/user-ext/acme-ext.xsd").expect("acme-ext.xsd");
    let located = text.replace(
        "<xs:import namespace=\"urn:ietf:params:xml:ns:iodef-2.0\"/>",
        "<xs:import namespace=\"urn:ietf:params:xml:ns:iodef-2.0\"\n    schemaLocation=\"http://www.iana.org/assignments/xml-registry/schema/iodef-2.0.xsd\"/>",
    );
    assert_ne!(text, located);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("acme-ext.xsd");
    std::fs::write(&path, located).expect("write");
    let as_extension = xsd::load_extension(&path, None).expect("compiles on the built-in tables");
    assert_eq!(as_extension.tables.len(), 1, "only the extension's own namespace is loaded");
    let mut variants = vec![as_extension];
    if let Some(spec) = spec_dir() {
        let catalog = Catalog::load(&spec.join("catalog.xml")).expect("catalog");
        let official = xsd::load(&path, Some(&catalog)).expect("compiles with the official IODEF 2.0 schema");
        assert!(official.tables.iter().any(|t| t.namespace == "urn:ietf:params:xml:ns:iodef-2.0"));
        variants.push(official);
    }
    for loaded in variants {
        let sets: &'static SchemaSets = Box::leak(Box::new(SchemaSets::extended(&[loaded]).expect("extends")));
        let opts = Options { schemas: Some(sets), ..Options::default() };
        let dir = Path::new("tests/xsd/user-ext");
        assert_eq!(validate_file(&dir.join("valid.xml"), &opts).verdict(), Verdict::Valid);
        let invalid = validate_file(&dir.join("invalid.xml"), &opts);
        assert_eq!(invalid.diagnostics.iter().filter(|d| d.severity == mile::diag::Severity::Error).count(), 5);
    }
}

#[derive(Deserialize)]
struct Samples {
    sample: Vec<Sample>,
}

#[derive(Deserialize)]
struct Sample {
    file: String,
    xmllint: String,
    #[serde(default)]
    reason: Option<String>,
}

/// The third-party samples (`corpus/third-party-samples.toml`): the official schemas compiled by
/// the loader give xmllint's recorded verdict, and the same errors as the tables.
#[test]
fn official_schemas_agree_on_third_party_samples() {
    let Some(spec) = spec_dir() else {
        eprintln!("SKIPPED: ../shared/spec is absent");
        return;
    };
    let sets = official_sets(&spec);
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/third-party-samples.toml"))
        .expect("samples toml");
    let samples: Samples = toml::from_str(&text).expect("samples");
    let mut wrong = Vec::new();
    let mut n = 0;
    for s in &samples.sample {
        let kind = s.file.split('/').next().and_then(mile::validate::DocKind::parse);
        let path = spec.join("samples").join(&s.file);
        let base = Options { expect: kind, schema_only: true, ..Options::default() };
        let tables = validate_file(&path, &base);
        let loaded = validate_file(&path, &Options { schemas: Some(sets), ..base });
        let libxml2 = s.reason.as_deref().is_some_and(|r| r.contains("libxml2"));
        if !libxml2 && verdict(loaded.verdict()) != s.xmllint {
            wrong.push(format!(
                "{}: the official schemas say {}, xmllint {}",
                s.file,
                verdict(loaded.verdict()),
                s.xmllint
            ));
        }
        if places(&loaded) != places(&tables) {
            wrong.push(format!("{}: errors at {:?}, the tables at {:?}", s.file, places(&loaded), places(&tables)));
        }
        n += 1;
    }
    eprintln!("XSD loader on third-party samples: {} of {n} agree", n - wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
