// Shared by the end-to-end tests and the benchmark; each uses part of it.
#![allow(dead_code)]
//! The end-to-end harness: a static file server for `dist/` on loopback, and Chromium driven
//! through chromedriver. Nothing is mocked: the real built app, the real browser, its real storage.

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

/// A Chromium with a fresh profile, driven by its own chromedriver. Its clock is in
/// Europe/Berlin, so the user's zone and another person's differ in the tests.
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    pub async fn launch() -> Self {
        Self::launch_with(&[]).await
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
    pub async fn launch_in(locale: &str) -> Self {
        let b = Self::start(&[], locale).await;
        b.cdp(
            "Emulation.setLocaleOverride",
            serde_json::json!({ "locale": locale }),
        )
        .await;
        b
    }

    async fn start(extra: &[&str], locale: &str) -> Self {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let profile = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("chromium-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();

        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .env("TZ", "Europe/Berlin")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver (scripts/tools.sh installs it)");
        // Ready when it says so: wait for the line, not for a fixed time.
        let out = driver.stdout.take().unwrap();
        let mut lines = BufReader::new(out).lines();
        for line in lines.by_ref() {
            if line
                .map(|l| l.contains("started successfully"))
                .unwrap_or(true)
            {
                break;
            }
        }
        std::thread::spawn(move || lines.for_each(drop));

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
        let caps = caps.as_object().unwrap().clone();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a chromedriver session");
        // Scripts that fill a hundred forms or ten thousand records must not meet WebDriver's
        // 30-second default on a slow or busy machine.
        let long = Some(Duration::from_secs(300));
        let timeouts = fantoccini::wd::TimeoutConfiguration::new(long, long, Some(Duration::ZERO));
        client.update_timeouts(timeouts).await.expect("timeouts");
        Self {
            client,
            driver,
            profile,
        }
    }

    /// The files this browser has downloaded.
    pub fn downloads(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits for an element matching an XPath: the way to wait for a text to appear.
    pub async fn find_x(&self, xpath: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("no element {xpath}: {e}"))
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

    /// Types into the input labelled by `id` (clearing it first).
    pub async fn type_into(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
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

/// The keys to type a date into Chromium's `<input type=date>` in an en-US browser: mm dd yyyy.
pub fn date_keys(date: chrono::NaiveDate) -> String {
    date.format("%m%d%Y").to_string()
}

/// The keys for `<input type=time>` in en-US: hh mm AM/PM.
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
    /// Runs a DevTools command on the current page and returns its result.
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
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
