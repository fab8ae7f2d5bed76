//! The control plane's tables and the TABLES window's data side: the key table, the key
//! identifiers, the transmit SA table, the receive SC CAM and SA table, and the window's DATA
//! words (`DataBank`). The registers block (`super::registers`) decides what a command does;
//! this block applies it to the table the command names, with the DATA words as the entry, loads
//! a read entry back into the words, and answers the datapaths' lookups.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::tables::{rx_sa, rx_sc, tx_sa};

use crate::aes_pipeline::KEY_BITS;
use crate::param::Param;

use super::super::data_bank::DataBank;
use super::super::key_id_ram::KeyIdRam;
use super::super::key_ram::KeyRam;
use super::super::params::{ANS, RX_SAS, SA_BITS, SC_BITS, SC_COUNT_BITS};
use super::super::rx_sa::RxSaTable;
use super::super::rx_sc::RxScTable;
use super::super::tx_sa::TxSaTable;

mod wiring;

#[derive(SettleBlock, Default, Debug)]
pub struct Tables {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    /// CONTROL.RESET or the reset pin.
    pub clear: Signal<In, Bit>,
    /// A SECY.CTRL write changes the cipher suite: every SA goes.
    pub suite_change: Signal<In, Bit>,
    // The SecY's settings the tables use.
    /// The cipher suite is an XPN one.
    pub suite_xpn: Signal<In, Bit>,
    /// The effective replay window (XPN suites' cap applied).
    pub window: Signal<In, Bits<32>>,
    pub thr_lo: Signal<In, Bits<32>>,
    pub thr_hi: Signal<In, Bits<32>>,
    pub sci_lo: Signal<In, Bits<32>>,
    pub sci_hi: Signal<In, Bits<32>>,
    // Transmit SA of the next frame.
    pub t_an: Signal<In, Bits<2>>,
    pub t_take: Signal<In, Bit>,
    pub t_usable: Signal<Out, Bit>,
    pub t_conf: Signal<Out, Bit>,
    pub t_pn_lo: Signal<Out, Bits<32>>,
    pub t_pn_hi: Signal<Out, Bits<32>>,
    pub t_iv0: Signal<Out, Bits<32>>,
    pub t_iv1: Signal<Out, Bits<32>>,
    pub t_iv2: Signal<Out, Bits<32>>,
    /// The frame's PN reached exhaustion / the threshold (with `t_take`).
    pub t_exh: Signal<Out, Bit>,
    pub t_thr: Signal<Out, Bit>,
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
    // The window's command, as the codec reads CMD and the DATA words.
    pub cmd_table: Signal<In, Bits<4>>,
    pub cmd_index: Signal<In, Bits<16>>,
    pub cmd_sc_of_sa: Signal<In, Bits<SC_BITS>>,
    pub w_key_256: Signal<In, Bit>,
    pub w_key_valid: Signal<In, Bit>,
    pub tx_key: Signal<In, Bits<16>>,
    pub rx_key: Signal<In, Bits<16>>,
    pub sc_valid: Signal<In, Bit>,
    pub sc_enable: Signal<In, Bit>,
    /// RX_SC's first DATA word as a read returns it.
    pub sc_ctrl_word: Signal<In, Bits<32>>,
    /// CMD's INDEX and TABLE after the edge: where the reads for the window look.
    pub index_next: Signal<In, Bits<SA_BITS>>,
    pub table_next: Signal<In, Bits<4>>,
    // The command's operations, as the window block decides them.
    pub key_we: Signal<In, Bit>,
    pub kid_we: Signal<In, Bit>,
    pub tx_enable: Signal<In, Bit>,
    pub tx_remove: Signal<In, Bit>,
    pub tx_install: Signal<In, Bit>,
    pub sc_go: Signal<In, Bit>,
    pub sc_remove: Signal<In, Bit>,
    pub rx_enable: Signal<In, Bit>,
    pub rx_update: Signal<In, Bit>,
    pub rx_remove: Signal<In, Bit>,
    pub rx_install: Signal<In, Bit>,
    // The DATA words: bus writes and reads, and a finished command's clear or load.
    pub d_we: Signal<In, Bit>,
    pub d_idx: Signal<In, Bits<4>>,
    pub wdata: Signal<In, Bits<32>>,
    pub d_done: Signal<In, Bit>,
    pub d_load: Signal<In, Bit>,
    pub d_rdata: Signal<Out, Bits<32>>,
    pub d0: Signal<Out, Bits<32>>,
    pub d8: Signal<Out, Bits<32>>,
    // What the window's checks need to know.
    pub key_valid: Signal<Out, Bit>,
    pub wiping: Signal<Out, Bit>,
    pub tx_pn_bad: Signal<Out, Bit>,
    pub rx_pn_bad: Signal<Out, Bit>,
    pub sc_r_valid: Signal<Out, Bit>,
    pub sc_r_enable: Signal<Out, Bit>,
    pub sc_same: Signal<Out, Bit>,
    pub sc_dup: Signal<Out, Bit>,
    // The key being installed, to both GCM cores (the one loading is told apart by its valid).
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
    /// The window's DATA words.
    bank: DataBank,
    keys: KeyRam,
    kid: KeyIdRam,
    txsa: TxSaTable,
    rxsc: RxScTable,
    rxsa: RxSaTable,
    key_idx: Signal<Local, Bits<16>>,
    // The register map's table ids.
    t_tx_sa: Param<Bits<4>>,
    t_rx_sc: Param<Bits<4>>,
    t_rx_sa: Param<Bits<4>>,
    // Key identifier RAM addressing: receive SAs at slot × 4 + AN, transmit SAs after them.
    an_mask: Param<Bits<KEY_BITS>>,
    rx_sa_mask: Param<Bits<KEY_BITS>>,
    kid_tx_base: Param<Bits<KEY_BITS>>,
}

// The key identifier's words in the TX_SA and RX_SA entries, as the wiring takes them.
const _: () = assert!(tx_sa::KEY_ID_WORD == 7 && rx_sa::KEY_ID_WORD == 9);
// The masks address SAs by bits.
const _: () = assert!(ANS.is_power_of_two() && RX_SAS.is_power_of_two());

impl Tables {
    pub fn new() -> Tables {
        Tables {
            keys: KeyRam::new(),
            kid: super::super::key_id_ram::key_id_ram(),
            rxsa: RxSaTable::new(),
            t_tx_sa: Param::of(tx_sa::ID as u64),
            t_rx_sc: Param::of(rx_sc::ID as u64),
            t_rx_sa: Param::of(rx_sa::ID as u64),
            an_mask: Param::of(ANS as u64 - 1),
            rx_sa_mask: Param::of(RX_SAS as u64 - 1),
            kid_tx_base: Param::of(RX_SAS as u64),
            ..Default::default()
        }
    }
}
