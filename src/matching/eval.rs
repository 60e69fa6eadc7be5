//! Evaluation of the scorer against labelled vacancies: ranking metrics (NDCG@k, precision@k) and the two
//! baselines it must beat (random order, plain keyword overlap). Pure functions; `cargo xtask eval` loads
//! the data and prints the table.

/// Discounted cumulative gain of grades in ranked order, over the first `k`: Σ (2^g − 1) / log2(i + 2).
pub fn dcg_at_k(ranked_grades: &[u8], k: usize) -> f64 {
    ranked_grades
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| (2f64.powi(g as i32) - 1.0) / ((i + 2) as f64).log2())
        .sum()
}

/// NDCG@k: the DCG of this order divided by the DCG of the best order of the same grades.
/// `ranked_grades` holds the grade of every item, in the order the ranker put them. 0 when nothing is relevant.
pub fn ndcg_at_k(ranked_grades: &[u8], k: usize) -> f64 {
    let mut ideal = ranked_grades.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg_at_k(&ideal, k);
    if best <= 0.0 {
        return 0.0;
    }
    dcg_at_k(ranked_grades, k) / best
}

/// Share of the first `k` items with grade ≥ 1 (divided by `k`, or by the list length when shorter).
pub fn precision_at_k(ranked_grades: &[u8], k: usize) -> f64 {
    let n = k.min(ranked_grades.len());
    if n == 0 {
        return 0.0;
    }
    ranked_grades.iter().take(n).filter(|&&g| g >= 1).count() as f64 / n as f64
}

/// A small seeded generator (SplitMix64), so "random" orders are the same on every run.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A seeded random permutation of `0..n` (Fisher–Yates).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64(seed);
    for i in (1..n).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Indices by descending score; equal scores in a seeded random order, so no ranker gains from the
/// order the data happens to be in.
pub fn rank_by_score(scores: &[f64], seed: u64) -> Vec<usize> {
    let mut order = shuffled(scores.len(), seed);
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    order
}

/// The keyword baseline: the share of the resume's skills whose text (lowercased) occurs anywhere in the
/// vacancy's text (lowercased). No stemming, no aliases.
pub fn keyword_overlap(resume_skills: &[String], vacancy_text_lowercase: &str) -> f64 {
    let skills: Vec<String> = resume_skills
        .iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    if skills.is_empty() {
        return 0.0;
    }
    skills
        .iter()
        .filter(|s| vacancy_text_lowercase.contains(s.as_str()))
        .count() as f64
        / skills.len() as f64
}

/// NDCG@k and precision@k of one ranking.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub ndcg: f64,
    pub precision: f64,
}

/// Metrics of ranking items by `scores` against `grades`, averaged over the tie-breaking seeds.
pub fn evaluate_scores(scores: &[f64], grades: &[u8], k: usize, seeds: &[u64]) -> Metrics {
    average(seeds.iter().map(|&seed| {
        let ranked: Vec<u8> = rank_by_score(scores, seed)
            .iter()
            .map(|&i| grades[i])
            .collect();
        Metrics {
            ndcg: ndcg_at_k(&ranked, k),
            precision: precision_at_k(&ranked, k),
        }
    }))
}

/// Metrics of random orders, averaged over the seeds.
pub fn evaluate_random(grades: &[u8], k: usize, seeds: &[u64]) -> Metrics {
    average(seeds.iter().map(|&seed| {
        let ranked: Vec<u8> = shuffled(grades.len(), seed)
            .iter()
            .map(|&i| grades[i])
            .collect();
        Metrics {
            ndcg: ndcg_at_k(&ranked, k),
            precision: precision_at_k(&ranked, k),
        }
    }))
}

/// The mean of several metrics (zero for none).
pub fn average(items: impl IntoIterator<Item = Metrics>) -> Metrics {
    let mut sum = Metrics::default();
    let mut n = 0usize;
    for m in items {
        sum.ndcg += m.ndcg;
        sum.precision += m.precision;
        n += 1;
    }
    if n == 0 {
        return sum;
    }
    Metrics {
        ndcg: sum.ndcg / n as f64,
        precision: sum.precision / n as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
        assert!((ndcg_at_k(&[2, 1, 0, 0], 10) - 1.0).abs() < 1e-12);
        let worse = ndcg_at_k(&[0, 1, 2, 0], 10);
        assert!(worse > 0.0 && worse < 1.0);
        // By hand: DCG = 1/log2(3) + 3/log2(4) = 0.6309 + 1.5; ideal = 3 + 1/log2(3) = 3.6309.
        assert!((worse - (0.630_929_753_6 + 1.5) / 3.630_929_753_6).abs() < 1e-9);
        assert_eq!(ndcg_at_k(&[0, 0], 10), 0.0);
        assert_eq!(ndcg_at_k(&[], 10), 0.0);
    }

    #[test]
    fn ndcg_only_counts_the_first_k() {
        let grades = [0, 0, 2];
        assert_eq!(ndcg_at_k(&grades, 2), 0.0);
        assert!(ndcg_at_k(&grades, 3) > 0.0);
    }

    #[test]
    fn precision_counts_relevant_in_top_k() {
        assert_eq!(precision_at_k(&[2, 0, 1, 0], 2), 0.5);
        assert_eq!(precision_at_k(&[1, 1], 10), 1.0);
        assert_eq!(precision_at_k(&[], 10), 0.0);
    }

    #[test]
    fn shuffles_are_permutations_and_repeatable() {
        let a = shuffled(50, 7);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_eq!(a, shuffled(50, 7));
        assert_ne!(a, shuffled(50, 8));
    }

    #[test]
    fn ranking_by_score_breaks_ties_by_seed_only() {
        let scores = [1.0, 3.0, 3.0, 2.0];
        let r = rank_by_score(&scores, 1);
        assert!(r[..2].contains(&1) && r[..2].contains(&2));
        assert_eq!(&r[2..], &[3, 0]);
    }

    #[test]
    fn keyword_overlap_is_plain_substring_share() {
        let skills = vec![
            "Python".to_string(),
            "Django".to_string(),
            "Kubernetes".to_string(),
            " ".to_string(),
        ];
        assert!((keyword_overlap(&skills, "нужен python и django") - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(keyword_overlap(&[], "x"), 0.0);
    }

    #[test]
    fn perfect_scores_beat_random() {
        let grades: Vec<u8> = (0..100).map(|i| if i % 10 == 0 { 2 } else { 0 }).collect();
        let scores: Vec<f64> = grades.iter().map(|&g| g as f64).collect();
        let seeds = [1, 2, 3, 4, 5];
        let perfect = evaluate_scores(&scores, &grades, 10, &seeds);
        assert!((perfect.ndcg - 1.0).abs() < 1e-12);
        assert_eq!(perfect.precision, 1.0);
        let random = evaluate_random(&grades, 10, &seeds);
        assert!(random.ndcg < 0.5 && random.precision < 0.5);
    }
}
