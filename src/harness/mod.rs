//! The conformance harness behind `mile check`: Gherkin features (embedded in the binary) run by
//! cucumber against a subject: a RID server on the network, or the reference peer in-process.
//!
//! # Design
//! - Features in `features/<group>/*.feature` say what is sent, what is expected and which RFC
//!   section says so; each scenario is tagged with requirement IDs (`@RFC6546-3-table1`) and a
//!   direction (`@server`). Steps (`steps`) are a few lines over the library; the World
//!   (`world`) holds the subject, the evidence and the findings.
//! - A finding cites a catalog requirement; its level sets the tier: MUST fails the scenario,
//!   SHOULD warns (`strict` makes it fail), MAY informs. A scenario the subject cannot exercise
//!   is "unimplemented"; one that cannot run here is "skipped" with a reason; a harness problem
//!   is an "error". Nothing is decided without looking at the wire.
//! - Scenarios are addressed like the spec (`rfc6546/3`), by group, by requirement ID or by
//!   `group/file.feature:line`, and can be sharded.

pub mod cli;
pub mod client;
pub mod documents;
pub mod embedded;
pub mod results;
mod steps;
pub mod subject;
pub mod world;

use cucumber::World as _;
use cucumber::feature::Ext as _;
use cucumber::gherkin;
use futures::FutureExt as _;
use results::{Exchange, Finding, RunResults, ScenarioResult, SubjectInfo, Totals, Verdict};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
pub use subject::{HarnessError, Reference, SharedPki, Subject, Target, TargetSpec};
use world::{Aside, RidWorld};

/// One scenario as listed (after Scenario Outline expansion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioInfo {
    /// `group/file.feature:line`.
    pub id: String,
    /// Scenario name.
    pub name: String,
    /// Feature name.
    pub feature: String,
    /// `transport`, `tls`, `flows`, `policy`, `schema`.
    pub group: String,
    /// `server`, `client` or `documents`.
    pub direction: String,
    /// Requirement IDs (tags starting with `RFC`).
    pub requirements: Vec<String>,
    /// Every tag.
    pub tags: Vec<String>,
    /// Steps as written (`Given ...`).
    pub steps: Vec<String>,
}

fn id_of(feature: &gherkin::Feature, scenario: &gherkin::Scenario) -> String {
    let path = feature.path.as_ref().map_or(String::new(), |p| p.to_string_lossy().replace('\\', "/"));
    format!("{path}:{}", scenario.position.line)
}

fn info_of(feature: &gherkin::Feature, scenario: &gherkin::Scenario) -> ScenarioInfo {
    let tags: Vec<String> = feature.tags.iter().chain(scenario.tags.iter()).cloned().collect();
    let id = id_of(feature, scenario);
    ScenarioInfo {
        group: id.split('/').next().unwrap_or("").to_string(),
        id,
        name: scenario.name.clone(),
        feature: feature.name.clone(),
        direction: ["server", "client", "documents"]
            .into_iter()
            .find(|d| tags.iter().any(|t| t == d))
            .unwrap_or("server")
            .to_string(),
        requirements: tags.iter().filter(|t| t.starts_with("RFC")).cloned().collect(),
        steps: scenario.steps.iter().map(|s| format!("{} {}", s.keyword.trim(), s.value)).collect(),
        tags,
    }
}

/// The embedded features, parsed and with outlines expanded, in path order.
pub fn features() -> Result<Vec<gherkin::Feature>, HarnessError> {
    let mut out = Vec::new();
    for (path, text) in embedded::FEATURES {
        let mut f = gherkin::Feature::parse(text, gherkin::GherkinEnv::default())
            .map_err(|e| HarnessError::Setup(format!("features/{path}: {e}")))?;
        f.path = Some(PathBuf::from(path));
        let f = f.expand_examples().map_err(|e| HarnessError::Setup(format!("features/{path}: {e}")))?;
        out.push(f);
    }
    Ok(out)
}

/// Every scenario, in feature order.
pub fn scenarios() -> Result<Vec<ScenarioInfo>, HarnessError> {
    Ok(features()?.iter().flat_map(|f| f.scenarios.iter().map(|s| info_of(f, s)).collect::<Vec<_>>()).collect())
}

/// Which scenarios to run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Addresses: `rfc6546/3`, `rfc6545/6.1`, a requirement ID, a group (`tls`), or a scenario ID
    /// (`tls/versions.feature:12`). Empty: everything.
    pub addresses: Vec<String>,
    /// Tags every selected scenario has (`@server`, `RFC6546-3-table1`).
    pub tags: Vec<String>,
    /// `(i, n)`: keep scenarios whose index modulo n is i-1.
    pub shard: Option<(usize, usize)>,
    /// Direction to run (`server`); `None`: all.
    pub direction: Option<String>,
}

fn address_matches(addr: &str, s: &ScenarioInfo) -> bool {
    let a = addr.trim().trim_end_matches('/');
    if a.is_empty() {
        return true;
    }
    if s.id == a || s.group == a || s.id.starts_with(&format!("{a}/")) || s.id.split(':').next() == Some(a) {
        return true;
    }
    if s.requirements.iter().any(|r| r.eq_ignore_ascii_case(a)) {
        return true;
    }
    // rfc6546/3 or rfc6545/6.1: RFC number and section prefix.
    let lower = a.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("rfc") {
        let (num, sec) = rest.split_once('/').unwrap_or((rest, ""));
        return s.requirements.iter().any(|r| {
            let mut parts = r.splitn(3, '-');
            let rnum = parts.next().unwrap_or("").trim_start_matches("RFC");
            let rsec = parts.next().unwrap_or("");
            rnum == num && (sec.is_empty() || rsec == sec || rsec.starts_with(&format!("{sec}.")))
        });
    }
    false
}

impl Selection {
    /// The selected scenarios, in order.
    pub fn apply(&self, all: &[ScenarioInfo]) -> Vec<ScenarioInfo> {
        let mut picked: Vec<ScenarioInfo> = all
            .iter()
            .filter(|s| self.addresses.is_empty() || self.addresses.iter().any(|a| address_matches(a, s)))
            .filter(|s| {
                self.tags.iter().all(|t| {
                    let t = t.trim_start_matches('@');
                    s.tags.iter().any(|x| x.eq_ignore_ascii_case(t))
                })
            })
            .filter(|s| self.direction.as_ref().is_none_or(|d| &s.direction == d))
            .cloned()
            .collect();
        if let Some((i, n)) = self.shard {
            picked = picked.into_iter().enumerate().filter(|(k, _)| k % n == i - 1).map(|(_, s)| s).collect();
        }
        picked
    }

    /// The selection in words, for reports.
    pub fn describe(&self) -> Vec<String> {
        let mut v = self.addresses.clone();
        v.extend(self.tags.iter().map(|t| format!("@{}", t.trim_start_matches('@'))));
        if let Some((i, n)) = self.shard {
            v.push(format!("shard {i}/{n}"));
        }
        v
    }
}

/// A known failure (`--expect FILE`): a scenario ID or requirement ID, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// Scenario ID, scenario name or requirement ID.
    pub what: String,
    /// Why it is expected to fail.
    pub reason: String,
}

/// Parses an expect file: one entry a line, `ID  reason` (`#` starts a comment). Every entry
/// needs a reason.
pub fn parse_expectations(text: &str) -> Result<Vec<Expectation>, HarnessError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (what, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        if reason.trim().is_empty() {
            return Err(HarnessError::Usage(format!("expect file line {}: {what} has no reason", n + 1)));
        }
        out.push(Expectation { what: what.to_string(), reason: reason.trim().to_string() });
    }
    Ok(out)
}

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Which scenarios.
    pub selection: Selection,
    /// SHOULD findings fail.
    pub strict: bool,
    /// Stop after the first failure.
    pub fail_fast: bool,
    /// Scenarios run at once (at least 1).
    pub concurrency: usize,
    /// Known failures.
    pub expect: Vec<Expectation>,
    /// What is tested, for the report.
    pub subject: SubjectInfo,
    /// Called after each scenario (progress).
    pub progress: Option<Progress>,
}

/// A callback after each scenario (progress lines for humans).
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(&ScenarioResult) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// The embedded features as a cucumber parser input.
struct Embedded;

impl cucumber::Parser<Vec<gherkin::Feature>> for Embedded {
    type Cli = cucumber::cli::Empty;
    type Output = futures::stream::Iter<std::vec::IntoIter<cucumber::parser::Result<gherkin::Feature>>>;

    fn parse(self, input: Vec<gherkin::Feature>, _cli: Self::Cli) -> Self::Output {
        futures::stream::iter(input.into_iter().map(Ok).collect::<Vec<_>>())
    }
}

/// The verdict of a finished scenario from its World.
fn verdict_of(
    w: Option<&RidWorld>,
    ev: &cucumber::event::ScenarioFinished,
    strict: bool,
) -> (Verdict, Option<String>, Vec<Finding>, Vec<Exchange>) {
    use cucumber::event::ScenarioFinished as F;
    let Some(w) = w else {
        return (Verdict::Error, Some("the scenario did not start".into()), Vec::new(), Vec::new());
    };
    let findings = w.findings.clone();
    let exchanges = w.exchanges.clone();
    match &w.aside {
        Some(Aside::Skipped(r)) => return (Verdict::Skipped, Some(r.clone()), findings, exchanges),
        Some(Aside::Unimplemented(r)) => return (Verdict::Unimplemented, Some(r.clone()), findings, exchanges),
        Some(Aside::Error(r)) => return (Verdict::Error, Some(r.clone()), findings, exchanges),
        None => {}
    }
    let verdict = if findings.iter().any(Finding::is_must) || (strict && findings.iter().any(Finding::is_should)) {
        Verdict::Failed
    } else if findings.iter().any(Finding::is_should) {
        Verdict::Warned
    } else if !findings.is_empty() {
        Verdict::Informed
    } else {
        match ev {
            F::StepPassed => Verdict::Passed,
            F::StepSkipped => {
                return (Verdict::Error, Some("a step matches no step definition".into()), findings, exchanges);
            }
            F::StepFailed(_, _, e) => {
                return (Verdict::Error, Some(format!("step failed without a finding: {e}")), findings, exchanges);
            }
            F::BeforeHookFailed(_) => {
                return (Verdict::Error, Some("the before hook failed".into()), findings, exchanges);
            }
        }
    };
    (verdict, None, findings, exchanges)
}

/// What a run is tested against: a RID server, documents or a library (either may be absent; its
/// scenarios are then skipped).
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    /// The RID server under test.
    pub server: Option<Arc<Subject>>,
    /// The documents or library under test.
    pub documents: Option<Arc<documents::DocSubject>>,
    /// The RID client under test.
    pub client: Option<Arc<client::ClientSubject>>,
}

impl From<Arc<Subject>> for Subjects {
    fn from(s: Arc<Subject>) -> Subjects {
        Subjects { server: Some(s), documents: None, client: None }
    }
}

/// Runs the selected scenarios against `subjects`.
pub async fn run(subjects: impl Into<Subjects>, opts: &RunOptions) -> Result<RunResults, HarnessError> {
    let subjects: Subjects = subjects.into();
    let started = Instant::now();
    let started_at = crate::peer::store::now_rfc3339();
    let features = features()?;
    let all: Vec<ScenarioInfo> =
        features.iter().flat_map(|f| f.scenarios.iter().map(|s| info_of(f, s)).collect::<Vec<_>>()).collect();
    let selected = opts.selection.apply(&all);
    let order: BTreeMap<String, usize> = selected.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    let wanted: HashSet<String> = order.keys().cloned().collect();
    let collected: Arc<Mutex<Vec<ScenarioResult>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));

    let before_subjects = subjects.clone();
    let before_stop = stop.clone();
    let after_sink = collected.clone();
    let after_stop = stop.clone();
    let strict = opts.strict;
    let fail_fast = opts.fail_fast;
    let progress = opts.progress.clone();
    let expect = opts.expect.clone();

    let cucumber = RidWorld::cucumber::<&str>()
        .with_parser(Embedded)
        .with_writer(cucumber::writer::Basic::new(std::io::sink(), cucumber::writer::Coloring::Never, 0))
        .with_default_cli()
        .max_concurrent_scenarios(Some(if fail_fast { 1 } else { opts.concurrency.max(1) }))
        .before(move |feature, _rule, scenario, world| {
            world.subject = before_subjects.server.clone();
            world.docs = before_subjects.documents.clone();
            world.client = before_subjects.client.clone();
            world.stop = Some(before_stop.clone());
            world.scenario_req = info_of(feature, scenario).requirements.first().cloned().unwrap_or_default();
            world.started = Some(Instant::now());
            async {}.boxed_local()
        })
        .after(move |feature, _rule, scenario, ev, world| {
            let info = info_of(feature, scenario);
            let world = world.map(|w| &*w);
            let (mut verdict, mut reason, findings, exchanges) = verdict_of(world, ev, strict);
            let judged: Vec<String> = world.map(|w| w.judged.iter().cloned().collect()).unwrap_or_default();
            let duration_ms = world.and_then(|w| w.started).map_or(0, |t| t.elapsed().as_millis() as u64);
            if let Some(e) =
                expect.iter().find(|e| e.what == info.id || e.what == info.name || info.requirements.contains(&e.what))
            {
                match verdict {
                    Verdict::Failed => {
                        verdict = Verdict::Expected;
                        reason = Some(format!("known failure: {}", e.reason));
                    }
                    Verdict::Passed => {
                        reason = Some(format!("listed in --expect ({}) but passed: remove it from the list", e.reason));
                    }
                    _ => {}
                }
            }
            if verdict == Verdict::Failed && fail_fast {
                after_stop.store(true, Ordering::Relaxed);
            }
            let r = ScenarioResult {
                id: info.id,
                name: info.name,
                feature: info.feature,
                group: info.group,
                direction: info.direction,
                requirements: info.requirements,
                verdict,
                reason,
                findings,
                steps: info.steps,
                exchanges,
                judged,
                duration_ms,
            };
            if let Some(p) = &progress {
                (p.0)(&r);
            }
            after_sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(r);
            async {}.boxed_local()
        });
    cucumber.filter_run(features, move |f, _, s| wanted.contains(&id_of(f, s))).await;

    let mut scenarios = std::mem::take(&mut *collected.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    scenarios.sort_by_key(|s| order.get(&s.id).copied().unwrap_or(usize::MAX));
    let mut results = RunResults {
        format: results::FORMAT.into(),
        mile_version: env!("CARGO_PKG_VERSION").into(),
        started: started_at,
        duration_ms: started.elapsed().as_millis() as u64,
        subject: opts.subject.clone(),
        strict: opts.strict,
        selection: opts.selection.describe(),
        totals: Totals::default(),
        requirements: Vec::new(),
        scenarios,
    };
    results.summarise();
    Ok(results)
}
