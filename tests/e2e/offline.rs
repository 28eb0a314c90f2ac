//! Offline, installable, one build at a time, and a Content-Security-Policy that holds.

use super::{make, open_in, today_in_berlin};
use crate::support::{copy_of, dist, Browser, Engine, Server};
use chrono::Duration as Days;

/// Waits until the service worker controls the page: from then on it works offline.
async fn controlled(b: &Browser) {
    b.until("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")
        .await;
}

in_every_engine!(after_the_first_load_it_works_with_the_server_gone);
async fn after_the_first_load_it_works_with_the_server_gone(engine: Engine) {
    let (mut server, b) = open_in(engine, "/").await;
    b.find_x("//h1[.='Ledger']").await;
    make(
        &b,
        "Send the offline notes",
        "Ana",
        today_in_berlin() + Days::days(2),
        17,
    )
    .await;
    b.client.goto(&server.url("/#/talks")).await.unwrap();
    b.type_into("talk-title", "Offline talk").await;
    b.type_date("talk-date", today_in_berlin()).await;
    b.click_button("Create talk").await;
    b.find_x("//h1[.='Offline talk']").await;
    controlled(&b).await;

    // Installable: Chromium finds nothing missing (manifest, icons, service worker). Only
    // Chromium answers the question (through its DevTools protocol).
    if engine == Engine::Chromium {
        let errors = b
            .cdp("Page.getInstallabilityErrors", serde_json::json!({}))
            .await;
        assert_eq!(
            errors["installabilityErrors"],
            serde_json::json!([]),
            "{errors}"
        );
    }

    // The policy is in force: a script added to the page does not run.
    let blocked = b
        .client
        .execute(
            "const s = document.createElement('script'); s.textContent = 'window.__csp_broken = 1';
             document.body.append(s); return window.__csp_broken === undefined;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(blocked, serde_json::Value::Bool(true), "inline script ran");

    server.stop();
    load_offline(&b, None).await;
    b.find_x("//h1[.='Offline talk']").await;
    controlled(&b).await;
    // Deep links typed into the address bar while offline: each a whole new load.
    let deep = [
        (
            "/#/",
            "//a[@class='troth-row__what' and .='Send the offline notes']",
        ),
        ("/#/people", "//th/a[.='Ana']"),
        // An old link to the projector on the app's address opens the talk page's projector.
        (
            "/#/talks/0/project",
            "//h1[@class='troth-stage__title' and .='Offline talk']",
        ),
        // Every part is its own page, and each one opens with the server gone.
        ("/talk.html#/talks", "//a[.='Offline talk']"),
        (
            "/talk.html#/talks/0/summary",
            "//h1[contains(., 'Offline talk')]",
        ),
        ("/backup.html#/settings", "//h1[.='Settings and backup']"),
        // The page links from other people open (seen by its link maker's page here).
        ("/link.html#/send/0", "//h1[.='Send it to Ana']"),
        ("/index.html#/people/0", "//h1[.='Ana']"),
    ];
    for (path, shows) in deep {
        b.client.goto("about:blank").await.unwrap();
        load_offline(&b, Some(&server.url(path))).await;
        b.find_x(shows).await;
        // Answered by the service worker, not by some cache of the browser's own.
        controlled(&b).await;
    }
    b.close().await;
}

/// Loads `url` (or reloads the page) as a whole new load, with the server gone. Firefox's
/// WebDriver navigation (`goto`, `refresh`) skips the service worker — the page it loads is
/// never controlled, and fails offline (measured with Firefox ESR 153 and geckodriver 0.37) —
/// while a load the page starts itself, as a person's click or reload does, goes through it.
/// So in Firefox the page starts the load, and the test waits for the new page.
async fn load_offline(b: &Browser, url: Option<&str>) {
    if b.engine != Engine::Firefox {
        match url {
            Some(url) => b.client.goto(url).await.unwrap(),
            None => b.client.refresh().await.unwrap(),
        }
        return;
    }
    b.client
        .execute(
            "const url = arguments[0]; window.__troth_old_page = true;
             setTimeout(() => url ? location.assign(url) : location.reload(), 0); return null;",
            vec![serde_json::json!(url)],
        )
        .await
        .unwrap();
    // While the old page unloads a script may find no page to answer: that counts as "not yet".
    let deadline = std::time::Instant::now() + crate::support::PATIENCE;
    loop {
        let new = b
            .client
            .execute(
                "return window.__troth_old_page === undefined && document.readyState === 'complete';",
                vec![],
            )
            .await;
        if matches!(new, Ok(serde_json::Value::Bool(true))) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "no new page: {url:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_build_is_offered_and_replaces_the_old_one_whole() {
    let root = copy_of(&dist());
    let server = Server::start(root.clone());
    let b = Browser::launch().await;
    b.client.goto(&server.url("/")).await.unwrap();
    b.find_x("//h1[.='Ledger']").await;
    controlled(&b).await;
    let old = cache_names(&b).await;
    assert_eq!(old.len(), 1, "{old:?}");

    // A new build is deployed: here, the same files under a new version.
    let sw = root.join("sw.js");
    let script = std::fs::read_to_string(&sw).unwrap();
    let version = script
        .split("const VERSION = \"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    std::fs::write(&sw, script.replace(&version, &format!("{version}0"))).unwrap();

    b.client.refresh().await.unwrap();
    b.click_button("Reload").await;
    // "Reload" reloads the page: a look at the caches while it is unloading finds no page to
    // answer, so such a look counts as "not yet", and the next one is made on the new page.
    let deadline = std::time::Instant::now() + crate::support::PATIENCE;
    let mut names = try_cache_names(&b).await.unwrap_or_default();
    while names != [format!("troth-{version}0")] && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        names = try_cache_names(&b).await.unwrap_or_default();
    }
    assert_eq!(
        names,
        [format!("troth-{version}0")],
        "only the new build's cache is left"
    );
    b.find_x("//h1[.='Ledger']").await;
    b.close().await;
}

async fn cache_names(b: &Browser) -> Vec<String> {
    try_cache_names(b).await.expect("the page answers")
}

/// The service worker caches' names, or `None` if the page went away while asked.
async fn try_cache_names(b: &Browser) -> Option<Vec<String>> {
    let v = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done);",
            vec![],
        )
        .await
        .ok()?;
    Some(serde_json::from_value(v).unwrap())
}
