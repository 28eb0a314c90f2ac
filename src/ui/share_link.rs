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

/// The link that carries `shared`, on this page's address.
pub async fn link(shared: &SharedTalk) -> Result<String, JsValue> {
    let deflate = Deflate::new(FORMAT)?;
    let packed = pipe(shared.to_json().as_bytes(), deflate.unchecked_ref()).await?;
    // A "binary string" (one char per byte) is what btoa encodes.
    let binary: String = packed.iter().map(|&b| char::from(b)).collect();
    let base64 = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .btoa(&binary)?;
    let payload: String = base64
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let location = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .location();
    let page = format!("{}{}", location.origin()?, location.pathname()?);
    Ok(format!("{page}{}", Route::Share(payload).href()))
}

/// Reads a link's payload back into a talk, or says why it cannot.
pub async fn open(payload: &str) -> Result<SharedTalk, ShareError> {
    check_link(payload)?;
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
    let binary = web_sys::window()
        .and_then(|w| w.atob(&base64).ok())
        .ok_or(ShareError::Damaged)?;
    let bytes: Vec<u8> = binary
        .chars()
        .map(|c| u8::try_from(c).map_err(|_| ShareError::Damaged))
        .collect::<Result<_, _>>()?;
    let inflate = Inflate::new(FORMAT).map_err(|_| ShareError::Damaged)?;
    let json = pipe(&bytes, inflate.unchecked_ref())
        .await
        .map_err(|_| ShareError::Damaged)?;
    if json.len() > MAX_JSON {
        return Err(ShareError::TooLong(json.len()));
    }
    let json = String::from_utf8(json).map_err(|_| ShareError::Damaged)?;
    SharedTalk::from_json(&json)
}
