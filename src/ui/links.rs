//! Links between two people, in the browser: a fresh token from `crypto.getRandomValues`, the
//! payload gzipped after `#`, and the three ways people send a link: copy, the system share
//! sheet, a mail draft. What a link means is `domain::link`'s.
//!
//! gzip rather than the talk share's raw deflate for its CRC-32 of the content: a link changed
//! on the way is refused rather than read as something else. Its 10-byte header says nothing
//! (a time, an OS) and is left out of the link, so every character of it counts.

use crate::domain::link::{check_payload, LinkError, Token, MAX_LINK_JSON};
use crate::ui::message::copy;
use crate::ui::route::Route;
use crate::ui::share_link::{address, compress, decompress, from_base64url, to_base64url, Unread};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

const FORMAT: &str = "gzip";
/// A gzip header with no name, comment or extra field: all a link needs.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// 128 bits from the browser's cryptographic generator; `None` where there is none.
pub fn token() -> Option<Token> {
    let mut bytes = [0u8; 16];
    window()
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(Token::from_bytes(bytes))
}

/// The address that carries `json` on `route` (`Route::Ask` and its kin, given the payload).
pub async fn make(json: String, route: fn(String) -> Route) -> Result<String, JsValue> {
    let gzip = compress(&json, FORMAT).await?;
    // Every browser writes the plain header (flags 0): checked, not assumed.
    if gzip.len() < HEADER.len() || gzip[..4] != HEADER[..4] {
        return Err(JsValue::from_str("unexpected gzip header"));
    }
    address(&route(to_base64url(&gzip[HEADER.len()..])?))
}

/// A link's payload back into its JSON, or why it cannot be.
pub async fn read(payload: &str) -> Result<String, LinkError> {
    check_payload(payload)?;
    let mut gzip = HEADER.to_vec();
    gzip.extend(from_base64url(payload).ok_or(LinkError::Damaged)?);
    decompress(&gzip, FORMAT, MAX_LINK_JSON)
        .await
        .map_err(|e| match e {
            Unread::Damaged => LinkError::Damaged,
            Unread::Overflow => LinkError::Overflow,
        })
}

/// Whether this page is served from this computer only, where nobody else can open a link.
pub fn local_only() -> bool {
    let host = window().location().hostname().unwrap_or_default();
    matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]" | "")
}

/// Whether the browser has a system share sheet.
fn can_share() -> bool {
    js_sys::Reflect::has(&window().navigator(), &JsValue::from_str("share")).unwrap_or(false)
}

/// A made link, offered the three ways people send things. `to` is who it is for; `subject`
/// and `note` (what the link holds, said plainly) go with it.
#[component]
pub fn SendLink(
    link: String,
    #[prop(into)] to: String,
    #[prop(into)] subject: String,
    #[prop(into)] body: String,
    /// The id of the link's field, unique on the page.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let copied = RwSignal::new(None::<Result<(), &str>>);
    let copy_link = link.clone();
    let on_copy = move |_| {
        let link = copy_link.clone();
        leptos::task::spawn_local(async move { copied.set(Some(copy(&link).await)) });
    };
    let share_link = link.clone();
    let (share_subject, share_body) = (subject.clone(), body.clone());
    let share = move |_| {
        let data = web_sys::ShareData::new();
        data.set_title(&share_subject);
        data.set_text(&share_body);
        data.set_url(&share_link);
        // A cancelled sheet rejects; there is nothing to say about it.
        let _ = window().navigator().share_with_data(&data);
    };
    let mail = format!(
        "mailto:?subject={}&body={}",
        js_sys::encode_uri_component(&subject),
        js_sys::encode_uri_component(&format!("{body}\n\n{link}"))
    );
    let label = format!("The link for {to}");
    view! {
        <div class="troth-send">
            <label for=id.clone()>{label}</label>
            <input id=id class="troth-send__link" type="text" readonly value=link
                on:focus=|ev| { event_target::<web_sys::HtmlInputElement>(&ev).select(); }/>
            <div class="troth-buttons">
                <button type="button" class="troth-button troth-button--primary" on:click=on_copy>"Copy link"</button>
                {can_share().then(|| view! {
                    <button type="button" class="troth-button" on:click=share>"Share…"</button>
                })}
                <a class="troth-button" href=mail>"Email draft"</a>
            </div>
            <p class="troth-hint" role="status">{move || copied.get().map(|c| c.err().unwrap_or("Copied. Paste it wherever you talk with them."))}</p>
            {local_only().then(|| view! {
                <p class="troth-note">"This Troth is served from this computer, so the link opens only here. To send it to someone, publish Troth on a web host first (the README says how) and make the link there."</p>
            })}
        </div>
    }
}
