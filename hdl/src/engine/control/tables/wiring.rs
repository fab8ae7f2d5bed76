//! The tables' wiring: the window's command applied to its table, the entry read back into the
//! DATA words, and the lookups passed through.

use rust_hdl::prelude::*;

use super::super::super::params::{SA_BITS, SC_BITS};
use super::Tables;
use crate::aes_pipeline::KEY_BITS;

impl Logic for Tables {
    #[hdl_gen]
    fn update(&mut self) {
        self.keys.clock.next = self.clock.val();
        self.bank.clock.next = self.clock.val();
        self.kid.clock.next = self.clock.val();
        self.txsa.clock.next = self.clock.val();
        self.rxsc.clock.next = self.clock.val();
        self.rxsa.clock.next = self.clock.val();
        self.keys.clear.next = self.clear.val();
        self.bank.reset.next = self.clear.val();
        self.rxsc.clear.next = self.clear.val();
        self.kid.reset.next = self.clear.val();
        self.txsa.clear.next = self.clear.val() || self.suite_change.val();
        self.rxsa.clear.next = self.clear.val() || self.suite_change.val();

        // Transmit SA: the AN of the next frame, its PN and IV.
        self.txsa.suite_xpn.next = self.suite_xpn.val();
        self.txsa.thr_lo.next = self.thr_lo.val();
        self.txsa.thr_hi.next = self.thr_hi.val();
        self.txsa.sci_lo.next = self.sci_lo.val();
        self.txsa.sci_hi.next = self.sci_hi.val();
        self.txsa.t_an.next = self.t_an.val();
        self.txsa.t_take.next = self.t_take.val();
        self.t_usable.next = self.txsa.t_usable.val();
        self.t_conf.next = self.txsa.t_conf.val();
        self.t_pn_lo.next = self.txsa.t_pn_lo.val();
        self.t_pn_hi.next = self.txsa.t_pn_hi.val();
        self.t_iv0.next = self.txsa.t_iv0.val();
        self.t_iv1.next = self.txsa.t_iv1.val();
        self.t_iv2.next = self.txsa.t_iv2.val();
        self.t_exh.next = self.txsa.t_exh.val();
        self.t_thr.next = self.txsa.t_thr.val();
        self.n_enabled.next = self.rxsc.n_enabled.val();

        // Receive lookups: the SA is looked up in the SC the CAM found.
        self.rxsc.l_sci_lo.next = self.l_sci_lo.val();
        self.rxsc.l_sci_hi.next = self.l_sci_hi.val();
        self.l_hit.next = self.rxsc.l_hit.val();
        self.l_slot.next = self.rxsc.l_slot.val();
        self.n_valid.next = self.rxsc.n_valid.val();
        self.only_sci_lo.next = self.rxsc.only_sci_lo.val();
        self.only_sci_hi.next = self.rxsc.only_sci_hi.val();
        self.rxsa.suite_xpn.next = self.suite_xpn.val();
        self.rxsa.window.next = self.window.val();
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

        // The DATA words: bus writes and reads.
        self.bank.we.next = self.d_we.val();
        self.bank.widx.next = self.d_idx.val();
        self.bank.wdata.next = self.wdata.val();
        self.bank.ridx.next = self.d_idx.val();
        self.d_rdata.next = self.bank.rdata.val();
        self.d0.next = self.bank.q0.val();
        self.d8.next = self.bank.q8.val();

        // The key identifier of the SA the command names: TX_SA words 7..10 at entry RX_SAS + AN,
        // RX_SA words 9..12 at entry slot × 4 + AN. Written at the command's entry; read (at
        // the edge) at the entry of the command CMD holds after the edge (below).
        self.kid.waddr.next = (bit_cast::<KEY_BITS, 16>(self.cmd_index.val()) & self.an_mask.val())
            | self.kid_tx_base.val();
        self.kid.w0.next = self.bank.q7.val();
        self.kid.w1.next = self.bank.q8.val();
        self.kid.w2.next = self.bank.q9.val();
        self.kid.w3.next = self.bank.q10.val();
        if self.cmd_table.val() == self.t_rx_sa.val() {
            self.kid.waddr.next =
                bit_cast::<KEY_BITS, 16>(self.cmd_index.val()) & self.rx_sa_mask.val();
            self.kid.w0.next = self.bank.q9.val();
            self.kid.w1.next = self.bank.q10.val();
            self.kid.w2.next = self.bank.q11.val();
            self.kid.w3.next = self.bank.q12.val();
        }
        self.kid.we.next = self.kid_we.val();
        self.kid.re.next = true;
        self.kid.raddr.next = (bit_cast::<KEY_BITS, SA_BITS>(self.index_next.val())
            & self.an_mask.val())
            | self.kid_tx_base.val();
        if self.table_next.val() == self.t_rx_sa.val() {
            self.kid.raddr.next =
                bit_cast::<KEY_BITS, SA_BITS>(self.index_next.val()) & self.rx_sa_mask.val();
        }

        // Table ports from the window: command fields and the data words.
        self.keys.waddr.next = bit_cast::<KEY_BITS, 16>(self.cmd_index.val());
        self.keys.w0.next = self.bank.q0.val();
        self.keys.w1.next = self.bank.q1.val();
        self.keys.w2.next = self.bank.q2.val();
        self.keys.w3.next = self.bank.q3.val();
        self.keys.w4.next = self.bank.q4.val();
        self.keys.w5.next = self.bank.q5.val();
        self.keys.w6.next = self.bank.q6.val();
        self.keys.w7.next = self.bank.q7.val();
        self.keys.w_256.next = self.w_key_256.val();
        self.keys.w_valid.next = self.w_key_valid.val();
        self.keys.we.next = self.key_we.val();
        self.key_idx.next = self.tx_key.val();
        if self.cmd_table.val() == self.t_rx_sa.val() {
            self.key_idx.next = self.rx_key.val();
        }
        self.keys.raddr.next = bit_cast::<KEY_BITS, 16>(self.key_idx.val());
        self.key_valid.next = self.keys.r_valid.val();
        self.wiping.next = self.keys.wiping.val();
        self.kx_slot.next = bit_cast::<KEY_BITS, 16>(self.cmd_index.val());
        self.kx_256.next = self.keys.r_256.val();
        self.kx0.next = self.keys.r0.val();
        self.kx1.next = self.keys.r1.val();
        self.kx2.next = self.keys.r2.val();
        self.kx3.next = self.keys.r3.val();
        self.kx4.next = self.keys.r4.val();
        self.kx5.next = self.keys.r5.val();
        self.kx6.next = self.keys.r6.val();
        self.kx7.next = self.keys.r7.val();
        self.txsa.c_an.next = bit_cast::<2, 16>(self.cmd_index.val());
        self.txsa.r_an.next = bit_cast::<2, 16>(self.cmd_index.val());
        self.txsa.c_d0.next = self.bank.q0.val();
        self.txsa.c_d1.next = self.bank.q1.val();
        self.txsa.c_d2.next = self.bank.q2.val();
        self.txsa.c_d3.next = self.bank.q3.val();
        self.txsa.c_d4.next = self.bank.q4.val();
        self.txsa.c_d5.next = self.bank.q5.val();
        self.txsa.c_d6.next = self.bank.q6.val();
        self.txsa.c_enable_only.next = self.tx_enable.val();
        self.txsa.c_remove.next = self.tx_remove.val();
        self.txsa.c_install.next = self.tx_install.val();
        self.tx_pn_bad.next = self.txsa.c_pn_bad.val();
        self.rxsc.c_slot.next = bit_cast::<SC_BITS, 16>(self.cmd_index.val());
        self.rxsc.c_valid.next = self.sc_valid.val();
        self.rxsc.c_enable.next = self.sc_enable.val();
        self.rxsc.c_sci_lo.next = self.bank.q1.val();
        self.rxsc.c_sci_hi.next = self.bank.q2.val();
        self.rxsc.c_go.next = self.sc_go.val();
        // RX_SC reads its slot; RX_SA asks whether its SC slot holds an SC.
        self.rxsc.r_slot.next = bit_cast::<SC_BITS, 16>(self.cmd_index.val());
        if self.cmd_table.val() == self.t_rx_sa.val() {
            self.rxsc.r_slot.next = self.cmd_sc_of_sa.val();
        }
        self.sc_r_valid.next = self.rxsc.r_valid.val();
        self.sc_r_enable.next = self.rxsc.r_enable.val();
        self.sc_same.next = self.rxsc.c_same.val();
        self.sc_dup.next = self.rxsc.c_dup.val();
        self.rxsa.c_index.next = bit_cast::<SA_BITS, 16>(self.cmd_index.val());
        self.rxsa.c_sc.next = bit_cast::<SC_BITS, 16>(self.cmd_index.val());
        self.rxsa.c_d0.next = self.bank.q0.val();
        self.rxsa.c_d1.next = self.bank.q1.val();
        self.rxsa.c_d2.next = self.bank.q2.val();
        self.rxsa.c_d3.next = self.bank.q3.val();
        self.rxsa.c_d4.next = self.bank.q4.val();
        self.rxsa.c_d5.next = self.bank.q5.val();
        self.rxsa.c_d6.next = self.bank.q6.val();
        self.rxsa.c_d7.next = self.bank.q7.val();
        self.rxsa.c_d8.next = self.bank.q8.val();
        self.rxsa.c_remove_sc.next = self.sc_remove.val();
        self.rxsa.c_enable_only.next = self.rx_enable.val();
        self.rxsa.c_update_pn.next = self.rx_update.val();
        self.rxsa.c_remove.next = self.rx_remove.val();
        self.rxsa.c_install.next = self.rx_install.val();
        self.rxsa.r_next.next = self.index_next.val();
        self.rx_pn_bad.next = self.rxsa.c_pn_bad.val();

        // A finished command clears the words, or loads the entry a read names.
        self.bank.done.next = self.d_done.val();
        self.bank.load.next = self.d_load.val();
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
        if self.cmd_table.val() == self.t_tx_sa.val() {
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
        } else if self.cmd_table.val() == self.t_rx_sc.val() {
            self.bank.l0.next = self.sc_ctrl_word.val();
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
    }
}
