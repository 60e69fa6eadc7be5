//! The page channel's account: the resume, the replies and the quota read from hh.ru's pages (the fake's
//! pages kept in `tests/fixtures/pages/`), a lost hh.ru session, a changed page, and skills set by hand.

use super::*;
use crate::protocol::{Channel, ReplySummary};

const PYTHON_RESUME: &str = "7e1f3c9a0b2d4c6e8f1a3b5c7d9e0f2a4b6c8d";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/pages/{name}.html")).unwrap()
}

/// hh.ru's site as the user's session sees it: path → page (after `edit`), the login page for the rest.
fn site(platform: &FakePlatform, edit: fn(&str, String) -> String) {
    platform.api.borrow_mut().intercept = Some(Rc::new(move |request: &HttpRequest| {
        if !request.site_session {
            return None;
        }
        let page = match request.path() {
            "/applicant/resumes" => "resumes",
            "/applicant/negotiations" => "negotiations",
            p if p == format!("/resume/{PYTHON_RESUME}") => "resume_python",
            _ => "login",
        };
        let final_url = match page {
            "login" => "https://hh.ru/account/login?backurl=%2F".to_string(),
            _ => request.url.clone(),
        };
        Some(
            HttpResponse::new(200, edit(page, fixture(page)))
                .with_header(crate::hh::request::FINAL_URL_HEADER, &final_url),
        )
    }));
}

fn as_is(_: &str, html: String) -> String {
    html
}

fn page_channel() -> (FakePlatform, Agent<FakePlatform>) {
    let platform = FakePlatform::new();
    let agent = Agent::new(platform.clone());
    (platform, agent)
}

#[test]
fn the_resume_replies_and_quota_come_from_hh_pages() {
    let (platform, agent) = page_channel();
    site(&platform, as_is);
    let status = status(&agent);
    assert_eq!(status.channel, Channel::Pages);
    assert_eq!(status.site_problem, None);
    assert_eq!(status.resumes.len(), 2);
    assert_eq!(status.chosen_resume.as_deref(), Some(PYTHON_RESUME));
    let profile = status.profile.expect("the resume read from its page");
    assert!(
        profile.skills.iter().any(|s| s == "Python"),
        "{:?}",
        profile.skills
    );
    assert!(profile.experience_months.unwrap_or(0) > 12);
    // «сегодня» and «вчера» may be within 24 hours; older dates are not.
    assert_eq!(status.quota.used, 2);
    let Response::RecentReplies { replies } = block_on(agent.handle(Request::GetRecentReplies))
    else {
        panic!()
    };
    let states: Vec<&str> = replies
        .iter()
        .map(|r: &ReplySummary| r.state.as_str())
        .collect();
    assert_eq!(states, ["invitation", "discard", "viewed", "response"]);
    assert!(replies
        .iter()
        .all(|r| !r.vacancy_name.is_empty() && r.url.contains("/vacancy/")));
    // Read once, not on every popup.
    let reads = platform.api.borrow().requests.len();
    super::status(&agent);
    assert_eq!(platform.api.borrow().requests.len(), reads);
}

#[test]
fn a_lost_hh_session_is_said_with_the_login_page() {
    let (platform, agent) = page_channel();
    site(&platform, |_, _| fixture("login"));
    let status = status(&agent);
    let problem = status.site_problem.expect("explained");
    assert_eq!(problem.code, "site_login_required");
    assert_eq!(problem.url.as_deref(), Some("https://hh.ru/account/login"));
    assert!(status.resumes.is_empty());
}

#[test]
fn a_changed_resume_page_is_named_by_the_health_check() {
    let (platform, agent) = page_channel();
    site(&platform, |page, html| match page {
        "resume_python" => html.replace("resume-personal-name", "resume-person-name"),
        _ => html,
    });
    let status = status(&agent);
    assert_eq!(
        status.site_problem.map(|p| p.code).as_deref(),
        Some("page_changed")
    );
    assert!(
        status
            .page_problems
            .iter()
            .any(|p| p.starts_with("Страница резюме") && p.contains("resume.name")),
        "{:?}",
        status.page_problems
    );
}

#[test]
fn skills_set_by_hand_replace_the_resumes_until_reset() {
    let (platform, agent) = page_channel();
    site(&platform, as_is);
    let before = status(&agent).profile.unwrap();
    let edited = block_on(agent.handle(Request::SaveSkills {
        resume_id: PYTHON_RESUME.into(),
        skills: Some(vec![
            " Rust ".into(),
            "rust".into(),
            "".into(),
            "Tokio".into(),
        ]),
    }));
    let Response::Status { status: edited } = edited else {
        panic!("{edited:?}")
    };
    let profile = edited.profile.unwrap();
    assert_eq!(profile.skills, ["Rust", "Tokio"]);
    assert!(profile.skills_edited);
    // A new worker life keeps them.
    let restarted = Agent::new(platform.clone());
    assert_eq!(
        status(&restarted).profile.unwrap().skills,
        ["Rust", "Tokio"]
    );
    let empty = block_on(restarted.handle(Request::SaveSkills {
        resume_id: PYTHON_RESUME.into(),
        skills: Some(vec![" ".into()]),
    }));
    assert!(matches!(empty, Response::Error { error } if error.code == "skills_empty"));
    block_on(restarted.handle(Request::SaveSkills {
        resume_id: PYTHON_RESUME.into(),
        skills: None,
    }));
    let back = status(&restarted).profile.unwrap();
    assert_eq!(back.skills, before.skills);
    assert!(!back.skills_edited);
}

#[test]
fn the_api_channel_is_used_again_as_soon_as_it_works() {
    let (platform, _) = logged_in();
    // A previous worker life was refused applicant access.
    platform
        .store
        .borrow_mut()
        .insert(keys::API_REFUSED.into(), json!(true));
    let agent = Agent::new(platform.clone());
    assert_eq!(status(&agent).channel, Channel::Pages);
    // The popup's refresh asks hh.ru again: now it answers.
    let Response::Status { status } = block_on(agent.handle(Request::Refresh)) else {
        panic!()
    };
    assert_eq!(status.channel, Channel::Api);
    assert_eq!(platform.store.borrow().get(keys::API_REFUSED), None);
}
