//! The selector health check: what each kind of hh.ru page lacked the last time the user saw one, said in the
//! worker log and the popup, so a change on hh.ru is seen at once and fixed in the selector table.

use std::collections::BTreeMap;

use super::{keys, Agent, Platform};
use crate::pages::selectors::selector;
use crate::protocol::{PageKind, Response, UserError};

impl<P: Platform> Agent<P> {
    /// Keeps the latest report of a page kind; writes only when it changed.
    pub(super) async fn record_health(
        &self,
        page: PageKind,
        missing: &[String],
    ) -> Result<Response, UserError> {
        let mut health: BTreeMap<PageKind, Vec<String>> =
            self.load(keys::PAGE_HEALTH).await.unwrap_or_default();
        if !missing.is_empty() {
            self.platform.warn(&format!(
                "HH Job Agent: {} — {}",
                page_name(page),
                missing_text(missing)
            ));
        }
        if health.get(&page).map(Vec::as_slice).unwrap_or_default() != missing {
            health.insert(page, missing.to_vec());
            self.save(keys::PAGE_HEALTH, &health).await?;
        }
        Ok(Response::Ok)
    }

    /// One Russian line per page kind with missing selectors.
    pub(super) async fn page_problems(&self) -> Vec<String> {
        let health: BTreeMap<PageKind, Vec<String>> =
            self.load(keys::PAGE_HEALTH).await.unwrap_or_default();
        health
            .iter()
            .filter(|(_, missing)| !missing.is_empty())
            .map(|(page, missing)| {
                format!(
                    "{} изменилась на hh.ru: {}",
                    page_name(*page),
                    missing_text(missing)
                )
            })
            .collect()
    }
}

fn page_name(page: PageKind) -> &'static str {
    match page {
        PageKind::Vacancy => "Страница вакансии",
        PageKind::Search => "Страница поиска",
        PageKind::ReplyForm => "Форма отклика",
        PageKind::Resume => "Страница резюме",
        PageKind::Negotiations => "Страница откликов",
        PageKind::SavedSearches => "Страница автопоисков",
    }
}

/// `vacancy.salary ([data-qa="vacancy-salary"])`: the key and the selector to fix.
fn missing_text(missing: &[String]) -> String {
    let named: Vec<String> = missing
        .iter()
        .map(|key| match selector(key) {
            Some(css) => format!("{key} ({css})"),
            None => key.clone(),
        })
        .collect();
    format!("не найдено {}", named.join(", "))
}
