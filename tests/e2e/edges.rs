//! Text and moments from the edges (issue 23): names that read alike, text that would reverse
//! itself, and moments a browser cannot show, arriving by link or found in storage.

use super::daily::{person, seed};
use crate::support::{Browser, Server};
use serde_json::{json, Value};

/// Gzips `arguments[0]` as a link does (its 10-byte header left out) and writes it base64url.
const PAYLOAD: &str = r#"
const json = arguments[0], done = arguments[arguments.length - 1];
const zipped = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
new Response(zipped).arrayBuffer().then(buf => {
  let bin = '';
  for (const b of new Uint8Array(buf).slice(10)) bin += String.fromCharCode(b);
  done(btoa(bin).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
});
"#;

/// Opens the link page for `json` on `route` (`offer`, `ask`), as a new page load.
async fn open_link(b: &Browser, server: &Server, route: &str, json: &str) {
    let payload = b
        .client
        .execute_async(PAYLOAD, vec![json.into()])
        .await
        .unwrap();
    let payload = payload.as_str().expect("a payload");
    b.client.goto("about:blank").await.unwrap();
    b.client
        .goto(&server.url(&format!("/link.html#/{route}/{payload}")))
        .await
        .unwrap();
}

/// A link's promise, with `due` and `made` as written (raw JSON numbers, beyond what a
/// JavaScript number holds exactly).
fn promise(from: &str, what: &str, due: &str, made: &str) -> String {
    format!(
        r#""from":{},"to":"Ana","what":{},"due":{{"at":{due},"tz":"UTC"}},"made":{made},"thread":"BAAAAAAAAAAAAAAAAAAAAA""#,
        json!(from),
        json!(what)
    )
}

async fn script(b: &Browser, js: &str) -> Value {
    b.client.execute(js, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_with_a_moment_a_browser_cannot_show_is_refused_in_words() {
    let server = Server::start(crate::support::dist());
    let b = Browser::launch().await;
    b.client.goto(&server.url("/link.html")).await.unwrap();
    let now = "1795348800";
    let cases = [
        (
            "offer",
            format!(
                r#"{{"v":1,{}}}"#,
                promise("Sam", "Fix the gate", "9223372036854775807", now)
            ),
            "due moment",
        ),
        (
            "ask",
            format!(
                r#"{{"v":1,"token":"AAAAAAAAAAAAAAAAAAAAAA",{},"done":{now}}}"#,
                promise("Sam", "Fix the gate", "10000000000000", now)
            ),
            "due moment",
        ),
        (
            "ask",
            format!(
                r#"{{"v":1,"token":"AAAAAAAAAAAAAAAAAAAAAA",{},"done":-10000000000000}}"#,
                promise("Sam", "Fix the gate", "1795435200", now)
            ),
            "moment it was done",
        ),
        (
            "offer",
            format!(
                r#"{{"v":1,{}}}"#,
                promise("Sam", "Fix the gate", "1795435200", "-9000000000000000000")
            ),
            "moment it was made",
        ),
    ];
    for (route, json, field) in cases {
        open_link(&b, &server, route, &json).await;
        // Not "Reading the link…" for ever: the refusal, naming the field.
        b.find_x("//h1[.='This link cannot be opened']").await;
        let said = b.text(".troth-error").await;
        assert!(
            said.contains(&format!(
                "The {field} is outside the years Troth can show (1970–2200)."
            )),
            "{route}: {said}"
        );
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stored_commitment_outside_the_years_shows_and_can_be_released() {
    let server = Server::start(crate::support::dist());
    let b = Browser::launch().await;
    b.client.goto(&server.url("/")).await.unwrap();
    // Kept from a link before moments were checked: made long before 1970, due beyond what a
    // browser's Date holds.
    let far = json!({ "id": 0, "to": 0, "by": "theirs", "what": "Far away", "history": [
        { "made": { "at": -9_000_000_000_000_000_000_i64, "due": { "at": 10_000_000_000_000_i64, "tz": "UTC" } } }
    ] });
    let mut records = serde_json::Map::new();
    records.insert(
        "troth.meta".into(),
        json!({ "schema": 4, "people": [person(0, "Sam", None)], "next": [1, 1, 0] }),
    );
    records.insert("troth.c.0".into(), far);
    records.insert("troth.rev".into(), Value::String("1".into()));
    seed(&b, &records).await;
    b.client.goto(&server.url("/#/c/0")).await.unwrap();
    // Its page is there on every load, and it can be settled.
    b.find_x("//h1[contains(., 'Far away')]").await;
    b.client.refresh().await.unwrap();
    b.find_x("//summary[.='Release by agreement']")
        .await
        .click()
        .await
        .unwrap();
    b.type_into("release-note", "A year typed wrong").await;
    b.click_button("Release it").await;
    b.until("return (localStorage.getItem('troth.c.0') || '').includes('released')")
        .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_look_alike_sam_is_asked_about_and_an_override_cannot_turn_the_page() {
    let server = Server::start(crate::support::dist());
    let b = Browser::launch().await;
    b.client.goto(&server.url("/")).await.unwrap();
    let mut records = serde_json::Map::new();
    records.insert(
        "troth.meta".into(),
        json!({ "schema": 4, "people": [person(0, "Sam", Some("Europe/Berlin"))], "next": [1, 0, 0] }),
    );
    records.insert("troth.rev".into(), Value::String("1".into()));
    seed(&b, &records).await;
    // "Sam" with a Cyrillic S and an unterminated right-to-left override; words with one.
    let json = format!(
        r#"{{"v":1,{}}}"#,
        promise(
            "\u{405}am\u{202e}",
            "Refund \u{202e}0051\u{202c} EUR",
            "1795435200",
            "1795348800"
        )
    );
    open_link(&b, &server, "offer", &json).await;
    b.find_x("//*[@id='is-this-q' and starts-with(., 'Is this Sam?')]")
        .await;
    // The heading and the words hold no override: they read as written.
    let heading = script(&b, "return document.querySelector('h1').textContent").await;
    let heading = heading.as_str().unwrap();
    assert!(heading.contains("\u{405}am"), "{heading}");
    assert!(!heading.contains('\u{202e}'), "{heading:?}");
    assert_eq!(b.text(".troth-request__what").await, "Refund 0051 EUR");

    // It is Sam: kept as from Sam, nobody new.
    b.click_button("Yes, Sam").await;
    b.click_button(&super::links::keep_label(&server)).await;
    b.find("#link-done").await;
    let kept = script(
        &b,
        "return [JSON.parse(localStorage.getItem('troth.meta')).people.length, JSON.parse(localStorage.getItem('troth.c.0')).to]",
    )
    .await;
    assert_eq!(kept, json!([1, 0]));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_form_asks_is_this_sam_before_a_second_sam_is_made() {
    let (_server, b) = super::open("/").await;
    let day = super::today_in_berlin() + chrono::Duration::days(3);
    super::make(&b, "Send the deck", "Sam", day, 10).await;
    // "Sam" with a Cyrillic S: asked about, and not made until answered.
    b.type_into("make-what", "Send the notes").await;
    b.type_into("make-to", "\u{405}am").await;
    b.find_x("//*[@id='is-this-q' and starts-with(., 'Is this Sam?')]")
        .await;
    b.type_date("make-date", day).await;
    b.type_time("make-time", 11, 0).await;
    b.click_button("Make commitment").await;
    b.find_x("//*[contains(., 'Say first whether this is Sam')]")
        .await;
    let people = "return JSON.parse(localStorage.getItem('troth.meta')).people.length";
    assert_eq!(script(&b, people).await, json!(1));
    // Someone new, said so: made.
    b.click_button("No, someone new").await;
    b.gone_x("//*[@id='is-this-q']").await;
    b.click_button("Make commitment").await;
    b.find_x("//p[@class='troth-made' and contains(., 'Committed to \u{405}am')]")
        .await;
    assert_eq!(script(&b, people).await, json!(2));
    b.close().await;
}
