//! Bad input never panics: random bytes, and corpus documents with random bytes changed,
//! inserted or cut, go through the validator and the renderer.

use mile::diag::render_human;
use mile::validate::{Options, source_lines_of_bytes, validate_reader};
use proptest::prelude::*;

fn run(bytes: &[u8]) {
    let report = validate_reader("input", bytes, &Options::default());
    let lines = source_lines_of_bytes(bytes, &report);
    let _ = render_human("input", &report.diagnostics, &lines, false);
}

fn corpus_docs() -> Vec<Vec<u8>> {
    let mut docs = Vec::new();
    for dir in ["corpus/iodef-2.0/valid", "corpus/iodef-2.0/invalid"] {
        let Ok(rd) = std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) else { continue };
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths.into_iter().take(40) {
            if let Ok(b) = std::fs::read(p) {
                docs.push(b);
            }
        }
    }
    docs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        run(&bytes);
    }

    #[test]
    fn xmlish_text(s in "[<>/=\"'&;#a-zA-Z0-9:!\\-\\[\\]? \n]{0,400}") {
        run(s.as_bytes());
    }

    #[test]
    fn mutated_corpus(pick in any::<prop::sample::Index>(), edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        let docs = corpus_docs();
        let mut doc = docs[pick.index(docs.len())].clone();
        for (at, byte, op) in edits {
            if doc.is_empty() {
                break;
            }
            let i = at.index(doc.len());
            match op {
                0 => doc[i] = byte,
                1 => doc.insert(i, byte),
                _ => doc.truncate(i),
            }
        }
        run(&doc);
    }
}
