//! Share links: a talk's topic list, deflated by the browser's `CompressionStream` and written as
//! base64url into the URL fragment. The fragment never reaches a server, and the browser's own
//! codecs cost no WASM. What comes back is checked by [`SharedTalk::from_json`].

use crate::domain::share::{check_link, ShareError, SharedTalk, MAX_JSON};
use crate::ui::route::Route;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    /// `new CompressionStream("deflate-raw")` (Chrome 103, Firefox 113, Safari 16.4).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Deflate;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Deflate, JsValue>;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type Inflate;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Inflate, JsValue>;

    /// The reader of a stream's chunks (`stream.getReader()`), bound here rather than through
    /// web-sys features.
    type Reader;
    /// A `ReadableStream`, for its reader.
    type Source;
    #[wasm_bindgen(method, js_name = getReader)]
    fn reader(this: &Source) -> Reader;
    #[wasm_bindgen(method)]
    fn read(this: &Reader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &Reader) -> js_sys::Promise;
}

const FORMAT: &str = "deflate-raw";

/// Why a stream's output was not read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// The browser's codec refused it: cut short, changed, or not what it claims.
    Damaged,
    /// It ran past the most that was wanted, and was stopped there.
    Overflow,
}

/// Streams `bytes` through a compression or decompression stream, chunk by chunk, stopping
/// as soon as the output passes `max` bytes: a small link that inflates to gigabytes is
/// stopped at the first chunk past the limit, before it fills the memory.
async fn pipe(bytes: &[u8], through: &ReadableWritablePair, max: usize) -> Result<Vec<u8>, Unread> {
    let damaged = |_| Unread::Damaged;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let reader = Blob::new_with_u8_array_sequence(&parts)
        .map_err(damaged)?
        .stream()
        .pipe_through(through)
        .unchecked_into::<Source>()
        .reader();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(damaged)?;
        if js_sys::Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
            return Ok(out);
        }
        let value: Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(damaged)?
            .unchecked_into();
        if out.len() + value.length() as usize > max {
            // Nothing more is inflated; the rejection of a cancelled stream says nothing.
            let _ = reader.cancel();
            return Err(Unread::Overflow);
        }
        out.extend(value.to_vec());
    }
}

/// `json`, compressed by the browser in `format`.
pub async fn compress(json: &str, format: &str) -> Result<Vec<u8>, JsValue> {
    let deflate = Deflate::new(format)?;
    pipe(json.as_bytes(), deflate.unchecked_ref(), usize::MAX)
        .await
        .map_err(|_| JsValue::from_str("the browser could not compress"))
}

/// What [`compress`] made, back into text, or why not: damaged (cut short, changed, not
/// text), or over `max` bytes once decompressed, found while reading.
pub async fn decompress(bytes: &[u8], format: &str, max: usize) -> Result<String, Unread> {
    let inflate = Inflate::new(format).map_err(|_| Unread::Damaged)?;
    let json = pipe(bytes, inflate.unchecked_ref(), max).await?;
    String::from_utf8(json).map_err(|_| Unread::Damaged)
}

/// Bytes as base64url without padding: what goes after a route's `/`.
pub fn to_base64url(bytes: &[u8]) -> Result<String, JsValue> {
    // A "binary string" (one char per byte) is what btoa encodes.
    let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
    let base64 = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .btoa(&binary)?;
    Ok(base64
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect())
}

/// [`to_base64url`] undone; `None` for text that is not base64.
pub fn from_base64url(payload: &str) -> Option<Vec<u8>> {
    let mut base64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !base64.len().is_multiple_of(4) {
        base64.push('=');
    }
    let binary = web_sys::window().and_then(|w| w.atob(&base64).ok())?;
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}

/// The address of `route` on the page that holds it, beside this page: what a link someone
/// else opens points at.
pub fn address(route: &Route) -> Result<String, JsValue> {
    let location = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .location();
    let path = location.pathname()?;
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    Ok(format!(
        "{}{folder}{}{}",
        location.origin()?,
        route.part().page(),
        route.href()
    ))
}

/// The link that carries `shared`, on this page's address.
pub async fn link(shared: &SharedTalk) -> Result<String, JsValue> {
    let payload = to_base64url(&compress(&shared.to_json(), FORMAT).await?)?;
    address(&Route::Share(payload))
}

/// Reads a link's payload back into a talk, or says why it cannot.
pub async fn open(payload: &str) -> Result<SharedTalk, ShareError> {
    check_link(payload)?;
    let bytes = from_base64url(payload).ok_or(ShareError::Damaged)?;
    let json = decompress(&bytes, FORMAT, MAX_JSON)
        .await
        .map_err(|e| match e {
            Unread::Damaged => ShareError::Damaged,
            Unread::Overflow => ShareError::Overflow,
        })?;
    SharedTalk::from_json(&json)
}
