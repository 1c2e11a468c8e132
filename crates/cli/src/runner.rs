//! Runs one job per input on every core and hands the results back in input
//! order as soon as each is ready, so that memory stays flat however long
//! the batch: workers never run more than a small window ahead of the
//! oldest result not yet written.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Duration, Instant};

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
    // Results held at most: a few per worker.
    let window = jobs * 8;
    struct State {
        next: usize,
        written: usize,
        stop: bool,
    }
    let state = Mutex::new(State {
        next: 0,
        written: 0,
        stop: false,
    });
    let cv = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(n) {
            let tx = tx.clone();
            let (state, cv, work) = (&state, &cv, &work);
            s.spawn(move || loop {
                let i = {
                    let mut g = state.lock().unwrap_or_else(|p| p.into_inner());
                    loop {
                        if g.stop || g.next >= n {
                            return;
                        }
                        if g.next < g.written + window {
                            g.next += 1;
                            break g.next - 1;
                        }
                        g = cv.wait(g).unwrap_or_else(|p| p.into_inner());
                    }
                };
                if tx.send((i, work(i))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, r) in rx.iter() {
            pending.insert(i, r);
            let mut go_on = true;
            while let Some(r) = pending.remove(&next) {
                go_on = emit(next, r);
                next += 1;
                if !go_on {
                    break;
                }
            }
            let mut g = state.lock().unwrap_or_else(|p| p.into_inner());
            g.written = next;
            g.stop |= !go_on;
            cv.notify_all();
            if !go_on {
                break;
            }
        }
    });
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
