//! Any byte sequence through the reader and the validator: no panic, bounded work.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = mile::validate::validate_reader("fuzz", data, &mile::validate::Options::default());
    // Rendering must not panic either.
    let lines = mile::validate::source_lines_of_bytes(data, &report);
    let _ = mile::diag::render_human("fuzz", &report.diagnostics, &lines, false);
});
