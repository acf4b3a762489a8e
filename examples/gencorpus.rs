//! A deterministic corpus of news-style articles, for measuring ingest speed at scale.
//!
//! ```sh
//! cargo run --release --example gencorpus -- OUT_DIR SIZE [SEED]
//! cargo run --release --example gencorpus -- /tmp/gen-100mb 100MB 7
//! ```
//!
//! SIZE is a number of bytes with an optional `KB`, `MB` or `GB` suffix (powers of 1000). The
//! same SIZE and SEED always write the same files, byte for byte.
//!
//! Each article looks like wire copy: a headline, a date line, sometimes page furniture and a
//! byline, then paragraphs of three to six sentences, and sometimes a reader-comment section
//! that cleaning must drop. The actors are the built-in lexicon's names (states, forces,
//! organizations, officials) and its places; the sentences come from the templates below —
//! cooperation, opposition, backing, denial, negation, hedged claims and plain narrative
//! without any relation. Articles run from about 1.5 KB to 9 KB, files go into folders of 1,000.

// A tool, not library code: indexing into its own non-empty tables cannot fail.
#![allow(clippy::indexing_slicing)]

use factions::{EntityKind, Lexicon};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Cooperation: `{a}`, `{b}`, `{c}` are actors, `{p}` a place, `{d}` a weekday.
const COOPERATION: &[&str] = &[
    "{a} and {b} agreed on {d} to coordinate patrols near {p}.",
    "{a} is coordinating with {b} against {c}, officials said.",
    "Officials said {a} had reached a deal with {b} to share intelligence on {c}.",
    "{a} signed a security pact with {b} in {p} on {d}.",
    "Forces loyal to {a} fought alongside {b} outside {p}.",
    "{a} welcomed the cooperation of {b}, calling it a step toward stability.",
    "Delegations from {a} and {b} met in {p} to plan joint operations.",
];

const OPPOSITION: &[&str] = &[
    "{a} launched attacks on {b} positions near {p} on {d}.",
    "Fighting between {a} and {b} killed at least a dozen people around {p}.",
    "{a} accused {b} of shelling villages south of {p}.",
    "{a} clashed with {b} late on {d}, residents said.",
    "{a} vowed to fight {c} until the last of its fighters left {p}.",
    "Airstrikes by {a} targeted {b} in the hills above {p}.",
    "{a} condemned {b} for the siege of {p}.",
];

const BACKING: &[&str] = &[
    "{a} has armed and trained {b} for several years.",
    "{a} supports {b} with money and weapons, according to analysts.",
    "Forces backed by {a} advanced on {p} on {d}.",
    "{b} receives funding from {a}, a diplomat in {p} said.",
];

const DENIAL: &[&str] = &[
    "{a} denied reports that it had armed {b}.",
    "{a} rejected claims that {b} was coordinating with {c}.",
    "A spokesman for {a} called the allegations of cooperation with {b} baseless.",
    "{a} dismissed as false the reports of talks with {b}.",
];

const NEGATION: &[&str] = &[
    "{a} is not coordinating with {b}, a spokesman said on {d}.",
    "{a} said it would never cooperate with {b}.",
    "{a} refused to negotiate with {b} over the future of {p}.",
    "There is no agreement between {a} and {b}, officials in {p} insisted.",
];

const HEDGED: &[&str] = &[
    "{a} could soon join {b} in operations around {p}, analysts said.",
    "{a} reportedly supplied {b} with drones.",
    "{a} may be preparing an offensive against {b}, according to local sources.",
];

const NARRATIVE: &[&str] = &[
    "Thousands of families have fled {p} since the start of the month.",
    "The road between {p} and {q} remained closed on {d}.",
    "Aid groups warned of food shortages in {p} as winter approached.",
    "Residents of {p} described long queues for fuel and bread.",
    "The situation in {p} was calm on {d}, according to a local journalist.",
    "Prices in the markets of {p} have doubled in a year.",
    "Electricity returned to parts of {p} after a week of outages.",
    "Schools in {p} reopened on {d} for the first time in months.",
    "{a} held a news conference in {p} on {d}.",
    "Talks are expected to resume next week in {p}.",
    "Satellite images showed new trenches dug along the road to {q}.",
    "A statement from {a} gave no details about casualties.",
    "{a} spokesman Karim Haddad told reporters in {p} that talks would continue.",
    "Fighters of the Red Valley Brigade were seen in Qaryat district on {d}.",
    "The commander, Yusuf Marwan, said his men would hold {p}.",
];

const HEADLINES: &[&str] = &[
    "{a} and {b} step up cooperation near {p}",
    "Clashes between {a} and {b} spread to {p}",
    "{a} denies ties to {b}",
    "Fighting flares around {p} as {a} advances",
    "{a} signals new talks with {b}",
    "What the battle for {p} means for {a}",
];

const FURNITURE: &[&str] = &[
    "3 min read",
    "Share this article",
    "Advertisement",
    "5 min read",
];

const COMMENTS: &[&str] = &[
    "{a} and {b} are obviously working together, wake up people!!!",
    "Nobody believes a word {a} says about {b}.",
    "this is all propaganda from {a} lol",
    "Great article, thanks. When will {b} finally leave {p}?",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const BYLINES: &[&str] = &["By Dana Whitfield", "By Omar Haddad", "By Lena Sorensen"];

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() - 1)]
    }

    fn pick_str<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.range(0, items.len() - 1)]
    }
}

/// The names the generator draws on: actors (with their aliases) and places.
struct Cast {
    actors: Vec<String>,
    places: Vec<String>,
}

impl Cast {
    fn from_lexicon(lexicon: &Lexicon) -> Cast {
        let mut actors = Vec::new();
        let mut places = Vec::new();
        for e in lexicon.entries() {
            let names = std::iter::once(&e.name).chain(e.aliases.iter().take(2));
            // States and forces are named most in conflict news: give them more draws.
            let weight = match e.kind {
                EntityKind::Location => {
                    places.push(e.name.clone());
                    0
                }
                EntityKind::State => 3,
                EntityKind::Force => 2,
                EntityKind::Organization | EntityKind::Official => 1,
                EntityKind::Person => 0,
            };
            for name in names {
                actors.extend(std::iter::repeat_n(name.clone(), weight));
            }
        }
        Cast { actors, places }
    }
}

/// One article's cast: a handful of actors it keeps returning to, as news does.
fn fill(template: &str, rng: &mut Rng, actors: &[&str], places: &[&str]) -> String {
    let mut out = template.to_owned();
    let a = rng.range(0, actors.len() - 1);
    let b = (a + rng.range(1, actors.len() - 1)) % actors.len();
    let c = (b + rng.range(1, actors.len() - 1)) % actors.len();
    for (key, value) in [
        ("{a}", actors[a]),
        ("{b}", actors[b]),
        ("{c}", actors[c]),
        ("{p}", rng.pick(places)),
        ("{q}", rng.pick(places)),
        ("{d}", rng.pick(DAYS)),
    ] {
        out = out.replace(key, value);
    }
    out
}

fn article(rng: &mut Rng, cast: &Cast) -> String {
    let n_actors = rng.range(3, 6);
    let actors: Vec<&str> = (0..n_actors).map(|_| rng.pick_str(&cast.actors)).collect();
    let places: Vec<&str> = (0..3).map(|_| rng.pick_str(&cast.places)).collect();
    let mut text = String::new();
    if rng.range(0, 3) == 0 {
        let _ = writeln!(text, "{}\n", rng.pick(FURNITURE));
    }
    let _ = writeln!(
        text,
        "{}\n",
        fill(rng.pick(HEADLINES), rng, &actors, &places)
    );
    let _ = writeln!(
        text,
        "{} {}, {}\n",
        rng.pick(MONTHS),
        rng.range(1, 28),
        rng.range(2010, 2025)
    );
    if rng.range(0, 2) == 0 {
        let _ = writeln!(text, "{}\n", rng.pick(BYLINES));
    }
    for _ in 0..rng.range(3, 14) {
        let mut paragraph = Vec::new();
        for _ in 0..rng.range(3, 6) {
            let group = match rng.range(0, 19) {
                0..=3 => COOPERATION,
                4..=7 => OPPOSITION,
                8..=9 => BACKING,
                10 => DENIAL,
                11 => NEGATION,
                12 => HEDGED,
                _ => NARRATIVE,
            };
            paragraph.push(fill(rng.pick(group), rng, &actors, &places));
        }
        let _ = writeln!(text, "{}\n", paragraph.join(" "));
        if rng.range(0, 9) == 0 {
            let _ = writeln!(text, "{}\n", rng.pick(FURNITURE));
        }
    }
    if rng.range(0, 2) == 0 {
        text.push_str("Comments\n\n");
        for _ in 0..rng.range(1, 6) {
            let _ = writeln!(
                text,
                "{}\n",
                fill(rng.pick(COMMENTS), rng, &actors, &places)
            );
        }
    }
    text
}

fn parse_size(s: &str) -> Option<u64> {
    let upper = s.trim().to_uppercase();
    let (digits, factor) = [("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000)]
        .iter()
        .find_map(|(suffix, f)| upper.strip_suffix(suffix).map(|d| (d, *f)))
        .unwrap_or((upper.as_str(), 1));
    digits.trim().parse::<u64>().ok().map(|n| n * factor)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(size)) = (args.first(), args.get(1).and_then(|s| parse_size(s))) else {
        eprintln!("usage: gencorpus OUT_DIR SIZE[KB|MB|GB] [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let lexicon = Lexicon::built_in()?;
    let cast = Cast::from_lexicon(&lexicon);
    let mut rng = Rng(seed);
    let out = PathBuf::from(out);
    let mut written = 0u64;
    let mut count = 0usize;
    while written < size {
        let folder = out.join(format!("part-{:04}", count / 1000));
        if count.is_multiple_of(1000) {
            std::fs::create_dir_all(&folder)?;
        }
        let text = article(&mut rng, &cast);
        let path: &Path = &folder.join(format!("{count:07}.txt"));
        std::fs::write(path, &text)?;
        written += text.len() as u64;
        count += 1;
    }
    eprintln!(
        "gencorpus: {count} articles, {written} bytes → {}",
        out.display()
    );
    Ok(())
}
