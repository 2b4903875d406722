//! The peer's configuration (`peer.toml`): identity, trust anchors, listen address, known peers
//! and what each may send, limits, answer mode per message type, store location.
//!
//! A configuration is checked as a whole: every problem is reported with its line, not just the
//! first one.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// How the peer answers a message type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerMode {
    /// In the HTTP response (200 with the answer).
    Sync,
    /// 202 Accepted with a RID-Callback-Token, the answer POSTed back later.
    Async,
    /// 200 with an empty body (Reports only).
    Empty,
    /// 200 with an Acknowledgement (Reports only).
    Ack,
}

/// Answer modes per message type (RFC 6546 Table 1 limits which apply).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Answers {
    /// TraceRequest: `sync` (Acknowledgement then Result is not possible in one response: the
    /// peer answers a Result) or `async`.
    #[serde(default = "sync")]
    pub trace_request: Spanned<AnswerMode>,
    /// InvestigationRequest: `sync` (Result) or `async`.
    #[serde(default = "sync")]
    pub investigation_request: Spanned<AnswerMode>,
    /// Query: `sync` (Report) or `async`.
    #[serde(default = "sync")]
    pub query: Spanned<AnswerMode>,
    /// Report: `empty` or `ack`.
    #[serde(default = "empty")]
    pub report: Spanned<AnswerMode>,
}

fn sync() -> Spanned<AnswerMode> {
    Spanned::new(0..0, AnswerMode::Sync)
}

fn empty() -> Spanned<AnswerMode> {
    Spanned::new(0..0, AnswerMode::Empty)
}

impl Default for Answers {
    fn default() -> Self {
        Answers { trace_request: sync(), investigation_request: sync(), query: sync(), report: empty() }
    }
}

/// Our identity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// Certificate chain (PEM), used as server and as client.
    pub cert: Spanned<PathBuf>,
    /// Private key (PEM).
    pub key: Spanned<PathBuf>,
    /// Trust anchors (PEM files).
    pub trust: Vec<Spanned<PathBuf>>,
    /// The IP address put in our answers' RIDPolicy Node.
    #[serde(default = "loopback")]
    pub address: Spanned<String>,
    /// The DNS name put in our answers' RIDPolicy Node, if any.
    #[serde(default)]
    pub name: Option<String>,
}

fn loopback() -> Spanned<String> {
    Spanned::new(0..0, "127.0.0.1".into())
}

/// A known peer and what it may send.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownPeer {
    /// Its name.
    pub name: Spanned<String>,
    /// Its certificate (PEM) ...
    #[serde(default)]
    pub certificate: Option<Spanned<PathBuf>>,
    /// ... or the SHA-256 fingerprint of its certificate (hex).
    #[serde(default)]
    pub fingerprint: Option<Spanned<String>>,
    /// Where to POST later answers (default: the address its request came from, port 4590).
    #[serde(default)]
    pub callback: Option<Spanned<String>>,
    /// Message types it may send (empty: all).
    #[serde(default)]
    pub msg_types: Vec<Spanned<String>>,
    /// Policy regions it may use (empty: all).
    #[serde(default)]
    pub regions: Vec<Spanned<String>>,
    /// Traffic types it may send (empty: all).
    #[serde(default)]
    pub traffic: Vec<Spanned<String>>,
    /// Restriction markings refused from it.
    #[serde(default)]
    pub refuse_restrictions: Vec<Spanned<String>>,
    /// Requests wait for an administrator (acknowledged as Pending).
    #[serde(default)]
    pub manual_approval: bool,
}

/// Resource limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest accepted message body, bytes.
    #[serde(default = "max_body")]
    pub max_body: usize,
    /// Most simultaneous connections.
    #[serde(default = "max_connections")]
    pub max_connections: usize,
    /// Time allowed to receive a request (headers and body), milliseconds.
    #[serde(default = "read_timeout")]
    pub read_timeout_ms: u64,
}

fn max_body() -> usize {
    8 << 20
}
fn max_connections() -> usize {
    256
}
fn read_timeout() -> u64 {
    10_000
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig { max_body: max_body(), max_connections: max_connections(), read_timeout_ms: read_timeout() }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerConfig {
    /// Our identity.
    pub identity: Identity,
    /// Address to listen on.
    #[serde(default = "listen")]
    pub listen: Spanned<String>,
    /// The SQLite store.
    pub store: Spanned<PathBuf>,
    /// Known peers.
    #[serde(default, rename = "peer")]
    pub peers: Vec<KnownPeer>,
    /// Limits.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// Answer modes.
    #[serde(default)]
    pub answers: Answers,
    /// Accept any peer whose certificate chains to the trust anchors (known peers then only
    /// refine policy). Off by default: RFC 6546 asks for an explicit list.
    #[serde(default)]
    pub accept_any_valid_peer: bool,
}

fn listen() -> Spanned<String> {
    Spanned::new(0..0, "127.0.0.1:4590".into())
}

/// Problems found in a configuration file, each with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct ConfigError(pub Vec<String>);

const MSG_TYPES: &[&str] = &["TraceRequest", "InvestigationRequest", "Query", "Report", "Acknowledgement", "Result"];
const REGIONS: &[&str] = &["ClientToSP", "SPToClient", "IntraConsortium", "PeerToPeer", "BetweenConsortiums"];
const TRAFFIC: &[&str] =
    &["Attack", "Network", "Content", "DataWithHandlingRequirements", "AudienceRestriction", "Other"];
const RESTRICTIONS: &[&str] = &["default", "public", "need-to-know", "private"];

impl PeerConfig {
    /// Read and check `path`. Relative paths in the file are relative to the file's folder.
    pub fn load(path: &Path) -> Result<PeerConfig, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError(vec![format!("{}: {e}", path.display())]))?;
        Self::parse(&text, path)
    }

    /// Parse and check a configuration text (`path` names it in messages and anchors relative
    /// paths).
    pub fn parse(text: &str, path: &Path) -> Result<PeerConfig, ConfigError> {
        let label = path.display().to_string();
        let line_of = |span: std::ops::Range<usize>| text[..span.start.min(text.len())].matches('\n').count() + 1;
        let mut cfg: PeerConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, line_of);
            ConfigError(vec![format!("{label}:{line}: {}", e.message())])
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut problems = Vec::new();
        let file = |p: &mut Spanned<PathBuf>, what: &str, must_exist: bool, problems: &mut Vec<String>| {
            let span = p.span();
            let resolved = if p.get_ref().is_absolute() { p.get_ref().clone() } else { base.join(p.get_ref()) };
            if must_exist && !resolved.is_file() {
                problems.push(format!(
                    "{label}:{}: {what} {} does not exist",
                    line_of(span.clone()),
                    resolved.display()
                ));
            }
            *p = Spanned::new(span, resolved);
        };
        file(&mut cfg.identity.cert, "certificate", true, &mut problems);
        file(&mut cfg.identity.key, "key", true, &mut problems);
        if cfg.identity.trust.is_empty() {
            problems.push(format!("{label}: [identity] trust lists no trust anchor"));
        }
        for t in &mut cfg.identity.trust {
            file(t, "trust anchor", true, &mut problems);
        }
        file(&mut cfg.store, "store", false, &mut problems);
        if cfg.identity.address.get_ref().parse::<std::net::IpAddr>().is_err() {
            let l = line_of(cfg.identity.address.span());
            problems.push(format!("{label}:{l}: address {:?} is not an IP address", cfg.identity.address.get_ref()));
        }
        if cfg.listen.get_ref().parse::<std::net::SocketAddr>().is_err() {
            let l = line_of(cfg.listen.span());
            problems.push(format!("{label}:{l}: listen {:?} is not an address:port", cfg.listen.get_ref()));
        }
        let mut names = std::collections::BTreeSet::new();
        for p in &mut cfg.peers {
            let l = line_of(p.name.span());
            if !names.insert(p.name.get_ref().clone()) {
                problems.push(format!("{label}:{l}: peer {:?} is defined twice", p.name.get_ref()));
            }
            match (&mut p.certificate, &p.fingerprint) {
                (None, None) => problems.push(format!(
                    "{label}:{l}: peer {:?} needs a certificate or a fingerprint (RFC 6546 §3: peers are checked against an explicit list)",
                    p.name.get_ref()
                )),
                (Some(c), _) => file(c, "peer certificate", true, &mut problems),
                (None, Some(f)) => {
                    let hex = f.get_ref().replace(':', "");
                    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        let l = line_of(f.span());
                        problems.push(format!("{label}:{l}: fingerprint must be 64 hexadecimal digits (SHA-256)"));
                    }
                }
            }
            if let Some(cb) = &p.callback {
                if !cb.get_ref().starts_with("https://") {
                    let l = line_of(cb.span());
                    problems.push(format!("{label}:{l}: callback {:?} must be an https:// URL", cb.get_ref()));
                }
            }
            for (list, allowed, what) in [
                (&p.msg_types, MSG_TYPES, "message type"),
                (&p.regions, REGIONS, "policy region"),
                (&p.traffic, TRAFFIC, "traffic type"),
                (&p.refuse_restrictions, RESTRICTIONS, "restriction"),
            ] {
                for v in list {
                    if !allowed.contains(&v.get_ref().as_str()) {
                        let l = line_of(v.span());
                        problems.push(format!(
                            "{label}:{l}: unknown {what} {:?}; one of {}",
                            v.get_ref(),
                            allowed.join(", ")
                        ));
                    }
                }
            }
        }
        let a = &cfg.answers;
        for (mode, what, allowed) in [
            (&a.trace_request, "TraceRequest", &[AnswerMode::Sync, AnswerMode::Async][..]),
            (&a.investigation_request, "InvestigationRequest", &[AnswerMode::Sync, AnswerMode::Async][..]),
            (&a.query, "Query", &[AnswerMode::Sync, AnswerMode::Async][..]),
            (&a.report, "Report", &[AnswerMode::Empty, AnswerMode::Ack][..]),
        ] {
            if !allowed.contains(mode.get_ref()) {
                let l = line_of(mode.span());
                problems.push(format!(
                    "{label}:{l}: {what} cannot be answered {:?} (RFC 6546 Table 1 allows {allowed:?})",
                    mode.get_ref()
                ));
            }
        }
        if problems.is_empty() { Ok(cfg) } else { Err(ConfigError(problems)) }
    }
}
