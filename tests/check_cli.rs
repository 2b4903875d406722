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
