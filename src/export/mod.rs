//! Writing the graph for other tools, one file per format.

pub mod json;
