//! Helpers shared by the unit tests.

/// A fixed pseudo-random sequence (xorshift64): generated test inputs are
/// the same on every run, so a failure can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new() -> Self {
        Rng(0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        let x = &mut self.0;
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }
}
