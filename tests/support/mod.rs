// Shared by the end-to-end tests and the benchmark; each uses part of it.
#![allow(dead_code)]
//! The end-to-end harness: a static file server for `dist/` on loopback, and a browser driven
//! through its WebDriver: Chromium (chromedriver), Firefox (geckodriver) or WebKit
//! (WebKitWebDriver). Nothing is mocked: the real built app, the real browser, its real storage.

use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long any one expected change on the page may take to appear.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Serves a folder over HTTP on 127.0.0.1, like any static host: no rewrites, no server logic.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json" | "webmanifest") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers; the request line is all this server needs.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let relative = Path::new(path);
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let file = root.join(relative);
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(body) if safe => ("200 OK", body, content_type(&file)),
        _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
    let mut rest = Vec::new();
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = stream.read_to_end(&mut rest);
}

impl Server {
    pub fn start(root: PathBuf) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    std::thread::spawn(move || respond(stream, &root));
                }
            }
        });
        Self {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Stops serving: the next request finds nothing listening, as when a network is gone.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The built app. The test command builds it first (`trunk build --release`).
pub fn dist() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").exists(),
        "dist/ is missing: build the app first (`trunk build --release`, or the README's test command)"
    );
    dist
}

/// The browser engines the end-to-end core runs in. Chromium runs every test; Firefox and
/// WebKit (Safari's engine, as WebKitGTK's MiniBrowser) run the core: the tests declared with
/// `in_every_engine!` in tests/e2e.rs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

/// A browser with a fresh profile, driven by its own driver (chromedriver, geckodriver or
/// WebKitWebDriver). Its clock is in Europe/Berlin, so the user's zone and another person's
/// differ in the tests.
pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    driver: Child,
    /// Where the driver listens, and the session: ended on drop if `close` was not reached.
    port: u16,
    session: Option<String>,
    /// WebKit's own X display (Xvfb): MiniBrowser hangs without one.
    display: Option<Child>,
    profile: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A fresh, empty folder for one browser's profile and downloads.
fn fresh_profile(engine: Engine) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::SeqCst);
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{engine:?}-{}-{n}", std::process::id()).to_lowercase());
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(profile.join("downloads")).unwrap();
    profile
}

/// Starts a driver and waits until it listens on `port` (polled: not every driver says so).
fn start_driver(mut command: Command, port: u16, what: &str) -> Child {
    let mut driver = command
        .env("TZ", "Europe/Berlin")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start {what} (scripts/tools.sh installs it): {e}"));
    let deadline = std::time::Instant::now() + PATIENCE;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = driver.try_wait() {
            panic!("{what} exited at start: {status}");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what} never listened"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    driver
}

/// An X display of its own (Xvfb picks a free number and says which): MiniBrowser, even when
/// driven, hangs without one.
fn start_display() -> (Child, String) {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x1000x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb (scripts/tools.sh installs it)");
    let mut line = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("Xvfb says its display");
    let n = line.trim();
    assert!(!n.is_empty(), "Xvfb gave no display number");
    (xvfb, format!(":{n}"))
}

impl Browser {
    /// A Chromium: what every test but the core runs in.
    pub async fn launch() -> Self {
        Self::launch_with(&[]).await
    }

    /// A fresh browser of `engine`.
    pub async fn launch_in(engine: Engine) -> Self {
        match engine {
            Engine::Chromium => Self::launch_with(&[]).await,
            Engine::Firefox => Self::launch_firefox().await,
            Engine::WebKit => Self::launch_webkit().await,
        }
    }

    /// A Chromium with these extra command-line switches.
    pub async fn launch_with(extra: &[&str]) -> Self {
        Self::start(extra, "en-US").await
    }

    /// A Chromium whose user speaks `locale` (`de-DE`): the languages it sends and
    /// `navigator.language` (the `intl.accept_languages` preference), and the locale `Intl`
    /// formats in by default (DevTools' `Emulation.setLocaleOverride`: on Linux, neither
    /// `--lang` nor `LANGUAGE` reaches a headless renderer's `Intl`). The override holds for
    /// this tab, across navigations and reloads; a window the page opens does not inherit it.
    pub async fn launch_speaking(locale: &str) -> Self {
        let b = Self::start(&[], locale).await;
        b.cdp(
            "Emulation.setLocaleOverride",
            serde_json::json!({ "locale": locale }),
        )
        .await;
        b
    }

    async fn start(extra: &[&str], locale: &str) -> Self {
        let profile = fresh_profile(Engine::Chromium);
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut command = Command::new(chromedriver);
        command.arg(format!("--port={port}"));
        let driver = start_driver(command, port, "chromedriver");

        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1000",
        ]
        .iter()
        .chain(extra)
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--lang={locale}"));
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": binary,
                "args": args,
                // Downloads (backups, calendar files) land in the profile, without asking.
                "prefs": {
                    "download.default_directory": profile.join("downloads"),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": locale,
                }
            }
        });
        Self::connect(Engine::Chromium, port, caps, driver, None, profile).await
    }

    /// A headless Firefox (Debian's ESR) through geckodriver, in the profile folder it is given.
    async fn launch_firefox() -> Self {
        let profile = fresh_profile(Engine::Firefox);
        let port = free_port();
        let geckodriver = std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into());
        let mut command = Command::new(geckodriver);
        command.args([format!("--port={port}"), "--log=fatal".into()]);
        let driver = start_driver(command, port, "geckodriver");
        let binary = std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into());
        let caps = serde_json::json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": binary,
                "args": ["-headless", "-profile", profile.join("firefox")],
                "prefs": {
                    "intl.locale.requested": "en-US",
                    "intl.accept_languages": "en-US",
                    // Downloads land in the profile, without asking.
                    "browser.download.folderList": 2,
                    "browser.download.dir": profile.join("downloads"),
                    "browser.download.useDownloadDir": true,
                    "browser.download.always_ask_before_handling_new_types": false,
                    "browser.download.alwaysOpenPanel": false,
                    "browser.helperApps.neverAsk.saveToDisk": "application/json,text/calendar",
                }
            }
        });
        std::fs::create_dir_all(profile.join("firefox")).unwrap();
        Self::connect(Engine::Firefox, port, caps, driver, None, profile).await
    }

    /// WebKitGTK's MiniBrowser (Safari's engine) through WebKitWebDriver, on an X display of
    /// its own.
    async fn launch_webkit() -> Self {
        let profile = fresh_profile(Engine::WebKit);
        let (display, name) = start_display();
        let port = free_port();
        let webdriver =
            std::env::var("WEBKIT_WEBDRIVER").unwrap_or_else(|_| "WebKitWebDriver".into());
        let mut command = Command::new(webdriver);
        command
            .arg(format!("--port={port}"))
            .env("DISPLAY", name)
            // The page's language (navigator.language), and so the date fields' order.
            .env("LANG", "en_US.UTF-8")
            // Its downloads go to the user's download folder, which GLib reads from here.
            .env("XDG_CONFIG_HOME", profile.join("config"));
        std::fs::create_dir_all(profile.join("config")).unwrap();
        std::fs::write(
            profile.join("config/user-dirs.dirs"),
            format!(
                "XDG_DOWNLOAD_DIR=\"{}\"\n",
                profile.join("downloads").display()
            ),
        )
        .unwrap();
        let driver = start_driver(command, port, "WebKitWebDriver");
        let binary = std::env::var("MINIBROWSER")
            .unwrap_or_else(|_| "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser".into());
        let caps = serde_json::json!({
            "webkitgtk:browserOptions": { "binary": binary, "args": ["--automation"] }
        });
        Self::connect(Engine::WebKit, port, caps, driver, Some(display), profile).await
    }

    async fn connect(
        engine: Engine,
        port: u16,
        caps: serde_json::Value,
        driver: Child,
        display: Option<Child>,
        profile: PathBuf,
    ) -> Self {
        let caps = caps.as_object().unwrap().clone();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| panic!("a {engine:?} session: {e}"));
        let session = client.session_id().await.ok().flatten();
        let b = Self {
            client,
            engine,
            driver,
            port,
            session,
            display,
            profile,
        };
        // Scripts that fill a hundred forms or ten thousand records must not meet WebDriver's
        // 30-second default on a slow or busy machine.
        let long = Some(Duration::from_secs(300));
        let timeouts = fantoccini::wd::TimeoutConfiguration::new(long, long, Some(Duration::ZERO));
        b.client.update_timeouts(timeouts).await.expect("timeouts");
        if engine != Engine::Chromium {
            // Chromium opens at this size by its switch; the others are sized here.
            b.client
                .set_window_size(1280, 1000)
                .await
                .expect("window size");
        }
        b
    }

    /// The folder this browser downloads into, without asking.
    pub fn downloads(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.session = None;
        // Drop stops the driver and the display and removes the profile.
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self.wait_for(Locator::Css(css), PATIENCE).await {
            Ok(found) => found,
            Err(e) => panic!("no element {css}: {e}\n{}", self.state().await),
        }
    }

    /// Waits for an element, searching again while the page is being replaced: a page that
    /// hands over to another part (`index.html#/settings` → `backup.html`) may be navigating
    /// when a search runs, and Chromium then answers "aborted by navigation" instead of "no
    /// such element" (seen once in a fresh clone's run).
    async fn wait_for(
        &self,
        locator: Locator<'_>,
        patience: Duration,
    ) -> Result<fantoccini::elements::Element, fantoccini::error::CmdError> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.client.wait().at_most(left).for_element(locator).await {
                Err(e)
                    if e.to_string().contains("aborted by navigation")
                        && std::time::Instant::now() < deadline => {}
                found => return found,
            }
        }
    }

    /// What the page showed when a wait ran out, for the failure's message: where it was,
    /// whether a save was under way, where the focus was, and the start of its text.
    pub async fn state(&self) -> String {
        let script = "const m = document.querySelector('main'); \
            const f = document.activeElement; \
            return `at ${location.href}, scrolled to ${Math.round(scrollY)}, \
            busy: ${m ? m.getAttribute('aria-busy') : 'no main'}, \
            focus: ${f ? f.outerHTML.slice(0, 160) : 'none'}\npage: \
            ${(m || document.body).innerText.slice(0, 1200)}`;";
        match self.client.execute(script, vec![]).await {
            Ok(v) => v.as_str().unwrap_or_default().to_owned(),
            Err(e) => format!("(the page could not be read: {e})"),
        }
    }

    /// Waits for an element matching an XPath: the way to wait for a text to appear.
    pub async fn find_x(&self, xpath: &str) -> fantoccini::elements::Element {
        self.find_x_within(xpath, PATIENCE).await
    }

    /// [`Browser::find_x`], for what the page says only after a wait of its own (on top of
    /// the usual patience).
    pub async fn find_x_within(
        &self,
        xpath: &str,
        patience: Duration,
    ) -> fantoccini::elements::Element {
        match self.wait_for(Locator::XPath(xpath), patience).await {
            Ok(found) => found,
            Err(e) => panic!("no element {xpath}: {e}\n{}", self.state().await),
        }
    }

    /// Waits until `xpath` matches nothing.
    pub async fn gone_x(&self, xpath: &str) {
        let deadline = std::time::Instant::now() + PATIENCE;
        while !self
            .client
            .find_all(Locator::XPath(xpath))
            .await
            .unwrap()
            .is_empty()
        {
            assert!(std::time::Instant::now() < deadline, "still there: {xpath}");
            tokio::task::yield_now().await;
        }
    }

    /// Clicks the button whose text is `label`.
    pub async fn click_button(&self, label: &str) {
        self.find_x(&format!(
            "//button[normalize-space(.)={}]",
            xpath_literal(label)
        ))
        .await
        .click()
        .await
        .unwrap();
    }

    /// Types `text` wherever the focus is, one key press per character (WebDriver's actions:
    /// unlike an element's send-keys, they do not move the focus first).
    pub async fn keys(&self, text: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for c in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Types into the input labelled by `id` (clearing it first).
    pub async fn type_into(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// The text of the element `css` matches, as shown.
    pub async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        self.text_of(&element).await
    }

    /// What `element` shows, read through a script: WebKitWebDriver's "element text" fails
    /// with "Cannot check the displayedness of a non-Element argument".
    pub async fn text_of(&self, element: &fantoccini::elements::Element) -> String {
        let arg = serde_json::to_value(element).unwrap();
        let text = self
            .client
            .execute("return arguments[0].innerText;", vec![arg])
            .await
            .unwrap();
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Types `date` into the `<input type=date>` `id`, as this engine's field takes it.
    pub async fn type_date(&self, id: &str, date: chrono::NaiveDate) {
        let keys = match self.engine {
            // Chromium moves to the next part after two digits; WebKit needs the separator.
            Engine::Chromium | Engine::WebKit => date.format("%m/%d/%Y").to_string(),
            // geckodriver sets a date field to the value typed, in the field's own format.
            Engine::Firefox => date.format("%Y-%m-%d").to_string(),
        };
        self.type_until(id, &keys, &date.format("%Y-%m-%d").to_string())
            .await;
    }

    /// Types `hour:minute` into the `<input type=time>` `id`, as this engine's field takes it.
    pub async fn type_time(&self, id: &str, hour: u32, minute: u32) {
        let keys = match self.engine {
            Engine::Chromium | Engine::WebKit => {
                let (h12, ampm) = match hour {
                    0 => (12, "AM"),
                    1..=11 => (hour, "AM"),
                    12 => (12, "PM"),
                    _ => (hour - 12, "PM"),
                };
                format!("{h12:02}:{minute:02}:{ampm}")
            }
            Engine::Firefox => format!("{hour:02}:{minute:02}"),
        };
        self.type_until(id, &keys, &format!("{hour:02}:{minute:02}"))
            .await;
    }

    /// Types `keys` into the date or time field `id` until its value is `value`: a field that
    /// did not take them is typed again (at most three times, each miss said on stderr) and
    /// never left for a later step to fail on. Once, two WebKit tests at a time on a loaded
    /// machine lost a renegotiation typed into these fields; the cause was not seen again.
    async fn type_until(&self, id: &str, keys: &str, value: &str) {
        for attempt in 1..=3 {
            self.type_into(id, keys).await;
            let field = self.find(&format!("#{id}")).await;
            let now = field.prop("value").await.unwrap().unwrap_or_default();
            if now == value {
                return;
            }
            eprintln!(
                "{:?}: #{id} took {keys:?} as {now:?}, not {value:?} (attempt {attempt})",
                self.engine
            );
        }
        panic!(
            "#{id} never took {keys:?} as {value:?} in {:?}",
            self.engine
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A test that failed never reached `close`: end its session, or the browser outlives
        // its driver (Firefox does).
        if let Some(session) = self.session.take() {
            if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let request = format!(
                    "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    self.port
                );
                if stream.write_all(request.as_bytes()).is_ok() {
                    let _ = stream.read_to_end(&mut Vec::new());
                }
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some(display) = self.display.as_mut() {
            let _ = display.kill();
            let _ = display.wait();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// An XPath string literal for any text.
pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}

/// The keys to type a date into Chromium's `<input type=date>` in an en-US browser: mm dd
/// yyyy. For a test that types as a keyboard user does; others use [`Browser::type_date`].
pub fn date_keys(date: chrono::NaiveDate) -> String {
    date.format("%m%d%Y").to_string()
}

/// The keys for `<input type=time>` in en-US Chromium: hh mm AM/PM.
pub fn time_keys(hour: u32, minute: u32) -> String {
    let (h12, ampm) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!("{h12:02}{minute:02}{ampm}")
}

/// A Chrome DevTools Protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Runs a DevTools command on the current page and returns its result. Chromium only: a
    /// test that needs it runs in Chromium alone.
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        assert_eq!(
            self.engine,
            Engine::Chromium,
            "the DevTools protocol is Chromium's"
        );
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Waits until `script` (a function body that returns a value) returns `true`.
    pub async fn until(&self, script: &str) {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            let v = self.client.execute(script, vec![]).await.unwrap();
            if v == serde_json::Value::Bool(true) {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "never true: {script}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A copy of `dir` in a fresh temporary folder, for a test that changes what is served.
pub fn copy_of(dir: &Path) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::SeqCst);
    let to =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("dist-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(dir, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
