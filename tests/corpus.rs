//! The golden corpus: every document gets the verdict and the requirement IDs its manifest
//! gives, and the rendered diagnostics of every document are snapshots (`tests/snapshots/`).

use mile::diag::render_human;
use mile::validate::corpus::{Manifest, compare};
use mile::validate::{Input, Options, source_lines, validate_input};
use std::path::Path;

fn corpus_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

#[test]
fn every_document_as_expected_with_snapshots() {
    let manifests = Manifest::load_all(corpus_root()).expect("manifests load");
    assert!(!manifests.is_empty());
    let mut problems = Vec::new();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _guard = settings.bind_to_scope();
    for m in &manifests {
        let opts = Options { expect: m.kind(), ..Options::default() };
        for e in &m.entries {
            let path = m.dir.join(&e.file);
            let input = Input::File(path.clone());
            let report = validate_input(&input, &opts);
            for p in compare(e, &report) {
                problems.push(format!("{}/{}: {p}", m.spec, e.file));
            }
            // Snapshot the rendered diagnostics, with the path relative to the repository.
            let label = format!("corpus/{}/{}", m.spec, e.file);
            let lines = source_lines(&input, &report);
            let mut text = format!("verdict: {}\n\n", report.verdict().as_str());
            text.push_str(&render_human(&label, &report.diagnostics, &lines, false));
            let name = format!("{}__{}", m.spec, e.file.trim_end_matches(".xml").replace('/', "__"));
            insta::assert_snapshot!(name, text);
        }
    }
    assert!(problems.is_empty(), "{} documents differ from their manifest:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_flow_pair_as_expected_with_snapshots() {
    use mile::validate::corpus::{check_flow, flow_findings, load_flows};
    let mut problems = Vec::new();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let _guard = settings.bind_to_scope();
    let mut n = 0;
    for m in Manifest::load_all(corpus_root()).expect("manifests") {
        let flows = load_flows(&m.dir).expect("flows.toml");
        let mut text = String::new();
        for f in &flows {
            n += 1;
            for p in check_flow(&m.dir, f) {
                problems.push(format!("{}: {} -> {}: {p}", m.spec, f.request, f.answer));
            }
            text.push_str(&format!(
                "{} -> {} ({}):\n",
                f.request,
                if f.answer.is_empty() { "(empty)" } else { &f.answer },
                f.http_status
            ));
            for x in flow_findings(&m.dir, f).expect("readable") {
                text.push_str(&format!("  [{}] {}; {}\n", x.req, x.found, x.expected));
            }
        }
        if !flows.is_empty() {
            insta::assert_snapshot!(format!("{}__flows", m.spec), text);
        }
    }
    assert!(n >= 20, "only {n} flow pairs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
