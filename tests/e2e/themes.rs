//! Colours: light and dark pages, as the system says or as the user chose (remembered, and on
//! the page before it draws); the projector's own two themes with its L key; Windows high
//! contrast keeping every state apart; less motion for whoever asks for it.

use super::access::a_busy_week_with_a_talk;
use super::daily::{seed, shot};
use super::open;
use super::present::{press, MEASURE};
use crate::support::Browser;
use fantoccini::key::Key;
use serde_json::{json, Value};

/// Emulates the system's media features `features` (name, value) on this tab.
async fn media(b: &Browser, features: &[(&str, &str)]) {
    let features: Vec<Value> = features
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect();
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": features }),
    )
    .await;
}

/// The page's own colours now: `<html data-theme>`, and the page's background as drawn.
const LOOK: &str = "return { theme: document.documentElement.getAttribute('data-theme'), \
    bg: getComputedStyle(document.documentElement).backgroundColor, \
    text: getComputedStyle(document.body).color, \
    early: window.__troth_theme_before_body ?? 'not recorded' };";

const LIGHT_BG: &str = "rgb(255, 255, 255)";
const DARK_BG: &str = "rgb(15, 18, 22)";

/// Waits until the page's background is `bg`; returns what the page says of its colours.
async fn background(b: &Browser, bg: &str) -> Value {
    b.until(&format!(
        "return getComputedStyle(document.documentElement).backgroundColor === '{bg}';"
    ))
    .await;
    b.client.execute(LOOK, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_colours_chosen_are_remembered_and_on_the_page_before_it_draws() {
    let (server, b) = open("/").await;
    // Records `data-theme` as the parser reaches <body>: after the head's own scripts, before
    // any WASM (a module script runs only once the whole page is parsed), so before the first
    // paint of anything the user could see.
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "new MutationObserver((_, seen) => { if (document.body) { \
            window.__troth_theme_before_body = document.documentElement.getAttribute('data-theme'); \
            seen.disconnect(); } }).observe(document, { childList: true, subtree: true });" }),
    )
    .await;
    media(&b, &[("prefers-color-scheme", "light")]).await;
    b.client
        .goto(&server.url("/backup.html#/settings"))
        .await
        .unwrap();
    // The system's colours until the user chooses: light, then dark when the system says so.
    b.find("#theme-system:checked").await;
    let look = background(&b, LIGHT_BG).await;
    assert_eq!(look["theme"], Value::Null, "{look}");
    media(&b, &[("prefers-color-scheme", "dark")]).await;
    background(&b, DARK_BG).await;
    media(&b, &[("prefers-color-scheme", "light")]).await;
    background(&b, LIGHT_BG).await;

    // Dark, chosen against a light system: at once, and on every page from then on.
    b.find_x("//label[normalize-space(.)='Dark']")
        .await
        .click()
        .await
        .unwrap();
    let look = background(&b, DARK_BG).await;
    assert_eq!(look["theme"], json!("dark"), "{look}");
    assert_eq!(look["text"], json!("rgb(241, 243, 245)"), "{look}");
    shot(&b, "settings-dark").await;
    for page in ["/#/people", "/talk.html#/talks", "/link.html"] {
        b.client.goto(&server.url(page)).await.unwrap();
        let look = background(&b, DARK_BG).await;
        assert_eq!(look["early"], json!("dark"), "{page}: {look}");
    }
    b.client.refresh().await.unwrap();
    let look = background(&b, DARK_BG).await;
    assert_eq!(look["early"], json!("dark"), "after a reload: {look}");

    // Light, chosen against a dark system.
    media(&b, &[("prefers-color-scheme", "dark")]).await;
    b.client
        .goto(&server.url("/backup.html#/settings"))
        .await
        .unwrap();
    b.find("#theme-dark:checked").await;
    b.find_x("//label[normalize-space(.)='Light']")
        .await
        .click()
        .await
        .unwrap();
    let look = background(&b, LIGHT_BG).await;
    assert_eq!(look["theme"], json!("light"), "{look}");
    b.client.goto(&server.url("/")).await.unwrap();
    let look = background(&b, LIGHT_BG).await;
    assert_eq!(look["early"], json!("light"), "{look}");

    // Back to the system's: nothing is left stored, and the page follows the system again.
    b.client
        .goto(&server.url("/backup.html#/settings"))
        .await
        .unwrap();
    b.find("#theme-light:checked").await;
    b.find_x("//label[normalize-space(.)='System']")
        .await
        .click()
        .await
        .unwrap();
    let look = background(&b, DARK_BG).await;
    assert_eq!(look["theme"], Value::Null, "{look}");
    let stored = b
        .client
        .execute("return localStorage.getItem('troth.theme');", vec![])
        .await
        .unwrap();
    assert_eq!(stored, Value::Null);
    b.client.refresh().await.unwrap();
    b.find("#theme-system:checked").await;
    background(&b, DARK_BG).await;
    b.close().await;
}

/// A second tab takes the colours chosen in the first at once, without a reload.
#[tokio::test(flavor = "multi_thread")]
async fn another_tab_takes_the_colours_chosen() {
    let (server, b) = open("/").await;
    media(&b, &[("prefers-color-scheme", "light")]).await;
    let first = b.client.window().await.unwrap();
    let second = b.client.new_window(false).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();
    media(&b, &[("prefers-color-scheme", "light")]).await;
    b.client.goto(&server.url("/#/people")).await.unwrap();
    b.find_x("//h1[.='People']").await;
    background(&b, LIGHT_BG).await;
    b.client.switch_to_window(first).await.unwrap();
    b.client
        .goto(&server.url("/backup.html#/settings"))
        .await
        .unwrap();
    b.find_x("//label[normalize-space(.)='Dark']")
        .await
        .click()
        .await
        .unwrap();
    background(&b, DARK_BG).await;
    b.client.switch_to_window(second).await.unwrap();
    let look = background(&b, DARK_BG).await;
    assert_eq!(look["theme"], json!("dark"), "{look}");
    b.close().await;
}

/// The lowest contrast of any text on the projector, and its background, measured as the
/// legibility test measures them.
async fn stage_contrast(b: &Browser) -> (f64, Value) {
    let m = b.client.execute(MEASURE, vec![]).await.unwrap();
    (m["contrast"].as_f64().unwrap(), m)
}

#[tokio::test(flavor = "multi_thread")]
async fn l_turns_the_projector_dark_on_white_for_a_bright_room_and_it_is_remembered() {
    let (server, b) = open("/").await;
    seed(&b, &a_busy_week_with_a_talk()).await;
    let console = b.client.window().await.unwrap();
    b.client
        .goto(&server.url("/talk.html#/talks/0/present"))
        .await
        .unwrap();
    b.find_x("//h1[.='Open day']").await;
    let projector = b.client.new_window(false).await.unwrap().handle;
    b.client.switch_to_window(projector.clone()).await.unwrap();
    b.client
        .goto(&server.url("/talk.html#/talks/0/project"))
        .await
        .unwrap();
    b.find(".troth-stage__topic[aria-current]").await;
    let stage_bg =
        "return getComputedStyle(document.querySelector('.troth-stage')).backgroundColor";
    b.until(&format!("{stage_bg} === 'rgb(0, 0, 0)';")).await;

    // The key is listed under ?.
    press(&b, "?").await;
    b.find_x("//section[@role='dialog']//tr[th/kbd='L' and contains(td, 'bright room')]")
        .await;
    press(&b, &char::from(Key::Escape).to_string()).await;
    b.gone_x("//section[@role='dialog']").await;

    press(&b, "l").await;
    b.until(&format!("{stage_bg} === 'rgb(255, 255, 255)';"))
        .await;
    let (contrast, m) = stage_contrast(&b).await;
    eprintln!(
        "bright projector: lowest contrast {contrast:.2}:1 ({})",
        m["worst"]
    );
    assert!(contrast >= 7.0, "bright room: {m}");
    shot(&b, "projector-bright").await;
    // The current topic stands out from the white around it.
    let fill = b
        .client
        .execute(
            "return getComputedStyle(document.querySelector('.troth-stage__topic[aria-current]')).backgroundColor;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fill, json!("rgb(11, 61, 145)"));

    // Remembered: a reload keeps it, before anything is drawn.
    b.client.refresh().await.unwrap();
    b.find(".troth-stage__topic[aria-current]").await;
    b.until(&format!("{stage_bg} === 'rgb(255, 255, 255)';"))
        .await;

    // The console's button switches it back, and the projector follows at once.
    b.client.switch_to_window(console).await.unwrap();
    b.find_x("//button[normalize-space(.)='Bright room (L)' and @aria-pressed='true']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//button[normalize-space(.)='Bright room (L)' and @aria-pressed='false']")
        .await;
    b.client.switch_to_window(projector).await.unwrap();
    b.until(&format!("{stage_bg} === 'rgb(0, 0, 0)';")).await;
    let (contrast, m) = stage_contrast(&b).await;
    assert!(contrast >= 7.0, "dark room: {m}");
    b.close().await;
}

/// With Windows high contrast (forced colours), fills and coloured edges give way to the
/// system's colours: each state must still look different, in the console and on the
/// projector.
#[tokio::test(flavor = "multi_thread")]
async fn in_forced_colours_every_topic_state_still_looks_different() {
    let (server, b) = open("/").await;
    seed(&b, &a_busy_week_with_a_talk()).await;
    media(&b, &[("forced-colors", "active")]).await;
    b.client
        .goto(&server.url("/talk.html#/talks/0/project"))
        .await
        .unwrap();
    b.find(".troth-stage__topic[aria-current]").await;
    b.until("return matchMedia('(forced-colors: active)').matches;")
        .await;
    shot(&b, "projector-forced-colours").await;
    // How each topic is drawn: its state, whether current, and what tells it apart.
    let looks = b
        .client
        .execute(
            r#"return [...document.querySelectorAll('.troth-stage__topic')].map(t => {
  const s = getComputedStyle(t), text = getComputedStyle(t.querySelector('.troth-stage__text'));
  return [t.className.replace('troth-stage__topic troth-stage__topic--', '') + (t.hasAttribute('aria-current') ? ' current' : ''),
    [s.backgroundColor, s.outlineStyle, s.borderLeftStyle, text.textDecorationLine].join(' ')];
});"#,
            vec![],
        )
        .await
        .unwrap();
    eprintln!("projector in forced colours: {looks}");
    let looks: Vec<(String, String)> = serde_json::from_value(looks).unwrap();
    let of = |state: &str| {
        looks
            .iter()
            .find(|(s, _)| s == state)
            .map(|(_, look)| look.clone())
            .unwrap_or_else(|| panic!("no {state} topic: {looks:?}"))
    };
    // 1 confirmed, 2 not yet and current (the first not settled), 3 deferred, 4 covered, 5 open.
    let states = ["confirmed", "notyet current", "deferred", "covered", "open"];
    for (i, a) in states.iter().enumerate() {
        for b in &states[i + 1..] {
            assert_ne!(of(a), of(b), "{a} and {b} look alike: {looks:?}");
        }
    }
    assert!(of("covered").contains("dashed"), "{looks:?}");
    // Off stage, not yet still looks like not yet.
    press(&b, &char::from(Key::PageDown).to_string()).await;
    b.find_x("//li[@aria-current='true']/span[@class='troth-stage__n' and .='3']")
        .await;
    let notyet = b
        .client
        .execute(
            "return getComputedStyle(document.querySelector('.troth-stage__topic--notyet')).borderLeftStyle;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(notyet, json!("double"));

    // The console says each state in words.
    b.client
        .goto(&server.url("/talk.html#/talks/0/present"))
        .await
        .unwrap();
    b.find_x("//h1[.='Open day']").await;
    let tags = b
        .client
        .execute(
            "return [...document.querySelectorAll('.troth-topic .troth-tag')].map(t => t.textContent);",
            vec![],
        )
        .await
        .unwrap();
    let tags: Vec<String> = serde_json::from_value(tags).unwrap();
    let mut distinct = tags.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        5,
        "each of the five states in its own words: {tags:?}"
    );
    b.close().await;
}

/// Whoever asks for less motion gets no smooth scrolling on the projector; everyone else does.
#[tokio::test(flavor = "multi_thread")]
async fn the_projector_scrolls_smoothly_unless_less_motion_is_asked_for() {
    let (server, b) = open("/").await;
    seed(&b, &a_busy_week_with_a_talk()).await;
    b.client
        .goto(&server.url("/talk.html#/talks/0/project"))
        .await
        .unwrap();
    b.find(".troth-stage__topic[aria-current]").await;
    let behaviour =
        "return getComputedStyle(document.querySelector('.troth-stage__topics')).scrollBehavior";
    b.until(&format!("{behaviour} === 'smooth';")).await;
    media(&b, &[("prefers-reduced-motion", "reduce")]).await;
    b.until(&format!("{behaviour} === 'auto';")).await;
    b.close().await;
}
