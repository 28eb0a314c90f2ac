//! Both ways: what someone promised the user is noted through the same form, marked "from" them
//! on the ledger, settled from the user's side (they say it is done, the user acknowledges it),
//! and counted on that person's record, never on the user's own word.

use super::daily::{commitment, person, seed};
use super::{entry, make, open, today_in_berlin};
use crate::support::{xpath_literal, Browser};
use chrono::Duration as Days;
use fantoccini::key::Key;
use serde_json::json;

/// The row whose link reads `what`.
fn row(what: &str) -> String {
    format!(
        "//li[contains(@class, 'troth-row') and a={}]",
        xpath_literal(what)
    )
}

/// Clicks the label `text` (of a radio button).
async fn choose(b: &Browser, text: &str) {
    b.find_x(&format!(
        "//label[normalize-space(.)={}]",
        xpath_literal(text)
    ))
    .await
    .click()
    .await
    .unwrap();
}

/// The button whose accessible name is `name`.
fn button(name: &str) -> String {
    format!("//button[@aria-label={}]", xpath_literal(name))
}

/// The track record section headed `title`.
fn record(title: &str) -> String {
    format!(
        "//section[contains(@class, 'troth-record') and h2={}]",
        xpath_literal(title)
    )
}

/// The ledger's line about the user's own word, before anything of theirs has ended.
const MY_WORD_UNCHANGED: &str = "//p[@class='troth-word' and starts-with(., 'Your word: nothing has ended yet. Kept as agreed 0, late 0, missed 0.')]";

#[tokio::test(flavor = "multi_thread")]
async fn a_promise_made_to_me_is_marked_filtered_settled_and_counted_as_theirs() {
    let (server, b) = open("/").await;
    let day = today_in_berlin() + Days::days(3);
    // One of the user's own first, so their word has something in it to stay as it is.
    make(&b, "Send Ana the slides", "Ana", day, 11).await;
    b.find_x(MY_WORD_UNCHANGED).await;

    // The same form, the other way: the labels say so, and the choice is a radio group.
    b.find("#make-by-mine:checked").await;
    choose(&b, "Someone promised it to me").await;
    b.find("#make-by-theirs:checked").await;
    b.find_x("//fieldset[legend]//input[@id='make-by-theirs' and @type='radio']")
        .await;
    b.find_x("//label[@for='make-what' and .='What did they promise?']")
        .await;
    b.find_x("//label[@for='make-to' and .='Who promised it?']")
        .await;
    // Markup typed into "what" stays text.
    let what = "Review the <b>draft</b> <img src=x onerror=window.__troth_xss=1>";
    b.type_into("make-what", what).await;
    b.type_into("make-to", "Ana").await;
    b.type_date("make-date", day).await;
    b.type_time("make-time", 15, 0).await;
    b.click_button("Record their promise").await;
    b.find_x(&format!(
        "//p[@class='troth-made' and contains(., {})]",
        xpath_literal(&format!("Ana promised you: {what}, due in "))
    ))
    .await;
    // The form is ready for the next one, which starts as the user's own again.
    b.find("#make-by-mine:checked").await;
    b.find_x("//label[@for='make-what' and .='What will you do?']")
        .await;

    // Marked on the ledger, in words and with a mark that is not colour: "from Ana" vs "to Ana".
    let theirs = row(what);
    let mine = row("Send Ana the slides");
    b.find_x(&format!(
        "{theirs}[contains(@class, 'troth-row--theirs')]//span[@class='troth-row__to' and contains(., 'from Ana')]"
    ))
    .await;
    b.find_x(&format!(
        "{mine}[not(contains(@class, 'troth-row--theirs'))]//span[@class='troth-row__to' and contains(., 'to Ana')]"
    ))
    .await;
    let injected = b
        .client
        .execute(
            "return window.__troth_xss === undefined && !document.querySelector('main img, main li b');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        injected,
        json!(true),
        "no markup from user text reached the DOM"
    );

    // Filtered each way, by pointer and by keyboard (arrow keys move within the radio group).
    choose(&b, "Promised to me").await;
    b.gone_x(&mine).await;
    b.find_x(&theirs).await;
    choose(&b, "I promised").await;
    b.gone_x(&theirs).await;
    b.find_x(&mine).await;
    choose(&b, "All").await;
    b.find_x(&theirs).await;
    b.find("#filter-by-all")
        .await
        .send_keys(&char::from(Key::Right).to_string())
        .await
        .unwrap();
    b.find("#filter-by-mine:checked").await;
    b.gone_x(&theirs).await;
    choose(&b, "All").await;
    b.find_x(&theirs).await;

    // Settled from the list, read from the user's side: Ana says it is done, the user
    // acknowledges it.
    let said = format!("Ana says it's done: {what}");
    b.find_x(&format!(
        "{}[normalize-space(.)={}]",
        button(&said),
        xpath_literal("Ana says it's done")
    ))
    .await
    .click()
    .await
    .unwrap();
    let ack = format!("I acknowledge it: {what}");
    b.find_x(&format!(
        "//section[contains(@class, 'troth-group--awaiting')]{}[normalize-space(.)='I acknowledge it']",
        button(&ack)
    ))
    .await
    .click()
    .await
    .unwrap();
    b.find_x("//details[contains(@class, 'troth-group--kept')]/summary/span[.='1']")
        .await;
    // The user's own word is as it was: Ana's kept promise is hers, not the user's.
    b.find_x(MY_WORD_UNCHANGED).await;

    // Ana's page: two records side by side; hers has it kept, the user's has not changed.
    b.client.goto(&server.url("/#/people/0")).await.unwrap();
    let check_person_page = || async {
        b.find_x("//h1[.='Ana']").await;
        let my_word = record("Your word to Ana");
        let her_word = record("Ana's word to you");
        b.find_x(&format!("{my_word}//tr[th='Made' and td='1']"))
            .await;
        b.find_x(&format!("{my_word}//tr[th='In progress' and td='1']"))
            .await;
        b.find_x(&format!("{my_word}//tr[th='Kept on time' and td='0']"))
            .await;
        b.find_x(&format!("{her_word}//tr[th='Made' and td='1']"))
            .await;
        b.find_x(&format!("{her_word}//tr[th='Kept on time' and td='1']"))
            .await;
        b.find_x(&format!(
            "{her_word}/p[starts-with(., '100% kept as agreed')]"
        ))
        .await;
        // Only the user's word says how it was acknowledged: theirs, the user acknowledges.
        b.gone_x(&format!("{her_word}/p[starts-with(., 'Of those kept')]"))
            .await;
        b.gone_x(&format!("{my_word}/p[starts-with(., 'Of those kept')]"))
            .await;
        // Both directions listed, each marked.
        b.find_x(&format!("{theirs}//span[contains(., 'from Ana')]"))
            .await;
        b.find_x(&format!("{mine}//span[contains(., 'to Ana')]"))
            .await;
    };
    check_person_page().await;
    // The People table counts the user's word, and shows Ana's beside it.
    b.client.goto(&server.url("/#/people")).await.unwrap();
    b.find_x("//tr[th/a='Ana']/td[1][.='nothing has ended yet']")
        .await;
    b.find_x("//tr[th/a='Ana']/td[.='100% kept as agreed']")
        .await;

    // Everything is still there after a reload.
    b.client.goto(&server.url("/#/people/0")).await.unwrap();
    b.client.refresh().await.unwrap();
    check_person_page().await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.client.refresh().await.unwrap();
    b.find_x(MY_WORD_UNCHANGED).await;
    b.find_x(&format!(
        "//details[contains(@class, 'troth-group--kept')]{theirs}[contains(@class, 'troth-row--theirs')]"
    ))
    .await;
    b.find_x(&mine).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_promise_made_to_me_reads_from_my_side_on_its_page() {
    let (server, b) = open("/").await;
    let mut records = serde_json::Map::new();
    let mut theirs = commitment(0, 0, "Send me the signed contract", 3600, 3 * 86_400, &[]);
    theirs["by"] = json!("theirs");
    records.insert("troth.c.0".into(), theirs);
    records.insert(
        "troth.meta".into(),
        json!({ "schema": 4, "people": [person(0, "Ana", Some("America/New_York"))], "next": [1, 1, 0] }),
    );
    records.insert("troth.rev".into(), json!("1"));
    seed(&b, &records).await;
    b.find_x(&row("Send me the signed contract")).await;
    b.client.goto(&server.url("/#/c/0")).await.unwrap();
    b.find_x("//h1[.='Ana promised you: Send me the signed contract']")
        .await;
    b.find_x("//dt[.='From']/following-sibling::dd[1]/a[.='Ana']")
        .await;

    // Ana asks to move it, before it is due: recorded as early, on her record.
    b.type_date("reneg-date", today_in_berlin() + Days::days(5))
        .await;
    b.type_time("reneg-time", 10, 0).await;
    b.find_x("//h3[@id='reneg-title' and .='Ana asks to move it']")
        .await;
    b.click_button("Move it").await;
    // The reason is still required.
    b.find_x("//p[@role='alert' and normalize-space(.)!='']")
        .await;
    b.type_into("reneg-reason", "The lawyer is away until Friday")
        .await;
    b.click_button("Move it").await;
    b.find_x(&entry("Renegotiated early")).await;

    // She says it is done; the user says what is still missing; then it is met.
    b.click_button("Ana says it's done").await;
    b.find_x("//h2[.='Ana says it is done: does it meet what you need?']")
        .await;
    b.find_x("//span[contains(@class, 'troth-state') and .='awaiting your acknowledgement']")
        .await;
    b.type_into("notyet-missing", "the second signature").await;
    b.click_button("Something is still missing").await;
    b.find_x("//dd[@class='troth-missing' and .='the second signature']")
        .await;
    b.click_button("Ana says it's done").await;
    b.type_into("ack-how", "both signatures there").await;
    b.click_button("I acknowledge it").await;
    b.find_x("//span[contains(@class, 'troth-state') and .='kept']")
        .await;
    b.client.refresh().await.unwrap();
    b.find_x("//h1[.='Ana promised you: Send me the signed contract']")
        .await;
    b.find_x("//span[contains(@class, 'troth-state') and .='kept']")
        .await;
    b.close().await;
}
