//! The requirement catalog: IDs well-formed and unique, and every entry tested: by at least one
//! invalid corpus document when it says `Corpus`, or with a written reason when it cannot be.

use mile::requirements::{self, Testing};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn ids_are_well_formed_and_unique() {
    let mut seen = BTreeSet::new();
    for r in requirements::all() {
        assert!(seen.insert(r.id), "{} appears twice", r.id);
        let mut parts = r.id.splitn(3, '-');
        let rfc = parts.next().unwrap_or("");
        let sec = parts.next().unwrap_or("");
        let slug = parts.next().unwrap_or("");
        assert!(rfc.starts_with("RFC") && rfc[3..].chars().all(|c| c.is_ascii_digit()), "{}", r.id);
        assert!(!sec.is_empty() && sec.chars().all(|c| c.is_ascii_digit() || c == '.'), "{}", r.id);
        assert!(
            !slug.is_empty() && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            r.id
        );
        assert!(!r.summary.trim().is_empty(), "{} has no summary", r.id);
        if let Testing::Untestable(why) | Testing::Pending(why) | Testing::ReportedAs(why) = r.testing {
            assert!(why.len() > 10, "{}: untestable or pending needs a real reason", r.id);
        }
    }
}

#[test]
fn every_corpus_requirement_is_exercised() {
    let cov =
        mile::validate::corpus::coverage(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))).expect("corpus");
    let mut missing = Vec::new();
    for r in requirements::all() {
        if r.testing == Testing::Corpus && !cov.contains_key(r.id) {
            missing.push(r.id);
        }
    }
    // Manifests may only cite catalog IDs.
    let unknown: Vec<&String> = cov.keys().filter(|k| requirements::lookup(k).is_none()).collect();
    assert!(unknown.is_empty(), "manifests cite unknown requirement IDs: {unknown:?}");
    assert!(missing.is_empty(), "{} catalog entries have no invalid corpus document: {missing:#?}", missing.len());
}
