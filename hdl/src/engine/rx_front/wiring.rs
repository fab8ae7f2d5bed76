//! The ingress front's logic: a frame's start decided, its parts cut for the gather.

use super::*;

impl Logic for RxFront {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, busy, cat, s, pos, split, m0, age);
        // Stage 1: the next frame's SecTAG parsed into the parser's registers, every cycle (it
        // changes only when a frame starts or the queue fills).
        self.parse.clock.next = self.clock.val();
        self.parse.b0d1.next = self.t_b0d1.val();
        self.parse.b0d2.next = self.t_b0d2.val();
        self.parse.b0d3.next = self.t_b0d3.val();
        self.parse.b1d0.next = self.t_b1d0.val();
        self.parse.b1d1.next = self.t_b1d1.val();
        self.parse.b1d2.next = self.t_b1d2.val();
        self.parse.first_eop.next = self.t_eop.val();
        self.parse.first_n.next = self.t_n.val();
        self.parse.n_valid.next = self.n_valid.val();
        self.parse.only_sci_lo.next = self.only_sci_lo.val();
        self.parse.only_sci_hi.next = self.only_sci_hi.val();
        // Stages 2 to 4 are the SC table's and the SA table's, from these registers.
        self.l_sci_lo.next = self.parse.sci_lo.val();
        self.l_sci_hi.next = self.parse.sci_hi.val();
        self.l_an.next = self.parse.an.val();
        self.l_pn32.next = self.parse.pn.val();
        self.hit.next = self.parse.sci_known.val() && self.l_hit.val();
        self.present.next = self.hit.val() && self.l_valid.val();
        self.usable.next = self.present.val() && self.l_enable.val();
        self.soc.next = (self.validate.val() == 2) || self.parse.c.val();
        // Unchanged: Null, not MACsec, a bad SecTAG, or a single beat (too short for a SecTAG
        // and an ICV: its length check fails at the end).
        self.passes.next = (self.validate.val() == 3)
            || !self.parse.is_macsec.val()
            || self.parse.fields_bad.val()
            || self.parse.eop.val();
        self.strip.next = !self.passes.val();
        self.new_flags.next = 0.into();
        if self.validate.val() == 3 {
            self.new_flags.next = self.new_flags.val() | 0x001;
        }
        if self.parse.is_macsec.val() {
            self.new_flags.next = self.new_flags.val() | 0x002;
        }
        if self.parse.fields_bad.val() {
            self.new_flags.next = self.new_flags.val() | 0x004;
        }
        if self.hit.val() {
            self.new_flags.next = self.new_flags.val() | 0x008;
        }
        if self.present.val() {
            self.new_flags.next = self.new_flags.val() | 0x010;
        }
        if self.usable.val() {
            self.new_flags.next = self.new_flags.val() | 0x020;
        }
        if self.soc.val() {
            self.new_flags.next = self.new_flags.val() | 0x040;
        }
        if self.parse.e.val() {
            self.new_flags.next = self.new_flags.val() | 0x080;
        }
        if self.parse.sc.val() {
            self.new_flags.next = self.new_flags.val() | 0x100;
        }
        if self.strip.val() && self.usable.val() && (self.validate.val() != 0) {
            self.new_flags.next = self.new_flags.val() | 0x200;
        }
        if self.strip.val() {
            self.new_flags.next = self.new_flags.val() | 0x400;
        }
        // Starts when its first two beats are in (or its only one) and the decision's stages
        // hold its answer, unless the PN of its SA could still move under it. (The SecTAG at
        // the queue's head is this frame's: the frames ahead have started.)
        self.start.next = !self.busy.q.val()
            && self.h_valid.val()
            && self.h_sop.val()
            && (self.h_eop.val() || self.x_valid.val())
            && self.t_valid.val()
            && (self.age.q.val() == 4)
            && !self.touch.val()
            && self.enabled.val()
            && self.ds_room.val()
            && !(self.strip.val() && self.usable.val() && self.l_hazard.val());
        self.t_pop.next = self.start.val();
        self.age.d.next = self.age.q.val();
        if self.age.q.val() != 4 {
            self.age.d.next = self.age.q.val() + 1;
        }
        if self.start.val() || self.touch.val() || !self.t_valid.val() {
            self.age.d.next = 0.into();
        }
        self.l_take.next =
            self.start.val() && self.strip.val() && self.usable.val() && (self.validate.val() != 0);
        self.l_start.next = self.start.val();
        // The AAD ends after the SecTAG and the offset (encrypted), at the ICV otherwise.
        self.tag_end.next = 20.into();
        if self.parse.sc.val() {
            self.tag_end.next = 28.into();
        }
        if self.start.val() {
            self.busy.d.next = true;
            self.cat.d.next = 0.into();
            if self.strip.val() {
                self.cat.d.next = 1.into();
                if self.usable.val() && (self.validate.val() != 0) {
                    self.cat.d.next = 2.into();
                }
            }
            self.s.d.next = 0.into();
            self.pos.d.next = 0.into();
            self.split.d.next = 0xFFFF.into();
            if self.strip.val()
                && self.usable.val()
                && (self.validate.val() != 0)
                && self.parse.e.val()
            {
                self.split.d.next = self.tag_end.val() + bit_cast::<16, 6>(self.offset.val());
            }
            self.m0.d.next = bit_cast::<32, KEY_BITS>(self.l_key.val());
            if self.parse.e.val() {
                self.m0.d.next = bit_cast::<32, KEY_BITS>(self.l_key.val()) | 0x100;
            }
        }

        // The beat in hand: up to the ICV (known once the next beat is the last), cut at the end
        // of the AAD.
        self.at.next = self.pos.q.val() + bit_cast::<16, 5>(self.s.q.val());
        self.end_k.next = self.h_n.val();
        if (self.cat.q.val() != 0) && self.x_eop.val() {
            self.end_k.next = self.x_n.val();
        }
        // As the egress front does: the tests on the registers and one sum, side by side.
        self.beat_end.next = self.pos.q.val() + bit_cast::<16, 5>(self.end_k.val());
        self.cut.next =
            (self.split.q.val() > self.at.val()) && (self.split.q.val() < self.beat_end.val());
        self.lim.next = self.end_k.val();
        if self.cut.val() {
            self.lim.next = bit_cast::<5, 16>(self.split.q.val() - self.pos.q.val());
        }
        self.last.next = !self.cut.val()
            && (((self.cat.q.val() == 0) && self.h_eop.val())
                || ((self.cat.q.val() != 0) && self.x_eop.val()));
        self.a_d0.next = self.h_d0.val();
        self.a_d1.next = self.h_d1.val();
        self.a_d2.next = self.h_d2.val();
        self.a_d3.next = self.h_d3.val();
        self.a_start.next = bit_cast::<4, 5>(self.s.q.val());
        self.a_len.next = self.lim.val() - self.s.q.val();
        self.g_end.next =
            self.cut.val() || (self.beat_end.val() == self.split.q.val()) || self.last.val();
        self.g_eom.next = self.last.val();
        self.g_aad.next = self.at.val() < self.split.q.val();
        self.g_m0.next = self.m0.q.val();
        self.g_m1.next = self.l_iv0.val();
        self.g_m2.next = self.l_iv1.val();
        self.g_m3.next = self.l_iv2.val();
        self.g_valid.next = false;
        self.pop.next = false;
        self.pop2.next = false;
        self.finish.next = false;
        // Categories 1 and 2 work one beat behind the input; 0 takes beats as they come.
        if self.busy.q.val()
            && self.h_valid.val()
            && ((self.cat.q.val() == 0) || self.x_valid.val())
        {
            self.g_valid.next = true;
            if self.g_ready.val() {
                if !self.cut.val() {
                    self.s.d.next = 0.into();
                    self.pos.d.next = self.pos.q.val() + 16;
                    if self.last.val() {
                        self.finish.next = true;
                        self.busy.d.next = false;
                        if self.cat.q.val() == 0 {
                            self.pop.next = true;
                        } else {
                            self.pop2.next = true;
                        }
                    } else {
                        self.pop.next = true;
                    }
                } else {
                    self.s.d.next = self.lim.val();
                }
            }
        }
        // The descriptor.
        self.icv.k0.next = self.h_d0.val();
        self.icv.k1.next = self.h_d1.val();
        self.icv.k2.next = self.h_d2.val();
        self.icv.k3.next = self.h_d3.val();
        self.icv.l0.next = self.x_d0.val();
        self.icv.l1.next = self.x_d1.val();
        self.icv.l2.next = self.x_d2.val();
        self.icv.l3.next = self.x_d3.val();
        self.icv.n.next = self.x_n.val();
        self.ds_valid.next = self.finish.val();
        self.ds_icv0.next = self.icv.icv0.val();
        self.ds_icv1.next = self.icv.icv1.val();
        self.ds_icv2.next = self.icv.icv2.val();
        self.ds_icv3.next = self.icv.icv3.val();
        self.ds_start.next = self.start.val();
        self.ds_pn_lo.next = self.l_pn_lo.val();
        self.ds_pn_hi.next = self.l_pn_hi.val();
        self.ds_flags.next = self.new_flags.val();
        // The frame's length: to the end of this beat, or of the next for categories 1 and 2.
        self.ds_len.next = self.pos.q.val() + bit_cast::<16, 5>(self.h_n.val());
        if self.cat.q.val() != 0 {
            self.ds_len.next = self.pos.q.val() + 16 + bit_cast::<16, 5>(self.x_n.val());
        }
        self.ds_an.next = bit_cast::<32, 2>(self.parse.an.val());
        self.ds_slot.next = bit_cast::<32, SC_BITS>(self.l_slot.val());
        self.ds_sl.next = bit_cast::<32, 8>(self.parse.sl.val());
        self.ds_vf.next = bit_cast::<32, 2>(self.validate.val());
        if self.reset.val() {
            self.busy.d.next = false;
            self.age.d.next = 0.into();
        }
    }
}
