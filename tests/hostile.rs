//! Hostile input through the `mile validate` binary: every case gives a clear error, exit 1 or
//! 2, no panic, and peak memory well under 100 MiB.

use std::io::Write;
use std::process::Command;

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    peak_kib: u64,
}

fn validate(bytes: &[u8]) -> Outcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.xml");
    std::fs::write(&path, bytes).expect("write");
    run(&path)
}

fn run(path: &std::path::Path) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_mile"))
        .args(["validate", "--stats", "--color", "never"])
        .arg(path)
        .output()
        .expect("mile runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let peak_kib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak RSS: "))
        .and_then(|v| v.trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(u64::MAX);
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
        peak_kib,
    }
}

fn assert_clear(o: &Outcome, want: &str) {
    assert!(o.code == 1 || o.code == 2, "exit {} (stdout {}, stderr {})", o.code, o.stdout, o.stderr);
    assert!(!o.stderr.contains("panicked"), "panic: {}", o.stderr);
    assert!(o.stdout.contains(want), "expected {want:?} in:\n{}", o.stdout);
    // The message names the line and column.
    assert!(o.stdout.contains("doc.xml:"), "no location in:\n{}", o.stdout);
    assert!(o.peak_kib < 100 * 1024, "peak RSS {} KiB", o.peak_kib);
}

#[test]
fn billion_laughs() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        doc.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    doc.push_str("]>\n<lolz>&lol9;</lolz>\n");
    assert_clear(&validate(doc.as_bytes()), "document type declarations are refused");
}

#[test]
fn external_entity() {
    let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<d>&xxe;</d>\n";
    let o = validate(doc.as_bytes());
    assert_clear(&o, "document type declarations are refused");
    assert!(!o.stdout.contains("root:"), "file content leaked");
}

#[test]
fn million_deep_nesting() {
    let doc = "<a>".repeat(1_000_000);
    assert_clear(&validate(doc.as_bytes()), "nested deeper than the limit");
}

#[test]
fn hundred_megabyte_attribute() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.xml");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    f.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a b=\"").expect("write");
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        f.write_all(&chunk).expect("write");
    }
    f.write_all(b"\"/>\n").expect("write");
    drop(f);
    assert_clear(&run(&path), "longer than");
}

#[test]
fn invalid_utf8() {
    assert_clear(
        &validate(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\xC3\x28</a>\n"),
        "not form a valid character",
    );
}

#[test]
fn truncated() {
    let doc = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<IODEF-Document version=\"2.00\" xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\">\n  <Incident purpose=\"rep";
    assert_clear(&validate(doc), "end of input");
}

#[test]
fn empty_file() {
    assert_clear(&validate(b""), "no root element");
}

#[test]
fn binary_file() {
    // A fixed pseudo-random sequence (xorshift), so the test is reproducible.
    let mut x: u32 = 0x9E37_79B9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let o = validate(&bytes);
    assert_clear(&o, "not well-formed");
}
