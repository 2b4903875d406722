//! Corpus manifests: which documents exist, what verdict each must get and which requirements
//! its errors must cite.
//!
//! Layout: `corpus/<spec>/manifest.toml` lists every document of `corpus/<spec>/valid/` and
//! `corpus/<spec>/invalid/` as a `[[doc]]` entry:
//!
//! ```toml
//! [[doc]]
//! file = "invalid/incident-without-contact.xml"
//! verdict = "invalid"
//! requirements = ["RFC7970-3.2-incident"]   # exactly the IDs of its error diagnostics
//! purpose = "An Incident with no Contact."
//! # Only when the XSD oracle (xmllint) must disagree, and why:
//! xmllint = "valid"
//! xmllint_reason = "RFC prose stricter than the XSD: RFC7970-5.1.1-ext-value"
//! ```

use super::{Options, Report, Verdict};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One manifest entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path relative to the manifest's folder.
    pub file: String,
    /// `valid` or `invalid`.
    pub verdict: String,
    /// For invalid documents: the requirement IDs its errors cite (exactly).
    #[serde(default)]
    pub requirements: Vec<String>,
    /// The requirement IDs its warnings cite (exactly), when given (SHOULD rules).
    #[serde(default)]
    pub warnings: Option<Vec<String>>,
    /// One sentence: what the document shows.
    pub purpose: String,
    /// What the XSD oracle says when it differs from `verdict`.
    #[serde(default)]
    pub xmllint: Option<String>,
    /// Why the oracle differs.
    #[serde(default)]
    pub xmllint_reason: Option<String>,
}

impl Entry {
    /// The verdict xmllint must give.
    pub fn oracle_verdict(&self) -> &str {
        self.xmllint.as_deref().unwrap_or(&self.verdict)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    doc: Vec<Entry>,
}

/// A manifest with its folder.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The folder (e.g. `corpus/iodef-2.0`).
    pub dir: PathBuf,
    /// The spec name (folder name).
    pub spec: String,
    /// Entries, in file order.
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// The document kind of this corpus folder, when the folder holds one kind (documents that
    /// fail before their root element then cite that kind's requirements). The extension folders
    /// (`iodef-phish-1.0`, `thraud-1.0`, `iodef-sci-1.0`) hold IODEF 1.0 documents and the IODEF
    /// 2.0 documents that misuse the extension, so they accept every kind.
    pub fn kind(&self) -> Option<super::DocKind> {
        match self.spec.as_str() {
            "iodef-2.0" => Some(super::DocKind::Iodef2),
            "iodef-1.0" => Some(super::DocKind::Iodef1),
            "rid" => Some(super::DocKind::Rid),
            _ => None,
        }
    }

    /// Load `dir/manifest.toml` and check it against the files present: every document listed,
    /// every listed document present, verdicts well-formed.
    pub fn load(dir: &Path) -> Result<Manifest, String> {
        let path = dir.join("manifest.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let m: ManifestFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut problems = Vec::new();
        let mut listed = BTreeSet::new();
        for e in &m.doc {
            if !listed.insert(e.file.clone()) {
                problems.push(format!("{} is listed twice", e.file));
            }
            if e.verdict != "valid" && e.verdict != "invalid" {
                problems.push(format!("{}: verdict must be valid or invalid, not {:?}", e.file, e.verdict));
            }
            if e.verdict == "invalid" && e.requirements.is_empty() {
                problems.push(format!("{}: an invalid document must name the requirements it breaks", e.file));
            }
            if e.verdict == "valid" && !e.requirements.is_empty() {
                problems.push(format!("{}: a valid document breaks no MUST; list SHOULD rules under warnings", e.file));
            }
            if e.xmllint.is_some() != e.xmllint_reason.is_some() {
                problems.push(format!("{}: xmllint and xmllint_reason go together", e.file));
            }
            if !dir.join(&e.file).is_file() {
                problems.push(format!("{}: listed but missing", e.file));
            }
        }
        for sub in ["valid", "invalid"] {
            let Ok(rd) = std::fs::read_dir(dir.join(sub)) else { continue };
            for f in rd.flatten() {
                let name = format!("{sub}/{}", f.file_name().to_string_lossy());
                if name.ends_with(".xml") && !listed.contains(&name) {
                    problems.push(format!("{name}: present but not in the manifest"));
                }
            }
        }
        if !problems.is_empty() {
            return Err(format!("{}:\n  {}", path.display(), problems.join("\n  ")));
        }
        let spec = dir.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        Ok(Manifest { dir: dir.to_path_buf(), spec, entries: m.doc })
    }

    /// All manifests under a corpus root (one per sub-folder with a `manifest.toml`).
    pub fn load_all(root: &Path) -> Result<Vec<Manifest>, String> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
            .map_err(|e| format!("{}: {e}", root.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("manifest.toml").is_file())
            .collect();
        dirs.sort();
        dirs.iter().map(|d| Manifest::load(d)).collect()
    }
}

/// How one document fared.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Spec folder.
    pub spec: String,
    /// The entry.
    pub entry: Entry,
    /// The report.
    pub report: Report,
    /// What differs from the manifest (empty when as expected).
    pub problems: Vec<String>,
}

/// The result of a corpus run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every document.
    pub docs: Vec<Checked>,
}

/// Compare a report with its manifest entry.
pub fn compare(entry: &Entry, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let got = report.verdict();
    let want = if entry.verdict == "valid" { Verdict::Valid } else { Verdict::Invalid };
    if got != want {
        problems.push(format!("verdict {} (expected {})", got.as_str(), want.as_str()));
    }
    if want == Verdict::Invalid {
        let got_ids: BTreeSet<String> = report.error_requirements().iter().map(|s| s.to_string()).collect();
        let want_ids: BTreeSet<String> = entry.requirements.iter().cloned().collect();
        if got_ids != want_ids {
            problems.push(format!("requirements {got_ids:?} (expected {want_ids:?})"));
        }
    }
    if let Some(want) = &entry.warnings {
        let got: BTreeSet<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .map(|d| d.requirement.id.to_string())
            .collect();
        let want: BTreeSet<String> = want.iter().cloned().collect();
        if got != want {
            problems.push(format!("warnings {got:?} (expected {want:?})"));
        }
    }
    problems
}

/// Validate every document of every manifest under `root`.
pub fn run(root: &Path) -> Result<Outcome, String> {
    let manifests = Manifest::load_all(root)?;
    if manifests.is_empty() {
        return Err(format!("{}: no corpus manifests found", root.display()));
    }
    let mut docs = Vec::new();
    for m in manifests {
        let opts = Options { expect: m.kind(), ..Options::default() };
        let inputs: Vec<super::Input> = m.entries.iter().map(|e| super::Input::File(m.dir.join(&e.file))).collect();
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        let reports = super::validate_all(&inputs, &opts, jobs);
        for (e, r) in m.entries.iter().zip(reports) {
            let problems = compare(e, &r);
            docs.push(Checked { spec: m.spec.clone(), entry: e.clone(), report: r, problems });
        }
        for f in load_flows(&m.dir)? {
            let problems = check_flow(&m.dir, &f);
            let entry = Entry {
                file: format!("{} -> {}", f.request, f.answer),
                verdict: f.verdict.clone(),
                requirements: f.requirements.clone(),
                warnings: None,
                purpose: f.purpose.clone(),
                xmllint: None,
                xmllint_reason: None,
            };
            let report =
                Report { source: entry.file.clone(), kind: None, encoding: None, diagnostics: vec![], io_error: None };
            docs.push(Checked { spec: format!("{} flows", m.spec), entry, report, problems });
        }
    }
    Ok(Outcome { docs })
}

impl Outcome {
    /// Did every document get its expected verdict and requirements?
    pub fn all_as_expected(&self) -> bool {
        self.docs.iter().all(|d| d.problems.is_empty())
    }

    /// A plain-text summary per spec plus every mismatch.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut specs: Vec<&str> = self.docs.iter().map(|d| d.spec.as_str()).collect();
        specs.dedup();
        for spec in specs {
            let docs: Vec<&Checked> = self.docs.iter().filter(|d| d.spec == spec).collect();
            let valid = docs.iter().filter(|d| d.entry.verdict == "valid").count();
            let ok = docs.iter().filter(|d| d.problems.is_empty()).count();
            let _ = writeln!(
                out,
                "{spec}: {} documents ({valid} valid, {} invalid): {ok} as expected, {} not",
                docs.len(),
                docs.len() - valid,
                docs.len() - ok
            );
            for d in docs.iter().filter(|d| !d.problems.is_empty()) {
                let _ = writeln!(out, "  MISMATCH {}: {}", d.entry.file, d.problems.join("; "));
            }
        }
        let bad = self.docs.iter().filter(|d| !d.problems.is_empty()).count();
        let _ = writeln!(out, "{} passed, {} failed", self.docs.len() - bad, bad);
        out
    }
}

/// For each requirement ID, the invalid corpus documents (and flow pairs) that cite it.
pub fn coverage(root: &Path) -> Result<std::collections::BTreeMap<String, Vec<String>>, String> {
    let mut map: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for m in Manifest::load_all(root)? {
        for e in &m.entries {
            for r in e.requirements.iter().chain(e.warnings.iter().flatten()) {
                map.entry(r.clone()).or_default().push(format!("{}/{}", m.spec, e.file));
            }
        }
        for f in load_flows(&m.dir)? {
            for r in &f.requirements {
                map.entry(r.clone()).or_default().push(format!("{}/{} -> {}", m.spec, f.request, f.answer));
            }
        }
    }
    Ok(map)
}

/// A request/answer pair of `corpus/rid/flows.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// The request, relative to the manifest folder.
    pub request: String,
    /// The answer; empty for an HTTP response with an empty body and no callback.
    pub answer: String,
    /// The status of the HTTP response to the request: with 200 the answer is its body; with
    /// 202 the body is empty and the answer comes later by callback.
    pub http_status: u16,
    /// `valid` (default) or `invalid`.
    #[serde(default = "valid")]
    pub verdict: String,
    /// The requirement IDs of the flow findings (exactly; warnings included).
    #[serde(default)]
    pub requirements: Vec<String>,
    /// One sentence.
    pub purpose: String,
}

fn valid() -> String {
    "valid".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FlowsFile {
    flow: Vec<Flow>,
}

/// The flow pairs of a corpus folder (`flows.toml`), if it has any.
pub fn load_flows(dir: &Path) -> Result<Vec<Flow>, String> {
    let path = dir.join("flows.toml");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let f: FlowsFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(f.flow)
}

fn read_message(path: &Path) -> Result<crate::rid::RidMessage, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let tree =
        crate::xml::tree::parse(&bytes[..], Default::default()).map_err(|e| format!("{}: {e}", path.display()))?;
    crate::rid::RidMessage::from_element(&tree).map_err(|e| format!("{}: {e}", path.display()))
}

/// The flow findings for a pair: the HTTP response to the request (its status, and its body
/// when the status is 200), then for a 202 the answer delivered later by callback.
pub fn flow_findings(dir: &Path, f: &Flow) -> Result<Vec<crate::rid::flow::Finding>, String> {
    use crate::rid::flow::{Reply, check_answer};
    let request = read_message(&dir.join(&f.request))?;
    let answer = if f.answer.is_empty() { None } else { Some(read_message(&dir.join(&f.answer))?) };
    let body_len = match (&answer, f.http_status) {
        (Some(_), 200) => std::fs::metadata(dir.join(&f.answer)).map_or(1, |m| m.len() as usize),
        _ => 0,
    };
    let in_body = if f.http_status == 202 { None } else { answer.as_ref() };
    let http = Reply::Http {
        status: f.http_status,
        content_type: Some("text/xml"),
        body_len,
        message: in_body,
        token: (f.http_status == 202).then_some("flow-callback-1"),
    };
    let mut out = check_answer(&request, false, &http);
    if let (202, Some(a)) = (f.http_status, &answer) {
        out.extend(check_answer(&request, false, &Reply::Callback(a)));
    }
    Ok(out)
}

/// Check one flow pair: both messages valid, and the flow findings exactly those listed.
pub fn check_flow(dir: &Path, f: &Flow) -> Vec<String> {
    let mut problems = Vec::new();
    let opts = Options { expect: Some(super::DocKind::Rid), ..Options::default() };
    for file in [&f.request, &f.answer] {
        if file.is_empty() {
            continue;
        }
        let r = super::validate_file(&dir.join(file), &opts);
        if r.verdict() != Verdict::Valid {
            problems.push(format!("{file} is not a valid RID message: {:?}", r.error_requirements()));
        }
    }
    match flow_findings(dir, f) {
        Err(e) => problems.push(e),
        Ok(findings) => {
            let got: BTreeSet<String> = findings.iter().map(|x| x.req.to_string()).collect();
            let want: BTreeSet<String> = f.requirements.iter().cloned().collect();
            if got != want {
                problems.push(format!("flow findings {got:?} (expected {want:?})"));
            }
            let errors =
                findings.iter().any(|x| crate::schema::engine::severity_of(x.req) == crate::diag::Severity::Error);
            if errors != (f.verdict == "invalid") {
                problems.push(format!("verdict {} (expected {})", if errors { "invalid" } else { "valid" }, f.verdict));
            }
        }
    }
    problems
}
