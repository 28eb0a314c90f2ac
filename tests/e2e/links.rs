//! Both ways, by link, in two separate browsers (two Chromium profiles): Sam asks, Ana answers
//! in her own words and keeps what Sam promised her, Sam records her answers.

use super::daily::{commitment, person, seed, shot};
use crate::support::{Browser, Engine, Server};
use serde_json::{json, Value};

/// The value of the link field `id` once it holds a link.
async fn link_in(b: &Browser, id: &str) -> String {
    let field = b
        .find_x(&format!("//input[@id='{id}' and contains(@value, '#/')]"))
        .await;
    field.prop("value").await.unwrap().expect("a link")
}

/// `link` with one character in the middle of its payload changed.
fn altered(link: &str) -> String {
    let (page, payload) = link.split_at(link.rfind('/').unwrap() + 1);
    let mut chars: Vec<char> = payload.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    format!("{page}{}", chars.into_iter().collect::<String>())
}

/// How many commitments the browser's storage holds.
async fn stored_commitments(b: &Browser) -> Value {
    b.client
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('troth.c.')).length",
            vec![],
        )
        .await
        .unwrap()
}

/// Follows the link whose text is `label`.
async fn follow(b: &Browser, label: &str) {
    b.find_x(&format!(
        "//a[normalize-space(.)={}]",
        crate::support::xpath_literal(label)
    ))
    .await
    .click()
    .await
    .unwrap();
}

/// The Keep button's words: it names the Troth it keeps into, the one at the link's address.
pub(crate) fn keep_label(server: &Server) -> String {
    let url = server.url("");
    format!("Keep in the Troth at {}", url.trim_start_matches("http://"))
}

/// A link's JSON, read back the way the page reads it (gzip with its header restored).
async fn decoded(b: &Browser, link: &str) -> String {
    const DECODE: &str = r#"
        const [link, done] = arguments;
        const b64 = link.slice(link.lastIndexOf('/') + 1).replace(/-/g, '+').replace(/_/g, '/');
        const body = Uint8Array.from(atob(b64 + '==='.slice((b64.length + 3) % 4)), c => c.charCodeAt(0));
        const gz = new Uint8Array(10 + body.length);
        gz.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        gz.set(body, 10);
        new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(done);
    "#;
    let json = b
        .client
        .execute_async(DECODE, vec![link.into()])
        .await
        .unwrap();
    json.as_str().expect("the link's JSON").to_owned()
}

/// `link` carrying `json` instead, written the way anyone can: gzip (a fresh CRC), its header
/// left out, base64url.
async fn encoded(b: &Browser, link: &str, json: &str) -> String {
    const ENCODE: &str = r#"
        const [link, json, done] = arguments;
        new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer().then(buf => {
            let s = '';
            new Uint8Array(buf).slice(10).forEach(b => s += String.fromCharCode(b));
            done(link.slice(0, link.lastIndexOf('/') + 1) + btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
        });
    "#;
    let args = vec![link.into(), json.into()];
    let out = b.client.execute_async(ENCODE, args).await.unwrap();
    out.as_str().expect("a link").to_owned()
}

async fn open_in(b: &Browser, url: &str) {
    // A link is opened as a new page load, the way following it from a mail would.
    b.client.goto("about:blank").await.unwrap();
    b.client.goto(url).await.unwrap();
}

/// Two browsers with profiles of their own, Sam's and Ana's, on one server; Sam's Troth holds
/// one commitment to Ana (`c`), with Sam's name if `me` is given.
async fn sam_and_ana(
    engine: Engine,
    me: Option<&str>,
    ana_zone: Option<&str>,
    c: Value,
) -> (Server, Browser, Browser) {
    let server = Server::start(crate::support::dist());
    let sam = Browser::launch_in(engine).await;
    let ana = Browser::launch_in(engine).await;
    sam.client.goto(&server.url("/")).await.unwrap();
    let mut meta =
        json!({ "schema": 4, "people": [person(0, "Ana", ana_zone)], "next": [1, 1, 0] });
    if let Some(me) = me {
        meta["me"] = json!(me);
    }
    let mut records = serde_json::Map::new();
    records.insert("troth.meta".into(), meta);
    records.insert("troth.c.0".into(), c);
    records.insert("troth.rev".into(), Value::String("1".into()));
    seed(&sam, &records).await;
    (server, sam, ana)
}

#[tokio::test(flavor = "multi_thread")]
async fn sam_asks_ana_answers_in_her_own_browser_and_keeps_it_in_hers() {
    let what = "Send the <b>deck</b> & notes";
    let (server, sam, ana) = sam_and_ana(
        Engine::Chromium,
        None,
        Some("America/New_York"),
        commitment(0, 0, what, 3600, 86_400, &[]),
    )
    .await;

    // Sam delivers and asks; Troth asks his name the first time.
    sam.find_x(&format!(
        "//button[@aria-label={}]",
        crate::support::xpath_literal(&format!("Mark done: {what}"))
    ))
    .await
    .click()
    .await
    .unwrap();
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    follow(&sam, "Ask Ana").await;
    sam.click_button("Make the link for Ana").await;
    sam.type_into("my-name", "Sam").await;
    sam.click_button("Save and make the link").await;
    let request = link_in(&sam, "send-link").await;
    assert!(
        request.starts_with(&server.url("/link.html#/ask/")),
        "{request}"
    );
    sam.find_x("//p[contains(., 'opens only here')]").await;
    shot(&sam, "link-send").await;

    // Sam's own request, opened in his own browser, is not answered there.
    open_in(&sam, &request).await;
    sam.find_x("//h1[.='Your own request']").await;

    // Ana, in New York with no Troth data of her own, answers: not yet, the appendix.
    ana.client.goto(&server.url("/link.html")).await.unwrap();
    ana.cdp(
        "Emulation.setTimezoneOverride",
        json!({ "timezoneId": "America/New_York" }),
    )
    .await;
    open_in(&ana, &request).await;
    ana.find_x("//h1[.='Sam asks: is it met?']").await;
    ana.find_x(&format!(
        "//p[@id='request-what' and .={}]",
        crate::support::xpath_literal(what)
    ))
    .await;
    assert!(
        ana.client
            .find_all(fantoccini::Locator::Css("#request-what b"))
            .await
            .unwrap()
            .is_empty(),
        "markup stays text"
    );
    ana.find_x("//dd[contains(., ' Berlin · ') and contains(., 'for you in New York')]")
        .await;
    shot(&ana, "link-request").await;
    ana.type_into("answer-missing", "the <i>appendix</i>").await;
    ana.click_button("Not yet").await;
    let not_yet = link_in(&ana, "reply-link").await;
    assert!(not_yet.contains("/link.html#/reply/"), "{not_yet}");
    ana.find_x("//p[contains(., 'goes back to Sam only if you send it')]")
        .await;
    shot(&ana, "link-answered").await;
    let stored = stored_commitments(&ana).await;
    assert_eq!(stored, json!(0), "nothing is kept unless she asks");

    // Sam records it: reopened, with the missing part.
    open_in(&sam, &not_yet).await;
    sam.find_x("//h1[.='Ana answered']").await;
    shot(&sam, "link-reply").await;
    sam.click_button("Record Ana's answer").await;
    sam.find_x("//p[contains(., 'as Ana')]").await;
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    sam.find_x("//dd[@class='troth-missing' and .='the <i>appendix</i>']")
        .await;
    sam.find_x("//li[contains(., 'Asked Ana by link whether it is met')]")
        .await;
    sam.find_x(
        "//li[contains(., 'Ana said not yet, in their own reply. Missing: the <i>appendix</i>')]",
    )
    .await;

    // The same reply again, and an altered one, are refused in words.
    open_in(&sam, &not_yet).await;
    sam.find_x("//p[@role='alert' and contains(., 'Ana already answered this request') and contains(., 'Nothing was recorded twice')]").await;
    open_in(&sam, &altered(&not_yet)).await;
    sam.find_x("//p[@role='alert' and contains(., 'This link is damaged')]")
        .await;

    // Sam delivers the appendix and asks again (his name is known now).
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    sam.click_button("Mark done").await;
    follow(&sam, "Ask Ana").await;
    sam.click_button("Make the link for Ana").await;
    let second = link_in(&sam, "send-link").await;
    assert_ne!(second, request);

    // Ana says yes, with a note, and keeps it in her own Troth.
    open_in(&ana, &second).await;
    ana.type_into("answer-note", "Thanks, <em>all</em> there")
        .await;
    ana.click_button("Yes, it is met").await;
    let yes = link_in(&ana, "reply-link").await;
    ana.click_button(&keep_label(&server)).await;
    ana.find_x("//p[contains(., 'Kept in your Troth, as a commitment from Sam')]")
        .await;

    // Sam records it: kept, by Ana's own word.
    open_in(&sam, &yes).await;
    sam.click_button("Record Ana's answer").await;
    sam.find_x("//p[contains(., 'as Ana')]").await;

    // Both reload: all of it is there.
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    sam.client.refresh().await.unwrap();
    sam.find_x("//span[contains(@class, 'troth-state') and .='kept']")
        .await;
    sam.find_x(
        "//li[contains(., 'Ana acknowledged it in their own reply: Thanks, <em>all</em> there')]",
    )
    .await;
    let made_up = sam
        .client
        .find_all(fantoccini::Locator::Css("main em, main i, main b"))
        .await
        .unwrap();
    assert!(
        made_up.is_empty(),
        "markup in what, the missing part and the note stays text"
    );
    ana.client.goto(&server.url("/#/c/0")).await.unwrap();
    ana.client.refresh().await.unwrap();
    ana.find_x(&format!(
        "//h1[contains(., {})]",
        crate::support::xpath_literal("deck")
    ))
    .await;
    ana.find_x("//span[contains(@class, 'troth-state') and .='kept']")
        .await;
    ana.find_x("//li[contains(., 'Promised by Sam')]").await;
    ana.find_x("//li[contains(., 'You acknowledged it: Thanks, <em>all</em> there')]")
        .await;

    // Sam's record of his word to Ana: one kept, acknowledged by Ana in her own reply.
    sam.client.goto(&server.url("/#/people/0")).await.unwrap();
    sam.find_x("//section[contains(@class, 'troth-record') and h2='Your word to Ana']/p[.='Of those kept: 1 acknowledged by Ana in their own reply, 0 recorded by you.']").await;
    // Ana's ledger: one kept commitment, from Sam.
    ana.client.goto(&server.url("/#/")).await.unwrap();
    ana.find_x("//details[contains(@class, 'troth-group--kept')]/summary")
        .await
        .click()
        .await
        .unwrap();
    ana.find_x(
        "//details[@open]//li[.//span[contains(., 'from Sam')] and .//a[contains(., 'deck')]]",
    )
    .await;
    ana.find_x("//details[contains(@class, 'troth-group--kept')]/summary/span[.='1']")
        .await;
    shot(&sam, "link-sam-person").await;
    shot(&ana, "link-ana-ledger").await;

    sam.close().await;
    ana.close().await;
    drop(server);
}

in_every_engine!(an_offer_is_kept_by_the_other_browser_once);
async fn an_offer_is_kept_by_the_other_browser_once(engine: Engine) {
    let (server, sam, ana) = sam_and_ana(
        engine,
        Some("Sam"),
        None,
        commitment(0, 0, "Fix the gate", 600, 86_400, &[]),
    )
    .await;
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    follow(&sam, "Send it to Ana").await;
    sam.click_button("Make the link for Ana").await;
    let offer = link_in(&sam, "send-link").await;
    assert!(offer.contains("/link.html#/offer/"), "{offer}");

    open_in(&ana, &offer).await;
    ana.find_x("//h1[.='Sam committed to you']").await;
    ana.click_button(&keep_label(&server)).await;
    ana.find_x("//p[contains(., 'It is in your Troth, as a commitment from Sam')]")
        .await;
    ana.client.refresh().await.unwrap();
    ana.find_x("//p[contains(., 'It is in your Troth, as a commitment from Sam')]")
        .await;
    let kept = stored_commitments(&ana).await;
    assert_eq!(kept, json!(1), "kept once");

    sam.close().await;
    ana.close().await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_to_a_replaced_or_changed_request_is_refused_in_words() {
    let (server, sam, ana) = sam_and_ana(
        Engine::Chromium,
        Some("Sam"),
        None,
        commitment(0, 0, "Send the minutes", 3600, 86_400, &[("done", 60)]),
    )
    .await;
    let ask = |n: usize| {
        let (sam, server) = (&sam, &server);
        async move {
            open_in(sam, &server.url("/link.html#/send/0")).await;
            sam.click_button(if n == 0 {
                "Make the link for Ana"
            } else {
                "Make a new link"
            })
            .await;
            link_in(sam, "send-link").await
        }
    };
    let answer = |link: String| {
        let ana = &ana;
        async move {
            open_in(ana, &link).await;
            ana.click_button("Yes, it is met").await;
            link_in(ana, "reply-link").await
        }
    };
    let first = ask(0).await;
    let second = {
        // The old link's value goes when the new one is made.
        let again = ask(1).await;
        assert_ne!(again, first);
        again
    };
    let old_reply = answer(first).await;
    open_in(&sam, &old_reply).await;
    sam.find_x("//p[@role='alert' and contains(., 'You asked Ana again on') and contains(., 'not recorded')]").await;
    sam.find_x("//a[.='Ask Ana again']").await;

    // Sam hears "not yet" in person and records it by hand: Ana's answer by link is about
    // what it was before.
    let reply = answer(second).await;
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    sam.type_into("notyet-missing", "the action items").await;
    sam.click_button("Not yet").await;
    sam.find_x("//dd[@class='troth-missing' and .='the action items']")
        .await;
    open_in(&sam, &reply).await;
    sam.find_x("//p[@role='alert' and contains(., 'The commitment changed after you asked: it was not yet on') and contains(., 'Once it is done, ask Ana again')]").await;
    sam.find_x("//a[.='Open the commitment']").await;
    // Nothing was recorded by either refusal.
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    sam.find_x("//span[contains(@class, 'troth-state') and .='open']")
        .await;
    assert!(sam
        .client
        .find_all(fantoccini::Locator::XPath(
            "//li[contains(., 'in their own reply')]"
        ))
        .await
        .unwrap()
        .is_empty());

    sam.close().await;
    ana.close().await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_changed_on_the_way_is_refused_and_the_genuine_one_then_recorded() {
    let (server, sam, ana) = sam_and_ana(
        Engine::Chromium,
        Some("Sam"),
        None,
        commitment(0, 0, "Send the deck", 3600, 86_400, &[("done", 60)]),
    )
    .await;
    open_in(&sam, &server.url("/link.html#/send/0")).await;
    sam.click_button("Make the link for Ana").await;
    let request = link_in(&sam, "send-link").await;
    open_in(&ana, &request).await;
    ana.find_x(
        "//p[contains(., 'This link says it comes from Sam; Troth cannot check who made it.')]",
    )
    .await;
    ana.type_into("answer-missing", "the appendix").await;
    ana.click_button("Not yet").await;
    let reply = link_in(&ana, "reply-link").await;

    // The reply names the request by its id and carries a signature, never the request's key.
    let asked: Value = serde_json::from_str(&decoded(&ana, &request).await).unwrap();
    let json = decoded(&ana, &reply).await;
    let answered: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(answered["token"], asked["id"], "{json}");
    assert!(answered["mac"].is_string(), "{json}");
    assert!(!json.contains(asked["token"].as_str().unwrap()), "{json}");

    // Anyone who sees the reply turns "not yet" into "met", and re-encodes it whole.
    let changed = json.replace(r#""a":"notyet","missing":"the appendix""#, r#""a":"met""#);
    assert_ne!(changed, json);
    let forged = encoded(&ana, &reply, &changed).await;
    assert_eq!(decoded(&ana, &forged).await, changed, "a well-formed link");
    open_in(&sam, &forged).await;
    sam.find_x("//h1[.='Ana answered']").await;
    sam.find_x("//p[@role='alert' and contains(., 'its signature does not match') and contains(., 'Nothing was recorded')]").await;
    assert!(sam
        .client
        .find_all(fantoccini::Locator::XPath(
            "//button[contains(., 'Record')]"
        ))
        .await
        .unwrap()
        .is_empty());

    // Ana's own reply is then recorded, as hers.
    open_in(&sam, &reply).await;
    sam.click_button("Record Ana's answer").await;
    sam.find_x("//p[contains(., 'as Ana')]").await;
    sam.client.goto(&server.url("/#/c/0")).await.unwrap();
    sam.find_x("//li[contains(., 'Ana said not yet, in their own reply. Missing: the appendix') and not(contains(., 'older link'))]")
        .await;
    // The forged one, opened again, is still refused.
    open_in(&sam, &forged).await;
    sam.find_x("//p[@role='alert' and contains(., 'its signature does not match')]")
        .await;
    drop(server);
}

/// A short link that inflates past what a link may hold is stopped while it is read, and says
/// so in its own words (not "damaged"); one too long to be a link stays refused.
#[tokio::test(flavor = "multi_thread")]
async fn a_link_that_inflates_past_its_limit_says_it_holds_too_much() {
    let server = Server::start(crate::support::dist());
    let b = Browser::launch().await;
    b.client.goto(&server.url("/link.html")).await.unwrap();
    // 4 MB of spaces: a few thousand characters of link.
    let bomb = format!("{{\"v\":1,{}", " ".repeat(4 << 20));
    let payload = crate::payload_of(&b, &bomb, "gzip").await;
    assert!(payload.len() < 8_192, "{}", payload.len());
    b.client
        .goto(&server.url(&format!("/link.html#/reply/{payload}")))
        .await
        .unwrap();
    b.find_x("//p[@role='alert' and contains(., 'This link holds more than a Troth link can')]")
        .await;
    b.client
        .goto(&server.url(&format!("/link.html#/reply/{}", "A".repeat(1_500_000))))
        .await
        .unwrap();
    b.client.refresh().await.unwrap();
    b.find_x("//p[@role='alert' and contains(., 'This link is too long to be a Troth link (1500000 characters')]")
        .await;
    assert_eq!(stored_commitments(&b).await, json!(0));
    b.close().await;
}

/// Framed by another page, Troth shows only a way out: no ledger, no buttons to click through
/// the frame, nothing read.
#[tokio::test(flavor = "multi_thread")]
async fn framed_by_another_page_troth_shows_only_a_way_out() {
    let server = Server::start(crate::support::dist());
    let b = Browser::launch_in(Engine::Chromium).await;
    // The framing page: any page of the same server (a public page may not frame a local one).
    b.client.goto(&server.url("/sw.js")).await.unwrap();
    let frame = "const f = document.createElement('iframe'); f.id = 'framed'; f.src = arguments[0]; document.body.replaceChildren(f);";
    let url = server.url("/link.html#/send/0");
    b.client
        .execute(frame, vec![url.clone().into()])
        .await
        .unwrap();
    b.find("#framed").await.enter_frame().await.unwrap();
    let out = b
        .find_x("//a[.='Open Troth in its own tab' and @target='_blank']")
        .await;
    assert_eq!(
        out.attr("href").await.unwrap().as_deref(),
        Some(url.as_str())
    );
    let body = b.find("body").await.text().await.unwrap();
    assert_eq!(body.trim(), "Open Troth in its own tab", "nothing else");
    drop(server);
}
