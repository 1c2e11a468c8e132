//! Checks used twice, made once: a report that is last year's report of
//! another file in the batch is needed for its own findings and for the
//! comparison of the next year's. The first to need it checks it (a second
//! thread needing it meanwhile waits for that check instead of repeating
//! it); it is kept until its last use, and then dropped.
//!
//! Memory stays bounded: at most `cap` results are kept at once. One that
//! does not fit (a batch laid out by year, where a report and last year's
//! are far apart) is made again at its next use, as every one was before.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub struct Shared<T> {
    /// The indices used more than once (a batch without pairs has none:
    /// nothing is allocated per file).
    slots: HashMap<usize, Mutex<Slot<T>>>,
    /// Results kept now.
    held: AtomicUsize,
    cap: usize,
}

struct Slot<T> {
    /// Uses still to come.
    uses: usize,
    value: Option<Arc<T>>,
}

impl<T> Shared<T> {
    /// `uses[i]`: how many times index `i` will be asked for (with
    /// [`Shared::get`] or [`Shared::skip`]); `cap`: results kept at most.
    pub fn new(uses: impl IntoIterator<Item = usize>, cap: usize) -> Self {
        Shared {
            slots: uses
                .into_iter()
                .enumerate()
                .filter(|&(_, uses)| uses > 1)
                .map(|(i, uses)| (i, Mutex::new(Slot { uses, value: None })))
                .collect(),
            held: AtomicUsize::new(0),
            cap,
        }
    }

    /// The value of `i`: the one kept, or `make()`'s (kept when it will be
    /// asked for again and there is room).
    pub fn get(&self, i: usize, make: impl FnOnce() -> T) -> Arc<T> {
        let Some(slot) = self.slots.get(&i) else {
            return Arc::new(make());
        };
        // Held while making the value: whoever else needs it waits for it.
        let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
        slot.uses = slot.uses.saturating_sub(1);
        let value = match &slot.value {
            Some(v) => v.clone(),
            None => {
                let v = Arc::new(make());
                if slot.uses > 0 && self.held.fetch_add(1, Ordering::Relaxed) < self.cap {
                    slot.value = Some(v.clone());
                } else if slot.uses > 0 {
                    self.held.fetch_sub(1, Ordering::Relaxed);
                }
                v
            }
        };
        if slot.uses == 0 {
            self.release(&mut slot);
        }
        value
    }

    /// Counts a use of `i` that will not happen (its file failed first).
    pub fn skip(&self, i: usize) {
        if let Some(slot) = self.slots.get(&i) {
            let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
            slot.uses = slot.uses.saturating_sub(1);
            if slot.uses == 0 {
                self.release(&mut slot);
            }
        }
    }

    fn release(&self, slot: &mut Slot<T>) {
        if slot.value.take().is_some() {
            self.held.fetch_sub(1, Ordering::Relaxed);
        }
    }

    /// Results kept now.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn made_once_kept_until_the_last_use() {
        let made = AtomicUsize::new(0);
        let make = |v: u32| {
            made.fetch_add(1, Ordering::SeqCst);
            v
        };
        // 0 used once, 1 three times, 2 twice.
        let s = Shared::new([1, 3, 2], 8);
        assert_eq!(*s.get(0, || make(10)), 10);
        assert_eq!(s.held(), 0, "used once: not kept");
        assert_eq!(*s.get(1, || make(11)), 11);
        assert_eq!(*s.get(1, || make(99)), 11);
        assert_eq!(s.held(), 1);
        assert_eq!(*s.get(1, || make(99)), 11);
        assert_eq!(s.held(), 0, "dropped after its last use");
        assert_eq!(*s.get(2, || make(12)), 12);
        s.skip(2);
        assert_eq!(s.held(), 0, "a skipped use is a use");
        assert_eq!(made.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn beyond_the_cap_made_again() {
        let made = AtomicUsize::new(0);
        let make = |v: u32| {
            made.fetch_add(1, Ordering::SeqCst);
            v
        };
        let s = Shared::new([2, 2, 2], 2);
        for i in 0..3 {
            s.get(i, || make(i as u32));
        }
        assert_eq!(s.held(), 2);
        for i in 0..3 {
            assert_eq!(*s.get(i, || make(i as u32)), i as u32);
        }
        assert_eq!(s.held(), 0);
        assert_eq!(made.load(Ordering::SeqCst), 4, "the third made twice");
    }

    #[test]
    fn a_second_thread_waits_for_the_first_s_value() {
        let made = AtomicUsize::new(0);
        let s = Shared::new([3], 8);
        std::thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    s.get(0, || {
                        made.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        7
                    })
                });
            }
        });
        assert_eq!(made.load(Ordering::SeqCst), 1);
        assert_eq!(s.held(), 0);
    }
}
