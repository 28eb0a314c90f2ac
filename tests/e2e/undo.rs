//! Undo end to end: from the message that reports a change and with Ctrl+Z, the history keeping
//! the step struck through as "undone" across a reload, a topic removed from a talk put back in
//! its place in both windows, and a refusal in words when another window built on the change.

use super::daily::{commitment, person, seed, shot};
use super::open;
use crate::support::{xpath_literal, Browser};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Map, Value};

/// Ana, and two commitments to her made an hour ago, due in two days.
fn two_commitments() -> Map<String, Value> {
    let mut records = Map::new();
    let (h, d) = (3600, 86_400);
    records.insert(
        "troth.c.0".into(),
        commitment(0, 0, "Send the deck", h, 2 * d, &[]),
    );
    records.insert(
        "troth.c.1".into(),
        commitment(1, 0, "Call the school", h, 2 * d, &[]),
    );
    records.insert(
        "troth.meta".into(),
        json!({ "schema": 6, "people": [person(0, "Ana", Some("Europe/Berlin"))], "next": [1, 2, 0] }),
    );
    records.insert("troth.rev".into(), json!("1"));
    records
}

/// The message at the top that contains `text`.
fn message(text: &str) -> String {
    format!(
        "//section[@aria-label='Messages']/p[contains(., {})]",
        xpath_literal(text)
    )
}

/// The ledger row of `what`, with its state tag `state`.
fn row(what: &str, state: &str) -> String {
    format!(
        "//li[contains(@class,'troth-row') and .//a[.={}] and .//span[@class='troth-tag' and .={}]]",
        xpath_literal(what),
        xpath_literal(state)
    )
}

/// Ctrl+Z with focus on the page, not in a field.
async fn ctrl_z(b: &Browser) {
    b.client
        .execute(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .await
        .unwrap();
    let ctrl = char::from(Key::Control);
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: ctrl })
        .then(KeyAction::Down { value: 'z' })
        .then(KeyAction::Up { value: 'z' })
        .then(KeyAction::Up { value: ctrl });
    b.client.perform_actions(keys).await.unwrap();
}

/// Waits until keyboard focus is on the message that contains `text`.
async fn focus_on_message(b: &Browser, text: &str) {
    b.until(&format!(
        "const el = document.activeElement; return !!el && el.classList.contains('troth-message') && el.textContent.includes({});",
        serde_json::to_string(text).unwrap()
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn done_is_undone_from_its_message_and_with_ctrl_z_and_the_history_keeps_it() {
    let (_server, b) = open("/").await;
    seed(&b, &two_commitments()).await;

    // Done, from the ledger row: the message reports it and offers Undo.
    b.find_x("//button[@aria-label='Mark done: Send the deck']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x(&row("Send the deck", "awaiting acknowledgement"))
        .await;
    let reported = message("Marked done: Send the deck.");
    b.find_x(&reported).await;
    shot(&b, "undo-1-reported").await;
    b.find_x(&format!("{reported}//button[.='Undo']"))
        .await
        .click()
        .await
        .unwrap();
    // Undone: the row is open again, and focus is on the message that says so.
    let back = "Undone: “Send the deck” is open again";
    b.find_x(&message(back)).await;
    b.find_x(&row("Send the deck", "open")).await;
    focus_on_message(&b, back).await;
    shot(&b, "undo-2-undone").await;

    // The same with Ctrl+Z, for the other commitment.
    b.find_x("//button[@aria-label='Mark done: Call the school']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x(&message("Marked done: Call the school.")).await;
    b.find_x(&row("Call the school", "awaiting acknowledgement"))
        .await;
    ctrl_z(&b).await;
    b.find_x(&message("Undone: “Call the school” is open again"))
        .await;
    b.find_x(&row("Call the school", "open")).await;
    // Only the last change: with it undone, there is nothing left to undo.
    ctrl_z(&b).await;
    b.find_x(&message("There is nothing to undo.")).await;
    b.find_x(&row("Send the deck", "open")).await;

    // The history keeps the step, struck through and labelled "undone", across a reload.
    let undone = "//ol[@aria-label='History']/li[contains(@class,'troth-history__entry--undone') and .//del[starts-with(., 'Marked done')] and .//span[@class='troth-tag' and .='undone']]";
    b.find_x("//a[@class='troth-row__what' and .='Send the deck']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x(undone).await;
    b.find_x("//ol[@aria-label='History']/li[contains(., 'Made, due')]")
        .await;
    shot(&b, "undo-3-history").await;
    b.client.refresh().await.unwrap();
    b.find_x(undone).await;
    let entries = b
        .client
        .execute(
            "return document.querySelectorAll(\"ol[aria-label='History'] li\").length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        entries,
        json!(2),
        "made, and the step undone: the undo has no line of its own"
    );
    let stored = b
        .client
        .execute("return localStorage.getItem('troth.c.0');", vec![])
        .await
        .unwrap();
    let stored = stored.as_str().unwrap();
    assert!(stored.contains(r#""undone":{"at":"#), "{stored}");
    assert!(stored.contains(r#""entry":1}"#), "{stored}");
    b.close().await;
}

/// A talk with three topics, asked by Ana, Bo and Cy.
fn a_talk() -> Map<String, Value> {
    let mut records = Map::new();
    let topics = ["pricing", "offline use", "exports"]
        .iter()
        .enumerate()
        .map(|(n, text)| json!({ "id": n, "text": text, "askers": [n] }))
        .collect::<Vec<_>>();
    records.insert(
        "troth.t.0".into(),
        json!({ "id": 0, "title": "Open day", "date": "2026-12-01", "topics": topics, "next_topic": 3 }),
    );
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 6,
            "people": [person(0, "Ana", None), person(1, "Bo", None), person(2, "Cy", None)],
            "next": [3, 0, 1],
        }),
    );
    records.insert("troth.rev".into(), json!("1"));
    records
}

/// The texts of the topics a window lists, in order.
async fn listed(b: &Browser, css: &str) -> Value {
    b.client
        .execute(
            &format!(
                "return [...document.querySelectorAll({})].map(e => e.textContent);",
                serde_json::to_string(css).unwrap()
            ),
            vec![],
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_topic_removed_from_a_talk_comes_back_in_its_place_in_both_windows() {
    let (server, b) = open("/").await;
    seed(&b, &a_talk()).await;
    b.client
        .goto(&server.url("/talk.html#/talks/0/present"))
        .await
        .unwrap();
    let console = b.client.window().await.unwrap();
    let projector = b.client.new_window(false).await.unwrap().handle;
    b.client.switch_to_window(projector.clone()).await.unwrap();
    b.client
        .goto(&server.url("/talk.html#/talks/0/project"))
        .await
        .unwrap();
    let on_stage = ".troth-stage__text";
    b.find_x("//*[contains(@class,'troth-stage__text') and .='exports']")
        .await;

    // The presenter picks "offline use" and removes it.
    b.client.switch_to_window(console.clone()).await.unwrap();
    b.find_x("//ol[@class='troth-topics']//button[.//span[@class='troth-topic__text' and .='offline use']]")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//h2[@id='current-title' and .='2. offline use']")
        .await;
    b.click_button("Remove").await;
    let reported = message("Removed “offline use” from the list.");
    b.find_x(&reported).await;
    b.gone_x("//ol[@class='troth-topics']//span[.='offline use']")
        .await;
    b.client.switch_to_window(projector.clone()).await.unwrap();
    b.gone_x("//*[contains(@class,'troth-stage__text') and .='offline use']")
        .await;

    // Undo, from the message: back at its place, in the console and on the projector.
    b.client.switch_to_window(console.clone()).await.unwrap();
    b.find_x(&format!("{reported}//button[.='Undo']"))
        .await
        .click()
        .await
        .unwrap();
    let back = "Undone: “offline use” is back on the list, in its place.";
    b.find_x(&message(back)).await;
    focus_on_message(&b, back).await;
    b.find_x("//ol[@class='troth-topics']//span[@class='troth-topic__text' and .='offline use']")
        .await;
    assert_eq!(
        listed(&b, ".troth-topics .troth-topic__text").await,
        json!(["pricing", "offline use", "exports"])
    );
    shot(&b, "undo-4-console").await;
    b.client.switch_to_window(projector.clone()).await.unwrap();
    b.find_x("//*[contains(@class,'troth-stage__text') and .='offline use']")
        .await;
    assert_eq!(
        listed(&b, on_stage).await,
        json!(["pricing", "offline use", "exports"])
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_undo_another_window_built_on_is_refused_in_words() {
    let (server, b) = open("/").await;
    seed(&b, &two_commitments()).await;
    let first = b.client.window().await.unwrap();

    // Done in this window: its message offers Undo.
    b.find_x("//button[@aria-label='Mark done: Send the deck']")
        .await
        .click()
        .await
        .unwrap();
    let reported = message("Marked done: Send the deck.");
    b.find_x(&reported).await;

    // Another window records Ana's acknowledgement of it.
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    b.client.goto(&server.url("/")).await.unwrap();
    b.find_x("//button[@aria-label='Ana acknowledged it: Send the deck']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x(&row("Send the deck", "kept")).await;

    // Back here, once this window has seen it: Undo is refused in words, and nothing changes.
    b.client.switch_to_window(first.clone()).await.unwrap();
    b.find_x(&row("Send the deck", "kept")).await;
    b.find_x(&format!("{reported}//button[.='Undo']"))
        .await
        .click()
        .await
        .unwrap();
    let refused =
        "This cannot be undone: this commitment has changed since (perhaps in another tab).";
    b.find_x(&format!(
        "//section[@aria-label='Messages']/p[@role='alert' and contains(., {})]",
        xpath_literal(refused)
    ))
    .await;
    focus_on_message(&b, refused).await;
    shot(&b, "undo-5-refused").await;
    b.gone_x(&format!("{reported}//button[.='Undo']")).await;
    b.find_x(&row("Send the deck", "kept")).await;
    let stored = b
        .client
        .execute("return localStorage.getItem('troth.c.0');", vec![])
        .await
        .unwrap();
    assert!(!stored.as_str().unwrap().contains("undone"), "{stored}");
    b.close().await;
}
