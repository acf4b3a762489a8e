//! The command line as a user runs it: ingest a folder, ask questions, and get clear messages
//! and exit codes for bad input.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::factions;

use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factions-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn ingest_then_ask_for_allies_as_text_and_json() {
    let dir = scratch("ask");
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap_or_else(|e| panic!("{e}"));
    write(
        &articles.join("one.txt"),
        "The US-backed SDF is coordinating with the Iraqi army against the Islamic State."
            .as_bytes(),
    );
    let graph = dir.join("graph.json");
    let out = factions(&[
        "ingest",
        articles.to_str().unwrap_or(""),
        "-o",
        graph.to_str().unwrap_or(""),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = factions(&["allies", graph.to_str().unwrap_or(""), "sdf"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Iraqi forces") && stdout.contains("United States"),
        "{stdout}"
    );

    let out = factions(&["adversaries", graph.to_str().unwrap_or(""), "SDF", "--json"]);
    let items: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let first = &items[0];
    assert_eq!(first["name"], "Islamic State");
    assert_eq!(first["kind"], "force");

    let out = factions(&["explain", graph.to_str().unwrap_or(""), "Islamic Stat"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("did you mean Islamic State"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_ingested() {
    let dir = scratch("bad");
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap_or_else(|e| panic!("{e}"));
    write(&articles.join("good.txt"), b"Iran backs the Houthis.");
    write(&articles.join("empty.txt"), b"");
    write(
        &articles.join("binary.txt"),
        &[0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00],
    );
    let graph = dir.join("g.json");
    let out = factions(&[
        "ingest",
        articles.to_str().unwrap_or(""),
        "-o",
        graph.to_str().unwrap_or(""),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "partial success exits 2: {stderr}"
    );
    assert!(stderr.contains("empty.txt: empty document"), "{stderr}");
    assert!(
        stderr.contains("binary.txt: not UTF-8 text (invalid byte at offset 0)"),
        "{stderr}"
    );
    assert!(graph.exists(), "the good file still gives a graph");
}

#[test]
fn nothing_to_ingest_fails_with_a_message() {
    let dir = scratch("none");
    let empty_folder = dir.join("no-text");
    std::fs::create_dir_all(&empty_folder).unwrap_or_else(|e| panic!("{e}"));
    write(&empty_folder.join("notes.md"), b"not a .txt");
    let missing = dir.join("missing");
    let out = factions(&[
        "ingest",
        empty_folder.to_str().unwrap_or(""),
        missing.to_str().unwrap_or(""),
        "-o",
        dir.join("g.json").to_str().unwrap_or(""),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no .txt file in this folder"), "{stderr}");
    assert!(
        stderr.contains("missing: no such file or folder"),
        "{stderr}"
    );
}

#[test]
fn a_corrupt_graph_file_is_named_with_its_position() {
    let dir = scratch("corrupt");
    let graph = dir.join("g.json");
    write(
        &graph,
        b"{\"format\": \"factions-graph\",\n \"version\": 1, \"entities\": [",
    );
    let out = factions(&["allies", graph.to_str().unwrap_or(""), "Iran"]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("g.json: line 2, column"), "{stderr}");
}

#[test]
fn eval_prints_what_the_reference_scorer_prints() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/corpus/seeds");
    let gold = root.join("../shared/eval/seeds.gold.json");
    let scorer = root.join("../shared/eval/score.py");
    let python = Command::new("python3").arg("--version").output();
    if !seeds.is_dir() || !scorer.is_file() || python.is_err() {
        println!("notice: ../shared or python3 is absent; the scorers are not compared");
        return;
    }
    let dir = scratch("eval");
    let graph = dir.join("seeds.json");
    let out = factions(&[
        "ingest",
        seeds.to_str().unwrap(),
        "-o",
        graph.to_str().unwrap(),
        "-q",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for flags in [&[][..], &["--verbose"][..]] {
        let mut args = vec![
            "eval",
            "--gold",
            gold.to_str().unwrap(),
            graph.to_str().unwrap(),
        ];
        args.extend_from_slice(flags);
        let ours = factions(&args);
        let reference = Command::new("python3")
            .arg(&scorer)
            .args([gold.to_str().unwrap(), graph.to_str().unwrap()])
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(
            text(&ours.stdout),
            text(&reference.stdout),
            "flags {flags:?}"
        );
    }
}

/// Every object that stands for an entity (it has an `id`) names it and gives its kind.
fn assert_entities_named(value: &serde_json::Value, context: &str) {
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                assert_entities_named(item, context);
            }
        }
        serde_json::Value::Object(map) => {
            if map.get("id").is_some_and(serde_json::Value::is_number) {
                assert!(
                    map.get("name").is_some_and(serde_json::Value::is_string)
                        && map.get("kind").is_some_and(serde_json::Value::is_string),
                    "{context}: {value}"
                );
            }
            for v in map.values() {
                assert_entities_named(v, context);
            }
        }
        _ => {}
    }
}

#[test]
fn every_question_answers_in_json_with_names_and_kinds() {
    let dir = scratch("questions");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let graph = dir.join("graph.json");
    let graph = graph.to_str().unwrap_or("");
    let out = factions(&["ingest", corpus.to_str().unwrap_or(""), "-o", graph, "-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let questions: &[&[&str]] = &[
        &["allies", graph, "SDF"],
        &["adversaries", graph, "Islamic State"],
        &["enemy-of-enemy", graph, "Islamic State"],
        &["paths", graph, "Iran", "SDF", "--max-hops", "3"],
        &["blocs", graph, "--kind", "state", "--kind", "force"],
        &[
            "timeline",
            graph,
            "United States",
            "Russia",
            "--through-members",
        ],
        &["contradictions", graph],
    ];
    for question in questions {
        let mut args = question.to_vec();
        args.push("--json");
        let out = factions(&args);
        assert!(out.status.success(), "{question:?}: {}", text(&out.stderr));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{question:?}: {e}\n{}", text(&out.stdout)));
        assert!(
            value.as_array().is_some_and(|a| !a.is_empty()),
            "{question:?}: {value}"
        );
        assert_entities_named(&value, question[0]);
    }
}

#[test]
fn time_windows_and_bad_dates_on_the_command_line() {
    let dir = scratch("windows");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let graph = dir.join("graph.json");
    let graph = graph.to_str().unwrap_or("");
    let out = factions(&["ingest", corpus.to_str().unwrap_or(""), "-o", graph, "-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let ask = |window: &[&str]| -> Vec<String> {
        let mut args = vec![
            "timeline",
            graph,
            "United States",
            "Russia",
            "--through-members",
            "--json",
        ];
        args.extend(window);
        let out = factions(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let value: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        value
            .as_array()
            .map(|moments| {
                moments
                    .iter()
                    .filter_map(|m| m["date"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let all = ask(&[]);
    assert!(all.iter().any(|d| d.as_str() > "2017"), "{all:?}");
    let early = ask(&["--as-of", "2016-12-31"]);
    assert!(
        !early.is_empty() && early.iter().all(|d| d.as_str() <= "2016-12-31"),
        "{early:?}"
    );
    let window = ask(&["--between", "2018-12-31", "2017-01-01"]);
    assert!(
        !window.is_empty()
            && window
                .iter()
                .all(|d| ("2017".."2019").contains(&d.as_str())),
        "{window:?}"
    );

    let out = factions(&["allies", graph, "SDF", "--as-of", "2017-02-30"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("not a valid date"),
        "{}",
        text(&out.stderr)
    );
}

/// `factions annotate FILE | head -1`: the reader closes the pipe early; the process ends
/// quietly instead of panicking on the write that follows.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let article = common::root().join("tests/data/blind2/12-tigray-longread.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factions"))
        .args(["annotate", &article.to_string_lossy()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(first.starts_with("# "), "{first}");
    // Dropping the reader closes the pipe.
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
