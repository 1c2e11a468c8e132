//! Runs one job per input on every core and hands the results back in input
//! order as soon as each is ready, so that memory stays flat however long
//! the batch: workers never run more than a small window ahead of the
//! oldest result not yet written.
//!
//! The writing thread is woken once per batch of results, not once per
//! result: a wake-up is a system call and a context switch, which for the
//! pairing pass (a fraction of a millisecond a file) cost more than the
//! work. It is woken when the oldest result is ready and a quarter of the
//! window is (or the window is full, or every job is taken), and at the
//! latest every [`LATENCY`], so that a terminal still sees each file soon
//! after it is checked. Workers are woken only when one waits for the
//! window to move.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Results held at most, per worker (about 1.5 MB a worker for reports of
/// 8 kB). A smaller window stalls the workers: with 8 per worker, 10 000
/// reports took three times as many futex calls and 4 % more time.
const PER_WORKER: usize = 32;

/// How long a ready result may wait for the writing thread at most.
const LATENCY: Duration = Duration::from_millis(50);

/// Calls `work(i)` for `i` in `0..n` on `jobs` threads and `emit(i, result)`
/// on the calling thread, in order of `i`. `emit` returning `false` stops
/// the run (e.g. a closed pipe).
pub fn ordered<R: Send>(
    n: usize,
    jobs: usize,
    work: impl Fn(usize) -> R + Sync,
    mut emit: impl FnMut(usize, R) -> bool,
) {
    if jobs <= 1 || n <= 1 {
        for i in 0..n {
            if !emit(i, work(i)) {
                return;
            }
        }
        return;
    }
    let workers = jobs.min(n);
    let pool = Pool {
        state: Mutex::new(State {
            ready: BTreeMap::new(),
            next: 0,
            written: 0,
            stop: false,
            running: workers,
            writer_waits: false,
            workers_waiting: 0,
        }),
        writer: Condvar::new(),
        workers: Condvar::new(),
        n,
        window: jobs * PER_WORKER,
    };
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (pool, work) = (&pool, &work);
            s.spawn(move || {
                // Counted out however the thread ends (a panic included), so
                // that the writer never waits for it.
                let _running = Running(pool);
                while let Some(i) = pool.take() {
                    let r = work(i);
                    pool.put(i, r);
                }
            });
        }
        let mut batch = Vec::new();
        while pool.ready_batch(&mut batch) {
            let written = batch.len();
            for (i, r) in batch.drain(..) {
                if !emit(i, r) {
                    pool.stop();
                    return;
                }
            }
            pool.written(written);
        }
    });
}

/// The jobs and results of a run.
struct Pool<R> {
    state: Mutex<State<R>>,
    /// Where the writing thread waits for results.
    writer: Condvar,
    /// Where workers wait for the window to move.
    workers: Condvar,
    n: usize,
    window: usize,
}

struct State<R> {
    /// Results not yet handed to the writer.
    ready: BTreeMap<usize, R>,
    /// The next job to take.
    next: usize,
    /// Results handed to the writer so far.
    written: usize,
    stop: bool,
    /// Workers not ended.
    running: usize,
    writer_waits: bool,
    workers_waiting: usize,
}

impl<R> State<R> {
    /// Whether the writer has something to do: a batch of results from the
    /// oldest on, or the last of them, or nothing more to wait for.
    fn writer_has_work(&self, window: usize, n: usize) -> bool {
        if self.running == 0 || self.stop {
            return true;
        }
        self.ready.contains_key(&self.written)
            && (self.ready.len() * 4 >= window
                || self.next >= self.written + window
                || self.next >= n)
    }
}

impl<R> Pool<R> {
    fn lock(&self) -> MutexGuard<'_, State<R>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The next job, waiting while the window is full; `None` when every
    /// job is taken or the run stopped.
    fn take(&self) -> Option<usize> {
        let mut g = self.lock();
        loop {
            if g.stop || g.next >= self.n {
                return None;
            }
            if g.next < g.written + self.window {
                g.next += 1;
                return Some(g.next - 1);
            }
            g.workers_waiting += 1;
            g = self.workers.wait(g).unwrap_or_else(|p| p.into_inner());
            g.workers_waiting -= 1;
        }
    }

    /// Hands over a result, waking the writer if it now has work.
    fn put(&self, i: usize, r: R) {
        let mut g = self.lock();
        g.ready.insert(i, r);
        if g.writer_waits && g.writer_has_work(self.window, self.n) {
            self.writer.notify_one();
        }
    }

    /// Waits for results, then moves the consecutive ones from the oldest
    /// on into `batch`. `false`: the run is over (every result written, or
    /// stopped, or no worker left).
    fn ready_batch(&self, batch: &mut Vec<(usize, R)>) -> bool {
        let mut g = self.lock();
        loop {
            if g.stop || g.written >= self.n {
                return false;
            }
            if g.writer_has_work(self.window, self.n) {
                break;
            }
            g.writer_waits = true;
            let (guard, timeout) = self
                .writer
                .wait_timeout(g, LATENCY)
                .unwrap_or_else(|p| p.into_inner());
            g = guard;
            g.writer_waits = false;
            if timeout.timed_out() && g.ready.contains_key(&g.written) {
                break;
            }
        }
        let mut i = g.written;
        while let Some(r) = g.ready.remove(&i) {
            batch.push((i, r));
            i += 1;
        }
        !batch.is_empty()
    }

    /// Counts `k` more results written: the window moves on.
    fn written(&self, k: usize) {
        let mut g = self.lock();
        g.written += k;
        if g.workers_waiting > 0 {
            self.workers.notify_all();
        }
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.workers.notify_all();
    }
}

/// A running worker; counted out when dropped. One ended by a panic stops
/// the run: its result will never come, and the others would wait for it.
struct Running<'a, R>(&'a Pool<R>);

impl<R> Drop for Running<'_, R> {
    fn drop(&mut self) {
        let mut g = self.0.lock();
        g.running -= 1;
        if std::thread::panicking() {
            g.stop = true;
            self.0.workers.notify_all();
        }
        if g.writer_waits {
            self.0.writer.notify_one();
        }
    }
}

/// A progress line on standard error, drawn only when standard error is a
/// terminal and the batch has several files.
pub struct Progress {
    total: usize,
    done: usize,
    enabled: bool,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    pub fn new(total: usize, enabled: bool) -> Self {
        Progress {
            total,
            done: 0,
            enabled: enabled && total > 1 && std::io::stderr().is_terminal(),
            last: None,
            shown: false,
        }
    }

    /// Erases the line (before anything else is written to the terminal).
    pub fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.shown = false;
        }
    }

    /// Counts one more file done, redrawing at most ten times a second
    /// (and at once after [`Progress::clear`]).
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled || self.done == self.total {
            return;
        }
        if self.shown
            && self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(Instant::now());
        let width = 30;
        let filled = width * self.done / self.total.max(1);
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2Kgongkai [{}{}] {}/{} files",
            "#".repeat(filled),
            "-".repeat(width - filled),
            self.done,
            self.total
        );
        self.shown = true;
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order() {
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            ordered(
                500,
                jobs,
                |i| {
                    if i % 7 == 0 {
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    i * 2
                },
                |i, r| {
                    assert_eq!(r, i * 2);
                    seen.push(i);
                    true
                },
            );
            assert_eq!(seen, (0..500).collect::<Vec<_>>());
        }
    }

    /// However slow one job, no job starts more than the window
    /// ([`PER_WORKER`] per thread) ahead of the results written: memory stays
    /// flat.
    #[test]
    fn the_window_bounds_the_results_held() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let jobs = 2;
        let emitted = AtomicUsize::new(0);
        let threads = Mutex::new(std::collections::HashSet::new());
        ordered(
            300,
            jobs,
            |i| {
                assert!(
                    i < emitted.load(Ordering::SeqCst) + jobs * PER_WORKER,
                    "job {i}"
                );
                threads.lock().unwrap().insert(std::thread::current().id());
                if i % 50 == 0 {
                    std::thread::sleep(Duration::from_millis(5));
                }
                i
            },
            |i, r| {
                assert_eq!(i, r);
                emitted.fetch_add(1, Ordering::SeqCst);
                true
            },
        );
        assert_eq!(emitted.into_inner(), 300);
        assert_eq!(threads.into_inner().unwrap().len(), jobs);
    }

    /// A worker that dies (a bug outside the guarded check) ends the run
    /// with its panic; the writer does not wait for its result forever.
    #[test]
    fn a_worker_s_panic_does_not_hang_the_writer() {
        let run = std::panic::catch_unwind(|| {
            ordered(
                100,
                2,
                |i| {
                    assert!(i != 5, "job 5 fails");
                    i
                },
                |_, _| true,
            )
        });
        assert!(run.is_err());
    }

    #[test]
    fn emit_can_stop_the_run() {
        let mut seen = 0;
        ordered(
            10_000,
            2,
            |i| i,
            |_, _| {
                seen += 1;
                seen < 10
            },
        );
        assert_eq!(seen, 10);
    }
}
