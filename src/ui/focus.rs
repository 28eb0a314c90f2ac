//! Where keyboard focus goes after a change: to the next step, unless the user has already put
//! it somewhere else.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Where keyboard focus was when the user last asked for a change.
    static ACTED_FROM: std::cell::RefCell<Option<web_sys::Element>> = const { std::cell::RefCell::new(None) };
}

/// Notes where focus is as the user asks for a change.
pub fn acting() {
    ACTED_FROM.replace(document().active_element());
}

/// Whether the user put focus somewhere else since asking for the last change: into a field
/// to type the next thing, say. A change is saved and its page redrawn a moment after the
/// press, and a frame later still focus would move to the next step: taken from under typing
/// hands, the rest of what they type (a space, an Enter) would press that step's button.
pub fn moved_since_acting() -> bool {
    let Some(now) = document().active_element() else {
        return false;
    };
    // Focus on the page itself, or on what was redrawn away, is focus the user did not place.
    let body = document().body();
    let placed =
        now.is_connected() && body.is_none_or(|b| AsRef::<web_sys::Element>::as_ref(&b) != &now);
    placed && ACTED_FROM.with_borrow(|acted| acted.as_ref() != Some(&now))
}

/// After a change is saved, moves focus to `selector` unless the user has moved it since
/// asking for the change ([`moved_since_acting`]); whether focus is there now.
pub fn after_change(selector: &str) -> bool {
    !moved_since_acting() && focus(selector)
}

/// Moves keyboard focus to the first element matching `selector`; whether there was one.
pub fn focus(selector: &str) -> bool {
    let found = document().query_selector(selector).ok().flatten();
    let el = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    el.is_some_and(|el| el.focus().is_ok())
}
