//! The back of the ingress (802.1AE-2018 10.6.3–10.6.5): takes the cipher core's output and
//! tags in order with the front's descriptors, removes the SecTAG (the ICV never entered the
//! core), and at the end of each frame takes the decision of the receive tree with the SA state
//! of that moment: the length checks of 9.12, SC and SA in use, the replay check, the ICV, the
//! validateFrames mode. It moves the counters, raises the SA's PNs for a valid frame and marks the
//! frame's last beat with its status (and whether to drop it).

use super::params::SC_BITS;
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

/// The ingress status word on a frame's last beat: bits 3:0 the RxCounter index (15: none,
/// validateFrames Null), 7:4 the SC slot, 9:8 the AN, bit 16 drop, bit 17 the SC was found.
pub const STATUS_NONE: u32 = 15;
pub const STATUS_DROP: u32 = 1 << 16;
pub const STATUS_SC_HIT: u32 = 1 << 17;

#[derive(SettleBlock, Default, Debug)]
// Its logic reads an output it writes (so a move of it runs the logic again).
#[settle(reads_outputs)]
pub struct RxBack {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub replay: Signal<In, Bit>,
    pub c_valid: Signal<In, Bit>,
    pub c_eop: Signal<In, Bit>,
    pub c_aad: Signal<In, Bit>,
    pub c_n: Signal<In, Bits<5>>,
    pub c_pop: Signal<Out, Bit>,
    pub t_valid: Signal<In, Bit>,
    pub t_d0: Signal<In, Bits<32>>,
    pub t_d1: Signal<In, Bits<32>>,
    pub t_d2: Signal<In, Bits<32>>,
    pub t_d3: Signal<In, Bits<32>>,
    pub t_pop: Signal<Out, Bit>,
    /// The descriptor's end part (ICV, length) and start part (everything else) are there.
    pub ds_valid: Signal<In, Bit>,
    pub ds_start_valid: Signal<In, Bit>,
    pub ds_icv0: Signal<In, Bits<32>>,
    pub ds_icv1: Signal<In, Bits<32>>,
    pub ds_icv2: Signal<In, Bits<32>>,
    pub ds_icv3: Signal<In, Bits<32>>,
    pub ds_pn_lo: Signal<In, Bits<32>>,
    pub ds_pn_hi: Signal<In, Bits<32>>,
    pub ds_flags: Signal<In, Bits<32>>,
    pub ds_len: Signal<In, Bits<32>>,
    pub ds_an: Signal<In, Bits<32>>,
    pub ds_slot: Signal<In, Bits<32>>,
    pub ds_sl: Signal<In, Bits<32>>,
    pub ds_vf: Signal<In, Bits<32>>,
    pub ds_pop: Signal<Out, Bit>,
    /// The frame's overrun mark from the input FIFO (one per frame, taken at its last beat):
    /// a frame cut short is counted InPktsOverrun and dropped, nothing else moves.
    pub ab_valid: Signal<In, Bit>,
    pub ab_flag: Signal<In, Bit>,
    pub ab_pop: Signal<Out, Bit>,
    pub e_slot: Signal<Out, Bits<SC_BITS>>,
    pub e_an: Signal<Out, Bits<2>>,
    /// The frame's PN for its completion: 0 unless a receive SA was in use (as the golden
    /// model reports it).
    pub g_pn_lo: Signal<Out, Bits<32>>,
    pub g_pn_hi: Signal<Out, Bits<32>>,
    pub e_pn_lo: Signal<Out, Bits<32>>,
    pub e_pn_hi: Signal<Out, Bits<32>>,
    pub e_below: Signal<In, Bit>,
    /// The SA table has read the SA of the descriptor at the head: a frame's last beat waits
    /// for it.
    pub e_ready: Signal<In, Bit>,
    pub e_commit: Signal<Out, Bit>,
    pub e_valid: Signal<Out, Bit>,
    pub g_valid: Signal<Out, Bit>,
    pub g_ready: Signal<In, Bit>,
    pub a_start: Signal<Out, Bits<4>>,
    pub a_len: Signal<Out, Bits<5>>,
    pub g_end: Signal<Out, Bit>,
    pub g_status: Signal<Out, Bits<32>>,
    pub rx_ev: Signal<Out, Bit>,
    pub rx_ev_counter: Signal<Out, Bits<4>>,
    pub rx_ev_sc_hit: Signal<Out, Bit>,
    pub rx_ev_sc: Signal<Out, Bits<SC_BITS>>,
    pub rx_ev_sa_hit: Signal<Out, Bit>,
    pub rx_ev_an: Signal<Out, Bits<2>>,
    pub rx_ev_oct_kind: Signal<Out, Bits<2>>,
    pub rx_ev_octets: Signal<Out, Bits<16>>,
    pub rx_ev_unknown_sci: Signal<Out, Bit>,
    pub rx_ev_no_sci: Signal<Out, Bit>,
    aad_idx: Reg<Bits<2>>,
    /// The descriptor at the head was there at the last edge too: the SA table's sums of its
    /// PN (registered from it) are its own. A frame that commits has two AAD beats at least,
    /// so its last beat never waits for this; it keeps the table's registers honest if that
    /// ever changes.
    held: Reg<Bit>,
    go: Signal<Local, Bit>,
    skip: Signal<Local, Bits<5>>,
    mpdu: Signal<Local, Bits<32>>,
    base: Signal<Local, Bits<32>>,
    len_ok: Signal<Local, Bit>,
    bad_tag: Signal<Local, Bit>,
    icv_ok: Signal<Local, Bit>,
    reached: Signal<Local, Bit>,
    valid: Signal<Local, Bit>,
    counter: Signal<Local, Bits<4>>,
    sa_used: Signal<Local, Bit>,
    drop: Signal<Local, Bit>,
    sc_hit: Signal<Local, Bit>,
}

impl Logic for RxBack {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, aad_idx, held);
        self.go.next = self.c_valid.val()
            && self.g_ready.val()
            && self.ds_start_valid.val()
            && (!self.c_eop.val()
                || (self.t_valid.val()
                    && self.ds_valid.val()
                    && self.e_ready.val()
                    && self.held.q.val()
                    && self.ab_valid.val()));
        self.g_valid.next = self.c_valid.val()
            && self.ds_start_valid.val()
            && (!self.c_eop.val()
                || (self.t_valid.val()
                    && self.ds_valid.val()
                    && self.e_ready.val()
                    && self.held.q.val()
                    && self.ab_valid.val()));
        // Removing the SecTAG: octets 12..16 of the first AAD beat and the first 4 (or 12,
        // with an SCI) of the second.
        self.a_start.next = 0.into();
        self.a_len.next = self.c_n.val();
        self.skip.next = 4.into();
        if self.ds_flags.val().get_bit(8) {
            self.skip.next = 12.into();
        }
        if self.c_aad.val() && self.ds_flags.val().get_bit(10) {
            if self.aad_idx.q.val() == 0 {
                if self.c_n.val() > 12 {
                    self.a_len.next = 12.into();
                }
            } else if self.aad_idx.q.val() == 1 {
                if self.c_n.val() > self.skip.val() {
                    self.a_start.next = bit_cast::<4, 5>(self.skip.val());
                    self.a_len.next = self.c_n.val() - self.skip.val();
                } else {
                    self.a_start.next = 0.into();
                    self.a_len.next = 0.into();
                }
            }
        }
        self.g_end.next = self.c_eop.val();
        if self.go.val() {
            if self.c_eop.val() {
                self.aad_idx.d.next = 0.into();
            } else if self.c_aad.val() && (self.aad_idx.q.val() != 2) {
                self.aad_idx.d.next = self.aad_idx.q.val() + 1;
            }
        }
        self.held.d.next = self.ds_start_valid.val() && !(self.go.val() && self.c_eop.val());
        if self.reset.val() {
            self.aad_idx.d.next = 0.into();
            self.held.d.next = false;
        }

        // 9.12: the length rules (SL, or at least 48 octets of Secure Data).
        self.mpdu.next = self.ds_len.val() - 12;
        self.base.next = 24.into();
        if self.ds_flags.val().get_bit(8) {
            self.base.next = 32.into();
        }
        self.len_ok.next = (self.ds_len.val() >= 29) && (self.mpdu.val() >= self.base.val() + 48);
        if self.ds_sl.val() != 0 {
            self.len_ok.next = (self.ds_len.val() >= 29)
                && (self.mpdu.val() == self.base.val() + self.ds_sl.val());
        }
        self.bad_tag.next = self.ds_flags.val().get_bit(2) || !self.len_ok.val();
        self.icv_ok.next = (self.t_d0.val() == self.ds_icv0.val())
            && (self.t_d1.val() == self.ds_icv1.val())
            && (self.t_d2.val() == self.ds_icv2.val())
            && (self.t_d3.val() == self.ds_icv3.val());
        // The receive tree.
        self.sc_hit.next = false;
        self.reached.next = false;
        self.valid.next = false;
        self.rx_ev_sa_hit.next = false;
        self.rx_ev_oct_kind.next = 0.into();
        self.rx_ev_unknown_sci.next = false;
        self.rx_ev_no_sci.next = false;
        self.counter.next = 15.into();
        self.sa_used.next = false;
        if self.ab_flag.val() {
            // Cut short at the input FIFO: whatever it looked like, it was not received whole.
            // InPktsOverrun (the codes here are the receive tree's order, `counters::rx_code`).
            self.counter.next = 5.into();
        } else if self.ds_flags.val().get_bit(0) {
            // validateFrames Null: no processing.
            self.counter.next = 15.into();
        } else if !self.ds_flags.val().get_bit(1) {
            self.counter.next = 0.into();
            if self.ds_vf.val() == 2 {
                self.counter.next = 1.into();
            }
        } else if self.bad_tag.val() {
            self.counter.next = 2.into();
        } else if !self.ds_flags.val().get_bit(3) {
            self.counter.next = 3.into();
            self.rx_ev_unknown_sci.next = true;
            if self.ds_flags.val().get_bit(6) {
                self.counter.next = 4.into();
                self.rx_ev_unknown_sci.next = false;
                self.rx_ev_no_sci.next = true;
            }
        } else if !self.ds_flags.val().get_bit(5) {
            self.sc_hit.next = true;
            self.rx_ev_sa_hit.next = self.ds_flags.val().get_bit(4);
            self.counter.next = 3.into();
            if self.ds_flags.val().get_bit(6) {
                self.counter.next = 4.into();
            }
        } else if self.replay.val() && self.e_below.val() {
            self.sc_hit.next = true;
            self.sa_used.next = true;
            self.counter.next = 6.into();
        } else {
            self.sc_hit.next = true;
            self.sa_used.next = true;
            self.reached.next = true;
            self.rx_ev_sa_hit.next = true;
            self.valid.next = (self.ds_vf.val() != 0) && self.icv_ok.val();
            if self.ds_vf.val() != 0 {
                self.rx_ev_oct_kind.next = 1.into();
                if self.ds_flags.val().get_bit(7) {
                    self.rx_ev_oct_kind.next = 2.into();
                }
            }
            if !self.valid.val() && self.ds_flags.val().get_bit(6) {
                self.counter.next = 7.into();
            } else if !self.valid.val() && (self.ds_vf.val() == 1) {
                self.counter.next = 8.into();
            } else if self.e_below.val() {
                self.counter.next = 9.into();
            } else if !self.valid.val() {
                self.counter.next = 10.into();
            } else {
                self.counter.next = 11.into();
            }
        }
        // Dropped: NoTag, BadTag, NoSAError, Overrun, Late, NotValid.
        self.drop.next = self.ab_flag.val()
            || (self.counter.val() == 1)
            || (self.counter.val() == 2)
            || (self.counter.val() == 4)
            || (self.counter.val() == 6)
            || (self.counter.val() == 7);
        self.g_status.next = bit_cast::<32, 4>(self.counter.val());
        if self.ds_slot.val().get_bit(0) {
            self.g_status.next = self.g_status.val() | 0x10;
        }
        if self.ds_slot.val().get_bit(1) {
            self.g_status.next = self.g_status.val() | 0x20;
        }
        if self.ds_slot.val().get_bit(2) {
            self.g_status.next = self.g_status.val() | 0x40;
        }
        if self.ds_slot.val().get_bit(3) {
            self.g_status.next = self.g_status.val() | 0x80;
        }
        if self.ds_an.val().get_bit(0) {
            self.g_status.next = self.g_status.val() | 0x100;
        }
        if self.ds_an.val().get_bit(1) {
            self.g_status.next = self.g_status.val() | 0x200;
        }
        if self.drop.val() {
            self.g_status.next = self.g_status.val() | 0x1_0000;
        }
        if self.sc_hit.val() {
            self.g_status.next = self.g_status.val() | 0x2_0000;
        }
        if self.ab_flag.val() {
            self.g_status.next = bit_cast::<32, 4>(self.counter.val()) | 0x1_0000;
        }
        self.c_pop.next = self.go.val();
        self.t_pop.next = self.go.val() && self.c_eop.val();
        self.ds_pop.next = self.go.val() && self.c_eop.val();
        self.ab_pop.next = self.go.val() && self.c_eop.val();
        self.e_slot.next = bit_cast::<SC_BITS, 32>(self.ds_slot.val());
        self.e_an.next = bit_cast::<2, 32>(self.ds_an.val());
        self.g_pn_lo.next = 0.into();
        self.g_pn_hi.next = 0.into();
        if self.sa_used.val() {
            self.g_pn_lo.next = self.ds_pn_lo.val();
            self.g_pn_hi.next = self.ds_pn_hi.val();
        }
        self.e_pn_lo.next = self.ds_pn_lo.val();
        self.e_pn_hi.next = self.ds_pn_hi.val();
        self.e_commit.next = self.go.val() && self.c_eop.val() && self.ds_flags.val().get_bit(9);
        self.e_valid.next = self.reached.val() && self.valid.val();
        self.rx_ev.next = self.go.val()
            && self.c_eop.val()
            && (!self.ds_flags.val().get_bit(0) || self.ab_flag.val());
        self.rx_ev_counter.next = self.counter.val();
        self.rx_ev_sc_hit.next = self.sc_hit.val();
        self.rx_ev_sc.next = bit_cast::<SC_BITS, 32>(self.ds_slot.val());
        self.rx_ev_an.next = bit_cast::<2, 32>(self.ds_an.val());
        self.rx_ev_octets.next = bit_cast::<16, 32>(self.mpdu.val() - self.base.val());
    }
}
