//! The engine's control plane: the CARD, SECY, TABLES and COUNTERS blocks of the register map
//! behind a simple CSR bus (a write or a read per cycle; read data the cycle after), the key, SA
//! and SC tables, and the counter banks. It behaves as the behavioral card does, register for
//! register: the TABLES window checks an entry before it changes anything, installs an SA's key
//! into the GCM core of its direction (round keys and H computed there, BUSY meanwhile), keys
//! never read back, counters latch 64 bits on a LO read.
//!
//! `#[hdl_gen]` control: the bus decode, reads and the window's registers, and the wiring of
//! the blocks that do the rest, each of its own: the SecY registers (`SecyRegs`,
//! `secy_regs.rs`), the tables, the counters, the window's DATA words (`DataBank`) and its
//! command's checks and operations (`WindowCheck`, `window.rs`).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::secy as s;
use macsec_model::regmap::tables::{rx_sa, rx_sc, tx_sa};

use crate::aes_pipeline::KEY_BITS;
use crate::dff::Reg;
use crate::param::Param;

use super::counters::{RxCounters, TxCounters};
use super::csr_map::{CsrCodec, CsrDecode};
use super::data_bank::DataBank;
use super::irq::Irq;
use super::key_id_ram::KeyIdRam;
use super::key_ram::KeyRam;
use super::params::{ANS, RX_SAS, SA_BITS, SC_BITS, SC_COUNT_BITS};
use super::rx_sa::RxSaTable;
use super::rx_sc::RxScTable;
use super::secy_regs::SecyRegs;
use super::tx_sa::TxSaTable;
pub use super::window::Win;
use super::window::WindowCheck;

#[derive(SettleBlock, Default, Debug)]
// Its logic reads an output it writes (so a move of it runs the logic again).
#[settle(reads_outputs)]
pub struct Control {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    // The CSR bus.
    pub addr: Signal<In, Bits<12>>,
    pub wdata: Signal<In, Bits<32>>,
    pub we: Signal<In, Bit>,
    pub re: Signal<In, Bit>,
    pub rdata: Signal<Out, Bits<32>>,
    /// IRQ_STATUS bits raised by the card around the engine (rings, DMA).
    pub irq_set: Signal<In, Bits<32>>,
    pub irq: Signal<Out, Bit>,
    /// One cycle per MSI-X message (CARD.IRQ_ARM: armed and pending sends one and disarms).
    pub irq_msg: Signal<Out, Bit>,
    /// CONTROL.ENABLE: frames flow.
    pub enabled: Signal<Out, Bit>,
    // The SecY controls.
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
    // Transmit SA of the next frame.
    pub tx_frame: Signal<In, Bit>,
    pub t_an: Signal<Out, Bits<2>>,
    pub t_take: Signal<In, Bit>,
    pub t_usable: Signal<Out, Bit>,
    pub t_conf: Signal<Out, Bit>,
    pub t_pn_lo: Signal<Out, Bits<32>>,
    pub t_pn_hi: Signal<Out, Bits<32>>,
    pub t_iv0: Signal<Out, Bits<32>>,
    pub t_iv1: Signal<Out, Bits<32>>,
    pub t_iv2: Signal<Out, Bits<32>>,
    pub n_enabled: Signal<Out, Bits<SC_COUNT_BITS>>,
    // Receive SC and SA lookups, and the end of a received frame.
    pub l_sci_lo: Signal<In, Bits<32>>,
    pub l_sci_hi: Signal<In, Bits<32>>,
    pub l_hit: Signal<Out, Bit>,
    pub l_slot: Signal<Out, Bits<SC_BITS>>,
    pub n_valid: Signal<Out, Bits<SC_COUNT_BITS>>,
    pub only_sci_lo: Signal<Out, Bits<32>>,
    pub only_sci_hi: Signal<Out, Bits<32>>,
    pub l_an: Signal<In, Bits<2>>,
    pub l_key: Signal<Out, Bits<KEY_BITS>>,
    pub l_pn32: Signal<In, Bits<32>>,
    pub l_valid: Signal<Out, Bit>,
    pub l_enable: Signal<Out, Bit>,
    pub l_pn_lo: Signal<Out, Bits<32>>,
    pub l_pn_hi: Signal<Out, Bits<32>>,
    pub l_hazard: Signal<Out, Bit>,
    pub l_iv0: Signal<Out, Bits<32>>,
    pub l_iv1: Signal<Out, Bits<32>>,
    pub l_iv2: Signal<Out, Bits<32>>,
    pub l_take: Signal<In, Bit>,
    pub l_start: Signal<In, Bit>,
    pub e_slot: Signal<In, Bits<SC_BITS>>,
    pub e_an: Signal<In, Bits<2>>,
    pub e_pn_lo: Signal<In, Bits<32>>,
    pub e_pn_hi: Signal<In, Bits<32>>,
    pub e_below: Signal<Out, Bit>,
    pub e_ready: Signal<Out, Bit>,
    pub e_commit: Signal<In, Bit>,
    pub e_valid: Signal<In, Bit>,
    /// A register or an RX SC/SA entry was written at the last edge (the ingress's decision
    /// starts over).
    pub touch: Signal<Out, Bit>,
    // Counter events.
    pub tx_ev: Signal<In, Bit>,
    pub tx_ev_counter: Signal<In, Bits<3>>,
    pub tx_ev_an: Signal<In, Bits<2>>,
    pub tx_ev_octets: Signal<In, Bits<16>>,
    pub rx_ev: Signal<In, Bit>,
    pub rx_ev_counter: Signal<In, Bits<4>>,
    pub rx_ev_sc_hit: Signal<In, Bit>,
    pub rx_ev_sc: Signal<In, Bits<SC_BITS>>,
    pub rx_ev_sa_hit: Signal<In, Bit>,
    pub rx_ev_an: Signal<In, Bits<2>>,
    pub rx_ev_oct_kind: Signal<In, Bits<2>>,
    pub rx_ev_octets: Signal<In, Bits<16>>,
    pub rx_ev_unknown_sci: Signal<In, Bit>,
    pub rx_ev_no_sci: Signal<In, Bit>,
    // Key installs into the egress (transmit SAs) and ingress (receive SAs) GCM cores.
    pub kx_e_valid: Signal<Out, Bit>,
    pub kx_i_valid: Signal<Out, Bit>,
    pub kx_e_ready: Signal<In, Bit>,
    pub kx_i_ready: Signal<In, Bit>,
    pub kx_slot: Signal<Out, Bits<KEY_BITS>>,
    pub kx_256: Signal<Out, Bit>,
    pub kx0: Signal<Out, Bits<32>>,
    pub kx1: Signal<Out, Bits<32>>,
    pub kx2: Signal<Out, Bits<32>>,
    pub kx3: Signal<Out, Bits<32>>,
    pub kx4: Signal<Out, Bits<32>>,
    pub kx5: Signal<Out, Bits<32>>,
    pub kx6: Signal<Out, Bits<32>>,
    pub kx7: Signal<Out, Bits<32>>,
    dec: CsrDecode,
    /// The window's DATA words.
    bank: DataBank,
    irqs: Irq,
    codec: CsrCodec,
    keys: KeyRam,
    kid: KeyIdRam,
    txsa: TxSaTable,
    rxsc: RxScTable,
    rxsa: RxSaTable,
    txc: TxCounters,
    rxc: RxCounters,
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
    soft_reset: Signal<Local, Bit>,
    wr: Signal<Local, Bit>,
    suite_change: Signal<Local, Bit>,
    ctrl_ok: Signal<Local, Bit>,
    w_xpn: Signal<Local, Bit>,
    data_rd: Signal<Local, Bits<32>>,
    cnt_lo: Signal<Local, Bits<32>>,
    sel_next: Signal<Local, Bits<32>>,
    /// CMD.INDEX's next value, where the RX SA table reads for the window.
    index_next: Signal<Local, Bits<SA_BITS>>,
    /// CMD.TABLE's next value: with `index_next`, where the key identifiers are read.
    table_next: Signal<Local, Bits<4>>,
    key_idx: Signal<Local, Bits<16>>,
    key_ready: Signal<Local, Bit>,
    tx_clear_bits: Signal<Local, Bit>,
    // The register map's table ids (the window's checks and error codes are `wc`'s).
    t_tx_sa: Param<Bits<4>>,
    t_rx_sc: Param<Bits<4>>,
    t_rx_sa: Param<Bits<4>>,
    // Key identifier RAM addressing: receive SAs at slot × 4 + AN, transmit SAs after them.
    an_mask: Param<Bits<KEY_BITS>>,
    rx_sa_mask: Param<Bits<KEY_BITS>>,
    kid_tx_base: Param<Bits<KEY_BITS>>,
    // Register values from the map.
    xpn_window_max: Param<Bits<32>>,
}

// The key identifier's words in the TX_SA and RX_SA entries, as the wiring below takes them.
const _: () = assert!(tx_sa::KEY_ID_WORD == 7 && rx_sa::KEY_ID_WORD == 9);
// The masks below address SAs by bits.
const _: () = assert!(ANS.is_power_of_two() && RX_SAS.is_power_of_two());

impl Control {
    pub fn new() -> Control {
        Control {
            keys: KeyRam::new(),
            kid: super::key_id_ram::key_id_ram(),
            rxsa: RxSaTable::new(),
            rxc: RxCounters::new(),
            wc: WindowCheck::new(),
            t_tx_sa: Param::of(tx_sa::ID as u64),
            t_rx_sc: Param::of(rx_sc::ID as u64),
            t_rx_sa: Param::of(rx_sa::ID as u64),
            an_mask: Param::of(ANS as u64 - 1),
            rx_sa_mask: Param::of(RX_SAS as u64 - 1),
            kid_tx_base: Param::of(RX_SAS as u64),
            irqs: Irq::new(),
            regs: SecyRegs::new(),
            xpn_window_max: Param::of(s::REPLAY_WINDOW_XPN_MAX as u64),
            ..Default::default()
        }
    }
}

impl Logic for Control {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, win, rd, cmd, st_busy, st_error, st_code, readable, sel, latch_hi, kx_rx,
            wipe, touched
        );
        self.keys.clock.next = self.clock.val();
        self.bank.clock.next = self.clock.val();
        self.kid.clock.next = self.clock.val();
        self.txsa.clock.next = self.clock.val();
        self.rxsc.clock.next = self.clock.val();
        self.rxsa.clock.next = self.clock.val();
        self.txc.clock.next = self.clock.val();
        self.rxc.clock.next = self.clock.val();

        // Decode and fields.
        self.dec.addr.next = self.addr.val();
        self.codec.wdata.next = self.wdata.val();
        self.codec.ctrl.next = self.regs.ctrl.val();
        self.codec.tx_an.next = self.regs.tx_an.val();
        self.codec.sel.next = self.sel.q.val();
        self.codec.cmd.next = self.cmd.q.val();
        self.codec.d0.next = self.bank.q0.val();
        self.codec.d8.next = self.bank.q8.val();
        self.codec.st_busy.next = self.st_busy.q.val();
        self.codec.st_error.next = self.st_error.q.val();
        self.codec.st_code.next = self.st_code.q.val();
        self.codec.encoding.next = self.regs.encoding.val();
        self.codec.enabled.next = self.regs.enabled.val();
        self.codec.resetting.next = self.wipe.q.val();
        self.wipe.d.next = self.wipe.q.val()
            && (self.keys.wiping.val() || !self.kx_e_ready.val() || !self.kx_i_ready.val());
        self.codec.sc_r_valid.next = self.rxsc.r_valid.val();
        self.codec.sc_r_enable.next = self.rxsc.r_enable.val();
        self.wr.next = self.we.val() && !self.reset.val();
        // CONTROL.RESET (or the reset pin) returns everything to its reset value in one cycle.
        self.soft_reset.next = self.reset.val()
            || (self.wr.val() && self.dec.is_control.val() && self.codec.w_reset.val());

        // The SecY controls, to the datapaths.
        self.enabled.next = self.regs.enabled.val();
        self.protect.next = self.codec.protect.val();
        self.always_sci.next = self.codec.always_sci.val();
        self.use_es.next = self.codec.use_es.val();
        self.use_scb.next = self.codec.use_scb.val();
        self.replay.next = self.codec.replay.val();
        self.validate.next = self.codec.validate.val();
        self.suite.next = self.codec.suite.val();
        self.offset.next = self.codec.offset.val();
        self.max_len.next = self.regs.max_len.val();
        self.sci_lo.next = self.regs.sci_lo.val();
        self.sci_hi.next = self.regs.sci_hi.val();
        self.irqs.clock.next = self.clock.val();
        self.irqs.reset.next = self.soft_reset.val();
        self.irqs.w_status.next = self.wr.val() && self.dec.is_irq_status.val();
        self.irqs.w_mask.next = self.wr.val() && self.dec.is_irq_mask.val();
        self.irqs.w_arm.next = self.wr.val() && self.dec.is_irq_arm.val();
        self.irqs.wdata.next = self.wdata.val();
        self.irq.next = self.irqs.irq.val();
        self.irq_msg.next = self.irqs.irq_msg.val();

        // Transmit SA: the AN of the next frame (after an armed switchover), its PN and IV.
        self.t_an.next = self.regs.encoding.val();
        if self.codec.armed.val() {
            self.t_an.next = self.codec.next_an.val();
        }
        self.txsa.suite_xpn.next = self.codec.suite.val().get_bit(1);
        self.txsa.thr_lo.next = self.regs.thr_lo.val();
        self.txsa.thr_hi.next = self.regs.thr_hi.val();
        self.txsa.sci_lo.next = self.regs.sci_lo.val();
        self.txsa.sci_hi.next = self.regs.sci_hi.val();
        self.txsa.t_an.next = self.t_an.val();
        self.codec.t_an.next = self.t_an.val();
        self.txsa.t_take.next = self.t_take.val();
        self.t_usable.next = self.txsa.t_usable.val();
        self.t_conf.next = self.txsa.t_conf.val();
        self.t_pn_lo.next = self.txsa.t_pn_lo.val();
        self.t_pn_hi.next = self.txsa.t_pn_hi.val();
        self.t_iv0.next = self.txsa.t_iv0.val();
        self.t_iv1.next = self.txsa.t_iv1.val();
        self.t_iv2.next = self.txsa.t_iv2.val();
        self.n_enabled.next = self.rxsc.n_enabled.val();

        // Receive lookups.
        self.rxsc.l_sci_lo.next = self.l_sci_lo.val();
        self.rxsc.l_sci_hi.next = self.l_sci_hi.val();
        self.l_hit.next = self.rxsc.l_hit.val();
        self.l_slot.next = self.rxsc.l_slot.val();
        self.n_valid.next = self.rxsc.n_valid.val();
        self.only_sci_lo.next = self.rxsc.only_sci_lo.val();
        self.only_sci_hi.next = self.rxsc.only_sci_hi.val();
        self.rxsa.suite_xpn.next = self.codec.suite.val().get_bit(1);
        // The effective replay window: XPN suites use at most 2^30 - 1.
        self.rxsa.window.next = self.regs.window.val();
        if self.codec.suite.val().get_bit(1) && (self.regs.window.val() > self.xpn_window_max.val())
        {
            self.rxsa.window.next = self.xpn_window_max.val();
        }
        // The SA is looked up in the SC the CAM found.
        self.rxsa.l_slot.next = self.rxsc.l_slot.val();
        self.rxsa.l_an.next = self.l_an.val();
        self.l_key.next = self.rxsa.l_key.val();
        self.rxsa.l_pn32.next = self.l_pn32.val();
        self.rxsa.l_sci_lo.next = self.l_sci_lo.val();
        self.rxsa.l_sci_hi.next = self.l_sci_hi.val();
        self.rxsa.l_take.next = self.l_take.val();
        self.rxsa.l_start.next = self.l_start.val();
        self.l_valid.next = self.rxsa.l_valid.val();
        self.l_enable.next = self.rxsa.l_enable.val();
        self.l_pn_lo.next = self.rxsa.l_pn_lo.val();
        self.l_pn_hi.next = self.rxsa.l_pn_hi.val();
        self.l_hazard.next = self.rxsa.l_hazard.val();
        self.l_iv0.next = self.rxsa.l_iv0.val();
        self.l_iv1.next = self.rxsa.l_iv1.val();
        self.l_iv2.next = self.rxsa.l_iv2.val();
        self.rxsa.e_slot.next = self.e_slot.val();
        self.rxsa.e_an.next = self.e_an.val();
        self.rxsa.e_pn_lo.next = self.e_pn_lo.val();
        self.rxsa.e_pn_hi.next = self.e_pn_hi.val();
        self.rxsa.e_commit.next = self.e_commit.val();
        self.rxsa.e_valid.next = self.e_valid.val();
        self.e_below.next = self.rxsa.e_below.val();
        self.e_ready.next = self.rxsa.e_ready.val();

        // Counter events and reads.
        self.txc.ev.next = self.tx_ev.val();
        self.txc.ev_counter.next = self.tx_ev_counter.val();
        self.txc.ev_an.next = self.tx_ev_an.val();
        self.txc.ev_octets.next = self.tx_ev_octets.val();
        self.rxc.ev.next = self.rx_ev.val();
        self.rxc.ev_counter.next = self.rx_ev_counter.val();
        self.rxc.ev_sc_hit.next = self.rx_ev_sc_hit.val();
        self.rxc.ev_sc.next = self.rx_ev_sc.val();
        self.rxc.ev_sa_hit.next = self.rx_ev_sa_hit.val();
        self.rxc.ev_an.next = self.rx_ev_an.val();
        self.rxc.ev_oct_kind.next = self.rx_ev_oct_kind.val();
        self.rxc.ev_octets.next = self.rx_ev_octets.val();
        self.rxc.ev_unknown_sci.next = self.rx_ev_unknown_sci.val();
        self.rxc.ev_no_sci.next = self.rx_ev_no_sci.val();
        self.txc.r_scope.next = self.codec.sel_scope.val();
        self.txc.r_index.next = self.codec.sel_index.val();
        self.txc.r_id.next = self.codec.sel_id.val();
        self.rxc.r_scope.next = self.codec.sel_scope.val();
        self.rxc.r_id.next = self.codec.sel_id.val();
        self.cnt_lo.next = self.txc.r_lo.val() | self.rxc.r_lo.val();

        // The key identifier of the SA the command names: TX_SA words 7..10 at entry RX_SAS + AN,
        // RX_SA words 9..12 at entry slot × 4 + AN. Written at the command's entry; read (at
        // the edge) at the entry of the command CMD holds after the edge (below).
        self.kid.waddr.next = (bit_cast::<KEY_BITS, 16>(self.codec.cmd_index.val())
            & self.an_mask.val())
            | self.kid_tx_base.val();
        self.kid.w0.next = self.bank.q7.val();
        self.kid.w1.next = self.bank.q8.val();
        self.kid.w2.next = self.bank.q9.val();
        self.kid.w3.next = self.bank.q10.val();
        if self.codec.cmd_table.val() == self.t_rx_sa.val() {
            self.kid.waddr.next =
                bit_cast::<KEY_BITS, 16>(self.codec.cmd_index.val()) & self.rx_sa_mask.val();
            self.kid.w0.next = self.bank.q9.val();
            self.kid.w1.next = self.bank.q10.val();
            self.kid.w2.next = self.bank.q11.val();
            self.kid.w3.next = self.bank.q12.val();
        }

        // Table ports from the window: command fields and the data words.
        self.keys.waddr.next = bit_cast::<KEY_BITS, 16>(self.codec.cmd_index.val());
        self.keys.w0.next = self.bank.q0.val();
        self.keys.w1.next = self.bank.q1.val();
        self.keys.w2.next = self.bank.q2.val();
        self.keys.w3.next = self.bank.q3.val();
        self.keys.w4.next = self.bank.q4.val();
        self.keys.w5.next = self.bank.q5.val();
        self.keys.w6.next = self.bank.q6.val();
        self.keys.w7.next = self.bank.q7.val();
        self.keys.w_256.next = self.codec.key_256.val();
        self.keys.w_valid.next = self.codec.key_valid.val();
        self.key_idx.next = self.codec.tx_key.val();
        if self.codec.cmd_table.val() == self.t_rx_sa.val() {
            self.key_idx.next = self.codec.rx_key.val();
        }
        self.keys.raddr.next = bit_cast::<KEY_BITS, 16>(self.key_idx.val());
        self.kx_slot.next = bit_cast::<KEY_BITS, 16>(self.codec.cmd_index.val());
        self.kx_256.next = self.keys.r_256.val();
        self.kx0.next = self.keys.r0.val();
        self.kx1.next = self.keys.r1.val();
        self.kx2.next = self.keys.r2.val();
        self.kx3.next = self.keys.r3.val();
        self.kx4.next = self.keys.r4.val();
        self.kx5.next = self.keys.r5.val();
        self.kx6.next = self.keys.r6.val();
        self.kx7.next = self.keys.r7.val();
        self.key_ready.next = self.kx_e_ready.val();
        if self.kx_rx.q.val() {
            self.key_ready.next = self.kx_i_ready.val();
        }
        self.txsa.c_an.next = bit_cast::<2, 16>(self.codec.cmd_index.val());
        self.txsa.r_an.next = bit_cast::<2, 16>(self.codec.cmd_index.val());
        self.txsa.c_d0.next = self.bank.q0.val();
        self.txsa.c_d1.next = self.bank.q1.val();
        self.txsa.c_d2.next = self.bank.q2.val();
        self.txsa.c_d3.next = self.bank.q3.val();
        self.txsa.c_d4.next = self.bank.q4.val();
        self.txsa.c_d5.next = self.bank.q5.val();
        self.txsa.c_d6.next = self.bank.q6.val();
        self.rxsc.c_slot.next = bit_cast::<SC_BITS, 16>(self.codec.cmd_index.val());
        self.rxsc.c_valid.next = self.codec.sc_valid.val();
        self.rxsc.c_enable.next = self.codec.sc_enable.val();
        self.rxsc.c_sci_lo.next = self.bank.q1.val();
        self.rxsc.c_sci_hi.next = self.bank.q2.val();
        // RX_SC reads its slot; RX_SA asks whether its SC slot holds an SC.
        self.rxsc.r_slot.next = bit_cast::<SC_BITS, 16>(self.codec.cmd_index.val());
        if self.codec.cmd_table.val() == self.t_rx_sa.val() {
            self.rxsc.r_slot.next = self.codec.cmd_sc_of_sa.val();
        }
        self.rxsa.c_index.next = bit_cast::<SA_BITS, 16>(self.codec.cmd_index.val());
        self.rxsa.c_d0.next = self.bank.q0.val();
        self.rxsa.c_d1.next = self.bank.q1.val();
        self.rxsa.c_d2.next = self.bank.q2.val();
        self.rxsa.c_d3.next = self.bank.q3.val();
        self.rxsa.c_d4.next = self.bank.q4.val();
        self.rxsa.c_d5.next = self.bank.q5.val();
        self.rxsa.c_d6.next = self.bank.q6.val();
        self.rxsa.c_d7.next = self.bank.q7.val();
        self.rxsa.c_d8.next = self.bank.q8.val();
        self.txc.clr_an.next = bit_cast::<2, 16>(self.codec.cmd_index.val());
        self.txc.clr_all_sa.next = false;
        self.rxc.clr_index.next = bit_cast::<SA_BITS, 16>(self.codec.cmd_index.val());
        self.rxc.clr_all_sa.next = false;

        // SECY.CTRL: a write with a bad offset (or an offset with XPN) is refused; a new cipher
        // suite removes every SA (even when the rest of the write is refused, as the model does).
        self.w_xpn.next = self.codec.w_suite.val().get_bit(1);
        self.ctrl_ok.next = (self.codec.w_offset.val() == 0)
            || ((self.codec.w_offset.val() == 30 || self.codec.w_offset.val() == 50)
                && !self.w_xpn.val());
        self.suite_change.next = self.wr.val()
            && self.dec.is_ctrl.val()
            && (self.codec.w_suite.val() != self.codec.suite.val());
        self.txsa.clear.next = self.soft_reset.val() || self.suite_change.val();
        self.rxsa.clear.next = self.soft_reset.val() || self.suite_change.val();
        if self.suite_change.val() {
            self.txc.clr_all_sa.next = true;
            self.rxc.clr_all_sa.next = true;
        }
        self.keys.clear.next = self.soft_reset.val();
        self.bank.reset.next = self.soft_reset.val();
        self.rxsc.clear.next = self.soft_reset.val();
        self.txc.clear.next = self.soft_reset.val();
        self.rxc.clear.next = self.soft_reset.val();

        // The TABLES window: `wc` decides what the command in CMD does; its operations go to
        // the tables here.
        self.wc.win.next = self.win.q.val();
        self.wc.wipe.next = self.wipe.q.val();
        self.wc.key_ready.next = self.key_ready.val();
        self.wc.kx_rx.next = self.kx_rx.q.val();
        self.wc.cmd_table.next = self.codec.cmd_table.val();
        self.wc.cmd_index.next = self.codec.cmd_index.val();
        self.wc.cmd_write.next = self.codec.cmd_write.val();
        self.wc.tx_enable_only.next = self.codec.tx_enable_only.val();
        self.wc.tx_valid.next = self.codec.tx_valid.val();
        self.wc.tx_key.next = self.codec.tx_key.val();
        self.wc.rx_enable_only.next = self.codec.rx_enable_only.val();
        self.wc.rx_update_pn.next = self.codec.rx_update_pn.val();
        self.wc.rx_valid.next = self.codec.rx_valid.val();
        self.wc.rx_key.next = self.codec.rx_key.val();
        self.wc.sc_valid.next = self.codec.sc_valid.val();
        self.wc.suite_256.next = self.codec.suite.val().get_bit(0);
        self.wc.key_valid.next = self.keys.r_valid.val();
        self.wc.key_256.next = self.keys.r_256.val();
        self.wc.tx_pn_bad.next = self.txsa.c_pn_bad.val();
        self.wc.rx_pn_bad.next = self.rxsa.c_pn_bad.val();
        self.wc.sc_present.next = self.rxsc.r_valid.val();
        self.wc.sc_same.next = self.rxsc.c_same.val();
        self.wc.sc_dup.next = self.rxsc.c_dup.val();
        self.keys.we.next = self.wc.key_we.val();
        self.txsa.c_enable_only.next = self.wc.tx_enable.val();
        self.txsa.c_remove.next = self.wc.tx_remove.val();
        self.txsa.c_install.next = self.wc.tx_install.val();
        self.txc.clr_sa.next = self.wc.tx_clear.val();
        self.tx_clear_bits.next = self.wc.tx_clear.val();
        self.rxsc.c_go.next = self.wc.sc_go.val();
        self.rxsa.c_remove_sc.next = self.wc.sc_remove.val();
        self.rxc.clr_sc.next = self.wc.sc_remove.val();
        if self.wc.sc_remove.val() {
            self.rxsa.c_index.next = self.codec.cmd_sc_base.val();
            self.rxc.clr_index.next = self.codec.cmd_sc_base.val();
        }
        self.rxsa.c_enable_only.next = self.wc.rx_enable.val();
        self.rxsa.c_update_pn.next = self.wc.rx_update.val();
        self.rxsa.c_remove.next = self.wc.rx_remove.val();
        self.rxsa.c_install.next = self.wc.rx_install.val();
        self.rxc.clr_sa.next = self.wc.rx_clear.val();
        self.touched.d.next = self.we.val()
            || self.wc.sc_go.val()
            || self.wc.sc_remove.val()
            || self.wc.rx_enable.val()
            || self.wc.rx_update.val()
            || self.wc.rx_remove.val()
            || self.wc.rx_install.val();
        self.touch.next = self.touched.q.val();
        self.kx_e_valid.next = self.wc.kx_e_valid.val();
        self.kx_i_valid.next = self.wc.kx_i_valid.val();
        self.kid.we.next = self.wc.kid_we.val();
        self.win.d.next = self.wc.win_next.val();
        self.kx_rx.d.next = self.wc.kx_rx_next.val();
        if self.wc.done.val() {
            self.st_busy.d.next = false;
            self.st_error.d.next = self.wc.code.val() != 0;
            self.st_code.d.next = self.wc.code.val();
            self.readable.d.next = self.wc.is_read.val() && (self.wc.code.val() == 0);
        }
        // Written words never read back; a read fills them with the entry.
        self.bank.done.next = self.wc.done.val();
        self.bank.load.next = self.wc.is_read.val() && (self.wc.code.val() == 0);
        self.bank.l0.next = 0.into();
        self.bank.l1.next = 0.into();
        self.bank.l2.next = 0.into();
        self.bank.l3.next = 0.into();
        self.bank.l4.next = 0.into();
        self.bank.l5.next = 0.into();
        self.bank.l6.next = 0.into();
        self.bank.l7.next = 0.into();
        self.bank.l8.next = 0.into();
        self.bank.l9.next = 0.into();
        self.bank.l10.next = 0.into();
        self.bank.l11.next = 0.into();
        self.bank.l12.next = 0.into();
        if self.codec.cmd_table.val() == self.t_tx_sa.val() {
            self.bank.l0.next = self.txsa.r_d0.val();
            self.bank.l1.next = self.txsa.r_d1.val();
            self.bank.l2.next = self.txsa.r_d2.val();
            self.bank.l3.next = self.txsa.r_d3.val();
            self.bank.l4.next = self.txsa.r_d4.val();
            self.bank.l5.next = self.txsa.r_d5.val();
            self.bank.l6.next = self.txsa.r_d6.val();
            // An exhausted SA has no next PN: it reads 0, never a PN already used.
            if self.txsa.r_d0.val().get_bit(3) {
                self.bank.l1.next = 0.into();
                self.bank.l2.next = 0.into();
            }
            if self.txsa.r_d0.val().get_bit(4) {
                self.bank.l7.next = self.kid.r0.val();
                self.bank.l8.next = self.kid.r1.val();
                self.bank.l9.next = self.kid.r2.val();
                self.bank.l10.next = self.kid.r3.val();
            }
        } else if self.codec.cmd_table.val() == self.t_rx_sc.val() {
            self.bank.l0.next = self.codec.sc_ctrl_word.val();
            self.bank.l1.next = self.rxsc.r_sci_lo.val();
            self.bank.l2.next = self.rxsc.r_sci_hi.val();
        } else {
            self.bank.l0.next = self.rxsa.r_d0.val();
            self.bank.l1.next = self.rxsa.r_d1.val();
            self.bank.l2.next = self.rxsa.r_d2.val();
            self.bank.l3.next = self.rxsa.r_d3.val();
            self.bank.l4.next = self.rxsa.r_d4.val();
            self.bank.l5.next = self.rxsa.r_d5.val();
            self.bank.l6.next = self.rxsa.r_d6.val();
            self.bank.l7.next = self.rxsa.r_d7.val();
            self.bank.l8.next = self.rxsa.r_d8.val();
            if self.rxsa.r_d0.val().get_bit(4) {
                self.bank.l9.next = self.kid.r0.val();
                self.bank.l10.next = self.kid.r1.val();
                self.bank.l11.next = self.kid.r2.val();
                self.bank.l12.next = self.kid.r3.val();
            }
        }
        // The SecY's registers: bus writes, a frame's switchover and PN events, reset.
        self.regs.clock.next = self.clock.val();
        self.regs.soft_reset.next = self.soft_reset.val();
        self.regs.wr.next = self.wr.val();
        self.regs.wdata.next = self.wdata.val();
        self.regs.is_control.next = self.dec.is_control.val();
        self.regs.is_scratch.next = self.dec.is_scratch.val();
        self.regs.is_ctrl.next = self.dec.is_ctrl.val();
        self.regs.is_replay.next = self.dec.is_replay.val();
        self.regs.is_sci_lo.next = self.dec.is_sci_lo.val();
        self.regs.is_sci_hi.next = self.dec.is_sci_hi.val();
        self.regs.is_thr_lo.next = self.dec.is_thr_lo.val();
        self.regs.is_thr_hi.next = self.dec.is_thr_hi.val();
        self.regs.is_max_len.next = self.dec.is_max_len.val();
        self.regs.is_tx_an.next = self.dec.is_tx_an.val();
        self.regs.is_sa_thr.next = self.dec.is_sa_thr.val();
        self.regs.is_sa_exh.next = self.dec.is_sa_exh.val();
        self.regs.w_enable.next = self.codec.w_enable.val();
        self.regs.ctrl_ok.next = self.ctrl_ok.val();
        self.regs.w_ctrl.next = self.codec.w_ctrl.val();
        self.regs.ctrl_err.next = self.codec.ctrl_err.val();
        self.regs.suite_change.next = self.suite_change.val();
        self.regs.w_xpn.next = self.w_xpn.val();
        self.regs.w_tx_an.next = self.codec.w_tx_an.val();
        self.regs.w_encoding.next = self.codec.w_encoding.val();
        self.regs.switch.next = self.tx_frame.val() && self.codec.armed.val();
        self.regs.next_an.next = self.codec.next_an.val();
        self.regs.tx_an_disarmed.next = self.codec.tx_an_disarmed.val();
        self.regs.clear_bits.next = self.tx_clear_bits.val();
        self.regs.cmd_an_bit.next = self.codec.cmd_an_bit.val();
        self.regs.pn_exh.next = self.t_take.val() && self.txsa.t_exh.val();
        self.regs.pn_thr.next = self.t_take.val() && self.txsa.t_thr.val();
        self.regs.t_an_bit.next = self.codec.t_an_bit.val();
        self.irqs.raise.next = self.irq_set.val();
        if self.t_take.val() && self.txsa.t_exh.val() {
            self.irqs.raise.next = self.irq_set.val() | self.codec.irq_pn_exh.val();
        } else if self.t_take.val() && self.txsa.t_thr.val() {
            self.irqs.raise.next = self.irq_set.val() | self.codec.irq_pn_thr.val();
        }

        // Bus writes.
        self.bank.we.next = self.wr.val() && self.dec.is_data.val();
        self.bank.widx.next = self.dec.data_idx.val();
        self.bank.wdata.next = self.wdata.val();
        if self.wr.val() {
            if self.dec.is_cmd.val() && (self.win.q.val() == Win::Idle) {
                self.cmd.d.next = self.wdata.val();
                self.st_busy.d.next = true;
                self.win.d.next = Win::Exec;
            }
            if self.dec.is_data.val() {
                self.readable.d.next = false;
            }
            if self.dec.is_sel.val() {
                self.sel.d.next = self.wdata.val();
            }
        }

        // Bus reads: the data is there the cycle after.
        self.bank.ridx.next = self.dec.data_idx.val();
        self.data_rd.next = 0.into();
        if self.readable.q.val() {
            self.data_rd.next = self.bank.rdata.val();
        }
        if self.re.val() {
            self.rd.d.next = 0.into();
            if self.dec.is_const.val() {
                self.rd.d.next = self.dec.const_val.val();
            }
            if self.dec.is_control.val() {
                self.rd.d.next = self.codec.control_word.val();
            }
            if self.dec.is_irq_status.val() {
                self.rd.d.next = self.irqs.status.val();
            }
            if self.dec.is_irq_mask.val() {
                self.rd.d.next = self.irqs.mask.val();
            }
            if self.dec.is_irq_arm.val() && self.irqs.armed.val() {
                self.rd.d.next = 1.into();
            }
            if self.dec.is_scratch.val() {
                self.rd.d.next = self.regs.scratch.val();
            }
            if self.dec.is_ctrl.val() {
                self.rd.d.next = self.regs.ctrl.val();
            }
            if self.dec.is_replay.val() {
                self.rd.d.next = self.regs.window.val();
            }
            if self.dec.is_sci_lo.val() {
                self.rd.d.next = self.regs.sci_lo.val();
            }
            if self.dec.is_sci_hi.val() {
                self.rd.d.next = self.regs.sci_hi.val();
            }
            if self.dec.is_thr_lo.val() {
                self.rd.d.next = self.regs.thr_lo.val();
            }
            if self.dec.is_thr_hi.val() {
                self.rd.d.next = self.regs.thr_hi.val();
            }
            if self.dec.is_max_len.val() {
                self.rd.d.next = self.regs.max_len.val();
            }
            if self.dec.is_tx_an.val() {
                self.rd.d.next = self.codec.tx_an_word.val();
            }
            if self.dec.is_sa_thr.val() {
                self.rd.d.next = self.regs.sa_thr.val();
            }
            if self.dec.is_sa_exh.val() {
                self.rd.d.next = self.regs.sa_exh.val();
            }
            if self.dec.is_cmd.val() {
                self.rd.d.next = self.cmd.q.val();
            }
            if self.dec.is_status.val() {
                self.rd.d.next = self.codec.status_word.val();
            }
            if self.dec.is_data.val() {
                self.rd.d.next = self.data_rd.val();
            }
            if self.dec.is_sel.val() {
                self.rd.d.next = self.sel.q.val();
            }
            if self.dec.is_cnt_lo.val() {
                // LO latches all 64 bits.
                self.rd.d.next = self.cnt_lo.val();
                self.latch_hi.d.next = self.txc.r_hi.val() | self.rxc.r_hi.val();
            }
            if self.dec.is_cnt_hi.val() {
                self.rd.d.next = self.latch_hi.q.val();
            }
        }
        self.rdata.next = self.rd.q.val();

        if self.soft_reset.val() {
            self.win.d.next = Win::Idle;
            self.rd.d.next = 0.into();
            self.cmd.d.next = 0.into();
            self.st_busy.d.next = false;
            self.st_error.d.next = false;
            self.st_code.d.next = 0.into();
            self.readable.d.next = false;
            self.sel.d.next = 0.into();
            self.latch_hi.d.next = 0.into();
            self.kx_rx.d.next = false;
            self.wipe.d.next = true;
        }
        // The receive counters' CSR copies read at the edge what SEL holds after it (SEL's next
        // value, as its register takes it above; a local, since a child's input read back here
        // would not make this block settle again).
        self.sel_next.next = self.sel.q.val();
        if self.wr.val() && self.dec.is_sel.val() {
            self.sel_next.next = self.wdata.val();
        }
        if self.soft_reset.val() {
            self.sel_next.next = 0.into();
        }
        self.rxc.sel_next.next = self.sel_next.val();
        // CMD's INDEX and TABLE after the edge, as its register takes them above.
        self.index_next.next = bit_cast::<SA_BITS, 16>(self.codec.cmd_index.val());
        self.table_next.next = self.codec.cmd_table.val();
        if self.wr.val() && self.dec.is_cmd.val() && (self.win.q.val() == Win::Idle) {
            self.index_next.next = bit_cast::<SA_BITS, 16>(self.codec.w_cmd_index.val());
            self.table_next.next = self.codec.w_cmd_table.val();
        }
        if self.soft_reset.val() {
            self.index_next.next = 0.into();
            self.table_next.next = 0.into();
        }
        self.rxsa.r_next.next = self.index_next.val();
        self.kid.re.next = true;
        self.kid.reset.next = self.soft_reset.val();
        self.kid.raddr.next = (bit_cast::<KEY_BITS, SA_BITS>(self.index_next.val())
            & self.an_mask.val())
            | self.kid_tx_base.val();
        if self.table_next.val() == self.t_rx_sa.val() {
            self.kid.raddr.next =
                bit_cast::<KEY_BITS, SA_BITS>(self.index_next.val()) & self.rx_sa_mask.val();
        }
    }
}
