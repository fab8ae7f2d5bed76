//! The egress pipeline's wiring: its blocks connected, beat by beat.

use super::*;

impl Logic for Egress {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, inflight, credit);
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
        self.desc.clock.next = self.clock.val();
        self.desc.reset.next = self.reset.val();
        self.back.clock.next = self.clock.val();
        self.back.reset.next = self.reset.val();
        self.events.clock.next = self.clock.val();
        self.events.reset.next = self.reset.val();
        self.pack.clock.next = self.clock.val();
        self.pack.reset.next = self.reset.val();

        // Input port into the look-ahead queue.
        self.head.in_valid.next = self.in_valid.val();
        self.in_ready.next = self.head.in_ready.val();
        self.head.in_sop.next = self.in_sop.val();
        self.head.in_eop.next = self.in_eop.val();
        self.head.in_mask.next = self.in_mask.val();
        self.head.in_d0.next = self.in_d0.val();
        self.head.in_d1.next = self.in_d1.val();
        self.head.in_d2.next = self.in_d2.val();
        self.head.in_d3.next = self.in_d3.val();

        // The front.
        self.front.h_valid.next = self.head.h_valid.val();
        self.front.h_sop.next = self.head.h_sop.val();
        self.front.h_eop.next = self.head.h_eop.val();
        self.front.h_n.next = self.head.h_n.val();
        self.front.h_d0.next = self.head.h_d0.val();
        self.front.h_d1.next = self.head.h_d1.val();
        self.front.h_d2.next = self.head.h_d2.val();
        self.front.h_d3.next = self.head.h_d3.val();
        self.front.h_len.next = self.head.h_len.val();
        self.head.h_pop.next = self.front.h_pop.val();
        self.front.enabled.next = self.enabled.val();
        self.front.protect.next = self.protect.val();
        self.front.always_sci.next = self.always_sci.val();
        self.front.use_es.next = self.use_es.val();
        self.front.use_scb.next = self.use_scb.val();
        self.front.offset.next = self.offset.val();
        self.front.sci_lo.next = self.sci_lo.val();
        self.front.sci_hi.next = self.sci_hi.val();
        self.front.n_enabled.next = self.n_enabled.val();
        self.front.t_an.next = self.t_an.val();
        self.front.t_usable.next = self.t_usable.val();
        self.front.t_conf.next = self.t_conf.val();
        self.front.t_pn_lo.next = self.t_pn_lo.val();
        self.front.t_pn_hi.next = self.t_pn_hi.val();
        self.front.t_iv0.next = self.t_iv0.val();
        self.front.t_iv1.next = self.t_iv1.val();
        self.front.t_iv2.next = self.t_iv2.val();
        self.tx_frame.next = self.front.tx_frame.val();
        self.t_take.next = self.front.t_take.val();
        self.front.ds_room.next = self.desc.count.val() < 30;
        self.desc.w_valid.next = self.front.ds_valid.val();
        self.desc.w_d0.next = self.front.ds_counter.val();
        self.desc.w_d1.next = self.front.ds_an.val();
        self.desc.w_d2.next = self.front.ds_pn_lo.val();
        self.desc.w_d3.next = self.front.ds_pn_hi.val();
        self.desc.w_sop.next = self.front.ds_t16.val();
        self.desc.w_eop.next = self.front.ds_prot.val();
        self.desc.w_aad.next = false;
        self.desc.w_mask.next = 0.into();

        // Front into the gather that cuts the core's parts.
        self.fmt.in_valid.next = self.front.g_valid.val();
        self.front.g_ready.next = self.fmt.in_ready.val();
        self.fmt.a_d0.next = self.front.a_d0.val();
        self.fmt.a_d1.next = self.front.a_d1.val();
        self.fmt.a_d2.next = self.front.a_d2.val();
        self.fmt.a_d3.next = self.front.a_d3.val();
        self.fmt.a_start.next = self.front.a_start.val();
        self.fmt.a_len.next = self.front.a_len.val();
        self.fmt.b_d0.next = self.front.b_d0.val();
        self.fmt.b_d1.next = self.front.b_d1.val();
        self.fmt.b_d2.next = self.front.b_d2.val();
        self.fmt.b_d3.next = self.front.b_d3.val();
        self.fmt.b_len.next = self.front.b_len.val();
        self.fmt.in_end.next = self.front.g_end.val();
        self.fmt.in_eom.next = self.front.g_eom.val();
        self.fmt.in_aad.next = self.front.g_aad.val();
        self.fmt.in_m0.next = self.front.g_m0.val();
        self.fmt.in_m1.next = self.front.g_m1.val();
        self.fmt.in_m2.next = self.front.g_m2.val();
        self.fmt.in_m3.next = self.front.g_m3.val();

        // Into the core, while the output queue has room for all that is in flight.
        self.occupancy.next = self.inflight.q.val() + self.beats.count.val();
        self.credit.d.next = self.occupancy.val() < 27;
        self.core.in_valid.next = self.fmt.out_valid.val() && self.credit.q.val();
        self.fmt.out_ready.next = self.core.in_ready.val() && self.credit.q.val();
        self.enter.next =
            self.fmt.out_valid.val() && self.credit.q.val() && self.core.in_ready.val();
        self.core.in_sop.next = self.fmt.out_sop.val();
        self.core.in_eop.next = self.fmt.out_eop.val();
        self.core.in_aad.next = self.fmt.out_aad.val();
        self.core.in_decrypt.next = false;
        self.core.in_mask.next = self.fmt.out_mask.val();
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
            self.credit.d.next = false;
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
        self.back.max_len.next = self.max_len.val();
        self.back.c_valid.next = self.beats.r_valid.val();
        self.back.c_eop.next = self.beats.r_eop.val();
        self.back.c_n.next = self.beats.r_n.val();
        self.back.c_d0.next = self.beats.r_d0.val();
        self.back.c_d1.next = self.beats.r_d1.val();
        self.back.c_d2.next = self.beats.r_d2.val();
        self.back.c_d3.next = self.beats.r_d3.val();
        self.beats.r_pop.next = self.back.c_pop.val();
        self.back.t_valid.next = self.tags.r_valid.val();
        self.back.t_d0.next = self.tags.r_d0.val();
        self.back.t_d1.next = self.tags.r_d1.val();
        self.back.t_d2.next = self.tags.r_d2.val();
        self.back.t_d3.next = self.tags.r_d3.val();
        self.tags.r_pop.next = self.back.t_pop.val();
        self.back.ds_valid.next = self.desc.r_valid.val();
        self.back.ds_counter.next = self.desc.r_d0.val();
        self.back.ds_an.next = self.desc.r_d1.val();
        self.back.ds_t16.next = self.desc.r_sop.val();
        self.back.ds_prot.next = self.desc.r_eop.val();
        self.desc.r_pop.next = self.back.ds_pop.val();
        // The counters' event, registered (`ev_reg.rs`).
        self.events.b_ev.next = self.back.tx_ev.val();
        self.events.b_counter.next = self.back.tx_ev_counter.val();
        self.events.b_an.next = self.back.tx_ev_an.val();
        self.events.b_octets.next = self.back.tx_ev_octets.val();
        self.tx_ev.next = self.events.ev.val();
        self.tx_ev_counter.next = self.events.counter.val();
        self.tx_ev_an.next = self.events.an.val();
        self.tx_ev_octets.next = self.events.octets.val();

        // The back into the output gather and the port.
        self.pack.in_valid.next = self.back.g_valid.val();
        self.back.g_ready.next = self.pack.in_ready.val();
        self.pack.a_d0.next = self.beats.r_d0.val();
        self.pack.a_d1.next = self.beats.r_d1.val();
        self.pack.a_d2.next = self.beats.r_d2.val();
        self.pack.a_d3.next = self.beats.r_d3.val();
        self.pack.a_start.next = 0.into();
        self.pack.a_len.next = self.back.a_len.val();
        self.pack.b_d0.next = self.tags.r_d0.val();
        self.pack.b_d1.next = self.tags.r_d1.val();
        self.pack.b_d2.next = self.tags.r_d2.val();
        self.pack.b_d3.next = self.tags.r_d3.val();
        self.pack.b_len.next = self.back.b_len.val();
        self.pack.in_end.next = self.back.g_end.val();
        self.pack.in_eom.next = self.back.g_end.val();
        self.pack.in_aad.next = false;
        self.pack.in_m0.next = self.back.g_status.val();
        // The last beat waits for the frame's descriptor, so the FIFO head is this frame's.
        self.pack.in_m1.next = self.desc.r_d2.val();
        self.pack.in_m2.next = self.desc.r_d3.val();
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
