//! Search-card badges: at once the best score available (from a stored vacancy, else from the card's text),
//! then made final card by card from the full vacancy; a failure leaves the preliminary badge saying why.

use futures::future::join_all;

use super::vacancies::{badge, card_facts, KnownVacancy};
use super::{Agent, Platform};
use crate::matching::score::{score_card, score_vacancy};
use crate::protocol::{Channel, PageCard, Response, UserError};

impl<P: Platform> Agent<P> {
    /// Badges for the cards a page shows, without asking hh.ru: final where the vacancy is already stored.
    pub(super) async fn score_cards(&self, cards: Vec<PageCard>) -> Result<Response, UserError> {
        let Some(resume) = self.chosen_resume().await else {
            return Err(UserError::new(
                "no_resume",
                "Выберите резюме в меню расширения, чтобы видеть оценки.",
            ));
        };
        let settings = self.settings().await;
        let applied = self.applied_vacancies().await;
        let stored = join_all(
            cards
                .iter()
                .map(|card| self.stored_vacancy(&card.vacancy_id)),
        )
        .await;
        let badges = cards
            .iter()
            .zip(stored)
            .map(|(card, stored)| {
                let applied = applied.contains(&card.vacancy_id);
                match stored.map(|v| KnownVacancy::from_api(&v)) {
                    Some(known) => badge(
                        card,
                        &score_vacancy(&resume.prepared, &known.facts),
                        applied || known.relation.is_some(),
                        &settings,
                    ),
                    None => badge(
                        card,
                        &score_card(&resume.prepared, &card_facts(card)),
                        applied,
                        &settings,
                    ),
                }
            })
            .collect();
        // Without the API, the cards the user saw are what the recommendations are made of; kept in either
        // channel, since hh.ru may close the API at any time.
        self.remember_cards(&cards).await;
        Ok(Response::Badges { badges })
    }

    pub(super) async fn refine_card(&self, card: PageCard) -> Result<Response, UserError> {
        let Some(resume) = self.chosen_resume().await else {
            return Err(UserError::new(
                "no_resume",
                "Выберите резюме в меню расширения, чтобы видеть оценки.",
            ));
        };
        let settings = self.settings().await;
        let applied = self.applied_vacancies().await.contains(&card.vacancy_id);
        let (channel, reason) = self.channel().await;
        let full = match channel {
            Channel::Api => self
                .api_vacancy(&card.vacancy_id)
                .await
                .map(|v| KnownVacancy::from_api(&v)),
            Channel::Pages => Err(UserError::new("pages_channel", reason.unwrap_or_default())),
        };
        let badge = match full {
            Ok(known) => {
                let applied = applied || known.relation.is_some();
                badge(
                    &card,
                    &score_vacancy(&resume.prepared, &known.facts),
                    applied,
                    &settings,
                )
            }
            Err(error) => {
                let mut preliminary = badge(
                    &card,
                    &score_card(&resume.prepared, &card_facts(&card)),
                    applied,
                    &settings,
                );
                preliminary
                    .tooltip
                    .push_str(&format!("\nНе уточнено: {}", error.message));
                preliminary
            }
        };
        Ok(Response::Badges {
            badges: vec![badge],
        })
    }
}
