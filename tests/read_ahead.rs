//! Validation with a second thread reading ahead (`validate_reader_ahead`, and `validate_file`
//! on large files) gives exactly the report of validation on one thread: for every document of
//! the corpus and of the well-formedness corpus, with batches of every size from one event up,
//! so that every event is at some batch boundary; and for a large file through `validate_file`,
//! valid, invalid near its end, and cut short. The buffers a thread keeps from one document to
//! the next change no report either.

use mile::validate::{Options, READ_AHEAD_MIN, Report, validate_file, validate_reader, validate_reader_ahead};
use std::path::{Path, PathBuf};

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

/// Every document of the corpus and of the well-formedness corpus, in a fixed order.
fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    xml_files(&root.join("corpus"), &mut files);
    xml_files(&root.join("tests/xml-wf"), &mut files);
    files.sort();
    files
}

fn json(r: &Report) -> String {
    serde_json::to_string(r).expect("a report serializes")
}

#[test]
fn every_document_reads_ahead_to_the_same_report() {
    let files = corpora();
    assert!(files.len() > 500, "the corpora hold {} documents", files.len());
    let opts = Options::default();
    let mut with_findings = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        let label = f.display().to_string();
        let one = validate_reader(&label, &bytes[..], &opts);
        with_findings += usize::from(!one.diagnostics.is_empty());
        let expected = json(&one);
        for batch in [1, 2, 3, 7, 4096] {
            let ahead = validate_reader_ahead(&label, &bytes[..], &opts, batch);
            assert_eq!(json(&ahead), expected, "{label}: batches of {batch} events");
        }
    }
    // The comparison covers findings, not only empty reports.
    assert!(with_findings > 300, "{with_findings} documents with findings");
}

/// A thread keeps a finished document's buffers (reader, engine, rule frames) for its next
/// document. What was validated before must not show in a report: every document validated
/// on a thread of its own (nothing kept yet) gets the report it gets after all the others, in
/// either order.
#[test]
fn a_report_does_not_depend_on_the_documents_before_it() {
    let files = corpora();
    let docs: Vec<(String, Vec<u8>)> =
        files.iter().map(|f| (f.display().to_string(), std::fs::read(f).expect("read"))).collect();
    let opts = Options::default();
    let alone: Vec<String> = docs
        .iter()
        .map(|(label, bytes)| {
            std::thread::scope(|s| s.spawn(|| json(&validate_reader(label, &bytes[..], &opts))).join())
                .expect("validation thread")
        })
        .collect();
    let in_order = |order: Vec<usize>| {
        std::thread::scope(|s| {
            s.spawn(|| {
                order.into_iter().map(|i| (i, json(&validate_reader(&docs[i].0, &docs[i].1[..], &opts)))).collect()
            })
            .join()
        })
        .expect("validation thread")
    };
    let forward: Vec<(usize, String)> = in_order((0..docs.len()).collect());
    let backward: Vec<(usize, String)> = in_order((0..docs.len()).rev().collect());
    for (i, report) in forward.into_iter().chain(backward) {
        assert_eq!(report, alone[i], "{}", docs[i].0);
    }
}

/// A document of more than [`READ_AHEAD_MIN`] bytes: `incidents` copies of an incident whose
/// additional data declares a namespace of its own (so that namespaces are interned while
/// batches are in flight), and `tail` before the end of the root.
fn large_document(incidents: usize, tail: &str) -> String {
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<IODEF-Document version=\"2.00\" xml:lang=\"en\" \
         xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"urn:ietf:params:xml:ns:iodef-2.0 \
         https://www.iana.org/assignments/xml-registry/schema/iodef-2.0.xsd\">\n",
    );
    for i in 0..incidents {
        doc.push_str(&incident(i, "reporting"));
    }
    doc.push_str(tail);
    doc.push_str("</IODEF-Document>\n");
    doc
}

fn incident(i: usize, purpose: &str) -> String {
    format!(
        "  <Incident purpose=\"{purpose}\">\n    <IncidentID name=\"csirt.example.org\">R-{i}</IncidentID>\n    \
         <GenerationTime>2026-11-25T10:00:00Z</GenerationTime>\n    \
         <Contact role=\"creator\" type=\"organization\"><Email><EmailTo>soc@example.org</EmailTo></Email></Contact>\n    \
         <AdditionalData dtype=\"xml\"><iodef-n{k}:Note xmlns:iodef-n{k}=\"urn:example:note:{k}\">note {i}</iodef-n{k}:Note>\
         </AdditionalData>\n  </Incident>\n",
        k = i % 97
    )
}

#[test]
fn large_files_read_ahead_to_the_same_report() {
    let dir = std::env::temp_dir().join(format!("mile-read-ahead-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let n = 4000;
    let valid = large_document(n, "");
    assert!(valid.len() as u64 >= READ_AHEAD_MIN, "{} bytes", valid.len());
    let bad_enum = large_document(n, &incident(n, "gossip"));
    let mut cut = valid.clone();
    cut.truncate(valid.len() - 200);
    let cases = [("valid", valid, 0), ("bad-enum", bad_enum, 1), ("cut", cut, 1)];
    for (name, text, errors) in cases {
        let path = dir.join(format!("{name}.xml"));
        std::fs::write(&path, &text).expect("write");
        let one = validate_file(&path, &Options::default());
        let ahead = validate_file(&path, &Options { read_ahead: true, ..Options::default() });
        let found = one.error_requirements();
        assert_eq!(found.len(), errors, "{name}: {found:?}");
        // Every incident's foreign element is noted (skipped content): the namespaces interned
        // while batches were in flight resolved the same way.
        assert!(one.diagnostics.len() >= n, "{name}: {} findings", one.diagnostics.len());
        assert!(json(&ahead) == json(&one), "{name}: the reports differ");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
