//! No request the client builds contradicts hh.ru's OpenAPI spec (`shared/hh-api/openapi-2025-12.yml`).

use serde_yaml::Value;

use super::shared;
use crate::hh::request::*;

struct Spec {
    root: Value,
}

impl Spec {
    fn load() -> Spec {
        let root: Value =
            serde_yaml::from_str(&shared("hh-api/openapi-2025-12.yml")).expect("the spec is YAML");
        Spec { root }
    }

    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let mut node = &self.root;
                for part in reference.trim_start_matches("#/").split('/') {
                    node = &node[part];
                }
                node
            }
            None => value,
        }
    }

    /// The spec path template matching a concrete path; literal segments win over `{params}`.
    fn template_for(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let paths = self.root["paths"].as_mapping()?;
        paths
            .keys()
            .filter_map(Value::as_str)
            .filter_map(|template| {
                let parts: Vec<&str> = template.trim_matches('/').split('/').collect();
                if parts.len() != segments.len() {
                    return None;
                }
                let mut literal = 0;
                for (part, segment) in parts.iter().zip(&segments) {
                    if part.starts_with('{') {
                        continue;
                    }
                    if part != segment {
                        return None;
                    }
                    literal += 1;
                }
                Some((literal, template))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, template)| template.to_owned())
    }

    fn parameters(&self, template: &str, method: &str, location: &str) -> Vec<String> {
        let path_item = &self.root["paths"][template];
        let operation = &path_item[method];
        [&operation["parameters"], &path_item["parameters"]]
            .into_iter()
            .filter_map(Value::as_sequence)
            .flatten()
            .map(|p| self.resolve(p))
            .filter(|p| p["in"].as_str() == Some(location))
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect()
    }

    fn content_types(&self, template: &str, method: &str) -> Vec<String> {
        let body = self.resolve(&self.root["paths"][template][method]["requestBody"]);
        body["content"]
            .as_mapping()
            .map(|m| {
                m.keys()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Why `request` contradicts the spec, if it does.
    fn check(&self, request: &HttpRequest) -> Result<(), String> {
        let path = request.path();
        let template = self
            .template_for(path)
            .ok_or_else(|| format!("{path} is not in the spec"))?;
        let method = request.method.as_str().to_lowercase();
        if self.root["paths"][template.as_str()][method.as_str()].is_null() {
            return Err(format!("{method} {template} is not in the spec"));
        }
        let query_names = self.parameters(&template, &method, "query");
        if let Some((name, _)) = request
            .query_pairs()
            .into_iter()
            .find(|(name, _)| !query_names.contains(name))
        {
            return Err(format!(
                "{method} {template}: query `{name}` is not in the spec"
            ));
        }
        if let Some(content_type) = request.body.content_type() {
            let media = content_type.split(';').next().unwrap_or("").to_owned();
            let allowed = self.content_types(&template, &method);
            if !allowed.contains(&media) {
                return Err(format!("{method} {template}: {media} not in {allowed:?}"));
            }
        }
        Ok(())
    }
}

#[test]
fn the_spec_check_catches_contradictions() {
    let spec = Spec::load();
    let r = Requests::default();
    let mut wrong_param = r.vacancy("1");
    wrong_param.url.push_str("?work_formats=REMOTE");
    assert!(spec
        .check(&wrong_param)
        .unwrap_err()
        .contains("work_formats"));
    let mut wrong_method = r.me();
    wrong_method.method = Method::Delete;
    assert!(spec.check(&wrong_method).is_err());
    let mut wrong_path = r.me();
    wrong_path.url = "https://api.hh.ru/negotiations/1/letters".into();
    assert!(spec.check(&wrong_path).is_err());
    let mut json_reply = r.apply("1", "2", "", "b");
    json_reply.body = Body::Form(vec![]);
    assert!(spec
        .check(&json_reply)
        .unwrap_err()
        .contains("application/x-www-form-urlencoded"));
    let mut similar_with_new_filter = r
        .similar_vacancies("abc", &SearchParams::default())
        .unwrap();
    similar_with_new_filter.url.push_str("?work_format=REMOTE");
    assert!(
        spec.check(&similar_with_new_filter).is_err(),
        "similar vacancies take only the legacy filters"
    );
}

#[test]
fn every_built_request_matches_the_spec() {
    let spec = Spec::load();
    let r = Requests::default();
    let search = SearchParams {
        text: Some("rust".into()),
        search_field: vec!["name".into()],
        experience: vec!["noExperience".into()],
        employment_form: vec!["FULL".into()],
        work_format: vec!["REMOTE".into()],
        schedule: vec!["remote".into()],
        employment: vec!["full".into()],
        area: vec!["1".into()],
        professional_role: vec!["96".into()],
        salary: Some(1),
        currency: Some("RUR".into()),
        only_with_salary: Some(true),
        period: Some(3),
        date_from: Some("2025-01-01".into()),
        order_by: Some("relevance".into()),
        page: Some(1),
        per_page: Some(100),
    };
    let negotiations = NegotiationsParams {
        page: Some(0),
        per_page: Some(100),
        order_by: Some("created_at".into()),
        order: Some("desc".into()),
        status: Some("active".into()),
        vacancy_id: Some("1".into()),
    };
    let built = [
        r.me(),
        r.resumes_mine(),
        r.resume("abc"),
        r.similar_vacancies("abc", &search).unwrap(),
        r.search_vacancies(&search).unwrap(),
        r.vacancy("1"),
        r.negotiations(&negotiations).unwrap(),
        r.negotiation("5"),
        r.negotiation_messages("5"),
        r.apply("1", "abc", "letter", "b"),
        r.saved_searches(0, 10).unwrap(),
        r.saved_search_create("name", &search),
        r.saved_search_rename("7", "new"),
        r.saved_search_delete("7"),
        r.dictionaries(),
        r.areas(),
        r.publish_resume("abc"),
        r.logout(),
    ];
    for request in &built {
        assert_eq!(
            spec.check(request),
            Ok(()),
            "{} {}",
            request.method.as_str(),
            request.url
        );
    }
}

#[test]
fn token_endpoint_is_the_one_the_spec_describes() {
    let spec = Spec::load();
    let description = spec.root["info"]["description"].as_str().unwrap_or("");
    assert!(description.contains("POST https://api.hh.ru/token"));
    let app = OAuthApp {
        client_id: "c".into(),
        client_secret: "s".into(),
        redirect_uri: "https://x/".into(),
    };
    for request in [
        Requests::default().token_exchange(&app, "code"),
        Requests::default().token_refresh("r"),
    ] {
        assert_eq!(request.url, "https://api.hh.ru/token");
        assert_eq!(request.method, Method::Post);
        // The spec's token operation (listed under /oauth/token) takes the same form body.
        let media = request.body.content_type().unwrap();
        assert!(spec.content_types("/oauth/token", "post").contains(&media));
    }
}
