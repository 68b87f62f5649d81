//! Verbatim: full-text search for UN meeting records, built to run in the browser.
pub mod analysis;
pub mod archive;
pub mod eval;
mod hash;
pub mod index;
pub mod record;
pub mod search;
mod sort;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
