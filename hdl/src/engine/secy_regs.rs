//! The SecY's registers (SECY.CTRL, the replay window, the SCI, the PN threshold,
//! MAX_FRAME_LEN, TX_AN with the encoding AN, the SA_THR and SA_EXH event bits) and the card's
//! CONTROL.ENABLE and SCRATCH: what a bus write, a frame's switchover or PN event and a reset
//! make of each, and what a bus read of each returns. The registers block decodes the bus and
//! hands these to the datapaths and tables.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::secy as s;

use crate::dff::Reg;
use crate::param::Param;

#[derive(SettleBlock, Default, Debug)]
pub struct SecyRegs {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    /// CONTROL.RESET or the reset pin: every register to its reset value.
    pub soft_reset: Signal<In, Bit>,
    /// A bus write this cycle, its data, and which register it addresses.
    pub wr: Signal<In, Bit>,
    pub wdata: Signal<In, Bits<32>>,
    pub is_control: Signal<In, Bit>,
    pub is_scratch: Signal<In, Bit>,
    pub is_ctrl: Signal<In, Bit>,
    pub is_replay: Signal<In, Bit>,
    pub is_sci_lo: Signal<In, Bit>,
    pub is_sci_hi: Signal<In, Bit>,
    pub is_thr_lo: Signal<In, Bit>,
    pub is_thr_hi: Signal<In, Bit>,
    pub is_max_len: Signal<In, Bit>,
    pub is_tx_an: Signal<In, Bit>,
    pub is_sa_thr: Signal<In, Bit>,
    pub is_sa_exh: Signal<In, Bit>,
    // The written fields, as the codec takes them apart.
    pub w_enable: Signal<In, Bit>,
    /// SECY.CTRL: the write is accepted (else it reads `ctrl_err` after), and whether it
    /// changes the cipher suite, to an XPN one.
    pub ctrl_ok: Signal<In, Bit>,
    pub w_ctrl: Signal<In, Bits<32>>,
    pub ctrl_err: Signal<In, Bits<32>>,
    pub suite_change: Signal<In, Bit>,
    pub w_xpn: Signal<In, Bit>,
    pub w_tx_an: Signal<In, Bits<32>>,
    pub w_encoding: Signal<In, Bits<2>>,
    /// A frame takes its SA with a switchover armed: the encoding AN becomes `next_an`.
    pub switch: Signal<In, Bit>,
    pub next_an: Signal<In, Bits<2>>,
    pub tx_an_disarmed: Signal<In, Bits<32>>,
    /// A transmit SA removed or installed: its event bits (`cmd_an_bit`) cleared.
    pub clear_bits: Signal<In, Bit>,
    pub cmd_an_bit: Signal<In, Bits<32>>,
    /// A frame's PN reached exhaustion / the threshold, for the SA `t_an_bit`.
    pub pn_exh: Signal<In, Bit>,
    pub pn_thr: Signal<In, Bit>,
    pub t_an_bit: Signal<In, Bits<32>>,
    // The registers.
    pub enabled: Signal<Out, Bit>,
    pub ctrl: Signal<Out, Bits<32>>,
    pub window: Signal<Out, Bits<32>>,
    pub sci_lo: Signal<Out, Bits<32>>,
    pub sci_hi: Signal<Out, Bits<32>>,
    pub thr_lo: Signal<Out, Bits<32>>,
    pub thr_hi: Signal<Out, Bits<32>>,
    pub max_len: Signal<Out, Bits<32>>,
    pub tx_an: Signal<Out, Bits<32>>,
    pub encoding: Signal<Out, Bits<2>>,
    /// The register the bus address names, as a read returns it; 0 at any other address
    /// (TX_AN reads back through the codec, which adds the encoding AN).
    pub rdata: Signal<Out, Bits<32>>,
    en: Reg<Bit>,
    scr: Reg<Bits<32>>,
    ctl: Reg<Bits<32>>,
    win: Reg<Bits<32>>,
    sci_l: Reg<Bits<32>>,
    sci_h: Reg<Bits<32>>,
    thr_l: Reg<Bits<32>>,
    thr_h: Reg<Bits<32>>,
    maxl: Reg<Bits<32>>,
    an: Reg<Bits<32>>,
    enc: Reg<Bits<2>>,
    thr_bits: Reg<Bits<32>>,
    exh_bits: Reg<Bits<32>>,
    // Register values from the map.
    ctrl_reset: Param<Bits<32>>,
    thr_default: Param<Bits<32>>,
}

impl SecyRegs {
    pub fn new() -> SecyRegs {
        SecyRegs {
            ctrl_reset: Param::of(s::CTRL_RESET as u64),
            thr_default: Param::of(s::PN_THRESHOLD_DEFAULT as u64),
            ..Default::default()
        }
    }
}

impl Logic for SecyRegs {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, en, scr, ctl, win, sci_l, sci_h, thr_l, thr_h, maxl, an, enc, thr_bits,
            exh_bits
        );
        self.enabled.next = self.en.q.val();
        self.ctrl.next = self.ctl.q.val();
        self.window.next = self.win.q.val();
        self.sci_lo.next = self.sci_l.q.val();
        self.sci_hi.next = self.sci_h.q.val();
        self.thr_lo.next = self.thr_l.q.val();
        self.thr_hi.next = self.thr_h.q.val();
        self.max_len.next = self.maxl.q.val();
        self.tx_an.next = self.an.q.val();
        self.encoding.next = self.enc.q.val();

        // Bus reads.
        self.rdata.next = 0.into();
        if self.is_scratch.val() {
            self.rdata.next = self.scr.q.val();
        }
        if self.is_ctrl.val() {
            self.rdata.next = self.ctl.q.val();
        }
        if self.is_replay.val() {
            self.rdata.next = self.win.q.val();
        }
        if self.is_sci_lo.val() {
            self.rdata.next = self.sci_l.q.val();
        }
        if self.is_sci_hi.val() {
            self.rdata.next = self.sci_h.q.val();
        }
        if self.is_thr_lo.val() {
            self.rdata.next = self.thr_l.q.val();
        }
        if self.is_thr_hi.val() {
            self.rdata.next = self.thr_h.q.val();
        }
        if self.is_max_len.val() {
            self.rdata.next = self.maxl.q.val();
        }
        if self.is_sa_thr.val() {
            self.rdata.next = self.thr_bits.q.val();
        }
        if self.is_sa_exh.val() {
            self.rdata.next = self.exh_bits.q.val();
        }

        if self.clear_bits.val() {
            self.thr_bits.d.next = self.thr_bits.q.val() & !self.cmd_an_bit.val();
            self.exh_bits.d.next = self.exh_bits.q.val() & !self.cmd_an_bit.val();
        }
        // A frame takes its SA: the armed switchover happens first, then the PN events.
        if self.switch.val() {
            self.enc.d.next = self.next_an.val();
            self.an.d.next = self.tx_an_disarmed.val();
        }
        if self.pn_exh.val() {
            self.exh_bits.d.next = self.exh_bits.q.val() | self.t_an_bit.val();
        } else if self.pn_thr.val() {
            self.thr_bits.d.next = self.thr_bits.q.val() | self.t_an_bit.val();
        }

        // Bus writes.
        if self.wr.val() {
            if self.is_control.val() {
                self.en.d.next = self.w_enable.val();
            }
            if self.is_scratch.val() {
                self.scr.d.next = self.wdata.val();
            }
            if self.is_ctrl.val() {
                if self.ctrl_ok.val() {
                    self.ctl.d.next = self.w_ctrl.val();
                    if self.suite_change.val() {
                        // The new suite's default threshold: 3/4 of its PN space.
                        self.thr_l.d.next = self.thr_default.val();
                        self.thr_h.d.next = 0.into();
                        if self.w_xpn.val() {
                            self.thr_l.d.next = 0.into();
                            self.thr_h.d.next = self.thr_default.val();
                        }
                    }
                } else {
                    self.ctl.d.next = self.ctrl_err.val();
                }
            }
            if self.is_replay.val() {
                self.win.d.next = self.wdata.val();
            }
            if self.is_sci_lo.val() {
                self.sci_l.d.next = self.wdata.val();
            }
            if self.is_sci_hi.val() {
                self.sci_h.d.next = self.wdata.val();
            }
            if self.is_thr_lo.val() {
                self.thr_l.d.next = self.wdata.val();
            }
            if self.is_thr_hi.val() {
                self.thr_h.d.next = self.wdata.val();
            }
            if self.is_max_len.val() {
                self.maxl.d.next = self.wdata.val();
            }
            if self.is_tx_an.val() {
                self.an.d.next = self.w_tx_an.val();
                self.enc.d.next = self.w_encoding.val();
            }
            if self.is_sa_thr.val() {
                self.thr_bits.d.next = self.thr_bits.q.val() & !self.wdata.val();
            }
            if self.is_sa_exh.val() {
                self.exh_bits.d.next = self.exh_bits.q.val() & !self.wdata.val();
            }
        }

        if self.soft_reset.val() {
            // CONTROL.RESET written with ENABLE set enables the card as it resets.
            self.en.d.next = self.wr.val() && self.is_control.val() && self.w_enable.val();
            self.scr.d.next = 0.into();
            // SECY.CTRL's reset value: protectFrames, replayProtect, Strict, GCM-AES-128.
            self.ctl.d.next = self.ctrl_reset.val();
            self.win.d.next = 0.into();
            self.sci_l.d.next = 0.into();
            self.sci_h.d.next = 0.into();
            self.thr_l.d.next = self.thr_default.val();
            self.thr_h.d.next = 0.into();
            self.maxl.d.next = 0.into();
            self.an.d.next = 0.into();
            self.enc.d.next = 0.into();
            self.thr_bits.d.next = 0.into();
            self.exh_bits.d.next = 0.into();
        }
    }
}
