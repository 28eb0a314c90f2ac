//! Growing trust over time, end to end: a goal served by two commitments and reviewed; a success
//! affirmed after an acknowledgement; a hand raised and settled with a follow-up. Each survives a
//! reload, and the ledger shows what is due besides commitments.

use super::access::{axe_source, violations};
use super::{make, open, today_in_berlin};
use crate::support::{xpath_literal, Browser};
use chrono::Duration as Days;

/// The commitment row whose link reads `what`.
fn row(what: &str) -> String {
    format!(
        "//li[contains(@class, 'troth-row') and a={}]",
        xpath_literal(what)
    )
}

/// Opens the folded part whose summary reads `text`.
async fn unfold(b: &Browser, text: &str) {
    b.find_x(&format!(
        "//details/summary[normalize-space(.)={}]",
        xpath_literal(text)
    ))
    .await
    .click()
    .await
    .unwrap();
}

/// Chooses the option reading `text` in the select `id`.
async fn select(b: &Browser, id: &str, text: &str) {
    b.find_x(&format!(
        "//select[@id={}]/option[normalize-space(.)={}]",
        xpath_literal(id),
        xpath_literal(text)
    ))
    .await
    .click()
    .await
    .unwrap();
}

/// Goes to `hash` within the ledger's page, as a link would, and waits for its heading.
async fn go(b: &Browser, hash: &str, heading: &str) {
    b.client
        .execute(&format!("location.hash = {hash:?}; return null;"), vec![])
        .await
        .unwrap();
    b.find_x(&format!("//h1[.={}]", xpath_literal(heading)))
        .await;
}

/// Fills the three due fields prefixed `id` with `day` at `hour`:00 (the browser's own zone).
async fn due(b: &Browser, id: &str, day: chrono::NaiveDate, hour: u32) {
    b.type_date(&format!("{id}-date"), day).await;
    b.type_time(&format!("{id}-time"), hour, 0).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_goal_with_two_commitments_and_a_review_held_survives_a_reload() {
    let (_server, b) = open("/").await;
    let today = today_in_berlin();
    // One made before the goal, linked to it later.
    make(
        &b,
        "Share the report template",
        "Ana",
        today + Days::days(2),
        10,
    )
    .await;

    go(&b, "#/people/0", "Ana").await;
    b.find_x("//h2[.='Goals']").await;
    b.find_x("//p[.='No goal agreed yet.']").await;
    unfold(&b, "Set a goal with Ana").await;
    b.type_into("goal-what", "Ship the monthly <b>report</b> together")
        .await;
    due(&b, "goal-kickoff", today + Days::days(1), 9).await;
    // The reviews it will have are said before it is set.
    b.find_x("//p[contains(., 'Reviews: ') and contains(., 'six and twelve months on')]")
        .await;
    b.click_button("Set the goal").await;

    // The goal's own page.
    b.find_x("//h1[.='Goal with Ana']").await;
    b.find_x("//p[@class='troth-goal-what']/strong[.='Ship the monthly <b>report</b> together']")
        .await;
    b.find_x("//strong[.='Review 1']").await;
    b.find_x("//strong[.='Review 2']").await;

    // A commitment made for it, in one step.
    b.type_into("serve-what", "Draft the first report").await;
    due(&b, "serve", today + Days::days(5), 17).await;
    b.click_button("Make it").await;
    b.find_x(&row("Draft the first report")).await;
    // And the one made earlier, linked.
    select(&b, "serve-existing", "Share the report template").await;
    b.click_button("Link it").await;
    b.find_x(&row("Share the report template")).await;

    // The first review, held early: it holds.
    b.type_into("review-0-said", "Going well; monthly is right")
        .await;
    b.click_button("Record the review").await;
    b.click_button("Yes, hold it now").await;
    b.find_x("//p[starts-with(., 'Held ') and contains(., 'the goal holds.')]")
        .await;
    b.find_x("//p[.='Said: Going well; monthly is right']")
        .await;

    // The next review is due in the ledger, like a commitment.
    go(&b, "#/", "Ledger").await;
    b.find_x("//h2[@id='group-agenda' and starts-with(., 'Reviews and raised hands')]")
        .await;
    b.find_x("//a[.='Review the goal: Ship the monthly <b>report</b> together']")
        .await;

    // A reload keeps it all.
    b.client.refresh().await.unwrap();
    b.find_x("//a[.='Review the goal: Ship the monthly <b>report</b> together']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//h1[.='Goal with Ana']").await;
    b.find_x(&row("Draft the first report")).await;
    b.find_x(&row("Share the report template")).await;
    b.find_x("//p[starts-with(., 'Held ') and contains(., 'the goal holds.')]")
        .await;
    // The commitment says which goal it serves.
    b.find_x(&format!("{}/a", row("Draft the first report")))
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//dt[.='Serves the goal']/following-sibling::dd[1]/a[.='Ship the monthly <b>report</b> together']")
        .await;
    b.close().await;
}

/// The goal page's "Next review": the moment, without how far off it is (which moves).
async fn next_review(b: &Browser) -> String {
    let dd = b
        .find_x("//dt[.='Next review']/following-sibling::dd[1]")
        .await;
    let text = b.text_of(&dd).await;
    text.split(" (").next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_review_held_before_its_day_asks_first_and_undo_makes_it_not_held_again() {
    let (_server, b) = open("/").await;
    let today = today_in_berlin();
    make(
        &b,
        "Share the report template",
        "Ana",
        today + Days::days(2),
        10,
    )
    .await;
    go(&b, "#/people/0", "Ana").await;
    unfold(&b, "Set a goal with Ana").await;
    b.type_into("goal-what", "Ship the reports together").await;
    let kickoff = today + Days::days(1);
    due(&b, "goal-kickoff", kickoff, 9).await;
    b.click_button("Set the goal").await;
    b.find_x("//h1[.='Goal with Ana']").await;
    let first = next_review(&b).await;

    // Day one: holding review 1 asks first, with the day it is due (en-US, as the browser writes it).
    let six = kickoff.checked_add_months(chrono::Months::new(6)).unwrap();
    let question = format!(
        "This review is due on {} — hold it now?",
        six.format("%a, %b %-d")
    );
    b.type_into("review-0-said", "Kickoff notes").await;
    b.click_button("Record the review").await;
    b.find_x(&format!(
        "//p[@role='alert' and .={}]",
        xpath_literal(&question)
    ))
    .await;
    // Not yet: nothing is recorded.
    b.click_button("Not yet").await;
    b.gone_x("//p[@role='alert' and starts-with(., 'This review is due')]")
        .await;
    b.click_button("Record the review").await;
    b.click_button("Yes, hold it now").await;
    b.find_x("//p[starts-with(., 'Held ') and contains(., 'the goal holds.')]")
        .await;
    let held_next = next_review(&b).await;
    assert_ne!(held_next, first, "the next review moved on to review 2");

    // Undo, from the message that reported it: review 1 is not held, and next again.
    b.find_x("//p[contains(@class, 'troth-message') and contains(., 'Recorded on the goal.')]")
        .await;
    b.click_button("Undo").await;
    b.find_x(
        "//p[contains(@class, 'troth-message') and contains(., 'Undone: review 1 is not held')]",
    )
    .await;
    b.gone_x("//p[starts-with(., 'Held ')]").await;
    b.find("#review-0-said").await;
    assert_eq!(next_review(&b).await, first);

    // Stored so: a reload reads it the same.
    b.client.refresh().await.unwrap();
    b.find_x("//h1[.='Goal with Ana']").await;
    b.find("#review-0-said").await;
    assert_eq!(next_review(&b).await, first);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_success_is_offered_after_an_acknowledgement_and_listed_on_their_page() {
    let (_server, b) = open("/").await;
    let today = today_in_berlin();
    make(&b, "Send Ana the budget", "Ana", today + Days::days(2), 10).await;
    b.find_x("//a[.='Send Ana the budget']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//h1[.='Send Ana the budget']").await;
    // Not offered before it is met.
    b.click_button("Mark done").await;
    b.click_button("Ana acknowledged it").await;
    b.find_x("//h2[.='Note a success to affirm with Ana']")
        .await;
    b.type_into("ack-success-what", "The budget arrived early and complete")
        .await;
    b.click_button("Note the success").await;
    b.find_x("//p[@role='status' and .='Noted.']").await;

    // On Ana's page, newest first, with what it came from; after a reload too.
    for reload in [false, true] {
        if reload {
            b.client.refresh().await.unwrap();
        }
        go(&b, "#/people/0", "Ana").await;
        b.find_x("//ul[contains(@class, 'troth-successes')]/li[1]/span[.='The budget arrived early and complete']")
            .await;
        b.find_x(
            "//ul[contains(@class, 'troth-successes')]/li[1]//a[.='From: Send Ana the budget']",
        )
        .await;
    }
    // One on its own, from her page: it comes first.
    b.type_into("person-success-what", "Thanks for the patience in review")
        .await;
    b.click_button("Note the success").await;
    b.find_x("//ul[contains(@class, 'troth-successes')]/li[1]/span[.='Thanks for the patience in review']")
        .await;
    b.find_x("//ul[contains(@class, 'troth-successes')]/li[2]/span[.='The budget arrived early and complete']")
        .await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hand_raised_is_due_in_the_ledger_and_settled_with_a_follow_up() {
    let (_server, b) = open("/").await;
    let today = today_in_berlin();
    make(&b, "Call Ana back", "Ana", today + Days::days(1), 10).await;
    go(&b, "#/people/0", "Ana").await;
    b.find_x("//h2[.='Raise your hand']").await;
    b.type_into("hand-concern", "Replies to my <i>mails</i> take a week")
        .await;
    due(&b, "hand", today + Days::days(2), 12).await;
    b.click_button("Raise my hand").await;
    let concern =
        "//li[contains(@class, 'troth-hand')]/span[.='Replies to my <i>mails</i> take a week']";
    b.find_x(concern).await;

    // In the ledger, without the private words.
    go(&b, "#/", "Ledger").await;
    b.find_x("//a[.='Raise your hand with Ana']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//h1[.='Ana']").await;

    // Settled: being worked on, with a follow-up commitment made in the same step.
    unfold(&b, "Record how raising it with Ana went").await;
    b.type_into("hand-0-said", "She did not know the mails waited on her")
        .await;
    select(&b, "hand-0-outcome", "Being worked on").await;
    b.type_into("hand-0-follow", "Send Ana a weekly summary")
        .await;
    due(&b, "hand-0-due", today + Days::days(7), 9).await;
    b.click_button("Record it").await;
    b.find_x(
        "//li[contains(@class, 'troth-hand')]/span[@class='troth-tag' and .='being worked on']",
    )
    .await;

    for reload in [false, true] {
        if reload {
            b.client.refresh().await.unwrap();
            b.find_x("//h1[.='Ana']").await;
        }
        b.find_x(concern).await;
        b.find_x("//li[contains(@class, 'troth-hand')]//span[.='Said: She did not know the mails waited on her']")
            .await;
        b.find_x("//li[contains(@class, 'troth-hand')]//a[.='Send Ana a weekly summary']")
            .await;
    }
    // The follow-up is a commitment in the ledger; nothing is left to raise.
    go(&b, "#/", "Ledger").await;
    b.find_x(&row("Send Ana a weekly summary")).await;
    b.gone_x("//a[.='Raise your hand with Ana']").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_on_the_goal_page_and_the_new_person_page_states() {
    let axe = axe_source();
    let (_server, b) = open("/").await;
    let today = today_in_berlin();
    make(&b, "Send Ana the budget", "Ana", today + Days::days(2), 10).await;
    make(&b, "Call Ana back", "Ana", today + Days::days(3), 10).await;
    b.find_x("//a[.='Send Ana the budget']")
        .await
        .click()
        .await
        .unwrap();
    b.click_button("Mark done").await;
    b.click_button("Ana acknowledged it").await;
    b.find_x("//h2[.='Note a success to affirm with Ana']")
        .await;
    let mut found = violations(&b, &axe, "a commitment, acknowledged").await;
    b.type_into("ack-success-what", "The budget arrived early")
        .await;
    b.click_button("Note the success").await;
    b.find_x("//p[@role='status' and .='Noted.']").await;

    // A person with a goal, a success, and two raised hands: one settled, one with its form open.
    go(&b, "#/people/0", "Ana").await;
    unfold(&b, "Set a goal with Ana").await;
    b.type_into("goal-what", "Ship the reports together").await;
    due(&b, "goal-kickoff", today + Days::days(1), 9).await;
    found.extend(violations(&b, &axe, "a person, setting a goal").await);
    b.click_button("Set the goal").await;
    b.find_x("//h1[.='Goal with Ana']").await;
    b.type_into("serve-what", "Draft the first report").await;
    due(&b, "serve", today + Days::days(5), 17).await;
    b.click_button("Make it").await;
    b.find_x(&row("Draft the first report")).await;
    b.type_into("review-0-said", "Monthly is too often").await;
    select(
        &b,
        "review-0-verdict",
        "changes (a new version; the old one is kept)",
    )
    .await;
    b.type_into(
        "review-0-what",
        "Ship the reports together, every two months",
    )
    .await;
    b.click_button("Record the review").await;
    b.click_button("Yes, hold it now").await;
    b.find_x("//h2[.='Earlier versions']").await;
    unfold(&b, "Move review 2").await;
    unfold(&b, "Add a review").await;
    select(
        &b,
        "review-1-verdict",
        "changes (a new version; the old one is kept)",
    )
    .await;
    b.type_into("goal-success-what", "First report shipped")
        .await;
    b.click_button("Note the success").await;
    b.find_x("//span[.='First report shipped']").await;
    found.extend(violations(&b, &axe, "a goal, reviewed and changed").await);

    go(&b, "#/people/0", "Ana").await;
    for (n, concern) in ["Late replies", "Budget mails"].into_iter().enumerate() {
        b.type_into("hand-concern", concern).await;
        due(&b, "hand", today + Days::days(2 + n as i64), 12).await;
        b.click_button("Raise my hand").await;
        b.find_x(&format!(
            "//li[contains(@class, 'troth-hand')]/span[.={}]",
            xpath_literal(concern)
        ))
        .await;
    }
    let settle = |concern: &str| {
        format!(
            "//li[contains(@class, 'troth-hand') and span={}]//summary",
            xpath_literal(concern)
        )
    };
    b.find_x(&settle("Late replies"))
        .await
        .click()
        .await
        .unwrap();
    b.type_into("hand-0-said", "She did not know").await;
    select(&b, "hand-0-outcome", "Restored").await;
    b.find_x("//li[contains(@class, 'troth-hand') and span='Late replies']//button[.='Record it']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//span[@class='troth-tag' and .='trust restored']")
        .await;
    b.find_x(&settle("Budget mails"))
        .await
        .click()
        .await
        .unwrap();
    select(&b, "hand-1-outcome", "Being worked on").await;
    b.find("#hand-1-follow").await;
    found.extend(violations(&b, &axe, "a person with goals, successes and raised hands").await);

    go(&b, "#/", "Ledger").await;
    b.find_x("//h2[@id='group-agenda']").await;
    found.extend(violations(&b, &axe, "the ledger with reviews and raised hands").await);
    b.close().await;
    assert!(
        found.is_empty(),
        "axe found {} violation(s):\n{}",
        found.len(),
        found.join("\n")
    );
}
