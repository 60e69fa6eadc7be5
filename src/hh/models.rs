//! Typed hh.ru API answers: profile, resumes, vacancies, negotiations, saved searches, tokens, error envelopes.
//!
//! Every field the product does not strictly need is optional or defaulted and unknown fields are ignored,
//! so a schema change on hh.ru's side degrades one field instead of breaking a whole answer.

use serde::{Deserialize, Deserializer, Serialize};

/// `{id, name}` pairs: hh.ru's dictionary references (experience, schedule, work format, …).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IdName {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

impl IdName {
    pub fn new(id: &str) -> Self {
        IdName {
            id: id.to_owned(),
            name: None,
        }
    }
}

/// A paginated list answer (`found`, `pages`, `page`, `per_page`, `items`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    pub items: Vec<T>,
    #[serde(default)]
    pub found: u64,
    #[serde(default)]
    pub pages: u32,
    #[serde(default)]
    pub page: u32,
    #[serde(default)]
    pub per_page: u32,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            found: 0,
            pages: 0,
            page: 0,
            per_page: 0,
        }
    }
}

/// `GET /me`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Me {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub middle_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub is_applicant: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub is_employer: Option<bool>,
    #[serde(default)]
    pub resumes_url: Option<String>,
    #[serde(default)]
    pub negotiations_url: Option<String>,
    #[serde(default)]
    pub counters: Option<MeCounters>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MeCounters {
    #[serde(default)]
    pub unread_negotiations: Option<u32>,
    #[serde(default)]
    pub new_resume_views: Option<u32>,
    #[serde(default)]
    pub resumes_count: Option<u32>,
}

/// An area reference (`{id, name, url}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Area {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A resume's desired salary (`{amount, currency}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResumeSalary {
    #[serde(default)]
    pub amount: Option<u64>,
    #[serde(default)]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TotalExperience {
    #[serde(default)]
    pub months: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CountUrl {
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SimilarVacancies {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub counters: Option<SimilarCounters>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SimilarCounters {
    #[serde(default)]
    pub total: Option<u64>,
}

/// One job in a resume's work history.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResumeExperience {
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub area: Option<Area>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Language {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub level: Option<IdName>,
}

/// A resume: `GET /resumes/mine` items (short) and `GET /resumes/{id}` (full) share this shape;
/// the short form simply leaves the matching fields empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Resume {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub status: Option<IdName>,
    #[serde(default)]
    pub area: Option<Area>,
    #[serde(default)]
    pub salary: Option<ResumeSalary>,
    #[serde(default)]
    pub total_experience: Option<TotalExperience>,
    #[serde(default)]
    pub similar_vacancies: Option<SimilarVacancies>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub alternate_url: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub skill_set: Vec<String>,
    /// Free-text "about my skills".
    #[serde(default)]
    pub skills: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub experience: Vec<ResumeExperience>,
    #[serde(default, deserialize_with = "null_default")]
    pub professional_roles: Vec<IdName>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub employment_form: Vec<IdName>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub work_format: Vec<IdName>,
    /// Deprecated lists, still sent by hh.ru and by older resumes.
    #[serde(default, deserialize_with = "null_default")]
    pub employments: Vec<IdName>,
    #[serde(default, deserialize_with = "null_default")]
    pub schedules: Vec<IdName>,
    /// Education is deeply nested and used only for display: kept raw.
    #[serde(default)]
    pub education: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "null_default")]
    pub language: Vec<Language>,
    /// When hh.ru next allows raising (re-publishing) the resume; a past time means now.
    #[serde(default)]
    pub next_publish_at: Option<String>,
    /// False while the resume cannot be published at all (unfinished, blocked) or not yet raised again.
    #[serde(default, deserialize_with = "flag")]
    pub can_publish_or_update: Option<bool>,
}

/// Legacy vacancy salary (`salary`, deprecated) and the search `salary` filter shape.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Salary {
    #[serde(default)]
    pub from: Option<u64>,
    #[serde(default)]
    pub to: Option<u64>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub gross: Option<bool>,
}

/// The current vacancy salary (`salary_range`): adds the pay period (`mode`) and `frequency`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SalaryRange {
    #[serde(default)]
    pub from: Option<u64>,
    #[serde(default)]
    pub to: Option<u64>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub gross: Option<bool>,
    #[serde(default)]
    pub mode: Option<IdName>,
    #[serde(default)]
    pub frequency: Option<IdName>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Employer {
    #[serde(default, deserialize_with = "opt_id_string")]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub trusted: Option<bool>,
    #[serde(default)]
    pub alternate_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct KeySkill {
    #[serde(default)]
    pub name: String,
}

/// Search items carry only this instead of a description; text has `<highlighttext>` tags.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Snippet {
    #[serde(default)]
    pub requirement: Option<String>,
    #[serde(default)]
    pub responsibility: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct VacancyTest {
    #[serde(default, deserialize_with = "flag")]
    pub required: Option<bool>,
}

/// A vacancy: a `GET /vacancies` search item (no `description`, no `key_skills`, has `snippet`)
/// or a full `GET /vacancies/{id}` answer. Both the current (`salary_range`, `work_format`,
/// `employment_form`) and the deprecated (`salary`, `schedule`, `employment`) fields are read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Vacancy {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub branded_description: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub key_skills: Vec<KeySkill>,
    #[serde(default)]
    pub snippet: Option<Snippet>,
    #[serde(default)]
    pub salary_range: Option<SalaryRange>,
    #[serde(default)]
    pub salary: Option<Salary>,
    #[serde(default)]
    pub experience: Option<IdName>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub employment_form: Vec<IdName>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub work_format: Vec<IdName>,
    #[serde(default)]
    pub schedule: Option<IdName>,
    #[serde(default)]
    pub employment: Option<IdName>,
    #[serde(default)]
    pub area: Option<Area>,
    #[serde(default)]
    pub employer: Option<Employer>,
    #[serde(default, deserialize_with = "flag")]
    pub response_letter_required: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub has_test: Option<bool>,
    #[serde(default)]
    pub test: Option<VacancyTest>,
    #[serde(default, deserialize_with = "flag")]
    pub archived: Option<bool>,
    #[serde(default, rename = "type")]
    pub vacancy_type: Option<IdName>,
    #[serde(default)]
    pub response_url: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub relations: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub professional_roles: Vec<IdName>,
    #[serde(default)]
    pub alternate_url: Option<String>,
    #[serde(default)]
    pub apply_alternate_url: Option<String>,
    #[serde(default)]
    pub published_at: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

impl Vacancy {
    /// The salary in the current shape, falling back to the deprecated `salary`.
    pub fn salary_range_or_legacy(&self) -> Option<SalaryRange> {
        if let Some(range) = &self.salary_range {
            return Some(range.clone());
        }
        self.salary.as_ref().map(|s| SalaryRange {
            from: s.from,
            to: s.to,
            currency: s.currency.clone(),
            gross: s.gross,
            mode: None,
            frequency: None,
        })
    }

    /// Work format ids (`ON_SITE`, `REMOTE`, `HYBRID`, `FIELD_WORK`); when only the deprecated
    /// `schedule` is present it is folded in (`remote` → `REMOTE`, `fullDay`/`shift`/`flyInFlyOut` → `ON_SITE`).
    pub fn work_formats(&self) -> Vec<String> {
        if !self.work_format.is_empty() {
            return self.work_format.iter().map(|f| f.id.clone()).collect();
        }
        self.schedule
            .as_ref()
            .and_then(|s| work_format_for_schedule(&s.id))
            .map(|f| vec![f.to_owned()])
            .unwrap_or_default()
    }

    /// Employment form ids (`FULL`, `PART`, `PROJECT`, `FLY_IN_FLY_OUT`), folding the deprecated `employment`.
    pub fn employment_forms(&self) -> Vec<String> {
        if !self.employment_form.is_empty() {
            return self.employment_form.iter().map(|f| f.id.clone()).collect();
        }
        self.employment
            .as_ref()
            .and_then(|e| employment_form_for_employment(&e.id))
            .map(|f| vec![f.to_owned()])
            .unwrap_or_default()
    }

    /// A mandatory test cannot be answered through the API.
    pub fn test_required(&self) -> bool {
        self.test.as_ref().and_then(|t| t.required).unwrap_or(false)
    }

    /// `type.id` is `direct`: replies go to the employer's own site.
    pub fn is_direct(&self) -> bool {
        self.vacancy_type.as_ref().is_some_and(|t| t.id == "direct")
    }
}

/// Deprecated `schedule` id → current `work_format` id, where the meaning carries over.
pub fn work_format_for_schedule(schedule: &str) -> Option<&'static str> {
    match schedule {
        "remote" => Some("REMOTE"),
        "fullDay" | "shift" | "flyInFlyOut" => Some("ON_SITE"),
        _ => None,
    }
}

/// Current `work_format` id → deprecated `schedule` id, where the meaning carries over.
pub fn schedule_for_work_format(work_format: &str) -> Option<&'static str> {
    match work_format {
        "REMOTE" => Some("remote"),
        _ => None,
    }
}

/// Deprecated `employment` id → current `employment_form` id.
pub fn employment_form_for_employment(employment: &str) -> Option<&'static str> {
    match employment {
        "full" => Some("FULL"),
        "part" => Some("PART"),
        "project" => Some("PROJECT"),
        _ => None,
    }
}

/// Current `employment_form` id → deprecated `employment` id.
pub fn employment_for_employment_form(form: &str) -> Option<&'static str> {
    match form {
        "FULL" => Some("full"),
        "PART" => Some("part"),
        "PROJECT" => Some("project"),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NegotiationCounters {
    #[serde(default)]
    pub messages: Option<u32>,
    #[serde(default)]
    pub unread_messages: Option<u32>,
}

/// The resume a negotiation was made with (`{id, title}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResumeRef {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// A `GET /negotiations` item or `GET /negotiations/{id}`. `state.id`: response|invitation|discard|hidden.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Negotiation {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub state: Option<IdName>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub has_updates: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub viewed_by_opponent: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub hidden: Option<bool>,
    #[serde(default)]
    pub counters: Option<NegotiationCounters>,
    /// May be `null` (the vacancy was deleted).
    #[serde(default)]
    pub vacancy: Option<Vacancy>,
    #[serde(default)]
    pub resume: Option<ResumeRef>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MessageAuthor {
    /// `applicant` or `employer`.
    #[serde(default)]
    pub participant_type: Option<String>,
}

/// `GET /negotiations/{nid}/messages` item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NegotiationMessage {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub state: Option<IdName>,
    #[serde(default)]
    pub author: Option<MessageAuthor>,
    #[serde(default, deserialize_with = "flag")]
    pub viewed_by_me: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub viewed_by_opponent: Option<bool>,
}

/// `GET /saved_searches/vacancies` item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SavedSearch {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub subscription: Option<bool>,
    #[serde(default)]
    pub items: Option<CountUrl>,
    #[serde(default)]
    pub new_items: Option<CountUrl>,
}

/// `POST https://api.hh.ru/token` success.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(default)]
    pub token_type: Option<String>,
    /// Seconds; hh.ru gives 1209600 (14 days).
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// The token endpoint's error (RFC 6749 §5.2): `{"error", "error_description"}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OAuthErrorBody {
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
}

/// One item of an API error envelope.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApiErrorItem {
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub captcha_url: Option<String>,
    #[serde(default)]
    pub fallback_url: Option<String>,
}

/// The API error envelope: `{"errors":[{type,value}], "request_id", "description", "oauth_error"}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    #[serde(default, deserialize_with = "null_default")]
    pub errors: Vec<ApiErrorItem>,
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Hyphenated legacy form, e.g. `token-expired`.
    #[serde(default)]
    pub oauth_error: Option<String>,
}

/// `GET /vacancies/{id}/resumes_by_status`: which of the user's resumes can reply to a vacancy.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResumesByStatus {
    #[serde(default, deserialize_with = "null_default")]
    pub suitable: Vec<Resume>,
    #[serde(default, deserialize_with = "null_default")]
    pub already_applied: Vec<Resume>,
    #[serde(default, deserialize_with = "null_default")]
    pub not_published: Vec<Resume>,
    #[serde(default, deserialize_with = "null_default")]
    pub unavailable: Vec<Resume>,
}

/// `GET /dictionaries`, `GET /areas`: large, display-only, kept untyped.
pub type Dictionaries = serde_json::Value;

/// Reads `null` as the type's default (hh.ru sends `null` for empty lists now and then).
fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads `null`, one object or a list of objects as a list (vacancies send one `employment_form`, resumes a list).
fn one_or_many<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    Ok(match Option::<OneOrMany<T>>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::One(one)) => vec![one],
        Some(OneOrMany::Many(many)) => many,
    })
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Int(i64),
    Float(f64),
}

impl StringOrNumber {
    fn into_string(self) -> String {
        match self {
            StringOrNumber::String(s) => s,
            StringOrNumber::Int(n) => n.to_string(),
            StringOrNumber::Float(n) => n.to_string(),
        }
    }
}

/// Booleans, also as `"true"`/`"false"` strings (hh.ru's own docs show `"archived": "false"`).
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(deserializer)? {
        Some(Flag::Bool(b)) => Some(b),
        Some(Flag::Text(t)) => t.trim().parse().ok(),
        None => None,
    })
}

/// Ids are strings in hh.ru's schema, but some old answers send numbers.
fn id_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(opt_id_string(deserializer)?.unwrap_or_default())
}

fn opt_id_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<StringOrNumber>::deserialize(deserializer)?.map(StringOrNumber::into_string))
}
