//! Beats and pins between the native seam and the AXI top: a native input beat as an AXI4-Stream
//! beat, and the AXI top's outputs as the native engine's (the start of frame regenerated from
//! `tlast`).

use super::AxiBridge;
use crate::engine::axi::from_tuser;
use crate::engine::axi::lanes::{lanes_of, mask_of, tdata_of};
use crate::engine::axi::pins::{AxiModel, AxiOut, AxisIn, AxisOut};
use crate::engine::pins::{EngineOut, InBeat, OutBeat};

impl<M: AxiModel> AxiBridge<M> {
    pub(super) fn out_beat(first: bool, o: &AxisOut) -> OutBeat {
        let (status, pn, _) = from_tuser(o.tuser);
        OutBeat {
            valid: o.tvalid,
            sop: first,
            eop: o.tlast,
            mask: mask_of(o.tkeep),
            d: lanes_of(o.tdata),
            status,
            pn,
        }
    }

    pub(super) fn native(&self, o: &AxiOut) -> EngineOut {
        EngineOut {
            rdata: self.rdata,
            irq: o.irq,
            irq_msg: o.irq_msg,
            e_in_ready: o.tx_in_ready,
            e_out: Self::out_beat(self.tx_first, &o.tx_out),
            i_in_room: o.rx_room,
            i_out: Self::out_beat(self.rx_first, &o.rx_out),
            i_overrun: o.rx_overrun,
        }
    }
}

pub(super) fn axis_in(b: &InBeat) -> AxisIn {
    AxisIn {
        tdata: tdata_of(b.d),
        tkeep: mask_of(b.mask),
        tlast: b.eop,
        tvalid: b.valid,
    }
}
