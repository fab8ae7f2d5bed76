//! The receive SA table's plain-Rust semantics, the same as its Verilog body's
//! (`verilog.rs`): the lookup at a frame's start, the writes and registers of a clock edge, and
//! the outputs between edges.

use rust_hdl::prelude::*;

use macsec_model::regmap::tables::rx_sa as t;

use super::{recover, Cfg, Decided, Pns, Read, RxSaTable};
use crate::engine::params::ANS;

impl RxSaTable {
    /// The lookup's first stage: the state of SA `li` now.
    fn read(&self, li: usize, p: u32) -> Read {
        let valid = self._valid[li];
        Read {
            li,
            valid,
            enable: valid && self._enable[li],
            llh: if valid { self._lowhi[li] } else { 0 },
            spec: self._spec[li],
            busy: self._infl[li] > 0,
            p,
        }
    }

    /// The second: the PN recovered from the first stage's read, and whether a frame in flight
    /// could change it.
    fn decide(&self, r: Read, window: u64) -> Decided {
        let (pn, hazard) = if self.suite_xpn.val() {
            let pn = recover(r.p, r.llh << 31);
            let spec = r.llh.max(r.spec);
            (pn, r.busy && recover(r.p, spec << 31) != pn)
        } else {
            (r.p as u64, false)
        };
        Decided {
            li: r.li,
            valid: r.valid,
            enable: r.enable,
            pn,
            hazard,
            take: pn.saturating_add(1).saturating_sub(window) >> 31,
        }
    }

    /// The clock edge: the writes of both memory ports, the registers, the in-flight counts and
    /// the valid bits.
    pub(super) fn edge(&mut self) {
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32();
        let window = v(&self.window) as u64;
        let xpn = self.suite_xpn.val();
        let cnext = pn64(v(&self.c_d1), v(&self.c_d2));
        let clow = pn64(v(&self.c_d3), v(&self.c_d4));
        let li = ANS * self.l_slot.val().index() + self.l_an.val().index();
        let ei = ANS * self.e_slot.val().index() + self.e_an.val().index();
        let ci = self.c_index.val().index();
        let rn = self.r_next.val().index();
        let epn = pn64(v(&self.e_pn_lo), v(&self.e_pn_hi));
        // The lookup's stages, and the SA they decided on at the last edge.
        let read = self.read(li, v(&self.l_pn32));
        let decided = self.decide(self._r, window);
        let Decided {
            li,
            valid: lv,
            pn: lpn,
            take,
            ..
        } = self._d;
        // Port A: the SA at the end, forwarded the writes of the last edge; the commit.
        let pa = self.port_a();
        let (enext, elow) = (self._e_next, self._e_low);
        let a_upd = self.e_commit.val() && self.e_valid.val() && self._valid[ei] && epn >= pa.next;
        let a_new = Pns {
            next: enext,
            lowest: pa.lowest.max(elow),
        };
        // Port B: the window's SA; an install, or a PN update merged with a commit to the same
        // SA this cycle. Both ports then hold that SA's state (the same word, forwarded alike),
        // and a commit only raises PNs, so the update's maxima and the commit's combine in
        // either order: merging them after the update keeps the commit's arithmetic beside the
        // update's, not in front of it.
        let pb = self.port_b();
        let install = self.c_install.val();
        let b_we = install || (self.c_update_pn.val() && self._valid[ci]);
        let b_new = if install {
            Pns {
                next: cnext,
                lowest: self._c_low,
            }
        } else {
            let m = Pns {
                next: pb.next.max(cnext),
                lowest: pb.lowest.max(clow),
            };
            if a_upd && ei == ci {
                Pns {
                    next: m.next.max(enext),
                    lowest: m.lowest.max(elow),
                }
            } else {
                m
            }
        };
        let a_we = a_upd && !(b_we && ci == ei);
        let b_addr = if b_we { ci } else { rn };
        let d0 = v(&self.c_d0);
        let c_cfg = Cfg {
            key: t::CTRL_KEY.get(d0) as u16,
            ssci: v(&self.c_d5),
            salt: [v(&self.c_d6), v(&self.c_d7), v(&self.c_d8)],
        };
        if self.clear.val() {
            // The frames in flight go with the reset (the datapath resets at this edge),
            // so their counts and speculative lowest PNs go too.
            self.clear_state();
        } else {
            // The memories read before they write (as block RAM in read-first mode).
            self._a_rd = self._pn[ei];
            self._b_rd = self._pn[b_addr];
            self._cr_rd = self._cfg_r[b_addr];
            if self.l_start.val() {
                self._k_rd = self._cfg_l[li];
                self._kx = xpn && lv;
                self._ivp = if xpn {
                    [0, (lpn >> 32) as u32, lpn as u32]
                } else {
                    [v(&self.l_sci_hi), v(&self.l_sci_lo), lpn as u32]
                };
            }
            if a_we {
                self._pn[ei] = a_new;
                self._lowhi[ei] = a_new.lowest >> 31;
            }
            if b_we {
                self._pn[ci] = b_new;
                self._lowhi[ci] = b_new.lowest >> 31;
            }
            if install {
                self._cfg_r[ci] = c_cfg;
                self._cfg_l[ci] = c_cfg;
            }
            self._ea = ei;
            self._a_we = a_we;
            self._a_wd = a_new;
            self._rb = b_addr;
            self._b_we = b_we;
            self._b_wd = b_new;
            self._cr = b_addr;
            self._ci_we = install;
            self._ci_addr = ci;
            self._ci_wd = c_cfg;
            self._r = read;
            self._d = decided;
            self._e_next = epn.saturating_add(1);
            self._e_low = self._e_next.saturating_sub(window);
            self._c_low = if clow != 0 {
                clow
            } else {
                cnext.saturating_sub(window).max(1)
            };
            if self.e_commit.val() {
                self._infl[ei] = self._infl[ei].saturating_sub(1);
                if self._infl[ei] == 0 {
                    self._spec[ei] = 0;
                }
            }
            if self.l_take.val() {
                // The highest lowestPN this frame could leave behind if it proves valid.
                self._infl[li] = self._infl[li].saturating_add(1);
                self._spec[li] = self._spec[li].max(take);
            }
            let en = t::CTRL_ENABLE.get(d0) != 0;
            if install {
                self._valid[ci] = true;
                self._enable[ci] = en;
            } else if self.c_enable_only.val() {
                self._enable[ci] = self._valid[ci] && en;
            } else if self.c_remove.val() {
                self._valid[ci] = false;
                self._enable[ci] = false;
            } else if self.c_remove_sc.val() {
                let b = ANS * self.c_sc.val().index();
                self._valid[b..b + ANS].iter_mut().for_each(|x| *x = false);
                self._enable[b..b + ANS].iter_mut().for_each(|x| *x = false);
            }
        }
    }

    pub(super) fn outputs(&mut self, pn_bad: bool) {
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32();
        self.c_pn_bad.next = pn_bad;
        let r = self._rb;
        let (pb, cr) = (self.port_b(), self.cfg_read());
        let words = if self._valid[r] {
            [
                t::CTRL_ENABLE.val(self._enable[r] as u32)
                    | t::CTRL_VALID.bit()
                    | t::CTRL_KEY.val(cr.key as u32),
                pb.next as u32,
                (pb.next >> 32) as u32,
                pb.lowest as u32,
                (pb.lowest >> 32) as u32,
                cr.ssci,
                cr.salt[0],
                cr.salt[1],
                cr.salt[2],
            ]
        } else {
            [0; 9]
        };
        for (o, w) in [
            &mut self.r_d0,
            &mut self.r_d1,
            &mut self.r_d2,
            &mut self.r_d3,
            &mut self.r_d4,
            &mut self.r_d5,
            &mut self.r_d6,
            &mut self.r_d7,
            &mut self.r_d8,
        ]
        .into_iter()
        .zip(words)
        {
            o.next = (w as u64).into();
        }
        let d = self._d;
        self.l_key.next = (d.li as u64).into();
        self.l_valid.next = d.valid;
        self.l_enable.next = d.enable;
        self.l_pn_lo.next = (d.pn as u32 as u64).into();
        self.l_pn_hi.next = (d.pn >> 32).into();
        self.l_hazard.next = d.hazard;
        let k = if self._kx {
            let c = self._k_rd;
            [c.salt[0] ^ c.ssci, c.salt[1], c.salt[2]]
        } else {
            [0; 3]
        };
        self.l_iv0.next = ((self._ivp[0] ^ k[0]) as u64).into();
        self.l_iv1.next = ((self._ivp[1] ^ k[1]) as u64).into();
        self.l_iv2.next = ((self._ivp[2] ^ k[2]) as u64).into();
        let ei = ANS * self.e_slot.val().index() + self.e_an.val().index();
        let epn = pn64(v(&self.e_pn_lo), v(&self.e_pn_hi));
        self.e_ready.next = ei == self._ea;
        self.e_below.next = self._valid[ei] && epn < self.port_a().lowest;
    }
}

pub(super) fn pn64(lo: u32, hi: u32) -> u64 {
    (hi as u64) << 32 | lo as u64
}

pub(super) fn bad(pn: u64, max: u64) -> bool {
    pn == 0 || pn > max
}
