//! `cargo +nightly fuzz run lexicon`: see fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factions_fuzz::lexicon(data));
