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
    #[cfg(test)]
    FOLDS.with(|n| n.set(n.get() + 1));
    match FOLD.get() {
        Some(f) => f.lower(text),
        None => fallback(text),
    }
}

/// Ids (as numbers) by a text key: a folded name, or a record's identifying words joined.
/// Built at once and sorted (by the program's one sort), then found by halving: a lookup per
/// record instead of a scan per pair, and no map type of its own in the WASM.
#[derive(Debug, Default)]
pub struct Index(Vec<(String, u64)>);

impl Index {
    /// The index of `entries`; ids under one key keep the order given.
    pub fn new(mut entries: Vec<(String, u64)>) -> Self {
        crate::domain::order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        Self(entries)
    }

    /// The ids filed under `key`, in the order given.
    pub fn get<'a>(&'a self, key: &'a str) -> impl Iterator<Item = u64> + 'a {
        let start = self.0.partition_point(|(k, _)| k.as_str() < key);
        self.0[start..]
            .iter()
            .take_while(move |(k, _)| k == key)
            .map(|(_, id)| *id)
    }

    /// How many different keys.
    pub fn keys(&self) -> usize {
        self.0.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(!self.0.is_empty())
    }
}

/// Words joined into one [`Index`] key, with a control character between them. A key only
/// narrows the search: what it finds is still compared in full.
pub fn key(parts: &[&str]) -> String {
    parts.join("\u{1}")
}

#[cfg(test)]
thread_local! {
    /// How many times this thread folded: in the browser each fold is a call into JS, so a
    /// test counts them to show that work grows with the names, not with pairs of them.
    static FOLDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The folds made on this thread so far (tests only).
#[cfg(test)]
pub fn folds() -> usize {
    FOLDS.with(std::cell::Cell::get)
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
