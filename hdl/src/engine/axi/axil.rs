//! The AXI4-Lite slave in front of the engine's CSR bus. Every output is a register (AXI allows
//! no combinational path from a slave's inputs to its outputs), so each channel has a one-deep
//! holding register: AW, W and AR are taken whenever their register is empty, a CSR access is
//! issued to the engine from the held values, and B and R are held until their handshake.
//!
//! One access at a time reaches the engine, a read first when both are waiting. A write waits
//! while a read's data is out: R carries the engine's read register itself, which a write of
//! CONTROL.RESET would clear under it. A write with a byte strobe other than all four bytes
//! answers SLVERR and changes nothing (the engine's registers are whole words; a partial write
//! of a key word would be worse than none). Addresses are word-aligned (the two low bits are
//! ignored), as the native bus does. The protection signals are not ports: every access is
//! treated alike.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;
use crate::param::Param;

/// AXI response codes.
pub const OKAY: u64 = 0b00;
pub const SLVERR: u64 = 0b10;

#[derive(SettleBlock, Default, Debug)]
pub struct AxiLiteSlave {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub awaddr: Signal<In, Bits<12>>,
    pub awvalid: Signal<In, Bit>,
    pub awready: Signal<Out, Bit>,
    pub wdata: Signal<In, Bits<32>>,
    pub wstrb: Signal<In, Bits<4>>,
    pub wvalid: Signal<In, Bit>,
    pub wready: Signal<Out, Bit>,
    pub bresp: Signal<Out, Bits<2>>,
    pub bvalid: Signal<Out, Bit>,
    pub bready: Signal<In, Bit>,
    pub araddr: Signal<In, Bits<12>>,
    pub arvalid: Signal<In, Bit>,
    pub arready: Signal<Out, Bit>,
    pub rdata: Signal<Out, Bits<32>>,
    pub rresp: Signal<Out, Bits<2>>,
    pub rvalid: Signal<Out, Bit>,
    pub rready: Signal<In, Bit>,
    /// The engine's CSR bus: one access per cycle with `we` or `re`, read data the cycle after.
    pub csr_addr: Signal<Out, Bits<12>>,
    pub csr_wdata: Signal<Out, Bits<32>>,
    pub csr_we: Signal<Out, Bit>,
    pub csr_re: Signal<Out, Bit>,
    pub csr_rdata: Signal<In, Bits<32>>,
    aw_full: Reg<Bit>,
    aw_addr: Reg<Bits<12>>,
    w_full: Reg<Bit>,
    w_data: Reg<Bits<32>>,
    w_strb: Reg<Bits<4>>,
    ar_full: Reg<Bit>,
    ar_addr: Reg<Bits<12>>,
    b_valid: Reg<Bit>,
    b_resp: Reg<Bits<2>>,
    r_valid: Reg<Bit>,
    issue_r: Signal<Local, Bit>,
    issue_w: Signal<Local, Bit>,
    word: Param<Bits<12>>,
    okay: Param<Bits<2>>,
    slverr: Param<Bits<2>>,
}

impl AxiLiteSlave {
    pub fn new() -> AxiLiteSlave {
        AxiLiteSlave {
            word: Param::of(0xFFC),
            okay: Param::of(OKAY),
            slverr: Param::of(SLVERR),
            ..Default::default()
        }
    }
}

impl Logic for AxiLiteSlave {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, aw_full, aw_addr, w_full, w_data, w_strb, ar_full, ar_addr, b_valid,
            b_resp, r_valid
        );
        self.issue_r.next = self.ar_full.q.val() && !self.r_valid.q.val();
        self.issue_w.next = self.aw_full.q.val()
            && self.w_full.q.val()
            && !self.b_valid.q.val()
            && !self.r_valid.q.val()
            && !self.ar_full.q.val();
        // The engine's bus, from the held channels.
        self.csr_re.next = self.issue_r.val();
        self.csr_we.next = self.issue_w.val() && self.w_strb.q.val().all();
        self.csr_wdata.next = self.w_data.q.val();
        self.csr_addr.next = self.aw_addr.q.val() & self.word.val();
        if self.issue_r.val() {
            self.csr_addr.next = self.ar_addr.q.val() & self.word.val();
        }
        // Address and data channels: taken when empty, emptied when issued.
        if !self.aw_full.q.val() {
            self.aw_full.d.next = self.awvalid.val();
            self.aw_addr.d.next = self.awaddr.val();
        }
        if !self.w_full.q.val() {
            self.w_full.d.next = self.wvalid.val();
            self.w_data.d.next = self.wdata.val();
            self.w_strb.d.next = self.wstrb.val();
        }
        if self.issue_w.val() {
            self.aw_full.d.next = false;
            self.w_full.d.next = false;
        }
        if !self.ar_full.q.val() {
            self.ar_full.d.next = self.arvalid.val();
            self.ar_addr.d.next = self.araddr.val();
        }
        if self.issue_r.val() {
            self.ar_full.d.next = false;
        }
        // Responses: held until taken.
        self.b_valid.d.next = self.b_valid.q.val() && !self.bready.val();
        if self.issue_w.val() {
            self.b_valid.d.next = true;
            self.b_resp.d.next = self.slverr.val();
            if self.w_strb.q.val().all() {
                self.b_resp.d.next = self.okay.val();
            }
        }
        self.r_valid.d.next = self.issue_r.val() || (self.r_valid.q.val() && !self.rready.val());
        if self.reset.val() {
            self.aw_full.d.next = false;
            self.w_full.d.next = false;
            self.ar_full.d.next = false;
            self.b_valid.d.next = false;
            self.r_valid.d.next = false;
            self.aw_addr.d.next = 0.into();
            self.w_data.d.next = 0.into();
            self.w_strb.d.next = 0.into();
            self.ar_addr.d.next = 0.into();
            self.b_resp.d.next = 0.into();
        }
        self.awready.next = !self.aw_full.q.val();
        self.wready.next = !self.w_full.q.val();
        self.arready.next = !self.ar_full.q.val();
        self.bvalid.next = self.b_valid.q.val();
        self.bresp.next = self.b_resp.q.val();
        self.rvalid.next = self.r_valid.q.val();
        self.rresp.next = self.okay.val();
        self.rdata.next = self.csr_rdata.val();
    }
}
