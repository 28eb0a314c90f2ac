//! Quick add: a line in plain words fills the form, the user sees it filled and makes it; what
//! the line leaves vague gets the form's usual notes, and no zone is carried over.

use super::{open, today_in_berlin};
use crate::daily::{person, seed, shot};
use crate::support::Browser;
use chrono::{Duration as Days, NaiveDate, NaiveTime, TimeZone};
use serde_json::{json, Value};

const ENTER: &str = "\u{E007}";

/// Ana, Bo and Cy, and no commitment yet (so the ledger opens with the form).
async fn people(b: &Browser) {
    known(
        b,
        vec![
            person(0, "Ana", Some("America/New_York")),
            person(1, "Bo", Some("Europe/Berlin")),
            person(2, "Cy", Some("Asia/Kolkata")),
        ],
    )
    .await;
}

/// `people` known, and no commitment yet.
async fn known(b: &Browser, people: Vec<Value>) {
    let mut records = serde_json::Map::new();
    let next = people.len();
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 3,
            "people": people,
            "next": [next, 0, 0],
        }),
    );
    records.insert("troth.rev".into(), json!("1"));
    seed(b, &records).await;
    b.find("#quick-line").await;
}

/// Types `line` into quick add and presses Enter.
async fn quick(b: &Browser, line: &str) {
    b.type_into("quick-line", line).await;
    b.find("#quick-line").await.send_keys(ENTER).await.unwrap();
}

/// Waits until the input `id` holds `value`.
async fn holds(b: &Browser, id: &str, value: &str) {
    b.until(&format!(
        "return document.getElementById({id:?}).value === {value:?};"
    ))
    .await;
}

async fn focused(b: &Browser) -> Value {
    b.client
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap()
}

/// The stored commitment whose words are `what`.
async fn stored(b: &Browser, what: &str) -> Value {
    b.client
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('troth.c.')).map(k => JSON.parse(localStorage.getItem(k))).find(c => c.what === arguments[0]);",
            vec![what.into()],
        )
        .await
        .unwrap()
}

/// The instant of `time` on `date` in `zone`, by an independent zone database.
fn at(zone: chrono_tz::Tz, date: NaiveDate, h: u32, m: u32) -> i64 {
    zone.from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
        .earliest()
        .unwrap()
        .timestamp()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_line_fills_the_form_and_the_commitment_made_is_due_when_it_said() {
    let (_server, b) = open("/").await;
    people(&b).await;
    // A weekday three days ahead: never today, so never ambiguous.
    let day = today_in_berlin() + Days::days(3);
    let weekday = day.format("%a").to_string();

    quick(
        &b,
        &format!("Send the deck to Ana by {weekday} 17:00 Berlin"),
    )
    .await;
    holds(&b, "make-what", "Send the deck").await;
    holds(&b, "make-to", "Ana").await;
    holds(&b, "make-date", &day.format("%Y-%m-%d").to_string()).await;
    holds(&b, "make-time", "17:00").await;
    holds(&b, "make-zone", "Europe/Berlin").await;
    b.find("#make-by-mine:checked").await;
    b.find_x(
        "//p[@id='quick-told' and .='Filled in the form: what, to whom, date, time, time zone.']",
    )
    .await;
    // Everything was filled: the focus waits on the button, and nothing is made yet.
    assert_eq!(focused(&b).await, json!("make-submit"));
    assert_eq!(stored(&b, "Send the deck").await, Value::Null);
    // The harness's browser speaks en-US: 17:00 reads "5:00 PM" (ICU may put a narrow
    // no-break space before "PM").
    b.find_x("//p[@class='troth-preview' and contains(., '5:00') and contains(., 'PM Berlin') and contains(., 'for Ana in New York')]")
        .await;
    shot(&b, "quick-filled").await;
    b.find("#make-submit").await.send_keys(ENTER).await.unwrap();
    b.find_x("//a[@class='troth-row__what' and .='Send the deck']")
        .await;
    let made = stored(&b, "Send the deck").await;
    assert_eq!(
        made["history"][0]["made"]["due"],
        json!({ "at": at(chrono_tz::Europe::Berlin, day, 17, 0), "tz": "Europe/Berlin" })
    );

    // From someone, in another zone: the direction is chosen and the zone said (the form
    // stays open after one is made).
    quick(
        &b,
        &format!("from Cy: the budget, {weekday} 12:00 New York"),
    )
    .await;
    holds(&b, "make-what", "the budget").await;
    holds(&b, "make-to", "Cy").await;
    holds(&b, "make-zone", "America/New_York").await;
    b.find("#make-by-theirs:checked").await;
    b.find_x("//span[@class='troth-zone__elsewhere' and .='Stated in New York time, not yours (Berlin).']")
        .await;

    // A second line with no zone does not keep New York: the zone is the user's own again.
    quick(&b, "call Bo tomorrow 9:30").await;
    holds(&b, "make-what", "call Bo").await;
    holds(&b, "make-to", "Bo").await;
    holds(&b, "make-time", "09:30").await;
    holds(
        &b,
        "make-date",
        &(today_in_berlin() + Days::days(1))
            .format("%Y-%m-%d")
            .to_string(),
    )
    .await;
    holds(&b, "make-zone", "Europe/Berlin").await;
    b.find_x("//p[@id='quick-told' and contains(., 'The time zone is your own.')]")
        .await;
    // Its direction stays as chosen: the line said none.
    b.find("#make-by-theirs:checked").await;
    b.click_button("Record their promise").await;
    b.find_x("//a[@class='troth-row__what' and .='call Bo']")
        .await;
    let made = stored(&b, "call Bo").await;
    assert_eq!(made["by"], json!("theirs"));
    assert_eq!(
        made["history"][0]["made"]["due"],
        json!({ "at": at(chrono_tz::Europe::Berlin, today_in_berlin() + Days::days(1), 9, 30), "tz": "Europe/Berlin" })
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn by_tuesday_with_no_time_is_left_for_its_note() {
    let (_server, b) = open("/").await;
    people(&b).await;
    quick(&b, "Send the budget to Ana by Tuesday").await;
    holds(&b, "make-what", "Send the budget by Tuesday").await;
    holds(&b, "make-to", "Ana").await;
    holds(&b, "make-date", "").await;
    holds(&b, "make-time", "").await;
    // The usual notes: the phrase, and the date it leaves open; the focus goes to that field.
    b.find_x("//ul[@class='troth-notes']/li[contains(., '“by Tuesday”')]")
        .await;
    b.find_x("//ul[@class='troth-notes']/li[contains(., 'Add a date')]")
        .await;
    b.find_x("//p[@id='quick-told' and contains(., 'Left for you: date, time.')]")
        .await;
    assert_eq!(focused(&b).await, json!("make-date"));
    shot(&b, "quick-by-tuesday").await;
    // Quick add made nothing.
    assert_eq!(stored(&b, "Send the budget by Tuesday").await, Value::Null);
    b.close().await;
}

/// Hurried hands: a second line fills nothing from the first (the person above all), and says
/// what it left; someone new gets the zone the line said, shown and changeable.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_line_keeps_no_one_from_the_first_and_someone_new_gets_the_zone_said() {
    let (_server, b) = open("/").await;
    known(&b, vec![person(0, "Ana", Some("Europe/Berlin"))]).await;
    quick(&b, "Call Ana tomorrow 9:30 Berlin").await;
    holds(&b, "make-to", "Ana").await;
    // Bo is nobody known yet: the line does not say whom, and Ana is not kept.
    quick(&b, "Call Bo tomorrow 9:30 Berlin").await;
    holds(&b, "make-what", "Call Bo").await;
    holds(&b, "make-to", "").await;
    b.find_x("//p[@id='quick-told' and contains(., 'Left for you: to whom.')]")
        .await;
    assert_eq!(focused(&b).await, json!("make-to"));

    // Someone new, with a zone said: it is the due moment's zone and Maya's, in her field.
    let day = today_in_berlin() + Days::days(3);
    let weekday = day.format("%a").to_string();
    quick(
        &b,
        &format!("Send the notes to Maya by {weekday} 17:00 New York"),
    )
    .await;
    holds(&b, "make-to", "Maya").await;
    holds(&b, "make-zone", "America/New_York").await;
    holds(&b, "make-their-zone", "America/New_York").await;
    b.find("#make-submit").await.send_keys(ENTER).await.unwrap();
    b.find_x("//a[@class='troth-row__what' and .='Send the notes']")
        .await;
    let zone = b
        .client
        .execute(
            "return JSON.parse(localStorage.getItem('troth.meta')).people.find(p => p.name === 'Maya').zone;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(zone, json!("America/New_York"));

    // A line with no zone gives someone new the user's own, as the form starts.
    quick(&b, "Send the plan to Zoe tomorrow 9:30").await;
    holds(&b, "make-to", "Zoe").await;
    holds(&b, "make-their-zone", "Europe/Berlin").await;
    b.close().await;
}
