//! Runs one job per input on every core and hands the results back in input
//! order as soon as each is ready, so that memory stays flat however long
//! the batch: workers never run more than a small window ahead of the
//! oldest result not yet written.
//!
//! The calling thread is one of the workers: between two jobs of its own it
//! writes the results that are ready, and waits only when it can take no
//! job (all taken, or the window full). A thread waiting for each result
//! instead costs a wake-up — a system call and a context switch — per
//! file, which for the pairing pass (a fraction of a millisecond a file)
//! was more than the work.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Calls `work(i)` for `i` in `0..n` on `jobs` threads (the calling thread
/// one of them) and `emit(i, result)` on the calling thread, in order of
/// `i`. `emit` returning `false` stops the run (e.g. a closed pipe).
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
    // Results held at most: a few per worker.
    let window = jobs * 8;
    let queue = Queue {
        state: Mutex::new(State {
            next: 0,
            written: 0,
            stop: false,
            waiting: 0,
        }),
        cv: Condvar::new(),
        n,
        window,
    };
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 1..jobs.min(n) {
            let tx = tx.clone();
            let (queue, work) = (&queue, &work);
            s.spawn(move || {
                while let Some(i) = queue.take(true) {
                    if tx.send((i, work(i))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        while next < n {
            // The results that came in meanwhile, then a job of our own;
            // only when there is none to take, wait for a worker's.
            pending.extend(rx.try_iter());
            if !pending.contains_key(&next) {
                match queue.take(false) {
                    Some(i) => {
                        pending.insert(i, work(i));
                        continue;
                    }
                    None => match rx.recv() {
                        Ok((i, r)) => {
                            pending.insert(i, r);
                            continue;
                        }
                        // Every worker has stopped.
                        Err(_) => break,
                    },
                }
            }
            let mut go_on = true;
            while let Some(r) = pending.remove(&next) {
                go_on = emit(next, r);
                next += 1;
                if !go_on {
                    break;
                }
            }
            queue.written(next, !go_on);
            if !go_on {
                break;
            }
        }
    });
}

/// The jobs of a run: which is next, and how far the writing has got.
struct Queue {
    state: Mutex<State>,
    cv: Condvar,
    n: usize,
    window: usize,
}

struct State {
    /// The next job to take.
    next: usize,
    /// Results written so far.
    written: usize,
    stop: bool,
    /// Workers waiting for the window to move.
    waiting: usize,
}

impl Queue {
    /// The next job, if any is left and the window allows it; a worker
    /// (`wait`) waits for the window to move, the writing thread does not.
    fn take(&self, wait: bool) -> Option<usize> {
        let mut g = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if g.stop || g.next >= self.n {
                return None;
            }
            if g.next < g.written + self.window {
                g.next += 1;
                return Some(g.next - 1);
            }
            if !wait {
                return None;
            }
            g.waiting += 1;
            g = self.cv.wait(g).unwrap_or_else(|p| p.into_inner());
            g.waiting -= 1;
        }
    }

    /// Records how many results are written (and whether to stop), waking
    /// the workers waiting for that, if any.
    fn written(&self, written: usize, stop: bool) {
        let mut g = self.state.lock().unwrap_or_else(|p| p.into_inner());
        g.written = written;
        g.stop |= stop;
        if g.waiting > 0 {
            self.cv.notify_all();
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

    /// However slow one job, no job starts more than the window (eight per
    /// thread) ahead of the results written: memory stays flat.
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
                assert!(i < emitted.load(Ordering::SeqCst) + jobs * 8, "job {i}");
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
