//! Resume-to-vacancy matching: text handling, skills, the score and its explanation.

pub mod aliases;
pub mod eval;
pub mod facts;
mod lexicon;
pub mod report;
pub mod score;
pub mod text;

pub use aliases::{AliasError, AliasTable};
pub use facts::{CardFacts, Money, Position, ResumeFacts, SalaryRange, VacancyFacts};
pub use report::{Factor, FactorKind, MatchReport};
pub use score::{score_card, score_vacancy, PreparedResume};

#[cfg(test)]
mod tests;
