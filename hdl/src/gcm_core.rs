//! The AES-GCM core: 16 octets per cycle in each direction, messages back to back, a different
//! key slot per message. Keys are installed through the key port (the schedule and H are computed
//! on the card, once per key); message beats enter with valid/ready, AAD first, then data, the
//! last beat of each part with a byte mask; each beat leaves 17 cycles later, and the tag of a
//! message 1 cycle after its last beat.
//!
//! Composition only: the key expander, the front (IV, counter, J0), the sixteen-register AES
//! pipeline and the back (keystream XOR, GHASH, tag). The wiring is spelled out in full:
//! `#[hdl_gen]` must see every statement.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes_pipeline::{AesPipeline, KEY_BITS};
use crate::gcm_back::GcmBack;
use crate::gcm_front::GcmFront;
use crate::key_expander::KeyExpander;

/// Cycles from an input beat to its output beat.
pub const LATENCY: usize = 17;
/// Cycles from a message's last output beat to its tag.
pub const TAG_LATENCY: usize = 1;

#[derive(SettleBlock, Debug)]
pub struct GcmCore {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub key_valid: Signal<In, Bit>,
    pub key_ready: Signal<Out, Bit>,
    pub key_id: Signal<In, Bits<KEY_BITS>>,
    pub key_256: Signal<In, Bit>,
    pub key0: Signal<In, Bits<32>>,
    pub key1: Signal<In, Bits<32>>,
    pub key2: Signal<In, Bits<32>>,
    pub key3: Signal<In, Bits<32>>,
    pub key4: Signal<In, Bits<32>>,
    pub key5: Signal<In, Bits<32>>,
    pub key6: Signal<In, Bits<32>>,
    pub key7: Signal<In, Bits<32>>,
    pub in_valid: Signal<In, Bit>,
    pub in_ready: Signal<Out, Bit>,
    pub in_sop: Signal<In, Bit>,
    pub in_eop: Signal<In, Bit>,
    pub in_aad: Signal<In, Bit>,
    pub in_decrypt: Signal<In, Bit>,
    pub in_mask: Signal<In, Bits<16>>,
    pub in_key: Signal<In, Bits<KEY_BITS>>,
    pub in_iv0: Signal<In, Bits<32>>,
    pub in_iv1: Signal<In, Bits<32>>,
    pub in_iv2: Signal<In, Bits<32>>,
    pub in_d0: Signal<In, Bits<32>>,
    pub in_d1: Signal<In, Bits<32>>,
    pub in_d2: Signal<In, Bits<32>>,
    pub in_d3: Signal<In, Bits<32>>,
    pub out_ready: Signal<In, Bit>,
    pub out_valid: Signal<Out, Bit>,
    pub out_sop: Signal<Out, Bit>,
    pub out_eop: Signal<Out, Bit>,
    pub out_aad: Signal<Out, Bit>,
    pub out_mask: Signal<Out, Bits<16>>,
    pub out_d0: Signal<Out, Bits<32>>,
    pub out_d1: Signal<Out, Bits<32>>,
    pub out_d2: Signal<Out, Bits<32>>,
    pub out_d3: Signal<Out, Bits<32>>,
    pub tag_valid: Signal<Out, Bit>,
    pub tag0: Signal<Out, Bits<32>>,
    pub tag1: Signal<Out, Bits<32>>,
    pub tag2: Signal<Out, Bits<32>>,
    pub tag3: Signal<Out, Bits<32>>,
    kx: KeyExpander,
    front: GcmFront,
    aes: AesPipeline,
    back: GcmBack,
    en: Signal<Local, Bit>,
}

impl Default for GcmCore {
    fn default() -> Self {
        Self::new()
    }
}

impl GcmCore {
    pub fn new() -> Self {
        GcmCore {
            _settle: Default::default(),
            clock: Default::default(),
            reset: Default::default(),
            key_valid: Default::default(),
            key_ready: Signal::default(),
            key_id: Default::default(),
            key_256: Default::default(),
            key0: Default::default(),
            key1: Default::default(),
            key2: Default::default(),
            key3: Default::default(),
            key4: Default::default(),
            key5: Default::default(),
            key6: Default::default(),
            key7: Default::default(),
            in_valid: Default::default(),
            in_ready: Default::default(),
            in_sop: Default::default(),
            in_eop: Default::default(),
            in_aad: Default::default(),
            in_decrypt: Default::default(),
            in_mask: Default::default(),
            in_key: Default::default(),
            in_iv0: Default::default(),
            in_iv1: Default::default(),
            in_iv2: Default::default(),
            in_d0: Default::default(),
            in_d1: Default::default(),
            in_d2: Default::default(),
            in_d3: Default::default(),
            out_ready: Default::default(),
            out_valid: Default::default(),
            out_sop: Default::default(),
            out_eop: Default::default(),
            out_aad: Default::default(),
            out_mask: Default::default(),
            out_d0: Default::default(),
            out_d1: Default::default(),
            out_d2: Default::default(),
            out_d3: Default::default(),
            tag_valid: Default::default(),
            tag0: Default::default(),
            tag1: Default::default(),
            tag2: Default::default(),
            tag3: Default::default(),
            kx: KeyExpander::new(),
            front: GcmFront::default(),
            aes: AesPipeline::new(),
            back: GcmBack::new(),
            en: Default::default(),
        }
    }
}

impl Logic for GcmCore {
    #[hdl_gen]
    fn update(&mut self) {
        // Everything advances together unless the output is held.
        self.en.next =
            self.out_ready.val() || !(self.back.out_valid.val() || self.back.tag_valid.val());
        self.kx.clock.next = self.clock.val();
        self.kx.reset.next = self.reset.val();
        self.front.clock.next = self.clock.val();
        self.front.reset.next = self.reset.val();
        self.back.clock.next = self.clock.val();
        self.back.reset.next = self.reset.val();
        self.front.en.next = self.en.val();
        self.back.en.next = self.en.val();
        self.kx.key_valid.next = self.key_valid.val();
        self.key_ready.next = self.kx.key_ready.val();
        self.kx.key_id.next = self.key_id.val();
        self.kx.key_256.next = self.key_256.val();
        self.kx.key0.next = self.key0.val();
        self.kx.key1.next = self.key1.val();
        self.kx.key2.next = self.key2.val();
        self.kx.key3.next = self.key3.val();
        self.kx.key4.next = self.key4.val();
        self.kx.key5.next = self.key5.val();
        self.kx.key6.next = self.key6.val();
        self.kx.key7.next = self.key7.val();
        self.kx.k256_addr.next = self.front.k256_addr.val();
        self.front.k256_in.next = self.kx.k256.val();
        self.front.h_req.next = self.kx.h_req.val();
        self.front.h_key.next = self.kx.h_key.val();
        self.kx.h_ack.next = self.front.h_ack.val();
        self.kx.h_done.next = self.back.h_done.val();
        self.front.in_valid.next = self.in_valid.val();
        self.front.in_sop.next = self.in_sop.val();
        self.front.in_eop.next = self.in_eop.val();
        self.front.in_aad.next = self.in_aad.val();
        self.front.in_decrypt.next = self.in_decrypt.val();
        self.front.in_mask.next = self.in_mask.val();
        self.front.in_key.next = self.in_key.val();
        self.front.in_iv0.next = self.in_iv0.val();
        self.front.in_iv1.next = self.in_iv1.val();
        self.front.in_iv2.next = self.in_iv2.val();
        self.front.in_d0.next = self.in_d0.val();
        self.front.in_d1.next = self.in_d1.val();
        self.front.in_d2.next = self.in_d2.val();
        self.front.in_d3.next = self.in_d3.val();
        self.in_ready.next = self.front.in_ready.val();
        self.aes.clock.next = self.clock.val();
        self.aes.reset.next = self.reset.val();
        self.aes.en.next = self.en.val();
        self.aes.rk_we.next = self.kx.rk_we.val();
        self.aes.rk_wipe.next = self.kx.wipe.val();
        self.back.wipe.next = self.kx.wipe.val();
        self.back.wipe_addr.next = self.kx.rk_addr.val();
        self.aes.rk_round.next = self.kx.rk_round.val();
        self.aes.rk_addr.next = self.kx.rk_addr.val();
        self.aes.rk_data0.next = self.kx.rk_data0.val();
        self.aes.rk_data1.next = self.kx.rk_data1.val();
        self.aes.rk_data2.next = self.kx.rk_data2.val();
        self.aes.rk_data3.next = self.kx.rk_data3.val();
        self.aes.s_in0.next = self.front.s0.val();
        self.aes.s_in1.next = self.front.s1.val();
        self.aes.s_in2.next = self.front.s2.val();
        self.aes.s_in3.next = self.front.s3.val();
        self.aes.aux_in0.next = self.front.aux0.val();
        self.aes.aux_in1.next = self.front.aux1.val();
        self.aes.aux_in2.next = self.front.aux2.val();
        self.aes.aux_in3.next = self.front.aux3.val();
        self.aes.k256_in.next = self.front.k256.val();
        self.aes.key_in.next = self.front.key.val();
        self.aes.meta_in.next = self.front.meta.val();
        self.back.s0.next = self.aes.s_out0.val();
        self.back.s1.next = self.aes.s_out1.val();
        self.back.s2.next = self.aes.s_out2.val();
        self.back.s3.next = self.aes.s_out3.val();
        self.back.aux0.next = self.aes.aux_out0.val();
        self.back.aux1.next = self.aes.aux_out1.val();
        self.back.aux2.next = self.aes.aux_out2.val();
        self.back.aux3.next = self.aes.aux_out3.val();
        self.back.key.next = self.aes.key_out.val();
        self.back.key_next.next = self.aes.key_next.val();
        self.back.meta.next = self.aes.meta_out.val();
        self.out_valid.next = self.back.out_valid.val();
        self.out_sop.next = self.back.out_sop.val();
        self.out_eop.next = self.back.out_eop.val();
        self.out_aad.next = self.back.out_aad.val();
        self.out_mask.next = self.back.out_mask.val();
        self.out_d0.next = self.back.out_d0.val();
        self.out_d1.next = self.back.out_d1.val();
        self.out_d2.next = self.back.out_d2.val();
        self.out_d3.next = self.back.out_d3.val();
        self.tag_valid.next = self.back.tag_valid.val();
        self.tag0.next = self.back.tag0.val();
        self.tag1.next = self.back.tag1.val();
        self.tag2.next = self.back.tag2.val();
        self.tag3.next = self.back.tag3.val();
    }
}
