//! One save at a time across every tab and window of Troth: the Web Locks API.
//!
//! A save reads the revision, catches up if another tab moved it, and writes. Two tabs in
//! separate processes could otherwise both read the same revision and both write the same new
//! record. Holding a lock named for Troth from the read to the last write makes each save see
//! every save before it.
//!
//! Where a browser has no `navigator.locks` (before Safari 15.4, or a page not served from a
//! secure origin), the save runs at once: the revision check inside the save still catches a
//! tab that is behind, and a save's reads and writes run in one task, which no other tab of the
//! same process can interleave with.

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The name every Troth tab locks before it saves.
const LOCK: &str = "troth.save";

/// The browser's lock manager, if it has one.
fn lock_manager() -> Option<JsValue> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Whether saves are serialised across tabs here (for the Backup page and tests).
pub fn serialised() -> bool {
    lock_manager().is_some()
}

/// Runs `save` while this tab holds Troth's save lock, and gives back what it returned.
pub async fn exclusive<T: 'static>(save: impl FnOnce() -> T + 'static) -> T {
    let out: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let save = Rc::new(RefCell::new(Some(save)));
    let run = {
        let (out, save) = (out.clone(), save.clone());
        move || {
            if let Some(save) = save.borrow_mut().take() {
                *out.borrow_mut() = Some(save());
            }
        }
    };
    if let Some(locks) = lock_manager() {
        let granted = Closure::once_into_js({
            let run = run.clone();
            move |_lock: JsValue| run()
        });
        let request = Reflect::get(&locks, &"request".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|request| request.call2(&locks, &LOCK.into(), &granted).ok())
            .and_then(|p| p.dyn_into::<Promise>().ok());
        if let Some(request) = request {
            // The lock is released when the callback returns, after the save's last write.
            let _ = JsFuture::from(request).await;
        }
    }
    // No lock manager, or it refused the request: save now rather than not at all.
    run();
    let taken = out.borrow_mut().take();
    // `run` has filled it: the callback or the line above ran it, and it cannot run twice.
    taken.expect("the save ran")
}
