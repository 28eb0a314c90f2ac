//! Share links: a talk's topic list, deflated by the browser's `CompressionStream` and written as
//! base64url into the URL fragment. The fragment never reaches a server, and the browser's own
//! codecs cost no WASM. What comes back is checked by [`SharedTalk::from_json`].

use crate::domain::share::{check_link, ShareError, SharedTalk, MAX_JSON};
use crate::ui::route::Route;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableWritablePair, Response};

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
}

const FORMAT: &str = "deflate-raw";

/// Streams `bytes` through a compression or decompression stream and collects the output.
async fn pipe(bytes: &[u8], through: &ReadableWritablePair) -> Result<Vec<u8>, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let stream = Blob::new_with_u8_array_sequence(&parts)?
        .stream()
        .pipe_through(through);
    let response = Response::new_with_opt_readable_stream(Some(&stream))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `json`, compressed by the browser in `format`.
pub async fn compress(json: &str, format: &str) -> Result<Vec<u8>, JsValue> {
    let deflate = Deflate::new(format)?;
    pipe(json.as_bytes(), deflate.unchecked_ref()).await
}

/// What [`compress`] made, back into text; `None` if it is not that (damaged, cut short, or
/// over `max` bytes once decompressed).
pub async fn decompress(bytes: &[u8], format: &str, max: usize) -> Option<String> {
    let inflate = Inflate::new(format).ok()?;
    let json = pipe(bytes, inflate.unchecked_ref()).await.ok()?;
    if json.len() > max {
        return None;
    }
    String::from_utf8(json).ok()
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
        .ok_or(ShareError::Damaged)?;
    SharedTalk::from_json(&json)
}
