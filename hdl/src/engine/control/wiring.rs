//! The control plane's wiring: the bus and the datapaths' ports to the registers, the tables
//! and the counter banks, and the window's command from the registers to the tables.

use rust_hdl::prelude::*;

use super::super::params::{SA_BITS, SC_BITS};
use super::Control;

impl Logic for Control {
    #[hdl_gen]
    fn update(&mut self) {
        self.csr.clock.next = self.clock.val();
        self.tbl.clock.next = self.clock.val();
        self.txc.clock.next = self.clock.val();
        self.rxc.clock.next = self.clock.val();

        // The bus, the interrupts and the SecY's controls.
        self.csr.reset.next = self.reset.val();
        self.csr.addr.next = self.addr.val();
        self.csr.wdata.next = self.wdata.val();
        self.csr.we.next = self.we.val();
        self.csr.re.next = self.re.val();
        self.rdata.next = self.csr.rdata.val();
        self.csr.irq_set.next = self.irq_set.val();
        self.irq.next = self.csr.irq.val();
        self.irq_msg.next = self.csr.irq_msg.val();
        self.enabled.next = self.csr.enabled.val();
        self.protect.next = self.csr.protect.val();
        self.always_sci.next = self.csr.always_sci.val();
        self.use_es.next = self.csr.use_es.val();
        self.use_scb.next = self.csr.use_scb.val();
        self.replay.next = self.csr.replay.val();
        self.validate.next = self.csr.validate.val();
        self.suite.next = self.csr.suite.val();
        self.offset.next = self.csr.offset.val();
        self.max_len.next = self.csr.max_len.val();
        self.sci_lo.next = self.csr.sci_lo.val();
        self.sci_hi.next = self.csr.sci_hi.val();
        self.touch.next = self.csr.touch.val();
        self.kx_e_valid.next = self.csr.kx_e_valid.val();
        self.kx_i_valid.next = self.csr.kx_i_valid.val();
        self.csr.kx_e_ready.next = self.kx_e_ready.val();
        self.csr.kx_i_ready.next = self.kx_i_ready.val();

        // The tables: the SecY's settings and the transmit SA of the next frame.
        self.tbl.clear.next = self.csr.soft_reset.val();
        self.tbl.suite_change.next = self.csr.suite_change.val();
        self.tbl.suite_xpn.next = self.csr.suite.val().get_bit(1);
        self.tbl.window.next = self.csr.window.val();
        self.tbl.thr_lo.next = self.csr.thr_lo.val();
        self.tbl.thr_hi.next = self.csr.thr_hi.val();
        self.tbl.sci_lo.next = self.csr.sci_lo.val();
        self.tbl.sci_hi.next = self.csr.sci_hi.val();
        self.csr.tx_frame.next = self.tx_frame.val();
        self.csr.t_take.next = self.t_take.val();
        self.csr.t_exh.next = self.tbl.t_exh.val();
        self.csr.t_thr.next = self.tbl.t_thr.val();
        self.t_an.next = self.csr.t_an.val();
        self.tbl.t_an.next = self.csr.t_an.val();
        self.tbl.t_take.next = self.t_take.val();
        self.t_usable.next = self.tbl.t_usable.val();
        self.t_conf.next = self.tbl.t_conf.val();
        self.t_pn_lo.next = self.tbl.t_pn_lo.val();
        self.t_pn_hi.next = self.tbl.t_pn_hi.val();
        self.t_iv0.next = self.tbl.t_iv0.val();
        self.t_iv1.next = self.tbl.t_iv1.val();
        self.t_iv2.next = self.tbl.t_iv2.val();
        self.n_enabled.next = self.tbl.n_enabled.val();

        // Receive lookups.
        self.tbl.l_sci_lo.next = self.l_sci_lo.val();
        self.tbl.l_sci_hi.next = self.l_sci_hi.val();
        self.l_hit.next = self.tbl.l_hit.val();
        self.l_slot.next = self.tbl.l_slot.val();
        self.n_valid.next = self.tbl.n_valid.val();
        self.only_sci_lo.next = self.tbl.only_sci_lo.val();
        self.only_sci_hi.next = self.tbl.only_sci_hi.val();
        self.tbl.l_an.next = self.l_an.val();
        self.l_key.next = self.tbl.l_key.val();
        self.tbl.l_pn32.next = self.l_pn32.val();
        self.tbl.l_take.next = self.l_take.val();
        self.tbl.l_start.next = self.l_start.val();
        self.l_valid.next = self.tbl.l_valid.val();
        self.l_enable.next = self.tbl.l_enable.val();
        self.l_pn_lo.next = self.tbl.l_pn_lo.val();
        self.l_pn_hi.next = self.tbl.l_pn_hi.val();
        self.l_hazard.next = self.tbl.l_hazard.val();
        self.l_iv0.next = self.tbl.l_iv0.val();
        self.l_iv1.next = self.tbl.l_iv1.val();
        self.l_iv2.next = self.tbl.l_iv2.val();
        self.tbl.e_slot.next = self.e_slot.val();
        self.tbl.e_an.next = self.e_an.val();
        self.tbl.e_pn_lo.next = self.e_pn_lo.val();
        self.tbl.e_pn_hi.next = self.e_pn_hi.val();
        self.tbl.e_commit.next = self.e_commit.val();
        self.tbl.e_valid.next = self.e_valid.val();
        self.e_below.next = self.tbl.e_below.val();
        self.e_ready.next = self.tbl.e_ready.val();

        // The window's command, from the registers to the tables, and what they answer.
        self.tbl.cmd_table.next = self.csr.cmd_table.val();
        self.tbl.cmd_index.next = self.csr.cmd_index.val();
        self.tbl.cmd_sc_of_sa.next = self.csr.cmd_sc_of_sa.val();
        self.tbl.w_key_256.next = self.csr.w_key_256.val();
        self.tbl.w_key_valid.next = self.csr.w_key_valid.val();
        self.tbl.tx_key.next = self.csr.tx_key.val();
        self.tbl.rx_key.next = self.csr.rx_key.val();
        self.tbl.sc_valid.next = self.csr.sc_valid.val();
        self.tbl.sc_enable.next = self.csr.sc_enable.val();
        self.tbl.sc_ctrl_word.next = self.csr.sc_ctrl_word.val();
        self.tbl.index_next.next = self.csr.index_next.val();
        self.tbl.table_next.next = self.csr.table_next.val();
        self.tbl.key_we.next = self.csr.key_we.val();
        self.tbl.kid_we.next = self.csr.kid_we.val();
        self.tbl.tx_enable.next = self.csr.tx_enable.val();
        self.tbl.tx_remove.next = self.csr.tx_remove.val();
        self.tbl.tx_install.next = self.csr.tx_install.val();
        self.tbl.sc_go.next = self.csr.sc_go.val();
        self.tbl.sc_remove.next = self.csr.sc_remove.val();
        self.tbl.rx_enable.next = self.csr.rx_enable.val();
        self.tbl.rx_update.next = self.csr.rx_update.val();
        self.tbl.rx_remove.next = self.csr.rx_remove.val();
        self.tbl.rx_install.next = self.csr.rx_install.val();
        self.tbl.d_we.next = self.csr.d_we.val();
        self.tbl.d_idx.next = self.csr.d_idx.val();
        self.tbl.wdata.next = self.wdata.val();
        self.tbl.d_done.next = self.csr.d_done.val();
        self.tbl.d_load.next = self.csr.d_load.val();
        self.csr.d_rdata.next = self.tbl.d_rdata.val();
        self.csr.d0.next = self.tbl.d0.val();
        self.csr.d8.next = self.tbl.d8.val();
        self.csr.key_valid.next = self.tbl.key_valid.val();
        self.csr.key_256.next = self.tbl.kx_256.val();
        self.csr.wiping.next = self.tbl.wiping.val();
        self.csr.tx_pn_bad.next = self.tbl.tx_pn_bad.val();
        self.csr.rx_pn_bad.next = self.tbl.rx_pn_bad.val();
        self.csr.sc_r_valid.next = self.tbl.sc_r_valid.val();
        self.csr.sc_r_enable.next = self.tbl.sc_r_enable.val();
        self.csr.sc_same.next = self.tbl.sc_same.val();
        self.csr.sc_dup.next = self.tbl.sc_dup.val();

        // The key being installed, to both cores.
        self.kx_slot.next = self.tbl.kx_slot.val();
        self.kx_256.next = self.tbl.kx_256.val();
        self.kx0.next = self.tbl.kx0.val();
        self.kx1.next = self.tbl.kx1.val();
        self.kx2.next = self.tbl.kx2.val();
        self.kx3.next = self.tbl.kx3.val();
        self.kx4.next = self.tbl.kx4.val();
        self.kx5.next = self.tbl.kx5.val();
        self.kx6.next = self.tbl.kx6.val();
        self.kx7.next = self.tbl.kx7.val();

        // Counter events, clears and reads.
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
        self.txc.clear.next = self.csr.soft_reset.val();
        self.rxc.clear.next = self.csr.soft_reset.val();
        self.txc.clr_an.next = bit_cast::<2, 16>(self.csr.cmd_index.val());
        self.txc.clr_all_sa.next = self.csr.suite_change.val();
        self.txc.clr_sa.next = self.csr.tx_clear.val();
        self.rxc.clr_index.next = bit_cast::<SA_BITS, 16>(self.csr.cmd_index.val());
        self.rxc.clr_slot.next = bit_cast::<SC_BITS, 16>(self.csr.cmd_index.val());
        self.rxc.clr_all_sa.next = self.csr.suite_change.val();
        self.rxc.clr_sc.next = self.csr.sc_remove.val();
        self.rxc.clr_sa.next = self.csr.rx_clear.val();
        self.txc.r_scope.next = self.csr.sel_scope.val();
        self.txc.r_index.next = self.csr.sel_index.val();
        self.txc.r_id.next = self.csr.sel_id.val();
        self.rxc.r_scope.next = self.csr.sel_scope.val();
        self.rxc.r_id.next = self.csr.sel_id.val();
        self.rxc.sel_next.next = self.csr.sel_next.val();
        self.csr.cnt_lo.next = self.txc.r_lo.val() | self.rxc.r_lo.val();
        self.csr.cnt_hi.next = self.txc.r_hi.val() | self.rxc.r_hi.val();
    }
}
