//! `mile check` and `mile report` as a user runs them: exit codes 0/1/2, the report files, the
//! closing line, --list, --expect, --baseline, and the interop matrix.

use std::path::Path;
use std::process::{Command, Output};

fn mile(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mile")).args(args).output().expect("mile runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn last_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or("").to_string()
}

#[test]
fn exit_codes_reports_expect_baseline_and_matrix() {
    let dir = tempfile::tempdir().expect("tmp");
    let clean = dir.path().join("clean");
    let o = mile(&["check", "--out", clean.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let closing = last_line(&o);
    assert!(closing.ends_with(" passed, 0 failed") || closing.contains(" passed, 0 failed, "), "{closing}");
    for f in ["results.json", "junit.xml", "summary.md", "report.html"] {
        assert!(clean.join(f).is_file(), "{f} missing");
    }

    // A fault run fails, names the broken requirement and prints Expected/Actual.
    let faulty = dir.path().join("faulty");
    let o = mile(&["check", "--peer-fault", "accept-get", "--out", faulty.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("RFC6546-3-method-not-allowed") && t.contains("Expected:") && t.contains("Actual:"), "{t}");

    // Known failures listed with reasons make it pass.
    let expect = dir.path().join("expect.txt");
    std::fs::write(&expect, "RFC6546-3-method-not-allowed  the fault under test\n").expect("write");
    let o = mile(&["check", "--peer-fault", "accept-get", "--no-report", "--expect", expect.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("expected failures"));

    // Against a baseline that already failed the same way, there is no regression.
    let base = faulty.join("results.json");
    let o = mile(&["check", "--peer-fault", "accept-get", "--no-report", "--baseline", base.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let base = clean.join("results.json");
    let o = mile(&["check", "--peer-fault", "accept-get", "--no-report", "--baseline", base.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("regression: transport/method.feature:7"), "{}", text(&o));

    // The harness cannot run: exit 2, said plainly.
    let o = mile(&["check", "--peer-fault", "no-such-fault"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("no fault mode"), "{}", text(&o));
    let missing = dir.path().join("missing.crt");
    let m = missing.to_str().expect("utf8");
    let o = mile(&["check", "--target", "https://127.0.0.1:1/", "--cert", m, "--key", m, "--ca", m]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("could not read"), "{}", text(&o));

    // Interop matrix of the two runs.
    let out = dir.path().join("matrix");
    let o = mile(&[
        "report",
        "matrix",
        clean.join("results.json").to_str().expect("utf8"),
        faulty.join("results.json").to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let md = std::fs::read_to_string(out.join("matrix.md")).expect("matrix.md");
    assert!(md.contains("| RFC6546-3-method-not-allowed | passed | failed |"), "{md}");
    assert!(Path::new(&out.join("matrix.html")).is_file());
}

#[test]
fn list_and_selection() {
    let o = mile(&["check", "--list", "rfc6546/3", "--tags", "@server"]);
    assert_eq!(o.status.code(), Some(0));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("transport/method.feature:7") && !t.contains("policy/policy.feature"), "{t}");
    let o = mile(&["check", "--list", "--shard", "1/2"]);
    assert_eq!(o.status.code(), Some(0));
    let o = mile(&["check", "--list", "--shard", "3/2"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `mile check --adapter` judges the whole built-in corpus, run from a directory without the
/// source tree: one scenario per corpus folder and verdict, every document of every folder sent.
#[test]
fn adapter_judges_every_built_in_corpus_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schemas = root.join("../shared/spec");
    let has = |bin: &str| Command::new(bin).arg("--version").output().is_ok();
    if !has("xmllint") || !has("python3") || !schemas.join("iodef-rid-2.0.xsd").is_file() {
        eprintln!("skipped: needs xmllint, python3 and ../shared/spec");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let cmd = format!("python3 {} --schemas {}", root.join("examples/xmllint_adapter.py").display(), schemas.display());
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_mile"))
        .current_dir(dir.path())
        .args(["check", "--adapter", &cmd, "--out", out.to_str().expect("utf8")])
        .output()
        .expect("mile runs");
    // xmllint accepts the few documents whose schema-level rule libxml2 does not enforce.
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).expect("results.json")).expect("json");
    let scenarios = results["scenarios"].as_array().expect("scenarios");
    for corpus in ["rid", "iodef-2.0", "iodef-1.0", "iodef-phish-1.0", "thraud-1.0", "iodef-sci-1.0"] {
        let manifest =
            std::fs::read_to_string(root.join("corpus").join(corpus).join("manifest.toml")).expect("manifest");
        for verdict in ["valid", "invalid"] {
            let listed = manifest.matches(&format!("verdict = \"{verdict}\"")).count();
            let s = scenarios
                .iter()
                .find(|s| {
                    s["name"]
                        .as_str()
                        .is_some_and(|n| n.contains(&format!(" {verdict} document of the {corpus} corpus")))
                })
                .unwrap_or_else(|| panic!("{corpus} {verdict}"));
            assert_ne!(s["verdict"], "error", "{corpus} {verdict}: {}", s["reason"]);
            let label = s["exchanges"][0]["label"].as_str().unwrap_or("");
            assert!(label.starts_with(&format!("{listed} {verdict} documents of the {corpus} corpus")), "{label}");
        }
    }
}
