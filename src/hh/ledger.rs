//! The reply ledger: every reply sent, the rolling 24-hour count, and refusal before the cap is crossed.
//!
//! hh.ru allows 200 replies in any rolling 24 hours and offers no endpoint for the remaining quota,
//! so it is counted here from our own log merged with `GET /negotiations` `created_at`.

use serde::{Deserialize, Serialize};

use super::error::HhError;
use super::models::Negotiation;

pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// hh.ru's own limit.
pub const HARD_CAP: u32 = 200;

/// One reply. Matched to others by vacancy id or negotiation id, so a reply is never counted twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRecord {
    pub vacancy_id: Option<String>,
    pub negotiation_id: Option<String>,
    pub sent_at_ms: u64,
}

impl ReplyRecord {
    fn same_reply(&self, other: &ReplyRecord) -> bool {
        let same =
            |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if a == b);
        same(&self.vacancy_id, &other.vacancy_id)
            || same(&self.negotiation_id, &other.negotiation_id)
    }
}

/// Serialisable; the worker keeps it in `chrome.storage.local`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyLedger {
    records: Vec<ReplyRecord>,
    /// The user's own, lower cap (never above [`HARD_CAP`]).
    user_cap: u32,
}

impl Default for ReplyLedger {
    fn default() -> Self {
        ReplyLedger::new(HARD_CAP)
    }
}

impl ReplyLedger {
    pub fn new(user_cap: u32) -> Self {
        ReplyLedger {
            records: Vec::new(),
            user_cap: user_cap.min(HARD_CAP),
        }
    }

    pub fn set_user_cap(&mut self, cap: u32) {
        self.user_cap = cap.min(HARD_CAP);
    }

    /// The cap in force: the user's, never above hh.ru's 200.
    pub fn cap(&self) -> u32 {
        self.user_cap.min(HARD_CAP)
    }

    pub fn records(&self) -> &[ReplyRecord] {
        &self.records
    }

    /// Adds a reply, or merges it with a known one (keeping the earlier time). Returns true if new.
    pub fn record(&mut self, reply: ReplyRecord) -> bool {
        if let Some(known) = self.records.iter_mut().find(|r| r.same_reply(&reply)) {
            known.sent_at_ms = known.sent_at_ms.min(reply.sent_at_ms);
            known.vacancy_id = known.vacancy_id.take().or(reply.vacancy_id);
            known.negotiation_id = known.negotiation_id.take().or(reply.negotiation_id);
            return false;
        }
        self.records.push(reply);
        true
    }

    /// Merges hh.ru's list of negotiations (their `created_at`); returns how many replies were new.
    pub fn reconcile(&mut self, negotiations: &[Negotiation]) -> usize {
        negotiations
            .iter()
            .filter_map(|n| {
                let sent_at_ms = parse_hh_time_ms(n.created_at.as_deref()?)?;
                let vacancy_id = n
                    .vacancy
                    .as_ref()
                    .map(|v| v.id.clone())
                    .filter(|id| !id.is_empty());
                let negotiation_id = Some(n.id.clone()).filter(|id| !id.is_empty());
                Some(ReplyRecord {
                    vacancy_id,
                    negotiation_id,
                    sent_at_ms,
                })
            })
            .filter(|record| self.record(record.clone()))
            .count()
    }

    /// Drops replies that left the window (they no longer count).
    pub fn prune(&mut self, now_ms: u64) {
        self.records.retain(|r| in_window(r.sent_at_ms, now_ms));
    }

    /// Replies in the 24 hours before `now_ms`; a reply exactly 24 h old no longer counts.
    pub fn count_in_window(&self, now_ms: u64) -> u32 {
        let count = self
            .records
            .iter()
            .filter(|r| in_window(r.sent_at_ms, now_ms))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    pub fn remaining(&self, now_ms: u64) -> u32 {
        self.cap().saturating_sub(self.count_in_window(now_ms))
    }

    /// `Ok` if one more reply fits now; otherwise says when the next one becomes possible.
    pub fn check(&self, now_ms: u64) -> Result<(), HhError> {
        let mut times: Vec<u64> = self
            .records
            .iter()
            .map(|r| r.sent_at_ms)
            .filter(|&t| in_window(t, now_ms))
            .collect();
        let used = u32::try_from(times.len()).unwrap_or(u32::MAX);
        let cap = self.cap();
        if used < cap {
            return Ok(());
        }
        times.sort_unstable();
        // One more fits once `used - cap + 1` of the oldest replies have left the window.
        let leaving = (used - cap) as usize;
        let next_possible_at_ms = times.get(leaving).map_or(now_ms, |t| t + DAY_MS);
        Err(HhError::ReplyQuotaReached {
            used,
            cap,
            next_possible_at_ms,
        })
    }
}

fn in_window(sent_at_ms: u64, now_ms: u64) -> bool {
    sent_at_ms <= now_ms && now_ms < sent_at_ms.saturating_add(DAY_MS)
}

/// Parses hh.ru times: `2013-10-05T19:51:38+0400`, `…+04:00`, `…Z`, optional fractional seconds.
pub fn parse_hh_time_ms(text: &str) -> Option<u64> {
    let text = text.trim();
    let (date, rest) = text.split_once('T')?;
    let mut date_parts = date.split('-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: u32 = date_parts.next()?.parse().ok()?;
    let day: u32 = date_parts.next()?.parse().ok()?;
    let zone_at = rest.find(['+', '-', 'Z']).unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut hms_parts = hms.split(':');
    let hour: i64 = hms_parts.next()?.parse().ok()?;
    let minute: i64 = hms_parts.next()?.parse().ok()?;
    let second: i64 = hms_parts.next().unwrap_or("0").parse().ok()?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let millis: i64 = fraction
        .chars()
        .chain(std::iter::repeat('0'))
        .take(3)
        .collect::<String>()
        .parse()
        .ok()?;
    let offset_s = match zone {
        "" | "Z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 {
                return None;
            }
            let hours: i64 = digits[..2].parse().ok()?;
            let minutes: i64 = digits[2..].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_s;
    u64::try_from(seconds * 1000 + millis).ok()
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hh::models::Vacancy;

    const T0: u64 = 1_700_000_000_000;

    fn reply(vacancy: &str, at: u64) -> ReplyRecord {
        ReplyRecord {
            vacancy_id: Some(vacancy.into()),
            negotiation_id: None,
            sent_at_ms: at,
        }
    }

    #[test]
    fn parses_hh_time_formats() {
        assert_eq!(parse_hh_time_ms("1970-01-01T00:00:00+0000"), Some(0));
        assert_eq!(parse_hh_time_ms("1970-01-01T03:00:00+0300"), Some(0));
        assert_eq!(parse_hh_time_ms("1970-01-01T03:00:00+03:00"), Some(0));
        assert_eq!(
            parse_hh_time_ms("1970-01-02T00:00:00.250Z"),
            Some(86_400_250)
        );
        assert_eq!(
            parse_hh_time_ms("2013-10-05T19:51:38+0400"),
            Some(1_380_988_298_000)
        );
        assert_eq!(parse_hh_time_ms("вчера"), None);
        assert_eq!(parse_hh_time_ms("2013-13-05T19:51:38+0400"), None);
    }

    #[test]
    fn a_reply_counts_for_exactly_24_hours() {
        let mut ledger = ReplyLedger::default();
        ledger.record(reply("1", T0));
        assert_eq!(ledger.count_in_window(T0), 1);
        assert_eq!(ledger.count_in_window(T0 + DAY_MS - 1), 1);
        assert_eq!(ledger.count_in_window(T0 + DAY_MS), 0);
    }

    #[test]
    fn refuses_at_the_cap_and_names_the_next_possible_time() {
        let mut ledger = ReplyLedger::new(3);
        ledger.record(reply("a", T0));
        ledger.record(reply("b", T0 + 1000));
        assert!(ledger.check(T0 + 2000).is_ok());
        ledger.record(reply("c", T0 + 2000));
        assert_eq!(
            ledger.check(T0 + 5000),
            Err(HhError::ReplyQuotaReached {
                used: 3,
                cap: 3,
                next_possible_at_ms: T0 + DAY_MS
            })
        );
        assert!(ledger.check(T0 + DAY_MS - 1).is_err());
        assert!(
            ledger.check(T0 + DAY_MS).is_ok(),
            "the oldest left the window exactly at 24 h"
        );
    }

    #[test]
    fn the_hard_cap_of_200_wins_over_a_higher_user_cap() {
        let mut ledger = ReplyLedger::new(500);
        assert_eq!(ledger.cap(), 200);
        for i in 0..200 {
            ledger.record(reply(&i.to_string(), T0 + i));
        }
        assert_eq!(ledger.remaining(T0 + 500), 0);
        assert!(matches!(
            ledger.check(T0 + 500),
            Err(HhError::ReplyQuotaReached { used: 200, cap: 200, next_possible_at_ms }) if next_possible_at_ms == T0 + DAY_MS
        ));
    }

    #[test]
    fn lowering_the_cap_below_the_count_waits_for_enough_replies_to_leave() {
        let mut ledger = ReplyLedger::new(10);
        for (i, t) in [0u64, 10, 20, 30].iter().enumerate() {
            ledger.record(reply(&i.to_string(), T0 + t));
        }
        ledger.set_user_cap(2);
        // 4 used, cap 2: three must leave, the third leaves at T0 + 20 + 24 h.
        assert!(matches!(
            ledger.check(T0 + 40),
            Err(HhError::ReplyQuotaReached { next_possible_at_ms, .. }) if next_possible_at_ms == T0 + 20 + DAY_MS
        ));
    }

    #[test]
    fn reconcile_merges_by_vacancy_without_double_counting() {
        let mut ledger = ReplyLedger::default();
        ledger.record(reply("111", T0));
        let from_hh = |id: &str, vacancy: Option<&str>, created: &str| Negotiation {
            id: id.into(),
            created_at: Some(created.into()),
            vacancy: vacancy.map(|v| Vacancy {
                id: v.into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let listed = [
            from_hh("n1", Some("111"), "2023-11-14T22:13:19+0000"),
            from_hh("n2", Some("222"), "2023-11-14T22:00:00+0000"),
            from_hh("n3", None, "2023-11-14T21:00:00+0000"),
            from_hh("n4", Some("444"), "not a time"),
        ];
        assert_eq!(ledger.reconcile(&listed), 2);
        assert_eq!(ledger.reconcile(&listed), 0, "a second merge adds nothing");
        assert_eq!(ledger.count_in_window(T0 + 1000), 3);
        let merged = ledger
            .records()
            .iter()
            .find(|r| r.vacancy_id.as_deref() == Some("111"))
            .unwrap();
        assert_eq!(merged.negotiation_id.as_deref(), Some("n1"));
    }

    #[test]
    fn prune_and_serialisation_keep_only_what_counts() {
        let mut ledger = ReplyLedger::new(50);
        ledger.record(reply("old", T0));
        ledger.record(reply("new", T0 + DAY_MS));
        ledger.prune(T0 + DAY_MS);
        assert_eq!(ledger.records().len(), 1);
        let json = serde_json::to_string(&ledger).unwrap();
        assert_eq!(serde_json::from_str::<ReplyLedger>(&json).unwrap(), ledger);
    }
}
