//! One save at a time across every tab and window of Troth: the Web Locks API.
//!
//! A save reads the revision, catches up if another tab moved it, and writes. Two tabs in
//! separate processes could otherwise both read the same revision and both write the same new
//! record. `tabs.js` holds a lock named for Troth from the read to the last write, and makes
//! each save wait until this tab's copy of `localStorage` shows the newest revision any tab
//! wrote (the lock manager knows it before the storage copy does).
//!
//! A save that cannot have the lock within [`super::SAVE_PATIENCE_SECS`] (another tab holds it
//! and does not let go) gives up, having changed nothing: [`super::StoreError::Busy`]. The lock
//! request is withdrawn (an `AbortSignal`), and the JS resolves `true` once it saved, `false`
//! once it gave up: once granted, the timer is cleared, so the two never both happen. The
//! save's own input comes back with the refusal, for the page to offer the change as a file.
//!
//! Where a browser has no `navigator.locks` (before Safari 15.4, or a page not served from a
//! secure origin), the save runs at once: the revision check inside the save still catches a
//! tab that is behind, and a save's reads and writes run in one task, which no other tab of the
//! same process can interleave with.

use super::StoreError;
use js_sys::Promise;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/store/tabs.js")]
extern "C" {
    #[wasm_bindgen(js_name = hasLocks)]
    fn has_locks() -> bool;
    #[wasm_bindgen(js_name = exclusive)]
    fn exclusive_js(save: &Closure<dyn FnMut()>, patience_ms: f64) -> Promise;
}

/// Whether saves are serialised across tabs here.
pub fn serialised() -> bool {
    has_locks()
}

/// Runs `save(input)` while this tab holds Troth's save lock, and gives back what it returned;
/// or, if another tab kept the lock past the patience, `input` and [`StoreError::Busy`]:
/// `save` never ran.
pub async fn exclusive<I: 'static, T: 'static>(
    input: I,
    save: impl FnOnce(I) -> T + 'static,
) -> Result<T, (I, StoreError)> {
    let job = Rc::new(RefCell::new(Some((save, input))));
    let out: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let run = {
        let (job, out) = (job.clone(), out.clone());
        // Taken once: whichever runs it first, the lock's callback or the line below.
        Rc::new(move || {
            let taken = job.borrow_mut().take();
            if let Some((save, input)) = taken {
                *out.borrow_mut() = Some(save(input));
            }
        })
    };
    if has_locks() {
        let callback: Closure<dyn FnMut()> = Closure::new({
            let run = run.clone();
            move || run()
        });
        // Settles once the save has run (the lock is released a moment later), or with
        // `false` once it gave up waiting.
        let patience = (super::SAVE_PATIENCE_SECS * 1000) as f64;
        let ran = JsFuture::from(exclusive_js(&callback, patience)).await;
        if ran.is_ok_and(|r| r == JsValue::FALSE) {
            let unrun = job.borrow_mut().take();
            if let Some((_, input)) = unrun {
                return Err((input, StoreError::Busy));
            }
        }
    }
    // No lock manager, or the request failed before the save ran: save now, not never.
    run();
    let taken = out.borrow_mut().take();
    // `run` has filled it: the lock's callback or the line above ran it, and only once.
    Ok(taken.expect("the save ran"))
}
