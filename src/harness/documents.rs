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
    /// What its validation covers: `xsd` (the schemas only) or `rfc` (the schemas and the RFC
    /// prose rules). Absent means `rfc`.
    #[serde(default)]
    pub validates: Option<String>,
}

impl Hello {
    /// Does the library declare that it validates against the XSDs only?
    pub fn xsd_only(&self) -> bool {
        self.validates.as_deref() == Some("xsd")
    }
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

    /// Asks the library to validate one corpus document: `Ok(valid, messages)`. `kind` is the
    /// document kind (`rid`, `iodef-2.0`, `iodef-1.0`) and `extension` the IODEF 1.0 extension
    /// folder it belongs to; a document that is not UTF-8 also travels as `document_base64`.
    pub async fn validate(
        &self,
        corpus: &str,
        name: &str,
        kind: &str,
        extension: Option<&str>,
        document: &[u8],
    ) -> Result<(bool, Vec<String>), String> {
        let mut request = json!({
            "op": "validate",
            "corpus": corpus,
            "name": name,
            "kind": kind,
            "document": String::from_utf8_lossy(document),
        });
        if let Some(e) = extension {
            request["extension"] = e.into();
        }
        if std::str::from_utf8(document).is_err() {
            request["document_base64"] = base64(document).into();
        }
        let v = self.call(request).await?;
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

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One entry of an embedded corpus manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct CorpusEntry {
    /// `valid/NAME.xml` or `invalid/NAME.xml`.
    pub file: String,
    /// `valid` or `invalid`.
    pub verdict: String,
    /// Requirement IDs an invalid document breaks.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// What an XSD-only validator (xmllint) says when it differs from `verdict`.
    #[serde(default)]
    pub xmllint: Option<String>,
    /// Why it differs: `RFC prose stricter than the XSD: ...` or `libxml2 deviation: ...`.
    #[serde(default)]
    pub xmllint_reason: Option<String>,
}

impl CorpusEntry {
    /// The reason an XSD-only validator is expected to accept this invalid document, when the
    /// manifest says the rule broken is RFC prose the XSD cannot express. A `libxml2 deviation`
    /// is not one: that rule is schema-level, and a validator that misses it is wrong.
    pub fn xsd_limit(&self) -> Option<&str> {
        let reason = self.xmllint_reason.as_deref()?;
        (self.verdict == "invalid"
            && self.xmllint.as_deref() == Some("valid")
            && reason.starts_with("RFC prose stricter than the XSD"))
        .then_some(reason)
    }
}

#[derive(Deserialize)]
struct ManifestDocs {
    doc: Vec<CorpusEntry>,
}

/// The manifest of an embedded corpus folder (only the fields the harness needs).
pub fn manifest(corpus: &str) -> Vec<CorpusEntry> {
    super::embedded::corpus(corpus)
        .and_then(|c| toml::from_str::<ManifestDocs>(c.manifest).ok())
        .map(|m| m.doc)
        .unwrap_or_default()
}

/// The embedded RID manifest.
pub fn rid_manifest() -> Vec<CorpusEntry> {
    manifest("rid")
}

/// The document kind and IODEF 1.0 extension of a corpus document, as the adapter is told: the
/// folder's kind; in an extension folder (`iodef-phish-1.0`, `thraud-1.0`, `iodef-sci-1.0`) an
/// IODEF 1.0 document using that extension, or an IODEF 2.0 document misusing it (recognised by
/// its root namespace, as the XSD oracle `tests/oracle.rs` does).
pub fn document_kind(corpus: &str, bytes: &[u8]) -> (&'static str, Option<String>) {
    match corpus {
        "rid" => ("rid", None),
        "iodef-2.0" => ("iodef-2.0", None),
        "iodef-1.0" => ("iodef-1.0", None),
        ext => {
            let v2 = b"xmlns=\"urn:ietf:params:xml:ns:iodef-2.0\"";
            if bytes.windows(v2.len()).any(|w| w == v2) {
                ("iodef-2.0", None)
            } else {
                ("iodef-1.0", Some(ext.to_string()))
            }
        }
    }
}
