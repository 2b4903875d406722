//! The documents direction: documents a tool produced (`--documents DIR`), and a library driven
//! through an adapter process speaking JSON lines on stdin/stdout (`--adapter 'CMD'`, protocol in
//! `docs/adapter.md`).

use super::subject::HarnessError;
use serde::Deserialize;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout};
use tokio::sync::Mutex;

/// The subject of the documents direction.
#[derive(Debug, Default)]
pub struct DocSubject {
    /// Directory of documents the tool under test produced.
    pub dir: Option<PathBuf>,
    /// The library under test, behind its adapter.
    pub adapter: Option<Adapter>,
}

/// What the adapter said about itself.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Hello {
    /// Name of the library.
    #[serde(default)]
    pub name: String,
    /// Its version.
    #[serde(default)]
    pub version: String,
    /// Operations it implements: `validate`, `produce`.
    #[serde(default)]
    pub operations: Vec<String>,
    /// Message types it can produce.
    #[serde(default)]
    pub produces: Vec<String>,
}

struct Io {
    _child: Child,
    stdin: ChildStdin,
    lines: Lines<BufReader<ChildStdout>>,
}

/// A running adapter process.
pub struct Adapter {
    /// The command line.
    pub command: String,
    /// Its hello.
    pub hello: Hello,
    io: Mutex<Io>,
    bound: Duration,
}

impl std::fmt::Debug for Adapter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adapter").field("command", &self.command).field("hello", &self.hello).finish_non_exhaustive()
    }
}

impl Adapter {
    /// Starts `command` through `sh -c` and exchanges the hello.
    pub async fn start(command: &str, bound: Duration) -> Result<Adapter, HarnessError> {
        let mut child = tokio::process::Command::new("sh")
            .arg("-c")
            .arg(command)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| HarnessError::Setup(format!("cannot start the adapter {command:?}: {e}")))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(HarnessError::Setup("the adapter has no stdin/stdout".into()));
        };
        let mut a = Adapter {
            command: command.to_string(),
            hello: Hello::default(),
            io: Mutex::new(Io { _child: child, stdin, lines: BufReader::new(stdout).lines() }),
            bound,
        };
        let hello = a
            .call(json!({"op": "hello", "protocol": "mile-adapter/1"}))
            .await
            .map_err(|e| HarnessError::Setup(format!("the adapter {command:?} did not say hello: {e}")))?;
        a.hello = serde_json::from_value(hello)
            .map_err(|e| HarnessError::Setup(format!("the adapter's hello is not understood: {e}")))?;
        Ok(a)
    }

    /// Sends one request line and reads one answer line (bounded).
    pub async fn call(&self, request: Value) -> Result<Value, String> {
        let mut io = self.io.lock().await;
        let line = format!("{request}\n");
        let exchange = async {
            io.stdin.write_all(line.as_bytes()).await.map_err(|e| format!("write: {e}"))?;
            io.stdin.flush().await.map_err(|e| format!("write: {e}"))?;
            match io.lines.next_line().await {
                Ok(Some(l)) => serde_json::from_str::<Value>(&l).map_err(|e| format!("answer is not JSON ({e}): {l}")),
                Ok(None) => Err("the adapter closed its output".to_string()),
                Err(e) => Err(format!("read: {e}")),
            }
        };
        match tokio::time::timeout(self.bound, exchange).await {
            Ok(r) => r,
            Err(_) => Err(format!("no answer within {} s", self.bound.as_secs())),
        }
    }

    /// Asks the library to validate one document: `Ok(valid, messages)`.
    pub async fn validate(&self, name: &str, kind: &str, document: &[u8]) -> Result<(bool, Vec<String>), String> {
        let text = String::from_utf8_lossy(document);
        let v = self.call(json!({"op": "validate", "name": name, "kind": kind, "document": text})).await?;
        let valid = v.get("valid").and_then(Value::as_bool).ok_or_else(|| format!("no \"valid\" in {v}"))?;
        let messages = v
            .get("messages")
            .and_then(Value::as_array)
            .map(|m| m.iter().map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string)).collect())
            .unwrap_or_default();
        Ok((valid, messages))
    }

    /// Asks the library to produce a message of type `msg_type`.
    pub async fn produce(&self, msg_type: &str) -> Result<Option<String>, String> {
        let v = self.call(json!({"op": "produce", "kind": "rid", "msg_type": msg_type})).await?;
        if v.get("unsupported").and_then(Value::as_bool) == Some(true) {
            return Ok(None);
        }
        v.get("document")
            .and_then(Value::as_str)
            .map(|s| Some(s.to_string()))
            .ok_or_else(|| format!("no \"document\" in {v}"))
    }

    /// Tells the adapter to stop.
    pub async fn stop(&self) {
        let _ = self.call(json!({"op": "stop"})).await;
    }
}

/// One entry of the embedded RID manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct CorpusEntry {
    /// `valid/NAME.xml` or `invalid/NAME.xml`.
    pub file: String,
    /// `valid` or `invalid`.
    pub verdict: String,
    /// Requirement IDs an invalid document breaks.
    #[serde(default)]
    pub requirements: Vec<String>,
}

#[derive(Deserialize)]
struct ManifestDocs {
    doc: Vec<CorpusEntry>,
}

/// The embedded RID manifest (only the fields the harness needs; the others are ignored).
pub fn rid_manifest() -> Vec<CorpusEntry> {
    toml::from_str::<ManifestDocs>(super::embedded::RID_MANIFEST).map(|m| m.doc).unwrap_or_default()
}
