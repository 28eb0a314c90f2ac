//! `link.html`: what a link from another person opens (a request to answer, a reply to record,
//! an offer to keep), loaded only when such a link is opened (see `troth::ui::parts`).

#[cfg(target_arch = "wasm32")]
fn main() {
    troth::ui::parts::mount_links();
}

/// The app only runs in a browser; natively there is nothing to start.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
