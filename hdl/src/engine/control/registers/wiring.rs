//! The registers' logic: the bus decode and its writes, CONTROL's reset, the window's command
//! through its checks, and the bus read-back.

use rust_hdl::prelude::*;

use super::super::super::params::SA_BITS;
use super::super::super::window::Win;
use super::Registers;

impl Logic for Registers {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, win, rd, cmd, st_busy, st_error, st_code, readable, sel, latch_hi, kx_rx,
            wipe, touched
        );

        // Decode and fields.
        self.dec.addr.next = self.addr.val();
        self.codec.wdata.next = self.wdata.val();
        self.codec.ctrl.next = self.regs.ctrl.val();
        self.codec.tx_an.next = self.regs.tx_an.val();
        self.codec.sel.next = self.sel.q.val();
        self.codec.cmd.next = self.cmd.q.val();
        self.codec.d0.next = self.d0.val();
        self.codec.d8.next = self.d8.val();
        self.codec.st_busy.next = self.st_busy.q.val();
        self.codec.st_error.next = self.st_error.q.val();
        self.codec.st_code.next = self.st_code.q.val();
        self.codec.encoding.next = self.regs.encoding.val();
        self.codec.enabled.next = self.regs.enabled.val();
        self.codec.resetting.next = self.wipe.q.val();
        self.wipe.d.next = self.wipe.q.val()
            && (self.wiping.val() || !self.kx_e_ready.val() || !self.kx_i_ready.val());
        self.codec.sc_r_valid.next = self.sc_r_valid.val();
        self.codec.sc_r_enable.next = self.sc_r_enable.val();
        self.wr.next = self.we.val() && !self.reset.val();
        // CONTROL.RESET (or the reset pin) returns everything to its reset value in one cycle.
        self.soft_reset.next = self.reset.val()
            || (self.wr.val() && self.dec.is_control.val() && self.codec.w_reset.val());

        // The SecY controls, to the datapaths and the tables.
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
        self.thr_lo.next = self.regs.thr_lo.val();
        self.thr_hi.next = self.regs.thr_hi.val();
        self.window.next = self.regs.window.val();
        if self.codec.suite.val().get_bit(1) && (self.regs.window.val() > self.xpn_window_max.val())
        {
            self.window.next = self.xpn_window_max.val();
        }
        self.irqs.clock.next = self.clock.val();
        self.irqs.reset.next = self.soft_reset.val();
        self.irqs.w_status.next = self.wr.val() && self.dec.is_irq_status.val();
        self.irqs.w_mask.next = self.wr.val() && self.dec.is_irq_mask.val();
        self.irqs.w_arm.next = self.wr.val() && self.dec.is_irq_arm.val();
        self.irqs.wdata.next = self.wdata.val();
        self.irq.next = self.irqs.irq.val();
        self.irq_msg.next = self.irqs.irq_msg.val();
        self.irqs.raise.next = self.irq_set.val();
        if self.t_take.val() && self.t_exh.val() {
            self.irqs.raise.next = self.irq_set.val() | self.codec.irq_pn_exh.val();
        } else if self.t_take.val() && self.t_thr.val() {
            self.irqs.raise.next = self.irq_set.val() | self.codec.irq_pn_thr.val();
        }

        // Transmit SA: the AN of the next frame (after an armed switchover).
        self.t_an.next = self.regs.encoding.val();
        if self.codec.armed.val() {
            self.t_an.next = self.codec.next_an.val();
        }
        self.codec.t_an.next = self.t_an.val();

        // The command's fields, and COUNTERS.SEL's, as the tables and counters take them.
        self.cmd_table.next = self.codec.cmd_table.val();
        self.cmd_index.next = self.codec.cmd_index.val();
        self.cmd_sc_of_sa.next = self.codec.cmd_sc_of_sa.val();
        self.w_key_256.next = self.codec.key_256.val();
        self.w_key_valid.next = self.codec.key_valid.val();
        self.tx_key.next = self.codec.tx_key.val();
        self.rx_key.next = self.codec.rx_key.val();
        self.sc_valid.next = self.codec.sc_valid.val();
        self.sc_enable.next = self.codec.sc_enable.val();
        self.sc_ctrl_word.next = self.codec.sc_ctrl_word.val();
        self.sel_scope.next = self.codec.sel_scope.val();
        self.sel_index.next = self.codec.sel_index.val();
        self.sel_id.next = self.codec.sel_id.val();

        // SECY.CTRL: a write with a bad offset (or an offset with XPN) is refused; a new cipher
        // suite removes every SA (even when the rest of the write is refused, as the model does).
        self.w_xpn.next = self.codec.w_suite.val().get_bit(1);
        self.ctrl_ok.next = (self.codec.w_offset.val() == 0)
            || ((self.codec.w_offset.val() == 30 || self.codec.w_offset.val() == 50)
                && !self.w_xpn.val());
        self.suite_change.next = self.wr.val()
            && self.dec.is_ctrl.val()
            && (self.codec.w_suite.val() != self.codec.suite.val());

        // The TABLES window: `wc` decides what the command in CMD does; its operations go to
        // the tables.
        self.key_ready.next = self.kx_e_ready.val();
        if self.kx_rx.q.val() {
            self.key_ready.next = self.kx_i_ready.val();
        }
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
        self.wc.key_valid.next = self.key_valid.val();
        self.wc.key_256.next = self.key_256.val();
        self.wc.tx_pn_bad.next = self.tx_pn_bad.val();
        self.wc.rx_pn_bad.next = self.rx_pn_bad.val();
        self.wc.sc_present.next = self.sc_r_valid.val();
        self.wc.sc_same.next = self.sc_same.val();
        self.wc.sc_dup.next = self.sc_dup.val();
        self.key_we.next = self.wc.key_we.val();
        self.kid_we.next = self.wc.kid_we.val();
        self.tx_enable.next = self.wc.tx_enable.val();
        self.tx_remove.next = self.wc.tx_remove.val();
        self.tx_install.next = self.wc.tx_install.val();
        self.tx_clear.next = self.wc.tx_clear.val();
        self.sc_go.next = self.wc.sc_go.val();
        self.sc_remove.next = self.wc.sc_remove.val();
        self.rx_enable.next = self.wc.rx_enable.val();
        self.rx_update.next = self.wc.rx_update.val();
        self.rx_remove.next = self.wc.rx_remove.val();
        self.rx_install.next = self.wc.rx_install.val();
        self.rx_clear.next = self.wc.rx_clear.val();
        self.kx_e_valid.next = self.wc.kx_e_valid.val();
        self.kx_i_valid.next = self.wc.kx_i_valid.val();
        self.touched.d.next = self.we.val()
            || self.wc.sc_go.val()
            || self.wc.sc_remove.val()
            || self.wc.rx_enable.val()
            || self.wc.rx_update.val()
            || self.wc.rx_remove.val()
            || self.wc.rx_install.val();
        self.touch.next = self.touched.q.val();
        self.win.d.next = self.wc.win_next.val();
        self.kx_rx.d.next = self.wc.kx_rx_next.val();
        if self.wc.done.val() {
            self.st_busy.d.next = false;
            self.st_error.d.next = self.wc.code.val() != 0;
            self.st_code.d.next = self.wc.code.val();
            self.readable.d.next = self.wc.is_read.val() && (self.wc.code.val() == 0);
        }
        // Written words never read back; a read fills them with the entry.
        self.d_done.next = self.wc.done.val();
        self.d_load.next = self.wc.is_read.val() && (self.wc.code.val() == 0);

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
        self.regs.clear_bits.next = self.wc.tx_clear.val();
        self.regs.cmd_an_bit.next = self.codec.cmd_an_bit.val();
        self.regs.pn_exh.next = self.t_take.val() && self.t_exh.val();
        self.regs.pn_thr.next = self.t_take.val() && self.t_thr.val();
        self.regs.t_an_bit.next = self.codec.t_an_bit.val();

        // Bus writes.
        self.d_we.next = self.wr.val() && self.dec.is_data.val();
        self.d_idx.next = self.dec.data_idx.val();
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

        // Bus reads: the data is there the cycle after. The SecY's registers read themselves
        // back (`regs.rdata`, 0 at any other address).
        self.data_rd.next = 0.into();
        if self.readable.q.val() {
            self.data_rd.next = self.d_rdata.val();
        }
        if self.re.val() {
            self.rd.d.next = self.regs.rdata.val();
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
            if self.dec.is_tx_an.val() {
                self.rd.d.next = self.codec.tx_an_word.val();
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
                self.latch_hi.d.next = self.cnt_hi.val();
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
        // value, as its register takes it above; computed apart, since an output read back here
        // would not make this block settle again).
        self.sel_next.next = self.sel.q.val();
        if self.wr.val() && self.dec.is_sel.val() {
            self.sel_next.next = self.wdata.val();
        }
        if self.soft_reset.val() {
            self.sel_next.next = 0.into();
        }
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
    }
}
