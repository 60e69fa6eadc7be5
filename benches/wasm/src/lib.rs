//! Exports for timing matching in wasm: the host copies JSON into memory (`alloc`, `load`), then calls
//! `score_full` / `score_cards` and measures the time itself (wasm has no clock of its own here).

use std::cell::RefCell;

use hh_job_agent::matching::{
    score_card, score_vacancy, AliasTable, CardFacts, PreparedResume, ResumeFacts, VacancyFacts,
};
use serde_json::Value;

#[derive(Default)]
struct State {
    resume: Option<PreparedResume>,
    vacancies: Vec<VacancyFacts>,
    cards: Vec<CardFacts>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
    static BUFFERS: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// Reserves `len` bytes for the host to write into; the pointer stays valid until `load`.
#[no_mangle]
pub extern "C" fn alloc(len: u32) -> *mut u8 {
    let mut buf = vec![0u8; len as usize];
    let ptr = buf.as_mut_ptr();
    BUFFERS.with(|b| b.borrow_mut().push(buf));
    ptr
}

/// Parses the JSON the host wrote at `ptr`: kind 0 = a resume, 1 = a list of full vacancies,
/// 2 = a list of search items. Returns how many items were loaded (0 on bad input).
#[no_mangle]
pub extern "C" fn load(kind: u32, ptr: *const u8) -> u32 {
    let bytes = BUFFERS.with(|b| {
        let mut buffers = b.borrow_mut();
        let index = buffers.iter().position(|buf| buf.as_ptr() == ptr);
        index.map(|i| buffers.swap_remove(i))
    });
    let Some(bytes) = bytes else { return 0 };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return 0;
    };
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let items = value.as_array().cloned().unwrap_or_default();
        match kind {
            0 => {
                state.resume = Some(PreparedResume::new(
                    &ResumeFacts::from_api_json(&value),
                    &AliasTable::builtin(),
                ));
                1
            }
            1 => {
                state.vacancies = items.iter().map(VacancyFacts::from_api_json).collect();
                state.vacancies.len() as u32
            }
            2 => {
                state.cards = items.iter().map(CardFacts::from_search_item_json).collect();
                state.cards.len() as u32
            }
            _ => 0,
        }
    })
}

/// Scores every loaded vacancy `rounds` times; returns the sum of scores (so nothing is optimised away).
#[no_mangle]
pub extern "C" fn score_full(rounds: u32) -> u32 {
    STATE.with(|s| {
        let state = s.borrow();
        let Some(resume) = state.resume.as_ref() else {
            return 0;
        };
        let mut sum = 0u32;
        for _ in 0..rounds {
            for v in &state.vacancies {
                sum = sum.wrapping_add(score_vacancy(resume, v).score as u32);
            }
        }
        sum
    })
}

/// Scores every loaded card `rounds` times; returns the sum of scores.
#[no_mangle]
pub extern "C" fn score_cards(rounds: u32) -> u32 {
    STATE.with(|s| {
        let state = s.borrow();
        let Some(resume) = state.resume.as_ref() else {
            return 0;
        };
        let mut sum = 0u32;
        for _ in 0..rounds {
            for c in &state.cards {
                sum = sum.wrapping_add(score_card(resume, c).score as u32);
            }
        }
        sum
    })
}
