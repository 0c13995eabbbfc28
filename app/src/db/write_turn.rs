//! SQLite writes: one writer at a time per database file, and group commit.
//!
//! SQLite lets one writer in at a time and makes the others poll with growing sleeps (up
//! to 100 ms each); queueing in the process instead hands the lock on the moment it is
//! free. And since every COMMIT waits for the disk (synchronous=FULL), writers that queue
//! up share one: each writer's work is a savepoint inside one open transaction, which
//! commits when no other writer is waiting or the batch is full. `commit` returns only
//! after that COMMIT, with its outcome, so nothing is confirmed before it is on disk, and
//! a writer that fails undoes only its own savepoint. A finished writer's savepoint stays
//! open (the next one nests inside it; COMMIT ends them all): a RELEASE would cost every
//! writer one more round trip to the database thread while the others wait. (Several processes on one file still
//! work: the busy timeout covers them.)

use sqlx::sqlite::{Sqlite, SqliteConnection, SqlitePool};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::{oneshot, Mutex, OwnedMutexGuard};

/// Most writers sharing one COMMIT, so that no answer waits long behind a busy queue.
const MAX_BATCH: usize = 64;

/// One writer's work in the batch's transaction (one writer at a time, so one name).
const SAVEPOINT: &str = "SAVEPOINT kt_write";
/// Undoes the newest savepoint of that name, the failed writer's, and only that one.
const UNDO: &str = "ROLLBACK TO kt_write; RELEASE kt_write";

/// A batch's COMMIT as its writers learn it (sqlx errors cannot be cloned).
type Outcome = Result<(), String>;

/// The writers' queue of one database file.
struct Queue {
    batch: Arc<Mutex<Batch>>,
    /// Writers waiting for their turn (the flusher does not count).
    waiting: AtomicUsize,
    /// A flusher task is queued to commit whatever the batch holds when its turn comes.
    flusher_queued: AtomicBool,
}

#[derive(Default)]
struct Batch {
    tx: Option<sqlx::Transaction<'static, Sqlite>>,
    /// Writers whose finished savepoints are in `tx`, waiting for its COMMIT.
    members: Vec<oneshot::Sender<Outcome>>,
    /// The last writer went away without committing: its savepoint is still to be undone.
    undo_pending: bool,
    /// A writer went away while its SAVEPOINT or the undo was running (the statement may
    /// or may not have run), so nobody knows what the transaction holds.
    in_doubt: bool,
}

fn queue_for(pool: &SqlitePool) -> Arc<Queue> {
    static QUEUES: OnceLock<std::sync::Mutex<HashMap<PathBuf, Arc<Queue>>>> = OnceLock::new();
    let file = pool.connect_options().get_filename().to_path_buf();
    QUEUES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .entry(file)
        .or_insert_with(|| {
            Arc::new(Queue {
                batch: Arc::default(),
                waiting: AtomicUsize::new(0),
                flusher_queued: AtomicBool::new(false),
            })
        })
        .clone()
}

/// Counts a writer as waiting while it waits (also when its future is dropped meanwhile).
struct Waiting(Arc<Queue>);

impl Waiting {
    fn count(queue: &Arc<Queue>) -> Self {
        queue.waiting.fetch_add(1, Ordering::AcqRel);
        Waiting(queue.clone())
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Runs statements on the turn's connection. (Through `Executor`, whose boxed future
/// names the borrow's lifetime: spawned futures that await it stay `Send`.)
async fn run(conn: &mut SqliteConnection, sql: &'static str) -> sqlx::Result<()> {
    use sqlx::Executor;
    conn.execute(sql).await.map(|_| ())
}

/// Holding the queue's turn.
struct Turn {
    queue: Arc<Queue>,
    batch: OwnedMutexGuard<Batch>,
}

impl Turn {
    async fn take(queue: Arc<Queue>, as_writer: bool) -> Turn {
        let batch = {
            let _waiting = as_writer.then(|| Waiting::count(&queue));
            queue.batch.clone().lock_owned().await
        };
        let mut turn = Turn { queue, batch };
        if std::mem::take(&mut turn.batch.in_doubt) {
            tracing::error!("a writer went away mid-savepoint: the batch is rolled back");
            turn.batch.undo_pending = false;
            turn.finish(Err("ein Schreiber brach mitten im Savepoint ab".into()));
        }
        turn.undo_left_savepoint().await;
        turn
    }

    /// The writer's SAVEPOINT; the batch is in doubt until the statement has answered.
    async fn open_savepoint(&mut self) -> sqlx::Result<()> {
        self.batch.in_doubt = true;
        let done = run(self.conn(), SAVEPOINT).await;
        self.batch.in_doubt = false;
        done
    }

    fn conn(&mut self) -> &mut SqliteConnection {
        self.batch
            .tx
            .as_mut()
            .expect("a writer's turn has a transaction")
    }

    async fn undo_left_savepoint(&mut self) {
        if !self.batch.undo_pending {
            return;
        }
        // In doubt like a SAVEPOINT: should this future be dropped while the undo runs,
        // nobody knows whether it ran, and running it again would undo the writer before
        // (whose savepoint is still open) – so the next taker gives up the whole batch.
        self.batch.undo_pending = false;
        self.batch.in_doubt = true;
        let undone = run(self.conn(), UNDO).await;
        self.batch.in_doubt = false;
        if let Err(e) = undone {
            // SQLite rolls the whole transaction back on some errors: the batch is lost.
            tracing::error!(error = %e, "undoing a failed write: the batch's transaction is gone");
            self.finish(Err(e.to_string()));
        }
    }

    /// Ends the batch: its transaction (dropping rolls back) and every member's answer.
    fn finish(&mut self, outcome: Outcome) {
        self.batch.tx = None;
        answer(std::mem::take(&mut self.batch.members), &outcome);
    }

    async fn commit_batch(mut self) {
        let Some(tx) = self.batch.tx.take() else {
            return;
        };
        // Taken first: should this task die mid-COMMIT, its members learn of it (their
        // answers drop) rather than waiting for, or receiving, another batch's answer.
        let members = std::mem::take(&mut self.batch.members);
        let outcome = tx.commit().await.map_err(|e| e.to_string());
        if let Err(e) = &outcome {
            tracing::error!(error = %e, writers = members.len(), "COMMIT failed");
        }
        answer(members, &outcome);
    }
}

fn answer(members: Vec<oneshot::Sender<Outcome>>, outcome: &Outcome) {
    for member in members {
        let _ = member.send(outcome.clone());
    }
}

impl Drop for Turn {
    /// Whoever takes the turn next continues an open batch; the flusher, queued behind
    /// everyone waiting now, commits it if nobody does before.
    fn drop(&mut self) {
        if self.batch.tx.is_none() || self.queue.flusher_queued.swap(true, Ordering::AcqRel) {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn(flush(self.queue.clone()))),
            Err(_) => self.queue.flusher_queued.store(false, Ordering::Release),
        }
    }
}

/// Clears the flusher flag however the flusher ends, even dropped before its turn (at
/// worst a later writer queues one flusher too many, which finds nothing to do).
struct FlusherDone(Arc<Queue>);

impl Drop for FlusherDone {
    fn drop(&mut self) {
        self.0.flusher_queued.store(false, Ordering::Release);
    }
}

async fn flush(queue: Arc<Queue>) {
    let _done = FlusherDone(queue.clone());
    let turn = Turn::take(queue, false).await;
    turn.queue.flusher_queued.store(false, Ordering::Release);
    turn.commit_batch().await;
}

/// A write transaction on SQLite: a savepoint in the batch's transaction while holding the
/// turn. Dereferences to the connection, so `&mut *tx` is an executor.
pub struct SqliteWriteTx {
    turn: Option<Turn>,
}

pub async fn begin(pool: &SqlitePool) -> sqlx::Result<SqliteWriteTx> {
    let mut turn = Turn::take(queue_for(pool), true).await;
    if turn.batch.tx.is_none() {
        // IMMEDIATE takes the write lock up front; a deferred one could fail at its first
        // write with SQLITE_BUSY.
        turn.batch.tx = Some(pool.begin_with("BEGIN IMMEDIATE").await?);
    }
    turn.open_savepoint().await?;
    Ok(SqliteWriteTx { turn: Some(turn) })
}

impl SqliteWriteTx {
    /// Returns once the work is committed (alone or with the writers queued behind it).
    /// Only after statements that all succeeded: a writer whose statement failed drops
    /// the transaction (its savepoint is undone); it must not commit, since without a
    /// RELEASE nothing here would notice that SQLite rolled the transaction back.
    pub async fn commit(mut self) -> sqlx::Result<()> {
        let mut turn = self.turn.take().expect("uncommitted");
        let (member, answer) = oneshot::channel();
        turn.batch.members.push(member);
        let others_waiting = turn.queue.waiting.load(Ordering::Acquire) > 0;
        if !others_waiting || turn.batch.members.len() >= MAX_BATCH {
            // In its own task, so a caller that goes away cannot leave the batch half done.
            let _ = tokio::spawn(turn.commit_batch()).await;
        } else {
            drop(turn);
        }
        match answer.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(sqlx::Error::Protocol(format!("gemeinsamer COMMIT: {e}"))),
            Err(_) => Err(sqlx::Error::WorkerCrashed),
        }
    }
}

impl Drop for SqliteWriteTx {
    fn drop(&mut self) {
        if let Some(turn) = &mut self.turn {
            turn.batch.undo_pending = true;
        }
    }
}

impl std::ops::Deref for SqliteWriteTx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        let turn = self.turn.as_ref().expect("uncommitted");
        turn.batch
            .tx
            .as_ref()
            .expect("a writer's turn has a transaction")
    }
}

impl std::ops::DerefMut for SqliteWriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.turn.as_mut().expect("uncommitted").conn()
    }
}
