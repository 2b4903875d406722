//! Validate one document N times in one process, through the library, so that a profiler
//! (`valgrind --tool=callgrind`) sees the per-document cost rather than process start-up.
//!
//! `cargo run --release --example validate_repeat -- FILE [N]` (N defaults to 100).

use mile::validate::{Options, Verdict, validate_reader};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: validate_repeat FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(100);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let opts = Options::default();
    let mut valid = 0usize;
    for _ in 0..n {
        if validate_reader(&path, &bytes[..], &opts).verdict() == Verdict::Valid {
            valid += 1;
        }
    }
    println!("{valid}/{n} valid, {} bytes each", bytes.len());
}
