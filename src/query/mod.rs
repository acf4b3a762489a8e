//! Alliance questions over the [`KnowledgeGraph`](crate::KnowledgeGraph), one file per question.
