//! Pure request building: every hh.ru request the client sends, exactly per the contract, as plain data.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::error::HhError;
use super::models::{employment_for_employment_form, schedule_for_work_format, Page};

/// hh.ru's API host; the only server in the spec.
pub const API_BASE: &str = "https://api.hh.ru";
/// The site host (OAuth authorize page).
pub const SITE_BASE: &str = "https://hh.ru";
/// hh.ru refuses to look deeper than this many results into a list.
pub const MAX_SEARCH_DEPTH: u32 = 2000;
pub const MAX_PER_PAGE: u32 = 100;
/// `GET /saved_searches/vacancies` allows at most 10 per page.
pub const MAX_SAVED_SEARCHES_PER_PAGE: u32 = 10;
/// hh.ru's limit on a cover letter.
pub const MAX_LETTER_CHARS: usize = 10_000;

/// Everything except RFC 3986 unreserved characters is escaped.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one query/path/form component.
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// `a=1&b=2`, each name and value percent-encoded.
pub fn encode_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                encode_component(k.as_ref()),
                encode_component(v.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request body, rendered to bytes by [`Body::to_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    None,
    /// `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
    /// `multipart/form-data` with text parts.
    Multipart {
        boundary: String,
        parts: Vec<(String, String)>,
    },
}

impl Body {
    pub fn content_type(&self) -> Option<String> {
        match self {
            Body::None => None,
            Body::Form(_) => Some("application/x-www-form-urlencoded".into()),
            Body::Multipart { boundary, .. } => {
                Some(format!("multipart/form-data; boundary={boundary}"))
            }
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Body::None => Vec::new(),
            Body::Form(pairs) => encode_pairs(pairs).into_bytes(),
            Body::Multipart { boundary, parts } => {
                let mut out = String::new();
                for (name, value) in parts {
                    out.push_str(&format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                    ));
                }
                out.push_str(&format!("--{boundary}--\r\n"));
                out.into_bytes()
            }
        }
    }
}

/// The response header a transport adds to a site page's answer: the URL after redirects.
pub const FINAL_URL_HEADER: &str = "x-hh-agent-final-url";

/// One HTTP request as data: the transport only has to send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// A page of hh.ru's site fetched as the user (their cookies, redirects followed), not an API call.
    pub site_session: bool,
}

impl HttpRequest {
    fn new(method: Method, url: String, user_agent: &str, body: Body) -> Self {
        let mut headers = vec![("HH-User-Agent".to_owned(), user_agent.to_owned())];
        if let Some(content_type) = body.content_type() {
            headers.push(("Content-Type".to_owned(), content_type));
        }
        HttpRequest {
            method,
            url,
            headers,
            body,
            site_session: false,
        }
    }

    /// `GET` of an hh.ru page with the user's own hh.ru session (the page channel).
    /// The transport reports where redirects ended in [`FINAL_URL_HEADER`].
    pub fn site_page(url: &str) -> Self {
        HttpRequest {
            method: Method::Get,
            url: url.to_owned(),
            headers: Vec::new(),
            body: Body::None,
            site_session: true,
        }
    }

    /// Case-insensitive header lookup.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets (replaces) a header.
    pub fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value));
    }

    pub fn with_bearer(mut self, access_token: &str) -> Self {
        self.set_header("Authorization", format!("Bearer {access_token}"));
        self
    }

    /// The path without scheme, host and query.
    pub fn path(&self) -> &str {
        let after_scheme = self.url.split_once("://").map_or(&*self.url, |(_, r)| r);
        let path_and_query = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        path_and_query.split('?').next().unwrap_or("/")
    }

    /// Query pairs, percent-decoded.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.url
            .split_once('?')
            .map(|(_, q)| parse_query(q))
            .unwrap_or_default()
    }
}

/// Parses `a=1&b=%20x` (also `+` as space) into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

fn decode_component(value: &str) -> String {
    percent_encoding::percent_decode_str(&value.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// `GET /vacancies` (and similar vacancies, saved searches) parameters. Lists repeat the parameter.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub text: Option<String>,
    /// `name`, `company_name`, `description`.
    pub search_field: Vec<String>,
    /// `noExperience`, `between1And3`, `between3And6`, `moreThan6`.
    pub experience: Vec<String>,
    /// `FULL`, `PART`, `PROJECT`, `FLY_IN_FLY_OUT`.
    pub employment_form: Vec<String>,
    /// `ON_SITE`, `REMOTE`, `HYBRID`, `FIELD_WORK`.
    pub work_format: Vec<String>,
    /// Deprecated: `fullDay`, `shift`, `flexible`, `remote`, `flyInFlyOut`.
    pub schedule: Vec<String>,
    /// Deprecated: `full`, `part`, `project`, `volunteer`, `probation`.
    pub employment: Vec<String>,
    pub area: Vec<String>,
    pub professional_role: Vec<String>,
    pub salary: Option<u64>,
    /// `RUR` (not `RUB`), `USD`, …
    pub currency: Option<String>,
    pub only_with_salary: Option<bool>,
    /// Days back, ≤ 30.
    pub period: Option<u32>,
    pub date_from: Option<String>,
    /// `publication_time`, `salary_desc`, `salary_asc`, `relevance`, `distance`.
    pub order_by: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl SearchParams {
    pub fn text(text: &str) -> Self {
        SearchParams {
            text: Some(text.to_owned()),
            ..Default::default()
        }
    }

    /// Refuses `per_page` > 100 and pages beyond the 2000-result depth before anything is sent.
    pub fn validate(&self) -> Result<(), HhError> {
        check_page(self.page, self.per_page, MAX_PER_PAGE)
    }

    /// Query pairs for `GET /vacancies`.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.pairs(true)
    }

    /// Query pairs for endpoints whose spec lacks `employment_form`/`work_format`
    /// (similar vacancies, saved searches): the values are folded into the deprecated
    /// `employment`/`schedule` where the meaning carries over.
    pub fn legacy_query_pairs(&self) -> Vec<(String, String)> {
        self.pairs(false)
    }

    fn pairs(&self, current_fields: bool) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut push = |name: &str, value: String| out.push((name.to_owned(), value));
        let mut schedule = self.schedule.clone();
        let mut employment = self.employment.clone();
        if !current_fields {
            let folded = self
                .work_format
                .iter()
                .filter_map(|f| schedule_for_work_format(f));
            for s in folded {
                if !schedule.iter().any(|x| x == s) {
                    schedule.push(s.to_owned());
                }
            }
            let folded = self
                .employment_form
                .iter()
                .filter_map(|f| employment_for_employment_form(f));
            for e in folded {
                if !employment.iter().any(|x| x == e) {
                    employment.push(e.to_owned());
                }
            }
        }
        if let Some(text) = &self.text {
            push("text", text.clone());
        }
        self.search_field
            .iter()
            .for_each(|v| push("search_field", v.clone()));
        self.experience
            .iter()
            .for_each(|v| push("experience", v.clone()));
        if current_fields {
            self.employment_form
                .iter()
                .for_each(|v| push("employment_form", v.clone()));
            self.work_format
                .iter()
                .for_each(|v| push("work_format", v.clone()));
        }
        schedule.iter().for_each(|v| push("schedule", v.clone()));
        employment
            .iter()
            .for_each(|v| push("employment", v.clone()));
        self.area.iter().for_each(|v| push("area", v.clone()));
        self.professional_role
            .iter()
            .for_each(|v| push("professional_role", v.clone()));
        if let Some(salary) = self.salary {
            push("salary", salary.to_string());
        }
        if let Some(currency) = &self.currency {
            push("currency", currency.clone());
        }
        if let Some(only) = self.only_with_salary {
            push("only_with_salary", only.to_string());
        }
        if let Some(period) = self.period {
            push("period", period.to_string());
        }
        if let Some(date_from) = &self.date_from {
            push("date_from", date_from.clone());
        }
        if let Some(order_by) = &self.order_by {
            push("order_by", order_by.clone());
        }
        if let Some(page) = self.page {
            push("page", page.to_string());
        }
        if let Some(per_page) = self.per_page {
            push("per_page", per_page.to_string());
        }
        out
    }
}

/// Checks `per_page` against `max_per_page` and the depth rule `(page + 1) * per_page ≤ 2000`
/// (the spec: `per_page=10&page=199` is fine, `page=200` is an error).
pub fn check_page(
    page: Option<u32>,
    per_page: Option<u32>,
    max_per_page: u32,
) -> Result<(), HhError> {
    let per_page_value = per_page.unwrap_or(20);
    if per_page_value == 0 || per_page_value > max_per_page {
        return Err(HhError::BadArguments(vec!["per_page".into()]));
    }
    let depth = (u64::from(page.unwrap_or(0)) + 1) * u64::from(per_page_value);
    if depth > u64::from(MAX_SEARCH_DEPTH) {
        return Err(HhError::PaginationTooDeep);
    }
    Ok(())
}

/// The next page to fetch after `current`, or `None` at the last page or at the 2000-result depth.
pub fn next_page<T>(current: &Page<T>) -> Option<u32> {
    let next = current.page + 1;
    if next >= current.pages || current.per_page == 0 {
        return None;
    }
    let depth = (u64::from(next) + 1) * u64::from(current.per_page);
    (depth <= u64::from(MAX_SEARCH_DEPTH)).then_some(next)
}

/// `GET /negotiations` parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NegotiationsParams {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `updated_at` or `created_at`.
    pub order_by: Option<String>,
    /// `asc` or `desc`.
    pub order: Option<String>,
    /// `active`, `invitations`, `response`, `discard`, `archived`, …
    pub status: Option<String>,
    pub vacancy_id: Option<String>,
}

impl NegotiationsParams {
    pub fn for_vacancy(vacancy_id: &str) -> Self {
        NegotiationsParams {
            vacancy_id: Some(vacancy_id.to_owned()),
            ..Default::default()
        }
    }

    fn query_pairs(&self) -> Vec<(String, String)> {
        let fields = [
            ("page", self.page.map(|v| v.to_string())),
            ("per_page", self.per_page.map(|v| v.to_string())),
            ("order_by", self.order_by.clone()),
            ("order", self.order.clone()),
            ("status", self.status.clone()),
            ("vacancy_id", self.vacancy_id.clone()),
        ];
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect()
    }
}

/// The OAuth application registered on dev.hh.ru.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
}

/// Builds every request; holds the hosts and the `HH-User-Agent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requests {
    pub api_base: String,
    pub site_base: String,
    /// `AppName/1.0 (contact@example.com)`.
    pub user_agent: String,
}

impl Default for Requests {
    fn default() -> Self {
        Requests {
            api_base: API_BASE.into(),
            site_base: SITE_BASE.into(),
            user_agent: "HHJobAgent/0.1 (hh-job-agent@example.com)".into(),
        }
    }
}

impl Requests {
    fn api(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Body,
    ) -> HttpRequest {
        let mut url = format!("{}{}", self.api_base.trim_end_matches('/'), path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&encode_pairs(query));
        }
        HttpRequest::new(method, url, &self.user_agent, body)
    }

    fn get(&self, path: &str, query: &[(String, String)]) -> HttpRequest {
        self.api(Method::Get, path, query, Body::None)
    }

    pub fn me(&self) -> HttpRequest {
        self.get("/me", &[])
    }

    pub fn resumes_mine(&self) -> HttpRequest {
        self.get("/resumes/mine", &[])
    }

    pub fn resume(&self, resume_id: &str) -> HttpRequest {
        self.get(&format!("/resumes/{}", encode_component(resume_id)), &[])
    }

    pub fn similar_vacancies(
        &self,
        resume_id: &str,
        params: &SearchParams,
    ) -> Result<HttpRequest, HhError> {
        params.validate()?;
        let path = format!("/resumes/{}/similar_vacancies", encode_component(resume_id));
        Ok(self.get(&path, &params.legacy_query_pairs()))
    }

    pub fn search_vacancies(&self, params: &SearchParams) -> Result<HttpRequest, HhError> {
        params.validate()?;
        Ok(self.get("/vacancies", &params.query_pairs()))
    }

    /// `GET /vacancies` with the search of a link hh.ru gave (a saved search's `new_items.url`): only the
    /// search parameters are kept, `saved_search_id` is dropped (opening it would mark the results as seen
    /// on hh.ru), and one page of `per_page` is asked for.
    pub fn search_vacancies_from_link(
        &self,
        link: &str,
        per_page: u32,
    ) -> Result<HttpRequest, HhError> {
        check_page(Some(0), Some(per_page), MAX_PER_PAGE)?;
        let query = link.split_once('?').map(|(_, q)| q).unwrap_or("");
        let query = query.split('#').next().unwrap_or("");
        let mut pairs: Vec<(String, String)> = parse_query(query)
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "saved_search_id" | "page" | "per_page"))
            .collect();
        pairs.push(("per_page".to_owned(), per_page.to_string()));
        Ok(self.get("/vacancies", &pairs))
    }

    pub fn vacancy(&self, vacancy_id: &str) -> HttpRequest {
        self.get(&format!("/vacancies/{}", encode_component(vacancy_id)), &[])
    }

    pub fn negotiations(&self, params: &NegotiationsParams) -> Result<HttpRequest, HhError> {
        check_page(params.page, params.per_page, MAX_PER_PAGE)?;
        Ok(self.get("/negotiations", &params.query_pairs()))
    }

    pub fn negotiation(&self, negotiation_id: &str) -> HttpRequest {
        self.get(
            &format!("/negotiations/{}", encode_component(negotiation_id)),
            &[],
        )
    }

    pub fn negotiation_messages(&self, negotiation_id: &str) -> HttpRequest {
        let path = format!(
            "/negotiations/{}/messages",
            encode_component(negotiation_id)
        );
        self.get(&path, &[])
    }

    /// `POST /negotiations` as `multipart/form-data`. The letter must already be checked
    /// (see [`check_letter`]); an empty letter is left out.
    pub fn apply(
        &self,
        vacancy_id: &str,
        resume_id: &str,
        letter: &str,
        boundary: &str,
    ) -> HttpRequest {
        let mut parts = vec![
            ("vacancy_id".to_owned(), vacancy_id.to_owned()),
            ("resume_id".to_owned(), resume_id.to_owned()),
        ];
        if !letter.trim().is_empty() {
            parts.push(("message".to_owned(), letter.to_owned()));
        }
        let body = Body::Multipart {
            boundary: boundary.to_owned(),
            parts,
        };
        self.api(Method::Post, "/negotiations", &[], body)
    }

    pub fn saved_searches(&self, page: u32, per_page: u32) -> Result<HttpRequest, HhError> {
        check_page(Some(page), Some(per_page), MAX_SAVED_SEARCHES_PER_PAGE)?;
        let query = [
            ("page".to_owned(), page.to_string()),
            ("per_page".to_owned(), per_page.to_string()),
        ];
        Ok(self.get("/saved_searches/vacancies", &query))
    }

    /// `POST /saved_searches/vacancies?name=…&<search params>` (no body).
    pub fn saved_search_create(&self, name: &str, params: &SearchParams) -> HttpRequest {
        let search = SearchParams {
            page: None,
            per_page: None,
            ..params.clone()
        };
        let mut query = vec![("name".to_owned(), name.to_owned())];
        query.extend(search.legacy_query_pairs());
        self.api(
            Method::Post,
            "/saved_searches/vacancies",
            &query,
            Body::None,
        )
    }

    pub fn saved_search_rename(&self, id: &str, name: &str) -> HttpRequest {
        let path = format!("/saved_searches/vacancies/{}", encode_component(id));
        let query = [("name".to_owned(), name.to_owned())];
        self.api(Method::Put, &path, &query, Body::None)
    }

    pub fn saved_search_delete(&self, id: &str) -> HttpRequest {
        let path = format!("/saved_searches/vacancies/{}", encode_component(id));
        self.api(Method::Delete, &path, &[], Body::None)
    }

    pub fn dictionaries(&self) -> HttpRequest {
        self.get("/dictionaries", &[])
    }

    pub fn areas(&self) -> HttpRequest {
        self.get("/areas", &[])
    }

    pub fn publish_resume(&self, resume_id: &str) -> HttpRequest {
        let path = format!("/resumes/{}/publish", encode_component(resume_id));
        self.api(Method::Post, &path, &[], Body::None)
    }

    /// `POST https://api.hh.ru/token`, `grant_type=authorization_code`.
    pub fn token_exchange(&self, app: &OAuthApp, code: &str) -> HttpRequest {
        let form = vec![
            ("grant_type".to_owned(), "authorization_code".to_owned()),
            ("client_id".to_owned(), app.client_id.clone()),
            ("client_secret".to_owned(), app.client_secret.clone()),
            ("redirect_uri".to_owned(), app.redirect_uri.clone()),
            ("code".to_owned(), code.to_owned()),
        ];
        self.api(Method::Post, "/token", &[], Body::Form(form))
    }

    /// `POST https://api.hh.ru/token`, `grant_type=refresh_token` (the refresh token only).
    pub fn token_refresh(&self, refresh_token: &str) -> HttpRequest {
        let form = vec![
            ("grant_type".to_owned(), "refresh_token".to_owned()),
            ("refresh_token".to_owned(), refresh_token.to_owned()),
        ];
        self.api(Method::Post, "/token", &[], Body::Form(form))
    }

    /// `DELETE https://api.hh.ru/oauth/token` (the caller adds the bearer token).
    pub fn logout(&self) -> HttpRequest {
        self.api(Method::Delete, "/oauth/token", &[], Body::None)
    }
}

/// Checks a cover letter before anything is sent: at most 10,000 characters, present when required.
pub fn check_letter(letter: &str, letter_required: bool) -> Result<(), HhError> {
    let chars = letter.chars().count();
    if chars > MAX_LETTER_CHARS {
        return Err(HhError::LetterTooLong {
            chars,
            max: MAX_LETTER_CHARS,
        });
    }
    if letter_required && letter.trim().is_empty() {
        return Err(HhError::LetterRequired);
    }
    Ok(())
}
