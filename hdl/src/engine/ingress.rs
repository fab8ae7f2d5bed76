//! The ingress pipeline (validate): input FIFO (never back-pressures the MAC: whole frames
//! dropped and counted InPktsOverrun when it is full) → head queue → front (SecTAG, SC, SA, PN, parts) → gather →
//! GCM core → output and tag queues → back (SecTAG removal, the receive decision, counters,
//! status) → gather → output port. As in the egress, the core never stalls: the front feeds it
//! only while the output queue has room for everything in flight.

use super::params::{SC_BITS, SC_COUNT_BITS};
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use crate::aes_pipeline::KEY_BITS;
use crate::gcm_core::GcmCore;

use super::ev_reg::RxEvents;
use super::fifo::BeatFifo;
use super::gather::Gather;
use super::rx_admit::RxAdmit;
use super::rx_back::RxBack;
use super::rx_front::RxFront;
use super::rx_head::RxHead;

/// Output-queue entries: the core's 16 cycles of latency plus slack.
const OUT_DEPTH: usize = 32;

#[derive(SettleBlock, Debug)]
pub struct Ingress {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub in_valid: Signal<In, Bit>,
    /// Advisory: a frame starting now would be taken (every beat is taken regardless).
    pub in_room: Signal<Out, Bit>,
    /// A frame was dropped at its first beat (InPktsOverrun) on the last edge.
    pub overrun: Signal<Out, Bit>,
    pub in_sop: Signal<In, Bit>,
    pub in_eop: Signal<In, Bit>,
    pub in_mask: Signal<In, Bits<16>>,
    pub in_d0: Signal<In, Bits<32>>,
    pub in_d1: Signal<In, Bits<32>>,
    pub in_d2: Signal<In, Bits<32>>,
    pub in_d3: Signal<In, Bits<32>>,
    pub out_valid: Signal<Out, Bit>,
    pub out_ready: Signal<In, Bit>,
    pub out_sop: Signal<Out, Bit>,
    pub out_eop: Signal<Out, Bit>,
    pub out_mask: Signal<Out, Bits<16>>,
    pub out_d0: Signal<Out, Bits<32>>,
    pub out_d1: Signal<Out, Bits<32>>,
    pub out_d2: Signal<Out, Bits<32>>,
    pub out_d3: Signal<Out, Bits<32>>,
    pub out_status: Signal<Out, Bits<32>>,
    /// The frame's PN (recovered for XPN) on its last beat.
    pub out_pn_lo: Signal<Out, Bits<32>>,
    pub out_pn_hi: Signal<Out, Bits<32>>,
    // From and to the control plane.
    pub enabled: Signal<In, Bit>,
    pub validate: Signal<In, Bits<2>>,
    pub offset: Signal<In, Bits<6>>,
    pub replay: Signal<In, Bit>,
    pub n_valid: Signal<In, Bits<SC_COUNT_BITS>>,
    pub only_sci_lo: Signal<In, Bits<32>>,
    pub only_sci_hi: Signal<In, Bits<32>>,
    pub l_hit: Signal<In, Bit>,
    pub l_slot: Signal<In, Bits<SC_BITS>>,
    pub l_key: Signal<In, Bits<KEY_BITS>>,
    pub l_valid: Signal<In, Bit>,
    pub l_enable: Signal<In, Bit>,
    pub l_pn_lo: Signal<In, Bits<32>>,
    pub l_pn_hi: Signal<In, Bits<32>>,
    pub l_hazard: Signal<In, Bit>,
    pub l_iv0: Signal<In, Bits<32>>,
    pub l_iv1: Signal<In, Bits<32>>,
    pub l_iv2: Signal<In, Bits<32>>,
    pub e_below: Signal<In, Bit>,
    pub e_ready: Signal<In, Bit>,
    pub touch: Signal<In, Bit>,
    pub l_sci_lo: Signal<Out, Bits<32>>,
    pub l_sci_hi: Signal<Out, Bits<32>>,
    pub l_an: Signal<Out, Bits<2>>,
    pub l_pn32: Signal<Out, Bits<32>>,
    pub l_take: Signal<Out, Bit>,
    pub l_start: Signal<Out, Bit>,
    pub e_slot: Signal<Out, Bits<SC_BITS>>,
    pub e_an: Signal<Out, Bits<2>>,
    pub e_pn_lo: Signal<Out, Bits<32>>,
    pub e_pn_hi: Signal<Out, Bits<32>>,
    pub e_commit: Signal<Out, Bit>,
    pub e_valid: Signal<Out, Bit>,
    pub rx_ev: Signal<Out, Bit>,
    pub rx_ev_counter: Signal<Out, Bits<4>>,
    pub rx_ev_sc_hit: Signal<Out, Bit>,
    pub rx_ev_sc: Signal<Out, Bits<SC_BITS>>,
    pub rx_ev_sa_hit: Signal<Out, Bit>,
    pub rx_ev_an: Signal<Out, Bits<2>>,
    pub rx_ev_oct_kind: Signal<Out, Bits<2>>,
    pub rx_ev_octets: Signal<Out, Bits<16>>,
    pub rx_ev_unknown_sci: Signal<Out, Bit>,
    pub rx_ev_no_sci: Signal<Out, Bit>,
    pub key_valid: Signal<In, Bit>,
    pub key_ready: Signal<Out, Bit>,
    pub key_id: Signal<In, Bits<KEY_BITS>>,
    pub key_256: Signal<In, Bit>,
    pub key0: Signal<In, Bits<32>>,
    pub key1: Signal<In, Bits<32>>,
    pub key2: Signal<In, Bits<32>>,
    pub key3: Signal<In, Bits<32>>,
    pub key4: Signal<In, Bits<32>>,
    pub key5: Signal<In, Bits<32>>,
    pub key6: Signal<In, Bits<32>>,
    pub key7: Signal<In, Bits<32>>,
    admit: RxAdmit,
    head: RxHead,
    front: RxFront,
    fmt: Gather,
    core: GcmCore,
    beats: BeatFifo,
    tags: BeatFifo,
    da: BeatFifo,
    db: BeatFifo,
    dc: BeatFifo,
    back: RxBack,
    events: RxEvents,
    pack: Gather,
    inflight: Reg<Bits<8>>,
    credit: Signal<Local, Bit>,
    /// Beats in the core and queued behind it (8 bits, wrapping alike in Rust and Verilog).
    occupancy: Signal<Local, Bits<8>>,
    enter: Signal<Local, Bit>,
}

impl Default for Ingress {
    fn default() -> Self {
        Self::new()
    }
}

impl Ingress {
    pub fn new() -> Ingress {
        Ingress {
            _settle: Default::default(),
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_room: Default::default(),
            overrun: Default::default(),
            in_sop: Default::default(),
            in_eop: Default::default(),
            in_mask: Default::default(),
            in_d0: Default::default(),
            in_d1: Default::default(),
            in_d2: Default::default(),
            in_d3: Default::default(),
            out_valid: Default::default(),
            out_ready: Default::default(),
            out_sop: Default::default(),
            out_eop: Default::default(),
            out_mask: Default::default(),
            out_d0: Default::default(),
            out_d1: Default::default(),
            out_d2: Default::default(),
            out_d3: Default::default(),
            out_status: Default::default(),
            out_pn_lo: Default::default(),
            out_pn_hi: Default::default(),
            enabled: Default::default(),
            validate: Default::default(),
            offset: Default::default(),
            replay: Default::default(),
            n_valid: Default::default(),
            only_sci_lo: Default::default(),
            only_sci_hi: Default::default(),
            l_hit: Default::default(),
            l_slot: Default::default(),
            l_key: Default::default(),
            l_valid: Default::default(),
            l_enable: Default::default(),
            l_pn_lo: Default::default(),
            l_pn_hi: Default::default(),
            l_hazard: Default::default(),
            l_iv0: Default::default(),
            l_iv1: Default::default(),
            l_iv2: Default::default(),
            e_below: Default::default(),
            e_ready: Default::default(),
            touch: Default::default(),
            l_sci_lo: Default::default(),
            l_sci_hi: Default::default(),
            l_an: Default::default(),
            l_pn32: Default::default(),
            l_take: Default::default(),
            l_start: Default::default(),
            e_slot: Default::default(),
            e_an: Default::default(),
            e_pn_lo: Default::default(),
            e_pn_hi: Default::default(),
            e_commit: Default::default(),
            e_valid: Default::default(),
            rx_ev: Default::default(),
            rx_ev_counter: Default::default(),
            rx_ev_sc_hit: Default::default(),
            rx_ev_sc: Default::default(),
            rx_ev_sa_hit: Default::default(),
            rx_ev_an: Default::default(),
            rx_ev_oct_kind: Default::default(),
            rx_ev_octets: Default::default(),
            rx_ev_unknown_sci: Default::default(),
            rx_ev_no_sci: Default::default(),
            key_valid: Default::default(),
            key_ready: Default::default(),
            key_id: Default::default(),
            key_256: Default::default(),
            key0: Default::default(),
            key1: Default::default(),
            key2: Default::default(),
            key3: Default::default(),
            key4: Default::default(),
            key5: Default::default(),
            key6: Default::default(),
            key7: Default::default(),
            admit: Default::default(),
            head: Default::default(),
            front: Default::default(),
            fmt: Default::default(),
            core: GcmCore::new(),
            beats: BeatFifo::new(OUT_DEPTH),
            tags: BeatFifo::new(OUT_DEPTH),
            da: BeatFifo::new(16),
            db: BeatFifo::new(16),
            dc: BeatFifo::new(16),
            back: Default::default(),
            events: Default::default(),
            pack: Default::default(),
            inflight: Default::default(),
            credit: Default::default(),
            occupancy: Default::default(),
            enter: Default::default(),
        }
    }
}

impl Logic for Ingress {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, inflight);
        self.admit.clock.next = self.clock.val();
        self.admit.reset.next = self.reset.val();
        self.head.clock.next = self.clock.val();
        self.head.reset.next = self.reset.val();
        self.front.clock.next = self.clock.val();
        self.front.reset.next = self.reset.val();
        self.fmt.clock.next = self.clock.val();
        self.fmt.reset.next = self.reset.val();
        self.core.clock.next = self.clock.val();
        self.core.reset.next = self.reset.val();
        self.beats.clock.next = self.clock.val();
        self.beats.reset.next = self.reset.val();
        self.tags.clock.next = self.clock.val();
        self.tags.reset.next = self.reset.val();
        self.da.clock.next = self.clock.val();
        self.da.reset.next = self.reset.val();
        self.db.clock.next = self.clock.val();
        self.db.reset.next = self.reset.val();
        self.dc.clock.next = self.clock.val();
        self.dc.reset.next = self.reset.val();
        self.back.clock.next = self.clock.val();
        self.back.reset.next = self.reset.val();
        self.events.clock.next = self.clock.val();
        self.events.reset.next = self.reset.val();
        self.pack.clock.next = self.clock.val();
        self.pack.reset.next = self.reset.val();

        // Input port into the input FIFO, and on into the head queue.
        self.admit.in_valid.next = self.in_valid.val();
        self.admit.in_sop.next = self.in_sop.val();
        self.admit.in_eop.next = self.in_eop.val();
        self.admit.in_mask.next = self.in_mask.val();
        self.admit.in_d0.next = self.in_d0.val();
        self.admit.in_d1.next = self.in_d1.val();
        self.admit.in_d2.next = self.in_d2.val();
        self.admit.in_d3.next = self.in_d3.val();
        self.in_room.next = self.admit.room.val();
        self.overrun.next = self.admit.overrun.val();
        self.head.in_valid.next = self.admit.r_valid.val();
        self.admit.r_pop.next = self.admit.r_valid.val() && self.head.in_ready.val();
        self.head.in_sop.next = self.admit.r_sop.val();
        self.head.in_eop.next = self.admit.r_eop.val();
        self.head.in_mask.next = self.admit.r_mask.val();
        self.head.in_d0.next = self.admit.r_d0.val();
        self.head.in_d1.next = self.admit.r_d1.val();
        self.head.in_d2.next = self.admit.r_d2.val();
        self.head.in_d3.next = self.admit.r_d3.val();

        // The front.
        self.front.h_valid.next = self.head.h_valid.val();
        self.front.h_sop.next = self.head.h_sop.val();
        self.front.h_eop.next = self.head.h_eop.val();
        self.front.h_n.next = self.head.h_n.val();
        self.front.h_d0.next = self.head.h_d0.val();
        self.front.h_d1.next = self.head.h_d1.val();
        self.front.h_d2.next = self.head.h_d2.val();
        self.front.h_d3.next = self.head.h_d3.val();
        self.front.x_valid.next = self.head.x_valid.val();
        self.front.x_eop.next = self.head.x_eop.val();
        self.front.x_n.next = self.head.x_n.val();
        self.front.x_d0.next = self.head.x_d0.val();
        self.front.x_d1.next = self.head.x_d1.val();
        self.front.x_d2.next = self.head.x_d2.val();
        self.front.x_d3.next = self.head.x_d3.val();
        self.head.pop.next = self.front.pop.val();
        self.head.pop2.next = self.front.pop2.val();
        self.front.t_valid.next = self.head.t_valid.val();
        self.front.t_b0d1.next = self.head.t_b0d1.val();
        self.front.t_b0d2.next = self.head.t_b0d2.val();
        self.front.t_b0d3.next = self.head.t_b0d3.val();
        self.front.t_b1d0.next = self.head.t_b1d0.val();
        self.front.t_b1d1.next = self.head.t_b1d1.val();
        self.front.t_b1d2.next = self.head.t_b1d2.val();
        self.front.t_eop.next = self.head.t_eop.val();
        self.front.t_n.next = self.head.t_n.val();
        self.head.t_pop.next = self.front.t_pop.val();
        self.front.touch.next = self.touch.val();
        self.front.enabled.next = self.enabled.val();
        self.front.validate.next = self.validate.val();
        self.front.offset.next = self.offset.val();
        self.front.n_valid.next = self.n_valid.val();
        self.front.only_sci_lo.next = self.only_sci_lo.val();
        self.front.only_sci_hi.next = self.only_sci_hi.val();
        self.front.l_hit.next = self.l_hit.val();
        self.front.l_slot.next = self.l_slot.val();
        self.front.l_key.next = self.l_key.val();
        self.front.l_valid.next = self.l_valid.val();
        self.front.l_enable.next = self.l_enable.val();
        self.front.l_pn_lo.next = self.l_pn_lo.val();
        self.front.l_pn_hi.next = self.l_pn_hi.val();
        self.front.l_hazard.next = self.l_hazard.val();
        self.front.l_iv0.next = self.l_iv0.val();
        self.front.l_iv1.next = self.l_iv1.val();
        self.front.l_iv2.next = self.l_iv2.val();
        self.l_sci_lo.next = self.front.l_sci_lo.val();
        self.l_sci_hi.next = self.front.l_sci_hi.val();
        self.l_an.next = self.front.l_an.val();
        self.l_pn32.next = self.front.l_pn32.val();
        self.l_take.next = self.front.l_take.val();
        self.l_start.next = self.front.l_start.val();
        self.front.ds_room.next = self.db.count.val() < 14;
        self.da.w_valid.next = self.front.ds_valid.val();
        self.da.w_d0.next = self.front.ds_icv0.val();
        self.da.w_d1.next = self.front.ds_icv1.val();
        self.da.w_d2.next = self.front.ds_icv2.val();
        self.da.w_d3.next = self.front.ds_icv3.val();
        self.da.w_sop.next = false;
        self.da.w_eop.next = false;
        self.da.w_aad.next = false;
        self.da.w_mask.next = self.front.ds_len.val();
        self.db.w_valid.next = self.front.ds_start.val();
        self.db.w_d0.next = self.front.ds_pn_lo.val();
        self.db.w_d1.next = self.front.ds_pn_hi.val();
        self.db.w_d2.next = self.front.ds_flags.val();
        self.db.w_d3.next = 0.into();
        self.db.w_sop.next = false;
        self.db.w_eop.next = false;
        self.db.w_aad.next = false;
        self.db.w_mask.next = 0.into();
        self.dc.w_valid.next = self.front.ds_start.val();
        self.dc.w_d0.next = self.front.ds_an.val();
        self.dc.w_d1.next = self.front.ds_slot.val();
        self.dc.w_d2.next = self.front.ds_sl.val();
        self.dc.w_d3.next = self.front.ds_vf.val();
        self.dc.w_sop.next = false;
        self.dc.w_eop.next = false;
        self.dc.w_aad.next = false;
        self.dc.w_mask.next = 0.into();

        // Front into the gather that cuts the core's parts.
        self.fmt.in_valid.next = self.front.g_valid.val();
        self.front.g_ready.next = self.fmt.in_ready.val();
        self.fmt.a_d0.next = self.front.a_d0.val();
        self.fmt.a_d1.next = self.front.a_d1.val();
        self.fmt.a_d2.next = self.front.a_d2.val();
        self.fmt.a_d3.next = self.front.a_d3.val();
        self.fmt.a_start.next = self.front.a_start.val();
        self.fmt.a_len.next = self.front.a_len.val();
        self.fmt.b_d0.next = 0.into();
        self.fmt.b_d1.next = 0.into();
        self.fmt.b_d2.next = 0.into();
        self.fmt.b_d3.next = 0.into();
        self.fmt.b_len.next = 0.into();
        self.fmt.in_end.next = self.front.g_end.val();
        self.fmt.in_eom.next = self.front.g_eom.val();
        self.fmt.in_aad.next = self.front.g_aad.val();
        self.fmt.in_m0.next = self.front.g_m0.val();
        self.fmt.in_m1.next = self.front.g_m1.val();
        self.fmt.in_m2.next = self.front.g_m2.val();
        self.fmt.in_m3.next = self.front.g_m3.val();

        // Into the core, while the output queue has room for all that is in flight.
        self.occupancy.next = self.inflight.q.val() + self.beats.count.val();
        self.credit.next = self.occupancy.val() < 28;
        self.core.in_valid.next = self.fmt.out_valid.val() && self.credit.val();
        self.fmt.out_ready.next = self.core.in_ready.val() && self.credit.val();
        self.enter.next = self.fmt.out_valid.val() && self.credit.val() && self.core.in_ready.val();
        self.core.in_sop.next = self.fmt.out_sop.val();
        self.core.in_eop.next = self.fmt.out_eop.val();
        self.core.in_aad.next = self.fmt.out_aad.val();
        self.core.in_mask.next = self.fmt.out_mask.val();
        self.core.in_decrypt.next = self.fmt.out_m0.val().get_bit(8);
        self.core.in_key.next = bit_cast::<KEY_BITS, 32>(self.fmt.out_m0.val());
        self.core.in_iv0.next = self.fmt.out_m1.val();
        self.core.in_iv1.next = self.fmt.out_m2.val();
        self.core.in_iv2.next = self.fmt.out_m3.val();
        self.core.in_d0.next = self.fmt.out_d0.val();
        self.core.in_d1.next = self.fmt.out_d1.val();
        self.core.in_d2.next = self.fmt.out_d2.val();
        self.core.in_d3.next = self.fmt.out_d3.val();
        self.core.out_ready.next = true;
        self.core.key_valid.next = self.key_valid.val();
        self.key_ready.next = self.core.key_ready.val();
        self.core.key_id.next = self.key_id.val();
        self.core.key_256.next = self.key_256.val();
        self.core.key0.next = self.key0.val();
        self.core.key1.next = self.key1.val();
        self.core.key2.next = self.key2.val();
        self.core.key3.next = self.key3.val();
        self.core.key4.next = self.key4.val();
        self.core.key5.next = self.key5.val();
        self.core.key6.next = self.key6.val();
        self.core.key7.next = self.key7.val();
        self.inflight.d.next = self.inflight.q.val();
        if self.enter.val() && !self.core.out_valid.val() {
            self.inflight.d.next = self.inflight.q.val() + 1;
        }
        if !self.enter.val() && self.core.out_valid.val() {
            self.inflight.d.next = self.inflight.q.val() - 1;
        }
        if self.reset.val() {
            self.inflight.d.next = 0.into();
        }

        // Core output into the queues.
        self.beats.w_valid.next = self.core.out_valid.val();
        self.beats.w_sop.next = self.core.out_sop.val();
        self.beats.w_eop.next = self.core.out_eop.val();
        self.beats.w_aad.next = self.core.out_aad.val();
        self.beats.w_mask.next = self.core.out_mask.val();
        self.beats.w_d0.next = self.core.out_d0.val();
        self.beats.w_d1.next = self.core.out_d1.val();
        self.beats.w_d2.next = self.core.out_d2.val();
        self.beats.w_d3.next = self.core.out_d3.val();
        self.tags.w_valid.next = self.core.tag_valid.val();
        self.tags.w_sop.next = false;
        self.tags.w_eop.next = false;
        self.tags.w_aad.next = false;
        self.tags.w_mask.next = 0.into();
        self.tags.w_d0.next = self.core.tag0.val();
        self.tags.w_d1.next = self.core.tag1.val();
        self.tags.w_d2.next = self.core.tag2.val();
        self.tags.w_d3.next = self.core.tag3.val();

        // The back.
        self.back.replay.next = self.replay.val();
        self.back.c_valid.next = self.beats.r_valid.val();
        self.back.c_eop.next = self.beats.r_eop.val();
        self.back.c_aad.next = self.beats.r_aad.val();
        self.back.c_n.next = self.beats.r_n.val();
        self.beats.r_pop.next = self.back.c_pop.val();
        self.back.t_valid.next = self.tags.r_valid.val();
        self.back.t_d0.next = self.tags.r_d0.val();
        self.back.t_d1.next = self.tags.r_d1.val();
        self.back.t_d2.next = self.tags.r_d2.val();
        self.back.t_d3.next = self.tags.r_d3.val();
        self.tags.r_pop.next = self.back.t_pop.val();
        self.back.ds_valid.next = self.da.r_valid.val();
        self.back.ds_start_valid.next = self.db.r_valid.val();
        self.back.ds_icv0.next = self.da.r_d0.val();
        self.back.ds_icv1.next = self.da.r_d1.val();
        self.back.ds_icv2.next = self.da.r_d2.val();
        self.back.ds_icv3.next = self.da.r_d3.val();
        self.da.r_pop.next = self.back.ds_pop.val();
        self.back.ds_pn_lo.next = self.db.r_d0.val();
        self.back.ds_pn_hi.next = self.db.r_d1.val();
        self.back.ds_flags.next = self.db.r_d2.val();
        self.back.ds_len.next = bit_cast::<32, 16>(self.da.r_mask.val());
        self.db.r_pop.next = self.back.ds_pop.val();
        self.back.ds_an.next = self.dc.r_d0.val();
        self.back.ds_slot.next = self.dc.r_d1.val();
        self.back.ds_sl.next = self.dc.r_d2.val();
        self.back.ds_vf.next = self.dc.r_d3.val();
        self.dc.r_pop.next = self.back.ds_pop.val();
        self.back.ab_valid.next = self.admit.f_valid.val();
        self.back.ab_flag.next = self.admit.f_abort.val();
        self.admit.f_pop.next = self.back.ab_pop.val();
        self.back.e_below.next = self.e_below.val();
        self.back.e_ready.next = self.e_ready.val();
        self.e_slot.next = self.back.e_slot.val();
        self.e_an.next = self.back.e_an.val();
        self.e_pn_lo.next = self.back.e_pn_lo.val();
        self.e_pn_hi.next = self.back.e_pn_hi.val();
        self.e_commit.next = self.back.e_commit.val();
        self.e_valid.next = self.back.e_valid.val();
        // The counters take one event a cycle, registered (`ev_reg.rs`): the back's decisions,
        // and in the cycles it has none, the frames the input FIFO dropped at their start.
        self.events.b_ev.next = self.back.rx_ev.val();
        self.events.b_counter.next = self.back.rx_ev_counter.val();
        self.events.b_sc_hit.next = self.back.rx_ev_sc_hit.val();
        self.events.b_sc.next = self.back.rx_ev_sc.val();
        self.events.b_sa_hit.next = self.back.rx_ev_sa_hit.val();
        self.events.b_an.next = self.back.rx_ev_an.val();
        self.events.b_oct_kind.next = self.back.rx_ev_oct_kind.val();
        self.events.b_octets.next = self.back.rx_ev_octets.val();
        self.events.b_unknown_sci.next = self.back.rx_ev_unknown_sci.val();
        self.events.b_no_sci.next = self.back.rx_ev_no_sci.val();
        self.events.p_valid.next = self.admit.p_valid.val();
        self.admit.p_take.next = !self.back.rx_ev.val();
        self.rx_ev.next = self.events.ev.val();
        self.rx_ev_counter.next = self.events.counter.val();
        self.rx_ev_sc_hit.next = self.events.sc_hit.val();
        self.rx_ev_sc.next = self.events.sc.val();
        self.rx_ev_sa_hit.next = self.events.sa_hit.val();
        self.rx_ev_an.next = self.events.an.val();
        self.rx_ev_oct_kind.next = self.events.oct_kind.val();
        self.rx_ev_octets.next = self.events.octets.val();
        self.rx_ev_unknown_sci.next = self.events.unknown_sci.val();
        self.rx_ev_no_sci.next = self.events.no_sci.val();

        // The back into the output gather and the port.
        self.pack.in_valid.next = self.back.g_valid.val();
        self.back.g_ready.next = self.pack.in_ready.val();
        self.pack.a_d0.next = self.beats.r_d0.val();
        self.pack.a_d1.next = self.beats.r_d1.val();
        self.pack.a_d2.next = self.beats.r_d2.val();
        self.pack.a_d3.next = self.beats.r_d3.val();
        self.pack.a_start.next = self.back.a_start.val();
        self.pack.a_len.next = self.back.a_len.val();
        self.pack.b_d0.next = 0.into();
        self.pack.b_d1.next = 0.into();
        self.pack.b_d2.next = 0.into();
        self.pack.b_d3.next = 0.into();
        self.pack.b_len.next = 0.into();
        self.pack.in_end.next = self.back.g_end.val();
        self.pack.in_eom.next = self.back.g_end.val();
        self.pack.in_aad.next = false;
        self.pack.in_m0.next = self.back.g_status.val();
        self.pack.in_m1.next = self.back.g_pn_lo.val();
        self.pack.in_m2.next = self.back.g_pn_hi.val();
        self.pack.in_m3.next = 0.into();
        self.pack.out_ready.next = self.out_ready.val();
        self.out_valid.next = self.pack.out_valid.val();
        self.out_sop.next = self.pack.out_sop.val();
        self.out_eop.next = self.pack.out_eop.val();
        self.out_mask.next = self.pack.out_mask.val();
        self.out_d0.next = self.pack.out_d0.val();
        self.out_d1.next = self.pack.out_d1.val();
        self.out_d2.next = self.pack.out_d2.val();
        self.out_d3.next = self.pack.out_d3.val();
        self.out_status.next = self.pack.out_m0.val();
        self.out_pn_lo.next = self.pack.out_m1.val();
        self.out_pn_hi.next = self.pack.out_m2.val();
    }
}
