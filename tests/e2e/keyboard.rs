//! Keyboard only: a commitment made and settled with Tab, Enter and typing alone, and after
//! each change the focus where the user goes next (the next step, or the message that says
//! what happened), visibly.

use super::{open, today_in_berlin};
use crate::support::{date_keys, time_keys, Browser};
use chrono::Duration as Days;
use fantoccini::key::Key;
use serde_json::{json, Value};

/// Types `text` wherever the focus is, one key press per character.
async fn keys(b: &Browser, text: &str) {
    b.keys(text).await;
}

async fn press(b: &Browser, key: Key) {
    keys(b, &char::from(key).to_string()).await;
}

/// What has the focus: its id, its accessible words, and whether a focus ring is drawn.
async fn focused(b: &Browser) -> Value {
    b.client
        .execute(
            "const e = document.activeElement; const s = getComputedStyle(e); \
             return { id: e.id, tag: e.tagName.toLowerCase(), \
               label: e.getAttribute('aria-label') || e.textContent.trim(), \
               ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };",
            vec![],
        )
        .await
        .unwrap()
}

/// Presses Tab until the focus is on an element matching `css`: it must be reachable, within
/// a page's worth of stops.
async fn tab_to(b: &Browser, css: &str) {
    let test = format!(
        "return document.activeElement.matches({});",
        serde_json::to_string(css).unwrap()
    );
    for _ in 0..80 {
        if b.client.execute(&test, vec![]).await.unwrap() == json!(true) {
            let now = focused(b).await;
            assert_eq!(now["ring"], json!(true), "no visible focus on {css}: {now}");
            return;
        }
        press(b, Key::Tab).await;
    }
    panic!(
        "Tab never reached {css}; the focus is on {}",
        focused(b).await
    );
}

/// Waits until the focus is on an element matching `css` whose words contain `words`, and
/// checks that the focus is drawn.
async fn focus_is(b: &Browser, css: &str, words: &str) {
    let deadline = std::time::Instant::now() + crate::support::PATIENCE;
    let test = format!(
        "const e = document.activeElement; return e.matches({}) && \
         (e.getAttribute('aria-label') || e.textContent).includes({});",
        serde_json::to_string(css).unwrap(),
        serde_json::to_string(words).unwrap()
    );
    while b.client.execute(&test, vec![]).await.unwrap() != json!(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "the focus should be on {css} ({words}), and is on {}",
            focused(b).await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A page's heading takes the focus only to be read out, and draws no ring (base.css).
    if css != "h1" {
        let now = focused(b).await;
        assert_eq!(now["ring"], json!(true), "no visible focus: {now}");
    }
}

/// Fills the ledger's form and makes the commitment, by keys.
async fn make_by_keys(b: &Browser, what: &str, days: i64, hour: u32) {
    tab_to(b, "#make-what").await;
    keys(b, what).await;
    tab_to(b, "#make-to").await;
    keys(b, "Ana").await;
    tab_to(b, "#make-date").await;
    keys(b, &date_keys(today_in_berlin() + Days::days(days))).await;
    tab_to(b, "#make-time").await;
    keys(b, &time_keys(hour, 0)).await;
    tab_to(b, "button[type=submit]").await;
    press(b, Key::Enter).await;
    // The confirmation takes the focus: read out, with "Open it" the next stop.
    focus_is(b, "#make-made", &format!("Committed to Ana: {what}")).await;
}

/// The stored commitment `what` has no acknowledgement in its history. Read after a round
/// trip through the page's task queue, so a step the key pressed would have been saved.
async fn not_acknowledged(b: &Browser, what: &str) {
    b.until(
        "return new Promise(r => setTimeout(() => \
         r(document.querySelector('main[aria-busy=\"true\"]') === null), 0));",
    )
    .await;
    let history = b
        .client
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('troth.c.')).map(k => JSON.parse(localStorage.getItem(k))).find(c => c.what === arguments[0]).history;",
            vec![what.into()],
        )
        .await
        .unwrap();
    let kinds: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e.as_object().unwrap().keys().cloned())
        .collect();
    assert!(kinds.contains(&"done".to_owned()), "{history}");
    assert!(!kinds.iter().any(|k| k.starts_with("ack")), "{history}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_commitment_is_made_and_settled_by_keyboard_alone() {
    let (_server, b) = open("/").await;
    b.find_x("//h1[.='Ledger']").await;

    make_by_keys(&b, "Send the slides", 3, 17).await;
    make_by_keys(&b, "Book the room", 2, 10).await;

    // From the list: the row's next step. The focus goes to the message, not to the
    // acknowledgement that replaces it: a second Enter from habit records nothing for Ana.
    tab_to(&b, "button[aria-label='Mark done: Book the room']").await;
    press(&b, Key::Enter).await;
    focus_is(&b, ".troth-message--info", "Marked done: Book the room.").await;
    press(&b, Key::Enter).await;
    not_acknowledged(&b, "Book the room").await;
    // Acknowledging is a deliberate step: Tab to it, then Enter.
    tab_to(
        &b,
        "button[aria-label='Ana acknowledged it: Book the room']",
    )
    .await;
    press(&b, Key::Enter).await;
    // Kept: the row folds away, and the message says so.
    focus_is(
        &b,
        ".troth-message--info",
        "Ana acknowledged it: Book the room. Kept.",
    )
    .await;

    // On its page: open it from the list, mark it done, record Ana's acknowledgement.
    tab_to(&b, "a.troth-row__what").await;
    assert_eq!(focused(&b).await["label"], json!("Send the slides"));
    press(&b, Key::Enter).await;
    focus_is(&b, "h1", "Send the slides").await;
    tab_to(&b, "#next-step").await;
    assert_eq!(focused(&b).await["label"], json!("Mark done"));
    press(&b, Key::Enter).await;
    // The focus is on the state line, never on "Ana acknowledged it": Enter again does nothing.
    focus_is(&b, "#commitment-state", "awaiting acknowledgement").await;
    b.find_x("//p[@role='status' and contains(., 'Marked done: Send the slides.')]")
        .await;
    press(&b, Key::Enter).await;
    not_acknowledged(&b, "Send the slides").await;
    b.find_x("//span[contains(@class, 'troth-state') and .='awaiting acknowledgement']")
        .await;
    tab_to(&b, "#next-step").await;
    assert_eq!(focused(&b).await["label"], json!("Ana acknowledged it"));
    press(&b, Key::Enter).await;
    focus_is(
        &b,
        ".troth-message--info",
        "Ana acknowledged it: Send the slides. Kept.",
    )
    .await;
    b.find_x("//span[contains(@class, 'troth-state') and .='kept']")
        .await;

    // Ana removed from the people list (asked first): the message says what happened.
    tab_to(&b, "dd a").await;
    assert_eq!(focused(&b).await["label"], json!("Ana"));
    press(&b, Key::Enter).await;
    focus_is(&b, "h1", "Ana").await;
    tab_to(&b, "#remove-person").await;
    press(&b, Key::Enter).await;
    // The same button now asks to confirm; the question is read out as an alert.
    focus_is(&b, "#remove-person", "Yes, remove").await;
    b.find_x("//p[@role='alert' and contains(., 'Ana has 2 commitment')]")
        .await;
    press(&b, Key::Enter).await;
    focus_is(&b, ".troth-message--info", "Removed Ana from your people.").await;
    b.find_x("//h1[.='Ana (removed)']").await;
    b.close().await;
}
