//! The durable store: concurrent commits are grouped yet each is durable when it returns;
//! identical messages are stored once; the callback outbox.

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
        body: format!("<doc n='{i}'/>").into_bytes(),
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
