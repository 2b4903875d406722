//! `mile check`: its arguments and what it prints. Kept in the library so that `main.rs` only
//! dispatches.

use super::results::{RunResults, ScenarioResult, SubjectInfo, Verdict};
use super::subject::{HarnessError, Reference, SharedPki, Target, TargetSpec};
use super::{RunOptions, Selection};
use crate::peer::faults::{FAULTS, Fault, Faults};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Arguments of `mile check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// What to run: `rfc6546/3`, `rfc6545/6.1`, a requirement ID, a group (`tls`) or a scenario ID
    /// (`tls/versions.feature:12`). Default: everything.
    pub select: Vec<String>,
    /// The RID server under test (`https://host:4590/`). Without it the reference peer runs
    /// in-process on loopback.
    #[arg(long)]
    pub target: Option<String>,
    /// Our client certificate (a peer the target lists).
    #[arg(long, requires = "target")]
    pub cert: Option<PathBuf>,
    /// Key of --cert.
    #[arg(long, requires = "target")]
    pub key: Option<PathBuf>,
    /// The CA of the target's certificate.
    #[arg(long, requires = "target")]
    pub ca: Option<PathBuf>,
    /// A `mile certs` directory whose CA the target trusts: enables the broken-certificate probes.
    #[arg(long, requires = "target")]
    pub pki: Option<PathBuf>,
    /// A valid certificate and key the target does not list as a peer: `CERT,KEY`.
    #[arg(long, requires = "target", value_delimiter = ',', num_args = 2)]
    pub unlisted: Vec<PathBuf>,
    /// A RID message the target's policy forbids (for the refusal scenario).
    #[arg(long, requires = "target")]
    pub forbidden: Option<PathBuf>,
    /// Listen here for the target's later answers (callbacks), e.g. `0.0.0.0:4590`: the address
    /// the harness's requests come from, at port 4590 unless the target is configured with
    /// another callback for us (RFC 6546 §3). Default: `127.0.0.1:4590` when the target is on
    /// loopback (when that port is free); otherwise no listener, and the callback scenarios skip.
    #[arg(long, requires = "target")]
    pub callback_listen: Option<std::net::SocketAddr>,
    /// Name of the implementation under test (for reports and the interop matrix).
    #[arg(long)]
    pub name: Option<String>,
    /// Run against the in-process reference peer with this fault mode (repeatable); implies --strict.
    #[arg(long = "peer-fault", conflicts_with = "target")]
    pub peer_fault: Vec<String>,
    /// Print the scenarios with their IDs and requirements without running them.
    #[arg(long)]
    pub list: bool,
    /// Only scenarios with all these tags (`@server`, `RFC6546-3-table1`); comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Run shard I of N (`2/4`).
    #[arg(long, value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Stop after the first failing scenario.
    #[arg(long)]
    pub fail_fast: bool,
    /// SHOULD findings fail (they warn otherwise).
    #[arg(long)]
    pub strict: bool,
    /// Known failures, one per line: `SCENARIO-OR-REQUIREMENT-ID  reason`.
    #[arg(long)]
    pub expect: Option<PathBuf>,
    /// Fail only on regressions against these earlier results.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Report directory (default `reports/<timestamp>`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write no report files.
    #[arg(long)]
    pub no_report: bool,
    /// Scenarios run at once.
    #[arg(long, default_value_t = 8)]
    pub jobs: usize,
    /// Time bound of one exchange, seconds.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    /// How long to wait for a later answer, seconds.
    #[arg(long, default_value_t = 10)]
    pub callback_wait: u64,
    /// Documents direction: judge the documents (*.xml) a tool produced, in this directory.
    #[arg(long, conflicts_with_all = ["target", "peer_fault"])]
    pub documents: Option<PathBuf>,
    /// Documents direction: drive a library through this adapter command (JSON lines on
    /// stdin/stdout, docs/adapter.md).
    #[arg(long, conflicts_with_all = ["target", "peer_fault"])]
    pub adapter: Option<String>,
    /// Client direction: run a RID server here and judge what the client under test sends.
    #[arg(long, requires = "client_cmd", conflicts_with_all = ["target", "peer_fault", "documents", "adapter"])]
    pub listen: Option<std::net::SocketAddr>,
    /// Client direction: the command that sends one message: `{url}`, `{file}`, the harness
    /// PKI as `{ca}`, `{cert}`, `{key}`, and `{callback}` (host:port where later answers are
    /// POSTed; without it, port 4590) are replaced (e.g. `mile send --to {url} --ca {ca} --cert
    /// {cert} --key {key} --listen {callback} {file}`). Exit 0 means delivered and answered.
    #[arg(long, requires = "listen")]
    pub client_cmd: Option<String>,
    /// List the fault modes of the reference peer.
    #[arg(long)]
    pub list_faults: bool,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (i, n) = s.split_once('/').ok_or("use I/N, e.g. 2/4")?;
    let i: usize = i.parse().map_err(|_| "I is not a number")?;
    let n: usize = n.parse().map_err(|_| "N is not a number")?;
    if n == 0 || i == 0 || i > n {
        return Err("use 1 <= I <= N".into());
    }
    Ok((i, n))
}

macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Runs `mile check`; returns the exit code (0 conformant, 1 nonconformant, 2 could not run).
pub fn main(a: CheckArgs) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mile check: cannot start the runtime: {e}");
            return 2;
        }
    };
    match rt.block_on(check(a)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mile check: {e}");
            2
        }
    }
}

fn selection(a: &CheckArgs) -> Selection {
    let direction = if a.documents.is_some() || a.adapter.is_some() {
        "documents"
    } else if a.listen.is_some() {
        "client"
    } else {
        "server"
    };
    Selection { addresses: a.select.clone(), tags: a.tags.clone(), shard: a.shard, direction: Some(direction.into()) }
}

async fn check(a: CheckArgs) -> Result<i32, HarnessError> {
    if a.list_faults {
        for (_, name, what, req) in FAULTS {
            say!("{name:<28} {req:<32} {what}");
        }
        return Ok(0);
    }
    let sel = selection(&a);
    if a.list {
        let picked = sel.apply(&super::scenarios()?);
        for s in &picked {
            say!("{:<36} @{:<9} {}  [{}]", s.id, s.direction, s.name, s.requirements.join(" "));
        }
        say!("{} scenarios", picked.len());
        return Ok(0);
    }
    let expect = match &a.expect {
        Some(p) => super::parse_expectations(
            &std::fs::read_to_string(p)
                .map_err(|e| HarnessError::Usage(format!("cannot read {}: {e}", p.display())))?,
        )?,
        None => Vec::new(),
    };
    let baseline: Option<RunResults> = match &a.baseline {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| HarnessError::Usage(format!("cannot read {}: {e}", p.display())))?;
            Some(
                serde_json::from_str(&text)
                    .map_err(|e| HarnessError::Usage(format!("{} is not a results.json: {e}", p.display())))?,
            )
        }
        None => None,
    };
    let mut faults = Vec::new();
    for f in &a.peer_fault {
        match Fault::parse(f) {
            Some(x) => faults.push(x),
            None => {
                return Err(HarnessError::Usage(format!("no fault mode {f:?} (see mile check --list-faults)")));
            }
        }
    }
    let human = std::io::stdout().is_terminal();
    let progress = super::Progress(Arc::new(move |r: &ScenarioResult| {
        if human {
            let mark = match r.verdict {
                Verdict::Passed => "ok  ",
                Verdict::Failed => "FAIL",
                Verdict::Warned => "warn",
                Verdict::Skipped => "skip",
                Verdict::Unimplemented => "n/a ",
                Verdict::Error => "ERR ",
                Verdict::Expected => "xfail",
                Verdict::Informed => "info",
            };
            say!("{mark} {}  {}", r.id, r.name);
        }
    }));
    let strict = a.strict || !faults.is_empty();
    let mut opts = RunOptions {
        selection: sel,
        strict,
        fail_fast: a.fail_fast,
        concurrency: a.jobs,
        expect,
        subject: SubjectInfo::default(),
        progress: Some(progress),
    };
    let results = if let (Some(listen), Some(cmd)) = (a.listen, &a.client_cmd) {
        let client = Arc::new(super::client::ClientSubject::start(cmd, listen, Duration::from_secs(a.timeout)).await?);
        if human {
            say!("waiting for your client: the harness listens on https://{}/", client.listen);
        }
        opts.concurrency = 1;
        opts.subject = SubjectInfo {
            kind: "client".into(),
            name: a.name.clone().unwrap_or_else(|| cmd.clone()),
            location: format!("https://{}/", client.listen),
            faults: Vec::new(),
        };
        super::run(super::Subjects { server: None, documents: None, client: Some(client) }, &opts).await?
    } else if a.documents.is_some() || a.adapter.is_some() {
        let adapter = match &a.adapter {
            Some(cmd) => Some(super::documents::Adapter::start(cmd, Duration::from_secs(a.timeout)).await?),
            None => None,
        };
        if let Some(d) = &a.documents {
            if !d.is_dir() {
                return Err(HarnessError::Usage(format!("{} is not a directory", d.display())));
            }
        }
        let name = match &adapter {
            Some(x) if !x.hello.name.is_empty() => format!("{} {}", x.hello.name, x.hello.version).trim().to_string(),
            _ => a.documents.as_ref().map_or(String::new(), |d| d.display().to_string()),
        };
        let location = match (&a.documents, &a.adapter) {
            (Some(d), Some(c)) => format!("{} + adapter {c}", d.display()),
            (Some(d), None) => d.display().to_string(),
            (None, Some(c)) => format!("adapter {c}"),
            (None, None) => String::new(),
        };
        opts.subject = SubjectInfo {
            kind: "documents".into(),
            name: a.name.clone().unwrap_or(name),
            location,
            faults: Vec::new(),
        };
        let docs = Arc::new(super::documents::DocSubject { dir: a.documents.clone(), adapter });
        let r = super::run(super::Subjects { server: None, documents: Some(docs.clone()), client: None }, &opts).await;
        if let Some(x) = &docs.adapter {
            x.stop().await;
        }
        r?
    } else {
        match &a.target {
            Some(url) => {
                let (Some(cert), Some(key), Some(ca)) = (a.cert.clone(), a.key.clone(), a.ca.clone()) else {
                    return Err(HarnessError::Usage("--target needs --cert, --key and --ca".into()));
                };
                let spec = TargetSpec {
                    url: if url.ends_with('/') { url.clone() } else { format!("{url}/") },
                    cert,
                    key,
                    ca,
                    pki: a.pki.clone(),
                    unlisted: match a.unlisted.as_slice() {
                        [c, k] => Some((c.clone(), k.clone())),
                        _ => None,
                    },
                    forbidden: a.forbidden.clone(),
                    callback_listen: a.callback_listen,
                    callback_wait: Duration::from_secs(a.callback_wait),
                    step_timeout: Duration::from_secs(a.timeout),
                };
                let target = Target::open(&spec).await?;
                target.reachable().await?;
                opts.subject = SubjectInfo {
                    kind: "target".into(),
                    name: a.name.clone().unwrap_or_else(|| url.clone()),
                    location: url.clone(),
                    faults: Vec::new(),
                };
                let r = super::run(target.subject.clone(), &opts).await;
                target.close().await;
                r?
            }
            None => {
                let pki = SharedPki::generate()?;
                let reference = Reference::start(&pki, Faults(faults.clone())).await?;
                opts.subject = SubjectInfo {
                    kind: "reference".into(),
                    name: a.name.clone().unwrap_or_else(|| {
                        if faults.is_empty() {
                            "mile reference peer".into()
                        } else {
                            format!("mile reference peer --fault {}", a.peer_fault.join(","))
                        }
                    }),
                    location: reference.subject.url.clone(),
                    faults: a.peer_fault.clone(),
                };
                let r = super::run(reference.subject.clone(), &opts).await;
                reference.shutdown().await;
                r?
            }
        }
    };
    print_failures(&results);
    let regressions = baseline.as_ref().map(|b| crate::report::regressions(b, &results));
    if !a.no_report {
        let dir = a.out.clone().unwrap_or_else(|| {
            PathBuf::from("reports").join(results.started.replace([':', '-'], "").replace('T', "-").replace('Z', ""))
        });
        match crate::report::write_all(&dir, &results) {
            Ok(()) => say!("reports written to {}", dir.display()),
            Err(e) => {
                eprintln!("mile check: cannot write reports to {}: {e}", dir.display());
                return Ok(2);
            }
        }
    }
    let code = match &regressions {
        Some(reg) => {
            for r in reg {
                say!("regression: {r}");
            }
            say!("{} regressions against the baseline", reg.len());
            i32::from(!reg.is_empty())
        }
        None => {
            let unexpected_passes =
                results.scenarios.iter().filter(|s| s.verdict == Verdict::Passed && s.reason.is_some()).count();
            if unexpected_passes > 0 {
                say!("{unexpected_passes} scenarios listed in --expect passed: update the list");
            }
            if results.totals.errors > 0 && results.totals.failed == 0 {
                2
            } else {
                i32::from(!results.conformant() || unexpected_passes > 0)
            }
        }
    };
    say!("{}", results.closing_line());
    Ok(code)
}

/// Prints every failure (what was sent, Expected, Actual) and a summary grouped by requirement.
fn print_failures(r: &RunResults) {
    let bad: Vec<&ScenarioResult> = r
        .scenarios
        .iter()
        .filter(|s| matches!(s.verdict, Verdict::Failed | Verdict::Warned | Verdict::Error))
        .collect();
    for s in &bad {
        say!("");
        say!("{} {}  {}", s.verdict.as_str().to_uppercase(), s.id, s.name);
        say!("  requirements: {}", s.requirements.join(", "));
        if let Some(reason) = &s.reason {
            say!("  reason: {reason}");
        }
        for x in &s.exchanges {
            say!("  sent: {}", x.label);
            if let Some(line) = x.request.lines().next() {
                say!("        {line}");
            }
            match (&x.error, x.response.lines().next()) {
                (Some(e), _) => say!("        -> {e}"),
                (None, Some(line)) if !line.is_empty() => say!("        -> {line}"),
                _ => {}
            }
        }
        for f in &s.findings {
            say!("  [{} {}]", f.level, f.requirement);
            say!("    Expected: {}", f.expected);
            say!("    Actual:   {}", f.actual);
        }
    }
    let mut by_req: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
    for s in &bad {
        for f in &s.findings {
            by_req.entry(f.requirement.as_str()).or_default().push(s.id.as_str());
        }
    }
    if !by_req.is_empty() {
        say!("");
        say!("Findings by requirement:");
        for (req, ids) in &by_req {
            let level = crate::requirements::lookup(req).map_or("MUST", |c| c.level.as_str());
            say!("  {req} ({level}): {}", ids.join(", "));
        }
    }
    let skipped: Vec<&ScenarioResult> =
        r.scenarios.iter().filter(|s| matches!(s.verdict, Verdict::Skipped | Verdict::Unimplemented)).collect();
    if !skipped.is_empty() {
        say!("");
        for s in skipped {
            say!("{} {}: {}", s.verdict.as_str(), s.id, s.reason.as_deref().unwrap_or(""));
        }
    }
    say!("");
}
