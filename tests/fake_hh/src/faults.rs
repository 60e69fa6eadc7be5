//! Injected faults: rules the control API installs so tests can see 429/5xx, non-JSON bodies, captchas,
//! expired tokens, a missing scope or slow answers on chosen paths.

use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Status,
    NonJson,
    CaptchaRequired,
    TokenExpired,
    NoScope,
    LatencyMs,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "status" => Kind::Status,
            "non_json" => Kind::NonJson,
            "captcha_required" => Kind::CaptchaRequired,
            "token_expired" => Kind::TokenExpired,
            "no_scope" => Kind::NoScope,
            "latency_ms" => Kind::LatencyMs,
            _ => return None,
        })
    }

    fn name(&self) -> &'static str {
        match self {
            Kind::Status => "status",
            Kind::NonJson => "non_json",
            Kind::CaptchaRequired => "captcha_required",
            Kind::TokenExpired => "token_expired",
            Kind::NoScope => "no_scope",
            Kind::LatencyMs => "latency_ms",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub path: Option<String>,
    pub path_prefix: Option<String>,
    pub method: Option<String>,
    pub host: Option<String>,
    pub kind: Kind,
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    pub ms: u64,
    pub body: Option<String>,
    /// `latency_ms` only: handle the request first and delay just the answer, so a client that gives up
    /// still leaves its request done (a lost answer rather than a slow queue).
    pub after_handling: bool,
    /// None: every time.
    pub remaining: Option<u64>,
    pub hits: u64,
}

/// What a matching rule does to the request.
pub enum Action {
    Delay { ms: u64, after_handling: bool },
    Respond(Rule),
}

fn opt_str(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" must be a string")),
    }
}

fn opt_u64(obj: &Map<String, Value>, key: &str) -> Result<Option<u64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("\"{key}\" must be a non-negative integer")),
    }
}

impl Rule {
    pub fn parse(value: &Value) -> Result<Rule, String> {
        let obj = value.as_object().ok_or("a fault rule must be an object")?;
        let kind_name = opt_str(obj, "kind")?.ok_or("a fault rule needs \"kind\"")?;
        let kind = Kind::parse(&kind_name).ok_or_else(|| {
            format!("unknown fault kind \"{kind_name}\" (status, non_json, captcha_required, token_expired, no_scope, latency_ms)")
        })?;
        let remaining = match obj.get("times") {
            None | Some(Value::Null) => Some(1),
            Some(Value::String(s)) if s == "always" => None,
            Some(v) => Some(
                v.as_u64()
                    .ok_or("\"times\" must be a number or \"always\"")?,
            ),
        };
        let status = match opt_u64(obj, "status")? {
            Some(code) if !(100..=599).contains(&code) => {
                return Err(format!("\"status\" {code} is not an HTTP status"))
            }
            other => other.map(|c| c as u16),
        };
        Ok(Rule {
            path: opt_str(obj, "path")?,
            path_prefix: opt_str(obj, "path_prefix")?,
            method: opt_str(obj, "method")?.map(|m| m.to_uppercase()),
            host: opt_str(obj, "host")?.map(|h| h.to_lowercase()),
            kind,
            status,
            retry_after: opt_u64(obj, "retry_after")?,
            ms: opt_u64(obj, "ms")?.unwrap_or(1000),
            body: opt_str(obj, "body")?,
            after_handling: match obj.get("after_handling") {
                None | Some(Value::Null) => false,
                Some(v) => v
                    .as_bool()
                    .ok_or("\"after_handling\" must be true or false")?,
            },
            remaining,
            hits: 0,
        })
    }

    fn matches(&self, method: &str, host: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self.host.as_deref().is_none_or(|h| h == host)
            && self.path.as_deref().is_none_or(|p| p == path)
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|p| path.starts_with(p))
    }

    pub fn to_json(&self) -> Value {
        json!({
            "path": self.path, "path_prefix": self.path_prefix, "method": self.method, "host": self.host,
            "kind": self.kind.name(), "status": self.status, "retry_after": self.retry_after, "ms": self.ms,
            "body": self.body, "after_handling": self.after_handling,
            "times": match self.remaining { Some(n) => json!(n), None => json!("always") },
            "hits": self.hits,
        })
    }
}

/// The first live rule for this request, used up by one.
pub fn take(rules: &mut Vec<Rule>, method: &str, host: &str, path: &str) -> Option<Action> {
    let index = rules
        .iter()
        .position(|r| r.remaining != Some(0) && r.matches(method, host, path))?;
    let rule = &mut rules[index];
    rule.hits += 1;
    if let Some(n) = rule.remaining.as_mut() {
        *n -= 1;
    }
    let rule = rule.clone();
    rules.retain(|r| r.remaining != Some(0));
    Some(match rule.kind {
        Kind::LatencyMs => Action::Delay {
            ms: rule.ms,
            after_handling: rule.after_handling,
        },
        _ => Action::Respond(rule),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_and_run_out() {
        let rule = Rule::parse(&json!({ "path_prefix": "/negotiations", "method": "post", "kind": "status", "status": 503, "times": 2 }))
            .unwrap();
        let mut rules = vec![rule];
        assert!(take(&mut rules, "GET", "api.hh.ru", "/negotiations").is_none());
        assert!(take(&mut rules, "POST", "api.hh.ru", "/negotiations").is_some());
        assert!(take(&mut rules, "POST", "api.hh.ru", "/negotiations").is_some());
        assert!(take(&mut rules, "POST", "api.hh.ru", "/negotiations").is_none());
        assert!(rules.is_empty());
        assert!(Rule::parse(&json!({ "kind": "boom" })).is_err());
        assert!(Rule::parse(&json!({ "kind": "status", "times": "sometimes" })).is_err());
        let late =
            Rule::parse(&json!({ "kind": "latency_ms", "ms": 5, "after_handling": true })).unwrap();
        assert!(matches!(
            take(&mut vec![late], "POST", "api.hh.ru", "/negotiations"),
            Some(Action::Delay {
                ms: 5,
                after_handling: true
            })
        ));
        assert!(Rule::parse(&json!({ "kind": "latency_ms", "after_handling": "yes" })).is_err());
    }
}
