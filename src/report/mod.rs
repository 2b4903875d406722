//! Reports of a `mile check` run: `results.json`, `junit.xml`, `summary.md` and a self-contained
//! `report.html`; regressions against a baseline; the interop matrix of many runs.

use crate::harness::results::{RunResults, ScenarioResult, Verdict};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Writes the four report files into `dir` (created if needed).
pub fn write_all(dir: &Path, r: &RunResults) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(r).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("results.json"), json + "\n")?;
    std::fs::write(dir.join("junit.xml"), junit(r))?;
    std::fs::write(dir.join("summary.md"), markdown(r))?;
    std::fs::write(dir.join("report.html"), html(r))?;
    Ok(())
}

fn is_bad(v: Verdict) -> bool {
    matches!(v, Verdict::Failed | Verdict::Error)
}

/// Scenarios that were fine in `baseline` and are failed or in error now (one line each).
pub fn regressions(baseline: &RunResults, now: &RunResults) -> Vec<String> {
    let before: BTreeMap<&str, Verdict> = baseline.scenarios.iter().map(|s| (s.id.as_str(), s.verdict)).collect();
    now.scenarios
        .iter()
        .filter(|s| is_bad(s.verdict) && before.get(s.id.as_str()).is_none_or(|v| !is_bad(*v)))
        .map(|s| {
            format!(
                "{} {} ({} -> {})",
                s.id,
                s.name,
                before.get(s.id.as_str()).map_or("new", |v| v.as_str()),
                s.verdict.as_str()
            )
        })
        .collect()
}

/// XML text escaping.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn failure_text(s: &ScenarioResult) -> String {
    let mut t = String::new();
    for x in &s.exchanges {
        let _ = writeln!(t, "sent: {}", x.label);
    }
    for f in &s.findings {
        let _ = writeln!(t, "[{} {}]\nExpected: {}\nActual:   {}", f.level, f.requirement, f.expected, f.actual);
    }
    if let Some(r) = &s.reason {
        let _ = writeln!(t, "{r}");
    }
    t
}

/// JUnit XML: one testsuite per group, one testcase per scenario with its requirement IDs in the
/// name.
pub fn junit(r: &RunResults) -> String {
    let mut groups: BTreeMap<&str, Vec<&ScenarioResult>> = BTreeMap::new();
    for s in &r.scenarios {
        groups.entry(s.group.as_str()).or_default().push(s);
    }
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<testsuites name=\"mile check: {}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3}\">",
        esc(&r.subject.name),
        r.totals.scenarios,
        r.totals.failed,
        r.totals.errors,
        r.totals.skipped + r.totals.unimplemented,
        r.duration_ms as f64 / 1000.0
    );
    for (g, list) in groups {
        let failures = list.iter().filter(|s| s.verdict == Verdict::Failed).count();
        let errors = list.iter().filter(|s| s.verdict == Verdict::Error).count();
        let skipped = list.iter().filter(|s| matches!(s.verdict, Verdict::Skipped | Verdict::Unimplemented)).count();
        let _ = writeln!(
            x,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">",
            esc(g),
            list.len()
        );
        for s in list {
            let _ = write!(
                x,
                "    <testcase classname=\"{}\" name=\"{} [{}]\" time=\"{:.3}\"",
                esc(&s.id),
                esc(&s.name),
                esc(&s.requirements.join(" ")),
                s.duration_ms as f64 / 1000.0
            );
            match s.verdict {
                Verdict::Passed | Verdict::Informed => x.push_str("/>\n"),
                Verdict::Failed => {
                    let msg = s.findings.first().map_or(String::new(), |f| format!("{}: {}", f.requirement, f.actual));
                    let _ = writeln!(
                        x,
                        ">\n      <failure message=\"{}\" type=\"nonconformant\">{}</failure>\n    </testcase>",
                        esc(&msg),
                        esc(&failure_text(s))
                    );
                }
                Verdict::Error => {
                    let _ = writeln!(
                        x,
                        ">\n      <error message=\"{}\" type=\"harness\">{}</error>\n    </testcase>",
                        esc(s.reason.as_deref().unwrap_or("")),
                        esc(&failure_text(s))
                    );
                }
                Verdict::Skipped | Verdict::Unimplemented => {
                    let _ = writeln!(
                        x,
                        ">\n      <skipped message=\"{}: {}\"/>\n    </testcase>",
                        s.verdict.as_str(),
                        esc(s.reason.as_deref().unwrap_or(""))
                    );
                }
                Verdict::Warned | Verdict::Expected => {
                    let _ = writeln!(x, ">\n      <system-out>{}</system-out>\n    </testcase>", esc(&failure_text(s)));
                }
            }
        }
        x.push_str("  </testsuite>\n");
    }
    x.push_str("</testsuites>\n");
    x
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown summary: totals, failures with Expected/Actual, the requirement table.
pub fn markdown(r: &RunResults) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# mile check: {}\n", r.subject.name);
    let _ = writeln!(
        m,
        "Subject: {} ({}){}. Started {}, {} ms. {}\n",
        r.subject.location,
        r.subject.kind,
        if r.subject.faults.is_empty() { String::new() } else { format!(", faults: {}", r.subject.faults.join(", ")) },
        r.started,
        r.duration_ms,
        if r.strict { "Strict: SHOULD findings fail." } else { "SHOULD findings warn." }
    );
    let _ = writeln!(m, "**{}**\n", r.closing_line());
    let bad: Vec<&ScenarioResult> = r
        .scenarios
        .iter()
        .filter(|s| matches!(s.verdict, Verdict::Failed | Verdict::Warned | Verdict::Error))
        .collect();
    if !bad.is_empty() {
        let _ = writeln!(m, "## Failures and warnings\n");
        for s in bad {
            let _ = writeln!(m, "### {} `{}` {}\n", s.verdict.as_str(), s.id, s.name);
            let _ = writeln!(m, "Requirements: {}\n", s.requirements.join(", "));
            for x in &s.exchanges {
                let _ = writeln!(m, "- sent: {}", x.label);
            }
            for f in &s.findings {
                let _ =
                    writeln!(m, "- **{} {}**: Expected: {}. Actual: {}.", f.level, f.requirement, f.expected, f.actual);
            }
            if let Some(reason) = &s.reason {
                let _ = writeln!(m, "- {reason}");
            }
            m.push('\n');
        }
    }
    let _ = writeln!(m, "## Requirements\n\n| Requirement | Level | Verdict | Scenarios |\n|---|---|---|---|");
    for q in &r.requirements {
        let _ = writeln!(m, "| {} | {} | {} | {} |", q.id, q.level, q.verdict.as_str(), q.scenarios.len());
    }
    let _ = writeln!(m, "\n## Scenarios\n\n| Scenario | Verdict | Requirements |\n|---|---|---|");
    for s in &r.scenarios {
        let _ = writeln!(
            m,
            "| `{}` {} | {}{} | {} |",
            s.id,
            md_cell(&s.name),
            s.verdict.as_str(),
            s.reason.as_deref().map_or(String::new(), |x| format!(": {}", md_cell(x))),
            s.requirements.join(" ")
        );
    }
    m
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:2em;max-width:90em;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}\
th{background:#f3f3f3}.passed{background:#e6f4e6}.failed,.error{background:#fbe3e3}.warned{background:#fff4d6}\
.skipped,.unimplemented{background:#eee}.expected-failure{background:#f0e6fb}.informed{background:#e6effb}\
pre{background:#f8f8f8;padding:.6em;overflow:auto;max-height:30em;white-space:pre-wrap}\
details{margin:.4em 0}summary{cursor:pointer}.totals span{margin-right:1.2em}code{font-size:90%}";

fn cell(v: Verdict) -> String {
    format!("<td class=\"{0}\">{0}</td>", v.as_str())
}

/// Self-contained HTML (no scripts, no external resources): totals, the coverage table per
/// requirement, and every scenario with its evidence (requests, responses, TLS details).
pub fn html(r: &RunResults) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mile check: {}</title><style>{CSS}</style></head><body>\n",
        esc(&r.subject.name)
    );
    let _ = writeln!(h, "<h1>mile check: {}</h1>", esc(&r.subject.name));
    let _ = writeln!(
        h,
        "<p>Subject <code>{}</code> ({}){}; started {}; {} ms; mile {}; {}.</p>",
        esc(&r.subject.location),
        esc(&r.subject.kind),
        if r.subject.faults.is_empty() {
            String::new()
        } else {
            format!(", fault modes: <code>{}</code>", esc(&r.subject.faults.join(", ")))
        },
        esc(&r.started),
        r.duration_ms,
        esc(&r.mile_version),
        if r.strict { "strict (SHOULD findings fail)" } else { "SHOULD findings warn" }
    );
    let t = &r.totals;
    let _ = writeln!(
        h,
        "<p class=\"totals\" id=\"totals\" data-passed=\"{}\" data-failed=\"{}\"><span>{} scenarios</span><span class=\"passed\">{} passed</span><span class=\"failed\">{} failed</span><span class=\"warned\">{} warned</span><span class=\"skipped\">{} skipped</span><span>{} unimplemented</span><span>{} expected failures</span><span class=\"error\">{} errors</span></p>",
        t.passed, t.failed, t.scenarios, t.passed, t.failed, t.warned, t.skipped, t.unimplemented, t.expected, t.errors
    );
    h.push_str("<h2>Coverage by requirement</h2>\n<table id=\"coverage\"><tr><th>Requirement</th><th>Level</th><th>Summary</th><th>Verdict</th><th>Scenarios</th></tr>\n");
    for q in &r.requirements {
        let links: Vec<String> = q.scenarios.iter().map(|s| format!("<a href=\"#{0}\">{0}</a>", esc(s))).collect();
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td>{}<td>{}</td></tr>",
            esc(&q.id),
            esc(&q.level),
            esc(&q.summary),
            cell(q.verdict),
            links.join("<br>")
        );
    }
    h.push_str("</table>\n<h2>Scenarios</h2>\n<table id=\"scenarios\"><tr><th>Scenario</th><th>Verdict</th><th>Requirements</th><th>ms</th></tr>\n");
    for s in &r.scenarios {
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#{0}\"><code>{0}</code></a> {1}</td>{2}<td>{3}</td><td>{4}</td></tr>",
            esc(&s.id),
            esc(&s.name),
            cell(s.verdict),
            esc(&s.requirements.join(" ")),
            s.duration_ms
        );
    }
    h.push_str("</table>\n<h2>Evidence</h2>\n");
    for s in &r.scenarios {
        let _ = writeln!(
            h,
            "<section id=\"{}\"><h3>{} <small class=\"{}\">{}</small></h3>",
            esc(&s.id),
            esc(&s.name),
            s.verdict.as_str(),
            s.verdict.as_str()
        );
        let _ = writeln!(h, "<p><code>{}</code> — {}</p>", esc(&s.id), esc(&s.requirements.join(", ")));
        let _ = writeln!(h, "<pre>{}</pre>", esc(&s.steps.join("\n")));
        if let Some(reason) = &s.reason {
            let _ = writeln!(h, "<p>{}</p>", esc(reason));
        }
        if !s.findings.is_empty() {
            h.push_str("<table><tr><th>Requirement</th><th>Level</th><th>Expected</th><th>Actual</th></tr>");
            for f in &s.findings {
                let _ = write!(
                    h,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&f.requirement),
                    esc(&f.level),
                    esc(&f.expected),
                    esc(&f.actual)
                );
            }
            h.push_str("</table>\n");
        }
        for x in &s.exchanges {
            let _ = writeln!(
                h,
                "<details><summary>{}</summary><p>TLS: {}</p><p>Request</p><pre>{}</pre><p>Response</p><pre>{}</pre>{}</details>",
                esc(&x.label),
                esc(&x.tls),
                esc(&x.request),
                esc(if x.response.is_empty() { "(none)" } else { &x.response }),
                x.error.as_ref().map_or(String::new(), |e| format!("<p>Transport: {}</p>", esc(e)))
            );
        }
        h.push_str("</section>\n");
    }
    h.push_str("</body></html>\n");
    h
}

/// An interop matrix of several runs: requirement by implementation, as HTML and Markdown.
pub fn matrix(runs: &[RunResults]) -> (String, String) {
    let ids: BTreeSet<&str> = runs.iter().flat_map(|r| r.requirements.iter().map(|q| q.id.as_str())).collect();
    let verdict = |r: &RunResults, id: &str| r.requirements.iter().find(|q| q.id == id).map(|q| q.verdict);
    let mut md = String::from("# Interop matrix\n\n| Requirement |");
    for r in runs {
        let _ = write!(md, " {} |", md_cell(&r.subject.name));
    }
    md.push_str("\n|---|");
    for _ in runs {
        md.push_str("---|");
    }
    md.push('\n');
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mile interop matrix</title><style>{CSS}</style></head><body>\n<h1>Interop matrix</h1>\n<table id=\"matrix\"><tr><th>Requirement</th>"
    );
    for r in runs {
        let _ = write!(h, "<th>{}<br><small>{}</small></th>", esc(&r.subject.name), esc(&r.closing_line()));
    }
    h.push_str("</tr>\n");
    for id in ids {
        let _ = write!(md, "| {id} |");
        let _ = write!(h, "<tr><td><code>{}</code></td>", esc(id));
        for r in runs {
            match verdict(r, id) {
                Some(v) => {
                    let _ = write!(md, " {} |", v.as_str());
                    h.push_str(&cell(v));
                }
                None => {
                    md.push_str(" – |");
                    h.push_str("<td>not run</td>");
                }
            }
        }
        md.push('\n');
        h.push_str("</tr>\n");
    }
    h.push_str("</table></body></html>\n");
    (h, md)
}

/// Arguments of `mile report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// What to build.
    #[command(subcommand)]
    pub what: ReportCommand,
}

/// `mile report` subcommands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ReportCommand {
    /// Merge the results.json of several implementations into one interop matrix
    /// (matrix.html and matrix.md).
    Matrix {
        /// results.json files, one per implementation.
        #[arg(required = true)]
        results: Vec<std::path::PathBuf>,
        /// Output directory.
        #[arg(long, default_value = "reports/matrix")]
        out: std::path::PathBuf,
    },
}

/// Runs `mile report`; returns the exit code.
pub fn main(a: ReportArgs) -> i32 {
    match a.what {
        ReportCommand::Matrix { results, out } => {
            let mut runs = Vec::new();
            for p in &results {
                let parsed = std::fs::read_to_string(p)
                    .map_err(|e| e.to_string())
                    .and_then(|t| serde_json::from_str::<RunResults>(&t).map_err(|e| e.to_string()));
                match parsed {
                    Ok(r) if r.format == crate::harness::results::FORMAT => runs.push(r),
                    Ok(r) => {
                        eprintln!(
                            "mile report: {}: format {:?} is not {}",
                            p.display(),
                            r.format,
                            crate::harness::results::FORMAT
                        );
                        return 2;
                    }
                    Err(e) => {
                        eprintln!("mile report: {}: {e}", p.display());
                        return 2;
                    }
                }
            }
            let (html, md) = matrix(&runs);
            let written = std::fs::create_dir_all(&out)
                .and_then(|_| std::fs::write(out.join("matrix.html"), html))
                .and_then(|_| std::fs::write(out.join("matrix.md"), md));
            match written {
                Ok(()) => {
                    println!("interop matrix of {} runs written to {}", runs.len(), out.display());
                    0
                }
                Err(e) => {
                    eprintln!("mile report: cannot write {}: {e}", out.display());
                    2
                }
            }
        }
    }
}
