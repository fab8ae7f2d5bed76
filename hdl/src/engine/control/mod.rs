//! The engine's control plane: the CARD, SECY, TABLES and COUNTERS blocks of the register map
//! behind a simple CSR bus (a write or a read per cycle; read data the cycle after), the key, SA
//! and SC tables, and the counter banks. It behaves as the behavioral card does, register for
//! register: the TABLES window checks an entry before it changes anything, installs an SA's key
//! into the GCM core of its direction (round keys and H computed there, BUSY meanwhile), keys
//! never read back, counters latch 64 bits on a LO read.
//!
//! Three parts, wired here (`wiring.rs`): the registers (`registers/`: the bus, CONTROL, IRQs,
//! the SecY's registers, the window's state machine and its command's checks), the tables
//! (`tables/`: keys, key identifiers, SAs, SCs, the window's DATA words, the datapaths'
//! lookups) and the two counter banks.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes_pipeline::KEY_BITS;

use super::counters::{RxCounters, TxCounters};
use super::params::{SC_BITS, SC_COUNT_BITS};

mod registers;
mod tables;
mod wiring;

use registers::Registers;
use tables::Tables;

#[derive(SettleBlock, Default, Debug)]
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
    /// The registers: CSR decode and read-back, CONTROL, IRQs, the SecY's registers, the
    /// TABLES window's state machine, COUNTERS.SEL.
    csr: Registers,
    /// The key, SA and SC tables and the window's DATA words.
    tbl: Tables,
    txc: TxCounters,
    rxc: RxCounters,
}

impl Control {
    pub fn new() -> Control {
        Control {
            csr: Registers::new(),
            tbl: Tables::new(),
            rxc: RxCounters::new(),
            ..Default::default()
        }
    }
}
