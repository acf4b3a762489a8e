//! `cargo +nightly fuzz run snapshot`: see fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factions_fuzz::snapshot(data));
