//! Full vacancies from the API, kept in storage one key each, so a reload or a worker restart finds them
//! without asking hh.ru again (6 hours, at most a few hundred).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Agent, Platform};
use crate::hh::cache::{DEFAULT_VACANCY_CAPACITY, DEFAULT_VACANCY_TTL_MS};
use crate::hh::models::Vacancy;
use crate::protocol::UserError;

const INDEX: &str = "vacancy_index";

fn key(vacancy_id: &str) -> String {
    format!("vacancy:{vacancy_id}")
}

#[derive(Serialize, Deserialize)]
struct Stored {
    fetched_at_ms: u64,
    vacancy: Vacancy,
}

impl<P: Platform> Agent<P> {
    /// The vacancy from storage when fresh, else from hh.ru (then stored).
    pub(super) async fn api_vacancy(&self, vacancy_id: &str) -> Result<Vacancy, UserError> {
        if let Some(vacancy) = self.stored_vacancy(vacancy_id).await {
            return Ok(vacancy);
        }
        let now = self.now_ms();
        let client = self.client().await;
        let vacancy = client
            .vacancy(vacancy_id)
            .await
            .map_err(|e| self.user_error(&e))?;
        self.store_vacancy(&vacancy, now).await;
        Ok(vacancy)
    }

    /// The stored vacancy while it is fresh.
    pub(super) async fn stored_vacancy(&self, vacancy_id: &str) -> Option<Vacancy> {
        let stored = self.load::<Stored>(&key(vacancy_id)).await?;
        (self.now_ms().saturating_sub(stored.fetched_at_ms) < DEFAULT_VACANCY_TTL_MS)
            .then_some(stored.vacancy)
    }

    /// A cache write that fails costs one more request later, nothing else: errors are dropped.
    async fn store_vacancy(&self, vacancy: &Vacancy, now: u64) {
        let stored = Stored {
            fetched_at_ms: now,
            vacancy: vacancy.clone(),
        };
        if self.save(&key(&vacancy.id), &stored).await.is_err() {
            return;
        }
        let mut index: BTreeMap<String, u64> = self.load(INDEX).await.unwrap_or_default();
        index.insert(vacancy.id.clone(), now);
        while index.len() > DEFAULT_VACANCY_CAPACITY {
            let Some(oldest) = index
                .iter()
                .min_by_key(|(_, at)| **at)
                .map(|(id, _)| id.clone())
            else {
                break;
            };
            index.remove(&oldest);
            let _ = self.remove(&key(&oldest)).await;
        }
        let _ = self.save(INDEX, &index).await;
    }
}
