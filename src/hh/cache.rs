//! Caches that spare hh.ru requests: full vacancies (TTL + LRU) and ETag-validated dictionaries.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::models::Vacancy;

pub const DEFAULT_VACANCY_TTL_MS: u64 = 6 * 60 * 60 * 1000;
pub const DEFAULT_VACANCY_CAPACITY: usize = 300;

/// Full vacancies by id. Serialisable so the worker can persist it across restarts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VacancyCache {
    pub ttl_ms: u64,
    pub capacity: usize,
    entries: HashMap<String, CachedVacancy>,
    /// Increases on every use; the smallest `last_use` is evicted first.
    use_counter: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CachedVacancy {
    vacancy: Vacancy,
    stored_at_ms: u64,
    last_use: u64,
}

impl Default for VacancyCache {
    fn default() -> Self {
        VacancyCache::new(DEFAULT_VACANCY_TTL_MS, DEFAULT_VACANCY_CAPACITY)
    }
}

impl VacancyCache {
    pub fn new(ttl_ms: u64, capacity: usize) -> Self {
        VacancyCache {
            ttl_ms,
            capacity: capacity.max(1),
            entries: HashMap::new(),
            use_counter: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A fresh copy, or `None` (expired entries are dropped).
    pub fn get(&mut self, id: &str, now_ms: u64) -> Option<Vacancy> {
        let fresh = self
            .entries
            .get(id)
            .is_some_and(|e| now_ms < e.stored_at_ms.saturating_add(self.ttl_ms));
        if !fresh {
            self.entries.remove(id);
            return None;
        }
        self.use_counter += 1;
        let entry = self.entries.get_mut(id)?;
        entry.last_use = self.use_counter;
        Some(entry.vacancy.clone())
    }

    pub fn insert(&mut self, vacancy: Vacancy, now_ms: u64) {
        self.use_counter += 1;
        self.entries.insert(
            vacancy.id.clone(),
            CachedVacancy {
                vacancy,
                stored_at_ms: now_ms,
                last_use: self.use_counter,
            },
        );
        while self.entries.len() > self.capacity {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.last_use)
                .map(|(id, _)| id.clone())
            else {
                break;
            };
            self.entries.remove(&oldest);
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.entries.remove(id);
    }
}

/// Bodies validated by `ETag` / `If-None-Match` (dictionaries, areas), keyed by request path.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EtagCache {
    entries: HashMap<String, EtagEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EtagEntry {
    pub etag: String,
    pub body: serde_json::Value,
}

impl EtagCache {
    pub fn get(&self, key: &str) -> Option<&EtagEntry> {
        self.entries.get(key)
    }

    pub fn put(&mut self, key: &str, etag: String, body: serde_json::Value) {
        self.entries
            .insert(key.to_owned(), EtagEntry { etag, body });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vacancy(id: &str) -> Vacancy {
        Vacancy {
            id: id.into(),
            ..Default::default()
        }
    }

    #[test]
    fn entries_expire_after_the_ttl() {
        let mut cache = VacancyCache::new(1000, 10);
        cache.insert(vacancy("1"), 5_000);
        assert!(cache.get("1", 5_999).is_some());
        assert!(cache.get("1", 6_000).is_none());
        assert!(cache.is_empty(), "expired entry dropped");
    }

    #[test]
    fn the_least_recently_used_entry_is_evicted() {
        let mut cache = VacancyCache::new(DEFAULT_VACANCY_TTL_MS, 2);
        cache.insert(vacancy("a"), 0);
        cache.insert(vacancy("b"), 0);
        assert!(cache.get("a", 1).is_some());
        cache.insert(vacancy("c"), 2);
        assert_eq!(cache.len(), 2);
        assert!(cache.get("b", 3).is_none(), "b was least recently used");
        assert!(cache.get("a", 3).is_some());
        assert!(cache.get("c", 3).is_some());
    }

    #[test]
    fn cache_survives_serialisation() {
        let mut cache = VacancyCache::new(1000, 5);
        cache.insert(vacancy("7"), 10);
        let json = serde_json::to_string(&cache).unwrap();
        let mut restored: VacancyCache = serde_json::from_str(&json).unwrap();
        assert_eq!(restored.get("7", 20).map(|v| v.id), Some("7".to_owned()));
    }
}
