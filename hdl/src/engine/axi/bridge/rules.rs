//! The AXI rules the master checks on the slave's outputs every cycle (listed in the parent's
//! documentation); what breaks one is kept for [`EngineModel::protocol_errors`].
//!
//! [`EngineModel::protocol_errors`]: crate::engine::pins::EngineModel::protocol_errors

use super::{AxiBridge, Op};
use crate::engine::axi::pins::{AxiIn, AxiModel, AxiOut, AxisOut};
use crate::engine::axi::{from_tuser, DROP_BIT};

/// Errors kept word for word (the rest are counted).
const KEEP: usize = 16;

impl<M: AxiModel> AxiBridge<M> {
    pub(super) fn error(&mut self, what: String) {
        if self.errors.len() < KEEP {
            self.errors.push(format!("cycle {}: {what}", self.cycle));
        } else {
            self.more_errors += 1;
        }
    }

    fn check_held(&mut self, what: &str, before: &AxisOut, ready: bool, now: &AxisOut) {
        if before.tvalid && !ready && (!now.tvalid || before != now) {
            self.error(format!("{what}: TVALID or the beat changed before TREADY"));
        }
    }

    fn check_beat(&mut self, what: &str, o: &AxisOut) {
        if !o.tvalid {
            return;
        }
        let k = o.tkeep;
        if !o.tlast && k != 0xFFFF {
            self.error(format!(
                "{what}: TKEEP {k:04x} on a beat that is not the last"
            ));
        }
        if o.tlast && (k == 0 || k & k.wrapping_add(1) != 0) {
            self.error(format!(
                "{what}: TKEEP {k:04x} on the last beat is not contiguous from byte 0"
            ));
        }
        let (status, _, drop) = from_tuser(o.tuser);
        if o.tlast && drop != ((status >> DROP_BIT) & 1 != 0) {
            self.error(format!(
                "{what}: TUSER's drop mark is not the status word's drop bit ({status:08x})"
            ));
        }
    }

    /// The AXI rules on the slave's outputs this cycle, given the last cycle's pins.
    pub(super) fn check(&mut self, i: &AxiIn, o: &AxiOut) {
        if let Some((pi, po)) = self.prev {
            if !self.resetting() {
                self.check_held("m_axis_tx", &po.tx_out, pi.tx_out_ready, &o.tx_out);
                self.check_held("m_axis_rx", &po.rx_out, pi.rx_out_ready, &o.rx_out);
            }
            if po.bvalid && !pi.bready && (!o.bvalid || o.bresp != po.bresp) {
                self.error("s_axil: BVALID or BRESP changed before BREADY".into());
            }
            if po.rvalid && !pi.rready && (!o.rvalid || o.rdata != po.rdata || o.rresp != po.rresp)
            {
                self.error("s_axil: RVALID, RDATA or RRESP changed before RREADY".into());
            }
        }
        self.check_beat("m_axis_tx", &o.tx_out);
        self.check_beat("m_axis_rx", &o.rx_out);
        let writing = matches!(
            self.op,
            Some(Op::Write {
                aw: None,
                w: None,
                ..
            })
        );
        let reading = matches!(self.op, Some(Op::Read { ar: None, .. }));
        if o.bvalid && !writing {
            self.error("s_axil: BVALID without a write whose AW and W were both taken".into());
        }
        if o.rvalid && !reading {
            self.error("s_axil: RVALID without a read whose AR was taken".into());
        }
        if o.bvalid && i.bready && o.bresp != 0 {
            self.error(format!("s_axil: BRESP {} for a whole-word write", o.bresp));
        }
        if o.rvalid && i.rready && o.rresp != 0 {
            self.error(format!("s_axil: RRESP {}", o.rresp));
        }
    }
}
