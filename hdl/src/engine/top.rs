//! The MACsec engine: the control plane (CSR bus, tables, counters) and the egress and ingress
//! pipelines, each with its own AES-GCM core, one 16-octet beat per cycle in each direction.
//! Top module `macsec_engine` in the exported Verilog.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::control::Control;
use super::egress::Egress;
use super::ingress::Ingress;
use super::reset_decode::ResetDecode;

#[derive(SettleBlock, Debug)]
pub struct MacsecEngine {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub addr: Signal<In, Bits<12>>,
    pub wdata: Signal<In, Bits<32>>,
    pub we: Signal<In, Bit>,
    pub re: Signal<In, Bit>,
    pub rdata: Signal<Out, Bits<32>>,
    pub irq_set: Signal<In, Bits<32>>,
    pub irq: Signal<Out, Bit>,
    /// One cycle per MSI-X message (CARD.IRQ_ARM).
    pub irq_msg: Signal<Out, Bit>,
    /// Egress: host frames in, protected frames out (status on the last beat).
    pub e_in_valid: Signal<In, Bit>,
    pub e_in_ready: Signal<Out, Bit>,
    pub e_in_sop: Signal<In, Bit>,
    pub e_in_eop: Signal<In, Bit>,
    pub e_in_mask: Signal<In, Bits<16>>,
    pub e_in_d0: Signal<In, Bits<32>>,
    pub e_in_d1: Signal<In, Bits<32>>,
    pub e_in_d2: Signal<In, Bits<32>>,
    pub e_in_d3: Signal<In, Bits<32>>,
    pub e_out_valid: Signal<Out, Bit>,
    pub e_out_ready: Signal<In, Bit>,
    pub e_out_sop: Signal<Out, Bit>,
    pub e_out_eop: Signal<Out, Bit>,
    pub e_out_mask: Signal<Out, Bits<16>>,
    pub e_out_d0: Signal<Out, Bits<32>>,
    pub e_out_d1: Signal<Out, Bits<32>>,
    pub e_out_d2: Signal<Out, Bits<32>>,
    pub e_out_d3: Signal<Out, Bits<32>>,
    pub e_out_status: Signal<Out, Bits<32>>,
    pub e_out_pn_lo: Signal<Out, Bits<32>>,
    pub e_out_pn_hi: Signal<Out, Bits<32>>,
    /// Ingress: frames from the wire in, validated frames out (status on the last beat).
    pub i_in_valid: Signal<In, Bit>,
    /// Advisory, never a handshake: the ingress takes every beat; this says a frame starting
    /// now would be taken (a source that can wait may hold its frames while it is low).
    pub i_in_room: Signal<Out, Bit>,
    /// Pulses for a frame the ingress dropped at its first beat (counted InPktsOverrun).
    pub i_overrun: Signal<Out, Bit>,
    pub i_in_sop: Signal<In, Bit>,
    pub i_in_eop: Signal<In, Bit>,
    pub i_in_mask: Signal<In, Bits<16>>,
    pub i_in_d0: Signal<In, Bits<32>>,
    pub i_in_d1: Signal<In, Bits<32>>,
    pub i_in_d2: Signal<In, Bits<32>>,
    pub i_in_d3: Signal<In, Bits<32>>,
    pub i_out_valid: Signal<Out, Bit>,
    pub i_out_ready: Signal<In, Bit>,
    pub i_out_sop: Signal<Out, Bit>,
    pub i_out_eop: Signal<Out, Bit>,
    pub i_out_mask: Signal<Out, Bits<16>>,
    pub i_out_d0: Signal<Out, Bits<32>>,
    pub i_out_d1: Signal<Out, Bits<32>>,
    pub i_out_d2: Signal<Out, Bits<32>>,
    pub i_out_d3: Signal<Out, Bits<32>>,
    pub i_out_status: Signal<Out, Bits<32>>,
    pub i_out_pn_lo: Signal<Out, Bits<32>>,
    pub i_out_pn_hi: Signal<Out, Bits<32>>,
    ctl: Control,
    rst: ResetDecode,
    eg: Egress,
    ing: Ingress,
}

impl Default for MacsecEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl MacsecEngine {
    pub fn new() -> MacsecEngine {
        MacsecEngine {
            _settle: Default::default(),
            clock: Default::default(),
            reset: Default::default(),
            addr: Default::default(),
            wdata: Default::default(),
            we: Default::default(),
            re: Default::default(),
            rdata: Default::default(),
            irq_set: Default::default(),
            irq: Default::default(),
            irq_msg: Default::default(),
            e_in_valid: Default::default(),
            e_in_ready: Default::default(),
            e_in_sop: Default::default(),
            e_in_eop: Default::default(),
            e_in_mask: Default::default(),
            e_in_d0: Default::default(),
            e_in_d1: Default::default(),
            e_in_d2: Default::default(),
            e_in_d3: Default::default(),
            e_out_valid: Default::default(),
            e_out_ready: Default::default(),
            e_out_sop: Default::default(),
            e_out_eop: Default::default(),
            e_out_mask: Default::default(),
            e_out_d0: Default::default(),
            e_out_d1: Default::default(),
            e_out_d2: Default::default(),
            e_out_d3: Default::default(),
            e_out_status: Default::default(),
            e_out_pn_lo: Default::default(),
            e_out_pn_hi: Default::default(),
            i_in_valid: Default::default(),
            i_in_room: Default::default(),
            i_overrun: Default::default(),
            i_in_sop: Default::default(),
            i_in_eop: Default::default(),
            i_in_mask: Default::default(),
            i_in_d0: Default::default(),
            i_in_d1: Default::default(),
            i_in_d2: Default::default(),
            i_in_d3: Default::default(),
            i_out_valid: Default::default(),
            i_out_ready: Default::default(),
            i_out_sop: Default::default(),
            i_out_eop: Default::default(),
            i_out_mask: Default::default(),
            i_out_d0: Default::default(),
            i_out_d1: Default::default(),
            i_out_d2: Default::default(),
            i_out_d3: Default::default(),
            i_out_status: Default::default(),
            i_out_pn_lo: Default::default(),
            i_out_pn_hi: Default::default(),
            ctl: Control::new(),
            rst: Default::default(),
            eg: Egress::new(),
            ing: Ingress::new(),
        }
    }
}

impl Logic for MacsecEngine {
    #[hdl_gen]
    fn update(&mut self) {
        self.ctl.clock.next = self.clock.val();
        self.ctl.reset.next = self.reset.val();
        self.eg.clock.next = self.clock.val();
        self.rst.reset.next = self.reset.val();
        self.rst.we.next = self.we.val();
        self.rst.addr.next = self.addr.val();
        self.rst.wdata.next = self.wdata.val();
        self.eg.reset.next = self.rst.datapath_reset.val();
        self.ctl.addr.next = self.addr.val();
        self.ctl.wdata.next = self.wdata.val();
        self.ctl.we.next = self.we.val();
        self.ctl.re.next = self.re.val();
        self.rdata.next = self.ctl.rdata.val();
        self.ctl.irq_set.next = self.irq_set.val();
        self.irq.next = self.ctl.irq.val();
        self.irq_msg.next = self.ctl.irq_msg.val();
        self.eg.in_valid.next = self.e_in_valid.val();
        self.e_in_ready.next = self.eg.in_ready.val();
        self.eg.in_sop.next = self.e_in_sop.val();
        self.eg.in_eop.next = self.e_in_eop.val();
        self.eg.in_mask.next = self.e_in_mask.val();
        self.eg.in_d0.next = self.e_in_d0.val();
        self.eg.in_d1.next = self.e_in_d1.val();
        self.eg.in_d2.next = self.e_in_d2.val();
        self.eg.in_d3.next = self.e_in_d3.val();
        self.e_out_valid.next = self.eg.out_valid.val();
        self.eg.out_ready.next = self.e_out_ready.val();
        self.e_out_sop.next = self.eg.out_sop.val();
        self.e_out_eop.next = self.eg.out_eop.val();
        self.e_out_mask.next = self.eg.out_mask.val();
        self.e_out_d0.next = self.eg.out_d0.val();
        self.e_out_d1.next = self.eg.out_d1.val();
        self.e_out_d2.next = self.eg.out_d2.val();
        self.e_out_d3.next = self.eg.out_d3.val();
        self.e_out_status.next = self.eg.out_status.val();
        self.e_out_pn_lo.next = self.eg.out_pn_lo.val();
        self.e_out_pn_hi.next = self.eg.out_pn_hi.val();
        self.eg.enabled.next = self.ctl.enabled.val();
        self.eg.protect.next = self.ctl.protect.val();
        self.eg.always_sci.next = self.ctl.always_sci.val();
        self.eg.use_es.next = self.ctl.use_es.val();
        self.eg.use_scb.next = self.ctl.use_scb.val();
        self.eg.offset.next = self.ctl.offset.val();
        self.eg.max_len.next = self.ctl.max_len.val();
        self.eg.sci_lo.next = self.ctl.sci_lo.val();
        self.eg.sci_hi.next = self.ctl.sci_hi.val();
        self.eg.n_enabled.next = self.ctl.n_enabled.val();
        self.eg.t_an.next = self.ctl.t_an.val();
        self.eg.t_usable.next = self.ctl.t_usable.val();
        self.eg.t_conf.next = self.ctl.t_conf.val();
        self.eg.t_pn_lo.next = self.ctl.t_pn_lo.val();
        self.eg.t_pn_hi.next = self.ctl.t_pn_hi.val();
        self.eg.t_iv0.next = self.ctl.t_iv0.val();
        self.eg.t_iv1.next = self.ctl.t_iv1.val();
        self.eg.t_iv2.next = self.ctl.t_iv2.val();
        self.ctl.tx_frame.next = self.eg.tx_frame.val();
        self.ctl.t_take.next = self.eg.t_take.val();
        self.ctl.tx_ev.next = self.eg.tx_ev.val();
        self.ctl.tx_ev_counter.next = self.eg.tx_ev_counter.val();
        self.ctl.tx_ev_an.next = self.eg.tx_ev_an.val();
        self.ctl.tx_ev_octets.next = self.eg.tx_ev_octets.val();
        self.eg.key_valid.next = self.ctl.kx_e_valid.val();
        self.ctl.kx_e_ready.next = self.eg.key_ready.val();
        self.eg.key_id.next = self.ctl.kx_slot.val();
        self.eg.key_256.next = self.ctl.kx_256.val();
        self.eg.key0.next = self.ctl.kx0.val();
        self.eg.key1.next = self.ctl.kx1.val();
        self.eg.key2.next = self.ctl.kx2.val();
        self.eg.key3.next = self.ctl.kx3.val();
        self.eg.key4.next = self.ctl.kx4.val();
        self.eg.key5.next = self.ctl.kx5.val();
        self.eg.key6.next = self.ctl.kx6.val();
        self.eg.key7.next = self.ctl.kx7.val();
        self.ing.clock.next = self.clock.val();
        self.ing.reset.next = self.rst.datapath_reset.val();
        self.ing.in_valid.next = self.i_in_valid.val();
        self.i_in_room.next = self.ing.in_room.val();
        self.i_overrun.next = self.ing.overrun.val();
        self.ing.in_sop.next = self.i_in_sop.val();
        self.ing.in_eop.next = self.i_in_eop.val();
        self.ing.in_mask.next = self.i_in_mask.val();
        self.ing.in_d0.next = self.i_in_d0.val();
        self.ing.in_d1.next = self.i_in_d1.val();
        self.ing.in_d2.next = self.i_in_d2.val();
        self.ing.in_d3.next = self.i_in_d3.val();
        self.i_out_valid.next = self.ing.out_valid.val();
        self.ing.out_ready.next = self.i_out_ready.val();
        self.i_out_sop.next = self.ing.out_sop.val();
        self.i_out_eop.next = self.ing.out_eop.val();
        self.i_out_mask.next = self.ing.out_mask.val();
        self.i_out_d0.next = self.ing.out_d0.val();
        self.i_out_d1.next = self.ing.out_d1.val();
        self.i_out_d2.next = self.ing.out_d2.val();
        self.i_out_d3.next = self.ing.out_d3.val();
        self.i_out_status.next = self.ing.out_status.val();
        self.i_out_pn_lo.next = self.ing.out_pn_lo.val();
        self.i_out_pn_hi.next = self.ing.out_pn_hi.val();
        self.ing.enabled.next = self.ctl.enabled.val();
        self.ing.validate.next = self.ctl.validate.val();
        self.ing.offset.next = self.ctl.offset.val();
        self.ing.replay.next = self.ctl.replay.val();
        self.ing.n_valid.next = self.ctl.n_valid.val();
        self.ing.only_sci_lo.next = self.ctl.only_sci_lo.val();
        self.ing.only_sci_hi.next = self.ctl.only_sci_hi.val();
        self.ing.l_hit.next = self.ctl.l_hit.val();
        self.ing.l_slot.next = self.ctl.l_slot.val();
        self.ing.l_key.next = self.ctl.l_key.val();
        self.ing.l_valid.next = self.ctl.l_valid.val();
        self.ing.l_enable.next = self.ctl.l_enable.val();
        self.ing.l_pn_lo.next = self.ctl.l_pn_lo.val();
        self.ing.l_pn_hi.next = self.ctl.l_pn_hi.val();
        self.ing.l_hazard.next = self.ctl.l_hazard.val();
        self.ing.l_iv0.next = self.ctl.l_iv0.val();
        self.ing.l_iv1.next = self.ctl.l_iv1.val();
        self.ing.l_iv2.next = self.ctl.l_iv2.val();
        self.ing.e_below.next = self.ctl.e_below.val();
        self.ing.e_ready.next = self.ctl.e_ready.val();
        self.ing.touch.next = self.ctl.touch.val();
        self.ctl.l_sci_lo.next = self.ing.l_sci_lo.val();
        self.ctl.l_sci_hi.next = self.ing.l_sci_hi.val();
        self.ctl.l_an.next = self.ing.l_an.val();
        self.ctl.l_pn32.next = self.ing.l_pn32.val();
        self.ctl.l_take.next = self.ing.l_take.val();
        self.ctl.l_start.next = self.ing.l_start.val();
        self.ctl.e_slot.next = self.ing.e_slot.val();
        self.ctl.e_an.next = self.ing.e_an.val();
        self.ctl.e_pn_lo.next = self.ing.e_pn_lo.val();
        self.ctl.e_pn_hi.next = self.ing.e_pn_hi.val();
        self.ctl.e_commit.next = self.ing.e_commit.val();
        self.ctl.e_valid.next = self.ing.e_valid.val();
        self.ctl.rx_ev.next = self.ing.rx_ev.val();
        self.ctl.rx_ev_counter.next = self.ing.rx_ev_counter.val();
        self.ctl.rx_ev_sc_hit.next = self.ing.rx_ev_sc_hit.val();
        self.ctl.rx_ev_sc.next = self.ing.rx_ev_sc.val();
        self.ctl.rx_ev_sa_hit.next = self.ing.rx_ev_sa_hit.val();
        self.ctl.rx_ev_an.next = self.ing.rx_ev_an.val();
        self.ctl.rx_ev_oct_kind.next = self.ing.rx_ev_oct_kind.val();
        self.ctl.rx_ev_octets.next = self.ing.rx_ev_octets.val();
        self.ctl.rx_ev_unknown_sci.next = self.ing.rx_ev_unknown_sci.val();
        self.ctl.rx_ev_no_sci.next = self.ing.rx_ev_no_sci.val();
        self.ing.key_valid.next = self.ctl.kx_i_valid.val();
        self.ctl.kx_i_ready.next = self.ing.key_ready.val();
        self.ing.key_id.next = self.ctl.kx_slot.val();
        self.ing.key_256.next = self.ctl.kx_256.val();
        self.ing.key0.next = self.ctl.kx0.val();
        self.ing.key1.next = self.ctl.kx1.val();
        self.ing.key2.next = self.ctl.kx2.val();
        self.ing.key3.next = self.ctl.kx3.val();
        self.ing.key4.next = self.ctl.kx4.val();
        self.ing.key5.next = self.ctl.kx5.val();
        self.ing.key6.next = self.ctl.kx6.val();
        self.ing.key7.next = self.ctl.kx7.val();
    }
}
