//! The embedded defaults: `mile peer` with no arguments runs from a data directory that it
//! creates once — a test PKI (as `mile certs` writes it), a `peer.toml` that uses it, and the
//! store. The generated `peer.toml` is an ordinary configuration file: the defaults are not a
//! second code path, and a user who wants to change one thing edits that file.

use super::PeerError;
use crate::pki::{KeyAlgorithm, PkiOptions, generate};
use std::path::{Path, PathBuf};

/// The configuration file name inside a data directory.
pub const CONFIG_FILE: &str = "peer.toml";

/// The certificate files a PKI folder must hold for the defaults.
pub const PKI_FILES: &[&str] = &["ca.crt", "server.crt", "server.key", "client.crt", "client.key"];

/// What [`prepare`] found or made.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The data directory.
    pub data: PathBuf,
    /// Its configuration file.
    pub config: PathBuf,
    /// The PKI folder in use.
    pub certs: PathBuf,
    /// Whether this call generated the PKI.
    pub generated_pki: bool,
    /// Whether this call wrote the configuration file.
    pub wrote_config: bool,
}

/// Make `data` ready to run a peer from: create it, generate a test PKI in `data/certs` unless
/// `certs` names an existing one (or one is already there), and write `peer.toml` unless it
/// exists. Idempotent: a second call changes nothing.
pub fn prepare(data: &Path, certs: Option<&Path>) -> Result<Prepared, PeerError> {
    let io = |what: &str, p: &Path, e: std::io::Error| PeerError::Config(format!("{what} {}: {e}", p.display()));
    std::fs::create_dir_all(data).map_err(|e| io("cannot create the data directory", data, e))?;
    let (certs_dir, generated_pki) = match certs {
        Some(dir) => {
            let missing: Vec<&str> = PKI_FILES.iter().copied().filter(|f| !dir.join(f).is_file()).collect();
            if !missing.is_empty() {
                return Err(PeerError::Config(format!(
                    "{} lacks {} (write a test PKI there with `mile certs --out {}`)",
                    dir.display(),
                    missing.join(", "),
                    dir.display()
                )));
            }
            (dir.to_path_buf(), false)
        }
        None => {
            let dir = data.join("certs");
            if PKI_FILES.iter().all(|f| dir.join(f).is_file()) {
                (dir, false)
            } else {
                let opts = PkiOptions { out: dir.clone(), peers: Vec::new(), key: KeyAlgorithm::EcdsaP256 };
                generate(&opts).map_err(|e| PeerError::Config(e.to_string()))?;
                (dir, true)
            }
        }
    };
    let config = data.join(CONFIG_FILE);
    let wrote_config = if config.is_file() {
        false
    } else {
        let certs_ref = match certs {
            // Inside the data directory: relative, so the directory can be moved.
            None => PathBuf::from("certs"),
            Some(dir) => std::path::absolute(dir).map_err(|e| io("cannot resolve", dir, e))?,
        };
        std::fs::write(&config, default_config(&certs_ref)).map_err(|e| io("cannot write", &config, e))?;
        true
    };
    Ok(Prepared { data: data.to_path_buf(), config, certs: certs_dir, generated_pki, wrote_config })
}

/// The settings of a prepared data directory (its `peer.toml`), with `faults` active.
pub fn settings(prepared: &Prepared, faults: super::Faults) -> Result<super::Settings, PeerError> {
    let cfg = super::config::PeerConfig::load(&prepared.config).map_err(|e| PeerError::Config(e.to_string()))?;
    super::Settings::from_config(&cfg, faults)
}

/// The text of the default `peer.toml` for a PKI folder (relative paths are relative to the
/// file).
pub fn default_config(certs: &Path) -> String {
    let c = |f: &str| toml_string(&certs.join(f).to_string_lossy());
    format!(
        r#"# Reference RID peer configuration, written by `mile peer` on first start. Edit freely;
# every key is described in docs/peer.md.
listen = "127.0.0.1:4590"
store = "store.sqlite"

[identity]
cert = {server_crt}
key = {server_key}
trust = [{ca}]
address = "127.0.0.1"
name = "mile reference peer"

# RFC 6546 §3: a peer is accepted only if its certificate is on this list.
[[peer]]
name = "client"
certificate = {client_crt}

# Another peer that shares this PKI's server identity (e.g. a second `mile peer`).
[[peer]]
name = "server"
certificate = {server_crt}

[answers]
TraceRequest = "sync"
InvestigationRequest = "sync"
Query = "sync"
Report = "empty"
"#,
        server_crt = c("server.crt"),
        server_key = c("server.key"),
        ca = c("ca.crt"),
        client_crt = c("client.crt"),
    )
}

fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_is_idempotent_and_loads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let first = prepare(&data, None).expect("prepare");
        assert!(first.generated_pki && first.wrote_config);
        let second = prepare(&data, None).expect("prepare again");
        assert!(!second.generated_pki && !second.wrote_config);
        let cfg = super::super::config::PeerConfig::load(&first.config).expect("default config loads");
        assert_eq!(cfg.peers.len(), 2);
        assert!(cfg.store.get_ref().ends_with("store.sqlite"));
    }

    #[test]
    fn an_incomplete_pki_folder_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = prepare(&dir.path().join("d"), Some(dir.path())).expect_err("no PKI");
        assert!(err.to_string().contains("ca.crt"), "{err}");
    }

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(toml_string(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
