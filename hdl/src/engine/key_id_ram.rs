//! The SAs' key identifiers (128 bits each, not secret): what the TX_SA and RX_SA entries hold
//! beside their key slot so the host can tell the same key from a new one without reading keys.
//! Entries 0..63 are the receive SAs (SC slot × 4 + AN), 64..67 the transmit SAs (AN). Written
//! when an SA is installed, read by the window's read command; an entry means something only
//! while its SA is valid (the control block reads zeros otherwise), so it needs no reset. The
//! memory is the design's 128-bit block RAM ([`HRam`]), 68 of its 128 entries used: its read register
//! takes, at each edge, the entry of the command CMD holds after that edge, so a read command
//! finds its key identifier there in the cycle it executes.

pub use crate::h_ram::HRam as KeyIdRam;

use super::params::{ANS, RX_SAS};
use crate::h_ram::HRam;

/// Entries: the receive SAs, then one transmit SA per AN.
pub const ENTRIES: usize = RX_SAS + ANS;

/// The key identifier RAM.
pub fn key_id_ram() -> HRam {
    const { assert!(ENTRIES <= crate::aes_pipeline::KEYS) };
    HRam::new()
}
