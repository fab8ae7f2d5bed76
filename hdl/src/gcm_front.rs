//! The front of the GCM core: takes input beats (or, when a key install asks, one H slot), keeps
//! the message's IV, key slot and counter, and chooses each slot's AES input: J0 = IV ‖ 1 in the
//! first (AAD) beat of a message, IV ‖ 2, 3, … in the data beats.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use crate::aes_pipeline::KEY_BITS;
use crate::meta::MetaPack;

#[derive(SettleBlock, Default, Debug)]
pub struct GcmFront {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub en: Signal<In, Bit>,
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
    pub h_req: Signal<In, Bit>,
    pub h_key: Signal<In, Bits<KEY_BITS>>,
    pub h_ack: Signal<Out, Bit>,
    pub k256_addr: Signal<Out, Bits<KEY_BITS>>,
    pub k256_in: Signal<In, Bit>,
    pub s0: Signal<Out, Bits<32>>,
    pub s1: Signal<Out, Bits<32>>,
    pub s2: Signal<Out, Bits<32>>,
    pub s3: Signal<Out, Bits<32>>,
    pub key: Signal<Out, Bits<KEY_BITS>>,
    pub k256: Signal<Out, Bit>,
    pub aux0: Signal<Out, Bits<32>>,
    pub aux1: Signal<Out, Bits<32>>,
    pub aux2: Signal<Out, Bits<32>>,
    pub aux3: Signal<Out, Bits<32>>,
    pub meta: Signal<Out, Bits<32>>,
    pack: MetaPack,
    iv0: Reg<Bits<32>>,
    iv1: Reg<Bits<32>>,
    iv2: Reg<Bits<32>>,
    cur_key: Reg<Bits<KEY_BITS>>,
    dec: Reg<Bit>,
    ctr: Reg<Bits<32>>,
    take: Signal<Local, Bit>,
    bkey: Signal<Local, Bits<KEY_BITS>>,
    biv0: Signal<Local, Bits<32>>,
    biv1: Signal<Local, Bits<32>>,
    biv2: Signal<Local, Bits<32>>,
    bdec: Signal<Local, Bit>,
    next_ctr: Signal<Local, Bits<32>>,
}

impl Logic for GcmFront {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, iv0, iv1, iv2, cur_key, dec, ctr);
        // A key install's H slot goes first; input waits for that one cycle.
        self.h_ack.next = self.h_req.val() && self.en.val();
        self.in_ready.next = self.en.val() && !self.h_req.val();
        self.take.next = self.in_valid.val() && self.en.val() && !self.h_req.val();
        // The message's IV, key and direction come with its first beat.
        self.bkey.next = self.cur_key.q.val();
        self.biv0.next = self.iv0.q.val();
        self.biv1.next = self.iv1.q.val();
        self.biv2.next = self.iv2.q.val();
        self.bdec.next = self.dec.q.val();
        if self.in_sop.val() {
            self.bkey.next = self.in_key.val();
            self.biv0.next = self.in_iv0.val();
            self.biv1.next = self.in_iv1.val();
            self.biv2.next = self.in_iv2.val();
            self.bdec.next = self.in_decrypt.val();
        }
        self.next_ctr.next = self.ctr.q.val() + 1;
        self.k256_addr.next = self.bkey.val();
        if self.h_req.val() {
            self.k256_addr.next = self.h_key.val();
        }
        self.k256.next = self.k256_in.val();
        // Default: an empty slot.
        self.s0.next = 0.into();
        self.s1.next = 0.into();
        self.s2.next = 0.into();
        self.s3.next = 0.into();
        self.aux0.next = self.in_d0.val();
        self.aux1.next = self.in_d1.val();
        self.aux2.next = self.in_d2.val();
        self.aux3.next = self.in_d3.val();
        self.key.next = self.bkey.val();
        self.pack.mask.next = self.in_mask.val();
        self.pack.valid.next = false;
        self.pack.sop.next = self.in_sop.val();
        self.pack.eop.next = self.in_eop.val();
        self.pack.aad.next = self.in_aad.val();
        self.pack.decrypt.next = self.bdec.val();
        self.pack.is_h.next = false;
        if self.h_req.val() {
            // AES_K(0^128) for the key being installed.
            self.key.next = self.h_key.val();
            self.aux0.next = 0.into();
            self.aux1.next = 0.into();
            self.aux2.next = 0.into();
            self.aux3.next = 0.into();
            self.pack.valid.next = self.en.val();
            self.pack.sop.next = false;
            self.pack.eop.next = false;
            self.pack.aad.next = false;
            self.pack.decrypt.next = false;
            self.pack.is_h.next = true;
        } else if self.take.val() {
            self.pack.valid.next = true;
            if self.in_sop.val() {
                // J0 = IV ‖ 0x00000001: E_K(J0) masks the tag.
                self.s0.next = self.biv0.val();
                self.s1.next = self.biv1.val();
                self.s2.next = self.biv2.val();
                self.s3.next = 1.into();
            } else if !self.in_aad.val() {
                // Counter blocks IV ‖ 2, 3, …
                self.s0.next = self.biv0.val();
                self.s1.next = self.biv1.val();
                self.s2.next = self.biv2.val();
                self.s3.next = self.next_ctr.val();
            }
        }
        self.meta.next = self.pack.meta.val();
        // State: the message's parameters at its first beat; the counter per data beat.
        if self.take.val() {
            if self.in_sop.val() {
                self.iv0.d.next = self.in_iv0.val();
                self.iv1.d.next = self.in_iv1.val();
                self.iv2.d.next = self.in_iv2.val();
                self.cur_key.d.next = self.in_key.val();
                self.dec.d.next = self.in_decrypt.val();
                self.ctr.d.next = 1.into();
            } else if !self.in_aad.val() {
                self.ctr.d.next = self.next_ctr.val();
            }
        }
        if self.reset.val() {
            self.ctr.d.next = 0.into();
        }
    }
}
