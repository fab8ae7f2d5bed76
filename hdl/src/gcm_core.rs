//! The AES-GCM core: 16 octets per cycle in each direction, messages back to back, a different
//! key slot per message. Keys are installed through the key port (the schedule and H are computed
//! on the card, once per key); message beats enter with valid/ready, AAD first, then data, the
//! last beat of each part with a byte mask; each beat leaves 16 cycles later, and the tag of a
//! message 2 cycles after its last beat.
//!
//! Composition only: the key expander, the front (IV, counter, J0), fifteen AES stages and the
//! back (keystream XOR, GHASH, tag). The wiring is
//! spelled out in full: `#[hdl_gen]` must see every statement.

use rust_hdl::prelude::*;

use crate::aes_stage::{AesStage, KEY_BITS};
use crate::gcm_back::GcmBack;
use crate::gcm_front::GcmFront;
use crate::key_expander::KeyExpander;

/// Cycles from an input beat to its output beat.
pub const LATENCY: usize = 16;
/// Cycles from a message's last output beat to its tag.
pub const TAG_LATENCY: usize = 2;

#[derive(LogicBlock, Debug)]
pub struct GcmCore {
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
    st0: AesStage,
    st1: AesStage,
    st2: AesStage,
    st3: AesStage,
    st4: AesStage,
    st5: AesStage,
    st6: AesStage,
    st7: AesStage,
    st8: AesStage,
    st9: AesStage,
    st10: AesStage,
    st11: AesStage,
    st12: AesStage,
    st13: AesStage,
    st14: AesStage,
    back: GcmBack,
    r0: Constant<Bits<4>>,
    r1: Constant<Bits<4>>,
    r2: Constant<Bits<4>>,
    r3: Constant<Bits<4>>,
    r4: Constant<Bits<4>>,
    r5: Constant<Bits<4>>,
    r6: Constant<Bits<4>>,
    r7: Constant<Bits<4>>,
    r8: Constant<Bits<4>>,
    r9: Constant<Bits<4>>,
    r10: Constant<Bits<4>>,
    r11: Constant<Bits<4>>,
    r12: Constant<Bits<4>>,
    r13: Constant<Bits<4>>,
    r14: Constant<Bits<4>>,
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
            st0: AesStage::new(),
            st1: AesStage::new(),
            st2: AesStage::new(),
            st3: AesStage::new(),
            st4: AesStage::new(),
            st5: AesStage::new(),
            st6: AesStage::new(),
            st7: AesStage::new(),
            st8: AesStage::new(),
            st9: AesStage::new(),
            st10: AesStage::new(),
            st11: AesStage::new(),
            st12: AesStage::new(),
            st13: AesStage::new(),
            st14: AesStage::new(),
            back: GcmBack::new(),
            r0: Constant::new((0 as u64).into()),
            r1: Constant::new((1 as u64).into()),
            r2: Constant::new((2 as u64).into()),
            r3: Constant::new((3 as u64).into()),
            r4: Constant::new((4 as u64).into()),
            r5: Constant::new((5 as u64).into()),
            r6: Constant::new((6 as u64).into()),
            r7: Constant::new((7 as u64).into()),
            r8: Constant::new((8 as u64).into()),
            r9: Constant::new((9 as u64).into()),
            r10: Constant::new((10 as u64).into()),
            r11: Constant::new((11 as u64).into()),
            r12: Constant::new((12 as u64).into()),
            r13: Constant::new((13 as u64).into()),
            r14: Constant::new((14 as u64).into()),
            en: Default::default(),
        }
    }
}

impl Logic for GcmCore {
    #[hdl_gen]
    fn update(&mut self) {
        // Everything advances together unless the output is held.
        self.en.next = self.out_ready.val() || !(self.back.out_valid.val() || self.back.tag_valid.val());
        self.kx.clock.next = self.clock.val();
        self.kx.reset.next = self.reset.val();
        self.front.clock.next = self.clock.val();
        self.front.reset.next = self.reset.val();
        self.back.clock.next = self.clock.val();
        self.back.reset.next = self.reset.val();
        self.st0.clock.next = self.clock.val();
        self.st0.reset.next = self.reset.val();
        self.st1.clock.next = self.clock.val();
        self.st1.reset.next = self.reset.val();
        self.st2.clock.next = self.clock.val();
        self.st2.reset.next = self.reset.val();
        self.st3.clock.next = self.clock.val();
        self.st3.reset.next = self.reset.val();
        self.st4.clock.next = self.clock.val();
        self.st4.reset.next = self.reset.val();
        self.st5.clock.next = self.clock.val();
        self.st5.reset.next = self.reset.val();
        self.st6.clock.next = self.clock.val();
        self.st6.reset.next = self.reset.val();
        self.st7.clock.next = self.clock.val();
        self.st7.reset.next = self.reset.val();
        self.st8.clock.next = self.clock.val();
        self.st8.reset.next = self.reset.val();
        self.st9.clock.next = self.clock.val();
        self.st9.reset.next = self.reset.val();
        self.st10.clock.next = self.clock.val();
        self.st10.reset.next = self.reset.val();
        self.st11.clock.next = self.clock.val();
        self.st11.reset.next = self.reset.val();
        self.st12.clock.next = self.clock.val();
        self.st12.reset.next = self.reset.val();
        self.st13.clock.next = self.clock.val();
        self.st13.reset.next = self.reset.val();
        self.st14.clock.next = self.clock.val();
        self.st14.reset.next = self.reset.val();
        self.front.en.next = self.en.val();
        self.back.en.next = self.en.val();
        self.st0.en.next = self.en.val();
        self.st1.en.next = self.en.val();
        self.st2.en.next = self.en.val();
        self.st3.en.next = self.en.val();
        self.st4.en.next = self.en.val();
        self.st5.en.next = self.en.val();
        self.st6.en.next = self.en.val();
        self.st7.en.next = self.en.val();
        self.st8.en.next = self.en.val();
        self.st9.en.next = self.en.val();
        self.st10.en.next = self.en.val();
        self.st11.en.next = self.en.val();
        self.st12.en.next = self.en.val();
        self.st13.en.next = self.en.val();
        self.st14.en.next = self.en.val();
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
        self.st0.round.next = self.r0.val();
        self.st0.rk_we.next = self.kx.rk_we.val();
        self.st0.rk_round.next = self.kx.rk_round.val();
        self.st0.rk_addr.next = self.kx.rk_addr.val();
        self.st0.rk_data0.next = self.kx.rk_data0.val();
        self.st0.rk_data1.next = self.kx.rk_data1.val();
        self.st0.rk_data2.next = self.kx.rk_data2.val();
        self.st0.rk_data3.next = self.kx.rk_data3.val();
        self.st0.s_in0.next = self.front.s0.val();
        self.st0.aux_in0.next = self.front.aux0.val();
        self.st0.s_in1.next = self.front.s1.val();
        self.st0.aux_in1.next = self.front.aux1.val();
        self.st0.s_in2.next = self.front.s2.val();
        self.st0.aux_in2.next = self.front.aux2.val();
        self.st0.s_in3.next = self.front.s3.val();
        self.st0.aux_in3.next = self.front.aux3.val();
        self.st0.k256_in.next = self.front.k256.val();
        self.st0.key_in.next = self.front.key.val();
        self.st0.meta_in.next = self.front.meta.val();
        self.st1.round.next = self.r1.val();
        self.st1.rk_we.next = self.kx.rk_we.val();
        self.st1.rk_round.next = self.kx.rk_round.val();
        self.st1.rk_addr.next = self.kx.rk_addr.val();
        self.st1.rk_data0.next = self.kx.rk_data0.val();
        self.st1.rk_data1.next = self.kx.rk_data1.val();
        self.st1.rk_data2.next = self.kx.rk_data2.val();
        self.st1.rk_data3.next = self.kx.rk_data3.val();
        self.st1.s_in0.next = self.st0.s_out0.val();
        self.st1.aux_in0.next = self.st0.aux_out0.val();
        self.st1.s_in1.next = self.st0.s_out1.val();
        self.st1.aux_in1.next = self.st0.aux_out1.val();
        self.st1.s_in2.next = self.st0.s_out2.val();
        self.st1.aux_in2.next = self.st0.aux_out2.val();
        self.st1.s_in3.next = self.st0.s_out3.val();
        self.st1.aux_in3.next = self.st0.aux_out3.val();
        self.st1.k256_in.next = self.st0.k256_out.val();
        self.st1.key_in.next = self.st0.key_out.val();
        self.st1.meta_in.next = self.st0.meta_out.val();
        self.st2.round.next = self.r2.val();
        self.st2.rk_we.next = self.kx.rk_we.val();
        self.st2.rk_round.next = self.kx.rk_round.val();
        self.st2.rk_addr.next = self.kx.rk_addr.val();
        self.st2.rk_data0.next = self.kx.rk_data0.val();
        self.st2.rk_data1.next = self.kx.rk_data1.val();
        self.st2.rk_data2.next = self.kx.rk_data2.val();
        self.st2.rk_data3.next = self.kx.rk_data3.val();
        self.st2.s_in0.next = self.st1.s_out0.val();
        self.st2.aux_in0.next = self.st1.aux_out0.val();
        self.st2.s_in1.next = self.st1.s_out1.val();
        self.st2.aux_in1.next = self.st1.aux_out1.val();
        self.st2.s_in2.next = self.st1.s_out2.val();
        self.st2.aux_in2.next = self.st1.aux_out2.val();
        self.st2.s_in3.next = self.st1.s_out3.val();
        self.st2.aux_in3.next = self.st1.aux_out3.val();
        self.st2.k256_in.next = self.st1.k256_out.val();
        self.st2.key_in.next = self.st1.key_out.val();
        self.st2.meta_in.next = self.st1.meta_out.val();
        self.st3.round.next = self.r3.val();
        self.st3.rk_we.next = self.kx.rk_we.val();
        self.st3.rk_round.next = self.kx.rk_round.val();
        self.st3.rk_addr.next = self.kx.rk_addr.val();
        self.st3.rk_data0.next = self.kx.rk_data0.val();
        self.st3.rk_data1.next = self.kx.rk_data1.val();
        self.st3.rk_data2.next = self.kx.rk_data2.val();
        self.st3.rk_data3.next = self.kx.rk_data3.val();
        self.st3.s_in0.next = self.st2.s_out0.val();
        self.st3.aux_in0.next = self.st2.aux_out0.val();
        self.st3.s_in1.next = self.st2.s_out1.val();
        self.st3.aux_in1.next = self.st2.aux_out1.val();
        self.st3.s_in2.next = self.st2.s_out2.val();
        self.st3.aux_in2.next = self.st2.aux_out2.val();
        self.st3.s_in3.next = self.st2.s_out3.val();
        self.st3.aux_in3.next = self.st2.aux_out3.val();
        self.st3.k256_in.next = self.st2.k256_out.val();
        self.st3.key_in.next = self.st2.key_out.val();
        self.st3.meta_in.next = self.st2.meta_out.val();
        self.st4.round.next = self.r4.val();
        self.st4.rk_we.next = self.kx.rk_we.val();
        self.st4.rk_round.next = self.kx.rk_round.val();
        self.st4.rk_addr.next = self.kx.rk_addr.val();
        self.st4.rk_data0.next = self.kx.rk_data0.val();
        self.st4.rk_data1.next = self.kx.rk_data1.val();
        self.st4.rk_data2.next = self.kx.rk_data2.val();
        self.st4.rk_data3.next = self.kx.rk_data3.val();
        self.st4.s_in0.next = self.st3.s_out0.val();
        self.st4.aux_in0.next = self.st3.aux_out0.val();
        self.st4.s_in1.next = self.st3.s_out1.val();
        self.st4.aux_in1.next = self.st3.aux_out1.val();
        self.st4.s_in2.next = self.st3.s_out2.val();
        self.st4.aux_in2.next = self.st3.aux_out2.val();
        self.st4.s_in3.next = self.st3.s_out3.val();
        self.st4.aux_in3.next = self.st3.aux_out3.val();
        self.st4.k256_in.next = self.st3.k256_out.val();
        self.st4.key_in.next = self.st3.key_out.val();
        self.st4.meta_in.next = self.st3.meta_out.val();
        self.st5.round.next = self.r5.val();
        self.st5.rk_we.next = self.kx.rk_we.val();
        self.st5.rk_round.next = self.kx.rk_round.val();
        self.st5.rk_addr.next = self.kx.rk_addr.val();
        self.st5.rk_data0.next = self.kx.rk_data0.val();
        self.st5.rk_data1.next = self.kx.rk_data1.val();
        self.st5.rk_data2.next = self.kx.rk_data2.val();
        self.st5.rk_data3.next = self.kx.rk_data3.val();
        self.st5.s_in0.next = self.st4.s_out0.val();
        self.st5.aux_in0.next = self.st4.aux_out0.val();
        self.st5.s_in1.next = self.st4.s_out1.val();
        self.st5.aux_in1.next = self.st4.aux_out1.val();
        self.st5.s_in2.next = self.st4.s_out2.val();
        self.st5.aux_in2.next = self.st4.aux_out2.val();
        self.st5.s_in3.next = self.st4.s_out3.val();
        self.st5.aux_in3.next = self.st4.aux_out3.val();
        self.st5.k256_in.next = self.st4.k256_out.val();
        self.st5.key_in.next = self.st4.key_out.val();
        self.st5.meta_in.next = self.st4.meta_out.val();
        self.st6.round.next = self.r6.val();
        self.st6.rk_we.next = self.kx.rk_we.val();
        self.st6.rk_round.next = self.kx.rk_round.val();
        self.st6.rk_addr.next = self.kx.rk_addr.val();
        self.st6.rk_data0.next = self.kx.rk_data0.val();
        self.st6.rk_data1.next = self.kx.rk_data1.val();
        self.st6.rk_data2.next = self.kx.rk_data2.val();
        self.st6.rk_data3.next = self.kx.rk_data3.val();
        self.st6.s_in0.next = self.st5.s_out0.val();
        self.st6.aux_in0.next = self.st5.aux_out0.val();
        self.st6.s_in1.next = self.st5.s_out1.val();
        self.st6.aux_in1.next = self.st5.aux_out1.val();
        self.st6.s_in2.next = self.st5.s_out2.val();
        self.st6.aux_in2.next = self.st5.aux_out2.val();
        self.st6.s_in3.next = self.st5.s_out3.val();
        self.st6.aux_in3.next = self.st5.aux_out3.val();
        self.st6.k256_in.next = self.st5.k256_out.val();
        self.st6.key_in.next = self.st5.key_out.val();
        self.st6.meta_in.next = self.st5.meta_out.val();
        self.st7.round.next = self.r7.val();
        self.st7.rk_we.next = self.kx.rk_we.val();
        self.st7.rk_round.next = self.kx.rk_round.val();
        self.st7.rk_addr.next = self.kx.rk_addr.val();
        self.st7.rk_data0.next = self.kx.rk_data0.val();
        self.st7.rk_data1.next = self.kx.rk_data1.val();
        self.st7.rk_data2.next = self.kx.rk_data2.val();
        self.st7.rk_data3.next = self.kx.rk_data3.val();
        self.st7.s_in0.next = self.st6.s_out0.val();
        self.st7.aux_in0.next = self.st6.aux_out0.val();
        self.st7.s_in1.next = self.st6.s_out1.val();
        self.st7.aux_in1.next = self.st6.aux_out1.val();
        self.st7.s_in2.next = self.st6.s_out2.val();
        self.st7.aux_in2.next = self.st6.aux_out2.val();
        self.st7.s_in3.next = self.st6.s_out3.val();
        self.st7.aux_in3.next = self.st6.aux_out3.val();
        self.st7.k256_in.next = self.st6.k256_out.val();
        self.st7.key_in.next = self.st6.key_out.val();
        self.st7.meta_in.next = self.st6.meta_out.val();
        self.st8.round.next = self.r8.val();
        self.st8.rk_we.next = self.kx.rk_we.val();
        self.st8.rk_round.next = self.kx.rk_round.val();
        self.st8.rk_addr.next = self.kx.rk_addr.val();
        self.st8.rk_data0.next = self.kx.rk_data0.val();
        self.st8.rk_data1.next = self.kx.rk_data1.val();
        self.st8.rk_data2.next = self.kx.rk_data2.val();
        self.st8.rk_data3.next = self.kx.rk_data3.val();
        self.st8.s_in0.next = self.st7.s_out0.val();
        self.st8.aux_in0.next = self.st7.aux_out0.val();
        self.st8.s_in1.next = self.st7.s_out1.val();
        self.st8.aux_in1.next = self.st7.aux_out1.val();
        self.st8.s_in2.next = self.st7.s_out2.val();
        self.st8.aux_in2.next = self.st7.aux_out2.val();
        self.st8.s_in3.next = self.st7.s_out3.val();
        self.st8.aux_in3.next = self.st7.aux_out3.val();
        self.st8.k256_in.next = self.st7.k256_out.val();
        self.st8.key_in.next = self.st7.key_out.val();
        self.st8.meta_in.next = self.st7.meta_out.val();
        self.st9.round.next = self.r9.val();
        self.st9.rk_we.next = self.kx.rk_we.val();
        self.st9.rk_round.next = self.kx.rk_round.val();
        self.st9.rk_addr.next = self.kx.rk_addr.val();
        self.st9.rk_data0.next = self.kx.rk_data0.val();
        self.st9.rk_data1.next = self.kx.rk_data1.val();
        self.st9.rk_data2.next = self.kx.rk_data2.val();
        self.st9.rk_data3.next = self.kx.rk_data3.val();
        self.st9.s_in0.next = self.st8.s_out0.val();
        self.st9.aux_in0.next = self.st8.aux_out0.val();
        self.st9.s_in1.next = self.st8.s_out1.val();
        self.st9.aux_in1.next = self.st8.aux_out1.val();
        self.st9.s_in2.next = self.st8.s_out2.val();
        self.st9.aux_in2.next = self.st8.aux_out2.val();
        self.st9.s_in3.next = self.st8.s_out3.val();
        self.st9.aux_in3.next = self.st8.aux_out3.val();
        self.st9.k256_in.next = self.st8.k256_out.val();
        self.st9.key_in.next = self.st8.key_out.val();
        self.st9.meta_in.next = self.st8.meta_out.val();
        self.st10.round.next = self.r10.val();
        self.st10.rk_we.next = self.kx.rk_we.val();
        self.st10.rk_round.next = self.kx.rk_round.val();
        self.st10.rk_addr.next = self.kx.rk_addr.val();
        self.st10.rk_data0.next = self.kx.rk_data0.val();
        self.st10.rk_data1.next = self.kx.rk_data1.val();
        self.st10.rk_data2.next = self.kx.rk_data2.val();
        self.st10.rk_data3.next = self.kx.rk_data3.val();
        self.st10.s_in0.next = self.st9.s_out0.val();
        self.st10.aux_in0.next = self.st9.aux_out0.val();
        self.st10.s_in1.next = self.st9.s_out1.val();
        self.st10.aux_in1.next = self.st9.aux_out1.val();
        self.st10.s_in2.next = self.st9.s_out2.val();
        self.st10.aux_in2.next = self.st9.aux_out2.val();
        self.st10.s_in3.next = self.st9.s_out3.val();
        self.st10.aux_in3.next = self.st9.aux_out3.val();
        self.st10.k256_in.next = self.st9.k256_out.val();
        self.st10.key_in.next = self.st9.key_out.val();
        self.st10.meta_in.next = self.st9.meta_out.val();
        self.st11.round.next = self.r11.val();
        self.st11.rk_we.next = self.kx.rk_we.val();
        self.st11.rk_round.next = self.kx.rk_round.val();
        self.st11.rk_addr.next = self.kx.rk_addr.val();
        self.st11.rk_data0.next = self.kx.rk_data0.val();
        self.st11.rk_data1.next = self.kx.rk_data1.val();
        self.st11.rk_data2.next = self.kx.rk_data2.val();
        self.st11.rk_data3.next = self.kx.rk_data3.val();
        self.st11.s_in0.next = self.st10.s_out0.val();
        self.st11.aux_in0.next = self.st10.aux_out0.val();
        self.st11.s_in1.next = self.st10.s_out1.val();
        self.st11.aux_in1.next = self.st10.aux_out1.val();
        self.st11.s_in2.next = self.st10.s_out2.val();
        self.st11.aux_in2.next = self.st10.aux_out2.val();
        self.st11.s_in3.next = self.st10.s_out3.val();
        self.st11.aux_in3.next = self.st10.aux_out3.val();
        self.st11.k256_in.next = self.st10.k256_out.val();
        self.st11.key_in.next = self.st10.key_out.val();
        self.st11.meta_in.next = self.st10.meta_out.val();
        self.st12.round.next = self.r12.val();
        self.st12.rk_we.next = self.kx.rk_we.val();
        self.st12.rk_round.next = self.kx.rk_round.val();
        self.st12.rk_addr.next = self.kx.rk_addr.val();
        self.st12.rk_data0.next = self.kx.rk_data0.val();
        self.st12.rk_data1.next = self.kx.rk_data1.val();
        self.st12.rk_data2.next = self.kx.rk_data2.val();
        self.st12.rk_data3.next = self.kx.rk_data3.val();
        self.st12.s_in0.next = self.st11.s_out0.val();
        self.st12.aux_in0.next = self.st11.aux_out0.val();
        self.st12.s_in1.next = self.st11.s_out1.val();
        self.st12.aux_in1.next = self.st11.aux_out1.val();
        self.st12.s_in2.next = self.st11.s_out2.val();
        self.st12.aux_in2.next = self.st11.aux_out2.val();
        self.st12.s_in3.next = self.st11.s_out3.val();
        self.st12.aux_in3.next = self.st11.aux_out3.val();
        self.st12.k256_in.next = self.st11.k256_out.val();
        self.st12.key_in.next = self.st11.key_out.val();
        self.st12.meta_in.next = self.st11.meta_out.val();
        self.st13.round.next = self.r13.val();
        self.st13.rk_we.next = self.kx.rk_we.val();
        self.st13.rk_round.next = self.kx.rk_round.val();
        self.st13.rk_addr.next = self.kx.rk_addr.val();
        self.st13.rk_data0.next = self.kx.rk_data0.val();
        self.st13.rk_data1.next = self.kx.rk_data1.val();
        self.st13.rk_data2.next = self.kx.rk_data2.val();
        self.st13.rk_data3.next = self.kx.rk_data3.val();
        self.st13.s_in0.next = self.st12.s_out0.val();
        self.st13.aux_in0.next = self.st12.aux_out0.val();
        self.st13.s_in1.next = self.st12.s_out1.val();
        self.st13.aux_in1.next = self.st12.aux_out1.val();
        self.st13.s_in2.next = self.st12.s_out2.val();
        self.st13.aux_in2.next = self.st12.aux_out2.val();
        self.st13.s_in3.next = self.st12.s_out3.val();
        self.st13.aux_in3.next = self.st12.aux_out3.val();
        self.st13.k256_in.next = self.st12.k256_out.val();
        self.st13.key_in.next = self.st12.key_out.val();
        self.st13.meta_in.next = self.st12.meta_out.val();
        self.st14.round.next = self.r14.val();
        self.st14.rk_we.next = self.kx.rk_we.val();
        self.st14.rk_round.next = self.kx.rk_round.val();
        self.st14.rk_addr.next = self.kx.rk_addr.val();
        self.st14.rk_data0.next = self.kx.rk_data0.val();
        self.st14.rk_data1.next = self.kx.rk_data1.val();
        self.st14.rk_data2.next = self.kx.rk_data2.val();
        self.st14.rk_data3.next = self.kx.rk_data3.val();
        self.st14.s_in0.next = self.st13.s_out0.val();
        self.st14.aux_in0.next = self.st13.aux_out0.val();
        self.st14.s_in1.next = self.st13.s_out1.val();
        self.st14.aux_in1.next = self.st13.aux_out1.val();
        self.st14.s_in2.next = self.st13.s_out2.val();
        self.st14.aux_in2.next = self.st13.aux_out2.val();
        self.st14.s_in3.next = self.st13.s_out3.val();
        self.st14.aux_in3.next = self.st13.aux_out3.val();
        self.st14.k256_in.next = self.st13.k256_out.val();
        self.st14.key_in.next = self.st13.key_out.val();
        self.st14.meta_in.next = self.st13.meta_out.val();
        self.back.s0.next = self.st14.s_out0.val();
        self.back.aux0.next = self.st14.aux_out0.val();
        self.back.s1.next = self.st14.s_out1.val();
        self.back.aux1.next = self.st14.aux_out1.val();
        self.back.s2.next = self.st14.s_out2.val();
        self.back.aux2.next = self.st14.aux_out2.val();
        self.back.s3.next = self.st14.s_out3.val();
        self.back.aux3.next = self.st14.aux_out3.val();
        self.back.key.next = self.st14.key_out.val();
        self.back.meta.next = self.st14.meta_out.val();
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
