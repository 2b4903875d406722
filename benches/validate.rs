//! Throughput and memory of `mile validate` on a large IODEF 2.0 document, against two
//! baselines measured in the same run:
//! - `xmllint --stream --noout --schema iodef-2.0.xsd` (libxml2's streaming validator), and
//! - quick-xml's namespace-resolving reader walking the same bytes with no validation
//!   (every attribute and every text node decoded).
//!
//! `mile validate FILE` reads a large file on a second thread while it validates on the first
//! (when it has a core to spare, as on this machine); `--jobs 1` keeps it to one thread. Both
//! are timed, in process and as the command, with the CPU time they use beside the wall time.
//!
//! Run with `cargo bench --bench validate` (release). Set `MILE_BENCH_MB` to change the size
//! (default 40); set `MILE_BENCH_GENERATE_ONLY=1` to write the document to `target/bench` and
//! stop. Peak memory is read from the `mile` binary's own `VmHWM` (`--stats`).

use mile::validate::{Options, Verdict, validate_file};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TEMPLATES: &[&str] = &[
    "corpus/iodef-2.0/valid/ddos-flows-with-counters.xml",
    "corpus/iodef-2.0/valid/malware-file-hashes.xml",
    "corpus/iodef-2.0/valid/phishing-email-data.xml",
    "corpus/iodef-2.0/valid/ransomware-registry-keys.xml",
    "corpus/iodef-2.0/valid/indicators-campaign.xml",
    "corpus/iodef-2.0/valid/contact-directory.xml",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Build a large valid document: the Incidents of several corpus documents, repeated with
/// distinct IncidentIDs and ID values, under one IODEF-Document declaring every namespace the
/// templates use.
fn generate(path: &Path, target_bytes: usize) -> std::io::Result<usize> {
    let mut incidents = Vec::new();
    let mut decls = std::collections::BTreeSet::new();
    for t in TEMPLATES {
        let text = std::fs::read_to_string(root().join(t))?;
        let root_start = text.find("<IODEF-Document").expect("template root");
        let root_end = root_start + text[root_start..].find('>').expect("root tag end");
        for part in text[root_start..root_end].split_whitespace() {
            if part.starts_with("xmlns:") && !part.starts_with("xmlns:xsi") {
                decls.insert(part.trim_end_matches('>').to_string());
            }
        }
        let start = text.find("<Incident ").expect("template has an Incident");
        let end = text.rfind("</Incident>").expect("template has an Incident") + "</Incident>".len();
        incidents.push(text[start..end].to_string());
    }
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<IODEF-Document version=\"2.00\" xml:lang=\"en\"\n    xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"\n    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n    {}\n    xsi:schemaLocation=\"urn:ietf:params:xml:ns:iodef-2.0 https://www.iana.org/assignments/xml-registry/schema/iodef-2.0.xsd\">",
        decls.into_iter().collect::<Vec<_>>().join("\n    ")
    );
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(header.as_bytes())?;
    let mut written = header.len();
    let mut n = 0usize;
    while written < target_bytes {
        let inc = unique_ids(&incidents[n % incidents.len()], n);
        f.write_all(b"\n  ")?;
        f.write_all(inc.as_bytes())?;
        written += inc.len() + 3;
        n += 1;
    }
    f.write_all(b"\n</IODEF-Document>\n")?;
    f.flush()?;
    Ok(n)
}

/// Give copy `n` of an Incident its own IncidentID and its own xs:ID / xs:IDREF values.
fn unique_ids(inc: &str, n: usize) -> String {
    let mut out = String::with_capacity(inc.len() + 64);
    let mut rest = inc;
    let keys = [" observable-id=\"", " uid-ref=\"", " Id=\"", " URI=\"#"];
    loop {
        let next = keys.iter().filter_map(|k| rest.find(k).map(|i| (i, k.len()))).min();
        let Some((i, klen)) = next else { break };
        let vstart = i + klen;
        let vend = vstart + rest[vstart..].find('"').unwrap_or(0);
        out.push_str(&rest[..vend]);
        out.push_str(&format!("-{n}"));
        rest = &rest[vend..];
    }
    out.push_str(rest);
    // IncidentID for realism; IndicatorID because its content is an xs:ID.
    for end_tag in ["</IncidentID>", "</IndicatorID>"] {
        out = out.replace(end_tag, &format!("-{n}{end_tag}"));
    }
    out
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
    // Only write the document (to profile `mile validate` on it, e.g. under callgrind).
    if std::env::var_os("MILE_BENCH_GENERATE_ONLY").is_some() {
        return;
    }

    let one_thread = Options::default();
    let ahead = Options { read_ahead: true, ..Options::default() };
    let mut cpu = [Duration::ZERO; 2];
    let mut t_mile = [Duration::ZERO; 2];
    for (i, opts) in [one_thread, ahead].iter().enumerate() {
        let (t, ok) = best_of(3, || {
            let c0 = process_cpu();
            let r = validate_file(&doc, opts);
            cpu[i] = process_cpu().saturating_sub(c0);
            if r.verdict() != Verdict::Valid {
                eprintln!("{:?}", r.diagnostics.first());
            }
            r.verdict() == Verdict::Valid
        });
        assert!(ok, "the generated document must be valid");
        t_mile[i] = t;
    }
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

    // The command as a user runs it (a process, like xmllint, that also renders its notes): by
    // default, and kept to one thread. Its peak memory (by default: the larger).
    let exe = root().join("target/release/mile");
    let mut t_cmd = [None, None];
    let mut rss = None;
    if exe.is_file() {
        for (i, jobs) in [&["--jobs", "1"][..], &[][..]].iter().enumerate() {
            let (t, ok) = best_of(3, || {
                Command::new(&exe).arg("validate").args(*jobs).arg(&doc).output().is_ok_and(|o| o.status.success())
            });
            assert!(ok, "mile validate must accept the generated document");
            t_cmd[i] = Some(t);
        }
        let out = Command::new(&exe).args(["validate", "--stats"]).arg(&doc).output().expect("mile runs");
        rss =
            String::from_utf8_lossy(&out.stderr).lines().find_map(|l| l.strip_prefix("peak RSS: ").map(str::to_string));
    }

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let names = ["one thread (--jobs 1)", "reading ahead (default)"];
    for i in 0..2 {
        println!(
            "mile validate, in process, {:<24} {:>7.1} ms {:>7.1} MB/s  (CPU {:.0} ms)",
            names[i],
            ms(t_mile[i]),
            mbs(t_mile[i]),
            ms(cpu[i])
        );
    }
    for i in 0..2 {
        if let Some(t) = t_cmd[i] {
            println!("mile validate, command,    {:<24} {:>7.1} ms {:>7.1} MB/s", names[i], ms(t), mbs(t));
        }
    }
    println!("quick-xml NsReader, no checks {:>31.1} ms {:>7.1} MB/s", ms(t_bare), mbs(t_bare));
    if let Some(t) = t_xmllint {
        println!("xmllint --stream --schema {:>35.1} ms {:>7.1} MB/s", ms(t), mbs(t));
        for i in 0..2 {
            println!(
                "ratio mile / xmllint, {:<24}  in process {:.2}x{} (target >= 3x)",
                names[i],
                t.as_secs_f64() / t_mile[i].as_secs_f64(),
                match t_cmd[i] {
                    Some(c) => format!(", command {:.2}x", t.as_secs_f64() / c.as_secs_f64()),
                    None => String::new(),
                }
            );
        }
    }
    for i in 0..2 {
        println!(
            "ratio mile / bare reader, {:<24} {:.0}% (target >= 50%)",
            names[i],
            100.0 * t_bare.as_secs_f64() / t_mile[i].as_secs_f64()
        );
    }
    match rss {
        Some(r) => println!("mile peak RSS: {r} (target < 32 MiB)"),
        None => println!("mile peak RSS: build target/release/mile first (cargo build --release)"),
    }
}

/// CPU time of this process so far, all threads (user and system; Linux, clock-tick resolution).
fn process_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, r)| r).split_whitespace().collect();
    let ticks: u64 = [11, 12].iter().filter_map(|&i| fields.get(i).and_then(|v| v.parse::<u64>().ok())).sum();
    Duration::from_millis(ticks * 10)
}
