//! The results of a run: one record per scenario with its verdict, findings and evidence, and the
//! per-requirement summary. Serialised as `results.json` (format `mile-check/1`, documented in
//! `docs/results-json.md`).

use crate::requirements::{self, Level};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format tag of `results.json`.
pub const FORMAT: &str = "mile-check/1";

/// The verdict of one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every check held.
    Passed,
    /// Only SHOULD-level findings (a failure with `--strict`).
    Warned,
    /// Only MAY-level findings: information.
    Informed,
    /// A MUST-level finding.
    Failed,
    /// A known failure listed in `--expect` (with its reason).
    Expected,
    /// The subject does not use the feature the scenario checks (e.g. it never answers 202).
    Unimplemented,
    /// Not run, with a reason (missing tool or input, filtered by fail-fast).
    Skipped,
    /// The harness itself failed in this scenario.
    Error,
}

impl Verdict {
    /// Its name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Warned => "warned",
            Verdict::Informed => "informed",
            Verdict::Failed => "failed",
            Verdict::Expected => "expected-failure",
            Verdict::Unimplemented => "unimplemented",
            Verdict::Skipped => "skipped",
            Verdict::Error => "error",
        }
    }
}

/// One way in which the subject broke a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The requirement ID.
    pub requirement: String,
    /// Its level (MUST, SHOULD, MAY).
    pub level: String,
    /// What the rule expects.
    pub expected: String,
    /// What was observed.
    pub actual: String,
}

impl Finding {
    /// A finding citing `requirement`; its level comes from the catalog (unknown IDs count as MUST).
    pub fn new(requirement: &str, expected: impl Into<String>, actual: impl Into<String>) -> Finding {
        let level = requirements::lookup(requirement).map_or(Level::Must, |r| r.level);
        Finding {
            requirement: requirement.to_string(),
            level: level.as_str().to_string(),
            expected: expected.into(),
            actual: actual.into(),
        }
    }

    /// Does it fail the scenario (MUST or schema level)?
    pub fn is_must(&self) -> bool {
        matches!(self.level.as_str(), "MUST" | "XSD")
    }

    /// Is it a SHOULD?
    pub fn is_should(&self) -> bool {
        self.level == "SHOULD"
    }
}

/// One HTTP exchange (or probe) with the subject, as evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// What the harness did, in one line.
    pub label: String,
    /// The request as sent: request line, headers, body (cut at 16 KiB).
    pub request: String,
    /// The response: status line, headers, body (cut at 16 KiB); empty when there was none.
    pub response: String,
    /// Transport failure, if the exchange did not get a response.
    pub error: Option<String>,
    /// TLS details: our identity, the server certificate, the connection number.
    pub tls: String,
}

/// The record of one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioResult {
    /// Stable address: `group/file.feature:line`.
    pub id: String,
    /// Scenario name.
    pub name: String,
    /// Feature name.
    pub feature: String,
    /// Group (folder of the feature).
    pub group: String,
    /// Direction: server, client or documents.
    pub direction: String,
    /// Requirement IDs from its tags.
    pub requirements: Vec<String>,
    /// Verdict.
    pub verdict: Verdict,
    /// Why skipped / unimplemented / error / expected.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
    /// Findings (each with expected and actual).
    pub findings: Vec<Finding>,
    /// The steps, as written.
    pub steps: Vec<String>,
    /// Evidence.
    pub exchanges: Vec<Exchange>,
    /// Requirements its steps judged (a requirement tagged but not judged was not reached).
    #[serde(default)]
    pub judged: Vec<String>,
    /// Wall time, milliseconds.
    pub duration_ms: u64,
}

/// Counts per verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Scenarios run or listed.
    pub scenarios: usize,
    /// Passed.
    pub passed: usize,
    /// Failed (MUST; SHOULD too with `--strict`).
    pub failed: usize,
    /// Warnings (SHOULD, without `--strict`).
    pub warned: usize,
    /// MAY findings.
    pub informed: usize,
    /// Known failures listed in `--expect`.
    pub expected: usize,
    /// Features the subject does not use.
    pub unimplemented: usize,
    /// Skipped with a reason.
    pub skipped: usize,
    /// Harness errors.
    pub errors: usize,
}

/// Coverage of one requirement in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementResult {
    /// The ID.
    pub id: String,
    /// MUST / SHOULD / MAY.
    pub level: String,
    /// Catalog summary.
    pub summary: String,
    /// Worst verdict over its scenarios.
    pub verdict: Verdict,
    /// Scenario IDs that check it.
    pub scenarios: Vec<String>,
}

/// What was tested.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectInfo {
    /// `reference` (in-process peer), `target`, `documents`.
    pub kind: String,
    /// Name of the implementation (for the interop matrix).
    pub name: String,
    /// URL or directory.
    pub location: String,
    /// Fault modes of the in-process peer.
    pub faults: Vec<String>,
}

/// A whole run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunResults {
    /// Always [`FORMAT`].
    pub format: String,
    /// `mile` version.
    pub mile_version: String,
    /// When the run started (RFC 3339).
    pub started: String,
    /// Wall time, milliseconds.
    pub duration_ms: u64,
    /// The subject.
    pub subject: SubjectInfo,
    /// SHOULD findings fail.
    pub strict: bool,
    /// The selection, as given.
    pub selection: Vec<String>,
    /// Counts.
    pub totals: Totals,
    /// Per requirement, in ID order.
    pub requirements: Vec<RequirementResult>,
    /// Per scenario, in feature order.
    pub scenarios: Vec<ScenarioResult>,
}

/// Severity order used to pick the worst verdict of a requirement.
fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Error => 7,
        Verdict::Failed => 6,
        Verdict::Expected => 5,
        Verdict::Warned => 4,
        Verdict::Informed => 3,
        Verdict::Passed => 2,
        Verdict::Unimplemented => 1,
        Verdict::Skipped => 0,
    }
}

impl RunResults {
    /// Recomputes totals and the per-requirement table from the scenarios.
    pub fn summarise(&mut self) {
        let mut t = Totals { scenarios: self.scenarios.len(), ..Totals::default() };
        let mut reqs: BTreeMap<String, (Verdict, Vec<String>)> = BTreeMap::new();
        for s in &self.scenarios {
            match s.verdict {
                Verdict::Passed => t.passed += 1,
                Verdict::Failed => t.failed += 1,
                Verdict::Warned => t.warned += 1,
                Verdict::Informed => t.informed += 1,
                Verdict::Expected => t.expected += 1,
                Verdict::Unimplemented => t.unimplemented += 1,
                Verdict::Skipped => t.skipped += 1,
                Verdict::Error => t.errors += 1,
            }
            for r in &s.requirements {
                let e = reqs.entry(r.clone()).or_insert((Verdict::Skipped, Vec::new()));
                // A requirement's verdict is that of its own findings where a scenario checks several.
                let own = requirement_verdict(s, r);
                if rank(own) > rank(e.0) || e.1.is_empty() {
                    e.0 = own;
                }
                e.1.push(s.id.clone());
            }
        }
        self.totals = t;
        self.requirements = reqs
            .into_iter()
            .map(|(id, (verdict, scenarios))| {
                let cat = requirements::lookup(&id);
                RequirementResult {
                    level: cat.map_or("MUST", |c| c.level.as_str()).to_string(),
                    summary: cat.map_or("(not in the catalog)", |c| c.summary).to_string(),
                    id,
                    verdict,
                    scenarios,
                }
            })
            .collect();
    }

    /// Is the run conformant (exit 0)?
    pub fn conformant(&self) -> bool {
        self.totals.failed == 0 && self.totals.errors == 0
    }

    /// The closing line: `N passed, N failed` (plus what else happened).
    pub fn closing_line(&self) -> String {
        let t = &self.totals;
        let mut s = format!("{} passed, {} failed", t.passed, t.failed);
        for (n, what) in [
            (t.warned, "warned"),
            (t.informed, "informed"),
            (t.expected, "expected failures"),
            (t.unimplemented, "unimplemented"),
            (t.skipped, "skipped"),
            (t.errors, "errors"),
        ] {
            if n > 0 {
                s.push_str(&format!(", {n} {what}"));
            }
        }
        s
    }
}

/// The verdict of scenario `s` as far as requirement `r` is concerned: judged by the findings
/// citing `r`; when none does, passed if one of its steps judged `r`, otherwise not counted.
fn requirement_verdict(s: &ScenarioResult, r: &str) -> Verdict {
    match s.verdict {
        Verdict::Failed | Verdict::Warned | Verdict::Informed => {
            let own: Vec<&Finding> = s.findings.iter().filter(|f| f.requirement == r).collect();
            if own.iter().any(|f| f.is_must()) {
                Verdict::Failed
            } else if own.iter().any(|f| f.is_should()) {
                // With --strict a SHOULD finding fails its scenario.
                if s.verdict == Verdict::Failed { Verdict::Failed } else { Verdict::Warned }
            } else if own.is_empty() && s.judged.iter().any(|j| j == r) {
                // Judged by a step of this scenario and not found broken.
                Verdict::Passed
            } else if own.is_empty() {
                // The scenario stopped on another requirement before judging this one.
                Verdict::Skipped
            } else {
                Verdict::Informed
            }
        }
        v => v,
    }
}
