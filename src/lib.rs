//! Troth: keep your word. A browser-only ledger of commitments.
//!
//! `domain` decides, `store` persists, `ui` shows (see ARCHITECTURE in the shared docs):
//! `domain` imports neither of the others, `store` imports `domain` only.

pub mod domain;
pub mod store;

pub mod ui;

/// Checks over the source itself: rules no single test of behaviour can see.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod source {
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// User text reaches the page only as text: nothing writes HTML from a string.
    #[test]
    fn nothing_writes_html_from_a_string() {
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.len() > 20);
        let banned = [
            "inner_html",
            "innerHTML",
            "outer_html",
            "insert_adjacent_html",
            "document.write",
        ];
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for word in banned {
                // This test names the words; nothing else may.
                if file.ends_with("lib.rs") {
                    continue;
                }
                assert!(!text.contains(word), "{} uses {word}", file.display());
            }
        }
    }
}
