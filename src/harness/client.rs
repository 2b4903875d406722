//! The client direction: `mile check --listen ADDR --client-cmd 'CMD {url} {file}'`. The harness
//! runs RID servers (a proper one on ADDR, misbehaving ones on ephemeral ports of the same host),
//! tells the client under test to send a message to one of them, and judges what arrived.

use super::subject::{CallbackListener, HarnessError, SharedPki};
use crate::transport::{Quirks, RidRequest, TlsIdentity, TrustAnchors};
use std::net::SocketAddr;
use std::time::Duration;

/// The client under test.
pub struct ClientSubject {
    /// Command template: `{url}`, `{file}`, `{ca}`, `{cert}`, `{key}` are replaced.
    pub command: String,
    /// Where the proper server listens.
    pub listen: SocketAddr,
    /// Time bound of one run of the command.
    pub bound: Duration,
    /// The test PKI: the client must trust `ca.crt`; `peer-harness` is offered as its identity.
    pub pki: SharedPki,
    main: CallbackListener,
}

impl std::fmt::Debug for ClientSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientSubject")
            .field("command", &self.command)
            .field("listen", &self.listen)
            .finish_non_exhaustive()
    }
}

/// What one run of the client did.
#[derive(Debug, Clone)]
pub struct ClientRun {
    /// The command as run.
    pub command: String,
    /// Exit code (`None`: killed after the bound or not started).
    pub exit: Option<i32>,
    /// Its output (stdout then stderr, cut).
    pub output: String,
    /// What the server it was pointed at received.
    pub received: Vec<RidRequest>,
    /// Connections the redirect target saw (redirect scenario).
    pub followed: u64,
}

impl ClientSubject {
    /// Generates the PKI and starts the proper server on `listen`.
    pub async fn start(command: &str, listen: SocketAddr, bound: Duration) -> Result<ClientSubject, HarnessError> {
        crate::transport::install_crypto_provider();
        let pki = SharedPki::generate()?;
        let (id, anchors) = Self::identity(&pki, "server")?;
        let main = CallbackListener::start(listen, id, anchors).await?;
        Ok(ClientSubject { command: command.into(), listen: main.addr(), bound, pki, main })
    }

    fn identity(pki: &SharedPki, stem: &str) -> Result<(TlsIdentity, TrustAnchors), HarnessError> {
        let id = TlsIdentity::load(pki.path(&format!("{stem}.crt")), pki.path(&format!("{stem}.key")))
            .map_err(|e| HarnessError::Setup(format!("{stem}: {e}")))?;
        let anchors = TrustAnchors::load(pki.path("ca.crt")).map_err(|e| HarnessError::Setup(format!("CA: {e}")))?;
        Ok((id, anchors))
    }

    /// Runs the client against the proper server (`server: None`) or a server with the PKI
    /// certificate `server` (e.g. `bad/expired`), or a redirecting one (`redirect`).
    pub async fn run(&self, body: &[u8], server: Option<&str>, redirect: bool) -> Result<ClientRun, HarnessError> {
        let dir = super::subject::ScratchDir::new("mile-client")?;
        let file = dir.path().join("message.xml");
        std::fs::write(&file, body)
            .map_err(|e| HarnessError::Setup(format!("cannot write {}: {e}", file.display())))?;
        let ip = self.listen.ip();
        let ephemeral = SocketAddr::new(ip, 0);
        let mut extra = Vec::new();
        let before = self.main.inbox.all().len();
        let (url, target_inbox, followed_inbox) = match (server, redirect) {
            (None, false) => (format!("https://{}/", self.listen), None, None),
            (stem, redirect) => {
                let (id, anchors) = Self::identity(&self.pki, stem.unwrap_or("server"))?;
                let mut quirks = Quirks::default();
                let mut followed = None;
                if redirect {
                    let (gid, ganchors) = Self::identity(&self.pki, "server")?;
                    let good = CallbackListener::start(ephemeral, gid, ganchors).await?;
                    quirks.redirect_to = Some(format!("https://{}/", good.addr()));
                    followed = Some(good.connections.clone());
                    extra.push(good);
                }
                let l = CallbackListener::start_with(ephemeral, id, anchors, quirks).await?;
                let url = format!("https://{}/", l.addr());
                let inbox = l.inbox.clone();
                extra.push(l);
                (url, Some(inbox), followed)
            }
        };
        let cmd = self
            .command
            .replace("{url}", &url)
            .replace("{file}", &file.display().to_string())
            .replace("{ca}", &self.pki.path("ca.crt").display().to_string())
            .replace("{cert}", &self.pki.path("peer-harness.crt").display().to_string())
            .replace("{key}", &self.pki.path("peer-harness.key").display().to_string());
        let child = tokio::process::Command::new("sh")
            .arg("-c")
            .arg(&cmd)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .output();
        let (exit, output) = match tokio::time::timeout(self.bound, child).await {
            Ok(Ok(o)) => (
                o.status.code(),
                format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
                    .chars()
                    .take(4000)
                    .collect(),
            ),
            Ok(Err(e)) => return Err(HarnessError::Setup(format!("cannot run the client command: {e}"))),
            Err(_) => (None, format!("killed after {} s", self.bound.as_secs())),
        };
        // Give an in-flight request a moment to reach the handler.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let received = match &target_inbox {
            Some(i) => i.all(),
            None => self.main.inbox.all().into_iter().skip(before).collect(),
        };
        let followed = followed_inbox.map_or(0, |c| c.load(std::sync::atomic::Ordering::Relaxed));
        for l in extra {
            l.shutdown().await;
        }
        Ok(ClientRun { command: cmd, exit, output, received, followed })
    }

    /// Stops the server.
    pub async fn shutdown(self) {
        self.main.shutdown().await;
    }
}
