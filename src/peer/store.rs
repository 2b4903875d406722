//! The peer's durable store: every message in and out with its exchange, peer identity,
//! verdict and diagnostics; exchanges; and the outbox of callbacks still owed.
//!
//! Writes go through one writer thread that groups concurrent commits into one SQLite
//! transaction (group commit): each caller's future completes only after the transaction that
//! holds its writes has been committed and synced (`synchronous=FULL` in WAL mode), so a
//! success status is never sent for a message that a crash could lose. Reads use their own
//! connection and never wait for writers.
//!
//! Identical messages (same direction, peer and body) are stored once. The writer finds them
//! in memory, by a digest kept in the append-only `digests` table and loaded when the store
//! opens: a unique index over the body's hash would put each message on a random index page,
//! and every such page is written to the WAL and again by the checkpoint (about a third of the
//! writer's work under load).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc;
use tokio::sync::oneshot;

/// Why the store failed (the tool's own failure, answered with a 5xx).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("store: {0}")]
    Sqlite(String),
    /// The writer thread is gone (the peer is shutting down).
    #[error("store: the writer has stopped")]
    Closed,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e.to_string())
    }
}

/// Direction of a stored message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Received from a peer.
    In,
    /// Sent to a peer.
    Out,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

/// A message to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewMessage {
    /// The exchange it belongs to.
    pub exchange: String,
    /// In or out.
    pub direction: Direction,
    /// The peer's certificate identity (SHA-256 fingerprint) and name.
    pub peer: String,
    /// The peer's network address.
    pub remote: String,
    /// `MsgType`, or empty when unknown (invalid document).
    pub msg_type: String,
    /// The RIDPolicy IncidentID as `name#value#instance`, or empty.
    pub incident: String,
    /// The document as received or sent (shared with the request it came in, not copied).
    #[serde(skip)]
    pub body: bytes::Bytes,
    /// `valid` or `invalid`.
    pub verdict: String,
    /// Diagnostics as JSON.
    pub diagnostics: String,
    /// HTTP status answered (in) or received (out); 0 when not yet known.
    pub http_status: u16,
    /// The `RID-Callback-Token` involved, if any.
    pub callback_token: String,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageRow {
    /// Row id.
    pub id: i64,
    /// When it was stored (UTC, RFC 3339).
    pub created: String,
    /// The message.
    #[serde(flatten)]
    pub message: NewMessage,
    /// SHA-256 of the body (hex).
    pub sha256: String,
}

/// An outstanding callback: an answer owed to a peer after a 202.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Callback {
    /// Row id.
    pub id: i64,
    /// The exchange.
    pub exchange: String,
    /// Where to POST it.
    pub url: String,
    /// The `RID-Callback-Token`.
    pub token: String,
    /// The answer document.
    #[serde(skip)]
    pub body: Vec<u8>,
    /// Attempts made so far.
    pub attempts: u32,
    /// Earliest time of the next attempt (Unix milliseconds).
    pub next_attempt_ms: i64,
    /// `pending`, `delivered` or `abandoned`.
    pub state: String,
    /// The last delivery error.
    pub last_error: String,
}

/// One write; a commit is a list of writes applied atomically.
#[derive(Debug, Clone)]
pub enum Write {
    /// Record a message. A message with the same direction, peer and body as one already
    /// stored is not stored again (RFC 6546 lets a sender repeat an interrupted POST): the
    /// result then names the earlier row.
    Message(NewMessage),
    /// Set the HTTP status of a stored message (the row id of an earlier write's result).
    MessageStatus {
        /// Row id.
        id: i64,
        /// Status.
        status: u16,
    },
    /// Add a callback to the outbox.
    Callback {
        /// The exchange.
        exchange: String,
        /// Where to POST it.
        url: String,
        /// The token.
        token: String,
        /// The answer.
        body: Vec<u8>,
    },
    /// Record a delivery attempt of a callback.
    CallbackAttempt {
        /// Row id.
        id: i64,
        /// `pending` (retry at `next_attempt_ms`), `delivered` or `abandoned`.
        state: String,
        /// When to try again.
        next_attempt_ms: i64,
        /// What went wrong.
        error: String,
    },
}

/// What a write produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A message row: its id, and whether it was already there.
    Message {
        /// Row id.
        id: i64,
        /// An identical message was already stored.
        duplicate: bool,
    },
    /// Anything else.
    Done,
}

type Reply = oneshot::Sender<Result<Vec<Written>, StoreError>>;

/// What identifies a message for deduplication: a 128-bit prefix of SHA-256 over its direction,
/// peer and body (at this width an accidental collision is not a practical concern).
type DedupeKey = [u8; 16];

/// The hashes of a message write, computed on the caller's thread so that the one writer
/// thread spends its time in SQLite.
struct Hashed {
    sha256: String,
    key: DedupeKey,
}

/// One commit on its way to the writer.
struct Job {
    writes: Vec<Write>,
    hashes: Vec<Option<Hashed>>,
    reply: Reply,
}

impl Job {
    fn new(writes: Vec<Write>, reply: Reply) -> Job {
        let hashes = writes
            .iter()
            .map(|w| match w {
                Write::Message(m) => Some(hashed(m)),
                _ => None,
            })
            .collect();
        Job { writes, hashes, reply }
    }
}

fn dedupe_key(direction: &str, peer: &str, body_sha256: &[u8]) -> DedupeKey {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    // Length-prefixed, so that no two (direction, peer) pairs run together alike.
    for part in [direction.as_bytes(), peer.as_bytes()] {
        ctx.update(&(part.len() as u64).to_be_bytes());
        ctx.update(part);
    }
    ctx.update(body_sha256);
    let mut key = [0u8; 16];
    key.copy_from_slice(&ctx.finish().as_ref()[..16]);
    key
}

fn hashed(m: &NewMessage) -> Hashed {
    let body = ring::digest::digest(&ring::digest::SHA256, &m.body);
    Hashed {
        sha256: crate::transport::lower_hex(body.as_ref()),
        key: dedupe_key(m.direction.as_str(), &m.peer, body.as_ref()),
    }
}

/// The SQLite store.
pub struct SqliteStore {
    writer: Mutex<mpsc::Sender<Job>>,
    reader: Mutex<Connection>,
    path: std::path::PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  created TEXT NOT NULL,
  exchange TEXT NOT NULL,
  direction TEXT NOT NULL,
  peer TEXT NOT NULL,
  remote TEXT NOT NULL,
  msg_type TEXT NOT NULL,
  incident TEXT NOT NULL,
  body BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  verdict TEXT NOT NULL,
  diagnostics TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  callback_token TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_exchange ON messages (exchange);
CREATE INDEX IF NOT EXISTS messages_incident ON messages (incident);
CREATE TABLE IF NOT EXISTS digests (
  id INTEGER PRIMARY KEY,
  key BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS callbacks (
  id INTEGER PRIMARY KEY,
  exchange TEXT NOT NULL,
  url TEXT NOT NULL,
  token TEXT NOT NULL,
  body BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT NOT NULL DEFAULT ''
);
";

fn open(path: &Path) -> Result<Connection, StoreError> {
    let c = Connection::open(path)?;
    c.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL with FULL sync: a committed transaction survives power loss and kill -9.
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "FULL")?;
    Ok(c)
}

/// Now, UTC, RFC 3339 with milliseconds.
pub fn now_rfc3339() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = if month <= 2 { y + 1 } else { y };
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The messages already stored, by dedupe key. Stores written before the `digests` table
/// existed get their digests here, once.
fn load_digests(conn: &mut Connection) -> Result<HashMap<DedupeKey, i64>, StoreError> {
    let tx = conn.transaction()?;
    {
        let mut missing = tx.prepare(
            "SELECT id, direction, peer, body FROM messages WHERE id > (SELECT IFNULL(MAX(id), 0) FROM digests) ORDER BY id",
        )?;
        let mut insert = tx.prepare("INSERT INTO digests (id, key) VALUES (?1, ?2)")?;
        let mut rows = missing.query([])?;
        while let Some(r) = rows.next()? {
            let (id, direction, peer): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let body: Vec<u8> = r.get(3)?;
            let sha = ring::digest::digest(&ring::digest::SHA256, &body);
            insert.execute(params![id, dedupe_key(&direction, &peer, sha.as_ref()).as_slice()])?;
        }
    }
    tx.commit()?;
    let mut seen = HashMap::new();
    let mut st = conn.prepare("SELECT id, key FROM digests ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let key: Vec<u8> = r.get(1)?;
        if let Ok(key) = DedupeKey::try_from(key.as_slice()) {
            seen.entry(key).or_insert(id);
        }
    }
    Ok(seen)
}

/// Keys of the messages stored so far, and of those written by the open transaction (known
/// only once it commits).
struct Seen {
    committed: HashMap<DedupeKey, i64>,
    pending: HashMap<DedupeKey, i64>,
}

impl Seen {
    fn get(&self, key: &DedupeKey) -> Option<i64> {
        self.pending.get(key).or_else(|| self.committed.get(key)).copied()
    }
    fn committed(&mut self) {
        self.committed.extend(self.pending.drain());
    }
}

fn apply(
    tx: &rusqlite::Transaction<'_>,
    w: &Write,
    hashes: Option<&Hashed>,
    seen: &mut Seen,
) -> Result<Written, StoreError> {
    match w {
        Write::Message(m) => {
            let computed;
            let h = match hashes {
                Some(h) => h,
                None => {
                    computed = hashed(m);
                    &computed
                }
            };
            if let Some(id) = seen.get(&h.key) {
                return Ok(Written::Message { id, duplicate: true });
            }
            let sha = &h.sha256;
            // Cached statements: the writer runs the same few for every message.
            tx.prepare_cached(
                "INSERT INTO messages (created, exchange, direction, peer, remote, msg_type, incident, body, sha256,
                   verdict, diagnostics, http_status, callback_token)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                now_rfc3339(),
                m.exchange,
                m.direction.as_str(),
                m.peer,
                m.remote,
                m.msg_type,
                m.incident,
                &m.body[..],
                sha,
                m.verdict,
                m.diagnostics,
                m.http_status,
                m.callback_token
            ])?;
            let id = tx.last_insert_rowid();
            tx.prepare_cached("INSERT INTO digests (id, key) VALUES (?1, ?2)")?
                .execute(params![id, h.key.as_slice()])?;
            seen.pending.insert(h.key, id);
            Ok(Written::Message { id, duplicate: false })
        }
        Write::MessageStatus { id, status } => {
            tx.execute("UPDATE messages SET http_status = ?1 WHERE id = ?2", params![status, id])?;
            Ok(Written::Done)
        }
        Write::Callback { exchange, url, token, body } => {
            tx.execute(
                "INSERT INTO callbacks (exchange, url, token, body) VALUES (?1, ?2, ?3, ?4)",
                params![exchange, url, token, body],
            )?;
            Ok(Written::Done)
        }
        Write::CallbackAttempt { id, state, next_attempt_ms, error } => {
            tx.execute(
                "UPDATE callbacks SET attempts = attempts + 1, state = ?1, next_attempt_ms = ?2, last_error = ?3 WHERE id = ?4",
                params![state, next_attempt_ms, error, id],
            )?;
            Ok(Written::Done)
        }
    }
}

/// The writer thread: take one commit, then every commit already waiting (up to a bound), apply
/// them in one transaction, sync, and answer each.
fn writer_loop(mut conn: Connection, mut seen: Seen, rx: mpsc::Receiver<Job>) {
    const MAX_BATCH: usize = 256;
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let outcome = transaction(&mut conn, &mut seen, &batch);
        let mut done = Vec::with_capacity(batch.len());
        match outcome {
            Ok(results) => {
                for (job, r) in batch.into_iter().zip(results) {
                    let _ = job.reply.send(Ok(r));
                    done.push(job.writes);
                }
            }
            Err(_) => {
                // One bad write fails the whole batch; retry each commit alone so that the
                // others are not lost with it.
                for job in batch {
                    let single = transaction(&mut conn, &mut seen, std::slice::from_ref(&job));
                    let _ = job.reply.send(single.map(|mut r| r.pop().unwrap_or_default()));
                    done.push(job.writes);
                }
            }
        }
        // The writes are freed once every caller has its answer: off the path of the replies.
        drop(done);
    }
}

/// Apply the jobs' writes in one transaction and commit it; the dedupe keys it added count
/// only once it has committed.
fn transaction(conn: &mut Connection, seen: &mut Seen, jobs: &[Job]) -> Result<Vec<Vec<Written>>, StoreError> {
    seen.pending.clear();
    let tx = conn.transaction()?;
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        let mut r = Vec::with_capacity(job.writes.len());
        for (i, w) in job.writes.iter().enumerate() {
            r.push(apply(&tx, w, job.hashes.get(i).and_then(Option::as_ref), seen)?);
        }
        results.push(r);
    }
    tx.commit()?;
    seen.committed();
    Ok(results)
}

/// A boxed future of a store commit.
pub type CommitFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Written>, StoreError>> + Send + 'a>>;

/// What the peer needs of a store. [`SqliteStore`] is the engine we ship; another engine is
/// added by implementing this. `commit` must resolve only once the writes are durable: the peer
/// answers success after it.
pub trait Store: Send + Sync {
    /// Apply `writes` atomically; resolves after they are durable.
    fn commit(&self, writes: Vec<Write>) -> CommitFuture<'_>;
    /// Stored messages, newest last; optionally only those of one exchange.
    fn messages(&self, exchange: Option<&str>, limit: usize) -> Result<Vec<MessageRow>, StoreError>;
    /// One message by id.
    fn message(&self, id: i64) -> Result<Option<MessageRow>, StoreError>;
    /// Number of stored messages per direction: (in, out).
    fn counts(&self) -> Result<(u64, u64), StoreError>;
    /// Valid incoming messages of a type whose incident key starts with `incident_prefix`.
    fn find(&self, msg_type: &str, incident_prefix: &str) -> Result<Vec<MessageRow>, StoreError>;
    /// Callbacks whose next attempt is due at `now_ms`.
    fn due_callbacks(&self, now_ms: i64) -> Result<Vec<Callback>, StoreError>;
    /// Every callback, or only those due at the given time.
    fn callbacks(&self, due: Option<i64>) -> Result<Vec<Callback>, StoreError>;
    /// The exchange a callback token belongs to.
    fn exchange_of_token(&self, token: &str) -> Result<Option<String>, StoreError>;
}

impl Store for SqliteStore {
    fn commit(&self, writes: Vec<Write>) -> CommitFuture<'_> {
        Box::pin(SqliteStore::commit(self, writes))
    }
    fn messages(&self, exchange: Option<&str>, limit: usize) -> Result<Vec<MessageRow>, StoreError> {
        SqliteStore::messages(self, exchange, limit)
    }
    fn message(&self, id: i64) -> Result<Option<MessageRow>, StoreError> {
        SqliteStore::message(self, id)
    }
    fn counts(&self) -> Result<(u64, u64), StoreError> {
        SqliteStore::counts(self)
    }
    fn find(&self, msg_type: &str, incident_prefix: &str) -> Result<Vec<MessageRow>, StoreError> {
        SqliteStore::find(self, msg_type, incident_prefix)
    }
    fn due_callbacks(&self, now_ms: i64) -> Result<Vec<Callback>, StoreError> {
        SqliteStore::due_callbacks(self, now_ms)
    }
    fn callbacks(&self, due: Option<i64>) -> Result<Vec<Callback>, StoreError> {
        SqliteStore::callbacks(self, due)
    }
    fn exchange_of_token(&self, token: &str) -> Result<Option<String>, StoreError> {
        SqliteStore::exchange_of_token(self, token)
    }
}

impl SqliteStore {
    /// Open (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let mut writer = open(path)?;
        writer.execute_batch(SCHEMA)?;
        // The writer's page cache: the indexes' pages stay in memory rather than being read
        // back for every group (SQLite's default is 2 MiB).
        writer.pragma_update(None, "cache_size", -65_536)?;
        let seen = Seen { committed: load_digests(&mut writer)?, pending: HashMap::new() };
        let reader = open(path)?;
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("mile-store-writer".into())
            .spawn(move || writer_loop(writer, seen, rx))
            .map_err(|e| StoreError::Sqlite(format!("cannot start the writer thread: {e}")))?;
        Ok(SqliteStore { writer: Mutex::new(tx), reader: Mutex::new(reader), path: path.to_path_buf() })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Apply `writes` atomically; resolves after they are durable.
    pub async fn commit(&self, writes: Vec<Write>) -> Result<Vec<Written>, StoreError> {
        let rx = self.submit(writes)?;
        rx.await.map_err(|_| StoreError::Closed)?
    }

    fn submit(&self, writes: Vec<Write>) -> Result<oneshot::Receiver<Result<Vec<Written>, StoreError>>, StoreError> {
        let (reply, rx) = oneshot::channel();
        let job = Job::new(writes, reply);
        let tx = self.writer.lock().map_err(|_| StoreError::Closed)?;
        tx.send(job).map_err(|_| StoreError::Closed)?;
        Ok(rx)
    }

    /// Apply `writes` atomically from synchronous code (blocks until durable).
    pub fn commit_blocking(&self, writes: Vec<Write>) -> Result<Vec<Written>, StoreError> {
        self.submit(writes)?.blocking_recv().map_err(|_| StoreError::Closed)?
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T, rusqlite::Error>) -> Result<T, StoreError> {
        let c = self.reader.lock().map_err(|_| StoreError::Closed)?;
        Ok(f(&c)?)
    }

    /// Stored messages, newest last; optionally only those of one exchange.
    pub fn messages(&self, exchange: Option<&str>, limit: usize) -> Result<Vec<MessageRow>, StoreError> {
        let mut v = self.select(
            "(?1 IS NULL OR exchange = ?1) ORDER BY id DESC LIMIT ?2",
            params![exchange, limit.min(i64::MAX as usize) as i64],
        )?;
        v.reverse();
        Ok(v)
    }

    /// One message by id.
    pub fn message(&self, id: i64) -> Result<Option<MessageRow>, StoreError> {
        Ok(self.select("id = ?1", params![id])?.pop())
    }

    /// The rows of `messages` matching `filter` (an SQL condition, possibly with ORDER/LIMIT).
    fn select(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<MessageRow>, StoreError> {
        self.read(|c| {
            let sql = format!(
                "SELECT id, created, exchange, direction, peer, remote, msg_type, incident, body, sha256, verdict,
                        diagnostics, http_status, callback_token
                 FROM messages WHERE {filter}"
            );
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(args, |r| {
                let dir: String = r.get(3)?;
                Ok(MessageRow {
                    id: r.get(0)?,
                    created: r.get(1)?,
                    message: NewMessage {
                        exchange: r.get(2)?,
                        direction: if dir == "out" { Direction::Out } else { Direction::In },
                        peer: r.get(4)?,
                        remote: r.get(5)?,
                        msg_type: r.get(6)?,
                        incident: r.get(7)?,
                        body: r.get::<_, Vec<u8>>(8)?.into(),
                        verdict: r.get(10)?,
                        diagnostics: r.get(11)?,
                        http_status: r.get(12)?,
                        callback_token: r.get(13)?,
                    },
                    sha256: r.get(9)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()
        })
    }

    /// Number of stored messages per direction: (in, out).
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        self.read(|c| {
            let n = |d: &str| {
                c.query_row("SELECT COUNT(*) FROM messages WHERE direction = ?1", [d], |r| r.get::<_, i64>(0))
            };
            Ok((n("in")? as u64, n("out")? as u64))
        })
    }

    /// Valid incoming messages of a type about an incident (`name#value`), oldest first.
    pub fn find(&self, msg_type: &str, incident_prefix: &str) -> Result<Vec<MessageRow>, StoreError> {
        // The incident index serves the prefix range; LIKE would need escaping of % and _.
        let mut upper = incident_prefix.to_string();
        upper.push(char::MAX);
        self.select(
            "direction = 'in' AND verdict = 'valid' AND msg_type = ?1 AND incident >= ?2 AND incident < ?3 ORDER BY id",
            params![msg_type, incident_prefix, upper],
        )
    }

    /// Callbacks still pending, due at or before `now_ms`.
    pub fn due_callbacks(&self, now_ms: i64) -> Result<Vec<Callback>, StoreError> {
        self.callbacks(Some(now_ms))
    }

    /// Every callback (any state), or only pending ones due by `due`.
    pub fn callbacks(&self, due: Option<i64>) -> Result<Vec<Callback>, StoreError> {
        self.read(|c| {
            let mut st = c.prepare(
                "SELECT id, exchange, url, token, body, attempts, next_attempt_ms, state, last_error FROM callbacks
                 WHERE (?1 IS NULL OR (state = 'pending' AND next_attempt_ms <= ?1)) ORDER BY id",
            )?;
            let rows = st.query_map(params![due], |r| {
                Ok(Callback {
                    id: r.get(0)?,
                    exchange: r.get(1)?,
                    url: r.get(2)?,
                    token: r.get(3)?,
                    body: r.get(4)?,
                    attempts: r.get(5)?,
                    next_attempt_ms: r.get(6)?,
                    state: r.get(7)?,
                    last_error: r.get(8)?,
                })
            })?;
            rows.collect()
        })
    }

    /// The exchange a callback token belongs to, if we issued it or were given it.
    pub fn exchange_of_token(&self, token: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| {
            c.query_row("SELECT exchange FROM messages WHERE callback_token = ?1 ORDER BY id LIMIT 1", [token], |r| {
                r.get(0)
            })
            .optional()
        })
    }
}
