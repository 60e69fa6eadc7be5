//! The match score as the rest of the product sees it: a number, and the reasons that add up to it.

use serde::{Deserialize, Serialize};

/// The score of one vacancy against the chosen resume, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchReport {
    /// 0–100.
    pub score: u8,
    /// True when scored from a search card (title, snippet, salary text) rather than the full vacancy.
    pub preliminary: bool,
    /// Skills of the vacancy that the resume has, most important first (as the vacancy names them).
    pub matched_skills: Vec<String>,
    /// The most important skills the vacancy asks for and the resume lacks.
    pub missing_skills: Vec<String>,
    /// Each factor that went into the score, with its contribution.
    pub factors: Vec<Factor>,
    /// One short Russian sentence that explains the score; fits a badge tooltip.
    pub summary: String,
}

/// One part of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub kind: FactorKind,
    /// How well this part fits, from 0.0 to 1.0; `None` when the vacancy or resume does not say.
    pub fit: Option<f32>,
    /// Points this factor added to the 0–100 score.
    pub points: f32,
    /// The most points this factor could add.
    pub max_points: f32,
    /// A short Russian explanation, e.g. «опыт 4 года, нужно 3–6 лет».
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    Skills,
    Title,
    Role,
    Experience,
    Salary,
    Format,
    Place,
}
