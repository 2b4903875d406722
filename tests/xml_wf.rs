//! The well-formedness corpus (`tests/xml-wf/`) through the safe reader, with roxmltree and
//! xmllint as oracles. `EXPECTED.md` records each file's verdict and what each oracle says; this
//! test checks that `mile` gives the verdict and that the oracles still say what is recorded (so
//! every recorded disagreement stays explained, and a new one fails the test).

use mile::xml::{Event, Limits, Reader};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Row {
    file: String,
    accept: bool,
    xmllint: String,
    roxmltree: String,
}

fn rows() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xml-wf");
    let text = std::fs::read_to_string(dir.join("EXPECTED.md")).expect("EXPECTED.md");
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        out.push(Row {
            file: cols[1].trim_matches('`').to_string(),
            accept: cols[2] == "well-formed",
            xmllint: cols[5].to_string(),
            roxmltree: cols[6].to_string(),
        });
    }
    out
}

fn path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xml-wf").join(file)
}

fn mile_accepts(bytes: &[u8]) -> Result<(), String> {
    let mut r = Reader::new(bytes, Limits::default()).map_err(|e| e.to_string())?;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

#[test]
fn mile_gives_every_verdict() {
    let rows = rows();
    assert!(rows.len() >= 150, "corpus table has {} rows", rows.len());
    let mut wrong = Vec::new();
    for r in &rows {
        let bytes = std::fs::read(path(&r.file)).expect("corpus file");
        let got = mile_accepts(&bytes);
        if got.is_ok() != r.accept {
            wrong.push(format!(
                "{}: expected {}, mile says {:?}",
                r.file,
                if r.accept { "accept" } else { "reject" },
                got
            ));
        }
    }
    assert!(wrong.is_empty(), "{} verdicts differ:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn roxmltree_says_what_is_recorded() {
    let mut wrong = Vec::new();
    for r in rows() {
        let bytes = std::fs::read(path(&r.file)).expect("corpus file");
        let live = match std::str::from_utf8(&bytes) {
            Err(_) => "refused",
            Ok(s) => match roxmltree::Document::parse(s) {
                Ok(_) => "accept",
                Err(_) => "reject",
            },
        };
        let recorded = r.roxmltree.split([':', ' ']).next().unwrap_or("");
        if live != recorded {
            wrong.push(format!("{}: recorded {:?}, roxmltree now says {live}", r.file, r.roxmltree));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn xmllint_says_what_is_recorded() {
    if Command::new("xmllint").arg("--version").output().is_err() {
        // CI installs libxml2-utils; say loudly when it is missing rather than pass quietly.
        panic!("xmllint is not installed (apt-get install libxml2-utils): the oracle cannot run");
    }
    let mut wrong = Vec::new();
    for r in rows() {
        let out =
            Command::new("xmllint").args(["--noout", "--nonet"]).arg(path(&r.file)).output().expect("xmllint runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // libxml2 reports namespace errors without failing: count them as rejections.
        let live = if out.status.success() && !stderr.contains("namespace error") { "accept" } else { "reject" };
        let recorded =
            if r.xmllint.starts_with("accept") && !r.xmllint.contains("namespace error") { "accept" } else { "reject" };
        if live != recorded {
            wrong.push(format!("{}: recorded {:?}, xmllint now says {live}: {stderr}", r.file, r.xmllint));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
