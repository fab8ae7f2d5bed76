//! The front of the egress (802.1AE-2018 10.5): at the first beat of a frame it takes the
//! switchover, decides what happens to the frame (protect it, or pass it untagged, or mark it to
//! be dropped and counted), takes the transmit SA's PN and builds the SecTAG; then it cuts the
//! frame into the cipher core's two parts through the gather: the AAD (DA, SA, SecTAG and the
//! confidentiality offset) and the data, each starting on a beat. Frames that are not protected
//! pass through the core as AAD only, so every frame keeps its place in the pipeline.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::params::SC_COUNT_BITS;

use crate::dff::Reg;

#[derive(SettleBlock, Default, Debug)]
pub struct TxFront {
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
    pub h_len: Signal<In, Bits<7>>,
    pub h_pop: Signal<Out, Bit>,
    pub enabled: Signal<In, Bit>,
    pub protect: Signal<In, Bit>,
    pub always_sci: Signal<In, Bit>,
    pub use_es: Signal<In, Bit>,
    pub use_scb: Signal<In, Bit>,
    pub offset: Signal<In, Bits<6>>,
    pub sci_lo: Signal<In, Bits<32>>,
    pub sci_hi: Signal<In, Bits<32>>,
    pub n_enabled: Signal<In, Bits<SC_COUNT_BITS>>,
    pub t_an: Signal<In, Bits<2>>,
    pub t_usable: Signal<In, Bit>,
    pub t_conf: Signal<In, Bit>,
    pub t_pn_lo: Signal<In, Bits<32>>,
    pub t_pn_hi: Signal<In, Bits<32>>,
    pub t_iv0: Signal<In, Bits<32>>,
    pub t_iv1: Signal<In, Bits<32>>,
    pub t_iv2: Signal<In, Bits<32>>,
    pub tx_frame: Signal<Out, Bit>,
    pub t_take: Signal<Out, Bit>,
    pub g_valid: Signal<Out, Bit>,
    pub g_ready: Signal<In, Bit>,
    pub a_d0: Signal<Out, Bits<32>>,
    pub a_d1: Signal<Out, Bits<32>>,
    pub a_d2: Signal<Out, Bits<32>>,
    pub a_d3: Signal<Out, Bits<32>>,
    pub a_start: Signal<Out, Bits<4>>,
    pub a_len: Signal<Out, Bits<5>>,
    pub b_d0: Signal<Out, Bits<32>>,
    pub b_d1: Signal<Out, Bits<32>>,
    pub b_d2: Signal<Out, Bits<32>>,
    pub b_d3: Signal<Out, Bits<32>>,
    pub b_len: Signal<Out, Bits<5>>,
    pub g_end: Signal<Out, Bit>,
    pub g_eom: Signal<Out, Bit>,
    pub g_aad: Signal<Out, Bit>,
    pub g_m0: Signal<Out, Bits<32>>,
    pub g_m1: Signal<Out, Bits<32>>,
    pub g_m2: Signal<Out, Bits<32>>,
    pub g_m3: Signal<Out, Bits<32>>,
    /// The frame's descriptor for the back: counter, AN, 16-octet SecTAG, protected.
    pub ds_valid: Signal<Out, Bit>,
    pub ds_room: Signal<In, Bit>,
    pub ds_counter: Signal<Out, Bits<32>>,
    pub ds_an: Signal<Out, Bits<32>>,
    pub ds_t16: Signal<Out, Bit>,
    pub ds_prot: Signal<Out, Bit>,
    /// The PN the frame took (0 when it took none), for the completion.
    pub ds_pn_lo: Signal<Out, Bits<32>>,
    pub ds_pn_hi: Signal<Out, Bits<32>>,
    busy: Reg<Bit>,
    hdr: Reg<Bit>,
    s: Reg<Bits<5>>,
    pos: Reg<Bits<16>>,
    split: Reg<Bits<16>>,
    t16: Reg<Bit>,
    key: Reg<Bits<2>>,
    iv0: Reg<Bits<32>>,
    iv1: Reg<Bits<32>>,
    iv2: Reg<Bits<32>>,
    tg0: Reg<Bits<32>>,
    tg1: Reg<Bits<32>>,
    tg2: Reg<Bits<32>>,
    tg3: Reg<Bits<32>>,
    start: Signal<Local, Bit>,
    too_short: Signal<Local, Bit>,
    prot: Signal<Local, Bit>,
    with_sci: Signal<Local, Bit>,
    tci: Signal<Local, Bits<32>>,
    sl: Signal<Local, Bits<32>>,
    at: Signal<Local, Bits<16>>,
    /// Where the head beat ends, and whether the AAD ends inside its unsent octets.
    beat_end: Signal<Local, Bits<16>>,
    cut: Signal<Local, Bit>,
    lim: Signal<Local, Bits<5>>,
    last: Signal<Local, Bit>,
}

impl Logic for TxFront {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, busy, hdr, s, pos, split, t16, key, iv0, iv1, iv2, tg0, tg1, tg2, tg3
        );
        // A new frame starts when its first beat (with its length) is at the head.
        self.start.next = !self.busy.q.val()
            && self.h_valid.val()
            && self.h_sop.val()
            && self.enabled.val()
            && self.ds_room.val();
        self.too_short.next = self.h_len.val() <= 12;
        self.prot.next = self.protect.val() && !self.too_short.val() && self.t_usable.val();
        // 10.5.3, Table 10-1: the SCI is carried when asked for, or when more than one peer
        // receives and neither ES nor SCB identifies the transmitter.
        self.with_sci.next = self.always_sci.val()
            || ((self.n_enabled.val() > 1) && !self.use_es.val() && !self.use_scb.val());
        // The TCI ‖ AN octet, already in its place in the SecTAG's first lane (bits 15:8).
        self.tci.next = 0x88E5_0000u64.into();
        if self.t_an.val().get_bit(0) {
            self.tci.next = self.tci.val() | 0x0100;
        }
        if self.t_an.val().get_bit(1) {
            self.tci.next = self.tci.val() | 0x0200;
        }
        if self.with_sci.val() {
            self.tci.next = self.tci.val() | 0x2000;
        } else {
            if self.use_es.val() {
                self.tci.next = self.tci.val() | 0x4000;
            }
            if self.use_scb.val() {
                self.tci.next = self.tci.val() | 0x1000;
            }
        }
        if self.t_conf.val() {
            self.tci.next = self.tci.val() | 0x0C00;
        }
        // SL: the User Data length when under 48 octets (frames under 60).
        self.sl.next = 0.into();
        if self.h_len.val() < 60 {
            self.sl.next = bit_cast::<32, 7>(self.h_len.val() - 12);
        }

        self.tx_frame.next = self.start.val();
        self.t_take.next = self.start.val() && self.prot.val();
        self.ds_valid.next = self.start.val();
        self.ds_counter.next = 2.into();
        if self.t_conf.val() {
            self.ds_counter.next = 3.into();
        }
        if !self.t_usable.val() {
            self.ds_counter.next = 4.into();
        }
        if self.too_short.val() {
            self.ds_counter.next = 5.into();
        }
        if !self.protect.val() {
            self.ds_counter.next = 0.into();
        }
        self.ds_an.next = bit_cast::<32, 2>(self.t_an.val());
        self.ds_t16.next = self.with_sci.val();
        self.ds_prot.next = self.prot.val();
        self.ds_pn_lo.next = 0.into();
        self.ds_pn_hi.next = 0.into();
        if self.prot.val() {
            self.ds_pn_lo.next = self.t_pn_lo.val();
            self.ds_pn_hi.next = self.t_pn_hi.val();
        }
        if self.start.val() {
            self.busy.d.next = true;
            self.hdr.d.next = self.prot.val();
            self.s.d.next = 0.into();
            self.pos.d.next = 0.into();
            self.t16.d.next = self.with_sci.val();
            self.key.d.next = self.t_an.val();
            self.iv0.d.next = self.t_iv0.val();
            self.iv1.d.next = self.t_iv1.val();
            self.iv2.d.next = self.t_iv2.val();
            // SecTAG: EtherType 88-E5, TCI ‖ AN, SL, PN, then the SCI if carried.
            self.tg0.d.next = self.tci.val() | self.sl.val();
            self.tg1.d.next = self.t_pn_lo.val();
            self.tg2.d.next = self.sci_hi.val();
            self.tg3.d.next = self.sci_lo.val();
            // The AAD ends after the confidentiality offset (or runs to the end).
            self.split.d.next = 0xFFFF.into();
            if self.prot.val() && self.t_conf.val() {
                self.split.d.next = bit_cast::<16, 6>(self.offset.val()) + 12;
            }
        }

        // Pushes into the gather.
        self.g_m0.next = bit_cast::<32, 2>(self.key.q.val());
        self.g_m1.next = self.iv0.q.val();
        self.g_m2.next = self.iv1.q.val();
        self.g_m3.next = self.iv2.q.val();
        self.a_d0.next = self.h_d0.val();
        self.a_d1.next = self.h_d1.val();
        self.a_d2.next = self.h_d2.val();
        self.a_d3.next = self.h_d3.val();
        self.b_d0.next = self.tg0.q.val();
        self.b_d1.next = self.tg1.q.val();
        self.b_d2.next = self.tg2.q.val();
        self.b_d3.next = self.tg3.q.val();
        self.b_len.next = 0.into();
        self.a_start.next = bit_cast::<4, 5>(self.s.q.val());
        // Where the head beat's unsent octets start, and where the push ends: at the AAD's end
        // if that is inside them (`cut`), else at the beat's end. The push ends a part when it
        // reaches the AAD's end either way, or the frame's; each test is on the registers and
        // one sum, side by side, not on the end the cut chose.
        self.at.next = self.pos.q.val() + bit_cast::<16, 5>(self.s.q.val());
        self.beat_end.next = self.pos.q.val() + bit_cast::<16, 5>(self.h_n.val());
        self.cut.next =
            (self.split.q.val() > self.at.val()) && (self.split.q.val() < self.beat_end.val());
        self.lim.next = self.h_n.val();
        if self.cut.val() {
            self.lim.next = bit_cast::<5, 16>(self.split.q.val() - self.pos.q.val());
        }
        self.last.next = self.h_eop.val() && !self.cut.val();
        self.a_len.next = self.lim.val() - self.s.q.val();
        self.g_end.next =
            self.cut.val() || (self.beat_end.val() == self.split.q.val()) || self.last.val();
        self.g_eom.next = self.last.val();
        self.g_aad.next = self.at.val() < self.split.q.val();
        self.g_valid.next = false;
        self.h_pop.next = false;
        if self.busy.q.val() {
            if self.hdr.q.val() {
                // DA and SA, then the SecTAG.
                self.g_valid.next = true;
                self.a_start.next = 0.into();
                self.a_len.next = 12.into();
                self.b_len.next = 8.into();
                if self.t16.q.val() {
                    self.b_len.next = 16.into();
                }
                self.g_end.next = self.split.q.val() == 12;
                self.g_eom.next = false;
                self.g_aad.next = true;
                if self.g_ready.val() {
                    self.hdr.d.next = false;
                    self.s.d.next = 12.into();
                }
            } else if self.h_valid.val() {
                self.g_valid.next = true;
                if self.g_ready.val() {
                    if !self.cut.val() {
                        self.h_pop.next = true;
                        self.s.d.next = 0.into();
                        self.pos.d.next = self.pos.q.val() + 16;
                        if self.h_eop.val() {
                            self.busy.d.next = false;
                        }
                    } else {
                        self.s.d.next = self.lim.val();
                    }
                }
            }
        }
        if self.reset.val() {
            self.busy.d.next = false;
            self.hdr.d.next = false;
        }
    }
}
