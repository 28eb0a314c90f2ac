//! `index.html`: the ledger part of Troth, and nothing else (see `ui::parts`).

#[cfg(target_arch = "wasm32")]
fn main() {
    troth::ui::parts::mount_ledger();
}

/// The app only runs in a browser; natively there is nothing to start.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Troth runs in the browser: build it with `trunk build --release` (see README).");
}
