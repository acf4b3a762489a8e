//! The vocabulary every stage shares: kinds of entities and relations, spans, evidence.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A sovereign state (or its government, or its capital used for it).
    State,
    /// An armed force: a state's army, a militia, a coalition, an armed group.
    Force,
    /// A person who holds a role: minister, spokesman, commander, emir.
    Official,
    /// A person with no known role.
    Person,
    /// A place.
    Location,
    /// A body that is neither a state nor a force: ministries, alliances, media.
    Organization,
}

impl EntityKind {
    /// Every kind, in a stable order.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::State,
        EntityKind::Force,
        EntityKind::Official,
        EntityKind::Person,
        EntityKind::Location,
        EntityKind::Organization,
    ];

    /// The name used in data files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::State => "state",
            EntityKind::Force => "force",
            EntityKind::Official => "official",
            EntityKind::Person => "person",
            EntityKind::Location => "location",
            EntityKind::Organization => "organization",
        }
    }

    /// Whether an entity of this kind can take part in alliances (a place cannot).
    pub fn is_actor(self) -> bool {
        self != EntityKind::Location
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a relation says about its two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// They work together (symmetric).
    CoordinatesWith,
    /// The source fights, attacks, sanctions or condemns the target.
    Opposes,
    /// The source denies a claim about the target.
    Denies,
    /// The source supports, arms or backs the target.
    Backs,
    /// The source belongs to or speaks for the target.
    MemberOf,
}

impl RelationKind {
    /// Every kind, in a stable order.
    pub const ALL: [RelationKind; 5] = [
        RelationKind::CoordinatesWith,
        RelationKind::Opposes,
        RelationKind::Denies,
        RelationKind::Backs,
        RelationKind::MemberOf,
    ];

    /// The name used in data files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::CoordinatesWith => "coordinates_with",
            RelationKind::Opposes => "opposes",
            RelationKind::Denies => "denies",
            RelationKind::Backs => "backs",
            RelationKind::MemberOf => "member_of",
        }
    }

    /// A symmetric relation holds both ways; it is stored once, source before target by name.
    pub fn is_symmetric(self) -> bool {
        self == RelationKind::CoordinatesWith
    }

    /// Whether the relation is a friendly tie (an ally), a hostile one, or neither.
    pub fn sign(self) -> i8 {
        match self {
            RelationKind::CoordinatesWith | RelationKind::Backs => 1,
            RelationKind::Opposes => -1,
            RelationKind::Denies | RelationKind::MemberOf => 0,
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the text states a relation or explicitly negates it ("we are not coordinating with X").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// The text says it holds.
    Asserted,
    /// The text says it does not hold, or the claim that it holds was denied.
    Negated,
}

impl Polarity {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Asserted => "asserted",
            Polarity::Negated => "negated",
        }
    }
}

/// A half-open range of byte offsets `[start, end)` into a document's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text it covers, or "" when it does not fit the text (never panics).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The claim a denial rejects: "X denied that `<source> <kind> <target>`".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Claim {
    /// Who the claim says acts (canonical name).
    pub source: String,
    /// What the claim says they do.
    pub kind: RelationKind,
    /// To whom (canonical name).
    pub target: String,
}

/// A calendar date, written `YYYY-MM-DD` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date, or `None` when there is no such day (February 30th, month 13, year 0).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days_in_month = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => 0,
        };
        ((1..=days_in_month).contains(&day) && (1000..=2999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (negative before), for ages and distances in days.
    pub fn days_since_epoch(self) -> i64 {
        let (m, day) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, '-').map(str::parse::<u16>);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => {
                Date::new(y, m.try_into().unwrap_or(0), d.try_into().unwrap_or(0))
                    .ok_or_else(|| format!("{s:?} is not a valid date"))
            }
            _ => Err(format!("{s:?} is not a date of the form YYYY-MM-DD")),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A graph file writes two dates for most relations: written from the digits, not
        // through the formatter, when they are as `Display` would write them.
        match self.digits().as_ref().map(|d| std::str::from_utf8(d)) {
            Some(Ok(text)) => s.serialize_str(text),
            _ => s.collect_str(self),
        }
    }
}

impl Date {
    /// `YYYY-MM-DD` as [`Display`](fmt::Display) writes it, for a four-digit year and a month
    /// and day of at most two digits (every date [`Date::new`] makes); `None` for others.
    fn digits(self) -> Option<[u8; 10]> {
        if !(1000..=9999).contains(&self.year) || self.month > 99 || self.day > 99 {
            return None;
        }
        let digit = |n: u16, place: u16| b'0' + ((n / place) % 10) as u8;
        let (y, m, d) = (self.year, u16::from(self.month), u16::from(self.day));
        Some([
            digit(y, 1000),
            digit(y, 100),
            digit(y, 10),
            digit(y, 1),
            b'-',
            digit(m, 10),
            digit(m, 1),
            b'-',
            digit(d, 10),
            digit(d, 1),
        ])
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_serializes_as_it_displays() {
        for year in [0, 999, 1000, 1999, 2024, 2999, 9999, 10000, u16::MAX] {
            for month in (0..=120).chain([255]) {
                for day in (0..=120).chain([255]) {
                    let date = Date { year, month, day };
                    let json = serde_json::to_string(&date).unwrap_or_default();
                    assert_eq!(json, format!("\"{date}\""));
                }
            }
        }
    }

    #[test]
    fn days_count_from_the_epoch() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(
            d(2000, 3, 1).days_since_epoch() - d(2000, 2, 28).days_since_epoch(),
            2
        );
        assert_eq!(
            d(2024, 1, 1).days_since_epoch() - d(2023, 1, 1).days_since_epoch(),
            365
        );
        assert_eq!(d(1969, 12, 31).days_since_epoch(), -1);
    }

    #[test]
    fn only_real_days_are_dates() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2017, 4, 31).is_none());
        assert!(Date::new(2017, 13, 1).is_none());
        assert!(Date::new(2017, 1, 0).is_none());
    }
}

/// A string shared by many records of a graph: one allocation, and a thin pointer (8 bytes) in
/// each record that holds it. Compares, hashes, orders and prints as the string; a map keyed by
/// it can be searched with a `&str`.
macro_rules! shared_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(std::sync::Arc<Box<str>>);

        impl $name {
            /// The string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(std::sync::Arc::new(s.into()))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(std::sync::Arc::new(s.into_boxed_str()))
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                **self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                **self.0 == **other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                **self.0 == **other
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&**self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from)
            }
        }
    };
}

shared_string! {
    /// A document's id, shared: the evidence and mention counts of one document all point to one
    /// copy of it, so that a graph of millions of pieces of evidence does not hold millions of
    /// copies of a few hundred thousand names. Compares, hashes, orders and prints as the string;
    /// a map keyed by it can be searched with a `&str`.
    ///
    /// ```
    /// use factions::DocumentId;
    /// let id = DocumentId::from("a.txt");
    /// assert_eq!(id, "a.txt");
    /// assert_eq!(id.clone().as_str(), "a.txt");
    /// assert_eq!(std::mem::size_of::<DocumentId>(), 8);
    /// ```
    DocumentId
}

shared_string! {
    /// The name of who a sentence quotes (`Evidence::attributed_to`), shared: a graph keeps one
    /// copy of each speaker's name for all the evidence that quotes them. Compares, hashes,
    /// orders and prints as the string.
    ///
    /// ```
    /// use factions::Speaker;
    /// let who = Speaker::from("Pentagon spokesman");
    /// assert_eq!(who, "Pentagon spokesman");
    /// assert_eq!(std::mem::size_of::<Option<Speaker>>(), 8);
    /// ```
    Speaker
}
