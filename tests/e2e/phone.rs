//! Phones and screens of every size: at 320 and 390 px wide no page scrolls sideways and every
//! target is at least 44 × 44 px; the console runs a talk from one hand on a phone; the
//! projector keeps the current topic in view when its window changes size.

use super::access::a_busy_week_with_a_talk;
use super::daily::{seed, shot};
use super::present::{k, settled, twenty_long_topics, VISIBLE};
use super::{open, today_in_berlin};
use crate::support::{date_keys, time_keys, Browser, Server};
use chrono::Duration as Days;
use fantoccini::key::Key;
use serde_json::{json, Value};

/// Sizes the page as a phone `width` px wide, through the DevTools protocol (it stays for every
/// page this tab opens), and waits until the page is laid out for that width. (A phone shows
/// a page wider than itself zoomed out: `innerWidth` then says more than `width`.)
async fn phone(b: &Browser, width: u32) {
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": 740, "deviceScaleFactor": 2, "mobile": true }),
    )
    .await;
    b.until(&format!("return matchMedia('(width: {width}px)').matches;"))
        .await;
}

/// How far the page scrolls sideways, what sticks out past its right edge, and every target
/// smaller than 44 × 44 px. A target is whatever takes a tap: links, buttons, fields, folded
/// parts' summaries, and a radio's or checkbox's whole label. A link inside a line of text is
/// left out (WCAG's exception for inline targets): it cannot grow without breaking the line.
const FITS: &str = r#"
const root = document.scrollingElement;
const name = (e) => {
  const r = e.getBoundingClientRect();
  const text = (e.textContent || e.value || e.id || '').trim().replace(/\s+/g, ' ').slice(0, 32);
  return `${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className).replace(/ /g, '.')} "${text}" ${Math.round(r.left)}..${Math.round(r.right)} ${Math.round(r.width)}×${Math.round(r.height)}`;
};
const seen = (e) => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 0 && getComputedStyle(e).visibility !== 'hidden';
};
const inline = (e) => getComputedStyle(e).display === 'inline'
  && e.parentElement.textContent.trim() !== e.textContent.trim();
const targets = [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
  .map(e => (e.type === 'radio' || e.type === 'checkbox') && e.closest('label') ? e.closest('label') : e)
  .filter(seen)
  .filter(e => !(e.tagName === 'A' && inline(e)));
const small = [...new Set(targets)].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width < 43.5 || r.height < 43.5;
}).map(name);
const over = [...document.querySelectorAll('body *')]
  .filter(e => seen(e) && e.getBoundingClientRect().right > root.clientWidth + 0.5)
  .map(name).slice(0, 8);
const sideways = root.scrollWidth - root.clientWidth;
return { ok: sideways <= 0 && innerWidth === WIDTH && small.length === 0, sideways, width: innerWidth, targets: targets.length, over, small };
"#;

/// Checks the page as it is now at 320 and at 390 px wide; returns what failed, named with
/// `page`. The page is left at 390.
async fn fits(b: &Browser, page: &str) -> Vec<String> {
    let mut failed = Vec::new();
    for width in [320, 390] {
        phone(b, width).await;
        // The layout follows the new width on the next frame: wait for it to come right, and
        // keep the last answer to say what is wrong when it never does.
        let seen = settled(b, &FITS.replace("WIDTH", &width.to_string())).await;
        eprintln!(
            "{page} at {width} px: sideways {} px, shown {} px wide, {} targets, {} small",
            seen["sideways"],
            seen["width"],
            seen["targets"],
            seen["small"].as_array().map_or(0, Vec::len)
        );
        if seen["ok"] != Value::Bool(true) {
            eprintln!("{page} at {width} px: {seen:#}");
            failed.push(format!("{page} at {width} px: {seen:#}"));
        }
        shot(
            b,
            &format!("phone-{width}-{}", page.replace([' ', ','], "-")),
        )
        .await;
    }
    failed
}

/// Every page a user meets on a phone, with a busy week's data: none scrolls sideways at 320
/// or 390 px, and every target is at least 44 px square.
#[tokio::test(flavor = "multi_thread")]
async fn no_page_scrolls_sideways_on_a_phone_and_every_target_takes_a_thumb() {
    let (server, b) = open("/").await;
    let mut records = a_busy_week_with_a_talk();
    // Sam's name, for the links he sends.
    records["troth.meta"]["me"] = json!("Sam");
    seed(&b, &records).await;
    let go = |path: &str| visit(&b, &server, path.to_owned());
    let mut failed = Vec::new();

    // A goal with Ana, set through her page (at the desktop size the harness opens).
    go("/#/people/0").await;
    b.find_x("//summary[normalize-space(.)='Set a goal with Ana']")
        .await
        .click()
        .await
        .unwrap();
    b.type_into("goal-what", "Ship the monthly report together")
        .await;
    let kickoff = today_in_berlin() + Days::days(1);
    b.type_into("goal-kickoff-date", &date_keys(kickoff)).await;
    b.type_into("goal-kickoff-time", &time_keys(9, 0)).await;
    b.click_button("Set the goal").await;
    b.find_x("//h1[.='Goal with Ana']").await;
    failed.extend(fits(&b, "goal").await);

    go("/").await;
    b.find_x("//a[.='Overdue report 0']").await;
    failed.extend(fits(&b, "ledger").await);
    b.click_button("Make a commitment").await;
    b.type_into("make-what", "Send Eva the budget by Tuesday")
        .await;
    b.find_x("//ul[@class='troth-notes']/li").await;
    failed.extend(fits(&b, "ledger, form open").await);
    go("/#/c/0").await;
    b.find_x("//h1[.='Overdue report 0']").await;
    failed.extend(fits(&b, "commitment").await);
    go("/#/c/20").await;
    b.find_x("//p[@class='troth-series__runs']").await;
    failed.extend(fits(&b, "commitment in a series").await);
    go("/#/people").await;
    b.find_x("//h1[.='People']").await;
    failed.extend(fits(&b, "people").await);
    go("/#/people/0").await;
    b.find_x("//h1[.='Ana']").await;
    failed.extend(fits(&b, "person").await);

    go("/talk.html#/talks").await;
    b.find_x("//a[.='Open day']").await;
    failed.extend(fits(&b, "talks").await);
    go("/talk.html#/talks/0/present").await;
    b.find_x("//h1[.='Open day']").await;
    failed.extend(fits(&b, "console").await);
    go("/talk.html#/talks/0/project").await;
    b.find(".troth-stage__topic[aria-current]").await;
    failed.extend(fits(&b, "projector").await);
    go("/talk.html#/talks/0/summary").await;
    b.find_x("//h1[.='Open day — summary']").await;
    failed.extend(fits(&b, "summary").await);
    go("/backup.html#/settings").await;
    b.find_x("//h2[.='Import a backup']").await;
    failed.extend(fits(&b, "backup").await);

    // The link pages: Sam asks Ana, then Ana (a fresh Troth) opens it and answers.
    go("/link.html#/send/5").await;
    b.click_button("Make the link for Ana").await;
    let request = link_in(&b, "send-link").await;
    failed.extend(fits(&b, "link, request made").await);
    go("/link.html#/send/0").await;
    b.click_button("Make the link for Ana").await;
    let offer = link_in(&b, "send-link").await;
    seed(&b, &serde_json::Map::new()).await;
    b.client.goto(&request).await.unwrap();
    b.find_x("//h1[.='Sam asks: is it met?']").await;
    failed.extend(fits(&b, "link, request").await);
    b.click_button("Not yet").await;
    b.type_into("answer-missing", "the appendix").await;
    b.click_button("Not yet").await;
    let reply = link_in(&b, "reply-link").await;
    failed.extend(fits(&b, "link, request answered").await);
    b.client.goto("about:blank").await.unwrap();
    b.client.goto(&offer).await.unwrap();
    b.find_x("//h1[.='Sam committed to you']").await;
    failed.extend(fits(&b, "link, offer").await);
    b.client.goto("about:blank").await.unwrap();
    b.client.goto(&reply).await.unwrap();
    b.find("main h1").await;
    failed.extend(fits(&b, "link, reply").await);

    b.close().await;
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Opens `path` on the server, as a new page load.
async fn visit(b: &Browser, server: &Server, path: String) {
    b.client.goto(&server.url(&path)).await.unwrap();
}

/// The link in the field `id`, once it is there.
async fn link_in(b: &Browser, id: &str) -> String {
    b.find_x(&format!("//input[@id='{id}' and contains(@value, '#/')]"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap()
}

/// A presenter runs the talk from a phone held in one hand: the stage's moves are buttons at
/// the bottom of the screen, within the thumb's reach, and each keeps the current topic in view.
#[tokio::test(flavor = "multi_thread")]
async fn the_console_runs_a_talk_one_handed_on_a_phone() {
    let (server, b) = open("/").await;
    seed(&b, &a_busy_week_with_a_talk()).await;
    b.client
        .goto(&server.url("/talk.html#/talks/0/present"))
        .await
        .unwrap();
    b.find_x("//h1[.='Open day']").await;
    phone(&b, 390).await;
    // The stage opens on the first topic not settled: 2, "offline use", not yet.
    b.find_x("//section[contains(@class,'troth-current')]/h2[.='2. offline use']")
        .await;
    // The thumb's buttons sit at the bottom of the screen, whatever has scrolled.
    let thumb = "const bar = document.querySelector('.troth-thumb'); const r = bar.getBoundingClientRect(); \
                 return r.bottom <= innerHeight + 1 && r.bottom >= innerHeight - 2 && r.height >= 44;";
    b.until(thumb).await;
    b.client
        .execute(
            "window.scrollTo(0, document.body.scrollHeight); return null;",
            vec![],
        )
        .await
        .unwrap();
    b.until(thumb).await;
    b.find_x(
        "//div[@role='group' and @aria-label='Stage']//button[normalize-space(.)='Next topic']",
    )
    .await
    .click()
    .await
    .unwrap();
    b.find_x("//section[contains(@class,'troth-current')]/h2[.='3. exports']")
        .await;
    // The current topic, with what can be done about it, is in view above the buttons.
    let in_view =
        "const cur = document.querySelector('.troth-current h2').getBoundingClientRect(); \
                   const bar = document.querySelector('.troth-thumb').getBoundingClientRect(); \
                   return cur.top >= 0 && cur.bottom <= bar.top;";
    b.until(in_view).await;
    b.find_x(
        "//div[@role='group' and @aria-label='Stage']//button[normalize-space(.)='Previous topic']",
    )
    .await
    .click()
    .await
    .unwrap();
    b.find_x("//section[contains(@class,'troth-current')]/h2[.='2. offline use']")
        .await;
    b.until(in_view).await;
    shot(&b, "console-phone").await;
    // Blank the projector from the phone, and show it again.
    b.find_x("//div[@role='group' and @aria-label='Stage']//button[normalize-space(.)='Blank']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//p[@class='troth-current__blank']").await;
    b.find_x("//div[@role='group' and @aria-label='Stage']//button[normalize-space(.)='Show']")
        .await
        .click()
        .await
        .unwrap();
    b.gone_x("//p[@class='troth-current__blank']").await;
    b.close().await;
}

/// Resizes the browser's window, as dragging it to another screen does, and waits until the
/// page has its new size.
async fn window(b: &Browser, w: u32, h: u32) {
    b.client.set_window_size(w, h).await.unwrap();
    b.until(&format!(
        "return outerWidth === {w} && outerHeight === {h} && innerHeight > {h} / 2;"
    ))
    .await;
}

/// Whether the current topic is `n` and wholly in view (see `VISIBLE`).
fn current_in_view(n: &str) -> String {
    format!(
        "const v = (() => {{ {VISIBLE} }})(); return {{ ok: v.inside && v.n === '{n}', ...v }};"
    )
}

/// Issue 13: step to topic 11 of 20 at 1920 × 1080, then resize the window to 1024 × 768 (the
/// window dragged to an older projector): the current topic is in view at once, not after the
/// next key. And back, smaller, and portrait.
#[tokio::test(flavor = "multi_thread")]
async fn the_projector_follows_the_current_topic_when_its_window_is_resized() {
    let (_server, b) = open("/").await;
    twenty_long_topics(&b).await;
    let url = b.client.current_url().await.unwrap();
    b.client
        .goto(&url.as_str().replace("/present", "/project"))
        .await
        .unwrap();
    window(&b, 1920, 1080).await;
    b.find(".troth-stage__topic[aria-current]").await;
    for _ in 1..11 {
        super::present::press(&b, &k(Key::PageDown)).await;
    }
    let seen = settled(&b, &current_in_view("11")).await;
    assert_eq!(seen["ok"], json!(true), "1920×1080: {seen}");
    for (w, h) in [
        (1024, 768),
        (1920, 1080),
        (800, 600),
        (600, 900),
        (1280, 720),
    ] {
        window(&b, w, h).await;
        let seen = settled(&b, &current_in_view("11")).await;
        eprintln!("projector window resized to {w}×{h}: {seen}");
        assert_eq!(seen["ok"], json!(true), "after resizing to {w}×{h}: {seen}");
    }
    // Full screen (F), and out of it again.
    for (key, state) in [("f", "!== null"), ("f", "=== null")] {
        super::present::press(&b, key).await;
        b.until(&format!("return document.fullscreenElement {state};"))
            .await;
        let seen = settled(&b, &current_in_view("11")).await;
        eprintln!("projector, fullscreenElement {state}: {seen}");
        assert_eq!(seen["ok"], json!(true), "full screen {state}: {seen}");
    }
    b.close().await;
}
