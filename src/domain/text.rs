//! Comparing text regardless of case ("Élodie" and "élodie" are one person).
//!
//! Folding needs Unicode's case tables. Rust's own cost the WASM some 10 KB gzip, and the
//! browser already has them, so the UI installs the browser's (`String.prototype.toLowerCase`)
//! at start, the way zone arithmetic comes from `Intl` through [`super::ZoneRules`]. Natively,
//! and until one is installed, Rust's `to_lowercase` folds; in the WASM nothing is linked but
//! ASCII folding as that fallback.

use std::sync::OnceLock;

/// Lower-cases text for comparison.
pub trait CaseFold: Sync {
    fn lower(&self, text: &str) -> String;
}

static FOLD: OnceLock<&'static dyn CaseFold> = OnceLock::new();

/// Installs how text is folded, once per program (later calls are ignored).
pub fn install_fold(fold: &'static dyn CaseFold) {
    let _ = FOLD.set(fold);
}

/// `text` lower-cased for comparison, by the installed folding.
pub fn fold(text: &str) -> String {
    match FOLD.get() {
        Some(f) => f.lower(text),
        None => fallback(text),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn fallback(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(target_arch = "wasm32")]
fn fallback(text: &str) -> String {
    text.to_ascii_lowercase()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::fold;

    #[test]
    fn folds_beyond_ascii() {
        assert_eq!(fold("Élodie ÖZIL"), "élodie özil");
        assert_eq!(fold("ΣΟΦΊΑ"), "σοφία");
    }
}
