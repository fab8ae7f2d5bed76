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

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

/// Packs a beat's mask and flags into the metadata word.
#[derive(SettleBlock, Default, Debug)]
pub struct MetaPack {
    _settle: crate::dff::SettleState,
    pub mask: Signal<In, Bits<16>>,
    pub valid: Signal<In, Bit>,
    pub sop: Signal<In, Bit>,
    pub eop: Signal<In, Bit>,
    pub aad: Signal<In, Bit>,
    pub decrypt: Signal<In, Bit>,
    pub is_h: Signal<In, Bit>,
    pub meta: Signal<Out, Bits<32>>,
}

impl Logic for MetaPack {
    fn update(&mut self) {
        let bit = |b: bool, i: usize| (b as u64) << i;
        let m = self.mask.val().index() as u64
            | bit(self.valid.val(), VALID)
            | bit(self.sop.val(), SOP)
            | bit(self.eop.val(), EOP)
            | bit(self.aad.val(), AAD)
            | bit(self.decrypt.val(), DECRYPT)
            | bit(self.is_h.val(), IS_H);
        self.meta.next = m.into();
    }

    fn connect(&mut self) {
        self.meta.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(
            "always @(*) meta = {10'd0, is_h, decrypt, aad, eop, sop, valid, mask};\n".into(),
        )
    }
}
