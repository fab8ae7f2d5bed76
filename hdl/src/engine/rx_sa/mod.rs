//! The receive SA table (index = SC slot × 4 + AN) with its replay logic (802.1AE-2018 10.6.2,
//! 10.6.5): the lookup recovers a frame's full PN (XPN) and forms its IV; the end of a frame
//! compares its PN with the lowest acceptable PN and, for a valid frame, raises nextPN and
//! lowestPN.
//!
//! Frames overlap in the pipeline, so a frame is looked up before the frames ahead of it have
//! updated the SA. Only the XPN recovery depends on that state this early (the replay decision is
//! taken at the end, 10.6.4): each SA counts its frames in flight and keeps the highest lowestPN
//! they could leave behind, and the lookup reports a hazard when that could change the recovered
//! PN; the ingress then waits for the frames ahead to finish.
//!
//! Where the state lives (block RAM needs one address per port and a read at the clock edge):
//! - `pn`, {nextPN, lowestPN} of each SA, is a true dual-port memory: port A at the end of a
//!   frame (read at `e_index` every cycle; the commit writes there), port B for the window
//!   (read at `r_next`, the entry the next cycle's `r_d` words show; install and PN updates
//!   write at `c_index`). Each port's read is forwarded the write of either port at the same
//!   edge, so what it shows is the memory's state now. A read made for another address than
//!   this cycle's `e_index` (the descriptor at the back changed at the last edge) is not
//!   usable: `e_ready` is low and the back waits a cycle. When both ports write one SA in a
//!   cycle, port B writes both changes in order (the commit, then the window's) and port A
//!   writes nothing.
//! - `cfg_r` and `cfg_l`, {key identifier, SSCI, salt}: written by installs only; `cfg_r` read
//!   for the window where port B reads, `cfg_l` read at a frame's start for its IV (the IV is the
//!   register the core reads while the frame streams).
//! - registers: the valid and enable bits, bits 63:31 of lowestPN (all the lookup's `recover`
//!   needs), and the frames in flight with their speculative lowest PNs (bits 63:31 too), which
//!   the lookup reads at any SA in the cycle the frame starts.
//!
//! Reset (`clear`): the registers and the memories' read and forwarding registers; the memories
//! keep their words, which nothing reads through a clear valid bit.

mod model;
mod ports;
mod verilog;

use model::{bad, pn64};

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::params::{AN_BITS, KEY_BITS, RX_SAS, SA_BITS, SC_BITS};

#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Pns {
    next: u64,
    lowest: u64,
}

/// The lookup's first register stage: the SA's state read at the looked-up index.
#[derive(Clone, Copy, Default, Debug)]
struct Read {
    li: usize,
    valid: bool,
    enable: bool,
    /// Bits 63:31 of lowestPN (0 for an SA not valid), of the speculative lowest PN, frames in
    /// flight.
    llh: u64,
    spec: u64,
    busy: bool,
    p: u32,
}

/// The second: the recovered PN, the hazard, and bits 63:31 of the lowest PN a frame taken
/// could leave behind.
#[derive(Clone, Copy, Default, Debug)]
struct Decided {
    li: usize,
    valid: bool,
    enable: bool,
    pn: u64,
    hazard: bool,
    take: u64,
}

#[derive(Clone, Copy, Default, Debug)]
struct Cfg {
    key: u16,
    ssci: u32,
    salt: [u32; 3],
}

/// 802.1AE-2018 Table 10-2 as the Verilog function `recover` below computes it: the upper
/// half of the lowest acceptable PN, plus one when its low half has reached 2^31 and the
/// frame's PN has not (a 32-bit add, as in hardware). Only bits 63:31 of `lowest` matter. The
/// golden model's `recover_xpn` is not called here, so the lockstep compares two
/// implementations (the test below holds them equal).
pub fn recover(pn32: u32, lowest: u64) -> u64 {
    let carry = ((lowest as u32) & !pn32) >> 31;
    let hi = ((lowest >> 32) as u32).wrapping_add(carry);
    (hi as u64) << 32 | pn32 as u64
}
#[derive(SettleBlock, Default, Debug)]
pub struct RxSaTable {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub clear: Signal<In, Bit>,
    pub suite_xpn: Signal<In, Bit>,
    /// The effective replay window.
    pub window: Signal<In, Bits<32>>,
    /// Window operations on SA `c_index`, at the edge: install (words c_d0..c_d8), change only
    /// ENABLE, raise the PNs, remove, remove the four SAs of SC slot `c_sc` (an input of its
    /// own, so the slot reaches the valid bits without a select in front of `c_index`). Raising
    /// the PNs reads the SA where port B read at the last edge, so `c_index` must be the last
    /// cycle's `r_next` (the control's window index holds still from a command to its
    /// execution).
    pub c_install: Signal<In, Bit>,
    pub c_enable_only: Signal<In, Bit>,
    pub c_update_pn: Signal<In, Bit>,
    pub c_remove: Signal<In, Bit>,
    pub c_remove_sc: Signal<In, Bit>,
    pub c_index: Signal<In, Bits<SA_BITS>>,
    pub c_sc: Signal<In, Bits<SC_BITS>>,
    pub c_d0: Signal<In, Bits<32>>,
    pub c_d1: Signal<In, Bits<32>>,
    pub c_d2: Signal<In, Bits<32>>,
    pub c_d3: Signal<In, Bits<32>>,
    pub c_d4: Signal<In, Bits<32>>,
    pub c_d5: Signal<In, Bits<32>>,
    pub c_d6: Signal<In, Bits<32>>,
    pub c_d7: Signal<In, Bits<32>>,
    pub c_d8: Signal<In, Bits<32>>,
    /// nextPN (c_d1/c_d2) is 0 or beyond the suite's last PN, or lowestPN (c_d3/c_d4) is given
    /// and is.
    pub c_pn_bad: Signal<Out, Bit>,
    /// The entry the next cycle's `r_d` words show (the window's next index).
    pub r_next: Signal<In, Bits<SA_BITS>>,
    pub r_d0: Signal<Out, Bits<32>>,
    pub r_d1: Signal<Out, Bits<32>>,
    pub r_d2: Signal<Out, Bits<32>>,
    pub r_d3: Signal<Out, Bits<32>>,
    pub r_d4: Signal<Out, Bits<32>>,
    pub r_d5: Signal<Out, Bits<32>>,
    pub r_d6: Signal<Out, Bits<32>>,
    pub r_d7: Signal<Out, Bits<32>>,
    pub r_d8: Signal<Out, Bits<32>>,
    /// The SA looked up: SC slot and AN (index slot × 4 + AN, also its key slot in the core).
    /// The lookup is two register stages: `l_key`, `l_valid`, `l_enable`, `l_pn_*` and
    /// `l_hazard` are for the inputs two edges before (and the state one edge after them), and
    /// `l_take` and `l_start` act on that SA.
    pub l_slot: Signal<In, Bits<SC_BITS>>,
    pub l_an: Signal<In, Bits<AN_BITS>>,
    pub l_key: Signal<Out, Bits<KEY_BITS>>,
    pub l_pn32: Signal<In, Bits<32>>,
    pub l_sci_lo: Signal<In, Bits<32>>,
    pub l_sci_hi: Signal<In, Bits<32>>,
    pub l_valid: Signal<Out, Bit>,
    pub l_enable: Signal<Out, Bit>,
    pub l_pn_lo: Signal<Out, Bits<32>>,
    pub l_pn_hi: Signal<Out, Bits<32>>,
    pub l_hazard: Signal<Out, Bit>,
    pub l_iv0: Signal<Out, Bits<32>>,
    pub l_iv1: Signal<Out, Bits<32>>,
    pub l_iv2: Signal<Out, Bits<32>>,
    /// The looked-up frame enters the pipeline (at the edge).
    pub l_take: Signal<In, Bit>,
    /// A frame starts (at the edge): `l_iv*` hold its IV from the next cycle until the next start.
    pub l_start: Signal<In, Bit>,
    pub e_slot: Signal<In, Bits<SC_BITS>>,
    pub e_an: Signal<In, Bits<AN_BITS>>,
    pub e_pn_lo: Signal<In, Bits<32>>,
    pub e_pn_hi: Signal<In, Bits<32>>,
    /// The PN is below the lowest acceptable PN (when `e_ready`).
    pub e_below: Signal<Out, Bit>,
    /// The SA at `e_slot`/`e_an` was read at the last edge: `e_below` holds and a commit may
    /// happen.
    pub e_ready: Signal<Out, Bit>,
    /// The frame leaves (at the edge); with `e_valid`, a valid frame updates the SA.
    pub e_commit: Signal<In, Bit>,
    pub e_valid: Signal<In, Bit>,
    _valid: Vec<bool>,
    _enable: Vec<bool>,
    /// Bits 63:31 of lowestPN; the frames in flight and bits 63:31 of their speculative
    /// lowest PN.
    _lowhi: Vec<u64>,
    _infl: Vec<u8>,
    _spec: Vec<u64>,
    _pn: Vec<Pns>,
    _cfg_r: Vec<Cfg>,
    _cfg_l: Vec<Cfg>,
    /// Port A: address, read word, the write at the last edge.
    _ea: usize,
    _a_rd: Pns,
    _a_we: bool,
    _a_wd: Pns,
    /// Port B: the same.
    _rb: usize,
    _b_rd: Pns,
    _b_we: bool,
    _b_wd: Pns,
    /// `cfg_r`: address, read word, the install at the last edge.
    _cr: usize,
    _cr_rd: Cfg,
    _ci_we: bool,
    _ci_addr: usize,
    _ci_wd: Cfg,
    /// `cfg_l`'s read word at the last start, whether its salt counts (XPN, a valid SA), and the
    /// IV's other terms.
    _k_rd: Cfg,
    _kx: bool,
    _ivp: [u32; 3],
    _r: Read,
    _d: Decided,
    /// The head descriptor's PN + 1 (saturated) and that less the window (at 0), registered
    /// from `e_pn` every cycle: a commit's sums, ready a cycle ahead (the ingress back takes
    /// a frame's last beat only when its descriptor has been at the head since the last edge).
    _e_next: u64,
    _e_low: u64,
    /// An install's lowest PN (the DATA words' or, at 0, nextPN less the window, at least 1),
    /// registered: an install executes cycles after its words are written.
    _c_low: u64,
}

impl RxSaTable {
    pub fn new() -> RxSaTable {
        RxSaTable {
            _valid: vec![false; RX_SAS],
            _enable: vec![false; RX_SAS],
            _lowhi: vec![0; RX_SAS],
            _infl: vec![0; RX_SAS],
            _spec: vec![0; RX_SAS],
            _pn: vec![Pns::default(); RX_SAS],
            _cfg_r: vec![Cfg::default(); RX_SAS],
            _cfg_l: vec![Cfg::default(); RX_SAS],
            ..Default::default()
        }
    }

    fn max_pn(&self) -> u64 {
        if self.suite_xpn.val() {
            u64::MAX
        } else {
            u32::MAX as u64
        }
    }
}

impl Logic for RxSaTable {
    fn update(&mut self) {
        // The state changes only at the edge; what the edge writes is worked out there, from
        // the values before it (settling calls this many times a cycle).
        if self.clock.pos_edge() {
            self.edge();
        }
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32();
        let max = self.max_pn();
        let cnext = pn64(v(&self.c_d1), v(&self.c_d2));
        let clow = pn64(v(&self.c_d3), v(&self.c_d4));
        self.outputs(bad(cnext, max) || (clow != 0 && bad(clow, max)));
    }

    fn connect(&mut self) {
        self.c_pn_bad.connect();
        self.r_d0.connect();
        self.r_d1.connect();
        self.r_d2.connect();
        self.r_d3.connect();
        self.r_d4.connect();
        self.r_d5.connect();
        self.r_d6.connect();
        self.r_d7.connect();
        self.r_d8.connect();
        self.l_key.connect();
        self.l_valid.connect();
        self.l_enable.connect();
        self.l_pn_lo.connect();
        self.l_pn_hi.connect();
        self.l_hazard.connect();
        self.l_iv0.connect();
        self.l_iv1.connect();
        self.l_iv2.connect();
        self.e_below.connect();
        self.e_ready.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(verilog::verilog())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn recover_is_the_golden_models_table_10_2() {
        let edges = [0u64, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];
        let highs = [0u64, 1, 7, 0xFFFF_FFFE, 0xFFFF_FFFF];
        let mut n = 0;
        for hi in highs {
            for lo in edges {
                let lowest = hi << 32 | lo;
                for pn in edges
                    .iter()
                    .map(|&p| p as u32)
                    .chain([0x2A2B_5051, 0x9A2B_5051])
                {
                    assert_eq!(
                        super::recover(pn, lowest),
                        macsec_model::secy::recover_xpn(pn, lowest),
                        "pn {pn:08x}, lowest {lowest:016x}"
                    );
                    n += 1;
                }
            }
        }
        assert_eq!(n, 175);
    }
}
