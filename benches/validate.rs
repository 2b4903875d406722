//! Throughput and memory of `mile validate` on a large IODEF 2.0 document, against two
//! baselines measured in the same run:
//! - `xmllint --stream --noout --schema iodef-2.0.xsd` (libxml2's streaming validator), and
//! - quick-xml's namespace-resolving reader walking the same bytes with no validation
//!   (every attribute and every text node decoded).
//!
//! Run with `cargo bench --bench validate` (release). Set `MILE_BENCH_MB` to change the size
//! (default 40). Peak memory is read from the `mile` binary's own `VmHWM` (`--stats`).

use mile::validate::{Options, Verdict, validate_file};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TEMPLATES: &[&str] = &[
    "corpus/iodef-2.0/valid/ddos-flows-with-counters.xml",
    "corpus/iodef-2.0/valid/malware-file-hashes.xml",
    "corpus/iodef-2.0/valid/phishing-email-data.xml",
    "corpus/iodef-2.0/valid/web-server-compromise-record.xml",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build a large valid document: the Incidents of several corpus documents, repeated with
/// distinct IncidentIDs, under one IODEF-Document.
fn generate(path: &Path, target_bytes: usize) -> std::io::Result<usize> {
    let mut incidents = Vec::new();
    let mut header = String::new();
    for t in TEMPLATES {
        let text = std::fs::read_to_string(root().join(t))?;
        let start = text.find("<Incident ").expect("template has an Incident");
        let end = text.rfind("</Incident>").expect("template has an Incident") + "</Incident>".len();
        if header.is_empty() {
            header = text[..start].to_string();
        }
        // Documents with ID attributes would repeat IDs: drop observable-id / uid-ref uses.
        incidents.push(text[start..end].to_string());
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(header.as_bytes())?;
    let mut written = header.len();
    let mut n = 0usize;
    while written < target_bytes {
        let inc = &incidents[n % incidents.len()];
        // Give each copy its own IncidentID text.
        let inc = match inc.find("</IncidentID>") {
            Some(i) => format!("{}-{n}{}", &inc[..i], &inc[i..]),
            None => inc.clone(),
        };
        f.write_all(b"\n  ")?;
        f.write_all(inc.as_bytes())?;
        written += inc.len() + 3;
        n += 1;
    }
    f.write_all(b"\n</IODEF-Document>\n")?;
    f.flush()?;
    Ok(n)
}

fn best_of<F: FnMut() -> bool>(runs: usize, mut f: F) -> (Duration, bool) {
    let mut best = Duration::MAX;
    let mut ok = true;
    for _ in 0..runs {
        let t = Instant::now();
        ok &= f();
        best = best.min(t.elapsed());
    }
    (best, ok)
}

fn bare_quick_xml(path: &Path) -> bool {
    use quick_xml::events::Event;
    let f = std::fs::File::open(path).expect("open");
    let mut r = quick_xml::reader::NsReader::from_reader(std::io::BufReader::with_capacity(64 << 10, f));
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        match r.read_resolved_event_into(&mut buf) {
            Ok((_, Event::Start(e))) | Ok((_, Event::Empty(e))) => {
                for a in e.attributes().flatten() {
                    n += a.value.len() as u64;
                }
            }
            Ok((_, Event::Text(t))) => n += t.xml10_content().len() as u64,
            Ok((_, Event::Eof)) => break,
            Ok(_) => {}
            Err(_) => return false,
        }
        buf.clear();
    }
    n > 0
}

fn main() {
    let mb: usize = std::env::var("MILE_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let doc = dir.join(format!("iodef-{mb}mb.xml"));
    let incidents = generate(&doc, mb << 20).expect("generate");
    let size = std::fs::metadata(&doc).expect("size").len() as f64;
    let mbs = |d: Duration| size / d.as_secs_f64() / 1e6;
    println!("document: {} ({:.1} MB, {incidents} incidents)", doc.display(), size / 1e6);

    let opts = Options::default();
    let (t_mile, ok) = best_of(3, || {
        let r = validate_file(&doc, &opts);
        if r.verdict() != Verdict::Valid {
            eprintln!("{:?}", r.diagnostics.first());
        }
        r.verdict() == Verdict::Valid
    });
    assert!(ok, "the generated document must be valid");
    let (t_bare, ok) = best_of(3, || bare_quick_xml(&doc));
    assert!(ok);

    let spec = root().join("../shared/spec");
    let t_xmllint = if spec.join("iodef-2.0.xsd").is_file() && Command::new("xmllint").arg("--version").output().is_ok()
    {
        let (t, ok) = best_of(2, || {
            Command::new("xmllint")
                .env("XML_CATALOG_FILES", spec.join("catalog.xml"))
                .args(["--nonet", "--stream", "--noout", "--schema"])
                .arg(spec.join("iodef-2.0.xsd"))
                .arg(&doc)
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        });
        assert!(ok, "xmllint must accept the generated document");
        Some(t)
    } else {
        println!("xmllint or ../shared/spec missing: xmllint baseline skipped");
        None
    };

    // Peak memory of the mile binary on the same document.
    let exe = root().join("target/release/mile");
    let rss = if exe.is_file() {
        let out =
            Command::new(&exe).args(["validate", "--stats", "--jobs", "1"]).arg(&doc).output().expect("mile runs");
        String::from_utf8_lossy(&out.stderr).lines().find_map(|l| l.strip_prefix("peak RSS: ").map(str::to_string))
    } else {
        None
    };

    println!("mile validate (in process)      {:>8.1} ms {:>8.1} MB/s", t_mile.as_secs_f64() * 1e3, mbs(t_mile));
    println!("quick-xml NsReader, no checks   {:>8.1} ms {:>8.1} MB/s", t_bare.as_secs_f64() * 1e3, mbs(t_bare));
    if let Some(t) = t_xmllint {
        println!("xmllint --stream --schema       {:>8.1} ms {:>8.1} MB/s", t.as_secs_f64() * 1e3, mbs(t));
        println!("ratio mile / xmllint:   {:.2}x (target >= 3x)", t.as_secs_f64() / t_mile.as_secs_f64());
    }
    println!("ratio mile / bare reader: {:.0}% (target >= 50%)", 100.0 * t_bare.as_secs_f64() / t_mile.as_secs_f64());
    match rss {
        Some(r) => println!("mile peak RSS: {r} (target < 32 MiB)"),
        None => println!("mile peak RSS: build target/release/mile first (cargo build --release)"),
    }
}
