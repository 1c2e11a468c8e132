//! Throughput of `gongkai_core::check` on the seed reports, beside
//! `std::str::from_utf8` over the same bytes as a baseline (the README
//! compares the two).
//!
//! Run: `cargo bench -p gongkai-core --bench check -- --warm-up-time 1 --measurement-time 2`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/seeds")
}

/// The seed files, sorted by name: (file stem, bytes).
fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = seeds_dir();
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seed in {}", dir.display());
    out
}

fn bench_seeds(c: &mut Criterion) {
    let opts = gongkai_core::Options::default();
    for (name, bytes) in seeds() {
        let text = std::str::from_utf8(&bytes).expect("seeds are UTF-8");
        let mut group = c.benchmark_group(format!("seed/{name}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("check", |b| {
            b.iter(|| gongkai_core::check(black_box(text), black_box(&opts)))
        });
        group.bench_function("from_utf8", |b| {
            b.iter(|| std::str::from_utf8(black_box(&bytes)).map(str::len))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_seeds);
criterion_main!(benches);
