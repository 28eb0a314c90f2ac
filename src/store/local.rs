//! `localStorage` as the store's [`Backend`], through gloo-storage.

use super::{Backend, BackendError};
use gloo_storage::{LocalStorage, Storage};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// The origin's `localStorage`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Local;

/// Browsers name a full quota differently: Chromium and Safari `QuotaExceededError` (code 22),
/// old Firefox `NS_ERROR_DOM_QUOTA_REACHED` (code 1014).
fn classify(e: JsValue) -> BackendError {
    let field = |k: &str| Reflect::get(&e, &k.into()).ok();
    let name = field("name")
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let code = field("code").and_then(|c| c.as_f64()).unwrap_or(0.0) as i32;
    if name == "QuotaExceededError"
        || name == "NS_ERROR_DOM_QUOTA_REACHED"
        || matches!(code, 22 | 1014)
    {
        BackendError::Quota
    } else {
        let message = field("message")
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        BackendError::Other(format!("{name} {message}").trim().to_owned())
    }
}

impl Backend for Local {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        LocalStorage::raw().get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        LocalStorage::raw().set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        LocalStorage::raw().remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let raw = LocalStorage::raw();
        let n = raw.length().map_err(classify)?;
        Ok((0..n).filter_map(|i| raw.key(i).ok().flatten()).collect())
    }
}
