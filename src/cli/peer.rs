//! `mile peer`, `mile peer log` and `mile send`: argument handling and printing around
//! `mile::peer`.

use mile::peer::defaults::{self, Prepared};
use mile::peer::faults::{FAULTS, Fault, Faults};
use mile::peer::send::{SendError, SendOptions, send};
use mile::peer::store::SqliteStore;
use mile::peer::{Settings, config::PeerConfig};
use mile::validate::Verdict;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Print to standard output, ignoring a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PeerArgs {
    #[command(subcommand)]
    action: Option<PeerAction>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(clap::Subcommand)]
enum PeerAction {
    /// List stored exchanges and messages, or show one.
    Log(LogArgs),
}

/// Where the peer's files are.
#[derive(clap::Args, Clone)]
pub struct Location {
    /// Data directory: created with a test PKI, peer.toml and the store on first use.
    #[arg(long, default_value = "mile-peer", conflicts_with = "config")]
    data: PathBuf,
    /// Use this existing PKI folder (as `mile certs` writes it) instead of generating one.
    #[arg(long, conflicts_with = "config")]
    certs: Option<PathBuf>,
    /// A configuration file (identity, trust anchors, known peers, policy, limits, answer modes, store).
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(clap::Args)]
struct RunArgs {
    #[command(flatten)]
    at: Location,
    /// Listen here instead of the configured address (e.g. 127.0.0.1:0 for any free port).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// Break one rule on purpose (repeatable; see --list-faults).
    #[arg(long = "fault", value_name = "NAME")]
    faults: Vec<String>,
    /// Print every fault mode with the requirement it breaks, and exit.
    #[arg(long)]
    list_faults: bool,
}

#[derive(clap::Args)]
struct LogArgs {
    #[command(flatten)]
    at: Location,
    /// Only this exchange.
    #[arg(long)]
    exchange: Option<String>,
    /// Show one message in full (its id from the list).
    #[arg(long)]
    show: Option<i64>,
    /// At most this many messages (newest).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

/// Load the configuration a [`Location`] names (preparing the data directory when needed).
fn load(at: &Location, create: bool) -> Result<(PeerConfig, Option<Prepared>), String> {
    match &at.config {
        Some(path) => Ok((PeerConfig::load(path).map_err(|e| e.to_string())?, None)),
        None => {
            if !create && !at.data.join(defaults::CONFIG_FILE).is_file() {
                return Err(format!(
                    "{} holds no peer (no {}); run `mile peer --data {}` first",
                    at.data.display(),
                    defaults::CONFIG_FILE,
                    at.data.display()
                ));
            }
            let p = defaults::prepare(&at.data, at.certs.as_deref()).map_err(|e| e.to_string())?;
            let cfg = PeerConfig::load(&p.config).map_err(|e| e.to_string())?;
            Ok((cfg, Some(p)))
        }
    }
}

pub fn cmd_peer(a: PeerArgs) -> i32 {
    match a.action {
        Some(PeerAction::Log(l)) => cmd_log(l),
        None => cmd_run(a.run),
    }
}

fn cmd_run(a: RunArgs) -> i32 {
    if a.list_faults {
        let width = FAULTS.iter().map(|f| f.1.len()).max().unwrap_or(0);
        for (_, name, what, req) in FAULTS {
            out!("{name:<width$}  {req:<34} {what}");
        }
        out!("{} fault modes", FAULTS.len());
        return 0;
    }
    let mut faults = Vec::new();
    for name in &a.faults {
        match Fault::parse(name) {
            Some(f) => faults.push(f),
            None => {
                eprintln!("mile peer: unknown fault {name:?} (see mile peer --list-faults)");
                return 2;
            }
        }
    }
    let (cfg, prepared) = match load(&a.at, true) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mile peer: {e}");
            return 2;
        }
    };
    if let Some(p) = &prepared {
        if p.generated_pki {
            out!("generated a test PKI in {}", p.certs.display());
        }
        if p.wrote_config {
            out!("wrote {} (edit it to add peers and policy)", p.config.display());
        }
    }
    let mut settings = match Settings::from_config(&cfg, Faults(faults)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("mile peer: {e}");
            return 2;
        }
    };
    if let Some(l) = a.listen {
        settings.listen = l;
    }
    init_logging();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mile peer: cannot start the runtime: {e}");
            return 2;
        }
    };
    rt.block_on(run(settings, cfg, prepared))
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MILE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

async fn run(settings: Settings, cfg: PeerConfig, prepared: Option<Prepared>) -> i32 {
    let faults: Vec<&str> = settings.faults.0.iter().map(|f| f.name()).collect();
    let known = settings.known.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join(", ");
    let running = match mile::peer::start(settings).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mile peer: {e}");
            return 2;
        }
    };
    let (ins, outs) = running.store.counts().unwrap_or((0, 0));
    let owed = running.store.callbacks(None).map(|c| c.iter().filter(|c| c.state == "pending").count()).unwrap_or(0);
    let url = match running.addr {
        SocketAddr::V6(a) => format!("https://[{}]:{}/", a.ip(), a.port()),
        SocketAddr::V4(a) => format!("https://{}:{}/", a.ip(), a.port()),
    };
    out!(
        "mile peer ready: {url} | store {} ({ins} in, {outs} out, {owed} answers owed) | known peers: {known} | faults: {}",
        cfg.store.get_ref().display(),
        if faults.is_empty() { "none".to_string() } else { faults.join(", ") }
    );
    if let Some(p) = &prepared {
        let c = |f: &str| p.certs.join(f).display().to_string();
        out!(
            "send it a message with:\n  mile send --to {url} --cert {} --key {} --ca {} MESSAGE.xml",
            c("client.crt"),
            c("client.key"),
            c("ca.crt")
        );
    }
    let _ = std::io::stdout().flush();
    wait_for_signal().await;
    out!("mile peer: shutting down (finishing requests in flight)");
    running.shutdown().await;
    out!("mile peer: stopped");
    0
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn cmd_log(a: LogArgs) -> i32 {
    let (cfg, _) = match load(&a.at, false) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mile peer log: {e}");
            return 2;
        }
    };
    let store = match SqliteStore::open(cfg.store.get_ref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("mile peer log: {e}");
            return 2;
        }
    };
    if let Some(id) = a.show {
        return match store.message(id) {
            Ok(Some(m)) => {
                if a.json {
                    let mut v = serde_json::to_value(&m).unwrap_or_default();
                    v["body"] = String::from_utf8_lossy(&m.message.body).into();
                    out!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                } else {
                    let r = &m.message;
                    out!("message {} of exchange {} ({})", m.id, r.exchange, m.created);
                    out!("direction   {:?}", r.direction);
                    out!("peer        {} {}", r.peer, r.remote);
                    out!("type        {}  incident {}", r.msg_type, r.incident);
                    out!("verdict     {}  HTTP {}", r.verdict, r.http_status);
                    if !r.callback_token.is_empty() {
                        out!("token       {}", r.callback_token);
                    }
                    out!("sha256      {}", m.sha256);
                    if r.diagnostics != "[]" {
                        out!("diagnostics {}", r.diagnostics);
                    }
                    out!("\n{}", String::from_utf8_lossy(&r.body));
                }
                0
            }
            Ok(None) => {
                eprintln!("mile peer log: no message {id}");
                1
            }
            Err(e) => {
                eprintln!("mile peer log: {e}");
                2
            }
        };
    }
    let rows = match store.messages(a.exchange.as_deref(), a.limit) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mile peer log: {e}");
            return 2;
        }
    };
    if a.json {
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        return 0;
    }
    let mut last = String::new();
    for m in &rows {
        let r = &m.message;
        if r.exchange != last {
            out!("exchange {}", r.exchange);
            last = r.exchange.clone();
        }
        let arrow = if r.direction == mile::peer::store::Direction::In { "<-" } else { "->" };
        out!(
            "  #{:<5} {} {arrow} {:<22} {:<20} {:<8} {:>3}  {}",
            m.id,
            m.created,
            r.peer.split(' ').next().unwrap_or(""),
            if r.msg_type.is_empty() { "-" } else { &r.msg_type },
            r.verdict,
            r.http_status,
            r.incident
        );
    }
    out!("{} messages", rows.len());
    0
}

#[derive(clap::Args)]
pub struct SendArgs {
    /// The RID message to send.
    file: PathBuf,
    /// The peer's URL.
    #[arg(long, default_value = "https://127.0.0.1:4590/")]
    to: String,
    /// Our certificate (PEM). Default with --data: the peer identity of that data directory.
    #[arg(long, requires = "key")]
    cert: Option<PathBuf>,
    /// Our private key (PEM).
    #[arg(long, requires = "cert")]
    key: Option<PathBuf>,
    /// Trust anchors for the peer's certificate (PEM).
    #[arg(long)]
    ca: Option<PathBuf>,
    /// Send the message even if it is not a valid RID document.
    #[arg(long)]
    no_validate: bool,
    /// After a 202, wait here for the later answer (e.g. 127.0.0.1:4591). The peer connects to
    /// it as a TLS client, so --cert must be valid for a server too (server.crt or
    /// peer-NAME.crt of `mile certs`, not client.crt).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// Seconds to wait for the later answer.
    #[arg(long, default_value_t = 30)]
    wait: u64,
    /// Record the exchange in the store of this peer data directory (and use its identity).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Print the outcome as JSON.
    #[arg(long)]
    json: bool,
    /// Break one client rule on purpose (repeatable), to show that a `mile check` client
    /// scenario fails: ack-only, ignore-refusal, refuse-callback, follow-redirect,
    /// wrong-media-type, wrong-path.
    #[arg(long = "fault", value_name = "NAME", value_parser = parse_client_fault)]
    faults: Vec<mile::peer::faults::ClientFault>,
}

fn parse_client_fault(name: &str) -> Result<mile::peer::faults::ClientFault, String> {
    mile::peer::faults::ClientFault::parse(name).ok_or_else(|| {
        let names: Vec<&str> = mile::peer::faults::CLIENT_FAULTS.iter().map(|f| f.1).collect();
        format!("no client fault {name:?}; known: {}", names.join(", "))
    })
}

fn identity_of(a: &SendArgs) -> Result<(PathBuf, PathBuf, PathBuf, Option<PathBuf>), String> {
    let from_data = match &a.data {
        Some(d) => {
            let at = Location { data: d.clone(), certs: None, config: None };
            let (cfg, _) = load(&at, false)?;
            Some(cfg)
        }
        None => None,
    };
    let cert = a.cert.clone().or_else(|| from_data.as_ref().map(|c| c.identity.cert.get_ref().clone()));
    let key = a.key.clone().or_else(|| from_data.as_ref().map(|c| c.identity.key.get_ref().clone()));
    let ca =
        a.ca.clone().or_else(|| from_data.as_ref().and_then(|c| c.identity.trust.first().map(|t| t.get_ref().clone())));
    let store = from_data.as_ref().map(|c| c.store.get_ref().clone());
    match (cert, key, ca) {
        (Some(c), Some(k), Some(t)) => Ok((c, k, t, store)),
        _ => Err("give --cert, --key and --ca (or --data DIR of a peer to use its identity)".into()),
    }
}

/// Exit codes: 0 the peer conforms, 1 its answer does not, 2 nothing could be judged (not sent,
/// transport or TLS failure, unusable files).
pub fn cmd_send(a: SendArgs) -> i32 {
    let fail = |msg: String| {
        eprintln!("mile send: {msg}");
        2
    };
    let (cert, key, ca, store_path) = match identity_of(&a) {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    let body = match std::fs::read(&a.file) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {e}", a.file.display())),
    };
    let identity = match mile::transport::TlsIdentity::load(&cert, &key) {
        Ok(i) => i,
        Err(e) => return fail(e.to_string()),
    };
    let anchors = match mile::transport::TrustAnchors::load(&ca) {
        Ok(t) => t,
        Err(e) => return fail(e.to_string()),
    };
    let store = match store_path.map(|p| SqliteStore::open(&p)) {
        None => None,
        Some(Ok(s)) => Some(Arc::new(s) as Arc<dyn mile::peer::store::Store>),
        Some(Err(e)) => return fail(e.to_string()),
    };
    let opts = SendOptions {
        to: a.to.clone(),
        identity,
        anchors,
        validate: !a.no_validate,
        listen: a.listen,
        wait: std::time::Duration::from_secs(a.wait),
        store,
        faults: a.faults.clone(),
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the runtime: {e}")),
    };
    let source = a.file.display().to_string();
    let outcome = rt.block_on(send(&source, bytes::Bytes::from(body.clone()), &opts));
    let outcome = match outcome {
        Ok(o) => o,
        Err(SendError::Invalid(report)) => {
            let lines = mile::diag::SourceLines::from_text(&String::from_utf8_lossy(&body), &report.diagnostics);
            let _ = write!(
                std::io::stderr().lock(),
                "{}",
                mile::diag::render_human(&report.source, &report.diagnostics, &lines, false)
            );
            return fail(SendError::Invalid(report).to_string());
        }
        Err(SendError::Transport(e)) => return fail(format!("{}: {e}", a.to)),
        Err(e) => return fail(e.to_string()),
    };
    let conforms = outcome.conforms();
    if a.json {
        let findings: Vec<serde_json::Value> = outcome
            .all_findings()
            .iter()
            .map(|f| serde_json::json!({"requirement": f.req, "found": f.found, "expected": f.expected}))
            .collect();
        let v = serde_json::json!({
            "to": a.to,
            "status": outcome.reply.status.as_u16(),
            "headers": outcome.reply.headers.iter().map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).to_string())).collect::<Vec<_>>(),
            "body": String::from_utf8_lossy(&outcome.reply.body),
            "answer_verdict": outcome.answer.as_ref().map(|r| r.verdict().as_str()),
            "callback": outcome.callback.as_ref().map(|c| serde_json::json!({
                "remote": c.remote.to_string(), "token": c.token, "body": String::from_utf8_lossy(&c.body),
                "verdict": c.report.verdict().as_str(),
            })),
            "findings": findings,
            "conforms": conforms,
        });
        out!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return if conforms { 0 } else { 1 };
    }
    let r = &outcome.reply;
    out!("> POST {} ({}, {} bytes)", a.to, a.file.display(), body.len());
    out!("< {:?} {}", r.status, r.status.canonical_reason().unwrap_or(""));
    for (k, v) in &r.headers {
        out!("< {}: {}", k, String::from_utf8_lossy(v.as_bytes()));
    }
    if !r.body.is_empty() {
        out!("<\n{}", String::from_utf8_lossy(&r.body));
    }
    let print_report = |what: &str, report: &mile::validate::Report, text: &[u8]| {
        if report.verdict() == Verdict::Valid {
            out!("{what}: valid RID message");
        } else {
            let lines = mile::diag::SourceLines::from_text(&String::from_utf8_lossy(text), &report.diagnostics);
            out!("{what}: NOT a valid RID message");
            out!("{}", mile::diag::render_human(&report.source, &report.diagnostics, &lines, false));
        }
    };
    if let Some(rep) = &outcome.answer {
        print_report("answer", rep, &r.body);
    }
    if r.status.as_u16() == 202 && a.listen.is_none() {
        out!("accepted: the answer will be POSTed to this system later (give --listen ADDR to wait for it)");
    }
    if let Some(c) = &outcome.callback {
        out!("later answer from {} (token {:?}):\n{}", c.remote, c.token, String::from_utf8_lossy(&c.body));
        print_report("later answer", &c.report, &c.body);
    }
    if r.status.is_client_error() || r.status.is_server_error() {
        out!("the peer refused the message: {}", String::from_utf8_lossy(&r.body).trim());
    }
    if outcome.request.as_ref().is_some_and(|q| q.verdict() != Verdict::Valid) {
        out!("(the message sent is not a valid RID document: a 4xx is the conforming answer)");
    }
    for f in outcome.all_findings() {
        out!("NONCONFORMANT [{}]\n  Expected: {}\n  Actual:   {}", f.req, f.expected, f.found);
    }
    if conforms {
        out!("conforms: the answer fits RFC 6545 §7 and RFC 6546 Table 1");
        0
    } else {
        out!("does not conform");
        1
    }
}
