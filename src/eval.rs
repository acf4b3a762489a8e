//! Scoring a graph (the `factions-graph` JSON contract) against a hand annotation (`gold/1`):
//! the rules of shared/eval/README.md, figure for figure the same as the reference scorer.
//!
//! This is a port of `shared/eval/score.py`. The project's own evaluation must agree with that
//! script on the same inputs, so the port follows it step by step, including its quirks:
//!
//! - the graph is read leniently, as the script's `.get()` defaults do (a missing `polarity` is
//!   `asserted`, `mentions` may be an object or a list of `{document, count}`, a missing list is
//!   empty); where the script would crash on malformed input, this module skips or defaults
//!   instead of panicking;
//! - entity ids are compared the way Python compares dictionary keys (`1`, `1.0` and `true` are
//!   the same key, `"1"` is another);
//! - documents are matched by base name (the part after the last `/`);
//! - the report lines, their order and their wording are the script's `--verbose` lines, and
//!   [`Scores`]'s `Display` prints the script's summary lines, rounding as Python's
//!   `round(x, 3)` followed by `:.3f`.
//!
//! Known, deliberate limits: Unicode tables are those of the `unicode-normalization` crate and of
//! Rust's standard library, not Python 3.11's Unicode 14; code points unassigned in Unicode 14
//! are treated as printable when a name is quoted in the report; integers in the graph beyond
//! 64 bits are read as floating-point numbers.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

/// The relation kinds compared as unordered pairs.
const UNORDERED: [&str; 2] = ["coordinates_with", "opposes"];

/// A hand annotation in the `gold/1` format.
///
/// Objects keep their file order (the report lists a document's entities in that order), and a
/// key given twice keeps its first position and its last value, as Python's `json.load` does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Gold {
    /// The global catalogue: gold entity id and its description, in file order.
    #[serde(deserialize_with = "ordered_map")]
    pub entities: Vec<(String, GoldEntity)>,
    /// The annotated documents, in file order.
    pub documents: Vec<GoldDocument>,
}

/// One entity of the gold catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldEntity {
    /// Acceptable kinds, the preferred first: a graph entity is typed right if its kind is one.
    pub kinds: Vec<String>,
    /// Surface forms: a graph entity matches this one if its name (or alias) normalizes to one.
    pub names: Vec<String>,
}

/// One annotated document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldDocument {
    /// The file's base name, compared with the base names of the graph's documents.
    pub file: String,
    /// The entities the document mentions, each `required` or `optional`, in file order.
    #[serde(default, deserialize_with = "ordered_map")]
    pub entities: Vec<(String, String)>,
    /// The relations the document states (or negates), in file order.
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// One annotated relation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldRelation {
    /// Acceptable source entities, the preferred first.
    pub source: Vec<String>,
    /// The relation kind (`coordinates_with`, `opposes`, `denies`, `backs`, `member_of`, …).
    pub kind: String,
    /// Acceptable target entities, the preferred first.
    pub target: Vec<String>,
    /// `required` (must be found), `optional` (neutral) or `forbidden` (must not be asserted).
    pub status: String,
    /// The words of the text that support the annotation, quoted in the report.
    #[serde(default)]
    pub quote: String,
}

/// Deserializes a JSON object into `(key, value)` pairs in document order, the way a Python
/// dict is built: a repeated key keeps its first position and takes its last value.
fn ordered_map<'de, D, T>(deserializer: D) -> Result<Vec<(String, T)>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct OrderedVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OrderedVisitor<T> {
        type Value = Vec<(String, T)>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(String, T)> = Vec::new();
            let mut position: HashMap<String, usize> = HashMap::new();
            while let Some((key, value)) = map.next_entry::<String, T>()? {
                match position.get(&key).and_then(|&i| out.get_mut(i)) {
                    Some(slot) => slot.1 = value,
                    None => {
                        position.insert(key.clone(), out.len());
                        out.push((key, value));
                    }
                }
            }
            Ok(out)
        }
    }

    deserializer.deserialize_map(OrderedVisitor(PhantomData))
}

/// True positives, false positives and false negatives of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold items found.
    pub tp: usize,
    /// Graph items that match nothing acceptable (or match a forbidden relation).
    pub fp: usize,
    /// Gold items not found (serialized as `fn`).
    pub fn_: usize,
}

impl Counts {
    /// `tp / (tp + fp)`, or 0 when there is nothing in the denominator (as score.py).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`, or 0 when there is nothing in the denominator (as score.py).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, computed in score.py's order of operations
    /// (`2 * p * r / (p + r)`) so that the rounding is the same; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let p = self.precision();
        let r = self.recall();
        if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// The sum of several categories' counts.
    fn sum<'a>(parts: impl IntoIterator<Item = &'a Counts>) -> Counts {
        parts.into_iter().fold(Counts::default(), |acc, c| Counts {
            tp: acc.tp + c.tp,
            fp: acc.fp + c.fp,
            fn_: acc.fn_ + c.fn_,
        })
    }
}

/// `num / den` as Python's true division of integers, 0 when `den` is 0.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Python's `round(x, 3)`: the exact binary value rounded half-to-even to three decimals, read
/// back as the nearest double. Rust's `{:.3}` rounds the same exact way.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Serialized as score.py's `--json` prints a category: the counts, then precision, recall
/// and F1 rounded to three decimals.
impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Counts", 6)?;
        s.serialize_field("tp", &self.tp)?;
        s.serialize_field("fp", &self.fp)?;
        s.serialize_field("fn", &self.fn_)?;
        s.serialize_field("precision", &round3(self.precision()))?;
        s.serialize_field("recall", &round3(self.recall()))?;
        s.serialize_field("f1", &round3(self.f1()))?;
        s.end()
    }
}

/// The result of scoring one graph against a gold annotation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Gold entities found in each document, whatever their kind.
    pub entity: Counts,
    /// Gold entities found in each document with an acceptable kind.
    pub entity_typed: Counts,
    /// All relations.
    pub relation: Counts,
    /// The three core kinds together (`coordinates_with`, `opposes`, `denies`).
    pub core: Counts,
    /// `coordinates_with` relations (unordered).
    pub coordinates_with: Counts,
    /// `opposes` relations (unordered).
    pub opposes: Counts,
    /// `denies` relations (directed).
    pub denies: Counts,
    /// Every other relation kind (directed).
    pub other: Counts,
    /// How many asserted graph edges match a relation the gold marks `forbidden`.
    pub forbidden_hits: usize,
    /// Gold entities whose canonical name several graph entities carry: gold id → those names.
    pub fragmented: BTreeMap<String, Vec<String>>,
    /// Every miss and every spurious item, one line each, in score.py's `--verbose` order.
    pub report: Vec<String>,
}

impl Scores {
    /// The categories in the order the summary prints them, with their printed names.
    pub fn categories(&self) -> [(&'static str, &Counts); 8] {
        [
            ("entity", &self.entity),
            ("entity_typed", &self.entity_typed),
            ("relation", &self.relation),
            ("core", &self.core),
            ("coordinates_with", &self.coordinates_with),
            ("opposes", &self.opposes),
            ("denies", &self.denies),
            ("other", &self.other),
        ]
    }
}

/// score.py's summary, byte for byte: one line per category, then the forbidden/fragmented
/// line, each ended by a newline (so `print!("{scores}")` reproduces the script's output).
impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, c) in self.categories() {
            writeln!(
                f,
                "{name:<16} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={})",
                round3(c.precision()),
                round3(c.recall()),
                round3(c.f1()),
                c.tp,
                c.fp,
                c.fn_
            )?;
        }
        writeln!(
            f,
            "forbidden edges asserted: {}; fragmented entities: {}",
            self.forbidden_hits,
            self.fragmented.len()
        )
    }
}

/// Folds a name for matching, exactly as score.py's `norm()`: compatibility decomposition (NFKD)
/// without combining marks, lower case, `’` read as `'`, dots dropped, a possessive `'s` dropped,
/// every run of characters other than `0-9a-z` turned into one space, ends trimmed, and one
/// leading `the ` dropped. So `U.S.` → `us`, `the Deir e-Zor` → `deir e zor`,
/// `Syria's` → `syria`, `Türkiye` → `turkiye`; letters outside `a-z` that survive the
/// decomposition (`ø`, `ß`, Arabic script) become spaces.
pub fn normalize_name(s: &str) -> String {
    // unicodedata.normalize("NFKD", s), then drop unicodedata.combining(c) != 0.
    let folded: String = s
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    // .lower().replace("’", "'").replace(".", "")
    let lowered: Vec<char> = folded
        .to_lowercase()
        .chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect();
    // re.sub(r"'s\b", "", s): `\b` after `s` holds when no word character follows.
    let mut kept: Vec<char> = Vec::with_capacity(lowered.len());
    let mut i = 0;
    while let Some(&c) = lowered.get(i) {
        if c == '\''
            && lowered.get(i + 1) == Some(&'s')
            && !lowered
                .get(i + 2)
                .is_some_and(|&next| is_python_word_char(next))
        {
            i += 2;
            continue;
        }
        kept.push(c);
        i += 1;
    }
    // re.sub(r"[^0-9a-z]+", " ", s).strip()
    let mut out = String::with_capacity(kept.len());
    let mut gap = false;
    for c in kept {
        if c.is_ascii_digit() || c.is_ascii_lowercase() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    // if s.startswith("the "): s = s[4:]
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// A word character for Python's `re` on text: a letter (categories L*), a character with a
/// numeric value, or `_`. Rust's `is_alphanumeric` also counts marks and a few symbols with the
/// Alphabetic property (circled and squared letters), which Python does not.
fn is_python_word_char(c: char) -> bool {
    c == '_'
        || (c.is_alphanumeric()
            && !is_combining_mark(c)
            && !matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}'))
}

/// A dictionary key as Python sees it: `1`, `1.0` and `true` are equal, `"1"` is not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PyKey {
    /// `None` (JSON null, or an absent field).
    None,
    /// An integer, a boolean or an integral float.
    Int(i128),
    /// A float with a fractional part, by its bits.
    Float(u64),
    /// A string.
    Str(String),
    /// A list or an object (unhashable in Python, where the script would fail): by its JSON text.
    Other(String),
}

impl PyKey {
    /// The key of a JSON value; an absent value is `None`.
    fn of(value: Option<&Value>) -> PyKey {
        match value {
            None | Some(Value::Null) => PyKey::None,
            Some(Value::Bool(b)) => PyKey::Int(i128::from(*b)),
            Some(Value::Number(n)) => {
                if let Some(i) = n.as_i64() {
                    PyKey::Int(i128::from(i))
                } else if let Some(u) = n.as_u64() {
                    PyKey::Int(i128::from(u))
                } else {
                    let f = n.as_f64().unwrap_or(f64::NAN);
                    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e30 {
                        PyKey::Int(f as i128)
                    } else {
                        PyKey::Float(f.to_bits())
                    }
                }
            }
            Some(Value::String(s)) => PyKey::Str(s.clone()),
            Some(other) => PyKey::Other(other.to_string()),
        }
    }
}

/// Python's `str()` of a JSON value as `json.load` would give it (`None`, `True`, `1.0`, …);
/// an absent value prints as `None`, as `dict.get` returns it.
fn py_str(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of a JSON value as `json.load` would give it.
fn py_repr(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "None".to_string(),
        Some(Value::Bool(true)) => "True".to_string(),
        Some(Value::Bool(false)) => "False".to_string(),
        Some(Value::Number(n)) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                py_float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Some(Value::String(s)) => py_str_repr(s),
        Some(Value::Array(items)) => {
            let inner: Vec<String> = items.iter().map(|v| py_repr(Some(v))).collect();
            format!("[{}]", inner.join(", "))
        }
        Some(Value::Object(map)) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(Some(v))))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// Python's `repr()` of a float: the shortest digits that read back the same, in fixed
/// notation with at least one decimal, or in exponent notation (`1e+16`, `1e-05`) when the
/// decimal point would fall more than 16 places right or 4 places left of the first digit.
fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sci = format!("{x:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let sign = if mantissa.starts_with('-') { "-" } else { "" };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let decpt = exponent + 1;
    let ndigits = digits.len() as i64;
    if decpt <= -4 || decpt > 16 {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits.as_str(), ""));
        let dot = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{first}{dot}e{esign}{:02}", exponent.unsigned_abs())
    } else if decpt <= 0 {
        format!(
            "{sign}0.{}{digits}",
            "0".repeat(decpt.unsigned_abs() as usize)
        )
    } else if decpt >= ndigits {
        format!("{sign}{digits}{}.0", "0".repeat((decpt - ndigits) as usize))
    } else {
        let (int, frac) = digits
            .split_at_checked(decpt as usize)
            .unwrap_or((digits.as_str(), ""));
        format!("{sign}{int}.{frac}")
    }
}

/// Python's `repr()` of a string: single quotes, or double quotes when the text holds a single
/// quote and no double quote; backslash escapes for the quote, `\`, `\t`, `\n`, `\r`, and for
/// characters Python does not print (`\xNN`, `\uNNNN`, `\UNNNNNNNN`).
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        let code = u32::from(c);
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if c == '\t' {
            out.push_str("\\t");
        } else if c == '\n' {
            out.push_str("\\n");
        } else if c == '\r' {
            out.push_str("\\r");
        } else if code < 0x20 || code == 0x7f {
            out.push_str(&format!("\\x{code:02x}"));
        } else if code < 0x7f || py_printable(c) {
            out.push(c);
        } else if code <= 0xff {
            out.push_str(&format!("\\x{code:02x}"));
        } else if code <= 0xffff {
            out.push_str(&format!("\\u{code:04x}"));
        } else {
            out.push_str(&format!("\\U{code:08x}"));
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one character: not a control (Cc), format (Cf), private
/// use (Co), separator (Zl, Zp) or space other than ` ` (Zs). Format characters are those of
/// Unicode 14 (Python 3.11); unassigned code points are not detected.
fn py_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(
        c,
        '\u{AD}'
            | '\u{600}'..='\u{605}'
            | '\u{61C}'
            | '\u{6DD}'
            | '\u{70F}'
            | '\u{890}'..='\u{891}'
            | '\u{8E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{13438}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{F0000}'..='\u{FFFFD}'
            | '\u{100000}'..='\u{10FFFD}'
    )
}

/// `os.path.basename(str(d))`: the part of the value's text after the last `/`.
fn base_name(value: Option<&Value>) -> String {
    let text = py_str(value);
    match text.rsplit_once('/') {
        Some((_, last)) => last.to_string(),
        None => text,
    }
}

/// The text score.py normalizes for a name: `e.get("name", "")` (a name that is not a string
/// would stop the script; it matches nothing here).
fn name_text(value: Option<&Value>) -> &str {
    value.and_then(Value::as_str).unwrap_or("")
}

/// What `for a in e.get("aliases", []) or []` iterates: a list's strings, a string's
/// characters, an object's keys.
fn alias_texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => s.chars().map(String::from).collect(),
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The base names of the documents an entity is mentioned in: the keys of a `{document: count}`
/// object, or the `document` fields of a `[{document, count}]` list.
fn mention_docs(value: Option<&Value>) -> HashSet<String> {
    match value {
        Some(Value::Object(map)) => map
            .keys()
            .map(|k| base_name(Some(&Value::String(k.clone()))))
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_object)
            .map(|x| base_name(x.get("document")))
            .collect(),
        Some(Value::String(s)) => s
            .chars()
            .map(|c| base_name(Some(&Value::String(c.to_string()))))
            .collect(),
        _ => HashSet::new(),
    }
}

/// Whether an entity's `kind` is one of the acceptable gold kinds (`x["kind"] in kinds`).
fn kind_in(kind: Option<&Value>, kinds: &[String]) -> bool {
    kind.and_then(Value::as_str)
        .is_some_and(|k| kinds.iter().any(|g| g == k))
}

/// Python's `repr()` of a list of strings: `['state', 'location']`.
fn py_list_repr(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| py_str_repr(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A graph entity as score.py keeps it.
struct SysEntity<'g, 'v> {
    /// `e.get("name")`.
    name: Option<&'v Value>,
    /// `e.get("kind")`.
    kind: Option<&'v Value>,
    /// The gold entities it matches (by canonical name, or else by aliases).
    matches: BTreeSet<&'g str>,
    /// Base names of the documents it is mentioned in.
    docs: HashSet<String>,
}

/// An asserted graph relation as score.py reads it.
struct SysRelation<'v> {
    /// Key of `r["source"]`.
    source: PyKey,
    /// Key of `r["target"]`.
    target: PyKey,
    /// `r["kind"]`.
    kind: Option<&'v Value>,
}

/// The running counts, one per category (score.py's `tot`).
#[derive(Default)]
struct Tally {
    entity: Counts,
    entity_typed: Counts,
    relation: Counts,
    coordinates_with: Counts,
    opposes: Counts,
    denies: Counts,
    other: Counts,
}

impl Tally {
    /// The per-kind category of a relation kind: a core kind, or `other`.
    fn kind(&mut self, kind: Option<&str>) -> &mut Counts {
        match kind {
            Some("coordinates_with") => &mut self.coordinates_with,
            Some("opposes") => &mut self.opposes,
            Some("denies") => &mut self.denies,
            _ => &mut self.other,
        }
    }
}

/// Scores `graph` (a `factions-graph` JSON document, read leniently) against `gold`, as
/// score.py does: per gold document, required entities found (any kind, then an acceptable
/// kind) and graph entities mentioned there that match no gold entity of the document; asserted
/// relations with evidence in the document against the gold relations (a required match first,
/// forbidden matches counted as false positives); required gold relations missed.
pub fn score(gold: &Gold, graph: &Value) -> Scores {
    let catalogue: HashMap<&str, &GoldEntity> = gold
        .entities
        .iter()
        .map(|(id, e)| (id.as_str(), e))
        .collect();
    let kinds_of = |gid: &str| -> &[String] {
        catalogue
            .get(gid)
            .map(|g| g.kinds.as_slice())
            .unwrap_or(&[])
    };

    let mut name_index: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for (gid, g) in &gold.entities {
        for n in &g.names {
            name_index
                .entry(normalize_name(n))
                .or_default()
                .insert(gid.as_str());
        }
    }
    let lookup = |text: &str| -> BTreeSet<&str> {
        name_index
            .get(&normalize_name(text))
            .cloned()
            .unwrap_or_default()
    };

    let graph_entities: Vec<&serde_json::Map<String, Value>> = graph
        .get("entities")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default();

    // ents: keyed by id; a repeated id keeps its first position and takes the last entity.
    let mut ents: Vec<SysEntity> = Vec::new();
    let mut by_id: HashMap<PyKey, usize> = HashMap::new();
    for e in &graph_entities {
        let name = e.get("name");
        let mut matches = lookup(name_text(name));
        if matches.is_empty() {
            for alias in alias_texts(e.get("aliases")) {
                matches.extend(lookup(&alias));
            }
        }
        let entity = SysEntity {
            name,
            kind: e.get("kind"),
            matches,
            docs: mention_docs(e.get("mentions")),
        };
        let key = PyKey::of(e.get("id"));
        match by_id.get(&key).and_then(|&i| ents.get_mut(i)) {
            Some(slot) => *slot = entity,
            None => {
                by_id.insert(key, ents.len());
                ents.push(entity);
            }
        }
    }
    let entity_by_key = |key: &PyKey| by_id.get(key).and_then(|&i| ents.get(i));

    // Fragmentation: gold entities matched by several graph entities via their canonical name
    // (a name that fits several gold entities says nothing here).
    let mut canon: Vec<(&str, Vec<String>)> = Vec::new();
    for e in &graph_entities {
        let hits = lookup(name_text(e.get("name")));
        if hits.len() != 1 {
            continue;
        }
        let Some(&gid) = hits.first() else { continue };
        let name = py_str(e.get("name"));
        match canon.iter_mut().find(|(g, _)| *g == gid) {
            Some((_, names)) => names.push(name),
            None => canon.push((gid, vec![name])),
        }
    }
    let fragmented: BTreeMap<String, Vec<String>> = canon
        .into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|(g, names)| (g.to_string(), names))
        .collect();

    // Asserted relations by the base names of their evidence documents, in graph order.
    let mut rels_by_doc: HashMap<String, Vec<SysRelation>> = HashMap::new();
    let relations = graph.get("relations").and_then(Value::as_array);
    for r in relations.into_iter().flatten().filter_map(Value::as_object) {
        let asserted = match r.get("polarity") {
            None => true,
            Some(p) => p.as_str() == Some("asserted"),
        };
        if !asserted {
            continue;
        }
        let docs: HashSet<String> = r
            .get("evidence")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .map(|ev| base_name(ev.get("document")))
            .collect();
        for d in docs {
            rels_by_doc.entry(d).or_default().push(SysRelation {
                source: PyKey::of(r.get("source")),
                target: PyKey::of(r.get("target")),
                kind: r.get("kind"),
            });
        }
    }

    let mut tot = Tally::default();
    let mut forbidden_hits = 0usize;
    let mut report: Vec<String> = Vec::new();
    let empty: BTreeSet<&str> = BTreeSet::new();

    for doc in &gold.documents {
        let d = doc.file.as_str();
        let present: HashSet<&str> = doc.entities.iter().map(|(id, _)| id.as_str()).collect();
        let sys_ents: Vec<&SysEntity> = ents.iter().filter(|x| x.docs.contains(d)).collect();

        // Entities.
        for (gid, status) in &doc.entities {
            if status != "required" {
                continue;
            }
            let kinds = kinds_of(gid);
            let hits: Vec<&&SysEntity> = sys_ents
                .iter()
                .filter(|x| x.matches.contains(gid.as_str()))
                .collect();
            let strict = hits.iter().any(|x| kind_in(x.kind, kinds));
            if hits.is_empty() {
                tot.entity.fn_ += 1;
            } else {
                tot.entity.tp += 1;
            }
            if strict {
                tot.entity_typed.tp += 1;
            } else {
                tot.entity_typed.fn_ += 1;
            }
            match hits.first() {
                None => report.push(format!("{d}: missed entity {gid}")),
                Some(first) if !strict => report.push(format!(
                    "{d}: entity {gid} typed {} (gold {})",
                    py_str(first.kind),
                    py_list_repr(kinds)
                )),
                Some(_) => {}
            }
        }
        for x in &sys_ents {
            let overlap: Vec<&str> = x
                .matches
                .iter()
                .copied()
                .filter(|g| present.contains(g))
                .collect();
            if overlap.is_empty() {
                tot.entity.fp += 1;
                tot.entity_typed.fp += 1;
                report.push(format!(
                    "{d}: spurious entity {} ({})",
                    py_repr(x.name),
                    py_str(x.kind)
                ));
            } else if !overlap.iter().any(|g| kind_in(x.kind, kinds_of(g))) {
                tot.entity_typed.fp += 1;
            }
        }

        // Relations.
        let golds = &doc.relations;
        let mut matched: HashSet<usize> = HashSet::new();
        for r in rels_by_doc.get(d).map(Vec::as_slice).unwrap_or(&[]) {
            let source = entity_by_key(&r.source);
            let target = entity_by_key(&r.target);
            let s = source.map_or(&empty, |x| &x.matches);
            let t = target.map_or(&empty, |x| &x.matches);
            let kind = r.kind.and_then(Value::as_str);
            let meets = |ids: &BTreeSet<&str>, gold_ids: &[String]| {
                gold_ids.iter().any(|g| ids.contains(g.as_str()))
            };
            let mut hit: Option<(usize, &GoldRelation)> = None;
            for (i, g) in golds.iter().enumerate() {
                if kind != Some(g.kind.as_str()) {
                    continue;
                }
                let direct = meets(s, &g.source) && meets(t, &g.target);
                let reverse = UNORDERED.contains(&g.kind.as_str())
                    && meets(s, &g.target)
                    && meets(t, &g.source);
                if direct || reverse {
                    let replace = match hit {
                        None => true,
                        Some((_, h)) => h.status == "optional" && g.status != "optional",
                    };
                    if replace {
                        hit = Some((i, g));
                    }
                    if g.status == "required" {
                        hit = Some((i, g));
                        break;
                    }
                }
            }
            let label = format!(
                "{} -{}-> {}",
                py_str(source.and_then(|x| x.name)),
                py_str(r.kind),
                py_str(target.and_then(|x| x.name))
            );
            match hit {
                None => {
                    tot.kind(kind).fp += 1;
                    tot.relation.fp += 1;
                    report.push(format!("{d}: spurious relation {label}"));
                }
                Some((_, g)) if g.status == "forbidden" => {
                    tot.kind(kind).fp += 1;
                    tot.relation.fp += 1;
                    forbidden_hits += 1;
                    report.push(format!("{d}: FORBIDDEN relation {label}  [{}]", g.quote));
                }
                Some((i, _)) => {
                    matched.insert(i);
                }
            }
        }
        for (i, g) in golds.iter().enumerate() {
            if g.status != "required" {
                continue;
            }
            if matched.contains(&i) {
                tot.kind(Some(g.kind.as_str())).tp += 1;
                tot.relation.tp += 1;
            } else {
                tot.kind(Some(g.kind.as_str())).fn_ += 1;
                tot.relation.fn_ += 1;
                report.push(format!(
                    "{d}: missed relation {} -{}-> {}  [{}]",
                    g.source.first().map_or("", String::as_str),
                    g.kind,
                    g.target.first().map_or("", String::as_str),
                    g.quote
                ));
            }
        }
    }

    let core = Counts::sum([&tot.coordinates_with, &tot.opposes, &tot.denies]);
    Scores {
        entity: tot.entity,
        entity_typed: tot.entity_typed,
        relation: tot.relation,
        core,
        coordinates_with: tot.coordinates_with,
        opposes: tot.opposes,
        denies: tot.denies,
        other: tot.other,
        forbidden_hits,
        fragmented,
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn normalize_name_folds_case_accents_and_punctuation() {
        assert_eq!(normalize_name("U.S."), "us");
        assert_eq!(normalize_name("US"), "us");
        assert_eq!(normalize_name("the Deir e-Zor"), "deir e zor");
        assert_eq!(normalize_name("Deir e-Zor"), "deir e zor");
        assert_eq!(normalize_name("Syria's"), "syria");
        assert_eq!(normalize_name("Syria’s"), "syria");
        assert_eq!(normalize_name("Türkiye"), "turkiye");
        assert_eq!(normalize_name("The Kremlin"), "kremlin");
        assert_eq!(
            normalize_name("  Kurdish-led   Syrian forces. "),
            "kurdish led syrian forces"
        );
    }

    #[test]
    fn normalize_name_follows_the_python_quirks() {
        // Only one leading "the" goes, and only before a word.
        assert_eq!(normalize_name("the the x"), "the x");
        assert_eq!(normalize_name("The"), "the");
        // "'s" goes only at the end of a word (Python's \b, Unicode-aware).
        assert_eq!(normalize_name("O'Sullivan's"), "o sullivan");
        assert_eq!(normalize_name("x's_y"), "x s y");
        assert_eq!(normalize_name("x'sé"), "x se");
        assert_eq!(normalize_name("x'sø"), "x s");
        assert_eq!(normalize_name("x's-y"), "x y");
        // Letters that survive NFKD outside a-z become spaces; compatibility forms fold.
        assert_eq!(normalize_name("Øresund"), "resund");
        assert_eq!(normalize_name("Straße"), "stra e");
        assert_eq!(normalize_name("ＵＳＡ"), "usa");
        assert_eq!(normalize_name("ﬁnance"), "finance");
        assert_eq!(normalize_name("دمشق"), "");
        assert_eq!(normalize_name(""), "");
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_str_repr("Atlantis"), "'Atlantis'");
        assert_eq!(py_str_repr("O'Brien"), "\"O'Brien\"");
        assert_eq!(py_str_repr("both ' and \""), "'both \\' and \"'");
        assert_eq!(
            py_str_repr("a\tb\\c\u{7}\u{a0}\u{200b}é\u{e000}"),
            "'a\\tb\\\\c\\x07\\xa0\\u200bé\\ue000'"
        );
        assert_eq!(py_float_repr(1.5), "1.5");
        assert_eq!(py_float_repr(1e16), "1e+16");
        assert_eq!(py_float_repr(1e15), "1000000000000000.0");
        assert_eq!(py_float_repr(1e-5), "1e-05");
        assert_eq!(py_float_repr(0.0001), "0.0001");
        assert_eq!(py_float_repr(-2.5e-300), "-2.5e-300");
        assert_eq!(
            py_repr(Some(&json!([1, "a", null, true, 2.0]))),
            "[1, 'a', None, True, 2.0]"
        );
        assert_eq!(py_str(None), "None");
        assert_eq!(base_name(Some(&json!("corpus/seeds/a.txt"))), "a.txt");
    }

    #[test]
    fn ids_compare_as_python_keys() {
        assert_eq!(PyKey::of(Some(&json!(1))), PyKey::of(Some(&json!(1.0))));
        assert_eq!(PyKey::of(Some(&json!(1))), PyKey::of(Some(&json!(true))));
        assert_ne!(PyKey::of(Some(&json!(1))), PyKey::of(Some(&json!("1"))));
        assert_eq!(PyKey::of(None), PyKey::of(Some(&Value::Null)));
    }

    #[test]
    fn rounding_is_pythons_round_half_even() {
        let c = Counts {
            tp: 1,
            fp: 15,
            fn_: 7,
        };
        // 1/16 = 0.0625 exactly: Python's round(0.0625, 3) is 0.062.
        assert_eq!(round3(c.precision()), 0.062);
        assert_eq!(format!("{:.3}", round3(3.0 / 16.0)), "0.188");
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn gold_objects_keep_file_order_and_last_value() -> TestResult {
        let gold: Gold = serde_json::from_str(
            r#"{"entities": {"b": {"kinds": [], "names": []}, "a": {"kinds": ["x"], "names": []},
                             "b": {"kinds": ["y"], "names": ["B"]}},
                "documents": [{"file": "d", "entities": {"z": "required", "a": "optional"}}]}"#,
        )?;
        let ids: Vec<&str> = gold.entities.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(
            gold.entities.first().map(|(_, e)| e.kinds.clone()),
            Some(vec!["y".to_string()])
        );
        let doc_ids: Vec<&str> = gold
            .documents
            .iter()
            .flat_map(|d| d.entities.iter().map(|(id, _)| id.as_str()))
            .collect();
        assert_eq!(doc_ids, ["z", "a"]);
        Ok(())
    }

    /// A tiny annotation and graph, scored by hand (and checked against score.py).
    #[test]
    fn tiny_graph_scored_by_hand() -> TestResult {
        let gold: Gold = serde_json::from_value(json!({
            "schema": "gold/1",
            "entities": {
                "us": {"kinds": ["state"], "names": ["United States", "U.S."]},
                "sdf": {"kinds": ["force"], "names": ["Syrian Democratic Forces", "SDF"]},
                "is": {"kinds": ["force"], "names": ["Islamic State", "ISIS"]},
                "raqqa": {"kinds": ["location"], "names": ["Raqqa"]}
            },
            "documents": [{
                "file": "a.txt",
                "entities": {"us": "required", "sdf": "required", "is": "required", "raqqa": "optional"},
                "relations": [
                    {"source": ["us"], "kind": "backs", "target": ["sdf"], "status": "required", "quote": "US-backed SDF"},
                    {"source": ["sdf"], "kind": "opposes", "target": ["is"], "status": "required", "quote": "SDF fights IS"},
                    {"source": ["us"], "kind": "coordinates_with", "target": ["is"], "status": "forbidden", "quote": "no deal with IS"},
                    {"source": ["us"], "kind": "opposes", "target": ["is"], "status": "required", "quote": "US strikes IS"}
                ]
            }]
        }))?;
        let graph = json!({
            "entities": [
                // matched and typed right; the document is matched by base name
                {"id": 0, "name": "U.S.", "kind": "state", "mentions": {"corpus/a.txt": 3}},
                // matched through an alias only, wrong kind; list-form mentions
                {"id": 1, "name": "Kurdish fighters", "aliases": ["SDF"], "kind": "organization",
                 "mentions": [{"document": "a.txt", "count": 2}]},
                // a string id; "the" dropped
                {"id": "2", "name": "the Islamic State", "kind": "force", "mentions": {"a.txt": 1}},
                // optional in the document: neither rewarded nor penalised
                {"id": 3, "name": "Raqqa", "kind": "location", "mentions": {"a.txt": 1}},
                // spurious
                {"id": 4, "name": "Atlantis", "kind": "location", "mentions": {"a.txt": 1}},
                // another node for "is" (fragmented), mentioned in no gold document
                {"id": 5, "name": "ISIS", "kind": "force", "mentions": {"b.txt": 1}}
            ],
            "relations": [
                // required, found
                {"source": 0, "target": 1, "kind": "backs", "evidence": [{"document": "a.txt"}]},
                // required, found reversed (opposes is unordered)
                {"source": "2", "target": 1, "kind": "opposes", "polarity": "asserted",
                 "evidence": [{"document": "a.txt"}]},
                // forbidden, asserted
                {"source": "2", "target": 0, "kind": "coordinates_with", "evidence": [{"document": "a.txt"}]},
                // negated: ignored, so the gold "us opposes is" is missed
                {"source": 0, "target": "2", "kind": "opposes", "polarity": "negated",
                 "evidence": [{"document": "a.txt"}]},
                // spurious
                {"source": 0, "target": 3, "kind": "denies", "evidence": [{"document": "a.txt"}]}
            ]
        });
        let s = score(&gold, &graph);
        assert_eq!(
            s.entity,
            Counts {
                tp: 3,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.entity_typed,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            s.relation,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            s.core,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            s.coordinates_with,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.opposes,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            s.denies,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.other,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(s.forbidden_hits, 1);
        let fragments: Vec<(&str, Vec<&str>)> = s
            .fragmented
            .iter()
            .map(|(g, v)| (g.as_str(), v.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(fragments, [("is", vec!["the Islamic State", "ISIS"])]);
        assert_eq!(
            s.report,
            [
                "a.txt: entity sdf typed organization (gold ['force'])",
                "a.txt: spurious entity 'Atlantis' (location)",
                "a.txt: FORBIDDEN relation the Islamic State -coordinates_with-> U.S.  [no deal with IS]",
                "a.txt: spurious relation U.S. -denies-> Raqqa",
                "a.txt: missed relation us -opposes-> is  [US strikes IS]",
            ]
        );
        assert_eq!(
            s.to_string(),
            "entity           P=0.750 R=1.000 F1=0.857  (tp=3 fp=1 fn=0)\n\
             entity_typed     P=0.500 R=0.667 F1=0.571  (tp=2 fp=2 fn=1)\n\
             relation         P=0.500 R=0.667 F1=0.571  (tp=2 fp=2 fn=1)\n\
             core             P=0.333 R=0.500 F1=0.400  (tp=1 fp=2 fn=1)\n\
             coordinates_with P=0.000 R=0.000 F1=0.000  (tp=0 fp=1 fn=0)\n\
             opposes          P=1.000 R=0.500 F1=0.667  (tp=1 fp=0 fn=1)\n\
             denies           P=0.000 R=0.000 F1=0.000  (tp=0 fp=1 fn=0)\n\
             other            P=1.000 R=1.000 F1=1.000  (tp=1 fp=0 fn=0)\n\
             forbidden edges asserted: 1; fragmented entities: 1\n"
        );
        let as_json = serde_json::to_value(&s)?;
        assert_eq!(
            as_json.get("entity"),
            Some(
                &json!({"tp": 3, "fp": 1, "fn": 0, "precision": 0.75, "recall": 1.0, "f1": 0.857})
            )
        );
        Ok(())
    }

    #[test]
    fn malformed_graphs_do_not_panic() {
        let gold = Gold {
            entities: Vec::new(),
            documents: Vec::new(),
        };
        for graph in [
            json!(null),
            json!([1, 2]),
            json!({"entities": "x", "relations": {}}),
            json!({"entities": [1, null, {"id": [1]}], "relations": [null, {"evidence": "x"}]}),
        ] {
            let s = score(&gold, &graph);
            assert_eq!(s.relation, Counts::default());
        }
    }
}
