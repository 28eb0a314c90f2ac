//! `talk.html`: presentation mode, loaded only when opened (see `troth::ui::parts`).

#[cfg(target_arch = "wasm32")]
fn main() {
    troth::ui::parts::mount_talks();
}

/// The app only runs in a browser; natively there is nothing to start.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
