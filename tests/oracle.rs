//! The XSD oracle: every corpus document and every third-party sample validated by
//! `xmllint --schema` with the official schemas in `../shared/spec`, compared with `mile`.
//! A difference is allowed only where the manifest records it with a reason (RFC prose
//! stricter than the XSD, citing the MUST; or a libxml2 deviation from XML Schema).

use mile::validate::corpus::Manifest;
use mile::validate::{Options, Verdict, validate_file};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec")
}

fn schema_for(spec: &str) -> Option<&'static str> {
    match spec {
        "iodef-2.0" => Some("iodef-2.0.xsd"),
        "iodef-1.0" => Some("iodef-1.0.xsd"),
        "rid" => Some("iodef-rid-2.0.xsd"),
        // The extension schemas import IODEF 1.0, so they validate a whole IODEF 1.0 document
        // that uses the extension (the phishing and SCI schemas as repaired: see SOURCES.md).
        "iodef-phish-1.0" => Some("iodef-phish-1.0.xsd"),
        "thraud-1.0" => Some("thraud-1.0.xsd"),
        "iodef-sci-1.0" => Some("iodef-sci-1.0.xsd"),
        _ => None,
    }
}

/// The schema for one corpus document: an IODEF 2.0 document in an extension folder (one that
/// misuses an IODEF 1.0 extension) is judged by the IODEF 2.0 schema.
fn schema_for_file(spec: &str, file: &Path) -> Option<&'static str> {
    let schema = schema_for(spec)?;
    let head = std::fs::read_to_string(file).unwrap_or_default();
    let root_is_v2 = head.contains("xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"");
    Some(if root_is_v2 && spec != "rid" { "iodef-2.0.xsd" } else { schema })
}

/// xmllint's verdict: `valid` or `invalid` (a schema that does not compile is a test failure).
fn xmllint(schema: &str, file: &Path) -> String {
    let out = Command::new(spec_dir().join("xmllint-offline.sh"))
        .arg(schema)
        .arg(file)
        .output()
        .expect("xmllint-offline.sh runs (apt-get install libxml2-utils)");
    match out.status.code() {
        Some(0) => "valid".into(),
        Some(4) => panic!("{schema} does not compile: {}", String::from_utf8_lossy(&out.stderr)),
        Some(127) => panic!("xmllint is not installed (apt-get install libxml2-utils)"),
        _ => "invalid".into(),
    }
}

fn available() -> bool {
    if !spec_dir().join("xmllint-offline.sh").is_file() {
        eprintln!("SKIPPED: ../shared/spec is absent, so the XSD oracle cannot run");
        return false;
    }
    true
}

#[test]
fn corpus_agrees_with_xmllint() {
    if !available() {
        return;
    }
    let manifests = Manifest::load_all(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))).expect("manifests");
    let mut wrong = Vec::new();
    let mut agreed = 0;
    let mut explained = 0;
    for m in &manifests {
        if schema_for(&m.spec).is_none() {
            continue;
        }
        for e in &m.entries {
            let path = m.dir.join(&e.file);
            let Some(schema) = schema_for_file(&m.spec, &path) else { continue };
            let got = xmllint(schema, &path);
            if got != e.oracle_verdict() {
                wrong.push(format!(
                    "{}/{}: xmllint says {got}, manifest expects {}",
                    m.spec,
                    e.file,
                    e.oracle_verdict()
                ));
            } else if e.xmllint.is_some() {
                let reason = e.xmllint_reason.as_deref().unwrap_or("");
                let cites_must = reason.contains("RFC prose stricter than the XSD") && reason.contains("RFC");
                let libxml2 = reason.contains("libxml2");
                if !(cites_must || libxml2) {
                    wrong.push(format!(
                        "{}/{}: the oracle difference needs a recognised reason: {reason}",
                        m.spec, e.file
                    ));
                }
                explained += 1;
            } else {
                agreed += 1;
            }
        }
    }
    eprintln!("xmllint oracle: {agreed} documents agree, {explained} differ as recorded");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[derive(Deserialize)]
struct Samples {
    sample: Vec<Sample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sample {
    file: String,
    mile: String,
    xmllint: String,
    #[serde(default)]
    reason: Option<String>,
}

#[test]
fn third_party_samples_agree_with_xmllint() {
    if !available() {
        return;
    }
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/third-party-samples.toml"))
        .expect("corpus/third-party-samples.toml");
    let samples: Samples = toml::from_str(&text).expect("samples toml");
    let mut wrong = Vec::new();
    for s in &samples.sample {
        let path = spec_dir().join("samples").join(&s.file);
        let spec = s.file.split('/').next().unwrap_or("");
        let Some(schema) = schema_for(spec) else { continue };
        let x = xmllint(schema, &path);
        let r = validate_file(&path, &Options::default());
        let m = if r.verdict() == Verdict::Valid { "valid" } else { "invalid" };
        if x != s.xmllint {
            wrong.push(format!("{}: xmllint says {x}, recorded {}", s.file, s.xmllint));
        }
        if m != s.mile {
            wrong.push(format!("{}: mile says {m} ({:?}), recorded {}", s.file, r.error_requirements(), s.mile));
        }
        if s.mile != s.xmllint && s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            wrong.push(format!("{}: mile and xmllint differ without a reason", s.file));
        }
    }
    let listed: std::collections::BTreeSet<&str> = samples.sample.iter().map(|s| s.file.as_str()).collect();
    for spec in ["iodef-2.0"] {
        for f in std::fs::read_dir(spec_dir().join("samples").join(spec)).expect("samples").flatten() {
            let name = format!("{spec}/{}", f.file_name().to_string_lossy());
            if name.ends_with(".xml") && !listed.contains(name.as_str()) {
                wrong.push(format!("{name}: sample not listed in corpus/third-party-samples.toml"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
