//! The front of the ingress (802.1AE-2018 10.6.1–10.6.2): for the next frame to start it parses
//! the SecTAG, finds the receive SC by SCI and the SA by AN, recovers the PN (waiting while a
//! frame ahead on the same SA could still change the answer) and forms the IV. Then it cuts the
//! frame for the cipher core: frames to validate into AAD (DA, SA, SecTAG and the offset) and data
//! (to the ICV), frames only to strip into AAD to the ICV, anything else unchanged. One beat is
//! kept in hand so the ICV (the last 16 octets) is known when the last beat arrives. At the end
//! of each frame a descriptor carries what the back needs to decide.
//!
//! The decision is a pipeline of four register stages, so no path runs from the SecTAG to the
//! start in one cycle: the SecTAG parsed (here, from the head queue's SecTAG queue), the SC
//! table's CAM, the SA table's read, its PN recovery and hazard. It works on the next frame's
//! SecTAG while the frame ahead streams, every cycle, and `age` counts the edges since the
//! SecTAG at the queue's head last changed: the frame may start once all four stages hold its
//! answer. A write to the control plane (`touch`: a register, a table entry) starts the count
//! again, so a frame's decision never mixes the state before a write with the state after it.
//! Frames ahead on the same SA may still finish while it waits; the hazard accounts for them.
//!
//! Categories: 0 passes unchanged (validateFrames Null, untagged, a bad SecTAG, a frame of one
//! beat), 1 is stripped without validation (no SC or SA in use, or Disabled), 2 is validated.

use super::params::{KEY_BITS, SC_BITS, SC_COUNT_BITS};
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use super::rx_parse::{IcvGrab, RxParse};

// The first metadata word carries the key slot in its low bits and the E flag at bit 8 (below),
// so a key slot has at most 8 bits; the ingress's lint waiver names bit 7 as unused, so 7.
const _: () = assert!(
    KEY_BITS <= 7,
    "at most 128 key slots: the E flag is bit 8 of m0"
);

/// Descriptor flag bits (`df`): what the front found.
pub const F_NULL: u32 = 1 << 0;
pub const F_MACSEC: u32 = 1 << 1;
pub const F_FIELDS_BAD: u32 = 1 << 2;
pub const F_SC_HIT: u32 = 1 << 3;
pub const F_SA_PRESENT: u32 = 1 << 4;
pub const F_SA_USABLE: u32 = 1 << 5;
pub const F_STRICT_OR_C: u32 = 1 << 6;
pub const F_E: u32 = 1 << 7;
pub const F_T16: u32 = 1 << 8;
pub const F_TOOK: u32 = 1 << 9;
pub const F_STRIP: u32 = 1 << 10;

#[derive(SettleBlock, Default, Debug)]
pub struct RxFront {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub h_valid: Signal<In, Bit>,
    pub h_sop: Signal<In, Bit>,
    pub h_eop: Signal<In, Bit>,
    pub h_n: Signal<In, Bits<5>>,
    pub h_d0: Signal<In, Bits<32>>,
    pub h_d1: Signal<In, Bits<32>>,
    pub h_d2: Signal<In, Bits<32>>,
    pub h_d3: Signal<In, Bits<32>>,
    pub x_valid: Signal<In, Bit>,
    pub x_eop: Signal<In, Bit>,
    pub x_n: Signal<In, Bits<5>>,
    pub x_d0: Signal<In, Bits<32>>,
    pub x_d1: Signal<In, Bits<32>>,
    pub x_d2: Signal<In, Bits<32>>,
    pub x_d3: Signal<In, Bits<32>>,
    pub pop: Signal<Out, Bit>,
    pub pop2: Signal<Out, Bit>,
    /// The next frame's SecTAG (the head queue's SecTAG queue), taken at its start.
    pub t_valid: Signal<In, Bit>,
    pub t_b0d1: Signal<In, Bits<32>>,
    pub t_b0d2: Signal<In, Bits<32>>,
    pub t_b0d3: Signal<In, Bits<32>>,
    pub t_b1d0: Signal<In, Bits<32>>,
    pub t_b1d1: Signal<In, Bits<32>>,
    pub t_b1d2: Signal<In, Bits<32>>,
    pub t_eop: Signal<In, Bit>,
    pub t_n: Signal<In, Bits<5>>,
    pub t_pop: Signal<Out, Bit>,
    /// The control plane wrote a register or a table entry at the last edge.
    pub touch: Signal<In, Bit>,
    pub enabled: Signal<In, Bit>,
    pub validate: Signal<In, Bits<2>>,
    pub offset: Signal<In, Bits<6>>,
    pub n_valid: Signal<In, Bits<SC_COUNT_BITS>>,
    pub only_sci_lo: Signal<In, Bits<32>>,
    pub only_sci_hi: Signal<In, Bits<32>>,
    pub l_sci_lo: Signal<Out, Bits<32>>,
    pub l_sci_hi: Signal<Out, Bits<32>>,
    pub l_hit: Signal<In, Bit>,
    pub l_slot: Signal<In, Bits<SC_BITS>>,
    pub l_an: Signal<Out, Bits<2>>,
    pub l_pn32: Signal<Out, Bits<32>>,
    pub l_key: Signal<In, Bits<KEY_BITS>>,
    pub l_valid: Signal<In, Bit>,
    pub l_enable: Signal<In, Bit>,
    pub l_pn_lo: Signal<In, Bits<32>>,
    pub l_pn_hi: Signal<In, Bits<32>>,
    pub l_hazard: Signal<In, Bit>,
    pub l_iv0: Signal<In, Bits<32>>,
    pub l_iv1: Signal<In, Bits<32>>,
    pub l_iv2: Signal<In, Bits<32>>,
    pub l_take: Signal<Out, Bit>,
    /// The frame starts (at the edge): the SA table holds its IV in `l_iv*` from the next cycle.
    pub l_start: Signal<Out, Bit>,
    pub g_valid: Signal<Out, Bit>,
    pub g_ready: Signal<In, Bit>,
    pub a_d0: Signal<Out, Bits<32>>,
    pub a_d1: Signal<Out, Bits<32>>,
    pub a_d2: Signal<Out, Bits<32>>,
    pub a_d3: Signal<Out, Bits<32>>,
    pub a_start: Signal<Out, Bits<4>>,
    pub a_len: Signal<Out, Bits<5>>,
    pub g_end: Signal<Out, Bit>,
    pub g_eom: Signal<Out, Bit>,
    pub g_aad: Signal<Out, Bit>,
    /// Key slot (6:0) and decrypt (bit 8) of the message, and its IV.
    pub g_m0: Signal<Out, Bits<32>>,
    pub g_m1: Signal<Out, Bits<32>>,
    pub g_m2: Signal<Out, Bits<32>>,
    pub g_m3: Signal<Out, Bits<32>>,
    /// The frame's descriptor: at its start PN, flags; AN, slot, SL, validateFrames (the back
    /// needs them from the first beat); at its end the ICV and the length.
    pub ds_start: Signal<Out, Bit>,
    pub ds_valid: Signal<Out, Bit>,
    pub ds_room: Signal<In, Bit>,
    pub ds_icv0: Signal<Out, Bits<32>>,
    pub ds_icv1: Signal<Out, Bits<32>>,
    pub ds_icv2: Signal<Out, Bits<32>>,
    pub ds_icv3: Signal<Out, Bits<32>>,
    pub ds_pn_lo: Signal<Out, Bits<32>>,
    pub ds_pn_hi: Signal<Out, Bits<32>>,
    pub ds_flags: Signal<Out, Bits<32>>,
    pub ds_len: Signal<Out, Bits<16>>,
    pub ds_an: Signal<Out, Bits<32>>,
    pub ds_slot: Signal<Out, Bits<32>>,
    pub ds_sl: Signal<Out, Bits<32>>,
    pub ds_vf: Signal<Out, Bits<32>>,
    parse: RxParse,
    icv: IcvGrab,
    busy: Reg<Bit>,
    cat: Reg<Bits<2>>,
    s: Reg<Bits<5>>,
    pos: Reg<Bits<16>>,
    split: Reg<Bits<16>>,
    m0: Reg<Bits<32>>,
    /// Edges since the SecTAG at the head changed (or the control plane wrote), up to 4: the
    /// register stages between the SecTAG and the start (parse, SC, SA read, SA decision).
    age: Reg<Bits<3>>,
    start: Signal<Local, Bit>,
    hit: Signal<Local, Bit>,
    present: Signal<Local, Bit>,
    usable: Signal<Local, Bit>,
    soc: Signal<Local, Bit>,
    passes: Signal<Local, Bit>,
    strip: Signal<Local, Bit>,
    new_flags: Signal<Local, Bits<32>>,
    tag_end: Signal<Local, Bits<16>>,
    at: Signal<Local, Bits<16>>,
    end_k: Signal<Local, Bits<5>>,
    lim: Signal<Local, Bits<5>>,
    last: Signal<Local, Bit>,
    finish: Signal<Local, Bit>,
}

impl Logic for RxFront {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, busy, cat, s, pos, split, m0, age);
        // Stage 1: the next frame's SecTAG parsed into the parser's registers, every cycle (it
        // changes only when a frame starts or the queue fills).
        self.parse.clock.next = self.clock.val();
        self.parse.b0d1.next = self.t_b0d1.val();
        self.parse.b0d2.next = self.t_b0d2.val();
        self.parse.b0d3.next = self.t_b0d3.val();
        self.parse.b1d0.next = self.t_b1d0.val();
        self.parse.b1d1.next = self.t_b1d1.val();
        self.parse.b1d2.next = self.t_b1d2.val();
        self.parse.first_eop.next = self.t_eop.val();
        self.parse.first_n.next = self.t_n.val();
        self.parse.n_valid.next = self.n_valid.val();
        self.parse.only_sci_lo.next = self.only_sci_lo.val();
        self.parse.only_sci_hi.next = self.only_sci_hi.val();
        // Stages 2 to 4 are the SC table's and the SA table's, from these registers.
        self.l_sci_lo.next = self.parse.sci_lo.val();
        self.l_sci_hi.next = self.parse.sci_hi.val();
        self.l_an.next = self.parse.an.val();
        self.l_pn32.next = self.parse.pn.val();
        self.hit.next = self.parse.sci_known.val() && self.l_hit.val();
        self.present.next = self.hit.val() && self.l_valid.val();
        self.usable.next = self.present.val() && self.l_enable.val();
        self.soc.next = (self.validate.val() == 2) || self.parse.c.val();
        // Unchanged: Null, not MACsec, a bad SecTAG, or a single beat (too short for a SecTAG
        // and an ICV: its length check fails at the end).
        self.passes.next = (self.validate.val() == 3)
            || !self.parse.is_macsec.val()
            || self.parse.fields_bad.val()
            || self.parse.eop.val();
        self.strip.next = !self.passes.val();
        self.new_flags.next = 0.into();
        if self.validate.val() == 3 {
            self.new_flags.next = self.new_flags.val() | 0x001;
        }
        if self.parse.is_macsec.val() {
            self.new_flags.next = self.new_flags.val() | 0x002;
        }
        if self.parse.fields_bad.val() {
            self.new_flags.next = self.new_flags.val() | 0x004;
        }
        if self.hit.val() {
            self.new_flags.next = self.new_flags.val() | 0x008;
        }
        if self.present.val() {
            self.new_flags.next = self.new_flags.val() | 0x010;
        }
        if self.usable.val() {
            self.new_flags.next = self.new_flags.val() | 0x020;
        }
        if self.soc.val() {
            self.new_flags.next = self.new_flags.val() | 0x040;
        }
        if self.parse.e.val() {
            self.new_flags.next = self.new_flags.val() | 0x080;
        }
        if self.parse.sc.val() {
            self.new_flags.next = self.new_flags.val() | 0x100;
        }
        if self.strip.val() && self.usable.val() && (self.validate.val() != 0) {
            self.new_flags.next = self.new_flags.val() | 0x200;
        }
        if self.strip.val() {
            self.new_flags.next = self.new_flags.val() | 0x400;
        }
        // Starts when its first two beats are in (or its only one) and the decision's stages
        // hold its answer, unless the PN of its SA could still move under it. (The SecTAG at
        // the queue's head is this frame's: the frames ahead have started.)
        self.start.next = !self.busy.q.val()
            && self.h_valid.val()
            && self.h_sop.val()
            && (self.h_eop.val() || self.x_valid.val())
            && self.t_valid.val()
            && (self.age.q.val() == 4)
            && !self.touch.val()
            && self.enabled.val()
            && self.ds_room.val()
            && !(self.strip.val() && self.usable.val() && self.l_hazard.val());
        self.t_pop.next = self.start.val();
        self.age.d.next = self.age.q.val();
        if self.age.q.val() != 4 {
            self.age.d.next = self.age.q.val() + 1;
        }
        if self.start.val() || self.touch.val() || !self.t_valid.val() {
            self.age.d.next = 0.into();
        }
        self.l_take.next =
            self.start.val() && self.strip.val() && self.usable.val() && (self.validate.val() != 0);
        self.l_start.next = self.start.val();
        // The AAD ends after the SecTAG and the offset (encrypted), at the ICV otherwise.
        self.tag_end.next = 20.into();
        if self.parse.sc.val() {
            self.tag_end.next = 28.into();
        }
        if self.start.val() {
            self.busy.d.next = true;
            self.cat.d.next = 0.into();
            if self.strip.val() {
                self.cat.d.next = 1.into();
                if self.usable.val() && (self.validate.val() != 0) {
                    self.cat.d.next = 2.into();
                }
            }
            self.s.d.next = 0.into();
            self.pos.d.next = 0.into();
            self.split.d.next = 0xFFFF.into();
            if self.strip.val()
                && self.usable.val()
                && (self.validate.val() != 0)
                && self.parse.e.val()
            {
                self.split.d.next = self.tag_end.val() + bit_cast::<16, 6>(self.offset.val());
            }
            self.m0.d.next = bit_cast::<32, KEY_BITS>(self.l_key.val());
            if self.parse.e.val() {
                self.m0.d.next = bit_cast::<32, KEY_BITS>(self.l_key.val()) | 0x100;
            }
        }

        // The beat in hand: up to the ICV (known once the next beat is the last), cut at the end
        // of the AAD.
        self.at.next = self.pos.q.val() + bit_cast::<16, 5>(self.s.q.val());
        self.end_k.next = self.h_n.val();
        if (self.cat.q.val() != 0) && self.x_eop.val() {
            self.end_k.next = self.x_n.val();
        }
        self.lim.next = self.end_k.val();
        if (self.split.q.val() > self.at.val())
            && (self.split.q.val() < self.pos.q.val() + bit_cast::<16, 5>(self.end_k.val()))
        {
            self.lim.next = bit_cast::<5, 16>(self.split.q.val() - self.pos.q.val());
        }
        self.last.next = (self.lim.val() == self.end_k.val())
            && (((self.cat.q.val() == 0) && self.h_eop.val())
                || ((self.cat.q.val() != 0) && self.x_eop.val()));
        self.a_d0.next = self.h_d0.val();
        self.a_d1.next = self.h_d1.val();
        self.a_d2.next = self.h_d2.val();
        self.a_d3.next = self.h_d3.val();
        self.a_start.next = bit_cast::<4, 5>(self.s.q.val());
        self.a_len.next = self.lim.val() - self.s.q.val();
        self.g_end.next = (self.pos.q.val() + bit_cast::<16, 5>(self.lim.val())
            == self.split.q.val())
            || self.last.val();
        self.g_eom.next = self.last.val();
        self.g_aad.next = self.at.val() < self.split.q.val();
        self.g_m0.next = self.m0.q.val();
        self.g_m1.next = self.l_iv0.val();
        self.g_m2.next = self.l_iv1.val();
        self.g_m3.next = self.l_iv2.val();
        self.g_valid.next = false;
        self.pop.next = false;
        self.pop2.next = false;
        self.finish.next = false;
        // Categories 1 and 2 work one beat behind the input; 0 takes beats as they come.
        if self.busy.q.val()
            && self.h_valid.val()
            && ((self.cat.q.val() == 0) || self.x_valid.val())
        {
            self.g_valid.next = true;
            if self.g_ready.val() {
                if self.lim.val() == self.end_k.val() {
                    self.s.d.next = 0.into();
                    self.pos.d.next = self.pos.q.val() + 16;
                    if self.last.val() {
                        self.finish.next = true;
                        self.busy.d.next = false;
                        if self.cat.q.val() == 0 {
                            self.pop.next = true;
                        } else {
                            self.pop2.next = true;
                        }
                    } else {
                        self.pop.next = true;
                    }
                } else {
                    self.s.d.next = self.lim.val();
                }
            }
        }
        // The descriptor.
        self.icv.k0.next = self.h_d0.val();
        self.icv.k1.next = self.h_d1.val();
        self.icv.k2.next = self.h_d2.val();
        self.icv.k3.next = self.h_d3.val();
        self.icv.l0.next = self.x_d0.val();
        self.icv.l1.next = self.x_d1.val();
        self.icv.l2.next = self.x_d2.val();
        self.icv.l3.next = self.x_d3.val();
        self.icv.n.next = self.x_n.val();
        self.ds_valid.next = self.finish.val();
        self.ds_icv0.next = self.icv.icv0.val();
        self.ds_icv1.next = self.icv.icv1.val();
        self.ds_icv2.next = self.icv.icv2.val();
        self.ds_icv3.next = self.icv.icv3.val();
        self.ds_start.next = self.start.val();
        self.ds_pn_lo.next = self.l_pn_lo.val();
        self.ds_pn_hi.next = self.l_pn_hi.val();
        self.ds_flags.next = self.new_flags.val();
        // The frame's length: to the end of this beat, or of the next for categories 1 and 2.
        self.ds_len.next = self.pos.q.val() + bit_cast::<16, 5>(self.h_n.val());
        if self.cat.q.val() != 0 {
            self.ds_len.next = self.pos.q.val() + 16 + bit_cast::<16, 5>(self.x_n.val());
        }
        self.ds_an.next = bit_cast::<32, 2>(self.parse.an.val());
        self.ds_slot.next = bit_cast::<32, SC_BITS>(self.l_slot.val());
        self.ds_sl.next = bit_cast::<32, 8>(self.parse.sl.val());
        self.ds_vf.next = bit_cast::<32, 2>(self.validate.val());
        if self.reset.val() {
            self.busy.d.next = false;
            self.age.d.next = 0.into();
        }
    }
}
