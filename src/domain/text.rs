//! Text as Troth keeps it, and comparing it.
//!
//! **Cleaning.** Every text a person or a link gives goes through [`checked`] (names through
//! [`super::clean_name`]): composed the one way Unicode calls NFC, so `é` typed two ways is one
//! text; without the controls that reorder what follows them (embeddings, overrides and isolates,
//! U+202A–202E and U+2066–2069: "Refund \u{202e}0051\u{202c} EUR" would read "Refund 1500 EUR"),
//! in every text; and, in names, also without the invisible characters that would make two
//! people of one name (zero-width spaces and joiners, direction marks, word joiner, BOM, Arabic
//! letter mark). Direction marks and joiners stay in other text, where they have honest uses
//! (an emoji sequence, a Persian word, a number beside Hebrew), and where the page isolates each
//! user text (`unicode-bidi: isolate`) so nothing leaks into the words around it.
//!
//! **Comparing.** Folding needs Unicode's case tables, and NFC its composition tables. Rust's
//! cost the WASM some 10 KB gzip each, and the browser already has both, so the UI installs the
//! browser's (`toLowerCase`, `normalize('NFC')`) at start, the way zone arithmetic comes from
//! `Intl` through [`super::ZoneRules`]. Natively, and until one is installed, Rust folds and
//! `unicode-normalization` composes; in the WASM nothing is linked but ASCII folding (and text
//! left as it is) as that fallback.
//!
//! **Look-alikes.** [`skeleton`] maps the common Latin, Cyrillic and Greek look-alikes to one
//! letter (in the spirit of Unicode TR 39), so a new name that reads like someone's already in
//! the book ("Ѕam" with a Cyrillic S) can be asked about before a second "Sam" is made.

use crate::domain::DomainError;
use std::sync::OnceLock;

/// Lower-cases and composes text, by the browser's tables in the app.
pub trait CaseFold: Sync {
    fn lower(&self, text: &str) -> String;
    /// `text` in Unicode Normalization Form C.
    fn nfc(&self, text: &str) -> String;
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

/// `text` in NFC, by the installed rules.
pub fn nfc(text: &str) -> String {
    match FOLD.get() {
        Some(f) => f.nfc(text),
        None => nfc_fallback(text),
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

#[cfg(not(target_arch = "wasm32"))]
fn nfc_fallback(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(target_arch = "wasm32")]
fn nfc_fallback(text: &str) -> String {
    text.to_owned()
}

/// Controls that change the order in which the text after them is displayed.
fn reorders(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: zero-width space, non-joiner and joiner, the direction marks,
/// word joiner, byte order mark, Arabic letter mark.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}'
    )
}

/// What a text is, for cleaning: a name loses invisible characters and runs of spaces too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Name,
    Text,
}

/// `input` as Troth keeps it (see the module's note): NFC, trimmed, without reordering
/// controls; for a name also without invisible characters, and with single spaces.
pub(crate) fn clean(input: &str, kind: Kind) -> String {
    let kept: String = input
        .chars()
        .filter(|&c| !(reorders(c) || kind == Kind::Name && invisible(c)))
        .collect();
    let composed = if kept.is_ascii() { kept } else { nfc(&kept) };
    match kind {
        Kind::Name => composed.split_whitespace().collect::<Vec<_>>().join(" "),
        Kind::Text => composed.trim().to_owned(),
    }
}

/// Cleaned, non-empty text of at most `max` characters: the one check every text passes.
pub(crate) fn checked(
    input: &str,
    kind: Kind,
    max: usize,
    empty: DomainError,
) -> Result<String, DomainError> {
    let t = clean(input, kind);
    let len = t.chars().count();
    if t.is_empty() {
        Err(empty)
    } else if len > max {
        Err(DomainError::TooLong { len, max })
    } else {
        Ok(t)
    }
}

/// Longest text accepted for what, a reason, a missing part or a note (characters).
pub const MAX_TEXT: usize = 500;

/// An optional note: blank is none.
pub(crate) fn note(input: Option<&str>) -> Result<Option<String>, DomainError> {
    input
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(|h| text(h, DomainError::EmptyMissing))
        .transpose()
}

/// Cleaned, non-empty text of at most [`MAX_TEXT`] characters.
pub(crate) fn text(input: &str, empty: DomainError) -> Result<String, DomainError> {
    bounded(input, MAX_TEXT, empty)
}

/// Cleaned, non-empty text of at most `max` characters.
pub(crate) fn bounded(input: &str, max: usize, empty: DomainError) -> Result<String, DomainError> {
    checked(input, Kind::Text, max, empty)
}

/// The Latin letter a Cyrillic or Greek one (or a digit) is read as, where they look the same.
/// Upper and lower case apart: Cyrillic `В` reads as B, its lower case `в` as no Latin letter.
#[rustfmt::skip]
const LOOK_ALIKES: &[(char, char)] = &[
    // Cyrillic capitals.
    ('А', 'A'), ('В', 'B'), ('Е', 'E'), ('Ѕ', 'S'), ('І', 'I'), ('Ј', 'J'), ('К', 'K'),
    ('М', 'M'), ('Н', 'H'), ('О', 'O'), ('Р', 'P'), ('С', 'C'), ('Т', 'T'), ('Х', 'X'),
    ('У', 'Y'), ('Ү', 'Y'), ('Ԛ', 'Q'), ('Ԝ', 'W'), ('Ӏ', 'l'),
    // Cyrillic small letters.
    ('а', 'a'), ('е', 'e'), ('ѕ', 's'), ('і', 'i'), ('ј', 'j'), ('о', 'o'), ('р', 'p'),
    ('с', 'c'), ('у', 'y'), ('х', 'x'), ('ү', 'y'), ('ԁ', 'd'), ('ԛ', 'q'), ('ԝ', 'w'),
    ('һ', 'h'), ('ӏ', 'l'), ('ѵ', 'v'),
    // Greek capitals.
    ('Α', 'A'), ('Β', 'B'), ('Ε', 'E'), ('Ζ', 'Z'), ('Η', 'H'), ('Ι', 'I'), ('Κ', 'K'),
    ('Μ', 'M'), ('Ν', 'N'), ('Ο', 'O'), ('Ρ', 'P'), ('Τ', 'T'), ('Υ', 'Y'), ('Χ', 'X'),
    // Greek small letters.
    ('α', 'a'), ('ι', 'i'), ('κ', 'k'), ('ν', 'v'), ('ο', 'o'), ('ρ', 'p'), ('υ', 'u'),
    ('χ', 'x'),
    // Within Latin and digits: capital I, small l, one and bar read alike; so do O and zero.
    ('I', 'l'), ('1', 'l'), ('|', 'l'), ('ı', 'i'), ('0', 'O'), ('ɑ', 'a'), ('ɡ', 'g'),
];

/// What a name looks like, for telling whether two names read the same: cleaned, each
/// look-alike replaced by the Latin letter it reads as, folded.
pub fn skeleton(name: &str) -> String {
    let read: String = clean(name, Kind::Name)
        .chars()
        .map(|c| {
            LOOK_ALIKES
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect();
    fold(&read)
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
