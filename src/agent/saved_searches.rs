//! The user's saved searches on hh.ru («автопоиски»): listed with their new-vacancy counts, created from the
//! resume profile or from the recommendation filters, renamed and deleted.

use super::recommend::resume_search;
use super::{Agent, Platform};
use crate::hh::models::SavedSearch;
use crate::hh::request::SearchParams;
use crate::pages::autosearch_page::{read_saved_searches, PageSavedSearch};
use crate::protocol::{
    Channel, PageKind, RecommendationFilters, Response, SavedSearchSummary, SavedSearches,
    UserError,
};

/// hh.ru lists saved searches 10 a page; a person rarely has more than a few pages.
const PAGES_READ: u32 = 5;
const NAME_LIMIT: usize = 128;
/// Where hh.ru itself lists the saved searches.
pub const SITE_SAVED_SEARCHES: &str = "https://hh.ru/applicant/autosearch.xhtml";

/// A saved search's link to its vacancies as a page of hh.ru (the API's link → the site's search).
pub fn site_search_url(api_url: &str, id: &str) -> String {
    match api_url.split_once('?') {
        Some((_, query)) => format!("https://hh.ru/search/vacancy?{query}"),
        None => format!("https://hh.ru/search/vacancy?saved_search_id={id}"),
    }
}

fn summary(search: &SavedSearch) -> SavedSearchSummary {
    let count = |c: &Option<crate::hh::models::CountUrl>| {
        c.as_ref()
            .and_then(|c| c.count)
            .unwrap_or(0)
            .min(u64::from(u32::MAX)) as u32
    };
    let api_url = search
        .items
        .as_ref()
        .and_then(|i| i.url.clone())
        .unwrap_or_default();
    SavedSearchSummary {
        id: search.id.clone(),
        name: search.name.clone().unwrap_or_else(|| "Без названия".into()),
        new_count: count(&search.new_items),
        total_count: count(&search.items),
        url: site_search_url(&api_url, &search.id),
        created_at: search.created_at.clone(),
    }
}

fn checked_name(name: &str) -> Result<String, UserError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(UserError::new("bad_name", "Назовите автопоиск."));
    }
    if name.chars().count() > NAME_LIMIT {
        return Err(UserError::new(
            "bad_name",
            format!("Название автопоиска — не длиннее {NAME_LIMIT} символов."),
        ));
    }
    Ok(name)
}

/// The search of the recommendation filters: the resume's search narrowed by salary, format and area.
pub fn filtered_search(
    profile: SearchParams,
    filters: &RecommendationFilters,
    area_id: Option<String>,
) -> SearchParams {
    let mut params = profile;
    if let Some(salary) = filters.salary_from {
        params.salary = Some(salary);
        params.currency = Some("RUR".into());
    }
    if filters.only_with_salary {
        params.only_with_salary = Some(true);
    }
    if !filters.work_formats.is_empty() {
        params.work_format = filters.work_formats.clone();
    }
    if let Some(area) = area_id {
        params.area = vec![area];
    }
    params
}

impl<P: Platform> Agent<P> {
    /// The saved searches as the API lists them; without the API, where to find them on hh.ru.
    pub(super) async fn saved_searches(&self) -> Result<Response, UserError> {
        let (channel, reason) = self.channel().await;
        if channel == Channel::Api {
            match self.read_saved_searches().await {
                Ok(items) => {
                    return Ok(Response::SavedSearches {
                        searches: SavedSearches {
                            items,
                            channel,
                            notice: None,
                        },
                    })
                }
                Err(error) if self.channel().await.0 == Channel::Api => return Err(error),
                Err(_) => {}
            }
        }
        let reason = self.channel().await.1.or(reason).unwrap_or_default();
        let (items, notice) = match self.site_saved_searches().await {
            Ok(list) => (
                list.into_iter()
                    .map(|s| SavedSearchSummary {
                        id: s.id,
                        name: s.name,
                        new_count: s.new_count,
                        total_count: 0,
                        url: s.url,
                        created_at: None,
                    })
                    .collect(),
                format!("{reason} Автопоиски прочитаны со страницы hh.ru; создавать, переименовывать и удалять их без API можно там: {SITE_SAVED_SEARCHES}"),
            ),
            Err(error) => (
                Vec::new(),
                format!("{reason} {} Автопоиски — на hh.ru: {SITE_SAVED_SEARCHES}", error.message),
            ),
        };
        Ok(Response::SavedSearches {
            searches: SavedSearches {
                items,
                channel: Channel::Pages,
                notice: Some(notice),
            },
        })
    }

    /// The page channel: hh.ru's «Автопоиски» page, read with the user's hh.ru session.
    pub(super) async fn site_saved_searches(&self) -> Result<Vec<PageSavedSearch>, UserError> {
        let path = SITE_SAVED_SEARCHES.trim_start_matches("https://hh.ru");
        let html = self.site_page(path).await?;
        match read_saved_searches(&html) {
            Ok(list) => {
                self.record_health(PageKind::SavedSearches, &[]).await?;
                Ok(list)
            }
            Err(error) => Err(self.unreadable(PageKind::SavedSearches, error).await),
        }
    }

    pub(super) async fn read_saved_searches(&self) -> Result<Vec<SavedSearchSummary>, UserError> {
        Ok(self
            .saved_search_list()
            .await?
            .iter()
            .map(summary)
            .collect())
    }

    /// Every saved search, page by page.
    pub(super) async fn saved_search_list(&self) -> Result<Vec<SavedSearch>, UserError> {
        let client = self.client().await;
        let mut all = Vec::new();
        for page_number in 0..PAGES_READ {
            let page = client
                .saved_searches(page_number, 10)
                .await
                .map_err(|e| self.user_error(&e))?;
            let last = page.items.is_empty() || page_number + 1 >= page.pages;
            all.extend(page.items);
            if last {
                break;
            }
        }
        Ok(all)
    }

    pub(super) async fn create_saved_search(
        &self,
        name: &str,
        filters: Option<RecommendationFilters>,
    ) -> Result<Response, UserError> {
        let name = checked_name(name)?;
        let Some(resume) = self.chosen_resume().await else {
            return Err(UserError::new(
                "no_resume",
                "Выберите резюме в меню расширения: автопоиск строится по нему.",
            ));
        };
        let profile = resume_search(&resume.stored.facts);
        let params = match &filters {
            None => profile,
            Some(filters) => {
                let area_id = match &filters.area {
                    Some(area) => self.area_id(area).await,
                    None => None,
                };
                filtered_search(profile, filters, area_id)
            }
        };
        self.client()
            .await
            .create_saved_search(&name, &params)
            .await
            .map_err(|e| self.user_error(&e))?;
        self.saved_searches().await
    }

    pub(super) async fn rename_saved_search(
        &self,
        id: &str,
        name: &str,
    ) -> Result<Response, UserError> {
        let name = checked_name(name)?;
        self.client()
            .await
            .rename_saved_search(id, &name)
            .await
            .map_err(|e| self.user_error(&e))?;
        self.saved_searches().await
    }

    pub(super) async fn delete_saved_search(&self, id: &str) -> Result<Response, UserError> {
        self.client()
            .await
            .delete_saved_search(id)
            .await
            .map_err(|e| self.user_error(&e))?;
        self.saved_searches().await
    }
}
