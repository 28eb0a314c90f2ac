//! Mounts the app, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    troth::ui::mount();
}

/// The app only runs in a browser; natively there is nothing to start.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Troth runs in the browser: build it with `trunk build --release` (see README).");
}
