//! Writes N variants of the seed reports into a folder, for the batch
//! benchmark (`scripts/bench-batch.sh`).
//!
//! ```text
//! cargo run --release -p gongkai-cli --example variants -- DIR N
//! ```
//!
//! Variant k is seed k mod 5 with one figure of its tables changed (so most
//! variants have findings, as a real batch does), and every tenth one is
//! saved in GB18030, as Chinese Windows machines save text.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: variants DIR N");
        std::process::exit(2);
    };
    let seeds_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds");
    let mut seeds: Vec<String> = std::fs::read_dir(&seeds_dir)
        .expect("the seeds")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    seeds.sort();
    std::fs::create_dir_all(dir).unwrap();
    for k in 0..n {
        let s = &seeds[k % seeds.len()];
        // The figures after section 二's heading.
        let from = s.find("二、").unwrap_or(0);
        let digits: Vec<usize> = s[from..]
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| from + i)
            .collect();
        let mut v = s.clone().into_bytes();
        if !digits.is_empty() {
            let at = digits[(k / seeds.len()).wrapping_mul(7919) % digits.len()];
            v[at] = b'0' + (v[at] - b'0' + 1 + (k % 8) as u8) % 10;
        }
        let path = Path::new(dir).join(format!("{k:05}.txt"));
        if k % 10 == 3 {
            let text = String::from_utf8(v).unwrap();
            let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
            std::fs::write(path, &gbk).unwrap();
        } else {
            std::fs::write(path, &v).unwrap();
        }
    }
}
