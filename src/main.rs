//! The `mile` command line: parses arguments and calls the library.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand, ValueEnum};
use mile::diag::{render_human, render_plain_line};
use mile::validate::{self, Options, Summary, Verdict};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[path = "cli/peer.rs"]
mod peer_cli;

/// Print to standard output, ignoring a closed pipe (`mile requirements | head`).
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "mile",
    version,
    about = "Conformance suite, reference peer and interop harness for IETF MILE (IODEF, RID)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate IODEF / RID documents (files, directories, or - for standard input).
    Validate(ValidateArgs),
    /// Check every corpus document against its manifest (verdict and requirement IDs).
    Corpus(CorpusArgs),
    /// Print the requirement catalog with the corpus documents that exercise each entry.
    Requirements(RequirementsArgs),
    /// Explain one requirement: level, summary, how it is tested, which documents cover it.
    Explain {
        /// Requirement ID, e.g. RFC7970-3.2-incident.
        id: String,
        /// Corpus root.
        #[arg(long, default_value = "corpus")]
        corpus: String,
    },
    /// Generate a test PKI for RID over HTTPS: CA, server, client, peers and broken certificates.
    Certs(CertsArgs),
    /// Run the conformance scenarios against a RID server (--target), or against the reference
    /// peer started in-process (the default).
    Check(Box<mile::harness::cli::CheckArgs>),
    /// Build reports from results.json files (interop matrix).
    Report(mile::report::ReportArgs),
    /// Run the reference RID peer (validates, applies policy, stores durably, answers), or list its log.
    Peer(peer_cli::PeerArgs),
    /// Send one RID message to a peer and judge its answer (flow table, RFC 6546 Table 1).
    Send(peer_cli::SendArgs),
}

#[derive(clap::Args)]
struct CertsArgs {
    /// Output directory.
    #[arg(long, default_value = "certs")]
    out: std::path::PathBuf,
    /// Extra peer identities, comma-separated (each gives peer-NAME.crt for NAME.localhost).
    #[arg(long, value_delimiter = ',')]
    peers: Vec<String>,
    /// Key algorithm (ECDSA P-256 by default; RSA on request).
    #[arg(long, value_enum, default_value_t = KeyArg::EcdsaP256)]
    key: KeyArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum KeyArg {
    /// ECDSA P-256 with SHA-256.
    EcdsaP256,
    /// ECDSA P-384 with SHA-384.
    EcdsaP384,
    /// Ed25519.
    Ed25519,
    /// RSA 2048 with SHA-256 (slower to generate).
    Rsa2048,
}

#[derive(clap::Args)]
struct RequirementsArgs {
    /// Corpus root used for coverage.
    #[arg(long, default_value = "corpus")]
    corpus: String,
    /// Output as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct ValidateArgs {
    /// Files, directories (searched recursively for *.xml) or - for standard input.
    #[arg(required_unless_present = "schema")]
    paths: Vec<String>,
    /// An extension schema (XSD) to validate with, in addition to the built-in IODEF/RID tables
    /// (repeatable). Without documents, only checks that the schema compiles.
    #[arg(long, value_name = "FILE.xsd")]
    schema: Vec<std::path::PathBuf>,
    /// An OASIS XML catalog mapping the schemaLocations of imports to local files.
    #[arg(long, value_name = "FILE", requires = "schema")]
    catalog: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Worker threads (default: the number of CPUs). Files are validated in parallel; threads
    /// beyond one per file read large files (1 MiB and up) and standard input ahead of their
    /// validation.
    #[arg(long)]
    jobs: Option<usize>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Maximum element nesting depth.
    #[arg(long, default_value_t = 256)]
    max_depth: usize,
    /// Maximum document size in bytes.
    #[arg(long, default_value_t = 1 << 30)]
    max_size: u64,
    /// Judge the (single) document as the answer to this RID request (flow table, RFC 6545 §6-7
    /// and RFC 6546 Table 1).
    #[arg(long, value_name = "REQUEST")]
    answer_to: Option<String>,
    /// With --answer-to: the HTTP status the answer came with (200: in the response body; 202:
    /// the answer was delivered later by callback).
    #[arg(long, default_value_t = 200, requires = "answer_to")]
    status: u16,
    /// Expect this kind of document (iodef-2.0, iodef-1.0, rid); others are reported.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<validate::DocKind>,
    /// Print peak memory use at the end (for benchmarks).
    #[arg(long, hide = true)]
    stats: bool,
}

#[derive(clap::Args)]
struct CorpusArgs {
    /// Corpus root (default: ./corpus).
    #[arg(default_value = "corpus")]
    dir: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style diagnostics with source snippets.
    Human,
    /// One line per diagnostic.
    Short,
    /// JSON (`mile-validate/1`).
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(a) => cmd_validate(a),
        Command::Corpus(a) => cmd_corpus(a),
        Command::Requirements(a) => cmd_requirements(a),
        Command::Explain { id, corpus } => cmd_explain(&id, &corpus),
        Command::Certs(a) => cmd_certs(a),
        Command::Check(a) => mile::harness::cli::main(*a),
        Command::Report(a) => mile::report::main(a),
        Command::Peer(a) => peer_cli::cmd_peer(a),
        Command::Send(a) => peer_cli::cmd_send(a),
    };
    ExitCode::from(code as u8)
}

fn cmd_validate(a: ValidateArgs) -> i32 {
    let schemas = match load_schemas(&a.schema, a.catalog.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if a.paths.is_empty() {
        return 0;
    }
    let opts = Options {
        limits: mile::xml::Limits { max_depth: a.max_depth, max_document_size: a.max_size, ..Default::default() },
        expect: a.kind,
        schemas,
        schema_only: false,
        read_ahead: false,
    };
    let inputs = match validate::collect_inputs(&a.paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("mile validate: {e}");
            return 2;
        }
    };
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (inputs, reports) = match &a.answer_to {
        None => {
            let reports = validate::validate_all(&inputs, &opts, jobs);
            (inputs, reports)
        }
        Some(req) => {
            let [answer] = &inputs[..] else {
                eprintln!("mile validate: --answer-to takes exactly one answer document");
                return 2;
            };
            let request = validate::Input::File(req.into());
            let channel = if a.status == 202 { validate::Channel::Callback } else { validate::Channel::Http(a.status) };
            let (q, r) = validate::validate_answer(&request, answer, channel, &opts);
            (vec![request, answer.clone()], vec![q, r])
        }
    };
    let summary = Summary::of(&reports);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let color = match a.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal(),
    };
    let _ = match a.format {
        Format::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&validate::to_json(&reports)).unwrap_or_default())
        }
        Format::Short => {
            for r in &reports {
                for d in &r.diagnostics {
                    let _ = writeln!(out, "{}", render_plain_line(&r.source, d));
                }
                if let Some(e) = &r.io_error {
                    let _ = writeln!(out, "{}: error: {e}", r.source);
                }
            }
            writeln!(out, "{}", summary_line(&summary))
        }
        Format::Human => {
            for (input, r) in inputs.iter().zip(&reports) {
                if !r.diagnostics.is_empty() {
                    let lines = validate::source_lines(input, r);
                    let _ = write!(out, "{}", render_human(&r.source, &r.diagnostics, &lines, color));
                }
                let verdict = match r.verdict() {
                    Verdict::Valid => "valid".to_string(),
                    Verdict::Invalid => {
                        let s = Summary::of(std::slice::from_ref(r));
                        format!("INVALID ({} error{})", s.errors, if s.errors == 1 { "" } else { "s" })
                    }
                    Verdict::Error => format!("ERROR ({})", r.io_error.as_deref().unwrap_or("")),
                };
                let kind = r.kind.map_or("unknown", |k| k.as_str());
                let _ = writeln!(out, "{}: {verdict} [{kind}]", r.source);
            }
            writeln!(out, "{}", summary_line(&summary))
        }
    };
    if a.stats {
        eprintln!("peak RSS: {}", peak_rss().unwrap_or_else(|| "unknown".into()));
    }
    summary.exit_code()
}

/// Load `--schema` files (with `--catalog`) and extend the built-in schema sets with them; the
/// sets live as long as the process. Schema errors are printed and give exit code 2.
fn load_schemas(
    files: &[std::path::PathBuf],
    catalog: Option<&std::path::Path>,
) -> Result<Option<&'static mile::schema::SchemaSets>, i32> {
    use mile::schema::{SchemaSets, xsd};
    if files.is_empty() {
        return Ok(None);
    }
    let catalog = match catalog.map(xsd::Catalog::load).transpose() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mile validate: the catalog does not load:\n{e}");
            return Err(2);
        }
    };
    let mut loaded = Vec::new();
    let mut failed = false;
    for f in files {
        match xsd::load_extension(f, catalog.as_ref()) {
            Ok(l) => {
                for t in &l.tables {
                    if xsd::builtin_tables().iter().any(|b| b.namespace == t.namespace) {
                        eprintln!(
                            "mile validate: note: {} has built-in tables; documents are validated with those, not with the copy in {}",
                            t.namespace,
                            f.display()
                        );
                    }
                }
                loaded.push(l);
            }
            Err(errors) => {
                failed = true;
                let n = errors.len();
                eprintln!(
                    "mile validate: the schema {} does not compile ({n} error{}):",
                    f.display(),
                    if n == 1 { "" } else { "s" }
                );
                for e in errors {
                    eprintln!("{e}");
                }
            }
        }
    }
    if failed {
        return Err(2);
    }
    match SchemaSets::extended(&loaded) {
        Ok(s) => {
            let namespaces: Vec<&str> = loaded.iter().flat_map(|l| l.tables.iter().map(|t| t.namespace)).collect();
            eprintln!("mile validate: schema loaded: {}", namespaces.join(", "));
            Ok(Some(Box::leak(Box::new(s))))
        }
        Err(e) => {
            eprintln!("mile validate: the schemas do not compile with the built-in tables: {e}");
            Err(2)
        }
    }
}

fn parse_kind(s: &str) -> Result<validate::DocKind, String> {
    validate::DocKind::parse(s).ok_or_else(|| format!("unknown kind {s:?}: use iodef-2.0, iodef-1.0 or rid"))
}

fn summary_line(s: &Summary) -> String {
    format!(
        "{} documents: {} valid, {} invalid, {} unreadable ({} errors, {} warnings)",
        s.documents, s.valid, s.invalid, s.error, s.errors, s.warnings
    )
}

fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
}

fn cmd_corpus(a: CorpusArgs) -> i32 {
    match validate::corpus::run(std::path::Path::new(&a.dir)) {
        Ok(outcome) => {
            let _ = write!(std::io::stdout().lock(), "{}", outcome.render());
            if outcome.all_as_expected() { 0 } else { 1 }
        }
        Err(e) => {
            eprintln!("mile corpus: {e}");
            2
        }
    }
}

fn coverage(corpus: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    // Coverage is optional: an installed mile without a corpus still prints the catalog.
    validate::corpus::coverage(std::path::Path::new(corpus)).unwrap_or_default()
}

fn testing_label(t: &mile::requirements::Testing) -> String {
    use mile::requirements::Testing;
    match t {
        Testing::Corpus => "corpus".into(),
        Testing::Scenario => "scenario".into(),
        Testing::Unit => "unit".into(),
        Testing::Untestable(why) => format!("untestable: {why}"),
        Testing::Pending(why) => format!("not checked yet: {why}"),
        Testing::ReportedAs(who) => format!("reported under the specific requirements: {who}"),
    }
}

/// Scenario IDs per requirement ID (from the features built into the binary).
fn scenario_coverage() -> std::collections::BTreeMap<String, Vec<String>> {
    let mut m: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for s in mile::harness::scenarios().unwrap_or_default() {
        for r in &s.requirements {
            m.entry(r.clone()).or_default().push(s.id.clone());
        }
    }
    m
}

fn cmd_requirements(a: RequirementsArgs) -> i32 {
    let cov = coverage(&a.corpus);
    let scn = scenario_coverage();
    if a.json {
        let rows: Vec<serde_json::Value> = mile::requirements::all()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "level": r.level.as_str(), "summary": r.summary,
                    "testing": r.testing, "corpus": cov.get(r.id).cloned().unwrap_or_default(),
                    "scenarios": scn.get(r.id).cloned().unwrap_or_default(),
                })
            })
            .collect();
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        return 0;
    }
    let mut n = 0;
    for r in mile::requirements::all() {
        n += 1;
        let docs = cov.get(r.id).map_or(0, Vec::len);
        let scenarios = scn.get(r.id).map_or(0, Vec::len);
        out!("{:<48} {:<6} {:>3} doc {:>3} scn  {}", r.id, r.level.as_str(), docs, scenarios, r.summary);
    }
    out!("{n} requirements");
    0
}

fn cmd_explain(id: &str, corpus: &str) -> i32 {
    let Some(r) = mile::requirements::lookup(id) else {
        eprintln!("mile explain: no requirement {id:?} (see mile requirements)");
        return 2;
    };
    out!(
        "{}
", r.id
    );
    out!("Requirement  {} {}: {}", r.level.as_str(), r.citation(), r.summary);
    out!("Tested by    {}", testing_label(&r.testing));
    let cov = coverage(corpus);
    match cov.get(r.id) {
        Some(docs) => {
            out!("Corpus       {} document(s):", docs.len());
            for d in docs {
                out!("             {d}");
            }
        }
        None => out!("Corpus       no document"),
    }
    match scenario_coverage().get(r.id) {
        Some(list) => {
            out!("Scenarios    {} (mile check ID):", list.len());
            for s in list {
                out!("             {s}");
            }
        }
        None => out!("Scenarios    none"),
    }
    0
}

fn cmd_certs(a: CertsArgs) -> i32 {
    use mile::pki::{KeyAlgorithm, PkiFileKind, PkiOptions, generate};
    let key = match a.key {
        KeyArg::EcdsaP256 => KeyAlgorithm::EcdsaP256,
        KeyArg::EcdsaP384 => KeyAlgorithm::EcdsaP384,
        KeyArg::Ed25519 => KeyAlgorithm::Ed25519,
        KeyArg::Rsa2048 => KeyAlgorithm::Rsa2048,
    };
    let opts = PkiOptions { out: a.out, peers: a.peers, key };
    match generate(&opts) {
        Ok(summary) => {
            println!("test PKI ({}) written to {}", summary.key, summary.dir.display());
            let width = summary.files.iter().map(|f| f.name.len()).max().unwrap_or(0);
            for f in &summary.files {
                println!("  {:<width$}  {}", f.name, f.purpose);
                if let (PkiFileKind::Certificate, Some(fp)) = (f.kind, &f.sha256) {
                    println!("  {:<width$}    SHA-256 {fp}", "");
                }
            }
            println!("{} files; keys are readable by their owner only", summary.files.len());
            0
        }
        Err(e) => {
            eprintln!("mile certs: {e}");
            2
        }
    }
}
