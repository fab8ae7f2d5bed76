//! The control plane's registers: the CSR bus's decode and read-back, CONTROL with its reset,
//! the IRQ registers, the SecY's registers, the TABLES window's state machine (CMD, STATUS, the
//! command's checks in `WindowCheck`) and COUNTERS.SEL with the latched high word. It tells the
//! tables (`super::tables`) what a command does and the counter banks what to clear and read.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::secy as s;

use crate::dff::Reg;
use crate::param::Param;

use super::super::csr_map::{CsrCodec, CsrDecode};
use super::super::irq::Irq;
use super::super::params::{SA_BITS, SC_BITS};
use super::super::secy_regs::SecyRegs;
use super::super::window::{Win, WindowCheck};

mod wiring;

#[derive(SettleBlock, Default, Debug)]
// Its logic reads an output it writes (so a move of it runs the logic again).
#[settle(reads_outputs)]
pub struct Registers {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    // The CSR bus.
    pub addr: Signal<In, Bits<12>>,
    pub wdata: Signal<In, Bits<32>>,
    pub we: Signal<In, Bit>,
    pub re: Signal<In, Bit>,
    pub rdata: Signal<Out, Bits<32>>,
    pub irq_set: Signal<In, Bits<32>>,
    pub irq: Signal<Out, Bit>,
    pub irq_msg: Signal<Out, Bit>,
    /// CONTROL.RESET or the reset pin, this cycle: the control plane's reset.
    pub soft_reset: Signal<Out, Bit>,
    // The SecY controls.
    pub enabled: Signal<Out, Bit>,
    pub protect: Signal<Out, Bit>,
    pub always_sci: Signal<Out, Bit>,
    pub use_es: Signal<Out, Bit>,
    pub use_scb: Signal<Out, Bit>,
    pub replay: Signal<Out, Bit>,
    pub validate: Signal<Out, Bits<2>>,
    pub suite: Signal<Out, Bits<2>>,
    pub offset: Signal<Out, Bits<6>>,
    pub max_len: Signal<Out, Bits<32>>,
    pub sci_lo: Signal<Out, Bits<32>>,
    pub sci_hi: Signal<Out, Bits<32>>,
    pub thr_lo: Signal<Out, Bits<32>>,
    pub thr_hi: Signal<Out, Bits<32>>,
    /// The effective replay window: XPN suites use at most 2^30 - 1.
    pub window: Signal<Out, Bits<32>>,
    pub suite_change: Signal<Out, Bit>,
    // A frame takes its transmit SA: the AN (after an armed switchover) and its PN events.
    pub tx_frame: Signal<In, Bit>,
    pub t_an: Signal<Out, Bits<2>>,
    pub t_take: Signal<In, Bit>,
    pub t_exh: Signal<In, Bit>,
    pub t_thr: Signal<In, Bit>,
    /// A register or an RX SC/SA entry was written at the last edge (the ingress's decision
    /// starts over).
    pub touch: Signal<Out, Bit>,
    // The window's command, to the tables.
    pub cmd_table: Signal<Out, Bits<4>>,
    pub cmd_index: Signal<Out, Bits<16>>,
    pub cmd_sc_of_sa: Signal<Out, Bits<SC_BITS>>,
    pub w_key_256: Signal<Out, Bit>,
    pub w_key_valid: Signal<Out, Bit>,
    pub tx_key: Signal<Out, Bits<16>>,
    pub rx_key: Signal<Out, Bits<16>>,
    pub sc_valid: Signal<Out, Bit>,
    pub sc_enable: Signal<Out, Bit>,
    pub sc_ctrl_word: Signal<Out, Bits<32>>,
    pub index_next: Signal<Out, Bits<SA_BITS>>,
    pub table_next: Signal<Out, Bits<4>>,
    pub key_we: Signal<Out, Bit>,
    pub kid_we: Signal<Out, Bit>,
    pub tx_enable: Signal<Out, Bit>,
    pub tx_remove: Signal<Out, Bit>,
    pub tx_install: Signal<Out, Bit>,
    pub tx_clear: Signal<Out, Bit>,
    pub sc_go: Signal<Out, Bit>,
    pub sc_remove: Signal<Out, Bit>,
    pub rx_enable: Signal<Out, Bit>,
    pub rx_update: Signal<Out, Bit>,
    pub rx_remove: Signal<Out, Bit>,
    pub rx_install: Signal<Out, Bit>,
    pub rx_clear: Signal<Out, Bit>,
    pub d_we: Signal<Out, Bit>,
    pub d_idx: Signal<Out, Bits<4>>,
    pub d_done: Signal<Out, Bit>,
    pub d_load: Signal<Out, Bit>,
    // What the tables say of the command.
    pub d_rdata: Signal<In, Bits<32>>,
    pub d0: Signal<In, Bits<32>>,
    pub d8: Signal<In, Bits<32>>,
    pub key_valid: Signal<In, Bit>,
    pub key_256: Signal<In, Bit>,
    pub wiping: Signal<In, Bit>,
    pub tx_pn_bad: Signal<In, Bit>,
    pub rx_pn_bad: Signal<In, Bit>,
    pub sc_r_valid: Signal<In, Bit>,
    pub sc_r_enable: Signal<In, Bit>,
    pub sc_same: Signal<In, Bit>,
    pub sc_dup: Signal<In, Bit>,
    // Key installs into the egress (transmit SAs) and ingress (receive SAs) GCM cores.
    pub kx_e_valid: Signal<Out, Bit>,
    pub kx_i_valid: Signal<Out, Bit>,
    pub kx_e_ready: Signal<In, Bit>,
    pub kx_i_ready: Signal<In, Bit>,
    // The counter banks: COUNTERS.SEL (and its value after the edge), the counter read.
    pub sel_scope: Signal<Out, Bits<4>>,
    pub sel_index: Signal<Out, Bits<16>>,
    pub sel_id: Signal<Out, Bits<8>>,
    pub sel_next: Signal<Out, Bits<32>>,
    pub cnt_lo: Signal<In, Bits<32>>,
    pub cnt_hi: Signal<In, Bits<32>>,
    dec: CsrDecode,
    irqs: Irq,
    codec: CsrCodec,
    /// The TABLES window's command: checks and operations.
    wc: WindowCheck,
    /// The SecY's registers, CONTROL.ENABLE and SCRATCH.
    regs: SecyRegs,
    // Registers.
    win: Reg<Win>,
    rd: Reg<Bits<32>>,
    cmd: Reg<Bits<32>>,
    st_busy: Reg<Bit>,
    st_error: Reg<Bit>,
    st_code: Reg<Bits<8>>,
    readable: Reg<Bit>,
    sel: Reg<Bits<32>>,
    latch_hi: Reg<Bits<32>>,
    /// The core being loaded: 1 ingress (receive SA), 0 egress (transmit SA).
    kx_rx: Reg<Bit>,
    /// After a reset, until the key table and both cores have overwritten their keys: CONTROL
    /// reads RESET set, and window commands wait.
    wipe: Reg<Bit>,
    touched: Reg<Bit>,
    // Combinational.
    wr: Signal<Local, Bit>,
    ctrl_ok: Signal<Local, Bit>,
    w_xpn: Signal<Local, Bit>,
    data_rd: Signal<Local, Bits<32>>,
    key_ready: Signal<Local, Bit>,
    xpn_window_max: Param<Bits<32>>,
}

impl Registers {
    pub fn new() -> Registers {
        Registers {
            wc: WindowCheck::new(),
            irqs: Irq::new(),
            regs: SecyRegs::new(),
            xpn_window_max: Param::of(s::REPLAY_WINDOW_XPN_MAX as u64),
            ..Default::default()
        }
    }
}
