//! The built-in lexicon files, compiled into the library. The build script (`build.rs`) reads
//! this list too, to lay out the names automaton of exactly these files ahead of time.

/// Each file's name (for error messages) and text, in the order they are merged.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    ("states.toml", include_str!("../../lexicon/states.toml")),
    (
        "templates.toml",
        include_str!("../../lexicon/templates.toml"),
    ),
    ("titles.toml", include_str!("../../lexicon/titles.toml")),
    ("cues.toml", include_str!("../../lexicon/cues.toml")),
    ("cleaning.toml", include_str!("../../lexicon/cleaning.toml")),
    (
        "actors/organizations.toml",
        include_str!("../../lexicon/actors/organizations.toml"),
    ),
    (
        "actors/government_bodies.toml",
        include_str!("../../lexicon/actors/government_bodies.toml"),
    ),
    (
        "actors/media.toml",
        include_str!("../../lexicon/actors/media.toml"),
    ),
    (
        "actors/armed_groups.toml",
        include_str!("../../lexicon/actors/armed_groups.toml"),
    ),
    (
        "actors/officials.toml",
        include_str!("../../lexicon/actors/officials.toml"),
    ),
    (
        "actors/locations.toml",
        include_str!("../../lexicon/actors/locations.toml"),
    ),
];
