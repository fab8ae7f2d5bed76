//! The metadata word that travels with each block through the pipeline.

/// Bits 15:0: the byte mask of the beat (bit 15 is octet 0).
pub const MASK_BITS: usize = 16;
/// A beat (or the H block) occupies this slot.
pub const VALID: usize = 16;
/// First beat of a message (an AAD beat, whose AES slot carries J0).
pub const SOP: usize = 17;
/// Last beat of a message.
pub const EOP: usize = 18;
/// An AAD beat (passes through, no keystream).
pub const AAD: usize = 19;
/// The message is decrypted (GHASH over the input, not the output).
pub const DECRYPT: usize = 20;
/// The slot computes H for a key being installed.
pub const IS_H: usize = 21;
