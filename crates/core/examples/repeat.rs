//! Checks one file N times: the harness behind the instruction counts in
//! the README (`scripts/instructions.sh` runs it under callgrind with two
//! values of N, so that reading the file, start-up and one-time set-up
//! cancel out).
//!
//! ```text
//! cargo run --release -p gongkai-core --example repeat -- FILE N
//! ```

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: repeat FILE N");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let opts = gongkai_core::Options::default();
    let mut findings = 0;
    for _ in 0..n {
        findings += gongkai_core::check(std::hint::black_box(&text), &opts)
            .diagnostics
            .len();
    }
    println!("{findings}");
}
