//! The durable store: concurrent commits are grouped yet each is durable when it returns;
//! identical messages are stored once, across restarts and in stores of the earlier layout;
//! the callback outbox.

use mile::peer::store::{Direction, NewMessage, SqliteStore, Write, Written};
use std::sync::Arc;

fn msg(i: usize) -> NewMessage {
    NewMessage {
        exchange: format!("x{i}"),
        direction: Direction::In,
        peer: "peer-a".into(),
        remote: "127.0.0.1:1".into(),
        msg_type: "Report".into(),
        incident: format!("csirt.example#{i}#"),
        body: format!("<doc n='{i}'/>").into_bytes().into(),
        verdict: "valid".into(),
        diagnostics: "[]".into(),
        http_status: 200,
        callback_token: String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_commits_and_duplicates() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Arc::new(SqliteStore::open(&dir.path().join("peer.db")).expect("open"));
    let mut tasks = Vec::new();
    for i in 0..200 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move { s.commit(vec![Write::Message(msg(i))]).await }));
    }
    for t in tasks {
        let r = t.await.expect("join").expect("commit");
        assert!(matches!(r[0], Written::Message { duplicate: false, .. }));
    }
    assert_eq!(store.counts().expect("counts"), (200, 0));
    // The same body from the same peer again is not stored twice.
    let r = store.commit(vec![Write::Message(msg(7))]).await.expect("commit");
    assert!(matches!(r[0], Written::Message { duplicate: true, .. }));
    assert_eq!(store.counts().expect("counts"), (200, 0));
    // Reopening sees everything.
    drop(store);
    let store = SqliteStore::open(&dir.path().join("peer.db")).expect("reopen");
    assert_eq!(store.messages(None, 1000).expect("list").len(), 200);
    assert_eq!(store.find("Report", "csirt.example#3#").expect("find").len(), 1);
    // ... and still knows what it holds: a repeat after the restart names the first row.
    let first = store.messages(None, 1000).expect("list").into_iter().find(|m| m.message.exchange == "x7").expect("x7");
    let r = store.commit(vec![Write::Message(msg(7))]).await.expect("commit");
    assert_eq!(r[0], Written::Message { id: first.id, duplicate: true });
    assert_eq!(store.counts().expect("counts"), (200, 0));
}

#[tokio::test]
async fn what_makes_a_message_the_same() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = SqliteStore::open(&dir.path().join("peer.db")).expect("open");
    // Twice in one commit (one transaction): the second is the first.
    let r = store.commit(vec![Write::Message(msg(1)), Write::Message(msg(1))]).await.expect("commit");
    let Written::Message { id, duplicate: false } = r[0] else { panic!("first stored: {r:?}") };
    assert_eq!(r[1], Written::Message { id, duplicate: true });
    // The same body from another peer, or in the other direction, is another message.
    let other_peer = NewMessage { peer: "peer-b".into(), ..msg(1) };
    let outgoing = NewMessage { direction: Direction::Out, ..msg(1) };
    for m in [other_peer, outgoing] {
        let r = store.commit(vec![Write::Message(m.clone())]).await.expect("commit");
        assert!(matches!(r[0], Written::Message { duplicate: false, .. }), "{m:?}");
    }
    // Another body from the same peer too.
    let edited = NewMessage { body: bytes::Bytes::from_static(b"<doc n='1' />"), ..msg(1) };
    let r = store.commit(vec![Write::Message(edited)]).await.expect("commit");
    assert!(matches!(r[0], Written::Message { duplicate: false, .. }));
    assert_eq!(store.counts().expect("counts"), (3, 1));
}

/// A store written before duplicates were found by digest (a unique index over direction,
/// peer and the body's hash, no `digests` table) opens with its messages known.
#[tokio::test]
async fn a_store_of_the_earlier_layout_keeps_its_duplicates_out() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("peer.db");
    {
        let c = rusqlite::Connection::open(&path).expect("sqlite");
        c.execute_batch(
            "CREATE TABLE messages (
               id INTEGER PRIMARY KEY, created TEXT NOT NULL, exchange TEXT NOT NULL, direction TEXT NOT NULL,
               peer TEXT NOT NULL, remote TEXT NOT NULL, msg_type TEXT NOT NULL, incident TEXT NOT NULL,
               body BLOB NOT NULL, sha256 TEXT NOT NULL, verdict TEXT NOT NULL, diagnostics TEXT NOT NULL,
               http_status INTEGER NOT NULL, callback_token TEXT NOT NULL, UNIQUE (direction, peer, sha256));",
        )
        .expect("old schema");
        for i in 0..3 {
            let m = msg(i);
            c.execute(
                "INSERT INTO messages (created, exchange, direction, peer, remote, msg_type, incident, body, sha256,
                   verdict, diagnostics, http_status, callback_token)
                 VALUES ('2026-01-01T00:00:00.000Z', ?1, 'in', ?2, ?3, ?4, ?5, ?6, ?7, 'valid', '[]', 200, '')",
                rusqlite::params![
                    m.exchange,
                    m.peer,
                    m.remote,
                    m.msg_type,
                    m.incident,
                    &m.body[..],
                    format!("hash-{i}")
                ],
            )
            .expect("old row");
        }
    }
    let store = SqliteStore::open(&path).expect("open");
    let old = store.messages(None, 10).expect("list");
    assert_eq!(old.len(), 3);
    let r = store.commit(vec![Write::Message(msg(2)), Write::Message(msg(3))]).await.expect("commit");
    assert_eq!(r[0], Written::Message { id: old[2].id, duplicate: true });
    assert!(matches!(r[1], Written::Message { duplicate: false, .. }));
    drop(store);
    // Opened again, nothing is added twice (the digests were written once).
    let store = SqliteStore::open(&path).expect("reopen");
    let r = store.commit(vec![Write::Message(msg(0)), Write::Message(msg(3))]).await.expect("commit");
    assert!(r.iter().all(|w| matches!(w, Written::Message { duplicate: true, .. })), "{r:?}");
    assert_eq!(store.counts().expect("counts"), (4, 0));
}

#[tokio::test]
async fn callback_outbox() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = SqliteStore::open(&dir.path().join("peer.db")).expect("open");
    store
        .commit(vec![Write::Callback {
            exchange: "x1".into(),
            url: "https://127.0.0.1:4590/".into(),
            token: "t-1".into(),
            body: b"<a/>".to_vec(),
        }])
        .await
        .expect("commit");
    let due = store.due_callbacks(i64::MAX).expect("due");
    assert_eq!(due.len(), 1);
    let id = due[0].id;
    store
        .commit(vec![Write::CallbackAttempt {
            id,
            state: "pending".into(),
            next_attempt_ms: i64::MAX - 1,
            error: "refused".into(),
        }])
        .await
        .expect("commit");
    assert!(store.due_callbacks(0).expect("due").is_empty());
    store
        .commit(vec![Write::CallbackAttempt {
            id,
            state: "delivered".into(),
            next_attempt_ms: 0,
            error: String::new(),
        }])
        .await
        .expect("commit");
    let all = store.callbacks(None).expect("all");
    assert_eq!((all[0].attempts, all[0].state.as_str()), (2, "delivered"));
    assert!(store.due_callbacks(i64::MAX).expect("due").is_empty());
}
