//! Accessibility: axe-core (installed by `scripts/tools.sh` into `.tools/`) run on every page a
//! user meets, with a busy week's data and the forms and questions open, so that what only shows
//! in use (field errors, notes, confirmations, dialogs) is checked too. The rule set is axe's
//! default: WCAG 2 A and AA, and best practices.

use super::daily::{a_busy_week, commitment, now, person, seed};
use super::present::press;
use super::{open, today_in_berlin};
use crate::support::{Browser, Server};
use chrono::Duration as Days;
use fantoccini::key::Key;
use serde_json::{json, Value};

/// axe-core as `scripts/tools.sh` installs it.
pub(crate) fn axe_source() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run scripts/tools.sh to install axe-core)",
            path.display()
        )
    })
}

/// Runs axe on the page as it is now and returns its violations, one readable line each
/// (rule, what it asks, and the elements that fail it), prefixed with `page`.
pub(crate) async fn violations(b: &Browser, axe: &str, page: &str) -> Vec<String> {
    // A page load (another entry, a reload) forgets it: inject it again then. WebDriver's
    // scripts run whatever the page's Content-Security-Policy says.
    let missing = b
        .client
        .execute("return typeof window.axe === 'undefined';", vec![])
        .await
        .unwrap();
    if missing == Value::Bool(true) {
        b.client
            .execute(&format!("{axe}\n;return null;"), vec![])
            .await
            .unwrap();
    }
    let found = b
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done({
    passed: r.passes.length,
    review: r.incomplete.map(i => i.id),
    violations: r.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(' '), why: n.failureSummary })),
    })),
  }))
  .catch(e => done({ violations: [{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }] }));"#,
            vec![],
        )
        .await
        .unwrap();
    let mut lines = Vec::new();
    for v in found["violations"].as_array().expect("axe's violations") {
        let mut line = format!("{page}: {} ({}): {}", v["id"], v["impact"], v["help"]);
        for n in v["nodes"].as_array().into_iter().flatten() {
            line.push_str(&format!(
                "\n    at {}\n       {}",
                n["target"],
                n["why"].as_str().unwrap_or("").replace('\n', "\n       ")
            ));
        }
        lines.push(line);
    }
    // What axe could not decide alone (say, text over a gradient) is for a person to look at,
    // not a failure: named, so it is not missed.
    eprintln!(
        "axe {page}: {} violation(s), {} rule(s) passed, to review by eye: {}",
        lines.len(),
        found["passed"],
        found["review"]
    );
    lines
}

/// The busy week, plus two people with no time zone (Dee, whose topic became a commitment, and
/// Eli, who only asked a topic), and a talk with a topic in each state: open, covered,
/// confirmed, not yet, deferred to a commitment.
pub(crate) fn a_busy_week_with_a_talk() -> serde_json::Map<String, Value> {
    let mut records = a_busy_week();
    let t = now();
    // The commitment the deferred topic became, to Dee (the busy week's ids end at 15).
    records.insert(
        "troth.c.16".into(),
        commitment(16, 3, "exports: a CSV sample", 300, 3 * 86_400, &[]),
    );
    let topic = |id: u64, text: &str, asker: u64, history: Value| json!({ "id": id, "text": text, "askers": [asker], "history": history });
    let covered = json!({ "covered": { "at": t - 900 } });
    records.insert(
        "troth.t.0".into(),
        json!({
            "id": 0,
            "title": "Open day",
            "date": today_in_berlin().format("%Y-%m-%d").to_string(),
            "started": t - 1200,
            "topics": [
                topic(0, "pricing for schools", 0, json!([covered, { "confirmed": { "at": t - 800, "by": 0 } }])),
                topic(1, "offline use", 1, json!([covered, { "notyet": { "at": t - 700, "by": 1, "missing": "edits made offline" } }])),
                topic(2, "exports", 3, json!([covered, { "notyet": { "at": t - 600, "by": 3, "missing": "a CSV sample" } }, { "deferred": { "at": t - 300, "by": 3, "commitment": 16 } }])),
                topic(3, "accessibility", 2, json!([covered])),
                topic(4, "the roadmap", 4, json!([])),
            ],
            "next_topic": 5,
        }),
    );
    // Two promised to the user, by Ana: one she says is done (waiting for the user's
    // acknowledgement), one she kept.
    let mut theirs = commitment(
        17,
        0,
        "Ana: the venue booking",
        86_400,
        86_400,
        &[("done", 600)],
    );
    theirs["by"] = json!("theirs");
    records.insert("troth.c.17".into(), theirs);
    let mut kept = commitment(
        18,
        0,
        "Ana: the guest list",
        5 * 86_400,
        -3 * 86_400,
        &[("done", 4 * 86_400), ("ack", 4 * 86_400)],
    );
    kept["by"] = json!("theirs");
    records.insert("troth.c.18".into(), kept);
    // A daily series to Ana, both kept (the latest can be made again), and a standing one.
    for (id, back) in [(19u64, 2 * 86_400), (20, 86_400)] {
        let mut c = commitment(
            id,
            0,
            "Call Ana before nine",
            back + 3_600,
            -back,
            &[("done", back + 60), ("ack", back - 60)],
        );
        if id == 20 {
            c["series"] = json!(19);
        }
        records.insert(format!("troth.c.{id}"), c);
    }
    let mut standing = commitment(
        21,
        0,
        "Talk only to Ana, not to her boss",
        3_600,
        30 * 86_400,
        &[],
    );
    standing["kind"] = json!("standing");
    records.insert("troth.c.21".into(), standing);
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 5,
            "people": [
                person(0, "Ana", Some("Europe/Berlin")),
                person(1, "Bo", Some("America/New_York")),
                person(2, "Cy", Some("Asia/Kolkata")),
                person(3, "Dee", None),
                person(4, "Eli", None),
            ],
            "next": [5, 22, 1],
        }),
    );
    records
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_on_any_page_light_or_dark() {
    let axe = axe_source();
    let (server, b) = open("/").await;
    let mut found = Vec::new();
    // A light system, on every page this tab opens from now on; the second time round the user
    // chose Dark on the Settings page (the link pages' test has the system itself dark).
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": "light" }] }),
    )
    .await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.until("return matchMedia('(prefers-color-scheme: light)').matches;")
        .await;
    for scheme in ["light", "dark"] {
        b.client.goto(&server.url("/")).await.unwrap();
        found.extend(tour(&b, &server, &axe, scheme).await);
    }
    b.close().await;
    assert!(
        found.is_empty(),
        "axe found {} violation(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Every page a user meets, each in the states that show more than the page at rest, checked
/// by axe once what it shows is there; the violations found, each named with its page.
async fn tour(b: &Browser, server: &Server, axe: &str, scheme: &str) -> Vec<String> {
    let mut records = a_busy_week_with_a_talk();
    if scheme == "dark" {
        // As the Settings page stores the choice.
        records.insert("troth.theme".into(), json!("dark"));
    }
    seed(b, &records).await;
    let page_bg = if scheme == "dark" {
        "rgb(15, 18, 22)"
    } else {
        "rgb(255, 255, 255)"
    };
    b.until(&format!(
        "return getComputedStyle(document.documentElement).backgroundColor === '{page_bg}';"
    ))
    .await;
    let mut found = Vec::new();
    let check = |page: &'static str| {
        let page = format!("{page} ({scheme})");
        async move { violations(b, axe, &page).await }
    };

    // The ledger: the list with its folded groups opened, then the form open and in use.
    b.find_x("//h3[@id='group-overdue']").await;
    b.find_x("//a[.='Overdue report 0']").await;
    for group in ["kept", "ended"] {
        b.find_x(&format!(
            "//details[contains(@class, 'troth-group--{group}')]/summary"
        ))
        .await
        .click()
        .await
        .unwrap();
    }
    b.find_x("//details[@open]//a[.='Kept promise 0']").await;
    b.find_x("//details[@open]//a[.='Missed one']").await;
    found.extend(check("ledger").await);
    // Filtered to what others promised the user.
    b.find_x("//label[normalize-space(.)='Promised to me']")
        .await
        .click()
        .await
        .unwrap();
    b.gone_x("//a[.='Overdue report 0']").await;
    b.find_x("//li[contains(@class, 'troth-row--theirs')]//a[.='Ana: the venue booking']")
        .await;
    found.extend(check("ledger, filtered to promised to me").await);
    b.find_x("//label[normalize-space(.)='All']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//a[.='Overdue report 0']").await;
    b.click_button("Make a commitment").await;
    // The form the other way round, then back.
    b.find_x("//label[normalize-space(.)='Someone promised it to me']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//label[@for='make-to' and .='Who promised it?']")
        .await;
    b.type_into("make-what", "Ana sends the venue plan soon")
        .await;
    b.find_x("//ul[@class='troth-notes']/li[contains(., '“soon”')]")
        .await;
    b.find_x("//label[normalize-space(.)='Something kept until a moment']")
        .await
        .click()
        .await
        .unwrap();
    b.find("#make-standing-hint").await;
    found.extend(check("ledger, form with promised me chosen, standing").await);
    b.find_x("//label[normalize-space(.)='Something done by a moment']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//label[normalize-space(.)='I promise it to someone']")
        .await
        .click()
        .await
        .unwrap();
    b.type_into("make-what", "Send Eva the budget by Tuesday")
        .await;
    b.type_into("make-to", "Eva").await;
    b.type_into("make-their-zone", "America/New_York").await;
    b.type_into("make-zone", "Atlantis").await;
    b.type_date("make-date", today_in_berlin() + Days::days(3))
        .await;
    b.find_x("//p[@id='make-zone-error' and contains(., '“Atlantis” is not a time zone')]")
        .await;
    b.find_x("//ul[@class='troth-notes']/li[contains(., '“by Tuesday”')]")
        .await;
    found.extend(check("ledger, form with an unknown zone and notes").await);
    b.type_into("make-zone", "New York").await;
    b.type_time("make-time", 17, 0).await;
    b.find_x("//span[@class='troth-zone__elsewhere']").await;
    b.find_x("//p[contains(@class, 'troth-preview') and starts-with(., 'Due ')]")
        .await;
    found.extend(check("ledger, form with a preview and a zone note").await);
    b.type_into("make-what", "Send Eva the budget").await;
    b.click_button("Make commitment").await;
    b.find_x("//p[@class='troth-made' and contains(., 'Committed to Eva: Send Eva the budget')]")
        .await;
    found.extend(check("ledger, a commitment just made").await);

    // A fresh commitment, with its slip correction.
    b.find_x("//a[@class='troth-row__what' and .='Send Eva the budget']")
        .await
        .click()
        .await
        .unwrap();
    b.find_x("//h1[.='Send Eva the budget']").await;
    b.find_x("//h2[.='Correct a slip']").await;
    found.extend(check("fresh commitment").await);

    // An overdue one, asked whether to mark it missed.
    b.client.goto(&server.url("/#/c/0")).await.unwrap();
    b.find_x("//h1[.='Overdue report 0']").await;
    b.click_button("Mark missed…").await;
    b.find_x("//p[@role='alert' and starts-with(., 'Mark it missed?')]")
        .await;
    found.extend(check("overdue commitment, Mark missed asked").await);

    // One waiting for its acknowledgement.
    b.client.goto(&server.url("/#/c/5")).await.unwrap();
    b.find_x("//h1[.='Awaiting note 0']").await;
    b.find_x("//h2[.='Waiting for Ana']").await;
    found.extend(check("awaiting commitment").await);

    // One Ana promised the user, which she says is done.
    b.client.goto(&server.url("/#/c/17")).await.unwrap();
    b.find_x("//h1[.='Ana promised you: Ana: the venue booking']")
        .await;
    b.find_x("//h2[.='Ana says it is done: does it meet what you need?']")
        .await;
    found.extend(check("commitment promised to the user, awaiting").await);

    // One day at a time: the latest of a series, made again from here; a standing one, broken.
    b.client.goto(&server.url("/#/c/20")).await.unwrap();
    b.find_x("//button[.='Again tomorrow']").await;
    b.find_x("//p[@class='troth-series__runs']").await;
    found.extend(check("commitment in a series, Again").await);
    b.client.goto(&server.url("/#/c/21")).await.unwrap();
    b.find_x("//summary[.='It was broken…']")
        .await
        .click()
        .await
        .unwrap();
    b.find("#break-what").await;
    found.extend(check("standing commitment, broken asked").await);

    // People, and two people's pages: one with a record, one known only from a talk.
    b.client.goto(&server.url("/#/people")).await.unwrap();
    b.find_x("//tr[th/a='Dee']/td[.='not known yet']").await;
    b.find_x("//tr[th[a='Eli' and contains(., 'asked a topic in')]]/td[.='not known yet']")
        .await;
    found.extend(check("people").await);
    b.client.goto(&server.url("/#/people/0")).await.unwrap();
    b.find_x("//h1[.='Ana']").await;
    b.find_x("//tr[th='Made']").await;
    // Two records: the user's word to Ana, and Ana's to the user, with how it was acknowledged.
    b.find_x("//section[contains(@class, 'troth-record')]/p[starts-with(., 'Of those kept')]")
        .await;
    b.find_x("//li[contains(@class, 'troth-row--theirs')]//a[.='Ana: the guest list']")
        .await;
    found.extend(check("person (Ana), two records").await);
    // Her record over time: the chart, then as a table, then over all months.
    b.find_x(
        "//section[@aria-labelledby='chart-person-title']//*[local-name()='svg' and @role='img']",
    )
    .await;
    b.click_button("Show as table").await;
    b.find_x("//button[.='Show as table' and @aria-pressed='true']")
        .await;
    found.extend(check("person (Ana), record chart as a table").await);
    b.click_button("Show as table").await;
    b.find_x("//label[normalize-space(.)='All months']")
        .await
        .click()
        .await
        .unwrap();
    b.find("#chart-person-all:checked").await;
    b.find_x("//button[.='Show as table' and @aria-pressed='false']")
        .await;
    found.extend(check("person (Ana), record chart over all months").await);
    b.client.goto(&server.url("/#/people/3")).await.unwrap();
    b.find_x("//h1[.='Dee']").await;
    b.find_x("//a[.='exports: a CSV sample']").await;
    found.extend(check("person (Dee, no zone)").await);

    // Presentation mode: the talks, the console with its help and its question, the projector,
    // the summary.
    b.client
        .goto(&server.url("/talk.html#/talks"))
        .await
        .unwrap();
    b.find_x("//h1[.='Talks']").await;
    b.find_x("//a[.='Open day']").await;
    found.extend(check("talks").await);

    b.client
        .goto(&server.url("/talk.html#/talks/0/present"))
        .await
        .unwrap();
    b.find_x("//h1[.='Open day']").await;
    b.find_x("//li[contains(@class,'troth-topic--deferred')]//span[.='exports']")
        .await;
    found.extend(check("console").await);
    press(b, "?").await;
    b.find_x("//section[@role='dialog']//td[.='next topic']")
        .await;
    found.extend(check("console, keys help").await);
    press(b, &char::from(Key::Escape).to_string()).await;
    b.gone_x("//section[@role='dialog']").await;
    b.find_x("//span[@class='troth-console__clock' and contains(., 'elapsed')]")
        .await;
    press(b, "s").await;
    b.find_x("//div[@role='group' and .//p[.='Restart the clock from 0:00?']]")
        .await;
    found.extend(check("console, restart asked").await);

    b.client
        .goto(&server.url("/talk.html#/talks/0/project"))
        .await
        .unwrap();
    b.find_x("//*[contains(@class,'troth-stage__text') and .='the roadmap']")
        .await;
    b.find(".troth-stage__topic--covered").await;
    found.extend(check("projector").await);
    press(b, "?").await;
    b.find_x("//section[@role='dialog']//td[.='next topic']")
        .await;
    found.extend(check("projector, keys help").await);
    press(b, &char::from(Key::Escape).to_string()).await;
    b.gone_x("//section[@role='dialog']").await;
    // Its second theme, for a bright room: dark on white.
    press(b, "l").await;
    b.until("return getComputedStyle(document.querySelector('.troth-stage')).backgroundColor === 'rgb(255, 255, 255)';")
        .await;
    found.extend(check("projector, bright room").await);
    press(b, "?").await;
    b.find_x("//section[@role='dialog']//td[.='next topic']")
        .await;
    found.extend(check("projector, bright room, keys help").await);
    press(b, &char::from(Key::Escape).to_string()).await;
    b.gone_x("//section[@role='dialog']").await;

    b.client
        .goto(&server.url("/talk.html#/talks/0/summary"))
        .await
        .unwrap();
    b.find_x("//h1[.='Open day — summary']").await;
    b.find_x("//h2[starts-with(., 'Confirmed (')]").await;
    found.extend(check("summary").await);

    // Backup.
    b.client
        .goto(&server.url("/backup.html#/settings"))
        .await
        .unwrap();
    b.find_x("//h1[.='Settings and backup']").await;
    b.find_x("//h2[.='Import a backup']").await;
    b.find(&format!(
        "#theme-{}:checked",
        if scheme == "dark" { "dark" } else { "system" }
    ))
    .await;
    found.extend(check("backup").await);

    found
}

/// The pages a link opens, in two browsers (the one who asks and the one asked), light and
/// dark: making the link, answering it, keeping it, recording the reply, and the refusals.
#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_on_the_link_pages_light_or_dark() {
    let axe = axe_source();
    let server = Server::start(crate::support::dist());
    let sam = Browser::launch().await;
    let ana = Browser::launch().await;
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        for b in [&sam, &ana] {
            b.client.goto(&server.url("/link.html")).await.unwrap();
            b.cdp(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            )
            .await;
        }
        found.extend(links_tour(&sam, &ana, &server, &axe, scheme).await);
    }
    sam.close().await;
    ana.close().await;
    assert!(
        found.is_empty(),
        "axe found {} violation(s):\n{}",
        found.len(),
        found.join("\n")
    );
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

/// Opens `url` as a new page load, as following a link from a mail would.
async fn go(b: &Browser, url: &str) {
    b.client.goto("about:blank").await.unwrap();
    b.client.goto(url).await.unwrap();
}

async fn links_tour(
    sam: &Browser,
    ana: &Browser,
    server: &Server,
    axe: &str,
    scheme: &str,
) -> Vec<String> {
    let mut found = Vec::new();
    let page = |name: &str| format!("{name} ({scheme})");

    sam.client.goto(&server.url("/")).await.unwrap();
    seed(sam, &a_busy_week()).await;
    ana.client.goto(&server.url("/")).await.unwrap();
    seed(ana, &serde_json::Map::new()).await;

    go(sam, &server.url("/link.html#/send/5")).await;
    sam.find_x("//h1[.='Ask Ana: is it met?']").await;
    sam.click_button("Make the link for Ana").await;
    sam.find("#my-name").await;
    found.extend(violations(sam, axe, &page("send, name asked")).await);
    sam.type_into("my-name", "Sam").await;
    sam.click_button("Save and make the link").await;
    let request = link_in(sam, "send-link").await;
    found.extend(violations(sam, axe, &page("send, request made")).await);
    go(sam, &server.url("/link.html#/send/0")).await;
    sam.click_button("Make the link for Ana").await;
    let offer = link_in(sam, "send-link").await;
    found.extend(violations(sam, axe, &page("send, offer made")).await);
    go(sam, &request).await;
    sam.find_x("//h1[.='Your own request']").await;
    found.extend(violations(sam, axe, &page("own request")).await);

    go(ana, &request).await;
    ana.find_x("//h1[.='Sam asks: is it met?']").await;
    found.extend(violations(ana, axe, &page("request")).await);
    ana.click_button("Not yet").await;
    ana.find_x("//p[@role='alert' and contains(., 'Say what is still missing')]")
        .await;
    found.extend(violations(ana, axe, &page("request, missing part not said")).await);
    ana.type_into("answer-missing", "the appendix").await;
    ana.click_button("Not yet").await;
    let reply = link_in(ana, "reply-link").await;
    found.extend(violations(ana, axe, &page("request answered")).await);
    ana.click_button(&super::links::keep_label(server)).await;
    ana.find_x("//p[contains(., 'Kept in your Troth')]").await;
    found.extend(violations(ana, axe, &page("request kept")).await);
    go(ana, &offer).await;
    ana.find_x("//h1[.='Sam committed to you']").await;
    found.extend(violations(ana, axe, &page("offer")).await);

    go(sam, &reply).await;
    sam.find_x("//h1[.='Ana answered']").await;
    found.extend(violations(sam, axe, &page("reply")).await);
    sam.click_button("Record Ana's answer").await;
    sam.find_x("//p[contains(., 'as Ana')]").await;
    found.extend(violations(sam, axe, &page("reply recorded")).await);
    go(sam, &reply).await;
    sam.find_x("//p[@role='alert' and contains(., 'already answered')]")
        .await;
    found.extend(violations(sam, axe, &page("reply refused")).await);
    // One character changed: gzip's checksum refuses it.
    let (head, payload) = reply.split_at(reply.rfind('/').unwrap() + 1);
    let altered = if payload.starts_with('A') { "B" } else { "A" };
    go(sam, &format!("{head}{altered}{}", &payload[1..])).await;
    sam.find_x("//p[@role='alert' and contains(., 'damaged')]")
        .await;
    found.extend(violations(sam, axe, &page("link damaged")).await);
    found
}
