//! The TABLES window's command: what a command in CMD does in each state of the window, as the
//! behavioral card does it — the checks of an entry before anything changes (table, index,
//! write-only keys, key slot, key length, PN, duplicate SCI: the register map's error codes),
//! the one-cycle operations (reads, removals, enable-only and PN updates, SC writes), and an SA
//! install's two steps (hand the key to the direction's GCM core, then, when the core has the
//! round keys and H, make the SA valid). Combinational: the control block holds the window's
//! state and CMD, and applies what this decides.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};

use crate::param::Param;

use super::params::{ANS, KEY_SLOTS, RX_SAS, RX_SCS};

/// The window's states: idle, a command to execute, an install waiting for its core to take
/// the key, and the core computing the round keys and H.
#[derive(Copy, Clone, Debug, PartialEq, Eq, LogicState)]
pub enum Win {
    Idle,
    Exec,
    KeyWait,
    KeyBusy,
}

#[derive(SettleBlock, Default, Debug)]
pub struct WindowCheck {
    _settle: crate::dff::SettleState,
    pub win: Signal<In, Win>,
    /// After a reset, while the keys are wiped: a command waits.
    pub wipe: Signal<In, Bit>,
    /// The core of the install's direction takes a key (or has finished one).
    pub key_ready: Signal<In, Bit>,
    /// The install is a receive SA's (else a transmit SA's).
    pub kx_rx: Signal<In, Bit>,
    // CMD and the DATA words' fields.
    pub cmd_table: Signal<In, Bits<4>>,
    pub cmd_index: Signal<In, Bits<16>>,
    pub cmd_write: Signal<In, Bit>,
    pub tx_enable_only: Signal<In, Bit>,
    pub tx_valid: Signal<In, Bit>,
    pub tx_key: Signal<In, Bits<16>>,
    pub rx_enable_only: Signal<In, Bit>,
    pub rx_update_pn: Signal<In, Bit>,
    pub rx_valid: Signal<In, Bit>,
    pub rx_key: Signal<In, Bits<16>>,
    pub sc_valid: Signal<In, Bit>,
    /// The SecY's cipher suite takes 256-bit keys.
    pub suite_256: Signal<In, Bit>,
    // What the tables say of the entry.
    pub key_valid: Signal<In, Bit>,
    pub key_256: Signal<In, Bit>,
    pub tx_pn_bad: Signal<In, Bit>,
    pub rx_pn_bad: Signal<In, Bit>,
    /// The RX SA's SC slot holds an SC.
    pub sc_present: Signal<In, Bit>,
    /// The RX_SC write names the SCI its slot holds / an SCI another slot holds.
    pub sc_same: Signal<In, Bit>,
    pub sc_dup: Signal<In, Bit>,
    /// The command is over this cycle, with `code` (0: success); a read's entry is loaded.
    pub done: Signal<Out, Bit>,
    pub code: Signal<Out, Bits<8>>,
    pub is_read: Signal<Out, Bit>,
    pub win_next: Signal<Out, Win>,
    pub kx_rx_next: Signal<Out, Bit>,
    // The operations.
    pub key_we: Signal<Out, Bit>,
    pub tx_enable: Signal<Out, Bit>,
    pub tx_remove: Signal<Out, Bit>,
    pub tx_install: Signal<Out, Bit>,
    /// A transmit SA removed or installed: its counters and its PN event bits cleared.
    pub tx_clear: Signal<Out, Bit>,
    pub sc_go: Signal<Out, Bit>,
    /// The slot's SC goes, with its SAs and counters (at the slot's first SA).
    pub sc_remove: Signal<Out, Bit>,
    pub rx_enable: Signal<Out, Bit>,
    pub rx_update: Signal<Out, Bit>,
    pub rx_remove: Signal<Out, Bit>,
    pub rx_install: Signal<Out, Bit>,
    /// A receive SA removed or installed: its counters cleared.
    pub rx_clear: Signal<Out, Bit>,
    pub kx_e_valid: Signal<Out, Bit>,
    pub kx_i_valid: Signal<Out, Bit>,
    /// The installed SA's key identifier is written.
    pub kid_we: Signal<Out, Bit>,
    /// An SA write's key slot and what its checks find (0: the SA may be installed); the same
    /// checks for a transmit and a receive SA.
    sa_key: Signal<Local, Bits<16>>,
    sa_pn_bad: Signal<Local, Bit>,
    sa_code: Signal<Local, Bits<8>>,
    // The register map's numbers: table ids, the window's error codes, the tables' sizes.
    t_key: Param<Bits<4>>,
    t_tx_sa: Param<Bits<4>>,
    t_rx_sc: Param<Bits<4>>,
    t_rx_sa: Param<Bits<4>>,
    e_table: Param<Bits<8>>,
    e_index: Param<Bits<8>>,
    e_write_only: Param<Bits<8>>,
    e_key_empty: Param<Bits<8>>,
    e_key_length: Param<Bits<8>>,
    e_pn: Param<Bits<8>>,
    e_duplicate_sci: Param<Bits<8>>,
    n_keys: Param<Bits<16>>,
    n_tx_sas: Param<Bits<16>>,
    n_rx_scs: Param<Bits<16>>,
    n_rx_sas: Param<Bits<16>>,
}

impl WindowCheck {
    pub fn new() -> WindowCheck {
        WindowCheck {
            t_key: Param::of(key::ID as u64),
            t_tx_sa: Param::of(tx_sa::ID as u64),
            t_rx_sc: Param::of(rx_sc::ID as u64),
            t_rx_sa: Param::of(rx_sa::ID as u64),
            e_table: Param::of(tw::E_TABLE as u64),
            e_index: Param::of(tw::E_INDEX as u64),
            e_write_only: Param::of(tw::E_WRITE_ONLY as u64),
            e_key_empty: Param::of(tw::E_KEY_EMPTY as u64),
            e_key_length: Param::of(tw::E_KEY_LENGTH as u64),
            e_pn: Param::of(tw::E_PN as u64),
            e_duplicate_sci: Param::of(tw::E_DUPLICATE_SCI as u64),
            n_keys: Param::of(KEY_SLOTS as u64),
            n_tx_sas: Param::of(ANS as u64),
            n_rx_scs: Param::of(RX_SCS as u64),
            n_rx_sas: Param::of(RX_SAS as u64),
            ..Default::default()
        }
    }
}

impl Logic for WindowCheck {
    #[hdl_gen]
    fn update(&mut self) {
        self.code.next = 0.into();
        self.done.next = false;
        self.is_read.next = false;
        self.win_next.next = self.win.val();
        self.kx_rx_next.next = self.kx_rx.val();
        self.key_we.next = false;
        self.tx_enable.next = false;
        self.tx_remove.next = false;
        self.tx_install.next = false;
        self.tx_clear.next = false;
        self.sc_go.next = false;
        self.sc_remove.next = false;
        self.rx_enable.next = false;
        self.rx_update.next = false;
        self.rx_remove.next = false;
        self.rx_install.next = false;
        self.rx_clear.next = false;
        self.kx_e_valid.next = false;
        self.kx_i_valid.next = false;
        self.kid_we.next = false;
        self.sa_key.next = self.tx_key.val();
        self.sa_pn_bad.next = self.tx_pn_bad.val();
        if self.cmd_table.val() == self.t_rx_sa.val() {
            self.sa_key.next = self.rx_key.val();
            self.sa_pn_bad.next = self.rx_pn_bad.val();
        }
        self.sa_code.next = 0.into();
        if self.sa_key.val() >= self.n_keys.val() {
            self.sa_code.next = self.e_index.val();
        } else if !self.key_valid.val() {
            self.sa_code.next = self.e_key_empty.val();
        } else if self.key_256.val() != self.suite_256.val() {
            self.sa_code.next = self.e_key_length.val();
        } else if self.sa_pn_bad.val() {
            self.sa_code.next = self.e_pn.val();
        }
        match self.win.val() {
            Win::Idle => {}
            Win::Exec => {
                // After a reset the keys are being wiped: the command waits (BUSY).
                if !self.wipe.val() {
                    self.done.next = true;
                    self.win_next.next = Win::Idle;
                    if self.cmd_table.val() == self.t_key.val() {
                        // KEY: write-only.
                        if !self.cmd_write.val() {
                            self.code.next = self.e_write_only.val();
                        } else if self.cmd_index.val() >= self.n_keys.val() {
                            self.code.next = self.e_index.val();
                        } else {
                            self.key_we.next = true;
                        }
                    } else if self.cmd_table.val() == self.t_tx_sa.val() {
                        // TX_SA, index = AN.
                        if self.cmd_index.val() >= self.n_tx_sas.val() {
                            self.code.next = self.e_index.val();
                        } else if !self.cmd_write.val() {
                            self.is_read.next = true;
                        } else if self.tx_enable_only.val() {
                            self.tx_enable.next = true;
                        } else if !self.tx_valid.val() {
                            self.tx_remove.next = true;
                            self.tx_clear.next = true;
                        } else if self.sa_code.val() != 0 {
                            self.code.next = self.sa_code.val();
                        } else {
                            // An install: the key goes to the egress core first.
                            self.done.next = false;
                            self.win_next.next = Win::KeyWait;
                            self.kx_rx_next.next = false;
                        }
                    } else if self.cmd_table.val() == self.t_rx_sc.val() {
                        // RX_SC, index = slot.
                        if self.cmd_index.val() >= self.n_rx_scs.val() {
                            self.code.next = self.e_index.val();
                        } else if !self.cmd_write.val() {
                            self.is_read.next = true;
                        } else if !self.sc_valid.val() {
                            self.sc_go.next = true;
                            self.sc_remove.next = true;
                        } else if self.sc_same.val() {
                            self.sc_go.next = true;
                        } else if self.sc_dup.val() {
                            self.code.next = self.e_duplicate_sci.val();
                        } else {
                            // A new SC in the slot: the old one goes with its SAs and counters.
                            self.sc_go.next = true;
                            self.sc_remove.next = true;
                        }
                    } else if self.cmd_table.val() == self.t_rx_sa.val() {
                        // RX_SA, index = slot × 4 + AN; the slot must hold an SC.
                        if self.cmd_index.val() >= self.n_rx_sas.val() || !self.sc_present.val() {
                            self.code.next = self.e_index.val();
                        } else if !self.cmd_write.val() {
                            self.is_read.next = true;
                        } else if self.rx_enable_only.val() {
                            self.rx_enable.next = true;
                        } else if self.rx_update_pn.val() {
                            self.rx_update.next = true;
                        } else if !self.rx_valid.val() {
                            self.rx_remove.next = true;
                            self.rx_clear.next = true;
                        } else if self.sa_code.val() != 0 {
                            self.code.next = self.sa_code.val();
                        } else {
                            // An install: the key goes to the ingress core first.
                            self.done.next = false;
                            self.win_next.next = Win::KeyWait;
                            self.kx_rx_next.next = true;
                        }
                    } else {
                        self.code.next = self.e_table.val();
                    }
                }
            }
            Win::KeyWait => {
                if self.key_ready.val() {
                    self.kx_e_valid.next = !self.kx_rx.val();
                    self.kx_i_valid.next = self.kx_rx.val();
                    self.win_next.next = Win::KeyBusy;
                }
            }
            Win::KeyBusy => {
                if self.key_ready.val() {
                    // The core has the round keys and H: the SA takes effect now, with its
                    // key identifier.
                    self.done.next = true;
                    self.kid_we.next = true;
                    self.win_next.next = Win::Idle;
                    if self.kx_rx.val() {
                        self.rx_install.next = true;
                        self.rx_clear.next = true;
                    } else {
                        self.tx_install.next = true;
                        self.tx_clear.next = true;
                    }
                }
            }
        }
    }
}
