//! `backup.html`: the Backup page, loaded only when opened (see `troth::ui::parts`).

#[cfg(target_arch = "wasm32")]
fn main() {
    troth::ui::parts::mount_backup();
}

/// The app only runs in a browser; natively there is nothing to start.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
