//! The user's own date and time format: the same stored moment, read in four browsers set to
//! four locales, on the ledger, a commitment's page, and the projector and console of a talk.
//! The words around a moment ("for Ana in New York") stay; the moment follows the locale.

use super::daily::{now, person, seed, shot};
use crate::support::{Browser, Server, PATIENCE};
use serde_json::{json, Value};

/// Tue 3 Dec 2030, 16:00 in Berlin (15:00 UTC; 10:00 in New York).
const DUE: i64 = 1_922_540_400;

/// One commitment to Ana (New York), due at [`DUE`] in Berlin, and a talk whose topic was
/// deferred to it, so the projector names its due moment.
fn records() -> serde_json::Map<String, Value> {
    let t = now();
    let mut records = serde_json::Map::new();
    records.insert(
        "troth.c.0".into(),
        json!({ "id": 0, "to": 0, "what": "Send the deck", "history": [
            { "made": { "at": t - 600, "due": { "at": DUE, "tz": "Europe/Berlin" } } },
        ] }),
    );
    records.insert(
        "troth.t.0".into(),
        json!({
            "id": 0,
            "title": "Locale day",
            "date": "2030-12-02",
            "topics": [{ "id": 0, "text": "the deck", "askers": [0], "history": [
                { "covered": { "at": t - 500 } },
                { "notyet": { "at": t - 400, "by": 0, "missing": "the speaker notes" } },
                { "deferred": { "at": t - 300, "by": 0, "commitment": 0 } },
            ] }],
            "next_topic": 1,
        }),
    );
    records.insert(
        "troth.meta".into(),
        json!({
            "schema": 5,
            "people": [person(0, "Ana", Some("America/New_York"))],
            "next": [1, 1, 1],
        }),
    );
    records.insert("troth.rev".into(), json!("1"));
    records
}

/// What each locale shows: the due moment in Berlin with Ana's clock beside it, the same
/// moment alone (the projector's follow-up), and the talk's day.
struct Expected {
    locale: &'static str,
    due: &'static str,
    follow_up: &'static str,
    talk_day: &'static str,
}

const LOCALES: [Expected; 4] = [
    Expected {
        locale: "en-US",
        due: "Tue, Dec 3, 4:00 PM Berlin · 10:00 AM for Ana in New York",
        follow_up: "Follow-up for Ana, due Tue, Dec 3, 4:00 PM Berlin",
        talk_day: "Mon, Dec 2, 2030",
    },
    Expected {
        locale: "en-GB",
        due: "Tue 3 Dec, 16:00 Berlin · 10:00 for Ana in New York",
        follow_up: "Follow-up for Ana, due Tue 3 Dec, 16:00 Berlin",
        talk_day: "Mon, 2 Dec 2030",
    },
    Expected {
        locale: "de-DE",
        due: "Di., 3. Dez., 16:00 Berlin · 10:00 for Ana in New York",
        follow_up: "Follow-up for Ana, due Di., 3. Dez., 16:00 Berlin",
        talk_day: "Mo., 2. Dez. 2030",
    },
    Expected {
        locale: "ja-JP",
        due: "12月3日(火) 16:00 Berlin · 10:00 for Ana in New York",
        follow_up: "Follow-up for Ana, due 12月3日(火) 16:00 Berlin",
        talk_day: "2030年12月2日(月)",
    },
];

/// Waits until the first element matching `css` reads `expected` (spaces of any kind as one
/// kind: ICU puts a narrow no-break space before "PM" in some versions), and says what it read
/// if it never does.
async fn reads(b: &Browser, css: &str, expected: &str) {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let v = b
            .client
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                vec![css.into()],
            )
            .await
            .unwrap();
        let text = v.as_str().map(|t| {
            t.replace(['\u{a0}', '\u{202f}'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        });
        if text.as_deref() == Some(expected) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} reads {text:?}, not {expected:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_moment_is_written_in_the_browsers_locale() {
    let server = Server::start(crate::support::dist());
    for e in LOCALES {
        let b = Browser::launch_speaking(e.locale).await;
        b.client.goto(&server.url("/")).await.unwrap();
        // The browser really speaks it, both where Troth reads it (`Intl`) and where pages
        // usually do (`navigator.language`).
        let said = b
            .client
            .execute(
                "return [Intl.DateTimeFormat().resolvedOptions().locale, navigator.language];",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(said, json!([e.locale, e.locale]), "{}", e.locale);
        seed(&b, &records()).await;

        // The ledger's row, then the commitment's page and its history.
        reads(&b, ".troth-row__due", e.due).await;
        shot(&b, &format!("locale-ledger-{}", e.locale)).await;
        b.client.goto(&server.url("/#/c/0")).await.unwrap();
        reads(&b, ".troth-due-text", e.due).await;
        reads(
            &b,
            "ol[aria-label='History'] li:first-child span",
            // The history says the moment on the user's own clock only.
            &format!("Made, due {}", e.due.split(" · ").next().unwrap()),
        )
        .await;

        // The talk: its day on the console, the follow-up's moment on the projector.
        b.client
            .goto(&server.url("/talk.html#/talks/0/present"))
            .await
            .unwrap();
        reads(&b, ".troth-console__date", e.talk_day).await;
        b.client
            .goto(&server.url("/talk.html#/talks/0/project"))
            .await
            .unwrap();
        reads(&b, ".troth-stage__prompt", e.follow_up).await;
        shot(&b, &format!("locale-projector-{}", e.locale)).await;
        b.close().await;
    }
}
