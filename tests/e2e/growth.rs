//! Growing trust, as a user meets it: one day at a time (a series made again, its strip and
//! runs), a standing commitment kept until its end and broken, and the ladder's hint.

use super::daily::{commitment, now, person, seed, shot};
use super::open;
use crate::support::Browser;
use serde_json::{json, Value};

const D: i64 = 86_400;
const H: i64 = 3_600;

/// Ana in Berlin, and a daily call to her at the same time of day: kept three days, missed the
/// fourth, and today's still open, due in an hour.
fn a_daily_series() -> serde_json::Map<String, Value> {
    let mut records = serde_json::Map::new();
    for k in 0..5i64 {
        let back = (4 - k) * D;
        let then: Vec<(&str, i64)> = match k {
            3 => vec![("missed", back - 2 * H)],
            4 => vec![],
            _ => vec![("done", back), ("ack", back - 2 * H)],
        };
        let mut c = commitment(
            k as u64,
            0,
            "Call Ana before nine",
            back + 2 * H,
            H - back,
            &then,
        );
        if k > 0 {
            c["series"] = json!(0);
        }
        records.insert(format!("troth.c.{k}"), c);
    }
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 5,
            "people": [person(0, "Ana", Some("Europe/Berlin"))],
            "next": [1, 5, 0],
        }),
    );
    records.insert("troth.rev".into(), json!("1"));
    records
}

/// The marks of the strip of days on the page, in order, as a screen reader hears them.
async fn strip(b: &Browser) -> Vec<String> {
    let days = b
        .client
        .execute(
            "return [...document.querySelectorAll('.troth-strip .troth-visually-hidden')].map(e => e.textContent.replace(/^.*: /, ''));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(days).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_series_kept_three_days_missed_one_and_kept_again_shows_its_strip_and_runs() {
    let (_server, b) = open("/").await;
    seed(&b, &a_daily_series()).await;

    // Today's is kept: done, and Ana acknowledges it.
    b.client
        .goto(&format!("{}#/c/4", base(&b).await))
        .await
        .unwrap();
    b.click_button("Mark done").await;
    b.click_button("Ana acknowledged it").await;
    b.find_x("//p[@class='troth-closed']").await;
    // Its series is on its page: five days, a run of one now, three at best.
    b.find_x("//p[@class='troth-series__runs' and .='5 made · current run 1 · longest run 3']")
        .await;
    assert_eq!(
        strip(&b).await,
        ["kept", "kept", "kept", "missed", "kept"],
        "the strip of days"
    );

    // Again tomorrow: the same words, on the next day, at the same time.
    b.click_button("Again tomorrow").await;
    b.find_x("//h1[.='Call Ana before nine']").await;
    b.find_x("//span[contains(@class,'troth-state') and .='open']")
        .await;
    let url = b.client.current_url().await.unwrap();
    assert!(url.as_str().ends_with("#/c/5"), "{url}");
    b.find_x("//p[@class='troth-series__runs' and .='6 made · current run 1 · longest run 3']")
        .await;
    shot(&b, "series-commitment").await;

    // The person's page shows the series; a reload keeps it all.
    b.client
        .goto(&format!("{}#/people/0", base(&b).await))
        .await
        .unwrap();
    b.client.refresh().await.unwrap();
    b.find_x("//section[contains(@class,'troth-series')]//h3[.='Call Ana before nine']")
        .await;
    b.find_x("//p[@class='troth-series__runs' and .='6 made · current run 1 · longest run 3']")
        .await;
    assert_eq!(
        strip(&b).await,
        ["kept", "kept", "kept", "missed", "kept", "not settled yet"],
    );
    // The ladder reads the same record: the last one was kept, one in a row.
    b.find_x("//p[@id='make-ladder' and contains(., 'Kept as agreed once in a row')]")
        .await;
    shot(&b, "series-person").await;
    b.close().await;
}

/// The page's address without its `#…`.
async fn base(b: &Browser) -> String {
    let url = b.client.current_url().await.unwrap();
    url.as_str()
        .split('#')
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_standing_commitment_is_kept_until_its_end_and_can_be_broken_with_what_happened() {
    let (_server, b) = open("/").await;
    let mut records = serde_json::Map::new();
    records.insert(
        "troth.meta".into(),
        json!({ "schema": 5, "people": [person(0, "Ana", Some("Europe/Berlin"))], "next": [1, 0, 0] }),
    );
    records.insert("troth.rev".into(), json!("1"));
    seed(&b, &records).await;

    // Made through the form (open on a ledger with nothing in it): kept until a moment, a
    // month ahead.
    b.find_x("//label[.='Something kept until a moment']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//label[.='What will you keep to?']").await;
    b.find("#make-standing-hint").await;
    b.type_into("make-what", "Talk only to you, not to your boss")
        .await;
    b.type_into("make-to", "Ana").await;
    let day = super::today_in_berlin() + chrono::Duration::days(30);
    b.type_date("make-date", day).await;
    b.type_time("make-time", 12, 0).await;
    // Its size is said, with the ladder's hint for a first one to Ana.
    b.find_x(
        "//p[@id='make-ladder' and contains(., 'This one is a 4-week commitment') and contains(., 'Start small')]",
    )
    .await;
    b.click_button("Make commitment").await;
    b.find_x("//a[@class='troth-row__what' and .='Talk only to you, not to your boss']")
        .await
        .click()
        .await
        .unwrap();

    // Nothing to mark done before its end; it reads as kept until then.
    b.find_x("//dt[.='Kept until']").await;
    b.find_x("//p[contains(., 'You keep to it every day until its end')]")
        .await;
    b.gone_x("//button[.='Mark done']").await;

    // Broken: what happened is required, then recorded as missed in those words.
    b.find_x("//summary[.='It was broken…']")
        .await
        .click()
        .await
        .unwrap();
    b.click_button("Record it as broken").await;
    b.find_x("//p[@role='alert' and contains(., 'Say what happened')]")
        .await;
    b.type_into("break-what", "<b>Wrote to the boss</b> on Friday")
        .await;
    b.click_button("Record it as broken").await;
    b.find_x("//span[contains(@class,'troth-state') and .='missed']")
        .await;
    // Markup stays text.
    b.find_x("//ol[@class='troth-history']//span[.='Broken: <b>Wrote to the boss</b> on Friday']")
        .await;
    b.client.refresh().await.unwrap();
    b.find_x("//ol[@class='troth-history']//span[.='Broken: <b>Wrote to the boss</b> on Friday']")
        .await;
    let stored: Value = b
        .client
        .execute("return localStorage.getItem('troth.c.0');", vec![])
        .await
        .unwrap();
    let stored: Value = serde_json::from_str(stored.as_str().unwrap()).unwrap();
    assert_eq!(stored["kind"], "standing", "{stored}");
    // Now is later than the made moment: nothing was dated ahead.
    assert!(stored["history"][0]["made"]["at"].as_i64().unwrap() <= now());
    b.close().await;
}
